"""Component rules FL601-FL619 (spec/meta-validator.md §2.3, §2.5-§2.7; conformance README)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import (
    assert_clean,
    assert_reports,
    complete,
    flow,
    heading,
    lint,
    object_start,
    of_rule,
    screen,
    text_input,
)

C1 = "screens[0].layout.children[1]"


def one(*children: dict, version: str = "7.3", **extra: object) -> dict:
    return flow(screen("BOOKING", *children, terminal=True, **extra), version=version)


# FL601 duplicate-component-name ----------------------------------------------------------------------------
def test_fl601_duplicate_names_across_if_branches() -> None:
    branch = {"type": "If", "condition": "${data.vip}", "then": [text_input("full_name")], "else": [text_input("full_name")]}
    diag = assert_reports(
        one(heading(), branch, complete(), data={"vip": {"type": "boolean", "__example__": True}}), "FL601",
        "DUPLICATE_FORM_COMPONENT_NAMES", C1 + ".then[0].name", '"then"', '"full_name"',
        message="Duplicate name found for Form components: 'full_name'.",
    )
    assert [p.path[5] for p in diag.pointers] == ["then", "else"]
    assert_clean(one(heading(), text_input("a"), text_input("b"), complete()), "FL601")


def test_fl601_same_name_on_two_screens_is_fine() -> None:
    doc = flow(screen("A", text_input("x"), {"type": "Footer", "label": "Go", "on-click-action": {
        "name": "navigate", "next": {"type": "screen", "name": "B"}, "payload": {}}}),
               screen("B", text_input("x"), complete(), terminal=True))
    assert_clean(doc, "FL601")


def test_fl601_duplicate_screen_id_reads_the_last_screen() -> None:
    # Meta reads the names of the last screen with an id (its map is keyed by id): the first screen's
    # duplicates go unreported, the last one's are reported (case p1-2003523 of meta-fuzz).
    first = screen("BOOKING", text_input("x"), text_input("x"), complete(), terminal=True)
    last = screen("BOOKING", text_input("y"), complete(), terminal=True)
    assert_clean(flow(first, last), "FL601")
    _, report = lint(flow(last, first))
    assert [[p.path[:2] for p in d.pointers] for d in of_rule(report, "FL601")] == [[("screens", 1), ("screens", 1)]]


# FL602 data-source-image-and-color -------------------------------------------------------------------------
def radio(*items: dict) -> dict:
    return {"type": "RadioButtonsGroup", "name": "service", "label": "Service", "data-source": list(items)}


def test_fl602_image_and_color() -> None:
    doc = one(heading(), radio({"id": "a", "title": "A", "color": "#ff0000"}, {"id": "b", "title": "B", "image": "aGk="}),
              complete())
    diag = assert_reports(doc, "FL602", "DATA_SOURCE_ITEMS_HAVE_BOTH_IMAGE_AND_COLOR", C1 + ".data-source[0].color",
                          '"#ff0000"', message="Data source can only have either only image attributes or only color "
                          "attributes for all items for RadioButtonsGroup 'service'.")
    assert diag.pointers[1].path[-1] == "image"
    assert_clean(one(heading(), radio({"id": "a", "title": "A", "image": "aGk="}, {"id": "b", "title": "B", "image": "aGk="}),
                     complete()), "FL602")


# FL603 invalid-date-picker-dates ---------------------------------------------------------------------------
def date_picker(**dates: object) -> dict:
    return {"type": "DatePicker", "name": "day", "label": "Day", **dates}


@pytest.mark.parametrize(
    ("dates", "path", "token", "message"),
    [
        ({"min-date": "2025-02-01", "max-date": "2025-01-01"}, C1 + ".min-date", '"2025-02-01"',
         "'min-date' cannot be greater than 'max-date' for DatePicker 'day'."),
        ({"min-date": "01/01/2025"}, C1 + ".min-date", '"01/01/2025"', 'The date field must be in the format "YYYY-MM-DD".'),
        ({"max-date": "2025-01-31", "unavailable-dates": ["2025-02-03"]}, C1 + ".unavailable-dates[0]", '"2025-02-03"',
         "The value of property 'unavailable-dates' of component 'DatePicker' must be in the range of [, 2025-01-31]."),
    ],
)
def test_fl603_dates(dates: dict, path: str, token: str, message: str) -> None:
    assert_reports(one(heading(), date_picker(**dates), complete()), "FL603", "INVALID_DATE_RANGE", path, token,
                   message=message)


def test_fl603_valid_and_bound_dates() -> None:
    ok = date_picker(**{"min-date": "2025-01-01", "max-date": "2025-01-31", "unavailable-dates": ["2025-01-05"]})
    assert_clean(one(heading(), ok, complete()), "FL603")
    bound = date_picker(**{"min-date": "${data.start}", "max-date": "2025-01-31"})
    assert_clean(one(heading(), bound, complete(), data={"start": {"type": "string", "__example__": "2025-01-01"}}), "FL603")


def test_fl603_timestamps_before_5_0_are_not_checked() -> None:
    old = date_picker(**{"min-date": "1693569600000"})
    doc = flow(screen("BOOKING", {"type": "Form", "name": "f", "children": [old, complete()]}, terminal=True), version="4.0")
    assert_clean(doc, "FL603")


# FL604 if-nested-too-deep, FL605 empty-switch-cases ----------------------------------------------------------
def nested_if(depth: int) -> dict:
    node: dict = {"type": "If", "condition": "${data.vip}", "then": [heading()]}
    for _ in range(depth - 1):
        node = {"type": "If", "condition": "${data.vip}", "then": [node]}
    return node


VIP = {"vip": {"type": "boolean", "__example__": True}}


def test_fl604_four_levels() -> None:
    assert_reports(one(nested_if(4), complete(), data=VIP), "FL604", "MAXIMUM_IF_NESTING", "screens[0].layout.children[0]",
                   '"children": [', "{", message="The 'If' component can only be nested up to 3 levels deep.")
    assert_clean(one(nested_if(3), complete(), data=VIP), "FL604")


def test_fl605_empty_switch_cases() -> None:
    switch = {"type": "Switch", "value": "${data.tier}", "cases": {}}
    assert_reports(one(switch, complete(), data={"tier": {"type": "string", "__example__": "a"}}), "FL605",
                   "INVALID_PROPERTY_VALUE", "screens[0].layout.children[0].cases", '"cases": ', "{",
                   message="The 'cases' property of a Switch component cannot be empty.")
    switch["cases"] = {"gold": [heading()]}
    assert_clean(one(switch, complete(), data={"tier": {"type": "string", "__example__": "a"}}), "FL605")


def test_fl605_one_error_whose_places_repeat_for_a_duplicated_screen_id() -> None:
    # SwitchValidatorV500 gathers every place in one error, reading each screen's Switches from the last screen
    # with its id: two screens "BOOKING" give the last one's place twice (Meta keeps repeats inside an error).
    data = {"tier": {"type": "string", "__example__": "a"}}
    empty = {"type": "Switch", "value": "${data.tier}", "cases": {}}
    full = {"type": "Switch", "value": "${data.tier}", "cases": {"gold": [heading()]}}
    doc = flow(screen("BOOKING", full, complete(), terminal=True, data=data),
               screen("BOOKING", empty, complete(), terminal=True, data=data), screen("OTHER", empty, complete(),
               terminal=True, data=data))
    _, report = lint(doc)
    api = [e for e in report.to_api() if e["error"] == "INVALID_PROPERTY_VALUE"]
    assert [[p["path"] for p in e["pointers"]] for e in api] == [[
        "screens[1].layout.children[0].cases", "screens[1].layout.children[0].cases",
        "screens[2].layout.children[0].cases",
    ]]


# FL606 min-greater-than-max --------------------------------------------------------------------------------
def test_fl606_min_over_max() -> None:
    assert_reports(one(heading(), text_input("full_name", **{"min-chars": 10, "max-chars": 5}), complete()), "FL606",
                   "MIN_VALUE_GREATER_THAN_MAX", C1 + ".min-chars", '"min-chars": ', "10",
                   message="'min-chars' cannot be greater than 'max-chars' for TextInput 'full_name'.")
    assert_clean(one(heading(), text_input("full_name", **{"min-chars": 5, "max-chars": 10}), complete()), "FL606")
    chips = {"type": "ChipsSelector", "name": "c", "label": "C", "data-source": [{"id": "a", "title": "A"}],
             "min-selected-items": 3, "max-selected-items": 1}
    assert_clean(one(heading(), chips, complete()), "FL606")  # Meta does not check ChipsSelector


# FL607 components-outside-form ------------------------------------------------------------------------------
def test_fl607_inputs_outside_form() -> None:
    form = {"type": "Form", "name": "f", "children": [text_input("a")]}
    opt_in = {"type": "OptIn", "name": "ok", "label": "OK"}
    text, report = lint(one(form, text_input("b"), opt_in, complete()))
    found = of_rule(report, "FL607")
    assert [(d.error, d.message) for d in found] == [
        ("COMPONENTS_OUTSIDE_FORM",
         "Components 'TextInput', 'OptIn' are not allowed outside Form when Form component is present.")
    ]
    assert [p.path for p in found[0].pointers] == [("screens", 0, "layout", "children", 1),
                                                   ("screens", 0, "layout", "children", 2)]
    assert (found[0].span.line_start, found[0].span.column_start) == object_start(text, '"name": "b"')
    assert_clean(one(text_input("b"), complete()), "FL607")
    assert_clean(one({"type": "Form", "name": "f", "children": [text_input("a"), complete()]}), "FL607")


# FL608 component-placement, FL609 rich-text-placement --------------------------------------------------------
RICH = {"type": "RichText", "text": "# Hi"}


@pytest.mark.parametrize(
    ("version", "rule", "error", "message"),
    [
        ("5.1", "FL609", "INVALID_RICHTEXT_PLACEMENT",
         "RichText cannot be used with other components on the same screen. Please either remove RichText or ensure "
         "that it is the only component on the screen."),
        ("6.0", "FL608", "INVALID_COMPONENT_PLACEMENT",
         "Only one RichText component can be used per screen. Please remove other components."),
        ("6.3", "FL608", "INVALID_COMPONENT_PLACEMENT",
         "RichText can either be the only component on the screen or it can be paired exclusively with the  Footer "
         "component. Please remove all components other than  Footer from the same screen to use RichText."),
    ],
)
def test_fl608_fl609_rich_text_with_heading(version: str, rule: str, error: str, message: str) -> None:
    assert_reports(one(RICH, heading(), complete(), version=version), rule, error, "screens[0].layout.children[0].type",
                   '"RichText"', message=message)


def test_fl608_rich_text_with_footer_from_6_3() -> None:
    assert_clean(one(RICH, complete(), version="6.3"), "FL608")
    assert_reports(one(RICH, complete(), version="6.0"), "FL608", "INVALID_COMPONENT_PLACEMENT",
                   "screens[0].layout.children[0].type", '"RichText"')
    assert_clean(flow(screen("BOOKING", RICH, terminal=True), version="5.1"), "FL609")


def test_fl609_points_at_the_first_rich_text_only() -> None:
    # RichTextPlacementValidatorV501 points at the first RichText it finds (case p1-2003872 of meta-fuzz).
    _, report = lint(flow(screen("BOOKING", RICH, RICH, terminal=True), version="5.1"))
    assert [[p.path for p in d.pointers] for d in of_rule(report, "FL609")] == [
        [("screens", 0, "layout", "children", 0, "type")]
    ]


def nav_list() -> dict:
    return {"type": "NavigationList", "name": "menu", "list-items": [{"id": "a", "main-content": {"title": "A"}}],
            "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "END"}, "payload": {}}}


def menu(*children: dict, version: str = "6.2") -> dict:
    return flow(screen("MENU", *children), screen("END", heading(), complete(), terminal=True), version=version)


def test_fl608_navigation_list_with_other_components() -> None:
    assert_reports(menu(heading(), nav_list()), "FL608", "INVALID_COMPONENT_PLACEMENT", C1 + ".type", '"NavigationList"',
                   message="Only up to 2 NavigationList components can be used per screen. Please remove other components.")
    assert_clean(menu(nav_list()), "FL608")


# FL610 media-picker-in-init-values ---------------------------------------------------------------------------
def test_fl610_picker_in_init_values() -> None:
    form = {"type": "Form", "name": "f", "init-values": {"photos": []},
            "children": [{"type": "PhotoPicker", "name": "photos", "label": "Photos"}, complete()]}
    diag = assert_reports(one(form, version="6.3"), "FL610", "NATIVE_COMPONENT_IN_FORM_INIT_VALUES",
                          "screens[0].layout.children[0].init-values.photos", '"init-values"', '"photos"',
                          message="Property 'init-values'  should not contain value for components: [PhotoPicker].")
    assert diag.pointers[0].target == "key"
    form["init-values"] = {}
    assert_clean(one(form, version="6.3"), "FL610")


# FL611 pattern-without-helper-text -------------------------------------------------------------------------
def test_fl611_pattern_without_helper_text() -> None:
    text, report = lint(one(heading(), text_input("zip", pattern="[0-9]{5}"), complete(), version="6.2"))
    found = of_rule(report, "FL611")
    assert [(d.error, d.message, d.path) for d in found] == [
        ("MISSING_REQUIRED_PROPERTY", "Required property 'helper-text' is missing.", ("screens", 0, "layout", "children", 1))
    ]
    assert (found[0].span.line_start, found[0].span.column_start) == object_start(text, '"name": "zip"')
    assert_clean(one(heading(), text_input("zip", pattern="[0-9]{5}", **{"helper-text": "5 digits"}), complete(),
                     version="6.2"), "FL611")


# FL612-FL616 NavigationList (6.2+) -------------------------------------------------------------------------
def test_fl612_to_fl616_navigation_list() -> None:
    item = {"id": "a", "main-content": {"title": "A"}, "end": {"title": "1", "description": "2", "metadata": "3"}}
    doc = menu({**nav_list(), "media-size": "large", "list-items": [item]})
    assert_reports(doc, "FL612", "INVALID_PROPERTY_VALUE_FOR_CONDITION", "screens[0].layout.children[0]",
                   '"children": [', "{", message="Cannot set property 'media-size' to 'large' when 'end' add-on is "
                   "present for component 'NavigationList'.")
    assert_reports(doc, "FL613", "DUPLICATE_PROPETY_FOR_CONDITION", "screens[0].layout.children[0].list-items[0].end",
                   '"end": ', "{")
    action = {"name": "navigate", "next": {"type": "screen", "name": "END"}, "payload": {}}
    both = menu({**nav_list(), "list-items": [{"id": "a", "main-content": {"title": "A"}, "on-click-action": action}]})
    diag = assert_reports(both, "FL614", "DUPLICATE_PROPETY_FOR_CONDITION", "screens[0].layout.children[0].on-click-action",
                          '\n            "on-click-action": ', "{")
    assert len(diag.pointers) == 2
    missing = {k: v for k, v in nav_list().items() if k != "on-click-action"}
    assert_reports(menu(missing), "FL615", "MISSING_REQUIRED_PROPERTY", "screens[0].layout.children[0]", '"children": [',
                   "{", message="Required property 'on-click-action' is missing.")
    badges = {**nav_list(), "list-items": [{"id": i, "main-content": {"title": i}, "badge": "New"} for i in "ab"]}
    assert_reports(menu(badges), "FL616", "MAX_ITEMS_REQUIRED", "screens[0].layout.children[0]", '"children": [', "{",
                   message="Property 'list-items' should have at most '1' badge item.")
    assert_clean(menu(nav_list()), "FL612", "FL613", "FL614", "FL615", "FL616")


# FL617 CalendarPicker (6.1+) -------------------------------------------------------------------------------
def calendar(**props: object) -> dict:
    return {"type": "CalendarPicker", "name": "stay", "label": "Dates", **props}


@pytest.mark.parametrize(
    ("props", "error", "path", "tokens"),
    [
        ({"min-days": 1}, "INVALID_PROPERTY_NAME_FOR_CONDITION", C1 + ".min-days", ('"min-days": ', "1")),
        ({"mode": "range"}, "INVALID_TYPE", C1 + ".label", ('"label": ', '"Dates"')),
        ({"mode": "range", "label": {"start-date": "In"}}, "MISSING_CALENDAR_PICKER_RANGE_MODE_PROP", C1 + ".label",
         ('"label": ', "{")),
        ({"mode": "range", "label": {"start-date": "In", "end-date": "Out", "x": "y"}},
         "UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP", C1 + ".label", ('"label": ', "{")),
        ({"mode": "range", "label": {"start-date": "In", "end-date": "Out"}, "min-days": 5, "max-days": 2},
         "INVALID_MIN_MAX_DAYS", C1 + ".min-days", ('"min-days": ', "5")),
        ({"init-value": "01/01/2025"}, "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT", C1 + ".init-value", ('"01/01/2025"',)),
    ],
)
def test_fl617_calendar_picker(props: dict, error: str, path: str, tokens: tuple) -> None:
    assert_reports(one(heading(), calendar(**props), complete(), version="6.1"), "FL617", error, path, *tokens)


def test_fl617_valid_calendar_pickers() -> None:
    rng = calendar(mode="range", label={"start-date": "In", "end-date": "Out"}, **{"min-days": 1, "max-days": 5})
    assert_clean(one(heading(), rng, complete(), version="6.1"), "FL617")
    assert_clean(one(heading(), calendar(**{"init-value": "2025-01-01"}), complete(), version="6.1"), "FL617")


# FL618 ImageCarousel (7.1+) --------------------------------------------------------------------------------
def carousel(n: int, src: str = "aGVsbG8=") -> dict:
    return {"type": "ImageCarousel", "images": [{"src": src, "alt-text": f"image {i}"} for i in range(n)]}


def test_fl618_image_carousel() -> None:
    assert_reports(one(carousel(4), complete(), version="7.1"), "FL618", "INVALID_PROPERTY_VALUE",
                   "screens[0].layout.children[0].images", '"images": ', "[",
                   message="Property 'images' should have at most '3' items.")
    assert_reports(one(carousel(1, "not base64!"), complete(), version="7.1"), "FL618", "INVALID_PROPERTY_VALUE",
                   "screens[0].layout.children[0].images[0].src", '"not base64!"',
                   message="Image source is not in a valid base64 format.")
    assert_clean(one(carousel(3), complete(), version="7.1"), "FL618")


# FL619 Form init-values / error-messages (7.0+) --------------------------------------------------------------
def form(**props: object) -> dict:
    return {"type": "Form", "name": "f", "children": [text_input("full_name"), complete()], **props}


@pytest.mark.parametrize(
    ("props", "key", "message"),
    [
        ({"init-values": {"fullname": "Ana"}}, "init-values",
         "The property 'fullname' is declared but not used in the init-values'."),
        ({"init-values": {"full_name": 5}}, "init-values",
         "Expected property 'full_name' to be of type 'string' but found 'number'."),
        ({"error-messages": {"full_name": 5}}, "error-messages",
         "Expected property 'full_name' to be of type 'string' but found 'number'."),
    ],
)
def test_fl619_form_attributes(props: dict, key: str, message: str) -> None:
    assert_reports(one(form(**props), version="7.0"), "FL619", "INVALID_PROPERTY_VALUE",
                   f"screens[0].layout.children[0].{key}", f'"{key}": ', "{", message=message)
    assert_clean(one(form(**props), version="6.3"), "FL619")


def test_fl619_matching_values() -> None:
    assert_clean(one(form(**{"init-values": {"full_name": "Ana"}, "error-messages": {"full_name": "Bad"}}), version="7.0"),
                 "FL619")



def test_fl604_sibling_ifs_add_up_as_in_meta() -> None:
    # Meta measures each nested If from the deepest level found so far: three sibling Ifs count as 3 levels.
    siblings = {"type": "If", "condition": "${data.vip}", "then": [nested_if(1), nested_if(1), nested_if(1)]}
    assert_reports(one(siblings, complete(), data=VIP), "FL604", "MAXIMUM_IF_NESTING", "screens[0].layout.children[0]",
                   '"children": [', "{")
    two = {"type": "If", "condition": "${data.vip}", "then": [nested_if(1), nested_if(1)]}
    assert_clean(one(two, complete(), data=VIP), "FL604")
