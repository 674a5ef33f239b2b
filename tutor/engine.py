"""The Tutor: loads a pack once, then answers many sessions (read-only, thread-safe)."""
from __future__ import annotations

import difflib
import re
import warnings
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from functools import wraps
from typing import Callable, TypeVar

from .boundary import AdviceBoundary
from .commands import COMMANDS, plain_words
from .commands import parse as parse_command
from .compose import Composer, sentences
from .depthtalk import DepthTalk
from .errors import ContentError, Problem, QuizCountError, SessionWarning, UnknownConceptError, UnknownLevelError
from .grading import Grader
from .learner import DepthChoice, apply_request, choose_depth, current_level, vocabulary_level
from .matcher import Matcher
from .lessons import Teacher
from .model import CHANGE_RELATIONS, HAPPENING_KINDS, LESSON_ACTIONS, LEVELS, OTHER_SIDE_RELATIONS, QUIZ_ACTIONS, RELATIVE_LEVELS, SECTIONS, Concept, DialogueRules, Frame, Intent, KnowledgeBase, Relation, shift_level
from .normalise import MAX_INPUT_CHARS, PRONOUNS, STOPWORDS, WEAK_WORDS, clean_input, fold, pack_folds, stem
from .packcache import cached
from .passages import PassageIndex
from .policy import ASKED_AGAIN, Decision, Policy, Thresholds, moved_only
from .precheck import ByFirstChar
from .progress import plural, progress_report, when_due
from .quiz import QuizRequest, QuizRunner
from .reading import Mention, Reader, Reading, picks_one, split_clauses, unnamed_other_side, which_of_two
from .english import active_of
from .names import NameIndex, short_title
from .review import due_concepts, utcnow
from .reply import Reply
from .session import Session

__all__ = ["Tutor", "Thresholds", "default_paths"]


_F = TypeVar("_F", bound=Callable)


def _with_pack_folds(method: _F) -> _F:
    """Run a method with the pack's own spelling folds in force (see normalise.pack_folds)."""
    @wraps(method)
    def run(self: "Tutor", *args, **kwargs):
        with pack_folds(self.kb.folds):
            return method(self, *args, **kwargs)
    return run  # type: ignore[return-value]


class _WithPackFolds:
    """A part that folds text itself (the grader), called with the pack's folds in force whoever calls it."""

    def __init__(self, target: object, folds: tuple[tuple[str, str], ...]) -> None:
        self._target = target
        self._folds = folds

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_target", "_folds"):
            raise AttributeError(name)  # pickling looks these up before the instance is filled
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def call(*args, **kwargs):
            with pack_folds(self._folds):
                return value(*args, **kwargs)
        return call


