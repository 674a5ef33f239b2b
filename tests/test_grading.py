"""Grading: the labelled learner answers, and the rules behind them."""
from __future__ import annotations

import pytest
import yaml

from tutor import Tutor
from tutor.grading import UNCLEAR_CHOICE, UNCLEAR_TRUTH
from tutor.model import Misconception, QuizItem, Rubric

from conftest import ROOT

_TUTOR = Tutor.load()
_ITEMS = {i.id: i for i in _TUTOR.kb.quiz}
_LABELLED = yaml.safe_load((ROOT / "tests" / "data" / "graded_answers.yaml").read_text(encoding="utf-8"))["answers"]


@pytest.fixture(autouse=True)
def _pack_folds():
    """The grader called directly folds text with the pack's spelling folds, as a quiz turn does (igf1 -> igf-1)."""
    with _TUTOR.folding():
        yield


def _grade(entry):
    item = _ITEMS[entry["item"]]
    if entry.get("why"):
        return _TUTOR._grader.rubric(item.why, entry["answer"], item.explanation)
    return _TUTOR._grader.grade(item, entry["answer"])


def test_labelled_set_is_large_and_varied():
    assert len(_LABELLED) >= 150
    assert len({e["item"] for e in _LABELLED}) >= 40
    assert {"paraphrase", "typo", "negation", "reversal", "confusable", "stuffing"} <= {e["kind"] for e in _LABELLED}


def test_grader_agrees_with_the_labels_and_rarely_accepts_a_wrong_answer():
    grades = [(_grade(e).correct, e["correct"]) for e in _LABELLED]
    agreement = sum(g == label for g, label in grades) / len(grades)
    wrong = [g for g, label in grades if not label]
    false_accepts = sum(wrong) / len(wrong)
    assert agreement >= 0.90, f"agreement {agreement:.3f}"
    assert false_accepts <= 0.02, f"false accepts {false_accepts:.3f}"


_RUBRIC = Rubric(required=(("rankl",), ("lower", "reduce", "suppress", "decrease", "inhibit")), direction="down",
                 misconceptions=(Misconception((("rank",),), "RANK is the receptor; the question is about RANKL."),))


@pytest.mark.parametrize("answer, correct", [
    ("estrogen lowers RANKL", True),
    ("it suppresses rankl expression", True),
    ("RANKL goes down", True),
    ("estrogen lowers RANKL and raises OPG", True),
    ("estrogen increases RANKL", False),            # reversed
    ("estrogen does not lower RANKL", False),       # negated
    ("it raises and lowers RANKL", False),          # both ways at once
    ("it lowers RANK", False),                      # a confusable, not a typo
    ("RANKL", False),                               # half an answer
])
def test_rubric_direction_negation_confusables(answer, correct):
    assert _TUTOR._grader.rubric(_RUBRIC, answer).correct is correct


def test_feedback_names_what_is_missing_or_reversed():
    assert "missing" in _TUTOR._grader.rubric(_RUBRIC, "RANKL").feedback
    assert "reversed" in _TUTOR._grader.rubric(_RUBRIC, "estrogen increases RANKL").feedback
    assert "receptor" in _TUTOR._grader.rubric(_RUBRIC, "it lowers RANK").feedback


def test_typos_only_on_long_words_and_never_into_another_term():
    cloze = QuizItem("t", "osteoclasts", "fundamentals", "cloze", "The ____ resorb bone.", "e", answer="osteoclasts")
    grader = _TUTOR._grader
    assert grader.grade(cloze, "osteoclsts").correct
    assert not grader.grade(cloze, "osteoblasts").correct
    short = QuizItem("u", "rankl", "intermediate", "cloze", "____ binds RANK.", "e", answer="RANKL")
    assert not grader.grade(short, "rank").correct
    assert not grader.grade(short, "rnkl").correct  # too short to forgive


def test_aliases_count_for_a_term():
    rubric = Rubric(required=(("opg",), ("bind", "binds")))
    assert _TUTOR._grader.rubric(rubric, "osteoprotegerin binds the ligand").correct


def test_a_keyword_list_is_not_an_answer():
    rubric = Rubric(required=(("opg",), ("rankl",), ("bind", "binds", "decoy")))
    assert not _TUTOR._grader.rubric(rubric, "opg rankl rank bind decoy").correct
    assert _TUTOR._grader.rubric(rubric, "opg is a decoy that binds rankl").correct


def test_a_direction_against_the_model_answer_is_caught():
    rubric = Rubric(required=(("opg",),))
    model = "Estrogen raises OPG and lowers RANKL."
    assert not _TUTOR._grader.rubric(rubric, "estrogen lowers opg", model).correct
    assert _TUTOR._grader.rubric(rubric, "estrogen raises opg", model).correct


# --- reading each clause (issue 10) -------------------------------------------------------------

_SECOND = yaml.safe_load((ROOT / "tests" / "data" / "graded_answers2.yaml").read_text(encoding="utf-8"))["answers"]


def test_second_labelled_set_has_free_forms_of_every_item_type():
    assert len(_SECOND) >= 150
    assert {_ITEMS[e["item"]].type for e in _SECOND} == {"mc", "tf", "cloze", "short"}
    assert any(_ITEMS[e["item"]].generated for e in _SECOND)
    assert {"yep", "nope", "right", "wrong"} <= {e["answer"] for e in _SECOND}


def test_grader_agrees_with_the_second_set():
    grades = [(_grade(e).correct, e["correct"]) for e in _SECOND]
    agreement = sum(g == label for g, label in grades) / len(grades)
    wrong = [g for g, label in grades if not label]
    assert agreement >= 0.95, f"agreement {agreement:.3f}"
    assert sum(wrong) / len(wrong) <= 0.01


def _short(item_id, answer):
    return _TUTOR._grader.grade(_ITEMS[item_id], answer)


