"""Random damage to real flows: the schema pass never crashes, always locates, and both validators agree.

Deterministic (fixed seed): every conformance case and corpus flow is the seed of a few documents in which one
to three values are replaced by values of other types, blank or multi-line strings, bindings, or objects with
odd ``type`` values. For each: linting returns located diagnostics without raising, and the native
validator of the clean path (jsonschema-rs) accepts exactly the documents the reference accepts.
"""

from __future__ import annotations

import copy
import functools
import json
import random
import re
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import flowlint
from flowlint import schema
from flowlint.source import parse_source
from flowlint.versions import version_gate
from tests.conformance import META, SHARED, load_cases, require_shared

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


def _require_seeds() -> None:
    # Called by each test over damaged flows (not by the fixture), so that pytest reports their skips as one line.
    require_shared(META)


@pytest.fixture(scope="module")
def damaged() -> list[dict[str, Any]]:
    return list(_damaged(600, seed=20261125)) if META.exists() else []


def test_damaged_flows_lint_without_crashing_and_every_pointer_is_located(damaged: list[dict[str, Any]]) -> None:
    _require_seeds()
    for doc in damaged:
        report = flowlint.lint(json.dumps(doc, indent=2))
        assert all(p.span is not None for d in report.diagnostics for p in d.pointers)


def test_native_and_reference_agree_on_damaged_flows(damaged: list[dict[str, Any]]) -> None:
    _require_seeds()
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
        ("^\\s$", "\ufeff", True),  # JS white space has the BOM (ECMA-262 WhiteSpace: ZWNBSP)...
        ("^\\s$", "\u0085", False),  # ...and not NEL, nor U+001C-U+001F (Python's \s has them)
        ("^\\S$", "\x1c", True),
        ("^\\s$", "\u3000", True),
    ],
)
def test_patterns_are_read_as_ecma_262(pattern: str, text: str, matches: bool) -> None:
    assert bool(schema._compiled(pattern).search(text)) is matches


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="\r\n \t\u2028\u00a0x", max_size=10))
def test_safe_pattern_equivalents_match_what_the_schema_pattern_matches(text: str) -> None:
    """schema.SAFE_EQUIVALENTS stand in for patterns that backtrack exponentially; same answers on the
    characters that matter to them (line terminators, whitespace, the rest)."""
    for pattern, safe in schema.SAFE_EQUIVALENTS.items():
        assert bool(re.compile(schema.js_regex(safe)).search(text)) is bool(re.compile(schema.js_regex(pattern)).search(text)), text


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


@pytest.mark.parametrize(("text", "blank"), [("\ufeff", True), ("\r\n\u3000\t", True), ("\u0085", False), ("\x1c", False)])
def test_a_blank_text_is_blank_as_javascript_reads_white_space(text: str, blank: bool) -> None:
    # Meta's not-blank pattern runs in JavaScript: its \s has the BOM and not NEL (Python's is the other way
    # round). Both validators read it so, the clean path's lookaround-free form too.
    doc = {"version": "7.3", "screens": [{"id": "A", "title": "T", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "TextBody", "text": text},
            {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    assert ("FL206" in [d.rule for d in flowlint.lint(json.dumps(doc)).diagnostics]) is blank
    assert schema._fast_validator("7.3")(doc) is (not blank) is schema.validator_for("7.3").is_valid(doc)


def test_a_blank_text_alone_is_found_on_the_clean_path_too() -> None:
    # The native validator used to give up on Meta's pattern (backtracking limit) and, inside the anyOf of
    # a TextBody's text, count that as a match: with no other error the flow passed as clean.
    doc = {"version": "7.3", "screens": [{"id": "A", "title": "T", "terminal": True, "layout": {
        "type": "SingleColumnLayout", "children": [
            {"type": "TextBody", "text": "\r\n" * 40},
            {"type": "Footer", "label": "x", "on-click-action": {"name": "complete", "payload": {}}}]}}]}
    assert "FL206" in [d.rule for d in flowlint.lint(json.dumps(doc)).diagnostics]


def _schema_patterns() -> set[str]:
    """Every ``pattern`` of every version's schema, as the schemas hold it."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for version in schema.schema_versions():
        walk(schema.load_schema(version))
    return found


def test_the_native_schemas_hold_the_native_keywords_of_every_pattern() -> None:
    """Where a schema has ``"pattern": p``, the native validator's schema has ``native_keywords(p)``, and no
    native pattern uses lookaround (its backtracking engine is slow: NATIVE_WITHOUT_LOOKAROUND)."""
    lookaround = re.compile(r"\(\?<?[=!]")

    def walk(ours: Any, native: Any) -> None:
        if isinstance(ours, dict):
            pattern = ours.get("pattern")
            if isinstance(pattern, str):
                keywords = schema.native_keywords(pattern)
                assert {k: native.get(k) for k in keywords} == keywords
                assert "not" not in keywords or "not" not in ours  # the member replaced, not another one lost
                assert not lookaround.search(native.get("pattern", "")), native["pattern"]
            for key, value in ours.items():
                if not (key == "pattern" and isinstance(value, str)):
                    walk(value, native[key])
        elif isinstance(ours, list):
            for a, b in zip(ours, native):
                walk(a, b)

    for version in schema.schema_versions():
        walk(schema.load_schema(version), schema._native_schema(version))


#: Whitespace by every definition in play (ECMA-262, Python's, Unicode's White_Space for Rust), line
#: terminators, and the characters the binding and backtick patterns read.
_PATTERN_ALPHABET = "\r\n \t\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\ufeffa`${}.dtformscen_"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_PATTERN_ALPHABET, max_size=12) | st.sampled_from(["${data.x}", "`a`", "${screen.A.form.b}x"]))
def test_lookaround_free_native_forms_accept_what_the_lookaround_patterns_accept(text: str) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    for pattern, keywords in schema.NATIVE_WITHOUT_LOOKAROUND.items():
        with_lookaround = _native_string_validator(jsonschema_rs, json.dumps({"pattern": pattern}))
        without = _native_string_validator(jsonschema_rs, json.dumps(keywords))
        for value in (text, "\r\n" + text, text + "\r\n", "\u2028" + text):
            assert without.is_valid(value) is with_lookaround.is_valid(value), (pattern, value)
        for value in (5, None, [text], {"a": text}):  # `pattern` ignores what is no string; so must `not`
            assert without.is_valid(value) is with_lookaround.is_valid(value) is True


@functools.lru_cache(maxsize=None)
def _native_string_validator(jsonschema_rs: Any, keywords: str) -> Any:
    return jsonschema_rs.validator_for(json.loads(keywords))


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
    patterns = _schema_patterns()
    assert len(patterns) >= 5
    for pattern in sorted(patterns):
        native = jsonschema_rs.validator_for({"type": "string", **schema.native_keywords(pattern)})
        reference = schema._compiled(pattern)
        assert [t for t in texts if native.is_valid(t) != bool(reference.search(t))] == [], pattern
    assert schema._compiled("^(?!`.*`$)").search("`\r`") is not None  # JavaScript's `.` stops at CR
