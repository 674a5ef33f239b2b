"""The command line, driven through tutor.cli.main with in-memory streams (and once as a real process)."""
from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tutor import Tutor
from tutor.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout.yaml"
REPLY_KEYS = {"kind", "concept", "level", "text", "confidence", "suggestions"}


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def bundled() -> Tutor:
    return Tutor.load()


# --- ask ----------------------------------------------------------------------------

def test_ask_prints_the_answer_text(bundled):
    code, out = run(["ask", "what is OPG"])
    assert code == 0
    assert out == bundled.kb.concepts["opg"].explain["fundamentals"] + "\n"


def test_ask_json_has_the_documented_keys():
    code, out = run(["ask", "what is OPG", "--json"])
    assert code == 0
    [reply] = json_lines(out)
    assert REPLY_KEYS <= set(reply)
    assert reply["kind"] == "answer" and reply["concept"] == "opg" and reply["level"] == "fundamentals"
    assert isinstance(reply["text"], str) and "osteoprotegerin" in reply["text"].lower()
    assert isinstance(reply["confidence"], float) and 0.0 < reply["confidence"] <= 1.0
    assert isinstance(reply["suggestions"], list) and all(isinstance(s, str) for s in reply["suggestions"])


def test_ask_level_academic():
    code, out = run(["ask", "what is OPG", "--json", "--level", "academic"])
    assert code == 0
    [reply] = json_lines(out)
    assert (reply["kind"], reply["concept"], reply["level"]) == ("answer", "opg", "academic")