@pytest.mark.parametrize("item_id, answer", [
    ("menopause-f-short", "testosterone falls"),                       # the right way, the wrong hormone
    ("rankl-opg-ratio-i-short", "bone formation speeds up"),           # formation, when asked about resorption
    ("bone-resorption-i-short", "bone formation is suppressed"),
    ("growth-hormone-peptides-i-short", "IGF-1 raises growth hormone and that builds bone"),  # order reversed
    ("opg-i-short", "RANKL binds OPG as a decoy"),
    ("osteoporosis-i-short", "weak muscles lead to fewer falls"),
    ("osteoclasts-i-short", "osteoclast mature"),                      # two keywords
    ("opg-i-short", "decoy rankl"),
    ("estrogen-i-short", "RANKL up, OPG down"),                        # a terse form, reversed
    ("estrogen-i-short", "estrogen lowers both rankl and opg"),        # the verb reaches both names
])
def test_wrong_claims_earn_nothing(item_id, answer):
    assert not _short(item_id, answer).correct


@pytest.mark.parametrize("item_id, answer", [
    ("opg-i-short", "it soaks up RANKL"),                              # the pack's paraphrase lexicon
    ("opg-i-short", "it mops up rankl so rankl can't reach rank"),
    ("hrt-i-short", "it pushes RANKL down"),
    ("hrt-i-short", "turns rankl down"),
    ("estrogen-i-short", "RANKL down, OPG up"),                        # terse and right
    ("age-related-bone-loss-i-short", "RANKL surges and OPG drops"),   # two clauses, two ways
    ("estrogen-i-short", "it decreases rankl and increases opg"),      # "increases" acting on what follows
    ("osteoporosis-i-short", "more muscle means better balance and fewer falls"),  # "falls" is a noun here
    ("anabolic-antiresorptive-synergy-f-short", "too much breakdown and not enough new bone being built"),
])
def test_right_claims_in_free_words_are_accepted(item_id, answer):
    assert _short(item_id, answer).correct, _short(item_id, answer).feedback


def test_feedback_says_what_went_wrong_with_the_claim():
    assert "not the other way round" in _short("growth-hormone-peptides-i-short", "IGF-1 raises growth hormone").feedback
    assert "not about" in _short("menopause-f-short", "testosterone falls").feedback


@pytest.mark.parametrize("item_id, answer", [
    ("osteoclasts-a-cloze", "osteoblastogenesis"),   # -blast for -clast is no typo
    ("rankl-opg-genes-i-cloze", "TNFRSF11A"),       # a code is spelled exactly
])
def test_spelling_never_crosses_a_confusable(item_id, answer):
    assert not _short(item_id, answer).correct
    assert _short("osteoclasts-a-cloze", "osteoclastogenisis").correct
    assert _short("estrogen-a-cloze", "TNSF11").correct  # one slip in a code's letters, its number intact


def test_a_whole_option_beats_a_longer_one_that_contains_it():
    item = next(i for i in _TUTOR.kb.quiz if i.type == "mc" and "RANKL" in i.options and "RANKL and OPG genes" in i.options)
    assert item.options[_TUTOR._grader.option_index(item, "rankl")] == "RANKL"
    assert item.options[_TUTOR._grader.option_index(item, "the rankl and opg genes")] == "RANKL and OPG genes"


def test_the_grading_words_come_from_the_pack(tmp_path):
    import shutil

    from tutor.errors import ContentError
    dialogues = tmp_path / "dialogues"
    shutil.copytree(ROOT / "dialogues", dialogues)
    path = dialogues / "grading.yaml"
    text = path.read_text(encoding="utf-8").replace("  phrasal:\n    down:", "  phrasal:\n    sideways:")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        Tutor.load(knowledge=ROOT / "knowledge", dialogues=dialogues)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("    sideways:"))
    assert any(p.path.endswith("grading.yaml") and p.line == line and "up, down" in p.message
               for p in caught.value.problems), caught.value.problems


# --- closed answers in the learner's words ------------------------------------------------------

@pytest.mark.parametrize("item_id, answer, right", [
    ("growth-hormone-f-mc", "anterior pituitary", True),     # part of an option
    ("estrogen-a-mc", "er alpha", True),                     # an alias of the concept the option names
    ("estrogen-a-mc", "ERα", True),
    ("opg-i-mc", "decoy receptor", True),
    ("opg-i-mc", "the first one", True),
    ("opg-i-mc", "an enzyme", False),
    ("bone-resorption-i-mc", "RANK ligand", True),
    ("bone-resorption-i-mc", "osteoprotegerin", False),
    ("rankl-opg-ratio-a-mc", "RANKL up, OPG down", True),   # which way each goes, not just the words
    ("rankl-opg-ratio-a-mc", "a surge in OPG", False),
    ("growth-hormone-f-mc", "the answer is b", False),
    ("growth-hormone-f-mc", "a i think", True),
    ("growth-hormone-f-mc", "b. the ovaries", False),
])
def test_multiple_choice_reads_what_the_learner_means(item_id, answer, right):
    grade = _short(item_id, answer)
    assert grade.feedback != "I couldn't tell which option you meant: answer with its letter, number or text."
    assert grade.correct is right


@pytest.mark.parametrize("answer, said", [("yep", True), ("yes", True), ("right", True), ("correct", True), ("true", True),
                                          ("nope", False), ("no", False), ("wrong", False), ("false", False),
                                          ("nope, they differ", False), ("maybe", None), ("osteoclasts", None),
                                          ("that's not right", False), ("i think it's false", False), ("definitely true", True),
                                          ("not wrong", True), ("yes, false", None), ("true i think", True)])
def test_true_false_words(answer, said):
    assert _TUTOR._grader.truth(answer) is said


def test_the_documents_own_reason_is_accepted_for_testosterone_a_tf():
    item = _ITEMS["testosterone-a-tf"]
    reason = "men with faulty aromatase or estrogen receptor genes get severe osteoporosis even with normal testosterone"
    assert _TUTOR._grader.rubric(item.why, reason, item.explanation).correct


def test_every_model_answer_passes_its_own_rubric():
    """The item's explanation is the model answer: a rubric or a reading that refuses it would refuse a good learner."""
    refused = [i.id for i in _TUTOR.kb.quiz if i.type == "short" and not _TUTOR._grader.grade(i, i.explanation).correct]
    refused += [i.id + " (why)" for i in _TUTOR.kb.quiz if i.why
                and not _TUTOR._grader.rubric(i.why, i.explanation, i.explanation).correct]
    assert refused == []


def test_the_matchers_synonyms_count_for_a_rubrics_words():
    rubric = Rubric(required=(("fragile",),))
    assert _TUTOR._grader.rubric(rubric, "the bones become brittle").correct  # brittle -> fragile (knowledge/vocabulary.yaml)
    assert not _TUTOR._grader.rubric(rubric, "the bones become dense").correct


