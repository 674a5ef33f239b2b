"""Every figure of the README's "Measured figures" is printed by a command the README names: each command is
run here in its quick mode, and must print the names of the figures the README shows for it.

The figures' values are not checked (timings move with the machine); their names and their commands are.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, shared_file

README = (ROOT / "README.md").read_text(encoding="utf-8")
MEASURED = README[README.index("## Measured figures"):README.index("## Quizzes, mastery")]

# command as the README names it -> (how it is run in its quick mode, figure names it prints that the README shows)
COMMANDS = {
    "python tests/benchmark.py": (
        [sys.executable, "tests/benchmark.py", "--quick"],
        ["per turn", "load, parsing the YAML", "load, from the compiled cache", "cold start",
         "fresh process, compiled cache", "in a terminal until the prompt appears", "peak RSS",
         "in-scope top-1", "answered about the wrong thing"]),
    "tutor eval ../shared/eval/dev.yaml": (
        [sys.executable, "-m", "tutor", "eval", "../shared/eval/dev.yaml", "--figures-only"],
        ["in-scope top-1", "both sides named", "direct answer first", "uncovered said", "foreign declined",
         "unknown recall", "safety", "chat", "level", "dialogue turns", "follow-up turns"]),
    "tutor eval --figures-only FILE": (  # the blind sets, scored with their misses hidden
        [sys.executable, "-m", "tutor", "eval", "tests/data/blind34/understanding.yaml", "--figures-only"],
        ["in-scope top-1", "both sides named", "direct answer first", "uncovered said", "foreign declined",
         "unknown recall", "follow-up turns"]),
    "python tests/bench_baselines.py": (
        [sys.executable, "tests/bench_baselines.py"],
        ["in-scope top-1", "OOS rejected", "median"]),
    "python tests/bench_grading.py": (
        [sys.executable, "tests/bench_grading.py"],
        ["agree", "false acc"]),
    "python tests/bench_scale.py": (
        [sys.executable, "tests/bench_scale.py", "--sizes", "100", "--questions", "20"],
        ["load, parsing the YAML", "load, from the compiled cache", "per turn p50", "per turn p99", "peak RSS"]),
}


def test_every_command_named_in_the_measured_figures_is_checked_here():
    named = set(re.findall(r"`((?:python tests/\w+\.py|tutor eval [^`]+?))(?: --[\w-]+)*`", MEASURED))
    assert named and named <= set(COMMANDS), named - set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_figure_command_prints_the_figures_the_readme_shows(command, tmp_path):
    if "shared" in command or command in ("python tests/benchmark.py", "python tests/bench_baselines.py"):
        shared_file("eval", "dev.yaml")
    if command == "python tests/bench_baselines.py":
        pytest.importorskip("sklearn", reason="the baselines need the bench extra: pip install -e '.[bench]'")
        pytest.importorskip("rank_bm25", reason="the baselines need the bench extra: pip install -e '.[bench]'")
    argv, figures = COMMANDS[command]
    assert command in README
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    printed = result.stdout.lower()
    missing = [f for f in figures if f.lower() not in printed]
    assert not missing, f"{command} does not print {missing}"
    shown = " ".join(README.split()).lower()  # a figure's name may wrap across lines
    unshown = [f for f in figures if f.lower() not in shown]
    assert not unshown, f"the README does not show {unshown}"
