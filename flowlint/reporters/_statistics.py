"""``--statistics``: how many problems each rule found, most frequent first (not a format of its own:
a table, or JSON with ``--format json``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from flowlint.catalog import get_rule
from flowlint.reporters import FileResult

__all__ = ["render_statistics"]


def render_statistics(results: Sequence[FileResult], *, as_json: bool = False) -> str:
    # A merged error (one message at several places, as Meta merges them) counts once per place.
    counts: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[d.rule or d.error] += max(1, len(d.pointers))
    severity = {d.rule or d.error: d.severity for r in results for d in r.diagnostics}
    rows = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        info = get_rule(code)
        rows.append({"code": code, "name": info.name if info else "", "severity": severity[code], "count": n})
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(row["count"])) for row in rows)
    code_width = max(len(str(row["code"])) for row in rows)
    return "".join(
        f"{row['count']:>{width}}  {row['code']:<{code_width}}  {row['severity']:<7}  {row['name']}".rstrip() + "\n"
        for row in rows
    )
