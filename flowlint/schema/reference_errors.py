"""Meta's translation of JSON-Schema failures: codes, messages, paths, suppressions, and the rule table.

Meta's Flow Builder validates with Ajv 6 and turns each Ajv error into its own code and message
(``WAFlowJSONSchemaValidator.formatAJVError``, ``spec/meta-validator.md`` §3.1), dropping the ones that
repeat a root cause. This module does the same with the errors of the reference validator
(Python ``jsonschema``) on flowlint's schemas: they are flattened in Ajv's order (the branches of an
``anyOf`` first, in branch order), translated, and filtered by Meta's per-path registry. What the
recorded answers in ``conformance/meta/`` show wins over the spec's summary.

"Did you mean" hints and version hints go into flowlint's own ``fix`` field, never into Meta's message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from flowlint.jstypes import js_type
from flowlint.catalog import RuleInfo
from flowlint.components import vnum
from flowlint.diagnostics import ERROR, Diagnostic, JsonPath, Pointer, with_place_fix
from flowlint.schema.build import (
    BINDING_V200,
    BINDING_V400,
    BINDING_V600,
    COMPONENT_SINCE,
    FORM_ONLY_BEFORE_400,
    KNOWN_COMPONENTS,
    NON_BLANK,
    NOT_BACKTICKS,
    NOT_BINDING,
    SCREEN_ID,
    Builder,
    component_props,
)
from flowlint.suggestions import did_you_mean

if TYPE_CHECKING:  # the reference validator is imported only when a flow has errors
    from jsonschema.exceptions import ValidationError

# types-jsonschema types a ValidationError's instance, schema and validator_value as ``... | Unset`` (unset only
# on an error made by hand). The errors read here come from a validator, so those values are read into locals
# typed as JSON values (``Any``).

__all__ = ["translate", "RULES"]

# --- the rules ---------------------------------------------------------------------------------------------

_MV = "spec/meta-validator.md §3.1"


def _r(code: str, name: str, summary: str, meta_error: str, doc: str, **kw: Any) -> RuleInfo:
    return RuleInfo(code, name, summary, meta_error, kw.pop("severity", ERROR), doc=doc, **kw)


RULES: list[RuleInfo] = [
    _r("FL201", "unknown-property", "A property that this object does not have in this Flow JSON version.",
       "INVALID_PROPERTY_KEY",
       """What it does: reports a key that the object (root, screen, component, action, option) does not
accept. The message of Meta's Flow JSON validator (WhatsApp Manager's Flow Builder): "Property 'colour' is
not allowed in 'TextBody' component."

Why is this bad? Meta's validator rejects the flow; a misspelt key is otherwise silently meaningless.

Example: `{"type": "TextBody", "text": "Hi", "colour": "red"}`

Use instead: `{"type": "TextBody", "text": "Hi"}`"""),
    _r("FL202", "missing-required-property", "A required property is missing.", "MISSING_REQUIRED_PROPERTY",
       """What it does: reports an object without a property its schema requires (e.g. a TextInput without
`label`). The pointer spans the object that lacks it, as Meta's does.

Why is this bad? Meta's validator rejects the flow.

Example: `{"type": "TextInput", "name": "email"}`

