"""What the human-readable formats share: the ``file:line:col: CODE message`` line, colours, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.diagnostics import Diagnostic
from flowlint.reporters import FileResult, RenderOptions, count

__all__ = ["headline", "paint", "summary"]

_CODES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "green": "32", "dim": "2"}


def paint(text: str, *styles: str, color: bool) -> str:
    """Wrap ``text`` in ANSI colour codes when colour is on."""
    if not color or not styles:
        return text
    codes = ";".join(_CODES[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def headline(path: str, diagnostic: Diagnostic, *, color: bool) -> str:
    """``flows/a.json:3:14: FL102 message`` (line and column 0 when the diagnostic has no position)."""
    span = diagnostic.span
    line, column = (span.line_start, span.column_start) if span else (0, 0)
    where = paint(f"{path}:{line}:{column}:", "bold", color=color)
    code_color = "red" if diagnostic.severity == "error" else "yellow"
    code = paint(diagnostic.rule or diagnostic.error, "bold", code_color, color=color)
    return f"{where} {code} {diagnostic.message}"


def summary(results: Sequence[FileResult], options: RenderOptions) -> str:
    """One closing line: what was found, in how many files."""
    errors = sum(1 for r in results for d in r.diagnostics if d.severity == "error")
    warnings = sum(1 for r in results for d in r.diagnostics if d.severity == "warning")
    unreadable = sum(1 for r in results if r.error is not None)
    checked = len(results) - unreadable
    with_findings = sum(1 for r in results if r.diagnostics)
    files = count(checked, "file")
    if errors or warnings:
        found = " and ".join(part for part in (_n(errors, "error"), _n(warnings, "warning")) if part)
        line = f"Found {found} in {count(with_findings, 'file')} ({files} checked)."
        colour = "red" if errors or options.error_on == "warning" else "yellow"
        line = paint(line, "bold", colour, color=options.color)
    else:
        line = paint(f"All checks passed ({files} checked).", "green", color=options.color)
    if unreadable:
        line += f" {count(unreadable, 'file')} could not be read."
    return line


def _n(n: int, word: str) -> str:
    return count(n, word) if n else ""
