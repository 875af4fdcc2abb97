"""Screens: ids, terminal and success screens, declared ``data``, sensitive fields, screen-level flags.

Meta's ``ScreenIDValidatorV500``, ``SuccessOnTerminalScreenValidatorV500``, ``ScreenDataValidatorV500``,
``RefreshOnBackValidatorV500``, ``SensitiveFieldsValidatorV501``, ``MetaFieldValidatorV501``,
``NavigationListOnTerminalScreenValidatorV602``, ``TerminalScreenFooterValidatorV500`` (7.3+ only) and the
5.2 shopping ``CartScreenValidatorV502`` (``spec/meta-validator.md`` §2.2, §2.3, §2.6; behaviour of the
UNCERTAIN ones settled by the conformance cases named in ``conformance/meta/README.md``).
"""

from __future__ import annotations

from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.rules.base import Finding, at, js_type, join_ids, key_at
from flowlint.rules.data_schema import first_declaration_error
from flowlint.rules.model import SHOPPING_LAYOUTS, FlowModel
from flowlint.diagnostics import JsonPath

__all__ = ["RULES", "VALIDATORS", "check_example"]

RULES = [
    RuleInfo(
        "FL401", "reserved-screen-id", "No screen is called `success`.", "SCREEN_ID_IS_RESERVED_KEYWORD", "error",
        "5.1+",
        doc="What it does: reports a screen whose id is `success` (lower case: Meta's comparison is "
        "case-sensitive).\n\nWhy is this bad? `success` is reserved by Meta's validator.\n\nExample: "
        '`"id": "success"`.\n\nUse instead: `"id": "DONE"`.',
    ),
    RuleInfo(
        "FL402", "duplicate-screen-id", "Screen ids are unique.", "DUPLICATE_SCREEN_IDS", "error", "5.1+",
        doc="What it does: reports every screen whose id an earlier screen already has.\n\nWhy is this bad? "
        "Meta rejects it: navigation and routing address screens by id.\n\nExample: two screens "
        '`"id": "CONFIRM"`.\n\nUse instead: distinct ids (`CONFIRM`, `CONFIRM_CANCEL`).',
    ),
    RuleInfo(
        "FL403", "missing-terminal-screen", "Some screen is terminal.", "MISSING_TERMINAL_SCREEN", "error", "5.1+",
        doc="What it does: reports a flow with no `\"terminal\": true` screen.\n\nWhy is this bad? Meta rejects "
        "it: a flow must be able to end.\n\nExample: every screen navigates on.\n\nUse instead: "
        '`"terminal": true` on the last screen, with a Footer that completes the flow.',
    ),
    RuleInfo(
        "FL404", "no-successful-terminal-screen", "Some terminal screen ends the flow with success.",
        "INVALID_PROPERTY_VALUE", "error", "5.1+",
        doc="What it does: reports a flow where every screen that may be terminal (not explicitly "
        '`"terminal": false`: Meta counts unmarked screens too) has `"success": false`.\n\nWhy is this bad? '
        "Meta rejects it.\n\nExample: the only terminal screen has `\"success\": false`.\n\nUse instead: drop "
        '`"success": false` from the screen that ends the flow normally (`success` defaults to true).',
    ),
    RuleInfo(
        "FL405", "nested-data-example", "`__example__` only at the top of a data declaration.", "INVALID_SCREEN_DATA",
        "error", "5.1+",
        doc="What it does: reports `__example__` below the top level of a screen's `data` declaration.\n\nWhy "
        "is this bad? Meta rejects it.\n\nExample: `\"customer\": {\"type\": \"object\", \"properties\": {\"name\": "
        '{"type": "string", "__example__": "Ana"}}}`.\n\nUse instead: one `__example__` for the whole '
        'declaration: `"__example__": {"name": "Ana"}`.',
    ),
    RuleInfo(
        "FL406", "invalid-data-declaration",
        "Each screen data declaration is a JSON Schema with a string `type` (and arrays `items`).",
        "INVALID_SCREEN_DATA", "error", "5.1+",
        doc="What it does: reports a declaration without `type`, with a non-string `type`, or an array without "
        "`items`; and a declaration that is not a valid JSON Schema (draft-07), as Meta compiles each one: an "
        "unknown type name, `required` that is not an array of names, a `pattern` that is not a regular "
        "expression, a `properties` entry that is not a schema. Meta reports the first such problem of a "
        "declaration, in its schema-error wording.\n\nWhy is this bad? Meta rejects the data model.\n\nExample: "
        '`"slots": {"type": "array", "__example__": []}`; `"vip": {"type": "boolean", "required": "yes", '
        '"__example__": true}`.\n\nUse instead: `"slots": {"type": "array", "items": {"type": "string"}, '
        '"__example__": []}`; leave `required` out of a single declaration (it lists the required properties '
        "of an object).",
    ),
    RuleInfo(
        "FL407", "data-example-mismatch", "`__example__` matches its declaration.", "INVALID_PROPERTY_TYPE", "error",
        "5.1+",
        doc="What it does: validates each declaration's `__example__` against the declaration (type, enum, "
        "object properties, array items), as Meta does; the error is Meta's translated schema error "
        "(INVALID_PROPERTY_TYPE, INVALID_ENUM_VALUE, ...), prefixed \"Invalid data model schema.\".\n\nWhy is "
        "this bad? Meta rejects the data model.\n\nExample: `\"count\": {\"type\": \"number\", \"__example__\": "
        '"3"}`.\n\nUse instead: `"__example__": 3`.',
    ),
    RuleInfo(
        "FL408", "refresh-on-back-without-endpoint", "`refresh_on_back` needs `data_api_version`.",
        "INVALID_PROPERTY_VALUE", "error", "5.1+",
        doc="What it does: reports `\"refresh_on_back\": true` in a flow without `data_api_version`.\n\nWhy is "
        "this bad? Meta rejects it: refreshing means calling the endpoint.\n\nExample: `\"refresh_on_back\": "
        "true` in a flow without endpoint.\n\nUse instead: remove it, or declare `data_api_version` (and a "
        "`routing_model`).",
    ),
    RuleInfo(
        "FL409", "unknown-sensitive-field", "`sensitive` names components of the screen.", "INVALID_SENSITIVE_FIELD",
        "error", "5.1+",
        doc="What it does: reports entries of a screen's `sensitive` list that name no component of the "
        "screen.\n\nWhy is this bad? Meta rejects it.\n\nExample: `\"sensitive\": [\"card_number\"]` with no "
        "component named `card_number`.\n\nUse instead: the `name` of the field to mask.",
    ),
    RuleInfo(
        "FL410", "meta-property-not-allowed", "No top-level `meta` object.", "INVALID_FLOW_JSON", "error", "5.1+",
        doc="What it does: reports a top-level `meta` object.\n\nWhy is this bad? Meta's validator accepts it "
        "only in flows created by its own lead-generation tooling; a file never is.\n\nExample: "
        '`"meta": {"lead_gen_ai": true}`.\n\nUse instead: remove `meta`.',
    ),
    RuleInfo(
        "FL411", "navigation-list-on-terminal-screen", "A terminal screen has no NavigationList.",
        "INVALID_PROPERTY_KEY", "error", "6.2+",
        doc="What it does: reports a terminal screen containing a NavigationList.\n\nWhy is this bad? Meta "
        "rejects it (\"Property 'terminal' is not allowed.\").\n\nExample: a menu screen with "
        '`"terminal": true`.\n\nUse instead: make the menu non-terminal and end the flow on another screen.',
    ),
    RuleInfo(
        "FL412", "terminal-screen-without-footer", "A terminal screen has a Footer.",
        "MISSING_FOOTER_ON_TERMINAL_SCREEN", "error", "7.3+",
        doc="What it does: from 7.3, reports terminal screens (other than shopping layouts) without a Footer "
        "anywhere in them.\n\nWhy is this bad? Meta rejects it from 7.3.\n\nExample: a terminal screen with "
        "only a TextBody.\n\nUse instead: add a Footer whose action is `complete`.",
    ),
    RuleInfo(
        "FL413", "terminal-footer-action", "A terminal screen's Footer completes the flow.", "INVALID_PROPERTY_VALUE",
        "error", "7.3+",
        doc="What it does: from 7.3, reports a terminal screen whose first Footer's action is not `complete` "
        "(or `data_exchange` in flows with `data_api_version`).\n\nWhy is this bad? Meta rejects it.\n\n"
        "Example: a terminal screen's Footer with `navigate`.\n\nUse instead: `\"name\": \"complete\"`.",
    ),
    RuleInfo(
        "FL414", "missing-cart-layout", "A 5.2 flow with an ItemListLayout screen has a CartLayout screen.",
        "MISSING_CART_LAYOUT", "error", "5.2",
        doc="What it does: in 5.2 (commerce) flows, reports an ItemListLayout screen without any CartLayout "
        "screen.\n\nWhy is this bad? Meta rejects it.\n\nExample: a catalogue with no cart.\n\nUse instead: add "
        "a screen with `\"layout\": {\"type\": \"CartLayout\"}`.",
    ),
]


