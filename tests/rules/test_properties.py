"""Property tests: generated valid flows trigger no semantic rule; a targeted mutation (a broken reference,
route or limit) always triggers the matching rule at the mutated path."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowlint.rules import RULES, check
from flowlint.versions import FlowVersion
from flowlint.testing import valid_flows

CODES = {r.code for r in RULES}
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def version_of(doc: dict[str, Any]) -> FlowVersion:
    major, minor = doc["version"].split(".")
    return FlowVersion(int(major) * 100 + int(minor), doc["version"])


def findings(doc: dict[str, Any]) -> list[tuple[str, tuple]]:
    return [(d.rule, d.path) for d in check(doc, version_of(doc)) if d.rule in CODES]


def children(screen: dict[str, Any]) -> list[dict[str, Any]]:
    return screen["layout"]["children"]


def footer_path(doc: dict[str, Any], i: int) -> tuple:
    base: tuple = ("screens", i, "layout", "children")
    for j, node in enumerate(children(doc["screens"][i])):
        if node["type"] == "Footer":
            return base + (j,)
        if node["type"] == "Form":
            return base + (j, "children", len(node["children"]) - 1)
    raise AssertionError("generated screens always have a Footer")


def at(doc: dict[str, Any], path: tuple) -> Any:
    node: Any = doc
    for key in path:
        node = node[key]
    return node


@SETTINGS
@given(valid_flows())
def test_generated_flows_are_clean(doc: dict[str, Any]) -> None:
    assert findings(doc) == []


@SETTINGS
@given(valid_flows(), st.data())
def test_broken_navigate_target(doc: dict[str, Any], data: Any) -> None:
    navigating = [i for i, s in enumerate(doc["screens"]) if not s.get("terminal")]
    if not navigating:
        return
    i = data.draw(st.sampled_from(navigating))
    action = at(doc, footer_path(doc, i))["on-click-action"]
    action["next"]["name"] = "NO_SUCH_SCREEN"  # generated ids are letters only: never a real one
    assert ("FL310", footer_path(doc, i) + ("on-click-action", "next", "name")) in findings(doc)


@SETTINGS
@given(valid_flows(), st.data())
def test_reserved_and_duplicate_ids(doc: dict[str, Any], data: Any) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    reserved = copy.deepcopy(doc)
    reserved["screens"][i]["id"] = "success"
    assert ("FL401", ("screens", i, "id")) in findings(reserved)
    if len(doc["screens"]) > 1:
        j = data.draw(st.integers(min_value=1, max_value=len(doc["screens"]) - 1))
        doc["screens"][j]["id"] = doc["screens"][j - 1]["id"]
        assert ("FL402", ("screens", j, "id")) in findings(doc)


@SETTINGS
@given(valid_flows())
def test_no_terminal_screen(doc: dict[str, Any]) -> None:
    doc["screens"][-1].pop("terminal")
    assert ("FL403", ("screens",)) in findings(doc)


@SETTINGS
@given(valid_flows(), st.data())
def test_second_footer(doc: dict[str, Any], data: Any) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    extra = copy.deepcopy(at(doc, footer_path(doc, i)))
    children(doc["screens"][i]).append(extra)
    path = ("screens", i, "layout", "children", len(children(doc["screens"][i])) - 1, "type")
    assert ("FL803", path) in findings(doc)


@SETTINGS
@given(valid_flows(), st.data())
def test_min_above_max(doc: dict[str, Any], data: Any) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(doc["screens"]) - 1))
    node = {"type": "TextInput", "name": "extra_input", "label": "Extra", "min-chars": 9, "max-chars": 3}
    children(doc["screens"][i]).insert(0, node)
    if any(c["type"] == "Form" for c in children(doc["screens"][i])):
        return  # an input outside the Form would also be reported (FL607): keep one cause
    assert ("FL606", ("screens", i, "layout", "children", 0, "min-chars")) in findings(doc)


@SETTINGS
@given(valid_flows(), st.data())
def test_undeclared_binding_in_complete_payload(doc: dict[str, Any], data: Any) -> None:
    if doc["version"] == "7.1":
        return  # 7.1 does not check payload bindings (conformance README)
    last = len(doc["screens"]) - 1
    path = footer_path(doc, last)
    at(doc, path)["on-click-action"]["payload"]["broken"] = "${data.not_declared}"
    assert ("FL506", path + ("on-click-action", "payload", "broken")) in findings(doc)


@SETTINGS
@given(valid_flows(), st.data())
def test_routing_model_mutations(doc: dict[str, Any], data: Any) -> None:
    if "routing_model" not in doc or len(doc["screens"]) < 2:
        return
    first = doc["screens"][0]["id"]
    looped = copy.deepcopy(doc)
    looped["routing_model"][first].append(first)
    assert ("FL303", ("routing_model", first)) in findings(looped)
    # Drop a middle screen's own entry and every route to it: it is no longer covered.
    if len(doc["screens"]) >= 3:
        i = data.draw(st.integers(min_value=1, max_value=len(doc["screens"]) - 2))
        sid = doc["screens"][i]["id"]
        doc["routing_model"].pop(sid)
        for dests in doc["routing_model"].values():
            if sid in dests:
                dests.remove(sid)
        assert ("FL301", ("screens", i, "id")) in findings(doc)
