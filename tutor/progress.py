"""What a learner has shown so far: mastery by section and concept, accuracy, reviews due."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .mastery import MASTERY, depth_from_mastery
from .matcher import short_title
from .model import LEVELS, SECTIONS, KnowledgeBase
from .review import due_concepts, next_due
from .session import Session

__all__ = ["progress_report", "render_progress"]


def progress_report(kb: KnowledgeBase, session: Session, now: datetime) -> dict[str, Any]:
    """A JSON-safe summary of the session's learning: mastery, first-attempt accuracy, reviews."""
    due = set(due_concepts(session.cards, now))
    concepts = []
    for concept in kb.concepts.values():
        if concept.parent:
            continue
        right, answered = session.tally.get(concept.id, [0, 0])
        skills = session.mastery.get(concept.id, {})
        card = session.cards.get(concept.id)
        concepts.append({
            "id": concept.id, "title": short_title(concept), "section": concept.section,
            "mastery": round(sum(skills.values()) / len(LEVELS), 3) if skills else 0.0,
            "by_depth": {level: round(skills.get(level, 0.0), 3) for level in LEVELS},
            "mastered": list(session.mastered.get(concept.id, [])),
            "depth": depth_from_mastery(session, concept.id),
            "answered": answered, "right": right,
            "due": concept.id in due, "next_review": card["due"] if card else None,
        })
    answered = sum(a for _, a in session.tally.values())
    right = sum(r for r, _ in session.tally.values())
    nxt = next_due(session.cards)
    return {
        "answered": answered,
        "accuracy": round(right / answered, 3) if answered else None,
        "due": len(due), "next_review": nxt.isoformat() if nxt else None,
        "mastered_threshold": MASTERY, "concepts": concepts,
    }


def _bar(value: float, width: int = 10) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


def render_progress(report: dict[str, Any]) -> str:
    lines = [_summary_line(report)]
    for section in SECTIONS:
        rows = [c for c in report["concepts"] if c["section"] == section]
        if rows:
            lines += ["", *_section_lines(section, rows)]
    return "\n".join(lines)


def _summary_line(report: dict[str, Any]) -> str:
    accuracy = f"{report['accuracy'] * 100:.0f}%" if report["accuracy"] is not None else "-"
    when = report["next_review"][:16].replace("T", " ") + " UTC" if report["next_review"] else "none scheduled"
    return (f"Answered {report['answered']} question{'s' if report['answered'] != 1 else ''}, {accuracy} right on the "
            f"first attempt. Reviews due now: {report['due']}. Next review: {when}.")


def _section_lines(section: str, rows: list[dict[str, Any]]) -> list[str]:
    mean = sum(c["mastery"] for c in rows) / len(rows)
    lines = [f"{section.capitalize():<32} {_bar(mean)} {mean * 100:3.0f}%"]
    for c in rows:
        due = "due" if c["due"] else (c["next_review"] or "")[:10]
        score = f"{c['right']}/{c['answered']}" if c["answered"] else "-"
        lines.append(f"  {c['title'][:30]:<30} {_bar(c['mastery'])} {c['mastery'] * 100:3.0f}%  {score:>5}  "
                     f"{c['depth']:<12} {due}")
    return lines
