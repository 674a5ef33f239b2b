"""The public API: shape, sessions, determinism, odd input, threads."""
from __future__ import annotations

import json
import threading

import pytest

import tutor as tutor_pkg
from tutor import Reply, Session, SessionError, Tutor, UnknownConceptError, UnknownLevelError


def test_public_names():
    assert {"Tutor", "Session", "Reply", "ContentError", "TutorError"} <= set(tutor_pkg.__all__)


def test_library_does_not_import_prompt_toolkit():
    import subprocess
    import sys

    code = "import sys, tutor; t = tutor.Tutor.load(); t.respond(t.new_session(), 'hi'); print('prompt_toolkit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_reply_shape(tutor):
    reply = tutor.respond(tutor.new_session(), "what do osteoclasts do?")
    assert isinstance(reply, Reply)
    assert (reply.kind, reply.concept, reply.level) == ("answer", "osteoclasts", "fundamentals")
    assert 0 < reply.confidence <= 1 and reply.section and reply.suggestions
    data = reply.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert {"kind", "concept", "level", "text", "confidence", "suggestions", "runner_up", "section"} <= set(data)


def test_a_reply_is_built_by_keyword_only():
    # a positional call could shift a field into the next one (a section read as suggestions) and still run
    with pytest.raises(TypeError):
        Reply("answer", "text", "fundamentals")  # type: ignore[misc]
    reply = Reply(kind="answer", text="text", level="fundamentals", section="Intro")
    assert (reply.kind, reply.section, reply.suggestions, reply.concept) == ("answer", "Intro", (), None)


def test_new_session_level_and_explain(tutor):
    session = tutor.new_session(level="academic")
    assert tutor.respond(session, "what is RANKL").level == "academic"
    reply = tutor.explain(session, "rankl", level="fundamentals")
    assert (reply.kind, reply.concept, reply.level) == ("answer", "rankl", "fundamentals")
    text, gloss = tutor.kb.concepts["rankl"].explain["fundamentals"], tutor.kb.glossary["osteoclasts"].text
    # at fundamentals depth a concept not yet taught gets its one-line gloss in brackets, the first time only
    assert reply.text == text.replace("active osteoclasts", f"active osteoclasts [{gloss}]")
    assert tutor.explain(session, "rankl", level="fundamentals").text == text
    with pytest.raises(UnknownConceptError):
        tutor.explain(session, "nope")
    with pytest.raises(UnknownLevelError):
        tutor.new_session(level="expert")


def test_concepts_listing(tutor):
    rows = tutor.concepts()
    assert ("osteoclasts", tutor.kb.concepts["osteoclasts"].title, "fundamentals") in rows


def test_session_round_trip_keeps_the_conversation(tutor):
    session = tutor.new_session()
    tutor.respond(session, "What is OPG?")
    tutor.respond(session, "more detail")
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert restored == session
    reply = tutor.respond(restored, "what does it bind to?")
    assert reply.concept == "opg" and reply.data["answer"] == "rankl" and reply.level == "intermediate"


@pytest.mark.parametrize("bad", [[], {"version": 99}, {"level": "expert"}, {"turns": "many"}])
def test_bad_session_dict_is_a_typed_error(bad):
    with pytest.raises(SessionError):
        Session.from_dict(bad)


def test_replies_are_deterministic(tutor):
    questions = ["hello", "what is RANKL", "more detail", "why?", "what blocks it?", "zzz", "should I take HRT?"]
    runs = []
    for _ in range(2):
        session = tutor.new_session()
        runs.append([tutor.respond(session, q).to_dict() for q in questions])
    assert runs[0] == runs[1]


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "\x1b[31mwhat is OPG\x1b[0m", "?!?!", "🦴🦴", "ما هو العظم",
                                  "骨粗鬆症とは", "a" * 100_000, "what is OPG " * 5000, "\u202eRANKL"])
def test_odd_input_gets_a_sensible_reply(tutor, text):
    reply = tutor.respond(tutor.new_session(), text)
    assert reply.kind in {"answer", "clarify", "unknown", "safety", "chat"}
    assert reply.text and "\x1b" not in reply.text


def test_escape_sequences_are_stripped_before_matching(tutor):
    assert tutor.respond(tutor.new_session(), "\x1b[31mwhat is OPG\x1b[0m").concept == "opg"


def test_huge_input_is_truncated_with_a_note(tutor):
    reply = tutor.respond(tutor.new_session(), "what is OPG " * 5000)
    assert "first 2000 characters" in reply.text


def test_one_tutor_many_threads_no_cross_talk(tutor):
    scripts = [["what is OPG", "what does it bind to?", "more detail"],
               ["tell me about osteoblasts", "simpler", "what do they make?"],
               ["I'm a medical student", "what is RANKL", "why?"],
               ["what is HRT", "and in men?", "tell me more"]]
    expected = []
    for script in scripts:
        session = tutor.new_session()
        expected.append([tutor.respond(session, q).to_dict() for q in script])
    results: dict[int, list] = {}
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            outs = []
            for _ in range(30):
                session = tutor.new_session()
                outs.append([tutor.respond(session, q).to_dict() for q in scripts[index % len(scripts)]])
            results[index] = outs
        except BaseException as error:  # noqa: BLE001 - a thread's failure must fail the test, not vanish
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(results) == list(range(8))  # every thread finished its 30 conversations
    for index, outs in results.items():
        assert len(outs) == 30 and all(out == expected[index % len(scripts)] for out in outs)


