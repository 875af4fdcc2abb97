"""Meta's If-condition checker, fed with condition strings (``spec/meta-validator.md`` §2.5).

The expected messages are Meta's, word for word, as recorded in ``conformance/meta`` (case names in the ids).
"""

from __future__ import annotations

import pytest

from flowlint.expressions import ConditionError, check_condition, condition_message

TYPES = {
    ("BOOKING", "data", "visits"): "number",
    ("BOOKING", "data", "tier"): "string",
    ("BOOKING", "data", "vip"): "boolean",
    ("BOOKING", "data", "count"): "integer",
    ("BOOKING", "data", "tags"): "array",
    ("BOOKING", "form", "agree"): "boolean",
    ("OTHER", "data", "ready"): "boolean",
}


def resolve(screen: str, store: str, key: str) -> str | None:
    return TYPES.get((screen, store, key))


def check(condition: str) -> str | None:
    error = check_condition(condition, screen="BOOKING", resolve=resolve)
    return error.text if error else None


@pytest.mark.parametrize(
    ("case", "condition", "message"),
    [
        ("expression-if-backtick-condition-v5-1", "`${data.visits} > 2`", "Unexpected character '`' at column 0."),
        (
            "expression-if-closing-parenthesis-after-operator",
            "(${data.vip} ||)",
            "Found invalid positioning of closing parenthesis. at column 15.",
        ),
        (
            "expression-if-comparison-then-logical",
            "${data.visits} == 3 && ${data.vip}",
            "Wrong positioning of operator '&&'. It cannot be used in concatenation with '==' at column 20.",
        ),
        ("expression-if-decimal-number", "${data.visits} >= 2.5", "Unexpected character '.' at column 19."),
        ("expression-if-empty-parentheses", "()", "Found invalid empty parentheses at column 1."),
        ("expression-if-empty", "", "Expected property 'condition' to contain at least one operand."),
        (
            "expression-if-form-field",
            "${form.full_name}",
            "Missing dynamic data 'full_name' in the data model for screen BOOKING.",
        ),
        (
            "expression-if-literal-only",
            "true",
            "The only operand is a literal value. Expected single operand to be a boolean.",
        ),
        ("expression-if-missing-closing-parenthesis", "(${data.vip}", "Missing closing parenthesis."),
        (
            "expression-if-missing-opening-parenthesis",
            "${data.vip})",
            "Missing opening parenthesis for the closing parenthesis at column 11.",
        ),
        ("expression-if-non-boolean-operand", "${data.visits}", "Expected single operand to be a boolean."),
        ("expression-if-single-equals", "${data.visits} = 3", "Invalid operator '=' at column 15."),
        (
            "expression-if-string-after-greater",
            "${data.visits} > 'three'",
            "Wrong positioning of operand 'three'. It cannot be used after '>' at column 17.",
        ),
        ("expression-if-trailing-operator", "${data.vip} &&", "Missing operand after last operator '&&'."),
        (
            "expression-if-two-parenthesised-comparisons",
            "(${data.visits} >= 3) && (${data.tier} == 'gold')",
            "Type mismatch in an equality operation between '(${data.visits} >= 3)' and 'gold' at column 42.",
        ),
        (
            "expression-if-undeclared-data",
            "${data.member}",
            "Missing dynamic data 'member' in the data model for screen BOOKING.",
        ),
        ("expression-if-unexpected-character", "${data.vip} #", "Unexpected character '#' at column 12."),
    ],
)
def test_conformance_conditions_give_metas_message(case: str, condition: str, message: str) -> None:
    assert check(condition) == message


@pytest.mark.parametrize(
    "condition",
    [
        "(${data.tier} != 'gold') && !${data.vip} || (${data.visits} >= 3)",  # expression-if-valid-operators
        "${form.agree}",  # expression-if-form-field-opt-in
        "${data.vip}",
        "!${data.vip}",
        "(${data.visits} > 2)",
        "${data.visits} == -1",
        "${data.tier} == 'it\\'s'",
        "(${data.vip} == true)",
        "${screen.OTHER.data.ready}",
    ],
)
def test_accepted_conditions(condition: str) -> None:
    assert check(condition) is None


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("1 == 2", "An operator cannot not have literals on both sides. Found invalid syntax at column 5."),
        ("${data.visits} == 007", "Number cannot not have leading zeroes at column 18."),
        ("${data.visits} == -", "A numerical value is expected to follow the negative sign at column 18."),
        ("${data.tier} == 'gold", "Missing closing quote for string. at column 16."),
        ("${data.vip} == tru", "Invalid literal 'tru' at column 15."),
        ("${data.vip} ${data.vip}", "Missing operator between '${data.vip}' and '${data.vip}' at column 12."),
        ("${data.count} > 1", "Operand '${data.count}' with type 'integer' is not supported."),
        ("${data.tags}", "Operand '${data.tags}' with type 'array' is not supported."),
        ("$data.vip", "Invalid operand format '' at column 0."),
        ("${data.v-ip", "Invalid operand format '' at column 0."),
        ("${data}", "Invalid operand format '${data}' at column 0."),
        (
            "${screen.OTHER.data.missing}",
            "Global dynamic data 'missing' does not exist on screen 'OTHER' but is used on screen 'BOOKING'.",
        ),
        ("${data.vip} & ${data.vip}", "Invalid operator '&' at column 12."),
        ("&& ${data.vip}", "Wrong positioning of operator '&&' at column 0."),
        ("${data.vip} >", "Wrong positioning of operator '>' at column 12."),
        ("${data.vip} > 1", "Wrong positioning of operator '>'. It cannot be used after '${data.vip}' at column 12."),
        ("'a'", "Expected single operand to be a boolean."),
        (
            "(${data.vip}) ${data.vip}",
            "Wrong positioning of operand '${data.vip}'. It cannot be used after ')' at column 14.",
        ),
        ("${data.vip}\t", "Unexpected character '\t' at column 11."),
    ],
)
def test_rejected_conditions(condition: str, message: str) -> None:
    assert check(condition) == message


def test_columns_count_utf16_units_like_javascript() -> None:
    # "😀" is two UTF-16 units: Meta's column for the "#" after "'😀' " is 5, not 4.
    assert check("'😀' #") == "Unexpected character '#' at column 5."


def test_message_suffix_follows_meta() -> None:
    assert condition_message("Missing closing parenthesis.", None) == "Missing closing parenthesis."
    assert condition_message("Unexpected character '#'", 3) == "Unexpected character '#' at column 3."
    assert condition_message("Invalid operand format ''", -1) == "Invalid operand format ''."
    assert ConditionError("x", 0).text == "x at column 0."
