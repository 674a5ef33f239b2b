"""Grading answers to quiz items, without any whole-answer fuzzy score.

Short answers are judged by a rubric: every required group of terms present (any name of a
concept counts for it) and not negated; the direction of an effect kept, whether the rubric
states it or the item's own explanation implies it; no clause that says both up and down; no
known misconception. Misspellings are forgiven only on longer words, and never when the word
written is itself another term of the pack (osteoblast is not a typo of osteoclast).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from .model import QuizItem, Rubric
from .normalise import STOPWORDS, canonical_phrase, fold, stem

__all__ = ["Grade", "Grader"]

_NEGATIONS = {"not", "no", "never", "without", "cannot", "cant", "neither", "nor", "none", "nothing", "unable", "fails",
              "fail", "doesnt", "isnt", "dont", "wont", "lack", "lacks"}
_NOT_NEGATING = {"only", "just", "merely", "simply"}  # "not only X but Y" affirms X
_UP = set("""increase increases increased increasing raise raises raised raising boost boosts boosted boosting stimulate
stimulates stimulated stimulating promote promotes promoted promoting upregulate upregulates upregulated upregulating
elevate elevates elevated enhance enhances enhanced activate activates activated rise rises rising rose risen surge surges
surged surging grow grows growing accelerate accelerates accelerated accelerating speeds strengthens strengthen improve
improves improved soar soars soared climb climbs climbed support supports supported supporting multiply multiplies
multiplied proliferate proliferates proliferated amplify amplifies amplified speeding drive drives driving""".split())
# "does not change it", "has no effect": the thing stays the same
_CHANGE = {"change", "changes", "changed", "affect", "affects", "affected", "effect", "alter", "alters", "altered", "influence"}
_DOWN = set("""decrease decreases decreased decreasing lower lowers lowered lowering reduce reduces reduced reducing suppress
suppresses suppressed suppressing inhibit inhibits inhibited inhibiting block blocks blocked blocking downregulate
downregulates downregulated downregulating prevent prevents prevented preventing restrain restrains restrained curb curbs
curbed dampen dampens dampened fall falls falling fell fallen drop drops dropping dropped decline declines declining declined
slow slows slowed slowing lessen lessens lessened weaken weakens weakened diminish diminishes diminished cut cuts dive dives
plunge plunges plunged plummet plummets plummeted shrink shrinks shrank quiet quiets quieten quietens silence silences""".split())
_UP |= {"spike", "spikes", "spiked", "outpace", "outpaces", "outpaced", "soars"}
# comparatives say which way, but "more OPG means less resorption" is no contradiction
_UP_COMPARATIVE = {"more", "higher", "greater", "faster", "stronger", "bigger"}
_DOWN_COMPARATIVE = {"less", "fewer", "lower", "smaller", "slower", "weaker"}
# two-word verbs: "turns down", "holds back", "keeps in check" (the second word is what is matched)
_PHRASAL = {("turn", "down"): "down", ("turns", "down"): "down", ("turned", "down"): "down", ("hold", "back"): "down",
            ("holds", "back"): "down", ("held", "back"): "down", ("in", "check"): "down", ("way", "down"): "down",
            ("way", "up"): "up", ("turn", "up"): "up", ("turns", "up"): "up", ("ramp", "up"): "up", ("ramps", "up"): "up",
            ("switch", "on"): "up", ("switches", "on"): "up", ("switched", "on"): "up", ("keep", "low"): "down",
            ("keeps", "low"): "down", ("kept", "low"): "down", ("switch", "off"): "down", ("switches", "off"): "down",
            ("switched", "off"): "down"}
_MOTION = {"go", "goes", "going", "went", "gone", "come", "comes", "coming", "came"}
# verbs whose subject is what changes ("RANKL falls"); the others act on what follows them ("lowers RANKL")
_INTRANSITIVE = set("""fall falls falling fell fallen drop drops dropping dropped decline declines declining declined rise rises
rising rose risen surge surges surged surging grow grows growing climb climbs climbed soar soars soared dive dives plunge
plunges plunged plummet plummets plummeted shrink shrinks shrank increase increases increased increasing decrease decreases
decreased decreasing up down""".split())
_PASSIVE = {"is", "are", "was", "were", "be", "been", "being", "gets", "get", "got", "becomes", "become"}  # "goes up"; a bare "down" is not one
_CLAUSE_BREAK = re.compile(r"[,;.:!?()]|\b(?:but|while|whereas|whilst|although|though|and|however|so|because|which)\b")
_TRUE = {"true", "t", "yes", "y", "right", "correct", "that is true", "it is true", "true it is", "thats true"}
_FALSE = {"false", "f", "no", "n", "wrong", "incorrect", "not true", "that is false", "it is false", "thats false", "untrue"}
UNCLEAR_CHOICE = "I couldn't tell which option you meant: answer with its letter, number or text."
UNCLEAR_TRUTH = "Answer true or false."


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
    """Knows the pack's names: every name of a concept counts for it, and no name is a typo of another. Read-only."""

    def __init__(self, concept_names: list[tuple[str, ...]]) -> None:
        """`concept_names`: per concept, its title first, then its other names."""
        self._names: dict[str, tuple[str, ...]] = {}
        self._all: set[str] = set()
        for names in concept_names:
            folded = tuple(dict.fromkeys(fold(n) for n in names if fold(n)))
            self._all.update(folded)
            # only a concept's title (or the title without its gloss) stands for all its names:
            # an alias may name a part ("TNFSF11" of the genes)
            for title in folded[:2]:
                self._names.setdefault(canonical_phrase(title), folded)
        self._terms = frozenset(w for n in self._all for w in n.split() if len(w) > 2)

    # --- entry point ------------------------------------------------------------------
    def grade(self, item: QuizItem, answer: str) -> Grade:
        if item.type == "mc":
            return self._choice(item, answer)
        if item.type == "tf":
            return self._true_false(item, answer)
        if item.type == "cloze":
            return self._cloze(item, answer)
        return self.rubric(item.rubric, answer, item.explanation) if item.rubric else Grade(False, "This item has no rubric.")

    # --- closed answers ---------------------------------------------------------------------
    def _choice(self, item: QuizItem, answer: str) -> Grade:
        picked = self.option_index(item, answer)
        if picked is None:
            return Grade(False, UNCLEAR_CHOICE)
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
            return Grade(False, UNCLEAR_TRUTH)
        right = said == item.answer
        return Grade(right, "" if right else "Not quite.", chosen=str(said).lower())

    def _cloze(self, item: QuizItem, answer: str) -> Grade:
        wanted = self._expand((str(item.answer), *item.accept))
        said = fold(answer)
        for target in wanted:
            if said == target or _stems(said) == _stems(target) or f" {target} " in f" {said} ":
                return Grade(True, "")
        for target in wanted:
            if self._close(said, target):
                return Grade(True, f"(It is spelled {item.answer}.)")
        return Grade(False, "Not quite.")

    def _close(self, said: str, target: str) -> bool:
        """A misspelling of the target, word for word; a word that is itself another term of the pack never is."""
        said_words, target_words = said.split(), target.split()
        if len(said_words) != len(target_words):
            return False
        for s, t in zip(said_words, target_words):
            if s == t or stem(s) == stem(t):
                continue
            if len(t) < 6 or s in self._terms or OSA.distance(s, t) > (1 if len(t) < 9 else 2):
                return False
        return True

    # --- rubric -------------------------------------------------------------------------------
    def rubric(self, rubric: Rubric, answer: str, model: str = "") -> Grade:
        """Judge a free answer; `model` (the item's explanation) implies which way each effect goes."""
        required = [self._expand(g) for g in rubric.required]
        vocabulary = {w for g in required + [self._expand(g) for g in rubric.optional] for alt in g for w in alt.split()}
        vocabulary |= {w for m in rubric.misconceptions for g in m.groups for alt in g for w in fold(alt).split()}
        tokens = self._tokens(answer, vocabulary | self._terms | _UP | _DOWN)
        missing, reversed_ = [], []
        subject = next((g for g in required if not _group_direction(g)), None)
        said = _directions(tokens, _clauses_of(subject, tokens) if subject else _first_directed_clause(tokens))
        for group, shown in zip(required, rubric.required):
            way = _group_direction(group)
            if way:
                literal = [i for i in _find(group, tokens) if not _negated(tokens, i)]
                if way not in said and not (literal and said <= {way}):
                    (reversed_ if said else missing).append(f"it goes {way}, not {_flip(way)}" if said else shown[0])
                continue
            where = _find(group, tokens)
            if not where:
                missing.append(shown[0])
            elif all(_negated(tokens, i) for i in where):
                reversed_.append(f"you said not \u201c{shown[0]}\u201d")
            else:
                reversed_.extend(self._implied_reversal(group, shown[0], tokens, model))
        if rubric.direction and said != {rubric.direction} and not any(_group_direction(g) for g in required):
            reversed_.append(_direction_problem(rubric.direction, said))
        if _contradicts_itself(tokens):
            reversed_.append("it says both up and down")
        reversed_.extend(self._against_model(tokens, model))
        if self._keyword_list(answer, vocabulary):
            return Grade(False, "Please answer in words, not a list of keywords: say what does what.", tuple(missing))
        for mistake in rubric.misconceptions:
            groups = [self._expand(g) for g in mistake.groups]
            if all(any(not _negated(tokens, i) for i in _find(g, tokens)) for g in groups):
                return Grade(False, mistake.feedback, tuple(missing), tuple(reversed_))
        if missing or reversed_:
            return Grade(False, _feedback(missing, reversed_), tuple(missing), tuple(reversed_))
        return Grade(True, "")

    def _against_model(self, tokens: list[_Token], model: str) -> list[str]:
        """Names the answer moves one way while the model answer moves them the other ("estrogen lowers OPG")."""
        if not model:
            return []
        expected = self._moves(self._tokens(model, set()))
        problems = []
        for key, (name, ways) in self._moves(tokens).items():
            if key in expected and len(ways) == 1 and len(expected[key][1]) == 1 and ways != expected[key][1]:
                problems.append(f"\u201c{name}\u201d goes {next(iter(expected[key][1]))}, not {next(iter(ways))}")
        return problems

    def _moves(self, tokens: list[_Token]) -> dict[str, tuple[str, set[str]]]:
        """For each concept named in a text, which way the text says it goes."""
        moves: dict[str, tuple[str, set[str]]] = {}
        for i, token in enumerate(tokens):
            key = canonical_phrase(token.word)
            if key not in self._names or token.word in STOPWORDS:
                continue
            way = _way_of(tokens, i)
            if way:
                moves.setdefault(self._names[key][0], (token.word, set()))[1].add(way)
        return moves

    def _keyword_list(self, answer: str, vocabulary: set[str]) -> bool:
        """Four or more words, no small word and no verb of direction, nearly all of them terms: a list, not a claim."""
        if "->" in answer or "\u2192" in answer:
            return False  # a chain of arrows is a claim
        words = fold(answer).split()
        if len(words) < 4 or any(w in STOPWORDS or w in _NEGATIONS or w in _UP or w in _DOWN for w in words):
            return False
        others = [w for w in words if w not in vocabulary and w not in self._terms and not w.isdigit()]
        return len(others) <= 1

    def _implied_reversal(self, group: tuple[str, ...], shown: str, tokens: list[_Token], model: str) -> list[str]:
        """The model answer moves the group's terms one way; the learner's answer moves them only the other."""
        if not model:
            return []
        model_tokens = self._tokens(model, set())
        expected = {w for w in (_way_of(model_tokens, i) for i in _find(group, model_tokens)) if w}
        said = {w for w in (_way_of(tokens, i) for i in _find(group, tokens)) if w}
        if len(expected) == 1 and len(said) == 1 and expected != said:
            return [f"\u201c{shown}\u201d goes {next(iter(expected))}, not {next(iter(said))}"]
        return []

    def _expand(self, group: tuple[str, ...]) -> tuple[str, ...]:
        """The group's alternatives, folded, plus every other name of a concept one of them names."""
        out: dict[str, None] = {}
        for alternative in group:
            folded = fold(alternative)
            out[folded] = None
            out.update(dict.fromkeys(self._names.get(canonical_phrase(folded), ())))
        return tuple(a for a in out if a)

    def _tokens(self, answer: str, vocabulary: set[str]) -> list[_Token]:
        """Words of the answer (misspellings mended) with clause numbers.

        A clause that ends on a verb of direction ("it raises and lowers RANKL") or names nothing
        joins the next one, so keyword stuffing is read as one contradictory claim.
        """
        tokens: list[_Token] = []
        clause_id = 0
        for part in _CLAUSE_BREAK.split(_fold_keep_breaks(answer)):
            words = [self._mended(w, vocabulary) for w in (part or "").split()]
            if not words:
                continue
            tokens.extend(_Token(w, stem(w), clause_id) for w in words)
            content = [w for w in words if w not in STOPWORDS and w not in _UP | _DOWN and w not in _NEGATIONS]
            # a clause that only names things ("GH and IGF-1 raise it") is the subject of the next one
            only_names = all(w in self._terms or w in STOPWORDS or w.isdigit() for w in words)
            directed = any(w in _UP | _DOWN for w in words)
            dangling = words[-1] in _UP | _DOWN or (len(words) > 1 and _word_direction(words[-1], words[-2]) != "")
            if (content or directed) and not dangling and not only_names:
                clause_id += 1
        return tokens

    def _mended(self, word: str, vocabulary: set[str]) -> str:
        if len(word) < 6 or not word.isalpha() or word in self._terms or word in vocabulary or word in STOPWORDS:
            return word
        limit = 1 if len(word) < 9 else 2
        close = sorted((OSA.distance(word, v), v) for v in vocabulary if abs(len(v) - len(word)) <= limit and len(v) >= 5)
        best = [v for d, v in close if d <= limit and d == close[0][0]] if close else []
        # a tie between forms of one word (osteoclast, osteoclasts) is no tie
        if best and len({stem(v) for v in best}) == 1:
            return best[0]
        return word


