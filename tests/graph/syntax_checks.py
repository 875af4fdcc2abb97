"""Small structural checks of the Mermaid and DOT text ``flowlint graph`` writes (no renderer needed).

Neither is a full parser of its language: each accepts exactly the statements flowlint writes, and fails on
anything else, so a label that leaks out of its quotes, an edge to an undeclared node, or an unbalanced
bracket is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- Mermaid ------------------------------------------------------------------------------------------------

MERMAID_KEYWORDS = {
    "end", "graph", "subgraph", "flowchart", "style", "class", "classDef", "click", "linkStyle", "direction",
    "default", "call", "href",
}
_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_LABEL = r'"[^"\n]*"'
_MERMAID_NODE = re.compile(rf"^(?P<id>{_ID})(?:\[(?P<box>{_LABEL})\]|\(\((?P<circle>{_LABEL})\)\))$")
_MERMAID_EDGE = re.compile(rf"^(?P<a>{_ID}) (?P<arrow>-->|==>|-\.->|--x)(?:\|(?P<label>{_LABEL})\|)? (?P<b>{_ID})$")
_MERMAID_SUBGRAPH = re.compile(rf"^subgraph (?P<id>{_ID})\[{_LABEL}\]$")
_MERMAID_CLASSDEF = re.compile(rf"^classDef (?P<name>{_ID}) [A-Za-z0-9#:.,\- ]+$")
_MERMAID_CLASS = re.compile(rf"^class (?P<ids>{_ID}(?:,{_ID})*) (?P<name>{_ID})$")
_MERMAID_LINKSTYLE = re.compile(r"^linkStyle (?P<index>\d+) [A-Za-z0-9#:,\-]+$")


@dataclass
class Mermaid:
    nodes: dict[str, str] = field(default_factory=dict)  # id -> label (without quotes)
    edges: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # (a, arrow, b, label)
    classes: dict[str, list[str]] = field(default_factory=dict)  # class -> node ids
    link_styles: dict[int, str] = field(default_factory=dict)


def _balanced(line: str) -> bool:
    """Brackets balance outside double-quoted strings, and quotes pair up."""
    stack: list[str] = []
    pairs = {"]": "[", ")": "(", "}": "{"}
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "[({":
            stack.append(char)
        elif char in pairs:
            if not stack or stack.pop() != pairs[char]:
                return False
    return not stack and not quoted


def check_mermaid(text: str) -> Mermaid:
    """Parse flowlint's Mermaid output, asserting its structure; returns what it declares."""
    lines = text.split("\n")
    assert lines[0] == "flowchart TD", lines[0]
    assert text.endswith("\n") and lines[-1] == ""
    found = Mermaid()
    defined_classes: set[str] = set()
    depth = 0
    for number, raw in enumerate(lines[1:-1], start=2):
        line = raw.strip()
        where = f"line {number}: {raw!r}"
        assert _balanced(line), where
        if line.startswith("%%"):
            assert "\n" not in line, where
            continue
        if line == "end":
            depth -= 1
            assert depth >= 0, where
            continue
        if m := _MERMAID_SUBGRAPH.match(line):
            assert m["id"] not in MERMAID_KEYWORDS, where
            depth += 1
            continue
        if m := _MERMAID_NODE.match(line):
            node_id = m["id"]
            assert node_id not in MERMAID_KEYWORDS, where
            assert node_id not in found.nodes, f"{where}: declared twice"
            found.nodes[node_id] = (m["box"] or m["circle"])[1:-1]
            continue
        if m := _MERMAID_EDGE.match(line):
            found.edges.append((m["a"], m["arrow"], m["b"], m["label"][1:-1] if m["label"] else None))
            continue
        if m := _MERMAID_CLASSDEF.match(line):
            defined_classes.add(m["name"])
            continue
        if m := _MERMAID_CLASS.match(line):
            found.classes.setdefault(m["name"], []).extend(m["ids"].split(","))
            continue
        if m := _MERMAID_LINKSTYLE.match(line):
            found.link_styles[int(m["index"])] = line
            continue
        raise AssertionError(f"{where}: not a statement flowlint writes")
    assert depth == 0, "subgraph without end"
    for a, _, b, _ in found.edges:
        assert a in found.nodes and b in found.nodes, (a, b)
    for name, ids in found.classes.items():
        assert name in defined_classes, name
        assert all(i in found.nodes for i in ids), ids
    assert all(i < len(found.edges) for i in found.link_styles), found.link_styles
    for label in [*found.nodes.values(), *(e[3] for e in found.edges if e[3] is not None)]:
        assert not re.search(r"[<>`]", label.replace("<br/>", "")), label
    return found


