"""Whole conversations replayed through Tutor.respond, asserting concept, kind and depth."""
from __future__ import annotations

from tutor.evaluation import first_sentence



def test_depth_up_and_down_on_one_concept(chat):
    chat.say("tell me about osteoblasts", concept="osteoblasts", kind="answer", level="fundamentals")
    more = chat.say("more detail", concept="osteoblasts", level="intermediate")
    assert more.level_changed and "intermediate" in more.text.splitlines()[0]
    chat.say("go deeper", concept="osteoblasts", level="academic")
    deepest = chat.say("tell me more", concept="osteoblasts", level="academic")
    assert "Related topics" in deepest.text  # at academic, "more" offers related concepts
    chat.say("simpler", concept="osteoblasts", level="intermediate")
    chat.say("simpler", concept="osteoblasts", level="fundamentals")


def test_requested_depth_persists_for_the_next_topic(chat):
    chat.say("what is RANKL?", concept="rankl", level="fundamentals")
    chat.say("more detail", level="intermediate")
    chat.say("what is OPG?", concept="opg", level="intermediate")


def test_pronoun_follow_up_uses_relations(chat):
    chat.say("What is OPG?", concept="opg")
    reply = chat.say("what does it bind to?", concept="opg", kind="answer")
    assert ["opg", "binds", "rankl"] in reply.data["facts"] and reply.data["answer"] == "rankl"


def test_passive_relation_question(chat):
    # "which cells ..." asks for a cell: the reply is about what was asked about (OPG), the cell is the answer
    reply = chat.say("which cells make OPG?", concept="opg", kind="answer")
    assert ["osteoblasts", "produces", "opg"] in reply.data["facts"] and reply.data["theme"] == "opg"
    assert reply.data["answer"] == "osteoblasts"
    assert reply.text.startswith("Osteoblasts make OPG.")
    # "what blocks RANKL?" is about RANKL; the answer is OPG
    reply = chat.say("what blocks RANKL?", concept="rankl", kind="answer")
    assert reply.data["answer"] == "opg"
    subjects = {s for s, r, o in reply.data["facts"]}
    assert {"opg", "estrogen"} <= subjects
    assert reply.text.startswith("OPG holds back RANKL directly")


def test_in_men_after_hrt_gives_trt(chat):
    chat.say("tell me about hormone replacement therapy", concept="hrt")
    chat.say("and in men?", concept="trt", kind="answer")
    chat.say("and in women?", concept="hrt", kind="answer")


def test_why_goes_one_depth_deeper_without_moving_the_learner(chat):
    chat.say("what are osteoclasts", concept="osteoclasts", level="fundamentals")
    chat.say("why?", concept="osteoclasts", level="intermediate")
    chat.say("what is estrogen", concept="estrogen", level="fundamentals")


def test_self_description_lasts_for_the_session(chat):
    reply = chat.say("I'm a medical student", kind="chat", level="academic")
    assert reply.level_changed
    chat.say("what is RANKL?", concept="rankl", level="academic")
    chat.say("what do osteoclasts do", concept="osteoclasts", level="academic")


def test_cue_in_question_sets_depth_and_is_announced(chat):
    reply = chat.say("explain osteoclasts in simple terms", concept="osteoclasts", level="fundamentals")
    deep = chat.say("explain RANKL at the molecular level", concept="rankl", level="academic")
    assert deep.level_changed and "academic" in deep.text.splitlines()[0]
    assert not reply.level_changed  # already at fundamentals: nothing to announce


def test_technical_vocabulary_answers_deeper_this_time_only(chat):
    chat.say("what do TNFSF11 and TNFRSF11B encode", concept="rankl-opg-genes", level="academic")
    chat.say("what is estrogen", concept="estrogen", level="fundamentals")


def test_explicit_request_beats_vocabulary(chat):
    chat.say("simpler")
    chat.say("what is osteoclastogenesis", concept="osteoclastogenesis", level="fundamentals")


def test_why_did_you_say_that_shows_provenance(chat):
    chat.say("what do osteoclasts do?", concept="osteoclasts")
    reply = chat.say("why did you say that?", kind="chat", concept="osteoclasts")
    assert "confidence" in reply.text and "Fundamentals section" in reply.text


def test_clarify_then_pick(chat):
    # a misspelt name equally near two concepts: the tutor asks instead of guessing, then takes the choice
    chat.say("what do osteolasts do?", kind="clarify")
    chat.say("2", concept="osteoclasts", kind="answer")
    chat.say("osteolasts", kind="clarify")
    chat.say("the first one", concept="osteoblasts", kind="answer")


