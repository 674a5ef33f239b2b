"""A tutor that leads: lessons (strong, weak and mixed learners, commands, resume after kill -9), everyday
examples, the glossary, glosses on first use, the source of an answer, and the pack's coverage of all of them."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from tutor import Session, Tutor
from tutor.cli import USER, main
from tutor.errors import ContentError
from tutor.lessons import document_path
from tutor.lint import copied_runs, lint, teaching_coverage
from tutor.model import LEVELS
from tutor.names import short_title
from tutor.store import MemoryStore, SQLiteStore, profile_path

from conftest import ROOT, choice_answer

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
LESSON_KEYS = {"path", "step", "total", "concept"}


# --- scripted learners ------------------------------------------------------------------------

def _item(tutor, reply):
    return next(i for i in tutor.kb.quiz if i.id == reply.data["item"])


def right_answer(tutor, reply) -> str:
    item = _item(tutor, reply)
    if reply.data.get("event") == "why":  # the reason: the item's own explanation, a whole sentence
        return item.explanation
    # a short answer: the item's model answer (what the tutor shows as "a good answer"), in whole sentences
    return choice_answer(item) or item.explanation


def wrong_answer(tutor, reply) -> str:
    item = _item(tutor, reply)
    if item.type == "mc":
        return "abcd"[next(i for i, o in enumerate(item.options) if o != item.answer)]
    if item.type == "tf":
        return "false" if item.answer else "true"
    return "i don't know"


def run_lesson(tutor, session, answer, start="teach me", on_offer="yes", limit=600):
    """Play a lesson to its end: "next" after each explanation, `answer` to each check; every reply is returned."""
    replies = [tutor.respond(session, start, now=NOW)]
    for _ in range(limit):
        reply = replies[-1]
        if session.lesson["stage"] == "done":
            return replies
        if session.lesson["stage"] == "offer":
            text = on_offer
        elif reply.kind == "quiz" and session.quiz:
            text = answer(tutor, reply)
        else:
            text = "next"
        replies.append(tutor.respond(session, text, now=NOW))
    raise AssertionError("the lesson never ended")


def presentations(replies) -> dict[str, int]:
    """How often each step's concept was taught by the tutor (the step shown, or shown again)."""
    counts: dict[str, int] = {}
    for reply in replies:
        if reply.kind == "lesson" and reply.data.get("entry") and "(Say \"next\"" in reply.text:
            counts[reply.data["entry"]] = counts.get(reply.data["entry"], 0) + 1
    return counts


def test_a_strong_learner_finishes_the_path_is_offered_more_depth_and_sees_each_step_once(tutor):
    session = tutor.new_session()
    replies = run_lesson(tutor, session, right_answer)
    path = document_path(tutor.kb)
    assert session.lesson["path"] == path and session.lesson["stage"] == "done"
    assert session.lesson["done"] == path and session.lesson["missed"] == []
    assert presentations(replies) == {c: 1 for c in path}                 # no step repeats
    offers = [r for r in replies if "Shall we go on at" in r.text]
    assert offers and session.lesson["level"] == "academic"                 # offered, accepted, twice
    assert "end of the lesson" in replies[-1].text
    for reply in replies:  # every reply of a lesson carries where it is, as docs/api.md ("Lessons") describes
        lesson = reply.data["lesson"]
        assert reply.kind in ("lesson", "quiz") and LESSON_KEYS <= set(lesson)
        assert lesson["path"] == path and lesson["total"] == len(path) and 1 <= lesson["step"] <= len(path)
        assert lesson["concept"] == path[lesson["step"] - 1] and lesson["stage"] in ("explained", "check", "offer", "done")
        assert json.loads(json.dumps(reply.to_dict())) == reply.to_dict()
        if reply.kind == "quiz" and reply.data.get("event") == "question":
            assert reply.concept == lesson["concept"]


def test_declining_the_offer_keeps_the_depth(tutor):
    session = tutor.new_session()
    run_lesson(tutor, session, right_answer, start="/learn fundamentals", on_offer="no")
    assert session.lesson["level"] == "fundamentals" and session.lesson["stage"] == "done"


def test_a_weak_learner_is_taught_each_step_again_simpler_never_thrice_and_reaches_the_end(tutor):
    session = tutor.new_session(level="intermediate")
    replies = run_lesson(tutor, session, wrong_answer, start="/learn intermediate")
    path = session.lesson["path"]
    assert path and session.lesson["stage"] == "done" and session.lesson["missed"] == path
    assert presentations(replies) == {c: 2 for c in path}                  # taught again once, never a third time
    again = [r for r in replies if r.kind == "lesson" and r.data["lesson"]["stage"] == "explained"
             and "Let's take" in r.text]
    assert len(again) == len(path) and all(r.level == "fundamentals" for r in again)  # one depth lower
    later = NOW + timedelta(days=1)
    assert set(path) <= set(tutor.due(session, later))                    # missed concepts are due for review


