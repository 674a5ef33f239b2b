"""A chat bot serving several learners at once with one Tutor: a worked example of docs/api.md.

    python examples/async_bot.py [sessions.json]

What it shows:
- one read-only `Tutor` shared by every learner; one `Session` per learner, never shared;
- turns of one learner handled in order (one queue per learner), learners served concurrently
  (`Tutor.respond` runs in worker threads, so a slow turn does not hold up the others);
- sessions kept as JSON by the host itself (`JsonStore`: a dict, written to a JSON file when given
  one), through the two methods of the `tutor.store.Store` protocol, with the answers of each turn
  (`session.drain_journal()`) saved as reviews by the same `save`;
- buttons built from the reply's data: a quiz question's options from `reply.data["options"]`,
  true/false for a `tf` item, the two concepts of a "did you mean A or B?" from `reply.suggestions`.

The chat transport is simulated (`FakeChat`): no network. A real bot replaces it with its platform's
client: receive (user id, text) pairs, send text with buttons whose press comes back as text.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from tutor import Reply, Session, Tutor

# --- the host's own store -------------------------------------------------------------------


class JsonStore:
    """Sessions as JSON-safe dicts (a `tutor.store.Store`): in memory, and in a JSON file when given a path.

    `save` also keeps the answers journaled since the last save, as this host's review log."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else None
        self.sessions: dict[str, dict[str, Any]] = {}
        self.reviews: list[dict[str, Any]] = []
        if self.path and self.path.exists():
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            self.sessions, self.reviews = saved["sessions"], saved["reviews"]

    def load(self, user_id: str) -> Session | None:
        data = self.sessions.get(user_id)
        return Session.from_dict(data) if data else None

    def save(self, user_id: str, session: Session) -> None:
        self.reviews.extend({"user": user_id, **entry} for entry in session.drain_journal())
        self.sessions[user_id] = session.to_dict()
        if self.path:
            self._write()

    def _write(self) -> None:
        """Write the whole file, atomically: a crash leaves the old file or the new one, never half of one."""
        text = json.dumps({"sessions": self.sessions, "reviews": self.reviews}, ensure_ascii=False)
        fd, temp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, self.path)


# --- a simulated chat platform ----------------------------------------------------------------


@dataclass(frozen=True)
class Button:
    label: str   # what the learner sees
    sends: str   # what pressing it sends back, as if typed


@dataclass(frozen=True)
class Message:
    user: str
    text: str
    buttons: tuple[Button, ...] = ()


@dataclass
class FakeChat:
    """Incoming messages on a queue, outgoing ones in a list: a chat platform without a network."""

    incoming: asyncio.Queue = field(default_factory=asyncio.Queue)
    sent: list[Message] = field(default_factory=list)
    _news: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def send(self, message: Message) -> None:
        async with self._news:
            self.sent.append(message)
            self._news.notify_all()

    def to(self, user: str) -> list[Message]:
        return [m for m in self.sent if m.user == user]

    async def wait_for(self, user: str, count: int) -> Message:
        """The `count`-th message to `user`, once it has been sent."""
        async with self._news:
            await self._news.wait_for(lambda: len(self.to(user)) >= count)
        return self.to(user)[count - 1]


# --- the bot -----------------------------------------------------------------------------------


def buttons_for(reply: Reply) -> tuple[Button, ...]:
    """Buttons from what the reply carries as data, never parsed from its text."""
    if reply.kind == "quiz" and reply.data.get("event") in ("question", "hint", "wrong", "unclear"):
        options = reply.data.get("options") or []
        if options:
            choices = [Button(f"{letter}) {option}", letter) for letter, option in zip("abcd", options)]
        elif reply.data.get("type") == "tf":
            choices = [Button("True", "true"), Button("False", "false")]
        else:
            choices = []  # cloze and short answers are typed
        return tuple(choices) + (Button("Hint", "hint"), Button("Skip", "skip"), Button("Stop", "stop"))
    if reply.kind == "clarify":
        return tuple(Button(title, title) for title in reply.suggestions)
    return tuple(Button(s, s) for s in reply.suggestions[:3])


