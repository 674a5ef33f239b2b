"""Facts the document states only as a possibility ("may compete ... potentially stimulating"): marked in the pack
with a fourth item `may`, said with "may", told after what the document states, and never made a quiz question."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from tutor.evaluation import first_sentence
from tutor.knowledge import check_knowledge
from tutor.quizitems import generate_items

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
MARKED = "      - [progesterone, stimulates, osteoblasts, may]"


def _with(tmp_path: Path, new: str) -> tuple[Path, int]:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    path = folder / "academic.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(MARKED) == 1, "the bundled pack no longer marks progesterone's effect on osteoblasts as hedged"
    path.write_text(text.replace(MARKED, new), encoding="utf-8")
    return folder, text[: text.index(MARKED)].count("\n") + 1


def test_the_bundled_pack_marks_a_hedged_fact(tutor):
    hedged = [r for r in tutor.kb.relations if r.hedged]
    assert ("progesterone", "stimulates", "osteoblasts") in {(r.subject, r.relation, r.object) for r in hedged}
    assert all(not r.hedged for r in tutor.kb.relations if (r.subject, r.object) == ("progesterone", "bone-formation"))


def test_a_fourth_item_other_than_may_is_reported_at_its_line(tmp_path):
    folder, line = _with(tmp_path, "      - [progesterone, stimulates, osteoblasts, surely]")
    problems = check_knowledge(folder)[1]
    assert [p for p in problems if p.path.endswith("academic.yaml") and p.line == line and "'may'" in p.message]


def test_a_hedged_fact_is_said_with_may_and_after_what_is_stated(tutor):
    session = tutor.new_session()
    text = tutor.respond(session, "What does progesterone stimulate?").text
    # (a process is "promoted": the pack's plainer verb for that kind of object, dialogues/frames.yaml relation_verbs)
    assert text.index("promotes bone formation") < text.index("may also stimulate osteoblasts")
    # in one sentence, so that the first sentence answers in full
    assert first_sentence(text) == "Progesterone promotes bone formation, and may also stimulate osteoblasts."


def test_a_hedged_actor_never_leads_or_stands_beside_the_stated_ones(tutor):
    reply = tutor.respond(tutor.new_session(), "what stimulates osteoblasts?")
    assert reply.data["answer"] != "progesterone"
    assert "rogesterone" not in reply.text


def test_no_generated_quiz_item_asks_a_hedged_fact(tutor):
    kb = tutor.kb
    asked = next(i for i in kb.quiz if i.generated)
    fact = next(r for r in kb.relations if asked.id.startswith(f"gen-{r.subject}-{r.relation}-{r.object}-"))
    # the same pack with that one fact marked as only possible: its items go, the others stay
    relations = tuple(dataclasses.replace(r, hedged=r == fact) for r in kb.relations)
    ids = {i.id for i in generate_items(kb.concepts, relations, kb.kinds)}
    prefix = f"gen-{fact.subject}-{fact.relation}-{fact.object}-"
    assert not [i for i in ids if i.startswith(prefix)]
    assert {i.id for i in kb.quiz if i.generated and not i.id.startswith(prefix)} <= ids


# Facts the document says hold strongly (its agents table: estradiol "strongly reduces resorption"): a fourth item
# `strongly`, said with "strongly", and the answer when a question asks which does it most strongly.

def test_the_bundled_pack_marks_a_strong_fact_and_the_loader_names_both_marks(tutor, tmp_path):
    strong = {(r.subject, r.relation, r.object) for r in tutor.kb.relations if r.strong}
    assert strong == {("estradiol", "inhibits", "bone-resorption")}
    assert not any(r.strong and r.hedged for r in tutor.kb.relations)
    folder, line = _with(tmp_path, "      - [progesterone, stimulates, osteoblasts, surely]")
    problems = check_knowledge(folder)[1]
    assert [p for p in problems if p.line == line and "'strongly'" in p.message and "'may'" in p.message]


def test_a_strong_fact_is_said_with_strongly(tutor):
    from tutor import Session
    reply = tutor.respond(Session(), "what does estradiol do to bone resorption?")
    assert "strongly reduces bone resorption" in reply.text, reply.text


def test_which_does_it_most_strongly_is_the_one_the_document_says_does(tutor):
    from tutor import Session
    for question in ("What reduces bone resorption most strongly in the table?",
                     "which agent most strongly reduces bone resorption", "what reduces bone resorption the most"):
        reply = tutor.respond(Session(), question)
        assert reply.concept == "estradiol" and first_sentence(reply.text) == "Estradiol strongly reduces bone resorption.", \
            (question, reply.text)
    # without a superlative, every actor is told, the most direct first
    assert tutor.respond(Session(), "what reduces bone resorption?").concept == "bone-resorption"
