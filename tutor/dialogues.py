"""Builds DialogueRules from a folder of YAML files: intents, depth cues, safety and out-of-scope patterns, messages."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .checks import Checker
from .errors import ContentError, Problem
from .model import LEVELS, QUIZ_ACTIONS, Cue, DialogueRules, Intent
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
    "men": "the counterpart in men of the last concept",
    "women": "the counterpart in women of the last concept",
    "quiz": "start a quiz (named groups: topic, count)",
    "review": "start a quiz on what is due for review",
    "hint": "during a quiz: the next rung of the hint ladder",
    "reveal": "during a quiz: show the answer (counts as not known)",
    "skip": "during a quiz: skip the question",
    "stop-quiz": "during a quiz: stop and summarise",
    "progress": "summarise the learner's progress",
}


# Every message the engine and the quiz use: a pack without one is refused when loaded.
REQUIRED_MESSAGES = (
    "clarify", "due_greeting", "empty", "explain_last", "explain_nothing", "level_changed", "level_now",
    "no_context", "no_counterpart", "progress_summary", "quiz_depth_changed", "quiz_hint", "quiz_not_running",
    "quiz_question", "quiz_reexplain", "quiz_reminder", "quiz_reveal", "quiz_reveal_short", "quiz_right",
    "quiz_skipped", "quiz_start", "quiz_stopped", "quiz_summary", "quiz_tf_prompt", "quiz_unknown_topic", "quiz_no_items",
    "quiz_nothing_due",
    "quiz_why", "quiz_why_wrong", "quiz_wrong", "quiz_wrong_retry", "related_more", "relation_answer", "safety",
    "safety_general", "truncated", "unknown", "unknown_topic"
)
_TOP_KEYS = {"intents", "cues", "safety", "messages"}
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
        return DialogueRules((), (), (), {}), problems
    builder = _Builder()
    for path in files:
        builder.add_file(path)
    return builder.finish(str(directory))


class _Builder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.intents: list[Intent] = []
        self.cues: list[Cue] = []
        self.safety: list[str] = []
        self.personal: list[str] = []
        self.messages: dict[str, str] = {}
        self.messages_at: tuple[str, int] | None = None

    def add_file(self, path: Path) -> None:
        data, problems = load_yaml_file(path)
        self.problems.extend(problems)
        if data is None and problems:
            return
        check = Checker(str(path), self.problems)
        top = check.mapping(data, "a dialogue file", 1)
        check.unknown_keys(top, _TOP_KEYS, "a dialogue file")
        for key, add in (("intents", self._intents), ("cues", self._cues), ("safety", self._safety),
                         ("messages", self._messages)):
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
            check.unknown_keys(entry, {"patterns", "level", "persistent"}, what)
            level = check.text(entry, "level", what)
            if level and level not in LEVELS:
                check.report(check.key_line(entry, "level"), f"{what}: level '{level}' is not one of {', '.join(LEVELS)}")
            persistent = entry.get("persistent", False)
            if not isinstance(persistent, bool):
                check.report(check.key_line(entry, "persistent"), f"{what}: 'persistent' must be true or false")
            for pattern in check.patterns(entry, what):
                self.cues.append(Cue(pattern, level, persistent is True, check.source, line_of(entry, line)))

    def _safety(self, check: Checker, value: Any, line: int) -> None:
        entry = check.mapping(value, "'safety'", line)
        check.unknown_keys(entry, {"patterns", "in_scope_patterns"}, "safety")
        if entry:
            self.safety.extend(check.patterns(entry, "safety"))
        if "in_scope_patterns" in entry:
            self.personal.extend(check.patterns(entry, "safety", key="in_scope_patterns"))

    def _messages(self, check: Checker, value: Any, line: int) -> None:
        self.messages_at = self.messages_at or (check.source, line)
        mapping = check.mapping(value, "'messages'", line)
        for key in mapping:
            text = check.text(mapping, key, f"message '{key}'")
            if text:
                self.messages[str(key)] = text

    def finish(self, directory: str) -> tuple[DialogueRules, list[Problem]]:
        missing = [m for m in REQUIRED_MESSAGES if m not in self.messages]
        if missing and not any("messages" in p.message for p in self.problems):
            path, line = self.messages_at or (directory, 1)
            self.problems.append(Problem(path, line, f"messages missing: {', '.join(missing)}"))
        rules = DialogueRules(tuple(self.intents), tuple(self.cues), tuple(self.safety), dict(self.messages), tuple(self.personal))
        return rules, self.problems
