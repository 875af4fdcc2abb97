"""Small Flow JSON fixtures for the schema tests, and positions computed independently of flowlint's parser.

Positions here come from ``json.JSONDecoder.raw_decode`` and plain string search over the fixture text
(1-based lines and columns, end column exclusive, ASCII fixtures), so the tests check flowlint's source
map rather than repeat it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import flowlint
from flowlint.components import COMPONENTS
from flowlint.diagnostics import ERROR, format_path

#: One valid instance of every component (the ``example`` of each entry of the component table).
VALID: dict[str, dict[str, Any]] = {ctype: copy.deepcopy(dict(spec.example)) for ctype, spec in COMPONENTS.items()}

#: Required properties besides ``type``, in the newest version (the component table; Meta's components
#: reference; spec/meta-validator.md §3.3-3.5).
REQUIRED: dict[str, list[str]] = {ctype: spec.required_in("7.3") for ctype, spec in COMPONENTS.items()}


def flow(children: list[dict[str, Any]], version: str, **screen: Any) -> dict[str, Any]:
    return {
        "version": version,
        "screens": [
            {
                "id": "START",
                "title": "Start",
                "terminal": True,
                **screen,
                "layout": {"type": "SingleColumnLayout", "children": copy.deepcopy(children)},
            }
        ],
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2) + "\n"


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def span_at(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    line1, col1 = position(text, start)
    line2, col2 = position(text, end - 1)
    return line1, col1, line2, col2 + 1


def key_span(text: str, key: str, *, occurrence: int = 0) -> tuple[int, int, int, int]:
    needle = json.dumps(key) + ":"
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return span_at(text, start, start + len(json.dumps(key)))


def value_span(text: str, key: str, *, occurrence: int = 0) -> tuple[int, int, int, int]:
    needle = json.dumps(key) + ": "
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    begin = start + len(needle)
    _, end = json.JSONDecoder().raw_decode(text, begin)
    return span_at(text, begin, end)


def object_span(text: str, type_name: str, *, occurrence: int = 0) -> tuple[int, int, int, int]:
    """The span of the object whose ``"type"`` is ``type_name``."""
    needle = f'"type": {json.dumps(type_name)}'
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    begin = text.rindex("{", 0, at)
    _, end = json.JSONDecoder().raw_decode(text, begin)
    return span_at(text, begin, end)


def schema_errors(text: str) -> list[tuple[str, str, str, tuple[int, int, int, int]]]:
    """(error, message, path, span) of every schema-pass error, one row per pointer."""
    report = flowlint.lint(text)
    rows = []
    for diag in report.diagnostics:
        if diag.rule.startswith("FL2") and diag.severity == ERROR:
            for p in diag.pointers:
                span = p.span
                assert span is not None
                rows.append(
                    (diag.error, diag.message, format_path(p.path),
                     (span.line_start, span.column_start, span.line_end, span.column_end))
                )
    return rows


def schema_diagnostics(text: str) -> list[Any]:
    return [d for d in flowlint.lint(text).diagnostics if d.rule.startswith("FL2")]
