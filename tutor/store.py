"""Keeping learners' sessions between runs.

A store loads and saves a learner's Session by user id. Saving also writes the answers the
session has journaled since the last save, in the same transaction, so an answered quiz item
is on disk as soon as the host saves after the turn. Saving never writes over a state saved by
someone else since the session was loaded: the session's answers are merged into it (see `Store`).
Three stores come with the tutor: an in-memory one, SQLite (WAL mode, a schema version with
migrations) and PostgreSQL (tutor/pgstore.py); docs/store.md describes the contract.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from .errors import TutorError
from .replay import merge_turn
from .session import Session

__all__ = ["Store", "MemoryStore", "SQLiteStore", "open_store", "StoreError", "SCHEMA_VERSION", "state_to_save",
           "after_save", "default_data_dir", "profile_path", "ProfileSummary", "profiles"]

SCHEMA_VERSION = 2
_BUSY_SECONDS = 30  # how long a process waits for another's write lock (a migration, a save) before giving up
_PROFILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class StoreError(TutorError):
    """The learner store cannot be used (unreadable, from a newer version, not writable)."""


class Store(Protocol):
    """What the tutor needs from a store; a host bot with its own database implements these two methods.

    The contract (every store of the tutor keeps it, and tests/test_store_contract.py checks it):
    - `load` returns the learner's last saved session, or None; `session.revision` says which save it was.
    - `save` writes the session and the answers in `session.journal` at once (one transaction), never over a
      state newer than the one the session was loaded from: when another save came in between, the session's
      journaled answers are replayed into that newer state (`state_to_save` does it), so no answer is lost and
      the learner comes out as if the turns had run one after another.
    - After a save, the session is the state that was written (merged, if it had to be) with the next revision
      and an empty journal (`after_save`); a save that fails leaves the journal as it was, to be written later.
    Reading the stored state and writing the new one must not let another save slip in between: hold a row lock,
    a transaction with a version check, or a lock of your own around the two.
    """

    def load(self, user_id: str) -> Session | None: ...

    def save(self, user_id: str, session: Session) -> None: ...


def state_to_save(stored: dict[str, Any] | None, session: Session) -> dict[str, Any]:
    """The JSON-safe state to write for `session` over `stored` (the learner's saved state, or None): the session
    itself when nobody saved since it was loaded, else the stored state with the session's journaled answers
    replayed into it (tutor/replay.py). Its revision is the stored one plus one; its journal is empty, because
    the answers go to the store's own record of answers in the same write."""
    current = int(stored.get("revision", 0)) if stored else 0
    chosen = session
    if stored is not None and session.revision != current:
        chosen = merge_turn(Session.from_dict(stored), session)
    data = chosen.to_dict()
    data["journal"] = []
    data["revision"] = current + 1
    return data


def after_save(session: Session, written: dict[str, Any]) -> None:
    """Once `written` is committed, the caller's session becomes it: the merged state, the new revision, no journal."""
    fresh = Session.from_dict(written)
    for name in vars(fresh):
        setattr(session, name, getattr(fresh, name))


class MemoryStore:
    """Sessions kept in memory (as JSON-safe dicts, so nothing is shared with the caller)."""

    def __init__(self) -> None:
        self._sessions: dict[str, dict[str, Any]] = {}
        self._answers: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def load(self, user_id: str) -> Session | None:
        with self._lock:
            data = self._sessions.get(user_id)
        return Session.from_dict(data) if data else None

    def save(self, user_id: str, session: Session) -> None:
        with self._lock:
            data = json.loads(json.dumps(state_to_save(self._sessions.get(user_id), session)))
            self._answers.setdefault(user_id, []).extend(json.loads(json.dumps(session.journal)))
            self._sessions[user_id] = data
        after_save(session, data)

    def answers(self, user_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._answers.get(user_id, []))

    def close(self) -> None:
        """Nothing to release; here so that every store can be closed alike."""

    def forget(self, user_id: str) -> int:
        """Forget a learner's session and answers; returns how many answers."""
        with self._lock:
            self._sessions.pop(user_id, None)
            return len(self._answers.pop(user_id, []))


def default_data_dir() -> Path:
    """$XDG_DATA_HOME/bone-tutor, or ~/.local/share/bone-tutor."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "bone-tutor"


def profile_path(data_dir: Path, profile: str) -> Path:
    """The store file of a profile; a name that could leave the data directory is refused."""
    if not _PROFILE.match(profile or ""):
        raise StoreError(f"profile name {profile!r} is not allowed: use letters, digits, '-' and '_' (at most 64)")
    return Path(data_dir) / f"{profile}.sqlite3"


@dataclass(frozen=True)
class ProfileSummary:
    """One profile of a data folder: how many answers it holds and when it was last saved (ISO, UTC)."""

    name: str
    path: Path
    answers: int | None  # None when the file could not be read
    last_used: str | None
    problem: str = ""


def profiles(data_dir: Path) -> list[ProfileSummary]:
    """Every profile in a data folder, by name. Files are only read (never migrated, repaired or set aside)."""
    folder = Path(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.sqlite3")):
        if _PROFILE.match(path.stem):
            found.append(_summary(path))
    return found


def _summary(path: Path) -> ProfileSummary:
    db = None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        answers = db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        last = db.execute("SELECT MAX(updated_at) FROM learners").fetchone()[0]
        return ProfileSummary(path.stem, path, int(answers), last)
    except sqlite3.Error as err:
        return ProfileSummary(path.stem, path, None, None, f"cannot be read: {err}")
    finally:
        _close(db)


# Schema version -> the statements that bring a store from the version before to it.
# A new version appends an entry; stores are migrated in order when opened.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE learners (user_id TEXT PRIMARY KEY, session TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE TABLE answers (id INTEGER PRIMARY KEY, user_id TEXT NOT NULL, item TEXT NOT NULL, concept TEXT NOT NULL, "
        "level TEXT NOT NULL, type TEXT NOT NULL, correct INTEGER NOT NULL, hints INTEGER NOT NULL, rating TEXT NOT NULL, "
        "at TEXT NOT NULL)",
        "CREATE INDEX answers_by_user ON answers (user_id, concept)",
    ),
    2: (  # saves check the revision they loaded; answers keep what a replay needs
        "ALTER TABLE learners ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE answers ADD COLUMN guess REAL",
    ),
}


class SQLiteStore:
    """Learners in one SQLite file. A corrupt file is moved aside (never overwritten); one from a newer
    version of the tutor is left alone and refused. `notice` says what happened, for the user."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.notice = ""
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the data folder {self.path.parent}: {err.strerror or err}") from err
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = None
        try:
            db = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, check_same_thread=False, isolation_level=None)
            # read before any write (switching to WAL rewrites the header of a file we may have to leave alone)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            health = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.OperationalError as err:
            # locked by another program, an I/O error, no permission: the file may be fine, so it stays where it is
            _close(db)
            raise StoreError(f"cannot open {self.path}: {err}") from err
        except sqlite3.DatabaseError as err:
            _close(db)
            return self._set_aside(str(err))
        if health != "ok":
            _close(db)
            return self._set_aside(f"damaged: {health}")
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(_newer_schema(self.path, version))
        _tune(db)
        self._migrate(db, version)
        return db

    def _connect(self) -> sqlite3.Connection:
        return _tune(sqlite3.connect(self.path, timeout=_BUSY_SECONDS, check_same_thread=False, isolation_level=None))

    def _set_aside(self, reason: str) -> sqlite3.Connection:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                part = Path(str(self.path) + suffix)
                if part.exists():
                    part.rename(Path(str(aside) + suffix))
        except OSError as err:
            raise StoreError(f"{self.path} cannot be read ({reason}) and cannot be moved aside ({err.strerror or err}); "
                             "it was left as it is. Use another --profile or --data-dir.") from err
        self.notice = (f"Your progress file {self.path} could not be read ({reason}); it was kept as {aside} "
                       f"and a new one was started.")
        db = self._connect()
        self._migrate(db, 0)
        return db

    def _migrate(self, db: sqlite3.Connection, version: int) -> None:
        """Bring the schema up to date in one exclusive transaction. `version` was read without a lock: another
        process may have migrated since, so it is read again once the write lock is held."""
        if version == SCHEMA_VERSION:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(_newer_schema(self.path, version))
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[target]:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except sqlite3.Error as err:
            _rollback(db)
            raise StoreError(f"cannot prepare {self.path}: {err}") from err
        except StoreError:
            _rollback(db)
            raise

    def load(self, user_id: str) -> Session | None:
        try:
            with self._lock:
                row = self._db.execute("SELECT session, revision FROM learners WHERE user_id = ?", (user_id,)).fetchone()
        except sqlite3.Error as err:
            raise StoreError(f"could not read progress from {self.path}: {err}") from err
        return Session.from_dict(_stored(row)) if row else None

    def save(self, user_id: str, session: Session) -> None:
        """Write the session and its journaled answers in one transaction, over the revision it was loaded from
        (merging into a newer one); the journal is emptied only once written."""
        rows = [_answer_row(user_id, a) for a in session.journal]
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")  # the write lock: no other save between the read and the write
                row = self._db.execute("SELECT session, revision FROM learners WHERE user_id = ?", (user_id,)).fetchone()
                data = state_to_save(_stored(row) if row else None, session)
                self._db.executemany(f"INSERT INTO answers ({', '.join(ANSWER_FIELDS)}, user_id) "
                                     f"VALUES ({', '.join('?' * (len(ANSWER_FIELDS) + 1))})", rows)
                self._db.execute("INSERT INTO learners (user_id, session, updated_at, revision) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT(user_id) DO UPDATE SET session = excluded.session, "
                                 "updated_at = excluded.updated_at, revision = excluded.revision",
                                 (user_id, json.dumps(data), datetime.now(timezone.utc).isoformat(), data["revision"]))
                self._db.execute("COMMIT")
            except (sqlite3.Error, TutorError) as err:
                _rollback(self._db)
                raise StoreError(f"could not save progress to {self.path}: {err}") from err
        after_save(session, data)

    def answers(self, user_id: str) -> list[dict[str, Any]]:
        """Every answer written for the learner, in the order the saves applied them."""
        try:
            with self._lock:
                rows = self._db.execute(f"SELECT {', '.join(ANSWER_FIELDS)} FROM answers WHERE user_id = ? ORDER BY id",
                                        (user_id,)).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"could not read progress from {self.path}: {err}") from err
        return [answer_from_row(row) for row in rows]

    def forget(self, user_id: str) -> int:
        """Forget a learner: their session and every answer they gave, in one transaction; returns how many answers."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                removed = self._db.execute("DELETE FROM answers WHERE user_id = ?", (user_id,)).rowcount
                self._db.execute("DELETE FROM learners WHERE user_id = ?", (user_id,))
                self._db.execute("COMMIT")
            except sqlite3.Error as err:
                _rollback(self._db)
                raise StoreError(f"could not forget the progress in {self.path}: {err}") from err
        return removed

    def close(self) -> None:
        with self._lock:
            self._db.close()


ANSWER_FIELDS = ("item", "concept", "level", "type", "correct", "hints", "rating", "at", "guess")


def _answer_row(user_id: str, entry: dict[str, Any]) -> tuple:
    values = {**entry, "correct": int(entry["correct"]), "hints": int(entry["hints"]), "guess": entry.get("guess")}
    return (*(values[name] for name in ANSWER_FIELDS), user_id)


def answer_from_row(row: tuple) -> dict[str, Any]:
    """A row of ANSWER_FIELDS as a journal entry."""
    entry = dict(zip(ANSWER_FIELDS, row))
    entry["correct"] = bool(entry["correct"])
    if entry["guess"] is None:
        del entry["guess"]  # answered before entries carried it
    return entry


def _stored(row: tuple) -> dict[str, Any]:
    """A learners row (session JSON, revision) as the session's dict."""
    data = json.loads(row[0])
    data["revision"] = row[1]
    return data


