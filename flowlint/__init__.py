"""flowlint: find WhatsApp Flow JSON errors before Meta does, in Meta's own validationErrors format.

Library use::

    import flowlint
    report = flowlint.lint(text)          # or flowlint.lint_file("flow.json")
    if not report.ok:
        print(report.to_api())            # the Create Flow response's validationErrors array
    fixed = flowlint.fix_text(text)       # the safe fixes applied (unsafe=True: all); fixed.report lints it
"""

from __future__ import annotations

from typing import Any

from flowlint.diagnostics import Diagnostic, Pointer, Report, format_path, parse_path
from flowlint.engine import Selection, lint, lint_file

__version__ = "0.2.0"

__all__ = [
    "__version__",
    "lint",
    "lint_file",
    "check_create_request",
    "Report",
    "Diagnostic",
    "Pointer",
    "Selection",
    "format_path",
    "parse_path",
    "apply_fixes",
    "fix_text",
]


def check_create_request(
    body: Any, *, account_id: str | None = None, channel_id: str | None = None, max_problems: int | None = 1000
) -> Report:
    """Check a whole Create Flow request body (see :mod:`flowlint.request`). ``max_problems`` caps the request
    findings and the flowJson findings each, as :func:`lint` does (0 or None: no cap)."""
    from flowlint.request import check_create_request as _check

    return _check(body, account_id=account_id, channel_id=channel_id, max_problems=max_problems)


def fix_text(text: str, *, unsafe: bool = False, version: str | None = None) -> Any:
    """``text`` with flowlint's fixes applied, linted again until nothing changes: a
    :class:`flowlint.fixes.FixResult` (``.text``, ``.fixed``, ``.report``). Safe fixes only unless ``unsafe``."""
    from flowlint.fixes import fix_text as _fix

    return _fix(text, unsafe=unsafe, version=version)


def apply_fixes(text: str, fixes: Any) -> str:
    """``text`` with the given fixes (``Diagnostic.autofix`` of a report on that very text) applied; fixes that
    overlap one applied before them are skipped (:func:`flowlint.fixes.apply_fixes`)."""
    from flowlint.fixes import apply_fixes as _apply

    return _apply(text, [f for f in fixes if f is not None])[0]
