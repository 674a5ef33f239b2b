"""Benchmark: per-turn latency, cold start of `tutor ask`, peak memory. Prints figures; asserts nothing.

Run:  python tests/benchmark.py [--rounds 5]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor import Tutor  # noqa: E402
from tutor.evaluation import load_cases  # noqa: E402


def questions() -> list[list[str]]:
    """Conversations to replay: each single question alone, each dialogue in one session."""
    convs: list[list[str]] = []
    for path in (ROOT.parent / "shared" / "eval" / "dev.yaml", ROOT / "tests" / "data" / "heldout.yaml"):
        if path.exists():
            singles, dialogues = load_cases(path)
            convs += [[c.question] for c in singles] + [[c.question for c in d] for d in dialogues]
    return convs


def per_turn(tutor: Tutor, convs: list[list[str]], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for conv in convs:
            session = tutor.new_session()
            for q in conv:
                start = time.perf_counter()
                tutor.respond(session, q)
                times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def pct(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def child_env() -> dict[str, str]:
    """The environment for a measured child: Python may keep compiled modules, as it has after an install
    (this machine sets PYTHONDONTWRITEBYTECODE, which would make every start compile the package again)."""
    import os

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_start(runs: int) -> list[float]:
    walls = []
    command = [sys.executable, "-m", "tutor", "ask", "what is OPG"]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=child_env())  # warms the caches
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=child_env())
        walls.append(time.perf_counter() - start)
    return walls


def prompt_start(runs: int) -> list[float]:
    """Seconds from starting `tutor` in a pseudo-terminal until its prompt appears (needs pexpect)."""
    import os
    import tempfile

    import pexpect

    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            start = time.perf_counter()
            env = dict(child_env(), NO_COLOR="1", TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
            child = pexpect.spawn(sys.executable, ["-m", "tutor", "--data-dir", data], cwd=str(ROOT), encoding="utf-8",
                                  env=env, timeout=20, dimensions=(30, 100))
            child.expect("you>")
            times.append(time.perf_counter() - start)
            child.sendcontrol("d")
            child.expect(pexpect.EOF)
            child.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    tutor = Tutor.load()
    load_s = time.perf_counter() - start
    convs = questions()
    times = per_turn(tutor, convs, args.rounds)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"concepts: {len(tutor.kb.concepts)}, turns timed: {len(times)} ({args.rounds} rounds)")
    print(f"load (in-process): {load_s * 1000:.0f} ms")
    print(f"per turn: p50 {pct(times, 50):.3f} ms, p99 {pct(times, 99):.3f} ms, max {times[-1]:.3f} ms")
    walls = cold_start(5)
    print(f"cold start `python -m tutor ask \"what is OPG\"`: median {statistics.median(walls):.3f} s, "
          f"min {min(walls):.3f} s, max {max(walls):.3f} s (5 runs)")
    prompts = prompt_start(5)
    print(f"`tutor` in a terminal until the prompt appears: median {statistics.median(prompts):.3f} s, "
          f"max {max(prompts):.3f} s (5 runs)")
    bare = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    print(f"for scale: a bare `python -c pass` on this machine: median {statistics.median(bare):.3f} s")
    print(f"peak RSS of this process: {rss_mb:.1f} MB")


if __name__ == "__main__":
    main()
