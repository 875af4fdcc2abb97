"""flowlint: find WhatsApp Flow JSON errors before Meta does, in Meta's own validationErrors format.

Library use::

    import flowlint
    report = flowlint.lint(text)          # or flowlint.lint_file("flow.json")
    if not report.ok:
        print(report.to_api())            # the Create Flow response's validationErrors array
"""

from __future__ import annotations

from typing import Any

from flowlint.diagnostics import Diagnostic, Pointer, Report, format_path, parse_path
from flowlint.engine import Selection, lint, lint_file

__version__ = "0.1.0"

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
]


def check_create_request(
    body: Any, *, account_id: str | None = None, channel_id: str | None = None, max_problems: int | None = 1000
) -> Report:
    """Check a whole Create Flow request body (see :mod:`flowlint.request`). ``max_problems`` caps the request
    findings and the flowJson findings each, as :func:`lint` does (0 or None: no cap)."""
    from flowlint.request import check_create_request as _check

    return _check(body, account_id=account_id, channel_id=channel_id, max_problems=max_problems)
