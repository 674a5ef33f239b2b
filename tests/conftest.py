from __future__ import annotations

from pathlib import Path

import pytest

from tutor import Tutor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def shared_file(*parts: str) -> Path:
    """A file of the shared material beside the repository; the test is skipped, saying why, when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}: the shared material beside the repository is absent here (CI has it)")
    return path


@pytest.fixture(scope="session")
def source_text() -> str:
    """The source document the pack teaches."""
    return shared_file("seeds", "000_ff28a143b6b40893.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tutor() -> Tutor:
    return Tutor.load()


def choice_answer(item) -> str | None:
    """The right answer to a multiple-choice, true/false or cloze item as a learner types it; None for a short answer
    (each test says what a right short answer is)."""
    if item.type == "mc":
        return "abcd"[item.options.index(item.answer)]
    if item.type == "tf":
        return "true" if item.answer else "false"
    if item.type == "cloze":
        return str(item.answer)
    return None


class Chat:
    """Replays a conversation in one session; each turn can assert concept, kind and depth."""

    def __init__(self, tutor: Tutor, level: str = "fundamentals") -> None:
        self.tutor = tutor
        self.session = tutor.new_session(level)

    def say(self, text: str, *, concept: str | None = None, kind: str | None = None, level: str | None = None):
        reply = self.tutor.respond(self.session, text)
        if concept is not None:
            assert reply.concept == concept, f"{text!r}: concept {reply.concept} ({reply.kind}), wanted {concept}"
        if kind is not None:
            assert reply.kind == kind, f"{text!r}: kind {reply.kind}, wanted {kind}"
        if level is not None:
            assert reply.level == level, f"{text!r}: depth {reply.level}, wanted {level}"
        return reply


@pytest.fixture
def chat(tutor: Tutor) -> Chat:
    return Chat(tutor)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """No test reads or writes the real user's progress."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server started for this test run; the tests that use it skip, saying why, when it cannot be."""
    import pgcluster

    reason = pgcluster.why_not()
    if reason:
        pytest.skip(f"PostgreSQL tests need a server: {reason}")
    cluster = pgcluster.Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster, request) -> str:
    """A new, empty database on the test server."""
    postgres_url.count = getattr(postgres_url, "count", 0) + 1
    return postgres_cluster.new_database(f"t{postgres_url.count}")
