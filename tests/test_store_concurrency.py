"""Many processes on one store: opening a new store together, and answering for one learner together.

Each child process is real (multiprocessing, spawned), so SQLite's file locks and PostgreSQL's
row locks are what keeps them apart, as in a bot with several workers.
"""
from __future__ import annotations

import multiprocessing
import sqlite3

import pytest

import store_workers
from tutor.replay import LEARNED, apply_answer
from tutor.session import Session
from tutor.store import SCHEMA_VERSION, open_store

OPENERS = 8


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A new store shared by the processes: a SQLite file, or a database on the tests' PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def run_together(target, args_for, count: int) -> list:
    """Start `count` processes that wait on one barrier, and gather what each reports."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(count), context.Queue()
    processes = [context.Process(target=target, args=(*args_for(i), start, results)) for i in range(count)]
    for process in processes:
        process.start()
    reports = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    failures = [detail for status, detail in reports if status != "ok"]
    assert not failures, "a process failed:\n" + "\n".join(failures)
    return [detail for _, detail in reports]


def test_eight_processes_open_one_new_store_at_once(store_url):
    run_together(store_workers.open_at_once, lambda i: (store_url,), OPENERS)
    if store_url.startswith("sqlite:"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    else:
        import psycopg

        with psycopg.connect(store_url) as db:
            assert db.execute("SELECT version FROM tutor_schema").fetchall() == [(SCHEMA_VERSION,)]
    store = open_store(store_url)
    assert store.load(store_workers.USER) is None
    store.close()


ANSWERS_EACH = 30


def sequential_replay(answers: list[dict], level: str = "fundamentals") -> Session:
    """The learner that the journaled answers make when applied one after another to a new session."""
    learner = Session(level=level)
    for entry in answers:
        apply_answer(learner, entry)
    return learner


@pytest.mark.parametrize("workers", [2, 8])
def test_processes_answering_for_one_learner_lose_no_answer(store_url, workers):
    given = run_together(store_workers.answer_quiz_turns, lambda i: (store_url, i, ANSWERS_EACH), workers)
    store = open_store(store_url)
    try:
        answers, saved = store.answers(store_workers.USER), store.load(store_workers.USER)
    finally:
        store.close()
    assert sum(given) == len(answers) >= workers * ANSWERS_EACH  # every answer reached the journal ...
    assert sum(answered for _, answered in saved.tally.values()) == len(answers)  # ... and the learner's state
    assert sum(saved.asked.values()) == len(answers)
    replayed = sequential_replay(answers)
    # `misses` is left out: re-explaining a concept resets it, and that is a turn's doing, not an answer's
    for name in (name for name in LEARNED if name != "misses"):
        assert getattr(saved, name) == getattr(replayed, name), f"{name} differs from the answers replayed in order"
