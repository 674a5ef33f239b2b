"""The Store contract (tutor/store.py, docs/store.md), checked on every store the same way.

The stores: MemoryStore, SQLiteStore, PostgresStore (on a server the tests start; skipped, saying why,
when none can be), and the host's store shown in the README (its code is run from the README itself).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from tutor.replay import LEARNED, apply_answer
from tutor.session import JOURNAL_LIMIT, Session
from tutor.store import MemoryStore, SQLiteStore, open_store

from conftest import ROOT

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
USER = "learner-1"


def readme_store_class():
    """The store a host writes in a few lines, exactly as the README shows it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- host-store-example -->\s*```python\n(.*?)```", text, re.S)
    assert block, "the README lost its host store example"
    scope: dict = {}
    exec(compile(block.group(1), "README.md", "exec"), scope)  # noqa: S102 - our own README
    return scope["MyStore"]


class Opener:
    """Opens the same store again, as another process would (the in-memory stores are shared objects)."""

    def __init__(self, kind: str, request, tmp_path) -> None:
        self.kind, self.opened = kind, []
        if kind == "sqlite":
            self.url = f"sqlite:///{tmp_path / 'contract.sqlite3'}"
        elif kind == "postgresql":
            self.url = request.getfixturevalue("postgres_url")
        else:
            self.shared = MemoryStore() if kind == "memory" else readme_store_class()()

    def __call__(self):
        store = open_store(self.url) if self.kind in ("sqlite", "postgresql") else self.shared
        self.opened.append(store)
        return store


@pytest.fixture(params=["memory", "sqlite", "postgresql", "readme"])
def opener(request, tmp_path):
    opened = Opener(request.param, request, tmp_path)
    yield opened
    for store in opened.opened:
        if hasattr(store, "close"):
            store.close()


def answer(tutor, session: Session, topic: str, minutes: int) -> None:
    """One quiz item answered (wrongly, so the outcome is the same whatever the item)."""
    now = NOW + timedelta(minutes=minutes)
    tutor.respond(session, f"quiz me on {topic}", now=now)
    tutor.respond(session, "i don't know", now=now)
    assert session.journal, "the quiz took no answer"


def test_load_and_save_round_trip(tutor, opener):
    store = opener()
    assert store.load(USER) is None
    session = tutor.new_session()
    answer(tutor, session, "osteoclasts", 0)
    written = session.journal[0]
    store.save(USER, session)
    assert session.journal == [] and session.revision == 1
    loaded = opener().load(USER)
    assert loaded.revision == 1 and loaded.tally == session.tally and loaded.cards == session.cards
    assert store.answers(USER) == [written]
    assert store.load("someone-else") is None and store.answers("someone-else") == []


def test_a_save_over_a_newer_state_keeps_both_turns(tutor, opener):
    first, second = opener(), opener()
    first.save(USER, tutor.new_session())
    a, b = first.load(USER), second.load(USER)  # two workers load the same revision
    answer(tutor, a, "osteoclasts", 0)
    answer(tutor, b, "estrogen", 1)
    first.save(USER, a)
    second.save(USER, b)  # b was loaded before a's save: its answer is merged in, nothing of a's is lost
    saved = opener().load(USER)
    answers = first.answers(USER)
    assert [x["concept"] for x in answers] == ["osteoclasts", "estrogen"]
    assert saved.revision == 3 and b.revision == 3 and b.journal == []
    assert saved.tally == {"osteoclasts": [0, 1], "estrogen": [0, 1]}
    replayed = Session()
    for entry in answers:
        apply_answer(replayed, entry)
    for name in LEARNED:
        assert getattr(saved, name) == getattr(replayed, name), name
    assert saved.quiz["label"] == b.quiz["label"]  # the conversation is the later turn's
    assert b.to_dict() == saved.to_dict()  # the caller's session is what was written


def test_a_stale_turn_without_answers_keeps_what_was_learned(tutor, opener):
    store = opener()
    store.save(USER, tutor.new_session())
    a, b = store.load(USER), store.load(USER)
    answer(tutor, a, "osteoclasts", 0)
    store.save(USER, a)
    tutor.respond(b, "what is OPG", now=NOW)
    store.save(USER, b)
    saved = store.load(USER)
    assert saved.tally == {"osteoclasts": [0, 1]} and saved.cards.keys() == {"osteoclasts"}
    assert saved.last_concept == "opg"


def test_a_new_session_saved_over_an_existing_learner_merges(tutor, opener):
    """A second terminal that started before the first one saved anything."""
    store = opener()
    a, b = tutor.new_session(), tutor.new_session()
    answer(tutor, a, "osteoclasts", 0)
    answer(tutor, b, "estrogen", 1)
    store.save(USER, a)
    store.save(USER, b)
    assert store.load(USER).tally == {"osteoclasts": [0, 1], "estrogen": [0, 1]}
    assert len(store.answers(USER)) == 2


