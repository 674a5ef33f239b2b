"""The personal-advice boundary: word classes (who, what is asked, about what) and one rule.

Declared in dialogues/boundaries.yaml. It reads the question's folded, spelling-corrected
words, so a request in a new sentence shape, or with typos, is still seen for what it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .model import Boundary, BoundaryLine, WordClass
from .english import common
from .normalise import STOPWORDS, stem
from .precheck import Gates

__all__ = ["Advice", "AdviceBoundary"]


@dataclass(frozen=True)
class Advice:
    """The parts of an advice request found in a question, and the rule line they meet (if any)."""

    found: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class -> the words that showed it
    line: BoundaryLine | None = None

    @property
    def personal(self) -> bool:
        return self.line is not None

    def to_dict(self) -> dict:
        return {"classes": {k: list(v) for k, v in self.found.items()}, "rule": str(self.line) if self.line else None}


class AdviceBoundary:
    """Read-only after construction."""

    def __init__(self, boundary: Boundary) -> None:
        self._rule = boundary.rule
        self._kinds = dict(boundary.kinds)
        self._ignore = _ignored_phrases(boundary.ignore)
        self._not_asked = [re.compile(p) for p in boundary.not_asked]
        self._as_written = frozenset(boundary.as_written)
        self.shorthand = dict(boundary.shorthand)
        # the same shorthand found in the raw text, for the patterns ("idea 4 me" read as "idea for me")
        self._shorthand_in_text = _shorthand_pattern(self.shorthand)
        self._phrases = _class_phrases(boundary.classes, self._as_written)
        self._patterns = [(c.name, re.compile(p)) for c in boundary.classes for p in c.patterns]
        self._gates = _gates_of(boundary.classes)
        self._names = [c.name for c in boundary.classes]
        self._conditional = [c for c in boundary.classes if c.counts_as or c.unless]
        self._longest = max((len(p) for p in self._phrases), default=1)
        self._starting = _longest_starting(self._phrases)
        self._known = _class_words(boundary.classes)
        # the words a typo may be corrected to: long enough and plain letters
        self._lexicon = sorted(w for w in self._known if len(w) >= 4 and w.isalpha())

    def spelled_out(self, words: list[str]) -> list[str]:
        """The words with texting shorthand spelled out ("u" as "you"); a two-word entry ("i us") is read first."""
        out: list[str] = []
        i = 0
        while i < len(words):
            pair = " ".join(words[i:i + 2])
            if i + 1 < len(words) and pair in self.shorthand:
                out.extend(self.shorthand[pair].split())
                i += 2
                continue
            out.extend(self.shorthand.get(words[i], words[i]).split())
            i += 1
        return out

    def knows(self, word: str) -> bool:
        return word in self._known

    def names_a_person(self, word: str) -> bool:
        """Whether a word alone is one of the `who` class ("grandkid", "wife"): someone the question is about."""
        return "who" in self._phrases.get((stem(word),), ())

    def correct(self, word: str) -> str:
        """A boundary word that `word` is a typo of ("shuld" -> "should"), or `word`; ties refuse to guess."""
        if len(word) < 3 or not word.isalpha():
            return word
        return self._short_correction(word) if len(word) < 5 else self._long_correction(word)

    def _long_correction(self, word: str) -> str:
        budget = 1 if len(word) < 8 else 2
        found = process.extract(word, self._lexicon, scorer=OSA.distance, score_cutoff=budget, limit=3)
        if not found:
            return word
        best = min(d for _, d, _ in found)
        winners = [w for w, d, _ in found if d == best]
        if len(winners) > 1:  # a typo seldom changes the first letter: "shold" is "should", not "hold"
            winners = [w for w in winners if w[0] == word[0]]
        return winners[0] if len(winners) == 1 else word

    def _short_correction(self, word: str) -> str:
        """A short word is too close to everyday ones ("seek", "week") unless it is none itself: "tke" is "take",
        "nead" is "need" (one edit, the same first letter, one candidate only)."""
        if common(word):
            return word
        found = [w for w, _, _ in process.extract(word, self._lexicon, scorer=OSA.distance, score_cutoff=1, limit=4)
                 if w[0] == word[0]]
        return found[0] if len(found) == 1 else word

    def _without_ignored(self, stems: list[str]) -> list[str]:
        """The stems with ignored phrases ("tell me", "I read that") cut out; a gap keeps n-grams from joining across."""
        out = list(stems)
        for i, first in enumerate(stems):
            for phrase in self._ignore.get(first, ()):
                if tuple(out[i:i + len(phrase)]) == phrase:
                    out[i:i + len(phrase)] = ["|"] * len(phrase)
                    break
        return out

    def _verbs_of_things(self, words: list[str]) -> list[str]:
        """The stems, with the verb that ends a `not_asked` match cut out ("what does it stop?": a thing stops, no
        one is deciding to); a gap keeps n-grams from joining across."""
        stems = [w if w in self._as_written else stem(w) for w in words]
        if not self._not_asked:
            return stems
        text = " ".join(words)
        for pattern in self._not_asked:
            for match in pattern.finditer(text):
                stems[text[:match.end()].count(" ")] = "|"
        return stems

    def _settle(self, hits: dict[str, set[str]]) -> None:
        """Drop a class whose `unless` classes are present; then lend its words to the class it `counts_as`."""
        present = set(hits)
        for word_class in self._conditional:
            if word_class.name in hits and any(name in present for name in word_class.unless):
                del hits[word_class.name]
        for word_class in self._conditional:
            if word_class.counts_as and word_class.name in hits:
                hits.setdefault(word_class.counts_as, set()).update(hits[word_class.name])

    def assess(self, words: list[str], lower_text: str, kinds: tuple[str, ...] = ()) -> Advice:
        """The classes present in the question and the first rule line they meet; `kinds` are the kinds of the
        concepts the question names or refers to, which show some classes too (boundary `kinds`)."""
        hits: dict[str, set[str]] = {}
        self._phrase_hits(self._without_ignored(self._verbs_of_things(words)), hits)
        self._pattern_hits(lower_text, hits)
        self._kind_hits(kinds, hits)
        self._settle(hits)
        found = {name: tuple(sorted(hits[name])) for name in self._names if name in hits}
        line = next((ln for ln in self._rule if all(c in found for c in ln.all) and not any(c in found for c in ln.unless)), None)
        return Advice(found, line)

    def _phrase_hits(self, stems: list[str], hits: dict[str, set[str]]) -> None:
        """Every run of stems, up to the longest class phrase, that a class lists."""
        for i, first in enumerate(stems):
            for n in range(1, min(self._starting.get(first, 0), len(stems) - i) + 1):
                gram = tuple(stems[i:i + n])
                for name in self._phrases.get(gram, ()):
                    hits.setdefault(name, set()).add(" ".join(gram))

    def _pattern_hits(self, lower_text: str, hits: dict[str, set[str]]) -> None:
        spelled = self._shorthand_in_text.sub(lambda m: self.shorthand[m.group(1)], lower_text) \
            if self._shorthand_in_text else lower_text
        opened = self._gates.open(lower_text)
        if spelled != lower_text:  # most questions hold no shorthand
            opened |= self._gates.open(spelled)
        for number, pattern in self._gates.searchable(opened).items():
            # (the spelled-out text only when the text as typed holds no match: one search for most questions)
            match = pattern.search(lower_text) or (pattern.search(spelled) if spelled != lower_text else None)
            if match:
                hits.setdefault(self._patterns[number][0], set()).add(match.group(0).strip())

    def _kind_hits(self, kinds: tuple[str, ...], hits: dict[str, set[str]]) -> None:
        """A class shown by the kind of a concept named (a drug named in the question, say)."""
        for name, shown_by in self._kinds.items():
            shown = [k for k in kinds if k in shown_by]
            if shown:
                hits.setdefault(name, set()).update(f"a {k} named" for k in shown)


def _gates_of(classes: tuple[WordClass, ...]) -> Gates:
    """The classes' patterns behind gates: a question is searched only by those it could match (the words they need)."""
    return Gates([(p,) for c in classes for p in c.patterns], STOPWORDS)


