"""Meta's version gate reads ``major.minor`` with JavaScript's ``Number()`` on each part
(``WAFlowJSONVersionUtils.convertSemanticVersionToIntVersion``)."""

from __future__ import annotations

import pytest

from flowlint.versions import FlowVersion, parse_version_number, version_gate


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("7.3", 703),
        ("07.3", 703),
        ("7.30", 730),
        ("6.3 ", 603),  # blanks around a part (case p1-2003379 of meta-fuzz)
        (" 6.3", 603),
        ("6.\u30003", 603),
        ("6.", 600),  # an empty part is 0
        ("+6.3", 603),
        ("6e0.3", 603),
        ("0x6.3", 603),
        ("6.-0", 600),
        ("v7.3", None),
        ("7", None),
        ("7.3.1", None),
        (".3", None),  # major 0
        ("7.100", None),
        ("\u0667.3", None),  # not an ASCII digit: NaN for JavaScript
        ("6.1e-1", None),
        ("Infinity.3", None),
        ("0x.3", None),
    ],
)
def test_version_parts_read_as_javascript_numbers(text: str, number: int | None) -> None:
    assert parse_version_number(text) == number


def test_the_gate_passes_such_a_version_and_checks_the_flow_as_that_version() -> None:
    # Meta's schema then refuses the text with its const ("Expected '7.3'."), the schema pass's concern.
    version, found = version_gate({"version": "7.3 ", "screens": []})
    assert (version, found) == (FlowVersion(703, "7.3 "), [])
    version, found = version_gate({"version": "6.103", "screens": []})
    assert version is None
    assert [d.error for d in found] == ["INVALID_FLOW_JSON_VERSION"]
