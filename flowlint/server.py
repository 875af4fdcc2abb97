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

Hostile clients (docs/hardening.md; every bound is a field of :class:`ServerLimits`): one thread (the head
gate, :class:`_HeadGate`) reads every connection's request head with a selector, within ``head_timeout``
seconds of its accept (408), so a connection holds no thread before its head is in (a slowloris of
hundreds of connections costs sockets, not threads); a thread per connection with a head, at most
``max_connections`` (more get 503 at once); ``body_timeout`` seconds for a whole body (408); bodies in flight
(read or being read, not yet checked) at most ``max_inflight_bytes`` together (others wait, then 503); checks
run in at most ``check_workers`` worker processes, each check bounded by ``check_timeout`` (503, the worker
is killed and replaced); the store forgets its oldest flows past ``max_stored_flows`` or
``max_stored_bytes`` (real sizes). A refused connection is answered, then drained before it is closed, so
that a client that sent a body reads the answer rather than a TCP reset.
"""

from __future__ import annotations

import collections
import heapq
import io
import itertools
import json
import os
import re
import secrets
import selectors
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from socketserver import ThreadingMixIn
from typing import Any, Callable, cast
from urllib.parse import unquote, urlsplit

from flowlint.request import api_answer, check_create_request, check_path_parameters, error_body

__all__ = [
    "FlowStore", "FlowServer", "ServerLimits", "make_server", "serve", "run_until_interrupted", "MAX_BODY_BYTES",
]

#: Default bound on a request body: Meta's 10 MB Flow JSON limit, doubled for JSON string escaping.
MAX_BODY_BYTES = 2 * 10 * 1_048_576 + 65_536

#: C0 and C1 controls, DEL and the backslash as ``\xNN`` and ``\\`` in the log (what the standard library's
#: ``BaseHTTPRequestHandler.log_message`` does since Python 3.11; flowlint overrides that method).
_LOG_ESCAPES = str.maketrans(
    {**{code: f"\\x{code:02x}" for code in itertools.chain(range(0x20), range(0x7F, 0xA0))}, ord("\\"): "\\\\"}
)

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
        self._sizes: dict[tuple[str, str, str], int] = {}
        self._bytes = 0
        self.max_flows = max_flows
        self.max_bytes = max_bytes
        # Meta's flow ids are 15-16 digit numbers; start somewhere random so ids differ between runs.
        self._ids = itertools.count(10**15 + secrets.randbelow(10**14))

    def add(self, flow: StoredFlow) -> StoredFlow | None:
        """Store ``flow`` under a new id; ``None`` if its name is taken in that channel (checked atomically)."""
        size = stored_size(flow)
        with self._lock:
            for (a, c, _), other in self._flows.items():
                if a == flow.account_id and c == flow.channel_id and other.name == flow.name:
                    return None
            flow.flow_id = str(next(self._ids))
            key = (flow.account_id, flow.channel_id, flow.flow_id)
            self._flows[key] = flow
            self._sizes[key] = size
            self._bytes += size
            while self._flows and (len(self._flows) > self.max_flows or self._bytes > self.max_bytes):
                oldest = next(iter(self._flows))
                del self._flows[oldest]
                self._bytes -= self._sizes.pop(oldest)
            return flow

    @property
    def bytes(self) -> int:
        """What the kept flows cost, as :func:`stored_size` counts it."""
        with self._lock:
            return self._bytes

    def get(self, account_id: str, channel_id: str, flow_id: str) -> StoredFlow | None:
        with self._lock:
            return self._flows.get((account_id, channel_id, flow_id))

    def __len__(self) -> int:
        with self._lock:
            return len(self._flows)


def stored_size(flow: StoredFlow) -> int:
    """What a stored flow costs in memory, every field counted (a 10 MB ``name`` or a million categories as
    much as a 10 MB Flow JSON): strings as Python holds them (``sys.getsizeof``, 1 to 4 bytes a character),
    the categories list and its items, the validation errors at twice their JSON length (the dicts holding
    them), and 512 bytes for the rest."""
    strings = (flow.flow_json or "", flow.name, flow.account_id, flow.channel_id, flow.status)
    size = 512 + sum(sys.getsizeof(text) for text in strings)
    size += sys.getsizeof(flow.categories) + sum(sys.getsizeof(item) for item in flow.categories)
    if flow.validation_errors:
        size += 2 * len(json.dumps(flow.validation_errors, ensure_ascii=False))
    return size


#: Connections served at once (a thread each, once their head is in); more are answered 503 and closed.
MAX_CONNECTIONS = 256
#: Checks run at once (a worker process each); seconds a request waits for its turn before 503.
MAX_CONCURRENT_CHECKS = 4
BUSY_WAIT = 60.0
#: Bodies up to this size (most flows are a few KB to tens of KB) may also use one more worker kept for them, so
#: they never wait behind large checks.
SMALL_BODY_BYTES = 256 * 1024
#: Seconds a client has, from its connection's accept, to send its request head (request line and headers):
#: a per-read timeout alone restarts at every byte, so one header byte every 10 s held a connection forever.
HEAD_DEADLINE = 10.0
#: Seconds a client has to send its whole body (a client that trickles a byte at a time cannot hold a
#: thread forever: the socket timeout alone restarts at every byte).
BODY_DEADLINE = 60.0
#: Seconds one check may run; past it the client gets 503 and the worker process running it is killed.
CHECK_TIMEOUT = 20.0
#: Bytes of request bodies in flight at once (being read, read, or being checked), all connections together.
MAX_INFLIGHT_BYTES = 128 * 1_048_576
#: Bodies up to this size may use the quarter of ``max_inflight_bytes`` that larger ones may not, so that
#: large bodies waiting their turn never hold up small ones.
SMALL_BODY = 1_048_576
#: A worker whose resident memory is over this after a check is replaced (memory a large check took is not
#: all given back to the system).
WORKER_RSS_LIMIT = 256 * 1_048_576
#: Connections whose head is still arriving, at most; past it the oldest of them is answered 503 and closed.
MAX_PENDING_HEADS = 4096
#: Seconds a refused connection is drained before it is closed: closing a socket with unread bytes makes the
#: kernel send a reset, which a client may read before the answer.
LINGER = 2.0
#: Bytes of head the gate reads before it hands the connection to a thread anyway (the thread reads the rest
#: under the same deadline; the standard library's own limits then apply).
_HEAD_BUFFER = 131_072


@dataclass(frozen=True)
class ServerLimits:
    """Every bound of ``flowlint serve`` (docs/hardening.md says what a client gets past each)."""

    max_body_bytes: int = MAX_BODY_BYTES
    max_connections: int = MAX_CONNECTIONS
    head_timeout: float = HEAD_DEADLINE
    body_timeout: float = BODY_DEADLINE
    check_workers: int = MAX_CONCURRENT_CHECKS
    check_timeout: float = CHECK_TIMEOUT
    busy_wait: float = BUSY_WAIT
    max_inflight_bytes: int = MAX_INFLIGHT_BYTES
    max_stored_flows: int = MAX_STORED_FLOWS
    max_stored_bytes: int = MAX_STORED_BYTES
    worker_rss_limit: int = WORKER_RSS_LIMIT
    small_body_bytes: int = SMALL_BODY_BYTES
    max_pending_heads: int = MAX_PENDING_HEADS
    linger: float = LINGER


def public_base_url(url: str) -> str:
    """``url`` checked as the base of ``flowJsonUrl`` (``http`` or ``https``, a host, no query, fragment or
    control character), without its trailing slash; ``ValueError`` otherwise."""
    parts = urlsplit(url)
    parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(ord(char) <= 0x20 or 0x7F <= ord(char) <= 0x9F for char in url)
    ):
        raise ValueError(f"not an http(s) URL without query or fragment: {url!r}")
    return url.rstrip("/")


def _raw_response(status: int, code: int, message: str) -> bytes:
    """A whole 8x8 error response, for the head gate (which answers without a handler)."""
    data = json.dumps(error_body(code, message)).encode("utf-8")
    retry = "Retry-After: 1\r\n" if status == 503 else ""
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(data)}\r\n{retry}Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + data


def _busy_response() -> bytes:
    return _raw_response(503, INTERNAL, "Server busy: too many connections, retry later.")


class _ByteBudget:
    """Bytes of request bodies in flight, bounded: a body is read only once its announced length fits (it
    waits up to ``busy_wait`` seconds, then 503), so memory for bodies no longer grows with the number of
    clients (100 bodies of 21 MB took 2.4 GB). Bodies over :data:`SMALL_BODY` use at most three quarters."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._used = 0
        self._cond = threading.Condition()

    def acquire(self, size: int, timeout: float) -> bool:
        limit = self.total if size <= SMALL_BODY else self.total - self.total // 4

        def fits() -> bool:  # one body over the limit still goes through, alone
            return self._used == 0 or self._used + size <= limit

        with self._cond:
            if not self._cond.wait_for(fits, timeout):
                return False
            self._used += size
            return True

    def release(self, size: int) -> None:
        with self._cond:
            self._used -= size
            self._cond.notify_all()

    @property
    def used(self) -> int:
        with self._cond:
            return self._used


