"""The terminal chat: the real PromptSession driven through a pipe, and `tutor` in a pseudo-terminal."""
from __future__ import annotations

import io
import os
import sys

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import ColorDepth, DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from tutor.store import MemoryStore
from tutor.terminal import SLASH_COMMANDS, TerminalChat, TutorCompleter

from conftest import ROOT


def run_chat(tutor, keys: str, later: str = "", **options) -> TerminalChat:
    """Type `keys`, then (a moment later, once the prompt has reacted) `later`."""
    import threading

    store = MemoryStore()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        if later:
            threading.Timer(0.5, pipe.send_text, args=(later,)).start()
        chat = TerminalChat(tutor, store, tutor.new_session(), "me", input=pipe, output=options.pop("output", DummyOutput()),
                            **options)
        chat.run()
    chat.store = store
    return chat


def test_greeting_question_and_ctrl_d(tutor):
    chat = run_chat(tutor, "what is OPG\r\x04")
    banner, answer, *_rest, goodbye = chat.shown
    assert "not medical advice" in banner and "Depth: fundamentals" in banner
    assert "osteoprotegerin" in answer.lower()
    assert goodbye.startswith("Goodbye")
    assert chat.store.load("me").last_concept == "opg"  # saved


def test_slash_commands_and_unknown_ones(tutor):
    chat = run_chat(tutor, "/topics\r/level academic\r/nope\r/why\r/quit\r")
    text = "\n".join(chat.shown)
    assert "Fundamentals:" in text and "Osteoclasts" in text
    assert chat.session.level == "academic"
    assert "There is no command /nope" in text and all(name in text for name in SLASH_COMMANDS)
    assert text.rstrip().endswith("Your progress is saved.")


def test_every_slash_command_has_plain_words_or_a_handler(tutor):
    chat = run_chat(tutor, "what is RANKL\r" + "".join(f"{name}\r" for name in SLASH_COMMANDS if name != "/quit") + "\x04")
    text = "\n".join(chat.shown)
    assert "commands" in text.lower() and "No quiz questions answered yet" in text and "Conversation reset" in text
    assert "Quiz:" in text


def test_quiz_through_slash_command_and_toolbar(tutor):
    chat = run_chat(tutor, "/quiz osteoclasts 2\rhint\r\x04")
    assert any("Question 1/2" in s for s in chat.shown) and any(s.startswith("Hint 1") for s in chat.shown)
    assert "quiz:" in chat._toolbar() and "depth: fundamentals" in chat._toolbar()


def test_lesson_in_the_terminal_toolbar_and_progress(tutor):
    chat = run_chat(tutor, "/learn intermediate\rnext\r/progress\r\x04")
    assert any("Step 1/12" in s for s in chat.shown)
    assert "lesson: step 1 of 12 (RANK/RANKL/OPG pathway, check question)" in chat._toolbar()
    progress = next(s for s in chat.shown if s.startswith("You have not answered any quiz questions yet"))  # only the check shown
    assert "Lesson: the intermediate section (in progress" in progress and "\u2192 1. RANK/RANKL/OPG pathway (now)" in progress


def test_tab_completes_a_slash_command_in_the_prompt(tutor):
    chat = run_chat(tutor, "/to\t", later="\r\x04")
    assert any("Fundamentals:" in s for s in chat.shown)


def test_completer_knows_commands_levels_and_concepts(tutor):
    completer = TutorCompleter(tutor)
    complete = lambda text: [c.text for c in completer.get_completions(Document(text), CompleteEvent())]  # noqa: E731
    assert complete("/re") == ["/review", "/reset"] or set(complete("/re")) == {"/review", "/reset"}
    assert complete("/level ac") == ["academic"]
    assert complete("/learn inter") == ["intermediate"] and "rankl" in complete("/learn rank")
    assert "decoy receptor" in complete("/glossary dec")
    assert "Osteoclasts" in complete("what do osteocl")
    assert any(c.startswith("RANKL") for c in complete("what blocks rank"))


def test_ctrl_c_clears_the_line_and_the_chat_goes_on(tutor):
    chat = run_chat(tutor, "half a quest\x03what is RANKL\r\x04")
    assert any("RANKL" in s for s in chat.shown) and not any("half a quest" in s for s in chat.shown)


def test_a_paste_of_several_lines_is_several_turns(tutor):
    chat = run_chat(tutor, "\x1b[200~what is OPG\nwhat is RANKL\x1b[201~\r\x04")
    assert any("osteoprotegerin" in s.lower() for s in chat.shown)
    assert chat.session.last_concept == "rankl"


