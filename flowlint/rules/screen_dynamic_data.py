"""Bindings in component properties (``WAFlowJSONScreenDynamicDataValidatorV500``, 5.1; ``V600``, 6.0+).

For every component property that is a whole binding (``${data.x}``, ``${form.x}``, ``${screen.S.data.x}``,
``${screen.S.form.x}``, nested paths ``${data.a.b}``) Meta resolves what it points at and compares the
declared type with the types the property's schema allows (:mod:`flowlint.rules.property_schemas`), by type
*name*: an ``integer`` field does not fit a ``number`` property (case ``binding-integer-for-number-rejected``).
Objects are compared property by property (the schema's required ones must be declared), arrays by ``items``.
V600 also looks one level into object-valued properties, skips ``init-values``/``error-messages``, and checks
``const``. An If ``condition`` is left to :mod:`flowlint.rules.conditions`. 7.1 does not run it (README).

Wording settled by the conformance cases ``binding-*``: undeclared data is "Missing dynamic data '<expr>' in
the screen data model."; an unknown form field "Dynamic data '<expr>' from screen 'S' does not exist, but is
used on screen 'S'." ("Global Dynamic data" for ``${screen.S.form.x}``). Pointer: the property value.
"""

from __future__ import annotations

from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.expressions import Binding, parse_binding
from flowlint.rules.base import Finding, at
from flowlint.rules.dynamic_data import (
    MetaComponent,
    binding_properties,
    form_value_schema,
    meta_components,
    screens_by_last_id,
)
from flowlint.rules.model import FlowModel, Screen
from flowlint.rules.property_schemas import (
    BINDING,
    allowed_types,
    binding_check_properties,
    filtered_alternatives,
    property_type_names,
)
from flowlint.suggestions import close_matches

__all__ = ["RULES", "VALIDATORS"]

_CODE = "INVALID_SCREEN_DYNAMIC_DATA"

RULES = [
    RuleInfo(
        "FL706",
        "unresolved-binding",
        "`${data.x}`, `${form.x}` and `${screen.S.…}` bindings point at something declared.",
        _CODE,
        "error",
        "5.1-7.0, 7.2+",
        doc="What it does: reports a component property bound to data the screen does not declare, to a form "
        "field (a named input component) the screen does not have, or to a screen that does not exist.\n\nWhy "
        "is this bad? Meta rejects the flow: the value would be undefined when the screen renders.\n\nExample: "
        "`\"text\": \"${data.greeting}\"` on a screen without `\"data\": {\"greeting\": ...}`.\n\nUse instead: "
        "declare it: `\"data\": {\"greeting\": {\"type\": \"string\", \"__example__\": \"Hello\"}}`.",
    ),
    RuleInfo(
        "FL707",
        "global-binding-to-current-screen",
        "A screen reads its own data with `${data.x}`, not `${screen.<itself>.data.x}`.",
        _CODE,
        "error",
        "5.1-7.0, 7.2+",
        doc="What it does: reports a global binding `${screen.S.…}` used on screen S itself.\n\nWhy is this bad? "
        "Meta rejects it.\n\nExample: `\"text\": \"${screen.BOOKING.data.greeting}\"` on screen "
        "BOOKING.\n\nUse instead: `\"text\": \"${data.greeting}\"`.",
    ),
    RuleInfo(
        "FL708",
        "binding-type-mismatch",
        "A bound value's declared type is one the property accepts.",
        _CODE,
        "error",
        "5.1-7.0, 7.2+",
        doc="What it does: compares the declared type of bound data (or the value type of a form field) with "
        "the types the property accepts, by name, including the required properties of array items (a "
        "data-source item needs `id` and `title`).\n\nWhy is this bad? Meta rejects the flow. An `integer` "
        "field does not fit a `number` property.\n\nExample: `\"visible\": \"${data.show}\"` with `\"show\": "
        "{\"type\": \"string\"}`.\n\nUse instead: declare `\"show\": {\"type\": \"boolean\", \"__example__\": "
        "true}`.",
    ),
]

