"""Backtick expressions in action payloads (``WAFlowJSONNestedExpressionActionPayloadPropertyValidatorV702``).

From 7.2 Meta types every value of the payload of ``complete`` and ``data_exchange`` actions (all complete
actions first, then all data_exchange ones), walking into objects and arrays; a backtick expression that
does not parse or type-check is INVALID_ACTION_PAYLOAD_PROPERTY with the checker's own reason (no "Error
while parsing" prefix) on the payload value (README: cases ``action-nested-expression-*``; 7.0 says nothing).
The complete-on-a-non-terminal-screen check the same Meta module makes is ``CompleteActionV702`` of
:mod:`flowlint.rules.actions`.
"""

from __future__ import annotations

from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.expressions import ExpressionError, expression_type, is_nested_expression
from flowlint.rules.base import Finding, at
from flowlint.rules.dynamic_data import screen_properties
from flowlint.rules.model import FlowModel

__all__ = ["RULES", "VALIDATORS"]

RULES = [
    RuleInfo(
        "FL705",
        "invalid-payload-expression",
        "Backtick expressions in complete and data_exchange payloads parse and type-check.",
        "INVALID_ACTION_PAYLOAD_PROPERTY",
        "error",
        "7.2+",
        doc="What it does: parses and types each backtick expression in the payload of a `complete` or "
        "`data_exchange` action (nested objects and arrays included), as Meta does from Flow JSON 7.2.\n\nWhy "
        "is this bad? Meta rejects the flow.\n\nExample: `\"payload\": {\"greeting\": \"`${form.nickname} + "
        "1`\"}` where `nickname` is a TextInput (a string).\n\nUse instead: `\"payload\": {\"greeting\": "
        "\"`'Hi ' ${form.nickname}`\"}`.",
    ),
]


def _property_errors(
    value: Any, path: JsonPath, *, screen: str, typed: Any, version: int
) -> Iterable[Finding]:
    if is_nested_expression(value):
        try:
            expression_type(value, screen=screen, screens=typed, version=version)
        except ExpressionError as exc:
            yield Finding("FL705", "INVALID_ACTION_PAYLOAD_PROPERTY", str(exc), at(path))
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _property_errors(inner, path + (key,), screen=screen, typed=typed, version=version)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _property_errors(inner, path + (index,), screen=screen, typed=typed, version=version)


def nested_expression_payloads(model: FlowModel) -> Iterable[Finding]:
    typed = screen_properties(model)
    version = model.version.number
    ordered = [a for a in model.actions if a.name == "complete"] + [
        a for a in model.actions if a.name == "data_exchange"
    ]
    for action in ordered:
        payload = action.payload
        if not isinstance(payload, dict):
            continue
        screen = model.screens[action.screen].id or ""
        for key, value in payload.items():
            yield from _property_errors(
                value, action.path + ("payload", key), screen=screen, typed=typed, version=version
            )


VALIDATORS = {"NestedExpressionActionPayloadPropertyV702": nested_expression_payloads}
