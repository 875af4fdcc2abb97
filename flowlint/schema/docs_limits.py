"""Limits that only Meta's public docs state: warnings, never errors (FL92x).

Meta's components reference (https://developers.facebook.com/docs/whatsapp/flows/reference/components,
collected in ``spec/flowjson.md`` §5 and §9) gives character limits and option counts that Meta's validator
does not enforce (``spec/meta-validator.md`` §4.1): a flow over them is accepted, but the WhatsApp client may
truncate it. flowlint warns, citing the docs. Bindings are not measured (their value is not known here).
"""

from __future__ import annotations

import re
from typing import Any

from flowlint.catalog import RuleInfo
from flowlint.components import COMPONENTS, OPTION_ITEM
from flowlint.diagnostics import WARNING, Diagnostic, JsonPath, Pointer
from flowlint.lazyre import LazyPattern

__all__ = ["docs_limits", "within_docs_limits_schema", "RULES", "DOCS_CHAR_LIMITS", "DOCS_COUNT_LIMITS"]

_COMPONENTS_DOC = "https://developers.facebook.com/docs/whatsapp/flows/reference/components"


def _rule(code: str, name: str, summary: str, doc: str) -> RuleInfo:
    return RuleInfo(code, name, summary, "", WARNING, source="docs", doc=doc)


RULES: list[RuleInfo] = [
    _rule("FL920", "docs-character-limit", "Text longer than the limit in Meta's component docs.",
       """What it does: warns when a literal text is longer than the character limit that Meta's components
reference states (https://developers.facebook.com/docs/whatsapp/flows/reference/components):
TextHeading 80, TextSubheading 80, TextBody 4096, TextCaption 409, Footer label 35 and captions 15,
TextInput label 20, helper-text 80, error-message 30, TextArea label 20, helper-text 80,
CheckboxGroup/RadioButtonsGroup label 30, Dropdown label 20, option title 30, description 300, metadata 20,
OptIn label 120, EmbeddedLink text 25, DatePicker label 40, helper-text 80, error-message 80,
CalendarPicker title 80, description 300.

Why is this bad? Meta's Flow JSON validator (WhatsApp Manager's Flow Builder) does not enforce these
limits, but the WhatsApp client may truncate the text.

Example: a Footer `label` of 40 characters.

Use instead: a label of at most 35 characters."""),
    _rule("FL921", "docs-option-count", "More options (or fewer) than Meta's component docs allow.",
       """What it does: warns when a literal list of options is longer than Meta's components reference allows
(CheckboxGroup and RadioButtonsGroup 20 options, Dropdown 200 (100 when an option has an image),
ChipsSelector 20 and at least 2, NavigationList 20 items;
https://developers.facebook.com/docs/whatsapp/flows/reference/components).

Why is this bad? Meta's validator does not enforce these counts, but the docs state them as limits of the
WhatsApp client.

Example: a RadioButtonsGroup with 25 options.

Use instead: at most 20 options, or a Dropdown."""),
]


#: (component type, property) -> character limit stated in Meta's components reference
#: (https://developers.facebook.com/docs/whatsapp/flows/reference/components; spec/flowjson.md §5, §9):
#: ``docs_max_chars`` of the properties in the component table (flowlint.components).
DOCS_CHAR_LIMITS: dict[tuple[str, str], int] = {
    (ctype, prop.key): prop.docs_max_chars
    for ctype, spec in COMPONENTS.items()
    for prop in spec.props
    if prop.docs_max_chars is not None
}
#: The same for the texts of a data-source option.
DOCS_OPTION_LIMITS = {prop.key: prop.docs_max_chars for prop in OPTION_ITEM if prop.docs_max_chars is not None}
_OPTION_COMPONENTS = {ctype for ctype, spec in COMPONENTS.items() if spec.options_key == "data-source"}
_DYNAMIC = LazyPattern(r"^\s*(\$\{|`)")


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # a lone surrogate (JSON's \ud800) is one unit


def docs_limits(doc: dict[str, Any]) -> list[Diagnostic]:
    """FL920/FL921 warnings: literal texts and option lists beyond Meta's documented limits."""
    out: list[Diagnostic] = []
    screens = doc.get("screens")
    if not isinstance(screens, list):
        return out
    for i, screen in enumerate(screens):
        layout = screen.get("layout") if isinstance(screen, dict) else None
        if isinstance(layout, dict) and isinstance(layout.get("children"), list):
            _walk_limits(layout["children"], ("screens", i, "layout", "children"), out)
    return out


