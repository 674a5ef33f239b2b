"""Everything the tutor knows about one learner; passed in and out of Tutor.respond."""
from __future__ import annotations

import copy
from datetime import datetime
from dataclasses import dataclass, field
from typing import Any, Container

from .errors import SessionError
from .model import LEVELS

__all__ = ["Session", "QuizState", "SESSION_VERSION", "JOURNAL_LIMIT"]

SESSION_VERSION = 2
_HISTORY = 20
# The journal keeps at most this many answers: a host that never drains it (or never saves through a
# store) loses the oldest ones rather than growing a session without end. 1000 is twenty 50-question
# quizzes between two saves.
JOURNAL_LIMIT = 1000


@dataclass
class QuizState:
    """The quiz in progress: the planned item ids, where it stands, and the results so far.

    Round-trips through the same plain dict as before it was typed (to_dict/from_dict), so saved
    sessions still load. `quiz["index"]` style access keeps working for code written against the dict.
    """

    items: list[str]
    index: int = 0
    hints: int = 0                   # hints taken on the current item
    tries: int = 0                   # answers given to the current item
    awaiting_why: bool = False       # a true/false item answered right, its reason still to come
    results: list[dict[str, Any]] = field(default_factory=list)
    label: str = "all topics"
    first: dict[str, Any] | None = None  # the first attempt at the current item, once recorded
    quiet: bool = False              # a lesson's check question: no intro, no summary (tutor/lessons.py)

    def to_dict(self) -> dict[str, Any]:
        data = {"items": list(self.items), "index": self.index, "hints": self.hints, "tries": self.tries,
                "awaiting_why": self.awaiting_why, "results": copy.deepcopy(self.results), "label": self.label}
        if self.quiet:
            data["quiet"] = True
        if self.first is not None:
            data["first"] = dict(self.first)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QuizState":
        return cls(items=[str(i) for i in data["items"]], index=int(data.get("index", 0)), hints=int(data.get("hints", 0)),
                   tries=int(data.get("tries", 0)), awaiting_why=bool(data.get("awaiting_why", False)),
                   results=copy.deepcopy(list(data.get("results") or [])), label=str(data.get("label", "all topics")),
                   first=dict(data["first"]) if data.get("first") else None, quiet=bool(data.get("quiet", False)))

    def __getitem__(self, key: str) -> Any:  # the dict form of earlier versions
        return getattr(self, key)

    def __setitem__(self, key: str, value: Any) -> None:
        setattr(self, key, value)

    def get(self, key: str, default: Any = None) -> Any:  # dict.get, for the same code
        value = getattr(self, key, default)
        return default if value is None else value


