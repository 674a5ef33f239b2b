"""Bad stored data, bad eval files and a failing turn give a message, never a raw exception."""
from __future__ import annotations

import io
import json
import sqlite3

import pytest

from tutor import Session, Tutor
from tutor.cli import USER, main
from tutor.errors import ContentError, SessionError
from tutor.evaluation import load_cases
from tutor.store import SQLiteStore, profile_path


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


# --- a stored review card with a bad date ------------------------------------------------------

def _session_with_a_card(tutor: Tutor) -> dict:
    session = tutor.new_session()
    tutor.quiz(session, topic="opg", count=1)
    tutor.respond(session, "a")
    data = session.to_dict()
    assert data["cards"], "a quiz answer schedules a review card"
    return data


@pytest.mark.parametrize("due", ["not a date", "2026-13-45T00:00:00+00:00", 20261129, None, "2026-11-29T10:00:00"])
def test_a_card_with_a_bad_date_is_a_session_error(tutor, due):
    data = _session_with_a_card(tutor)
    card = next(iter(data["cards"].values()))
    card["due"] = due
    with pytest.raises(SessionError, match="review card of 'opg'"):
        Session.from_dict(data)


def test_a_good_card_survives_the_check(tutor):
    data = _session_with_a_card(tutor)
    assert Session.from_dict(data).cards == data["cards"]


@pytest.mark.parametrize("command", [["progress"], ["quiz", "--due"], ["chat"]])
def test_the_command_line_says_what_is_wrong_with_a_stored_card(tutor, tmp_path, capsys, command):
    data = _session_with_a_card(tutor)
    path = profile_path(tmp_path, "default")
    store = SQLiteStore(path)
    stored = tutor.new_session()
    stored.cards = data["cards"]
    store.save(USER, stored)
    store.close()
    # the stored card goes bad on disk (a store's save checks what it writes, so corrupt the file itself)
    with sqlite3.connect(path) as db:
        (text,) = db.execute("SELECT session FROM learners WHERE user_id = ?", (USER,)).fetchone()
        state = json.loads(text)
        next(iter(state["cards"].values()))["due"] = "not a date"
        db.execute("UPDATE learners SET session = ? WHERE user_id = ?", (json.dumps(state), USER))
    code, out = run([*command, "--data-dir", str(tmp_path)], stdin="what is OPG\n")
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err + out
    assert "review card of 'opg'" in err and "not a date" in err


# --- eval files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, message", [
    ("", 1, "must be a mapping"),
    ("single: []\n", 1, "holds no case"),
    ("single: 5\n", 1, "'single' must be a list"),
    ("single:\n  - {q: what is OPG, expect: opg}\ndialogues: [5]\n", 3, "a dialogue must be a list"),
    ("single:\n  - q: what is OPG\n    expect: [opg]\n    expcet: [rankl]\n", 4, "unknown field(s) expcet"),
    ("singel:\n  - {q: what is OPG, expect: opg}\n", 1, "unknown section 'singel'"),
    ("single:\n  - {q: what is OPG, kind: [answer]}\n", 2, "field(s) kind"),
    ("single:\n  - {q: what is OPG, expect: {opg: 1}}\n", 2, "field(s) expect"),
    ("single:\n  - {q: what is OPG, uncovered: 'no'}\n", 2, "field(s) uncovered"),
])
def test_a_bad_eval_file_is_refused_with_file_and_line(tmp_path, capsys, text, line, message):
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_cases(path)
    assert any(p.line == line and message in p.message for p in err.value.problems), [str(p) for p in err.value.problems]
    code, _ = run(["eval", str(path)])
    printed = capsys.readouterr().err
    assert code == 1 and f"{path}:{line}: " in printed and "Traceback" not in printed


def test_expect_written_as_one_string_is_that_id(tutor, tmp_path):
    path = tmp_path / "set.yaml"
    path.write_text("single:\n  - {q: what is OPG, expect: opg, lead: osteoprotegerin}\n", encoding="utf-8")
    (case,), _ = load_cases(path)
    assert case.expect == ("opg",) and case.lead == ("osteoprotegerin",)
    code, out = run(["eval", str(path)])
    assert code == 0 and "in-scope top-1" in out and "1/1" in out


# --- the piped chat loop ---------------------------------------------------------------------------

def test_the_piped_chat_survives_a_failing_turn(tmp_path, monkeypatch):
    calls = {"n": 0}
    real = Tutor.respond

    def flaky(self, session, text, now=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return real(self, session, text, now)

    monkeypatch.setattr(Tutor, "respond", flaky)
    code, out = run(["--data-dir", str(tmp_path)], stdin="first\nwhat is OPG\n")
    assert code == 0 and "something went wrong with that message (RuntimeError)" in out
    assert "osteoprotegerin" in out.lower() and out.rstrip().endswith("Goodbye.")


def test_the_piped_quiz_survives_a_failing_turn(tmp_path, monkeypatch):
    from tutor.store import StoreError

    real = SQLiteStore.save
    calls = {"n": 0}

    def failing_once(self, user_id, session):
        calls["n"] += 1
        if calls["n"] == 2:  # the first answer's save
            raise StoreError("the disk is full")
        return real(self, user_id, session)

    monkeypatch.setattr(SQLiteStore, "save", failing_once)
    code, out = run(["quiz", "--topic", "opg", "--count", "2", "--data-dir", str(tmp_path)], stdin="a\nb\nc\nd\n")
    assert code == 0 and "Sorry, that went wrong: the disk is full" in out
    assert "Score:" in out
