"""The schema stage as the engine uses it: versions, --target-version, legacy flows, docs limits, speed path."""

from __future__ import annotations

import subprocess
import sys

import flowlint
from flowlint.catalog import all_rules
from flowlint.schema import RULES, check
from flowlint.versions import FlowVersion
from tests.schema.fixtures import VALID, dumps, flow, key_span, schema_errors, value_span

#: The version gate and this stage's rules (the semantic rules, FL3xx-FL9xx of their own, are tested elsewhere).
MINE = {info.code for info in RULES}


def mine(report: flowlint.Report) -> list:
    return [d for d in report.diagnostics if d.rule in MINE or d.rule.startswith("FL1")]


def test_rules_are_in_the_catalog_with_fl2_and_fl9_codes() -> None:
    table = all_rules()
    for info in RULES:
        assert table[info.code] is info
        assert info.code.startswith(("FL2", "FL9"))
        assert info.doc.startswith("What it does:") and "Why is this bad?" in info.doc
    assert {i.source for i in RULES if i.code.startswith("FL9")} == {"docs"}
    assert {i.severity for i in RULES if i.code.startswith("FL9")} == {"warning"}


def test_a_clean_flow_gives_nothing() -> None:
    doc = flow([VALID["TextHeading"], VALID["Footer"]], "7.3")
    assert check(doc, FlowVersion(703, "7.3")) == []


def test_version_written_with_a_leading_zero_fails_the_const() -> None:
    """The gate reads 07.3 as 7.3, the schema compares the string (conformance case version-leading-zero)."""
    text = dumps(flow([VALID["TextHeading"]], "07.3"))
    assert schema_errors(text) == [
        ("INVALID_PROPERTY_VALUE", "Invalid value found for property 'version'. Expected '7.3'.", "version",
         value_span(text, "version"))
    ]


def test_target_version_checks_the_flow_as_that_version() -> None:
    text = dumps(flow([VALID["ChipsSelector"]], "6.3"))
    assert mine(flowlint.lint(text)) == []
    report = flowlint.lint(text, version="6.2")
    assert [(d.rule, d.error) for d in mine(report)] == [("FL216", "ONE_OF_SCHEMA_VALIDATION_FAILED")]


def test_data_channel_uri_is_accepted_in_2_1_and_explained_from_3_0() -> None:
    form = {"type": "Form", "name": "form", "children": [VALID["TextInput"], VALID["Footer"]]}
    doc = flow([form], "2.1")
    doc["data_channel_uri"] = "https://example.com/flow"
    assert schema_errors(dumps(doc)) == []
    doc["version"] = "3.0"
    text = dumps(doc)
    (row,) = schema_errors(text)
    assert row[0] == "INVALID_PROPERTY_KEY"
    assert row[1].startswith("Property 'data_channel_uri' is no longer supported in Flow JSON as of version '3.0'.")
    assert row[2:] == ("data_channel_uri", key_span(text, "data_channel_uri"))


def test_if_and_switch_are_too_new_for_3_1() -> None:
    text = dumps(flow([VALID["If"]], "3.1"))
    report = flowlint.lint(text)
    assert [d.rule for d in mine(report)] == ["FL103", "FL216"]
    assert mine(report)[1].fix == "If requires Flow JSON version 4.0 or later."


def test_docs_character_limit_is_a_warning_citing_the_docs() -> None:
    footer = {**VALID["Footer"], "label": "x" * 36}
    text = dumps(flow([VALID["TextHeading"], footer], "7.3"))
    report = flowlint.lint(text)
    assert [d for d in mine(report) if d.severity == "error"] == []
    (diag,) = mine(report)
    assert (diag.rule, diag.severity) == ("FL920", "warning")
    assert diag.message == "Property 'label' of Footer has 36 characters; Meta's components reference allows 35."
    assert "developers.facebook.com/docs/whatsapp/flows/reference/components" in (diag.fix or "")
    span = diag.pointers[0].span
    assert span is not None
    assert (span.line_start, span.column_start, span.line_end, span.column_end) == value_span(text, "label")


def test_docs_character_limit_ignores_bindings_and_counts_utf16() -> None:
    heading = {"type": "TextHeading", "text": "${data.a_very_long_binding_name_that_is_not_the_text_itself_at_all_really}"}
    assert mine(flowlint.lint(dumps(flow([heading], "7.3")))) == []
    emoji = {"type": "TextHeading", "text": "\U0001F600" * 40}  # 40 emoji = 80 UTF-16 units: at the limit
    assert mine(flowlint.lint(dumps(flow([emoji], "7.3")))) == []


def test_clean_flow_does_not_import_the_reference_validator() -> None:
    """The schema stage alone (other stages may use jsonschema for their own reasons)."""
    code = (
        "import json, sys\n"
        "from flowlint.schema import check\n"
        "from flowlint.versions import FlowVersion\n"
        "doc = json.load(open(sys.argv[1]))\n"
        "assert check(doc, FlowVersion(703, '7.3')) == []\n"
        "print('jsonschema' in sys.modules)\n"
    )
    text = dumps(flow([VALID["TextHeading"], VALID["Footer"]], "7.3"))
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        handle.write(text)
    out = subprocess.run([sys.executable, "-c", code, handle.name], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_actions_too_new_for_the_version_say_so_in_the_fix() -> None:
    """Conformance cases schema-update-data-v5-1 and schema-open-url-v5-1, with flowlint's hint."""
    radio = {**VALID["RadioButtonsGroup"], "on-select-action": {"name": "update_data", "payload": {}}}
    link = {"type": "EmbeddedLink", "text": "Site", "on-click-action": {"name": "open_url", "url": "https://a.example"}}
    report = flowlint.lint(dumps(flow([radio, link], "5.1")))
    rows = [(d.rule, d.error, d.fix) for d in mine(report)]
    assert rows == [
        ("FL204", "INVALID_PROPERTY_VALUE", "the update_data action requires Flow JSON version 6.0 or later."),
        ("FL217", "INVALID_PROPERTY_KEY", "'url' belongs to the open_url action, which requires Flow JSON version 6.0 or later."),
        ("FL205", "INVALID_ENUM_VALUE", "the open_url action requires Flow JSON version 6.0 or later."),
    ]


def test_docs_option_counts_are_warnings() -> None:
    options = [{"id": f"o{i}", "title": f"Option {i}"} for i in range(21)]
    radio = {**VALID["RadioButtonsGroup"], "data-source": options}
    chips = {**VALID["ChipsSelector"], "data-source": options[:1]}
    report = flowlint.lint(dumps(flow([radio, chips], "7.3")))
    assert [d for d in mine(report) if d.severity == "error"] == []
    assert [(d.rule, d.severity, d.message) for d in mine(report)] == [
        ("FL921", "warning", "Property 'data-source' of RadioButtonsGroup has 21 items; Meta's components "
         "reference allows at most 20."),
        ("FL921", "warning", "Property 'data-source' of ChipsSelector has 1 items; Meta's components "
         "reference allows at least 2."),
    ]


def test_screen_property_too_new_for_the_version() -> None:
    text = dumps(flow([VALID["TextHeading"]], "5.0", sensitive=["x"]))
    (diag,) = [d for d in mine(flowlint.lint(text)) if d.rule.startswith("FL2")]
    assert (diag.rule, diag.error, diag.message, diag.fix) == (
        "FL217", "INVALID_PROPERTY_KEY", "Property 'sensitive' is not allowed.",
        "'sensitive' requires Flow JSON version 5.1 or later.",
    )