def test_a_full_journal_is_written_whole_even_over_a_newer_state(tutor, opener):
    """The journal's bound (JOURNAL_LIMIT) drops nothing a save has not written: a turn holding a full
    journal, saved after another worker's save, writes and replays every one of its answers."""
    store = opener()
    store.save(USER, tutor.new_session())
    a, b = store.load(USER), store.load(USER)
    answer(tutor, a, "osteoclasts", 0)
    store.save(USER, a)
    answer(tutor, b, "estrogen", 1)
    first = b.journal[0]
    for n in range(1, JOURNAL_LIMIT):  # the same item answered again and again, a minute apart
        entry = dict(first, at=(NOW + timedelta(minutes=1 + n)).isoformat())
        apply_answer(b, entry)
        b.record_answer(entry)
    assert len(b.journal) == JOURNAL_LIMIT and b.journal[0] == first
    store.save(USER, b)
    assert b.journal == []
    assert [x["concept"] for x in store.answers(USER)] == ["osteoclasts"] + ["estrogen"] * JOURNAL_LIMIT
    assert opener().load(USER).tally == {"osteoclasts": [0, 1], "estrogen": [0, JOURNAL_LIMIT]}


@pytest.mark.parametrize("kind", ["memory", "sqlite", "postgresql"])
def test_forget_removes_one_learner_and_their_answers(tutor, request, tmp_path, kind):
    """`tutor progress --reset` through any store the tutor ships (a host's own store need not forget)."""
    opener = Opener(kind, request, tmp_path)
    store = opener()
    try:
        for user, topic in ((USER, "osteoclasts"), ("learner-2", "estrogen")):
            session = tutor.new_session()
            answer(tutor, session, topic, 0)
            store.save(user, session)
        assert store.forget(USER) == 1
        assert store.load(USER) is None and store.answers(USER) == [] and store.forget(USER) == 0
        assert [x["concept"] for x in store.answers("learner-2")] == ["estrogen"]
    finally:
        for opened in opener.opened:
            opened.close()


def test_sqlite_store_of_schema_1_is_migrated_and_keeps_its_learners(tutor, tmp_path):
    import json
    import sqlite3

    from tutor.store import _MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old.sqlite3"
    old = tutor.new_session()
    answer(tutor, old, "osteoclasts", 0)
    entry = old.journal[0]
    with sqlite3.connect(path) as db:  # a store as version 1 of the schema wrote it
        for statement in _MIGRATIONS[1]:
            db.execute(statement)
        db.execute("INSERT INTO learners VALUES (?, ?, ?)", (USER, json.dumps(old.to_dict() | {"journal": []}), "then"))
        db.execute("INSERT INTO answers (user_id, item, concept, level, type, correct, hints, rating, at) VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?)", (USER, *(entry[k] for k in ("item", "concept", "level", "type")),
                                                    0, entry["hints"], entry["rating"], entry["at"]))
        db.execute("PRAGMA user_version = 1")
    store = SQLiteStore(path)
    try:
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        loaded = store.load(USER)
        assert loaded.revision == 0 and loaded.tally == old.tally
        assert store.answers(USER) == [{k: v for k, v in entry.items() if k != "guess"}]
        answer(tutor, loaded, "estrogen", 1)
        store.save(USER, loaded)
        assert store.load(USER).revision == 1 and len(store.answers(USER)) == 2
    finally:
        store.close()


def test_cli_keeps_profiles_in_the_store_a_url_names(tmp_path, monkeypatch, capsys):
    import io
    import json

    from tutor.cli import main

    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    quiz = ["quiz", "--topic", "opg", "--count", "1", "--store", url]
    assert main([*quiz, "--profile", "sam"], stdin=io.StringIO("i don't know\n"), stdout=io.StringIO()) == 0
    monkeypatch.setenv("TUTOR_STORE", url)  # the same store through the environment
    report = io.StringIO()
    assert main(["progress", "--json", "--profile", "sam"], stdout=report) == 0
    assert json.loads(report.getvalue())["answered"] == 1
    store = open_store(url)
    try:
        assert [a["concept"] for a in store.answers("sam")] == ["opg"] and store.load("kim") is None
    finally:
        store.close()
    assert main(["progress", "--store", "mysql://x"]) == 1
    assert "not understood" in capsys.readouterr().err


def test_unreachable_postgres_server_is_a_clear_error():
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    from tutor.store import StoreError

    with pytest.raises(StoreError, match="cannot reach the PostgreSQL server at 127.0.0.1:1/nothing") as raised:
        open_store("postgresql://someone:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(raised.value)


def test_postgres_store_from_a_newer_version_is_refused(postgres_url):
    import psycopg

    from tutor.store import SCHEMA_VERSION, StoreError

    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("UPDATE tutor_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer version of the tutor"):
        open_store(postgres_url)


def test_postgres_store_retries_a_serialization_failure(postgres_url):
    import psycopg

    from tutor.pgstore import _RETRIES
    from tutor.store import StoreError

    store = open_store(postgres_url)
    calls = []

    def conflicting(db):
        calls.append(1)
        if len(calls) < 3:
            raise psycopg.errors.SerializationFailure("could not serialize access due to concurrent update")
        return db.execute("SELECT 1").fetchone()[0]

    try:
        assert store._run(conflicting) == 1 and len(calls) == 3

        def always_conflicting(db):
            calls.append(1)
            raise psycopg.errors.SerializationFailure("could not serialize access")

        calls.clear()
        with pytest.raises(StoreError, match="kept refusing"):
            store._run(always_conflicting)
        assert len(calls) == _RETRIES
        assert store.load("nobody") is None  # the connection is still usable
    finally:
        store.close()
