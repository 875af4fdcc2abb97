"""FL701 invalid-if-condition, FL702 empty-if-then, FL711 if-condition-not-a-string (Meta's ConditionalRenderingV500/V600)."""

from __future__ import annotations

from typing import Any

from flowlint.diagnostics import format_path
from flowlint.rules import check
from flowlint.versions import FlowVersion
from tests.rules.helpers import assert_clean, assert_reports, complete, data_field, flow, heading, screen

DATA = {
    "visits": data_field("number", 3),
    "tier": data_field("string", "gold"),
    "vip": data_field("boolean", True),
}


def with_if(condition: Any, *, version: str = "7.3", then: list[Any] | None = None) -> dict[str, Any]:
    node = {"type": "If", "condition": condition, "then": [heading("Welcome back")] if then is None else then}
    return flow(screen("BOOKING", heading("Book"), node, complete(), terminal=True, data=DATA), version=version)


def test_comparison_joined_without_parentheses_is_reported_with_its_column() -> None:
    assert_reports(
        with_if("${data.visits} == 3 && ${data.vip}"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"${data.visits} == 3',
        message="Wrong positioning of operator '&&'. It cannot be used in concatenation with '==' at column 20.",
    )


def test_parenthesised_conditions_pass() -> None:
    assert_clean(with_if("(${data.tier} != 'gold') && !${data.vip} || (${data.visits} >= 3)"), "FL701", "FL702")


def test_metas_false_rejection_says_so_in_fix() -> None:
    diag = assert_reports(
        with_if("(${data.visits} >= 3) && (${data.tier} == 'gold')"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"(${data.visits}',
        message="Type mismatch in an equality operation between '(${data.visits} >= 3)' and 'gold' at column 42.",
    )
    assert diag.fix == (
        "Meta's condition checker compares this with the first parenthesised group of the condition (a known "
        "bug); if the condition is right, a backtick expression (Flow JSON 6.0+) passes: "
        '"`(${data.visits} >= 3) && (${data.tier} == \'gold\')`".'
    )


def test_a_genuine_type_mismatch_gets_no_fix() -> None:
    diag = assert_reports(
        with_if("${data.tier} == 1"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"${data.tier}',
        message="Type mismatch in an equality operation between '${data.tier}' and '1' at column 16.",
    )
    assert diag.fix is None


def test_backtick_condition_is_text_to_the_5_1_checker() -> None:
    assert_reports(
        with_if("`${data.visits} > 2`", version="5.1"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"`',
        message="Unexpected character '`' at column 0.",
    )


def test_backtick_condition_is_skipped_from_6_0() -> None:
    assert_clean(with_if("`${data.visits} > 2`", version="6.0"), "FL701")


def test_7_1_checks_no_condition_and_7_2_does() -> None:
    assert_clean(with_if("(${data.vip}", version="7.1"), "FL701")
    assert_reports(
        with_if("(${data.vip}", version="7.2"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"(${data.vip}"',
        message="Missing closing parenthesis.",
    )


def test_undeclared_operand_uses_the_data_wording_without_column() -> None:
    assert_reports(
        with_if("${form.full_name}"),
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].condition",
        '"condition"',
        '"${form',
        message="Missing dynamic data 'full_name' in the data model for screen BOOKING.",
    )


def test_empty_then_is_reported_when_the_condition_passes() -> None:
    assert_reports(
        with_if("${data.vip}", then=[]),
        "FL702",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[1].then",
        '"then"',
        "[]",
        message="Expected array to contain at least one component.",
    )
    assert_clean(with_if("${data.vip}"), "FL702")


def test_conditions_inside_a_form_and_nested_ifs_are_checked() -> None:
    inner = {"type": "If", "condition": "${data.visits}", "then": [heading("x")]}
    outer = {"type": "If", "condition": "${data.vip}", "then": [inner]}
    doc = flow(
        screen("BOOKING", {"type": "Form", "name": "f", "children": [outer]}, complete(), terminal=True, data=DATA)
    )
    assert_reports(
        doc,
        "FL701",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[0].children[0].then[0].condition",
        '"condition": "${data.visits}"',
        '"${data.visits}"',
        message="Expected single operand to be a boolean.",
    )


def _semantic(doc: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The semantic pass alone: flowlint's own schemas refuse a boolean condition, Meta's (6.0+) take it."""
    version = FlowVersion.from_text(doc["version"])
    assert version is not None
    return [(d.rule, d.error, d.message, format_path(d.path)) for d in check(doc, version) if d.severity == "error"]


def test_fl711_boolean_condition_from_6_0_is_metas_own_failure() -> None:
    # ConditionalRenderingValidatorV600 checks every condition that is no backtick expression and asserts a
    # string: Meta's answer is then this one error, whatever else the flow has (case p1-2001351 of meta-fuzz).
    doc = with_if(True)
    doc["screens"][0]["layout"]["children"].append(complete())  # two Footers: would be another error
    assert _semantic(doc) == [
        ("FL711", "INVALID_FLOW_JSON", "Flow JSON is not valid. Minified invariant #88059; %s",
         "screens[0].layout.children[1].condition")
    ]
    assert _semantic(with_if("`true`")) == []


def test_fl711_boolean_condition_is_not_checked_before_6_0_nor_in_7_1() -> None:
    for version in ("5.1", "7.1"):
        assert _semantic(with_if(True, version=version)) == []
