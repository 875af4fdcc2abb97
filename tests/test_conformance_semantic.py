"""Meta's recorded answers for the semantic pass (``../shared/conformance/meta/``, pass "semantic"), and the
valid flows (pass "none"), reproduced by flowlint: codes, messages word for word, pointers (paths and
positions) in Meta's order.

Expected differences are listed below with the reason; each is still compared, on what flowlint can
reproduce, so the test fails if flowlint's answer changes. Meta's repeats are reproduced: 7.3 runs the on-click
payload validator twice (V600 and V500) and answers each of its errors twice, as flowlint's API output does.
"""

from __future__ import annotations

import pytest

from tests.conformance import Case, compare, load_cases, skip_module_without

skip_module_without()

#: Meta's scanner zeroes every pointer of a CRLF file (and drops the path): flowlint gives real positions,
#: so only codes and messages are compared.
CRLF = {"position-crlf-semantic"}


CASES = [c for c in load_cases() if c.stage in ("semantic", "none")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_semantic_case(case: Case) -> None:
    if case.name in CRLF:
        problems = [p for p in compare(case) if "position" not in p and "path" not in p]
    else:
        problems = compare(case)
    assert not problems, "\n".join(problems)


def test_semantic_messages_at_least_95_percent_exact() -> None:
    mine = [c for c in CASES if c.stage == "semantic"]
    assert len(mine) > 100
    exact = sum(1 for c in mine if not compare(c))
    known = len(CRLF)
    assert exact + known == len(mine)
    assert exact / len(mine) >= 0.95
