"""Examples, analogies and the glossary: how they are read from a pack, looked up, and used.

`analogies:` holds one everyday example or analogy per concept and depth; `glossary:` one line per
concept and per technical term. Both are optional for a pack to load; `tutor lint` reports a concept
or a vocabulary term without one.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from .checks import Checker
from .model import LEVELS, Analogy, Concept, Gloss, KnowledgeBase
from .names import short_title
from .normalise import fold, stem

__all__ = ["parse_analogies", "parse_glossary", "resolve_glossary", "Glossary"]


def parse_analogies(check: Checker, value: Any, line: int) -> list[Analogy]:
    """`analogies: {concept-id: {fundamentals: text, intermediate: text, academic: text}}`."""
    found: list[Analogy] = []
    for cid, depths in check.mapping(value, "'analogies'", line).items():
        at = check.key_line(value, cid)
        depths = check.mapping(depths, f"analogies of '{cid}'", at)
        check.unknown_keys(depths, set(LEVELS), f"analogies of '{cid}'")
        for level in LEVELS:
            if level in depths:
                text = check.text(depths, level, f"analogies of '{cid}'")
                if text:
                    found.append(Analogy(str(cid), level, " ".join(text.split()), check.source, check.key_line(depths, level)))
    return found


def parse_glossary(check: Checker, value: Any, line: int) -> list[tuple[str, str, Any, Checker, int]]:
    """`glossary: {concepts: {id: line}, terms: {term: line or {see: id or term}}}` as raw entries, resolved once
    every concept is known: (part, key, value, checker, line)."""
    top = check.mapping(value, "'glossary'", line)
    check.unknown_keys(top, {"concepts", "terms"}, "glossary")
    raw = []
    for part in ("concepts", "terms"):
        if part not in top:
            continue
        entries = check.mapping(top[part], f"glossary '{part}'", check.key_line(top, part))
        for key, text in entries.items():
            raw.append((part, str(key), text, check, check.key_line(entries, key)))
    return raw


def resolve_glossary(raw: list[tuple[str, str, Any, Checker, int]], concepts: dict[str, Concept]) -> dict[str, Gloss]:
    """Concept lines by concept id, term lines by folded term; a `see:` follows to its target."""
    glossary: dict[str, Gloss] = {}
    pointers = []
    for part, key, text, check, at in raw:
        if part == "concepts" and key not in concepts:
            check.report(at, f"glossary: '{key}' is not a concept")
        elif isinstance(text, dict):
            check.unknown_keys(text, {"see"}, f"glossary term '{key}'")
            pointers.append((key, check.text(text, "see", f"glossary term '{key}'"), check, at))
        elif not isinstance(text, str) or not text.strip():
            check.report(at, f"glossary '{key}': expected one line of text or {{see: ...}}")
        elif part == "concepts":
            glossary[key] = Gloss(short_title(concepts[key]), " ".join(text.split()), key, check.source, at)
        else:
            glossary[fold(key)] = Gloss(key, " ".join(text.split()), "", check.source, at)
    for key, target, check, at in pointers:
        entry = glossary.get(target) or glossary.get(fold(target))
        if entry is None:
            check.report(at, f"glossary term '{key}': 'see' names no glossary entry '{target}'")
        else:
            glossary[fold(key)] = Gloss(key, entry.text, entry.concept, check.source, at)
    return glossary


class Glossary:
    """Looks up one-line definitions and adds them, in brackets, to a term's first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_name: dict[str, Gloss] = {}
        for key, entry in kb.glossary.items():
            if entry.concept and key == entry.concept:
                concept = kb.concepts[key]
                for name in (short_title(concept), concept.title, *concept.aliases):
                    self._by_name.setdefault(_key(name), entry)
        for key, entry in kb.glossary.items():
            if not (entry.concept and key == entry.concept):
                self._by_name.setdefault(_key(entry.term), entry)
        # the names glossed on first use: a concept's own names and one-word aliases (a descriptive alias such as
        # "bone-building cells" explains itself) and the terms; longest first, so "estrogen receptor alpha" beats "estrogen"
        first = {}
        for concept in kb.concepts.values():
            entry = kb.glossary.get(concept.id)
            names = [short_title(concept), concept.title, *(a for a in concept.aliases if len(fold(a).split()) == 1)]
            first.update({_key(n): entry for n in names if entry is not None})
        first.update({_key(e.term): e for k, e in kb.glossary.items() if not e.concept or k != e.concept})
        self._first_use = sorted(((name, entry) for name, entry in first.items() if len(name) >= 3), key=lambda pair: -len(pair[0]))

    def entries(self) -> list[Gloss]:
        """Every entry once, alphabetically by the name shown."""
        seen: dict[tuple[str, str], Gloss] = {}
        for entry in self.kb.glossary.values():
            seen.setdefault((entry.term.lower(), entry.text), entry)
        return sorted(seen.values(), key=lambda e: e.term.lower())

    def lookup(self, phrase: str, concept_id: str | None = None) -> Gloss | None:
        """The entry for a phrase ("resorption", "OPG", "decoy receptor"), or for a concept id."""
        if concept_id and concept_id in self.kb.glossary:
            return self.kb.glossary[concept_id]
        key = _key(phrase)
        if not key:
            return None
        if key in self._by_name:
            return self._by_name[key]
        # a part of a name ("resorption" for bone resorption) when only one entry's name holds it
        for part in (rf"\b{re.escape(key)}$", rf"\b{re.escape(key)}\b"):  # the head noun first
            holders = {(e.term, e.text): e for name, e in self._by_name.items() if re.search(part, name)}
            if len(holders) == 1:
                return next(iter(holders.values()))
        return None

    def starting_with(self, letter: str) -> list[Gloss]:
        return [e for e in self.entries() if e.term.lower().startswith(letter.lower())]

    def gloss_first_use(self, text: str, about: str, known: Iterable[str], limit: int = 3) -> tuple[str, list[str]]:
        """The text with a bracketed one-line gloss after the first use of up to `limit` terms that are not
        `known` (concept ids taught, terms glossed) and not what the text is about; returns the keys glossed."""
        known = set(known) | {about}
        tokens = _tokens(text)
        glossed: list[str] = []
        taken: set[int] = set()
        inserts: list[tuple[int, str]] = []
        for name, entry in self._first_use:
            mark = entry.concept or fold(entry.term)
            if len(inserts) >= limit or mark in known or mark in glossed:
                continue
            span = _first_plain_use(text, tokens, name.split(), taken)
            if span is None:
                continue
            taken.update(range(*span))
            glossed.append(mark)
            inserts.append((tokens[span[1] - 1][1], f" [{entry.text}]"))
        for end, gloss in sorted(inserts, reverse=True):
            text = text[:end] + gloss + text[end:]
        return text, glossed


