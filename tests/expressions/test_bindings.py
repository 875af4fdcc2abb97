"""Bindings as Meta's validators recognise and split them (``spec/meta-validator.md`` §3.6)."""

from __future__ import annotations

import pytest

from flowlint.expressions import (
    BINDING_PATTERN_V400,
    Binding,
    has_string_interpolation,
    is_binding,
    is_nested_expression,
    parse_binding,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${data.x}", Binding("S", "data", "x", "${data.x}", False)),
        ("${form.name}", Binding("S", "form", "name", "${form.name}", False)),
        ("${data.a.b}", Binding("S", "data", "a.b", "${data.a.b}", False)),
        ("${screen.T.data.x}", Binding("T", "data", "x", "${screen.T.data.x}", True)),
        ("${screen.T.form.f}", Binding("T", "form", "f", "${screen.T.form.f}", True)),
        ("${screen.S.data.a.b}", Binding("S", "data", "a.b", "${screen.S.data.a.b}", True)),
    ],
)
def test_parse_binding(text: str, expected: Binding) -> None:
    assert parse_binding(text, screen="S") == expected


@pytest.mark.parametrize("text", ["${data.x} more", "Hi ${data.x}", "`${data.x}`", "${external_data.x}", "data.x", 3])
def test_not_a_whole_binding(text: object) -> None:
    assert parse_binding(text, screen="S") is None


def test_schema_pattern_is_not_end_anchored() -> None:
    # binding-trailing-text-accepted: the schema accepts "${data.x} more text".
    assert BINDING_PATTERN_V400.match("${data.x} more text")
    assert not BINDING_PATTERN_V400.match("${data}")
    assert not BINDING_PATTERN_V400.match("${data.a b}")


def test_binding_value_recognition() -> None:
    assert is_binding("${data.x}")
    assert is_binding("${screen.A.form.x} trailing}")  # a global binding is recognised by its start only
    assert not is_binding("${data.x} more")
    assert is_binding("${external_data.products}")


def test_nested_expression_and_interpolation() -> None:
    assert is_nested_expression("`${data.a} + 1`")
    assert not is_nested_expression("`open")
    assert has_string_interpolation("Hello ${data.name}")
    assert has_string_interpolation("${data.name}!")
    assert not has_string_interpolation("${data.name}")
    assert not has_string_interpolation("# Title")
