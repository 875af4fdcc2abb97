"""Meta's whole answer on 5 000 randomly broken flows (``../shared/conformance/meta-fuzz/p1.jsonl.gz``).

Each flow was run through Meta's own validator and stored with its answer. flowlint must give, on every one,
Meta's verdict (an error exactly when Meta rejects), and, on every flow not listed in :data:`KNOWN`, Meta's
exact answer: the same errors with the same codes, messages and pointers (positions and paths), compared as a
multiset and then in Meta's order, as the fuzz set's README says. Where Meta's validator throws (its answer is
one ``INVALID_FLOW_JSON`` with a line-0 pointer), code and message are compared: flowlint points at the real
value.
"""

from __future__ import annotations

import collections
import gzip
import json
from typing import Any

import pytest

import flowlint

from .conformance import SHARED, meta_comparable, normalise_path, skip_module_without

P1 = SHARED / "conformance" / "meta-fuzz" / "p1.jsonl.gz"
skip_module_without(P1)

#: Flows whose answer differs from Meta's, each with the reason. (At most 150: 3% of the set.)
KNOWN: dict[str, str] = {}


def _cases() -> list[dict[str, Any]]:
    with gzip.open(P1, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _key(error: dict[str, Any]) -> tuple[Any, ...]:
    pointers = tuple(
        (p["lineStart"], p["columnStart"], p["lineEnd"], p["columnEnd"], normalise_path(p["path"]))
        for p in error["pointers"]
    )
    return (error.get("code") or error.get("error"), error["message"], pointers)


def _throw_key(error: dict[str, Any]) -> tuple[str, str]:
    return (error.get("code") or error.get("error"), error["message"])


@pytest.fixture(scope="module")
def answers() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    return [(case, meta_comparable(flowlint.lint(case["text"].encode("utf-8")))) for case in _cases()]


def _compare(case: dict[str, Any], ours: list[dict[str, Any]]) -> tuple[bool, bool]:
    """(same multiset, same order)."""
    theirs = case["expected"]["errors"]
    throws = any(e["code"] == "INVALID_FLOW_JSON" for e in theirs)
    key = _throw_key if throws else _key
    mine, meta = [key(e) for e in ours], [key(e) for e in theirs]
    return collections.Counter(mine) == collections.Counter(meta), mine == meta


def test_every_verdict_is_metas(answers: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> None:
    wrong = [
        f"{case['id']} ({case['mutation']}): Meta {'accepts' if case['expected']['isValid'] else 'rejects'}, "
        f"flowlint {len(ours)} errors"
        for case, ours in answers
        if (not ours) != case["expected"]["isValid"]
    ]
    assert not wrong, "\n".join(wrong[:20])


def test_every_answer_is_metas_but_the_known_differences(
    answers: list[tuple[dict[str, Any], list[dict[str, Any]]]],
) -> None:
    assert len(KNOWN) <= 150
    differ, unordered, fixed = [], [], []
    for case, ours in answers:
        same, ordered = _compare(case, ours)
        if case["id"] in KNOWN:
            if same and ordered:
                fixed.append(case["id"])
            continue
        if not same:
            differ.append(f"{case['id']} ({case['mutation']})\n  Meta:     {case['expected']['errors']}\n"
                          f"  flowlint: {ours}")
        elif not ordered:
            unordered.append(case["id"])
    assert not differ, f"{len(differ)} answers differ from Meta's:\n" + "\n".join(differ[:10])
    assert not unordered, f"same errors, not in Meta's order: {unordered[:20]}"
    assert not fixed, f"listed as known differences but now exact (remove them from KNOWN): {fixed}"
