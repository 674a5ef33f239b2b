"""Messages made only of depth words change the depth, however they are worded (tutor/depthtalk.py)."""

from __future__ import annotations

import pytest

from tutor.depthtalk import DepthTalk
from tutor.normalise import fold

from conftest import Chat

WORDS = DepthTalk.of({"deeper": ("deeper", "more detail", "more"), "simpler": ("simpler", "too technical"),
                      "academic": ("molecular level",), "fundamentals": ("simplest",),
                      "neutral": ("ok", "go", "one", "level", "a", "bit", "much", "please", "version", "now", "technical")})


@pytest.mark.parametrize("text, steps", [
    ("ok go one level deeper", 1),
    ("a bit simpler please", -1),
    ("too technical now", -1),  # the longer phrase wins over its neutral word
    ("much deeper molecular level", 2),  # an end named anywhere wins over a step
    ("simplest version please", -2),
    ("more detail ok simpler", -1),  # otherwise the last request counts
    ("simpler more", -1),  # a bare "more" after a request intensifies it
])
def test_steps_of_messages_made_only_of_depth_words(text, steps):
    assert WORDS.steps(text) == steps


@pytest.mark.parametrize("text", ["deeper bone", "ok please", "", "what is deeper"])
def test_a_word_outside_the_classes_or_no_request_is_not_a_depth_change(text):
    assert WORDS.steps(text) is None


@pytest.mark.parametrize("turns, levels", [
    (["tell me about RANK", "ok, go one level deeper", "much deeper, molecular level"],
     ["fundamentals", "intermediate", "academic"]),
    (["what is igf-1", "the full science please", "still too much, simplest version please"],
     ["fundamentals", "academic", "fundamentals"]),
    (["what is opg", "thanks, now go deeper", "ok that's too technical now, a bit simpler"],
     ["fundamentals", "intermediate", "fundamentals"]),
    # "picture" says nothing of its own; plain words are the plainest depth, as they are inside a question
    (["how do hormones affect bones?", "more detail", "deeper still, the molecular picture", "in plain words please"],
     ["fundamentals", "intermediate", "academic", "fundamentals"]),
    (["what is rankl", "explain like a textbook", "can you simplify?", "dumb it down more"],
     ["fundamentals", "academic", "intermediate", "fundamentals"]),
    # a version named is an end, though a step comes with it
    (["what is the bone microenvironment?", "go deeper, the technical version"], ["fundamentals", "academic"]),
])
def test_depth_talk_re_explains_the_topic_at_the_new_depth(tutor, turns, levels):
    chat = Chat(tutor)
    replies = [chat.say(t) for t in turns]
    assert [r.level for r in replies] == levels
    assert all(r.kind == "answer" and r.concept == replies[0].concept for r in replies)
    assert all(r.level_changed for r in replies[1:])


def test_depth_talk_before_any_topic_sets_the_depth(tutor):
    chat = Chat(tutor)
    chat.say("a little more detail please", kind="chat")
    assert chat.say("what is rankl", concept="rankl").level == "intermediate"


def test_a_question_with_depth_words_stays_a_question(tutor):
    chat = Chat(tutor)
    chat.say("what is osteoporosis", concept="osteoporosis")
    assert chat.say("and in men?").intent not in ("deeper", "simpler")


def test_every_depth_word_is_read_alone_as_its_class(tutor):
    """Meta-test over the pack's classes: each phrase by itself moves the depth its class says."""
    talk = DepthTalk.of(tutor.rules.depth_words)
    moves = {"deeper": 1, "simpler": -1, "academic": 2, "fundamentals": -2}
    for name, phrases in tutor.rules.depth_words.items():
        for phrase in phrases:
            assert talk.steps(fold(phrase)) == moves.get(name), (name, phrase)


@pytest.mark.parametrize("question, level", [
    ("Explain osteoporosis in technical academic terms for my thesis", "academic"),
    ("Tell me everything about IGF-1 at the deepest, most technical level", "academic"),
    ("Explain IGF-1 in academic detail", "academic"),
    ("explain rankl in plain, simple words", "fundamentals"),
])
def test_depth_phrases_inside_a_question_set_its_depth(tutor, question, level):
    chat = Chat(tutor, "intermediate" if level == "fundamentals" else "fundamentals")
    reply = chat.say(question)
    assert reply.kind == "answer" and reply.level == level


@pytest.mark.parametrize("text", ["thanks, that helped a lot", "Hello there, I'm a nurse brushing up on bone physiology",
                                  "Thank you very much for your patience", "What topics can you teach me?"])
def test_courtesy_and_remarks_are_small_talk(tutor, text):
    assert Chat(tutor).say(text).kind == "chat"


def test_a_question_after_a_greeting_is_answered(tutor):
    assert Chat(tutor).say("hi, tell me about rankl").concept == "rankl"


@pytest.mark.parametrize("text, steps", [("way too technical", -1), ("far too much detail", -1), ("a bit too technical", -1),
                                         ("way too basic", 1)])
def test_an_intensified_too_keeps_its_direction_in_the_bundled_words(tutor, text, steps):
    # "way too" is no phrase of its own: "technical" after it must not read as a request for more
    assert tutor._depth_talk.steps(text) == steps
