"""Quizzes as a state of the Session: choosing items, asking, grading, hints, summary.

The runner is read-only; everything it changes lives in the session passed in, so a host bot
drives a quiz with nothing but Tutor.respond.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Callable

from .grading import UNCLEAR_CHOICE, UNCLEAR_TRUTH, Grade, Grader
from .learner import current_level
from .mastery import guess_for
from .matcher import short_title
from .model import LEVELS, KnowledgeBase, QuizItem, Rubric, level_index, shift_level
from .reply import Reply
from .progress import when_due
from .replay import apply_answer
from .review import due_concepts, next_due, rating_for
from .session import QuizState, Session

__all__ = ["QuizRunner", "QuizRequest", "LEECH_MISSES"]

LEECH_MISSES = 3  # a concept missed this often is re-explained one depth lower before it is asked again
_LETTERS = "abcd"


@dataclass(frozen=True)
class QuizRequest:
    topic: list[str] | None = None   # concept ids to quiz on (None: all)
    count: int = 5
    level: str | None = None          # ask items of this depth
    due_only: bool = False
    label: str = ""                   # what the quiz is on, for the learner
    count_given: bool = False         # the learner asked for this many (so fewer available is said)
    quiet: bool = False               # a lesson's check question: no introduction, no score at the end


class QuizRunner:
    def __init__(self, kb: KnowledgeBase, grader: Grader, message: Callable[..., str]) -> None:
        self.kb = kb
        self.grader = grader
        self._msg = message
        self._items = {item.id: item for item in kb.quiz}
        self.items = frozenset(self._items)  # every quiz item id of the pack
        self._by_concept: dict[str, list[QuizItem]] = {}
        for item in kb.quiz:
            self._by_concept.setdefault(item.concept, []).append(item)

    # --- starting -----------------------------------------------------------------------
    def start(self, session: Session, request: QuizRequest, now: datetime) -> Reply:
        plan = self._plan(session, request, now)
        if not plan:
            key = "quiz_nothing_due" if request.due_only else "quiz_no_items"
            nxt = next_due(session.cards)
            key = key if nxt or not request.due_only else "quiz_nothing_scheduled"
            return self._reply(session, self._msg(key, when=when_due(nxt, now) if nxt else ""), None,
                               {"event": "not-started", "reason": "nothing-due" if request.due_only else "no-items"})
        session.quiz = QuizState(items=plan, label=request.label or "all topics", quiet=request.quiet)
        intro = "" if request.quiet else self._intro(request, plan)
        return self._ask(session, now, intro)

    def _intro(self, request: QuizRequest, plan: list[str]) -> str:
        """How many questions on what, or that fewer than the learner asked for are available."""
        label = request.label or "all topics"
        if request.count_given and len(plan) < request.count:
            return self._msg("quiz_fewer", available=_questions(len(plan)), asked=request.count, label=label)
        return self._msg("quiz_start", count=len(plan), questions=_questions(len(plan)), label=label)

    def _plan(self, session: Session, request: QuizRequest, now: datetime) -> list[str]:
        order = self._concept_order(session, request, now)
        plan: list[str] = []
        rounds = 0
        while order and len(plan) < request.count and rounds < 4:
            for concept in order:
                item = self._choose(session, concept, request.level, plan)
                if item and len(plan) < request.count:
                    plan.append(item.id)
            rounds += 1
        return plan

    def _concept_order(self, session: Session, request: QuizRequest, now: datetime) -> list[str]:
        """The concepts to draw from: those due for review first, then the weakest (in the document's order on a tie)."""
        concepts = [c for c in (request.topic or list(self.kb.concepts)) if self._by_concept.get(c)]
        due = [c for c in due_concepts(session.cards, now) if c in concepts]
        if request.due_only:
            return due
        rest = sorted((c for c in concepts if c not in due), key=lambda c: (self._strength(session, c), concepts.index(c)))
        return due + rest

    def _strength(self, session: Session, concept: str) -> float:
        skills = session.mastery.get(concept)
        return sum(skills.values()) / len(skills) if skills else 0.0

    def _choose(self, session: Session, concept: str, level: str | None, taken: list[str]) -> QuizItem | None:
        depth = level or current_level(session, concept)
        # never the same question twice in one quiz (generated items share their wording across depths)
        asked = {" ".join(self._items[t].question.lower().split()) for t in taken}
        candidates = [i for i in self._by_concept[concept] if i.id not in taken and " ".join(i.question.lower().split()) not in asked]
        if not candidates:
            return None
        # authored items a depth away beat generated ones at the same depth; then the least asked
        return min(candidates, key=lambda i: (abs(level_index(i.level) - level_index(depth)) > 1, i.generated,
                                               abs(level_index(i.level) - level_index(depth)),
                                               session.asked.get(i.id, 0), self._by_concept[concept].index(i)))

    # --- asking -------------------------------------------------------------------------
    def current(self, session: Session) -> QuizItem | None:
        quiz = session.quiz
        if not quiz or quiz.index >= len(quiz.items):
            return None
        return self._items.get(quiz.items[quiz.index])

    def resume(self, session: Session) -> Reply | None:
        """The open question again, as after a restart; changes nothing. None when no quiz is open."""
        item = self.current(session)
        if item is None:
            return None
        quiz = session.quiz
        intro = self._msg("quiz_resumed", answered=quiz.index, total=len(quiz.items))
        return self._reply(session, "\n".join([intro, *self._question_lines(session, item)]), item,
                           {"event": "question", "resumed": True})

    def _ask(self, session: Session, now: datetime, prefix: str = "") -> Reply:
        item = self.current(session)
        if item is None:
            return self.finish(session, now, prefix)
        lines = [prefix] if prefix else []
        if session.misses.get(item.concept, 0) >= LEECH_MISSES:
            lines.append(self._reexplain(session, item))
        lines.extend(self._question_lines(session, item))
        return self._reply(session, "\n".join(lines), item, {"event": "question"})

    def _question_lines(self, session: Session, item: QuizItem) -> list[str]:
        quiz = session.quiz
        lines = []
        title = short_title(self.kb.concepts[item.concept])
        if quiz.quiet:
            lines.append(self._msg("lesson_check", title=title, level=item.level, question=item.question))
        else:
            lines.append(self._msg("quiz_question", number=quiz.index + 1, total=len(quiz.items), title=title,
                                   level=item.level, question=item.question))
        lines.extend(f"  {_LETTERS[i]}) {option}" for i, option in enumerate(item.options))
        if item.type == "tf":
            lines.append(self._msg("quiz_tf_prompt"))
        return lines

    def _reveal(self, item: QuizItem) -> str:
        """The right answer and why; a short answer's model answer is its explanation."""
        if item.type == "short":
            return self._msg("quiz_reveal_short", explanation=item.explanation)
        return self._msg("quiz_reveal", answer=_answer_text(item), explanation=item.explanation)

    def _reexplain(self, session: Session, item: QuizItem) -> str:
        concept = self.kb.concepts[item.concept]
        level = shift_level(item.level, -1)
        session.misses[item.concept] = 0
        return self._msg("quiz_reexplain", title=short_title(concept), level=level, text=concept.explain[level])

    # --- during a quiz ------------------------------------------------------------------
    def reads_as_choice(self, session: Session, raw: str) -> bool:
        """Whether a message picks an option or says true/false (so it is an answer, whatever else it matches)."""
        item = self.current(session)
        if item is None or session.quiz.awaiting_why:
            return False
        if item.type == "mc":
            return self.grader.option_index(item, raw) is not None
        return item.type == "tf" and self.grader.truth(raw) is not None

    def looks_like_answer(self, session: Session, folded: str, raw: str) -> bool:
        """Whether a message is an answer to the current item rather than a question of the learner's own."""
        item = self.current(session)
        if item is None:
            return False
        quiz = session.quiz
        if item.type == "mc" and not quiz.awaiting_why:
            return self.grader.option_index(item, raw) is not None or not _is_question(folded, raw)
        if item.type == "tf" and not quiz.awaiting_why:
            return self.grader.grade(item, raw).feedback != UNCLEAR_TRUTH or not _is_question(folded, raw)
        return not _is_question(folded, raw)

    def answer(self, session: Session, text: str, now: datetime) -> Reply:
        item = self.current(session)
        quiz = session.quiz
        if quiz.awaiting_why:
            return self._answer_why(session, item, text, now)
        grade = self.grader.grade(item, text)
        if grade.feedback in (UNCLEAR_TRUTH, UNCLEAR_CHOICE):
            return self._reply(session, grade.feedback, item, {"event": "unclear"})
        first = quiz.tries == 0
        quiz.tries += 1
        if first and reason_given(item, grade, text):
            return self._answer_why(session, item, text, now)  # "true, because ...": the reason is read at once
        if first and asks_why(item, grade):
            quiz.awaiting_why = True
            return self._reply(session, self._msg("quiz_why"), item, {"event": "why", "outcome": _outcome(grade)})
        return self._graded(session, item, grade, first, now)

    def _graded(self, session: Session, item: QuizItem, grade: Grade, first: bool, now: datetime) -> Reply:
        """A clear answer: recorded when it is the first attempt, then praised, retried or revealed."""
        note = self._record(session, item, grade.correct, now) if first else ""
        if grade.correct:
            return self._next(session, item, "right", self._msg("quiz_right", explanation=item.explanation), note, grade, now)
        if first and _retry_allowed(item):
            text = self._msg("quiz_wrong_retry", feedback=grade.feedback)
            return self._reply(session, "\n".join(x for x in (text, note) if x), item, {"event": "wrong", "outcome": _outcome(grade)})
        return self._next(session, item, "wrong", self._msg("quiz_wrong", feedback=grade.feedback, reveal=self._reveal(item)), note, grade, now)

    def _answer_why(self, session: Session, item: QuizItem, text: str, now: datetime) -> Reply:
        session.quiz.awaiting_why = False
        grade = self.grader.rubric(reason_rubric(item), text, item.explanation)
        note = self._record(session, item, grade.correct, now)
        if grade.correct:
            return self._next(session, item, "right", self._msg("quiz_right", explanation=item.explanation), note, grade, now)
        return self._next(session, item, "wrong", self._msg("quiz_why_wrong", feedback=grade.feedback, explanation=item.explanation),
                          note, grade, now)

    def hint(self, session: Session, now: datetime) -> Reply:
        item = self.current(session)
        quiz = session.quiz
        quiz.hints += 1
        rung = quiz.hints
        if rung <= len(item.hints) and rung <= 2:
            return self._reply(session, self._msg("quiz_hint", number=rung, hint=item.hints[rung - 1]), item,
                               {"event": "hint", "hint": rung})
        if rung == 1:
            return self._reply(session, self._msg("quiz_hint", number=1, hint=_default_hint(item)), item, {"event": "hint", "hint": 1})
        note = self._record(session, item, False, now, revealed=True) if quiz.tries == 0 else ""
        return self._next(session, item, "revealed", self._reveal(item), note, None, now)

    def skip(self, session: Session, now: datetime) -> Reply:
        item = self.current(session)
        self._result(session, item, "skipped")
        return self._advance(session, self._msg("quiz_skipped", answer=_answer_text(item)), now)

    def stop(self, session: Session, now: datetime) -> Reply:
        return self.finish(session, now, self._msg("quiz_stopped"))

    # --- recording and moving on ----------------------------------------------------------
    def _record(self, session: Session, item: QuizItem, correct: bool, now: datetime, revealed: bool = False) -> str:
        """The first attempt at an item: mastery, review schedule, journal. Returns a note on a depth change."""
        hints = session.quiz.hints
        rating = rating_for(correct, hints, revealed)
        # one journal entry is all the attempt changes, so a store can replay it into a newer state (tutor/replay.py)
        entry = {"item": item.id, "concept": item.concept, "level": item.level, "type": item.type, "correct": correct,
                 "hints": hints, "rating": rating, "at": now.isoformat(), "guess": guess_for(item)}
        before, after = apply_answer(session, entry)
        session.record_answer(entry)
        session.quiz.first = {"correct": correct, "hints": hints, "revealed": revealed}
        if before != after and session.override is None:
            reason = "you have mastered" if level_index(after) > level_index(before) else "you missed questions at"
            what = before if level_index(after) > level_index(before) else after
            return self._msg("quiz_depth_changed", title=short_title(self.kb.concepts[item.concept]), level=after,
                             reason=reason, previous=what)
        return ""

    def _result(self, session: Session, item: QuizItem, outcome: str) -> None:
        first, session.quiz.first = session.quiz.first or {}, None
        session.quiz.results.append({"item": item.id, "concept": item.concept, "outcome": outcome,
                                        "first_correct": bool(first.get("correct")), "hints": session.quiz.hints})

    def _next(self, session: Session, item: QuizItem, outcome: str, text: str, note: str, grade: Grade | None,
              now: datetime) -> Reply:
        self._result(session, item, outcome)
        return self._advance(session, "\n".join(x for x in (text, note) if x), now, grade)

    def _advance(self, session: Session, text: str, now: datetime, grade: Grade | None = None) -> Reply:
        quiz = session.quiz
        quiz.index, quiz.hints, quiz.tries, quiz.awaiting_why = quiz.index + 1, 0, 0, False
        reply = self._ask(session, now, text)
        data = dict(reply.data)
        data["outcome"] = quiz.results[-1] | (_outcome(grade) if grade else {}) if quiz.results else {}
        return replace(reply, data=data)

    def finish(self, session: Session, now: datetime, prefix: str = "") -> Reply:
        item = self.current(session)
        if item is not None and session.quiz.first:
            self._result(session, item, "stopped")  # attempted before stopping: it counts in the score
        results = session.quiz.results if session.quiz else []
        quiet = bool(session.quiz and session.quiz.quiet)
        session.quiz = None
        nxt = next_due(session.cards)
        summary = _summary(session, results, nxt)
        text = "" if quiet else self._summary_text(summary, nxt, now)
        return self._reply(session, "\n".join(x for x in (prefix, text) if x), None, {"event": "summary", "summary": summary})

    def _summary_text(self, summary: dict, nxt: datetime | None, now: datetime) -> str:
        """The score, then only what there is to say: mastered topics, topics to review, the next review."""
        def titles(ids: list[str]) -> str:
            return ", ".join(short_title(self.kb.concepts[c]) for c in ids)

        parts = [self._msg("quiz_summary", right=summary["right"], answered=summary["answered"])]
        if summary["strong"]:
            parts.append(self._msg("quiz_summary_mastered", titles=titles(summary["strong"])))
        if summary["review"]:
            parts.append(self._msg("quiz_summary_review", titles=titles(summary["review"])))
        if nxt is not None:
            parts.append(self._msg("quiz_summary_next", when=when_due(nxt, now)))
        return " ".join(parts)

    def _reply(self, session: Session, text: str, item: QuizItem | None, data: dict) -> Reply:
        payload = dict(data)
        if item is not None:
            payload.update(item=item.id, type=item.type, question=item.question, options=list(item.options),
                           number=session.quiz.index + 1 if session.quiz else None,
                           total=len(session.quiz.items) if session.quiz else None)
        level = item.level if item else current_level(session)
        return Reply(kind="quiz", text=text, level=level, concept=item.concept if item else None, confidence=1.0,
                     section=self.kb.concepts[item.concept].where if item else None,
                     suggestions=("hint", "skip", "stop") if session.quiz else ("quiz me", "review"),
                     intent="quiz", options=tuple(item.options) if item else (), data=payload)


def _summary(session: Session, all_results: list[dict], nxt: datetime | None) -> dict:
    results = [r for r in all_results if r["outcome"] != "skipped"]
    return {"answered": len(results), "right": sum(1 for r in results if r["first_correct"]), "strong": _strong(session, results),
            "review": sorted({r["concept"] for r in all_results if not r["first_correct"]}),
            "next_review": nxt.isoformat() if nxt else None}


def _strong(session: Session, results: list[dict]) -> list[str]:
    """ "Strong" only where the record says so: a depth mastered and nothing missed here, not one right answer."""
    missed = {r["concept"] for r in results if not r["first_correct"]}
    mastered = {c for c, depths in session.mastered.items() if depths}
    return sorted(({r["concept"] for r in results} - missed) & mastered)


# words that bring in a reason after a true/false verdict
_NO_PARTS = Rubric(required=())
# words after a verdict that give no reason ("true, I'm pretty sure")
_HEDGES = frozenset("i im am m think guess believe pretty quite very sure definitely certainly probably maybe perhaps "
                    "that it is its s thats so say d would totally absolutely true false yes no yep nope right "
                    "correct wrong incorrect of course".split())
# a dash of any width ("false \u2013 into IGF-1") brings in a reason as a hyphen between spaces does
_REASON = re.compile(r"\b(because|since|due to|as the|given that|owing to|which is why|so that|but)\b|[:;\u2013\u2014]| - ")

def _questions(count: int) -> str:
    return f"{count} question{'' if count == 1 else 's'}"


def reason_given(item: QuizItem, grade: Grade, text: str) -> bool:
    """Whether a right verdict comes with the reason the item asks for ("true, because estrogen lowers RANKL"):
    then the reason is graded at once instead of asked for."""
    offered = asks_why(item, grade) or (grade.correct and item.type == "tf")  # a reason no one asked for is read too
    return offered and (bool(_REASON.search(text.lower())) or _reason_after_comma(text))


def reason_rubric(item: QuizItem) -> Rubric:
    """What a reason is judged by: the item's own rubric; else only that it says nothing against the explanation."""
    return item.why or _NO_PARTS


def _reason_after_comma(text: str) -> bool:
    """ "false, it raises OPG instead": two or more words of substance after the verdict's comma or full stop
    ("true, I think" and "false, definitely" give no reason)."""
    parts = re.split(r"[,.!]", text.lower(), maxsplit=1)
    if len(parts) < 2:
        return False
    return sum(1 for w in re.findall(r"[a-z0-9\u03b1-\u03c9]+", parts[1]) if w not in _HEDGES) >= 2


def asks_why(item: QuizItem, grade: Grade) -> bool:
    """A true/false item answered right beyond fundamentals asks for the reason too, when the item has one."""
    return grade.correct and item.type == "tf" and bool(item.why) and item.level != LEVELS[0]


def _retry_allowed(item: QuizItem) -> bool:
    """A second try makes sense where guessing cannot find the answer: not for true/false or two options."""
    return item.type in ("cloze", "short") or (item.type == "mc" and len(item.options) > 2)


def _is_question(folded: str, raw: str) -> bool:
    first = folded.split(" ", 1)[0] if folded else ""
    return raw.rstrip().endswith("?") or first in {"what", "why", "how", "who", "which", "where", "when", "tell", "explain",
                                                     "describe", "define", "can", "could", "whats"}


def _answer_text(item: QuizItem) -> str:
    if item.type == "tf":
        return "true" if item.answer else "false"
    if item.type == "short":
        return item.explanation.rstrip(".")
    return str(item.answer)


def _default_hint(item: QuizItem) -> str:
    return f"It is about {item.concept.replace('-', ' ')}."


def _outcome(grade: Grade | None) -> dict:
    if grade is None:
        return {}
    return {"correct": grade.correct, "feedback": grade.feedback, "missing": list(grade.missing), "reversed": list(grade.reversed)}
