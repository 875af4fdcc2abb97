"""The two parsers agree, and every source-map span cuts out exactly the value at its path (DESIGN §6)."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowlint.source import _fast_parse, _lark_parse, parse_source

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(st.text(max_size=6), children, max_size=5)),
    max_leaves=30,
)
whitespace = st.text(alphabet=" \t\n\r", max_size=3)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Serialise a value with random whitespace, random escaping and random number spelling."""
    value = draw(values)
    ascii_only = draw(st.booleans())

    def dump(v: Any) -> str:
        ws = draw(whitespace)
        if isinstance(v, dict):
            members = [f"{draw(whitespace)}{json.dumps(k, ensure_ascii=ascii_only)}{draw(whitespace)}:{dump(x)}" for k, x in v.items()]
            return "{" + ",".join(members) + ws + "}"
        if isinstance(v, list):
            return "[" + ",".join(dump(x) for x in v) + ws + "]"
        if isinstance(v, float) and draw(st.booleans()):
            return f"{ws}{v:e}" if math.isfinite(v) else json.dumps(v)
        return ws + json.dumps(v, ensure_ascii=ascii_only) + draw(whitespace)

    return dump(value)


def _at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=False) == json.dumps(b, sort_keys=False) and type(a) is type(b)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fast_and_lark_parse_agree(text: str) -> None:
    fast = _fast_parse(text).value
    root, error = _lark_parse(text)
    assert error is None and root is not None
    assert _same(fast, root.value)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_span_cuts_out_its_value(text: str) -> None:
    parsed = parse_source(text)
    source_map = parsed.source_map
    for path in source_map.paths():
        span = source_map.value_span(path)
        assert span is not None
        assert _same(json.loads(text[span.start : span.end]), _at(parsed.value, path))
        key = source_map.key_span(path)
        if key is not None:
            assert json.loads(text[key.start : key.end]) == path[-1]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet='{}[]":,0123456789.eE+-tfrueals n\\\t\n', max_size=30))
def test_parsers_agree_on_accept_and_reject(text: str) -> None:
    try:
        _fast_parse(text)
        fast_ok = True
    except Exception:  # noqa: BLE001 - any refusal counts as a rejection
        fast_ok = False
    _, error = _lark_parse(text)
    assert fast_ok == (error is None), (text, error)


@given(st.text(max_size=40))
def test_parse_source_never_raises_on_text(text: str) -> None:
    parsed = parse_source(text)
    assert parsed.value is not None or parsed.diagnostics or text.strip() == "null"


@given(st.binary(max_size=60))
def test_parse_source_never_raises_on_bytes(data: bytes) -> None:
    parse_source(data)


def test_duplicate_keys_last_one_wins_in_both_parsers() -> None:
    text = '{"a": {"x": 1}, "a": {"y": 2}}'
    parsed = parse_source(text)
    assert parsed.value == {"a": {"y": 2}}
    assert ("a", "x") not in parsed.source_map
    span = parsed.source_map.value_span(("a", "y"))
    assert span is not None and text[span.start : span.end] == "2"
    [dup] = [d for d in parsed.diagnostics if d.rule == "FL004"]
    assert dup.path == ("a",) and dup.span is not None and dup.span.column_start == 17


def test_agreement_on_json_corner_values() -> None:
    for text in ['"\\ud800"', '"\\udc00\\ud800"', "-0", "1E400", "-1e-400", "[1.0]", '"\\u0000"', "1" * 4000]:
        fast = _fast_parse(text).value
        root, error = _lark_parse(text)
        assert error is None and root is not None
        assert _same(fast, root.value) or (fast != fast and root.value != root.value)


# --- the two ways of locating a path: down the text (reports) and down the lark tree (the full table) ------------


def _both_maps(text: str) -> tuple[Any, Any]:
    from flowlint.source import SourceMap

    root, error = _lark_parse(text)
    assert error is None and root is not None
    return SourceMap(text, None), SourceMap(text, root)


def _probe_paths(tree_map: Any) -> list[tuple]:
    """Every path of the document, and paths just beside them that do not exist."""
    paths = tree_map.paths()
    extra = [p + (0,) for p in paths] + [p + ("", "x") for p in paths] + [p[:-1] + (99,) for p in paths if p]
    extra += [p[:-1] + (float(p[-1]),) for p in paths if p and isinstance(p[-1], int)]
    return paths + extra


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_text_walk_locates_every_path_as_the_parse_tree_does(text: str) -> None:
    walked, tree = _both_maps(text)
    for path in _probe_paths(tree):
        assert walked._entry(path) == tree._entry(path), path


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), values), max_size=6), whitespace)
def test_the_text_walk_takes_the_last_of_duplicated_keys(members: list[tuple[str, Any]], ws: str) -> None:
    text = "{" + ",".join(f'{ws}"{k}"{ws}:{ws}{json.dumps(v)}' for k, v in members) + ws + "}"
    walked, tree = _both_maps(text)
    for path in _probe_paths(tree):
        assert walked._entry(path) == tree._entry(path), path


