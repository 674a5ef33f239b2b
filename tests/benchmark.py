"""Benchmark: accuracy by bucket on every question set, per-turn latency, cold start, peak memory.
Prints figures; asserts nothing.

Run:  python tests/benchmark.py [--skip-starts] [--quick]

Every figure is labelled with the set it comes from; only the blind sets were never tuned on. Per-turn
timing asks each distinct question once (a repeated question would be served from caches); a cold start
is a fresh process with no warm-up run and an empty cache directory; `--quick` uses the dev set only and
one run of each start, to check that the script works.
"""
from __future__ import annotations

import argparse
import resource
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
    "tuning3/understanding.yaml (ours; tuned on)": ROOT / "tests" / "data" / "tuning3" / "understanding.yaml",
    "tuning3/safety.yaml (ours; tuned on)": ROOT / "tests" / "data" / "tuning3" / "safety.yaml",
    "tuning4/understanding.yaml (a helper's, for tuning; tuned on)": ROOT / "tests" / "data" / "tuning4" / "understanding.yaml",
    "blind3/understanding.yaml (retired blind set, tuned on since)": ROOT / "tests" / "data" / "blind3" / "understanding.yaml",
    "blind3/safety.yaml (retired blind set, tuned on since)": ROOT / "tests" / "data" / "blind3" / "safety.yaml",
    "blind4/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind4" / "understanding.yaml",
    "blind4/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind4" / "safety.yaml",
    "blind5/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind5" / "understanding.yaml",
    "blind6/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind6" / "understanding.yaml",
    "blind5/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind5" / "safety.yaml",
    "blind6/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind6" / "safety.yaml",
    "blind7/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind7" / "understanding.yaml",
    "blind7/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind7" / "safety.yaml",
    "blind8/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind8" / "understanding.yaml",
    "blind8/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind8" / "safety.yaml",
    "blind9/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind9" / "understanding.yaml",
    "blind9/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind9" / "safety.yaml",
    "blind10/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind10" / "understanding.yaml",
    "blind10/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind10" / "safety.yaml",
    "tuning6/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning6" / "understanding.yaml",
    "blind11/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind11" / "understanding.yaml",
    "blind11/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind11" / "safety.yaml",
    "tuning7/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning7" / "understanding.yaml",
    "tuning7/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning7" / "safety.yaml",
    "blind12/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind12" / "understanding.yaml",
    "blind12/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind12" / "safety.yaml",
    "tuning8/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning8" / "understanding.yaml",
    "tuning8/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning8" / "safety.yaml",
    "blind13/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind13" / "understanding.yaml",
    "blind13/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind13" / "safety.yaml",
    "tuning9/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning9" / "understanding.yaml",
    "tuning9/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning9" / "safety.yaml",
    "blind14/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind14" / "understanding.yaml",
    "blind14/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind14" / "safety.yaml",
    "tuning10/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning10" / "understanding.yaml",
    "tuning10/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning10" / "safety.yaml",
    "blind15/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind15" / "understanding.yaml",
    "blind15/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind15" / "safety.yaml",
    "tuning11/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning11" / "understanding.yaml",
    "tuning11/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning11" / "safety.yaml",
    "blind16/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind16" / "understanding.yaml",
    "blind16/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind16" / "safety.yaml",
    "tuning12/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning12" / "understanding.yaml",
    "tuning12/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning12" / "safety.yaml",
    "blind17/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind17" / "understanding.yaml",
    "blind17/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind17" / "safety.yaml",
    "tuning13/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning13" / "understanding.yaml",
    "tuning13/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning13" / "safety.yaml",
    "blind18/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind18" / "understanding.yaml",
    "blind18/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind18" / "safety.yaml",
    "tuning14/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning14" / "understanding.yaml",
    "tuning14/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning14" / "safety.yaml",
    "blind19/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind19" / "understanding.yaml",
    "blind19/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind19" / "safety.yaml",
    "tuning15/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning15" / "understanding.yaml",
    "tuning15/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning15" / "safety.yaml",
    "blind20/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind20" / "understanding.yaml",
    "blind20/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind20" / "safety.yaml",
    "tuning16/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning16" / "understanding.yaml",
    "tuning16/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning16" / "safety.yaml",
    "blind21/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind21" / "understanding.yaml",
    "blind21/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind21" / "safety.yaml",
    "tuning17/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning17" / "understanding.yaml",
    "tuning17/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning17" / "safety.yaml",
    "blind22/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind22" / "understanding.yaml",
    "blind22/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind22" / "safety.yaml",
    "tuning18/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning18" / "understanding.yaml",
    "tuning18/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning18" / "safety.yaml",
    "blind23/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind23" / "understanding.yaml",
    "blind23/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind23" / "safety.yaml",
    "tuning19/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning19" / "understanding.yaml",
    "tuning19/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning19" / "safety.yaml",
    "blind24/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind24" / "understanding.yaml",
    "blind24/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind24" / "safety.yaml",
    "tuning20/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning20" / "understanding.yaml",
    "tuning20/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning20" / "safety.yaml",
    "tuning21/understanding.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning21" / "understanding.yaml",
    "tuning21/safety.yaml (tuning set, written mid-session)": ROOT / "tests" / "data" / "tuning21" / "safety.yaml",
    "blind25/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind25" / "understanding.yaml",
    "blind25/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind25" / "safety.yaml",
    "tuning22/understanding.yaml": ROOT / "tests" / "data" / "tuning22" / "understanding.yaml",
    "tuning22/safety.yaml": ROOT / "tests" / "data" / "tuning22" / "safety.yaml",
    "tuning23/understanding.yaml": ROOT / "tests" / "data" / "tuning23" / "understanding.yaml",
    "tuning23/safety.yaml": ROOT / "tests" / "data" / "tuning23" / "safety.yaml",
    "blind26/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind26" / "understanding.yaml",
    "blind26/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind26" / "safety.yaml",
    "tuning24/understanding.yaml": ROOT / "tests" / "data" / "tuning24" / "understanding.yaml",
    "tuning24/safety.yaml": ROOT / "tests" / "data" / "tuning24" / "safety.yaml",
    "blind27/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind27" / "understanding.yaml",
    "blind27/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind27" / "safety.yaml",
    "tuning25/understanding.yaml": ROOT / "tests" / "data" / "tuning25" / "understanding.yaml",
    "tuning25/safety.yaml": ROOT / "tests" / "data" / "tuning25" / "safety.yaml",
    "tuning26/understanding.yaml": ROOT / "tests" / "data" / "tuning26" / "understanding.yaml",
    "blind28/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind28" / "understanding.yaml",
    "blind28/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind28" / "safety.yaml",
    "blind29/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind29" / "understanding.yaml",
    "blind29/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind29" / "safety.yaml",
    "blind30/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind30" / "understanding.yaml",
    "blind30/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind30" / "safety.yaml",
    "tuning27/understanding.yaml": ROOT / "tests" / "data" / "tuning27" / "understanding.yaml",
    "tuning27/other-language.yaml (English only: reported apart)": ROOT / "tests" / "data" / "tuning27" / "other-language.yaml",
    "blind31/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind31" / "understanding.yaml",
    "blind31/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind31" / "safety.yaml",
    "blind31/other-language.yaml (retired blind set, now tuning; English only)": ROOT / "tests" / "data" / "blind31" / "other-language.yaml",
    "blind32/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind32" / "understanding.yaml",
    "blind32/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind32" / "safety.yaml",
    "blind33/understanding.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind33" / "understanding.yaml",
    "blind33/safety.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind33" / "safety.yaml",
    "blind34/understanding.yaml (never tuned on)": ROOT / "tests" / "data" / "blind34" / "understanding.yaml",
    "blind34/safety.yaml (never tuned on)": ROOT / "tests" / "data" / "blind34" / "safety.yaml",
}


