"""Meta's schema pass for the versions Meta's validator checks (5.1 and later), error for error.

WhatsApp Manager's Flow Builder validates a flow against its own JSON Schema of the flow's version with Ajv 6
in all-errors mode, then translates Ajv's error list into its answer. flowlint does the same, in three
steps that each reproduce one part of Meta's validator:

1. the schema: :mod:`.schema` (``flowlint.schema.meta_port.schema``, written to ``schemas/meta/``);
2. Ajv 6's error list, in Ajv's order, every alternative of a ``oneOf``/``anyOf`` included: :mod:`.ajv`;
3. Meta's translation, filters and merging: :mod:`.errors`.

The clean path never runs steps 2 and 3: the native validator (jsonschema-rs) reads the same schema, with
Meta's patterns in ECMA-262 terms and Ajv's two formats, and says whether Ajv would find anything. It is never
looser than Ajv (tests/schema/test_meta_pass.py holds it to that on every recorded flow), so "valid" ends the
pass; "invalid" goes to Ajv, which may still find nothing Meta reports (Meta's filters drop some errors). On
the error path the native validator also says which screens are valid, and Ajv skips them: its cost grows
with the broken screens, not with the flow.

flowlint adds its own hints (``fix``: "did you mean 'TextBody'?", "requires Flow JSON version 6.0") to each
place of an error; they never change Meta's code, message or pointers.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import ERROR, MISSING, Diagnostic, JsonPath, Pointer, value_at
from flowlint.versions import SUPPORTED, FlowVersion

# The three steps (.ajv, .errors, .schema) are imported where they are needed: a clean flow needs only the
# schema file and the native validator.

__all__ = ["RULES", "check", "handles", "schema_of"]

RULES = [
    RuleInfo(
        "FL220",
        "meta-validator-fails",
        "A value on which Meta's validator itself fails (it reads a property of null or of a missing value).",
        "INVALID_FLOW_JSON",
        ERROR,
        versions="5.1+",
        doc="""What it does: reports a value that makes Meta's Flow JSON validator (the one in WhatsApp Manager's
Flow Builder and behind the Create Flow API) stop with an exception while it explains another error: a
`null` where it reads a component, an empty `children` array where it reads the first child, and the like.
Meta then answers one error, "Flow JSON is not valid. Cannot read properties of null (reading 'type')",
pointing at line 0; flowlint gives the same code and message and points at the value it could not read.

Why is this bad? Meta rejects the flow, and its answer does not say where the problem is.

Example: `"children": [{"type": "TextBody", "text": "Hi"}, null]` together with another error in the screen.

Use instead: remove the `null` (or give the value its type), then fix the other errors.""",
    ),
]

#: What the native validator raises on values it cannot take over from Python (a lone surrogate in a string).
_NATIVE_REFUSALS = (UnicodeError, ValueError, OverflowError)

#: Ajv 6's ``uri`` format in its default "fast" mode (ajv-validator/ajv v6 ``lib/compile/formats.js``).
_AJV_URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.IGNORECASE)


def handles(version: FlowVersion) -> bool:
    """Whether Meta's validator checks this version (and this pass answers for it)."""
    return version.number in SUPPORTED


@lru_cache(maxsize=None)
def schema_of(version_text: str) -> dict[str, Any]:
    """Meta's schema of a version, as written in ``schemas/meta/``."""
    from flowlint.schema import _schema_folder

    path = _schema_folder() / "meta" / f"flow-json-{version_text}.json"  # as .schema writes them
    return json.loads(path.read_text(encoding="utf-8"))


def _is_uri(value: str) -> bool:
    return bool(_AJV_URI.match(value))


def _formats() -> dict[str, Callable[[str], bool]]:
    from flowlint.schema import _is_regex

    return {"uri": _is_uri, "regex": _is_regex}


@lru_cache(maxsize=None)
def _native_schema(version_text: str) -> dict[str, Any]:
    """Meta's schema with its patterns as :func:`flowlint.schema.native_keywords` gives them."""
    from flowlint.schema import _PATTERN_MEMBER, _native_member

    text = json.dumps(schema_of(version_text))
    return json.loads(_PATTERN_MEMBER.sub(lambda match: _native_member(match.group(1)), text))


