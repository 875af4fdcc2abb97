"""Per component and per version: a valid fixture, and one fixture for each kind of violation.

Each test states Meta's answer: code, message, path and line/column (computed from the fixture text
independently of flowlint's parser). Facts: spec/meta-validator.md §3, conformance/meta cases, and
Meta's components reference (spec/flowjson.md §5).
"""

from __future__ import annotations

import copy

import pytest

from flowlint.schema.build import COMPONENT_SINCE, VERSIONS, vnum
from tests.schema.fixtures import (
    REQUIRED,
    VALID,
    dumps,
    flow,
    key_span,
    object_span,
    schema_diagnostics,
    schema_errors,
    value_span,
)

ALL_VERSIONS = list(VERSIONS)
INPUTS_IN_FORM_BEFORE_4_0 = {"TextInput", "TextArea", "CheckboxGroup", "RadioButtonsGroup", "OptIn", "Dropdown", "DatePicker"}
NEVER_IN_FORM = {"Form", "RichText"}


def _placed(component: dict, version: str) -> tuple[list[dict], tuple]:
    """The layout children holding ``component`` and the component's path in them."""
    if vnum(version) < 400 and component["type"] in INPUTS_IN_FORM_BEFORE_4_0:
        form = {"type": "Form", "name": "form", "children": [component]}
        return [form], ("screens", 0, "layout", "children", 0, "children", 0)
    return [component], ("screens", 0, "layout", "children", 0)


def _cases(min_version: str | None = None) -> list[tuple[str, str]]:
    out = []
    for ctype, since in COMPONENT_SINCE.items():
        for version in ALL_VERSIONS:
            if vnum(version) >= vnum(since) and (min_version is None or vnum(version) >= vnum(min_version)):
                out.append((ctype, version))
    return out


@pytest.mark.parametrize(("ctype", "version"), _cases())
def test_valid_component_gives_no_schema_finding(ctype: str, version: str) -> None:
    children, _ = _placed(VALID[ctype], version)
    assert schema_errors(dumps(flow(children, version))) == []


@pytest.mark.parametrize(("ctype", "version"), [c for c in _cases() if c[0] not in NEVER_IN_FORM])
def test_valid_component_inside_a_form_gives_no_schema_finding(ctype: str, version: str) -> None:
    form = {"type": "Form", "name": "form", "children": [VALID[ctype]]}
    assert schema_errors(dumps(flow([form], version))) == []


@pytest.mark.parametrize(("ctype", "version"), _cases("5.1"))
def test_unknown_property(ctype: str, version: str) -> None:
    component = {**VALID[ctype], "colour": "red"}
    children, path = _placed(component, version)
    text = dumps(flow(children, version))
    assert schema_errors(text) == _rich_text_lines(text, "screens[0].layout.children[0]", ctype) + [
        (
            "INVALID_PROPERTY_KEY",
            f"Property 'colour' is not allowed in '{ctype}' component.",
            ".".join(["screens[0].layout.children[0]" + (".children[0]" if len(path) > 5 else ""), "colour"]),
            key_span(text, "colour"),
        )
    ]


@pytest.mark.parametrize(
    ("ctype", "version", "prop"), [(c, v, p) for c, v in _cases("5.1") for p in REQUIRED[c]]
)
def test_missing_required_property(ctype: str, version: str, prop: str) -> None:
    component = {k: v for k, v in VALID[ctype].items() if k != prop}
    text = dumps(flow([component], version))
    assert schema_errors(text) == [
        (
            "MISSING_REQUIRED_PROPERTY",
            f"Required property '{prop}' is missing.",
            "screens[0].layout.children[0]",
            object_span(text, ctype),
        )
    ]


