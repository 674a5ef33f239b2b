"""Checks that go beyond validity: what makes a pack teach badly.

Each finding names the file and line of the entry concerned, like a validation problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz.distance import Levenshtein

from .engine import Tutor
from .itemlint import item_findings
from .matcher import short_title
from .model import LEVELS, Concept, QuizItem
from .normalise import canonical_phrase, fold, stem

__all__ = ["Finding", "lint", "COPY_RUN", "copied_runs", "copied", "personal_examples", "doses", "pack_texts", "teaching_coverage"]

_SMALL = {stem(w) for w in "a an the of to in on and or for with by is are it its their that this as at from".split()}

COPY_RUN = 8  # words in a row taken from the source document count as copied (names and quoted titles exempt)
_SUPPORT = 0.6  # share of an answer's words that the concept's text must contain


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.check}: {self.message}"


def lint(tutor: Tutor, source_text: str | None = None) -> list[Finding]:
    with tutor.folding():  # pack text is folded with the pack's own spelling folds, as questions are
        return _findings(tutor, source_text)


def _findings(tutor: Tutor, source_text: str | None) -> list[Finding]:
    kb = tutor.kb
    top = [c for c in kb.concepts.values()]
    findings = _collisions(top, kb.confusables) + _misrouted(tutor, top) + _unsupported_items(tutor)
    findings += _deeper_terms(tutor, top) + personal_examples(tutor) + doses(tutor) + teaching_coverage(tutor)
    findings += item_findings(kb, Finding)
    if source_text is not None:
        findings += copied(tutor, source_text)
    return findings


def _keys(concept: Concept) -> list[str]:
    return [concept.title, *concept.aliases, *concept.examples]


def _collisions(concepts: list[Concept], confusables: frozenset[frozenset[str]]) -> list[Finding]:
    """Names or examples of two concepts that the matcher can hardly tell apart."""
    return _same_reading(concepts) + _typo_names(concepts, confusables)


def _same_reading(concepts: list[Concept]) -> list[Finding]:
    """Names or examples of two concepts that read the same once folded and stemmed."""
    findings = []
    forms = [(c, text, " ".join(sorted(canonical_phrase(text).split()))) for c in concepts for text in _keys(c)]
    by_form: dict[str, list[tuple[Concept, str]]] = {}
    for concept, text, form in forms:
        by_form.setdefault(form, []).append((concept, text))
    for form, owners in by_form.items():
        for (a, text_a), (b, text_b) in combinations(owners, 2):
            if a.id != b.id and form:
                findings.append(Finding(b.source, b.line, "collision",
                                        f"{b.id}: {text_b!r} reads the same as {a.id}: {text_a!r}"))
    return findings


def _typo_names(concepts: list[Concept], confusables: frozenset[frozenset[str]]) -> list[Finding]:
    """Names of two concepts one typo apart."""
    findings = []
    names = [(c, n, canonical_phrase(n).split()) for c in concepts for n in (c.title, *c.aliases)]
    for (a, name_a, words_a), (b, name_b, words_b) in combinations(names, 2):
        if a.id != b.id and _one_typo_apart(words_a, words_b, confusables):
            findings.append(Finding(b.source, b.line, "collision", f"{b.id}: name {name_b!r} is one typo from {a.id}: {name_a!r}"))
    return findings


def _one_typo_apart(a: list[str], b: list[str], confusables: frozenset[frozenset[str]]) -> bool:
    """Names that differ in one word, and there by a single edit of a word long enough to be corrected,
    unless the pack declares the pair a known confusable (osteoclast / osteoblast)."""
    if len(a) != len(b) or a == b:
        return False
    different = [(x, y) for x, y in zip(a, b) if x != y]
    if len(different) != 1:
        return False
    x, y = different[0]
    return min(len(x), len(y)) >= 5 and Levenshtein.distance(x, y) <= 1 and frozenset((x, y)) not in confusables


def _misrouted(tutor: Tutor, concepts: list[Concept]) -> list[Finding]:
    """Examples that the engine answers with another concept, and concepts no example reaches."""
    findings = []
    for concept in concepts:
        reached = False
        for text in _keys(concept):
            reply = tutor.respond(tutor.new_session(), text)
            if reply.kind != "safety" and concept.id in reply.about:
                reached = True
            else:
                got = reply.data.get("entry", reply.concept)
                findings.append(Finding(concept.source, concept.line, "misrouted",
                                        f"{concept.id}: {text!r} is answered as {reply.kind} {got or ''}".rstrip()))
        if not reached:
            findings.append(Finding(concept.source, concept.line, "unreachable", f"{concept.id}: no name or example reaches it"))
    return findings


def personal_examples(tutor: Tutor) -> list[Finding]:
    """Example questions about someone's own health teach the matcher to answer advice: none may be personal."""
    findings = []
    for concept in tutor.kb.concepts.values():
        for text in concept.examples:
            reading = tutor.read(text)
            if "who" in reading.advice.found or reading.advice.personal:
                findings.append(Finding(concept.source, concept.line, "personal",
                                        f"{concept.id}: example {text!r} is about someone's own health"))
    return findings