# --- ScreenIDV500 --------------------------------------------------------------------------------------
def screen_id(model: FlowModel) -> Iterable[Finding]:
    """Duplicates first (one error per id, later occurrences first), then the reserved id (every screen
    called ``success``, last first), then the missing terminal screen: the order of Meta's module."""
    seen: set[Any] = set()
    duplicates: dict[Any, list[JsonPath]] = {}
    reserved: list[JsonPath] = []
    for screen in model.screens:
        sid = screen.node.get("id")
        pointer = screen.path + ("id",)
        if sid == "success":
            reserved.insert(0, pointer)
            seen.add(sid)
            continue
        if isinstance(sid, (str, int, float)) and sid in seen:
            duplicates.setdefault(sid, []).insert(0, pointer)
        elif isinstance(sid, (str, int, float)):
            seen.add(sid)
    for sid, pointers in duplicates.items():
        yield Finding("FL402", "DUPLICATE_SCREEN_IDS", f"Duplicate screen id found: '{sid}'.", at(*pointers))
    if reserved:
        yield Finding(
            "FL401",
            "SCREEN_ID_IS_RESERVED_KEYWORD",
            "Screen id cannot be 'success' since it is a reserved keyword.",
            at(*reserved),
        )
    if model.screens and not any(s.terminal for s in model.screens):
        yield Finding(
            "FL403", "MISSING_TERMINAL_SCREEN", "Terminal screen is required but not provided.", at(("screens",))
        )


