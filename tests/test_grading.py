"""Grading: the labelled learner answers, and the rules behind them."""
from __future__ import annotations

import pytest
import yaml

from tutor import Tutor
from tutor.model import Misconception, QuizItem, Rubric

from conftest import ROOT

_TUTOR = Tutor.load()
_ITEMS = {i.id: i for i in _TUTOR.kb.quiz}
_LABELLED = yaml.safe_load((ROOT / "tests" / "data" / "graded_answers.yaml").read_text(encoding="utf-8"))["answers"]


def _grade(entry):
    item = _ITEMS[entry["item"]]
    if entry.get("why"):
        return _TUTOR._grader.rubric(item.why, entry["answer"], item.explanation)
    return _TUTOR._grader.grade(item, entry["answer"])


def test_labelled_set_is_large_and_varied():
    assert len(_LABELLED) >= 150
    assert len({e["item"] for e in _LABELLED}) >= 40
    assert {"paraphrase", "typo", "negation", "reversal", "confusable", "stuffing"} <= {e["kind"] for e in _LABELLED}


def test_grader_agrees_with_the_labels_and_rarely_accepts_a_wrong_answer():
    grades = [(_grade(e).correct, e["correct"]) for e in _LABELLED]
    agreement = sum(g == label for g, label in grades) / len(grades)
    wrong = [g for g, label in grades if not label]
    false_accepts = sum(wrong) / len(wrong)
    assert agreement >= 0.90, f"agreement {agreement:.3f}"
    assert false_accepts <= 0.02, f"false accepts {false_accepts:.3f}"


_RUBRIC = Rubric(required=(("rankl",), ("lower", "reduce", "suppress", "decrease", "inhibit")), direction="down",
                 misconceptions=(Misconception((("rank",),), "RANK is the receptor; the question is about RANKL."),))


@pytest.mark.parametrize("answer, correct", [
    ("estrogen lowers RANKL", True),
    ("it suppresses rankl expression", True),
    ("RANKL goes down", True),
    ("estrogen lowers RANKL and raises OPG", True),
    ("estrogen increases RANKL", False),            # reversed
    ("estrogen does not lower RANKL", False),       # negated
    ("it raises and lowers RANKL", False),          # both ways at once
    ("it lowers RANK", False),                      # a confusable, not a typo
    ("RANKL", False),                               # half an answer
])
def test_rubric_direction_negation_confusables(answer, correct):
    assert _TUTOR._grader.rubric(_RUBRIC, answer).correct is correct


def test_feedback_names_what_is_missing_or_reversed():
    assert "missing" in _TUTOR._grader.rubric(_RUBRIC, "RANKL").feedback
    assert "reversed" in _TUTOR._grader.rubric(_RUBRIC, "estrogen increases RANKL").feedback
    assert "receptor" in _TUTOR._grader.rubric(_RUBRIC, "it lowers RANK").feedback


def test_typos_only_on_long_words_and_never_into_another_term():
    cloze = QuizItem("t", "osteoclasts", "fundamentals", "cloze", "The ____ resorb bone.", "e", answer="osteoclasts")
    grader = _TUTOR._grader
    assert grader.grade(cloze, "osteoclsts").correct
    assert not grader.grade(cloze, "osteoblasts").correct
    short = QuizItem("u", "rankl", "intermediate", "cloze", "____ binds RANK.", "e", answer="RANKL")
    assert not grader.grade(short, "rank").correct
    assert not grader.grade(short, "rnkl").correct  # too short to forgive


def test_aliases_count_for_a_term():
    rubric = Rubric(required=(("opg",), ("bind", "binds")))
    assert _TUTOR._grader.rubric(rubric, "osteoprotegerin binds the ligand").correct


def test_a_keyword_list_is_not_an_answer():
    rubric = Rubric(required=(("opg",), ("rankl",), ("bind", "binds", "decoy")))
    assert not _TUTOR._grader.rubric(rubric, "opg rankl rank bind decoy").correct
    assert _TUTOR._grader.rubric(rubric, "opg is a decoy that binds rankl").correct


def test_a_direction_against_the_model_answer_is_caught():
    rubric = Rubric(required=(("opg",),))
    model = "Estrogen raises OPG and lowers RANKL."
    assert not _TUTOR._grader.rubric(rubric, "estrogen lowers opg", model).correct
    assert _TUTOR._grader.rubric(rubric, "estrogen raises opg", model).correct
