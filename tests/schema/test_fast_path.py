"""The clean path's native validator (jsonschema-rs) accepts and rejects exactly what the reference does.

flowlint asks ``jsonschema-rs`` only "is this document valid?"; the errors always come from the reference
(Python ``jsonschema``). That is sound only if both agree on every document: every conformance case, every
corpus flow and every fixture of the component tests (valid and broken).
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from flowlint import schema
from flowlint.source import parse_source
from flowlint.versions import version_gate
from tests.conformance import META, SHARED, load_cases, require_shared
from tests.schema.fixtures import VALID, flow

native = pytest.importorskip("jsonschema_rs")


def _shared_documents() -> Iterator[tuple[str, Any]]:
    for case in load_cases():
        parsed = parse_source(case.flow_bytes)
        if not parsed.fatal and isinstance(parsed.value, dict):
            yield case.name, parsed.value
    for path in sorted(glob.glob(str(SHARED / "corpus" / "real" / "*.json"))):
        yield Path(path).name, json.loads(Path(path).read_text(encoding="utf-8"))


def _fixture_documents() -> Iterator[tuple[str, Any]]:
    broken = {"colour": "red", "visible": "yes", "name": "", "label": 5, "data-source": [], "type": "Nope"}
    for version in ("5.1", "6.0", "6.3", "7.3"):
        for ctype, component in VALID.items():
            yield f"{ctype}-{version}", flow([component], version)
            for key, value in broken.items():
                yield f"{ctype}-{version}-{key}", flow([{**component, key: value}], version)
    yield "open-url-bad", flow(
        [{"type": "EmbeddedLink", "text": "x", "on-click-action": {"name": "open_url", "url": "not a url"}}], "7.3"
    )
    yield "open-url-good", flow(
        [{"type": "EmbeddedLink", "text": "x", "on-click-action": {"name": "open_url", "url": "https://a.example"}}],
        "7.3",
    )
    yield "regex-bad", flow([{**VALID["TextInput"], "pattern": "([a-z"}], "7.3")


def _agreement(documents: Iterator[tuple[str, Any]]) -> list[str]:
    disagreements = []
    for name, doc in documents:
        version, _ = version_gate(doc)
        if version is None or schema._schema_version(version) is None:
            continue
        text = schema._schema_version(version)
        reference = schema.validator_for(text).is_valid(doc)
        fast = schema._fast_validator(text)(doc)  # jsonschema-rs, compiled once per version
        if reference != fast:
            disagreements.append(f"{name}: reference {reference}, jsonschema-rs {fast}")
    return disagreements


def test_native_and_reference_agree_on_the_shared_documents() -> None:
    require_shared()
    assert _agreement(_shared_documents()) == []


def test_native_and_reference_agree_on_the_fixtures() -> None:
    assert _agreement(_fixture_documents()) == []


def test_the_clean_path_uses_the_native_validator() -> None:
    assert schema._fast_validator("7.3") is not schema.validator_for("7.3").is_valid


def _invalid_documents() -> Iterator[tuple[str, Any]]:
    from tests.schema.test_robustness import _damaged

    if META.exists():
        yield from _shared_documents()
        for i, doc in enumerate(_damaged(400, seed=7)):
            yield f"damaged-{i}", doc
    yield from _fixture_documents()


def test_pruned_explanation_equals_the_full_one() -> None:
    """The error path validates only the screens jsonschema-rs finds broken: the answer must not change."""
    differences = []
    checked = 0
    for name, doc in _invalid_documents():
        version, _ = version_gate(doc)
        text = schema._schema_version(version) if version else None
        if text is None or doc.get("version") != version.text or schema.schema_is_valid(doc, text):
            continue
        checked += 1
        full = schema._explain(doc, text, prune_from=10**9)
        pruned = schema._explain(doc, text, prune_from=1)
        if full != pruned:
            differences.append(name)
    assert checked > 200
    assert differences == []


def test_a_large_flow_with_one_broken_screen_is_explained_from_that_screen() -> None:
    screens = [
        {"id": f"S_{chr(65 + i)}", "title": "T", "layout": {"type": "SingleColumnLayout", "children": [dict(VALID["TextBody"])]}}
        for i in range(12)
    ]
    screens[-1]["terminal"] = True
    screens[-1]["layout"]["children"].append(dict(VALID["Footer"]))
    screens[7]["layout"]["children"][0]["colour"] = "red"
    screens[9]["layout"]["children"][0]["type"] = 5
    screens[3]["layout"]["children"].append({**VALID["TextInput"], "error-message": {}})
    screens[5] = "SCREEN"
    doc = {"version": "7.3", "screens": screens}
    found = schema._explain(doc, "7.3", prune_from=1)
    assert [(d.error, d.pointers[0].path) for d in found] == [
        ("INVALID_PROPERTY_TYPE", ("screens", 3, "layout", "children", 1, "error-message")),
        ("INVALID_SCHEMA", ("screens", 3, "layout", "children", 1, "error-message")),
        ("INVALID_PROPERTY_TYPE", ("screens", 5)),
        ("INVALID_PROPERTY_KEY", ("screens", 7, "layout", "children", 0, "colour")),
        ("INVALID_PROPERTY_VALUE", ("screens", 9, "layout", "children", 0, "type")),
    ]
    assert found[1].message.startswith("Error at [/screens/3/layout/children/1/error-message]")
    assert found[2].message == "Expected property 'screens/5' to be of type 'object' but found 'string'."
    assert found == schema._explain(doc, "7.3", prune_from=10**9)


def test_inside_a_broken_screen_only_the_broken_components_are_explained() -> None:
    """The reference sees only the components that hold an error; paths and quoted indexes are mapped back."""
    children = [dict(VALID["TextBody"]) for _ in range(6)] + [dict(VALID["TextInput"]), dict(VALID["Footer"])]
    children[3] = {**VALID["TextInput"], "colour": "red"}
    children[5] = {**VALID["TextInput"], "error-message": {}}
    screen = {"id": "ONLY", "title": "T", "terminal": True, "layout": {"type": "SingleColumnLayout", "children": children}}
    doc = {"version": "7.3", "screens": [screen]}
    errors = [(tuple(e.instance_path), e.message) for e in schema._native_validator("7.3").iter_errors(doc)]
    slim = schema._compacted(doc, [0], errors)
    assert slim is not None
    pruned, kept = slim
    assert pruned["screens"][0]["layout"]["children"] == [children[3], children[5]]
    assert kept[("screens", 0, "layout", "children")] == [3, 5]
    found = schema._explain(doc, "7.3", prune_from=1)
    assert [(d.error, d.pointers[0].path) for d in found] == [
        ("INVALID_PROPERTY_KEY", ("screens", 0, "layout", "children", 3, "colour")),
        ("INVALID_PROPERTY_TYPE", ("screens", 0, "layout", "children", 5, "error-message")),
        ("INVALID_SCHEMA", ("screens", 0, "layout", "children", 5, "error-message")),
    ]
    assert found[2].message.startswith("Error at [/screens/0/layout/children/5/error-message]")
    assert found == schema._explain(doc, "7.3", prune_from=10**9)


def test_pruned_items_that_share_an_index_keep_their_own_messages() -> None:
    # Found by the fuzz suite: the two broken items become item 0 of their arrays in the pruned copy, so
    # both messages read "property 'children/0'" there and merged into one error before being renumbered.
    footer = {"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "payload": {}}}
    text = {"type": "TextBody", "text": "Hello"}
    first = {"id": "A", "title": "A", "terminal": True, "layout": {"type": "SingleColumnLayout", "children": [
        {"type": "Form", "name": "f", "children": [text] * 6 + ["broken"] + [footer]}]}}
    second = {"id": "B", "title": "B", "terminal": True, "layout": {"type": "SingleColumnLayout", "children": [
        text, "broken", footer]}}
    doc = {"version": "7.3", "screens": [first, second]}
    full = schema._explain(doc, "7.3", prune_from=10**9)
    assert schema._explain(doc, "7.3", prune_from=1) == full
    messages = [d.message for d in full if d.rule == "FL203"]
    assert any("'children/6'" in m for m in messages) and any("'children/1'" in m for m in messages), messages
