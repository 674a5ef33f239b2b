"""Bayesian Knowledge Tracing per concept and depth, and the depth it implies.

Each (concept, depth) is one skill. After a first attempt:
    correct: post = L(1-S) / (L(1-S) + (1-L)G)      wrong: post = LS / (LS + (1-L)(1-G))
    then L' = post + (1-post)T
with prior L0, learn T, slip S, and a guess G that depends on the item type
(true/false 0.5, multiple choice 1/k, cloze and short answer 0.1). A skill is mastered at
0.95 and stays mastered until it falls below 0.6, so one slip does not flip the depth.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import LEVELS, QuizItem, level_index
from .session import Session

__all__ = ["BKT", "MASTERY", "FORGET_BELOW", "guess_for", "update", "record_attempt", "record_skill", "depth_from_mastery"]

MASTERY = 0.95
FORGET_BELOW = 0.6


@dataclass(frozen=True)
class BKT:
    prior: float = 0.1
    learn: float = 0.1
    slip: float = 0.1


def guess_for(item: QuizItem) -> float:
    if item.type == "tf":
        return 0.5
    if item.type == "mc":
        return 1.0 / max(2, len(item.options))
    return 0.1


def update(p: float, correct: bool, guess: float, params: BKT = BKT()) -> float:
    s = params.slip
    if correct:
        post = p * (1 - s) / (p * (1 - s) + (1 - p) * guess)
    else:
        post = p * s / (p * s + (1 - p) * (1 - guess))
    return post + (1 - post) * params.learn


def record_attempt(session: Session, item: QuizItem, correct: bool, params: BKT = BKT()) -> tuple[str, str]:
    """Update mastery with a first attempt; return the concept's depth before and after."""
    return record_skill(session, item.concept, item.level, correct, guess_for(item), params)


def record_skill(session: Session, concept: str, level: str, correct: bool, guess: float,
                 params: BKT = BKT()) -> tuple[str, str]:
    """Update one skill (concept, depth) with a first attempt whose chance of a lucky guess is `guess`; it needs
    nothing but what the answer journal keeps, so answers can be replayed into another state of the learner."""
    before = depth_from_mastery(session, concept)
    skills = session.mastery.setdefault(concept, _starting_skills(session, params))
    skills[level] = update(skills.get(level, params.prior), correct, guess, params)
    mastered = set(session.mastered.get(concept, []))
    if skills[level] >= MASTERY:
        mastered.add(level)
    elif skills[level] < FORGET_BELOW:
        mastered.discard(level)
    session.mastered[concept] = [depth for depth in LEVELS if depth in mastered]
    after = depth_from_mastery(session, concept)
    session.concept_levels[concept] = after
    return before, after


def _starting_skills(session: Session, params: BKT) -> dict[str, float]:
    """An unseen concept starts from the learner's overall level: the depths below it count as known."""
    return {level: (MASTERY if level_index(level) < level_index(session.level) else params.prior) for level in LEVELS}


def depth_from_mastery(session: Session, concept_id: str) -> str:
    """The first depth not yet mastered (academic once all are); the overall level for an unseen concept."""
    if concept_id not in session.mastery:
        return session.level
    mastered = set(session.mastered.get(concept_id, []))
    below = {level for level in LEVELS if level_index(level) < level_index(session.level)}
    for level in LEVELS:
        if level not in mastered and level not in below:
            return level
    return LEVELS[-1]
