"""Decoding, syntax diagnostics and limits: every input gets a positioned answer, never a traceback."""

from __future__ import annotations

import os
import random

import pytest

import flowlint
from flowlint.source import MAX_BYTES, MAX_DEPTH, parse_source
from flowlint.v8_json import json_parse_error


def only(report: flowlint.Report) -> flowlint.Diagnostic:
    assert len(report.diagnostics) == 1, report.diagnostics
    return report.diagnostics[0]


def where(diag: flowlint.Diagnostic) -> tuple[int, int, int, int]:
    span = diag.span
    assert span is not None
    return (span.line_start, span.column_start, span.line_end, span.column_end)


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('{\n  "version": "7.3"\n  "screens": []\n}', "Expected ',' or '}' after an object member.", (3, 3, 3, 4)),
        ('{"a": [1, 2 3]}', "Expected ',' or ']' after an array element.", (1, 13, 1, 14)),
        ('{"a" 1}', "Expected ':' after an object key.", (1, 6, 1, 7)),
        ('{"a": 1,}', "Trailing comma before '}' is not allowed.", (1, 8, 1, 9)),
        ("[1,\n]", "Trailing comma before ']' is not allowed.", (1, 3, 1, 4)),
        ('{"a": "b', "Unterminated string: no closing quote before the end of the file.", (1, 7, 1, 8)),
        ('{"a": "b\nc"}', "Unterminated string: a string cannot span lines (write \\n for a line break).", (1, 9, 1, 10)),
        ('{"a": 1', "Unexpected end of file: expected ',' or '}' after an object member.", (1, 8, 1, 9)),
        ("", "The document is empty.", (1, 1, 1, 2)),
        ("  \n ", "The document is empty.", (2, 2, 2, 3)),
        ('{"a": 1} {}', "Unexpected content after the end of the JSON document.", (1, 10, 1, 11)),
        ("{'a': 1}", "Strings and keys must be in double quotes, not single quotes.", (1, 2, 1, 3)),
        ('{"a": 1 // note\n}', "Comments are not allowed in JSON.", (1, 9, 1, 10)),
        ('{"a": NaN}', "'NaN' is not allowed in JSON: numbers must be finite.", (1, 7, 1, 8)),
        ('{"a": True}', "Unknown literal 'True': JSON literals are lowercase ('true').", (1, 7, 1, 8)),
        ('{"a": 01}', "Invalid number: numbers cannot have leading zeros.", (1, 7, 1, 8)),
        ('{"a": 1.}', "Invalid number '1.': a decimal point must be followed by a digit.", (1, 8, 1, 9)),
        ('{"a": "\\x"}', "Invalid escape '\\x' in string.", (1, 8, 1, 9)),
        ('{"a": "\t"}', "Unescaped control character U+0009 in string (write it as \\u0009).", (1, 8, 1, 9)),
        ("{a: 1}", "Unexpected text 'a': keys and strings must be in double quotes.", (1, 2, 1, 3)),
    ],
)
def test_syntax_errors_are_explained_at_the_first_offending_character(text: str, message: str, position: tuple) -> None:
    diag = only(flowlint.lint(text))
    assert (diag.rule, diag.error) == ("FL001", "INVALID_FLOW_JSON")
    # Meta's message (JSON.parse's words, tests/test_v8_json.py), flowlint's explanation as the help.
    assert diag.message == "Flow JSON is not valid. " + json_parse_error(text)
    assert diag.fix == message
    assert where(diag) == position
    assert diag.path == ()


def test_syntax_error_api_shape() -> None:
    [error] = flowlint.lint('{"a" 1}').to_api()
    assert error == {
        "error": "INVALID_FLOW_JSON",
        "errorType": "FLOW_JSON_ERROR",
        "message": "Flow JSON is not valid. Expected ':' after property name in JSON at position 5",
        "lineStart": 1,
        "lineEnd": 1,
        "columnStart": 6,
        "columnEnd": 7,
        "pointers": [{"lineStart": 1, "lineEnd": 1, "columnStart": 6, "columnEnd": 7, "path": ""}],
    }


def test_invalid_utf8_is_positioned_at_the_offending_byte() -> None:
    diag = only(flowlint.lint(b'{\n  "t\xc3\xadtulo": "caf\xe9"\n}'))
    assert diag.rule == "FL002"
    assert "byte 0xE9" in diag.message
    assert where(diag) == (2, 17, 2, 18)


