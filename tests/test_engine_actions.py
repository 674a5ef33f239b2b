"""The engine's dialogue actions, driven through `Tutor.respond` as a learner would drive them.

Each test asserts what a host or a learner relies on: the kind of reply, the concept, the depth, the
`data` keys, and the parts of the text that carry the meaning (the pack's messages, filled in with what
the turn was about). These are the paths a mutation pass over tutor/engine.py found least tested
(docs/mutation.md): `/why` and its account of the reading, "and in men?", depth shifts, refusals and
their educational half, progress, picking a clarified choice, and the table of actions; then what the first
pass over them left: every field of comparisons and relations, sessions restored with less stored, depth
requests that name nothing, reviews and quizzes asked for in words, side questions during a quiz, and a
Tutor built directly from a pack (the shared `tutor` fixture is built once, before any test runs).
"""
from __future__ import annotations

import warnings
from datetime import datetime, timedelta, timezone

import pytest

from conftest import ROOT, Chat
from tutor import Session, SessionWarning, Tutor, UnknownConceptError
from tutor.model import LESSON_ACTIONS, LEVELS
from tutor.names import short_title
from tutor.progress import when_due

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def msg(tutor, name: str, **values) -> str:
    """A message of the dialogue pack, filled in: what the learner should see, word for word."""
    return tutor.rules.messages[name].format(**values)


def related_suggestions(tutor, concept_id: str, level: str) -> tuple[str, ...]:
    concept = tutor.kb.concepts[concept_id]
    deeper = ("more detail",) if level != LEVELS[-1] else ()
    return (*deeper, *(f"Tell me about {short_title(tutor.kb.concepts[r])}" for r in concept.related[:3]))


# --- /why: how the last question was read ----------------------------------------------------------

def test_why_before_any_answer_says_there_is_nothing_to_explain(tutor, chat):
    reply = chat.say("/why", kind="chat", concept=None)
    assert reply.text == msg(tutor, "explain_nothing")
    assert reply.intent == "explain-last" and reply.data == {}


def test_why_after_an_answer_gives_the_reading_the_choice_and_its_source(tutor, chat):
    answered = chat.say("what do osteoclasts do?", kind="answer", concept="osteoclasts")
    reply = chat.say("/why", kind="chat", concept="osteoclasts", level="fundamentals")
    reading = reply.data["reading"]
    assert reading["frame"] and [m["concept"] for m in reading["mentions"]] == ["osteoclasts"]
    described = f"it names Osteoclasts (“osteoclasts”); it asks a question of the kind “{reading['frame']}”"
    assert reply.text == msg(tutor, "explain_last", reading=described, how="the concept your question names",
                             title="Osteoclasts", confidence=f"{answered.confidence:.2f}",
                             runner_up=tutor.kb.concepts[answered.runner_up].title, where=answered.section,
                             level="fundamentals")
    # the reply carries the choice it explains, not a new one
    assert (reply.confidence, reply.runner_up, reply.section) == (answered.confidence, answered.runner_up, answered.section)
    assert reply.intent == "explain-last" and not reply.suggestions


def test_why_names_a_pronoun_by_the_word_that_stood_for_it_and_the_side_asked_for(tutor, chat):
    chat.say("What is OPG?", concept="opg")
    chat.say("what does it bind to?", concept="opg", kind="answer")
    reply = chat.say("why did you say that?", kind="chat", concept="opg")
    assert reply.data["reading"]["mentions"][0]["how"] == "pronoun"
    assert "it names OPG (from “it”)" in reply.text
    assert f"of the kind “{reply.data['reading']['frame']}”, asking for the target" in reply.text
    assert "runner-up: none" in reply.text and reply.runner_up is None


def test_why_says_which_misspelt_words_were_read_as_what(tutor, chat):
    chat.say("what do osteoclsts do", concept="osteoclasts")
    reply = chat.say("/why", kind="chat", concept="osteoclasts")
    assert reply.text.count("; ") >= 2 and "; I read “osteoclsts” as “osteoclasts”. So I answered" in reply.text


def test_why_after_a_decline_says_what_was_read_and_why_nothing_was_answered(tutor, chat):
    chat.say("what is vitamin D?", kind="unknown")
    reply = chat.say("/why", kind="chat", concept=None)
    reading = reply.data["reading"]
    described = f"it names no concept; it asks a question of the kind “{reading['frame']}”; it is about vitamin D"
    assert reply.text == msg(tutor, "explain_declined", reading=described,
                             how="a topic the document does not cover (vitamin D)", kind="unknown")
    assert reply.confidence == 0.0 and reply.runner_up is None and reply.section is None


def test_why_after_a_foreign_name_names_it(tutor, chat):
    chat.say("what is secondary osteoporosis", kind="unknown")
    reply = chat.say("/why", kind="chat", concept=None)
    assert "it names Osteoporosis (“osteoporosis”)" in reply.text
    assert "; it names something the document does not cover (secondary osteoporosis)." in reply.text
    assert reply.data["reading"]["foreign"] == ["secondary osteoporosis"]


def test_why_after_a_refusal_names_the_rule_of_the_boundary(tutor, chat):
    refused = chat.say("should I take estrogen?", kind="safety")
    reply = chat.say("/why", kind="chat", concept=None)
    rule = refused.data["advice"]["rule"]
    assert rule and f"; it asks for personal advice ({rule})." in reply.text
    assert reply.text.startswith("How I read your question: it names Estrogen (“estrogen”);")


# --- "why?": one depth deeper, this time only ---------------------------------------------------------

