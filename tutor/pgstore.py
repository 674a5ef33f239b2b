"""Learners in PostgreSQL (psycopg 3), for a bot whose workers run on several hosts.

The same contract as SQLiteStore (see `Store` in tutor/store.py): a save writes the session and its
journaled answers in one transaction, over the revision it was loaded from, and replays the
journal into a newer state instead of writing over it. Saves of one learner are kept apart by a
transaction-scoped advisory lock on the learner, so a first save of a new learner is covered too;
a serialization failure or deadlock (under a stricter default isolation) retries the transaction.
Migrations run under an advisory lock, and the schema version is read once it is held.

Install with `pip install 'bone-tutor[postgres]'`.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, TypeVar

from .store import ANSWER_FIELDS, SCHEMA_VERSION, StoreError, _newer_schema, after_save, answer_from_row, _answer_row, \
    state_to_save
from .session import Session

__all__ = ["PostgresStore"]

_LOCK_CLASS = 0x70BE  # the first key of the tutor's advisory locks (the second: 0 for migrations, a learner's hash)
_RETRIES = 5
_T = TypeVar("_T")

# Schema version -> statements, as for SQLite (tutor/store.py), in PostgreSQL's words.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE tutor_learners (user_id TEXT PRIMARY KEY, session JSONB NOT NULL, updated_at TIMESTAMPTZ NOT NULL)",
        "CREATE TABLE tutor_answers (id BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, item TEXT NOT NULL, "
        "concept TEXT NOT NULL, level TEXT NOT NULL, type TEXT NOT NULL, correct BOOLEAN NOT NULL, hints INTEGER NOT NULL, "
        "rating TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX tutor_answers_by_user ON tutor_answers (user_id, concept)",
    ),
    2: (
        "ALTER TABLE tutor_learners ADD COLUMN revision BIGINT NOT NULL DEFAULT 0",
        "ALTER TABLE tutor_answers ADD COLUMN guess DOUBLE PRECISION",
    ),
}


def _psycopg():
    try:
        import psycopg
    except ImportError as err:
        raise StoreError("a PostgreSQL store needs psycopg 3: pip install 'bone-tutor[postgres]'") from err
    return psycopg


class PostgresStore:
    """Learners in a PostgreSQL database named by a URL (postgresql://user:password@host:port/dbname)."""

    def __init__(self, url: str, *, connect_timeout: int = 10) -> None:
        self._psycopg = _psycopg()
        self.url = url
        self.notice = ""
        self._timeout = connect_timeout
        self._lock = threading.Lock()
        self._db = None
        self._where = _describe(self._psycopg, url)
        with self._lock:
            self._run(self._migrate)

    # --- connection and transactions ---------------------------------------------------------------
    def _connection(self):
        if self._db is None or self._db.closed or self._db.broken:
            try:
                self._db = self._psycopg.connect(self.url, autocommit=True, connect_timeout=self._timeout)
                # each statement sees what was committed before it, so the read after the learner's lock is current
                # whatever the database's default isolation
                self._db.isolation_level = self._psycopg.IsolationLevel.READ_COMMITTED
            except self._psycopg.Error as err:
                raise StoreError(f"cannot reach the PostgreSQL server at {self._where}: {_first_line(err)}") from err
        return self._db

    def _run(self, work: Callable[[Any], _T]) -> _T:
        """`work(connection)` in one transaction, tried again on a serialization failure or a deadlock."""
        errors = self._psycopg.errors
        for attempt in range(_RETRIES):
            db = self._connection()
            try:
                with db.transaction():
                    return work(db)
            except (errors.SerializationFailure, errors.DeadlockDetected) as err:
                if attempt == _RETRIES - 1:
                    raise StoreError(f"PostgreSQL at {self._where} kept refusing the transaction: {_first_line(err)}") from err
                time.sleep(0.01 * 2 ** attempt)
            except self._psycopg.OperationalError as err:
                raise StoreError(f"lost the PostgreSQL server at {self._where}: {_first_line(err)}") from err
            except self._psycopg.Error as err:
                raise StoreError(f"PostgreSQL at {self._where} refused: {_first_line(err)}") from err
        raise AssertionError("unreachable")

    def _migrate(self, db) -> None:
        db.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_LOCK_CLASS,))  # one migration at a time ...
        db.execute("CREATE TABLE IF NOT EXISTS tutor_schema (version INTEGER NOT NULL)")
        row = db.execute("SELECT version FROM tutor_schema").fetchone()  # ... and the version read under the lock
        version = row[0] if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(_newer_schema(f"the PostgreSQL database at {self._where}", version))
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target]:
                db.execute(statement)
        if row is None:
            db.execute("INSERT INTO tutor_schema (version) VALUES (%s)", (SCHEMA_VERSION,))
        elif version != SCHEMA_VERSION:
            db.execute("UPDATE tutor_schema SET version = %s", (SCHEMA_VERSION,))

    # --- the Store protocol ----------------------------------------------------------------------------
    def load(self, user_id: str) -> Session | None:
        def read(db):
            return db.execute("SELECT session, revision FROM tutor_learners WHERE user_id = %s", (user_id,)).fetchone()

        with self._lock:
            row = self._run(read)
        return Session.from_dict(row[0] | {"revision": row[1]}) if row else None

    def save(self, user_id: str, session: Session) -> None:
        """The session and its journaled answers in one transaction, over the revision it was loaded from."""
        from psycopg.types.json import Jsonb

        rows = [_answer_row(user_id, a) for a in session.journal]
        columns = f"{', '.join(ANSWER_FIELDS)}, user_id"
        placeholders = ", ".join(["%s"] * (len(ANSWER_FIELDS) + 1))

        def write(db) -> dict[str, Any]:
            db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_CLASS, user_id))
            row = db.execute("SELECT session, revision FROM tutor_learners WHERE user_id = %s", (user_id,)).fetchone()
            data = state_to_save(row[0] | {"revision": row[1]} if row else None, session)
            with db.cursor() as cursor:
                cursor.executemany(f"INSERT INTO tutor_answers ({columns}) VALUES ({placeholders})",
                                   [(*r[:4], bool(r[4]), *r[5:]) for r in rows])
            db.execute("INSERT INTO tutor_learners (user_id, session, updated_at, revision) VALUES (%s, %s, now(), %s) "
                       "ON CONFLICT (user_id) DO UPDATE SET session = excluded.session, updated_at = excluded.updated_at, "
                       "revision = excluded.revision", (user_id, Jsonb(data), data["revision"]))
            return data

        with self._lock:
            data = self._run(write)
        after_save(session, data)

    def answers(self, user_id: str) -> list[dict[str, Any]]:
        """Every answer written for the learner, in the order the saves applied them."""
        def read(db):
            return db.execute(f"SELECT {', '.join(ANSWER_FIELDS)} FROM tutor_answers WHERE user_id = %s ORDER BY id",
                              (user_id,)).fetchall()

        with self._lock:
            rows = self._run(read)
        return [answer_from_row(tuple(row)) for row in rows]

    def forget(self, user_id: str) -> int:
        """Forget a learner: their session and every answer they gave, in one transaction; returns how many answers."""
        def delete(db) -> int:
            db.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_CLASS, user_id))
            removed = db.execute("DELETE FROM tutor_answers WHERE user_id = %s", (user_id,)).rowcount
            db.execute("DELETE FROM tutor_learners WHERE user_id = %s", (user_id,))
            return removed

        with self._lock:
            return self._run(delete)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()


def _describe(psycopg, url: str) -> str:
    """host:port/dbname of a URL, for messages (never the password)."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as err:
        raise StoreError(f"the PostgreSQL URL is not understood: {_first_line(err)}") from err
    return f"{parts.get('host') or 'localhost'}:{parts.get('port') or 5432}/{parts.get('dbname') or parts.get('user') or ''}"


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
