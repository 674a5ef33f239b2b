"""Many processes on one store: opening a new store together, and answering for one learner together.

Each child process is real (multiprocessing, spawned), so SQLite's file locks and PostgreSQL's
row locks are what keeps them apart, as in a bot with several workers.
"""
from __future__ import annotations

import multiprocessing

import pytest

import store_workers

OPENERS = 8


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


def test_eight_processes_open_one_new_sqlite_store_at_once(tmp_path):
    path = tmp_path / "new.sqlite3"
    run_together(store_workers.open_at_once, lambda i: (f"sqlite:///{path}",), OPENERS)
    from tutor.store import SCHEMA_VERSION, SQLiteStore
    import sqlite3

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert SQLiteStore(path).load(store_workers.USER) is None
