"""What ``api`` and ``graph`` share: the bare array for one file, an object keyed by file otherwise."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from flowlint.diagnostics import Report
from flowlint.reporters import FileResult, RenderOptions

__all__ = ["render_errors"]


def render_errors(
    results: Sequence[FileResult], options: RenderOptions, errors: Callable[[Report], list[dict[str, Any]]]
) -> str:
    """Files that could not be read are left out: their error is on stderr and the exit status is 2."""
    readable = [r for r in results if r.report is not None]
    if options.single:
        if not readable:
            return ""
        document: Any = errors(readable[0].report)  # type: ignore[arg-type]
    else:
        document = {r.path: errors(r.report) for r in readable}  # type: ignore[arg-type]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
