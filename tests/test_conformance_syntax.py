"""Meta's syntax-stage answers (conformance cases with pass == "syntax"), reproduced.

Meta reports every JSON syntax error as INVALID_FLOW_JSON with V8's JSON.parse wording and an all-zero
pointer. flowlint reports the same code and message, and the real position of the first offending
character (spec/positions.md: the one deliberate difference, documented for users).
"""

from __future__ import annotations

import pytest

import flowlint
from tests.conformance import load_cases, meta_comparable, skip_module_without

skip_module_without()

SYNTAX_CASES = [c for c in load_cases() if c.stage == "syntax"]


def test_there_are_syntax_cases() -> None:
    assert len(SYNTAX_CASES) == 8


@pytest.mark.parametrize("case", SYNTAX_CASES, ids=lambda c: c.name)
def test_syntax_case(case) -> None:  # type: ignore[no-untyped-def]
    report = flowlint.lint(case.flow_bytes)
    ours = meta_comparable(report)
    [meta] = case.expected["errors"]
    assert ours, "flowlint must refuse what Meta refuses"
    assert ours[0]["error"] == meta["code"] == "INVALID_FLOW_JSON"
    assert ours[0]["message"] == meta["message"]  # JSON.parse's words (flowlint.v8_json)
    pointer = ours[0]["pointers"][0]
    assert pointer["path"] == meta["pointers"][0]["path"] == ""
    assert pointer["lineStart"] >= 1 and pointer["columnStart"] >= 1  # real positions, not Meta's zeros
