"""Grading answers to quiz items, without any whole-answer fuzzy score.

Short answers are judged by a rubric, read clause by clause (tutor/clauses.py): every required
group of terms present (any name of a concept counts for it) and not negated in its own clause;
the direction of an effect kept, whether the rubric states it or the item's own explanation
implies it; the claim about the thing asked, not about another one; who does what to whom in the
model's order; no clause that says both up and down; no known misconception. Misspellings are
forgiven only on longer words, and never into another term of the pack or across a confusable
part (osteoblast is not a typo of osteoclast, TNFRSF11A is not TNFRSF11B).

Multiple choice takes a letter, a number, an ordinal, any option's text, a name of the concept an
option names, or a part of one option that no other option shares; true/false takes the pack's
words for yes and no. An answer neither can read gets UNCLEAR_*, and the quiz asks again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .english import common_words
from .clauses import Claim, Lexicon, Token, content_words, flip, split_clauses
from .model import GradingWords, QuizItem, Rubric
from .normalise import STOPWORDS, canonical_phrase, fold, stem
from .spelling import edits, nearest

__all__ = ["Grade", "Grader", "UNCLEAR_CHOICE", "UNCLEAR_TRUTH"]

UNCLEAR_CHOICE = "I couldn't tell which option you meant: answer with its letter, number or text."
UNCLEAR_TRUTH = "Answer true or false."
ONE_ANSWER = "Give one answer: of two offered, one is not it."
_KEYWORDS = "Please answer in words, not a list of keywords: say what does what."
_ECHO = "That gives the question's own words back: say which way things go, or what does what."
_MIN_MENDED = 6  # shorter words are never taken for misspellings


@dataclass(frozen=True)
class Grade:
    correct: bool
    feedback: str
    missing: tuple[str, ...] = ()
    reversed: tuple[str, ...] = ()
    chosen: str = ""


@dataclass(frozen=True)
class _Answer:
    """A free answer as read: its tokens, the concepts it names (start, end, key) and the rubric's words."""

    text: str
    tokens: list[Token]
    spans: list[tuple[int, int, str]]
    vocabulary: frozenset[str]


