"""Every fixable rule: the fixed text, that only the edited spans changed, that the finding is gone and no new
error appeared, and that a second run has nothing left to fix."""

from __future__ import annotations

import pytest

import flowlint
from flowlint.fixes import FIXABLE, SAFE, UNSAFE, Fix, apply_fixes, fix_text

from .conftest import BASE, LEGACY

#: (id, original flow, mistake -> mistaken text, rule, applicability, expected fixed text (None: the original))
CASES = [
    ("FL204-component-type", BASE, ('"TextHeading"', '"TextHeadng"'), "FL204", SAFE, None),
    ("FL204-layout-type", BASE, ('"SingleColumnLayout"', '"SingleColumnLayot"'), "FL204", SAFE, None),
    ("FL204-legacy-3.0", LEGACY, ('"TextHeading"', '"TextHeadng"'), "FL204", SAFE, None),
    ("FL204-several-close", BASE, ('"TextHeading"', '"Text"'), "FL204", UNSAFE,
     BASE.replace('"TextHeading"', '"TextBody"', 1)),
    ("FL205-enum-value", BASE, ('"password"', '"pasword"'), "FL205", SAFE, None),
    ("FL201-key-rename", BASE, ('"label": "Password"', '"lable": "Password"'), "FL201", SAFE, None),
    ("FL201-key-removed", BASE, ('"input-type": "password"', '"input-type": "password", "colour": 1'), "FL201",
     UNSAFE, None),
    ("FL201-last-member-removed", BASE, ('{"name": "complete", "payload": {}}', '{"name": "complete", "payload": {}, "foo": {"a": [1, 2]}}'),
     "FL201", UNSAFE, None),
    ("FL004-duplicate-key", BASE, ('"title": "First"', '"title": "Old",\n      "title": "First"'), "FL004", SAFE, None),
    ("FL004-duplicate-first-member", BASE, ('{\n      "id": "FIRST"', '{\n      "id": "OLD",\n      "id": "FIRST"'),
     "FL004", SAFE, None),
    ("FL308-route-into-empty-list", BASE, ('{"FIRST": ["LAST"]}', '{"FIRST": []}'), "FL308", UNSAFE, None),
    ("FL308-route-added-for-a-new-source", BASE, ('{"FIRST": ["LAST"]}', '{"LAST": []}'), "FL308", UNSAFE,
     BASE.replace('{"FIRST": ["LAST"]}', '{"LAST": [], "FIRST": ["LAST"]}')),
    ("FL217-too-new-property", BASE.replace('"7.3"', '"6.3"', 1),
     ('"label": "Password"', '"label": "Password", "label-variant": "large"'), "FL217", UNSAFE, None),
]


def _errors(report: flowlint.Report) -> set[tuple[str, str]]:
    return {(d.rule, d.message) for d in report.errors}


@pytest.mark.parametrize(("original", "mistake", "rule", "applicability", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fixable_rule(original: str, mistake: tuple[str, str], rule: str, applicability: str,
                      expected: str | None) -> None:
    expected = original if expected is None else expected
    assert original.count(mistake[0]) >= 1
    broken = original.replace(*mistake, 1)
    before = flowlint.lint(broken)
    found = [d for d in before.diagnostics if d.rule == rule]
    assert found, [(d.rule, d.message) for d in before.diagnostics]
    fix = found[0].autofix
    assert isinstance(fix, Fix) and fix.applicability == applicability

    # Only the edited spans change: every other character is kept.
    once, applied = apply_fixes(broken, [fix])
    assert applied == [fix]
    position, rebuilt = 0, []
    for edit in sorted(fix.edits, key=lambda e: e.start):
        rebuilt.append(broken[position : edit.start] + edit.content)
        position = edit.end
    assert once == "".join(rebuilt) + broken[position:]

    result = fix_text(broken, unsafe=applicability == UNSAFE)
    assert result.text == expected
    after = result.report
    assert not any(d.rule == rule and d.message == found[0].message for d in after.diagnostics)
    assert _errors(after) <= _errors(before)  # no new error
    assert fix_text(result.text, unsafe=True).fixed == 0  # nothing left to fix
    if applicability == UNSAFE:  # the safe run leaves it alone
        assert fix_text(broken).text == broken or rule != found[0].rule


def test_every_fixable_rule_has_a_case() -> None:
    assert {c[3] for c in CASES} == set(FIXABLE)


def test_crlf_line_ends_and_escapes_are_kept() -> None:
    original = BASE.replace('"Hello"', '"H\\u00e9llo \\/ \\n"').replace("\n", "\r\n")
    broken = original.replace('"TextHeading"', '"TextHeadng"')
    assert fix_text(broken).text == original


def test_a_merged_error_is_fixed_at_every_place() -> None:
    broken = BASE.replace('"TextHeading"', '"TextHeadng"').replace(
        '{"type": "Footer", "label": "Done"', '{"type": "TextHeadng", "text": "x"},\n          {"type": "Footer", "label": "Done"')
    report = flowlint.lint(broken)
    fixes = [d.autofix for d in report.diagnostics if d.autofix is not None]
    assert len(fixes) == 1 and len(fixes[0].edits) == 2
    fixed = fix_text(broken)
    assert fixed.text.count('"TextHeading"') == 2 and fixed.report.ok


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    broken = BASE.replace('{\n      "id": "FIRST"', '{\n      "id": "A", "id": "B", "id": "FIRST"')
    report = flowlint.lint(broken)
    fixes = [d.autofix for d in report.diagnostics if d.rule == "FL004"]
    assert len(fixes) == 2
    _, applied = apply_fixes(broken, fixes)
    assert len(applied) == 1  # the two removals share the comma after "A"
    result = fix_text(broken)
    assert result.text == BASE and result.passes == 2 and result.fixed == 2


def test_library_front_door() -> None:
    broken = BASE.replace('"password"', '"pasword"')
    report = flowlint.lint(broken)
    assert flowlint.apply_fixes(broken, [d.autofix for d in report.diagnostics]) == BASE
    result = flowlint.fix_text(broken)
    assert result.text == BASE and result.fixed == 1 and result.report.ok
    assert report.to_dicts()[0]["autofix"]["applicability"] == "safe"


def test_a_request_body_carries_no_fix() -> None:
    import json

    body = json.dumps({"name": "x", "categories": ["OTHER"], "flowJson": BASE.replace('"password"', '"pasword"')})
    report = flowlint.check_create_request(body)
    assert report.diagnostics and all(d.autofix is None for d in report.diagnostics)


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": {"x": 1}}', '{"a": {}}'),
    ('{"a": {\n  "x": [1, {"y": 2}]\n}}', '{"a": {}}'),
    ('{"a": {"x": 1, "y": 2}}', '{"a": {"y": 2}}'),
    ('{"a": {"y": 2,\n  "x": 1\n}}', '{"a": {"y": 2\n}}'),
])
def test_removing_a_member_takes_one_comma_with_it(text: str, expected: str) -> None:
    from flowlint.fixes import _Finder
    from flowlint.source import parse_source

    finder = _Finder(parse_source(text))
    start, end = finder._member_removal(text.index('"x"'))
    assert text[:start] + text[end:] == expected
