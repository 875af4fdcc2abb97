"""The offline Create Flow endpoint over real HTTP on 127.0.0.1 (ephemeral port, a thread per test module)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from flowlint import check_create_request
from flowlint.server import make_server

from .helpers import ACCOUNT, CHANNEL, body, running_server

LIMIT = 64 * 1024
FLOWS = f"/api/v1/accounts/{ACCOUNT}/channels/{CHANNEL}/flows"
AUTH = {"Authorization": "Bearer test-token"}
JSON = {**AUTH, "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def server():
    with running_server(LIMIT) as srv:
        yield srv


_names = iter(range(10**6))


def unique(value: dict[str, Any]) -> dict[str, Any]:
    """Flow names are unique per channel (as on Meta): give each posted body its own name."""
    return {**value, "name": f"{value.get('name', 'flow')} #{next(_names)}"}


def call(server, method: str, path: str, payload: Any = None, headers: dict[str, str] | None = None):
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        data = payload if isinstance(payload, (bytes, type(None))) else json.dumps(payload).encode("utf-8")
        conn.request(method, path, body=data, headers=headers if headers is not None else JSON)
        response = conn.getresponse()
        raw = response.read()
        return response.status, json.loads(raw) if raw else None, response
    finally:
        conn.close()


def assert_error(answer: dict[str, Any], code: int) -> None:
    assert set(answer) == {"code", "message", "errorId", "timestamp"}
    assert answer["code"] == code
    uuid.UUID(answer["errorId"])
    assert "Traceback" not in answer["message"]


def test_create_a_clean_flow_then_get_it(server):
    status, answer, response = call(server, "POST", FLOWS, unique(body()))
    assert status == 200
    assert response.getheader("Content-Type").startswith("application/json")
    assert set(answer) == {"id", "success"} and answer["success"] is True
    status, details, _ = call(server, "GET", f"{FLOWS}/{answer['id']}", headers=AUTH)
    assert status == 200
    assert details["flowId"] == answer["id"]
    assert details["status"] == "DRAFT" and details["categories"] == ["OTHER"]
    assert "validationErrors" not in details
    path = details["flowJsonUrl"].split(str(server.server_address[1]), 1)[1]
    status, flow, _ = call(server, "GET", path, headers={})
    assert status == 200 and flow == json.loads(body()["flowJson"])


def test_a_flow_with_errors_is_created_as_a_draft_with_validation_errors(server):
    value = unique(body(flowJson='{"version": 7.3, "screens": []}'))
    status, answer, _ = call(server, "POST", FLOWS, value)
    assert status == 200 and answer["success"] is True
    expected = check_create_request(value).to_api()
    assert answer["validationErrors"] == expected
    assert expected[0]["columnStart"] == 13
    _, details, _ = call(server, "GET", f"{FLOWS}/{answer['id']}", headers=AUTH)
    assert details["validationErrors"] == expected and details["status"] == "DRAFT"


def test_publish_true_on_a_clean_flow_publishes(server):
    status, answer, _ = call(server, "POST", FLOWS, unique(body(publish=True)))
    assert status == 200
    _, details, _ = call(server, "GET", f"{FLOWS}/{answer['id']}", headers=AUTH)
    assert details["status"] == "PUBLISHED"


def test_publish_true_with_flow_errors_is_refused(server):
    status, answer, _ = call(server, "POST", FLOWS, unique(body(publish=True, flowJson='{"screens": []}')))
    assert status == 400
    assert_error(answer, 1000)
    assert "139002" in answer["message"]


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ({"categories": ["OTHER"]}, "'name'"),
        (body(categories=["SHOPPING"]), "SHOPPING"),
        (body(flowJson={"version": "7.3", "screens": []}), "flowJson must be a string"),
        (body(publish="true"), "publish must be true or false"),
        (body(endPointUri="http://example.com"), "https"),
        (body(cloneFlowId=12), "cloneFlowId"),
    ],
)
def test_refused_bodies_get_400_and_an_8x8_error_body(server, value, words):
    status, answer, _ = call(server, "POST", FLOWS, unique(value) if "name" in value else value)
    assert status == 400
    assert_error(answer, 1000)
    assert words in answer["message"]


def test_bad_json_gets_400(server):
    status, answer, _ = call(server, "POST", FLOWS, b'{"name": "x",')
    assert status == 400
    assert_error(answer, 1000)
    assert "not valid JSON" in answer["message"]


def test_invalid_account_id_in_the_path_gets_400(server):
    status, answer, _ = call(server, "POST", "/api/v1/accounts/not-an-account/channels/1/flows", unique(body()))
    assert status == 400
    assert "accountId" in answer["message"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_gets_400(server, content_type):
    headers = dict(AUTH)
    if content_type:
        headers["Content-Type"] = content_type
    status, answer, _ = call(server, "POST", FLOWS, unique(body()), headers=headers)
    assert status == 400
    assert_error(answer, 1000)
    assert "Content-Type" in answer["message"]


def test_content_type_with_charset_is_json(server):
    headers = {**AUTH, "Content-Type": "Application/JSON; charset=utf-8"}
    status, _, _ = call(server, "POST", FLOWS, unique(body()), headers=headers)
    assert status == 200


@pytest.mark.parametrize("authorization", [None, "", "Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "token abc"])
def test_missing_or_wrong_auth_gets_401(server, authorization):
    headers = {"Content-Type": "application/json"}
    if authorization is not None:
        headers["Authorization"] = authorization
    for method, path, payload in (("POST", FLOWS, unique(body())), ("GET", f"{FLOWS}/1", None)):
        status, answer, _ = call(server, method, path, payload, headers=headers)
        assert status == 401
        assert_error(answer, 1200)
        assert answer["message"] == "Request was not authenticated properly"


def test_oversized_body_gets_413_without_being_read(server):
    value = unique(body(flowJson=json.dumps({"version": "7.3", "screens": [], "pad": "x" * LIMIT})))
    status, answer, _ = call(server, "POST", FLOWS, value)
    assert status == 413
    assert_error(answer, 1000)
    assert str(LIMIT) in answer["message"]


def test_a_huge_announced_length_is_refused_before_the_body_arrives(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
            f"Content-Length: {10**12}\r\n\r\n".encode()
        )
        reply = sock.makefile("rb").read()
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(payload)["code"] == 1000


def test_expect_100_continue_gets_continue_or_413_before_the_body(server):
    host, port = server.server_address[:2]
    payload = json.dumps(unique(body())).encode()
    with socket.create_connection((host, port), timeout=10) as sock:
        head = (
            f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
            f"Expect: 100-continue\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        sock.sendall(head.encode())
        stream = sock.makefile("rb")
        assert stream.readline().startswith(b"HTTP/1.1 100")
        assert stream.readline() == b"\r\n"
        sock.sendall(payload)
        reply = stream.read()
    assert reply.startswith(b"HTTP/1.1 200")
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(head.replace(f"Content-Length: {len(payload)}", f"Content-Length: {LIMIT + 1}").encode())
        reply = sock.makefile("rb").read()
    assert reply.startswith(b"HTTP/1.1 413")
    assert json.loads(reply.partition(b"\r\n\r\n")[2])["code"] == 1000


def test_missing_content_length_gets_411(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            f"POST {FLOWS} HTTP/1.0\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n\r\n".encode()
        )
        reply = sock.makefile("rb").read()
    assert reply.startswith(b"HTTP/1.1 411")


def test_duplicate_flow_name_in_a_channel_gets_400(server):
    value = unique(body())
    assert call(server, "POST", FLOWS, value)[0] == 200
    status, answer, _ = call(server, "POST", FLOWS, value)
    assert status == 400
    assert "unique" in answer["message"]
    other_channel = f"/api/v1/accounts/{ACCOUNT}/channels/other/flows"
    assert call(server, "POST", other_channel, value)[0] == 200


def test_clone_copies_the_flow_and_its_validation_errors(server):
    _, source, _ = call(server, "POST", FLOWS, unique(body(flowJson='{"version": 7.3, "screens": []}')))
    status, clone, _ = call(server, "POST", FLOWS, unique(body(flowJson=None, cloneFlowId=source["id"])))
    assert status == 200
    assert clone["id"] != source["id"]
    assert clone["validationErrors"] == source["validationErrors"]
    status, answer, _ = call(server, "POST", FLOWS, unique(body(flowJson=None, cloneFlowId="999")))
    assert status == 400 and answer["message"] == "Flow with specified ID does not exist"


def test_unknown_flow_gets_404(server):
    _, created, _ = call(server, "POST", FLOWS, unique(body()))
    status, answer, _ = call(server, "GET", f"{FLOWS}/123456789", headers=AUTH)
    assert status == 404
    assert_error(answer, 1300)
    other = f"/api/v1/accounts/{ACCOUNT.replace('-', '')}/channels/{CHANNEL}/flows/{created['id']}"
    assert call(server, "GET", other, headers=AUTH)[0] == 404


def test_unknown_path_gets_404_and_other_methods_405(server):
    status, answer, _ = call(server, "GET", "/nothing/here", headers=AUTH)
    assert status == 404
    assert_error(answer, 1300)
    for method, path in (
        ("DELETE", f"{FLOWS}/1"),
        ("PUT", f"{FLOWS}/1"),
        ("POST", f"{FLOWS}/1/publish"),
        ("GET", FLOWS),
    ):
        status, answer, _ = call(server, method, path, b"{}")
        assert status == 405, (method, path)
        assert_error(answer, 2001)


def test_a_malformed_request_line_gets_a_json_error(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"NONSENSE\r\n\r\n")
        reply = sock.makefile("rb").read()
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert b" 400 " in head.split(b"\r\n")[0]
    assert json.loads(payload)["code"] == 1000


def test_an_internal_failure_gets_500_without_a_stack_trace(server, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(server.checker, "check", broken)  # checks run in worker processes
    status, answer, _ = call(server, "POST", FLOWS, unique(body()))
    assert status == 500
    assert_error(answer, 2000)
    assert answer["message"] == "Internal server error"
    assert "secret" not in json.dumps(answer)


def test_fifty_concurrent_requests_are_answered_correctly(server):
    cases = []
    for i in range(50):
        kind = i % 5
        if kind == 0:
            cases.append(("clean", unique(body()), 200))
        elif kind == 1:
            cases.append(("flow-errors", unique(body(flowJson='{"version": 7.3, "screens": []}')), 200))
        elif kind == 2:
            cases.append(("refused", unique(body(categories=["NOPE"])), 400))
        elif kind == 3:
            cases.append(("object", unique(body(flowJson={"screens": []})), 400))
        else:
            cases.append(("publish", unique(body(publish=True)), 200))

    def post(case):
        return call(server, "POST", FLOWS, case[1])[:2]

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(post, cases))

    ids = []
    for (kind, value, expected_status), (status, answer) in zip(cases, answers):
        assert status == expected_status, (kind, answer)
        if status == 200:
            ids.append(answer["id"])
            assert answer.get("validationErrors", []) == check_create_request(value).to_api()
            assert bool(answer.get("validationErrors")) == (kind == "flow-errors")
        else:
            assert_error(answer, 1000)
    assert len(ids) == 30 and len(set(ids)) == 30

    with ThreadPoolExecutor(max_workers=30) as pool:
        details = list(pool.map(lambda flow_id: call(server, "GET", f"{FLOWS}/{flow_id}", headers=AUTH)[:2], ids))
    assert all(status == 200 for status, _ in details)
    assert [d["flowId"] for _, d in details] == ids


def test_requests_are_logged_unless_quiet(capfd):
    for quiet in (False, True):
        srv = make_server("127.0.0.1", 0, quiet=quiet)
        thread = threading.Thread(target=srv.serve_forever, daemon=True)
        thread.start()
        try:
            call(srv, "GET", "/x", headers={})
        finally:
            srv.shutdown()
            srv.server_close()
            thread.join(timeout=10)
        err = capfd.readouterr().err
        assert ('"GET /x HTTP/1.1" 404' in err) is (not quiet)


def test_sigterm_stops_the_server_at_once_with_status_0(tmp_path) -> None:
    """docker stop, systemd and CI runners stop a server with SIGTERM: it closes at once, like Ctrl-C."""
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "flowlint", "serve", "--port", "0", "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        assert proc.stderr is not None
        proc.stderr.readline()  # the "serving" line: the server is up
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert time.monotonic() - started < 1.0
        assert b"Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()


def test_the_flow_json_url_needs_no_authorization_as_documented(server) -> None:
    """docs/request.md: the flow.json URL stands for Meta's media URL; every other request needs a token."""
    _, created, _ = call(server, "POST", f"/api/v1/accounts/{ACCOUNT}/channels/{CHANNEL}/flows", unique(body()))
    flow = f"/api/v1/accounts/{ACCOUNT}/channels/{CHANNEL}/flows/{created['id']}"
    assert call(server, "GET", f"{flow}/flow.json", headers={})[0] == 200
    assert call(server, "GET", flow, headers={})[0] == 401
