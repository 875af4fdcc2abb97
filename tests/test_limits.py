"""Limits on hostile input, each with a clear diagnostic: problems per file (FL099), expressions (FL710), and
files read no further than needed to know they are over Meta's 10 MB limit (FL006)."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

import flowlint
from flowlint.config import Settings
from flowlint.engine import MAX_PROBLEMS, Selection, lint_file, run_checks
from flowlint.expressions import MAX_EXPRESSION_CHARS, MAX_EXPRESSION_OPERATORS
from flowlint.source import MAX_BYTES

from .cli.conftest import run_cli


def _many_problems(duplicates: int) -> str:
    """A flow with one schema error per screen (no title) and ``duplicates`` duplicate-key warnings."""
    screens = [
        {"id": f"S_{i}", "layout": {"type": "SingleColumnLayout", "children": []}} for i in range(3)
    ]
    members = ", ".join(['"x": 1'] * (duplicates + 1))
    return '{"version": "7.3", ' + members + ', "screens": ' + json.dumps(screens) + "}"


def test_the_default_cap_is_the_configured_default() -> None:
    assert Settings().max_problems == MAX_PROBLEMS == 1000


def test_past_the_cap_one_warning_says_how_many_more_there_are() -> None:
    text = _many_problems(1500)
    everything = flowlint.lint(text, max_problems=0).diagnostics
    assert len(everything) > 1500
    capped = flowlint.lint(text).diagnostics
    assert len(capped) == MAX_PROBLEMS + 1
    last = capped[-1]
    assert last.rule == "FL099" and last.severity == "warning"
    assert last.message.startswith(f"{len(everything) - MAX_PROBLEMS} more problems not shown")
    assert last.span is not None and (last.span.line_start, last.span.column_start) == (1, 1)


def test_errors_are_kept_before_warnings_so_a_capped_report_never_looks_clean() -> None:
    text = _many_problems(50)
    everything = flowlint.lint(text, max_problems=0)
    errors = [d for d in everything.diagnostics if d.severity == "error"]
    assert errors and not everything.ok
    capped = flowlint.lint(text, max_problems=len(errors))
    assert [d for d in capped.diagnostics if d.rule != "FL099"] == errors  # every error, no warning
    assert not capped.ok


def test_the_cap_is_reached_exactly_and_select_or_ignore_never_hide_problems_silently() -> None:
    text = _many_problems(20)
    count = len(flowlint.lint(text, max_problems=0).diagnostics)
    assert [d.rule for d in flowlint.lint(text, max_problems=count).diagnostics].count("FL099") == 0
    assert flowlint.lint(text, max_problems=count - 1).diagnostics[-1].message.startswith("1 more problem not")
    ignored = flowlint.lint(text, max_problems=3, selection=Selection(("ALL",), ("FL099",))).diagnostics
    assert len(ignored) == 4 and ignored[-1].rule == "FL099"
    selected = flowlint.lint(text, max_problems=3, selection=Selection(("FL004",))).diagnostics
    assert [d.rule for d in selected] == ["FL004"] * 3 + ["FL099"]


def test_max_problems_from_the_command_line_and_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "many.json").write_text(_many_problems(30), encoding="utf-8")
    from_cli = run_cli(["--format", "json", "--max-problems", "5", "many.json"], cwd=tmp_path)
    [entry] = json.loads(from_cli.stdout)
    assert [d["rule"] for d in entry["diagnostics"]][-1] == "FL099" and len(entry["diagnostics"]) == 6
    (tmp_path / "flowlint.toml").write_text("max-problems = 2\n", encoding="utf-8")
    [entry] = json.loads(run_cli(["--format", "json", "many.json"], cwd=tmp_path).stdout)
    assert len(entry["diagnostics"]) == 3
    (tmp_path / "flowlint.toml").write_text("max-problems = -1\n", encoding="utf-8")
    assert run_cli(["many.json"], cwd=tmp_path).exit_code == 2
    stdin = run_cli(["--format", "json", "--max-problems", "4", "--isolated", "-"], cwd=tmp_path,
                    input=_many_problems(30))
    assert len(json.loads(stdin.stdout)[0]["diagnostics"]) == 5


def _flow_with_text(text: str) -> str:
    return json.dumps({
        "version": "7.3",
        "screens": [{"id": "A", "title": "T", "terminal": True, "data": {"n": {"type": "number", "__example__": 1}},
                     "layout": {"type": "SingleColumnLayout", "children": [
                         {"type": "TextBody", "text": text},
                         {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}],
    })


@pytest.mark.parametrize(
    "expression",
    [
        "`" + "${data.n} + " * (MAX_EXPRESSION_CHARS // 12) + "${data.n}`",  # long
        "`" + "(" * (MAX_EXPRESSION_OPERATORS + 1) + "1" + ")" * (MAX_EXPRESSION_OPERATORS + 1) + "`",  # deep
        "`" + "+ " * 3000 + "`",  # once a RecursionError inside the expression parser (FL300)
    ],
)
def test_an_expression_over_the_limits_is_reported_as_not_checked(expression: str) -> None:
    report = flowlint.lint(_flow_with_text(expression))
    assert [d.rule for d in report.diagnostics] == ["FL710"]
    assert report.diagnostics[0].path == ("screens", 0, "layout", "children", 0, "text")
    assert report.ok  # flowlint does not know: a warning, not an error


def test_expressions_within_the_limits_are_checked_as_before() -> None:
    assert [d.rule for d in flowlint.lint(_flow_with_text("`${data.n} + 1`")).diagnostics] == ["FL703"]
    # A long plain string is no expression: only the docs' length warning, no FL710.
    assert [d.rule for d in flowlint.lint(_flow_with_text("x + " * 25_000)).diagnostics] == ["FL920"]


def test_a_long_if_condition_is_checked_in_linear_time() -> None:
    # The condition checker measured the prefix at every character (quadratic: seconds for 16 000 characters).
    condition = "(" + " " * 200_000 + "${data.x})"
    doc = json.loads(_flow_with_text("x"))
    doc["screens"][0]["data"] = {"x": {"type": "boolean", "__example__": True}}
    doc["screens"][0]["layout"]["children"].insert(0, {"type": "If", "condition": condition,
                                                       "then": [{"type": "TextBody", "text": "y"}]})
    assert flowlint.lint(json.dumps(doc)).diagnostics == []


def test_lint_file_reads_no_more_than_the_limit_of_a_huge_file(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(20 * MAX_BYTES)  # sparse: 200 MB that take no disk
    tracemalloc.start()
    try:
        report = lint_file(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [diag] = report.diagnostics
    assert diag.rule == "FL006"
    assert diag.message.endswith(f"exceeds the maximum size by {19 * MAX_BYTES} bytes.")  # the file's real size
    assert peak < 3 * MAX_BYTES


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs an endless device")
def test_lint_file_on_an_endless_device_stops_at_the_limit() -> None:
    [diag] = lint_file("/dev/zero").diagnostics
    assert diag.rule == "FL006"
    assert diag.message.endswith("exceeds the maximum size.")  # how much more: unknown, and not read


@pytest.mark.parametrize("place", ["list item", "nested list", "payload value"])
def test_an_expression_over_the_limits_is_found_wherever_the_parser_measured_it(place: str) -> None:
    # FL710 skips its walk when the parser's longest string is short: the parser must measure list items and
    # nested values too. The same document checked without the parser's measure gives the same findings.
    long = "`" + "${data.n} + " * (MAX_EXPRESSION_CHARS // 12) + "${data.n}`"
    doc = json.loads(_flow_with_text("x"))
    screen = doc["screens"][0]
    if place == "list item":
        screen["data"]["n"] = {"type": "array", "items": {"type": "string"}, "__example__": ["a", long]}
    elif place == "nested list":
        screen["data"]["n"] = {"type": "array", "items": {"type": "array"}, "__example__": [[[long]]]}
    else:
        screen["layout"]["children"][1]["on-click-action"]["payload"] = {"p": [{"q": long}]}
    report = flowlint.lint(json.dumps(doc))
    assert "FL710" in [d.rule for d in report.diagnostics]
    _, unmeasured = run_checks(doc, longest_string=None)
    assert [(d.rule, d.path) for d in report.diagnostics] == [(d.rule, d.path) for d in unmeasured]
