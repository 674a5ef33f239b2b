"""Finding the concepts a question names: titles, glosses, aliases and their usual truncations."""
from __future__ import annotations

import re

from .matcher import short_title
from .model import Concept, KnowledgeBase
from .english import common
from .normalise import STOPWORDS, WEAK_WORDS, canonical_phrase, fold, stem, words
from .spelling import edits

__all__ = ["NameIndex", "other_names", "short_title"]


def _prefixes(names: dict[str, str]) -> frozenset[str] | None:
    """Every run of a name's first words: a question's words are read on only while they could still be a name
    (None when some name is spaced oddly, which the runs could not follow)."""
    if any(name != " ".join(name.split()) for name in names):
        return None
    return frozenset(" ".join(name.split()[:n]) for name in names for n in range(1, len(name.split()) + 1))


def other_names(concept: Concept, said: str | None = None, most: int = 2) -> list[str]:
    """Other names for a concept that share no word with the one used for it (its title unless another was said),
    but for the head of a longer name: its title, when an alias was said, and its aliases ("osteogenesis" for bone
    formation, "somatotropic axis" for the GH/IGF-1 axis, not "building side"); at most `most`."""
    used_words = words(said or short_title(concept))
    used = {stem(w) for w in used_words}
    head = stem(used_words[-1])  # "formation" of "Bone formation"

    def new(w: str) -> bool:  # a word not used, nor a spelling of one ("somatotrophic" of "somatotropic")
        return stem(w) not in used and not any(len(w) > 5 and edits(w, u) <= 1 for u in used_words)

    def another(name: str) -> bool:  # new words, but for the same head ("somatotropic axis" of the GH/IGF-1 axis)
        said_words = words(name)
        return all(map(new, said_words[:-1])) and (new(said_words[-1]) if len(said_words) == 1 else stem(said_words[-1]) == head)
    found: list[str] = []
    for name in dict.fromkeys([short_title(concept), *concept.aliases]):
        if another(name) and not any(edits(fold(name), fold(f)) <= 2 for f in found):  # one spelling of each
            found.append(name)
    return found[:most]


