"""Rule codes and names: two code families that no prefix mixes, unique names, and the selectors people write
(codes, prefixes, names, renamed codes) in ``--select``/``--ignore``, the configuration and ``flowlint explain``."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from flowlint import rule_codes
from flowlint.catalog import all_rules
from flowlint.config import ConfigError, load
from flowlint.engine import Selection
from flowlint.request import RULES as REQUEST_RULES
from flowlint.rule_codes import REDIRECTS, SelectorError, lookup_rule, resolve_selector

from .cli.conftest import FIXTURES, run_cli

CLEAN_FLOW = (FIXTURES / "clean.json").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_notes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The redirect note is said once per process: each test starts as a new process would."""
    monkeypatch.setattr(rule_codes, "_noted", set())


def _body(**fields: object) -> str:
    body = {"name": "Booking", "categories": ["APPOINTMENT_BOOKING"], "flowJson": CLEAN_FLOW, **fields}
    return json.dumps(body, indent=2)


# -- the catalog ------------------------------------------------------------------------------------


def test_every_rule_name_is_unique() -> None:
    names = Counter(rule.name for rule in all_rules().values())
    assert [name for name, count in names.items() if count > 1] == []


def test_every_code_is_a_family_and_three_digits() -> None:
    flow = {code for code in all_rules() if re.fullmatch(r"FL\d{3}", code)}
    request = {code for code in all_rules() if re.fullmatch(r"FR\d{3}", code)}
    assert flow | request == set(all_rules())
    assert request == {rule.code for rule in REQUEST_RULES}


def test_no_code_is_a_prefix_of_another() -> None:
    """So a code given to ``--select``/``--ignore`` is that rule alone (``FL102`` was also FL1020-FL1026)."""
    codes = sorted(all_rules())
    assert [(a, b) for a in codes for b in codes if a != b and b.startswith(a)] == []


def test_no_flow_prefix_selects_a_request_rule() -> None:
    request = {rule.code for rule in REQUEST_RULES}
    for prefix in ("FL", "FL1", "FL10", "FL102"):
        assert {code for code in all_rules() if Selection([prefix]).allows(code)} & request == set(), prefix
    assert {code for code in all_rules() if Selection(["FL1"]).allows(code)} == {"FL101", "FL102", "FL103"}
    assert {code for code in all_rules() if Selection(["FR"]).allows(code)} == request


def test_ignoring_fl102_keeps_every_other_rule() -> None:
    selection = Selection(ignore=[resolve_selector("FL102").selector])
    assert [code for code in all_rules() if not selection.allows(code)] == ["FL102"]


# -- renamed codes ----------------------------------------------------------------------------------


def test_the_old_request_codes_redirect_to_the_same_numbers() -> None:
    assert sorted(REDIRECTS.values()) == sorted(rule.code for rule in REQUEST_RULES)
    assert all(old[4:] == new[3:] and old.startswith("FL10") for old, new in REDIRECTS.items())
    assert not set(REDIRECTS) & set(all_rules())


def test_an_old_code_resolves_with_a_note() -> None:
    resolved = resolve_selector("fl1020")
    assert resolved.selector == "FR020"
    assert resolved.note is not None and "FL1020 is now FR020" in resolved.note
    assert resolve_selector("FL102").note is None


# -- names, prefixes, unknown selectors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("duplicate-key", "FL004"),
        ("Duplicate-Key", "FL004"),
        ("unknown-category", "FR009"),
        ("version-not-publishable", "FL103"),
        ("publish-unlisted-version", "FR021"),
        ("fl1", "FL1"),
        ("FR0", "FR0"),
        ("all", "ALL"),
    ],
)
def test_selectors_resolve_to_codes_and_prefixes(text: str, expected: str) -> None:
    assert resolve_selector(text).selector == expected


def test_every_rule_name_resolves_to_its_code() -> None:
    assert all(resolve_selector(rule.name).selector == code for code, rule in all_rules().items())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("duplicat-key", "unknown rule 'duplicat-key' (did you mean 'duplicate-key'?)"),
        ("no-such-rule-at-all", "unknown rule 'no-such-rule-at-all' (see `flowlint rules`)"),
        ("FL999", "unknown rule 'FL999' (see `flowlint rules`)"),
        ("FL1099", "unknown rule 'FL1099' (see `flowlint rules`)"),
        ("FR1", "no rule code starts with 'FR1' (see `flowlint rules`)"),
    ],
)
def test_unknown_selectors_are_refused(text: str, message: str) -> None:
    with pytest.raises(SelectorError) as caught:
        resolve_selector(text)
    assert str(caught.value) == message


