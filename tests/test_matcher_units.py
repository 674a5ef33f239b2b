"""The matcher's scoring, unit by unit, on a small pack built in the test (found missing by a mutation pass).

Each expected score is computed here from the matcher's definition (inverse concept frequency weights, a balanced
F score per key with a bonus for a whole name, blended with the concept's coverage of the question), so a change to
any part of the formula fails a test.
"""
from __future__ import annotations

import math

import pytest

from tutor import matcher as matcher_module
from tutor.matcher import Matcher
from tutor.model import Concept, KnowledgeBase
from tutor.normalise import stem

BONUS, SHARE, BETA2, WEAK = (matcher_module._NAME_BONUS, matcher_module._KEY_SHARE, matcher_module._BETA2,
                             matcher_module._WEAK_FACTOR)


def _concept(cid: str, title: str, aliases=(), examples=()) -> Concept:
    return Concept(cid, title, "fundamentals", {"fundamentals": f"{title} explained."}, aliases=tuple(aliases),
                   examples=tuple(examples))


CONCEPTS = [
    _concept("chlorophyll", "Chlorophyll", ["green pigment"], ["why are leaves green", "role of chlorophyll in a plant"]),
    _concept("stomata", "Stomata", ["leaf pores"], ["how does a plant breathe", "what do stomata open for"]),
    _concept("xylem", "Xylem", [], ["how does water climb a plant", "what does xylem carry"]),
    _concept("phloem", "Phloem", [], ["how does sugar move through a plant"]),
    _concept("cambium", "Cambium", [], ["how does a plant stem thicken"]),
    Concept("roots", "Roots", "fundamentals", {"fundamentals": "Roots pull moist earth."}, examples=("how does a plant drink",)),
    _concept("twin-b", "Twin B", [], ["shared riddle question"]),  # defined first: ties still go by id
    _concept("twin-a", "Twin A", [], ["shared riddle question"]),
    _concept("echo", "Echo", [], ["echo chamber sound", "sound echo chamber"]),
]


@pytest.fixture
def matcher() -> Matcher:  # built for each test (cheap), so that each test exercises the building too
    return Matcher(KnowledgeBase({c.id: c for c in CONCEPTS}, (), synonyms={"leaflet": "leaf pores", "foliage": "leaves"}))


def s(word: str) -> str:
    return stem(word)


def _idf(matcher: Matcher, word: str) -> float:
    owners = {k.concept_id for k in matcher._keys if s(word) in k.stems}
    return math.log(1 + len(CONCEPTS) / len(owners))


def _f(precision: float, recall: float) -> float:
    return (1 + BETA2) * precision * recall / (BETA2 * precision + recall)


def test_weights_are_inverse_concept_frequency_and_weak_words_count_less(matcher):
    assert matcher.weight(s("xylem")) == pytest.approx(math.log(1 + len(CONCEPTS) / 1))
    assert matcher.weight(s("plant")) == pytest.approx(math.log(1 + len(CONCEPTS) / 6))
    assert matcher.weight(s("role")) == pytest.approx(math.log(1 + len(CONCEPTS) / 1) * WEAK)  # a weak word
    assert matcher.weight("zzzunheard") == pytest.approx(math.log(1 + len(CONCEPTS)))  # unknown: as rare as can be
    assert matcher.weight(s("purpose")) == pytest.approx(math.log(1 + len(CONCEPTS)) * WEAK)  # unknown but weak


def test_an_unknown_weak_word_costs_less_than_an_unknown_word(matcher):
    with_weak, with_strange = matcher.rank([s("xylem"), s("purpose")])[0], matcher.rank([s("xylem"), "zzzunheard"])[0]
    known = matcher.weight(s("xylem"))
    precision = known / (known + math.log(1 + len(CONCEPTS)) * WEAK)
    assert with_weak.score == pytest.approx(SHARE * min(_f(precision, 1.0) + BONUS, 1 + BONUS) + (1 - SHARE) * precision)
    assert with_weak.score > with_strange.score


def test_a_whole_name_scores_full_with_the_name_bonus(matcher):
    (top, *_rest) = matcher.rank([s("chlorophyll")])
    assert (top.concept_id, top.key, top.recall) == ("chlorophyll", "Chlorophyll", 1.0)
    assert top.score == pytest.approx(SHARE * (1 + BONUS) + (1 - SHARE) * 1.0)