def test_at_fundamentals_the_second_explanation_is_the_everyday_example(tutor):
    session = tutor.new_session()
    replies = run_lesson(tutor, session, wrong_answer, start="teach me about osteoclasts")
    again = [r for r in replies if "everyday comparison" in r.text]
    assert {r.data["entry"] for r in again} == set(session.lesson["path"])
    for reply in again:
        assert tutor.kb.analogies[reply.data["entry"]]["fundamentals"].text in reply.text


def test_a_question_mid_lesson_is_answered_and_the_lesson_resumes_at_the_same_step(tutor):
    session = tutor.new_session()
    tutor.respond(session, "teach me", now=NOW)
    tutor.respond(session, "next", now=NOW)
    first = tutor.respond(session, right_answer(tutor, tutor.respond(session, "repeat", now=NOW)), now=NOW)
    step = first.data["lesson"]["step"]
    aside = tutor.respond(session, "what does OPG do?", now=NOW)
    assert (aside.kind, aside.concept) == ("answer", "opg")
    assert aside.data["lesson"]["step"] == step and "say \"next\" to go on" in aside.text
    check = tutor.respond(session, "next", now=NOW)
    assert check.kind == "quiz" and check.concept == first.data["lesson"]["concept"]
    # a question while the check question is open: answered, and the check stays open
    aside = tutor.respond(session, "what is RANKL?", now=NOW)
    assert aside.concept == "rankl" and session.quiz and aside.data["lesson"]["step"] == step
    moved = tutor.respond(session, right_answer(tutor, check), now=NOW)
    if moved.data.get("event") == "why":  # a true/false check asks why as well
        moved = tutor.respond(session, right_answer(tutor, moved), now=NOW)
    if session.lesson["stage"] == "offer":  # two right in a row: a deeper depth is offered first
        assert "Shall we go on at intermediate depth" in moved.text
        moved = tutor.respond(session, "no", now=NOW)
    assert moved.kind == "lesson" and moved.data["lesson"]["step"] == step + 1 and session.lesson["level"] == "fundamentals"


def test_lesson_commands(tutor):
    session = tutor.new_session()
    start = tutor.respond(session, "teach me", now=NOW)
    assert start.kind == "lesson" and LESSON_KEYS <= set(start.data["lesson"]) and start.data["lesson"]["step"] == 1
    assert "first step" in tutor.respond(session, "back", now=NOW).text
    skipped = tutor.respond(session, "skip", now=NOW)
    assert skipped.data["lesson"]["step"] == 2 and session.lesson["skipped"] == [start.data["lesson"]["concept"]]
    back = tutor.respond(session, "go back", now=NOW)
    assert back.data["lesson"]["step"] == 1
    again = tutor.respond(session, "repeat", now=NOW)
    assert again.data["lesson"]["step"] == 1 and again.text.split("\n")[0] == back.text.split("\n")[0]
    where = tutor.respond(session, "where am I?", now=NOW)
    assert "Step 1 of 42" in where.text and where.data["lesson"]["step"] == 1
    check = tutor.respond(session, "next", now=NOW)
    assert check.kind == "quiz" and check.data["lesson"]["concept"] == check.concept and check.data["item"]
    assert tutor.respond(session, "where am I", now=NOW).kind == "quiz"     # the check is still open
    stopped = tutor.respond(session, "stop", now=NOW)
    assert "paused" in stopped.text and session.quiz is None and not tutor.respond(session, "next").data.get("lesson")
    resumed = tutor.respond(session, "continue the lesson", now=NOW)
    assert resumed.kind == "lesson" and resumed.data["lesson"]["step"] == 1
    tutor.respond(session, "next", now=NOW)
    tutor.respond(session, "/reset", now=NOW)              # drops the open check unanswered: not a wrong answer
    where = tutor.respond(session, "where am I", now=NOW)
    assert where.kind == "lesson" and where.data["lesson"]["stage"] == "explained" and not session.lesson["missed"]
    assert session.lesson["tries"][start.data["lesson"]["concept"]] == 1