class TutorBot:
    """Routes each learner's messages to that learner's own queue; one worker per learner keeps their order.

    `clock` gives the time of each turn (UTC), for review scheduling; the default is the real clock."""

    def __init__(self, tutor: Tutor, store: JsonStore, chat: FakeChat, clock: Callable[[], datetime] | None = None) -> None:
        self.tutor, self.store, self.chat = tutor, store, chat
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.queues: dict[str, asyncio.Queue] = {}
        self.workers: list[asyncio.Task] = []

    async def dispatch(self) -> None:
        while True:
            user, text = await self.chat.incoming.get()
            if user not in self.queues:
                self.queues[user] = asyncio.Queue()
                self.workers.append(asyncio.create_task(self._serve(user, self.queues[user])))
            await self.queues[user].put(text)
            self.chat.incoming.task_done()

    async def _serve(self, user: str, queue: asyncio.Queue) -> None:
        while True:
            text = await queue.get()
            try:
                await self.turn(user, text)
            finally:
                queue.task_done()

    async def turn(self, user: str, text: str) -> Reply:
        session = self.store.load(user) or self.tutor.new_session()
        # the Tutor is read-only, so turns of different learners may run in threads at once
        reply = await asyncio.to_thread(self.tutor.respond, session, text, self.clock())
        self.store.save(user, session)  # the session and the answers of this turn, before replying
        await self.chat.send(Message(user, reply.text, buttons_for(reply)))
        return reply

    async def drain(self) -> None:
        """Wait until every message received so far has been answered."""
        await self.chat.incoming.join()
        for queue in list(self.queues.values()):
            await queue.join()

    async def stop(self, dispatcher: asyncio.Task) -> None:
        for task in (dispatcher, *self.workers):
            task.cancel()
        await asyncio.gather(dispatcher, *self.workers, return_exceptions=True)


# --- a demonstration: three learners at once -------------------------------------------------

PRESS_FIRST = object()   # press the first answer button of the bot's last message
_QUIZ_CONTROLS = {"hint", "skip", "stop"}

SCRIPTS: dict[str, list[Any]] = {
    "alice": ["what do osteoclasts do?", "more detail", "quiz me on OPG with 2 questions", "it binds rankl as a decoy",
              PRESS_FIRST],
    "bob": ["/quiz rankl 2", "hint", PRESS_FIRST, "skip", "how am I doing?"],
    "carol": ["what is the difference between estrogen and testosterone?", "should I take estrogen?", "/level academic",
              "what blocks RANKL?"],
}


async def learner(chat: FakeChat, user: str, script: list[Any]) -> None:
    """One simulated learner: types a line or presses a button, then waits for the answer before the next."""
    for turn, step in enumerate(script, start=1):
        if step is PRESS_FIRST:
            last = chat.to(user)[-1] if chat.to(user) else None
            answers = [b for b in (last.buttons if last else ()) if b.sends not in _QUIZ_CONTROLS]
            step = answers[0].sends if answers else "skip"
        await chat.incoming.put((user, step))
        await chat.wait_for(user, turn)


async def run_demo(store: JsonStore, tutor: Tutor | None = None, scripts: dict[str, list[Any]] | None = None,
                   clock: Callable[[], datetime] | None = None) -> FakeChat:
    """Serve the scripted learners concurrently; returns the chat with everything the bot sent."""
    chat = FakeChat()
    bot = TutorBot(tutor or Tutor.load(), store, chat, clock)
    dispatcher = asyncio.create_task(bot.dispatch())
    try:
        await asyncio.gather(*(learner(chat, user, script) for user, script in (scripts or SCRIPTS).items()))
        await bot.drain()
    finally:
        await bot.stop(dispatcher)
    return chat


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else None
    store = JsonStore(path)
    chat = asyncio.run(run_demo(store))
    for message in chat.sent:
        buttons = "  ".join(f"[{b.label}]" for b in message.buttons)
        print(f"to {message.user}: {message.text}" + (f"\n  {buttons}" if buttons else ""))
    print(f"\n{len(store.sessions)} sessions and {len(store.reviews)} reviews kept" + (f" in {path}" if path else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
