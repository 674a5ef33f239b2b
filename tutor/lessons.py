"""A tutor that leads: guided lessons, everyday examples, the glossary, and the source behind an answer.

A lesson is a state of the Session (`session.lesson`), like a quiz: a path of concept ids, the step, the
depth, and the stage of the step:

    explained --"next"--> check (a quiet one-question quiz) --answer--> right: the next step
                                                                       wrong: the step again, one depth lower
                                                                              or with its example, then a second
                                                                              check; missed twice: marked for review
    two right in a row at one depth --> offer (a deeper depth: yes / no) --> the next step

The teacher is read-only like the rest of the Tutor; everything it changes lives in the session passed in,
so a store that saves the session after each turn keeps the lesson's position through any restart.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Any, Callable

from .glossary import Glossary
from .learner import current_level
from .model import LEVELS, SECTIONS, Concept, Intent, KnowledgeBase, shift_level
from .names import short_title
from .quiz import QuizRequest, QuizRunner
from .reply import Reply
from .session import Session

__all__ = ["Teacher", "document_path", "lesson_path", "SHORT_SENTENCES"]

SHORT_SENTENCES = 3     # a lesson step's explanation: the first sentences of the concept's text at that depth
_MAX_PREREQUISITES = 3  # "teach me about X": X first, then at most this many ideas it builds on
_TRIES = 2              # no step is taught more than twice by the tutor
_STREAK = 2             # right answers in a row at one depth before a deeper one is offered
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c(])")


def document_path(kb: KnowledgeBase) -> list[str]:
    """The whole path: the pack's first declared lesson, or one derived from the document's sections and relations."""
    if kb.lessons:
        return list(kb.lessons[0].concepts)
    return _derived_path(kb)


def _derived_path(kb: KnowledgeBase) -> list[str]:
    """Sections in the document's order, each in the pack's order, with a concept moved after any concept of
    its own section that the relations say it is made, bound or acted on by (what it builds on)."""
    path: list[str] = []
    for section in SECTIONS:
        ids = [c.id for c in kb.concepts.values() if c.section == section and not c.parent and kb.kinds.get(c.id) != "source"]
        placed: list[str] = []
        pending = list(ids)
        while pending:  # a stable topological order; a cycle falls back to the pack's order
            ready = next((c for c in pending if not any(p in pending and p != c for p in _builds_on(kb, c))), pending[0])
            placed.append(ready)
            pending.remove(ready)
        path += placed
    return path


def _builds_on(kb: KnowledgeBase, concept_id: str) -> set[str]:
    """The concepts a fact says act on this one (the producer of a signal, the thing that binds it)."""
    return {r.subject for r in kb.relations if r.object == concept_id and r.relation in ("produces", "binds", "converts", "part-of")}


def lesson_path(kb: KnowledgeBase, session: Session, level: str, topic: str | None = None, section: str | None = None) -> list[str]:
    """The steps of a lesson: the whole path, one section of it, or one concept and then the ideas it builds on;
    what the learner has mastered at the lesson's depth is left out."""
    full = document_path(kb)
    if section:
        full = [c for c in full if kb.concepts[c].section == section] or \
            [c.id for c in kb.concepts.values() if c.section == section and not c.parent]
    elif topic:
        full = _with_prerequisites(kb, full, topic)
    return [c for c in full if level not in session.mastered.get(c, [])]


def _with_prerequisites(kb: KnowledgeBase, full: list[str], topic: str) -> list[str]:
    """A concept, then the concepts joined to it by a fact that come before it on the whole path, in the path's order.
    The asked-for concept comes first: a learner who says "teach me about testosterone" expects testosterone, and
    "where is it made?" on that first step must mean it."""
    if topic not in full:
        return [topic]
    linked = {c for r in kb.relations for c in (r.subject, r.object) if topic in (r.subject, r.object)}
    before = [c for c in full[:full.index(topic)] if c in linked]
    builders = [c for c in before if c in _builds_on(kb, topic)]  # what makes or binds it comes first, then the nearest
    chosen = (builders + before[::-1])[:_MAX_PREREQUISITES]
    return [topic] + [c for c in before if c in chosen]


