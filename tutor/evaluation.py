"""Scores the tutor on a question file of the form of shared/eval/dev.yaml."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .reply import Reply
from .yamlsource import load_yaml_file

__all__ = ["EvalCase", "EvalReport", "load_cases", "evaluate", "summary_lines"]


@dataclass(frozen=True)
class EvalCase:
    question: str
    expect: tuple[str, ...] = ()
    kind: str | None = None
    level: str | None = None
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

    def rate(self, metric: str) -> float | None:
        right, total = self.counts.get(metric, [0, 0])
        return right / total if total else None

    def to_dict(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "metrics": {m: {"right": r, "total": t, "rate": round(r / t, 4) if t else None} for m, (r, t) in self.counts.items()},
            "latency_ms": {"p50": _percentile(lat, 50), "p99": _percentile(lat, 99), "turns": len(lat)},
            "misses": self.misses,
        }


def _percentile(values: list[float], pct: float) -> float | None:
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return round(values[index], 4)


def load_cases(path: Path) -> tuple[list[EvalCase], list[list[EvalCase]]]:
    data, problems = load_yaml_file(Path(path))
    if problems:
        raise ContentError(problems)
    if not isinstance(data, dict):
        raise ContentError([Problem(str(path), 1, "an eval file must be a mapping with 'single' and/or 'dialogues'")])
    singles = [_case(item, str(path), problems) for item in data.get("single") or []]
    dialogues = [[_case(item, str(path), problems) for item in turns] for turns in data.get("dialogues") or []]
    if problems:
        raise ContentError(problems)
    return singles, dialogues


def _case(item: Any, source: str, problems: list[Problem]) -> EvalCase:
    line = getattr(item, "line", 1)
    if not isinstance(item, dict) or not isinstance(item.get("q"), str):
        problems.append(Problem(source, line, "each case needs a 'q' question"))
        return EvalCase("")
    expect = item.get("expect") or []
    return EvalCase(item["q"], tuple(expect), item.get("kind"), item.get("level"), line)


def evaluate(tutor: Any, singles: list[EvalCase], dialogues: list[list[EvalCase]]) -> EvalReport:
    report = EvalReport()
    for case in singles:
        reply = _timed(tutor, tutor.new_session(), case.question, report)
        _score(report, case, reply, "single")
    for turns in dialogues:
        session = tutor.new_session()
        for case in turns:
            reply = _timed(tutor, session, case.question, report)
            report.add("dialogue_turns", _judge(case, reply) is None)
            if _judge(case, reply) is not None:
                report.misses.append(_miss(case, reply, "dialogue", _judge(case, reply)))
    return report


def _timed(tutor: Any, session: Any, question: str, report: EvalReport) -> Reply:
    start = time.perf_counter()
    reply = tutor.respond(session, question)
    report.latencies_ms.append((time.perf_counter() - start) * 1000)
    return reply


def _judge(case: EvalCase, reply: Reply) -> str | None:
    """None when the reply is right, else what was wrong."""
    if case.expect and not (reply.kind == "answer" and reply.concept in case.expect):
        return f"expected {'/'.join(case.expect)}, got {reply.kind} {reply.concept}"
    if case.kind and reply.kind != case.kind:
        return f"expected kind {case.kind}, got {reply.kind} {reply.concept or ''}".rstrip()
    if case.level and reply.level != case.level:
        return f"expected depth {case.level}, got {reply.level}"
    return None


def _score(report: EvalReport, case: EvalCase, reply: Reply, where: str) -> None:
    if case.expect:
        report.add("in_scope", reply.kind == "answer" and reply.concept in case.expect)
    if case.kind:
        report.add(case.kind, reply.kind == case.kind)
    if case.level:
        report.add("level", reply.level == case.level)
    problem = _judge(case, reply)
    if problem:
        report.misses.append(_miss(case, reply, where, problem))


def _miss(case: EvalCase, reply: Reply, where: str, problem: str) -> dict[str, Any]:
    return {"q": case.question, "line": case.line, "where": where, "problem": problem,
            "confidence": round(reply.confidence, 3), "runner_up": reply.runner_up}


def summary_lines(report: EvalReport) -> list[str]:
    labels = [("in_scope", "in-scope top-1"), ("unknown", "unknown recall"), ("safety", "safety"), ("chat", "chat"),
              ("level", "level"), ("dialogue_turns", "dialogue turns")]
    lines = []
    for metric, label in labels:
        if metric in report.counts:
            right, total = report.counts[metric]
            lines.append(f"{label:<16} {right:>4}/{total:<4} {100 * right / total:6.1f}%")
    lat = sorted(report.latencies_ms)
    lines.append(f"latency per turn p50 {_percentile(lat, 50):.3f} ms, p99 {_percentile(lat, 99):.3f} ms ({len(lat)} turns)")
    if report.misses:
        lines.append(f"misses ({len(report.misses)}):")
        lines.extend(f"  line {m['line']}: {m['q']!r}: {m['problem']}" for m in report.misses)
    else:
        lines.append("misses: none")
    return lines

