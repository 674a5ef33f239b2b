"""Builds DialogueRules from a folder of YAML files: intents, depth cues, safety and out-of-scope patterns, messages."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .checks import Checker
from .errors import ContentError, Problem
from .model import CUE_SCALES, FRAME_ANSWERS, INVERSE_RELATIONS, LEVELS, QUIZ_ACTIONS, RELATIVE_LEVELS, RELATION_NAMES, Boundary, BoundaryLine, Cue, DialogueRules, Frame, GradingWords, Intent, WordClass
from .gradingwords import parse_grading_words
from .depthtalk import DEPTH_CLASSES
from .normalise import fold
from .yamlsource import line_of, load_yaml_file, pack_files

__all__ = ["ACTIONS", "QUIZ_ACTIONS", "REQUIRED_MESSAGES", "load_dialogues", "check_dialogues"]

# What an intent can do; the engine has one handler per action.
ACTIONS: dict[str, str] = {
    "reply": "answer with the rule's reply text",
    "help": "say what the tutor can do",
    "topics": "list the topics by section",
    "goodbye": "say goodbye",
    "deeper": "explain the last concept one depth deeper, and stay there",
    "simpler": "explain the last concept one depth simpler, and stay there",
    "set-level": "set the depth (the rule's level) for the rest of the session",
    "why": "explain the mechanism behind the last answer (one depth deeper, this reply only)",
    "explain-last": "say why the last answer was chosen: concept, confidence, runner-up, source",
    "men": "the last question asked of men, or the counterpart in men of the last concept",
    "women": "the last question asked of women, or the counterpart in women of the last concept",
    "men-counterpart": "the counterpart in men of the last concept (\"the male version\")",
    "women-counterpart": "the counterpart in women of the last concept (\"the female version\")",
    "quiz": "start a quiz (named groups: topic, count)",
    "review": "start a quiz on what is due for review",
    "hint": "during a quiz: the next rung of the hint ladder",
    "reveal": "during a quiz: show the answer (counts as not known)",
    "skip": "during a quiz: skip the question",
    "stop-quiz": "during a quiz: stop and summarise",
    "progress": "summarise the learner's progress",
    "repeat": "the last answer again, at the depth it was given",
    # guided lessons, examples, the glossary and sources (tutor/lessons.py)
    "lesson": "start or resume a lesson (named group: topic, a concept or a section)",
    "example": "an everyday example or analogy (named group: topic; else the concept under discussion)",
    "define": "the one-line glossary definition (named group: topic)",
    "glossary": "the glossary: all terms, the terms of one letter, or one term (named group: topic)",
    "source": "the section, heading and cited references behind the last answer",
    "lesson-next": "during a lesson: go on (to the check question, or the next step)",
    "lesson-back": "during a lesson: the previous step",
    "lesson-skip": "during a lesson: skip this step",
    "lesson-repeat": "during a lesson: show this step again",
    "lesson-where": "during a lesson: where am I",
    "lesson-stop": "during a lesson: pause it (it is kept)",
    "lesson-deeper": "during a lesson, when a deeper depth is offered: accept",
    "lesson-stay": "during a lesson, when a deeper depth is offered: decline",
}


# Every message the engine and the quiz use: a pack without one is refused when loaded.
REQUIRED_MESSAGES = (
    "clarify", "due_greeting", "empty", "explain_last", "explain_declined", "explain_nothing", "level_changed", "level_now",
    "no_context", "no_counterpart", "progress_summary", "quiz_depth_changed", "quiz_hint", "quiz_not_running",
    "quiz_question", "quiz_reexplain", "quiz_reminder", "quiz_reveal", "quiz_reveal_short", "quiz_right",
    "quiz_skipped", "quiz_start", "quiz_stopped", "quiz_summary", "quiz_tf_prompt", "quiz_unknown_topic",
    "quiz_unknown_topic_close", "quiz_no_items", "quiz_nothing_due", "quiz_resumed", "quiz_fewer", "quiz_summary_mastered",
    "quiz_summary_review", "quiz_summary_next", "quiz_nothing_scheduled", "progress_none", "progress_mastered",
    "progress_due", "progress_next",
    "quiz_why", "quiz_why_wrong", "quiz_wrong", "quiz_wrong_retry", "related_more", "safety", "safety_offer",
    "safety_offer_general", "safety_urgent", "safety_and_answer", "compare", "compare_link", "compare_shared",
    "compare_unlinked", "relation_lead", "relation_direct", "relation_more", "relation_rest", "relation_target",
    "consequence_change", "consequence_event", "relation_no_other", "same_thing", "compare_kind", "compare_three", "moves_up", "moves_down",
    "expansion", "uncovered", "uncovered_said", "uncovered_clinician", "foreign", "truncated", "unknown", "unknown_topic",
    "level_is", "reset_done", "unknown_command", "commands_list",
    # lessons, examples, the glossary and sources (dialogues/teaching.yaml)
    "lesson_start", "lesson_skipped_mastered", "lesson_step", "lesson_again_lower", "lesson_again_example", "lesson_prompt",
    "lesson_no_check", "lesson_right_offer", "lesson_deeper", "lesson_missed", "lesson_skipped", "lesson_first", "lesson_where",
    "lesson_stopped", "lesson_done", "lesson_nothing", "lesson_unknown_topic", "lesson_reminder", "lesson_check_open",
    "lesson_offer_reminder", "lesson_not_running", "lesson_check", "example_reply", "example_which", "define_reply",
    "glossary_list", "glossary_empty", "source_reply", "source_cited", "source_uncited", "source_nothing",
)
_TOP_KEYS = {"intents", "cues", "boundary", "frames", "answer_types", "foreign_heads", "fillers", "follow_on", "messages", "grading", "relation_verbs", "changes", "depth_words", "answer_type_modifiers", "source_words", "answer_type_broader", "action_words"}
_FRAME_FIELDS = {"id", "answer", "patterns", "relation", "fallback", "verbs", "actor", "target", "aspect", "kinds", "clinician", "by_examples", "examples", "plain", "link", "default", "leads_with", "leads_from", "answer_words", "via", "facts_first", "subject", "answer_kind", "own_text", "unless_named", "answer_says", "outcome_after", "answer_titled", "other_names", "catches", "target_fallback"}
# Classes the engine relies on: the rule may name others the pack declares.
REQUIRED_CLASSES = ("who", "about", "dose")  # who: lint of personal examples; dose: the dose scan
_INTENT_FIELDS = {"id", "action", "patterns", "examples", "reply", "level", "kind"}


def load_dialogues(directory: Path) -> DialogueRules:
    """Load a dialogue pack; raise ContentError listing every problem if it has any."""
    rules, problems = check_dialogues(directory)
    if problems:
        raise ContentError(problems)
    return rules


def check_dialogues(directory: Path) -> tuple[DialogueRules, list[Problem]]:
    files, problems = pack_files(Path(directory), "dialogues")
    if problems:
        return DialogueRules((), (), {}), problems
    builder = _Builder()
    for path in files:
        builder.add_file(path)
    return builder.finish(str(directory))


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.intents: list[Intent] = []
        self.cues: list[Cue] = []
        self.frames: list[Frame] = []
        self.classes: list[WordClass] = []
        self.rule: list[BoundaryLine] = []
        self.shorthand: dict[str, str] = {}
        self.boundary_at: tuple[str, int] | None = None
        self.answer_types: dict[str, str] = {}
        self.answer_type_modifiers: list[str] = []
        self.source_words: list[str] = []
        self.action_words: list[str] = []
        self.answer_type_broader: dict[str, tuple[str, ...]] = {}
        self.ignore: list[str] = []
        self.not_asked: list[str] = []
        self.as_written: list[str] = []
        self.foreign_heads: list[str] = []
        self.fillers: list[str] = []
        self.follow_on: list[str] = []
        self.relation_verbs: dict[str, dict[str, tuple[str, str]]] = {}
        self.changes: dict[str, tuple[str, ...]] = {}
        self.depth_words: dict[str, tuple[str, ...]] = {}
        self.class_kinds: dict[str, tuple[str, ...]] = {}
        self.messages: dict[str, str] = {}
        self.messages_at: tuple[str, int] | None = None
        self.grading = GradingWords()

    def add_file(self, path: Path) -> None:
        data, problems = load_yaml_file(path)
        self.problems.extend(problems)
        if data is None and problems:
            return
        check = Checker(str(path), self.problems)
        top = check.mapping(data, "a dialogue file", 1)
        check.unknown_keys(top, _TOP_KEYS, "a dialogue file")
        for key, add in (("intents", self._intents), ("cues", self._cues), ("boundary", self._boundary),
                         ("frames", self._frames), ("answer_types", self._answer_types),
                         ("foreign_heads", self._foreign_heads), ("fillers", self._fillers), ("follow_on", self._follow_on), ("messages", self._messages),
                         ("grading", self._grading), ("relation_verbs", self._relation_verbs),
                         ("changes", self._changes), ("depth_words", self._depth_words),
                         ("answer_type_modifiers", self._answer_type_modifiers), ("source_words", self._source_words),
                         ("answer_type_broader", self._answer_type_broader), ("action_words", self._action_words)):
            if key in top:
                add(check, top[key], check.key_line(top, key))

    def _intents(self, check: Checker, value: Any, line: int) -> None:
        for entry in check.entries(value, line, "intents"):
            iid = check.text(entry, "id", "an intent")
            what = f"intent '{iid}'"
            check.unknown_keys(entry, _INTENT_FIELDS, what)
            action = check.text(entry, "action", what)
            if action and action not in ACTIONS:
                check.report(check.key_line(entry, "action"), f"{what}: unknown action '{action}' (known: {', '.join(ACTIONS)})")
            level = check.text(entry, "level", what, required=action == "set-level")
            if level and level not in LEVELS:
                check.report(check.key_line(entry, "level"), f"{what}: level '{level}' is not one of {', '.join(LEVELS)}")
            reply = check.text(entry, "reply", what, required=action == "reply")
            intent = Intent(iid, action, check.patterns(entry, what), tuple(check.text_list(entry, "examples", what, minimum=1)),
                            reply, level, check.text(entry, "kind", what, required=False) or "chat", check.source, line_of(entry, line))
            examples = entry.get("examples")
            self._check_examples(check, intent, dict(zip(examples, getattr(examples, "item_lines", []))) if isinstance(examples, list) else {})
            if any(i.id == iid for i in self.intents):
                check.report(intent.line, f"duplicate intent id '{iid}'")
            self.intents.append(intent)

    def _check_examples(self, check: Checker, intent: Intent, lines: dict) -> None:
        # Checked when built: every example must be caught by its own rule.
        compiled = [re.compile(p) for p in intent.patterns]
        for example in intent.examples:
            if not any(p.fullmatch(fold(example)) for p in compiled):
                check.report(lines.get(example, intent.line), f"intent '{intent.id}': example {example!r} matches none of its patterns")

    def _cues(self, check: Checker, value: Any, line: int) -> None:
        for entry in check.entries(value, line, "cues"):
            what = "a cue"
            check.unknown_keys(entry, {"patterns", "level", "persistent", "scale"}, what)
            level = check.text(entry, "level", what)
            if level and level not in LEVELS and level not in RELATIVE_LEVELS:
                allowed = ", ".join((*LEVELS, *RELATIVE_LEVELS))
                check.report(check.key_line(entry, "level"), f"{what}: level '{level}' is not one of {allowed}")
            persistent = entry.get("persistent", False)
            if not isinstance(persistent, bool):
                check.report(check.key_line(entry, "persistent"), f"{what}: 'persistent' must be true or false")
            scale = check.text(entry, "scale", what, required=False)
            if scale and scale not in CUE_SCALES:
                check.report(check.key_line(entry, "scale"), f"{what}: scale '{scale}' is not one of {', '.join(CUE_SCALES)}")
            for pattern in check.patterns(entry, what):
                self.cues.append(Cue(pattern, level, persistent is True, check.source, line_of(entry, line), scale or ""))

    def _frames(self, check: Checker, value: Any, line: int) -> None:
        for entry in check.entries(value, line, "frames"):
            self.frames.append(self._frame(check, entry, line))

    def _frame(self, check: Checker, entry: dict, line: int) -> Frame:
        fid = check.text(entry, "id", "a frame")
        what = f"frame '{fid}'"
        check.unknown_keys(entry, _FRAME_FIELDS, what)
        answer = _frame_answer(check, entry, what)
        relation = check.text(entry, "relation", what, required=answer == "relation")
        _check_relation_names(check, entry, what)
        aspect = check.text(entry, "aspect", what, required=answer == "aspect")
        patterns = check.patterns(entry, what) if "patterns" in entry or answer != "relation" else ()
        actor = check.patterns(entry, what, key="actor") if entry.get("actor") else ()
        target = check.patterns(entry, what, key="target") if entry.get("target") else ()
        flags = _frame_flags(check, entry, what)
        if any(f.id == fid for f in self.frames):
            check.report(line_of(entry, line), f"duplicate frame id '{fid}'")
        fallback = _fallbacks(check, entry, what)
        return Frame(fid, answer, patterns, relation, fallback, tuple(check.text_list(entry, "verbs", what)), actor, target,
                     aspect, tuple(check.text_list(entry, "kinds", what)), flags["clinician"], flags["by_examples"],
                     tuple(check.text_list(entry, "examples", what, minimum=1)), flags["plain"], flags["default"],
                     flags["link"], check.source, line_of(entry, line), leads_with=self._relations(check, entry, what),
                     leads_from=self._relations(check, entry, what, key="leads_from"),
                     answer_words=tuple(fold(w) for w in check.text_list(entry, "answer_words", what)),
                     via=check.text(entry, "via", what, required=False) or "", facts_first=flags["facts_first"],
                     other_names=flags["other_names"],
                     subject=flags["subject"], answer_kind=check.text(entry, "answer_kind", what, required=False) or "",
                     unless_named=tuple(check.text_list(entry, "unless_named", what)),
                     target_fallback=check.text(entry, "target_fallback", what, required=False) or "", **_frame_words(check, entry, what))

    @staticmethod
    def _relations(check: Checker, entry: dict, what: str, key: str = "leads_with") -> tuple[str, ...]:
        names = tuple(check.text_list(entry, key, what))
        for name in names:
            if name not in RELATION_NAMES:
                check.report(check.key_line(entry, key), f"{what}: '{name}' is not a relation (known: {', '.join(RELATION_NAMES)})")
        return names

    def _answer_types(self, check: Checker, value: Any, line: int) -> None:
        for kind in check.mapping(value, "'answer_types'", line):
            for word in check.text_list(value, kind, f"answer type '{kind}'", minimum=1):
                self.answer_types[fold(word)] = str(kind)

    def _answer_type_modifiers(self, check: Checker, value: Any, line: int) -> None:
        self.answer_type_modifiers.extend(_word_list(check, value, line, "answer_type_modifiers"))

    def _fillers(self, check: Checker, value: Any, line: int) -> None:
        self.fillers.extend(_word_list(check, value, line, "fillers"))

    def _answer_type_broader(self, check: Checker, value: Any, line: int) -> None:
        for kind in check.mapping(value, "'answer_type_broader'", line):
            self.answer_type_broader[str(kind)] = tuple(check.text_list(value, kind, f"broader kinds of '{kind}'", minimum=1))

    def _source_words(self, check: Checker, value: Any, line: int) -> None:
        self.source_words.extend(_word_list(check, value, line, "source_words"))

    def _action_words(self, check: Checker, value: Any, line: int) -> None:
        self.action_words.extend(_word_list(check, value, line, "action_words"))

    def _follow_on(self, check: Checker, value: Any, line: int) -> None:
        self.follow_on.extend(_word_list(check, value, line, "follow_on"))

    def _foreign_heads(self, check: Checker, value: Any, line: int) -> None:
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            check.report(line, "'foreign_heads' must be a list of words")
            return
        self.foreign_heads.extend(fold(w) for w in value)

    def _boundary(self, check: Checker, value: Any, line: int) -> None:
        entry = check.mapping(value, "'boundary'", line)
        self.boundary_at = (check.source, line)
        check.unknown_keys(entry, {"classes", "shorthand", "ignore", "not_asked", "as_written", "kinds", "rule"},
                           "boundary")
        if entry.get("not_asked"):
            self.not_asked.extend(check.patterns(entry, "boundary: 'not_asked'", key="not_asked"))
        kinds = check.mapping(entry.get("kinds", {}), "boundary: 'kinds'", check.key_line(entry, "kinds"))
        self.class_kinds.update({str(k): tuple(check.text_list(kinds, k, f"boundary kinds '{k}'")) for k in kinds})
        self.ignore.extend(fold(w) for w in check.text_list(entry, "ignore", "boundary: 'ignore'"))
        self.as_written.extend(fold(w) for w in check.text_list(entry, "as_written", "boundary: 'as_written'"))
        classes = check.mapping(entry.get("classes", {}), "boundary: 'classes'", check.key_line(entry, "classes"))
        for name, spec in classes.items():
            at = check.key_line(classes, name)
            spec = check.mapping(spec, f"word class '{name}'", at)
            check.unknown_keys(spec, {"words", "patterns", "counts_as", "unless"}, f"word class '{name}'")
            words = tuple(fold(str(w)) for w in check.text_list(spec, "words", f"word class '{name}'", minimum=1))
            patterns = check.patterns(spec, f"word class '{name}'") if spec.get("patterns") else ()
            counts_as = str(spec.get("counts_as") or "")
            unless = tuple(check.text_list(spec, "unless", f"word class '{name}'"))
            self.classes.append(WordClass(str(name), words, patterns, check.source, at, counts_as, unless))
        shorthand = check.mapping(entry.get("shorthand", {}), "boundary: 'shorthand'", check.key_line(entry, "shorthand"))
        self.shorthand.update({fold(str(k)): fold(str(v)) for k, v in shorthand.items()})
        rule_at = check.key_line(entry, "rule")
        for item in check.entries(entry.get("rule"), rule_at, "boundary: rule"):
            check.unknown_keys(item, {"all", "unless"}, "a boundary rule line")
            self.rule.append(BoundaryLine(tuple(check.text_list(item, "all", "a boundary rule line", minimum=1)),
                                          tuple(check.text_list(item, "unless", "a boundary rule line")),
                                          check.source, line_of(item, rule_at)))

    def _check_boundary(self) -> None:
        if not self.boundary_at:
            return
        path, line = self.boundary_at
        names = {c.name for c in self.classes}
        for name in REQUIRED_CLASSES:
            if name not in names:
                self.problems.append(Problem(path, line, f"boundary: word class '{name}' is required"))
        for name in self.class_kinds:
            if name not in names:
                self.problems.append(Problem(path, line, f"boundary kinds: no word class '{name}'"))
        self._check_class_references(names)
        for item in self.rule:
            for name in (*item.all, *item.unless):
                if name not in names:
                    self.problems.append(Problem(item.source, item.line, f"boundary rule names no word class '{name}'"))
        if not self.rule:
            self.problems.append(Problem(path, line, "boundary: the rule has no lines"))

    def _check_class_references(self, names: set[str]) -> None:
        """A word class's `counts_as` and `unless` must name word classes."""
        for word_class in self.classes:
            for name in (word_class.counts_as, *word_class.unless):
                if name and name not in names:
                    self.problems.append(Problem(word_class.source, word_class.line,
                                                 f"word class '{word_class.name}' names no word class '{name}'"))

    def _relation_verbs(self, check: Checker, value: Any, line: int) -> None:
        for relation, by_kind in check.mapping(value, "'relation_verbs'", line).items():
            at = check.key_line(value, relation)
            if relation not in RELATION_NAMES:
                check.report(at, f"relation_verbs: '{relation}' is not a relation (known: {', '.join(RELATION_NAMES)})")
                continue
            for kind in check.mapping(by_kind, f"relation_verbs '{relation}'", at):
                forms = check.text_list(by_kind, kind, f"relation_verbs '{relation}' '{kind}'", minimum=2)
                if len(forms) != 2:
                    check.report(check.key_line(by_kind, kind), f"relation_verbs '{relation}' '{kind}': give [singular, plural]")
                    continue
                self.relation_verbs.setdefault(str(relation), {})[str(kind)] = (forms[0], forms[1])

    def _changes(self, check: Checker, value: Any, line: int) -> None:
        entry = check.mapping(value, "'changes'", line)
        check.unknown_keys(entry, {"down", "up"}, "changes")
        for direction in ("down", "up"):
            if direction in entry:
                self.changes[direction] = tuple(fold(w) for w in check.text_list(entry, direction, f"changes '{direction}'"))

    def _depth_words(self, check: Checker, value: Any, line: int) -> None:
        classes = check.mapping(value, "'depth_words'", line)
        seen = {phrase: name for name, words in self.depth_words.items() for phrase in words}
        for name in classes:
            at = check.key_line(classes, name)
            if name not in DEPTH_CLASSES:
                check.report(at, f"depth_words: unknown class '{name}' (known: {', '.join(DEPTH_CLASSES)})")
                continue
            words = tuple(fold(str(w)) for w in check.text_list(classes, name, f"depth_words '{name}'", minimum=1))
            for phrase in words:
                if seen.get(phrase, name) != name:
                    check.report(at, f"depth_words: '{phrase}' is in both '{seen[phrase]}' and '{name}'")
                seen[phrase] = name
            self.depth_words[str(name)] = self.depth_words.get(str(name), ()) + words

    def _grading(self, check: Checker, value: Any, line: int) -> None:
        self.grading = parse_grading_words(check, value, line)

    def _messages(self, check: Checker, value: Any, line: int) -> None:
        self.messages_at = self.messages_at or (check.source, line)
        mapping = check.mapping(value, "'messages'", line)
        for key in mapping:
            text = check.text(mapping, key, f"message '{key}'")
            if text:
                self.messages[str(key)] = text

    def _check_messages(self, directory: str) -> None:
        missing = [m for m in REQUIRED_MESSAGES if m not in self.messages]
        if missing and not any("messages" in p.message for p in self.problems):
            path, line = self.messages_at or (directory, 1)
            self.problems.append(Problem(path, line, f"messages missing: {', '.join(missing)}"))

    def _check_default_frame(self, directory: str) -> None:
        if self.frames and sum(f.default for f in self.frames) == 1:
            return
        path, line = (self.frames[0].source, self.frames[0].line) if self.frames else (self.messages_at or (directory, 1))
        self.problems.append(Problem(path, line, "the frames need exactly one marked 'default: true' "
                                                 "(what a question no frame matches reads as)"))

    def finish(self, directory: str) -> tuple[DialogueRules, list[Problem]]:
        self._check_messages(directory)
        self._check_boundary()
        self._check_default_frame(directory)
        boundary = Boundary(tuple(self.classes), tuple(self.rule), dict(self.shorthand), tuple(self.ignore), dict(self.class_kinds),
                            tuple(self.not_asked), tuple(self.as_written))
        rules = DialogueRules(tuple(self.intents), tuple(self.cues), dict(self.messages), tuple(self.frames), boundary,
                              dict(self.answer_types), tuple(self.foreign_heads), tuple(self.fillers), tuple(self.follow_on), self.grading,
                              relation_verbs=dict(self.relation_verbs), changes=dict(self.changes),
                              depth_words=dict(self.depth_words), answer_type_modifiers=tuple(self.answer_type_modifiers),
                              source_words=tuple(self.source_words), answer_type_broader=dict(self.answer_type_broader),
                              action_words=tuple(self.action_words))
        return rules, self.problems


