"""The one loading path for every YAML file of a pack.

Files are parsed with PyYAML's safe loader (never constructing Python
objects), and every mapping and list remembers the line it starts on, so
later checks can say `file:line: what is wrong`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["LDict", "LList", "MAX_FILE_BYTES", "MAX_DEPTH", "load_yaml_text", "load_yaml_file", "yaml_files", "pack_files", "line_of"]

MAX_FILE_BYTES = 2_000_000

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class LList(list):
    """A sequence from YAML that knows its own line and each item's line."""

    line: int = 0
    item_lines: list[int]


def line_of(value: Any, default: int = 0) -> int:
    """The line a loaded value starts on, or `default` for plain scalars."""
    return getattr(value, "line", default) or default


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader whose containers carry line numbers and that spots duplicate keys."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            key = str(key)
        if key in result:
            loader.duplicate_keys.append((key_node.start_mark.line + 1, str(key)))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


MAX_DEPTH = 100


def load_yaml_text(text: str, source: str = "<string>") -> tuple[Any, list[Problem]]:
    """Parse YAML text; return the data (None on failure) and the problems found."""
    loader = None
    try:
        loader = _LineLoader(text)
        data = loader.get_single_data()
    except yaml.YAMLError as err:
        return None, [_yaml_problem(err, text, source)]
    except RecursionError:
        return None, [Problem(source, _too_deep_line(text), f"nesting deeper than {MAX_DEPTH} levels")]
    finally:
        if loader is not None:
            loader.dispose()
    problems = [Problem(source, line, f"duplicate key '{key}'") for line, key in loader.duplicate_keys]
    return data, problems


def _yaml_problem(err: yaml.YAMLError, text: str, source: str) -> Problem:
    """A parse error as a problem at its line."""
    if isinstance(err, yaml.MarkedYAMLError):
        return _marked_problem(err, source)
    if isinstance(err, yaml.reader.ReaderError):
        code = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "?")
        return Problem(source, text[: err.position].count("\n") + 1, f"invalid YAML: unacceptable character U+{code:04X}")
    return Problem(source, 1, f"invalid YAML: {str(err).splitlines()[0]}")


def _marked_problem(err: yaml.MarkedYAMLError, source: str) -> Problem:
    # The context mark is where the unfinished construct began (an unclosed bracket or quote, a key without ':').
    flow = bool(err.context and ("flow" in err.context or "quoted scalar" in err.context))
    mark = (err.context_mark if flow else None) or err.problem_mark or err.context_mark
    what = " ".join(part for part in (err.context, err.problem) if part) or "invalid YAML"
    return Problem(source, mark.line + 1 if mark else 1, f"invalid YAML: {what}")


def _too_deep_line(text: str) -> int:
    """The line where nesting first passes MAX_DEPTH, found with the event parser (which does not recurse)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1


def load_yaml_file(path: Path) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML file, reporting size and encoding problems as well."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(source, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(source, 1, f"cannot read file: {err.strerror or err}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(source, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})")]
    return load_yaml_text(text, source)


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files of a pack folder, in a stable order."""
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def pack_files(directory: Path, what: str) -> tuple[list[Path], list[Problem]]:
    """The YAML files of a `what` folder, or the problem that there are none to read."""
    if not directory.is_dir():
        return [], [Problem(str(directory), 1, f"{what} folder not found")]
    files = yaml_files(directory)
    return files, [] if files else [Problem(str(directory), 1, f"no .yaml files in the {what} folder")]
