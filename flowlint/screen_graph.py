"""The screen graph of a flow, as data: screens (nodes) and the ways between them (edges), with lint problems.

``build_graph(text_or_report)`` lints the flow (or takes a :class:`~flowlint.diagnostics.Report` already made),
reads it through the flow model the rules use (:mod:`flowlint.rules.model`) and returns a :class:`ScreenGraph`.
:mod:`flowlint.screen_graph_render` draws it (Mermaid, Graphviz DOT, JSON); ``flowlint graph`` is the command.
(Not to be confused with :mod:`flowlint.reporters.graph`, the Meta *Graph API* output format of ``flowlint``.)

What is drawn (``docs/graph.md``):

- a node per entry of ``screens`` (kind ``screen``), a node per name that a navigate action or the routing model
  uses but no screen has (kind ``unknown``), and one ``end`` node when some action completes the flow;
- an edge per navigate action to a screen (``next.type`` "screen"; NavigationList items included) and per
  complete action; for each screen with a data_exchange action, an edge per route of ``routing_model`` from it
  (the endpoint picks one of them); an edge per route of ``routing_model`` that no action takes (status
  ``unused``). A navigate action between two screens that ``routing_model`` does not connect (either way, as
  Meta's check FL308 reads it) has status ``not_in_routing_model``.
- The entry screen is the routing model's root, as FL306 decides it: the first screen that is no destination
  of the routing model (given, or generated from navigate actions) nor the target of a navigate action; when
  every screen is one, the first screen (where FL307 starts its walk). A screen is ``reachable`` when the edges
  that actions take (navigate, data_exchange) lead there from the entry screen.
- Every place of every diagnostic of the lint is put on the picture: inside an action that is drawn -> on its
  edges; at ``routing_model.A[j]`` -> on the edges of that route; elsewhere in ``screens[i]`` -> on screen i; at
  ``routing_model.A`` -> on the node of A; anything else (``screens``, ``version``...) -> on the flow.
"""

from __future__ import annotations

import os
from dataclasses import field
from typing import Any, Iterable, NamedTuple

from flowlint.diagnostics import JsonPath, Report, format_path
from flowlint.records import record
from flowlint.rules.model import Action, FlowModel, Screen, build_model
from flowlint.versions import LATEST, FlowVersion

__all__ = [
    "GraphError",
    "Problem",
    "Node",
    "Edge",
    "ScreenGraph",
    "build_graph",
    "graph_file",
    "NODE_KINDS",
    "EDGE_KINDS",
    "EDGE_STATUSES",
    "END_NODE",
]

#: Node kinds, with what each means (docs/graph.md lists the same).
NODE_KINDS = {
    "screen": "an entry of `screens`",
    "unknown": "a screen name that a navigate action or the routing model uses but no screen has",
    "end": "the flow completes (a `complete` action)",
}
#: Edge kinds.
EDGE_KINDS = {
    "navigate": "a navigate action to a screen (`next.type` \"screen\")",
    "data_exchange": "a route of `routing_model` from a screen with a data_exchange action (the endpoint picks it)",
    "complete": "a complete action (to the `end` node)",
    "route": "a route of `routing_model` that no action takes",
}
#: Edge statuses.
EDGE_STATUSES = {
    "ok": "nothing to say",
    "unused": "a route that `routing_model` allows but no action takes",
    "not_in_routing_model": "a navigate action between screens that `routing_model` does not connect",
}
#: The id of the end node ("end" is a keyword of Mermaid).
END_NODE = "done"
#: Where a graph's JSON format is described (and its version, bumped on an incompatible change).
GRAPH_FORMAT_VERSION = 1


class GraphError(ValueError):
    """The flow cannot be drawn: it does not parse, is not an object, or has no screens.

    ``reason``: ``"syntax"``, ``"not-object"`` or ``"no-screens"``; ``report``: the lint report, whose
    diagnostics say why."""

    def __init__(self, message: str, *, reason: str, report: Report) -> None:
        super().__init__(message)
        self.reason = reason
        self.report = report


class Problem(NamedTuple):
    """One place of one diagnostic, as put on a node, an edge or the flow."""

    rule: str
    severity: str  # "error" | "warning"
    message: str
    path: str
    line: int | None
    column: int | None

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


