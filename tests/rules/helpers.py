"""Small builders for rule fixtures: a flow, its screens, common components, and where a token sits.

Fixtures are built as Python values, written out as 2-space JSON (as Meta's examples are), linted, and the
expected line/column is found by searching the written text for the token: an independent check of the
position that flowlint's source map computes.
"""

from __future__ import annotations

import json
from typing import Any

import flowlint
from flowlint.diagnostics import Diagnostic, format_path


def flow(*screens: dict[str, Any], version: str = "7.3", **top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"version": version}
    doc.update(top)
    doc["screens"] = list(screens)
    return doc


def screen(sid: str, *children: dict[str, Any], terminal: bool = False, data: Any = None, **extra: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"id": sid, "title": sid.title()}
    if terminal:
        node["terminal"] = True
    if data is not None:
        node["data"] = data
    node.update(extra)
    node["layout"] = {"type": "SingleColumnLayout", "children": list(children)}
    return node


def heading(text: str = "Hello") -> dict[str, Any]:
    return {"type": "TextHeading", "text": text}


def complete(payload: Any = None) -> dict[str, Any]:
    return {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": payload or {}}}


def navigate(target: str, payload: Any = None, *, with_payload: bool = True) -> dict[str, Any]:
    action: dict[str, Any] = {"name": "navigate", "next": {"type": "screen", "name": target}}
    if with_payload:
        action["payload"] = {} if payload is None else payload
    return {"type": "Footer", "label": "Next", "on-click-action": action}


def exchange(payload: Any = None) -> dict[str, Any]:
    return {"type": "Footer", "label": "Send", "on-click-action": {"name": "data_exchange", "payload": payload or {}}}


def text_input(name: str, **extra: Any) -> dict[str, Any]:
    return {"type": "TextInput", "name": name, "label": name.title(), **extra}


def data_field(kind: str, example: Any, **extra: Any) -> dict[str, Any]:
    return {"type": kind, **extra, "__example__": example}


def two_screens(version: str = "7.3", **top: Any) -> dict[str, Any]:
    """A valid two-screen flow: DETAILS navigates to CONFIRM (terminal)."""
    return flow(
        screen("DETAILS", heading(), navigate("CONFIRM")),
        screen("CONFIRM", heading("Done"), complete(), terminal=True),
        version=version,
        **top,
    )


def dump(doc: Any) -> str:
    return json.dumps(doc, indent=2) + "\n"


def lint(doc: Any) -> tuple[str, flowlint.Report]:
    text = dump(doc)
    return text, flowlint.lint(text)


def where(text: str, *tokens: str) -> tuple[int, int]:
    """1-based (line, column) of the last token; each token is searched from the start of the one before
    (so ``'"name": "X"', '"X"'`` finds the value inside the member). ASCII text."""
    pos = 0
    for i, token in enumerate(tokens):
        found = text.index(token, pos)
        pos = found if i == len(tokens) - 1 else found + 1
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


#: Code prefixes of the stages before the semantic pass (source, versions, schema).
_EARLIER = ("FL0", "FL1", "FL2")


def object_start(text: str, token: str) -> tuple[int, int]:
    """1-based (line, column) of the ``{`` opening the innermost object written before ``token``."""
    pos = text.rfind("{", 0, text.index(token))
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def of_rule(report: flowlint.Report, rule: str) -> list[Diagnostic]:
    return [d for d in report.diagnostics if d.rule == rule]


def assert_reports(
    doc: Any, rule: str, error: str, path: str, *tokens: str, message: str | None = None, severity: str = "error"
) -> Diagnostic:
    """The flow gets ``rule`` with Meta's ``error``, first pointer at ``path``, starting at the token found by
    searching ``tokens`` in order; and the message, when given, word for word."""
    text, report = lint(doc)
    found = of_rule(report, rule)
    assert found, f"{rule} not reported; got {[(d.rule, d.message) for d in report.diagnostics]}"
    diag = found[0]
    assert diag.error == error
    assert diag.severity == severity
    assert format_path(diag.path) == path
    span = diag.span
    assert span is not None
    assert (span.line_start, span.column_start) == where(text, *tokens)
    if message is not None:
        assert diag.message == message
    return diag


def assert_clean(doc: Any, *rules: str) -> None:
    """The flow gets none of ``rules`` (and, when none are named, no error at all). The earlier stages must
    accept it, or the semantic pass would not even run and the check would prove nothing."""
    _, report = lint(doc)
    earlier = [(d.rule, d.message) for d in report.diagnostics if d.severity == "error" and d.rule[:3] in _EARLIER]
    assert not earlier, f"the fixture does not reach the semantic pass: {earlier}"
    if rules:
        found = [(d.rule, d.message) for d in report.diagnostics if d.rule in rules]
    else:
        found = [(d.rule, d.message) for d in report.diagnostics if d.severity == "error"]
    assert not found, found