def _js_text(value: Any) -> str:
    """JavaScript's ``String(value ?? "")`` for a declared ``type`` (arrays join with commas, null is empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_js_text(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _did_you_mean(binding: Binding, names: Iterable[str]) -> str | None:
    """``did you mean ${data.greeting}?`` when exactly one declared name is close to the unresolved one."""
    wanted = binding.key.split(".")[0]
    close = close_matches(wanted, [n for n in names if n != wanted], n=2, cutoff=0.75)
    if len(close) != 1:
        return None
    prefix = f"screen.{binding.screen}." if binding.is_global else ""
    return f"did you mean ${{{prefix}{binding.store}.{close[0]}}}?"


def _binding_kind(binding: Binding) -> str:
    return "Global Dynamic data" if binding.is_global else "Dynamic data"


def _referenced_schema(
    model: FlowModel, by_id: dict[str, Screen], screen: Screen, binding: Binding, component: str, prop: str
) -> tuple[Any, ...] | dict[str, Any]:
    """``getBindingSchema``: the declaration a binding points at, or (rule, message) when it points nowhere."""
    expr = binding.expression
    if binding.is_global:
        if binding.screen == screen.id:
            return (
                "FL707",
                f"Global dynamic data '{expr}' used on screen '{binding.screen}' for {component} property "
                f"'{prop}' is invalid since screen '{binding.screen}' represents current screen. Convert "
                "expression to local referencing of the form ${data.<property>}.",
            )
        if binding.screen not in by_id:
            return (
                "FL706",
                f"Global dynamic data '{expr}' used on screen '{screen.id}' for {component} property '{prop}' is "
                f"invalid since screen '{binding.screen}' is missing in the Flow JSON.",
            )
    target = by_id.get(binding.screen)
    if binding.store == "form":
        field = None
        if target is not None:
            field = next((c for c in meta_components(model, target) if c.node.get("name") == binding.key), None)
        if field is None:
            names = [c.node.get("name") for c in meta_components(model, target)] if target is not None else []
            return (
                "FL706",
                f"{_binding_kind(binding)} '{expr}' from screen '{binding.screen}' does not exist, but is used "
                f"on screen '{screen.id}'.",
                _did_you_mean(binding, [n for n in names if isinstance(n, str)]),
            )
        value_schema = form_value_schema(field.node)
        if value_schema is None:
            return ("FL708", f"Value of '{field.type}' component cannot be used in form binding.")
        return value_schema
    keys = binding.key.split(".")
    data = target.data if target is not None else None
    if data is None or not keys or keys[0] not in data:
        return ("FL706", f"Missing dynamic data '{expr}' in the screen data model.", _did_you_mean(binding, data or {}))
    if any(ch in part for part in keys for ch in "-`' "):
        return (
            "FL706",
            f"Invalid format of dynamic data '{expr}' in the screen data model. Please avoid \"-\", \" \", \"`\" "
            "or \"'\".",
        )
    declaration = data[keys[0]]
    for part in keys[1:]:
        kind = declaration.get("type") if isinstance(declaration, dict) else None
        if kind == "array":
            return (
                "FL706",
                f"{expr} on screen '{target.id if target else ''}' for {component} property '{prop}' is invalid "
                f"as '{part}' is defined in an array schema in the data model.",
            )
        if kind != "object":
            return ("FL706", f"Missing dynamic data '{expr}' in the screen data model.")
        props = declaration.get("properties")
        if not isinstance(props, dict) or part not in props:
            return (
                "FL706",
                f"{_binding_kind(binding)} '{expr}' is invalid as its schema is missing in the data model of "
                f"screen '{target.id if target else ''}'.",
            )
        declaration = props[part]
    return declaration if isinstance(declaration, dict) else {}


class _Checker:
    """``validateDynamicDataSchema`` and ``validateObjectPropertySchema`` for one binding."""

    def __init__(self, binding: Binding, *, check_const: bool) -> None:
        self.binding = binding
        self.check_const = check_const

    def schema(self, data: Any, prop: dict[str, Any], path: str) -> str | None:
        data = data if isinstance(data, dict) else {}
        if self.check_const and "const" in prop and prop["const"] != data.get("const"):
            value = prop["const"] if isinstance(prop["const"], str) else ""
            return f"Expected '{path}' to be a const with value '{value}' (e.g., '{{const: {value}}}')'"
        declared_text = _js_text(data.get("type"))
        types = property_type_names(prop)
        if declared_text not in types:
            wanted = ", ".join(types)
            if self.binding.store == "data":
                return f"Expected '{path}' to be of type '{wanted}'."
            kind = "global form data" if self.binding.is_global else "form data"
            return f"Found invalid {kind}. Expected '{self.binding.expression}' to be of type '{wanted}'."
        if "object" in types:
            problem = self.object(data, prop, path)
            if problem is not None:
                return problem
        if "array" in types:
            items = prop.get("items")
            inner = items if isinstance(items, dict) else {}
            problem = self.schema(data.get("items"), inner, path + ".items")
            if problem is not None:
                return problem
        return None

    def object(self, data: dict[str, Any], prop: dict[str, Any], path: str) -> str | None:
        required = prop.get("required") or []
        properties = data.get("properties")
        declared = properties if isinstance(properties, dict) else {}
        for key, inner in (prop.get("properties") or {}).items():
            present = key in declared
            needed = key in required
            if not present and needed:
                return f"Data model schema is invalid for '{self.binding.expression}'. Missing schema for {key}."
            if present or needed:
                problem = self.schema(declared.get(key), inner, f"{path}.properties.{key}")
                if problem is not None:
                    return problem
        return None


def _check_property(
    model: FlowModel,
    by_id: dict[str, Screen],
    screen: Screen,
    comp: MetaComponent,
    prop: str,
    value: str,
    outer: str | None,
    *,
    v600: bool,
) -> Iterable[Finding]:
    binding = parse_binding(value, screen=screen.id or "")
    if binding is None:
        return
    component = comp.type or ""
    pointer = at(comp.path + ((outer,) if outer is not None else ()) + (prop,))
    resolved = _referenced_schema(model, by_id, screen, binding, component, prop)
    if isinstance(resolved, tuple):
        yield Finding(resolved[0], _CODE, resolved[1], pointer, resolved[2] if len(resolved) > 2 else None)
        return
    properties = binding_check_properties(component, model.version.number)
    if properties is None:
        return
    if outer == "on-click-action":
        # V600 reads the action schema's ``oneOf`` for the inner key: only ``url`` (open_url) has one, a URI
        # string or a binding. Other keys have none, where Meta's validator throws instead of reporting.
        if prop != "url":
            return
        alternatives = [{"type": "string", "format": "uri"}, {"type": "string", "pattern": BINDING}]
    else:
        # For other object-valued properties Meta looks the *inner* key up among the component's properties.
        schema = properties.get(prop)
        if schema is None:
            return  # Meta throws "Invalid schema found" here; the schema pass reports the unknown property
        alternatives = filtered_alternatives(schema)
    if not alternatives:
        return
    target = by_id.get(binding.screen)
    index = target.index if target is not None else -1
    path = f"screens[{index}].data." + ".properties.".join(binding.key.split("."))
    checker = _Checker(binding, check_const=v600)
    problem: str | None = None
    for alternative in alternatives:
        problem = checker.schema(resolved, alternative, path)
        if problem is None:
            return
    names = allowed_types(alternatives)
    if len(names) > 1:
        problem = f"Expected '{path}' to be of one of these types: [{', '.join(names)}]."
    if problem is not None:
        yield Finding("FL708", _CODE, problem, pointer)


def _screen_dynamic_data(model: FlowModel, *, v600: bool) -> Iterable[Finding]:
    by_id = screens_by_last_id(model)
    skipped = {"init-values", "error-messages"} if v600 else set()
    # Only a whole binding is checked, and every one starts "${" (parse_binding's pattern): the other strings
    # are left out by binding_properties, before a generator is made for each.
    for screen, comp, key, value in binding_properties(model):
        if key in skipped or (key == "condition" and comp.type == "If"):
            continue
        if isinstance(value, str):
            yield from _check_property(model, by_id, screen, comp, key, value, None, v600=v600)
        elif v600:  # an object property (V500 only reads strings)
            for inner_key, inner in value.items():
                if isinstance(inner, str) and inner.startswith("${"):
                    yield from _check_property(model, by_id, screen, comp, inner_key, inner, key, v600=v600)


def screen_dynamic_data_v500(model: FlowModel) -> Iterable[Finding]:
    return _screen_dynamic_data(model, v600=False)


def screen_dynamic_data_v600(model: FlowModel) -> Iterable[Finding]:
    return _screen_dynamic_data(model, v600=True)


VALIDATORS = {
    "ScreenDynamicDataV500": screen_dynamic_data_v500,
    "ScreenDynamicDataV600": screen_dynamic_data_v600,
}
