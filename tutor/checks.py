"""Small field checks shared by the knowledge and dialogue loaders; they collect problems instead of raising."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .yamlsource import LDict, line_of

__all__ = ["Checker"]


# a pattern that puts \b right beside the "@" standing for a named concept
_BOUNDARY_AT_NAME = re.compile(r"\\b@|@\)*\\b")


@dataclass
class Checker:
    """Collects the problems of one file; each check returns a usable value even when the input is wrong."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line or 1, message))

    def key_line(self, entry: Any, key: str) -> int:
        if isinstance(entry, LDict):
            return entry.key_lines.get(key, entry.line)
        return line_of(entry, 1)

    def mapping(self, value: Any, what: str, line: int) -> dict:
        if isinstance(value, dict):
            return value
        self.report(line_of(value, line), f"{what} must be a mapping, not {_type_name(value)}")
        return {}

    def text(self, entry: dict, key: str, what: str, required: bool = True) -> str:
        value = entry.get(key)
        line = self.key_line(entry, key)
        if value is None:
            if required and key in entry:
                self.report(line, f"{what}: '{key}' is empty")
            elif required:
                self.report(line_of(entry, 1), f"{what}: missing '{key}'")
            return ""
        if not isinstance(value, str):
            self.report(line, f"{what}: '{key}' must be text, not {_type_name(value)}")
            return ""
        if required and not value.strip():
            self.report(line, f"{what}: '{key}' is empty")
        return value.strip()

    def text_list(self, entry: dict, key: str, what: str, minimum: int = 0) -> list[str]:
        value = entry.get(key, [])
        line = self.key_line(entry, key)
        if value is None:
            value = []
        if not isinstance(value, list):
            self.report(line, f"{what}: '{key}' must be a list, not {_type_name(value)}")
            return []
        items: list[str] = []
        item_lines = getattr(value, "item_lines", [line] * len(value))
        for item, item_line in zip(value, item_lines):
            if not isinstance(item, str):
                self.report(item_line, f"{what}: each of '{key}' must be text, not {_type_name(item)}")
            elif not item.strip():
                self.report(item_line, f"{what}: '{key}' has an empty entry")
            else:
                items.append(item.strip())
        if len(items) < minimum:
            self.report(line, f"{what}: '{key}' needs at least {minimum} entries, has {len(items)}")
        return items

    def entries(self, value: Any, line: int, what: str) -> list[dict]:
        """The mappings of a list (each a rule or a topic); anything else is reported at its own line."""
        if not isinstance(value, list):
            self.report(line, f"'{what}' must be a list")
            return []
        found = []
        for item, item_line in zip(value, getattr(value, "item_lines", [line] * len(value))):
            if isinstance(item, dict):
                found.append(item)
            else:
                self.report(item_line, f"each entry of '{what}' must be a mapping")
        return found

    def patterns(self, entry: dict, what: str, key: str = "patterns") -> tuple[str, ...]:
        """The valid regular expressions of a list; a bad one is reported at its own line."""
        patterns = self.text_list(entry, key, what, minimum=1)
        value = entry.get(key)
        lines = dict(zip(value, getattr(value, "item_lines", []))) if isinstance(value, list) else {}
        default = self.key_line(entry, key)
        return tuple(p for p in patterns if self.regex(p, what, lines.get(p, default)))

    def regex(self, pattern: str, what: str, line: int) -> bool:
        try:
            re.compile(pattern)
        except re.error as err:
            self.report(line, f"{what}: bad pattern {pattern!r}: {err}")
            return False
        if any(ord(ch) < 32 for ch in pattern):
            # "\b" in a double-quoted YAML string is a backspace: the word boundary needs "\\b"
            self.report(line, f"{what}: pattern {pattern!r} holds a control character (in double quotes, write \\b as \\\\b)")
            return False
        if _BOUNDARY_AT_NAME.search(pattern):
            # a named concept reads as "@", which is no word character: a \b beside it never matches there
            self.report(line, f"{what}: pattern {pattern!r} puts \\b beside @, where it never matches (use (?<!\\w)@ or leave it out)")
            return False
        return True

    def unknown_keys(self, entry: dict, allowed: set[str], what: str) -> None:
        for key in entry:
            if key not in allowed:
                self.report(self.key_line(entry, str(key)), f"{what}: unknown field '{key}' (expected one of: {', '.join(sorted(allowed))})")


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    for kind, name in ((bool, "true/false"), (dict, "a mapping"), (list, "a list"), (str, "text"), ((int, float), "a number")):
        if isinstance(value, kind):
            return name
    return type(value).__name__