#: DOCS_CHAR_LIMITS by component type (the walk looks a component's type up once, not each of its keys).
_CHAR_LIMITS_BY_TYPE: dict[str, dict[str, int]] = {}
for (_type, _key), _limit in DOCS_CHAR_LIMITS.items():
    _CHAR_LIMITS_BY_TYPE.setdefault(_type, {})[_key] = _limit
_OPTION_LIMITS = tuple(DOCS_OPTION_LIMITS.items())


def _walk_limits(children: list[Any], path: JsonPath, out: list[Diagnostic]) -> None:
    for j, comp in enumerate(children):
        if not isinstance(comp, dict):
            continue
        ctype = comp.get("type")
        if isinstance(ctype, str):
            limits = _CHAR_LIMITS_BY_TYPE.get(ctype)
            if limits is not None:
                _check_char_limits(comp, ctype, limits, path + (j,), out)
            if ctype in DOCS_COUNT_LIMITS:
                _check_count(comp, ctype, path + (j,), out)
            if ctype in _OPTION_COMPONENTS:
                items = comp.get("data-source")
                if isinstance(items, list):
                    _check_options(items, ctype, path + (j,), out)
        # A container's lists, whatever its type (this pass runs on documents with schema errors too).
        for key in _NESTED_LISTS:
            nested = comp.get(key)
            if isinstance(nested, list):
                _walk_limits(nested, path + (j, key), out)
        cases = comp.get("cases")
        if isinstance(cases, dict):
            for case, items in cases.items():
                if isinstance(items, list):
                    _walk_limits(items, path + (j, "cases", case), out)


_NESTED_LISTS = ("children", "then", "else")


def _check_char_limits(
    comp: dict[str, Any], ctype: str, limits: dict[str, int], here: JsonPath, out: list[Diagnostic]
) -> None:
    """The component's texts with a docs limit, in the component's key order. A component has one to four
    such keys and several others: they are looked up, and a short text is passed over before any call."""
    over: list[str] = []
    for key, limit in limits.items():
        value = comp.get(key)
        if value is None or (type(value) is str and _within(value, limit)):
            continue
        over.append(key)
    if len(over) > 1:
        order = list(comp)
        over.sort(key=order.index)
    for key in over:
        _check_limit(comp[key], limits[key], ctype, key, here + (key,), out)


def _check_options(items: list[Any], ctype: str, here: JsonPath, out: list[Diagnostic]) -> None:
    for k, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for key, limit in _OPTION_LIMITS:
            text = item.get(key)
            # Most option texts are short strings: skip them before any call (see _check_limit).
            if text is None or (type(text) is str and _within(text, limit)):
                continue
            _check_limit(text, limit, f"{ctype} option", key, here + ("data-source", k, key), out)


def _within(text: str, limit: int) -> bool:
    """True when ``text`` is surely within ``limit`` UTF-16 units without encoding it: a UTF-16 length is at
    most twice the length in code points, and equal to it for an ASCII text (``isascii`` reads a flag)."""
    length = len(text)
    return 2 * length <= limit or (length <= limit and text.isascii())


def _check_limit(value: Any, limit: int, owner: str, key: str, path: JsonPath, out: list[Diagnostic]) -> None:
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if isinstance(text, str) and not _within(text, limit) and not _DYNAMIC.match(text) and _utf16_length(text) > limit:
            out.append(
                Diagnostic(
                    "TEXT_TOO_LONG",
                    f"Property '{key}' of {owner} has {_utf16_length(text)} characters; Meta's components "
                    f"reference allows {limit}.",
                    (Pointer(path),),
                    "FL920",
                    WARNING,
                    fix=f"shorten it to at most {limit} characters "
                    f"({_COMPONENTS_DOC}).",
                )
            )
            return


