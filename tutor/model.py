"""Immutable records built from a pack: concepts, relations, dialogue rules."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "KIND_ORDER",
    "LEVELS", "SECTIONS", "RELATION_NAMES", "HEDGE_MARK", "STRONG_MARK", "SYMMETRIC_RELATIONS", "OTHER_SIDE_RELATIONS", "EVIDENCE_RELATIONS", "Level", "Relation", "Concept", "Intent", "Cue",
    "OutOfScopeTopic", "Frame", "FRAME_ANSWERS", "WordClass", "BoundaryLine", "Boundary", "DialogueRules", "KnowledgeBase", "QuizItem", "Rubric", "Misconception", "ITEM_TYPES", "QUIZ_ACTIONS", "LESSON_ACTIONS",
    "level_index", "shift_level", "Gloss", "Analogy", "LessonPath",
]

Level = str
LEVELS: tuple[Level, ...] = ("fundamentals", "intermediate", "academic")
SECTIONS: tuple[str, ...] = ("fundamentals", "intermediate", "academic", "references")

# relation name -> how "S <relation> O" reads in a sentence (singular subject, plural subject)
RELATION_NAMES: dict[str, tuple[str, str]] = {
    "produces": ("makes", "make"),
    "binds": ("binds to", "bind to"),
    "inhibits": ("holds back", "hold back"),
    "stimulates": ("stimulates", "stimulate"),
    "converts": ("converts", "convert"),
    "becomes": ("is converted into", "are converted into"),
    "found-in": ("is found in", "are found in"),
    "part-of": ("is part of", "are part of"),
    "causes": ("leads to", "lead to"),
    "is-a": ("is a kind of", "are a kind of"),
    "contains": ("contains", "contain"),
    "targets": ("acts on", "act on"),
    "male-counterpart": ("is matched in men by", "are matched in men by"),
    "female-counterpart": ("is matched in women by", "are matched in women by"),
    "cites": ("is a source on", "are sources on"),
    "missing-in": ("is missing in", "are missing in"),
    "shown-by": ("is borne out by", "are borne out by"),
    "conducted-by": ("is conducted by", "are conducted by"),
    "set-by": ("has its rate set by", "have their rate set by"),
    "counters": ("is what the document puts forward against", "are what the document puts forward against"),
    "opposes": ("is the opposite of", "are the opposite of"),
    "explained-by": ("is explained one scale down by", "are explained one scale down by"),
}

# what a depth cue may ask besides a depth: "finer", the account one scale down of the topic (relation explained-by)
CUE_SCALES = ("finer",)
# relations that read the same either way round ("OPG binds RANKL": RANKL binds OPG)
SYMMETRIC_RELATIONS = frozenset({"binds", "opposes"})
# relations that pair a concept with its match in the other sex ("the male version of HRT?")
COUNTERPART_RELATIONS = frozenset({"male-counterpart", "female-counterpart"})
# relations that say where the document finds evidence for a thing, or what it says oversees it: no link between
# what a thing does and what it is
EVIDENCE_RELATIONS = frozenset({"shown-by", "conducted-by", "set-by"})
# relations that say how the pack is laid out, not what the document claims: kept out of the facts the tutor says
LAYOUT_RELATIONS = frozenset({"explained-by"})
# relations whose question asks for the thing on the other side, so the reply is about it ("the opposite process?")
OTHER_SIDE_RELATIONS = frozenset({"opposes"})
# relations that say the opposite of each other: "what raises X?" is never answered by what lowers X
OPPOSED_RELATIONS = {"stimulates": "inhibits", "inhibits": "stimulates"}
# relations that change one thing into another: a process named after the two is what the question is about ("what
# is estradiol made from?": testosterone's conversion)
CHANGE_RELATIONS = frozenset({"becomes"})
# relations a kind of a thing shares with that thing ("is-a"): estradiol is missing wherever estrogen is
INHERITED_RELATIONS = frozenset({"missing-in"})
# a frame's `via` may read a relation backwards: "contained-in" leads from a hormone to the therapy that gives it
INVERSE_RELATIONS = {"contained-in": "contains"}


ITEM_TYPES: tuple[str, ...] = ("mc", "tf", "cloze", "short")

# Dialogue actions that only make sense while a quiz is running; they are tried first then.
QUIZ_ACTIONS = frozenset({"hint", "reveal", "skip", "stop-quiz"})

# Dialogue actions read only while a lesson is running (tutor/lessons.py); never matched otherwise.
LESSON_ACTIONS = frozenset({"lesson-next", "lesson-back", "lesson-skip", "lesson-repeat", "lesson-where", "lesson-stop",
                            "lesson-deeper", "lesson-stay"})


def level_index(level: Level) -> int:
    return LEVELS.index(level)


def shift_level(level: Level, steps: int) -> Level:
    """The depth `steps` away from `level`, clamped to the three depths."""
    return LEVELS[max(0, min(len(LEVELS) - 1, level_index(level) + steps))]


# the kinds of thing in the order a reply names them: the most direct actor first (a molecule before the cell)
KIND_ORDER = ("molecule", "hormone", "cell", "process", "measure", "condition", "therapy")
# kinds of concept that are something happening (menopause, the conversion), not a thing it happens to
HAPPENING_KINDS = frozenset({"process", "condition"})

@dataclass(frozen=True)
class Relation:
    subject: str
    relation: str
    object: str
    source: str = ""
    line: int = 0
    hedged: bool = False  # the document only says it may be so ("may compete ... potentially stimulating")
    strong: bool = False  # the document says it does so strongly (the agents table: estradiol "strongly reduces")


# the fourth item of a fact that the document states only as a possibility: [progesterone, stimulates, osteoblasts, may]
HEDGE_MARK = "may"
# ... and of a fact the document says holds strongly: [estradiol, inhibits, bone-resorption, strongly]
STRONG_MARK = "strongly"


@dataclass(frozen=True)
class Concept:
    id: str
    title: str
    section: str
    explain: dict[Level, str]
    full_name: str = ""  # what an abbreviated title stands for ("osteoprotegerin" for OPG)
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    heading: str = ""
    plural: bool = False
    parent: str = ""
    source: str = ""
    line: int = 0

    @property
    def answers_for(self) -> str:
        """The concept id a reply reports: the parent for an entry that is one part of a broader concept."""
        return self.parent or self.id

    @property
    def where(self) -> str:
        """The part of the source document this concept comes from."""
        section = self.section.capitalize()
        return f"{section} section, \u201c{self.heading}\u201d" if self.heading else f"{section} section"


@dataclass(frozen=True)
class Intent:
    """A dialogue rule: patterns on the normalised utterance and what to do."""

    id: str
    action: str
    patterns: tuple[str, ...]
    examples: tuple[str, ...]
    reply: str = ""
    level: Level = ""
    kind: str = "chat"
    source: str = ""
    line: int = 0


# a cue may ask for a depth relative to the last answer's ("more detail please, the gene part"): steps
RELATIVE_LEVELS = {"deeper": 1, "simpler": -1}


@dataclass(frozen=True)
class Cue:
    """A phrase inside a question that sets depth ("in simple terms") or says who the learner is."""

    pattern: str
    level: Level
    persistent: bool
    source: str = ""
    line: int = 0
    scale: str = ""  # "finer": it asks for the account one scale down too ("at the molecular level?")


@dataclass(frozen=True)
class OutOfScopeTopic:
    name: str
    patterns: tuple[str, ...]
    source: str = ""
    line: int = 0


FRAME_ANSWERS = ("compare", "expand", "relation", "aspect", "consequence", "link", "concept")


@dataclass(frozen=True)
class Frame:
    """What a question asks (dialogues/frames.yaml): its patterns and how it is answered."""

    id: str
    answer: str  # one of FRAME_ANSWERS
    patterns: tuple[str, ...] = ()
    relation: str = ""            # relation frames: the relation asked about; aspect frames: the relation whose
                                  # facts, when the document has them for the theme, answer in place of "not discussed"
    fallback: tuple[str, ...] = ()  # relation frames: the relations to answer from, in turn, when the first has no facts
    verbs: tuple[str, ...] = ()   # relation frames: verb stems that ask it
    actor: tuple[str, ...] = ()   # relation frames: patterns asking for the one who acts
    target: tuple[str, ...] = ()  # relation frames: patterns asking for what is acted on
    aspect: str = ""              # aspect frames: how to name the aspect ("the risks of {title}")
    kinds: tuple[str, ...] = ()   # aspect and relation frames: the concept kinds it applies to (empty: all)
    clinician: bool = False       # aspect frames: point to a clinician
    by_examples: bool = False     # concept frames: the example questions choose, even when concepts are named
    examples: tuple[str, ...] = ()  # questions that must read as this frame
    plain: bool = False           # concept frames: asks what a thing is; answered by the explanation as written
    default: bool = False         # the frame a question no other frame matches reads as (exactly one)
    link: bool = False            # concept frames: with two concepts joined by a fact, asks what links them
    source: str = ""
    line: int = 0
    leads_with: tuple[str, ...] = ()  # concept frames: about one concept, lead with what it does by these relations
    leads_from: tuple[str, ...] = ()  # concept frames: about one concept, lead with what acts on it by these relations
    answer_words: tuple[str, ...] = ()  # concept frames: words a sentence that answers tends to hold ("men", "women")
    via: str = ""                 # concept frames: answer the concept this relation links to the one named
    facts_first: bool = False     # concept frames: the `leads_with` facts answer first, before any sentence
    other_names: bool = False     # expand frames: the concept's other names answer before what an abbreviation
                                  # stands for ("what else is it called?")
    subject: bool = False         # concept frames: the first concept named is the answer; the others name what
                                  # is asked of it ("is GH anabolic or anti-resorptive?")
    answer_kind: str = ""         # concept frames: the answer is the best-matching concept of this kind
    unless_named: tuple[str, ...] = ()  # aspect frames: not read when the question names a concept of these kinds
    own_text: tuple[str, ...] = ()  # relation frames: patterns of a sentence in the concept's own text that answers
                                    # before the fallback relation does ("made by the pituitary")
    answer_says: tuple[str, ...] = ()  # relation frames: the one answer's sentence holding these words is the reply
                                       # ("which form of testosterone ...?": TRT's sentence naming the form)
    answer_titled: tuple[str, ...] = ()  # relation frames: the one answer whose title holds one of these words is the
                                         # reply's topic ("what does estrogen bind to?": estrogen receptor alpha)
    catches: tuple[str, ...] = ()  # relation frames: words of capture ("grabs", "mops up"): of those that bind the
                                   # theme, the ones that also hold it back answer ("what grabs RANKL?": OPG)
    # relation frames: the relation to answer what the theme acts on from when it has no facts of the frame's own
    # ("what does GH make?": the document says what it stimulates, IGF-1)
    target_fallback: str = ""
    outcome_after: tuple[str, ...] = ()  # relation frames: a name after one of these words is the outcome, not
                                         # a theme ("what converts testosterone INTO estrogen?")


@dataclass(frozen=True)
class WordClass:
    """One part of a personal-advice request (dialogues/boundaries.yaml)."""

    name: str
    words: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    counts_as: str = ""  # its words also show this class ("she" shows `who`) ...
    unless: tuple[str, ...] = ()  # ... but not when one of these classes is present ("a woman ... her")


@dataclass(frozen=True)
class BoundaryLine:
    """One line of the boundary rule: every class in `all` present and none in `unless`."""

    all: tuple[str, ...]
    unless: tuple[str, ...] = ()
    source: str = ""
    line: int = 0

    def __str__(self) -> str:
        text = " + ".join(self.all)
        return f"{text} (unless {', '.join(self.unless)})" if self.unless else text


@dataclass(frozen=True)
class Boundary:
    classes: tuple[WordClass, ...] = ()
    rule: tuple[BoundaryLine, ...] = ()
    shorthand: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()  # phrases that never make a request personal ("tell me", "I read that")
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # class -> concept kinds that also show it
    # patterns over the question's words whose LAST word is no ask: a verb whose subject is a thing ("what does it STOP?")
    not_asked: tuple[str, ...] = ()
    # words read as written, never stemmed: the stemmer would fold them into a class word they are not ("quite")
    as_written: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradingWords:
    """The words the grader reads answers with (dialogues/grading.yaml); every set folded."""

    negations: frozenset[str] = frozenset()
    not_negating: frozenset[str] = frozenset()
    degree_words: frozenset[str] = frozenset()
    up: frozenset[str] = frozenset()
    down: frozenset[str] = frozenset()
    up_comparatives: frozenset[str] = frozenset()
    down_comparatives: frozenset[str] = frozenset()
    change: frozenset[str] = frozenset()
    motion: frozenset[str] = frozenset()
    intransitive: frozenset[str] = frozenset()
    passive: frozenset[str] = frozenset()
    noun_markers: frozenset[str] = frozenset()
    relation_verbs: frozenset[str] = frozenset()
    ambitransitive: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    true_words: frozenset[str] = frozenset()
    false_words: frozenset[str] = frozenset()
    claim_questions: frozenset[str] = frozenset()   # "how", "why", "what happens": the question wants a claim, not names
    joining_symbols: frozenset[str] = frozenset()
    conversion_verbs: frozenset[str] = frozenset()  # "converts", "turns": X turned into Y, whose order counts
    conversion_markers: frozenset[str] = frozenset()
    exclusive_words: frozenset[str] = frozenset()  # "only": a thing said to be the only one
    making_verbs: frozenset[str] = frozenset()  # "makes", "releases": who makes a thing counts
    down_nouns: frozenset[str] = frozenset()  # "the brake on osteoclasts": what follows "on" is held back
    gradual_words: frozenset[str] = frozenset()  # "slowly", "gradually": a pace against "sharply", "suddenly"
    abrupt_words: frozenset[str] = frozenset()
    variant_words: frozenset[str] = frozenset()  # "alpha", "beta": "ER beta" is another thing than "ER alpha"  # "into", "to": what follows is the product   # "+", "&", "=": they join terms into a claim as words do
    lead_ins: tuple[str, ...] = ()
    ordinals: tuple[tuple[str, ...], ...] = ()
    phrasal: tuple[tuple[tuple[str, ...], str], ...] = ()          # (stems of the phrase, "up" | "down")
    paraphrases: tuple[tuple[tuple[str, ...], str], ...] = ()      # (stems with "*" for one word, the pack's verb)
    confusable_parts: tuple[tuple[str, str], ...] = ()
    opposites: tuple[tuple[str, str], ...] = ()  # "build" and "break": an answer with one picks no option with the other
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class DialogueRules:
    intents: tuple[Intent, ...]
    cues: tuple[Cue, ...]
    messages: dict[str, str]
    frames: tuple[Frame, ...] = ()
    boundary: Boundary = field(default_factory=Boundary)
    answer_types: dict[str, str] = field(default_factory=dict)  # "cells" -> "cell": what "which cells ..." asks for
    foreign_heads: tuple[str, ...] = ()  # "patch": after a concept's name ("estrogen patch") it names another thing
    fillers: tuple[str, ...] = ()  # "hmm", "ok", "please": around a chat request ("hmm, simpler") they change nothing
    follow_on: tuple[str, ...] = ()  # "next", "then": with only weak words, a question goes on with the same topic
    grading: GradingWords = field(default_factory=GradingWords)
    # relation -> object kind -> (singular, plural) verb: "estrogen lowers RANKL" rather than "holds back"
    relation_verbs: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    # "down" / "up" -> words that say a level falls or rises ("what happens to RANKL when estrogen falls?")
    changes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # class -> words: a message made only of these changes the depth ("ok, go one level deeper"; tutor/depthtalk.py)
    depth_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # words that may stand between "which" and the kind asked for: "which BONE cells", "what KIND OF hormone"
    answer_type_modifiers: tuple[str, ...] = ()
    # words that ask about the document's sources ("paper", "study"): only then may a paper answer for a concept named
    source_words: tuple[str, ...] = ()
    # kind asked for -> kinds that answer when nothing of that kind does ("which hormones lower it?" -> a therapy)
    answer_type_broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # words that compare how two things act ("do they protect bone the same WAY?"): hormones are then compared by
    # the processes named after each
    action_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analogy:
    """An everyday example or analogy for a concept at one depth (knowledge/analogies.yaml)."""

    concept: str
    level: Level
    text: str
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class Gloss:
    """A one-line definition (knowledge/glossary.yaml): of a concept (`concept` set) or of a term."""

    term: str        # the name shown: a concept's short title, or the term as written
    text: str
    concept: str = ""
    source: str = ""
    line: int = 0
    home: str = ""   # a term's concept: where the document uses it ("paracrine": the bone microenvironment)


@dataclass(frozen=True)
class LessonPath:
    """A declared lesson (`lessons:` in a knowledge file): concepts in teaching order."""

    id: str
    title: str
    concepts: tuple[str, ...]
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class KnowledgeBase:
    concepts: dict[str, Concept]
    relations: tuple[Relation, ...]
    vocabulary: dict[str, Level] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)
    out_of_scope: tuple[OutOfScopeTopic, ...] = ()
    quiz: tuple["QuizItem", ...] = ()
    confusables: frozenset[frozenset[str]] = frozenset()
    kinds: dict[str, str] = field(default_factory=dict)  # concept id -> kind (condition, therapy, hormone, ...)
    discusses: dict[str, frozenset[str]] = field(default_factory=dict)  # concept id -> aspect frames the document covers for it
    analogies: dict[str, dict[Level, Analogy]] = field(default_factory=dict)  # concept id -> depth -> example or analogy
    glossary: dict[str, Gloss] = field(default_factory=dict)  # concept id or folded term -> one-line definition
    lessons: tuple[LessonPath, ...] = ()  # declared lesson paths (none: derived from sections and relations)
    vocabulary_at: dict[str, tuple[str, int]] = field(default_factory=dict)  # term -> (file, line) where it is listed
    folds: tuple[tuple[str, str], ...] = ()  # the pack's spelling folds: (pattern, replacement), in order
    starters: tuple[str, ...] = ()  # concepts to suggest when a question matches nothing
    audiences: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "men"/"women" -> words that say a sentence is about them
    outline: tuple[str, ...] = ()  # the source's sub-headings in the document's order (optional)
    # words that say a sentence holds for one audience more than the other ("clearest in women", "particularly")
    singled_out: tuple[str, ...] = ()
    # concept id -> the concept that explains it one scale down (relation explained-by: "at the molecular level?");
    # kept apart from `relations`, which are facts the tutor says, where this is how the pack is laid out
    finer: dict[str, str] = field(default_factory=dict)

    def acting_between(self, a: str, b: str) -> tuple[Relation, ...]:
        """The facts joining two concepts; "what does OPG do to RANKL?" asks what it does, so that they are
        opposites is said only when nothing else links them."""
        facts = tuple(r for r in self.relations if {r.subject, r.object} == {a, b})
        # a counterpart in the other sex says what matches it, not what it does: also said only failing the rest
        return tuple(r for r in facts if r.relation not in OTHER_SIDE_RELATIONS | COUNTERPART_RELATIONS) or facts

    def counterpart(self, concept_id: str, who: str) -> str | None:
        """The concept's declared counterpart in men or in women ("male-counterpart" / "female-counterpart")."""
        relation = "male-counterpart" if who == "men" else "female-counterpart"
        return next((r.object for r in self.relations if r.subject == concept_id and r.relation == relation), None)

    def in_document_order(self) -> list[Concept]:
        """The concepts as a reader of the document meets them: by section; within one, a concept with no
        heading (the section's opening) first, then by the outline's order of headings; then as the pack lists them."""
        position = {cid: i for i, cid in enumerate(self.concepts)}

        def key(concept: Concept) -> tuple[int, int, int]:
            section = SECTIONS.index(concept.section) if concept.section in SECTIONS else len(SECTIONS)
            heading = self.outline.index(concept.heading) + 1 if concept.heading in self.outline else 0
            return section, heading, position[concept.id]
        return sorted(self.concepts.values(), key=key)


@dataclass(frozen=True)
class Misconception:
    groups: tuple[tuple[str, ...], ...]
    feedback: str


@dataclass(frozen=True)
class Rubric:
    """How a free-text answer is judged: every required group present, none negated, direction kept."""

    required: tuple[tuple[str, ...], ...]
    optional: tuple[tuple[str, ...], ...] = ()
    direction: str = ""  # "", "up" or "down"
    misconceptions: tuple[Misconception, ...] = ()


@dataclass(frozen=True)
class QuizItem:
    id: str
    concept: str
    level: Level
    type: str  # mc | tf | cloze | short
    question: str
    explanation: str
    answer: str | bool = ""
    options: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    rubric: Rubric | None = None
    why: Rubric | None = None
    generated: bool = False
    source: str = ""
    line: int = 0
