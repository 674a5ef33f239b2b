"""Benchmark: how far the grader agrees with labelled learner answers. Prints figures; asserts nothing.

Run:  python tests/bench_grading.py [FILE ...] [--misses]

Each file holds `answers:` entries {item, answer, correct, kind, why?} (the form of
tests/data/graded_answers.yaml). Without files it scores every labelled set present. A blind set is
scored with figures only: never print its misses, never tune on it. A blind set retired to tuning
says "now a tuning set" (or "it is a tuning set") on its first line, and then shows its misses too.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutor import Tutor  # noqa: E402
from tutor.quiz import asks_why, reason_given, reason_rubric  # noqa: E402

SETS = {
    "graded_answers.yaml (tuned on)": ROOT / "tests" / "data" / "graded_answers.yaml",
    "blind3/graded.yaml (retired blind set, now tuned on)": ROOT / "tests" / "data" / "blind3" / "graded.yaml",
    "blind4/graded.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind4" / "graded.yaml",
    "blind5/graded.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind5" / "graded.yaml",
    "blind6/graded.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind6" / "graded.yaml",
    "blind7/graded.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind7" / "graded.yaml",
    "blind8/graded.yaml (retired blind set, now tuning)": ROOT / "tests" / "data" / "blind8" / "graded.yaml",
}


ASKED_WHY = "asked why"  # a bare right verdict to an item that asks for the reason: the quiz grades nothing yet


def grade(tutor: Tutor, items: dict, entry: dict) -> bool | str | None:
    """The grader's verdict on one labelled answer; None when the item no longer exists; ASKED_WHY when the quiz
    would ask for the reason before grading (writers label such answers both ways, so they are counted apart)."""
    item = items.get(entry["item"])
    if item is None:
        return None
    with tutor.folding():  # the pack's spelling folds, as in a quiz turn (igf1 -> igf-1)
        if entry.get("why"):
            return tutor._grader.rubric(item.why, entry["answer"], item.explanation).correct
        verdict = tutor._grader.grade(item, entry["answer"])
        if reason_given(item, verdict, entry["answer"]):
            # as in the quiz: a reason given with the verdict is read at once, and must be right too
            return tutor._grader.rubric(reason_rubric(item), entry["answer"], item.explanation).correct
        if asks_why(item, verdict):
            return ASKED_WHY
        return verdict.correct


def figures(tutor: Tutor, entries: list[dict], show_misses: bool) -> list[str]:
    items = {i.id: i for i in tutor.kb.quiz}
    by_type: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    missing, asked, lines = 0, 0, []
    for entry in entries:
        verdict = grade(tutor, items, entry)
        if verdict is None:
            missing += 1
            continue
        if verdict == ASKED_WHY:
            asked += 1
            continue
        kind = "why" if entry.get("why") else items[entry["item"]].type
        by_type[kind].append((verdict, bool(entry["correct"])))
        by_type["all"].append((verdict, bool(entry["correct"])))
        if show_misses and verdict != bool(entry["correct"]):
            lines.append(f"  MISS {entry['item']}: {entry['answer']!r} labelled {entry['correct']}, graded {verdict}")
    table = [f"{'type':<6} {'n':>4} {'agree':>7} {'false acc':>10} {'false rej':>10}"]
    for kind in ["all", "short", "cloze", "tf", "why", "mc"]:
        pairs = by_type.get(kind)
        if pairs:
            table.append(_row(kind, pairs))
    if missing:
        table.append(f"({missing} answers name items that no longer exist)")
    if asked:
        table.append(f"({asked} bare right verdicts left out: the quiz asks for the reason before it grades them)")
    return table + lines


def _row(kind: str, pairs: list[tuple[bool, bool]]) -> str:
    agree = sum(g == label for g, label in pairs) / len(pairs)
    wrong = [g for g, label in pairs if not label]
    right = [g for g, label in pairs if label]
    accepts = f"{100 * sum(wrong) / len(wrong):.1f}%" if wrong else "-"
    rejects = f"{100 * (len(right) - sum(right)) / len(right):.1f}%" if right else "-"
    return f"{kind:<6} {len(pairs):>4} {100 * agree:>6.1f}% {accepts:>10} {rejects:>10}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="list disagreements (never on a blind set)")
    args = parser.parse_args()
    tutor = Tutor.load()
    sets = {str(p): p for p in args.files} if args.files else SETS
    for name, path in sets.items():
        if not path.exists():
            print(f"\n== {name}: absent ({path})")
            continue
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]
        print(f"\n== {name}")
        print("\n".join(figures(tutor, entries, args.misses and not _blind(path))))


def _blind(path: Path) -> bool:
    """A blind set never shows its misses; one retired to tuning says so on its first line."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0].lower()
    retired = "now a tuning set" in first or "it is a tuning set" in first
    return "blind" in str(path) and not retired


if __name__ == "__main__":
    main()
