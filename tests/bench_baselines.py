"""Baselines: the tutor against simple matchers a user might pick instead, on the same questions and knowledge.

Run:  pip install -e '.[bench]' && python tests/bench_baselines.py [--misses]

Protocol
- Questions: the `single` entries of shared/eval/dev.yaml and tests/data/heldout.yaml. In-scope ones
  (`expect:`) and out-of-scope ones (`kind: unknown`) are scored; safety and chat entries are left out
  of the table (the baselines have no notion of them); the tutor's own figures on them follow the table.
- Knowledge: the tutor's pack, `Tutor.load().kb.concepts`. A baseline that picks an entry of a broader
  concept (a reference) answers with the broader one, as the tutor does (`Concept.answers_for`).
- Systems:
  * tutor: `tutor.respond(new session, q)`; right when kind "answer" and concept in expect; rejected when
    kind "unknown" (a "did you mean A or B?" is neither). It uses its own thresholds, which, like its pack,
    were developed against dev.yaml: its dev column is in-sample, the held-out one is not.
  * ChatterBot-style best match: `rapidfuzz.process.extractOne` with `fuzz.ratio` and `default_process`
    over every concept's title, aliases and example questions; the best string's concept wins.
  * BM25Okapi (rank_bm25): one document per concept (title, aliases, examples, the three explanations),
    lower-cased `\\w+` tokens.
  * TF-IDF cosine (scikit-learn `TfidfVectorizer`, defaults) over the same documents: word, and char_wb 2-4.
- Thresholds: a baseline answers when its best score >= t, else rejects. t is tuned on one set, maximising
  the mean of in-scope top-1 and out-of-scope rejection (candidates: midpoints between observed scores; ties:
  the middle candidate), and applied to the other: the held-out columns use the dev-tuned t, the dev
  columns the held-out-tuned t (as shared/reference/baselines.md did with its two halves).
  "raw" is top-1 with no threshold.
- Latency: perf_counter around one call (tutor: `respond`, the new session's ~2 us included; baseline:
  preprocessing, scoring and picking the best), over the questions of both sets repeated to >= 1,000
  calls per system, after one untimed pass (which also gives the predictions scored).
- Load: import of the library in a fresh interpreter + building the index in this one (tutor:
  `Tutor.load()` from its pack cache, and building from the YAML with TUTOR_NO_CACHE=1).
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import math
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor import Tutor  # noqa: E402
from tutor.evaluation import EvalCase, load_cases, percentile  # noqa: E402

SETS = {"dev": ROOT.parent / "shared" / "eval" / "dev.yaml", "held-out": ROOT / "tests" / "data" / "heldout.yaml"}
TUTOR = "**tutor** (own thresholds)"
Outcome = tuple[str, "str | None"]           # (kind, concept): ("answer", id), ("unknown", None), ("clarify", None)
Predict = Callable[[str], tuple[str, float]]  # question -> (best concept, score)


# --- baselines ----------------------------------------------------------------------------------
def document(c) -> str:
    return "\n".join([c.title, *c.aliases, *c.examples, *c.explain.values()])


def build_ratio(concepts) -> Predict:
    from rapidfuzz import fuzz, process, utils

    texts, owners = [], []
    for c in concepts:
        for text in (c.title, *c.aliases, *c.examples):
            texts.append(text)
            owners.append(c.answers_for)

    def predict(q: str) -> tuple[str, float]:
        best = process.extractOne(q, texts, scorer=fuzz.ratio, processor=utils.default_process)
        return (owners[best[2]], best[1]) if best else (owners[0], 0.0)
    return predict


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def build_bm25(concepts) -> Predict:
    from rank_bm25 import BM25Okapi

    bm25, ids = BM25Okapi([tokens(document(c)) for c in concepts]), [c.answers_for for c in concepts]

    def predict(q: str) -> tuple[str, float]:
        scores = bm25.get_scores(tokens(q))
        best = int(scores.argmax())
        return ids[best], float(scores[best])
    return predict


def build_tfidf(**options) -> Callable:
    def build(concepts) -> Predict:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(**options)
        matrix, ids = vectorizer.fit_transform([document(c) for c in concepts]), [c.answers_for for c in concepts]

        def predict(q: str) -> tuple[str, float]:
            scores = (matrix @ vectorizer.transform([q]).T).toarray().ravel()  # rows are l2-normalised: cosine
            best = int(scores.argmax())
            return ids[best], float(scores[best])
        return predict
    return build


BASELINES = [  # name, module to import (and time), builder
    ("ChatterBot-style best match (fuzz.ratio)", "rapidfuzz.process", build_ratio),
    ("BM25Okapi", "rank_bm25", build_bm25),
    ("TF-IDF word", "sklearn.feature_extraction.text", build_tfidf()),
    ("TF-IDF char_wb 2-4", "sklearn.feature_extraction.text", build_tfidf(analyzer="char_wb", ngram_range=(2, 4))),
]


# --- measuring and scoring --------------------------------------------------------------------
def import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def latencies(call: Callable[[str], object], questions: list[str]) -> list[float]:
    """Seconds per call, each distinct question once (a repeated question would be served from caches)."""
    times = []
    for q in dict.fromkeys(questions):
        start = time.perf_counter()
        call(q)
        times.append(time.perf_counter() - start)
    return sorted(times)


def right(case: EvalCase, outcome: Outcome) -> bool:
    kind, concept = outcome
    return kind == "answer" and concept in case.expect if case.expect else kind == "unknown"


def rates(cases: list[EvalCase], outcomes: list[Outcome]) -> tuple[list[int], list[int]]:
    """[right, total] in scope and out of scope."""
    tallies = {True: [0, 0], False: [0, 0]}
    for case, outcome in zip(cases, outcomes):
        tallies[bool(case.expect)][0] += right(case, outcome)
        tallies[bool(case.expect)][1] += 1
    return tallies[True], tallies[False]


def thresholded(preds: list[tuple[str, float]], t: float) -> list[Outcome]:
    return [("answer", c) if s >= t else ("unknown", None) for c, s in preds]


def objective(cases: list[EvalCase], preds: list[tuple[str, float]], t: float) -> float:
    (a, n), (b, m) = rates(cases, thresholded(preds, t))
    return (a / n + b / m) / 2


def tune(cases: list[EvalCase], preds: list[tuple[str, float]]) -> float:
    scores = sorted({s for _, s in preds})
    candidates = [scores[0] - 1, *((a + b) / 2 for a, b in pairwise(scores)), scores[-1] + 1]
    values = [objective(cases, preds, t) for t in candidates]
    ties = [t for t, v in zip(candidates, values) if v == max(values)]
    return ties[len(ties) // 2]


def pct(tally: list[int]) -> str:
    return f"{tally[0]}/{tally[1]} ({100 * tally[0] / tally[1]:.0f}%)"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


# --- main ---------------------------------------------------------------------------------------
def timed(call: Callable, *args) -> tuple[object, float]:
    start = time.perf_counter()
    result = call(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list the questions the tutor gets wrong and who gets them right")
    args = parser.parse_args()

    singles = {n: load_cases(path)[0] for n, path in SETS.items()}
    cases = {n: [c for c in singles[n] if c.expect or c.kind == "unknown"] for n in SETS}
    questions = [c.question for n in SETS for c in cases[n]]

    saved = os.environ.get("TUTOR_NO_CACHE")
    os.environ["TUTOR_NO_CACHE"] = "1"
    _, cold = timed(Tutor.load)
    os.environ.pop("TUTOR_NO_CACHE")
    Tutor.load()  # the first load with the cache on may have to write it
    tutor, warm = timed(Tutor.load)
    if saved is not None:
        os.environ["TUTOR_NO_CACHE"] = saved
    concepts = list(tutor.kb.concepts.values())

    def ask(q: str):
        return tutor.respond(tutor.new_session(), q)

    header = ["system", "t tuned on dev / held-out", "in-scope top-1 dev (held-out t)", "in-scope top-1 held-out (dev t)",
              "OOS rejected dev", "OOS rejected held-out", "raw top-1 dev / held-out", "median", "p99", "import + build"]
    rows, notes, verdicts = [], [], {}

    def add_row(name: str, outcomes: dict[str, list[Outcome]], tuned: str, raw: str, call: Callable, load: str) -> None:
        verdicts[name] = {n: [right(c, o) for c, o in zip(cases[n], outcomes[n])] for n in SETS}
        (dev_in, dev_out), (held_in, held_out) = (rates(cases[n], outcomes[n]) for n in SETS)
        times = latencies(call, questions)
        rows.append([name, tuned, pct(dev_in), pct(held_in), pct(dev_out), pct(held_out), raw,
                     us(percentile(times, 50)), us(percentile(times, 99)), load])

    replies = {n: [ask(c.question) for c in cases[n]] for n in SETS}
    add_row(TUTOR, {n: [(r.kind, r.concept) for r in replies[n]] for n in SETS}, "—", "—", ask,
            f"{import_seconds('tutor'):.2f} s + {warm * 1e3:.0f} ms (no cache: {cold * 1e3:.0f} ms)")

    for name, module, build in BASELINES:
        if importlib.util.find_spec(module.split(".")[0]) is None:
            rows.append([name, "skipped"] + [""] * (len(header) - 2))
            notes.append(f"{name}: skipped, `{module.split('.')[0]}` is not installed (pip install -e '.[bench]').")
            continue
        imported = import_seconds(module)
        importlib.import_module(module)  # here too, so that the build is timed alone
        predict, built = timed(build, concepts)
        preds = {n: [predict(c.question) for c in cases[n]] for n in SETS}
        t = {n: tune(cases[n], preds[n]) for n in SETS}
        crossed = {"dev": thresholded(preds["dev"], t["held-out"]), "held-out": thresholded(preds["held-out"], t["dev"])}
        raw = " / ".join(pct(rates(cases[n], thresholded(preds[n], -math.inf))[0]) for n in SETS)
        add_row(name, crossed, f"{t['dev']:.3g} / {t['held-out']:.3g}", raw, predict, f"{imported:.2f} s + {built * 1e3:.0f} ms")

    for n in SETS:
        tallies = []
        for kind in ("safety", "chat"):
            asked = [c.question for c in singles[n] if c.kind == kind]
            tallies.append(f"{kind} {pct([sum(ask(q).kind == kind for q in asked), len(asked)])}" if asked else f"no {kind}")
        notes.append(f"tutor on {n}, not in the table: {', '.join(tallies)}.")

    n_in = {n: sum(bool(c.expect) for c in cases[n]) for n in SETS}
    calls = len(dict.fromkeys(questions))
    print(f"{len(concepts)} concepts; dev: {n_in['dev']} in-scope + {len(cases['dev']) - n_in['dev']} out-of-scope, held-out: "
          f"{n_in['held-out']} + {len(cases['held-out']) - n_in['held-out']}; {calls} timed calls per system "
          f"(Python {sys.version.split()[0]})\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"- {note}")

    if args.misses:
        for n in SETS:
            print(f"\n{n}: questions the tutor gets wrong, and the baselines that get them right (threshold from the other set):")
            for i, (case, reply) in enumerate(zip(cases[n], replies[n])):
                if not verdicts[TUTOR][n][i]:
                    winners = [name for name in verdicts if name != TUTOR and verdicts[name][n][i]]
                    print(f"  {case.question!r} (want {'/'.join(case.expect) or 'unknown'}; tutor: {reply.kind} "
                          f"{reply.concept or ''}): {', '.join(winners) or 'none'}")


if __name__ == "__main__":
    main()
