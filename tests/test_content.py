"""Meta-tests over every concept and every dialogue rule of the bundled pack."""
from __future__ import annotations

import re

import pytest
import yaml

from tutor import Tutor
from tutor.model import LEVELS
from tutor.normalise import fold

from conftest import shared_file
from tutor.lint import copied

_TUTOR = Tutor.load()
CONCEPTS = list(_TUTOR.kb.concepts.values())
# a sentence ends at . ! or ? before a capital or the end, but not after an initial ("B. L.") or "et al."
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bal)(?<!\bvol)(?<!\bno)(?<!\bpp)[.!?](?=\s+[A-Z\"\u201c(]|\s*$)")
INTENTS = list(_TUTOR.rules.intents)


def test_every_required_concept_exists():
    required = yaml.safe_load(shared_file("concepts.yaml").read_text(encoding="utf-8"))["concepts"]
    missing = sorted(set(required) - set(_TUTOR.kb.concepts))
    assert not missing


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: c.id)
def test_concept_is_complete(concept):
    assert concept.title and concept.section
    assert all(concept.explain[level].strip() for level in LEVELS)
    assert len(concept.examples) >= 5
    assert all(r in _TUTOR.kb.concepts and r != concept.id for r in concept.related)
    sentences = {level: len(_SENTENCE_END.findall(concept.explain[level])) for level in LEVELS}
    assert 2 <= sentences["fundamentals"] <= 4, sentences
    assert 3 <= sentences["intermediate"] <= 6, sentences
    # a cited paper (an entry with a parent) may say less at depth
    assert (3 if concept.parent else 4) <= sentences["academic"] <= 8, sentences


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: c.id)
def test_every_example_and_name_is_answered_about_its_own_concept(concept):
    for text in (concept.title, *concept.aliases, *concept.examples):
        reply = _TUTOR.respond(_TUTOR.new_session(), text)
        assert reply.kind != "safety" and concept.id in reply.about, f"{text!r} -> {reply.kind} {reply.concept}"


def test_relations_name_known_concepts_and_known_relations():
    from tutor.model import RELATION_NAMES

    assert len(_TUTOR.kb.relations) >= 60
    for r in _TUTOR.kb.relations:
        assert r.subject in _TUTOR.kb.concepts and r.object in _TUTOR.kb.concepts
        assert r.relation in RELATION_NAMES


@pytest.mark.parametrize("fact", [("osteoblasts", "produces", "rankl"), ("osteoblasts", "produces", "opg"),
                                  ("opg", "binds", "rankl"), ("rankl", "binds", "rank"), ("estrogen", "inhibits", "rankl"),
                                  ("estrogen", "stimulates", "opg"), ("aromatase", "converts", "testosterone"),
                                  ("testosterone", "becomes", "estradiol"), ("growth-hormone", "stimulates", "igf-1")])
def test_key_facts_of_the_document_are_relations(fact):
    assert fact in {(r.subject, r.relation, r.object) for r in _TUTOR.kb.relations}


@pytest.mark.parametrize("intent", INTENTS, ids=lambda i: i.id)
def test_every_dialogue_example_reaches_its_rule(intent):
    from tutor.model import LESSON_ACTIONS, QUIZ_ACTIONS

    for example in intent.examples:
        session = _TUTOR.new_session()
        if intent.action in QUIZ_ACTIONS:  # these rules apply while a quiz runs
            _TUTOR.respond(session, "quiz me")
        if intent.action in LESSON_ACTIONS:  # these while a lesson runs; yes / no answer the offer of a deeper depth
            _TUTOR.respond(session, "teach me")
            if intent.action in ("lesson-deeper", "lesson-stay"):
                session.lesson.update(stage="offer", offer="intermediate")
        reply = _TUTOR.respond(session, example)
        assert reply.intent == intent.id, f"{example!r} -> {reply.intent} ({reply.kind})"


def test_document_tables_genes_and_references_are_reachable():
    probes = {
        "target audience of each therapy": "therapy-comparison",
        # the table's row, told as the direct answer: about TRT (what was asked about), naming both cells
        "which cells does testosterone cypionate act on": ("trt", "osteocytes", "osteoblasts"),
        "net effect of each therapy on bone remodeling": "therapy-comparison",
        # one agent's row is about that agent, its net effect told first as the table gives it
        "net effect of progesterone on bone remodeling": ("progesterone", "supporting bone formation"),
        "TNFRSF11B": "rankl-opg-genes",
        "TNFSF11": "rankl-opg-genes",
        "Baniwal": "references",
        "Riggs and Khosla 1995": "references",
        "Yakar 2002": "references",
    }
    for probe, concept in probes.items():
        reply = _TUTOR.respond(_TUTOR.new_session(), probe)
        assert reply.concept == (concept if isinstance(concept, str) else concept[0]), (probe, reply.kind, reply.concept)
        if not isinstance(concept, str):
            assert all(name in reply.text.lower() for name in concept[1:]), reply.text
    with _TUTOR.folding():  # the pack's own spelling folds (CJC-1295 -> cjc1295)
        texts = " ".join(fold(t) for c in CONCEPTS for t in c.explain.values())
        needles = {needle: fold(needle) for needle in ("journal of clinical endocrinology", "lancet diabetes", "116624",
                                                        "3179", "1944", "glucocorticoid", "osteopenia", "sermorelin",
                                                        "ipamorelin", "cjc1295", "leydig")}
    for needle, folded in needles.items():
        assert folded in texts, needle


