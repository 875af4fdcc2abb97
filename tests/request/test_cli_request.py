"""``flowlint request`` and ``flowlint serve``, invoked through click's CliRunner."""

from __future__ import annotations

import json
import threading
import time
import urllib.request

from click.testing import CliRunner

from flowlint.cli.request import request_command, serve_command

from .helpers import ACCOUNT, CHANNEL, body


def run(tmp_path, value, *args, text=None):
    path = tmp_path / "body.json"
    path.write_text(text if text is not None else json.dumps(value, indent=2), encoding="utf-8")
    return CliRunner().invoke(request_command, [str(path), *args]), str(path)


def test_text_format_shows_request_file_and_flow_positions(tmp_path):
    flow_text = '{"title": "caf\u00e9", "version": 7.3, "screens": []}'
    text = '{\n  "name": "x",\n  "categories": ["OTHER"],\n  "flowJson": ' + json.dumps(flow_text) + "\n}\n"
    result, path = run(tmp_path, None, text=text)
    assert result.exit_code == 1
    line = next(text_line for text_line in result.output.splitlines() if "FL102" in text_line)
    column = text.splitlines()[3].index("7.3") + 1
    assert line.startswith(f"{path}:4:{column}: FL102 error: ")
    assert line.endswith("[flowJson line 1, column 30, version]")
    assert "the API would create the flow, with 1 validation error" in result.output


def test_text_format_for_a_refused_request(tmp_path):
    result, path = run(tmp_path, body(categories=[]))
    assert result.exit_code == 1
    assert f"{path}:3:" in result.output and "FR008" in result.output
    assert "the API would refuse the request (HTTP 400)" in result.output


def test_clean_request_exits_0(tmp_path):
    result, _ = run(tmp_path, body(), "--account-id", ACCOUNT, "--channel-id", CHANNEL)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings" in result.output


def test_api_format_prints_the_8x8_error_body(tmp_path):
    result, _ = run(tmp_path, body(), "--account-id", "nope", "--format", "api")
    assert result.exit_code == 1
    answer = json.loads(result.output)
    assert answer["code"] == 1000 and "accountId" in answer["message"]
    assert set(answer) == {"code", "message", "errorId", "timestamp"}


def test_api_format_prints_the_200_body(tmp_path):
    result, _ = run(tmp_path, body(flowJson='{"screens": []}'), "--format", "api")
    answer = json.loads(result.output)
    assert answer["success"] is True
    assert answer["validationErrors"][0]["error"] == "MISSING_FLOW_JSON_VERSION"


def test_json_format_has_both_positions(tmp_path):
    flow_text = '{"version": 7.3, "screens": []}'
    result, _ = run(tmp_path, body(flowJson=flow_text, extra=True), "--format", "json")
    payload = json.loads(result.output)
    assert payload["http"]["status"] == 200
    by_rule = {d["rule"]: d for d in payload["diagnostics"]}
    assert by_rule["FR014"]["scope"] == "request"
    flow = by_rule["FL102"]
    assert flow["scope"] == "flowJson" and flow["columnStart"] == 13
    assert flow["file"]["lineStart"] == 6  # categories spans lines 3-5 of the indented body


def test_stdin_is_read_with_a_dash():
    result = CliRunner().invoke(request_command, ["-"], input=json.dumps(body()))
    assert result.exit_code == 0
    assert result.output.startswith("-: 0 errors")  # standard input is `-`, as in `flowlint -`


def test_unreadable_file_exits_2(tmp_path):
    result = CliRunner().invoke(request_command, [str(tmp_path / "missing.json")])
    assert result.exit_code == 2


def test_serve_command_answers_then_stops_on_interrupt(monkeypatch):
    from flowlint import server as server_module

    started = {}
    real_make = server_module.make_server

    def make(host, port, **options):
        srv = real_make(host, 0, **options)
        started["server"] = srv
        return srv

    monkeypatch.setattr(server_module, "make_server", make)
    thread = threading.Thread(target=lambda: CliRunner().invoke(serve_command, ["--port", "0", "--quiet"]), daemon=True)
    thread.start()
    for _ in range(100):
        if "server" in started:
            break
        time.sleep(0.02)
    srv = started["server"]
    request = urllib.request.Request(
        srv.url + f"/api/v1/accounts/{ACCOUNT}/channels/{CHANNEL}/flows",
        data=json.dumps(body()).encode(),
        headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    srv.shutdown()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_serve_command_reports_a_port_in_use():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = CliRunner().invoke(serve_command, ["--port", str(port)])
    assert result.exit_code == 2
    assert "cannot listen" in result.output


def test_sarif_format_places_flow_findings_in_the_request_file(tmp_path):
    flow_text = '{"version": 7.3, "screens": []}'
    text = '{\n  "name": "x",\n  "categories": ["OTHER"],\n  "flowJson": ' + json.dumps(flow_text) + "\n}\n"
    result, _ = run(tmp_path, None, "--format", "sarif", text=text)
    sarif = json.loads(result.output)
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]}
    assert regions["FL102"]["startLine"] == 4
    assert regions["FL102"]["startColumn"] == text.splitlines()[3].index("7.3") + 1


# Issue 24 point 6: `flowlint request` reads no more than the largest request body the server takes.


def test_an_endless_or_oversized_body_is_refused_at_the_request_limit(tmp_path):
    from flowlint.server import MAX_BODY_BYTES  # the same limit as the server's

    sparse = tmp_path / "huge.json"
    with open(sparse, "wb") as handle:
        handle.truncate(MAX_BODY_BYTES + 1)  # sparse: costs no disk
    for path in (str(sparse), "/dev/zero", "/dev/urandom"):
        result = CliRunner().invoke(request_command, [path])
        assert result.exit_code == 2, path
        assert f"larger than {MAX_BODY_BYTES} bytes" in result.output and "not checked" in result.output
    with open("/dev/zero", "rb") as zeros:
        result = CliRunner().invoke(request_command, ["-"], input=zeros)
    assert result.exit_code == 2 and "standard input: larger than" in result.output


def test_the_request_limit_is_the_servers():
    from flowlint.request import MAX_REQUEST_BYTES
    from flowlint.server import MAX_BODY_BYTES

    assert MAX_REQUEST_BYTES == MAX_BODY_BYTES


def test_max_problems_caps_the_request_findings(tmp_path):
    result, path = run(tmp_path, body(categories=["OTHER"] * 20))
    assert result.output.count("FR010") == 19
    result = CliRunner().invoke(request_command, [path, "--max-problems", "5"])
    assert result.output.count("FR010") == 5
    assert "FL099" in result.output and "14 more problems not shown" in result.output