def _fold_keep_breaks(text: str) -> str:
    """Fold, but keep clause punctuation so clauses can be told apart."""
    return " , ".join(fold(part) for part in re.split(r"[,;.:!?()]", text))


def _stems(text: str) -> list[str]:
    return [stem(w) for w in text.split()]


def _find(group: tuple[str, ...] | None, tokens: list[_Token]) -> list[int]:
    """Positions where any alternative of the group (a word or a phrase) occurs."""
    if not group:
        return []
    stems = [t.stem for t in tokens]
    found = []
    for alternative in group:
        wanted = [stem(w) for w in alternative.split()]
        for i in range(len(stems) - len(wanted) + 1):
            if stems[i:i + len(wanted)] == wanted:
                found.append(i)
    return sorted(set(found))


def _clauses_of(group: tuple[str, ...] | None, tokens: list[_Token]) -> set[int]:
    return {tokens[i].clause for i in _find(group, tokens)}


def _negated(tokens: list[_Token], index: int) -> bool:
    """A negation earlier in the same clause ("does not bind RANKL"), except "not only" / "not just"."""
    clause = tokens[index].clause
    for j in range(index - 1, max(-1, index - 7), -1):
        if tokens[j].clause != clause:
            break
        if tokens[j].word in _NEGATIONS:
            follower = tokens[j + 1].word if j + 1 < len(tokens) else ""
            return follower not in _NOT_NEGATING
    return False


