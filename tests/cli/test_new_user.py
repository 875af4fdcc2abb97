"""What a new user tripped over (issue 20, points 1-4): every place of a merged error in every format, hints
that help, summaries that say what failed, options that do what they say or refuse."""

from __future__ import annotations

import json
from pathlib import Path

import flowlint

from .conftest import run_cli

#: Three misspelt component types: Meta answers one INVALID_PROPERTY_VALUE error with three pointers.
THREE_TYPOS = b"""{"version": "7.3", "screens": [{"id": "A", "title": "A", "terminal": true, "layout": {
"type": "SingleColumnLayout", "children": [
{"type": "TextHeadng", "text": "x"},
{"type": "DatePicke", "name": "d", "label": "l"},
{"type": "TextBdy", "text": "y"},
{"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
"""
HINTS = ["did you mean 'TextHeading'?", "did you mean 'DatePicker'?", "did you mean 'TextBody'?"]


def _flow(tmp_path: Path) -> Path:
    path = tmp_path / "f.json"
    path.write_bytes(THREE_TYPOS)
    return path


def test_the_library_keeps_one_api_error_with_a_hint_per_place() -> None:
    report = flowlint.lint(THREE_TYPOS)
    (diag,) = report.errors
    assert [fix for _, fix in diag.places()] == HINTS
    (api,) = report.to_api()
    assert [p["lineStart"] for p in api["pointers"]] == [3, 4, 5]
    assert "fix" not in api["pointers"][1]  # the API shape stays Meta's
    assert [p.get("fix") for p in diag.to_dict()["pointers"]] == [None, HINTS[1], HINTS[2]]


def test_text_shows_each_place_with_its_own_hint(tmp_path: Path) -> None:
    _flow(tmp_path)
    out = run_cli(["f.json"], cwd=tmp_path).stdout
    for hint in HINTS:
        assert hint in out
    assert out.index(HINTS[0]) < out.index("also at 4:") < out.index(HINTS[1]) < out.index("also at 5:")
    assert "Found 1 error at 3 places in 1 file (1 file checked)." in out


def test_concise_prints_a_line_per_place(tmp_path: Path) -> None:
    _flow(tmp_path)
    lines = run_cli(["--format", "concise", "f.json"], cwd=tmp_path).stdout.splitlines()
    assert [line.split(": FL")[0] for line in lines[:3]] == ["f.json:3:10", "f.json:4:10", "f.json:5:10"]
    assert lines[3] == "Found 1 error at 3 places in 1 file (1 file checked)."


def test_github_annotates_each_place(tmp_path: Path) -> None:
    _flow(tmp_path)
    lines = run_cli(["--format", "github", "f.json"], cwd=tmp_path).stdout.splitlines()
    assert len(lines) == 3
    assert all(f"line={n}," in line for n, line in zip((3, 4, 5), lines))
    assert all(hint in line for hint, line in zip(HINTS, lines))


