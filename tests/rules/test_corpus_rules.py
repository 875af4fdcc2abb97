"""The real flows (``../shared/corpus/real/``) get no error from the semantic rules.

Flows of versions 5.1+ are accepted by Meta; flows of older versions are still sendable (FL103 says so) and
get no semantic error either. Restricted to this stage's rule codes: the other stages keep their own
expectations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import flowlint
from flowlint.rules import RULES
from tests.conformance import CORPUS, skip_module_without

skip_module_without(CORPUS)

FLOWS = sorted(CORPUS.glob("*.json"))
CODES = {r.code for r in RULES}


@pytest.mark.parametrize("path", FLOWS, ids=[p.name for p in FLOWS])
def test_real_flow_has_no_semantic_error(path: Path) -> None:
    report = flowlint.lint_file(path)
    errors = [(d.rule, d.message) for d in report.diagnostics if d.rule in CODES and d.severity == "error"]
    assert not errors


def test_corpus_present() -> None:
    assert len(FLOWS) >= 40