def doses(tutor: Tutor) -> list[Finding]:
    """No text the tutor can say may hold a dose or a schedule (the boundary's `dose` class decides what one is)."""
    findings = []
    for path, line, text in pack_texts(tutor):
        advice = tutor.read(text).advice
        if "dose" in advice.found:
            findings.append(Finding(path, line, "dose", f"a text holds a dose or schedule ({', '.join(advice.found['dose'])}): {text[:60]!r}"))
    return findings


def pack_texts(tutor: Tutor) -> list[tuple[str, int, str]]:
    """Every text of the pack the tutor can say or show, with where it comes from."""
    out: list[tuple[str, int, str]] = []
    for c in tutor.kb.concepts.values():
        out += [(c.source, c.line, t) for t in (c.title, c.full_name, *c.aliases, *c.examples, *c.explain.values()) if t]
    for item in tutor.kb.quiz:
        texts = [item.question, item.explanation, str(item.answer), *item.options, *item.hints]
        out += [(item.source or "generated", item.line, t) for t in texts if t]
    out += _teaching_texts(tutor)
    out += [(i.source, i.line, i.reply) for i in tutor.rules.intents if i.reply]
    out += [("messages", 0, m) for m in tutor.rules.messages.values()]
    return out


def _teaching_texts(tutor: Tutor) -> list[tuple[str, int, str]]:
    """The everyday examples and the glossary lines."""
    out = [(a.source, a.line, a.text) for by_level in tutor.kb.analogies.values() for a in by_level.values()]
    return out + [(g.source, g.line, g.text) for g in tutor.kb.glossary.values()]


def teaching_coverage(tutor: Tutor) -> list[Finding]:
    """Every concept has an everyday example at every depth and a glossary line; every vocabulary term a gloss."""
    kb = tutor.kb
    findings = []
    for concept in kb.concepts.values():
        missing = [level for level in LEVELS if level not in kb.analogies.get(concept.id, {})]
        if missing:
            findings.append(Finding(concept.source, concept.line, "no-example",
                                    f"{concept.id}: no everyday example or analogy at {', '.join(missing)} depth"))
        if concept.id not in kb.glossary:
            findings.append(Finding(concept.source, concept.line, "no-gloss", f"{concept.id}: no glossary line"))
    names = {fold(n) for c in kb.concepts.values() for n in (c.title, short_title(c), *c.aliases)}
    for term in kb.vocabulary:
        if term not in kb.glossary and term not in names:
            path, line = kb.vocabulary_at.get(term, ("vocabulary", 1))
            findings.append(Finding(path, line, "no-gloss", f"vocabulary term {term!r} has no glossary line"))
    return findings


def _stems_of(text: str) -> set[str]:
    return {stem(w) for w in fold(text).split()}