class _DeadlineReader(io.RawIOBase):
    """A connection's socket as a raw stream that first serves the bytes the head gate read, and does not wait
    past ``deadline`` (``time.monotonic()``; ``None``: only the per-read timeout) -- a client cannot stretch a
    deadline by sending a byte at a time, as it can a socket timeout."""

    def __init__(self, sock: socket.socket, prefix: bytes, *, timeout: float | None) -> None:
        self._sock = sock
        self._prefix = memoryview(prefix)
        self._timeout = timeout
        self.deadline: float | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            target = memoryview(buffer).cast("B")
            count = min(len(target), len(self._prefix))
            target[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        if self.deadline is None:
            return self._sock.recv_into(buffer)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(remaining if self._timeout is None else min(self._timeout, remaining))
        try:
            return self._sock.recv_into(buffer)
        finally:  # writes keep the per-read timeout, not what is left of a deadline
            self._sock.settimeout(self._timeout)


# -- checks in worker processes ------------------------------------------------------------------------


class ServerBusy(Exception):
    """No check worker became free within ``busy_wait`` seconds."""


class CheckTimeout(Exception):
    """A check ran past ``check_timeout`` seconds (its worker was killed)."""


@dataclass
class _Outcome:
    """What the server needs of a check; picklable, as it comes back from a worker process."""

    status: int
    answer: dict[str, Any]
    name: str = ""
    categories: list[Any] = field(default_factory=list)
    clone_id: str | None = None
    flow_json: str | None = None
    has_flow_json: bool = False
    publish: bool = False


def _check(body: bytes, account_id: str, channel_id: str) -> _Outcome:
    report = check_create_request(body, account_id=account_id, channel_id=channel_id)
    status, answer = api_answer(report, flow_id="0")
    if status != 200:
        return _Outcome(status, answer)
    value = report.value
    return _Outcome(
        status,
        answer,
        name=value["name"],
        categories=list(value["categories"]),
        clone_id=value.get("cloneFlowId"),
        flow_json=value.get("flowJson"),
        has_flow_json="flowJson" in value,
        publish=bool(report.publish),
    )


def _resident_bytes() -> int:
    """This process's resident memory now (Linux); elsewhere its peak, which errs on the side of a restart."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


_WARM_UP = json.dumps(
    {
        "name": "warm-up",
        "categories": ["OTHER"],
        "flowJson": json.dumps(
            {
                "version": "7.3",
                "screens": [
                    {
                        "id": "A",
                        "title": "A",
                        "terminal": True,
                        "layout": {
                            "type": "SingleColumnLayout",
                            "children": [
                                {"type": "TextHeading", "text": "A"},
                                {"type": "Footer", "label": "A", "on-click-action": {"name": "complete", "payload": {}}},
                            ],
                        },
                    }
                ],
            }
        ),
    }
).encode()


def _worker_main(conn: Any) -> None:
    """A check worker: (accountId, channelId) then the body's bytes in, ``(outcome, resident bytes)`` out,
    until the server closes the pipe. A failure is sent back as its exception's name (the server answers 500
    and logs nothing of the input)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    try:  # a first check builds what checks share (schemas...): before the clock of a client's check starts
        _check(_WARM_UP, "0" * 32, "warm-up")
    except Exception:  # pragma: no cover - the real check will say
        pass
    conn.send("ready")
    while True:
        try:
            account_id, channel_id = conn.recv()
            body = conn.recv_bytes()
        except (EOFError, OSError):
            return
        result: _Outcome | str
        try:
            result = _check(body, account_id, channel_id)
        except Exception as exc:
            result = type(exc).__name__
        del body
        conn.send((result, _resident_bytes()))


