"""Every output format against golden files, plus what each format promises on its own.

The fixtures only produce findings of the parser and the version gate (fixtures/README.md), so the
goldens hold whatever schema and rule checks land. Regenerate: FLOWLINT_UPDATE_GOLDEN=1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

import flowlint
from flowlint.catalog import all_rules
from flowlint.reporters import REPORTERS

from tests.golden import check_golden

from .conftest import FIXTURES, GOLDEN, HERE, run_cli

ALL_FIXTURES = ["fixtures/clean.json", "fixtures/errors.json", "fixtures/missing-version.json", "fixtures/syntax.json"]


def _normalise(fmt: str, text: str) -> str:
    """SARIF lists the whole rule catalog, which grows as rules land: compare that part (and the indexes
    into it) separately."""
    if fmt != "sarif":
        return text
    log = json.loads(text)
    driver = log["runs"][0]["tool"]["driver"]
    driver["rules"] = "<every rule of flowlint.catalog.all_rules(), checked by test_sarif_lists_every_rule>"
    driver["version"] = driver["semanticVersion"] = "<flowlint.__version__>"
    for result in log["runs"][0]["results"]:  # positions in that list: checked by the same test
        result["ruleIndex"] = f"<index of {result['ruleId']}>"
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _golden(name: str, text: str) -> None:
    check_golden(GOLDEN / name, text)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_matches_its_golden_file(fmt: str) -> None:
    result = run_cli(["--format", fmt, "--color", "never", *ALL_FIXTURES])
    assert result.exit_code == 1
    assert result.stderr == ""
    _golden(f"{fmt}.txt", _normalise(fmt, result.stdout))


@pytest.mark.parametrize("fmt", ["api", "graph", "json", "text"])
def test_one_file_matches_its_golden_file(fmt: str) -> None:
    result = run_cli(["--format", fmt, "--color", "never", "fixtures/errors.json"])
    assert result.exit_code == 1
    _golden(f"{fmt}-one-file.txt", result.stdout)


def test_api_for_one_file_is_exactly_the_validation_errors_array() -> None:
    data = (FIXTURES / "errors.json").read_bytes()
    result = run_cli(["--format", "api", "fixtures/errors.json"])
    assert json.loads(result.stdout) == flowlint.lint(data).to_api()
    first = json.loads(result.stdout)[0]
    assert list(first) == [
        "error",
        "errorType",
        "message",
        "lineStart",
        "lineEnd",
        "columnStart",
        "columnEnd",
        "pointers",
    ]


def test_api_for_stdin_is_the_bare_array_too() -> None:
    result = run_cli(["--format", "api", "-"], input=(FIXTURES / "errors.json").read_bytes())
    assert json.loads(result.stdout)[0]["error"] == "INVALID_FLOW_JSON_VERSION"


def test_api_for_several_files_is_an_object_keyed_by_file_in_input_order() -> None:
    result = run_cli(["--format", "api", "fixtures/syntax.json", "fixtures/clean.json"])
    document = json.loads(result.stdout)
    assert list(document) == ["fixtures/syntax.json", "fixtures/clean.json"]
    assert document["fixtures/clean.json"] == []
    assert document["fixtures/syntax.json"][0]["error"] == "INVALID_FLOW_JSON"


def test_api_for_a_directory_is_keyed_by_file_even_with_one_file(tmp_path: Path) -> None:
    (tmp_path / "only.json").write_bytes((FIXTURES / "clean.json").read_bytes())
    result = run_cli(["--format", "api", "."], cwd=tmp_path)
    assert json.loads(result.stdout) == {"only.json": []}


def test_graph_is_snake_case() -> None:
    result = run_cli(["--format", "graph", "fixtures/errors.json"])
    error = json.loads(result.stdout)[0]
    assert set(error) == {
        "error",
        "error_type",
        "message",
        "line_start",
        "line_end",
        "column_start",
        "column_end",
        "pointers",
    }
    assert set(error["pointers"][0]) == {"line_start", "line_end", "column_start", "column_end", "path"}


def test_json_keeps_warnings_rules_and_hints() -> None:
    files = json.loads(run_cli(["--format", "json", "fixtures/errors.json"]).stdout)
    assert [d["rule"] for d in files[0]["diagnostics"]] == ["FL004", "FL102"]
    assert files[0]["diagnostics"][0]["severity"] == "warning"
    assert files[0]["diagnostics"][1]["fix"] == 'write the version as a string: "7.3"'


def test_sarif_is_valid_sarif_2_1_0() -> None:
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(run_cli(["--format", "sarif", *ALL_FIXTURES, "fixtures/absent.json"]).stdout)
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["invocations"][0]["executionSuccessful"] is False  # absent.json could not be read
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"] for r in run["results"]}
    # FL102 at "version": 7.3 on line 2: the value token 7.3, end column exclusive, as in the API.
    assert regions["FL102"] == {"startLine": 2, "startColumn": 14, "endLine": 2, "endColumn": 17}
    # FL101 points at the whole root object, three lines.
    assert regions["FL101"] == {"startLine": 1, "startColumn": 1, "endLine": 3, "endColumn": 2}


def test_sarif_lists_every_rule_with_help_text() -> None:
    log = json.loads(run_cli(["--format", "sarif", "fixtures/errors.json"]).stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(all_rules())
    for descriptor, info in zip(driver["rules"], all_rules().values(), strict=True):
        assert descriptor["help"]["text"] == (info.doc or info.summary)
        assert descriptor["defaultConfiguration"]["level"] == info.severity
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_github_annotations_escape_what_the_runner_would_misread(tmp_path: Path) -> None:
    (tmp_path / "a,b:c%.json").write_text('{"version": 7.3}', encoding="utf-8")
    out = run_cli(["--format", "github", "a,b:c%.json"], cwd=tmp_path).stdout
    assert out.startswith("::error file=a%2Cb%3Ac%25.json,line=1,col=13,endLine=1,endColumn=16,title=FL102::Given")


def test_github_is_chosen_under_github_actions_unless_a_format_is_given() -> None:
    auto = run_cli(["fixtures/errors.json"], env={"GITHUB_ACTIONS": "true"}).stdout
    assert auto.splitlines()[0].startswith("::warning file=fixtures/errors.json,line=7,col=7,")
    explicit = run_cli(["--format", "concise", "fixtures/errors.json"], env={"GITHUB_ACTIONS": "true"}).stdout
    assert explicit.startswith("fixtures/errors.json:7:7: FL004 ")


def test_junit_has_one_testcase_per_file() -> None:
    out = run_cli(["--format", "junit", *ALL_FIXTURES, "fixtures/absent.json"]).stdout
    suite = ElementTree.fromstring(out).find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == [*ALL_FIXTURES, "fixtures/absent.json"]
    assert list(cases["fixtures/clean.json"]) == []
    assert cases["fixtures/errors.json"].find("failure").get("type") == "FL102"  # type: ignore[union-attr]
    assert cases["fixtures/absent.json"].find("error") is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")


def test_junit_warnings_fail_only_with_error_on_warning(tmp_path: Path) -> None:
    flow = (
        (FIXTURES / "clean.json")
        .read_text(encoding="utf-8")
        .replace('"terminal": true,', '"terminal": true, "terminal": true,')
    )
    (tmp_path / "dup.json").write_text(flow, encoding="utf-8")
    plain = ElementTree.fromstring(run_cli(["--format", "junit", "dup.json"], cwd=tmp_path).stdout)
    strict = ElementTree.fromstring(
        run_cli(["--format", "junit", "--error-on", "warning", "dup.json"], cwd=tmp_path).stdout
    )
    assert plain.find("testsuite/testcase/failure") is None
    assert plain.find("testsuite/testcase/system-out") is not None
    assert strict.find("testsuite/testcase/failure") is not None


LONE_SURROGATE_FLOW = b'{"version": "7.3", "\\udc80": 1, "\\udc80": 2, "screens": []}'


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_lone_surrogates_in_messages_never_crash_printing(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "s.json").write_bytes(LONE_SURROGATE_FLOW)
    result = run_cli(["--format", fmt, "--select", "FL004", "s.json"], cwd=tmp_path)
    assert result.exit_code == 0  # FL004 is a warning
    if fmt not in ("api", "graph"):  # those print errors only
        assert "\\udc80" in result.stdout
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
    if fmt == "junit":
        ElementTree.fromstring(result.stdout)


def test_output_format_is_an_alias_as_in_ruff() -> None:
    assert (
        run_cli(["--output-format", "concise", "fixtures/errors.json"]).stdout
        == run_cli(["--format", "concise", "fixtures/errors.json"]).stdout
    )


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_a_file_name_that_is_not_utf8_prints_in_every_format(fmt: str, tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.json"
    with open(raw, "wb") as handle:
        handle.write(b'{"version": 7.3, "screens": []}')
    result = run_cli(["--format", fmt, "."], cwd=tmp_path)
    assert result.exit_code == 1
    if fmt in ("json", "sarif", "api", "graph"):
        json.loads(result.stdout)
    if fmt == "junit":
        ElementTree.fromstring(result.stdout)
    if fmt == "sarif":
        assert (
            json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
                "uri"
            ]
            == "caf%E9.json"
        )
