"""Screen rules FL401-FL414 (spec/meta-validator.md §2.2, §2.3, §2.6; conformance README)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rules.helpers import (
    assert_clean,
    assert_reports,
    complete,
    data_field,
    exchange,
    flow,
    heading,
    lint,
    navigate,
    screen,
    two_screens,
)


def one_screen(*, version: str = "7.3", **extra: object) -> dict:
    return flow(screen("BOOKING", heading(), complete(), terminal=True, **extra), version=version)


# FL401-FL403: ScreenIDV500 ------------------------------------------------------------------------------------
def test_fl401_reserved_success() -> None:
    doc = flow(screen("success", heading(), complete(), terminal=True))
    assert_reports(doc, "FL401", "SCREEN_ID_IS_RESERVED_KEYWORD", "screens[0].id", '"success"',
                   message="Screen id cannot be 'success' since it is a reserved keyword.")
    assert_clean(flow(screen("DONE", heading(), complete(), terminal=True)), "FL401")


def test_fl401_upper_case_is_only_a_docs_warning() -> None:
    doc = flow(screen("SUCCESS", heading(), complete(), terminal=True))
    assert_clean(doc)  # no error at all: Meta accepts it (case screen-id-uppercase-success)
    assert_reports(doc, "FL951", "SCREEN_ID_IS_RESERVED_KEYWORD", "screens[0].id", '"SUCCESS"', severity="warning")


def test_fl402_duplicate_ids_later_ones_first() -> None:
    doc = two_screens()
    doc["screens"] += [screen("CONFIRM", heading(), complete(), terminal=True)] * 2
    diag = assert_reports(doc, "FL402", "DUPLICATE_SCREEN_IDS", "screens[3].id", '"CONFIRM"', '"id": "CONFIRM"',
                          '"id": "CONFIRM"', '"id": "CONFIRM"', '"CONFIRM"',
                          message="Duplicate screen id found: 'CONFIRM'.")
    assert diag.pointers[0].path == ("screens", 3, "id")
    assert_clean(two_screens(), "FL402")


def test_fl403_missing_terminal() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")), screen("CONFIRM", heading(), navigate("DETAILS")))
    assert_reports(doc, "FL403", "MISSING_TERMINAL_SCREEN", "screens", '"screens": ', "[",
                   message="Terminal screen is required but not provided.")
    assert_clean(two_screens(), "FL403")


# FL404: SuccessOnTerminalScreenV500 ---------------------------------------------------------------------------
def test_fl404_no_successful_terminal_screen() -> None:
    doc = one_screen(success=False)
    assert_reports(doc, "FL404", "INVALID_PROPERTY_VALUE", "screens[0].success", '"success": ', "false",
                   message="At least one terminal screen must have property 'success' set as true.")
    assert_clean(one_screen(), "FL404")


def test_fl404_unmarked_screens_count_as_candidates() -> None:
    # Meta's quirk (case valid-success-false-with-unmarked-screen): DETAILS has no "terminal" key.
    doc = two_screens()
    doc["screens"][1]["success"] = False
    assert_clean(doc, "FL404")


# FL405-FL407: ScreenDataV500 ----------------------------------------------------------------------------------
def test_fl405_nested_example() -> None:
    data = {"customer": {"type": "object", "properties": {"name": data_field("string", "Ana")},
                         "__example__": {"name": "Ana"}}}
    diag = assert_reports(
        one_screen(data=data), "FL405", "INVALID_SCREEN_DATA", "screens[0].data.customer.properties.name.__example__",
        '"properties"', '"__example__"',
        message="Property '__example__' is allowed only as a top level property of data model. Invalid entry: "
        "'/$root/screens/0/data/customer/properties/name/__example__'.",
    )
    assert diag.pointers[0].target == "key"
    assert_clean(one_screen(data={"name": data_field("string", "Ana")}), "FL405", "FL406", "FL407")


@pytest.mark.parametrize(
    ("decl", "path", "tokens", "error", "message"),
    [
        ({"type": 5, "__example__": 1}, "screens[0].data.count.type", ('"type": ', "5"), "INVALID_SCREEN_DATA",
         "Expected the property 'type' to be of type string."),
        ({"type": "integr", "__example__": 1}, "screens[0].data.count.type", ('"integr"',), "INVALID_ENUM_VALUE",
         "Value should be one of: [array, boolean, integer, null, number, object, string]."),
        ({"type": "array", "__example__": []}, "screens[0].data.count", ('"count": ', "{"), "INVALID_SCREEN_DATA",
         "Missing the schema for property 'items' in array."),
    ],
)
def test_fl406_invalid_declaration(decl: object, path: str, tokens: tuple, error: str, message: str) -> None:
    assert_reports(one_screen(data={"count": decl}), "FL406", error, path, *tokens, message=message)


# Meta compiles each declaration with Ajv, which first checks it against JSON Schema draft-07's meta-schema;
# Meta reports the first translated error (cases p1-2000666, p1-2000537, p1-2002865, p1-2004850 of meta-fuzz).
@pytest.mark.parametrize(
    ("decl", "path", "tokens", "error", "message"),
    [
        ({"type": "boolean", "required": "yes", "__example__": True}, "screens[0].data.count.required",
         ('"required": ', '"yes"'), "INVALID_PROPERTY_TYPE",
         "Expected property 'required' to be of type 'array' but found 'string'."),
        ({"type": "string", "pattern": "[a-z", "__example__": "x"}, "screens[0].data.count.pattern", ('"[a-z"',),
         "INVALID_PROPERTY_VALUE_FORMAT", "Property 'pattern' should be in 'regex' format."),
        ({"type": "object", "properties": {"title": "string"}, "__example__": {}},
         "screens[0].data.count.properties.title", ('"title": ', '"string"'), "INVALID_PROPERTY_TYPE",
         "Expected property 'title' to be of type 'object,boolean' but found 'string'."),
        ({"type": "array", "items": {"type": "object", "required": "x"}, "__example__": []},
         "screens[0].data.count.items.required", ('"required": ', '"x"'), "INVALID_PROPERTY_TYPE",
         "Expected property 'required' to be of type 'array' but found 'string'."),
        ({"type": "array", "items": 3, "__example__": []}, "screens[0].data.count.items", ('"items": ', "3"),
         "INVALID_PROPERTY_TYPE", "Expected property 'items' to be of type 'object,boolean' but found 'number'."),
    ],
)
def test_fl406_declaration_is_no_json_schema(decl: object, path: str, tokens: tuple, error: str, message: str) -> None:
    diag = assert_reports(one_screen(data={"count": decl}), "FL406", error, path, *tokens, message=message)
    assert len(diag.pointers) == 1


def test_fl406_only_the_first_meta_schema_error_and_no_example_check() -> None:
    # The pattern is not a regex, and the example is not a number: Meta stops at the compile error.
    decl = {"type": "number", "pattern": "[a-z", "required": "x", "__example__": "three"}
    _, report = lint(one_screen(data={"count": decl}))
    found = [(d.rule, d.error, d.message) for d in report.diagnostics if d.rule in ("FL406", "FL407")]
    assert found == [("FL406", "INVALID_PROPERTY_VALUE_FORMAT", "Property 'pattern' should be in 'regex' format.")]


def test_fl406_valid_json_schema_keywords_are_accepted() -> None:
    decl = {"type": "string", "pattern": "^[a-z]+$", "minLength": 1, "description": "a name", "enum": ["ab", "cd"],
            "__example__": "ab"}
    nested = {"type": "object", "properties": {"a": {"type": ["string", "null"]}}, "required": ["a"],
              "additionalProperties": False, "__example__": {"a": "x"}}
    assert_clean(one_screen(data={"name": decl, "nested": nested}), "FL406", "FL407")


def test_fl406_required_prefixed_key_without_type() -> None:
    # Meta's schema exempts keys starting with "required" (case screen-data-required-prefix); the rule does not.
    assert_reports(one_screen(data={"required_fields": 5}), "FL406", "INVALID_SCREEN_DATA",
                   "screens[0].data.required_fields", '"required_fields": ', "5",
                   message="Missing the definition of property 'type'.")


def test_fl406_key_named_required_is_skipped() -> None:
    assert_clean(one_screen(data={"required": ["a"]}), "FL406")


@pytest.mark.parametrize(
    ("decl", "value", "error", "message"),
    [
        (data_field("number", "3"), '"3"', "INVALID_PROPERTY_TYPE",
         "Invalid data model schema. Expected property '__example__' to be of type 'number' but found 'string'."),
        (data_field("string", "XL", enum=["S", "M", "L"]), '"XL"', "INVALID_ENUM_VALUE",
         "Invalid data model schema. Value should be one of: [S, M, L]."),
        ({"type": "object", "properties": {"age": {"type": "integer"}}, "__example__": {"age": "x"}}, "{",
         "INVALID_PROPERTY_TYPE",
         "Invalid data model schema. Expected property '__example__' to be of type 'integer' but found 'string'."),
    ],
)
def test_fl407_example_mismatch(decl: dict, value: str, error: str, message: str) -> None:
    assert_reports(one_screen(data={"count": decl}), "FL407", error, "screens[0].data.count.__example__",
                   '"__example__": ', value, message=message)


def test_fl407_matching_examples() -> None:
    data = {
        "count": data_field("integer", 3),
        "price": data_field("number", 2.5),
        "tags": data_field("array", ["a"], items={"type": "string"}),
        "who": {"type": "object", "properties": {"name": {"type": "string"}}, "__example__": {"name": "Ana"}},
    }
    assert_clean(one_screen(data=data), "FL405", "FL406", "FL407")


# FL408: RefreshOnBackV500 -------------------------------------------------------------------------------------
def test_fl408_refresh_on_back_without_data_api_version() -> None:
    doc = two_screens()
    doc["screens"][0]["refresh_on_back"] = True
    assert_reports(doc, "FL408", "INVALID_PROPERTY_VALUE", "screens[0].refresh_on_back", '"refresh_on_back": ', "true",
                   message="Property 'refresh_on_back' can be true only when property 'data_api_version' is set.")
    doc["data_api_version"] = "3.0"
    doc["routing_model"] = {"DETAILS": ["CONFIRM"], "CONFIRM": []}
    assert_clean(doc, "FL408")


# FL409: SensitiveFieldsV501 -----------------------------------------------------------------------------------
def test_fl409_unknown_sensitive_fields() -> None:
    doc = flow(screen("BOOKING", heading(), {"type": "TextInput", "name": "pin", "label": "PIN"}, complete(),
                      terminal=True, sensitive=["pin", "card", "cvv"]))
    diag = assert_reports(doc, "FL409", "INVALID_SENSITIVE_FIELD", "screens[0].sensitive[1]", '"card"',
                          message="No component corresponding to the sensitive fields 'card', 'cvv' can be found in "
                          "screen 'BOOKING'.")
    assert len(diag.pointers) == 2
    doc["screens"][0]["sensitive"] = ["pin"]
    assert_clean(doc, "FL409")


def test_fl409_singular_wording() -> None:
    doc = one_screen(sensitive=["card"])
    assert_reports(doc, "FL409", "INVALID_SENSITIVE_FIELD", "screens[0].sensitive[0]", '"card"',
                   message="No component corresponding to the sensitive field 'card' can be found in screen 'BOOKING'.")


# FL410: MetaFieldV501 -----------------------------------------------------------------------------------------
def test_fl410_meta_object() -> None:
    doc = two_screens(meta={"lead_gen_ai": True})
    assert_reports(doc, "FL410", "INVALID_FLOW_JSON", "meta", '"meta": ', "{", message="Property 'meta' is not allowed.")
    assert_clean(two_screens(), "FL410")


# FL411: NavigationListOnTerminalScreenV602 ---------------------------------------------------------------------
def nav_list(**extra: object) -> dict:
    item = {"id": "a", "main-content": {"title": "A"}}
    return {"type": "NavigationList", "name": "menu", "list-items": [item],
            "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "DETAILS"}, "payload": {}},
            **extra}


@pytest.mark.parametrize("version", ["6.2", "7.3"])
def test_fl411_navigation_list_on_terminal_screen(version: str) -> None:
    doc = flow(screen("MENU", nav_list(), terminal=True), screen("DETAILS", heading(), complete(), terminal=True),
               version=version)
    assert_reports(doc, "FL411", "INVALID_PROPERTY_KEY", "screens[0]", '"screens": [', "{",
                   message="Property 'terminal' is not allowed.")
    doc["screens"][0].pop("terminal")
    assert_clean(doc, "FL411")


# FL412, FL413: TerminalScreenFooterV500 (7.3+) -----------------------------------------------------------------
def test_fl412_terminal_screen_without_footer_from_7_3() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")), screen("CONFIRM", heading(), terminal=True))
    assert_reports(doc, "FL412", "MISSING_FOOTER_ON_TERMINAL_SCREEN", "screens[1]", '"screens": [', '},\n    {', "{",
                   message="Footer component is missing on terminal screen 'CONFIRM'.")
    doc["version"] = "7.2"
    assert_clean(doc, "FL412")
    assert_clean(two_screens(), "FL412")


def test_fl412_several_screens() -> None:
    doc = flow(screen("A", heading(), terminal=True), screen("B", heading(), terminal=True))
    diag = assert_reports(doc, "FL412", "MISSING_FOOTER_ON_TERMINAL_SCREEN", "screens[0]", '"screens": [', "{",
                          message="Footer component is missing on terminal screens: [A, B].")
    assert len(diag.pointers) == 2


def test_fl413_terminal_footer_must_complete() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")),
               screen("CONFIRM", heading(), navigate("DETAILS"), terminal=True))
    assert_reports(doc, "FL413", "INVALID_PROPERTY_VALUE", "screens[1].layout.children[1].on-click-action.name",
                   '"id": "CONFIRM"', '"name": "navigate"', '"navigate"',
                   message="Invalid value found for property 'name'. Expected 'complete'.")
    doc["data_api_version"] = "3.0"
    doc["routing_model"] = {"DETAILS": ["CONFIRM"], "CONFIRM": []}
    assert_reports(doc, "FL413", "INVALID_PROPERTY_VALUE", "screens[1].layout.children[1].on-click-action.name",
                   '"id": "CONFIRM"', '"name": "navigate"', '"navigate"',
                   message="Invalid value found for property 'name'. Expected one of: [data_exchange, complete].")


def test_fl413_data_exchange_is_accepted() -> None:
    doc = flow(screen("BOOKING", heading(), exchange(), terminal=True), data_api_version="3.0",
               routing_model={"BOOKING": []})
    assert_clean(doc, "FL413")


# FL414: CartScreenV502 (5.2) -----------------------------------------------------------------------------------
def test_fl414_missing_cart_layout() -> None:
    # The shopping layouts as Meta's 5.2 schema takes them (catalogue bindings, no children).
    items = screen("PRODUCTS", heading(), complete(), terminal=True)
    items["layout"] = {"type": "ItemListLayout", "items": "${external_data.meta_catalog.product_list}"}
    doc = flow(items, version="5.2")
    _, report = __import__("tests.rules.helpers", fromlist=["lint"]).lint(doc)
    found = [d for d in report.diagnostics if d.rule == "FL414"]
    assert [(d.error, d.pointers) for d in found] == [("MISSING_CART_LAYOUT", ())]
    cart = screen("CART", heading(), complete(), terminal=True)
    cart["layout"] = {"type": "CartLayout", "items": "${external_data.meta_catalog.products}"}
    assert_clean(flow(items, cart, version="5.2"), "FL414")
    assert_clean(flow(items, version="5.1"), "FL414")


_DECL_VALUES = st.one_of(
    st.sampled_from(["string", "boolean", "number", "integer", "array", "object", "null", "text", ""]),
    st.sampled_from([True, False, 0, 1, 1.5, -2, None, "x", [], {}, ["a"], {"type": "string"}]),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["type", "__example__", "items", "properties", "enum"]), _DECL_VALUES, max_size=3))
def test_a_declaration_passed_over_at_once_has_nothing_to_report(decl: dict) -> None:
    from flowlint.rules import screens

    if screens._plain_scalar(decl):
        path = ("screens", 0, "data", "x")
        found = [*screens._nested_example(decl, path), *screens._declaration(decl, path)]
        found += screens._example_against_declaration(decl, path, doc={}, version=703)
        assert found == []