def _rich_text_lines(text: str, component: str, ctype: str) -> list[tuple[str, str, str, tuple[int, int, int, int]]]:
    """What Meta also says about a RichText's ``text`` array (its lines) once the RichText fails for another
    reason: the string alternative of ``text`` fails too, and Meta reports it first (checked against Meta's
    validator; a valid RichText with lines gets no error)."""
    if ctype != "RichText":
        return []
    return [("INVALID_PROPERTY_TYPE", "Expected property 'text' to be of type 'string' but found 'array'.",
             f"{component}.text", value_span(text, "text"))]


#: A property of each component given a value of the wrong JSON type, and the type Meta expects.
WRONG_TYPE = {
    "TextHeading": ("visible", 5, "boolean"),
    "TextSubheading": ("visible", 5, "boolean"),
    "TextBody": ("strikethrough", 5, "boolean"),
    "TextCaption": ("visible", 5, "boolean"),
    "RichText": ("visible", 5, "boolean"),
    "TextInput": ("required", 1, "boolean"),
    "TextArea": ("enabled", 0, "boolean"),
    "CheckboxGroup": ("max-selected-items", True, "number"),  # Meta's schema takes any number (2.5 too)
    "RadioButtonsGroup": ("visible", 5, "boolean"),
    "Dropdown": ("label", 5, "string"),
    "DatePicker": ("helper-text", False, "string"),
    "OptIn": ("required", 5, "boolean"),
    "EmbeddedLink": ("text", 5, "string"),
    "Footer": ("enabled", 5, "boolean"),
    "Image": ("width", True, "number"),  # any number, as for max-selected-items
    "If": ("condition", 5, "boolean"),  # from 6.0 Meta's schema reads a boolean first, then a string
    "Switch": ("value", 5, "string"),
    "PhotoPicker": ("max-uploaded-photos", 1.5, "integer"),
    "DocumentPicker": ("max-uploaded-documents", "2", "integer"),
    "CalendarPicker": ("min-days", 1.5, "integer"),
    "NavigationList": ("name", 5, "string"),
    "ChipsSelector": ("visible", 5, "boolean"),
    "ImageCarousel": ("visible", 5, "boolean"),
    "Form": ("name", 5, "string"),
}
_JS = {int: "number", float: "number", bool: "boolean", str: "string"}


@pytest.mark.parametrize(("ctype", "version"), _cases("5.1"))
def test_wrong_type(ctype: str, version: str) -> None:
    prop, value, expected = WRONG_TYPE[ctype]
    if ctype == "If" and vnum(version) < 600:
        expected = "string"  # the condition became "a boolean or a string" in 6.0
    component = {**VALID[ctype], prop: value}
    text = dumps(flow([component], version))
    path = f"screens[0].layout.children[0].{prop}"
    found = _JS[type(value)]
    rows = schema_errors(text)
    at_prop = [row for row in rows if row[2] == path]
    assert at_prop[0] == (
        "INVALID_PROPERTY_TYPE",
        f"Expected property '{prop}' to be of type '{expected}' but found '{found}'.",
        path,
        value_span(text, prop),
    )
    # A string where a boolean/integer-or-binding is expected also fails the binding pattern (Meta's 2nd error).
    assert len(at_prop) == (2 if isinstance(value, str) and ctype != "DocumentPicker" else 1)
    assert rows == _rich_text_lines(text, "screens[0].layout.children[0]", ctype) + at_prop


@pytest.mark.parametrize(
    ("ctype", "prop", "value", "values", "binding"),
    [
        ("TextInput", "input-type", "url", ["text", "number", "password", "passcode", "phone", "email"], False),
        ("TextBody", "font-weight", "heavy", ["bold", "italic", "bold_italic", "normal"], True),
        ("Image", "scale-type", "fill", ["cover", "contain"], False),
        ("PhotoPicker", "photo-source", "album", ["camera", "gallery", "camera_gallery"], False),
        ("CalendarPicker", "mode", "multi", ["single", "range"], True),
        ("TextInput", "label-variant", "huge", ["large"], False),
    ],
)
def test_bad_enum(ctype: str, prop: str, value: str, values: list[str], binding: bool) -> None:
    version = "7.3"
    text = dumps(flow([{**VALID[ctype], prop: value}], version))
    path = f"screens[0].layout.children[0].{prop}"
    expected = [("INVALID_ENUM_VALUE", f"Value should be one of: [{', '.join(values)}].", path, value_span(text, prop))]
    if binding:  # the binding alternative fails too (conformance case schema-enum-font-weight)
        expected.append(
            (
                "PATTERN_MISMATCH",
                f"Property '{prop}' should have dynamic data format of the form ${{screen.data.your_value}} "
                "or ${data.your_value}.",
                path,
                value_span(text, prop),
            )
        )
    assert schema_errors(text) == expected


