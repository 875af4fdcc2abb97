"""IO faults: each is exit status 2 and one clear line on stderr, and the other files are still checked.

Already covered elsewhere: a missing file, a path through a file and an unreadable file (test_exit_codes),
standard input or output closed (test_subprocess), an output pipe closed early (test_exit_codes), a file
name that is not UTF-8 (test_formats). Here: broken symbolic links, a directory where a file was expected,
a file deleted between listing and reading, a named pipe in a walked directory (it used to hang), and
parallel workers meeting the same faults.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flowlint.cli import inputs as cli_inputs
from flowlint.cli.check import check_inputs, exit_status
from flowlint.cli.inputs import Input
from flowlint.config import Settings

from .conftest import FIXTURES, run_cli

ERRORS = (FIXTURES / "errors.json").read_bytes()
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system features")


def _lines(text: str) -> list[str]:
    return text.splitlines()


@posix_only
def test_a_broken_symlink_named_or_walked_is_one_line_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_bytes(ERRORS)
    os.symlink("nowhere.json", tmp_path / "broken.json")
    named = run_cli(["--format", "concise", "-q", "broken.json", "good.json"], cwd=tmp_path)
    assert (named.exit_code, named.stderr) == (2, "flowlint: error: broken.json: No such file or directory\n")
    assert "good.json:2:14: FL102" in named.stdout
    walked = run_cli(["--format", "concise", "-q", "."], cwd=tmp_path)
    assert (walked.exit_code, walked.stderr) == (2, "flowlint: error: broken.json: No such file or directory\n")
    assert "good.json:2:14: FL102" in walked.stdout


def test_a_directory_where_a_file_was_expected(tmp_path: Path) -> None:
    # On the command line a directory is walked; a directory reaches the reader only through a race (a file
    # replaced by a directory after listing) or the library: both are a clear line, not IsADirectoryError.
    (tmp_path / "flow.json").mkdir()
    (tmp_path / "good.json").write_bytes(ERRORS)
    items = [Input("flow.json", tmp_path / "flow.json"), Input("good.json", tmp_path / "good.json")]
    results = check_inputs(items, Settings(jobs=1))
    assert results[0].error == "is a directory, not a file"
    assert "FL102" in [d.rule for d in results[1].diagnostics]
    assert exit_status(results, error_on="error") == 2


def test_a_file_deleted_between_listing_and_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_bytes(ERRORS)
    listed = cli_inputs.collect

    def collect_then_delete(*args: object, **kwargs: object) -> object:
        items = listed(*args, **kwargs)  # type: ignore[arg-type]
        (tmp_path / "a.json").unlink()  # gone before it is read
        return items

    monkeypatch.setattr(cli_inputs, "collect", collect_then_delete)
    result = run_cli(["--format", "concise", "-q", "."], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: a.json: No such file or directory\n")
    assert "b.json:2:14: FL102" in result.stdout and "a.json" not in result.stdout


@posix_only
def test_a_named_pipe_in_a_walked_directory_is_reported_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")  # nobody writes to it: opening it would wait forever
    (tmp_path / "good.json").write_bytes(ERRORS)
    result = subprocess.run(
        [sys.executable, "-m", "flowlint", "--format", "concise", "-q", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against the old hang, not a timing assertion
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "flowlint: error: pipe.json: is a named pipe, not a regular file: not read\n"
    assert "good.json:2:14: FL102" in result.stdout


@posix_only
def test_a_named_pipe_named_on_the_command_line_is_read() -> None:
    # `flowlint <(cat flow.json)`: a pipe the user asked for, with a writer.
    shell = f"{sys.executable} -m flowlint --format concise -q <(cat {FIXTURES / 'errors.json'})"
    result = subprocess.run(
        ["bash", "-c", shell],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        check=False,
    )
    assert result.returncode == 1 and ": FL102 " in result.stdout and result.stderr == ""


@posix_only
def test_parallel_workers_meet_the_same_faults(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"f{i}.json").write_bytes(ERRORS)
    os.symlink("nowhere.json", tmp_path / "f2-broken.json")
    (tmp_path / "f4.json").unlink()
    os.symlink("f3.json", tmp_path / "f4.json")  # a good link, too
    serial = run_cli(["--format", "concise", "-q", "-j", "1", "."], cwd=tmp_path)
    parallel = run_cli(["--format", "concise", "-q", "-j", "2", "."], cwd=tmp_path)
    assert (parallel.exit_code, parallel.stdout, parallel.stderr) == (serial.exit_code, serial.stdout, serial.stderr)
    assert serial.exit_code == 2
    assert serial.stderr == "flowlint: error: f2-broken.json: No such file or directory\n"
    assert len(_lines(serial.stdout)) == 6 * len(_lines(run_cli(["--format", "concise", "-q", "-"], input=ERRORS).stdout))


def test_an_unreadable_file_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # test_exit_codes checks a real chmod 0 file, which root reads anyway: here the read itself is refused.
    from flowlint import engine

    (tmp_path / "secret.json").write_bytes(ERRORS)
    (tmp_path / "good.json").write_bytes(ERRORS)
    real_open = open

    def refusing(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("secret.json"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(engine, "open", refusing, raising=False)
    result = run_cli(["--format", "concise", "-q", "-j", "1", "secret.json", "good.json"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: secret.json: Permission denied\n")
    assert "good.json:2:14: FL102" in result.stdout


def test_a_directory_that_cannot_be_listed_is_one_line_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 24 point 8: named (or matched by a glob), it is reported; met while walking, it is passed over."""
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "x.json").write_bytes(ERRORS)
    (tmp_path / "good.json").write_bytes(ERRORS)
    real_scandir = os.scandir

    def refusing(path: object = ".") -> object:
        if os.path.basename(os.fspath(path)) == "closed":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refusing)
    named = run_cli(["--format", "concise", "-q", "closed", "good.json"], cwd=tmp_path)
    assert named.exit_code == 2
    assert named.stderr == "flowlint: error: closed: cannot list this directory: Permission denied\n"
    assert "good.json:2:14: FL102" in named.stdout
    walked = run_cli(["--format", "concise", "-q", "."], cwd=tmp_path)
    assert (walked.exit_code, walked.stderr) == (1, "")
    assert "good.json" in walked.stdout and "closed" not in walked.stdout
