"""The regular-expression shortcuts (tutor/precheck.py) never change what matches: a combined pattern finds a text
exactly when one of its parts does, the first-character index never leaves out a pattern that matches, and a gate
of words never hides a match (what the gated pattern finds is what the whole pattern finds)."""
from __future__ import annotations

import re
from pathlib import Path

from tutor.normalise import fold
from tutor.evaluation import load_cases
from tutor.normalise import STOPWORDS
from tutor.precheck import ByFirstChar, Gates, either, first_chars, needed_pieces

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


def test_needed_pieces_are_what_every_match_holds():
    assert needed_pieces(re.compile(r"\b(cure|cures) it")) == {("start", "cure")}
    # a common word is never a gate alone; the rarer word after it is (as text: after an optional part, whether
    # a word begins there is not told)
    assert needed_pieces(re.compile(r"\bwhat (does|do) (\w+ )?call\b"), frozenset({"what", "does", "do"})) == {("text", "call")}
    assert needed_pieces(re.compile(r"\bwhat (does|do) (\w+ )?call\b")) == {("start", "what")}
    assert needed_pieces(re.compile(r"\bwhat (is|are)\b"), frozenset({"what", "is", "are"})) is None
    # inside a word a piece is only text; each alternative needs its own piece, or there is no gate
    assert needed_pieces(re.compile(r"\w+ologist")) == {("text", "ologist")}
    assert needed_pieces(re.compile(r"\bhormone|\w+")) is None
    assert needed_pieces(re.compile(r"\bside ?effects?\b")) == {("start", "side")}  # a word start before text
    # a word start is kept to four letters; an optional part needs nothing; flags leave the pattern ungated
    assert needed_pieces(re.compile(r"\bdiagnos(is|ed)")) == {("start", "diag")}
    assert needed_pieces(re.compile(r"(very )?x*")) is None
    assert needed_pieces(re.compile(r"(?i)estrogen")) is None


GATED = [(r"\bwhat (is|are)\b", r"\bdefin(e|ition)\b"), (r"\b(cure|cures)\b", r"\bheal(ing|s)?\b"), (r"\w+ologists?\b",),
         (r"^(?!.*\bnot\b).*\bsafe\b", r"\bside ?effects?\b"), ()]
GATED_TEXTS = ["what is rankl", "can it cure osteoporosis", "does bone heal", "healing", "my endocrinologist said",
               "is it safe", "is it not safe", "any side effects", "sideeffects", "define opg", "", "cures and heals",
               "the definition", "what are side effects of a cure"]


def _same_match(gates: Gates, whole: list, text: str, number: int) -> bool:
    pattern = gates.pattern(number, gates.open(text))
    found = pattern.search(text) if pattern else None
    expected = whole[number].search(text) if whole[number] else None
    return (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))


def test_gates_find_what_the_whole_pattern_finds():
    gates = Gates(GATED, frozenset({"what", "is", "are", "not"}))
    whole = [re.compile("|".join(f"(?:{a})" for a in alts)) if alts else None for alts in GATED]
    for text in GATED_TEXTS:
        for number in range(len(GATED)):
            assert _same_match(gates, whole, text, number), (text, GATED[number])
    # a text with no needed word opens no gate: only the ungated alternative is searched
    assert gates.open("bone is living tissue") == set()
    assert gates.pattern(0, set()).pattern == r"\bwhat (is|are)\b"
    assert gates.pattern(1, set()) is None


def _questions() -> list[str]:
    """Questions of every kind, from the sets kept with the tests."""
    data = Path(__file__).parent / "data"
    texts = []
    for path in [data / "heldout.yaml", *sorted(data.glob("blind2*/*.yaml"))]:
        singles, dialogues = load_cases(path)
        texts += [c.question for c in singles] + [c.question for d in dialogues for c in d]
    return texts


def test_the_bundled_gates_never_hide_a_match(tutor):
    """Every frame, depth cue and boundary pattern of the pack, on hundreds of questions in the form each reads
    them (names masked, folded, lower case): the gated search finds exactly what the whole pattern finds."""
    reader = tutor._reader
    questions = _questions()
    assert len(questions) > 1000
    masked = [tutor.read(q).masked for q in questions]
    checks = [(reader._frame_gates, [f.patterns for f in tutor.rules.frames], masked),
              (reader._cue_gates, [(c.pattern,) for c in tutor.rules.cues], [fold(q) for q in questions]),
              (reader.boundary._gates, [(p,) for c in tutor.rules.boundary.classes for p in c.patterns],
               [q.lower() for q in questions])]
    for gates, entries, texts in checks:
        whole = [re.compile("|".join(f"(?:{a})" for a in alts)) if alts else None for alts in entries]
        for text in texts:
            for number in range(len(entries)):
                assert _same_match(gates, whole, text, number), (text, entries[number])


def test_the_bundled_gates_close_most_patterns(tutor):
    """The point of the gates: a question opens few of them (if this fails, a pattern lost its needed words)."""
    reader = tutor._reader
    questions = _questions()[:300]
    opened = sum(len(reader._frame_gates.open(tutor.read(q).masked)) for q in questions) / len(questions)
    assert opened < len(tutor.rules.frames) / 3


def test_the_gated_topic_search_finds_the_topic_one_search_of_all_would(tutor):
    """The out-of-scope topics, searched one by one behind their gates, give the topic a single search of all their
    patterns (one named group each) finds first: the leftmost match, and at one place the pack's first topic."""
    reader = tutor._reader
    texts = [" ".join(tutor.read(q).words) for q in _questions()]
    found_any = 0
    for text in texts:
        one_search = reader._out_of_scope.search(text)
        expected = reader._topics[int(one_search.lastgroup[1:])] if one_search else None
        assert reader._first_topic(text) == expected, text
        found_any += expected is not None
    assert found_any > 50  # the check is not vacuous
