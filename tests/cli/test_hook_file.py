"""`.pre-commit-hooks.yaml` itself, offline: its pattern picks flow files, and its entry runs as written."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, REPO


def _hook() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml", reason="PyYAML comes with pre-commit (pip install -e '.[test]')")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["flowlint"]
    hook: dict[str, Any] = hooks[0]
    return hook


def test_hook_declares_json_files_and_a_python_entry() -> None:
    hook = _hook()
    assert hook["types"] == ["json"]
    assert hook["language"] == "python"
    assert shlex.split(hook["entry"])[0] == "flowlint"


@pytest.mark.parametrize(
    ("path", "picked"),
    [
        ("flows/signup.json", True),
        ("app/whatsapp-flows/booking/v2.json", True),
        ("src/flow/screen.json", True),
        ("booking_flow.json", True),
        ("Flows/Booking.JSON", True),
        ("package.json", False),
        ("tsconfig.json", False),
        ("config/settings.json", False),
        ("overflow/data.json", False),
    ],
)
def test_default_files_pattern(path: str, picked: bool) -> None:
    # pre-commit matches `files` with Python's re.search on the repository-relative path.
    assert bool(re.search(_hook()["files"], path)) is picked


def test_the_entry_fails_on_a_bad_flow_and_passes_on_a_good_one(tmp_path: Path) -> None:
    argv = shlex.split(_hook()["entry"])
    command = [sys.executable, "-m", "flowlint", *argv[1:]]
    good = subprocess.run([*command, str(FIXTURES / "clean.json")], capture_output=True, timeout=60, check=False)
    bad = subprocess.run(
        [*command, str(FIXTURES / "clean.json"), str(FIXTURES / "errors.json")],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (good.returncode, bad.returncode) == (0, 1)
    assert b"FL102" in bad.stdout