Use instead: `{"type": "TextInput", "name": "email", "label": "Email"}`"""),
    _r("FL203", "wrong-property-type", "A property has the wrong JSON type.", "INVALID_PROPERTY_TYPE",
       """What it does: reports a value of the wrong JSON type ("Expected property 'terminal' to be of type
'boolean' but found 'string'.").

Why is this bad? Meta's validator rejects the flow.

Example: `"terminal": "true"`

Use instead: `"terminal": true`"""),
    _r("FL204", "invalid-property-value", "A property has a value other than the one allowed.",
       "INVALID_PROPERTY_VALUE",
       """What it does: reports a value that must be one fixed value (the `version`, a layout or component
`type`, `data_api_version`, an action that is fixed for a property).

Why is this bad? Meta's validator rejects the flow.

Example: `"data_api_version": "5.0"`

Use instead: `"data_api_version": "3.0"`"""),
    _r("FL205", "invalid-enum-value", "A property has a value outside its list of allowed values.",
       "INVALID_ENUM_VALUE",
       """What it does: reports a value that is not one of a property's allowed values
("Value should be one of: [text, number, password, passcode, phone, email].").

Why is this bad? Meta's validator rejects the flow.

Example: `"input-type": "url"`

Use instead: `"input-type": "text"`"""),
    _r("FL206", "pattern-mismatch", "A string does not have the required form.", "PATTERN_MISMATCH",
       """What it does: reports strings that do not match their pattern: screen ids (letters and
underscores), blank strings from 6.0, bindings where a boolean or number is expected, a binding or a
backtick expression as a component `name`, Switch case keys, colours.

Why is this bad? Meta's validator rejects the flow.

Example: `"id": "STEP_1"`

Use instead: `"id": "STEP_ONE"`"""),
    _r("FL207", "too-few-characters", "A string is shorter than its minimum length.", "MIN_CHARS_REQUIRED",
       """What it does: reports an empty string where Meta requires at least one character (screen id,
Footer label, TextInput label, ...).

Why is this bad? Meta's validator rejects the flow.

Example: `"label": ""`

Use instead: `"label": "Continue"`"""),
    _r("FL208", "too-few-items", "An array has fewer items than required.", "MIN_ITEMS_REQUIRED",
       """What it does: reports an array below its minimum size (`screens`, `data-source`, `sensitive`).

Why is this bad? Meta's validator rejects the flow.

Example: `"data-source": []`

Use instead: `"data-source": [{"id": "a", "title": "A"}]`"""),
    _r("FL209", "too-many-items", "An array has more items than allowed.", "MAX_ITEMS_REQUIRED",
       """What it does: reports an array above its maximum size (e.g. more than 3 NavigationList `tags`).

Why is this bad? Meta's validator rejects the flow.

Example: `"tags": ["a", "b", "c", "d"]`

Use instead: `"tags": ["a", "b", "c"]`"""),
    _r("FL210", "value-below-minimum", "A number is below its minimum.", "MINIMUM_VALUE_REQUIRED",
       """What it does: reports a number below the minimum Meta allows (e.g. `max-uploaded-photos` 0).

Why is this bad? Meta's validator rejects the flow.

Example: `"max-uploaded-photos": 0`

Use instead: `"max-uploaded-photos": 1`"""),
    _r("FL211", "value-above-maximum", "A number is above its maximum.", "MAXIMUM_VALUE_REQUIRED",
       """What it does: reports a number above the maximum Meta allows (e.g. `max-file-size-kb` over 25600).

Why is this bad? Meta's validator rejects the flow.

Example: `"max-file-size-kb": 30000`

Use instead: `"max-file-size-kb": 25600`"""),
    _r("FL212", "invalid-format", "A string is not in the required format (uri, regex).",
       "INVALID_PROPERTY_VALUE_FORMAT",
       """What it does: reports an open_url `url` that is not a URI, or a TextInput `pattern` that is not a
regular expression.

Why is this bad? Meta's validator rejects the flow.

Example: `"url": "not a url"`

Use instead: `"url": "https://example.com"`"""),
    _r("FL213", "exclusive-properties", "Properties that may not appear together, or not here.",
       "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
       """What it does: reports `success` on a screen that is not terminal, `next` on an action that does not
navigate, `payload` on open_url, and a Footer `center-caption` together with left/right captions.

Why is this bad? Meta's validator rejects the flow.

Example: `{"name": "complete", "next": {"type": "screen", "name": "END"}, "payload": {}}`

Use instead: `{"name": "complete", "payload": {}}`"""),
    _r("FL214", "missing-dependent-property", "A property needs a companion property.", "INVALID_DEPENDENCIES",
       """What it does: reports a Footer `left-caption` without `right-caption` (or the reverse).

Why is this bad? Meta's validator rejects the flow.

Example: `{"type": "Footer", "label": "Pay", "left-caption": "Total", ...}`

Use instead: `{"type": "Footer", "label": "Pay", "left-caption": "Total", "right-caption": "$10", ...}`"""),
    _r("FL215", "component-not-allowed-here", "A component type that may not appear in this place.",
       "ONE_OF_SCHEMA_VALIDATION_FAILED",
       """What it does: reports a known component in a place that does not accept it: a Form inside a Form,
RichText inside a Form, an If inside a Switch case, as Meta's Flow JSON validator (WhatsApp Manager's
Flow Builder) places them. Meta's message is "Invalid value found for property 'type'." on the component.

