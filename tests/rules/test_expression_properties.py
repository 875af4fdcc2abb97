"""Properties of the binding and expression rules over generated valid flows (``tests/rules/strategies.py``).

A valid flow gets none of FL701-FL709; adding a well-typed binding, condition or expression keeps it so;
breaking one (an undeclared field, a trailing operator, a mistyped expression) triggers the matching rule at
the mutated path, in the versions where Meta runs that check.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flowlint
from flowlint.diagnostics import format_path
from flowlint.testing import valid_flows

EXPRESSION_RULES = {f"FL70{i}" for i in range(1, 10)}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lint(doc: dict[str, Any]) -> flowlint.Report:
    return flowlint.lint(json.dumps(doc, indent=2))


def found(report: flowlint.Report, rule: str) -> list[str]:
    return [format_path(d.path) for d in report.diagnostics if d.rule == rule]


def insert(doc: dict[str, Any], index: int, node: dict[str, Any]) -> str:
    """Put ``node`` first on screen ``index``; its path."""
    doc["screens"][index]["layout"]["children"].insert(0, node)
    return f"screens[{index}].layout.children[0]"


def number(doc: dict[str, Any]) -> int:
    major, minor = doc["version"].split(".")
    return int(major) * 100 + int(minor)


@SETTINGS
@given(valid_flows())
def test_generated_flows_get_no_expression_rule(doc: dict[str, Any]) -> None:
    report = lint(doc)
    assert not [d.rule for d in report.diagnostics if d.rule in EXPRESSION_RULES]


@SETTINGS
@given(valid_flows(), st.data())
def test_undeclared_binding_is_reported_where_it_is(doc: dict[str, Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    path = insert(doc, index, {"type": "TextHeading", "text": "${data.zz_undeclared}"})
    report = lint(doc)
    if doc["version"] == "7.1":
        assert not found(report, "FL706")
    else:
        assert found(report, "FL706") == [path + ".text"]


@SETTINGS
@given(valid_flows(), st.data())
def test_bound_boolean_condition_passes_and_a_trailing_operator_fails(doc: dict[str, Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    screen = doc["screens"][index]
    screen.setdefault("data", {})["zz_flag"] = {"type": "boolean", "__example__": True}
    if index > 0:  # the previous screen's navigate payload must still match the declared data
        for node in doc["screens"][index - 1]["layout"]["children"]:
            for inner in [node] + node.get("children", []):
                action = inner.get("on-click-action", {})
                if action.get("name") == "navigate":
                    action.setdefault("payload", {})["zz_flag"] = True
    trailing = data.draw(st.booleans())
    condition = "${data.zz_flag} &&" if trailing else "!${data.zz_flag}"
    path = insert(doc, index, {"type": "If", "condition": condition, "then": [{"type": "TextBody", "text": "x"}]})
    report = lint(doc)
    if trailing and doc["version"] != "7.1":
        assert found(report, "FL701") == [path + ".condition"]
    else:
        assert not found(report, "FL701")


@SETTINGS
@given(valid_flows(), st.data())
def test_mistyped_expression_is_reported_on_the_key_from_6_0(doc: dict[str, Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    good = data.draw(st.booleans())
    visible = "`1 < 2`" if good else "`1 + 2`"
    path = insert(doc, index, {"type": "TextBody", "text": "x", "visible": visible})
    report = lint(doc)
    if good or number(doc) < 600:
        assert not found(report, "FL703")
    else:
        assert found(report, "FL703") == [path + ".visible"]
