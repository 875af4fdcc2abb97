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
        assert all(p.span is not None for p in mapped.pointers) or diag.rule in ("FR002", "FR003")
    assert [d.rule for d in report.refusals][:2] == ["FR002", "FR003"]


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_any_text_is_judged_without_raising(text):
    report = check_create_request(text)
    # Whatever is not a JSON object is refused; an object is judged field by field (name is required).
    assert report.refusals
    assert isinstance(report.value, dict) or [d.rule for d in report.refusals] == ["FR001"]


def test_a_body_over_10_mb_that_nests_past_the_json_parser_stack_is_refused_not_raised():
    # Bodies over 10 MB once skipped the positioned parser, and json.loads' RecursionError escaped from there.
    deep = b'{"name": "x", "pad": "' + b"x" * 10_500_000 + b'", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    report = check_create_request(deep)
    assert [d.rule for d in report.refusals] == ["FR001"]
    assert "deeper than 512 levels" in report.refusals[0].message


# Issue 24 point 3: request findings are capped by max-problems, as lint's are, and found in linear time.


def test_request_findings_are_capped_like_lint_findings():
    report = check_create_request({"name": "x", "categories": ["OTHER"] * 30_000})
    rules = [d.rule for d in report.request_diagnostics]
    assert rules == ["FR010"] * 1000 + ["FL099"]
    assert "28999 more problems" in report.request_diagnostics[-1].message
    assert report.request_diagnostics[0].path == ("categories", 1)
    assert all(d.span is not None for d in report.request_diagnostics)  # the kept ones are located
    everything = check_create_request({"name": "x", "categories": ["OTHER"] * 3000}, max_problems=0)
    assert len(everything.request_diagnostics) == 2999


def test_capped_request_findings_keep_errors_before_warnings():
    categories = ["OTHER"] * 1500 + ["NOPE"]
    report = check_create_request({"name": "x", "categories": categories}, max_problems=10)
    assert [d.rule for d in report.request_diagnostics] == ["FR010"] * 9 + ["FR009", "FL099"]
    assert report.request_diagnostics[-2].path == ("categories", 1500)
    assert not report.accepted


def test_the_flow_json_findings_are_capped_too():
    flow = '{"version": "7.3", ' + '"x": 1, ' * 30 + '"screens": []}'  # 29 duplicate keys
    report = check_create_request({"name": "x", "categories": ["OTHER"], "flowJson": flow}, max_problems=5)
    assert [d.rule for d in report.flow_diagnostics][-1] == "FL099"
    assert len(report.flow_diagnostics) == 6


def test_duplicate_categories_are_found_without_comparing_every_pair():
    # jsonschema's uniqueItems compares unhashable items pairwise: 3 000 distinct objects took 7 s, these
    # 5 000 about 20 s; hashed, 0.3 s. The bound is wide enough for a slow machine.
    import time

    categories = [{"n": i} for i in range(5000)] + [{"n": 7}]
    started = time.perf_counter()
    report = check_create_request({"name": "x", "categories": categories})
    assert time.perf_counter() - started < 5
    assert [d.rule for d in report.request_diagnostics] == ["FR009"] * 1000 + ["FL099"]


def test_duplicate_categories_are_equal_json_values():
    categories = [{"n": 1}, 1, 1.0, True, {"b": 2, "a": 1}, {"a": 1, "b": 2}, [1], [True], "OTHER", "OTHER", {"n": 1}]
    report = check_create_request({"name": "x", "categories": categories})
    duplicates = [d.path[1] for d in report.request_diagnostics if d.rule == "FR010"]
    assert duplicates == [2, 5, 9, 10]  # 1.0 after 1 (JSON: equal; true is not 1), members in any order
    unknown = [d.path[1] for d in report.request_diagnostics if d.rule == "FR009"]
    assert unknown == [0, 1, 2, 3, 4, 5, 6, 7, 10]


def test_a_body_over_10_mb_is_capped_too_and_its_findings_are_placed_where_they_are():
    import time

    started = time.perf_counter()
    report = check_create_request({"name": "x", "categories": ["NOPE"] * 1_000_000})  # 14 MB once indented
    assert time.perf_counter() - started < 15  # 1 s; indexing the 14 MB text per finding took 220 s
    assert len(report.source) > 10 * 1_048_576
    assert [d.rule for d in report.request_diagnostics] == ["FR009"] * 1000 + ["FL099"]
    # The same parser as any body (positions included): the first finding is the first category's.
    first = report.request_diagnostics[0]
    assert (first.span.line_start, first.span.column_start) == (4, 5)
    assert first.path == ("categories", 0)