def test_a_whole_example_scores_full_without_the_bonus(matcher):
    top = matcher.rank([s("leaves"), s("green")])[0]
    assert (top.concept_id, top.key, top.recall) == ("chlorophyll", "why are leaves green", 1.0)
    assert top.score == pytest.approx(1.0)


def test_an_unknown_word_costs_precision_and_coverage(matcher):
    top = matcher.rank([s("xylem"), "zzzunheard"])[0]
    known, unknown = matcher.weight(s("xylem")), matcher.weight("zzzunheard")
    precision = known / (known + unknown)
    key_score = min(_f(precision, 1.0) + BONUS, 1 + BONUS)
    assert top.concept_id == "xylem" and top.recall == 1.0
    assert top.score == pytest.approx(SHARE * key_score + (1 - SHARE) * precision)


def test_part_of_a_key_scores_its_recall(matcher):
    top = matcher.rank([s("pigment")])[0]
    pigment, green = matcher.weight(s("pigment")), matcher.weight(s("green"))
    recall = pigment / (pigment + green)
    assert (top.concept_id, top.key) == ("chlorophyll", "green pigment")
    assert top.recall == pytest.approx(recall)
    assert top.score == pytest.approx(SHARE * _f(1.0, recall) + (1 - SHARE) * 1.0)


def test_nothing_shared_nothing_ranked(matcher):
    assert matcher.rank(["zzzunheard"]) == [] and matcher.rank([]) == []


def test_five_best_by_default_and_ties_by_concept_id(matcher):
    ranked = matcher.rank([s("plant")])
    assert len(ranked) == 5 and len(matcher.rank([s("plant")], limit=6)) == 6
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)
    twins = matcher.rank([s("riddle")])
    assert [c.concept_id for c in twins] == ["twin-a", "twin-b"] and twins[0].score == twins[1].score


def test_boosts_add_to_a_concepts_score(matcher):
    plain = {c.concept_id: c.score for c in matcher.rank([s("plant")], limit=10)}
    boosted = {c.concept_id: c.score for c in matcher.rank([s("plant")], boosts={"roots": 0.25}, limit=10)}
    assert boosted["roots"] == pytest.approx(plain["roots"] + 0.25)
    assert all(boosted[c] == plain[c] for c in plain if c != "roots")
    assert matcher.rank([s("plant")], boosts={"roots": 5.0})[0].concept_id == "roots"


def test_within_scores_only_keys_holding_those_words(matcher):
    ranked = matcher.rank([s("plant"), s("water")], within=frozenset({s("water")}), limit=10)
    assert [c.concept_id for c in ranked] == ["xylem"]
    assert matcher.rank([s("plant")], within=frozenset({"zzzunheard"})) == []


def test_the_first_of_equally_good_keys_is_reported(matcher):
    top = matcher.rank([s("sound"), s("chamber")])[0]
    assert (top.concept_id, top.key) == ("echo", "echo chamber sound")


def test_in_a_large_pack_only_selective_words_choose_the_keys(matcher, monkeypatch):
    monkeypatch.setattr(matcher_module, "_MAX_CANDIDATES", 3)
    monkeypatch.setattr(matcher, "_selective", 2)
    # "plant" opens six keys, "water" one: only the keys with "water" are scored
    assert {c.concept_id for c in matcher.rank([s("plant"), s("water")], limit=10)} == {"xylem"}
    # words opening at most `_selective` keys all choose ("green" two keys, "stomata" two)
    assert {c.concept_id for c in matcher.rank([s("plant"), s("green"), s("stomata")], limit=10)} == {"chlorophyll", "stomata"}
    # no word is selective: the rarest one chooses ("riddle" opens two keys, "plant" six)
    monkeypatch.setattr(matcher, "_selective", 1)
    assert {c.concept_id for c in matcher.rank([s("plant"), s("riddle")], limit=10)} == {"twin-a", "twin-b"}


def test_a_small_pack_scores_every_key_sharing_a_word(matcher, monkeypatch):
    monkeypatch.setattr(matcher_module, "_MAX_CANDIDATES", 7)  # "plant" six keys and "water" one: not over
    monkeypatch.setattr(matcher, "_selective", 1)
    assert len(matcher.rank([s("plant"), s("water")], limit=10)) == 6
    monkeypatch.setattr(matcher_module, "_MAX_CANDIDATES", 3)
    assert len(matcher.rank([s("plant"), s("water")], limit=10)) == 1