def _large_blocks_to_the_system() -> None:
    """After a large block is freed, glibc serves blocks of that size from its heaps (its mmap threshold rises,
    up to 32 MB), and heap memory is rarely given back: 20 MB bodies, freed, kept the server at 850 MB resident
    where 500 MB were live. A fixed threshold of 1 MiB maps each large block alone and unmaps it when freed."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-3, 1_048_576)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def _worker_process() -> None:
    """The entry point of a worker process (``python -c``), on the socket the server passed it."""
    _large_blocks_to_the_system()
    _worker_main(Connection(int(os.environ["FLOWLINT_CHECK_WORKER_FD"])))


class _Worker:
    """A check worker: a new interpreter (``python -c``, about a quarter of a second with flowlint imported and
    warmed) rather than a ``multiprocessing`` child, which would import the server's ``__main__`` script again
    (an unguarded script embedding the server would run twice) or be forked from a process with threads."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = {
            **os.environ,
            "FLOWLINT_CHECK_WORKER_FD": str(theirs.fileno()),
            # the flowlint this server runs, whatever the worker's own sys.path would find
            "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
        }
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from flowlint.server import _worker_process; _worker_process()"],
                pass_fds=(theirs.fileno(),),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        if not self.conn.poll(60) or self.conn.recv() != "ready":
            self.stop()
            raise RuntimeError("a check worker did not start")

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.wait(5)