def test_sarif_has_a_result_per_place(tmp_path: Path) -> None:
    _flow(tmp_path)
    log = json.loads(run_cli(["--format", "sarif", "f.json"], cwd=tmp_path).stdout)
    results = log["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [3, 4, 5]
    assert [r["properties"]["fix"] for r in results] == HINTS
    assert all(len(r["relatedLocations"]) == 2 for r in results)


def test_junit_and_statistics_count_places(tmp_path: Path) -> None:
    _flow(tmp_path)
    junit = run_cli(["--format", "junit", "f.json"], cwd=tmp_path).stdout
    assert junit.count("f.json:3:10") == junit.count("f.json:4:10") == junit.count("f.json:5:10") == 1
    stats = run_cli(["--statistics", "f.json"], cwd=tmp_path).stdout
    assert stats.split()[:2] == ["3", "FL204"]


def test_request_text_shows_each_place(tmp_path: Path) -> None:
    body = {"name": "x", "categories": ["OTHER"], "flowJson": THREE_TYPOS.decode()}
    (tmp_path / "req.json").write_text(json.dumps(body), encoding="utf-8")
    out = run_cli(["request", "req.json"], cwd=tmp_path).stdout
    for line_no, hint in zip((3, 4, 5), HINTS):
        assert f"[flowJson line {line_no}, column 10" in out
        assert f"fix: {hint}" in out


def test_a_hint_never_suggests_the_name_it_says_is_missing(tmp_path: Path) -> None:
    """Two screens with one id: the declared name does not resolve, and is no suggestion for itself."""
    flow = {
        "version": "7.3",
        "screens": [
            {"id": "DETAILS", "title": "A", "data": {}, "layout": {"type": "SingleColumnLayout", "children": [
                {"type": "Footer", "label": "Go", "on-click-action": {
                    "name": "navigate", "next": {"type": "screen", "name": "DETAILS"},
                    "payload": {"full_name": "${data.full_name}"}}}]}},
            {"id": "DETAILS", "title": "B", "terminal": True,
             "data": {"full_name": {"type": "string", "__example__": "x"}},
             "layout": {"type": "SingleColumnLayout", "children": [
                 {"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "payload": {}}}]}},
        ],
    }
    report = flowlint.lint(json.dumps(flow))
    missing = [d for d in report.diagnostics if d.rule == "FL506"]
    assert missing, report.diagnostics
    assert all("${data.full_name}" not in (d.fix or "") for d in missing)


def test_no_all_checks_passed_when_a_file_could_not_be_read(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_bytes(b'{"version": "7.3", "screens": []}')
    for args in (["nomatch*.json"], ["missing.json"]):
        result = run_cli(args, cwd=tmp_path)
        assert result.exit_code == 2
        assert "All checks passed" not in result.stdout
        assert "1 file could not be read; no problems found in the 0 files checked." in result.stdout


def test_ignore_all_reports_nothing_and_select_narrows_it(tmp_path: Path) -> None:
    _flow(tmp_path)
    assert run_cli(["--ignore", "ALL", "-q", "f.json"], cwd=tmp_path).exit_code == 0
    narrowed = run_cli(["--ignore", "ALL", "--select", "FL2", "--format", "concise", "f.json"], cwd=tmp_path)
    assert narrowed.exit_code == 1 and "FL204" in narrowed.stdout


def test_statistics_refuses_a_format_it_cannot_print(tmp_path: Path) -> None:
    _flow(tmp_path)
    for fmt in ("sarif", "api", "github", "junit", "graph"):
        result = run_cli(["--statistics", "--format", fmt, "f.json"], cwd=tmp_path)
        assert result.exit_code == 2 and "--statistics" in result.stderr, fmt
    as_json = run_cli(["--statistics", "--format", "json", "f.json"], cwd=tmp_path)
    assert json.loads(as_json.stdout)[0]["count"] == 3


def test_rules_with_an_unknown_prefix_fails() -> None:
    result = run_cli(["rules", "ZZ"])
    assert result.exit_code == 2 and "no rule code starts with 'ZZ'" in result.stderr
    assert run_cli(["rules", "FL2"]).exit_code == 0


def test_a_legacy_target_version_warns_as_explain_says() -> None:
    report = flowlint.lint(THREE_TYPOS, version="3.0")
    (legacy,) = [d for d in report.diagnostics if d.rule == "FL103"]
    assert legacy.severity == "warning" and legacy.path == ("version",)
    assert "--target-version" in (legacy.fix or "")
    assert not [d for d in flowlint.lint(THREE_TYPOS, version="7.3").diagnostics if d.rule == "FL103"]


def test_an_error_meta_places_at_line_0_still_shows_its_path(tmp_path: Path) -> None:
    """Meta gives some schema errors no position (an empty error-message object: INVALID_SCHEMA at 0:0);
    the api output keeps Meta's zeros, the text output says where the error is."""
    flow = {"version": "7.3", "screens": [{"id": "A", "title": "A", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "TextInput", "name": "n", "label": "L", "error-message": {}},
            {"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    (tmp_path / "f.json").write_text(json.dumps(flow, indent=2), encoding="utf-8")
    api = json.loads(run_cli(["--format", "api", "f.json"], cwd=tmp_path).stdout)
    zero = [e for e in api if e["lineStart"] == 0]
    assert zero and zero[0]["error"] == "INVALID_SCHEMA"
    text = run_cli(["f.json"], cwd=tmp_path).stdout
    block = text[text.index("f.json:0:0:"):]
    assert block.splitlines()[1] == "  at screens[0].layout.children[0].error-message"