#: (component type) -> (list property, minimum, maximum) from Meta's components reference
#: (spec/flowjson.md §9 "Option counts"); Meta's validator enforces only "at least 1". From the component
#: table: ``options_key`` and ``docs_items``.
DOCS_COUNT_LIMITS: dict[str, tuple[str, int, int]] = {
    ctype: (spec.options_key, *spec.docs_items)
    for ctype, spec in COMPONENTS.items()
    if spec.docs_items is not None and spec.options_key is not None
}
#: The maximum when an option has an image (Dropdown: 100).
_COUNT_WITH_IMAGES = {
    ctype: spec.docs_items_with_images for ctype, spec in COMPONENTS.items() if spec.docs_items_with_images
}


def _check_count(comp: dict[str, Any], ctype: str | None, path: JsonPath, out: list[Diagnostic]) -> None:
    if ctype not in DOCS_COUNT_LIMITS:
        return
    key, low, high = DOCS_COUNT_LIMITS[ctype]
    items = comp.get(key)
    if not isinstance(items, list) or not items:
        return
    with_images = _COUNT_WITH_IMAGES.get(ctype)
    if with_images is not None and any(isinstance(i, dict) and "image" in i for i in items):
        high = with_images
    if low <= len(items) <= high:
        return
    bound = f"at most {high}" if len(items) > high else f"at least {low}"
    out.append(
        Diagnostic(
            "TOO_MANY_ITEMS" if len(items) > high else "TOO_FEW_ITEMS",
            f"Property '{key}' of {ctype} has {len(items)} items; Meta's components reference allows {bound}.",
            (Pointer(path + (key,)),),
            "FL921",
            WARNING,
            fix=f"use {bound} items (https://developers.facebook.com/docs/whatsapp/flows/reference/components).",
        )
    )


# --- the same limits as schema keywords, for the clean path --------------------------------------------------


def within_docs_limits_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (a Flow JSON schema, as the native validator reads it; modified and returned) made to also
    refuse what :func:`docs_limits` could warn about, so that a document it accepts has no FL920/FL921 and the
    clean path skips this module's walk (~0.2 ms of a clean 100 KB flow).

    Only a sufficient condition, never a second definition: a document it refuses is checked as before, by
    the schema as it is and then :func:`docs_limits`. The limits are added in ``allOf``, around each
    component's definition (``$defs/<type>`` and ``$defs/form.<type>``) and around ``data-source.item``; a
    definition refuses the other keys of a component (``additionalProperties: false``, checked by
    tests/schema/test_docs_limits_schema.py, which also checks on generated flows that a document the result
    accepts gets no docs warning).
    """
    defs = schema.get("$defs")
    if not isinstance(defs, dict):
        return schema
    for name, definition in list(defs.items()):
        ctype = name.removeprefix("form.")
        properties: dict[str, Any] = {
            key: _within_text_limit(limit) for key, limit in _CHAR_LIMITS_BY_TYPE.get(ctype, {}).items()
        }
        if ctype in DOCS_COUNT_LIMITS:
            key, low, high = DOCS_COUNT_LIMITS[ctype]
            # A Dropdown with an image in any option allows 100: asked of every Dropdown here.
            properties[key] = {"minItems": low, "maxItems": _COUNT_WITH_IMAGES.get(ctype, high)}
        if properties:
            defs[name] = {"allOf": [definition, {"properties": properties}]}
    item = defs.get("data-source.item")
    if item is not None:  # the options of CheckboxGroup, RadioButtonsGroup, Dropdown and ChipsSelector
        limits = {key: _within_text_limit(limit) for key, limit in DOCS_OPTION_LIMITS.items()}
        defs["data-source.item"] = {"allOf": [item, {"properties": limits}]}
    return schema


def _within_text_limit(limit: int) -> dict[str, Any]:
    """A text (or each text of a list) surely within ``limit`` UTF-16 units, or dynamic. ``maxLength`` counts
    code points: up to ``limit // 2`` any text is within, up to ``limit`` one without a character beyond
    U+FFFF (which takes two units). A dynamic text starts with ``${`` or a backtick (``_DYNAMIC`` also allows
    white space first: such a text is left to the walk)."""
    text = {
        "anyOf": [
            {"maxLength": limit // 2},
            {"maxLength": limit, "pattern": "^[\\u0000-\\uffff]*$"},
            {"type": "string", "pattern": "^(\\$\\{|`)"},
        ]
    }
    return {**text, "items": text}
