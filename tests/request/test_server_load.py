"""``flowlint serve`` under load and bad input: slow clients, malformed HTTP, 200 concurrent requests, bounded
memory. No timing assertions: a slow client must not *block* others (they are answered while it stalls),
and the server must still answer afterwards."""

from __future__ import annotations

import gc
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from flowlint.server import (
    MAX_CONNECTIONS,
    FlowServer,
    FlowStore,
    StoredFlow,
    public_base_url,
    stored_size,
)

from .helpers import body, running_server
from .test_server import AUTH, FLOWS, LIMIT, assert_error, call, unique


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


def test_a_trickling_client_meets_the_body_deadline():
    with serving(body_timeout=0.0) as server:  # every read is past the deadline at once
        reply = _raw(
            server,
            f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
            "Content-Length: 50\r\n\r\n{".encode(),
        )
        assert reply.startswith(b"HTTP/1.1 408")


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


def test_connections_past_the_limit_get_503_and_the_server_recovers():
    with serving(max_connections=1) as server:
        host, port = server.server_address[:2]
        holder = socket.create_connection((host, port), timeout=30)
        holder.sendall(_head(1000) + b"{")  # holds the only slot while its body stalls
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


# -- issue 24, points 16-20: each test failed before its fix -------------------------------------------------


def serving(**limits: Any) -> Any:
    """A quiet server with small limits (``ServerLimits`` fields), so that each bound is met in a second."""
    return running_server(**{"max_body_bytes": LIMIT, **limits})


def _head(length: int, *, path: str = FLOWS, auth: bool = True) -> bytes:
    authorization = "Authorization: Bearer t\r\n" if auth else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\n{authorization}Content-Type: application/json\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def test_16_request_line_control_bytes_are_escaped_in_the_log(capfd):
    with running_server(quiet=False) as srv:  # not quiet: requests are logged to stderr
        _raw(srv, b"GET /\x1b[2J\x1b[1;31mPWNED\x07\x9b\\x HTTP/1.1\r\n\r\n")
    err = capfd.readouterr().err
    assert "PWNED" in err
    assert not any(ord(char) < 0x20 and char != "\n" or 0x7F <= ord(char) < 0xA0 for char in err)
    assert "/\\x1b[2J\\x1b[1;31mPWNED\\x07\\x9b\\\\x" in err  # the standard library's escapes


def test_16_flow_json_url_is_built_from_the_server_address_never_from_host(server):
    _, created, _ = call(server, "POST", FLOWS, unique(body()))
    host, port = server.server_address[:2]
    for forged in ("evil.example:666/phish?", "evil.example", ""):
        _, details, _ = call(server, "GET", f"{FLOWS}/{created['id']}", headers={**AUTH, "Host": forged})
        assert details["flowJsonUrl"].startswith(f"http://{host}:{port}/api/v1/accounts/"), forged
        assert "evil" not in details["flowJsonUrl"]


def test_16_a_public_url_is_the_base_of_flow_json_url():
    with running_server(public_url="https://flows.example/stand-in/") as srv:
        _, created, _ = call(srv, "POST", FLOWS, unique(body()))
        _, details, _ = call(srv, "GET", f"{FLOWS}/{created['id']}", headers={**AUTH, "Host": "evil.example"})
        assert details["flowJsonUrl"] == f"https://flows.example/stand-in{FLOWS}/{created['id']}/flow.json"
    for bad in ("ftp://x", "http://", "http://x/?q", "http://x/#f", "http://x\n/", "http://x:port"):
        with pytest.raises(ValueError):
            public_base_url(bad)


def test_17_a_header_slowloris_holds_no_connection_slot_and_meets_the_head_deadline():
    with serving(max_connections=2, head_timeout=1.0) as srv:
        host, port = srv.server_address[:2]
        trickling = [socket.create_connection((host, port), timeout=10) for _ in range(10)]
        try:
            for sock in trickling:
                sock.sendall(b"POST /api/v1/accounts/x HTTP/1.1\r\nX-A: ")
            started = time.monotonic()
            # More trickling clients than connection slots: well-formed requests are still answered.
            assert [call(srv, "POST", FLOWS, unique(body()))[0] for _ in range(3)] == [200] * 3
            replies = []
            for sock in trickling:  # one byte at a time restarts a read timeout, not the head deadline
                while time.monotonic() - started < 0.6:
                    sock.sendall(b"a")
                    time.sleep(0.1)
                replies.append(sock.makefile("rb").read())
            assert time.monotonic() - started < 5
        finally:
            for sock in trickling:
                sock.close()
        for reply in replies:
            assert reply.startswith(b"HTTP/1.1 408"), reply[:40]
            assert_error(json.loads(reply.partition(b"\r\n\r\n")[2]), 1000)


def _slow_body(screens: int = 20_000) -> bytes:
    """A request whose check takes over a second on two cores (empty screens: each one many findings)."""
    flow = '{"version":"7.3","screens":[' + ",".join(["{}"] * screens) + "]}"
    return json.dumps(unique({"name": "slow", "categories": ["OTHER"], "flowJson": flow})).encode()


def test_18_a_check_past_its_time_bound_is_answered_503_and_does_not_block_others():
    with serving(max_body_bytes=1_048_576, check_workers=2, check_timeout=0.4) as srv:
        assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # a worker started and warm
        with ThreadPoolExecutor(max_workers=1) as pool:
            started = time.monotonic()
            slow = pool.submit(call, srv, "POST", FLOWS, _slow_body())
            time.sleep(0.05)
            assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # the other worker answers meanwhile
            status, answer, _ = slow.result()
        assert status == 503 and time.monotonic() - started < 1.5
        assert_error(answer, 2000)
        assert "0.4 seconds" in answer["message"]
        assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # a new worker replaces the killed one


