"""One spelling corrector for the matcher and the grader: the nearest words of a vocabulary, ties kept."""
from __future__ import annotations

from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .normalise import stem

__all__ = ["nearest", "edits"]


def edits(a: str, b: str) -> int:
    """Letters to add, drop, change or swap to turn one word into the other."""
    return OSA.distance(a, b)


def nearest(word: str, vocabulary: Iterable[str], max_edits: int, limit: int | None = 4) -> list[str]:
    """The words of `vocabulary` nearest to `word` within `max_edits`, one per stem, best first.

    Several words come back when two different words are equally near (osteoclast and osteoblast
    for "osteoelast"): the caller decides, and a caller that must not guess refuses then.
    """
    found = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=max_edits, limit=limit)
    if not found:
        return []
    best = min(d for _, d, _ in found)
    by_stem: dict[str, str] = {}
    for candidate, distance, _ in found:
        if distance == best:
            by_stem.setdefault(stem(candidate), candidate)
    # letters only put out of order ("resportion"): the word with just those letters is meant, not one with others
    same_letters = [c for c in by_stem.values() if sorted(c) == sorted(word)]
    return same_letters if len(same_letters) == 1 else list(by_stem.values())
