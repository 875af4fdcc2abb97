"""Builds the JSON Schemas in ``schemas/`` (one entry schema per Flow JSON version) from the component table.

The schemas are data, committed as JSON so that editors and other tools can use them; this module is
how they are written, so that a version differs from the previous one by a visible line in
:data:`VERSIONS` or in a property's ``since`` (adding 7.4 was one line: ``"7.4": "7.3"``). What each
component is (versions, places, properties and their kinds) is read from :mod:`flowlint.components`; this
module turns each property kind into its schema (:func:`prop_schema`) and builds the root, screens, layouts,
actions and the per-place dispatch around them.
Run ``python -m flowlint.schema.build`` after a change; ``tests/schema/test_schema_files.py`` fails
while the committed files differ from what this module writes.

Facts and sources:
- Meta's validator (``spec/meta-validator.md`` §3: root, screen, which components go where, binding
  patterns, non-blank strings from 6.0, form and no-form variants), corrected by the recorded answers in
  ``conformance/meta/README.md`` ("Settled by running Meta's validator").
- Meta's public docs (``spec/flowjson.md`` §1.2 "what each version added", §5 components, §6 actions),
  with pywa's ``pywa/types/flows.py`` "Added in vX" notes where Meta's pages say nothing.
Where two sources disagree and no recorded answer settles it, the schema is permissive: a flow Meta
accepts must never be rejected.

Shape (plain draft 2020-12, no custom keywords, so any validator gives the same answer): components are
chosen by their ``type`` with ``if``/``then`` (one branch per type) after an ``enum`` of the types
allowed in that place; Meta's "this property or a binding" alternatives are ``anyOf`` of two branches,
as in Meta's schema, so that both branch errors can be reported as Meta reports them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from flowlint.schema.meta_port import schema as meta_schema
from flowlint.components import (
    COMPONENTS,
    COMPONENTS_DOC,
    MV,
    OPTION_ITEM,
    OPTION_ITEM_MEDIA,
    PYWA,
    Prop,
    form_order,
    known,
    since_of,
    top_order,
    vnum,
)

__all__ = ["VERSIONS", "build_schema", "build_all", "write_all", "COMPONENT_SINCE", "KNOWN_COMPONENTS"]

Schema = dict[str, Any]

#: Flow JSON version -> the version whose rules it uses (itself, or an earlier one it copies).
#: 7.4 is validated exactly like 7.3 by Meta's validator (conformance case ``version-7-4-accepted``).
VERSIONS: dict[str, str] = {
    "2.1": "2.1",
    "3.0": "3.0",
    "3.1": "3.1",
    "4.0": "4.0",
    "5.0": "5.0",
    "5.1": "5.1",
    "5.2": "5.2",
    "6.0": "6.0",
    "6.1": "6.1",
    "6.2": "6.2",
    "6.3": "6.3",
    "7.0": "7.0",
    "7.1": "7.1",
    "7.2": "7.2",
    "7.3": "7.3",
    "7.4": "7.3",
}

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:flowlint:schema:flow-json-"

# Sources named in the descriptions, which users read in their editors: public ones only. The developers'
# sources (spec/meta-validator.md, spec/flowjson.md, conformance cases) are named in the module docstring and
# in comments.
FLOWJSON_DOC = "https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson"
ACTIONS_DOC = FLOWJSON_DOC + " (Actions)"
CHANGELOG_DOC = "https://developers.facebook.com/docs/whatsapp/flows/changelogs"

# --- patterns (Meta's, spec/meta-validator.md §3.6; written for ECMA-262 regular expressions) -------------

#: Bindings up to 3.1: only ``${data.x}``.
BINDING_V200 = r"^\$\{data\..+\}$"
#: Bindings from 4.0 (global ``${screen.S.data.x}``; not end-anchored, as Meta's).
BINDING_V400 = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[A-Za-z0-9_-]+)+\}"
#: From 6.0 a backtick nested expression is accepted too.
BINDING_V600 = BINDING_V400 + r"|^`.+`"
# Meta's own patterns, defined once with Meta's schemas (flowlint.schema.meta_port.schema).
NON_BLANK = meta_schema.NON_BLANK_PATTERN
NOT_BINDING = meta_schema.NOT_BINDING_PATTERN_V400
NOT_BACKTICKS = meta_schema.NOT_BACKTICK_EXPRESSION_PATTERN
SCREEN_ID = meta_schema.SCREEN_ID_PATTERN
SWITCH_CASE_KEY = meta_schema.SWITCH_CASE_KEY_PATTERN
HEX_COLOUR = meta_schema.HEX_COLOR_PATTERN

# The components come from the component table (flowlint.components): each one's versions, places and
# properties. Kept here under their old names for the modules that read them from this one.
COMPONENT_SINCE: dict[str, str] = since_of()
KNOWN_COMPONENTS = known()
#: Components that must sit inside a Form before 4.0 (spec/flowjson.md §5 "Before v4.0").
FORM_ONLY_BEFORE_400 = tuple(t for t, spec in COMPONENTS.items() if spec.top_since != spec.since)

SHOPPING_LAYOUTS = ("ItemListLayout", "CartLayout", "ItemDetailLayout", "CategoryListLayout")
# Meta's schema accepts the shopping layouts in every version: conformance case
# schema-shopping-layout-accepted-v7-3; SingleColumnLayout: spec/flowjson.md §4.
_LAYOUT_TYPE = (
    f"The layout: SingleColumnLayout ({COMPONENTS_DOC}); the 5.2 shopping layouts are accepted by {MV} "
    "in every version."
)


# --- property descriptions: what a property is and where its rule comes from ---------------------------

_DESCRIPTIONS: dict[str, str] = {
    "type": "The component type; selects which properties apply. Source: Meta's components reference "
    f"({COMPONENTS_DOC}); {MV}.",
    "text": "The text shown (a string, or an array of Markdown lines where Meta allows it); may be a "
    f"${{...}} binding. Non-blank from 6.0. Source: {COMPONENTS_DOC}; {MV}.",
    "visible": f"Whether the component is shown: a boolean or a binding. Source: {COMPONENTS_DOC}; {MV}.",
    "enabled": f"Whether the component can be used: a boolean or a binding. Source: {COMPONENTS_DOC}.",
    "required": f"Whether the user must fill the field: a boolean or a binding. Source: {COMPONENTS_DOC}.",
    "name": "Field name, unique on the screen; the value is read as ${form.<name>}. From 6.0 it must be "
    f"non-blank, not a binding and not a backtick expression. Source: {COMPONENTS_DOC}; {MV}.",
    "label": f"The label shown with the component. Source: {COMPONENTS_DOC}; minimum length from {MV}.",
    "helper-text": f"Hint shown under the field. Source: {COMPONENTS_DOC}.",
    "description": f"Secondary text shown with the component. Source: {COMPONENTS_DOC}.",
    # Inside a Form: conformance cases schema-init-value-inside-form, schema-error-message-inside-form.
    "init-value": "Initial value; only on a component outside a Form (4.0+), inside a Form use the Form's "
    f"init-values. Source: {COMPONENTS_DOC}; {MV}.",
    "error-message": "Error shown for the field; only on a component outside a Form (4.0+). "
    f"Source: {COMPONENTS_DOC}; {MV}.",
    "input-type": f"Keyboard and validation of a TextInput. Source: {MV}; {COMPONENTS_DOC}.",
    # helper-text: spec/meta-validator.md §2.3 TextInputPatternFieldV602.
    "pattern": "A regular expression the input must match (6.2+); needs helper-text. "
    f"Source: {PYWA} 'Added in v6.2'; {MV}.",
    # Not before 7.0: conformance case schema-label-variant-v6-3.
    "label-variant": f"'large' shows the label prominently (7.0+). Source: {PYWA} 'Added in v7.0'; {MV}.",
    "min-chars": f"Minimum number of characters: a number or a binding. Source: {MV}.",
    "max-chars": f"Maximum number of characters: a number or a binding. Source: {MV}.",
    "max-length": f"Maximum number of characters of a TextArea. Source: {COMPONENTS_DOC}.",
    "data-source": "The options: an array of items (id and title required) or a binding. Source: "
    f"{MV}; {COMPONENTS_DOC}.",
    # >= 0: conformance case schema-minimum-min-selected-items.
    "min-selected-items": "Minimum number of options to select: an integer >= 0 or a binding. "
    f"Source: {COMPONENTS_DOC}; {MV}.",
    "max-selected-items": f"Maximum number of options to select: an integer or a binding. Source: {COMPONENTS_DOC}.",
    "media-size": f"Size of option images (5.0+). Source: {CHANGELOG_DOC}; {COMPONENTS_DOC}.",
    "on-click-action": f"The action run when the component is tapped. Source: {ACTIONS_DOC}.",
    "on-select-action": f"The action run when an option is selected. Source: {ACTIONS_DOC}.",
    "on-unselect-action": f"The action run when an option is unselected (6.0+). Source: {ACTIONS_DOC}; {PYWA}.",
    # conformance cases schema-dependencies-footer-captions, schema-not-footer-center-with-sides.
    "left-caption": "Caption left of the Footer button; needs right-caption and excludes center-caption. "
    f"Source: {COMPONENTS_DOC}; {MV}.",
    "right-caption": f"Caption right of the Footer button; needs left-caption. Source: {COMPONENTS_DOC}.",
    "center-caption": f"Caption under the Footer button; not with left/right captions. Source: {COMPONENTS_DOC}.",
    "markdown": f"Render the text as Markdown (5.1+). Source: {PYWA} 'Added in v5.1'; {CHANGELOG_DOC}.",
    # The enum: conformance case schema-enum-font-weight.
    "font-weight": f"bold, italic, bold_italic or normal, or a binding. Source: {COMPONENTS_DOC}; {MV}.",
    "strikethrough": f"Strike the text through: a boolean or a binding. Source: {COMPONENTS_DOC}.",
    "children": f"The components of this container; the types allowed here are those {MV} accepts.",
    "init-values": f"Initial values of the Form's fields by name: an object or a binding. Source: {MV}.",
    "error-messages": f"Error messages of the Form's fields by name: an object or a binding. Source: {MV}.",
    "condition": f"The boolean expression of an If (checked by the semantic pass). Source: {COMPONENTS_DOC}.",
    "then": f"Components shown when the condition holds. Source: {COMPONENTS_DOC}.",
    "else": f"Components shown otherwise. Source: {COMPONENTS_DOC}.",
    "value": f"The value a Switch selects its case by. Source: {COMPONENTS_DOC}.",
    # The key pattern: conformance case schema-switch-case-key-pattern.
    "cases": "Components per case value; keys match ^[a-zA-Z][a-zA-Z0-9-_]*$. "
    f"Source: {COMPONENTS_DOC}; {MV}.",
    "src": f"Base64 image data or a binding. Source: {COMPONENTS_DOC}.",
    "width": f"Image width: an integer or a binding. Source: {COMPONENTS_DOC}.",
    "height": f"Image height: an integer or a binding. Source: {COMPONENTS_DOC}.",
    "scale-type": f"cover or contain. Source: {COMPONENTS_DOC}.",
    "aspect-ratio": f"Image aspect ratio. Source: {COMPONENTS_DOC}.",
    "alt-text": f"Accessibility text of an image. Source: {COMPONENTS_DOC}.",
    "images": f"The carousel's images (src and alt-text each; 7.1+). Source: {COMPONENTS_DOC}.",
    "photo-source": f"camera_gallery, camera or gallery. Source: {COMPONENTS_DOC}; {PYWA}.",
    # 25600: conformance case schema-maximum-max-file-size-kb.
    "max-file-size-kb": f"Maximum size of one file in KB, at most 25600. Source: {COMPONENTS_DOC}; {MV}.",
    "min-uploaded-photos": f"Minimum number of photos (0 = optional). Source: {COMPONENTS_DOC}.",
    # At least 1: conformance case schema-minimum-max-uploaded-photos.
    "max-uploaded-photos": f"Maximum number of photos, at least 1. Source: {COMPONENTS_DOC}; {MV}.",
    "min-uploaded-documents": f"Minimum number of documents (0 = optional). Source: {COMPONENTS_DOC}.",
    "max-uploaded-documents": f"Maximum number of documents, at least 1. Source: {COMPONENTS_DOC}.",
    "allowed-mime-types": f"MIME types the picker accepts. Source: {COMPONENTS_DOC}.",
    "min-date": f"First selectable date. Source: {COMPONENTS_DOC}.",
    "max-date": f"Last selectable date. Source: {COMPONENTS_DOC}.",
    "unavailable-dates": f"Dates that cannot be selected: an array or a binding. Source: {COMPONENTS_DOC}.",
    "mode": f"single or range (CalendarPicker). Source: {COMPONENTS_DOC}.",
    "title": f"Title shown with the component. Source: {COMPONENTS_DOC}.",
    # The enum: conformance case schema-enum-include-days.
    "include-days": f"Weekdays that can be selected: Mon..Sun. Source: {COMPONENTS_DOC}; {MV}.",
    "min-days": f"Minimum length of a range. Source: {COMPONENTS_DOC}.",
    "max-days": f"Maximum length of a range. Source: {COMPONENTS_DOC}.",
    "list-items": f"The NavigationList items (id and main-content required). Source: {COMPONENTS_DOC}; {PYWA}.",
}

_ITEM_DESCRIPTIONS: dict[str, str] = {
    # Required: spec/meta-validator.md §3.5 getRequiredDataSourceAttributes.
    "id": f"Identifier of the option, the value the form gets. Required. Source: {MV}.",
    "title": f"Text of the option. Required. Source: {MV}.",
    "description": f"Secondary text of the option. Source: {COMPONENTS_DOC}.",
    "metadata": f"Tertiary text of the option. Source: {COMPONENTS_DOC}.",
    "enabled": f"Whether the option can be chosen: a boolean or a binding (4.0+). Source: {MV}.",
    "image": f"Base64 image of the option (5.0+). Source: {MV}; {COMPONENTS_DOC}.",
    "alt-text": f"Accessibility text of the option image (5.0+). Source: {MV}.",
    "color": f"6-digit hex colour, ^#([A-Fa-f0-9]{{6}})$ (5.0+). Source: {MV}.",
    "on-select-action": f"Action when this option is selected (6.0+). Source: {PYWA} DataSource 'added in v6.0'.",
    "on-unselect-action": f"Action when this option is unselected (6.0+). Source: {PYWA} DataSource 'added in v6.0'.",
}


def describe(schema: Schema, text: str) -> Schema:
    return {"description": text, **schema}


# --- value helpers -------------------------------------------------------------------------------------


class Builder:
    """Schema fragments for one version's rules."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.n = vnum(version)
        #: Definitions shared by local ``$ref`` (actions, data-source options, list items), by name.
        self.shared: dict[str, Schema] = {}

    def ref(self, name: str, schema: Schema) -> Schema:
        """``{"$ref": "#/$defs/<name>"}``, recording the definition the first time."""
        known = self.shared.setdefault(name, schema)
        assert known == schema, f"two different definitions named {name}"
        return {"$ref": f"#/$defs/{name}"}

    def at_least(self, text: str) -> bool:
        return self.n >= vnum(text)

    # Meta's binding string, the alternative of every non-string property.
    def binding(self) -> Schema:
        if self.n <= 301:
            pattern = BINDING_V200
        elif self.n < 600:
            pattern = BINDING_V400
        else:
            pattern = BINDING_V600
        return {"type": "string", "pattern": pattern}

    def string(self, *, min_length: int | None = None, extra: Iterable[str] = ()) -> Schema:
        """A string property; from 6.0 it must not be blank (Meta's string helper, §3.6)."""
        out: Schema = {"type": "string"}
        if min_length is not None:
            out["minLength"] = min_length
        patterns = ([NON_BLANK] if self.at_least("6.0") else []) + list(extra)
        if len(patterns) == 1:
            out["pattern"] = patterns[0]
        elif patterns:
            out["allOf"] = [{"pattern": p} for p in patterns]
        return out

    def text(self) -> Schema:
        """Text of text components: a string or an array of lines (conformance case schema-blank-heading-text)."""
        return {"anyOf": [self.string(), {"type": "array", "items": {"type": "string"}}]}

    def or_binding(self, schema: Schema) -> Schema:
        return {"anyOf": [schema, self.binding()]}

    def boolean(self) -> Schema:
        return self.or_binding({"type": "boolean"})

    def integer(self, *, minimum: int | None = None, maximum: int | None = None) -> Schema:
        out: Schema = {"type": "integer"}
        if minimum is not None:
            out["minimum"] = minimum
        if maximum is not None:
            out["maximum"] = maximum
        return self.or_binding(out)

    def number(self) -> Schema:
        return self.or_binding({"type": "number"})

    def enum(self, values: Iterable[str], *, binding: bool = True) -> Schema:
        schema: Schema = {"enum": list(values)}
        return self.or_binding(schema) if binding else schema

    def array_or_binding(self, items: Schema, *, min_items: int | None = None) -> Schema:
        out: Schema = {"type": "array"}
        if min_items is not None:
            out["minItems"] = min_items
        out["items"] = items
        return self.or_binding(out)

    def name(self) -> Schema:
        if not self.at_least("6.0"):
            return {"type": "string"}
        return self.string(extra=[NOT_BINDING, NOT_BACKTICKS])

    def error_message(self) -> Schema:
        # A string, or (CalendarPicker range mode) an object: conformance case
        # schema-type-error-message-object-empty shows both branches.
        return {"anyOf": [self.string(), {"type": "object", "minProperties": 1}]}

    # --- actions --------------------------------------------------------------------------------------

    def action(self, names: list[str]) -> Schema:
        """An action whose ``name`` is one of ``names``: a shared definition per set of names."""
        return self.ref("action." + "+".join(names), self._action(names))

    def _action(self, names: list[str]) -> Schema:
        """An action object whose ``name`` is one of ``names`` (spec/flowjson.md §6)."""
        props: Schema = {}
        if len(names) == 1:
            props["name"] = describe({"const": names[0]}, f"The action; here only {names[0]}. Source: {ACTIONS_DOC}.")
        else:
            props["name"] = describe({"enum": names}, f"The action. Source: {ACTIONS_DOC}.")
        if "navigate" in names:
            props["next"] = describe(
                {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {
                        # Only a string: conformance case routing-dcless-unconnected-order.
                        "type": describe(
                            {"type": "string"},
                            f"'screen' (the only kind documented); {MV} checks only that it is a "
                            f"string. Source: {ACTIONS_DOC}.",
                        ),
                        "name": describe({"type": "string"}, f"The id of the next screen. Source: {ACTIONS_DOC}."),
                    },
                },
                f"Where navigate goes. Source: {ACTIONS_DOC}.",
            )
        props["payload"] = describe(
            {"type": "object"}, f"Data sent with the action (not with open_url). Source: {ACTIONS_DOC}."
        )
        if self.at_least("6.0"):
            # A URI: conformance case schema-format-url.
            props["url"] = describe(
                self.or_binding({"type": "string", "format": "uri"}),
                f"The address open_url opens (6.0+). Source: {ACTIONS_DOC}.",
            )
        rules: list[Schema] = []
        for name in names:
            then: Schema = {}
            if name == "navigate":
                then = {"required": ["next"]}
            elif name == "open_url":
                # Meta tries the open_url branch, then the other actions' branch, and reports both when
                # both fail (conformance cases schema-format-url, schema-missing-open-url-url,
                # schema-not-payload-on-open-url).
                others = [n for n in names if n != "open_url"]
                props["url"] = describe(
                    {},
                    f"The address open_url opens: a URI or a binding (6.0+). Source: {ACTIONS_DOC}; {MV}.",
                )
                then = {
                    "anyOf": [
                        {
                            "required": ["url"],
                            "properties": {
                                "url": describe(
                                    self.or_binding({"type": "string", "format": "uri"}),
                                    f"A URI or a binding. Source: {ACTIONS_DOC}.",
                                )
                            },
                            "not": {"required": ["payload"]},
                        },
                        {"properties": {"name": describe({"enum": others}, "The other actions of this property.")}},
                    ]
                }
            else:
                then = {"not": {"required": ["next"]}}
            rules.append({"if": _has_const("name", name), "then": then})
        out: Schema = {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": props,
        }
        if rules:
            out["allOf"] = rules
        return out


