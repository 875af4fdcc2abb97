"""docs/rules.md is generated from the catalog and must not fall behind it."""

from __future__ import annotations

from flowlint.catalog import all_rules
from flowlint.docgen import render_rules_markdown

from .conftest import REPO


def test_docs_rules_md_is_up_to_date() -> None:
    expected = render_rules_markdown(all_rules().values())
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, "docs/rules.md is stale: run `python -m flowlint.docgen`"


def test_every_rule_has_a_section_with_its_documentation() -> None:
    page = render_rules_markdown(all_rules().values())
    for rule in all_rules().values():
        assert f"### {rule.code} {rule.name}" in page
        assert f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) |" in page