def test_locating_a_pointer_does_not_parse_the_document_with_lark() -> None:
    text = '{"screens": [{"id": "A"}, {"id": "B", "layout": {"children": [1, 2]}}]}'
    parsed = parse_source(text)
    span = parsed.source_map.value_span(("screens", 1, "layout", "children", 1))
    assert span is not None and (span.start, span.end, span.column_start) == (65, 66, 66) and text[65] == "2"
    assert parsed.source_map._root_node is None  # the lark parse was never needed


# Duplicate keys told from counts (source._no_duplicates) --------------------------------------------------
_colon_text = st.text(alphabet="ab:\"\\ é{}", max_size=6)
_dup_values = st.recursive(
    st.one_of(st.none(), st.integers(), _colon_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(st.sampled_from(["a", "b", "a:b", ":", "\\u003a"]), children), max_size=4),
    ),
    max_leaves=20,
)


@st.composite
def _with_members(draw: st.DrawFn) -> str:
    """JSON text whose objects are written as member lists: keys may repeat, hold colons, or be escaped (so two
    spellings can be one key); values hold colons; whitespace on either side of the colon."""
    value = draw(_dup_values)
    ascii_only = draw(st.booleans())

    def dump(v: Any) -> str:
        if isinstance(v, list) and v and all(isinstance(m, tuple) for m in v):
            members = []
            for key, inner in v:
                spelled = '"' + key + '"' if "\\" in key else json.dumps(key, ensure_ascii=ascii_only)
                members.append(f"{spelled}{draw(whitespace)}:{draw(whitespace)}{dump(inner)}")
            return "{" + ",".join(members) + "}"
        if isinstance(v, list):
            if v and all(isinstance(m, tuple) for m in v):
                return "{}"
            return "[" + ",".join(dump(x) for x in v) + "]"
        if isinstance(v, tuple):  # an empty member list drawn as a list of tuples
            return "{}"
        return json.dumps(v, ensure_ascii=ascii_only)

    return dump(value)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_with_members(), documents()))
def test_duplicate_keys_told_from_counts_as_when_counting_members(text: str) -> None:
    from flowlint.source import _parse_counting_pairs

    value, duplicates, _, _ = _fast_parse(text)
    expected_value, expected = _parse_counting_pairs(text)
    assert duplicates == expected
    assert _same(value, expected_value)


def test_duplicate_keys_found_whatever_the_colons_say() -> None:
    # A key with a colon and a repeated key: the counts cannot clear this text, and the direct parse finds it.
    assert _fast_parse('{"a:b": 1, "c": 2, "c": 3}')[1] == [{"a:b": 1, "c": 3}]
    # Two spellings of one key (the escape makes the colon-free key "a"): a duplicate.
    assert _fast_parse('{"a": 1, "\\u0061": 2}')[1] == [{"a": 2}]
    # An escaped colon in a value, with a repeated key: still found.
    assert _fast_parse('{"x": "\\u003a", "k": 1, "k": 2}')[1] == [{"x": ":", "k": 2}]
    # No duplicates, colons everywhere and spaces before colons: none reported.
    assert _fast_parse('{"u" : "http://x:1", "t": ["10:30", {"a:b" :1}]}')[1] == []


def _longest(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return max((_longest(v) for v in inner), default=0)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_parser_measures_the_longest_string_value(text: str) -> None:
    # FL710 skips its walk on this measure (keys are not values: they are not measured).
    strict = _fast_parse(text)
    assert strict.longest_string == _longest(strict.value)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_with_members())
def test_repeated_keys_located_without_lark_as_with_it(text: str) -> None:
    """FL004's places come from a walk down the text to the objects that repeat a key (linear on any number of
    repeats, issue 24); the lark parse tree gives the same places."""
    from flowlint.source import SourceMap, _lark_parse, _parse_counting_pairs

    value, repeating = _parse_counting_pairs(text)
    root, error = _lark_parse(text)
    assert error is None and root is not None
    assert SourceMap(text, value=value, repeating=repeating).duplicates == SourceMap(text, root).duplicates


def test_nested_repeats_located_without_lark() -> None:
    from flowlint.source import SourceMap, _lark_parse, _parse_counting_pairs

    text = '{"a": [{"b": 1, "b": 2}], "c": {"d": {"e": 0, "e": 1, "e": 2}}, "a": [{"b": 1, "b": 2}]}'
    value, repeating = _parse_counting_pairs(text)
    root, _ = _lark_parse(text)
    found = SourceMap(text, value=value, repeating=repeating).duplicates
    assert [path for path, _, _ in found] == [("c", "d", "e"), ("c", "d", "e"), ("a",), ("a", 0, "b")]
    assert found == SourceMap(text, root).duplicates
