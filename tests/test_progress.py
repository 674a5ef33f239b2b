"""Progress a learner reads at a glance (issue 10): a table with headers, bars in the document's order, honest words."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from tutor import Tutor
from tutor.progress import plural, progress_report, render_progress, when_due

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)

_JSON_KEYS = {"answered", "accuracy", "due", "next_review", "mastered_threshold", "concepts"}
_CONCEPT_KEYS = {"id", "title", "section", "mastery", "by_depth", "mastered", "depth", "answered", "right", "due", "next_review"}


@pytest.fixture(scope="module")
def tutor() -> Tutor:
    return Tutor.load()


def _answer_one(tutor, session, topic, right):
    reply = tutor.quiz(session, topic=topic, count=1, now=NOW)
    item = next(i for i in tutor.kb.quiz if i.id == reply.data["item"])
    if item.type == "mc":
        index = item.options.index(item.answer) if right else next(i for i, o in enumerate(item.options) if o != item.answer)
        text = "abcd"[index]
    elif item.type == "tf":
        text = "true" if item.answer == right else "false"
    else:
        text = str(item.answer) if right and item.type == "cloze" else "bananas"
    return tutor.respond(session, text, now=NOW)


def test_the_table_has_headers_and_sections_in_the_documents_order(tutor):
    text = render_progress(progress_report(tutor.kb, tutor.new_session(), NOW), NOW)
    lines = text.splitlines()
    header = next(line for line in lines if "Topic" in line)
    assert all(word in header for word in ("Topic", "Mastery", "Right", "Depth", "Review"))
    sections = [line.split()[0] for line in lines if line[:1].isupper() and "\u2591" in line]
    assert sections == ["Fundamentals", "Intermediate", "Academic", "References"]
    titles = [c["title"] for c in progress_report(tutor.kb, tutor.new_session(), NOW)["concepts"]]
    order = [c.section for c in tutor.kb.concepts.values() if not c.parent]
    assert sorted(order, key=["fundamentals", "intermediate", "academic", "references"].index) == \
        [c["section"] for c in progress_report(tutor.kb, tutor.new_session(), NOW)["concepts"]]
    for title, line in zip(titles, [line for line in lines if line.startswith("  ") and "Topic" not in line]):
        shown = line[2:32].rstrip()
        assert shown == title or (shown.endswith("\u2026") and (title + " ").startswith(shown[:-1].rstrip() + " ")), (title, shown)


def test_nothing_claimed_before_any_answer(tutor):
    session = tutor.new_session()
    text = render_progress(progress_report(tutor.kb, session, NOW), NOW)
    assert "No quiz questions answered yet" in text and "review" not in text.splitlines()[0].lower()
    chat = tutor.respond(session, "how am i doing", now=NOW).text
    assert "not answered any" in chat and "-" not in chat and "review" not in chat.lower()


def test_one_right_answer_is_not_strong_and_mastery_agrees_with_the_record(tutor):
    session = tutor.new_session(level="academic")
    summary = _answer_one(tutor, session, "osteoporosis", right=True)
    summary = summary if summary.data.get("event") == "summary" else tutor.respond(session, "stop", now=NOW)
    assert "Strong" not in summary.text and "Mastered" not in summary.text and "Score: 1/1" in summary.text
    wrong = tutor.new_session(level="academic")
    _answer_one(tutor, wrong, "estrogen", right=False)
    row = next(c for c in progress_report(tutor.kb, wrong, NOW)["concepts"] if c["id"] == "estrogen")
    assert (row["right"], row["answered"]) == (0, 1) and row["current"] < 0.2
    line = next(line for line in render_progress(progress_report(tutor.kb, wrong, NOW), NOW).splitlines()
                if line.startswith("  Estrogen "))
    assert "0/1" in line and f"{row['current'] * 100:3.0f}%" in line


def test_plurals_and_review_times(tutor):
    assert plural(1, "question") == "1 question" and plural(2, "question") == "2 questions"
    assert when_due(NOW + timedelta(days=1), NOW).startswith("in 1 day (")
    assert when_due(NOW + timedelta(hours=1), NOW) == "in 1 hour"
    assert when_due(NOW + timedelta(days=3), NOW).startswith("in 3 days (")
    session = tutor.new_session()
    _answer_one(tutor, session, "opg", right=True)
    text = tutor.respond(session, "how am i doing", now=NOW).text
    assert "answered 1 question (" in text and "Next review: in " in text


def test_json_keeps_its_fields_and_meaning(tutor):
    session = tutor.new_session(level="academic")
    _answer_one(tutor, session, "estrogen", right=False)
    report = json.loads(json.dumps(progress_report(tutor.kb, session, NOW)))
    assert _JSON_KEYS <= set(report) and all(_CONCEPT_KEYS <= set(c) for c in report["concepts"])
    row = next(c for c in report["concepts"] if c["id"] == "estrogen")
    assert row["mastery"] == round(sum(session.mastery["estrogen"].values()) / 3, 3)  # the mean over depths, as before
