"""The benchmark's inputs are what they claim to be, and ``bench/run.py --quick`` runs end to end.

No timing is asserted here (bench/run.py judges speed); these tests only keep the benchmark honest: the
clean flows lint clean, the error variants carry about ten errors of the intended kinds, generation is
deterministic.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import flowlint

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402


@pytest.mark.parametrize("size", [6_000, 30_000])
def test_a_generated_flow_lints_clean_and_near_its_size(size: int) -> None:
    text = generate.dump(generate.sized_flow(size, seed=size))
    assert size * 0.8 <= len(text.encode()) <= size
    assert flowlint.lint(text).diagnostics == []


def test_the_corpus_flows_lint_clean(tmp_path: Path) -> None:
    paths = generate.write_corpus(tmp_path, count=8)
    for path in paths:
        assert flowlint.lint_file(path).diagnostics == [], path.name
        assert 4_000 <= path.stat().st_size <= 40_000


def test_generation_is_deterministic() -> None:
    assert generate.dump(generate.clean_flow(20_000, seed=3)) == generate.dump(generate.clean_flow(20_000, seed=3))
    assert generate.dump(generate.clean_flow(20_000, seed=3)) != generate.dump(generate.clean_flow(20_000, seed=4))


def _errors(doc: dict) -> list[flowlint.Diagnostic]:
    return [d for d in flowlint.lint(generate.dump(doc)).diagnostics if d.severity == "error"]


def test_the_schema_error_variant_has_about_ten_schema_errors() -> None:
    found = _errors(generate.with_schema_errors(generate.sized_flow(100_000, seed=100_000)))
    assert 8 <= len(found) <= 20
    assert {d.rule[:3] for d in found} == {"FL2"}
    assert len({d.error for d in found}) >= 4  # unknown key, missing, type, enum, ...


def test_the_rule_error_variant_has_about_ten_semantic_errors() -> None:
    found = _errors(generate.with_rule_errors(generate.sized_flow(100_000, seed=100_000)))
    assert 8 <= len(found) <= 30
    assert not any(d.rule.startswith("FL2") for d in found)
    assert len({d.rule for d in found}) >= 6


def test_the_warning_variant_has_only_docs_warnings() -> None:
    doc = generate.with_docs_warnings(generate.sized_flow(100_000, seed=100_000), count=12)
    found = flowlint.lint(generate.dump(doc)).diagnostics
    assert len(found) == 12
    assert {(d.rule, d.severity) for d in found} == {("FL920", "warning")}


@pytest.mark.slow
def test_the_quick_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out-dir", str(tmp_path / "out"), "--results",
         str(results)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = results.read_text(encoding="utf-8")
    assert "Quick run (nothing judged)" in text
    for measurement in ("/ json.loads", "/ lark parse alone", "time per MB", "imports:", "peak RSS", "-j 1 / -j 2"):
        assert measurement in text