def test_ask_rejects_an_unknown_level(capsys):
    with pytest.raises(SystemExit) as info:
        run(["ask", "what is OPG", "--level", "expert"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_ask_stdin_uses_a_fresh_session_per_line():
    code, out = run(["ask", "-", "--json"], "what is OPG\nwhat does it bind to?\n")
    assert code == 0
    first, second = json_lines(out)
    assert (first["kind"], first["concept"]) == ("answer", "opg")
    assert second["concept"] != "opg"  # no previous concept for "it" to refer to


def test_ask_stdin_with_session_follows_pronouns():
    code, out = run(["ask", "-", "--session", "--json"], "what is OPG\n\nwhat does it bind to?\n")
    assert code == 0
    replies = json_lines(out)
    assert len(replies) == 2  # the blank line is skipped
    # "it" is OPG; the answer, RANKL, is in the reply's data
    assert [(r["kind"], r["concept"]) for r in replies] == [("answer", "opg"), ("answer", "opg")]
    assert replies[1]["data"]["answer"] == "rankl"
    assert "rankl" in replies[1]["text"].lower()


def test_ask_stdin_text_mode_separates_replies_by_a_blank_line():
    code, out = run(["ask", "-"], "what is OPG\nwhat is RANKL\n")
    assert code == 0
    blocks = [b for b in out.split("\n\n") if b.strip()]
    assert len(blocks) == 2
    assert "osteoprotegerin" in blocks[0].lower() and "rankl" in blocks[1].lower()


def test_ask_with_a_broken_pack_is_a_friendly_error(capsys):
    broken = ROOT / "tests" / "data" / "broken" / "related-unknown"
    code, out = run(["ask", "what is chlorophyll", "--knowledge", str(broken)])
    assert code == 1 and out == ""
    err = capsys.readouterr().err
    assert f"{broken / 'concepts.yaml'}:41: " in err and "related id 'chlorophyl' is not a concept" in err
    assert "Traceback" not in err


def test_ask_as_a_real_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tutor", "ask", "what is OPG"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "osteoprotegerin" in result.stdout.lower()
    assert result.stderr == ""


# --- topics, validate ---------------------------------------------------------------------

def test_topics_lists_every_concept_id(bundled):
    code, out = run(["topics"])
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert sorted(listed) == sorted(bundled.kb.concepts)
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings[0] == "Fundamentals"
    assert set(headings) <= {"Fundamentals", "Intermediate", "Academic", "References"}


def test_validate_bundled_pack_is_ok():
    code, out = run(["validate"])
    assert code == 0
    assert out.startswith("ok: ")
    assert "problem" not in out


def test_validate_pack_folder_with_knowledge_and_dialogues(tmp_path):
    import shutil

    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "dialogues", tmp_path / "dialogues")
    code, out = run(["validate", str(tmp_path)])
    assert code == 0
    assert out == f"ok: {tmp_path / 'knowledge'}, {tmp_path / 'dialogues'}\n"


# --- eval ---------------------------------------------------------------------------------

def test_eval_prints_metric_lines():
    code, out = run(["eval", str(HELDOUT)])
    assert code == 0
    for label in ("in-scope top-1", "unknown recall", "safety", "chat", "level", "dialogue turns"):
        assert re.search(rf"^{label}\s+\d+/\d+\s+\d+\.\d%$", out, re.M), f"no {label!r} line in:\n{out}"
    assert re.search(r"^latency per turn p50 [\d.]+ ms, p99 [\d.]+ ms \(\d+ turns\)$", out, re.M)
    assert re.search(r"^misses( \(\d+\):|: none)$", out, re.M)


def test_eval_json_agrees_with_the_question_file_and_the_text_report():
    code, out = run(["eval", str(HELDOUT), "--json"])
    assert code == 0
    report = json.loads(out)
    in_scope = report["metrics"]["in_scope"]
    assert 0 < in_scope["right"] <= in_scope["total"]
    assert in_scope["rate"] == round(in_scope["right"] / in_scope["total"], 4)
    assert isinstance(report["latency_ms"]["p50"], float) and report["latency_ms"]["p50"] > 0
    assert report["latency_ms"]["p50"] <= report["latency_ms"]["p99"]
    assert isinstance(report["misses"], list)
    assert all({"q", "line", "problem"} <= set(m) for m in report["misses"])

    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    singles, dialogues = data.get("single") or [], data.get("dialogues") or []
    assert report["latency_ms"]["turns"] == len(singles) + sum(len(turns) for turns in dialogues)
    assert in_scope["total"] == sum(1 for case in singles if case.get("expect"))

    _, text = run(["eval", str(HELDOUT)])
    assert f"{in_scope['right']:>4}/{in_scope['total']:<4}" in text
    misses = len(report["misses"])
    assert (f"misses ({misses}):" if misses else "misses: none") in text


def test_eval_missing_file_is_a_friendly_error(tmp_path, capsys):
    code, _ = run(["eval", str(tmp_path / "nope.yaml")])
    assert code == 1
    err = capsys.readouterr().err
    assert "nope.yaml:1: cannot read file" in err and "Traceback" not in err


# --- chat ---------------------------------------------------------------------------------

def test_chat_reads_stdin_lines_and_ends_on_eof():
    code, out = run(["chat"], "what is OPG\n\nwhat does it bind to?\n")
    assert code == 0
    lines = out.splitlines()
    assert "> " not in out  # no prompt when stdin is not a terminal
    assert lines[0].startswith("Bone-remodeling tutor.")
    assert lines[1].startswith("[fundamentals] OPG")
    assert lines[2].startswith("[fundamentals] ") and "RANKL" in lines[2]
    assert lines[-1] == "Goodbye."
    assert len(lines) == 4


def test_chat_is_the_default_command_and_stops_at_goodbye():
    code, out = run([], "bye\nwhat is OPG\n")
    assert code == 0
    assert "osteoprotegerin" not in out.lower()
    assert out.splitlines()[-1].startswith("Goodbye")


def test_chat_starts_at_the_requested_level():
    code, out = run(["chat", "--level", "academic"], "what is OPG\n")
    assert code == 0
    assert out.splitlines()[1].startswith("[academic] ")


# --- help text (every command documents itself, with an example) --------------------------

def _subcommands() -> dict[str, tuple[str | None, argparse.ArgumentParser]]:
    parser = build_parser()
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return {name: (helps.get(name), sub) for name, sub in action.choices.items()}


def test_the_expected_subcommands_exist():
    assert set(_subcommands()) == {"ask", "topics", "validate", "lint", "eval", "chat", "quiz", "learn", "progress",
                                   "profiles", "serve"}


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_subcommand_has_help_and_an_example(name, capsys):
    summary, sub = _subcommands()[name]
    assert summary and summary.strip(), f"{name} has no help text"
    assert sub.description and sub.description.strip()
    with pytest.raises(SystemExit) as info:
        main([name, "--help"])
    assert info.value.code == 0
    help_text = capsys.readouterr().out
    assert "Example" in help_text
    assert f"tutor {name}" in help_text


def test_top_level_help_lists_commands_with_an_example(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    help_text = capsys.readouterr().out
    assert "Example" in help_text
    for name in _subcommands():
        assert name in help_text


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in _subcommands():
        assert f"tutor {name}" in readme, f"`tutor {name}` is not in the README"


# --- a quiz killed mid-way (issue 10) ---------------------------------------------------------------

def test_kill_9_mid_quiz_then_restart_shows_the_open_question_and_grades_nothing_typed(tmp_path):
    import os
    import signal

    data = str(tmp_path / "data")
    quiz = subprocess.Popen([sys.executable, "-m", "tutor", "quiz", "--topic", "osteoclasts", "--count", "3", "--data-dir", data],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        lines = []
        while not any(line.startswith("Question 1/3") for line in lines):
            lines.append(quiz.stdout.readline())
            assert lines[-1], "the quiz ended before its first question"
        quiz.stdin.write("a\n")  # the first osteoclasts item is multiple choice; right or wrong, it is answered
        quiz.stdin.flush()
        while not any(line.startswith("Question 2/3") for line in lines):
            lines.append(quiz.stdout.readline())
            assert lines[-1], "the quiz ended before its second question"
        second = next(line for line in lines if line.startswith("Question 2/3")).strip()
    finally:
        os.kill(quiz.pid, signal.SIGKILL)
        quiz.wait(timeout=60)
    code, before = run(["progress", "--json", "--data-dir", data])
    assert code == 0 and json.loads(before)["answered"] == 1  # nothing answered is lost
    code, out = run(["--data-dir", data], stdin="review\ntopics\n")
    assert code == 0 and "where you left off" in out and second in out
    assert out.index(second) < out.index("(Quiz question 2 is still open")  # shown first, and still open after both
    code, after = run(["progress", "--json", "--data-dir", data])
    assert json.loads(after)["answered"] == 1  # "review" and "topics" were not graded


@pytest.mark.parametrize("count", ["0", "-3", "51", "many"])
def test_quiz_count_outside_1_to_50_is_a_usage_error(count, tmp_path):
    result = subprocess.run([sys.executable, "-m", "tutor", "quiz", "--count", count, "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "--count" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


# --- profiles -------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    """Typed answers, as from a terminal (so the tutor may ask)."""

    def isatty(self) -> bool:
        return True


def _learn(data: Path, profile: str, answers: str = "i don't know\n") -> None:
    """One answered quiz item in a profile."""
    assert main(["quiz", "--topic", "opg", "--count", "1", "--data-dir", str(data), "--profile", profile],
                stdin=io.StringIO(answers), stdout=io.StringIO()) == 0


def test_profiles_lists_each_with_answers_and_last_use(tmp_path):
    code, out = run(["profiles", "--data-dir", str(tmp_path)])
    assert code == 0 and "No profiles yet" in out
    _learn(tmp_path, "sam")
    _learn(tmp_path, "sam")
    run(["chat", "--data-dir", str(tmp_path), "--profile", "kim"], "what is OPG\n")
    code, out = run(["profiles", "--data-dir", str(tmp_path)])
    assert code == 0
    header, *rows = out.splitlines()
    assert header.split() == ["profile", "answers", "last", "used"]
    table = {row.split()[0]: row.split()[1:] for row in rows}
    assert set(table) == {"kim", "sam"}
    assert table["sam"][0] == "2" and table["kim"][0] == "0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", " ".join(table["sam"][1:]))


def test_a_new_profile_is_announced_and_a_typo_is_visible(tmp_path, capsys):
    _learn(tmp_path, "sam")
    assert "New profile 'sam'" in capsys.readouterr().err
    _learn(tmp_path, "sam")
    assert "New profile" not in capsys.readouterr().err  # only the first time
    run(["chat", "--data-dir", str(tmp_path), "--profile", "samm"], "bye\n")
    err = capsys.readouterr().err
    assert "New profile 'samm'" in err and "Did you mean 'sam'?" in err


def test_progress_of_a_profile_that_does_not_exist_creates_nothing(tmp_path, capsys):
    _learn(tmp_path, "sam")
    capsys.readouterr()
    code, _ = run(["progress", "--data-dir", str(tmp_path), "--profile", "sma"])
    assert code == 1
    err = capsys.readouterr().err
    assert "there is no profile 'sma'" in err and "Did you mean 'sam'?" in err and "Traceback" not in err
    assert not (tmp_path / "sma.sqlite3").exists()


def _answered(data: Path, profile: str) -> int:
    code, out = run(["progress", "--json", "--data-dir", str(data), "--profile", profile])
    assert code == 0
    return json.loads(out)["answered"]


def test_reset_without_yes_and_no_terminal_refuses_with_a_usage_message(tmp_path, capsys):
    _learn(tmp_path, "sam")
    code, out = run(["progress", "--reset", "--data-dir", str(tmp_path), "--profile", "sam"])
    assert code == 2
    assert "--reset --yes --profile sam" in capsys.readouterr().err
    assert _answered(tmp_path, "sam") == 1  # nothing forgotten


def test_reset_asks_first_in_a_terminal(tmp_path):
    _learn(tmp_path, "sam")
    args = ["progress", "--reset", "--data-dir", str(tmp_path), "--profile", "sam"]
    out = io.StringIO()
    assert main(args, stdin=_Terminal("n\n"), stdout=out) == 1
    assert "Forget everything profile 'sam' has learned (1 answer" in out.getvalue() and "Nothing was changed" in out.getvalue()
    assert _answered(tmp_path, "sam") == 1
    out = io.StringIO()
    assert main(args, stdin=_Terminal("yes\n"), stdout=out) == 0
    assert "forgotten: 1 answer" in out.getvalue()
    assert _answered(tmp_path, "sam") == 0


def test_reset_with_yes_forgets_one_profile_only(tmp_path):
    _learn(tmp_path, "sam")
    _learn(tmp_path, "kim")
    (tmp_path / "sam.history").write_text("what is OPG\n", encoding="utf-8")
    code, out = run(["progress", "--reset", "--yes", "--data-dir", str(tmp_path), "--profile", "sam"])
    assert code == 0 and "forgotten" in out
    assert _answered(tmp_path, "sam") == 0 and _answered(tmp_path, "kim") == 1
    assert not (tmp_path / "sam.history").exists()
    code, out = run(["quiz", "--topic", "opg", "--count", "1", "--data-dir", str(tmp_path), "--profile", "sam"], "skip\n")
    assert code == 0 and "Question 1/1" in out  # the profile goes on, afresh


def test_profiles_in_a_store_url_are_announced_refused_when_missing_and_reset(tmp_path, capsys):
    from tutor.store import open_store

    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    learn = ["quiz", "--topic", "opg", "--count", "1", "--store", url, "--data-dir", str(tmp_path)]
    assert main([*learn, "--profile", "sam"], stdin=io.StringIO("i don't know\n"), stdout=io.StringIO()) == 0
    assert "New profile 'sam'" in capsys.readouterr().err
    assert main([*learn, "--profile", "kim"], stdin=io.StringIO("i don't know\n"), stdout=io.StringIO()) == 0
    capsys.readouterr()
    code, _ = run(["progress", "--store", url, "--profile", "nobody"])
    assert code == 1 and "there is no profile 'nobody'" in capsys.readouterr().err
    code, out = run(["progress", "--reset", "--yes", "--store", url, "--data-dir", str(tmp_path), "--profile", "sam"])
    assert code == 0 and "forgotten: 1 answer" in out
    store = open_store(url)
    try:
        assert store.load("nobody") is None and store.load("sam") is None and store.answers("sam") == []
        assert [a["concept"] for a in store.answers("kim")] == ["opg"]  # another profile of the store is kept
    finally:
        store.close()


def test_quiz_topic_by_title_in_any_case(tmp_path, capsys):
    code, out = run(["quiz", "--topic", "RANKL", "--count", "1", "--data-dir", str(tmp_path)], "skip\n")
    assert code == 0 and "Question 1/1 — RANKL" in out
    code, out = run(["quiz", "--topic", "osteoprotegerin", "--count", "1", "--data-dir", str(tmp_path)], "skip\n")
    assert code == 0 and "Question 1/1 — OPG" in out
    capsys.readouterr()
    code, out = run(["quiz", "--topic", "Rnkl", "--data-dir", str(tmp_path), "--profile", "newbie"])
    assert code == 1 and out == ""
    err = capsys.readouterr().err
    assert "no topic matches 'Rnkl'; did you mean RANKL" in err and "Traceback" not in err
    assert "New profile" not in err and not (tmp_path / "newbie.sqlite3").exists()  # refused before a profile is made
