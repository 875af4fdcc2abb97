"""``flowlint.testing`` is usable by others: its flows are clean under flowlint, in every version drawn."""

from __future__ import annotations

import json

from hypothesis import given, settings

import flowlint
from flowlint.testing import VERSIONS, valid_flows


@settings(max_examples=60, deadline=None)
@given(valid_flows())
def test_generated_flows_get_no_diagnostic_at_all(flow: dict) -> None:
    assert flow["version"] in VERSIONS
    report = flowlint.lint(json.dumps(flow))
    assert report.diagnostics == [], [(d.rule, d.message) for d in report.diagnostics]