@lru_cache(maxsize=None)
def _native(version_text: str) -> Any:
    """jsonschema-rs on Meta's schema, with Ajv's formats."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(_native_schema(version_text), validate_formats=True, formats=_formats())


@lru_cache(maxsize=None)
def _native_screen(version_text: str) -> Any:
    """jsonschema-rs on one screen (Meta's schema has no keyword that relates two screens, and every
    reference in it points into ``$defs``)."""
    import jsonschema_rs

    schema = _native_schema(version_text)
    screen = {"$schema": schema.get("$schema"), "$defs": schema.get("$defs", {}),
              **schema["properties"]["screens"]["items"]}
    return jsonschema_rs.validator_for(screen, validate_formats=True, formats=_formats())


def _pattern(pattern: str) -> Callable[[str], Any]:
    from flowlint.schema import _compiled

    return _compiled(pattern).search


def check(doc: dict[str, Any], version: FlowVersion) -> list[Diagnostic]:
    """Meta's schema errors for ``doc`` checked as ``version``, with paths (the engine locates them).

    Meta finds a member by its key as written in the text, so a key written with an escape (``"caf\\u00e9"``)
    gets no position in Meta's answer (line 0). That is a quirk of Meta's positions, and flowlint gives the
    real position instead (as for Meta's other position quirks, docs/positions.md)."""
    version_text = version.canonical
    if doc.get("version") != version.text:
        # --target-version: checked as if the flow declared that version. (A flow's own "6.3 " is kept: Meta's
        # version gate reads it as 6.3, and then its schema's `const` rejects it.)
        doc = {**doc, "version": version_text}
    try:
        if _native(version_text).is_valid(doc):
            return []
        skip: Callable[[tuple[Any, ...]], bool] | None = _valid_screens(doc, version_text)
    except _NATIVE_REFUSALS:
        skip = None  # the native validator cannot read this document: Ajv reads all of it
    schema = schema_of(version_text)
    from flowlint.schema.meta_port import ajv, errors as meta_errors, schema as meta_schema

    valid_item = _valid_component(version_text) if skip is not None else None
    errors = ajv.validate_grouped(schema, doc, formats=_formats(), pattern=_pattern, skip=skip,
                                  valid_item=valid_item)
    found = meta_errors.translate(errors, doc, meta_schema.VERSIONS[version_text], schema=schema)
    return [diag if diag.error == meta_errors.INVALID_FLOW_JSON else _with_hints(diag, doc, version_text)
            for diag in found]


@lru_cache(maxsize=None)
def _valid_component(version_text: str) -> Callable[[dict[str, Any], Any], bool]:
    """``valid_item(items, item)`` for Ajv: whether ``item`` is valid under a component list's ``items`` (the
    ``oneOf`` of components of a Form, an If branch, a Switch case...), told by jsonschema-rs. Ajv tries every
    component schema on every item of such a list, also deep inside alternatives where ``skip`` cannot help:
    a broken Form of 30 valid fields and one typo costs one field of Ajv instead of 31. Other lists are left
    to Ajv (their items are cheap, and each validator costs a compilation)."""
    import jsonschema_rs

    from flowlint.schema import _PATTERN_MEMBER, _native_member

    defs = _native_schema(version_text).get("$defs", {})
    dialect = _native_schema(version_text).get("$schema")
    validators: dict[int, Any] = {}

    def valid(items: dict[str, Any], item: Any) -> bool:
        if "oneOf" not in items or not isinstance(item, dict):
            return False
        validator = validators.get(id(items))
        if validator is None:
            text = _PATTERN_MEMBER.sub(lambda match: _native_member(match.group(1)), json.dumps(items))
            validator = validators[id(items)] = jsonschema_rs.validator_for(
                {"$schema": dialect, "$defs": defs, **json.loads(text)}, validate_formats=True, formats=_formats()
            )
        try:
            return bool(validator.is_valid(item))
        except _NATIVE_REFUSALS:
            return False

    return valid


@lru_cache(maxsize=None)
def _native_layout_child(version_text: str) -> Any:
    """jsonschema-rs on one item of a SingleColumnLayout's ``children`` (the ``oneOf`` of every component), or
    None where the layout is itself an alternative (5.2), which Ajv never skips in."""
    import jsonschema_rs

    schema = _native_schema(version_text)
    layout = schema["properties"]["screens"]["items"].get("properties", {}).get("layout", {})
    items = layout.get("properties", {}).get("children", {}).get("items")
    if not isinstance(items, dict):
        return None
    child = {"$schema": schema.get("$schema"), "$defs": schema.get("$defs", {}), **items}
    return jsonschema_rs.validator_for(child, validate_formats=True, formats=_formats())


def _valid_screens(doc: dict[str, Any], version_text: str) -> Callable[[tuple[Any, ...]], bool]:
    """``skip(path)`` for Ajv: true for a screen the native validator finds valid (asked when Ajv reaches it).

    A valid screen gives Ajv no error, so skipping it changes nothing but the time: a 10 000-screen flow
    with one broken screen costs one screen of Ajv. (Asking the native validator for all its errors
    instead would cost more than Ajv itself on a flow with thousands of them.)"""
    validator = _native_screen(version_text)
    child_validator = _native_layout_child(version_text)
    screens = doc.get("screens")

    def skip(path: tuple[Any, ...]) -> bool:
        if not isinstance(screens, list) or path[:1] != ("screens",):
            return False
        try:
            if len(path) == 2:
                return bool(validator.is_valid(screens[path[1]]))
            if len(path) == 5 and path[2:4] == ("layout", "children") and child_validator is not None:
                # A valid component of a broken screen (Ajv asks outside alternatives only: a layout's children).
                return bool(child_validator.is_valid(screens[path[1]]["layout"]["children"][path[4]]))
        except _NATIVE_REFUSALS:
            return False
        return False

    return skip


# --- flowlint's hints ------------------------------------------------------------------------------------------


def _with_hints(diag: Diagnostic, doc: Any, version_text: str) -> Diagnostic:
    """The same error with flowlint's hint (and rule, for a version-gated name) at each place."""
    pointers = list(diag.pointers)
    rule = diag.rule
    fixes: list[str | None] = []
    for i, pointer in enumerate(pointers):
        better_rule, fix = _hint(diag, pointer, doc, version_text)
        if i == 0 and better_rule is not None:
            rule = better_rule
        fixes.append(fix)
    if not any(fixes) and rule == diag.rule:
        return diag
    placed = tuple(p if i == 0 or fixes[i] is None else _with_fix(p, fixes[i]) for i, p in enumerate(pointers))
    return Diagnostic(diag.error, diag.message, placed, rule, diag.severity, diag.error_type, fixes[0] if fixes else None)


def _with_fix(pointer: Pointer, fix: str | None) -> Pointer:
    return replace(pointer, fix=fix)


def _hint(diag: Diagnostic, pointer: Pointer, doc: Any, version_text: str) -> tuple[str | None, str | None]:
    """(a more precise rule code or None, the hint or None) for one place of a Meta error."""
    code = diag.error
    path = pointer.path
    if code == "INVALID_PROPERTY_KEY" and pointer.target == "key":
        member = pointer.at if pointer.at is not None else path  # the real member of a key such as "a.b"
        if member and isinstance(member[-1], str):
            return _unknown_key_hint(member[-1], member[:-1], doc, version_text)
        return None, None
    type_path = pointer.at if pointer.at is not None else path
    if code in ("INVALID_PROPERTY_VALUE", "ONE_OF_SCHEMA_VALIDATION_FAILED") and type_path[-1:] == ("type",):
        return _type_hint(type_path, doc, version_text)
    if code in ("INVALID_ENUM_VALUE", "INVALID_PROPERTY_VALUE"):
        return None, _enum_hint(diag.message, value_at(doc, path), path, version_text)
    return None, None




@lru_cache(maxsize=None)
def _component_keys(version_text: str) -> dict[str, frozenset[str]]:
    """Component type -> every property Meta's schema of this version accepts on it (any placement)."""
    schema = schema_of(version_text)
    out: dict[str, set[str]] = {}
    for ref_key, definition in schema.get("$defs", {}).get("$components", {}).items():
        ctype = _component_of_ref_key(ref_key)
        if ctype is not None and isinstance(definition, dict):
            out.setdefault(ctype, set()).update(definition.get("properties", {}))
    return {ctype: frozenset(keys) for ctype, keys in out.items()}


def _component_of_ref_key(ref_key: str) -> str | None:
    from flowlint.schema.meta_port import errors as meta_errors

    return meta_errors._COMPONENT_OF_REF_KEY.get(ref_key)


@lru_cache(maxsize=None)
def _owner_keys(version_text: str) -> dict[str, frozenset[str]]:
    schema = schema_of(version_text)
    screen = schema["properties"]["screens"]["items"]
    return {"root": frozenset(schema["properties"]), "screen": frozenset(screen.get("properties", {}))}


def _unknown_key_hint(key: str, owner: JsonPath, doc: Any, version_text: str) -> tuple[str | None, str | None]:
    from flowlint.schema.reference_errors import _Context, _unknown_key_hint as hint_of_key

    node = value_at(doc, owner)
    ctype = node.get("type") if isinstance(node, dict) and isinstance(node.get("type"), str) else None
    if not owner:
        known = _owner_keys(version_text)["root"]
    elif len(owner) == 2 and owner[0] == "screens":
        known = _owner_keys(version_text)["screen"]
    elif ctype is not None and ctype in _component_keys(version_text):
        known = _component_keys(version_text)[ctype]
    else:
        known = frozenset()
    if ctype is None or ctype not in _component_keys(version_text):
        ctype = None
    rule, fix = hint_of_key(key, set(known), ctype, owner, _Context(doc, version_text))
    return (rule if rule != "FL201" else None), fix or _did_you_mean(key, tuple(sorted(known)))


def _type_hint(type_path: JsonPath, doc: Any, version_text: str) -> tuple[str | None, str | None]:
    from flowlint.components import vnum
    from flowlint.schema.build import COMPONENT_SINCE, KNOWN_COMPONENTS
    from flowlint.schema.reference_errors import _container_name

    value = value_at(doc, type_path)
    if not isinstance(value, str):
        return None, None
    owner = type_path[:-1]
    if owner[-1:] == ("layout",):
        return None, _did_you_mean(value, ("SingleColumnLayout",)) if value != "SingleColumnLayout" else None
    if value not in KNOWN_COMPONENTS:
        return None, _did_you_mean(value, tuple(sorted(KNOWN_COMPONENTS)))
    since = COMPONENT_SINCE[value]
    if vnum(since) > vnum(version_text):
        return "FL216", f"{value} requires Flow JSON version {since} or later."
    return None, f"{value} is not allowed {_container_name(owner, doc)}."


#: Actions added after 5.1 (https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson).
_ACTION_SINCE = {"update_data": "6.0", "open_url": "6.0"}
_ENUM_VALUES = re.compile(r"\[(.*)\]")


def _enum_hint(message: str, value: Any, path: JsonPath, version_text: str) -> str | None:
    from flowlint.components import vnum

    if not isinstance(value, str):
        return None
    since = _ACTION_SINCE.get(value)
    if path[-1:] == ("name",) and since is not None and vnum(since) > vnum(version_text):
        return f"the {value} action requires Flow JSON version {since} or later."
    match = _ENUM_VALUES.search(message)
    if match is None:
        return None
    return _did_you_mean(value, tuple(v.strip() for v in match.group(1).split(",") if v.strip()))


@lru_cache(maxsize=4096)
def _did_you_mean(value: str, choices: tuple[str, ...]) -> str | None:
    """flowlint's "did you mean" for one value among ``choices``, worked out once per value: a flow with the
    same typo 20 000 times asks for it 20 000 times (difflib costs ~55 µs a time)."""
    from flowlint.schema.reference_errors import _did_you_mean as suggest

    return suggest(value, choices)
