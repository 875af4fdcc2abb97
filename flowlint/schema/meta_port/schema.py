"""Meta's own JSON Schema for each Flow JSON version, rebuilt in Python.

WhatsApp Manager's Flow Builder validates a Flow JSON with Ajv 6.12.6 (``allErrors``, ``verbose``) against a
draft-07 schema that it builds at run time for the flow's version (Meta:
``WAFlowJSONRootSchema.getWAFlowJSONDynamicSchema``). :func:`build` returns that schema, key for key and
in the same key order (the order of Ajv's errors follows it, and Meta's error filters read that order).
Its reference is Meta's validator itself: ``tests/schema/test_meta_schema.py`` compares :func:`build`
with the schemas Meta's modules produce, when those dumps are available.

This is a port written by us, organised for reading rather than line by line: the constants under
their own names, one builder per component and per version variant that Meta has (``text_input_v500``,
``..._v600``, ``..._v602``, ``..._v700``), one table per version mapping each component key of
``$defs/$components`` to its builder (:data:`COMPONENT_BUILDERS`), and the shared helper schemas
("a string or a binding", "a boolean or a binding"...) as named functions. Comments name Meta's
modules ("Meta: WAFlowJSONTextInputComponentSchemaV602") so that each piece can be checked.

Meta's builders read two server-side switches (``justknobx``); :class:`Switches` holds them, with the
values Meta's validator had when the reference answers were recorded: 384 on (backtick expressions are
bindings from 6.0) and 3764 off (7.0+ keeps the 5.x screen-id pattern). Switch 3298 (a size gate) and
1207 (an alternative validator engine) are read by the validator, not by the schema builders.

Version 5.2 (the commerce version) uses four modules that are not available to us; see
:data:`LAYOUT_NAMES` and :data:`DOCUMENT_MIME_TYPES` for what is assumed in their place.

``python -m flowlint.schema.meta_port.schema`` writes ``schemas/meta/flow-json-<version>.json``;
``--check`` exits 1 when a written file differs from what :func:`build` gives.
"""

from __future__ import annotations

import enum
import json
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

__all__ = [
    "COMPONENT_BUILDERS",
    "ComponentRef",
    "DEFAULT_SWITCHES",
    "Switches",
    "VERSIONS",
    "build",
    "file_name",
    "render",
    "write_all",
]

Schema = dict[str, Any]

#: Flow JSON version text -> Meta's integer version. Versions before 5.1 are refused by Meta's builder
#: ("unsupported Flow JSON version"), so they have no schema here either.
VERSIONS: dict[str, int] = {
    "5.1": 501,
    "5.2": 502,
    "6.0": 600,
    "6.1": 601,
    "6.2": 602,
    "6.3": 603,
    "7.0": 700,
    "7.1": 701,
    "7.2": 702,
    "7.3": 703,
    "7.4": 704,
}


@dataclass(frozen=True)
class Switches:
    """Meta's server-side switches (``justknobx``) that the schema builders read."""

    #: Switch 384: from 6.0, a backtick expression (`` `...` ``) is accepted wherever a binding is.
    backtick_expressions: bool = True
    #: Switch 3764: from 7.0, screen ids follow ``^(?!_+$)[a-zA-Z_]+$`` instead of ``^[a-zA-Z,_]+$``.
    screen_id_pattern_v700: bool = False


#: The switches as they were set for Meta's recorded answers and schema dumps.
DEFAULT_SWITCHES = Switches()


@dataclass(frozen=True)
class Target:
    """What every builder is given: the integer version (Meta's builders branch on it) and the switches."""

    version: int
    switches: Switches


# --- constants (Meta: WAFlowJSONConstants, WAFlowJSONSchemaUtils) -----------------------------------------

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema"
SCHEMA_TITLE = "WhatsApp Flows Template Schema"
SCHEMA_DESCRIPTION = "The JSON schema describing WhatsApp Flows templates."

SCREEN_ID_PATTERN = r"^[a-zA-Z,_]+$"
SCREEN_ID_PATTERN_V700 = r"^(?!_+$)[a-zA-Z_]+$"
DATA_MODEL_KEY_PATTERN = r"^(?!required).*$"
DATA_MODEL_REQUIRED_PATTERN = r"^required$"
#: A binding, by version: ``${data.x}`` up to 3.1; ``${data.x}``, ``${form.x}``, ``${screen.S.data.x}``
#: from 4.0; from 6.0 (switch 384) also a backtick expression. Not anchored at the end from 4.0 (sic).
BINDING_PATTERN_V200 = r"^\$\{data\..+\}$"
BINDING_PATTERN_V400 = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}"
BINDING_PATTERN_V600 = r"(^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}|^`.+`)"
#: Used by Meta's "enabled" of option items: any ``${...data|form...}``, anchored at both ends.
ANY_BINDING_PATTERN_V400 = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)\..*\}$"
NOT_BINDING_PATTERN_V200 = r"^(?!\$\{data\..+\}$)"
NOT_BINDING_PATTERN_V400 = r"^(?!\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)\..+\})"
NOT_BACKTICK_EXPRESSION_PATTERN = r"^(?!`.*`$)"
EXTERNAL_DATA_PATTERN = r"^\$\{external_data\..+\}$"
PRODUCT_IDS_BINDING_PATTERN = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?data\..+\}$"
NON_BLANK_PATTERN = r"^(\r?\n?)*(?!\s*$).+(\r?\n?)*"
#: Meta's RichText line pattern, exactly as Meta spells it: ``s*`` (the letter s), not ``\s*``.
RICH_TEXT_LINE_PATTERN = "^(?!s*$).+"
ANY_KEY_PATTERN = r"^.*$"
SWITCH_CASE_KEY_PATTERN = r"^[a-zA-Z][a-zA-Z0-9-_]*$"
HEX_COLOR_PATTERN = r"^#([A-Fa-f0-9]{6})$"

#: Layout type names (Meta: ``WAFlowsTypes.WA_FLOWS_LAYOUT_NAMES``, a module we do not have).
#: SingleColumnLayout is in Meta's dumped schemas; ItemListLayout and CartLayout are in Meta's own
#: messages (MISSING_CART_LAYOUT, the shopping routing error). ItemDetailLayout and CategoryListLayout are
#: ASSUMED by the same naming (the constant names ITEM_DETAIL / CATEGORY_LIST + "Layout").
LAYOUT_NAMES: dict[str, str] = {
    "SINGLE_COLUMN": "SingleColumnLayout",
    "ITEM_LIST": "ItemListLayout",
    "CART": "CartLayout",
    "ITEM_DETAIL": "ItemDetailLayout",
    "CATEGORY_LIST": "CategoryListLayout",
}

#: DocumentPicker ``allowed-mime-types`` (Meta: ``WAFlowsDocumentPickerAllowedMIMEType``, a module we do
#: not have). Rebuilt, values and order, from the list in Meta's own enum error message; Meta's dumped
#: schemas were made with the same list, so for those versions it is checked, not merely assumed.
DOCUMENT_MIME_TYPES: tuple[str, ...] = (
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/avif",
    "image/heic",
    "image/heif",
    "image/gif",
    "image/tiff",
    "image/webp",
    "application/zip",
    "application/gzip",
    "application/x-7z-compressed",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.text",
    "video/mp4",
    "video/mpeg",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "text/plain",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/xml",
)


class Component(str, enum.Enum):
    """Component ``type`` values (Meta: ``WA_FLOW_JSON_COMPONENT_TYPE``)."""

    CHECKBOX_GROUP = "CheckboxGroup"
    DATE_PICKER = "DatePicker"
    DROPDOWN = "Dropdown"
    EMBEDDED_LINK = "EmbeddedLink"
    FOOTER = "Footer"
    FORM = "Form"
    IMAGE = "Image"
    OPT_IN = "OptIn"
    RADIO_BUTTONS_GROUP = "RadioButtonsGroup"
    TEXT_AREA = "TextArea"
    TEXT_BODY = "TextBody"
    TEXT_CAPTION = "TextCaption"
    TEXT_HEADING = "TextHeading"
    TEXT_INPUT = "TextInput"
    TEXT_SUBHEADING = "TextSubheading"
    IF = "If"
    SWITCH = "Switch"
    DOCUMENT_PICKER = "DocumentPicker"
    PHOTO_PICKER = "PhotoPicker"
    RICH_TEXT = "RichText"
    CALENDAR_PICKER = "CalendarPicker"
    NAVIGATION_LIST = "NavigationList"
    CHIPS_SELECTOR = "ChipsSelector"
    IMAGE_CAROUSEL = "ImageCarousel"


