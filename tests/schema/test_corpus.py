"""Every real flow in ``../shared/corpus/real/`` lints to exactly what ``tests/corpus_expectations.json`` says.

Expected codes are almost always nothing (versions 5.1+) or FL103 (versions below 5.1, which Meta no longer
publishes); FL920 marks a text longer than Meta's docs allow (a warning). This test looks only at the codes
of the stages this branch owns (FL0xx source, FL1xx versions, FL2xx schema pass, FL92x docs limits); the semantic
rules' warnings have their own corpus test. No stage at all may report an *error* on these flows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import flowlint
from flowlint.diagnostics import ERROR
from tests.conformance import CORPUS, skip_module_without

skip_module_without(CORPUS)

EXPECTATIONS = json.loads((Path(__file__).resolve().parents[1] / "corpus_expectations.json").read_text())
CHECKED_PREFIXES = ("FL0", "FL1", "FL2", "FL92")


def _files() -> list[str]:
    return sorted(EXPECTATIONS)


def test_expectations_cover_the_corpus() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.json")) == _files()


@pytest.mark.parametrize("name", _files())
def test_corpus_flow_lints_as_expected(name: str) -> None:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    report = flowlint.lint_file(path)
    codes = sorted({d.rule for d in report.diagnostics if d.rule.startswith(CHECKED_PREFIXES)})
    assert codes == EXPECTATIONS[name]


@pytest.mark.parametrize("name", _files())
def test_corpus_flow_has_no_error(name: str) -> None:
    """Meta accepts these flows (published or documented): no stage may reject them."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent")
    report = flowlint.lint_file(path)
    assert [(d.rule, d.message) for d in report.diagnostics if d.severity == ERROR] == []
