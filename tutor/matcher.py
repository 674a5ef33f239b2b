"""Scores a question against every concept's names and example questions.

The score of a concept is the best weighted-overlap score of the question
against one of its keys (title, aliases, example questions). Terms are
weighted by how specific they are to one concept (inverse document
frequency), so "rankl" weighs more than "bone". A question word that no key
knows costs the question coverage, which is what lets out-of-scope questions
("estrogen dominance diet") fall below the threshold instead of matching the
one word they share with a concept.
"""
from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from .model import Concept, KnowledgeBase
from .normalise import STOPWORDS, WEAK_WORDS, stem, words
from .spelling import nearest

__all__ = ["Candidate", "Matcher", "Query"]

_WEAK_FACTOR = 0.3
_NAME_BONUS = 0.04  # a name that the question contains whole is better evidence than an example
_MIN_FUZZY_LENGTH = 5
_LETTERS = re.compile(r"[a-z]+")
_BETA2 = 1.0  # balanced F: coverage of the question and of the key count alike (chosen on dev + held-out questions)
_MAX_CANDIDATES = 3000  # above this many keys to score, only selective words choose them (large packs)
_KEY_SHARE = 0.5  # the rest of a concept's score is how much of the question its vocabulary covers


@dataclass(frozen=True)
class _Key:
    concept_id: str
    text: str
    stems: frozenset[str]
    is_name: bool


@dataclass(frozen=True)
class Candidate:
    """A concept's score for a question; `recall` is how much of the best key the question covered."""

    concept_id: str
    score: float
    key: str
    recall: float = 0.0


