"""The ``expression-*`` and ``binding-*`` conformance cases, end to end through ``flowlint.lint``.

Each case is a flow run through Meta's own validator (``../shared/conformance/meta``); flowlint must give the
same errors: codes, messages word for word, paths and positions, in Meta's order (``tests/conformance.py``).
"""

from __future__ import annotations

import pytest

from tests.conformance import Case, compare, load_cases, skip_module_without

skip_module_without()

CASES = [c for c in load_cases() if c.name.startswith(("expression-", "binding-"))]

#: Expected differences, with the reason (README "Settled by running Meta's validator").
EXPECTED_DIFFERENCES: dict[str, str] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_matches_meta(case: Case) -> None:
    if case.name in EXPECTED_DIFFERENCES:
        pytest.xfail(EXPECTED_DIFFERENCES[case.name])
    problems = compare(case)
    assert not problems, "\n".join(problems)


def test_cases_are_present() -> None:
    assert len([c for c in CASES if c.name.startswith("expression-")]) == 33
    assert len([c for c in CASES if c.name.startswith("binding-")]) == 20
