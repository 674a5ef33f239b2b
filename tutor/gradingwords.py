"""Reading the grader's word lists (the `grading:` section of a dialogue file) into GradingWords."""
from __future__ import annotations

from typing import Any

from .checks import Checker
from .model import GradingWords
from .normalise import fold, stem

__all__ = ["parse_grading_words"]

_SETS = ("negations", "not_negating", "degree_words", "up", "down", "up_comparatives", "down_comparatives", "change",
         "motion", "intransitive", "passive", "noun_markers", "relation_verbs", "ambitransitive", "pronouns", "true_words", "false_words",
         "claim_questions", "conversion_verbs", "conversion_markers", "variant_words",
         "gradual_words", "abrupt_words", "down_nouns", "making_verbs", "exclusive_words")
_FIELDS = {*_SETS, "joining_symbols", "lead_ins", "ordinals", "phrasal", "paraphrases", "confusable_parts", "opposites"}
_WAYS = ("up", "down")


def parse_grading_words(check: Checker, value: Any, line: int) -> GradingWords:
    entry = check.mapping(value, "'grading'", line)
    check.unknown_keys(entry, _FIELDS, "grading")
    sets = {key: frozenset(fold(w) for w in check.text_list(entry, key, f"grading: '{key}'")) for key in _SETS}
    return GradingWords(
        **sets,
        joining_symbols=frozenset(str(w) for w in check.text_list(entry, "joining_symbols", "grading: 'joining_symbols'")),
        lead_ins=tuple(sorted((fold(w) for w in check.text_list(entry, "lead_ins", "grading: 'lead_ins'")), key=len, reverse=True)),
        ordinals=tuple(_pairs(check, entry, "ordinals", minimum=1)),
        phrasal=tuple(_phrases(check, entry, "phrasal", allowed=_WAYS)),
        paraphrases=tuple(_phrases(check, entry, "paraphrases", allowed=None)),
        confusable_parts=tuple((a, b) for a, b in _pairs(check, entry, "confusable_parts", minimum=2)),
        opposites=tuple((a, b) for a, b in _pairs(check, entry, "opposites", minimum=2)),
        source=check.source, line=line,
    )


def _pairs(check: Checker, entry: dict, key: str, minimum: int) -> list[tuple[str, ...]]:
    """A list of lists of words: ordinal words by position, or pairs of word parts."""
    value = entry.get(key, [])
    at = check.key_line(entry, key)
    if not isinstance(value, list) or not all(isinstance(g, list) and len(g) >= minimum for g in value):
        check.report(at, f"grading: '{key}' must be a list of lists of at least {minimum} words")
        return []
    groups = [tuple(fold(str(w)) for w in g) for g in value]
    if minimum == 2 and any(len(g) != 2 for g in groups):
        check.report(at, f"grading: each of '{key}' is a pair")
        return [g[:2] for g in groups if len(g) >= 2]
    return groups


def _phrases(check: Checker, entry: dict, key: str, allowed: tuple[str, ...] | None) -> list[tuple[tuple[str, ...], str]]:
    """{meaning: [phrase, ...]} as (stems of the phrase, meaning), longest phrases first."""
    mapping = check.mapping(entry.get(key, {}), f"grading: '{key}'", check.key_line(entry, key))
    out = []
    for meaning in mapping:
        if allowed and meaning not in allowed:
            check.report(check.key_line(mapping, meaning), f"grading: '{key}' groups must be one of {', '.join(allowed)}")
            continue
        for phrase in check.text_list(mapping, meaning, f"grading: '{key}: {meaning}'", minimum=1):
            # "*" marks the word acted on, "+" the word that acts; fold would drop both, so they travel as words
            words = fold(phrase.replace("*", " starslot ").replace("+", " doerslot ")).split()
            slots = {"starslot": "*", "doerslot": "+"}
            out.append((tuple(slots.get(w) or stem(w) for w in words), fold(str(meaning))))
    return sorted(out, key=lambda p: -len(p[0]))
