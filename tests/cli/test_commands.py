"""Sub-commands: rules, explain, config (in test_config), schema, and the lazy command table."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import click
import pytest

from flowlint import cli as cli_module
from flowlint.catalog import all_rules

from .conftest import run_cli


def test_rules_lists_every_rule_with_its_columns() -> None:
    result = run_cli(["rules"])
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "META", "CODE", "SEVERITY", "VERSIONS", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(all_rules())
    fl103 = next(line for line in lines if line.startswith("FL103"))
    assert fl103.split()[:5] == ["FL103", "version-not-publishable", "INVALID_FLOW_JSON_VERSION", "warning", "2.1-5.0"]


def test_rules_with_a_prefix_and_as_json() -> None:
    assert [line.split()[0] for line in run_cli(["rules", "fl1"]).stdout.splitlines()[1:]] == [
        code for code in all_rules() if code.startswith("FL1")
    ]
    rows = json.loads(run_cli(["rules", "--format", "json"]).stdout)
    assert rows[0].keys() == {"code", "name", "summary", "meta_error", "severity", "versions", "source", "doc"}


def test_explain_prints_the_rule_doc_by_code_or_name() -> None:
    by_code = run_cli(["explain", "fl102"])
    assert by_code.exit_code == 0
    assert by_code.stdout.startswith("FL102 unsupported-version\n")
    assert all_rules()["FL102"].doc in by_code.stdout
    assert run_cli(["explain", "unsupported-version"]).stdout == by_code.stdout
    unknown = run_cli(["explain", "FL999"])
    assert (unknown.exit_code, unknown.stderr) == (2, "flowlint: error: unknown rule 'FL999' (see `flowlint rules`)\n")


def test_check_is_also_an_explicit_command(tmp_path: Path) -> None:
    (tmp_path / "rules").write_text('{"version": 7.3}', encoding="utf-8")  # a file named like a command
    assert run_cli(["check", "rules"], cwd=tmp_path).exit_code == 1
    assert run_cli(["./rules"], cwd=tmp_path).exit_code == 1


def test_help_shows_the_check_options_commands_and_examples() -> None:
    out = run_cli(["--help"]).stdout
    for expected in ("--format", "--select", "--target-version", "Commands:", "explain", "Examples:", "Exit status:"):
        assert expected in out
    assert run_cli(["-h"]).stdout == out


def test_version() -> None:
    from flowlint import __version__

    assert run_cli(["--version"]).stdout == f"flowlint {__version__}\n"


def test_every_command_in_the_table_imports() -> None:
    # Nothing probes for a command's module any more: a broken line in COMMANDS must fail here, not hide a command.
    import importlib

    for name, target in cli_module.COMMANDS.items():
        module_name, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command) and command.name == name, target


def test_a_command_plugs_in_by_one_line_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "flowlint_test_plugin.py").write_text(
        textwrap.dedent(
            """
            import click

            @click.command("hello", short_help="Say hello.")
            def hello_command():
                click.echo("hello from a plug-in")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(cli_module.COMMANDS, "hello", "flowlint_test_plugin:hello_command")
    assert run_cli(["hello"]).stdout == "hello from a plug-in\n"
    assert "Say hello." in run_cli(["--help"]).stdout


def test_schema_prints_the_schema_stage_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("flowlint.schema")
    asked: list[str] = []

    def schema_for_version(text: str) -> dict[str, object]:
        asked.append(text)
        return {"$id": f"flow-json-{text}", "type": "object"}

    module.schema_for_version = schema_for_version  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "flowlint.schema", module)
    result = run_cli(["schema", "6.1"])
    assert (result.exit_code, json.loads(result.stdout), asked) == (
        0,
        {"$id": "flow-json-6.1", "type": "object"},
        ["6.1"],
    )
    assert run_cli(["schema", "9.9"]).exit_code == 2


def test_schema_takes_the_version_as_an_option_too() -> None:
    by_option = run_cli(["schema", "--version", "6.1"])
    assert by_option.exit_code == 0
    assert json.loads(by_option.stdout)["$id"].endswith("6.1")
    assert by_option.stdout == run_cli(["schema", "6.1"]).stdout
    clash = run_cli(["schema", "--version", "6.1", "7.0"])
    assert clash.exit_code == 2 and "two different versions" in clash.stderr


def test_importing_the_cli_loads_no_sub_command_and_no_heavy_module() -> None:
    """What `flowlint --version` and a plain check pay for at start-up (budget ~60 ms)."""
    code = (
        "import sys, flowlint.cli; "
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('flowlint.', 'lark', 'jsonschema', "
        "'xml', 'concurrent', 'tomllib', 'tomli', 'multiprocessing')))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    modules = set(loaded.split(","))
    assert not {
        m for m in modules if m.startswith(("lark", "jsonschema", "xml", "concurrent", "tomllib", "multiprocessing"))
    }
    assert not {m for m in modules if m.startswith("flowlint.cli.") or m.startswith("flowlint.reporters.")}


def test_the_format_choice_is_built_from_the_reporter_table() -> None:
    from flowlint.reporters import REPORTERS

    option = next(p for p in cli_module.check_command.params if p.name == "output_format")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == list(REPORTERS)
