"""The SQLite learner store when things go wrong.

Killed mid-write, truncated file, garbage write-ahead log, read-only file or folder, disk full, a
database locked by another program, a damaged page. What is wanted every time: a clear StoreError
(or a notice when a file is kept aside), the last committed state intact, nothing silently
overwritten, and the answers still in `session.journal` when they could not be written.

These tests run as root too: read-only is simulated by opening SQLite read-only (mode=ro, or
PRAGMA query_only), not by file permissions. Some tests guard bugs found here and fixed since (a damaged page, a locked file, a read-only folder).
"""
from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tutor import Session
from tutor.store import SQLiteStore, StoreError

from conftest import ROOT

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
USER = "learner"
_real_connect = sqlite3.connect


# --- helpers ----------------------------------------------------------------------------------------
def _entry(item: str, correct: bool = True) -> dict:
    return {"item": item, "concept": "osteoclasts", "level": "fundamentals", "type": "mc", "correct": correct,
            "hints": 0, "rating": "good" if correct else "again", "at": NOW.isoformat()}


def _state(n: int, answers_per_save: int = 1) -> Session:
    """State number n: its turns say n, and its journal holds the answers of save n."""
    session = Session(turns=n, history=[f"c{n}"] * 20, last_answer={"n": n})
    session.journal = [_entry(f"item-{n}-{j}") for j in range(answers_per_save)]
    return session


def _items(store: SQLiteStore) -> list[str]:
    return [a["item"] for a in store.answers(USER)]


def _consistent(store: SQLiteStore, answers_per_save: int = 1) -> int:
    """The stored session and the answers table were written together: state n has exactly the answers of saves 1..n."""
    session = store.load(USER)
    n = session.turns
    assert session.last_answer == {"n": n}
    assert _items(store) == [f"item-{k}-{j}" for k in range(1, n + 1) for j in range(answers_per_save)]
    return n


def _integrity(path: Path) -> str:
    db = _real_connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def _set_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".unreadable-" in p.name)


def _quiz_session(tutor, answers: int) -> Session:
    """A real session with `answers` answered quiz items in its journal."""
    session = tutor.new_session()
    tutor.respond(session, "quiz me on osteoclasts", now=NOW)
    for _ in range(answers):
        tutor.respond(session, "i don't know", now=NOW)
    assert len(session.journal) == answers
    return session


# --- killed mid-write -----------------------------------------------------------------------------
_SAVER = textwrap.dedent("""
    import sys
    from tutor.session import Session
    from tutor.store import SQLiteStore

    store = SQLiteStore(sys.argv[1])
    assert not store.notice, store.notice
    session = store.load("learner") or Session()
    pad = "x" * 40000                       # several pages per save: a kill often lands inside one
    while True:
        n = session.turns + 1
        session.turns, session.history, session.last_answer = n, ["c%d" % n] * 20, {"n": n}
        session.journal.extend({"item": "item-%d-%d" % (n, j), "concept": "osteoclasts", "level": "fundamentals",
                                "type": "mc", "correct": True, "hints": 0, "rating": "good",
                                "at": "2026-11-27T12:00:00+00:00", "pad": pad} for j in range(3))
        store.save("learner", session)
        print(n, flush=True)
""")


def test_killed_mid_write_keeps_the_last_committed_state(tmp_path):
    path = tmp_path / "p.sqlite3"
    rng = random.Random(7)
    acknowledged = 0
    for round_ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(path)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            target = acknowledged + 3 + round_
            while True:
                line = proc.stdout.readline()
                assert line, f"the saver stopped: {proc.stderr.read()}"
                acknowledged = int(line)
                if acknowledged >= target:
                    break
            time.sleep(rng.uniform(0, 0.02))  # let it get into the next write
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            acknowledged = max([acknowledged, *(int(x) for x in proc.stdout.read().split())])
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.stderr.close()
        store = SQLiteStore(path)
        try:
            assert store.notice == "" and _set_aside(tmp_path) == []
            n = _consistent(store, answers_per_save=3)
            # every acknowledged save is there; at most the one in flight when killed went through too
            assert acknowledged <= n <= acknowledged + 1, (acknowledged, n)
            acknowledged = n
        finally:
            store.close()
        assert _integrity(path) == "ok"


# --- damaged files ------------------------------------------------------------------------------------
def _store_with_progress(tutor, path: Path) -> None:
    store = SQLiteStore(path)
    session = _quiz_session(tutor, 2)
    store.save(USER, session)
    for n in range(1, 40):  # a few more learners so the file has many pages
        store.save(f"other-{n}", Session(turns=n, history=["c"] * 20))
    store.close()