def _has_const(prop: str, value: str) -> Schema:
    return {"properties": {prop: {"const": value}}, "required": [prop]}


# --- components ----------------------------------------------------------------------------------------


def prop_schema(b: Builder, prop: Prop, ctx: str) -> Schema:
    """The schema of one property of the component table (:data:`flowlint.components.KINDS`) in ``b``'s
    version; ``ctx`` is the place of the component (for the children of If and Switch)."""
    kind = prop.kind
    if kind == "string":
        return b.string(min_length=prop.min_length, extra=[prop.pattern] if prop.pattern else ())
    if kind in _FIXED_KINDS:
        return _FIXED_KINDS[kind](b, prop)
    if kind == "integer":
        if prop.binding:
            return b.integer(minimum=prop.minimum, maximum=prop.maximum)
        out: Schema = {"type": "integer"}
        if prop.minimum is not None:
            out["minimum"] = prop.minimum
        if prop.maximum is not None:
            out["maximum"] = prop.maximum
        return out
    if kind == "list":
        assert prop.ref is not None and prop.item is not None
        return b.array_or_binding(b.ref(prop.ref, prop_schema(b, prop.item, ctx)), min_items=prop.min_items)
    if kind == "object":
        props = {p.key: describe(prop_schema(b, p, ctx), p.doc or "") for p in prop.props}
        obj: Schema = {"type": "object"}
        if prop.required is not None:
            obj["required"] = list(prop.required)
        obj["additionalProperties"] = False
        obj["properties"] = props
        return obj
    if kind == "children":
        return children_array(b, ctx)
    if kind == "cases":
        return {
            "type": "object",
            "propertyNames": {"pattern": SWITCH_CASE_KEY},
            "additionalProperties": children_array(b, ctx + "-switch"),
        }
    raise KeyError(kind)  # pragma: no cover - a kind of flowlint.components.KINDS without a shape here


