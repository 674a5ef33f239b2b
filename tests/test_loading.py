"""Loading knowledge and dialogue packs: every defect is reported as file:line: message, never as a traceback."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import tutor
from tutor import ContentError, Tutor
from tutor.dialogues import check_dialogues
from tutor.knowledge import check_knowledge

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "data" / "broken"
DIALOGUES = ROOT / "dialogues"
PHOTOSYNTHESIS = ROOT / "tests" / "data" / "photosynthesis" / "knowledge"
CASES = yaml.safe_load((BROKEN / "manifest.yaml").read_text(encoding="utf-8"))["cases"]


def _validate(directory: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tutor", "validate", str(directory)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def _matching(problems, file: str, line: int, message: str):
    return [p for p in problems if p.path.endswith(file) and p.line == line and message in p.message.lower()]


# --- the broken knowledge packs of tests/data/broken/manifest.yaml -----------------

@pytest.fixture
def case_dir(request, tmp_path) -> Path:
    case = request.param
    folder = BROKEN / case["name"]
    if case.get("generate") == "huge":
        # The committed folder is valid; the oversized copy is made here, per the manifest's protocol.
        assert check_knowledge(folder)[1] == []
        target = tmp_path / case["name"]
        target.mkdir()
        shutil.copy(folder / case["file"], target / case["file"])
        with open(target / case["file"], "a", encoding="utf-8") as handle:
            handle.write("# " + "x" * 2_000_000 + "\n")
        assert (target / case["file"]).stat().st_size > 2_000_000
        return target
    assert case.get("generate") is None, f"unknown generate mode {case.get('generate')!r}"
    return folder


def test_manifest_lists_every_broken_folder():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == {case["name"] for case in CASES}


@pytest.mark.parametrize("case_dir, case", [(c, c) for c in CASES], ids=[c["name"] for c in CASES],
                         indirect=["case_dir"])
def test_check_knowledge_reports_the_defect(case_dir, case):
    kb, problems = check_knowledge(case_dir)
    found = _matching(problems, case["file"], case["line"], case["message"])
    assert found, f"expected {case['file']}:{case['line']}: ...{case['message']}...; got:\n" + \
        "\n".join(str(p) for p in problems)


@pytest.mark.parametrize("case_dir, case", [(c, c) for c in CASES], ids=[c["name"] for c in CASES],
                         indirect=["case_dir"])
def test_tutor_load_raises_content_error(case_dir, case):
    with pytest.raises(ContentError) as info:
        Tutor.load(knowledge=case_dir)
    err = info.value
    assert isinstance(err, tutor.TutorError)
    assert _matching(err.problems, case["file"], case["line"], case["message"])
    assert err.path and Path(err.path).is_relative_to(case_dir)
    assert isinstance(err.line, int) and err.line >= 1
    assert (err.path, err.line) == (err.problems[0].path, err.problems[0].line)


@pytest.mark.parametrize("case_dir, case", [(c, c) for c in CASES], ids=[c["name"] for c in CASES],
                         indirect=["case_dir"])
def test_validate_command_prints_file_line_message(case_dir, case, tmp_path):
    result = _validate(case_dir, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    prefix = f"{case_dir / case['file']}:{case['line']}: "
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(prefix)]
    assert any(case["message"] in ln[len(prefix):].lower() for ln in lines), result.stdout


# --- every problem in one pass ------------------------------------------------------

def test_two_defects_in_two_files_are_both_reported(tmp_path):
    pack = tmp_path / "knowledge"
    shutil.copytree(PHOTOSYNTHESIS, pack)
    concepts = pack / "photosynthesis.yaml"
    text = concepts.read_text(encoding="utf-8")
    assert text.count("    section: academic\n") == 1
    concepts.write_text(text.replace("    section: academic\n", "    section: expert\n"), encoding="utf-8")
    section_line = concepts.read_text(encoding="utf-8").splitlines().index("    section: expert") + 1
    vocabulary = pack / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("  academic:\n", "  expert:\n", 1),
                          encoding="utf-8")
    expert_line = vocabulary.read_text(encoding="utf-8").splitlines().index("  expert:") + 1

    problems = check_knowledge(pack)[1]
    assert _matching(problems, "photosynthesis.yaml", section_line, "section 'expert' is not one of")
    assert _matching(problems, "vocabulary.yaml", expert_line, "unknown field 'expert'")
    assert len(problems) == 2, problems

    with pytest.raises(ContentError) as info:
        Tutor.load(knowledge=pack)
    assert {Path(p.path).name for p in info.value.problems} == {"photosynthesis.yaml", "vocabulary.yaml"}

    result = _validate(pack, cwd=tmp_path)
    assert result.returncode == 1
    assert f"{concepts}:{section_line}: " in result.stdout
    assert f"{vocabulary}:{expert_line}: " in result.stdout
    assert "2 problems found" in result.stdout


# --- broken dialogue packs ------------------------------------------------------------

def _corrupt(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """Copy the bundled dialogues, replace `old` (which must occur once) by `new`; return the copy and new's line."""
    folder = tmp_path / "dialogues"
    shutil.copytree(DIALOGUES, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {file}: the bundled dialogues changed"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder, text[: text.index(old)].count("\n") + 1


def _line_of(folder: Path, file: str, startswith: str, before: int) -> int:
    """The last line at or before `before` that starts with `startswith` (the key a problem may point at)."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return max(i + 1 for i, ln in enumerate(lines[:before]) if ln.startswith(startswith))


def test_bundled_dialogues_copy_is_clean(tmp_path):
    shutil.copytree(DIALOGUES, tmp_path / "dialogues")
    assert check_dialogues(tmp_path / "dialogues")[1] == []


def test_dialogue_unknown_action(tmp_path):
    folder, line = _corrupt(tmp_path, "chat.yaml", "    action: topics\n", "    action: list-topics\n")
    problems = check_dialogues(folder)[1]
    assert _matching(problems, "chat.yaml", line, "unknown action 'list-topics'"), problems
    with pytest.raises(ContentError):
        Tutor.load(dialogues=folder)


@pytest.mark.parametrize("file, old, new, message", [
    ("frames.yaml", "    answer: compare\n", "    answer: contrast\n", "answer 'contrast' is not one of"),
    ("frames.yaml", "    relation: inhibits\n", "    relation: inhibitz\n", "'inhibitz' is not a relation"),
    ("frames.yaml", "    fallback: [inhibits, targets]\n", "    fallback: [inhibits, targetz]\n", "'targetz' is not a relation"),
    ("frames.yaml", "    fallback: [inhibits, targets]\n", "    fallback: [inhibits, 3]\n", "each of 'fallback' must be text"),
    ("boundaries.yaml", "    - {all: [who, lab]}\n", "    - {all: [who, labs]}\n", "boundary rule names no word class 'labs'"),
    ("boundaries.yaml", "    dose:  # a number", "    doze:  # a number", "word class 'dose' is required"),
    ("boundaries.yaml", "      counts_as: who\n      unless: [generic]\n", "      counts_as: whom\n      unless: [generic]\n",
     "word class 'third_person' names no word class 'whom'"),
    ("chat.yaml", "  academic: [deepest,", "  academical: [deepest,", "depth_words: unknown class 'academical'"),
    ("chat.yaml", "  simpler: [simpler,", "  simpler: [deeper, simpler,", "'deeper' is in both 'deeper' and 'simpler'"),
    ("frames.yaml", "source_words: [source,", "source_words: [7,", "'source_words' must be a list of words"),
])
def test_broken_frames_and_boundary_say_file_and_line(tmp_path, file, old, new, message):
    folder, line = _corrupt(tmp_path, file, old, new)
    problems = check_dialogues(folder)[1]
    assert any(p.path.endswith(file) and message in p.message for p in problems), problems
    with pytest.raises(ContentError):
        Tutor.load(dialogues=folder)


def test_coverage_naming_no_aspect_frame_is_refused(tmp_path):
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    facts = tmp_path / "knowledge" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("[heredity]", "[heredityy]"), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        Tutor.load(knowledge=tmp_path / "knowledge")
    assert "'heredityy' is not an aspect frame" in str(err.value.problems[0])


def test_dialogue_bad_regex(tmp_path):
    old = '"\\\\b(in (some|a bit more|more) detail'
    folder, line = _corrupt(tmp_path, "cues.yaml", old, old.replace("more) detail", "more detail"))
    problems = check_dialogues(folder)[1]
    bad = [p for p in problems if p.path.endswith("cues.yaml") and "bad pattern" in p.message]
    assert len(bad) == 1, problems
    # The problem points at the pattern itself or at the 'patterns:' key just above it.
    assert bad[0].line in (line, _line_of(folder, "cues.yaml", "    patterns:", line))
    assert "missing )" in bad[0].message and "more detail" in bad[0].message
    with pytest.raises(ContentError):
        Tutor.load(dialogues=folder)


def test_dialogue_example_not_matched_by_its_patterns(tmp_path):
    folder, line = _corrupt(tmp_path, "chat.yaml", "examples: [hey, hello there,", "examples: [hey, hello world, hello there,")
    problems = check_dialogues(folder)[1]
    found = [p for p in problems if p.path.endswith("chat.yaml") and "'hello world' matches none of its patterns" in p.message]
    assert len(found) == 1, problems
    assert "intent 'greeting'" in found[0].message
    assert found[0].line in (line, _line_of(folder, "chat.yaml", "  - id: greeting", line))


def test_dialogue_missing_required_message(tmp_path):
    folder, _ = _corrupt(tmp_path, "messages.yaml", '  clarify: "Did', '  clarfy: "Did')
    problems = check_dialogues(folder)[1]
    assert len(problems) == 1, problems
    problem = problems[0]
    # A missing message has no line of its own: it is reported against the dialogues folder (or messages.yaml).
    assert Path(problem.path) in (folder, folder / "messages.yaml")
    assert problem.line >= 1
    assert problem.message == "messages missing: clarify"
    assert str(problem).startswith(f"{problem.path}:{problem.line}: ")
    with pytest.raises(ContentError):
        Tutor.load(dialogues=folder)


def test_dialogue_invalid_yaml(tmp_path):
    folder, line = _corrupt(tmp_path, "cues.yaml", "  - level: intermediate\n", "  - level: [intermediate\n")
    problems = check_dialogues(folder)[1]
    found = [p for p in problems if p.path.endswith("cues.yaml") and p.line == line]
    assert found and "invalid yaml" in found[0].message.lower() and "flow sequence" in found[0].message, problems


def test_dialogue_tab_indentation(tmp_path):
    folder, line = _corrupt(tmp_path, "chat.yaml", "  - id: thanks\n", "  - id: thanks\n\tcolour: red\n")
    problems = check_dialogues(folder)[1]
    assert _matching(problems, "chat.yaml", line + 1, "tab"), problems


def test_dialogue_unknown_level(tmp_path):
    folder, line = _corrupt(tmp_path, "cues.yaml", "  - level: intermediate\n", "  - level: expert\n")
    problems = check_dialogues(folder)[1]
    assert _matching(problems, "cues.yaml", line, "level 'expert' is not one of"), problems


def test_dialogue_problems_in_validate_output(tmp_path):
    folder, line = _corrupt(tmp_path, "chat.yaml", "    action: topics\n", "    action: list-topics\n")
    result = _validate(tmp_path, cwd=tmp_path)  # a pack folder holding dialogues/ only
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{folder / 'chat.yaml'}:{line}: intent 'topics': unknown action 'list-topics'" in result.stdout


# --- YAML safety --------------------------------------------------------------------------

def test_python_tags_are_a_problem_not_an_object(tmp_path, capfd):
    pack = tmp_path / "knowledge"
    pack.mkdir()
    marker = tmp_path / "pwned"
    (pack / "concepts.yaml").write_text(
        "concepts:\n"
        "  - id: evil\n"
        '    title: !!python/object/apply:os.system ["echo hi"]\n'
        f'    heading: !!python/object/apply:os.system ["touch {marker}"]\n',
        encoding="utf-8",
    )
    kb, problems = check_knowledge(pack)
    assert not marker.exists()
    assert "hi" not in capfd.readouterr().out.splitlines()
    assert kb.concepts == {}
    assert _matching(problems, "concepts.yaml", 3, "invalid yaml"), problems
    assert any("python/object/apply" in p.message for p in problems)
    with pytest.raises(ContentError):
        Tutor.load(knowledge=pack)

    result = _validate(pack, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{pack / 'concepts.yaml'}:3: invalid YAML" in result.stdout
    assert "hi" not in result.stdout.splitlines()
    assert not marker.exists()


# --- a second, unrelated pack -------------------------------------------------------------

PHOTOSYNTHESIS_QUESTIONS = {
    "photosynthesis": "explain photosynthesis",
    "chlorophyll": "why are plant leaves green",
    "chloroplast": "what is the organelle where photosynthesis happens",
    "light-reactions": "how is water split to release oxygen",
    "calvin-cycle": "how is carbon dioxide fixed into sugar",
    "stomata": "what are the tiny pores on a leaf",
}


@pytest.fixture(scope="module")
def photosynthesis_tutor() -> Tutor:
    return Tutor.load(knowledge=PHOTOSYNTHESIS)  # bundled dialogues


def test_photosynthesis_pack_loads_with_bundled_dialogues(photosynthesis_tutor):
    assert check_knowledge(PHOTOSYNTHESIS)[1] == []
    assert {cid for cid, _, _ in photosynthesis_tutor.concepts()} == set(PHOTOSYNTHESIS_QUESTIONS)


@pytest.mark.parametrize("concept, question", sorted(PHOTOSYNTHESIS_QUESTIONS.items()))
def test_photosynthesis_pack_answers_each_concept(photosynthesis_tutor, concept, question):
    reply = photosynthesis_tutor.respond(photosynthesis_tutor.new_session(), question)
    assert (reply.kind, reply.concept) == ("answer", concept), reply.text
    assert reply.text.endswith(photosynthesis_tutor.kb.concepts[concept].explain[reply.level])


# --- the outline: the document's order of headings -------------------------------------

def test_without_an_outline_concepts_come_by_section_then_as_written():
    tutor = Tutor.load(knowledge=PHOTOSYNTHESIS, dialogues=DIALOGUES)
    assert [cid for cid, _, _ in tutor.concepts()] == ["photosynthesis", "chlorophyll", "stomata", "chloroplast",
                                                       "light-reactions", "calvin-cycle"]


def test_an_outline_orders_headings_within_a_section(tmp_path):
    pack = tmp_path / "knowledge"
    shutil.copytree(PHOTOSYNTHESIS, pack)
    concepts = pack / "photosynthesis.yaml"
    text = concepts.read_text(encoding="utf-8")
    # chlorophyll and stomata get headings; the outline puts stomata's first
    for cid, heading in (("chlorophyll", "Pigments"), ("stomata", "Gas exchange")):
        text = text.replace(f"  - id: {cid}\n", f"  - id: {cid}\n    heading: {heading}\n", 1)
    concepts.write_text(text, encoding="utf-8")
    (pack / "outline.yaml").write_text("outline:\n  - Gas exchange\n  - Pigments\n", encoding="utf-8")
    kb, problems = check_knowledge(pack)
    assert problems == []
    order = [c.id for c in kb.in_document_order()]
    assert order[:3] == ["photosynthesis", "stomata", "chlorophyll"]  # no heading opens the section


def test_a_heading_missing_from_the_outline_is_reported(tmp_path):
    pack = tmp_path / "knowledge"
    shutil.copytree(PHOTOSYNTHESIS, pack)
    concepts = pack / "photosynthesis.yaml"
    text = concepts.read_text(encoding="utf-8").replace("  - id: stomata\n", "  - id: stomata\n    heading: Gas exchange\n", 1)
    concepts.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - id: stomata") + 1
    (pack / "outline.yaml").write_text("outline:\n  - Pigments\n", encoding="utf-8")
    (pack / "more.yaml").write_text("outline:\n  - Pigments\n", encoding="utf-8")
    problems = check_knowledge(pack)[1]
    assert _matching(problems, "photosynthesis.yaml", line, "heading 'gas exchange' is not in the outline")
    assert _matching(problems, "outline.yaml", 1, "'outline' is declared twice")
    assert len(problems) == 2, problems


# --- an unreadable file: said once, with a count of what it left unchecked ---------------------

def test_a_syntax_error_is_reported_once_then_the_references_it_left_unchecked_are_counted():
    folder = BROKEN / "syntax-error-references"
    problems = check_knowledge(folder)[1]
    assert [(Path(p.path).name, p.line) for p in problems] == [("organelles.yaml", 4), ("organelles.yaml", 4)]
    assert problems[0].message.startswith("invalid YAML")
    assert problems[1].message.startswith("3 references to concepts could not be checked because this file could not be read")
    # once the file reads, the same references resolve: the count was of real references into it
    assert not any("not a concept" in p.message or "names no concept" in p.message for p in problems)


def test_the_fixed_file_leaves_no_problem(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(BROKEN / "syntax-error-references", folder)
    broken = folder / "organelles.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('title: "Chloroplast\n', "title: Chloroplast\n"), encoding="utf-8")
    assert check_knowledge(folder)[1] == []


def test_a_syntax_error_in_the_bundled_pack_gives_two_lines_not_one_per_reference(tmp_path):
    pack = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", pack)
    target = pack / "intermediate.yaml"
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.startswith("    aliases:")) + 1
    lines[line - 1] = "    aliases: [unclosed\n"
    target.write_text("".join(lines), encoding="utf-8")
    result = _validate(pack, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout.splitlines()
    assert len(out) == 3 and out[-1] == "2 problems found"
    assert out[0].startswith(f"{target}:{line}: invalid YAML")
    count = int(re.match(rf"{re.escape(str(target))}:{line}: (\d+) references to concepts could not be checked", out[1]).group(1))
    assert count > 10  # the pack refers to the intermediate concepts from everywhere

    with pytest.raises(ContentError) as info:
        Tutor.load(knowledge=pack)
    assert len(info.value.problems) == 2


def test_a_real_dangling_reference_is_still_reported_when_every_file_reads(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(BROKEN / "syntax-error-references", folder)
    (folder / "organelles.yaml").unlink()
    problems = check_knowledge(folder)[1]
    assert len(problems) == 3 and all("chloroplast" in p.message for p in problems)


def test_a_word_boundary_beside_the_name_placeholder_is_refused_with_its_line(tmp_path):
    # "@" stands for a named concept and is no word character: "\\b@" would silently never match
    folder, line = _corrupt(tmp_path, "frames.yaml", '"(?<!\\\\w)@ (receptor|ligand) (for|of)\\\\b"',
                            '"\\\\b@ (receptor|ligand) (for|of)\\\\b"')
    problems = check_dialogues(folder)[1]
    assert any(p.path.endswith("frames.yaml") and "beside @" in p.message for p in problems), problems


def test_a_backspace_where_a_word_boundary_was_meant_is_refused_with_its_line(tmp_path):
    # in double quotes, YAML reads "\b" as a backspace: the pattern would silently never match
    folder, line = _corrupt(tmp_path, "frames.yaml", '"\\\\bsuccess (rate|rates)\\\\b"', '"\\bsuccess (rate|rates)\\b"')
    problems = check_dialogues(folder)[1]
    assert any(p.path.endswith("frames.yaml") and p.line == line and "control character" in p.message for p in problems), problems


def test_a_cue_level_must_be_a_depth_or_a_step(tmp_path):
    import shutil
    from tutor.dialogues import load_dialogues
    from tutor.errors import ContentError
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "dialogues", tmp_path / "dialogues")
    cues = tmp_path / "dialogues" / "cues.yaml"
    cues.write_text(cues.read_text().replace("level: deeper", "level: sideways", 1))
    with pytest.raises(ContentError) as caught:
        load_dialogues(tmp_path / "dialogues")
    assert "cues.yaml:" in str(caught.value) and "level 'sideways' is not one of" in str(caught.value)
    assert "deeper, simpler" in str(caught.value)


def test_a_cue_scale_must_be_a_known_one_and_is_reported_with_its_line(tmp_path):
    import shutil
    from tutor.dialogues import load_dialogues
    from tutor.errors import ContentError
    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "dialogues", tmp_path / "dialogues")
    cues = tmp_path / "dialogues" / "cues.yaml"
    text = cues.read_text()
    line = text[:text.index("scale: finer")].count("\n") + 1
    cues.write_text(text.replace("scale: finer", "scale: sideways", 1))
    with pytest.raises(ContentError) as caught:
        load_dialogues(tmp_path / "dialogues")
    assert f"cues.yaml:{line}:" in str(caught.value) and "scale 'sideways' is not one of finer" in str(caught.value)
