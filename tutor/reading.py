"""Reading a question before any concept is chosen: what it names, what it asks, who it is about.

Like a spaCy pipeline, each stage of `Reader.read` adds to one typed record, the `Reading`,
that the next stage reads:

    words      folded words, texting shorthand expanded, spelling corrected, depth cues removed
    mentions   the concepts it names (titles, aliases, truncations, typos), pronouns resolved
    frame      what it asks (dialogues/frames.yaml), read with the mentions masked
    foreign    names of things the pack does not cover ("secondary osteoporosis")
    topic      an out-of-scope topic (knowledge/out-of-scope.yaml)
    advice     the parts of a personal-advice request (dialogues/boundaries.yaml)

The policy (tutor/policy.py) decides from the record; nothing here looks at scores.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from rapidfuzz.distance import OSA

from .boundary import Advice, AdviceBoundary
from .english import common, everyday
from .matcher import Matcher
from .model import Cue, Frame, KnowledgeBase
from .normalise import NOT_QUALIFIERS, PRONOUNS, STOPWORDS, WEAK_WORDS, fold, stem
from .names import NameIndex
from .precheck import Gates

__all__ = ["Mention", "Reading", "Reader", "MASK", "split_clauses"]

MASK = "@"  # what a mention becomes in the text that frames read
_GREETING = re.compile(r"^(hi|hello|hey|ok|okay|so|and|also|um|hmm|well|please|but|then|oh|right)( there)?\s+")
# "name a few", "list some" (the fold reads "a couple" as "some"): the question's last word stands for the topic
_QUANTIFIERS = frozenset("some few several two three".split())
_LISTING_VERBS = frozenset("name list mention give".split())
_PLACEHOLDER_WORDS = frozenset("thing things stuff one ones version equivalent counterpart".split())


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    concept: str
    text: str
    how: str  # "name" | "pronoun"


@dataclass(frozen=True)
class Reading:
    text: str
    words: tuple[str, ...]
    corrections: tuple[tuple[str, str], ...] = ()
    cue: Cue | None = None
    mentions: tuple[Mention, ...] = ()
    masked: str = ""
    frame: Frame | None = None
    side: str = ""  # relation frames: "actor" (what blocks X?) or "target" (what does X block?)
    foreign: tuple[str, ...] = ()
    topic: str | None = None
    advice: Advice = field(default_factory=Advice)
    strange: tuple[str, ...] = ()  # content words neither the pack nor everyday English uses ("celiac", "anastrozole")
    undecided: tuple[str, ...] = ()  # concepts a misspelt word is equally near to ("osteolasts": osteoclasts, osteoblasts)
    answer_type: str | None = None  # the kind of concept asked for ("which cells ..." -> "cell")
    aside: tuple[str, ...] = ()  # concepts named only to be set aside ("which cells other than osteoblasts ...")
    answer_noun: str | None = None  # the word that asks for the kind ("which GENES ..." -> "genes")
    off_pack: bool = False  # nothing named, and no word but the frame's is one the pack uses ("what causes rainbows?")
    counted: tuple[str, int] | None = None  # "the 3 proteins": the kind counted and how many ("molecule", 3)
    describes_the_kind: bool = False  # "the hormone THAT comes from the Leydig cells": the kind asked, described
    described_with: tuple[str, ...] = ()  # concepts named inside that description ("the hormone that GH triggers": GH)

    @property
    def concepts(self) -> list[str]:
        """The concepts named, in order, each once."""
        return list(dict.fromkeys(m.concept for m in self.mentions))

    @property
    def themes(self) -> list[str]:
        """The concepts an aspect is asked of: those named, less one that only says when ("only after a fracture")."""
        return _not_timing(list(self.words), list(self.mentions))

    @property
    def referred(self) -> frozenset[str]:
        """The concepts referred to by a pronoun or a placeholder ("it", "the hormone"), not by name."""
        return frozenset(m.concept for m in self.mentions if m.how == "pronoun")

    @property
    def named(self) -> list[str]:
        """The concepts named in words (not through a pronoun)."""
        return list(dict.fromkeys(m.concept for m in self.mentions if m.how != "pronoun"))

    @property
    def content_words(self) -> list[str]:
        """Words outside any mention that carry meaning."""
        inside = {i for m in self.mentions for i in range(m.start, m.end)}
        return [w for i, w in enumerate(self.words) if i not in inside and w not in STOPWORDS and w not in PRONOUNS]

    @property
    def asks_how_much_is_made(self) -> bool:
        """Whether the question is about how much of a thing is made ("what lowers RANKL expression?", "what
        lowers it?": a level goes down; "what blocks it?" asks for what stops it acting)."""
        return any(w in _AMOUNT_MADE or w in _AMOUNT_VERBS for w in self.content_words)

    @property
    def carries_on(self) -> bool:
        """Whether the turn opens by carrying on the conversation ("and what blocks RANKL?", "so what about its
        role?"): the fillers are gone from `words`, so the text as typed says it."""
        return self.text.lower().lstrip().startswith(("and ", "and, ", "so ", "what about ", "how about "))

    @property
    def asks_what_catches(self) -> bool:
        """Whether the question is about keeping a thing from its partner ("what stops RANKL from reaching RANK?")."""
        return any(w in _KEPT_FROM for w in self.content_words)

    def to_dict(self) -> dict:
        return {
            "words": " ".join(self.words),
            "corrections": [list(c) for c in self.corrections],
            "depth_cue": self.cue.level if self.cue else None,
            "mentions": [{"concept": m.concept, "text": m.text, "how": m.how, "span": [m.start, m.end]} for m in self.mentions],
            "frame": self.frame.id if self.frame else None,
            "side": self.side or None,
            "foreign": list(self.foreign),
            "topic": self.topic,
            "advice": self.advice.to_dict(),
            "answer_type": self.answer_type,
            "undecided": list(self.undecided),
            "strange": list(self.strange),
            "aside": list(self.aside),
            "answer_noun": self.answer_noun,
            "off_pack": self.off_pack,
            "counted": list(self.counted) if self.counted else None,
            "describes_the_kind": self.describes_the_kind,
            "described_with": list(self.described_with),
        }


class Reader:
    """Builds a Reading from text; read-only after construction, shared by all sessions."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher, names: NameIndex, cues: list[tuple[Cue, re.Pattern[str]]],
                 frames: tuple[Frame, ...], boundary: AdviceBoundary, answer_types: dict[str, str],
                 foreign_heads: tuple[str, ...] = (), answer_type_modifiers: tuple[str, ...] = ()) -> None:
        self._kb = kb
        self._matcher = matcher
        self._names = names
        self._cues = cues
        self._frames = [_searchable(f) for f in frames]
        # a text is searched only by the patterns it could match (the words they need): most match nothing
        self._cue_gates = Gates([(c.pattern,) for c, _ in cues], STOPWORDS)
        self._frame_gates = _frame_gates(frames)
        self._verb_phrases = _verb_phrases(frames)
        self._relation_verbs = frozenset(v for *_, verbs in self._frames for v in verbs)  # one-word verbs and stems
        self._default = next((f for f in frames if f.default), None)
        self.boundary = boundary
        self._answer_types = answer_types
        self._type_modifiers = frozenset(answer_type_modifiers)
        self._foreign_heads = frozenset(stem(w) for w in foreign_heads)
        self._topics = [t.name for t in kb.out_of_scope]
        self._out_of_scope = _topic_search(kb)
        self._topic_gates = _topic_gates(kb)
        self.frame_words = _frame_words(frames, cues)  # words of the frames and cues: never a topic of their own
        # what an aspect frame asks ("risk", "age") is no name, nor a kind of thing asked for ("receptor")
        self._title_heads = _title_heads(kb, set(answer_types) | _aspect_words(frames))
        self._own_words = {c.id: _stems_of(" ".join(c.explain.values())) for c in kb.concepts.values()}
        # each whole's parts with the stems of their titles ("the FORMATION side of remodeling"), read once
        self._parts_by_whole: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for r in kb.relations:
            if r.relation == "part-of":
                self._parts_by_whole.setdefault(r.object, []).append((r.subject, _stems_of(kb.concepts[r.subject].title)))

    def read(self, text: str, focus: str | None = None) -> Reading:
        folded, cue, words, corrections, undecided, misspelt = self._spelled(text)
        typed = folded.split()
        mentions = self._mentions(words, focus)
        masked = _masked(words, mentions)
        frame, side = self._frame(words, masked, mentions, focus)
        frame, side, contrasted = self._before_the_contrast(words, mentions, focus, frame, side)
        lower = text.lower()
        return Reading(text, tuple(words), tuple(corrections), cue, tuple(mentions), masked, frame, side,
                       tuple(self._foreign(words, mentions)), self._topic(words, mentions) or
                       (self._topic(typed, mentions) if len(typed) == len(words) and corrections else None),
                       self.boundary.assess(words, lower, self._kinds_referred(mentions, focus)),
                       tuple(self._strange_words(words, mentions, misspelt, text)), undecided,
                       self._answer_type(words, focus) or self._kind_denied(words, mentions), tuple(dict.fromkeys([*_set_aside(words, mentions), *self._wholes_of_the_part(words, mentions), *contrasted])),
                       self._answer_noun(words),
                       self._off_pack(words, mentions), self._counted(words), *self._described(words, mentions, text))

    def named_in(self, text: str) -> list[str]:
        """The concepts a text names, as `read(text).named` gives them, without reading its frame, boundary or
        topic: enough for the tutor's own sentences, which ask nothing."""
        words = self._spelled(text)[2]
        return list(dict.fromkeys(m.concept for m in self._mentions(words, None) if m.how != "pronoun"))

    def _spelled(self, text: str) -> tuple[str, Cue | None, list[str], list[tuple[str, str]], tuple[str, ...], frozenset[str]]:
        """The folded text, its depth cue, and its words spelled out and corrected, before any name is looked for."""
        folded = _GREETING.sub("", fold(text))
        folded, cue = self._cue(folded)
        # a word written in capitals is an abbreviation ("HOMA-IR"), never a typo of an everyday word
        capitals = frozenset(fold(w) for w in re.findall(r"\b[A-Z][A-Z0-9]{2,}\b", text))
        words, corrections, undecided, misspelt = self._words(folded, capitals)
        return folded, cue, self._kind_that_acts(words), corrections, undecided, misspelt

    def _sides_named(self, words: list[str], mentions: list[Mention]) -> list[Mention]:
        """ "the FORMATION side of remodeling": a word of a part's title before "side/half of" a whole names that
        part of it (bone formation)."""
        found = []
        for m in mentions:
            at = m.start - (2 if words[m.start - 1:m.start] == ["the"] else 1)
            if at < 2 or words[at] != "of" or words[at - 1] not in _SIDE_WORDS or _inside(at - 2, mentions):
                continue
            said = stem(words[at - 2])
            parts = [part for part, title in self._parts_by_whole.get(m.concept, ()) if said in title]
            if len(parts) == 1:
                found.append(Mention(at - 2, at - 1, parts[0], words[at - 2], "name"))
        return found

    def _wholes_of_the_part(self, words: list[str], mentions: list[Mention]) -> list[str]:
        """ "the building side OF BONE REMODELING": a whole named right after one of its parts only says where that
        part belongs; the part is what is asked about."""
        named = sorted((m for m in mentions if m.how == "name"), key=lambda m: m.start)
        return [b.concept for a, b in zip(named, named[1:])
                if any(part == a.concept for part, _ in self._parts_by_whole.get(b.concept, ()))
                and _placing(words[a.end:b.start])]

    def _before_the_contrast(self, words: list[str], mentions: list[Mention], focus: str | None, frame: Frame | None,
                             side: str) -> tuple[Frame | None, str, list[str]]:
        """ "which therapy supports bone formation rather than blocking resorption?": a question no frame reads as a
        whole is read up to "rather than" / "instead of", and what is named after it is set aside."""
        cut = _contrast_at(words)
        if cut is None or (frame and not frame.default):
            return frame, side, []
        head = [m for m in mentions if m.end <= cut]
        first, first_side = self._frame(words[:cut], _masked(words[:cut], head), head, focus)
        if not first or first.default:
            return frame, side, []
        return first, first_side, [m.concept for m in mentions if m.start > cut and m.concept not in {h.concept for h in head}]

    def _kind_that_acts(self, words: list[str]) -> list[str]:
        """ "how can hormones reduce that?" names no actor, only a kind of thing: it asks which of that kind acts,
        and how, so it is read as "which hormones reduce that?" (a named actor keeps "how": a mechanism)."""
        at = next((i for i, w in enumerate(words[:4]) if w == "how"), None)
        if at is None or at + 3 >= len(words) or words[at + 1] not in _AUXILIARIES or words[at + 2] not in self._answer_types:
            return words
        # a short question with a verb after the kind: "how do hormone TREATMENTS reduce ..." names a kind of its own,
        # and a long one ("how do hormones keep breakdown and rebuilding in balance in adults") asks a mechanism
        if not all(w in _OPENING_FILLERS for w in words[:at]) or len(words) > at + 6 or words[at + 3] in self._answer_types:
            return words
        return [*words[:at], "which", words[at + 2], *words[at + 3:]]

    # --- stages ------------------------------------------------------------------------
    def _cue(self, folded: str) -> tuple[str, Cue | None]:
        """Remove every depth cue; the first one found sets the depth of this answer."""
        found = None
        searchable = self._cue_gates.searchable(self._cue_gates.open(folded))
        for number, (cue, _) in enumerate(self._cues):
            pattern = searchable.get(number)
            if pattern and pattern.search(folded):
                folded = re.sub(r"\s+", " ", pattern.sub(" ", folded)).strip()
                found = found or cue
                # what is left may join into words another cue needs
                searchable = self._cue_gates.searchable(self._cue_gates.open(folded))
        return folded, found

    def _words(self, folded: str, capitals: frozenset[str] = frozenset()) -> tuple[list[str], list[tuple[str, str]],
                                                                                tuple[str, ...], frozenset[str]]:
        """The words, the corrections made, the concepts a tied misspelling names, and the words that had
        near spellings in the pack (a misspelt pack word is never a strange word)."""
        words: list[str] = []
        corrections: list[tuple[str, str]] = []
        undecided: tuple[str, ...] = ()
        misspelt: set[str] = set()
        spelled = self._joined(self.boundary.spelled_out(folded.split()))
        for n, word in enumerate(spelled):
            known = self.boundary.knows(word) or common(word) or self._names_a_topic(word)
            choices = [] if known else self._matcher.spellings(word)
            if choices:
                misspelt.add(word)
            if len(choices) > 1 and not undecided:
                undecided = self._named_by(choices)
            fixed = self._fixed(word, choices, last=n == len(spelled) - 1, abbreviation=word in capitals)
            fixed = fixed if n or known or fixed != word else _request_verb_meant(word)
            if fixed != word:
                corrections.append((word, fixed))
            words.append(fixed)
        return words, corrections, undecided, frozenset(misspelt)

    def _joined(self, words: list[str]) -> list[str]:
        """Two words that make one word of the pack when joined, neither being one itself ("somato pause")."""
        out: list[str] = []
        for word in words:
            if out and not self._matcher.knows(out[-1]) and self._matcher.knows(out[-1] + word) \
                    and not self._matcher.knows(word):
                out[-1] += word
            else:
                out.append(word)
        return out

    def _fixed(self, word: str, choices: list[str], last: bool, abbreviation: bool = False) -> str:
        """The word as read: its one near spelling in the pack, else the boundary's correction, else (ending the
        question) the pack word it begins; else the word itself."""
        # (a short word whose first letter would change is another word, not a typo: "hives" is no "gives")
        fixed = choices[0] if len(choices) == 1 and (len(word) > _SHORT_WORD or choices[0][0] == word[0]) else word
        if fixed == word and self._unknown(word) and not abbreviation:  # "imaging" is no "imagine"
            fixed = self.boundary.correct(word)
        if fixed == word and last and self._unknown(word):
            fixed = self._matcher.completion(word) or word  # a question cut off mid-word: "estrogen recep"
        return fixed

    def _unknown(self, word: str) -> bool:
        """Neither a word of the pack, nor a common English word, nor a name of a topic the document does not
        cover ("SERM" is no cut-off "sermorelin")."""
        return not self._matcher.knows(word) and not common(word) and not self._names_a_topic(word)

    def _names_a_topic(self, word: str) -> bool:
        return bool(self._out_of_scope and self._out_of_scope.search(word))

    def kind_named_by(self, noun: str) -> str | None:
        """The kind of concept a noun stands for ("enzyme": molecule), if it stands for one."""
        return self._answer_types.get(noun)

    def names_a_concept(self, word: str) -> bool:
        """Whether a word on its own is a name of a concept ("estrogen")."""
        return bool(self._names.find(fold(word).split()))

    def _named_by(self, spellings: list[str]) -> tuple[str, ...]:
        """The concepts that the tied spellings of one word name, if they name two or more."""
        named = []
        for spelling in spellings:
            found = self._names.find([spelling])
            if found:
                named.append(found[0][2])
        named = list(dict.fromkeys(named))
        return tuple(named) if len(named) > 1 else ()

    def _mentions(self, words: list[str], focus: str | None) -> list[Mention]:
        mentions = [Mention(s, e, cid, " ".join(words[s:e]), "name") for s, e, cid in self._names.find(words)]
        mentions += self._sides_named(words, mentions)
        # the first word outside the names that refers back stands for the concept under discussion, or for what
        # the question named before a second verb or question ("what binds RANKL AND stops IT ...")
        at = _referring_word(words, mentions)
        referent = _antecedent_in_question(words, at, mentions) if at is not None else None
        if referent is None and at is not None and focus in self._kb.concepts:
            referent = focus
        if referent:
            mentions.append(Mention(at, at + 1, referent, words[at], "pronoun"))
        return sorted(mentions or self._by_title_head(words), key=lambda m: m.start)

    def _by_title_head(self, words: list[str]) -> list[Mention]:
        """ "what's the deal with the ratio?": with nothing else named, a question ending on "the" and the last word of
        one concept's title (the RANKL/OPG ratio) names that concept; mid-question ("what does the signal do?") the
        word may be any of several."""
        ending = [w for w in words if w not in _TRAILING]
        at = len(ending) - 1
        placed = at > 1 and ending[at - 2] in _PLACING  # "what is the 'decoy receptor' IN the pathway?" places a part
        concept = self._title_heads.get(stem(ending[at])) if at > 0 and ending[at - 1] == "the" and not placed else None
        return [Mention(at, at + 1, concept, ending[at], "name")] if concept and ending == words[:at + 1] else []

    def _frame(self, words: list[str], masked: str, mentions: list[Mention], focus: str | None) -> tuple[Frame | None, str]:
        stems = [stem(w) for w in words]
        themes = _not_timing(words, mentions) or ([focus] if focus else [None])
        phrases = self._phrase_heads(stems)
        plain = self._plain_relation_opening(words, mentions)  # the same for every relation frame: read once
        searchable = self._frame_gates.searchable(self._frame_gates.open(masked))
        for number, (frame, actor, target, verbs) in enumerate(self._frames):
            patterns = searchable.get(number)  # finds what the frame's whole pattern finds, or None: it cannot match
            if frame.answer == "aspect":
                if self._aspect_reads(frame, themes, patterns, masked, mentions):
                    return frame, ""
                continue
            if frame.answer == "relation" and self._fits_kinds(frame, themes[0]):
                side = self._relation_side(words, stems, masked, mentions, actor, target, plain,
                                           lambda: self._verb_at(frame, words, stems, verbs, phrases, mentions))
                if side:
                    return frame, side
            elif patterns and patterns.search(masked):
                return frame, ""
        return self._default, ""

    def _fits_kinds(self, frame: Frame, theme: str | None) -> bool:
        """A relation frame limited to kinds reads only of a theme of those kinds ("what regulates OPG?" asks what
        acts on a molecule; "what regulates bone remodeling?" asks who conducts a process, another frame)."""
        return not frame.kinds or theme is None or self._kb.kinds.get(theme) in frame.kinds

    def _aspect_applies(self, frame: Frame, themes: list, pattern: re.Pattern[str] | None, masked: str) -> bool:
        """An aspect frame reads only for the kinds of concept it fits, and never where the document covers that aspect."""
        if themes == [None]:
            # "is osteopenia hereditary?" asks an aspect of something unnamed; but in "risk of breaking a bone"
            # the cue word belongs to a concept's name (fracture risk), and the example questions decide
            # (a frame limited to kinds needs a pack that declares kinds: "how is carbon fixed?" is no treatment question)
            found = pattern.search(masked) if pattern else None
            if not found or (frame.kinds and not self._kb.kinds):
                return False
            return not self._names.within_a_name([stem(w) for w in found.group(0).split()])
        if aspect_theme(self._kb, frame, themes) is not None:
            return True
        # an aspect the document does discuss ("when does age-related bone loss begin?"): the frame still reads,
        # so that the answer leads with the sentence its answer words point to
        return bool(frame.answer_words) and discussed(self._kb, frame, themes)

    def _aspect_reads(self, frame: Frame, themes: list, pattern: re.Pattern[str] | None, masked: str,
                      mentions: list[Mention]) -> bool:
        """An aspect frame reads only where its pattern matches: that one search first, the checks after."""
        return bool(pattern and pattern.search(masked)) and self._aspect_fits(frame, themes, pattern, masked, mentions)

    def _aspect_fits(self, frame: Frame, themes: list, pattern: re.Pattern[str] | None, masked: str,
                     mentions: list[Mention]) -> bool:
        return self._aspect_applies(frame, themes, pattern, masked) and self._held_name_fits(frame, pattern, masked, mentions)

    def _held_name_fits(self, frame: Frame, pattern: re.Pattern[str] | None, masked: str, mentions: list[Mention]) -> bool:
        """A frame for some kinds whose pattern holds a name ("the risks of @") fits only if that name is of those
        kinds: "the risk of bone loss" is no therapy's risk, whatever else the question names."""
        found = pattern.search(masked) if pattern and frame.kinds else None
        if not found or "@" not in found.group(0):
            return True
        at = masked[: found.start() + found.group(0).index("@")].count("@")
        named = sorted(mentions, key=lambda m: m.start)
        return at >= len(named) or self._kb.kinds.get(named[at].concept) in frame.kinds

    def _answer_type(self, words: list[str], focus: str | None = None) -> str | None:
        """The kind of thing asked for: "which cells ..." asks for a cell, "what hormone ..." for a hormone; right
        after a list of sources, "which one ...?" and "who wrote ...?" ask for a source."""
        for i, w in enumerate(words[:-1]):
            if w in ("which", "what"):
                kind = self._kind_after(words[i + 1:])
                if kind:
                    return kind
        named = self._kind_put_as_the(words)
        if named:
            return self._answer_types[named]
        if focus and self._kb.kinds.get(focus) == "source" and picks_one(words):
            return "source"
        return self._bare_noun_phrase_head(words)

    def _bare_noun_phrase_head(self, words: list[str]) -> str | None:
        """A bare noun phrase asks for its head too: "the hormone from the Leydig cells"; and without the article,
        when what follows describes it: "hormone that comes from the Leydig cells"."""
        if len(words) > 2 and words[0] in ("the", "a", "an") and words[1] in self._answer_types:
            return self._answer_types[words[1]]
        at = self._described_kind_at(words)
        return self._answer_types[words[at]] if at is not None else None

    def _kind_denied(self, words: list[str], mentions: list[Mention]) -> str | None:
        """ "osteoclasts aren't the ones that build bone, so which ones do?": the kind of the one denied is asked for."""
        denied = [m.concept for m in mentions if _denied_after(words, m.end)]
        return self._kb.kinds.get(denied[0]) if len(denied) == 1 else None

    def _described(self, words: list[str], mentions: list[Mention], text: str) -> tuple[bool, tuple[str, ...]]:
        """ "hormone that comes from the Leydig cells", "what's the receptor sitting on ...": whether the question opens
        with the kind it asks for and goes on to describe it, instead of naming it; and the concepts named inside
        that description ("the liver hormone that GH triggers": GH), which describe the one asked for and are not it.
        The description ends where its piece of the message does ("that decoy protein, which cells ...")."""
        at = self._described_kind_at(words)
        if at is None:
            return False, ()
        end = next(e for e in self._piece_ends(text, len(words)) if e > at)
        if at + 1 >= end:
            return False, ()
        return True, tuple(dict.fromkeys(m.concept for m in mentions if m.how == "name" and at < m.start < end))

    def _piece_ends(self, text: str, total: int) -> list[int]:
        """Where each piece of the message (see _PIECE_BREAK) ends, counted in its words; the last ends at `total`."""
        ends, count = [], 0
        for piece in [p for p in _PIECE_BREAK.split(text) if p.strip()][:-1]:
            count += len(self._spelled(piece)[2])
            ends.append(count)
        return [*ends, total]

    def _described_kind_at(self, words: list[str]) -> int | None:
        """Where the kind described stands: after the opening article or wh-words and at most two words that qualify
        it ("the LIVER hormone that GH triggers")."""
        start = next((i for i, w in enumerate(words[:4]) if w not in _BEFORE_A_DESCRIBED_KIND), None)
        if start is None:
            return None
        at = next((i for i in range(start, min(start + 3, len(words))) if words[i] in self._answer_types), None)
        described = at is not None and at + 1 < len(words) and words[at + 1] in _DESCRIBING
        return at if described else None

    def _noun_after_which(self, words: list[str]) -> str | None:
        for i, w in enumerate(words[:-1]):
            if w in ("which", "what"):
                at = next((j for j in range(i + 1, min(i + 5, len(words))) if words[j] in self._answer_types), None)
                if at is not None and self._kind_after(words[i + 1:]):
                    return self._compound_head(words, at)
        return None

    def _kind_put_as_the(self, words: list[str]) -> str | None:
        """ "what's THE THERAPY for it?", "what is the hormone that ...": a kind asked for as the one that does
        something, put after "what is the"; its noun, or None."""
        for i in range(len(words) - 3):
            if words[i] == "what" and words[i + 1] in ("is", "s", "are") and words[i + 2] in ("the", "that") \
                    and words[i + 3] in self._answer_types and words[i + 4:i + 5] and words[i + 4] in _DOING_WORDS | _DESCRIBING:
                return words[i + 3]
        return None

    def _counted(self, words: list[str]) -> tuple[str, int] | None:
        """ "what are the 3 proteins?", "the two cells": a kind of concept counted after "the", and how many."""
        for i in range(len(words) - 2):
            count = _COUNTS.get(words[i + 1])
            if words[i] == "the" and count and words[i + 2] in self._answer_types:
                return self._answer_types[words[i + 2]], count
        return None

    def _answer_noun(self, words: list[str]) -> str | None:
        """The noun after "which"/"what" that names the kind asked for ("which genes does estrogen turn up?")."""
        asked = self._noun_after_which(words) or self._kind_put_as_the(words)
        if asked:
            return asked
        # "now the genes behind it", "the receptor in it": the sort of thing asked for, of what was just discussed
        return next((w for i, w in enumerate(words[1:-2], 1) if w in self._answer_types and words[i - 1] in ("the", "its")
                     and words[i + 1] in _OF_THE_WHOLE and words[i + 2] in ("it", "this", "that", "them")), None)

    def _compound_head(self, words: list[str], at: int) -> str:
        """The head of a compound of kind nouns: "which hormone THERAPY" asks for a therapy."""
        return words[at + 1] if at + 1 < len(words) and words[at + 1] in self._answer_types else words[at]

    def _kind_after(self, words: list[str]) -> str | None:
        """The kind named right after "which": at once ("which cells") or past modifiers ("which bone cells")."""
        for i, w in enumerate(words[:4]):
            if w in self._answer_types:
                return self._answer_types[self._compound_head(words, i)]
            if w not in self._type_modifiers:
                return None
        return None

    def _phrase_heads(self, stems: list[str]) -> dict[int, set[str]]:
        """Where each frame's verb phrases start, their words in order with at most two others between them."""
        heads: dict[int, set[str]] = {}
        for i, s in enumerate(stems):
            for frame_id, rest in self._verb_phrases.get(s, ()):
                if _follows(stems, i + 1, rest):
                    heads.setdefault(i, set()).add(frame_id)
        return heads

    @staticmethod
    def _verb_at(frame: Frame, words: list[str], stems: list[str], verbs: set[str], phrases: dict[int, set[str]],
                 mentions: list[Mention]) -> int | None:
        """The position of the frame's verb: one of its phrases, else one of its verbs that starts no other frame's phrase."""
        at = next((i for i, ids in sorted(phrases.items()) if frame.id in ids), None)
        if at is not None:
            return at
        # "what does it do after binding estrogen?": a verb after "after" or "once" sets the time, it is not asked
        # and "what does estrogen do to RANKL expression?" has the noun of a verb, which only repeats the name
        return next((i for i, s in enumerate(stems) if s in verbs and not _inside(i, mentions) and not phrases.get(i)
                     and not (i and stems[i - 1] in _CIRCUMSTANCE) and not _restates_name(words, i, mentions)), None)

    @staticmethod
    def _plain_relation_opening(words: list[str], mentions: list[Mention]) -> bool:
        """A question that names something and opens with a wh-word, after nothing but fillers ("so, what blocks RANKL")."""
        opening = next((i for i, w in enumerate(words[:7]) if w in _WH or _how_one_does(words, i)), None)
        # "GH stimulates what?": the name opens and the wh-word closes
        if not mentions:
            return False
        asked_last = len(words) > 2 and words[-1] in ("what", "which") and mentions[0].start == 0
        # "what does it MEAN that testosterone is converted into estrogen?" asks what a statement means
        meaning = opening is not None and _MEANING_WORDS & set(words[opening:opening + 4])
        return asked_last or opening is not None and not meaning and all(w in _OPENING_FILLERS for w in words[:opening])

    def _relation_side(self, words: list[str], stems: list[str], masked: str, mentions: list[Mention],
                       actor: re.Pattern[str] | None, target: re.Pattern[str] | None, plain: bool,
                       verb_at: Callable[[], int | None]) -> str:
        if actor and actor.search(masked):
            return "actor"
        if target and target.search(masked):
            return "target"
        if not plain:
            return ""
        at = verb_at()
        if at is None or self._leftovers(words, mentions, at):
            return ""
        return _side_by_order(words, mentions, at)

    def _leftovers(self, words: list[str], mentions: list[Mention], verb_at: int) -> list[str]:
        """Words a plain relation question does not have: "what happens after estrogen binds ERα" is not "what binds ERα".
        A relative clause after the verb only describes the answer ("what does GH raise that then acts on bone?")."""
        end = _clause_end(words, mentions, verb_at, self._relation_verbs)
        phrase = self._phrase_rest(words[verb_at])
        return [w for i, w in enumerate(words[:end]) if i != verb_at and not _inside(i, mentions)
                and _carries_meaning(w) and not _opening_filler(words, i) and not _qualifies_a_name(words, i, mentions)
                and stem(w) not in phrase and not self._kind_asked(words, i)
                and not _setting(words, i) and not _time_of(words, mentions, i)]

    def _phrase_rest(self, verb: str) -> set[str]:
        """The other words of the verb's phrases ("tips it TOWARD opg"): they belong to the verb."""
        return {s for _, rest in self._verb_phrases.get(stem(verb), ()) for s in rest}

    def _kind_asked(self, words: list[str], i: int) -> bool:
        """ "which THERAPY raises it?": a kind the pack answers with, right after which/what."""
        return words[i] in self._answer_types and i > 0 and words[i - 1] in _WH

    def _foreign(self, words: list[str], mentions: list[Mention]) -> list[str]:
        """A known name with a qualifier the pack never uses ("secondary osteoporosis", "type ii collagen"), or
        followed by a head noun that names another thing ("estrogen patch", "growth hormone deficiency")."""
        found = (self._foreign_phrase(words, m, mentions) for m in mentions if m.how == "name")
        return [phrase for phrase in found if phrase]

    def _foreign_phrase(self, words: list[str], m: Mention, mentions: list[Mention]) -> str | None:
        """The mention with its foreign qualifiers before it, or with the foreign head after it; None if neither."""
        start = self._qualified_start(words, m, mentions)
        before = words[start - 1] if start > 0 else ""
        # after another name the word is a verb ("should HRT include progesterone"), not a qualifier
        if start < m.start and _opens_noun_phrase(before) and not _inside(start - 1, mentions):
            return " ".join(words[start:m.end])
        if self._foreign_head_after(words, m, mentions):
            return f"{m.text} {words[m.end]}"
        return None

    def _qualified_start(self, words: list[str], m: Mention, mentions: list[Mention]) -> int:
        """Where the mention starts with up to two qualifiers the pack never uses taken in."""
        start = m.start
        while start > 0 and start > m.start - 2 and self._qualifies(words, start - 1, m, mentions):
            start -= 1
        before = words[start - 1] if start > 0 else ""
        asked = before in _WH or start > 1 and words[start - 2] in _WH  # "what refills", "which therapy refills"
        if asked and words[start].endswith("s") and (common(words[start]) or common(words[start][:-1])):
            return m.start  # "what conducts bone remodeling": a verb after the wh-word, not a qualifier
        return start

    def _qualifies(self, words: list[str], at: int, m: Mention, mentions: list[Mention]) -> bool:
        """Whether words[at], just before the mention, is a qualifier of it that the pack never uses."""
        return (self._qualifier(words[at]) and not _inside(at, mentions) and not self._said_of(m.concept, words[at])
                and not _verb_after_noun(words, at) and not _bare_verb(words, at))

    def _said_of(self, concept_id: str, word: str) -> bool:
        """Whether the concept's own texts use the word: "silent bone loss" is the document's bone loss."""
        return stem(word) in self._own_words.get(concept_id, ())

    def _foreign_head_after(self, words: list[str], m: Mention, mentions: list[Mention]) -> bool:
        """Whether the word after the mention is a head that makes it name another thing, in a pair the pack never uses."""
        return (m.end < len(words) and not _inside(m.end, mentions) and self._head(words, m.end)
                and not self._matcher.uses_pair(words[m.end - 1], words[m.end]))

    def _head(self, words: list[str], at: int) -> bool:
        """A word after a name that makes it name another thing: a declared head ("patch"), or a word the pack
        never uses and everyday English does not know that ends the question ("what is testosterone enanthate")."""
        word = words[at]
        if stem(word) in self._foreign_heads:
            return True
        # an everyday word there is a verb or a remark ("once menopause hits", "osteoclasts' teamwork")
        return (at + 1 == len(words) and word.isalpha() and len(word) >= 4 and not self._matcher.knows(word)
                and word not in WEAK_WORDS and stem(word) not in self.frame_words and not common(word))

    def _qualifier(self, word: str) -> bool:
        """A word the pack never uses in its names or example questions, where a qualifier would stand."""
        if re.fullmatch(r"ii|iii|iv|[2-9]", word):
            return True
        if not word.isalpha() or len(word) < 4 or _function_word(word):
            return False
        if word in NOT_QUALIFIERS or common(word) and word.endswith(("ed", "ing")):
            return False  # "mentioned alongside TRT", "only progesterone": no other kind of TRT or progesterone
        if self.frame_word(word) or self.boundary.knows(word):
            return False
        return not self._matcher.in_keys(word)

    def frame_word(self, word: str) -> bool:
        """A word (or the stem of one) of the frames and cues."""
        return stem(word) in self.frame_words or word in self.frame_words

    def _kinds_referred(self, mentions: list[Mention], focus: str | None) -> tuple[str, ...]:
        """The kinds of the concepts a question is about: those it names or refers to, else the one under
        discussion ("how much should I take?" right after TRT)."""
        concepts = [m.concept for m in mentions] or ([focus] if focus else [])
        return tuple(self._kb.kinds.get(c, "") for c in concepts)

    def _off_pack(self, words: list[str], mentions: list[Mention]) -> bool:
        """Nothing named, and every word that could be a topic is one the pack never uses: "what causes rainbows?"
        matches nothing of the document, however close its frame words come to an example question."""
        if mentions or any(w in PRONOUNS for w in words):
            return False
        content = [w for w in words if w not in STOPWORDS]
        unknown = [w for w in content if self._unknown_to_pack(w)]
        # the rest may only be words of what is asked ("causes"), not of any name ("bone", "hormone", "cells")
        asking = all(self.frame_word(w) and stem(w) not in self._names.stems for w in content if w not in unknown)
        return bool(unknown) and asking

    def _unknown_to_pack(self, word: str) -> bool:
        """A word neither the pack's names and examples nor its frames use ("root" of "root cause" is a frame's)."""
        return not self._matcher.knows(word) and not self.frame_word(word)

    def _strange_words(self, words: list[str], mentions: list[Mention], misspelt: frozenset[str], text: str = "") -> list[str]:
        """Words outside the names that neither the pack nor everyday English uses, nor misspell: the names of
        things the document does not cover ("celiac", "Klinefelter", "anastrozole"); not those of a remark before
        the question ("hi, long-time LURKER here, ... what is bone resorption?")."""
        strange = [w for i, w in enumerate(words) if self._strange(w, i, mentions, misspelt, text)]
        return self._outside_remarks(strange, text) if strange and mentions else strange

    def _outside_remarks(self, strange: list[str], text: str) -> list[str]:
        """The strange words not in a remark: a piece of the message before its last that names nothing of the pack
        and asks nothing (no question word)."""
        pieces = [p for p in _PIECE_BREAK.split(text) if p.strip()]
        if len(pieces) < 2:
            return strange
        remarks: set[str] = set()
        for piece in pieces[:-1]:
            said = self._spelled(piece)[2]
            if not _QUESTIONING & set(said) and not self._mentions(said, None):
                remarks.update(said)
        return [w for w in strange if w not in remarks]

    def _strange(self, w: str, i: int, mentions: list[Mention], misspelt: frozenset[str], text: str) -> bool:
        # a three-letter word counts only when it is written as an abbreviation ("Wnt", "PTH": no vowel, a
        # capital), not as a texted word ("wht", "pls")
        short = len(w) < 4 and not _abbreviation(w, text)
        if _inside(i, mentions) or short or not (w.isalpha() or _code(w)) or _function_word(w):
            return False
        # the boundary's words are no help here: it names drugs and lab tests the document never covers
        if self._matcher.knows(w) or self.frame_word(w):
            return False
        if w in misspelt or self._a_person(w):  # a misspelt word of the pack's ("osteolasts"), or who asks
            return False
        return not everyday(w) or _abbreviation(w, text)

    def _a_person(self, word: str) -> bool:
        """ "my physiotherapist told me ...", "my grandkid asks": who said it, not what is asked about."""
        return word.endswith(_PERSON_ENDINGS) or self.boundary.names_a_person(word)

    def _topic(self, words: list[str], mentions: list[Mention]) -> str | None:
        # Words inside a concept's own name ("Lancet Diabetes & Endocrinology") are not a topic of their own.
        named = {i for m in mentions if m.how == "name" for i in range(m.start, m.end)}
        return self._first_topic(" ".join(w for i, w in enumerate(words) if i not in named))

    def _first_topic(self, text: str) -> str | None:
        """The out-of-scope topic found first in the text (leftmost; at one place, the pack's first), as one search of
        all their patterns would find it, searching only the topics whose needed words the text holds."""
        first: tuple[int, int] | None = None
        for number, pattern in self._topic_gates.searchable(self._topic_gates.open(text)).items():
            found = pattern.search(text)
            if found and (first is None or found.start() < first[0]):
                first = (found.start(), number)
        return self._topics[first[1]] if first else None


def _code(word: str) -> bool:
    """Letters and digits, a letter first ("sglt2", "glp1"; not an amount, "50mg"): a code names something."""
    return word.isalnum() and word[:1].isalpha() and not word.isalpha() and len(word) >= 3


# Words after which a noun phrase starts: "what is | secondary osteoporosis", but not "it mentioned | osteoclasts".
_NOUN_PHRASE_OPENERS = frozenset("is are was a an the about of for on with what whats explain define describe me and or in to any "
                                 "some does do cause causes treat have has get about regarding called".split())
# Endings of words for people by their profession ("physiotherapist", "dietitian", "physician").
_PERSON_ENDINGS = ("ist", "ists", "ician", "icians", "itian", "itians")
_WH = {"what", "which", "who", "whom", "where", "whats"}  # "how does X block Y" asks for a mechanism, not a fact
# Nouns for how much of a thing is made ("what lowers RANKL expression?").
_AMOUNT_MADE = frozenset("production release secretion level levels output expression synthesis".split())
# Verbs that move a level ("what lowers RANKL?"), unlike those that stop a thing acting ("what blocks RANKL?").
_AMOUNT_VERBS = frozenset("lower lowers lowered lowering reduce reduces reduced reducing decrease decreases decreased "
                          "decreasing raise raises raised raising increase increases increased increasing".split())
# Words for a thing meeting its partner ("what stops RANKL from reaching its receptor?").
_KEPT_FROM = frozenset("reaching binding attaching docking touching meeting".split())
# Words that may stand in a relation question beside the wh-word, the verb and the names.
_RELATION_FILLERS = frozenset("up down off back directly mainly mostly actually exactly else both all only main chiefly "
                              "primarily normally usually in inside bone bones body skeleton other than besides apart aside "
                              "except according "
                              # how much or how fast, which the answer's fact does not change ("lowers it sharply")
                              "sharply steeply greatly strongly quickly rapidly slowly gradually most markedly "
                              # when, which the answer does not change ("what lowers IGF-1 with age?")
                              "age aging ageing older time years "
                              # nouns that say no more than the name before them ("what stimulates IGF-1 production")
                              "activity "
                              # ... or say what about cells is raised ("what stimulates osteoblast proliferation")
                              "proliferation growth number numbers activation differentiation survival "
                              "function recruitment".split()) | _AMOUNT_MADE
# Nouns that only say what kind of answer is wanted ("which cells make OPG?").
def _carries_meaning(word: str) -> bool:
    """Whether a word says more than a plain relation question does: no stopword, filler, answer noun or wh-word."""
    return word not in STOPWORDS and word not in _RELATION_FILLERS and stem(word) not in _ANSWER_NOUNS and word not in _WH


_ANSWER_NOUNS = frozenset(stem(w) for w in "cell cells protein proteins hormone hormones molecule molecules thing things "
                          "enzyme enzymes gene genes signal signals factor factors substance substances receptor receptors "
                          "part parts tissue tissues type types kind kinds one ones gland glands organ organs "
                          "agent agents site sites half halves component components piece pieces".split())
_DETERMINERS = ("the", "that", "this", "which")
# Words between a sort of thing and what it belongs to ("the genes BEHIND it", "the receptor IN it").
_OF_THE_WHOLE = frozenset("behind in of inside within for involved".split())
_AUXILIARIES = frozenset("does do did will would can could might may".split())
# Nouns for a step or an event of a process ("what happens after that binding?")
_STEP_NOUNS = frozenset(stem(w) for w in "binding step stage process event reaction conversion pathway "
                        "mechanism effect".split())
# Words before a verb that make it the time of what is asked, not what is asked ("what happens after binding?").
_CIRCUMSTANCE = frozenset(stem(w) for w in "after before once upon while when".split())
# Words that may come before the wh-word of a relation question ("ok, then just tell me what it blocks").
_MEANING_WORDS = frozenset({"mean", "means", "meant", "meaning"})
_OPENING_FILLERS = frozenset("and so but then now just tell me please ok okay can could you explain fine right alright well hmm um also".split())


def _joined(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """Several patterns as one, searched once."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def discussed(kb: KnowledgeBase, frame: Frame, concepts: list) -> bool:
    """Whether the first concept asked about is one whose aspect the document discusses (facts `discusses`)."""
    return bool(concepts) and concepts[0] is not None and frame.id in kb.discusses.get(concepts[0], frozenset())


def aspect_theme(kb: KnowledgeBase, frame: Frame, concepts: list) -> str | None:
    """The concept an aspect question is about, or None when the aspect does not fit the question: the first
    concept named whose aspect the document does not discuss (the aspect belongs to another name: "besides bone
    loss, what symptoms does menopause cause?"), if it is of a kind the frame fits ("how does HRT treat bone
    loss?" asks what a therapy does, not how a condition is treated)."""
    if frame.unless_named and any(kb.kinds.get(c) in frame.unless_named for c in concepts):
        return None  # "why treat somatopause with peptides?": the means is named, and what it does is discussed
    for concept_id in concepts:
        if frame.id in kb.discusses.get(concept_id, frozenset()):
            continue
        return concept_id if not frame.kinds or kb.kinds.get(concept_id) in frame.kinds else None
    return None


def _frame_gates(frames: tuple[Frame, ...]) -> Gates:
    """Each frame's patterns (its alternatives) behind gates: a question is searched only by those it could match."""
    return Gates([f.patterns for f in frames], STOPWORDS)


def _searchable(frame: Frame) -> tuple[Frame, re.Pattern[str] | None, re.Pattern[str] | None, set[str]]:
    """A frame with its actor and target patterns joined for one search each, and its one-word verbs (its own
    patterns are searched behind gates: Reader._frame_gates)."""
    # a verb is listed by its stem ("synthes", "releas"), which the stemmer itself may cut shorter: keep both
    verbs = {form for v in frame.verbs if " " not in v for form in (v, stem(v))}
    return frame, _joined(frame.actor), _joined(frame.target), verbs


def _verb_phrases(frames: tuple[Frame, ...]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Verb phrases of every frame, as stems: "turn up" also reads in "turns it up", and then "turn" alone is not
    the converter's verb. Filed by first stem (frame id, the other stems), so a question is read once."""
    phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for f in frames:
        for v in f.verbs:
            if " " in v:
                stems = tuple(stem(w) for w in v.split())
                phrases.setdefault(stems[0], []).append((f.id, stems[1:]))
    return phrases


def _topic_gates(kb: KnowledgeBase) -> Gates:
    """Each out-of-scope topic's patterns behind gates: a question is searched only by the topics it could match."""
    return Gates([tuple(topic.patterns) for topic in kb.out_of_scope], STOPWORDS)


def _topic_search(kb: KnowledgeBase) -> re.Pattern[str] | None:
    """One search for all out-of-scope topics: each topic's patterns joined into one named group (t0, t1, ...)."""
    if not kb.out_of_scope:
        return None
    return re.compile("|".join(f"(?P<t{i}>{'|'.join(f'(?:{p})' for p in t.patterns)})"
                               for i, t in enumerate(kb.out_of_scope)))


def pattern_words(pattern: str) -> set[str]:
    """The words of three letters or more in a regular expression, its escapes (\\b, \\s) left out."""
    return set(re.findall(r"[a-z]{3,}", re.sub(r"\\[a-zA-Z]", " ", pattern)))


def _frame_words(frames: tuple[Frame, ...], cues: list[tuple[Cue, re.Pattern[str]]]) -> frozenset[str]:
    """The words of the frames' patterns and verbs (each verb also as its stem) and of the depth cues."""
    found = {w for f in frames for p in (*f.patterns, *f.actor, *f.target) for w in pattern_words(p)}
    # a verb of several words gives each of its words ("churn out": "churns" is no strange name)
    found |= {form for f in frames for v in f.verbs for w in v.split() for form in (w, stem(w))}
    found |= {w for cue, _ in cues for w in pattern_words(cue.pattern)}
    return frozenset(found)


def _function_word(word: str) -> bool:
    """A word that carries no topic: a stopword, a weak word or a pronoun."""
    return word in STOPWORDS or word in WEAK_WORDS or word in PRONOUNS


# "which one ...?", "which of them ...?", "which is ...?": a bare "which" that picks one of two already talked about
_WHICH_OF_TWO = re.compile(r"^(?:(?:and|so|but|ok|okay) )?which (?:(?:one|of (?:the two|them|the pair))\b|"
                           r"(?P<verb>is|are|matters|counts|helps|works|acts|does)\b)")
_WEIGHED = re.compile(r" (?:the )?(?:more|less|better|worse|stronger|weaker|faster|slower|bigger|greater|most|least)\b")


def which_of_two(words: list[str] | tuple[str, ...], weighed: bool = False) -> bool:
    """ "which one wins?", "which of them ...?", "which is more important in men?": one of two picked. With `weighed`,
    a bare "which is/does ..." counts only when it weighs the two ("which is stronger ...?"), since "which is made
    by ...?" may ask afresh."""
    text = " ".join(words)
    found = _WHICH_OF_TWO.match(text)
    if not found:
        return False
    return not (weighed and found.group("verb")) or bool(_WEIGHED.match(text, found.end()))


def picks_one(words: list[str] | tuple[str, ...]) -> bool:
    """ "which one is about IGF-1?", "the one on estrogen", "(and) one about HRT?", "another on GH?", "which of the
    two ...", "who wrote ...": one of the things just listed or compared."""
    text = " ".join(words)
    return bool(re.search(r"\b(which|the|another|any) (one|ones)\b|^(one|ones) (about|on|for|with|by|covering)\b|^another\b|\bwhich of (them|the two|these|those|both)\b|"
                          r"\bwho (wrote|published|authored)\b", text))


def _verb_after_noun(words: list[str], at: int) -> bool:
    """ "when the ratio FAVORS opg": an everyday word in -s after a noun is the verb of a clause, not a qualifier."""
    word = words[at]
    before = words[at - 1] if at else ""
    base = word[:-1] if common(word[:-1]) else word[:-2] if word.endswith("es") else ""  # "favors", "reaches"
    if (word.endswith("s") and not word.endswith("ss") and common(base) and bool(before)
            and before not in STOPWORDS and before not in _WH):
        return True
    return _verb_of_a_subject(word, before)


def _verb_of_a_subject(word: str, before: str) -> bool:
    """ "when women REACH menopause", "as we hit menopause": an everyday word after a plural subject is its verb;
    and a word in -es after an adverb is one too ("directly REPLENISHES estrogen")."""
    return (common(word) and not word.endswith(_ADJECTIVE_ENDINGS) and _plural_subject(before)
            or word.endswith("es") and len(before) > 4 and before.endswith("ly"))


def _plural_subject(word: str) -> bool:
    return word in _PLURAL_PRONOUNS or word in _PLURAL_PERSONS or (
        word.endswith("s") and not word.endswith("ss") and len(word) > 3 and word not in STOPWORDS)


_PLURAL_PRONOUNS = frozenset("we they you i".split())
_PLURAL_PERSONS = frozenset("women men people".split())


def _picked(words: list[str], mentions: list[Mention]) -> set[int]:
    """ "which ONE brakes resorption?": where a pronoun picks what is asked for; it is no name before the verb."""
    return {m.start for m in mentions if m.how == "pronoun" and m.start > 0 and words[m.start - 1] in _WH}


def _qualifies_a_name(words: list[str], i: int, mentions: list[Mention]) -> bool:
    """ "what stops NEW osteoclast formation?", "what drives ACTIVE osteoclasts?": a plain qualifier right before a name
    belongs to it."""
    return words[i] in _PLAIN_QUALIFIERS and any(m.start == i + 1 for m in mentions)


# words that start a description of the thing a bare noun names ("cells BURIED in bone")
_DESCRIBING = frozenset({"that", "which", "who", "made", "from", "produced", "released", "secreted", "found", "sitting",
                         "buried", "living", "responsible"})
_BEFORE_A_DESCRIBED_KIND = frozenset({"the", "a", "an", "what", "whats", "is", "s", "that", "this"})
# where a message breaks into pieces (sentences, clauses set off by punctuation), and the words that ask
_PIECE_BREAK = re.compile(r"[.!?;:,()]+\s*|\s+[-–—]+\s+")
_QUESTIONING = frozenset("what which why how who whom whose where when is are does do did can could should would will "
                         "explain describe tell define".split())
# what follows the kind in "what is the therapy FOR it", "the hormone THAT blocks it": the one that does something
_DOING_WORDS = frozenset("for that which used meant given to against behind".split())
_PLAIN_QUALIFIERS = frozenset("new active mature immature fresh existing more fewer extra".split())


def _opening_filler(words: list[str], i: int) -> bool:
    """ "FINE, what does activate osteoclasts?": a filler before the question's wh-word."""
    return words[i] in _OPENING_FILLERS and any(w in _WH for w in words[i + 1:i + 4])


def _request_verb_meant(word: str) -> str:
    """ "explane bone remodeling": an unknown first word two edits from a verb that asks to be taught is that verb,
    not a qualifier of the name after it (the boundary's corrections go one edit only)."""
    near = [v for v in _REQUEST_VERBS if v[0] == word[0] and OSA.distance(word, v) <= 2] if len(word) >= 5 else []
    return near[0] if len(near) == 1 else word


_REQUEST_VERBS = ("explain", "describe", "define", "compare", "summarize", "summarise", "elaborate", "clarify")


def _how_one_does(words: list[str], i: int) -> bool:
    """ "how do you stop it?", "how can one raise OPG?": with anyone at all as the subject, "how" asks what does it
    (what stops it), not how a named thing acts ("how does estrogen block RANKL?")."""
    return words[i] == "how" and words[i + 1:i + 2] in (["do"], ["can"], ["could"], ["would"], ["might"]) \
        and words[i + 2:i + 3] in (["you"], ["one"], ["we"], ["u"])


def _side_by_order(words: list[str], mentions: list[Mention], at: int) -> str:
    """ "what blocks RANKL?" asks for the actor; "what does OPG block?" for the target, and so does "what is made by
    osteoblasts?" (the one named after "by" acts); "what is RANKL blocked by?" for the actor."""
    aside = set(_set_aside(words, mentions))
    picked = _picked(words, mentions)
    first = next((m.start for m in mentions if m.concept not in aside and m.start not in picked), mentions[0].start)
    by = next((i for i in range(at + 1, len(words)) if words[i] == "by"), None)
    if by is not None and first > by:
        return "target"
    return "target" if first < at and by is None else "actor"


def _bare_verb(words: list[str], at: int) -> bool:
    """ "meant to SUPPLY growth hormone", "would a doctor CONSIDER HRT": an everyday word after "to", or after a
    modal and its subject, is a verb, not a qualifier (an adjective such as "secondary" still qualifies)."""
    word = words[at]
    # (a verb made again with "re-" is as everyday: "meant to REBALANCE remodeling")
    if not (common(word) or word.startswith("re") and common(word[2:])) or word.endswith(_ADJECTIVE_ENDINGS):
        return False
    return words[at - 1:at] == ["to"] or any(w in _MODALS for w in words[max(0, at - 3):at])


_ADJECTIVE_ENDINGS = ("ary", "al", "ic", "ous", "ive", "ed", "ing", "ible", "able", "ish", "less", "ful")
_MODALS = frozenset("would could should can will might may must".split())
_SIDE_WORDS = frozenset("side half arm part branch".split())  # "the formation side of remodeling"
_SHORT_WORD = 5  # letters: a typo of a word this short keeps its first letter


def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z]+", text.lower()))


def _opens_noun_phrase(before: str) -> bool:
    """Whether a noun phrase can start after `before` (nothing, "what is", a content word; not "it", "they")."""
    return not before or before in _NOUN_PHRASE_OPENERS or before not in STOPWORDS and before not in PRONOUNS


def _referring_word(words: list[str], mentions: list[Mention]) -> int | None:
    """Where the first word outside the names that refers back stands, if any."""
    at = next((i for i in range(len(words)) if not _inside(i, mentions) and _refers_back(words, i)), None)
    if at is not None and mentions and at > 0 and words[at - 1] in _WITHIN:
        return None  # "what does progesterone do IN it?" (the table): asks of the name, the topic only holds it
    return at


def _refers_back(words: list[str], i: int) -> bool:
    """Whether words[i] stands for the concept under discussion: a pronoun ("it"), or a placeholder after a
    determiner ("the hormone")."""
    w = words[i]
    if w in _QUANTIFIERS and i == len(words) - 1 and _LISTING_VERBS & set(words[max(0, i - 3):i]):
        return True  # "name a few", "list some": a few of them
    if _elliptical(words, i):
        return True
    if w in ("each", "both") and i > 1 and _stands_alone(words, i):
        return True  # "what does estrogen do to each?", "who is each one for?": the two just discussed
    if not (w in PRONOUNS or _placeholder(words, i)):
        return False
    if _reflexive_idiom(words, i) or _dummy_it(words, i):
        return False
    return _demonstrative_refers(words, i)


def _stands_alone(words: list[str], i: int) -> bool:
    """ "each" or "both" as a pronoun: last, or before "one", "of" or a word that names nothing ("who is each for?");
    "each cell" and "both sexes" name their own noun, and "each other" is reciprocal."""
    after = words[i + 1] if i + 1 < len(words) else None
    return after is None or after in ("one", "of") or after in STOPWORDS and after != "other"


def _demonstrative_refers(words: list[str], i: int) -> bool:
    """Whether a pronoun refers back, a demonstrative before a noun only when that noun names a sort of thing."""
    w = words[i]
    if w in ("this", "that", "these", "those") and i + 1 < len(words) and words[i + 1] not in STOPWORDS:
        # "that receptor", "this binding": the thing just discussed, named by its sort; "that question" is not one;
        # "what does that lead to?": after an auxiliary, the subject of a verb
        return stem(words[i + 1]) in _ANSWER_NOUNS | _STEP_NOUNS | _SORT_NOUNS or _subject_after_auxiliary(words, i) \
            or w in ("these", "those") and words[i + 1] in _PEOPLE  # "those men": the people the topic is about
    return True


def _antecedent_in_question(words: list[str], at: int, mentions: list[Mention]) -> str | None:
    """ "what drives bone resorption AND what holds IT back?", "what binds RANKL AND stops IT ...", "OPG keeps coming
    up. WHAT is IT?": a pronoun after "and", or a thing-pronoun in a question begun after a name, stands for the last
    thing named before it in the same turn, not for the topic of the conversation."""
    named = [m for m in mentions if m.end <= at]
    # ("OPG keeps coming up. What is IT?": a question begun after the name is another clause too; but "her" in
    # "when a woman goes through menopause, what happens to HER bones?" is a person, no thing named)
    between = set(words[named[-1].end:at]) if named else set()
    if not ("and" in between or _NEW_QUESTION & between and words[at] in _THING_PRONOUNS):
        return None
    # "which cells take part in remodeling, and what keeps THEM balanced?": a plural is not the singular name
    if words[at] in _PLURAL_PRONOUNS and not named[-1].text.endswith("s"):
        return None
    return named[-1].concept


_PLURAL_PRONOUNS = frozenset("they them their theirs these those".split())
_NEW_QUESTION = frozenset("what which why how".split())
_COUNTS = {**{str(n): n for n in range(2, 7)}, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_THING_PRONOUNS = frozenset("it its they them their this that these those".split())


def _placing(between: list[str]) -> bool:
    """Words that place a part in its whole: "of", "in the", "half of" ("the resorption half of remodeling")."""
    if between[:1] and between[0] in _SIDE_WORDS:
        between = between[1:]
    return between in (["of"], ["of", "the"], ["in"], ["in", "the"], ["within"])


def _dummy_it(words: list[str], i: int) -> bool:
    """ "is it true that bone is alive?", "it is said that ...": an "it" that stands for the clause after it."""
    if words[i] != "it":
        return False
    after = words[i + 1:i + 5]
    if after[:1] in (["is"], ["s"], ["was"]):
        after = after[1:]
    if after[:1] in (["really"], ["also"], ["often"], ["generally"], ["actually"]):
        after = after[1:]
    return bool(after) and (after[0] in _DUMMY_PREDICATES or after[:2] == ["the", "case"]) and "that" in words[i + 2:i + 6]


_DUMMY_PREDICATES = frozenset("true false possible likely unlikely correct right wrong known said believed thought "
                              "claimed accurate fair".split())


def _reflexive_idiom(words: list[str], i: int) -> bool:
    """ "OPG on ITS own", "by itself": the pronoun points back at the name just said, not at the topic."""
    before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
    return words[i] in ("its", "their") and before in ("on", "of") and after == "own" or \
        words[i] in ("itself", "themselves") and before in ("by", "in", "on")


# Sorts of thing a demonstrative may name the topic by ("who gets that condition?", "is this therapy ...").
_WITHIN = frozenset("in within inside among amongst".split())
_PEOPLE = frozenset("men women people patients guys ladies individuals folks boys girls".split())
_SORT_NOUNS = frozenset(stem(w) for w in "condition disease disorder syndrome therapy treatment drug medicine system axis".split())


def _restates_name(words: list[str], i: int, mentions: list[Mention]) -> bool:
    """ "RANKL expression", "OPG release": a noun of a verb right after a name is the name itself, not a verb."""
    return words[i] in _RELATION_FILLERS and i > 0 and _inside(i - 1, mentions)


def _clause_end(words: list[str], mentions: list[Mention], verb_at: int, verbs: frozenset[str] = frozenset()) -> int:
    """Where a relative clause after the verb starts ("... that then acts on bone"; "what triggers X to mature?"), or
    a second verb of the same subject ("what binds X AND stops it ...": it only says more of the answer)."""
    return next((i for i in range(verb_at + 1, len(words)) if words[i] in ("that", "which")
                 or words[i] == "to" and (_inside(i - 1, mentions) or _restates_name(words, i - 1, mentions))
                 or words[i] == "and" and i + 1 < len(words) and stem(words[i + 1]) in verbs), len(words))


def _elliptical(words: list[str], i: int) -> bool:
    """ "which genes?", "and what cells?": a wh-word and the sort of thing asked, all else left to what was just said."""
    said = " ".join(words).replace("in particular", "particular").split()
    rest = [w for w in said if w not in _OPENING_FILLERS and w not in _PRECISING]
    return (len(rest) == 2 and rest[1] == words[i] and rest[0] in _WH and words[i - 1] == rest[0]
            and stem(words[i]) in _ANSWER_NOUNS)


# "which hormones, specifically?": words that only press for precision
_PRECISING = frozenset({"specifically", "exactly", "precisely", "particularly", "particular"})  # "in particular"


def _placeholder(words: list[str], i: int) -> bool:
    """ "the thing", "which one", and past one adjective "the main ones" (not "the female version": a counterpart)."""
    w = words[i]
    return w in _PLACEHOLDER_WORDS and (i > 0 and words[i - 1] in _DETERMINERS
                                        or w in ("one", "ones") and i > 1 and words[i - 2] == "the")


def _subject_after_auxiliary(words: list[str], i: int) -> bool:
    """ "what does THAT lead to?", "how does THIS help?": the subject of a plain wh-question; not in "which genes does
    that change?", where the wh-word has its own noun, nor in "what do these protocols improve?"."""
    # "who is THAT meant for?", "why is THAT better?": after "is", only right after the wh-word
    # ... and opening the question ("is THAT good or bad?")
    after_is = i > 0 and words[i - 1] in ("is", "was") and (i == 1 or words[i - 2] in _WH or words[i - 2] in ("how", "why"))
    after_auxiliary = i > 0 and words[i - 1] in _AUXILIARIES and \
        (i < 2 or words[i - 2] in _WH or words[i - 2] in ("and", "so", "but", "then", "how"))
    return words[i] in ("this", "that") and (after_auxiliary or after_is)


def _setting(words: list[str], i: int) -> bool:
    """ "what makes it IN MEN?": where or in whom the relation is asked, not another thing it is asked about."""
    # "in THE blood": the article may stand between
    before = words[i - 2:i] if i > 1 and words[i - 1] == "the" else words[i - 1:i]
    if words[i] in ("document", "text", "article") and i == len(words) - 1 and words[i - 1] == "the":
        return True  # "which cells does estradiol target, according to THE DOCUMENT?": where it is said
    return bool(before) and before[0] in ("in", "among", "inside", "within") and words[i] in SETTING_WORDS


SETTING_WORDS = frozenset("men women man woman males females adults people humans bone bones body blood bloodstream "
                      "circulation skeleton "
                      # where in the document ("which agent IN THE TABLES reduces resorption?")
                      "table tables document text article page".split())


def _time_of(words: list[str], mentions: list[Mention], i: int) -> bool:
    """ "what lowers OPG AFTER menopause?": when the relation is asked about, a time word before a name, not a
    leftover that makes it another question."""
    # "once estrogen binds" is a clause with its own verb, so only a time word with the name closing the question
    return words[i] in ("after", "before", "during", "following") and any(
        m.start == i + 1 and m.end == len(words) for m in mentions)


def _abbreviation(word: str, text: str) -> bool:
    """A three-letter word with no vowel that the question writes with a capital ("Wnt", "PTH")."""
    if len(word) != 3 or re.search(r"[aeiouy]", word):
        return False
    return any(not found.islower() for found in re.findall(rf"\b{re.escape(word)}\b", text, re.IGNORECASE))


def _follows(stems: list[str], start: int, rest: tuple[str, ...], gap: int = 2) -> bool:
    """Whether `rest` comes in order from `start`, with at most `gap` other words before each."""
    for word in rest:
        window = stems[start:start + gap + 1]
        if word not in window:
            return False
        start += window.index(word) + 1
    return True


def _inside(index: int, mentions: list[Mention]) -> bool:
    return any(m.start <= index < m.end for m in mentions)


def _aspect_words(frames: tuple[Frame, ...]) -> set[str]:
    return {w for f in frames if f.answer == "aspect" for p in f.patterns for w in pattern_words(p)}


_TRAILING = frozenset("thing things stuff please".split())
_PLACING = frozenset("in within inside of from across throughout".split())


def _title_heads(kb: KnowledgeBase, asked_words: set[str]) -> dict[str, str]:
    """The last word of a title of several words that ends no other title ("ratio", "axis", "synergy"), by stem; not a
    word that asks for a kind of thing or an aspect ("receptor", "risk")."""
    heads: dict[str, set[str]] = {}
    for concept in kb.concepts.values():
        words = re.findall(r"[a-z0-9]+", concept.title.lower())
        if len(words) > 1 and kb.kinds.get(concept.id) != "source":
            heads.setdefault(words[-1], set()).add(concept.id)
    asked = {stem(w) for w in asked_words}
    return {stem(h): next(iter(ids)) for h, ids in heads.items()
            if len(ids) == 1 and stem(h) not in asked and h not in STOPWORDS and len(h) > 3}


def _masked(words: list[str], mentions: list[Mention]) -> str:
    """The words with every mention replaced by MASK."""
    out, i = [], 0
    starts = {m.start: m for m in mentions}
    while i < len(words):
        m = starts.get(i)
        if m:
            out.append(MASK)
            i = m.end
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def split_clauses(text: str) -> list[str]:
    """A question's clauses, for mixed questions ("what is OPG, and should I take estrogen?")."""
    parts = re.split(r"[;?!]|,\s*(?:and|but|also)?\s*|\.\s+|\s+and\s+(?=(?:should|can|could|would|is it|do i|does my|how much|"
                     r"what dose|where|am i|will i|my)\b)", text, flags=re.IGNORECASE)
    return [p.strip() for p in parts if p and p.strip()]


def _contrast_at(words: list[str]) -> int | None:
    """Where "rather than" or "instead of" starts, if the question has one."""
    return next((i for i, pair in enumerate(zip(words, words[1:])) if pair in _CONTRASTS), None)


_CONTRASTS = frozenset({("rather", "than"), ("instead", "of")})  # what follows is set against what is asked
# words that set a name aside: "which cells other than osteoblasts make RANKL?"
_SETTING_ASIDE = (("other", "than"), ("besides",), ("apart", "from"), ("aside", "from"), ("except",), ("except", "for"),
                  # what a thing is kept from: "what blocks RANKL from reaching RANK?" asks what blocks RANKL
                  ("from", "reaching"), ("from", "binding"), ("binding", "to"), ("from", "activating"), ("from", "meeting"),
                  # "which one builds bone instead of (braking) resorption?": the other thing, not asked about
                  ("instead", "of"), ("rather", "than"),
                  # "the bone cells that are not the builders or the breakers": the ones denied are set aside
                  *((rel, verb, "not") for rel in ("that", "which", "who") for verb in ("is", "are")), ("neither",))


def _not_timing(words: list[str], mentions: list[Mention]) -> list[str]:
    """The concepts named, less one that only says when ("any warning signs before a fracture"), unless it is the
    only one."""
    named = list(dict.fromkeys(m.concept for m in mentions))
    timing = {m.concept for m in mentions if _TIMING & set(words[max(0, m.start - 2):m.start])}
    return [c for c in named if c not in timing] or named


_TIMING = frozenset({"before", "after", "until", "till", "once", "since"})


def _after_a_setting_aside(words: list[str] | tuple[str, ...], start: int) -> bool:
    """Whether the words before a name set it aside ("besides estrogen"), a verb in -ing or an article between allowed
    ("instead of BRAKING resorption", "besides THE builders")."""
    windows = [tuple(words[max(0, start - 3):start])]
    if start >= 3 and (words[start - 1].endswith("ing") or words[start - 1] in ("the", "a", "an")):
        windows.append(tuple(words[max(0, start - 4):start - 1]))  # "besides THE builders"
    return any(before[-len(phrase):] == phrase for before in windows for phrase in _SETTING_ASIDE)


def _denied_after(words: list[str] | tuple[str, ...], end: int) -> bool:
    """ "osteoclasts are NOT THE ONES that build bone, so which ones do?": a name denied to be the one asked for."""
    return tuple(words[end:end + 4]) in _DENIED_THE_ONE or tuple(words[end:end + 3]) in _DENIED_THE_ONE


_DENIED_THE_ONE = {(verb, "not", "the", one) for verb in ("is", "are", "was", "were") for one in ("one", "ones")} | \
    {("not", "the", one) for one in ("one", "ones")}


def _set_aside(words: list[str] | tuple[str, ...], mentions) -> list[str]:
    """The concepts a question names only to set them aside ("other than osteoblasts", "besides estrogen")."""
    aside: list[str] = []
    last_end = -1  # where the last mention set aside ends: "besides osteoblasts AND osteoclasts" sets both aside
    for m in sorted(mentions, key=lambda m: m.start):
        # "besides osteoblasts AND (the) osteoclasts", "not the builders OR the breakers"
        gap = 2 if last_end >= 0 and m.start - last_end == 2 and words[m.start - 1] in ("the", "a", "an") else 1
        joined = last_end >= 0 and m.start - last_end == gap and words[last_end] in ("and", "or", "nor")
        if (joined or _after_a_setting_aside(words, m.start) or _denied_after(words, m.end)) and m.concept not in aside:
            aside.append(m.concept)
            last_end = m.end
    return aside


def unnamed_other_side(reading: Reading) -> str | None:
    """The words after "the same as", "different from", "vs" ... when they name nothing the pack knows ("bone
    mineral"), or None."""
    words = reading.words
    text = " ".join(words)
    found = _COMPARED_WITH.search(text)
    if not found:
        return None
    start = text[:found.end()].count(" ") + 1
    rest = [w for w in words[start:start + 4] if w not in ("the", "a", "an")]
    named = any(m.end > start for m in reading.mentions)
    if named or not rest or all(w in STOPWORDS or w in PRONOUNS for w in rest):
        return None
    return " ".join(rest)


# the words that set one thing against another ("X vs Y", "different from Y")
COMPARISON_OPENERS = r"the same as|same thing as|different from|differs? from|vs|versus|compared (?:to|with)|compare (?:to|with)|similar to"
_COMPARED_WITH = re.compile(rf"\b({COMPARISON_OPENERS})\b")
