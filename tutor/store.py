"""Keeping learners' sessions between runs.

A store loads and saves a learner's Session by user id. Saving also writes the answers the
session has journaled since the last save, in the same transaction, so an answered quiz item
is on disk as soon as the host saves after the turn. Two stores come with the tutor: an
in-memory one and SQLite (WAL mode, a schema version with migrations).
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from .errors import TutorError
from .session import Session

__all__ = ["Store", "MemoryStore", "SQLiteStore", "StoreError", "SCHEMA_VERSION", "default_data_dir", "profile_path",
           "ProfileSummary", "profiles"]

SCHEMA_VERSION = 1
_PROFILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class StoreError(TutorError):
    """The learner store cannot be used (unreadable, from a newer version, not writable)."""


class Store(Protocol):
    """What the tutor needs from a store; a host bot with its own database implements these two methods."""

    def load(self, user_id: str) -> Session | None: ...

    def save(self, user_id: str, session: Session) -> None: ...


class MemoryStore:
    """Sessions kept in memory (as JSON-safe dicts, so nothing is shared with the caller)."""

    def __init__(self) -> None:
        self._sessions: dict[str, dict[str, Any]] = {}
        self._answers: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def load(self, user_id: str) -> Session | None:
        with self._lock:
            data = self._sessions.get(user_id)
        return Session.from_dict(data) if data else None

    def save(self, user_id: str, session: Session) -> None:
        with self._lock:
            self._answers.extend({"user_id": user_id, **entry} for entry in session.drain_journal())
            self._sessions[user_id] = json.loads(json.dumps(session.to_dict()))

    def answers(self, user_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [a for a in self._answers if a["user_id"] == user_id]

    def forget(self, user_id: str) -> int:
        """Forget a learner's session and answers; returns how many answers."""
        with self._lock:
            before = len(self._answers)
            self._answers = [a for a in self._answers if a["user_id"] != user_id]
            self._sessions.pop(user_id, None)
            return before - len(self._answers)


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
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
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
            raise StoreError(f"{self.path} was written by a newer version of the tutor (schema {version}, this one reads "
                             f"up to {SCHEMA_VERSION}); it was left untouched. Upgrade the tutor, or use another --profile.")
        _tune(db)
        self._migrate(db, version)
        return db

    def _connect(self) -> sqlite3.Connection:
        return _tune(sqlite3.connect(self.path, check_same_thread=False, isolation_level=None))

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
        for target in range(version + 1, SCHEMA_VERSION + 1):
            try:
                db.execute("BEGIN IMMEDIATE")
                for statement in _MIGRATIONS[target]:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")
                db.execute("COMMIT")
            except sqlite3.Error as err:
                _rollback(db)
                raise StoreError(f"cannot prepare {self.path}: {err}") from err

    def load(self, user_id: str) -> Session | None:
        try:
            with self._lock:
                row = self._db.execute("SELECT session FROM learners WHERE user_id = ?", (user_id,)).fetchone()
        except sqlite3.Error as err:
            raise StoreError(f"could not read progress from {self.path}: {err}") from err
        return Session.from_dict(json.loads(row[0])) if row else None

    def save(self, user_id: str, session: Session) -> None:
        """Write the session and its journaled answers in one transaction; the journal is emptied only once written."""
        data = session.to_dict()
        data["journal"] = []
        rows = [(user_id, a["item"], a["concept"], a["level"], a["type"], int(a["correct"]), int(a["hints"]), a["rating"], a["at"])
                for a in session.journal]
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT INTO answers (user_id, item, concept, level, type, correct, hints, rating, at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                self._db.execute("INSERT INTO learners (user_id, session, updated_at) VALUES (?, ?, ?) "
                                 "ON CONFLICT(user_id) DO UPDATE SET session = excluded.session, updated_at = excluded.updated_at",
                                 (user_id, json.dumps(data), datetime.now(timezone.utc).isoformat()))
                self._db.execute("COMMIT")
            except sqlite3.Error as err:
                _rollback(self._db)
                raise StoreError(f"could not save progress to {self.path}: {err}") from err
        session.journal = []

    def answers(self, user_id: str) -> list[dict[str, Any]]:
        try:
            with self._lock:
                rows = self._db.execute("SELECT item, concept, level, type, correct, hints, rating, at FROM answers "
                                        "WHERE user_id = ? ORDER BY id", (user_id,)).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"could not read progress from {self.path}: {err}") from err
        keys = ("item", "concept", "level", "type", "correct", "hints", "rating", "at")
        return [dict(zip(keys, row)) | {"correct": bool(row[4])} for row in rows]

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


def _tune(db: sqlite3.Connection) -> sqlite3.Connection:
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")  # an answered item survives a crash once saved
    except sqlite3.Error as err:
        raise StoreError(f"cannot use the progress file: {err}") from err
    return db


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
