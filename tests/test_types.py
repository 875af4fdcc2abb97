"""flowlint ships ``py.typed``: mypy, with the configuration in pyproject.toml (``[tool.mypy]``), finds no error
in the package. A new error fails here with mypy's own report."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

if importlib.util.find_spec("mypy") is None:
    pytest.skip("mypy is not installed (it comes with the test extra: pip install -e '.[test]')",
                allow_module_level=True)


@pytest.mark.slow
def test_mypy_finds_no_error(tmp_path: Path) -> None:
    # A cache of its own: nothing written into the checkout, and no stale cache from another mypy version.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "mypy-cache"), "--no-error-summary", "--hide-error-context"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mypy found errors:\n{result.stdout}{result.stderr}", pytrace=False)