class _Slots:
    """Worker slots, handed out smallest body first: clients that loop large (or many) bodies wait for each other,
    not before a flow of ordinary size. ``spare`` more slots serve only bodies up to ``small`` bytes, so those
    never wait for a large check to end. A waiter past its timeout gets None."""

    def __init__(self, count: int, *, spare: int = 0, small: int = 0) -> None:
        self._ready = threading.Condition()
        self._free = count
        self._spare = spare
        self._small = small
        self._waiting: list[tuple[int, int]] = []  # a heap of (body size, arrival)
        self._arrivals = itertools.count()

    def acquire(self, size: int, timeout: float) -> str | None:
        """``"main"`` or ``"spare"`` (give it back to :meth:`release`), or None after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        me = (size, next(self._arrivals))
        with self._ready:
            heapq.heappush(self._waiting, me)
            try:
                while True:
                    if self._waiting[0] == me:
                        if self._free > 0:
                            self._free -= 1
                            return "main"
                        if size <= self._small and self._spare > 0:
                            self._spare -= 1
                            return "spare"
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        return None
                    self._ready.wait(remaining)
            finally:
                self._waiting.remove(me)
                heapq.heapify(self._waiting)
                self._ready.notify_all()  # the next in line may go on (or this one's timeout freed the head)

    def release(self, kind: str) -> None:
        with self._ready:
            if kind == "main":
                self._free += 1
            else:
                self._spare += 1
            self._ready.notify_all()


class _CheckPool:
    """Checks run in at most ``workers`` processes, started when first needed and kept. Python threads cannot
    be stopped, processes can: a check past ``timeout`` seconds gets :class:`CheckTimeout` and its worker is
    killed (the next check starts another). Checking in processes also keeps the server's own threads (the
    head gate, the other connections) off a busy interpreter."""

    def __init__(
        self, *, workers: int, timeout: float, busy_wait: float, rss_limit: int, small_body: int = 0
    ) -> None:
        self.timeout = timeout
        self.busy_wait = busy_wait
        self.rss_limit = rss_limit
        self.small_body = small_body
        # Smallest body first, and one more worker for small bodies: a flow of ordinary size does not queue
        # behind clients that loop large ones (with 6 000-screen bodies in a loop, a legitimate request waited
        # 5-7 s for a worker).
        self._slots = _Slots(workers, spare=1, small=small_body)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def check(self, body: bytes | bytearray, account_id: str, channel_id: str) -> _Outcome:
        slot = self._slots.acquire(len(body), self.busy_wait)
        if slot is None:
            raise ServerBusy
        try:
            worker = self._take()
            try:
                worker.conn.send((account_id, channel_id))
                worker.conn.send_bytes(body)
                if not worker.conn.poll(self.timeout):
                    worker.stop()
                    raise CheckTimeout
                result, resident = worker.conn.recv()
            except (EOFError, OSError) as exc:
                worker.stop()
                raise RuntimeError("a check worker died") from exc
            if resident > self.rss_limit:
                worker.stop()
            else:
                self._give_back(worker)
        finally:
            self._slots.release(slot)
        if isinstance(result, str):
            raise RuntimeError(f"the check failed in its worker: {result}")
        return result

    @property
    def workers(self) -> int:
        """Idle workers kept (for tests)."""
        with self._lock:
            return len(self._idle)

    def _take(self) -> _Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return _Worker()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


# -- reading heads without a thread ------------------------------------------------------------------------


@dataclass
class _Head:
    address: Any
    deadline: float
    data: bytearray = field(default_factory=bytearray)
    scanned: int = 0


def _head_is_complete(head: _Head) -> bool:
    """Whether ``head.data`` holds a blank line (the end of the headers, or an empty request line)."""
    data = head.data
    if data.startswith((b"\n", b"\r\n")):
        return True
    start = max(0, head.scanned - 2)
    head.scanned = len(data)
    return data.find(b"\n\n", start) >= 0 or data.find(b"\n\r\n", start) >= 0


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:  # pragma: no cover
        pass


class _HeadGate:
    """One thread, with a selector, reads the request head of every accepted connection, so that a connection
    gets a thread (one of ``max_connections``) only once its head is in: a client that trickles its headers
    costs a socket and a buffer, not a thread, and is answered 408 at ``head_timeout`` seconds after its
    accept. Accepting stays the serving thread's only work, so connections are taken off the listen queue as
    fast as they come. A refused connection is drained for ``linger`` seconds before it is closed."""

    def __init__(self, server: FlowServer) -> None:
        self._server = server
        self._limits = server.limits
        self._selector = selectors.DefaultSelector()
        self._wake_reader, self._wake_writer = socket.socketpair()
        self._wake_reader.setblocking(False)
        self._wake_writer.setblocking(False)
        self._selector.register(self._wake_reader, selectors.EVENT_READ)
        self._incoming: collections.deque[tuple[socket.socket, Any]] = collections.deque()
        self._heads: dict[socket.socket, _Head] = {}  # oldest first: the first one's deadline comes first
        self._closing: dict[socket.socket, float] = {}  # refused, drained until EOF or this time
        self._answered: collections.deque[socket.socket] = collections.deque()  # from close_later
        self._running = True
        self._thread = threading.Thread(target=self._run, name="flowlint-serve-heads", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Connections whose head is still arriving (for tests)."""
        return len(self._heads)

    def admit(self, sock: socket.socket, address: Any) -> None:
        """Take a connection just accepted (called by the serving thread)."""
        self._incoming.append((sock, address))
        self._wake()

    def close_later(self, sock: socket.socket) -> None:
        """Close an answered connection once its client has closed it or ``linger`` seconds have passed,
        dropping what it still sends (a body the answer did not need): called by a connection's thread."""
        if not self._running:
            _close(sock)
            return
        self._answered.append(sock)
        self._wake()

    def close(self) -> None:
        self._running = False
        self._wake()
        self._thread.join(5)

    def _wake(self) -> None:
        try:
            self._wake_writer.send(b"\0")
        except OSError:  # already awake (the buffer is full), or closed
            pass

    def _run(self) -> None:
        try:
            while self._running:
                self._step()
        finally:
            for sock in [*self._heads, *self._closing, *(sock for sock, _ in self._incoming), *self._answered]:
                _close(sock)
            self._selector.close()
            self._wake_reader.close()
            self._wake_writer.close()

    def _step(self) -> None:
        now = time.monotonic()
        timeout = 1.0
        if self._heads:
            timeout = min(timeout, next(iter(self._heads.values())).deadline - now)
        if self._closing:
            timeout = min(timeout, next(iter(self._closing.values())) - now)
        for key, _ in self._selector.select(max(0.0, timeout)):
            sock = key.fileobj
            if sock is self._wake_reader:
                try:
                    while self._wake_reader.recv(4096):
                        pass
                except OSError:
                    pass
            elif sock in self._heads:
                self._read_head(sock)
            elif sock in self._closing:
                self._drain(sock)
        while self._incoming:
            self._start(*self._incoming.popleft())
        while self._answered:
            self._linger(self._answered.popleft())
        self._expire(time.monotonic())

    def _start(self, sock: socket.socket, address: Any) -> None:
        if len(self._heads) >= self._limits.max_pending_heads:
            oldest = next(iter(self._heads))
            self._forget(oldest)
            self._refuse(oldest, 503, INTERNAL, "Server busy: too many connections, retry later.")
        try:
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ)
        except (OSError, ValueError):
            _close(sock)
            return
        self._heads[sock] = _Head(address, time.monotonic() + self._limits.head_timeout)
        self._read_head(sock)  # the head is often in already

    def _forget(self, sock: socket.socket) -> None:
        self._heads.pop(sock, None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError):
            pass

    def _read_head(self, sock: socket.socket) -> None:
        head = self._heads[sock]
        try:
            chunk = sock.recv(65_536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
            head.data.clear()
        if chunk:
            head.data += chunk
            if not _head_is_complete(head) and len(head.data) < _HEAD_BUFFER:
                return
        self._forget(sock)
        if not head.data:  # closed before saying anything
            _close(sock)
            return
        self._dispatch(sock, head)

    def _dispatch(self, sock: socket.socket, head: _Head) -> None:
        server = self._server
        if not server._connections.acquire(blocking=False):
            self._refuse(sock, 503, INTERNAL, "Server busy: too many connections, retry later.")
            return
        try:
            sock.setblocking(True)
            server._handoffs[sock] = (bytes(head.data), head.deadline)
            ThreadingMixIn.process_request(server, sock, head.address)
        except Exception:  # no thread to be had: the connection is dropped, the server carries on
            server._handoffs.pop(sock, None)
            server._connections.release()
            _close(sock)

    def _refuse(self, sock: socket.socket, status: int, code: int, message: str) -> None:
        try:
            sock.setblocking(False)
            sock.send(_raw_response(status, code, message))
        except OSError:
            pass
        self._linger(sock)

    def _linger(self, sock: socket.socket) -> None:
        try:
            sock.setblocking(False)
            sock.shutdown(socket.SHUT_WR)
            self._selector.register(sock, selectors.EVENT_READ)
        except (OSError, ValueError, KeyError):
            _close(sock)
            return
        if len(self._closing) >= self._limits.max_pending_heads:
            oldest = next(iter(self._closing))
            self._stop_draining(oldest)
        self._closing[sock] = time.monotonic() + self._limits.linger

    def _drain(self, sock: socket.socket) -> None:
        try:
            if sock.recv(65_536):
                return
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._stop_draining(sock)

    def _stop_draining(self, sock: socket.socket) -> None:
        self._closing.pop(sock, None)
        try:
            self._selector.unregister(sock)
        except (KeyError, ValueError):
            pass
        _close(sock)

    def _expire(self, now: float) -> None:
        while self._heads:
            sock, head = next(iter(self._heads.items()))
            if head.deadline > now:
                break
            self._forget(sock)
            self._refuse(
                sock, 408, INVALID_PARAMETER,
                f"The request head did not arrive within {self._limits.head_timeout:g} seconds.",
            )
        while self._closing:
            sock, until = next(iter(self._closing.items()))
            if until > now:
                break
            self._stop_draining(sock)


class FlowServer(ThreadingHTTPServer):
    """A threading HTTP server holding the store, the options, the head gate and the check workers."""

    daemon_threads = True
    allow_reuse_address = True
    # A listen queue deeper than the clients that connect at once: past it the kernel drops or resets
    # connections (1 000 clients at once met 128: 329 resets). The kernel caps it at net.core.somaxconn.
    request_queue_size = 4096

    def __init__(
        self,
        address: tuple[str, int],
        *,
        quiet: bool = False,
        limits: ServerLimits | None = None,
        public_url: str | None = None,
    ) -> None:
        self.limits = limits or ServerLimits()
        self.public_url = public_base_url(public_url) if public_url else None
        super().__init__(address, _Handler)
        self.store = FlowStore(max_flows=self.limits.max_stored_flows, max_bytes=self.limits.max_stored_bytes)
        self.quiet = quiet
        self.bodies = _ByteBudget(self.limits.max_inflight_bytes)
        self.checker = _CheckPool(
            workers=self.limits.check_workers,
            timeout=self.limits.check_timeout,
            busy_wait=self.limits.busy_wait,
            rss_limit=self.limits.worker_rss_limit,
            small_body=self.limits.small_body_bytes,
        )
        self._connections = threading.BoundedSemaphore(self.limits.max_connections)
        self._handoffs: dict[Any, tuple[bytes, float]] = {}  # the head gate's bytes and deadline, per socket
        self._gate = _HeadGate(self)

    @property
    def max_body_bytes(self) -> int:
        return self.limits.max_body_bytes

    def process_request(self, request: Any, client_address: Any) -> None:
        """To the head gate, which starts a thread (up to ``max_connections``; past that, 503) once the head
        is in."""
        self._gate.admit(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()

    def shutdown_request(self, request: Any) -> None:
        """Closed by the head gate once drained: a client whose body was not read (401, 404, 413...) reads
        its answer, not a TCP reset."""
        self._gate.close_later(request)

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "_gate"):  # not when binding failed (socketserver closes the server then)
            self._gate.close()
            self.checker.close()

    @property
    def url(self) -> str:
        # An AF_INET address (typeshed allows the bytes of a Unix socket path too).
        host, port = cast("tuple[str, int]", self.server_address[:2])
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
        # The request line and the path are the client's bytes: control characters are written escaped, as
        # the standard library's own log_message does, so a request cannot move the cursor or forge a line.
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {(format % args).translate(_LOG_ESCAPES)}\n")

    def setup(self) -> None:
        super().setup()
        prefix, deadline = self.server._handoffs.pop(
            self.request, (b"", time.monotonic() + self.server.limits.head_timeout)
        )
        self.rfile.close()  # the socket's own reader: replaced by one that keeps deadlines
        self._reader = _DeadlineReader(self.connection, prefix, timeout=self.timeout)
        self._reader.deadline = deadline  # what is left of the head deadline the gate started
        self.rfile = io.BufferedReader(self._reader, 65_536)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        self._reader.deadline = None  # the head is in: a body has its own deadline
        return parsed

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

    def _body_length(self) -> int | None:
        """The announced body length, or None after answering (wrong content type, no length, too large)."""
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
        return length

    def _read_exactly(self, length: int) -> bytearray | None:
        """``length`` bytes within ``body_timeout`` seconds, or None after answering 400/408."""
        limit = self.server.limits.body_timeout
        self._reader.deadline = time.monotonic() + limit
        body = bytearray(length)  # filled in place: the body's bytes are held once, not twice while joined
        view = memoryview(body)
        remaining = length
        try:
            while remaining > 0:
                try:
                    got = self.rfile.readinto1(view[length - remaining:])
                except TimeoutError:
                    self._error(
                        408,
                        INVALID_PARAMETER,
                        f"The body did not arrive within {limit:g} seconds ({self.timeout} at most between reads).",
                    )
                    return None
                if not got:
                    self._error(
                        400, INVALID_PARAMETER, f"The body ended after {length - remaining} of {length} bytes."
                    )
                    return None
                remaining -= got
        finally:
            view.release()
            self._reader.deadline = None
        return body

    def _checked_body(self, account_id: str, channel_id: str) -> _Outcome | None:
        """The body read (once it fits in the bytes allowed in flight) and checked in a worker; None after
        answering."""
        length = self._body_length()
        if length is None:
            return None
        limits = self.server.limits
        if not self.server.bodies.acquire(length, timeout=limits.busy_wait):
            self._error(503, INTERNAL, "Server busy: too many request bodies in flight, retry later.")
            return None
        try:
            body = self._read_exactly(length)
            if body is None:
                return None
            try:
                return self.server.checker.check(body, account_id, channel_id)
            except ServerBusy:
                self._error(503, INTERNAL, "Server busy: too many requests being checked, retry later.")
            except CheckTimeout:
                self._error(
                    503,
                    INTERNAL,
                    f"Checking this request took longer than {limits.check_timeout:g} seconds, the server's "
                    "limit: it was not checked.",
                )
            return None
        finally:
            self.server.bodies.release(length)

    def _create(self, account_id: str, channel_id: str) -> None:
        outcome = self._checked_body(account_id, channel_id)
        if outcome is None:
            return
        status, answer = outcome.status, outcome.answer
        if status != 200:
            self._error(status, answer["code"], answer["message"])
            return
        clone_id = outcome.clone_id
        flow_json = outcome.flow_json
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
                name=outcome.name,
                categories=outcome.categories,
                status="PUBLISHED" if outcome.publish and outcome.has_flow_json else "DRAFT",
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
        """The configured public URL, else the address this connection reached: never the ``Host`` header,
        which the client writes (``Host: evil.example:666/phish?`` made links to elsewhere)."""
        if self.server.public_url:
            return self.server.public_url
        host, port = self.connection.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def make_server(
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    quiet: bool = False,
    max_body_bytes: int | None = None,
    limits: ServerLimits | None = None,
    public_url: str | None = None,
) -> FlowServer:
    """A ready server (port 0: any free port; see ``server.server_address``). Call ``serve_forever()``, then
    ``server_close()`` (it stops the head gate and the check workers). ``max_body_bytes`` overrides that field
    of ``limits``; ``public_url`` is the base of ``flowJsonUrl`` (default: the address a client reached)."""
    limits = limits or ServerLimits()
    if max_body_bytes is not None:
        limits = replace(limits, max_body_bytes=max_body_bytes)
    return FlowServer((host, port), quiet=quiet, limits=limits, public_url=public_url)


def serve(
    host: str = "127.0.0.1",
    port: int = 8080,
    *,
    quiet: bool = False,
    max_body_bytes: int | None = None,
    limits: ServerLimits | None = None,
    public_url: str | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(
        host, port, quiet=quiet, max_body_bytes=max_body_bytes, limits=limits, public_url=public_url
    )
    run_until_interrupted(server)


def run_until_interrupted(server: FlowServer, announce: Callable[[], None] | None = None) -> None:
    """Serve until Ctrl-C or SIGTERM (what ``docker stop``, systemd and CI runners send), then close the
    listening socket at once: no traceback, no wait for the next poll of ``serve_forever``. ``announce`` runs
    once both are handled (a client that waits for the announcement may then stop the server at any time)."""
    import signal
    import threading

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    _large_blocks_to_the_system()  # a process-wide setting: for the serving process, not for every importer
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
