"""Which files a directory or a glob yields (issue 20 point 5): Flow JSON only, what git ignores skipped."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from flowlint.cli.inputs import SNIFF_BYTES, looks_like_flow
from flowlint.config import DEFAULT_EXCLUDE, Settings, load
from flowlint.gitignore import GitIgnores

from .conftest import FIXTURES, REPO, run_cli

CLEAN = (FIXTURES / "clean.json").read_bytes()
REQUEST = json.dumps({"name": "signup", "categories": ["SIGN_UP"], "flowJson": CLEAN.decode()}).encode()
CORPUS = REPO.parent / "shared" / "corpus" / "real"


def _tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def _checked(args: list[str], cwd: Path) -> list[str]:
    result = run_cli(["--format", "json", *args], cwd=cwd)
    assert result.exit_code in (0, 1), result.stderr
    return [entry["file"] for entry in json.loads(result.stdout)]


def _project(root: Path) -> None:
    """A repository as a new user has it: flows among a JavaScript project's JSON files."""
    (root / ".git").mkdir()
    _tree(
        root,
        {
            "package.json": b'{"name": "bot", "private": true, "dependencies": {}}',
            "manifest.json": b'{"manifest_version": 3, "name": "ext", "version": "1.0"}',
            "tsconfig.json": b'{"compilerOptions": {"strict": true}}',
            "schemas/order.schema.json": b'{"type": "object", "properties": {"screens": {"type": "array"}}}',
            ".venv/lib/site/flow.json": CLEAN,
            "node_modules/pkg/flows/x.json": CLEAN,
            ".gitignore": b"# generated\n/generated/\n*.tmp.json\n",
            "generated/welcome.json": CLEAN,
            "src/welcome.tmp.json": CLEAN,
            "src/foo.json": CLEAN,  # a flow by its content
            "flows/broken.json": b'{"name": "not a flow yet"',  # a flow by its place
            "requests/create.json": REQUEST,  # a Create Flow request body
        },
    )


def test_a_directory_yields_only_flow_json_and_skips_what_git_ignores(tmp_path: Path) -> None:
    _project(tmp_path)
    assert _checked(["."], tmp_path) == ["flows/broken.json", "requests/create.json", "src/foo.json"]


