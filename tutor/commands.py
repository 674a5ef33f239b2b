"""Slash commands: one layer for the terminal, pipes and the library.

Each command stands for plain words the dialogue rules already understand ("/topics" is "topics"),
or for an action on the session; `Tutor.respond` reads them, so `/quiz opg 2` does the same in the
terminal, in `echo "/quiz opg 2" | tutor` and in `tutor.respond(session, "/quiz opg 2")`.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Command", "COMMANDS", "parse", "plain_words"]


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    does: str
    words: str  # the plain words it stands for ("" when it acts on the session itself)


COMMANDS: dict[str, Command] = {c.name: c for c in (
    Command("/help", "/help", "what you can ask, and these commands", "help"),
    Command("/topics", "/topics", "the topics, by section", "topics"),
    Command("/level", "/level [fundamentals|intermediate|academic]", "show or set the depth", ""),
    Command("/quiz", "/quiz [topic] [n]", "a quiz, on a topic, of n questions", ""),
    Command("/review", "/review", "a quiz on what is due for review", "review"),
    Command("/progress", "/progress", "mastery, accuracy and reviews due", "how am i doing"),
    Command("/learn", "/learn [topic|section]", "a guided lesson: from the beginning, on a topic, or on a section", ""),
    Command("/glossary", "/glossary [term|letter]", "one-line definitions: all terms, one letter, or one term", ""),
    Command("/source", "/source", "where the last answer comes from in the document, and its cited references",
            "where does the document say that"),
    Command("/why", "/why", "how the last question was read and answered", "why did you say that"),
    Command("/reset", "/reset", "forget this conversation (what you learned is kept)", ""),
    Command("/quit", "/quit", "leave (everything is saved)", "bye"),
)}


def parse(text: str) -> tuple[str, str] | None:
    """("/quiz", "opg 2") for a slash command, None for anything else."""
    if not text.startswith("/"):
        return None
    name, _, argument = text.strip().partition(" ")
    return name.lower(), argument.strip()


def plain_words(name: str, argument: str) -> str | None:
    """The plain words a command stands for, or None when it acts on the session (or is unknown)."""
    command = COMMANDS.get(name)
    if command is None:
        return None
    if command.words:
        return command.words
    build = _WITH_ARGUMENT.get(name)
    return build(argument) if build else None


def _quiz_words(argument: str) -> str:
    """A quiz's topic and count, in either order ("/quiz opg 2", "/quiz 2 opg")."""
    words = argument.split()
    count = next((w for w in words if w.isdigit()), "")
    topic = " ".join(w for w in words if not w.isdigit())
    if topic and count:
        return f"quiz me on {topic} with {count} questions"
    return f"quiz me on {topic}" if topic else f"{count} questions" if count else "quiz me"


def _learn_words(argument: str) -> str:
    return f"teach me about {argument}" if argument else "teach me"


def _glossary_words(argument: str) -> str:
    return f"glossary {argument}" if argument else "glossary"


# the commands whose words depend on what follows them
_WITH_ARGUMENT = {"/quiz": _quiz_words, "/learn": _learn_words, "/glossary": _glossary_words}
