"""``--format graph``: the ``validationErrors`` array as the Meta Graph API writes it (``validation_errors``,
snake_case keys). Same shapes as ``api`` for one file and for several."""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.diagnostics import Report
from flowlint.reporters import FileResult, RenderOptions
from flowlint.reporters._api_shape import render_errors

__all__ = ["render"]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return render_errors(results, options, Report.to_graph)
