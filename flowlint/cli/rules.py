"""``flowlint rules`` (the table of every rule) and ``flowlint explain CODE`` (one rule's documentation)."""

from __future__ import annotations

import json
import sys

import click

from flowlint.catalog import RuleInfo, all_rules

__all__ = ["explain_command", "explain_text", "rules_command", "rules_table"]

COLUMNS = ("code", "name", "Meta code", "severity", "versions", "summary")


def rules_table(rules: list[RuleInfo]) -> str:
    """A plain-text table, columns sized to their content."""
    rows = [(r.code, r.name, r.meta_error, r.severity, r.versions, r.summary) for r in rules]
    header = tuple(c.upper() for c in COLUMNS)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(COLUMNS) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"


def explain_text(rule: RuleInfo) -> str:
    source = {
        "meta": "Meta's validator rejects this",
        "docs": "stated only in Meta's public docs",
        "flowlint": "flowlint's own advice",
    }.get(rule.source, rule.source)
    head = [
        f"{rule.code} {rule.name}",
        "",
        rule.summary,
        "",
        f"Meta error: {rule.meta_error}",
        f"Severity:   {rule.severity}",
        f"Versions:   {rule.versions}",
        f"Source:     {source}",
    ]
    doc = rule.doc.strip()
    return "\n".join(head) + ("\n\n" + doc if doc else "") + "\n"


@click.command("rules", short_help="List every rule.")
@click.argument("prefix", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(prefix: str | None, output_format: str) -> None:
    """List every rule flowlint checks (only those starting with PREFIX, e.g. FL1, if given)."""
    from flowlint.cli import emit, fail

    rules = [r for r in all_rules().values() if prefix is None or r.code.startswith(prefix.upper())]
    if not rules:
        fail(f"no rule code starts with {prefix!r} (codes are FL0-FL9... and FR0..., e.g. `flowlint rules FL2`)")
        sys.exit(2)
    if output_format == "json":
        emit(json.dumps([_as_dict(r) for r in rules], indent=2, ensure_ascii=False) + "\n")
    else:
        emit(rules_table(rules))


@click.command("explain", short_help="Explain one rule.")
@click.argument("code")
def explain_command(code: str) -> None:
    """Print the documentation of rule CODE (a code such as FL102, or a name such as duplicate-key)."""
    from flowlint.cli import emit, fail
    from flowlint.rule_codes import SelectorError, lookup_rule, note_redirect

    try:
        rule, note = lookup_rule(code)
    except SelectorError as exc:
        fail(str(exc))
        sys.exit(2)
    note_redirect(note)
    emit(explain_text(rule))


def _as_dict(rule: RuleInfo) -> dict[str, str]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "meta_error": rule.meta_error,
        "severity": rule.severity,
        "versions": rule.versions,
        "source": rule.source,
        "doc": rule.doc,
    }
