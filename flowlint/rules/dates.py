"""Dates: DatePicker (5.1+) and CalendarPicker (6.1+) literal dates, ranges and range-mode properties.

Meta's ``WAFlowJSONDateValidatorV500`` (the shared pass: ``min-date``/``max-date``/``unavailable-dates``), with
``WAFlowJSONDatePickerValidatorV500`` (``init-value``) and ``WAFlowJSONCalendarPickerValidatorV601``
(``mode``-dependent properties, ``min-days``/``max-days``, Form ``init-values``/``error-messages``). Order as
Meta's: per screen the first Form's errors, then per component min/max, unavailable dates and the
component's own errors; one "YYYY-MM-DD" format error for the whole flow comes last. A binding (4.0+ pattern)
is never checked. Dates compare as UTC days since 1970 (the epoch is the floor of an unset ``min-date`` for
``init-value``, as in Meta's code).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any, Callable, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.rules.base import Finding, at, is_dict
from flowlint.rules.model import Component, FlowModel

__all__ = ["RULES", "VALIDATORS"]

RANGE = "INVALID_DATE_RANGE"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FORMAT = 'The date field must be in the format "YYYY-MM-DD".'
_BINDING_V400 = re.compile(r"\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[A-Za-z0-9_-]+)+\}")
_EPOCH = _dt.date(1970, 1, 1)

RULES = [
    RuleInfo(
        "FL603", "invalid-picker-dates", "DatePicker/CalendarPicker dates are YYYY-MM-DD and within min/max.", RANGE,
        "error", "5.1+",
        doc="What it does: checks literal `min-date`, `max-date`, `unavailable-dates` of DatePicker and "
        "CalendarPicker, and a DatePicker's `init-value`: the YYYY-MM-DD format, min not after max, the other "
        "dates within [min, max].\n\nWhy is this bad? Meta rejects it.\n\nExample: `\"min-date\": \"2025-02-01\", "
        '"max-date": "2025-01-01"`.\n\nUse instead: `"min-date": "2025-01-01", "max-date": "2025-02-01"`.',
    ),
    RuleInfo(
        "FL617", "calendar-picker-mode-properties", "CalendarPicker properties match its `mode`.", "INVALID_TYPE",
        "error", "6.1+",
        doc="What it does: in single mode (the default) `min-days`, `max-days`, `title`, `description` are not "
        "allowed and `label`, `helper-text`, `required`, `init-value`, `error-message` are plain values; in range "
        "mode they are `{start-date, end-date}` objects (`label` needs both keys, no other keys), `min-days` is "
        "not above `max-days`, and a range `init-value` starts before it ends. Form `init-values` and "
        "`error-messages` for a CalendarPicker follow the same rules.\n\nWhy is this bad? Meta rejects it (codes "
        "INVALID_TYPE, MISSING_/UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP, INVALID_PROPERTY_NAME_FOR_CONDITION, "
        "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT, INVALID_MIN_MAX_DAYS, INVALID_DATE_RANGE).\n\nExample: "
        '`"mode": "range", "label": "Dates"`.\n\nUse instead: `"label": {"start-date": "Arrival", "end-date": '
        '"Departure"}`.',
    ),
]


def _is_binding(value: Any) -> bool:
    return isinstance(value, str) and _BINDING_V400.match(value) is not None


def _field(node: dict[str, Any], key: str, default: Any = None) -> Any:
    """``getDateFieldValue``: the default when absent, None for a binding, else the raw value."""
    if key not in node:
        return default
    value = node[key]
    return None if _is_binding(value) else value


def _valid_format(value: Any) -> bool:
    return isinstance(value, str) and _DATE.match(value) is not None


def _days(value: str) -> int | None:
    try:
        return (_dt.date.fromisoformat(value) - _EPOCH).days
    except ValueError:
        return None


def _js_string(value: Any) -> str:
    """``String(value)`` as JavaScript writes it, for the values JSON can hold."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "[object Object]"
    if isinstance(value, list):
        return ",".join("" if v is None else _js_string(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _DatePass:
    """One run of ``WAFlowJSONDateValidatorV500.validate`` for one component type."""

    def __init__(self, model: FlowModel, kind: str) -> None:
        self.model, self.kind = model, kind
        self.bad_format: list[JsonPath] = []

    def run(
        self,
        body: Callable[[Component], Iterable[Finding]] | None = None,
        form: Callable[[Component, list[Component]], Iterable[Finding]] | None = None,
    ) -> Iterable[Finding]:
        for sid in self.model.screen_ids:
            screen = self.model.by_id[sid]
            comps = screen.of_type(self.kind)  # the screen's components of this type, in flattened order
            if form is not None:
                forms = screen.of_type("Form")
                if forms:
                    yield from form(forms[0], list(comps))
            for comp in comps:
                yield from self.component(comp)
                if body is not None:
                    yield from body(comp)
        if self.bad_format:
            yield Finding("FL603", RANGE, _FORMAT, at(*self.bad_format))

    def date(self, value: Any, path: JsonPath) -> int | None:
        """``formatDate``: None when absent; a badly formatted date is remembered for the final error."""
        if value is None:
            return None
        if not _valid_format(value):
            self.bad_format.append(path)
            return None
        return _days(value)

    def component(self, comp: Component) -> Iterable[Finding]:
        node = comp.node
        low_raw, high_raw = _field(node, "min-date"), _field(node, "max-date")
        low = self.date(low_raw, comp.path + ("min-date",))
        high = self.date(high_raw, comp.path + ("max-date",))
        lo = low if low is not None else -math.inf
        hi = high if high is not None else math.inf
        if lo > hi:
            message = f"'min-date' cannot be greater than 'max-date' for {self.kind} '{_js_string(node.get('name'))}'."
            yield Finding("FL603", RANGE, message, at(comp.path + ("min-date",), comp.path + ("max-date",)))
        dates = node.get("unavailable-dates")
        if isinstance(dates, list):
            outside = []
            for i, value in enumerate(dates):
                if _is_binding(value):
                    continue
                day = self.date(value, comp.path + ("unavailable-dates", i))
                if day is not None and (day < lo or day > hi):
                    outside.append(comp.path + ("unavailable-dates", i))
            if outside:
                low_text = _js_string(low_raw) if low_raw is not None else ""
                high_text = _js_string(high_raw) if high_raw is not None else ""
                message = (
                    f"The value of property 'unavailable-dates' of component '{self.kind}' must be in the range of "
                    f"[{low_text}, {high_text}]."
                )
                yield Finding("FL603", RANGE, message, at(*outside))


def _bound(node: dict[str, Any], key: str, default: float) -> tuple[str, float]:
    """``getDateObj``: the date text and its day number, or ("", default) when unset or badly formatted."""
    value = _field(node, key)
    if _valid_format(value):
        day = _days(value)
        return value, (day if day is not None else default)
    return "", default


def _init_range_error(comp: Component, day: int, path: JsonPath) -> Iterable[Finding]:
    low_text, low = _bound(comp.node, "min-date", 0)
    high_text, high = _bound(comp.node, "max-date", math.inf)
    if day < low or day > high:
        message = (
            f"The value of property 'init-value' of component '{comp.type}' must be in the range of "
            f"[{low_text}, {high_text}]."
        )
        yield Finding("FL603", RANGE, message, at(path))


# --- DatePickerV500 ------------------------------------------------------------------------------------
def date_picker(model: FlowModel) -> Iterable[Finding]:
    # Before 5.0 dates were timestamp strings (corpus pywa__4_0_date_picker_dates_str.json): not checked.
    if model.version.number < 500:
        return

    def body(comp: Component) -> Iterable[Finding]:
        value = _field(comp.node, "init-value")
        if value is None:
            return
        path = comp.path + ("init-value",)
        if not _valid_format(value):
            yield Finding("FL603", RANGE, _FORMAT, at(path))
            return
        day = _days(value)
        if day is not None:
            yield from _init_range_error(comp, day, path)

    yield from _DatePass(model, "DatePicker").run(body)


# --- CalendarPickerV601 --------------------------------------------------------------------------------
_NOT_RANGE = "'mode' is not set to 'range'"


def _mode(node: dict[str, Any]) -> Any:
    return _field(node, "mode", "single")


def _mode_format(comp: Component, prop: str, value: Any, kind: str, end_required: bool, path: JsonPath) -> Iterable[Finding]:
    """``getModeFormatErrors``."""
    if value is None:
        return
    mode = _mode(comp.node)
    if mode == "single":
        if isinstance(value, (dict, list)):
            message = f"The value of property '{prop}' of component '{comp.type}' must be of type '{kind}'."
            yield Finding("FL617", "INVALID_TYPE", message, at(path))
        return
    if mode != "range":
        return
    if not isinstance(value, (dict, list)):
        shape = '{"start-date": ' + kind + ', "end-date": ' + kind + "}"
        message = f"The value of property '{prop}' of component '{comp.type}' must be of type '{shape}'."
        yield Finding("FL617", "INVALID_TYPE", message, at(path))
        return
    keys: list[Any] = list(value) if isinstance(value, dict) else list(range(len(value)))
    for key, needed in (("start-date", True), ("end-date", end_required)):
        if needed and key not in keys:
            message = f"The property '{key}' of component '{comp.type}' must be present when the mode is set to 'range'."
            yield Finding("FL617", "MISSING_CALENDAR_PICKER_RANGE_MODE_PROP", message, at(path))
    unexpected = (
        f"The property '{prop}' of component '{comp.type}' only expects properties 'start-date' and 'end-date' when "
        "the mode is set to 'range'."
    )
    if len(keys) > 2:
        yield Finding("FL617", "UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP", unexpected, at(path))
    extra = [k for k in keys if k not in ("start-date", "end-date")]
    if extra:
        yield Finding("FL617", "UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP", unexpected, at(*(path + (k,) for k in extra)))


def _single_init(comp: Component, text: str, path: JsonPath) -> Iterable[Finding]:
    if _valid_format(text):
        day = _days(text)
        if day is not None:
            yield from _init_range_error(comp, day, path)
    else:
        yield Finding("FL617", "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT", _FORMAT, at(path))


def _range_init(comp: Component, value: dict[str, Any], path: JsonPath) -> Iterable[Finding]:
    start = _js_string(value["start-date"]) if "start-date" in value else "undefined"
    end = _js_string(value["end-date"]) if "end-date" in value else "undefined"
    if _valid_format(start) and _valid_format(end):
        first, last = _days(start), _days(end)
        if first is None or last is None:
            return
        if first > last:
            message = (
                f"'start date' cannot be greater than 'end date' for {comp.type} '{_js_string(comp.node.get('name'))}'."
            )
            yield Finding("FL603", RANGE, message, at(path))
            return
        low_text, low = _bound(comp.node, "min-date", 0)
        high_text, high = _bound(comp.node, "max-date", math.inf)
        if first < low or first > high or last < low or last > high:
            message = (
                f"The value of property 'init-value' of component '{comp.type}' must be in the range of "
                f"[{low_text}, {high_text}]."
            )
            yield Finding("FL603", RANGE, message, at(path))
        return
    if not _valid_format(start):
        yield Finding("FL617", "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT", _FORMAT, at(path + ("start-date",)))
    if not _valid_format(end):
        yield Finding("FL617", "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT", _FORMAT, at(path + ("end-date",)))


def _value_errors(comp: Component, prop: str, value: Any, path: JsonPath, *, dates: bool) -> Iterable[Finding]:
    """``getComponentInitValueErrorMessageErrorsForPicker``."""
    yield from _mode_format(comp, prop, value, "string", False, path)
    if value is None or not dates:
        return
    mode = _mode(comp.node)
    if mode == "single":
        yield from _single_init(comp, _js_string(value), path)
    elif mode == "range" and isinstance(value, dict):
        yield from _range_init(comp, value, path)


def _calendar_body(comp: Component) -> Iterable[Finding]:
    node = comp.node
    mode = _mode(node)
    if mode == "single":
        for prop in ("min-days", "max-days"):
            if prop in node:
                message = f"Cannot set property '{prop}' when {_NOT_RANGE} for component '{comp.type}'."
                yield Finding("FL617", "INVALID_PROPERTY_NAME_FOR_CONDITION", message, at(comp.path + (prop,)))
    else:
        low, high = _field(node, "min-days"), _field(node, "max-days")
        if _comparable(low) and _comparable(high) and low > high:
            message = f"'min-days' cannot be greater than 'max-days' for CalendarPicker '{_js_string(node.get('name'))}'."
            yield Finding("FL617", "INVALID_MIN_MAX_DAYS", message, at(comp.path + ("min-days",), comp.path + ("max-days",)))
    if mode == "single":
        for prop in ("title", "description"):
            if prop in node:
                message = f"Cannot set property '{prop}' when {_NOT_RANGE} for component '{comp.type}'."
                yield Finding("FL617", "INVALID_PROPERTY_NAME_FOR_CONDITION", message, at(comp.path + (prop,)))
    for prop, kind, end_required in (("label", "string", True), ("helper-text", "string", False),
                                     ("required", "boolean", False)):
        yield from _mode_format(comp, prop, _field(node, prop), kind, end_required, comp.path + (prop,))
    yield from _value_errors(comp, "init-value", _field(node, "init-value"), comp.path + ("init-value",), dates=True)
    yield from _value_errors(comp, "error-message", _field(node, "error-message"), comp.path + ("error-message",),
                             dates=False)


def _comparable(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _calendar_form(form: Component, comps: list[Component]) -> Iterable[Finding]:
    init = form.node.get("init-values")
    if not is_dict(init):
        return
    messages = form.node.get("error-messages")
    for comp in comps:
        name = comp.name or ""
        yield from _value_errors(comp, "init-values", init.get(name), form.path + ("init-values", name), dates=True)
        if is_dict(messages):
            yield from _value_errors(comp, "error-messages", messages.get(name), form.path + ("error-messages", name),
                                     dates=False)


def calendar_picker(model: FlowModel) -> Iterable[Finding]:
    yield from _DatePass(model, "CalendarPicker").run(_calendar_body, _calendar_form)


VALIDATORS = {
    "DatePickerV500": date_picker,
    "CalendarPickerV601": calendar_picker,
}
