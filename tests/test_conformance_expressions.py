"""The ``expression-*`` and ``binding-*`` conformance cases, end to end through ``flowlint.lint``.

Each case is a flow run through Meta's own validator (``../shared/conformance/meta``); flowlint must give the
same errors: codes, messages word for word, paths and positions, in Meta's order (``tests/conformance.py``).
"""

from __future__ import annotations

import importlib.util

import pytest

from tests.conformance import Case, compare, load_cases, skip_module_without

skip_module_without()

CASES = [c for c in load_cases() if c.name.startswith(("expression-", "binding-"))]

#: Cases whose answer comes from the JSON-Schema pass, which another stage (``flowlint.schema``) owns.
SCHEMA_STAGE = {c.name for c in CASES if c.stage == "schema"}

#: Expected differences, with the reason (README "Settled by running Meta's validator").
EXPECTED_DIFFERENCES: dict[str, str] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_meta(case: Case) -> None:
    if case.name in SCHEMA_STAGE and importlib.util.find_spec("flowlint.schema") is None:
        pytest.skip("answered by the schema pass (flowlint.schema), not built on this branch")
    if case.name in EXPECTED_DIFFERENCES:
        pytest.xfail(EXPECTED_DIFFERENCES[case.name])
    problems = compare(case)
    assert not problems, "\n".join(problems)


def test_cases_are_present() -> None:
    assert len([c for c in CASES if c.name.startswith("expression-")]) == 33
    assert len([c for c in CASES if c.name.startswith("binding-")]) == 20
