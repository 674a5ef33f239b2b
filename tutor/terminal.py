"""The interactive terminal chat, on prompt_toolkit. Only the command line imports this module."""
from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Callable, Iterable

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.output import ColorDepth
from prompt_toolkit.styles import Style

from .engine import Tutor
from .errors import TutorError
from .matcher import short_title
from .model import LEVELS, SECTIONS
from .commands import COMMANDS
from .reply import Reply
from .session import Session
from .store import Store

__all__ = ["TerminalChat", "SLASH_COMMANDS", "STYLE", "TutorCompleter"]

# Every style of the chat, in one place.
STYLE = Style.from_dict({
    "banner": "bold", "depth": "#5f87af bold", "answer": "", "chat": "", "right": "#00af00 bold", "wrong": "#d70000 bold",
    "hint": "#d7af00", "quiz": "#87afd7", "safety": "#d78700", "unknown": "#8a8a8a", "suggest": "#8a8a8a italic",
    "notice": "#d78700", "error": "#d70000", "prompt": "bold", "bottom-toolbar": "noreverse bg:#303030 #d0d0d0",
    "lesson": "",
})

_PLAIN = Style([])

# slash command -> what it does (the commands themselves are the library's: tutor/commands.py)
SLASH_COMMANDS: dict[str, str] = {name: command.does for name, command in COMMANDS.items()}


class TutorCompleter(Completer):
    """Completes slash commands, their arguments, and concept names and aliases."""

    def __init__(self, tutor: Tutor) -> None:
        names = {n for c in tutor.kb.concepts.values() if not c.parent for n in (short_title(c), c.title, *c.aliases)}
        self._names = sorted(names, key=str.lower)
        self._ids = [c.id for c in tutor.kb.concepts.values() if not c.parent]
        sections = [s for s in SECTIONS if any(c.section == s for c in tutor.kb.concepts.values())]
        self._learn = sections + self._ids  # /learn takes a section or a topic
        self._terms = sorted({e.term for e in tutor.kb.glossary.values()}, key=str.lower)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        text = document.text_before_cursor
        if text.startswith("/"):
            yield from self._slash(text)
            return
        words = text.split(" ")
        for back in range(min(3, len(words)), 0, -1):
            fragment = " ".join(words[-back:])
            if len(fragment.strip()) < 2:
                continue
            hits = [n for n in self._names if n.lower().startswith(fragment.lower()) and n.lower() != fragment.lower()]
            if hits:
                for name in hits[:20]:
                    yield Completion(name, start_position=-len(fragment))
                return

    def _slash(self, text: str) -> Iterable[Completion]:
        command, _, argument = text.partition(" ")
        if not _:
            for name, meaning in SLASH_COMMANDS.items():
                if name.startswith(command):
                    yield Completion(name, start_position=-len(command), display_meta=meaning)
            return
        options = {"/level": LEVELS, "/quiz": self._ids, "/learn": self._learn, "/glossary": self._terms}.get(command, ())
        for option in options:
            if option.lower().startswith(argument.lower()):
                yield Completion(option, start_position=-len(argument))