def test_why_without_a_topic_asks_for_one(tutor, chat):
    reply = chat.say("why?", kind="chat", concept=None, level="fundamentals")
    assert reply.text == msg(tutor, "no_context", text="why") and reply.intent == "why"


def test_why_explains_one_depth_deeper_up_to_the_deepest(tutor, chat):
    chat.say("what are osteoclasts", concept="osteoclasts", level="fundamentals")
    first = chat.say("why?", kind="answer", concept="osteoclasts", level="intermediate")
    assert first.text == tutor.kb.concepts["osteoclasts"].explain["intermediate"]  # no announcement: the depth stays
    assert not first.level_changed and first.intent == "why" and first.confidence == 1.0
    assert first.suggestions == related_suggestions(tutor, "osteoclasts", "intermediate")
    chat.say("why?", concept="osteoclasts", level="academic")
    chat.say("why?", concept="osteoclasts", level="academic")
    assert chat.session.level == "fundamentals" and chat.session.override is None


# --- "and in men?" / "and in women?" -------------------------------------------------------------------

@pytest.mark.parametrize("question, said", [("and in men?", "in men"), ("and in women?", "in women")])
def test_counterpart_without_a_topic_asks_for_one(tutor, chat, question, said):
    reply = chat.say(question, kind="chat", concept=None)
    assert reply.text == msg(tutor, "no_context", text=said)


def test_counterpart_follows_the_packs_relation_both_ways(tutor, chat):
    chat.say("what is menopause", concept="menopause")
    men = chat.say("and in men?", kind="answer", level="fundamentals")
    assert (men.concept, men.intent) == ("hormonal-decline", "in-men")
    women = chat.say("and in women?", kind="answer", concept="menopause")
    assert women.intent == "in-women" and women.text.startswith("Menopause")
    assert chat.session.last_concept == "menopause"


def test_counterpart_without_a_relation_leads_with_what_the_text_says_of_them(tutor, chat):
    chat.say("what are osteoclasts", concept="osteoclasts")
    reply = chat.say("and in women?", kind="answer", concept="osteoclasts", level="fundamentals")
    first_sentence = reply.text.split(". ")[0].lower()
    assert any(word in first_sentence for word in tutor.kb.audiences["women"])
    assert reply.data == {"entry": "osteoclasts"}
    assert chat.session.last_answer["how"] == "what the document says of women"


def test_counterpart_the_document_does_not_draw_is_said_plainly(tutor, chat):
    chat.say("what are osteoclasts", concept="osteoclasts")
    reply = chat.say("and in men?", kind="unknown", concept=None, level="fundamentals")
    assert reply.text == msg(tutor, "no_counterpart", who="men", title="Osteoclasts")
    assert reply.suggestions == related_suggestions(tutor, "osteoclasts", "fundamentals")
    assert reply.intent == "in-men" and reply.confidence == 0.0


def test_a_point_the_document_makes_of_the_others_only_is_said_as_theirs(tutor, chat):
    # IGF-1 goes with denser bone "clearest in women": asked of men, the reply says men are not singled out, then that
    chat.say("how is IGF-1 linked to bone density?", concept="igf-1")
    reply = chat.say("in men too?", kind="answer", concept="igf-1")
    opening = msg(tutor, "only_the_others", who="men", others="women")
    assert reply.text.startswith(opening)
    said = reply.text[len(opening):].split(". ")[0].lower()
    assert "women" in said and any(w in said for w in tutor.kb.singled_out)


def test_every_singling_word_is_folded_and_none_is_an_audience_word(tutor):
    assert tutor.kb.singled_out, "the pack declares the words that single out one audience"
    people = {w for ws in tutor.kb.audiences.values() for w in ws}
    assert not people & set(tutor.kb.singled_out)


# --- depth shifts ---------------------------------------------------------------------------------

def test_deeper_and_simpler_without_a_topic_move_the_depth_and_say_so(tutor, chat):
    for question, level, changed in (("more detail", "intermediate", True), ("more detail", "academic", True),
                                     ("more detail", "academic", False), ("simpler", "intermediate", True),
                                     ("simpler", "fundamentals", True), ("simpler", "fundamentals", False)):
        reply = chat.say(question, kind="chat", concept=None, level=level)
        assert reply.text == msg(tutor, "level_now", level=level)
        assert reply.level_changed is changed, (question, level)
    assert chat.session.level == "fundamentals"


def test_deeper_on_a_topic_announces_the_new_depth_and_why(tutor, chat):
    chat.say("what is OPG?", concept="opg", level="fundamentals")
    deeper = chat.say("tell me more", kind="answer", concept="opg", level="intermediate")
    announced = msg(tutor, "level_changed", level="intermediate", reason="as you asked for more detail")
    assert deeper.level_changed and deeper.text.splitlines()[0] == announced and deeper.intent == "deeper"
    assert deeper.text.splitlines()[1] == tutor.kb.concepts["opg"].explain["intermediate"]
    simpler = chat.say("simpler", kind="answer", concept="opg", level="fundamentals")
    assert simpler.text.splitlines()[0] == msg(tutor, "level_changed", level="fundamentals",
                                               reason="as you asked for a simpler explanation")


def test_deeper_at_the_deepest_offers_related_topics_instead(tutor, chat):
    chat.say("what is RANKL", concept="rankl")
    chat.say("level academic", concept="rankl", level="academic")
    reply = chat.say("more detail", kind="answer", concept="rankl", level="academic")
    rankl = tutor.kb.concepts["rankl"]
    related = ", ".join(short_title(tutor.kb.concepts[r]) for r in rankl.related)
    assert reply.text == msg(tutor, "related_more", title="RANKL", related=related)
    assert not reply.level_changed and reply.intent == "deeper" and reply.section == rankl.where
    assert reply.suggestions == related_suggestions(tutor, "rankl", "academic")  # no "more detail" at the deepest


