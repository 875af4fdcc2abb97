"""flowlint.v8_json says what V8's JSON.parse says (Meta's syntax-error messages).

``v8_json_cases.json`` was recorded with node 20 (V8 11.3, the wording Meta's answers carry) by
``tools/v8_json/compare.py --record``: texts of every kind of refusal, with JSON.parse's exact message. The
same script compares any number of random texts against node directly (100 321 texts, 0 differences, when
this module was written).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import flowlint
from flowlint.v8_json import json_parse_error

CASES = json.loads((Path(__file__).parent / "v8_json_cases.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: repr(c["text"][:30]))
def test_recorded_message(case: dict[str, str]) -> None:
    assert json_parse_error(case["text"]) == case["message"]


def test_recorded_cases_cover_every_message_kind() -> None:
    starts = {
        "Unexpected end of JSON input",
        "Unexpected token",
        "Unexpected number",
        "Unexpected string",
        "Unexpected non-whitespace character after JSON",
        "Expected property name or '}'",
        "Expected ',' or '}' after property value",
        "Expected ',' or ']' after array element",
        "Expected ':' after property name",
        "Expected double-quoted property name",
        "Unterminated string",
        "Bad control character in string literal",
        "Bad escaped character",
        "Bad Unicode escape",
        "No number after minus sign",
        "Unterminated fractional number",
        "Exponent part is missing a number",
    }
    seen = {start for start in starts for case in CASES if case["message"].startswith(start)}
    assert seen == starts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{}", None),
        (' [1, "a", {"b": null}] ', None),
        ("", "Unexpected end of JSON input"),
        ("NaN", '"NaN" is not valid JSON'),
        # Positions count UTF-16 code units: the emoji before the error is two.
        ('{"a": "😀" "b"}', "Expected ',' or '}' after property value in JSON at position 11"),
        ('{"é": 1,}', "Expected double-quoted property name in JSON at position 8"),
        # A byte-order mark is a character JSON.parse refuses, quoted with its context.
        ('\ufeff{"version": "7.3"}', 'Unexpected token \'\ufeff\', "\ufeff{"version": "7.3"}" is not valid JSON'),
        ('\ufeff{"version": "7.3", "a": 1}', 'Unexpected token \'\ufeff\', "\ufeff{"version"... is not valid JSON'),
        # Short texts are quoted whole; longer ones around the token, with ellipses on the cut sides.
        ("[1, x]", "Unexpected token 'x', \"[1, x]\" is not valid JSON"),
        ('{"version": "7.3", "a" x}', 'Unexpected token \'x\', ..."7.3", "a" x}" is not valid JSON'),
        ('{"a": 1} x', "Unexpected non-whitespace character after JSON at position 9"),
        # Only an object's first name gets "Expected ':'"; after a comma V8 11.3 names the token.
        ('{"a" 1}', "Expected ':' after property name in JSON at position 5"),
        ('{"a": 1, "b" 2}', "Unexpected number in JSON at position 13"),
    ],
)
def test_message(text: str, message: str | None) -> None:
    assert json_parse_error(text) == message


def test_deep_nesting_is_walked_without_recursion() -> None:
    assert json_parse_error("[" * 200_000) == "Unexpected end of JSON input"


def test_fl001_carries_meta_message_and_flowlint_explanation() -> None:
    text = '{\n  "version": "7.3",\n  "screens": [],\n}\n'
    [diag] = flowlint.lint(text).diagnostics
    assert diag.rule == "FL001"
    assert diag.message == "Flow JSON is not valid. Expected double-quoted property name in JSON at position 39"
    assert diag.fix == "Trailing comma before '}' is not allowed."
    span = diag.pointers[0].span
    assert (span.line_start, span.column_start) == (3, 16)  # the comma itself, not V8's offset


def test_byte_order_mark_carries_meta_message() -> None:
    report = flowlint.lint(b'\xef\xbb\xbf{"version": "7.3", "screens": []}')
    bom = [d for d in report.diagnostics if d.rule == "FL003"]
    assert bom and bom[0].message.startswith("Flow JSON is not valid. Unexpected token '\ufeff'")