_RANGE = {"type": "object"}  # CalendarPicker's range mode: an object of start-date/end-date values
#: The kinds whose schema depends only on the version.
_FIXED_KINDS: dict[str, Any] = {
    "text": lambda b, p: b.text(),
    "plain-string": lambda b, p: {"type": "string"},
    "regex": lambda b, p: {"type": "string", "format": "regex"},
    "bool": lambda b, p: b.boolean(),
    "plain-bool": lambda b, p: {"type": "boolean"},
    "number": lambda b, p: b.number(),
    "enum": lambda b, p: b.enum(p.values, binding=p.binding),
    "name": lambda b, p: b.name(),
    "error-message": lambda b, p: b.error_message(),
    "strings": lambda b, p: b.array_or_binding({"type": "string"}),
    "enum-array": lambda b, p: b.array_or_binding({"enum": list(p.values)}),
    "options": lambda b, p: b.array_or_binding(b.ref("data-source.item", data_source_item(b)), min_items=p.min_items),
    "action": lambda b, p: b.action(p.action_names(b.version)),
    "string-or-range": lambda b, p: {"anyOf": [b.string(), _RANGE]},
    "bool-or-range": lambda b, p: {"anyOf": [{"type": "boolean"}, b.binding(), _RANGE]},
    "plain-strings": lambda b, p: {"type": "array", "maxItems": p.max_items, "items": {"type": "string"}},
    "object-or-binding": lambda b, p: b.or_binding({"type": "object"}),
    # A Form's error-messages: strings before 6.0.
    "messages": lambda b, p: b.or_binding(
        {"type": "object"} if b.at_least("6.0") else {"type": "object", "additionalProperties": {"type": "string"}}
    ),
    "form-children": lambda b, p: children_array(b, "form"),
}


