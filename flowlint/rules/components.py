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
from typing import Any, Iterable, Sequence

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.lazyre import LazyPattern
from flowlint.rules.base import Finding, at, expression_typer, is_dict, js_type, key_at
from flowlint.rules.model import (
    FORM_PROPERTY_TYPES,
    INPUT_TYPES,
    Component,
    FlowModel,
    Screen,
    form_value_kind,
    parse_binding,
)

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
    _rule("FL609", "rich-text-placement", "In 5.1 and 5.2 a RichText is the only component of its screen.",
          "INVALID_RICHTEXT_PLACEMENT", "5.1-5.2",
          "What it does: in 5.1 and 5.2, reports a RichText sharing its screen with any other component (a Footer "
          "included).\n\nWhy is this bad? Meta rejects it in 5.1 and 5.2.\n\nExample: RichText + TextHeading.\n\nUse "
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
        for comp in model.mapped(screen).components:
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
_DATA_SOURCE_TYPES = ("RadioButtonsGroup", "CheckboxGroup", "Dropdown")


def data_source(model: FlowModel) -> Iterable[Finding]:
    """Per screen, per component type in order of first appearance, per component."""
    for screen in model.screens:
        mapped = model.mapped(screen)  # Meta's componentTypeDataMap: the last screen with this id
        kinds: list[str] = []
        for comp in mapped.components:
            if comp.type in _DATA_SOURCE_TYPES and comp.type not in kinds:
                kinds.append(comp.type)
        for kind in kinds:
            for comp in mapped.of_type(kind):
                items = comp.node.get("data-source")
                if not isinstance(items, list):
                    continue
                colors = [i for i, item in enumerate(items) if isinstance(item, dict) and "color" in item]
                if not colors:
                    continue  # the finding needs both (most data sources have neither)
                images = [i for i, item in enumerate(items) if isinstance(item, dict) and "image" in item]
                if images:
                    message = (
                        "Data source can only have either only image attributes or only color attributes for all "
                        f"items for {kind} '{comp.name}'."
                    )
                    pointers = at(*(comp.path + ("data-source", i, "color") for i in colors)) + at(
                        *(comp.path + ("data-source", i, "image") for i in images)
                    )
                    yield Finding("FL602", "DATA_SOURCE_ITEMS_HAVE_BOTH_IMAGE_AND_COLOR", message, pointers)


def _in_doc_order(comps: Sequence[Component]) -> list[Component]:
    """Meta's flattened order (children before their container): the order its maps hold components in."""
    return list(comps)


# --- IfComponentNestingV500 ----------------------------------------------------------------------------
def _if_levels(node: dict[str, Any], depth: int = 0) -> int:
    """Meta's nesting measure: each nested If (then before else) is measured from the deepest level found so
    far, so sibling Ifs add up too (a quirk kept: it is what Meta rejects)."""
    deepest = depth
    for branch in ("then", "else"):
        children = node.get(branch)
        if isinstance(children, list):
            for child in children:
                if is_dict(child) and child.get("type") == "If":
                    deepest = max(deepest, _if_levels(child, deepest + 1))
    return deepest


def if_component_nesting(model: FlowModel) -> Iterable[Finding]:
    # Per screen, the Ifs of the last screen with its id (Meta's maps): a duplicated id repeats its places.
    deep = [c for screen in model.screens for c in model.mapped(screen).of_type("If") if _if_levels(c.node) > 2]
    if deep:
        yield Finding(
            "FL604",
            "MAXIMUM_IF_NESTING",
            "The 'If' component can only be nested up to 3 levels deep.",
            at(*(c.path for c in deep)),
        )


# --- SwitchV500 ----------------------------------------------------------------------------------------
def switch(model: FlowModel) -> Iterable[Finding]:
    # One error with every place; per screen, the Switches of the last screen with its id (Meta's maps), so a
    # duplicated id repeats its places (Meta keeps the repeats inside one error).
    empty = [
        comp.path + ("cases",)
        for screen in model.screens
        for comp in _in_doc_order(model.mapped(screen).of_type("Switch"))
        if comp.node.get("cases") == {}
    ]
    if empty:
        yield Finding(
            "FL605", "INVALID_PROPERTY_VALUE", "The 'cases' property of a Switch component cannot be empty.", at(*empty)
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
    """Per screen, per component type in the order of Meta's table, per component with a ``name``."""
    for screen in model.screens:
        for kind, (low_key, high_key) in _MIN_MAX.items():
            for comp in model.mapped(screen).of_type(kind):  # Meta: componentTypeDataMap (last screen of an id)
                low, high = _num(comp.node.get(low_key)), _num(comp.node.get(high_key))
                if low is not None and high is not None and low > high and "name" in comp.node:
                    message = f"'{low_key}' cannot be greater than '{high_key}' for {kind} '{comp.name}'."
                    yield Finding("FL606", "MIN_VALUE_GREATER_THAN_MAX", message, at(comp.path + (low_key,)))


# --- OptionalFormV500 ----------------------------------------------------------------------------------
def optional_form(model: FlowModel) -> Iterable[Finding]:
    outside: list[Component] = []
    for screen in model.screens:
        mapped = model.mapped(screen)  # Meta's maps: the last screen with this id (its places repeat)
        if not mapped.of_type("Form"):
            continue
        outside += [c for c in _in_doc_order(mapped.components) if c.type in INPUT_TYPES and c.form is None]
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
    """Meta reads the ``init-values`` of the screen's first Form only, against every picker inside a Form."""
    for screen in model.screens:
        forms = screen.of_type("Form")
        if not forms:
            continue
        pickers = [c for kind in ("PhotoPicker", "DocumentPicker") for c in screen.of_type(kind) if c.form is not None]
        if not pickers:
            continue
        form = forms[0]
        init = form.node.get("init-values")
        if not is_dict(init):
            continue
        bad: list[JsonPath] = []
        types: list[str] = []
        for picker in pickers:
            name = picker.name or ""
            if name in init:
                bad.append(form.path + ("init-values", name))
                if picker.type not in types:
                    types.append(picker.type or "")
        if bad:
            message = f"Property 'init-values'  should not contain value for components: [{', '.join(types)}]."
            yield Finding("FL610", "NATIVE_COMPONENT_IN_FORM_INIT_VALUES", message, key_at(*bad))


# --- ComponentPlacementV600 / V602 / V603, RichTextPlacementV501 ----------------------------------------
_RICH_TEXT_V600 = "Only one RichText component can be used per screen. Please remove other components."
_RICH_TEXT_V603 = (
    "RichText can either be the only component on the screen or it can be paired exclusively with the  Footer "
    "component. Please remove all components other than  Footer from the same screen to use RichText."
)
_NAVIGATION_LIST = "Only up to 2 NavigationList components can be used per screen. Please remove other components."


def _lone(screen: Screen, kind: str, most: int, message: str, *, exclusive_with: tuple[str, ...] = ()) -> Iterable[Finding]:
    """``checkIfComponentIsAlone(t, n, max)``: t components of the lone type, n flattened components (Form
    nodes included) other than the types it may share the screen with. ``screen`` is the one Meta's maps hold
    for the id checked (``FlowModel.mapped``)."""
    t = len(screen.of_type(kind))
    if t == 0:
        return  # nothing of the lone type: nothing to report (most screens)
    others = [c for c in screen.components if c.type not in exclusive_with]
    n = len(others)
    if t > most or (t > 0 and n >= most and t < n):
        yield Finding("FL608", PLACEMENT, message, at(*(c.path + ("type",) for c in others if c.type == kind)))


def component_placement_v600(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(model.mapped(screen), "RichText", 1, _RICH_TEXT_V600)


def component_placement_v602(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(model.mapped(screen), "RichText", 1, _RICH_TEXT_V600)
        yield from _lone(model.mapped(screen), "NavigationList", 2, _NAVIGATION_LIST, exclusive_with=("Form",))


def component_placement_v603(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        yield from _lone(model.mapped(screen), "RichText", 1, _RICH_TEXT_V603, exclusive_with=("Footer",))
        yield from _lone(model.mapped(screen), "NavigationList", 2, _NAVIGATION_LIST, exclusive_with=("Form",))


def rich_text_placement_v501(model: FlowModel) -> Iterable[Finding]:
    message = (
        "RichText cannot be used with other components on the same screen. Please either remove RichText or ensure "
        "that it is the only component on the screen."
    )
    for screen in model.screens:
        # Meta points at the first RichText only (in its flattened order), of the last screen with this id.
        mapped = model.mapped(screen)
        lone = mapped.of_type("RichText")
        if lone and len(mapped.components) > 1:
            yield Finding("FL609", "INVALID_RICHTEXT_PLACEMENT", message, at(lone[0].path + ("type",)))


# --- TextInputPatternFieldV602 -------------------------------------------------------------------------
def text_input_pattern_field(model: FlowModel) -> Iterable[Finding]:
    # One error with every place, per screen from the last screen with its id (Meta's maps: repeats kept).
    places = [
        comp.path
        for screen in model.screens
        for comp in _in_doc_order(model.mapped(screen).of_type("TextInput"))
        if "pattern" in comp.node and "helper-text" not in comp.node
    ]
    if places:
        yield Finding("FL611", "MISSING_REQUIRED_PROPERTY", "Required property 'helper-text' is missing.", at(*places))


# --- NavigationListV602 --------------------------------------------------------------------------------
_END_KEYS = (
    "For the 'NavigationList' component, 'end' add-on should have at least 1 and at most 2 of 'title', 'metadata' "
    "or 'description.'"
)
_BOTH_LEVELS = (
    "For the 'NavigationList' component, 'on-click-action' can only be defined at either root level or within the "
    "'list-items', but not both."
)


def navigation_list(model: FlowModel) -> Iterable[Finding]:
    """Per screen, one error per kind; Meta keeps the kinds in the order first met and, when several lists
    hit the same kind, the pointers of the last one (its map is keyed by the kind)."""
    for screen in model.screens:
        lists = screen.of_type("NavigationList")
        if not lists:
            continue
        found: dict[str, Finding] = {}
        for comp in lists:
            for finding in _navigation_list(comp):
                found[finding.rule] = finding
        yield from found.values()


def _navigation_list(comp: Component) -> Iterable[Finding]:
    node = comp.node
    raw_items = node.get("list-items")
    items = list(enumerate(raw_items)) if isinstance(raw_items, list) else []
    items = [(i, item) for i, item in items if is_dict(item)]
    if node.get("media-size") == "large" and any("end" in item for _, item in items):
        yield Finding(
            "FL612",
            "INVALID_PROPERTY_VALUE_FOR_CONDITION",
            "Cannot set property 'media-size' to 'large' when 'end' add-on is present for component 'NavigationList'.",
            at(comp.path),
        )
    bad_end = [i for i, item in items if item.get("end") is not None and
               (not is_dict(item["end"]) or not 1 <= len(item["end"]) <= 2)]
    if bad_end:
        yield Finding("FL613", "DUPLICATE_PROPETY_FOR_CONDITION", _END_KEYS,
                      at(*(comp.path + ("list-items", i, "end") for i in bad_end)))
    if not isinstance(raw_items, list):
        return
    root = node.get("on-click-action")
    with_action = [i for i, item in items if "on-click-action" in item]
    if root and any(item.get("on-click-action") for _, item in items):
        yield Finding("FL614", "DUPLICATE_PROPETY_FOR_CONDITION", _BOTH_LEVELS,
                      at(comp.path + ("on-click-action",), *(comp.path + ("list-items", i, "on-click-action")
                                                              for i in with_action)))
    every_item = all(item.get("on-click-action") for _, item in items) and len(items) == len(raw_items)
    if not (every_item or root):
        yield Finding("FL615", "MISSING_REQUIRED_PROPERTY", "Required property 'on-click-action' is missing.", at(comp.path))
    if sum(1 for _, item in items if item.get("badge") is not None) > 1:
        yield Finding("FL616", "MAX_ITEMS_REQUIRED", "Property 'list-items' should have at most '1' badge item.", at(comp.path))


# --- ImageCarouselV701 ---------------------------------------------------------------------------------
MAX_CAROUSEL_IMAGES = 3
MAX_CAROUSELS_PER_FLOW = 3
_ATOB = LazyPattern(r"[A-Za-z0-9+/]*")


def atob_accepts(value: Any) -> bool:
    """Whether the browser's ``atob`` decodes ``String(value)`` (Meta's ``isValidBase64``): whitespace is
    ignored, up to two trailing ``=`` when the length is a multiple of 4, never a length of 4n+1."""
    text = "undefined" if value is _MISSING else ("null" if value is None else str(value))
    text = re.sub(r"[\t\n\f\r ]", "", text)
    if len(text) % 4 == 0:
        text = text[:-2] if text.endswith("==") else text[:-1] if text.endswith("=") else text
    return len(text) % 4 != 1 and _ATOB.fullmatch(text) is not None


_MISSING = object()


def image_carousel(model: FlowModel) -> Iterable[Finding]:
    carousels: list[JsonPath] = []
    too_many: list[JsonPath] = []
    bad_src: list[JsonPath] = []
    for sid in model.screen_ids:
        for comp in model.by_id[sid].of_type("ImageCarousel"):
            carousels.append(comp.path)
            images = comp.node.get("images")
            if not isinstance(images, list):
                continue
            if len(images) > MAX_CAROUSEL_IMAGES:
                too_many.append(comp.path + ("images",))
            for i, image in enumerate(images):
                src = image.get("src", _MISSING) if is_dict(image) else _MISSING
                if not (isinstance(src, str) and _BINDING_V400.match(src)) and not atob_accepts(src):
                    bad_src.append(comp.path + ("images", i, "src"))
    if len(carousels) > MAX_CAROUSELS_PER_FLOW:
        message = f"Maximum number of ImageCarousel allowed per Flow is {MAX_CAROUSELS_PER_FLOW} but found {len(carousels)}."
        yield Finding("FL618", "INVALID_PROPERTY_VALUE", message, at(*carousels))
    if too_many:
        message = f"Property 'images' should have at most '{MAX_CAROUSEL_IMAGES}' items."
        yield Finding("FL618", "INVALID_PROPERTY_VALUE", message, at(*too_many))
    if bad_src:
        yield Finding("FL618", "INVALID_PROPERTY_VALUE", "Image source is not in a valid base64 format.", at(*bad_src))


_BINDING_V400 = LazyPattern(r"\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[A-Za-z0-9_-]+)+\}")


# --- FormComponentAttributesV700 -----------------------------------------------------------------------
def form_component_attributes(model: FlowModel) -> Iterable[Finding]:
    """Meta's module reads the screen's properties (``WAFlowJSONMapScreenProperties``): the expected type of
    an init value is the value type of the screen's component of that name (any Form, media pickers
    excluded: "not-found"); error messages are expected to be strings."""
    for screen in model.screens:
        expected: dict[str, str] | None = None  # computed for the first Form with values to check
        for form in _in_doc_order(screen.of_type("Form")):
            for key in ("init-values", "error-messages"):
                values = form.node.get(key)
                if not is_dict(values):
                    continue
                if expected is None:
                    expected = _form_properties(model, screen)
                for name, value in values.items():
                    want = expected.get(name, "not-found") if key == "init-values" else "string"
                    if want == "not-found":
                        message = f"The property '{name}' is declared but not used in the init-values'."
                        yield Finding("FL619", "INVALID_PROPERTY_VALUE", message, at(form.path + (key,)))
                        continue
                    actual = _value_type(model, screen, value)
                    if actual is not None and actual != want:
                        message = f"Expected property '{name}' to be of type '{want}' but found '{actual}'."
                        yield Finding("FL619", "INVALID_PROPERTY_VALUE", message, at(form.path + (key,)))


def _form_properties(model: FlowModel, screen: Screen) -> dict[str, str]:
    """Component name -> value type for the screen Meta maps under this id (the last one with it)."""
    mapped = model.by_id.get(screen.id, screen) if screen.id is not None else screen
    out: dict[str, str] = {}
    for comp in mapped.components:
        if comp.type in FORM_PROPERTY_TYPES and comp.name is not None:
            kind = form_value_kind(comp.node)  # the type of form_value_schema
            if kind is not None:
                out[comp.name] = kind
    return out


def _value_type(model: FlowModel, screen: Screen, value: Any) -> str | None:
    """The type Meta computes for an init value: ``typeof`` (``array`` for lists), or for a binding or a backtick
    expression the type the expression checker infers (None: unknown, not compared)."""
    if isinstance(value, str) and (value.startswith("`") or value.startswith("${")):
        typer = expression_typer()
        if typer is not None:
            expression_error, expression_type, screen_properties = typer
            try:
                return expression_type(value, screen=screen.id or "", screens=screen_properties(model),
                                       version=model.version.number) or None
            except expression_error:
                return None
        binding = parse_binding(value)
        schema = model.binding_schema(screen, binding) if binding is not None else None
        kind = schema.get("type") if schema else None
        return kind if isinstance(kind, str) else None
    if isinstance(value, list):
        return "array"
    kind = js_type(value)
    return "object" if kind == "null" else kind


VALIDATORS = {
    "FormComponentNamesV500": form_component_names,
    "DataSourceV500": data_source,
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
    "ImageCarouselV701": image_carousel,
    "FormComponentAttributesV700": form_component_attributes,
}
