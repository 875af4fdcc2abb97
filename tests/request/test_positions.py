"""Positions of flowJson findings: inside the flowJson string, exactly as linting that text directly
(what the API reports), and mapped onto the request file through the JSON string escapes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint import lint
from flowlint.request import check_create_request
from flowlint.positions import LineIndex
from flowlint.request import RULES, _escape_map

from tests.conformance import META, require_shared

from .helpers import FLOWS_WITH_FINDINGS

#: The same flows pretty-printed over several lines, still with escapes (\", \u00e9 as é, an emoji).
PRETTY = {
    "missing-version": (
        '{\n  "screens": [\n    {\n      "id": "A",\n      "title": "Caf\u00e9 \\"quoted\\" \U0001f600"\n    }\n  ]\n}\n'
    ),
    "numeric-version": '{\n\t"title": "\U0001f600\U0001f600 \u00e9",\n\t"version": 7.3,\n\t"screens": []\n}',
    "duplicate-key": (
        '{\n  "version": "7.3",\n  "screens": [],\n  "screens": [\n    {"id": "\u00e9t\u00e9 \\"x\\""}\n  ]\n}'
    ),
    "syntax-error": '{\n  "version": "7.3",\n  "title": "\U0001f600 caf\u00e9 \\\\ \\n",\n  "screens": [\n  }\n',
    "legacy-version": '{\r\n  "version": "3.0",\r\n  "screens": []\r\n}',
}


def request_text(flow_text: str, *, ascii_only: bool, indent: int | None = None) -> str:
    return json.dumps(
        {"name": "Example Flow", "categories": ["OTHER"], "flowJson": flow_text}, ensure_ascii=ascii_only, indent=indent
    )


def positions(diagnostics):
    return [(d.rule, d.error, d.message, [(p.path, p.span.as_api()) for p in d.pointers]) for d in diagnostics]


def lint_findings(report):
    """The flowJson findings that come from linting the flow (not the request-level consistency checks)."""
    return [d for d in report.flow_diagnostics if d.rule not in REQUEST_CODES]


def assert_maps_back(report, body_text: str) -> None:
    """Every mapped span, read in the request file and unescaped, is the flow text it spans."""
    flow_text = report.flow_source
    body_index = LineIndex(body_text)
    for diag in lint_findings(report):
        mapped = report.in_file(diag)
        for inner, outer in zip(diag.pointers, mapped.pointers):
            if inner.span.start < 0:
                continue
            raw = body_text[outer.span.start : outer.span.end]
            assert json.loads(f'"{raw}"') == flow_text[inner.span.start : inner.span.end]
            assert outer.span == body_index.span(outer.span.start, outer.span.end)


REQUEST_CODES = {info.code for info in RULES}

CASES = [(name, text) for name, text in FLOWS_WITH_FINDINGS.items()] + [
    (f"{name}-pretty", text) for name, text in PRETTY.items()
]


@pytest.mark.parametrize(("name", "flow_text"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "utf8"])
@pytest.mark.parametrize("indent", [None, 2], ids=["one-line-body", "pretty-body"])
def test_positions_are_those_of_the_flow_text(name, flow_text, ascii_only, indent):
    direct = lint(flow_text)
    assert direct.diagnostics, "each fixture has a finding the foundation reports"
    body_text = request_text(flow_text, ascii_only=ascii_only, indent=indent)
    report = check_create_request(body_text)
    assert report.flow_source == flow_text.removeprefix("\ufeff")
    assert positions(lint_findings(report)) == positions(direct.diagnostics)
    # The API's validationErrors carry the same positions as the flow linted alone.
    ours = [
        (e["error"], e["message"], e["pointers"])
        for e in report.to_api(include_warnings=True)
        if e["error"] != "INVALID_PROPERTY_KEY" or "data_channel_uri" not in e["message"]
    ]
    theirs = [(e["error"], e["message"], e["pointers"]) for e in direct.to_api(include_warnings=True)]
    assert ours == theirs
    assert_maps_back(report, body_text)


def test_one_line_flow_reports_line_1_and_large_columns():
    flow_text = json.dumps({"title": "x" * 200, "screens": [], "version": 7.3})
    report = check_create_request(request_text(flow_text, ascii_only=True))
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    assert diag.span.as_api() == {"lineStart": 1, "lineEnd": 1, "columnStart": 241, "columnEnd": 244}


def test_escapes_before_the_finding_shift_the_file_column_not_the_api_column():
    flow_text = '{"title": "caf\u00e9 \\"a\\" \U0001f600", "version": 7.3, "screens": []}'
    body_text = request_text(flow_text, ascii_only=True)
    # In the flow: 37 characters before 7.3, 38 UTF-16 units (the emoji counts 2): column 39.
    # In the body: \u00e9 is 6 characters for 1, each \" becomes \\\" (4 for 2), the emoji \ud83d\ude00 (12 for 2).
    assert 'caf\\u00e9 \\\\\\"a\\\\\\" \\ud83d\\ude00' in body_text
    report = check_create_request(body_text)
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    assert (diag.span.line_start, diag.span.column_start, diag.span.column_end) == (1, 39, 42)
    in_file = report.in_file(diag).span
    expected = body_text.index("7.3") + 1
    assert (in_file.line_start, in_file.column_start, in_file.column_end) == (1, expected, expected + 3)


def test_pretty_printed_flow_string_maps_to_line_1_of_a_one_line_body():
    flow_text = PRETTY["numeric-version"]
    body_text = request_text(flow_text, ascii_only=False)
    report = check_create_request(body_text)
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    # Inside the flow: line 3, after a tab.
    assert (diag.span.line_start, diag.span.column_start) == (3, 13)
    in_file = report.in_file(diag).span
    assert in_file.line_start == 1
    assert in_file.column_start == LineIndex(body_text).position(body_text.index("7.3"))[1]


def test_syntax_error_at_the_end_of_the_flow_maps_onto_the_closing_quote():
    flow_text = '{"version": "7.3"'
    body_text = request_text(flow_text, ascii_only=True)
    report = check_create_request(body_text)
    (diag,) = report.flow_diagnostics
    assert diag.rule == "FL001"
    assert diag.span.column_start == len(flow_text) + 1
    closing_quote = body_text.rindex('"')  # flowJson is the last field
    assert report.in_file(diag).span.start == closing_quote


def test_a_flow_string_with_a_byte_order_mark_keeps_positions_right():
    flow_text = '\ufeff{"version": 7.3, "screens": []}'
    body_text = request_text(flow_text, ascii_only=True)
    report = check_create_request(body_text)
    assert positions(lint_findings(report)) == positions(lint(flow_text).diagnostics)
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    assert report.in_file(diag).span.start == body_text.index("7.3")


def test_a_flow_json_object_maps_through_the_body_paths():
    body_text = '{\n  "name": "x",\n  "categories": ["OTHER"],\n  "flowJson": {"version": 7.3, "screens": []}\n}'
    report = check_create_request(body_text)
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    assert diag.span.as_api() == {"lineStart": 1, "lineEnd": 1, "columnStart": 12, "columnEnd": 15}
    in_file = report.in_file(diag).span
    assert (in_file.line_start, in_file.column_start) == (4, 27)


def test_file_report_puts_every_finding_in_request_file_positions():
    flow_text = '{"version": 7.3, "screens": []}'
    body_text = '{"name": "", "categories": ["OTHER"], "flowJson": ' + json.dumps(flow_text) + "}"
    report = check_create_request(body_text, filename="body.json")
    file_report = report.file_report()
    assert file_report.source == body_text and file_report.filename == "body.json"
    spans = {d.rule: d.span for d in file_report.diagnostics}
    assert body_text[spans["FR005"].start : spans["FR005"].end] == '""'
    assert body_text[spans["FL102"].start : spans["FL102"].end] == "7.3"


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), ascii_only=st.booleans())
def test_escape_map_recovers_every_character(text, ascii_only):
    body_text = '{"flowJson": ' + json.dumps(text, ensure_ascii=ascii_only) + "}"
    starts, ends = _escape_map(body_text, 13, len(body_text) - 1)
    assert len(starts) == len(text)
    for i, ch in enumerate(text):
        assert json.loads(f'"{body_text[starts[i] : ends[i]]}"') == ch


def _conformance_texts():
    cases = META / "cases"
    if not cases.exists():
        return []
    out = []
    for path in sorted(cases.glob("*.json")):
        try:
            out.append((path.stem, path.read_bytes().decode("utf-8")))
        except UnicodeDecodeError:  # invalid UTF-8 cannot travel inside a JSON string
            continue
    return out


def test_every_conformance_flow_embedded_in_a_request_keeps_its_positions():
    require_shared(META / "cases")
    texts = _conformance_texts()
    assert len(texts) > 300
    for name, flow_text in texts:
        direct = lint(flow_text)
        for ascii_only in (True, False):
            body_text = request_text(flow_text, ascii_only=ascii_only)
            report = check_create_request(body_text)
            assert positions(lint_findings(report)) == positions(
                [d.with_rule(d.rule, "error") if d.rule == "FL103" else d for d in direct.diagnostics]
            ), name
            assert_maps_back(report, body_text)


def test_a_flow_error_is_placed_in_the_body_and_in_the_flow():
    import flowlint.request as request_module

    # (Bodies over 10 MB go through the same parser: tests/request/test_robustness.py.)
    flow_text = '{"version": 7.3, "screens": []}'
    body_text = request_text(flow_text, ascii_only=True).replace('"name": "Example Flow", ', "")
    report = check_create_request(body_text)
    assert [d.rule for d in report.request_diagnostics] == ["FR004"]
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL102"]
    assert (diag.span.column_start, diag.span.column_end) == (13, 16)
    assert report.in_file(diag).span.as_api() == {"lineStart": 1, "lineEnd": 1, "columnStart": 54, "columnEnd": 57}
    assert request_module.api_answer(report)[0] == 400


def test_a_body_that_is_not_a_json_object_is_refused():
    for text in ('{"name": "x", "categories": [}', b'{"name": "\xff\xfe", "categories": []}', "[1, 2, 3, 4, 5]"):
        assert [d.rule for d in check_create_request(text).refusals] == ["FR001"]
