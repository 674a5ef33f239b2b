"""Grading answers to quiz items, without any whole-answer fuzzy score.

Short answers are judged by a rubric: every required group of terms present and not negated,
the direction of the effect kept (and not contradicted), no known misconception. Misspellings
are forgiven only on longer words, and never when the word written is itself another term of
the pack (osteoblast is not a typo of osteoclast; RANK is not a typo of RANKL).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from .model import QuizItem, Rubric
from .normalise import fold, stem

__all__ = ["Grade", "Grader"]

_NEGATIONS = {stem(w) for w in "not no never without cannot cant neither nor none unable fails fail doesnt isnt dont".split()}
_UP = {w for w in "increase increases increased increasing raise raises raised raising boost boosts boosted stimulate stimulates "
       "stimulated promote promotes promoted upregulate upregulates upregulated elevate elevates elevated enhance enhances enhanced "
       "activate activates activated more higher rise rises rising rose surge surges surging grow grows growing accelerate accelerates accelerated "
       "speeds faster".split()}
_DOWN = {w for w in "decrease decreases decreased decreasing lower lowers lowered lowering reduce reduces reduced reducing "
         "suppress suppresses suppressed inhibit inhibits inhibited block blocks blocked downregulate downregulates downregulated "
         "less fewer prevent prevents prevented stop stops stopped restrain restrains restrained curb curbs dampen dampens "
         "fall falls falling fell drop drops dropping dropped decline declines declining declined slow slows slowed lessen lessens".split()}
# "goes up" / "goes down"; a bare "down" is not a direction ("break down")
_MOTION = {"go", "goes", "going", "went", "gone", "come", "comes", "coming", "came"}
_CLAUSE_BREAK = re.compile(r"[,;.:!?()]|\b(?:but|while|whereas|whilst|although|though|and|however)\b")
_TRUE = {"true", "t", "yes", "y", "right", "correct", "that is true", "it is true", "true it is", "thats true"}
_FALSE = {"false", "f", "no", "n", "wrong", "incorrect", "not true", "that is false", "it is false", "thats false", "untrue"}


@dataclass(frozen=True)
class Grade:
    correct: bool
    feedback: str
    missing: tuple[str, ...] = ()
    reversed: tuple[str, ...] = ()
    chosen: str = ""


@dataclass(frozen=True)
class _Token:
    word: str
    stem: str
    clause: int


class Grader:
    """Holds the pack's own terms, so that a confusable is never mistaken for a typo. Read-only."""

    def __init__(self, pack_terms: set[str]) -> None:
        self._terms = frozenset(pack_terms)

    # --- entry point ------------------------------------------------------------------
    def grade(self, item: QuizItem, answer: str) -> Grade:
        if item.type == "mc":
            return self._choice(item, answer)
        if item.type == "tf":
            return self._true_false(item, answer)
        if item.type == "cloze":
            return self._cloze(item, answer)
        return self.rubric(item.rubric, answer) if item.rubric else Grade(False, "This item has no rubric.")

    # --- closed answers ---------------------------------------------------------------------
    def _choice(self, item: QuizItem, answer: str) -> Grade:
        picked = self.option_index(item, answer)
        if picked is None:
            return Grade(False, "I couldn't tell which option you meant: answer with its letter, number or text.")
        chosen = item.options[picked]
        right = chosen == item.answer
        return Grade(right, "" if right else f"Not quite: \u201c{chosen}\u201d is not it.", chosen=chosen)

    def option_index(self, item: QuizItem, answer: str) -> int | None:
        text = fold(answer)
        text = re.sub(r"^(?:(?:i think|its|it is|answer|option|the answer is)\s+)+", "", text).strip()
        letters = "abcd"[: len(item.options)]
        if len(text) == 1 and text in letters:
            return letters.index(text)
        if text.isdigit() and 1 <= int(text) <= len(item.options):
            return int(text) - 1
        folded = [fold(o) for o in item.options]
        if text in folded:
            return folded.index(text)
        stems = [" ".join(stem(w) for w in f.split()) for f in folded]
        said = " ".join(stem(w) for w in text.split())
        hits = [i for i, s in enumerate(stems) if s == said or (s and f" {s} " in f" {said} ")]
        return hits[0] if len(hits) == 1 else None

    def _true_false(self, item: QuizItem, answer: str) -> Grade:
        text = fold(answer)
        first = text.split(" ")[0] if text else ""
        said = True if text in _TRUE or first in {"true", "yes"} else False if text in _FALSE or first in {"false", "no"} else None
        if said is None:
            return Grade(False, "Answer true or false.")
        right = said == item.answer
        return Grade(right, "" if right else "Not quite.", chosen=str(said).lower())

    def _cloze(self, item: QuizItem, answer: str) -> Grade:
        wanted = [str(item.answer), *item.accept]
        said = fold(answer)
        for form in wanted:
            target = fold(form)
            if said == target or _stems(said) == _stems(target) or f" {target} " in f" {said} ":
                return Grade(True, "")
            if self._is_typo_of(said, target):
                return Grade(True, f"(Spelled {item.answer}.)")
        return Grade(False, "Not quite.")

    # --- rubric -------------------------------------------------------------------------------
    def rubric(self, rubric: Rubric, answer: str) -> Grade:
        tokens = self._tokens(answer, rubric)
        said = self._directions(rubric, tokens)
        missing, reversed_ = [], []
        for group in rubric.required:
            way = _group_direction(group)
            if way:
                if way not in said:
                    (reversed_ if said else missing).append(f"it goes {way}, not {_flip(way)}" if said else group[0])
                continue
            where = _find(group, tokens)
            if not where:
                missing.append(group[0])
            elif all(_negated(tokens, i) for i in where) and not said and not any(r.startswith("you said not") for r in reversed_):
                reversed_.append(f"you said not {group[0]}")
        if rubric.direction and said != {rubric.direction} and not any(_group_direction(g) for g in rubric.required):
            reversed_.append(_direction_problem(rubric.direction, said))
        elif len(said) == 2:
            reversed_ = [r for r in reversed_ if not r.startswith("it goes")] + ["it says both up and down"]
        for mistake in rubric.misconceptions:
            if all(any(not _negated(tokens, i) for i in _find(g, tokens)) for g in mistake.groups):
                return Grade(False, mistake.feedback, tuple(missing), tuple(reversed_))
        if missing or reversed_:
            return Grade(False, _feedback(missing, reversed_), tuple(missing), tuple(reversed_))
        return Grade(True, "")

    def _directions(self, rubric: Rubric, tokens: list[_Token]) -> set[str]:
        """Which ways (up, down) the answer says the effect goes.

        Only the clauses that name the rubric's first term count: "estrogen lowers RANKL and raises OPG"
        says RANKL goes down. A rubric with no direction to check looks at none.
        """
        if not rubric.direction and not any(_group_direction(g) for g in rubric.required):
            return set()
        subject = next((g for g in rubric.required if not _group_direction(g)), None)
        anchors = {tokens[i].clause for i in _find(subject, tokens)} if subject else set()
        said = set()
        for i, token in enumerate(tokens):
            if anchors and token.clause not in anchors:
                continue
            way = _word_direction(token.word, tokens[i - 1].word if i else "")
            if way:
                said.add(_flip(way) if _negated(tokens, i) else way)
        return said

    def _tokens(self, answer: str, rubric: Rubric) -> list[_Token]:
        """Stems of the answer with clause numbers.

        A clause that ends on a verb of direction ("it raises and lowers RANKL") or names
        nothing joins the next one, so keyword stuffing is read as one contradictory claim.
        """
        vocabulary = _rubric_words(rubric)
        clauses = [c.split() for c in _CLAUSE_BREAK.split(fold_keep_breaks(answer)) if c and c.strip()]
        tokens: list[_Token] = []
        clause_id = 0
        for words in clauses:
            words = [self._corrected(w, vocabulary) for w in words]
            stems = [stem(w) for w in words]
            tokens.extend(_Token(w, s, clause_id) for w, s in zip(words, stems))
            dangling = bool(words) and words[-1] in _UP | _DOWN
            names_something = any(s in vocabulary or w in self._terms for w, s in zip(words, stems) if w not in _UP | _DOWN)
            if names_something and not dangling:
                clause_id += 1
        return tokens

    def _corrected(self, word: str, vocabulary: set[str]) -> str:
        if len(word) < 6 or not word.isalpha() or word in self._terms or stem(word) in vocabulary:
            return word
        limit = 1 if len(word) < 9 else 2
        close = sorted((OSA.distance(word, v), v) for v in vocabulary if abs(len(v) - len(word)) <= limit)
        close = [(d, v) for d, v in close if d <= limit]
        if close and (len(close) == 1 or close[0][0] < close[1][0]):
            return close[0][1]
        return word

    def _is_typo_of(self, said: str, target: str) -> bool:
        if len(target) < 6 or said in self._terms or " " in said:
            return False
        return OSA.distance(said, target) <= (1 if len(target) < 9 else 2)


