"""docs/api.md is the embedding contract: everything a reply can carry must be in it.

Two nets catch what the code emits: a scan of the source (every reply kind, quiz event, `data` key
and intent written as a literal), and a conversation through every kind of turn whose replies,
nested `data` dicts and journal entries are collected as they come. A new event, key or kind that
the page does not mention fails here.
"""
from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tutor import Tutor
from tutor.reply import KINDS
from tutor.session import JOURNAL_LIMIT

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "api.md"
# the modules that build replies (a store writing its own dicts is not one)
SOURCES = sorted(p for p in (ROOT / "tutor").glob("*.py") if "Reply(" in p.read_text(encoding="utf-8"))
# dicts whose keys are data, not names: word classes found by the boundary, mastery by depth
_DATA_KEYED = {"classes", "by_depth"}


def documented() -> set[str]:
    """Every `name` written in backticks on the page."""
    return set(re.findall(r"`([^`\n]+)`", DOC.read_text(encoding="utf-8")))


def _constant(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _dict_keys(node: ast.AST | None) -> set[str]:
    if not isinstance(node, ast.Dict):
        return set()
    return {k for k in (_constant(key) for key in node.keys) if k}


class _Emitted(ast.NodeVisitor):
    """What the source writes into replies: kinds, data keys, events, intents."""

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.keys: set[str] = set()
        self.events: set[str] = set()
        self.intents: set[str] = set()

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        if name == "Reply":
            kind = _constant(keywords.get("kind"))  # Reply is keyword-only
            self.kinds.update([kind] if kind else [])
            intent = _constant(keywords.get("intent"))
            self.intents.update([intent] if intent else [])
        if name == "_chat" and len(node.args) > 2 and _constant(node.args[2]):
            self.intents.add(_constant(node.args[2]))
        if name in ("Reply", "replace"):
            self.keys |= _dict_keys(keywords.get("data"))
        if name == "_reply" and len(node.args) > 3:
            self.keys |= _dict_keys(node.args[3])
        if name == "update" and isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") in ("payload", "data"):
            self.keys |= {k.arg for k in node.keywords if k.arg}
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values):
            if _constant(key) == "event" and _constant(value):
                self.events.add(_constant(value))
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Subscript) and getattr(target.value, "id", "") == "data" and _constant(target.slice):
                self.keys.add(_constant(target.slice))
        self.generic_visit(node)


@pytest.fixture(scope="module")
def emitted() -> _Emitted:
    found = _Emitted()
    for path in SOURCES:
        found.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return found


def test_the_scan_finds_what_it_should(emitted):
    # the scan itself can fail: these are known to be emitted today
    assert {"answer", "quiz", "safety"} <= emitted.kinds
    assert {"question", "summary", "hint", "not-started"} <= emitted.events
    assert {"entry", "compare", "theme", "facts", "uncovered", "foreign", "advice", "item", "options", "outcome"} <= emitted.keys
    assert {"empty", "reset", "unknown-command"} <= emitted.intents


def test_every_kind_is_documented(emitted):
    missing = (set(KINDS) | emitted.kinds) - documented()
    assert not missing, f"reply kinds missing from docs/api.md: {sorted(missing)}"


def test_every_quiz_event_is_documented(emitted):
    missing = emitted.events - documented()
    assert not missing, f"quiz events missing from docs/api.md: {sorted(missing)}"


def test_every_data_key_in_the_source_is_documented(emitted):
    missing = emitted.keys - documented()
    assert not missing, f"reply.data keys missing from docs/api.md: {sorted(missing)}"


def test_every_intent_is_documented(emitted, tutor):
    rules = {intent.id for intent in tutor.rules.intents}
    missing = (emitted.intents | rules) - documented()
    assert not missing, f"intents missing from docs/api.md: {sorted(missing)}"


def test_every_reply_field_is_documented(tutor):
    reply = tutor.respond(tutor.new_session(), "what is OPG")
    missing = (set(reply.to_dict()) | {"about"}) - documented()
    assert not missing, f"Reply fields missing from docs/api.md: {sorted(missing)}"


# --- replies as they come: nested keys too ---------------------------------------------------

def _keys(value, out: set[str]) -> set[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            out.add(str(key))
            if key not in _DATA_KEYED:
                _keys(inner, out)
    elif isinstance(value, list):
        for inner in value:
            _keys(inner, out)
    return out


def _answer_right(tutor: Tutor, reply) -> str:
    item = next(i for i in tutor.kb.quiz if i.id == reply.data["item"])
    if item.type == "mc":
        return "abcd"[item.options.index(item.answer)]
    if item.type == "tf":
        return "true" if item.answer else "false"
    return item.explanation


def _conversation(tutor: Tutor) -> tuple[list, list]:
    """Turns through every kind of reply and quiz event; the replies and the journal drained at the end."""
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    session = tutor.new_session()
    replies = [tutor.respond(session, text, now=now) for text in (
        "hello", "what is OPG", "more detail", "what blocks RANKL?", "compare estrogen and testosterone",
        "what does estrogen do to osteoclasts?", "is HRT safe?", "what about secondary osteoporosis?",
        "should I take estrogen?", "zzqx", "why did you say that?", "/why", "/level", "/bogus", "/help", "!!!",
        "level academic", "review", "/quiz nothing-like-this-topic")]
    replies.append(tutor.quiz(session, topic="opg", count=3, now=now))
    replies += [tutor.respond(session, text, now=now) for text in ("hint", "hint", "hint")]
    replies.append(tutor.respond(session, "skip", now=now))
    while session.quiz is not None:
        replies.append(tutor.respond(session, _answer_right(tutor, replies[-1]), now=now))
    replies.append(tutor.quiz(session, count=4, level="academic", now=now))
    while session.quiz is not None:  # wrong first, then right: wrong, why, unclear and retries
        replies.append(tutor.respond(session, "maybe", now=now))
        if session.quiz is not None and replies[-1].data.get("event") in ("wrong", "unclear", "question"):
            replies.append(tutor.respond(session, _answer_right(tutor, replies[-1]), now=now))
        if session.quiz is not None and replies[-1].data.get("event") == "why":
            replies.append(tutor.respond(session, "it lowers rankl", now=now))
    replies.append(tutor.respond(session, "how am I doing?", now=now))
    replies.append(tutor.respond(session, "review", now=now + timedelta(days=400)))
    return replies, session.drain_journal()


def test_every_key_of_every_reply_in_a_conversation_is_documented(tutor):
    replies, journal = _conversation(tutor)
    events = {r.data.get("event") for r in replies if r.kind == "quiz"}
    assert {"question", "hint", "summary", "not-started"} <= events  # the conversation reaches them
    seen = set()
    for reply in replies:
        _keys(reply.data, seen)
    seen |= {r.kind for r in replies} | {e for e in events if e} | {r.intent for r in replies if r.intent}
    for entry in journal:
        _keys(entry, seen)
    assert journal, "the conversation answered quiz items"
    missing = seen - documented()
    assert not missing, f"missing from docs/api.md: {sorted(missing)}"


def test_the_journal_bound_is_the_documented_one():
    text = DOC.read_text(encoding="utf-8")
    assert f"`JOURNAL_LIMIT` = {JOURNAL_LIMIT}" in text