def _unsupported_items(tutor: Tutor) -> list[Finding]:
    """Quiz items whose answer the concept's own text does not contain."""
    findings = []
    for item in tutor.kb.quiz:
        if item.generated:
            continue
        concept = tutor.kb.concepts.get(item.concept)
        if concept is None:
            continue
        support = _stems_of(" ".join([concept.title, *concept.aliases, *concept.explain.values(), item.explanation]))
        for term in _answer_terms(item):
            wanted = {s for s in _stems_of(term) if s not in _SMALL}
            if wanted and len(wanted & support) < _SUPPORT * len(wanted):
                findings.append(Finding(item.source, item.line, "unsupported",
                                        f"{item.id}: the answer {term!r} is not in the text of {concept.id}"))
    return findings


def _answer_terms(item: QuizItem) -> list[str]:
    if item.type in ("mc", "cloze"):
        return [str(item.answer)]
    if item.type == "short" and item.rubric:
        # a group of alternatives is mostly synonyms for what the text says: only lone terms are checked
        return [group[0] for group in item.rubric.required if len(group) == 1]
    return []


def _deeper_terms(tutor: Tutor, concepts: list[Concept]) -> list[Finding]:
    """Fundamentals explanations that use a term defined only deeper: a technical term of the vocabulary
    that is not itself a concept (every concept explains itself at fundamentals depth)."""
    named = {fold(n) for c in tutor.kb.concepts.values() for n in (c.title, short_title(c), *c.aliases)}
    deeper = {t: tier for t, tier in tutor.kb.vocabulary.items() if tier != LEVELS[0] and t not in named}
    findings = []
    for concept in concepts:
        text = fold(concept.explain[LEVELS[0]])
        own = " ".join(fold(n) for n in (concept.title, *concept.aliases))  # a concept may use its own name
        for term, tier in deeper.items():
            if re.search(rf"\b{re.escape(term)}\b", own):
                continue
            if re.search(rf"\b{re.escape(term)}\b", text):
                findings.append(Finding(concept.source, concept.line, "too-deep",
                                        f"{concept.id}: its fundamentals explanation uses {term!r}, a {tier} term"))
    return findings


def copied(tutor: Tutor, source_text: str) -> list[Finding]:
    """Runs of words copied from the source, in every text the tutor can say (quiz items included):
    the check behind `tutor lint --source`."""
    names = [n for c in tutor.kb.concepts.values() for n in (c.title, short_title(c), *c.aliases)]
    findings = []
    for path, line, text in pack_texts(tutor):
        runs = copied_runs(text, source_text, names)
        if runs:
            findings.append(Finding(path, line, "copied", f"copies the source: {runs[0]!r}"))
    return findings


_TOKEN = re.compile(r"[a-z0-9]+")
_QUOTED = re.compile(r"'[^']{12,}'|\"[^\"]{12,}\"|\u2018[^\u2019]{12,}\u2019|\u201c[^\u201d]{12,}\u201d")


def _segments(text: str, names: list[str]) -> list[list[str]]:
    """The text's words, split wherever a name or a quoted title stands (those may be copied)."""
    text = _QUOTED.sub(" | ", text.lower().replace("\u2019", "'"))
    for name in sorted({n.lower() for n in names if len(n.split()) > 1}, key=len, reverse=True):
        text = text.replace(name, " | ")
    return [_TOKEN.findall(part) for part in text.split("|")]


def copied_runs(text: str, source_text: str, names: list[str] = (), run: int = COPY_RUN) -> list[str]:
    """The runs of `run` words that `text` shares with `source_text`, names and quoted titles exempt."""
    source_runs = {tuple(seg[i:i + run]) for seg in _segments(source_text, list(names)) for i in range(len(seg) - run + 1)}
    return [" ".join(seg[i:i + run]) for seg in _segments(text, list(names)) for i in range(len(seg) - run + 1)
            if tuple(seg[i:i + run]) in source_runs]
