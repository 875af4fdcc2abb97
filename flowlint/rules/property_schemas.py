"""Component property schemas as Meta's semantic validators read them, per Flow JSON version.

The binding and expression validators ask two questions of a component property's schema:
``DynamicParserV600`` asks whether an expression's type fits it (``WAFlowsSchemaValidationUtils.
isTypeMatchingComponentSchema``), ``ScreenDynamicDataV500/V600`` asks which types it allows, after dropping
the "or a binding" alternative (``WAFlowJSONValidationUtils.getPropertySchemaMap``). Both read the
component schemas that Meta builds with the helpers of ``WAFlowJSONSchemaUtils`` (``getBoolBindingSchemaType``
-> ``oneOf [boolean, binding string]``…). This module restates those schemas: only their shape (types,
``oneOf``/``allOf``/``if``, nested ``items``/``properties``/``required``, ``const``), not the patterns or
limits the schema pass checks. Sources: Meta's ``WAFlowJSON<Component>ComponentSchemaV<nnn>`` modules,
``WAFlowJSONChildrenSchema`` (data-source items), ``WAFlowsRichTextSchema``, ``WAFlowJSONIfComponentSchema``.

A pattern is kept only as a marker: :data:`BINDING` stands for the version's binding pattern (the one
``getPropertySchemaMap`` filters out), any other marker for a pattern that makes a ``oneOf`` branch reject
plain strings in ``isTypeMatchingComponentSchema``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from flowlint.components import COMPONENTS

__all__ = [
    "BINDING",
    "component_properties",
    "binding_check_properties",
    "allowed_types",
    "property_type_names",
    "is_type_matching",
    "filtered_alternatives",
]

Schema = dict[str, Any]

BINDING = "<binding>"
_ALL_BINDINGS = "<all-bindings>"
_NON_BLANK = "<non-blank>"
_NOT_BINDING = "<not-binding>"
_HEX = "<hex-colour>"
_OBJECT: Schema = {"type": "object"}  # actions: objects whose inside these validators do not type


def _binding() -> Schema:
    return {"type": "string", "pattern": BINDING}


def _typed(kind: str, extra: Mapping[str, Any] | None = None, *, bindable: bool = True) -> Schema:
    """``E``: ``{type}`` merged into ``extra``; non-string types also accept a binding."""
    schema = {**(extra or {}), "type": kind}
    if kind == "string" or not bindable:
        return schema
    return {"oneOf": [schema, _binding()]}


def _string(v: int, extra: Mapping[str, Any] | None = None) -> Schema:
    """``getStringBindingSchemaType``: from 6.0 the pattern/format move into an ``allOf`` (non-blank + extra)."""
    if v >= 600:
        rest = dict(extra or {})
        fmt = rest.pop("format", None)
        pattern = rest.pop("pattern", None)
        second: Schema = {"type": "string", "pattern": pattern}
        if fmt:
            second["format"] = fmt
        return {"type": "string", "allOf": [{"type": "string", "pattern": _NON_BLANK}, second], **rest}
    return {"type": "string", **(extra or {})}


def _text(v: int) -> Schema:
    return _string(v, {"pattern": _NON_BLANK})


def _name(v: int) -> Schema:
    """``getComponentNameSchemaType`` (6.0+: not blank, not a binding, not a backtick expression)."""
    if v < 600:
        return _text(v)
    return {"type": "string", "allOf": [{"type": "string", "pattern": _NON_BLANK}] * 4}


def _markdown(v: int) -> Schema:
    text = _text(v)
    return {"oneOf": [text, {"type": "array", "items": text}]}


def _bool() -> Schema:
    return _typed("boolean")


def _number(extra: Mapping[str, Any] | None = None) -> Schema:
    return _typed("number", extra)


def _integer() -> Schema:
    return _typed("integer")


def _integer_no_binding() -> Schema:
    return _typed("integer", bindable=False)


def _enum(v: int, values: list[str]) -> Schema:
    return {"oneOf": [_string(v, {"enum": values}), _binding()]}


def _string_enum(v: int, values: list[str]) -> Schema:
    return {**_string(v), "enum": values}


def _base64() -> Schema:
    return {"oneOf": [_binding(), {"type": "string", "contentEncoding": "base64", "pattern": _NOT_BINDING}]}


def _array_of_objects(required: list[str], properties: Schema) -> Schema:
    item = {"type": "object", "required": required, "additionalProperties": False, "properties": properties}
    return {"oneOf": [{"type": "array", "minItems": 1, "items": item}, _binding()]}


def _array_of_strings_or_binding() -> Schema:
    return {"if": {"type": "string"}, "then": _binding(), "else": {"type": "array", "items": {"type": "string"}}}


def _array_enum(values: list[str], *, bindable: bool) -> Schema:
    array = {"type": "array", "minItems": 1, "items": {"type": "string", "enum": values}}
    return {"oneOf": [array, _binding()]} if bindable else array


def _object_or_binding() -> Schema:
    return {"oneOf": [{"type": "object", "patternProperties": {}}, _binding()]}


def _error_message_object() -> Schema:
    return {"oneOf": [{"type": "string"}, {"type": "object", "minProperties": 1}]}


def _calendar_mode(schema: Schema) -> Schema:
    branches = list(schema["oneOf"]) if "oneOf" in schema else [schema]
    return {"oneOf": branches + [{"type": "object", "properties": {"start-date": schema, "end-date": schema}}]}


def _data_source_item(v: int, *, with_actions: bool) -> Schema:
    text: Schema = {"type": "string", "pattern": _NON_BLANK} if v >= 600 else {"type": "string"}
    props: Schema = {
        "id": text,
        "title": text,
        "metadata": text,
        "description": text,
        "enabled": {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": _ALL_BINDINGS}]},
        "color": {"type": "string", "pattern": _HEX},
        "image": _base64(),
        "alt-text": _text(v),
    }
    if with_actions:
        props["on-select-action"] = _OBJECT
        props["on-unselect-action"] = _OBJECT
    return props


def _option_list(v: int) -> Schema:
    """``getOptionListComponentSchemaV500``/``V600``: what CheckboxGroup, RadioButtonsGroup, Dropdown share."""
    props: Schema = {
        "label": _string(v),
        "name": _text(v),
        "required": _bool(),
        "enabled": _bool(),
        "data-source": _array_of_objects(["id", "title"], _data_source_item(v, with_actions=False)),
        "visible": _bool(),
        "on-select-action": _OBJECT,
    }
    if v >= 600:
        props["name"] = _name(v)
        props["data-source"] = _array_of_objects(["id", "title"], _data_source_item(v, with_actions=True))
        props["on-unselect-action"] = _OBJECT
    return props


def _text_component(v: int, kind: str) -> Schema:
    props: Schema = {"text": _text(v), "visible": _bool()}
    if kind in ("TextBody", "TextCaption"):
        props["font-weight"] = _enum(v, ["bold", "italic", "bold_italic", "normal"])
        props["strikethrough"] = _bool()
        if v >= 501:
            props["text"] = _markdown(v)
            props["markdown"] = {"type": "boolean"}
    return props


def _text_input(v: int, in_form: bool) -> Schema:
    props: Schema = {
        "input-type": _string(v, {"enum": ["text", "number", "password", "passcode", "phone", "email"]}),
        "label": _string(v, {"minLength": 1}),
        "helper-text": _string(v),
        "required": _bool(),
        "min-chars": _number(),
        "max-chars": _number(),
        "enabled": _bool(),
        "name": _name(v),
        "visible": _bool(),
    }
    if not in_form:
        props["init-value"] = _string(v)
        props["error-message"] = _string(v)
    if v >= 602:
        props["pattern"] = _string(v, {"format": "regex"})
    if v >= 700:
        props["label-variant"] = {"type": "string", "enum": ["large"]}
    return props


def _text_area(v: int, in_form: bool) -> Schema:
    props: Schema = {
        "max-length": _integer(),
        "enabled": _bool(),
        "required": _bool(),
        "label": _string(v),
        "helper-text": _string(v),
        "visible": _bool(),
        "name": _name(v),
    }
    if not in_form:
        props["init-value"] = _string(v)
        props["error-message"] = _string(v)
    if v >= 700:
        props["label-variant"] = {"type": "string", "enum": ["large"]}
    return props


def _checkbox_group(v: int, in_form: bool) -> Schema:
    props = {
        **_option_list(500 if v < 600 else v),
        "max-selected-items": _number({"minimum": 2}),
        "min-selected-items": _number({"minimum": 0}),
        "description": _string(v),
        "label": _text(v),
        "media-size": _string(v, {"enum": ["regular", "large"]}),
    }
    if v >= 600:
        props.update(_option_list(v))
    if not in_form:
        props["init-value"] = _array_of_strings_or_binding()
        props["error-message"] = _string(v)
    return props


def _radio_buttons(v: int, in_form: bool) -> Schema:
    props = {
        **_option_list(v),
        "description": _string(v),
        "media-size": _string(v, {"enum": ["regular", "large"]}),
    }
    if v < 600:
        props["label"] = _text(v)
    if not in_form:
        props["init-value"] = _string(v)
        props["error-message"] = _string(v)
    return props


def _dropdown(v: int, in_form: bool) -> Schema:
    props = {**_option_list(v), "label": _string(v, {"minLength": 1})}
    if not in_form:
        props["init-value"] = _string(v)
        props["error-message"] = _string(v)
    return props


def _date_picker(v: int, in_form: bool) -> Schema:
    props: Schema = {
        "label": _string(v, {"minLength": 1}),
        "helper-text": _string(v),
        "required": _bool(),
        "enabled": _bool(),
        "name": _name(v),
        "visible": _bool(),
        "unavailable-dates": _array_of_strings_or_binding(),
        "min-date": _string(v),
        "max-date": _string(v),
        "on-select-action": _OBJECT,
    }
    if not in_form:
        props["init-value"] = _string(v)
        props["error-message"] = _string(v)
    return props


def _calendar_picker(v: int, in_form: bool) -> Schema:
    props: Schema = {
        "name": _name(v),
        "title": _string(v),
        "description": _string(v),
        "label": _calendar_mode(_string(v)),
        "helper-text": _calendar_mode(_string(v)),
        "required": _calendar_mode(_bool()),
        "enabled": _bool(),
        "visible": _bool(),
        "mode": _enum(v, ["single", "range"]),
        "min-date": _string(v),
        "max-date": _string(v),
        "unavailable-dates": _array_of_strings_or_binding(),
        "include-days": _array_enum(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], bindable=True),
        "min-days": _integer(),
        "max-days": _integer(),
        "on-select-action": _OBJECT,
    }
    if not in_form:
        props["init-value"] = _calendar_mode(_string(v))
        props["error-message"] = _calendar_mode(_string(v))
    return props


def _opt_in(v: int, in_form: bool) -> Schema:
    props: Schema = {
        "name": _name(v),
        "label": _string(v, {"minLength": 1}),
        "required": _bool(),
        "on-click-action": _OBJECT,
        "visible": _bool(),
    }
    if not in_form:
        props["init-value"] = _bool()
    if v >= 600:
        props["on-select-action"] = _OBJECT
        props["on-unselect-action"] = _OBJECT
    return props


def _media_picker(v: int, in_form: bool, kind: str) -> Schema:
    noun = "photos" if kind == "PhotoPicker" else "documents"
    props: Schema = {
        "name": _name(v),
        "description": _string(v, {"pattern": _NON_BLANK}),
        "label": _string(v, {"pattern": _NON_BLANK}),
        f"min-uploaded-{noun}": _integer_no_binding(),
        f"max-uploaded-{noun}": _integer_no_binding(),
        "max-file-size-kb": _integer_no_binding(),
    }
    if kind == "PhotoPicker":
        props["photo-source"] = _string_enum(v, ["camera", "gallery", "camera_gallery"])
    else:
        props["allowed-mime-types"] = _array_enum([], bindable=False)
    props["enabled"] = _bool()
    props["visible"] = _bool()
    if not in_form:
        props["error-message"] = _error_message_object()
    return props


def _chips_selector(v: int, in_form: bool) -> Schema:
    item: Schema = {
        "id": {"type": "string", "pattern": _NON_BLANK},
        "title": {"type": "string", "pattern": _NON_BLANK},
        "enabled": {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": _ALL_BINDINGS}]},
        "on-select-action": _OBJECT,
        "on-unselect-action": _OBJECT,
    }
    props: Schema = {
        "data-source": _array_of_objects(["id", "title"], item),
        "description": _string(v),
        "enabled": _bool(),
        "label": _string(v),
        "max-selected-items": _number({"minimum": 1}),
        "min-selected-items": _number({"minimum": 0}),
        "name": _name(v),
        "required": _bool(),
        "visible": _bool(),
    }
    if not in_form:
        props["init-value"] = _array_of_strings_or_binding()
        props["error-message"] = _string(v)
    if v >= 701:
        props["on-select-action"] = _OBJECT
        props["on-unselect-action"] = _OBJECT
    return props


def _navigation_list(v: int) -> Schema:
    text = {"type": "string", "pattern": _NON_BLANK}
    content = {"type": "object", "properties": {"title": text, "description": text, "metadata": text}}
    item: Schema = {
        "id": text,
        "enabled": {"type": "boolean"},
        "main-content": {**content, "required": ["title"]},
        "end": {**content, "required": []},
        "start": {
            "type": "object",
            "properties": {"image": _base64()["oneOf"][1], "alt-text": text},
            "required": ["image"],
        },
        "badge": text,
        "tags": {"type": "array", "items": {"type": "string"}},
        "on-click-action": _OBJECT,
    }
    return {
        "name": _name(v),
        "label": _string(v),
        "description": _string(v),
        "media-size": _string(v, {"enum": ["regular", "large"]}),
        "list-items": _array_of_objects(["id", "main-content"], item),
        "on-click-action": _OBJECT,
    }


def _image_carousel(v: int) -> Schema:
    return {
        "aspect-ratio": _string_enum(v, ["4:3", "16:9"]),
        "images": _array_of_objects(["src", "alt-text"], {"src": _base64(), "alt-text": _string(v)}),
        "scale-type": _string_enum(v, ["contain", "cover"]),
        "visible": _bool(),
    }


@lru_cache(maxsize=None)
def component_properties(component: str, version: int, in_form: bool) -> Mapping[str, Schema] | None:
    """The ``properties`` of a component's schema in ``version`` (Form or no-Form variant), or None.

    ``type`` is left out: every validator here skips it.
    """
    v = version
    if component in ("TextHeading", "TextSubheading", "TextBody", "TextCaption"):
        return _text_component(v, component)
    builders = {
        "RichText": lambda: {
            "visible": _bool(),
            "text": {"oneOf": [{"type": "array", "items": {"type": "string", "pattern": _NON_BLANK}}, _string(v)]},
        },
        "Image": lambda: {
            "width": _number(),
            "height": _number(),
            "aspect-ratio": _number(),
            "src": _base64(),
            "scale-type": _string(v, {"enum": ["cover", "contain"]}),
            "visible": _bool(),
            "alt-text": _string(v),
        },
        "TextInput": lambda: _text_input(v, in_form),
        "TextArea": lambda: _text_area(v, in_form),
        "CheckboxGroup": lambda: _checkbox_group(v, in_form),
        "RadioButtonsGroup": lambda: _radio_buttons(v, in_form),
        "Dropdown": lambda: _dropdown(v, in_form),
        "DatePicker": lambda: _date_picker(v, in_form),
        "CalendarPicker": lambda: _calendar_picker(v, in_form),
        "OptIn": lambda: _opt_in(v, in_form),
        "PhotoPicker": lambda: _media_picker(v, in_form, "PhotoPicker"),
        "DocumentPicker": lambda: _media_picker(v, in_form, "DocumentPicker"),
        "ChipsSelector": lambda: _chips_selector(v, in_form),
        "NavigationList": lambda: _navigation_list(v),
        "ImageCarousel": lambda: _image_carousel(v),
        "EmbeddedLink": lambda: {"text": _text(v), "visible": _bool(), "on-click-action": _OBJECT},
        "Footer": lambda: {
            "label": _string(v, {"minLength": 1}),
            "left-caption": _string(v),
            "center-caption": _string(v),
            "right-caption": _string(v),
            "enabled": _bool(),
            "on-click-action": _OBJECT,
        },
        "Form": lambda: {
            "name": _string(v, {"minLength": 1}),
            "error-messages": _object_or_binding(),
            "init-values": _object_or_binding(),
            "children": {"type": "array"},
        },
        "If": lambda: {
            "condition": _string(v) if v < 600 else {"oneOf": [{"type": "boolean"}, {"type": "string"}]},
            "then": {"type": "array"},
            "else": {"type": "array"},
        },
        "Switch": lambda: {"value": _binding(), "cases": {"type": "object"}},
    }
    build = builders.get(component)
    return build() if build is not None else None


#: Components whose Form variant differs (Meta's ``*_NO_FORM`` component references), from the component table.
_FORM_VARIANTS = frozenset(t for t, spec in COMPONENTS.items() if spec.has_form_variant)
#: Components allowed in a Form (``WAFlowJSONFormComponentSchema``), whose Form variant the binding check uses.
_FORM_CHILDREN = frozenset(t for t, spec in COMPONENTS.items() if spec.in_form)


def binding_check_properties(component: str, version: int) -> Mapping[str, Schema] | None:
    """The property schemas ``ScreenDynamicData`` uses for a component type, wherever it sits.

    Meta's map is built from the layout's children (no-Form variants) and then the Form's children, which
    overwrite them: a component type allowed in a Form is always checked against its Form variant.
    """
    in_form = component in _FORM_CHILDREN and component in _FORM_VARIANTS
    return component_properties(component, version, in_form)


def filtered_alternatives(schema: Schema) -> list[Schema]:
    """``getPropertySchemaMap``: the schemas a bound value may match, the binding alternative dropped."""
    if isinstance(schema.get("oneOf"), list):
        return [s for s in schema["oneOf"] if not (s.get("type") == "string" and s.get("pattern") == BINDING)]
    if schema.get("if") is not None:
        return [
            s
            for s in (schema.get("else"), schema.get("then"))
            if isinstance(s, dict) and not (s.get("type") == "string" and s.get("pattern") == BINDING)
        ]
    return [schema]


def property_type_names(schema: Mapping[str, Any]) -> list[str]:
    """``getPropertyType``: the type names a schema allows, in order (``[""]`` when it names none)."""
    if schema.get("type") is not None:
        return [_type_text(schema["type"])]
    for key in ("oneOf", "anyOf"):
        if schema.get(key) is not None:
            names: list[str] = []
            for branch in schema[key]:
                kind = branch.get("type") if isinstance(branch, dict) else None
                if isinstance(kind, str) and kind not in names:
                    names.append(kind)
            return names
    if schema.get("if") is not None:
        out: list[str] = []
        for key in ("then", "else"):
            if isinstance(schema.get(key), dict):
                out.extend(property_type_names(schema[key]))
        return out
    return [""]


def allowed_types(schemas: list[Schema]) -> list[str]:
    """The distinct ``type`` values of a property's alternatives (Meta's "one of these types" list)."""
    out: list[str] = []
    for schema in schemas:
        if "type" in schema:
            text = _type_text(schema.get("type"))
            if text not in out:
                out.append(text)
    return out


def _type_text(kind: Any) -> str:
    """JavaScript's ``toString`` of a schema ``type`` (an array of types joins with commas)."""
    if isinstance(kind, list):
        return ",".join(str(k) for k in kind)
    return "" if kind is None else str(kind)


def is_type_matching(schema: Mapping[str, Any], kind: str) -> bool:
    """``isTypeMatchingComponentSchema``: may an expression of type ``kind`` stand for this property?"""

    def branch(s: Mapping[str, Any]) -> bool:
        return (s.get("pattern") is None or s.get("contentEncoding") == "base64") and s.get("type") == kind

    if schema.get("type") is not None:
        return schema["type"] == kind
    if schema.get("oneOf") is not None:
        return any(branch(s) for s in schema["oneOf"])
    if schema.get("anyOf") is not None:
        return any(branch(s) for s in schema["anyOf"])
    if schema.get("allOf") is not None:
        return all(branch(s) for s in schema["allOf"])
    return False
