"""flowlint's schema pass against Meta's own validator: every recorded case whose answer comes from the schema pass.

``../shared/conformance/meta/`` holds flows run through Meta's Flow Builder validator with its exact answer.
For every case with ``pass == "schema"`` flowlint must give the same codes, paths and positions, and the same
messages (at least 95% of the cases, word for word). Cases with ``pass == "none"`` must give no Meta-comparable
error; cases with ``pass == "semantic"`` must give no schema-pass (FL2xx) error, since Meta's schema pass let them
through. The differences that are expected are listed below with the reason (the conformance README names them).
"""

from __future__ import annotations

import pytest

import flowlint
from flowlint.diagnostics import ERROR
from flowlint.catalog import all_rules
from flowlint.diagnostics import api_error, merge_for_api
from tests.conformance import Case, load_cases, normalise_path, skip_module_without

skip_module_without()

CASES = load_cases()
SCHEMA_CASES = [c for c in CASES if c.stage == "schema"]
VALID_CASES = [c for c in CASES if c.stage == "none"]
SEMANTIC_CASES = [c for c in CASES if c.stage == "semantic"]

#: Meta quirks not worth reproducing: flowlint gives the useful answer instead (conformance README).
QUIRKS = {
    "position-crlf": "Meta's scanner does not skip '\\r' and zeroes every pointer; flowlint reports real positions.",
    "position-string-ending-in-backslash": "Meta's scanner loses track after a string ending in an escaped "
    "backslash and zeroes the pointer; flowlint reports the real position.",
    "schema-type-visible-null": "Meta's validator throws (INVALID_FLOW_JSON, all-zero pointer); flowlint gives "
    "the same code and message and points at the null.",
    "schema-type-null-component-type": "Meta's validator throws (INVALID_FLOW_JSON, all-zero pointer); flowlint "
    "gives the same code and message and points at the null.",
}
#: Once called noise (the errors of other branches of Meta's oneOf): they are part of Meta's answer, and the
#: schema pass reproduces them exactly; these cases stay listed because they hold the most branch errors.
BRANCH_ERRORS = (
    "schema-missing-component-type",  # the second error tries the last component schema (Footer)
    "schema-const-component-type-typo",  # the second error is the EmbeddedLink/OptIn action enum
    "schema-min-chars-footer-label",  # the third error is CalendarPicker's range label ('object')
    "schema-type-error-message-object-empty",  # the second error is INVALID_SCHEMA with Meta's all-zero pointer
)


#: The stages this test judges: source (FL0xx), version gate (FL1xx) and the schema pass (FL2xx). The semantic
#: rules are compared with Meta by their own conformance test, so a finding of theirs cannot fail this one.
STAGES = ("FL0", "FL1", "FL2")


def meta_comparable(report: flowlint.Report) -> list[dict]:
    rules = all_rules()
    chosen = [
        d for d in report.diagnostics
        if d.rule.startswith(STAGES) and (d.rule not in rules or rules[d.rule].source == "meta")
    ]
    return [api_error(d) for d in merge_for_api(chosen)]


def compare(case: Case, *, check_messages: bool = True) -> list[str]:
    """Differences between flowlint (source, version and schema stages) and Meta for one case."""
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    theirs = case.expected["errors"]
    problems: list[str] = []
    if len(ours) != len(theirs):
        problems.append(f"count: Meta {[e['code'] for e in theirs]}, flowlint {[e['error'] for e in ours]}")
    for i, (mine, meta) in enumerate(zip(ours, theirs)):
        if mine["error"] != meta["code"]:
            problems.append(f"[{i}] code: Meta {meta['code']}, flowlint {mine['error']}")
        if check_messages and mine["message"] != meta["message"]:
            problems.append(f"[{i}] message: Meta {meta['message']!r}, flowlint {mine['message']!r}")
        if len(mine["pointers"]) != len(meta["pointers"]):
            problems.append(f"[{i}] pointers: Meta {len(meta['pointers'])}, flowlint {len(mine['pointers'])}")
        for j, (a, b) in enumerate(zip(mine["pointers"], meta["pointers"])):
            pos_a = (a["lineStart"], a["columnStart"], a["lineEnd"], a["columnEnd"])
            pos_b = (b["lineStart"], b["columnStart"], b["lineEnd"], b["columnEnd"])
            if pos_a != pos_b:
                problems.append(f"[{i}][{j}] position: Meta {pos_b}, flowlint {pos_a}")
            if normalise_path(a["path"]) != normalise_path(b["path"]):
                problems.append(f"[{i}][{j}] path: Meta {b['path']!r}, flowlint {a['path']!r}")
    return problems


def _ids(cases: list[Case]) -> list[str]:
    return [c.name for c in cases]


def test_the_listed_exceptions_are_real_cases() -> None:
    names = {c.name for c in SCHEMA_CASES}
    assert set(QUIRKS) <= names and set(BRANCH_ERRORS) <= names


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=_ids(SCHEMA_CASES))
def test_schema_case_matches_meta(case: Case) -> None:
    if case.name in QUIRKS:
        pytest.skip("expected difference: see test_quirk_cases_*")
    assert compare(case, check_messages=False) == []


def _messages_agree(case: Case) -> bool:
    """Every error flowlint pairs with one of Meta's (same place in the order) has Meta's message."""
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    return all(mine["message"] == meta["message"] for mine, meta in zip(ours, case.expected["errors"]))


def test_messages_word_for_word_in_at_least_95_percent() -> None:
    agree = [c.name for c in SCHEMA_CASES if _messages_agree(c)]
    assert len(agree) / len(SCHEMA_CASES) >= 0.95
    # Outside the listed quirks every message is Meta's, word for word.
    assert [c.name for c in SCHEMA_CASES if c.name not in QUIRKS and not _messages_agree(c)] == []


@pytest.mark.parametrize("name", BRANCH_ERRORS)
def test_the_errors_of_every_branch_are_metas(name: str) -> None:
    case = next(c for c in SCHEMA_CASES if c.name == name)
    assert len(case.expected["errors"]) >= 2
    assert compare(case) == []


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_quirk_cases_still_report_an_error(name: str) -> None:
    """Where Meta's positions carry no information (its scanner's faults, its throws), flowlint gives Meta's
    codes and messages with real positions."""
    case = next(c for c in SCHEMA_CASES if c.name == name)
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    assert ours, "Meta rejects this flow"
    assert all(p["lineStart"] > 0 for e in ours for p in e["pointers"])
    assert [(e["error"], e["message"]) for e in ours] == [(e["code"], e["message"]) for e in case.expected["errors"]]


@pytest.mark.parametrize("case", VALID_CASES, ids=_ids(VALID_CASES))
def test_valid_case_gives_no_meta_comparable_error(case: Case) -> None:
    assert compare(case) == []


@pytest.mark.parametrize("case", SEMANTIC_CASES, ids=_ids(SEMANTIC_CASES))
def test_semantic_case_passes_the_schema_pass(case: Case) -> None:
    """Meta's schema pass accepted these flows (its answer came from the semantic validators)."""
    report = flowlint.lint(case.flow_bytes)
    assert [d for d in report.diagnostics if d.rule.startswith("FL2") and d.severity == ERROR] == []
