"""Never crash, never lie: ``flowlint.lint``, ``lint_file`` and the semantic validators on hostile input.

Inputs (tests/fuzz/mutations.py): arbitrary bytes, near-JSON text, and valid flows (generated, or the real
corpus flows) after random damage to their values and to their text. The number of examples comes from the
hypothesis profile (tests/conftest.py): bounded by default, long with ``--hypothesis-profile fuzz``.
"""

from __future__ import annotations

import os
import tempfile

from hypothesis import given
from hypothesis import strategies as st

import flowlint
from flowlint import rules
from flowlint.engine import lint_file
from flowlint.versions import LEGACY, SUPPORTED, FlowVersion
from tests.fuzz.checks import assert_located, assert_no_internal_error, comparable
from tests.fuzz.mutations import hostile_inputs, mutated_values

VERSIONS = sorted({*SUPPORTED.values(), *LEGACY.values()})


@given(hostile_inputs)
def test_lint_never_raises_nor_fails_inside(data: bytes) -> None:
    report = flowlint.lint(data)
    assert_no_internal_error(report.diagnostics)
    assert isinstance(report.ok, bool)


@given(hostile_inputs)
def test_every_diagnostic_has_a_path_and_a_position_inside_the_text(data: bytes) -> None:
    assert_located(flowlint.lint(data), data)


@given(hostile_inputs, st.sampled_from([None, "7.3", "6.0", "5.0"]))
def test_linting_twice_gives_the_same_report(data: bytes, version: str | None) -> None:
    first = flowlint.lint(data, version=version)
    second = flowlint.lint(data, version=version)
    assert comparable(first) == comparable(second)
    assert first.ok == second.ok


@given(hostile_inputs)
def test_lint_file_says_what_lint_says(data: bytes) -> None:
    handle, name = tempfile.mkstemp(suffix=".json")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        from_file = lint_file(name)
    finally:
        os.unlink(name)
    assert comparable(from_file) == comparable(flowlint.lint(data))


@given(mutated_values(max_mutations=6), st.sampled_from(VERSIONS))
def test_semantic_validators_never_raise_on_any_document(doc: object, version: str) -> None:
    """Stronger than the engine needs (it runs them on schema-valid flows only): the validators' contract
    (flowlint/rules/__init__.py) is that odd values anywhere never make one raise."""
    if not isinstance(doc, dict):
        return
    found = rules.check(doc, FlowVersion.from_text(version))
    assert_no_internal_error(found)