def _short(text: str, sentences: int = SHORT_SENTENCES) -> str:
    return " ".join(_SENTENCE.split(text.strip())[:sentences])


class Teacher:
    """Lessons, examples, definitions and sources over one knowledge base (read-only; state lives in the session)."""

    def __init__(self, kb: KnowledgeBase, quiz: QuizRunner, message: Callable[..., str], resolve: Callable[[str], str | None],
                 fallback: Callable[[Session, str], Reply], intents: list[tuple[Intent, list[re.Pattern]]]) -> None:
        self.kb = kb
        self.glossary = Glossary(kb)
        self._quiz = quiz
        self._msg = message
        self._resolve = resolve      # a topic in words -> a concept id (or None)
        self._fallback = fallback    # answer a turn as an ordinary question
        self._commands = [(i, ps) for i, ps in intents if i.action.startswith("lesson-")]

    def handlers(self) -> dict[str, Callable[[Session, Intent, Any], Reply]]:
        """The dialogue actions this module answers (the engine dispatches to them)."""
        return {"lesson": self._start_from_words, "example": self._example, "define": self._define,
                "glossary": self._glossary, "source": self._source,
                **{action: self._not_running for action in ("lesson-next", "lesson-back", "lesson-skip", "lesson-repeat",
                                                            "lesson-where", "lesson-stop", "lesson-deeper", "lesson-stay")}}

    # --- glosses --------------------------------------------------------------------------------
    def explained(self, session: Session, concept_id: str, level: str, text: str) -> str:
        """An explanation about to be shown: at fundamentals depth, terms not yet taught get their gloss the first
        time; the concept counts as taught from now on."""
        if level == LEVELS[0]:
            text, glossed = self.glossary.gloss_first_use(text, concept_id, session.taught)
            session.taught.extend(glossed)
        if concept_id not in session.taught:
            session.taught.append(concept_id)
        return text

    # --- starting -------------------------------------------------------------------------------
    def active(self, session: Session) -> bool:
        lesson = session.lesson
        return bool(lesson) and lesson["stage"] != "done" and not lesson.get("paused")

    def start(self, session: Session, now: datetime, topic: str | None = None, section: str | None = None) -> Reply:
        """A new lesson on the whole path, a section or a concept (ids); the first step is shown."""
        level = current_level(session)
        title = f"the {section} section" if section else short_title(self.kb.concepts[topic]) if topic else \
            (self.kb.lessons[0].title if self.kb.lessons else "the whole document")
        path = lesson_path(self.kb, session, level, topic, section)
        if not path:
            return self._chat(session, self._msg("lesson_nothing", title=title, level=level))
        self._end_quiz(session, now)
        session.lesson = {"title": title, "path": path, "step": 0, "level": level, "stage": "explained", "tries": {},
                          "streak": 0, "done": [], "missed": [], "skipped": [], "offer": None, "paused": False}
        intro = self._msg("lesson_start", title=title, total=len(path), level=level)
        return self._present(session, intro)

    def _start_from_words(self, session: Session, intent: Intent, turn: Any) -> Reply:
        topic_text = turn.groups.get("topic", "").strip()
        lesson = session.lesson
        if not topic_text and lesson and lesson["stage"] != "done":
            lesson["paused"] = False  # "teach me" again, or "continue the lesson": pick it up where it was
            self._end_quiz(session, turn.now)
            return self._present(session, counted=False)
        if not topic_text:
            return self.start(session, turn.now)
        section = _section(topic_text)
        if section:
            return self.start(session, turn.now, section=section)
        concept = self._resolve(topic_text)
        if concept is None:
            return self._chat(session, self._msg("lesson_unknown_topic", topic=topic_text[:60]))
        return self.start(session, turn.now, topic=self.kb.concepts[concept].answers_for)

    # --- one turn during a lesson -------------------------------------------------------------
    def during(self, session: Session, folded: str, now: datetime) -> Reply | None:
        """A lesson command or an answer to an offer; None when the turn is something else (an answer to the
        check question, or a question of the learner's own), which the engine answers and `after` completes."""
        if session.lesson["stage"] == "check" and not (session.quiz and session.quiz.quiet):
            session.lesson["stage"] = "explained"  # the check was dropped unanswered (by "/reset"): the step waits
        command = self._command(folded, session.lesson["stage"])
        if command is None:
            return None
        acts = {"lesson-next": self._next, "lesson-back": self._back, "lesson-skip": self._skip, "lesson-repeat": self._repeat,
               "lesson-where": self._where, "lesson-stop": self._stop, "lesson-deeper": self._accept, "lesson-stay": self._decline}
        action, intent_id = command
        return replace(acts[action](session, now), intent=intent_id)

    def _command(self, folded: str, stage: str) -> tuple[str, str] | None:
        # while a check question is open, "yes", "ok" or "next" may be answers: only the plain commands count
        allowed = {"check": ("lesson-back", "lesson-skip", "lesson-repeat", "lesson-where", "lesson-stop"),
                   "offer": ("lesson-deeper", "lesson-stay", "lesson-next", "lesson-back", "lesson-skip", "lesson-repeat",
                             "lesson-where", "lesson-stop"),
                   }.get(stage, ("lesson-next", "lesson-back", "lesson-skip", "lesson-repeat", "lesson-where", "lesson-stop"))
        for action in allowed:
            for intent, patterns in self._commands:
                if intent.action == action and any(p.fullmatch(folded) for p in patterns):
                    return action, intent.id
        return None

    def after(self, session: Session, reply: Reply, now: datetime) -> Reply:
        """A turn the engine answered during a lesson: a finished check moves the lesson on; anything else is
        answered, and the lesson waits at the same step (a reminder says where)."""
        lesson = session.lesson
        quiz = session.quiz
        if reply.kind == "lesson" or reply.intent == "lesson-start" or not self.active(session):
            return reply  # the lesson itself answered (started, resumed), or it ended
        if quiz and not quiz.quiet:  # the learner started a quiz of their own: the lesson waits for them
            lesson.update(paused=True, stage="explained")
            return reply
        if lesson["stage"] == "check":
            if quiz is None:
                return self._checked(session, reply, now)
            return self._tagged(session, reply)  # a retry, a hint, a question answered: the check stays open (the quiz reminds)
        key = "lesson_offer_reminder" if lesson["stage"] == "offer" else "lesson_reminder"
        return self._tagged(session, reply, self._msg(key, deeper=lesson.get("offer") or "", **self._place(session)))

    # --- the steps ------------------------------------------------------------------------------
    def _present(self, session: Session, prefix: str = "", counted: bool = True, now: datetime | None = None) -> Reply:
        """Show the current step (skipping what has become mastered), or finish at the end of the path."""
        lesson = session.lesson
        prefix = "\n".join(x for x in (prefix, self._skip_mastered(session)) if x)
        if lesson["step"] >= len(lesson["path"]):
            return self._finish(session, prefix)
        concept = self.kb.concepts[self._concept_id(session)]
        if counted:
            lesson["tries"][concept.id] = lesson["tries"].get(concept.id, 0) + 1
        again = lesson["tries"].get(concept.id, 1) > 1
        level, body, via = self._step_text(session, concept, again)
        lesson.update(stage="explained", check_level=level, via=via)
        if not again:
            body = self._msg("lesson_step", step=lesson["step"] + 1, total=len(lesson["path"]), title=short_title(concept),
                             level=level, text=body)
        self._remember(session, concept, level)
        text = "\n".join(x for x in (prefix, body, self._msg("lesson_prompt")) if x)
        return Reply(kind="lesson", text=text, level=level, concept=concept.answers_for, confidence=1.0,
                     section=concept.where, suggestions=("next", "give me an example", "stop"), intent="lesson",
                     data={"lesson": self.position(session), "entry": concept.id})

    def _skip_mastered(self, session: Session) -> str:
        """Move past steps the learner has come to master at the lesson's depth; a note naming them, or ""."""
        lesson = session.lesson
        skipped = []
        while lesson["step"] < len(lesson["path"]) and lesson["level"] in session.mastered.get(self._concept_id(session), []):
            skipped.append(short_title(self.kb.concepts[self._concept_id(session)]))
            lesson["step"] += 1
        return self._msg("lesson_skipped_mastered", titles=", ".join(skipped)) if skipped else ""

    def _step_text(self, session: Session, concept: Concept, again: bool) -> tuple[str, str, str]:
        """The depth, the text and how a step is taught: first at the lesson's depth; taught again one depth
        lower, or at the simplest depth with its everyday example."""
        level = session.lesson["level"]
        if again and level != LEVELS[0]:
            level = shift_level(level, -1)
            text = self.explained(session, concept.id, level, _short(concept.explain[level]))
            return level, self._msg("lesson_again_lower", title=short_title(concept), level=level, text=text), "lower"
        if again and level in self.kb.analogies.get(concept.id, {}):
            text = self.kb.analogies[concept.id][level].text
            return level, self._msg("lesson_again_example", title=short_title(concept), text=text), "example"
        return level, self.explained(session, concept.id, level, _short(concept.explain[level])), "again" if again else "first"

    def _ask_check(self, session: Session, now: datetime) -> Reply:
        lesson = session.lesson
        concept_id = self._concept_id(session)
        request = QuizRequest([concept_id], 1, lesson.get("check_level") or lesson["level"], label=concept_id, quiet=True)
        reply = self._quiz.start(session, request, now)
        if session.quiz is None:  # no question on this concept: the step is done without a check
            return self._advance(session, now, self._msg("lesson_no_check"))
        lesson["stage"] = "check"
        return self._tagged(session, reply)

    def _checked(self, session: Session, reply: Reply, now: datetime) -> Reply:
        """The check question was answered (its feedback is in `reply`): move on, teach again, or offer a depth."""
        lesson = session.lesson
        concept_id = self._concept_id(session)
        right = bool((reply.data.get("outcome") or {}).get("first_correct"))
        feedback = reply.text
        if right:
            if concept_id not in lesson["done"]:
                lesson["done"].append(concept_id)
            lesson["streak"] = lesson["streak"] + 1 if lesson.get("streak_level") == lesson["level"] else 1
            lesson["streak_level"] = lesson["level"]
            deeper = shift_level(lesson["level"], +1)
            if lesson["streak"] >= _STREAK and deeper != lesson["level"] and lesson["step"] + 1 < len(lesson["path"]):
                lesson.update(stage="offer", offer=deeper, streak=0)
                text = "\n".join((feedback, self._msg("lesson_right_offer", level=lesson["level"], deeper=deeper)))
                return self._lesson_reply(session, text)
            return self._advance(session, now, feedback)
        lesson["streak"] = 0
        if lesson["tries"].get(concept_id, 0) < _TRIES:
            return self._present(session, feedback, now=now)
        if concept_id not in lesson["missed"]:
            lesson["missed"].append(concept_id)
        note = self._msg("lesson_missed", title=short_title(self.kb.concepts[concept_id]))
        return self._advance(session, now, "\n".join((feedback, note)))

    def _advance(self, session: Session, now: datetime, prefix: str = "") -> Reply:
        lesson = session.lesson
        lesson.update(step=lesson["step"] + 1, stage="explained", offer=None)
        return self._present(session, prefix, now=now)

    def _finish(self, session: Session, prefix: str = "") -> Reply:
        lesson = session.lesson
        lesson.update(stage="done", offer=None)
        titles = ", ".join(short_title(self.kb.concepts[c]) for c in lesson["missed"]) or "none"
        text = self._msg("lesson_done", title=lesson["title"], right=len(lesson["done"]), total=len(lesson["path"]),
                         skipped=len(lesson["skipped"]), missed=titles)
        return self._lesson_reply(session, "\n".join(x for x in (prefix, text) if x))

    # --- commands ---------------------------------------------------------------------------------
    def _next(self, session: Session, now: datetime) -> Reply:
        if session.lesson["stage"] == "offer":
            return self._decline(session, now)
        return self._ask_check(session, now)

    def _back(self, session: Session, now: datetime) -> Reply:
        lesson = session.lesson
        self._close_check(session)
        if lesson["step"] == 0:
            return self._present(session, self._msg("lesson_first"), counted=False)
        lesson["step"] -= 1
        return self._present(session, counted=False)

    def _skip(self, session: Session, now: datetime) -> Reply:
        lesson = session.lesson
        self._close_check(session)
        concept_id = self._concept_id(session)
        if concept_id not in lesson["skipped"]:
            lesson["skipped"].append(concept_id)
        return self._advance(session, now, self._msg("lesson_skipped", title=short_title(self.kb.concepts[concept_id])))

    def _repeat(self, session: Session, now: datetime) -> Reply:
        """The step again, as asked (not counted as teaching it again); an open check question stays open."""
        lesson = session.lesson
        if lesson["stage"] != "check":
            return self._present(session, counted=False)
        concept = self.kb.concepts[self._concept_id(session)]
        level = lesson.get("check_level") or lesson["level"]
        item = self._quiz.current(session)
        text = "\n".join((_short(concept.explain[level]), self._msg("lesson_check", title=short_title(concept), level=item.level,
                                                                     question=item.question),
                          *(f"  {'abcd'[i]}) {o}" for i, o in enumerate(item.options))))
        reply = self._lesson_reply(session, text, kind="quiz")
        return replace(reply, options=tuple(item.options), data={**reply.data, "item": item.id, "type": item.type,
                                                                  "question": item.question, "options": list(item.options)})

    def _where(self, session: Session, now: datetime) -> Reply:
        return self._lesson_reply(session, self._msg("lesson_where", **self._place(session)), keep_kind=True)

    def _stop(self, session: Session, now: datetime) -> Reply:
        self._close_check(session)
        session.lesson.update(paused=True, stage="explained", offer=None)
        return self._lesson_reply(session, self._msg("lesson_stopped", **self._place(session)))

    def _accept(self, session: Session, now: datetime) -> Reply:
        lesson = session.lesson
        lesson["level"] = lesson["offer"] or lesson["level"]
        return self._advance(session, now, self._msg("lesson_deeper", level=lesson["level"]))

    def _decline(self, session: Session, now: datetime) -> Reply:
        return self._advance(session, now)

    def _not_running(self, session: Session, intent: Intent, turn: Any) -> Reply:
        return self._chat(session, self._msg("lesson_not_running"))

    def _end_quiz(self, session: Session, now: datetime) -> None:
        """A lesson starts or resumes: a quiz in progress ends (what was answered is already recorded)."""
        if session.quiz:
            self._quiz.finish(session, now)
        if session.lesson and session.lesson["stage"] == "check":
            session.lesson["stage"] = "explained"

    def _close_check(self, session: Session) -> None:
        if session.quiz and session.quiz.quiet:
            session.quiz = None

    # --- what a reply carries ----------------------------------------------------------------------
    def _concept_id(self, session: Session) -> str:
        lesson = session.lesson
        return lesson["path"][min(lesson["step"], len(lesson["path"]) - 1)]

    def position(self, session: Session) -> dict[str, Any]:
        """data["lesson"]: the path (concept ids), the step (1-based), the total and the concept of the step."""
        lesson = session.lesson
        step = min(lesson["step"], len(lesson["path"]) - 1)
        return {"path": list(lesson["path"]), "step": step + 1, "total": len(lesson["path"]), "concept": lesson["path"][step],
                "level": lesson["level"], "stage": lesson["stage"], "done": list(lesson["done"]),
                "missed": list(lesson["missed"]), "skipped": list(lesson["skipped"])}

    def _place(self, session: Session) -> dict[str, Any]:
        lesson = session.lesson
        position = self.position(session)
        title = lambda ids: ", ".join(short_title(self.kb.concepts[c]) for c in ids) or "none"  # noqa: E731
        return {"title": lesson["title"], "step": position["step"], "total": position["total"],
                "concept": short_title(self.kb.concepts[position["concept"]]), "level": lesson["level"],
                "done": title(lesson["done"]), "missed": title(lesson["missed"]),
                "coming": title(lesson["path"][position["step"]:][:4]) + (" ..." if len(lesson["path"]) - position["step"] > 4 else "")}

    def _tagged(self, session: Session, reply: Reply, note: str = "") -> Reply:
        text = f"{reply.text}\n{note}" if note else reply.text
        return replace(reply, text=text, data={**reply.data, "lesson": self.position(session)})

    def _lesson_reply(self, session: Session, text: str, kind: str = "lesson", keep_kind: bool = False) -> Reply:
        concept = self.kb.concepts[self._concept_id(session)]
        if keep_kind and session.lesson["stage"] == "check":
            kind = "quiz"
        return Reply(kind=kind, text=text, level=session.lesson["level"], concept=concept.answers_for, confidence=1.0,
                     section=concept.where, suggestions=("next", "where am I", "stop"), intent="lesson",
                     data={"lesson": self.position(session)})

    def _remember(self, session: Session, concept: Concept, level: str) -> None:
        session.remember(concept.id, level)
        session.last_answer = {"concept": concept.id, "confidence": 1.0, "runner_up": None, "level": level,
                               "how": "the next step of the lesson", "kind": "lesson"}

    def _chat(self, session: Session, text: str) -> Reply:
        return Reply(kind="chat", text=text, level=current_level(session), intent="lesson")

    # --- examples, definitions, the glossary, sources ---------------------------------------------
    def _topic_or_last(self, session: Session, turn: Any) -> str | None:
        text = turn.groups.get("topic", "").strip()
        # "an example of one" (of the peptides just discussed) refers back, as "it" does
        if text and text not in _POINTERS:
            found = self._resolve(text)
            return self.kb.concepts[found].id if found else None
        return session.last_concept

    def _named_topic(self, session: Session, target: str) -> str:
        """The topic by its name where the request only points at it ("a therapy for it"): a kind asked for is sought
        among the names a question says, not behind a pronoun."""
        topic = session.last_concept
        return short_title(self.kb.concepts[topic]) if target in _POINTERS and topic else target

    def _example(self, session: Session, intent: Intent, turn: Any) -> Reply:
        topic_text = turn.groups.get("topic", "").strip()
        if _A_QUESTION.match(topic_text):  # "an example of why it matters": the question in it is asked
            return self._fallback(session, topic_text)  # ("an example of when it drops" asks when it drops)
        instance = _INSTANCE_OF.fullmatch(topic_text)
        if instance:  # "an example of a therapy that raises it" asks which therapy raises it, not for an analogy
            kind = instance["kind"]
            rest = instance["rest"] or f"is used {instance['aim']} {self._named_topic(session, instance['target'])}"
            asked = f"what {rest}" if kind in _ANY_THING else f"which {kind} {rest}"
            return self._fallback(session, asked)
        concept_id = self._topic_or_last(session, turn)
        instances = self._instances(session, concept_id, turn.text)
        if instances:
            return instances
        if concept_id is None or concept_id not in self.kb.analogies:
            if turn.groups.get("topic"):
                return self._fallback(session, turn.text)
            return self._chat(session, self._msg("example_which"))
        concept = self.kb.concepts[concept_id]
        level = current_level(session, concept_id)
        analogy = self.kb.analogies[concept_id].get(level) or next(iter(self.kb.analogies[concept_id].values()))
        session.remember(concept_id, level)
        session.last_answer = {"concept": concept_id, "confidence": 1.0, "runner_up": None, "level": level,
                               "how": "an everyday example asked for", "kind": "answer"}
        text = self._msg("example_reply", title=short_title(concept), level=analogy.level, text=analogy.text)
        return Reply(kind="answer", text=text, level=analogy.level, concept=concept.answers_for, confidence=1.0,
                     section=concept.where, suggestions=("more detail", "define it"), intent=intent.id,
                     data={"entry": concept_id, "example": {"concept": concept_id, "level": analogy.level}})

    def _instances(self, session: Session, concept_id: str | None, text: str) -> Reply | None:
        """ "What are hormonal optimization protocols?" ... "give me an example": of a kind of thing with members
        (HRT, TRT and the peptides are its parts), the members are the examples, not an analogy: they are named, and
        the first is explained."""
        if concept_id is None or _ANALOGY_WANTED.search(text):
            return None
        kind = self.kb.kinds.get(concept_id)
        parts = [r.subject for r in self.kb.relations if r.relation == "part-of" and r.object == concept_id]
        # members are of the whole's own kind (therapies of a group of therapies); the halves of a process are no examples
        if len(parts) < 2 or any(self.kb.kinds.get(p) != kind for p in parts):
            return None
        names = [_in_sentence(short_title(self.kb.concepts[p])) for p in parts]
        lead = self._msg("example_instances", title=_in_sentence(short_title(self.kb.concepts[concept_id])),
                         instances=", ".join(names[:-1]) + " and " + names[-1], first=names[0])
        reply = self._fallback(session, f"what is {short_title(self.kb.concepts[parts[0]])}")
        if reply.kind != "answer":
            return reply
        session.last_concept = concept_id  # the talk is still about the kind: "what's its goal?" asks about it
        return replace(reply, text=f"{lead} {reply.text}")

    def _define(self, session: Session, intent: Intent, turn: Any) -> Reply:
        topic = turn.groups.get("topic", "").strip()
        entry = self.glossary.lookup(topic) if topic not in ("it", "that", "this") else \
            self.glossary.lookup("", session.last_concept)
        if entry is None:  # not a glossary entry: answered as an ordinary question
            return self._fallback(session, turn.text)
        return self._gloss_reply(session, entry, intent.id)

    def term_asked(self, session: Session, words: list[str]) -> Reply | None:
        """ "what does paracrine mean?": a question whose only words of substance are a glossary term gets its line."""
        entry = self.glossary.exact(" ".join(words)) if words else None
        return self._gloss_reply(session, entry, "define") if entry else None

    def homed_term_asked(self, session: Session, words: list[str]) -> Reply | None:
        """A question about a term whose home is a concept, among other words ("what are Leydig cells known for?")."""
        entry = self.glossary.homed_term_within(words) if words else None
        return self._gloss_reply(session, entry, "define") if entry else None

    def _gloss_reply(self, session: Session, entry: Any, intent: str) -> Reply:
        # a term's home concept is what the conversation is about next ("what does paracrine mean here?")
        home = entry.concept or entry.home
        concept = self.kb.concepts.get(home) if home else None
        if concept is not None:
            session.remember(concept.id, current_level(session, concept.id))
            session.last_answer = {"concept": concept.id, "confidence": 1.0, "runner_up": None, "level": current_level(session),
                                   "how": "the glossary line asked for", "kind": "answer"}
        text = self._msg("define_reply", term=entry.term, text=entry.text)
        return Reply(kind="answer", text=text, level=current_level(session),
                     concept=concept.answers_for if concept else None, confidence=1.0,
                     section=concept.where if concept else None,
                     suggestions=(f"Tell me about {short_title(concept)}",) if concept else (), intent=intent,
                     data={"gloss": {"term": entry.term, "text": entry.text, "concept": entry.concept or None}})

    def _glossary(self, session: Session, intent: Intent, turn: Any) -> Reply:
        topic = turn.groups.get("topic", "").strip()
        if len(topic) == 1 and topic.isalpha():
            found = self.glossary.starting_with(topic)
            if not found:
                return self._chat(session, self._msg("glossary_empty", letter=topic))
            lines = "\n".join(f"{e.term}: {e.text}." for e in found)
            return self._glossary_reply(session, f" \u2014 {topic.upper()}", found, lines, intent.id)
        if topic:
            entry = self.glossary.lookup(topic)
            if entry is not None:
                return self._gloss_reply(session, entry, intent.id)
            return self._fallback(session, topic)
        entries = self.glossary.entries()
        letters: dict[str, list[str]] = {}
        for e in entries:
            letters.setdefault(e.term[0].upper(), []).append(e.term)
        lines = "\n".join(f"{letter}: {', '.join(terms)}" for letter, terms in sorted(letters.items()))
        return self._glossary_reply(session, "", entries, lines + '\n(Say "/glossary o" for the lines of one letter, '
                                                                  'or "define X".)', intent.id)

    def _glossary_reply(self, session: Session, heading: str, entries: list, lines: str, intent: str) -> Reply:
        text = self._msg("glossary_list", heading=heading, count=len(entries), lines=lines)
        return Reply(kind="chat", text=text, level=current_level(session), intent=intent,
                     data={"glossary": [{"term": e.term, "text": e.text, "concept": e.concept or None} for e in entries]})

    def _source(self, session: Session, intent: Intent, turn: Any) -> Reply:
        """Where the last answer comes from: the section and heading, and the references the document lists on it."""
        info = session.last_answer or {}
        concept = self.kb.concepts.get(info.get("concept") or "")
        if concept is None:
            return self._nothing_answered(session, turn.text)
        topics = {concept.id, concept.answers_for}
        refs = [r.subject for r in self.kb.relations if r.relation == "cites" and r.object in topics]
        title = short_title(concept)
        cited = self._msg("source_cited", title=title, refs="; ".join(self.kb.concepts[r].title for r in refs)) if refs \
            else self._msg("source_uncited", title=title)
        text = self._msg("source_reply", title=title, where=concept.where, cited=cited)
        section = concept.section
        return Reply(kind="chat", text=text, level=current_level(session), concept=concept.answers_for, confidence=1.0,
                     section=concept.where,
                     suggestions=tuple(f"Tell me about {short_title(self.kb.concepts[r])}" for r in refs[:3]),
                     intent=intent.id,
                     data={"source": {"concept": concept.id, "section": section, "heading": concept.heading or None,
                                      "references": refs}})

    def _nothing_answered(self, session: Session, text: str) -> Reply:
        """ "what are the references for this?" before anything was answered: "this" is the document, whose
        reference list answers; "where does it say that?" has nothing to point at."""
        if _REFERENCE_WORDS & set(re.findall(r"[a-z]+", text.lower())):
            return self._fallback(session, text)
        return self._chat(session, self._msg("source_nothing"))

    # --- progress ------------------------------------------------------------------------------------
    def path_view(self, session: Session) -> str:
        """The lesson path with what is done, for /progress: one line per step."""
        lesson = session.lesson
        if not lesson:
            return ""
        marks = []
        for i, cid in enumerate(lesson["path"]):
            mark = "done" if cid in lesson["done"] else "review" if cid in lesson["missed"] else \
                "skipped" if cid in lesson["skipped"] else "now" if i == lesson["step"] and lesson["stage"] != "done" else ""
            symbol = {"done": "\u2713", "review": "\u2717", "skipped": "-", "now": "\u2192"}.get(mark, "\u00b7")
            marks.append(f"  {symbol} {i + 1}. {short_title(self.kb.concepts[cid])}" + (f" ({mark})" if mark else ""))
        state = "finished" if lesson["stage"] == "done" else "paused" if lesson.get("paused") else "in progress"
        return f"Lesson: {lesson['title']} ({state}, {lesson['level']} depth)\n" + "\n".join(marks)