def test_setting_a_depth_answers_the_last_topic_again_at_it(tutor, chat):
    chat.say("level intermediate", kind="chat", concept=None, level="intermediate")
    assert chat.session.override == "intermediate"
    chat.say("what are osteoclasts", concept="osteoclasts", level="intermediate")
    reply = chat.say("/level academic", kind="answer", concept="osteoclasts", level="academic")
    assert reply.level_changed and reply.intent == "level-academic"
    assert reply.text.splitlines()[0] == msg(tutor, "level_changed", level="academic", reason="as you described yourself")
    shown = chat.say("/level", kind="chat", level="academic")
    assert shown.text == msg(tutor, "level_is", level="academic", levels=", ".join(LEVELS)) and shown.intent == "level"
    assert chat.say("/level nonsense", kind="chat").text == shown.text


def test_a_filler_around_a_command_does_not_hide_it(tutor, chat):
    reply = chat.say("hmm, more detail please", kind="chat", level="intermediate")
    assert reply.intent == "deeper" and reply.level_changed


# --- refusals and their educational half ----------------------------------------------------------

def test_a_refusal_that_names_no_topic_offers_the_topics(tutor, chat):
    reply = chat.say("should I take anything for my bones?", kind="safety", concept=None)
    assert reply.text.splitlines() == [msg(tutor, "safety"), msg(tutor, "safety_offer_general")]
    assert (reply.confidence, reply.section, reply.suggestions) == (0.0, None, ("topics",))
    assert reply.data["advice"]["rule"] and "who" in reply.data["advice"]["classes"]


def test_a_refusal_about_a_symptom_adds_the_urgent_line_and_offers_the_topic(tutor, chat):
    reply = chat.say("I have sudden severe back pain, do I have osteoporosis?", kind="safety", concept="osteoporosis")
    assert reply.text.splitlines() == [msg(tutor, "safety"), msg(tutor, "safety_urgent"),
                                       msg(tutor, "safety_offer", title="Osteoporosis")]
    assert reply.confidence == 1.0 and reply.section == tutor.kb.concepts["osteoporosis"].where
    assert reply.suggestions == ("Tell me about Osteoporosis",) and "symptom" in reply.data["advice"]["classes"]


def test_a_mixed_question_is_refused_then_its_educational_half_answered(tutor, chat):
    plain = Chat(tutor).say("what is OPG?", concept="opg")
    reply = chat.say("what is OPG, and should I take estrogen?", kind="safety", concept="opg")
    lines = reply.text.splitlines()
    assert lines[:2] == [msg(tutor, "safety"), msg(tutor, "safety_offer", title="OPG")]
    assert lines[2] == msg(tutor, "safety_and_answer", text=plain.text)
    assert reply.suggestions == ("Tell me about OPG",)


def test_a_refusal_alone_answers_nothing(tutor, chat):
    reply = chat.say("should I take estrogen?", kind="safety", concept="estrogen")
    assert len(reply.text.splitlines()) == 2  # no "on the rest of your question"
    assert msg(tutor, "safety_and_answer", text="")[:10] not in reply.text


def test_an_aspect_the_document_does_not_discuss_keeps_a_depth_asked_for(tutor, chat):
    reply = chat.say("what are the side effects of HRT at the molecular level?", kind="unknown", concept=None)
    assert reply.data == {"uncovered": "risks", "about": "hrt"}
    assert reply.level == "academic" and reply.level_changed
    assert reply.section == tutor.kb.concepts["hrt"].where
    assert reply.suggestions == ("Tell me about Hormone replacement therapy",)


# --- progress -----------------------------------------------------------------------------------

def _right_answer(tutor, reply) -> str:
    item = next(i for i in tutor.kb.quiz if i.id == reply.data["item"])
    if item.type == "mc":
        return "abcd"[item.options.index(item.answer)]
    if item.type == "tf":
        return "true" if item.answer else "false"
    return item.explanation


def test_progress_before_any_answer_says_so(tutor):
    session = tutor.new_session()
    reply = tutor.respond(session, "how am I doing?", now=NOW)
    assert (reply.kind, reply.intent, reply.concept) == ("chat", "progress", None)
    assert reply.text == msg(tutor, "progress_none")
    assert reply.data["progress"]["answered"] == 0 and reply.data["progress"]["accuracy"] is None


def test_progress_after_a_quiz_counts_the_answers_and_says_when_to_review(tutor):
    session = tutor.new_session()
    reply = tutor.quiz(session, topic="opg", count=2, now=NOW)
    while session.quiz is not None:
        reply = tutor.respond(session, _right_answer(tutor, reply), now=NOW)
    reply = tutor.respond(session, "/progress", now=NOW)
    report = reply.data["progress"]
    assert (report["answered"], report["accuracy"], report["due"]) == (2, 1.0, 0) and report["next_review"]
    summary = msg(tutor, "progress_summary", questions="2 questions", accuracy="100%")
    when = when_due(datetime.fromisoformat(report["next_review"]), NOW)
    assert reply.text == summary + " " + msg(tutor, "progress_next", when=when)
    later = tutor.respond(session, "how am I doing?", now=NOW + timedelta(days=30))
    assert later.text == summary + " " + msg(tutor, "progress_due", due=1)
    assert later.data["progress"]["due"] == 1