def fold_keep_breaks(text: str) -> str:
    """Fold, but keep clause punctuation so clauses can be told apart."""
    return " , ".join(fold(part) for part in re.split(r"[,;.:!?()]", text))


def _stems(text: str) -> list[str]:
    return [stem(w) for w in text.split()]


def _rubric_words(rubric: Rubric) -> set[str]:
    groups = list(rubric.required) + list(rubric.optional) + [g for m in rubric.misconceptions for g in m.groups]
    return {stem(w) for g in groups for alt in g for w in fold(alt).split()}


def _find(group: tuple[str, ...], tokens: list[_Token]) -> list[int]:
    """Positions where any alternative of the group (a word or a phrase) occurs."""
    stems = [t.stem for t in tokens]
    found = []
    for alternative in group:
        wanted = [stem(w) for w in fold(alternative).split()]
        for i in range(len(stems) - len(wanted) + 1):
            if stems[i:i + len(wanted)] == wanted:
                found.append(i)
    return sorted(set(found))


def _negated(tokens: list[_Token], index: int) -> bool:
    clause = tokens[index].clause
    window = tokens[max(0, index - 3):index]
    return any(t.stem in _NEGATIONS and t.clause == clause for t in window)


def _word_direction(word: str, before: str) -> str:
    if word in _UP or (word == "up" and before in _MOTION):
        return "up"
    if word in _DOWN or (word == "down" and before in _MOTION):
        return "down"
    return ""


def _group_direction(group: tuple[str, ...]) -> str:
    """'up' or 'down' when every alternative of the group is a word of that direction, else ''."""
    words = [w for alt in group for w in fold(alt).split()]
    if words and all(w in _UP for w in words):
        return "up"
    if words and all(w in _DOWN for w in words):
        return "down"
    return ""


def _direction_problem(expected: str, said: set[str]) -> str:
    if not said:
        return f"which way it goes ({expected})"
    if len(said) == 2:
        return "it says both up and down"
    return f"direction: it goes {expected}, not {_flip(expected)}"


def _flip(direction: str) -> str:
    return "down" if direction == "up" else "up"


def _feedback(missing: list[str], reversed_: list[str]) -> str:
    parts = []
    if missing:
        parts.append("missing: " + ", ".join(f"\u201c{m}\u201d" for m in missing))
    if reversed_:
        parts.append("reversed: " + ", ".join(reversed_))
    return "Not quite \u2014 " + "; ".join(parts) + "."