def test_a_lesson_on_a_topic_starts_with_the_topic_then_what_it_builds_on_and_skips_what_is_mastered(tutor):
    session = tutor.new_session()
    reply = tutor.respond(session, "teach me about RANKL", now=NOW)
    path = reply.data["lesson"]["path"]
    assert path[0] == "rankl" and reply.concept == "rankl" and 1 < len(path) <= 4
    full = document_path(tutor.kb)
    assert path[1:] == [c for c in full[:full.index("rankl")] if c in path[1:]]  # in the document's order
    step_one = tutor.respond(session, "where is it made?", now=NOW)
    assert step_one.concept == "rankl"  # "it" is the topic the learner asked to be taught
    session = tutor.new_session()
    session.mastered["osteoclasts"] = ["fundamentals"]
    assert "osteoclasts" not in tutor.respond(session, "start from the beginning").data["lesson"]["path"]
    assert tutor.respond(tutor.new_session(), "what should I learn first").data["lesson"]["concept"] == full[0]
    section = tutor.respond(tutor.new_session(), "/learn academic").data["lesson"]["path"]
    assert section and all(tutor.kb.concepts[c].section == "academic" for c in section)
    assert tutor.respond(tutor.new_session(), "teach me about quantum chromodynamics").kind == "chat"
    from_start = tutor.respond(tutor.new_session(), "teach me about bone loss from the start").data["lesson"]
    assert from_start["path"][0] == "age-related-bone-loss" and from_start["step"] == 1


def test_a_pack_without_declared_lessons_derives_its_path():
    pack = Tutor.load(knowledge=ROOT / "tests" / "data" / "photosynthesis" / "knowledge", dialogues=ROOT / "dialogues")
    path = document_path(pack.kb)
    assert sorted(path) == sorted(c.id for c in pack.kb.concepts.values() if not c.parent)
    sections = [pack.kb.concepts[c].section for c in path]
    assert sections == sorted(sections, key=["fundamentals", "intermediate", "academic", "references"].index)


def test_the_lesson_survives_a_round_trip_of_the_session(tutor):
    session = tutor.new_session()
    for text in ("teach me", "next"):
        tutor.respond(session, text, now=NOW)
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert restored.lesson == session.lesson and restored.quiz == session.quiz
    where = tutor.respond(restored, "where am I", now=NOW)
    assert where.data["lesson"] == tutor.respond(session, "where am I", now=NOW).data["lesson"]


def _wait_for(proc, text: str) -> None:
    for _ in range(400):
        line = proc.stdout.readline()
        if text in line:
            return
        assert line, f"the chat ended before {text!r}"
    raise AssertionError(f"never saw {text!r}")


