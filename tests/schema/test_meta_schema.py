"""``flowlint.schema.meta_port.schema`` rebuilds Meta's own JSON Schemas: the written files are what it
builds, and, where Meta's schemas dumped from its modules are at hand, they are equal to them key for key and in
key order."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from flowlint.schema.meta_port import schema as meta_schema
from flowlint.schema.meta_port.schema import VERSIONS, Switches, build, file_name, render

FOLDER = Path(__file__).resolve().parents[2] / "schemas" / "meta"

#: Meta's schemas as its modules build them, one ``<int version>.json`` per version (developers only:
#: dumped by tools/meta_oracle). 5.2 has no dump: four of the modules it needs are not available.
DUMPS = Path(os.environ.get("FLOWLINT_META_DUMPS", "/work/metaharness/schemas"))
DUMPED = [v for v in VERSIONS.values() if v != 502]


@pytest.mark.parametrize("version", list(VERSIONS))
def test_written_file_is_what_build_gives(version: str) -> None:
    """Run ``python -m flowlint.schema.meta_port.schema`` after changing the builders."""
    assert (FOLDER / file_name(version)).read_text(encoding="utf-8") == render(build(VERSIONS[version]))


def test_check_finds_nothing_stale() -> None:
    assert meta_schema.stale_files() == []
    assert meta_schema.main(["--check"]) == 0


def test_check_reports_a_stale_file(tmp_path: Path) -> None:
    meta_schema.write_all(tmp_path)
    (tmp_path / file_name("6.2")).write_text("{}\n", encoding="utf-8")
    assert meta_schema.stale_files(tmp_path) == [tmp_path / file_name("6.2")]


@pytest.mark.parametrize("version", DUMPED)
def test_build_equals_metas_schema(version: int) -> None:
    dump = DUMPS / f"{version}.json"
    if not dump.is_file():
        pytest.skip(f"Meta's dumped schemas are not available ({dump} is missing; set FLOWLINT_META_DUMPS)")
    expected = json.loads(dump.read_text(encoding="utf-8"))
    # Serialised, so that key order counts (it decides the order of Ajv's errors).
    assert json.dumps(build(version)) == json.dumps(expected)


def test_5_2_has_the_shopping_layouts_and_its_own_screen() -> None:
    schema = build(502)
    screen = schema["properties"]["screens"]["items"]
    layouts = [branch["properties"]["type"]["const"] for branch in screen["properties"]["layout"]["oneOf"]]
    assert layouts == ["SingleColumnLayout", "ItemDetailLayout", "CategoryListLayout", "ItemListLayout", "CartLayout"]
    assert list(screen["properties"])[-2:] == ["external_data", "sensitive"]
    assert schema["properties"]["data_api_version"]["oneOf"] == [{"const": "3.0"}, {"const": "3.1"}]
    # Its components are 5.1's.
    assert schema["$defs"] == build(501)["$defs"]


def test_switches_change_what_meta_says_they_change() -> None:
    default, other = build(700), build(700, switches=Switches(backtick_expressions=False, screen_id_pattern_v700=True))
    assert default["properties"]["screens"]["items"]["properties"]["id"]["pattern"] == "^[a-zA-Z,_]+$"
    assert other["properties"]["screens"]["items"]["properties"]["id"]["pattern"] == "^(?!_+$)[a-zA-Z_]+$"
    switch_value = ["$defs", "$components", "$switch", "properties", "value", "pattern"]
    assert "`" in _at(default, switch_value)
    assert "`" not in _at(other, switch_value)


def test_unsupported_versions_are_refused() -> None:
    for version in (500, 705, 301):
        with pytest.raises(ValueError):
            build(version)


def test_build_returns_a_tree_without_shared_objects() -> None:
    schema = build(603)
    seen: set[int] = set()

    def walk(node: object) -> None:
        if isinstance(node, (dict, list)):
            assert id(node) not in seen
            seen.add(id(node))
            for child in node.values() if isinstance(node, dict) else node:
                walk(child)

    walk(schema)


def _at(node: dict, path: list[str]) -> str:
    for key in path:
        node = node[key]
    return node  # type: ignore[return-value]
