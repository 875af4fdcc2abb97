"""The same document gives the same report in every process, whatever ``PYTHONHASHSEED`` is.

jsonschema walks ``additionalProperties`` as a set of names, whose order changes with the hash seed: the errors
in two cases of a Switch (its ``cases`` are additional properties) came out in either order from one run to the
next. flowlint walks them in document order, as Meta's validator (Ajv) does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CASES = ["gold", "silver", "bronze", "iron", "wood"]
FLOW = {
    "version": "7.3",
    "screens": [
        {
            "id": "FIRST",
            "terminal": True,
            "data": {"tier": {"type": "string", "__example__": "gold"}},
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {
                        "type": "Switch",
                        "value": "${data.tier}",
                        "cases": {
                            name: [{"type": "TextHeading", "text": name}, {"type": f"Bad{name}", "text": name}]
                            for name in CASES
                        },
                    },
                    {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}},
                ],
            },
        }
    ],
}

PROBE = """
import json, sys
import flowlint
report = flowlint.lint(sys.stdin.read())
print(json.dumps([[list(p.path) for p in d.pointers] for d in report.diagnostics]))
"""


def _report(seed: str) -> list[list[list[object]]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], input=json.dumps(FLOW), capture_output=True, text=True, env=env, cwd=REPO,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_switch_case_errors_come_in_document_order_whatever_the_hash_seed() -> None:
    reports = [_report(seed) for seed in ("1", "2", "3", "6")]
    assert all(r == reports[0] for r in reports)
    cases = [path[6] for pointers in reports[0] for path in pointers if len(path) > 6 and path[5] == "cases"]
    assert cases, reports[0]
    assert cases == sorted(cases, key=CASES.index)