def _shorthand_pattern(shorthand: dict[str, str]) -> re.Pattern | None:
    """One pattern finding any shorthand entry as whole words, the longest first ("4 me" before "4")."""
    keys = sorted(shorthand, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b") if keys else None


def _longest_starting(phrases) -> dict[str, int]:
    """The longest phrase starting with each stem: a question is read on from the stems that start one only."""
    starting: dict[str, int] = {}
    for phrase in filter(None, phrases):
        starting[phrase[0]] = max(starting.get(phrase[0], 0), len(phrase))
    return starting


def _ignored_phrases(ignore: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """First stem -> the stemmed phrases starting with it, longest first (the longest is cut out first)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(stem(w) for w in p.split()) for p in ignore), key=len, reverse=True):
        found.setdefault(phrase[0], []).append(phrase)
    return found


def _class_phrases(classes: tuple[WordClass, ...], as_written: frozenset[str] = frozenset()) -> dict[tuple[str, ...], list[str]]:
    """Stemmed phrase -> the classes it belongs to (a word read as written stays whole: "evenity" is no "even")."""
    phrases: dict[tuple[str, ...], list[str]] = {}
    for word_class in classes:
        for phrase in word_class.words:
            phrases.setdefault(tuple(w if w in as_written else stem(w) for w in phrase.split()), []).append(word_class.name)
    return phrases


def _class_words(classes: tuple[WordClass, ...]) -> frozenset[str]:
    """Every single word the classes list, inside phrases too."""
    return frozenset(w for c in classes for phrase in c.words for w in phrase.split())
