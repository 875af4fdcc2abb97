"""Output a flow cannot forge (issue 24, points 13-15).

A flow's keys, values and names, a file name and ``--stdin-filename`` reach the output. In the human formats
(``text``, ``concise``, ``github``, ``flowlint request``) a newline there must not start a line of its own (a CI
log would take ``::error file=...`` as an annotation), and no control character (ESC, BEL, NUL, CR, C1) nor bidi
control may reach the terminal raw: they are shown as visible escapes. The machine formats (``json``, ``sarif``,
``api``) keep the exact strings; ``junit`` stays XML 1.0.
"""

from __future__ import annotations

import json
import re
import tempfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.config import Settings, to_toml
from flowlint.escaping import visible

from .conftest import run_cli

#: A forged annotation line, terminal commands (clear screen, set the window title), BEL, NUL, a lone CR,
#: NEL (C1), and the bidi controls RLO, LRI and RLM.
HOSTILE = "x\n::error file=evil.yml,line=1::forged\x1b[2J\x1b]0;pwned\x07\x00\rtail\u0085\u202e\u2066\u200f"
#: A file name cannot hold NUL (nor ``/``).
NAME = HOSTILE.replace("\x00", "") + ".json"
#: What may not appear raw in a human format: every C0 control but the tab and the line end, DEL, C1, the bidi
#: controls, the line and paragraph separators.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
#: flowlint's own colours, the only escape sequences it writes.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _screen(children: list[Any], **extra: Any) -> dict[str, Any]:
    layout = {"type": "SingleColumnLayout", "children": children}
    return {"id": "A", "title": "T", "terminal": True, "layout": layout, **extra}


_COMPLETE = {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}
_GO = {"type": "Footer", "label": "Go", "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": HOSTILE}, "payload": {}}}

#: Where the hostile text sits in the flow, and the rule that quotes it (in its message or its path).
FLOWS: dict[str, tuple[dict[str, Any], str]] = {
    "screen key": ({"version": "7.3", "screens": [_screen([_COMPLETE], **{HOSTILE: 1})]}, "FL201"),
    "navigate target": ({"version": "7.3", "screens": [_screen([_GO])]}, "FL310"),
    "Form name": (
        {"version": "7.3", "screens": [_screen([
            {"type": "TextInput", "name": HOSTILE, "label": "L"},
            {"type": "TextInput", "name": HOSTILE, "label": "L"},
            _COMPLETE,
        ])]},
        "FL601",
    ),
    "data key": (
        {"version": "7.3", "screens": [_screen([_COMPLETE], data={HOSTILE: {"type": "string", "__example__": 1}})]},
        "FL407",
    ),
}


def _flow_text(kind: str) -> str:
    return json.dumps(FLOWS[kind][0])


