"""The clean path's shortcut for the docs' limits (``docs_limits.within_docs_limits_schema``).

The native validator checks the schema with the docs' limits added; a document it accepts skips the walk of
``docs_limits.docs_limits``. That is sound only if such a document is schema-valid and gets no FL920/FL921:
checked here on the schemas' structure, on generated flows, and on every shared document (the report is the
same with and without the shortcut).
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flowlint
from flowlint import schema
from flowlint.schema import docs_limits
from flowlint.source import parse_source
from tests.conformance import SHARED, load_cases, require_shared
from tests.schema.fixtures import VALID, flow

pytest.importorskip("jsonschema_rs")

_LIMITED = {ctype for ctype, _ in docs_limits.DOCS_CHAR_LIMITS} | set(docs_limits.DOCS_COUNT_LIMITS)


def _limited_keys(ctype: str) -> set[str]:
    keys = {key for (kind, key) in docs_limits.DOCS_CHAR_LIMITS if kind == ctype}
    if ctype in docs_limits.DOCS_COUNT_LIMITS:
        keys.add(docs_limits.DOCS_COUNT_LIMITS[ctype][0])
    return keys


def _dispatches(node: Any) -> Iterator[tuple[str, str]]:
    """(type, $ref) of every ``if: {type: const T}, then: {$ref}`` of a schema."""
    if isinstance(node, dict):
        condition, then = node.get("if"), node.get("then")
        if isinstance(condition, dict) and isinstance(then, dict) and "$ref" in then:
            kind = condition.get("properties", {}).get("type", {}).get("const")
            if isinstance(kind, str):
                yield kind, then["$ref"]
        for value in node.values():
            yield from _dispatches(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dispatches(item)


@pytest.mark.parametrize("version", schema.schema_versions())
def test_components_are_checked_by_the_definitions_that_carry_the_limits(version: str) -> None:
    native = schema._native_schema(version)
    defs = native["$defs"]
    # A component of type T is checked against $defs/T or $defs/form.T, never a definition without the limits.
    dispatches = list(_dispatches(native))
    assert dispatches
    for kind, ref in dispatches:
        assert ref in (f"#/$defs/{kind}", f"#/$defs/form.{kind}"), (kind, ref)
    # A limited key a definition does not list cannot be there at all.
    for name, definition in defs.items():
        ctype = name.removeprefix("form.")
        if ctype not in _LIMITED:
            continue
        for key in _limited_keys(ctype) - set(definition.get("properties", {})):
            assert definition.get("additionalProperties") is False and "patternProperties" not in definition, (name, key)
    assert "data-source.item" in defs


_TEXTS = st.one_of(
    st.integers(0, 45).map(lambda n: "a" * n),
    st.integers(0, 45).map(lambda n: "é" * n),
    st.integers(0, 45).map(lambda n: "😀" * n),  # two UTF-16 units each
    st.integers(0, 45).map(lambda n: "a😀" * (n // 2)),
    st.integers(0, 45).map(lambda n: "${data.x" + "y" * n + "}"),
    st.integers(0, 45).map(lambda n: " ${data.x" + "y" * n + "}"),
    st.integers(0, 400).map(lambda n: "b" * n),
)


@st.composite
def _flows(draw: Any) -> dict[str, Any]:
    version = draw(st.sampled_from(["4.0", "5.1", "6.3", "7.3"]))
    children = []
    for ctype in draw(st.lists(st.sampled_from(sorted(_LIMITED & set(VALID))), min_size=1, max_size=4)):
        comp = json.loads(json.dumps(VALID[ctype]))
        for (kind, key), _ in docs_limits.DOCS_CHAR_LIMITS.items():
            if kind == ctype and draw(st.booleans()):
                comp[key] = draw(_TEXTS)
        if ctype in docs_limits.DOCS_COUNT_LIMITS and draw(st.booleans()):
            key = docs_limits.DOCS_COUNT_LIMITS[ctype][0]
            count = draw(st.integers(0, 24))
            if key == "data-source":
                items = [{"id": str(i), "title": draw(_TEXTS) if draw(st.booleans()) else "T"} for i in range(count)]
                for item in items:
                    if draw(st.integers(0, 4)) == 0:
                        item[draw(st.sampled_from(["description", "metadata"]))] = draw(_TEXTS)
                comp[key] = items
            else:
                comp[key] = [{"id": str(i), "main-content": {"title": "A"}} for i in range(count)]
        children.append(comp)
    if draw(st.booleans()):  # inside a Form too
        children = [{"type": "Form", "name": "form", "children": children}]
    return flow(children, version)


@settings(max_examples=300, deadline=None)
@given(_flows())
def test_a_document_the_shortcut_accepts_is_valid_and_gets_no_docs_warning(doc: dict[str, Any]) -> None:
    version = doc["version"]
    if schema._within_docs_limits(doc, version):
        assert schema.schema_is_valid(doc, version)
        assert docs_limits.docs_limits(doc) == []


def test_the_shortcut_answers_both_ways_at_the_limits() -> None:
    # The test above means something only if the shortcut accepts some documents and refuses others.
    def heading(text: str) -> dict[str, Any]:
        return flow([{"type": "TextHeading", "text": text}], "7.3")

    assert schema._within_docs_limits(heading("a" * 80), "7.3")
    assert schema._within_docs_limits(heading("😀" * 40), "7.3")  # 80 UTF-16 units
    assert not schema._within_docs_limits(heading("a" * 81), "7.3")
    assert not schema._within_docs_limits(heading("😀" * 41), "7.3")
    assert schema._within_docs_limits(heading("${data." + "x" * 90 + "}"), "7.3")  # dynamic: not measured
    options = [{"id": str(i), "title": "T"} for i in range(21)]
    assert not schema._within_docs_limits(flow([{**VALID["RadioButtonsGroup"], "data-source": options}], "7.3"), "7.3")
    assert schema._within_docs_limits(flow([{**VALID["RadioButtonsGroup"], "data-source": options[:20]}], "7.3"), "7.3")
    pictured = [{"id": str(i), "title": "T", **({"image": "iVBORw0KGgo="} if i == 0 else {})} for i in range(101)]
    dropdown = flow([{**VALID["Dropdown"], "data-source": pictured}], "7.3")
    assert docs_limits.docs_limits(dropdown) and not schema._within_docs_limits(dropdown, "7.3")  # 100 with an image


def _shared_texts() -> Iterator[bytes]:
    for case in load_cases():
        yield case.flow_bytes
    for path in sorted(glob.glob(str(SHARED / "corpus" / "real" / "*.json"))):
        yield Path(path).read_bytes()


def test_the_shortcut_changes_no_report(monkeypatch: pytest.MonkeyPatch) -> None:
    require_shared(SHARED)
    texts = list(_shared_texts())
    texts += [json.dumps(flow([component], "7.3")).encode() for component in VALID.values()]
    with_shortcut = [flowlint.lint(text).to_dicts() for text in texts]
    monkeypatch.setattr(schema, "_within_docs_limits", lambda doc, version: False)
    assert [flowlint.lint(text).to_dicts() for text in texts] == with_shortcut
    assert sum(1 for text in texts if not parse_source(text).fatal) > 400


@pytest.mark.parametrize("version", schema.schema_versions())
def test_the_shortcut_compiles_for_every_version_and_answers_like_the_schema_on_a_small_flow(version: str) -> None:
    doc = flow([{"type": "TextHeading", "text": "Hello"}, {"type": "TextBody", "text": "b" * 5000}], version)
    assert schema._docs_native_validator(version) is not None
    if schema.schema_is_valid(doc, version):  # then only the docs' limit (TextBody 4096) stands in the way
        assert docs_limits.docs_limits(doc) and not schema._within_docs_limits(doc, version)
        doc["screens"][0]["layout"]["children"][1]["text"] = "b"
        assert schema._within_docs_limits(doc, version)
    else:
        assert not schema._within_docs_limits(doc, version)
