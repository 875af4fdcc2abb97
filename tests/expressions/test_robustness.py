"""The checkers answer every input with a verdict: they never raise anything but their own error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.expressions import ExpressionError, check_condition, check_expression, expression_limit, expression_type

SCREENS = {"S": {"data": {"n": "number", "b": "boolean", "s": "string", "o": {"x": "string"}}, "form": {"f": "string"}}}
PIECES = st.sampled_from(
    ["${data.n}", "${data.b}", "${form.f}", "${data.o.x}", "${screen.S.data.s}", "(", ")", "!", "&&", "||", "==",
     "!=", ">", ">=", "<", "<=", "=", "&", "|", "+", "-", "*", "/", "%", "?", ":", ".", ",", ";", "[", "]", "'a'",
     "'", '"', "1", "01", "-1", "2.5", "1e", "1e3", "true", "false", "null", "this", "x", " ", "\\", "`", "$", "{",
     "}", "😀", "é"]
)
TEXTS = st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=12).map("".join))


def resolve(screen: str, store: str, key: str) -> str | None:
    value = SCREENS.get(screen, {}).get(store, {}).get(key)
    return value if isinstance(value, str) else None


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_condition_checker_always_answers(text: str) -> None:
    error = check_condition(text, screen="S", resolve=resolve)
    assert error is None or isinstance(error.text, str)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_expression_checker_always_answers(text: str) -> None:
    for value in (f"`{text}`", text):
        try:
            kind = expression_type(value, screen="S", screens=SCREENS, version=703)
        except ExpressionError as exc:
            assert str(exc)
        else:
            assert isinstance(kind, str)
        message = check_expression(value, screen="S", screens=SCREENS, version=703, accepts=lambda t: t == "boolean")
        assert message is None or message.startswith("Error while parsing dynamic expression")


# FL710's fast pre-check skips strings of up to SAFE_LENGTH characters: none of them may be over a limit.
_DENSE_PIECES = ["${data", "${form", "${screen", "${external_data", ".", "(", "[", "'", "\\", "}", "a", "`", "$", "-"]


@given(st.lists(st.sampled_from(_DENSE_PIECES), max_size=120).map("".join), st.sampled_from([500, 600, 700]))
def test_no_string_within_the_safe_length_is_over_a_limit(text: str, version: int) -> None:
    from flowlint.rules.nested_expressions import SAFE_LENGTH

    for value in (text, "`" + text + "`", "${data." + text + "}"):
        value = value[:SAFE_LENGTH]
        assert expression_limit(value, version=version) is None, value
        if value.startswith("`"):
            closed = value[: SAFE_LENGTH - 1] + "`"
            assert expression_limit(closed, version=version) is None, closed


def test_the_safe_length_is_tight_enough_to_matter() -> None:
    from flowlint.rules.nested_expressions import SAFE_LENGTH

    assert expression_limit("`" + "." * (SAFE_LENGTH + 1) + "`", version=700) is not None
