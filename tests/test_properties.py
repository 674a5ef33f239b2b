"""Properties of Tutor.respond over arbitrary input, and of sessions over JSON round trips (hypothesis).

- any unicode text (control characters, escape sequences, bidi marks, emoji, whitespace only, 1 MB)
  gets a Reply of a known kind with a non-empty text and no escape character, and never raises;
- an input longer than MAX_INPUT_CHARS (after cleaning) is answered exactly as its first
  MAX_INPUT_CHARS characters, with the "truncated" note in front;
- a session saved and restored (to_dict -> JSON -> from_dict) after every turn of a random
  conversation (questions, follow-ups, quiz commands and answers, noise) gives the same replies as
  one that never left memory.

Two deterministic tests at the end guard bugs found here (fixed since): a dropped truncation note, unbounded cleaning work.
"""
from __future__ import annotations

import json
import time
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tutor import Reply, Session, Tutor
from tutor.model import LEVELS
from tutor.normalise import MAX_INPUT_CHARS, clean_input
from tutor.reply import KINDS

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
ONE_MB = 1_000_000

# The example database would write .hypothesis/ into the checkout; failures print their example anyway.
PROPERTY = settings(max_examples=100, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# --- inputs ---------------------------------------------------------------------------------------
NASTY = [
    "\x1b[31m", "\x1b[0m", "\x1b[2J", "\x1b[1;32;40m", "\x1b]0;title\x07", "\x1b]8;;https://x.test\x1b\\", "\x1bc",
    "\x1b", "\x1b[", "\x9b31m", "\x00", "\x07", "\x08", "\x7f", "\r\n", "\r", "\t", "\x0b", "\x0c", "\x85",
    "\u200b", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00a0", "\u2028",
    "\u3000", "\ud800", "\udfff", "\U000e0041", "\ue000",
    "🦴", "👩‍⚕️", "🇬🇧", "e\u0301", "ﬁ", "Ⅻ", "ｏｓｔｅｏｃｌａｓｔ", "ΕΡα", "оsteoclast", "\ufdfa", "{}", "{topic}", "%s",
]
WORDS = [
    "what", "is", "are", "the", "OPG", "osteoclasts", "RANKL", "oestrogen", "estrogen", "testosterone", "bone", "why",
    "?", "!", ".", " ", " ", "quiz me", "hint", "skip", "stop", "more detail", "should I take HRT", "dose", "a", "true",
]
SPACES = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"

odd_pieces = st.one_of(st.sampled_from(NASTY), st.sampled_from(WORDS), st.text(max_size=8))
texts = st.one_of(
    st.text(),                                                         # arbitrary unicode (no surrogates)
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me", "So", "Sk", "Co"])),
    st.text(alphabet=st.sampled_from(SPACES)),                         # whitespace only
    st.lists(odd_pieces, max_size=30).map("".join),                    # questions mixed with escapes and marks
    st.lists(odd_pieces, min_size=1, max_size=5).map("".join).map(lambda s: s * (MAX_INPUT_CHARS // max(1, len(s)) + 7)),
)


# --- sessions in various states --------------------------------------------------------------------
def _why_pending(tutor: Tutor) -> dict:
    """A quiz waiting for the reason behind a right true/false answer (built as data: the state a store would hold)."""
    item = next(i for i in tutor.kb.quiz if i.type == "tf" and i.why and i.level != LEVELS[0])
    session = tutor.new_session()
    session.quiz = {"items": [item.id], "index": 0, "hints": 0, "tries": 1, "awaiting_why": True, "results": [],
                    "label": "test"}
    return session.to_dict()


_STATE_SCRIPTS = {
    "fresh": [],
    "after-answer": ["what is OPG"],
    "academic": ["I'm a medical student", "what blocks RANKL?"],
    "clarify-pending": ["testosterone estrogen"],
    "quiz-first-item": ["quiz me on osteoclasts"],
    "quiz-second-item": ["quiz me on osteoclasts", "a"],
    "quiz-after-hint": ["quiz me on RANKL", "hint", "hint"],
}
_STATES: dict[str, dict] = {}


def _state(tutor: Tutor, name: str) -> Session:
    if not _STATES:
        for key, script in _STATE_SCRIPTS.items():
            session = tutor.new_session()
            for line in script:
                tutor.respond(session, line, now=NOW)
            _STATES[key] = session.to_dict()
        _STATES["quiz-awaiting-why"] = _why_pending(tutor)
    return Session.from_dict(_STATES[name])


STATE_NAMES = [*_STATE_SCRIPTS, "quiz-awaiting-why"]


def _note(tutor: Tutor) -> str:
    return tutor.rules.messages["truncated"].format(limit=MAX_INPUT_CHARS)


def _check_reply(reply: Reply) -> None:
    assert isinstance(reply, Reply)
    assert reply.kind in KINDS
    assert reply.text.strip(), "empty reply text"
    assert "\x1b" not in reply.text
    controls = {ch for ch in reply.text if unicodedata.category(ch) in ("Cc", "Cs") and ch != "\n"}
    assert not controls, f"control characters in the reply: {sorted(map(hex, map(ord, controls)))}"
    assert reply.level in LEVELS
    assert 0.0 <= reply.confidence <= 1.0
    data = reply.to_dict()
    assert json.loads(json.dumps(data)) == data


# --- 1. any text ------------------------------------------------------------------------------------
@PROPERTY
@given(text=texts, state=st.sampled_from(STATE_NAMES))
@example(text="", state="fresh")
@example(text="\x1b[31mwhat is OPG\x1b[0m", state="fresh")
@example(text="\u202eRANKL", state="quiz-first-item")
@example(text="\x00\x01\x02\x1b\x1b[", state="quiz-awaiting-why")
@example(text=" \t\n\u3000\u200b", state="clarify-pending")
@example(text="quiz me on {topic}", state="fresh")
def test_any_text_gets_a_sensible_reply(tutor, text, state):
    session = _state(tutor, state)
    turns = session.turns
    reply = tutor.respond(session, text, now=NOW)
    _check_reply(reply)
    assert session.turns == turns + 1
    json.dumps(session.to_dict())  # still storable
    kept, cut = clean_input(text)
    if not cut:
        assert _note(tutor) not in reply.text
    else:
        assert reply.text.startswith(_note(tutor) + "\n")


# --- 2. very long input --------------------------------------------------------------------------
def _expands(sample: str) -> bool:
    """Characters whose NFKC form is much longer (U+FDFA is 18 characters): the cost of those is a known bug below."""
    return len(unicodedata.normalize("NFKC", sample)) > 2 * len(sample)


@settings(PROPERTY, max_examples=10)
@given(sample=st.text(min_size=1, max_size=40) | st.lists(odd_pieces, min_size=1, max_size=8).map("".join).filter(bool),
       state=st.sampled_from(["fresh", "after-answer", "quiz-first-item"]))
@example(sample="what is OPG ", state="fresh")
@example(sample="what do osteoclasts do? ", state="after-answer")
@example(sample="a", state="fresh")
@example(sample="\x1b[31m", state="fresh")
@example(sample="\u202eRANKL ", state="fresh")
@example(sample="🦴 ", state="quiz-first-item")
@example(sample=" \t\n", state="fresh")
@example(sample="\x00a", state="fresh")
@example(sample="e\u0301", state="fresh")
def test_one_megabyte_is_read_as_its_first_characters_with_a_note(tutor, sample, state):
    big = sample * (ONE_MB // len(sample.encode("utf-8", "surrogatepass")) + 1)  # about 1 MB of UTF-8
    kept, cut = clean_input(big)
    start = time.perf_counter()
    reply = tutor.respond(_state(tutor, state), big, now=NOW)
    elapsed = time.perf_counter() - start
    _check_reply(reply)
    assert len(kept) <= MAX_INPUT_CHARS
    reference = tutor.respond(_state(tutor, state), kept, now=NOW)  # the first MAX_INPUT_CHARS characters only
    if cut:
        assert reply.text == f"{_note(tutor)}\n{reference.text}"
        assert {**reply.to_dict(), "text": None} == {**reference.to_dict(), "text": None}
    else:  # not over the limit once cleaned
        assert reply.to_dict() == reference.to_dict()
    if not _expands(sample):
        assert elapsed < 2.0, f"{elapsed:.2f} s for {len(big)} characters"


# --- 3. sessions survive JSON round trips at any point of a conversation -------------------------------
QUESTIONS = ["what do osteoclasts do?", "what is OPG", "what blocks RANKL?", "tell me about estrogen", "what is HRT",
             "how does growth hormone affect bone?", "what does testosterone do", "testosterone estrogen",
             "what about vitamin D?", "should I take HRT?", "osteoclasts", "hello", "topics", "help"]
FOLLOW_UPS = ["more detail", "why?", "what does it bind to?", "simpler", "and in men?", "tell me more",
              "why did you say that?", "I'm a medical student", "explain like I'm five", "the first one", "2"]
QUIZ = ["quiz me", "quiz me on RANKL", "quiz me on osteoclasts", "quiz me on the academic section", "3 questions",
        "review", "progress", "hint", "reveal", "skip", "stop", "a", "b", "c", "d", "1", "true", "false",
        "i don't know", "because estrogen holds osteoclasts back", "they mature into osteoclasts"]
messages = st.one_of(st.sampled_from(QUESTIONS), st.sampled_from(FOLLOW_UPS), st.sampled_from(QUIZ), st.sampled_from(QUIZ),
                     st.text(max_size=30))
gaps = st.sampled_from([timedelta(0), timedelta(seconds=30), timedelta(minutes=10), timedelta(days=1), timedelta(days=40)])


@PROPERTY
@given(turns=st.lists(st.tuples(messages, gaps), min_size=1, max_size=25), level=st.sampled_from(LEVELS))
@example(turns=[("quiz me on osteoclasts", timedelta(0)), ("a", timedelta(0)), ("hint", timedelta(0)),
                ("what does it bind to?", timedelta(0)), ("true", timedelta(0)), ("skip", timedelta(0)),
                ("stop", timedelta(days=40)), ("review", timedelta(0)), ("i don't know", timedelta(0))],
         level="fundamentals")
@example(turns=[("what is OPG", timedelta(0)), ("more detail", timedelta(0)), ("why?", timedelta(0)),
                ("what does it bind to?", timedelta(0)), ("testosterone estrogen", timedelta(0)), ("2", timedelta(0))],
         level="intermediate")
def test_session_round_trips_at_every_turn_change_nothing(tutor, turns, level):
    kept = tutor.new_session(level)       # never leaves memory
    restored = tutor.new_session(level)   # saved and restored after every turn
    now = NOW
    for number, (text, gap) in enumerate(turns, 1):
        now += gap
        expected = tutor.respond(kept, text, now=now)
        got = tutor.respond(restored, text, now=now)
        _check_reply(got)
        assert got.to_dict() == expected.to_dict(), f"turn {number} ({text!r}) differs after a round trip"
        restored = Session.from_dict(json.loads(json.dumps(restored.to_dict())))
        assert restored == kept, f"session differs after turn {number} ({text!r})"


# --- bugs found (and fixed) ---------------------------------------------------------------------------------------
def test_truncation_note_even_when_the_kept_part_has_no_question(tutor):
    text = "! " * MAX_INPUT_CHARS + "what is OPG?"
    reply = tutor.respond(tutor.new_session(), text, now=NOW)
    assert _note(tutor) in reply.text


def test_cleaning_work_is_bounded_whatever_the_input(tutor, monkeypatch):
    seen: list[int] = []
    real = unicodedata.normalize

    def spy(form: str, text: str) -> str:
        out = real(form, text)
        seen.append(max(len(text), len(out)))
        return out

    monkeypatch.setattr(unicodedata, "normalize", spy)
    reply = tutor.respond(tutor.new_session(), "\ufdfa" * 100_000, now=NOW)
    assert reply.text.startswith(_note(tutor))
    assert max(seen) <= 50 * MAX_INPUT_CHARS, f"{max(seen):,} characters normalised for a {MAX_INPUT_CHARS}-character limit"