def test_explain_looks_up_codes_names_and_old_codes_but_not_prefixes() -> None:
    assert lookup_rule("FR021") == (all_rules()["FR021"], None)
    assert lookup_rule("publish-unlisted-version")[0].code == "FR021"
    rule, note = lookup_rule("FL1021")
    assert rule.code == "FR021" and note is not None
    with pytest.raises(SelectorError):
        lookup_rule("FL1")


# -- configuration and command line -----------------------------------------------------------------


def test_configuration_takes_names_and_old_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "flowlint.toml"
    config.write_text(
        'ignore = ["FL1009", "duplicate-key"]\nextend-select = ["FL1010"]\n'
        '[per-file-ignores]\n"*.json" = ["unknown-category", "FL1009"]\n',
        encoding="utf-8",
    )
    settings = load(config)
    assert settings.ignore == ("FR009", "FL004")
    assert settings.extend_select == ("FR010",)
    assert settings.per_file_ignores == (("*.json", ("FR009", "FR009")),)
    err = capsys.readouterr().err
    assert err.count("flowlint: warning: FL1009 is now FR009") == 1  # once, though written twice
    assert "FL1010 is now FR010" in err


def test_configuration_refuses_an_unknown_name_with_a_hint(tmp_path: Path) -> None:
    config = tmp_path / "flowlint.toml"
    config.write_text('ignore = ["duplicat-key"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(config)
    assert caught.value.problems[0][1:] == (1, "ignore: unknown rule 'duplicat-key' (did you mean 'duplicate-key'?)")


def _rules_reported(result_stdout: str) -> set[str]:
    [entry] = json.loads(result_stdout)
    return {d["rule"] for d in entry["diagnostics"]}


def test_ignore_fl102_no_longer_drops_the_publish_rules(tmp_path: Path) -> None:
    broken = json.dumps({"version": "7.3", "screens": []})
    (tmp_path / "body.json").write_text(_body(publish=True, flowJson=broken), encoding="utf-8")
    result = run_cli(["--format", "json", "--ignore", "FL102", "body.json"], cwd=tmp_path)
    assert "FR020" in _rules_reported(result.stdout)
    only_versions = run_cli(["--format", "json", "--select", "FL1", "body.json"], cwd=tmp_path)
    assert only_versions.exit_code == 0 and _rules_reported(only_versions.stdout) == set()


@pytest.mark.parametrize("selector", ["unknown-category", "FR009", "FL1009"])
def test_the_command_line_ignores_by_name_code_or_old_code(tmp_path: Path, selector: str) -> None:
    (tmp_path / "body.json").write_text(_body(categories=["NOPE"]), encoding="utf-8")
    assert run_cli(["--format", "json", "body.json"], cwd=tmp_path).exit_code == 1
    result = run_cli(["--format", "json", "--ignore", selector, "body.json"], cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    note = "flowlint: warning: FL1009 is now FR009"
    assert (note in result.stderr) == (selector == "FL1009")


def test_the_command_line_refuses_an_unknown_name_with_a_hint(tmp_path: Path) -> None:
    result = run_cli(["--ignore", "duplicat-key", "x.json"], cwd=tmp_path)
    assert result.exit_code == 2
    assert "unknown rule 'duplicat-key' (did you mean 'duplicate-key'?)" in result.stderr


def test_explain_follows_an_old_code_with_a_note() -> None:
    result = run_cli(["explain", "FL1021"])
    assert result.exit_code == 0
    assert result.stdout == run_cli(["explain", "publish-unlisted-version"]).stdout
    assert result.stdout.startswith("FR021 publish-unlisted-version\n")
    assert "FL1021 is now FR021" in result.stderr


def test_the_library_selection_takes_names_and_old_codes_too() -> None:
    import warnings

    import flowlint
    from flowlint.engine import Selection

    text = '{"version": "7.3", "screens": [], "a": 1, "a": 2}'
    assert "FL004" in [d.rule for d in flowlint.lint(text).diagnostics]
    quiet = Selection(ignore=["duplicate-key"])
    assert quiet.ignore == ("FL004",)
    assert "FL004" not in [d.rule for d in flowlint.lint(text, selection=quiet).diagnostics]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert Selection(select=["FL1009"]).select == ("FR009",)
    assert [w.category for w in caught] == [DeprecationWarning]
    assert Selection(select=["no-such-rule"]).select == ("NO-SUCH-RULE",)  # matches nothing, as before