def test_progress_names_what_is_mastered_at_which_depth(tutor):
    # a stored record: mastered at one depth, 2 of 3 first attempts right (a tally is [right, answered])
    session = Session.from_dict({"mastered": {"opg": ["fundamentals"]}, "tally": {"opg": [2, 3]}})
    reply = tutor.respond(session, "how am I doing?", now=NOW)
    assert msg(tutor, "progress_mastered", titles="OPG (fundamentals)") in reply.text
    assert reply.text.startswith(msg(tutor, "progress_summary", questions="3 questions", accuracy="67%"))


def test_progress_lists_at_most_eight_mastered_topics_each_with_its_depths(tutor):
    ten = list(tutor.kb.concepts)[:10]
    session = Session.from_dict({"mastered": {c: ["fundamentals", "intermediate"] for c in ten}, "tally": {ten[0]: [1, 1]}})
    reply = tutor.respond(session, "how am I doing?", now=NOW)
    assert reply.text.count(" (fundamentals, intermediate)") == 8
    assert reply.level == "fundamentals" and reply.intent == "progress"


def test_progress_during_a_lesson_shows_where_it_stands(tutor):
    session = tutor.new_session()
    tutor.respond(session, "teach me", now=NOW)
    tutor.respond(session, "stop", now=NOW)
    reply = tutor.respond(session, "how am I doing?", now=NOW)
    lines = reply.text.splitlines()
    assert lines[0] == msg(tutor, "progress_none") and len(lines) > 2  # then the lesson's path
    first = reply.data["progress"]["lesson"]["concept"]
    assert first == session.lesson["path"][0]
    assert any(line.endswith(f"1. {short_title(tutor.kb.concepts[first])} (now)") for line in lines[1:])
    assert tutor.progress(session, NOW)["lesson"] == reply.data["progress"]["lesson"]


# --- picking one of the two offered ----------------------------------------------------------------

@pytest.mark.parametrize("pick, concept", [
    ("1", "osteoblasts"), ("one", "osteoblasts"), ("first", "osteoblasts"), ("the first one", "osteoblasts"),
    ("a", "osteoblasts"), ("2", "osteoclasts"), ("two", "osteoclasts"), ("the second", "osteoclasts"),
    ("b", "osteoclasts"), ("osteoclasts", "osteoclasts"), ("osteoblasts please", "osteoblasts"),
    ("the first", "osteoblasts"), ("second", "osteoclasts"), ("the second one", "osteoclasts"),
])
def test_a_clarified_choice_is_taken_by_number_letter_or_name(tutor, chat, pick, concept):
    offered = chat.say("osteolasts", kind="clarify")
    assert offered.options == ("osteoblasts", "osteoclasts") and offered.suggestions == ("Osteoblasts", "Osteoclasts")
    assert offered.runner_up == "osteoclasts" and 0 < offered.confidence < 1
    assert chat.session.pending_choices == ["osteoblasts", "osteoclasts"]
    reply = chat.say(pick, kind="answer", concept=concept, level="fundamentals")
    assert reply.confidence == 1.0 and reply.runner_up is None
    assert reply.text == tutor.explain(tutor.new_session(), concept).text
    assert chat.session.pending_choices == [] and chat.session.last_concept == concept


def test_naming_both_or_neither_is_a_new_question_and_the_offer_ends(tutor, chat):
    chat.say("osteolasts", kind="clarify")
    both = chat.say("osteoblasts or osteoclasts", kind="answer")
    assert both.data.get("compare") == ["osteoblasts", "osteoclasts"]
    assert chat.session.pending_choices == []
    chat.say("osteolasts", kind="clarify")
    chat.say("what is RANKL", concept="rankl")
    assert chat.say("2").concept != "osteoclasts"  # the offer is over


def test_a_number_past_the_options_offered_picks_nothing(tutor):
    session = Session.from_dict({"pending_choices": ["osteoclasts"]})
    reply = tutor.respond(session, "2")
    assert reply.concept != "osteoclasts" and session.pending_choices == []
    session = Session.from_dict({"pending_choices": ["osteoclasts"]})
    assert tutor.respond(session, "1").concept == "osteoclasts"


# --- every action of the dialogue pack reaches its own handler ---------------------------------------

# the kind each action's reply has, asked right after an answer about OPG, outside a quiz and a lesson
_KIND_OF_ACTION = {
    "reply": "chat", "goodbye": "chat", "help": "chat", "topics": "chat", "deeper": "answer", "simpler": "answer",
    "set-level": "answer", "why": "answer", "explain-last": "chat", "men": "answer", "women": "answer",
    "men-counterpart": "answer", "women-counterpart": "answer",
    "quiz": "quiz", "review": "quiz", "hint": "chat", "reveal": "chat", "skip": "chat", "stop-quiz": "chat",
    "progress": "chat", "lesson": "lesson", "example": "answer", "define": "answer", "glossary": "chat",
    "source": "chat", "repeat": "answer",
}


def test_the_table_of_actions_covers_the_pack(tutor):
    actions = {intent.action for intent in tutor.rules.intents} - LESSON_ACTIONS
    assert actions == set(_KIND_OF_ACTION)


@pytest.mark.parametrize("action", sorted(_KIND_OF_ACTION))
def test_each_action_answers_its_own_examples(tutor, action):
    intents = [i for i in tutor.rules.intents if i.action == action]
    for intent in intents:
        session = tutor.new_session()
        tutor.respond(session, "what is OPG?", now=NOW)
        reply = tutor.respond(session, intent.examples[0], now=NOW)
        assert (reply.intent, reply.kind) == (intent.id, _KIND_OF_ACTION[action]), intent.examples[0]


