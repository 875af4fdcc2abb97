"""FL709 dynamic-text-array-item (Meta's RichTextDynamicDataV501)."""

from __future__ import annotations

from tests.rules.helpers import assert_clean, assert_reports, complete, data_field, flow, screen

DATA = {"clause": data_field("string", "You agree."), "terms": data_field("string", "# Terms")}


def test_binding_as_a_rich_text_line_is_reported_on_the_type() -> None:
    doc = flow(
        screen("BOOKING", {"type": "RichText", "text": ["# Terms", "${data.clause}"]}, terminal=True, data=DATA),
        version="5.1",
    )
    assert_reports(
        doc,
        "FL709",
        "INVALID_TEXT_DYNAMIC_DATA",
        "screens[0].layout.children[0].type",
        '"type": "RichText"',
        '"RichText"',
        message="Every item of the array in the 'text' property of RichText on the screen 'BOOKING' should be a "
        "static string. Please remove dynamic binding - ${data.clause} from the item of the array.",
    )


def test_text_body_array_in_7_3() -> None:
    doc = flow(
        screen("BOOKING", {"type": "TextBody", "text": ["Hi", "${data.clause}"]}, complete(), terminal=True, data=DATA)
    )
    assert_reports(
        doc, "FL709", "INVALID_TEXT_DYNAMIC_DATA", "screens[0].layout.children[0].type", '"type": "TextBody"', '"Text'
    )


def test_static_lines_and_a_whole_binding_pass() -> None:
    doc = flow(
        screen(
            "BOOKING",
            {"type": "TextBody", "text": ["Hi", "there"]},
            {"type": "TextCaption", "text": "${data.terms}"},
            complete(),
            terminal=True,
            data=DATA,
        )
    )
    assert_clean(doc, "FL709")
