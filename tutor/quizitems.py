"""Quiz items: reading authored ones from a pack, and generating more from the pack's relations."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .checks import Checker
from .errors import Problem
from .model import ITEM_TYPES, LEVELS, RELATION_NAMES, Concept, Misconception, QuizItem, Relation, Rubric
from .normalise import fold
from .yamlsource import line_of

__all__ = ["parse_items", "check_items", "generate_items", "Defensible"]

_ITEM_FIELDS = {"id", "concept", "level", "type", "question", "explanation", "answer", "options", "accept", "hints",
                "rubric", "why"}
_RUBRIC_FIELDS = {"required", "optional", "direction", "misconceptions"}


def parse_items(check: Checker, value: Any, line: int) -> list[QuizItem]:
    items = []
    for entry in check.entries(value, line, "quiz"):
        item = _item(check, entry)
        if item is not None:
            items.append(item)
    return items


def _item(check: Checker, entry: dict) -> QuizItem | None:
    iid = check.text(entry, "id", "a quiz item")
    what = f"quiz item '{iid}'" if iid else "a quiz item"
    check.unknown_keys(entry, _ITEM_FIELDS, what)
    kind = check.text(entry, "type", what)
    if kind and kind not in ITEM_TYPES:
        check.report(check.key_line(entry, "type"), f"{what}: type '{kind}' is not one of {', '.join(ITEM_TYPES)}")
    level = check.text(entry, "level", what)
    if level and level not in LEVELS:
        check.report(check.key_line(entry, "level"), f"{what}: level '{level}' is not one of {', '.join(LEVELS)}")
    item = QuizItem(
        id=iid, concept=check.text(entry, "concept", what), level=level, type=kind,
        question=check.text(entry, "question", what), explanation=check.text(entry, "explanation", what),
        answer=_answer(check, entry, what, kind), options=tuple(check.text_list(entry, "options", what)),
        accept=tuple(check.text_list(entry, "accept", what)), hints=tuple(check.text_list(entry, "hints", what)),
        rubric=_rubric(check, entry, "rubric", what), why=_rubric(check, entry, "why", what),
        source=check.source, line=line_of(entry, 1),
    )
    _check_shape(check, entry, item, what)
    return item if iid else None


def _answer(check: Checker, entry: dict, what: str, kind: str) -> str | bool:
    value = entry.get("answer")
    if kind == "tf":
        if not isinstance(value, bool):
            check.report(check.key_line(entry, "answer"), f"{what}: a true/false item needs 'answer: true' or 'answer: false'")
            return False
        return value
    if kind in ("mc", "cloze"):
        return check.text(entry, "answer", what)
    return str(value) if isinstance(value, str) else ""


def _rubric(check: Checker, entry: dict, key: str, what: str) -> Rubric | None:
    if key not in entry:
        return None
    line = check.key_line(entry, key)
    raw = check.mapping(entry[key], f"{what}: '{key}'", line)
    check.unknown_keys(raw, _RUBRIC_FIELDS, f"{what}: {key}")
    direction = check.text(raw, "direction", f"{what}: {key}", required=False)
    if direction not in ("", "up", "down"):
        check.report(check.key_line(raw, "direction"), f"{what}: direction must be 'up' or 'down'")
    misconceptions = []
    for m in check.entries(raw.get("misconceptions", []), check.key_line(raw, "misconceptions"), "misconceptions"):
        misconceptions.append(Misconception(_groups(check, m, "groups", what), check.text(m, "feedback", f"{what}: misconception")))
    rubric = Rubric(_groups(check, raw, "required", what), _groups(check, raw, "optional", what), direction, tuple(misconceptions))
    if not rubric.required:
        check.report(line, f"{what}: '{key}' needs at least one required group")
    return rubric


def _groups(check: Checker, raw: dict, key: str, what: str) -> tuple[tuple[str, ...], ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(g, list) and g and all(isinstance(t, str) and t.strip() for t in g)
                                              for g in value):
        check.report(check.key_line(raw, key), f"{what}: '{key}' must be a list of groups, each a list of words or phrases")
        return ()
    return tuple(tuple(t.strip() for t in g) for g in value)


def _check_shape(check: Checker, entry: dict, item: QuizItem, what: str) -> None:
    line = item.line
    if item.type == "mc":
        if not 2 <= len(item.options) <= 4:
            check.report(check.key_line(entry, "options"), f"{what}: a multiple-choice item needs 2 to 4 options")
        if item.answer and item.answer not in item.options:
            check.report(check.key_line(entry, "answer"), f"{what}: the answer {item.answer!r} is not among its options")
        if len({fold(o) for o in item.options}) != len(item.options):
            check.report(check.key_line(entry, "options"), f"{what}: two options are the same")
    elif item.type == "cloze" and "____" not in item.question:
        check.report(check.key_line(entry, "question"), f"{what}: a cloze question needs a ____ gap")
    elif item.type == "short" and item.rubric is None:
        check.report(line, f"{what}: a short-answer item needs a 'rubric'")


def check_items(items: list[QuizItem], concepts: dict[str, Concept], problems: list[Problem],
                dangling: Callable[[Problem], None] | None = None) -> None:
    """Duplicate ids and items of unknown concepts; the latter go to `dangling` when given (see knowledge._Builder)."""
    seen: dict[str, QuizItem] = {}
    for item in items:
        if item.concept and item.concept not in concepts:
            (dangling or problems.append)(Problem(item.source, item.line,
                                                  f"quiz item '{item.id}': concept '{item.concept}' is not a concept"))
        if item.id in seen:
            first = seen[item.id]
            problems.append(Problem(item.source, item.line, f"duplicate quiz item id '{item.id}' (first at {first.source}:{first.line})"))
        seen.setdefault(item.id, item)


# --- generated items -----------------------------------------------------------------------

_QUESTIONS = {
    # relation -> (question about the subject, given the object; question about the object, given the subject)
    "produces": ("Which of these makes {o}?", "What does {s} make?"),
    "binds": ("Which of these binds to {o}?", "What does {s} bind to?"),
    "inhibits": ("Which of these holds back {o}?", "What does {s} hold back?"),
    "stimulates": ("Which of these stimulates {o}?", "What does {s} stimulate?"),
    "converts": ("Which of these converts {o}?", "What does {s} convert?"),
    "becomes": ("Which of these is converted into {o}?", "What is {s} converted into?"),
    "found-in": ("Which of these is found in {o}?", "Where is {s} found?"),
}


@dataclass(frozen=True)
class _Facts:
    """What the relations say about each concept, for choosing false answers."""

    linked: dict[str, set[str]]                 # every concept tied to it by any fact
    kin: dict[str, set[str]]                    # one is a kind or a part of the other: never a false answer for it
    does: dict[str, set[tuple[str, str]]]       # what it does: one that does what the answer does may be right too

    @classmethod
    def of(cls, relations: tuple[Relation, ...]) -> "_Facts":
        facts = cls({}, {}, {})
        for r in relations:
            facts.linked.setdefault(r.object, set()).add(r.subject)
            facts.linked.setdefault(r.subject, set()).add(r.object)
            facts.does.setdefault(r.subject, set()).add((r.relation, r.object))
            if r.relation in ("is-a", "part-of"):
                facts.kin.setdefault(r.subject, set()).add(r.object)
                facts.kin.setdefault(r.object, set()).add(r.subject)
        return facts


# How one fact carries an effect on, read from the thing that acts: the sign it gives (+1 the same way, -1 the
# other way, 0 either way: "acts on" says no way) and whether the edge runs from the subject (">") or from the
# object ("<"). A whole does what its parts do ("HRT contains estrogen", "HRT is part of hormonal optimization"),
# and a part what its whole does only when it is the same kind of thing (HRT, a therapy, in the therapy plan;
# GH, a hormone, is part of the synergy that holds back resorption, and does not); a kind does what its sort
# does and the reverse.
# What a thing makes is its effect only as a chain's first fact (osteoblasts make OPG, which holds back RANKL),
# not after another one: what spurs osteoblasts spurs their RANKL and their OPG alike. A fact that says no way
# ("acts on") makes an answer for either way only on its own.
_FIRST_ONLY = frozenset({"produces"})
_ALONE_ONLY = frozenset({"targets", "converts"})
_EFFECT_EDGES: dict[str, tuple[tuple[str, int], ...]] = {
    "stimulates": ((">", 1),), "inhibits": ((">", -1),), "causes": ((">", 1),), "produces": ((">", 1),),
    "becomes": ((">", 1),), "targets": ((">", 0),), "converts": ((">", 0),), "missing-in": (("<", -1),),
    "contains": ((">", 1),), "part-of": (("<", 1),), "is-a": ((">", 1), ("<", 1)),
}
_SIGNS = {"stimulates": 1, "inhibits": -1}
_KIN = ("is-a", "part-of", "contains")  # ties between a thing and its sort, kind, parts and wholes
_CHAIN = 3  # facts in a chain: "menopause leads to bone loss, which lowers BMD" is two


class Defensible:
    """Whether the pack's facts make "X <relation> Y" a defensible claim: stated, or reached through a chain
    of facts (is-a, part-of, contains, causes, makes, becomes, stimulates, inhibits, acts on) whose signs
    compose to the asked one, or through a kind, part or whole of either end that has the relation. A
    generated item offers no such X as a wrong answer. Read-only."""

    def __init__(self, relations: tuple[Relation, ...], kinds: dict[str, str] | None = None) -> None:
        self._facts = {(r.subject, r.relation, r.object) for r in relations}
        self._makers = _makers(relations)  # read for "found where its maker is"
        self._edges: dict[str, list[tuple[str, int, str]]] = {}
        self._within: dict[str, set[str]] = {}  # a concept's sorts and kinds, and its parts
        kinds = kinds or {}
        for r in relations:
            for way, sign in _EFFECT_EDGES.get(r.relation, ()):
                start, end = (r.subject, r.object) if way == ">" else (r.object, r.subject)
                self._edges.setdefault(start, []).append((end, sign, r.relation))
            if r.relation == "part-of" and kinds.get(r.subject) and kinds.get(r.subject) == kinds.get(r.object):
                # a part of its whole's kind does what the whole does: HRT, a therapy in the therapy plan
                self._edges.setdefault(r.subject, []).append((r.object, 1, r.relation))
            if r.relation in _KIN:
                whole, part = (r.subject, r.object) if r.relation == "contains" else (r.object, r.subject)
                self._within.setdefault(whole, set()).add(part)
                if r.relation == "is-a":
                    self._within.setdefault(r.subject, set()).add(r.object)

    def holds(self, subject: str, relation: str, target: str) -> bool:
        if relation in _SIGNS:
            return _SIGNS[relation] in self._signs(subject, target) or 0 in self._signs(subject, target)
        return any(self._stated(s, relation, o) for s in self._family(subject) for o in self._family(target))

    def _signs(self, subject: str, target: str) -> set[int]:
        """The signs of every chain of at most _CHAIN facts from subject to target."""
        found: set[int] = set()
        frontier = [(subject, 1, {subject})]
        for length in range(_CHAIN):
            step = []
            for node, sign, seen in frontier:
                for nxt, edge, relation in self._edges.get(node, ()):
                    if (relation in _FIRST_ONLY and length) or (relation in _ALONE_ONLY and (length or nxt != target)):
                        continue
                    if nxt == target:
                        found.add(sign * edge)
                    elif nxt not in seen:
                        step.append((nxt, sign * edge, seen | {nxt}))
            frontier = step
        return found

    def _family(self, concept: str) -> set[str]:
        """The concept, its kinds and sorts, and its parts, two steps down: what a part of a thing binds
        or where it is found, the thing does or is too; not what its whole or a sibling part does."""
        near = {concept} | self._within.get(concept, set())
        return near | {k for c in near for k in self._within.get(c, set())}

    def _stated(self, subject: str, relation: str, target: str) -> bool:
        """A fact, or one that says as much: what turns into a thing makes it; a part, what a cell makes,
        or what something found there makes, is found there."""
        if (subject, relation, target) in self._facts:
            return True
        if relation == "produces":
            return (subject, "becomes", target) in self._facts
        if relation == "found-in":
            made_there = (target, "produces", subject) in self._facts  # osteoblasts make RANKL
            return made_there or (subject, "part-of", target) in self._facts or any(
                (maker, "found-in", target) in self._facts for maker in self._makers.get(subject, ()))
        return False


def _makers(relations: tuple[Relation, ...]) -> dict[str, set[str]]:
    """What makes each thing, by the facts."""
    makers: dict[str, set[str]] = {}
    for r in relations:
        if r.relation == "produces":
            makers.setdefault(r.object, set()).add(r.subject)
    return makers


def generate_items(concepts: dict[str, Concept], relations: tuple[Relation, ...],
                   kinds: dict[str, str] | None = None) -> list[QuizItem]:
    """Multiple-choice items from the relations ("Which of these makes OPG?").

    Distractors are concepts for which the knowledge base holds no such fact, of the same kind as
    the answer (a molecule for a molecule, a cell for a cell) when the pack declares kinds: near
    siblings (related concepts) at academic depth, unrelated concepts below. No item asks about,
    answers with or offers a concept deeper than its own level.
    """
    build = _Build.of(concepts, relations, kinds or {})
    items = []
    for r in relations:
        if not _askable(concepts, r):
            continue
        for level in LEVELS:
            if not all(_within(concepts[c], level) for c in (r.subject, r.object)):
                continue
            distractors = _distractors(concepts, build.facts.linked.get(r.object, set()), _Pool(build, r, level), r, level)
            if len(distractors) >= 2:
                items.append(_generated(concepts, r, level, distractors))
    return items


def _askable(concepts: dict[str, Concept], r: Relation) -> bool:
    """A fact a question can be made of: a known question for its relation, about concepts of their own, and stated
    by the document (one it only says may be so makes no fair question)."""
    return r.relation in _QUESTIONS and not r.hedged and not concepts[r.subject].parent and not concepts[r.object].parent


@dataclass
class _Build:
    """What one build of the generated items reads for every fact, worked out once."""

    concepts: dict[str, Concept]
    kinds: dict[str, str]
    facts: _Facts
    defensible: Defensible
    of_kind: dict[str | None, list[str]]          # the concepts of their own under each kind (None: none declared)
    titles: dict[str, str]                        # folded titles, padded for whole-word tests
    verdicts: dict[tuple[str, str, str], bool]    # the same claim is weighed at each level: once is enough

    @classmethod
    def of(cls, concepts: dict[str, Concept], relations: tuple[Relation, ...], kinds: dict[str, str]) -> "_Build":
        of_kind: dict[str | None, list[str]] = {}
        for c, concept in concepts.items():
            if not concept.parent:
                of_kind.setdefault(kinds.get(c), []).append(c)
        titles = {c: f" {fold(concept.title)} " for c, concept in concepts.items()}
        return cls(concepts, kinds, _Facts.of(relations), Defensible(relations, kinds), of_kind, titles, {})

    def defensible_claim(self, claim: tuple[str, str, str]) -> bool:
        if claim not in self.verdicts:
            self.verdicts[claim] = self.defensible.holds(*claim)
        return self.verdicts[claim]


class _Pool:
    """The false answers a fact's item may offer at a level: concepts of the answer's kind, taught by this level,
    that are not a kind or part of it, do not do what it does, do not carry the object's or the answer's name in
    theirs, and for which the facts do not make the asked claim defensible. Weighed lazily, in pack order: an
    item needs three, and a large pack has thousands."""

    def __init__(self, build: _Build, r: Relation, level: str) -> None:
        from .matcher import short_title

        self._build, self._r, self._level = build, r, level
        self._named = tuple(f" {fold(short_title(build.concepts[c]))} " for c in (r.object, r.subject))
        self._kin = build.facts.kin.get(r.subject, set())
        self._does = build.facts.does.get(r.subject, set())
        self._kind = build.kinds.get(r.subject)

    def __iter__(self) -> Iterator[str]:
        return (c for c in self._build.of_kind.get(self._kind, ()) if self._fits(c))

    def __contains__(self, c: object) -> bool:
        build = self._build
        return (isinstance(c, str) and c in build.concepts and not build.concepts[c].parent
                and build.kinds.get(c) == self._kind and self._fits(c))

    def _fits(self, c: str) -> bool:
        build = self._build
        return (_within(build.concepts[c], self._level) and c not in self._kin
                and not build.facts.does.get(c, set()) & self._does
                and not any(n in build.titles[c] for n in self._named)
                and not build.defensible_claim((c, self._r.relation, self._r.object)))


def _generated(concepts: dict[str, Concept], r: Relation, level: str, distractors: list[str]) -> QuizItem:
    from .matcher import short_title

    right = short_title(concepts[r.subject])
    options = tuple(sorted([right, *(short_title(concepts[d]) for d in distractors)], key=fold))
    verb = RELATION_NAMES[r.relation][1 if concepts[r.subject].plural else 0]
    about = short_title(concepts[r.object])
    return QuizItem(
        id=f"gen-{r.subject}-{r.relation}-{r.object}-{level[0]}", concept=r.object, level=level, type="mc",
        question=_QUESTIONS[r.relation][0].format(o=about),
        explanation=f"According to the knowledge base, {right} {verb} {about}.",
        answer=right, options=options, generated=True, source=r.source, line=r.line,
        hints=(f"Think about what the document says about {about}.", f"The answer begins with \u201c{right[:3]}\u201d."),
    )


def _within(concept: Concept, level: str) -> bool:
    """A concept taught at or below a level (the references section counts as academic)."""
    section = concept.section if concept.section in LEVELS else LEVELS[-1]
    return LEVELS.index(section) <= LEVELS.index(level)


def _distractors(concepts: dict[str, Concept], linked: set[str], pool: _Pool, fact: Relation, level: str) -> list[str]:
    """Up to three concepts that are false answers: no fact of any kind links them to the object.

    Any link is excluded, not just the asked relation, because the knowledge base is not a closed
    world: a concept tied to the object in another way may well be a defensible answer.
    """
    near = dict.fromkeys(c for c in concepts[fact.subject].related if c in pool)
    # near siblings at academic depth (then others of the kind); at fundamentals, concepts that are not even related
    others = (c for c in pool if c not in near and c != fact.object)
    candidates = itertools.chain(near, others) if level == "academic" else others
    chosen: list[str] = []
    for cid in candidates:
        if cid in (fact.subject, fact.object) or concepts[cid].parent or cid in linked:
            continue
        chosen.append(cid)
        if len(chosen) == 3:
            break
    return chosen
