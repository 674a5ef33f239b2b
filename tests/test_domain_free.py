"""The engine knows no domain: no concept id or domain word of the bundled pack is written in tutor/'s code.

Every string literal of the package (docstrings and comments aside: they may give examples) is searched for the
bundled pack's concept ids and for the words of its names that everyday English does not use.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tutor import Tutor
from tutor.english import common_words
from tutor.normalise import fold

PACKAGE = Path(__file__).resolve().parent.parent / "tutor"

# Files not yet cleaned, each with why; the list should only shrink.
NOT_YET = {
}
# Words of the pack's names that are also the tutor's own vocabulary (the names of its depths and sections).
GENERIC = {"fundamentals", "intermediate", "academic", "references", "reference", "reflection", "level", "levels"}


def _domain_terms() -> tuple[set[str], set[str]]:
    tutor = Tutor.load()
    common = set(common_words())
    ids = {c.id for c in tutor.kb.concepts.values()} - GENERIC
    words = {w for c in tutor.kb.concepts.values() for name in (c.title, *c.aliases) for w in fold(name).split()}
    words = {w for w in words if len(w) >= 4 and w.isalpha() and w not in common and w not in GENERIC}
    return ids, words


# Calls whose texts document the command line (its help and examples), as docstrings document code.
_HELP_CALLS = {"ArgumentParser", "add_argument", "add_parser", "_command"}


def _literals(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, without docstrings and command-line help."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node.body[0].value) for node in ast.walk(tree)
               if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if name in _HELP_CALLS:
            skipped |= {id(n) for arg in (*call.args, *(k.value for k in call.keywords)) for n in ast.walk(arg)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped]


def _hits(text: str, ids: set[str], words: set[str]) -> list[str]:
    found = [i for i in ids if re.search(rf"(?<![a-z0-9-]){re.escape(i)}(?![a-z0-9-])", text.lower())]
    found += [w for w in words if re.search(rf"\b{re.escape(w)}\b", fold(text))]
    return sorted(set(found))


def test_the_domain_terms_are_found_where_they_are_written():
    ids, words = _domain_terms()
    assert {"osteoclasts", "rankl", "opg", "estrogen"} <= ids
    assert {"osteoclasts", "rankl", "osteoprotegerin"} <= words
    assert _hits('nearby = ("bone-remodeling", "estrogen")', ids, words) == ["bone-remodeling", "estrogen", "remodeling"]
    assert _hits("the matcher's words", ids, words) == []


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.glob("*.py") if p.name not in NOT_YET), ids=lambda p: p.name)
def test_no_domain_word_in_the_code(path):
    ids, words = _domain_terms()
    hits = [(line, term) for line, text in _literals(path) for term in _hits(text, ids, words)]
    assert not hits, f"{path.name}: " + ", ".join(f"line {line}: {term!r}" for line, term in hits)
