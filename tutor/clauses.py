"""Reading a free answer clause by clause: which way each thing goes, and who does what to what.

The words come from the pack (GradingWords, dialogues/grading.yaml); this module is the mechanism.
An answer is a list of tokens, each with its clause; a negation counts only in its own clause, a
word of direction after a quantifier is a noun ("fewer falls"), and a claim is a subject, a verb
and an object ("GH raises IGF-1"), so its order can be checked against the model answer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import GradingWords
from .normalise import STOPWORDS, fold, stem

__all__ = ["Token", "Lexicon", "Claim", "split_clauses"]

_CLAUSE_BREAK = re.compile(r"[,;.:!?()]|\b(?:but|while|whereas|whilst|although|though|and|however|so|because|which|that|"
                           r"together with|when|once|if)\b")
_WINDOW_BEFORE = 4
_DETERMINERS = frozenset({"the", "a", "an", "both", "its", "their", "all", "some", "more", "less"})
_AUXILIARIES = frozenset({"does", "do", "did", "will", "can", "may", "might", "could", "would", "should"})
_WINDOW_AFTER = 4


@dataclass(frozen=True)
class Token:
    word: str
    stem: str
    clause: int
    synonym: str = ""  # the stem of the pack's synonym for the word ("brittle" -> fragile), when it has one


@dataclass(frozen=True)
class Claim:
    """`subject` does `verb` (a way, "up"/"down", or a relation verb's stem) to `object` (concept keys)."""

    subject: str
    verb: str
    object: str


def split_clauses(text: str) -> list[list[str]]:
    """The folded words of each clause (clause punctuation and joining words split them)."""
    folded = " , ".join(fold(part) for part in re.split(r"[,;.:!?()]", text))
    return [part.split() for part in _CLAUSE_BREAK.split(folded) if part and part.split()]


class Lexicon:
    """The grader's reading of words: directions, negations, paraphrases. Read-only."""

    def __init__(self, words: GradingWords) -> None:
        self.w = words
        self.directed = words.up | words.down
        self.comparatives = words.up_comparatives | words.down_comparatives
        self.transitive = self.directed - words.intransitive
        self._phrasal = {stems: way for stems, way in words.phrasal}
        self._phrasal_ends = {stems[-1] for stems in self._phrasal}

    # --- words ---------------------------------------------------------------------
    def rewrite(self, words: list[str]) -> list[str]:
        """Free paraphrases as the pack's own verbs ("soaks up RANKL" -> "binds RANKL", "push RANKL down" -> "lowers RANKL")."""
        out: list[str] = []
        i = 0
        while i < len(words):
            hit = self._paraphrase_at(words, i)
            if hit is None:
                out.append(words[i])
                i += 1
                continue
            length, verb, doer, slot = hit
            out.extend([*doer, verb, *slot])
            i += length
        return out

    def _paraphrase_at(self, words: list[str], i: int) -> tuple[int, str, list[str], list[str]] | None:
        """The paraphrase starting at word i: its length, the pack's verb, the word that acts ("+") and the word acted on ("*")."""
        for pattern, verb in self.w.paraphrases:
            if i + len(pattern) > len(words):
                continue
            slots: dict[str, list[str]] = {"*": [], "+": []}
            for offset, part in enumerate(pattern):
                word = words[i + offset]
                if part in slots:
                    slots[part].append(word)
                elif stem(word) != part:
                    break
            else:
                return len(pattern), verb, slots["+"], slots["*"]
        return None

    def is_noun(self, tokens: list[Token], index: int) -> bool:
        """A word of direction used as a noun: "fewer falls", "the risk of falls"."""
        if index == 0 or tokens[index].word not in self.directed:
            return False
        before = tokens[index - 1].word
        # "reducing the drive": a word of direction right after a verb of direction and an article is its object
        acted_on = before in ("the", "a", "an") and index > 1 and tokens[index - 2].word in self.directed
        return before in self.w.noun_markers or acted_on

    def word_direction(self, tokens: list[Token], index: int, comparatives: bool = True) -> str:
        word = tokens[index].word
        before = tokens[index - 1] if index else None
        if self.is_noun(tokens, index):
            return ""
        if before is not None and (before.stem, stem(word)) in self._phrasal:
            return self._phrasal[(before.stem, stem(word))]
        return self._plain_direction(word, before.word if before else "", comparatives)

    def _plain_direction(self, word: str, prior: str, comparatives: bool) -> str:
        if word in ("up", "down") and prior in self.directed | self.w.motion | {"up", "down", "and", "or"}:
            return word  # "goes up and down", "raises down"
        if word in self.w.up or (comparatives and word in self.w.up_comparatives):
            return "up"
        if word in self.w.down or (comparatives and word in self.w.down_comparatives):
            return "down"
        return ""

    def negated(self, tokens: list[Token], index: int, spent: bool | None = None) -> bool:
        """A negation earlier in the same clause ("does not bind RANKL"); "not only", "not enough" do not deny.
        `spent` (always for a word of direction): a negation spent on a verb of direction before the word
        ("not increased but reduced", "does not raise RANKL") denies that verb, not the word."""
        clause = tokens[index].clause
        spent = tokens[index].word in self.directed if spent is None else spent
        for j in range(index - 1, max(-1, index - 7), -1):
            if tokens[j].clause != clause:
                return False
            if tokens[j].word in self.w.negations:
                return not self._degree(tokens, j) and not self._scoped_before(tokens, j, index)
            if spent and tokens[j].word in self.directed and not self._one_verb(tokens, j, index):
                return False
        return False

    def _one_verb(self, tokens: list[Token], j: int, index: int) -> bool:
        """ "slow down", "speeds up": a verb of direction and its particle right after it are one verb."""
        return j == index - 1 and (tokens[index].word in ("up", "down") or (tokens[j].stem, tokens[index].stem) in self._phrasal)

    def _scoped_before(self, tokens: list[Token], j: int, index: int) -> bool:
        """ "without estrogen there is more RANKL": "without" denies only the words right after it."""
        return tokens[j].word == "without" and any(t.word not in STOPWORDS for t in tokens[j + 1:index])

    def _degree(self, tokens: list[Token], j: int) -> bool:
        follower = tokens[j + 1].word if j + 1 < len(tokens) else ""
        if follower in self.w.not_negating:
            return True
        rest = [t.word for t in tokens[j + 1:] if t.clause == tokens[j].clause]
        return any(w in self.w.degree_words for w in rest)

    # --- which way things go ------------------------------------------------------------
    def directions(self, tokens: list[Token], clauses: set[int], comparatives: bool = True) -> set[str]:
        """Which ways the given clauses (all, when none is given) say things go; a negation flips a way."""
        said = set()
        for i, token in enumerate(tokens):
            if clauses and token.clause not in clauses:
                continue
            way = self.word_direction(tokens, i, comparatives)
            if way:
                if not self.negated(tokens, i):  # a denied way asserts neither ("does not raise it, it lowers it")
                    said.add(way)
        return said

    def contradicts_itself(self, tokens: list[Token]) -> bool:
        """A clause that says up and down of one thing ("it raises and lowers RANKL"); "it slows it by
        boosting OPG" moves two things, each the object right after its verb."""
        return any(len(self.directions(tokens, {clause}, comparatives=False)) == 2 and not self._separate_objects(tokens, clause)
                   for clause in {t.clause for t in tokens})

    def _separate_objects(self, tokens: list[Token], clause: int) -> bool:
        """Whether each verb of direction in the clause acts on its own object, up and down on different ones."""
        objects: dict[str, set[str]] = {"up": set(), "down": set()}
        for i, token in enumerate(tokens):
            way = self.word_direction(tokens, i, comparatives=False) if token.clause == clause else ""
            if way in objects:
                found = self._thing_moved(tokens, i)
                if not found:
                    return False
                objects[way].add(found)
        return objects["up"].isdisjoint(objects["down"])

    def _thing_moved(self, tokens: list[Token], i: int) -> str:
        """What the verb of direction at i moves: its subject for a verb that takes no object ("it drops RANKL
        rises": "it" drops), else the object after it, else the subject."""
        if tokens[i].word in self.w.intransitive and tokens[i].word not in self.w.ambitransitive:
            return self._subject_right_before(tokens, i) or self._object_after(tokens, i)
        return self._object_after(tokens, i) or self._subject_right_before(tokens, i)

    def _subject_right_before(self, tokens: list[Token], i: int) -> str:
        """What an intransitive verb says goes its way: the word right before it ("it drops", "they multiply")."""
        takes_none = tokens[i].word in self.w.intransitive and tokens[i].word not in ("up", "down")
        if not takes_none or i == 0 or tokens[i - 1].clause != tokens[i].clause:
            return ""
        word = tokens[i - 1].word
        verb = word in self.directed | self.w.motion | {"up", "down"}  # "goes up | and down" is one thing
        return word if not verb and (word not in STOPWORDS or word in self.w.pronouns) else ""

    def _object_after(self, tokens: list[Token], i: int) -> str:
        """The word a verb acts on right after it ("boosting OPG", "slows it"), skipping articles; "" when none."""
        j = i + 1
        while j < len(tokens) and tokens[j].word in _DETERMINERS:
            j += 1
        if j >= len(tokens) or tokens[j].clause != tokens[i].clause:
            return ""
        word = tokens[j].word
        plain = word in STOPWORDS and word not in ("it", "them")
        return "" if plain or word in self.directed or word in ("up", "down") else word

    def group_direction(self, group: tuple[str, ...] | None) -> str:
        """'up' or 'down' when most alternatives of the group are words of that direction."""
        firsts = [alt.split()[0] for alt in group or () if alt.split()]
        for way, lexicon in (("up", self.w.up), ("down", self.w.down)):
            if firsts and sum(w in lexicon for w in firsts) * 2 > len(firsts):
                return way
        return ""

    def first_directed_clause(self, tokens: list[Token]) -> set[int]:
        for i, token in enumerate(tokens):
            if self.word_direction(tokens, i):
                return {token.clause}
        return set()

    def way_of(self, tokens: list[Token], start: int, end: int | None = None, things: frozenset[int] = frozenset()) -> str:
        """Which way the term at tokens[start:end] goes ("up", "down", "same", or a denied way, "not up"): a
        verb acting on it just before, or one it undergoes just after."""
        end = start + 1 if end is None else end
        return self._way_before(tokens, start) or self._way_after(tokens, end - 1, things)

    def _way_before(self, tokens: list[Token], index: int) -> str:
        clause = tokens[index].clause
        for j in range(index - 1, max(-1, index - _WINDOW_BEFORE), -1):
            if tokens[j].clause != clause:
                return ""
            word = tokens[j].word
            if word in self.w.change and self.negated(tokens, j):
                return "same"
            if self._acts_on(tokens, j, index):
                way = "up" if word in self.w.up | self.w.up_comparatives else "down"
                return denied(way) if self.negated(tokens, j) else way
        return ""

    def _acts_on(self, tokens: list[Token], j: int, index: int) -> bool:
        """Whether the word at j says which way the thing at `index` after it goes: "lowers RANKL", "increases
        the OPG", "more OPG", "a surge in RANKL"; a comparative only right by it ("weak bones that fracture" is not)."""
        word = tokens[j].word
        if word in self.transitive or self._direction_noun(tokens, j):
            return True
        if word in self.w.ambitransitive:
            return all(t.word in _DETERMINERS for t in tokens[j + 1:index])
        return word in self.comparatives and j >= index - 2

    def _no_object(self, tokens: list[Token], j: int) -> bool:
        """A verb of direction with nothing after it to act on: "resorption accelerates", not "muscles cut the number"."""
        if tokens[j].word not in self.directed:
            return False
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        return after is None or after.clause != tokens[j].clause or after.word.endswith("ly") or (
            after.word in STOPWORDS and after.word not in _DETERMINERS | {"it", "them"})

    def _direction_noun(self, tokens: list[Token], j: int) -> bool:
        """ "a surge in RANKL", "a drop of OPG", "the brake on osteoclasts": a noun of direction names what moves after it."""
        after = tokens[j + 1].word if j + 1 < len(tokens) else ""
        word = tokens[j].word
        return (word in self.directed and after in ("in", "of")) or (word in self.w.down_nouns and after == "on")

    def _way_after(self, tokens: list[Token], index: int, things: frozenset[int] = frozenset()) -> str:
        """The way a verb after the thing says it goes; a verb after another thing (`things`: where each
        named thing starts) is that thing's: in "estrogen lets RANKL surge" RANKL surges, not estrogen."""
        clause = tokens[index].clause
        for j in range(index + 1, min(len(tokens), index + _WINDOW_AFTER)):
            if tokens[j].clause != clause or j in things:
                return ""
            way = self._undergone(tokens, index, j)
            if way:
                return way
        return ""

    def _undergone(self, tokens: list[Token], index: int, j: int) -> str:
        """The way the thing at `index` goes by the word at j after it ("RANKL surges", "is suppressed")."""
        word = tokens[j].word
        if word in self.w.change and self.negated(tokens, j):
            return "same"
        if word in self.comparatives and not _manner(tokens, j) and _last_of_phrase(tokens, j):
            return "up" if word in self.w.up_comparatives else "down"
        adjacent = all(t.word in self.w.negations | self.w.passive | _AUXILIARIES for t in tokens[index + 1:j])
        if not self._undergoes(tokens, j, tokens[j - 1].word, adjacent):
            return ""
        way = self.word_direction(tokens, j) or _plain_way(word, self.w, particles=adjacent)
        return denied(way) if way and self.negated(tokens, j) else way

    def _undergoes(self, tokens: list[Token], j: int, before: str, adjacent: bool) -> bool:
        """Whether the word at j says how the thing before it changes ("RANKL surges", "resorption accelerates")."""
        word = tokens[j].word
        if word in self.w.intransitive or (before in self.w.passive and word in self.directed) or (adjacent and self._no_object(tokens, j)):
            return not self.is_noun(tokens, j)
        return (tokens[j - 1].stem, tokens[j].stem) in self._phrasal

    # --- who does what to what -------------------------------------------------------------
    def verb_of(self, tokens: list[Token], index: int) -> str:
        """The claim verb a token is: a way for a verb acting on what follows, a relation verb's stem, or ""."""
        word = tokens[index].word
        if self.is_noun(tokens, index):
            return ""
        if word in self.transitive:
            return "up" if word in self.w.up else "down"
        return tokens[index].stem if word in self.w.relation_verbs else ""

    def claims(self, tokens: list[Token], spans: list[tuple[int, int, str]]) -> set[Claim]:
        """Subject-verb-object claims: the thing named last before a verb (a pronoun: the last thing named
        before it) and the thing named first after it, in the same clause."""
        out: set[Claim] = set()
        for i in range(len(tokens)):
            verb = self.verb_of(tokens, i)
            if not verb or self.negated(tokens, i):
                continue
            subject = self.subject(tokens, spans, i)
            after = [c for s, _, c in spans if s > i and tokens[s].clause == tokens[i].clause]
            if subject and after and subject != after[0]:
                out.add(Claim(subject, verb, after[0]))
        return out

    def subject(self, tokens: list[Token], spans: list[tuple[int, int, str]], i: int) -> str:
        """The thing that does the verb at i: named last before it in its clause, or what a pronoun there stands for."""
        before = [(s, c) for s, e, c in spans if e <= i]
        clause = tokens[i].clause
        own = [c for s, c in before if tokens[s].clause == clause]
        if own:
            return own[-1]
        pronoun = any(t.word in self.w.pronouns for t in tokens[:i] if t.clause == clause)
        return before[-1][1] if pronoun and before else ""


def _last_of_phrase(tokens: list[Token], j: int) -> bool:
    """ "RANKL is higher" says how RANKL goes; "estrogen ... is more RANKL" says how RANKL goes, not estrogen."""
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    return after is None or after.clause != tokens[j].clause or after.word in ("than", "now", "too", "then")


def _manner(tokens: list[Token], j: int) -> bool:
    """ "breaks more easily", "less likely": the comparative grades a manner, not an amount."""
    return j + 1 < len(tokens) and tokens[j + 1].word.endswith("ly") and tokens[j + 1].clause == tokens[j].clause


def _plain_way(word: str, w: GradingWords, particles: bool = True) -> str:
    if word in ("up", "down"):
        return word if particles else ""  # "RANKL down, OPG up"; not "push osteoblasts to lay down"
    return "up" if word in w.up else "down" if word in w.down else ""


def denied(direction: str) -> str:
    """A way said not to happen ("does not raise RANKL"): it denies that way without asserting the other one."""
    return "not " + direction


def flip(direction: str) -> str:
    return "down" if direction == "up" else "up"


def content_words(words: list[str], lexicon: Lexicon) -> list[str]:
    w = lexicon.w
    return [x for x in words if x not in STOPWORDS and x not in lexicon.directed and x not in w.negations]
