"""Scores the tutor on a question file of the form of shared/eval/dev.yaml.

Every field a case carries is judged, and every case counts in at least one metric:
a case that asserts nothing, or carries a field this evaluator does not know, is
reported as a problem instead of being skipped silently.
"""
from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .reply import Reply
from .yamlsource import load_yaml_file

__all__ = ["EvalCase", "EvalReport", "load_cases", "evaluate", "summary_lines", "judge", "first_sentence", "percentile"]

# Fields that assert something about the reply.
_ASSERTING = ("expect", "kind", "level", "mentions", "lead", "uncovered", "not_answer")
# Fields that only label a case, so that its results are also reported by group.
_LABELS = ("bucket", "category", "source_style")
_NOTE = re.compile(r"^\((?:Switching|From now on)[^)]*\)\s*")


@dataclass(frozen=True)
class EvalCase:
    question: str
    expect: tuple[str, ...] = ()
    kind: str | None = None
    level: str | None = None
    mentions: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    uncovered: bool = False
    not_answer: bool = False
    group: str | None = None
    line: int = 0


@dataclass
class EvalReport:
    counts: dict[str, list[int]] = field(default_factory=dict)  # metric -> [right, total]
    misses: list[dict[str, Any]] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)

    def add(self, metric: str, right: bool) -> None:
        tally = self.counts.setdefault(metric, [0, 0])
        tally[0] += int(right)
        tally[1] += 1

    def to_dict(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "metrics": {m: {"right": r, "total": t, "rate": round(r / t, 4) if t else None} for m, (r, t) in self.counts.items()},
            "latency_ms": {"p50": _rounded(percentile(lat, 50)), "p99": _rounded(percentile(lat, 99)), "turns": len(lat)},
            "misses": self.misses,
        }


def percentile(sorted_values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile of already sorted values (the one definition the evaluator and benchmarks share)."""
    if not sorted_values:
        return None
    rank = math.ceil(pct / 100 * len(sorted_values))  # the smallest value with at least pct% of values at or below it
    return sorted_values[min(len(sorted_values), max(1, rank)) - 1]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def load_cases(path: Path) -> tuple[list[EvalCase], list[list[EvalCase]]]:
    """The single questions and the dialogues of an eval file; ContentError with every problem as file:line."""
    source = str(path)
    data, problems = load_yaml_file(Path(path))
    if problems:
        raise ContentError(problems)
    if not isinstance(data, dict):
        raise ContentError([Problem(source, 1, "an eval file must be a mapping with 'single' and/or 'dialogues'")])
    for key in sorted(set(data) - {"single", "dialogues"}, key=str):
        problems.append(Problem(source, _line_of(data, key), f"unknown section {key!r} (expected 'single' and/or 'dialogues')"))
    singles = [_case(item, source, problems) for item in _list(data, "single", source, problems)]
    dialogues = _dialogues(data, source, problems)
    if not problems and not singles and not dialogues:
        problems.append(Problem(source, 1, "the file holds no case (give a 'single' list or 'dialogues')"))
    if problems:
        raise ContentError(problems)
    return singles, dialogues


def _dialogues(data: dict, source: str, problems: list[Problem]) -> list[list[EvalCase]]:
    dialogues = []
    for turns in _list(data, "dialogues", source, problems):
        if not isinstance(turns, list) or not turns:
            problems.append(Problem(source, getattr(turns, "line", _line_of(data, "dialogues")), "a dialogue must be a list of cases"))
            continue
        dialogues.append([_case(item, source, problems) for item in turns])
    return dialogues


def _list(data: dict, key: str, source: str, problems: list[Problem]) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(source, _line_of(data, key), f"'{key}' must be a list"))
        return []
    return value


def _line_of(mapping: Any, key: str) -> int:
    """The line of a key in a mapping read by yamlsource (which remembers lines), else the mapping's own line."""
    lines = getattr(mapping, "key_lines", None) or {}
    return lines.get(key) or getattr(mapping, "line", 1)


def _case(item: Any, source: str, problems: list[Problem]) -> EvalCase:
    line = getattr(item, "line", 1)
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        problems.append(Problem(source, line, "each case needs a 'q' question"))
        return EvalCase("")
    unknown = sorted(set(item) - {"q", *_ASSERTING, *_LABELS}, key=str)
    if unknown:
        problems.append(Problem(source, _line_of(item, str(unknown[0])),
                                f"unknown field(s) {', '.join(map(str, unknown))}: this evaluator would not judge them"))
    if not any(item.get(f) for f in _ASSERTING):
        problems.append(Problem(source, line, f"the case asserts nothing (give one of {', '.join(_ASSERTING)})"))
    wrong = [f for f, ok in _field_types(item).items() if not ok]
    if wrong:
        problems.append(Problem(source, line, f"field(s) {', '.join(wrong)}: {_FIELD_TYPES}"))
        return EvalCase(item["q"], line=line)
    group = next((str(item[f]) for f in _LABELS if item.get(f)), None)
    return EvalCase(item["q"], _strings(item.get("expect")), item.get("kind"), item.get("level"),
                    _strings(item.get("mentions")), _strings(item.get("lead")),
                    bool(item.get("uncovered")), bool(item.get("not_answer")), group, line)


_FIELD_TYPES = "kind, level and labels are text; expect, mentions and lead text or a list of texts; uncovered and not_answer true or false"


def _field_types(item: dict) -> dict[str, bool]:
    def text_or_texts(value: Any) -> bool:
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))

    checks = {f: isinstance(item[f], str) for f in ("kind", "level", *_LABELS) if item.get(f) is not None}
    checks.update({f: text_or_texts(item[f]) for f in ("expect", "mentions", "lead") if item.get(f) is not None})
    checks.update({f: isinstance(item[f], bool) for f in ("uncovered", "not_answer") if item.get(f) is not None})
    return checks


