"""No body makes check_create_request raise, and every finding it reports is declared and positioned."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.catalog import all_rules
from flowlint.request import FIELDS, check_create_request

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
field_values = json_values | st.sampled_from(
    ['{"version": "7.3", "screens": []}', "{", '{"version": 7.3}', "https://example.com", "123", "OTHER"]
)
bodies = st.dictionaries(st.sampled_from(FIELDS + ("flow_json", "extra")), field_values, max_size=7)


@settings(max_examples=200, deadline=None)
@given(value=bodies, as_text=st.booleans(), publish=st.booleans())
def test_any_body_is_judged_without_raising(value, as_text, publish):
    if publish:
        value = {**value, "publish": True}
    report = check_create_request(json.dumps(value) if as_text else value, account_id="x", channel_id="")
    table = all_rules()
    for diag in report.diagnostics:
        assert diag.rule in table
        mapped = report.in_file(diag)
        assert all(p.span is not None for p in mapped.pointers) or diag.rule in ("FL1002", "FL1003")
    assert [d.rule for d in report.refusals][:2] == ["FL1002", "FL1003"]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_is_judged_without_raising(text):
    report = check_create_request(text)
    # Whatever is not a JSON object is refused; an object is judged field by field (name is required).
    assert report.refusals
    assert isinstance(report.value, dict) or [d.rule for d in report.refusals] == ["FL1001"]


def test_a_body_over_10_mb_that_nests_past_the_json_parser_stack_is_refused_not_raised():
    # Bodies over 10 MB skip the positioned parser; json.loads' RecursionError escaped from there.
    deep = b'{"name": "x", "pad": "' + b"x" * 10_500_000 + b'", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    report = check_create_request(deep)
    assert [d.rule for d in report.refusals] == ["FL1001"]
    assert "nests deeper than" in report.refusals[0].message