# --- SuccessOnTerminalScreenV500 -----------------------------------------------------------------------
def success_on_terminal_screen(model: FlowModel) -> Iterable[Finding]:
    """Screens whose ``terminal`` is not ``false`` are candidates; the first one whose ``success`` is true or
    unset settles it. Otherwise every candidate's ``success`` value is pointed at (none when there is no
    candidate at all)."""
    pointers = []
    for screen in model.screens:
        if not screen.node or screen.node.get("terminal") is False:
            continue
        success = screen.node.get("success")
        if success is None or success is True:
            return
        pointers.append(screen.path + ("success",))
    if not model.screens:
        return
    yield Finding(
        "FL404",
        "INVALID_PROPERTY_VALUE",
        "At least one terminal screen must have property 'success' set as true.",
        at(*pointers),
    )


# --- ScreenDataV500 ------------------------------------------------------------------------------------
def screen_data(model: FlowModel) -> Iterable[Finding]:
    doc, version = model.doc, model.version.number
    for screen in model.screens:
        data = screen.data
        if data is None:
            continue
        for key, decl in data.items():
            if key == "required" or _plain_scalar(decl):
                continue
            path = screen.path + ("data", key)
            yield from _nested_example(decl, path)
            yield from _declaration(decl, path)
            yield from _example_against_declaration(decl, path, doc=doc, version=version)


_SCALAR_TYPES = frozenset({"string", "boolean", "number", "integer"})


def _plain_scalar(decl: Any) -> bool:
    """A declaration with nothing for the three checks below to report, told at once (most of a data model):
    ``{"type": <scalar>}`` with, at most, an ``__example__`` of that type. No nested example (nothing is
    nested), a known type name that is no array, and an example that validates."""
    if type(decl) is not dict or not 1 <= len(decl) <= 2:
        return False
    kind = decl.get("type")
    if type(kind) is not str or kind not in _SCALAR_TYPES:
        return False
    if len(decl) == 1:
        return True
    return "__example__" in decl and _matches_type(kind, decl["__example__"])


def _nested_example(decl: Any, path: JsonPath) -> Iterable[Finding]:
    """The first ``__example__`` below the top level (depth first), as Meta reports only that one."""
    if not isinstance(decl, dict):
        return
    found = None
    for key, value in decl.items():  # as _find_example, the top-level example left out
        if key != "__example__" and isinstance(value, (dict, list)):
            found = _find_example(value, path + (key,))
            if found is not None:
                break
    if found is not None:
        pointer = "/".join(str(p) for p in found)
        message = (
            "Property '__example__' is allowed only as a top level property of data model. "
            f"Invalid entry: '/$root/{pointer}'."
        )
        yield Finding("FL405", "INVALID_SCREEN_DATA", message, key_at(found))


def _find_example(node: Any, path: JsonPath) -> JsonPath | None:
    items: Iterable[tuple[Any, Any]] = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if key == "__example__" and isinstance(node, dict):
            return path + (key,)
        if isinstance(value, (dict, list)):
            found = _find_example(value, path + (key,))
            if found is not None:
                return found
    return None