def _frame_answer(check: Checker, entry: dict, what: str) -> str | None:
    answer = check.text(entry, "answer", what)
    if answer and answer not in FRAME_ANSWERS:
        check.report(check.key_line(entry, "answer"), f"{what}: answer '{answer}' is not one of {', '.join(FRAME_ANSWERS)}")
    return answer


def _check_relation_names(check: Checker, entry: dict, what: str) -> None:
    for key in ("relation", "fallback", "via", "target_fallback"):
        value = entry.get(key)
        names = value if key == "fallback" and isinstance(value, list) else [value]  # only a fallback may list several
        for name in names:
            if isinstance(name, str) and name not in RELATION_NAMES and not (key == "via" and name in INVERSE_RELATIONS):
                check.report(check.key_line(entry, key), f"{what}: '{name}' is not a relation (known: {', '.join(RELATION_NAMES)})")


def _fallbacks(check: Checker, entry: dict, what: str) -> tuple[str, ...]:
    """A frame's fallback relations: one name, or a list tried in turn."""
    if isinstance(entry.get("fallback"), list):
        return tuple(check.text_list(entry, "fallback", what))
    one = check.text(entry, "fallback", what, required=False)
    return (one,) if one else ()


def _frame_words(check: Checker, entry: dict, what: str) -> dict[str, tuple]:
    """A frame's own-text patterns and the word lists it reads sentences and names by."""
    return {"own_text": check.patterns(entry, what, key="own_text") if entry.get("own_text") else (),
            "answer_says": tuple(fold(w) for w in check.text_list(entry, "answer_says", what)),
            "outcome_after": tuple(fold(w) for w in check.text_list(entry, "outcome_after", what)),
            "answer_titled": tuple(fold(w) for w in check.text_list(entry, "answer_titled", what)),
            "catches": tuple(fold(w) for w in check.text_list(entry, "catches", what))}


def _frame_flags(check: Checker, entry: dict, what: str) -> dict[str, bool]:
    """The true/false switches of a frame; anything else is reported and read as false."""
    flags = {}
    for key in ("clinician", "by_examples", "plain", "link", "default", "facts_first", "subject", "other_names"):
        value = entry.get(key, False)
        if not isinstance(value, bool):
            check.report(check.key_line(entry, key), f"{what}: '{key}' must be true or false")
        flags[key] = value is True
    return flags


def _word_list(check: Checker, value: Any, line: int, key: str) -> list[str]:
    """A top-level list of words or phrases, folded; a problem at its line when it is not one."""
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        check.report(line, f"'{key}' must be a list of words or phrases")
        return []
    return [fold(w) for w in value]
