"""Answers as the record of learning: applying one to a session, and merging a turn into a newer state.

Every first attempt at a quiz item is one journal entry (item, concept, depth, type, right or
wrong, hints, FSRS rating, time, and the item's chance of a lucky guess). The quiz applies each
entry through `apply_answer`, and nothing else changes what was learned, so the same entries
applied to any state give what live turns would have given there: BKT and FSRS are replayable.

That is how a store keeps every answer when two processes save the same learner: the second save
finds a newer stored state, and `merge_turn` replays the turn's journal into it instead of
writing over it.
"""
from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from .mastery import record_skill
from .review import review_card
from .session import Session

__all__ = ["apply_answer", "merge_turn", "LEARNED", "guess_of"]

# What answers change. The rest of a session is the conversation (topic, depth asked for, quiz in progress).
LEARNED = ("mastery", "mastered", "cards", "asked", "tally", "misses", "concept_levels")

# The chance of a lucky guess by item type, for journal entries written before entries carried it
# (multiple choice items have four options in the bundled pack).
_GUESS_BY_TYPE = {"tf": 0.5, "mc": 0.25}


def guess_of(entry: dict[str, Any]) -> float:
    guess = entry.get("guess")
    return float(guess) if guess is not None else _GUESS_BY_TYPE.get(entry.get("type", ""), 0.1)


def apply_answer(session: Session, entry: dict[str, Any]) -> tuple[str, str]:
    """Apply one answered item to the learner: review card, counters, mastery. Returns the concept's depth
    before and after. Does not journal the entry (the quiz does; a merge replays entries already journaled)."""
    concept, correct = entry["concept"], bool(entry["correct"])
    when = datetime.fromisoformat(entry["at"])
    session.cards[concept] = review_card(session.cards.get(concept), concept, entry["rating"], when)
    session.asked[entry["item"]] = session.asked.get(entry["item"], 0) + 1
    right, answered = session.tally.get(concept, [0, 0])
    session.tally[concept] = [right + int(correct), answered + 1]
    if not correct:
        session.misses[concept] = session.misses.get(concept, 0) + 1
    return record_skill(session, concept, entry["level"], correct, guess_of(entry))


def merge_turn(stored: Session, turn: Session) -> Session:
    """The state to save when `turn` was loaded before `stored` was saved by someone else.

    What was learned comes from `stored`, with the turn's journaled answers replayed into it, so no answer is
    lost and the result is what the saves would have given one after the other. The conversation (topic, depth
    asked for, quiz or lesson in progress, history) is the turn's: it is what the learner saw last (but a lesson
    the turn never saw is kept, and terms taught in either stay taught). The journal stays the turn's, for the
    store to write; the revision is the stored one.
    """
    merged = Session.from_dict(turn.to_dict())
    for name in LEARNED:
        setattr(merged, name, copy.deepcopy(getattr(stored, name)))
    for entry in turn.journal:
        apply_answer(merged, entry)
    merged.turns = max(stored.turns, turn.turns)
    # terms glossed in either are taught, so a gloss is not given again; a lesson is the turn's, but a turn that
    # never saw one (it is never cleared once started) does not drop the lesson another window started
    merged.taught = list(dict.fromkeys(stored.taught + turn.taught))
    if merged.lesson is None and stored.lesson is not None:
        merged.lesson = copy.deepcopy(stored.lesson)
    merged.revision = stored.revision
    return merged
