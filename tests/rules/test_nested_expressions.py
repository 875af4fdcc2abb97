"""FL705 invalid-payload-expression (Meta's NestedExpressionActionPayloadPropertyV702)."""

from __future__ import annotations

from typing import Any

from tests.rules.helpers import assert_clean, assert_reports, complete, exchange, flow, screen, text_input


def form_with(footer: dict[str, Any], *, version: str, **top: Any) -> dict[str, Any]:
    return flow(
        screen("BOOKING", {"type": "Form", "name": "f", "children": [text_input("nickname"), footer]}, terminal=True),
        version=version,
        **top,
    )


def test_complete_payload_expression_must_type_check_from_7_2() -> None:
    doc = form_with(complete({"greeting": "`${form.nickname} + 1`"}), version="7.2")
    assert_reports(
        doc,
        "FL705",
        "INVALID_ACTION_PAYLOAD_PROPERTY",
        "screens[0].layout.children[0].children[1].on-click-action.payload.greeting",
        '"greeting"',
        '"`',
        message="Operation '+' can only be used with numbers.",
    )


def test_not_checked_in_7_0() -> None:
    assert_clean(form_with(complete({"greeting": "`${form.nickname} + 1`"}), version="7.0"), "FL705")


def test_nested_values_and_data_exchange_payloads() -> None:
    doc = form_with(
        exchange({"items": [{"label": "`'Hi ' ${form.nickname} +`"}]}),
        version="7.3",
        data_api_version="3.0",
        routing_model={"BOOKING": []},
    )
    assert_reports(
        doc,
        "FL705",
        "INVALID_ACTION_PAYLOAD_PROPERTY",
        "screens[0].layout.children[0].children[1].on-click-action.payload.items[0].label",
        '"label"',
        '"`',
        message="Expected expression after + at character 36",
    )


def test_well_typed_payload_expressions_pass() -> None:
    assert_clean(form_with(complete({"greeting": "`'Hi ' ${form.nickname}`", "n": 1}), version="7.3"), "FL705")