# words that ask for the document's reference list, which needs no answer before it
_REFERENCE_WORDS = frozenset("references reference sources citations refs bibliography papers".split())


def _section(text: str) -> str | None:
    match = re.fullmatch(r"(?:the )?(fundamentals|intermediate|academic|references)(?: section| part| level| topics)?", text)
    return match.group(1) if match else None


# "an example of a hormone that helps them": an instance of a kind, picked out by what it does
# "an example of a therapy that raises it", "... of a therapy for it": an instance of a kind asked for
_INSTANCE_OF = re.compile(r"(?:an? |some |one |any )?(?P<kind>[a-z]+) (?:(?:that|which|who) (?P<rest>.+)|(?P<aim>for|against) (?P<target>.+))")
# "an example of why it matters", "... of what happens when it drops", "... of when it drops": a question put as
# the thing to give an example of (a bare "when ..." asks what happens then)
def _in_sentence(name: str) -> str:
    """A title as it reads inside a sentence: "hormonal optimization", but "RANKL" and "HRT" as written."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


# "give me an analogy", "an everyday example": a comparison from everyday life is wanted, not the members of a kind
# ("an example of each side" asks for one of each half, not the members of the topic)
_ANALOGY_WANTED = re.compile(r"\b(analog(y|ies)|comparisons?|everyday|real life|metaphor|like what|what is it like|in action|in practice|each|both|sides?|halves|half)\b")
_A_QUESTION = re.compile(r"(why|how|when|what happens|what goes|where|what (?:it|they|this|that|these|those) \w+) ")
_POINTERS = frozenset({"it", "that", "this", "them", "one", "those", "these", "one of them", "one of those"})
_ANY_THING = frozenset({"something", "anything", "thing", "one", "someone", "substance", "factor"})
