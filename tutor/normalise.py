"""Turning what people type into comparable tokens: cleaning, domain spelling folds, stems."""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator

import snowballstemmer

from .precheck import either

__all__ = [
    "MAX_INPUT_CHARS", "STOPWORDS", "WEAK_WORDS", "PRONOUNS", "clean_input", "fold", "words", "stem",
    "stems", "canonical_phrase", "pack_folds", "check_fold",
]

MAX_INPUT_CHARS = 2000

_GREEK = {"α": " alpha ", "β": " beta ", "γ": " gamma ", "κ": "kappa", "ϰ": "kappa", "µ": "mu", "μ": "mu"}

# Spelling folds, applied in order to lower-cased text: typography, British spellings, and (between
# them and the grammar folds) the pack's own folds of the ways people write its names and abbreviations
# (`folds:` in the knowledge pack, see pack_folds).
def _compile(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for pattern, replacement in pairs)


_FOLDS_BEFORE = _compile((
    (r"[\u2018\u2019\u02bc`´]", "'"),
    (r"[\u2010-\u2015\u2212]", "-"),
    (r"remodell", "remodel"),
    (r"signall", "signal"),
    (r"\bageing\b", "aging"),
    (r"isation", "ization"),
    (r"favour", "favor"),
    (r"tumour", "tumor"),
    (r"\bhaem", "hem"),
    # an abbreviation typed with dots ("t.r.t.", "h.r.t"): its letters, as usually written
    (r"\b([a-z])\.([a-z])\.([a-z])\.([a-z])\b\.?", r"\1\2\3\4"),
    (r"\b([a-z])\.([a-z])\.([a-z])\b\.?", r"\1\2\3"),
))
_FOLDS_AFTER = _compile((
    # "what stops cells from forming" asks what stops cell formation
    (r"\b([a-z]+?)s? from (?:forming|developing|being formed|being made)\b", r"\1 formation"),
    (r"\bformation of (?:new )?([a-z]+?)s?\b", r"\1 formation"),
    (r"n't\b", " not"),
    # the same typed without the apostrophe ("isnt testosterone the male one?"): no name's qualifier
    (r"\b(is|are|was|were|does|do|did|has|have|had|could|would|should|must)nt\b", r"\1 not"),
    (r"\bi'm\b", "i am"),
    (r"\b(what|that|it|there|who|where|how|here|he|she)'s\b", r"\1 is"),
    (r"'s\b", ""),
    (r"'", ""),
    (r"[^a-z0-9]+", " "),
))

# The folds of the pack being used in this thread or task: set by the Tutor around loading and answering.
_PACK_FOLDS: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("pack_folds", default=())


@contextmanager
def pack_folds(folds: tuple[tuple[str, str], ...]) -> Iterator[None]:
    """Fold text with a pack's own folds (pairs of pattern and replacement) inside this block."""
    token = _PACK_FOLDS.set(tuple(folds))
    try:
        yield
    finally:
        _PACK_FOLDS.reset(token)