@pytest.mark.parametrize("said", ["hint", "skip", "stop"])
def test_quiz_commands_outside_a_quiz_say_none_is_running(tutor, chat, said):
    reply = chat.say(said, kind="chat", concept=None)
    assert reply.text == msg(tutor, "quiz_not_running")


def test_plain_replies_and_help_say_the_packs_words(tutor, chat):
    for intent in tutor.rules.intents:
        if intent.action in ("reply", "goodbye"):
            assert chat.say(intent.examples[0], kind="chat").text == intent.reply
    help_reply = chat.say("/help", kind="chat")
    help_intent = next(i for i in tutor.rules.intents if i.action == "help")
    assert help_reply.text.startswith(help_intent.reply + "\n") and "/quiz [topic] [n]" in help_reply.text


def test_topics_list_every_section_with_its_titles_in_the_documents_order(tutor, chat):
    reply = chat.say("topics", kind="chat", concept=None)
    lines = reply.text.splitlines()
    sections = [line.split(":")[0].lower() for line in lines]
    assert sections == [s for s in dict.fromkeys(c.section for c in tutor.kb.in_document_order())]
    first = [short_title(c) for c in tutor.kb.in_document_order() if c.section == sections[0]]
    assert lines[0] == f"{sections[0].capitalize()}: {', '.join(first)}."


# --- comparisons and relations: every field of the reply ----------------------------------------------

def test_a_comparison_reply_names_both_sides_at_the_learners_depth(tutor, chat):
    chat.say("level intermediate", level="intermediate")
    reply = chat.say("compare estrogen and testosterone", kind="answer", concept="estrogen", level="intermediate")
    assert (reply.runner_up, reply.confidence, reply.level_changed) == ("testosterone", 1.0, False)
    assert reply.section == tutor.kb.concepts["estrogen"].where
    assert reply.suggestions == ("Tell me about Testosterone", *related_suggestions(tutor, "estrogen", "intermediate")[:2])
    assert reply.data == {"entry": "estrogen", "compare": ["estrogen", "testosterone"]}
    assert chat.session.last_pair == ["estrogen", "testosterone"]
    assert (chat.session.last_concept, chat.session.last_level) == ("estrogen", "intermediate")
    assert chat.session.last_answer["how"] and chat.session.last_answer["concept"] == "estrogen"


def test_a_comparison_with_a_depth_cue_announces_it(tutor, chat):
    reply = chat.say("estrogen vs testosterone at the molecular level", kind="answer", concept="estrogen", level="academic")
    assert reply.level_changed
    assert reply.text.splitlines()[0] == msg(tutor, "level_changed", level="academic", reason="as you asked")
    assert reply.suggestions == ("Tell me about Testosterone", *related_suggestions(tutor, "estrogen", "academic")[:2])


def test_a_relation_reply_is_about_what_was_asked_at_the_learners_depth(tutor, chat):
    chat.say("level intermediate", level="intermediate")
    reply = chat.say("what blocks RANKL?", kind="answer", concept="rankl", level="intermediate")
    assert (reply.intent, reply.confidence, reply.level_changed, reply.runner_up) == ("relation", 1.0, False, None)
    assert reply.section == tutor.kb.concepts["rankl"].where
    assert reply.suggestions == related_suggestions(tutor, "rankl", "intermediate")
    assert (reply.data["entry"], reply.data["theme"], reply.data["answer"]) == ("rankl", "rankl", "opg")
    assert (chat.session.last_concept, chat.session.last_level) == ("rankl", "intermediate")
    assert chat.session.last_answer["how"]


def test_a_relation_with_a_depth_cue_announces_it(tutor, chat):
    reply = chat.say("what blocks RANKL at the molecular level?", kind="answer", concept="rankl", level="academic")
    assert reply.level_changed and reply.intent == "relation"
    assert reply.text.splitlines()[0] == msg(tutor, "level_changed", level="academic", reason="as you asked")
    assert reply.suggestions == related_suggestions(tutor, "rankl", "academic")


# --- what a restored session (an older one, or another host's) still gets right -----------------------

def test_why_on_a_stored_answer_without_its_details_still_explains(tutor):
    # a session stored before answers kept how they were chosen: the defaults stand in, nothing fails
    session = Session.from_dict({"last_concept": "opg", "last_answer": {"concept": "opg"}})
    reply = tutor.respond(session, "/why")
    assert (reply.kind, reply.concept, reply.confidence, reply.runner_up) == ("chat", "opg", 0.0, None)
    assert "it names no concept." in reply.text and "(confidence 0.00, runner-up: none)" in reply.text
    assert tutor.kb.concepts["opg"].where in reply.text and reply.data == {"reading": None}
    declined = tutor.respond(Session.from_dict({"last_answer": {"concept": None}}), "/why")
    assert declined.kind == "chat" and declined.concept is None and declined.level == "fundamentals"
    assert declined.text.startswith("How I read your question: it names no concept. So I did not answer")


def test_depth_follow_ups_start_from_the_topics_own_depth_when_none_was_stored(tutor):
    stored = {"last_concept": "opg", "concept_levels": {"opg": "intermediate"}}
    why = tutor.respond(Session.from_dict(stored), "why?")
    assert (why.concept, why.level, why.level_changed) == ("opg", "academic", False)
    session = Session.from_dict(stored)
    deeper = tutor.respond(session, "more detail")
    assert (deeper.level, deeper.confidence) == ("academic", 1.0) and deeper.level_changed
    assert session.override == "academic" and session.level == "fundamentals"  # asked for now, not a new self-description
    men = tutor.respond(Session.from_dict({"last_concept": "hrt", "concept_levels": {"trt": "academic"}}), "and in men?")
    assert (men.concept, men.level, men.confidence) == ("trt", "academic", 1.0)