def test_below_fifty_keys_a_posting_is_always_selective(monkeypatch):
    monkeypatch.setattr(matcher_module, "_MAX_CANDIDATES", 3)
    fresh = Matcher(KnowledgeBase({c.id: c for c in CONCEPTS}, ()))
    assert len(fresh.rank([s("plant"), s("water")], limit=10)) == 6


def test_a_common_word_weighs_less_in_a_keys_recall(matcher):
    top = matcher.rank([s("water"), s("plant")])[0]
    water, climb, plant = (matcher.weight(s(w)) for w in ("water", "climb", "plant"))
    assert plant < water and top.key == "how does water climb a plant"
    assert top.recall == pytest.approx((water + plant) / (water + climb + plant))


def test_a_pack_of_one_concept_weighs_its_words(monkeypatch):
    single = Matcher(KnowledgeBase({"xylem": CONCEPTS[2]}, ()))
    assert single.weight(s("xylem")) == pytest.approx(math.log(2))


def test_within_several_words_is_the_keys_holding_all_of_them():
    pack = [_concept("chlorophyll", "Chlorophyll", [], ["why are leaves green"]),
            _concept("stomata", "Stomata", [], ["are stomata green"]),
            _concept("cambium", "Cambium", [], ["why do leaves fall"])]
    small = Matcher(KnowledgeBase({c.id: c for c in pack}, ()))
    ranked = small.rank([s("green"), s("leaves")], within=frozenset({s("green"), s("leaves")}), limit=10)
    assert [c.concept_id for c in ranked] == ["chlorophyll"]


def test_synonyms_and_stopwords(matcher):
    assert matcher.stems_of(["the", "leaflet", "of", "xylem"]) == [s("leaf"), s("pores"), s("xylem")]
    assert matcher.in_keys("xylem") and matcher.in_keys("foliage") and matcher.in_keys("the")
    assert not matcher.in_keys("zzzunheard")


def test_spelling_correction_rules(matcher):
    assert matcher.spellings("cholrophyll") == ["chlorophyll"] and matcher.correct("cholrophyll") == "chlorophyll"
    assert matcher.spellings("chlorophyll") == [] and matcher.spellings("chlorophyl") == []  # known (same stem): left alone
    assert matcher.spellings("xylm") == []  # under five letters: never corrected
    assert matcher.spellings("stomta") == ["stomata"]  # one edit at six letters
    assert matcher.spellings("stmta") == []  # two edits: too many under eight letters
    assert matcher.spellings("chlrophyl") == ["chlorophyll"]  # two edits at eight letters or more
    assert matcher.spellings("plan7") == []  # not a word
    assert matcher.spellings("xylen") == ["xylem"]  # five letters: corrected
    assert matcher.spellings("sstomatx") == ["stomata"]  # eight letters: two edits allowed
    assert matcher.spellings("explaned") == ["explained"]  # a word only the explanations use
    assert matcher.spellings("moust") == ["moist"]  # five letters, only in an explanation
    assert matcher.spellings("climp") == ["climb"]  # five letters, only in an example
    query = matcher.query("what does cholrophyll do")
    assert query.corrections == (("cholrophyll", "chlorophyll"),) and s("chlorophyll") in query.stems
    assert query.words == ("what", "does", "chlorophyll", "do")


def test_a_tie_between_two_words_refuses_to_guess():
    pack = [_concept("osteoblasts", "Osteoblast", [], ["what builds bone"]),
            _concept("osteoclasts", "Osteoclast", [], ["what clears bone"])]
    tie = Matcher(KnowledgeBase({c.id: c for c in pack}, ()))
    assert sorted(tie.spellings("osteolast")) == ["osteoblast", "osteoclast"]
    assert tie.correct("osteolast") == "osteolast"


def test_of_words_equally_near_the_one_with_the_same_letters_is_meant():
    from tutor.spelling import nearest
    assert nearest("resportion", ["resorption", "restoration"], 2) == ["resorption"]
    assert sorted(nearest("osteoelast", ["osteoclast", "osteoblast"], 1)) == ["osteoblast", "osteoclast"]  # a true tie stays one
