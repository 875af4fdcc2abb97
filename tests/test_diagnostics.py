"""Diagnostics as data, located by the engine, merged and serialised as the API does."""

from __future__ import annotations

from flowlint.diagnostics import Diagnostic, Pointer, Report, merge_for_api
from flowlint.engine import Selection, locate
from flowlint.source import parse_source

TEXT = '{\n  "screens": [\n    {"id": "A"},\n    {"id": "B"}\n  ]\n}\n'


def _located(*diags: Diagnostic) -> list[Diagnostic]:
    return locate(diags, parse_source(TEXT))


def test_value_key_and_missing_property_spans() -> None:
    value, key, missing = _located(
        Diagnostic("E", "value", (Pointer(("screens", 0, "id")),)),
        Diagnostic("E", "key", (Pointer(("screens", 1, "id"), "key"),)),
        Diagnostic("E", "missing", (Pointer(("screens", 1)),)),
    )
    assert value.span is not None and (value.span.line_start, value.span.column_start, value.span.column_end) == (3, 12, 15)
    assert key.span is not None and (key.span.line_start, key.span.column_start, key.span.column_end) == (4, 6, 10)
    assert missing.span is not None and (missing.span.column_start, missing.span.column_end) == (5, 16)


def test_unknown_path_falls_back_to_the_nearest_ancestor() -> None:
    [diag] = _located(Diagnostic("E", "m", (Pointer(("screens", 0, "layout", "children")),)))
    assert diag.span is not None and (diag.span.line_start, diag.span.column_start) == (3, 5)
    assert diag.pointers[0].path_text == "screens[0].layout.children"  # the path stays what the rule said


def test_merge_same_rule_error_and_message_into_one_with_several_pointers() -> None:
    a, b, c, dup = _located(
        Diagnostic("DUPLICATE_SCREEN_IDS", "Duplicate", (Pointer(("screens", 0, "id")),), "FL4"),
        Diagnostic("DUPLICATE_SCREEN_IDS", "Duplicate", (Pointer(("screens", 1, "id")),), "FL4"),
        Diagnostic("OTHER", "Duplicate", (Pointer(("screens", 1, "id")),), "FL4"),
        Diagnostic("DUPLICATE_SCREEN_IDS", "Duplicate", (Pointer(("screens", 0, "id")),), "FL4"),
    )
    merged = merge_for_api([a, b, c, dup])
    assert [len(d.pointers) for d in merged] == [2, 1]
    assert [p.path_text for p in merged[0].pointers] == ["screens[0].id", "screens[1].id"]


def test_api_and_graph_shapes() -> None:
    [diag] = _located(Diagnostic("INVALID_PROPERTY_VALUE", "Invalid value found for property 'id'.", (Pointer(("screens", 0, "id")),), "FL2"))
    report = Report([diag])
    assert report.to_api() == [
        {
            "error": "INVALID_PROPERTY_VALUE",
            "errorType": "FLOW_JSON_ERROR",
            "message": "Invalid value found for property 'id'.",
            "lineStart": 3,
            "lineEnd": 3,
            "columnStart": 12,
            "columnEnd": 15,
            "pointers": [{"lineStart": 3, "lineEnd": 3, "columnStart": 12, "columnEnd": 15, "path": "screens[0].id"}],
        }
    ]
    [graph] = report.to_graph()
    assert list(graph) == ["error", "error_type", "message", "line_start", "line_end", "column_start", "column_end", "pointers"]
    assert graph["pointers"][0]["line_start"] == 3


def test_warnings_are_left_out_of_the_api_shape_unless_asked() -> None:
    [warn] = _located(Diagnostic("DUPLICATE_KEY", "w", (Pointer(("screens",), "key"),), "FL004", "warning"))
    report = Report([warn])
    assert report.ok and report.to_api() == [] and len(report.to_api(include_warnings=True)) == 1


def test_selection_by_code_and_prefix() -> None:
    sel = Selection(select=["FL1", "FL004"], ignore=["FL103"])
    assert sel.allows("FL101") and sel.allows("FL004")
    assert not sel.allows("FL103") and not sel.allows("FL001")
    assert Selection(ignore=["FL0"]).allows("FL101") and not Selection(ignore=["FL0"]).allows("FL004")
    assert Selection(select=["ALL"], ignore=["FL1"]).allows("FL004")
    assert Selection(select=["FL103"], ignore=["FL1"]).allows("FL103")  # the more specific wins
