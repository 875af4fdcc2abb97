"""The position contract (spec/positions.md), pinned to Meta's published sample and to observed answers."""

from __future__ import annotations

import json

import pytest

from flowlint.positions import LineIndex, Span, utf16_len
from flowlint.source import parse_source

# Meta's Create Flow sample request, pretty-printed with 2-space indentation (spec/api-errors.md §4.1):
# its documented error is at line 10, columns 21..34, path screens[0].layout.children[0].type.
META_SAMPLE = json.dumps(
    {
        "version": "5.0",
        "screens": [
            {
                "id": "WELCOME_SCREEN",
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextHeading", "text": "Hello World"},
                        {"type": "Footer", "label": "Complete", "on-click-action": {"name": "complete", "payload": {}}},
                    ],
                },
                "title": "Welcome",
                "terminal": True,
                "success": True,
                "data": {},
            }
        ],
    },
    indent=2,
)


def test_meta_documented_sample_value_span() -> None:
    parsed = parse_source(META_SAMPLE)
    span = parsed.source_map.value_span(("screens", 0, "layout", "children", 0, "type"))
    assert span is not None
    assert (span.line_start, span.column_start, span.line_end, span.column_end) == (10, 21, 10, 34)


def test_key_span_covers_the_quoted_key() -> None:
    parsed = parse_source(META_SAMPLE)
    span = parsed.source_map.key_span(("screens", 0, "layout", "children", 0, "type"))
    assert span is not None
    assert (span.line_start, span.column_start, span.line_end, span.column_end) == (10, 13, 10, 19)


def test_object_span_runs_from_brace_to_one_past_closing_brace() -> None:
    text = '{\n  "a": {\n    "b": 1\n  }\n}\n'
    span = parse_source(text).source_map.value_span(("a",))
    assert span == Span(2, 8, 4, 4, 9, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ab", 2),
        ("é€", 2),  # BMP characters are one UTF-16 unit each
        ("😀", 2),  # a surrogate pair
        ("👩‍💻", 5),  # ZWJ sequence: 2 + 1 + 2
        ("\U0001d49c", 2),
        ("\t", 1),
    ],
)
def test_utf16_len(text: str, expected: int) -> None:
    assert utf16_len(text) == expected


def test_lone_surrogate_counts_as_one_unit() -> None:
    assert utf16_len("a\ud800b") == 3


def test_columns_count_utf16_units_before_the_span() -> None:
    text = '{"a": "😀", "b": 1}'
    span = parse_source(text).source_map.key_span(("b",))
    # '{"a": "' is 7 units, the emoji 2, '", ' 3: the key starts at column 13.
    assert span is not None and (span.column_start, span.column_end) == (13, 16)


def test_span_ending_in_an_emoji_ends_two_units_later() -> None:
    span = parse_source('{"a": "😀"}').source_map.value_span(("a",))
    assert span is not None and (span.column_start, span.column_end) == (7, 11)


def test_crlf_lines_end_at_newline_and_cr_is_a_column() -> None:
    text = '{\r\n  "a": 1\r\n}'
    span = parse_source(text).source_map.value_span(("a",))
    assert span is not None and (span.line_start, span.column_start, span.column_end) == (2, 8, 9)


def test_lone_cr_does_not_end_a_line() -> None:
    index = LineIndex('{\r"a": 1}')
    assert index.position(2) == (1, 3)


def test_tab_is_one_column() -> None:
    span = parse_source('{\n\t"a": 1\n}').source_map.key_span(("a",))
    assert span is not None and (span.line_start, span.column_start) == (2, 2)


def test_bom_is_not_counted() -> None:
    parsed = parse_source('\ufeff{"a": 1}'.encode())
    span = parsed.source_map.key_span(("a",))
    assert span is not None and span.column_start == 2


def test_point_at_end_of_text() -> None:
    index = LineIndex('{"a": 1')
    assert index.point(7) == Span(1, 8, 1, 9, 7, 7)


def test_multiline_span_end_is_on_the_last_line() -> None:
    index = LineIndex('[\n1,\n2\n]')
    span = index.span(0, 8)
    assert (span.line_start, span.column_start, span.line_end, span.column_end) == (1, 1, 4, 2)


# --- one-line (minified) texts: a column is counted without slicing the line (issue 24, point 2) -----------

from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(["a", "\n", "\u00e9", "\U0001f600", "\ud800", "\r", "x"]), max_size=40))
def test_position_counts_utf16_units_like_a_slice_would(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line = index.line_of(offset)
        start = index.line_start_offset(line)
        assert index.position(offset) == (line, utf16_len(text[start:offset]) + 1)


def test_position_on_a_long_single_line_is_not_a_slice_per_call() -> None:
    # 200 000 positions on one 2 MB line: with a slice per call this is ~10^11 character copies.
    text = "\U0001f600" + "a" * 2_000_000
    index = LineIndex(text)
    # After the emoji (two UTF-16 units), the character at offset o is in column o + 2.
    assert all(index.position(offset) == (1, offset + 2) for offset in range(1, len(text), 10))
    assert index.position(0) == (1, 1)
