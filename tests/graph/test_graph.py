"""The screen graph (``flowlint.screen_graph``) and its drawings, against golden files and the flow's facts.

Goldens: ``golden/<name>.mmd|.dot|.json`` for every fixture and example; regenerate with
``FLOWLINT_UPDATE_GOLDEN=1 python -m pytest tests/graph`` and read the diff.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flowlint
from flowlint.screen_graph import EDGE_KINDS, EDGE_STATUSES, NODE_KINDS, GraphError, ScreenGraph, build_graph
from flowlint.screen_graph_render import RENDERERS, dot_text, mermaid_text, to_dot, to_json, to_mermaid

from tests.golden import check_golden

from .syntax_checks import check_dot, check_mermaid, mermaid_unescape

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
EXTENSIONS = {"mermaid": ".mmd", "dot": ".dot", "json": ".json"}

#: (golden name, path relative to the repository): the examples, then one fixture per graph problem.
SOURCES = [(f"example-{p.stem}", p.relative_to(REPO).as_posix()) for p in sorted((REPO / "examples").glob("*.json"))]
SOURCES += [(p.stem, p.relative_to(REPO).as_posix()) for p in sorted(FIXTURES.glob("*.json"))]

sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def graph_of(relative: str) -> ScreenGraph:
    """The graph of a file, named by its path from the repository root (as the goldens show it)."""
    return build_graph(flowlint.lint_file(REPO / relative), filename=relative)


def fixture(name: str) -> ScreenGraph:
    return graph_of(f"tests/graph/fixtures/{name}.json")


def _golden(name: str, text: str) -> None:
    check_golden(GOLDEN / name, text)


def _edges(graph: ScreenGraph) -> list[tuple[str | None, str | None, str, str]]:
    """(source name, target name, kind, status) of every edge, names as in the flow (``None``: the end)."""
    names = {n.id: n.name for n in graph.nodes}
    return [(names[e.source], names[e.target], e.kind, e.status) for e in graph.edges]


def _codes(holder: object) -> list[str]:
    return sorted({p.rule for p in holder.problems})  # type: ignore[attr-defined]


def _node(graph: ScreenGraph, name: str):  # noqa: ANN202
    return next(n for n in graph.nodes if n.name == name)


# --- goldens and syntax ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize(("name", "relative"), SOURCES, ids=[name for name, _ in SOURCES])
def test_drawing_matches_its_golden_file(name: str, relative: str, fmt: str) -> None:
    text = RENDERERS[fmt](graph_of(relative))
    _golden(name + EXTENSIONS[fmt], text)


@pytest.mark.parametrize(("name", "relative"), SOURCES, ids=[name for name, _ in SOURCES])
def test_every_drawing_is_well_formed_and_draws_the_same_graph(name: str, relative: str) -> None:
    graph = graph_of(relative)
    mermaid = check_mermaid(to_mermaid(graph))
    dot = check_dot(to_dot(graph))
    data = json.loads(to_json(graph))
    ids = {n.id for n in graph.nodes}
    assert ids <= set(mermaid.nodes) and ids <= set(dot.nodes)
    pairs = [(e.source, e.target) for e in graph.edges]
    assert [(a, b) for a, _, b, _ in mermaid.edges] == pairs
    assert [(a, b) for a, b, _ in dot.edges] == pairs
    assert [(e["source"], e["target"]) for e in data["edges"]] == pairs
    assert {n["kind"] for n in data["nodes"]} <= set(NODE_KINDS)
    assert {e["kind"] for e in data["edges"]} <= set(EDGE_KINDS)
    assert {e["status"] for e in data["edges"]} <= set(EDGE_STATUSES)
    assert data["entry"] in ids


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not on the PATH")
@pytest.mark.parametrize(("name", "relative"), SOURCES, ids=[name for name, _ in SOURCES])
def test_graphviz_reads_every_dot_drawing(name: str, relative: str) -> None:
    done = subprocess.run(["dot", "-Tsvg"], input=to_dot(graph_of(relative)).encode(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert b"<svg" in done.stdout


def test_without_legend_there_is_no_legend() -> None:
    graph = graph_of("examples/appointment-booking.json")
    assert "egend" not in to_mermaid(graph, legend=False)
    assert "egend" not in to_dot(graph, legend=False)
    assert "legend_marks" in check_mermaid(to_mermaid(graph)).nodes


# --- what the graph says ---------------------------------------------------------------------------------------


def test_the_example_is_a_chain_from_its_entry_to_the_end() -> None:
    graph = graph_of("examples/appointment-booking.json")
    assert _edges(graph) == [
        ("DETAILS", "SLOT", "navigate", "ok"),
        ("SLOT", "CONFIRM", "navigate", "ok"),
        ("CONFIRM", None, "complete", "ok"),
    ]
    details, slot, confirm = graph.screens
    assert details.entry and not slot.entry and graph.entry == details.id
    assert confirm.terminal and confirm.success and not details.terminal
    assert slot.has_data and not details.has_data
    assert all(n.reachable for n in graph.screens)
    assert not list(graph.all_problems())
    assert graph.edges[0].component == "Footer" and graph.edges[0].label == "Continue"
    assert graph.edges[0].actions == [("screens", 0, "layout", "children", 1, "children", 2, "on-click-action")]


def test_a_navigate_action_the_routing_model_lacks_is_marked() -> None:
    graph = fixture("route-missing")
    assert _edges(graph) == [
        ("START", "CONFIRM", "navigate", "not_in_routing_model"),
        ("START", "SLOTS", "navigate", "ok"),
        ("SLOTS", "CONFIRM", "data_exchange", "ok"),
        ("HELP", None, "complete", "ok"),
        ("CONFIRM", None, "complete", "ok"),
        ("START", "HELP", "route", "unused"),
    ]
    assert graph.edges[1].route == ("routing_model", "START", 0)
    assert graph.edges[2].route == ("routing_model", "SLOTS", 0)
    # FL308 points at both screens' ids: on both nodes.
    assert _codes(_node(graph, "START")) == ["FL308"] and _codes(_node(graph, "CONFIRM")) == ["FL308"]
    assert not _node(graph, "HELP").reachable  # only an unused route leads there
    mermaid = to_mermaid(graph)
    assert 's0 --x|"EmbeddedLink: Skip to confirm · ✕ not in routing_model"| s3' in mermaid
    assert 's0 -.->|"route, no action"| s2' in mermaid


def test_an_unreachable_screen_is_marked() -> None:
    graph = fixture("unreachable")
    cancelled = _node(graph, "CANCELLED")
    assert not cancelled.reachable and cancelled.terminal and not cancelled.success
    assert _codes(cancelled) == ["FL307"]
    assert [n.name for n in graph.unreachable] == ["CANCELLED"]
    assert "⊘ unreachable" in check_mermaid(to_mermaid(graph)).nodes[cancelled.id]
    assert check_dot(to_dot(graph)).nodes[cancelled.id]["style"] == "rounded,dashed,filled"


def test_loops_are_drawn_with_their_problems() -> None:
    graph = fixture("loop")
    assert ("MENU", "MENU", "data_exchange", "ok") in _edges(graph)
    assert ("DETAILS", "DETAILS", "navigate", "not_in_routing_model") in _edges(graph)
    menu, details, _done = graph.screens
    assert _codes(menu) == ["FL303"]  # the routing model's key MENU lists itself
    self_link, back = (e for e in graph.edges if e.source == details.id and e.kind == "navigate")
    assert _codes(self_link) == ["FL311"]
    assert _codes(back) == ["FL305"]  # the navigate action follows the backward route DETAILS -> MENU
    assert back.route == ("routing_model", "DETAILS", 0)
    assert [p.rule for p in graph.problems] == ["FL306"]  # no entry screen: a problem of the whole flow
    assert menu.entry  # then the first screen is the entry, as FL307 walks from it


def test_no_terminal_screen_is_a_problem_of_the_flow() -> None:
    graph = fixture("no-terminal")
    assert not any(n.terminal for n in graph.screens)
    assert [p.rule for p in graph.problems] == ["FL403"]
    assert _codes(graph.edges[-1]) == ["FL509"]  # complete on a screen that is not terminal
    mermaid = check_mermaid(to_mermaid(graph))
    assert mermaid.nodes["flow_problems"] == "flow<br/>✖ FL403"


def test_a_navigate_to_an_unknown_screen_goes_to_an_unknown_node() -> None:
    graph = fixture("unknown-screen")
    unknown = _node(graph, "PAYMNT")
    assert unknown.kind == "unknown" and unknown.reachable is None
    (navigate,) = [e for e in graph.edges if e.kind == "navigate"]
    assert navigate.target == unknown.id
    assert _codes(navigate) == ["FL310"]  # the diagnostic's path is inside the action
    assert _codes(_node(graph, "PAYMENT")) == ["FL307"]


def test_navigation_list_items_navigate() -> None:
    graph = fixture("navigation-list")
    assert _edges(graph)[:2] == [("MENU", "TEA", "navigate", "ok"), ("MENU", "COFFEE", "navigate", "ok")]
    assert [e.label for e in graph.edges[:2]] == ["item Tea", "item Coffee"]
    assert graph.edges[0].actions == [("screens", 0, "layout", "children", 0, "list-items", 0, "on-click-action")]


def test_text_from_the_flow_cannot_break_a_drawing() -> None:
    graph = fixture("escaping")
    first = graph.screens[0]
    assert first.name == 'A"B[1]' and first.title is not None and "\n" in first.title
    mermaid = check_mermaid(to_mermaid(graph))
    shown = mermaid_unescape(mermaid.nodes[first.id]).split("\n")
    assert shown[:3] == ['A"B[1]', *first.title.split("\n")]
    assert 'Go -->|"x"| end' in mermaid_unescape(mermaid.edges[0][3] or "")
    dot = check_dot(to_dot(graph))
    assert dot.nodes[first.id]["label"].startswith('A"B[1]\\nSay "hi" <b>#1</b> | {x} `y` 100% & back\\slash\\n')
    assert _codes(first) == ["FL206"]  # the id breaks the schema's pattern: drawn all the same


@pytest.mark.parametrize(
    ("text", "mermaid", "dot"),
    [
        ('say "hi"', "say #quot;hi#quot;", 'say \\"hi\\"'),
        ("a\nb\r\nc\rd", "a<br/>b<br/>c<br/>d", "a\\nb\\nc\\nd"),
        ("#1 <x> & `y` | 5%", "#35;1 #lt;x#gt; #amp; #96;y#96; #124; 5#37;", "#1 <x> & `y` | 5%"),
        ("back\\slash\\n", "back\\slash\\n", "back\\\\slash\\\\n"),
        ("tab\there", "tab here", "tab here"),
    ],
)
def test_escaping(text: str, mermaid: str, dot: str) -> None:
    assert mermaid_text(text) == mermaid
    assert dot_text(text) == dot


# --- what cannot be drawn ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"version": "7.3", "screens": [}', "syntax"),
        (b"\xff\xfe not utf-8", "syntax"),
        ("[1, 2]", "not-object"),
        ('{"version": "7.3", "screens": []}', "no-screens"),
        ('{"version": "7.3"}', "no-screens"),
        ('{"version": "7.3", "screens": {"A": 1}}', "no-screens"),
    ],
)
def test_a_flow_that_cannot_be_drawn_raises_graph_error(text: str | bytes, reason: str) -> None:
    with pytest.raises(GraphError) as caught:
        build_graph(text)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)


def test_a_report_a_text_and_a_dict_give_the_same_graph() -> None:
    text = (REPO / "examples" / "appointment-booking.json").read_text(encoding="utf-8")
    from_text = build_graph(text).to_dict()
    from_report = build_graph(flowlint.lint(text)).to_dict()
    assert from_text == from_report
    assert build_graph(json.loads(text)).to_dict()["edges"] == from_text["edges"]


def test_screens_that_are_not_objects_are_still_nodes() -> None:
    graph = build_graph('{"version": "7.3", "screens": [42, {"id": "A", "terminal": true, "layout": {}}]}')
    assert [n.name for n in graph.screens] == [None, "A"]
    assert "(screens[0] has no id)" in to_mermaid(graph)
    check_mermaid(to_mermaid(graph))
    check_dot(to_dot(graph))


def test_a_500_screen_flow_is_drawn() -> None:
    """Only that it completes and is right: the time (under a second) is bench/run.py's to measure."""
    text = generate.dump(generate.many_screens_flow(500))
    graph = build_graph(text)
    assert len(graph.screens) == 500 and not graph.unreachable
    assert graph.screens[0].entry and graph.screens[-1].terminal
    assert _codes(graph.screens[100]) == ["FL801"]  # Meta's limit is 100 screens: the 101st is marked
    mermaid = check_mermaid(to_mermaid(graph))
    assert len(mermaid.edges) == len(graph.edges) > 500
    check_dot(to_dot(graph))
    json.loads(to_json(graph))


# --- docs/graph.md stays true -------------------------------------------------------------------------------------


def _doc_blocks(language: str) -> list[str]:
    text = (REPO / "docs" / "graph.md").read_text(encoding="utf-8")
    return [block.split("\n", 1)[1] for block in text.split("```")[1::2] if block.startswith(language + "\n")]


def test_the_json_schema_in_the_docs_holds_for_every_drawing() -> None:
    import jsonschema

    (schema_text,) = [b for b in _doc_blocks("json") if '"$schema"' in b]
    schema = json.loads(schema_text)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for _name, relative in SOURCES:
        validator.validate(json.loads(to_json(graph_of(relative))))
    validator.validate(json.loads(to_json(build_graph(generate.dump(generate.many_screens_flow(30))))))


def test_the_pictures_in_the_docs_are_real_output() -> None:
    example, with_problems = _doc_blocks("mermaid")
    assert example == to_mermaid(graph_of("examples/appointment-booking.json"))
    assert with_problems == to_mermaid(fixture("route-missing"), legend=False)
