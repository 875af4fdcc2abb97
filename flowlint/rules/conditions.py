"""If conditions, checked as Meta checks them (``WAFlowJSONConditionalRenderingValidatorV500``/``V600``).

Meta parses every If's ``condition`` character by character and reports the first problem only, with a
0-based column inside the condition in its message (``spec/meta-validator.md`` §2.5; the checker itself is
:func:`flowlint.expressions.check_condition`). The pointer is the condition value. From 6.0 a backtick
condition is left to the expression checker; 7.1 runs no condition check at all (its chain re-applies the
6.0 filter, README "Settled by running Meta's validator", case
``expression-if-missing-closing-parenthesis-v7-1``). When the condition passes, an empty ``then`` is reported.

Meta rejects some correct conditions (``(a >= 3) && (b == 'gold')``, decimals): the upload fails on them, so
flowlint reports them too, with a ``fix`` that says Meta is stricter than its docs.
"""

from __future__ import annotations

from typing import Iterable

from flowlint.catalog import RuleInfo
from flowlint.expressions import MSG_EMPTY_THEN, check_condition, is_nested_expression
from flowlint.rules.base import Finding, MetaThrows, at
from flowlint.rules.dynamic_data import meta_screen, screen_properties
from flowlint.rules.model import FlowModel

__all__ = ["RULES", "VALIDATORS"]

RULES = [
    RuleInfo(
        "FL701",
        "invalid-if-condition",
        "If conditions parse as Meta's condition checker parses them.",
        "INVALID_PROPERTY_VALUE",
        "error",
        "5.1-7.0, 7.2+",
        doc="What it does: checks each If `condition` the way Meta's validator does: operators `( ) ! && || == "
        "!= > >= < <=`, integers, `true`/`false`, single-quoted strings and `${data.x}`/`${form.x}` operands "
        "with their declared types; the first problem is reported with its 0-based column.\n\nWhy is this bad? "
        "Meta rejects the flow. Its checker is stricter than the docs: a comparison cannot be followed by "
        "`&&`/`||` without parentheses, decimals are not numbers, and a parenthesised comparison after `&&` is "
        "compared with the first parenthesised group.\n\nExample: `\"condition\": \"${data.visits} == 3 && "
        "${data.vip}\"`.\n\nUse instead: `\"condition\": \"(${data.visits} == 3) && ${data.vip}\"`, or a "
        "backtick expression (6.0+): `\"condition\": \"`${data.visits} == 3 && ${data.vip}`\"`.",
    ),
    RuleInfo(
        "FL702",
        "empty-if-then",
        "An If shows at least one component when its condition holds.",
        "INVALID_PROPERTY_VALUE",
        "error",
        "5.1-7.0, 7.2+",
        doc="What it does: reports an If whose `then` is an empty array (checked when its condition "
        "passes).\n\nWhy is this bad? Meta rejects it.\n\nExample: `{\"type\": \"If\", \"condition\": "
        "\"${data.vip}\", \"then\": []}`.\n\nUse instead: put the components in `then`, or negate the "
        "condition and move `else` to `then`.",
    ),
    RuleInfo(
        "FL711",
        "if-condition-not-a-string",
        "An If condition is a string (from 6.0 Meta's validator fails on a boolean).",
        "INVALID_FLOW_JSON",
        "error",
        "6.0-7.0, 7.2+",
        doc="What it does: reports an If whose `condition` is not a string (`true`, `false`), from Flow JSON "
        "6.0 (7.1 does not check conditions). Meta's validator stops on it with an internal error and "
        "answers only \"Flow JSON is not valid. Minified invariant #88059; %s\", without saying where; flowlint "
        "reports the same and points at the condition.\n\nWhy is this bad? Meta rejects the flow, and no other "
        "problem of the flow is reported until this one is fixed.\n\nExample: `{\"type\": \"If\", "
        "\"condition\": true, \"then\": [...]}`.\n\nUse instead: a condition string, `\"condition\": "
        "\"${data.vip}\"`, or a backtick expression, `\"condition\": \"`true`\"`.",
    ),
]

def _fix(message: str, condition: str) -> str | None:
    """Where Meta's checker is stricter than its docs, say so and give what Meta accepts (6.0+)."""
    if message.startswith("Unexpected character '.'"):
        return (
            "Meta's condition checker reads integers only; a backtick expression (Flow JSON 6.0+) takes "
            f'decimals: "`{condition}`".'
        )
    paired_with_group = message.startswith("Type mismatch in an equality operation between '(")
    if paired_with_group and ("&&" in condition or "||" in condition):
        return (
            "Meta's condition checker compares this with the first parenthesised group of the condition (a known "
            f'bug); if the condition is right, a backtick expression (Flow JSON 6.0+) passes: "`{condition}`".'
        )
    return None


def _conditional_rendering(model: FlowModel, *, skip_backticks: bool) -> Iterable[Finding]:
    typed = screen_properties(model)

    def resolve(screen: str, store: str, key: str) -> str | None:
        value = typed.get(screen, {}).get(store, {}).get(key)
        return value if isinstance(value, str) else None

    for screen in model.screens:
        screen_id = screen.id or ""
        for comp in meta_screen(model, screen).of_type("If"):
            condition = comp.node.get("condition")
            if not isinstance(condition, str):
                if skip_backticks:
                    # V600 checks every condition that is no backtick expression, and its parser asserts a
                    # string: the invariant throws (6.0+; V500 checks strings only).
                    raise MetaThrows("FL711", "Minified invariant #88059; %s", comp.path + ("condition",))
                continue
            if skip_backticks and is_nested_expression(condition):
                continue
            error = check_condition(condition, screen=screen_id, resolve=resolve)
            if error is not None:
                fix = _fix(error.message, condition)
                yield Finding("FL701", "INVALID_PROPERTY_VALUE", error.text, at(comp.path + ("condition",)), fix)
                continue
            then = comp.node.get("then")
            if isinstance(then, list) and len(then) == 0:
                yield Finding("FL702", "INVALID_PROPERTY_VALUE", MSG_EMPTY_THEN, at(comp.path + ("then",)))


def conditional_rendering_v500(model: FlowModel) -> Iterable[Finding]:
    return _conditional_rendering(model, skip_backticks=False)


def conditional_rendering_v600(model: FlowModel) -> Iterable[Finding]:
    # V600 skips backtick conditions only from 6.0; below that it behaves as V500.
    return _conditional_rendering(model, skip_backticks=model.version.has_nested_expressions)


VALIDATORS = {
    "ConditionalRenderingV500": conditional_rendering_v500,
    "ConditionalRenderingV600": conditional_rendering_v600,
}