def _declaration(decl: Any, path: JsonPath) -> Iterable[Finding]:
    """``validateArraysInDataModel``: a string ``type``; arrays need ``items`` (recursively)."""
    kind = decl.get("type") if isinstance(decl, dict) else None
    if not isinstance(kind, str):
        if kind is None:
            yield Finding("FL406", "INVALID_SCREEN_DATA", "Missing the definition of property 'type'.", at(path))
        else:
            yield Finding(
                "FL406", "INVALID_SCREEN_DATA", "Expected the property 'type' to be of type string.", at(path + ("type",))
            )
        return
    if kind == "array":
        items = decl.get("items")
        if isinstance(items, dict):
            yield from _declaration(items, path + ("items",))
        elif items is None:
            yield Finding("FL406", "INVALID_SCREEN_DATA", "Missing the schema for property 'items' in array.", at(path))


def _example_against_declaration(decl: Any, path: JsonPath, *, doc: Any, version: int) -> Iterable[Finding]:
    """``validateExampleSchemaDataModel``: the declaration must compile, i.e. be a JSON Schema (else Meta
    reports the first of the meta-schema's translated errors: an unknown type name, ``required`` that is no
    array, a ``pattern`` that is no regular expression...), and ``__example__`` must validate against it."""
    if not isinstance(decl, dict):
        return
    bad = first_declaration_error(decl, path, doc, version)
    if bad is not None:
        yield Finding("FL406", bad.error, bad.message, bad.pointers)
        return
    if "__example__" not in decl:
        return  # flowlint does not guess what Ajv says about an absent example
    for error, message in check_example(decl, decl["__example__"]):
        yield Finding("FL407", error, f"Invalid data model schema. {message}", at(path + ("__example__",)))


_CONTAINER_OR_STRING: dict[type, str] = {str: "string", dict: "object", list: "array"}