# --- a denied way asserts neither way -----------------------------------------------------------

@pytest.mark.parametrize("answer, correct", [
    ("estrogen does not raise RANKL, it lowers it", True),       # the denial is corrected, not contradicted
    ("the RANKL gene is not increased but reduced", True),
    ("estrogen does not raise RANKL", False),                    # a denial alone says not which way it goes
])
def test_a_denied_way_is_not_the_opposite_way(answer, correct):
    assert _TUTOR._grader.rubric(_RUBRIC, answer).correct is correct


def test_denying_the_way_the_model_gives_is_reversed():
    rubric = Rubric(required=(("opg",),))
    model = "Estrogen raises OPG."
    grade = _TUTOR._grader.rubric(rubric, "estrogen doesn't raise opg", model)
    assert not grade.correct and "does go up" in grade.feedback
    assert _TUTOR._grader.rubric(rubric, "estrogen doesn't lower opg, it raises opg", model).correct


# --- lists of terms: joined by symbols, and what the question asks for ------------------------------

def test_terms_joined_by_a_symbol_are_read_like_words():
    both = Rubric(required=(("rankl",), ("opg",)))
    assert _TUTOR._grader.rubric(both, "rankl + opg", question="Which two proteins?").correct
    assert _TUTOR._grader.rubric(both, "rankl & opg", question="Which two proteins?").correct
    assert _TUTOR._grader.rubric(both, "rankl opg", question="Which two proteins?").correct  # names asked, names given
    assert not _TUTOR._grader.rubric(both, "rankl opg", question="How do the two proteins act?").correct  # bare keywords


def test_a_short_list_answers_a_which_question_but_not_a_how_question():
    rubric = Rubric(required=(("decoy", "bind"), ("rankl",)))
    assert _TUTOR._grader.rubric(rubric, "decoy, rankl, rank", question="Which two words name it?").correct
    assert not _TUTOR._grader.rubric(rubric, "decoy, rankl, rank", question="How does OPG hold back osteoclasts?").correct
    assert _TUTOR._grader.rubric(rubric, "it is a decoy for rankl", question="How does OPG hold back osteoclasts?").correct


# --- cloze: split forms, and words of their own that are no typos --------------------------------------

def _cloze(answer, accept=()):
    return QuizItem(id="t-cloze", concept="bone-resorption", level="fundamentals", type="cloze",
                    question="The breakdown of bone is called bone ____.", explanation="", answer=answer,
                    accept=tuple(accept))


@pytest.mark.parametrize("target, said, right", [
    ("paracrine", "para-crine", True),        # the same letters split by a hyphen
    ("TNFSF11", "TNF SF11", True),            # or by a space
    ("paracrine", "para crime", False),       # other letters are still other letters
    ("resorption", "absorption", False),      # a word of its own, not a misspelling
    ("resorption", "resorbtion", True),       # a misspelling
    ("estradiol", "estriol", False),          # another hormone (the pack's confusable_parts)
])
def test_cloze_reads_split_forms_and_refuses_real_words(target, said, right):
    assert _TUTOR._grader.grade(_cloze(target), said).correct is right


# --- multiple choice in the learner's own words -------------------------------------------------------

def _mc(options, answer_index=0):
    return QuizItem(id="t-mc", concept="rank", level="fundamentals", type="mc", question="What is RANK?", explanation="",
                    options=tuple(options), answer=options[answer_index])


_RANK_OPTIONS = ["A receiver on the surface of immature bone-removing cells", "A hormone released by the ovaries",
                 "A mineral that makes bone hard"]
_CELL_OPTIONS = ["Osteoblasts, osteoclasts and osteocytes", "Osteoclasts only", "Osteocytes only"]
_GENE_OPTIONS = ["TNFSF11 encodes RANKL; TNFRSF11B encodes OPG", "TNFSF11 encodes OPG; TNFRSF11B encodes RANKL"]


@pytest.mark.parametrize("options, answer, picked", [
    (_RANK_OPTIONS, "a receptor on immature osteoclasts", 0),           # a paraphrase: an alias and a shared word
    (_RANK_OPTIONS, "a receptor on mature osteoclasts", None),          # "mature" is not the end of "immature"
    (_RANK_OPTIONS, "a receiver on immature osteoblasts", None),        # names a cell the option does not
    (_CELL_OPTIONS, "all three, blasts clasts and cytes", 0),           # the ends of the options' words
    (_GENE_OPTIONS, "the first one, TNFSF11 = RANKL and TNFRSF11B = OPG", 0),   # an ordinal before a comma
    (_GENE_OPTIONS, "the second one, TNFSF11 = RANKL and TNFRSF11B = OPG", 1),
    (["RANKL", "OPG", "IGF-1"], "RNAKL", 0),                             # two letters swapped
    (["RANKL", "OPG", "IGF-1"], "RNAK", None),                           # a letter lost is no swap
])
def test_a_free_paraphrase_picks_the_option_it_shares_most_with(options, answer, picked):
    assert _TUTOR._grader.option_index(_mc(options), answer) == picked


def test_a_paraphrase_that_reverses_the_option_picks_nothing():
    options = ["Estrogen lowers RANKL and raises OPG", "Estrogen has no effect on bone", "Estrogen only affects the ovaries"]
    assert _TUTOR._grader.option_index(_mc(options), "estrogen cuts down rankl and boosts opg") == 0
    assert _TUTOR._grader.option_index(_mc(options), "estrogen boosts rankl and cuts opg") is None


# --- who gets which part: roles swapped between two things -----------------------------------------------

_ROLES = Rubric(required=(("anti resorptive", "resorption", "osteoclasts"), ("anabolic", "formation", "osteoblasts")))
_ROLES_MODEL = "Sex steroids are anti-resorptive, while GH/IGF-1 is anabolic."


