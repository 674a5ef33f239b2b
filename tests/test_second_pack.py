"""A pack on another subject (tests/data/photosynthesis) works with no code change: answers, depths, declines,
its own spelling folds and starting points, quizzes; and the bundled pack's folds do not leak into it."""
from __future__ import annotations

import shutil

import pytest

from tutor import Tutor
from tutor.errors import ContentError
from tutor.normalise import fold

from conftest import ROOT

PACK = ROOT / "tests" / "data" / "photosynthesis" / "knowledge"


@pytest.fixture(scope="module")
def plants() -> Tutor:
    return Tutor.load(knowledge=PACK)


def test_every_concept_is_answered_by_its_name_and_examples(plants):
    for concept in plants.kb.concepts.values():
        for text in (concept.title, *concept.examples):
            reply = plants.respond(plants.new_session(), text)
            assert reply.kind == "answer" and reply.concept == concept.id, (text, reply.kind, reply.concept)


def test_a_conversation_moves_through_the_depths(plants):
    session = plants.new_session()
    first = plants.respond(session, "what does chlorophyll do?")
    assert (first.kind, first.concept, first.level) == ("answer", "chlorophyll", "fundamentals")
    deeper = plants.respond(session, "more detail")
    assert (deeper.concept, deeper.level) == ("chlorophyll", "intermediate") and deeper.level_changed
    assert plants.respond(session, "simpler").level == "fundamentals"


def test_the_packs_own_folds_are_used(plants):
    reply = plants.respond(plants.new_session(), "what is the Calvin-Benson cycle?")
    assert (reply.kind, reply.concept) == ("answer", "calvin-cycle")
    with plants.folding():
        assert fold("CO-2 and the Calvin Benson Bassham cycle") == "carbon dioxide and the calvin cycle"
        assert fold("bone broken down by ER-alpha") == "bone broken down by er alpha"  # the bone pack's folds are not here


def test_the_bundled_packs_folds_stay_with_it():
    bundled = Tutor.load()
    with bundled.folding():
        assert fold("bone broken down by ER-alpha") == "bone break down by eralpha"
    assert fold("bone broken down by ER-alpha") == "bone broken down by er alpha"  # outside any pack: no domain folds


def test_nothing_matched_suggests_the_packs_starting_points(plants):
    reply = plants.respond(plants.new_session(), "zzz qqq")
    assert reply.kind == "unknown"
    assert reply.suggestions == ("Tell me about Photosynthesis", "Tell me about Chloroplast")


def test_topics_and_a_quiz_run_to_the_end(plants):
    session = plants.new_session()
    topics = plants.respond(session, "topics")
    assert topics.kind == "chat" and "Fundamentals: Photosynthesis" in topics.text and "Academic: Calvin cycle" in topics.text
    reply = plants.quiz(session, count=3)
    assert reply.kind == "quiz" and "Question 1/3" in reply.text
    for _ in range(12):
        if session.quiz is None:
            break
        reply = plants.respond(session, "skip")
    assert session.quiz is None and "Score:" in reply.text


def test_a_bad_fold_is_a_problem_with_file_and_line(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PACK, knowledge)
    (knowledge / "language.yaml").write_text("folds:\n  - ['\\\\bco[', 'co2']\n  - [just one]\nstarters: [nothing-here]\n",
                                             encoding="utf-8")
    with pytest.raises(ContentError) as err:
        Tutor.load(knowledge=knowledge)
    problems = [str(p) for p in err.value.problems]
    assert any("language.yaml:2: fold" in p for p in problems), problems
    assert any("language.yaml:3: a fold must be a [pattern, replacement] pair" in p for p in problems), problems
    assert any("language.yaml:4: starters: 'nothing-here' is not a concept" in p for p in problems), problems
