"""The binding and expression validators never fail on a document of the wrong shape (any value anywhere):
the semantic pass may run on documents with schema errors, and a failing validator would show as FL300."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowlint.rules import (
    check,
    conditions,
    dynamic_expressions,
    nested_expressions,
    rich_text_dynamic_data,
    screen_dynamic_data,
)
from flowlint.versions import FlowVersion

BASE: dict[str, Any] = {
    "version": "7.3",
    "screens": [
        {
            "id": "A",
            "data": {"n": {"type": "number", "__example__": 1}, "o": {"type": "object", "properties": {"x": {"type": "string"}}}},
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextHeading", "text": "${data.n}", "visible": "`${data.n} > 1`"},
                    {"type": "If", "condition": "(${data.n} > 1)", "then": [{"type": "TextBody", "text": ["a", "${data.o}"]}]},
                    {"type": "RichText", "text": "# ${data.n}"},
                    {
                        "type": "Form",
                        "name": "f",
                        "children": [
                            {"type": "Dropdown", "name": "d", "label": "D", "data-source": "${screen.A.data.o.x}"},
                            {
                                "type": "Footer",
                                "label": "Go",
                                "on-click-action": {"name": "complete", "payload": {"a": "`${form.d} + 1`", "b": ["`x`"]}},
                            },
                        ],
                    },
                ],
            },
        }
    ],
}

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=12)
    | st.sampled_from(["${data.n}", "`!`", "${form.d}", "${form.zz}", "${screen.A.form.zz}", "${data.zz}"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, prefix + (i,))
    return out


PATHS = [p for p in _paths(BASE) if p]
#: The names a failure of one of this family's validators would carry in its FL300 message.
MINE = tuple(
    name
    for module in (conditions, dynamic_expressions, nested_expressions, screen_dynamic_data, rich_text_dynamic_data)
    for validator_name, function in module.VALIDATORS.items()
    for name in (validator_name, function.__qualname__)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), JSON, st.sampled_from([501, 600, 702, 703]))
def test_any_value_anywhere_is_checked_without_failing(path: tuple[Any, ...], value: Any, number: int) -> None:
    doc = copy.deepcopy(BASE)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    failures = [d.message for d in check(doc, FlowVersion(number, str(number))) if d.rule == "FL300"]
    assert not [m for m in failures if any(name in m for name in MINE)], failures
