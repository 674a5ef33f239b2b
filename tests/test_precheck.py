"""The regular-expression shortcuts (tutor/precheck.py) never change what matches: a combined pattern finds a text
exactly when one of its parts does, and the first-character index never leaves out a pattern that matches."""
from __future__ import annotations

import re

from tutor.normalise import fold
from tutor.precheck import ByFirstChar, either, first_chars

PATTERNS = [r"(hi|hello)( there)?", r"(?P<topic>[a-z]+) in (one|a) line", r"\bquiz me( on (?P<topic>.+))?",
            r"(?:give me )?(?P<count>\d+) questions?", r"[xyz]+ ?end", r"(a|b)?c", r"(?=what)what is (?P<topic>.+)",
            r"x*", r"[^q]uit", r"\bboth\b"]
TEXTS = ["hi", "hello there", "bone in one line", "quiz me on rankl", "quiz me", "give me 3 questions", "4 question",
         "xyz end", "yy end", "c", "ac", "bc", "what is opg", "", "xxx", "quit", "auit", "both", "hi there friend",
         "what", "b", "zzzend", " both", "3"]


def _compiled() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in PATTERNS]


def test_either_matches_exactly_when_some_pattern_does():
    patterns = _compiled()
    combined = either(patterns)
    assert combined is not None
    for text in TEXTS:
        assert bool(combined.search(text)) == any(p.search(text) for p in patterns), text
        assert bool(combined.fullmatch(text)) == any(p.fullmatch(text) for p in patterns), text


def test_either_refuses_what_it_cannot_combine():
    assert either([re.compile(r"(a)\1"), re.compile("b")]) is None  # a numbered back-reference would shift
    assert either([re.compile(r"(?i)abc")]) is None  # a global flag
    assert either([]) is None


def test_first_chars():
    assert first_chars(re.compile(r"(hi|hello)( there)?")) == frozenset("h")
    assert first_chars(re.compile(r"(a|b)?c")) == frozenset("abc")
    assert first_chars(re.compile(r"x*")) is None  # may match the empty text
    assert first_chars(re.compile(r"[^q]uit")) is None
    assert first_chars(re.compile(r"(?P<count>\d+) questions?")) is None


def test_index_keeps_every_pattern_that_matches_in_order():
    patterns = _compiled()
    entries = [(f"intent{i}", [p]) for i, p in enumerate(patterns)]
    index = ByFirstChar(entries)
    for text in TEXTS:
        expected = [name for name, (p,) in entries if p.fullmatch(text)]
        found = [name for name, ps in index.candidates(text) for p in ps if p.fullmatch(text)]
        assert found == expected, text


def test_index_over_the_bundled_intents_finds_what_a_full_scan_finds(tutor):
    index = ByFirstChar(tutor._intents)
    texts = [fold(t) for t in ("hi there", "quiz me on osteoclasts", "simpler please", "what is rankl", "thanks a lot",
                               "bye", "give me 3 questions", "estrogen in one line", "show my progress", "go deeper",
                               "review", "what are you", "hmm", "")]
    for text in texts:
        full = [(intent.id, p.pattern) for intent, ps in tutor._intents for p in ps if p.fullmatch(text)]
        fast = [(intent.id, p.pattern) for intent, ps in index.candidates(text) for p in ps if p.fullmatch(text)]
        assert fast == full, text