def test_clarify_offers_both_options_as_data(tutor):
    for question in ("osteolasts", "what do osteolasts do?"):
        reply = tutor.respond(tutor.new_session(), question)
        assert reply.kind == "clarify" and reply.options == ("osteoblasts", "osteoclasts"), (question, reply.kind)
        assert "Osteoblasts" in reply.text and "Osteoclasts" in reply.text


def test_out_of_scope_near_domain_is_declined_with_suggestions(chat):
    for question in ("does vitamin D help bones", "what are bisphosphonates", "is osteoarthritis the same thing",
                     "how much exercise is good for bone", "what is a DEXA scan"):
        reply = chat.say(question, kind="unknown")
        assert reply.concept is None and "doesn't cover" in reply.text and reply.suggestions


def test_safety_never_doses_or_diagnoses(chat):
    for question in ("Should I take testosterone?", "what dose of estradiol should I use",
                     "do I have osteoporosis?", "where can I buy sermorelin", "please prescribe HRT for me"):
        reply = chat.say(question, kind="safety")
        assert "clinician" in reply.text or "doctor" in reply.text
        assert not any(unit in reply.text.lower() for unit in (" mg", "milligram", " iu ", "units"))


def test_safety_offers_the_general_topic(chat):
    reply = chat.say("Should I take testosterone?", kind="safety", concept="testosterone")
    assert 'say "tell me about Testosterone"' in reply.text and "doesn't cover" not in reply.text
    chat.say("tell me about Testosterone", kind="answer", concept="testosterone")


def test_chat_turns(chat):
    chat.say("hello", kind="chat")
    chat.say("what can you teach me?", kind="chat")
    topics = chat.say("topics", kind="chat")
    assert "Osteoclasts" in topics.text and "Fundamentals:" in topics.text
    chat.say("who are you", kind="chat")
    chat.say("thanks!", kind="chat")
    chat.say("bye", kind="chat")


def test_follow_up_without_context_is_friendly(chat):
    reply = chat.say("tell me more", kind="chat", level="intermediate")  # nothing discussed yet: the depth moves
    assert reply.level_changed and "intermediate" in reply.text
    for question, said in (("why?", '"why"'), ("and in men?", '"in men"')):
        reply = chat.say(question, kind="chat")
        assert said in reply.text and "Ask about a topic first" in reply.text


def test_relation_question_with_two_objects_names_the_shared_subject(chat):
    reply = chat.say("which cell type secretes both RANKL and OPG?", concept="osteoblasts", kind="answer")
    assert {tuple(f) for f in reply.data["facts"]} == {("osteoblasts", "produces", "rankl"), ("osteoblasts", "produces", "opg")}


def test_active_relation_question(chat):
    # the reply is about the process named after estrogen and its most direct target: its effect on RANKL and OPG
    reply = chat.say("what does estrogen suppress?", concept="estrogen-rankl-opg", kind="answer")
    assert reply.data["answer"] == "rankl" and reply.data["theme"] == "estrogen"  # the most direct target
    assert all(s == "estrogen" and r == "inhibits" for s, r, o in reply.data["facts"])
    assert "rankl" in {o for s, r, o in reply.data["facts"]}


def test_asking_what_a_long_name_means_is_no_sign_of_expertise(chat):
    """ "microenvironment" is an academic word, but asking what "the bone microenvironment" is asks to be taught."""
    chat.say("what is the bone microenvironment", concept="bone-microenvironment", level="fundamentals")
    chat.say("What does the text mean by the bone microenvironment?", level="fundamentals")
    chat.say("more detail", concept="bone-microenvironment", level="intermediate")


def test_it_in_a_comparison_is_the_last_thing_of_the_kind_compared_with(chat):
    # the talk moved from a hormone to a condition it falls in; "it", compared with another hormone, is the hormone
    chat.say("What is estrogen?", concept="estrogen")
    chat.say("what happens when it drops?", concept="menopause")
    reply = chat.say("how does it compare to testosterone?", concept="estrogen", kind="answer")
    assert reply.data["compare"] == ["estrogen", "testosterone"]
    # with nothing of that kind talked about, "it" stays the last topic
    chat.say("what is menopause?", concept="menopause")
    reply = chat.say("how does it compare to osteoporosis?", kind="answer")
    assert set(reply.data["compare"]) == {"menopause", "osteoporosis"}


def test_that_with_the_answers_kind_points_at_the_answer(chat):
    chat.say("What is testosterone aromatization?", concept="testosterone-aromatization")
    chat.say("what enzyme does it?", concept="aromatase")
    chat.say("what happens if that enzyme is missing?", concept="aromatase-deficiency", kind="answer")


def test_its_decline_is_the_condition_named_for_that_fall(chat):
    chat.say("Where does growth hormone come from?", concept="growth-hormone")
    chat.say("and its decline with age?", concept="somatopause", kind="answer")
    chat.say("in plain words", concept="somatopause", level="fundamentals")


