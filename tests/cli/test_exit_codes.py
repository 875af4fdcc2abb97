"""Exit status: 0 clean, 1 problems, 2 usage/configuration/input error; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli


def test_0_when_clean() -> None:
    assert run_cli(["fixtures/clean.json"]).exit_code == 0


def test_1_when_errors() -> None:
    assert run_cli(["fixtures/syntax.json"]).exit_code == 1
    assert run_cli(["fixtures/clean.json", "fixtures/errors.json"]).exit_code == 1


def test_warnings_alone_give_0_unless_error_on_warning(tmp_path: Path) -> None:
    (tmp_path / "w.json").write_text('{"version": "7.3", "screens": [], "screens": []}', encoding="utf-8")
    assert run_cli(["--select", "FL004", "w.json"], cwd=tmp_path).exit_code == 0
    assert run_cli(["--select", "FL004", "--error-on", "warning", "w.json"], cwd=tmp_path).exit_code == 1


def test_ignored_errors_do_not_count() -> None:
    assert run_cli(["--ignore", "FL1", "fixtures/missing-version.json"]).exit_code == 0


def test_2_for_a_missing_file_and_the_other_files_are_still_checked() -> None:
    result = run_cli(["--format", "concise", "fixtures/nope.json", "fixtures/errors.json"])
    assert result.exit_code == 2
    assert result.stderr == "flowlint: error: fixtures/nope.json: No such file or directory\n"
    assert "fixtures/errors.json:2:14: FL102" in result.stdout


def test_2_for_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    result = run_cli(["a.json/b.json"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: a.json/b.json: Not a directory\n")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_2_for_an_unreadable_file(tmp_path: Path) -> None:
    flow = tmp_path / "secret.json"
    flow.write_text("{}", encoding="utf-8")
    flow.chmod(0)
    result = run_cli(["secret.json"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: secret.json: Permission denied\n")


def test_2_for_a_glob_that_matches_nothing(tmp_path: Path) -> None:
    result = run_cli(["flows/*.json"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: flows/*.json: no file matches this pattern\n")


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xml", "fixtures/clean.json"],
        ["--select", "E501", "fixtures/clean.json"],
        ["--target-version", "9.9", "fixtures/clean.json"],
        ["--jobs", "0", "fixtures/clean.json"],
        ["--no-such-option", "fixtures/clean.json"],
        ["check"],
        ["explain", "FL999"],
        ["-", "-"],
    ],
)
def test_2_for_usage_errors(args: list[str]) -> None:
    result = run_cli(args, input=b"{}")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_bare_flowlint_prints_help_and_exits_2() -> None:
    result = run_cli([])
    assert result.exit_code == 2 and "Usage: flowlint [OPTIONS] PATH..." in result.stderr


def test_2_for_a_bad_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text("select = 3\n", encoding="utf-8")
    (tmp_path / "a.json").write_bytes((FIXTURES / "clean.json").read_bytes())
    assert run_cli(["a.json"], cwd=tmp_path).exit_code == 2


def test_2_wins_over_1() -> None:
    assert run_cli(["fixtures/syntax.json", "fixtures/nope.json"]).exit_code == 2


def test_a_closed_output_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    # Far more output than a pipe buffers (64 KiB), so the writer does meet the closed pipe.
    members = ", ".join(f'"k": {i}' for i in range(2000))
    for i in range(20):
        (tmp_path / f"f{i:02}.json").write_text(f'{{"version": 7.3, {members}}}', encoding="utf-8")
    # `flowlint dir | head -1`: the reader goes away after one line.
    shell = f"{sys.executable} -m flowlint --no-show-source . | head -1; echo status=${{PIPESTATUS[0]}} >&2"
    done = subprocess.run(["bash", "-c", shell], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.startswith("f00.json:1:")
    assert done.stderr == "status=1\n"  # the check's own status, and not a word of complaint


def test_nothing_to_check_is_0_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.json").write_text("{", encoding="utf-8")
    result = run_cli(["."], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (0, "flowlint: warning: no JSON files to check\n")
    assert run_cli(["-q", "."], cwd=tmp_path).stderr == ""


def test_a_crash_in_a_check_is_reported_per_file_and_the_rest_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    import flowlint.engine

    real_lint_file = flowlint.engine.lint_file

    def fragile(path: str, **kwargs: object) -> object:
        if "clean" in str(path):
            raise RuntimeError("boom")
        return real_lint_file(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(flowlint.engine, "lint_file", fragile)
    result = run_cli(["--format", "concise", "-j", "1", "fixtures/clean.json", "fixtures/syntax.json"])
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: fixtures/clean.json: flowlint failed on this file (RuntimeError: boom); please report it\n"
    )
    assert "fixtures/syntax.json:3:3: FL001" in result.stdout


def test_a_file_over_the_size_limit_is_a_diagnostic_not_a_memory_problem(tmp_path: Path) -> None:
    from flowlint.source import MAX_BYTES

    big = b'{"version": "7.3", "pad": "' + b"x" * MAX_BYTES + b'"}'
    (tmp_path / "big.json").write_bytes(big)
    from_file = run_cli(["--format", "concise", "-q", "big.json"], cwd=tmp_path)
    from_stdin = run_cli(["--format", "concise", "-q", "-"], cwd=tmp_path, input=big)
    assert " FL006 " in from_file.stdout and from_file.exit_code == 1
    assert " FL006 " in from_stdin.stdout and from_stdin.exit_code == 1


def test_ctrl_c_is_130_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from flowlint.cli import check as cli_check

    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_check, "check_inputs", interrupted)
    result = run_cli(["fixtures/clean.json"])
    assert (result.exit_code, result.stderr) == (130, "\n")
