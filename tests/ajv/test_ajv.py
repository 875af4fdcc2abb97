"""flowlint.schema.meta_port.ajv against Ajv 6.12.6's own answers (recorded by record_ajv6.js, options as
Meta's: allErrors, verbose).

Every error must come out with Ajv's keyword, data path, schema path, params and message, in Ajv's order:
Meta's translation reads each of them, and its filters depend on the order.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from flowlint.schema.meta_port import ajv
from flowlint.schema import _compiled, _is_regex

CASES = json.loads(Path(__file__).with_name("ajv6_cases.json").read_text(encoding="utf-8"))
_URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.IGNORECASE)
FORMATS = {
    "uri": lambda s: bool(_URI.match(s)),
    "regex": lambda s: not re.search(r"[^\\]\\Z", s) and _is_regex(s),
}


def _errors(schema: dict, data: object) -> list[list[object]]:
    found = ajv.validate(schema, data, formats=FORMATS, pattern=lambda p: _compiled(p).search)
    return [[e.keyword, e.data_path, e.schema_path, e.params, e.message] for e in found]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}-{i}" for i, c in enumerate(CASES)])
def test_errors_are_ajv6s(case: dict) -> None:
    assert case["ajv"].startswith("6.")
    mine = _errors(case["schema"], case["data"])
    assert json.loads(json.dumps(mine)) == case["errors"]
    assert (not mine) == case["valid"]


def test_the_recorded_cases_reach_every_keyword_meta_uses() -> None:
    keywords = {e[0] for c in CASES for e in c["errors"]}
    assert {"type", "required", "additionalProperties", "const", "enum", "pattern", "format", "minLength",
            "minItems", "maxItems", "minimum", "maximum", "minProperties", "not", "anyOf", "oneOf", "if",
            "dependencies", "propertyNames"} <= keywords


def test_javascript_key_order() -> None:
    assert ajv.js_keys({"b": 1, "10": 2, "a": 3, "2": 4, "01": 5}) == ["2", "10", "b", "a", "01"]


def test_skipped_items_are_passed_over_outside_alternatives_only() -> None:
    schema = {"type": "array", "items": {"type": "string"}}
    assert _errors(schema, [1, 2]) != []
    skipped = ajv.validate(schema, [1, 2], formats=FORMATS, pattern=lambda p: _compiled(p).search,
                           skip=lambda path: True)
    assert skipped == []
    inside = {"oneOf": [schema, {"type": "number"}]}
    kept = ajv.validate(inside, [1, 2], formats=FORMATS, pattern=lambda p: _compiled(p).search,
                        skip=lambda path: True)
    assert [e.keyword for e in kept] == ["type", "type", "type", "oneOf"]
