"""The real thing: the installed ``flowlint`` console script and ``python -m flowlint`` in a child process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import HERE


def _console_script() -> str:
    candidate = Path(sys.executable).parent / ("flowlint.exe" if os.name == "nt" else "flowlint")
    found = str(candidate) if candidate.exists() else shutil.which("flowlint")
    if found is None:
        pytest.skip("the flowlint console script is not installed (pip install -e .)")
    return found


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR")}
    return env


@pytest.mark.parametrize("command", ["script", "module"])
def test_installed_command_checks_files(command: str) -> None:
    argv = [_console_script()] if command == "script" else [sys.executable, "-m", "flowlint"]
    done = subprocess.run(
        [*argv, "--format", "concise", "fixtures/clean.json", "fixtures/errors.json", "fixtures/nope.json"],
        cwd=HERE,
        capture_output=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == b"flowlint: error: fixtures/nope.json: No such file or directory\n"
    assert done.stdout.decode().splitlines()[:2] == [
        "fixtures/errors.json:7:7: FL004 Duplicate key 'title': only this last occurrence is used.",
        "fixtures/errors.json:2:14: FL102 Given Flow JSON version is not supported. Please refer the supported "
        "versions at https://developers.facebook.com/docs/whatsapp/flows/changelogs#currently-supported-versions.",
    ]


def test_installed_command_version_and_stdin() -> None:
    from flowlint import __version__

    script = _console_script()
    version = subprocess.run([script, "--version"], capture_output=True, text=True, check=True, timeout=60)
    assert version.stdout == f"flowlint {__version__}\n"
    piped = subprocess.run(
        [script, "--format", "api", "-"], input=b'{"version": "7.3"', capture_output=True, timeout=60, check=False
    )
    assert piped.returncode == 1
    assert b'"error": "INVALID_FLOW_JSON"' in piped.stdout


def test_lone_surrogates_print_through_a_real_pipe_in_any_locale(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_bytes(b'{"version": "7.3", "\\udc80": 1, "\\udc80": 2, "screens": []}')
    env = {**_env(), "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", "--select", "FL004", "s.json"],
        cwd=tmp_path,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr
    assert b"\\udc80" in done.stdout


@pytest.mark.skipif(os.name != "posix", reason="closes file descriptors with sh")
def test_closed_standard_streams_are_one_clear_line_or_silence() -> None:
    stdin_closed = subprocess.run(
        ["sh", "-c", f'exec 0<&-; exec "{sys.executable}" -m flowlint -'], capture_output=True, timeout=60, check=False
    )
    assert (stdin_closed.returncode, stdin_closed.stderr) == (2, b"flowlint: error: -: standard input is closed\n")
    stdout_closed = subprocess.run(
        ["sh", "-c", f'exec 1>&-; exec "{sys.executable}" -m flowlint fixtures/errors.json'],
        cwd=HERE,
        capture_output=False,
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert (stdout_closed.returncode, stdout_closed.stderr) == (1, b"")


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [("None", 0, ""), ("3", 3, ""), ("'stopped here'", 1, "stopped here\n")]
)
def test_the_process_ends_without_tear_down_but_with_its_output_and_status(code: str, status: int, stderr: str) -> None:
    # `flowlint` ends with os._exit once its output is flushed (cli._end_process): buffered output must not be lost.
    script = f"import sys\nfrom flowlint.cli import _end_process\nsys.stdout.write('x' * 100)\n_end_process({code})\n"
    env = {k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"}  # buffered, as a pipe normally is
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=60, check=False)
    assert (done.returncode, len(done.stdout), done.stderr.decode()) == (status, 100, stderr)