def test_no_respect_gitignore_brings_back_the_ignored_flows(tmp_path: Path) -> None:
    _project(tmp_path)
    assert _checked(["--no-respect-gitignore", "."], tmp_path) == [
        "flows/broken.json",
        "generated/welcome.json",
        "requests/create.json",
        "src/foo.json",
        "src/welcome.tmp.json",
    ]
    (tmp_path / "flowlint.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert "generated/welcome.json" in _checked(["."], tmp_path)
    assert "generated/welcome.json" not in _checked(["--respect-gitignore", "."], tmp_path)


def test_a_glob_yields_what_a_walk_would(tmp_path: Path) -> None:
    _project(tmp_path)
    assert _checked(["*.json"], tmp_path) == []  # package.json and tsconfig.json: no flow among them
    assert _checked(["**/*.json"], tmp_path) == ["flows/broken.json", "requests/create.json", "src/foo.json"]
    assert _checked(["generated/*.json"], tmp_path) == []


def test_a_file_named_explicitly_is_always_checked(tmp_path: Path) -> None:
    _project(tmp_path)
    result = run_cli(["--format", "concise", "-q", "package.json"], cwd=tmp_path)
    assert result.stdout.startswith("package.json:1:1: FL101 ")
    named = ["generated/welcome.json", "tsconfig.json"]
    assert _checked(named, tmp_path) == named
    # A directory named is walked even when git ignores it.
    assert _checked(["generated"], tmp_path) == ["generated/welcome.json"]


def test_include_names_flows_that_the_content_does_not_show(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "flowlint.toml").write_text('extend-include = ["*.draft.json"]\n', encoding="utf-8")
    _tree(tmp_path, {"src/signup.draft.json": b"{", "src/other.json": b"{"})
    assert "src/signup.draft.json" in _checked(["."], tmp_path)
    assert "src/other.json" not in _checked(["."], tmp_path)
    # include replaces the defaults: flows/broken.json is no longer found by its place.
    (tmp_path / "flowlint.toml").write_text("include = []\n", encoding="utf-8")
    assert _checked(["."], tmp_path) == ["requests/create.json", "src/foo.json"]


def _readme_config() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    return next(block for block in blocks if "[tool.flowlint]" in block)


def test_the_readme_configuration_example_keeps_the_default_excludes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(_readme_config(), encoding="utf-8")
    settings = load(tmp_path / "pyproject.toml")
    assert settings.exclude == DEFAULT_EXCLUDE  # the example adds to them (extend-exclude), not replaces them
    assert "fixtures/" in settings.extend_exclude
    _project(tmp_path)
    _tree(tmp_path, {"fixtures/flow.json": CLEAN})
    assert _checked(["."], tmp_path) == ["flows/broken.json", "requests/create.json", "src/foo.json"]


def test_flowlint_config_shows_the_discovery_settings(tmp_path: Path) -> None:
    out = run_cli(["config", "--isolated"], cwd=tmp_path).stdout
    assert 'include = ["*flow*.json", "flow", "flows",' in out
    assert "extend-include = []" in out
    assert "respect-gitignore = true" in out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real flows is not here")
def test_every_real_flow_is_found_by_its_content(tmp_path: Path) -> None:
    assert len(_checked([str(CORPUS)], tmp_path)) == 42
    (tmp_path / "flowlint.toml").write_text("include = []\n", encoding="utf-8")
    found = _checked(["--config", "flowlint.toml", str(CORPUS)], tmp_path)
    assert len(found) == 42  # not by their names: include is empty
    assert _checked(["--config", "flowlint.toml", str(REPO / "examples")], tmp_path) == [
        str(REPO / "examples" / "appointment-booking.json"),
        str(REPO / "examples" / "hello-world.json"),
    ]


# --- what looks like Flow JSON -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flow"),
    [
        (b'{"version": "7.3", "screens": []}', True),
        (b'\xef\xbb\xbf\n {"screens": [', True),  # a byte order mark; broken further on
        (b'{"version": "7.3" "routing_model": {}}', True),  # a missing comma does not hide the key
        (b'{"data_api_version": "3.0"}', True),
        (b'{"name": "x", "categories": ["OTHER"], "flowJson": "{}"}', True),
        (b'{"version": "1.0.0", "name": "pkg"}', False),  # package.json
        (b'{"manifest_version": 3, "version": "1.0"}', False),
        (b'{"properties": {"screens": {"type": "array"}}}', False),  # a schema: "screens" is not top level
        (b'{"a": "\\"screens\\": 1"}', False),  # inside a string
        (b'[{"screens": []}]', False),
        (b'{} {"screens": []}', False),
        (b"", False),
    ],
)
def test_a_flow_is_recognised_by_its_top_level_keys(text: bytes, flow: bool, tmp_path: Path) -> None:
    (tmp_path / "f.json").write_bytes(text)
    assert looks_like_flow(tmp_path / "f.json") is flow


def test_only_the_head_of_a_file_is_read(tmp_path: Path) -> None:
    padding = b'"' + b"x" * (2 * SNIFF_BYTES) + b'"'
    (tmp_path / "late.json").write_bytes(b'{"version": "7.3", "comment": ' + padding + b', "screens": []}')
    (tmp_path / "none.json").write_bytes(b'{"comment": ' + padding + b', "screens": []}')
    assert looks_like_flow(tmp_path / "late.json")  # version, then the read ended before a deciding key
    assert not looks_like_flow(tmp_path / "none.json")


# --- gitignore ---------------------------------------------------------------------------------------------

