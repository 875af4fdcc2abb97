"""Hypothesis strategies for testing code that produces or consumes Flow JSON: valid multi-screen flows
that flowlint reports nothing on (no error and no warning, in every version it draws).

Use them in your own property tests (needs ``hypothesis``: ``pip install "whatsapp-flowlint[test]"``)::

    from hypothesis import given
    from flowlint.testing import valid_flows

    @given(valid_flows())
    def test_my_builder_round_trips(flow):
        assert my_parse(my_render(flow)) == flow

A generated flow is a chain of screens, each navigating to the next with a payload that supplies exactly the
fields the next screen declares; the last screen is terminal and completes with a payload of bindings that
resolve. Inputs get unique names per screen, and sit in a Form when the screen has one. Optionally the flow
declares an endpoint (``data_api_version``) and a routing model that lists the same chain.
"""

from __future__ import annotations

from typing import Any

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # a runtime install has no hypothesis; say what to install
    raise ModuleNotFoundError(
        'flowlint.testing needs hypothesis: pip install "whatsapp-flowlint[test]"', name=exc.name
    ) from exc

from flowlint.versions import PUBLISHABLE, SUPPORTED

__all__ = ["VERSIONS", "valid_flows", "declarations", "inputs", "screen_ids", "field_names"]

#: The versions Meta publishes, oldest first (5.1 … the latest).
VERSIONS = [SUPPORTED[number] for number in sorted(PUBLISHABLE)]
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

screen_ids = st.lists(st.text(_LETTERS, min_size=3, max_size=8), min_size=1, max_size=6, unique=True)
field_names = st.lists(st.text("abcdefghij_", min_size=1, max_size=6).filter(lambda s: s.strip("_")),
                       min_size=0, max_size=3, unique=True)

_EXAMPLES = {"string": "text", "number": 1.5, "integer": 2, "boolean": True}


@st.composite
def declarations(draw: Any) -> dict[str, Any]:
    names = draw(field_names)
    out: dict[str, Any] = {}
    for name in names:
        kind = draw(st.sampled_from(sorted(_EXAMPLES)))
        out[name] = {"type": kind, "__example__": _EXAMPLES[kind]}
    return out


@st.composite
def inputs(draw: Any) -> list[dict[str, Any]]:
    count = draw(st.integers(min_value=0, max_value=3))
    nodes: list[dict[str, Any]] = []
    for i in range(count):
        kind = draw(st.sampled_from(["TextInput", "TextArea", "OptIn"]))
        node: dict[str, Any] = {"type": kind, "name": f"field_{i}", "label": f"Field {i}"}
        if kind == "TextInput" and draw(st.booleans()):
            node["min-chars"] = draw(st.integers(min_value=0, max_value=5))
            node["max-chars"] = draw(st.integers(min_value=5, max_value=50))
        nodes.append(node)
    return nodes


@st.composite
def valid_flows(draw: Any) -> dict[str, Any]:
    version = draw(st.sampled_from(VERSIONS))
    ids = draw(screen_ids)
    data_models = [draw(declarations()) for _ in ids]
    data_models[0] = {}  # the entry screen receives nothing
    endpoint = draw(st.booleans())
    screens: list[dict[str, Any]] = []
    for i, sid in enumerate(ids):
        fields = draw(inputs())
        last = i == len(ids) - 1
        if last:
            payload: dict[str, Any] = {f"d_{k}": f"${{data.{k}}}" for k in data_models[i]}
            payload.update({f"f_{n['name']}": f"${{form.{n['name']}}}" for n in fields})
            action: dict[str, Any] = {"name": "complete", "payload": payload}
        else:
            nxt = data_models[i + 1]
            payload = {k: _EXAMPLES[v["type"]] for k, v in nxt.items()}
            action = {"name": "navigate", "next": {"type": "screen", "name": ids[i + 1]}, "payload": payload}
        footer = {"type": "Footer", "label": "Continue", "on-click-action": action}
        body: list[dict[str, Any]] = [{"type": "TextHeading", "text": f"Step {i + 1}"}]
        if fields and draw(st.booleans()):
            body.append({"type": "Form", "name": "form", "children": fields + [footer]})
        else:
            body += fields + [footer]
        node: dict[str, Any] = {"id": sid, "title": sid.title()}
        if last:
            node["terminal"] = True
        if data_models[i]:
            node["data"] = data_models[i]
        node["layout"] = {"type": "SingleColumnLayout", "children": body}
        screens.append(node)
    doc: dict[str, Any] = {"version": version}
    if endpoint:
        doc["data_api_version"] = "3.0"
        doc["routing_model"] = {sid: ([ids[i + 1]] if i + 1 < len(ids) else []) for i, sid in enumerate(ids)}
    doc["screens"] = screens
    return doc