class ComponentRef(str, enum.Enum):
    """The keys of ``$defs/$components`` (Meta: ``ComponentRefKey``), in Meta's order, which is the order of
    ``$defs/$components``. A ``..._NO_FORM`` key is the variant used outside a Form: it also has
    ``init-value`` and ``error-message``, which inside a Form belong to the Form."""

    CHECKBOX_GROUP = "$checkbox_group"
    CHECKBOX_GROUP_NO_FORM = "$checkbox_group_no_form"
    EMBEDDED_LINK = "$embedded_link"
    TEXT_INPUT = "$text_input"
    TEXT_INPUT_NO_FORM = "$text_input_no_form"
    TEXT_AREA = "$text_area"
    TEXT_AREA_NO_FORM = "$text_area_no_form"
    TEXT_BODY = "$text_body"
    TEXT_CAPTION = "$text_caption"
    TEXT_HEADING = "$text_heading"
    TEXT_SUBHEADING = "$text_subheading"
    OPT_IN = "$optin"
    OPT_IN_NO_FORM = "$optin_no_form"
    RADIO_BUTTONS_GROUP = "$radio_buttons_group"
    RADIO_BUTTONS_GROUP_NO_FORM = "$radio_buttons_group_no_form"
    DROPDOWN = "$dropdown"
    DROPDOWN_NO_FORM = "$dropdown_no_form"
    DATE_PICKER = "$date_picker"
    DATE_PICKER_NO_FORM = "$date_picker_no_form"
    SWITCH = "$switch"
    SWITCH_NO_FORM = "$switch_no_form"
    IF = "$if"
    IF_NO_FORM = "$if_no_form"
    PHOTO_PICKER = "$photo_picker"
    PHOTO_PICKER_NO_FORM = "$photo_picker_no_form"
    DOCUMENT_PICKER = "$document_picker"
    DOCUMENT_PICKER_NO_FORM = "$document_picker_no_form"
    IMAGE = "$image"
    FOOTER = "$footer"
    FORM = "$form"
    RICH_TEXT = "$rich_text"
    CALENDAR_PICKER = "$calendar_picker"
    CALENDAR_PICKER_NO_FORM = "$calendar_picker_no_form"
    NAVIGATION_LIST = "$navigation_list"
    CHIPS_SELECTOR = "$chips_selector"
    CHIPS_SELECTOR_NO_FORM = "$chips_selector_no_form"
    IMAGE_CAROUSEL = "$image_carousel"

    def placed(self, *, in_form: bool) -> ComponentRef:
        """This key's variant for a place inside (``in_form``) or outside a Form."""
        return self if in_form else ComponentRef[self.name + "_NO_FORM"]


class Action(str, enum.Enum):
    """Action names (Meta: ``WAFlowsActionType``)."""

    DATA_EXCHANGE = "data_exchange"
    NAVIGATE = "navigate"
    COMPLETE = "complete"
    UPDATE_DATA = "update_data"
    OPEN_URL = "open_url"


TEXT_INPUT_TYPES = ("text", "number", "password", "passcode", "phone", "email")
#: The input types that may have a ``pattern`` (Meta: TextInputV602's ``dependencies``), in Meta's order.
TEXT_INPUT_TYPES_WITH_PATTERN = ("text", "password", "passcode", "number")
LABEL_VARIANTS = ("large",)
FONT_WEIGHTS = ("bold", "italic", "bold_italic", "normal")
MEDIA_SIZES = ("regular", "large")
IMAGE_SCALE_TYPES = ("cover", "contain")
PHOTO_SOURCES = ("camera", "gallery", "camera_gallery")
CALENDAR_MODES = ("single", "range")
WEEK_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CAROUSEL_ASPECT_RATIOS = ("4:3", "16:9")
CAROUSEL_SCALE_TYPES = ("contain", "cover")
#: Upload bounds of PhotoPicker and DocumentPicker (counts, and the file size in KB).
MAX_UPLOADED_FILES = 30
MAX_FILE_SIZE_KB = 25600
#: NavigationList item tags (Meta: WAFlowJSONNavigationListConstants).
NAVIGATION_LIST_MIN_TAGS = 1
NAVIGATION_LIST_MAX_TAGS = 3
#: The required keys of a data-source item (Meta: WAFlowJSONRequiredDataSourceAttributes).
DATA_SOURCE_REQUIRED = ("id", "title")


def version_text(version: int) -> str:
    """Meta's ``intToString``: 501 -> "5.1", 300 -> "3.0" (and 301 -> "3.1")."""
    return f"{version // 100}.{version % 100}"


def _ref(key: ComponentRef) -> Schema:
    """Meta: WAFlowJSONSchemaUtils.createJSONSchemaComponentRef."""
    return {"$ref": "#/$defs/$components/" + key.value}


def _refs(keys: Iterable[ComponentRef]) -> list[Schema]:
    return [_ref(key) for key in keys]


# --- helper schemas (Meta: WAFlowJSONSchemaUtils) -----------------------------------------------------------


def binding_pattern(target: Target) -> str:
    """Meta: getDynamicPatternByVersion."""
    if target.version <= 301:
        return BINDING_PATTERN_V200
    if target.version >= 600 and target.switches.backtick_expressions:
        return BINDING_PATTERN_V600
    return BINDING_PATTERN_V400


def binding(target: Target) -> Schema:
    """A binding string (Meta: getDynamicDataPatternSchema)."""
    return {"type": "string", "pattern": binding_pattern(target)}


def _typed(type_name: str, extra: Mapping[str, Any] | None = None) -> Schema:
    """``{...extra, type}`` with ``type`` last unless ``extra`` has it (Meta spreads ``extra`` first)."""
    return {**(extra or {}), "type": type_name}


def _or_binding(target: Target, schema: Schema) -> Schema:
    return {"oneOf": [schema, binding(target)]}


def integer_or_binding(target: Target) -> Schema:
    """Meta: getIntegerBindingSchemaType."""
    return _or_binding(target, _typed("integer"))


def integer(extra: Mapping[str, Any] | None = None) -> Schema:
    """A plain integer, no binding (Meta: getIntegerSchemaType)."""
    return _typed("integer", extra)


def number_or_binding(target: Target, extra: Mapping[str, Any] | None = None) -> Schema:
    """Meta: getNumberBindingSchemaType."""
    return _or_binding(target, _typed("number", extra))


def bool_or_binding(target: Target) -> Schema:
    """Meta: getBoolBindingSchemaType."""
    return _or_binding(target, _typed("boolean"))


def bool_or_string() -> Schema:
    """Meta: getBoolOrStringBindingSchemaType (an If condition from 6.0)."""
    return {"oneOf": [{"type": "boolean"}, {"type": "string"}]}


def plain_string() -> Schema:
    """Meta: getStringSchemaType."""
    return {"type": "string"}


def _string_constraint(pattern: str | None, string_format: str | None) -> Schema:
    out: Schema = {"type": "string"}
    if pattern is not None:
        out["pattern"] = pattern
    if string_format:
        out["format"] = string_format
    return out


def string_or_binding(target: Target, extra: Mapping[str, Any] | None = None) -> Schema:
    """A string property, which may also be a binding (Meta: getStringBindingSchemaType).

    Meta's string schema takes no binding branch: a binding is a string. From 6.0 the string must not be
    blank, and ``extra``'s ``pattern`` and ``format`` move into a second ``allOf`` member.
    """
    if target.version < 600:
        return {"type": "string", **(extra or {})}
    rest = dict(extra or {})
    pattern = rest.pop("pattern", None)
    string_format = rest.pop("format", None)
    return {
        "type": "string",
        "allOf": [{"type": "string", "pattern": NON_BLANK_PATTERN}, _string_constraint(pattern, string_format)],
        **rest,
    }


def string_enum_or_binding(target: Target, values: Sequence[str], extra: Mapping[str, Any] | None = None) -> Schema:
    """Meta: getStringEnumBindingSchemaType (the ``enum`` holds for bindings too)."""
    return {**string_or_binding(target, extra), "enum": list(values)}


def enum_or_binding(target: Target, values: Sequence[str]) -> Schema:
    """Meta: getEnumDynamicBindingSchemaType."""
    return {"oneOf": [string_or_binding(target, {"enum": list(values)}), binding(target)]}


def uri_or_binding(target: Target) -> Schema:
    """Meta: getUriStringBindingSchemaType (with WAFlowJSONRootSchema.getWAFlowsURISchema)."""
    return {"oneOf": [{"type": "string", "format": "uri"}, binding(target)]}


def text_field(target: Target, extra: Mapping[str, Any] | None = None) -> Schema:
    """A non-blank string (Meta: getTextFieldSchema)."""
    return string_or_binding(target, {**(extra or {}), "pattern": NON_BLANK_PATTERN})


def markdown_text_field(target: Target) -> Schema:
    """A non-blank string or an array of them (Meta: getMarkdownTextFieldSchema)."""
    line = string_or_binding(target, {"pattern": NON_BLANK_PATTERN})
    return {"oneOf": [line, {"type": "array", "items": line}]}


def component_name(target: Target, extra: Mapping[str, Any] | None = None) -> Schema:
    """A component ``name`` (Meta: getComponentNameSchemaType): from 6.0 neither blank, nor a binding,
    nor a backtick expression."""
    if target.version < 600:
        return string_or_binding(target, extra)
    rest = dict(extra or {})
    pattern = rest.pop("pattern", None)
    return {
        "type": "string",
        "allOf": [
            {"type": "string", "pattern": NON_BLANK_PATTERN},
            {"type": "string", "pattern": NOT_BINDING_PATTERN_V400},
            {"type": "string", "pattern": NOT_BACKTICK_EXPRESSION_PATTERN},
            _string_constraint(pattern, None),
        ],
        **rest,
    }