def _key(phrase: str) -> str:
    """A name as looked up: folded, each word stemmed ("osteoclasts" finds "osteoclast")."""
    return " ".join(stem(w) for w in fold(phrase).split())


_TOKEN = re.compile(r"[A-Za-z0-9\u03b1]+(?:-[0-9]+)?")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Each word of a text with its span and its matching form."""
    out = []
    for match in _TOKEN.finditer(text):
        folded = fold(match.group())
        out.append((match.start(), match.end(), stem(folded.split()[0]) if folded.split() else ""))
    return out


def _first_plain_use(text: str, tokens: list[tuple[int, int, str]], name: list[str], taken: set[int]) -> tuple[int, int] | None:
    """The token span where a name is first used, unless the text explains it right there itself: inside or before
    brackets, or followed by a comma and "the" or "a" (an apposition)."""
    size = len(name)
    for i in range(len(tokens) - size + 1):
        if [t[2] for t in tokens[i:i + size]] != name or taken & set(range(i, i + size)):
            continue
        start, end = tokens[i][0], tokens[i + size - 1][1]
        before, after = text[max(0, start - 1):start], text[end:end + 6].lower()
        inside = text.count("(", 0, start) > text.count(")", 0, start)
        if text[start].isupper() and re.match(r"[ -][A-Z]", text[end:end + 2]):  # a word of a longer capitalised name
            continue
        if inside or before in ("(", "[") or after.startswith((" (", ")", ", the", ", a ", ", an ", " [", "-")):
            return None
        return i, i + size
    return None
