"""Composing the text of an answer for what was asked: comparisons, relation facts, expansions, declines.

Every sentence pattern lives in dialogues/messages.yaml; this module chooses the facts, orders
them (the direct answer first) and fills the patterns in.
"""
from __future__ import annotations

import re
from typing import Callable

from .matcher import short_title
from .normalise import STOPWORDS, fold, stem, words
from .model import COUNTERPART_RELATIONS, EVIDENCE_RELATIONS, KIND_ORDER, LEVELS, RELATION_NAMES, Concept, KnowledgeBase, Relation
from .names import other_names
from .passages import SENTENCE_END, PassageIndex

__all__ = ["Composer", "sentences", "full_name"]

# The order in which actors are named when several do the same thing: the molecules that act
# directly come before the hormones that act through them, and therapies come last.
_ABBREVIATION = re.compile(r"^[A-Z0-9][A-Za-z0-9\u03b1-]*[A-Z0-9\u03b1]$")
# openings of a sentence that follows on from the one before it ("The result is ...", "This drop ...")
_LEANS_ON_BEFORE = re.compile(r"^(The (result|upshot|outcome|consequence|effect) (is|was)\b|This\b|These\b|Those\b|They\b|There\b|"
                              r"Such\b|As a result\b|In turn\b|Together,? (these|they)\b|"
                              r".*\b(these|those) (therapies|treatments|protocols)\b|.*\bthis (\w+ )?(shift|drop|fall|change)\b)")
_REFERS_BACK = re.compile(r"^(This|These|Those|Such|First|Firstly)\b|\b(this|these|those) (\w+ )?(drop|fall|decline|change|shift|loss|rise|process|step|signal|effect|balance|cells?|hormones?|therapy|therapies|treatments?|protocols?)\b")


def sentences(text: str, count: int) -> str:
    """The first `count` sentences of a text."""
    return " ".join(SENTENCE_END.split(text.strip())[:count])


def _side_text(text: str, audience: frozenset[str]) -> str:
    """A side's first sentence; and its first sentence that speaks of the audience asked about, if it is another
    ("the male hormone decline vs menopause": "... for men, testosterone slides more slowly ...")."""
    parts = SENTENCE_END.split(text.strip())
    speaks = [p for p in parts if audience & set(words(p.lower()))]
    return parts[0] if not speaks or speaks[0] == parts[0] else f"{parts[0]} {speaks[0]}"


def full_name(concept: Concept) -> str:
    """What an abbreviated concept name stands for, or ""."""
    if concept.full_name:
        return concept.full_name
    short = short_title(concept)
    gloss = re.search(r"\(([^)]*)\)", concept.title)
    if not gloss:
        return ""
    inner = gloss.group(1).strip()
    if _ABBREVIATION.match(short) and not _ABBREVIATION.match(inner):
        return inner
    if _ABBREVIATION.match(inner):
        return short
    return ""


