"""The worked embedding example (examples/async_bot.py) runs, keeps learners apart and builds buttons from reply.data."""
from __future__ import annotations

import asyncio
import importlib.util
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tutor import Reply, Tutor

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "async_bot.py"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bot_module():
    spec = importlib.util.spec_from_file_location("async_bot", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["async_bot"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("async_bot", None)


class RecordingTutor:
    """The real tutor, with every reply it gave kept, to compare the buttons sent with the replies' data."""

    def __init__(self, tutor: Tutor) -> None:
        self.tutor = tutor
        self.replies: list[Reply] = []

    def new_session(self, *args, **kwargs):
        return self.tutor.new_session(*args, **kwargs)

    def respond(self, session, text, now=None) -> Reply:
        reply = self.tutor.respond(session, text, now)
        self.replies.append(reply)
        return reply


def _run(bot_module, store, tutor, scripts=None):
    return asyncio.run(bot_module.run_demo(store, tutor, scripts, clock=lambda: NOW))


def _transcript(chat, user):
    return [(m.text, m.buttons) for m in chat.to(user)]


@pytest.fixture(scope="module")
def concurrent(bot_module, tmp_path_factory):
    """All the scripted learners served at once, sessions kept in a JSON file."""
    path = tmp_path_factory.mktemp("bot") / "sessions.json"
    store = bot_module.JsonStore(path)
    recorder = RecordingTutor(Tutor.load())
    chat = _run(bot_module, store, recorder)
    return store, recorder, chat, path


def test_every_learner_gets_the_same_answers_as_when_alone(bot_module, concurrent, tutor):
    _, _, chat, _ = concurrent
    senders = [m.user for m in chat.sent]
    grouped = sorted(senders, key=senders.index)  # what one learner after another would look like
    assert senders != grouped, "the learners were served one after another, not together"
    for user, script in bot_module.SCRIPTS.items():
        alone = _run(bot_module, bot_module.JsonStore(), tutor, {user: script})
        assert len(chat.to(user)) == len(script)
        assert _transcript(chat, user) == _transcript(alone, user), f"{user}'s conversation changed with others present"


def test_each_learner_has_an_own_session_and_own_reviews(bot_module, concurrent):
    store, _, _, path = concurrent
    assert set(store.sessions) == set(bot_module.SCRIPTS)
    for user, script in bot_module.SCRIPTS.items():
        assert store.sessions[user]["turns"] == len(script)
        assert store.sessions[user]["journal"] == []  # handed over to the store's reviews at every save
    reviewed = {user: {r["concept"] for r in store.reviews if r["user"] == user} for user in bot_module.SCRIPTS}
    assert reviewed == {"alice": {"opg"}, "bob": {"rankl"}, "carol": set()}
    depth = {user: data["override"] or data["level"] for user, data in store.sessions.items()}
    assert depth["carol"] == "academic" and depth["bob"] == "fundamentals"  # carol's depth did not leak
    assert set(store.sessions["alice"]["history"]) == {"osteoclasts"}  # carol's topics are hers alone
    assert store.sessions["bob"]["history"] == [] and set(store.sessions["bob"]["cards"]) == {"rankl"}
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"sessions": store.sessions, "reviews": store.reviews}


def test_a_stored_session_carries_on_after_a_restart(bot_module, concurrent, tutor):
    _, _, _, path = concurrent
    store = bot_module.JsonStore(path)  # a new process would read the file like this
    session = store.load("alice")
    assert session is not None and session.last_concept == "osteoclasts" and "opg" in session.cards
    assert tutor.respond(session, "tell me more", now=NOW).concept == "osteoclasts"


def test_quiz_buttons_come_from_reply_data(bot_module, concurrent):
    _, recorder, chat, _ = concurrent
    by_text = {r.text: r for r in recorder.replies}
    quiz_messages = [m for m in chat.sent if by_text[m.text].kind == "quiz" and by_text[m.text].data.get("event") == "question"]
    assert len(quiz_messages) >= 4
    kinds = set()
    for message in quiz_messages:
        data = by_text[message.text].data
        answers = [b for b in message.buttons if b.sends not in ("hint", "skip", "stop")]
        kinds.add(data["type"])
        if data["options"]:
            assert [b.sends for b in answers] == list("abcd"[: len(data["options"])])
            assert [b.label.split(") ", 1)[1] for b in answers] == data["options"]
        elif data["type"] == "tf":
            assert [b.sends for b in answers] == ["true", "false"]
        else:
            assert answers == []
    assert {"mc", "tf"} <= kinds


def test_buttons_follow_the_data_not_the_text(bot_module):
    reply = Reply(kind="quiz", text="Question 1/1: pick one\n  a) shown in the text", level="fundamentals", data={
        "event": "question", "item": "x", "type": "mc", "options": ["from the data", "also from the data"]})
    labels = [b.label for b in bot_module.buttons_for(reply)]
    assert labels[:2] == ["a) from the data", "b) also from the data"] and "a) shown in the text" not in labels


def test_the_example_runs_as_a_script(tmp_path):
    path = tmp_path / "sessions.json"
    result = subprocess.run([sys.executable, str(EXAMPLE), str(path)], capture_output=True, text=True, cwd=tmp_path,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert "3 sessions and 3 reviews kept" in result.stdout and "Traceback" not in result.stderr
    assert set(json.loads(path.read_text(encoding="utf-8"))["sessions"]) == {"alice", "bob", "carol"}
