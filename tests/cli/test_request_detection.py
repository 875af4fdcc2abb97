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
    assert {"FL1005", "FL1009"} <= rules
    # A flow linted as a flow would have said "version is missing" (FL101) instead.
    assert "FL101" not in rules
    name = next(d for d in entry["diagnostics"] if d["rule"] == "FL1005")
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
    result = run_cli(["--ignore", "FL1009", "body.json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout


def test_stdin_request_body_is_detected_too() -> None:
    result = run_cli(["--format", "concise", "-"], input=_body(name=""))
    assert result.exit_code == 1
    assert "FL1005" in result.stdout


def test_an_object_that_is_neither_stays_a_flow(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"name": "x"}', encoding="utf-8")
    result = run_cli(["--format", "concise", "x.json"], cwd=tmp_path)
    assert "FL101" in result.stdout  # no version: linted as a flow
