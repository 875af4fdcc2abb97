"""Component property schemas as the binding and expression validators read them, and Meta's typed view of
a flow's data (``flowlint.rules.property_schemas``, ``flowlint.rules.dynamic_data``)."""

from __future__ import annotations

from flowlint.rules.dynamic_data import form_value_type, meta_components, screen_properties
from flowlint.rules.model import build_model
from flowlint.rules.property_schemas import (
    allowed_types,
    binding_check_properties,
    component_properties,
    filtered_alternatives,
    is_type_matching,
    property_type_names,
)
from flowlint.versions import FlowVersion


def props(component: str, version: int = 703, in_form: bool = False) -> dict:  # type: ignore[type-arg]
    found = component_properties(component, version, in_form)
    assert found is not None
    return dict(found)


def test_expression_types_that_fit_a_property() -> None:
    assert is_type_matching(props("TextHeading")["visible"], "boolean")
    assert not is_type_matching(props("TextHeading")["visible"], "string")  # the binding branch has a pattern
    assert is_type_matching(props("TextBody")["text"], "string")
    assert is_type_matching(props("Image")["src"], "string")  # base64 branch: pattern allowed
    assert is_type_matching(props("Image")["width"], "number")
    assert not is_type_matching(props("Image")["width"], "integer")
    assert is_type_matching(props("If", 600)["condition"], "boolean")
    assert not is_type_matching(props("If", 501)["condition"], "boolean")


def test_types_a_binding_may_have() -> None:
    assert allowed_types(filtered_alternatives(props("TextHeading")["visible"])) == ["boolean"]
    assert allowed_types(filtered_alternatives(props("TextBody")["text"])) == ["string", "array"]
    assert allowed_types(filtered_alternatives(props("TextBody", 500)["text"])) == ["string"]
    assert allowed_types(filtered_alternatives(props("Switch")["value"])) == ["string"]
    assert allowed_types(filtered_alternatives(props("CheckboxGroup", 703, True)["data-source"])) == ["array"]
    assert allowed_types(filtered_alternatives(props("CalendarPicker", 703, True)["label"])) == ["string", "object"]
    assert property_type_names({"oneOf": [{"type": "boolean"}, {"type": "string"}, {"type": "boolean"}]}) == [
        "boolean",
        "string",
    ]
    assert property_type_names({"enum": ["a"]}) == [""]


def test_form_variants_have_no_init_value_and_binding_checks_use_them() -> None:
    assert "init-value" in props("TextInput", 703, False)
    assert "init-value" not in props("TextInput", 703, True)
    checked = binding_check_properties("TextInput", 703)
    assert checked is not None and "init-value" not in checked
    assert component_properties("Unknown", 703, False) is None


def test_meta_lists_children_before_containers_and_marks_form_children() -> None:
    doc = {
        "version": "7.3",
        "screens": [
            {
                "id": "A",
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "Form", "name": "f", "children": [{"type": "TextInput", "name": "n", "label": "N"}]},
                        {"type": "If", "condition": "true", "then": [{"type": "TextBody", "text": "x"}]},
                    ],
                },
            }
        ],
    }
    model = build_model(doc, FlowVersion(703, "7.3"))
    order = [(c.type, c.in_form) for c in meta_components(model, model.screens[0])]
    assert order == [("TextInput", True), ("Form", False), ("TextBody", False), ("If", False)]


def test_typed_view_of_data_and_form_fields() -> None:
    doc = {
        "version": "7.3",
        "screens": [
            {
                "id": "A",
                "data": {
                    "n": {"type": "integer", "__example__": 1},
                    "o": {"type": "object", "properties": {"x": {"type": "string"}}, "__example__": {"x": "a"}},
                    "l": {"type": "array", "items": {"type": "string"}, "__example__": []},
                },
                "layout": {
                    "type": "SingleColumnLayout",
                    "children": [
                        {"type": "TextInput", "name": "age", "label": "Age", "input-type": "number"},
                        {"type": "OptIn", "name": "ok", "label": "OK"},
                        {"type": "PhotoPicker", "name": "p", "label": "P"},
                    ],
                },
            },
            {"id": "B", "layout": {"type": "SingleColumnLayout", "children": []}},
        ],
    }
    model = build_model(doc, FlowVersion(703, "7.3"))
    assert screen_properties(model) == {
        "A": {"data": {"n": "integer", "o": {"x": "string"}, "l": "array"}, "form": {"age": "number", "ok": "boolean"}}
    }
    assert form_value_type({"type": "CalendarPicker", "mode": "range"}) == "object"