def _strings(value: Any) -> tuple[str, ...]:
    """A list of strings, or one string written alone ("expect: opg" is the id opg, not the letters o, p, g)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def evaluate(tutor: Any, singles: list[EvalCase], dialogues: list[list[EvalCase]]) -> EvalReport:
    report = EvalReport()
    for case in singles:
        reply = _timed(tutor, tutor.new_session(), case.question, report)
        _score(report, case, reply, "single")
    for turns in dialogues:
        session = tutor.new_session()
        for position, case in enumerate(turns):
            reply = _timed(tutor, session, case.question, report)
            if position:
                report.add("followup_turns", judge(case, reply) is None)
            _score(report, case, reply, "dialogue", overall="dialogue_turns")
    return report


def _timed(tutor: Any, session: Any, question: str, report: EvalReport) -> Reply:
    start = time.perf_counter()
    reply = tutor.respond(session, question)
    report.latencies_ms.append((time.perf_counter() - start) * 1000)
    return reply


def first_sentence(text: str) -> str:
    """The reply's first sentence, after any "(Switching to ... depth)" note."""
    body = _NOTE.sub("", text.strip())
    return re.split(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bet al\.)\s+|\n", body, maxsplit=1)[0]


def _expect(case: EvalCase, reply: Reply) -> str | None:
    ok = reply.kind == "answer" and reply.concept in case.expect
    return None if ok else f"expected {'/'.join(case.expect)}, got {reply.kind} {reply.concept}"


def _kind(case: EvalCase, reply: Reply) -> str | None:
    return None if reply.kind == case.kind else f"expected kind {case.kind}, got {reply.kind} {reply.concept or ''}".rstrip()


def _level(case: EvalCase, reply: Reply) -> str | None:
    return None if reply.level == case.level else f"expected depth {case.level}, got {reply.level}"


def _mentions(case: EvalCase, reply: Reply) -> str | None:
    missing = [m for m in case.mentions if m.lower() not in reply.text.lower()]
    return f"reply does not mention {', '.join(missing)}" if missing else None


