"""Components: names, data sources, dates, If/Switch structure, min/max pairs, Form placement and
attributes, RichText/NavigationList placement, NavigationList, CalendarPicker and ImageCarousel rules.

Meta's ``FormComponentNamesValidatorV500``, ``DataSourceValidatorV500``, ``DatePickerValidatorV500``,
``IfComponentNestingValidatorV500``, ``SwitchValidatorV500``, ``WAFlowsMinMaxPropertyValidatorV500``,
``OptionalFormValidatorV500``, ``NativeComponentsInitValidatorV500``, ``ComponentPlacementValidatorV600/
V602/V603``, ``RichTextPlacementValidatorV501``, ``TextInputPatternFieldValidatorV602``,
``NavigationListValidatorV602``, ``CalendarPickerValidatorV601``, ``ImageCarouselValidatorV701`` and
``FormComponentAttributesValidatorV700`` (``spec/meta-validator.md`` §2.3, §2.5-§2.7; the UNCERTAIN ones as
settled by the ``component-*`` conformance cases).
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.rules.base import Finding, at, is_dict, js_type, key_at
from flowlint.rules.model import INPUT_TYPES, MEDIA_PICKERS, Component, FlowModel, Screen, parse_binding

__all__ = ["RULES", "VALIDATORS"]

PLACEMENT = "INVALID_COMPONENT_PLACEMENT"


def _rule(code: str, name: str, summary: str, error: str, versions: str, doc: str) -> RuleInfo:
    return RuleInfo(code, name, summary, error, "error", versions, doc=doc)


RULES = [
    _rule("FL601", "duplicate-component-name", "Component names are unique on a screen.",
          "DUPLICATE_FORM_COMPONENT_NAMES", "5.1+",
          "What it does: reports a `name` used by two or more components of one screen (anywhere: in a Form, "
          "in If branches, in Switch cases, outside Forms).\n\nWhy is this bad? Meta rejects it: `${form.x}` "
          "must name one field.\n\nExample: two TextInputs named `full_name` in the then and else branches.\n\n"
          "Use instead: distinct names (`full_name`, `guest_name`)."),
    _rule("FL602", "data-source-image-and-color", "Data-source items use images or colours, not both.",
          "DATA_SOURCE_ITEMS_HAVE_BOTH_IMAGE_AND_COLOR", "5.1+",
          "What it does: reports a RadioButtonsGroup, CheckboxGroup or Dropdown whose items mix `image` and "
          "`color`.\n\nWhy is this bad? Meta rejects it.\n\nExample: one item with `color`, another with "
          "`image`.\n\nUse instead: images on all items, or colours on all items."),
    _rule("FL603", "invalid-date-picker-dates", "DatePicker dates are YYYY-MM-DD and within min/max.",
          "INVALID_DATE_RANGE", "5.1+",
          "What it does: checks a DatePicker's literal `min-date`, `max-date`, `unavailable-dates` and "
          "`init-value`: the YYYY-MM-DD format, min not after max, the other dates within [min, max].\n\nWhy "
          "is this bad? Meta rejects it.\n\nExample: `\"min-date\": \"2025-02-01\", \"max-date\": "
          '"2025-01-01"`.\n\nUse instead: `"min-date": "2025-01-01", "max-date": "2025-02-01"`.'),
    _rule("FL604", "if-nested-too-deep", "If components nest at most 3 levels.", "MAXIMUM_IF_NESTING", "5.1+",
          "What it does: reports an If whose then/else branches nest Ifs more than 3 levels deep in total.\n\n"
          "Why is this bad? Meta rejects it.\n\nExample: If > If > If > If.\n\nUse instead: combine conditions "
          "with `&&`, or a Switch."),
    _rule("FL605", "empty-switch-cases", "A Switch has at least one case.", "INVALID_PROPERTY_VALUE", "5.1+",
          "What it does: reports a Switch with `\"cases\": {}`.\n\nWhy is this bad? Meta rejects it.\n\n"
          'Example: `{"type": "Switch", "value": "${data.tier}", "cases": {}}`.\n\nUse instead: at least one '
          "case, or no Switch."),
    _rule("FL606", "min-greater-than-max", "A min property is not above its max.", "MIN_VALUE_GREATER_THAN_MAX",
          "5.1+",
          "What it does: reports `min-chars` > `max-chars` (TextInput), `min-selected-items` > "
          "`max-selected-items` (CheckboxGroup), `min-uploaded-photos` > `max-uploaded-photos` (PhotoPicker), "
          "`min-uploaded-documents` > `max-uploaded-documents` (DocumentPicker).\n\nWhy is this bad? Meta "
          "rejects it: nothing could satisfy the field.\n\nExample: `\"min-chars\": 10, \"max-chars\": 5`.\n\n"
          "Use instead: `\"min-chars\": 5, \"max-chars\": 10`."),
    _rule("FL607", "components-outside-form", "With a Form on the screen, input components sit inside it.",
          "COMPONENTS_OUTSIDE_FORM", "5.1+",
          "What it does: reports input components (TextInput, TextArea, CheckboxGroup, RadioButtonsGroup, "
          "OptIn, Dropdown, DatePicker, PhotoPicker, DocumentPicker) outside the Form of a screen that has "
          "one.\n\nWhy is this bad? Meta rejects it.\n\nExample: a Form plus a TextInput next to it.\n\nUse "
          "instead: move the TextInput into the Form (or drop the Form: from 6.0 inputs need none)."),
    _rule("FL608", "component-placement", "RichText stands alone (6.3+: with a Footer); NavigationList at most 2, alone.",
          PLACEMENT, "6.0+",
          "What it does: reports a RichText sharing its screen with other components (from 6.3 a Footer is "
          "allowed) or a second RichText, and (6.2+) more than 2 NavigationLists or a NavigationList next to "
          "other components.\n\nWhy is this bad? Meta rejects it.\n\nExample: a RichText and a TextHeading "
          "on one screen.\n\nUse instead: a heading inside the RichText markdown (`# Title`)."),
    _rule("FL609", "rich-text-placement", "In 5.1 a RichText is the only component of its screen.",
          "INVALID_RICHTEXT_PLACEMENT", "5.1",
          "What it does: in 5.1, reports a RichText sharing its screen with any other component (a Footer "
          "included).\n\nWhy is this bad? Meta rejects it in 5.1.\n\nExample: RichText + TextHeading.\n\nUse "
          "instead: only the RichText, or Flow JSON 6.3+ to pair it with a Footer."),
    _rule("FL610", "media-picker-in-init-values", "Form `init-values` give no value to media pickers.",
          "NATIVE_COMPONENT_IN_FORM_INIT_VALUES", "5.1+",
          "What it does: reports Form `init-values` keys naming a PhotoPicker or DocumentPicker of that Form."
          "\n\nWhy is this bad? Meta rejects it: uploads cannot be prefilled.\n\nExample: `\"init-values\": "
          '{"photos": []}`.\n\nUse instead: remove the key.'),
    _rule("FL611", "pattern-without-helper-text", "A TextInput with `pattern` has `helper-text`.",
          "MISSING_REQUIRED_PROPERTY", "6.2+",
          "What it does: reports a TextInput with `pattern` but no `helper-text`.\n\nWhy is this bad? Meta "
          "rejects it: the user must be told the expected format.\n\nExample: `{\"type\": \"TextInput\", "
          '"pattern": "[0-9]{5}"}`.\n\nUse instead: add `"helper-text": "5 digits"`.'),
    _rule("FL612", "navigation-list-large-with-end", "A large-media NavigationList has no `end` add-ons.",
          "INVALID_PROPERTY_VALUE_FOR_CONDITION", "6.2+",
          "What it does: reports `\"media-size\": \"large\"` when an item has an `end` add-on.\n\nWhy is this "
          "bad? Meta rejects it.\n\nExample: large media and `end` on an item.\n\nUse instead: `regular` media, "
          "or no `end`."),
    _rule("FL613", "navigation-list-end-keys", "A NavigationList `end` add-on has 1-2 of title/metadata/description.",
          "DUPLICATE_PROPETY_FOR_CONDITION", "6.2+",
          "What it does: reports an item `end` object with no keys or more than two.\n\nWhy is this bad? Meta "
          "rejects it.\n\nExample: `\"end\": {\"title\": …, \"description\": …, \"metadata\": …}`.\n\nUse "
          "instead: at most two of them."),
    _rule("FL614", "navigation-list-action-both-levels", "NavigationList actions at the list or the items, not both.",
          "DUPLICATE_PROPETY_FOR_CONDITION", "6.2+",
          "What it does: reports a NavigationList with an `on-click-action` and items with their own.\n\nWhy "
          "is this bad? Meta rejects it.\n\nExample: both levels set.\n\nUse instead: one level."),
    _rule("FL615", "navigation-list-action-missing", "A NavigationList has an action at the list or on every item.",
          "MISSING_REQUIRED_PROPERTY", "6.2+",
          "What it does: reports a NavigationList without `on-click-action` where some item has none "
          "either.\n\nWhy is this bad? Meta rejects it: tapping that item would do nothing.\n\nExample: no "
          "list action, one item without action.\n\nUse instead: a list-level `on-click-action`."),
    _rule("FL616", "navigation-list-badges", "At most one NavigationList item has a badge.", "MAX_ITEMS_REQUIRED",
          "6.2+",
          "What it does: reports a NavigationList with `badge` on more than one item.\n\nWhy is this bad? Meta "
          "rejects it.\n\nExample: two items with `\"badge\": \"New\"`.\n\nUse instead: one badge."),
    _rule("FL617", "calendar-picker-range-property", "CalendarPicker range-mode properties are {start-date, end-date}.",
          "INVALID_TYPE", "6.1+",
          "What it does: checks CalendarPicker properties against its `mode`: in range mode `label` (and "
          "object-valued `helper-text`, `error-message`, `init-value`) are `{start-date, end-date}` objects "
          "with exactly those keys; in single mode `init-value` is a YYYY-MM-DD string and `min-days`/"
          "`max-days` are not allowed; `min-days` is not above `max-days`.\n\nWhy is this bad? Meta rejects "
          "it (codes INVALID_TYPE, MISSING_/UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP, "
          "INVALID_PROPERTY_NAME_FOR_CONDITION, INVALID_DATE_SINGLE_INIT_VALUE_FORMAT, INVALID_MIN_MAX_DAYS)."
          '\n\nExample: `"mode": "range", "label": "Dates"`.\n\nUse instead: `"label": {"start-date": '
          '"Arrival", "end-date": "Departure"}`.'),
    _rule("FL618", "image-carousel", "ImageCarousel: at most 3 base64 images, at most 3 carousels per flow.",
          "INVALID_PROPERTY_VALUE", "7.1+",
          "What it does: reports an ImageCarousel with more than 3 images or a `src` that is not base64, and "
          "more than 3 ImageCarousels in the whole flow.\n\nWhy is this bad? Meta rejects it.\n\nExample: four "
          "images in one carousel.\n\nUse instead: at most three."),
    _rule("FL619", "form-init-values-mismatch", "Form `init-values`/`error-messages` name fields and match their types.",
          "INVALID_PROPERTY_VALUE", "7.0+",
          "What it does: from 7.0, reports Form `init-values` keys that name no field of the Form (media "
          "pickers included), values whose type differs from the field's (string, array for CheckboxGroup, "
          "boolean for OptIn), and `error-messages` values that are not strings.\n\nWhy is this bad? Meta "
          "rejects it.\n\nExample: `\"init-values\": {\"extras\": \"wifi\"}` for a CheckboxGroup.\n\nUse "
          'instead: `"extras": ["wifi"]`.'),
]


# --- FormComponentNamesV500 ----------------------------------------------------------------------------
def form_component_names(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        by_name: dict[str, list[Component]] = {}
        for comp in screen.components:
            if comp.type != "Form" and comp.name is not None:
                by_name.setdefault(comp.name, []).append(comp)
        for name, comps in by_name.items():
            if len(comps) > 1:
                comps = _in_doc_order(comps)
                yield Finding(
                    "FL601",
                    "DUPLICATE_FORM_COMPONENT_NAMES",
                    f"Duplicate name found for Form components: '{name}'.",
                    at(*(c.path + ("name",) for c in comps)),
                )


# --- DataSourceV500 ------------------------------------------------------------------------------------
def data_source(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("RadioButtonsGroup", "CheckboxGroup", "Dropdown")):
            items = comp.node.get("data-source")
            if not isinstance(items, list):
                continue
            colors = [i for i, item in enumerate(items) if is_dict(item) and "color" in item]
            images = [i for i, item in enumerate(items) if is_dict(item) and "image" in item]
            if colors and images:
                message = (
                    "Data source can only have either only image attributes or only color attributes for all items "
                    f"for {comp.type} '{comp.name}'."
                )
                pointers = at(*(comp.path + ("data-source", i, "color") for i in colors)) + at(
                    *(comp.path + ("data-source", i, "image") for i in images)
                )
                yield Finding("FL602", "DATA_SOURCE_ITEMS_HAVE_BOTH_IMAGE_AND_COLOR", message, pointers)


def _in_doc_order(comps: list[Component]) -> list[Component]:
    return sorted(comps, key=lambda c: c.order)


# --- DatePickerV500 ------------------------------------------------------------------------------------
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_FORMAT = 'The date field must be in the format "YYYY-MM-DD".'


def date_picker(model: FlowModel) -> Iterable[Finding]:
    # DatePicker dates became "YYYY-MM-DD" strings in Flow JSON 5.0; older versions used timestamp strings
    # (corpus pywa__4_0_date_picker_dates_str.json), so the legacy chain does not check them.
    if model.version.number < 500:
        return
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("DatePicker")):
            yield from _date_picker(comp)


def _literal_date(node: dict[str, Any], key: str) -> str | None:
    value = node.get(key)
    if not isinstance(value, str) or parse_binding(value) is not None or value.startswith(("${", "`")):
        return None
    return value


def _date_picker(comp: Component) -> Iterable[Finding]:
    node = comp.node
    bad: list[JsonPath] = []
    dates: dict[str, str] = {}
    for key in ("min-date", "max-date", "init-value"):
        value = _literal_date(node, key)
        if value is None:
            continue
        if _DATE.match(value):
            dates[key] = value
        else:
            bad.append(comp.path + (key,))
    unavailable: list[tuple[int, str]] = []
    if isinstance(node.get("unavailable-dates"), list):
        for i, value in enumerate(node["unavailable-dates"]):
            if not isinstance(value, str) or value.startswith(("${", "`")):
                continue
            if _DATE.match(value):
                unavailable.append((i, value))
            else:
                bad.append(comp.path + ("unavailable-dates", i))
    if bad:
        yield Finding("FL603", "INVALID_DATE_RANGE", _DATE_FORMAT, at(*bad))
    low, high = dates.get("min-date"), dates.get("max-date")
    if low and high and low > high:
        message = f"'min-date' cannot be greater than 'max-date' for DatePicker '{comp.name}'."
        yield Finding("FL603", "INVALID_DATE_RANGE", message, at(comp.path + ("min-date",), comp.path + ("max-date",)))
        return
    if not low and not high:
        return
    bounds = f"[{low or ''}, {high or ''}]"

    def outside(value: str) -> bool:
        return bool((low and value < low) or (high and value > high))

    for i, value in unavailable:
        if outside(value):
            message = (
                f"The value of property 'unavailable-dates' of component 'DatePicker' must be in the range of {bounds}."
            )
            yield Finding("FL603", "INVALID_DATE_RANGE", message, at(comp.path + ("unavailable-dates", i)))
    init = dates.get("init-value")
    if init and outside(init):
        message = f"The value of property 'init-value' of component 'DatePicker' must be in the range of {bounds}."
        yield Finding("FL603", "INVALID_DATE_RANGE", message, at(comp.path + ("init-value",)))


# --- IfComponentNestingV500 ----------------------------------------------------------------------------
MAX_IF_DEPTH = 3


def _if_depth(node: dict[str, Any]) -> int:
    deepest = 0
    for branch in ("then", "else"):
        children = node.get(branch)
        if isinstance(children, list):
            for child in children:
                if is_dict(child) and child.get("type") == "If":
                    deepest = max(deepest, _if_depth(child))
    return 1 + deepest


def if_component_nesting(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("If")):
            if _if_depth(comp.node) <= MAX_IF_DEPTH:
                continue
            # Only the outermost offending If: one directly inside an If branch that is itself too deep is not.
            parent = comp.path[:-2]
            parent_node = _node_at(model.doc, parent)
            if is_dict(parent_node) and parent_node.get("type") == "If" and comp.path[-2] in ("then", "else"):
                continue
            yield Finding(
                "FL604",
                "MAXIMUM_IF_NESTING",
                "The 'If' component can only be nested up to 3 levels deep.",
                at(comp.path),
            )


def _node_at(doc: Any, path: JsonPath) -> Any:
    node = doc
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


# --- SwitchV500 ----------------------------------------------------------------------------------------
def switch(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("Switch")):
            if comp.node.get("cases") == {}:
                yield Finding(
                    "FL605",
                    "INVALID_PROPERTY_VALUE",
                    "The 'cases' property of a Switch component cannot be empty.",
                    at(comp.path + ("cases",)),
                )


# --- WAFlowsMinMaxPropertyValidatorV500 ----------------------------------------------------------------
_MIN_MAX = {
    "CheckboxGroup": ("min-selected-items", "max-selected-items"),
    "TextInput": ("min-chars", "max-chars"),
    "PhotoPicker": ("min-uploaded-photos", "max-uploaded-photos"),
    "DocumentPicker": ("min-uploaded-documents", "max-uploaded-documents"),
}


def _num(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return None


def min_max_property(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.components):
            pair = _MIN_MAX.get(comp.type or "")
            if pair is None:
                continue
            low, high = _num(comp.node.get(pair[0])), _num(comp.node.get(pair[1]))
            if low is not None and high is not None and low > high:
                message = f"'{pair[0]}' cannot be greater than '{pair[1]}' for {comp.type} '{comp.name}'."
                yield Finding("FL606", "MIN_VALUE_GREATER_THAN_MAX", message, at(comp.path + (pair[0],)))


# --- OptionalFormV500 ----------------------------------------------------------------------------------
def optional_form(model: FlowModel) -> Iterable[Finding]:
    outside: list[Component] = []
    for screen in model.screens:
        if not screen.of_type("Form"):
            continue
        outside += [c for c in _in_doc_order(screen.components) if c.type in INPUT_TYPES and c.form is None]
    if not outside:
        return
    types: list[str] = []
    for comp in outside:
        if comp.type not in types:
            types.append(comp.type or "")
    quoted = ", ".join(f"'{t}'" for t in types)
    if len(types) == 1:
        message = f"Component {quoted} is not allowed outside Form when Form component is present."
    else:
        message = f"Components {quoted} are not allowed outside Form when Form component is present."
    yield Finding("FL607", "COMPONENTS_OUTSIDE_FORM", message, at(*(c.path for c in outside)))


# --- NativeComponentsInitValidatorV500 -----------------------------------------------------------------
def native_components_init(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for form in _in_doc_order(screen.of_type("Form")):
            init = form.node.get("init-values")
            if not is_dict(init):
                continue
            pickers = {c.name: c.type for c in screen.components if c.form is form and c.type in MEDIA_PICKERS}
            bad = [k for k in init if k in pickers]
            if not bad:
                continue
            types: list[str] = []
            for k in bad:
                if pickers[k] not in types:
                    types.append(pickers[k] or "")
            message = f"Property 'init-values'  should not contain value for components: [{', '.join(types)}]."
            yield Finding(
                "FL610",
                "NATIVE_COMPONENT_IN_FORM_INIT_VALUES",
                message,
                key_at(*(form.path + ("init-values", k) for k in bad)),
            )


# --- ComponentPlacementV600 / V602 / V603, RichTextPlacementV501 ----------------------------------------
_RICH_TEXT_V600 = "Only one RichText component can be used per screen. Please remove other components."
_RICH_TEXT_V603 = (
    "RichText can either be the only component on the screen or it can be paired exclusively with the  Footer "
    "component. Please remove all components other than  Footer from the same screen to use RichText."
)
_NAVIGATION_LIST = "Only up to 2 NavigationList components can be used per screen. Please remove other components."


def _counted(screen: Screen, *, skip: tuple[str, ...] = ()) -> list[Component]:
    return [c for c in screen.components if c.type != "Form" and c.type not in skip]


def _lone(screen: Screen, kind: str, most: int, message: str, *, skip: tuple[str, ...] = ()) -> Iterable[Finding]:
    lone = _in_doc_order(screen.of_type(kind))
    t, n = len(lone), len(_counted(screen, skip=skip))
    if t > most or (t >= 1 and n >= most and t < n):
        yield Finding("FL608", PLACEMENT, message, at(*(c.path + ("type",) for c in lone)))


def component_placement_v600(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(screen, "RichText", 1, _RICH_TEXT_V600)


def component_placement_v602(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(screen, "RichText", 1, _RICH_TEXT_V600)
        yield from _lone(screen, "NavigationList", 2, _NAVIGATION_LIST)


def component_placement_v603(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(screen, "RichText", 1, _RICH_TEXT_V603, skip=("Footer",))
        yield from _lone(screen, "NavigationList", 2, _NAVIGATION_LIST)


def rich_text_placement_v501(model: FlowModel) -> Iterable[Finding]:
    message = (
        "RichText cannot be used with other components on the same screen. Please either remove RichText or ensure "
        "that it is the only component on the screen."
    )
    for screen in model.screens:
        lone = _in_doc_order(screen.of_type("RichText"))
        if lone and (len(lone) > 1 or len(_counted(screen)) > len(lone)):
            yield Finding("FL609", "INVALID_RICHTEXT_PLACEMENT", message, at(*(c.path + ("type",) for c in lone)))


# --- TextInputPatternFieldV602 -------------------------------------------------------------------------
def text_input_pattern_field(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("TextInput")):
            if "pattern" in comp.node and "helper-text" not in comp.node:
                yield Finding(
                    "FL611", "MISSING_REQUIRED_PROPERTY", "Required property 'helper-text' is missing.", at(comp.path)
                )


# --- NavigationListV602 --------------------------------------------------------------------------------
def navigation_list(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("NavigationList")):
            yield from _navigation_list(comp)


def _navigation_list(comp: Component) -> Iterable[Finding]:
    node = comp.node
    items = [(i, item) for i, item in enumerate(node.get("list-items") or []) if is_dict(item)] if isinstance(
        node.get("list-items"), list
    ) else []
    if node.get("media-size") == "large" and any("end" in item for _, item in items):
        yield Finding(
            "FL612",
            "INVALID_PROPERTY_VALUE_FOR_CONDITION",
            "Cannot set property 'media-size' to 'large' when 'end' add-on is present for component 'NavigationList'.",
            at(comp.path),
        )
    for i, item in items:
        end = item.get("end")
        if is_dict(end) and not 1 <= len(end) <= 2:
            yield Finding(
                "FL613",
                "DUPLICATE_PROPETY_FOR_CONDITION",
                "For the 'NavigationList' component, 'end' add-on should have at least 1 and at most 2 of 'title', "
                "'metadata' or 'description.'",
                at(comp.path + ("list-items", i, "end")),
            )
    with_action = [i for i, item in items if "on-click-action" in item]
    if "on-click-action" in node and with_action:
        yield Finding(
            "FL614",
            "DUPLICATE_PROPETY_FOR_CONDITION",
            "For the 'NavigationList' component, 'on-click-action' can only be defined at either root level or within "
            "the 'list-items', but not both.",
            at(comp.path + ("on-click-action",), *(comp.path + ("list-items", i, "on-click-action") for i in with_action)),
        )
    elif "on-click-action" not in node and len(with_action) < len(items):
        yield Finding(
            "FL615", "MISSING_REQUIRED_PROPERTY", "Required property 'on-click-action' is missing.", at(comp.path)
        )
    if sum(1 for _, item in items if "badge" in item) > 1:
        yield Finding(
            "FL616", "MAX_ITEMS_REQUIRED", "Property 'list-items' should have at most '1' badge item.", at(comp.path)
        )


# --- CalendarPickerV601 --------------------------------------------------------------------------------
_RANGE_OBJECT_TYPES = {"label": "string", "helper-text": "string", "error-message": "string", "init-value": "string"}


def calendar_picker(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("CalendarPicker")):
            yield from _calendar_picker(comp)


def _calendar_picker(comp: Component) -> Iterable[Finding]:
    node = comp.node
    if node.get("mode") == "range":
        for prop, inner in _RANGE_OBJECT_TYPES.items():
            if prop not in node:
                continue
            value = node[prop]
            path = comp.path + (prop,)
            if not is_dict(value):
                if prop == "label":
                    message = (
                        f"The value of property '{prop}' of component 'CalendarPicker' must be of type "
                        f"'{{\"start-date\": {inner}, \"end-date\": {inner}}}'."
                    )
                    yield Finding("FL617", "INVALID_TYPE", message, at(path))
                continue
            for key in ("start-date", "end-date"):
                if key not in value:
                    message = (
                        f"The property '{key}' of component 'CalendarPicker' must be present when the mode is set to "
                        "'range'."
                    )
                    yield Finding("FL617", "MISSING_CALENDAR_PICKER_RANGE_MODE_PROP", message, at(path))
            extra = [k for k in value if k not in ("start-date", "end-date")]
            if extra:
                message = (
                    f"The property '{prop}' of component 'CalendarPicker' only expects properties 'start-date' and "
                    "'end-date' when the mode is set to 'range'."
                )
                yield Finding(
                    "FL617",
                    "UNEXPECTED_CALENDAR_PICKER_RANGE_MODE_PROP",
                    message,
                    at(path, *(path + (k,) for k in extra)),
                )
        low, high = _num(node.get("min-days")), _num(node.get("max-days"))
        if low is not None and high is not None and low > high:
            yield Finding(
                "FL617",
                "INVALID_MIN_MAX_DAYS",
                f"'min-days' cannot be greater than 'max-days' for CalendarPicker '{comp.name}'.",
                at(comp.path + ("min-days",), comp.path + ("max-days",)),
            )
        return
    for prop in ("min-days", "max-days"):
        if prop in node:
            message = (
                f"Cannot set property '{prop}' when 'mode' is not set to 'range' for component 'CalendarPicker'."
            )
            yield Finding("FL617", "INVALID_PROPERTY_NAME_FOR_CONDITION", message, at(comp.path + (prop,)))
    if "init-value" in node:
        value = node["init-value"]
        path = comp.path + ("init-value",)
        if not isinstance(value, str):
            message = "The value of property 'init-value' of component 'CalendarPicker' must be of type 'string'."
            yield Finding("FL617", "INVALID_TYPE", message, at(path))
        if not (isinstance(value, str) and (_DATE.match(value) or value.startswith(("${", "`")))):
            yield Finding("FL617", "INVALID_DATE_SINGLE_INIT_VALUE_FORMAT", _DATE_FORMAT, at(path))


# --- ImageCarouselV701 ---------------------------------------------------------------------------------
MAX_CAROUSEL_IMAGES = 3
MAX_CAROUSELS_PER_FLOW = 3


# Meta checks the alphabet, not the padding: real flows with unpadded base64 are accepted
# (corpus pywa__7_1_image_carousel.json), "not base64!" is not (case component-image-carousel-invalid-src).
_BASE64 = re.compile(r"[A-Za-z0-9+/=\s]+")


def _is_base64(value: str) -> bool:
    return bool(_BASE64.fullmatch(value))


def image_carousel(model: FlowModel) -> Iterable[Finding]:
    carousels: list[Component] = []
    for screen in model.screens:
        for comp in _in_doc_order(screen.of_type("ImageCarousel")):
            carousels.append(comp)
            images = comp.node.get("images")
            if not isinstance(images, list):
                continue
            if len(images) > MAX_CAROUSEL_IMAGES:
                yield Finding(
                    "FL618",
                    "INVALID_PROPERTY_VALUE",
                    f"Property 'images' should have at most '{MAX_CAROUSEL_IMAGES}' items.",
                    at(comp.path + ("images",)),
                )
            for i, image in enumerate(images):
                src = image.get("src") if is_dict(image) else None
                if isinstance(src, str) and not src.startswith(("${", "`")) and not _is_base64(src):
                    yield Finding(
                        "FL618",
                        "INVALID_PROPERTY_VALUE",
                        "Image source is not in a valid base64 format.",
                        at(comp.path + ("images", i, "src")),
                    )
    if len(carousels) > MAX_CAROUSELS_PER_FLOW:
        yield Finding(
            "FL618",
            "INVALID_PROPERTY_VALUE",
            f"Maximum number of ImageCarousel allowed per Flow is {MAX_CAROUSELS_PER_FLOW} but found {len(carousels)}.",
            at(*(c.path for c in carousels)),
        )


# --- FormComponentAttributesV700 -----------------------------------------------------------------------
_INIT_VALUE_TYPES = {
    "TextInput": "string",
    "TextArea": "string",
    "Dropdown": "string",
    "RadioButtonsGroup": "string",
    "DatePicker": "string",
    "CheckboxGroup": "array",
    "ChipsSelector": "array",
    "OptIn": "boolean",
}


def form_component_attributes(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for form in _in_doc_order(screen.of_type("Form")):
            fields = {c.name: c for c in screen.components if c.form is form and c.name is not None}
            init = form.node.get("init-values")
            if is_dict(init):
                for key, value in init.items():
                    comp = fields.get(key)
                    expected = _INIT_VALUE_TYPES.get(comp.type or "") if comp else None
                    if expected is None:
                        if comp is None or comp.type in MEDIA_PICKERS:
                            message = f"The property '{key}' is declared but not used in the init-values'."
                            yield Finding("FL619", "INVALID_PROPERTY_VALUE", message, at(form.path + ("init-values",)))
                        continue
                    actual = _value_type(model, screen, value)
                    if actual is not None and actual != expected:
                        message = f"Expected property '{key}' to be of type '{expected}' but found '{actual}'."
                        yield Finding("FL619", "INVALID_PROPERTY_VALUE", message, at(form.path + ("init-values",)))
            errors = form.node.get("error-messages")
            if is_dict(errors):
                for key, value in errors.items():
                    actual = _value_type(model, screen, value)
                    if actual is not None and actual != "string":
                        message = f"Expected property '{key}' to be of type 'string' but found '{actual}'."
                        yield Finding("FL619", "INVALID_PROPERTY_VALUE", message, at(form.path + ("error-messages",)))


def _value_type(model: FlowModel, screen: Screen, value: Any) -> str | None:
    """The type Meta computes for an init value: JS type, or the declared type of a binding (None: unknown)."""
    if isinstance(value, str) and value.startswith("`"):
        return None
    binding = parse_binding(value)
    if binding is not None:
        schema = model.binding_schema(screen, binding)
        kind = schema.get("type") if schema else None
        return kind if isinstance(kind, str) else None
    if isinstance(value, str) and value.startswith("${"):
        return None
    return js_type(value)


VALIDATORS = {
    "FormComponentNamesV500": form_component_names,
    "DataSourceV500": data_source,
    "DatePickerV500": date_picker,
    "IfComponentNestingV500": if_component_nesting,
    "SwitchV500": switch,
    "MinMaxPropertyV500": min_max_property,
    "OptionalFormV500": optional_form,
    "NativeComponentsInitV500": native_components_init,
    "ComponentPlacementV600": component_placement_v600,
    "ComponentPlacementV602": component_placement_v602,
    "ComponentPlacementV603": component_placement_v603,
    "RichTextPlacementV501": rich_text_placement_v501,
    "TextInputPatternFieldV602": text_input_pattern_field,
    "NavigationListV602": navigation_list,
    "CalendarPickerV601": calendar_picker,
    "ImageCarouselV701": image_carousel,
    "FormComponentAttributesV700": form_component_attributes,
}
