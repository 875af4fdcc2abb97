"""An installed flowlint (a wheel, or pre-commit's environment) holds every sub-package."""

from __future__ import annotations

import re
import sys

from .conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_sub_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "flowlint").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_the_docs_name_the_release_tag_of_the_declared_version() -> None:
    """pre-commit and pip need a `rev`/tag: the docs name `v<version>` of pyproject.toml, and move with it."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    for doc in ("README.md", "docs/pre-commit.md", "docs/cli.md"):
        text = (REPO / doc).read_text(encoding="utf-8")
        tags = set(re.findall(r"\bv\d+\.\d+\.\d+\b", text))
        assert tags == {f"v{version}"}, (doc, tags)