def test_which_one_picks_the_part_of_the_whole_under_discussion(chat):
    chat.say("What is the RANK/RANKL/OPG pathway?", concept="rank-rankl-opg-pathway")
    chat.say("which one is the decoy?", concept="opg", kind="answer")
    # a question no part matches well stays with the matcher's choice
    chat.say("What is the RANK/RANKL/OPG pathway?", concept="rank-rankl-opg-pathway")
    assert chat.say("which one is it?").concept not in ("rank", "rankl", "opg")


def test_the_root_cause_asked_of_the_topic(chat):
    chat.say("What is age-related bone loss?", concept="age-related-bone-loss")
    reply = chat.say("what's the root cause?", concept="age-related-bone-loss", kind="answer")
    assert "estrogen" in reply.text.split(".")[0].lower()


def test_a_greeting_with_how_are_you_doing_is_small_talk(chat):
    chat.say("hey how are you doing", kind="chat")


def test_which_part_of_the_whole_discussed(chat):
    chat.say("what is the anabolic and anti-resorptive synergy?", concept="anabolic-antiresorptive-synergy")
    chat.say("which part is anabolic?", concept="gh-igf1-axis", kind="answer")


def test_the_goal_asked_after_a_topic_is_the_topics(chat):
    chat.say("What are hormonal optimization protocols?", concept="hormonal-optimization")
    chat.say("what's the goal?", concept="hormonal-optimization", kind="answer")
    chat.say("what is your purpose?", kind="chat")  # the tutor's own purpose is small talk


def test_more_detail_at_the_level_of_a_kind_moves_to_the_concept_headed_by_it(chat):
    chat.say("What's the estrogen-RANKL-OPG connection?", concept="estrogen-rankl-opg")
    chat.say("at the gene level?", concept="rankl-opg-genes", level="academic")
    # a plain request for detail stays on the topic
    chat.say("What's the estrogen-RANKL-OPG connection?", concept="estrogen-rankl-opg")
    chat.say("more detail", concept="estrogen-rankl-opg")


def test_the_molecular_level_of_a_topic_alone_is_the_account_one_scale_down(chat):
    # knowledge/facts.yaml says what explains a topic one scale down (relation explained-by)
    chat.say("What happens to bone at menopause?", concept="menopause")
    chat.say("at the molecular level?", concept="estrogen-rankl-opg", level="academic")
    chat.say("what's the molecular switch behind it", concept="rankl-opg-genes", level="academic")
    # after a relation's reply, the process that reply explained is the topic ("what raises OPG?": estrogen's effect)
    chat.say("What does osteoclastogenesis mean?", concept="osteoclastogenesis")
    chat.say("give me the gene-level picture", concept="rankl-opg-genes", level="academic")


def test_simpler_after_going_one_scale_down_goes_back_up_to_the_topic(chat):
    chat.say("what is the RANKL/OPG ratio?", concept="rankl-opg-ratio")
    chat.say("at the molecular level?", concept="rankl-opg-genes", level="academic")
    chat.say("simpler", concept="rankl-opg-ratio", level="intermediate")


def test_a_finer_scale_asked_of_a_name_or_of_the_finest_topic_stays_with_it(chat):
    chat.say("What does osteoclastogenesis mean?", concept="osteoclastogenesis")
    chat.say("explain at the molecular level", concept="osteoclastogenesis", level="academic")
    chat.say("What is menopause?", concept="menopause")
    chat.say("what is menopause at the molecular level?", concept="menopause", level="academic")
    chat.say("What are the RANKL and OPG genes?", concept="rankl-opg-genes")
    chat.say("at the molecular level?", concept="rankl-opg-genes", level="academic")


def test_what_a_hormone_makes_is_what_it_stimulates_and_that_then_means_it(chat):
    # GH makes nothing itself in the document: it has the liver make IGF-1 (frame target_fallback)
    chat.say("Tell me about growth hormone.", concept="growth-hormone")
    made = chat.say("what does it make?", concept="growth-hormone")
    assert made.data["answer"] == "igf-1" and made.text.startswith("Growth hormone stimulates IGF-1"), made.text
    # a rarer word of the question ("liver") finds the theme's own sentence, said before the looser fact
    told = chat.say("what does it make the liver produce?", concept="growth-hormone")
    assert told.data["answer"] == "igf-1" and "liver" in first_sentence(told.text), told.text
    chat.say("and what does that do for bone?", concept="igf-1")
    chat.say("what's it called when it declines with age?", concept="somatopause")


def test_where_a_hormone_is_made_is_no_question_of_what_it_stimulates(chat):
    reply = chat.say("What kind of hormone is testosterone and where is it produced?", concept="testosterone")
    assert "Leydig" in reply.text