@dataclass
class Session:
    """Per-learner state. Round-trips through a JSON-safe dict with to_dict/from_dict.

    level: the learner's standing depth (fundamentals by default, or what they said of themselves)
    override: a depth the learner explicitly asked for; it wins until they ask for another
    concept_levels: per-concept depth evidence (for example from quizzes), used when there is no override
    last_concept / last_level: what the previous answer was about, for follow-ups
    last_answer: how the previous answer was chosen and how the question was read, for "why did you say that?"
    last_pair: the two concepts of the last comparison
    pending_choices: the concept ids offered by a "did you mean A or B?" question
    mastery / mastered: BKT estimates per concept and depth, and the depths held as mastered
    cards: the FSRS review card of each quizzed concept (plain dicts, UTC datetimes as ISO text)
    misses: wrong first attempts per concept since it was last re-explained
    asked: how often each quiz item was asked, to rotate items
    tally: per concept, [right, answered] first attempts
    quiz: the quiz in progress, if any (a lesson's check question is a quiz marked "quiet")
    lesson: the lesson in progress or last run: path, step, depth, stage, what was done and missed (tutor/lessons.py)
    taught: concept ids explained and terms glossed so far, so a term's bracketed gloss is given only the first time
    journal: answered items not yet written by a store or handed over (a store's save or drain_journal() empties
        it); at most JOURNAL_LIMIT entries, the oldest dropped first (a host that saves or drains at least once
        every JOURNAL_LIMIT answers never loses one; the tutor's own commands save after every turn)
    revision: how many times the learner's state had been saved when this session was loaded; a store saves over
        that revision only, and merges the journal into a newer one (see tutor/store.py)
    checked_against: which loaded pack last dropped unknown ids from it (Tutor.check_session); not stored
    """

    level: str = "fundamentals"
    override: str | None = None
    concept_levels: dict[str, str] = field(default_factory=dict)
    last_concept: str | None = None
    last_level: str | None = None
    last_answer: dict[str, Any] | None = None
    last_pair: list[str] = field(default_factory=list)
    pending_choices: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    turns: int = 0
    mastery: dict[str, dict[str, float]] = field(default_factory=dict)
    mastered: dict[str, list[str]] = field(default_factory=dict)
    cards: dict[str, dict[str, Any]] = field(default_factory=dict)
    misses: dict[str, int] = field(default_factory=dict)
    asked: dict[str, int] = field(default_factory=dict)
    tally: dict[str, list[int]] = field(default_factory=dict)
    quiz: QuizState | None = None
    lesson: dict[str, Any] | None = None
    taught: list[str] = field(default_factory=list)
    journal: list[dict[str, Any]] = field(default_factory=list)
    revision: int = 0
    # the pack this session was last checked against (see Tutor.check_session); not stored
    checked_against: int | None = field(default=None, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        # a quiz given in the dict form of earlier versions (a host's saved state, a test) is read as a QuizState
        if name == "quiz" and isinstance(value, dict):
            value = QuizState.from_dict(value)
        object.__setattr__(self, name, value)

    def reset_conversation(self) -> None:
        """Forget the conversation (topic, requested depth, quiz in progress); keep what was learned and scheduled."""
        self.override = None
        self.last_concept = self.last_level = None
        self.last_answer = None
        self.last_pair = []
        self.pending_choices = []
        self.quiz = None

    @property
    def state(self) -> str:
        """What the next message will be read as: "quiz" (an answer to the current question), "choice"
        (a pick between the two concepts of a "did you mean A or B?") or "conversation"."""
        if self.quiz is not None:
            return "quiz"
        if self.pending_choices:
            return "choice"
        return "conversation"

    def record_answer(self, entry: dict[str, Any]) -> None:
        """Journal one answered quiz item; beyond JOURNAL_LIMIT entries the oldest are dropped."""
        self.journal.append(entry)
        if len(self.journal) > JOURNAL_LIMIT:
            del self.journal[: len(self.journal) - JOURNAL_LIMIT]

    def drain_journal(self) -> list[dict[str, Any]]:
        """The answers journaled since the last drain, oldest first; the journal is empty afterwards."""
        entries, self.journal = self.journal, []
        return entries

    def forget_unknown(self, concepts: Container[str], items: Container[str]) -> list[str]:
        """Drop every concept id not in `concepts` and quiz item id not in `items` (a session saved with
        another pack); returns the dropped ids, sorted. The journal is history and is kept as it is."""
        dropped: set[str] = set()

        def known(cid: Any, pool: Container[str] = concepts) -> bool:
            if cid in pool:
                return True
            dropped.add(str(cid))
            return False

        self._forget_in_conversation(known)
        for table in (self.concept_levels, self.mastery, self.mastered, self.cards, self.misses, self.tally):
            for cid in [c for c in table if not known(c)]:
                del table[cid]
        for iid in [i for i in self.asked if not known(i, items)]:
            del self.asked[iid]
        if self.quiz:
            self._forget_in_quiz(known, items)
        return sorted(dropped)

    def _forget_in_conversation(self, known: Any) -> None:
        """What was just discussed goes when it names something unknown ("tell me more" then has no topic)."""
        if self.last_concept is not None and not known(self.last_concept):
            self.last_concept = self.last_level = None
        if self.last_answer and self.last_answer.get("concept") and not known(self.last_answer["concept"]):
            self.last_answer = None
        if not all([known(c) for c in self.last_pair]):  # a list: every unknown id is noted, not just the first
            self.last_pair = []
        if not all([known(c) for c in self.pending_choices]):
            self.pending_choices = []
        self.history = [c for c in self.history if known(c)]

    def _forget_in_quiz(self, known: Any, items: Container[str]) -> None:
        """The quiz goes on without the items the pack no longer has."""
        quiz = self.quiz
        plan = list(quiz.items)
        kept = [i for i in plan if known(i, items)]
        if len(kept) == len(plan):
            return
        current = plan[quiz.index] if quiz.index < len(plan) else None
        quiz.index = sum(1 for i in plan[:quiz.index] if i in kept)
        quiz.items = kept
        quiz.results = [r for r in quiz.results if r.get("item") in kept]
        if current not in kept:
            _restart_question(quiz)
        if quiz.index >= len(kept):
            self.quiz = None

    def remember(self, concept_id: str, level: str) -> None:
        self.last_concept, self.last_level = concept_id, level
        self.history = (self.history + [concept_id])[-_HISTORY:]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": SESSION_VERSION,
            "level": self.level,
            "override": self.override,
            "concept_levels": dict(self.concept_levels),
            "last_concept": self.last_concept,
            "last_level": self.last_level,
            "last_answer": dict(self.last_answer) if self.last_answer else None,
            "last_pair": list(self.last_pair),
            "pending_choices": list(self.pending_choices),
            "history": list(self.history),
            "turns": self.turns,
            "mastery": {c: dict(v) for c, v in self.mastery.items()},
            "mastered": {c: list(v) for c, v in self.mastered.items()},
            "cards": {c: dict(v) for c, v in self.cards.items()},
            "misses": dict(self.misses),
            "asked": dict(self.asked),
            "tally": {c: list(v) for c, v in self.tally.items()},
            "quiz": self.quiz.to_dict() if self.quiz else None,
            "lesson": copy.deepcopy(self.lesson),
            "taught": list(self.taught),
            "journal": copy.deepcopy(self.journal),
            "revision": self.revision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Session":
        _check_version(data)
        try:
            return cls(**_conversation_fields(data), **_record_fields(data), **_work_fields(data))
        except (TypeError, ValueError, AttributeError, KeyError) as err:
            raise SessionError(f"malformed session: {err}") from err


def _check_version(data: Any) -> None:
    if not isinstance(data, dict):
        raise SessionError("a session must be restored from a dict")
    version = data.get("version", SESSION_VERSION)
    if not isinstance(version, int) or version > SESSION_VERSION:
        raise SessionError(f"session version {version!r} is newer than this tutor understands ({SESSION_VERSION})")


def _conversation_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Depth and what was just discussed."""
    return {
        "level": _level(data.get("level", "fundamentals")),
        "override": _optional_level(data, "override"),
        "concept_levels": {str(k): _level(v) for k, v in _mapping(data, "concept_levels").items()},
        "last_concept": data.get("last_concept"),
        "last_level": _optional_level(data, "last_level"),
        "last_answer": dict(data["last_answer"]) if data.get("last_answer") else None,
        "last_pair": _strings(data, "last_pair"),
        "pending_choices": _strings(data, "pending_choices"),
        "history": _strings(data, "history"),
        "turns": int(data.get("turns", 0)),
    }


def _record_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the learner has shown; version 1 sessions had no quiz state, so each defaults to empty."""
    return {
        "mastery": {str(c): {_level(k): float(p) for k, p in v.items()} for c, v in _mapping(data, "mastery").items()},
        "mastered": {str(c): [_level(x) for x in v] for c, v in _mapping(data, "mastered").items()},
        "cards": {str(c): _card(str(c), v) for c, v in _mapping(data, "cards").items()},
        "misses": {str(c): int(n) for c, n in _mapping(data, "misses").items()},
        "asked": {str(i): int(n) for i, n in _mapping(data, "asked").items()},
        "tally": {str(c): [int(v[0]), int(v[1])] for c, v in _mapping(data, "tally").items()},
    }


def _work_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Work under way (a quiz, a lesson: older sessions had none) and what is not yet handed over."""
    return {
        "quiz": QuizState.from_dict(data["quiz"]) if data.get("quiz") else None,
        "lesson": copy.deepcopy(dict(data["lesson"])) if data.get("lesson") else None,
        "taught": _strings(data, "taught"),
        "journal": copy.deepcopy(list(data.get("journal") or [])[-JOURNAL_LIMIT:]),
        "revision": int(data.get("revision", 0)),
    }


def _mapping(data: dict[str, Any], key: str) -> Any:
    """A stored table, absent or null read as empty."""
    return data.get(key) or {}


def _strings(data: dict[str, Any], key: str) -> list[str]:
    return [str(c) for c in data.get(key) or []]


def _optional_level(data: dict[str, Any], key: str) -> str | None:
    return _level(data[key]) if data.get(key) else None


def _restart_question(quiz: QuizState) -> None:
    """The question being asked is gone: the next one starts afresh (no hints, tries or first attempt)."""
    quiz.hints, quiz.tries, quiz.awaiting_why, quiz.first = 0, 0, False, None


def _card(concept_id: str, value: Any) -> dict[str, Any]:
    """A stored review card, its dates checked now (a bad one would otherwise fail at the next review)."""
    if not isinstance(value, dict):
        raise SessionError(f"malformed session: the review card of {concept_id!r} is not a mapping")
    for key in ("due", "last_review"):
        when = value.get(key)
        if key == "last_review" and when is None:
            continue
        try:
            parsed = datetime.fromisoformat(when) if isinstance(when, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise SessionError(f"malformed session: the review card of {concept_id!r} has {key} {when!r}, "
                               "not a date and time with its time zone")
    return dict(value)


def _level(value: Any) -> str:
    if value not in LEVELS:
        raise SessionError(f"unknown depth {value!r} in session (expected one of {', '.join(LEVELS)})")
    return str(value)
