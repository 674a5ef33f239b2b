"""Everyday English: which words are common enough not to name a topic of their own.

A question word that neither the pack nor this list knows ("celiac", "anastrozole") names something
the document does not cover; a misspelt everyday word ("pamflet") is not one.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["everyday", "common", "common_words", "active_of"]


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    text = resources.files("tutor").joinpath("data", "common_words.txt").read_text(encoding="utf-8")
    return tuple(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _common_set() -> frozenset[str]:
    return frozenset(common_words())


def common(word: str) -> bool:
    """Whether a folded word is itself an everyday English word (a spelling corrector leaves it alone), or an
    adverb made from one ("weakly" is no typo of "weekly", though too rare for the list)."""
    return word in _common_set() or len(word) > 5 and (word.endswith("ly") and word[:-2] in _common_set()
                                                        or _inflected(word))


def _inflected(word: str) -> bool:
    """ "revising", "revised": a verb form of an everyday word that the list, by frequency, leaves out."""
    common_set = _common_set()
    for ending in ("ing", "ed"):
        stem_ = word[:-len(ending)] if word.endswith(ending) else ""
        if len(stem_) >= 4 and (stem_ in common_set or stem_ + "e" in common_set):
            return True
    return False


@lru_cache(maxsize=1)
def _by_shape() -> dict[tuple[int, str], tuple[str, ...]]:
    """Common words by (length, first letter) and (length, second letter): a typo keeps one of the two."""
    shapes: dict[tuple[int, str], list[str]] = {}
    for w in common_words():
        shapes.setdefault((len(w), w[0]), []).append(w)
        shapes.setdefault((len(w), "_" + w[1]), []).append(w)
    return {k: tuple(v) for k, v in shapes.items()}


def _compound(word: str) -> bool:
    """Two everyday words written as one ("checkup", "healthcare"), the first of three letters or more."""
    common_set = _common_set()
    return any(word[:i] in common_set and (word[i:].rstrip("s") in common_set or word[i:].rstrip("s") in _PARTICLES)
               for i in range(3, len(word) - 1))


_PARTICLES = frozenset({"up", "out", "off", "over", "in", "on", "down"})  # "checkup", "workout", "followup"


@lru_cache(maxsize=4096)
def everyday(word: str) -> bool:
    """Whether a folded word is everyday English, or one or two letters from such a word (a typo)."""
    if word in _common_set() or word.rstrip("s") in _common_set() or _compound(word):
        return True
    budget = 1 if len(word) < 8 else 2
    shapes = _by_shape()
    # each group of words of one shape searched as it is (gathering them into one set first cost more than the search)
    return any(process.extractOne(word, shapes.get(key, ()), scorer=OSA.distance, score_cutoff=budget) is not None
               for n in range(len(word) - budget, len(word) + budget + 1) for key in ((n, word[0]), (n, "_" + word[1])))


# participles whose present tense no rule finds
_IRREGULAR = {"made": "makes", "bound": "binds", "broken": "breaks", "built": "builds", "given": "gives",
              "taken": "takes", "held": "holds", "driven": "drives", "done": "does", "led": "leads", "kept": "keeps",
              "set": "sets", "brought": "brings", "found": "finds", "shut": "shuts", "switched": "switches",
              "secreted": "secretes"}  # ("secret" is a word of its own)


def active_of(participle: str) -> str | None:
    """The present tense, third person, of a past participle ("converted" -> "converts", "produced" ->
    "produces", "made" -> "makes"); None when the word is no participle this can read."""
    if participle in _IRREGULAR:
        return _IRREGULAR[participle]
    if not participle.endswith("ed") or len(participle) < 5:
        return None
    stems = (participle[:-1], participle[:-2], participle[:-3] if participle[-3] == participle[-4] else "")
    base = next((s for s in stems if s and common(s)), participle[:-1] if participle[-3] in "tcsvz" else participle[:-2])
    return base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
