"""One regular expression that matches where any of several does: a quick first test before trying them one by one.

Most texts match none of a list of patterns (intents, depth cues, spelling folds), and one pass of a combined
pattern costs far less than a call per pattern. The combined pattern only ever says "none of them can match";
whatever it finds, the patterns are still tried one by one, in their order, so what is found is unchanged.
"""
from __future__ import annotations

import re
from re import _constants as _c  # the parsed form of a pattern (stable across 3.11-3.13), read only to index patterns
from re import _parser
from typing import Iterable, TypeVar

__all__ = ["either", "ByFirstChar", "first_chars"]

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
