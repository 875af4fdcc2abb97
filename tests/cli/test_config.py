"""Configuration files: discovery, every key checked with file and line, command line over file."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowlint.config import ConfigError, Settings, discover, load, path_matches

from .conftest import FIXTURES, run_cli

ERRORS = (FIXTURES / "errors.json").read_bytes()  # FL004 warning + FL102 error
CLEAN = (FIXTURES / "clean.json").read_bytes()


def _project(tmp_path: Path, config_name: str, config_text: str) -> Path:
    (tmp_path / config_name).write_text(config_text, encoding="utf-8")
    flows = tmp_path / "flows" / "deep"
    flows.mkdir(parents=True)
    (flows / "a.json").write_bytes(ERRORS)
    return flows / "a.json"


def test_pyproject_tool_table_is_found_by_walking_up_from_the_file(tmp_path: Path) -> None:
    flow = _project(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.flowlint]\nignore = ["FL102"]\n')
    assert discover(flow.parent) == tmp_path / "pyproject.toml"
    elsewhere = tmp_path.parent
    result = run_cli(["--format", "concise", str(flow)], cwd=elsewhere)  # cwd outside the project
    assert "FL102" not in result.stdout and "FL004" in result.stdout
    assert result.exit_code == 0


def test_a_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text('select = ["FL0"]\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "flowlint-user"\n', encoding="utf-8")
    assert discover(inner) == tmp_path / "flowlint.toml"


@pytest.mark.parametrize(
    "text",
    [
        '[tool.flowlint]\nselect = ["ALL"]\n',
        '[ tool . "flowlint" ]\nselect = ["ALL"]\n',
        '[tool]\nflowlint = { select = ["ALL"] }\n',
        'tool.flowlint.select = ["ALL"]\n',
        "tool = { flowlint = { select = ['ALL'] } }\n",
        '["tool".flowlint.rules]\nx = 1\n',
    ],
)
def test_every_spelling_of_our_pyproject_table_is_found(tmp_path: Path, text: str) -> None:
    project = '[project]\nname = "x"\n'
    # root keys come before the first table header; a table can follow another
    content = project + text if text.startswith("[") else text + project
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    assert discover(tmp_path) == tmp_path / "pyproject.toml"


def test_a_pyproject_naming_flowlint_only_as_a_dependency_is_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["flowlint>=1"]\n\n[tool.ruff]\nline-length = 100\n', encoding="utf-8"
    )
    assert discover(tmp_path) is None


def test_dot_flowlint_toml_wins_over_flowlint_toml_and_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "flowlint.toml", ".flowlint.toml"):
        text = "[tool.flowlint]\n" if name == "pyproject.toml" else ""
        (tmp_path / name).write_text(text + 'select = ["ALL"]\n', encoding="utf-8")
    assert discover(tmp_path) == tmp_path / ".flowlint.toml"
    (tmp_path / ".flowlint.toml").unlink()
    assert discover(tmp_path) == tmp_path / "flowlint.toml"


def test_no_configuration_means_defaults(tmp_path: Path) -> None:
    assert load_defaults_from(tmp_path) == Settings(root=tmp_path)


def load_defaults_from(directory: Path) -> Settings:
    from flowlint.config import load_settings

    found = discover(directory)
    return load_settings(config=None, start=directory) if found is None else load(found)


def test_unknown_key_is_reported_with_file_line_and_a_suggestion(tmp_path: Path) -> None:
    flow = _project(tmp_path, "pyproject.toml", '[tool.flowlint]\nformat = "concise"\n\nselct = ["FL1"]\n')
    result = run_cli([str(flow)], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "flowlint: error: pyproject.toml:4: unknown key 'selct' in [tool.flowlint] (did you mean 'select'?)\n"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'format = "xml"\n',
            1,
            "format: must be one of 'text', 'concise', 'api', 'graph', 'json', 'sarif', 'github', 'junit' (got 'xml')",
        ),
        ('\nselect = "FL1"\n', 2, "select: must be a list of strings"),
        (
            'ignore = ["E501"]\n',
            1,
            "ignore: 'E501' is not a rule code, prefix or name (e.g. 'FL102', 'FL1', 'FR0', 'duplicate-key', 'ALL')",
        ),
        ('ignore = ["FL999"]\n', 1, "ignore: unknown rule 'FL999' (see `flowlint rules`)"),
        (
            'target-version = "8.0"\n',
            1,
            "target-version: '8.0' is not a Flow JSON version flowlint knows (e.g. \"7.3\")",
        ),
        ("jobs = 0\n", 1, "jobs: must be a whole number of at least 1 (got 0)"),
        (
            "jobs = 99999999999999999999\n",
            1,
            "jobs: must be at most 1024 (got 99999999999999999999); more workers than CPUs are never started anyway",
        ),
        ('quiet = "yes"\n', 1, "quiet: must be true or false (got 'yes')"),
        ('color = "blue"\n', 1, "color: must be one of 'auto', 'always', 'never' (got 'blue')"),
        ('error-on = "info"\n', 1, "error-on: must be one of 'error', 'warning' (got 'info')"),
        (
            '[per-file-ignores]\n"legacy/*.json" = ["FL1", 3]\n',
            1,
            "per-file-ignores: pattern 'legacy/*.json': must be a list of strings",
        ),
    ],
)
def test_bad_values_are_reported_with_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    (tmp_path / "flowlint.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "flowlint.toml")
    assert caught.value.problems == [(str(tmp_path / "flowlint.toml"), line, message)]


def test_every_problem_of_a_file_is_reported_not_just_the_first(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text('colour = "never"\njobs = -1\n', encoding="utf-8")
    result = run_cli(["fixtures-none"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flowlint: error: flowlint.toml:1: unknown key 'colour' in flowlint.toml (did you mean 'color'?)",
        "flowlint: error: flowlint.toml:2: jobs: must be a whole number of at least 1 (got -1)",
    ]


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text('select = ["FL1"]\nignore = [\n', encoding="utf-8")
    result = run_cli(["x.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("flowlint: error: flowlint.toml:3: invalid TOML: ")


def test_config_option_pointing_at_a_directory_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(["--config", ".", "x.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "flowlint: error: .: is a directory, not a configuration file\n"


def test_config_option_and_isolated(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(ERRORS)
    (tmp_path / "flowlint.toml").write_text('ignore = ["FL1"]\n', encoding="utf-8")
    (tmp_path / "other.toml").write_text('ignore = ["FL0"]\n', encoding="utf-8")
    assert run_cli(["-q", "--format", "concise", "a.json"], cwd=tmp_path).stdout.count("FL") == 1
    chosen = run_cli(["-q", "--format", "concise", "--config", "other.toml", "a.json"], cwd=tmp_path).stdout
    assert "FL102" in chosen and "FL004" not in chosen
    assert run_cli(["-q", "--format", "concise", "--isolated", "a.json"], cwd=tmp_path).stdout.count("FL") == 2


def test_command_line_options_override_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(ERRORS)
    (tmp_path / "flowlint.toml").write_text(
        'format = "json"\nerror-on = "warning"\nselect = ["FL0"]\n', encoding="utf-8"
    )
    from_file = run_cli(["a.json"], cwd=tmp_path)
    assert from_file.stdout.startswith("[") and from_file.exit_code == 1  # FL004 warning fails with error-on
    overridden = run_cli(["--format", "concise", "--error-on", "error", "--select", "FL1", "a.json"], cwd=tmp_path)
    assert overridden.stdout.startswith("a.json:2:14: FL102") and overridden.exit_code == 1
    extended = run_cli(["--format", "concise", "-q", "--extend-select", "FL1", "a.json"], cwd=tmp_path)
    assert extended.stdout.count("\n") == 2


def test_per_file_ignores_and_excludes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.flowlint]\n"
        'extend-exclude = ["drafts", "*.min.json"]\n'
        "\n"
        "[tool.flowlint.per-file-ignores]\n"
        '"legacy/*.json" = ["FL102"]\n',
        encoding="utf-8",
    )
    for name in ("legacy/old.json", "current/new.json", "drafts/d.json", "current/x.min.json", "node_modules/m.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text('{"version": 7.3, "screens": []}', encoding="utf-8")
    out = run_cli(["--format", "concise", "-q", "."], cwd=tmp_path).stdout
    assert out == "current/new.json:1:13: FL102 " + out.split(" FL102 ", 1)[1]
    assert out.count("\n") == 1
    # Named explicitly, an excluded file is still checked, unless --force-exclude (the pre-commit hook's way).
    assert run_cli(["-q", "--format", "concise", "drafts/d.json"], cwd=tmp_path).stdout.count("FL102") == 1
    assert run_cli(["-q", "--force-exclude", "drafts/d.json"], cwd=tmp_path).stdout == ""


def test_an_unknown_per_file_ignores_line_is_found_in_its_sub_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flowlint]\nselect = ["ALL"]\n\n[tool.flowlint.per-file-ignores]\n"a/*.json" = "FL1"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "pyproject.toml")
    assert caught.value.problems[0][1] == 4


def test_pattern_matching_rules() -> None:
    root = Path("/project")
    assert path_matches(Path("/project/node_modules/x/a.json"), "node_modules", root=root)
    assert path_matches(Path("/project/flows/legacy/a.json"), "flows/legacy", root=root)
    assert not path_matches(Path("/project/other/flows/legacy/a.json"), "flows/legacy", root=root)
    assert path_matches(Path("/project/a.min.json"), "*.min.json", root=root)
    # Outside the configured tree only the name can match: a parent called "build" does not exclude.
    assert not path_matches(Path("/elsewhere/build/a.json"), "build", root=root)


def test_flowlint_config_prints_the_effective_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flowlint]\ntarget-version = "7.3"\nignore = ["FL103"]\n\n'
        '[tool.flowlint.per-file-ignores]\n"old/*" = ["FL1"]\n',
        encoding="utf-8",
    )
    result = run_cli(["config"], cwd=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"# from {tmp_path / 'pyproject.toml'} [tool.flowlint]"
    assert 'target-version = "7.3"' in lines and 'ignore = ["FL103"]' in lines
    assert lines[-2:] == ["[per-file-ignores]", '"old/*" = ["FL1"]']
    # What it prints is a valid flowlint.toml that gives the same settings.
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "flowlint.toml").write_text(result.stdout, encoding="utf-8")
    assert load(tmp_path / "copy" / "flowlint.toml") == load(tmp_path / "pyproject.toml")


def test_flowlint_config_with_a_broken_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text("nope = 1\n", encoding="utf-8")
    result = run_cli(["config"], cwd=tmp_path)
    assert result.exit_code == 2 and "unknown key 'nope'" in result.stderr


def test_a_missing_config_file_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(["--config", "nope.toml", "x.json"], cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (2, "flowlint: error: nope.toml: No such file or directory\n")


def test_ignore_on_the_command_line_adds_to_the_file_and_select_brings_a_code_back(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(ERRORS)  # FL004 warning, FL102 error
    (tmp_path / "flowlint.toml").write_text('ignore = ["FL102"]\n', encoding="utf-8")
    both = run_cli(["-q", "--format", "concise", "--ignore", "FL004", "a.json"], cwd=tmp_path)
    assert (both.exit_code, both.stdout) == (0, "")
    back = run_cli(["-q", "--format", "concise", "--select", "FL102", "a.json"], cwd=tmp_path)
    assert back.stdout.startswith("a.json:2:14: FL102") and back.stdout.count("\n") == 1


def test_a_tool_table_in_flowlint_toml_gets_a_hint(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text('[tool.flowlint]\nselect = ["FL1"]\n', encoding="utf-8")
    result = run_cli(["config"], cwd=tmp_path)
    assert result.stderr == (
        "flowlint: error: flowlint.toml:1: unknown key 'tool' in flowlint.toml "
        "(in flowlint.toml the keys go at the top level, without [tool.flowlint])\n"
    )


# Issue 24: hostile configuration files get a clear error (status 2) in bounded time, never a traceback.


def test_each_unknown_key_gets_its_line_from_one_scan_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point 4: each key's line was found by rescanning the file (20 000 keys: over 60 s)."""
    from flowlint import config

    count = 5000
    (tmp_path / "flowlint.toml").write_text("".join(f"k{i} = 1\n" for i in range(count)), encoding="utf-8")
    lines_read: list[str] = []
    header = config._table_header
    monkeypatch.setattr(config, "_table_header", lambda line: lines_read.append(line) or header(line))
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "flowlint.toml")
    assert [line for _file, line, _message in caught.value.problems] == list(range(1, count + 1))
    assert len(lines_read) == count  # every line once


