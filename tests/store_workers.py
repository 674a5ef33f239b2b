"""Work done by the child processes of tests/test_store_concurrency.py (a module of its own, so that
`multiprocessing` can import it in a spawned child)."""
from __future__ import annotations

import traceback
from datetime import datetime, timedelta, timezone

from tutor import Tutor
from tutor.store import open_store

USER = "shared-learner"
START = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
ANSWERS = ("a", "b", "true", "false", "c", "they mature into active osteoclasts")


def open_at_once(url: str, start, results) -> None:
    """Wait for the others, then open (and so create and migrate) the store; report what happened."""
    try:
        start.wait()
        store = open_store(url)
        store.load(USER)
        store.close()
        results.put(("ok", ""))
    except BaseException:  # noqa: BLE001 - the parent test reports whatever went wrong
        results.put(("failed", traceback.format_exc()))


def answer_quiz_turns(url: str, worker: int, answers: int, start, results) -> None:
    """Answer `answers` quiz questions for one shared user, with a load, a respond and a save around every turn."""
    try:
        tutor = Tutor.load()
        store = open_store(url)
        start.wait()
        given, turn = 0, 0
        while given < answers:
            now = START + timedelta(minutes=worker * 1000 + turn)
            turn += 1
            session = store.load(USER) or tutor.new_session()
            text = "quiz me" if session.quiz is None else ANSWERS[(worker + turn) % len(ANSWERS)]
            before = len(session.journal)
            tutor.respond(session, text, now=now)
            given += len(session.journal) - before
            store.save(USER, session)
        store.close()
        results.put(("ok", given))
    except BaseException:  # noqa: BLE001
        results.put(("failed", traceback.format_exc()))