class Composer:
    """Read-only after construction."""

    def __init__(self, kb: KnowledgeBase, msg: Callable[..., str], passages: PassageIndex,
                 relation_verbs: dict[str, dict[str, tuple[str, str]]] | None = None) -> None:
        self._kb = kb
        self._passages = passages
        self._msg = msg
        self._relation_verbs = relation_verbs or {}
        self._hedged = {(r.subject, r.relation, r.object) for r in kb.relations if r.hedged}
        self._binding = {frozenset((r.subject, r.object)) for r in kb.relations if r.relation == "binds"}
        self._strong = {(r.subject, r.relation, r.object) for r in kb.relations if r.strong}

    def name(self, concept_id: str) -> str:
        """The concept's short name as it reads inside a sentence: "bone remodeling", but "OPG" and "RANKL"."""
        concept = self._kb.concepts[concept_id]
        name = short_title(concept)
        if concept.section != "references" and len(name) > 1 and name[1].islower() and not name.split()[0][1:].isupper():
            return name[0].lower() + name[1:]
        return name

    # --- comparisons --------------------------------------------------------------
    def compare_with_other(self, concept_id: str, other: str, level: str) -> str:
        """ "type I collagen vs bone mineral": the document has no topic of the other side; say so, name the concept
        whose title holds it (bone mineral density) if one does, then explain the concept named."""
        wanted = [stem(w) for w in words(other)]
        near = next((c.id for c in self._kb.concepts.values() if c.id != concept_id and c.section != "references"
                     and _holds_run([stem(w) for w in words(c.title)], wanted)), None)
        said = self._msg("compare_other_near", named=self.name(concept_id), other=other, near=self.name(near)) if near \
            else self._msg("compare_other", named=self.name(concept_id), other=other)
        return f"{_cap(said)} {self._kb.concepts[concept_id].explain[level]}"

    def compare(self, a: str, b: str, level: str, said: dict[str, str] | None = None, audience: frozenset[str] = frozenset(),
                within: str | None = None) -> str:
        """Two side by side, each headed by its full title (with the learner's own name for it, when the title
        does not hold it: "aromatase deficiency"), then what links them; with `audience` (the words for men, say,
        when the question asks of them), a side whose first sentence does not speak of them adds its one that does."""
        first, second = self._kb.concepts[a], self._kb.concepts[b]
        kind_of = next((r for r in self._kb.relations if r.relation == "is-a" and {r.subject, r.object} == {a, b}), None)
        # "estradiol vs estrogen": one is a kind of the other, not a different thing
        key = "compare_kind" if kind_of else "compare"
        sub, whole = (kind_of.subject, kind_of.object) if kind_of else (a, b)
        # each side's heading is its full title, so both names a learner may use are said ("Growth hormone (GH)")
        return self._msg(key, a=_cap(self.name(a)), b=self.name(b), A=_headed(first.title, self._as_written(a, (said or {}).get(a))),
                         B=_headed(second.title, self._as_written(b, (said or {}).get(b))),
                         sub=_cap(self.name(sub)), whole=self.name(whole),
                         a_text=_side_text(first.explain[level], audience), b_text=_side_text(second.explain[level], audience),
                         link=f"{self._difference(a, b)} {self._within(within, level) if within else self._link(a, b)}".strip())

    def _within(self, whole: str, level: str) -> str:
        """The whole the two are compared within, in its own first sentence."""
        return self._msg("compare_within", whole=self.name(whole), text=sentences(self._kb.concepts[whole].explain[level], 1))

    def _difference(self, a: str, b: str) -> str:
        """How the two differ in what they do, when the facts show it: one drives what the other holds back
        (RANKL and OPG on resorption), or each acts on one of two things the document sets against each other
        (growth hormone on bone formation, estrogen on bone resorption)."""
        acts = {c: [r for r in self._kb.relations if r.subject == c and r.relation in _DOING] for c in (a, b)}
        pairs = [(x, y) for x in acts[a] for y in acts[b] if self._contrary(x, y)]
        if not pairs:
            return ""
        x, y = pairs[0]
        return self._msg("compare_differ", a=self.name(a), b=self.name(b), does_a=self._deed(x),
                         does_b=self._deed(y, "it" if x.object == y.object else None))

    def _contrary(self, x: Relation, y: Relation) -> bool:
        """One drives what the other holds back, or they act on two things the document sets against each other."""
        if x.object == y.object:
            return _DOING[x.relation] * _DOING[y.relation] < 0
        return any(r.relation == "opposes" and {r.subject, r.object} == {x.object, y.object} for r in self._kb.relations)

    def _deed(self, fact: Relation, object_said: str | None = None) -> str:
        return f"{self._verb(fact.relation, fact.subject, fact.object)} {object_said or self.object_name(fact)}"

    def falls(self, facts: tuple[Relation, ...]) -> str:
        """Where each of two falls away: "Estrogen falls with menopause; testosterone, with hormonal decline with age." """
        if len(facts) == 1:  # "Testosterone falls with hormonal decline with age."
            return self._msg("falls_with", a=_cap(self.name(facts[0].subject)), A=self.name(facts[0].object))
        first, second = facts[:2]
        return self._msg("compare_falls", a=_cap(self.name(first.subject)), A=self.name(first.object),
                         b=self.name(second.subject), B=self.name(second.object))

    def compare_three(self, a: str, b: str, c: str, level: str, said: dict[str, str] | None = None) -> str:
        """Three side by side: each one's first sentence under its heading (as in `compare`), then the facts that
        join any two."""
        ids = (a, b, c)
        facts = [r for r in self._kb.relations if {r.subject, r.object} <= set(ids) and r.subject != r.object]
        link = self._msg("compare_link", facts=" ".join(self.fact(r) for r in facts[:3])) if facts else ""
        sides = " ".join(f"{_headed(self._kb.concepts[i].title, self._as_written(i, (said or {}).get(i)))}: "
                         f"{sentences(self._kb.concepts[i].explain[level], 1)}" for i in ids)
        return self._msg("compare_three", a=_cap(self.name(a)), b=self.name(b), c=self.name(c), sides=sides, link=link).strip()

    def _link(self, a: str, b: str) -> str:
        direct = [r for r in self._kb.relations if {r.subject, r.object} == {a, b}]
        # a pair of counterparts is said once ("HRT is matched in men by TRT"), not again the other way round
        paired = [r for r in direct if r.relation in COUNTERPART_RELATIONS]
        direct = [r for r in direct if r.relation not in COUNTERPART_RELATIONS] + paired[:1]
        if direct:
            return self._msg("compare_link", facts=" ".join(self.fact(r) for r in direct[:2]))
        shared = self._shared(a, b)
        if shared:
            relation, other = shared
            verb = RELATION_NAMES[relation][1]
            return self._msg("compare_shared", a=self.name(a), b=self.name(b), verb=verb, other=self.name(other))
        named_after = self._named_after_other(a, b)
        if named_after:
            whole, part = named_after
            return self._msg("compare_named_after", whole_lower=self.name(whole), part=self.name(part))
        return self._msg("compare_unlinked", a=self.name(a), b=self.name(b))

    def _named_after_other(self, a: str, b: str) -> tuple[str, str] | None:
        """ "testosterone vs testosterone's conversion to estrogen": one is named after the other, so they are no
        strangers even where no fact joins them. Returns (the one named after, the other)."""
        for whole, part in ((a, b), (b, a)):
            title = [stem(w) for w in words(self._kb.concepts[whole].title)]
            if _holds_run(title, [stem(w) for w in words(short_title(self._kb.concepts[part]))]):
                return whole, part
        return None

    def _shared(self, a: str, b: str) -> tuple[str, str] | None:
        """A relation both hold to the same third concept ("both are part of bone remodeling")."""
        # (the same evidence bearing out both says nothing of how they connect)
        of_a = {(r.relation, r.object) for r in self._kb.relations if r.subject == a and r.relation not in EVIDENCE_RELATIONS}
        for r in self._kb.relations:
            if r.subject == b and (r.relation, r.object) in of_a and r.object not in (a, b):
                return r.relation, r.object
        return None

    def link(self, a: str, b: str, level: str) -> tuple[str, str]:
        """What the document says links two concepts ("what does OPG do to RANKL?"): the facts first, then
        the sentence of the first concept's explanation that names the second, or else a sentence elsewhere in
        the pack that names both (a bare "Estrogen acts on the pathway." explains nothing). Returns the text and the
        concept whose sentence explains the link (the first concept when none does)."""
        facts = self._kb.acting_between(a, b)
        text = " ".join(self.fact(r) for r in sorted(facts, key=lambda r: r.subject != a)[:3])
        names = [w for w in words(self.name(b))]
        sentence = self.leading_with(a, level, names, least=len(names), any_depth=False)
        first, source = (sentence.split(". ")[0].rstrip(".") + ".", a) if sentence else ("", a)
        if not first:
            found = self._passages.naming_both(a, b, level)
            first, source = (found.text, found.concept) if found else ("", a)
        return (f"{text} {first}".strip() if first and first not in text else text), source

    def name_as_said(self, concept_id: str, said: str | None, text: str) -> str:
        """The concept's name in the learner's words when they wrote one of its names ("GH" in `text`), else its
        usual name; written as they wrote it, not as folded ("estrogen" is no "oestrogen")."""
        typed = text.lower()
        written = [a for a in self._kb.concepts[concept_id].aliases if said and fold(a) == said and a.lower() in typed]
        return max(written, key=len) if written else self.name(concept_id)

    def _as_written(self, concept_id: str, said: str | None) -> str | None:
        """The learner's words for a concept as the pack writes them when they are one of its names ("female HRT")."""
        if not said:
            return said
        return next((a for a in self._kb.concepts[concept_id].aliases if fold(a) == fold(said)), said)

    # --- relation answers -----------------------------------------------------------
    def relation(self, themes: tuple[str, ...], facts: tuple[Relation, ...], side: str, level: str) -> str:
        """The direct answer in the first sentence, then at most two more facts, grouped."""
        theme = themes[0]
        if side == "target":
            return self._relation_targets(theme, self._targets(facts, level)[:4])
        subjects, names = self.with_their_forms(self.actors(theme, facts, level))
        relation = facts[0].relation
        objects = _and([self.name(t) for t in themes]) if len(themes) > 1 else self.name(theme)
        text = self._relation_lead(subjects[0], relation, theme, objects, names[subjects[0]])
        # what the document only says may be so is not told beside what it states
        more = [s for s in subjects[1:] if (s, relation, theme) not in self._hedged][:2]
        if more:
            # one more actor takes the verb's singular form ("RANK also promotes"), two or more the plural
            verb = self._forms(relation, theme)[1 if len(more) > 1 or self._kb.concepts[more[0]].plural else 0]
            text += " " + self._msg("relation_more", subjects=_cap(_and([names[s] for s in more])), verb=verb,
                                    object=objects)
        rest = len(subjects) - 1 - len(more)
        if rest > 0:
            text += " " + self._msg("relation_rest", count=rest)
        return text

    def _relation_targets(self, theme: str, facts: list[Relation]) -> str:
        """ "Progesterone stimulates bone formation, and may also stimulate osteoblasts.": what the document only says
        may be so comes after what it states, in the same sentence, so the first sentence answers in full."""
        firm, hedged = [f for f in facts if not f.hedged], [f for f in facts if f.hedged]
        may = _hedge(self._forms(facts[0].relation, None)[1], bool(firm))
        said = firm or hedged
        text = self._msg("relation_target", subject=_cap(self.name(theme)),
                         verb=self._shared_verb(facts[0].relation, theme, said) if firm else may, objects=self._objects(said))
        if firm and hedged:
            text = self._msg("relation_target_may", sentence=text.rstrip("."), verb=may,
                             objects=_and([self.object_name(f) for f in hedged]))
        return text

    def _objects(self, facts: list[Relation]) -> str:
        """The facts' objects, a kind and its form said as one ("estrogen (estradiol in particular)")."""
        kept, names = self.with_their_forms([f.object for f in facts])
        named = {f.object: self.object_name(f) for f in facts}
        # a form said with its kind closes with a comma as a subject ("Estradiol, a form of estrogen, acts ..."),
        # not as an object at the end of a list or sentence
        return _and([names[o].rstrip(",") if names[o] != self.name(o) else named[o] for o in kept])

    def with_their_forms(self, actors: list[str]) -> tuple[list[str], dict[str, str]]:
        """The actors with a form of another actor said beside it, the broader one first: "Estrogen (estradiol in
        particular) raises OPG" rather than estradiol and estrogen as two answers. Returns the actors and their names."""
        names = {a: self.name(a) for a in actors}
        kept = list(actors)
        for r in self._kb.relations:
            if r.relation == "is-a" and r.subject in kept and r.object in kept:
                at = min(kept.index(r.subject), kept.index(r.object))
                kept.remove(r.subject)
                kept.remove(r.object)
                kept.insert(at, r.object)
                names[r.object] = self._msg("relation_with_form", kind=self.name(r.object), form=self.name(r.subject))
        for r in self._kb.relations:
            # a form named alone is said with its kind ("Estradiol, a form of estrogen, ..."): a learner who asked
            # about estrogen reads the answer as about it
            if r.relation == "is-a" and r.subject in kept and r.object not in actors:
                names[r.subject] = self._msg("relation_form_of", form=self.name(r.subject), kind=self.name(r.object))
        return kept, names

    def _relation_lead(self, lead: str, relation: str, theme: str, objects: str, name: str) -> str:
        """The first actor's sentence: "Estrogen lowers RANKL." """
        if relation != "binds" and self.binds(lead, theme):
            # it acts by binding, not by changing how much there is: the relation's own verb ("holds back")
            text = self._msg("relation_lead", subject=_cap(name), verb=self._verb(relation, lead), object=objects)
            return self._msg("relation_direct", sentence=text.rstrip("."), object=self.name(theme))
        return self._msg("relation_lead", subject=_cap(name), verb=self._verb(relation, lead, theme), object=objects)

    def binds(self, one: str, other: str) -> bool:
        """Whether the pack says either of the two binds the other."""
        return frozenset((one, other)) in self._binding

    def consequences(self, cause: str, facts: tuple[Relation, ...], cause_move: str) -> str:
        """One sentence per run of facts from the cause (each run starts at it)."""
        chains: list[list[Relation]] = []
        for fact in facts:
            if fact.subject == cause or not chains:
                chains.append([])
            chains[-1].append(fact)
        return " ".join(self.consequence(cause, tuple(chain), cause_move) for chain in chains)

    def consequence(self, cause: str, chain: tuple[Relation, ...], cause_move: str) -> str:
        """"When estrogen goes down, RANKL goes up: normally, estrogen lowers RANKL." A fall carries through each
        fact by its sign; a cause with no stated change (menopause) acts as written."""
        sign = -1 if cause_move == "down" else 1
        for fact in chain:
            sign *= 1 if fact.relation == "stimulates" else -1
        effect = chain[-1].object
        reason = _and([f"{self.name(r.subject)} {self._verb(r.relation, r.subject, r.object)} {self.object_name(r)}" for r in chain])
        effect_moves = self._moves("up" if sign > 0 else "down", effect)
        if cause_move:
            return self._msg("consequence_change", cause=self.name(cause), cause_moves=self._moves(cause_move, cause),
                             effect=self.name(effect), effect_moves=effect_moves, reason=reason)
        return self._msg("consequence_event", cause=self.name(cause), effect=self.name(effect), effect_moves=effect_moves,
                         reason=reason)

    def _moves(self, direction: str, concept_id: str) -> str:
        if self._kb.kinds.get(concept_id) == "cell":
            return self._msg(f"moves_{direction}_cell")
        one, many = self._msg(f"moves_{direction}").split("|")
        return many if self._kb.concepts[concept_id].plural else one

    def actors(self, theme: str, facts: tuple[Relation, ...], level: str) -> list[str]:
        """The actors of the facts, the most direct first."""
        return _unique(f.subject for f in self._ordered(self._visible(facts, level, "subject"), theme))

    def acting(self, subject: str, relations: tuple[str, ...], level: str, count: int = 2) -> tuple[Relation, ...]:
        """What `subject` does by these relations, the most direct first (at most `count` facts)."""
        facts = tuple(r for r in self._kb.relations if r.subject == subject and r.relation in relations)
        return tuple(self._targets(facts, level)[:count]) if facts else ()

    def acted_on(self, obj: str, relations: tuple[str, ...], level: str, count: int = 2) -> tuple[Relation, ...]:
        """What acts on `obj` by these relations ("hormonal decline leads to age-related bone loss"), at most `count`."""
        facts = tuple(r for r in self._kb.relations if r.object == obj and r.relation in relations)
        visible = self._visible(facts, level, "subject")
        return tuple(visible[:count])

    def targets(self, facts: tuple[Relation, ...], level: str) -> list[str]:
        """What the facts act on, in the pack's order."""
        return [f.object for f in self._targets(facts, level)]

    def _targets(self, facts: tuple[Relation, ...], level: str) -> list[Relation]:
        """The facts' objects, each once, the most direct first: what the subject binds, then by kind."""
        def rank(fact: Relation) -> tuple[bool, int, int]:
            binds = self.binds(fact.subject, fact.object)
            kind = self._kb.kinds.get(fact.object, "")
            return (fact.hedged, 0 if binds else 1, KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER))
        return sorted({f.object: f for f in self._visible(facts, level, "object")}.values(), key=rank)

    def _visible(self, facts: tuple[Relation, ...], level: str, end: str) -> list[Relation]:
        """Below academic depth, leave out concepts named by academic terms (osteoclastogenesis, ERα) when others answer too."""
        if level == LEVELS[-1]:
            return list(facts)
        # what the document only says may be so never stands in for what it states
        plain = [f for f in facts if not self._academic_term(getattr(f, end)) and not f.hedged]
        return plain or list(facts)

    def _academic_term(self, concept_id: str) -> bool:
        concept = self._kb.concepts[concept_id]
        return any(self._kb.vocabulary.get(fold(name)) == LEVELS[-1] for name in (short_title(concept), *concept.aliases))

    def _ordered(self, facts: list[Relation], theme: str) -> list[Relation]:
        def rank(fact: Relation) -> tuple[bool, int, int]:
            binds = self.binds(fact.subject, theme)
            kind = self._kb.kinds.get(fact.subject, "")
            return (fact.hedged, 0 if binds else 1, KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER))
        return sorted(facts, key=rank)

    def _shared_verb(self, relation: str, subject: str, facts: list[Relation]) -> str:
        """The verb for several objects at once: their kinds' plainer verb when they all read the same ("Menopause
        lowers OPG and estrogen"), else the relation's own ("holds back")."""
        forms = {self._forms(relation, f.object) for f in facts}
        if len(forms) != 1:
            return self._verb(relation, subject)
        singular, plural = forms.pop()  # (not "strongly": that is said of one object, not of them all)
        return plural if self._kb.concepts[subject].plural else singular

    def _verb(self, relation: str, subject: str, obj: str | None = None) -> str:
        """How the relation reads after this subject; the pack may give a plainer verb for the object's kind; "may"
        before it when the document only says it may be so."""
        singular, plural = self._forms(relation, obj)
        if (subject, relation, obj) in self._hedged:
            return _hedge(plural)
        verb = plural if self._kb.concepts[subject].plural else singular
        return f"strongly {verb}" if (subject, relation, obj) in self._strong else verb

    def _forms(self, relation: str, obj: str | None) -> tuple[str, str]:
        return self._relation_verbs.get(relation, {}).get(self._kb.kinds.get(obj or "", ""), RELATION_NAMES[relation])

    def fact(self, fact: Relation) -> str:
        return f"{_cap(self.name(fact.subject))} {self._verb(fact.relation, fact.subject, fact.object)} {self.object_name(fact)}."

    def object_name(self, fact: Relation) -> str:
        """The object of a fact; a conversion also names its product ("testosterone into estradiol")."""
        name = self.name(fact.object)
        if fact.relation == "converts":
            products = [r.object for r in self._kb.relations if r.subject == fact.object and r.relation == "becomes"]
            if products:
                name += " into " + _and([self.name(p) for p in products[:2]])
        return name

    def opened_by(self, facts: tuple[Relation, ...], concept_id: str, level: str, text: str | None = None) -> str:
        """A concept's explanation (or `text`) with the given facts said first, in the order the question named them."""
        lead = self.deeds(facts[:2]) if len({r.subject for r in facts[:2]}) == 1 else self._one_object(facts[:2])
        return f"{lead} {text or self._kb.concepts[concept_id].explain[level]}".strip()

    def _one_object(self, facts: tuple[Relation, ...]) -> str:
        """Facts of one relation about one object in one sentence ("A and B lead to X"); else one sentence each."""
        if len({(r.object, r.relation) for r in facts}) != 1:
            return " ".join(self.fact(r) for r in facts)
        verb = RELATION_NAMES[facts[0].relation][1]
        return f"{_cap(_and([self.name(r.subject) for r in facts]))} {verb} {self.object_name(facts[0])}."

    def deeds(self, facts: tuple[Relation, ...]) -> str:
        """Facts of one subject in one sentence: "Estrogen holds back RANKL and stimulates OPG." """
        subject = facts[0].subject
        if len(facts) > 1 and len({r.relation for r in facts}) == 1:  # "ERα is found in osteoblasts and osteoclasts."
            verb = self._verb(facts[0].relation, subject, facts[0].object)
            return f"{_cap(self.name(subject))} {verb} {_and([self.object_name(r) for r in facts])}."
        said = [f"{self._verb(r.relation, subject, r.object)} {self.object_name(r)}" for r in facts]
        return f"{_cap(self.name(subject))} {_and(said)}."

    def leading_with(self, concept_id: str, level: str, question_words: list[str], least: float = 1.0,
                     any_depth: bool = True, kind: str | None = None) -> str | None:
        """The concept's explanation with the sentence that answers the question first (see PassageIndex.best_in),
        then the rest of this depth's text; None when no sentence reaches `least` (in units of a word found in
        about one sentence in e**least)."""
        found = self._passages.best_in(concept_id, level, self._passages.wanted(question_words), any_depth, kind)
        if found is None or found.score < least:
            return None
        said = self._with_what_it_leans_on(concept_id, found.depth, found.text)
        lead = self._named_in_plain_words(found.text, kind, concept_id) if kind else found.text
        lead = " ".join([*said[:-1], self._out_of_context(lead, concept_id)])
        return " ".join([lead, *self._rest(concept_id, level, *said)])

    def _with_what_it_leans_on(self, concept_id: str, depth: str | None, sentence: str) -> list[str]:
        """A sentence that only follows on from the one before it ("The result is faster bone loss ...") is said after
        that one: [before, sentence], else [sentence]."""
        if not _LEANS_ON_BEFORE.match(sentence):
            return [sentence]
        explain = self._kb.concepts[concept_id].explain
        text = next((t for t in (SENTENCE_END.split(explain[d].strip()) for d in ([depth] if depth else LEVELS))
                     if sentence in t), [sentence])
        at = start = text.index(sentence)
        # back to a sentence that stands on its own ("Because ..., this drop ..." leans on the one before it too)
        while start > 0 and (start == at or _REFERS_BACK.search(text[start])):
            start -= 1
        return text[start:at + 1]

    def _out_of_context(self, sentence: str, concept_id: str) -> str:
        """A sentence said first that stood later in its text: "It is ..." and "describes it as" name what "it" was."""
        name = self.name(concept_id)
        if _DOCUMENT_REPORTS.match(sentence):  # "It claims that ...": the document speaks, not the concept
            return f"The document {sentence[3:]}"
        if sentence.startswith("It "):
            return f"{_cap(name)} {sentence[3:]}"
        if _ITS_PART_OF_THE_DOCUMENT.match(sentence):  # "Its therapy table names ...": the document's table
            return f"The document's {sentence[4:]}"
        if _ITS_DEED.match(sentence):  # "Its net effect on remodeling is ...": whose effect it was ("its table" is
            return f"{_cap(_possessive(name))} {sentence[4:]}"  # the document's)
        # "For bone, it acts as a brake ...", "In the table of therapeutic agents it acts on ..."
        opening = re.match(r"([A-Z][^,]{0,24}, )it\b", sentence) or _PLACE_THEN_IT.match(sentence)
        if opening:
            return f"{opening.group(1)}{name}{sentence[opening.end():]}"
        # "Osteoblasts release it, and when it latches on ...": the thing done to is the concept
        opening = _DONE_TO_IT.match(sentence)
        if opening and name.lower() not in sentence.lower():
            return f"{opening.group(1)}{name}{sentence[opening.end():]}"
        return re.sub(r"\b(describes|calls|names|lists|treats|presents|counts) it (as|among)\b", rf"\1 {name} \2", sentence, count=1)

    def led_by(self, lead: str, concept_id: str, level: str) -> str:
        """The concept's explanation at `level` with `lead` said first (after what it leans on), and not said again
        where the text has it."""
        said = self._with_what_it_leans_on(concept_id, None, lead)
        owner = self._passages.owner_of(lead) if said == [lead] else None
        # a sentence of another concept's text said alone: "It presents ..." is the document speaking, and "Its most
        # striking example ..." of osteoporosis is osteoporosis's, whatever the reply goes on to explain
        shown = [self._owners_sentence(lead, owner)] if owner and owner != concept_id else \
            [f"The document {lead[3:]}"] if said == [lead] and _DOCUMENT_REPORTS.match(lead) else said
        return " ".join([*shown, *self._rest(concept_id, level, *said)])

    def _owners_sentence(self, sentence: str, owner: str) -> str:
        """Another concept's sentence said out of its text: what its "it" and "its" were ("Its gene is TNFSF11" of
        RANKL is "RANKL's gene is TNFSF11")."""
        said = self._out_of_context(sentence, owner)
        return f"{_cap(_possessive(self.name(owner)))} {said[4:]}" if said.startswith("Its ") else said

    def _rest(self, concept_id: str, level: str, *said: str) -> list[str]:
        """The sentences of the concept's explanation at `level` other than those already said."""
        return [p for p in SENTENCE_END.split(self._kb.concepts[concept_id].explain[level].strip()) if p not in said]

    def _named_in_plain_words(self, sentence: str, kind: str, concept_id: str) -> str:
        """The answer to "which cells ...?" names them, even where the sentence says it in plain words: "the
        bone-building cells" becomes "the bone-building cells (osteoblasts)"."""
        stems = frozenset(stem(w) for w in words(sentence))
        for cid in self._passages.all_named_of_kind(stems, kind, frozenset({concept_id})):
            title = self.name(cid)
            if title.lower() in sentence.lower():
                continue
            alias = next((a for a in sorted(self._kb.concepts[cid].aliases, key=len, reverse=True)
                          if re.search(rf"\b{re.escape(a)}\b", sentence, re.IGNORECASE)), None)
            if alias and stem(alias.lower()) != stem(title.lower()):  # "osteoclast precursors" names them already
                at = re.search(rf"\b{re.escape(alias)}\b", sentence, re.IGNORECASE).end()
                sentence = f"{sentence[:at]} ({title}){sentence[at:]}"
            elif not alias:
                sentence = self._named_after_its_head(sentence, stems, cid, title)
        return sentence

    def _named_after_its_head(self, sentence: str, stems: frozenset[str], cid: str, title: str) -> str:
        """A name said in other words ("an enzyme turns some testosterone into estrogen" holds the words of the alias
        "enzyme that turns testosterone into estrogen"): the title goes after the alias's first word, its head."""
        for alias in self._kb.concepts[cid].aliases:
            said = [w for w in words(alias) if w not in STOPWORDS]
            if len(said) > 1 and frozenset(stem(w) for w in said) <= stems:
                # its words in its order, at most two other words between each ("an enzyme turns some testosterone")
                gaps = "".join(rf"\W+(?:\w+\W+){{0,2}}?{re.escape(stem(w))}\w*" for w in said[1:])
                found = re.search(rf"\b{re.escape(said[0])}\b(?={gaps})", sentence, re.IGNORECASE)
                if found:
                    return f"{sentence[:found.end()]} ({title}){sentence[found.end():]}"
        return sentence

    # --- expansions and declines ------------------------------------------------------
    def expansion(self, concept_id: str, level: str, said: str | None = None, other_first: bool = False) -> str | None:
        """What the name stands for ("GH stands for growth hormone"), or else its other names ("bone formation is
        also called osteogenesis"); those first when `other_first` (a name asked for, not an abbreviation spelled
        out). `said`: the words the question used for it."""
        concept = self._kb.concepts[concept_id]
        text = sentences(concept.explain[level], 2)
        others = other_names(concept, said)
        if others and other_first or others and not full_name(concept):
            return self._msg("other_names", short=_cap(self._name_said(concept, said)), names=_or(others), text=text)
        expanded, short = full_name(concept), self.name(concept_id)
        gloss = re.search(r"\(([^)]*)\)", concept.title)
        if expanded and fold(expanded) == fold(short) and gloss:  # "Growth hormone (GH)": the bracket is the short form
            expanded, short = short, gloss.group(1).strip()
        return self._msg("expansion", short=short, full=expanded, text=text) if expanded else None

    def _name_said(self, concept: Concept, said: str | None) -> str:
        """The alias the question used for the concept, as the pack writes it ("bone breakdown"), else its name."""
        if not said or fold(said) == fold(short_title(concept)):
            return self.name(concept.id)
        squeezed = said.replace(" ", "")
        return next((a for a in concept.aliases if fold(a).replace(" ", "") == squeezed), self.name(concept.id))

    def uncovered(self, aspect: str, concept_id: str | None, level: str, clinician: bool, unnamed: str = "that") -> str:
        title = self.name(concept_id) if concept_id else unnamed
        if concept_id and self._kb.concepts[concept_id].plural:
            aspect = aspect.replace("{title} is", "{title} are")
        text = self._msg("uncovered", aspect=aspect.format(title=title))
        if concept_id:
            text += " " + self._msg("uncovered_said", title=title, text=sentences(self._kb.concepts[concept_id].explain[level], 1))
        if clinician:
            text += " " + self._msg("uncovered_clinician")
        return text

    def none_other(self, theme: str, aside: tuple[str, ...], relation: str, side: str) -> str:
        """"Besides osteoblasts, the document names nothing else that makes RANKL." (or, asking for targets:
        "... nothing else that RANKL stimulates.")"""
        singular, plural = self._forms(relation, theme)
        if side == "actor":
            what = f"{singular} {self.name(theme)}"
        else:
            what = f"{self.name(theme)} {plural if self._kb.concepts[theme].plural else singular}"
        return self._msg("relation_no_other", aside=_and([self.name(a) for a in aside]), what=what)

    def foreign(self, phrase: str, concept_id: str | None) -> str:
        if concept_id:
            return self._msg("foreign", phrase=phrase, title=self.name(concept_id))
        return self._msg("unknown_topic", topic=phrase, suggestions="")


