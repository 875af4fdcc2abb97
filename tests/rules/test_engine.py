"""The rule engine: chain table per version, registry, module protocol, robustness on odd documents."""

from __future__ import annotations

import pytest

import json
import re
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import flowlint.rules as rules
from flowlint.rules import CHAINS, DOCS_CHAIN, NOT_REPRODUCED, RULES, chain_for, check, missing_validators, registry
from flowlint.rules.model import build_model, parse_binding
from flowlint.versions import FlowVersion
from tests.conformance import META, load_cases, require_shared

def v(text: str) -> FlowVersion:
    major, minor = text.split(".")
    return FlowVersion(int(major) * 100 + int(minor), text)


def test_every_chain_slot_has_a_validator() -> None:
    assert missing_validators(registry()) == {}
    assert set(DOCS_CHAIN) <= set(registry())
    # Slots that Meta runs and flowlint does not reproduce are declared, and run as no-ops.
    assert set(NOT_REPRODUCED) == {"ShoppingScreenExternalDataV502"}
    assert list(registry()["ShoppingScreenExternalDataV502"](build_model({"screens": []}, v("5.2")))) == []


def test_chain_facts_from_the_conformance_readme() -> None:
    assert len(CHAINS[501]) == 35 and len(CHAINS[502]) == 38
    assert "ShoppingScreenExternalDataV502" not in CHAINS[600]  # 6.0 is built on 5.1
    for number in (603, 700, 701, 702):  # instanceof filters: no entry-screen, no routes validator
        assert not [n for n in CHAINS[number] if n.startswith(("RoutingModelEntryScreen", "Routes"))]
    assert "OnClickActionPayloadV600" not in CHAINS[701] and "DynamicParserV600" in CHAINS[701]
    assert "CompleteActionV500" not in CHAINS[702] and "CompleteActionV702" in CHAINS[702]
    assert CHAINS[703].count("RoutesV602") == 1 and "TerminalScreenFooterV500" in CHAINS[703]
    assert CHAINS[704] == CHAINS[703]
    assert CHAINS[700][-1] == "ComponentTypePerScreenV700"
    assert chain_for(v("2.1")) == CHAINS[500] + DOCS_CHAIN


def test_rule_declarations() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for info in RULES:
        assert re.fullmatch(r"FL[3-9]\d\d", info.code), info.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.name
        for part in ("What it does:", "Why is this bad?", "Example:", "Use instead:"):
            assert part in info.doc, (info.code, part)
        if info.code.startswith("FL9"):
            assert info.source == "docs" and info.severity == "warning"


def _require_cases() -> None:
    # Both tests over Meta's recorded flows skip from here, so that pytest reports them as one line.
    require_shared(META)


def test_every_reported_rule_is_declared_and_stamped() -> None:
    _require_cases()
    declared = {r.code: r for r in RULES}
    for case in load_cases():
        try:
            doc = json.loads((META / "cases" / f"{case.name}.json").read_bytes().decode("utf-8-sig"))
        except ValueError:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("version"), str):
            continue
        try:
            version = v(doc["version"])
        except ValueError:
            continue
        for diag in check(doc, version):
            assert diag.rule in declared, diag
            assert diag.severity == declared[diag.rule].severity
            assert diag.rule != "FL300", diag.message


def test_a_chain_slot_without_a_validator_is_an_error_not_a_skip() -> None:
    # flowlint.rules refuses to import with such a slot (it checks missing_validators at import).
    without = {k: f for k, f in registry().items() if k != "ScreenIDV500"}
    assert missing_validators(without) == {"ScreenIDV500": sorted(CHAINS)}
    assert missing_validators({**registry(), "ScreenIDV500": None}) == {}


def test_an_undeclared_rule_code_fails_instead_of_becoming_an_error(monkeypatch: Any) -> None:
    def undeclared(model: Any) -> Any:
        yield rules.Finding("FL399", "INVALID_FLOW_JSON", "no rule declares FL399", ())

    monkeypatch.setattr(rules, "_REGISTRY", {**registry(), "ScreenIDV500": undeclared})
    monkeypatch.setenv("FLOWLINT_DEBUG", "1")
    with pytest.raises(KeyError, match="FL399"):
        check({"version": "7.3", "screens": []}, v("7.3"))


