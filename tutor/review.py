"""Spaced review with FSRS (the `fsrs` package, default parameters): one card per concept.

Outcome to rating: wrong or answer revealed -> Again, right after a hint -> Hard, right -> Good.
Cards are kept in the session as plain dicts, so they survive restarts with it.
"""
from __future__ import annotations

import zlib
from datetime import datetime, timezone

__all__ = ["rating_for", "review_card", "due_concepts", "next_due", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def rating_for(correct: bool, hints: int, revealed: bool) -> str:
    if revealed or not correct:
        return "again"
    return "hard" if hints else "good"


def review_card(card: dict | None, concept_id: str, rating: str, now: datetime) -> dict:
    """The card after one review; `card` is None for a concept never reviewed."""
    from fsrs import Card, Rating, Scheduler  # imported here: only quizzes pay for it

    current = Card.from_dict(card) if card else Card(card_id=zlib.crc32(concept_id.encode()) or 1, due=now)
    updated, _ = Scheduler(enable_fuzzing=False).review_card(current, Rating[rating.capitalize()], now)
    return updated.to_dict()


def _due(card: dict) -> datetime:
    return datetime.fromisoformat(card["due"])


def due_concepts(cards: dict[str, dict], now: datetime) -> list[str]:
    """Concepts whose review is due, most overdue first."""
    return sorted((c for c, card in cards.items() if _due(card) <= now), key=lambda c: (_due(cards[c]), c))


def next_due(cards: dict[str, dict]) -> datetime | None:
    return min((_due(card) for card in cards.values()), default=None)