def test_18_a_small_body_does_not_wait_behind_large_checks():
    """Every worker busy with a large body: an ordinary flow still goes through the lane kept for small bodies."""
    slow = _slow_body()
    with serving(max_body_bytes=1_048_576, check_workers=1, check_timeout=3.0, busy_wait=0.3,
                 small_body_bytes=len(slow) - 1) as srv:
        assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # the worker started and warm
        with ThreadPoolExecutor(max_workers=1) as pool:
            large = pool.submit(call, srv, "POST", FLOWS, slow)
            time.sleep(0.1)
            started = time.monotonic()
            assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # not 503 after busy_wait
            assert time.monotonic() - started < 2.5
            large.result()


def test_18_worker_slots_go_to_the_smallest_body_first():
    from flowlint.server import _Slots

    slots = _Slots(1)
    assert slots.acquire(5_000, 1) == "main"
    order: list[int] = []

    def wait(size: int) -> None:
        kind = slots.acquire(size, 10)
        order.append(size)
        time.sleep(0.05)
        slots.release(kind)

    large = threading.Thread(target=wait, args=(18_000,))
    large.start()
    time.sleep(0.1)  # the large body has waited longer
    small = threading.Thread(target=wait, args=(600,))
    small.start()
    time.sleep(0.1)
    slots.release("main")
    large.join(5)
    small.join(5)
    assert order == [600, 18_000]
    assert _Slots(0).acquire(1, 0.05) is None  # past its timeout: None (the caller answers 503)
    spare = _Slots(0, spare=1, small=1000)
    assert spare.acquire(2000, 0.05) is None and spare.acquire(1000, 0.05) == "spare"


def test_19_a_body_is_read_only_once_it_fits_in_the_bytes_in_flight():
    with serving(max_inflight_bytes=100_000, busy_wait=0.5) as srv:
        host, port = srv.server_address[:2]
        holder = socket.create_connection((host, port), timeout=10)
        holder.sendall(_head(60_000) + b"{")  # holds 60 000 bytes of the budget while its body stalls
        try:
            time.sleep(0.2)
            with socket.create_connection((host, port), timeout=10) as sock:
                sock.sendall(_head(60_000))  # no body sent: 503 must come without waiting for it
                reply = sock.makefile("rb").read()
            assert reply.startswith(b"HTTP/1.1 503"), reply[:40]
            assert "in flight" in json.loads(reply.partition(b"\r\n\r\n")[2])["message"]
            assert call(srv, "POST", FLOWS, unique(body()))[0] == 200  # a small body still fits
            assert srv.bodies.used == 60_000
        finally:
            holder.close()


def test_19_the_store_counts_every_field_at_its_real_size():
    store = FlowStore(max_flows=100, max_bytes=1_000_000)

    def flow(**fields: Any) -> StoredFlow:
        return StoredFlow(**{"flow_id": "", "account_id": "a", "channel_id": "c", "name": "n",
                             "categories": ["OTHER"], "status": "DRAFT", "flow_json": None, **fields})

    first = store.add(flow(name="x" * 600_000))
    store.add(flow(name="y" * 600_000))
    assert len(store) == 1 and store.get("a", "c", first.flow_id) is None  # 512 bytes each, once
    assert stored_size(flow(name="\U0001f600" * 1000)) > 4000  # 4 bytes a character, as Python holds it
    categories = flow(categories=[str(i) for i in range(100_000)])
    assert stored_size(categories) > 100_000 * 40  # a million categories took 3.6 GB
    assert stored_size(flow(validation_errors=[{"message": "m" * 1000}] * 10)) > 20_000
    assert store.bytes <= 1_000_000


def test_19_a_worker_over_its_memory_bound_is_replaced():
    with serving(worker_rss_limit=1) as srv:  # every worker is over 1 byte after a check
        assert call(srv, "POST", FLOWS, unique(body()))[0] == 200
        assert srv.checker.workers == 0
    with serving() as srv:
        assert call(srv, "POST", FLOWS, unique(body()))[0] == 200
        assert srv.checker.workers == 1


def test_20_many_clients_at_once_all_get_an_http_answer_never_a_reset():
    with serving(max_connections=4) as srv:
        host, port = srv.server_address[:2]
        padding = b" " * 44_000  # 44 KB bodies, as in the report

        def one(i: int) -> bytes:
            with socket.create_connection((host, port), timeout=30) as sock:
                sock.sendall(_head(len(padding) + 2, auth=i % 2 == 0) + b"{}" + padding)
                return sock.makefile("rb").read()  # a reset raises ConnectionResetError here

        with ThreadPoolExecutor(max_workers=300) as pool:
            replies = list(pool.map(one, range(300)))
    statuses = [int(reply.split(b" ", 2)[1]) for reply in replies]
    assert set(statuses) <= {400, 401, 503} and statuses.count(503) > 0, sorted(set(statuses))
    for reply in replies:
        assert json.loads(reply.partition(b"\r\n\r\n")[2])["code"] in (1000, 1200, 2000)


def test_20_the_listen_queue_is_deeper_than_the_connection_cap():
    assert FlowServer.request_queue_size >= 1024 > MAX_CONNECTIONS