def test_an_aspect_not_discussed_is_said_at_the_topics_own_depth(tutor):
    session = Session.from_dict({"concept_levels": {"hrt": "intermediate"}})
    reply = tutor.respond(session, "what are the side effects of HRT?")
    assert (reply.kind, reply.level, reply.level_changed) == ("unknown", "intermediate", False)
    assert reply.data == {"uncovered": "risks", "about": "hrt"}
    assert (session.last_concept, session.last_level) == ("hrt", "intermediate")


# --- depth requests that name nothing ------------------------------------------------------------------

def test_a_depth_request_after_a_topic_answers_it_again_at_that_depth(tutor, chat):
    chat.say("what is OPG?", concept="opg")
    reply = chat.say("give me the full molecular detail", kind="answer", concept="opg", level="academic")
    assert reply.level_changed and reply.confidence == 1.0
    assert reply.text.splitlines() == [msg(tutor, "level_changed", level="academic", reason="as you asked"),
                                       tutor.kb.concepts["opg"].explain["academic"]]


def test_a_depth_request_alone_sets_the_depth(tutor, chat):
    reply = chat.say("at the molecular level", kind="chat", concept=None, level="academic")
    assert reply.text == msg(tutor, "level_now", level="academic")
    # a message made only of depth words is read by the depth-word classes (tutor/depthtalk.py)
    assert reply.intent == "deeper" and reply.level_changed and reply.confidence == 1.0
    assert chat.session.override == "academic"


def test_a_question_nothing_matches_offers_what_is_near_it(tutor, chat):
    reply = chat.say("what does it bind", kind="unknown", concept=None, level="fundamentals")
    starters = tuple(f"Tell me about {short_title(tutor.kb.concepts[c])}" for c in tutor.kb.starters)
    assert reply.suggestions and reply.suggestions != starters  # the policy's nearby topics, not the starters
    titles = [tutor.kb.concepts[tutor.topic_id(s.removeprefix("Tell me about "))].title for s in reply.suggestions]
    assert reply.text == msg(tutor, "unknown", suggestions=", ".join(titles))
    plain = chat.say("zzqx blorf", kind="unknown")
    assert plain.suggestions == starters and plain.level == "fundamentals"


def test_a_name_the_pack_does_not_cover_is_declined_with_its_neighbour(tutor, chat):
    reply = chat.say("what is secondary osteoporosis", kind="unknown", concept=None, level="fundamentals")
    assert reply.data == {"foreign": "secondary osteoporosis", "about": "osteoporosis"}
    assert reply.suggestions == ("Tell me about Osteoporosis",)


def test_simpler_at_the_deepest_goes_down_not_sideways(tutor, chat):
    chat.say("level academic", level="academic")
    chat.say("what is RANKL", concept="rankl", level="academic")
    reply = chat.say("simpler", kind="answer", concept="rankl", level="intermediate")
    assert reply.text.splitlines()[1] == tutor.kb.concepts["rankl"].explain["intermediate"]


def test_setting_a_depth_without_a_topic_says_the_new_depth(tutor, chat):
    reply = chat.say("level intermediate", kind="chat", concept=None, level="intermediate")
    assert reply.text == msg(tutor, "level_now", level="intermediate") and reply.level_changed
    assert reply.intent == "level-intermediate" and reply.confidence == 1.0
    again = chat.say("what are osteoclasts", concept="osteoclasts")
    answer = chat.say("i'm a medical student", kind="answer", concept="osteoclasts", level="academic")
    assert answer.confidence == 1.0 and again.level == "intermediate"


# --- a tutor built directly from a pack has every part wired -------------------------------------------

def test_a_tutor_built_from_a_loaded_pack_has_every_part(tutor):
    fresh = Tutor(tutor.kb, tutor.rules, tutor.thresholds)
    for intent in fresh.rules.intents:  # every action reaches its handler
        if intent.action in LESSON_ACTIONS:
            continue
        session = fresh.new_session()
        fresh.respond(session, "what is OPG?", now=NOW)
        assert fresh.respond(session, intent.examples[0], now=NOW).intent == intent.id, intent.id
    session = fresh.new_session()
    say = lambda text: fresh.respond(session, text, now=NOW)  # noqa: E731
    assert say("what do osteoclasts do?").concept == "osteoclasts"
    assert say("hmm, simpler").intent == "simpler"  # fillers
    assert say("which cells make OPG?").data["answer"] == "osteoblasts"  # answer types
    assert say("what is secondary osteoporosis").data["foreign"] == "secondary osteoporosis"  # foreign names
    assert say("should I take estrogen?").kind == "safety"  # the advice boundary
    assert say("compare estrogen and testosterone").data["compare"] == ["estrogen", "testosterone"]
    assert say("which gene encodes OPG?").text.startswith("The gene called TNFSF11")  # the lead sentence's threshold
    assert say("/quiz opg 1").data["event"] == "question"
    reply = say("maybe")
    assert reply.data["event"] in ("wrong", "unclear", "why")  # the grader
    say("stop")
    assert say("teach me").kind == "lesson"  # the teacher


# --- reviews, quizzes asked for in words, side questions during a quiz ----------------------------------

