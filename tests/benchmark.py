"""Benchmark: accuracy by bucket on every question set, per-turn latency, cold start, peak memory.
Prints figures; asserts nothing.

Run:  python tests/benchmark.py [--rounds 5] [--skip-starts]
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
from tutor.evaluation import evaluate, load_cases, percentile, summary_lines  # noqa: E402

# The question sets, and what each is: only the blind ones were never looked at while tuning.
SETS = {
    "dev (public; tuned on)": ROOT.parent / "shared" / "eval" / "dev.yaml",
    "heldout.yaml (an earlier session's; tuned on)": ROOT / "tests" / "data" / "heldout.yaml",
    "tuning.yaml (ours; tuned on)": ROOT / "tests" / "data" / "tuning.yaml",
    "tuning2.yaml (ours, follow-ups; tuned on)": ROOT / "tests" / "data" / "tuning2.yaml",
    "blind/understanding.yaml (never tuned on)": ROOT / "tests" / "data" / "blind" / "understanding.yaml",
    "blind/safety.yaml (never tuned on)": ROOT / "tests" / "data" / "blind" / "safety.yaml",
    "blind/medquad.yaml (never tuned on)": ROOT / "tests" / "data" / "blind" / "medquad.yaml",
    "blind2/understanding.yaml (never tuned on)": ROOT / "tests" / "data" / "blind2" / "understanding.yaml",
}


def accuracy(tutor: Tutor) -> None:
    """Every metric and bucket of every question set that is present."""
    for name, path in SETS.items():
        if not path.exists():
            print(f"\n== {name}: absent ({path})")
            continue
        report = evaluate(tutor, *load_cases(path))
        print(f"\n== {name}")
        print("\n".join(summary_lines(report, show_misses=False)))
        wrong = wrong_thing(tutor, path)
        if wrong:
            print(f"answered about the wrong thing: {wrong[0]}/{wrong[1]} ({100 * wrong[0] / wrong[1]:.1f}%)")


def wrong_thing(tutor: Tutor, path: Path) -> tuple[int, int] | None:
    """Questions the document does not answer (uncovered or not_answer) that get an answer anyway, plus
    answerable ones answered with a concept not expected: the MedQuAD-style "about the wrong thing" rate."""
    singles, _ = load_cases(path)
    if not any(c.uncovered or c.not_answer for c in singles):
        return None
    wrong = 0
    for case in singles:
        reply = tutor.respond(tutor.new_session(), case.question)
        if (case.uncovered or case.not_answer) and reply.kind == "answer":
            wrong += 1
        elif case.expect and reply.kind == "answer" and reply.concept not in case.expect:
            wrong += 1
    return wrong, len(singles)


def questions() -> list[list[str]]:
    """Conversations to replay for the per-turn timing: dev and heldout.yaml, as in earlier figures
    (each set's own latency is printed with its accuracy). Each single question alone, each dialogue in one session."""
    convs: list[list[str]] = []
    for path in list(SETS.values())[:2]:
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
    parser.add_argument("--skip-starts", action="store_true", help="leave out the start-up timings (subprocesses)")
    args = parser.parse_args()
    start = time.perf_counter()
    tutor = Tutor.load()
    load_s = time.perf_counter() - start
    convs = questions()
    times = per_turn(tutor, convs, args.rounds)
    print(f"concepts: {len(tutor.kb.concepts)}, turns timed: {len(times)} ({args.rounds} rounds)")
    print(f"load (in-process): {load_s * 1000:.0f} ms")
    print(f"per turn: p50 {percentile(times, 50):.3f} ms, p99 {percentile(times, 99):.3f} ms, max {times[-1]:.3f} ms")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    accuracy(tutor)
    if args.skip_starts:
        return
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


if __name__ == "__main__":
    main()
