"""The memos of the schema pass: a repeated item is validated (flowlint.schema.meta_port.ajv) and
translated (flowlint.schema.meta_port.errors) once, and the answer is the same as without them.

Each flow below repeats one item many times; the answer with the memos (``ajv.validate_grouped``, then
``translate``) must be the answer without them (``memo=False`` in both), pointer for pointer. The flows
cover what could make one copy's answer differ from another's: messages that name the item's index, a key
elsewhere whose slash path is an item's (the layout's ``children/2``: Meta's registry and pointer map are keyed
by slash paths), a key written with an escape in one copy only, items inside a Form, If branches and Switch
cases, repeated screens.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from flowlint.schema import meta_port
from flowlint.schema.meta_port import ajv
from flowlint.schema.meta_port.errors import raw_keys, translate
from flowlint.source import parse_source
from flowlint.versions import FlowVersion

SCHEMA = meta_port.schema_of("7.3")
FOOTER = {"type": "Footer", "label": "Go", "on-click-action": {"name": "complete", "payload": {}}}


def _flow(children: list[Any], *, before: dict[str, Any] | None = None,
          after: dict[str, Any] | None = None) -> dict[str, Any]:
    """A flow whose one screen has these children; ``before``/``after``: more layout members, around ``children``."""
    layout = {"type": "SingleColumnLayout", **(before or {}), "children": children, **(after or {})}
    return {"version": "7.3", "screens": [{"id": "A", "title": "t", "terminal": True, "layout": layout}]}


def _answers(text: str) -> tuple[list[Any], list[Any], list[Any]]:
    """(with the memos, without them, Ajv's grouped list)."""
    parsed = parse_source(text.encode("utf-8"))
    doc = parsed.value
    raw_key = raw_keys(parsed.text, parsed.source_map.key_span)
    options: dict[str, Any] = {"formats": meta_port._formats(), "pattern": meta_port._pattern}
    grouped = ajv.validate_grouped(SCHEMA, doc, **options)
    fast = translate(grouped, doc, 703, schema=SCHEMA, raw_key=raw_key)
    plain = ajv.validate(SCHEMA, doc, **options, memo=False)
    slow = translate(plain, doc, 703, schema=SCHEMA, raw_key=raw_key, memo=False)
    replayed = ajv.validate(SCHEMA, doc, **options)
    assert [_fields(e) for e in replayed] == [_fields(e) for e in plain]
    return fast, slow, grouped


def _fields(error: ajv.AjvError) -> tuple[Any, ...]:
    data = id(error.data) if isinstance(error.data, (dict, list)) else (type(error.data), error.data)
    return (error.keyword, error.path, error.data_path, error.schema_path, error.params, error.message,
            id(error.schema), id(error.parent_schema), data)


def _places(answer: list[Any]) -> list[tuple[str, str, int]]:
    return [(d.error, d.message, len(d.pointers)) for d in answer]


TYPO = {"type": "TextBdy", "text": "x"}
UNKNOWN_KEY = {"type": "TextBody", "text": "x", "bogus": 1}
FLOWS = {
    "misspelt type": _flow([TYPO] * 300),
    "unknown property": _flow([UNKNOWN_KEY] * 300),
    "wrong property type": _flow([{"type": "TextBody", "text": 5}] * 50),
    "blank text": _flow([{"type": "TextBody", "text": ""}] * 50),
    "bad enum": _flow([{"type": "Image", "src": "x", "scale-type": "bad"}] * 50),
    "media-size enum": _flow([{"type": "NavigationList", "name": "n", "media-size": "huge",
                               "list-items": [{"id": "a", "main-content": {"title": "t"}}]}] * 20),
    # Meta's message names the index: "Expected property 'children/3' to be of type 'object'".
    "strings as children": _flow(["oops"] * 50),
    "arrays as children": _flow([[1]] * 20 + [[]] * 20),
    # The layout's key "children/2" has the slash path of children[2]: its error comes first and is in Meta's
    # registry under that path (children[2] then gets the oneOf error instead); after "children", it is the
    # entry of Meta's pointer map at that path (children[2]'s type error points at it).
    "colliding key before": _flow([TYPO] * 20, before={"children/2": 1}),
    "colliding key at the first copy translated as a group": _flow([TYPO] * 20, before={"children/1": 1}),
    "colliding keys after": _flow([{"type": "TextBody", "text": 5}] * 20,
                                  after={"children/2": 1, "children/4/text": 2}),
    "colliding key after": _flow([TYPO] * 20, after={"children/2/type": 1}),
    "mixed with valid copies": _flow([{"type": "TextBody", "text": "ok"}, TYPO] * 50),
    "form children": _flow([{"type": "Form", "name": "f",
                             "children": [{"type": "TextInput", "name": "a", "label": "l", "bogus": 1}] * 40
                             + [{"type": "TextInpt", "name": "b", "label": "l"}] * 40 + [FOOTER]}]),
    "repeated forms": _flow([{"type": "Form", "name": "f",
                              "children": [{"type": "TextInpt", "name": "a", "label": "l"}] * 5 + [FOOTER]}] * 10),
    "if branches": _flow([{"type": "If", "condition": "true", "then": [TYPO] * 30,
                           "else": [{**FOOTER, "on-click-action": {"name": "bogus", "payload": {}}}] * 30}]),
    # Meta's Footer filter reads `then[i]` for the Footer at `else[i]`: from else[3] on it reads a missing
    # value and throws (INVALID_FLOW_JSON), so the copies in an If branch are not alike.
    "if branches of different lengths": _flow([{"type": "If", "condition": "true",
                                                "then": [{"type": "TextBody", "text": "x"}] * 3,
                                                "else": [{**FOOTER, "on-click-action": {"name": "bogus"}}] * 6}]),
    "if in a form": _flow([{"type": "Form", "name": "f", "children": [
        {"type": "If", "condition": "true", "then": [TYPO] * 20, "else": [UNKNOWN_KEY] * 20}, FOOTER]}]),
    "switch cases": _flow([{"type": "Switch", "value": "${data.x}",
                            "cases": {"a": [TYPO] * 30, "b": [UNKNOWN_KEY] * 30, "0": [TYPO] * 3}}]),
    "repeated screens": {"version": "7.3", "screens": [
        {"id": "A", "title": "t", "terminal": True, "layout": {"type": "SingleColumnLayout", "children": [TYPO] * 5}}
    ] * 10},
}


@pytest.mark.parametrize("name", FLOWS)
def test_the_memos_give_the_same_answer(name: str) -> None:
    fast, slow, _ = _answers(json.dumps(FLOWS[name], indent=1))
    assert fast == slow
    assert fast


def test_a_repeated_mistake_is_one_error_at_every_copy() -> None:
    fast, slow, grouped = _answers(json.dumps(FLOWS["misspelt type"]))
    assert fast == slow
    assert _places(fast) == [("INVALID_PROPERTY_VALUE", "Invalid value found for property 'type'.", 300)]
    assert [p.path[-2:] for p in fast[0].pointers] == [(i, "type") for i in range(300)]
    assert sum(isinstance(e, ajv.ErrorGroup) for e in grouped) == 299  # the first copy is validated


def test_messages_that_name_the_index_stay_apart() -> None:
    fast, slow, _ = _answers(json.dumps(FLOWS["strings as children"]))
    assert fast == slow
    assert [d.message for d in fast][:2] == [
        "Expected property 'children/0' to be of type 'object' but found 'string'.",
        "Expected property 'children/1' to be of type 'object' but found 'string'.",
    ]


def test_a_colliding_key_changes_one_copy_and_the_memo_sees_it() -> None:
    fast, slow, _ = _answers(json.dumps(FLOWS["colliding key before"], indent=1))
    assert fast == slow
    assert _places(fast)[1:] == [("INVALID_PROPERTY_VALUE", "Invalid value found for property 'type'.", 19),
                                 ("ONE_OF_SCHEMA_VALIDATION_FAILED", "Invalid value found for property 'type'.", 1)]
    fast, slow, _ = _answers(json.dumps(FLOWS["colliding key after"], indent=1))
    assert fast == slow
    assert [p.at for p in fast[1].pointers][1:4] == [None, ("screens", 0, "layout", "children/2/type"), None]


def test_copies_in_an_if_branch_can_differ() -> None:
    fast, slow, _ = _answers(json.dumps(FLOWS["if branches of different lengths"]))
    assert fast == slow
    assert _places(fast) == [("INVALID_FLOW_JSON", "Flow JSON is not valid. Cannot read properties of undefined "
                                                   "(reading 'type')", 1)]


def test_a_key_written_with_an_escape_in_one_copy() -> None:
    text = json.dumps(_flow([UNKNOWN_KEY] * 6), indent=1)
    head, _, tail = text.rpartition('"bogus"')
    text = head + '"bog\\u0075s"' + tail  # Meta finds no position for the last copy's key: line 0
    fast, slow, _ = _answers(text)
    assert fast == slow
    (found,) = fast
    assert [p.span is None for p in found.pointers] == [True] * 5 + [False]


def test_replayed_errors_carry_their_own_item() -> None:
    doc = _flow([{"type": "TextBody", "text": ["a"]}] * 3)
    errors = ajv.validate(SCHEMA, doc, formats=meta_port._formats(), pattern=meta_port._pattern)
    children = doc["screens"][0]["layout"]["children"]
    for error in errors:
        if error.path[:4] == ("screens", 0, "layout", "children") and len(error.path) > 4:
            value = children[error.path[4]]
            for step in error.path[5:]:
                value = value[step]
            if isinstance(error.data, (dict, list)):
                assert error.data is value


def test_the_pass_answers_the_same_with_skipped_screens() -> None:
    """meta_port.check (native validator, skipped valid screens, grouped errors) against the plain pipeline."""
    valid = {"id": "B", "title": "t", "terminal": True,
             "layout": {"type": "SingleColumnLayout", "children": [{"type": "TextBody", "text": "x"}, FOOTER]}}
    doc = {"version": "7.3", "screens": [valid, *FLOWS["misspelt type"]["screens"], {**valid, "id": "C"}]}
    found = meta_port.check(doc, FlowVersion.from_text("7.3"))
    plain = ajv.validate(SCHEMA, doc, formats=meta_port._formats(), pattern=meta_port._pattern, memo=False)
    expected = translate(plain, doc, 703, schema=SCHEMA, memo=False)
    assert [(d.error, d.message, [(p.path, p.target, p.at) for p in d.pointers]) for d in found] == \
        [(d.error, d.message, [(p.path, p.target, p.at) for p in d.pointers]) for d in expected]


@pytest.mark.parametrize("where", ["form", "if", "switch", "layout"])
def test_valid_components_passed_over_give_the_same_answer(where: str) -> None:
    """meta_port tells Ajv which components are valid (jsonschema-rs on exactly the list's ``items``, inside
    alternatives too); the answer must be the plain pipeline's, with valid and broken fields mixed."""
    fields = [{"type": "TextInput", "name": f"f{i}", "label": "L"} for i in range(6)]
    fields[3] = {"type": "TextInput", "name": "f3", "label": 5, "colour": "red"}
    fields.insert(5, {"type": "TextBdy", "text": "x"})
    if where == "form":
        children: list[Any] = [{"type": "Form", "name": "form", "children": [*fields, FOOTER]}]
    elif where == "if":
        children = [{"type": "If", "condition": "true", "then": fields, "else": fields[:2]}, FOOTER]
    elif where == "switch":
        children = [{"type": "Switch", "value": "${data.x}", "cases": {"a": fields, "b": fields[:3]}}, FOOTER]
    else:
        children = [*fields, FOOTER]
    valid = {"id": "B", "title": "t", "terminal": True,
             "layout": {"type": "SingleColumnLayout", "children": [{"type": "TextBody", "text": "x"}, FOOTER]}}
    doc = {"version": "7.3", "screens": [valid, *_flow(children)["screens"]]}
    found = meta_port.check(doc, FlowVersion.from_text("7.3"))
    plain = ajv.validate(SCHEMA, doc, formats=meta_port._formats(), pattern=meta_port._pattern, memo=False)
    expected = translate(plain, doc, 703, schema=SCHEMA, memo=False)
    assert found
    assert [(d.error, d.message, [(p.path, p.target, p.at) for p in d.pointers]) for d in found] == \
        [(d.error, d.message, [(p.path, p.target, p.at) for p in d.pointers]) for d in expected]
