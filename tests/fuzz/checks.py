"""What every report must satisfy, whatever the input: the fuzz suite's invariants in one place."""

from __future__ import annotations

from typing import Any

from flowlint.diagnostics import Diagnostic, Report
from flowlint.positions import LineIndex, Span, utf16_len
from flowlint.source import parse_source

#: Rules that mean "flowlint failed", never "the flow is wrong": a fuzzer that meets one has found a bug.
INTERNAL_ERRORS = {"FL000", "FL300"}


def text_of(data: bytes | str) -> str:
    """The text positions refer to: decoded as flowlint decodes (an invalid byte and what follows it are
    replaced, which keeps every position before it), without a leading byte-order mark."""
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return text[1:] if text.startswith("\ufeff") else text


def assert_no_internal_error(diagnostics: list[Diagnostic]) -> None:
    for diag in diagnostics:
        assert diag.rule not in INTERNAL_ERRORS, diag.message


from flowlint.schema.meta_port.errors import NOWHERE  # noqa: E402


def assert_located(report: Report, data: bytes | str) -> None:
    """Every diagnostic has at least one pointer, and every pointer a span inside the text.

    Lines are 1-based and within the text; columns are 1-based UTF-16 columns; a span starts at most one
    column past the end of its line (a point at the end of a line or of the file) and does not end before
    it starts. A pointer that is not a syntax error's carries a path that exists in the document (its
    ``at`` when it has one), and a pointer at a key points at a member.
    """
    lines = Lines(text_of(data))
    source_map = None
    for diag in report.diagnostics:
        assert diag.pointers, f"{diag.rule} has no pointer"
        for pointer in diag.pointers:
            assert pointer.span is not None, f"{diag.rule} at {pointer.path_text} is not located"
            if pointer.span == NOWHERE and diag.rule.startswith("FL2"):
                continue  # Meta's own answer puts this error at line 0 (meta_port.errors), and so does flowlint
            assert_inside(pointer.span, lines, diag.rule)
            if isinstance(report.value, dict):
                if source_map is None:
                    source_map = parse_source(data).source_map
                where = pointer.at if pointer.at is not None else pointer.path
                assert tuple(where) in source_map, f"{diag.rule} points at {where!r}, which is not in the document"
                if pointer.target == "key":
                    assert source_map.key_span(where) is not None, f"{diag.rule} points at the key of {where!r}"


def assert_inside(span: Span, lines: Lines, rule: str = "") -> None:
    """Lines within the text, 1-based UTF-16 columns, starting at most one column past the end of the line
    (a point at the end of a line or of the file), not ending before the start."""
    assert 1 <= span.line_start <= span.line_end <= lines.index.line_count, (rule, span)
    assert span.column_start >= 1 and span.column_end >= 1, (rule, span)
    assert span.column_start <= lines.units(span.line_start) + 1, (rule, span)
    assert span.column_end <= lines.units(span.line_end) + 2, (rule, span)
    if span.line_start == span.line_end:
        assert span.column_start <= span.column_end, (rule, span)


class Lines:
    """A text's lines, with their UTF-16 lengths measured once (a minified flow is one long line)."""

    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)
        self._units: dict[int, int] = {}

    def units(self, line: int) -> int:
        if line not in self._units:
            self._units[line] = utf16_len(self.index.line_text(line))
        return self._units[line]


def comparable(report: Report) -> list[dict[str, Any]]:
    """Everything a report says, as plain data (two runs on one input must give the same)."""
    return report.to_dicts()
