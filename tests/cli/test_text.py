"""The text format: headline, code frame under the span, colour rules."""

from __future__ import annotations

from pathlib import Path

import pytest

import flowlint

from flowlint.positions import LineIndex
from flowlint.reporters.text import MAX_WIDTH, code_frame

from .conftest import run_cli


def test_caret_sits_under_the_span() -> None:
    index = LineIndex('{\n  "version": 7.3\n}')
    start = index.text.index("7.3")
    assert code_frame(index, start, start + 3, label="version") == [
        "  |",
        '2 |   "version": 7.3',
        "  |              ^^^ version",
    ]


def test_wide_characters_and_tabs_keep_the_caret_aligned() -> None:
    index = LineIndex('{"t":\t"日本", "x": 1}')
    start = index.text.index('"x"')
    frame = code_frame(index, start, start + 3)
    # 日 and 本 take two cells each on a terminal; the tab stays a tab so it expands the same way.
    assert frame[2] == "  | " + " " * 5 + "\t" + " " * 8 + "^^^"


def test_a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line() -> None:
    index = LineIndex('{\n  "a": {\n    "b": 1\n  }\n}')
    start = index.text.index("{", 1)
    assert code_frame(index, start, index.text.index("}") + 1)[2] == "  |        ^"


def test_long_minified_lines_are_cut_around_the_span() -> None:
    text = '{"data": "' + "x" * 5000 + '", "version": 7.3}'
    index = LineIndex(text)
    start = text.index("7.3")
    frame = code_frame(index, start, start + 3)
    assert len(frame[1]) < MAX_WIDTH + 10
    assert frame[1].startswith("1 | …") and "7.3" in frame[1]
    assert frame[2].index("^") == frame[1].index("7.3")


def test_an_error_at_the_end_of_the_file_points_just_after_the_last_character() -> None:
    index = LineIndex('{"version": "7.3"')
    frame = code_frame(index, len(index.text), len(index.text))
    assert frame[2] == "  | " + " " * len(index.text) + "^"


def test_control_characters_are_not_sent_to_the_terminal() -> None:
    index = LineIndex('{"a": 1,\r\n "b": 2\x7f}')
    assert "\r" not in "".join(code_frame(index, 1, 4))


def test_no_show_source_prints_headlines_only() -> None:
    out = run_cli(["--no-show-source", "fixtures/errors.json"]).stdout
    assert out.splitlines()[:2] == [
        "fixtures/errors.json:7:7: FL004 Duplicate key 'title': only this last occurrence is used.",
        "fixtures/errors.json:2:14: FL102 Given Flow JSON version is not supported. Please refer the supported "
        "versions at https://developers.facebook.com/docs/whatsapp/flows/changelogs#currently-supported-versions.",
    ]


def test_quiet_drops_the_summary() -> None:
    assert "Found" not in run_cli(["-q", "fixtures/errors.json"]).stdout
    assert run_cli(["-q", "fixtures/clean.json"]).stdout == ""
    assert run_cli(["fixtures/clean.json"]).stdout == "All checks passed (1 file checked).\n"


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    assert "\x1b[" in run_cli(["--color", "always", "fixtures/errors.json"]).stdout
    assert "\x1b[" not in run_cli(["--color", "never", "fixtures/errors.json"]).stdout
    # CliRunner's stdout is not a terminal: auto means no colour.
    assert "\x1b[" not in run_cli(["fixtures/errors.json"]).stdout


def test_no_color_turns_auto_colour_off_even_on_a_terminal(monkeypatch: object) -> None:
    import sys

    from flowlint.cli import _use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    mp = monkeypatch  # pytest's MonkeyPatch
    mp.setattr(sys, "stdout", Tty())  # type: ignore[attr-defined]
    mp.delenv("NO_COLOR", raising=False)  # type: ignore[attr-defined]
    mp.delenv("TERM", raising=False)  # type: ignore[attr-defined]
    assert _use_color("auto") is True
    mp.setenv("NO_COLOR", "1")  # type: ignore[attr-defined]
    assert _use_color("auto") is False
    assert _use_color("always") is True  # an explicit flag wins, as no-color.org asks


def test_statistics_counts_per_rule(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"v{i}.flow.json").write_text('{"version": 7.3}', encoding="utf-8")
    (tmp_path / "m.flow.json").write_text("{}", encoding="utf-8")  # found by name: it holds no flow key
    result = run_cli(["--statistics", "."], cwd=tmp_path)
    assert result.stdout == "3  FL102  error    unsupported-version\n1  FL101  error    missing-version\n"
    assert result.exit_code == 1


def test_a_problem_on_a_very_long_line_is_shown_in_a_window_without_measuring_the_whole_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A minified flow is one line: measuring all of it for each of 1000 problems took minutes.
    from flowlint.reporters import FileResult, RenderOptions, text

    source = '{"version": "7.3", "pad": "' + "x" * 300_000 + '", ' + ", ".join(['"k": 1'] * 50) + "}"
    report = flowlint.lint(source)
    measured: list[int] = []
    real_width = text._char_width

    def counting(ch: str) -> int:
        measured.append(1)
        return real_width(ch)

    monkeypatch.setattr(text, "_char_width", counting)
    out = text.render([FileResult("f.json", report)], RenderOptions(color=False))
    assert out.count("FL004") == 49
    assert len(measured) < 10 * text.MAX_WIDTH * len(report.diagnostics)  # measuring every line: 300 000 each
    assert max(len(line) for line in out.splitlines()) < 2 * text.MAX_WIDTH + 300
