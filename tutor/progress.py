"""What a learner has shown so far: mastery by section and concept, accuracy, reviews due.

`progress_report` is the data (`tutor progress --json`, `Tutor.progress`); `render_progress` is the
table a learner reads at a glance: a bar per section and per concept, in the document's order, and
words that claim no more than the record shows.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .mastery import MASTERY, depth_from_mastery
from .matcher import short_title
from .model import LEVELS, SECTIONS, KnowledgeBase
from .review import due_concepts, next_due
from .session import Session

__all__ = ["progress_report", "render_progress", "plural", "when_due"]

_TITLE_WIDTH = 30
_BAR = 10


def progress_report(kb: KnowledgeBase, session: Session, now: datetime) -> dict[str, Any]:
    """A JSON-safe summary of the session's learning: mastery, first-attempt accuracy, reviews.

    Per concept, `mastery` is the mean of the depth skills (unchanged meaning); `current` is the
    skill at the depth the concept is now taught at, which is what the table shows.
    """
    due = set(due_concepts(session.cards, now))
    concepts = [_concept_row(session, concept, concept.id in due) for concept in _document_order(kb)]
    answered = sum(a for _, a in session.tally.values())
    right = sum(r for r, _ in session.tally.values())
    nxt = next_due(session.cards)
    return {
        "answered": answered,
        "accuracy": round(right / answered, 3) if answered else None,
        "due": len(due), "next_review": nxt.isoformat() if nxt else None,
        "mastered_threshold": MASTERY, "concepts": concepts,
    }


def _document_order(kb: KnowledgeBase) -> list:
    """Top-level concepts in the document's order (sections, then the pack's outline of headings)."""
    return [c for c in kb.in_document_order() if not c.parent]


def _concept_row(session: Session, concept, due: bool) -> dict[str, Any]:
    right, answered = session.tally.get(concept.id, [0, 0])
    skills = session.mastery.get(concept.id, {})
    card = session.cards.get(concept.id)
    depth = depth_from_mastery(session, concept.id)
    return {
        "id": concept.id, "title": short_title(concept), "section": concept.section, "heading": concept.heading,
        "mastery": round(sum(skills.values()) / len(LEVELS), 3) if skills else 0.0,
        "by_depth": {level: round(skills.get(level, 0.0), 3) for level in LEVELS},
        "current": round(skills.get(depth, 0.0), 3) if answered else 0.0,
        "mastered": list(session.mastered.get(concept.id, [])),
        "depth": depth,
        "answered": answered, "right": right,
        "due": due, "next_review": card["due"] if card else None,
    }


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def when_due(moment: datetime, now: datetime) -> str:
    """ "now", "in a minute", "in 10 minutes", "in 1 hour", "in 1 day (2026-11-30)"."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    if seconds < 90:
        return "in a minute"
    if seconds < 3600:
        return f"in {plural(round(seconds / 60), 'minute')}"
    if seconds < 86400:
        return f"in {plural(round(seconds / 3600), 'hour')}"
    return f"in {plural(round(seconds / 86400), 'day')} ({moment.strftime('%Y-%m-%d')})"


def _bar(value: float, width: int = _BAR) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


def _fit(title: str, width: int = _TITLE_WIDTH) -> str:
    """A title cut at a word, never mid-word."""
    if len(title) <= width:
        return title
    cut = title[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:-'")
    return cut + "\u2026"


def render_progress(report: dict[str, Any], now: datetime | None = None) -> str:
    lines = [_headline(report, now), "", _header()]
    for section in SECTIONS:
        rows = [c for c in report["concepts"] if c["section"] == section]
        if rows:
            mean = sum(c["current"] for c in rows) / len(rows)
            lines.append(f"{section.capitalize():<{_TITLE_WIDTH + 2}} {_bar(mean)} {mean * 100:3.0f}%")
            lines.extend(_row(c) for c in rows)
    lines.append("")
    lines.append(f"Mastery is the estimate for the depth each topic is taught at now; a depth counts as mastered at "
                 f"{report['mastered_threshold'] * 100:.0f}%.")
    return "\n".join(lines)


def _headline(report: dict[str, Any], now: datetime | None) -> str:
    if not report["answered"]:
        return "No quiz questions answered yet: say \"quiz me\" (or run `tutor quiz`) to start."
    parts = [f"Answered {plural(report['answered'], 'question')}, {report['accuracy'] * 100:.0f}% right on the first attempt."]
    if report["due"]:
        parts.append(f"Reviews due now: {report['due']}.")
    elif report["next_review"]:
        moment = datetime.fromisoformat(report["next_review"])
        parts.append(f"Next review: {when_due(moment, now) if now else moment.strftime('%Y-%m-%d %H:%M UTC')}.")
    return " ".join(parts)


def _header() -> str:
    return f"  {'Topic':<{_TITLE_WIDTH}} {'Mastery':<{_BAR + 5}} {'Right':>5}  {'Depth':<12} Review"


def _row(c: dict[str, Any]) -> str:
    score = f"{c['right']}/{c['answered']}" if c["answered"] else "-"
    percent = f"{c['current'] * 100:3.0f}%" if c["answered"] else "   -"
    review = "due now" if c["due"] else (c["next_review"] or "")[:10]
    return f"  {_fit(c['title']):<{_TITLE_WIDTH}} {_bar(c['current'])} {percent}  {score:>5}  {c['depth']:<12} {review}".rstrip()
