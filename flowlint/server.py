"""An offline stand-in for the 8x8 Create Flow endpoint, so integration code can be tested without the network.

``flowlint serve`` answers, with the status codes and bodies of the real API (``spec/api-errors.md`` §1):

* ``POST /api/v1/accounts/{accountId}/channels/{channelId}/flows``: the request is checked by
  :func:`flowlint.request.check_create_request`; a refused request gets HTTP 400 and an 8x8 error body
  (``{"code", "message", "errorId", "timestamp"}``), an accepted one HTTP 200
  ``{"id", "success": true, "validationErrors"?}`` and is kept in memory;
* ``GET .../flows/{flowId}``: HTTP 200 ``{"flowId", "flowJsonUrl", "name", "status", "categories",
  "validationErrors"?}``; ``flowJsonUrl`` points at ``GET .../flows/{flowId}/flow.json`` on this server.

Requests need ``Authorization: Bearer <token>`` (HTTP 401, code 1200; any token is accepted) and, with a body,
``Content-Type: application/json`` (HTTP 400, code 1000). Bodies larger than ``max_body_bytes`` get HTTP 413
without being read. Unknown paths get 404 (code 1300), other methods on a flow path 405 (code 2001,
"Function not implemented"), and any failure inside the server 500 (code 2000) with no stack trace.
Codes from 8x8's api-error-codes page; 413/405 are this server's choices where 8x8 documents none.

Hostile clients (docs/hardening.md): a thread per connection, at most :data:`MAX_CONNECTIONS` (more get 503
at once); a client has :attr:`_Handler.timeout` seconds per read and :data:`BODY_DEADLINE` for its whole body
(408), so a stalled or trickling client holds one thread for a bounded time and never blocks the others; at
most :data:`MAX_CONCURRENT_CHECKS` requests are checked at once; the store forgets its oldest flows past
:data:`MAX_STORED_FLOWS` or :data:`MAX_STORED_BYTES`.
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from flowlint.request import api_answer, check_create_request, check_path_parameters, error_body

__all__ = ["FlowStore", "FlowServer", "make_server", "serve", "run_until_interrupted", "MAX_BODY_BYTES"]

#: Default bound on a request body: Meta's 10 MB Flow JSON limit, doubled for JSON string escaping.
MAX_BODY_BYTES = 2 * 10 * 1_048_576 + 65_536

_FLOWS = re.compile(r"^/api/v1/accounts/([^/]+)/channels/([^/]*)/flows/?$")
_FLOW = re.compile(r"^/api/v1/accounts/([^/]+)/channels/([^/]*)/flows/([^/]+)/?$")
_FLOW_JSON = re.compile(r"^/api/v1/accounts/([^/]+)/channels/([^/]*)/flows/([^/]+)/flow\.json$")
_FLOW_ACTIONS = re.compile(r"^/api/v1/accounts/[^/]+/channels/[^/]*/flows/[^/]+/(preview|publish|deprecate)/?$")

UNAUTHORIZED = 1200
NOT_FOUND = 1300
INTERNAL = 2000
NOT_IMPLEMENTED = 2001
INVALID_PARAMETER = 1000


@dataclass
class StoredFlow:
    flow_id: str
    account_id: str
    channel_id: str
    name: str
    categories: list[str]
    status: str
    flow_json: str | None
    validation_errors: list[dict[str, Any]] = field(default_factory=list)


#: Bounds on what the in-memory store keeps: past either, the oldest flows are forgotten (a later GET of
#: one is 404), so a long-running server's memory stays bounded whatever clients post.
MAX_STORED_FLOWS = 10_000
MAX_STORED_BYTES = 256 * 1_048_576


class FlowStore:
    """The created flows, in memory; safe to use from the server's threads. Bounded: see MAX_STORED_*."""

    def __init__(self, *, max_flows: int = MAX_STORED_FLOWS, max_bytes: int = MAX_STORED_BYTES) -> None:
        self._lock = threading.Lock()
        self._flows: dict[tuple[str, str, str], StoredFlow] = {}
        self._bytes = 0
        self.max_flows = max_flows
        self.max_bytes = max_bytes
        # Meta's flow ids are 15-16 digit numbers; start somewhere random so ids differ between runs.
        self._ids = itertools.count(10**15 + secrets.randbelow(10**14))

    def add(self, flow: StoredFlow) -> StoredFlow | None:
        """Store ``flow`` under a new id; ``None`` if its name is taken in that channel (checked atomically)."""
        with self._lock:
            for (a, c, _), other in self._flows.items():
                if a == flow.account_id and c == flow.channel_id and other.name == flow.name:
                    return None
            flow.flow_id = str(next(self._ids))
            self._flows[(flow.account_id, flow.channel_id, flow.flow_id)] = flow
            self._bytes += _size(flow)
            while self._flows and (len(self._flows) > self.max_flows or self._bytes > self.max_bytes):
                oldest = next(iter(self._flows))
                self._bytes -= _size(self._flows.pop(oldest))
            return flow

    def get(self, account_id: str, channel_id: str, flow_id: str) -> StoredFlow | None:
        with self._lock:
            return self._flows.get((account_id, channel_id, flow_id))

    def __len__(self) -> int:
        with self._lock:
            return len(self._flows)