@pytest.mark.parametrize("answer, correct", [
    ("sex steroids are anti-resorptive and GH/IGF-1 is anabolic", True),
    ("GH/IGF-1 is anabolic, and sex steroids are anti-resorptive", True),                # either order
    ("sex steroids are anabolic and GH/IGF-1 is anti-resorptive", False),               # the parts swapped
    ("GH/IGF-1 works on the osteoclasts and the sex steroids on the osteoblasts", False),
])
def test_parts_given_to_the_wrong_things_are_swapped_roles(answer, correct):
    grade = _TUTOR._grader.rubric(_ROLES, answer, _ROLES_MODEL)
    assert grade.correct is correct
    if not correct:
        assert "swapped" in grade.feedback


# --- what turns into what ------------------------------------------------------------------------------

_CONVERSION = Rubric(required=(("estradiol", "estrogen"),))
_CONVERSION_MODEL = "Aromatase turns testosterone into estradiol in bone."


@pytest.mark.parametrize("answer, correct", [
    ("aromatase converts testosterone into estradiol", True),
    ("testosterone is converted to estrogen in bone", True),           # estrogen is the rubric group's word too
    ("aromatase converts estradiol into testosterone", False),          # backwards
    ("because testosterone is converted to progesterone in bone, and that is estradiol's job", False),  # another product
])
def test_what_turns_into_what_keeps_the_models_order(answer, correct):
    assert _TUTOR._grader.rubric(_CONVERSION, answer, _CONVERSION_MODEL).correct is correct


# --- variants of a name, and nouns after "make" --------------------------------------------------------

def test_another_variant_of_a_name_is_another_thing():
    rubric = Rubric(required=(("er alpha", "estrogen receptor", "er"), ("nucleus",)))
    question = "Through which receptor does estrogen act, and where does the complex go?"
    assert _TUTOR._grader.rubric(rubric, "ER alpha, nucleus", question=question).correct
    assert _TUTOR._grader.rubric(rubric, "ERα, then the nucleus", question=question).correct
    assert not _TUTOR._grader.rubric(rubric, "ERβ, nucleus", question=question).correct
    assert not _TUTOR._grader.rubric(rubric, "the estrogen receptor beta goes to the nucleus", question=question).correct


def test_a_word_of_direction_made_into_an_object_is_a_noun():
    rubric = Rubric(required=(("fall", "falls"), ("muscles", "strong")))
    model = "Falls cause fractures, and stronger muscles make falls less likely."
    assert _TUTOR._grader.rubric(rubric, "falls cause fractures, and strong muscles make falls less likely", model).correct


# --- who does it in a paraphrase, and whose verb it is ----------------------------------------------------

def test_a_paraphrase_keeps_the_doer_before_the_verb():
    lexicon = _TUTOR._grader._lex
    assert lexicon.rewrite("it does not let osteoblasts make as much rankl".split()) == \
        ["it", "does", "osteoblasts", "lowers", "rankl"]
    assert lexicon.rewrite("it pushes rankl down".split()) == ["it", "lowers", "rankl"]


def test_a_verb_after_another_thing_is_that_things_way():
    rubric = Rubric(required=(("rankl",), ("opg",)))
    model = "Losing estrogen lets RANKL surge while OPG drops."   # RANKL surges, not estrogen
    assert _TUTOR._grader.rubric(rubric, "with less estrogen, RANKL rises and OPG falls", model).correct
    assert not _TUTOR._grader.rubric(rubric, "with less estrogen, RANKL falls and OPG rises", model).correct


def test_an_optional_part_can_be_the_swapped_one():
    rubric = Rubric(required=(("formation", "osteoblasts"),), optional=(("resorption",),))
    model = "Progesterone supports formation; estradiol is the one that strongly reduces resorption."
    assert _TUTOR._grader.rubric(rubric, "progesterone supports formation, estradiol cuts resorption", model).correct
    assert not _TUTOR._grader.rubric(rubric, "progesterone cuts resorption and estradiol supports formation", model).correct


def test_up_and_down_of_two_different_things_is_no_contradiction():
    rubric = Rubric(required=(("opg",), ("rankl",)))
    model = "Estrogen raises OPG and lowers RANKL, which slows resorption."
    assert _TUTOR._grader.rubric(rubric, "it slows resorption by boosting opg, cutting rankl", model).correct
    assert not _TUTOR._grader.rubric(rubric, "it raises and lowers opg, rankl", model).correct   # one thing, both ways


# --- what a closed answer's grade carries (the quiz shows its feedback and records what was chosen) --------------

def _tf(answer):
    return QuizItem(id="t-tf", concept="rank", level="fundamentals", type="tf", question="RANK is a receptor.",
                    explanation="", answer=answer)


def test_a_choice_grade_names_the_option_picked_and_says_nothing_when_right():
    options = ["RANKL", "OPG", "IGF-1"]
    right = _TUTOR._grader.grade(_mc(options), "a")
    assert (right.correct, right.feedback, right.chosen) == (True, "", "RANKL")
    wrong = _TUTOR._grader.grade(_mc(options), "opg")
    assert (wrong.correct, wrong.chosen) == (False, "OPG")
    assert wrong.feedback.startswith("Not quite") and "\u201cOPG\u201d" in wrong.feedback
    unclear = _TUTOR._grader.grade(_mc(options), "calcitonin")
    assert (unclear.correct, unclear.feedback, unclear.chosen) == (False, UNCLEAR_CHOICE, "")


@pytest.mark.parametrize("answer, said", [("true", "true"), ("nope", "false")])
def test_a_true_false_grade_records_the_side_taken(answer, said):
    for truth in (True, False):
        grade = _TUTOR._grader.grade(_tf(truth), answer)
        right = said == str(truth).lower()
        assert (grade.correct, grade.chosen) == (right, said)
        assert grade.feedback == ("" if right else "Not quite.")


def test_an_unreadable_true_false_answer_is_not_graded_but_asked_again():
    grade = _TUTOR._grader.grade(_tf(True), "maybe")
    assert grade.correct is False and grade.feedback == UNCLEAR_TRUTH and grade.chosen == ""


@pytest.mark.parametrize("answer, said", [
    ("no, they differ", False),          # a leading "no" answers
    ("no, it isnt", False),
    ("true, it has no effect", True),    # a later "no" belongs to the claim, not to the answer
    ("true, why not", True),             # a closing "not" denies nothing before it
    ("a t cell", None),                  # one letter counts only alone ("t" for true)
])
def test_true_false_words_in_a_sentence(answer, said):
    assert _TUTOR._grader.truth(answer) is said