def component_props(b: Builder, ctype: str) -> tuple[dict[str, Prop], list[str], Schema]:
    """The table's properties (by name, with ``since`` and ``outside_form_only``), required names in ``b``'s
    version and extra schema keywords of one component type (``flowlint.schema.reference_errors`` reads them)."""
    spec = COMPONENTS[ctype]
    return {p.key: p for p in spec.props}, spec.required_in(b.version), dict(spec.schema_extra)


def data_source_item(b: Builder) -> Schema:
    """A data-source option. From 5.0 Meta tries an image-capable variant first, then the plain one.

    Both are reported when both fail (conformance case schema-color-pattern), so they stay two branches.
    """

    def item(with_media: bool) -> Schema:
        props: Schema = {}
        for prop in OPTION_ITEM:
            media = prop.key in OPTION_ITEM_MEDIA
            if (media and not with_media) or (not media and not b.at_least(prop.since)):
                continue
            props[prop.key] = describe(prop_schema(b, prop, "top"), _ITEM_DESCRIPTIONS[prop.key])
        return {"type": "object", "required": ["id", "title"], "additionalProperties": False, "properties": props}

    if b.at_least("5.0"):
        return {"anyOf": [item(True), item(False)]}
    return item(False)


def component_schema(b: Builder, ctype: str, ctx: str) -> Schema:
    """The closed object schema of one component in a context (``top``: outside any Form, ``form``)."""
    spec = COMPONENTS[ctype]
    props: Schema = {"type": describe({"const": ctype}, _DESCRIPTIONS["type"])}
    for prop in spec.props:
        # Built before the version and place are asked: a shared definition it uses (an action) is written
        # even when the property is not, as the committed schemas have always had it.
        schema = prop_schema(b, prop, ctx)
        if not b.at_least(prop.since):
            continue
        if prop.outside_form_only and (ctx == "form" or not b.at_least("4.0")):
            continue
        props[prop.key] = describe(schema, prop.doc or _DESCRIPTIONS.get(prop.key, f"See {COMPONENTS_DOC}."))
    extra = spec.schema_extra
    out = _closed(props, ["type", *spec.required_in(b.version)], dependencies=extra.get("dependentRequired"))
    if "not" in extra:
        out["not"] = extra["not"]
    return out