@record()
class Node:
    """A screen, an unknown screen name, or the end of the flow. ``id`` is a safe id (``s0``, ``u0``, ``done``)."""

    id: str
    kind: str  # NODE_KINDS
    name: str | None  # the screen id (None for a screen without a string id, and for the end node)
    title: str | None = None
    index: int | None = None  # position in `screens`
    entry: bool = False
    terminal: bool = False
    success: bool = False  # a terminal screen whose `success` is not false (Meta's default is true)
    has_data: bool = False  # declares a `data` model
    reachable: bool | None = None  # screens only
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "title": self.title,
            "index": self.index,
            "path": format_path(("screens", self.index)) if self.index is not None else None,
            "entry": self.entry,
            "terminal": self.terminal,
            "success": self.success,
            "has_data": self.has_data,
            "reachable": self.reachable,
            "problems": [p.to_dict() for p in self.problems],
        }


@record()
class Edge:
    """A way from one node to another: an action, or a route of ``routing_model``."""

    id: str
    source: str
    target: str
    kind: str  # EDGE_KINDS
    status: str = "ok"  # EDGE_STATUSES
    component: str | None = None  # the type of the component whose action this is ("Footer")
    label: str | None = None  # that component's text ("Continue"), or the option / list item
    actions: list[JsonPath] = field(default_factory=list)  # the actions that take this edge
    route: JsonPath | None = None  # the routing_model entry this edge follows
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "status": self.status,
            "component": self.component,
            "label": self.label,
            "actions": [format_path(p) for p in self.actions],
            "route": format_path(self.route) if self.route is not None else None,
            "problems": [p.to_dict() for p in self.problems],
        }


@record()
class ScreenGraph:
    """The graph of one flow. ``problems``: the lint's findings that belong to no node or edge."""

    nodes: list[Node]
    edges: list[Edge]
    problems: list[Problem]
    entry: str | None  # the entry screen's node id
    has_routing_model: bool
    filename: str | None = None
    version: str | None = None

    def node(self, node_id: str) -> Node:
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    @property
    def screens(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "screen"]

    @property
    def unreachable(self) -> list[Node]:
        return [n for n in self.nodes if n.kind == "screen" and not n.reachable]

    def all_problems(self) -> Iterable[Problem]:
        yield from self.problems
        for node in self.nodes:
            yield from node.problems
        for edge in self.edges:
            yield from edge.problems

    def to_dict(self) -> dict[str, Any]:
        """The JSON format (``flowlint graph --format json``; schema in docs/graph.md)."""
        return {
            "flowlint_graph": GRAPH_FORMAT_VERSION,
            "file": self.filename,
            "version": self.version,
            "entry": self.entry,
            "has_routing_model": self.has_routing_model,
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
            "problems": [p.to_dict() for p in self.problems],
        }


# --- building ---------------------------------------------------------------------------------------------------


def build_graph(
    source: Report | str | bytes | dict[str, Any],
    *,
    filename: str | None = None,
    version: str | None = None,
) -> ScreenGraph:
    """The screen graph of a flow: its text (str or bytes), a parsed flow (dict), or a lint report of it.

    Text and dicts are linted first (``flowlint.lint``, with ``version`` as ``--target-version``); a report is
    used as it is (its ``value`` must hold the parsed flow). Raises :class:`GraphError` when the flow does not
    parse, is not an object, or has no screens."""
    if isinstance(source, Report):
        report = source
    else:
        from flowlint.engine import lint

        report = lint(source, version=version, filename=filename)
    return _from_report(report, filename=filename if filename is not None else report.filename)


def graph_file(path: str | os.PathLike[str], *, version: str | None = None) -> ScreenGraph:
    """:func:`build_graph` of a file (``OSError`` when it cannot be read, as ``flowlint.lint_file``)."""
    from flowlint.engine import lint_file

    return build_graph(lint_file(path, version=version))


def _from_report(report: Report, *, filename: str | None) -> ScreenGraph:
    doc = report.value
    if doc is None:
        first = report.diagnostics[0] if report.diagnostics else None
        why = f"{first.rule} {first.message}" if first else "it could not be read"
        raise GraphError(f"the flow does not parse: {why}", reason="syntax", report=report)
    if not isinstance(doc, dict):
        raise GraphError("the flow is not a JSON object", reason="not-object", report=report)
    screens = doc.get("screens")
    if not isinstance(screens, list) or not screens:
        raise GraphError("the flow has no screens to draw (`screens` is missing or empty)", reason="no-screens",
                         report=report)
    flow_version = FlowVersion.from_text(report.version or "") or FlowVersion.from_text(LATEST)
    assert flow_version is not None
    model = build_model(doc, flow_version)
    graph = _Builder(model).build()
    graph.filename = filename
    graph.version = report.version
    _place_problems(graph, report, model)
    return graph


