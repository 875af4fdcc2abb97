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
from tests.conformance import Case, load_cases, normalise_path, require_shared

CASES = load_cases()
SCHEMA_CASES = [c for c in CASES if c.stage == "schema"]
VALID_CASES = [c for c in CASES if c.stage == "none"]
SEMANTIC_CASES = [c for c in CASES if c.stage == "semantic"]

#: Meta quirks not worth reproducing: flowlint gives the useful answer instead (conformance README).
QUIRKS = {
    "position-crlf": "Meta's scanner does not skip '\\r' and zeroes every pointer; flowlint reports real positions.",
    "position-string-ending-in-backslash": "Meta's scanner loses track after a string ending in an escaped "
    "backslash and zeroes the pointer; flowlint reports the real position.",
    "schema-type-visible-null": "Meta crashes (TypeError caught as INVALID_FLOW_JSON); flowlint reports the "
    "type error on 'visible'.",
    "schema-type-null-component-type": "Meta crashes (TypeError caught as INVALID_FLOW_JSON); flowlint reports "
    "the invalid component type.",
    "schema-type-error-message-object-empty": "Meta's second error (INVALID_SCHEMA) has an all-zero pointer; "
    "flowlint points at the value.",
    "schema-missing-action-name": "Meta takes the open_url branch for an action without a name and reports "
    "'url' missing and 'payload' 'at on-click-action 'then''; flowlint reports the missing name only.",
}
#: Noise from another branch of Meta's oneOf (a second error a linter may leave out): flowlint gives the
#: first error(s) exactly and leaves the noise out.
NOISE = {
    "schema-missing-component-type": "second error tries the last component schema (Footer)",
    "schema-const-component-type-typo": "second error is the EmbeddedLink/OptIn action enum",
    "schema-min-chars-footer-label": "third error is CalendarPicker's range label ('object')",
}


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
    require_shared()
    names = {c.name for c in SCHEMA_CASES}
    assert set(QUIRKS) <= names and set(NOISE) <= names


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=_ids(SCHEMA_CASES))
def test_schema_case_matches_meta(case: Case) -> None:
    require_shared()
    if case.name in QUIRKS or case.name in NOISE:
        pytest.skip("expected difference: see test_noise_cases_* / test_quirk_cases_*")
    assert compare(case, check_messages=False) == []


def _messages_agree(case: Case) -> bool:
    """Every error flowlint pairs with one of Meta's (same place in the order) has Meta's message."""
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    return all(mine["message"] == meta["message"] for mine, meta in zip(ours, case.expected["errors"]))


def test_messages_word_for_word_in_at_least_95_percent() -> None:
    require_shared()
    agree = [c.name for c in SCHEMA_CASES if _messages_agree(c)]
    assert len(agree) / len(SCHEMA_CASES) >= 0.95
    # Outside the listed quirks every message is Meta's, word for word.
    assert [c.name for c in SCHEMA_CASES if c.name not in QUIRKS and not _messages_agree(c)] == []


@pytest.mark.parametrize("name", sorted(NOISE))
def test_noise_cases_give_metas_first_errors_exactly(name: str) -> None:
    require_shared()
    case = next(c for c in SCHEMA_CASES if c.name == name)
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    theirs = case.expected["errors"]
    assert 0 < len(ours) < len(theirs)
    for mine, meta in zip(ours, theirs):
        assert (mine["error"], mine["message"]) == (meta["code"], meta["message"])
        assert [normalise_path(p["path"]) for p in mine["pointers"]] == [
            normalise_path(p["path"]) for p in meta["pointers"]
        ]
        assert [(p["lineStart"], p["columnStart"], p["lineEnd"], p["columnEnd"]) for p in mine["pointers"]] == [
            (p["lineStart"], p["columnStart"], p["lineEnd"], p["columnEnd"]) for p in meta["pointers"]
        ]


@pytest.mark.parametrize("name", sorted(QUIRKS))
def test_quirk_cases_still_report_an_error(name: str) -> None:
    """Where Meta's answer carries no information, flowlint still rejects the flow, with a real position."""
    require_shared()
    case = next(c for c in SCHEMA_CASES if c.name == name)
    ours = meta_comparable(flowlint.lint(case.flow_bytes))
    assert ours, "Meta rejects this flow"
    assert all(p["lineStart"] > 0 for e in ours for p in e["pointers"])
    first = case.expected["errors"][0]
    if first["code"] != "INVALID_FLOW_JSON":  # not one of Meta's crashes: same first code and path
        assert ours[0]["error"] == first["code"]
        assert normalise_path(ours[0]["pointers"][0]["path"]) == normalise_path(first["pointers"][0]["path"])


@pytest.mark.parametrize("case", VALID_CASES, ids=_ids(VALID_CASES))
def test_valid_case_gives_no_meta_comparable_error(case: Case) -> None:
    require_shared()
    assert compare(case) == []


@pytest.mark.parametrize("case", SEMANTIC_CASES, ids=_ids(SEMANTIC_CASES))
def test_semantic_case_passes_the_schema_pass(case: Case) -> None:
    """Meta's schema pass accepted these flows (its answer came from the semantic validators)."""
    require_shared()
    report = flowlint.lint(case.flow_bytes)
    assert [d for d in report.diagnostics if d.rule.startswith("FL2") and d.severity == ERROR] == []