class Grader:
    """Knows the pack's names and its grading words: every name of a concept counts for it, and no
    name is a typo of another. Read-only."""

    def __init__(self, concept_names: list[tuple[str, ...]], words: GradingWords | None = None,
                 kinds: list[str] | None = None, answers: tuple[str, ...] = (), synonyms: dict[str, str] | None = None) -> None:
        """`concept_names`: per concept, its title first, then its other names; `words`: the pack's grading
        words; `kinds`: per concept, what sort of thing it is (a hormone, a cell, a process ...); `answers`:
        the items' own answers, which are never taken for misspellings of one another (somatotrophs, somatotropin);
        `synonyms`: the matcher's synonyms (knowledge/vocabulary.yaml), which count for a rubric's words too."""
        self._synonyms = _one_word_synonyms(synonyms or {})
        self._w = words or GradingWords()
        self._claim_verbs = _claim_verbs(self._w)
        self._kind: dict[str, str] = {}
        self._lex = Lexicon(self._w)
        self._names: dict[str, tuple[str, ...]] = {}
        self._all: set[str] = set()
        self._concept_of: dict[tuple[str, ...], str] = {}
        for names, kind in zip(concept_names, kinds or [""] * len(concept_names)):
            self._add_concept(names)
            if names and fold(names[0]):
                self._kind.setdefault(fold(names[0]), kind)
        self._terms = frozenset(w for n in self._all for w in n.split() if len(w) > 2)
        self._things = _particular_words(self._concept_of)
        self._protected = self._terms | _one_words(answers)
        self._protected_stems = frozenset(stem(w) for w in self._protected)  # "somatotroph" of "somatotrophs"
        self._longest = max((len(k) for k in self._concept_of), default=1)

    def _add_concept(self, names: tuple[str, ...]) -> None:
        folded = tuple(dict.fromkeys(fold(n) for n in names if fold(n)))
        if not folded:
            return
        self._all.update(folded)
        # only a concept's title (or the title without its gloss) stands for all its names:
        # an alias may name a part ("TNFSF11" of the genes)
        for title in folded[:2]:
            self._names.setdefault(canonical_phrase(title), folded)
        for name in folded:
            stems = tuple(stem(w) for w in name.split())
            if stems and not all(w in STOPWORDS for w in name.split()):
                self._concept_of.setdefault(stems, folded[0])

    # --- entry point ------------------------------------------------------------------
    def grade(self, item: QuizItem, answer: str) -> Grade:
        grade = self._grade(item, answer)
        bare = _PARENTHESES.sub(" ", answer).strip()
        if not grade.correct and bare and bare != answer.strip() and item.type in ("mc", "short", "cloze"):
            # "the pituitary (front part)", "RANKL (receptor activator of NF-kB ligand)": an aside in brackets
            # adds to the answer; read without it, the answer may be plainly right
            again = self._grade(item, bare)
            if again.correct:
                return again
        return grade

    def _grade(self, item: QuizItem, answer: str) -> Grade:
        if item.type == "mc":
            return self._choice(item, answer)
        if item.type == "tf":
            return self._true_false(item, answer)
        if item.type == "cloze":
            return self._cloze(item, answer)
        if not item.rubric:
            return Grade(False, "This item has no rubric.")
        return self.rubric(item.rubric, answer, item.explanation, item.question)

    # --- closed answers ---------------------------------------------------------------------
    def _choice(self, item: QuizItem, answer: str) -> Grade:
        picked = self.option_index(item, answer)
        if picked is None:
            return Grade(False, UNCLEAR_CHOICE)
        chosen = item.options[picked]
        right = chosen == item.answer
        return Grade(right, "" if right else f"Not quite: \u201c{chosen}\u201d is not it.", chosen=chosen)

    def option_index(self, item: QuizItem, answer: str) -> int | None:
        """Which option an answer picks, or None when it names none or several. A clause the answer denies
        ("they don't break bone down, they ...") picks nothing; "only" with a part of an option picks nothing."""
        affirmed = self._affirmed(answer, item.options)
        if affirmed != answer:
            return self.option_index(item, affirmed) if affirmed else None
        plain = " ".join(w for w in answer.split() if fold(w) not in self._w.exclusive_words)
        picked = self._picked(item, plain or answer)
        if picked is not None and self._opposed(answer, item.options[picked]):
            return None  # "new bone is built" for "bone is broken down"
        by_position = self._position(self._without_lead_in(fold(plain)), [fold(o) for o in item.options]) is not None
        if picked is not None and not by_position and self._only_part(answer, item.options[picked]):
            return None  # "Cagnacci and Venier only" for "Cagnacci & Venier 2014 and Khosla et al. 2012"
        return picked

    def _affirmed(self, answer: str, options: tuple[str, ...]) -> str:
        """The answer without its denied clauses; a negation an option has itself ("it has no effect") denies nothing."""
        own = {w for o in options for w in fold(o).split()}
        parts = [p for p in re.split(r"[,;]|\bbut\b", answer) if p.strip()]
        kept = [p for p in parts if not (set(fold(p).split()) & self._w.negations) - own]
        return answer if len(kept) == len(parts) else ", ".join(p.strip() for p in kept)

    def _opposed(self, answer: str, option: str) -> bool:
        """Whether the answer says a word whose opposite the option says instead ("built" against "broken")."""
        said, offered = {stem(w) for w in fold(answer).split()}, {stem(w) for w in fold(option).split()}
        pairs = [(stem(a), stem(b)) for a, b in self._w.opposites] + _negative_forms(said | offered)
        return any(x in said and y in offered and x not in offered and y not in said
                   for a, b in pairs for x, y in ((a, b), (b, a)))

    def _only_part(self, answer: str, option: str) -> bool:
        """ "only" said of less than the whole option."""
        words = fold(answer).split()
        if not set(words) & self._w.exclusive_words:
            return False
        said = self._units(" ".join(w for w in words if w not in self._w.exclusive_words), every_word=True)
        return not {u for u in self._units(option, every_word=True) if u[0] != "way"} <= said

    def _picked(self, item: QuizItem, answer: str, second_reading: bool = True) -> int | None:
        """The option an answer picks by position, whole or part, or by what it shares; with
        `second_reading`, also by the order of what it names or by its words where a name is spelled otherwise."""
        text = self._without_lead_in(fold(answer))
        direct = self._position(text, [fold(o) for o in item.options]) if text else None
        if direct is not None or not text:
            return direct
        headed = self._headed(item, answer)
        return headed if headed is not None else self._by_content(item, text, second_reading)

    def _by_content(self, item: QuizItem, text: str, second_reading: bool) -> int | None:
        """The option a free answer picks by what it says."""
        options = [self._units(o, every_word=True) for o in item.options]
        mended = self._mend_towards(text, item.options)
        said = self._units(mended)
        if not said:
            return None
        option_words = [fold(o).split() for o in item.options]
        picked = _by_inclusion(said, options)
        if picked is None:
            picked = self._closest_option(said, mended.split(), options, option_words)
        if picked is not None or not second_reading:
            return picked
        return _first(p for p in (self._in_order(mended, said, item.options, options),
                                  self._spelled_otherwise(mended, options, option_words)) if p is not None)

    def _spelled_otherwise(self, mended: str, options: list[frozenset], option_words: list[list[str]]) -> int | None:
        """ "Khosla 2012" for "Khosla et al. 2012", "bone density" in "bone growth and density": a name the
        option does not name counts when the option has all its words; no variant the option lacks
        ("estrogen receptor beta" is not "estrogen receptor alpha")."""
        tokens = self._plain_tokens(mended)
        named = [(key, {t.stem for t in tokens[s:e]}) for s, e, key in self._spans(tokens)]
        units = self._units(mended, every_word=True)
        scores = []
        for own, offered in zip(option_words, options):
            said = _spelled_in(units, named, {stem(w) for w in own})
            lacking = set(mended.split()) & self._w.variant_words - set(own)
            scores.append(-1 if lacking else _shared(said, _content(said), [], _words_and(offered, said), own))
        return _clear_best(scores, len(_content(units)))

    def _in_order(self, text: str, units: frozenset, options: tuple[str, ...], option_units: list[frozenset]) -> int | None:
        """The one option that names the same things in the same order ("TNFSF11 = RANKL, TNFRSF11B = OPG" for
        "TNFSF11 encodes RANKL; TNFRSF11B encodes OPG", not "TNFSF11 encodes OPG; TNFRSF11B encodes RANKL"),
        and moves none of them the other way."""
        said = self._named_in_order(text)
        if len(said) < 2:
            return None
        return _only([i for i, option in enumerate(options)
                      if self._named_in_order(option) == said and not _reverses(units, option_units[i])])

    def _named_in_order(self, text: str) -> list[str]:
        """The concepts and codes ("TNFSF11") a text names, in its order."""
        tokens = self._plain_tokens(text)
        spans = self._spans(tokens)
        inside = {i for s, e, _ in spans for i in range(s, e)}
        codes = [(i, t.word) for i, t in enumerate(tokens) if i not in inside and self._is_code(t.word)]
        named = [(s, key) for s, _, key in spans] + codes
        return [key for _, key in sorted(named)]

    @staticmethod
    def _is_code(word: str) -> bool:
        return any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)

    def _headed(self, item: QuizItem, answer: str) -> int | None:
        """ "the first one, TNFSF11 = RANKL ...": an option's letter, number or ordinal before a comma, when
        what follows picks no other option."""
        head, comma, rest = answer.partition(",")
        if not comma or not rest.strip():
            return None
        picked = self._position(self._without_lead_in(fold(head)), [fold(o) for o in item.options])
        if picked is None:
            return None
        return picked if self._picked(item, rest, second_reading=False) in (None, picked) else None

    @staticmethod
    def _closest_option(said: frozenset, words: list[str], options: list[frozenset], option_words: list[list[str]]) -> int | None:
        """The option that shares most of what a free answer says: at least two things and half of them,
        more than any other option shares, naming nothing the option does not name, and no thing going the
        way the answer reverses ("RANKL up" against "RANKL down"). The end of an option's word counts
        ("blasts" of "osteoblasts", not "mature" of "immature")."""
        content = {u for u in said if u[0] != "way"}
        parts = [w for w in words if len(w) >= 4 and w not in STOPWORDS]
        scores = [_shared(said, content, parts, units, own) for units, own in zip(options, option_words)]
        best = max(range(len(scores)), key=scores.__getitem__)
        runner_up = max((score for i, score in enumerate(scores) if i != best), default=0)
        return best if _clearly_best(scores[best], runner_up, len(content)) else None

    def _position(self, text: str, options: list[str]) -> int | None:
        """A letter ("b"), a number ("2"), an ordinal ("the second one") or an option's very text."""
        if text in options:
            return options.index(text)
        count = len(options)
        letters = "abcd"[:count]
        if len(text) == 1 and text in letters:
            return letters.index(text)
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text) - 1
        return self._ordinal(text, count)

    def _ordinal(self, text: str, count: int) -> int | None:
        words = [w for w in text.split() if w not in STOPWORDS and w not in ("option", "answer")]
        for index, forms in enumerate(self._w.ordinals[:count]):
            if words and words[0] in forms and all(w in forms or w == "one" for w in words):
                return index
        return None

    def _without_lead_in(self, text: str) -> str:
        """Without "I think", "the answer is" before it, or "I think", "probably" after it."""
        changed = True
        while changed:
            changed = False
            for lead in self._w.lead_ins:
                if text.startswith(lead + " "):
                    text, changed = text[len(lead) + 1:].strip(), True
                elif text.endswith(" " + lead):
                    text, changed = text[: -len(lead) - 1].strip(), True
        return text

    def _units(self, text: str, every_word: bool = False) -> frozenset:
        """What a text says, as comparable units: the concepts it names, its other content words' stems
        (`every_word`: those inside names too) and which way each named thing goes."""
        tokens = self._plain_tokens(text)
        spans = self._spans(tokens)
        inside = set() if every_word else {i for s, e, _ in spans for i in range(s, e)}
        plain = STOPWORDS | self._lex.directed | self._lex.comparatives | {"up", "down"}
        units: set = {("concept", c) for _, _, c in spans}
        units |= {("word", t.stem) for i, t in enumerate(tokens) if i not in inside and t.word not in plain}
        if every_word:
            units |= {("concept", c) for c in self._inner_concepts(tokens, spans)}
        return frozenset(units | self._way_units(tokens, spans))

    def _way_units(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> set:
        """Which way each named thing goes ("a surge in RANKL"), and which ways are said at all ("raises it")."""
        units = {("way", c, way) for s, e, c in spans for way in [self._lex.way_of(tokens, s, e)] if way in ("up", "down")}
        return units | {("way", "", w) for w in (self._lex.word_direction(tokens, i) for i in range(len(tokens))) if w}

    def _inner_concepts(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> set[str]:
        """Concepts named inside a longer name ("growth hormone" in "growth hormone peptides")."""
        found = set()
        for s, e, _ in spans:
            stems = tuple(t.stem for t in tokens[s:e])
            for length in range(1, len(stems)):
                for i in range(len(stems) - length + 1):
                    key = self._concept_of.get(stems[i:i + length])
                    if key:
                        found.add(key)
        return found

    def _same_kind_inside(self, tokens: list[Token], start: int, end: int, key: str) -> set[str]:
        """Concepts inside a name that are the same kind of thing: "the OPG gene" speaks of OPG, while
        "osteoclast formation", a process, is no claim about the cells themselves."""
        kind = self._kind.get(key)
        return {k for k in self._inner_concepts(tokens, [(start, end, key)]) if kind and self._kind.get(k) == kind}

    def _mend_towards(self, text: str, options: tuple[str, ...]) -> str:
        """Misspelt words of a choice mended towards the options' own words; on shorter words, only two
        letters swapped ("RNAKL"), which keeps every letter and so never makes another term."""
        vocabulary = {w for o in options for w in fold(o).split() if len(w) >= _MIN_MENDED}
        short = {w for o in options for w in fold(o).split() if 4 <= len(w) < _MIN_MENDED}
        return " ".join(_swapped_into(self._mended(w, vocabulary), short) for w in text.split())

    def truth(self, answer: str) -> bool | None:
        """True, False, or None when the answer says neither or both ("yes, false")."""
        text = self._without_lead_in(fold(answer))
        if text in self._w.true_words:
            return True
        if text in self._w.false_words:
            return False
        words = text.split()
        said = {self._polarity(words, i) for i in range(len(words))} - {None}
        return said.pop() if len(said) == 1 else None

    def _polarity(self, words: list[str], i: int) -> bool | None:
        """What one word says: "true", "nope"; "not true", "isnt right" turn it round. One-letter words only alone."""
        word = words[i]
        if len(word) == 1 or word in ("it", "is", "that", "thats"):
            return None
        negated = i > 0 and words[i - 1] in self._w.negations | {"isnt", "not"}
        if word in self._w.true_words:
            return not negated
        if word in self._w.false_words and word in self._w.negations:
            return False if i == 0 else None  # a leading "no"; "no effect" later on says nothing
        return negated if word in self._w.false_words else None

    def _true_false(self, item: QuizItem, answer: str) -> Grade:
        said = self.truth(answer)
        if said is None and self._denies(item.question, answer):
            said = False  # "they don't clear bone, they build it": the statement denied, so it is false
        if said is None:
            return Grade(False, UNCLEAR_TRUTH)
        right = said == item.answer
        return Grade(right, "" if right else "Not quite.", chosen=str(said).lower())

    def _denies(self, statement: str, answer: str) -> bool:
        """Whether an answer with no verdict word denies the statement: "not really, ..." first, or a negation
        right before a word the statement says ("they do not keep strong bones", "not progesterone, estradiol")."""
        words = fold(answer).split()  # contractions come out whole: "don't" is "do not"
        if words[:2] == ["not", "really"]:
            return True
        stated = {stem(w) for w in fold(statement).split() if len(w) >= 4 and w not in STOPWORDS}
        return any(w in self._w.negations and any(stem(x) in stated for x in words[i + 1:i + 4] if x not in STOPWORDS)
                   for i, w in enumerate(words))

    def _cloze(self, item: QuizItem, answer: str) -> Grade:
        wanted = self._expand((str(item.answer), *item.accept))
        said = self._without_lead_in(fold(answer))
        choices = [c.strip() for c in re.split(r"\bor\b", said) if c.strip()]
        if len(choices) > 1 and not any(" or " in f" {w} " for w in wanted):
            return self._each_right(item, choices)
        if any(_says(said, target) for target in wanted):
            return Grade(True, "")
        for target in wanted:
            if self._close(said, target):
                return Grade(True, f"(It is spelled {item.answer}.)")
        return Grade(False, "Not quite.")

    def _each_right(self, item: QuizItem, choices: list[str]) -> Grade:
        """ "aromatase or reductase": two answers offered are right only if each one is."""
        graded = [self._cloze(item, c) for c in choices]
        return graded[0] if all(g.correct for g in graded) else Grade(False, ONE_ANSWER)

    def _close(self, said: str, target: str) -> bool:
        """A misspelling of the target, word for word; never another term of the pack, a code or a confusable."""
        said_words, target_words = said.split(), target.split()
        if len(said_words) != len(target_words):
            return False
        return all(s == t or stem(s) == stem(t) or self._typo_of(s, t) for s, t in zip(said_words, target_words))

    def _typo_of(self, said: str, target: str) -> bool:
        if len(target) < _MIN_MENDED or self._is_term(said, target) or self._crosses(said, target):
            return False
        if said in _everyday_words():
            return False  # a word of its own ("absorption"), not a misspelling of "resorption"
        if not said.isalpha():  # a code: one slip in its letters, never in its number ("TNSF11", not "TNFRSF11A")
            return _code_tail(said) == _code_tail(target) and edits(said, target) <= 1
        return edits(said, target) <= (1 if len(target) < 9 else 2)

    def _is_term(self, said: str, target: str) -> bool:
        """A word of the pack's own (or another form of one) is no misspelling of a different target."""
        return said in self._protected or (stem(said) in self._protected_stems and stem(said) != stem(target))

    def _crosses(self, said: str, target: str) -> bool:
        """Whether mending `said` into `target` would swap one confusable part for another (-blast for -clast)."""
        for a, b in self._w.confusable_parts:
            for x, y in ((a, b), (b, a)):
                if x in target and x not in said and y in said and y not in target:
                    return True
        return False

    # --- rubric -------------------------------------------------------------------------------
    def rubric(self, rubric: Rubric, answer: str, model: str = "", question: str = "") -> Grade:
        """Judge a free answer; `model` (the item's explanation) implies which way each effect goes, and
        together with the `question` it says what the answer must be about."""
        required = [self._expand(g) for g in rubric.required]
        reading = self._read(answer, rubric, required)
        unread = self._not_a_claim(reading, question)
        if unread:
            return Grade(False, unread)
        missing, reversed_ = self._required(rubric, required, reading, model)
        reversed_ += self._checks_against_model(reading, model, question, required + [self._expand(g) for g in rubric.optional])
        reversed_ += self._clause_checks(reading, required, rubric, model)
        for mistake in rubric.misconceptions:
            groups = [self._expand(g) for g in mistake.groups]
            if all(any(not self._lex.negated(reading.tokens, i) for i in _find(g, reading.tokens)) for g in groups):
                return Grade(False, mistake.feedback, tuple(missing), tuple(reversed_))
        if missing or reversed_:
            return Grade(False, _feedback(missing, reversed_), tuple(missing), tuple(reversed_))
        return Grade(True, "")

    def _not_a_claim(self, reading: _Answer, question: str) -> str:
        """Why an answer says no claim at all, or ""."""
        if self._echoes(fold(reading.text).split(), question):
            return _ECHO  # "RANKL and OPG" to "how does estrogen act on RANKL and OPG?" says nothing of how
        return _KEYWORDS if self._keyword_list(reading, question) else ""

    def _clause_checks(self, reading: _Answer, required: list[tuple[str, ...]], rubric: Rubric, model: str) -> list[str]:
        """What the answer's own clauses get wrong: swapped parts, the other pace, "only" of one of several, both ways at once."""
        problems = _crossed_pairs(reading.tokens, required, rubric.required, self._lex)
        problems += self._pace(reading.tokens, model) + self._one_of_several(reading.tokens, model)
        problems += self._opposite_word(reading.tokens, model)
        if self._lex.contradicts_itself(reading.tokens):
            problems.append("it says both up and down")
        return problems

    def _opposite_word(self, tokens: list[Token], model: str) -> list[str]:
        """A word whose opposite the model says instead ("begins after the first fracture" against "long before
        a fracture"); words of direction and words of the pack's names ("formation") are judged thing by thing
        elsewhere, so they are left out here."""
        judged = self._lex.directed | self._lex.comparatives | self._terms | self._w.gradual_words | self._w.abrupt_words
        said = {t.stem for i, t in enumerate(tokens) if not self._lex.negated(tokens, i, spent=False)}
        offered = {stem(w) for w in fold(model).split()}
        pairs = [(a, b) for a, b in self._w.opposites if a not in judged and b not in judged]
        for x, y in [(a, b) for a, b in pairs] + [(b, a) for a, b in pairs]:
            if _only_one_side(stem(x), stem(y), said, offered):
                return [f"the model says \u201c{y}\u201d"]
        return []

    def _pace(self, tokens: list[Token], model: str) -> list[str]:
        """A change said at the other pace than the model's: "they slowly decline" against "falls sharply"."""
        paces = (self._w.gradual_words, self._w.abrupt_words)
        model_words = set(fold(model).split())
        said = [any(t.word in words and not self._lex.negated(tokens, i, spent=False) for i, t in enumerate(tokens))
                for words in paces]
        for own, other, (name, opposite) in ((0, 1, ("gradual", "sudden")), (1, 0, ("sudden", "gradual"))):
            if said[own] and not said[other] and model_words & paces[other] and not model_words & paces[own]:
                return [f"the change is {opposite}, not {name}"]
        return []

    def _one_of_several(self, tokens: list[Token], model: str) -> list[str]:
        """ "only the liver makes it" against a model that names the liver with others ("the liver and other
        tissues"): the thing said to be the only one is one of several. "not only" says the opposite."""
        model_words = fold(model).split()
        for i, token in enumerate(tokens):
            if token.word not in self._w.exclusive_words or (i and tokens[i - 1].word in self._w.negations):
                continue
            thing = _first(t.word for t in tokens[i + 1:] if t.word not in STOPWORDS)
            if thing and _among_others(thing, model_words) and not self._said_only(thing, model_words):
                return [f"\u201c{thing}\u201d is not the only one"]
        return []

    def _said_only(self, word: str, model_words: list[str]) -> bool:
        """Whether the model itself says "only" of the word ("only the genomic one is detailed")."""
        return any(w == word and self._w.exclusive_words & set(model_words[max(0, i - 3):i]) for i, w in enumerate(model_words))

    def _read(self, answer: str, rubric: Rubric, required: list[tuple[str, ...]]) -> _Answer:
        vocabulary = {w for g in required + [self._expand(g) for g in rubric.optional] for alt in g for w in alt.split()}
        vocabulary |= {w for m in rubric.misconceptions for g in m.groups for alt in g for w in fold(alt).split()}
        tokens = self._tokens(answer, vocabulary | self._terms | self._lex.directed)
        return _Answer(answer, tokens, self._spans(tokens), frozenset(vocabulary))

    def _required(self, rubric: Rubric, required: list[tuple[str, ...]], reading: _Answer,
                  model: str) -> tuple[list[str], list[str]]:
        tokens = reading.tokens
        ways = [self._lex.group_direction(g) if not self._used_as_noun(g, tokens) else "" for g in required]
        subject = next((g for g, way in zip(required, ways) if not way), None)
        clauses = {tokens[i].clause for i in _find(subject, tokens)} if subject else self._lex.first_directed_clause(tokens)
        said = self._lex.directions(tokens, clauses)
        missing, reversed_ = [], []
        for group, shown, way in zip(required, rubric.required, ways):
            if way:
                self._direction_group(group, shown[0], way, said, tokens, missing, reversed_)
            else:
                self._term_group(group, shown[0], tokens, model, missing, reversed_, _judges_ways(rubric, ways))
        if rubric.direction and said != {rubric.direction} and not any(ways):
            reversed_.append(_direction_problem(rubric.direction, said))
        return missing, reversed_

    def _direction_group(self, group: tuple[str, ...], shown: str, way: str, said: set[str], tokens: list[Token],
                         missing: list[str], reversed_: list[str]) -> None:
        literal = [i for i in _find(group, tokens) if not self._lex.negated(tokens, i)]
        if way not in said and not (literal and said <= {way}):
            (reversed_ if said else missing).append(f"it goes {way}, not {flip(way)}" if said else shown)

    def _term_group(self, group: tuple[str, ...], shown: str, tokens: list[Token], model: str,
                    missing: list[str], reversed_: list[str], directed: bool) -> None:
        """`directed`: the rubric judges which way things go, so a denied verb before a term ("does not
        raise RANKL") is judged there and does not deny the term itself."""
        where = [i for i in _find(group, tokens) if not self._other_variant(group, tokens, i)]
        if not where:
            missing.append(shown)
        elif all(self._lex.negated(tokens, i, spent=directed) for i in where):
            reversed_.append(f"you said not \u201c{shown}\u201d")
        else:
            reversed_.extend(self._implied_reversal(group, shown, tokens, model))

    def _other_variant(self, group: tuple[str, ...], tokens: list[Token], i: int) -> bool:
        """ "ER beta" is not the group's "ER" when the group means ER alpha: a name followed by a variant
        word ("alpha", "beta") that none of the group's alternatives has names another thing."""
        variants = {w for alternative in group for w in alternative.split()} & self._w.variant_words
        for alternative in group:
            end = i + len(alternative.split())
            if _find((alternative,), tokens[i:end]) == [0] and end < len(tokens):
                follower = tokens[end].word
                return follower in self._w.variant_words and follower not in variants
        return False

    def _used_as_noun(self, group: tuple[str, ...], tokens: list[Token]) -> bool:
        """A group of direction words that the answer uses as nouns ("fewer falls") names a thing, not a way."""
        where = _find(group, tokens)
        return bool(where) and all(self._lex.is_noun(tokens, i) for i in where)

    def _checks_against_model(self, reading: _Answer, model: str, question: str,
                              required: list[tuple[str, ...]] = ()) -> list[str]:
        if not model:
            return []
        tokens = self._tokens(model, set())
        spans = self._spans(tokens)
        problems = self._against_model(reading, tokens, spans)
        problems += self._swapped_roles(reading, tokens, spans, required)
        problems += self._conversion(reading, tokens, spans, question, required)
        asked_tokens = self._tokens(question, set())
        asked = spans + self._spans(asked_tokens)
        inner = self._inner_concepts(tokens, spans) | self._inner_concepts(asked_tokens, self._spans(asked_tokens))
        problems += self._wrong_thing(reading, asked, self._moves(tokens, spans, set()), inner)
        problems += self._order(reading, tokens, spans)
        problems += self._maker(reading, tokens, spans)
        return problems

    def _swapped_roles(self, reading: _Answer, model_tokens: list[Token], model_spans: list,
                       required: list[tuple[str, ...]]) -> list[str]:
        """A rubric's part said of the wrong thing: "sex steroids are anabolic and GH/IGF-1 anti-resorptive"
        against a model that gives the anti-resorptive part to the sex steroids and the anabolic one to GH.
        Each part belongs to the thing named last before it; two things the model names, each given the
        other's part and none of its own, are swapped."""
        shared = ({k for _, k in self._things_named(reading.tokens, reading.spans, required)}
                  & {k for _, k in self._things_named(model_tokens, model_spans, required)})
        said = self._roles(reading.tokens, reading.spans, required, shared)
        expected = self._roles(model_tokens, model_spans, required, shared)
        swap = _swap(said, expected)
        return [f"the roles are swapped: \u201c{required[swap[0]][0]}\u201d and \u201c{required[swap[1]][0]}\u201d"] if swap else []

    def _roles(self, tokens: list[Token], spans: list[tuple[int, int, str]], required: list[tuple[str, ...]],
               shared: set[str]) -> dict[str, set[int]]:
        """For each thing named that both texts name, the rubric groups said after it and before the next."""
        hits = _group_hits(required, tokens, self._lex)
        things = [(s, key) for s, key in self._things_named(tokens, spans, required) if key in shared]
        roles: dict[str, set[int]] = {key: set() for _, key in things}
        for i, g in hits.items():
            before = [(s, key) for s, key in things if s < i]
            if before:
                roles[max(before)[1]].add(g)
        return roles

    def _conversion(self, reading: _Answer, model_tokens: list[Token], model_spans: list, question: str,
                    groups: list[tuple[str, ...]]) -> list[str]:
        """What turns into what, against the model: "converts estradiol into testosterone" is backwards, and
        "testosterone is converted to progesterone" names a product the model, the question and the rubric's
        groups never give (estrogen for estradiol is one group's word, so it is the same product)."""
        expected = self._conversions(model_tokens, model_spans)
        named = {k for _, _, k in model_spans + self._spans(self._tokens(question, set()))}
        for source, product in self._conversions(reading.tokens, reading.spans):
            source = _resolved(source, {s for s, _ in expected})
            if self._backwards(source, product, expected, groups):
                return [f"it is {product} that is turned into {source}, not the other way round"]
            products = {p for s, p in expected if s == source}
            if products and product not in named and not any(self._same_group(product, p, groups) for p in products):
                return [f"{source} is not turned into {product}"]
        return []

    def _backwards(self, source: str, product: str, expected: set[tuple[str, str]], groups: list[tuple[str, ...]]) -> bool:
        """The model turns the product into the source (estrogen standing for estradiol where a group allows)."""
        def same(one: str, other: str) -> bool:
            return one == other or self._same_group(one, other, groups)
        return (any(same(s, product) and same(p, source) for s, p in expected)
                and not any(same(s, source) and same(p, product) for s, p in expected))

    def _same_group(self, one: str, other: str, groups: list[tuple[str, ...]]) -> bool:
        """Whether two concepts are alternatives of one rubric group ("estradiol", "estrogen")."""
        keys = [{self._concept_of.get(tuple(stem(w) for w in alt.split())) for alt in group} for group in groups]
        return any(one in k and other in k for k in keys)

    def _conversions(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
        """(source, product): "converts testosterone into estradiol", "testosterone is turned to estradiol"."""
        pairs = set()
        for i, token in enumerate(tokens):
            if token.word in self._w.conversion_verbs and not self._lex.negated(tokens, i):
                pair = self._conversion_at(tokens, spans, i)
                if pair:
                    pairs.add(pair)
        return pairs

    def _conversion_at(self, tokens: list[Token], spans: list[tuple[int, int, str]], i: int) -> tuple[str, str] | None:
        """The source (between the verb and "into", else named before the verb) and the product after "into"."""
        marker = _marker_after(tokens, i, self._w.conversion_markers)
        if marker is None:
            return None
        named = [(s, k) for s, _, k in spans if tokens[s].clause == tokens[i].clause]
        if not any(i < s < marker for s, _ in named) and any(t.word in self._w.pronouns for t in tokens[i + 1:marker]):
            named.append((i + 1, _PRONOUN))  # "converts it to ...": the thing converted is one named elsewhere
        return _source_and_product(named, i, marker)

    def _things_named(self, tokens: list[Token], spans: list[tuple[int, int, str]],
                      required: list[tuple[str, ...]]) -> list[tuple[int, str]]:
        """Where a text names a thing: a concept, or a word of a particular name ("steroids"), that is no rubric term."""
        hits = _group_hits(required, tokens, self._lex)
        things = [(s, key) for s, e, key in spans if not any(i in hits for i in range(s, e))]
        inside = {i for s, e, _ in spans for i in range(s, e)}
        return things + [(i, t.stem) for i, t in enumerate(tokens) if i not in inside | hits.keys() and t.stem in self._things]

    def _against_model(self, reading: _Answer, model_tokens: list[Token], model_spans: list) -> list[str]:
        """Things the answer moves one way while the model answer moves them the other ("estrogen lowers OPG")."""
        # besides concepts, the rubric's own words that name no concept ("muscles"): generic ones like
        # "bone" are part of too many claims to be held to one way
        terms = {w for w in reading.vocabulary if w not in self._lex.directed and w not in STOPWORDS and w not in self._terms}
        expected = self._moves(model_tokens, model_spans, terms, inner=True)
        said = {**self._both(reading.tokens, model_tokens, model_spans), **self._moves(reading.tokens, reading.spans, terms)}
        problems = []
        for key, (name, ways) in said.items():
            if key in expected and len(ways) == 1 and len(expected[key][1]) == 1 and _disagree(expected[key][1], ways):
                problems.append(_way_problem(name, next(iter(expected[key][1])), next(iter(ways))))
        return problems

    def _both(self, tokens: list[Token], model_tokens: list[Token], model_spans: list) -> dict[str, tuple[str, set[str]]]:
        """ "turns both genes down": "both" and a noun stand for the things the model names with that noun
        ("the OPG gene", "the RANKL gene"), each going the way said of the noun."""
        moves: dict[str, tuple[str, set[str]]] = {}
        for i in range(len(tokens) - 1):
            noun = tokens[i + 1]
            way = self._lex.way_of(tokens, i + 1) if tokens[i].word == "both" else ""
            named = self._named_with(noun.stem, model_tokens, model_spans) if way else {}
            for key, name in (named.items() if len(named) == 2 else ()):
                moves[key] = (f"{name} (of both {noun.word})", {way})
        return moves

    def _named_with(self, noun: str, tokens: list[Token], spans: list) -> dict[str, str]:
        """The things a text names with a noun, and how: "the OPG gene" (a name of its own that holds OPG) or
        "RANKL gene"."""
        named = {}
        for s, e, key in spans:
            if tokens[e - 1].stem == noun:
                name = " ".join(t.word for t in tokens[s:e])
                named.update(dict.fromkeys(sorted(self._same_kind_inside(tokens, s, e, key) or {key}), name))
            elif e < len(tokens) and tokens[e].stem == noun:
                named[key] = " ".join(t.word for t in tokens[s:e + 1])
        return named

    def _moves(self, tokens: list[Token], spans: list[tuple[int, int, str]], terms: set[str],
               inner: bool = False) -> dict[str, tuple[str, set[str]]]:
        """For each concept (or rubric term) named in a text, which way the text says it goes; with `inner`, the
        concepts named inside a longer name go that way too ("the OPG gene up": OPG up)."""
        moves: dict[str, tuple[str, set[str]]] = {}
        places = _places(tokens, spans, terms)
        starts = frozenset(s for s, _, _ in places)
        for start, end, key in places:
            way = self._lex.way_of(tokens, start, end, starts)
            if way:
                name = " ".join(t.word for t in tokens[start:end])
                for each in {key} | (self._same_kind_inside(tokens, start, end, key) if inner else set()):
                    moves.setdefault(each, (name, set()))[1].add(way)
        return moves

    def _wrong_thing(self, reading: _Answer, asked: list[tuple[int, int, str]], expected: dict,
                     inner: set[str] = frozenset()) -> list[str]:
        """The right direction about the wrong thing: the answer moves something the question and the model
        never name, of the same kind as what the model moves (testosterone for estrogen, formation for resorption)."""
        named = {key for _, _, key in asked} | inner  # "OPG" is named inside "the OPG gene"
        kinds = {self._kind.get(key) for key in expected} - {"", None}
        for key, (name, _) in self._moves(reading.tokens, reading.spans, set()).items():
            if key not in named and self._kind.get(key) in kinds:
                return [f"the question is not about \u201c{name}\u201d"]
        return []

    def _order(self, reading: _Answer, model_tokens: list[Token], model_spans: list) -> list[str]:
        """Who does what to whom: "IGF-1 raises GH" against a model that says "GH raises IGF-1"."""
        expected = self._lex.claims(model_tokens, model_spans)
        pairs = {(c.subject, c.object) for c in expected}
        problems = []
        for claim in self._lex.claims(reading.tokens, reading.spans):
            if Claim(claim.object, claim.verb, claim.subject) in expected and (claim.subject, claim.object) not in pairs:
                problems.append(f"it is {claim.object} that acts on {claim.subject}, not the other way round")
        return problems

    def _maker(self, reading: _Answer, model_tokens: list[Token], model_spans: list) -> list[str]:
        """Who makes a thing: "osteoclasts make it" against a model where osteoblasts produce RANKL. A maker of
        the same kind as the model's, for a thing the model has made ("it" standing for it when the model makes
        one thing), is the wrong one."""
        expected = self._makings(model_tokens, model_spans)
        products = {made for _, made in expected}
        for maker, made in self._makings(reading.tokens, reading.spans):
            made = _resolved(made, products)
            makers = {m for m, p in expected if p == made}
            if makers and maker not in makers and all(self._kind.get(maker) == self._kind.get(m) for m in makers):
                return [f"it is {' and '.join(sorted(makers))} that make {made}, not {maker}"]
        return []

    def _makings(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> set[tuple[str, str]]:
        """(maker, made): "osteoblasts produce RANKL", "RANKL is made by osteoblasts", "osteoclasts make it"."""
        pairs = {self._making_at(tokens, spans, i) for i, token in enumerate(tokens)
                 if token.word in self._w.making_verbs and not self._lex.negated(tokens, i)}
        return {(maker, made) for maker, made in pairs if maker and made and maker != made and maker != _PRONOUN}

    def _making_at(self, tokens: list[Token], spans: list[tuple[int, int, str]], i: int) -> tuple[str, str]:
        """(maker, made) around the verb at i; "is made by" puts the maker after it."""
        pronoun = any(t.word in self._w.pronouns for t in tokens[:i] if t.clause == tokens[i].clause)
        before = self._lex.subject(tokens, spans, i) or (_PRONOUN if pronoun else "")
        after = self._object_or_pronoun(tokens, spans, i)
        passive = i + 1 < len(tokens) and tokens[i + 1].word == "by"
        return (after, before) if passive else (before, after)

    def _object_or_pronoun(self, tokens: list[Token], spans: list[tuple[int, int, str]], i: int) -> str:
        """The first thing named after a verb in its clause, or a stand-in for a pronoun before any."""
        for j in range(i + 1, len(tokens)):
            if tokens[j].clause != tokens[i].clause:
                break
            named = [key for s, _, key in spans if s == j]
            if named:
                return named[0]
            if tokens[j].word in self._w.pronouns:
                return _PRONOUN
        return ""

    def _keyword_list(self, reading: _Answer, question: str = "") -> bool:
        """Two or more words, no small word and no word of direction, nearly all of them terms: a list, not a claim."""
        words = fold(reading.text).split()
        if len(words) < 2 or _arrows(reading.text) or self._joined(reading.text) or self._reads_as_claim(reading, words):
            return False
        if self._short_answer_of_parts(reading.text, words, bool(question)) and not self._asks_for_claim(question):
            return False  # "ERa, nucleus", "positive correlation": short answers to a question that asks for names
        others = [w for w in words if w not in reading.vocabulary and w not in self._terms and not w.isdigit()]
        return len(others) <= 1

    def _echoes(self, words: list[str], question: str) -> bool:
        """Only the question's own words given back to a question that asks how or why."""
        asked = {stem(w) for w in fold(question).split()}
        content = [w for w in words if w not in STOPWORDS]
        return bool(content) and self._asks_for_claim(question) and all(stem(w) in asked for w in content)

    @staticmethod
    def _short_answer_of_parts(text: str, words: list[str], asks_for_names: bool) -> bool:
        """Three words or fewer, in parts (a comma) or, to a question that asks for names, of two words or more;
        or, to a question that asks for names, two parts of three words or fewer each ("positive link, particularly
        women" to "what link ..., and in which group?")."""
        parts = [p.split() for p in text.split(",")]
        in_parts = asks_for_names and len(parts) == 2 and all(0 < len(p) < 4 for p in parts)
        return in_parts or (len(words) < 4 and (len(words) > 2 or "," in text or asks_for_names))

    def _joined(self, text: str) -> bool:
        """ "RANKL + OPG", "RANK = receptor": terms joined by a symbol that stands for a word."""
        return any(symbol in text for symbol in self._w.joining_symbols)

    def _asks_for_claim(self, question: str) -> bool:
        """ "How does OPG ...?", "Why ...?": the question wants who does what, not a list of names."""
        folded = f" {fold(question)} "
        return any(f" {phrase} " in folded for phrase in self._w.claim_questions)

    def _reads_as_claim(self, reading: _Answer, words: list[str]) -> bool:
        """Small words or verbs of direction, a single name, or "RANKL down, OPG up"."""
        grammar = STOPWORDS | self._w.negations | self._lex.directed | self._lex.comparatives | self._w.motion | self._w.passive
        said = words + [t.word for t in reading.tokens]  # with paraphrases read as verbs ("turns rankl down")
        return any(w in grammar for w in said) or any(self._inflected_verb(w) for w in words) or self._one_name(reading) \
            or self._terse(reading)

    def _inflected_verb(self, word: str) -> bool:
        """A relation's verb, or the first word of a paraphrase of one, in an inflected form ("decoy receptor grabs
        RANKL"); a bare "bind" among terms ("opg rankl rank bind decoy") is one more keyword."""
        return word.endswith(("s", "ed")) and len(word) >= 4 and stem(word) in self._claim_verbs

    def _terse(self, reading: _Answer) -> bool:
        """ "RANKL down, OPG up": after any clause that names nothing, each thing named followed by its way."""
        named = {t.clause for s, _, _ in reading.spans for t in reading.tokens[s:s + 1]}
        tokens = [(i, t) for i, t in enumerate(reading.tokens) if t.clause in named]
        ends = {s: e for s, e, _ in reading.spans}
        i = 0
        while i < len(tokens):
            end = ends.get(tokens[i][0])
            if end is None or end >= len(reading.tokens) or reading.tokens[end].word not in ("up", "down"):
                return False
            i += end - tokens[i][0] + 1
        return bool(tokens)

    def _one_name(self, reading: _Answer) -> bool:
        return fold(reading.text) in self._all

    def _implied_reversal(self, group: tuple[str, ...], shown: str, tokens: list[Token], model: str) -> list[str]:
        """The model answer moves the group's terms one way; the learner's answer moves them only the other."""
        if not model:
            return []
        model_tokens = self._tokens(model, set())
        expected = {w for w in (self._lex.way_of(model_tokens, i) for i in _find(group, model_tokens)) if w}
        said = {w for w in (self._lex.way_of(tokens, i) for i in _find(group, tokens)) if w}
        if len(expected) == 1 and len(said) == 1 and _disagree(expected, said):
            return [_way_problem(shown, next(iter(expected)), next(iter(said)))]
        return []

    def _expand(self, group: tuple[str, ...]) -> tuple[str, ...]:
        """The group's alternatives, folded, plus every other name of a concept one of them names."""
        out: dict[str, None] = {}
        for alternative in group:
            folded = " ".join(self._lex.rewrite(fold(alternative).split()))
            out[folded] = None
            out.update(dict.fromkeys(self._names.get(canonical_phrase(folded), ())))
        return tuple(a for a in out if a)

    # --- reading ------------------------------------------------------------------------------
    def _spans(self, tokens: list[Token]) -> list[tuple[int, int, str]]:
        """The concepts a text names, longest name first, as (start, end, concept key)."""
        spans, i = [], 0
        while i < len(tokens):
            for length in range(min(self._longest, len(tokens) - i), 0, -1):
                key = self._concept_of.get(tuple(t.stem for t in tokens[i:i + length]))
                if key and tokens[i].clause == tokens[i + length - 1].clause:
                    spans.append((i, i + length, key))
                    i += length
                    break
            else:
                i += 1
        return spans

    def _plain_tokens(self, text: str) -> list[Token]:
        return [Token(w, stem(w), n) for n, words in enumerate(split_clauses(text)) for w in self._lex.rewrite(words)]

    def _tokens(self, answer: str, vocabulary: set[str]) -> list[Token]:
        """Words of the answer (misspellings mended, paraphrases read as the pack's verbs) with clause numbers.

        A clause that ends on a verb of direction ("it raises and lowers RANKL") or names nothing
        joins the next one, so keyword stuffing is read as one contradictory claim.
        """
        tokens: list[Token] = []
        clause_id = 0
        parts = [self._lex.rewrite([self._mended(w, vocabulary) for w in part]) for part in split_clauses(answer)]
        for words, following in zip(parts, parts[1:] + [[]]):
            if not following and tokens and tokens[-1].clause != clause_id and self._bare_names(words):
                clause_id = tokens[-1].clause  # "lowers both RANKL | and OPG": the last names share the verb before them
            tokens.extend(Token(w, stem(w), clause_id, self._synonyms.get(w, "")) for w in words)
            if self._ends_clause(words, following):
                clause_id += 1
        return tokens

    def _bare_names(self, words: list[str]) -> bool:
        """Names and small words only: "and OPG". A particle or a verb ("RANKL down", "turns down OPG") says
        something of its own, even where a long alias of the pack happens to contain the word."""
        verbs = self._lex.directed | self._w.relation_verbs | self._w.conversion_verbs | {"up", "down"}
        return self._only_names(words) and not any(w in verbs for w in words)

    def _only_names(self, words: list[str]) -> bool:
        return all(w in self._terms or w in STOPWORDS or w.isdigit() for w in words)

    def _ends_clause(self, words: list[str], following: list[str]) -> bool:
        """Whether a clause stands alone: it says something, and the next one does not go on with its
        subject ("it raises | and lowers RANKL", "goes up | and down" are one claim each)."""
        lex = self._lex
        content = content_words(words, lex)
        only_names = self._bare_names(words)
        directed = any(w in lex.directed for w in words)
        ways = lex.directed | {"up", "down"}
        continued = bool(following) and ((len(following) == 1 and following[0] in ways)
                                         or (words[-1] in lex.transitive and following[0] in ways))
        return bool(content or directed) and not continued and not only_names

    def _mended(self, word: str, vocabulary: set[str]) -> str:
        """The vocabulary's word a misspelt word stands for; never across a confusable part, never a guess between two."""
        if len(word) < _MIN_MENDED or not word.isalpha() or word in self._terms or word in vocabulary or word in STOPWORDS:
            return word
        if word in _everyday_words():
            return word  # a word of its own ("stimulation"), not a misspelling of the rubric's "stimulating"
        limit = 1 if len(word) < 9 else 2
        best = nearest(word, [v for v in vocabulary if len(v) >= 5], limit, limit=None)
        # a tie between forms of one word (osteoclast, osteoclasts) is no tie
        if len(best) == 1 and not self._crosses(word, best[0]):
            return best[0]
        return word


_PARENTHESES = re.compile(r"\([^()]*\)")
_PRONOUN = "(pronoun)"  # stands in for a thing named by a pronoun, until it is known which


def _places(tokens: list[Token], spans: list[tuple[int, int, str]], terms: set[str]) -> list[tuple[int, int, str]]:
    """Where a text names things: its concept spans, and the words of `terms` outside them."""
    inside = {i for s, e, _ in spans for i in range(s, e)}
    return list(spans) + [(i, i + 1, t.stem) for i, t in enumerate(tokens) if i not in inside and t.word in terms]


def _one_word_synonyms(synonyms: dict[str, str]) -> dict[str, str]:
    """word -> the stem of its one-word synonym."""
    return {fold(k): stem(fold(v)) for k, v in synonyms.items() if len(fold(v).split()) == 1}


def _swap(said: dict[str, set[int]], expected: dict[str, set[int]]) -> tuple[int, int] | None:
    """Two parts each given to the thing the model gives the other one to, and neither thing given its own."""
    # sorted: a set of strings is walked in an order that changes with each process's string hashing
    wrong = sorted({(thing, g) for thing, groups in said.items() if not groups & expected[thing] for g in groups})
    for (a, g), (b, h) in ((x, y) for x in wrong for y in wrong if x[0] != y[0] and x[1] != y[1]):
        if g in expected[b] and h in expected[a]:
            return h, g
    return None


_JOINERS = frozenset({"by", "of", "from", "via", "through", "the", "a", "an"})


def _crossed_pairs(tokens: list[Token], required: list[tuple[str, ...]], shown: list[tuple[str, ...]],
                   lexicon: Lexicon) -> list[str]:
    """Each part joined to the other part's thing: "anabolic sex steroids and anti-resorptive GH", "breakdown by
    osteoblasts and building by osteoclasts", where the rubric's groups pair anabolic with GH and building with
    osteoblasts. Two terms stand together when nothing but "by", "of" or an article is between them in one
    clause; a pair of groups joined both ways round is a swap, which one pair alone ("the RANKL OPG ratio") is not."""
    places = _group_places(tokens, required, lexicon)
    joined = []  # (where the pair starts, first group, second group)
    for k, ((s1, e1, g), (s2, _, h)) in enumerate(zip(places, places[1:])):
        if g != h and tokens[s1].clause == tokens[s2].clause and all(t.word in _JOINERS for t in tokens[e1:s2]):
            joined.append((k, g, h))
    # two separate pairs, not one phrase of three terms ("youthful GH pulses")
    crossed = sorted((g, h) for k, g, h in joined for m, x, y in joined if (x, y) == (h, g) and abs(k - m) > 1 and g < h)
    return [f"the roles are swapped: \u201c{shown[g][0]}\u201d and \u201c{shown[h][0]}\u201d" for g, h in crossed[:1]]


def _group_places(tokens: list[Token], required: list[tuple[str, ...]], lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """(start, end, group) of each rubric term the answer says, not denied, in order; a word that two groups
    share belongs to neither."""
    owners: dict[int, set[int]] = {}
    ends: dict[int, int] = {}
    for g, group in enumerate(required):
        for alternative in group:
            for i in _find((alternative,), tokens):
                owners.setdefault(i, set()).add(g)
                ends[i] = max(ends.get(i, i), i + len(alternative.split()))
    places, covered = [], 0
    for i, groups in sorted(owners.items()):
        if i >= covered and len(groups) == 1 and not lexicon.negated(tokens, i):
            places.append((i, ends[i], next(iter(groups))))
        covered = max(covered, ends[i])  # "genomic" inside "non genomic" is no term of its own
    return places


def _group_hits(required: list[tuple[str, ...]], tokens: list[Token], lexicon: Lexicon) -> dict[int, int]:
    """Where each rubric group's terms stand, not denied: position -> group."""
    return {i: g for g, group in enumerate(required) for i in _find(group, tokens) if not lexicon.negated(tokens, i)}


def _particular_words(concept_of: dict[tuple[str, ...], str]) -> frozenset[str]:
    """Stems of the pack's names that point at few concepts ("steroid", not "bone" or "hormone")."""
    keys: dict[str, set[str]] = {}
    for stems, key in concept_of.items():
        for word in stems:
            keys.setdefault(word, set()).add(key)
    return frozenset(w for w, k in keys.items() if len(k) <= 4 and len(w) > 2 and w not in STOPWORDS)


def _one_words(texts: tuple[str, ...]) -> set[str]:
    return {fold(t) for t in texts if len(fold(t).split()) == 1}


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    return frozenset(common_words())


def _swapped_into(word: str, vocabulary: set[str]) -> str:
    """The vocabulary's one word that `word` is with two neighbouring letters swapped, else `word`."""
    if word in vocabulary:
        return word
    hits = [v for v in vocabulary if sorted(v) == sorted(word) and edits(v, word) == 1]
    return hits[0] if len(hits) == 1 else word


def _code_tail(word: str) -> str:
    """The part of a code from its first digit on ("11b" of "tnfrsf11b")."""
    digits = [i for i, ch in enumerate(word) if ch.isdigit()]
    return word[digits[0]:] if digits else ""


def _joined_up(said: str, target: str) -> bool:
    """The target split by a space or hyphen ("para-crine", "TNF SF11"): the same letters in the same order."""
    return "".join(said.split()) == "".join(target.split())


def _arrows(text: str) -> bool:
    return "->" in text or "\u2192" in text  # a chain of arrows is a claim


def _claim_verbs(w: GradingWords) -> frozenset[str]:
    """The stems of the relations' verbs and of the first words of their paraphrases ("grab" of "grab *")."""
    return frozenset({stem(v) for v in w.relation_verbs | w.making_verbs | w.conversion_verbs}
                     | {p[0] for p, _ in w.paraphrases if p and p[0] not in ("*", "+", "not")})


def _says(said: str, target: str) -> bool:
    """A cloze answer that is the target: the same, the same stems, the target among other words, or run together."""
    return said == target or _stems(said) == _stems(target) or f" {target} " in f" {said} " or _joined_up(said, target)


def _clearly_best(best: int, runner_up: int, said: int) -> bool:
    """Most of what a free answer says, more than any other option shares; or what no other option shares at all
    ("they get really bad osteoporosis")."""
    return best >= 2 and 2 * best >= said and best > runner_up or best >= 1 and runner_up <= 0


_NEGATIVE_PREFIXES = ("im", "in", "un", "non")


def _negative_forms(stems: set[str]) -> list[tuple[str, str]]:
    """Each word with its negative form among the stems ("mature" and "immature", "active" and "inactive")."""
    return [(w, p + w) for w in stems if len(w) >= 4 for p in _NEGATIVE_PREFIXES if p + w in stems]


def _by_inclusion(said: frozenset, options: list[frozenset]) -> int | None:
    """The whole of one option ("RANKL" beside "RANKL and OPG genes"), else a part only one option has,
    else an answer that contains one option whole."""
    for rule in (said.__eq__, said.__le__, lambda units: bool(units) and units <= said):
        picked = _only([i for i, units in enumerate(options) if rule(units)])
        if picked is not None:
            return picked
    return None


def _shared(said: frozenset, content: set, parts: list[str], units: frozenset, own: list[str]) -> int:
    """How much of the answer one option shares; -1 when the answer names what it does not, or reverses it."""
    if any(u[0] == "concept" and u not in units for u in said) or _reverses(said, units):
        return -1  # "osteoblasts" for "bone-removing cells"; "RANKL up" for "RANKL down"
    return len(content & units) + sum(1 for w in parts if any(_word_end(w, o) for o in own))


def _word_end(part: str, word: str) -> bool:
    """ "blasts" ends "osteoblasts" after a stem of its own; "mature" ends "immature" only after a prefix."""
    return word.endswith(part) and len(word) - len(part) >= 4


def _reverses(said: frozenset, units: frozenset) -> bool:
    """Whether the answer moves a thing the other way from the option ("RANKL up" against "RANKL down")."""
    ways = {(u[1], u[2]) for u in units if u[0] == "way" and u[1]}
    return any(u[0] == "way" and u[1] and (u[1], flip(u[2])) in ways for u in said)


def _marker_after(tokens: list[Token], i: int, markers: frozenset[str]) -> int | None:
    """Where the first of `markers` ("into") stands after position i in its clause."""
    return _first(j for j in range(i + 1, len(tokens)) if tokens[j].clause == tokens[i].clause and tokens[j].word in markers)


_OTHERS = frozenset({"and", "or", "other", "others", "also", "plus"})


def _among_others(word: str, model_words: list[str]) -> bool:
    """Whether the model names the word with others right after it ("the liver and in other tissues")."""
    return any(w == word and _OTHERS & set(model_words[i + 1:i + 3]) for i, w in enumerate(model_words))


def _spelled_in(units: frozenset, named: list[tuple[str, set[str]]], stems: set[str]) -> frozenset:
    """The answer's units without the concepts whose every word the option has."""
    return frozenset(u for u in units if u[0] != "concept" or not any(k == u[1] and w <= stems for k, w in named))


def _content(units: frozenset) -> set:
    return {u for u in units if u[0] != "way"}


def _only_one_side(x: str, y: str, said: set[str], offered: set[str]) -> bool:
    """The answer says x and not y, and the model y and not x."""
    return x in said and y in offered and x not in offered and y not in said


def _words_and(offered: frozenset, said: frozenset) -> frozenset:
    """An option's words and ways, with the concepts the answer still names that the option names too."""
    return frozenset(u for u in offered if u[0] != "concept" or u in said)


def _clear_best(scores: list[int], said: int) -> int | None:
    """The best score when it is at least two, half of what was said, and above every other one."""
    best = max(range(len(scores)), key=scores.__getitem__)
    runner_up = max((score for i, score in enumerate(scores) if i != best), default=0)
    return best if scores[best] >= 2 and 2 * scores[best] >= said and scores[best] > runner_up else None


def _resolved(source: str, sources: set[str]) -> str:
    """ "bone converts it to GH": the pronoun stands for what the model converts, when it converts one thing."""
    return next(iter(sources)) if source == _PRONOUN and len(sources) == 1 else source


def _source_and_product(named: list[tuple[int, str]], verb: int, marker: int) -> tuple[str, str] | None:
    between = [k for s, k in named if verb < s < marker]
    before = [k for s, k in named if s < verb]
    after = [k for s, k in named if s > marker]
    source = between[0] if between else (before[-1] if before else None)
    if source and after and source != after[0]:
        return source, after[0]
    return None


def _first(found):
    """The first thing a generator yields, or None."""
    return next(found, None)


def _only(hits: list[int]) -> int | None:
    return hits[0] if len(hits) == 1 else None


def _stems(text: str) -> list[str]:
    return [stem(w) for w in text.split()]


def _find(group: tuple[str, ...] | None, tokens: list[Token]) -> list[int]:
    """Positions where any alternative of the group (a word or a phrase) occurs."""
    if not group:
        return []
    found = []
    for alternative in group:
        wanted = [stem(w) for w in alternative.split()]
        for i in range(len(tokens) - len(wanted) + 1):
            if all(want in (t.stem, t.synonym) for want, t in zip(wanted, tokens[i:i + len(wanted)])):
                found.append(i)
    return sorted(set(found))


def _direction_problem(expected: str, said: set[str]) -> str:
    if not said:
        return f"which way it goes ({expected})"
    if len(said) == 2:
        return "it says both up and down"
    return f"it goes {expected}, not {flip(expected)}"


def _judges_ways(rubric: Rubric, ways: list[str]) -> bool:
    return bool(rubric.direction) or any(ways)


def _disagree(expected: set[str], said: set[str]) -> bool:
    """One way each: "down" against "up"; a denial ("not up") only against the way it denies."""
    want, way = next(iter(expected)), next(iter(said))
    if way.startswith("not "):
        return way[4:] == want
    return way != want and not want.startswith("not ")


def _way_problem(name: str, expected: str, said: str) -> str:
    """ "“RANKL” goes down, not up"; against a denial, "“OPG” does go up"."""
    if said.startswith("not "):
        return f"\u201c{name}\u201d does go {expected}"
    return f"\u201c{name}\u201d goes {expected}, not {said}"


def _feedback(missing: list[str], reversed_: list[str]) -> str:
    parts = []
    if missing:
        parts.append("missing: " + ", ".join(f"\u201c{m}\u201d" for m in missing))
    if reversed_:
        parts.append("reversed: " + ", ".join(dict.fromkeys(reversed_)))
    return "Not quite \u2014 " + "; ".join(parts) + "."
