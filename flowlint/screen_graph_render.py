"""Drawings of a :class:`~flowlint.screen_graph.ScreenGraph`: Mermaid ``flowchart``, Graphviz DOT, JSON.

Pure functions of the graph (no checking here, no I/O): ``RENDERERS[name](graph, legend=True) -> str``.
Marks (the legend says the same; docs/graph.md shows them):

- screens: ``▶ entry``, ``■ terminal``, ``✓ success``, ``{ } data`` (declares a data model), ``⊘ unreachable``
  (grey, dashed: no action leads there from the entry screen); ``✖ FL...`` the codes of errors on it, ``⚠ FL...``
  of warnings (red / orange outline);
- a name that is no screen: a red dashed box; the end of the flow: a dark circle ``complete``;
- edges: navigate solid, data_exchange thick, a route no action takes dotted grey, an action the routing model
  does not allow red with a cross (Mermaid ``--x``, DOT ``arrowhead=tee``); problems on an edge colour it and add
  their codes to its label.

Node ids are the graph's safe ids (``s0``, ``u0``, ``done``); every text (screen ids, titles, labels) goes through
:func:`mermaid_text` or :func:`dot_text`, so quotes, brackets, ``#``, backslashes and line breaks in a flow cannot
break the drawing.
"""

from __future__ import annotations

import json
from typing import Callable

from flowlint.screen_graph import Edge, Node, Problem, ScreenGraph

__all__ = ["RENDERERS", "to_mermaid", "to_dot", "to_json", "mermaid_text", "dot_text", "LEGEND"]

#: Longest component text shown on an edge (the JSON format keeps it whole).
MAX_LABEL = 32

LEGEND = (
    "▶ entry screen · ■ terminal · ✓ success · { } declares data",
    "⊘ grey dashed: no action leads there from the entry screen",
    "✖ FLnnn errors · ⚠ FLnnn warnings (flowlint explain FLnnn)",
    "solid: navigate · thick: data_exchange route",
    "dotted grey: route of routing_model no action takes",
    "red ✕: action routing_model does not allow",
    "red dashed box: no such screen · ● complete: the flow ends",
)

FLOW_NODE = "flow_problems"


# --- shared wording -------------------------------------------------------------------------------------------


def _codes(problems: list[Problem]) -> list[str]:
    """``["✖ FL301 FL307", "⚠ FL920"]``: the rule codes of the errors, then of the warnings, each once."""
    out = []
    for severity, mark in (("error", "✖"), ("warning", "⚠")):
        codes = list(dict.fromkeys(p.rule or "?" for p in problems if p.severity == severity))
        if codes:
            out.append(f"{mark} {' '.join(codes)}")
    return out


def _worst(problems: list[Problem]) -> str | None:
    if any(p.severity == "error" for p in problems):
        return "error"
    return "warning" if problems else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def node_lines(node: Node) -> list[str]:
    """The lines of a node's label."""
    if node.kind == "end":
        return ["● complete", *_codes(node.problems)]
    if node.kind == "unknown":
        return [node.name or "", "no such screen", *_codes(node.problems)]
    lines = [node.name if node.name is not None else f"(screens[{node.index}] has no id)"]
    if node.title:
        lines.append(node.title)
    badges = [
        mark
        for flag, mark in (
            (node.entry, "▶ entry"),
            (node.terminal, "■ terminal"),
            (node.success, "✓ success"),
            (node.has_data, "{ } data"),
            (not node.reachable, "⊘ unreachable"),
        )
        if flag
    ]
    if badges:
        lines.append(" ".join(badges))
    return lines + _codes(node.problems)


def edge_text(edge: Edge) -> str:
    """An edge's label: what takes it, what is wrong with it."""
    parts: list[str] = []
    what = edge.component or ""
    if edge.label:
        what = f"{what}: {_short(edge.label)}" if what else _short(edge.label)
    if edge.kind == "data_exchange":
        parts.append(f"data_exchange ({what})" if what else "data_exchange")
    elif edge.kind == "route":
        parts.append("route, no action")
    elif what:
        parts.append(what)
    if edge.status == "not_in_routing_model":
        parts.append("✕ not in routing_model")
    parts.extend(_codes(edge.problems))
    return " · ".join(parts)


def _flow_lines(graph: ScreenGraph) -> list[str]:
    return ["flow", *_codes(graph.problems)]


