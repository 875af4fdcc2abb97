"""The JSON Schemas in ``schemas/`` are valid draft 2020-12, self-contained, documented and up to date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator

from flowlint import schema
from flowlint.schema.build import VERSIONS, build_schema, file_name, render

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


@pytest.mark.parametrize("version", list(VERSIONS))
def test_schema_is_valid_json_schema(version: str) -> None:
    Draft202012Validator.check_schema(schema.load_schema(version))


@pytest.mark.parametrize("version", list(VERSIONS))
def test_committed_file_is_what_the_builder_writes(version: str) -> None:
    """Run ``python -m flowlint.schema.build`` after changing the table."""
    assert (SCHEMAS / file_name(version)).read_text(encoding="utf-8") == render(build_schema(version))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


@pytest.mark.parametrize("version", list(VERSIONS))
def test_every_ref_is_local_and_resolves(version: str) -> None:
    doc = schema.load_schema(version)
    for ref in _refs(doc):
        assert ref.startswith("#/$defs/"), ref
        assert ref[len("#/$defs/"):] in doc["$defs"], ref


def _properties_without_description(node: Any, where: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "if":  # conditions name a property only to select a branch
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    if not (isinstance(sub, dict) and sub.get("description")):
                        yield f"{where}/properties/{name}"
            yield from _properties_without_description(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _properties_without_description(value, f"{where}/{i}")


@pytest.mark.parametrize("version", list(VERSIONS))
def test_every_property_has_a_description(version: str) -> None:
    assert list(_properties_without_description(schema.load_schema(version))) == []


def test_7_4_is_7_3_with_its_own_version() -> None:
    a, b = schema.load_schema("7.3"), schema.load_schema("7.4")
    assert a["$defs"] == b["$defs"]
    assert b["properties"]["version"]["const"] == "7.4"


def test_schema_for_version_is_self_contained_and_a_copy() -> None:
    out = schema.schema_for_version("6.3")
    assert out["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out["properties"]["version"]["const"] == "6.3"
    out["title"] = "changed"
    assert schema.load_schema("6.3")["title"] != "changed"
    json.dumps(out)  # serialisable as it is


def test_schema_for_an_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError):
        schema.schema_for_version("9.9")


# spec/meta-validator.md §3.4: which components are accepted on the top level and inside a Form.
_TOP_5_1 = {
    "EmbeddedLink", "Footer", "Form", "TextBody", "TextCaption", "TextHeading", "TextSubheading", "Image",
    "TextInput", "TextArea", "CheckboxGroup", "RadioButtonsGroup", "Dropdown", "DatePicker", "If", "Switch",
    "PhotoPicker", "DocumentPicker", "OptIn", "RichText",
}
_FORM_5_1 = _TOP_5_1 - {"Form", "RichText"}
_ADDED = {"6.1": {"CalendarPicker"}, "6.2": {"NavigationList"}, "6.3": {"ChipsSelector"}, "7.1": {"ImageCarousel"}}


def _expected(version: str, base: set[str]) -> set[str]:
    out = set(base)
    for since, names in _ADDED.items():
        if tuple(map(int, version.split("."))) >= tuple(map(int, since.split("."))):
            out |= names
    return out


@pytest.mark.parametrize("version", ["5.1", "5.2", "6.0", "6.1", "6.2", "6.3", "7.0", "7.1", "7.2", "7.3", "7.4"])
def test_components_allowed_per_place_follow_metas_table(version: str) -> None:
    defs = schema.load_schema(version)["$defs"]
    assert set(defs["children.top"]["properties"]["type"]["enum"]) == _expected(version, _TOP_5_1)
    assert set(defs["children.form"]["properties"]["type"]["enum"]) == _expected(version, _FORM_5_1)
    # An If may not sit in a Switch case (conformance case schema-one-of-if-inside-switch).
    assert "If" not in defs["children.top-switch"]["properties"]["type"]["enum"]
