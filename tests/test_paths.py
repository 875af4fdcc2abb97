"""Path text in the API's form, and its inverse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowlint.diagnostics import format_path, parse_path


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ((), ""),
        (("screens", 0, "layout", "children", 0, "type"), "screens[0].layout.children[0].type"),
        (("screens", 0, "layout", "children", 1, "on-click-action", "name"), "screens[0].layout.children[1].on-click-action.name"),
        (("routing_model", "DETAILS", 0), "routing_model.DETAILS[0]"),
        (("data", "a.b"), "data['a.b']"),
        (("data", "a b"), "data['a b']"),
        (("data", ""), "data['']"),
        (("data", "it's"), "data['it\\'s']"),
        (("data", "x[0]"), "data['x[0]']"),
        ((0, "a"), "[0].a"),
    ],
)
def test_format_path(path: tuple, text: str) -> None:
    assert format_path(path) == text
    assert parse_path(text) == path


def test_parse_path_reads_ajv_bracket_form() -> None:
    assert parse_path("screens[0].layout.children[1]['on-click-action'].name") == (
        "screens", 0, "layout", "children", 1, "on-click-action", "name"
    )
    assert parse_path("routing_model['DETAILS'][0]") == ("routing_model", "DETAILS", 0)


keys = st.one_of(st.text(max_size=8), st.integers(min_value=0, max_value=999))


@given(st.lists(keys, max_size=6))
def test_format_then_parse_round_trips(path: list) -> None:
    # A key made only of digits would read back as an index only in bracket form; format_path never
    # produces bare digits for strings at the start, so the round trip holds for every path.
    assert parse_path(format_path(tuple(path))) == tuple(path)