def accuracy(tutor: Tutor, quick: bool = False) -> None:
    """Every metric and bucket of every question set that is present."""
    for name, path in list(SETS.items())[:1 if quick else None]:
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


def questions(quick: bool = False) -> list[list[str]]:
    """Conversations to replay for the per-turn timing, from the sets tuned on: each distinct single question
    alone, each dialogue in one session; no question is asked twice."""
    convs: list[list[str]] = []
    seen: set[str] = set()
    for path in list(SETS.values())[:1 if quick else 4]:
        if path.exists():
            singles, dialogues = load_cases(path)
            for conv in [[c.question] for c in singles] + [[c.question for c in d] for d in dialogues]:
                if len(conv) > 1 or conv[0] not in seen:
                    convs.append(conv)
                    seen.update(conv)
    return convs


def per_turn(tutor: Tutor, convs: list[list[str]]) -> list[float]:
    times = []
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


def cold_start(runs: int) -> tuple[float, list[float]]:
    """Wall seconds of `tutor ask`: first in a fresh process with an empty cache directory (the pack's YAML is
    parsed), then `runs` fresh processes that find the compiled cache. No warm-up run is left out."""
    import tempfile

    command = [sys.executable, "-m", "tutor", "ask", "what is OPG"]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(child_env(), XDG_CACHE_HOME=cache)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
        empty = time.perf_counter() - start
        walls = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
            walls.append(time.perf_counter() - start)
    return empty, walls


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
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-starts", action="store_true", help="leave out the start-up timings (subprocesses)")
    parser.add_argument("--quick", action="store_true", help="dev set only, one run of each start: checks the script")
    args = parser.parse_args()
    from tutor.engine import default_paths

    start = time.perf_counter()
    Tutor._build(*default_paths())
    parse_s = time.perf_counter() - start
    Tutor.load()  # writes the compiled cache if it is not there yet
    start = time.perf_counter()
    tutor = Tutor.load()
    load_s = time.perf_counter() - start
    convs = questions(args.quick)
    times = per_turn(tutor, convs)
    print(f"concepts: {len(tutor.kb.concepts)}, turns timed: {len(times)} (distinct questions of the sets tuned on, once each)")
    print(f"load, parsing the YAML (in-process): {parse_s * 1000:.0f} ms")
    print(f"load, from the compiled cache (in-process): {load_s * 1000:.0f} ms")
    print(f"per turn: p50 {percentile(times, 50):.3f} ms, p99 {percentile(times, 99):.3f} ms, max {times[-1]:.3f} ms")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    accuracy(tutor, quick=args.quick)
    if args.skip_starts:
        return
    runs = 1 if args.quick else 5
    empty, walls = cold_start(runs)
    print(f"cold start `python -m tutor ask \"what is OPG\"`, fresh process, empty cache: {empty:.3f} s")
    print(f"start `python -m tutor ask \"what is OPG\"`, fresh process, compiled cache: median {percentile(walls, 50):.3f} s, "
          f"max {max(walls):.3f} s ({runs} runs)")
    prompts = sorted(prompt_start(runs))
    print(f"`tutor` in a terminal until the prompt appears: median {percentile(prompts, 50):.3f} s, "
          f"max {max(prompts):.3f} s ({runs} runs)")
    bare = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    print(f"for scale: a bare `python -c pass` on this machine: median {percentile(sorted(bare), 50):.3f} s")


if __name__ == "__main__":
    main()
