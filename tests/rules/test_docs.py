"""Docs-only warnings FL950-FL952: what Meta's docs state and its validator lets through (never errors)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import assert_clean, assert_reports, complete, flow, heading, lint, navigate, of_rule, screen


@pytest.mark.parametrize("version", ["5.1", "6.3", "7.2"])
def test_fl903_terminal_screen_without_footer_before_7_3(version: str) -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")), screen("CONFIRM", heading(), terminal=True),
               version=version)
    assert_clean(doc)  # Meta accepts it before 7.3
    assert_reports(doc, "FL952", "MISSING_FOOTER_ON_TERMINAL_SCREEN", "screens[1]", '"screens": [', "},\n    {", "{",
                   severity="warning",
                   message="Meta's docs require a Footer on terminal screen 'CONFIRM' (enforced from Flow JSON 7.3).")


def test_fl903_terminal_footer_navigates_before_7_3() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")),
               screen("CONFIRM", heading(), navigate("DETAILS"), terminal=True), version="7.2")
    diag = assert_reports(doc, "FL952", "INVALID_PROPERTY_VALUE", "screens[1].layout.children[1].on-click-action.name",
                          '"id": "CONFIRM"', '"navigate"', severity="warning")
    assert diag.fix == 'use "name": "complete"'


def test_fl903_gives_way_to_the_7_3_errors() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")), screen("CONFIRM", heading(), terminal=True))
    _, report = lint(doc)
    assert not of_rule(report, "FL952") and of_rule(report, "FL412")


def test_fl903_completing_footer() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")), screen("CONFIRM", heading(), complete(), terminal=True),
               version="6.0")
    assert_clean(doc, "FL952")


def test_docs_warnings_are_not_meta_comparable() -> None:
    from flowlint.rules import RULES

    docs = [r for r in RULES if r.code.startswith("FL9")]
    assert {r.code for r in docs} == {"FL950", "FL951", "FL952"}
    assert all(r.source == "docs" and r.severity == "warning" and "https://developers.facebook.com" in r.doc for r in docs)
