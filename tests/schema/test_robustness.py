"""Random damage to real flows: the schema pass never crashes, always locates, and both validators agree.

Deterministic (fixed seed): every conformance case and corpus flow is the seed of a few documents in which one
to three values are replaced by values of other types, blank or multi-line strings, bindings, or objects with
odd ``type`` values. For each: linting returns located diagnostics without raising, and the native
validator of the clean path (jsonschema-rs) accepts exactly the documents the reference accepts.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flowlint
from flowlint import schema
from flowlint.source import parse_source
from flowlint.versions import version_gate
from tests.conformance import META, SHARED, load_cases

VALUES: list[Any] = [
    None, 0, -1, 1.5, True, "", " ", "x", "\n", "a\n", "ABC\n", "`a`\n", "#FFFFFF\n", "${data.x}\n", "${data.x}",
    "`a`", "\u2028", "\u00a0", " \n ", "a\rb", [], [1], {}, {"type": "Nope"}, {"type": None}, "TextBody", {"a": 1},
]


def _seeds() -> list[dict[str, Any]]:
    docs = []
    for case in load_cases():
        parsed = parse_source(case.flow_bytes)
        if not parsed.fatal and isinstance(parsed.value, dict):
            docs.append(parsed.value)
    for path in sorted((SHARED / "corpus" / "real").glob("*.json")):
        docs.append(json.loads(path.read_text(encoding="utf-8")))
    return docs


def _paths(node: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _damaged(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    seeds = _seeds()
    for _ in range(count):
        doc = copy.deepcopy(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):
            paths = [p for p in _paths(doc) if p and p != ("version",)]
            if not paths:
                break
            path = rng.choice(paths)
            parent = doc
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent, dict) and rng.random() < 0.2:
                parent[f"{path[-1]}_x"] = copy.deepcopy(rng.choice(VALUES))
            else:
                parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
        yield doc


@pytest.fixture(scope="module")
def damaged() -> list[dict[str, Any]]:
    if not META.exists():
        pytest.skip(f"{META} is absent")
    return list(_damaged(600, seed=20261125))


def test_damaged_flows_lint_without_crashing_and_every_pointer_is_located(damaged: list[dict[str, Any]]) -> None:
    for doc in damaged:
        report = flowlint.lint(json.dumps(doc, indent=2))
        assert all(p.span is not None for d in report.diagnostics for p in d.pointers)


def test_native_and_reference_agree_on_damaged_flows(damaged: list[dict[str, Any]]) -> None:
    disagreements = []
    for doc in damaged:
        version, _ = version_gate(doc)
        text = schema._schema_version(version) if version else None
        if text is None:
            continue
        reference = schema.validator_for(text).is_valid(doc)
        if reference != schema._fast_validator(text)(doc):
            disagreements.append(json.dumps(doc)[:300])
    assert disagreements == []


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^[a-zA-Z,_]+$", "ABC\n", False),  # JS $ is the end of the string only
        ("^(?!`.*`$)", "`a`\n", True),
        ("^\\$\\{data\\..+\\}$", "${data.a\rb}", False),  # JS . stops at \r
        ("^[a-zA-Z][a-zA-Z0-9-_]*$", "a-b_c", True),
        ("^\\d+$", "\u0663", False),  # JS \d is ASCII
    ],
)
def test_patterns_are_read_as_ecma_262(pattern: str, text: str, matches: bool) -> None:
    assert bool(schema._compiled(pattern).search(text)) is matches


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\r\n \t\u2028\u00a0x", max_size=10))
def test_safe_pattern_equivalents_match_what_the_schema_pattern_matches(text: str) -> None:
    """schema.SAFE_EQUIVALENTS stand in for patterns that backtrack exponentially; same answers on the
    characters that matter to them (line terminators, whitespace, the rest)."""
    import re

    for pattern, safe in schema.SAFE_EQUIVALENTS.items():
        assert bool(re.compile(safe).search(text)) is bool(re.compile(schema.js_regex(pattern)).search(text)), text


def test_the_not_blank_pattern_does_not_backtrack_on_many_line_breaks() -> None:
    # 2^40 ways to split the line breaks: the translated pattern would not come back. The run must be
    # long for the test to mean anything, so it is checked to answer at all (no timing).
    pattern = "^(\\r?\\n?)*(?!\\s*$).+(\\r?\\n?)*"
    assert pattern in schema.SAFE_EQUIVALENTS
    doc = {"version": "7.3", "screens": [{"id": "A", "title": "T", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "TextBody", "text": "\r\n" * 40}, {"type": "TextHeading", "text": 5},
            {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    report = flowlint.lint(json.dumps(doc))
    assert "FL206" in [d.rule for d in report.diagnostics]  # blank text, found in linear time


def test_a_text_input_pattern_is_compiled_never_run_and_a_monster_pattern_is_no_regex() -> None:
    assert schema._is_regex("(a+)+$") is True  # catastrophic if run; compiling it is harmless
    assert schema._is_regex("(" * 5000 + ")" * 5000) is False  # past the regex parser's stack
    assert schema._is_regex("[[a]") is True  # Python warns about a possible nested set: not on our stderr


@pytest.mark.parametrize("escaped", [True, False])
def test_a_lone_surrogate_in_an_option_title_is_measured_not_a_crash(escaped: bool) -> None:
    # The docs' length limits counted UTF-16 units with a strict codec: a lone surrogate (JSON's \udced, or
    # a str from a non-UTF-8 source) raised, and the whole schema pass became FL000.
    options = [{"id": "a", "title": "Exchange\udced\udca0"}, {"id": "b", "title": "\ud800" * 40}]
    doc = {"version": "7.3", "screens": [{"id": "A", "title": "T", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "RadioButtonsGroup", "name": "r", "label": "L", "data-source": options},
            {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    report = flowlint.lint(json.dumps(doc, ensure_ascii=escaped))
    # 40 lone surrogates are 40 UTF-16 units, over the option title's 30: the docs' warning, at its path.
    assert [(d.rule, d.path[-2:]) for d in report.diagnostics] == [("FL920", (1, "title"))]


def test_a_blank_text_alone_is_found_on_the_clean_path_too() -> None:
    # The native validator used to give up on Meta's pattern (backtracking limit) and, inside the anyOf of
    # a TextBody's text, count that as a match: with no other error the flow passed as clean.
    doc = {"version": "7.3", "screens": [{"id": "A", "title": "T", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "TextBody", "text": "\r\n" * 40},
            {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    assert "FL206" in [d.rule for d in flowlint.lint(json.dumps(doc)).diagnostics]


def _pattern_pairs() -> set[tuple[str, str]]:
    """(pattern as the schemas hold it, pattern as the native validator reads it), over every version."""
    pairs: set[tuple[str, str]] = set()

    def walk(ours: Any, native: Any) -> None:
        if isinstance(ours, dict):
            for key, value in ours.items():
                if key == "pattern" and isinstance(value, str):
                    pairs.add((value, native[key]))
                else:
                    walk(value, native[key])
        elif isinstance(ours, list):
            for a, b in zip(ours, native):
                walk(a, b)

    for version in schema.schema_versions():
        walk(schema.load_schema(version), schema._native_schema(version))
    return pairs


def test_both_validators_read_every_schema_pattern_alike() -> None:
    """The clean path (native) and the error path (reference) must accept the same strings: Rust's `.`
    matches CR and U+2028 where JavaScript's does not, and its backtracking limit gave up on Meta's
    not-blank pattern."""
    import itertools

    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    alphabet = ["\r", "\n", " ", "\t", "a", "Z", "_", "0", "-", ".", "$", "{", "}", "`", "\u2028", "\u00a0", "\u0663"]
    rng = random.Random(7)
    texts = [""] + ["".join(p) for n in range(1, 4) for p in itertools.product(alphabet, repeat=n)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(4, 25))) for _ in range(2000)]
    texts += ["${data.x}", "${form.a_b}", "${screen.A.data.x}", "`${data.a} + 1`", "#aabbcc", "\r\n" * 40 + "a"]
    pairs = _pattern_pairs()
    assert len(pairs) >= 5
    for pattern, native_pattern in sorted(pairs):
        native = jsonschema_rs.validator_for({"type": "string", "pattern": native_pattern})
        reference = schema._compiled(pattern)
        assert [t for t in texts if native.is_valid(t) != bool(reference.search(t))] == [], pattern
    assert schema._compiled("^(?!`.*`$)").search("`\r`") is not None  # JavaScript's `.` stops at CR
