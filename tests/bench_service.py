"""Load test of `tutor serve`: real server processes on one store, simulated learners over loopback.
Prints figures; asserts nothing (a run with errors or lost answers says so and exits 1).

Two set-ups, each bounded (a fixed number of turns, then everything stops by itself):
  postgresql  2 server processes on one PostgreSQL database (a throwaway server started here, as the
              tests do: tests/pgcluster.py)
  sqlite      1 server process on one SQLite file
In each, 16 learner threads send 5,000 turns in all, spread over the servers in turn; the learners
share 10 user ids, so several of them answer for the same user at the same time, as two devices of
one person or a group chat would. A learner's turns: start a quiz, answer it (letters, true/false,
short answers, "i don't know", hints), ask questions between quizzes.

Reported: throughput (turns per second, wall clock), latency p50/p99 as the client saw it, errors
(any status but 200, or no answer), and for every user the answers in the store's journal against the
answers counted in the learner's saved state: equal means no answer was lost.

Run:  python tests/bench_service.py [--setup postgresql|sqlite|both] [--turns 5000] [--learners 16] [--users 10]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

ANSWERS = ["a", "b", "c", "d", "true", "false", "i don't know", "hint", "they mature into active osteoclasts",
           "it binds rankl as a decoy", "estrogen", "skip"]
QUESTIONS = ["what do osteoclasts do?", "what blocks RANKL?", "more detail", "what is OPG", "simpler",
             "how does estrogen protect bone?", "progress"]
TOPICS = ["opg", "rankl", "osteoclasts", "estrogen", "testosterone", "bone remodeling"]


def start_servers(count: int, url: str, folder: Path) -> tuple[list[subprocess.Popen], list[str]]:
    env = {**os.environ, "TUTOR_STORE": url}
    env.pop("TUTOR_TOKEN", None)
    processes, bases = [], []
    for n in range(count):
        log = open(folder / f"server-{n}.log", "w")  # noqa: SIM115 - closed with the process
        processes.append(subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", "0"], cwd=ROOT, env=env,
                                          stdout=subprocess.DEVNULL, stderr=log))
        bases.append(wait_for_listening(folder / f"server-{n}.log", processes[-1]))
    return processes, bases


def wait_for_listening(log: Path, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for line in log.read_text().splitlines():
            if '"listening"' in line:
                return json.loads(line)["url"]
        if process.poll() is not None:
            raise SystemExit(f"a server stopped at start:\n{log.read_text()}")
        time.sleep(0.05)
    raise SystemExit("a server did not start within a minute")


def post(base: str, user: str, text: str) -> tuple[int, dict | None]:
    request = urllib.request.Request(f"{base}/v1/users/{user}/messages", data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, None
    except OSError:
        return 0, None


def learner(index: int, turns: int, users: int, bases: list[str], latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(index)
    user = f"learner-{index % users}"
    for turn in range(turns):
        kind = rng.random()
        text = (f"quiz me on {rng.choice(TOPICS)}" if kind < 0.12 else rng.choice(QUESTIONS) if kind < 0.25
                else rng.choice(ANSWERS))
        started = time.perf_counter()
        status, reply = post(bases[(index + turn) % len(bases)], user, text)
        latencies.append(time.perf_counter() - started)
        if status != 200 or not reply or not reply.get("text"):
            errors.append(f"{user} {text!r}: status {status}")


def journal_against_state(url: str, users: int) -> list[tuple[str, int, int]]:
    from tutor.store import open_store

    store = open_store(url)
    try:
        rows = []
        for n in range(users):
            user = f"learner-{n}"
            session = store.load(user)
            counted = sum(answered for _, answered in session.tally.values()) if session else 0
            rows.append((user, len(store.answers(user)), counted))
        return rows
    finally:
        store.close()


def run(setup: str, servers: int, url: str, folder: Path, args: argparse.Namespace) -> bool:
    processes, bases = start_servers(servers, url, folder)
    latencies: list[float] = []
    errors: list[str] = []
    per_learner = [args.turns // args.learners + (1 if i < args.turns % args.learners else 0) for i in range(args.learners)]
    threads = [threading.Thread(target=learner, args=(i, per_learner[i], args.users, bases, latencies, errors))
               for i in range(args.learners)]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    return report(setup, servers, args, latencies, errors, wall, journal_against_state(url, args.users))


def report(setup: str, servers: int, args: argparse.Namespace, latencies: list[float], errors: list[str], wall: float,
           rows: list[tuple[str, int, int]]) -> bool:
    """Print the figures of one set-up; True when nothing failed and nothing was lost."""
    journaled, counted = sum(r[1] for r in rows), sum(r[2] for r in rows)
    ordered = sorted(latencies)
    print(f"\n{setup}: {servers} server process(es), {args.learners} learners on {args.users} user ids, "
          f"{len(latencies)} turns")
    print(f"  throughput   {len(latencies) / wall:8.1f} turns/s   ({wall:.1f} s wall)")
    print(f"  latency      p50 {1000 * statistics.median(ordered):6.1f} ms   "
          f"p99 {1000 * ordered[int(0.99 * (len(ordered) - 1))]:6.1f} ms   max {1000 * ordered[-1]:6.1f} ms")
    print(f"  errors       {len(errors)}" + (f"   first: {errors[0]}" if errors else ""))
    print(f"  answers      journaled {journaled}, counted in the learners' state {counted}, lost {journaled - counted}")
    for user, in_journal, in_state in rows:
        if in_journal != in_state:
            print(f"    {user}: journal {in_journal} != state {in_state}")
    return not errors and journaled == counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--setup", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--turns", type=int, default=5000)
    parser.add_argument("--learners", type=int, default=16)
    parser.add_argument("--users", type=int, default=10)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; servers, clients and database share them")
    ok = True
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as temp:
        folder = Path(temp)
        if args.setup in ("sqlite", "both"):
            ok &= run("sqlite", 1, f"sqlite:///{folder / 'bench.sqlite3'}", folder, args)
        if args.setup in ("postgresql", "both"):
            import pgcluster

            reason = pgcluster.why_not()
            if reason:
                print(f"\npostgresql: skipped ({reason})")
            else:
                cluster = pgcluster.Cluster().start()
                try:
                    ok &= run("postgresql", 2, cluster.new_database("bench"), folder, args)
                finally:
                    cluster.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
