"""FL703 invalid-dynamic-expression, FL704 rich-text-interpolation (Meta's DynamicParserV600)."""

from __future__ import annotations

from typing import Any

from tests.rules.helpers import assert_clean, assert_reports, complete, data_field, flow, screen, text_input

DATA = {
    "visits": data_field("number", 3),
    "tier": data_field("string", "gold"),
    "vip": data_field("boolean", True),
    "name": data_field("string", "Ana"),
}


def booking(*children: Any, version: str = "7.3") -> dict[str, Any]:
    return flow(screen("BOOKING", *children, complete(), terminal=True, data=DATA), version=version)


def test_return_type_must_fit_the_property_pointer_on_the_key() -> None:
    doc = booking({"type": "TextHeading", "text": "Hi", "visible": "`${data.visits} + 1`"}, version="6.0")
    assert_reports(
        doc,
        "FL703",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[0].visible",
        '"visible"',
        message='Error while parsing dynamic expression "`${data.visits} + 1`". The expression return type is '
        "'number' which does not match the schema for the property.",
    )


def test_parse_errors_are_worded_as_jsep_words_them() -> None:
    doc = booking({"type": "TextHeading", "text": "`${data.visits} +`"}, version="6.0")
    assert_reports(
        doc,
        "FL703",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[0].text",
        '"text": "`',
        message='Error while parsing dynamic expression "`${data.visits} +`". Expected expression after + at '
        "character 28",
    )


def test_operands_are_typed_from_the_data_model_and_form() -> None:
    doc = booking(
        {"type": "Form", "name": "f", "children": [text_input("nickname"), {"type": "TextBody", "text": "`!${form.nickname}`"}]},
        version="7.2",
    )
    assert_reports(
        doc,
        "FL703",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[0].children[1].text",
        '"text": "`!',
        message='Error while parsing dynamic expression "`!${form.nickname}`". Operation \'!\' can only be used '
        "before booleans.",
    )


def test_runs_in_7_1_too() -> None:
    doc = booking({"type": "TextHeading", "text": "Hi", "visible": "`${data.tier} == 1`"}, version="7.1")
    assert_reports(doc, "FL703", "INVALID_PROPERTY_VALUE", "screens[0].layout.children[0].visible", '"visible"')


def test_well_typed_expressions_and_plain_strings_pass() -> None:
    doc = booking(
        {"type": "TextHeading", "text": "`'Hi ' ${data.name}`", "visible": "`(${data.visits} > 2) && ${data.vip}`"},
        {"type": "TextBody", "text": "It's ${data.name} and more"},
        {"type": "Image", "src": "iVBORw0KGgo=", "width": 10},
        version="6.0",
    )
    assert_clean(doc, "FL703", "FL704")


def test_not_run_before_6_0() -> None:
    doc = booking({"type": "TextHeading", "text": "`${data.visits} +`"}, version="5.1")
    assert_clean(doc, "FL703")


def test_rich_text_interpolation_is_reported_on_the_text_key() -> None:
    doc = flow(screen("BOOKING", {"type": "RichText", "text": "# Hello ${data.name}"}, terminal=True, data=DATA))
    assert_reports(
        doc,
        "FL704",
        "INVALID_PROPERTY_VALUE",
        "screens[0].layout.children[0].text",
        '"text"',
        message='String interpolation is not supported by RichText component. Either use static value (e.g. "# '
        'Title") or dynamic only (e.g. "${data.title}").',
    )
    whole = flow(screen("BOOKING", {"type": "RichText", "text": "${data.name}"}, terminal=True, data=DATA))
    assert_clean(whole, "FL704")