def _size(flow: StoredFlow) -> int:
    """Roughly what a stored flow costs: its Flow JSON and its errors dominate."""
    return len(flow.flow_json or "") + 200 * len(flow.validation_errors) + 512


#: Connections served at once (a thread each); more are answered 503 and closed.
MAX_CONNECTIONS = 256
#: Requests checked at once; seconds a request waits for its turn before 503.
MAX_CONCURRENT_CHECKS = 4
BUSY_WAIT = 60.0
#: Seconds a client has to send its whole body (a client that trickles a byte at a time cannot hold a
#: thread forever: the socket timeout alone restarts at every byte).
BODY_DEADLINE = 60.0


def _busy_response() -> bytes:
    data = json.dumps(error_body(INTERNAL, "Server busy: too many connections, retry later.")).encode("utf-8")
    head = (
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(data)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + data


class FlowServer(ThreadingHTTPServer):
    """A threading HTTP server holding the store and the options."""

    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog (5) resets connections when many clients connect at once.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], *, quiet: bool = False, max_body_bytes: int = MAX_BODY_BYTES):
        super().__init__(address, _Handler)
        self.store = FlowStore()
        self.quiet = quiet
        self.max_body_bytes = max_body_bytes
        # Checking is CPU-bound (one interpreter) and a 10 MB flow costs hundreds of MB while checked: a few
        # at a time; the others wait their turn (up to BUSY_WAIT seconds, then 503).
        self.checks = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)
        self._connections = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread per connection, up to MAX_CONNECTIONS; past that, 503 at once (memory stays bounded)."""
        if not self._connections.acquire(blocking=False):
            try:
                request.sendall(_busy_response())
            except OSError:  # pragma: no cover - the client is gone
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class _Handler(BaseHTTPRequestHandler):
    server: FlowServer
    server_version = "flowlint-serve"
    # HTTP/1.1 so that clients sending "Expect: 100-continue" (curl, for bodies over 1 KB) get their answer
    # at once; every response still closes its connection.
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request: a stalled client cannot hold a thread forever

    # -- plumbing ---------------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's HTML errors (bad request line, headers too long...) as 8x8 JSON bodies."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # the request line did not parse: answer with a status line anyway
            self.request_version = "HTTP/1.0"
        api_code = {404: NOT_FOUND, 401: UNAUTHORIZED, 501: NOT_IMPLEMENTED}.get(code, INVALID_PARAMETER)
        if code >= 500:
            api_code = NOT_IMPLEMENTED if code == 501 else INTERNAL
        try:
            self._send(code, error_body(api_code, message or HTTPStatus(code).phrase))
        except OSError:  # pragma: no cover - the client is gone
            pass

    def handle_expect_100(self) -> bool:
        """Refuse an oversized body before the client sends it; otherwise say "100 Continue"."""
        if self._announced_length() > self.server.max_body_bytes:
            self._too_large(self._announced_length())
            return False
        return super().handle_expect_100()

    def _announced_length(self) -> int:
        try:
            return int(self.headers.get("Content-Length", "-1"))
        except ValueError:
            return -1

    def _too_large(self, length: int) -> None:
        # The body is not read: closing the connection discards it.
        self._error(
            413, INVALID_PARAMETER, f"Request body too large: {length} bytes (limit {self.server.max_body_bytes})."
        )

    def _send(self, status: int, body: dict[str, Any] | None, *, content_type: str = "application/json") -> None:
        data = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: int, code: int, message: str) -> None:
        self.close_connection = True
        self._send(status, error_body(code, message))

    def _guarded(self, method: str) -> None:
        try:
            path = urlsplit(self.path).path
            self._route(method, path)
        except (BrokenPipeError, ConnectionResetError):  # pragma: no cover - the client is gone
            self.close_connection = True
        except Exception:  # never a stack trace in a response (nor on a user's console unless asked)
            if not self.server.quiet:
                self.log_error("internal error while answering %s %s", method, self.path)
            try:
                self._error(500, INTERNAL, "Internal server error")
            except OSError:  # pragma: no cover
                pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._guarded("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._guarded("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._guarded("PUT")

    def do_DELETE(self) -> None:  # noqa: N802
        self._guarded("DELETE")

    def do_PATCH(self) -> None:  # noqa: N802
        self._guarded("PATCH")

    # -- routing ----------------------------------------------------------------------------------

    def _route(self, method: str, path: str) -> None:
        if not path.startswith("/api/v1/"):
            self._error(404, NOT_FOUND, "Object wasn't found or is already expired")
            return
        flows, flow, flow_json = _FLOWS.match(path), _FLOW.match(path), _FLOW_JSON.match(path)
        if flow_json and method == "GET":
            # Stands for the media URL (flowJsonUrl) Meta hands out: no API key needed.
            self._get_flow_json(*map(unquote, flow_json.groups()))
            return
        if not self._authorized():
            self._error(401, UNAUTHORIZED, "Request was not authenticated properly")
            return
        if flows and method == "POST":
            self._create(*map(unquote, flows.groups()))
        elif flow and method == "GET":
            self._get(*map(unquote, flow.groups()))
        elif flows or flow or flow_json or _FLOW_ACTIONS.match(path):
            self._error(
                405,
                NOT_IMPLEMENTED,
                f"Function not implemented: {method} {path} (flowlint serve implements "
                "creating a flow and reading it back)",
            )
        else:
            self._error(404, NOT_FOUND, "Object wasn't found or is already expired")

    def _authorized(self) -> bool:
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        return scheme.lower() == "bearer" and bool(token.strip())

    # -- endpoints --------------------------------------------------------------------------------

    def _read_json_body(self) -> bytes | None:
        """The body, or None after answering (wrong content type, no length, too large)."""
        content_type = self.headers.get("Content-Type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            shown = content_type or "none"
            self._error(400, INVALID_PARAMETER, f"Content-Type must be application/json (got {shown}).")
            return None
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._error(
                411, INVALID_PARAMETER, "Send the body with a Content-Length (chunked bodies are not supported)."
            )
            return None
        length = self._announced_length()
        if length < 0:
            self._error(411, INVALID_PARAMETER, "A Content-Length header is required.")
            return None
        if length > self.server.max_body_bytes:
            self._too_large(length)
            return None
        return self._read_exactly(length)

    def _read_exactly(self, length: int) -> bytes | None:
        """``length`` bytes within BODY_DEADLINE seconds, or None after answering 400/408."""
        deadline = time.monotonic() + BODY_DEADLINE
        chunks: list[bytes] = []
        remaining = length
        while remaining > 0:
            if time.monotonic() > deadline:
                self._error(408, INVALID_PARAMETER, f"The body did not arrive within {BODY_DEADLINE:g} seconds.")
                return None
            try:
                chunk = self.rfile.read1(min(remaining, 65_536))
            except TimeoutError:
                self._error(408, INVALID_PARAMETER, f"The body did not arrive within {self.timeout} seconds.")
                return None
            if not chunk:
                self._error(400, INVALID_PARAMETER, f"The body ended after {length - remaining} of {length} bytes.")
                return None
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _create(self, account_id: str, channel_id: str) -> None:
        body = self._read_json_body()
        if body is None:
            return
        if not self.server.checks.acquire(timeout=BUSY_WAIT):
            self._error(503, INTERNAL, "Server busy: too many requests being checked, retry later.")
            return
        try:
            report = check_create_request(body, account_id=account_id, channel_id=channel_id)
        finally:
            self.server.checks.release()
        status, answer = api_answer(report, flow_id="0")
        if status != 200:
            self._error(status, answer["code"], answer["message"])
            return
        value = report.value
        clone_id = value.get("cloneFlowId")
        flow_json = value.get("flowJson")
        if clone_id is not None:
            source = self.server.store.get(account_id, channel_id, clone_id)
            if source is None:
                self._error(400, INVALID_PARAMETER, "Flow with specified ID does not exist")
                return
            if flow_json is None:
                # The copy has its source's Flow JSON, hence its source's validation errors.
                flow_json = source.flow_json
                answer = {key: v for key, v in answer.items() if key != "validationErrors"}
                if source.validation_errors:
                    answer["validationErrors"] = source.validation_errors
        stored = self.server.store.add(
            StoredFlow(
                flow_id="",
                account_id=account_id,
                channel_id=channel_id,
                name=value["name"],
                categories=list(value["categories"]),
                status="PUBLISHED" if report.publish and "flowJson" in value else "DRAFT",
                flow_json=flow_json,
                validation_errors=list(answer.get("validationErrors", [])),
            )
        )
        if stored is None:
            self._error(
                400,
                INVALID_PARAMETER,
                "Flow name should be unique within one WhatsApp Business Account. "
                "Please select another name for your Flow.",
            )
            return
        answer["id"] = stored.flow_id
        self._send(200, answer)

    def _get(self, account_id: str, channel_id: str, flow_id: str) -> None:
        refusals = check_path_parameters(account_id, channel_id)
        if refusals:
            self._error(400, INVALID_PARAMETER, refusals[0].message)
            return
        flow = self.server.store.get(account_id, channel_id, flow_id)
        if flow is None:
            self._error(404, NOT_FOUND, "Flow not found")
            return
        body: dict[str, Any] = {
            "flowId": flow.flow_id,
            "flowJsonUrl": (
                f"{self._base_url()}/api/v1/accounts/{account_id}/channels/{channel_id}/flows/{flow.flow_id}/flow.json"
            )
            if flow.flow_json is not None
            else None,
            "name": flow.name,
            "status": flow.status,
            "categories": flow.categories,
        }
        if body["flowJsonUrl"] is None:
            del body["flowJsonUrl"]
        if flow.validation_errors:
            body["validationErrors"] = flow.validation_errors
        self._send(200, body)

    def _get_flow_json(self, account_id: str, channel_id: str, flow_id: str) -> None:
        flow = self.server.store.get(account_id, channel_id, flow_id)
        if flow is None or flow.flow_json is None:
            self._error(404, NOT_FOUND, "Object wasn't found or is already expired")
            return
        data = flow.flow_json.encode("utf-8", "surrogatepass")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def _base_url(self) -> str:
        host = self.headers.get("Host")
        return f"http://{host}" if host else self.server.url


def make_server(
    host: str = "127.0.0.1", port: int = 8080, *, quiet: bool = False, max_body_bytes: int = MAX_BODY_BYTES
) -> FlowServer:
    """A ready server (port 0: any free port; see ``server.server_address``). Call ``serve_forever()``."""
    return FlowServer((host, port), quiet=quiet, max_body_bytes=max_body_bytes)


def serve(
    host: str = "127.0.0.1", port: int = 8080, *, quiet: bool = False, max_body_bytes: int = MAX_BODY_BYTES
) -> None:
    """Serve until interrupted (Ctrl-C)."""
    run_until_interrupted(make_server(host, port, quiet=quiet, max_body_bytes=max_body_bytes))


def run_until_interrupted(server: FlowServer, announce: Callable[[], None] | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM (what ``docker stop``, systemd and CI runners send), then close the
    listening socket at once: no traceback, no wait for the next poll of ``serve_forever``. ``announce`` runs
    once both are handled (a client that waits for the announcement may then stop the server at any time)."""
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop)
    try:
        if announce is not None:
            announce()
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
