"""``flowlint PATH`` recognises a Create Flow request body and checks it as one (issue 7)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import FIXTURES, run_cli

CLEAN_FLOW = (FIXTURES / "clean.json").read_text(encoding="utf-8")


def _body(**fields: object) -> str:
    body = {"name": "Booking", "categories": ["APPOINTMENT_BOOKING"], "flowJson": CLEAN_FLOW, **fields}
    return json.dumps(body, indent=2)


def test_a_good_request_body_is_clean(tmp_path: Path) -> None:
    (tmp_path / "body.json").write_text(_body(), encoding="utf-8")
    result = run_cli(["body.json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout


def test_a_bad_request_body_gets_request_rules_at_request_file_positions(tmp_path: Path) -> None:
    text = _body(categories=["NOPE"], name="")
    (tmp_path / "body.json").write_text(text, encoding="utf-8")
    result = run_cli(["--format", "json", "body.json"], cwd=tmp_path)
    assert result.exit_code == 1
    [entry] = json.loads(result.stdout)
    rules = {d["rule"] for d in entry["diagnostics"]}
    assert {"FR005", "FR009"} <= rules
    # A flow linted as a flow would have said "version is missing" (FL101) instead.
    assert "FL101" not in rules
    name = next(d for d in entry["diagnostics"] if d["rule"] == "FR005")
    line = text.splitlines()[name["lineStart"] - 1]
    assert line[name["columnStart"] - 1 : name["columnEnd"] - 1] == '""'


def test_flow_json_findings_point_into_the_request_file(tmp_path: Path) -> None:
    flow = json.loads(CLEAN_FLOW)
    flow["screens"][0]["id"] = "bad id"
    text = _body(flowJson=json.dumps(flow))
    (tmp_path / "body.json").write_text(text, encoding="utf-8")
    result = run_cli(["--format", "json", "body.json"], cwd=tmp_path)
    [entry] = json.loads(result.stdout)
    bad = next(d for d in entry["diagnostics"] if d["rule"] == "FL206")
    line = text.splitlines()[bad["lineStart"] - 1]
    assert line[bad["columnStart"] - 1 : bad["columnEnd"] - 1] == '\\"bad id\\"'


def test_selection_applies_to_request_rules(tmp_path: Path) -> None:
    (tmp_path / "body.json").write_text(_body(categories=["NOPE"]), encoding="utf-8")
    result = run_cli(["--ignore", "FR009", "body.json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout


def test_stdin_request_body_is_detected_too() -> None:
    result = run_cli(["--format", "concise", "-"], input=_body(name=""))
    assert result.exit_code == 1
    assert "FR005" in result.stdout


def test_an_object_that_is_neither_stays_a_flow(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"name": "x"}', encoding="utf-8")
    result = run_cli(["--format", "concise", "x.json"], cwd=tmp_path)
    assert "FL101" in result.stdout  # no version: linted as a flow


def test_a_request_body_over_10_mb_is_judged_by_its_flow_size(tmp_path: Path) -> None:
    """Issue 24 point 10: a valid 14 MB body whose flowJson is 7 MB got FL006 (over 10 MB); the 10 MB limit
    is the flow's. The file's own limit is the request body's (20 MB + 64 KB)."""
    from flowlint.source import MAX_BYTES

    flow = CLEAN_FLOW + "\n" * 7_000_000  # escaped as \n: the body is twice the flow
    (tmp_path / "body.json").write_text(_body(flowJson=flow), encoding="utf-8")
    assert MAX_BYTES < (tmp_path / "body.json").stat().st_size < 2 * MAX_BYTES
    for args in (["body.json"], ["-j", "1", "body.json", "body.json"]):
        result = run_cli(["--format", "concise", "-q", *args], cwd=tmp_path)
        assert (result.exit_code, result.stdout) == (0, ""), result.stdout[:300]
    piped = run_cli(["--format", "concise", "-q", "-"], cwd=tmp_path, input=(tmp_path / "body.json").read_bytes())
    assert (piped.exit_code, piped.stdout) == (0, "")

    bad = _body(flowJson=flow, categories=["NOPE"])
    (tmp_path / "bad.json").write_text(bad, encoding="utf-8")
    result = run_cli(["--format", "json", "bad.json"], cwd=tmp_path)
    [entry] = json.loads(result.stdout)
    assert [d["rule"] for d in entry["diagnostics"]] == ["FR009"]


def test_a_flow_or_a_request_over_their_limits_is_still_too_large(tmp_path: Path) -> None:
    from flowlint.server import MAX_BODY_BYTES

    (tmp_path / "flow.json").write_text(CLEAN_FLOW + " " * 11_000_000, encoding="utf-8")  # a flow: not a request
    (tmp_path / "body.json").write_text(_body(flowJson=CLEAN_FLOW + "\n" * (MAX_BODY_BYTES // 2)), encoding="utf-8")
    big_flow = _body(flowJson=CLEAN_FLOW + " " * 11_000_000)  # within the request limit; its flow is not
    (tmp_path / "big-flow.json").write_text(big_flow, encoding="utf-8")
    result = run_cli(["--format", "json", "flow.json", "body.json", "big-flow.json"], cwd=tmp_path)
    assert result.exit_code == 1
    assert [[d["rule"] for d in entry["diagnostics"]] for entry in json.loads(result.stdout)] == [["FL006"]] * 3
