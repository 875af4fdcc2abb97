"""``flowlint serve`` under load and bad input: slow clients, malformed HTTP, 200 concurrent requests, bounded
memory. No timing assertions: a slow client must not *block* others (they are answered while it stalls),
and the server must still answer afterwards."""

from __future__ import annotations

import gc
import json
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from flowlint import server as server_module
from flowlint.server import FlowStore, StoredFlow

from .helpers import body, running_server
from .test_server import FLOWS, LIMIT, assert_error, call, unique


@pytest.fixture
def server():
    with running_server(LIMIT) as srv:
        yield srv


def _raw(server, data: bytes) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(data)
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server may have answered and closed already
            pass
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def _still_serving(server) -> None:
    status, answer, _ = call(server, "POST", FLOWS, unique(body()))
    assert status == 200 and answer["success"] is True


def test_a_client_that_stalls_after_its_headers_does_not_block_the_others(server):
    host, port = server.server_address[:2]
    stalled = []
    for _ in range(5):  # more stalled clients than requests checked at once
        sock = socket.create_connection((host, port), timeout=30)
        sock.sendall(
            f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
            "Content-Length: 1000\r\n\r\n{\"name\"".encode()
        )
        stalled.append(sock)
    half = socket.create_connection((host, port), timeout=30)
    half.sendall(b"GET /api/v1/accounts/1/chan")  # stalls in the middle of the request line
    try:
        with ThreadPoolExecutor(max_workers=10) as pool:
            answers = list(pool.map(lambda _: call(server, "POST", FLOWS, unique(body()))[0], range(10)))
        assert answers == [200] * 10
    finally:
        for sock in stalled + [half]:
            sock.close()
    _still_serving(server)


def test_a_body_cut_short_is_400(server):
    reply = _raw(
        server,
        f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
        "Content-Length: 500\r\n\r\n{\"name\": \"x\"".encode(),
    )
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert_error(json.loads(payload), 1000)


def test_a_trickling_client_meets_the_body_deadline(server, monkeypatch):
    monkeypatch.setattr(server_module, "BODY_DEADLINE", 0.0)  # every read is past the deadline at once
    reply = _raw(
        server,
        f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
        "Content-Length: 50\r\n\r\n{".encode(),
    )
    assert reply.startswith(b"HTTP/1.1 408")
    monkeypatch.undo()
    _still_serving(server)


MALFORMED = [
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(32)),  # a TLS ClientHello
    b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",  # the HTTP/2 preface
    b"GET / HTTP/1.1\r\n" + b"X-Long: " + b"a" * 70_000 + b"\r\n\r\n",  # a header line past 64 KiB
    b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n",  # too many headers
    b"GET / HTTP/1.1\r\nno colon here\r\n\r\n",
    f"POST {FLOWS} HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
    "Content-Length: -5\r\n\r\n".encode(),
    f"POST {FLOWS} HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
    "Content-Length: 12abc\r\n\r\n{}".encode(),
    f"POST {FLOWS} HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
    "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n".encode(),
    b"GET /\xff\xfe\x00 HTTP/1.1\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"\r\n\r\n\r\n",
    b"",
]


@pytest.mark.parametrize("request_bytes", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_http_gets_an_error_or_a_closed_connection_never_a_dead_server(server, request_bytes):
    reply = _raw(server, request_bytes)
    if reply:
        status_line = reply.split(b"\r\n", 1)[0]
        assert status_line.startswith(b"HTTP/1.") and int(status_line.split()[1]) >= 400, status_line
        payload = reply.partition(b"\r\n\r\n")[2]
        assert b"Traceback" not in payload
        if payload:
            assert {"code", "message"} <= set(json.loads(payload))
    _still_serving(server)


def _rss_bytes() -> int | None:
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return None


def test_two_hundred_concurrent_requests_and_memory_stays_bounded(server):
    before = _rss_bytes()
    if before is None:
        pytest.skip("needs /proc/self/status to read the resident memory")
    flow_errors = json.dumps({"version": "7.3", "screens": [{"id": "A"}] * 50})

    def one(i: int) -> int:
        kind = i % 4
        if kind == 0:
            return call(server, "POST", FLOWS, unique(body()))[0]
        if kind == 1:
            return call(server, "POST", FLOWS, unique(body(flowJson=flow_errors)))[0]
        if kind == 2:
            return call(server, "POST", FLOWS, b"{not json")[0]
        reply = _raw(server, b"GARBAGE\r\n\r\n")
        return int(reply.split()[1])

    for _ in range(3):  # 600 requests, 200 at a time
        with ThreadPoolExecutor(max_workers=200) as pool:
            statuses = list(pool.map(one, range(200)))
        assert sorted(set(statuses)) == [200, 400]
    gc.collect()
    after = _rss_bytes()
    assert after is not None and after - before < 100 * 1_048_576, (before, after)
    _still_serving(server)


def test_connections_past_the_limit_get_503_and_the_server_recovers(server, monkeypatch):
    monkeypatch.setattr(server, "_connections", threading.BoundedSemaphore(1))
    host, port = server.server_address[:2]
    holder = socket.create_connection((host, port), timeout=30)
    holder.sendall(b"GET /x HTTP/1.1\r\n")  # holds the only slot while it stalls
    try:
        reply = _raw(server, b"GET /x HTTP/1.1\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 503")
        assert_error(json.loads(reply.partition(b"\r\n\r\n")[2]), 2000)
    finally:
        holder.close()
    for _ in range(50):  # the slot comes back once the stalled client is gone
        if call(server, "GET", "/x", headers={})[0] == 404:
            break
    else:
        pytest.fail("the connection slot never came back")


def test_the_store_forgets_the_oldest_flows_past_its_bounds():
    store = FlowStore(max_flows=3, max_bytes=10_000)

    def flow(name: str, size: int = 10) -> StoredFlow:
        return StoredFlow("", "a", "c", name, ["OTHER"], "DRAFT", "x" * size)

    kept = [store.add(flow(f"f{i}")) for i in range(5)]
    assert len(store) == 3
    assert store.get("a", "c", kept[0].flow_id) is None and store.get("a", "c", kept[4].flow_id) is not None
    store.add(flow("big", 9_000))
    assert len(store) == 1  # the byte bound forgot the others
