"""What users read cites nothing they do not have.

Users get this repository, not the developers' material kept beside it (``../shared/``: the digests
``spec/*.md`` of Meta's validator and docs, the recorded conformance cases). So the schema descriptions that
editors show, the rule documentation (``flowlint explain``, ``docs/rules.md``), the user docs and the README
cite Meta's public pages, "Meta's Flow JSON validator (WhatsApp Manager's Flow Builder)" or this repository's
own docs instead. Developer-facing text (comments, docstrings, ``docs/design.md``, tests, ``tools/``) may keep
the references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flowlint.catalog import all_rules

REPO = Path(__file__).resolve().parents[1]

#: A path into the developers' material, or a conformance case named as a source.
CITATION = re.compile(
    r"(?<![\w/.-])spec/"
    r"|\.\./shared"
    r"|conformance/"
    r"|conformance cases? `?[a-z0-9]+(?:-[a-z0-9*]+)+"
)

SCHEMA_FILES = sorted((REPO / "schemas").rglob("*.json"))
USER_DOCS = [REPO / "README.md", REPO / "schemas" / "README.md"] + sorted(
    p for p in (REPO / "docs").glob("*.md") if p.name != "design.md"
)


def _citations(text: str) -> list[str]:
    """The citations in ``text``, each with a little context; line breaks count as spaces."""
    flat = re.sub(r"\s+", " ", text)
    return [flat[max(0, m.start() - 40) : m.end() + 20] for m in CITATION.finditer(flat)]


def _descriptions(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield pointer, value
            yield from _descriptions(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _descriptions(value, f"{pointer}/{i}")


def test_the_pattern_catches_what_it_is_for() -> None:
    for cited in (
        "Source: spec/flowjson.md §5.7.",
        "(`spec/meta-validator.md` §3.1)",
        "`../shared/corpus/real/`",
        "conformance/meta/README.md",
        "(conformance case schema-enum-font-weight)",
        "conformance cases schema-screen-id-*, valid-screen-id-with-comma",
        "keeps the last value (conformance case\nsyntax-duplicate-key-last-wins)",
    ):
        assert _citations(cited), cited
    for fine in (
        "https://developers.facebook.com/docs/whatsapp/flows/reference/components",
        "Each is listed, with its reason, in the conformance tests.",
        "96 of the 105 conformance cases whose answer comes from Meta's schema",
    ):
        assert not _citations(fine), fine


def test_there_is_text_to_check() -> None:
    assert len(SCHEMA_FILES) >= 16
    assert {"README.md", "rules.md", "schema.md", "cli.md"} <= {p.name for p in USER_DOCS}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_schema_descriptions_cite_no_developer_material(path: Path) -> None:
    found = list(_descriptions(json.loads(path.read_text(encoding="utf-8"))))
    assert found or path.parent.name == "meta", "a flowlint schema describes its properties"
    assert [(pointer, _citations(text)) for pointer, text in found if _citations(text)] == []


def test_rule_documentation_cites_no_developer_material() -> None:
    cited = [
        (code, part, _citations(text))
        for code, info in all_rules().items()
        for part, text in (("summary", info.summary), ("doc", info.doc))
        if _citations(text)
    ]
    assert cited == []


@pytest.mark.parametrize("path", USER_DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_user_docs_cite_no_developer_material(path: Path) -> None:
    assert _citations(path.read_text(encoding="utf-8")) == []