def _due_cards(tutor, count: int) -> dict:
    """`count` review cards, all due before NOW (each a day more overdue than the next)."""
    ids = list(tutor.kb.concepts)[:count]
    return {c: {"due": (NOW - timedelta(days=count - i)).isoformat(), "last_review": None} for i, c in enumerate(ids)}


@pytest.mark.parametrize("count, more", [(5, ""), (6, " ...")])
def test_the_greeting_names_at_most_five_topics_due(tutor, count, more):
    session = Session.from_dict({"cards": _due_cards(tutor, count)})
    due = tutor.due(session, NOW)
    assert len(due) == count
    titles = ", ".join(short_title(tutor.kb.concepts[c]) for c in due[:5]) + more
    assert tutor.due_greeting(session, NOW) == msg(tutor, "due_greeting", count=count, titles=titles)
    assert tutor.due_greeting(tutor.new_session(), NOW) == ""


def test_review_quizzes_at_most_ten_of_what_is_due(tutor):
    session = Session.from_dict({"cards": _due_cards(tutor, 12)})
    reply = tutor.respond(session, "review", now=NOW)
    assert (reply.kind, reply.data["event"], reply.data["total"]) == ("quiz", "question", 10)
    assert session.quiz.label == "what is due for review" and "what is due for review" in reply.text
    assert set(session.quiz.items) <= {i.id for i in tutor.kb.quiz if i.concept in tutor.due(session, NOW)}


def test_a_quiz_on_a_section_asks_only_its_topics(tutor):
    session = tutor.new_session()
    reply = tutor.respond(session, "quiz me on the fundamentals section with 3 questions", now=NOW)
    assert reply.data["total"] == 3 and session.quiz.label == "the fundamentals section"
    concepts = {next(i for i in tutor.kb.quiz if i.id == item).concept for item in session.quiz.items}
    assert all(tutor.kb.concepts[c].section == "fundamentals" for c in concepts)


def test_a_quiz_on_a_topic_no_name_fits_suggests_the_close_ones(tutor, chat):
    reply = chat.say("/quiz rnkl", kind="quiz", concept=None, level="fundamentals")
    assert reply.text == msg(tutor, "quiz_unknown_topic_close", topic="rnkl", suggestions="RANKL")
    assert reply.suggestions == ("quiz me on RANKL", "topics", "quiz me") and reply.intent == "quiz-start"
    assert reply.data == {"event": "not-started", "reason": "unknown-topic", "did_you_mean": ["RANKL"]}
    far = chat.say("/quiz zzqx", kind="quiz")
    assert far.text == msg(tutor, "quiz_unknown_topic", topic="zzqx") and far.suggestions == ("topics", "quiz me")
    with pytest.raises(UnknownConceptError) as raised:
        tutor.topic_id("osteoclast cells")
    assert str(raised.value).endswith("; did you mean Osteocytes or Osteoclasts?")


def test_a_side_question_during_a_quiz_is_answered_and_the_question_recalled(tutor):
    session = tutor.new_session()
    tutor.respond(session, "/quiz opg 2", now=NOW)
    item = next(i for i in tutor.kb.quiz if i.id == session.quiz.items[0])
    for question in ("what is RANKL?", "define resorption"):  # a content question, a teaching request
        reply = tutor.respond(session, question, now=NOW)
        assert reply.kind == "answer" and session.quiz.index == 0 and session.quiz.tries == 0
        assert reply.text.splitlines()[-1] == msg(tutor, "quiz_reminder", number=1, question=item.question)
    other = tutor.respond(session, "quiz me on rankl", now=NOW)  # a new quiz replaces the open one, unreminded
    assert other.data["event"] == "question" and session.quiz.label == "RANKL"
    assert "still open" not in other.text


def test_a_side_question_during_a_lessons_check_recalls_the_check(tutor):
    session = tutor.new_session()
    reply = tutor.respond(session, "teach me", now=NOW)
    for _ in range(6):
        if session.quiz is not None:
            break
        reply = tutor.respond(session, "next", now=NOW)
    assert session.quiz is not None and session.quiz.quiet, "the lesson reached its check question"
    item = next(i for i in tutor.kb.quiz if i.id == session.quiz.items[session.quiz.index])
    reply = tutor.respond(session, "what is RANKL?", now=NOW)
    assert msg(tutor, "lesson_check_open", question=item.question) in reply.text.splitlines()


# --- slash commands and a restored session from another pack ---------------------------------------------

def test_reset_and_unknown_commands_say_so(tutor, chat):
    chat.say("what is OPG?", concept="opg")
    reset = chat.say("/reset", kind="chat", concept=None)
    assert reset.text == msg(tutor, "reset_done") and reset.intent == "reset" and chat.session.last_concept is None
    long_name = "/" + "x" * 40
    unknown = chat.say(long_name, kind="chat")
    assert unknown.text.startswith(msg(tutor, "unknown_command", command=long_name[:30], commands="")[:-1])
    assert unknown.intent == "unknown-command"
    assert '/topics: the topics, by section (or say "topics")' in unknown.text
    assert "/level [fundamentals|intermediate|academic]: show or set the depth\n" in unknown.text  # no "or say"
    assert chat.say("/topics", kind="chat").intent == "topics"


def test_a_session_from_another_pack_is_cleaned_once_with_a_warning(tutor):
    session = Session.from_dict({"last_concept": "chlorophyll", "history": ["chlorophyll", "opg"]})
    with pytest.warns(SessionWarning) as caught:
        reply = tutor.respond(session, "tell me more")
    assert [w.message.dropped for w in caught] == [["chlorophyll"]]
    assert reply.kind == "chat" and session.history == ["opg"] and session.last_concept is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tutor.respond(session, "hello")  # checked once: no second warning