class _Builder:
    """Nodes and edges from the flow model (one pass over the screens' actions, then the routing model)."""

    def __init__(self, model: FlowModel) -> None:
        self.model = model
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.unknown: dict[str, Node] = {}
        self.end: Node | None = None
        given = model.routing_model
        self.dc = model.has_routing_model
        self.routes: dict[str, list[tuple[int, str]]] = {}
        if self.dc and isinstance(given, dict):
            for key, dests in given.items():
                listed = dests if isinstance(dests, list) else []
                self.routes[key] = [(j, d) for j, d in enumerate(listed) if isinstance(d, str)]

    # nodes
    def screen_node(self, screen: Screen) -> Node:
        node = screen.node
        title = node.get("title")
        terminal = screen.terminal
        return Node(
            id=f"s{screen.index}",
            kind="screen",
            name=screen.id,
            title=title if isinstance(title, str) else None,
            index=screen.index,
            terminal=terminal,
            success=terminal and node.get("success", True) is not False,
            has_data=isinstance(node.get("data"), dict) and bool(node["data"]),
        )

    def node_named(self, name: str) -> Node:
        """The node of the screen Meta's maps hold for ``name`` (the last with that id), or an unknown node."""
        screen = self.model.by_id.get(name)
        if screen is not None:
            return self.nodes[screen.index]
        found = self.unknown.get(name)
        if found is None:
            found = self.unknown[name] = Node(id=f"u{len(self.unknown)}", kind="unknown", name=name)
        return found

    def end_node(self) -> Node:
        if self.end is None:
            self.end = Node(id=END_NODE, kind="end", name=None)
        return self.end

    # edges
    def add(self, source: Node, target: Node, kind: str, **details: Any) -> Edge:
        edge = Edge(id=f"e{len(self.edges)}", source=source.id, target=target.id, kind=kind, **details)
        self.edges.append(edge)
        return edge

    def route_between(self, source: str | None, target: str) -> JsonPath | None:
        """The routing_model entry that connects two screens (source -> target first, else target -> source)."""
        for a, b in ((source, target), (target, source)):
            if a is None:
                continue
            for j, dest in self.routes.get(a, ()):
                if dest == b:
                    return ("routing_model", a, j)
        return None

    def build(self) -> ScreenGraph:
        model = self.model
        self.nodes = [self.screen_node(s) for s in model.screens]
        taken: set[tuple[str, str]] = set()  # (source id, target id) of navigate actions
        navigate_targets: set[str] = set()
        for screen in model.screens:
            source = self.nodes[screen.index]
            exchanges: list[Action] = []
            for action, component, label in _actions_in_order(screen):
                if action.name == "navigate":
                    target = action.next_screen
                    if target is None:
                        continue  # another kind of next (a plugin), or no name: nothing to draw
                    navigate_targets.add(target)
                    route = self.route_between(screen.id, target)
                    status = "not_in_routing_model" if self.dc and route is None else "ok"
                    self.add(source, self.node_named(target), "navigate", status=status, component=component,
                             label=label, actions=[action.path], route=route)
                    if screen.id is not None:
                        taken.add((screen.id, target))
                elif action.name == "complete":
                    self.add(source, self.end_node(), "complete", component=component, label=label,
                             actions=[action.path])
                elif action.name == "data_exchange":
                    exchanges.append(action)
            if exchanges and screen.id is not None:
                first = exchanges[0]
                component, label = _describe(first)
                for j, dest in self.routes.get(screen.id, ()):
                    self.add(source, self.node_named(dest), "data_exchange", component=component, label=label,
                             actions=[a.path for a in exchanges], route=("routing_model", screen.id, j))
        exchanging = {s.id for s in model.screens if s.id is not None and any(
            a.name == "data_exchange" for a in s.actions)}
        for key, dests in self.routes.items():
            for j, dest in dests:
                if key in exchanging or (key, dest) in taken:
                    continue
                self.add(self.node_named(key), self.node_named(dest), "route", status="unused",
                         route=("routing_model", key, j))
        entry = self.entry_screen(navigate_targets)
        if entry is not None:
            entry.entry = True
            self.mark_reachable(entry)
        nodes = self.nodes + list(self.unknown.values()) + ([self.end] if self.end else [])
        return ScreenGraph(nodes, self.edges, [], entry.id if entry else None, self.dc)

    def entry_screen(self, navigate_targets: set[str]) -> Node | None:
        routes = self.model.routing_edges()
        inbound = {d for dests in routes.values() for d in dests} | navigate_targets
        screens = [n for n in self.nodes if n.name is not None]
        for node in screens:
            if node.name not in inbound:
                return node
        return screens[0] if screens else (self.nodes[0] if self.nodes else None)

    def mark_reachable(self, entry: Node) -> None:
        following: dict[str, list[str]] = {}
        for edge in self.edges:
            if edge.kind in ("navigate", "data_exchange"):
                following.setdefault(edge.source, []).append(edge.target)
        seen = {entry.id}
        todo = [entry.id]
        while todo:
            for nxt in following.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        for node in self.nodes:
            node.reachable = node.id in seen