def _github_property(text: str) -> str:
    """The Actions toolkit's escaping of a property value (``command.ts``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _line_pattern(output_format: str, shown_name: str) -> re.Pattern[str]:
    """Every line the format can print; a forged ``::error file=evil.yml,line=1::`` line matches none."""
    name = re.escape(visible(shown_name))
    headline = rf"{name}:\d+:\d+: F[LR]\d+ .*"
    summary = r"Found \d+ .*|All checks passed .*"
    if output_format == "text":
        detail = r" +(\||at |= help: |= also at |help: ).*|\d+ \|.*"
        return re.compile(f"{headline}|{summary}|{detail}|")
    if output_format == "concise":
        return re.compile(f"{headline}|{summary}")
    assert output_format == "github"
    position = r",line=\d+,col=\d+,endLine=\d+,endColumn=\d+"
    return re.compile(rf"::(error|warning) file={re.escape(_github_property(visible(shown_name)))}({position})?"
                      r",title=F[LR]\d+::.*")


def _assert_cannot_be_forged(out: str, output_format: str, shown_name: str, *, shown: bool = True) -> None:
    """Every line is one the format prints, nothing raw; and, when ``shown``, the hostile text is shown escaped."""
    assert out.endswith("\n")
    pattern = _line_pattern(output_format, shown_name)
    for line in out.split("\n")[:-1]:
        assert pattern.fullmatch(line), f"not a flowlint line: {line!r}"
    assert RAW.search(SGR.sub("", out)) is None
    if shown:
        assert "forged" in out and "\\x1b[2J" in out


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --------------------------------------------------------------------------------------------------
# The escaping itself


def test_visible_escapes_controls_and_leaves_printable_text_alone() -> None:
    assert visible("a\nb\rc\x1b[2J\x07\x00\x7f") == "a\\nb\\rc\\x1b[2J\\x07\\x00\\x7f"
    assert visible("\u0085\u009b\u202e\u2066\u2069\u200e\u200f\u061c\u2028\udc80") == (
        "\\x85\\x9b\\u202e\\u2066\\u2069\\u200e\\u200f\\u061c\\u2028\\udc80"
    )
    ordinary = "مرحبا بالعالم · café · 日本語 · 👨\u200d👩\u200d👧 · Ω≈ç · tab\there · back\\slash \\n"
    assert visible(ordinary) is ordinary


# --------------------------------------------------------------------------------------------------
# Human formats: no forged line, nothing raw


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_flow_content_cannot_forge_a_line(tmp_path: Path, kind: str, output_format: str) -> None:
    (tmp_path / "flow.json").write_text(_flow_text(kind), encoding="utf-8")
    result = run_cli(["--format", output_format, "flow.json"], cwd=tmp_path)
    assert result.exit_code == 1
    assert FLOWS[kind][1] in result.stdout
    # A data key is in the path, which only the text format shows.
    shown = kind != "data key" or output_format == "text"
    _assert_cannot_be_forged(result.stdout, output_format, "flow.json", shown=shown)


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_a_file_name_cannot_forge_a_line(tmp_path: Path, output_format: str) -> None:
    (tmp_path / NAME).write_text(_flow_text("navigate target"), encoding="utf-8")
    result = run_cli(["--format", output_format, NAME], cwd=tmp_path)
    assert result.exit_code == 1
    _assert_cannot_be_forged(result.stdout, output_format, NAME)


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_the_stdin_filename_cannot_forge_a_line(tmp_path: Path, output_format: str) -> None:
    shown = HOSTILE + ".json"  # any text: NUL included
    result = run_cli(
        ["--format", output_format, "--stdin-filename", shown, "-"], cwd=tmp_path, input=_flow_text("screen key")
    )
    assert result.exit_code == 1
    _assert_cannot_be_forged(result.stdout, output_format, shown)


def test_a_file_name_cannot_forge_a_line_on_standard_error(tmp_path: Path) -> None:
    result = run_cli([NAME], cwd=tmp_path)  # no such file
    assert result.exit_code == 2
    first, *rest = result.stderr.split("\n")
    assert first.startswith("flowlint: error: x\\n::error file=evil.yml") and rest == [""]
    assert RAW.search(result.stderr) is None


def test_colour_codes_are_flowlint_s_own(tmp_path: Path) -> None:
    (tmp_path / NAME).write_text(_flow_text("data key"), encoding="utf-8")
    out = run_cli(["--color", "always", NAME], cwd=tmp_path).stdout
    assert "\x1b[" in out
    _assert_cannot_be_forged(SGR.sub("", out), "text", NAME)


def test_control_characters_in_the_source_are_escaped_in_the_code_frame(tmp_path: Path) -> None:
    # Raw controls in a string are a syntax error (FL001) whose code frame shows the line that holds them.
    (tmp_path / "raw.json").write_bytes('{"version": "7.3", "a\x1b[2J\tb\x07": [}\r\u0085\u202e\n'.encode())
    out = run_cli(["raw.json"], cwd=tmp_path).stdout
    _assert_cannot_be_forged(out, "text", "raw.json", shown=False)
    source, carets = out.splitlines()[2:4]
    assert source == '1 | {"version": "7.3", "a\\x1b[2J\tb\\x07": [}\\r\\x85\\u202e'
    assert carets.index("^") == source.index("\\x1b")  # the tab kept, the caret under the escape


# --------------------------------------------------------------------------------------------------
# Machine formats: well formed, the exact strings


@pytest.mark.parametrize("kind", sorted(FLOWS))
def test_machine_formats_keep_the_exact_text(tmp_path: Path, kind: str) -> None:
    (tmp_path / "flow.json").write_text(_flow_text(kind), encoding="utf-8")
    for output_format in ("json", "sarif", "api"):
        out = run_cli(["--format", output_format, "flow.json"], cwd=tmp_path).stdout
        assert any(HOSTILE in s for s in _strings(json.loads(out))), output_format
    junit = run_cli(["--format", "junit", "flow.json"], cwd=tmp_path).stdout
    failure = ElementTree.fromstring(junit).find("testsuite/testcase/failure")
    assert failure is not None and failure.text is not None
    # XML 1.0 cannot carry ESC or NUL, and a reader turns CR into a line break: the failure lists lines.
    assert all(line.startswith("flow.json:") for line in failure.text.split("\n"))
    assert RAW.search(failure.text) is None
    assert kind == "data key" or "forged\\x1b[2J" in failure.text  # a data key is only in the path


def test_machine_formats_keep_the_exact_file_name(tmp_path: Path) -> None:
    (tmp_path / NAME).write_text(_flow_text("navigate target"), encoding="utf-8")
    data = json.loads(run_cli(["--format", "json", NAME], cwd=tmp_path).stdout)
    assert data[0]["file"] == NAME
    sarif = json.loads(run_cli(["--format", "sarif", NAME], cwd=tmp_path).stdout)
    assert sarif["runs"][0]["results"]
    # JUnit: the attributes keep what XML 1.0 can hold (line breaks, tabs) exactly, the rest as \uXXXX.
    xml_name = "x\n::error file=evil.yml,line=1::forged\r\t.json"
    (tmp_path / xml_name).write_text(_flow_text("navigate target"), encoding="utf-8")
    case = ElementTree.fromstring(run_cli(["--format", "junit", NAME, xml_name], cwd=tmp_path).stdout)
    names = [c.get("name") for c in case.iter("testcase")]
    assert names[1] == xml_name
    assert names[0] == re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"\\u{ord(m.group()):04x}", NAME)


# --------------------------------------------------------------------------------------------------
# flowlint request


def _request_body() -> str:
    body = {
        "name": "n",
        "categories": ["OTHER"],
        "flowJson": _flow_text("navigate target"),  # FL310 inside the flowJson, at a path
        "endPointUri": "http://" + HOSTILE,  # FR012
        HOSTILE: 1,  # FR014
    }
    return json.dumps(body)


@pytest.mark.parametrize("file_name", ["request.json", NAME])
def test_request_text_cannot_be_forged(tmp_path: Path, file_name: str) -> None:
    (tmp_path / file_name).write_text(_request_body(), encoding="utf-8")
    result = run_cli(["request", file_name], cwd=tmp_path)
    assert result.exit_code == 1
    out = result.stdout
    for code in ("FR012", "FR014", "FL310"):
        assert code in out
    name = re.escape(visible(file_name))
    pattern = re.compile(rf"{name}:\d+:\d+: F[LR]\d+ (error|warning): .*|    fix: .*|{name}: \d+ errors?, .*")
    for line in out.split("\n")[:-1]:
        assert pattern.fullmatch(line), f"not a flowlint line: {line!r}"
    assert RAW.search(out) is None and "\\x1b[2J" in out
    github = run_cli(["request", "--format", "github", file_name], cwd=tmp_path).stdout
    _assert_cannot_be_forged(github, "github", file_name)


def test_request_machine_formats_keep_the_exact_text(tmp_path: Path) -> None:
    (tmp_path / "request.json").write_text(_request_body(), encoding="utf-8")
    for output_format in ("json", "api", "sarif"):
        out = run_cli(["request", "--format", output_format, "request.json"], cwd=tmp_path).stdout
        assert any(HOSTILE in s for s in _strings(json.loads(out))), output_format


# --------------------------------------------------------------------------------------------------
# flowlint config


def _toml_string(text: str) -> str:
    return '"' + "".join(ch if ch.isalnum() else f"\\U{ord(ch):08x}" for ch in text) + '"'


def test_config_output_reads_back_whatever_a_setting_holds(tmp_path: Path) -> None:
    nasty = ["".join(map(chr, range(0x20))) + '\x7f"\\', "\u0085\u009b\u202e\u2066 é 日本 👍", HOSTILE]
    folder = tmp_path / "conf\nx = 1 \x1b"  # the directory name is in the first line, a comment
    folder.mkdir()
    (folder / "flowlint.toml").write_text(
        f"exclude = [{', '.join(map(_toml_string, nasty))}]\n"
        f"[per-file-ignores]\n{_toml_string(HOSTILE)} = [\"FL201\"]\n",
        encoding="utf-8",
    )
    result = run_cli(["config"], cwd=folder)
    assert result.exit_code == 0
    assert RAW.search(result.stdout) is None
    parsed = tomllib.loads(result.stdout)
    assert parsed["exclude"] == nasty
    assert parsed["per-file-ignores"] == {HOSTILE: ["FL201"]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=3), st.dictionaries(st.text(), st.just(("FL201",)), max_size=3))
def test_to_toml_round_trips_any_string(patterns: list[str], ignores: dict[str, tuple[str, ...]]) -> None:
    with tempfile.TemporaryDirectory() as root:
        chosen = Settings(exclude=tuple(patterns), per_file_ignores=tuple(ignores.items()), root=Path(root))
        parsed = tomllib.loads(to_toml(chosen))
    assert parsed["exclude"] == patterns
    assert parsed.get("per-file-ignores", {}) == {k: list(v) for k, v in ignores.items()}
