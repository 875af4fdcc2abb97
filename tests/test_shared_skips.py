"""Without the developers' material beside the checkout, each test module that needs it skips once, saying why.

A user's checkout has no ``../shared/``. The suite must then still pass, and ``pytest -rs`` must say in one line
per module what did not run and why: no skip per test or per data file, and no pytest "got empty parameter
set" (a test parametrised over shared data that found none). Checked on a copy of the working tree placed
where no ``../shared`` is beside it: the whole suite is collected with empty parameter sets made collection
errors, and the modules that read the shared material are run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

#: A test module that reads the shared material names it through tests/conformance.py or by its path.
_READS_SHARED = re.compile(r"tests\.conformance|\.\./shared|\"shared\"")
_SKIP_LINE = re.compile(r"^SKIPPED \[(\d+)\] (\S+?):\d+: (.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree, copied to ``<tmp>/repo``: ``<tmp>/shared`` does not exist."""
    copy = tmp_path_factory.mktemp("user") / "repo"
    shutil.copytree(
        REPO,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis", "*.egg-info", "node_modules"
        ),
    )
    assert not (copy.parent / "shared").exists()
    return copy


def _pytest(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
         "-o", "empty_parameter_set_mark=fail_at_collect", *args],
        cwd=checkout, env=env, capture_output=True, text=True, timeout=300,
    )


def _problems(result: subprocess.CompletedProcess[str]) -> str:
    """What to show when a run fails: its error lines and summary, not the list of collected tests."""
    lines = (result.stdout + result.stderr).splitlines()
    return "\n".join(line for line in lines if re.search(r"rror|[Ee]mpty parameter set|FAILED|SKIPPED|passed|failed", line))


def _modules_reading_shared(checkout: Path) -> list[str]:
    here = Path(__file__).name
    return sorted(
        str(path.relative_to(checkout))
        for path in (checkout / "tests").rglob("test_*.py")
        if path.name != here and _READS_SHARED.search(path.read_text(encoding="utf-8"))
    )


def test_the_whole_suite_collects_without_an_empty_parameter_set(checkout: Path) -> None:
    result = _pytest(checkout, "--collect-only", "tests")
    assert result.returncode == 0, _problems(result)
    skips = _SKIP_LINE.findall(result.stdout)
    assert [(module, reason) for count, module, reason in skips if count != "1"] == []  # a module is skipped once


def test_the_modules_that_read_shared_material_pass_and_skip_once_each(checkout: Path) -> None:
    readers = _modules_reading_shared(checkout)
    assert len(readers) >= 10, readers
    result = _pytest(checkout, *readers)
    out = result.stdout
    assert result.returncode == 0, _problems(result)
    assert "empty parameter set" not in out
    skips = _SKIP_LINE.findall(out)
    assert any("../shared" in reason for _, _, reason in skips), "without ../shared some tests must say so"
    # One line per module: its tests that need the material skip from one place with one reason.
    modules = [module for _, module, _ in skips]
    assert sorted({m for m in modules if modules.count(m) > 1}) == []
