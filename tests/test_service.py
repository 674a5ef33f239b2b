"""The HTTP service: a real server on a free loopback port in a thread, spoken to with urllib; the ASGI
wrapper called as an ASGI server would; `tutor serve` once as a real process."""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from tutor.service import Service, asgi_app, make_server
from tutor.store import MemoryStore, SQLiteStore, StoreError

from conftest import ROOT


class Running:
    """A Service behind the standard library's server, in a thread, on a free port."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.server = make_server(service, "127.0.0.1", 0)
        self.base = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def call(self, method: str, path: str, payload=None, *, raw: bytes | None = None, headers=None):
        """(status, JSON body) of one request."""
        data = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as err:
            body = err.read()
            assert b"Traceback" not in body
            return err.code, json.loads(body)

    def say(self, user: str, text: str, **kwargs):
        return self.call("POST", f"/v1/users/{user}/messages", {"text": text}, **kwargs)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def logs() -> list[dict]:
    return []


@pytest.fixture
def store(tmp_path):
    opened = SQLiteStore(tmp_path / "server.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def server(tutor, store, logs):
    running = Running(Service(tutor, store, log=logs.append))
    yield running
    running.stop()


def test_messages_answer_and_keep_each_users_state_in_the_store(server, store):
    status, reply = server.say("alice", "what do osteoclasts do?")
    assert status == 200 and reply["kind"] == "answer" and reply["concept"] == "osteoclasts"
    assert reply["level"] == "fundamentals" and reply["text"]
    status, deeper = server.say("alice", "more detail")  # a follow-up: the topic was kept between requests
    assert status == 200 and deeper["concept"] == "osteoclasts" and deeper["level"] == "intermediate"
    status, other = server.say("bob", "more detail")  # bob has no topic yet
    assert status == 200 and other["concept"] != "osteoclasts"
    assert store.load("alice").last_concept == "osteoclasts" and store.load("alice").revision == 2


def test_a_quiz_over_http_is_journaled_and_counted_in_progress(server, store):
    status, question = server.say("u-42", "quiz me on opg")
    assert status == 200 and question["kind"] == "quiz" and question["data"]["item"]
    status, answered = server.say("u-42", "i don't know")
    assert status == 200 and answered["kind"] == "quiz"
    status, progress = server.call("GET", "/v1/users/u-42/progress")
    assert status == 200 and progress["answered"] == 1
    assert [a["concept"] for a in store.answers("u-42")] == ["opg"]


def test_concepts_health_and_openapi(server, tutor):
    status, concepts = server.call("GET", "/v1/concepts")
    assert status == 200 and [c["id"] for c in concepts["concepts"]] == [c for c, _, _ in tutor.concepts()]
    assert server.call("GET", "/healthz") == (200, {"status": "ok"})
    status, spec = server.call("GET", "/openapi.json")
    assert status == 200 and spec["openapi"].startswith("3.")
    assert {"/v1/users/{user}/messages", "/v1/users/{user}/progress", "/v1/concepts", "/healthz"} <= set(spec["paths"])


@pytest.mark.parametrize("path, payload, raw, status, code", [
    ("/v1/users/alice/messages", None, b"{not json", 400, "bad_json"),
    ("/v1/users/alice/messages", None, b"\xff\xfe", 400, "bad_json"),
    ("/v1/users/alice/messages", {"txt": "hi"}, None, 400, "bad_message"),
    ("/v1/users/alice/messages", {"text": 5}, None, 400, "bad_message"),
    ("/v1/users/alice/messages", ["text"], None, 400, "bad_message"),
    ("/v1/users/alice/messages", {"text": "hi", "admin": True}, None, 400, "bad_message"),
    ("/v1/users/a%20b/messages", {"text": "hi"}, None, 400, "bad_user_id"),
    ("/v1/users/..%2Fetc/messages", {"text": "hi"}, None, 400, "bad_user_id"),
    ("/v1/users/" + "x" * 129 + "/messages", {"text": "hi"}, None, 400, "bad_user_id"),
    ("/v1/users/alice/messages", None, b"x" * 100_000, 413, "too_large"),
    ("/v1/nothing", {"text": "hi"}, None, 404, "not_found"),
])
def test_bad_requests_get_a_json_error_never_a_traceback(server, logs, path, payload, raw, status, code):
    got, body = server.call("POST", path, payload, raw=raw)
    assert got == status and body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    assert logs[-1]["status"] == status and logs[-1]["path"].startswith("/v1/")


def test_wrong_method_and_unknown_learner(server):
    status, body = server.call("GET", "/v1/users/alice/messages")
    assert status == 405 and "POST" in body["error"]["message"]
    status, body = server.call("OPTIONS", "/v1/concepts")
    assert status == 501 and body["error"]["status"] == 501  # the base server's own errors are JSON too
    status, body = server.call("GET", "/v1/users/nobody/progress")
    assert status == 404 and body["error"]["code"] == "unknown_user"


class BrokenStore(MemoryStore):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def load(self, user_id):
        raise self.error


@pytest.mark.parametrize("error, status", [(RuntimeError("boom at line 3"), 500), (StoreError("disk gone"), 503)])
def test_failures_inside_are_logged_and_answered_without_details(tutor, error, status):
    logs: list[dict] = []
    running = Running(Service(tutor, BrokenStore(error), log=logs.append))
    try:
        got, body = running.say("alice", "hello")
    finally:
        running.stop()
    assert got == status and "boom" not in json.dumps(body) and "disk" not in json.dumps(body)
    assert any("Traceback" in record.get("traceback", "") for record in logs)  # the operator sees what happened
    assert logs[-1]["status"] == status


def test_a_token_is_required_when_set(tutor, store):
    running = Running(Service(tutor, store, token="s3cret", log=lambda _: None))
    try:
        assert running.say("alice", "hello")[0] == 401
        assert running.say("alice", "hello", headers={"Authorization": "Bearer wrong"})[0] == 401
        assert running.say("alice", "hello", headers={"Authorization": "Bearer s3cret"})[0] == 200
        assert running.call("GET", "/healthz")[0] == 200  # health checks need no token
    finally:
        running.stop()


def test_access_log_has_one_structured_line_per_request(server, logs):
    server.say("alice", "what is OPG")
    server.call("GET", "/v1/concepts")
    assert [(r["method"], r["path"], r["status"]) for r in logs] == [
        ("POST", "/v1/users/alice/messages", 200), ("GET", "/v1/concepts", 200)]
    assert all(isinstance(r["ms"], float) and r["bytes_out"] > 0 for r in logs)
    assert "what is OPG" not in json.dumps(logs)  # what learners say stays out of the log


def test_threads_answering_for_one_user_lose_no_answer(server, store):
    server.say("shared", "quiz me on estrogen")

    def learner() -> None:
        for _ in range(6):
            assert server.say("shared", "i don't know")[0] == 200

    threads = [threading.Thread(target=learner) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = store.load("shared")
    assert sum(answered for _, answered in saved.tally.values()) == len(store.answers("shared")) > 0


def asgi_call(app, method: str, path: str, body: bytes = b"", headers=()) -> tuple[int, dict]:
    sent: list[dict] = []
    chunks = [{"type": "http.request", "body": body[:10], "more_body": True},
              {"type": "http.request", "body": body[10:], "more_body": False}]

    async def receive():
        return chunks.pop(0)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": list(headers)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], json.loads(sent[1]["body"])


def test_asgi_app_answers_like_the_server(tutor, store):
    app = asgi_app(Service(tutor, store, log=lambda _: None))
    status, reply = asgi_call(app, "POST", "/v1/users/carol/messages", json.dumps({"text": "what is OPG"}).encode())
    assert status == 200 and reply["concept"] == "opg"
    assert store.load("carol").last_concept == "opg"
    assert asgi_call(app, "POST", "/v1/users/carol/messages", b"x" * 50_000)[0] == 413
    assert asgi_call(app, "GET", "/v1/users/carol/progress")[0] == 200


def test_tutor_serve_runs_as_a_process_and_stops_on_sigterm(tmp_path):
    env = {**os.environ, "TUTOR_STORE": f"sqlite:///{tmp_path / 's.sqlite3'}", "TUTOR_TOKEN": "tok"}
    proc = subprocess.Popen([sys.executable, "-m", "tutor", "serve", "--port", "0"], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    try:
        started = json.loads(proc.stderr.readline())
        assert started["event"] == "listening"
        request = urllib.request.Request(started["url"] + "/v1/users/dan/messages", data=b'{"text": "what is RANKL"}',
                                         headers={"Authorization": "Bearer tok"}, method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.loads(response.read())["concept"] == "rankl"
        assert json.loads(proc.stderr.readline())["status"] == 200
        proc.terminate()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert SQLiteStore(tmp_path / "s.sqlite3").load("dan").last_concept == "rankl"


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_asgi_app_under_uvicorn_with_two_workers_loses_no_answer(tmp_path):
    pytest.importorskip("uvicorn", reason="uvicorn is not installed (pip install -e '.[test]' installs it)")
    import time

    port, url = _free_port(), f"sqlite:///{tmp_path / 'u.sqlite3'}"
    env = {**os.environ, "TUTOR_STORE": url}
    env.pop("TUTOR_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "tutor.service:create_app", "--host",
                             "127.0.0.1", "--port", str(port), "--workers", "2", "--no-access-log"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # the workers load the pack; give them up to a minute
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        client = Running.__new__(Running)
        client.base = base
        assert client.say("eve", "quiz me on osteoclasts")[0] == 200

        def learner() -> None:
            for _ in range(5):
                assert client.say("eve", "i don't know")[0] == 200

        threads = [threading.Thread(target=learner) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        status, body = client.call("POST", "/v1/users/eve/messages", raw=b"{oops")
        assert status == 400 and body["error"]["code"] == "bad_json"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    store = SQLiteStore(tmp_path / "u.sqlite3")
    try:
        saved = store.load("eve")
        assert sum(answered for _, answered in saved.tally.values()) == len(store.answers("eve")) > 0
    finally:
        store.close()