def _closed(props: Schema, required: list[str], *, dependencies: Schema | None = None) -> Schema:
    # Keyword order follows Ajv 6's evaluation order (type, required, dependencies, additionalProperties,
    # properties, then not/anyOf/allOf/if): the reference validator reports in keyword order, so errors
    # come out in Meta's order.
    out: Schema = {"type": "object", "required": required}
    if dependencies:
        out["dependentRequired"] = dependencies
    out["additionalProperties"] = False
    out["properties"] = props
    return out


def allowed_components(b: Builder, ctx: str) -> list[str]:
    """Component types accepted in a place (spec/meta-validator.md §3.4; conformance schema-one-of-*)."""
    base = ctx.split("-")[0]
    order = top_order() if base == "top" else form_order()
    out = [t for t in order if b.at_least(COMPONENTS[t].since)]
    if base == "top":
        # Before 4.0 input components live only inside a Form (spec/flowjson.md §5; meta-validator §3.1).
        out = [t for t in out if b.at_least(COMPONENTS[t].top_since)]
    if ctx.endswith("-switch"):
        out = [t for t in out if COMPONENTS[t].in_switch_case]
    return out


def children_array(b: Builder, ctx: str) -> Schema:
    return {"type": "array", "items": {"$ref": f"#/$defs/children.{ctx}"}}


