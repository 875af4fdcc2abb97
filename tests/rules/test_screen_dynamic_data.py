"""FL706 unresolved-binding, FL707 global-binding-to-current-screen, FL708 binding-type-mismatch
(Meta's ScreenDynamicDataV500/V600)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.rules.helpers import (
    assert_clean,
    assert_reports,
    complete,
    data_field,
    flow,
    heading,
    lint,
    navigate,
    screen,
    text_input,
)


def one(*children: Any, data: Any = None, version: str = "7.3") -> dict[str, Any]:
    return flow(screen("BOOKING", *children, complete(), terminal=True, data=data), version=version)


def test_undeclared_data_in_5_1_and_7_3_not_in_7_1() -> None:
    for version in ("5.1", "7.3"):
        assert_reports(
            one(heading("${data.greeting}"), version=version),
            "FL706",
            "INVALID_SCREEN_DYNAMIC_DATA",
            "screens[0].layout.children[0].text",
            '"${data.greeting}"',
            message="Missing dynamic data '${data.greeting}' in the screen data model.",
        )
    assert_clean(one(heading("${data.greeting}"), version="7.1"), "FL706")


def test_unknown_form_field() -> None:
    doc = one({"type": "Form", "name": "f", "children": [text_input("name")]}, heading("${form.fullname}"))
    assert_reports(
        doc,
        "FL706",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[1].text",
        '"${form.fullname}"',
        message="Dynamic data '${form.fullname}' from screen 'BOOKING' does not exist, but is used on screen 'BOOKING'.",
    )


def test_global_binding_to_a_missing_screen_and_to_the_current_one() -> None:
    assert_reports(
        one(heading("${screen.DETAILS.data.greeting}")),
        "FL706",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].text",
        '"${screen',
        message="Global dynamic data '${screen.DETAILS.data.greeting}' used on screen 'BOOKING' for TextHeading "
        "property 'text' is invalid since screen 'DETAILS' is missing in the Flow JSON.",
    )
    data = {"greeting": data_field("string", "Hi")}
    assert_reports(
        one(heading("${screen.BOOKING.data.greeting}"), data=data),
        "FL707",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].text",
        '"${screen',
        message="Global dynamic data '${screen.BOOKING.data.greeting}' used on screen 'BOOKING' for TextHeading "
        "property 'text' is invalid since screen 'BOOKING' represents current screen. Convert expression to local "
        "referencing of the form ${data.<property>}.",
    )


def test_global_bindings_to_other_screens_resolve() -> None:
    doc = flow(
        screen("DETAILS", {"type": "Form", "name": "f", "children": [text_input("name"), navigate("CONFIRM")]}),
        screen("CONFIRM", heading("${screen.DETAILS.form.name}"), complete(), terminal=True),
    )
    assert_clean(doc, "FL706", "FL707", "FL708")


def test_types_are_compared_by_name() -> None:
    data = {"width": data_field("integer", 100), "count": data_field("number", 2), "show": data_field("string", "y")}
    assert_reports(
        one({"type": "Image", "src": "iVBORw0KGgo=", "width": "${data.width}"}, data=data),
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].width",
        '"${data.width}"',
        message="Expected 'screens[0].data.width' to be of type 'number'.",
    )
    assert_reports(
        one({"type": "TextHeading", "text": "Hi", "visible": "${data.show}"}, data=data),
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].visible",
        '"${data.show}"',
        message="Expected 'screens[0].data.show' to be of type 'boolean'.",
    )
    assert_reports(
        one({"type": "TextBody", "text": "${data.count}"}, data=data),
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].text",
        '"${data.count}"',
        message="Expected 'screens[0].data.count' to be of one of these types: [string, array].",
    )


def test_data_source_items_need_the_required_properties() -> None:
    data = {
        "branches": data_field(
            "array", [{"id": "1"}], items={"type": "object", "properties": {"id": {"type": "string"}}}
        )
    }
    group = {"type": "RadioButtonsGroup", "name": "branch", "label": "Branch", "data-source": "${data.branches}"}
    assert_reports(
        one({"type": "Form", "name": "f", "children": [group]}, data=data),
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].children[0].data-source",
        '"${data.branches}"',
        message="Data model schema is invalid for '${data.branches}'. Missing schema for title.",
    )


def test_form_field_types() -> None:
    doc = one(
        {"type": "Form", "name": "f", "children": [text_input("name"), {"type": "TextHeading", "text": "Hi", "visible": "${form.name}"}]}
    )
    assert_reports(
        doc,
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].children[1].visible",
        '"${form.name}"',
        message="Found invalid form data. Expected '${form.name}' to be of type 'boolean'.",
    )


def test_well_typed_bindings_pass() -> None:
    data = {
        "greeting": data_field("string", "Hi"),
        "show": data_field("boolean", True),
        "width": data_field("number", 100),
        "branches": data_field(
            "array",
            [{"id": "1", "title": "A"}],
            items={"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}},
        ),
    }
    group = {"type": "Dropdown", "name": "branch", "label": "Branch", "data-source": "${data.branches}"}
    doc = one(
        {"type": "TextHeading", "text": "${data.greeting}", "visible": "${data.show}"},
        {"type": "Image", "src": "iVBORw0KGgo=", "width": "${data.width}"},
        {"type": "Form", "name": "f", "children": [group]},
        data=data,
    )
    assert_clean(doc, "FL706", "FL707", "FL708")


def test_open_url_binding_must_be_a_string_from_6_0() -> None:
    data = {"link": data_field("number", 1)}
    link = {"type": "EmbeddedLink", "text": "Terms", "on-click-action": {"name": "open_url", "url": "${data.link}"}}
    assert_reports(
        one(link, data=data, version="6.0"),
        "FL708",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].on-click-action.url",
        '"${data.link}"',
        message="Expected 'screens[0].data.link' to be of type 'string'.",
    )
    ok = {"link": data_field("string", "https://example.com")}
    assert_clean(one(link, data=ok, version="6.0"), "FL706", "FL708")


def test_a_close_declared_name_is_suggested_in_fix() -> None:
    data = {"greeting": data_field("string", "Hi")}
    diag = assert_reports(
        one(heading("${data.greting}"), data=data),
        "FL706",
        "INVALID_SCREEN_DYNAMIC_DATA",
        "screens[0].layout.children[0].text",
        '"${data.greting}"',
        message="Missing dynamic data '${data.greting}' in the screen data model.",
    )
    assert diag.fix == "did you mean ${data.greeting}?"
    form = one({"type": "Form", "name": "f", "children": [text_input("full_name")]}, heading("${form.fullname}"))
    _, report = lint(form)
    assert [d.fix for d in report.diagnostics if d.rule == "FL706"] == ["did you mean ${form.full_name}?"]


def test_the_properties_dynamic_parser_keeps_are_those_screen_dynamic_data_would_collect() -> None:
    # DynamicParserV600 records, as it reads every property, the ones ScreenDynamicDataV600 reads
    # (dynamic_data.record_binding_properties): the same list, in the same order, as collecting them anew.
    import json

    from flowlint.rules import dynamic_data
    from flowlint.rules.dynamic_expressions import dynamic_parser
    from flowlint.rules.model import build_model
    from flowlint.source import parse_source
    from flowlint.versions import version_gate
    from tests.conformance import META, absent_reason, load_cases

    checked = 0
    for case in load_cases():
        parsed = parse_source(case.flow_bytes)
        if parsed.fatal or not isinstance(parsed.value, dict):
            continue
        version, _ = version_gate(parsed.value)
        if version is None:
            continue
        walked = build_model(parsed.value, version)
        list(dynamic_parser(walked))
        fresh = build_model(parsed.value, version)
        kept = walked.__dict__["_flowlint_binding_properties"]
        collected = dynamic_data.binding_properties(fresh)
        assert [(s.index, c.path, k, json.dumps(v)) for s, c, k, v in kept] == [
            (s.index, c.path, k, json.dumps(v)) for s, c, k, v in collected
        ], case.name
        checked += 1
    if not checked:
        pytest.skip(absent_reason(META))
