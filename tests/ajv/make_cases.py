"""Writes ajv6_inputs.json (not checked in): schemas and data that exercise every keyword Meta's schemas use.

``node record_ajv6.js`` (in this folder, with ``npm install ajv@6.12.6``) then records Ajv 6.12.6's
own answers into ajv6_cases.json, which test_ajv.py replays against flowlint.schema.meta_port.ajv. Run
both again when a case is added: ``python tests/ajv/make_cases.py && node tests/ajv/record_ajv6.js``.
"""

from __future__ import annotations

import json
from pathlib import Path

BINDING = "^\\$\\{(screen\\.([a-zA-Z,_]*)\\.)?(data|form)(\\.[\\w-]+)+\\}"
SCHEMAS = {
    "type-groups": {
        "type": "object",
        "required": ["a", "b", "c"],
        "additionalProperties": False,
        "properties": {
            "a": {"type": "string", "minLength": 2, "pattern": "^x"},
            "b": {"type": "integer", "minimum": 1, "maximum": 3},
            "c": {"type": "number", "maximum": 10},
            "d": {"type": "boolean"},
            "e": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "string"}},
            "f": {"type": "string"},
            "g": {"type": "object", "minProperties": 1},
            "h": {"type": ["string", "null"]},
            "i": {"type": "string", "format": "uri"},
            "j": {"type": "string", "format": "regex"},
            "k": {"enum": ["x", "y"]},
            "l": {"const": "z"},
            "m": {"type": "string", "enum": ["q"], "minLength": 1},
            "n": False,
            "o": True,
        },
    },
    "alternatives": {
        "type": "object",
        "properties": {
            "one": {"oneOf": [{"type": "boolean"}, {"type": "string", "pattern": BINDING}]},
            "any": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": BINDING}]},
            "both": {"oneOf": [{"type": "string"}, {"type": "string", "minLength": 1}]},
            "not": {"type": "object", "not": {"required": ["x"]}},
            "notany": {"type": "object", "not": {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}},
            "all": {"type": "string", "allOf": [{"pattern": "^a"}, {"pattern": "b$"}, {"minLength": 3}]},
            "cond": {
                "type": "object",
                "if": {"properties": {"t": {"const": True}}, "required": ["t"]},
                "then": {"properties": {"s": {"type": "boolean"}}},
                "else": {"properties": {"s": {"not": {}}}},
            },
            "deps": {"type": "object", "dependencies": {"l": ["r"], "m": ["r", "s"]}},
        },
    },
    "objects": {
        "type": "object",
        "required": ["type", "name", "free"],
        "additionalProperties": False,
        "properties": {"type": {"const": "T"}, "name": {"type": "string"}, "free": {}},
        "patternProperties": {"^x-": {"type": "number"}},
        "propertyNames": {"pattern": "^[a-z-]+$|^[0-9]+$"},
    },
    "refs": {
        "$defs": {
            "leaf": {"type": "object", "required": ["k"], "properties": {"k": {"type": "string"}},
                     "additionalProperties": False},
            "node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/leaf"},
                                                       "kids": {"type": "array", "items": {"$ref": "#/$defs/pick"}}}},
            "pick": {"oneOf": [{"$ref": "#/$defs/leaf"}, {"$ref": "#/$defs/node"},
                               {"type": "object", "properties": {"type": {"const": "X"}}, "required": ["type"]}]},
        },
        "type": "object",
        "properties": {"root": {"$ref": "#/$defs/node"}, "leaf": {"$ref": "#/$defs/leaf", "type": "string"},
                       "map": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                       "data": {"type": "object", "patternProperties": {"^(?!required).*$": {"type": "object", "required": ["__example__", "type"]},
                                                                        "^required$": {"type": "array"}}}},
    },
}
DATA = {
    "type-groups": [
        {}, {"a": "xy", "b": 2, "c": 1}, {"a": 1, "b": "2", "c": "x", "d": 1, "e": "x", "f": 3, "g": [], "h": 1},
        {"a": "y", "b": 2.5, "c": 11, "e": [], "g": {}, "i": "not a uri", "j": "(", "k": "w", "l": "w", "m": 2},
        {"a": "", "b": 0, "c": 1, "e": [1, 2, 3], "zz": 1, "1": 2, "0": 3, "i": "https://x.y", "j": "a\\Z", "m": ""},
        {"a": "xx", "b": 1.0, "c": True, "d": None, "e": [True], "h": None, "k": ["x"], "l": {"z": 1}},
        {"a": "xx", "b": 1, "c": 1, "n": 1, "o": 1},
        [], "x", None,
    ],
    "alternatives": [
        {"one": 1, "any": True, "both": "s", "not": {"x": 1}, "notany": {"b": 1}, "all": "c",
         "cond": {"s": 1}, "deps": {"l": 1, "m": 2}},
        {"one": "${data.x}", "any": "${data.y}", "both": 3, "not": {}, "notany": {}, "all": "ab",
         "cond": {"t": True, "s": "x"}, "deps": {"r": 1, "m": 1}},
        {"one": "nope", "any": "nope", "both": "", "cond": {"t": False, "s": True}, "all": "axb"},
        {"cond": {"t": True, "s": True}, "one": None, "any": None, "not": [], "notany": {"a": 1, "b": 2}},
    ],
    "objects": [
        {"type": "T", "name": "n", "free": 1},
        {"type": "U", "extra": 1, "x-a": "s", "Bad Key": 1, "2": 1},
        {"name": 5, "x-b": 1, "x-c": True},
        {},
        {"type": "T", "name": "n", "free": None, "1": True, "x-": 2},
    ],
    "refs": [
        {"root": {"child": {"k": "v"}, "kids": [{"k": "v"}, {"type": "X"}, {"child": {}}, 3, {"type": "Y"}]}},
        {"root": {"child": {"k": 1, "z": 2}}, "leaf": 5, "map": {"A": ["x", 2], "b c": "x"}},
        {"data": {"a": {}, "required": "x", "b": {"__example__": 1, "type": "string"}, "requiredX": []}},
        {"root": {"kids": [{"kids": [{"k": 1}, {"type": 3}]}]}},
    ],
}

if __name__ == "__main__":
    out = [{"name": name, "schema": SCHEMAS[name], "data": data} for name in SCHEMAS for data in DATA[name]]
    Path(__file__).with_name("ajv6_inputs.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