def dispatcher(b: Builder, ctx: str, names: dict[tuple[str, str], str]) -> Schema:
    """One child of a container: the allowed types, then the schema of the component named by ``type``."""
    base = ctx.split("-")[0]
    allowed = allowed_components(b, ctx)
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": describe({"enum": allowed}, f"The component types allowed here. Source: {MV}.")},
        "allOf": [
            {"if": {"type": "object", **_has_const("type", t)}, "then": {"$ref": f"#/$defs/{names[(t, base)]}"}}
            for t in allowed
        ],
    }


def _def_name(ctype: str, ctx: str) -> str:
    return ctype if ctx == "top" else f"form.{ctype}"


def layout_schema(b: Builder) -> Schema:
    single = {
        "type": "object",
        "required": ["type", "children"],
        "additionalProperties": False,
        "properties": {
            "type": describe({"const": "SingleColumnLayout"}, f"The only general layout. Source: {COMPONENTS_DOC}."),
            "children": describe(children_array(b, "top"), _DESCRIPTIONS["children"]),
        },
    }
    if b.version == "5.2":
        shopping: Schema = {
            "ItemListLayout": {
                "anyOf": [
                    {"const": "${external_data.meta_catalog.product_catalog}"},
                    {"const": "${external_data.meta_catalog.product_list}"},
                ]
            },
            "CartLayout": {"const": "${external_data.meta_catalog.products}"},
        }
        rules: list[Schema] = [{"if": _has_const("type", "SingleColumnLayout"), "then": single}]
        for name in SHOPPING_LAYOUTS:
            then: Schema = {"type": "object", "required": ["type"]}
            if name in shopping:
                # spec/meta-validator.md §3.3; conformance case schema-shopping-items-const-v5-2.
                then["properties"] = {"items": describe(shopping[name], f"The catalogue binding (5.2). Source: {MV}.")}
            rules.append({"if": _has_const("type", name), "then": then})
        return {
            "type": "object",
            "required": ["type"],
            "properties": {"type": describe({"enum": ["SingleColumnLayout", *SHOPPING_LAYOUTS]}, _LAYOUT_TYPE)},
            "allOf": rules,
        }
    # Outside 5.2 only SingleColumnLayout is valid, but Meta lets the known shopping layout names through
    # (conformance case schema-shopping-layout-accepted-v7-3); an unknown name is an error
    # (schema-const-layout-type).
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": describe({"enum": ["SingleColumnLayout", *SHOPPING_LAYOUTS]}, _LAYOUT_TYPE)},
        "allOf": [{"if": _has_const("type", "SingleColumnLayout"), "then": single}],
    }


