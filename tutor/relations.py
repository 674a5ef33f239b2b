"""Questions answered from the knowledge base's facts: "what blocks RANKL?", "which cells make OPG?"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import RELATION_NAMES, KnowledgeBase, Relation
from .matcher import short_title
from .normalise import STOPWORDS, WEAK_WORDS, canonical_phrase, stem, words

__all__ = ["RelationQuestion", "NameIndex", "parse_relation_question", "facts_for", "render_fact", "short_title"]

# Verb stems people use for each relation.
_VERBS: dict[str, str] = {}
for _relation, _verbs in {
    "produces": "make made produce secrete secret release synthesize synthesise generate creat manufactur express",
    "binds": "bind bound attach latch grab",
    "inhibits": "block inhibit suppress stop lower reduc restrain brake prevent decreas counteract oppos dampen limit curb neutral hold",
    "stimulates": "stimul rais increas promot activ drive boost trigger enhanc induc elev upregul",
    "converts": "convert aromat",
    "becomes": "becom turn transform",
    "found-in": "found locat present sit",
    "causes": "caus lead result",
    "contains": "contain includ compris",
    "targets": "target",
    "cites": "cite wrote write author cover",
}.items():
    for _verb in _verbs.split():
        _VERBS[stem(_verb)] = _relation

_WH = {"what", "which", "who", "whom", "where", "whats"}
_AUX = {"do", "does", "did", "can", "could", "will", "would", "is", "are", "was", "were"}
# Nouns that only say what kind of answer is wanted ("which cells ...").
_ANSWER_NOUNS = {stem(w) for w in "cell cells protein proteins hormone hormones molecule molecules thing things enzyme enzymes gene genes signal signals factor factors substance substances receptor receptors part parts paper papers source sources study studies one ones tissue tissues type types kind kinds".split()}
_PARTICLES = {"to", "by", "in", "into", "on", "with", "up", "down", "off", "from", "of", "the", "a", "an", "both", "and", "or", "all"}


@dataclass(frozen=True)
class RelationQuestion:
    relation: str
    entity: str
    active: bool  # True: "what does ENTITY <verb>?"; False: "what <verb>s ENTITY?"
    also: tuple[str, ...] = ()  # further objects of a passive question: "which cells make both RANKL and OPG?"


class NameIndex:
    """Finds concept names (titles, glosses, aliases and their usual truncations) inside a question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._names: dict[str, str] = {}
        self._truncations: dict[str, set[str]] = {}
        for concept in kb.concepts.values():
            for name in (short_title(concept), *_glosses(concept.title), *concept.aliases):
                self._names.setdefault(canonical_phrase(name), concept.id)
            for name in (short_title(concept), *concept.aliases):
                truncated = _truncation(name)
                if truncated:
                    self._truncations.setdefault(truncated, set()).add(concept.id)
        for truncated, owners in self._truncations.items():
            if len(owners) == 1:  # "igf" names IGF-1 only if no other concept's name shortens to it
                self._names.setdefault(truncated, owners.pop())
        self._longest = max((len(n.split()) for n in self._names), default=1)

    def find(self, folded_words: list[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, concept id) spans, longest names first."""
        stems_ = [stem(w) for w in folded_words]
        spans: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for size in range(min(self._longest, len(stems_)), 0, -1):
            for start in range(len(stems_) - size + 1):
                if taken & set(range(start, start + size)):
                    continue
                cid = self._names.get(" ".join(stems_[start:start + size]))
                if cid:
                    spans.append((start, start + size, cid))
                    taken.update(range(start, start + size))
        return sorted(spans)


def _glosses(title: str) -> list[str]:
    """A title's parenthetical gloss is a name too ("IGF-1 (insulin-like growth factor 1)"), unless it only describes ("the receptor")."""
    return [g for g in re.findall(r"\(([^)]*)\)", title) if not re.match(r"(?i)the |a |an ", g)]


def _truncation(name: str) -> str | None:
    """How people shorten a name with a number: "IGF-1" -> "igf", "CJC-1295" -> "cjc"."""
    folded = words(name)
    if len(folded) != 1:
        return None
    match = re.fullmatch(r"([a-z]{3,})\d+", folded[0])
    if not match or match.group(1) in STOPWORDS or match.group(1) in WEAK_WORDS:
        return None
    return stem(match.group(1))


def parse_relation_question(folded_words: list[str], names: NameIndex, pronoun_target: str | None,
                            pronouns: frozenset[str]) -> RelationQuestion | None:
    """A relation question, if the words are one: a wh-word, one verb of a relation, one concept and nothing else."""
    if not folded_words or folded_words[0] not in _WH:
        return None
    verb_at = [(i, _VERBS[stem(w)]) for i, w in enumerate(folded_words) if stem(w) in _VERBS]
    if len(verb_at) != 1:
        return None
    verb_index, relation = verb_at[0]
    spans = names.find(folded_words)
    entity: tuple[int, str] | None = None
    if spans and (len(spans) == 1 or all(start > verb_index for start, _, _ in spans)):
        entity = (spans[0][0], spans[0][2])
    elif not spans and pronoun_target:
        hits = [i for i, w in enumerate(folded_words) if w in pronouns]
        entity = (hits[0], pronoun_target) if hits else None
    if entity is None:
        return None
    covered = {i for start, end, _ in spans for i in range(start, end)} if spans else {entity[0]}
    leftovers = [w for i, w in enumerate(folded_words)
                 if i not in covered and i != verb_index and w not in _WH and w not in _AUX and w not in _PARTICLES
                 and w not in STOPWORDS and stem(w) not in _ANSWER_NOUNS]
    if leftovers:
        return None
    passive_voice = "by" in folded_words[verb_index + 1:]
    active = entity[0] < verb_index and not passive_voice
    also = tuple(cid for _, _, cid in spans[1:]) if not active else ()
    return RelationQuestion(relation, entity[1], active, also)


def facts_for(kb: KnowledgeBase, question: RelationQuestion) -> list[Relation]:
    """The facts that answer a question; with several objects, only subjects that hold for all of them."""
    if question.also:
        wanted = {question.entity, *question.also}
        by_subject: dict[str, list[Relation]] = {}
        for r in kb.relations:
            if r.relation == question.relation and r.object in wanted:
                by_subject.setdefault(r.subject, []).append(r)
        return [r for facts in by_subject.values() if {f.object for f in facts} == wanted for r in facts]
    facts = []
    for r in kb.relations:
        if r.relation != question.relation:
            continue
        if question.active and r.subject == question.entity:
            facts.append(r)
        elif not question.active and r.object == question.entity:
            facts.append(r)
        elif r.relation == "binds" and question.entity in (r.subject, r.object):
            facts.append(r)  # binding goes both ways
    return facts


def render_fact(kb: KnowledgeBase, fact: Relation) -> str:
    subject, obj = kb.concepts[fact.subject], kb.concepts[fact.object]
    singular, plural = RELATION_NAMES[fact.relation]
    verb = plural if subject.plural else singular
    name = short_title(subject)
    return f"{name[0].upper()}{name[1:]} {verb} {short_title(obj)}."
