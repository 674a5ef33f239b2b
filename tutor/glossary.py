"""Examples, analogies and the glossary: how they are read from a pack, looked up, and used.

`analogies:` holds one everyday example or analogy per concept and depth; `glossary:` one line per
concept and per technical term. Both are optional for a pack to load; `tutor lint` reports a concept
or a vocabulary term without one.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

from .checks import Checker
from .errors import Problem
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


def resolve_glossary(raw: list[tuple[str, str, Any, Checker, int]], concepts: dict[str, Concept],
                     dangling: Callable[[Problem], None] | None = None) -> dict[str, Gloss]:
    """Concept lines by concept id, term lines by folded term; a `see:` follows to its target. An id no concept
    has goes to `dangling` (the loader counts them when a file could not be read)."""
    glossary: dict[str, Gloss] = {}
    pointers: list[tuple[str, str, Checker, int]] = []
    for part, key, text, check, at in raw:
        if part == "concepts" and key not in concepts:
            _no_such_concept(Problem(check.source, at, f"glossary: '{key}' is not a concept"), check, dangling)
        else:
            _entry(glossary, pointers, (part, key, text, check, at), concepts, dangling)
    for key, target, check, at in pointers:
        entry = glossary.get(target) or glossary.get(fold(target))
        if entry is None:
            check.report(at, f"glossary term '{key}': 'see' names no glossary entry '{target}'")
        else:
            glossary[fold(key)] = Gloss(key, entry.text, entry.concept, check.source, at, home=entry.home)
    return glossary


def _no_such_concept(problem: Problem, check: Checker, dangling: Callable[[Problem], None] | None) -> None:
    if dangling:
        dangling(problem)
    else:
        check.report(problem.line, problem.message)


def _entry(glossary: dict[str, Gloss], pointers: list[tuple[str, str, Checker, int]],
           raw: tuple[str, str, Any, Checker, int], concepts: dict[str, Concept],
           dangling: Callable[[Problem], None] | None) -> None:
    """One entry: a line, a pointer kept to follow once all lines are known, or a term with its home concept."""
    part, key, text, check, at = raw
    if isinstance(text, dict) and "see" in text:
        check.unknown_keys(text, {"see"}, f"glossary term '{key}'")
        pointers.append((key, check.text(text, "see", f"glossary term '{key}'"), check, at))
    elif isinstance(text, dict) and part == "terms":
        _homed_term(glossary, key, text, concepts, check, at, dangling)
    elif not isinstance(text, str) or not text.strip():
        check.report(at, f"glossary '{key}': expected one line of text, {{see: ...}} or {{text: ..., home: concept-id}}")
    elif part == "concepts":
        glossary[key] = Gloss(short_title(concepts[key]), " ".join(text.split()), key, check.source, at)
    else:
        glossary[fold(key)] = Gloss(key, " ".join(text.split()), "", check.source, at)


def _homed_term(glossary: dict[str, Gloss], key: str, entry: dict, concepts: dict[str, Concept], check: Checker,
                at: int, dangling: Callable[[Problem], None] | None) -> None:
    """`term: {text: line, home: concept-id}`: a term with the concept a question about it is about."""
    what = f"glossary term '{key}'"
    check.unknown_keys(entry, {"text", "home"}, what)
    text, home = check.text(entry, "text", what), check.text(entry, "home", what)
    if home and home not in concepts:
        _no_such_concept(Problem(check.source, at, f"{what}: home '{home}' is not a concept"), check, dangling)
    elif text and home:
        glossary[fold(key)] = Gloss(key, " ".join(text.split()), "", check.source, at, home=home)


class Glossary:
    """Looks up one-line definitions and adds them, in brackets, to a term's first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._by_name = _lookup_names(kb)
        # the names glossed on first use, indexed by first word, longest first, so a text is scanned once
        self._by_first: dict[str, list[tuple[list[str], Gloss]]] = {}
        for name, entry in sorted(_first_use_names(kb).items(), key=lambda pair: -len(pair[0].split())):
            if len(name) >= 3:
                self._by_first.setdefault(name.split()[0], []).append((name.split(), entry))
        # the matching form of every word of the pack's explanations, worked out once here (and kept with the
        # compiled pack) rather than on each turn that glosses an explanation
        self._forms = {w: _form(w) for c in kb.concepts.values() for text in c.explain.values()
                       for w in _TOKEN.findall(text)}

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

    def exact(self, phrase: str) -> Gloss | None:
        """The entry whose name is exactly this phrase, and no part-of-a-name guess."""
        key = _key(phrase)
        return self._by_name.get(key) if key else None

    def homed_term_within(self, words: list[str]) -> Gloss | None:
        """The longest term with a home concept said as a run of these words ("what are Leydig cells known for?")."""
        key = f" {_key(' '.join(words))} "
        found = [e for name, e in self._by_name.items() if e.home and f" {name} " in key]
        return max(found, key=lambda e: len(e.term), default=None)

    def starting_with(self, letter: str) -> list[Gloss]:
        return [e for e in self.entries() if e.term.lower().startswith(letter.lower())]

    def _tokens(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Each word of a text with its span and its matching form."""
        forms = self._forms
        return tuple((m.start(), m.end(), forms[m.group()] if m.group() in forms else _form(m.group()))
                     for m in _TOKEN.finditer(text))

    def _uses(self, text: str) -> tuple[tuple[str, int, bool, str], ...]:
        """The glossary names a text uses, in order, as (mark, end, whether it stands unexplained, the gloss to add):
        what does not depend on the learner, remembered for the last texts (mostly the pack's own explanations,
        shown again and again)."""
        cache = self.__dict__.setdefault("_uses_cache", {})
        found = cache.get(text)
        if found is None:
            found = tuple(self._scan(text))
            if len(cache) >= _USES_CACHE_SIZE:
                cache.clear()  # bounded: what one pack shows is far less, so this hardly ever happens
            cache[text] = found
        return found

    def _scan(self, text: str) -> Iterator[tuple[str, int, bool, str]]:
        tokens = self._tokens(text)
        stems = [t[2] for t in tokens]
        i = 0
        while i < len(tokens):
            candidates = self._by_first.get(stems[i])
            match = candidates and next(((words, entry) for words, entry in candidates if stems[i:i + len(words)] == words), None)
            if match is None:
                i += 1
                continue
            words, entry = match
            end = tokens[i + len(words) - 1][1]
            yield entry.concept or fold(entry.term), end, _plain_use(text, tokens[i][0], end), f" [{entry.text}]"
            i += len(words)

    def gloss_first_use(self, text: str, about: str, known: Iterable[str], limit: int = 3) -> tuple[str, list[str]]:
        """The text with a bracketed one-line gloss after the first use of up to `limit` terms that are not
        `known` (concept ids taught, terms glossed) and not what the text is about; returns the keys glossed.
        A term the text explains where it first uses it ("osteoblasts, the bone-building cells") gets none."""
        seen = set(known) | {about}
        glossed: list[str] = []
        inserts: list[tuple[int, str]] = []
        for mark, end, plain, gloss in self._uses(text):
            if len(inserts) >= limit:
                break
            if mark not in seen:
                seen.add(mark)
                if plain:
                    glossed.append(mark)
                    inserts.append((end, gloss))
        for end, gloss in sorted(inserts, reverse=True):
            text = text[:end] + gloss + text[end:]
        return text, glossed


def _lookup_names(kb: KnowledgeBase) -> dict[str, Gloss]:
    """Every name an entry is looked up by: a concept's title, short title and aliases; a term as written."""
    names: dict[str, Gloss] = {}
    for key, entry in kb.glossary.items():
        if entry.concept and key == entry.concept:
            concept = kb.concepts[key]
            for name in (short_title(concept), concept.title, *concept.aliases):
                names.setdefault(_key(name), entry)
    for key, entry in kb.glossary.items():
        if not (entry.concept and key == entry.concept):
            names.setdefault(_key(entry.term), entry)
    return names


def _first_use_names(kb: KnowledgeBase) -> dict[str, Gloss]:
    """The names glossed on first use: a concept's own names and one-word aliases (a descriptive alias such as
    "bone-building cells" explains itself), and the terms."""
    first: dict[str, Gloss] = {}
    for concept in kb.concepts.values():
        entry = kb.glossary.get(concept.id)
        if entry is not None:
            names = [short_title(concept), concept.title, *(a for a in concept.aliases if len(fold(a).split()) == 1)]
            first.update({_key(n): entry for n in names})
    first.update({_key(e.term): e for k, e in kb.glossary.items() if not e.concept or k != e.concept})
    return first


def _key(phrase: str) -> str:
    """A name as looked up: folded, each word stemmed ("osteoclasts" finds "osteoclast")."""
    return " ".join(stem(w) for w in fold(phrase).split())


_USES_CACHE_SIZE = 2048
_TOKEN = re.compile(r"[A-Za-z0-9\u03b1]+(?:-[0-9]+)?")


def _form(word: str) -> str:
    """A word's matching form: its folded first part, stemmed."""
    folded = fold(word).split()
    return stem(folded[0]) if folded else ""


def _plain_use(text: str, start: int, end: int) -> bool:
    """Whether a name at text[start:end] stands without an explanation beside it: not inside or before brackets,
    not followed by a comma and "the" or "a" (an apposition), not a word of a longer capitalised name."""
    before, after = text[max(0, start - 1):start], text[end:end + 6].lower()
    if text.count("(", 0, start) > text.count(")", 0, start) or before in ("(", "["):
        return False
    if after.startswith((" (", ")", ", the", ", a ", ", an ", " [", "-")):
        return False
    return not (text[start].isupper() and re.match(r"[ -][A-Z]", text[end:end + 2]))
