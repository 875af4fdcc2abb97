"""Date rules FL603 (DatePicker/CalendarPicker dates) and FL617 (CalendarPicker mode rules), as Meta's date
validators report them: per component errors first, one "YYYY-MM-DD" format error for the whole flow last."""

from __future__ import annotations

from tests.rules.helpers import assert_clean, assert_reports, complete, flow, heading, lint, of_rule, screen

C1 = "screens[0].layout.children[1]"


def one(*children: dict, version: str = "7.3") -> dict:
    return flow(screen("BOOKING", *children, terminal=True), version=version)


def test_format_error_comes_last_with_every_bad_date() -> None:
    picker = {"type": "DatePicker", "name": "day", "label": "Day", "min-date": "2025/01/01", "max-date": "2025-01-31",
              "unavailable-dates": ["2025-02-10", "10-02-2025"]}
    _, report = lint(one(heading(), picker, complete()))
    found = of_rule(report, "FL603")
    assert [d.message for d in found] == [
        "The value of property 'unavailable-dates' of component 'DatePicker' must be in the range of "
        "[2025/01/01, 2025-01-31].",
        'The date field must be in the format "YYYY-MM-DD".',
    ]
    assert [p.path[-1] for p in found[1].pointers] == ["min-date", 1]


def test_date_picker_init_value_out_of_range() -> None:
    picker = {"type": "DatePicker", "name": "day", "label": "Day", "min-date": "2025-01-01", "init-value": "2024-12-31"}
    assert_reports(one(heading(), picker, complete()), "FL603", "INVALID_DATE_RANGE", C1 + ".init-value",
                   '"2024-12-31"', message="The value of property 'init-value' of component 'DatePicker' must be in the "
                   "range of [2025-01-01, ].")


def test_calendar_range_init_value_starts_after_it_ends() -> None:
    picker = {"type": "CalendarPicker", "name": "stay", "mode": "range",
              "label": {"start-date": "In", "end-date": "Out"},
              "init-value": {"start-date": "2025-02-10", "end-date": "2025-02-01"}}
    assert_reports(one(heading(), picker, complete(), version="6.1"), "FL603", "INVALID_DATE_RANGE", C1 + ".init-value",
                   '"init-value": ', "{",
                   message="'start date' cannot be greater than 'end date' for CalendarPicker 'stay'.")
    picker["init-value"] = {"start-date": "2025-02-01", "end-date": "2025-02-10"}
    assert_clean(one(heading(), picker, complete(), version="6.1"), "FL603", "FL617")


def test_calendar_single_mode_title_not_allowed() -> None:
    picker = {"type": "CalendarPicker", "name": "stay", "label": "Dates", "title": "Pick"}
    assert_reports(one(heading(), picker, complete(), version="6.1"), "FL617", "INVALID_PROPERTY_NAME_FOR_CONDITION",
                   C1 + ".title", '"Pick"',
                   message="Cannot set property 'title' when 'mode' is not set to 'range' for component 'CalendarPicker'.")