_IGNORE_TREE = {
    ".gitignore": b"*.log.json\n!keep.log.json\nout/\n/top.json\ndocs/**/gen.json\n\\#hash.json\nspace.json\\ \n"
    b"[ab]?.json\n",
    ".git/info/exclude": b"local.json\n",
    "a.log.json": b"",
    "keep.log.json": b"",
    "top.json": b"",
    "sub/top.json": b"",
    "sub/out/x.json": b"",
    "out": b"",  # a file: "out/" names directories only
    "docs/gen.json": b"",
    "docs/a/b/gen.json": b"",
    "#hash.json": b"",
    "space.json ": b"",
    "a1.json": b"",
    "ab.json": b"",
    "local.json": b"",
    "sub/local.json": b"",
    "nested/.gitignore": b"!a.log.json\n*.json\n!n.json\n",
    "nested/a.log.json": b"",
    "nested/n.json": b"",
    "nested/m.json": b"",
    "module/.git": b"gitdir: ../.git/modules/module\n",  # a submodule: the parent's patterns stop here
    "module/a.log.json": b"",
    "module/.gitignore": b"m.json\n",
    "module/m.json": b"",
}


def _ignored_by_flowlint(root: Path) -> set[str]:
    ignores = GitIgnores()
    paths = [p for p in root.rglob("*") if p.is_file() and ".git" not in p.relative_to(root).parts]
    return {
        p.relative_to(root).as_posix()
        for p in paths
        if p.name not in (".gitignore",) and ignores.ignored(str(p), is_dir=False)
    }


def test_gitignore_patterns_are_read_as_git_reads_them(tmp_path: Path) -> None:
    _tree(tmp_path, _IGNORE_TREE)
    assert _ignored_by_flowlint(tmp_path) == {
        "a.log.json",
        "top.json",
        "sub/out/x.json",
        "docs/gen.json",
        "docs/a/b/gen.json",
        "#hash.json",
        "space.json ",
        "a1.json",
        "ab.json",
        "local.json",
        "sub/local.json",
        "nested/m.json",
        "nested/a.log.json",  # the nested file re-included it, then its own "*.json" ignored it again
        "module/m.json",
    }


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_matching_agrees_with_git(tmp_path: Path) -> None:
    tree = {name: data for name, data in _IGNORE_TREE.items() if not name.startswith(("module/", ".git/"))}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _tree(tmp_path, tree)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_bytes(_IGNORE_TREE[".git/info/exclude"])
    names = [name for name in tree if not name.endswith(".gitignore")]
    answer = subprocess.run(
        ["git", "-c", "core.excludesFile=", "check-ignore", "--no-index", "--stdin", "-z"],
        cwd=tmp_path,
        input="\0".join(names).encode() + b"\0",
        capture_output=True,
        check=False,
    )
    by_git = {name for name in answer.stdout.decode().split("\0") if name}
    assert _ignored_by_flowlint(tmp_path) == by_git


def test_outside_a_repository_no_gitignore_applies(tmp_path: Path) -> None:
    _tree(tmp_path, {".gitignore": b"*.json\n", "flows/a.json": CLEAN})
    assert _checked(["."], tmp_path) == ["flows/a.json"]


# --- the pre-commit hook and include agree -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "flows/a.json",
        "src/flows/sub/a.json",
        "flow/a.json",
        "whatsapp-flows/a.json",
        "x/whatsapp_flow/a.json",
        "whatsappflows/a.json",
        "signup-flow.json",
        "src/myflow.v2.json",
        "package.json",
        "myflows/a.json",
        "src/a.json",
        "flowsx/a.json",
    ],
)
def test_the_default_include_matches_what_the_hook_matches(path: str, tmp_path: Path) -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    by_hook = re.search(hook["files"], path) is not None
    assert Settings(root=tmp_path).included(tmp_path / path) is by_hook
