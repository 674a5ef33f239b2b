"""The tutor as a JSON service over HTTP, for bots written in any language (`tutor serve`).

`Service.handle` is the whole service as one function of a request (method, path, headers, body)
to a `Response`; `serve` runs it on the standard library's threading HTTP server and `asgi_app`
wraps it for any ASGI server (uvicorn, hypercorn) when a host wants several worker processes.
Workers keep nothing: every turn loads the learner from the store, answers, and saves with the
revision check of tutor/store.py, so any number of workers on one store lose no answer.

Endpoints (docs/http.md; the OpenAPI description is served at /openapi.json):
    POST /v1/users/{user}/messages  {"text": "..."}  -> the reply (Reply.to_dict())
    GET  /v1/users/{user}/progress                    -> mastery, accuracy, reviews due
    GET  /v1/concepts                                 -> the topics
    GET  /healthz                                     -> {"status": "ok"}
"""
from __future__ import annotations

import hmac
import json
import os
import re
import sys
import threading
import time
import traceback
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Mapping
from urllib.parse import unquote, urlsplit

from .store import Store, StoreError

__all__ = ["Service", "Response", "serve", "make_server", "asgi_app", "create_app", "service_from_environment", "USER_ID", "MAX_BODY"]

MAX_BODY = 16 * 1024  # bytes of a request body; the tutor reads at most a few thousand characters of a message
USER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$")  # ids of Discord, Slack, Telegram, e-mail-like ids
_LOCK_STRIPES = 64  # turns of one user in one process run one at a time; users share 64 locks
_DRAIN_LIMIT = 1024 * 1024  # a too-large body up to this size is read and dropped, so the client sees the 413


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "application/json"