def test_bad_enum_suggests_the_closest_value() -> None:
    text = dumps(flow([{**VALID["TextInput"], "input-type": "emial"}], "7.3"))
    (diag,) = schema_diagnostics(text)
    assert diag.fix == "did you mean 'email'?"
    assert "did you mean" not in diag.message


@pytest.mark.parametrize("version", [v for v in ALL_VERSIONS if vnum(v) >= 602])
def test_too_many_items(version: str) -> None:
    item = {"id": "a", "main-content": {"title": "A"}, "tags": ["a", "b", "c", "d"]}
    component = {**VALID["NavigationList"], "list-items": [item]}
    text = dumps(flow([component], version))
    assert schema_errors(text) == [
        (
            "MAX_ITEMS_REQUIRED",
            "Property 'tags' should have at most '3' items.",
            "screens[0].layout.children[0].list-items[0].tags",
            value_span(text, "tags"),
        )
    ]


@pytest.mark.parametrize("ctype", ["CheckboxGroup", "RadioButtonsGroup", "Dropdown", "ChipsSelector"])
def test_too_few_items(ctype: str) -> None:
    text = dumps(flow([{**VALID[ctype], "data-source": []}], "7.3"))
    assert schema_errors(text) == [
        (
            "MIN_ITEMS_REQUIRED",
            "Property 'data-source' should have at least '1' item.",
            "screens[0].layout.children[0].data-source",
            value_span(text, "data-source"),
        )
    ]


@pytest.mark.parametrize("version", [v for v in ALL_VERSIONS if vnum(v) >= 501])
@pytest.mark.parametrize("ctype", ["Form", "RichText"])
def test_not_allowed_inside_a_form(ctype: str, version: str) -> None:
    if vnum(version) < vnum(COMPONENT_SINCE[ctype]):
        pytest.skip("component not in this version")
    form = {"type": "Form", "name": "outer", "children": [copy.deepcopy(VALID[ctype])]}
    text = dumps(flow([form], version))
    diags = schema_diagnostics(text)
    lines = _rich_text_lines(text, "screens[0].layout.children[0].children[0]", ctype)
    assert [d.rule for d in diags] == ["FL203"] * len(lines) + ["FL215"]
    assert schema_errors(text) == lines + [
        (
            "ONE_OF_SCHEMA_VALIDATION_FAILED",
            "Invalid value found for property 'type'.",
            "screens[0].layout.children[0].children[0]",
            value_span(text, "type", occurrence=2),
        )
    ]
    assert diags[-1].fix == f"{ctype} is not allowed inside a Form."


@pytest.mark.parametrize(
    ("ctype", "version"),
    [(c, v) for c, since in COMPONENT_SINCE.items() for v in ALL_VERSIONS if vnum(v) < vnum(since) and vnum(v) >= 400],
)
def test_component_too_new_for_the_version(ctype: str, version: str) -> None:
    text = dumps(flow([VALID[ctype]], version))
    diags = schema_diagnostics(text)
    assert [d.rule for d in diags] == ["FL216"]
    assert diags[0].fix == f"{ctype} requires Flow JSON version {COMPONENT_SINCE[ctype]} or later."
    assert schema_errors(text) == [
        (
            "ONE_OF_SCHEMA_VALIDATION_FAILED",
            "Invalid value found for property 'type'.",
            "screens[0].layout.children[0]",
            value_span(text, "type", occurrence=1),
        )
    ]