def screen_schema(b: Builder) -> Schema:
    data_decl = {
        "type": "object",
        "required": ["__example__", "type"],
    }
    props: Schema = {
        "id": describe(
            {"type": "string", "minLength": 1, "pattern": SCREEN_ID},
            # conformance cases schema-screen-id-*, valid-screen-id-with-comma.
            f"Screen id: letters, underscores (and commas, which Meta accepts) only. Source: {MV}.",
        ),
        "title": describe(
            b.string() if b.at_least("6.0") else ({"type": "string", "pattern": NON_BLANK} if b.at_least("5.0") else {"type": "string"}),
            f"Title in the top bar; non-blank from 5.0. Source: {MV}.",
        ),
        "terminal": describe({"type": "boolean"}, f"Whether the flow can end on this screen. Source: {FLOWJSON_DOC}."),
        "success": describe(
            {"type": "boolean"}, f"Whether ending here counts as success; terminal screens only. Source: {MV}."
        ),
        "refresh_on_back": describe(
            {"type": "boolean"}, f"Ask the endpoint for fresh data when the user comes back. Source: {FLOWJSON_DOC}."
        ),
        "data": describe(
            {
                "type": "object",
                "patternProperties": {
                    "^(?!required)": data_decl,
                    # Keys starting with "required" escape the declaration rule (a quirk of Meta's schema:
                    # conformance case screen-data-required-prefix); the semantic pass checks them.
                    "^required": {},
                },
            },
            # __example__: conformance case schema-missing-data-example.
            "Declarations of the data the screen receives; each needs type and __example__. "
            f"Source: {MV}.",
        ),
        "layout": describe(layout_schema(b), f"The screen's layout. Source: {COMPONENTS_DOC}; {MV}."),
    }
    if b.at_least("5.1"):
        props["sensitive"] = describe(
            {"type": "array", "minItems": 1, "items": {"type": "string"}},
            f"Names of fields masked in the summary (5.1+). Source: {FLOWJSON_DOC}; {MV}.",
        )
    if b.version == "5.2":
        props["external_data"] = describe(
            {"type": "object"}, f"Shopping catalogue data (5.2 only). Source: {MV}."
        )
    required = ["id", "title"] + (["layout"] if b.at_least("6.0") else [])
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": props,
        # `success` only on a terminal screen (conformance case schema-not-success-on-non-terminal).
        "if": {"properties": {"terminal": {"const": True}}, "required": ["terminal"]},
        "else": {"not": {"required": ["success"]}},
    }


