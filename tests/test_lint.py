"""`tutor lint`: the bundled pack is clean; each kind of teaching problem is found in a pack that has it."""
from __future__ import annotations

import io
import shutil

import yaml

from tutor import Tutor
from tutor.cli import main
from tutor.lint import lint

from conftest import ROOT, shared_file


def test_bundled_pack_lints_clean(source_text):
    assert lint(Tutor.load(), source_text) == []
    out = io.StringIO()
    assert main(["lint", "--source", str(shared_file("seeds", "000_ff28a143b6b40893.txt"))], stdout=out) == 0
    assert "clean" in out.getvalue()


def test_bundled_pack_lints_clean_without_a_source():
    assert lint(Tutor.load()) == []


SOURCE = "Planted text for the copy check: the bones of a planted sentence that a pack must never repeat word for word."


def _bad_pack(tmp_path):
    """The photosynthesis pack with one of each problem planted."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "tests" / "data" / "photosynthesis" / "knowledge", knowledge)
    path = knowledge / "photosynthesis.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    concepts = {c["id"]: c for c in data["concepts"]}
    concepts["stomata"]["examples"].append("what does chlorophyll do")          # an example that belongs elsewhere
    concepts["chlorophyll"]["explain"]["fundamentals"] += " It feeds rubisco."  # an academic term too early
    concepts["chloroplast"]["explain"]["academic"] += " " + " ".join(SOURCE.split()[3:15])  # copied from a source
    data["quiz"] = [{"id": "q1", "concept": "stomata", "level": "fundamentals", "type": "cloze",
                     "question": "The ____ opens.", "answer": "mitochondrion", "explanation": "x"}]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return knowledge


def test_each_kind_of_problem_is_found(tmp_path):
    knowledge = _bad_pack(tmp_path)
    findings = lint(Tutor.load(knowledge=knowledge, dialogues=ROOT / "dialogues"), SOURCE)
    kinds = {f.check for f in findings}
    assert {"misrouted", "too-deep", "copied", "unsupported"} <= kinds, findings
    assert all(f.path.endswith(".yaml") and f.line > 0 for f in findings)
    assert any(f.check == "misrouted" and "what does chlorophyll do" in f.message for f in findings)


def test_names_one_typo_apart_collide(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "tests" / "data" / "photosynthesis" / "knowledge", knowledge)
    path = knowledge / "photosynthesis.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    concepts = {c["id"]: c for c in data["concepts"]}
    concepts["calvin-cycle"]["aliases"].append("light reactionz")  # one letter from "light reactions"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    findings = lint(Tutor.load(knowledge=knowledge, dialogues=ROOT / "dialogues"))
    assert any(f.check == "collision" and "reactionz" in f.message for f in findings)


def test_lint_cli_exits_1_with_file_and_line(tmp_path):
    knowledge = _bad_pack(tmp_path)
    out = io.StringIO()
    code = main(["lint", str(tmp_path), "--dialogues", str(ROOT / "dialogues")], stdout=out)
    assert code == 1 and "photosynthesis.yaml:" in out.getvalue() and "findings" in out.getvalue()


def test_duplicate_questions_and_answers_deeper_than_their_level_are_found(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    path = knowledge / "quiz" / "fundamentals.yaml"
    planted = """
  - id: planted-duplicate-i-short
    concept: rankl
    level: intermediate
    type: short
    question: What happens to the osteoclast precursor cells when RANKL binds RANK on their surface?
    rubric:
      required:
        - [mature, matures]
    explanation: They mature into osteoclasts.

  - id: planted-deep-f-mc
    concept: osteoblasts
    level: fundamentals
    type: mc
    question: Which receptor do osteoblasts carry for the hormone that holds bone breakdown back?
    options: [Estrogen receptor alpha, Insulin receptor]
    answer: Estrogen receptor alpha
    explanation: Osteoblasts carry the estrogen receptor.
"""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + planted, encoding="utf-8")
    first_line = len(text.splitlines()) + 2
    findings = lint(Tutor.load(knowledge=knowledge, dialogues=ROOT / "dialogues"))
    duplicate = [f for f in findings if f.check == "duplicate-question"]
    deep = [f for f in findings if f.check == "answer-too-deep"]
    assert len(duplicate) == 1 and "rankl-i-short" in duplicate[0].message and "planted-duplicate-i-short" in duplicate[0].message
    where = f"{duplicate[0].path}:{duplicate[0].line} {duplicate[0].message}"
    assert f"fundamentals.yaml:{first_line}" in where  # the planted item's own place is named
    assert len(deep) == 1 and "planted-deep-f-mc" in deep[0].message and "estrogen receptor alpha" in deep[0].message
