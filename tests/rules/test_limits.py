"""Limit rules FL801-FL804 and the docs-only warnings FL950-FL951 (spec/meta-validator.md §2.3, §4)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.rules.limits import TYPE_MAXIMA, _count, _counts
from tests.rules.helpers import assert_clean, assert_reports, complete, flow, heading, lint, of_rule, screen


def one(*children: dict, version: str = "7.3", **extra: object) -> dict:
    return flow(screen("BOOKING", *children, terminal=True, **extra), version=version)


# FL801 too-many-screens -------------------------------------------------------------------------------------
def _screens(n: int) -> dict:
    ids = ["S" + "".join(chr(65 + (i // 26 ** k) % 26) for k in range(2)) for i in range(n)]
    screens = []
    for i, sid in enumerate(ids):
        if i + 1 < n:
            nxt = {"type": "Footer", "label": "Next", "on-click-action": {
                "name": "navigate", "next": {"type": "screen", "name": ids[i + 1]}, "payload": {}}}
            screens.append(screen(sid, heading(), nxt))
        else:
            screens.append(screen(sid, heading(), complete(), terminal=True))
    return flow(*screens)


def test_fl801_more_than_100_screens() -> None:
    text, report = lint(_screens(101))
    found = of_rule(report, "FL801")
    assert [(d.error, d.message, d.path) for d in found] == [
        ("MAX_SCREENS_NUMBER", "Maximum number of screens allowed per Flow is 100 but found 101.", ("screens", 100))
    ]
    assert_clean(_screens(100), "FL801")


# FL802 too-many-components, FL950 the docs' 50 ----------------------------------------------------------------
def test_fl802_more_than_100_components_if_counted() -> None:
    branch = {"type": "If", "condition": "${data.vip}", "then": [{"type": "TextBody", "text": "x"}] * 99}
    doc = one(branch, complete(), data={"vip": {"type": "boolean", "__example__": True}})
    assert_reports(doc, "FL802", "MAX_ALLOWED_COMPONENTS_PER_SCREEN", "screens[0].layout.children[1].type",
                   '"type": "Footer"', '"Footer"',
                   message="Maximum number of components allowed per screen is 100 but found 101.")
    assert not of_rule(lint(doc)[1], "FL950")  # over 100: the error says it, no extra warning


def test_fl802_form_is_not_counted_and_fl901_warns_over_50() -> None:
    form = {"type": "Form", "name": "f", "children": [{"type": "TextBody", "text": "x"}] * 99 + [complete()]}
    doc = one(form)
    assert_clean(doc)  # Meta accepts 100 components (case limit-components-form-not-counted)
    assert_reports(doc, "FL950", "MAX_ALLOWED_COMPONENTS_PER_SCREEN", "screens[0].layout.children",
                   '"layout"', '"children": ', "[", severity="warning")
    assert_clean(one(heading(), complete()), "FL950")


# FL803 component-type-limit ---------------------------------------------------------------------------------
def test_fl803_two_footers() -> None:
    assert_reports(one(heading(), complete(), complete()), "FL803", "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN",
                   "screens[0].layout.children[2].type", '"Footer"', '"Footer"',
                   message="Maximum number of Footer allowed per screen is 1 but found 2.")


def test_fl803_if_branches_count_once() -> None:
    branch = {"type": "If", "condition": "${data.vip}", "then": [complete()], "else": [complete()]}
    data = {"vip": {"type": "boolean", "__example__": True}}
    assert_clean(one(heading(), branch, data=data), "FL803")
    doc = one(branch, complete(), data=data)
    text, report = lint(doc)
    found = of_rule(report, "FL803")
    assert [d.message for d in found] == ["Maximum number of Footer allowed per screen is 1 but found 3."]
    base = ("screens", 0, "layout", "children")
    assert [p.path for p in found[0].pointers] == [
        base + (0, "then", 0, "type"),
        base + (0, "else", 0, "type"),
        base + (1, "type"),
    ]


@pytest.mark.parametrize(("version", "expected"), [("6.3", []), ("7.0", ["Maximum number of Form allowed per screen is 1 but found 2."])])
def test_fl803_form_limit_from_7_0(version: str, expected: list) -> None:
    forms = [{"type": "Form", "name": f"f{i}", "children": [heading()]} for i in range(2)]
    assert [d.message for d in of_rule(lint(one(*forms, complete(), version=version))[1], "FL803")] == expected


# FL804 media-picker-limit ------------------------------------------------------------------------------------
def test_fl804_photo_and_document_picker() -> None:
    photo = {"type": "PhotoPicker", "name": "p", "label": "P"}
    doc_picker = {"type": "DocumentPicker", "name": "d", "label": "D"}
    diag = assert_reports(one(heading(), photo, doc_picker, complete()), "FL804", "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN",
                          "screens[0].layout.children[1].type", '"PhotoPicker"',
                          message="You can only have a maximum of 1 component of type PhotoPicker or DocumentPicker per screen.")
    assert len(diag.pointers) == 2
    switch = {"type": "Switch", "value": "${data.k}", "cases": {"a": [photo], "b": [doc_picker]}}
    assert_clean(one(heading(), switch, complete(), data={"k": {"type": "string", "__example__": "a"}}), "FL804")


def test_fl804_runs_before_the_7_0_type_maxima() -> None:
    photo = {"type": "PhotoPicker", "name": "p", "label": "P"}
    _, report = lint(one(heading(), photo, {**photo, "name": "q"}, complete()))
    assert [d.rule for d in report.diagnostics if d.rule in ("FL803", "FL804")] == ["FL804", "FL803"]
    _, report = lint(one(heading(), photo, {**photo, "name": "q"}, complete(), version="6.3"))
    assert [d.rule for d in report.diagnostics if d.rule in ("FL803", "FL804")] == ["FL803", "FL804"]


def test_fl803_fl804_duplicate_screen_id_read_from_the_last_screen() -> None:
    # Meta's component maps are keyed by screen id: for a duplicated id, both screens are counted in their own
    # layout but their components read from the last one (case p1-2003523 of meta-fuzz).
    photo = {"type": "PhotoPicker", "name": "p", "label": "P"}
    doc_picker = {"type": "DocumentPicker", "name": "d", "label": "D"}
    data = {"k": {"type": "string", "__example__": "a"}}
    first = screen("BOOKING", {"type": "Switch", "value": "${data.k}", "cases": {"a": [photo, {**photo, "name": "q"}],
                   "b": [doc_picker]}}, complete(), terminal=True, data=data)
    last = screen("BOOKING", {"type": "Switch", "value": "${data.k}", "cases": {"a": [photo], "b": [doc_picker]}},
                  complete(), terminal=True, data=data)
    _, report = lint(flow(first, last))
    found = [(d.rule, d.message, [p.path[:2] for p in d.pointers]) for d in report.diagnostics
             if d.rule in ("FL803", "FL804")]
    assert found == [
        ("FL804", "You can only have a maximum of 1 component of type PhotoPicker or DocumentPicker per screen.",
         [("screens", 1), ("screens", 1)]),
        ("FL803", "Maximum number of PhotoPicker allowed per screen is 1 but found 1.", [("screens", 1)]),
    ]


# _counts: every type counted in one walk, as separate _count walks would ----------------------------------
_KINDS = ["Footer", "Image", "EmbeddedLink", "TextBody", "Form", "If", "Switch", "PhotoPicker"]


def _tree(depth: int = 3) -> "st.SearchStrategy[list[Any]]":
    leaf = st.builds(lambda k: {"type": k}, st.sampled_from(_KINDS))
    odd = st.sampled_from([None, 3, "x", {"type": 5}, {"type": ["If"]}, {}])
    if depth == 0:
        return st.lists(st.one_of(leaf, odd), max_size=4)
    inner = _tree(depth - 1)
    container = st.one_of(
        st.builds(lambda c: {"type": "Form", "children": c}, inner),
        st.builds(lambda t, e: {"type": "If", "then": t, "else": e}, inner, st.one_of(inner, st.just(None))),
        st.builds(lambda cs: {"type": "Switch", "cases": cs}, st.dictionaries(st.sampled_from("abc"), inner, max_size=3)),
    )
    return st.lists(st.one_of(leaf, odd, container), max_size=5)


@settings(max_examples=300, deadline=None)
@given(_tree())
def test_counts_in_one_walk_equal_separate_counts(nodes: list[Any]) -> None:
    together = _counts(nodes, {kind: kind for kind in TYPE_MAXIMA})
    for kind in TYPE_MAXIMA:
        assert together.get(kind, 0) == _count(nodes, frozenset({kind})), kind


def test_a_count_of_several_types_takes_the_larger_branch_of_their_sum() -> None:
    # One picker in each branch: one at a time on screen (Meta's NativeComponentCount), not two.
    branches = [{"type": "If", "then": [{"type": "PhotoPicker"}], "else": [{"type": "DocumentPicker"}]}]
    assert _count(branches, frozenset({"PhotoPicker", "DocumentPicker"})) == 1
    assert _count(branches + [{"type": "PhotoPicker"}], frozenset({"PhotoPicker", "DocumentPicker"})) == 2