class NameIndex:
    """Finds concept names (titles, glosses, aliases and their usual truncations) inside a question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._names: dict[str, str] = {}
        self._truncations: dict[str, set[str]] = {}
        # one-word names and the written forms that name them: "references" is a name, "refers" (the same stem)
        # is a verb ("what it refers to")
        self._forms: dict[str, set[str]] = {}
        for concept in kb.concepts.values():
            for name in (short_title(concept), *_glosses(concept.title), *concept.aliases):
                self._names.setdefault(canonical_phrase(name), concept.id)
                self._add_forms(name)
            for name in (short_title(concept), *concept.aliases):
                truncated = _truncation(name)
                if truncated:
                    self._truncations.setdefault(truncated, set()).add(concept.id)
        self._add_truncations(kb)
        self._add_turned_round()
        self._longest = max((len(n.split()) for n in self._names), default=1)
        self.stems = frozenset(w for name in self._names for w in name.split())  # every stem used in a name
        self._prefixes = _prefixes(self._names)

    def within_a_name(self, stems_: list[str]) -> bool:
        """Whether these stems, in this order, are all or a run of some name ("risk" of "fracture risk"; not "side
        effect", though "side" is in "building side" and "effect" in "estrogen's effect on ...")."""
        run = f" {' '.join(stems_)} "
        return any(run in f" {name} " for name in self._names)

    def _add_truncations(self, kb: KnowledgeBase) -> None:
        """ "igf" names IGF-1 only if no other concept's name shortens to it; "Khosla", the author of two papers of
        the reference list, names the list."""
        for truncated, owners in self._truncations.items():
            parents = {kb.concepts[c].parent for c in owners}
            if len(owners) == 1:
                self._names.setdefault(truncated, next(iter(owners)))
            elif len(parents) == 1 and None not in parents:
                self._names.setdefault(truncated, parents.pop())

    def _add_turned_round(self) -> None:
        """A two-word name said the other way round names the same thing ("optimizing hormones" for hormonal
        optimization, "risk of fracture" for fracture risk), unless that is another name already."""
        turned: dict[str, set[str]] = {}
        for name, cid in self._names.items():
            parts = name.split()
            if len(parts) == 2 and not set(parts) & STOPWORDS and all(p.isalpha() for p in parts):
                for phrase in (f"{parts[1]} {parts[0]}", f"{parts[1]} of {parts[0]}"):
                    turned.setdefault(phrase, set()).add(cid)
        for phrase, owners in turned.items():
            if len(owners) == 1:
                self._names.setdefault(phrase, owners.pop())

    def _add_forms(self, name: str) -> None:
        written = words(name)
        if len(written) == 1 and written[0].isalpha() and len(written[0]) > 5:
            word = written[0]
            base = word[:-1] if word.endswith("s") else word
            self._forms.setdefault(stem(word), set()).update({word, base, base + "s", base + "es"})

    def _written_as_name(self, word: str, stemmed: str) -> bool:
        """One of the name's written forms, or a misspelling of one that is no English word ("testosteron"; but
        "refers" is no form of "references")."""
        forms = self._forms.get(stemmed)
        if forms is None or word in forms or not word.isalpha():
            return True
        return not common(word) and any(edits(word, form) <= 1 for form in forms)

    def find(self, folded_words: list[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, concept id) spans, longest names first."""
        stems_ = [stem(w) for w in folded_words]
        spans: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        runs = sorted(self._named_runs(stems_))
        for size, start, cid in runs:
            size = -size
            if size == 1 and not self._written_as_name(folded_words[start], stems_[start]):
                continue
            if _starts_inside_an_earlier_name(start, runs):
                continue  # "growth HORMONE AND BONE": "hormones and bones" would cut "growth hormone" in two
            if not taken & set(range(start, start + size)):
                spans.append((start, start + size, cid))
                taken.update(range(start, start + size))
        return sorted(spans)

    def _named_runs(self, stems_: list[str]) -> list[tuple[int, int, str]]:
        """Every run of words that is a name, as (-length, start, concept id): the order `find` takes them in."""
        runs = []
        for start in range(len(stems_)):
            for end in range(start + 1, min(start + self._longest, len(stems_)) + 1):
                phrase = " ".join(stems_[start:end])
                if self._prefixes is not None and phrase not in self._prefixes:
                    break
                cid = self._names.get(phrase)
                if cid:
                    runs.append((start - end, start, cid))
        return runs


def _starts_inside_an_earlier_name(start: int, runs: list[tuple[int, int, str]]) -> bool:
    """Whether a name of two or more words starts before `start` and ends inside the run starting there."""
    return any(size <= -2 and other < start < other - size for size, other, _ in runs)


def _glosses(title: str) -> list[str]:
    """A title's parenthetical gloss is a name too ("IGF-1 (insulin-like growth factor 1)"), unless it only describes ("the receptor")."""
    return [g for g in re.findall(r"\(([^)]*)\)", title) if not re.match(r"(?i)the |a |an ", g)]


def _truncation(name: str) -> str | None:
    """How people shorten a name with a number: "IGF-1" -> "igf", "CJC-1295" -> "cjc", "Khosla et al. 2012" ->
    "khosla"."""
    folded = words(name)
    if len(folded) > 1 and re.fullmatch(r"(19|20)\d\d", folded[-1]):
        author = [w for w in folded[:-1] if w not in ("et", "al")]
        return stem(author[0]) if len(author) == 1 and author[0].isalpha() and not common(author[0]) else None
    if len(folded) != 1:
        return None
    match = re.fullmatch(r"([a-z]{3,})\d+", folded[0])
    if not match or match.group(1) in STOPWORDS or match.group(1) in WEAK_WORDS:
        return None
    return stem(match.group(1))
