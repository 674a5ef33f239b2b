"""Builds DialogueRules from a folder of YAML files: intents, depth cues, safety and out-of-scope patterns, messages."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .checks import Checker
from .errors import ContentError, Problem
from .model import LEVELS, Cue, DialogueRules, Intent, OutOfScopeTopic
from .normalise import fold
from .yamlsource import line_of, load_yaml_file, yaml_files

__all__ = ["ACTIONS", "REQUIRED_MESSAGES", "load_dialogues", "check_dialogues"]

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
}

REQUIRED_MESSAGES = (
    "empty", "truncated", "unknown", "unknown_topic", "clarify", "safety", "safety_general", "level_changed",
    "level_now", "no_context", "no_counterpart", "relation_answer", "related_more", "explain_last", "attribution",
    "source_line",
)
_TOP_KEYS = {"intents", "cues", "safety", "out_of_scope", "messages"}
_INTENT_FIELDS = {"id", "action", "patterns", "examples", "reply", "level", "kind"}


def load_dialogues(directory: Path) -> DialogueRules:
    """Load a dialogue pack; raise ContentError listing every problem if it has any."""
    rules, problems = check_dialogues(directory)
    if problems:
        raise ContentError(problems)
    return rules


def check_dialogues(directory: Path) -> tuple[DialogueRules, list[Problem]]:
    directory = Path(directory)
    empty = DialogueRules((), (), (), (), {})
    if not directory.is_dir():
        return empty, [Problem(str(directory), 1, "dialogues folder not found")]
    files = yaml_files(directory)
    if not files:
        return empty, [Problem(str(directory), 1, "no .yaml files in the dialogues folder")]
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
        self.out_of_scope: list[OutOfScopeTopic] = []
        self.messages: dict[str, str] = {}

    def add_file(self, path: Path) -> None:
        data, problems = load_yaml_file(path)
        self.problems.extend(problems)
        if data is None and problems:
            return
        check = Checker(str(path), self.problems)
        top = check.mapping(data, "a dialogue file", 1)
        check.unknown_keys(top, _TOP_KEYS, "a dialogue file")
        for key, add in (("intents", self._intents), ("cues", self._cues), ("safety", self._safety),
                         ("out_of_scope", self._out_of_scope), ("messages", self._messages)):
            if key in top:
                add(check, top[key], check.key_line(top, key))

    def _entries(self, check: Checker, value: Any, line: int, what: str) -> list[dict]:
        if not isinstance(value, list):
            check.report(line, f"'{what}' must be a list")
            return []
        entries = []
        for item, item_line in zip(value, value.item_lines):
            if isinstance(item, dict):
                entries.append(item)
            else:
                check.report(item_line, f"each entry of '{what}' must be a mapping")
        return entries

    def _patterns(self, check: Checker, entry: dict, what: str) -> tuple[str, ...]:
        patterns = check.text_list(entry, "patterns", what, minimum=1)
        line = check.key_line(entry, "patterns")
        return tuple(p for p in patterns if check.regex(p, what, line))

    def _intents(self, check: Checker, value: Any, line: int) -> None:
        for entry in self._entries(check, value, line, "intents"):
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
            intent = Intent(iid, action, self._patterns(check, entry, what), tuple(check.text_list(entry, "examples", what, minimum=1)),
                            reply, level, check.text(entry, "kind", what, required=False) or "chat", check.source, line_of(entry, line))
            self._check_examples(check, intent)
            if any(i.id == iid for i in self.intents):
                check.report(intent.line, f"duplicate intent id '{iid}'")
            self.intents.append(intent)

    def _check_examples(self, check: Checker, intent: Intent) -> None:
        # Checked when built: every example must be caught by its own rule.
        compiled = [re.compile(p) for p in intent.patterns]
        for example in intent.examples:
            if not any(p.fullmatch(fold(example)) for p in compiled):
                check.report(intent.line, f"intent '{intent.id}': example {example!r} matches none of its patterns")

    def _cues(self, check: Checker, value: Any, line: int) -> None:
        for entry in self._entries(check, value, line, "cues"):
            what = "a cue"
            check.unknown_keys(entry, {"patterns", "level", "persistent"}, what)
            level = check.text(entry, "level", what)
            if level and level not in LEVELS:
                check.report(check.key_line(entry, "level"), f"{what}: level '{level}' is not one of {', '.join(LEVELS)}")
            persistent = entry.get("persistent", False)
            if not isinstance(persistent, bool):
                check.report(check.key_line(entry, "persistent"), f"{what}: 'persistent' must be true or false")
            for pattern in self._patterns(check, entry, what):
                self.cues.append(Cue(pattern, level, persistent is True, check.source, line_of(entry, line)))

    def _safety(self, check: Checker, value: Any, line: int) -> None:
        entry = check.mapping(value, "'safety'", line)
        check.unknown_keys(entry, {"patterns", "in_scope_patterns"}, "safety")
        if entry:
            self.safety.extend(self._patterns(check, entry, "safety"))
        if "in_scope_patterns" in entry:
            patterns = check.text_list(entry, "in_scope_patterns", "safety")
            line = check.key_line(entry, "in_scope_patterns")
            self.personal.extend(p for p in patterns if check.regex(p, "safety", line))

    def _out_of_scope(self, check: Checker, value: Any, line: int) -> None:
        for entry in self._entries(check, value, line, "out_of_scope"):
            name = check.text(entry, "name", "an out-of-scope topic")
            check.unknown_keys(entry, {"name", "patterns"}, f"out-of-scope topic '{name}'")
            self.out_of_scope.append(OutOfScopeTopic(name, self._patterns(check, entry, f"out-of-scope topic '{name}'"),
                                                     check.source, line_of(entry, line)))

    def _messages(self, check: Checker, value: Any, line: int) -> None:
        mapping = check.mapping(value, "'messages'", line)
        for key in mapping:
            text = check.text(mapping, key, f"message '{key}'")
            if text:
                self.messages[str(key)] = text

    def finish(self, directory: str) -> tuple[DialogueRules, list[Problem]]:
        missing = [m for m in REQUIRED_MESSAGES if m not in self.messages]
        if missing and not any("messages" in p.message for p in self.problems):
            self.problems.append(Problem(directory, 1, f"messages missing: {', '.join(missing)}"))
        rules = DialogueRules(tuple(self.intents), tuple(self.cues), tuple(self.safety), tuple(self.out_of_scope),
                              dict(self.messages), tuple(self.personal))
        return rules, self.problems