def _matches_type(kind: str, value: Any) -> bool:
    name = _CONTAINER_OR_STRING.get(type(value))
    if name is not None:  # the common cases, without the numeric rules
        return name == kind
    if kind == "integer":
        return (
            isinstance(value, int) and not isinstance(value, bool)
        ) or (isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return js_type(value) == kind


def check_example(decl: dict[str, Any], value: Any) -> list[tuple[str, str]]:
    """Validate ``value`` against a data declaration as Ajv does for ``__example__``: (error, message) pairs.

    Covers what data models use: ``type``, ``enum``, ``properties``, ``required``, ``items``. Every error is
    worded for the property ``__example__`` (Meta validates the example as the root of the data).
    """
    out: list[tuple[str, str]] = []
    _check(decl, value, out)
    return out


def _check(decl: Any, value: Any, out: list[tuple[str, str]]) -> None:
    if not isinstance(decl, dict):
        return
    kind = decl.get("type")
    if type(kind) is str:
        matches = _matches_type(kind, value)
        kinds = [kind]
    else:
        kinds = kind if isinstance(kind, list) else []
        matches = not kinds or any(_matches_type(k, value) for k in kinds)
    if not matches:
        out.append(
            (
                "INVALID_PROPERTY_TYPE",
                f"Expected property '__example__' to be of type '{','.join(kinds)}' but found '{js_type(value)}'.",
            )
        )
        return
    enum = decl.get("enum")
    if isinstance(enum, list) and value not in enum:
        out.append(("INVALID_ENUM_VALUE", f"Value should be one of: [{join_ids(enum)}]."))
    if isinstance(value, dict):
        # Ajv's object keywords: required before properties.
        required = decl.get("required")
        if isinstance(required, list):
            for name in required:
                if isinstance(name, str) and name not in value:
                    out.append(("MISSING_REQUIRED_PROPERTY", f"Required property '{name}' is missing."))
        props = decl.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                if name in value:
                    inner = value[name]
                    # A string for a plain string declaration: nothing to report (the common case, no call).
                    if type(inner) is str and type(sub) is dict and sub.get("type") == "string" and "enum" not in sub:
                        continue
                    _check(sub, inner, out)
    elif isinstance(value, list) and isinstance(decl.get("items"), dict):
        for item in value:
            _check(decl["items"], item, out)


# --- RefreshOnBackV500 ---------------------------------------------------------------------------------
def refresh_on_back(model: FlowModel) -> Iterable[Finding]:
    """One error pointing at every ``refresh_on_back: true`` when ``data_api_version`` is null or absent."""
    if model.doc.get("data_api_version") is not None:
        return
    ids = [s.id for s in model.screens if s.node.get("refresh_on_back") is True]
    paths = [model.by_id[i].path + ("refresh_on_back",) if i in model.by_id else ("screens", -1) for i in ids]
    paths = [p for p in paths if p[1] != -1]
    if paths:
        yield Finding(
            "FL408",
            "INVALID_PROPERTY_VALUE",
            "Property 'refresh_on_back' can be true only when property 'data_api_version' is set.",
            at(*paths),
        )


# --- SensitiveFieldsV501 -------------------------------------------------------------------------------
def sensitive_fields(model: FlowModel) -> Iterable[Finding]:
    """Entries must be names of components (Forms included) of the screen Meta maps under this id."""
    for screen in model.screens:
        sensitive = screen.node.get("sensitive")
        if not isinstance(sensitive, list) or not sensitive:
            continue
        mapped = model.by_id.get(screen.id, screen) if screen.id is not None else screen
        names = {c.name for c in mapped.components if c.name is not None}
        bad = [(i, f) for i, f in enumerate(sensitive) if not (isinstance(f, str) and f in names)]
        if not bad:
            continue
        quoted = "', '".join(str(f) for _, f in bad)
        noun = "field" if len(bad) == 1 else "fields"
        message = f"No component corresponding to the sensitive {noun} '{quoted}' can be found in screen '{screen.id}'."
        yield Finding("FL409", "INVALID_SENSITIVE_FIELD", message, at(*(screen.path + ("sensitive", i) for i, _ in bad)))


# --- MetaFieldV501 -------------------------------------------------------------------------------------
def meta_field(model: FlowModel) -> Iterable[Finding]:
    if "meta" in model.doc:
        yield Finding("FL410", "INVALID_FLOW_JSON", "Property 'meta' is not allowed.", at(("meta",)))


# --- NavigationListOnTerminalScreenV602 ----------------------------------------------------------------
def navigation_list_on_terminal_screen(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        if screen.terminal and screen.of_type("NavigationList"):
            yield Finding("FL411", "INVALID_PROPERTY_KEY", "Property 'terminal' is not allowed.", at(screen.path))


# --- TerminalScreenFooterV500 (7.3+) -------------------------------------------------------------------
def terminal_screen_footer(model: FlowModel) -> Iterable[Finding]:
    missing = []
    endpoint = model.doc.get("data_api_version") is not None
    terminal = {s.id for s in model.screens if s.terminal}  # any screen with the id is terminal
    terminal_ids = [sid for sid in model.screen_ids if sid in terminal]
    for sid in terminal_ids:
        screen = model.by_id[sid]  # Meta's maps hold the last screen with that id
        if screen.layout_type in SHOPPING_LAYOUTS:
            continue
        footers = screen.of_type("Footer")
        if not footers:
            missing.append(screen)
            continue
        action = footers[0].node.get("on-click-action")
        if not isinstance(action, dict):
            continue
        # Meta accepts data_exchange here even without data_api_version (only the message differs; case
        # action-data-exchange-without-data-api-version reports nothing from this validator).
        if action.get("name") not in ("data_exchange", "complete"):
            expected = "Expected one of: [data_exchange, complete]." if endpoint else "Expected 'complete'."
            yield Finding(
                "FL413",
                "INVALID_PROPERTY_VALUE",
                f"Invalid value found for property 'name'. {expected}",
                at(footers[0].path + ("on-click-action", "name")),
            )
    if len(missing) == 1:
        message = f"Footer component is missing on terminal screen '{missing[0].id}'."
    else:
        message = f"Footer component is missing on terminal screens: [{join_ids([s.id for s in missing])}]."
    if missing:
        yield Finding("FL412", "MISSING_FOOTER_ON_TERMINAL_SCREEN", message, at(*(s.path for s in missing)))


# --- CartScreenV502 (5.2) ------------------------------------------------------------------------------
def cart_screen(model: FlowModel) -> Iterable[Finding]:
    layouts = {s.layout_type for s in model.screens}
    if "ItemListLayout" in layouts and "CartLayout" not in layouts:
        message = (
            "Screen with 'CartLayout' must be defined when 'ItemListLayout' screen exists. Please add a screen "
            "with the required layout type: 'CartLayout'."
        )
        yield Finding("FL414", "MISSING_CART_LAYOUT", message, ())


VALIDATORS = {
    "ScreenIDV500": screen_id,
    "SuccessOnTerminalScreenV500": success_on_terminal_screen,
    "ScreenDataV500": screen_data,
    "RefreshOnBackV500": refresh_on_back,
    "SensitiveFieldsV501": sensitive_fields,
    "MetaFieldV501": meta_field,
    "NavigationListOnTerminalScreenV602": navigation_list_on_terminal_screen,
    "TerminalScreenFooterV500": terminal_screen_footer,
    "CartScreenV502": cart_screen,
}
