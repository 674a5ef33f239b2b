"""One regular expression that matches where any of several does: a quick first test before trying them one by one.

Most texts match none of a list of patterns (intents, depth cues, spelling folds), and one pass of a combined
pattern costs far less than a call per pattern. The combined pattern only ever says "none of them can match";
whatever it finds, the patterns are still tried one by one, in their order, so what is found is unchanged.
"""
from __future__ import annotations

import re
from re import _constants as _c  # the parsed form of a pattern (stable across 3.11-3.13), read only to index patterns
from re import _parser
from typing import Iterable, Sequence, TypeVar

__all__ = ["either", "ByFirstChar", "first_chars", "Gates", "needed_pieces"]

T = TypeVar("T")

# a named group or a reference to one, not escaped; renamed per pattern so two patterns may share a name
_NAMED = re.compile(r"(?<!\\)((?:\\\\)*)\(\?P([<=])([A-Za-z_][A-Za-z0-9_]*)")
# what a combined pattern would change the meaning of: numbered back-references and conditionals
# (their numbers shift) and global inline flags (only allowed at the start of a whole pattern)
_UNSAFE = re.compile(r"(?<!\\)(?:\\\\)*(?:\\[1-9]|\(\?\(|\(\?[aiLmsux]+\))")


def either(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str] | None:
    """A pattern that matches a text (by search or fullmatch) exactly when one of `patterns` does; None when
    they cannot be combined safely (the caller then tries each one)."""
    parts = []
    for number, pattern in enumerate(patterns):
        if pattern.flags & ~re.UNICODE or not isinstance(pattern.pattern, str) or _UNSAFE.search(pattern.pattern):
            return None
        parts.append("(?:" + _NAMED.sub(lambda m: f"{m.group(1)}(?P{m.group(2)}_{number}_{m.group(3)}", pattern.pattern) + ")")
    if not parts:
        return None
    try:
        return re.compile("|".join(parts))
    except (re.error, RecursionError, OverflowError):
        return None


class ByFirstChar:
    """Entries of (item, patterns) filed by the first character a match can start with, so that a text is tried
    against the patterns that could match it, in their order, and no other. Read-only after construction."""

    def __init__(self, entries: list[tuple[T, list[re.Pattern[str]]]]) -> None:
        self._all = entries
        starts = [[first_chars(p) for p in patterns] for _, patterns in entries]
        chars = sorted({c for row in starts for found in row if found for c in found})
        self._by_char = {c: _keep(entries, starts, lambda found, c=c: found is None or c in found) for c in chars}
        self._other = _keep(entries, starts, lambda found: found is None)

    def candidates(self, text: str) -> list[tuple[T, list[re.Pattern[str]]]]:
        """The entries, with only the patterns that could match all of `text` (by fullmatch, or by match)."""
        if not text:
            return self._all
        return self._by_char.get(text[0], self._other)


