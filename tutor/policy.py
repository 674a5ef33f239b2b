"""Deciding what to do with a Reading: refuse, decline, compare, answer a relation, or explain a concept.

Named concepts anchor the choice: one concept named, in a plain frame, is answered whatever
words surround it. Similarity to example questions (the matcher) decides only when nothing is
named, and abstains when unsure. A named thing the pack does not cover is never answered as
its neighbour.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .matcher import Candidate, Matcher, short_title
from .model import COUNTERPART_RELATIONS, EVIDENCE_RELATIONS, HAPPENING_KINDS, INHERITED_RELATIONS, INVERSE_RELATIONS, OPPOSED_RELATIONS, KIND_ORDER, LEVELS, SYMMETRIC_RELATIONS, Frame, KnowledgeBase, Relation
from .names import other_names
from .normalise import PRONOUNS, STOPWORDS, WEAK_WORDS, fold, stem, words
from .passages import SENTENCE_END, PassageIndex, sentence_stems
from .reading import (COMPARISON_OPENERS, SETTING_WORDS, Mention, Reading, aspect_theme, discussed, pattern_words, picks_one,
                      which_of_two)

__all__ = ["Decision", "Policy", "Thresholds"]

# "how is it different from @", "compared to @", "vs @": the other side is the concept under discussion
# a change of level carries through a fact by its sign: what stimulates moves its target the same way
_SIGNS = {"stimulates": 1, "inhibits": -1}
_ACTING = ("stimulates", "causes", "inhibits")  # what one thing does to another
_OPENERS = frozenset({"and", "so", "then", "but", "ok", "okay"})
_WHEN = frozenset({"when", "as", "after", "if", "once", "while"})
_AT_A_TIME = frozenset({"at", "during", "after", "before", "around", "by"})
_SAMENESS = re.compile(r"\b(same|identical|another name|other name|also called|synonyms?|equivalent)\b")
# the words before the name a consequence is asked of ("what happens to RANKL ...", "how do osteoclasts respond when ...")
_CONSEQUENCE_AFTER = (("happens", "to"), ("happen", "to"), ("happened", "to"), ("do", "to"), ("does", "to"), ("how", "do"),
                      ("how", "does"))
_ELLIPTICAL_COMPARE = re.compile(r"\b(from|to|with|vs|versus|than) @")
# "how do the two differ?", "compare them", "are they different?": both of the last two talked about
# words that ask about the two just compared together ("why use both?"); "them" may mean the topic alone
_JOINED = re.compile(r"\b(both|the two|together|combin\w*|each other|one another)\b")
# "which is more important in men?" right after a comparison: "which" alone picks one of the two
_WEIGHING = re.compile(r"\b(more|less|most|least|better|worse|best|worst|faster|slower|stronger|weaker|greater)\b")
_WHY_IT_MATTERS = re.compile(r"\b(bad|harmful|good|matter|matters|important|dangerous|a problem)\b")
_WITH_AGE = re.compile(r"\b(with age|as (we|you|people|they|one) (age|get older|grow older)|over the years|in (old|older) age|when (we|people|they) (age|get older))\b")
_TOGETHER = re.compile(r"\b(together|combined|in combination|at the same time|combines? with|combining with|paired with|pairs? with|both at once|complements?|complementing|complemented|in tandem|teams? up with|(keep|keeps|hold|holds|balance|balances|complement|complements) (each other|one another))\b")
# "when does OPG drop?", "an example of when it drops", "when it drops?" (but "when estrogen is low, what happens?" sets a
# condition for another question)
_ASKS_WHEN = re.compile(r"^((and|so|ok|okay|but) )?when (does|do|did|will|would|is|are|might|can|could)\b|\b(an? )?examples? of when\b"
                        r"|^((and|so|ok|okay|but) )?when\b(?!.*\b(what|how|why|which|who|where)\b)")
_BOTH = re.compile(r"\b(the two|both|them|they|these|those|each other|one another)\b")


@dataclass(frozen=True)
class Thresholds:
    """Calibrated on the development questions and our own sets; see README for the figures."""

    answer: float = 0.45      # below this, the tutor declines instead of guessing
    margin: float = 0.03      # two concepts closer than this: ask "did you mean A or B?"
    context: float = 0.06     # boost for the previous concept and its related ones
    pronoun: float = 0.15     # boost for the previous concept when the question says "it", "they"...
    single_word_recall: float = 0.75  # a one-word question must be (almost) a whole name or example
    anchor: float = 0.2       # a concept the question names yields only to a related one this much better matched
    example: float = 0.8      # a question this close to one of a concept's examples is that concept's
    lead_specific: float = 1.0  # a sentence sharing this much of a specific question's rarer words answers it first
    lead_plain: float = 4.0     # the same for a plain "what is X ..." question, whose extra words must say more
    passage: float = 6.0        # a sentence anywhere in the pack this close to a "which hormone ..." question answers it


@dataclass(frozen=True)
class Decision:
    """What to answer. action: safety | topic | foreign | uncovered | compare | link | relation | expand | concept |
    clarify | none-other | other-sex | consequence | same | pick | unknown."""

    action: str
    concepts: tuple[str, ...] = ()
    frame: Frame | None = None
    facts: tuple[Relation, ...] = ()
    side: str = ""
    topic: str = ""
    confidence: float = 1.0
    runner_up: str | None = None
    how: str = ""
    nearby: tuple[str, ...] = field(default=())
    lead: str = ""  # a sentence found elsewhere in the pack that answers, said first
    rejected: str = ""  # the option offered that the answer is not ("made by X or by Y?"), said after the lead

    @property
    def concept(self) -> str | None:
        return self.concepts[0] if self.concepts else None


class Policy:
    """Read-only after construction."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher, thresholds: Thresholds, frames: tuple[Frame, ...] = (),
                 passages: PassageIndex | None = None, follow_on: tuple[str, ...] = (),
                 changes: dict[str, tuple[str, ...]] | None = None, source_words: frozenset[str] = frozenset(),
                 broader_kinds: dict[str, tuple[str, ...]] | None = None, action_words: frozenset[str] = frozenset()) -> None:
        self._kb = kb
        self._matcher = matcher
        self._passages = passages or PassageIndex(kb)
        self._follow_on = frozenset(follow_on)  # words that go on with the same topic ("and then what happens next?")
        self._changes = {stem(w): direction for direction, ws in (changes or {}).items() for w in ws}
        # each frame's own words ("role" of the role frame): they say what is asked, not which concept
        self._frame_stems = {f.id: frozenset(stem(w) for p in f.patterns for w in pattern_words(p)) for f in frames}
        self._source_words = source_words  # words that ask about the document's sources ("paper", "study")
        self._broader_kinds = broader_kinds or {}  # kinds that answer for a kind asked when none of it does
        self._action_words = action_words  # words that compare how two things act ("the same way")
        self._audiences = _audiences_without_names(kb)
        # each title's head ("genes" of "RANKL and OPG genes") and all its words ("RANK (the receptor)"), as stems
        self._title_heads, self._title_stems = _title_words(kb)
        self.thresholds = thresholds
        # each relation's one-word verb stems ("block": inhibits), for a purpose said after another verb ("to block it")
        self._verb_relations = _verb_relations(frames)
        self._default = next((f for f in frames if f.default), None)  # what a question no frame matches reads as
        self._consequence_frame = _first_answering(frames, "consequence")
        self._comparison_frame = _first_answering(frames, "compare")
        # the words a sentence about who a thing is for tends to hold ("adults", "women"): the audience frame's
        self._for_whom = _answer_words_of(frames, "audience")
        # pairs joined by a fact that is not evidence, and each process titled after a name ("estrogen's ..."): read
        # once, as a large pack has thousands of facts and concepts
        self._fact_pairs = _pairs_joined(kb, leaving_out=EVIDENCE_RELATIONS)
        self._processes_by_name = _processes_by_name(kb)
        self._wholes_by_count = _wholes_by_count(kb)

    def decide(self, reading: Reading, focus: str | None, pair: tuple[str, ...] = ()) -> Decision:
        """`pair`: the two concepts of the comparison just made, if the last answer was one."""
        # the order matters: safety first, then what the document does not cover, then the frames that need
        # facts, and only then a concept chosen by its names or example questions
        # ("which one stops breakdown?" right after a comparison picks one of the two before any frame reads it)
        steps = (self._personal_advice, self._aspect_put_forward, self._uncovered_aspect, self._uncovered_topic, self._foreign_name,
                 self._strange_word, self._discussed_aspect, self._whole_of_the_counted,
                 lambda r, f: self._one_of(r, pair), self._one_of_the_parts,
                 self._part_for_one_sex, self._part_that_acts, self._the_other_part, self._the_part_called, self._either_or,
                 self._one_of_two_named, self._which_of_two_offered,
                 self._between_the_sexes, lambda r, f: self._comparison(r, f, pair),
                 lambda r, f: self._joining_pair(r, pair), self._two_parts_together, self._consequence_question,
                 self._version_of, self._in_the_other_sex, self._only_for_the_others, self._cause_of_a_fall, self._when_it_falls, self._cause_in_one_sex,
                 self._two_of_a_kind_asked, self._actor_of_two_deeds, self._mechanism_in_depth, self._relation_question,
                 self._head_of_the_phrase, self._linking_question, self._expansion)
        for step in steps:
            decision = step(reading, focus)
            if decision:
                return decision
        return self._via(reading, self._concept(reading, focus))

    def _whole_of_the_counted(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what are the 3 proteins?": the one whole with that many parts of the kind counted (the RANK/RANKL/OPG
        pathway), when the question asks of the whole, not of one of its parts or by a relation."""
        frame = reading.frame
        if not reading.counted or frame and not (frame.plain or frame.default):
            return None
        wholes = self._wholes_by_count.get(reading.counted, [])
        if len(wholes) != 1 or not set(reading.named) <= {wholes[0], *self._parts_of(wholes[0])}:
            return None
        return Decision("concept", (wholes[0],), frame, how="the one whole with that many parts of that kind")

    def _head_of_the_phrase(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "the stop signal for bone breakdown?", "what is the brake on osteoclasts?": a question that is only one
        name qualified by another after for/on/of names the first, not what links the two."""
        frame = reading.frame
        named = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
        if frame and not (frame.plain or frame.default) or len(named) != 2 or named[0].concept == named[1].concept:
            return None
        first, second = named
        words = reading.words
        opening = words[:first.start]
        qualified = tuple(words[first.end:second.start]) in _QUALIFYING and second.end == len(words)
        if not qualified or opening[-1:] != ("the",) or not set(opening[:-1]) <= _PHRASE_OPENING:
            return None
        return Decision("concept", (first.concept,), frame, how="the name that the one after it only qualifies")

    def _one_of(self, reading: Reading, pair: tuple[str, ...]) -> Decision | None:
        """ "which one includes progesterone?" right after comparing HRT and TRT: the one of the two that a fact
        links to what the question names, else the one whose example questions match it better."""
        if len(pair) != 2 or not (picks_one(reading.words) or which_of_two(reading.words)) or self._offers_its_own_pair(reading, pair):
            return None
        joined = None if reading.named else self._process_weighed(reading, pair)
        if joined:  # "which is more important in men?" after estrogen and testosterone were compared
            return Decision("concept", (joined,), reading.frame, how="the process named after the two just compared, weighed")
        moved = self._moved_by_the_named(reading, pair)
        if moved:  # "which one goes up after menopause?": what the cause does to it, said first
            return Decision("concept", (moved.subject,), reading.frame, (moved,), runner_up=moved.object,
                            how="what the one named does to the one of the two that moves the way asked")
        chosen = self._said_to_that_degree(reading, pair) or self._pointed_to(reading, pair)
        if chosen is None:
            return None
        return Decision("concept", (chosen,), reading.frame, runner_up=pair[1] if chosen == pair[0] else pair[0],
                        how="the one of the two just compared that your question points to")

    @staticmethod
    def _offers_its_own_pair(reading: Reading, pair: tuple[str, ...]) -> bool:
        """ "peptides vs HRT: which one is anabolic?" right after comparing others: the question's own two are weighed."""
        own = _pair_before_which(reading) or _pair_after_which(reading)
        return bool(own) and set(own) != set(pair)

    def _moved_by_the_named(self, reading: Reading, pair: tuple[str, ...]) -> Relation | None:
        """The one fact by which the one name moves one of the pair the way the question says ("goes UP")."""
        named = [c for c in reading.named if c not in pair]
        move = self._change_named(reading) or next((w for w in reading.words if w in ("up", "down")), "")
        if len(named) != 1 or not move:
            return None
        facts = self._moving(named[0], 1 if move == "up" else -1)
        moving = [r for r in facts if r.object in pair]
        return moving[0] if len(moving) == 1 else None

    def _one_of_the_parts(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which one is the decoy?" while the RANK/RANKL/OPG pathway is discussed: the part of it that the question
        matches well (OPG), when one does."""
        asks_a_part = picks_one(reading.words) or bool(_WHICH_PART.match(" ".join(reading.words)))
        parts = self._parts_of(focus) if focus and asks_a_part and not reading.named else []
        if len(parts) < 2:
            return None
        best = next((c for c in self._rank(reading, None, limit=20) if c.concept_id in parts), None)
        if best is None or best.score < self.thresholds.answer:
            return None
        return Decision("concept", (best.concept_id,), reading.frame, confidence=min(best.score, 1.0),
                        how=f"the part of {focus} that your question points to")

    def _part_for_one_sex(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which one is for men?" while the therapy comparison is discussed: the one part whose own explanation
        speaks of men and not of women (TRT)."""
        who = self._first_audience(reading.words)
        picks = picks_one(reading.words) or bool(_WHICH_PART.match(" ".join(reading.words)))
        part = self.part_for(focus, who) if focus and who and picks and not reading.named else None
        if part is None:
            return None
        return Decision("concept", (part,), reading.frame, runner_up=focus,
                        how=f"the part of {focus} that the document describes for {who}")

    def _the_other_part(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "and the other half?" right after "which half brakes resorption?" picked estrogen from the synergy: the
        part that does the whole's other deed (the GH/IGF-1 axis, which drives formation)."""
        if not (focus and _THE_OTHER.match(" ".join(reading.words))):
            return None
        for whole in self._wholes_in_view(focus):
            deeds = self._deeds_of(whole)
            done = self._deeds_of(focus) & deeds
            others = self._alike(focus, [p for p in self._parts_of(whole) if p != focus and self._deeds_of(p) & (deeds - done)])
            if done and len(others) == 1:
                return Decision("concept", (others[0],), reading.frame, runner_up=focus,
                                how=f"the part of {whole} that does what {focus} does not")
        # "which one breaks bone down?" ... "and the other one?": the one the document sets against it
        opposed = self._opposed(focus)
        if len(opposed) == 1:
            return Decision("concept", (opposed[0],), reading.frame, runner_up=focus,
                            how=f"the one the document sets against {focus}")
        return None

    def _opposed(self, concept: str) -> list[str]:
        """The concepts the document sets against this one (facts `opposes`, either way round)."""
        return list(dict.fromkeys(r.object if r.subject == concept else r.subject for r in self._kb.relations
                                  if r.relation == "opposes" and concept in (r.subject, r.object)))

    def _alike(self, focus: str, parts: list[str]) -> list[str]:
        """Of several parts, those a therapy only if the focus is one: the other half of estrogen is the GH/IGF-1
        axis, of HRT the GH peptides."""
        if len(parts) < 2:
            return parts
        therapy = self._kb.kinds.get(focus) == "therapy"
        return [p for p in parts if (self._kb.kinds.get(p) == "therapy") == therapy]

    def _the_part_called(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "and the receptor?" right after the go and stop signals: the part of the whole under discussion whose
        title has that noun (RANK, the receptor)."""
        bare = _BARE_NOUN.match(" ".join(reading.words))
        if not (focus and bare) or reading.named:
            return None
        for whole in self._wholes_in_view(focus):
            titled = [p for p in self._part_titled(whole, stem(bare.group(1))) if p != focus]
            if len(titled) == 1:
                return Decision("concept", (titled[0],), reading.frame, runner_up=focus,
                                how=f"the part of {whole} called so")
        return None

    def _deeds_of(self, concept_id: str) -> set[tuple[str, str]]:
        return {(r.relation, r.object) for r in self._kb.relations if r.subject == concept_id and r.relation in _ACTING}

    def whole_of_contrary(self, a: str, b: str) -> str | None:
        """ "how does GH's effect on bone differ from estrogen's?": two things no fact joins, that do contrary halves of
        one whole they both belong to (the GH/IGF-1 axis builds bone, estrogen slows its breakdown: their synergy),
        are compared within that whole, which sets them side by side."""
        if self._linked_by_fact(a, b):
            return None
        shared = self._wholes_above(a) & self._wholes_above(b)
        doing_both = [w for w in sorted(shared) if self._halves_of(w, a, b)]
        return doing_both[0] if len(doing_both) == 1 else None

    def _halves_of(self, whole: str, a: str, b: str) -> bool:
        """Whether a and b each do one of the whole's deeds, and not the same one."""
        deeds = self._deeds_of(whole)
        does_a, does_b = deeds & self._deeds_along(a, whole), deeds & self._deeds_along(b, whole)
        return bool(does_a and does_b and not does_a & does_b)

    def _wholes_above(self, concept_id: str, hops: int = 2) -> set[str]:
        """What a concept is part of, or what that is part of (growth hormone: the GH/IGF-1 axis, and its synergy)."""
        found: set[str] = set()
        layer = {concept_id}
        for _ in range(hops):
            layer = {r.object for r in self._kb.relations if r.relation == "part-of" and r.subject in layer}
            found |= layer
        return found

    def _deeds_along(self, concept_id: str, besides: str) -> set[tuple[str, str]]:
        """What a concept does, and what the wholes it is directly part of (other than `besides`) do."""
        wholes = {r.object for r in self._kb.relations if r.relation == "part-of" and r.subject == concept_id} - {besides}
        return self._deeds_of(concept_id).union(*(self._deeds_of(w) for w in wholes))

    def part_for(self, whole: str, who: str) -> str | None:
        """The one part of a whole whose own explanation speaks of `who` and not of the other sex (TRT of the
        optimization protocols, for men), or None."""
        fitting = [p for p in self._parts_of(whole) if self.only_for(p, who)]
        return fitting[0] if len(fitting) == 1 else None

    def only_for(self, concept_id: str, who: str) -> bool:
        """Whether a concept's first explanation speaks of `who` (men or women) and not of the other sex."""
        return self._explained_for(concept_id, who) and not self._explained_for(concept_id, "women" if who == "men" else "men")

    def _explained_for(self, concept_id: str, who: str) -> bool:
        """Whether a concept's first explanation uses the words for `who` (men or women)."""
        text = next(iter(self._kb.concepts[concept_id].explain.values()), "")
        return bool(set(words(text.lower())) & self._audience_words(who))

    def _part_that_acts(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which ones slow resorption?" while the therapy table is discussed: the parts of it that act so on the
        thing named, said first; one part answers as itself, several as the whole they belong to."""
        frame = reading.frame
        # ("which one builds bone instead of braking resorption?": what is set aside is not what it acts on)
        named = [c for c in reading.named if c != focus and c not in reading.aside]
        if not (focus and len(named) == 1 and self._picks_a_part(reading)):
            return None
        for whole in self._wholes_acted_in(focus, frame, named[0]):
            facts = self._parts_acting_as_asked(whole, frame, named[0], focus)
            actors = {f.subject for f in facts}
            if facts:
                chosen = facts[0].subject if len(actors) == 1 else whole
                return Decision("concept", (chosen,), frame, facts, how=f"the parts of {whole} that act on {named[0]}")
        return None

    def _wholes_acted_in(self, focus: str, frame: Frame | None, named: str) -> list[str]:
        """The wholes in view whose parts may act on the one named: not one the named is itself a part of when no
        relation is asked ("which one is the go signal?" of the pathway asks for that part, not what acts on it)."""
        wholes = self._wholes_in_view(focus)
        return wholes if frame and frame.relation else [w for w in wholes if w not in self._wholes_of(named)]

    def _parts_acting_as_asked(self, whole: str, frame: Frame | None, target: str, focus: str) -> tuple[Relation, ...]:
        """The parts' facts on the target by the relation asked; with none asked ("which one builds bone?" names
        the process by its verb), by any way of acting, if only one part (of those like the focus) acts so."""
        if frame and frame.relation:
            return self._parts_acting(whole, frame.relation, target)
        facts = tuple(f for relation in _ACTING for f in self._parts_acting(whole, relation, target))
        actors = self._alike(focus, list(dict.fromkeys(f.subject for f in facts)))
        acting = tuple(f for f in facts if f.subject in actors)
        # several parts answer together only when they all act the one way ("which of them cut resorption?")
        return acting if len(actors) == 1 or len({f.relation for f in acting}) == 1 else ()

    @staticmethod
    def _picks_a_part(reading: Reading) -> bool:
        """ "which one(s) ...?", "which part ...?"; with no relation asked, a part picked in so many words ("what is
        RANKL?" picks nothing)."""
        pattern = _WHICH_PART if reading.frame and reading.frame.relation else _WHICH_NAMED_PART
        return picks_one(reading.words) or bool(pattern.match(" ".join(reading.words)))

    def _wholes_in_view(self, focus: str) -> list[str]:
        """What "which one ...?" picks from: the whole under discussion, or, right after one of its parts was
        picked ("which one builds bone?" ... "which one slows resorption?"), the wholes that part belongs to."""
        if len(self._parts_of(focus)) >= 2:
            return [focus]
        return [r.object for r in self._kb.relations if r.relation == "part-of" and r.subject == focus
                and len(self._parts_of(r.object)) >= 2]

    def _parts_acting(self, whole: str, relation: str, target: str) -> tuple[Relation, ...]:
        parts = set(self._parts_of(whole))
        return tuple(r for r in self._kb.relations if r.relation == relation and r.object == target and r.subject in parts)

    def _either_or(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "Is type I collagen made by osteoclasts or osteoblasts?": of two names closing the question joined by "or",
        the one a fact links to the other name; that fact leads the answer about the name asked about."""
        pair = _or_pair_at_end(reading)
        others = [c for c in reading.named if c not in pair] if pair else []
        if len(others) != 1:
            return None
        linking = [self._kb.acting_between(others[0], p) for p in pair]
        if sum(map(bool, linking)) != 1:
            return None
        facts = linking[0] or linking[1]
        return Decision("concept", (others[0],), reading.frame, facts, rejected=pair[1] if linking[0] else pair[0],
                        how="the one of the two you offered that a fact links to what you asked about")

    def _balance_of_the_changed(self, reading: Reading, pair: tuple[str, ...]) -> str | None:
        """ "which protects bone more, more OPG or more RANKL?", "falling RANKL or falling OPG?": a change offered
        of each of two is a question of their balance, the measure titled after both (the RANKL/OPG ratio)."""
        words = reading.words
        changed = {m.concept for m in reading.mentions if m.how == "name" and m.concept in pair and m.start > 0
                   and stem(words[m.start - 1]) in self._changes}
        return self._passages.titled_after(pair, "measure") if changed == set(pair) else None

    def _one_of_two_named(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "somatopause and menopause: which is about growth hormone?": the one of two names joined before the
        question word that the rest points to, said against the other."""
        # "X vs Y, which is worse?" weighs the two against each other: the comparison answers; but "X or Y, which
        # one makes RANKL?" asks which of them a third thing goes with
        pair = _pair_before_which(reading)
        comparing = reading.frame and reading.frame.answer == "compare"
        if not pair or comparing and (not [c for c in reading.named if c not in pair] or _WEIGHING.search(" ".join(reading.words))):
            return None
        chosen = self._clearly_pointed_to(reading, pair)
        if chosen is None:
            return None
        other = pair[1] if chosen == pair[0] else pair[0]
        return Decision("pick", (chosen,), reading.frame, runner_up=other, topic=other,
                        how="the one of the two you named that your question points to")

    def _which_of_two_offered(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "Which builds bone, osteoclasts or osteoblasts?", "which hurts bone faster, menopause or the slow drop in
        testosterone?": the one of the two offered at the end that the rest points to, else the two compared."""
        pair = _pair_after_which(reading) or _weighed_pair_first(reading)
        if not pair:
            return None
        balance = self._balance_of_the_changed(reading, pair)
        if balance:
            return Decision("concept", (balance,), reading.frame, how="the balance of the two, each said to change")
        joined = self._process_weighed(reading, pair)
        if joined:
            return Decision("concept", (joined,), reading.frame, how="the process named after the two you weighed")
        # ("which works MORE directly ...?" weighs the two: not both)
        both = None if _WEIGHING.search(" ".join(reading.words)) else self._true_of_both(reading, pair)
        if both:
            return both
        chosen = self._said_to_that_degree(reading, pair) or self._clearly_pointed_to(reading, pair)
        if chosen is None:
            return Decision("compare", pair, self._comparison_frame, how="the two you offered, side by side")
        other = pair[1] if chosen == pair[0] else pair[0]
        return Decision("pick", (chosen,), reading.frame, runner_up=other, topic=other,
                        how="the one of the two you offered that your question points to")

    def _process_weighed(self, reading: Reading, pair: tuple[str, ...]) -> str | None:
        """ "which matters more for men, testosterone or estrogen?": two weighed where the one becomes the other in
        bone are answered by that change (but "which acts faster in decline ...?" weighs falls, not the two)."""
        weighed = _WEIGHING.search(" ".join(reading.words)) and not self._says_a_fall(reading.words)
        return self.named_after(*pair) if weighed else None

    def _said_to_that_degree(self, reading: Reading, pair: tuple[str, str]) -> str | None:
        """ "which is STRONGER at reducing resorption, estradiol or testosterone cypionate?": the one of the two whose
        own text says it of the third thing to that degree ("strongly reduces resorption")."""
        degree = _degree_asked(reading.words)
        others = [c for c in reading.named if c not in pair]
        if not degree or len(others) != 1:
            return None
        third = self._name_stems(others[0], reading)
        said = [p for p in pair if any(self._passages.says_together(p, frozenset({degree, s})) for s in third)]
        return said[0] if len(said) == 1 else None

    def _true_of_both(self, reading: Reading, pair: tuple[str, str]) -> Decision | None:
        """ "which cell type carries ER alpha: osteoblasts or osteoclasts?": when one fact of the same kind links the
        third name to each of the two offered, the answer is both, said of that third thing."""
        others = [c for c in reading.named if c not in pair]
        if len(others) != 1:
            return None
        facts = [next((r for r in self._kb.relations if {r.subject, r.object} == {others[0], p}
                       and r.relation not in EVIDENCE_RELATIONS), None) for p in pair]
        if not all(facts) or facts[0].relation != facts[1].relation:
            return None
        return Decision("concept", (others[0],), reading.frame, tuple(facts), how="true of both of the two you offered")

    def _clearly_pointed_to(self, reading: Reading, pair: tuple[str, str]) -> str | None:
        """The one of the pair a fact links to the other names, or that the rest of the question (the two names left
        out) matches clearly better; None when unsure (the comparison of the two then answers)."""
        linked = self._linked_of_pair(pair, [c for c in reading.named if c not in pair])
        if len(linked) == 1:
            return linked[0]
        names = self._name_stems(pair[0], reading) | self._name_stems(pair[1], reading)
        scores = {c.concept_id: c.score for c in self._rank(reading, None, limit=20, without=names) if c.concept_id in pair}
        first, second = (scores.get(pair[0], 0.0), scores.get(pair[1], 0.0))
        if max(first, second) < self.thresholds.anchor or abs(first - second) < self.thresholds.margin:
            return None
        return pair[0] if first > second else pair[1]

    def _joining_pair(self, reading: Reading, pair: tuple[str, ...]) -> Decision | None:
        """ "so why use both together?" right after comparing the GH/IGF-1 axis and estrogen: a question of the two
        that names neither asks about what joins them (their synergy), the best match linked to both."""
        frame = reading.frame
        asks_link = bool(frame and frame.answer == "link")
        if not self._asked_of_the_pair(reading, pair, asks_link):
            return None
        fall = self._says_a_fall(reading.words) or bool(_WITH_AGE.search(" ".join(reading.words)))
        fallen_in = self._where_both_fall(pair) if fall else None
        if fallen_in:  # "what happens to both with age?" of GH and IGF-1: somatopause
            return Decision("concept", (fallen_in,), frame, how="the condition both of the two just compared fall in")
        # ("what's it called when both decline?" asks for the condition they fall in, not the whole)
        whole = None if fall else self._whole_asked_of_both(reading, pair)
        if whole:
            # "how are they linked?": the facts that link the two open the answer about their whole
            linking = self._kb.acting_between(pair[0], pair[1]) if asks_link else ()
            return Decision("concept", (whole,), frame, linking, how="the whole that the two just compared are parts of")
        return self._best_joining(reading, pair)

    @staticmethod
    def _asked_of_the_pair(reading: Reading, pair: tuple[str, ...], asks_link: bool) -> bool:
        """Naming neither of the two, a question of both together ("why use both?") or of their link."""
        frame = reading.frame
        if len(pair) != 2 or reading.named or (frame and frame.answer != "concept" and not asks_link):
            return False
        return asks_link or bool(_JOINED.search(" ".join(reading.words)))

    def _where_both_fall(self, pair: tuple[str, ...]) -> str | None:
        missing = [self._missing_in(p) for p in pair]
        objects = {m.object for m in missing if m is not None}
        return objects.pop() if all(missing) and len(objects) == 1 else None

    def _whole_asked_of_both(self, reading: Reading, pair: tuple[str, ...]) -> str | None:
        """The one whole both are parts of; of several ("can they be used together?" of the peptides and HRT: the
        protocols, the table, the synergy), the one the question matches best, if it matches well."""
        shared = self._shared_wholes(pair)
        if len(shared) < 2:
            return next(iter(shared), None)
        ranked = [c for c in self._rank(reading, None, limit=20) if c.concept_id in shared]
        return ranked[0].concept_id if ranked and ranked[0].score >= self.thresholds.anchor else None

    def _best_joining(self, reading: Reading, pair: tuple[str, ...]) -> Decision | None:
        """The best match of the question that is linked to both of the pair, or None."""
        joining = [c for c in self._rank(reading, None, limit=20) if c.concept_id not in pair
                   and c.score >= self.thresholds.anchor and self._links(c, list(pair)) == 2]
        if not joining:
            return None
        return Decision("concept", (joining[0].concept_id,), reading.frame, confidence=min(joining[0].score, 1.0),
                        how="the concept that joins the two just compared")

    def _one_whole_of_both(self, pair: tuple[str, ...] | list[str]) -> str | None:
        """The one concept both are parts of (the GH/IGF-1 axis and estrogen: their synergy) or that contains both
        (estrogen and progesterone: HRT), or None."""
        shared = self._shared_wholes(pair)
        return next(iter(shared)) if len(shared) == 1 else None

    def _shared_wholes(self, pair: tuple[str, ...] | list[str]) -> set[str]:
        wholes = [self._wholes_broadly(p) for p in pair]
        return set.intersection(*wholes) if wholes else set()

    def _wholes_broadly(self, concept_id: str) -> set[str]:
        """What a concept is part of or contained in, also by way of what it is a form of (estradiol, a form of
        estrogen, is in HRT) and of what it contains (HRT's estrogen is part of the synergy)."""
        forms = [concept_id, *self._objects_of(concept_id, "is-a")]
        wholes = {w for f in forms for w in [*self._wholes_of(f), *self._containers_of(f)]}
        return wholes | {w for part in self._objects_of(concept_id, "contains") for w in self._wholes_of(part)}

    def _objects_of(self, concept_id: str, relation: str) -> list[str]:
        return [r.object for r in self._kb.relations if r.relation == relation and r.subject == concept_id]

    def _containers_of(self, concept_id: str) -> list[str]:
        return [r.subject for r in self._kb.relations if r.relation == "contains" and r.object == concept_id]

    def _two_parts_together(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "who would be prescribed estrogen and progesterone together?": two names asked of as one are the one
        whole both belong to (HRT)."""
        named = list(dict.fromkeys(reading.concepts))  # "how does IT combine with estrogen therapy?" counts the topic
        # (slowing breakdown and boosting building "together" is no whole of the two processes, but a way to act on both)
        if len(named) != 2 or not _TOGETHER.search(" ".join(reading.words)) or \
                all(self._kb.kinds.get(c) == "process" for c in named):
            return None
        whole = self._one_whole_of_both(named)
        return Decision("concept", (whole,), reading.frame, how=f"the whole that {named[0]} and {named[1]} make up together") \
            if whole else None

    def _pointed_to(self, reading: Reading, pair: tuple[str, ...]) -> str | None:
        """The one of the pair a fact links to the other names, else the better match of the question."""
        linked = self._linked_of_pair(pair, [c for c in reading.named if c not in pair])
        if len(linked) == 1:
            return linked[0]
        return next((c.concept_id for c in self._rank(reading, None, limit=20) if c.concept_id in pair), None)

    def _linked_of_pair(self, pair: tuple[str, ...], named: list[str]) -> list[str]:
        """Those of the pair linked to all the names; when both are, those a fact joins to them ("which one builds
        bone?": only the peptides stimulate bone formation)."""
        # a whole of several parts ("anti-resorptive", named for the synergy of the two kinds of therapy) picks
        # neither: being one of its parts says nothing of which side that part is on
        if not named or any(len(self._parts_of(n)) > 1 for n in named):
            return []
        linked = [p for p in pair if self._touches(p, named)]
        if len(linked) == 2:
            linked = [p for p in pair if all(self._linked_by_fact(p, n) for n in named)]
        return linked

    def _via(self, reading: Reading, decision: Decision) -> Decision:
        """A frame about what a relation leads to ("what happens when aromatase is missing?"): the concept the
        relation links to the one chosen, when the pack has that fact."""
        frame = decision.frame
        if not (frame and decision.action == "concept"):
            return decision
        if frame.answer == "concept" and frame.kinds:
            return self._titled_of_kind(reading, decision, frame)
        via = frame.via or self._onward(reading, decision, frame)
        if not (via and len(decision.concepts) == 1):
            return decision
        linked = self._for_the_audience(reading, self._linked_or_by_its_kind(decision.concepts[0], via))
        if not linked:
            return decision
        return replace(decision, concepts=(linked[0],), runner_up=decision.concepts[0],
                       how=f"what the document links to {decision.concepts[0]} by '{via}'")

    def _for_the_audience(self, reading: Reading, linked: list[str]) -> list[str]:
        """Of several linked, those of the one audience asked about first ("a man whose body can't make estrogen":
        the men's condition, the one with a women's counterpart), else all in the pack's order."""
        who = self._first_audience(reading.words)
        if len(linked) < 2 or not who:
            return linked
        theirs = [c for c in linked if self._kb.counterpart(c, "women" if who == "men" else "men")]
        return theirs or linked

    def _linked_or_by_its_kind(self, chosen: str, via: str) -> list[str]:
        """What the relation links to the concept; for a kind of a thing with no such fact of its own, what it links
        to that thing (estradiol gone is estrogen gone)."""
        return _linked_by(self._kb.relations, chosen, via) or [
            c for r in self._kb.relations if r.subject == chosen and r.relation == "is-a" and via in INHERITED_RELATIONS
            for c in _linked_by(self._kb.relations, r.object, via)]

    def _onward(self, reading: Reading, decision: Decision, frame: Frame) -> str:
        """ "what does it lead to?" of the topic: the talk moves on to the one thing the document says it causes
        (asked of a name, "what does RANK activation lead to?", the reply stays with that name, led by the fact)."""
        if not (frame.facts_first and "causes" in frame.leads_with and not reading.named and len(decision.concepts) == 1
                and decision.concepts[0] in reading.referred and self._kb.kinds.get(decision.concepts[0]) in HAPPENING_KINDS):
            return ""  # (what a therapy leads to is first what it raises: its facts lead the reply about it)
        caused = [r for r in self._kb.relations if r.subject == decision.concepts[0] and r.relation == "causes"]
        return "causes" if len(caused) == 1 else ""

    def _titled_of_kind(self, reading: Reading, decision: Decision, frame: Frame) -> Decision:
        """ "what happens when RANKL dominates?": the concept of the frame's kinds named after the one chosen (the
        RANKL/OPG ratio), when there is one, its sentence that answers the question said first."""
        tipping = self._what_the_subject_does_to(reading)
        if tipping:  # "how does estrogen tip the balance toward OPG?": estrogen's effect on OPG
            return replace(decision, concepts=(tipping,), runner_up=decision.concepts[0],
                           how="the process named after what tips the balance and the side it favours")
        # "what happens to bone density when RANKL wins?": the side named may come after the thing it acts on
        sides = [decision.concepts[0]] + [c for c in reading.named if c != decision.concepts[0]]
        chosen, titled = next(((side, t) for side in sides for kind in frame.kinds
                               if (t := self._passages.titled_after((side,), kind))), (sides[0], None))
        if titled is None:
            return decision
        asked = [w for m in reading.mentions for w in m.text.split()] + reading.content_words + list(frame.answer_words)
        found = self._passages.best_in(titled, LEVELS[0], self._passages.wanted(asked))
        return replace(decision, concepts=(titled,), runner_up=chosen, lead=found.text if found else "",
                       how=f"the {self._kb.kinds[titled]} named after {chosen}")

    def _what_the_subject_does_to(self, reading: Reading) -> str | None:
        """The process named after the subject of "how does X ...?" and another thing named, if there is one."""
        subject = _subject(reading)
        others = [c for c in reading.named if c != subject]
        return next((p for o in others if (p := self.named_after(subject, o))), None) if subject else None

    # --- the steps of decide: each a Decision, or None to go on -------------------------
    def _personal_advice(self, reading: Reading, focus: str | None) -> Decision | None:
        if not reading.advice.personal:
            return None
        return Decision("safety", tuple(reading.named[:1]), reading.frame,
                        how=f"a personal-advice request ({reading.advice.line})")

    def _uncovered_aspect(self, reading: Reading, focus: str | None) -> Decision | None:
        frame = reading.frame
        if not (frame and frame.answer == "aspect"):
            return None
        fitting = aspect_theme(self._kb, frame, reading.themes)
        if fitting is None and self._not_this_aspect(reading, frame, focus):
            return None
        theme = ([fitting] if fitting else reading.concepts or ([focus] if focus and self._only_aspect_words(reading, frame) else []))[:1]
        return Decision("uncovered", tuple(theme), frame, how=f"an aspect the document does not discuss ({frame.id})")

    def _aspect_put_forward(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what can be done about somatopause?": an aspect the document leaves aside in general, but where it puts
        something forward for this theme (the frame's relation: GH peptides counter somatopause), that answers."""
        frame = reading.frame
        if not (frame and frame.answer == "aspect" and frame.relation):
            return None
        theme = aspect_theme(self._kb, frame, reading.themes)
        if theme is None and not reading.concepts and focus and self._only_aspect_words(reading, frame):
            theme = focus
        facts = tuple(r for r in self._kb.relations if r.relation == frame.relation and r.object == theme)
        if not facts:
            return None
        return Decision("concept", (facts[0].subject,), frame, facts, runner_up=theme,
                        how=f"what the document puts forward for {theme}")

    def _not_this_aspect(self, reading: Reading, frame: Frame, focus: str | None) -> bool:
        """The document discusses the aspect (answered from the concept: _discussed_aspect), or nothing is named and
        the question is about a topic the document does not cover at all ("how long does a broken wrist take to
        mend?")."""
        return discussed(self._kb, frame, reading.themes or [focus]) or (not reading.concepts and bool(reading.topic))

    def _only_aspect_words(self, reading: Reading, frame: Frame) -> bool:
        """ "what are the side effects?" says nothing but the aspect (at most one word besides), so it asks about the
        concept under discussion; "side effects of aspirin" names something else."""
        own = self._frame_stems.get(frame.id, frozenset())
        rest = [w for w in reading.content_words if stem(w) not in own]
        return not rest[1:] and not reading.strange and not reading.foreign

    def _discussed_aspect(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "how soon does bone loss begin after menopause?": an aspect the document discusses for the first concept
        asked about is answered from that concept, its answering sentence first, not from one linking the names."""
        frame = reading.frame
        if not (frame and frame.answer == "aspect") or aspect_theme(self._kb, frame, reading.themes) is not None:
            return None
        themes = reading.themes or ([focus] if focus else [])
        if not discussed(self._kb, frame, themes):
            return None
        return Decision("concept", (themes[0],), frame, how=f"the concept named, whose {frame.id} the document discusses")

    def _uncovered_topic(self, reading: Reading, focus: str | None) -> Decision | None:
        if not reading.topic:
            return None
        return Decision("topic", (), reading.frame, topic=reading.topic,
                        how=f"a topic the document does not cover ({reading.topic})")

    def _foreign_name(self, reading: Reading, focus: str | None) -> Decision | None:
        if not reading.foreign:
            return None
        return Decision("foreign", tuple(reading.named[:1]), reading.frame, topic=reading.foreign[0],
                        how=f"a name the document does not cover ({reading.foreign[0]})")

    def _strange_word(self, reading: Reading, focus: str | None) -> Decision | None:
        if not reading.strange:
            return None
        phrase = " ".join(reading.strange[:2])
        return Decision("foreign", tuple(reading.named[:1]), reading.frame, topic=phrase,
                        how=f"a word for something the document does not cover ({phrase})")

    def _comparison(self, reading: Reading, focus: str | None, pair: tuple[str, ...] = ()) -> Decision | None:
        frame = reading.frame
        if not (frame and frame.answer == "compare"):
            return None
        alike = _one_concept_two_names(reading)
        if alike and _SAMENESS.search(reading.masked):  # "is somatotropin the same as growth hormone?": yes, one thing
            return Decision("same", (alike[0],), frame, topic=f"{alike[1]}|{alike[2]}",
                            how=f"two names for one concept ({alike[0]})")
        counterpart = self._against_its_counterpart(reading)
        if counterpart:
            return Decision("compare", counterpart, frame, how="a comparison with its counterpart in the other sex")
        referents = self._sides_compared(reading, focus, pair)
        ways = self._ways_of_acting(reading, referents)
        if ways:
            return Decision("compare", ways, frame, how="a comparison of how the two named act (the process of each)")
        if len(referents) == 2:
            balance = self._balance_of_the_changed(reading, tuple(referents))
            if balance:  # "high RANKL compared with high OPG": a change of each weighed is their balance
                return Decision("concept", (balance,), frame, how="the balance of the two, each said to change")
            falls = self._declines_of(reading, referents)
            if falls:
                return Decision("compare", (falls[0].object, falls[1].object), frame, falls,
                                how="a comparison of the conditions in which the two named fall")
            return Decision("compare", (referents[0], referents[1]), frame, how="a comparison of the two concepts named")
        return _with_other_side(reading, referents, frame) or self._three_way(reading, referents, frame)

    def _against_its_counterpart(self, reading: Reading) -> tuple[str, str] | None:
        """ "how is menopause bone loss different from the male kind?": the first name that has a counterpart in the
        sex the unnamed other side names, against that counterpart."""
        found = _THE_OTHER_SEXS_KIND.search(" ".join(reading.words))
        who = self._first_audience(tuple(found.group(1).split())) if found else None
        named = [m.concept for m in reading.mentions if m.how == "name"]
        paired = next(((c, p) for c in named if (p := self._kb.counterpart(c, who or "")) and p not in named), None)
        return paired if who else None

    def _ways_of_acting(self, reading: Reading, referents: list[str]) -> tuple[str, str] | None:
        """ "estrogen in women vs testosterone in men: do they protect bone the same way?": two hormones compared in
        how they act are compared by the process whose title each one's name opens."""
        hormones = [r for r in dict.fromkeys(referents) if self._kb.kinds.get(r) == "hormone"]
        if len(hormones) != 2 or not self._action_words & set(reading.words):
            return None
        processes = [self.own_process(h) for h in hormones]
        # ("testosterone's direct action vs its conversion to estrogen" names a route itself; "... on the RANKL
        # pathway" names where both act)
        if not all(processes) or set(processes) & set(reading.concepts):
            return None
        # the route that leads to the other's goes first: it tells the whole story ("testosterone's conversion to
        # estrogen in bone" leads to estrogen's effect on RANKL and OPG)
        leads = any(r.subject == processes[1] and r.object == processes[0] for r in self._kb.relations)
        return (processes[1], processes[0]) if leads else (processes[0], processes[1])

    def own_process(self, concept_id: str) -> str | None:
        """The process titled after the concept's own name ("Estrogen's effect on RANKL and OPG")."""
        return self._processes_by_name.get(short_title(self._kb.concepts[concept_id]).lower())

    def _sides_compared(self, reading: Reading, focus: str | None, pair: tuple[str, ...]) -> list[str]:
        """The concepts compared: two parts of one whole as that whole, else those named (or one and the topic)."""
        merged = self._joined_parts_as_whole(reading, list(dict.fromkeys(reading.concepts)))
        referents = merged if len(merged) == 2 else _compared(reading, focus)
        if len(referents) < 2 and len(pair) == 2 and set(referents) <= set(pair) and _BOTH.search(" ".join(reading.words)):
            return list(pair)  # "how do the two differ?": the two just talked about
        return referents

    def _joined_parts_as_whole(self, reading: Reading, referents: list[str]) -> list[str]:
        """ "how do GH and IGF-1 differ from estrogen?": with a third thing compared, two names joined by "and" that
        are parts of one whole (the GH/IGF-1 axis) are that whole, one side of the comparison."""
        if len(set(referents)) < 3:
            return referents
        names = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
        for first, second in zip(names, names[1:]):
            if reading.words[first.end:second.start] not in (("and",), ()):  # ("GH/IGF-1" leaves nothing between)
                continue
            # only a whole made of just those two: estrogen and testosterone are parts of more than one story
            whole = next((w for w in self._wholes_of(first.concept) if w in self._wholes_of(second.concept)
                          and set(self._parts_of(w)) == {first.concept, second.concept}), None)
            if whole:
                at = referents.index(first.concept)
                rest = [c for c in referents if c not in (first.concept, second.concept)]
                return [*rest[:at], whole, *rest[at:]]
        return referents

    def _wholes_of(self, concept_id: str) -> list[str]:
        return self._objects_of(concept_id, "part-of")

    def whole_of_both(self, a: str, b: str) -> str | None:
        """The one whole that two concepts are both parts of (growth hormone and IGF-1: the GH/IGF-1 axis)."""
        shared = set(self._wholes_of(a)) & set(self._wholes_of(b))
        return shared.pop() if len(shared) == 1 else None

    def _declines_of(self, reading: Reading, referents: list[str]) -> tuple[Relation, ...]:
        """ "how does the drop in estrogen differ from the drop in testosterone?": when both fall, the facts naming
        the conditions each is missing in (menopause, hormonal decline with age), if each has one and they differ;
        a change word after "and", "or" or "for" names a thing ("muscles and falls"), not a fall."""
        if not self._says_a_fall(reading.words):
            return ()
        missing = [self._missing_in(c) for c in referents]
        if sum(map(bool, missing)) == 1:  # the other falls in the counterpart of that condition, if it speaks of it
            missing = self._with_counterpart(missing, referents)
        return tuple(missing) if all(missing) and missing[0].object != missing[1].object else ()

    def _cause_of_a_fall(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what causes the drop in estrogen?": what leads to a thing falling is the condition it is missing in
        (menopause), not the thing itself."""
        frame = reading.frame
        if not (frame and frame.leads_from and len(set(reading.concepts)) == 1 and self._says_a_fall(reading.words)) \
                or _WHY_IT_MATTERS.search(" ".join(reading.words)):
            return None  # ("why might a low IGF-1 be bad for bones?" asks what the fall does, not what causes it)
        missing = self._missing_in(reading.concepts[0])
        if missing is None:
            return None
        return Decision("concept", (missing.object,), frame, (missing,), how=f"what {reading.concepts[0]} falls in")

    def _when_it_falls(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "when does OPG drop?", "an example of when it drops": the condition it is missing in, else a condition that
        lowers it (menopause lowers OPG)."""
        if len(set(reading.concepts)) != 1 or not _ASKS_WHEN.search(" ".join(reading.words)) or \
                not self._says_a_fall(reading.words):
            return None  # ("what happens to bone WHEN estrogen is low?" asks what follows, not when)
        fallen = reading.concepts[0]
        fact = self._missing_in(fallen) or next((r for r in self._kb.relations if r.object == fallen and r.relation == "inhibits"
                                                 and self._kb.kinds.get(r.subject) == "condition"), None)
        if fact is None:
            return None
        condition = fact.object if fact.relation == "missing-in" else fact.subject
        return Decision("concept", (condition,), reading.frame, (fact,), how=f"when {fallen} falls: the condition that lowers it")

    def _cause_in_one_sex(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "why do women lose bone faster than men?": of the things the document says cause it, the one that is the
        women's version of a pair (menopause, whose male counterpart is the decline of hormones with age)."""
        frame = reading.frame
        who = self._first_audience(reading.words)
        if not (frame and frame.leads_from and who and len(set(reading.concepts)) == 1):
            return None
        other = "women" if who == "men" else "men"
        causes = [r for r in self._kb.relations if r.object == reading.concepts[0] and r.relation in frame.leads_from]
        fact = next((r for r in causes if self._kb.counterpart(r.subject, other)), None)
        if fact is None:
            return None
        return Decision("concept", (fact.subject,), frame, (fact,), how=f"what causes {fact.object} in {who}")

    def audience_asked(self, reading: Reading) -> frozenset[str]:
        """The words for the one audience a question asks about first (men or women); for "who is each one for?",
        the words of any audience; or none."""
        if _WHO_EACH_IS_FOR.search(" ".join(reading.words)):
            return self._for_whom
        who = self._first_audience(reading.words)
        return self._audience_words(who) if who else frozenset()

    def _first_audience(self, said: tuple[str, ...]) -> str | None:
        """ "men" or "women", whichever the question names first; None when it names neither."""
        return next((who for w in said for who in ("men", "women") if w in self._audience_words(who)), None)

    def _says_a_fall(self, words: tuple[str, ...]) -> bool:
        return any(self._changes.get(stem(w)) == "down" and (i == 0 or words[i - 1] not in ("and", "or", "for"))
                   for i, w in enumerate(words))

    def _with_counterpart(self, missing: list, referents: list[str]) -> list:
        known = next(m for m in missing if m)
        other = referents[missing.index(None)]
        paired = self._kb.counterpart(known.object, "men") or self._kb.counterpart(known.object, "women")
        if paired and self._speaks_of(paired, other):
            return [m or Relation(other, "missing-in", paired) for m in missing]
        return missing

    def _falls_in(self, concept_id: str, condition: str, reading: Reading) -> bool:
        """Whether the question says a thing falls and the document names the condition it goes missing in."""
        missing = self._missing_in(concept_id)
        return missing is not None and missing.object == condition and self._says_a_fall(tuple(reading.words))

    def _missing_in(self, concept_id: str) -> Relation | None:
        return next((r for r in self._kb.relations if r.subject == concept_id and r.relation == "missing-in"), None)

    def _speaks_of(self, concept_id: str, other: str) -> bool:
        """Whether a concept's plain text names another ("hormonal decline with age" speaks of testosterone)."""
        name = self._kb.concepts[other].title.split(" (")[0].lower()
        return name in self._kb.concepts[concept_id].explain[LEVELS[0]].lower()

    def _three_way(self, reading: Reading, referents: list[str], frame: Frame) -> Decision | None:
        """ "osteoblasts vs osteocytes vs osteoclasts?": three listed side by side, unless a concept covers all three
        (the RANK/RANKL/OPG pathway explains RANK, RANKL and OPG together; the therapy table HRT, TRT and peptides)."""
        if len(set(referents)) != 3 or len(referents) != 3 or not _listed(reading):
            return None
        joining = [c for c in self._rank(reading, None) if c.score >= self.thresholds.anchor and c.concept_id not in referents
                   and self._links(c, referents) == 3]
        if joining:  # "compare HRT, TRT and the GH peptides": the document's table of the three
            return Decision("concept", (joining[0].concept_id,), frame, how="the concept that covers the three compared")
        return Decision("compare", tuple(referents), frame, how="a comparison of the three concepts named")

    def _in_the_other_sex(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "why is estrogen important for male bones too?": one name asked of the people its declared counterpart is
        about (estrogen in men is testosterone's conversion to estrogen); the counterpart answers."""
        frame = reading.frame
        # "which mutation shows ...?" asks for a thing of its own, not about the name
        if len(reading.named) != 1 or "which" in reading.words[:2] or not (frame and frame.id in _ASKED_OF_ANYONE):
            return None
        # only men: women make testosterone too ("where is testosterone made in women?" asks of testosterone)
        said = set(reading.words)
        if not said & self._audience_words("men") or said & self._audience_words("women"):
            return None
        found = self._kb.counterpart(reading.named[0], "men")
        if found is None:
            return None
        return Decision("concept", (found,), frame, runner_up=reading.named[0],
                        how=f"what the document says of {reading.named[0]} in men: its counterpart")

    def _only_for_the_others(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what does TRT do in women?", "what does progesterone do in men?": one name asked of the people its text
        never speaks of, only of the others, with no counterpart for them: the document does not say; so it is said."""
        frame, who = reading.frame, self._first_audience(reading.words)
        # (what it does in them; "is osteoporosis only a women's problem?" asks whom it touches, which is answered)
        if len(reading.named) != 1 or not (who and frame and frame.id in _WHAT_IT_DOES) or "only" in reading.words:
            return None
        named, others = reading.named[0], "women" if who == "men" else "men"
        if set(reading.words) & self._audience_words(others) or self._kb.counterpart(named, who):
            return None
        if not self.only_for(named, others):
            return None
        return Decision("other-sex", (named,), frame, topic=who, how=f"what the document says of {named} concerns {others} only")

    def _between_the_sexes(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "how does bone loss differ between men and women?": one thing compared across the two audiences; the
        concept (the one named, else one linked to it) with a sentence that speaks of both leads with it."""
        frame = reading.frame
        if not (frame and frame.answer == "compare") or len(reading.named) > 1 or \
                not self._speaks_of_both(" ".join(reading.words)):
            return None
        named = reading.named or ([focus] if focus else [])
        wanted = self._passages.wanted([*self._audience_words("men"), *self._audience_words("women"), *reading.content_words])
        for concept_id in self._named_then_linked(reading, named):
            found = self._passages.best_in(concept_id, LEVELS[0], wanted)
            if found and self._speaks_of_both(found.text):
                # a linked concept whose sentence sets them side by side ("how does bone loss differ between men
                # and women?": the decline of hormones with age) is what a question about a condition or process is
                # about; a hormone named stays the topic, led by that sentence
                return Decision("concept", (self._side_by_side_topic(named, concept_id),), frame, lead=found.text,
                                runner_up=next(iter(named), None), how="the sentence that sets men and women side by side")
        return self._each_sex_in_turn(reading, named, frame)

    def _side_by_side_topic(self, named: list[str], found_in: str) -> str:
        if not named or self._kb.kinds.get(named[0]) in HAPPENING_KINDS:
            return found_in
        # a thing the document gives a counterpart in men ("estrogen in women vs in men": estrogen made from
        # testosterone in bone) is about that counterpart, where the two differ
        return self._kb.counterpart(named[0], "men") or named[0]

    def _each_sex_in_turn(self, reading: Reading, named: list[str], frame: Frame) -> Decision | None:
        """ "is osteoporosis in men different from in women?" where no one sentence speaks of both: the named
        concept's (or a linked one's) sentence about each, in the order asked; "in women or men?" of IGF-1, whose
        text speaks of women only ("most notably in women"), gets that one sentence."""
        if not named:
            return None
        first = self._first_audience(reading.words) or "men"
        said = [found.text for who in (first, "women" if first == "men" else "men")
                if (found := self._sentence_for(reading, named, who))]
        if not said:
            return None
        return Decision("concept", (named[0],), frame, lead=" ".join(dict.fromkeys(said)),
                        how="the sentences about men and about women, one after the other")

    def _sentence_for(self, reading: Reading, named: list[str], who: str):
        """The best sentence of the named concept (or one linked to it) that speaks of `who`, or None."""
        wanted = self._passages.wanted([*self._audience_words(who), *reading.content_words])
        return next((f for c in self._named_then_linked(reading, named)
                     if (f := self._passages.best_in(c, LEVELS[0], wanted))
                     and set(words(f.text.lower())) & self._audience_words(who)), None)

    def _named_then_linked(self, reading: Reading, named: list[str]) -> list[str]:
        """The one named first, then those linked to it in the pack's order; with nothing named, the best matches."""
        if named:
            return [*named, *self._kb.concepts[named[0]].related]
        return [c.concept_id for c in self._rank(reading, None)]

    def _speaks_of_both(self, sentence: str) -> bool:
        said = set(words(sentence.lower()))
        return bool(said & self._audience_words("men") and said & self._audience_words("women"))

    def _audience_words(self, who: str) -> frozenset[str]:
        return self._audiences.get(who, frozenset())

    def _version_of(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what's the growth hormone version of that called?" after hormonal decline: the one kind of the thing
        referred to (a fact "somatopause is-a hormonal decline") that is linked to the name given (growth hormone)."""
        referred = [*reading.concepts, focus] if focus and focus not in reading.concepts else list(reading.concepts)
        if not _VERSION_OF.search(reading.masked) or len(referred) < 2:
            return None
        named, general = referred[0], referred[1]
        kinds_of = [r.subject for r in self._kb.relations if r.relation == "is-a" and r.object == general
                    and r.subject != named and self._touches(r.subject, [named])]
        if len(kinds_of) != 1:
            return None
        return Decision("concept", (kinds_of[0],), reading.frame, runner_up=general,
                        how=f"the kind of {general} that goes with {named}")

    def _consequence_question(self, reading: Reading, focus: str | None) -> Decision | None:
        frame = reading.frame
        if frame and frame.answer == "consequence":
            return self._consequence(reading, frame, focus)
        return self._what_moves(reading, focus)

    def _what_moves(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "What surges when estrogen drops at menopause?": what the cause acts on directly, moving the way asked
        (a fall of what lowers a thing raises it)."""
        moves = self._moves_asked(reading.words)
        if not moves:
            return self._what_the_topic_moves(reading, focus)
        # "at menopause" only says when; "when GH peptides boost growth hormone" names a chain, not one cause
        causes = list(dict.fromkeys(m.concept for m in reading.mentions if reading.words[m.start - 1] not in _AT_A_TIME))
        if len(causes) != 1:
            return None
        asked, cause_move = moves
        facts = self._moving(causes[0], 1 if asked == cause_move else -1)
        if not facts:
            return None
        order = {kind: i for i, kind in enumerate(KIND_ORDER)}
        effects = tuple(sorted(dict.fromkeys(f.object for f in facts), key=lambda c: order.get(self._kb.kinds.get(c), 99)))[:2]
        said = tuple(next(f for f in facts if f.object == e) for e in effects)
        return Decision("consequence", (*effects, causes[0]), self._consequence_frame, said, cause_move,
                        how=f"what {causes[0]} acts on, moving {asked}")

    def _what_the_topic_moves(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "what surges?" right after menopause: what the topic itself raises ("and what drops?": lowers), said first
        by its facts."""
        asked = [w for w in reading.words if w not in _OPENERS]
        move = self._changes.get(stem(asked[1])) if len(asked) == 2 and asked[0] in ("what", "which") else None
        facts = self._moving(focus, 1 if move == "up" else -1) if move and focus and not reading.mentions else ()
        if not facts:
            return None
        return Decision("concept", (focus,), reading.frame, facts[:2], how=f"what {focus} moves {move}")

    def _actor_of_two_deeds(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which hormone lowers RANKL and raises OPG?": two deeds, each done to its own name, asked of one actor:
        the actor of the kind asked that the pack says does both."""
        deeds = self._two_deeds_asked(reading)
        if not deeds:
            return None
        facts = self._of_asked_kind(reading, [r for r in self._kb.relations if (r.relation, r.object) in deeds])
        doing = {}
        for fact in facts:
            doing.setdefault(fact.subject, []).append(fact)
        actor = next((a for a, done in doing.items() if {(f.relation, f.object) for f in done} >= set(deeds)), None)
        if actor is None:
            return None
        return Decision("concept", (actor,), reading.frame, tuple(doing[actor]),
                        how="the one the document says does both things asked")

    def _two_deeds_asked(self, reading: Reading) -> tuple[tuple[str, str], ...]:
        """The frame's relation to the first name and the one of the verb after "and" to the second, or ()."""
        frame, named = reading.frame, list(dict.fromkeys(reading.concepts))
        if not (frame and frame.answer == "relation" and frame.relation and reading.side == "actor" and len(named) == 2):
            return ()
        second = next((r for r in self._relations_of_purpose(reading.words) if r != frame.relation), None)
        return ((frame.relation, named[0]), (second, named[1])) if second else ()

    def process_of_change(self, one: str, other: str) -> str | None:
        """The process named after a change of one thing into another, or into the kind the other is a form of
        (testosterone into estrogen, of which estradiol is one)."""
        kinds = [r.object for r in self._kb.relations if r.relation == "is-a" and r.subject in (one, other)]
        pairs = ((one, other), *((one, k) for k in kinds), *((k, other) for k in kinds))
        return next((p for p in (self.named_after(a, b) for a, b in pairs) if p), None)

    def _mechanism_in_depth(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "at the molecular level, how does estrogen protect bone?": how one thing acts, asked in depth, is what it binds
        (estrogen receptor alpha) or the process titled after it (testosterone's conversion to estrogen in bone), not
        the overview of the thing itself."""
        named = _named_not_aside(reading)
        in_depth = bool(reading.cue and reading.cue.level == "academic")
        if not (in_depth and len(named) == 1 and "how" in reading.words and self._action_words & set(reading.words)):
            return None
        # where it acts first, molecule to molecule: what it binds (estrogen's receptor), else the process titled after it
        bound = next((r.object for r in self._kb.relations if r.subject == named[0] and r.relation == "binds"), None)
        process = bound or self.own_process(named[0])
        return Decision("concept", (process,), reading.frame, how="how the one named acts, asked in depth") \
            if process else None

    def _relation_question(self, reading: Reading, focus: str | None) -> Decision | None:
        frame = reading.frame
        if not (frame and frame.answer == "relation") or self._source_asked_for(reading):
            return None
        return self._relation(reading, frame, focus)

    def _source_asked_for(self, reading: Reading) -> bool:
        """ "which reference is about HRT preventing osteoporosis?": the list of sources named by a word that asks for a
        source; the relation is the subject of a paper, not a question of its own."""
        return bool(self._source_words & set(reading.words)) and \
            any(self._kb.kinds.get(m.concept) == "source" for m in reading.mentions if m.how == "name")

    def _linking_question(self, reading: Reading, focus: str | None) -> Decision | None:
        frame, referents = reading.frame, reading.concepts
        # a frame asking the link itself ("how do BMD and osteoporosis relate?") needs no fact joining the two
        asks_the_link = bool(frame and frame.answer == "link" and len(set(referents)) == 2)
        if not (frame and (self._two_linked(referents) or asks_the_link)):
            return None
        if not frame.link and not asks_the_link:
            return self._cause_of_two(frame, referents) if frame.leads_with else None
        # a question that is nearly one of a concept's own examples ("what is the dual effect of estrogen on
        # resorption signals") is that concept's; otherwise the facts that link the two answer it
        linking = self._kb.acting_between(referents[0], referents[1])
        itself = self._the_link_itself(referents, frame, linking, asks_the_link)
        if itself:
            return itself
        top = self._example_over(reading, focus, referents)
        if top:
            # that concept answers, opened by the facts that link the two names ("estrogen holds back RANKL")
            return Decision("concept", (top.concept_id,), frame, linking, confidence=min(top.score, 1.0),
                            how="a concept's own example, opened by the facts that link the two named")
        return Decision("link", tuple(referents), frame, how="what the document says links the two concepts")

    def _the_link_itself(self, referents: tuple[str, ...], frame: Frame, linking: tuple[Relation, ...],
                         asks_the_link: bool) -> Decision | None:
        """A process named after the two ("Estrogen's effect on RANKL and OPG") is about the link itself; asked how
        two are linked ("how are GH and IGF-1 related?"), so is the one whole both are parts of (the GH/IGF-1 axis),
        as for "how are they linked?" after the two. Either is opened by the facts that link them."""
        titled = self.named_after(referents[0], referents[1]) or self._named_after_the_parts(referents)
        if titled:
            return Decision("concept", (titled,), frame, linking, how="the process named after the two, opened by the facts that link them")
        whole = self.whole_of_both(referents[0], referents[1]) if asks_the_link else None
        if whole:
            return Decision("concept", (whole,), frame, linking, how="the whole the two named are parts of, opened by the facts that link them")
        return None

    def _example_over(self, reading: Reading, focus: str | None, referents: tuple[str, ...]) -> Candidate | None:
        """A concept other than the two whose own example the question nearly is; a source's title naming the two
        is no link the document draws ("how does IGF-1 relate to BMD?" is not the Yakar paper)."""
        top = next(iter(self._rank(reading, focus)), None)
        if top and top.score >= self.thresholds.example and top.concept_id not in referents and \
                self._kb.kinds.get(top.concept_id) != "source" and self._example_names_them(top, reading, referents):
            return top
        return None

    def _example_names_them(self, top: Candidate, reading: Reading, referents: tuple[str, ...]) -> bool:
        """Whether the example says each name the question said, or at least does not name its own concept where
        the question names another: "how does IGF-1 act on osteoblasts?" is no example "how does GH act on
        osteoblasts" with one name put for another."""
        key = frozenset(self._matcher.stems_of(fold(top.key).split()))
        said = [self._name_stems(r, reading) for r in referents]
        if all(stems & key for stems in said if stems):
            return True
        concept = self._kb.concepts[top.concept_id]
        question_names = frozenset().union(*said)
        own_names = (frozenset(self._matcher.stems_of(fold(n).split())) for n in (concept.title, *concept.aliases))
        # its own name in the example, sharing no word with the names asked about, stands where they stood
        return not any(n and n <= key and not n & question_names for n in own_names)

    def _two_linked(self, referents: tuple[str, ...]) -> bool:
        return len(referents) == 2 and self._linked_by_fact(*referents)

    def _cause_of_two(self, frame: Frame, referents: tuple[str, ...]) -> Decision | None:
        """ "why do women lose bone so fast after menopause?": of two names joined by a fact of the frame's lead
        relation (menopause leads to age-related bone loss), the one that acts."""
        linking = tuple(r for r in self._kb.relations if {r.subject, r.object} == set(referents[:2])
                        and r.relation in frame.leads_with)
        if not linking:
            return None
        return Decision("concept", (linking[0].subject,), frame, how="the cause of the two named (a fact links them)")

    def _named_after_the_parts(self, referents: tuple[str, ...]) -> str | None:
        """ "what does estrogen do to the RANKL/OPG ratio?": a measure whose title names two others stands for them,
        so the process named after the one and those two ("Estrogen's effect on RANKL and OPG") is the link."""
        for one, measure in (referents[:2], referents[1::-1]):
            if self._kb.kinds.get(measure) != "measure":
                continue
            parts = [c for c in self._kb.concepts if c not in (one, measure) and self._passages.titles_name(measure, c)]
            titled = self.named_after(one, *parts) if len(parts) > 1 else None
            if titled:
                return titled
        return None

    def named_after(self, *named: str) -> str | None:
        """A process named after all the concepts, which is about the link itself; a whole they are parts of ("the
        RANK/RANKL/OPG pathway") is more than the link between them."""
        titled = self._passages.titled_after(named, "process")
        whole = any(r.relation == "part-of" and r.object == titled and r.subject in named for r in self._kb.relations)
        return None if whole else titled

    def _named_after_the_other(self, named: list[str]) -> str | None:
        """Of two names, the one whose own title names the other ("does hormone optimization reduce inflammation?":
        the systemic effects OF hormonal optimization): the question is about that narrower thing."""
        if len(named) != 2:
            return None
        found = [a for a, b in (named, named[::-1]) if self._passages.titles_name(a, b)]
        return found[0] if len(found) == 1 else None

    def whole_named(self, named: list[str]) -> str | None:
        """A process one name is part of and another names ("what does aromatase turn testosterone into?":
        testosterone's conversion to estrogen, which aromatase is part of): the question is about that process."""
        parts = [(r.subject, r.object) for r in self._kb.relations if r.relation == "part-of" and r.subject in named]
        for part, whole in parts:
            # a whole several names are parts of (the RANK/RANKL/OPG pathway) is more than what is asked
            alone = sum(1 for _, w in parts if w == whole) == 1
            if alone and self._kb.kinds.get(whole) == "process" and any(
                    n != part and self._passages.titled_after((n,), "process") == whole for n in named):
                return whole
        return None

    def headed_by(self, noun: str, linked_to: str) -> str | None:
        """The one concept other than `linked_to` whose title's head is this noun and that is linked to it ("genes":
        the RANKL and OPG genes, of estrogen's effect on RANKL and OPG); None when there is no such one."""
        headed = [c for c, head in self._title_heads.items() if head == stem(noun) and c != linked_to
                  and self._touches(c, [linked_to])]
        return headed[0] if len(headed) == 1 else None

    def named_with(self, noun: str | None, concept_id: str) -> str | None:
        """Another concept whose title names `concept_id` with the noun the question asked for ("the RANKL and OPG
        genes" for a gene of OPG); None when the concept's own names hold the noun (a receptor asked, ERα named)."""
        return self._passages.titled_with(noun, concept_id) if noun else None

    def _expansion(self, reading: Reading, focus: str | None) -> Decision | None:
        frame = reading.frame
        if frame and frame.answer == "expand" and reading.concepts:
            return Decision("expand", (reading.concepts[0],), frame, how="a question about what the name stands for")
        named = self._other_name_asked(reading)
        return Decision("expand", (named,), frame, how="another name asked for a thing named") if named else None

    def _other_name_asked(self, reading: Reading) -> str | None:
        """ "what is the technical term for bone building?": a name asked for a thing the question names right after
        "for" and last is that thing's other name (osteogenesis); "the name for the making of new osteoclasts"
        describes a thing to find, which the example questions choose."""
        if not (reading.frame and reading.frame.id == "naming"):
            return None
        last = max((m for m in reading.mentions if m.how == "name"), key=lambda m: m.end, default=None)
        if last is None or last.end != len(reading.words) or "for" not in reading.words[max(0, last.start - 2):last.start]:
            return None
        return last.concept if other_names(self._kb.concepts[last.concept], last.text) else None

    # --- consequences ("what happens to RANKL when estrogen falls?") ------------------------------
    def _consequence(self, reading: Reading, frame: Frame, focus: str | None) -> Decision | None:
        """The effect is the name after "happens to" / "do to"; the cause is the other name, or the topic under
        discussion; the facts that lead from cause to effect say which way it moves. None when none lead there."""
        effects = self._effects(reading)
        causes = _causes(reading, effects, focus)
        if not effects or not causes or causes[0] in effects:
            return None
        effects, chains = self._chains_to(causes[0], effects)
        if not effects or not all(chains):
            return None
        move = self._change_named(reading)
        return Decision("consequence", (*effects, causes[0]), frame, tuple(f for chain in chains for f in chain), move,
                        how=f"what the document's facts say follows from {causes[0]} for {' and '.join(effects)}")

    def _moves_asked(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        """ "what SURGES when estrogen DROPS ...", "what does the FALL in estrogen RAISE?": the move asked about and
        the cause's move, or None."""
        if len(words) < 4 or words[0] not in ("what", "which"):
            return None
        if words[2] in _WHEN:
            asked = self._changes.get(stem(words[1]))
            cause_move = next((self._changes[stem(w)] for w in words[3:] if stem(w) in self._changes), "")
        elif len(words) >= 6 and words[1] in _AUXILIARIES and words[2] in ("the", "a") and words[4] in ("in", "of"):
            asked, cause_move = self._changes.get(stem(words[-1])), self._changes.get(stem(words[3]), "")
        else:
            return None
        return (asked, cause_move) if asked and cause_move else None

    def _moving(self, cause: str, sign: int) -> tuple[Relation, ...]:
        """The cause's facts of this sign (stimulating 1, inhibiting -1)."""
        return tuple(r for r in self._kb.relations if r.subject == cause and _SIGNS.get(r.relation) == sign)

    def _chains_to(self, cause: str, effects: list[str]) -> tuple[list[str], list[tuple[Relation, ...]]]:
        """The effects and the facts leading to each; for one whole that none lead to ("what happens to the RANKL/OPG
        system when estrogen is lost?"), the parts of it the cause acts on."""
        chains = [self._chain(cause, effect) for effect in effects]
        if not all(chains) and len(effects) == 1:
            effects = [p for p in self._parts_of(effects[0]) if self._chain(cause, p)]
            chains = [self._chain(cause, p) for p in effects]
        return effects, chains

    def _change_named(self, reading: Reading) -> str:
        """The direction of the first word of change in the question ("falls": down), or ""."""
        return next((self._changes[stem(w)] for w in reading.words if stem(w) in self._changes), "")

    @staticmethod
    def _effects(reading: Reading) -> list[str]:
        """The names right after "happens to" / "do to", with those joined to them ("to RANKL and OPG")."""
        words = reading.words
        for i in range(len(words) - 1):
            if (words[i], words[i + 1]) in _CONSEQUENCE_AFTER:
                start = _past_measure(words, i + 2)  # "what happens to the RATE OF bone breakdown ...?"
                after = [m for m in reading.mentions if start <= m.start <= start + 1]
                if not after:
                    return []
                effects = [after[0]]
                for m in reading.mentions:
                    if m.start > effects[-1].end and m.start - effects[-1].end <= 1 and \
                            all(w in ("and", "or") for w in words[effects[-1].end:m.start]):
                        effects.append(m)
                return list(dict.fromkeys(m.concept for m in effects))
        return []

    def _chain(self, cause: str, effect: str) -> tuple[Relation, ...]:
        """The shortest run of at most two stimulating or inhibiting facts from cause to effect."""
        acting = [r for r in self._kb.relations if r.relation in _SIGNS]
        firsts = [r for r in acting if r.subject == cause]
        direct = next((r for r in firsts if r.object == effect), None)
        if direct is not None:
            return (direct,)
        return _two_steps(acting, firsts, effect)

    # --- relation questions -------------------------------------------------------
    def _relation(self, reading: Reading, frame: Frame, focus: str | None) -> Decision | None:
        aside = set(reading.aside) | _outcomes_named(reading, frame)
        themes = [c for c in reading.concepts if c not in aside] or ([focus] if focus else [])
        if not themes or self._asks_for_a_part(reading, themes[0]):
            return None
        # the fallback answers "what drives X?" only: what X itself drives is not what makes X
        own = self._own_text_answer(themes[0], frame) if reading.side == "actor" else None
        for relation in filter(None, (frame.relation, *_fallbacks(reading, frame, own))):
            themes, facts = self._facts_asked(reading, relation, themes)
            decision = _facts_answer(reading, frame, relation, themes, facts, aside)
            if decision:
                return decision
        return self._without_facts(reading, frame, themes, aside, own)

    def _facts_asked(self, reading: Reading, relation: str, themes: list[str]) -> tuple[list[str], list[Relation]]:
        """The themes (a turn of them carries on to a fallback relation) and the facts of the relation about them that
        the question asks for: of the kind, sex and purpose it names."""
        themes, facts = self._facts_either_way(relation, reading.side, themes, reading.referred)
        facts = self._for_the_sex_asked(reading, self._of_asked_kind(reading, facts))
        return themes, self._keeping_it_from(reading, self._doing_the_purpose(reading, relation, facts))

    def _doing_the_purpose(self, reading: Reading, relation: str, facts: list[Relation]) -> list[Relation]:
        """ "what binds RANKL to block it?": of the binders, those that also act on it as the purpose says (OPG, which
        holds it back), when there are some."""
        if reading.side != "actor" or len(facts) < 2:
            return facts
        purpose = next((r for r in self._relations_of_purpose(reading.words) if r != relation), None) or _capture(reading)
        if purpose is None:
            return facts
        doing = {(r.subject, r.object) for r in self._kb.relations if r.relation == purpose}
        return [f for f in facts if (f.subject, f.object) in doing] or facts

    def _keeping_it_from(self, reading: Reading, facts: list[Relation]) -> list[Relation]:
        """ "what blocks RANKL from reaching RANK?": of those acting on it, the ones that catch it by binding it
        (OPG), when some do (the reply's facts are narrowed the same way: Engine._made_or_caught)."""
        if reading.side != "actor" or len(facts) < 2 or not reading.asks_what_catches:
            return facts
        binding = {(r.subject, r.object) for r in self._kb.relations if r.relation == "binds"}
        return [f for f in facts if (f.subject, f.object) in binding and f.subject not in reading.aside] or facts

    def _relations_of_purpose(self, said: tuple[str, ...]) -> list[str]:
        """The relations asked by the verbs right after "to" or "and" ("to block it", "and stops it": inhibits)."""
        return [self._verb_relations[stem(w)] for before, w in zip(said, said[1:])
                if before in ("to", "and") and stem(w) in self._verb_relations]

    def _for_the_sex_asked(self, reading: Reading, facts: list[Relation]) -> list[Relation]:
        """ "what lowers RANKL in men?": only the facts whose answer the document describes for men and not women,
        when there are some (testosterone's conversion, TRT); else all of them."""
        who = self._first_audience(reading.words)
        if not who or len(facts) < 2:
            return facts
        end = "subject" if reading.side == "actor" else "object"
        return [f for f in facts if self.only_for(getattr(f, end), who)] or facts

    def _without_facts(self, reading: Reading, frame: Frame, themes: list[str], aside: set[str],
                       own: str | None) -> Decision | None:
        """A relation question no fact answers: a part of the theme that acts, its own sentence, or where it falls."""
        return (self._on_a_part(reading, frame, themes, aside) or self._by_a_part(reading, frame, themes, aside)
                or self._own_text_decision(reading, frame, themes[0], own) or self._where_it_falls(reading, frame, themes[0]))

    def _asks_for_a_part(self, reading: Reading, theme: str) -> bool:
        """ "which cells build it?" of remodeling: the cells that do a process are its cells (see _kind_in_the_topic),
        not what acts on them."""
        # (an enzyme of a conversion is found by what it does: _by_a_part)
        return reading.side == "actor" and reading.answer_type == "cell" and self._kb.kinds.get(theme) == "process" and \
            any(self._kb.kinds.get(p) == "cell" for p in self._parts_of(theme))

    def _on_a_part(self, reading: Reading, frame: Frame, themes: list[str], aside: set[str]) -> Decision | None:
        """ "what activates the GH/IGF-1 axis?": nothing acts on the whole, but what acts from outside on more than
        one of its parts (the peptides stimulate GH and IGF-1) acts on it; acting on one part of a process (GH on
        bone formation, of remodeling) is not acting on the whole."""
        if reading.side != "actor" or not frame.relation or self._kb.kinds.get(themes[0]) != "process":
            return None
        # ("which cells build it?" of remodeling asks for its cells, not for a hormone acting on its parts)
        acting = self._of_asked_kind(reading, self._acting_on_parts(themes[0], {frame.relation, *frame.fallback} - {""}))
        return _relation_answer(reading, frame, acting[0].relation, [acting[0].object], acting, aside) if acting else None

    def _acting_on_parts(self, whole: str, relations: set[str]) -> list[Relation]:
        """The facts of the first thing outside the whole that acts on more than one of its parts; [] if none."""
        parts = set(self._parts_of(whole))
        facts = [r for r in self._kb.relations if r.relation in relations and r.object in parts
                 and r.subject not in parts and r.subject != whole]
        actor = next((f.subject for f in facts if len({g.object for g in facts if g.subject == f.subject}) > 1), None)
        return [f for f in facts if f.subject == actor]

    def _where_it_falls(self, reading: Reading, frame: Frame, theme: str) -> Decision | None:
        """ "what lowers IGF-1 with age?": with nothing said to hold it back, the condition it falls in answers
        (somatopause)."""
        lowers_one = reading.side == "actor" and _SIGNS.get(frame.relation or "") == -1 and len(set(reading.concepts)) <= 1
        missing = self._missing_in(theme) if lowers_one else None
        if missing is None:
            return None
        return Decision("concept", (missing.object,), frame, (missing,), how=f"the condition in which {theme} falls")

    @staticmethod
    def _own_text_decision(reading: Reading, frame: Frame, theme: str, own: str | None) -> Decision | None:
        """ "what produces GH?": its own sentence saying where it is made answers first; but "what ENZYME makes
        estradiol?" asks for a kind the sentence does not name ("which CELLS make testosterone?" is answered by "made
        by the Leydig cells"), and "what makes RANKL the go signal for resorption?" names more than one thing."""
        if not own or len(set(reading.concepts)) > 1:
            return None
        if reading.answer_type and stem(reading.answer_noun or "") not in {stem(w) for w in words(own)}:
            return None
        return Decision("concept", (theme,), frame, lead=own, how="the concept's own sentence that answers")

    def _own_text_answer(self, concept_id: str, frame: Frame) -> str | None:
        """The sentence of the concept's own explanation that the frame says answers before its fallback does."""
        text = self._kb.concepts[concept_id].explain[LEVELS[0]]
        return next((s for s in SENTENCE_END.split(text.strip()) for p in frame.own_text if re.search(p, s.lower())), None)

    def _by_a_part(self, reading: Reading, frame: Frame, themes: list[str], aside: set[str]) -> Decision | None:
        """ "what enzyme does it?" of testosterone's conversion: a process has no actor of its own, but a part of it
        acts in the frame's relation (aromatase, part of the conversion, converts testosterone) and answers."""
        if reading.side != "actor" or not frame.relation or self._kb.kinds.get(themes[0]) != "process":
            return None
        parts = set(self._parts_of(themes[0]))
        facts = self._of_asked_kind(reading, [r for r in self._kb.relations if r.relation == frame.relation and r.subject in parts])
        return _relation_answer(reading, frame, frame.relation, [facts[0].object] if facts else themes, facts, aside)

    def answers_kind(self, asked: str | None, kind: str | None) -> bool:
        """Whether a concept of `kind` answers a question asking for `asked`: the same kind, or a broader one."""
        return asked is not None and (kind == asked or kind in self._broader_kinds.get(asked, ()))

    def _of_asked_kind(self, reading: Reading, facts: list[Relation]) -> list[Relation]:
        """ "which CELLS does it act on?": only the facts whose answer is a cell; none when no answer is one, so the
        concept's own sentence naming a cell answers instead of a fact about something else."""
        if not reading.answer_type or reading.answer_type == "source" or \
                any(self._kb.kinds.get(c) == reading.answer_type for c in reading.concepts):
            return facts  # "what kind of hormone is GH ...": the kind word describes what is named
        end = "subject" if reading.side == "actor" else "object"
        for kinds in ((reading.answer_type,), self._broader_kinds.get(reading.answer_type, ())):
            found = [f for f in facts if self._kb.kinds.get(getattr(f, end)) in kinds]
            if found:
                return found
        return []

    def _facts_either_way(self, relation: str, side: str, themes: list[str],
                          referred: frozenset[str] = frozenset()) -> tuple[list[str], list[Relation]]:
        """The themes (turned round when that finds the facts) and the facts of `relation` about them."""
        facts = self._facts(relation, side, themes, referred)
        if not facts and len(themes) > 1:
            # "what does aromatase turn testosterone into?": the fact is about the second name
            themes = [*themes[1:], themes[0]]
            facts = self._facts(relation, side, themes, referred)
        return themes, facts

    def _facts(self, relation: str, side: str, themes: list[str], referred: frozenset[str] = frozenset()) -> list[Relation]:
        """Facts of `relation` about the theme; with several themes asked for their actor, those shared by all."""
        def about(theme: str) -> list[Relation]:
            out = []
            for r in self._kb.relations:
                if r.relation != relation or theme not in (r.subject, r.object) or r.subject == r.object:
                    continue
                if side == "actor" and r.object == theme or side == "target" and r.subject == theme:
                    out.append(r)
                elif relation in SYMMETRIC_RELATIONS:  # binding and opposing go both ways: turn the fact round
                    out.append(Relation(r.object, r.relation, r.subject, r.source, r.line))
            return out

        if side == "actor" and len(themes) > 1:
            # a theme referred to that nothing acts on in this relation ("what tips IT toward OPG?" of the ratio)
            # is what the answer moves, not a second thing asked for
            per_theme = [facts for t, facts in zip(themes, map(about, themes)) if facts or t not in referred] or [[]]
            shared = set.intersection(*({f.subject for f in facts} for facts in per_theme))
            return [f for facts in per_theme for f in facts if f.subject in shared]
        return about(themes[0])

    # --- concept answers ------------------------------------------------------------
    def _concept(self, reading: Reading, focus: str | None) -> Decision:
        frame = reading.frame
        asked = self._kind_asked_for(reading, focus)
        if asked:
            return asked
        by_examples = bool(frame and frame.by_examples) or self._wrong_type(reading)
        named = [] if by_examples else _named_not_aside(reading)
        if not named and reading.concepts and not by_examples:  # only a pronoun: the concept under discussion
            return self._about_the_referent(reading, reading.concepts[0])
        before_names = self._before_the_names(reading, focus, named)
        if before_names:
            return before_names
        one = _the_one_asked_about(reading, named, frame)
        if one:
            return self._one_named(reading, focus, one, frame)
        ranked = self._ranked_for(reading, focus, by_examples)
        if named:
            return self._several_named(reading, named, ranked)
        if reading.undecided:
            first, second = reading.undecided[:2]
            return Decision("clarify", (first, second), frame, confidence=0.5, runner_up=second,
                            how="a misspelt name equally near two concepts")
        return self._the_named_linked(reading, self._matched(reading, ranked, focus), by_examples)

    @staticmethod
    def _the_named_linked(reading: Reading, matched: Decision, by_examples: bool) -> Decision:
        """ "in what sense are hormones the conductors of bone renewal?": a frame that answers by a link from what is
        named (`via`) and whose example questions matched nothing still has the one thing named to link from."""
        named = _named_not_aside(reading)
        if not (by_examples and matched.action == "unknown" and reading.frame and reading.frame.via and len(named) == 1):
            return matched
        return Decision("concept", (named[0],), reading.frame, how="the one thing named, linked by the frame")

    def _done_to_the_topic(self, reading: Reading) -> Decision | None:
        """ "what are the RANKL and OPG genes?" ... "and what does estrogen do to THEM?": the one named acts on the concept
        under discussion, whose own text says what it does, so the talk stays on that concept."""
        named, referred = _named_not_aside(reading), [m for m in reading.mentions if m.how == "pronoun"]
        if len(named) != 1 or len(referred) != 1 or referred[0].concept == named[0] or ASKED_AGAIN & set(reading.words):
            return None
        topic = referred[0].concept
        if not (_acts_on_the_pronoun(reading, referred[0]) and self._speaks_of(topic, named[0])):
            return None
        return Decision("concept", (topic,), reading.frame, how="what the one named does to the concept under discussion")

    def _next_step_of_the_topic(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "How is testosterone turned into estrogen?" (aromatase) ... "what does the estrogen THEN do?": the name is what
        the topic's process makes, and its next step is told by that process, titled after it."""
        named = _named_not_aside(reading)
        if not (focus and "then" in reading.words and len(named) == 1 and named[0] != focus):
            return None
        processes = [c for c in (focus, *self._wholes_of(focus), *self._containers_of(focus)) if self._kb.kinds.get(c) == "process"]
        going_on = [c for c in processes if self._passages.titles_name(c, named[0])]
        return Decision("concept", going_on[:1], reading.frame, how="the next step of the process under discussion") \
            if going_on else None

    def _kind_asked_for(self, reading: Reading, focus: str | None) -> Decision | None:
        """A question that asks for a kind of thing: the one concept headed by the noun asked, or one of the kind."""
        titled = self._titled_as_asked(reading) or self._overview_of_kind(reading, focus) or self._the_rest_of_the_kind(reading)
        if titled:
            return titled
        cited = self._sources_asked_for(reading, focus)
        if cited:
            return cited
        if self._asks_another_kind(reading):
            return self._asked_kind(reading, focus)
        return self._kind_in_the_topic(reading, focus) or self._kind_named_for_the_referent(reading) or \
            self._done_to_the_topic(reading) or self._next_step_of_the_topic(reading, focus)

    def _the_rest_of_the_kind(self, reading: Reading) -> Decision | None:
        """ "the bone cells that are not the builders or the breakers": every name set aside, and one thing of the
        kind asked left over (osteocytes)."""
        kind, aside = reading.answer_type, set(reading.aside)
        if not (kind and reading.named and set(reading.named) <= aside):
            return None
        left = [c for c, k in self._kb.kinds.items() if k == kind and c not in aside]
        if len(left) != 1 or not all(self._kb.kinds.get(c) == kind for c in aside):
            return None
        return Decision("concept", (left[0],), reading.frame, how=f"the one {kind} left when those named are set aside")

    def _kind_named_for_the_referent(self, reading: Reading) -> Decision | None:
        """ "What is menopause?" ... "which therapy is meant for it?": a kind asked of the condition or measure a
        pronoun stands for is the one of that kind its sentence that answers names."""
        kind, referents = reading.answer_type, _pronoun_referents(reading)
        # (of a cell or a molecule, "what receptor do they carry?" stays with them, its sentence said first)
        if not kind or reading.named or len(referents) != 1 or self._kb.kinds.get(referents[0]) not in _STATES:
            return None
        return self._the_one_named(reading, referents[0], kind)

    def _kind_in_the_topic(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which cells break it down?" while bone remodeling is discussed: "it" is the bone the process works on, and
        the question asks for the one thing of the kind asked, linked to the topic, whose example questions match
        clearly better than the others of that kind."""
        referents = _pronoun_referents(reading)  # the topic, or what "it" stood for in a question asked again
        topic = referents[0] if len(referents) == 1 else focus
        if not (topic and self._asks_a_kind_of_a_process(reading, topic)) or self._frame_links(reading, topic):
            return None
        kind = reading.answer_type
        of_kind = self._candidates_in_the_topic(kind, topic)
        ranked = [c for c in self._rank(reading, None, limit=20) if c.concept_id in of_kind]
        top, runner = self._top_two(ranked)
        if top is None or top.score < self.thresholds.anchor or runner and not self._clearly_first(top, runner):
            return None
        return Decision("concept", (top.concept_id,), reading.frame, confidence=min(top.score, 1.0),
                        runner_up=topic, how=f"the {kind or 'part'} of {topic} that your question asks for")

    def _frame_links(self, reading: Reading, topic: str) -> bool:
        """ "what controls it?" of remodeling: the frame's own fact (hormones conduct it) answers, not one of its parts."""
        via = reading.frame.via if reading.frame else ""
        return bool(via and self._linked_or_by_its_kind(topic, via))

    def _candidates_in_the_topic(self, kind: str | None, focus: str) -> frozenset[str]:
        """Those of the kind asked linked to the topic; with no kind asked ("what breaks it down?"), the parts of the
        process (osteoclasts, resorption), or right after one part was picked, the parts of its whole again."""
        if kind:
            return frozenset(c for c, k in self._kb.kinds.items() if k == kind and self._touches(c, [focus]))
        return frozenset(p for whole in self._wholes_in_view(focus) for p in self._parts_of(whole))

    def _clearly_first(self, top: Candidate, runner: Candidate) -> bool:
        """Well ahead of the runner-up, or so close to it that a fact links them (resorption, carried out by
        osteoclasts): then they answer alike, and the first will do."""
        return not self._too_close(top, runner) or self._linked_by_fact(top.concept_id, runner.concept_id)

    def _asks_a_kind_of_a_process(self, reading: Reading, focus: str) -> bool:
        """ "which cells break it down?": asked as "which/what KIND ...", of a process under discussion referred to by
        a pronoun, with a word that tells one of the kind from another ("which cells do it?" has none; "how do
        hormones affect it?" asks how)."""
        if reading.named or _pronoun_referents(reading) != [focus] or self._kb.kinds.get(focus) != "process":
            return False
        telling = [w for w in reading.content_words if stem(w) != stem(reading.answer_noun or "")]
        asked = fold(reading.text)
        return bool(telling and (reading.answer_type and _WHICH_KIND.match(asked) or _WHAT_DOES_IT.match(asked)))

    def _titled_as_asked(self, reading: Reading) -> Decision | None:
        """ "what genes does it change?" of estrogen receptor alpha: the one concept whose title holds the noun asked
        for ("RANKL and OPG genes"), when it is linked to what the question is about and that is not titled so."""
        noun, about = reading.answer_noun, reading.concepts[:1]
        head = stem(noun or "")
        if not self._asks_a_titled_noun(reading, head):
            return None
        titled = [c for c, h in self._title_heads.items() if h == head and c not in reading.concepts]
        if len(titled) != 1 or not (self._touches(titled[0], about) or self._through_one(titled[0], about[0])):
            titled = self._part_titled(about[0], head)
            if len(titled) != 1:
                return None
        return Decision("concept", (titled[0],), reading.frame, runner_up=about[0],
                        how=f"the one concept titled with the {noun} your question asks for")

    def titled_with_noun(self, concept_id: str, noun: str | None) -> bool:
        """Whether the concept's title holds the noun ("hormones" in "Hormones and bone health")."""
        return bool(noun) and stem(noun) in self._title_stems[concept_id]

    def _part_titled(self, whole: str, head: str) -> list[str]:
        """ "the receptor in it" of the RANK/RANKL/OPG pathway: its parts whose title has the noun ("RANK (the receptor)")."""
        return [p for p in self._parts_of(whole) if head in self._title_stems[p]]

    def _parts_of(self, whole: str) -> list[str]:
        """The concepts the pack says are part of `whole`, once each, in the pack's order."""
        return list(dict.fromkeys(r.subject for r in self._kb.relations if r.relation == "part-of" and r.object == whole))

    def _asks_a_titled_noun(self, reading: Reading, head: str) -> bool:
        """A noun asked for that is no kind itself ("which HORMONE ...?" asks for any hormone, not one titled so),
        about something named or referred to whose own title it does not head."""
        about = reading.concepts[:1]
        return bool(reading.answer_noun and about and head != stem(reading.answer_type or "")
                    and self._title_heads[about[0]] != head)

    def _through_one(self, a: str, b: str) -> bool:
        """Whether one concept links the two (estrogen's genes: estrogen -> its receptor -> the RANKL and OPG genes)."""
        return any(self._touches(c, [a, b]) for c in self._kb.concepts if c not in (a, b))

    def _asks_another_kind(self, reading: Reading) -> bool:
        """A question naming something that asks for a kind of thing the names are not, other than a source."""
        return bool(reading.answer_type and reading.named and self._wrong_type(reading) and not self._wanted_kind(reading))

    def _of_wanted_kind(self, reading: Reading, focus: str | None) -> Decision | None:
        """The best-matching concept of the kind asked for (see _wanted_kind), if it matches well enough."""
        wanted = self._wanted_kind(reading)
        if not wanted:
            return None
        countering = self._countering(focus, wanted) if focus and not reading.named else []
        if len(countering) == 1:  # "what is menopause doing to bone?" ... "what treatment does the text suggest?"
            return Decision("concept", (countering[0],), reading.frame, confidence=self.thresholds.answer,
                            how=f"the {wanted} the document sets against the concept under discussion")
        # a frame that declares the kind of its answer needs only the best of that kind, not a sure match
        enough = self.thresholds.anchor if reading.frame and reading.frame.answer_kind else self.thresholds.answer
        typed = self._leading_on([c for c in self._rank(reading, focus, limit=20) if self._kb.kinds.get(c.concept_id) == wanted
                                  and c.score >= enough], reading.frame.via if reading.frame else "")
        if typed:
            return Decision("concept", (typed[0].concept_id,), reading.frame, confidence=min(typed[0].score, 1.0),
                            runner_up=_runner(typed), how=f"the {wanted} your question asks for")
        return None

    def _leading_on(self, ranked: list[Candidate], via: str) -> list[Candidate]:
        """ "do these hormone therapies only affect bone?": of the candidates good enough, those the frame's relation
        leads on from (to what they do beyond bone), when any does."""
        return [c for c in ranked if _linked_by(self._kb.relations, c.concept_id, via)] or ranked if via else ranked

    def _countering(self, concept: str, kind: str) -> list[str]:
        """The concepts of a kind that the document says counter this one (facts `counters`: HRT, menopause); a whole
        made of parts (all the protocols) is no such answer: the example questions then choose among its parts."""
        return [r.subject for r in self._kb.relations if r.relation == "counters" and r.object == concept
                and self._kb.kinds.get(r.subject) == kind and not self._parts_of(r.subject)]

    def _two_of_a_kind_asked(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which therapies cut resorption, and which ones support formation?": two of the kind asked for side by side
        are answered by the overview of that kind, before any one relation is."""
        return self._overview_of_kind(reading, focus) if _two_asked(reading) else None

    def _overview_of_kind(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which treatmentS does the text describe?", "which therapy is for men, and which for women?": several of
        a kind asked for, naming none, are answered by the best-matching whole that several of that kind make up."""
        kind = reading.answer_type
        several = (reading.answer_noun or "").endswith("s") or self._speaks_of_both(" ".join(reading.words))
        if not kind or not (_two_asked(reading) or several and not reading.concepts):
            return None
        wholes = [c.concept_id for c in self._rank(reading, focus, limit=40)
                  if self._kb.kinds.get(c.concept_id) == kind and self._whole_of_several(c.concept_id, kind)]
        return Decision("concept", (wholes[0],), reading.frame, how=f"the overview of the {kind} kind your question asks for") \
            if wholes else None

    def _whole_of_several(self, concept_id: str, kind: str) -> bool:
        return sum(1 for p in self._parts_of(concept_id) if self._kb.kinds.get(p) == kind) > 1

    def _several_named(self, reading: Reading, named: list[str], ranked: list[Candidate]) -> Decision:
        """A process named after three or more of the names answers for them all ("how does estrogen influence the
        RANKL and OPG system?": estrogen's effect on RANKL and OPG); else the concept that links them; with two
        and nothing linking them, the process named after both ("why would a man on testosterone still depend on
        estrogen?"), unless the question is about their fall."""
        frame = reading.frame
        titled = self.named_after(*named) if len(named) > 2 else None
        # nearly one of a named concept's own example questions: that concept's, as ever
        own_example = bool(ranked) and ranked[0].score >= self.thresholds.example and ranked[0].concept_id in named
        if titled and not own_example:
            return Decision("concept", (titled,), frame, how="the process named after the ones named")
        narrower = self._named_after_the_other(named)
        if narrower and not (own_example and ranked[0].concept_id != narrower):
            return Decision("concept", (narrower,), frame, how="the one named after the other (the narrower of the two)")
        both = self.named_after(*named) if len(named) == 2 and not self._says_a_fall(reading.words) else None
        subject = _subject(reading)
        # ("why does declining testosterone raise bone loss?" asks what it did; "does falling testosterone raise
        # the chance of bone loss?" whether its fall, the decline of hormones with age, does)
        fallen = subject if reading.words[:1] in (("why",), ("how",)) else None
        return self._linking_named(named, ranked, frame, subject, both, fallen, _subject_of_a_change(reading))

    def _linking_named(self, named: list[str], ranked: list[Candidate], frame: Frame | None,
                       subject: str | None = None, both: str | None = None, fallen: str | None = None,
                       changed: str | None = None) -> Decision:
        """Several names: the best-matching concept that links at least half of them (or one of them itself), else
        the first named. Between names that link as many, the subject of "how does X ..." goes first."""
        linking = self._linking(named, ranked, frame)
        if linking:  # the one that links the most names; of those, the best match ("more RANKL than OPG": the ratio)
            most = max(links for links, _ in linking)
            tied = [c for links, c in linking if links == most]
            candidate = self._linker(tied, [c for _, c in linking], named, subject, changed)
            acting = self._the_one_acting(candidate, named, subject, fallen)
            if acting:
                return Decision("concept", (acting,), frame, runner_up=candidate.concept_id, how="the one named that acts")
            return Decision("concept", (candidate.concept_id,), frame, confidence=min(candidate.score, 1.0),
                            runner_up=_runner(ranked, candidate.concept_id), how="the concept that links the ones named")
        if both:  # "why would a man on testosterone still depend on estrogen?": the one becoming the other
            return Decision("concept", (both,), frame, how="the process named after the two named")
        return Decision("concept", (named[0],), frame, how="the first concept named")

    def _linking(self, named: list[str], ranked: list[Candidate], frame: Frame | None) -> list[tuple[int, Candidate]]:
        """The candidates that link at least half the names, or are one of them, with how many they link. (The other
        sex's match of one named, as TRT of HRT, is a sibling of it, not a link between the names.)"""
        need = max(1, (len(named) + 1) // 2)
        linking = [(self._links(c, named), c) for c in self._may_link(ranked, named, frame)]
        return [(links, c) for links, c in linking if c.concept_id in named
                or links >= need and not self._counterpart_of(c.concept_id, named)
                and not self._acts_against(c.concept_id, named, frame) and not self._treats_no_cause(c.concept_id, named, frame)]

    def _treats_no_cause(self, concept_id: str, named: list[str], frame: Frame | None) -> bool:
        """A therapy that gives a hormone named links it to the loss it makes up for, but is no cause of that loss:
        "why would a man with low testosterone lose bone?" is not answered by TRT."""
        return bool(frame) and frame.id == "cause" and any(
            r.subject == concept_id and r.relation == "contains" and r.object in named for r in self._kb.relations)

    def _acts_against(self, concept_id: str, named: list[str], frame: Frame | None) -> bool:
        """Whether the concept acts on one named the opposite way to the one asked ("what raises resorption after
        menopause?" is not answered by HRT, which lowers it)."""
        opposed = OPPOSED_RELATIONS.get(frame.relation) if frame else None
        return bool(opposed) and any(r.subject == concept_id and r.relation == opposed and r.object in named
                                     for r in self._kb.relations)

    def _counterpart_of(self, concept_id: str, named: list[str]) -> bool:
        """The other sex's match of one named, of the same kind (TRT of HRT)."""
        kinds = self._kb.kinds
        return any(r.relation in COUNTERPART_RELATIONS and {r.subject, r.object} == {concept_id, n}
                   and kinds.get(concept_id) == kinds.get(n) for r in self._kb.relations for n in named)

    def _the_one_acting(self, candidate: Candidate, named: list[str], subject: str | None, fallen: str | None) -> str | None:
        """The subject, when the concept linking the names is only what it acts on or the condition it falls in."""
        if self._acted_on_by_the_subject(candidate, named, subject):
            return subject
        return fallen if self._fallen_in(fallen, candidate, named) else None

    def _fallen_in(self, subject: str | None, candidate: Candidate, named: list[str]) -> bool:
        """ "why does declining testosterone raise the risk of bone loss in men?": the condition the named hormone
        falls in links the names, but the question asks what that hormone did for bone."""
        missing = self._missing_in(subject) if subject in named else None
        return missing is not None and missing.object == candidate.concept_id

    def _acted_on_by_the_subject(self, candidate: Candidate, named: list[str], subject: str | None) -> bool:
        """ "how does OPG slow bone breakdown?": the process named after the one acting is what it acts on, and the
        actor the topic (unless the question is nearly one of that process's own examples; "what is X and how does
        estrogen reduce it?" is about X)."""
        # (a key that is only the process's name, "bone breakdown", is no example of what the subject does to it)
        return len(named) == 2 and subject == named[0] and candidate.concept_id == named[1] \
            and (candidate.score < self.thresholds.example or not self._key_names(candidate, subject)) \
            and self._kb.kinds.get(candidate.concept_id) in ("process", "condition")

    def _linker(self, tied: list[Candidate], linking: list[Candidate], named: list[str], subject: str | None,
                changed: str | None = None) -> Candidate:
        """Of the concepts linking the most names: one not named, matched best, is the more specific answer ("how does
        estrogen change RANKL and OPG?": estrogen's effect on both), unless it only links the subject's names (see
        _subject_first); among names, the subject."""
        first = tied[0]
        if first.concept_id in named:
            return next((c for c in tied if c.concept_id == subject), first)
        if self._subject_first(first, subject):
            # (a condition that merely links them gives way to a subject named with its change, even one matched
            # less well: "how does a drop in OPG speed up bone loss?")
            fallback = Candidate(str(subject), first.score, "") \
                if changed in named and self._kb.kinds.get(first.concept_id) == "condition" else first
            return next((c for c in linking if c.concept_id == subject), fallback)
        return first

    def _subject_first(self, linker: Candidate, subject: str | None) -> bool:
        """ "how does OPG stop bone loss?" asks what OPG does: a process linking the names may answer it, but a
        condition that merely links them (menopause) may not take the subject's place."""
        return subject is not None and self._kb.kinds.get(linker.concept_id) != "process"

    def _may_link(self, ranked: list[Candidate], named: list[str], frame: Frame | None) -> list[Candidate]:
        """Candidates good enough to link the names; a cited source links what it is about, but answers only a
        question about sources."""
        sources_ok = bool(frame and frame.id == "citation") or any(self._kb.kinds.get(n) == "source" for n in named)
        return [c for c in ranked if c.score >= self.thresholds.answer
                and (sources_ok or self._kb.kinds.get(c.concept_id) != "source")]

    def _links(self, candidate: Candidate, named: list[str]) -> int:
        """How many of the names the candidate is linked to, or whose name its best key holds."""
        return sum(1 for n in named if self._touches(candidate.concept_id, [n]) or self._key_names(candidate, n))

    def _asked_kind(self, reading: Reading, focus: str | None) -> Decision:
        """ "which hormone falls at menopause?" names a condition and asks for a hormone: the hormone whose example
        questions match and that is linked to the name, else the concept named, whose sentence naming a hormone
        will answer first."""
        kind, named = reading.answer_type, _named_not_aside(reading)[0]
        ranked = self._rank(reading, focus, limit=20)
        if kind == "source":  # "which paper is about IGF-1?": the sources the document gives on all the names
            citing = self._citing(reading.named, ranked)
            if citing:
                return citing
        first = self._own_example_or_described(reading, ranked, named)
        if first:
            return first
        typed = [c for c in ranked if self._kb.kinds.get(c.concept_id) == kind]
        if self._passages.names_kind(named, self._passages.wanted(reading.content_words), kind,
                                                   self.thresholds.lead_specific):
            return self._the_one_named(reading, named, kind) or \
                Decision("concept", (named,), reading.frame, how=f"the concept named, with its sentence naming a {kind} first")
        if typed and typed[0].score >= self.thresholds.answer and self._touches(typed[0].concept_id, [named]):
            return Decision("concept", (typed[0].concept_id,), reading.frame, confidence=min(typed[0].score, 1.0),
                            runner_up=_runner(typed), how=f"the {kind} your question asks for")
        return Decision("concept", (named,), reading.frame, how="the concept named")

    def _own_example_or_described(self, reading: Reading, ranked: list[Candidate], named: str) -> Decision | None:
        # nearly one of a concept's own example questions, and one about the thing named ("which cells carry out
        # bone resorption?" is not the example "which cells carry out bone remodelling")
        if self._own_example_of(ranked, named):
            return Decision("concept", (ranked[0].concept_id,), reading.frame, confidence=min(ranked[0].score, 1.0),
                            runner_up=_runner(ranked), how="a concept's own example")
        described = (self._described_by_the_names(reading, reading.named) or self._searched_own(reading)) \
            if reading.describes_the_kind else None
        # "the receptor sitting on the osteoclast precursors": RANK's own sentence says so; "the enzyme that turns the
        # male sex hormone into the female one": every name is in the description, so none of them is the answer
        if described and described.concepts[0] not in reading.named:
            return described
        return self._the_cell_doing_it(reading, named)

    def _the_cell_doing_it(self, reading: Reading, process: str) -> Decision | None:
        """ "osteoclasts aren't the ones that build bone: which ones do?": the one cell the pack says carries out the
        process named (osteoblasts cause bone formation), other than those set aside."""
        if reading.answer_type != "cell" or self._kb.kinds.get(process) != "process" or _DEFINES_IT.search(reading.masked):
            return None  # ("what is bone formation, and which cells carry it out?" asks about the process first)
        doers = [r.subject for r in self._kb.relations if r.relation == "causes" and r.object == process
                 and self._kb.kinds.get(r.subject) == "cell" and r.subject not in reading.aside]
        return Decision("concept", (doers[0],), reading.frame, runner_up=process,
                        how=f"the cell that carries out {process}") if len(set(doers)) == 1 else None

    def _own_example_of(self, ranked: list[Candidate], named: str) -> bool:
        top = ranked[0] if ranked else None
        return bool(top and top.score >= self.thresholds.example and (top.concept_id == named or self._key_names(top, named)))

    def _named_there(self, sentence: str, named: str, kind: str, noun: str | None) -> list[str]:
        """The things of the kind a sentence names besides `named`; a molecule only if titled with the noun asked;
        a whole named beside one of its parts (optimization protocols beside the peptides) gives way to the part."""
        ones = self._passages.all_named_of_kind(sentence_stems(sentence)[0][1], kind, frozenset({named}))
        if kind == "molecule":
            ones = [o for o in ones if self._passages.titled_with_word(o, noun)]
        return [o for o in ones if not any(w in ones for w in self._parts_of(o))]

    def _the_one_named(self, reading: Reading, named: str, kind: str) -> Decision | None:
        """ "which therapy refills estrogen in women?": when the named concept's sentence that answers names exactly
        one thing of the kind asked for, that thing is the answer, the sentence said first. Cells are where the
        named thing acts, not another topic (as in relation replies); molecules are too many kinds of thing (a
        receptor asked for, an enzyme named) for one named to be the answer, unless its name holds the noun asked
        ("which RECEPTOR does estrogen act through?": estrogen receptor alpha)."""
        if kind == "cell" or kind == "molecule" and not reading.answer_noun or _asks_several(reading):
            return None
        found = self._passages.best_in(named, LEVELS[0], self._passages.wanted(reading.content_words), kind=kind)
        if found is None:
            return None
        ones = self._named_there(found.text, named, kind, reading.answer_noun)
        if len(ones) != 1:
            return None
        if self._falls_in(ones[0], named, reading):
            # "which hormone falls at menopause?": the fall of that hormone is what the condition is
            return Decision("concept", (named,), reading.frame, lead=found.text, runner_up=ones[0],
                            how=f"the condition named, whose sentence naming the {kind} that falls answers")
        return Decision("concept", (ones[0],), reading.frame, lead=found.text, runner_up=named,
                        how=f"the {kind} named by the sentence about {named} that answers")


    def _sources_asked_for(self, reading: Reading, focus: str | None) -> Decision | None:
        """ "which paper is about RANKL?": a question about sources that names a topic is answered by a source the
        document gives on it, never by a concept whose example merely says where RANKL comes from."""
        if not (reading.frame and reading.frame.id == "citation"):
            return None
        # (nothing named: "which study shows that?" asks of what the pronoun stands for)
        named = _named_not_aside(reading) or list(dict.fromkeys(reading.concepts))
        if named and self._kb.kinds.get(named[0]) == "source":  # "which source is by Riggs and Khosla?": that one
            return Decision("concept", (named[0],), reading.frame, how="the source your question names")
        return self._citing(named, self._rank(reading, focus)) if named else None

    def _citing(self, named: list[str], ranked: list[Candidate]) -> Decision | None:
        """The source that cites every name (a name no source cites is passed over), the best-matching one when
        several do; None when the names' sources have none in common."""
        cited = {r.subject for r in self._kb.relations if r.relation == "cites" and r.object == named[0]}
        for other in named[1:]:
            cited &= {r.subject for r in self._kb.relations if r.relation == "cites" and r.object == other} or cited
        if not cited:
            return None
        best = next((c.concept_id for c in ranked if c.concept_id in cited), sorted(cited)[0])
        return Decision("concept", (best,), None, confidence=1.0, how="the source the document gives on the names")

    def _searched(self, reading: Reading) -> Decision | None:
        """Nothing named and no example close, but the question asks for a kind of thing ("which hormone comes
        from the anterior pituitary?"): the sentence of the pack that answers it best, if it answers well enough."""
        if not reading.answer_type:
            return None
        found = self._passages.search(self._passages.wanted(reading.content_words), reading.answer_type,
                                      self.thresholds.passage)
        if not found:
            return None
        answer, passage = found
        return Decision("concept", (answer,), reading.frame, confidence=self.thresholds.answer, lead=passage.text,
                        how=f"the {reading.answer_type} named by the document's sentence that answers your words best")

    def _carried_on_or_described(self, reading: Reading, top: Candidate | None, focus: str | None) -> Decision | None:
        if focus and self._carries_on_the_topic(reading):
            return Decision("concept", (focus,), reading.frame, how="the concept under discussion (a turn that carries on)")
        return self._described(reading, top)

    def _described(self, reading: Reading, top: Candidate | None) -> Decision | None:
        """ "the hormone that comes from the Leydig cells": a kind of thing described, not named, with no example
        question nearly the same, is the one the pack's sentence sharing the description's rare words names; a
        loose example match ("hormone" alone) does not outvote it."""
        if top is not None and self._nearly_own_example(top) or not reading.describes_the_kind:
            return None
        searched = self._searched_own(reading)
        if searched is None or top is not None and searched.concepts[0] == top.concept_id:
            return None
        return searched

    def _searched_own(self, reading: Reading) -> Decision | None:
        """The search's answer when the sentence found is about it: a description fits the thing's own account of
        itself ("made by the Leydig cells" is testosterone's), not another's sentence naming it in passing."""
        searched = self._searched(reading)
        return searched if searched and self._passages.about(searched.lead or "", searched.concepts[0]) else None

    def _wanted_kind(self, reading: Reading) -> str | None:
        """The kind of concept asked for when the names do not anchor the answer (see _wrong_type), or when nothing
        is named and the frame declares the kind of its answer ("what does the document treat it with in women?")."""
        if not reading.named and reading.frame and reading.frame.answer_kind:
            return reading.frame.answer_kind
        if not self._wrong_type(reading):
            return None
        # only a source, or the kind a frame answers with ("which treatments does the text describe for
        # osteoporosis?": a therapy, not the paper on treating it), is chosen by kind; for "which cells ..." the
        # example questions choose among all concepts
        if reading.frame and reading.frame.answer_kind:
            return reading.frame.answer_kind
        return "source" if "source" in [self._kb.kinds.get(c) for c in reading.named] else None

    def _wrong_type(self, reading: Reading) -> bool:
        """ "which cells build new bone?" names a process but asks for a cell, and "which cited sources deal with HRT?"
        names topics but asks for a source: the names do not anchor it."""
        kinds = [self._kb.kinds.get(c) for c in reading.named]
        if "source" in kinds and len(kinds) > 1:
            return True
        # ("osteoclasts aren't the ones that build bone: which ones do?": a cell set aside anchors nothing)
        kept = [self._kb.kinds.get(c) for c in reading.named if c not in reading.aside]
        return bool(reading.answer_type and kept and reading.answer_type not in kept)

    def _one_named(self, reading: Reading, focus: str | None, named: str, frame: Frame | None) -> Decision:
        """One name: only keys that contain it can outrank it (see _anchored), so just those are scored. For a plain
        question, a concept about the name must outrank it on more than the frame's own words ("what role does
        RANKL play?" is no example question about roles)."""
        within = self._name_stems(named, reading)
        about = self._topic_of_a_part(reading, named)
        if about:
            return about
        if _asks_what_it_is(reading.masked):
            return Decision("concept", (named,), frame, confidence=1.0, how="the concept your question asks to define")
        ranked = self._rank(reading, focus, within)
        if _asked_of_it(reading, named) and not self._nearly_own_example(next(iter(ranked), None)):
            return Decision("concept", (named,), frame, confidence=1.0, how="the subject of your yes-no question")
        decision = self._anchored(named, ranked, frame, reading.words)
        if decision.concept == named or not (frame and frame.plain):
            return decision
        without = self._frame_stems.get(frame.id, frozenset())
        return self._anchored(named, self._rank(reading, focus, within, without=without), frame, reading.words)

    def _before_the_names(self, reading: Reading, focus: str | None, named: list[str]) -> Decision | None:
        """What is chosen before the names anchor the answer: one of the kind the question wants, or what a part of
        the document named with other names is asked about."""
        return self._of_wanted_kind(reading, focus) or self._a_part_asked_about_others(reading, named) \
            or self._described_by_the_names(reading, named)

    def _described_by_the_names(self, reading: Reading, named: list[str]) -> Decision | None:
        """ "the liver hormone that GH triggers": every name stands inside the description of the kind asked, so none
        of them is the answer; the one of that kind that the document's best sentence names besides them is."""
        if not (reading.answer_type and named and set(named) <= set(reading.described_with)):
            return None
        found = self._passages.search(self._passages.wanted(reading.content_words), reading.answer_type,
                                      self.thresholds.passage, besides=frozenset(named))
        if not found:
            return None
        answer, passage = found
        # the sentence leads when it is the answer's or a name's own ("OPG grabs RANKL"), not a third's in passing
        own = passage.concept in named or self._passages.about(passage.text, answer)
        lead = passage.text if own else ""
        return Decision("concept", (answer,), reading.frame, confidence=self.thresholds.answer, lead=lead,
                        runner_up=named[0], how=f"the {reading.answer_type} that the description around the names fits")

    def _a_part_asked_about_others(self, reading: Reading, named: list[str]) -> Decision | None:
        """ "what does the document conclude about combining hormone therapy with GH?": a part of the document
        named with other names is asked about what follows it, as when it is named alone."""
        parts = [c for c in named if self._kb.kinds.get(c) == "section"]
        topic = self._topic_of_a_part(reading, parts[0]) if parts and len(named) > 1 else None
        # a topic the part itself is about ("its conclusion about hormones and bone loss") is answered by the part
        return None if topic is None or topic.concept in self._kb.concepts[parts[0]].related else topic

    def _topic_of_a_part(self, reading: Reading, named: str) -> Decision | None:
        """ "the document's conclusion ABOUT combining therapies": a part of the document named, then what it is
        asked about; that topic answers when its words match a concept well."""
        if self._kb.kinds.get(named) != "section":
            return None
        end = max(m.end for m in reading.mentions if m.concept == named)
        rest = list(reading.words[end + 1:]) if end < len(reading.words) and reading.words[end] in _ABOUT else []
        ranked = [c for c in self._matcher.rank(self._matcher.stems_of(rest)) if c.concept_id != named] if rest else []
        if not ranked or ranked[0].score < self.thresholds.answer:
            return None
        return Decision("concept", (ranked[0].concept_id,), reading.frame, confidence=min(ranked[0].score, 1.0),
                        runner_up=named, how=f"what your question asks the {short_title(self._kb.concepts[named])} about")

    def _anchored(self, concept_id: str, ranked: list[Candidate], frame: Frame | None, words: tuple[str, ...] = ()) -> Decision:
        top = ranked[0] if ranked else None
        own = next((c.score for c in ranked if c.concept_id == concept_id), 0.0)
        # "is RANK a receptor or a ligand?": which sort of thing the one named is, whatever the sorts match
        if not self._may_outrank(top, frame, words) or _WHICH_SORT_IS_IT.match(" ".join(words)) \
                or self._placed_in_its_whole(top, concept_id, words):
            top = None
        if top and top.concept_id != concept_id and top.score >= self.thresholds.answer \
                and top.score >= own + self.thresholds.anchor and self._key_names(top, concept_id):
            return Decision("concept", (top.concept_id,), frame, confidence=min(top.score, 1.0), runner_up=concept_id,
                            how="a concept about the one named, matching more of your words")
        return Decision("concept", (concept_id,), frame, confidence=1.0, runner_up=_runner(ranked, concept_id),
                        how="the concept your question names")

    def _placed_in_its_whole(self, top: Candidate | None, concept_id: str, words: tuple[str, ...]) -> bool:
        """ "what is RANK IN THIS PATHWAY?": the whole the one named is part of only places it; the part is asked."""
        placed = _IN_A_WHOLE.search(" ".join(words))
        return bool(top and placed) and top.concept_id in self._wholes_of(concept_id) \
            and stem(placed.group(3)) in self._title_stems[top.concept_id]  # ("... in the text" places nothing)

    def _may_outrank(self, top: Candidate | None, frame: Frame | None, words: tuple[str, ...]) -> bool:
        """Whether a concept about the one named may take its place: not when a fact of it is asked, unless the
        question is nearly that concept's own example; and a paper about it answers only a question about sources
        ("what's the deal with IGF-1?" is no question about the Giustina paper), whatever fact its title holds."""
        if top is None:
            return False
        a_source = self._kb.kinds.get(top.concept_id) == "source"
        asks_of_sources = bool(frame and frame.id == "citation") or bool(self._source_words & set(words))
        if a_source and asks_of_sources:  # "which reference is about HRT preventing osteoporosis?": a fact inside a title
            return True
        return not (_asks_a_fact(frame) and not self._nearly_own_example(top)) and not a_source

    def _nearly_own_example(self, candidate: Candidate | None) -> bool:
        return bool(candidate and candidate.score >= self.thresholds.example
                    and candidate.recall >= self.thresholds.single_word_recall)

    def _matched(self, reading: Reading, ranked: list[Candidate], focus: str | None) -> Decision:
        """Nothing named: the example questions decide, or the tutor abstains."""
        if self._off_pack(reading, focus):
            return Decision("unknown", (), reading.frame, how="no word the document uses, beyond what the question asks")
        top, runner = self._top_two(ranked)
        carried = self._carried_on_or_described(reading, top, focus)
        if carried:
            return carried
        unsure = self._unsure_of(reading, top, runner, focus)
        torn = runner is not None and self._too_close(top, runner)
        whole = self._the_whole_list(reading, ranked) if unsure or torn else None
        if whole or unsure:
            return whole or self._unmatched(reading, ranked, focus)
        if torn:
            return self._tie(reading, top, runner, focus)
        return Decision("concept", (top.concept_id,), reading.frame, confidence=min(top.score, 1.0),
                        runner_up=runner.concept_id if runner else None, how="matching your words to example questions")

    @staticmethod
    def _tie(reading: Reading, top: Candidate, runner: Candidate, focus: str | None) -> Decision:
        """Two concepts matched almost equally: the one under discussion, if it is one of them; else ask which."""
        if focus in (top.concept_id, runner.concept_id):
            other = runner.concept_id if focus == top.concept_id else top.concept_id
            return Decision("concept", (focus,), reading.frame, confidence=min(top.score, 1.0), runner_up=other,
                            how="two concepts matched almost equally; the one under discussion")
        return Decision("clarify", (top.concept_id, runner.concept_id), reading.frame, confidence=top.score,
                        runner_up=runner.concept_id, how="two concepts matched almost equally")

    @staticmethod
    def _top_two(ranked: list[Candidate]) -> tuple[Candidate | None, Candidate | None]:
        """The best candidate and the best one of another concept."""
        if not ranked:
            return None, None
        return ranked[0], next((c for c in ranked[1:] if c.concept_id != ranked[0].concept_id), None)

    def _the_whole_list(self, reading: Reading, ranked: list[Candidate]) -> Decision | None:
        """ "what sources does this text rely on?": a question about sources that picks out none of them is about
        the list they belong to (the parent of the sources that match best)."""
        if not (reading.frame and reading.frame.id == "citation") or reading.named:
            return None
        parents = {self._kb.concepts[c.concept_id].parent for c in ranked[:3] if self._kb.kinds.get(c.concept_id) == "source"}
        parents.discard(None)
        parents.discard("")
        if len(parents) != 1:
            return None
        return Decision("concept", (parents.pop(),), reading.frame, how="a question about the sources that picks none")

    def _off_pack(self, reading: Reading, focus: str | None) -> bool:
        """No word of the pack's ("what causes rainbows?"), unless it goes on with the topic ("and what happens next?")."""
        return reading.off_pack and not (focus and self._only_weak_words(reading))

    def _unmatched(self, reading: Reading, ranked: list[Candidate], focus: str | None) -> Decision:
        """No example question close enough: a follow-up on the concept under discussion, a sentence of the pack
        that answers, or unknown."""
        # "give me an example" names nothing but asks about the concept under discussion; "what is X" with an
        # unknown X (the default frame) does not
        if focus and self._follow_up(reading):
            return Decision("concept", (focus,), reading.frame, how="the concept under discussion (a follow-up)")
        headed = self._bare_head(reading)
        if headed:
            return headed
        searched = self._searched(reading)
        if searched:
            return searched
        if focus and self._only_weak_words(reading):
            # "and what happens next?": nothing but weak words, so about the concept under discussion
            return Decision("concept", (focus,), reading.frame, how="the concept under discussion (nothing else named)")
        return Decision("unknown", (), reading.frame, nearby=tuple(c.concept_id for c in ranked if c.score > 0)[:3],
                        how="nothing named, and no example question close enough")

    def _bare_head(self, reading: Reading) -> Decision | None:
        """ "the ratio", "that pathway?": a bare noun that heads the title of one concept only names it."""
        content = [stem(w) for w in reading.content_words]
        if len(reading.words) > 3 or len(content) != 1 or reading.content_words[0] in WEAK_WORDS:
            return None
        titled = [c for c, head in self._title_heads.items() if head == content[0]]
        if len(titled) != 1:
            return None
        return Decision("concept", (titled[0],), reading.frame, how="the one concept headed by the noun you named")

    def _carries_on_the_topic(self, reading: Reading) -> bool:
        """ "and the effect on bone?" right after the peptides: the same topic, asked one thing more (a frame that
        answers with the sentence holding its words, "and where does the complex go?", finds its own concept)."""
        return self._follow_up(reading) and (reading.carries_on or self._says_only_what_is_asked(reading)) \
            and not reading.frame.answer_words

    def _says_only_what_is_asked(self, reading: Reading) -> bool:
        """ "what's a main cause?": every word it has is its frame's own, so it asks that of the topic."""
        own = self._frame_stems.get(reading.frame.id, frozenset())
        said = [w for w in reading.content_words if w not in WEAK_WORDS]
        return bool(said) and all(stem(w) in own for w in said)

    def _follow_up(self, reading: Reading) -> bool:
        """A short question in a frame of its own ("give me an example"), not the default frame."""
        return bool(reading.frame and reading.frame is not self._default and len(reading.content_words) <= 2)

    def _only_weak_words(self, reading: Reading) -> bool:
        """Nothing strange and no content word but weak and follow-on words ("and what happens next?")."""
        return not reading.strange and not any(w not in WEAK_WORDS and w not in self._follow_on
                                               for w in reading.content_words)

    def _too_close(self, top: Candidate, runner: Candidate) -> bool:
        """Two unrelated concepts matched well and almost equally: ask which was meant."""
        return runner.score >= self.thresholds.answer and top.score - runner.score < self.thresholds.margin \
            and not self._related(top.concept_id, runner.concept_id)

    def _rank(self, reading: Reading, focus: str | None, within: frozenset[str] = frozenset(), limit: int = 5,
              without: frozenset[str] = frozenset()) -> list[Candidate]:
        stems = [s for s in self._matcher.stems_of(list(reading.words)) if s not in without]
        return self._matcher.rank(stems, self._boosts(reading, focus), limit=limit, within=within)

    def _ranked_for(self, reading: Reading, focus: str | None, by_examples: bool) -> list[Candidate]:
        ranked = self._rank(reading, focus)
        return (self._referent_spelled_out(reading, ranked) or ranked) if by_examples else ranked

    def _about_the_referent(self, reading: Reading, referent: str) -> Decision:
        """ "how are they formed?" of osteoclasts: ranked as if the pronoun were the name, a concept about the one
        referred to that matches more of the words (osteoclastogenesis) answers, as for "how are osteoclasts formed?";
        else the concept under discussion."""
        # ("how are they formed?" asks how a process goes; "what makes them form?" asks who drives it)
        plain = bool(reading.frame and reading.frame.default) and "how" in reading.words[:2]
        stems = self._matcher.stems_of(list(reading.words) + self._kb.concepts[referent].title.lower().split())
        decision = self._anchored(referent, self._matcher.rank(stems, {}, limit=6), reading.frame, reading.words) \
            if plain else None
        if decision and decision.concepts[0] != referent and self._titled_by_a_word_asked(reading, decision.concepts[0], referent):
            return decision
        return Decision("concept", (referent,), reading.frame, how="the concept under discussion (a pronoun)")

    def _titled_by_a_word_asked(self, reading: Reading, concept_id: str, referent: str) -> bool:
        """Whether a word of the question begins a word of the concept's title that the referent's title lacks ("how
        are they FORMED?": osteoclast FORMATION), so the title itself says what is asked."""
        own = set(_title_words_of(self._kb.concepts[referent].title))
        title = [w for w in _title_words_of(self._kb.concepts[concept_id].title) if w not in own]
        asked = [w for w in reading.words if len(w) > 3 and w not in STOPWORDS]
        return any(t.startswith(w[:4]) and (t.startswith(stem(w)) or w.startswith(stem(t))) for w in asked for t in title)

    def _referent_spelled_out(self, reading: Reading, ranked: list[Candidate]) -> list[Candidate]:
        """ "who orchestrates that process?" after bone remodeling: a frame whose example questions choose also ranks
        the question as if the pronoun were the title it refers to; the referent (what is orchestrated) is no answer."""
        referred = [m.concept for m in reading.mentions if m.how == "pronoun"]
        if len(referred) != 1:
            return []
        referent = self._kb.concepts[referred[0]]
        stems = self._matcher.stems_of(list(reading.words) + referent.title.lower().split())
        best: dict[str, Candidate] = {}
        for c in ranked + self._matcher.rank(stems, {}, limit=6):
            if c.concept_id != referent.id and (c.concept_id not in best or c.score > best[c.concept_id].score):
                best[c.concept_id] = c
        return sorted(best.values(), key=lambda c: -c.score)[:5]

    def _name_stems(self, concept_id: str, reading: Reading) -> frozenset[str]:
        """The stems of the words that named the concept in the question."""
        for m in reading.mentions:
            if m.concept == concept_id and m.how == "name":
                return frozenset(self._matcher.stems_of(m.text.split()))
        return frozenset()

    def _boosts(self, reading: Reading, focus: str | None) -> dict[str, float]:
        if not focus or focus not in self._kb.concepts:
            return {}
        boosts = {cid: self.thresholds.context for cid in self._kb.concepts[focus].related}
        has_pronoun = any(m.how == "pronoun" for m in reading.mentions)
        boosts[focus] = self.thresholds.pronoun if has_pronoun else self.thresholds.context
        return boosts

    def _unsure(self, reading: Reading, top: Candidate | None, focus: str | None) -> bool:
        return top is None or top.score < self.thresholds.answer or self._names_only_part(reading, top) \
            or focus is None and self._rests_on_one_word(reading, top)

    def _unsure_of(self, reading: Reading, top: Candidate | None, runner: Candidate | None, focus: str | None) -> bool:
        return self._unsure(reading, top, focus) and not self._clearly_in_the_document(reading, top, runner)

    def _clearly_in_the_document(self, reading: Reading, top: Candidate | None, runner: Candidate | None) -> bool:
        """ "what's the point of bringing hormones back to youthful levels, per the document?": a question that says it
        asks what the document says, matched well ahead of any other concept, though not closely, is answered."""
        if top is None or reading.strange or reading.foreign or not set(reading.words) & _SAID_OF_THE_DOCUMENT:
            return False
        return top.score >= self.thresholds.anchor and (runner is None or top.score >= _CLEAR_LEAD * runner.score)

    def _rests_on_one_word(self, reading: Reading, top: Candidate) -> bool:
        """ "how do I change a flat tire?" shares one word with an example ("... more tired ...") and has others the
        pack never uses in its names or examples: one shared word is no match for such a question (a name, or a
        conversation to lean on, is)."""
        if reading.mentions:
            return False
        strong = [w for w in reading.words if w not in WEAK_WORDS and self._matcher.stems_of([w])]
        unknown = [w for w in strong if not self._matcher.in_keys(w) and len(w) > 2]
        shared = set(self._matcher.stems_of(strong)) & set(self._matcher.stems_of(words(top.key)))
        return len(shared) == 1 and bool(unknown) and len(strong) > len(unknown)

    def _names_only_part(self, reading: Reading, top: Candidate) -> bool:
        """A one-word question must name a concept, not just share a word with one ("insulin" vs "insulin sensitivity");
        but "what does the document say about osteopenia?" asks where the document speaks of the word."""
        return len(set(self._matcher.stems_of(list(reading.words)))) == 1 and top.recall < self.thresholds.single_word_recall \
            and not set(reading.words) & _THE_DOCUMENT

    def _key_names(self, candidate: Candidate, concept_id: str) -> bool:
        """Whether the candidate's best-matching key contains a name of the concept ("men with aromatase gene mutations")."""
        key = set(self._matcher.stems_of(words(candidate.key)))
        concept = self._kb.concepts[concept_id]
        return any(set(self._matcher.stems_of(words(name))) <= key
                   for name in (short_title(concept), *concept.aliases) if name)

    def _related(self, a: str, b: str) -> bool:
        return b in self._kb.concepts[a].related or a in self._kb.concepts[b].related

    def _linked_by_fact(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self._fact_pairs

    def _touches(self, concept_id: str, others: list[str]) -> bool:
        """Whether a concept is linked to all the others: related, parent, or joined by a fact."""
        def linked(a: str, b: str) -> bool:
            ca, cb = self._kb.concepts[a], self._kb.concepts[b]
            return self._related(a, b) or ca.parent == b or cb.parent == a or self._linked_by_fact(a, b)
        return all(linked(concept_id, o) for o in others)


def _facts_answer(reading: Reading, frame: Frame, relation: str, themes: list[str], facts: list[Relation],
                  aside: set[str]) -> Decision | None:
    """The answer the facts give: the one that does it strongly when that is asked, else the relation's answer."""
    return _strongest_answer(reading, frame, facts) or _relation_answer(reading, frame, relation, themes, facts, aside)


def _strongest_answer(reading: Reading, frame: Frame, facts: list[Relation]) -> Decision | None:
    """ "what reduces bone resorption most strongly?": the one the document says does it strongly, opened by that fact."""
    strongest = _said_strongest(reading, facts)
    return Decision("concept", (strongest.subject,), frame, (strongest,), how="the one the document says does it strongly") \
        if strongest else None


def _said_strongest(reading: Reading, facts: list[Relation]) -> Relation | None:
    """Asked which does it most strongly (or more strongly), of the actors: the one fact the document says holds
    strongly, if there is exactly one."""
    if reading.side != "actor" or not _MOST_STRONGLY.search(" ".join(reading.words)):
        return None
    strong = [f for f in facts if f.strong]
    return strong[0] if len(strong) == 1 else None


def _pairs_joined(kb: KnowledgeBase, leaving_out: frozenset[str]) -> set[frozenset[str]]:
    """The pairs of concepts joined by a fact, either way round, leaving out facts of some relations."""
    return {frozenset((r.subject, r.object)) for r in kb.relations if r.relation not in leaving_out}


def _processes_by_name(kb: KnowledgeBase) -> dict[str, str]:
    """Each name a process's title opens with in the possessive ("estrogen" of "Estrogen's effect on RANKL and OPG"),
    lower-cased, to the first such process in the pack's order."""
    found: dict[str, str] = {}
    for c in kb.concepts.values():
        if kb.kinds.get(c.id) != "process":
            continue
        title = c.title.lower()
        for at in (m.start() for m in re.finditer("['\u2019]s ", title)):
            found.setdefault(title[:at], c.id)
    return found


# "which part is anabolic?", "and which is anti-resorptive?", "what's the primary hormone for men?" (of the therapy
# table): one of the parts of the thing discussed, when the question names nothing else and matches a part well
_THE_DOCUMENT = frozenset("document text article".split())
_SAID_OF_THE_DOCUMENT = _THE_DOCUMENT | frozenset("author authors section reading paper page".split())
def _pronoun_referents(reading: Reading) -> list[str]:
    """The concepts referred to by a pronoun written as such ("it", "them"), not by an elliptical question."""
    return [m.concept for m in reading.mentions if m.how == "pronoun" and m.text in PRONOUNS]


def _verb_relations(frames: tuple[Frame, ...]) -> dict[str, str]:
    """Each relation frame's one-word verbs, as stems, with the relation they ask about (the frames list stems
    already, "rais": stemming one again gives "rai", which no word of a question stems to, so both are kept)."""
    return {key: f.relation for f in frames if f.relation for v in f.verbs if " " not in v for key in (stem(v), v)}


def _answer_words_of(frames: tuple[Frame, ...], frame_id: str) -> frozenset[str]:
    return next((frozenset(f.answer_words) for f in frames if f.id == frame_id), frozenset())


# "which reduces resorption most strongly?", "the strongest", "which is stronger against it?", "which one strongly ...?"
_MOST_STRONGLY = re.compile(r"\b((most|more) (strongly|powerfully|potently|effectively|powerful|potent|effective)|strongly|strongest|stronger|"
                            r"(the )?most$|biggest effect|largest effect|greatest effect)\b")
_IN_A_WHOLE = re.compile(r"\b(in|within|inside) (this|the|that|its|their|our) (\w+)")
_WHO_EACH_IS_FOR = re.compile(r"\bwho (is|are) (each|each one|they|both|these|those|the two)( \w+)? (for|meant|intended|aimed|given|designed)\b")
# "what breaks it down?", "and what rebuilds it?": a deed done to what the topic works on
_WHAT_DOES_IT = re.compile(r"^(and |so |then |but )?what (?!(is|are|was|were|does|do|did|can|could|will|would|s|about|if|else|kind|type|sort)\b)\w+( down| up| away| back)? (it|them)\b")
# "and the receptor?", "which one is the receptor?"
_BARE_NOUN = re.compile(r"^(?:and |so |then |what about |how about |(?:and |so )?which (?:one |of them |of the \w+ )?(?:is|s) )?(?:the )?([a-z]+)$")
# "and the other half?", "and what's the other side of remodeling?"
# "and what about the other cells, the ones that break bone?": the other one, described after a comma
_THE_OTHER = re.compile(r"^(and |so |then |what about |how about )?((what|whats|what s|what is|which is) )?(the )?other "
                        r"(one|ones|half|part|side|piece|bit|component|cell|cells|hormone|hormones|signal|signals|process|team|crew|group|kind|type)"
                        r"( of (it|that|this|them|(the )?\w+( \w+)?)| the ones? (that|which|who) .+)?$")
_WHICH_KIND = re.compile(r"^(and |so |then )?(which|what) \w+ ")  # "which cells ...", "what enzyme ..."
_WHICH_NAMED_PART = re.compile(r"^(and |so |then )?(which|what) (one|part|component|piece|half|side|bit)\b")
_WHICH_PART = re.compile(r"^(and |so |then )?(which|what) (one|part|component|piece|half|side|bit|is|are)\b")


def _pair_after_which(reading: Reading) -> tuple[str, str] | None:
    """The two names offered at the end of a "which ...?" question ("which ..., A or B?", "... A or the slow drop in
    B?"), else None."""
    words = reading.words
    mentions = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
    if len(mentions) < 2 or not _picks_before(words[:mentions[-2].start]):
        return None
    first, second = mentions[-2], mentions[-1]
    between = [w for w in words[first.end:second.start] if w not in _REFLEXIVES]  # "testosterone ITSELF or estrogen"
    joined = bool(between) and between[0] in ("or", "vs", "versus") and len(between) <= 5 and second.end == len(words)
    return (first.concept, second.concept) if joined and first.concept != second.concept else None


def _title_words_of(title: str) -> list[str]:
    return re.findall(r"[a-z]+", title.lower())


def _picks_before(head: tuple[str, ...]) -> bool:
    """ "which ...", or "what's worse/better ...": words that ask to pick one of what follows."""
    return "which" in head or bool({"what", "whats"} & set(head)) and bool(_WEIGHING.search(" ".join(head)))


# "different from the male kind", "vs the female version": the other side is a counterpart in one sex
_THE_OTHER_SEXS_KIND = re.compile(rf"\b(?:{COMPARISON_OPENERS}|unlike|and) (?:the |a )?"
                                  r"((?:\w+ ){0,1}\w+) (kind|version|one|equivalent|counterpart|type|form|side)\b")
_REFLEXIVES = frozenset("itself themselves alone".split())


def _weighed_pair_first(reading: Reading) -> tuple[str, str] | None:
    """ "does estrogen or IGF-1 matter more for building bone?": two names offered first, joined by "or", and weighed."""
    mentions = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
    words = reading.words
    if len(mentions) < 3 or mentions[0].start != 1 or words[0] not in _YES_NO_OPENINGS:
        return None
    first, second = mentions[0], mentions[1]
    joined = words[first.end:second.start] == ("or",) and first.concept != second.concept
    return (first.concept, second.concept) if joined and _WEIGHING.search(" ".join(words[second.end:])) else None


_YES_NO_OPENINGS = frozenset("does do is are would will can could did".split())


def _wholes_by_count(kb: KnowledgeBase) -> dict[tuple[str, int], list[str]]:
    """(kind, n) -> the wholes with exactly n parts of that kind ("the three proteins": the pathway)."""
    parts: dict[str, set[str]] = {}
    for r in kb.relations:
        if r.relation == "part-of":
            parts.setdefault(r.object, set()).add(r.subject)
    found: dict[tuple[str, int], list[str]] = {}
    for whole, members in parts.items():
        for kind in {kb.kinds.get(m) for m in members} - {None}:
            found.setdefault((kind, sum(kb.kinds.get(m) == kind for m in members)), []).append(whole)
    return found


def _or_pair_at_end(reading: Reading) -> tuple[str, str] | None:
    """The two names that close a question, joined by "or" ("... by osteoclasts or osteoblasts?"), else None."""
    mentions = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
    if len(mentions) < 3:
        return None
    first, second = mentions[-2], mentions[-1]
    between = reading.words[first.end:second.start]
    # "made by osteoblasts or by osteoclasts": the word before the first name may come again after "or"
    repeated = len(between) == 2 and first.start > 0 and between[1] == reading.words[first.start - 1]
    joined = (between == ("or",) or between[:1] == ("or",) and repeated) and second.end == len(reading.words)
    # "which builds bone, osteoclasts or osteoblasts?" picks one of the two, it asks nothing about a third
    picking = "which" in reading.words[:first.start]
    return (first.concept, second.concept) if joined and not picking and first.concept != second.concept else None


def _pair_before_which(reading: Reading) -> tuple[str, str] | None:
    """The two names joined by and/or/vs before a "which ...?" of the same question ("between X and Y, which one
    ...", "X or Y: which does ..."), else None."""
    words = reading.words
    at = next((i for i, w in enumerate(words) if w == "which" and i + 1 < len(words)
               and words[i + 1] in _PICKING), None)
    mentions = sorted((m for m in reading.mentions if m.how == "name"), key=lambda m: m.start)
    if at is None or len(mentions) < 2:
        return None
    first, second = mentions[0], mentions[1]
    joined = second.end <= at and first.concept != second.concept and \
        " ".join(words[first.end:second.start]) in ("and", "or", "vs", "versus")
    return (first.concept, second.concept) if joined else None


_PICKING = frozenset("is are does do has have was one of".split())


def _first_answering(frames: tuple[Frame, ...], answer: str) -> Frame | None:
    return next((f for f in frames if f.answer == answer), None)


def _outcomes_named(reading: Reading, frame: Frame) -> set[str]:
    """The names the frame reads as the outcome ("INTO estrogen"): what the answer makes, not what is asked about."""
    return {m.concept for m in reading.mentions if m.start and reading.words[m.start - 1] in frame.outcome_after}


def _asks_several(reading: Reading) -> bool:
    """ "which three PROTEINS make up ...?": a plural noun asked for wants all of them, not the one a sentence names."""
    noun = reading.answer_noun or ""
    return noun.endswith("s") and not noun.endswith("ss")


def _asked_of_it(reading: Reading, named: str) -> bool:
    """ "do peptides act on bone directly?", "is RANK a receptor or a ligand?": a yes-no question whose subject is the
    one name asks about it, whatever other concept the rest of its words match."""
    words = reading.words
    if not words or words[0] not in _YES_NO_OPENERS:
        return False
    at = 2 if len(words) > 2 and words[1] in ("the", "a", "an") else 1
    return any(m.concept == named and m.how == "name" and m.start == at for m in reading.mentions)


_YES_NO_OPENERS = frozenset("do does did is are was were can could will would".split())


def _degree_asked(words: tuple[str, ...]) -> str | None:
    """The stem of the degree a weighing question asks about: "stronger" -> strong, "more potent" -> potent."""
    for i, w in enumerate(words):
        if w in ("more", "most") and i + 1 < len(words) and words[i + 1] not in STOPWORDS:
            return stem(words[i + 1])
        if w in _DEGREE_WORDS:
            return _DEGREE_WORDS[w]
    return None


_DEGREE_WORDS = {"stronger": "strong", "strongest": "strong", "faster": "fast", "fastest": "fast", "quicker": "quick",
                 "sharper": "sharp", "greater": "great", "bigger": "big", "larger": "larg", "slower": "slow"}


def _described_by_a_clause(reading: Reading) -> str | None:
    """ "explain the signaling triangle THAT controls bone resorption": the first name is asked about, and the clause
    after it only describes it."""
    first = next((m for m in reading.mentions if m.how == "name"), None)
    words, frame = reading.words, reading.frame
    if frame and not (frame.plain or frame.default) or first is None or first.end + 1 >= len(words) or words[first.end] not in ("that", "which"):
        return None
    return first.concept if words[first.end + 1] not in STOPWORDS else None


def _acts_on_the_pronoun(reading: Reading, pronoun: Mention) -> bool:
    """The name is the subject ("does ESTROGEN push it"), the pronoun its object, after it or asked for before it
    ("which ONE does estrogen turn up?")."""
    words = reading.words
    at = next(m.start for m in reading.mentions if m.how != "pronoun")
    subject = at > 0 and words[at - 1] in _AUXILIARIES
    return subject and (pronoun.start > at or pronoun.start > 0 and words[pronoun.start - 1] in ("which", "what"))


def _named_not_aside(reading: Reading) -> list[str]:
    """ "besides building bone, what else do osteoblasts send out?": what is set aside is not asked about; and
    "why does IT work THROUGH estrogen?" asks about the one referred to as much as the one named (the link)."""
    named = [c for c in reading.named if c not in reading.aside] or list(reading.named)
    subject = _subject_working_through(reading, named)
    return [subject, *named] if subject else named


_AUXILIARY = frozenset({"does", "do", "did", "is", "are", "can", "could", "would", "will", "might"})
_THROUGH = frozenset({"through", "via", "thru"})


def _subject_working_through(reading: Reading, named: list[str]) -> str | None:
    """The concept a pronoun stands for as the subject of the question ("does IT ..."), when the one name comes
    after "through" or "via" (the means it works by)."""
    pronouns = [m for m in reading.mentions if m.how == "pronoun" and m.concept not in named]
    names = [m for m in reading.mentions if m.how != "pronoun" and m.concept in named]
    if len(named) != 1 or len(pronouns) != 1 or not names:
        return None
    it, name = pronouns[0], names[0]
    return it.concept if _subject_then_means(reading.words, it, name) else None


def _subject_then_means(words: tuple[str, ...], it: Mention, name: Mention) -> bool:
    """ "does IT work THROUGH estrogen": the pronoun after an auxiliary, the name after "through" or "via"."""
    before_it = words[it.start - 1] if it.start else ""
    return before_it in _AUXILIARY and it.end <= name.start and bool(set(words[max(0, name.start - 2):name.start]) & _THROUGH)


def _title_words(kb: KnowledgeBase) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """Per concept, its title's head and every word of its title ("RANK (the receptor)" is titled a receptor too)."""
    heads = {c.id: _title_head(c.title) for c in kb.concepts.values()}
    stems = {c.id: frozenset(stem(w) for w in re.findall(r"[a-z]+", c.title.lower())) for c in kb.concepts.values()}
    return heads, stems


def _title_head(title: str) -> str:
    """The head noun of a title, stemmed: "genes" of "RANKL and OPG genes (TNFSF11 ...)", "mutation" of "... gene
    mutations in men"."""
    main = re.split(r"\(|:| in | of | for ", title.lower())[0]
    found = words(main)
    return stem(found[-1]) if found else ""


def _capture(reading: Reading) -> str | None:
    """ "what grabs RANKL?": a word of capture asks for a binder that holds the thing back."""
    return "inhibits" if reading.frame and _says_any(reading.words, reading.frame.catches) else None


def _says_any(said: tuple[str, ...], phrases: tuple[str, ...]) -> bool:
    """Whether the words hold one of the phrases, word for word."""
    text = f" {' '.join(said)} "
    return any(f" {p} " in text for p in phrases)


_DEFINES_IT = re.compile(r"\b(what|who) (is|are|s) (a |an |the )?@")

# "the growth hormone version of that", "the male form of it": a name, then a kind of the thing referred to
_VERSION_OF = re.compile(r"@ (version|equivalent|counterpart|form|type|kind) of (that|it|this|@)(?!\w)")


def _audiences_without_names(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """The words that say a question is about men or women, less the names the audiences also list (a hormone)."""
    names = {w.lower() for c in kb.concepts.values() for w in (c.title, *c.aliases)} | set(kb.concepts)
    return {who: frozenset(w for w in ws if w not in names) for who, ws in kb.audiences.items()}


# frames that ask what a thing is or does, which its counterpart answers for the other sex
_ASKED_OF_ANYONE = frozenset({"definition", "role", "cause", "effect", "mechanism", "origin"})
_WHAT_IT_DOES = frozenset({"role", "effect", "mechanism"})


def _asks_what_it_is(masked: str) -> bool:
    """ "ok, back to bones: what is RANKL?": the question ends by asking what the one name is, whatever comes before."""
    return bool(_WHAT_IT_IS.search(masked))


_WHAT_IT_IS = re.compile(r"(\b(what|who) (exactly |again |now )?(is|are|s|was|were) (exactly |again )?(a |an |the )?@"
                         r"|^(define|defining) (a |an |the )?@)( (then|again|exactly|please|now|anyway))*$")


def _asks_a_fact(frame: Frame | None) -> bool:
    """ "where does GH come from?", "who is TRT for?" ask a fact of the concept named: a relation, or a sentence the
    frame's answer words point to; "is GH anabolic or anti-resorptive?" asks which property the first name has;
    "what happens when estrogen falls?" asks what the document links to it (a frame answered via a relation)."""
    return bool(frame and (frame.answer == "relation" or frame.answer_words or frame.subject or frame.via))


def _runner(ranked: list[Candidate], chosen: str | None = None) -> str | None:
    chosen = chosen or (ranked[0].concept_id if ranked else None)
    return next((c.concept_id for c in ranked if c.concept_id != chosen), None)


def _compared(reading: Reading, focus: str | None) -> list[str]:
    """The concepts a comparison is between; "how is it different from @" compares with the one under discussion."""
    referents = list(reading.concepts)
    if len(referents) == 1 and focus and focus != referents[0] and _ELLIPTICAL_COMPARE.search(reading.masked):
        return [focus, referents[0]]
    if len(referents) > 2:  # "progesterone or estradiol: which does more against resorption?": the joined pair
        sides = _less_what_is_acted_on(reading, referents)
        return sides if len(sides) == 2 else _joined_pair(reading) or referents
    return referents


# how far ahead of the runner-up a weak match must be to answer
_CLEAR_LEAD = 1.5


def _two_asked(reading: Reading) -> bool:
    return reading.words.count("which") > 1


def _less_what_is_acted_on(reading: Reading, referents: list[str]) -> list[str]:
    """ "how does the effect of estradiol ON remodeling differ from TRT's?": what the two act on is no side."""
    words = reading.words
    acted_on = {m.concept for m in reading.mentions if m.start > 0 and words[m.start - 1] in ("on", "upon")}
    rest = [c for c in referents if c not in acted_on]
    return rest if len(rest) == 2 else referents


def _with_other_side(reading: Reading, referents: list[str], frame: Frame) -> Decision | None:
    """ "type I collagen vs bone mineral": a comparison whose other side is no concept of the document."""
    other = _other_side(reading) if len(referents) == 1 else None
    if not other:
        return None
    return Decision("compare-one", (referents[0],), frame, topic=other,
                    how=f"a comparison with '{other}', which the document does not treat as a topic")


def _other_side(reading: Reading) -> str | None:
    """The words on the far side of "vs", "or", "and" from the one name of a comparison ("collagen vs MINERAL in
    bone", "BONE MINERAL or type I collagen"); None when the name stands alone or the words are no noun phrase."""
    named = [m for m in reading.mentions if m.how != "pronoun"]
    if len(named) != 1:
        return None
    side = _side_after(reading.words, named[0]) or _side_after(reading.words[::-1], named[0], reversed_=True)
    # "estrogen and bone: what's the difference?" asks what it does to bone, a setting, not a second thing
    return " ".join(side) if side and not all(w in WEAK_WORDS or w in SETTING_WORDS for w in side) else None


def _side_after(words: tuple[str, ...], m, reversed_: bool = False) -> list[str]:
    """The short noun phrase after a joiner that follows the mention (before it, when the words come reversed)."""
    end = len(words) - m.start if reversed_ else m.end
    if end >= len(words) or words[end] not in _SIDE_JOINERS:
        return []
    run = _content_run(words[end + 1:])
    return run[::-1] if reversed_ else run


def _content_run(words: tuple[str, ...] | list[str]) -> list[str]:
    """The leading words that can make a short noun phrase: up to three, none a stopword or a comparison word."""
    run: list[str] = []
    for w in words[:3]:
        if w in STOPWORDS or w in _COMPARISON_WORDS or not w.isalpha():
            break
        run.append(w)
    return run


_SIDE_JOINERS = frozenset({"vs", "versus", "or", "and"})
_ABOUT = frozenset({"about", "on", "regarding", "concerning"})
_COMPARISON_WORDS = frozenset("difference differences different differ differs compare compared comparison contrast "
                              "similar similarity alike same whats between".split())


def _joined_pair(reading: Reading) -> list[str]:
    """Two names side by side, joined by "or", "and" or "vs"; empty when there are none."""
    named = sorted((m for m in reading.mentions if m.how != "pronoun"), key=lambda m: m.start)
    joined = [len(set(reading.words[a.end:b.start]) - _JOINERS) == 0 and b.start - a.end <= 3 for a, b in zip(named, named[1:])]
    if sum(joined) != 1:  # none, or a list of three or more ("HRT, TRT and GH peptides"): no one pair
        return []
    first, second = named[joined.index(True)], named[joined.index(True) + 1]
    return [first.concept, second.concept] if first.concept != second.concept else []


def _listed(reading: Reading) -> bool:
    """Whether the names form one list ("osteoblasts, osteocytes and osteoclasts", "RANK vs OPG vs RANKL")."""
    named = sorted((m for m in reading.mentions if m.how != "pronoun"), key=lambda m: m.start)
    if reading.words and reading.words[0] in ("which", "who"):  # "which builds bone, osteoclasts or osteoblasts?" picks
        return False
    return len(named) > 2 and all(len(set(reading.words[a.end:b.start]) - _JOINERS) == 0 and b.start - a.end <= 2
                                  for a, b in zip(named, named[1:]))


_JOINERS = frozenset({"or", "and", "vs", "versus", "nor", "with", "the",
                      # "how does RANKL differ from OPG in what it does to osteoclasts?": the two compared
                      "differ", "differs", "different", "from", "compared", "to", "than", "against", "unlike"})


def _causes(reading: Reading, effects: list[str], focus: str | None) -> list[str]:
    """The names in a consequence question other than the effects, else the concept under discussion."""
    return [c for c in reading.concepts if c not in effects] or ([focus] if focus else [])


def _subject(reading: Reading) -> str | None:
    """The concept named right after "how/why does/do/can ..." ("how does estradiol reduce resorption?"), opening a
    yes-or-no question ("does progesterone stop bone breakdown?") or after "the effect of": what acts."""
    words = reading.words
    for m in reading.mentions:
        # ("how EXACTLY does estrogen ...": a word may stand between; "why does DECLINING testosterone ...": its change)
        at = _before_its_change(words, m.start)
        if at >= 1 and words[at - 1] in _AUXILIARIES and \
                (at == 1 or {"how", "why"} & set(words[max(0, at - 3):at - 1])):
            return m.concept
        if at == _after_a_report(words):  # "does the text say progesterone builds bone?": the yes-or-no asked of it
            return m.concept
        if m.start >= 2 and words[m.start - 1] == "of" and words[m.start - 2] in _DEEDS and "on" in words[m.end:m.end + 2]:
            return m.concept  # "the net effect of progesterone on remodeling": what progesterone does
    return None


def _after_a_report(words: tuple[str, ...]) -> int:
    """Where the claim starts in "does the text say (that) ...", or -1."""
    if len(words) < 5 or words[0] not in _AUXILIARIES or words[1] not in ("the", "this") \
            or words[2] not in _REPORTERS or words[3] not in _REPORTING:
        return -1
    return 5 if words[4] == "that" else 4


def _linked_by(relations, concept_id: str, via: str) -> list[str]:
    """What a relation links to the concept, read backwards when the frame names its inverse (INVERSE_RELATIONS)."""
    if via in INVERSE_RELATIONS:
        return [r.subject for r in relations if r.object == concept_id and r.relation == INVERSE_RELATIONS[via]]
    return [r.object for r in relations if r.subject == concept_id and r.relation == via]


def _before_its_change(words: tuple[str, ...], start: int) -> int:
    """Where a name's phrase starts, with a change said of it taken in: "declining testosterone", "a drop in OPG"."""
    if start >= 2 and words[start - 1] in _CHANGED:
        return start - 1
    return start - 3 if _a_change_of(words, start) else start


def _a_change_of(words: tuple[str, ...], start: int) -> bool:
    """ "a drop in OPG": a change said as a noun (not "the decline of GH", the name of a condition)."""
    return start >= 4 and words[start - 1] in ("in", "of") and words[start - 2] in _CHANGES and words[start - 3] in ("a", "any")


def _subject_of_a_change(reading: Reading) -> str | None:
    """ "how does a drop in OPG speed up bone loss?": the subject, when it is named with a change said as a noun."""
    subject = _subject(reading)
    return subject if subject and any(m.concept == subject and _a_change_of(reading.words, m.start) for m in reading.mentions) else None


_AUXILIARIES = frozenset("does do did can could would will might may".split())
_WHICH_SORT_IS_IT = re.compile(r"^(is|are|was|were) (\w+ ){1,3}(a|an) \w+( \w+)? or (a |an )?\w+( \w+)?$")
# "do osteoclasts have it TOO?": the last question asked again of another name
ASKED_AGAIN = frozenset({"too", "also", "either", "likewise", "well"})
# "the stop signal FOR bone breakdown": words by which a second name only qualifies the first
_QUALIFYING = frozenset({("for",), ("on",), ("of",), ("against",)})
# what may come before "the" in a question that is only a qualified name ("what is the ...", "tell me about the ...")
_PHRASE_OPENING = frozenset("what is s whats so and ok tell me about explain describe define who which".split())
_CHANGED = frozenset("declining falling dropping low lower reduced decreasing less rising high higher increased".split())
_STATES = frozenset({"condition", "measure"})  # kinds that are states of the body, not things in it
_REPORTERS = frozenset("text document doc article author authors source page reading paper writer".split())
_REPORTING = frozenset("say says claim claims suggest suggests state states mention mentions argue argues".split())
_DEEDS = frozenset("effect effects impact impacts influence".split())
_CHANGES = frozenset("drop fall decline loss lack rise increase decrease shortage surge".split())


def _the_one_asked_about(reading: Reading, named: list[str], frame: Frame | None) -> str | None:
    """The one name the question is about, when one is (see _one_asked_about and _head_named)."""
    return _head_named(reading) or _described_by_a_clause(reading) or (named[0] if _one_asked_about(named, frame) else None)


def _head_named(reading: Reading) -> str | None:
    """ "what is the stop signal for bone breakdown?": a definition asked of a name that the other names only place
    (for, of, in ...); that name is what is asked about, not a concept linking them all."""
    frame, mentions, words = reading.frame, reading.mentions, reading.words
    if not (frame and frame.plain) or len(reading.named) < 2:
        return None
    first = min(mentions, key=lambda m: m.start)
    before = words[:first.start]
    if len(before) > 3 and before[-1] == "of" and before[-2] in _ROLE_WORDS:  # "what is the role of OPG in ..."
        before = before[:-2]
    opened = _opens_a_definition(before)
    placed = first.end < len(words) and words[first.end] in _PLACING_WORDS
    return first.concept if opened and placed and first.how == "name" else None


def _opens_a_definition(before: list[str] | tuple[str, ...]) -> bool:
    """ "what is the ..." before the name, or nothing: a bare phrase headed by it ("synergy of sex steroids and GH")."""
    return not before or len(before) == 3 and tuple(before) in _DEFINITION_OPENERS


_DEFINITION_OPENERS = frozenset({("what", "is", "the"), ("what", "is", "a"), ("what", "are", "the")})
_PLACING_WORDS = frozenset("for of in within during behind inside".split())
_ROLE_WORDS = frozenset("role job function purpose part task".split())


def _one_asked_about(named: list[str], frame: Frame | None) -> bool:
    """One name, or a first name asked about with the others as the choices ("is GH anabolic or anti-resorptive?")."""
    return len(named) == 1 or bool(named and frame and frame.subject)


def _fallbacks(reading: Reading, frame: Frame, own: object) -> tuple[str, ...]:
    """The relations tried after the frame's own: what drives the theme, asked for the actor (unless its own text
    says where it is made); what it acts on, asked what one concept alone does."""
    if reading.side == "actor":
        return () if own else frame.fallback
    return (frame.target_fallback,) if reading.side == "target" and _asks_what_one_thing_acts_on(reading) else ()


def _asks_what_one_thing_acts_on(reading: Reading) -> bool:
    """ "what does GH make?": a what-question of one concept alone, not where it is made ("where is it produced?")
    nor how one thing is made from another."""
    wh = next((w for w in reading.words if w in _WH_WORDS), None)
    return wh in ("what", "which") and "where" not in reading.words and len(set(reading.concepts)) == 1


_WH_WORDS = frozenset("what which where when why how who whom whose".split())


def _relation_answer(reading: Reading, frame: Frame, relation: str, themes: list[str], facts: list[Relation],
                     aside: set[str]) -> Decision | None:
    """The facts that answer, leaving out what the question set aside; None when there are none."""
    answer_end = "subject" if reading.side == "actor" else "object"
    kept = [f for f in facts if getattr(f, answer_end) not in aside]
    if facts and not kept:
        # all the document names is what the question set aside: say so rather than repeat it
        return Decision("none-other", (themes[0], *sorted(aside)), frame, tuple(facts), reading.side,
                        how=f"the document names nothing for {themes[0]} beyond what the question set aside")
    if kept:
        return Decision("relation", (themes[0], *themes[1:]), frame, tuple(kept), reading.side,
                        how=f"the document's facts ({relation}, asking for the {reading.side})")
    return None


def _past_measure(words: tuple[str, ...], at: int) -> int:
    """Where the thing measured starts: past "(the) rate of (the)", "the level of", ...; `at` when there is none."""
    j = at + 1 if at < len(words) and words[at] in ("the", "its", "their") else at
    if j + 1 < len(words) and words[j] in _MEASURES and words[j + 1] == "of":
        return j + 3 if j + 2 < len(words) and words[j + 2] == "the" else j + 2
    return at


_MEASURES = frozenset("rate level levels amount pace speed number activity".split())


def _two_steps(acting: list[Relation], firsts: list[Relation], effect: str) -> tuple[Relation, ...]:
    """The first fact from the cause that a second fact carries on to the effect, with that second; else ()."""
    for first in firsts:
        second = next((r for r in acting if r.subject == first.object and r.object == effect), None)
        if second:
            return (first, second)
    return ()


def _one_concept_two_names(reading: Reading) -> tuple[str, str, str] | None:
    """(concept, name, other name) when a comparison names one concept in two different ways and nothing else."""
    names = [m for m in reading.mentions if m.how == "name"]
    if len({m.concept for m in names}) != 1 or len({m.text for m in names}) < 2:
        return None
    return names[0].concept, names[0].text, next(m.text for m in names if m.text != names[0].text)


def moved_only(reading: Reading, themes: tuple[str, ...], facts: tuple[Relation, ...], side: str) -> list[str]:
    """ "what tips IT toward OPG?" of the ratio: a theme referred to that no fact acts on is what the answer moves,
    not a second thing acted on (the reply stays about it; the facts answer for the others)."""
    if side != "actor" or len(themes) < 2:
        return []
    return [t for t in themes if t in reading.referred and not any(f.object == t for f in facts)]
