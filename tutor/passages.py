"""The pack's sentences as passages: which sentence of a concept answers a question, and which concept a sentence
names. Read-only after construction.

A question's words are weighed by how rare they are among the pack's sentences (inverse sentence
frequency), so "liver" says more about which sentence answers than "bone" does.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .matcher import short_title
from .model import LEVELS, KnowledgeBase
from .normalise import STOPWORDS, WEAK_WORDS, stem, words

__all__ = ["Passage", "PassageIndex", "SENTENCE_END", "sentence_stems"]

# a sentence ends at . ! or ? before a capital, but not after an initial ("S. Yakar") or "et al."
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bet al\.)\s+(?=[A-Z(\"'\u201c])")
# a sentence at the learner's own depth leads unless another depth's answers at least this much better
_SAME_DEPTH_SHARE = 0.75
# a sentence naming no thing of the kind asked for leads only when it answers this many times better
_FAR_BETTER = 3.0
_SPEAKS_OF_IT = re.compile(r"\b(?:[Ii]t|[Ii]ts|[Tt]hey|[Tt]heir)\b")  # a sentence leaning on the one its own text is about


@dataclass(frozen=True)
class Passage:
    concept: str
    depth: str
    text: str
    score: float


class PassageIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        counts: Counter[str] = Counter()
        # every sentence once, and where each stem occurs (a search reads only the sentences sharing a word)
        self._sentences: list[tuple[str, str, str, frozenset[str]]] = []
        self._with_stem: dict[str, list[int]] = {}
        # each explanation's sentences with their stems, kept (and pickled with the pack) so no turn stems them again
        self._of: dict[tuple[str, str], tuple[tuple[str, frozenset[str]], ...]] = {}
        for cid, concept in kb.concepts.items():
            for depth in LEVELS:
                self._of[cid, depth] = sentence_stems(concept.explain[depth])
                for sentence, stems in self._of[cid, depth]:
                    counts.update(stems)
                    for s in stems:
                        self._with_stem.setdefault(s, []).append(len(self._sentences))
                    self._sentences.append((cid, depth, sentence, stems))
        total = max(len(self._sentences), 1)
        self._idf = {s: math.log(total / n) for s, n in counts.items()}
        self._rare = math.log(total)
        self._name_stems, self._title_stems = _name_stems(kb)
        self._names = self._names_by_kind(counts)
        self._naming = self._sentences_naming()  # per concept, the sentences that hold one of its names

    def _names_by_kind(self, counts: Counter[str]) -> dict[tuple[str, str], list[tuple[int, str, frozenset[str]]]]:
        """The words that name each concept, by kind: a sentence "names a hormone" when it holds all of one name's
        words; each name is filed under its rarest stem, so a sentence looks only at the names it could hold."""
        names: dict[tuple[str, str], list[tuple[int, str, frozenset[str]]]] = {}
        for order, cid in enumerate(self._kb.concepts):
            kind = self._kb.kinds.get(cid)
            for stems in self._name_stems[cid] if kind else ():
                rarest = min(sorted(stems), key=lambda x: counts.get(x, 0))
                names.setdefault((kind, rarest), []).append((order, cid, stems))
        return names

    def _sentences_naming(self) -> dict[str, frozenset[int]]:
        """Per concept, the numbers of the sentences holding all the words of one of its names (read from the
        stem index: only sentences with every word of the name are looked at)."""
        as_sets: dict[str, set[int]] = {}  # each stem's sentences as a set, made once however many names share it
        naming: dict[str, frozenset[int]] = {}
        for cid, names in self._name_stems.items():
            found: set[int] = set()
            for name in names:
                if name:
                    sets = sorted((as_sets.setdefault(s, set(self._with_stem.get(s, ()))) for s in name), key=len)
                    found.update(sets[0].intersection(*sets[1:]))  # the rarest stem first: the fewest to test
            naming[cid] = frozenset(found)
        return naming

    def says_together(self, concept_id: str, stems: frozenset[str]) -> bool:
        """Whether one of the concept's sentences, at any depth, holds all these stems."""
        return any(stems <= sentence for depth in LEVELS for _, sentence in self._of[concept_id, depth])

    def _sentences_of(self, concept_id: str, depth: str) -> tuple[tuple[str, frozenset[str]], ...]:
        return self._of[concept_id, depth]

    def wanted(self, question_words: list[str]) -> frozenset[str]:
        """The stems of the question's words that can tell sentences apart."""
        return frozenset(stem(w) for w in question_words if w not in WEAK_WORDS and w not in STOPWORDS)

    def score(self, wanted: frozenset[str], stems: frozenset[str]) -> float:
        return sum(self._idf.get(s, self._rare) for s in wanted & stems)

    def named_of_kind(self, stems: frozenset[str], kind: str, besides: frozenset[str] = frozenset()) -> str | None:
        """The first concept of `kind` (other than `besides`) that the sentence names."""
        found = self.all_named_of_kind(stems, kind, besides)
        return found[0] if found else None

    def all_named_of_kind(self, stems: frozenset[str], kind: str, besides: frozenset[str] = frozenset()) -> list[str]:
        """Every concept of `kind` (other than `besides`) that the sentence names, in pack order."""
        found = {(order, cid) for s in stems for order, cid, name in self._names.get((kind, s), ())
                 if name <= stems and cid not in besides}
        return [cid for _, cid in sorted(found)]

    def best_in(self, concept_id: str, level: str, wanted: frozenset[str], any_depth: bool = True,
                kind: str | None = None) -> Passage | None:
        """The concept's sentence that answers best: its own depth first, then simpler ones, then deeper, a deeper
        one only when clearly better. Asked for a `kind` of thing ("which hormone ..."), only sentences naming one count
        when there are any."""
        # a question asking for a kind of thing is answered by a sentence that names one, where any does
        naming = bool(kind) and self._any_names_kind(concept_id, wanted, kind)
        depths = LEVELS if any_depth else (level,)
        best = self._best_by_depth(concept_id, wanted, depths, kind if naming else None)
        if naming:
            # a sentence that shares far more of the question ("which cells in the testes make testosterone?":
            # "made by the Leydig cells of the testes") answers it, though it names no cell of the pack
            anyhow = self._best_by_depth(concept_id, wanted, depths, None)
            if anyhow and (not best or max(anyhow.values())[0] >= _FAR_BETTER * max(best.values())[0]):
                best = anyhow
        if not best:
            return None
        depth = _preferred_depth(best, level)
        return Passage(concept_id, depth, best[depth][1], best[depth][0])

    def _any_names_kind(self, concept_id: str, wanted: frozenset[str], kind: str) -> bool:
        """Whether any of the concept's sentences, at any depth, scores at all and names a `kind` (not itself)."""
        return any(self.named_of_kind(stems, kind, frozenset({concept_id})) and self.score(wanted, stems)
                   for depth in LEVELS for _, stems in self._sentences_of(concept_id, depth))

    def _best_by_depth(self, concept_id: str, wanted: frozenset[str], depths, kind: str | None) -> dict[str, tuple[float, str]]:
        """depth -> (score, sentence) of the concept's best-scoring sentence there; with a `kind`, only sentences
        naming one count."""
        best: dict[str, tuple[float, str]] = {}
        for depth in depths:
            for sentence, stems in self._sentences_of(concept_id, depth):
                if kind and not self.named_of_kind(stems, kind, frozenset({concept_id})):
                    continue
                score = self.score(wanted, stems)
                if score > best.get(depth, (0.0, ""))[0]:
                    best[depth] = (score, sentence)
        return best

    def owner_of(self, sentence: str) -> str | None:
        """The concept whose explanation holds the sentence (the first, if several do), or None."""
        return self._owners.get(sentence)

    @cached_property
    def _owners(self) -> dict[str, str]:
        """Sentence -> the first concept whose explanation holds it: built once, not searched on every turn."""
        owners: dict[str, str] = {}
        for cid, _, text, _ in self._sentences:
            owners.setdefault(text, cid)
        return owners

    def naming_both(self, a: str, b: str, level: str) -> Passage | None:
        """A sentence of the pack that names both concepts, for "how does A act on B?" when A's own text has none: at
        the learner's depth first, then any; A's own explanation first, then those of concepts that are neither
        (B's own text says what B is, not how A acts on it), sources never."""
        found = [(depth != level, cid != a, cid == b, index) for index in self._naming.get(a, frozenset()) & self._naming.get(b, frozenset())
                 for cid, depth, sentence, _ in self._sentences[index:index + 1] if self._kb.kinds.get(cid) != "source"
                 # another concept's sentence that speaks of "it" is about that concept, whatever else it names
                 # ("In bone cells it changes testosterone into estrogen (estradiol)" is aromatase's, not estradiol's)
                 and (cid == a or not _SPEAKS_OF_IT.search(sentence))]
        if not found:
            return None
        cid, depth, sentence, _ = self._sentences[min(found)[3]]
        return Passage(cid, depth, sentence, 0.0)

    def titled_after(self, named: tuple[str, ...], kind: str) -> str | None:
        """The first concept of `kind` whose own title or an alias names every one of `named` ("Estrogen's effect on
        RANKL and OPG" for estrogen and OPG): the concept that is about the link itself."""
        for cid in self._kb.concepts:
            if cid in named or self._kb.kinds.get(cid) != kind:
                continue
            if any(all(self._holds_name(stems, n) for n in named) for stems in self._title_stems[cid]):
                return cid
        return None

    def titles_name(self, concept_id: str, other: str) -> bool:
        """Whether the concept's own title names `other` ("Systemic effects of hormonal optimization"); an alias may
        name what it acts on ("RANKL decoy" for OPG), which is no sign of being narrower."""
        titles = self._title_stems.get(concept_id, ())
        return bool(titles) and self._holds_name(titles[0], other)

    def titled_with_word(self, concept_id: str, word: str) -> bool:
        """Whether the concept's title or an alias holds the word ("receptor" in "estrogen receptor alpha")."""
        return any(stem(word) in s for s in self._title_stems.get(concept_id, ()))

    def titled_with(self, noun: str, concept_id: str) -> str | None:
        """The concept whose title holds `noun` and one of `concept_id`'s names; None when `concept_id`'s own names
        hold the noun already."""
        word = stem(noun)
        if self.titled_with_word(concept_id, noun):
            return None
        for cid in self._kb.concepts:
            if cid != concept_id and any(word in s and self._holds_name(s, concept_id) for s in self._title_stems[cid]):
                return cid
        return None

    def about(self, sentence: str, concept_id: str) -> bool:
        """Whether the sentence is the concept's own or opens with one of its names ("Aromatase, an enzyme found in
        bone cells, ..." is about aromatase wherever it stands)."""
        opening = frozenset(stem(w) for w in words(sentence)[:4])
        return self.owner_of(sentence) == concept_id or self._holds_name(opening, concept_id)

    def _holds_name(self, stems: frozenset[str], concept_id: str) -> bool:
        """Whether the stems hold all the words of one of the concept's names."""
        return any(n <= stems for n in self._name_stems.get(concept_id, ()))

    def names_kind(self, concept_id: str, wanted: frozenset[str], kind: str, least: float) -> bool:
        """Whether one of the concept's sentences answers the question (at least `least`) and names a `kind`."""
        for depth in LEVELS:
            for _, stems in self._sentences_of(concept_id, depth):
                if self.score(wanted, stems) >= least and self.named_of_kind(stems, kind, frozenset({concept_id})):
                    return True
        return False

    def search(self, wanted: frozenset[str], kind: str, least: float,
               besides: frozenset[str] = frozenset()) -> tuple[str, Passage] | None:
        """Over the whole pack, the sentence that best answers a question asking for a `kind` of thing and names one
        (other than `besides`): (the concept of that kind it names, the passage). None below `least`."""
        found: tuple[str, Passage] | None = None
        for index in sorted({i for s in wanted for i in self._with_stem.get(s, ())}):
            cid, depth, sentence, stems = self._sentences[index]
            score = self.score(wanted, stems)
            if score < least or (found and score <= found[1].score):
                continue
            answer = self._kb.kinds.get(cid) == kind and cid not in besides and cid or \
                self.named_of_kind(stems, kind, besides)
            if answer:
                found = (answer, Passage(cid, depth, sentence, score))
        return found