def test_claims_are_attributed_to_the_document():
    for cid in ("hormonal-optimization", "hrt", "growth-hormone-peptides", "systemic-effects",
                "anabolic-antiresorptive-synergy", "therapy-comparison"):
        text = " ".join(_TUTOR.kb.concepts[cid].explain.values()).lower()
        assert "the document" in text, cid


def test_knowledge_is_in_our_own_words(source_text):
    """No run of eight words of any text the tutor can say is copied from the document (names and quoted titles
    exempt): the very check `tutor lint --source` runs, over the bundled pack."""
    findings = copied(_TUTOR, source_text)
    assert not findings, [str(f) for f in findings[:5]]


def test_own_words_check_finds_a_planted_copy_with_its_file_and_line(tmp_path, source_text):
    """The same check, over a pack with eleven words of the source planted in one explanation, names that entry."""
    import shutil

    from conftest import ROOT

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "tests" / "data" / "photosynthesis" / "knowledge", knowledge)
    path = knowledge / "photosynthesis.yaml"
    planted = " ".join(source_text.split()[300:311]).replace(":", " ").replace("#", " ")
    text = path.read_text(encoding="utf-8")
    text = text.replace("      academic: >-\n", f"      academic: >-\n        {planted}\n", 1)
    path.write_text(text, encoding="utf-8")
    pack = Tutor.load(knowledge=knowledge)
    findings = copied(pack, source_text)
    assert findings and {f.check for f in findings} == {"copied"}
    first = min(c.line for c in pack.kb.concepts.values())
    assert findings[0].path.endswith("photosynthesis.yaml") and findings[0].line == first, [str(f) for f in findings]
    assert copied(Tutor.load(knowledge=ROOT / "tests" / "data" / "photosynthesis" / "knowledge"), source_text) == []


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: c.id)
def test_every_suggestion_leads_where_it_says(concept):
    reply = _TUTOR.explain(_TUTOR.new_session(), concept.id)
    offered = [s for s in reply.suggestions if s.startswith("Tell me about ")]
    assert len(offered) == min(3, len(concept.related)), reply.suggestions
    for suggestion in offered:
        target = _TUTOR.respond(_TUTOR.new_session(), suggestion)
        assert target.kind == "answer" and target.concept in {_TUTOR.kb.concepts[r].answers_for for r in concept.related}, \
            (suggestion, target.kind, target.concept)


_AUTHORS = ("Paschalis", "Cagnacci", "Riggs", "Khosla", "Giustina", "Yakar", "Canalis", "Mohan", "Baniwal")


@pytest.mark.parametrize("concept", [c for c in CONCEPTS if c.section != "references"], ids=lambda c: c.id)
def test_every_academic_text_cites_a_reference(concept):
    assert any(author in concept.explain["academic"] for author in _AUTHORS)


def test_the_era_gene_switch_is_stated_where_it_belongs_and_pointed_to_elsewhere():
    stating = {c.id for c in CONCEPTS for text in c.explain.values() if "TNFRSF11B" in text and "TNFSF11" in text}
    assert {"rankl-opg-genes", "estrogen-receptor-alpha", "estrogen-rankl-opg"} <= stating and len(stating) <= 5, stating


def test_the_peptide_dose_claim_is_attributed_and_marked_as_not_shown():
    text = _TUTOR.kb.concepts["growth-hormone-peptides"].explain["fundamentals"].lower()
    assert "hrt" in text and "dose" in text and "the document" in text and "without showing evidence" in text


@pytest.mark.parametrize("question", ["what does the article conclude?", "how does the document end", "take-home message"])
def test_the_closing_reflection_is_taught(question):
    reply = _TUTOR.respond(_TUTOR.new_session(), question)
    # the closing section is one part of the document's case for hormonal optimization: that concept is reported
    assert (reply.kind, reply.concept, reply.data["entry"]) == ("answer", "hormonal-optimization", "reflection")