def mermaid_unescape(label: str) -> str:
    """A label's text as Mermaid shows it (entity codes decoded, ``<br/>`` as a line break)."""
    named = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
    text = re.sub(r"#(\d+|[a-z]+);", lambda m: chr(int(m[1])) if m[1].isdigit() else named[m[1]], label)
    return text.replace("<br/>", "\n")


# --- DOT ----------------------------------------------------------------------------------------------------

_DOT_TOKEN = re.compile(
    r'\s+|(?P<str>"(?:[^"\\]|\\.)*")|(?P<id>[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)|(?P<op>->|[{}\[\];,=])'
)


@dataclass
class Dot:
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


def _dot_tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    pos = 0
    while pos < len(text):
        m = _DOT_TOKEN.match(text, pos)
        assert m and m.end() > pos, f"DOT: cannot read {text[pos:pos + 30]!r}"
        pos = m.end()
        if m["str"] is not None:
            tokens.append(("id", m["str"]))
        elif m["id"] is not None:
            tokens.append(("id", m["id"]))
        elif m["op"] is not None:
            tokens.append(("op", m["op"]))
    return tokens


def _dot_value(token: str) -> str:
    if token.startswith('"'):
        return re.sub(r"\\(.)", lambda m: m[1] if m[1] in '"\\' else "\\" + m[1], token[1:-1])
    return token


class _DotParser:
    def __init__(self, text: str) -> None:
        self.tokens = _dot_tokens(text)
        self.pos = 0
        self.found = Dot()

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, kind: str, value: str | None = None) -> str:
        token = self.peek()
        assert token is not None and token[0] == kind and (value is None or token[1] == value), (
            f"DOT: expected {value or kind} at token {self.pos}, got {token}")
        self.pos += 1
        return token[1]

    def at(self, value: str) -> bool:
        token = self.peek()
        return token is not None and token[1] == value and token[0] in ("op", "id")

    def graph(self) -> Dot:
        self.take("id", "digraph")
        if self.peek() and self.peek()[0] == "id":  # type: ignore[index]
            self.take("id")
        self.block()
        assert self.peek() is None, "DOT: text after the graph"
        return self.found

    def block(self) -> None:
        self.take("op", "{")
        while not self.at("}"):
            self.statement()
            if self.at(";"):
                self.take("op", ";")
        self.take("op", "}")

    def attrs(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if not self.at("["):
            return out
        self.take("op", "[")
        while not self.at("]"):
            key = _dot_value(self.take("id"))
            self.take("op", "=")
            out[key] = _dot_value(self.take("id"))
            if self.at(",") or self.at(";"):
                self.pos += 1
        self.take("op", "]")
        return out

    def statement(self) -> None:
        token = self.take("id")
        if token in ("graph", "node", "edge"):
            self.attrs()
            return
        if token == "subgraph":
            if not self.at("{"):
                self.take("id")
            self.block()
            return
        if self.at("="):
            self.take("op", "=")
            self.take("id")
            return
        chain = [_dot_value(token)]
        while self.at("->"):
            self.take("op", "->")
            chain.append(_dot_value(self.take("id")))
        attrs = self.attrs()
        if len(chain) == 1:
            assert chain[0] not in self.found.nodes, f"DOT: node {chain[0]} declared twice"
            self.found.nodes[chain[0]] = attrs
        else:
            for a, b in zip(chain, chain[1:]):
                self.found.edges.append((a, b, attrs))


def check_dot(text: str) -> Dot:
    """Parse flowlint's DOT output (a subset of the DOT grammar), asserting every edge joins declared nodes."""
    found = _DotParser(text).graph()
    for a, b, _ in found.edges:
        assert a in found.nodes and b in found.nodes, (a, b)
    return found