def test_an_error_in_a_turn_does_not_end_the_chat(tutor, monkeypatch):
    calls = {"n": 0}
    real = tutor.respond

    def flaky(session, text, now=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return real(session, text, now)

    monkeypatch.setattr(tutor, "respond", flaky)
    chat = run_chat(tutor, "first\rwhat is OPG\r\x04")
    assert any("something went wrong" in s for s in chat.shown)
    assert any("osteoprotegerin" in s.lower() for s in chat.shown)


def _vt100(buffer: io.StringIO) -> Vt100_Output:
    return Vt100_Output(buffer, lambda: Size(rows=30, columns=60), term="xterm", default_color_depth=ColorDepth.DEPTH_8_BIT)


@pytest.mark.parametrize("color", [True, False])
def test_colour_only_when_wanted_and_text_wrapped(tutor, color):
    buffer = io.StringIO()
    chat = run_chat(tutor, "what is OPG\r\x04", output=_vt100(buffer), color=color)
    answer = next(s for s in chat.shown if "osteoprotegerin" in s.lower())
    printed = buffer.getvalue()
    colour_codes = "38;5;" in printed
    assert colour_codes is color
    assert max(len(line) for line in answer.split("\n")) > 60  # the reply itself is long ...
    assert chat._width is None  # ... and the width comes from the terminal (60 columns):
    screen = _visible(printed)
    start = screen.index("[fundamentals]")
    printed_answer = screen[start:screen.index("\n", start + len(answer))].splitlines()
    assert " ".join(printed_answer).split() == answer.split()  # every word printed, in order
    assert len(printed_answer) >= 3 and all(len(line) <= 60 for line in printed_answer), printed_answer
    assert all(len(line) > 40 for line in printed_answer[:-1])  # full lines, not one word a line


def _visible(printed: str) -> str:
    """What a terminal shows of the output: escape sequences removed, carriage returns as line starts."""
    import re

    text = re.sub(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]", "", printed)
    return "\n".join(part.split("\r")[-1] for part in text.replace("\r\n", "\n").split("\n"))


def test_no_color_environment_variable(tutor, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    chat = run_chat(tutor, "\x04")
    assert chat.color is False


def test_control_characters_pasted_are_not_echoed(tutor):
    # pasted, escape sequences arrive as text (typed, the terminal would turn them into keys)
    chat = run_chat(tutor, "\x1b[200~\x1b[31mwhat is OPG\x1b[0m\x07\x1b[201~\r\x04")
    assert not any("\x1b" in s for s in chat.shown)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_tutor_in_a_real_pseudo_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect", reason="the pseudo-terminal test needs pexpect (in the test extra)")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "tutor", "--data-dir", str(tmp_path)], cwd=str(ROOT), env=env,
                          encoding="utf-8", timeout=20, dimensions=(30, 100))
    try:
        child.expect("not medical advice")
        child.expect("you>")
        child.sendline("what do osteoclasts do?")
        child.expect("break down")
        child.expect("you>")
        child.sendline("/level academic")
        child.expect("academic")
        child.sendcontrol("d")
        child.expect("Goodbye")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert (tmp_path / "default.sqlite3").exists() and (tmp_path / "default.history").exists()


def test_pipe_mode_writes_plain_text(tmp_path):
    import subprocess

    result = subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(tmp_path)], input="what is OPG\n",
                            capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert result.returncode == 0 and "osteoprotegerin" in result.stdout.lower()
    assert "\x1b" not in result.stdout


# --- `tutor quiz` in the same chat (issue 10) --------------------------------------------------------

def test_quiz_mode_ends_with_the_quiz_and_ctrl_c_gives_the_summary(tutor):
    store = MemoryStore()
    session = tutor.new_session()
    opening = tutor.quiz(session, topic="osteoclasts", count=3)
    with create_pipe_input() as pipe:
        pipe.send_text("a\r\x03")
        chat = TerminalChat(tutor, store, session, "me", input=pipe, output=DummyOutput())
        assert chat.run(opening=opening, quiz=True) == 0
    assert any(s.startswith("Quiz: 3 questions") for s in chat.shown)
    assert "Score: " in chat.shown[-1] and session.quiz is None
    saved = store.load("me")
    assert saved.quiz is None and sum(a for _, a in saved.tally.values()) == 1  # the answer is kept


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_tutor_quiz_in_a_real_pseudo_terminal_with_ctrl_c(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    import json
    import subprocess

    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path), TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "tutor", "quiz", "--topic", "osteoclasts", "--count", "3", "--data-dir",
                                           str(tmp_path)], cwd=str(ROOT), env=env, encoding="utf-8", timeout=20,
                          dimensions=(30, 100))
    try:
        child.expect("Question 1/3")
        child.expect("you>")
        child.sendline("a")
        child.expect("Question 2/3")
        child.expect("you>")
        child.sendcontrol("c")
        child.expect(r"Score: \d/1 right")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    progress = subprocess.run([sys.executable, "-m", "tutor", "progress", "--json", "--data-dir", str(tmp_path)],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert json.loads(progress.stdout)["answered"] == 1  # everything stays saved
