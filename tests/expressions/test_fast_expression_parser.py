"""The hand-written expression parser answers only what expression.lark answers, with the same tree.

``flowlint.expressions.fast_parse_expression`` spares the clean path lark's import and parse. It may decline
(None) anything; where it answers, lark's plain parse must succeed on the same text with an equal jsep tree and
jsep's numeric-literal check must find nothing. Checked on generated token soups (mostly declined or errors),
on generated well-formed expressions (which it must answer), and on every backtick expression of the fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flowlint.expressions import (
    ExpressionError,
    _number_problem,
    _parser,
    clean_expression,
    fast_parse_expression,
    is_nested_expression,
    parse_expression,
)
from flowlint.jsep_lark import to_jsep
from tests.conformance import SHARED

REPO = Path(__file__).resolve().parents[2]


def lark_tree(text: str) -> Any:
    """What the grammar path builds for ``text`` (no numeric-literal problem, lark parses), else None."""
    from lark.exceptions import UnexpectedInput

    if _number_problem(text) is not None:
        return None
    try:
        return to_jsep(_parser().parse(text))
    except UnexpectedInput:
        return None


def assert_agrees(text: str) -> None:
    fast = fast_parse_expression(text)
    if fast is not None:
        assert fast == lark_tree(text), text


# --- token soups: every terminal of the grammar, the awkward ones included ------------------------------------

_NAMES = ["a", "b", "screen", "S", "data", "x1", "$y", "_z", "true", "false", "null", "this", "é", "aé", "e"]
_NUMBERS = ["0", "1", "12", "1.5", ".5", "5.", "1e3", "1E+2", "2e-1", "1e", "1.e5", "01", "1..2", "9.9.9"]
_STRINGS = ["'a'", '"b"', "'it\\'s'", '"\\n"', "'é'", "''", "'open", '"\\"', "'a\\\\'"]
_OPERATORS = [
    "||", "&&", "|", "^", "&", "==", "!=", "===", "!==", "<", ">", "<=", ">=", "<<", ">>", ">>>",
    "+", "-", "*", "/", "%", "!", "~", "?", ":", "(", ")", "[", "]", ".", ",", ";", "=", "#", "@",
]  # fmt: skip
_SPACES = ["", "", " ", "  ", "\t", "\n", "\r", "\u00a0", "\f"]

_piece = st.sampled_from(_NAMES + _NUMBERS + _STRINGS + _OPERATORS)
_soup = st.lists(st.tuples(_piece, st.sampled_from(_SPACES)), max_size=14).map(
    lambda parts: "".join(piece + space for piece, space in parts)
)


@given(_soup)
def test_on_token_soups_an_answer_is_lark_s_tree(text: str) -> None:
    assert_agrees(text)


# --- well-formed expressions of the subset it reads: it must answer them, as lark does ------------------------

_binary_ops = st.sampled_from(["||", "&&", "==", "!=", "===", "!==", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"])
_leaf = st.one_of(
    st.sampled_from(["a", "screen.S.data.x", "screen.S.form.name", "true", "null", "$v", "o.p.q"]),
    st.sampled_from(["0", "42", "1.5", ".5", "3e2", "'text'", '"q\\"uote"', "'é'"]),
)


def _combine(children: Any) -> Any:
    return st.one_of(
        st.tuples(children, _binary_ops, children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(children, _binary_ops, children).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        st.tuples(st.sampled_from(["-", "+", "!", "- ", "!!"]), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["-", "+", "!"]), _leaf).map(lambda t: f"{t[0]}{t[1]}"),
        children.map(lambda c: f"({c})"),
        children.map(lambda c: f"( {c} ).member"),
    )


_expression = st.recursive(_leaf, _combine, max_leaves=12)
# Side by side at the top (a Compound): leaves after the first expression ("a (b)" would be a call)
_compound = st.tuples(_expression, st.lists(st.tuples(st.sampled_from([" ", "\n "]), _leaf), max_size=3)).map(
    lambda t: t[0] + "".join(space + leaf for space, leaf in t[1])
)


@given(_compound)
def test_well_formed_expressions_are_answered_with_lark_s_tree(text: str) -> None:
    fast = fast_parse_expression(text)
    assert fast is not None, text
    assert fast == lark_tree(text), text


@pytest.mark.parametrize(
    "text",
    [
        "a, b",
        "a ? b : c",
        "f(a)",
        "a[0]",
        "[a, b]",
        "a | b",
        "a << 1",
        "~a",
        "a.",
        "a.(b)",
        "1e",
        "1.2.3",
        "1a",
        "aé",
        "a\u00a0+ b",
        "'open",
        "a +",
        "(a",
        "a)",
        "",
        "   ",
        "a;",
        "a = b",
    ],
)
def test_declines_what_it_does_not_read(text: str) -> None:
    assert fast_parse_expression(text) is None
    # the grammar path still answers (a tree or jsep's error), as before the fast parser existed
    try:
        parse_expression(text)
    except ExpressionError:
        pass  # any other exception fails the test


def test_deep_nesting_is_left_to_the_grammar() -> None:
    assert fast_parse_expression("(" * 100 + "a" + ")" * 100) is None
    assert fast_parse_expression("(" * 20 + "a" + ")" * 20) == {"type": "Identifier", "name": "a"}


# --- every backtick expression of the fixtures ------------------------------------------------------------------


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _fixture_expressions() -> list[str]:
    roots = [SHARED / "conformance" / "meta" / "cases", SHARED / "corpus" / "real", REPO / "tests"]
    found: set[str] = set()
    for root in roots:
        for path in sorted(root.rglob("*.json")) if root.is_dir() else ():
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            for value in _strings(doc):
                if is_nested_expression(value) or value.startswith("${"):
                    found.add(clean_expression(value, screen="S", version=700))
    return sorted(found)


def test_every_fixture_expression_gets_lark_s_answer() -> None:
    expressions = _fixture_expressions()
    if not expressions:
        pytest.skip(f"no fixture expressions found ({SHARED} absent?)")
    answered = 0
    for text in expressions:
        fast = fast_parse_expression(text)
        if fast is not None:
            answered += 1
            assert fast == lark_tree(text), text
    # most real expressions are in the subset; if none were, the fast path would be dead code
    assert answered >= len(expressions) // 2, (answered, len(expressions))
