"""What the human-readable formats share: the ``file:line:col: CODE message`` line, colours, the summary."""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.diagnostics import Diagnostic, Pointer
from flowlint.escaping import visible
from flowlint.reporters import FileResult, RenderOptions, count

__all__ = ["headline", "paint", "summary"]

_CODES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "blue": "34", "green": "32", "dim": "2"}


def paint(text: str, *styles: str, color: bool) -> str:
    """Wrap ``text`` in ANSI colour codes when colour is on."""
    if not color or not styles:
        return text
    codes = ";".join(_CODES[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"


def headline(path: str, diagnostic: Diagnostic, *, color: bool, pointer: Pointer | None = None) -> str:
    """``flows/a.json:3:14: FL102 message`` (line and column 0 when the diagnostic has no position), at
    ``pointer`` (one place of a merged error) or at the diagnostic's first place. The file name and the
    message are the flow's words: shown with :func:`~flowlint.escaping.visible`, they cannot start a line."""
    span = pointer.span if pointer is not None else diagnostic.span
    line, column = (span.line_start, span.column_start) if span else (0, 0)
    where = paint(f"{visible(path)}:{line}:{column}:", "bold", color=color)
    code_color = "red" if diagnostic.severity == "error" else "yellow"
    code = paint(diagnostic.rule or diagnostic.error, "bold", code_color, color=color)
    return f"{where} {code} {visible(diagnostic.message)}"


def summary(results: Sequence[FileResult], options: RenderOptions) -> str:
    """One closing line: what was found (errors at several places counted as such), in how many files,
    and how many files could not be read. "All checks passed" only when nothing failed at all."""
    tally = {"error": [0, 0], "warning": [0, 0]}  # severity -> [findings, places]
    for r in results:
        for d in r.diagnostics:
            entry = tally[d.severity]
            entry[0] += 1
            entry[1] += max(1, len(d.pointers))
    unreadable = sum(1 for r in results if r.error is not None)
    checked = len(results) - unreadable
    with_findings = sum(1 for r in results if r.diagnostics)
    files = count(checked, "file")
    unread = f"{count(unreadable, 'file')} could not be read" if unreadable else ""
    (errors, _), (warnings, _) = tally["error"], tally["warning"]
    if errors or warnings:
        found = " and ".join(_n(n, places, word) for word, (n, places) in tally.items() if n)
        line = f"Found {found} in {count(with_findings, 'file')} ({files} checked)."
        if unread:
            line += f" {unread}."
        colour = "red" if errors or unreadable or options.error_on == "warning" else "yellow"
        return paint(line, "bold", colour, color=options.color)
    if unread:
        return paint(f"{unread}; no problems found in the {files} checked.", "bold", "red", color=options.color)
    return paint(f"All checks passed ({files} checked).", "green", color=options.color)


def _n(n: int, places: int, word: str) -> str:
    """``1 error``, or ``1 error at 3 places`` for a merged error."""
    return count(n, word) + (f" at {places} places" if places != n else "")