# --- Mermaid --------------------------------------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "%": "#37;",
    "|": "#124;",
}

_MERMAID_ARROWS = {"navigate": "-->", "complete": "-->", "data_exchange": "==>", "route": "-.->"}

_MERMAID_CLASSES = (
    ("terminal", "fill:#e8f0fe"),
    ("success", "fill:#e6f4ea"),
    ("unreachable", "fill:#eeeeee,stroke-dasharray:5 5,color:#666666"),
    ("warning", "stroke:#e69500,stroke-width:2px"),
    ("error", "stroke:#d00000,stroke-width:2px"),
    ("entry", "stroke-width:4px"),
    ("unknown", "fill:#fff5f5,stroke:#d00000,stroke-dasharray:3 3"),
    ("ending", "fill:#333333,color:#ffffff"),
    ("legendbox", "fill:#ffffff,stroke:#999999"),
)


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: entity codes for what Mermaid would read, ``<br/>`` for line breaks."""
    out = []
    for char in text.replace("\r\n", "\n").replace("\r", "\n"):
        if char in _MERMAID_ESCAPES:
            out.append(_MERMAID_ESCAPES[char])
        elif char == "\n":
            out.append(char)
        elif ord(char) < 32 or char in "\u2028\u2029":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out).replace("\n", "<br/>")


def _mermaid_label(lines: list[str]) -> str:
    return '"' + "<br/>".join(mermaid_text(line) for line in lines) + '"'


def _node_classes(node: Node) -> list[str]:
    if node.kind == "end":
        return ["ending"]
    classes = []
    if node.kind == "unknown":
        classes.append("unknown")
    if node.terminal:
        classes.append("terminal")
    if node.success:
        classes.append("success")
    if node.kind == "screen" and not node.reachable:
        classes.append("unreachable")
    worst = _worst(node.problems)
    if worst:
        classes.append(worst)
    if node.entry:
        classes.append("entry")
    return classes


def to_mermaid(graph: ScreenGraph, *, legend: bool = True) -> str:
    """A Mermaid ``flowchart`` (pastes into GitHub Markdown in a ```` ```mermaid ```` block)."""
    lines = ["flowchart TD"]
    about = f"flowlint graph of {graph.filename or 'a flow'}"
    if graph.version:
        about += f" (Flow JSON {graph.version})"
    lines.append(f"  %% {' '.join(about.split())}")
    members: dict[str, list[str]] = {name: [] for name, _ in _MERMAID_CLASSES}
    for node in graph.nodes:
        if node.kind == "end":
            lines.append(f"  {node.id}(({_mermaid_label(node_lines(node))}))")
        else:
            lines.append(f"  {node.id}[{_mermaid_label(node_lines(node))}]")
        for name in _node_classes(node):
            members[name].append(node.id)
    if graph.problems:
        lines.append(f"  {FLOW_NODE}[{_mermaid_label(_flow_lines(graph))}]")
        members[_worst(graph.problems) or "error"].append(FLOW_NODE)
    styles: list[str] = []
    for i, edge in enumerate(graph.edges):
        arrow = "--x" if edge.status == "not_in_routing_model" else _MERMAID_ARROWS[edge.kind]
        text = edge_text(edge)
        label = f"|{_mermaid_label([text])}|" if text else ""
        lines.append(f"  {edge.source} {arrow}{label} {edge.target}")
        worst = _worst(edge.problems)
        if worst == "error" or edge.status == "not_in_routing_model":
            styles.append(f"  linkStyle {i} stroke:#d00000,color:#d00000")
        elif worst == "warning":
            styles.append(f"  linkStyle {i} stroke:#e69500,color:#e69500")
        elif edge.kind == "route":
            styles.append(f"  linkStyle {i} stroke:#999999,color:#666666")
    if legend:
        lines.append('  subgraph legend["Legend"]')
        lines.append(f"    legend_marks[{_mermaid_label(list(LEGEND))}]")
        lines.append("  end")
        members["legendbox"].append("legend_marks")
    used = [(name, style) for name, style in _MERMAID_CLASSES if members[name]]
    lines.extend(f"  classDef {name} {style}" for name, style in used)
    lines.extend(f"  class {','.join(members[name])} {name}" for name, _ in used)
    lines.extend(styles)
    return "\n".join(lines) + "\n"


# --- DOT -------------------------------------------------------------------------------------------------------


def dot_text(text: str) -> str:
    """The inside of a DOT quoted string: ``\\`` and ``"`` escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(" " if ord(c) < 32 else c for c in text)


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f'{key}="{value}"' for key, value in attrs.items())


def _dot_node(node: Node) -> dict[str, str]:
    attrs = {"label": "\\n".join(dot_text(line) for line in node_lines(node))}
    if node.kind == "end":
        attrs.update(shape="circle", style="filled", fillcolor="#333333", fontcolor="#ffffff")
        return attrs
    style = ["rounded"]
    fill = None
    if node.kind == "unknown":
        style.append("dashed")
        attrs["color"] = "#d00000"
        fill = "#fff5f5"
    if node.terminal:
        attrs["peripheries"] = "2"
        fill = "#e6f4ea" if node.success else "#e8f0fe"
    if node.kind == "screen" and not node.reachable:
        style.append("dashed")
        fill = "#eeeeee"
        attrs["fontcolor"] = "#666666"
    worst = _worst(node.problems)
    if worst:
        attrs["color"] = "#d00000" if worst == "error" else "#e69500"
        attrs["penwidth"] = "2"
    if node.entry:
        attrs["penwidth"] = "4"
    if fill:
        style.append("filled")
        attrs["fillcolor"] = fill
    attrs["style"] = ",".join(style)
    return attrs


def _dot_edge(edge: Edge) -> dict[str, str]:
    attrs: dict[str, str] = {}
    text = edge_text(edge)
    if text:
        attrs["label"] = dot_text(text)
    if edge.kind == "data_exchange":
        attrs["style"] = "bold"
    elif edge.kind == "route":
        attrs.update(style="dotted", color="#999999", fontcolor="#666666")
    if edge.status == "not_in_routing_model":
        attrs.update(color="#d00000", fontcolor="#d00000", arrowhead="tee")
    worst = _worst(edge.problems)
    if worst:
        colour = "#d00000" if worst == "error" else "#e69500"
        attrs.update(color=colour, fontcolor=colour)
    return attrs


def to_dot(graph: ScreenGraph, *, legend: bool = True) -> str:
    """A Graphviz ``digraph`` (``dot -Tsvg``); every id is quoted."""
    about = f"flowlint graph of {graph.filename or 'a flow'}"
    if graph.version:
        about += f" (Flow JSON {graph.version})"
    lines = [
        "digraph flow {",
        f'  graph [rankdir="TB", labelloc="t", fontname="Helvetica", label="{dot_text(about)}"];',
        '  node [shape="box", fontname="Helvetica", fontsize="11"];',
        '  edge [fontname="Helvetica", fontsize="9"];',
    ]
    for node in graph.nodes:
        lines.append(f'  "{dot_text(node.id)}" [{_dot_attrs(_dot_node(node))}];')
    if graph.problems:
        colour = "#d00000" if _worst(graph.problems) == "error" else "#e69500"
        label = "\\n".join(dot_text(line) for line in _flow_lines(graph))
        lines.append(f'  "{FLOW_NODE}" [{_dot_attrs({"label": label, "shape": "note", "color": colour})}];')
    for edge in graph.edges:
        attrs = _dot_attrs(_dot_edge(edge))
        lines.append(f'  "{dot_text(edge.source)}" -> "{dot_text(edge.target)}"' + (f" [{attrs}]" if attrs else "")
                     + ";")
    if legend:
        text = "".join(dot_text(line) + "\\l" for line in LEGEND)
        lines.append("  subgraph cluster_legend {")
        lines.append('    label="Legend"; color="#999999";')
        lines.append(f'    "legend_marks" [{_dot_attrs({"label": text, "shape": "note"})}];')
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- JSON ------------------------------------------------------------------------------------------------------


def to_json(graph: ScreenGraph, *, legend: bool = True) -> str:
    """The graph as data (:meth:`ScreenGraph.to_dict`; ``legend`` is ignored)."""
    return json.dumps(graph.to_dict(), indent=2, ensure_ascii=False) + "\n"


#: ``--format`` choices of ``flowlint graph``, built from this dict.
RENDERERS: dict[str, Callable[..., str]] = {"mermaid": to_mermaid, "dot": to_dot, "json": to_json}
