"""``--format json``: everything, for tools. Always a list with one object per file, in input order:
``{"file", "version", "ok", "error", "diagnostics": [...]}`` where each diagnostic carries its rule, severity,
Meta's error, message, hint, path, position and every pointer. ``error`` says why a file could not be read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from flowlint.reporters import FileResult, RenderOptions, fails

__all__ = ["render"]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    files: list[dict[str, Any]] = []
    for result in results:
        report = result.report
        files.append(
            {
                "file": result.path,
                "version": report.version if report else None,
                "ok": report is not None and not any(fails(d, options.error_on) for d in report.diagnostics),
                "error": result.error,
                "diagnostics": report.to_dicts() if report else [],
            }
        )
    return json.dumps(files, indent=2, ensure_ascii=False) + "\n"
