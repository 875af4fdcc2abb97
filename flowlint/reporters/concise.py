"""``--format concise``: one ``file:line:col: CODE message`` line per place of each problem (a merged error,
one message at several places, gives a line for each), then the summary."""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.reporters import FileResult, RenderOptions
from flowlint.reporters._lines import headline, summary

__all__ = ["render"]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    lines = [
        headline(r.path, d, color=options.color, pointer=p) for r in results for d in r.diagnostics
        for p in (d.pointers or (None,))
    ]
    if not options.quiet:
        lines.append(summary(results, options))
    return "".join(line + "\n" for line in lines)