def test_another_pack_loads_by_path(tmp_path):
    from conftest import ROOT

    tutor = Tutor.load(knowledge=ROOT / "tests" / "data" / "photosynthesis" / "knowledge", dialogues=ROOT / "dialogues")
    assert tutor.respond(tutor.new_session(), "what does chlorophyll do?").concept == "chlorophyll"


def test_concepts_come_in_the_document_order(tutor):
    from tutor.model import SECTIONS

    rows = tutor.concepts()
    assert sorted(rows) == sorted((c.id, c.title, c.section) for c in tutor.kb.concepts.values())  # each once
    sections = [SECTIONS.index(section) for _, _, section in rows]
    assert sections == sorted(sections)  # fundamentals, intermediate, academic, references
    outline = tutor.kb.outline
    assert outline, "the bundled pack declares the document's headings"
    for section in SECTIONS:
        headings = [tutor.kb.concepts[cid].heading for cid, _, s in rows if s == section]
        places = [outline.index(h) + 1 if h else 0 for h in headings]
        assert places == sorted(places), f"{section}: headings out of the document's order"
    ids = [cid for cid, _, _ in rows]
    assert ids[0] == "bone-remodeling"  # where the document starts
    assert ids.index("reflection") == max(i for i, (_, _, s) in enumerate(rows) if s == "fundamentals")


def test_topics_list_follows_the_document_order(tutor):
    from tutor.names import short_title

    text = tutor.respond(tutor.new_session(), "/topics").text
    academic = next(line for line in text.splitlines() if line.startswith("Academic:"))
    titles = [short_title(tutor.kb.concepts[cid]) for cid, _, s in tutor.concepts() if s == "academic"]
    assert academic == f"Academic: {', '.join(titles)}."


def _from_an_older_pack(tutor) -> dict:
    """A stored session that learned about OPG and about a concept (and quiz item) the pack has since dropped."""
    session = tutor.new_session()
    tutor.respond(session, "what is OPG")
    tutor.quiz(session, topic="opg", count=2)
    for _ in range(3):
        tutor.respond(session, "hint")  # the third shows the answer: one item answered
    tutor.respond(session, "stop")
    tutor.respond(session, "what is RANKL")
    stored = json.loads(json.dumps(session.to_dict()))
    stored["last_concept"] = "retired-concept"
    stored["last_answer"]["concept"] = "retired-concept"
    stored["history"].append("retired-concept")
    stored["cards"]["retired-concept"] = dict(stored["cards"]["opg"])
    stored["tally"]["retired-concept"] = [1, 1]
    stored["mastery"]["retired-concept"] = {"fundamentals": 0.5}
    stored["asked"]["retired-item"] = 1
    return stored


def test_a_session_naming_unknown_concepts_loads_and_goes_on_with_a_typed_warning(tutor):
    from tutor import SessionWarning

    session = Session.from_dict(_from_an_older_pack(tutor))  # loading needs no pack: never an error here
    with pytest.warns(SessionWarning) as caught:
        reply = tutor.respond(session, "tell me more")
    assert caught[0].message.dropped == ["retired-concept", "retired-item"]
    assert reply.kind in {"chat", "answer", "unknown"} and reply.text
    assert "retired-concept" not in session.to_dict()["cards"] and session.last_concept != "retired-concept"
    assert "opg" in session.cards and session.tally["opg"][1] >= 1  # what it learned about known concepts stays
    assert tutor.check_session(session) == []  # checked once; nothing more to drop
    assert tutor.progress(session)["answered"] >= 1 and tutor.due(session) == tutor.due(session)


@pytest.mark.parametrize("call", ["explain", "quiz", "progress", "due", "due_greeting"])
def test_every_call_taking_a_session_drops_unknown_ids_first(tutor, call):
    from tutor import SessionWarning

    session = Session.from_dict(_from_an_older_pack(tutor))
    args = {"explain": ("opg",), "quiz": ()}.get(call, ())
    with pytest.warns(SessionWarning):
        getattr(tutor, call)(session, *args)
    assert "retired-concept" not in session.cards


def test_a_quiz_in_progress_goes_on_without_items_the_pack_dropped(tutor):
    session = tutor.new_session()
    start = tutor.quiz(session, topic="opg", count=3)
    first, second, third = session.quiz["items"]
    stored = json.loads(json.dumps(session.to_dict()))
    stored["quiz"]["items"] = [first, "retired-item", second]
    stored["quiz"]["index"] = 1  # the retired item is the one being asked
    session = Session.from_dict(stored)
    with pytest.warns(Warning):
        tutor.check_session(session)
    assert session.quiz["items"] == [first, second] and session.quiz["index"] == 1
    reply = tutor.respond(session, "skip")
    assert reply.kind == "quiz" and reply.data["event"] == "summary"
    assert start.data["item"] == first