Why is this bad? Meta's validator rejects the flow.

Example: a `Form` in the `children` of another `Form`.

Use instead: one Form per screen, with the fields as its children."""),
    _r("FL216", "component-too-new", "A component that the flow's Flow JSON version does not have yet.",
       "ONE_OF_SCHEMA_VALIDATION_FAILED",
       """What it does: reports a component introduced in a later Flow JSON version than the one the flow
declares (e.g. ChipsSelector requires 6.3). Meta says "Invalid value found for property 'type'."; flowlint
names the version in its fix.

Why is this bad? Meta's validator rejects the flow.

Example: `"version": "6.2"` with a `ChipsSelector`.

Use instead: `"version": "6.3"` (or later)."""),
    _r("FL217", "property-too-new", "A property that the flow's Flow JSON version does not have yet.",
       "INVALID_PROPERTY_KEY",
       """What it does: reports a property introduced in a later Flow JSON version (e.g. TextInput
`label-variant` requires 7.0, `pattern` 6.2). Meta reports it as an unknown property; flowlint names the
version in its fix.

Why is this bad? Meta's validator rejects the flow.

Example: `"version": "6.3"` with `"label-variant": "large"`.

Use instead: `"version": "7.0"` (or later), or drop the property."""),
    _r("FL218", "schema-violation", "Another JSON-Schema failure (Meta's generic INVALID_SCHEMA).",
       "INVALID_SCHEMA",
       """What it does: reports a schema failure that Meta words generically ("Error at [/path]: ...
Please refer to the Flow JSON schema."), e.g. an empty `error-message` object.

Why is this bad? Meta's validator rejects the flow.

Example: `"error-message": {}`

Use instead: `"error-message": "Please enter a value"`"""),
    _r("FL219", "input-outside-form", "Before 4.0, input components must be inside a Form.",
       "ONE_OF_SCHEMA_VALIDATION_FAILED",
       """What it does: in Flow JSON 2.1-3.1, reports an input component (TextInput, TextArea, CheckboxGroup,
RadioButtonsGroup, OptIn, Dropdown, DatePicker) placed outside a Form. Meta's Flow JSON validator
(WhatsApp Manager's Flow Builder) says "Property '<Type>' must be defined inside parent property 'Form'.";
Meta's components reference (https://developers.facebook.com/docs/whatsapp/flows/reference/components)
states the rule.

Why is this bad? Those versions only render inputs inside a Form.

Example: `"version": "3.1"` with a TextInput in `layout.children`.

Use instead: wrap the inputs in `{"type": "Form", "name": "form", "children": [...]}`.""",
       versions="2.1-3.1"),
]

_RULE_OF_ERROR = {
    "INVALID_PROPERTY_KEY": "FL201",
    "MISSING_REQUIRED_PROPERTY": "FL202",
    "INVALID_PROPERTY_TYPE": "FL203",
    "INVALID_PROPERTY_VALUE": "FL204",
    "INVALID_ENUM_VALUE": "FL205",
    "PATTERN_MISMATCH": "FL206",
    "MIN_CHARS_REQUIRED": "FL207",
    "MIN_ITEMS_REQUIRED": "FL208",
    "MAX_ITEMS_REQUIRED": "FL209",
    "MINIMUM_VALUE_REQUIRED": "FL210",
    "MAXIMUM_VALUE_REQUIRED": "FL211",
    "INVALID_PROPERTY_VALUE_FORMAT": "FL212",
    "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED": "FL213",
    "INVALID_DEPENDENCIES": "FL214",
    "ONE_OF_SCHEMA_VALIDATION_FAILED": "FL215",
    "INVALID_SCHEMA": "FL218",
}

# --- messages ----------------------------------------------------------------------------------------------

_BINDING_FORM_V200 = "${data.your_value}"
_BINDING_FORM_V400 = "${screen.data.your_value} or ${data.your_value}"
_PATTERN_TAILS = {
    SCREEN_ID: "should only consist of alphabets and underscores.",
    NON_BLANK: "should not be blank or an empty string.",
    NOT_BINDING: f"should not be dynamic data format of the form {_BINDING_FORM_V400}.",
    NOT_BACKTICKS: "should not be enclosed in backticks.",
}
_BINDING_FORMS = {BINDING_V200: _BINDING_FORM_V200, BINDING_V400: _BINDING_FORM_V400, BINDING_V600: _BINDING_FORM_V400}
#: Properties whose binding message names 'boolean' even without a recorded type error (§3.1).
_BOOLEAN_PROPS = {"required", "enabled", "visible"}
_DATA_CHANNEL_URI = (
    "Property 'data_channel_uri' is no longer supported in Flow JSON as of version '3.0'. Please configure "
    "your endpoint URI using Flows API or Builder. Refer Flows documentation at "
    "https://developers.facebook.com/docs/whatsapp/flows for more information."
)


def _prop_name(path: JsonPath) -> str:
    """Meta's ``<prop>``: the last key, or ``parent/index`` for an array item."""
    if not path:
        return ""
    last = path[-1]
    if isinstance(last, int):
        parent = path[-2] if len(path) > 1 else ""
        return f"{parent}/{last}"
    return last


def _slash_path(path: JsonPath) -> str:
    return "".join(f"/{p}" for p in path)


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


# --- flattening: Ajv's order -----------------------------------------------------------------------------


def _flatten(errors: Iterable[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            yield from _flatten(error.context)
        yield error


# --- translation -----------------------------------------------------------------------------------------


@dataclass
class _Registry:
    """Meta's per-path registry: what was reported where, to drop repeats of one root cause."""

    codes: dict[JsonPath, dict[str, str]] = field(default_factory=dict)
    keys: set[tuple[JsonPath, str, str]] = field(default_factory=set)

    def has(self, path: JsonPath, code: str) -> bool:
        return code in self.codes.get(path, {})

    def add(self, path: JsonPath, code: str, detail: str = "") -> None:
        self.codes.setdefault(path, {}).setdefault(code, detail)

    def detail(self, path: JsonPath, code: str) -> str | None:
        return self.codes.get(path, {}).get(code)


@dataclass
class _Context:
    doc: dict[str, Any]
    version: str
    registry: _Registry = field(default_factory=_Registry)
    out: list[Diagnostic] = field(default_factory=list)
    seen_groups: set[tuple[JsonPath, int]] = field(default_factory=set)

    def emit(self, error: str, message: str, pointer: Pointer, *, rule: str | None = None,
             fix: str | None = None) -> None:
        self.out.append(Diagnostic(error, message, (pointer,), rule or _RULE_OF_ERROR[error], ERROR, fix=fix))


def translate(
    errors: Iterable[ValidationError], doc: dict[str, Any], *, version: str, merge: bool = True
) -> list[Diagnostic]:
    """Meta's findings for the reference validator's errors, in Meta's order, merged as Meta merges
    (``merge=False``: not yet, for a caller that renumbers a pruned document's findings first)."""
    ctx = _Context(doc, version)
    for error in _flatten(errors):
        _translate_one(error, ctx)
    return merge_findings(ctx.out) if merge else ctx.out


def merge_findings(found: list[Diagnostic]) -> list[Diagnostic]:
    """Same code and message -> one error with several pointers (Meta's de-duplication, §0 step 5).

    Linear in the number of findings: each merged error keeps the set of places it already has."""
    merged: dict[tuple[str, str], list[Any]] = {}
    for diag in found:
        key = (diag.error, diag.message)
        entry = merged.get(key)
        if entry is None:
            merged[key] = [diag, list(diag.pointers), None]
            continue
        seen = entry[2]
        if seen is None:
            seen = entry[2] = {(p.path, p.target, p.at) for p in entry[1]}
        for p in diag.pointers:
            place = (p.path, p.target, p.at)
            if place not in seen:
                seen.add(place)
                entry[1].append(with_place_fix(p, diag))
    return [
        first if len(pointers) == len(first.pointers) else replace(first, pointers=tuple(pointers))
        for first, pointers, _ in merged.values()
    ]


def _translate_one(error: ValidationError, ctx: _Context) -> None:
    path: JsonPath = tuple(error.absolute_path)
    kw = error.validator
    reg = ctx.registry
    prop = _prop_name(path)
    schema_path = list(error.absolute_schema_path)

    if kw in ("anyOf", "oneOf", "if", "allOf", "then", "else"):
        return
    if "propertyNames" in schema_path:
        _property_name(error, path, ctx)
        return
    if kw == "additionalProperties":
        _unknown_keys(error, path, ctx)
        return
    if kw == "required":
        _missing(error, path, ctx)
        return
    if kw == "dependentRequired":
        _dependencies(error, path, ctx)
        return
    if kw == "type":
        if reg.has(path, "INVALID_PROPERTY_TYPE"):
            return
        if prop in ("data-source", "list-items") and isinstance(error.instance, list):
            return
        if prop == "error-messages" and isinstance(error.instance, dict):
            return
        expected: Any = error.validator_value
        reg.add(path, "INVALID_PROPERTY_TYPE", expected)
        ctx.emit(
            "INVALID_PROPERTY_TYPE",
            f"Expected property '{prop}' to be of type '{expected}' but found '{js_type(error.instance)}'.",
            Pointer(path),
        )
        return
    if kw == "enum":
        _enum(error, path, ctx)
        return
    if kw == "const":
        if reg.has(path, "INVALID_PROPERTY_VALUE"):
            return
        reg.add(path, "INVALID_PROPERTY_VALUE")
        if prop == "type":
            message = "Invalid value found for property 'type'."
        else:
            message = f"Invalid value found for property '{prop}'. Expected '{error.validator_value}'."
        ctx.emit("INVALID_PROPERTY_VALUE", message, Pointer(path), fix=_action_hint(error.instance, ctx))
        return
    if kw == "pattern":
        _pattern(error, path, ctx)
        return
    if kw in ("minLength", "minItems", "maxItems", "minimum", "maximum"):
        code, message = _bound(kw, prop, error.validator_value)
        if code is None or reg.has(path, code):
            if code is None:
                _generic(error, path, ctx)
            return
        reg.add(path, code)
        ctx.emit(code, message, Pointer(path))
        return
    if kw == "format":
        reg.add(path, "INVALID_PROPERTY_VALUE_FORMAT")
        ctx.emit(
            "INVALID_PROPERTY_VALUE_FORMAT",
            f"Property '{prop}' should be in '{error.validator_value}' format.",
            Pointer(path),
        )
        return
    if kw == "not":
        _not(error, path, ctx)
        return
    _generic(error, path, ctx)


def _generic(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    """Meta's default: INVALID_SCHEMA "Error at [/path]: <Ajv's message>. Please refer to the Flow JSON schema."."""
    kw = error.validator
    value = error.validator_value
    ajv = {
        "minProperties": f"should NOT have fewer than {value} properties",
        "maxProperties": f"should NOT have more than {value} properties",
        "maxLength": f"should NOT be longer than {value} characters",
        "minItems": "should NOT have fewer than 0 items",
    }.get(str(kw), error.message)
    ctx.emit(
        "INVALID_SCHEMA",
        f"Error at [{_slash_path(path)}]: {ajv}. Please refer to the Flow JSON schema.",
        Pointer(path),
    )


def _bound(kw: str, prop: str, n: Any) -> tuple[str | None, str]:
    if kw == "minLength":
        return "MIN_CHARS_REQUIRED", f"Property '{prop}' should have at least '{n}' character(s)."
    if kw == "minItems":
        if n == 0:
            return None, ""
        return "MIN_ITEMS_REQUIRED", f"Property '{prop}' should have at least '{n}' {'item' if n == 1 else 'items'}."
    if kw == "maxItems":
        return "MAX_ITEMS_REQUIRED", f"Property '{prop}' should have at most '{n}' {'item' if n == 1 else 'items'}."
    if kw == "minimum":
        return "MINIMUM_VALUE_REQUIRED", f"The minimum value allowed for property '{prop}' is {_number(n)}."
    return "MAXIMUM_VALUE_REQUIRED", f"The maximum value allowed for property '{prop}' is {_number(n)}."


def _pattern(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    reg = ctx.registry
    if reg.has(path, "PATTERN_MISMATCH"):
        return
    reg.add(path, "PATTERN_MISMATCH")
    prop = _prop_name(path)
    pattern: Any = error.validator_value
    form = _BINDING_FORMS.get(pattern)
    if form is not None:
        expected_type = reg.detail(path, "INVALID_PROPERTY_TYPE")
        if expected_type is None and prop in _BOOLEAN_PROPS:
            expected_type = "boolean"
        if expected_type is not None:
            tail = f"should be of type '{expected_type}' or have dynamic data format of the form {form}."
        else:
            tail = f"should have dynamic data format of the form {form}."
    else:
        tail = _PATTERN_TAILS.get(pattern, f"should match the pattern '{pattern}'.")
    ctx.emit("PATTERN_MISMATCH", f"Property '{prop}' {tail}", Pointer(path))


def _property_name(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    """A key that fails ``propertyNames`` (routing_model keys, Switch case keys): reported on the key."""
    if error.validator != "pattern":
        return
    key: Any = error.instance
    key_path = path + (key,)
    if ctx.registry.has(key_path, "PATTERN_MISMATCH"):
        return
    ctx.registry.add(key_path, "PATTERN_MISMATCH")
    pattern: Any = error.validator_value
    tail = _PATTERN_TAILS.get(pattern, f"should match the pattern '{pattern}'.")
    ctx.emit("PATTERN_MISMATCH", f"'{key}' {tail}", Pointer(key_path, "key"))


def _component_type(error: ValidationError) -> str | None:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    type_schema = props.get("type", {})
    const = type_schema.get("const") if isinstance(type_schema, dict) else None
    return const if isinstance(const, str) else None


def _unknown_keys(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    instance = error.instance
    if not isinstance(instance, dict):
        return
    schema: Any = error.schema
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    ctype = _component_type(error)
    for key in instance:
        if key in known or any(p.search(key) for p in patterns):
            continue
        if (path, "key", key) in ctx.registry.keys:
            continue
        ctx.registry.keys.add((path, "key", key))
        if not path and key == "data_channel_uri":
            message = _DATA_CHANNEL_URI
        elif ctype is not None:
            message = f"Property '{key}' is not allowed in '{ctype}' component."
        else:
            message = f"Property '{key}' is not allowed."
        rule, fix = _unknown_key_hint(key, known, ctype, path, ctx)
        ctx.emit("INVALID_PROPERTY_KEY", message, Pointer(path + (key,), "key"), rule=rule, fix=fix)


def _unknown_key_hint(
    key: str, known: set[str], ctype: str | None, path: JsonPath, ctx: _Context
) -> tuple[str, str | None]:
    if ctype is not None and ctype in KNOWN_COMPONENTS:
        since, outside_only = _property_facts(ctype).get(key, (None, False))
        if since is not None and vnum(since) > vnum(ctx.version):
            return "FL217", f"'{key}' of {ctype} requires Flow JSON version {since} or later."
        if since is not None and outside_only:
            plural = {"init-value": "init-values", "error-message": "error-messages"}.get(key, key)
            if _inside_form(path, ctx.doc):
                return "FL201", f"inside a Form, set it in the Form's '{plural}' (keyed by the field name)."
            return "FL201", f"'{key}' on a component outside a Form requires Flow JSON version 4.0 or later."
    if not path and key == "data_channel_uri":
        return "FL201", "remove it and set the endpoint with the Flows API (endpoint_uri)."
    owner = "root" if not path else "screen" if len(path) == 2 and path[0] == "screens" else None
    since = _OTHER_SINCE.get((owner, key)) if owner else None
    if since is not None and vnum(since) > vnum(ctx.version):
        return "FL217", f"'{key}' requires Flow JSON version {since} or later."
    if key == "url" and vnum(ctx.version) < 600 and path and str(path[-1]).endswith("-action"):
        return "FL217", "'url' belongs to the open_url action, which requires Flow JSON version 6.0 or later."
    return "FL201", _did_you_mean(key, known)


#: Root and screen properties added after 2.1 (spec/flowjson.md §1.2, §3; spec/meta-validator.md §3.2-3.3).
_OTHER_SINCE = {("screen", "sensitive"): "5.1", ("root", "meta"): "5.1"}


def _did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    return did_you_mean(value, choices)  # a Suggestion: also the data of the fix (flowlint.fixes)


@lru_cache(maxsize=None)
def _property_facts(ctype: str) -> dict[str, tuple[str, bool]]:
    """Property -> (version that introduced it, outside-Form only), from the newest version's table."""
    if ctype in ("Form", "If", "Switch"):
        return {}
    table, _, _ = component_props(Builder("7.3"), ctype)
    return {key: (prop.since, prop.outside_form_only) for key, prop in table.items()}


def _inside_form(path: JsonPath, doc: Any) -> bool:
    node = doc
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
        if isinstance(node, dict) and node.get("type") == "Form":
            return True
    return False


def _missing(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    group = (path, id(error.schema))
    if group in ctx.seen_groups:
        return
    ctx.seen_groups.add(group)
    instance = error.instance
    if not isinstance(instance, dict):
        return
    required: Any = error.validator_value
    for name in required:
        if name in instance or (path, "required", name) in ctx.registry.keys:
            continue
        ctx.registry.keys.add((path, "required", name))
        ctx.emit("MISSING_REQUIRED_PROPERTY", f"Required property '{name}' is missing.", Pointer(path))


def _dependencies(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    group = (path, id(error.schema))
    if group in ctx.seen_groups:
        return
    ctx.seen_groups.add(group)
    instance: Any = error.instance
    ctype = instance.get("type") if isinstance(instance, dict) else None
    dependent: Any = error.validator_value
    for prop, needed in dependent.items():
        if prop not in instance:
            continue
        for dep in needed:
            if dep not in instance:
                ctx.emit(
                    "INVALID_DEPENDENCIES",
                    f"{ctype} should have property {dep} when property {prop} is present.",
                    Pointer(path),
                )


def _not(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    sub: Any = error.validator_value
    instance = error.instance
    required = sub.get("required", []) if isinstance(sub, dict) else []
    if required == ["success"] and "anyOf" not in sub:
        ctx.emit(
            "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
            "Property 'success' can only be specified on a terminal screen.",
            Pointer(path + ("success",)),
        )
        return
    if isinstance(sub, dict) and "anyOf" in sub and isinstance(instance, dict):
        others = [r["required"][0] for r in sub["anyOf"]]
        ctype = instance.get("type")
        ctx.emit(
            "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
            f"Properties '{required[0]}' and [{','.join(others)}] must be present exclusively at {ctype}.",
            Pointer(path),
        )
        return
    if len(required) == 1 and isinstance(instance, dict) and "name" in instance:
        action_key = path[-1] if path and isinstance(path[-1], str) else "on-click-action"
        ctx.emit(
            "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
            f"Property '{required[0]}' cannot be specified at {action_key} '{instance.get('name')}'.",
            Pointer(path, "key", at=path + (required[0],)),
        )
        return
    ctx.emit(
        "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED",
        "The NOT keyword schema validation failed. Please refer to the Flow JSON schema.",
        Pointer(path),
    )


def _enum(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    values: Any = error.validator_value
    value = error.instance
    if path and path[-1] == "type" and len(path) >= 2:
        _type_value(error, path, ctx)
        return
    fix = _action_hint(value, ctx) if path and path[-1] == "name" else None
    if fix is None and isinstance(value, str):
        fix = _did_you_mean(value, values)
    ctx.emit(
        "INVALID_ENUM_VALUE",
        f"Value should be one of: [{', '.join(str(v) for v in values)}].",
        Pointer(path),
        fix=fix,
    )


#: Actions added after the first versions (spec/flowjson.md §6: update_data and open_url from 6.0).
_ACTION_SINCE = {"update_data": "6.0", "open_url": "6.0"}


def _action_hint(value: Any, ctx: _Context) -> str | None:
    since = _ACTION_SINCE.get(value) if isinstance(value, str) else None
    if since is not None and vnum(since) > vnum(ctx.version):
        return f"the {value} action requires Flow JSON version {since} or later."
    return None


def _type_value(error: ValidationError, path: JsonPath, ctx: _Context) -> None:
    """A layout or component ``type`` that is not allowed where it stands."""
    owner = path[:-1]
    value = error.instance
    enum: Any = error.validator_value
    allowed = list(enum)
    reg = ctx.registry
    if (owner and owner[-1] == "layout") or not isinstance(value, str) or value not in KNOWN_COMPONENTS:
        if reg.has(path, "INVALID_PROPERTY_VALUE"):
            return
        reg.add(path, "INVALID_PROPERTY_VALUE")
        is_layout = bool(owner) and owner[-1] == "layout"
        choices = set(allowed) if is_layout else set(allowed) | KNOWN_COMPONENTS
        fix = _did_you_mean(value, choices) if isinstance(value, str) else None
        ctx.emit("INVALID_PROPERTY_VALUE", "Invalid value found for property 'type'.", Pointer(path), fix=fix)
        return
    pointer = Pointer(owner, at=path)
    since = COMPONENT_SINCE[value]
    if vnum(since) > vnum(ctx.version):
        ctx.emit(
            "ONE_OF_SCHEMA_VALIDATION_FAILED",
            "Invalid value found for property 'type'.",
            pointer,
            rule="FL216",
            fix=f"{value} requires Flow JSON version {since} or later.",
        )
        return
    if vnum(ctx.version) < 400 and value in FORM_ONLY_BEFORE_400 and "Form" in allowed:
        ctx.emit(
            "ONE_OF_SCHEMA_VALIDATION_FAILED",
            f"Property '{value}' must be defined inside parent property 'Form'.",
            pointer,
            rule="FL219",
            fix="wrap the input components in a Form (required before Flow JSON 4.0).",
        )
        return
    container = _container_name(owner, ctx.doc)
    ctx.emit(
        "ONE_OF_SCHEMA_VALIDATION_FAILED",
        "Invalid value found for property 'type'.",
        pointer,
        fix=f"{value} is not allowed {container}.",
    )


def _container_name(owner: JsonPath, doc: Any) -> str:
    node = doc
    nodes = []
    for key in owner:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        nodes.append(node)
    for node in reversed(nodes[:-1]):
        if isinstance(node, dict) and isinstance(node.get("type"), str):
            return f"inside {'a Switch case' if node['type'] == 'Switch' else 'an If' if node['type'] == 'If' else 'a ' + node['type']}"
    return "here"
