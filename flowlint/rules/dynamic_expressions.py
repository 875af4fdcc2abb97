"""String properties as Meta's dynamic-expression validator reads them (``WAFlowsJSONDynamicParserValidatorV600``).

From 6.0 (server switch 384, on in the recorded runs) Meta passes every string property of every component
but the Form (``type``, ``init-value(s)``, ``error-message(s)`` and whole bindings excepted) through its
expression checker: a backtick expression is parsed and typed, a plain string is a string literal, and the
resulting type must fit the property's schema (:mod:`flowlint.rules.property_schemas`). The error is
INVALID_PROPERTY_VALUE "Error while parsing dynamic expression \"...\". <reason>" on the property **key**
(README: cases ``expression-backtick-*``). A RichText ``text`` that mixes static text with a binding is
reported here too, with Meta's string-interpolation message (case ``binding-rich-text-interpolation``).
This validator also runs in 7.1, which drops most other binding checks (case ``expression-backtick-v7-1``).
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any, Iterable, Mapping

from flowlint.catalog import RuleInfo
from flowlint.expressions import check_expression, has_string_interpolation, is_binding, is_plain_text
from flowlint.rules.base import Finding, key_at
from flowlint.rules.dynamic_data import (
    BindingProperty,
    binding_properties_of,
    meta_components,
    record_binding_properties,
    screen_properties,
)
from flowlint.rules.model import FlowModel
from flowlint.rules.property_schemas import component_properties, is_type_matching

__all__ = ["RULES", "VALIDATORS", "MSG_RICH_TEXT_INTERPOLATION"]

MSG_RICH_TEXT_INTERPOLATION = (
    "String interpolation is not supported by RichText component. Either use static value (e.g. \"# Title\") "
    "or dynamic only (e.g. \"${data.title}\")."
)

RULES = [
    RuleInfo(
        "FL703",
        "invalid-dynamic-expression",
        "Backtick expressions parse, type-check and fit the property.",
        "INVALID_PROPERTY_VALUE",
        "error",
        "6.0+",
        doc="What it does: parses each backtick expression of a component property as Meta does (jsep), "
        "infers its type from the screen's data model and form fields, and checks the result fits the "
        "property (a boolean for `visible`, a string for `text`...). Operands of `+ - * / < > <= >=` must be "
        "numbers, of `&& || !` booleans, of `== !=` the same type; `null` and the ternary operator are "
        "refused.\n\nWhy is this bad? Meta rejects the flow.\n\nExample: `\"visible\": \"`${data.visits} + "
        "1`\"`.\n\nUse instead: `\"visible\": \"`${data.visits} > 1`\"`.",
    ),
    RuleInfo(
        "FL704",
        "rich-text-interpolation",
        "A RichText `text` is static or one whole binding.",
        "INVALID_PROPERTY_VALUE",
        "error",
        "6.0+",
        doc="What it does: reports a RichText `text` string that mixes static text with a `${...}` "
        "binding.\n\nWhy is this bad? Meta rejects it: RichText does not interpolate.\n\nExample: `\"text\": "
        "\"# Hello ${data.name}\"`.\n\nUse instead: a whole binding, `\"text\": \"${data.greeting}\"`, with the "
        "markdown built by your endpoint or in the previous screen's payload.",
    ),
]

_EXCLUDED_KEYS = frozenset({"type", "init-value", "init-values", "error-message", "error-messages"})


@lru_cache(maxsize=None)
def _not_string(kind: str | None, version: int, in_form: bool) -> frozenset[str]:
    """The properties of ``kind`` that a plain text (type ``string``) does not fit: the only ones where a plain
    text still needs a check. A RichText ``text`` fits (it is checked for interpolation instead), and so does
    a property the component does not have (the schema pass reports those)."""
    properties = component_properties(kind, version, in_form) if kind else None
    if properties is None:
        return frozenset()
    return frozenset(
        key
        for key, schema in properties.items()
        if not is_type_matching(schema, "string") and not (kind == "RichText" and key == "text")
    )


def _accepts(schema: Mapping[str, Any] | None, kind: str) -> bool:
    """May an expression of type ``kind`` stand for a property with this schema (any, for an unknown one)?"""
    return schema is None or is_type_matching(schema, kind)


def dynamic_parser(model: FlowModel) -> Iterable[Finding]:
    version = model.version.number
    v600 = model.version.has_nested_expressions
    typed = None  # the screens' typed properties, computed for the first expression
    not_string_of: dict[tuple[str | None, bool], frozenset[str]] = {}
    # This walk reads every property of every component; it keeps, for ScreenDynamicDataV600, the ones that
    # validator reads (record_binding_properties), so that it need not read them all again.
    found: list[BindingProperty] = []
    for screen in model.screens:
        screen_id = screen.id or ""
        for comp in meta_components(model, screen):
            kind = comp.type
            if kind == "Form":
                found.extend(binding_properties_of(screen, comp))
                continue
            not_string = not_string_of.get((kind, comp.in_form))
            if not_string is None:
                not_string = not_string_of[(kind, comp.in_form)] = _not_string(kind, version, comp.in_form)
            for key, value in comp.node.items():
                if type(value) is not str and not isinstance(value, str):
                    if isinstance(value, dict):
                        found.append((screen, comp, key, value))
                    continue
                # is_plain_text, inlined (most labels and texts: type string, no binding).
                if "$" not in value and "\\" not in value and "}" not in value and not (
                    v600 and value[:1] == "`" and value[-1:] == "`"
                ):
                    if key not in not_string or key in _EXCLUDED_KEYS:
                        continue
                else:
                    if value[:2] == "${":
                        found.append((screen, comp, key, value))
                    if key in _EXCLUDED_KEYS or is_binding(value):
                        continue
                if kind == "RichText" and key == "text":
                    if has_string_interpolation(value):
                        yield Finding(
                            "FL704", "INVALID_PROPERTY_VALUE", MSG_RICH_TEXT_INTERPOLATION, key_at(comp.path + (key,))
                        )
                    continue
                properties = component_properties(kind, version, comp.in_form) if kind else None
                schema = properties.get(key) if properties is not None else None
                if typed is None:
                    typed = screen_properties(model)
                # An unknown property is the schema pass's finding; here it only loses its return-type check.
                message = check_expression(
                    value,
                    screen=screen_id,
                    screens=typed,
                    version=version,
                    accepts=partial(_accepts, schema),
                )
                if message is not None:
                    yield Finding("FL703", "INVALID_PROPERTY_VALUE", message, key_at(comp.path + (key,)))
    record_binding_properties(model, found)


VALIDATORS = {"DynamicParserV600": dynamic_parser}