class ApiError(Exception):
    """A request the service refuses: becomes a JSON error with this status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _json(status: int, payload: Any) -> Response:
    return Response(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def error_response(status: int, code: str, message: str) -> Response:
    return _json(status, {"error": {"status": status, "code": code, "message": message}})


class Service:
    """One tutor, one store; `handle` answers one request. Thread-safe."""

    def __init__(self, tutor, store: Store, *, token: str | None = None, max_body: int = MAX_BODY,
                 log: Callable[[dict], None] | None = None) -> None:
        self.tutor, self.store = tutor, store
        self.token = token or None
        self.max_body = max_body
        self.log = log or _log_to_stderr
        self._locks = [threading.Lock() for _ in range(_LOCK_STRIPES)]
        self._routes: list[tuple[str, re.Pattern, Callable[..., Response]]] = [
            ("GET", re.compile(r"^/healthz$"), self._health),
            ("GET", re.compile(r"^/openapi\.json$"), self._openapi),
            ("GET", re.compile(r"^/v1/concepts$"), self._concepts),
            ("POST", re.compile(r"^/v1/users/(?P<user>[^/]+)/messages$"), self._message),
            ("GET", re.compile(r"^/v1/users/(?P<user>[^/]+)/progress$"), self._progress),
        ]

    # --- one request ---------------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes = b"",
               oversize: bool = False) -> Response:
        """The response to a request; `headers` with lower-case names; `oversize` when the server did not read a body
        larger than max_body. Never raises."""
        started = time.perf_counter()
        path = urlsplit(target).path
        try:
            if oversize or len(body) > self.max_body:
                raise ApiError(413, "too_large", f"the request body is larger than {self.max_body} bytes")
            response = self._dispatch(method.upper(), path, headers, body)
        except ApiError as err:
            response = error_response(err.status, err.code, err.message)
        except StoreError as err:
            self._report("store unavailable", err)
            response = error_response(503, "store_unavailable", "the learner store cannot be used right now")
        except Exception as err:  # noqa: BLE001 - whatever it was, the client gets JSON and the log the traceback
            self._report("internal error", err)
            response = error_response(500, "internal", "the tutor failed on this request; it was logged")
        self.log({"at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "method": method, "path": path,
                  "status": response.status, "ms": round((time.perf_counter() - started) * 1000, 2),
                  "bytes_in": len(body), "bytes_out": len(response.body)})
        return response

    def _dispatch(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> Response:
        allowed = []
        for verb, pattern, endpoint in self._routes:
            found = pattern.match(path)
            if found and verb == method:
                if endpoint != self._health:
                    self._authorise(headers)
                return endpoint(body=body, headers=headers, **found.groupdict())
            if found:
                allowed.append(verb)
        if allowed:
            raise ApiError(405, "method_not_allowed", f"{path} takes {', '.join(allowed)}, not {method}")
        raise ApiError(404, "not_found", f"no endpoint {path}; see /openapi.json")

    def _authorise(self, headers: Mapping[str, str]) -> None:
        if self.token is None:
            return
        scheme, _, given = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.token.encode()):
            raise ApiError(401, "unauthorized", "this service needs 'Authorization: Bearer <token>'")

    def _report(self, what: str, err: BaseException) -> None:
        self.log({"at": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "event": what,
                  "error": f"{type(err).__name__}: {err}",
                  "traceback": "".join(traceback.format_exception(type(err), err, err.__traceback__))})

    # --- endpoints -----------------------------------------------------------------------------------
    def _health(self, **_: Any) -> Response:
        return _json(200, {"status": "ok"})

    def _openapi(self, **_: Any) -> Response:
        return _json(200, openapi(self.max_body))

    def _concepts(self, **_: Any) -> Response:
        return _json(200, {"concepts": [{"id": c, "title": t, "section": s} for c, t, s in self.tutor.concepts()]})

    def _message(self, user: str, body: bytes, **_: Any) -> Response:
        user = _user_id(user)
        text = _message_text(body)
        with self._locks[zlib.crc32(user.encode()) % _LOCK_STRIPES]:
            session = self.store.load(user) or self.tutor.new_session()
            reply = self.tutor.respond(session, text)
            self.store.save(user, session)  # over the revision loaded; merged if another worker saved since
        return _json(200, reply.to_dict())

    def _progress(self, user: str, **_: Any) -> Response:
        user = _user_id(user)
        session = self.store.load(user)
        if session is None:
            raise ApiError(404, "unknown_user", f"no learner {user!r} yet: send a message first")
        return _json(200, self.tutor.progress(session))


def _user_id(raw: str) -> str:
    user = unquote(raw)
    if not USER_ID.match(user):
        raise ApiError(400, "bad_user_id", "a user id is 1-128 characters: letters, digits and _ . : @ - "
                                           "(not starting with a symbol)")
    return user


def _message_text(body: bytes) -> str:
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "bad_json", 'the body must be JSON like {"text": "your question"}') from None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        raise ApiError(400, "bad_message", 'the body must be an object with a string "text"')
    unknown = sorted(set(payload) - {"text"})
    if unknown:
        raise ApiError(400, "bad_message", f"unknown field(s): {', '.join(unknown)}")
    return payload["text"]


def _log_to_stderr(record: dict) -> None:
    sys.stderr.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stderr.flush()


# --- the standard library's HTTP server ---------------------------------------------------------------
def make_server(service: Service, host: str = "127.0.0.1", port: int = 8080):
    """A ThreadingHTTPServer answering with `service` (port 0: any free port, see server.server_address)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "bone-tutor"

        def _serve(self) -> None:
            response = self._read_and_handle()
            try:
                self.send_response(response.status)
                self.send_header("Content-Type", f"{response.content_type}; charset=utf-8")
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away; nothing to tell it

        def _read_and_handle(self) -> Response:
            headers = {name.lower(): value for name, value in self.headers.items()}
            if "chunked" in headers.get("transfer-encoding", "").lower():
                self.close_connection = True
                return error_response(411, "length_required", "send the body with a Content-Length")
            try:
                length = int(headers.get("content-length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self.close_connection = True
                return error_response(400, "bad_length", "the Content-Length is not a number of bytes")
            if length > service.max_body:
                self.close_connection = True
                if length <= _DRAIN_LIMIT:
                    self.rfile.read(length)
                return service.handle(self.command, self.path, headers, oversize=True)
            return service.handle(self.command, self.path, headers, self.rfile.read(length) if length else b"")

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """What the base class sends as an HTML page (an unsupported method, a malformed request line), as JSON."""
            body = error_response(code, "http_error", message or self.responses.get(code, ("error",))[0]).body
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
            pass  # Service.handle writes one structured line per request

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # connections waiting to be accepted, for bursts of many clients

    return Server((host, port), Handler)


def serve(service: Service, host: str, port: int, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C, SIGTERM)."""
    import signal

    server = make_server(service, host, port)
    bound_host, bound_port = server.server_address[:2]
    stop = lambda *_: threading.Thread(target=server.shutdown, daemon=True).start()  # noqa: E731
    previous = signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
    (ready or _log_to_stderr)({"event": "listening", "url": f"http://{bound_host}:{bound_port}"})
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


# --- ASGI, for uvicorn and friends --------------------------------------------------------------------
def asgi_app(service: Service):
    """An ASGI application answering with `service` (turns run in a thread: the store calls block)."""
    import asyncio

    async def app(scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        body, more = b"", True
        while more and len(body) <= service.max_body:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        target = scope["path"] + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
        oversize = len(body) > service.max_body
        response = await asyncio.to_thread(service.handle, scope["method"], target, headers, b"" if oversize else body,
                                           oversize)
        await send({"type": "http.response.start", "status": response.status,
                    "headers": [(b"content-type", f"{response.content_type}; charset=utf-8".encode()),
                                (b"content-length", str(len(response.body)).encode())]})
        await send({"type": "http.response.body", "body": response.body})

    return app


def service_from_environment() -> Service:
    """The service `tutor serve` would run, from the environment: TUTOR_STORE (else server.sqlite3 in the data
    folder), TUTOR_TOKEN, TUTOR_MAX_BODY; the bundled pack."""
    from .engine import Tutor
    from .store import SQLiteStore, default_data_dir, open_store, profile_path

    url = os.environ.get("TUTOR_STORE")
    store = open_store(url) if url else SQLiteStore(profile_path(default_data_dir(), "server"))
    return Service(Tutor.load(), store, token=os.environ.get("TUTOR_TOKEN"),
                   max_body=int(os.environ.get("TUTOR_MAX_BODY") or MAX_BODY))


def create_app():
    """An ASGI application configured from the environment, for `uvicorn --factory tutor.service:create_app`."""
    return asgi_app(service_from_environment())


def openapi(max_body: int = MAX_BODY) -> dict:
    """The OpenAPI 3.1 description of the service."""
    error = {"$ref": "#/components/schemas/Error"}
    errors = {str(code): {"description": why, "content": {"application/json": {"schema": error}}}
              for code, why in ((400, "bad request (user id, JSON, fields)"), (401, "missing or wrong bearer token"),
                                (413, f"body over {max_body} bytes"), (500, "internal error (logged)"),
                                (503, "the store cannot be used"))}
    user = {"name": "user", "in": "path", "required": True, "schema": {"type": "string", "pattern": USER_ID.pattern}}
    ok = lambda ref: {"description": "OK", "content": {"application/json": {"schema": {"$ref": ref}}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {"title": "bone-tutor", "version": "1",
                 "description": "A rule-based tutor of one document, over HTTP. Educational only; not medical advice."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}},
                "Message": {"type": "object", "required": ["text"], "additionalProperties": False,
                            "properties": {"text": {"type": "string"}}},
                "Reply": {"type": "object", "description": "Reply.to_dict(): text, kind, concept, level, confidence, "
                          "runner_up, section, suggestions, data, about, ...", "additionalProperties": True,
                          "properties": {"text": {"type": "string"}, "kind": {"type": "string"},
                                         "concept": {"type": ["string", "null"]}, "level": {"type": "string"},
                                         "data": {"type": "object"}}},
                "Progress": {"type": "object", "additionalProperties": True},
                "Concepts": {"type": "object", "properties": {"concepts": {"type": "array", "items": {
                    "type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                                     "section": {"type": "string"}}}}}},
            },
        },
        "security": [{"bearer": []}],
        "paths": {
            "/v1/users/{user}/messages": {"post": {
                "summary": "Say something to the tutor as this user; the reply", "parameters": [user],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Message"}}}},
                "responses": {"200": ok("#/components/schemas/Reply"), **errors}}},
            "/v1/users/{user}/progress": {"get": {
                "summary": "Mastery, accuracy and reviews due", "parameters": [user],
                "responses": {"200": ok("#/components/schemas/Progress"),
                              "404": {"description": "no such learner yet"}, **errors}}},
            "/v1/concepts": {"get": {"summary": "The topics", "responses": {"200": ok("#/components/schemas/Concepts")}}},
            "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": {"200": {"description": "OK"}}}},
            "/openapi.json": {"get": {"summary": "This description", "responses": {"200": {"description": "OK"}}}},
        },
    }