def _word_direction(word: str, before: str, comparatives: bool = True) -> str:
    if word in ("up", "down") and before in _UP | _DOWN | {"up", "down", "and", "or"}:
        return word  # "goes up and down", "raises down"
    if (before, word) in _PHRASAL:
        return _PHRASAL[(before, word)]
    if word in _UP or (word == "up" and before in _MOTION) or (comparatives and word in _UP_COMPARATIVE):
        return "up"
    if word in _DOWN or (word == "down" and before in _MOTION) or (comparatives and word in _DOWN_COMPARATIVE):
        return "down"
    return ""


def _directions(tokens: list[_Token], clauses: set[int], comparatives: bool = True) -> set[str]:
    """Which ways (up, down) the given clauses (all, when none is given) say things go; a negation flips a way."""
    said = set()
    for i, token in enumerate(tokens):
        if clauses and token.clause not in clauses:
            continue
        way = _word_direction(token.word, tokens[i - 1].word if i else "", comparatives)
        if way:
            said.add(_flip(way) if _negated(tokens, i) else way)
    return said


def _contradicts_itself(tokens: list[_Token]) -> bool:
    return any(len(_directions(tokens, {clause}, comparatives=False)) == 2 for clause in {t.clause for t in tokens})


def _group_direction(group: tuple[str, ...] | None) -> str:
    """'up' or 'down' when most alternatives of the group are words of that direction ("held back" may join them)."""
    firsts = [alt.split()[0] for alt in group or () if alt.split()]
    for way, lexicon in (("up", _UP), ("down", _DOWN)):
        if firsts and sum(w in lexicon for w in firsts) * 2 > len(firsts):
            return way
    return ""