# --- what the first passes left: declines explained, the clauses of a mixed question, the second pack ----

def test_why_after_an_aspect_not_discussed_says_nothing_was_answered(tutor, chat):
    chat.say("what are the side effects of HRT?", kind="unknown")
    assert chat.session.last_concept == "hrt"  # the topic stays for a follow-up ...
    reply = chat.say("/why", kind="chat", concept=None, level="fundamentals")
    assert reply.text.startswith("How I read your question: it names Hormone replacement therapy (“hrt”);")
    assert reply.text.endswith("So I did not answer it from the document: an aspect the document does not discuss (risks).")


def test_an_aspect_not_discussed_of_nothing_named_says_that(tutor, chat):
    reply = chat.say("what are the side effects?", kind="unknown", concept=None, level="fundamentals")
    assert reply.data == {"uncovered": "risks", "about": None}
    assert (reply.section, reply.suggestions, reply.level_changed) == (None, (), False)
    assert reply.text.startswith("The document doesn't discuss the risks, side effects or safety of that.")
    assert reply.text.endswith(msg(tutor, "uncovered_clinician"))


@pytest.mark.parametrize("question, lead", [
    ("should I take estrogen, and what is OPG?", "OPG, short for osteoprotegerin"),  # the personal clause first
    ("should I take estrogen, and what blocks RANKL?", "OPG holds back RANKL"),      # a relation
    ("should I take estrogen, and how do estrogen and testosterone differ?", "Estrogen and testosterone are"),
])
def test_every_kind_of_educational_half_is_answered_after_the_refusal(tutor, chat, question, lead):
    reply = chat.say(question, kind="safety", concept="estrogen")
    assert reply.text.splitlines()[2].startswith(msg(tutor, "safety_and_answer", text=lead))


def test_a_counterpart_answer_keeps_the_topics_own_depth_and_offers_no_deeper_at_the_deepest(tutor):
    session = Session.from_dict({"last_concept": "osteoclasts", "concept_levels": {"osteoclasts": "intermediate"}})
    women = tutor.respond(session, "and in women?")
    assert (women.kind, women.concept, women.level, women.confidence) == ("answer", "osteoclasts", "intermediate", 1.0)
    session = Session.from_dict({"last_concept": "osteoclasts", "level": "academic"})
    men = tutor.respond(session, "and in men?")
    assert men.kind == "unknown" and men.suggestions == related_suggestions(tutor, "osteoclasts", "academic")
    assert "more detail" not in men.suggestions


def test_a_pack_without_audiences_says_it_draws_no_comparison(tutor):
    plants = Tutor.load(knowledge=ROOT / "tests" / "data" / "photosynthesis" / "knowledge")
    session = plants.new_session()
    plants.respond(session, "what does chlorophyll do?")
    reply = plants.respond(session, "and in men?")
    assert (reply.kind, reply.concept) == ("unknown", None)
    assert reply.text == msg(plants, "no_counterpart", who="men", title="Chlorophyll")


def test_depth_shifts_are_for_now_not_a_new_self_description(tutor, chat):
    chat.say("more detail", kind="chat", level="intermediate")
    assert (chat.session.level, chat.session.override) == ("fundamentals", "intermediate")
    chat.say("what is RANKL", concept="rankl", level="intermediate")
    chat.say("more detail", concept="rankl", level="academic")
    assert (chat.session.level, chat.session.override) == ("fundamentals", "academic")
    deepest = chat.say("more detail", kind="answer", concept="rankl", level="academic")
    assert deepest.confidence == 1.0 and deepest.intent == "deeper"


def test_a_lesson_from_a_tutor_built_directly_names_its_topic_answers_questions_and_checks(tutor):
    fresh = Tutor(tutor.kb, tutor.rules, tutor.thresholds)
    session = fresh.new_session()
    reply = fresh.respond(session, "teach me about RANKL", now=NOW)
    assert reply.kind == "lesson" and "rankl" in session.lesson["path"]
    side = fresh.respond(session, "what is OPG?", now=NOW)
    assert side.concept == "opg" and session.lesson is not None  # answered, and the lesson goes on
    for _ in range(8):
        if session.quiz is not None:
            break
        fresh.respond(session, "next", now=NOW)
    assert session.quiz is not None and session.quiz.quiet  # the lesson's check question runs through the quiz


def test_say_that_again_repeats_the_last_answer_at_its_depth(tutor):
    chat = Chat(tutor)
    chat.say("what is RANKL", kind="answer")
    deeper = chat.say("more detail", kind="answer")
    again = chat.say("sorry, can you repeat that?", kind="answer")
    assert (again.concept, again.level) == ("rankl", "intermediate") and again.text == deeper.text.split("\n", 1)[1]
    assert Chat(tutor).say("come again").kind == "chat"  # nothing said yet: no answer to repeat


@pytest.mark.parametrize("text, intent", [("good night", "goodbye"), ("have a nice day", "goodbye"),
                                          ("Goodbye and thanks for the lesson", "goodbye"), ("thanks for the help, bye", "goodbye"),
                                          ("What are you supposed to teach me?", "help"),
                                          ("can I trust you?", "identity"), ("is this medical advice?", "identity")])
def test_farewells_and_questions_about_the_tutor_itself_are_small_talk(tutor, text, intent):
    reply = Chat(tutor).say(text, kind="chat")
    assert reply.intent == intent, reply
