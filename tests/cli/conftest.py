"""Shared helpers for the CLI tests: run ``flowlint`` in-process (click's CliRunner) from a directory."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from flowlint.cli import cli

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REPO = HERE.parents[1]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(
    args: Sequence[str], *, cwd: Path | None = None, input: bytes | str | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run the CLI as a user would, from ``cwd``; GitHub Actions and NO_COLOR are unset unless ``env`` sets them."""
    clean_env = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FLOWLINT_DEBUG": None, **(env or {})}
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd or HERE)
    try:
        result = runner.invoke(
            cli, list(args), input=input, env=clean_env, catch_exceptions=False, prog_name="flowlint"
        )
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
