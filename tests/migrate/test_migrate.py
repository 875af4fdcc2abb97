"""``flowlint migrate``: every real flow below 5.1 becomes an error-free 7.3 flow, or its remaining errors are each
explained as needing a person; and the command's --check/--diff/write behaviour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flowlint.cli.migrate import migrate_text, needs_person
from tests.cli.conftest import run_cli
from tests.conformance import CORPUS, require_shared

from ..fixes.conftest import LEGACY


def _old_flows() -> list[Path]:
    flows = []
    for path in sorted(CORPUS.glob("*.json")):
        try:
            version = json.loads(path.read_text(encoding="utf-8")).get("version")
        except ValueError:
            continue
        if isinstance(version, str) and version.count(".") == 1 and tuple(map(int, version.split("."))) < (5, 1):
            flows.append(path)
    return flows


def test_every_real_flow_below_5_1_migrates_to_7_3_or_says_what_a_person_must_do() -> None:
    require_shared(CORPUS)
    flows = _old_flows()
    assert len(flows) == 24
    clean, person = [], []
    for path in flows:
        done = migrate_text(path.read_text(encoding="utf-8"), to="7.3")
        assert done.problem is None
        assert json.loads(done.text)["version"] == "7.3"
        left = done.needs_person
        assert all(what for _, what in left)
        (person if left else clean).append(path.name)
    assert len(clean) == 19 and len(person) == 5, (clean, person)
    assert sorted(person) == [
        "pywa__2_1_book_a_table.json", "pywa__2_1_get_a_quote.json", "pywa__2_1_register.json",
        "pywa__2_1_sign_in.json", "wa-flows-tools__survey.json",
    ]


def test_timestamps_become_dates_and_the_rest_keeps_its_bytes() -> None:
    text = LEGACY.replace('{"type": "TextHeading", "text": "Hi"}',
                          '{"type": "Form", "name": "f", "children": [{"type": "DatePicker", "name": "d", "label": "D", '
                          '"min-date": "1693569600000"}, {"type": "Footer", "label": "Go", "on-click-action": '
                          '{"name": "complete", "payload": {}}}]}')
    text = text.replace(',\n  {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}', "")
    done = migrate_text(text, to="7.3")
    assert done.text == text.replace('"3.0"', '"7.3"').replace('"1693569600000"', '"2023-09-01"')
    assert done.report.ok, [(d.rule, d.message) for d in done.report.errors]


def test_data_channel_uri_is_left_for_a_person() -> None:
    text = LEGACY.replace('{"version": "3.0",', '{"version": "2.1", "data_channel_uri": "https://example.com/x",')
    done = migrate_text(text, to="7.3")
    assert '"data_channel_uri"' in done.text
    (diag, what), = done.needs_person
    assert diag.path == ("data_channel_uri",) and "endpoint" in what
    assert "endpoint" in needs_person(diag)


def test_command_check_diff_and_write(tmp_path: Path) -> None:
    path = tmp_path / "flow.json"
    path.write_text(LEGACY, encoding="utf-8")
    assert run_cli(["migrate", "--check", str(path)], cwd=tmp_path).exit_code == 1
    result = run_cli(["migrate", "--diff", "flow.json"], cwd=tmp_path)
    assert result.exit_code == 1 and '-{"version": "3.0"' in result.stdout and '+{"version": "7.3"' in result.stdout
    assert path.read_text(encoding="utf-8") == LEGACY
    result = run_cli(["migrate", str(path)], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert path.read_text(encoding="utf-8") == LEGACY.replace('"3.0"', '"7.3"')
    assert run_cli(["migrate", "--check", str(path)], cwd=tmp_path).exit_code == 0


def test_an_unknown_target_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "flow.json"
    path.write_text(LEGACY, encoding="utf-8")
    assert run_cli(["migrate", "--to", "9.9", str(path)], cwd=tmp_path).exit_code == 2