@pytest.mark.parametrize(
    ("ctype", "prop", "value", "version", "since"),
    [
        ("TextInput", "label-variant", "large", "6.3", "7.0"),
        ("TextArea", "label-variant", "large", "6.2", "7.0"),
        ("TextInput", "pattern", "^[0-9]+$", "6.1", "6.2"),
        ("TextBody", "markdown", True, "5.0", "5.1"),
        ("CheckboxGroup", "on-unselect-action", {"name": "update_data", "payload": {}}, "5.1", "6.0"),
        ("ChipsSelector", "on-unselect-action", {"name": "update_data", "payload": {}}, "7.0", "7.1"),
        ("RadioButtonsGroup", "media-size", "large", "4.0", "5.0"),
    ],
)
def test_property_too_new_for_the_version(ctype: str, prop: str, value: object, version: str, since: str) -> None:
    children, path = _placed({**VALID[ctype], prop: value}, version)
    text = dumps(flow(children, version))
    diags = schema_diagnostics(text)
    assert [(d.rule, d.error) for d in diags] == [("FL217", "INVALID_PROPERTY_KEY")]
    assert diags[0].fix == f"'{prop}' of {ctype} requires Flow JSON version {since} or later."
    assert schema_errors(text)[0][1:] == (
        f"Property '{prop}' is not allowed in '{ctype}' component.",
        "screens[0].layout.children[0]." + (".children[0]." if len(path) > 5 else "")[1:] + prop
        if len(path) > 5
        else f"screens[0].layout.children[0].{prop}",
        key_span(text, prop),
    )


def test_unknown_property_suggests_the_closest_name() -> None:
    text = dumps(flow([{**VALID["TextInput"], "helper_text": "x"}], "7.3"))
    (diag,) = schema_diagnostics(text)
    assert diag.fix == "did you mean 'helper-text'?"


def test_unknown_component_type_suggests_the_closest_type() -> None:
    text = dumps(flow([{"type": "TextHeadng", "text": "Hi"}], "7.3"))
    (diag,) = schema_diagnostics(text)
    assert (diag.error, diag.message, diag.fix) == (
        "INVALID_PROPERTY_VALUE",
        "Invalid value found for property 'type'.",
        "did you mean 'TextHeading'?",
    )
    assert schema_errors(text)[0][2:] == ("screens[0].layout.children[0].type", value_span(text, "type", occurrence=1))


def test_init_value_inside_a_form_points_to_the_forms_init_values() -> None:
    form = {"type": "Form", "name": "form", "children": [{**VALID["TextInput"], "init-value": "a"}]}
    (diag,) = schema_diagnostics(dumps(flow([form], "7.3")))
    assert diag.rule == "FL201"
    assert diag.fix == "inside a Form, set it in the Form's 'init-values' (keyed by the field name)."


@pytest.mark.parametrize("version", ["2.1", "3.0", "3.1"])
def test_input_outside_a_form_before_4_0(version: str) -> None:
    text = dumps(flow([VALID["TextInput"]], version))
    diags = schema_diagnostics(text)
    assert [d.rule for d in diags] == ["FL219"]
    assert schema_errors(text) == [
        (
            "ONE_OF_SCHEMA_VALIDATION_FAILED",
            "Property 'TextInput' must be defined inside parent property 'Form'.",
            "screens[0].layout.children[0]",
            value_span(text, "type", occurrence=1),
        )
    ]


def test_same_error_on_two_components_is_merged_into_one_with_two_pointers() -> None:
    text = dumps(flow([{**VALID["TextHeading"], "colour": 1}, {**VALID["TextHeading"], "colour": 2}], "7.3"))
    import flowlint

    api = flowlint.lint(text).to_api()
    assert len(api) == 1
    assert [p["path"] for p in api[0]["pointers"]] == [
        "screens[0].layout.children[0].colour",
        "screens[0].layout.children[1].colour",
    ]