@pytest.mark.parametrize("target, said, right", [
    ("TNFSF11", "TNSF11", True),      # a slip in the letters of a code
    ("TNFSF11", "TNFSF12", False),    # never in its number
    ("TNFSF11", "TNFSF21", False),
    ("paracrine", "para-crime", False),  # a hyphenated word is held to one slip, like a code
])
def test_a_code_is_forgiven_a_slip_in_its_letters_only(target, said, right):
    assert _TUTOR._grader.grade(_cloze(target), said).correct is right


@pytest.mark.parametrize("options, answer, picked", [
    (_GENE_OPTIONS, "2, rankl, opg", 1),                          # the head before the first comma picks
    (_RANK_OPTIONS, "the first one, a hormone released by the ovaries", 1),   # a head the rest contradicts is not taken
    (_CELL_OPTIONS, "clasts", None),                               # the end of one word is not two things shared
    (["Estrogen lowers RANKL and raises OPG", "Estrogen has no effect on bone", "Estrogen only affects the ovaries"],
     "estrogen reduces rankl production", 0),                      # only a named thing's way can reverse an option
])
def test_which_option_a_free_answer_picks(options, answer, picked):
    assert _TUTOR._grader.option_index(_mc(options), answer) == picked


def test_a_tutor_built_again_from_the_same_pack_grades_every_labelled_answer_alike():
    """Building the grader is deterministic: a second Tutor over the same pack and rules (its grader built
    inside this test, from the concepts' names and kinds, the cloze answers and the synonyms) gives every
    labelled answer of both sets the same grade, feedback and all."""
    fresh = Tutor(_TUTOR.kb, _TUTOR.rules)._grader
    for entry in _LABELLED + _SECOND:
        item = _ITEMS[entry["item"]]
        if entry.get("why"):
            grade = fresh.rubric(item.why, entry["answer"], item.explanation)
        else:
            grade = fresh.grade(item, entry["answer"])
        assert grade == _grade(entry), entry


@pytest.mark.parametrize("answer, picked", [
    ("3", 2), ("c", 2), ("4", None),                  # a number or letter within the options only
    ("the fourth one", None),                          # an ordinal past the last option picks nothing
    ("first or second", None),                         # two ordinals are no choice
    ("second option please", 1),                       # "option" beside an ordinal is no word of its own
])
def test_letters_numbers_and_ordinals_stay_within_the_options(answer, picked):
    assert _TUTOR._grader.option_index(_mc(["RANKL", "OPG", "IGF-1"]), answer) == picked


@pytest.mark.parametrize("answer", ["growth hormone", "gh"])
def test_a_concept_named_inside_a_longer_option_picks_that_option(answer):
    """ "growth hormone" is inside the name "growth hormone peptides": naming it picks that option, by any of its names."""
    assert _TUTOR._grader.option_index(_mc(["Growth hormone peptides", "Estrogen", "Calcitonin"]), answer) == 0


# --- spelling and feedback, exactly as the learner reads them -------------------------------------------------

@pytest.mark.parametrize("target, said, right, note", [
    ("osteoclasts", "osteoclast", True, False),         # another form of the word: no spelling note
    ("bone resorption", "bones resorbtion", True, True),   # word for word: a form of one, a slip in the other
    ("marrow", "marow", True, True),                    # six letters forgive one slip
    ("marrow", "narriw", False, False),                 # but not two
    ("paracrine", "perakrine", True, True),             # nine letters forgive two
    ("resorption", "resorbtoin", True, True),
    ("resorption", "rezorbtoin", False, False),         # never three
    ("TNFSF11", "TSF11", False, False),                 # a code forgives one slip only
])
def test_how_many_slips_a_cloze_answer_is_forgiven(target, said, right, note):
    grade = _TUTOR._grader.grade(_cloze(target), said)
    assert grade.correct is right
    assert grade.feedback == (f"(It is spelled {target}.)" if note else "" if right else "Not quite.")


_TWO_DOWN = Rubric(required=(("rankl",), ("opg",)), direction="down")


@pytest.mark.parametrize("rubric, answer, feedback", [
    (_RUBRIC, "RANKL", "Not quite \u2014 missing: \u201clower\u201d."),
    (_TWO_DOWN, "rankl goes up", "Not quite \u2014 missing: \u201copg\u201d; reversed: it goes down, not up."),
    (_TWO_DOWN, "rankl and opg", "Not quite \u2014 reversed: which way it goes (down)."),
    (_TWO_DOWN, "rankl and opg go up and down", "Not quite \u2014 reversed: it says both up and down."),
    (Rubric(required=(("rankl",), ("osteoclasts",))), "estrogen",
     "Not quite \u2014 missing: \u201crankl\u201d, \u201costeoclasts\u201d."),
    (Rubric(required=(("rankl",), ("osteoclasts",))), "it does not involve rankl or osteoclasts",
     "Not quite \u2014 reversed: you said not \u201crankl\u201d, you said not \u201costeoclasts\u201d."),
])
def test_rubric_feedback_lists_what_is_missing_then_what_is_reversed(rubric, answer, feedback):
    grade = _TUTOR._grader.rubric(rubric, answer)
    assert not grade.correct and grade.feedback == feedback


@pytest.mark.parametrize("answer, question, a_list", [
    ("decoy, rankl", "", False),                                   # parts set apart by a comma
    ("decoy rankl rank", "", False),                               # three words
    ("decoy rankl", "", True),                                     # two bare terms, to no question that asks for names
    ("decoy, rankl, rank, opg", "Which words name it?", True),     # four terms are a list even to a which-question
    ("decoy bind, rankl rank", "Which kind of thing, and in which pathway?", False),   # two short parts to a two-part question
    ("decoy bind, rankl rank", "How does it work?", True),                             # never to one that asks how
])
def test_how_short_a_list_of_terms_may_be(answer, question, a_list):
    grade = _TUTOR._grader.rubric(Rubric(required=(("decoy", "bind"), ("rankl",))), answer, question=question)
    assert (grade.feedback == "Please answer in words, not a list of keywords: say what does what.") is a_list
    assert grade.correct is not a_list


@pytest.mark.parametrize("answer", ["i would say maybe b", "b, i think, probably"])
def test_several_lead_ins_are_all_set_aside(answer):
    assert _TUTOR._grader.option_index(_mc(["RANKL", "OPG", "IGF-1"]), answer) == 1