def test_a_failing_validator_is_reported_not_raised(monkeypatch: Any) -> None:
    def broken(model: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(rules, "_REGISTRY", {**registry(), "ScreenIDV500": broken})
    monkeypatch.delenv("FLOWLINT_DEBUG", raising=False)
    found = check({"version": "7.3", "screens": []}, v("7.3"))
    assert [(d.rule, d.error, d.severity) for d in found] == [("FL300", "FLOWLINT_INTERNAL_ERROR", "warning")]
    assert "ScreenIDV500" in found[0].message and "KeyError" in found[0].message
    monkeypatch.setenv("FLOWLINT_DEBUG", "1")
    with pytest.raises(KeyError):
        check({"version": "7.3", "screens": []}, v("7.3"))


def test_model_flattens_children_before_containers() -> None:
    doc = {"version": "7.3", "screens": [{"id": "A", "layout": {"children": [
        {"type": "Form", "name": "f", "children": [{"type": "TextInput", "name": "x"}]},
        {"type": "Switch", "cases": {"a": [{"type": "TextBody"}], "b": [{"type": "TextBody"}]}},
    ]}}]}
    model = build_model(doc, v("7.3"))
    assert [c.type for c in model.screens[0].components] == ["TextInput", "Form", "TextBody", "TextBody", "Switch"]
    assert [c.type for c in model.screens[0].in_document_order] == ["Form", "TextInput", "Switch", "TextBody", "TextBody"]
    assert model.screens[0].components[0].form is model.screens[0].components[1]


def test_binding_parsing_and_resolution() -> None:
    assert parse_binding("${data.a.b}").path == ("a", "b")
    assert parse_binding("${screen.S.form.x}").screen == "S"
    assert parse_binding("Hi ${data.a}") is None and parse_binding("`${data.a}`") is None and parse_binding(5) is None
    doc = {"version": "7.3", "screens": [{"id": "A", "data": {"c": {"type": "object", "properties": {"n": {"type": "integer"}}}},
                                          "layout": {"children": [{"type": "OptIn", "name": "ok"}]}}]}
    model = build_model(doc, v("7.3"))
    screen = model.screens[0]
    assert model.binding_schema(screen, parse_binding("${data.c.n}")) == {"type": "integer"}
    assert model.binding_schema(screen, parse_binding("${form.ok}")) == {"type": "boolean"}
    assert model.binding_schema(screen, parse_binding("${screen.B.data.c}")) is None


# Robustness: rules never raise, whatever sits where a well-formed value is expected.
ODD = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.just([]), st.just({}),
                st.just([1, "x", None]), st.just({"type": 5}))
SEEDS = [c for c in load_cases() if c.stage in ("semantic", "none")]


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, child in node.items():
            out += _paths(child, path + (k,))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            out += _paths(child, path + (i,))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS or [None]), st.data(), ODD)
def test_rules_tolerate_odd_values_anywhere(case: Any, data: Any, odd: Any) -> None:
    _require_cases()
    doc = json.loads(case.flow_bytes.decode("utf-8-sig"))
    paths = [p for p in _paths(doc) if p and p != ("version",)]
    target = data.draw(st.sampled_from(paths))
    node = doc
    for key in target[:-1]:
        node = node[key]
    node[target[-1]] = odd
    for diag in check(doc, v(case.version if case.version in {"5.1", "5.2"} or case.version[0] in "67" else "7.3")):
        assert diag.rule != "FL300", diag.message


_BINDING_PIECES = st.sampled_from(["${", "data", "form", "screen", ".", "A", "a_b", "}", "\n", "$", "{", " "])


@settings(max_examples=500, deadline=None)
@given(st.lists(_BINDING_PIECES, max_size=9).map("".join))
@example("${form.a}")
@example("${data.a.b}")
@example("${screen.A.form.x}")
@example("${form.a}}")
@example("${data.}")
@example("${form.a${x}")
@example("${data.a}\n")
@example("${data.a} ")
def test_parse_binding_reads_as_its_regular_expression(value: str) -> None:
    # parse_binding answers ``${data.…}``/``${form.…}`` without the regular expression: the same answer.
    from flowlint.rules import model

    m = model._BINDING.match(value)
    expected = None
    if m and "}" not in m.group(3) and "${" not in m.group(3):
        expected = model.Binding(value, m.group(2), tuple(m.group(3).split(".")), m.group(1))
    assert model.parse_binding(value) == expected
    assert type(model.parse_binding(value)) is type(expected)


#: The type of ``${form.<name>}`` per component (Meta's ``getComponentValueSchema``; spec/meta-validator.md §2.5):
#: component node -> expected type, written out here rather than derived from flowlint's table.
_VALUE_TYPES = [
    ({"type": "CheckboxGroup"}, "array"), ({"type": "ChipsSelector"}, "array"), ({"type": "DatePicker"}, "string"),
    ({"type": "Dropdown"}, "string"), ({"type": "RadioButtonsGroup"}, "string"), ({"type": "TextArea"}, "string"),
    ({"type": "NavigationList"}, "string"), ({"type": "CalendarPicker"}, "string"),
    ({"type": "CalendarPicker", "mode": "range"}, "object"), ({"type": "CalendarPicker", "mode": 3}, "string"),
    ({"type": "TextInput"}, "string"), ({"type": "TextInput", "input-type": "number"}, "number"),
    ({"type": "TextInput", "input-type": "passcode"}, "number"), ({"type": "TextInput", "input-type": "email"}, "string"),
    ({"type": "OptIn"}, "boolean"), ({"type": "PhotoPicker"}, "array"), ({"type": "DocumentPicker"}, "array"),
    ({"type": "Form"}, None), ({"type": "If"}, None), ({"type": "TextBody"}, None), ({"type": 5}, None),
    ({"type": None}, None), ({"type": ["x"]}, None), ({}, None),
]


@pytest.mark.parametrize(("node", "expected"), _VALUE_TYPES)
def test_a_form_value_kind_is_the_type_of_its_schema(node: dict, expected: Any) -> None:
    from flowlint.rules.model import MEDIA_SCHEMA, form_value_kind, form_value_schema

    schema = form_value_schema(node)
    assert form_value_kind(node) == expected == (schema["type"] if schema is not None else None)
    if node.get("type") in ("CheckboxGroup", "ChipsSelector"):
        assert schema == {"type": "array", "items": {"type": "string"}}
    if node.get("type") in ("PhotoPicker", "DocumentPicker"):
        assert schema is MEDIA_SCHEMA
