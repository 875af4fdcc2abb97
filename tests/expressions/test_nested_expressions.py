"""Backtick expressions as Meta parses (jsep 0.3.4) and types them (``WAFlowsASTTypeValidator``).

Messages are Meta's, word for word, from ``conformance/meta`` where a case records them (ids name the case).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.expressions import (
    ExpressionError,
    check_expression,
    clean_expression,
    expression_type,
    parse_expression,
)

SCREENS = {
    "BOOKING": {
        "data": {"visits": "number", "tier": "string", "vip": "boolean", "count": "integer", "address": {"city": "string"}},
        "form": {"nickname": "string", "agree": "boolean"},
    },
    "OTHER": {"data": {"total": "number"}},
}


def typed(value: str) -> str:
    return expression_type(value, screen="BOOKING", screens=SCREENS, version=600)


def reason(value: str) -> str:
    with pytest.raises(ExpressionError) as info:
        typed(value)
    return str(info.value)


def boolean_check(value: str) -> str | None:
    return check_expression(value, screen="BOOKING", screens=SCREENS, version=600, accepts=lambda t: t == "boolean")


def string_check(value: str) -> str | None:
    return check_expression(value, screen="BOOKING", screens=SCREENS, version=600, accepts=lambda t: t == "string")


@pytest.mark.parametrize(
    ("case", "value", "check", "message"),
    [
        (
            "expression-backtick-equality-different-types",
            "`${data.tier} == 1`",
            boolean_check,
            'Error while parsing dynamic expression "`${data.tier} == 1`". '
            "Operation '==' can only be used to compare values with same type.",
        ),
        (
            "expression-backtick-not-on-non-boolean",
            "`!${data.tier}`",
            boolean_check,
            'Error while parsing dynamic expression "`!${data.tier}`". Operation \'!\' can only be used before booleans.',
        ),
        (
            "expression-backtick-null-keyword",
            "`${data.vip} == null`",
            boolean_check,
            'Error while parsing dynamic expression "`${data.vip} == null`". '
            "The keyword 'null' is reserved, please use another expression instead.",
        ),
        (
            "expression-backtick-parse-error",
            "`${data.visits} +`",
            string_check,
            'Error while parsing dynamic expression "`${data.visits} +`". Expected expression after + at character 28',
        ),
        (
            "expression-backtick-return-type-mismatch",
            "`${data.visits} + 1`",
            boolean_check,
            'Error while parsing dynamic expression "`${data.visits} + 1`". '
            "The expression return type is 'number' which does not match the schema for the property.",
        ),
        (
            "expression-backtick-ternary",
            "`${data.vip} ? 'Gold' : 'Guest'`",
            string_check,
            'Error while parsing dynamic expression "`${data.vip} ? \'Gold\' : \'Guest\'`". Operation '
            "ConditionalExpression is not supported. This means that you are using a ternary operator in your "
            "expression (i.e. 'condition ? 'condition passes' : 'condition fails'). Please check the "
            "documentation for the supported operations.",
        ),
        (
            "expression-backtick-undeclared-data",
            "`'Hi ' ${data.member}`",
            string_check,
            'Error while parsing dynamic expression "`\'Hi \' ${data.member}`". '
            "The following property 'member' does not exist in the screen data model.",
        ),
    ],
)
def test_conformance_expressions_give_metas_message(case: str, value: str, check, message: str) -> None:  # type: ignore[no-untyped-def]
    assert check(value) == message


def test_unknown_form_field_names_the_missing_form_store() -> None:
    # expression-backtick-unknown-form-field: that screen has data but no form field at all.
    screens = {"BOOKING": {"data": {"visits": "number"}}}
    message = check_expression(
        "`'Hi ' ${form.nickname}`", screen="BOOKING", screens=screens, version=600, accepts=lambda t: True
    )
    assert message == (
        'Error while parsing dynamic expression "`\'Hi \' ${form.nickname}`". '
        "The following property 'form' does not exist in the screen data model."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("`(${data.visits} > 2) && ${data.vip}`", "boolean"),  # expression-backtick-valid
        ("`${data.visits} * 2 - 1`", "number"),
        ("`${data.count} + 1`", "number"),
        ("`${data.count}`", "integer"),
        ("`-${data.visits}`", "number"),
        ("`'Hi ' ${data.tier}`", "string"),
        ("`${form.agree} || ${data.vip}`", "boolean"),
        ("`${data.address.city}`", "string"),
        ("`${data.address}`", "object"),
        ("`${screen.OTHER.data.total} >= 10`", "boolean"),
        ("`${data.visits} % 2`", ""),
        ("`${data.visits} + .`", "number"),  # jsep reads a lone "." as the number NaN
        ("Plain text, it's fine", "string"),
        ("${data.x} and more", "string"),  # not a binding: Meta reads it as a string literal
        ("ends with a backslash \\", "string"),
    ],
)
def test_inferred_types(value: str, expected: str) -> None:
    assert typed(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("`${data.count} == 1`", "Operation '==' can only be used to compare values with same type."),
        ("`-${data.count}`", "Operation '-' can only be used before numbers."),
        ("`${data.tier} + 1`", "Operation '+' can only be used with numbers."),
        ("`${data.tier} > 1`", "Operation '>' can only be used with numbers."),
        ("`${data.vip} && ${data.tier}`", "Operation '&&' can only be used with booleans."),
        ("`${data.visits}()`", "Operation CallExpression is not supported."),
        ("`[1, 2]`", "Operation ArrayExpression is not supported."),
        ("`this`", "Operation ThisExpression is not supported."),
        ("`!`", "Operation undefined is not supported."),
        ("`${screen.NOPE.data.x}`", "The following property 'NOPE' does not exist in the screen data model."),
        ("`${data.visits.x}`", "e.has is not a function"),
        ("`${data.visits} = 1`", 'Unexpected "=" at character 27'),
        ("`(${data.visits} > 2`", "Unclosed ( at character 31"),
        ("`(${data.visits} 'a')`", "Unclosed ( at character 28"),
        ("`${data.vip} ? 'a'`", "Expected : at character 29"),
        ("`${data.tier} == 'gold`", 'Unclosed quote after "gold" at character 33'),
        ("`${data.visits} == 1a`", "Variable names cannot start with a number (1a) at character 31"),
        ("`${data.visits} == 1.2.3`", "Unexpected period at character 33"),
        ("`${data.visits} == 1e`", "Expected exponent (1e) at character 32"),
        ("`${data.`", "Unexpected  at character 20"),
        ("`&& ${data.vip}`", "Operation undefined is not supported."),
        ("`${data.vip} && (|| ${data.vip})`", "Operation undefined is not supported."),
        ("`! && ${data.vip}`", "Operation undefined is not supported."),
        ("`!)`", 'Unexpected ")" at character 1'),
        ("`&& ${data.vip} +`", "Expected expression after + at character 28"),
        ("`${data.x}(1 2)`", "Operation CallExpression is not supported."),
        ("`${data.x}(1`", "Expected ) at character 23"),
        ("`[1 #]`", "Expected comma at character 3"),
        ("`${data.vip}[1`", "Unclosed [ at character 25"),
        ("`'abc'.length`", "Variable names cannot start with a number (.l) at character 6"),
        ("`1 + ..`", "Unexpected period at character 5"),
    ],
)
def test_rejected_expressions(value: str, message: str) -> None:
    assert reason(value) == message


def test_clean_expression_is_metas_rewrite() -> None:
    assert clean_expression("`${data.a} + ${form.b}`", screen="S", version=600) == "screen.S.data.a + screen.S.form.b"
    assert clean_expression("`${screen.T.data.a}`", screen="S", version=600) == "screen.T.data.a"
    assert clean_expression("It's", screen="S", version=600) == "'It\\'s'"
    assert clean_expression("`x`", screen="S", version=501) == "'`x`'"
    assert clean_expression("a\\", screen="S", version=600) == "'a\\\\'"


def test_parse_tree_has_jseps_shapes() -> None:
    node = parse_expression("a + b * -c")
    assert node == {
        "type": "BinaryExpression",
        "operator": "+",
        "left": {"type": "Identifier", "name": "a"},
        "right": {
            "type": "BinaryExpression",
            "operator": "*",
            "left": {"type": "Identifier", "name": "b"},
            "right": {"type": "UnaryExpression", "operator": "-", "argument": {"type": "Identifier", "name": "c"}, "prefix": True},
        },
    }
    assert parse_expression("'a' b")["type"] == "Compound"  # type: ignore[index]
    assert parse_expression("a && b || c")["operator"] == "||"  # type: ignore[index]


def _clean_expression_by_the_regex(value: str, *, screen: str, version: int) -> str:
    """``clean_expression`` as first written: one regular-expression pass for the four prefixes."""
    import re

    from flowlint.expressions import is_binding, is_nested_expression

    text = value
    if is_nested_expression(value) and version >= 600:
        text = value[1:-1]
    elif not is_binding(value):
        text = "'" + value.replace("'", "\\'") + "'"
    replacements = {
        "${screen": "screen",
        "${data": f"screen.{screen}.data",
        "${form": f"screen.{screen}.form",
        "${external_data": f"screen.{screen}.external_data",
    }
    text = re.sub(r"\$\{(screen|data|form|external_data)", lambda m: replacements[m.group(0)], text)
    text = text.replace("}", "")
    if text.endswith("\\'"):
        text = text[:-2] + "\\\\'"
    return text


_PIECES = st.sampled_from(["${", "$", "{", "}", "screen", "data", "form", "external_data", ".", "`", "'", "\\", "a", " "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.lists(_PIECES, max_size=4).map("".join))
def test_clean_expression_rewrites_as_one_regular_expression_pass_would(value: str, screen: str) -> None:
    from flowlint.expressions import clean_expression

    for version in (501, 703):
        expected = _clean_expression_by_the_regex(value, screen=screen, version=version)
        assert clean_expression(value, screen=screen, version=version) == expected
