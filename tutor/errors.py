"""Typed exceptions of the tutor library.

The library raises these; only the command-line edge turns them into
friendly words.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "TutorError", "ContentError", "SessionError", "SessionWarning", "UnknownConceptError", "UnknownLevelError"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, with where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class TutorError(Exception):
    """Base class of every error the tutor library raises."""


class ContentError(TutorError):
    """A knowledge or dialogue pack has problems; `problems` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        self.path = first.path if first else ""
        self.line = first.line if first else 0
        super().__init__("\n".join(str(p) for p in self.problems) or "content error")


class SessionError(TutorError):
    """A session dict could not be restored (wrong shape or newer version)."""


class SessionWarning(UserWarning):
    """A restored session named concepts or quiz items the loaded pack does not have; they were dropped.

    `dropped` lists their ids. A session saved with an older pack still loads: what it learned about the
    concepts that remain is kept."""

    def __init__(self, dropped: list[str]) -> None:
        self.dropped = list(dropped)
        super().__init__(f"the session named {len(self.dropped)} id(s) this pack does not have, now dropped: "
                         f"{', '.join(self.dropped)}")


class UnknownConceptError(TutorError, KeyError):
    """No concept has that id (or title, or alias); `suggestions` holds the titles of close ones."""

    suggestions: list[str] = []

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown concept"


class QuizCountError(TutorError, ValueError):
    """A quiz was asked for with a count outside 1 to 50."""


class UnknownLevelError(TutorError, ValueError):
    """The depth is not fundamentals, intermediate or academic."""
