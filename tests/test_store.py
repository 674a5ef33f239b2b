"""Keeping progress: stores, restarts, a killed process, corrupt and newer files, profiles."""
from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from tutor import Tutor
from tutor.cli import USER, main
from tutor.store import SCHEMA_VERSION, MemoryStore, SQLiteStore, StoreError, profile_path

from conftest import ROOT

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


def _quiz_two_answers(tutor, store, user="u1"):
    session = tutor.new_session()
    tutor.respond(session, "quiz me on osteoclasts", now=NOW)
    for _ in range(2):
        tutor.respond(session, "i don't know", now=NOW)
        store.save(user, session)
    return session


@pytest.mark.parametrize("make", [MemoryStore, "sqlite"])
def test_store_round_trip_and_answers(tutor, tmp_path, make):
    store = SQLiteStore(tmp_path / "p.sqlite3") if make == "sqlite" else make()
    session = _quiz_two_answers(tutor, store)
    assert session.journal == []  # written, so emptied
    loaded = store.load("u1")
    assert loaded.quiz["index"] == 2 and loaded.cards.keys() == session.cards.keys()
    assert [a["rating"] for a in store.answers("u1")] == ["again", "again"]
    assert store.load("someone-else") is None and store.answers("someone-else") == []


def test_sqlite_survives_a_restart(tutor, tmp_path):
    path = tmp_path / "p.sqlite3"
    store = SQLiteStore(path)
    _quiz_two_answers(tutor, store)
    store.close()
    again = SQLiteStore(path)
    assert len(again.answers("u1")) == 2 and again.load("u1").quiz is not None
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert mode == "wal" and version == SCHEMA_VERSION


def test_killed_mid_quiz_loses_no_answered_item(tmp_path):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "quiz", "--topic", "osteoclasts", "--count", "4",
                             "--data-dir", str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _wait_for(proc, "Question 1/4")
        for n in (2, 3):
            proc.stdin.write("i don't know\n")
            proc.stdin.flush()
            _wait_for(proc, f"Question {n}/4")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    store = SQLiteStore(profile_path(data, "default"))
    assert len(store.answers(USER)) == 2
    assert store.load(USER).quiz["index"] == 2


def _wait_for(proc, text: str) -> None:
    for _ in range(200):
        line = proc.stdout.readline()
        if text in line:
            return
        assert line, f"the quiz ended before {text!r}"
    raise AssertionError(f"never saw {text!r}")


def test_corrupt_store_is_kept_aside_with_a_message(tmp_path):
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = SQLiteStore(path)
    assert "could not be read" in store.notice
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")
    assert store.load("u1") is None


def test_store_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "p.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("CREATE TABLE future (x)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        SQLiteStore(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["../escape", "a/b", "", ".hidden", "x" * 65, "..", "name with space"])
def test_profile_names_cannot_escape_the_data_dir(tmp_path, name):
    with pytest.raises(StoreError):
        profile_path(tmp_path, name)


def test_profile_paths_stay_inside(tmp_path):
    assert profile_path(tmp_path, "sam_2").parent == tmp_path


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_data_dir_is_a_clear_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError):
            SQLiteStore(locked / "p.sqlite3")
    finally:
        locked.chmod(0o700)


def test_failed_save_keeps_the_journal(tutor, tmp_path):
    store = SQLiteStore(tmp_path / "p.sqlite3")
    session = tutor.new_session()
    tutor.respond(session, "quiz me on osteoclasts", now=NOW)
    tutor.respond(session, "i don't know", now=NOW)
    store.close()
    with pytest.raises(StoreError):
        store.save("u1", session)
    assert len(session.journal) == 1  # nothing lost: the next save can write it


def test_cli_quiz_and_progress(tmp_path):
    out = io.StringIO()
    args = ["--data-dir", str(tmp_path), "--profile", "sam"]
    assert main(["quiz", "--topic", "opg", "--count", "2", *args], stdin=io.StringIO("i don't know\nskip\n"), stdout=out) == 0
    assert "Question 1/2" in out.getvalue() and "Score:" in out.getvalue()
    report = io.StringIO()
    assert main(["progress", "--json", *args], stdout=report) == 0
    data = json.loads(report.getvalue())
    assert data["answered"] == 1 and data["accuracy"] == 0.0
    assert next(c for c in data["concepts"] if c["id"] == "opg")["answered"] == 1
    table = io.StringIO()
    main(["progress", *args], stdout=table)
    assert "Intermediate" in table.getvalue() and "OPG" in table.getvalue()


def test_cli_reports_a_bad_profile_without_a_traceback(tmp_path, capsys):
    assert main(["progress", "--data-dir", str(tmp_path), "--profile", "../x"]) == 1
    assert "profile name" in capsys.readouterr().err


def test_chat_keeps_progress_between_runs(tmp_path):
    args = ["chat", "--data-dir", str(tmp_path)]
    main(args, stdin=io.StringIO("quiz me on estrogen\ni don't know\n"), stdout=io.StringIO())
    out = io.StringIO()
    main(args, stdin=io.StringIO("stop\n"), stdout=out)
    assert "Score: 0/1" in out.getvalue()


def test_a_stored_session_from_an_older_pack_is_said_in_words(tutor, tmp_path, capsys):
    store = SQLiteStore(profile_path(tmp_path, "sam"))
    session = tutor.new_session()
    tutor.respond(session, "quiz me on osteoclasts", now=NOW)
    tutor.respond(session, "i don't know", now=NOW)
    session.cards["retired-concept"] = dict(session.cards["osteoclasts"])
    store.save("local", session)
    store.close()
    out = io.StringIO()
    assert main(["progress", "--json", "--data-dir", str(tmp_path), "--profile", "sam"], stdout=out) == 0
    err = capsys.readouterr().err
    assert "no longer has (retired-concept)" in err and "Traceback" not in err and "Warning" not in err
    assert json.loads(out.getvalue())["answered"] == 1


def test_listing_profiles_only_reads(tmp_path, tutor):
    from tutor.store import profiles

    store = SQLiteStore(profile_path(tmp_path, "sam"))
    session = tutor.new_session()
    tutor.respond(session, "quiz me on osteoclasts", now=NOW)
    tutor.respond(session, "i don't know", now=NOW)
    store.save("local", session)
    store.close()
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    (tmp_path / "notes.txt").write_text("not a profile", encoding="utf-8")
    listed = {p.name: p for p in profiles(tmp_path)}
    assert set(listed) == {"sam", "broken"}
    assert listed["sam"].answers == 1 and listed["sam"].last_used
    assert listed["broken"].answers is None and listed["broken"].problem
    assert broken.read_bytes() == b"not a database at all" * 100  # never set aside or repaired by a listing


def test_memory_store_forgets_one_learner(tutor):
    store = MemoryStore()
    for user in ("u1", "u2"):
        session = tutor.new_session()
        tutor.respond(session, "quiz me on osteoclasts", now=NOW)
        tutor.respond(session, "i don't know", now=NOW)
        store.save(user, session)
    assert store.forget("u1") == 1
    assert store.load("u1") is None and store.answers("u1") == []
    assert store.load("u2") is not None and len(store.answers("u2")) == 1