def _name_stems(kb: KnowledgeBase) -> tuple[dict[str, tuple[frozenset[str], ...]], dict[str, tuple[frozenset[str], ...]]]:
    """Per concept: the stems of its names (short title and aliases, stopwords and empty names left out), and of its
    full title and aliases with stopwords kept ("effect on"), for titled_after."""
    names = {cid: tuple(n for n in (frozenset(stem(w) for w in words(name) if w not in STOPWORDS)
                                    for name in sorted({short_title(c), *c.aliases})) if n)
             for cid, c in kb.concepts.items()}
    titles = {cid: tuple(frozenset(stem(w) for w in words(name)) for name in (c.title, *c.aliases))
              for cid, c in kb.concepts.items()}
    return names, titles


def _preferred_depth(best: dict[str, tuple[float, str]], level: str) -> str:
    """The learner's own depth, then simpler ones, then deeper, taking the first close enough to the best score."""
    overall = max(best.values())[0]
    preferred = [level, *reversed(LEVELS[:LEVELS.index(level)]), *LEVELS[LEVELS.index(level) + 1:]]
    return next(d for d in preferred if d in best and best[d][0] >= _SAME_DEPTH_SHARE * overall)


@lru_cache(maxsize=4096)
def sentence_stems(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """A text's sentences with the stems of their words (computed once per text)."""
    return tuple((sentence, frozenset(stem(w) for w in words(sentence))) for sentence in SENTENCE_END.split(text.strip()))
