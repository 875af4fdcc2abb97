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
from tests.conformance import META, SHARED, load_cases
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
    if not META.exists():
        pytest.skip(f"{META} is absent")
    assert _agreement(_shared_documents()) == []


def test_native_and_reference_agree_on_the_fixtures() -> None:
    assert _agreement(_fixture_documents()) == []


def test_the_clean_path_uses_the_native_validator() -> None:
    assert schema._fast_validator("7.3") is not schema.validator_for("7.3").is_valid
