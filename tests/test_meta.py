"""A check on the tests themselves: each can fail.

Every test module asserts something; every test asserts something (itself, through `pytest.raises`, or
through a helper of the tests that asserts, such as `Chat.say`); and no test's only assertions sit under an
`if` or in an `except` branch, where they may never run.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
MODULES = sorted(TESTS.glob("test_*.py"))
_PYTEST_CHECKS = {"raises", "fail", "warns", "approx"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _asserting_helpers() -> dict[str, bool]:
    """Functions and methods in tests/ (not tests themselves) that assert: name -> whether they assert only under
    a condition (as `Chat.say` does, on the keyword options it is given)."""
    helpers: dict[str, bool] = {}
    for path in TESTS.glob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("test_"):
                checks = _checks(node, {})
                if checks:
                    helpers[node.name] = all(checks)
    return helpers


def _is_check(node: ast.AST, helpers: dict[str, bool]) -> bool:
    if isinstance(node, ast.Assert):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
        if owner == "pytest" and name in _PYTEST_CHECKS:
            return True
        # a helper that asserts only on its options checks something only when given one
        return name in helpers and (not helpers[name] or bool(node.keywords))
    return False


def _checks(function: ast.AST, helpers: dict[str, bool]) -> list[bool]:
    """For each check in the function's own body: whether it may not run (under an `if` whose other branch does
    not check too, or in an `except` branch)."""
    found: list[bool] = []

    def visit(node: ast.AST, conditional: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) and node is not function:
            return  # a nested function's checks run only if it is called
        if _is_check(node, helpers):
            found.append(conditional)
        if isinstance(node, ast.If):
            visit(node.test, conditional)
            body, orelse = _branch(node.body, helpers), _branch(node.orelse, helpers)
            both = bool(body) and bool(orelse)  # each way through checks something
            found.extend(conditional or not (both and not b) for b in body)
            found.extend(conditional or not (both and not b) for b in orelse)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, conditional or isinstance(child, (ast.IfExp, ast.ExceptHandler)))

    def _branch(statements: list[ast.stmt], helpers: dict[str, bool]) -> list[bool]:
        inner = ast.Module(body=list(statements), type_ignores=[])
        return _checks_of(inner, helpers)

    visit(function, False)
    return found


def _checks_of(block: ast.Module, helpers: dict[str, bool]) -> list[bool]:
    return _checks(block, helpers)


def _tests(tree: ast.Module) -> list[ast.FunctionDef]:
    out = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name.startswith("Test")):
        out += [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_test_asserts_something_unconditionally(path):
    helpers = _asserting_helpers()
    tests = _tests(_tree(path))
    assert tests, f"{path.name} holds no test"
    weak = []
    for test in tests:
        checks = _checks(test, helpers)
        if not checks:
            weak.append(f"{path.name}:{test.lineno}: {test.name} asserts nothing")
        elif all(checks):
            weak.append(f"{path.name}:{test.lineno}: {test.name} asserts only under a condition")
    assert not weak, "\n".join(weak)


def test_the_meta_check_can_fail():
    source = '''
def test_nothing():
    x = 1

def test_only_if(reply):
    if reply.kind == "clarify":
        assert reply.options

def test_in_except():
    try:
        pass
    except ValueError:
        assert False

def test_fine(reply):
    if reply:
        assert reply.kind
    assert reply.text

def test_either_way(store):
    if store.notice:
        assert store.aside
    else:
        with pytest.raises(ValueError):
            store.load()
'''
    tree = ast.parse(source)
    verdicts = {t.name: _checks(t, {}) for t in _tests(tree)}
    assert verdicts == {"test_nothing": [], "test_only_if": [True], "test_in_except": [True], "test_fine": [True, False],
                        "test_either_way": [False, False]}
