"""Lint of quiz items: the same question asked twice, and answers deeper than the item's level."""
from __future__ import annotations

from itertools import combinations

from .model import LEVELS, KnowledgeBase, QuizItem
from .normalise import STOPWORDS, fold, stem

__all__ = ["NEAR_DUPLICATE", "item_findings", "question_overlap"]

NEAR_DUPLICATE = 0.75  # share of content words two questions have in common (Jaccard) to count as the same question


def item_findings(kb: KnowledgeBase, finding) -> list:
    """Findings (built with `finding(path, line, check, message)`) about the pack's quiz items: authored ones
    asked twice, and any item, generated ones too, whose answer is deeper than its level."""
    authored = [i for i in kb.quiz if not i.generated]
    return _duplicates(authored, finding) + _deeper_answers(kb, list(kb.quiz), finding)


def question_overlap(a: str, b: str) -> float:
    wa, wb = _content(a), _content(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def _content(text: str) -> set[str]:
    return {stem(w) for w in fold(text.replace("____", " ")).split() if w not in STOPWORDS and len(w) > 1}


def _duplicates(items: list[QuizItem], finding) -> list:
    out = []
    for a, b in combinations(items, 2):
        overlap = question_overlap(a.question, b.question)
        if overlap >= NEAR_DUPLICATE:
            what = "asks the same question as" if overlap == 1.0 else f"nearly repeats ({overlap:.0%} of its words)"
            out.append(finding(b.source, b.line, "duplicate-question", f"{b.id} {what} {a.id} ({a.source}:{a.line})"))
    return out


def _deeper_answers(kb: KnowledgeBase, items: list[QuizItem], finding) -> list:
    """Multiple-choice and cloze answers that use a term the vocabulary tiers place deeper than the item's
    level ("Estrogen receptor alpha" as a fundamentals answer); the item's own concept may use its names."""
    out = []
    for item in items:
        if item.type not in ("mc", "cloze") or item.level not in LEVELS:
            continue
        answer = f" {fold(str(item.answer))} "
        concept = kb.concepts.get(item.concept)
        own = " ".join(fold(n) for n in (concept.title, *concept.aliases)) if concept else ""
        for term, tier in kb.vocabulary.items():
            deeper = tier in LEVELS and LEVELS.index(tier) > LEVELS.index(item.level)
            if deeper and f" {term} " in answer and f" {term} " not in f" {own} ":
                out.append(finding(item.source, item.line, "answer-too-deep",
                                   f"{item.id}: a {item.level} item whose answer uses {term!r}, a {tier} term"))
    return out