def default_paths() -> tuple[Path, Path]:
    """The bundled knowledge/ and dialogues/: beside the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent
    for base in (here.parent, here / "_data"):
        if (base / "knowledge").is_dir() and (base / "dialogues").is_dir():
            return base / "knowledge", base / "dialogues"
    return here / "_data" / "knowledge", here / "_data" / "dialogues"


class Tutor:
    """A conversational tutor over one knowledge pack.

    >>> tutor = Tutor.load()
    >>> session = tutor.new_session()
    >>> tutor.respond(session, "what do osteoclasts do?").concept
    'osteoclasts'
    """

    def __init__(self, kb: KnowledgeBase, rules: DialogueRules, thresholds: Thresholds = Thresholds()) -> None:
        self.kb = kb
        with pack_folds(kb.folds):
            self._setup(kb, rules, thresholds)

    def _setup(self, kb: KnowledgeBase, rules: DialogueRules, thresholds: Thresholds) -> None:
        self.rules = rules
        self.thresholds = thresholds
        self._matcher = Matcher(kb)
        self._names = NameIndex(kb)
        self._intents = [(intent, [re.compile(p) for p in intent.patterns]) for intent in rules.intents]
        self._intents_by_first = ByFirstChar(self._intents)  # a turn tries only the patterns that could match it
        self._fillers = frozenset(rules.fillers)
        self._depth_talk = DepthTalk.of(rules.depth_words)
        _check_coverage(kb, rules)
        cues = [(cue, re.compile(cue.pattern)) for cue in rules.cues]
        self._reader = Reader(kb, self._matcher, self._names, cues, rules.frames, AdviceBoundary(rules.boundary),
                              rules.answer_types, rules.foreign_heads, rules.answer_type_modifiers)
        passages = self._passages = PassageIndex(kb)
        self._policy = Policy(kb, self._matcher, thresholds, rules.frames, passages, rules.follow_on, rules.changes,
                              frozenset(rules.source_words), rules.answer_type_broader, frozenset(rules.action_words))
        self._compose = Composer(kb, self._msg, passages, rules.relation_verbs)
        self._grader = _WithPackFolds(Grader([(c.title, short_title(c), *c.aliases) for c in kb.concepts.values()],
                                             rules.grading, [kb.kinds.get(c.id, "") for c in kb.concepts.values()],
                                             tuple(str(i.answer) for i in kb.quiz if i.type == "cloze"), kb.synonyms),
                                      kb.folds)
        self._quiz = QuizRunner(kb, self._grader, self._msg)
        self._handlers: dict[str, Callable[[Session, Intent, _Turn], Reply]] = {
            "reply": self._chat_reply, "goodbye": self._chat_reply, "help": self._chat_reply, "topics": self._topics,
            "deeper": self._deeper, "simpler": self._simpler, "set-level": self._set_level, "why": self._why,
            "explain-last": self._explain_last, "men": self._counterpart, "women": self._counterpart,
            "men-counterpart": self._counterpart, "women-counterpart": self._counterpart,
            "quiz": self._start_quiz, "review": self._start_review, "hint": self._quiz_command, "reveal": self._quiz_command,
            "skip": self._quiz_command, "stop-quiz": self._quiz_command, "progress": self._progress,
            "repeat": self._repeat,
        }
        # lessons, examples, the glossary and sources: their own module, dispatched like any dialogue action
        self._teacher = Teacher(kb, self._quiz, self._msg, self._topic_concept, self._content, self._intents)
        self._handlers.update(self._teacher.handlers())

    @classmethod
    def load(cls, knowledge: str | Path | None = None, dialogues: str | Path | None = None) -> "Tutor":
        """Load the bundled pack, or another one; raises ContentError with every problem found.

        A loaded pack is cached (see packcache), so a second start does not parse the YAML again.
        """
        default_knowledge, default_dialogues = default_paths()
        knowledge_dir = Path(knowledge) if knowledge else default_knowledge
        dialogues_dir = Path(dialogues) if dialogues else default_dialogues
        return cached([knowledge_dir, dialogues_dir], lambda: cls._build(knowledge_dir, dialogues_dir))

    @classmethod
    def _build(cls, knowledge_dir: Path, dialogues_dir: Path) -> "Tutor":
        # imported here: with a warm cache, start-up never needs the YAML machinery
        from .dialogues import load_dialogues
        from .knowledge import load_knowledge

        kb = load_knowledge(knowledge_dir)
        with pack_folds(kb.folds):  # the dialogue pack's words are folded as the questions will be
            return cls(kb, load_dialogues(dialogues_dir))

    def folding(self):
        """A context in which `normalise.fold` uses this pack's spelling folds, for code that folds pack text itself."""
        return pack_folds(self.kb.folds)

    # --- public API --------------------------------------------------------
    def new_session(self, level: str = "fundamentals") -> Session:
        _check_level(level)
        return Session(level=level)

    def concepts(self) -> list[tuple[str, str, str]]:
        """Every concept as (id, title, section), in the document's order (see KnowledgeBase.in_document_order)."""
        return [(c.id, c.title, c.section) for c in self.kb.in_document_order()]

    def check_session(self, session: Session) -> list[str]:
        """Drop from a session what this pack does not know (concept and quiz item ids saved with another
        pack), warning with a SessionWarning; returns the dropped ids. Every call that takes a session does
        this the first time it sees the session with this pack, so a stored session from an older pack
        still loads and goes on."""
        dropped = session.forget_unknown(self.kb.concepts, self._quiz.items)
        session.checked_against = id(self.kb)
        if dropped:
            warnings.warn(SessionWarning(dropped), stacklevel=3)
        return dropped

    def _adopt(self, session: Session) -> None:
        if session.checked_against != id(self.kb):
            self.check_session(session)

    @_with_pack_folds
    def find_topic(self, text: str) -> str | None:
        """The concept a topic names, for --topic and buttons: its id, its title, short title or an alias, in
        any case ("RANKL", "osteoprotegerin", "ER alpha"); None when it names no concept, or several."""
        cleaned = text.strip() if isinstance(text, str) else ""
        if cleaned.lower() in self.kb.concepts:
            return cleaned.lower()
        folded = fold(cleaned).split()
        spans = self._names.find(folded)
        covered = sum(end - start for start, end, _ in spans)
        named = {cid for _, _, cid in spans}
        return named.pop() if folded and covered == len(folded) and len(named) == 1 else None

    def topic_id(self, text: str) -> str:
        """find_topic, or UnknownConceptError naming the close topics (`.suggestions`) when it names none."""
        return self._concept(self.find_topic(text) or text).id

    @_with_pack_folds
    def suggest_topics(self, text: str, count: int = 3) -> list[str]:
        """Titles of the concepts whose names are closest to `text`, for a "did you mean ...?"."""
        query = fold(text if isinstance(text, str) else "")
        if not query:
            return []
        names: dict[str, str] = {}
        for concept in self.kb.in_document_order():
            for name in (concept.id.replace("-", " "), short_title(concept), *concept.aliases):
                names.setdefault(fold(name), concept.id)
        close = difflib.get_close_matches(query, list(names), n=count * 3, cutoff=0.8)
        containing = [n for n in names if re.search(rf"\b{re.escape(query)}\b", n)]
        ids = list(dict.fromkeys(names[n] for n in [*close, *containing]))[:count]
        return [short_title(self.kb.concepts[cid]) for cid in ids]

    @_with_pack_folds
    def explain(self, session: Session, concept_id: str, level: str | None = None) -> Reply:
        """Direct look-up of a concept (its id, or a title or alias as find_topic reads them), for bots with buttons."""
        self._adopt(session)
        concept = self.kb.concepts[self.topic_id(concept_id)]
        if level is not None:
            _check_level(level)
        depth = DepthChoice(level, False, "") if level else choose_depth(session, concept.id, None)
        return self._answer(session, concept, depth, confidence=1.0)

    @_with_pack_folds
    def respond(self, session: Session, text: str, now: datetime | None = None) -> Reply:
        """Answer one message. Updates `session` (the learner's own state) and nothing else.

        `now` (UTC) is the time of the turn, for review scheduling; it defaults to the clock.
        """
        self._adopt(session)
        session.turns += 1
        cleaned, cut = clean_input(text if isinstance(text, str) else str(text))
        command = parse_command(cleaned)
        if command:
            reply = self._command(session, *command, now or utcnow())
        elif not any(ch.isalnum() for ch in cleaned):
            reply = self._chat(session, self._msg("empty"), "empty")
        else:
            reply = self._respond_to(session, cleaned, now or utcnow())
        if cut:
            note = self._msg("truncated", limit=MAX_INPUT_CHARS)
            reply = replace(reply, text=f"{note}\n{reply.text}")
        return reply

    # --- slash commands -----------------------------------------------------
    def _command(self, session: Session, name: str, argument: str, now: datetime) -> Reply:
        """A slash command: the plain words it stands for, or an action on the session."""
        words = plain_words(name, argument)
        if words is not None:
            reply = self._respond_to(session, words, now)
            if name == "/help":
                reply = replace(reply, text=f"{reply.text}\n{self._command_list()}")
            return replace(reply, intent=reply.intent or name[1:])
        if name == "/level":
            if argument in LEVELS:
                return self._respond_to(session, f"level {argument}", now)
            return self._chat(session, self._msg("level_is", level=current_level(session), levels=", ".join(LEVELS)), "level")
        if name == "/reset":
            session.reset_conversation()
            return self._chat(session, self._msg("reset_done"), "reset")
        return self._chat(session, self._msg("unknown_command", command=name[:30], commands=self._command_list()), "unknown-command")

    def _command_list(self) -> str:
        """One command a line, with the plain words that do the same."""
        lines = []
        for command in COMMANDS.values():
            same = f' (or say "{command.words}")' if command.words else ""
            lines.append(f"{command.usage}: {command.does}{same}")
        return self._msg("commands_list", commands="\n".join(lines))

    # --- the pipeline ------------------------------------------------------
    def _respond_to(self, session: Session, text: str, now: datetime) -> Reply:
        if self._teacher.active(session):  # a lesson's own commands first; anything else is answered, then the lesson goes on
            reply = self._teacher.during(session, fold(text), now)
            if reply is not None:
                return reply
            return self._teacher.after(session, self._respond_plain(session, text, now), now)
        return self._respond_plain(session, text, now)

    def _respond_plain(self, session: Session, text: str, now: datetime) -> Reply:
        folded = fold(text)
        if session.quiz and self._quiz.current(session):
            return self._during_quiz(session, text, folded, now)
        choice = self._pending_choice(session, folded)
        session.pending_choices = []  # picked, or a new question: either way the offer is over
        if choice:
            return self._answer(session, self.kb.concepts[choice], choose_depth(session, choice, None), confidence=1.0)
        found = self._intent(folded) or self._small_talk(text)
        if found is not None:
            return self._act(session, found, text, now)
        return self._content(session, text)

    def _content(self, session: Session, text: str) -> Reply:
        """Read the question, decide, compose: the three stages of a content turn."""
        text = self._their_version_named(session, self._back_to_an_earlier_topic(session, text))
        reading = self.read(text, session)
        declined = _still_declined(session, reading)
        if declined:  # "what is PTH?" ... "what does it do to osteoclasts?": "it" is still PTH
            reply = self._unknown(session, declined)
            session.last_answer = {"concept": None, "confidence": 0.0, "runner_up": None, "level": reply.level,
                                   "how": "a pronoun for what the document does not cover, declined just before",
                                   "declined": declined, "reading": reading.to_dict(), "kind": reply.kind}
            return reply
        reading = self._like_with_like(session, self._elliptical(session, reading) or self._the_other_way(session, text)
                                       or self._same_kind_asked(session, reading)
                                       or self._agent_asked(session, text) or reading)
        reading = self._earlier_topic_that_fits(session, text, reading)
        reading = self._the_happening_referred(session, text, reading)
        reading = self._the_one_of_the_sort_named(text, reading)
        # the comparison just made, while the talk is still about one of its two
        pair = tuple(session.last_pair) if session.last_concept in session.last_pair else _recent_two(session, reading, self.kb)
        decision = self._policy.decide(reading, session.last_concept, pair)
        reading, decision = self._about_last_answer(session, text, reading, decision)
        reading, decision = self._done_by_the_answer(session, reading, decision)
        reading, decision = self._bare_wh_on_the_answer(session, text, reading, decision)
        reading, decision = self._next_step_of_the_answer(session, text, reading, decision)
        reading, decision = self._kind_asked_of_the_topic(session, text, reading, decision)
        decision = self._one_scale_down(session, reading, decision)
        reading, decision = self._question_alone(session, text, reading, decision, pair)
        reading, decision = self._request_at_the_end(session, text, reading, decision, pair)
        depth_request = self._depth_request(session, reading)
        before = session.last_answer
        # (the words carried from the last question only choose the sentence said first; the turn is kept as asked)
        reply = self._compose_reply(session, self._carried_words(session, reading, decision), decision, depth_request)
        if session.last_answer is before:  # a decline or a refusal: nothing was answered, but /why can still show the reading
            session.last_answer = {"concept": None, "confidence": 0.0, "runner_up": None, "level": reply.level, "how": decision.how}
            if decision.action in ("topic", "foreign") and not reading.concepts:
                # the talk moved to something the document does not cover: "it" no longer means the last topic,
                # but that thing
                session.last_concept = None
                session.last_answer["declined"] = decision.topic
            elif reply.kind == "safety" and reply.concept:
                # "Should I take HRT?" ... "fine, but what does it do to bone?": the refusal offered that topic, so
                # "it" means it now
                session.last_concept = reply.concept
        session.last_answer.update(reading=reading.to_dict(), how=decision.how, kind=reply.kind)
        self._note_the_one_of_the_kind_asked(session, reading, reply)
        return reply

    def _back_to_an_earlier_topic(self, session: Session, text: str) -> str:
        """ "going back to the first thing, how does it affect bone?": the talk returns to the topic meant (the first
        of the conversation, or the one before the last), and the question goes on without the words that said so."""
        found = _BACK_TO.match(text)
        topics = list(dict.fromkeys(reversed(session.history)))  # the latest first
        if not found or len(topics) < 2:
            return text
        session.last_concept = topics[-1] if found.group("which").lower() in _FIRST else topics[1]
        return text[found.end():].strip() or "tell me about it"

    def _their_version_named(self, session: Session, text: str) -> str:
        """ "How does HRT compare with TRT?" "which hormone is used in the men's one?": "the men's one" inside a
        question is the topic's counterpart for them (TRT), put by its name."""
        if not session.last_concept or not _ONE_OR_VERSION.search(text):
            return text  # most turns: no fold needed to know it says no "... one" or "... version"
        folded = fold(text)
        said = _THEIR_VERSION.search(folded)
        if not said or said.group(0) == folded.strip(" ?.!"):
            return text  # alone, "the male one?" is the counterpart intent of the dialogue pack
        who = "women" if said.group("who").startswith(("wom", "fem")) else "men"
        counterpart = self._their_counterpart(session.last_concept, who, True)
        if not counterpart or counterpart == session.last_concept:
            return text
        return f"{folded[:said.start()]}{short_title(self.kb.concepts[counterpart])}{folded[said.end():]}"

    def _note_the_one_of_the_kind_asked(self, session: Session, reading: Reading, reply: Reply) -> None:
        """ "What is progesterone?" "which therapy includes it?" "... HRT ..." "how does that therapy protect bone?":
        when a reply about the topic names first the one thing of the kind asked for, "that therapy" means it (a bare
        "that" still means the topic)."""
        kind = reading.answer_type
        if not (kind and reply.kind == "answer" and reply.concept) or "answer" in session.last_answer \
                or self.kb.kinds.get(reply.concept) == kind:
            return
        named = [c for c in self._reader.named_in(_lead_of(reply.text)) if self.kb.kinds.get(c) == kind]
        if len(set(named)) == 1:
            session.last_answer["named_of_kind"] = named[0]

    def _like_with_like(self, session: Session, reading: Reading) -> Reading:
        """ "What is estrogen?" ... "what happens when it drops?" (menopause) ... "how does it compare to testosterone?":
        a thing is compared with one of its own kind, so "it" is the last one of that kind talked about."""
        pronouns = [m for m in reading.mentions if m.how == "pronoun"]
        if not reading.frame or reading.frame.id != "comparison" or len(pronouns) != 1 or len(reading.named) != 1:
            return reading
        earlier = self._earlier_of_kind(session, reading.named[0], pronouns[0].concept)
        if earlier is None:
            return reading
        return replace(reading, mentions=tuple(replace(m, concept=earlier) if m is pronouns[0] else m for m in reading.mentions))

    def _earlier_topic_that_fits(self, session: Session, text: str, reading: Reading) -> Reading:
        """ "What is menopause?" ... "its effect on osteoclasts?" ... "how can that be treated?": a question whose
        frame fits no topic of the last one's kind (a cell is not treated) is asked of the latest recent topic it
        fits (menopause)."""
        pronouns = [m for m in reading.mentions if m.how == "pronoun"]
        if reading.named or len(pronouns) != 1 or (reading.frame and not reading.frame.default):
            return reading
        recent = list(dict.fromkeys(reversed(session.history)))[1:_RECENT_TOPICS]
        for earlier in recent:
            again = self._reader.read(text, earlier)
            if again.frame and not again.frame.default and again.frame.kinds:
                return again
        return reading

    def _the_happening_referred(self, session: Session, text: str, reading: Reading) -> Reading:
        """ "what does testosterone turn into?" "Testosterone is converted into estrogen." "where does that happen?":
        a pronoun asked of what happens is the process the last reply was about, when that was not the topic."""
        entry = (session.last_answer or {}).get("entry")
        pronouns = [m for m in reading.mentions if m.how == "pronoun"]
        if reading.named or len(pronouns) != 1 or not entry or entry == session.last_concept \
                or self.kb.kinds.get(entry) not in HAPPENING_KINDS or not _HAPPENS.search(" ".join(reading.words)):
            return reading
        return self._reader.read(text, entry)

    def _earlier_of_kind(self, session: Session, named: str, referred: str) -> str | None:
        """A recent topic of the named one's kind, when the one referred to is of another kind."""
        kind = self.kb.kinds.get(named)
        if not kind or self.kb.kinds.get(referred) == kind:
            return None
        recent = list(dict.fromkeys(reversed(session.history)))[:_RECENT_TOPICS]
        return next((c for c in recent if c != named and self.kb.kinds.get(c) == kind), None)

    def _about_last_answer(self, session: Session, text: str, reading: Reading, decision: Decision) -> tuple[Reading, Decision]:
        """ "what binds to it?" "RANKL binds to RANK." "and what stops that?": a relation asked of a pronoun that the
        topic has no fact for is asked of the last answer (OPG stops RANKL), when that one has the fact."""
        answer, frame = self._answer_pointed_at(session, reading), reading.frame
        # ("what blocks RANKL?" "OPG ..." "and what raises THAT?": a demonstrative is the one just said, though the
        # topic has the fact too)
        if not answer or decision.action == "relation" and not _that_after_an_actor(session, reading) or not frame:
            return reading, decision
        again = self._reader.read(text, answer)
        second = self._policy.decide(again, answer)
        if frame.answer == "relation":
            return (again, second) if second.action == "relation" else (reading, decision)
        return (again, second) if _answers_from(second, again, answer) else (reading, decision)

    def _done_by_the_answer(self, session: Session, reading: Reading, decision: Decision) -> tuple[Reading, Decision]:
        """ "what blocks RANKL?" "OPG binds to RANKL ..." "how does it do that?": the pronoun is the one that did what
        was said, so the question is how that one acts on the topic ("how does OPG act on RANKL?")."""
        last, theme = session.last_answer or {}, session.last_concept
        answer, said = last.get("answer"), " ".join(reading.words)
        done = _DOES_WHAT_WAS_SAID.search(said)
        if not (done and answer and theme and answer != theme and last.get("side") == "actor"):
            return reading, decision
        names = f"{short_title(self.kb.concepts[answer])} act on {short_title(self.kb.concepts[theme])}"
        again = self._reader.read(f"{said[:done.start()]}{names}{said[done.end():]}", answer)
        return again, self._policy.decide(again, answer)

    def _the_one_of_the_sort_named(self, text: str, reading: Reading) -> Reading:
        """ "What is aromatase?" ... "who gets that condition?": a demonstrative with a sort of thing the topic is not
        stands for the one thing of that sort the topic has a fact with (aromatase deficiency)."""
        words = reading.words
        said = next((m for m in reading.mentions if m.how == "pronoun" and m.text in _DEMONSTRATIVES
                     and m.end < len(words)), None)
        kind = self._reader.kind_named_by(words[said.end]) if said else None
        if not kind or self.kb.kinds.get(said.concept) == kind:
            return reading
        of_kind = self._linked_of_kind(said.concept, kind)
        if len(of_kind) > 1:  # "what's that process called?" of RANK: what it sets going, not the whole it is part of
            of_kind = [c for c in of_kind if c not in self._wholes_of(said.concept)]
        return self._reader.read(text, of_kind[0]) if len(of_kind) == 1 else reading

    def _one_scale_down(self, session: Session, reading: Reading, decision: Decision) -> Decision:
        """ "What happens to bone at menopause?" ... "what's the molecular switch behind it?": a turn that names nothing
        and asks for a finer scale is answered by the concept the topic is explained by (estrogen's effect on RANKL
        and OPG)."""
        topic = _topic_of_the_last_reply(session)
        finer = self._finer_account(topic) if reading.cue and reading.cue.scale == "finer" else None
        if not finer or reading.named or decision.action == "safety":
            return decision
        return Decision("concept", (finer,), None, runner_up=topic,
                        how=f"the account one scale down of the topic ({short_title(self.kb.concepts[topic])})")

    def _finer_account(self, topic: str | None) -> str | None:
        """The concept the pack says explains the topic one scale down (relation explained-by), if any."""
        return self.kb.finer.get(topic or "")

    def _wholes_of(self, concept_id: str) -> set[str]:
        return {r.object for r in self.kb.relations if r.relation == "part-of" and r.subject == concept_id}

    def _linked_of_kind(self, concept_id: str, kind: str) -> list[str]:
        """The concepts of a kind that a fact links to the concept, either way round."""
        linked = {r.object if r.subject == concept_id else r.subject for r in self.kb.relations
                  if concept_id in (r.subject, r.object)}
        return sorted(c for c in linked if self.kb.kinds.get(c) == kind)

    def _answer_pointed_at(self, session: Session, reading: Reading) -> str | None:
        """The last answer, when the question points at it ("and what stops that?", "that enzyme"); or the one thing
        of the kind asked that the last reply named first, when the question names its kind ("that therapy")."""
        last = session.last_answer or {}
        answer, named = last.get("answer"), last.get("named_of_kind")
        if answer and self._names_the_answer(reading, answer):
            return answer
        if answer and self._points_at_the_answer(session, reading, answer):
            # ("that", said of two answers of one whole, is that whole)
            both = last.get("answers") or []
            return (len(both) == 2 and self._policy.whole_of_both(*both)) or answer
        return named if named and self._points_at_the_one_named(reading, named) else None

    def _points_at_the_answer(self, session: Session, reading: Reading, answer: str) -> bool:
        return (_points_at_what_was_said(reading) or self._plural_for_the_answer(session, reading, answer)) \
            and not self._words_of_the_topic(session, reading, answer)

    def _plural_for_the_answer(self, session: Session, reading: Reading, answer: str) -> bool:
        """ "what makes RANKL?" "Osteoblasts make RANKL." "what else do THEY do?": a plural pronoun cannot stand for the
        singular topic, so it stands for the plural answer just given."""
        topic = self.kb.concepts.get(session.last_concept or "")
        plural_pronoun = any(m.how == "pronoun" and m.text in _PLURAL_PRONOUNS for m in reading.mentions)
        return bool(plural_pronoun and not reading.named and topic and not topic.plural and self.kb.concepts[answer].plural)

    def _points_at_the_one_named(self, reading: Reading, named: str) -> bool:
        """ "that therapy" names its kind; "what receptor do they carry?" "... ERα ..." "what's that?": a bare "what
        is that?" asks about the new term."""
        return self._names_the_answer(reading, named) or bool(_WHAT_THAT_IS.match(" ".join(reading.words)))

    def _next_step_of_the_answer(self, session: Session, text: str, reading: Reading,
                                 decision: Decision) -> tuple[Reading, Decision]:
        """ "what does estradiol bind to?" "... estrogen receptor alpha." "and then what happens?": what the answer does."""
        answer, theme = (session.last_answer or {}).get("answer"), session.last_concept
        # (the answer acted on the topic, as RANKL on RANK: the topic is what goes on, as read already)
        acted_on = (session.last_answer or {}).get("side") == "target"
        if not (answer and theme and answer != theme and acted_on and _NEXT_STEP.match(fold(text))):
            return reading, decision
        again = self._reader.read(f"what does {short_title(self.kb.concepts[answer])} do", answer)
        return again, self._policy.decide(again, answer)

    def _bare_wh_on_the_answer(self, session: Session, text: str, reading: Reading,
                               decision: Decision) -> tuple[Reading, Decision]:
        """ "what shifts it toward OPG?" "Estrogen raises OPG." "how?": how the answer does it, the process named
        after the two (estrogen's effect on RANKL and OPG); "what does GH stimulate?" "IGF-1 ..." "where?": where the
        answer is made."""
        answer, theme = (session.last_answer or {}).get("answer"), session.last_concept
        asked = _BARE_WH.match(fold(text))
        own = self._own_process_asked(text, answer, theme)
        if own:
            return reading, own
        if not (answer and theme and asked) or answer == theme:
            return reading, decision
        if asked.group(1) == "how":
            return self._how_the_answer_does_it(session, reading, decision, answer, theme)
        again = self._reader.read(f"where is {short_title(self.kb.concepts[answer])} made", answer)
        return again, self._policy.decide(again, answer)

    def _own_process_asked(self, text: str, answer: str | None, theme: str | None) -> Decision | None:
        """ "How does testosterone protect bone?" ... "why?": how a hormone does what was said is its own process
        (testosterone's conversion to estrogen in bone), after an answer about the hormone itself."""
        process = self._own_process_of(theme, answer) if _BARE_WHY_OR_HOW.match(fold(text)) else None
        return Decision("concept", (process,), None, how="how the topic does it: its own process") if process else None

    def _own_process_of(self, topic: str | None, answer: str | None) -> str | None:
        """The topic's own process, when the last reply was about the topic itself (not a relation's answer); of a
        condition, the process of what goes missing in it ("why?" after menopause: estrogen's effect on RANKL and OPG)."""
        if not topic or answer:
            return None
        lost = [r.subject for r in self.kb.relations if r.relation == "missing-in" and r.object == topic]
        return self._policy.own_process(topic) or (self._policy.own_process(lost[0]) if len(lost) == 1 else None)

    def _process_of_the_answer(self, session: Session, answer: str, theme: str) -> str | None:
        """The process named after the answer and the theme, or the one the last reply was about."""
        entry = (session.last_answer or {}).get("entry")
        return self._policy.named_after(answer, theme) or \
            (entry if entry != theme and self.kb.kinds.get(entry) == "process" else None)

    def _how_the_answer_does_it(self, session: Session, reading: Reading, decision: Decision, answer: str,
                                theme: str) -> tuple[Reading, Decision]:
        """ "how?" after a relation answer: the process named after the two, or the one the last reply was about;
        else the last question's verb asked of the answer and what it acted on ("and what blocks it?" of RANKL
        "OPG ..." "how?": how OPG blocks RANKL)."""
        process = self._process_of_the_answer(session, answer, theme)
        if process:
            return reading, Decision("concept", (process,), reading.frame, how="how the last answer does it")
        previous = _answered_reading(session) or {}
        verb = _verb_after_what(str(previous.get("words", "")).split())
        acted = [m["concept"] for m in previous.get("mentions") or [] if m["concept"] != answer]
        if not (verb and acted):
            return reading, decision
        names = [short_title(self.kb.concepts[c]) for c in (answer, acted[0])]
        again = self._reader.read(f"how does {names[0]} {verb} {names[1]}", answer)
        return again, self._policy.decide(again, answer)

    def _kind_asked_of_the_topic(self, session: Session, text: str, reading: Reading,
                                 decision: Decision) -> tuple[Reading, Decision]:
        """ "What is TRT?" ... "what hormone is used?": a short question asking for a kind of thing, naming nothing
        and pointing at nothing, asks it of the topic: answered by the topic (its fact about a thing of that kind
        first) or by the one of that kind found in it ("How is bone formed?" "what protein is laid down?")."""
        topic, kind = session.last_concept, reading.answer_type
        if not (topic and kind and not reading.mentions and len(reading.words) <= _SHORT_TURN):
            return reading, decision
        kept = self._topic_about_the_kind(reading, topic, decision)
        if kept:
            return reading, kept
        again = self.read(f"{text.strip().rstrip('?.!')} in it?", session)
        second = self._policy.decide(again, topic)
        found = second.action == "concept" and (
            second.concepts[:1] == (topic,) and self._has_fact_of_kind(topic, kind)
            or self.kb.kinds.get(second.concept) == kind and second.runner_up == topic)
        return (again, second) if found else (reading, decision)

    def _topic_about_the_kind(self, reading: Reading, topic: str, decision: Decision) -> Decision | None:
        """ "How do hormones control bone?" ... "which hormones especially?": the topic is about things of that kind,
        so it answers, its sentence naming them first; the decision stands when it is the topic or of the kind."""
        kind = reading.answer_type
        if self._policy.titled_with_noun(topic, reading.answer_noun) and self.kb.kinds.get(topic) != kind:
            return Decision("concept", (topic,), reading.frame, how=f"the {reading.answer_noun} the topic is about")
        return decision if self._about_the_topic(decision, topic, kind) else None

    def _about_the_topic(self, decision: Decision, topic: str, kind: str) -> bool:
        """Whether the decision is the topic, or a thing of the kind asked ("which therapy uses both?": HRT)."""
        return bool(decision.concepts) and (decision.concepts[0] == topic or self.kb.kinds.get(decision.concepts[0]) == kind)

    def _has_fact_of_kind(self, concept_id: str, kind: str) -> bool:
        return bool(self._linked_of_kind(concept_id, kind))

    def _question_alone(self, session: Session, text: str, reading: Reading, decision: Decision,
                        pair: tuple[str, ...]) -> tuple[Reading, Decision]:
        """ "Is bone actually alive? I always thought the skeleton was a fixed frame.": when the whole message
        matches nothing, or names nothing and was answered only by a guess from its words, its question read alone
        may answer, without the remarks around it that blur the match."""
        guessed = decision.action == "concept" and not reading.named and decision.confidence < self._policy.thresholds.example
        if not (decision.action == "unknown" or guessed) or decision.topic:
            return reading, decision
        asked = _question_asked(text)
        if not asked:
            return reading, decision
        # whose health it is about is read from the whole message: "... as the years go by? Just the general idea."
        alone = replace(self.read(asked, session), advice=reading.advice)
        second = self._policy.decide(alone, session.last_concept, pair)
        # a guess gives way only to a sure reading of the question alone ("what are they called?" says too little)
        better = second.action != "unknown" and (not guessed or second.confidence >= self._policy.thresholds.example)
        return (alone, second) if better else (reading, decision)

    def _request_at_the_end(self, session: Session, text: str, reading: Reading, decision: Decision,
                            pair: tuple[str, ...]) -> tuple[Reading, Decision]:
        """ "I'm a nursing student ... this text talks about a somatotropic axis and somatopause ... could you explain
        what that axis is?": in a long message, the request it ends with is what is asked; "that axis" is the name
        said earlier that ends in that noun (the somatotropic axis)."""
        folded = fold(text)
        if len(folded.split()) < _LONG_MESSAGE or reading.advice.personal:
            return reading, decision
        found = list(_REQUEST.finditer(folded))
        clause = folded[found[-1].start():] if found else ""
        if not clause or clause == folded:
            return reading, decision
        alone = replace(self._reader.read(self._demonstrative_named(clause, reading), session.last_concept),
                        advice=reading.advice)
        second = self._policy.decide(alone, session.last_concept, pair)
        named = [m for m in alone.mentions if m.how == "name"]
        return (alone, second) if named and second.action not in ("unknown", "clarify", "foreign") else (reading, decision)

    def _demonstrative_named(self, clause: str, reading: Reading) -> str:
        """The clause with "that axis" put as the earlier name whose words end in that noun ("somatotropic axis")."""
        for m in reading.mentions:
            head = m.text.split()[-1] if m.how == "name" else ""
            said = re.search(rf"\b(that|this|those|these) ({re.escape(head)}|\w+ {re.escape(head)})\b", clause) if head else None
            if said and len(m.text.split()) > 1:
                return clause[:said.start()] + m.text + clause[said.end():]
        return clause

    def _carried_words(self, session: Session, reading: Reading, decision: Decision) -> Reading:
        """ "What does BMD correlate with?" "... IGF-1, especially in women ..." "especially in whom?": a short turn
        that only asks who, of the topic, keeps the last question's words, so the sentence that answered it is the
        one that answers who."""
        previous = _answered_reading(session)
        frame = decision.frame
        asks_who = bool(frame and {"men", "women"} & set(frame.answer_words))
        if not (previous and asks_who and decision.action == "concept" and decision.concepts[:1] == (session.last_concept,)) \
                or len(reading.words) > _SHORT_TURN or any(m.how == "name" for m in reading.mentions):
            return reading
        return replace(reading, words=(*reading.words, *str(previous.get("words", "")).split()))

    def _words_of_the_topic(self, session: Session, reading: Reading, answer: str) -> bool:
        """ "What does OPG grab?" "OPG binds to RANKL." "why is that called a decoy?": a word of the topic's own names
        (OPG, the "decoy receptor") that the answer's names lack keeps the question on the topic."""
        topic = session.last_concept
        return bool(topic) and any(self._passages.titled_with_word(topic, w) and not self._passages.titled_with_word(answer, w)
                                   for w in reading.content_words)

    def _names_the_answer(self, reading: Reading, answer: str) -> bool:
        """ "which receptor does it bind?" "ERα" "and where are those receptors found?": a demonstrative with a noun
        the last answer's title holds, or that names its kind ("what enzyme does it?" "Aromatase ..." "what happens if
        that enzyme is missing?"), points at that answer, not at the topic."""
        words = reading.words
        return not reading.named and any(
            m.how == "pronoun" and m.text in _DEMONSTRATIVES and m.end < len(words)
            and self._names_it(answer, words[m.end]) for m in reading.mentions)

    def _names_it(self, concept_id: str, noun: str) -> bool:
        """Whether a noun is a word of the concept's title or names its kind."""
        kind = self._reader.kind_named_by(noun)
        return self._passages.titled_with_word(concept_id, noun) or kind is not None and kind == self.kb.kinds.get(concept_id)

    def _elliptical(self, session: Session, reading: Reading) -> Reading | None:
        """ "and the OPG one?" after "what is the RANKL gene called?": the last specific question again, with the
        new name in place of the one it asked about; None when this is no such follow-up."""
        previous = _answered_reading(session)
        # ("and toward RANKL?" after "what tips it toward OPG?": a word of the old question said again is no new one)
        if previous is None or not _only_a_name(reading, self._fillers | set(str(previous.get("words", "")).split())):
            return None
        # the old question named its topic or referred to it ("does it have side effects?")
        named = self._replaceable(previous, reading.named[0])
        if len(named) != 1 or not self._re_askable(previous) or named[0]["concept"] == reading.named[0]:
            return None
        again = self.read(self._with_name(previous.get("words", "").split(), named[0]["span"], reading), session)
        same_frame = again.frame is not None and again.frame.id == previous["frame"]
        return again if same_frame and again.named else None

    def _the_other_way(self, session: Session, text: str) -> Reading | None:
        """ "what pushes it up?" ... "and down?", "what does it switch on?" ... "and off?": the last question again, the
        other way round; None when this is no such follow-up."""
        asked = _THE_OTHER_WAY.match(fold(text))
        previous = _answered_reading(session)
        if not asked or previous is None:
            return None
        said = str(previous.get("words", "")).split()
        other = _OPPOSITE_PARTICLES[asked.group("way")]
        if other not in said:
            return None
        at = len(said) - 1 - said[::-1].index(other)
        return self.read(" ".join([*said[:at], asked.group("way"), *said[at + 1:]]), session)

    def _agent_asked(self, session: Session, text: str) -> Reading | None:
        """ "what is it converted into?" ... "by what?": who does what the last question said was done to its topic
        ("what converts testosterone?"); None when this is no such follow-up."""
        previous = _answered_reading(session)
        if previous is None or not _BY_WHAT.match(fold(text)):
            return None
        said = str(previous.get("words", "")).split()
        done = next((active_of(w) for i, w in enumerate(said) if i and said[i - 1] not in _WH_WORDS
                     and active_of(w) and _PASSIVE_AUX & set(said[max(0, i - 4):i])), None)
        topics = [m["concept"] for m in previous.get("mentions") or []]
        if not (done and topics):
            return None
        return self.read(f"what {done} {short_title(self.kb.concepts[topics[0]])}", session)

    def _same_kind_asked(self, session: Session, reading: Reading) -> Reading | None:
        """ "and which build?" after "which cells break it down?": the same kind asked for again, of the same topic,
        with the new verb; None when this is no such follow-up."""
        previous = _answered_reading(session)
        picked = previous is not None and " ".join(previous.get("words", "").split()[:2]) in ("which one", "which ones")
        # after one was picked from a whole, "and which builds bone?" picks again, whatever it names
        said = _which_and_a_verb(reading, names_allowed=picked)
        if previous is None or not said:
            return None
        topics = _topics_of(previous)
        noun = previous.get("answer_noun")
        if len(topics) != 1:
            return None
        if not noun:
            # "which one goes up?" (of the genes) ... "and which goes down?": one of the same topic again
            return self._reader.read(" ".join(["which one", *said]), topics.pop()) if picked else None
        rest = said if set(said) & PRONOUNS else [*said, "it"]
        again = self._reader.read(" ".join(["which", noun, *rest]), topics.pop())
        return again if again.answer_type else None

    def _replaceable(self, previous: dict, new: str) -> list[dict]:
        """The old question's names that the new one may take the place of: with several, those of the new one's
        kind, else those not about the document's sources ("what references does it cite on IGF-1?" "and on
        HRT?": IGF-1's place)."""
        named = _one_per_concept([m for m in previous.get("mentions") or [] if m["how"] in ("name", "pronoun")])
        if len(named) < 2:
            return named
        kinds = self.kb.kinds
        same = [m for m in named if kinds.get(m["concept"]) == kinds.get(new)]
        return same or [m for m in named if kinds.get(m["concept"]) != "source"]

    def _re_askable(self, previous: dict) -> bool:
        """A question that can be asked again of another name: any but a comparison, after which a new name is
        a new topic."""
        frame = self._frame_called(previous.get("frame"))
        return frame is not None and frame.answer != "compare"

    def _frame_called(self, frame_id: str | None) -> Frame | None:
        return next((f for f in self.rules.frames if f.id == frame_id), None)

    def _with_name(self, words: list[str], span: list[int], reading: Reading) -> str:
        """The old question's words with the new name in place of the old one."""
        start, end = span
        new = next(m for m in reading.mentions if m.how == "name")
        # "the OPG one", or "and RANKL's?" after "what is OPG's gene called?": the rest of the old name stays
        if "one" in reading.words or _possessive(reading.text):
            kind = None if "one" in reading.words else self.kb.kinds.get(new.concept)
            start, end = self._replaced_part(words, start, end, kind)
        return " ".join(words[:start] + new.text.split() + words[end:])

    def _replaced_part(self, words: list[str], start: int, end: int, kind: str | None = None) -> tuple[int, int]:
        """The words of a name that another name takes the place of: in "the RANKL gene", "RANKL" ("and the OPG
        one?" asks about the OPG gene); with a kind, only a word naming a concept of that kind (the OPG of "the
        OPG gene" for RANKL, not the bone of "bone remodeling" for osteoporosis); else the whole name."""
        for i in range(start, end):
            found = self._names.find([words[i]]) if end - start > 1 else []
            if found and (kind is None or self.kb.kinds.get(found[0][2]) == kind):
                return i, i + 1
        return start, end

    @_with_pack_folds
    def read(self, text: str, session: Session | None = None) -> Reading:
        """How the tutor reads a question (what it names, what it asks, who it is about), without answering it."""
        return self._reader.read(text, session.last_concept if session else None)

    def _depth_request(self, session: Session, reading: Reading) -> DepthChoice | None:
        if reading.cue is None:
            return None
        steps = RELATIVE_LEVELS.get(reading.cue.level)
        if steps:  # "more detail please, the gene part": one step from the depth of the last answer
            return _stepped(session, session.last_level or current_level(session), steps)
        reason = "as you described yourself" if reading.cue.persistent else "as you asked"
        return apply_request(session, reading.cue.level, reading.cue.persistent, reason)

    def _compose_reply(self, session: Session, reading: Reading, decision: Decision, depth_request: DepthChoice | None) -> Reply:
        declined = self._decline(session, reading, decision, depth_request)
        if declined is not None:
            return declined
        concept = self.kb.concepts[decision.concept]
        depth = depth_request or self._depth_for(session, reading, concept.id)
        action = decision.action
        built = self._built_by_action(session, reading, decision, concept, depth)
        if built is not None:
            return built
        if action == "same":
            first, second = decision.topic.split("|")
            text = f"{self._msg('same_thing', a=first, b=second)} {concept.explain[depth.level]}"
            return self._answer(session, concept, depth, 1.0, text=text, how=decision.how)
        if action == "pick":
            text = self._opening(reading, decision, concept, depth) or concept.explain[depth.level]
            names = _said_names(reading)
            said = self._msg("picked_of_two", chosen=self._compose.name_as_said(concept.id, names.get(concept.id), reading.text),
                             other=self._compose.name_as_said(decision.topic, names.get(decision.topic), reading.text))
            return self._answer(session, concept, depth, decision.confidence, decision.runner_up,
                                text=f"{said[0].upper()}{said[1:]} {text}", how=decision.how)
        # (a name asked for, not an abbreviation: its other names come first)
        text = self._compose.expansion(concept.id, depth.level, _said_names(reading).get(concept.id),
                                       other_first=not decision.frame or decision.frame.answer != "expand"
                                       or decision.frame.other_names) \
            if action == "expand" else None
        if text:
            return self._answer(session, concept, depth, decision.confidence, decision.runner_up, text=text)
        text = self._opening(reading, decision, concept, depth, follow_up=concept.id == session.last_concept)
        text = self._beside_the_unnamed_side(reading, concept, depth, self._not_the_other(reading, decision, text))
        return self._answer(session, concept, depth, decision.confidence, decision.runner_up,
                            text=self._pointed_to_a_clinician(decision, text), how=decision.how)

    def _not_the_other(self, reading: Reading, decision: Decision, text: str | None) -> str | None:
        """ "Is type I collagen made by osteoblasts or by osteoclasts?": after the lead, the option offered that no
        fact links, so both options are answered. (None: the explanation as written.)"""
        lead, stop, rest = (text or "").partition(". ")
        if not decision.rejected or not lead or not (stop or lead.endswith(".")):
            return text
        other = self._compose.name_as_said(decision.rejected, _said_names(reading).get(decision.rejected), reading.text)
        said = self._msg("lead_not_other", lead=lead.rstrip("."), other=other)
        return f"{said} {rest}" if rest else said

    def _beside_the_unnamed_side(self, reading: Reading, concept: Concept, depth: DepthChoice, text: str | None) -> str | None:
        """ "is type I collagen the same as bone mineral?": a comparison whose other side the document names nowhere
        says so first, then what the document says of the side it knows. (None: the explanation as written.)"""
        frame = reading.frame
        other = unnamed_other_side(reading) if frame and frame.answer == "compare" and set(reading.concepts) == {concept.id} else None
        if not other:
            return text
        said = self._msg("compare_unnamed", title=self._compose.name(concept.id), other=other)
        return f"{said} {text or concept.explain[depth.level]}"

    def _pointed_to_a_clinician(self, decision: Decision, text: str | None) -> str | None:
        """A therapy the document puts forward against a condition ("what can be done about somatopause?") is
        described, never recommended: whether it suits anyone is for a clinician. (None: the explanation as written.)"""
        frame = decision.frame
        if text and frame and frame.answer == "aspect" and frame.clinician and decision.facts:
            return f"{text} {self._msg('put_forward_clinician')}"
        return text

    def _built_by_action(self, session: Session, reading: Reading, decision: Decision, concept: Concept,
                         depth: DepthChoice) -> Reply | None:
        """The replies an action builds in its own way: comparisons, relations, links and consequences."""
        action = decision.action
        if action == "compare":
            return self._compare(session, reading, decision, depth)
        if action == "relation":
            return self._relation(session, reading, decision, depth)
        if action == "link":
            return self._link(session, reading, decision, concept, depth)
        if action == "consequence":
            return self._consequence(session, decision, depth)
        if action == "compare-one":
            text = self._announce(depth, self._compose.compare_with_other(concept.id, decision.topic, depth.level))
            return self._answer(session, concept, depth, 1.0, text=text, how=decision.how)
        return None

    def _opening(self, reading: Reading, decision: Decision, concept: Concept, depth: DepthChoice,
                 follow_up: bool = False) -> str | None:
        """The explanation with what answers the question first: a sentence the policy found elsewhere in the pack,
        the facts that link the two concepts named, or the concept's own sentence that answers; None: as written."""
        if decision.lead:
            return self._compose.led_by(decision.lead, concept.id, depth.level)
        text = self._lead_sentence(reading, decision, concept, depth, follow_up)
        reached = self._facts_answer_first(reading, decision, concept.id)
        facts = decision.facts or (() if text and not reached else self._what_it_does(reading, decision, concept.id, depth.level))
        if facts:
            return self._compose.opened_by(facts, concept.id, depth.level, text)
        return text

    def _what_it_does(self, reading: Reading, decision: Decision, concept_id: str, level: str) -> tuple:
        """For a frame that `leads_with` relations, asked of one concept alone: its facts of those relations."""
        frame = decision.frame
        if not frame or not (frame.leads_with or frame.leads_from):
            return ()
        if set(reading.concepts) != {concept_id} and not self._facts_answer_first(reading, decision, concept_id):
            return ()
        # "why do bones thin with age?" asks what leads to it; "what does IGF-1 do?" what it does; "what leads to IGF-1?"
        # of a thing nothing is said to cause: what drives it (the frame's fallback)
        return self._compose.acted_on(concept_id, frame.leads_from, level) or \
            (self._compose.acted_on(concept_id, frame.fallback, level) if frame.leads_from else ()) or \
            self._compose.acting(concept_id, frame.leads_with, level)

    @staticmethod
    def _facts_answer_first(reading: Reading, decision: Decision, concept_id: str) -> bool:
        """The frame's facts answer before any sentence: it says so (facts_first), or the concept answers by the
        frame's `via` link rather than by being named ("what happens when aromatase is missing?" answers the
        condition, and what that leads to is the answer)."""
        frame = decision.frame
        return bool(frame and (frame.facts_first or frame.via and concept_id not in reading.concepts))

    def _decline(self, session: Session, reading: Reading, decision: Decision, depth_request: DepthChoice | None) -> Reply | None:
        """The replies that answer no concept (refusals, declines, a clarifying question); None for an answer."""
        action = decision.action
        if action == "safety":
            return self._safety_reply(session, reading, decision)
        if action == "uncovered":
            return self._uncovered(session, reading, decision, depth_request)
        if action == "topic":
            return self._unknown(session, decision.topic)
        if action == "foreign":
            return self._foreign(session, decision)
        if action == "none-other":
            text = self._compose.none_other(decision.concepts[0], decision.concepts[1:], decision.facts[0].relation, decision.side)
            return Reply(kind="unknown", text=text, level=current_level(session),
                         suggestions=(f"Tell me about {short_title(self.kb.concepts[decision.concepts[0]])}",),
                         data={"about": decision.concepts[0]})
        if action == "other-sex":
            return self._only_for_the_others(session, decision)
        if action == "unknown":
            return self._nothing_matched(session, reading, decision, depth_request)
        if action == "clarify":
            return self._clarify(session, decision)
        return None

    def _nothing_matched(self, session: Session, reading: Reading, decision: Decision, depth_request: DepthChoice | None) -> Reply:
        if depth_request and session.last_concept and not reading.named and not reading.strange:
            # "give me the full molecular detail": a depth request about what was just discussed
            return self._answer(session, self.kb.concepts[session.last_concept], depth_request, 1.0)
        if depth_request and not reading.content_words:
            return self._chat(session, self._msg("level_now", level=depth_request.level), "set-level", depth_request)
        glossed = None if reading.strange else self._glossed(session, reading)
        if glossed and glossed.concept and depth_request:
            # "paracrine signalling in technical language": the term's home concept, at the depth asked for
            return self._answer(session, self.kb.concepts[glossed.concept], depth_request, 1.0)
        return glossed or self._unknown(session, None, decision.nearby)

    def _glossed(self, session: Session, reading: Reading) -> Reply | None:
        """A glossary term asked about in a question that named no concept ("what does paracrine mean here?")."""
        words = [w for w in reading.content_words if w not in WEAK_WORDS]
        return (self._teacher.term_asked(session, words)
                or self._teacher.term_asked(session, [w for w in words if not self._reader.frame_word(w)])
                or self._teacher.homed_term_asked(session, words))

    def _consequence(self, session: Session, decision: Decision, depth: DepthChoice) -> Reply:
        """What follows from a change ("when estrogen falls") is about the effect; what follows from an event
        ("at menopause") is about the event."""
        cause = decision.concepts[-1]
        concept = self.kb.concepts[decision.concept if decision.side else cause]
        # a process named after the cause and the effect is what the question is about ("what happens to RANKL
        # when estrogen falls?": estrogen's effect on RANKL and OPG)
        process = self._policy.named_after(cause, decision.concept) if decision.side else None
        concept = self.kb.concepts[process] if process else concept
        text = self._compose.consequences(cause, decision.facts, decision.side)
        return self._answer(session, concept, depth, 1.0, text=f"{text} {concept.explain[depth.level]}", how=decision.how)

    def _link(self, session: Session, reading: Reading, decision: Decision, concept: Concept, depth: DepthChoice) -> Reply:
        """What one concept does to another: the facts that join them first; with nothing in the pack joining them,
        the two side by side (what each is, and that the document does not link them)."""
        a, b = decision.concepts[:2]
        text, source = self._compose.link(a, b, depth.level)
        if not text:
            return self._compare(session, reading, replace(decision, action="compare"), depth)
        # (a part or a whole of one of the two, as bone formation of remodeling, is no link between them)
        if source not in (a, b) and self.kb.kinds.get(source) == "process" and not any(
                r.relation == "part-of" and {r.subject, r.object} & {a, b} and source in (r.subject, r.object)
                for r in self.kb.relations):
            concept = self.kb.concepts[source]  # the process that is the link ("estrogen's effect on RANKL and OPG")
        reply = self._answer(session, concept, depth, 1.0, text=text, how=decision.how)
        return replace(reply, data={**reply.data, "link": [a, b]})

    def _lead_sentence(self, reading: Reading, decision: Decision, concept: Concept, depth: DepthChoice,
                       follow_up: bool = False) -> str | None:
        """A specific question about a named concept ("which gene encodes OPG?", "what happens to RANKL at menopause?")
        gets the sentence that answers it first; a plain one ("what is OPG?") gets the explanation as written."""
        frame = decision.frame
        # a frame that asks one fact ("where does the complex go?") is answered first even of a concept matched, not
        # named; so is a question that goes on about the concept just explained ("what happens in women?")
        if not frame or concept.id not in reading.concepts and not frame.answer_words and not follow_up:
            return None
        others = [w for m in reading.mentions if m.concept != concept.id for w in m.text.split()]
        wanted = reading.content_words + others + list(frame.answer_words)
        if follow_up and reading.answer_type:
            # "which hormones, specifically?" of the topic: a sentence naming one (at any depth) answers first
            least, wanted = 0.0, [*wanted, *reading.words]
        else:
            least = self._least_lead(reading, frame, others)
        return self._compose.leading_with(concept.id, depth.level, wanted, least, kind=reading.answer_type)

    def _least_lead(self, reading: Reading, frame: Frame, others: list[str]) -> float:
        """How well a sentence must answer to be said first: less for a specific question than for a plain one."""
        specific = _is_specific(reading, others) or frame.answer == "relation" or not frame.plain
        return self.thresholds.lead_specific if specific else self.thresholds.lead_plain

    def _depth_for(self, session: Session, reading: Reading, concept_id: str) -> DepthChoice:
        # asking what a name means is no sign of expertise ("what is osteoclastogenesis?"); using terms is
        words = list(reading.words)
        if reading.frame and (reading.frame.plain or reading.frame.answer == "expand"):
            # the name whose meaning is asked ("what is the bone microenvironment?", "what does the text mean by
            # ...") is no sign of expertise; names used to ask something else ("what do TNFSF11 and ... encode") are
            asked = [m for m in reading.mentions
                     if m.text in self.kb.vocabulary or _meaning_asked(words, m.start, m.end)]
            words = [w for i, w in enumerate(words) if not any(m.start <= i < m.end for m in asked)]
        vocab, term = vocabulary_level(self.kb.vocabulary, words)
        return choose_depth(session, concept_id, vocab, term)

    def _intent(self, folded: str, quiz_only: bool = False) -> tuple[Intent, dict[str, str]] | None:
        """The intent the whole utterance asks for; failing that, the same without fillers at either end ("hmm,
        simpler")."""
        found = None
        spelled_out = self._unabbreviated(folded)  # "can u go deeper" as "can you go deeper"
        for said in dict.fromkeys((folded, spelled_out)):
            found = found or self._whole_intent(said, quiz_only)
            bare = self._without_fillers(said)
            if found is None and bare and bare != said:
                found = self._whole_intent(bare, quiz_only)
        if not quiz_only and (found is None or found[0].action in ("deeper", "simpler")):
            # depth words also say how far: "the full science please" goes all the way, not one step
            found = self._depth_talk_intent(spelled_out) or found
        return found

    def _unabbreviated(self, folded: str) -> str:
        """The words with texting shorthand spelled out ("u" as "you"), as the reader reads them."""
        return " ".join(self._reader.boundary.spelled_out(folded.split()))

    def _depth_talk_intent(self, folded: str) -> tuple[Intent, dict[str, str]] | None:
        """A message made only of depth words ("ok, go one level deeper"): the deeper or simpler rule, with its steps."""
        steps = self._depth_talk.steps(folded)
        if not steps:
            return None
        action = "deeper" if steps > 0 else "simpler"
        intent = next((i for i, _ in self._intents if i.action == action), None)
        return (intent, {"steps": str(abs(steps))}) if intent else None

    def _without_fillers(self, folded: str) -> str:
        words = folded.split()
        fillers = self._fillers
        while words and (words[0] in fillers or " ".join(words[:2]) in fillers):
            words = words[2:] if " ".join(words[:2]) in fillers else words[1:]
        while words and (words[-1] in fillers or " ".join(words[-2:]) in fillers):
            words = words[:-2] if " ".join(words[-2:]) in fillers else words[:-1]
        return " ".join(words)

    def _small_talk(self, text: str) -> tuple[Intent, dict[str, str]] | None:
        """A message of several short parts that are all small talk ("Hello there! Who are you?"): its last part
        that is not a greeting. Parts that all change depth, or are only fillers ("hmm, too technical, plain words
        please"): the last change asked for."""
        parts = _folded_parts(text)
        if len(parts) < 2:
            return None
        found = [self._intent(p) for p in parts]
        if all(f and f[0].action in _SMALL_TALK for f in found):
            return next((f for f in reversed(found) if f and f[0].id != "greeting"), found[0])
        return self._depth_parts(parts, found) or self._courtesy_with_remark(text, parts, found)

    def _courtesy_with_remark(self, text: str, parts: list[str], found: list) -> tuple[Intent, dict[str, str]] | None:
        """A greeting or thanks followed by a remark that asks nothing ("thanks, that helped a lot", "hello, I'm a
        nurse brushing up on bone"): the courtesy. A question after it ("hi, what is RANKL?") is answered instead."""
        first = found[0]
        if first is None or first[0].action != "reply" or "?" in text:
            return None
        rest = [self._without_fillers(p) for p in parts[1:]]
        if any(f is not None for f in found[1:]) or any(p.split()[:1] and p.split()[0] in _QUESTION_OPENERS for p in rest):
            return None
        return None if self.read(" ".join(rest)).concepts else first

    def _depth_parts(self, parts: list[str], found: list) -> tuple[Intent, dict[str, str]] | None:
        """Parts that each change depth or hold only fillers: the last change asked for."""
        changes = [f for f in found if f]
        if not changes or any(f[0].action not in _DEPTH_CHANGES for f in changes):
            return None
        if any(f is None and self._without_fillers(p) for f, p in zip(found, parts)):
            return None
        return changes[-1]

    def _whole_intent(self, folded: str, quiz_only: bool = False) -> tuple[Intent, dict[str, str]] | None:
        for intent, patterns in self._intents_by_first.candidates(folded):
            if quiz_only and intent.action not in QUIZ_ACTIONS or intent.action in LESSON_ACTIONS:
                continue
            for pattern in patterns:
                match = pattern.fullmatch(folded)
                if match:
                    return intent, {k: v for k, v in match.groupdict().items() if v}
        return None

    # --- quizzes ---------------------------------------------------------------------------
    def _during_quiz(self, session: Session, text: str, folded: str, now: datetime) -> Reply:
        """A quiz is running: quiz commands first, then answers; anything else is answered and the question kept open."""
        found = self._intent(folded, quiz_only=True)
        if found:
            return self._act(session, found, text, now)
        # a command ("review", "topics", "how am I doing") is never graded as an answer, unless it is
        # also a choice the item offers ("yes" to a true/false question); a teaching request never is
        other = self._intent(folded)
        if self._answers_the_question(session, text, folded, other):
            return self._quiz.answer(session, text, now)
        if other and other[0].action in ("quiz", "review"):
            return self._act(session, other, text, now)
        reply = self._act(session, other, text, now) if other else self._content(session, text)
        if reply.data.get("event") == "question" or not self._quiz.current(session):
            return reply  # a new quiz began
        return self._with_reminder(session, reply)

    def _answers_the_question(self, session: Session, text: str, folded: str,
                              other: tuple[Intent, dict[str, str]] | None) -> bool:
        teaching = other is not None and other[0].action in ("lesson", "example", "define", "glossary", "source")
        return not teaching and (other is None or self._quiz.reads_as_choice(session, text)) \
            and self._quiz.looks_like_answer(session, folded, text)

    def _with_reminder(self, session: Session, reply: Reply) -> Reply:
        """The reply to a side question, with the open quiz (or lesson check) question recalled under it."""
        item = self._quiz.current(session)
        key = "lesson_check_open" if session.quiz.quiet else "quiz_reminder"
        reminder = self._msg(key, number=session.quiz.index + 1, question=item.question)
        return replace(reply, text=f"{reply.text}\n{reminder}")

    def _act(self, session: Session, found: tuple[Intent, dict[str, str]], text: str, now: datetime) -> Reply:
        """Run a dialogue rule's action; the reply names the rule that fired."""
        intent, groups = found
        reply = self._handlers[intent.action](session, intent, _Turn(text, groups, now))
        return reply if reply.intent == intent.id else replace(reply, intent=intent.id)

    def _quiz_command(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        if not (session.quiz and self._quiz.current(session)):
            return self._chat(session, self._msg("quiz_not_running"), intent.id)
        if intent.action == "hint":
            return self._quiz.hint(session, turn.now)
        if intent.action == "reveal":
            session.quiz.hints = max(session.quiz.hints, 2)
            return self._quiz.hint(session, turn.now)
        if intent.action == "skip":
            return self._quiz.skip(session, turn.now)
        return self._quiz.stop(session, turn.now)

    def _start_quiz(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        topic_text, stated = _count_in(turn.groups.get("topic", ""), turn.groups.get("count"))
        request = self._quiz_request(topic_text, stated or _DEFAULT_COUNT)
        if request is not None and stated:
            request = replace(request, count_given=True)
        if request is None:
            close = self.suggest_topics(topic_text)
            text = self._msg("quiz_unknown_topic_close", topic=topic_text, suggestions=_or(close)) if close else \
                self._msg("quiz_unknown_topic", topic=topic_text)
            return Reply(kind="quiz", text=text, level=current_level(session), intent="quiz",
                         suggestions=(*(f"quiz me on {title}" for title in close), "topics", "quiz me"),
                         data={"event": "not-started", "reason": "unknown-topic", "did_you_mean": close})
        return self._quiz.start(session, request, turn.now)

    def _start_review(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        return self._quiz.start(session, QuizRequest(count=10, due_only=True, label="what is due for review"), turn.now)

    @_with_pack_folds
    def resume(self, session: Session) -> Reply | None:
        """The open quiz question again (after a restart, show it before reading anything); None when no quiz is open."""
        self._adopt(session)  # a quiz saved with another pack goes on without the items this one lacks
        return self._quiz.resume(session)

    @_with_pack_folds
    def quiz(self, session: Session, topic: str | None = None, count: int | None = None, level: str | None = None,
             due: bool = False, now: datetime | None = None) -> Reply:
        """Start a quiz directly (for bots with buttons and for `tutor quiz`); answers then go through respond.

        `topic`: an id, title or alias in any case (UnknownConceptError otherwise). `count`: 1 to 50 questions
        (QuizCountError otherwise); None asks for the default five. When fewer items exist than a count asked
        for, the reply says how many there are."""
        if count is not None and not MIN_COUNT <= count <= MAX_COUNT:
            raise QuizCountError(f"a quiz has {MIN_COUNT} to {MAX_COUNT} questions, not {count}")
        self._adopt(session)
        if topic:
            topic = self.topic_id(topic)
        if level is not None:
            _check_level(level)
        request = QuizRequest([self.kb.concepts[topic].answers_for] if topic else None, count or _DEFAULT_COUNT, level, due,
                              short_title(self.kb.concepts[topic]) if topic else ("what is due for review" if due else ""),
                              count_given=count is not None)
        return self._quiz.start(session, request, now or utcnow())

    @_with_pack_folds
    def learn(self, session: Session, topic: str | None = None, section: str | None = None, now: datetime | None = None) -> Reply:
        """Start a lesson directly (for bots with buttons and for `tutor learn`): the whole path, one section, or one
        concept after the ideas it builds on; the learner then answers through respond."""
        if topic and topic not in self.kb.concepts:
            raise UnknownConceptError(f"no concept with id {topic!r}")
        if section and section not in SECTIONS:
            raise UnknownConceptError(f"no section {section!r}: expected one of {', '.join(SECTIONS)}")
        return self._teacher.start(session, now or utcnow(), topic=self.kb.concepts[topic].answers_for if topic else None,
                                   section=section)

    @_with_pack_folds
    def lesson_path(self, session: Session) -> str:
        """The learner's lesson path with what is done, one step a line ("" when no lesson was started)."""
        return self._teacher.path_view(session)

    def _topic_concept(self, topic_text: str) -> str | None:
        """The concept a topic in words names ("bone loss", "the RANKL signal"), or the best match of the examples."""
        spans = self._names.find(fold(topic_text).split())
        if spans:
            return spans[0][2]
        ranked = self._matcher.rank(self._matcher.query(topic_text).stems)
        return ranked[0].concept_id if ranked and ranked[0].score >= self.thresholds.answer else None

    def _quiz_request(self, topic_text: str, count: int) -> QuizRequest | None:
        if not topic_text:
            return QuizRequest(count=count)
        section = re.fullmatch(rf"(?:the )?({'|'.join(SECTIONS)})(?: section| part| level| topics)?", topic_text)
        if section:
            ids = [c.id for c in self.kb.concepts.values() if c.section == section.group(1) and not c.parent]
            return QuizRequest(ids, count, label=f"the {section.group(1)} section")
        spans = self._names.find(topic_text.split())
        concept_id = spans[0][2] if spans else None
        if concept_id is None:
            ranked = self._matcher.rank(self._matcher.query(topic_text).stems)
            concept_id = ranked[0].concept_id if ranked and ranked[0].score >= self.thresholds.answer else None
        if concept_id is None:
            return None
        concept = self.kb.concepts[self.kb.concepts[concept_id].answers_for]
        return QuizRequest([concept.id], count, label=short_title(concept))

    def progress(self, session: Session, now: datetime | None = None) -> dict:
        """The learner's progress as data: mastery by concept, first-attempt accuracy, reviews due, and the
        lesson (as `data["lesson"]` of a lesson reply) when one was started."""
        self._adopt(session)
        report = progress_report(self.kb, session, now or utcnow())
        return {**report, "lesson": self._teacher.position(session)} if session.lesson else report

    def _progress(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        report = self.progress(session, turn.now)
        text = self._progress_text(report, turn.now)
        path = self._teacher.path_view(session)
        if path:
            text = f"{text}\n{path}"
        return Reply(kind="chat", text=text, level=current_level(session), intent=intent.id, data={"progress": report})

    def _progress_text(self, report: dict, now: datetime) -> str:
        """Only what the record shows: no accuracy before an answer, no review line when none is scheduled."""
        if not report["answered"]:
            return self._msg("progress_none")
        parts = [self._msg("progress_summary", questions=plural(report["answered"], "question"),
                           accuracy=f"{report['accuracy'] * 100:.0f}%")]
        mastered = [f"{c['title']} ({', '.join(c['mastered'])})" for c in report["concepts"] if c["mastered"]]
        if mastered:
            parts.append(self._msg("progress_mastered", titles=", ".join(mastered[:8])))
        if report["due"]:
            parts.append(self._msg("progress_due", due=report["due"]))
        elif report["next_review"]:
            parts.append(self._msg("progress_next", when=when_due(datetime.fromisoformat(report["next_review"]), now)))
        return " ".join(parts)

    def due_greeting(self, session: Session, now: datetime | None = None) -> str:
        """A line for the start of a chat: what is due for review, or nothing."""
        due = self.due(session, now)
        if not due:
            return ""
        titles = ", ".join(short_title(self.kb.concepts[c]) for c in due[:5]) + (" ..." if len(due) > 5 else "")
        return self._msg("due_greeting", count=len(due), titles=titles)

    def due(self, session: Session, now: datetime | None = None) -> list[str]:
        """Concept ids due for review, most overdue first."""
        self._adopt(session)
        return due_concepts(session.cards, now or utcnow())

    def _pending_choice(self, session: Session, folded: str) -> str | None:
        if not session.pending_choices:
            return None
        options = session.pending_choices
        ordinals = {"1": 0, "one": 0, "first": 0, "the first": 0, "the first one": 0, "a": 0,
                    "2": 1, "two": 1, "second": 1, "the second": 1, "the second one": 1, "b": 1}
        if folded in ordinals and ordinals[folded] < len(options):
            return options[ordinals[folded]]
        spans = self._names.find(folded.split())
        picked = [cid for _, _, cid in spans if cid in options]
        return picked[0] if len(set(picked)) == 1 else None

    # --- content answers -----------------------------------------------------
    def _answer(self, session: Session, concept: Concept, depth: DepthChoice, confidence: float,
                runner_up: str | None = None, prefix: str = "", text: str | None = None, how: str = "matching your words") -> Reply:
        # a concept's own explanation glosses terms not yet taught; composed answers (links, expansions) name what was
        # asked, and teach the concept all the same
        if text is None:
            text = self._teacher.explained(session, concept.id, depth.level, concept.explain[depth.level])
        elif concept.id not in session.taught:
            session.taught.append(concept.id)
        text = self._announce(depth, text)
        if prefix:
            text = f"{prefix}\n{text}"
        self._remember(session, concept.id, depth.level, confidence, runner_up, how)
        return Reply(kind="answer", text=text, level=depth.level, concept=concept.answers_for, confidence=confidence,
                     runner_up=runner_up, section=concept.where, suggestions=self._suggestions(concept, depth.level),
                     level_changed=depth.changed, data={"entry": concept.id})

    def _remember(self, session: Session, concept_id: str, level: str, confidence: float = 1.0,
                  runner_up: str | None = None, how: str = "") -> None:
        session.remember(concept_id, level)
        session.last_answer = {"concept": concept_id, "confidence": round(confidence, 3), "runner_up": runner_up,
                               "level": level, "how": how}

    def _compare(self, session: Session, reading: Reading, decision: Decision, depth: DepthChoice) -> Reply:
        said = _said_names(reading)
        a, b = decision.concepts[:2]
        # (two that do contrary halves of one whole are compared within it: reply.data["compare"] keeps both)
        whole = self._policy.whole_of_contrary(a, b) if len(decision.concepts) == 2 else None
        first = self.kb.concepts[whole or a]
        compared = self._compose.compare_three(*decision.concepts, depth.level, said) if len(decision.concepts) == 3 else \
            self._compose.compare(a, b, depth.level, said, self._policy.audience_asked(reading), whole)
        # what the question named falls in each: said first ("Estrogen falls with menopause ..."); where one of the
        # two named is itself the condition ("testosterone decline vs menopause"), only the other's fall is said
        falling = tuple(f for f in decision.facts[:2] if f.subject != f.object)
        if falling:
            compared = f"{self._compose.falls(falling)} {compared}"
        text = self._announce(depth, compared)
        self._remember(session, a, depth.level, how=decision.how)
        session.last_pair = [a, b]
        return Reply(kind="answer", text=text, level=depth.level, concept=first.answers_for, confidence=1.0,
                     runner_up=b, section=first.where,
                     suggestions=(f"Tell me about {short_title(self.kb.concepts[b])}", *self._suggestions(first, depth.level)[:2]),
                     level_changed=depth.changed, data={"entry": a, "compare": list(decision.concepts)})

    def _made_or_caught(self, reading: Reading, theme: str, facts: tuple[Relation, ...], side: str) -> tuple[Relation, ...]:
        """ "what lowers RANKL expression?": how much of a thing is made is changed by what acts on its making, not by
        the one that binds it once it is made; "what stops RANKL from reaching its receptor?" asks for that binder."""
        if side != "actor" or not (reading.asks_how_much_is_made or reading.asks_what_catches):
            return facts
        return tuple(f for f in facts if self._compose.binds(f.subject, theme) == reading.asks_what_catches) or facts

    def _relation(self, session: Session, reading: Reading, decision: Decision, depth: DepthChoice) -> Reply:
        themes = decision.concepts
        theme = self.kb.concepts[themes[0]]
        facts = self._made_or_caught(reading, theme.id, decision.facts, decision.side)
        # what the reply is about: see _relation_topic; the answer (OPG in "what blocks RANKL?") is in data["answer"]
        answers = self._compose.actors(theme.id, facts, depth.level) if decision.side == "actor" else \
            self._compose.targets(facts, depth.level)
        answer = answers[0]
        gene_like = self._titled_with_noun(reading, answer)
        concept = self.kb.concepts[gene_like or self._relation_topic(reading, themes, answers, decision.side, facts)]
        text = self._compose.relation(_acted_on(reading, themes, facts, decision.side), facts, decision.side, depth.level)
        text = self._own_sentence_before_a_looser_fact(reading, decision, theme.id, facts, depth.level, text)
        if concept.id == answer and answer != theme.id and len(answers) == 1:
            # the reply is about the one thing asked for ("the opposite process?"): say what it is, too, or only
            # its sentence that the frame's words point to ("which FORM of testosterone ...?": the form it names)
            text = self._said_of_the_answer(concept, decision.frame, reading, depth.level) or \
                f"{text} {sentences(concept.explain[depth.level], 1)}"
        elif gene_like:
            # the thing of the kind asked for ("which gene ...?") is said too, in its own concept's words
            asked = [*reading.content_words, *self._compose.name(answer).lower().split()]
            said = self._compose.leading_with(concept.id, depth.level, asked)
            text = f"{text} {sentences(said or concept.explain[depth.level], 1)}"
        text = self._announce(depth, text)
        referred = _topic_after(reading, concept.id, theme.id, answers)
        self._remember(session, referred, depth.level, how=decision.how)
        session.last_answer["answer"] = answer  # "and what stops that?" may ask about it (see _about_last_answer)
        session.last_answer["answers"] = answers[:2]  # "... GH and IGF-1." "how does that help bone?": both, as one
        session.last_answer["side"] = decision.side  # "and then what happens?" goes on from what was acted on
        session.last_answer["relation"] = facts[0].relation  # "and what raises that?" (see _that_after_an_actor)
        session.last_answer["entry"] = concept.id  # "how?" may ask about the process the reply was about
        return Reply(kind="answer", text=text, level=depth.level, concept=concept.answers_for, confidence=1.0,
                     section=concept.where, suggestions=self._suggestions(theme, depth.level),
                     level_changed=depth.changed, intent="relation",
                     data={"entry": concept.id, "theme": theme.id, "answer": answer,
                           "facts": [[f.subject, f.relation, f.object] for f in facts]})

    def _own_sentence_before_a_looser_fact(self, reading: Reading, decision: Decision, theme: str,
                                           facts: list[Relation], level: str, text: str) -> str:
        """ "what does GH tell the liver to make?", answered by what GH stimulates (the frame's target_fallback): the
        theme's own sentence holding the question's rarer words ("liver") says it first, when it has one."""
        frame = decision.frame
        if not (frame and frame.target_fallback and facts and facts[0].relation == frame.target_fallback):
            return text
        # (the frame's own verbs are what was asked, not what the sentence must hold: "make" is in "made by")
        wanted = [w for w in reading.content_words if not stem(w).startswith(tuple(frame.verbs))]
        led = self._compose.leading_with(theme, level, wanted) if wanted else None
        return f"{sentences(led, 1)} {text}" if led else text

    def _said_of_the_answer(self, concept: Concept, frame: Frame | None, reading: Reading, level: str) -> str:
        """The answer's sentence holding the words the frame says it answers with, or ""."""
        if not frame or not frame.answer_says:
            return ""
        said = self._compose.leading_with(concept.id, level, list(frame.answer_says))
        return sentences(said, 1) if said else ""

    def _titled_with_noun(self, reading: Reading, answer: str) -> str | None:
        """ "which GENE does estrogen turn up?": the answer named in a concept about that kind of thing (its gene); but
        "which HORMONE helps them?" answered by a hormone needs no other concept (not the GH/IGF-1 axis)."""
        if self.kb.kinds.get(answer) == reading.answer_type and stem(reading.answer_noun or "") == stem(reading.answer_type or ""):
            return None
        return self._policy.named_with(reading.answer_noun, answer)

    def _relation_topic(self, reading: Reading, themes: tuple[str, ...], answers: list[str], side: str,
                        facts: tuple[Relation, ...]) -> str:
        """What a relation reply is about: what was asked about (RANKL in "what does RANKL bind?"), except
        - the one agent asked for ("what converts it?", "brakes on osteoclasts?": aromatase, estrogen), or the one of
          the kind asked for ("which receptor does estrogen bind?"); but cells ("which cells does progesterone
          target?") are where the thing asked about acts, so not them;
        - what several names share ("which cells make RANKL and OPG?");
        - a process named after the two ("what does testosterone turn into?": its conversion to estrogen), or one
          that one name is part of and another names ("what does aromatase turn testosterone into?")."""
        answer = answers[0]
        whole = self._policy.whole_named(reading.concepts)
        if whole:
            return whole
        if len(themes) > 1:
            return self._topic_of_several(reading, themes, answers, side, facts)
        return self._topic_of_one(reading, themes[0], answers, side, facts[0].relation)

    def _topic_of_one(self, reading: Reading, theme: str, answers: list[str], side: str, relation: str) -> str:
        if _loosely_answered(reading, relation):  # "what switches on the OPG gene?" "Estradiol acts on ...": the gene
            return theme
        if side == "actor" and _IN_THE_DOCUMENTS_TABLE.search(" ".join(reading.words)):
            return theme  # "what hormone targets them in the table?" of osteocytes: a row of the table, about them
        # the one agent asked for, or the process a change of one thing into another is
        return self._the_agent_asked(reading, theme, answers, side, relation) or \
            self._change_named(theme, answers[0], relation) or self._answer_or_theme(reading, theme, answers, side, relation)

    def _answer_or_theme(self, reading: Reading, theme: str, answers: list[str], side: str, relation: str) -> str:
        """The one answer asked for, the first of the kind asked, a process named after theme and answer, or the theme."""
        # a kind said with its form ("Estrogen (estradiol in particular) reduces ...") is one answer: the kind
        said = self._compose.with_their_forms(answers)[0] if side == "actor" else answers
        kind = self.kb.kinds.get(said[0])
        if _one_asked(reading, said, kind, side, self._policy.answers_kind(reading.answer_type, kind)) \
                or len(answers) == 1 and relation in OTHER_SIDE_RELATIONS:
            return said[0]  # "what's the opposite of X?" asks for the one thing on the other side
        asked = self._first_of_kind_asked(reading, said, side)
        if asked:
            return asked
        process = next((p for p in (self._policy.named_after(theme, a) for a in answers[:2]) if p), None)
        return process or theme

    def _change_named(self, theme: str, answer: str, relation: str) -> str | None:
        """The process named after a change of one thing into another, or into the kind the other is a form of
        (testosterone into estrogen, of which estradiol is one)."""
        return self._policy.process_of_change(theme, answer) if relation in CHANGE_RELATIONS else None

    def _first_of_kind_asked(self, reading: Reading, answers: list[str], side: str) -> str | None:
        """ "which THERAPY promotes bone formation?": of several actors, the first of the kind asked for (never a
        cell, where the thing asked about acts); "which HORMONES support it?" asks for them all, and "an example of a
        hormone that helps THEM" asks on about the topic under discussion, so the topic stays."""
        if side != "actor" or reading.answer_type in (None, "cell") or (reading.answer_noun or "s").endswith("s") \
                or reading.referred:
            return None
        return next((a for a in answers if self._policy.answers_kind(reading.answer_type, self.kb.kinds.get(a))), None)

    def _titled_as_the_frame_asks(self, reading: Reading, answers: list[str]) -> bool:
        """Asked with the frame's own verb ("bind to", not "the cellular target of"), its one answer titled so."""
        frame = reading.frame
        if not frame or not frame.answer_titled or len(answers) != 1:
            return False
        verb_used = any(w.startswith(v) for w in reading.words for v in frame.verbs)
        return verb_used and bool(set(fold(self.kb.concepts[answers[0]].title).split()) & set(frame.answer_titled))

    def _the_agent_asked(self, reading: Reading, theme: str, answers: list[str], side: str, relation: str) -> str | None:
        """The answer, when it is what the turn is about: the one the frame's title words point to ("what does
        estrogen bind to?": the receptor); the binder that holds back what "it" refers to ("and what blocks it?");
        the one that acts for the thing named ("what mediates GH's effects?": the one answer that is no cell, as
        cells are where a thing acts)."""
        if self._titled_as_the_frame_asks(reading, answers):
            return answers[0]
        # "and what blocks it?", "and what blocks RANKL?": a turn that carries on moves to the binder
        if side == "actor" and (reading.referred or reading.carries_on) and relation != "binds" and self._compose.binds(answers[0], theme):
            # "and what blocks it?" of RANKL: the one that binds it to hold it back is what the turn moves on to
            return answers[0]
        agents = [a for a in answers if self.kb.kinds.get(a) != "cell"]
        return agents[0] if side == "target" and _wh_acts(reading.words) and len(agents) == 1 else None

    def _topic_of_several(self, reading: Reading, themes: tuple[str, ...], answers: list[str], side: str,
                          facts: tuple[Relation, ...]) -> str:
        answer = answers[0]
        idle = moved_only(reading, themes, facts, side)  # what the answer moves stays the topic ...
        if idle:
            # ... unless a process is named after the answer and what it acts on ("what tips it toward OPG?" of the
            # ratio: estrogen's effect on RANKL and OPG)
            acted_on = [t for t in themes if t not in idle]
            return next(filter(None, (self._policy.named_after(a, *acted_on) for a in answers[:2])), idle[0])
        if side == "target" and answer in themes[1:]:
            return themes[0]  # "what does OPG prevent RANKL from doing?" names its answer: OPG is the topic
        named = self._policy.named_after(*themes, answer)
        # "what does RANKL stimulate osteoclast precursors to do?": the one that acts is the topic, unless the
        # answer is of the kind asked for ("which CELLS does testosterone cypionate target ...?")
        of_kind = self._policy.answers_kind(reading.answer_type, self.kb.kinds.get(answer))
        return named or (themes[0] if side == "target" and not of_kind else answer)

    def _uncovered(self, session: Session, reading: Reading, decision: Decision, depth_request: DepthChoice | None) -> Reply:
        """An aspect the document does not discuss: said plainly first, then what it does say."""
        frame, theme = decision.frame, decision.concept
        level = depth_request.level if depth_request else current_level(session, theme)
        # what the aspect is of when nothing is named: a word nobody uses for bone ("zebrafish"); an everyday word
        # may be a verb ("how long does it take to renew?"), so "that"
        unnamed = next(iter(reading.strange), "that")
        text = self._compose.uncovered(frame.aspect, theme, level, frame.clinician, unnamed)
        suggestions: tuple[str, ...] = ()
        if theme:
            self._remember(session, theme, level, how=decision.how)
            session.last_answer["uncovered"] = frame.id
            suggestions = (f"Tell me about {short_title(self.kb.concepts[theme])}",)
        return Reply(kind="unknown", text=text, level=level, section=self.kb.concepts[theme].where if theme else None,
                     suggestions=suggestions, level_changed=bool(depth_request and depth_request.changed),
                     data={"uncovered": frame.id, "about": theme})

    def _only_for_the_others(self, session: Session, decision: Decision) -> Reply:
        """ "what does TRT do in women?": the document speaks of it for the others only; said so, then what it says."""
        concept, who = self.kb.concepts[decision.concept], decision.topic
        others = "women" if who == "men" else "men"
        level = current_level(session, concept.id)
        said = sentences(concept.explain[level], 1)
        text = f"{self._msg('only_for_the_others', title=self._compose.name(concept.id), who=who, others=others)} {said}"
        self._remember(session, concept.id, level, how=decision.how)
        return Reply(kind="unknown", text=text, level=level, suggestions=(f"Tell me about {short_title(concept)}",),
                     data={"about": concept.id})

    def _foreign(self, session: Session, decision: Decision) -> Reply:
        theme = decision.concept
        if theme is None:  # nothing the pack covers was named: an ordinary decline naming the thing
            return self._unknown(session, decision.topic)
        text = self._compose.foreign(decision.topic, theme)
        suggestions = (f"Tell me about {short_title(self.kb.concepts[theme])}",) if theme else ()
        return Reply(kind="unknown", text=text, level=current_level(session), suggestions=suggestions,
                     data={"foreign": decision.topic, "about": theme})

    def _announce(self, depth: DepthChoice | None, text: str) -> str:
        if depth and depth.changed:
            return f"{self._msg('level_changed', level=depth.level, reason=depth.reason)}\n{text}"
        return text

    def _suggestions(self, concept: Concept, level: str) -> tuple[str, ...]:
        out = ["more detail"] if level != LEVELS[-1] else []
        out += [f"Tell me about {short_title(self.kb.concepts[r])}" for r in concept.related[:3]]
        return tuple(out)

    def _clarify(self, session: Session, decision: Decision) -> Reply:
        first, second = (self.kb.concepts[c] for c in decision.concepts[:2])
        session.pending_choices = [first.id, second.id]
        text = self._msg("clarify", first=first.title, second=second.title)
        return Reply(kind="clarify", text=text, level=current_level(session), confidence=decision.confidence,
                     runner_up=second.id, suggestions=(first.title, second.title), options=(first.id, second.id))

    def _unknown(self, session: Session, topic: str | None = None, nearby: tuple[str, ...] = ()) -> Reply:
        nearby = tuple(nearby) or self.kb.starters or tuple(self.kb.concepts)[:3]
        listed = ", ".join(self.kb.concepts[c].title for c in nearby)
        text = self._msg("unknown_topic", topic=topic, suggestions=listed) if topic else self._msg("unknown", suggestions=listed)
        return Reply(kind="unknown", text=text, level=current_level(session),
                     suggestions=tuple(f"Tell me about {short_title(self.kb.concepts[c])}" for c in nearby))

    def _safety_reply(self, session: Session, reading: Reading, decision: Decision) -> Reply:
        """Personal advice: say what the tutor can't do and who can, offer the general topic, then answer any educational half."""
        concept_id = decision.concept
        parts = [self._msg("safety")]
        if "symptom" in reading.advice.found:
            parts.append(self._msg("safety_urgent"))
        if concept_id:
            parts.append(self._msg("safety_offer", title=short_title(self.kb.concepts[concept_id])))
        else:
            parts.append(self._msg("safety_offer_general"))
        other = self._educational_half(session, reading)
        if other:
            parts.append(self._msg("safety_and_answer", text=other))
        return Reply(kind="safety", text="\n".join(parts), level=current_level(session), concept=concept_id,
                     confidence=1.0 if concept_id else 0.0,
                     section=self.kb.concepts[concept_id].where if concept_id else None,
                     suggestions=(f"Tell me about {short_title(self.kb.concepts[concept_id])}",) if concept_id else ("topics",),
                     data={"advice": reading.advice.to_dict()})

    def _educational_half(self, session: Session, reading: Reading) -> str | None:
        """In a mixed question ("what is OPG, and should I take estrogen?"), the clause that asks to learn."""
        clauses = split_clauses(reading.text)
        if len(clauses) < 2:
            return None
        for clause in clauses:
            if not self._reader.named_in(clause):
                continue  # a clause naming nothing has no half to teach: no need to read all of it
            part = self._reader.read(clause, session.last_concept)
            if part.advice.personal or not part.named or part.advice.found.get("who"):
                continue
            decision = self._policy.decide(part, session.last_concept)
            if decision.action in ("concept", "compare", "relation", "expand"):
                reply = self._compose_reply(session, part, decision, None)
                return reply.text
        return None

    # --- dialogue actions ------------------------------------------------------
    def _chat(self, session: Session, text: str, intent: str, depth: DepthChoice | None = None) -> Reply:
        level = depth.level if depth else current_level(session)
        return Reply(kind="chat", text=text, level=level, confidence=1.0, level_changed=bool(depth and depth.changed),
                     intent=intent)

    def _chat_reply(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        return self._chat(session, intent.reply, intent.id)

    def _topics(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        lines = []
        for section in SECTIONS:
            titles = [short_title(c) for c in self.kb.in_document_order() if c.section == section]
            if titles:
                lines.append(f"{section.capitalize()}: {', '.join(titles)}.")
        return self._chat(session, "\n".join(lines), intent.id)

    def _shift(self, session: Session, intent: Intent, steps: int) -> Reply:
        last = session.last_concept
        if last is None:
            depth = apply_request(session, shift_level(current_level(session), steps), False, "as you asked")
            return self._chat(session, self._msg("level_now", level=depth.level), intent.id, depth)
        concept = self.kb.concepts[last]
        before = session.last_level or current_level(session, last)
        if steps > 0 and before == LEVELS[-1]:
            related = ", ".join(short_title(self.kb.concepts[r]) for r in concept.related) or "none"
            text = self._msg("related_more", title=short_title(concept), related=related)
            return Reply(kind="answer", text=text, level=before, concept=concept.answers_for, confidence=1.0,
                         section=concept.where, suggestions=self._suggestions(concept, before), intent=intent.id)
        return self._answer(session, concept, _stepped(session, before, steps), 1.0)

    def _deeper(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        steps = int(turn.groups.get("steps", 1))
        moved = self._level_of_a_kind(session, turn.text) or self._scale_asked(session, turn.text)
        if moved is not None:
            before = session.last_level or current_level(session)
            return self._answer(session, self.kb.concepts[moved], _stepped(session, before, steps), 1.0)
        return self._shift(session, intent, steps)

    def _level_of_a_kind(self, session: Session, text: str) -> str | None:
        """ "at the gene level?" right after estrogen's effect on RANKL and OPG: more detail at the level of a kind of
        thing is the concept headed by that kind and linked to the topic (the RANKL and OPG genes)."""
        last = session.last_concept
        nouns = [w for w in fold(text).split() if self._reader.kind_named_by(w)] if last else []
        return next((c for c in (self._policy.headed_by(n, last) for n in nouns) if c), None)

    def _scale_asked(self, session: Session, text: str) -> str | None:
        """ "at the molecular level?" alone: the concept that explains the topic one scale down, if the pack has one."""
        cue = self._reader.read(text).cue
        if not (cue and cue.scale == "finer") or _EXPLAIN_IT.match(fold(text)):
            return None  # ("explain at the molecular level": the topic itself, explained at that depth)
        return self._finer_account(_topic_of_the_last_reply(session))

    def _simpler(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        steps = int(turn.groups.get("steps", 1))
        coarser = self._scaled_down_from(session)
        if coarser:  # "at the molecular level?" ... "simpler": back up to the topic it went down from
            before = session.last_level or current_level(session)
            return self._answer(session, self.kb.concepts[coarser], _stepped(session, before, -steps), 1.0)
        return self._shift(session, intent, -steps)

    def _scaled_down_from(self, session: Session) -> str | None:
        """The topic before the last, when the last one is its account one scale down."""
        recent = session.history[-2:]
        return recent[0] if len(recent) == 2 and self.kb.finer.get(recent[0]) == recent[1] else None

    def _set_level(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        depth = apply_request(session, intent.level, True, "as you described yourself")
        if session.last_concept:
            return self._answer(session, self.kb.concepts[session.last_concept], depth, 1.0)
        return self._chat(session, self._msg("level_now", level=depth.level), intent.id, depth)

    def _why(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        last = session.last_concept
        if last is None:
            return self._chat(session, self._msg("no_context", text="why"), intent.id)
        own = self._own_process_of(last, (session.last_answer or {}).get("answer"))
        if own:
            # "How does testosterone protect bone?" ... "why?": the mechanism is the hormone's own process
            # (its conversion to estrogen in bone), told at the depth the learner is at
            level = session.last_level or current_level(session, last)
            reply = self._answer(session, self.kb.concepts[own], DepthChoice(level, False, ""), 1.0)
            if own != self._policy.own_process(last):
                session.last_concept = last  # the process of what a condition lacks: "it" still means the condition
            return reply
        cause = self._cause_of_a_condition(session, last)
        if cause:  # "what is osteoporosis?" ... "why?": what the document says brings it about
            level = session.last_level or current_level(session, last)
            return self._answer(session, self.kb.concepts[cause], DepthChoice(level, False, ""), 1.0,
                                how=f"what the document says causes {last}")
        level = shift_level(session.last_level or current_level(session, last), +1)
        return self._answer(session, self.kb.concepts[last], DepthChoice(level, False, ""), 1.0)

    def _cause_of_a_condition(self, session: Session, condition: str) -> str | None:
        """The first cause the pack gives of a condition that the last reply was about (not a relation's answer)."""
        if self.kb.kinds.get(condition) != "condition" or (session.last_answer or {}).get("answer"):
            return None
        return next((r.subject for r in self.kb.relations if r.relation == "causes" and r.object == condition), None)

    def _repeat(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        """ "can you repeat that?": the last concept again, at the depth it was given (a lesson repeats its own step)."""
        last = session.last_concept
        if last is None:
            return self._chat(session, self._msg("no_context", text=turn.text), intent.id)
        level = session.last_level or current_level(session, last)
        return self._answer(session, self.kb.concepts[last], DepthChoice(level, False, ""), 1.0)

    def _explain_last(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        info = session.last_answer
        if not info:
            return self._chat(session, self._msg("explain_nothing"), intent.id)
        reading = self._describe_reading(info.get("reading") or {})
        concept = self.kb.concepts.get(info.get("concept") or "")
        if concept is None or info.get("kind", "answer") != "answer":
            text = self._msg("explain_declined", reading=reading, how=info.get("how", ""), kind=info.get("kind", ""))
            return Reply(kind="chat", text=text, level=current_level(session), intent=intent.id,
                         data={"reading": info.get("reading")})
        runner = info.get("runner_up")
        text = self._msg("explain_last", reading=reading, how=info.get("how", ""), title=concept.title,
                         confidence=f"{info.get('confidence', 0):.2f}",
                         runner_up=self.kb.concepts[runner].title if runner in self.kb.concepts else "none",
                         where=concept.where, level=info.get("level", ""))
        return Reply(kind="chat", text=text, level=current_level(session), concept=concept.id,
                     confidence=float(info.get("confidence", 0)), runner_up=runner, section=concept.where,
                     intent=intent.id, data={"reading": info.get("reading")})

    def _describe_mentions(self, mentions: list[dict]) -> str:
        if not mentions:
            return "it names no concept"
        names = ", ".join(f"{short_title(self.kb.concepts[m['concept']])} ({'from “' + m['text'] + '”' if m['how'] == 'pronoun' else '“' + m['text'] + '”'})"
                          for m in mentions if m.get("concept") in self.kb.concepts)
        return f"it names {names}"

    def _describe_reading(self, reading: dict) -> str:
        """The reading of the last question in words, for /why."""
        parts = [self._describe_mentions(reading.get("mentions") or [])]
        if reading.get("frame"):
            side = f", asking for the {reading['side']}" if reading.get("side") else ""
            parts.append(f"it asks a question of the kind “{reading['frame']}”{side}")
        if reading.get("foreign"):
            parts.append(f"it names something the document does not cover ({', '.join(reading['foreign'])})")
        if reading.get("topic"):
            parts.append(f"it is about {reading['topic']}")
        advice = (reading.get("advice") or {}).get("rule")
        if advice:
            parts.append(f"it asks for personal advice ({advice})")
        if reading.get("corrections"):
            parts.append("I read " + ", ".join(f"“{a}” as “{b}”" for a, b in reading["corrections"]))
        return "; ".join(parts)

    def _counterpart(self, session: Session, intent: Intent, turn: _Turn) -> Reply:
        last = session.last_concept
        who = "men" if intent.action.startswith("men") else "women"
        if last is None:
            return self._chat(session, self._msg("no_context", text=f"in {who}"), intent.id)
        asked_again = None if intent.action.endswith("counterpart") else self._asked_of(session, who, last)
        if asked_again is not None:
            return asked_again
        counterpart = self._their_counterpart(last, who, intent.action.endswith("counterpart"))
        if counterpart:  # the counterpart, leading with what it says of them when it says anything
            depth = choose_depth(session, counterpart, None)
            return self._answer(session, self.kb.concepts[counterpart], depth, 1.0, text=self._said_of(who, counterpart, depth))
        return self._without_a_counterpart(session, last, who)

    def _their_counterpart(self, last: str, who: str, version_asked: bool) -> str | None:
        """ "How do optimization protocols work?" ... "for women?": the one part of it meant for them (HRT); else the
        declared counterpart; else, for "the male one", a sibling part that is one (see _sibling_for)."""
        return self._policy.part_for(last, who) or self._counterpart_in(last, who) or \
            (self._sibling_for(last, who) if version_asked else None)

    def _without_a_counterpart(self, session: Session, last: str, who: str) -> Reply:
        concept = self.kb.concepts[last]
        depth = choose_depth(session, last, None)
        # no counterpart: what the concept's own text says about them, first, if it says anything
        text = self._said_of(who, last, depth)
        if text:
            about = self._named_for_them(sentences(text, 1), who, last)
            return self._answer(session, self.kb.concepts[about] if about else concept, depth, 1.0, text=text,
                                how=f"what the document says of {who}")
        others = "women" if who == "men" else "men"
        theirs = self._said_of(others, last, depth)
        if theirs and _speaks_of(sentences(theirs, 1), list(self.kb.singled_out)):  # "in men too?" of IGF-1 and density, "clearest in women": say so, then what it says of the others
            text = f"{self._msg('only_the_others', who=who, others=others)} {theirs}"
            return self._answer(session, concept, depth, 1.0, text=text, how=f"what the document says of {others}, not of {who}")
        return Reply(kind="unknown", text=self._msg("no_counterpart", who=who, title=short_title(concept)),
                     level=current_level(session), suggestions=self._suggestions(concept, current_level(session)))

    def _said_of(self, who: str, concept_id: str, depth: DepthChoice) -> str | None:
        """The concept's text leading with what it says of these people, if it names them."""
        words = list(self.kb.audiences.get(who, ()))
        text = self._compose.leading_with(concept_id, depth.level, words, least=1) if words else None
        return self._their_clause_first(text, who) if text else text

    def _their_clause_first(self, text: str, who: str) -> str:
        """ "For women, estrogen falls ...; for men, testosterone slides ...", said to "and in men?": the clause about
        them opens the reply."""
        first = sentences(text, 1)
        clauses = first.split("; ")
        if len(clauses) != 2 or not self._speaks_of_others(clauses[0], who) or self._speaks_of_others(clauses[1], who):
            return text
        theirs = clauses[1][:1].upper() + clauses[1][1:]
        return f"{theirs} {text[len(first):].lstrip()}".strip()

    def _asked_of(self, session: Session, who: str, last: str) -> Reply | None:
        """"and in women?" after a specific question ("where is testosterone made?"): that question again, asked of
        them, when the concept's text answers it; after a plain one ("what is testosterone?") the counterpart answers."""
        previous = (session.last_answer or {}).get("reading") or {}
        if not self._specific_about(previous, last):
            return None
        audience = list(self.kb.audiences.get(who, ()))
        if self._asks_who(previous, audience) and self._counterpart_in(last, who):
            return None  # "who is HRT for?" "what about men?": HRT's counterpart for men answers
        depth = choose_depth(session, last, None)
        words = [w for w in previous.get("words", "").split() if w not in STOPWORDS] + audience
        text = self._compose.leading_with(last, depth.level, words, least=self.thresholds.lead_specific)
        if text is None or not _speaks_of(text, audience) or self._speaks_of_others(sentences(text, 1), who):
            # the concept's text says nothing of them, or its sentence that answers best is about the others ("In men,
            # ..." for "and in women?"): what the text says of them, or its counterpart, answers instead
            return None
        about = self._named_for_them(sentences(text, 1), who, last) or last
        return self._answer(session, self.kb.concepts[about], depth, 1.0, text=text, how=f"the same question, asked of {who}")

    def _named_for_them(self, sentence: str, who: str, last: str) -> str | None:
        """ "and in men?" answered by "In men, estradiol produced by aromatization of testosterone ...": the first
        process or condition the sentence names that the document describes for them alone (testosterone's
        conversion), which the turn is now about."""
        named = list(dict.fromkeys(cid for _, _, cid in sorted(self._names.find(fold(sentence).split()))))
        # what happens in them alone (menopause, the conversion); a hormone or enzyme named is no new topic; "the
        # estrogen made from testosterone" names the process named after the two
        joined = [p for i, a in enumerate(named) for b in named[i + 1:] if (p := self._policy.named_after(b, a))]
        return next((c for c in [*named, *joined] if c != last and self.kb.kinds.get(c) in HAPPENING_KINDS
                     and self._policy.only_for(c, who)), None)

    def _speaks_of_others(self, sentence: str, who: str) -> bool:
        """Whether a sentence names the other people ("men") and not these ("women"), by the words for people (not
        the hormones that also stand for them)."""
        def people(group: str) -> list[str]:
            return [w for w in self.kb.audiences.get(group, ()) if not self._reader.names_a_concept(w)]
        others = [g for g in self.kb.audiences if g != who]
        return not _speaks_of(sentence, people(who)) and any(_speaks_of(sentence, people(g)) for g in others)

    def _specific_about(self, reading: dict, concept_id: str) -> bool:
        """Whether a stored reading asked a specific question (not "what is X?") of this concept first."""
        frame = self._frame_called(reading.get("frame"))
        if frame is None or frame.plain or frame.default:
            return False
        if frame.answer != "relation" and not frame.answer_words and self._has_counterpart(concept_id):
            # "what does estrogen do to bone? and in men?": what stands in for it in men answers; but a fact asked of
            # it ("where is testosterone made? and in women?") is asked again
            return False
        return (reading.get("mentions") or [{}])[0].get("concept") == concept_id

    def _asks_who(self, reading: dict, audience: list[str]) -> bool:
        """Whether a stored reading asked whom a concept is for: its frame's answer words include these people."""
        frame = self._frame_called(reading.get("frame"))
        return frame is not None and bool(set(frame.answer_words) & set(audience))

    def _counterpart_in(self, concept_id: str, who: str) -> str | None:
        return self.kb.counterpart(concept_id, who)

    def _sibling_for(self, concept_id: str, who: str) -> str | None:
        """ "and the male one?" of GH peptides, in the therapy table: the one part of the same whole that is another
        part's counterpart in men (TRT, HRT's), when the concept has no counterpart of its own."""
        wholes = {r.object for r in self.kb.relations if r.subject == concept_id and r.relation == "part-of"}
        siblings = {r.subject for r in self.kb.relations if r.relation == "part-of" and r.object in wholes} - {concept_id}
        found = {self.kb.counterpart(s, who) for s in siblings} & siblings
        return found.pop() if len(found) == 1 else None

    def _has_counterpart(self, concept_id: str) -> bool:
        return any(r.subject == concept_id and r.relation in ("male-counterpart", "female-counterpart")
                   for r in self.kb.relations)

    # --- helpers ----------------------------------------------------------------
    def _concept(self, concept_id: str) -> Concept:
        try:
            return self.kb.concepts[concept_id]
        except (KeyError, TypeError):
            close = self.suggest_topics(concept_id)
            error = UnknownConceptError(f"no topic matches {concept_id!r}" + (f"; did you mean {_or(close)}?" if close else ""))
            error.suggestions = close
            raise error from None

    def _msg(self, name: str, **values: object) -> str:
        return self.rules.messages.get(name, name).format(**values)


def _folded_parts(text: str) -> list[str]:
    """The folded parts of a message split at sentence punctuation; a single part is not folded (nothing to split)."""
    parts = [p for p in re.split(r"[.!?,;:]+", text) if p.strip()]
    if len(parts) < 2:
        return parts
    return [f for f in (fold(p) for p in parts) if f.strip()]


def _topic_after(reading: Reading, concept: str, theme: str, answers: list[str]) -> str:
    """What a relation reply leaves as the topic: "what does IT turn testosterone into?" keeps the one the pronoun
    stands for; a reply about the one thing asked for, with no pronoun ("what's the opposite process?"), moves the
    talk to it; otherwise the theme stays."""
    moved = concept if concept == answers[0] and len(answers) == 1 else theme
    return next((m.concept for m in reading.mentions if m.how == "pronoun"), moved)


def _verb_after_what(said: list[str]) -> str | None:
    """The verb of "(and) what blocks it?", in its bare form ("block"), or None."""
    at = next((i for i, w in enumerate(said[:3]) if w == "what"), None)
    verb = said[at + 1] if at is not None and at + 1 < len(said) else ""
    return verb[:-1] if verb.endswith("s") and len(verb) > 3 else None


def _lead_of(text: str) -> str:
    """A reply's first sentence, past a first line that only notes a change of depth."""
    lines = text.strip().splitlines()
    note = len(lines) > 1 and lines[0].startswith("(") and lines[0].endswith(")")
    return sentences("\n".join(lines[1:] if note else lines), 1)


# "and down?" after "what pushes it up?": only the other way asked
_OPPOSITE_PARTICLES = {"up": "down", "down": "up", "on": "off", "off": "on"}
_THE_OTHER_WAY = re.compile(r"^(?:and|but|what about|how about|so|ok|okay)?\s*(?:the other way,?\s*)?(?:going\s+|pushing\s+|turning\s+|switching\s+)?(?P<way>up|down|on|off)\s*[?.!]*\s*$")
_PLURAL_PRONOUNS = frozenset("they them their theirs those these".split())


def _points_at_what_was_said(reading: Reading) -> bool:
    """ "that" points to what was just said; "it" stays with the topic ("and where is it made?"); a relation asked of
    nothing at all ("into what?") goes on from what was just said."""
    if reading.named:
        return False
    return any(m.how == "pronoun" and m.text in ("that", "this") for m in reading.mentions) or \
        not reading.mentions and bool(reading.frame and reading.frame.answer == "relation")


def _one_per_concept(mentions: list[dict]) -> list[dict]:
    """ "which one is the OPG gene?" names one thing twice, by pronoun and by name: the name stands for it."""
    if len({m["concept"] for m in mentions}) != 1:
        return mentions
    return [m for m in mentions if m["how"] == "name"][:1] or mentions[:1]


def _answered_reading(session: Session) -> dict | None:
    """The stored reading of the last question, if it was answered, or said to ask an aspect the document leaves
    out ("does HRT have side effects?" ... "and TRT?" asks the same of TRT)."""
    last = session.last_answer or {}
    return (last.get("reading") or {}) if last.get("kind") == "answer" or last.get("uncovered") else None


def _stepped(session: Session, before: str, steps: int) -> DepthChoice:
    """A request for a depth some steps from `before` (more detail, or a simpler explanation)."""
    reason = "as you asked for more detail" if steps > 0 else "as you asked for a simpler explanation"
    return apply_request(session, shift_level(before, steps), False, reason)


def _still_declined(session: Session, reading: Reading) -> str | None:
    """The thing the last turn declined, when this question refers to it by a pronoun and names nothing else to
    answer instead; None otherwise."""
    declined = (session.last_answer or {}).get("declined")
    if not declined or session.last_concept is not None or len(reading.named) > 1:
        return None
    words = reading.words
    # a pronoun after a name stands for that name ("what about OPG, what does it do?"); "is it true that ...?"
    # uses "it" for no thing, and "the therapies it does cover" for the document
    first_name = min((m.start for m in reading.mentions if m.how == "name"), default=len(words))
    referring = [i for i, w in enumerate(words[:first_name]) if w in _BACK_REFERENCES
                 and tuple(words[i + 1:i + 2]) not in _DUMMY_NEXT]
    return declined if referring else None


# the pronouns that can only stand for a thing just talked about
_BACK_REFERENCES = frozenset({"it", "its", "they", "them", "their"})
_DUMMY_NEXT = frozenset({("true",), ("possible",), ("correct",), ("right",), ("likely",), ("the",), ("that",),
                         ("does",), ("covers",), ("cover",), ("says",), ("mentions",), ("discusses",),
                         # "what does it SAY about estrogen?": "it" is the document
                         ("say",), ("mention",), ("discuss",), ("describe",), ("claim",), ("state",), ("list",),
                         ("claims",), ("describes",), ("states",), ("lists",)})


def _possessive(text: str) -> bool:
    """ "and RANKL's?": a name with an owner's 's, whose thing is the one the last question asked about."""
    return bool(re.search(r"\w['’]s\W*$", text.strip()))


# "going back to the first thing, ...", "back to the earlier topic:", "about the previous one,": a topic named by its place
_BACK_TO = re.compile(r"^\W*(?:(?:ok|okay|so|and|but|now|alright|right|hmm|wait)\W+)*(?:(?:going|go|coming|come|getting|get|jumping|"
                      r"jump|circling|circle) )?(?:back (?:to|on)|returning to|re:?|about|regarding) (?:the |that |our )?"
                      r"(?P<which>first|earlier|previous|original|initial|other) (?:thing|topic|one|question|subject|concept|point)s?"
                      r"(?: (?:we|you|i) (?:talked|were talking|spoke|asked) about)?\b[\s,;:.!?-]*", re.IGNORECASE)
_FIRST = frozenset({"first", "original", "initial"})
_THEY = re.compile(r"\b(they|them|these|those|the two|both)\b")
_EACH_OTHER = re.compile(r"\b(each other|one another|the two of them|both of them)\b")


def _recent_two(session: Session, reading: Reading, kb: KnowledgeBase) -> tuple[str, ...]:
    """ "what is progesterone?" "and estradiol?" "how do the two differ?": the last two concepts talked about, for a
    comparison that names fewer than two; also for "how do they balance each other?" and "which one wins after
    menopause?", unless one of the two is part of the other (a table and the row just picked from it)."""
    said = " ".join(reading.words)
    picked = not reading.named and bool(_EACH_OTHER.search(said)) or len(reading.named) < 2 and which_of_two(reading.words, weighed=True)
    if not (_of_two(reading, said) or picked) or len(reading.named) > 1:
        return ()
    recent = tuple(reversed(list(dict.fromkeys(reversed(session.history)))[:2]))
    if len(recent) != 2 or picked and _one_part_of_the_other(kb, recent):
        return ()
    return recent


def _of_two(reading: Reading, said: str) -> bool:
    """A comparison, or the link between two asked of "they" ("what is IGF?" "and GH?" "how are they linked?")."""
    answer = reading.frame.answer if reading.frame else None
    return answer == "compare" or answer == "link" and not reading.named and bool(_THEY.search(said))


def _one_part_of_the_other(kb: KnowledgeBase, two: tuple[str, ...]) -> bool:
    return any(r.relation == "part-of" and {r.subject, r.object} == set(two) for r in kb.relations)


def _said_names(reading: Reading) -> dict[str, str]:
    """The words the question used for each concept it names ("aromatase deficiency"), for headings."""
    said: dict[str, str] = {}
    for m in reading.mentions:  # the first name used: "the direct androgen effect ... for testosterone" is the androgen's
        if m.how == "name":
            said.setdefault(m.concept, m.text)
    return said


_BACK_TO_THE_TOPIC = frozenset({"it", "them", "they", "its", "their", "each"})


def _asks_anew(reading: Reading) -> bool:
    """ "which one is about IGF-1?" picks from a list; a depth cue asks anew; so does a new name acting on the topic."""
    return picks_one(reading.words) or bool(reading.cue) or _keeps_the_topic(reading) or \
        bool(_which_and_a_verb(reading, names_allowed=True))  # "and which builds bone?" asks its own verb


def _keeps_the_topic(reading: Reading) -> bool:
    """ "and what does estrogen do to IT?": the topic stays, a new name acts on it ("do osteoclasts have it TOO?"
    asks the last question again of another name)."""
    said = set(reading.words)
    return bool(_BACK_TO_THE_TOPIC & said) and not ASKED_AGAIN & said


def _only_a_name(reading: Reading, fillers: frozenset[str]) -> bool:
    """ "and the OPG one?", "what about estradiol?": one name, and nothing else of substance."""
    if len(reading.named) != 1 or (reading.frame and not (reading.frame.plain or reading.frame.default)):
        return False
    if _asks_anew(reading):
        return False
    rest = [w for w in reading.content_words if w not in fillers and w not in _ELLIPSIS_WORDS]
    return not rest and len(reading.words) <= 6 and _opens_elliptically(reading)


def _opens_elliptically(reading: Reading) -> bool:
    """ "and the OPG one?", "what about estradiol?", "OPG?": not a question of its own ("what is estrogen?")."""
    typed = fold(reading.text).split()
    opening = " ".join(typed[:2])
    # ("same question for testosterone", "same for OPG?": the last question again, of another)
    return bool(typed) and (typed[0] in ("and", "but", "so", "also", "plus", "same") or opening in ("what about", "how about")
                            or reading.mentions[0].start == 0 or typed[0] == "the")


def _topics_of(previous: dict) -> set[str]:
    """What an answered question was about: what its pronouns stood for ("which one builds bone?": the therapies
    compared, not the process named), else all it named."""
    mentions = previous.get("mentions") or []
    return {m["concept"] for m in mentions if m.get("how") == "pronoun"} or {m["concept"] for m in mentions}


def _allowed_beside_which(mention: Mention, one: bool, names_allowed: bool) -> bool:
    """In "(and) which (one) VERB ...?", a mention that keeps it a short follow-up: the "one" itself, or a name when
    names are allowed."""
    if mention.how == "pronoun":
        return one and mention.text in ("one", "ones")
    return names_allowed


def _which_and_a_verb(reading: Reading, names_allowed: bool = False) -> list[str]:
    """The words after "which" in a short "(and) which VERB (it)?" that names nothing (unless names are allowed)
    and no kind, else []."""
    said = [w for w in fold(reading.text).split() if w not in _CARRYING_ON]
    one = said[1:2] in (["one"], ["ones"])  # "and which ones stop breakdown?": one of those just picked from
    if one:
        said = [said[0], *said[2:]]
    if any(not _allowed_beside_which(m, one, names_allowed) for m in reading.mentions):
        return []
    if reading.answer_type or not 2 <= len(said) <= 4 or said[0] != "which":
        return []
    return said[1:]


# a long message asks what its last request says ("... can you tell me what that triangle actually is?")
_LONG_MESSAGE = 25
_SHORT_TURN = 6  # a turn this short that only asks who goes on from the last question
_REQUEST = re.compile(r"\b((can|could|would|will) you (please |just |maybe )?(explain|tell me|walk me through|break down|"
                      r"help me (understand|make sense of|get)|describe|clarify|lay out|spell out|go over)|"
                      r"i (just )?(wanted|want|would like|d like) to (know|understand)|so (how|what|why) (is|are|does|do|did)\b)")
_HAPPENS = re.compile(r"\b(that|this|it) (happens?|happening|take place|takes place|taking place|occurs?|occurring|go on|goes on)\b")
# (a bare "what?" asks to be told again, not what comes next)
_NEXT_STEP = re.compile(r"^(?:and |so |ok |okay )?(?:then )?what (?:happens|comes)(?: then| next| after that| after)?$"
                        r"|^(?:and |so |ok |okay )?(?:then what(?: happens)?|what next)$")
_BY_WHAT = re.compile(r"^(?:and |so |ok |okay )?by (?:what|whom|who|which(?: \w+)?)(?: exactly| then)?$")  # "by what?"
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "gets", "got"})
_WH_WORDS = frozenset({"what", "which", "who", "whom", "where", "when", "why", "how"})
_BARE_WHY_OR_HOW = re.compile(r"^(?:and |so |ok |okay |but )?(why|how)(?: so| exactly| then| is that)?$")  # "why?", "but how?"
_BARE_WH = re.compile(r"^(?:and |so |ok |okay )?(how|where)(?: so| exactly| then)?$")  # "how?", "and where?"
_CARRYING_ON = frozenset({"and", "so", "but", "then", "also", "ok", "okay"})  # what carries a follow-up on
# words of an elliptical follow-up besides the name ("and what about the OPG one?")
_ELLIPSIS_WORDS = frozenset({"one", "ones", "about", "then", "instead", "too", "also", "case", "version", "same",
                             "question", "thing", "for", "with"})


def _speaks_of(text: str, audience: list[str]) -> bool:
    """Whether a text names the people asked about ("men", "male")."""
    said = set(fold(text).split())
    return any(set(fold(w).split()) <= said for w in audience)


def _answers_from(decision: Decision, reading: Reading, answer: str) -> bool:
    """ "GH stimulates IGF-1." "and what does that do for bone?": what IGF-1 does; "what happens if that enzyme is
    missing?": what the frame leads to from the answer (its absence: aromatase deficiency)."""
    frame = reading.frame
    led_from = decision.concept == answer or bool(frame and frame.via) and answer in reading.concepts
    # ("What blocks RANKL?" "OPG ..." "what does that stand for?": the answer's full name)
    return decision.action in ("concept", "expand") and led_from


def _is_specific(reading: Reading, other_names: list[str]) -> bool:
    """A question that asks for a kind of thing, names other concepts, refers back ("which one is for women?"), or ends
    on a preposition whose object it asks for ("what does progesterone possibly compete FOR?")."""
    referred = any(m.how == "pronoun" for m in reading.mentions)
    stranded = reading.words[:1] in (("what",), ("which",), ("who",)) and reading.words[-1:] in _STRANDED
    return bool(reading.answer_type or other_names or referred or stranded)


_STRANDED = frozenset((w,) for w in "for to with from into onto on of by against through via".split())


def _loosely_answered(reading: Reading, relation: str) -> bool:
    """A frame answered by its looser fallback "acts on" (what raises a gene, where the document only says what acts
    on it): the answer is no agent of the frame's own verb, so the reply stays about what was asked of."""
    frame = reading.frame
    return relation == "targets" and frame is not None and frame.relation != "targets"


def _one_asked(reading: Reading, answers: list[str], kind: str | None, side: str, of_kind_asked: bool) -> bool:
    """Whether the one answer is what was asked for: the one agent ("what converts it?") or the one of the kind
    asked ("which receptor ...?"), but never a cell (where the thing asked about acts)."""
    return len(answers) == 1 and kind != "cell" and not _asks_two_things(reading.words) and (
        of_kind_asked or side == "actor" and reading.answer_type is None)


def _asks_two_things(said: tuple[str, ...]) -> bool:
    """ "which signals speed it up AND WHICH hold it back?": two questions about the topic, so it stays the topic."""
    return any(w == "and" and nxt in ("which", "what") for w, nxt in zip(said, said[1:]))


def _wh_acts(words: tuple[str, ...]) -> bool:
    """ "WHAT MEDIATES the effects of GH?": the thing asked for is the one that acts, whichever side the frame reads
    (in "what does GH stimulate?" an auxiliary follows the wh-word, and the thing asked for is acted on)."""
    return len(words) > 1 and words[0] in ("what", "which", "who") and words[1] not in _NOT_A_DEED


_RECENT_TOPICS = 3  # how many topics back "it" may reach for a thing of the kind compared with
_NOT_A_DEED = frozenset("does do did is are was were will would can could might may has have had s".split())


def _meaning_asked(words: list[str], start: int, end: int) -> bool:
    """Whether the name at `start`..`end` follows words that ask what it is or means ("what is the ...", "mean
    by", "the term ...") or precedes them ("... refer to", "... stand for")."""
    return bool(_MEANING_ASKED & set(words[max(0, start - 3):start]) or _MEANING_AFTER & set(words[end:end + 2]))


# small talk: several of these in one message ("Hello there! Who are you?") are answered as chat
_SMALL_TALK = frozenset({"reply", "goodbye", "help", "topics"})
_MEANING_ASKED = frozenset("is are whats define explain meant mean means by called phrase term word expression".split())
# "... in the table?", "according to the table": a question placed in one of the document's tables
_IN_THE_DOCUMENTS_TABLE = re.compile(r"\b(in|from|according to|per) (the|this|that|its|their|either|each) (\w+ )?(table|tables)$")
def _that_after_an_actor(session: Session, reading: Reading) -> bool:
    """ "that"/"this" right after a relation reply that named the one who acts on the topic; but the maker of a thing
    ("who makes collagen?" "Osteoblasts ...") is where it comes from, and "what boosts that?" still means the thing."""
    said = any(m.how == "pronoun" and m.text in ("that", "this") for m in reading.mentions)
    last = session.last_answer or {}
    return said and last.get("side") == "actor" and last.get("relation") != "produces"


# "how does it do that?": the pronoun is the doer of what was just said, not the topic it was done to
_DOES_WHAT_WAS_SAID = re.compile(r"\b(it|they|this|that one) (do|does|did|manage to do|manages to do) (that|this|so|it)\b")
_DEMONSTRATIVES = frozenset("that this those these".split())
_WHAT_THAT_IS = re.compile(r"^((and|so|ok|okay|hmm|um|sorry|wait),? )?(what|whats) (is |s )?(that|this)( one| thing| exactly| again| then)?$")
_MEANING_AFTER = frozenset("mean means meant refer refers stand stands".split())
# words that open a question or a request, so a part starting with one is not a mere remark
_QUESTION_OPENERS = frozenset("what how why which who whom whose when where can could would does do did is are was were "
                              "explain tell describe define give show teach compare list quiz should will".split())
# depth changes: several in one message ("too technical, plain words please") ask for the last one
_DEPTH_CHANGES = frozenset({"deeper", "simpler", "set-level"})


_EXPLAIN_IT = re.compile(r"^(now |ok |okay |so |then )?(please )?(explain|describe|tell me|go over|walk me through)\b")


def _topic_of_the_last_reply(session: Session) -> str | None:
    """What the last reply was about: the process a relation's reply explained ("what raises OPG?" -> estrogen's
    effect on RANKL and OPG), else the topic."""
    return (session.last_answer or {}).get("entry") or session.last_concept


@dataclass(frozen=True)
class _Turn:
    """What a dialogue action needs to know about this turn."""

    text: str
    groups: dict[str, str]
    now: datetime


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ONE_OR_VERSION = re.compile(r"\b(one|version)\b", re.IGNORECASE)
_THEIR_VERSION = re.compile(r"\bthe (?P<who>male|men s|mens|man s|men|female|women s|womens|woman s|women) (one|version)\b")
_OPENS_A_QUESTION = re.compile(r"(?:so |and |but |ok |okay )?(?:what|how|why|which|who|where|when|whats|is|are|does|do|can|could)\b",
                               re.IGNORECASE)
# where the question starts in one long sentence of story: "..., so could you tell me what ...", "..., how is ..."
_QUESTION_START = re.compile(r"(?:[,;:]\s*(?:and |but |so )?|\bso\s+)(?=(?:could|can|would|will) you\b|"
                             r"(?:what|how|why|which|who|where|when)\b)", re.IGNORECASE)


def _question_asked(text: str) -> str:
    """The question of a message that wraps it in remarks: its sentences that end with "?", or in a long single
    sentence, the part from where the question starts; "" when that is the whole message."""
    whole = text.strip()
    parts = _SENTENCE_END.split(whole)
    if len(parts) > 1 and _OPENS_A_QUESTION.match(parts[-1]) and not parts[-1].rstrip().endswith((".", "!", "?")):
        return parts[-1]  # "bone isnt just a rock, huh? how often does it get rebuilt": the last sentence asks
    asked = " ".join(part for part in parts if part.rstrip().endswith("?"))
    if asked and len(asked) < len(whole):
        return asked
    starts = list(_QUESTION_START.finditer(whole)) if len(whole.split()) >= 20 else []
    return whole[starts[-1].end():] if starts else ""
_COUNT_WORDS = {w: i + 1 for i, w in enumerate("one two three four five six seven eight nine ten".split())}


MIN_COUNT, MAX_COUNT, _DEFAULT_COUNT = 1, 50, 5
_COUNT_PHRASE = re.compile(r"(?:\b(?:with|in|for)\s+)?\b(?P<count>\d+|" + "|".join(_COUNT_WORDS) + r")\s+(?:more\s+)?(?:quiz\s+)?questions?\b")


def _count(text: str | None, default: int = _DEFAULT_COUNT) -> int:
    if not text:
        return default
    value = _COUNT_WORDS.get(text) or (int(text) if text.isdigit() else default)
    return max(MIN_COUNT, min(MAX_COUNT, value))


def _count_in(topic: str, count: str | None) -> tuple[str, int | None]:
    """The topic without its count, and the count wherever it stands ("estrogen 2 questions", "3 questions on opg")."""
    if count:
        return topic, _count(count)
    found = _COUNT_PHRASE.search(topic)
    if not found:
        return topic, None
    rest = (topic[:found.start()] + " " + topic[found.end():]).strip(" ,.!?")
    rest = re.sub(r"^(?:on|about)\s+|\s+please$", "", re.sub(r"\s+", " ", rest)).strip()
    return rest, _count(found.group("count"))


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise UnknownLevelError(f"unknown depth {level!r}: expected one of {', '.join(LEVELS)}")


def _check_coverage(kb: KnowledgeBase, rules: DialogueRules) -> None:
    """The coverage table may only name aspect frames that the dialogue pack declares."""
    aspects = {f.id for f in rules.frames if f.answer == "aspect"}
    problems = [Problem(kb.concepts[cid].source, kb.concepts[cid].line, f"discusses: '{frame}' is not an aspect frame "
                        f"(known: {', '.join(sorted(aspects))})")
                for cid, frames in kb.discusses.items() for frame in sorted(frames) if frame not in aspects]
    if problems:
        raise ContentError(problems)


def _acted_on(reading: Reading, themes: tuple[str, ...], facts: tuple[Relation, ...], side: str) -> tuple[str, ...]:
    """The themes the facts answer for, without one the answer only moves ("what tips it toward OPG?": OPG)."""
    idle = moved_only(reading, themes, facts, side)
    return tuple(t for t in themes if t not in idle) or themes