def _lead(case: EvalCase, reply: Reply) -> str | None:
    lead = first_sentence(reply.text).lower()
    return None if any(w.lower() in lead for w in case.lead) else f"first sentence lacks {'/'.join(case.lead)}: {lead[:80]!r}"


def _uncovered(case: EvalCase, reply: Reply) -> str | None:
    return None if reply.kind in ("unknown", "safety") else f"answered as {reply.kind} {reply.concept}"


def _not_answer(case: EvalCase, reply: Reply) -> str | None:
    return None if reply.kind != "answer" else f"answered as {reply.concept}"


# field of a case -> (the metric it counts in, its judge); in this order
_JUDGES = (("expect", lambda case: "in_scope", _expect), ("kind", lambda case: case.kind, _kind),
           ("level", lambda case: "level", _level), ("mentions", lambda case: "mentions", _mentions),
           ("lead", lambda case: "lead", _lead), ("uncovered", lambda case: "uncovered", _uncovered),
           ("not_answer", lambda case: "not_answer", _not_answer))


def _checks(case: EvalCase, reply: Reply) -> dict[str, str | None]:
    """Each assertion of the case: metric name -> None when met, else what was wrong."""
    # an uncovered aspect is judged by its own check (declining passes it), not by the concept it names
    return {metric(case): check(case, reply) for name, metric, check in _JUDGES
            if getattr(case, name) and not (name == "expect" and case.uncovered)}


def judge(case: EvalCase, reply: Reply) -> str | None:
    """None when the reply meets every assertion of the case, else the first thing wrong."""
    return next((problem for problem in _checks(case, reply).values() if problem), None)


def _score(report: EvalReport, case: EvalCase, reply: Reply, where: str, overall: str | None = None) -> None:
    checks = _checks(case, reply)
    if overall is None:
        for metric, problem in checks.items():
            report.add(metric, problem is None)
    else:
        report.add(overall, not any(checks.values()))
    problem = judge(case, reply)
    if case.group:
        report.add(f"group:{case.group}", problem is None)
    if problem:
        report.misses.append({"q": case.question, "line": case.line, "where": where, "problem": problem,
                              "group": case.group, "confidence": round(reply.confidence, 3), "runner_up": reply.runner_up})


_LABELS_SHOWN = [("in_scope", "in-scope top-1"), ("mentions", "both sides named"), ("lead", "direct answer first"),
                 ("uncovered", "uncovered said"), ("not_answer", "foreign declined"), ("unknown", "unknown recall"),
                 ("safety", "safety"), ("chat", "chat"), ("level", "level"), ("dialogue_turns", "dialogue turns"),
                 ("followup_turns", "follow-up turns")]


def summary_lines(report: EvalReport, show_misses: bool = True) -> list[str]:
    lines = []
    for metric, label in _LABELS_SHOWN:
        if metric in report.counts:
            lines.append(_rate_line(label, *report.counts[metric]))
    groups = sorted(m for m in report.counts if m.startswith("group:"))
    if groups:
        lines.append("by group:")
        lines.extend(_rate_line("  " + g[len("group:"):], *report.counts[g]) for g in groups)
    lat = sorted(report.latencies_ms)
    if lat:
        lines.append(f"latency per turn p50 {percentile(lat, 50):.3f} ms, p99 {percentile(lat, 99):.3f} ms ({len(lat)} turns)")
    if not show_misses:
        lines.append(f"misses: {len(report.misses)} (not shown)")
    elif report.misses:
        lines.append(f"misses ({len(report.misses)}):")
        lines.extend(f"  line {m['line']}: {m['q']!r}: {m['problem']}" for m in report.misses)
    else:
        lines.append("misses: none")
    return lines


def _rate_line(label: str, right: int, total: int) -> str:
    return f"{label:<22} {right:>4}/{total:<4} {100 * right / total:6.1f}%"