def calendar_mode_field(schema: Schema) -> Schema:
    """A value, or a ``start-date``/``end-date`` pair of them for range mode (Meta:
    getCalendarPickerModeFieldSchema)."""
    alternatives = list(schema["oneOf"]) if "oneOf" in schema else [schema]
    return {"oneOf": [*alternatives, {"type": "object", "properties": {"start-date": schema, "end-date": schema}}]}


def base64_image(target: Target) -> Schema:
    """Meta: getBase64StringBindingSchemaType's second branch: base64 data that is not a binding."""
    pattern = NOT_BINDING_PATTERN_V200 if target.version <= 301 else NOT_BINDING_PATTERN_V400
    return {"type": "string", "contentEncoding": "base64", "pattern": pattern}


def base64_or_binding(target: Target) -> Schema:
    """Meta: getBase64StringBindingSchemaType."""
    return {"oneOf": [binding(target), base64_image(target)]}


def external_data_binding() -> Schema:
    """Meta: WAFlowJSONSchemaUtils' external-data pattern schema."""
    return {"type": "string", "pattern": EXTERNAL_DATA_PATTERN}


def array_of_objects_or_binding(
    target: Target,
    required: Sequence[str],
    properties: Mapping[str, Any] | None = None,
    *,
    external_data: bool = False,
) -> Schema:
    """A non-empty array of closed objects, or a binding (Meta: getArrayObjectBindingSchemaType)."""
    return {
        "oneOf": [
            {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": list(required),
                    "additionalProperties": False,
                    "properties": dict(properties or {}),
                },
            },
            external_data_binding() if external_data else binding(target),
        ]
    }


def non_empty_string_array() -> Schema:
    """Meta: getArrayStringBindingSchemaType (which, despite its name, takes no binding)."""
    return {"type": "array", "minItems": 1, "items": {"type": "string"}}


def enum_array(item_type: str, values: Sequence[str], min_items: int = 1) -> Schema:
    """Meta: getArrayEnumBindingSchemaType (no binding either)."""
    return {"type": "array", "minItems": min_items, "items": {"type": item_type, "enum": list(values)}}


def enum_array_or_binding(target: Target, item_type: str, values: Sequence[str], min_items: int = 1) -> Schema:
    """Meta: getArrayEnumDynamicBindingSchemaType."""
    return {"oneOf": [enum_array(item_type, values, min_items), binding(target)]}


def array_or_binding(target: Target, item_type: str, extra: Mapping[str, Any] | None = None) -> Schema:
    """A string is a binding, anything else an array (Meta: getArrayPrimitiveStringBindingSchemaType)."""
    return {
        "if": {"type": "string"},
        "then": binding(target),
        "else": {"type": "array", "items": {"type": item_type, **(extra or {})}},
    }


def object_of_or_binding(target: Target, value_type: str) -> Schema:
    """Meta: getSimpleObjectBindingSchema."""
    return {"oneOf": [{"type": "object", "patternProperties": {ANY_KEY_PATTERN: {"type": value_type}}}, binding(target)]}


def object_or_binding(target: Target) -> Schema:
    """Meta: getMixedObjectBindingSchema."""
    return {"oneOf": [{"type": "object", "patternProperties": {ANY_KEY_PATTERN: {}}}, binding(target)]}


def component_arrays_by_key(refs: list[Schema]) -> Schema:
    """Switch ``cases`` (Meta: getMapOfComponentsArrayBindingSchemaType)."""
    return {
        "type": "object",
        "patternProperties": {SWITCH_CASE_KEY_PATTERN: {"type": "array", "items": {"oneOf": refs}}},
        "propertyNames": {"pattern": SWITCH_CASE_KEY_PATTERN},
    }


def non_blank_string() -> Schema:
    return {"type": "string", "pattern": NON_BLANK_PATTERN}


def error_message_or_messages() -> Schema:
    """A string, or a non-empty object of non-blank strings (Meta: getErrMsgObjectBindingSchemaType)."""
    return {
        "oneOf": [
            plain_string(),
            {"type": "object", "minProperties": 1, "patternProperties": {ANY_KEY_PATTERN: non_blank_string()}},
        ]
    }


def content_block(*, title_required: bool) -> Schema:
    """NavigationList ``main-content``/``end`` (Meta: getContentBlockSchemaType)."""
    text = non_blank_string()
    return {
        "type": "object",
        "properties": {"title": text, "description": text, "metadata": text},
        "additionalProperties": False,
        "required": ["title"] if title_required else [],
    }


def image_block(target: Target) -> Schema:
    """NavigationList ``start`` (Meta: getImageBlockSchemaType)."""
    return {
        "type": "object",
        "properties": {"image": base64_image(target), "alt-text": non_blank_string()},
        "required": ["image"],
        "additionalProperties": False,
    }


# --- actions (Meta: WAFlowJSONActionSchema) -----------------------------------------------------------------


def on_select_action(names: Sequence[Action] = (Action.DATA_EXCHANGE,)) -> Schema:
    """Meta: getOnSelectActionSchema (also the base of the on-click action)."""
    name: Schema = {"oneOf": [{"const": n.value} for n in names]} if len(names) > 1 else {"const": names[0].value}
    return {
        "type": "object",
        "required": ["name", "payload"],
        "additionalProperties": False,
        "properties": {
            "name": name,
            "payload": {"type": "object", "properties": {}, "additionalProperties": True},
        },
    }


def _on_click_action_names(target: Target, component: Component | None) -> Schema:
    names = [Action.DATA_EXCHANGE.value, Action.NAVIGATE.value]
    if component is Component.FOOTER:
        names.append(Action.COMPLETE.value)
    elif component in (Component.EMBEDDED_LINK, Component.OPT_IN) and target.version >= 600:
        names.append(Action.OPEN_URL.value)
    return string_or_binding(target, {"enum": names})


def _next_screen(target: Target) -> Schema:
    return {
        "type": "object",
        "required": ["name", "type"],
        "additionalProperties": False,
        "properties": {"name": string_or_binding(target), "type": string_or_binding(target)},
    }


def _requires_next_for_navigate() -> Schema:
    return {
        "if": {"properties": {"name": {"const": Action.NAVIGATE.value}}},
        "then": {"required": ["next"]},
        "else": {"not": {"required": ["next"]}},
    }


def on_click_action(target: Target, component: Component | None = None) -> Schema:
    """Meta: getOnClickActionSchema. Before 6.0 ``payload`` is optional and ``next`` goes with navigate;
    from 6.0 ``url`` also goes with open_url, which takes no payload."""
    base = on_select_action()
    properties = {
        **base["properties"],
        "name": _on_click_action_names(target, component),
        "next": _next_screen(target),
    }
    if target.version < 600:
        return {**base, "required": ["name"], "properties": properties, **_requires_next_for_navigate()}
    open_url = Action.OPEN_URL.value
    return {
        **base,
        "required": ["name"],
        "properties": {**properties, "url": uri_or_binding(target)},
        "allOf": [
            _requires_next_for_navigate(),
            {
                "if": {"properties": {"name": {"const": open_url}}},
                "then": {"required": ["url"]},
                "else": {"not": {"required": ["url"]}},
            },
            {"if": {"properties": {"name": {"const": open_url}}}, "then": {"not": {"required": ["payload"]}}},
        ],
    }


def _with_properties(schema: Schema, **updates: Schema) -> Schema:
    """``schema`` with properties replaced in place or appended (Meta: ``{...s, properties: {...}}``)."""
    return {**schema, "properties": {**schema["properties"], **updates}}


def _with(schema: Schema, updates: Mapping[str, Schema]) -> Schema:
    """:func:`_with_properties` for property names that are not identifiers (``"init-value"``...)."""
    return {**schema, "properties": {**schema["properties"], **updates}}


def _closed_object(required: Sequence[str], properties: Schema) -> Schema:
    return {"type": "object", "required": list(required), "additionalProperties": False, "properties": properties}


def _const(component: Component) -> Schema:
    return {"const": component.value}


# --- option lists and their data sources (Meta: WAFlowJSONChildrenSchema) ------------------------------------