@pytest.mark.parametrize("answer, correct", [
    ("aromatase converts testosterone into something else, estradiol", True),   # "into" naming nothing says no conversion
    ("aromatase converts testosterone into it", False),                       # and the product is still missing
])
def test_a_conversion_needs_a_product_named_after_into(answer, correct):
    assert _TUTOR._grader.rubric(_CONVERSION, answer, _CONVERSION_MODEL).correct is correct


@pytest.mark.parametrize("answer, model, feedback", [
    ("estrogen lowers opg", "Estrogen raises OPG and lowers RANKL.", "Not quite \u2014 reversed: \u201copg\u201d goes up, not down."),
    ("estrogen doesn't raise opg", "Estrogen raises OPG.",
     "Not quite \u2014 reversed: you said not \u201copg\u201d, \u201copg\u201d does go up."),
    ("estrogen doesnt lower opg", "Estrogen raises OPG.", "Not quite \u2014 reversed: you said not \u201copg\u201d."),  # denying the other way is no reversal
    ("estrogen raises opg", "Estrogen does not lower OPG.", ""),    # a model's denial is contradicted only by its own way
])
def test_feedback_on_a_way_against_the_model_names_the_thing_and_both_ways(answer, model, feedback):
    grade = _TUTOR._grader.rubric(Rubric(required=(("opg",),)), answer, model)
    assert (grade.correct, grade.feedback) == (not feedback, feedback)


def test_swapped_roles_name_both_parts():
    grade = _TUTOR._grader.rubric(_ROLES, "sex steroids are anabolic and GH/IGF-1 is anti-resorptive", _ROLES_MODEL)
    # the same words in every process, whatever its string hashing (tests/test_determinism.py runs several)
    assert grade.feedback == "Not quite \u2014 reversed: the roles are swapped: \u201canabolic\u201d and \u201canti resorptive\u201d."


def test_a_conversion_said_backwards_is_wrong_even_with_another_name_of_the_product(tutor):
    # the model turns testosterone into estradiol; "estrogen into testosterone" is the same pair backwards
    item = next(i for i in tutor.kb.quiz if i.id == "aromatase-a-tf")
    with tutor.folding():
        assert not tutor._grader.rubric(item.why, "it converts estrogen into testosterone", item.explanation).correct
        assert tutor._grader.rubric(item.why, "it converts testosterone into estrogen", item.explanation).correct


def test_an_aside_in_brackets_does_not_hide_a_right_choice(tutor):
    item = next(i for i in tutor.kb.quiz if i.id == "growth-hormone-f-mc")
    with tutor.folding():
        assert tutor._grader.grade(item, "the pituitary (front part)").correct
        assert not tutor._grader.grade(item, "the ovaries (mostly)").correct


# --- clause reading: who does what to what, at which pace (issue 10) --------------------------------
_GENES = Rubric(required=(("opg",), ("rankl",)))
_GENES_MODEL = "Estrogen turns the OPG gene up and the RANKL gene down."


@pytest.mark.parametrize("answer, correct", [
    ("it turns up OPG and turns down RANKL", True),      # the verb's particle before its object
    ("it turns up RANKL and turns down OPG", False),     # the same words, the roles reversed
    ("estrogen turns OPG up and RANKL down", True),      # a last clause of a name and its way is a claim of its own
    ("estrogen switches on RANKL", False),
])
def test_a_two_word_verb_acts_on_the_thing_after_it(answer, correct):
    assert _TUTOR._grader.rubric(_GENES, answer, _GENES_MODEL).correct is correct


@pytest.mark.parametrize("answer, correct", [
    ("bone converts it to estrogen", True),
    ("bone converts it to growth hormone", False),   # the pronoun is the model's testosterone, and GH is no product of it
])
def test_a_pronoun_converted_stands_for_what_the_model_converts(answer, correct):
    model = "An enzyme in bone turns testosterone into estrogen."
    assert _TUTOR._grader.rubric(Rubric(required=()), answer, model).correct is correct


_PARTS = Rubric(required=(("breakdown", "osteoclasts", "anti resorptive", "sex steroids"),
                          ("building", "osteoblasts", "anabolic", "gh")))


@pytest.mark.parametrize("answer, correct", [
    ("breakdown by osteoclasts and building by osteoblasts", True),
    ("breakdown by osteoblasts and building by osteoclasts", False),
    ("anti-resorptive sex steroids and anabolic GH", True),
    ("anabolic sex steroids and anti-resorptive GH", False),
    ("anabolic GH pulses, and sex steroids", True),   # one phrase of three terms is no swap
])
def test_each_part_joined_to_the_other_part_s_thing_is_a_swap(answer, correct):
    grade = _TUTOR._grader.rubric(_PARTS, answer)
    assert grade.correct is correct
    assert correct or "swapped" in grade.feedback


@pytest.mark.parametrize("answer, correct", [
    ("it falls sharply", True),
    ("it falls suddenly, not slowly", True),    # a pace denied is not said
    ("they slowly decline over decades", False),
])
def test_a_change_at_the_other_pace_than_the_model_s_is_wrong(answer, correct):
    rubric = Rubric(required=(("fall", "falls", "decline"),))
    grade = _TUTOR._grader.rubric(rubric, answer, "Estrogen falls sharply at menopause.")
    assert grade.correct is correct


def test_the_question_s_own_names_given_back_say_nothing_of_how():
    rubric = Rubric(required=(("rankl",), ("opg",)))
    question = "How does estrogen act on RANKL and OPG to protect bone?"
    assert not _TUTOR._grader.rubric(rubric, "RANKL and OPG", "", question).correct
    assert _TUTOR._grader.rubric(rubric, "it lowers RANKL and raises OPG", "", question).correct
    # to a question that asks for names, the names are the answer
    assert _TUTOR._grader.rubric(rubric, "RANKL and OPG", "", "Which two proteins does estrogen act on?").correct


@pytest.mark.parametrize("answer, correct", [
    ("it's the brake on osteoclasts", True),
    ("it's the brake on osteoblasts", False),   # the right way about the wrong cells
])
def test_the_brake_on_a_thing_holds_that_thing_back(answer, correct):
    model = "Estrogen restrains osteoclasts; when it falls, the brake comes off."
    assert _TUTOR._grader.rubric(Rubric(required=()), answer, model).correct is correct