def root_schema(b: Builder, version: str) -> Schema:
    props: Schema = {
        "version": describe({"const": version}, f"The Flow JSON version, a string. Source: {CHANGELOG_DOC}; {MV}."),
        "data_api_version": describe(
            _data_api_version(b), f"Version of the data endpoint protocol. Source: {MV}; {FLOWJSON_DOC}."
        ),
        "routing_model": describe(
            {
                "type": "object",
                "propertyNames": {"pattern": SCREEN_ID},
                "additionalProperties": {"type": "array", "items": {"type": "string", "pattern": SCREEN_ID}},
            },
            f"Screen id -> ids of the screens it may go to. Source: {MV}; {FLOWJSON_DOC}.",
        ),
        "screens": describe(
            {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/screen"}},
            f"The screens, at least one. Source: {MV}.",
        ),
    }
    if b.at_least("5.1"):
        props["meta"] = describe(
            {"type": "object", "properties": {"lead_gen_ai": describe({"type": "boolean"}, f"Lead-generation flag. Source: {MV}.")}},
            f"Flow metadata (5.1+). Source: {MV}.",
        )
    if b.n < 300:
        props["data_channel_uri"] = describe(
            {"type": "string"}, f"Endpoint address, 2.1 only (removed in 3.0). Source: {FLOWJSON_DOC}."
        )
    return props


def _data_api_version(b: Builder) -> Schema:
    # conformance cases schema-const-data-api-version (7.3 takes 3.0 or 4.0) and
    # schema-data-api-version-4-0-v7-2 (only 3.0 before 7.3).
    if b.at_least("7.3"):
        return {"type": "string", "anyOf": [{"const": "3.0"}, {"const": "4.0"}]}
    if b.version == "5.2":
        return {"type": "string", "anyOf": [{"const": "3.0"}, {"const": "3.01"}]}
    return {"type": "string", "const": "3.0"}


def build_schema(version: str) -> Schema:
    """The self-contained JSON Schema of one Flow JSON version."""
    b = Builder(VERSIONS[version])
    defs: Schema = {"screen": screen_schema(b)}
    components: Schema = {}
    names: dict[tuple[str, str], str] = {}
    for ctx in ("top", "form"):
        for ctype in allowed_components(b, ctx):
            schema = component_schema(b, ctype, ctx)
            if ctx == "form" and components.get(ctype) == schema:
                names[(ctype, ctx)] = ctype  # the same inside a Form: one definition
                continue
            names[(ctype, ctx)] = _def_name(ctype, ctx)
            components[_def_name(ctype, ctx)] = schema
    for ctx in ("top", "form", "top-switch", "form-switch"):
        defs[f"children.{ctx}"] = dispatcher(b, ctx, names)
    defs.update(components)
    defs.update(sorted(b.shared.items()))
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{ID_PREFIX}{version}",
        "title": f"WhatsApp Flow JSON {version}",
        "description": f"Flow JSON {version} as Meta's Flow Builder validator checks it"
        + (f" (validated exactly like {VERSIONS[version]})" if VERSIONS[version] != version else "")
        # "flowlint.schema_build" is what this module was called before the schema package; kept so that the
        # published schemas stay byte for byte the same (renaming it is a deliberate regeneration of schemas/).
        + f". Generated by flowlint.schema_build from {MV} and Meta's Flow JSON reference ({FLOWJSON_DOC}); "
        "how flowlint mirrors Meta's validator: docs/schema.md.",
        "type": "object",
        "required": ["screens", "version"],
        "additionalProperties": False,
        "properties": root_schema(b, version),
        "$defs": defs,
    }


def build_all() -> dict[str, Schema]:
    return {version: build_schema(version) for version in VERSIONS}


def file_name(version: str) -> str:
    return f"flow-json-{version}.json"


def render(schema: Schema) -> str:
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def write_all(folder: Path) -> list[Path]:
    written = []
    for version, schema in build_all().items():
        path = folder / file_name(version)
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    here = Path(__file__).resolve().parents[2] / "schemas"  # the checkout's schemas/
    for p in write_all(here):
        print(p)
