"""One Tutor, eight threads, a thousand turns each on their own sessions: no cross-talk.

Each thread plays a script of its own (seeded random.Random, fixed `now`): questions, follow-ups,
depth changes, quizzes with answers, hints, skips and stops, lessons and their commands, noise, spread over three sessions of
different depths, one of them saved and restored now and then. The replies and the final sessions
must equal, turn by turn, those of the same scripts played one after the other on one thread.
"""
from __future__ import annotations

import json
import random
import sys
import threading
from datetime import datetime, timedelta, timezone
from itertools import pairwise

from tutor import Session, Tutor
from tutor.model import LEVELS
from tutor.reply import KINDS

THREADS = 8
TURNS = 1000
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)

QUESTIONS = ["what do osteoclasts do?", "what is OPG", "what blocks RANKL?", "tell me about estrogen", "what is HRT",
             "how does growth hormone affect bone?", "what does testosterone do", "which cells make OPG?",
             "what is bone remodeling", "testosterone estrogen", "what do osteolasts do", "what about vitamin D?", "should I take HRT?",
             "hello", "topics"]
FOLLOW_UPS = ["more detail", "why?", "what does it bind to?", "simpler", "and in men?", "tell me more",
              "why did you say that?", "I'm a medical student", "explain like I'm five", "the first one", "2"]
QUIZ = ["quiz me", "quiz me on RANKL", "quiz me on osteoclasts", "quiz me on estrogen", "3 questions", "review",
        "progress", "hint", "hint", "skip", "stop", "a", "b", "c", "1", "true", "false", "i don't know",
        "because estrogen holds osteoclasts back", "they mature into active osteoclasts"]
LESSON = ["teach me", "teach me about RANKL", "/learn intermediate", "next", "next", "ok", "back", "skip", "repeat",
          "where am I", "stop", "yes", "no", "give me an example", "define resorption", "/glossary o",
          "where does the document say that?", "continue the lesson"]
NOISE = "abcdefghijklmnopqrstuvwxyz ?!\x1b[31m\u202e🦴é"

Turn = tuple[int, str, datetime]  # (session index, or -1 for "save and restore session 0"; text; now)


def script(seed: int) -> list[Turn]:
    rng = random.Random(seed)
    turns: list[Turn] = []
    now = NOW + timedelta(days=seed)
    while len(turns) < TURNS:
        now += rng.choice([timedelta(0), timedelta(seconds=20), timedelta(minutes=15), timedelta(days=2)])
        if rng.random() < 0.02:
            turns.append((-1, "", now))
            continue
        pool = rng.choices([QUESTIONS, FOLLOW_UPS, QUIZ, LESSON, None], weights=[3, 3, 5, 4, 1])[0]
        text = rng.choice(pool) if pool else "".join(rng.choice(NOISE) for _ in range(rng.randrange(1, 25)))
        turns.append((rng.randrange(3), text, now))
    return turns


def play(tutor: Tutor, seed: int, trace: list | None = None) -> tuple[list[dict], list[dict]]:
    """The replies to a script, and its sessions at the end (all as JSON-safe dicts)."""
    sessions = [tutor.new_session(LEVELS[(seed + i) % len(LEVELS)]) for i in range(3)]
    replies: list[dict] = []
    for index, text, now in script(seed):
        if index < 0:
            sessions[0] = Session.from_dict(json.loads(json.dumps(sessions[0].to_dict())))
            replies.append({"restored": True})
            continue
        replies.append(tutor.respond(sessions[index], text, now=now).to_dict())
        if trace is not None:
            trace.append(seed)
    return replies, [s.to_dict() for s in sessions]


def test_eight_threads_give_the_single_threaded_replies(tutor):
    expected = {seed: play(tutor, seed) for seed in range(THREADS)}
    kinds = {reply.get("kind") for replies, _ in expected.values() for reply in replies}
    assert set(KINDS) <= kinds, f"the scripts never reach {set(KINDS) - kinds}"

    results: dict[int, tuple[list[dict], list[dict]]] = {}
    errors: list[BaseException] = []
    trace: list[int] = []  # which thread answered each turn, in order (list.append is atomic)
    start = threading.Barrier(THREADS)

    def worker(seed: int) -> None:
        try:
            start.wait()
            results[seed] = play(tutor, seed, trace)
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-4)  # switch threads often, so turns of different sessions interleave finely
    try:
        threads = [threading.Thread(target=worker, args=(seed,), name=f"learner-{seed}") for seed in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        sys.setswitchinterval(interval)

    assert not errors, f"a thread raised: {errors[0]!r}"
    assert sorted(results) == list(range(THREADS))
    switches = sum(1 for a, b in pairwise(trace) if a != b)
    assert switches > 100, f"the threads hardly interleaved ({switches} switches): the test proves little"
    for seed in range(THREADS):
        want_replies, want_sessions = expected[seed]
        got_replies, got_sessions = results[seed]
        assert len(got_replies) == TURNS
        for number, (want, got, turn) in enumerate(zip(want_replies, got_replies, script(seed)), 1):
            assert got == want, f"thread {seed}, turn {number} ({turn[1]!r} in session {turn[0]}): reply differs"
        assert got_sessions == want_sessions, f"thread {seed}: sessions differ at the end"