@pytest.mark.parametrize("answer, correct", [
    ("they get osteoporosis even with high testosterone", True),
    ("their testosterone levels are low", False),   # "low" against the model's "high"
])
def test_high_and_low_are_ways_too(answer, correct):
    model = "These men develop severe osteoporosis despite normal or high testosterone."
    assert _TUTOR._grader.rubric(Rubric(required=()), answer, model).correct is correct


@pytest.mark.parametrize("answer, correct", [
    ("osteoblasts make it", True),
    ("it is made by osteoblasts", True),
    ("osteoclasts make it", False),           # the wrong maker; "it" is what the model has made
    ("it is made by osteoclasts", False),     # the same, said in the passive
    ("osteoclasts respond to it", True),      # no claim of making
])
def test_who_makes_a_thing_is_checked_against_the_model(answer, correct):
    model = "Osteoblasts produce RANKL, and it acts on immature bone-removing cells."
    grade = _TUTOR._grader.rubric(Rubric(required=()), answer, model)
    assert grade.correct is correct
    assert correct or "osteoblasts" in grade.feedback


@pytest.mark.parametrize("answer, correct", [
    ("the liver and bone make it", True),
    ("only the liver makes it", False),             # the model names the liver among others
    ("not only the liver makes it", True),
])
def test_only_said_of_one_of_several_is_wrong(answer, correct):
    model = "GH stimulates IGF-1 production in the liver and in other tissues, bone among them."
    assert _TUTOR._grader.rubric(Rubric(required=()), answer, model).correct is correct
    # a model that says "only" itself agrees with it
    assert _TUTOR._grader.rubric(Rubric(required=()), "only the genomic one", "only the genomic one is detailed").correct


def test_an_answer_of_the_question_s_own_words_gets_its_own_feedback():
    rubric = Rubric(required=(("opg",), ("rankl",)))
    question = "How does the complex change expression of the genes for OPG and RANKL?"
    grade = _TUTOR._grader.rubric(rubric, "it changes OPG and RANKL gene expression", "", question)
    assert not grade.correct and "question's own words" in grade.feedback
    assert _TUTOR._grader.rubric(rubric, "it raises the OPG gene and lowers the RANKL gene", "", question).correct


_CHOICE = QuizItem("c", "gh-igf1-axis", "fundamentals", "mc", "What does the GH/IGF-1 axis do to bone?", "e",
                   answer="It builds bone", options=("It builds bone", "It mainly breaks bone down", "It has no effect on bone"))


@pytest.mark.parametrize("answer, picked", [
    ("it doesn't build bone", None),                           # a denied option is not picked
    ("it doesn't break bone down, it builds it", 0),           # the clause not denied picks
    ("no effect", 2),                                          # an option's own negation denies nothing
    ("it builds bone only", 0),                                # "only" of the whole option
])
def test_a_denied_clause_picks_no_option(answer, picked):
    assert _TUTOR._grader.option_index(_CHOICE, answer) == picked


def test_only_a_part_of_an_option_picks_nothing():
    item = QuizItem("r", "references", "academic", "mc", "Which two sources?", "e",
                    answer="Cagnacci & Venier 2014 and Khosla et al. 2012",
                    options=("Cagnacci & Venier 2014 and Khosla et al. 2012", "Yakar et al. 2002 and Mohan & Baylink 2002"))
    assert _TUTOR._grader.option_index(item, "Cagnacci and Venier only") is None
    assert _TUTOR._grader.option_index(item, "only A") == 0
    assert _TUTOR._grader.option_index(item, "Cagnacci and Venier") == 0


_GENES_CHOICE = QuizItem("g", "rankl-opg-genes", "academic", "mc", "Which pairing matches?", "e",
                         answer="TNFSF11 encodes RANKL; TNFRSF11B encodes OPG",
                         options=("TNFSF11 encodes RANKL; TNFRSF11B encodes OPG", "TNFSF11 encodes OPG; TNFRSF11B encodes RANKL",
                                  "TNFSF11 encodes RANK; TNFRSF11B encodes RANKL"))


@pytest.mark.parametrize("answer, picked", [
    ("TNFSF11 = RANKL, TNFRSF11B = OPG", 0),      # the same things in the same order
    ("tnfsf11 is opg, tnfrsf11b is rankl", 1),
    ("RANKL and OPG", None),                       # no order that one option alone has
])
def test_an_option_is_picked_by_the_order_of_what_it_names(answer, picked):
    assert _TUTOR._grader.option_index(_GENES_CHOICE, answer) == picked


def test_a_name_an_option_spells_another_way_picks_it_word_for_word():
    item = QuizItem("y", "references", "academic", "mc", "What is the source about?", "e",
                    answer="IGF-1 in the blood and bone growth and density",
                    options=("IGF-1 in the blood and bone growth and density", "Hormone replacement therapy after menopause"))
    assert _TUTOR._grader.option_index(item, "IGF-1 and bone density") == 0
    receptor = QuizItem("e", "estrogen", "academic", "mc", "Which receptor?", "e", answer="Estrogen receptor alpha",
                        options=("Estrogen receptor alpha", "Growth hormone receptor"))
    assert _TUTOR._grader.option_index(receptor, "estrogen receptor beta") is None   # another variant


def test_an_answer_saying_the_opposite_word_picks_no_option():
    item = QuizItem("p", "rank-rankl-opg-pathway", "fundamentals", "mc", "What does the pathway control?", "e",
                    answer="How fast bone is broken down",
                    options=("How fast bone is broken down", "How fast blood clots after a cut"))
    assert _TUTOR._grader.option_index(item, "how fast new bone is built") is None
    assert _TUTOR._grader.option_index(item, "how quickly bone gets broken down") == 0


def test_another_form_of_a_pack_term_is_no_misspelling_of_a_cloze_answer():
    cloze = QuizItem("s", "growth-hormone", "intermediate", "cloze", "Another name for growth hormone is ____.", "e",
                     answer="somatotropin", accept=("somatotrophin",))
    assert not _TUTOR._grader.grade(cloze, "somatotroph").correct    # the cells, a term of the pack
    assert _TUTOR._grader.grade(cloze, "somatotropine").correct