def _keep(entries, starts, wanted) -> list:
    kept = []
    for (item, patterns), found in zip(entries, starts):
        chosen = [p for p, first in zip(patterns, found) if wanted(first)]
        if chosen:
            kept.append((item, chosen))
    return kept


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a non-empty match of `pattern` at the start of a text must begin with; None when that cannot
    be told (any character, an empty match, flags)."""
    if pattern.flags & ~re.UNICODE or not isinstance(pattern.pattern, str):
        return None
    try:
        chars, empty = _firsts(list(_parser.parse(pattern.pattern, pattern.flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return None if chars is None or empty else frozenset(chars)


def _firsts(items: list) -> tuple[set[str] | None, bool]:
    """The first characters of a sequence of parsed items, and whether the sequence can match the empty string."""
    found: set[str] = set()
    for op, value in items:
        chars, empty = _first_of(op, value)
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


def _first_of(op, value) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(value)}, False
    if op is _c.IN:
        return _charset(value), False
    if op is _c.BRANCH:
        return _branch_firsts(value)
    return _group_first(op, value)


def _branch_firsts(value) -> tuple[set[str] | None, bool]:
    branches = [_firsts(list(seq)) for seq in value[1]]
    if any(chars is None for chars, _ in branches):
        return None, False
    return set().union(*(chars for chars, _ in branches)), any(empty for _, empty in branches)


def _group_first(op, value) -> tuple[set[str] | None, bool]:
    """Groups, repeats and assertions."""
    if op is _c.SUBPATTERN:
        return _firsts(list(value[3])) if not (value[1] or value[2]) else (None, False)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        chars, empty = _firsts(list(value[2]))
        return chars, empty or value[0] == 0
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _firsts(list(value))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # takes no character: what follows decides (ignoring the assertion only widens the set)
    return None, False


def _charset(items) -> set[str] | None:
    chars: set[str] = set()
    for op, value in items:
        if op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] <= 256:
            chars.update(chr(n) for n in range(value[0], value[1] + 1))
        else:
            return None  # a negated set, a category (\w, \d) or a wide range: any character may start it
    return chars


# --- gates of words: most texts hold none of the words a pattern needs ---------------------------------------------
_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"\w+")
_START_LENGTH = 4  # a word start is compared on at most this many characters
_OPENING = 3  # letters by which pieces are filed for `open`
_RARE_ENOUGH = 3  # pieces rarer than this (one letter, a common word) open a gate too often to be worth one


class Gates:
    """Patterns, each given as its alternatives, behind gates: the pieces one of which any match of an alternative
    must hold (the start of a word, or a piece of text). `open(text)` tells, in one pass over the words of a text,
    which alternatives could match it; `pattern(number, opened)` is then the pattern to search with: the whole one
    if a gated alternative could match, else only its alternatives that have no gate (often none). A gated
    alternative that cannot match would find nothing, so what is found is unchanged. `common` words (what, is ...)
    are in nearly every question: a gate is never made of them alone. Read-only after construction."""

    def __init__(self, entries: Iterable[Sequence[str]], common: frozenset[str] = frozenset()) -> None:
        self._whole: list[re.Pattern[str] | None] = []
        self._ungated: list[re.Pattern[str] | None] = []
        self._by_start: dict[str, set[int]] = {}
        self._by_piece: dict[str, set[int]] = {}
        for number, alternatives in enumerate(entries):
            gates = [needed_pieces(re.compile(a), common) for a in alternatives]
            self._whole.append(_one_pattern(alternatives))
            self._ungated.append(_one_pattern([a for a, gate in zip(alternatives, gates) if gate is None]))
            self._file(number, gates)
        self._lengths = sorted({len(s) for s in self._by_start})
        # pieces by their first three letters: a text is tried only for the pieces whose opening it holds
        self._by_opening: dict[str, list[tuple[str, set[int]]]] = {}
        for piece, numbers in self._by_piece.items():
            self._by_opening.setdefault(piece[:_OPENING], []).append((piece, numbers))
        self._openings = frozenset(self._by_opening)
        self._short_openings = frozenset(o for o in self._by_opening if len(o) < _OPENING)
        self._with_ungated = frozenset(n for n, p in enumerate(self._ungated) if p is not None)

    def _file(self, number: int, gates: list[frozenset[tuple[str, str]] | None]) -> None:
        """File a pattern under each piece its gated alternatives need."""
        for kind, piece in {p for gate in gates if gate for p in gate}:
            (self._by_start if kind == "start" else self._by_piece).setdefault(piece, set()).add(number)

    def open(self, text: str) -> set[int]:
        """The numbers of the patterns of which a gated alternative could match `text`."""
        opened: set[int] = set()
        for word in _WORDS.findall(text):
            for n in self._lengths:
                if n > len(word):
                    break
                numbers = self._by_start.get(word[:n])
                if numbers:
                    opened |= numbers
        openings = {text[i:i + _OPENING] for i in range(len(text) - _OPENING + 1)} & self._openings
        for opening in openings.union(self._short_openings):  # (a piece shorter than an opening is tried always)
            for piece, numbers in self._by_opening[opening]:
                if piece in text:
                    opened |= numbers
        return opened

    def pattern(self, number: int, opened: set[int]) -> re.Pattern[str] | None:
        """The pattern to search a text with, given what `open` said of it; None if nothing in it could match."""
        return self._whole[number] if number in opened else self._ungated[number]

    def searchable(self, opened: set[int]) -> dict[int, re.Pattern[str]]:
        """Every pattern worth searching a text with, by number in order, given what `open` said of it."""
        return {n: self.pattern(n, opened) for n in sorted(opened.union(self._with_ungated))}


def _one_pattern(alternatives: Sequence[str]) -> re.Pattern[str] | None:
    """Alternatives as one pattern, searched once (one alone, as written)."""
    if len(alternatives) == 1:
        return re.compile(alternatives[0])
    return re.compile("|".join(f"(?:{a})" for a in alternatives)) if alternatives else None


def needed_pieces(pattern: re.Pattern[str], common: frozenset[str] = frozenset()) -> frozenset[tuple[str, str]] | None:
    """Pieces one of which every match of `pattern` holds: ("start", s), a word of the text begins with s, or
    ("text", s), s is in the text. None when no rare enough pieces can be told (flags, a match that may be
    anything, only common words)."""
    if pattern.flags & ~re.UNICODE or not isinstance(pattern.pattern, str):
        return None
    try:
        needed = _needed(list(_parser.parse(pattern.pattern, pattern.flags)), True, common)
    except (re.error, RecursionError, TypeError, ValueError):
        return None
    return needed if needed and _worth(needed, common) >= _RARE_ENOUGH else None


def _worth(needed: frozenset[tuple[str, str]], common: frozenset[str]) -> int:
    """How rare a set of pieces is in text: its least rare piece, by length; a common word is worth nothing."""
    return min(0 if _only_common(piece, common) else len(piece) + (kind == "start") for kind, piece in needed)


def _only_common(piece: str, common: frozenset[str]) -> bool:
    words = _WORDS.findall(piece)
    return not words or all(w in common for w in words)


def _needed(items: list, at_start: bool, common: frozenset[str]) -> frozenset[tuple[str, str]] | None:
    """The best set of pieces among those the items of a sequence need; `at_start` says whether the sequence
    begins where a word may begin (after \\b, ^ or a non-word character)."""
    found: list[frozenset[tuple[str, str]]] = []
    run = ""
    run_at_start = at_start
    for op, value in items + [(None, None)]:
        if op is _c.LITERAL:
            run_at_start = at_start if not run else run_at_start
            run += chr(value)
            continue
        if run:
            found.extend(_pieces_of_run(run, run_at_start, common))
            at_start = not _WORD_CHAR.match(run[-1])
            run = ""
        if op is None:
            break
        needed, at_start = _needed_by(op, value, at_start, common)
        if needed:
            found.append(needed)
    # the rarest; word starts (looked up, not searched for) before pieces of text once rare enough
    return max(found, key=lambda f: (_worth(f, common) >= _RARE_ENOUGH and all(k == "start" for k, _ in f),
                                     _worth(f, common), -len(f)), default=None)


def _pieces_of_run(run: str, at_start: bool, common: frozenset[str]) -> list[frozenset[tuple[str, str]]]:
    """A run of literal characters is itself needed; so is each word start in it that is no common word."""
    pieces = [frozenset({("text", run)})]
    for i, char in enumerate(run):
        begins = at_start if i == 0 else not _WORD_CHAR.match(run[i - 1])
        if begins and _WORD_CHAR.match(char):
            word = _WORDS.match(run, i).group(0)
            if word not in common:
                pieces.append(frozenset({("start", word[:_START_LENGTH])}))
    return pieces


def _needed_by(op, value, at_start: bool, common: frozenset[str]) -> tuple[frozenset[tuple[str, str]] | None, bool]:
    """What one parsed item needs, and whether a word may begin right after it."""
    if op is _c.AT:
        return None, value in (_c.AT_BOUNDARY, _c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return None, at_start  # takes no character
    if op is _c.SUBPATTERN:
        return (_needed(list(value[3]), at_start, common) if not (value[1] or value[2]) else None), False
    if op is _c.BRANCH:
        branches = [_needed(list(seq), at_start, common) for seq in value[1]]
        return (None if any(b is None for b in branches) else frozenset().union(*branches)), False
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and value[0] >= 1:
        return _needed(list(value[2]), at_start, common), False
    return None, False
