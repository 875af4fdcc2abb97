"""``flowlint graph``: formats, ``--output`` (with Graphviz present, absent, failing), exit codes, clear errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from flowlint.cli import cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GOLDEN = HERE / "golden"
EXAMPLE = "examples/appointment-booking.json"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run(args: list[str], *, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Run:
    """``flowlint ARGS`` in-process, from the repository root."""
    old = Path.cwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, args, input=input, env={"FLOWLINT_DEBUG": None, **(env or {})},
                                    catch_exceptions=False, prog_name="flowlint")
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def fake_dot(folder: Path, *, fails: bool = False) -> Path:
    """A stand-in for Graphviz's ``dot``: writes its standard input to the ``-o`` file and its arguments beside it
    (or fails the way dot does on bad input)."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "dot"
    if fails:
        body = 'echo "Error: <stdin>: syntax error in line 1" >&2\nexit 1\n'
    else:
        body = (
            'printf "%s\\n" "$@" > "$0.args"\n'
            'out=""\nwhile [ $# -gt 0 ]; do if [ "$1" = "-o" ]; then out="$2"; shift; fi; shift; done\n'
            'cat > "$out"\n'
        )
    program.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return program


def path_first(program: Path) -> dict[str, str]:
    """The environment change that puts ``program``'s folder first on the PATH (``sh`` still finds ``cat``)."""
    return {"PATH": f"{program.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


# --- formats ---------------------------------------------------------------------------------------------------


def test_mermaid_is_the_default() -> None:
    result = run(["graph", EXAMPLE])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == golden("example-appointment-booking.mmd")


@pytest.mark.parametrize(("fmt", "ext"), [("mermaid", "mmd"), ("dot", "dot"), ("json", "json")])
def test_each_format_prints_its_golden_drawing(fmt: str, ext: str) -> None:
    result = run(["graph", "--format", fmt, EXAMPLE])
    assert result.exit_code == 0
    assert result.stdout == golden(f"example-appointment-booking.{ext}")


def test_problems_do_not_change_the_exit_status() -> None:
    result = run(["graph", "tests/graph/fixtures/unknown-screen.json"])
    assert result.exit_code == 0
    assert result.stdout == golden("unknown-screen.mmd")


def test_no_legend() -> None:
    result = run(["graph", "--no-legend", EXAMPLE])
    assert result.exit_code == 0 and "Legend" not in result.stdout


def test_standard_input() -> None:
    text = (REPO / EXAMPLE).read_text(encoding="utf-8")
    result = run(["graph", "--format", "json", "-"], input=text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["file"] == "-"
    assert [n["name"] for n in data["nodes"]] == ["DETAILS", "SLOT", "CONFIRM", None]


@pytest.mark.parametrize(("suffix", "ext"), [(".mmd", "mmd"), (".gv", "dot"), (".json", "json")])
def test_output_file_takes_its_format_from_its_suffix(tmp_path: Path, suffix: str, ext: str) -> None:
    target = tmp_path / f"flow{suffix}"
    result = run(["graph", EXAMPLE, "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == golden(f"example-appointment-booking.{ext}")


def test_a_format_that_contradicts_the_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["graph", "--format", "json", EXAMPLE, "-o", str(tmp_path / "flow.dot")])
    assert result.exit_code == 2
    assert "does not match" in result.stderr
    result = run(["graph", "--format", "mermaid", EXAMPLE, "-o", str(tmp_path / "flow.svg")])
    assert result.exit_code == 2
    assert not (tmp_path / "flow.svg").exists()


# --- images with Graphviz ----------------------------------------------------------------------------------------


def test_an_image_without_graphviz_is_refused_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    target = tmp_path / "flow.svg"
    result = run(["graph", EXAMPLE, "--output", str(target)], env={"PATH": str(empty)})
    assert result.exit_code == 2
    assert "Graphviz" in result.stderr and "dot" in result.stderr and "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_an_image_is_drawn_by_dot_from_the_dot_text(tmp_path: Path, suffix: str) -> None:
    program = fake_dot(tmp_path / "bin")
    target = tmp_path / f"flow.{suffix}"
    result = run(["graph", EXAMPLE, "--output", str(target)], env=path_first(program))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == golden("example-appointment-booking.dot")
    assert Path(f"{program}.args").read_text().split("\n")[:3] == [f"-T{suffix}", "-o", str(target)]


def test_dot_failing_is_an_error_with_its_message(tmp_path: Path) -> None:
    program = fake_dot(tmp_path / "bin", fails=True)
    result = run(["graph", EXAMPLE, "-o", str(tmp_path / "flow.png")], env=path_first(program))
    assert result.exit_code == 2
    assert "dot failed (exit status 1)" in result.stderr and "syntax error in line 1" in result.stderr


# --- what cannot be drawn ----------------------------------------------------------------------------------------


def test_a_missing_file_is_exit_2_as_for_check() -> None:
    result = run(["graph", "no-such-flow.json"])
    assert result.exit_code == 2
    assert result.stderr == "flowlint: error: no-such-flow.json: No such file or directory\n"
    assert run(["no-such-flow.json"]).exit_code == 2  # `flowlint check` says the same status


def test_a_directory_is_exit_2() -> None:
    result = run(["graph", "examples"])
    assert result.exit_code == 2 and "examples" in result.stderr


def test_a_syntax_error_is_exit_1_with_its_position() -> None:
    result = run(["graph", "tests/cli/fixtures/syntax.json"])
    assert result.exit_code == 1
    first, second = result.stderr.splitlines()
    assert first.startswith("tests/cli/fixtures/syntax.json:3:3: FL001 ")
    assert second == ("flowlint: error: tests/cli/fixtures/syntax.json: cannot draw the screen graph: it is not "
                      "valid Flow JSON text (see above)")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"version": "7.3", "screens": []}', "it has no screens"),
        ('{"version": "7.3"}', "it has no screens"),
        ("[]", "it is not a JSON object"),
        ("", "it is not valid Flow JSON text"),
    ],
)
def test_a_flow_without_screens_is_exit_1(text: str, says: str) -> None:
    result = run(["graph", "-"], input=text)
    assert result.exit_code == 1
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_unknown_target_version_is_a_usage_error() -> None:
    result = run(["graph", "--target-version", "9.9", EXAMPLE])
    assert result.exit_code == 2


# --- the command is registered ------------------------------------------------------------------------------------


def test_help_lists_the_command() -> None:
    assert "graph" in run(["--help"]).stderr + run(["--help"]).stdout
    result = run(["graph", "--help"])
    assert result.exit_code == 0 and "--format" in result.stdout and "docs/graph.md" in result.stdout


def test_it_runs_as_a_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", "graph", "examples/hello-world.json"],
        cwd=REPO, capture_output=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == golden("example-hello-world.mmd")