@pytest.mark.parametrize("answer, correct", [
    ("it goes on for years before anyone notices", True),
    ("it only begins after the first fracture", False),     # the model says "before"
])
def test_a_word_whose_opposite_the_model_says_is_wrong(answer, correct):
    model = "The loss is silent: it goes on for a long time before a fracture reveals it."
    assert _TUTOR._grader.rubric(Rubric(required=()), answer, model).correct is correct


@pytest.mark.parametrize("answer, both", [
    ("when it drops they multiply", False),     # two things, each going its own way
    ("when it drops RANKL rises", False),       # "drops" takes no object: "it" drops, RANKL rises
    ("it increases OPG and RANKL falls", False),
    ("RANKL rises then falls", True),           # one thing both ways
    ("it goes up and down", True),
])
def test_two_intransitive_verbs_with_their_own_subjects_are_no_contradiction(answer, both):
    grade = _TUTOR._grader.rubric(Rubric(required=()), answer)
    assert ("both up and down" in grade.feedback) is both


def test_grabbing_a_thing_is_binding_it():
    rubric = Rubric(required=(("binds", "bind"), ("rankl",)))
    assert _TUTOR._grader.rubric(rubric, "it grabs RANKL").correct
    assert not _TUTOR._grader.rubric(rubric, "it grabs RANK").correct


def test_both_and_a_noun_stand_for_the_two_things_the_model_names_with_it():
    model = "Estrogen turns the OPG gene up and the RANKL gene down."
    grade = _TUTOR._grader.rubric(Rubric(required=()), "estrogen turns both genes down", model)
    assert not grade.correct and "opg gene (of both genes)" in grade.feedback
    assert _TUTOR._grader.rubric(Rubric(required=()), "estrogen turns the OPG gene up and the RANKL gene down", model).correct
    assert _TUTOR._grader.rubric(Rubric(required=()), "estrogen turns both genes around", model).correct   # no way said


def test_a_verb_that_slows_a_thing_is_no_pace():
    model = "Bone loss comes from too much breakdown; sex hormones slow breakdown."
    assert _TUTOR._grader.rubric(Rubric(required=(("breakdown", "broken"),)), "bone is broken down too fast", model).correct


@pytest.mark.parametrize("item_id, answer, right", [
    ("aromatase-deficiency-i-mc", "they get really bad osteoporosis", True),   # shares what no other option does
    ("opg-i-mc", "decoy reciever", True),
    ("growth-hormone-f-mc", "posterior pituitary", False),                    # the opposite part of the gland
])
def test_a_choice_in_free_words_picks_the_one_option_it_shares_anything_with(tutor, item_id, answer, right):
    item = next(i for i in tutor.kb.quiz if i.id == item_id)
    with tutor.folding():
        assert tutor._grader.grade(item, answer).correct is right


@pytest.mark.parametrize("item_id, answer, right", [
    ("osteoblasts-f-tf", "they don't clear bone, they build it", True),         # the statement denied: false
    ("aromatase-a-tf", "not progesterone, estradiol", True),
    ("age-related-bone-loss-f-tf", "not really, it's silent until something breaks", True),
    ("rank-i-tf", "they aren't the same - one is the receptor, the other binds it", True),
])
def test_a_true_false_answer_that_denies_the_statement_says_false(item_id, answer, right):
    assert _TUTOR._grader.grade(_ITEMS[item_id], answer).correct is right


def test_a_denial_of_a_true_statement_is_wrong():
    item = next(i for i in _TUTOR.kb.quiz if i.type == "tf" and i.answer is True and i.level == "fundamentals")
    claim = next(w for w in item.question.split() if len(w) >= 5 and w.isalpha() and w.islower())
    assert _TUTOR._grader.grade(item, f"it does not {claim}").correct is False, (item.question, claim)


def test_a_cloze_answered_with_two_guesses_is_right_only_if_both_are():
    item = _ITEMS["testosterone-i-cloze"]
    assert not _TUTOR._grader.grade(item, "aromatase? or reductase").correct
    assert _TUTOR._grader.grade(item, "aromatase").correct


def test_a_short_claim_with_a_paraphrased_verb_is_no_keyword_list():
    item = _ITEMS["opg-i-short"]
    assert _TUTOR._grader.grade(item, "decoy receptor grabs RANKL").correct
    assert not _TUTOR._grader.grade(item, "opg rankl rank bind decoy").correct  # a bare verb among terms


@pytest.mark.parametrize("item_id, answer", [
    ("bone-resorption-a-tf", "false, because TNFRSF11B is the RANKL gene"),          # the genes swapped
    ("osteoclastogenesis-a-tf", "false because estrogen blocks the RANK receptor directly"),
    ("bone-formation-a-tf", "false because estradiol increases bone resorption"),
])
def test_a_right_verdict_with_a_wrong_reason_is_wrong(item_id, answer):
    item = _ITEMS[item_id]
    assert not _TUTOR._grader.rubric(item.why, answer, item.explanation).correct


@pytest.mark.parametrize("item_id, answer", [
    ("testosterone-aromatization-i-short", "it is converted to estrogen in the liver"),      # the wrong place
    ("osteoporosis-i-short", "muscles protect the bones like padding when you fall"),        # the wrong reason
    ("bone-mineral-density-a-short", "a higher IGF-1 lowers bone density"),                   # the wrong direction
])
def test_a_short_answer_with_a_named_misconception_is_wrong(item_id, answer):
    assert not _TUTOR._grader.grade(_ITEMS[item_id], answer).correct


def test_the_right_direction_of_a_correlation_is_right_in_other_words():
    assert _TUTOR._grader.grade(_ITEMS["bone-mineral-density-a-short"], "more IGF-1 in the blood goes with higher BMD").correct


@pytest.mark.parametrize("item_id, answer", [
    ("menopause-a-tf", "true, men whose estrogen receptor gene is faulty still get osteoporosis"),   # the evidence
    ("bone-mineral-density-i-tf", "false, density only holds up when OPG is high relative to RANKL"),  # the other side
])
def test_a_right_verdict_with_the_documents_own_reason_is_right(item_id, answer):
    item = _ITEMS[item_id]
    assert _TUTOR._grader.rubric(item.why, answer, item.explanation).correct
