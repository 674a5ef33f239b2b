"""`tutor eval`: every field of a case is judged, and a case that asserts nothing is refused."""
from __future__ import annotations

import pytest

from tutor.errors import ContentError
from tutor.evaluation import EvalCase, evaluate, first_sentence, judge, load_cases, summary_lines
from tutor.reply import Reply


def reply(kind="answer", text="OPG blocks RANKL. More text.", concept="opg", level="fundamentals"):
    return Reply(kind=kind, text=text, level=level, concept=concept)


def test_first_sentence_skips_the_depth_note():
    assert first_sentence("(Switching to academic depth, as you asked.)\nOPG binds RANKL. It is a decoy.") == "OPG binds RANKL."


@pytest.mark.parametrize("case, good, bad", [
    (EvalCase("q", expect=("opg",)), reply(), reply(concept="rank")),
    (EvalCase("q", mentions=("opg", "rankl")), reply(), reply(text="OPG is a decoy.")),
    (EvalCase("q", lead=("rankl",)), reply(), reply(text="A decoy. It blocks RANKL.")),
    (EvalCase("q", uncovered=True), reply(kind="unknown"), reply()),
    (EvalCase("q", not_answer=True), reply(kind="safety"), reply()),
    (EvalCase("q", kind="safety"), reply(kind="safety"), reply(kind="unknown")),
    (EvalCase("q", level="academic"), reply(level="academic"), reply()),
])
def test_each_field_is_judged(case, good, bad):
    assert judge(case, good) is None
    assert judge(case, bad) is not None


def test_unknown_fields_and_empty_cases_are_problems(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('single:\n  - {q: "what is OPG", expect: [opg], colour: red}\n  - {q: "what is OPG"}\n', encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_cases(path)
    messages = [p.message for p in err.value.problems]
    assert any("unknown field" in m for m in messages) and any("asserts nothing" in m for m in messages)


def test_groups_and_follow_ups_are_reported(tutor, tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('single:\n  - {q: "what is OPG", expect: [opg], bucket: plain}\n'
                    '  - {q: "is HRT safe?", uncovered: true, bucket: uncovered}\n'
                    'dialogues:\n  - - {q: "what is OPG", expect: [opg]}\n'
                    '    - {q: "who makes it?", expect: [osteoblasts, opg], lead: [osteoblast], bucket: followup}\n',
                    encoding="utf-8")
    report = evaluate(tutor, *load_cases(path))
    assert report.counts["group:plain"] == [1, 1] and report.counts["group:uncovered"] == [1, 1]
    assert report.counts["followup_turns"] == [1, 1] and report.counts["dialogue_turns"] == [2, 2]
    lines = summary_lines(report, show_misses=False)
    assert any(line.startswith("follow-up turns") for line in lines) and lines[-1].startswith("misses: 0")


def test_a_single_expected_id_may_be_written_alone(tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text('single:\n  - {q: "what is OPG", expect: opg, mentions: osteoprotegerin}\n', encoding="utf-8")
    (case,), _ = load_cases(path)
    assert case.expect == ("opg",) and case.mentions == ("osteoprotegerin",)


def test_percentile_is_the_nearest_rank():
    from tutor.evaluation import percentile

    values = [float(v) for v in range(1, 101)]
    assert [percentile(values, p) for p in (0, 1, 50, 99, 100)] == [1.0, 1.0, 50.0, 99.0, 100.0]
    assert percentile([0.00012, 0.5], 50) == 0.00012  # no rounding: microseconds stay microseconds
    assert percentile([7.0], 99) == 7.0 and percentile([], 50) is None
