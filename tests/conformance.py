"""Shared helpers for the tests that compare flowlint with Meta's recorded answers.

``../shared/conformance/meta/`` (next to the repository checkout) holds flows run through Meta's own
validator with its exact answer. These helpers load a case, lint it, and compare the Meta-comparable part
of flowlint's answer (diagnostics of rules whose ``source`` is ``"meta"``) with Meta's.

``../shared/`` is the developers' material: a user's checkout does not have it. A module whose tests are all
about it calls :func:`skip_module_without` before anything is collected, so it is skipped once, with the
reason, instead of once per test (or pytest's "got empty parameter set" for each parametrised test); a test
in a module that also has other tests calls :func:`require_shared` (from one helper per module when several
tests need it, so that pytest folds their skips into one line).
``tests/test_shared_skips.py`` holds the suite to that.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import flowlint
from flowlint.catalog import all_rules
from flowlint.diagnostics import merge_for_api, api_error, parse_path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
META = SHARED / "conformance" / "meta"
CORPUS = SHARED / "corpus" / "real"
JSONTESTSUITE = SHARED / "conformance" / "jsontestsuite" / "test_parsing"


def absent_reason(path: Path) -> str:
    """Why the tests over ``path`` do not run: the path as it sits beside the checkout, and what it is."""
    shown = os.path.relpath(path, REPO)
    return f"{shown} is absent (developers' material kept beside the repository checkout, not shipped with it)"


def skip_module_without(path: Path = META) -> None:
    """Skip the calling test module, once and at collection, when the shared material it is about is absent."""
    __tracebackhide__ = True  # the skip is reported at the caller's line, so one line per module
    if not path.exists():
        pytest.skip(absent_reason(path), allow_module_level=True)


def require_shared(path: Path = META) -> Path:
    """Skip the calling test when the shared material it needs is absent (the module's other tests run)."""
    __tracebackhide__ = True  # reported at the caller's line
    if not path.exists():
        pytest.skip(absent_reason(path))
    return path


@dataclass(frozen=True)
class Case:
    name: str
    version: str | None
    checks: str
    stage: str  # syntax | schema | semantic | none
    note: str

    @property
    def flow_bytes(self) -> bytes:
        return (META / "cases" / f"{self.name}.json").read_bytes()

    @property
    def expected(self) -> dict[str, Any]:
        return json.loads((META / "expected" / f"{self.name}.json").read_text(encoding="utf-8"))


def load_cases() -> list[Case]:
    index = META / "index.json"
    if not index.exists():
        return []
    return [
        Case(e["name"], e.get("version"), e.get("checks", ""), e["pass"], e.get("note", ""))
        for e in json.loads(index.read_text(encoding="utf-8"))
    ]


def meta_comparable(report: flowlint.Report) -> list[dict[str, Any]]:
    """flowlint's answer restricted to Meta's own checks, in the API shape, merged as Meta merges."""
    rules = all_rules()
    chosen = [d for d in report.diagnostics if (rules.get(d.rule) is None or rules[d.rule].source == "meta")]
    return [api_error(d) for d in merge_for_api(chosen)]


def normalise_path(path: str) -> tuple[Any, ...]:
    return parse_path(path)


def compare(case: Case, *, check_messages: bool = True) -> list[str]:
    """Differences between flowlint and Meta for one case (empty list: identical)."""
    report = flowlint.lint(case.flow_bytes)
    ours = meta_comparable(report)
    theirs = case.expected["errors"]
    problems: list[str] = []
    if (not ours) != case.expected["isValid"]:
        problems.append(f"isValid: Meta {case.expected['isValid']}, flowlint errors {len(ours)}")
    if len(ours) != len(theirs):
        problems.append(
            f"count: Meta {len(theirs)} {[e['code'] for e in theirs]}, flowlint {len(ours)} {[e['error'] for e in ours]}"
        )
    for i, (mine, meta) in enumerate(zip(ours, theirs)):
        if mine["error"] != meta["code"]:
            problems.append(f"[{i}] code: Meta {meta['code']}, flowlint {mine['error']}")
        if check_messages and mine["message"] != meta["message"]:
            problems.append(f"[{i}] message:\n  Meta     {meta['message']!r}\n  flowlint {mine['message']!r}")
        mp, tp = mine["pointers"], meta["pointers"]
        if len(mp) != len(tp):
            problems.append(f"[{i}] pointers: Meta {len(tp)}, flowlint {len(mp)}")
        for j, (a, b) in enumerate(zip(mp, tp)):
            pos_a = (a["lineStart"], a["columnStart"], a["lineEnd"], a["columnEnd"])
            pos_b = (b["lineStart"], b["columnStart"], b["lineEnd"], b["columnEnd"])
            if pos_a != pos_b:
                problems.append(f"[{i}][{j}] position: Meta {pos_b}, flowlint {pos_a}")
            if normalise_path(a["path"]) != normalise_path(b["path"]):
                problems.append(f"[{i}][{j}] path: Meta {b['path']!r}, flowlint {a['path']!r}")
    return problems