@lru_cache(maxsize=64)
def _compiled_pack_folds(folds: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return _compile(folds)


# Words that carry no topic. Kept out of matching entirely.
STOPWORDS: frozenset[str] = frozenset("""
a an the of to in on at by for from with about into onto as and or but if so than then there here
through via within during upon both either neither
is are was were be been being am do does did doing done have has had having can could would should will shall may might must
what whats which who whom whose when where why how whats whos
i me my mine we us our you your yours he him his she her they them their it its this that these those
tell explain explained describe define definition meaning mean means please kindly know learn understand
give show say said talk talking let lets want wanna like just really very quite some any more most much many
also too again please thanks okay ok well hi hello hey now just then still
possibly probably perhaps maybe supposedly presumably apparently
""".split())

# Words that say little about which concept is meant; they count, but lightly.
WEAK_WORDS: frozenset[str] = frozenset("""
role roles function functions job jobs purpose work works working happen happens happening effect effects affect affects
thing things thingy thingies stuff part parts simple simply basic basics overview summary detail details exactly actually
important importance matter matters related relate relationship involved involve use used using
people person someone somebody everyone human humans body bodies likely unlikely common commonly exactly
get gets getting got happen happened way ways kind kinds type types sort lot lots
change changes changed changing influence influences influenced alter alters altered level levels amount amounts
idea ideas concept concepts notion notions bit bits
main primary principal chief major key quick brief briefly process processes own alone itself themselves
explanation explanations view views account accounts author authors writer bring brings brought mention mentions mentioned
telling
""".split())

# Words that stand before a name without making it name another thing ("only progesterone", "alongside TRT").
NOT_QUALIFIERS: frozenset[str] = frozenset("""
alongside besides beside against among amongst around across along behind below beneath beyond despite except inside
outside toward towards under underneath unlike versus without within only even just also still really both each every
either other another such same more most less least much many several various certain whole entire real actual exact
specific particular usual normal typical main overall general plus including especially mainly mostly namely
peri post faulty defective broken mutant damaged abnormal impaired missing absent deficient healthy working
severe mild serious advanced major minor significant extreme worse worst
reason reasons purpose point thing things phrase phrases term terms word words expression expressions label
wider broader bigger larger longer shorter deeper greater higher lower fewer newer older later earlier
rapid rapidly fast faster fastest quick quicker slow slower gradual gradually sudden suddenly sharp sharper sharply
steep steeper steady dramatic dramatically marked noticeable substantial considerable modest slight slightly abrupt
""".split())

PRONOUNS: frozenset[str] = frozenset("it its it's they them their this that these those he she him her".split())

# Irregular forms the stemmer leaves apart.
_WORD_SYNONYMS = {
    "men": "man", "male": "man", "males": "man", "women": "woman", "female": "woman", "females": "woman",
    "older": "age", "old": "age", "elderly": "age", "aging": "age", "aged": "age", "ages": "age", "age": "age",
    "lose": "loss", "loses": "loss", "losing": "loss", "lost": "loss",
    "built": "build", "building": "build", "builds": "build",
    "made": "make", "making": "make", "makes": "make",
    "therapeutic": "therapy", "therapies": "therapy", "therapeutically": "therapy",
}

# snowballstemmer hands out PyStemmer's C stemmer when that is installed (a dependency): the same algorithm and
# stems, and a new word no longer costs tens of microseconds of a turn
_stemmer = snowballstemmer.stemmer("english")


_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.")
_SPACES = re.compile(r"\s+")


def clean_input(text: str, limit: int = MAX_INPUT_CHARS) -> tuple[str, bool]:
    """Strip control characters and escape sequences, normalise unicode; return the text and whether it was cut.

    The raw text is cut first (to twice the limit), so the work is bounded whatever arrives:
    some characters grow a lot under normalisation (one U+FDFA becomes 18).
    """
    raw_cut = len(text) > 2 * limit
    text = text[: 2 * limit]
    if not (text.isascii() and text.isprintable()):  # plain typed text has no escape, control or compatibility character
        text = _ESCAPES.sub(" ", text)
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch if (ch.isprintable() or ch in " \t") else " " for ch in text)
    text = _SPACES.sub(" ", text).strip()
    cut = raw_cut or len(text) > limit
    return (text[:limit].rstrip() if len(text) > limit else text), cut


def fold(text: str) -> str:
    """Lower-case text with spellings folded (the pack's own folds too) and punctuation turned into spaces."""
    return _fold(text, _PACK_FOLDS.get())


@lru_cache(maxsize=8192)
def _fold(text: str, folds: tuple[tuple[str, str], ...]) -> str:
    if text.isascii():  # most text: no Greek letter, accent or compatibility form to fold (the same result, faster)
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).lower()
        text = "".join(_GREEK.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    rare, anyway = _fold_chain(folds)
    if rare[0] is None or rare[0].search(text):  # most texts need none of these folds: one search tells
        for pattern, replacement in rare[1]:
            text = pattern.sub(replacement, text)
    for pattern, replacement in anyway:
        text = pattern.sub(replacement, text)
    return text.strip()


_ANYWAY = 1  # the last grammar fold (punctuation to spaces) finds something in nearly every text


@lru_cache(maxsize=64)
def _fold_chain(folds: tuple[tuple[str, str], ...]):
    """The folds in order, split into those seldom needed (with a pattern matching where any of them does, which
    skips them all when it finds nothing) and the last ones, always applied."""
    chain = (*_FOLDS_BEFORE, *_compiled_pack_folds(folds), *_FOLDS_AFTER)
    rare = chain[:-_ANYWAY]
    return (either(p for p, _ in rare), rare), chain[-_ANYWAY:]


def check_fold(pattern: str, replacement: str) -> str | None:
    """Why a pack's fold cannot be used, or None when it can."""
    try:
        re.compile(pattern).sub(replacement, "")
    except (re.error, IndexError) as err:
        return str(err)
    return None


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The matching form of one folded word."""
    word = _WORD_SYNONYMS.get(word, word)
    return _stemmer.stemWord(word)


def stems(text: str, drop_stopwords: bool = True) -> list[str]:
    """The matching forms of a text's words, stopwords dropped by default."""
    return [stem(w) for w in words(text) if not (drop_stopwords and w in STOPWORDS)]


def canonical_phrase(text: str) -> str:
    """A name reduced to its matching form, to compare aliases with one another."""
    return " ".join(stems(text, drop_stopwords=False))
