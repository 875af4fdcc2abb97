"""``flowlint check --fix/--unsafe-fixes/--diff`` on files and standard input."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import jsonschema
import pytest

from tests.cli.conftest import HERE, run_cli

from .conftest import BASE

TYPO = BASE.replace('"TextHeading"', '"TextHeadng"')  # safe
ROUTE = BASE.replace('{"FIRST": ["LAST"]}', '{"FIRST": []}')  # unsafe


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_fix_writes_the_safe_fixes_and_reports_what_remains(tmp_path: Path) -> None:
    path = _write(tmp_path, "flow.json", TYPO)
    os.chmod(path, 0o640)
    result = run_cli(["--fix", str(path)], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == BASE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640  # the mode is kept
    assert "fixed 1 finding in 1 file (0 remaining)" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["flow.json"]  # no temporary file left


def test_fix_leaves_unsafe_fixes_to_unsafe_fixes(tmp_path: Path) -> None:
    path = _write(tmp_path, "flow.json", ROUTE)
    result = run_cli(["--fix", str(path)], cwd=tmp_path)
    assert result.exit_code == 1 and path.read_text(encoding="utf-8") == ROUTE
    assert "[*] fixable with --fix --unsafe-fixes" in result.stdout
    result = run_cli(["--fix", "--unsafe-fixes", str(path)], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert path.read_text(encoding="utf-8") == BASE


def test_unsafe_fixes_alone_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "flow.json", ROUTE)
    result = run_cli(["--unsafe-fixes", str(path)], cwd=tmp_path)
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == ROUTE


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path: Path) -> None:
    path = _write(tmp_path, "flow.json", TYPO)
    before = os.stat(path)
    result = run_cli(["--diff", "flow.json"], cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/flow.json\n+++ b/flow.json\n@@")
    assert '-          {"type": "TextHeadng", "text": "Hello"},\n' in result.stdout
    assert '+          {"type": "TextHeading", "text": "Hello"},\n' in result.stdout
    assert path.read_text(encoding="utf-8") == TYPO and os.stat(path).st_mtime_ns == before.st_mtime_ns
    clean = _write(tmp_path, "clean.json", BASE)
    result = run_cli(["--diff", str(clean)], cwd=tmp_path)
    assert result.exit_code == 0 and result.stdout == ""


def test_fix_on_a_syntax_error_changes_nothing_and_says_why(tmp_path: Path) -> None:
    broken = TYPO[:-4]  # the closing brackets cut off
    path = _write(tmp_path, "flow.json", broken)
    result = run_cli(["--fix", str(path)], cwd=tmp_path)
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == broken
    assert "not fixed: the file has a syntax error (line" in result.stderr
    assert "FL001" in result.stdout


def test_fix_on_a_read_only_file_exits_2_and_keeps_it(tmp_path: Path) -> None:
    # flowlint refuses a file without any write bit itself, so this holds even for root (whom chmod does not stop).
    path = _write(tmp_path, "flow.json", TYPO)
    os.chmod(path, 0o444)
    try:
        result = run_cli(["--fix", str(path)], cwd=tmp_path)
    finally:
        os.chmod(path, 0o644)
    assert result.exit_code == 2
    assert "cannot write the fixed file (the file is read-only); nothing was changed" in result.stderr
    assert path.read_text(encoding="utf-8") == TYPO


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only directories")
def test_fix_in_a_read_only_directory_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "flow.json", TYPO)
    os.chmod(tmp_path, 0o555)
    try:
        result = run_cli(["--fix", str(path)], cwd=tmp_path)
    finally:
        os.chmod(tmp_path, 0o755)
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == TYPO


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "flow.json", TYPO)

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = run_cli(["--fix", str(path)], cwd=tmp_path)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == TYPO
    assert [p.name for p in tmp_path.iterdir()] == ["flow.json"]  # the temporary file is gone


def test_line_ends_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    original = "\ufeff" + BASE.replace("\n", "\r\n")
    path = _write(tmp_path, "flow.json", original.replace('"TextHeading"', '"TextHeadng"'))
    run_cli(["--fix", str(path)], cwd=tmp_path)
    assert path.read_bytes() == original.encode("utf-8")


def test_fix_through_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    target = _write(tmp_path, "real.json", TYPO)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run_cli(["--fix", str(link)], cwd=tmp_path).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == BASE


def test_fix_on_standard_input_prints_the_fixed_flow(tmp_path: Path) -> None:
    result = run_cli(["--fix", "-"], cwd=tmp_path, input=TYPO)
    assert result.exit_code == 0
    assert result.stdout == BASE


def test_json_and_sarif_carry_the_fix(tmp_path: Path) -> None:
    _write(tmp_path, "flow.json", TYPO)
    report = json.loads(run_cli(["--format", "json", "flow.json"], cwd=tmp_path).stdout)
    autofix = report[0]["diagnostics"][0]["autofix"]
    assert autofix["applicability"] == "safe"
    start, end = autofix["edits"][0]["start"], autofix["edits"][0]["end"]
    assert TYPO[start:end] == '"TextHeadng"' and autofix["edits"][0]["content"] == '"TextHeading"'

    log = json.loads(run_cli(["--format", "sarif", "flow.json"], cwd=tmp_path).stdout)
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    fix = log["runs"][0]["results"][0]["fixes"][0]
    replacement = fix["artifactChanges"][0]["replacements"][0]
    line = TYPO.splitlines()[12]
    column = line.index('"TextHeadng"') + 1
    assert replacement == {
        "deletedRegion": {"startLine": 13, "startColumn": column, "endLine": 13, "endColumn": column + 12},
        "insertedContent": {"text": '"TextHeading"'},
    }
    assert fix["properties"]["applicability"] == "safe"
