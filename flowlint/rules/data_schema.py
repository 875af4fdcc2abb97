"""A screen's data declarations read as JSON Schemas, as Meta's ``ScreenDataValidatorV500`` reads them.

Meta compiles each declaration of a screen's ``data`` (without its top-level ``__example__``) with the Ajv 6
instance of its validator (``allErrors``, ``verbose``). Ajv first validates the declaration against JSON Schema
draft-07's meta-schema and throws when it fails; Meta then translates the meta-schema's errors with the schema
pass's translation (``WAFlowJSONSchemaValidator.formatAJVError``, each error's data path re-rooted at the
declaration) and reports the first one: ``"required": "name"`` gives "Expected property 'required' to be of type
'array' but found 'string'.", a ``pattern`` that is no regular expression "Property 'pattern' should be in
'regex' format.", an unknown type name "Value should be one of: [array, ...]".

The meta-schema is draft-07's (https://json-schema.org/draft-07/schema) as Ajv 6 ships it
(ajv-validator/ajv v6 ``lib/refs/json-schema-draft-07.json``: ``enum`` also needs one item and unique items);
Ajv's error list is :mod:`flowlint.schema.meta_port.ajv`'s, its formats Ajv 6's "fast" ones, the translation
:mod:`flowlint.schema.meta_port.errors`'s.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from flowlint.diagnostics import Diagnostic, JsonPath

__all__ = ["META_SCHEMA", "first_declaration_error"]

_SCHEMA: dict[str, Any] = {"$ref": "#"}
_TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"]

#: JSON Schema draft-07's meta-schema, Ajv 6's copy (key order matters: Ajv reports in this order).
META_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$id": "http://json-schema.org/draft-07/schema#",
    "title": "Core schema meta-schema",
    "definitions": {
        "schemaArray": {"type": "array", "minItems": 1, "items": _SCHEMA},
        "nonNegativeInteger": {"type": "integer", "minimum": 0},
        "nonNegativeIntegerDefault0": {"allOf": [{"$ref": "#/definitions/nonNegativeInteger"}, {"default": 0}]},
        "simpleTypes": {"enum": _TYPES},
        "stringArray": {"type": "array", "items": {"type": "string"}, "uniqueItems": True, "default": []},
    },
    "type": ["object", "boolean"],
    "properties": {
        "$id": {"type": "string", "format": "uri-reference"},
        "$schema": {"type": "string", "format": "uri"},
        "$ref": {"type": "string", "format": "uri-reference"},
        "$comment": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "default": True,
        "readOnly": {"type": "boolean", "default": False},
        "examples": {"type": "array", "items": True},
        "multipleOf": {"type": "number", "exclusiveMinimum": 0},
        "maximum": {"type": "number"},
        "exclusiveMaximum": {"type": "number"},
        "minimum": {"type": "number"},
        "exclusiveMinimum": {"type": "number"},
        "maxLength": {"$ref": "#/definitions/nonNegativeInteger"},
        "minLength": {"$ref": "#/definitions/nonNegativeIntegerDefault0"},
        "pattern": {"type": "string", "format": "regex"},
        "additionalItems": _SCHEMA,
        "items": {"anyOf": [_SCHEMA, {"$ref": "#/definitions/schemaArray"}], "default": True},
        "maxItems": {"$ref": "#/definitions/nonNegativeInteger"},
        "minItems": {"$ref": "#/definitions/nonNegativeIntegerDefault0"},
        "uniqueItems": {"type": "boolean", "default": False},
        "contains": _SCHEMA,
        "maxProperties": {"$ref": "#/definitions/nonNegativeInteger"},
        "minProperties": {"$ref": "#/definitions/nonNegativeIntegerDefault0"},
        "required": {"$ref": "#/definitions/stringArray"},
        "additionalProperties": _SCHEMA,
        "definitions": {"type": "object", "additionalProperties": _SCHEMA, "default": {}},
        "properties": {"type": "object", "additionalProperties": _SCHEMA, "default": {}},
        "patternProperties": {
            "type": "object",
            "additionalProperties": _SCHEMA,
            "propertyNames": {"format": "regex"},
            "default": {},
        },
        "dependencies": {
            "type": "object",
            "additionalProperties": {"anyOf": [_SCHEMA, {"$ref": "#/definitions/stringArray"}]},
        },
        "propertyNames": _SCHEMA,
        "const": True,
        "enum": {"type": "array", "items": True, "minItems": 1, "uniqueItems": True},
        "type": {
            "anyOf": [
                {"$ref": "#/definitions/simpleTypes"},
                {"type": "array", "items": {"$ref": "#/definitions/simpleTypes"}, "minItems": 1, "uniqueItems": True},
            ]
        },
        "format": {"type": "string"},
        "contentMediaType": {"type": "string"},
        "contentEncoding": {"type": "string"},
        "if": _SCHEMA,
        "then": _SCHEMA,
        "else": _SCHEMA,
        "allOf": {"$ref": "#/definitions/schemaArray"},
        "anyOf": {"$ref": "#/definitions/schemaArray"},
        "oneOf": {"$ref": "#/definitions/schemaArray"},
        "not": _SCHEMA,
    },
    "default": True,
}

_KEYWORDS = frozenset(META_SCHEMA["properties"])
_TYPE_NAMES = frozenset(_TYPES)
_TEXT_KEYWORDS = frozenset({"title", "description", "$comment", "format"})


def _surely_valid(node: Any) -> bool:
    """True when ``node`` obviously satisfies the meta-schema, told without Ajv (data models use a few
    keywords: ``type``, ``properties``, ``items``, ``required``, ``enum``, texts). False: ask Ajv."""
    if type(node) is bool:
        return True
    if type(node) is not dict:
        return False
    for key, value in node.items():
        if key not in _KEYWORDS:
            continue  # a keyword the meta-schema does not know takes any value (nested __example__ too)
        if key == "type":
            if type(value) is not str or value not in _TYPE_NAMES:
                return False
        elif key == "properties":
            if type(value) is not dict or not all(_surely_valid(sub) for sub in value.values()):
                return False
        elif key == "items":
            if not _surely_valid(value):
                return False
        elif key == "required":
            if type(value) is not list or not all(type(v) is str for v in value) or len(set(value)) != len(value):
                return False
        elif key == "enum":
            if type(value) is not list or not value or not all(type(v) is str for v in value):
                return False
            if len(set(value)) != len(value):
                return False
        elif key in _TEXT_KEYWORDS:
            if type(value) is not str:
                return False
        else:
            return False
    return True


# --- Ajv 6's "fast" formats that the meta-schema uses (ajv-validator/ajv v6 lib/compile/formats.js) ----------
_URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.IGNORECASE)
_URI_REFERENCE = re.compile(r"^(?:(?:[a-z][a-z0-9+\-.]*:)?/?/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$", re.IGNORECASE)
#: Ajv refuses a pattern with ``\Z`` (not an anchor in JavaScript) before compiling it.
_Z_ANCHOR = re.compile(r"[^\\]\\Z")


def _is_regex(text: str) -> bool:
    from flowlint.schema import _is_regex as compiles

    return _Z_ANCHOR.search(text) is None and compiles(text)


_FORMATS: dict[str, Callable[[str], bool]] = {
    "uri": lambda text: _URI.match(text) is not None,
    "uri-reference": lambda text: _URI_REFERENCE.match(text) is not None,
    "regex": _is_regex,
}


def _pattern(pattern: str) -> Any:
    return re.compile(pattern).search  # the meta-schema has no pattern: never called


def _json_path(slash: str) -> str:
    """Meta's ``WAFlowJSONValidationResultUtil.convertToJsonPath``: ``/screens/0/data/x.required`` ->
    ``screens[0].data.x.required`` (a step of digits is an index)."""
    out = ""
    for step in (slash[1:] if slash.startswith("/") else slash).split("/"):
        if step.isdigit() and step.isascii():
            out += f"[{step}]"
        else:
            out += step if not out else "." + step
    return out


def first_declaration_error(decl: Any, path: JsonPath, doc: Any, version: int) -> Diagnostic | None:
    """Meta's error for a declaration that is no JSON Schema (``path``: the declaration, ``screens/i/data/k``),
    or None when it is one. The diagnostic has one pointer; its rule is left to the caller."""
    if _surely_valid(decl):
        return None
    from flowlint.schema.meta_port import ajv, errors as meta_errors

    schema = {k: v for k, v in decl.items() if k != "__example__"} if isinstance(decl, dict) else decl
    errors = ajv.validate(META_SCHEMA, schema, formats=_FORMATS, pattern=_pattern)
    if not errors:
        return None
    base = "/" + "/".join(str(step) for step in path)
    for error in errors:
        error.path = path + error.path
        error.data_path = "." + _json_path(base + error.data_path)
    found = meta_errors.translate(errors, doc, version, schema={})
    if not found:
        return None
    first = found[0]
    return Diagnostic(first.error, first.message, first.pointers[:1], first.rule, first.severity)
