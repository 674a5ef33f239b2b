"""Which depth to answer at, and why.

Evidence, strongest first:
1. an explicit request in this turn ("simpler", "in depth", "I'm a medical student");
2. an explicit request earlier in the session (the override persists until replaced);
3. per-concept evidence in `session.concept_levels` (quiz mastery plugs in here);
4. the learner's standing level;
then technical vocabulary in the question can raise the depth of this one answer.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import LEVELS, level_index
from .session import Session

__all__ = ["DepthChoice", "choose_depth", "apply_request", "vocabulary_level"]


@dataclass(frozen=True)
class DepthChoice:
    level: str
    changed: bool
    reason: str


def apply_request(session: Session, level: str, persistent: bool, reason: str) -> DepthChoice:
    """Record an explicit depth request; it overrides every other evidence from now on."""
    before = current_level(session)
    if persistent:
        session.level = level
    session.override = level
    return DepthChoice(level, level != before or session.last_level not in (None, level), reason)


def current_level(session: Session, concept_id: str | None = None) -> str:
    if session.override:
        return session.override
    if concept_id and concept_id in session.concept_levels:
        return session.concept_levels[concept_id]
    return session.level


def choose_depth(session: Session, concept_id: str, vocab_level: str | None, vocab_term: str = "") -> DepthChoice:
    """The depth for an answer about `concept_id` when the learner made no request in this turn."""
    level = current_level(session, concept_id)
    if session.override is None and vocab_level and level_index(vocab_level) > level_index(level):
        return DepthChoice(vocab_level, True, f"because you used the term \u201c{vocab_term}\u201d")
    return DepthChoice(level, False, "")


def vocabulary_level(tiers: dict[str, str], folded_words: list[str]) -> tuple[str | None, str]:
    """The deepest vocabulary tier among the question's words (single words and pairs), with the term."""
    best: tuple[str | None, str] = (None, "")
    grams = folded_words + [" ".join(folded_words[i:i + 2]) for i in range(len(folded_words) - 1)] \
        + [" ".join(folded_words[i:i + 3]) for i in range(len(folded_words) - 2)]
    for gram in grams:
        tier = tiers.get(gram)
        if tier and (best[0] is None or LEVELS.index(tier) > LEVELS.index(best[0])):
            best = (tier, gram)
    return best
