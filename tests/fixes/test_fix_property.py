"""Property: a valid flow with one safe-fixable mistake (a misspelt component type, enum value or property name)
lints clean after the safe fixes, and the fix touched nothing but the misspelt token."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import flowlint
from flowlint.fixes import SAFE, fix_text
from flowlint.testing import valid_flows

#: String tokens a mistake can be made in: property names (a key before ':') and values of "type" or enum-like
#: members.
_KEY = re.compile(r'"([a-z][a-z-]{3,})"(?=: )')
_TYPE = re.compile(r'(?<="type": )"([A-Za-z]{4,})"')


def _typo(word: str, kind: int, at: int) -> str:
    at %= len(word) - 1
    if kind == 0:  # a letter left out
        return word[:at] + word[at + 1 :]
    if kind == 1:  # two letters swapped
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at] * 2 + word[at + 1 :]  # a letter doubled


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(flow=valid_flows(), pick=st.integers(min_value=0), kind=st.integers(0, 2), at=st.integers(min_value=0),
       in_key=st.booleans())
def test_one_safe_mistake_is_fixed_to_a_clean_flow(flow: dict, pick: int, kind: int, at: int, in_key: bool) -> None:
    text = json.dumps(flow, indent=2)
    assume(flowlint.lint(text).ok)
    tokens = list((_KEY if in_key else _TYPE).finditer(text))
    assume(tokens)
    token = tokens[pick % len(tokens)]
    word = token.group(1)
    wrong = _typo(word, kind, at)
    assume(wrong != word)
    broken = text[: token.start(1)] + wrong + text[token.end(1) :]
    report = flowlint.lint(broken)
    assume(any(d.autofix is not None and d.autofix.applicability == SAFE for d in report.diagnostics))

    result = fix_text(broken)
    assert result.report.ok, [(d.rule, d.message) for d in result.report.errors]
    # Only the misspelt token changed: what is before and after it is the same text.
    assert result.text.startswith(text[: token.start(1)]) and result.text.endswith(text[token.end(1) :])
    assert fix_text(result.text).fixed == 0