@pytest.mark.parametrize("keep", [0, 50, 100, 4096, "half", "all-but-last-page"])
def test_truncated_file_is_kept_aside_and_a_new_one_started(tutor, tmp_path, keep):
    path = tmp_path / "p.sqlite3"
    _store_with_progress(tutor, path)
    data = path.read_bytes()
    size = {"half": len(data) // 2, "all-but-last-page": len(data) - 4096}.get(keep, keep)
    path.write_bytes(data[:size])
    store = SQLiteStore(path)
    try:
        if size == 0:  # an empty file is a valid empty database: nothing to keep
            assert store.notice == "" and _set_aside(tmp_path) == []
        else:
            kept = [p for p in _set_aside(tmp_path) if p.name.endswith("Z")]  # not its -wal/-shm
            assert "could not be read" in store.notice and str(kept[0]) in store.notice
            assert kept[0].read_bytes() == data[:size], "the damaged file must be kept as it was"
        assert store.load(USER) is None
        store.save(USER, _state(1))
        assert _consistent(store) == 1
    finally:
        store.close()


def test_garbage_wal_after_a_clean_close_is_ignored(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = SQLiteStore(path)
    for n in range(1, 4):
        store.save(USER, _state(n))
    store.close()
    Path(f"{path}-wal").write_bytes(random.Random(1).randbytes(20000))
    store = SQLiteStore(path)
    try:
        assert store.notice == "" and _set_aside(tmp_path) == []
        assert _consistent(store) == 3
        store.save(USER, _state(4))
        assert _consistent(store) == 4
    finally:
        store.close()
    assert _integrity(path) == "ok"


def _crash_snapshot(tmp_path: Path) -> Path:
    """Files as a crash would leave them: state 1 checkpointed into the main file, states 2..11 only in the WAL."""
    live = tmp_path / "live"
    live.mkdir()
    store = SQLiteStore(live / "p.sqlite3")
    store.save(USER, _state(1))
    store.close()  # the last connection checkpoints: state 1 is in the main file
    store = SQLiteStore(live / "p.sqlite3")
    for n in range(2, 12):
        store.save(USER, _state(n))
    snap = tmp_path / "snap"
    snap.mkdir()
    for suffix in ("", "-wal"):
        (snap / f"p.sqlite3{suffix}").write_bytes(Path(f"{live / 'p.sqlite3'}{suffix}").read_bytes())
    store.close()
    assert (snap / "p.sqlite3-wal").stat().st_size > 0
    return snap / "p.sqlite3"


def _garbage(n: int) -> bytes:
    return random.Random(n).randbytes(n)


@pytest.mark.parametrize("damage, expected", [
    ("none", {11}),
    ("garbage appended", {11}),
    ("last frame torn", {10}),
    ("garbage in the middle", set(range(1, 11))),
    ("garbage header", {1}),
    ("all garbage", {1}),
])
def test_garbage_in_the_wal_rolls_back_to_a_committed_state(tmp_path, damage, expected):
    path = _crash_snapshot(tmp_path)
    wal = Path(f"{path}-wal")
    data = wal.read_bytes()
    damaged = {
        "none": data,
        "garbage appended": data + _garbage(5000),
        "last frame torn": data[:-100],
        "garbage in the middle": data[:len(data) // 2] + _garbage(200) + data[len(data) // 2 + 200:],
        "garbage header": _garbage(32) + data[32:],
        "all garbage": _garbage(len(data)),
    }[damage]
    wal.write_bytes(damaged)
    store = SQLiteStore(path)
    try:
        assert store.notice == "" and _set_aside(path.parent) == []
        assert _consistent(store) in expected  # never a mixture of two saves
        assert _integrity(path) == "ok"
    finally:
        store.close()


def test_damaged_page_is_a_store_error_not_a_sqlite_traceback(tutor, tmp_path):
    path = tmp_path / "p.sqlite3"
    _store_with_progress(tutor, path)
    root = _real_connect(path).execute("SELECT rootpage FROM sqlite_master WHERE name = 'learners'").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096:root * 4096] = _garbage(4096)
    path.write_bytes(bytes(data))
    store = SQLiteStore(path)
    try:
        if store.notice:
            assert _set_aside(tmp_path) and store.load(USER) is None
        else:
            with pytest.raises(StoreError):
                store.load(USER)
    finally:
        store.close()


# --- read-only ----------------------------------------------------------------------------------------
def _saved_progress(tutor, path: Path) -> tuple[dict, list[str]]:
    store = SQLiteStore(path)
    store.save(USER, _quiz_session(tutor, 2))
    before = (store.load(USER).to_dict(), [a["item"] for a in store.answers(USER)])
    store.close()
    return before


def _read_only(mode: str):
    def connect(database, *args, **kwargs):
        if mode == "mode=ro":
            return _real_connect(f"file:{Path(database)}?mode=ro", *args, uri=True, **kwargs)
        db = _real_connect(database, *args, **kwargs)
        db.execute("PRAGMA query_only = 1")
        return db
    return connect


@pytest.mark.parametrize("mode", ["mode=ro", "query_only"])
def test_read_only_store_loads_but_refuses_to_save_and_keeps_the_journal(tutor, tmp_path, monkeypatch, mode):
    path = tmp_path / "p.sqlite3"
    before = _saved_progress(tutor, path)
    monkeypatch.setattr(sqlite3, "connect", _read_only(mode))
    store = SQLiteStore(path)
    try:
        assert store.notice == ""
        session = store.load(USER)
        assert session.to_dict() == before[0]  # progress can still be read
        tutor.respond(session, "i don't know", now=NOW)  # one more answer
        journal = json.loads(json.dumps(session.journal))
        assert len(journal) == 1
        with pytest.raises(StoreError, match=r"could not save progress to .*p\.sqlite3: .*readonly"):
            store.save(USER, session)
        assert session.journal == journal  # nothing lost: a later save can still write it
    finally:
        store.close()
    monkeypatch.setattr(sqlite3, "connect", _real_connect)
    again = SQLiteStore(path)
    try:
        assert (again.load(USER).to_dict(), _items(again)) == before  # nothing written, nothing overwritten
        assert _set_aside(tmp_path) == []
    finally:
        again.close()


@pytest.mark.parametrize("mode", ["mode=ro", "query_only"])
def test_new_store_in_a_read_only_place_is_a_clear_error(tmp_path, monkeypatch, mode):
    monkeypatch.setattr(sqlite3, "connect", _read_only(mode))
    with pytest.raises(StoreError, match=r"(cannot open|cannot prepare) .*p\.sqlite3: .*(unable to open|readonly)"):
        SQLiteStore(tmp_path / "p.sqlite3")


def test_data_folder_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(StoreError, match=r"cannot create the data folder .*: Permission denied"):
        SQLiteStore(tmp_path / "new" / "p.sqlite3")


def test_unopenable_file_is_a_clear_error_and_not_kept_aside(tutor, tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite3"
    before = _saved_progress(tutor, path)

    def refuse(database, *args, **kwargs):
        raise sqlite3.OperationalError("unable to open database file")
    monkeypatch.setattr(sqlite3, "connect", refuse)
    with pytest.raises(StoreError, match=r"cannot open .*p\.sqlite3: unable to open database file"):
        SQLiteStore(path)
    monkeypatch.setattr(sqlite3, "connect", _real_connect)
    assert _set_aside(tmp_path) == []
    store = SQLiteStore(path)
    assert (store.load(USER).to_dict(), _items(store)) == before
    store.close()


def test_unreadable_file_in_a_read_only_folder_is_a_store_error(tmp_path, monkeypatch):
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)

    def refuse(self, target):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "rename", refuse)
    try:
        with pytest.raises(StoreError):
            SQLiteStore(path)
    finally:
        assert path.read_bytes() == b"this is not a database" * 100


# --- disk full ----------------------------------------------------------------------------------------
class _FaultyConnection(sqlite3.Connection):
    """A connection whose statements starting with `fail_on` raise what SQLite says when the disk is full."""

    fail_on: str | None = None

    def _check(self, sql: str) -> None:
        if self.fail_on and sql.lstrip().upper().startswith(self.fail_on):
            raise sqlite3.OperationalError("database or disk is full")

    def execute(self, sql, *args):
        self._check(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        self._check(sql)
        return super().executemany(sql, *args)


@pytest.mark.parametrize("fail_on", ["INSERT INTO ANSWERS", "INSERT INTO LEARNERS", "COMMIT"])
def test_disk_full_on_save_is_a_clear_error_and_loses_nothing(tutor, tmp_path, monkeypatch, fail_on):
    path = tmp_path / "p.sqlite3"
    monkeypatch.setattr(_FaultyConnection, "fail_on", None)
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: _real_connect(*a, factory=_FaultyConnection, **k))
    store = SQLiteStore(path)
    try:
        session = _quiz_session(tutor, 1)
        store.save(USER, session)
        saved = (store.load(USER).to_dict(), _items(store))
        tutor.respond(session, "i don't know", now=NOW + timedelta(minutes=1))
        tutor.respond(session, "skip", now=NOW + timedelta(minutes=2))
        tutor.respond(session, "i don't know", now=NOW + timedelta(minutes=3))
        journal = json.loads(json.dumps(session.journal))
        assert len(journal) == 2

        monkeypatch.setattr(_FaultyConnection, "fail_on", fail_on)
        for _ in range(2):  # and again: a failed save changes nothing
            with pytest.raises(StoreError, match=r"could not save progress to .*p\.sqlite3: database or disk is full"):
                store.save(USER, session)
            assert session.journal == journal, "the unsaved answers must stay in the journal"
        monkeypatch.setattr(_FaultyConnection, "fail_on", None)
        assert (store.load(USER).to_dict(), _items(store)) == saved  # nothing half-written

        store.save(USER, session)  # space again: everything is written, once
        assert session.journal == []
        assert _items(store) == saved[1] + [a["item"] for a in journal]
        assert store.load(USER).to_dict() == {**session.to_dict(), "journal": []}
    finally:
        store.close()


def test_really_full_database_keeps_the_journal_and_the_saved_state(tutor, tmp_path, monkeypatch):
    """SQLite's own SQLITE_FULL, from a page limit at the current size (no root needed, no real disk filled)."""
    path = tmp_path / "p.sqlite3"
    store = SQLiteStore(path)
    session = _quiz_session(tutor, 1)
    store.save(USER, session)
    saved = (store.load(USER).to_dict(), _items(store))
    store.close()
    pages = _real_connect(path).execute("PRAGMA page_count").fetchone()[0]

    def capped(*args, **kwargs):
        db = _real_connect(*args, **kwargs)
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db
    monkeypatch.setattr(sqlite3, "connect", capped)
    store = SQLiteStore(path)
    try:
        for minute in range(1, 4):
            tutor.respond(session, "i don't know", now=NOW + timedelta(minutes=minute))
        session.history = ["osteoclasts"] * 20
        session.last_answer = {"pad": "x" * 50_000}  # more than the pages left
        journal = json.loads(json.dumps(session.journal))
        assert journal
        with pytest.raises(StoreError, match=r"could not save progress to .*p\.sqlite3: database or disk is full"):
            store.save(USER, session)
        assert session.journal == journal
        assert (store.load(USER).to_dict(), _items(store)) == saved
    finally:
        store.close()
    monkeypatch.setattr(sqlite3, "connect", _real_connect)
    store = SQLiteStore(path)  # the disk has room again
    try:
        store.save(USER, session)
        assert _items(store) == saved[1] + [a["item"] for a in journal]
    finally:
        store.close()
    assert _integrity(path) == "ok"


# --- in use by another program -----------------------------------------------------------------------
@pytest.mark.parametrize("cause", ["locked by another program", "disk I/O error"])
def test_healthy_file_that_cannot_be_read_right_now_is_not_set_aside(tutor, tmp_path, monkeypatch, cause):
    path = tmp_path / "p.sqlite3"
    before = _saved_progress(tutor, path)
    other = None
    if cause == "locked by another program":
        other = _real_connect(path, isolation_level=None)
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE learners SET updated_at = updated_at")
        other.execute("COMMIT")  # the exclusive lock is kept until the connection closes
        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: _real_connect(*a, **{**k, "timeout": 0.2}))  # wait less
    else:
        class Flaky(sqlite3.Connection):
            def execute(self, sql, *args):
                if sql.startswith("PRAGMA user_version"):
                    raise sqlite3.OperationalError("disk I/O error")
                return super().execute(sql, *args)
        monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: _real_connect(*a, factory=Flaky, **k))
    try:
        with pytest.raises(StoreError):
            SQLiteStore(path)
    finally:
        if other is not None:
            other.close()
        monkeypatch.setattr(sqlite3, "connect", _real_connect)
    assert _set_aside(tmp_path) == []
    store = SQLiteStore(path)
    assert (store.load(USER).to_dict(), _items(store)) == before
    store.close()