def _actions_in_order(screen: Screen) -> list[tuple[Action, str | None, str | None]]:
    """The screen's actions in document order, each with its component's type and text; NavigationList items'
    navigate actions too (the flow model leaves them out, as Meta's data model does, but they navigate)."""
    found: list[tuple[tuple[int, int], Action]] = [
        ((a.component.order, -1 if a.item_index is None else a.item_index), a) for a in screen.actions
    ]
    for comp in screen.of_type("NavigationList"):
        items = comp.node.get("list-items")
        if not isinstance(items, list):
            continue
        for j, item in enumerate(items):
            action = item.get("on-click-action") if isinstance(item, dict) else None
            if isinstance(action, dict) and action.get("name") in ("navigate", "complete", "data_exchange"):
                path = comp.path + ("list-items", j, "on-click-action")
                found.append(((comp.order, j), Action(action, path, screen.index, comp, "on-click-action", j)))
    found.sort(key=lambda pair: pair[0])
    return [(a, *_describe(a)) for _, a in found]


def _describe(action: Action) -> tuple[str | None, str | None]:
    """(component type, text) of an action: ``("Footer", "Continue")``, ``("Dropdown", "option haircut")``."""
    comp = action.component
    node = comp.node
    if action.item_index is not None:
        key = "list-items" if comp.type == "NavigationList" else "data-source"
        items = node.get(key)
        item = items[action.item_index] if isinstance(items, list) and action.item_index < len(items) else None
        text = None
        if isinstance(item, dict):
            main = item.get("main-content")
            for candidate in (main.get("title") if isinstance(main, dict) else None, item.get("title"),
                              item.get("id")):
                if isinstance(candidate, str):
                    text = candidate
                    break
        return comp.type, f"item {text}" if text is not None else f"item {action.item_index}"
    for key in ("label", "text", "name"):
        value = node.get(key)
        if isinstance(value, str):
            return comp.type, value
    return comp.type, None


# --- problems -------------------------------------------------------------------------------------------------


def _place_problems(graph: ScreenGraph, report: Report, model: FlowModel) -> None:
    by_action: dict[JsonPath, list[Edge]] = {}
    by_route: dict[JsonPath, list[Edge]] = {}
    for edge in graph.edges:
        for path in edge.actions:
            by_action.setdefault(path, []).append(edge)
        if edge.route is not None:
            by_route.setdefault(edge.route, []).append(edge)
    screens = {n.index: n for n in graph.nodes if n.kind == "screen"}
    named = {n.name: n for n in graph.nodes if n.kind == "unknown"}
    for screen in model.screens:
        if screen.id is not None and screen.id in model.by_id:
            named[screen.id] = screens[model.by_id[screen.id].index]
    for diag in report.diagnostics:
        for pointer in diag.pointers:
            path = pointer.path
            span = pointer.span
            problem = Problem(diag.rule, diag.severity, diag.message, format_path(path),
                              span.line_start if span else None, span.column_start if span else None)
            for holder in _holders(path, by_action, by_route, screens, named, graph):
                holder.problems.append(problem)
        if not diag.pointers:
            graph.problems.append(Problem(diag.rule, diag.severity, diag.message, "", None, None))


def _holders(
    path: JsonPath,
    by_action: dict[JsonPath, list[Edge]],
    by_route: dict[JsonPath, list[Edge]],
    screens: dict[int | None, Node],
    named: dict[str | None, Node],
    graph: ScreenGraph,
) -> list[Any]:
    if len(path) >= 2 and path[0] == "screens" and isinstance(path[1], int) and path[1] in screens:
        for k in range(len(path), 2, -1):
            edges = by_action.get(path[:k])
            if edges:
                return edges
        return [screens[path[1]]]
    if len(path) >= 2 and path[0] == "routing_model":
        edges = by_route.get(path[:3]) if len(path) >= 3 else None
        if edges:
            return edges
        node = named.get(path[1]) if isinstance(path[1], str) else None
        if node is not None:
            return [node]
    return [graph]
