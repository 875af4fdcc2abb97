"""flowlint.schema.meta_port.errors: Meta's translation of Ajv's errors, branch by branch.

The expected answers below are Meta's own: its modules (WAFlowJSONSchemaValidator.formatAJVError,
WAFlowJSONValidationResultUtil.deduplicateErrors, WAFlowJSONLineColumnPointerUtil) were run under node, with
Ajv 6.12.6, on this file's small schema (shaped like Meta's: components in ``$defs/$components``, chosen by
a ``oneOf`` of references) and these flows, written with ``json.dumps(flow, indent=2)``. Positions are
(line start, column start, line end, column end); line 0 is where Meta gives no position. The hand-made
Ajv error lists further down were checked the same way, calling Meta's formatAJVError on them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from flowlint.schema.meta_port import ajv
from flowlint.schema.meta_port.ajv import AjvError
from flowlint.diagnostics import Diagnostic, Pointer, format_path
from flowlint.engine import locate
from flowlint.schema.meta_port.errors import (
    NOWHERE,
    deduplicate,
    is_valid_http_url,
    pattern_tail,
    prop_name,
    raw_keys,
    slash_path,
    translate,
)
from flowlint.positions import Span
from flowlint.source import parse_source

NON_BLANK = r"^(\r?\n?)*(?!\s*$).+(\r?\n?)*"
BINDING = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}"
BINDING_V200 = r"^\$\{data\..+\}$"

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "screens"],
    "properties": {
        "version": {"type": "string"},
        "routing_model": {"type": "object", "propertyNames": {"pattern": "^[a-zA-Z,_]+$"},
                          "additionalProperties": {"type": "array"}},
        "screens": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "layout"],
            "properties": {
                "id": {"type": "string", "pattern": "^(?!_+$)[a-zA-Z_]+$"},
                "title": {"type": "string", "minLength": 1},
                "terminal": {"type": "boolean"},
                "success": {"not": {"const": True}},
                "data": {"type": "object", "minProperties": 1},
                "refresh": {"not": {"type": "string"}},
                "layout": {"type": "object", "additionalProperties": False, "required": ["type", "children"],
                           "properties": {
                               "type": {"const": "SingleColumnLayout"},
                               "children": {"type": "array", "maxItems": 3, "items": {"oneOf": [
                                   {"$ref": "#/$defs/$components/$text_body"},
                                   {"$ref": "#/$defs/$components/$footer"},
                                   {"$ref": "#/$defs/$components/$text_input"}]}}}}}}},
    },
    "$defs": {"$components": {
        "$text_body": {"type": "object", "additionalProperties": False, "required": ["type", "text"], "properties": {
            "type": {"const": "TextBody"},
            "text": {"type": "string", "pattern": NON_BLANK},
            "visible": {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": BINDING}]},
            "font-weight": {"enum": ["bold", "italic"]},
            "markdown": {"type": "string", "pattern": "^(?!`.*`$)"}}},
        "$footer": {"type": "object", "additionalProperties": False, "required": ["type", "label", "on-click-action"],
                    "properties": {
                        "type": {"const": "Footer"},
                        "label": {"type": "string"},
                        "left-caption": {"type": "string"},
                        "right-caption": {"type": "string"},
                        "center-caption": {"type": "string"},
                        "on-click-action": {
                            "type": "object", "required": ["name"],
                            "properties": {"name": {"enum": ["navigate", "complete"]}, "next": {"type": "object"},
                                           "payload": {"type": "object"}},
                            "if": {"properties": {"name": {"const": "complete"}}},
                            "then": {"not": {"anyOf": [{"required": ["next"]}]}}}},
                    "dependencies": {
                        "left-caption": ["right-caption"],
                        "center-caption": {"not": {"anyOf": [{"required": ["left-caption"]},
                                                             {"required": ["right-caption"]}]}}}},
        "$text_input": {"type": "object", "additionalProperties": False, "required": ["type", "label", "name"],
                        "properties": {
                            "type": {"const": "TextInput"},
                            "label": {"type": "string"},
                            "name": {"type": "string"},
                            "min-chars": {"type": "integer", "minimum": 0, "maximum": 80},
                            "helper-text": {"type": "string", "format": "uri"},
                            "init-value": {"type": "string", "pattern": "^[0-9]+$"},
                            "required": {"type": "string", "pattern": BINDING},
                            "enabled": {"type": "string", "pattern": BINDING_V200},
                            "font-size": {"anyOf": [{"type": "integer"}, {"type": "string"}]}}},
    }},
}

_URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.IGNORECASE)  # Ajv 6's "uri" (fast mode)


def flow(*children: Any, **screen: Any) -> dict[str, Any]:
    first = {"id": "FIRST", "layout": {"type": "SingleColumnLayout", "children": list(children)}, **screen}
    return {"version": "7.3", "screens": [first]}


BODY = {"type": "TextBody", "text": "Hello"}
INPUT = {"type": "TextInput", "label": "L", "name": "n"}

FLOWS: dict[str, Any] = {
    "type": flow({"type": "TextBody", "text": 5}),
    "required": flow({"type": "TextBody"}),
    "required_type": flow({"text": "x"}),
    "additional_in_component": flow({"type": "TextBody", "text": "x", "colour": "red"}),
    "additional_on_screen": flow(BODY, bogus=1),
    "data_channel_uri": {**flow(BODY), "data_channel_uri": "https://x.com"},
    "additional_empty_key": flow({"type": "TextBody", "text": "x", "": 1}),
    "additional_dotted_key": flow({"type": "TextBody", "text": "x", "a.b": 1}),
    "enum": flow({"type": "TextBody", "text": "x", "font-weight": "heavy"}),
    "const_layout": {"version": "7.3", "screens": [{"id": "A", "layout": {"type": "Other", "children": []}}]},
    "const_unknown_component": flow({"type": "Bogus", "text": "x"}),
    "one_of_other_component": flow({"type": "If", "condition": "true"}),
    "pattern_screen_id": {"version": "7.3",
                          "screens": [{"id": "___", "layout": {"type": "SingleColumnLayout", "children": [BODY]}}]},
    "pattern_blank": flow({"type": "TextBody", "text": "   "}),
    "pattern_backticks": flow({"type": "TextBody", "text": "x", "markdown": "`x`"}),
    "pattern_default": flow({**INPUT, "init-value": "abc"}),
    "pattern_binding_typed": flow({"type": "TextBody", "text": "x", "visible": "yes"}),
    "type_repeat": flow({"type": "TextBody", "text": "x", "visible": 5}),
    "min_items": {"version": "7.3", "screens": []},
    "max_items": flow(BODY, BODY, BODY, BODY),
    "min_length": flow(BODY, title=""),
    "maximum": flow({**INPUT, "min-chars": 100}),
    "minimum": flow({**INPUT, "min-chars": -1}),
    "format_bad": flow({**INPUT, "helper-text": "not a url"}),
    "format_http_after_trim": flow({**INPUT, "helper-text": " https://example.com "}),
    "not_on_click_action": flow({"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "next": {}}}),
    "not_exclusive": flow({"type": "Footer", "label": "Go", "center-caption": "c", "left-caption": "l",
                           "right-caption": "r", "on-click-action": {"name": "navigate"}}),
    "not_success": flow(BODY, success=True),
    "dependencies": flow({"type": "Footer", "label": "Go", "left-caption": "l",
                          "on-click-action": {"name": "navigate"}}),
    "property_names": {**flow(BODY), "routing_model": {"FIRST": [], "bad-1": []}},
    "generic_min_properties": flow(BODY, data={}),
    "dedup_same_message": {"version": "7.3", "screens": [
        {"id": "A", "bogus": 1, "layout": {"type": "SingleColumnLayout", "children": [BODY]}},
        {"id": "B", "bogus": 2, "layout": {"type": "SingleColumnLayout", "children": [BODY]}}]},
    "pattern_boolean_fallback": flow({**INPUT, "required": "yes"}),
    "pattern_binding_v200": flow({**INPUT, "enabled": "${form.x}"}),
    "any_of": flow({**INPUT, "font-size": True}),
    "not_generic": flow(BODY, refresh="x"),
}

#: Flows given as text: keys written with an escape. Meta's pointer map holds the keys as written, so it
#: finds no position for them (line 0), and merges the two line-0 pointers of one message into one.
TEXTS = {
    "escaped_keys": (
        '{"version": "7.3", "screens": ['
        '{"id": "A", "caf\\u00e9": 1, "layout": {"type": "SingleColumnLayout", '
        '"children": [{"type": "TextBody", "text": "x"}]}}, '
        '{"id": "B", "caf\\u00e9": 2, "layout": {"type": "SingleColumnLayout", '
        '"children": [{"type": "TextBody", "text": "x"}]}}]}'
    ),
}

EXPECTED: dict[str, list[tuple[str, str, list[tuple[str, int, int, int, int]]]]] = {
    'type': [
        ('INVALID_PROPERTY_TYPE',
         "Expected property 'text' to be of type 'string' but found 'number'.",
         [('screens[0].layout.children[0].text', 11, 21, 11, 22)]),
    ],
    'required': [
        ('MISSING_REQUIRED_PROPERTY',
         "Required property 'text' is missing.",
         [('screens[0].layout.children[0]', 9, 11, 11, 12)]),
    ],
    'required_type': [
        ('MISSING_REQUIRED_PROPERTY',
         "Required property 'type' is missing.",
         [('screens[0].layout.children[0]', 9, 11, 11, 12)]),
        ('INVALID_PROPERTY_KEY',
         "Property 'text' is not allowed in 'Footer' component.",
         [('screens[0].layout.children[0].text', 10, 13, 10, 19)]),
    ],
    'additional_in_component': [
        ('INVALID_PROPERTY_KEY',
         "Property 'colour' is not allowed in 'TextBody' component.",
         [('screens[0].layout.children[0].colour', 12, 13, 12, 21)]),
    ],
    'additional_on_screen': [
        ('INVALID_PROPERTY_KEY',
         "Property 'bogus' is not allowed.",
         [('screens[0].bogus', 15, 7, 15, 14)]),
    ],
    'data_channel_uri': [
        ('INVALID_PROPERTY_KEY',
         "Property 'data_channel_uri' is no longer supported in Flow JSON as of version '3.0'. Please configure "
         "your endpoint URI using Flows API or Builder. Refer Flows documentation at "
         "https://developers.facebook.com/docs/whatsapp/flows for more information.",
         [('data_channel_uri', 17, 3, 17, 21)]),
    ],
    'additional_empty_key': [
        ('INVALID_PROPERTY_KEY',
         "Property '' is not allowed in 'TextBody' component.",
         [("screens[0].layout.children[0]['']", 12, 13, 12, 15)]),
    ],
    'additional_dotted_key': [
        ('INVALID_PROPERTY_KEY',
         "Property 'a.b' is not allowed in 'TextBody' component.",
         [('screens[0].layout.children[0].a.b', 12, 13, 12, 18)]),
    ],
    'enum': [
        ('INVALID_ENUM_VALUE',
         'Value should be one of: [bold, italic].',
         [('screens[0].layout.children[0].font-weight', 12, 28, 12, 35)]),
    ],
    'const_layout': [
        ('INVALID_PROPERTY_VALUE',
         "Invalid value found for property 'type'.",
         [('screens[0].layout.type', 7, 17, 7, 24)]),
    ],
    'const_unknown_component': [
        ('INVALID_PROPERTY_VALUE',
         "Invalid value found for property 'type'.",
         [('screens[0].layout.children[0].type', 10, 21, 10, 28)]),
    ],
    'one_of_other_component': [
        ('ONE_OF_SCHEMA_VALIDATION_FAILED',
         "Invalid value found for property 'type'.",
         [('screens[0].layout.children[0]', 10, 21, 10, 25)]),
    ],
    'pattern_screen_id': [
        ('PATTERN_MISMATCH',
         "Property 'id' should only consist of alphabets and underscores.",
         [('screens[0].id', 5, 13, 5, 18)]),
    ],
    'pattern_blank': [
        ('PATTERN_MISMATCH',
         "Property 'text' should not be blank or an empty string.",
         [('screens[0].layout.children[0].text', 11, 21, 11, 26)]),
    ],
    'pattern_backticks': [
        ('PATTERN_MISMATCH',
         "Property 'markdown' should not be enclosed in backticks.",
         [('screens[0].layout.children[0].markdown', 12, 25, 12, 30)]),
    ],
    'pattern_default': [
        ('PATTERN_MISMATCH',
         "Property 'init-value' should match the pattern '^[0-9]+$'.",
         [('screens[0].layout.children[0].init-value', 13, 27, 13, 32)]),
    ],
    'pattern_binding_typed': [
        ('INVALID_PROPERTY_TYPE',
         "Expected property 'visible' to be of type 'boolean' but found 'string'.",
         [('screens[0].layout.children[0].visible', 12, 24, 12, 29)]),
        ('PATTERN_MISMATCH',
         "Property 'visible' should be of type 'boolean' or have dynamic data format of the form "
         "${screen.data.your_value} or ${data.your_value}.",
         [('screens[0].layout.children[0].visible', 12, 24, 12, 29)]),
    ],
    'type_repeat': [
        ('INVALID_PROPERTY_TYPE',
         "Expected property 'visible' to be of type 'boolean' but found 'number'.",
         [('screens[0].layout.children[0].visible', 12, 24, 12, 25)]),
    ],
    'min_items': [
        ('MIN_ITEMS_REQUIRED',
         "Property 'screens' should have at least '1' item.",
         [('screens', 3, 14, 3, 16)]),
    ],
    'max_items': [
        ('MAX_ITEMS_REQUIRED',
         "Property 'children' should have at most '3' items.",
         [('screens[0].layout.children', 8, 21, 25, 10)]),
    ],
    'min_length': [
        ('MIN_CHARS_REQUIRED',
         "Property 'title' should have at least '1' character(s).",
         [('screens[0].title', 15, 16, 15, 18)]),
    ],
    'maximum': [
        ('MAXIMUM_VALUE_REQUIRED',
         "The maximum value allowed for property 'min-chars' is 80.",
         [('screens[0].layout.children[0].min-chars', 13, 26, 13, 29)]),
    ],
    'minimum': [
        ('MINIMUM_VALUE_REQUIRED',
         "The minimum value allowed for property 'min-chars' is 0.",
         [('screens[0].layout.children[0].min-chars', 13, 26, 13, 28)]),
    ],
    'format_bad': [
        ('INVALID_PROPERTY_VALUE_FORMAT',
         "Property 'helper-text' should be in 'uri' format.",
         [('screens[0].layout.children[0].helper-text', 13, 28, 13, 39)]),
    ],
    'format_http_after_trim': [
    ],
    'not_on_click_action': [
        ('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
         "Property 'next' cannot be specified at on-click-action 'complete'.",
         [('screens[0].layout.children[0].on-click-action', 14, 15, 14, 21)]),
    ],
    'not_exclusive': [
        ('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
         "Properties 'center-caption' and [left-caption,right-caption] must be present exclusively at Footer.",
         [('screens[0].layout.children[0]', 9, 11, 18, 12)]),
    ],
    'not_success': [
        ('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
         "Property 'success' can only be specified on a terminal screen.",
         [('screens[0].success', 15, 18, 15, 22)]),
    ],
    'dependencies': [
        ('INVALID_DEPENDENCIES',
         'Footer should have property right-caption when property left-caption is present.',
         [('screens[0].layout.children[0]', 9, 11, 16, 12)]),
    ],
    'property_names': [
        ('PATTERN_MISMATCH',
         "'bad-1' should only consist of alphabets and underscores.",
         [('routing_model.bad-1', 19, 5, 19, 12)]),
    ],
    'generic_min_properties': [
        ('INVALID_SCHEMA',
         'Error at [/screens/0/data]: should NOT have fewer than 1 properties. Please refer to the Flow JSON schema.',
         [('screens[0].data', 0, 0, 0, 0)]),
    ],
    'dedup_same_message': [
        ('INVALID_PROPERTY_KEY',
         "Property 'bogus' is not allowed.",
         [('screens[0].bogus', 6, 7, 6, 14), ('screens[1].bogus', 19, 7, 19, 14)]),
    ],
    'pattern_boolean_fallback': [
        ('PATTERN_MISMATCH',
         "Property 'required' should be of type 'boolean' or have dynamic data format of the form "
         "${screen.data.your_value} or ${data.your_value}.",
         [('screens[0].layout.children[0].required', 13, 25, 13, 30)]),
    ],
    'pattern_binding_v200': [
        ('PATTERN_MISMATCH',
         "Property 'enabled' should be of type 'boolean' or have dynamic data format of the form ${data.your_value}.",
         [('screens[0].layout.children[0].enabled', 13, 24, 13, 35)]),
    ],
    'any_of': [
        ('INVALID_PROPERTY_TYPE',
         "Expected property 'font-size' to be of type 'integer' but found 'boolean'.",
         [('screens[0].layout.children[0].font-size', 13, 26, 13, 30)]),
    ],
    'not_generic': [
        ('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED',
         'The NOT keyword schema validation failed. Please refer to the Flow JSON schema.',
         [('screens[0].refresh', 15, 18, 15, 21)]),
    ],
    'escaped_keys': [
        ('INVALID_PROPERTY_KEY',
         "Property 'café' is not allowed.",
         [('screens[0].café', 0, 0, 0, 0)]),
    ],
}


def meta_answer(text: str) -> list[Diagnostic]:
    parsed = parse_source(text.encode("utf-8"))
    errors = ajv.validate(SCHEMA, parsed.value, formats={"uri": lambda s: bool(_URI.match(s))},
                          pattern=lambda p: re.compile(p).search)
    raw_key = raw_keys(parsed.text, parsed.source_map.key_span)
    return locate(translate(errors, parsed.value, 703, schema=SCHEMA, raw_key=raw_key), parsed)


def as_tuples(diagnostics: list[Diagnostic]) -> list[tuple[str, str, list[tuple[str, int, int, int, int]]]]:
    out = []
    for d in diagnostics:
        pointers = []
        for p in d.pointers:
            assert p.span is not None
            span = p.span
            pointers.append((format_path(p.path), span.line_start, span.column_start, span.line_end, span.column_end))
        out.append((d.error, d.message, pointers))
    return out


def text_of(name: str) -> str:
    return TEXTS[name] if name in TEXTS else json.dumps(FLOWS[name], indent=2)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_metas_answer(name: str) -> None:
    assert as_tuples(meta_answer(text_of(name))) == EXPECTED[name]


def test_every_case_has_an_answer() -> None:
    assert set(EXPECTED) == set(FLOWS) | set(TEXTS)


def test_rules_follow_metas_codes() -> None:
    found = meta_answer(text_of("pattern_binding_typed"))
    assert [(d.error, d.rule, d.severity) for d in found] == [
        ("INVALID_PROPERTY_TYPE", "FL203", "error"), ("PATTERN_MISMATCH", "FL206", "error")]


def test_a_component_of_the_wrong_kind_points_at_its_type_value() -> None:
    (found,) = meta_answer(text_of("one_of_other_component"))
    (pointer,) = found.pointers
    assert pointer.path == ("screens", 0, "layout", "children", 0)
    assert pointer.at == ("screens", 0, "layout", "children", 0, "type")


def test_unknown_properties_and_property_names_point_at_the_key() -> None:
    (found,) = meta_answer(text_of("additional_in_component"))
    assert found.pointers[0].target == "key"
    (found,) = meta_answer(text_of("property_names"))
    assert found.pointers[0].target == "key"
    assert found.pointers[0].path == ("routing_model", "bad-1")


def test_a_dotted_key_is_reported_as_meta_writes_it_and_located_where_it_is() -> None:
    (found,) = meta_answer(text_of("additional_dotted_key"))
    (pointer,) = found.pointers
    assert pointer.path == ("screens", 0, "layout", "children", 0, "a", "b")
    assert pointer.at == ("screens", 0, "layout", "children", 0, "a.b")


def test_a_keyword_meta_does_not_translate_has_no_position() -> None:
    (found,) = meta_answer(text_of("generic_min_properties"))
    assert found.pointers[0].span == NOWHERE


def test_metas_throw_becomes_one_error_at_the_value_it_could_not_read() -> None:
    # The null component fails every branch; Meta's ChipsSelector filter then reads `.type` of each value on
    # the error's path, and JavaScript throws on the null.
    found = meta_answer(json.dumps(flow(BODY, None), indent=2))
    assert [(d.error, d.message, d.rule) for d in found] == [
        ("INVALID_FLOW_JSON", "Flow JSON is not valid. Cannot read properties of null (reading 'type')", "FL220")]
    (pointer,) = found[0].pointers
    assert pointer.path == ("screens", 0, "layout", "children", 1)
    assert pointer.span is not None and (pointer.span.line_start, pointer.span.column_start) == (13, 11)  # the null


def _error(keyword: str, path: tuple[Any, ...], params: dict[str, Any], *, data: Any = None,
           schema_path: str = "#/x", message: str = "", schema: Any = None, parent: Any = None) -> AjvError:
    data_path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return AjvError(keyword, path, data_path, schema_path, params, message, schema, parent or {}, data)


def test_a_missing_property_is_told_once_per_object() -> None:
    doc = {"a": {}}
    errors = [_error("required", ("a",), {"missingProperty": "x"}, data={}),
              _error("required", ("a",), {"missingProperty": "x"}, data={}),
              _error("required", ("a",), {"missingProperty": "y"}, data={}),
              _error("required", ("a",), {"missingProperty": "next"}, data={})]
    found = translate(errors, doc, 703, schema={})
    assert [(d.error, d.message) for d in found] == [
        ("MISSING_REQUIRED_PROPERTY", "Required property 'x' is missing."),
        ("MISSING_REQUIRED_PROPERTY", "Required property 'y' is missing.")]


def test_a_missing_type_silences_the_other_missing_properties_of_the_object() -> None:
    doc = {"a": {}}
    errors = [_error("required", ("a",), {"missingProperty": "type"}, data={}),
              _error("required", ("a",), {"missingProperty": "text"}, data={})]
    found = translate(errors, doc, 703, schema={})
    assert [d.message for d in found] == ["Required property 'type' is missing."]


def test_minimum_items_with_a_zero_limit_keeps_the_generic_message() -> None:
    doc = {"a": []}
    found = translate([_error("minItems", ("a",), {"limit": 0}, data=[], message="should NOT have fewer than 0 items")],
                      doc, 703, schema={})
    assert [(d.error, d.message) for d in found] == [
        ("MIN_ITEMS_REQUIRED",
         "Error at [/a]: should NOT have fewer than 0 items. Please refer to the Flow JSON schema.")]


def test_same_code_and_message_merge_their_pointers_once_per_place() -> None:
    doc = {"a": {"x": 1}, "b": {"x": 1}}
    errors = [_error("additionalProperties", (k,), {"additionalProperty": "x"}, data={"x": 1}) for k in "aab"]
    (found,) = translate(errors, doc, 703, schema={})
    assert found.message == "Property 'x' is not allowed."
    assert [p.path for p in found.pointers] == [("a", "x"), ("b", "x")]


def test_deduplicate_merges_located_pointers_by_position() -> None:
    span = Span(1, 2, 1, 5)
    first = Diagnostic("E", "m", (Pointer(("a",), span=span),), "FL218")
    second = Diagnostic("E", "m", (Pointer(("b",), span=span), Pointer(("c",), span=Span(2, 1, 2, 3))), "FL218")
    other = Diagnostic("E", "n", (Pointer(("a",), span=span),), "FL218")
    merged = deduplicate([first, second, other])
    assert [(d.message, [p.path for p in d.pointers]) for d in merged] == [("m", [("a",), ("c",)]), ("n", [("a",)])]


def test_no_errors_no_answer() -> None:
    assert translate([], {}, 703, schema={}) == []


@pytest.mark.parametrize(("slash", "name"), [
    ("/screens/0/layout/children/1", "children/1"),
    ("/screens/0/id", "id"),
    ("/screens", "screens"),
    ("/0", "/0"),
    ("", ""),
    ("/a/1e3", "a/1e3"),        # JavaScript's isNaN("1e3") is false: a number
    ("/a/Infinity", "a/Infinity"),
    ("/a/0x1f", "a/0x1f"),
    ("/a/1x", "1x"),
])
def test_the_property_a_message_names(slash: str, name: str) -> None:
    assert prop_name(slash) == name


def test_slash_paths_are_read_from_ajvs_data_paths() -> None:
    assert slash_path(".screens[0].layout['on-click-action'].name") == "/screens/0/layout/on-click-action/name"
    assert slash_path(".routing_model['a.b']") == "/routing_model/a/b"


@pytest.mark.parametrize(("pattern", "type_name", "tail"), [
    ("^[a-zA-Z,_]+$", None, "should only consist of alphabets and underscores."),
    ("^(?!_+$)[a-zA-Z_]+$", None, "should only consist of alphabets and underscores."),
    (BINDING_V200, None, "should have dynamic data format of the form ${data.your_value}."),
    (BINDING_V200, "Number", "should be of type 'number' or have dynamic data format of the form ${data.your_value}."),
    (BINDING, None, "should have dynamic data format of the form ${screen.data.your_value} or ${data.your_value}."),
    (r"(^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}|^`.+`)", "integer",
     "should be of type 'integer' or have dynamic data format of the form ${screen.data.your_value} or "
     "${data.your_value}."),
    (NON_BLANK, None, "should not be blank or an empty string."),
    (r"^(?!\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)\..+\})", None,
     "should not be dynamic data format of the form ${screen.data.your_value} or ${data.your_value}."),
    ("^(?!`.*`$)", None, "should not be enclosed in backticks."),
    ("^#([A-Fa-f0-9]{6})$", None, "should match the pattern '^#([A-Fa-f0-9]{6})$'."),
])
def test_pattern_tails(pattern: str, type_name: str | None, tail: str) -> None:
    assert pattern_tail(pattern, type_name) == tail


@pytest.mark.parametrize(("url", "valid"), [
    ("https://example.com", True), ("http://a.b:8080/x?y", True), ("HTTPS://EXAMPLE.COM", True),
    ("https://[::1]/", True), ("ftp://example.com", False), ("https://localhost", False),
    ("https://example.com\n", False), ("https://exa mple.com", False),
])
def test_metas_http_url_check(url: str, valid: bool) -> None:
    assert is_valid_http_url(url) is valid


def test_raw_keys_are_needed_only_for_a_text_with_escapes() -> None:
    assert raw_keys('{"a": 1}', lambda path: None) is None
    parsed = parse_source(b'{"caf\\u00e9": 1}')
    raw_key = raw_keys(parsed.text, parsed.source_map.key_span)
    assert raw_key is not None and raw_key(("caf\u00e9",)) == "caf\\u00e9"
