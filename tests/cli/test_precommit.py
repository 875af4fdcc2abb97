"""The pre-commit hook, installed and run by real ``pre-commit`` from a snapshot of this working tree.

pre-commit clones the hook repository and pip-installs it into its own environment, so this needs the
package registry: marked ``network`` and skipped (with the reason) when the registry cannot be reached.
CI runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO

pytestmark = [pytest.mark.network, pytest.mark.slow]

GIT_ENV = {
    "GIT_AUTHOR_NAME": "flowlint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "flowlint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip()


def _snapshot_of_working_tree(destination: Path) -> str:
    """Commit what the working tree holds (tracked and new files, not ignored ones) in a fresh repo."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
            timeout=60,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source, target = REPO / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # e.g. flowlint/schemas -> ../schemas: keep it a link
            os.symlink(os.readlink(source), target)
        elif source.is_file():
            shutil.copy2(source, target)
    _git("init", "-q", cwd=destination)
    _git("add", "-A", cwd=destination)
    _git("commit", "-q", "-m", "snapshot for the pre-commit test", cwd=destination)
    return _git("rev-parse", "HEAD", cwd=destination)


def _missing_packages(snapshot: Path) -> list[str]:
    """Package directories pyproject.toml lists that the snapshot lacks (pip would refuse to install)."""
    text = (snapshot / "pyproject.toml").read_text(encoding="utf-8")
    listed = re.search(r"^packages\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL)
    dirs = re.search(r"^package-dir\s*=\s*\{(.*?)\}", text, re.MULTILINE)
    mapping = dict(re.findall(r'"([^"]+)"\s*=\s*"([^"]+)"', dirs.group(1))) if dirs else {}
    names = re.findall(r'"([^"]+)"', listed.group(1)) if listed else []
    return [n for n in names if not (snapshot / mapping.get(n, n.replace(".", "/"))).is_dir()]


def _registry_reachable(tmp_path: Path) -> bool:
    """Can pip fetch a package (the hook's environment needs click, lark, jsonschema)?"""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", str(tmp_path / "probe"), "click"],
        capture_output=True,
        timeout=180,
        check=False,
    )
    return done.returncode == 0


def test_the_hook_fails_on_a_bad_flow_and_passes_on_a_good_one(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    if not _registry_reachable(tmp_path):
        pytest.skip("the package registry is unreachable: pre-commit could not install the hook")

    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    rev = _snapshot_of_working_tree(hook_repo)
    missing = _missing_packages(hook_repo)
    if missing:
        pytest.skip(f"this branch lacks package directories listed in pyproject.toml: {missing}")

    project = tmp_path / "project"
    (project / "flows").mkdir(parents=True)
    _git("init", "-q", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: flowlint\n",
        encoding="utf-8",
    )
    (project / "flows" / "good.json").write_bytes((FIXTURES / "clean.json").read_bytes())
    (project / "package.json").write_text("{ not a flow, and not matched by the hook's files pattern", encoding="utf-8")
    _git("add", "-A", cwd=project)

    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    good = pre_commit("run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^flowlint\.+Passed$", good.stdout, re.MULTILINE), good.stdout

    (project / "flows" / "bad.json").write_bytes((FIXTURES / "errors.json").read_bytes())
    _git("add", "-A", cwd=project)
    bad = pre_commit("run", "--all-files")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert re.search(r"^flowlint\.+Failed$", bad.stdout, re.MULTILINE), bad.stdout
    assert "flows/bad.json:2:14: FL102 Given Flow JSON version is not supported." in bad.stdout
    assert "flows/good.json:" not in bad.stdout