def test_the_name_for_a_hormones_fall_is_the_condition_it_is_missing_in(chat):
    chat.say("what do you call the fall of estrogen?", concept="menopause")
    chat.say("what do you call the decline of testosterone", concept="hormonal-decline")
    chat.say("What is IGF-1?", concept="igf-1")
    chat.say("what's it called when it declines with age?", concept="somatopause")


def test_what_gets_converted_into_a_hormone_is_what_becomes_it(chat):
    reply = chat.say("which hormone gets converted to estradiol in male bone?", concept="testosterone-aromatization")
    assert reply.text.startswith("Testosterone is converted into estradiol"), reply.text


def test_what_happens_in_women_asks_the_same_of_them(chat):
    chat.say("what is hormonal decline with age?", concept="hormonal-decline")
    chat.say("what happens in women?", concept="menopause", kind="answer")
    chat.say("what is hormonal decline with age?", concept="hormonal-decline")
    chat.say("in women, what happens?", concept="menopause", kind="answer")


def test_which_of_the_two_moves_after_a_cause_is_said_by_the_causes_fact(chat):
    chat.say("What's the difference between RANKL and OPG?", concept="rankl")
    reply = chat.say("which one goes up after menopause?", concept="menopause", kind="answer")
    assert reply.text.startswith("Menopause raises RANKL.")


def test_what_surges_after_a_topic_is_what_the_topic_raises(chat):
    chat.say("what is menopause?", concept="menopause")
    assert chat.say("what surges?", concept="menopause", kind="answer").text.startswith("Menopause raises RANKL.")
    assert chat.say("and what drops", concept="menopause").text.startswith("Menopause lowers")


def test_that_with_a_sort_of_thing_names_the_topic(chat):
    chat.say("what is aromatase deficiency?", concept="aromatase-deficiency")
    reading = chat.tutor.read("who gets that condition?", chat.session)
    assert [m.concept for m in reading.mentions] == ["aromatase-deficiency"]


def test_who_is_asking_is_no_topic_and_a_newcomer_is_greeted(chat):
    chat.say("explain menopause and bone simply, my grandkid is asking", concept="menopause", kind="answer")
    chat.say("Hi, I'm new here. What are you?", kind="chat")


def test_a_plural_pronoun_after_a_singular_topic_stands_for_the_plural_answer(chat):
    # "they" cannot be RANKL: it is the cells just given as the answer
    chat.say("what makes RANKL?", concept="rankl", kind="answer")
    chat.say("what else do they do?", concept="osteoblasts", kind="answer")
    # after a plural topic, "they" stays with it
    chat.say("which cells break down bone?", concept="osteoclasts", kind="answer")
    assert chat.say("what switches them on?").concept == "osteoclasts"


def test_the_same_question_asked_of_another_name(chat):
    chat.say("what makes RANKL?", concept="rankl", kind="answer")
    reply = chat.say("same question for OPG", concept="opg", kind="answer")
    assert reply.text.startswith("Osteoblasts make OPG"), reply.text


def test_the_other_way_round_asks_the_last_question_again_reversed(chat):
    chat.say("explain estrogen receptor alpha", concept="estrogen-receptor-alpha", kind="answer")
    assert chat.say("what does it switch on?").text.startswith("Estrogen receptor alpha raises OPG")
    reply = chat.say("and off?", concept="estrogen-receptor-alpha", kind="answer")
    assert reply.text.startswith("Estrogen receptor alpha lowers RANKL"), reply.text


def test_the_other_team_is_the_other_cell(chat):
    chat.say("what do osteoclasts do?", concept="osteoclasts", kind="answer")
    chat.say("and the other team?", concept="osteoblasts", kind="answer")


def test_a_pronoun_working_through_a_name_asks_about_the_link(chat):
    # "it" is TRT, the subject; estrogen is the means it works by: the answer is the link, not estrogen alone
    chat.say("how does TRT help bone?", concept="trt", kind="answer")
    chat.say("why does it work via estrogen?", concept="testosterone-aromatization", kind="answer")


def test_the_name_of_a_change_of_the_topic(chat):
    chat.say("what is the GH/IGF-1 axis?", concept="gh-igf1-axis", kind="answer")
    chat.say("what is its decline called?", concept="somatopause", kind="answer")
    # "that process" is a placeholder for the process under discussion, not a change of it
    chat.say("What happens when RANKL binds RANK?", kind="answer")
    chat.say("what's that process called?", concept="osteoclastogenesis", kind="answer")


def test_the_mens_one_inside_a_question_is_the_counterpart_by_name(chat):
    chat.say("How does HRT compare with TRT?", kind="answer")
    chat.say("which hormone is used in the men's one?", concept="trt", kind="answer")
    chat.say("and what does the female one contain?", concept="hrt", kind="answer")
