"""LSP positions and the tolerant scan (no pygls needed)."""

from __future__ import annotations

from flowlint.lsp.text import LspIndex, place_at, scan


def test_positions_count_utf16_units_and_every_line_break() -> None:
    text = '{"a": "😀x",\r\n"b": 1,\r"c": 2}'
    index = LspIndex(text)
    x = text.index("x")
    assert index.position(x) == (0, 9)  # the emoji is two UTF-16 units
    assert index.offset(0, 9) == x
    assert index.position(text.index('"b"')) == (1, 0)
    assert index.position(text.index('"c"')) == (2, 0)  # a lone \r ends a line in LSP
    assert index.offset(1, 999) == text.index("\r", text.index('"b"'))  # past the end: the end of the line


def test_scan_places_paths_in_broken_text() -> None:
    text = '{"version": "7.3", "screens": [{"id": "A", "layout": {"children": [{"type": "Te'
    outline = scan(text)
    assert outline.top_keys == ("version", "screens")
    assert ("screens", 0, "layout", "children", 0, "type") in outline.entries
    place = place_at(text, len(text))
    assert place.kind == "value" and place.path == ("screens", 0, "layout", "children", 0, "type")


def test_place_kinds() -> None:
    text = '{"a": [1, 2], "b": {"c": "x"}}'
    assert place_at(text, text.index('"c"') + 1) == ("key", ("b", "c"), text.index('"c"'), text.index('"c"') + 3)
    assert place_at(text, text.index("2")).kind == "new-value"
    assert place_at(text, text.index("2")).path == ("a", 1)
    assert place_at(text, text.index('"b"')).kind == "new-key"