def data_source_item(target: Target) -> Schema:
    """The properties of a data-source item (Meta: getComponentDataSourceProperties)."""
    text = non_blank_string() if target.version >= 600 else plain_string()
    enabled: Schema = (
        {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": ANY_BINDING_PATTERN_V400}]}
        if target.version >= 401
        else {"type": "boolean"}
    )
    return {"id": text, "title": text, "metadata": text, "description": text, "enabled": enabled}


def data_source_item_v500(target: Target) -> Schema:
    """Meta: getComponentDataSourcePropertiesV500 (with color, image and alt-text)."""
    return {
        **data_source_item(target),
        "color": {"type": "string", "pattern": HEX_COLOR_PATTERN},
        "image": base64_or_binding(target),
        "alt-text": text_field(target),
    }


def data_source_item_v600(target: Target) -> Schema:
    """With its own select and unselect actions (Meta: the V600 option list's items)."""
    return {
        **data_source_item_v500(target),
        "on-select-action": on_select_action([Action.UPDATE_DATA]),
        "on-unselect-action": on_select_action([Action.UPDATE_DATA]),
    }


def chips_data_source_item() -> Schema:
    """Meta: getChipsSelectorComponentDataSourceProperties."""
    text = non_blank_string()
    return {
        "id": text,
        "title": text,
        "enabled": {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": ANY_BINDING_PATTERN_V400}]},
        "on-select-action": on_select_action([Action.UPDATE_DATA]),
        "on-unselect-action": on_select_action([Action.UPDATE_DATA]),
    }


def option_list_v500(target: Target) -> Schema:
    """The base of CheckboxGroup, RadioButtonsGroup and Dropdown; its ``type`` is overridden (Meta:
    getOptionListComponentSchemaV500)."""
    return _closed_object(
        ["type", "name", "data-source", "label"],
        {
            "type": {"const": ""},
            "label": string_or_binding(target),
            "name": text_field(target),
            "required": bool_or_binding(target),
            "enabled": bool_or_binding(target),
            "data-source": array_of_objects_or_binding(target, DATA_SOURCE_REQUIRED, data_source_item_v500(target)),
            "visible": bool_or_binding(target),
            "on-select-action": on_select_action(),
        },
    )


def option_list_v600(target: Target) -> Schema:
    """Meta: getOptionListComponentSchemaV600."""
    return _with(
        option_list_v500(target),
        {
            "name": component_name(target),
            "data-source": array_of_objects_or_binding(target, DATA_SOURCE_REQUIRED, data_source_item_v600(target)),
            "on-select-action": on_select_action([Action.DATA_EXCHANGE, Action.UPDATE_DATA]),
            "on-unselect-action": on_select_action([Action.UPDATE_DATA]),
        },
    )


# --- components: one builder per component and version variant ---------------------------------------------
# A builder takes the target and, for components that have a Form and a no-Form variant, ``in_form``.


def text_base(target: Target) -> Schema:
    """Meta: WAFlowJSONTextComponentSchema (the shared base; its ``type`` is overridden)."""
    return _closed_object(
        ["type", "text"],
        {"type": {"const": ""}, "text": text_field(target), "visible": bool_or_binding(target)},
    )


def text_body(target: Target) -> Schema:
    """Meta: getTextBodyComponentSchemaByVersion."""
    body = _with(
        text_base(target),
        {
            "type": _const(Component.TEXT_BODY),
            "font-weight": enum_or_binding(target, FONT_WEIGHTS),
            "strikethrough": bool_or_binding(target),
        },
    )
    if target.version < 501:
        return body
    return _with_properties(body, text=markdown_text_field(target), markdown={"type": "boolean"})


def text_caption(target: Target) -> Schema:
    """Meta: getTextCaptionComponentSchemaByVersion (TextBody with another type)."""
    caption = _with_properties(text_body(target), type=_const(Component.TEXT_CAPTION))
    if target.version < 501:
        return caption
    return _with_properties(caption, text=markdown_text_field(target), markdown={"type": "boolean"})


def text_heading(target: Target) -> Schema:
    """Meta: getTextHeadingComponentSchemaV500."""
    return _with_properties(text_base(target), type=_const(Component.TEXT_HEADING))


def text_subheading(target: Target) -> Schema:
    """Meta: getTextSubheadingComponentSchemaV500."""
    return _with_properties(text_base(target), type=_const(Component.TEXT_SUBHEADING))


def rich_text(target: Target) -> Schema:
    """Meta: WAFlowsRichTextSchema."""
    return _closed_object(
        ["type", "text"],
        {
            "type": _const(Component.RICH_TEXT),
            "visible": bool_or_binding(target),
            "text": {
                "oneOf": [
                    {"type": "array", "items": {"type": "string", "pattern": RICH_TEXT_LINE_PATTERN}},
                    string_or_binding(target),
                ]
            },
        },
    )


def text_input_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextInputComponentSchemaV500."""
    text = string_or_binding(target)
    flag = bool_or_binding(target)
    count = number_or_binding(target)
    schema = _closed_object(
        ["type", "name", "label"],
        {
            "type": _const(Component.TEXT_INPUT),
            "input-type": string_or_binding(target, {"enum": list(TEXT_INPUT_TYPES)}),
            "label": string_or_binding(target, {"minLength": 1}),
            "helper-text": text,
            "required": flag,
            "min-chars": count,
            "max-chars": count,
            "enabled": flag,
            "name": text_field(target),
            "visible": flag,
        },
    )
    return schema if in_form else _with(schema, {"init-value": text, "error-message": text})


def text_input_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextInputComponentSchemaV600 (the 6.0 component name)."""
    return _with_properties(text_input_v500(target, in_form=in_form), name=component_name(target))


def text_input_v602(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextInputComponentSchemaV602 (``pattern``, for some input types only)."""
    schema = _with_properties(
        text_input_v600(target, in_form=in_form), pattern=string_or_binding(target, {"format": "regex"})
    )
    only_with = {"oneOf": [{"properties": {"input-type": {"enum": list(TEXT_INPUT_TYPES_WITH_PATTERN)}}}]}
    return {**schema, "dependencies": {"pattern": only_with}}


def text_input_v700(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextInputComponentSchemaV700 (``label-variant``)."""
    return _with(
        text_input_v602(target, in_form=in_form), {"label-variant": {"type": "string", "enum": list(LABEL_VARIANTS)}}
    )


def text_area_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextAreaComponentSchemaV500."""
    text = string_or_binding(target)
    flag = bool_or_binding(target)
    schema = _closed_object(
        ["type", "name", "label"],
        {
            "type": _const(Component.TEXT_AREA),
            "max-length": integer_or_binding(target),
            "enabled": flag,
            "required": flag,
            "label": text,
            "helper-text": text,
            "visible": flag,
            "name": text_field(target),
        },
    )
    return schema if in_form else _with(schema, {"init-value": text, "error-message": text})


def text_area_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextAreaComponentSchemaV600."""
    return _with_properties(text_area_v500(target, in_form=in_form), name=component_name(target))


def text_area_v700(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONTextAreaComponentSchemaV700."""
    return _with(
        text_area_v600(target, in_form=in_form), {"label-variant": {"type": "string", "enum": list(LABEL_VARIANTS)}}
    )


def checkbox_group_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONCheckboxGroupComponentSchemaV500."""
    text = string_or_binding(target)
    schema = _with(
        option_list_v500(target),
        {
            "type": _const(Component.CHECKBOX_GROUP),
            "max-selected-items": number_or_binding(target, {"minimum": 2}),
            "min-selected-items": number_or_binding(target, {"minimum": 0}),
            "description": text,
            "label": text_field(target),
            "media-size": string_or_binding(target, {"enum": list(MEDIA_SIZES)}),
        },
    )
    if in_form:
        return schema
    return _with(schema, {"init-value": array_or_binding(target, "string"), "error-message": text})


def checkbox_group_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONCheckboxGroupComponentSchemaV600 (V500 with the V600 option list laid over it)."""
    v500 = checkbox_group_v500(target, in_form=in_form)
    options = option_list_v600(target)
    return {
        **v500,
        **options,
        "properties": {**v500["properties"], **options["properties"], "type": _const(Component.CHECKBOX_GROUP)},
    }


def radio_buttons_group_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONRadioButtonsGroupComponentSchemaV500."""
    text = string_or_binding(target)
    schema = _with(
        option_list_v500(target),
        {
            "type": _const(Component.RADIO_BUTTONS_GROUP),
            "description": text,
            "label": text_field(target),
            "media-size": string_or_binding(target, {"enum": list(MEDIA_SIZES)}),
        },
    )
    return schema if in_form else _with(schema, {"init-value": text, "error-message": text})


def radio_buttons_group_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONRadioButtonsGroupComponentSchemaV600 (the V600 option list's label stays)."""
    text = string_or_binding(target)
    schema = _with(
        option_list_v600(target),
        {
            "type": _const(Component.RADIO_BUTTONS_GROUP),
            "description": text,
            "media-size": string_or_binding(target, {"enum": list(MEDIA_SIZES)}),
        },
    )
    return schema if in_form else _with(schema, {"init-value": text, "error-message": text})


def dropdown_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDropdownComponentSchemaV500."""
    options = option_list_v500(target)
    schema = {
        **options,
        "required": list(options["required"]),
        "additionalProperties": False,
        "properties": {
            **options["properties"],
            "type": _const(Component.DROPDOWN),
            "label": string_or_binding(target, {"minLength": 1}),
            "name": text_field(target),
            "data-source": array_of_objects_or_binding(target, DATA_SOURCE_REQUIRED, data_source_item_v500(target)),
        },
    }
    if in_form:
        return schema
    text = string_or_binding(target)
    return _with(schema, {"init-value": text, "error-message": text})


def dropdown_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDropdownComponentSchemaV600."""
    options = option_list_v600(target)
    schema = {
        **options,
        "additionalProperties": False,
        "properties": {
            **options["properties"],
            "type": _const(Component.DROPDOWN),
            "label": string_or_binding(target, {"minLength": 1}),
        },
    }
    if in_form:
        return schema
    text = string_or_binding(target)
    return _with(schema, {"init-value": text, "error-message": text})


def date_picker_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDatePickerSchemaV500."""
    schema = _closed_object(
        ["type", "label", "name"],
        {
            "type": _const(Component.DATE_PICKER),
            "label": string_or_binding(target, {"minLength": 1}),
            "helper-text": string_or_binding(target),
            "required": bool_or_binding(target),
            "enabled": bool_or_binding(target),
            "name": text_field(target),
            "visible": bool_or_binding(target),
            "unavailable-dates": array_or_binding(target, "string"),
            "min-date": string_or_binding(target),
            "max-date": string_or_binding(target),
            "on-select-action": on_select_action(),
        },
    )
    if in_form:
        return schema
    text = string_or_binding(target)
    return _with(schema, {"init-value": text, "error-message": text})


def date_picker_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDatePickerSchemaV600."""
    return _with_properties(date_picker_v500(target, in_form=in_form), name=component_name(target))


def calendar_picker(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONCalendarPickerSchema (6.1+)."""
    schema = _closed_object(
        ["type", "name", "label"],
        {
            "type": _const(Component.CALENDAR_PICKER),
            "name": component_name(target),
            "title": string_or_binding(target),
            "description": string_or_binding(target),
            "label": calendar_mode_field(string_or_binding(target)),
            "helper-text": calendar_mode_field(string_or_binding(target)),
            "required": calendar_mode_field(bool_or_binding(target)),
            "enabled": bool_or_binding(target),
            "visible": bool_or_binding(target),
            "mode": enum_or_binding(target, CALENDAR_MODES),
            "min-date": string_or_binding(target),
            "max-date": string_or_binding(target),
            "unavailable-dates": array_or_binding(target, "string"),
            "include-days": enum_array_or_binding(target, "string", WEEK_DAYS),
            "min-days": integer_or_binding(target),
            "max-days": integer_or_binding(target),
            "on-select-action": on_select_action(),
        },
    )
    if in_form:
        return schema
    return _with(
        schema,
        {
            "init-value": calendar_mode_field(string_or_binding(target)),
            "error-message": calendar_mode_field(string_or_binding(target)),
        },
    )


def chips_selector_v602(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONChipsSelectorSchema (6.3+; its builder is named V602)."""
    properties: Schema = {
        "type": _const(Component.CHIPS_SELECTOR),
        "data-source": array_of_objects_or_binding(target, DATA_SOURCE_REQUIRED, chips_data_source_item()),
        "description": string_or_binding(target),
        "enabled": bool_or_binding(target),
        "label": string_or_binding(target),
        "max-selected-items": number_or_binding(target, {"minimum": 1}),
        "min-selected-items": number_or_binding(target, {"minimum": 0}),
        "name": component_name(target),
        "required": bool_or_binding(target),
        "visible": bool_or_binding(target),
    }
    if not in_form:
        properties = {
            **properties,
            "init-value": array_or_binding(target, "string"),
            "error-message": string_or_binding(target),
        }
    return _closed_object(["type", "name", "label", "data-source"], properties)


def chips_selector_v701(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONChipsSelectorSchemaV701 (select and unselect actions)."""
    return _with(
        chips_selector_v602(target, in_form=in_form),
        {
            "on-select-action": on_select_action([Action.DATA_EXCHANGE, Action.UPDATE_DATA]),
            "on-unselect-action": on_select_action([Action.UPDATE_DATA]),
        },
    )


def _uploads(target: Target, component: Component, noun: str, choice: tuple[str, Schema]) -> Schema:
    """The shared shape of PhotoPicker and DocumentPicker V500: counts, size, one choice, flags."""
    return _closed_object(
        ["type", "name", "label"],
        {
            "type": _const(component),
            "name": text_field(target),
            "description": string_or_binding(target, {"pattern": NON_BLANK_PATTERN}),
            "label": string_or_binding(target, {"pattern": NON_BLANK_PATTERN}),
            f"min-uploaded-{noun}": integer({"minimum": 0, "maximum": MAX_UPLOADED_FILES}),
            f"max-uploaded-{noun}": integer({"minimum": 1, "maximum": MAX_UPLOADED_FILES}),
            "max-file-size-kb": integer({"minimum": 1, "maximum": MAX_FILE_SIZE_KB}),
            choice[0]: choice[1],
            "enabled": bool_or_binding(target),
            "visible": bool_or_binding(target),
        },
    )


def photo_picker_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONPhotoPickerComponentSchemaV500."""
    schema = _uploads(
        target, Component.PHOTO_PICKER, "photos", ("photo-source", string_enum_or_binding(target, PHOTO_SOURCES))
    )
    return schema if in_form else _with(schema, {"error-message": error_message_or_messages()})


def photo_picker_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONPhotoPickerComponentSchemaV600."""
    return _with_properties(photo_picker_v500(target, in_form=in_form), name=component_name(target))


def document_picker_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDocumentPickerComponentSchemaV500."""
    schema = _uploads(
        target,
        Component.DOCUMENT_PICKER,
        "documents",
        ("allowed-mime-types", enum_array("string", DOCUMENT_MIME_TYPES)),
    )
    return schema if in_form else _with(schema, {"error-message": error_message_or_messages()})


def document_picker_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONDocumentPickerComponentSchemaV600."""
    return _with_properties(document_picker_v500(target, in_form=in_form), name=component_name(target))


def opt_in_v500(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONOptInComponentSchemaV500."""
    flag = bool_or_binding(target)
    schema = _closed_object(
        ["type", "label", "name"],
        {
            "type": _const(Component.OPT_IN),
            "name": text_field(target),
            "label": string_or_binding(target, {"minLength": 1}),
            "required": flag,
            "on-click-action": on_click_action(target, Component.OPT_IN),
            "visible": flag,
        },
    )
    return schema if in_form else _with(schema, {"init-value": flag})


def opt_in_v600(target: Target, *, in_form: bool) -> Schema:
    """Meta: WAFlowJSONOptInComponentSchemaV600."""
    return _with(
        opt_in_v500(target, in_form=in_form),
        {
            "name": component_name(target),
            "on-select-action": on_select_action([Action.UPDATE_DATA]),
            "on-unselect-action": on_select_action([Action.UPDATE_DATA]),
        },
    )


def embedded_link_v500(target: Target) -> Schema:
    """Meta: WAFlowJSONEmbeddedLinkComponentSchemaV500."""
    return _closed_object(
        ["type", "text", "on-click-action"],
        {
            "type": _const(Component.EMBEDDED_LINK),
            "text": text_field(target),
            "visible": bool_or_binding(target),
            "on-click-action": on_click_action(target, Component.EMBEDDED_LINK),
        },
    )


def footer_v500(target: Target) -> Schema:
    """Meta: WAFlowJSONFooterComponentSchemaV500. Left and right captions go together; a center caption
    goes alone."""
    return {
        **_closed_object(
            ["type", "label", "on-click-action"],
            {
                "type": _const(Component.FOOTER),
                "label": string_or_binding(target, {"minLength": 1}),
                "left-caption": string_or_binding(target),
                "center-caption": string_or_binding(target),
                "right-caption": string_or_binding(target),
                "enabled": bool_or_binding(target),
                "on-click-action": on_click_action(target, Component.FOOTER),
            },
        ),
        "dependencies": {
            "left-caption": ["right-caption"],
            "right-caption": ["left-caption"],
            "center-caption": {"not": {"anyOf": [{"required": ["left-caption"]}, {"required": ["right-caption"]}]}},
        },
    }


def image_v500(target: Target) -> Schema:
    """Meta: WAFlowJSONImageComponentSchemaV500."""
    size = number_or_binding(target)
    return _closed_object(
        ["type", "src"],
        {
            "type": _const(Component.IMAGE),
            "width": size,
            "height": size,
            "aspect-ratio": size,
            "src": base64_or_binding(target),
            "scale-type": string_or_binding(target, {"enum": list(IMAGE_SCALE_TYPES)}),
            "visible": bool_or_binding(target),
            "alt-text": string_or_binding(target),
        },
    )


def image_carousel_v701(target: Target) -> Schema:
    """Meta: WAFlowJSONImageCarouselComponentSchemaV701."""
    return _closed_object(
        ["type", "images"],
        {
            "type": _const(Component.IMAGE_CAROUSEL),
            "aspect-ratio": string_enum_or_binding(target, CAROUSEL_ASPECT_RATIOS),
            "images": array_of_objects_or_binding(
                target, ["src", "alt-text"], {"src": base64_or_binding(target), "alt-text": string_or_binding(target)}
            ),
            "scale-type": string_enum_or_binding(target, CAROUSEL_SCALE_TYPES),
            "visible": bool_or_binding(target),
        },
    )


def navigation_list_item(target: Target) -> Schema:
    """Meta: getNavigationListItemsSchema."""
    return {
        "id": non_blank_string(),
        "enabled": {"type": "boolean"},
        "main-content": content_block(title_required=True),
        "end": content_block(title_required=False),
        "start": image_block(target),
        "badge": non_blank_string(),
        "tags": {
            "type": "array",
            "minItems": NAVIGATION_LIST_MIN_TAGS,
            "maxItems": NAVIGATION_LIST_MAX_TAGS,
            "items": {"type": "string"},
        },
        "on-click-action": on_click_action(target, Component.NAVIGATION_LIST),
    }


def navigation_list_v602(target: Target) -> Schema:
    """Meta: WAFlowJSONNavigationListComponentSchemaV602."""
    return _closed_object(
        ["type", "name", "list-items"],
        {
            "type": _const(Component.NAVIGATION_LIST),
            "name": component_name(target),
            "label": string_or_binding(target),
            "description": string_or_binding(target),
            "media-size": string_or_binding(target, {"enum": list(MEDIA_SIZES)}),
            "list-items": array_of_objects_or_binding(target, ["id", "main-content"], navigation_list_item(target)),
            "on-click-action": on_click_action(target, Component.NAVIGATION_LIST),
        },
    )


# --- containers: Form, If, Switch, and what each may hold ---------------------------------------------------

#: What a Form's children may be in 5.1 (Meta: WAFlowJSONFormComponentSchema), in Meta's order.
_FORM_CHILDREN_V501 = (
    ComponentRef.TEXT_INPUT,
    ComponentRef.TEXT_AREA,
    ComponentRef.CHECKBOX_GROUP,
    ComponentRef.RADIO_BUTTONS_GROUP,
    ComponentRef.DROPDOWN,
    ComponentRef.DATE_PICKER,
    ComponentRef.EMBEDDED_LINK,
    ComponentRef.FOOTER,
    ComponentRef.TEXT_BODY,
    ComponentRef.TEXT_CAPTION,
    ComponentRef.TEXT_HEADING,
    ComponentRef.TEXT_SUBHEADING,
    ComponentRef.OPT_IN,
    ComponentRef.IMAGE,
    ComponentRef.IF,
    ComponentRef.SWITCH,
    ComponentRef.PHOTO_PICKER,
    ComponentRef.DOCUMENT_PICKER,
)
#: Added to a Form's children by later versions: Meta puts these first (each newer one before the older).
_FORM_CHILDREN_PREPENDED = (
    (603, ComponentRef.CHIPS_SELECTOR),
    (602, ComponentRef.NAVIGATION_LIST),
    (601, ComponentRef.CALENDAR_PICKER),
)
#: ... and these last.
_FORM_CHILDREN_APPENDED = ((701, ComponentRef.IMAGE_CAROUSEL),)

#: What a SingleColumnLayout's children may be in 5.1 before RichText (Meta: WAFlowJSONChildrenSchema).
_LAYOUT_CHILDREN_BASE = (
    ComponentRef.EMBEDDED_LINK,
    ComponentRef.FOOTER,
    ComponentRef.FORM,
    ComponentRef.TEXT_BODY,
    ComponentRef.TEXT_CAPTION,
    ComponentRef.TEXT_HEADING,
    ComponentRef.TEXT_SUBHEADING,
    ComponentRef.IMAGE,
    ComponentRef.TEXT_INPUT_NO_FORM,
    ComponentRef.TEXT_AREA_NO_FORM,
    ComponentRef.CHECKBOX_GROUP_NO_FORM,
    ComponentRef.RADIO_BUTTONS_GROUP_NO_FORM,
    ComponentRef.DROPDOWN_NO_FORM,
    ComponentRef.DATE_PICKER_NO_FORM,
    ComponentRef.IF_NO_FORM,
    ComponentRef.SWITCH_NO_FORM,
    ComponentRef.PHOTO_PICKER_NO_FORM,
    ComponentRef.DOCUMENT_PICKER_NO_FORM,
    ComponentRef.OPT_IN_NO_FORM,
)
_LAYOUT_CHILDREN_APPENDED = (
    (501, ComponentRef.RICH_TEXT),
    (601, ComponentRef.CALENDAR_PICKER_NO_FORM),
    (602, ComponentRef.NAVIGATION_LIST),
    (603, ComponentRef.CHIPS_SELECTOR_NO_FORM),
    (701, ComponentRef.IMAGE_CAROUSEL),
)

#: What an If branch may hold, after the static components (Meta: WAFlowJSONIfComponentSchema), each in
#: its Form or no-Form variant; then CalendarPicker (6.1+), ChipsSelector (7.1+), Footer and If.
_IF_STATIC = (
    ComponentRef.TEXT_BODY,
    ComponentRef.TEXT_CAPTION,
    ComponentRef.TEXT_HEADING,
    ComponentRef.TEXT_SUBHEADING,
    ComponentRef.IMAGE,
    ComponentRef.EMBEDDED_LINK,
)
_IF_PLACED = (
    ComponentRef.TEXT_INPUT,
    ComponentRef.TEXT_AREA,
    ComponentRef.OPT_IN,
    ComponentRef.CHECKBOX_GROUP,
    ComponentRef.RADIO_BUTTONS_GROUP,
    ComponentRef.DROPDOWN,
    ComponentRef.DATE_PICKER,
    ComponentRef.SWITCH,
    ComponentRef.PHOTO_PICKER,
    ComponentRef.DOCUMENT_PICKER,
)
#: What a Switch case may hold (Meta: WAFlowJSONSwitchComponentSchema): no If, no Switch.
_SWITCH_STATIC = (
    ComponentRef.EMBEDDED_LINK,
    ComponentRef.FOOTER,
    ComponentRef.TEXT_BODY,
    ComponentRef.TEXT_CAPTION,
    ComponentRef.TEXT_HEADING,
    ComponentRef.TEXT_SUBHEADING,
    ComponentRef.IMAGE,
)
_SWITCH_PLACED = (
    ComponentRef.TEXT_INPUT,
    ComponentRef.TEXT_AREA,
    ComponentRef.OPT_IN,
    ComponentRef.CHECKBOX_GROUP,
    ComponentRef.RADIO_BUTTONS_GROUP,
    ComponentRef.DROPDOWN,
    ComponentRef.DATE_PICKER,
    ComponentRef.PHOTO_PICKER,
    ComponentRef.DOCUMENT_PICKER,
)
#: Placed components that If branches and Switch cases gain later.
_CONDITIONAL_ADDED = ((601, ComponentRef.CALENDAR_PICKER), (701, ComponentRef.CHIPS_SELECTOR))


def _since(target: Target, added: Iterable[tuple[int, ComponentRef]]) -> list[ComponentRef]:
    return [key for since, key in added if target.version >= since]


def layout_children(target: Target) -> list[ComponentRef]:
    """Meta: WAFlowJSONChildrenSchema.getLayoutChildrenSchema."""
    return [*_LAYOUT_CHILDREN_BASE, *_since(target, _LAYOUT_CHILDREN_APPENDED)]


def form_children(target: Target) -> list[ComponentRef]:
    """Meta: WAFlowJSONFormComponentSchema's children lists."""
    return [
        *_since(target, _FORM_CHILDREN_PREPENDED),
        *_FORM_CHILDREN_V501,
        *_since(target, _FORM_CHILDREN_APPENDED),
    ]


def if_children(target: Target, *, depth: int, in_form: bool) -> list[ComponentRef]:
    """Meta: WAFlowJSONIfComponentSchema. Meta's table always builds the If at depth 0, so a Footer and a
    nested If are always allowed by the schema (the nesting limit is a semantic validator's)."""
    keys = [*_IF_STATIC, *(key.placed(in_form=in_form) for key in _IF_PLACED)]
    keys += [key.placed(in_form=in_form) for key in _since(target, _CONDITIONAL_ADDED)]
    if depth == 0:
        keys.append(ComponentRef.FOOTER)
    if depth < 2:
        keys.append(ComponentRef.IF.placed(in_form=in_form))
    return keys


def switch_case_children(target: Target, *, in_form: bool) -> list[ComponentRef]:
    """Meta: WAFlowJSONSwitchComponentSchema's case lists."""
    keys = [*_SWITCH_STATIC, *(key.placed(in_form=in_form) for key in _SWITCH_PLACED)]
    return keys + [key.placed(in_form=in_form) for key in _since(target, _CONDITIONAL_ADDED)]


def _array_of(refs: list[Schema]) -> Schema:
    return {"type": "array", "items": {"oneOf": refs}}


def form_v500(target: Target) -> Schema:
    """Meta: getFormComponentSchemaV500."""
    return _closed_object(
        ["type", "name", "children"],
        {
            "type": _const(Component.FORM),
            "name": string_or_binding(target, {"minLength": 1}),
            "error-messages": object_of_or_binding(target, "string"),
            "init-values": object_or_binding(target),
            "children": _array_of(_refs(form_children(target))),
        },
    )


def form_v600(target: Target) -> Schema:
    """Meta: getFormComponentSchemaV600 (error messages of any type)."""
    return _with(form_v500(target), {"error-messages": object_or_binding(target)})


def if_component(target: Target, *, in_form: bool, depth: int = 0) -> Schema:
    """Meta: getIfComponentSchemaByVersion. From 6.0 the condition is a boolean or any string."""
    refs = _refs(if_children(target, depth=depth, in_form=in_form))
    condition = string_or_binding(target) if target.version < 600 else bool_or_string()
    return _closed_object(
        ["type", "condition", "then"],
        {"type": _const(Component.IF), "condition": condition, "then": _array_of(refs), "else": _array_of(refs)},
    )


def switch_component(target: Target, *, in_form: bool) -> Schema:
    """Meta: getSwitchComponentSchemaByVersion."""
    return _closed_object(
        ["type", "value", "cases"],
        {
            "type": _const(Component.SWITCH),
            "value": binding(target),
            "cases": component_arrays_by_key(_refs(switch_case_children(target, in_form=in_form))),
        },
    )


# --- the component table: key of $defs/$components -> builder, per version ---------------------------------

Builder = Callable[[Target], Schema]
ComponentTable = Mapping[ComponentRef, Builder]


def _in_and_out_of_form(key: ComponentRef, builder: Callable[..., Schema]) -> dict[ComponentRef, Builder]:
    return {key: partial(builder, in_form=True), key.placed(in_form=False): partial(builder, in_form=False)}


# Meta: WAFlowJSONChildrenSchema.getComponentSchemaRefByVersion, one layer per version that changes it.
_TABLE_501: ComponentTable = {
    **_in_and_out_of_form(ComponentRef.CHECKBOX_GROUP, checkbox_group_v500),
    **_in_and_out_of_form(ComponentRef.RADIO_BUTTONS_GROUP, radio_buttons_group_v500),
    **_in_and_out_of_form(ComponentRef.SWITCH, switch_component),
    **_in_and_out_of_form(ComponentRef.DATE_PICKER, date_picker_v500),
    **_in_and_out_of_form(ComponentRef.OPT_IN, opt_in_v500),
    **_in_and_out_of_form(ComponentRef.TEXT_AREA, text_area_v500),
    **_in_and_out_of_form(ComponentRef.TEXT_INPUT, text_input_v500),
    **_in_and_out_of_form(ComponentRef.PHOTO_PICKER, photo_picker_v500),
    **_in_and_out_of_form(ComponentRef.DOCUMENT_PICKER, document_picker_v500),
    ComponentRef.EMBEDDED_LINK: embedded_link_v500,
    ComponentRef.TEXT_BODY: text_body,
    ComponentRef.TEXT_CAPTION: text_caption,
    ComponentRef.TEXT_HEADING: text_heading,
    ComponentRef.TEXT_SUBHEADING: text_subheading,
    **_in_and_out_of_form(ComponentRef.DROPDOWN, dropdown_v500),
    ComponentRef.IMAGE: image_v500,
    ComponentRef.FOOTER: footer_v500,
    ComponentRef.FORM: form_v500,
    **_in_and_out_of_form(ComponentRef.IF, if_component),
    ComponentRef.RICH_TEXT: rich_text,
}
_TABLE_600: ComponentTable = {
    **_TABLE_501,
    ComponentRef.FORM: form_v600,
    **_in_and_out_of_form(ComponentRef.CHECKBOX_GROUP, checkbox_group_v600),
    **_in_and_out_of_form(ComponentRef.RADIO_BUTTONS_GROUP, radio_buttons_group_v600),
    **_in_and_out_of_form(ComponentRef.OPT_IN, opt_in_v600),
    **_in_and_out_of_form(ComponentRef.DROPDOWN, dropdown_v600),
    **_in_and_out_of_form(ComponentRef.DATE_PICKER, date_picker_v600),
    **_in_and_out_of_form(ComponentRef.DOCUMENT_PICKER, document_picker_v600),
    **_in_and_out_of_form(ComponentRef.PHOTO_PICKER, photo_picker_v600),
    **_in_and_out_of_form(ComponentRef.TEXT_AREA, text_area_v600),
    **_in_and_out_of_form(ComponentRef.TEXT_INPUT, text_input_v600),
}
_TABLE_601: ComponentTable = {**_TABLE_600, **_in_and_out_of_form(ComponentRef.CALENDAR_PICKER, calendar_picker)}
_TABLE_602: ComponentTable = {
    **_TABLE_601,
    ComponentRef.NAVIGATION_LIST: navigation_list_v602,
    **_in_and_out_of_form(ComponentRef.TEXT_INPUT, text_input_v602),
}
_TABLE_603: ComponentTable = {**_TABLE_602, **_in_and_out_of_form(ComponentRef.CHIPS_SELECTOR, chips_selector_v602)}
_TABLE_700: ComponentTable = {
    **_TABLE_603,
    **_in_and_out_of_form(ComponentRef.TEXT_AREA, text_area_v700),
    **_in_and_out_of_form(ComponentRef.TEXT_INPUT, text_input_v700),
}
_TABLE_701: ComponentTable = {
    **_TABLE_700,
    **_in_and_out_of_form(ComponentRef.CHIPS_SELECTOR, chips_selector_v701),
    ComponentRef.IMAGE_CAROUSEL: image_carousel_v701,
}

#: Integer version -> (key of ``$defs/$components`` -> builder). A key without a builder is left out of
#: that version's ``$defs/$components``; ``$defs/$components`` follows :class:`ComponentRef`'s order.
COMPONENT_BUILDERS: dict[int, ComponentTable] = {
    501: _TABLE_501,
    502: _TABLE_501,
    600: _TABLE_600,
    601: _TABLE_601,
    602: _TABLE_602,
    603: _TABLE_603,
    700: _TABLE_700,
    701: _TABLE_701,
    702: _TABLE_701,
    703: _TABLE_701,
    704: _TABLE_701,
}


# --- layouts (Meta: WAFlowJSONScreenLayoutSchema and the layout modules) ------------------------------------


def single_column_layout(target: Target) -> Schema:
    """Meta: WAFlowJSONSingleColumnLayoutSchema."""
    return _closed_object(
        ["children", "type"],
        {
            "type": {"const": LAYOUT_NAMES["SINGLE_COLUMN"]},
            "children": _array_of(_refs(layout_children(target))),
        },
    )


def _one_of_consts(*values: str) -> Schema:
    return {"oneOf": [{"const": value} for value in values]}


def _catalog(name: str) -> str:
    return "${external_data.meta_catalog." + name + "}"


def item_detail_layout(target: Target) -> Schema:
    """Meta: WAFlowJSONItemDetailLayoutSchema (5.2)."""
    return _closed_object(
        ["type", "item"],
        {
            "type": {"const": LAYOUT_NAMES["ITEM_DETAIL"]},
            "show-media": bool_or_binding(target),
            "show-discount-strikethrough": bool_or_binding(target),
            "show-description": bool_or_binding(target),
            "on-view-cart-click-action": on_click_action(target),
            "on-add-to-cart-click-action": on_click_action(target),
            "on-remove-from-cart-click-action": on_click_action(target),
            "item": _one_of_consts(_catalog("product_detail")),
        },
    )


def category_list_layout(target: Target) -> Schema:
    """Meta: WAFlowJSONCategoryListLayoutSchema (5.2)."""
    return _closed_object(
        ["type", "categories"],
        {
            "type": {"const": LAYOUT_NAMES["CATEGORY_LIST"]},
            "categories": {"oneOf": [{"const": _catalog("categories")}, binding(target)]},
            "on-last-level-click-action": on_click_action(target),
            "on-view-cart-click-action": on_click_action(target),
        },
    )


def item_list_layout(target: Target) -> Schema:
    """Meta: WAFlowJSONItemListLayoutSchema (5.2)."""
    return _closed_object(
        ["type", "items"],
        {
            "type": {"const": LAYOUT_NAMES["ITEM_LIST"]},
            "show-media": bool_or_binding(target),
            "show-discount-strikethrough": bool_or_binding(target),
            "show-description": bool_or_binding(target),
            "on-view-cart-click-action": on_click_action(target),
            "on-item-click-action": on_click_action(target),
            "items": _one_of_consts(_catalog("product_catalog"), _catalog("product_list"), _catalog("products")),
        },
    )


def _open_object(properties: Schema) -> Schema:
    return {"type": "object", "properties": properties}


def _offset_and_value(target: Target) -> Schema:
    return _open_object({"offset": number_or_binding(target), "value": number_or_binding(target)})


def _cart(target: Target) -> Schema:
    """The Cart layout's ``cart``: amounts, coupon and products, or a binding."""
    amount = _open_object(
        {
            "total_amount": _offset_and_value(target),
            "currency": number_or_binding(target),
            "coupon": _open_object(
                {
                    "code": string_or_binding(target),
                    "discount": _open_object(
                        {
                            "value": number_or_binding(target),
                            "offset": number_or_binding(target),
                            "description": string_or_binding(target),
                        }
                    ),
                }
            ),
        }
    )
    products = array_of_objects_or_binding(
        target,
        [],
        {
            "retailer_id": string_or_binding(target),
            "name": string_or_binding(target),
            "amount": _offset_and_value(target),
            "sale_amount": _offset_and_value(target),
            "quantity": number_or_binding(target),
        },
    )
    return {"oneOf": [_open_object({"amount": amount, "products": products}), binding(target)]}


def cart_layout(target: Target) -> Schema:
    """Meta: WAFlowJSONCartLayoutSchema (5.2). Meta's module also describes a catalog product (price,
    compliance and image info) that its schema does not use; it is not ported."""
    text = plain_string()
    coupons = array_of_objects_or_binding(
        target,
        [],
        {
            "id": string_or_binding(target),
            "code": string_or_binding(target),
            "description": string_or_binding(target),
        },
    )
    return _closed_object(
        ["type", "items"],
        {
            "type": {"const": LAYOUT_NAMES["CART"]},
            "cta-label": text,
            "items": _one_of_consts(_catalog("products")),
            "on-cta-click-action": on_click_action(target, Component.FOOTER),
            "coupons": {"oneOf": [coupons, binding(target)]},
            "in-cart-items": array_of_objects_or_binding(
                target, [], {"retailer_id": string_or_binding(target), "quantity": string_or_binding(target)}
            ),
            "cart": _cart(target),
            "error-message": text,
        },
    )


def screen_layout(target: Target) -> Schema:
    """Meta: getScreenLayoutSchema: SingleColumnLayout, or in 5.2 one of it and the shopping layouts."""
    if target.version != 502:
        return single_column_layout(target)
    return {
        "oneOf": [
            single_column_layout(target),
            item_detail_layout(target),
            category_list_layout(target),
            item_list_layout(target),
            cart_layout(target),
        ]
    }


# --- screens and root (Meta: WAFlowJSONScreenSchema*, WAFlowJSONRootSchema) ---------------------------------


def _screen_id_pattern(target: Target) -> str:
    if target.version >= 700 and target.switches.screen_id_pattern_v700:
        return SCREEN_ID_PATTERN_V700
    return SCREEN_ID_PATTERN


def screen_common(target: Target) -> Schema:
    """Meta: getCommonScreenSchema. ``layout`` is required from 6.0."""
    title: Schema = {"type": "string"}
    if target.version >= 500:
        title["pattern"] = NON_BLANK_PATTERN
    return _closed_object(
        ["id", "title", "layout"] if target.version >= 600 else ["id", "title"],
        {
            "id": {"type": "string", "minLength": 1, "pattern": _screen_id_pattern(target)},
            "title": title,
            "data": {
                "type": "object",
                "patternProperties": {
                    DATA_MODEL_KEY_PATTERN: {"type": "object", "required": ["__example__", "type"]},
                    DATA_MODEL_REQUIRED_PATTERN: {"type": "array"},
                },
            },
            "refresh_on_back": {"type": "boolean"},
            "terminal": {"type": "boolean"},
            "layout": screen_layout(target),
        },
    )


def screen_v500(target: Target) -> Schema:
    """Meta: getScreenSchemaV500: ``success`` only on a terminal screen."""
    return {
        **_with_properties(screen_common(target), success={"type": "boolean"}),
        "if": {"properties": {"terminal": {"const": True}}, "required": ["terminal"]},
        "then": {"properties": {"success": {"type": "boolean"}}},
        "else": {"properties": {"success": {"not": {}}}},
    }


def screen_v501(target: Target) -> Schema:
    """Meta: getScreenSchemaV501 (``sensitive``)."""
    return _with_properties(screen_v500(target), sensitive=non_empty_string_array())


def external_data() -> Schema:
    """A 5.2 screen's ``external_data`` (Meta: WAFlowJSONScreenSchemaV502)."""

    def closed(properties: Schema | None = None) -> Schema:
        out: Schema = {"type": "object"}
        if properties is not None:
            out["properties"] = properties
        out["additionalProperties"] = False
        return out

    def with_payload(payload: Schema) -> Schema:
        return closed({"payload": closed(payload)})

    product_ids = {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string", "pattern": PRODUCT_IDS_BINDING_PATTERN},
        ]
    }
    return closed(
        {
            "meta_catalog": closed(
                {
                    "product_list": with_payload({"category": {"type": "string"}}),
                    "categories": closed(),
                    "product_detail": with_payload({"product_id": {"type": "string"}}),
                    "products": with_payload({"product_ids": product_ids}),
                    "product_catalog": closed(),
                }
            )
        }
    )


def screen_v502(target: Target) -> Schema:
    """Meta: getScreenSchemaV502 (``external_data`` and ``sensitive``)."""
    return _with_properties(screen_v500(target), external_data=external_data(), sensitive=non_empty_string_array())


def screen(target: Target) -> Schema:
    """Meta: getScreenSchema."""
    return screen_v502(target) if target.version == 502 else screen_v501(target)


def data_api_version(target: Target) -> Schema:
    """Meta: WAFlowJSONRootSchema. 5.2 takes "3.0" or "3.1" (Meta's ``intToString(301)``); 7.3+ "3.0"
    or "4.0"; the others "3.0"."""
    if target.version == 502:
        return {"type": "string", "oneOf": [{"const": version_text(300)}, {"const": version_text(301)}]}
    if target.version >= 703:
        return {"type": "string", "oneOf": [{"const": version_text(300)}, {"const": version_text(400)}]}
    return {"type": "string", "const": version_text(300)}


def routing_model(target: Target) -> Schema:
    """Meta: getRoutingModelSchema."""
    pattern = _screen_id_pattern(target)
    return {
        "type": "object",
        "patternProperties": {pattern: {"type": "array", "items": {"type": "string", "pattern": pattern}}},
        "propertyNames": {"pattern": pattern},
    }


def components(target: Target) -> Schema:
    """``$defs/$components``: every component this version has, in :class:`ComponentRef` order."""
    table = COMPONENT_BUILDERS[target.version]
    return {key.value: table[key](target) for key in ComponentRef if key in table}


def build(version: int, *, switches: Switches = DEFAULT_SWITCHES) -> Schema:
    """Meta's JSON Schema for a Flow JSON version given as Meta's integer (501 for "5.1").

    ``ValueError`` for a version Meta's builder does not support. Each call returns a new tree that
    shares no object between its branches, so a caller may change it freely.
    """
    if version not in COMPONENT_BUILDERS:
        raise ValueError(f"Meta's schema builder does not support Flow JSON version {version}")
    target = Target(version, switches)
    root: Schema = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://whatsapp.com/flows-template-schema.v{version_text(version)}.json",
        "title": SCHEMA_TITLE,
        "description": SCHEMA_DESCRIPTION,
        "type": "object",
        "required": ["screens", "version"],
        "additionalProperties": False,
        "properties": {
            "version": {"type": "string", "const": version_text(version)},
            "data_api_version": data_api_version(target),
            "routing_model": routing_model(target),
            "screens": {"type": "array", "minItems": 1, "items": screen(target)},
            "meta": {"type": "object", "properties": {"lead_gen_ai": {"type": "boolean"}}},
        },
        "$defs": {"$components": components(target)},
    }
    return _unshared(root)


def _unshared(node: Any) -> Any:
    """A copy in which no dict or list appears twice (builders reuse sub-schemas, as Meta's do)."""
    if isinstance(node, dict):
        return {key: _unshared(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_unshared(value) for value in node]
    return node


# --- the written files --------------------------------------------------------------------------------------

FOLDER = Path(__file__).resolve().parents[3] / "schemas" / "meta"  # the checkout's schemas/meta/


def file_name(version: str) -> str:
    """``flow-json-7.3.json`` for "7.3"."""
    return f"flow-json-{version}.json"


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path = FOLDER) -> list[Path]:
    """Write one file per version of :data:`VERSIONS`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for text, version in VERSIONS.items():
        path = folder / file_name(text)
        path.write_text(render(build(version)), encoding="utf-8")
        written.append(path)
    return written


def stale_files(folder: Path = FOLDER) -> list[Path]:
    """The files of :data:`VERSIONS` that are missing or differ from what :func:`build` gives."""
    stale = []
    for text, version in VERSIONS.items():
        path = folder / file_name(text)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(build(version)):
            stale.append(path)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    import argparse  # only the command line needs it

    parser = argparse.ArgumentParser(
        prog="python -m flowlint.schema.meta_port.schema",
        description="Write Meta's Flow JSON schemas to schemas/meta/.",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is out of date")
    options = parser.parse_args(argv)
    if options.check:
        stale = stale_files()
        for path in stale:
            print(f"out of date: {path}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_all():
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
