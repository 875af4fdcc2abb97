"""``--severity`` / ``severity``: the lowest severity reported."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

# A duplicate key (FL004, a warning) and a screen without a title (FL202, an error).
MIXED = (
    '{"version":"7.3","screens":[{"id":"A","terminal":true,"layout":{"type":"SingleColumnLayout",'
    '"children":[{"type":"Footer","label":"x","on-click-action":{"name":"complete","payload":{}}}]}}],'
    '"version":"7.3"}'
)
WARNING_ONLY = MIXED.replace('"id":"A",', '"id":"A","title":"A",')


def _rules(stdout: str) -> list[str]:
    return [d["rule"] for entry in json.loads(stdout) for d in entry["diagnostics"]]


def test_default_reports_warnings_and_errors(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(MIXED)
    assert sorted(_rules(run_cli(["--format", "json", "f.json"], cwd=tmp_path).stdout)) == ["FL004", "FL202"]


def test_severity_error_hides_warnings(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(MIXED)
    result = run_cli(["--format", "json", "--severity", "error", "f.json"], cwd=tmp_path)
    assert _rules(result.stdout) == ["FL202"]
    assert result.exit_code == 1


def test_hidden_warnings_cannot_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(WARNING_ONLY)
    assert run_cli(["--error-on", "warning", "f.json"], cwd=tmp_path).exit_code == 1
    result = run_cli(["--error-on", "warning", "--severity", "error", "f.json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout


def test_severity_from_configuration_and_its_bad_value(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(MIXED)
    (tmp_path / "flowlint.toml").write_text('severity = "error"\n')
    assert _rules(run_cli(["--format", "json", "f.json"], cwd=tmp_path).stdout) == ["FL202"]
    (tmp_path / "flowlint.toml").write_text('severity = "info"\n')
    result = run_cli(["f.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "flowlint.toml:1" in result.stderr and "severity" in result.stderr