def open_store(url: str) -> "Store":
    """The store a URL names: `sqlite:///path/file.sqlite3` (a relative path after `sqlite:///`, an absolute one after
    `sqlite:////`), `postgresql://user@host/db` (the `postgres` extra), or `memory:` (nothing kept)."""
    scheme, _, rest = (url or "").partition(":")
    if scheme == "memory":
        return MemoryStore()
    if scheme == "sqlite" and rest.startswith("///") and len(rest) > 3:
        return SQLiteStore(rest[3:])
    if scheme in ("postgresql", "postgres"):
        from .pgstore import PostgresStore

        return PostgresStore(url)
    raise StoreError(f"store {url!r} is not understood: use sqlite:///path, postgresql://... or memory:")


def _newer_schema(where: object, version: int) -> str:
    return (f"{where} was written by a newer version of the tutor (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); it was left untouched. Upgrade the tutor, or use another --profile.")


def _tune(db: sqlite3.Connection) -> sqlite3.Connection:
    try:
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            _switch_to_wal(db)
        db.execute("PRAGMA synchronous=FULL")  # an answered item survives a crash once saved
    except sqlite3.Error as err:
        raise StoreError(f"cannot use the progress file: {err}") from err
    return db


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """Switch a new file to WAL. The switch takes no notice of the busy timeout, and processes opening a new file
    together collide on it, so a locked file is tried again for as long as a busy write would be waited for."""
    deadline = time.monotonic() + _BUSY_SECONDS
    pause = 0.01
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        try:
            db.close()
        except sqlite3.Error:
            pass


def _rollback(db: sqlite3.Connection) -> None:
    try:
        if db.in_transaction:
            db.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # the connection is gone; nothing was committed