def test_a_long_line_in_a_multi_line_string_does_not_stall_the_line_search(tmp_path: Path) -> None:
    # The header pattern ^\s*\[\[?\s*(.+?)\s*\]... took 538 s on "[" and 10 000 spaces.
    text = 'a = """\n[' + " " * 200_000 + 'x\n"""\nbad-key = 1\n'
    (tmp_path / "flowlint.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(tmp_path / "flowlint.toml")
    assert [line for _file, line, _message in caught.value.problems] == [1, 4]


def test_a_pyproject_of_blank_lines_is_passed_over_in_linear_time(tmp_path: Path) -> None:
    # `^\s*\[` in the "may hold our table" pattern crossed lines: quadratic in blank lines (40 000: 24 s).
    (tmp_path / "pyproject.toml").write_text("# flowlint\n" + "\n" * 500_000, encoding="utf-8")
    assert discover(tmp_path) is None


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deeply_nested_toml_is_a_config_error(tmp_path: Path, depth: int) -> None:
    """Point 9: `x = [[[...` 1000 deep raised RecursionError from tomllib (exit 1)."""
    (tmp_path / "flowlint.toml").write_text("x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    (tmp_path / "a.json").write_bytes(CLEAN)
    result = run_cli(["a.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: flowlint.toml: invalid TOML: arrays or tables nest too deeply to be read\n"
    )


def test_an_integer_too_long_for_python_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text("jobs = " + "1" * 5000 + "\n", encoding="utf-8")
    (tmp_path / "a.json").write_bytes(CLEAN)
    result = run_cli(["a.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("flowlint: error: flowlint.toml: invalid TOML: a value cannot be read (")


def test_a_huge_or_endless_config_file_is_refused_at_1_mb(tmp_path: Path) -> None:
    """Point 6: `--config /dev/zero` reached 12 GB."""
    max_config_bytes = 1_048_576  # flowlint.config.MAX_CONFIG_BYTES

    (tmp_path / "a.json").write_bytes(CLEAN)
    with open(tmp_path / "big.toml", "wb") as handle:
        handle.truncate(max_config_bytes + 1)  # sparse: costs no disk
    for config in ("big.toml", "/dev/zero"):
        result = run_cli(["--config", config, "a.json"], cwd=tmp_path)
        assert result.exit_code == 2, config
        assert result.stderr == (
            f"flowlint: error: {config}: is larger than 1 MB: not a configuration file (not read further)\n"
        )
    (tmp_path / "ok.toml").write_text("# " + "x" * (max_config_bytes - 100) + "\n", encoding="utf-8")
    assert run_cli(["--config", "ok.toml", "a.json"], cwd=tmp_path).exit_code == 0
    from flowlint.config import MAX_CONFIG_BYTES

    assert MAX_CONFIG_BYTES == max_config_bytes


def test_a_directory_that_cannot_be_searched_is_passed_over_by_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point 8: as an unprivileged user, `flowlint unread/noexec/y.json` (noexec mode drw-r--r--) gave a
    PermissionError traceback from discover. Root reads every directory, so the refusal is simulated."""
    import os

    (tmp_path / "flowlint.toml").write_text('ignore = ["FL004"]\n', encoding="utf-8")
    noexec = tmp_path / "unread" / "noexec"
    noexec.mkdir(parents=True)
    (noexec / "y.json").write_bytes(ERRORS)
    real_stat = os.stat

    def refusing_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path).startswith(str(noexec) + os.sep):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", refusing_stat)
    assert discover(noexec / "y.json") == tmp_path / "flowlint.toml"
    assert discover(noexec) == tmp_path / "flowlint.toml"
    result = run_cli(["--format", "concise", "-q", "unread/noexec/y.json"], cwd=tmp_path)
    assert result.exit_code == 1  # read: only the search for .flowlint.toml & co. was refused
    assert "FL004" not in result.stdout and "FL102" in result.stdout