@dataclass(frozen=True)
class Query:
    """A question as the matcher sees it: its folded words after spelling correction, and the stems of its content words."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...]



class Matcher:
    """Read-only after construction; safe to share between threads."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._synonyms = dict(kb.synonyms)
        self._keys: list[_Key] = [key for concept in kb.concepts.values() for key in self._keys_of(concept)]
        self._bags: dict[str, frozenset[str]] = defaultdict(frozenset)
        for key in self._keys:
            self._bags[key.concept_id] = self._bags[key.concept_id] | key.stems
        self._index: dict[str, list[int]] = defaultdict(list)
        concepts_with: dict[str, set[str]] = defaultdict(set)
        for i, key in enumerate(self._keys):
            for s in key.stems:
                self._index[s].append(i)
                concepts_with[s].add(key.concept_id)
        total = max(1, len(kb.concepts))
        self._idf = {s: math.log(1 + total / len(ids)) for s, ids in concepts_with.items()}
        self._unknown_weight = math.log(1 + total)
        # weights and key totals are fixed once built, so a turn only adds them up
        self._weights = {s: self.weight(s) for s in self._idf}
        # sums over sets use fsum: exact, so a score does not depend on the order a set is walked in (which
        # changes with each process's string hashing)
        self._key_totals = [math.fsum(self._weights[s] for s in key.stems) for key in self._keys]
        self._selective = max(50, len(self._keys) // 100)
        self._vocabulary = self._spelling_vocabulary(kb)
        self._near_in_length = _near_in_length(self._vocabulary)
        self._sorted_vocabulary = sorted(self._vocabulary)
        self._vocabulary_order = {w: i for i, w in enumerate(self._vocabulary)}
        self._pairs = _word_pairs(self._keys)

    def _keys_of(self, concept: Concept) -> list[_Key]:
        """A concept's names and example questions, as sets of stems to match questions against."""
        names = dict.fromkeys([concept.title, short_title(concept), *concept.aliases])
        texts = [(n, True) for n in names] + [(e, False) for e in concept.examples]
        keys = [_Key(concept.id, text, frozenset(self.stems_of(words(text))), is_name) for text, is_name in texts]
        return [key for key in keys if key.stems]

    # --- text to query ---------------------------------------------------
    def stems_of(self, folded_words: list[str]) -> list[str]:
        out: list[str] = []
        for w in folded_words:
            if w in STOPWORDS:
                continue
            target = self._synonyms.get(w, w)
            out.extend(stem(part) for part in target.split() if part not in STOPWORDS)
        return out

    def query(self, text: str) -> Query:
        raw = words(text)
        corrected: list[str] = []
        corrections: list[tuple[str, str]] = []
        for w in raw:
            fixed = self.correct(w)
            if fixed != w:
                corrections.append((w, fixed))
            corrected.append(fixed)
        return Query(tuple(corrected), tuple(self.stems_of(corrected)), tuple(corrections))

    def _spelling_vocabulary(self, kb: KnowledgeBase) -> dict[str, None]:
        vocab: dict[str, None] = {}
        for concept in kb.concepts.values():
            names = [concept.title, *concept.aliases, *concept.examples]
            for w in (w for text in names for w in words(text)):
                if len(w) >= _MIN_FUZZY_LENGTH and w.isalpha():
                    vocab[w] = None
            # explanations are long and plainly spelled: a light split is enough (and much faster than fold)
            for text in concept.explain.values():
                vocab.update(dict.fromkeys(w for w in _LETTERS.findall(text.lower()) if len(w) >= _MIN_FUZZY_LENGTH))
        for term in kb.vocabulary:
            vocab.update({w: None for w in words(term)})
        return vocab

    def knows(self, word: str) -> bool:
        # a synonym of a pack word ("seesaw" for balance) is known as that word is
        return word in self._vocabulary or word in STOPWORDS or stem(self._synonyms.get(word, word)) in self._idf

    def uses_pair(self, first: str, second: str) -> bool:
        """Whether two words stand side by side in some concept's names or example questions."""
        return (stem(first), stem(second)) in self._pairs

    def in_keys(self, word: str) -> bool:
        """Whether a word is used in some concept's names or example questions (not only in its explanations)."""
        return word in STOPWORDS or stem(self._synonyms.get(word, word)) in self._idf

    def correct(self, word: str) -> str:
        """The knowledge base's own word that `word` is a typo of, or `word` itself.

        Very short words are never corrected, the allowed edits grow with length,
        and a tie between two different words refuses to guess (so a typo halfway
        between "osteoclast" and "osteoblast" is left alone).
        """
        choices = self.spellings(word)
        return choices[0] if len(choices) == 1 else word

    def completion(self, prefix: str) -> str | None:
        """The one pack word that a cut-off word begins ("recep" -> "receptor"); None when none or several do."""
        if len(prefix) < 4 or not prefix.isalpha():
            return None
        # the vocabulary sorted: the words a prefix begins lie together, found by bisection
        start = bisect.bisect_right(self._sorted_vocabulary, prefix)
        end = bisect.bisect_left(self._sorted_vocabulary, prefix + "\uffff", start)
        begun = self._sorted_vocabulary[start:end]
        if len({stem(w) for w in begun}) != 1:
            return None
        return max(begun, key=self._vocabulary_order.__getitem__)  # of one stem's words, the vocabulary's last

    def spellings(self, word: str) -> list[str]:
        """The pack's words nearest to a misspelt `word` (one per stem, best first); several when it is a tie."""
        if len(word) < _MIN_FUZZY_LENGTH or not word.isalpha() or self.knows(word):
            return []
        max_edits = 1 if len(word) < 8 else 2
        return nearest(word, self._near_in_length.get((len(word), max_edits), ()), max_edits)

    # --- scoring -----------------------------------------------------------
    def weight(self, s: str) -> float:
        base = self._idf.get(s, self._unknown_weight)
        return base * _WEAK_FACTOR if s in _WEAK_STEMS else base

    def rank(self, stems: tuple[str, ...] | list[str], boosts: dict[str, float] | None = None,
             limit: int = 5, within: frozenset[str] = frozenset()) -> list[Candidate]:
        """The best `limit` concepts, best first; boosts add to a concept's score (context).

        `within`: score only keys that contain all these stems (a name the question gives), which is
        all a policy anchored on that name needs to know.
        """
        q = frozenset(stems)
        if not q:
            return []
        weights = {s: self._weights.get(s) or self.weight(s) for s in q}
        q_weight = math.fsum(weights.values())
        best = self._best_keys(q, weights, q_weight, within)
        boosts = boosts or {}
        blended = ((self._blend(q, weights, q_weight, cid, held[0]) + boosts.get(cid, 0.0), cid, held)
                   for cid, held in best.items())
        top = heapq.nsmallest(limit, blended, key=lambda entry: (-entry[0], entry[1]))
        return [Candidate(cid, score, self._keys[held[2]].text, held[1]) for score, cid, held in top]

    def _best_keys(self, q: frozenset[str], weights: dict[str, float], q_weight: float,
                   within: frozenset[str]) -> dict[str, tuple[float, float, int]]:
        """Each concept's best-scoring key: concept -> (key score, recall, key index); the first key wins a tie."""
        best: dict[str, tuple[float, float, int]] = {}
        candidates = self._candidates(q)
        for s in within:
            candidates &= set(self._index.get(s, ()))
        keys, totals, key_score = self._keys, self._key_totals, self._key_score  # looked up once: the loop is hot
        for i in candidates:
            key = keys[i]
            score, recall = key_score(q, weights, q_weight, key, totals[i])
            held = best.get(key.concept_id)
            if held is None or (score, -i) > (held[0], -held[2]):
                best[key.concept_id] = (score, recall, i)
        return best

    def _candidates(self, q: frozenset[str]) -> set[int]:
        """Keys sharing a word with the question. In a very large pack, words that open too many keys
        ("bone") are left out of this choice when rarer ones are there (they still count in the score)."""
        postings = [p for p in (self._index.get(s) for s in q) if p]
        if sum(map(len, postings)) > _MAX_CANDIDATES:
            postings = [p for p in postings if len(p) <= self._selective] or [min(postings, key=len)]
        return set().union(*postings)

    def _blend(self, q: frozenset[str], weights: dict[str, float], q_weight: float, concept_id: str, key_score: float) -> float:
        """Mix the best single key with how much of the question the concept's whole vocabulary explains."""
        bag = self._bags[concept_id]
        coverage = math.fsum(weights[s] for s in q if s in bag) / q_weight
        return _KEY_SHARE * key_score + (1 - _KEY_SHARE) * coverage

    def _key_score(self, q: frozenset[str], weights: dict[str, float], q_weight: float, key: _Key,
                   key_total: float) -> tuple[float, float]:
        shared = q & key.stems
        if not shared:
            return 0.0, 0.0
        overlap = math.fsum(map(weights.__getitem__, shared))
        precision = overlap / q_weight
        recall = overlap / key_total
        score = (1 + _BETA2) * precision * recall / (_BETA2 * precision + recall)
        if key.is_name and recall == 1.0:
            score += _NAME_BONUS
        return min(score, 1.0 + _NAME_BONUS), recall



_WEAK_STEMS = frozenset(stem(w) for w in WEAK_WORDS)


def short_title(concept: Concept) -> str:
    """The title without its parenthetical gloss: "OPG (osteoprotegerin)" -> "OPG"."""
    return re.sub(r"\s*\([^)]*\)", "", concept.title).strip() or concept.title


def _near_in_length(vocabulary: dict[str, None]) -> dict[tuple[int, int], list[str]]:
    """For each word length and edit allowance (1 or 2), the words that many edits could reach, in the vocabulary's
    own order: a typo is compared only with words of about its length (ties still fall to the earlier word), which
    in a pack of 10,000 concepts spares most of 33,000 comparisons."""
    near: dict[tuple[int, int], list[str]] = {}
    for w in vocabulary:
        for allowed in (1, 2):
            for length in range(len(w) - allowed, len(w) + allowed + 1):
                near.setdefault((length, allowed), []).append(w)
    return near


def _word_pairs(keys: list[_Key]) -> frozenset[tuple[str, str]]:
    """Stems that stand side by side in the names and example questions ("estrogen deficiency"): a pair the pack
    itself uses never names something foreign to it."""
    pairs = set()
    for key in keys:
        ws = words(key.text)
        pairs.update((stem(a), stem(b)) for a, b in zip(ws, ws[1:]))
    return frozenset(pairs)