class TerminalChat:
    """The chat loop: never crashes on a turn, saves after every turn and when the terminal closes."""

    def __init__(self, tutor: Tutor, store: Store, session: Session, user: str, *, history: History | None = None,
                 input=None, output=None, color: bool | None = None, width: int | None = None) -> None:
        self.tutor, self.store, self.session, self.user = tutor, store, session, user
        self.color = (os.environ.get("NO_COLOR", "") == "") if color is None else color
        self._width = width
        self.shown: list[str] = []  # the plain text of everything printed, for tests and logs
        self.prompt = PromptSession(
            history=history or InMemoryHistory(), auto_suggest=AutoSuggestFromHistory(), completer=TutorCompleter(tutor),
            complete_while_typing=False, bottom_toolbar=self._toolbar, style=STYLE if self.color else _PLAIN,
            color_depth=None if self.color else ColorDepth.MONOCHROME, input=input, output=output,
            include_default_pygments_style=False,
        )

    # --- the loop -----------------------------------------------------------------------------
    def run(self, opening: Reply | None = None, quiz: bool = False) -> int:
        """The chat; with `quiz`, `tutor quiz`: it shows `opening` (the first question) and ends with the quiz,
        and Ctrl-C or Ctrl-D stop the quiz with its summary. Everything is saved either way."""
        previous = _on_hangup(self._save)
        try:
            self._show([("class:banner", self._banner())])
            first = opening or self.tutor.resume(self.session)  # a quiz left open (even by kill -9): its question first
            if first is not None:
                self._save()
                self._print_reply(first)
            self._loop(quiz)
            return 0
        finally:
            self._save()
            _on_hangup(previous)

    def _loop(self, quiz: bool) -> None:
        while not (quiz and self.session.quiz is None):
            try:
                text = self.prompt.prompt([("class:prompt", "you> ")])
            except KeyboardInterrupt:
                if quiz:  # Ctrl-C in `tutor quiz`: stop with the summary
                    self._turn("stop")
                    return
                continue  # Ctrl-C clears the line
            except EOFError:
                if quiz and self.session.quiz is not None:
                    self._turn("stop")
                    return
                break
            if not self._turns(text):
                return
        if not quiz:
            self._show([("class:chat", "Goodbye. Your progress is saved.")])

    def _turns(self, text: str) -> bool:
        """Each line of a paste is its own turn; False when the learner leaves."""
        for line in (part.strip() for part in text.splitlines()):
            if line and not self._turn(line):
                return False
        return True

    def _turn(self, line: str) -> bool:
        try:
            reply = self.tutor.respond(self.session, line)  # slash commands too: the library reads them
            self._save()
            self._print_reply(reply)
            if line.split(" ")[0].lower() == "/progress":  # the terminal adds the table by section
                from .progress import render_progress

                from .review import utcnow

                now = utcnow()
                self._show([("class:chat", render_progress(self.tutor.progress(self.session, now), now))], wrap=False)
            if reply.intent == "goodbye":
                self._show([("class:notice", "Your progress is saved.")])
                return False
            return True
        except TutorError as err:
            self._show([("class:error", f"Sorry, that went wrong: {err}")])
        except Exception as err:  # noqa: BLE001 - the loop must survive anything one turn does
            self._show([("class:error", f"Sorry, something went wrong with that message ({type(err).__name__}). "
                                        "Your progress is safe; try again or ask something else.")])
        return True

    # --- output ----------------------------------------------------------------------------------
    def _print_reply(self, reply: Reply) -> None:
        style = _style_for(reply)
        parts: list[tuple[str, str]] = []
        if reply.kind == "answer":
            parts.append(("class:depth", f"[{reply.level}]"))
        parts.append((style, reply.text))
        self._show(parts)
        hints = [s for s in reply.suggestions if s not in ("hint", "skip", "stop")][:3]
        if hints and reply.kind in ("answer", "unknown", "clarify"):
            self._show([("class:suggest", "Try: " + " \u00b7 ".join(hints))])

    def _show(self, parts: list[tuple[str, str]], wrap: bool = True) -> None:
        width = self._width or _columns(self.prompt.output)
        self.shown.append("".join(t for _, t in _wrapped(parts, 10**6)))
        if wrap:
            parts = _wrapped(parts, width)
        if not self.color:
            parts = [("", t) for _, t in parts]
        print_formatted_text(FormattedText(parts), style=STYLE if self.color else _PLAIN, output=self.prompt.output,
                             color_depth=None if self.color else ColorDepth.MONOCHROME)

    def _banner(self) -> str:
        messages = self.tutor.rules.messages
        lines = [f"{messages.get('tutor_name', 'Tutor')}: {messages.get('tutor_subject', 'one document')}.",
                 "Educational only; not medical advice. Type a question, /help for commands, Ctrl-D to leave.",
                 f"Depth: {self._depth()}."]
        due = self.tutor.due_greeting(self.session)
        if due:
            lines.append(due)
        return "\n".join(lines)

    def _toolbar(self) -> str:
        quiz, lesson = self.session.quiz, self.session.lesson
        parts = [f" depth: {self._depth()}"]
        if lesson and lesson["stage"] != "done" and not lesson.get("paused"):
            step = min(lesson["step"], len(lesson["path"]) - 1)
            title = short_title(self.tutor.kb.concepts[lesson["path"][step]])
            check = ", check question" if lesson["stage"] == "check" else ""
            parts.append(f"lesson: step {step + 1} of {len(lesson['path'])} ({title}{check})")
        elif quiz:
            right = sum(1 for r in quiz.results if r["first_correct"])
            parts.append(f"quiz: {right}/{len(quiz.results)} right, question {quiz.index + 1} of {len(quiz.items)}")
        parts.append(f"due: {len(self.tutor.due(self.session))}")
        return " \u2502 ".join(parts) + " "

    def _depth(self) -> str:
        return self.session.override or self.session.level

    def _save(self) -> None:
        try:
            self.store.save(self.user, self.session)
        except TutorError as err:
            self.shown.append(str(err))
            print_formatted_text(FormattedText([("class:error", f"Could not save progress: {err}")]), style=STYLE,
                                 output=self.prompt.output)


def _style_for(reply: Reply) -> str:
    if reply.kind == "quiz":
        event = reply.data.get("event")
        outcome = reply.data.get("outcome") or {}
        if event == "hint":
            return "class:hint"
        if outcome.get("first_correct") or outcome.get("correct"):
            return "class:right"
        if event == "wrong" or outcome.get("correct") is False or outcome.get("outcome") in ("wrong", "revealed"):
            return "class:wrong"
        return "class:quiz"
    return f"class:{reply.kind}"


def _columns(output) -> int:
    try:
        return max(40, min(120, output.get_size().columns))
    except Exception:  # noqa: BLE001 - a dummy or closed output has no size
        return 80


def _wrapped(parts: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Wrap the text to the width, keeping each part's style (parts are only split at spaces)."""
    out: list[tuple[str, str]] = []
    column = 0
    for style, text in parts:
        pieces = []
        for i, line in enumerate(text.split("\n")):
            if i:
                pieces.append("\n")
                column = 0
            indent = line[: len(line) - len(line.lstrip(" "))]
            if indent:
                pieces.append(indent)
                column += len(indent)
            for word in (w for w in line.split(" ") if w):
                if column > len(indent) and column + 1 + len(word) > width:
                    pieces.append("\n")
                    column = 0
                elif column > len(indent):
                    pieces.append(" ")
                    column += 1
                pieces.append(word)
                column += len(word)
        out.append((style, "".join(pieces)))
    return out


def history_for(data_dir: Path, profile: str) -> History:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        return FileHistory(str(data_dir / f"{profile}.history"))
    except OSError:
        return InMemoryHistory()


def _on_hangup(handler: Callable[[], None] | object) -> object:
    """Save when the terminal closes (SIGHUP); returns the previous handler to restore."""
    if not hasattr(signal, "SIGHUP"):
        return None
    if callable(handler) and not isinstance(handler, int):
        def hangup(signum, frame):  # noqa: ARG001
            handler()
            raise SystemExit(129)
        return signal.signal(signal.SIGHUP, hangup)
    return signal.signal(signal.SIGHUP, handler if handler is not None else signal.SIG_DFL)
