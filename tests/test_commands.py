"""Slash commands behave the same through `respond()`, when piped to `tutor`, and in the terminal."""
from __future__ import annotations

import io

import pytest

from tutor.cli import main
from tutor.commands import COMMANDS
from tutor.model import LEVELS


def test_quiz_command_through_the_library(tutor):
    session = tutor.new_session()
    reply = tutor.respond(session, "/quiz opg 2")
    assert reply.kind == "quiz" and session.quiz and len(session.quiz["items"]) == 2
    assert "2 questions on OPG" in reply.text


@pytest.mark.parametrize("command, intent", [("/topics", "topics"), ("/help", "help"), ("/review", "review"),
                                              ("/progress", "progress"), ("/why", "explain-last"), ("/quit", "goodbye"),
                                              ("/level", "level"), ("/reset", "reset"), ("/bogus", "unknown-command")])
def test_every_command_answers_through_the_library(tutor, command, intent):
    reply = tutor.respond(tutor.new_session(), command)
    assert reply.intent == intent, (command, reply.intent, reply.text[:80])
    assert "doesn't cover" not in reply.text


def test_level_shows_or_sets_the_depth(tutor):
    session = tutor.new_session()
    assert "fundamentals" in tutor.respond(session, "/level").text
    tutor.respond(session, "/level academic")
    assert session.level == "academic"
    assert all(level in tutor.respond(session, "/level").text for level in LEVELS)


def test_reset_forgets_the_conversation_but_keeps_learning(tutor):
    session = tutor.new_session()
    tutor.respond(session, "what is OPG")
    session.tally["opg"] = [1, 1]
    tutor.respond(session, "/reset")
    assert session.last_concept is None and session.tally["opg"] == [1, 1]


def test_unknown_and_help_list_every_command_one_per_line(tutor):
    for text in (tutor.respond(tutor.new_session(), "/bogus").text, tutor.respond(tutor.new_session(), "/help").text):
        lines = text.splitlines()
        for name in COMMANDS:
            assert any(line.startswith(name) for line in lines), (name, text)


@pytest.mark.parametrize("commands", ["/quiz opg 2\n", "/topics\n/level academic\n/level\n", "/bogus\n/help\n"])
def test_piped_replies_match_the_library(tutor, commands):
    out = io.StringIO()
    assert main(["chat"], stdin=io.StringIO(commands), stdout=out) == 0
    session = tutor.new_session()
    for line in commands.splitlines():
        expected = tutor.respond(session, line).text
        assert expected.splitlines()[0] in out.getvalue(), (line, expected[:80])