# what a thing does to another, with its sign: driving it (+) or holding it back (-)
_DOING = {"stimulates": 1, "causes": 1, "inhibits": -1}


_ITS_PART_OF_THE_DOCUMENT = re.compile(r"Its (\w+ )?(table|tables|glossary|list|section|sections|references|sources)\b")
_DONE_TO_IT = re.compile(r"([A-Z][a-z]+(?: [a-z]+)? (?:releases?|makes?|produces?|secretes?|binds?|blocks?|grabs?|"
                         r"lowers?|raises?|stimulates?|inhibits?|converts?|turns?|carr(?:y|ies)|uses?) )it\b")
_PLACE_THEN_IT = re.compile(r"((?:In|Within|Inside|At|From|According to|Beyond|Among) [^,.]{1,48}? )it\b")
_ITS_DEED = re.compile(r"Its (net |main |overall |chief )?(effect|effects|role|action|job|function|impact)\b")


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# a sentence opening "It claims / says / presents ..." reports what the document says: "it" is the document
_DOCUMENT_REPORTS = re.compile(r"It (also )?(claims|says|notes|argues|suggests|states|adds|calls|lists|names|gives|"
                               r"mentions|describes|presents|points|treats|reports|proposes|credits|identifies)\b")


def _holds_run(items: list[str], run: list[str]) -> bool:
    """Whether `run` stands in `items` as consecutive items."""
    return any(items[i:i + len(run)] == run for i in range(len(items) - len(run) + 1))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _or(items: list[str]) -> str:
    return " or ".join(items)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _headed(title: str, said: str | None) -> str:
    """A comparison heading: the title, after the learner's own words for it when the title does not hold them."""
    if not said or fold(said) in fold(title) or said.lower() in title.lower():
        return title
    return f"{_cap(said)}, that is {title}"


def _hedge(plural: str, also: bool = False) -> str:
    """The verb after "may": "stimulate" stays, "are converted into" becomes "be converted into"."""
    return ("may also " if also else "may ") + re.sub(r"^are\b", "be", plural)