@pytest.mark.parametrize(
    ("sequence", "bad"),
    [
        (b"\xe0\x80\xaf", "byte 0x80 at offset 286 cannot follow byte 0xE0 (offset 285)"),  # overlong "/"
        (b"\xf4\x90\x80\x80", "byte 0x90 at offset 286 cannot follow byte 0xF4 (offset 285)"),  # past U+10FFFF
        (b"\xed\xa0\x80", "byte 0xA0 at offset 286 cannot follow byte 0xED (offset 285)"),  # a surrogate
        (b"\xe2\x82A", "byte 0x41 at offset 287 cannot follow bytes 0xE2 0x82 (offsets 285-286)"),
        (b"\x80", "byte 0x80 at offset 285 cannot start a character"),
    ],
)
def test_invalid_utf8_names_the_byte_that_breaks_the_sequence(sequence: bytes, bad: str) -> None:
    """Issue 24 point 12: the byte Python's and the WHATWG decoders stop at, not the one that starts the character;
    the position is the broken character's."""
    data = b'{"a": "' + b"x" * 278 + sequence + b'"}'
    diag = only(flowlint.lint(data))
    assert diag.rule == "FL002"
    assert bad in diag.message
    assert where(diag)[:2] == (1, 286)


def test_truncated_utf8_sequence() -> None:
    diag = only(flowlint.lint(b'{"a": "\xe2\x82'))
    assert diag.rule == "FL002" and "cuts off" in diag.message


def test_bom_is_reported_and_the_rest_still_checked() -> None:
    report = flowlint.lint('\ufeff{"screens": []}'.encode())
    rules = [d.rule for d in report.diagnostics]
    assert rules == ["FL003", "FL101"]
    assert report.diagnostics[1].span is not None and report.diagnostics[1].span.column_start == 1


def test_root_must_be_an_object() -> None:
    diag = only(flowlint.lint("[1, 2]\n"))
    assert diag.rule == "FL008" and diag.message == "Flow JSON is not valid. JSON is not an object"
    assert where(diag) == (1, 1, 1, 7)


def test_duplicate_key_is_a_warning_at_the_second_key() -> None:
    report = flowlint.lint('{"version": "7.3", "version": "7.3", "screens": []}')
    [dup] = [d for d in report.diagnostics if d.rule == "FL004"]
    assert dup.severity == "warning" and dup.path == ("version",)
    assert where(dup) == (1, 20, 1, 29)


def test_deep_nesting_is_a_diagnostic_not_a_recursion_error() -> None:
    text = "[" * 100_000 + "]" * 100_000
    diag = only(flowlint.lint(text))
    assert diag.rule == "FL005"
    assert where(diag) == (1, MAX_DEPTH + 1, 1, MAX_DEPTH + 2)


def test_nesting_at_the_limit_is_accepted() -> None:
    text = '{"a": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    assert parse_source(text).value is not None


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"a": "' + "[" * 2000 + '"}'
    assert parse_source(text).value == {"a": "[" * 2000}


def test_document_over_10_mb_is_refused_without_parsing() -> None:
    data = b'{"version": "7.3", "pad": "' + b"x" * (12 * 1024 * 1024) + b'"}'
    diag = only(flowlint.lint(data))
    assert diag.rule == "FL006"
    assert diag.message.endswith(f"exceeds the maximum size by {len(data) - MAX_BYTES} bytes.")


def test_huge_integer_is_a_diagnostic() -> None:
    diag = only(flowlint.lint('{"a": ' + "9" * 5000 + "}"))
    assert diag.rule == "FL007" and where(diag) == (1, 7, 1, 8)


def test_lone_surrogate_escape_is_accepted() -> None:
    assert parse_source('{"a": "\\ud800"}').value == {"a": "\ud800"}


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 4096)))
    report = flowlint.lint(data)
    assert not report.ok
    assert all(d.span is not None for d in report.diagnostics)


def test_lint_file_reads_bytes(tmp_path: "os.PathLike[str]") -> None:
    path = os.path.join(tmp_path, "flow.json")
    with open(path, "wb") as fh:
        fh.write(b'{"screens": []}')
    report = flowlint.lint_file(path)
    assert report.filename == path and [d.rule for d in report.diagnostics] == ["FL101"]


def test_lint_file_missing_raises_oserror(tmp_path: "os.PathLike[str]") -> None:
    with pytest.raises(OSError):
        flowlint.lint_file(os.path.join(tmp_path, "absent.json"))


def test_a_crashing_stage_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from flowlint import schema

    def broken(doc: dict, version: object) -> list:
        raise KeyError("boom")

    monkeypatch.setattr(schema, "check", broken)
    monkeypatch.delenv("FLOWLINT_DEBUG", raising=False)
    report = flowlint.lint('{"version": "7.3", "screens": []}')
    [diag] = report.diagnostics
    assert diag.rule == "FL000" and diag.severity == "warning" and "KeyError" in diag.message
    monkeypatch.setenv("FLOWLINT_DEBUG", "1")
    with pytest.raises(KeyError):
        flowlint.lint('{"version": "7.3", "screens": []}')


def test_catalog_lists_the_foundation_rules() -> None:
    from flowlint.catalog import all_rules

    codes = list(all_rules())
    # The engine's own rules first (internal error, too many problems), then the source's, then the versions'.
    assert codes[:13] == [
        "FL000", "FL099", "FL001", "FL002", "FL003", "FL004", "FL005", "FL006", "FL007", "FL008", "FL101", "FL102", "FL103"
    ]
    for info in all_rules().values():
        assert info.doc.startswith("What it does:") and "Why is this bad?" in info.doc
