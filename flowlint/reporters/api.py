"""``--format api``: exactly the Create Flow response's ``validationErrors`` array (camelCase).

Errors only (what Meta would answer), merged as Meta merges them. With several files, an object keyed
by file path (see :mod:`flowlint.reporters`).
"""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.diagnostics import Report
from flowlint.reporters import FileResult, RenderOptions
from flowlint.reporters._api_shape import render_errors

__all__ = ["render"]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return render_errors(results, options, Report.to_api)