def _way_of(tokens: list[_Token], index: int) -> str:
    """Which way the term at `index` goes ("up", "down", "same"): a verb acting on it just before, or one it
    undergoes just after."""
    clause = tokens[index].clause
    for j in range(index - 1, max(-1, index - 4), -1):
        if tokens[j].clause != clause:
            break
        word = tokens[j].word
        if word in _CHANGE and _negated(tokens, j):
            return "same"
        if word in (_UP | _DOWN) - _INTRANSITIVE or word in _UP_COMPARATIVE | _DOWN_COMPARATIVE:
            way = _word_direction(word, "")
            return _flip(way) if _negated(tokens, j) else way
    for j in range(index + 1, min(len(tokens), index + 4)):
        if tokens[j].clause != clause:
            break
        before = tokens[j - 1].word
        word = tokens[j].word
        if word in _CHANGE and _negated(tokens, j):
            return "same"
        if word in _UP_COMPARATIVE | _DOWN_COMPARATIVE:
            return _word_direction(word, "")
        if word in _INTRANSITIVE or (before in _PASSIVE and word in _UP | _DOWN) or (before, word) in _PHRASAL:
            way = _word_direction(word, before) or ("up" if word in _UP else "down" if word in _DOWN else "")
            if way:
                return _flip(way) if _negated(tokens, j) else way
    return ""


def _first_directed_clause(tokens: list[_Token]) -> set[int]:
    for i, token in enumerate(tokens):
        if _word_direction(token.word, tokens[i - 1].word if i else ""):
            return {token.clause}
    return set()


def _flip(direction: str) -> str:
    return "down" if direction == "up" else "up"


def _direction_problem(expected: str, said: set[str]) -> str:
    if not said:
        return f"which way it goes ({expected})"
    if len(said) == 2:
        return "it says both up and down"
    return f"it goes {expected}, not {_flip(expected)}"


def _feedback(missing: list[str], reversed_: list[str]) -> str:
    parts = []
    if missing:
        parts.append("missing: " + ", ".join(f"\u201c{m}\u201d" for m in missing))
    if reversed_:
        parts.append("reversed: " + ", ".join(dict.fromkeys(reversed_)))
    return "Not quite \u2014 " + "; ".join(parts) + "."