def test_killed_mid_lesson_resumes_at_the_same_step(tmp_path):
    data = tmp_path / "data"
    command = [sys.executable, "-m", "tutor", "chat", "--data-dir", str(data)]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        for text, wait in (("teach me", "Step 1/42"), ("skip", "Step 2/42"), ("skip", "Step 3/42"), ("next", "Check")):
            proc.stdin.write(text + "\n")
            proc.stdin.flush()
            _wait_for(proc, wait)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    saved = SQLiteStore(profile_path(data, "default")).load(USER)
    assert saved.lesson["step"] == 2 and saved.lesson["stage"] == "check" and saved.quiz
    again = subprocess.run(command, input="where am I\nstop\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "Step 3 of 42" in again.stdout and "Lesson paused at step 3 of 42" in again.stdout


def test_tutor_learn_on_the_command_line(tmp_path):
    import io

    out = io.StringIO()
    code = main(["learn", "--section", "intermediate", "--data-dir", str(tmp_path)], stdin=io.StringIO("where am I\n"), stdout=out)
    assert code == 0 and "Step 1/12" in out.getvalue() and "Step 1 of 12" in out.getvalue()
    out = io.StringIO()
    assert main(["progress", "--data-dir", str(tmp_path)], stdout=out) == 0
    assert "Lesson: the intermediate section (in progress" in out.getvalue() and "\u2192 1. RANK/RANKL/OPG pathway" in out.getvalue()
    out = io.StringIO()
    assert main(["progress", "--json", "--data-dir", str(tmp_path)], stdout=out) == 0
    lesson = json.loads(out.getvalue())["lesson"]
    assert (lesson["step"], lesson["total"], lesson["concept"]) == (1, 12, "rank-rankl-opg-pathway")
    out = io.StringIO()
    assert main(["learn", "--topic", "nonsense", "--data-dir", str(tmp_path)], stdin=io.StringIO(""), stdout=out) == 1


# --- examples, the glossary, sources ------------------------------------------------------------

def test_give_me_an_example_for_the_concept_under_discussion_or_a_named_one(tutor):
    session = tutor.new_session()
    tutor.respond(session, "what do osteoclasts do?")
    reply = tutor.respond(session, "give me an example")
    assert (reply.kind, reply.concept, reply.data["example"]["concept"]) == ("answer", "osteoclasts", "osteoclasts")
    assert tutor.kb.analogies["osteoclasts"]["fundamentals"].text in reply.text and "the comparison is mine" in reply.text
    named = tutor.respond(session, "explain OPG with an analogy")
    assert named.concept == "opg" and tutor.kb.analogies["opg"]["fundamentals"].text in named.text
    deep = tutor.respond(tutor.new_session(level="academic"), "an analogy for RANKL")
    assert deep.level == "academic" and tutor.kb.analogies["rankl"]["academic"].text in deep.text
    assert tutor.respond(tutor.new_session(), "give me an example").kind == "chat"  # of what? it asks


def test_an_example_of_a_kind_with_members_names_them_and_explains_the_first(tutor):
    session = tutor.new_session()
    tutor.respond(session, "what are hormonal optimization protocols")
    reply = tutor.respond(session, "give me an example")
    assert reply.concept == "hrt" and "testosterone replacement therapy" in reply.text.split(". Take")[0], reply.text
    assert tutor.respond(session, "what's the goal?").concept == "hormonal-optimization"  # the kind stays the topic
    # the halves of a process are no members: an everyday comparison answers
    session = tutor.new_session()
    tutor.respond(session, "explain the anabolic antiresorptive synergy")
    assert tutor.respond(session, "give me an example").data.get("example")


@pytest.mark.parametrize("question, concept", [("define resorption", "bone-resorption"),
                                               ("what does OPG mean in one line", "opg"),
                                               ("definition of osteoclastogenesis", "osteoclastogenesis")])
def test_define_gives_the_glossary_line(tutor, question, concept):
    reply = tutor.respond(tutor.new_session(), question)
    assert reply.concept == concept and reply.data["gloss"]["text"] == tutor.kb.glossary[concept].text
    assert reply.text.count("\n") == 0


def test_define_a_vocabulary_term_and_an_unknown_word(tutor):
    reply = tutor.respond(tutor.new_session(), "define decoy receptor")
    assert reply.data["gloss"] == {"term": "decoy receptor", "text": tutor.kb.glossary["decoy receptor"].text, "concept": None}
    assert tutor.respond(tutor.new_session(), "define photosynthesis").kind == "unknown"  # not guessed


def test_glossary_command(tutor):
    everything = tutor.respond(tutor.new_session(), "/glossary")
    terms = {e["term"] for e in everything.data["glossary"]}
    assert {"OPG", "decoy receptor", "Osteoclasts"} <= terms
    letter = tutor.respond(tutor.new_session(), "/glossary o")
    assert letter.data["glossary"] and all(e["term"].lower().startswith("o") for e in letter.data["glossary"])
    assert "OPG: " in letter.text
    one = tutor.respond(tutor.new_session(), "/glossary paracrine")
    assert one.data["gloss"]["term"] == "paracrine"


def test_a_term_the_document_mentions_in_passing_is_glossed_with_its_home(tutor):
    reply = tutor.respond(tutor.new_session(), "Leydig cells?")
    assert (reply.kind, reply.concept, reply.data["gloss"]["term"]) == ("answer", "testosterone", "Leydig cells")
    assert "testes" in reply.text


def test_glosses_come_once_and_only_at_fundamentals(tutor):
    session = tutor.new_session()
    first = tutor.respond(session, "what do osteoclasts do?")
    gloss = tutor.kb.glossary["estrogen"].text
    assert f"[{gloss}]" in first.text and "estrogen" in session.taught
    assert f"[{gloss}]" not in tutor.respond(session, "what is menopause?").text  # glossed once
    deep = tutor.respond(tutor.new_session(level="intermediate"), "what do osteoclasts do?")
    assert "[" not in deep.text


def test_where_does_the_document_say_that(tutor, source_text):
    session = tutor.new_session()
    assert "haven't answered" in tutor.respond(session, "/source").text
    tutor.respond(session, "what is IGF-1?")
    reply = tutor.respond(session, "where does the document say that?")
    source = reply.data["source"]
    assert source["concept"] == "igf-1" and source["section"] == "academic"
    assert source["heading"] == tutor.kb.concepts["igf-1"].heading and source["heading"] in reply.text
    assert {"ref-yakar-2002", "ref-canalis-2015", "ref-mohan-2002"} <= set(source["references"])
    assert tutor.respond(session, "/source").data["source"] == source
    assert copied_runs(reply.text, source_text) == []                     # never quotes the document
    tutor.respond(session, "what is OPG")
    assert tutor.respond(session, "/source").data["source"]["references"] == []


# --- the pack ----------------------------------------------------------------------------------

def test_every_concept_has_an_example_at_every_depth_and_a_glossary_line(tutor):
    for concept in tutor.kb.concepts.values():
        assert set(tutor.kb.analogies[concept.id]) == set(LEVELS), concept.id
        assert tutor.kb.glossary[concept.id].text, concept.id
    names = {short_title(c).lower() for c in tutor.kb.concepts.values()}
    for term in tutor.kb.vocabulary:
        assert term in tutor.kb.glossary or term in names, term
    assert teaching_coverage(tutor) == []


def test_every_therapy_example_says_the_document_does_not_discuss_its_risks(tutor):
    therapies = [cid for cid, kind in tutor.kb.kinds.items() if kind == "therapy"]
    assert therapies
    for cid in therapies:
        for level, analogy in tutor.kb.analogies[cid].items():
            assert "does not discuss" in analogy.text and "risks" in analogy.text, (cid, level)


def test_lint_reports_a_pack_without_examples_or_glosses():
    pack = Tutor.load(knowledge=ROOT / "tests" / "data" / "photosynthesis" / "knowledge", dialogues=ROOT / "dialogues")
    findings = lint(pack)
    missing = {f.message.split(":")[0] for f in findings if f.check == "no-example"}
    assert missing == set(pack.kb.concepts)
    assert all(f.path.endswith(".yaml") and f.line > 0 for f in findings if f.check == "no-example")


def test_bad_examples_and_glossary_are_reported_with_file_and_line(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "tests" / "data" / "photosynthesis" / "knowledge", knowledge)
    (knowledge / "teaching.yaml").write_text(
        "analogies:\n  nonexistent:\n    fundamentals: like a thing\n"
        "glossary:\n  terms:\n    stroma: {see: nowhere}\n"
        "lessons:\n  - id: x\n    concepts: [nope]\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        Tutor.load(knowledge=knowledge, dialogues=ROOT / "dialogues")
    text = "\n".join(str(p) for p in err.value.problems)
    assert "teaching.yaml:3: analogies: 'nonexistent' is not a concept" in text
    assert "teaching.yaml:6: glossary term 'stroma': 'see' names no glossary entry 'nowhere'" in text
    assert "teaching.yaml:8: lesson 'x': 'nope' is not a concept" in text


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_the_lesson_and_what_was_taught_survive_a_store_save(tutor, tmp_path, kind):
    store = MemoryStore() if kind == "memory" else SQLiteStore(tmp_path / "learners.sqlite3")
    session = tutor.new_session()
    for text in ("what is RANKL?", "teach me", "next"):
        tutor.respond(session, text, now=NOW)
    lesson, taught = json.loads(json.dumps(session.lesson)), list(session.taught)
    assert lesson["stage"] == "check" and len(taught) > 1
    store.save("sam", session)  # after_save makes the session what was written: the lesson and glosses stay
    assert (session.lesson, session.taught) == (lesson, taught)
    loaded = store.load("sam")
    assert (loaded.lesson, loaded.taught, loaded.quiz) == (lesson, taught, session.quiz)
    assert tutor.respond(loaded, "where am I", now=NOW).data["lesson"]["step"] == lesson["step"] + 1


def test_a_merge_keeps_the_lesson_and_both_windows_glosses(tutor):
    """Two windows on one learner: one starts a lesson, the other (loaded before) asks a question and saves later."""
    store = MemoryStore()
    store.save("sam", tutor.new_session())
    lesson_window, other_window = store.load("sam"), store.load("sam")
    for text in ("teach me", "next"):
        tutor.respond(lesson_window, text, now=NOW)
    tutor.respond(other_window, "what does OPG do?", now=NOW)
    lesson, taught = json.loads(json.dumps(lesson_window.lesson)), list(lesson_window.taught)
    store.save("sam", lesson_window)
    store.save("sam", other_window)  # saved over a newer revision: merged, not written over
    saved = store.load("sam")
    assert saved.lesson == lesson and saved.last_concept == "opg"
    assert set(taught) | {"opg"} <= set(saved.taught)
    # the window that was in the lesson goes on where it was after a merge of its own turn
    tutor.respond(lesson_window, "what is RANKL?", now=NOW)
    store.save("sam", lesson_window)
    assert store.load("sam").lesson["step"] == lesson["step"] and "rankl" in store.load("sam").taught


def test_an_answer_composed_with_a_lead_teaches_its_concept_too(tutor):
    session = tutor.new_session()
    tutor.respond(session, "what does IGF-1 do for bone?", now=NOW)  # a reply led by IGF-1's facts
    assert "igf-1" in session.taught
