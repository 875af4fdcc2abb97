"""Routing: the routing model (given, or generated from navigate actions) against the screens.

Meta's ``WAFlowJSONRoutingModel…Validator`` family, ``WAFlowJSONRoutesValidator…`` and
``WAFlowJSONNavigateNextScreenNameValidatorV500`` (``spec/meta-validator.md`` §2.1, §2.4; effective
version ranges from ``conformance/meta/README.md``). "DC" flows (a truthy ``routing_model``) are checked
against the routing model they declare; DC-less flows against the model Meta generates from navigate
actions (:mod:`flowlint.rules.model`). Every error here is ``INVALID_ROUTING_MODEL`` unless said otherwise.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import Pointer
from flowlint.rules.base import Finding, at, join_ids, key_at
from flowlint.rules.model import FlowModel, Screen
from flowlint.suggestions import close_matches

__all__ = ["RULES", "VALIDATORS"]

E = "INVALID_ROUTING_MODEL"
MAX_BRANCHES = 10  # WA_FLOW_JSON_ROUTING_MODEL_MAX_BRANCHES_NUMBER

RULES = [
    RuleInfo(
        "FL301", "screen-missing-from-routing-model", "Every non-terminal screen appears in the routing model.", E,
        "error", "5.1+",
        doc="What it does: with a `routing_model`, reports each screen that is neither terminal, nor a key, nor "
        "a destination of the routing model.\n\nWhy is this bad? Meta rejects the flow: the endpoint could "
        "never route to or from that screen.\n\nExample: screens DETAILS, EXTRAS, CONFIRM (terminal) with "
        '`"routing_model": {"DETAILS": ["CONFIRM"]}`.\n\nUse instead: list EXTRAS: '
        '`{"DETAILS": ["EXTRAS"], "EXTRAS": ["CONFIRM"]}`.',
    ),
    RuleInfo(
        "FL302", "too-many-routing-branches", "A screen routes to at most 10 screens.", E, "error", "5.1+",
        doc="What it does: reports a screen with more than 10 destinations in the routing model (or, without "
        "a routing model, more than 10 distinct navigate targets).\n\nWhy is this bad? Meta rejects it "
        "(WA_FLOW_JSON_ROUTING_MODEL_MAX_BRANCHES_NUMBER = 10).\n\nExample: `\"MENU\": [\"A\", …, \"K\"]` "
        "(11 screens).\n\nUse instead: split the menu over two screens.",
    ),
    RuleInfo(
        "FL303", "routing-self-loop", "A screen does not route to itself.", E, "error", "5.1+",
        doc="What it does: reports a routing-model key listing itself as a destination.\n\nWhy is this bad? "
        "Meta rejects loops in the routing model.\n\nExample: `\"SLOTS\": [\"SLOTS\", \"CONFIRM\"]`.\n\n"
        "Use instead: `\"SLOTS\": [\"CONFIRM\"]` (refresh a screen with `update_data` or a data_exchange "
        "response instead).",
    ),
    RuleInfo(
        "FL304", "routing-unknown-screen", "Routing-model keys and destinations are screen ids.", E, "error",
        "5.1+",
        doc="What it does: reports routing-model keys and destinations that name no screen.\n\nWhy is this "
        "bad? Meta rejects the flow.\n\nExample: `\"DETAILS\": [\"PAYMENT\"]` with no PAYMENT screen.\n\n"
        "Use instead: the id of an existing screen.",
    ),
    RuleInfo(
        "FL305", "routing-back-route", "The routing model has only forward routes.", E, "error", "5.1+",
        doc="What it does: reports a route B->A when A->B is also declared.\n\nWhy is this bad? Meta "
        "rejects backward routes: going back is the client's back button, not a route.\n\nExample: "
        '`{"SLOTS": ["EXTRAS"], "EXTRAS": ["SLOTS"]}`.\n\nUse instead: `{"SLOTS": ["EXTRAS"], "EXTRAS": []}`.',
    ),
    RuleInfo(
        "FL306", "no-entry-screen", "Some screen has no inbound route (the entry screen).", E, "error",
        "5.1-6.2, 7.3+",
        doc="What it does: reports a flow where every screen is the destination of a route (or of a navigate "
        "action), so there is no entry screen. Meta runs this check in 5.1-6.2 and from 7.3; from 6.2 it "
        "skips flows without routing model that contain a NavigationList; from 7.3 navigate targets count as "
        "inbound edges in routing-model flows too.\n\nWhy is this bad? Meta rejects the flow.\n\nExample: "
        '`{"A": ["B"], "B": ["A"]}`.\n\nUse instead: a first screen nothing routes to.',
    ),
    RuleInfo(
        "FL307", "unconnected-screen", "Every screen is connected to the first screen.", E, "error", "5.1+",
        doc="What it does: walks the routes (either direction) from the first screen of `screens` and reports "
        "the screens it cannot reach; without routing model, also screens that take no part in any "
        "navigation.\n\nWhy is this bad? Meta rejects the flow: such a screen can never be shown.\n\n"
        "Example: a terminal screen CANCELLED that no navigate action names.\n\nUse instead: navigate to it "
        "from some screen, or delete it.",
    ),
    RuleInfo(
        "FL308", "missing-direct-route", "A navigate action follows a route of the routing model.", E, "error",
        "5.1-6.2, 7.3+",
        doc="What it does: with a `routing_model`, reports a navigate action from A to B when the routing model "
        "has no route between A and B. Meta runs it in 5.1-6.2 and from 7.3; from 6.2 screens with a "
        "NavigationList are skipped.\n\nWhy is this bad? Meta rejects the flow.\n\nExample: DETAILS navigates "
        'to CONFIRM but `"routing_model": {"DETAILS": ["EXTRAS"], "EXTRAS": ["CONFIRM"]}`.\n\nUse instead: '
        'add the route: `"DETAILS": ["EXTRAS", "CONFIRM"]`.',
    ),
    RuleInfo(
        "FL309", "shopping-route-not-allowed", "Shopping layouts route only to the next shopping step.", E,
        "error", "5.2",
        doc="What it does: in 5.2 (commerce) flows, a CategoryList screen may route only to ItemList or Cart, "
        "an ItemList screen to ItemDetail or Cart, an ItemDetail screen to Cart.\n\nWhy is this bad? Meta "
        "rejects other routes from those layouts.\n\nExample: an ItemListLayout screen routing to a "
        "SingleColumnLayout screen.\n\nUse instead: route it to an ItemDetailLayout or CartLayout screen.",
    ),
    RuleInfo(
        "FL310", "navigate-to-unknown-screen", "A navigate action names an existing screen.",
        "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME", "error", "5.1+",
        doc="What it does: reports a navigate action whose `next.name` is no screen id.\n\nWhy is this bad? "
        "Meta rejects the flow.\n\nExample: `\"next\": {\"type\": \"screen\", \"name\": \"PAYMENT\"}` with no "
        "PAYMENT screen.\n\nUse instead: the id of an existing screen (the fix hint suggests the closest one).",
    ),
    RuleInfo(
        "FL311", "navigate-to-same-screen", "A navigate action does not target its own screen.",
        "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME", "error", "5.1+",
        doc="What it does: reports a navigate action whose `next.name` is the screen it is on.\n\nWhy is this "
        "bad? Meta rejects same-screen navigation.\n\nExample: on CONFIRM, `\"next\": {\"type\": \"screen\", "
        '"name": "CONFIRM"}`.\n\nUse instead: `update_data` to change the screen in place.',
    ),
]


def _screen_ids(model: FlowModel) -> list[str]:
    return [s.id for s in model.screens if s.id is not None]


def _given_routes(model: FlowModel) -> dict[str, list[object]]:
    given = model.routing_model
    if not isinstance(given, dict):
        return {}
    return {k: (v if isinstance(v, list) else []) for k, v in given.items()}


def _index_of(model: FlowModel, screen_id: str) -> Screen | None:
    return model.by_id.get(screen_id)


# --- RoutingModelSourceV500 ----------------------------------------------------------------------------
def routing_model_source(model: FlowModel) -> Iterable[Finding]:
    if not model.has_routing_model:
        return
    routes = _given_routes(model)
    covered = set(routes)
    for dests in routes.values():
        covered.update(d for d in dests if isinstance(d, str))
    missing = [s for s in model.screens if s.id is not None and not s.terminal and s.id not in covered]
    if missing:
        message = f"Following screens are missing in the routing model: [{join_ids([s.id for s in missing])}]."
        yield Finding("FL301", E, message, at(*(s.path + ("id",) for s in missing)))


# --- RoutingModelDestinationV500 -----------------------------------------------------------------------
def routing_model_destination(model: FlowModel) -> Iterable[Finding]:
    if not model.has_routing_model:
        yield from _dcless_branches(model)
        return
    routes = _given_routes(model)
    ids = set(_screen_ids(model))
    too_many = [k for k, v in routes.items() if len(v) > MAX_BRANCHES]
    if too_many:
        message = f"Number of branches exceeds the max limit of {MAX_BRANCHES} for screens: [{join_ids(too_many)}]."
        yield Finding("FL302", E, message, key_at(*(("routing_model", k) for k in too_many)))
    loops = [k for k, v in routes.items() if k in v]
    if loops:
        message = f"Loop detected in the routing model for screens: [{join_ids(loops)}]."
        yield Finding("FL303", E, message, key_at(*(("routing_model", k) for k in loops)))
    invalid: list[str] = []
    pointers: list[Pointer] = []
    for key, dests in routes.items():
        if key not in ids:
            if key not in invalid:
                invalid.append(key)
            pointers.extend(key_at(("routing_model", key)))
        for j, dest in enumerate(dests):
            if isinstance(dest, str) and dest not in ids:
                if dest not in invalid:
                    invalid.append(dest)
                pointers.extend(at(("routing_model", key, j)))
    if invalid:
        message = f"Invalid screens found in the routing model: [{join_ids(invalid)}]."
        yield Finding("FL304", E, message, tuple(pointers), fix=_suggest_many(invalid, ids))


def _dcless_branches(model: FlowModel) -> Iterable[Finding]:
    too_many = [sid for sid, dests in model.generated_routes.items() if len(dests) > MAX_BRANCHES]
    if too_many:
        message = (
            f"Number of branches exceeds the max limit of {MAX_BRANCHES} for screens: [{join_ids(too_many, ',')}]. "
            "Reduce navigate actions for the screen."
        )
        paths = [model.by_id[sid].path for sid in too_many if sid in model.by_id]
        yield Finding("FL302", E, message, at(*paths))


# --- RoutingModelBackRouteV500 -------------------------------------------------------------------------
def routing_model_back_route(model: FlowModel) -> Iterable[Finding]:
    if not model.has_routing_model:
        return
    routes = _given_routes(model)
    seen: set[str] = set()  # Meta skips a pair once both of its screens took part in a reported pair
    for a, dests in routes.items():
        for b in dests:
            if not isinstance(b, str) or b not in routes or (a in seen and b in seen) or a == b:
                continue
            back = routes[b]
            if a not in back:
                continue
            message = (
                f"Backward route [{b}->{a}] corresponding to forward route [{a}->{b}] is not allowed in the "
                "routing model. Only forward routes can be specified."
            )
            yield Finding("FL305", E, message, at(("routing_model", b, back.index(a))))
            seen.update((a, b))


# --- RoutingModelEntryScreenV500 / V602 / V703 ---------------------------------------------------------
_NO_ENTRY_DC = "No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen."
_NO_ENTRY_DCLESS = (
    "No entry screen found in the routing model. Add a screen that is not used as the next screen in any of "
    "the navigate actions."
)


def _entry_screen(model: FlowModel, *, skip_navigation_list: bool, navigate_targets_count: bool) -> Iterable[Finding]:
    ids = model.screen_ids
    if not ids:
        return  # no screens at all: the schema pass says so
    if model.has_routing_model:
        inbound = {d for v in _given_routes(model).values() for d in v if isinstance(d, str)}
        if navigate_targets_count:
            # getDestinationFromNavigateActions: every navigate action's string next.name, whatever next.type.
            inbound.update(a.next_name for a in model.actions if a.name == "navigate" and isinstance(a.next_name, str))
        if all(i in inbound for i in ids):
            yield Finding("FL306", E, _NO_ENTRY_DC, at(("routing_model",)))
        return
    if skip_navigation_list and any(s.of_type("NavigationList") for s in model.by_id.values()):
        return
    inbound = {d for v in model.generated_routes.values() for d in v}
    if all(i in inbound for i in ids):
        yield Finding("FL306", E, _NO_ENTRY_DCLESS, at(("screens",)))


def routing_model_entry_screen_v500(model: FlowModel) -> Iterable[Finding]:
    return _entry_screen(model, skip_navigation_list=False, navigate_targets_count=False)


def routing_model_entry_screen_v602(model: FlowModel) -> Iterable[Finding]:
    return _entry_screen(model, skip_navigation_list=True, navigate_targets_count=False)


def routing_model_entry_screen_v703(model: FlowModel) -> Iterable[Finding]:
    return _entry_screen(model, skip_navigation_list=True, navigate_targets_count=True)


# --- RoutingModelPathV500 ------------------------------------------------------------------------------
def _adjacency(model: FlowModel) -> dict[str, set[str]]:
    """Meta's ``incomingScreensMap``: the routing model (or, without one, the generated model), undirected."""
    if model.routing_model is not None:
        routes: dict[str, list[Any]] = _given_routes(model)
    else:
        routes = model.generated_routes
    graph: dict[str, set[str]] = {}
    for a, dests in routes.items():
        for b in dests:
            if isinstance(b, str):
                graph.setdefault(a, set()).add(b)
                graph.setdefault(b, set()).add(a)
    return graph


def routing_model_path(model: FlowModel) -> Iterable[Finding]:
    ids = model.screen_ids
    if not ids:
        return
    dc = model.has_routing_model
    if not dc and len(ids) < 2:
        return
    graph = _adjacency(model)
    seen = {ids[0]}
    queue = deque([ids[0]])
    while queue:
        for nxt in graph.get(queue.popleft(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    bad = [i for i in ids if i not in seen]
    if not dc:
        mentioned = set(model.generated_routes) | {d for v in model.generated_routes.values() for d in v}
        bad += [i for i in ids if i not in mentioned and i not in bad]
    if not bad:
        return
    if dc:
        message = (
            f"Following screens are not connected with the rest of the screens: [{join_ids(bad)}]. All screens "
            "should be connected."
        )
    else:
        message = (
            f"Following screens are not connected with the rest of the screens via navigate screen action: "
            f"[{join_ids(bad)}]. All screens should be connected."
        )
    yield Finding("FL307", E, message, at(*(model.by_id[i].path + ("id",) for i in bad)))


# --- RoutesV500 / V602 ---------------------------------------------------------------------------------
def _routes(model: FlowModel, *, skip_navigation_list: bool) -> Iterable[Finding]:
    if not model.has_routing_model:
        return
    graph = _adjacency(model)
    for source, dests in model.generated_routes.items():
        screen = model.by_id.get(source)
        if screen is None or (skip_navigation_list and screen.of_type("NavigationList")):
            continue
        for target in dests:
            if target in graph.get(source, ()):
                continue
            dest = model.by_id.get(target)
            message = (
                f"Missing direct route from screen '{source}' to screen '{target}' in the routing model, "
                f"while it exists in the navigate screen action of screen '{source}'."
            )
            # An unknown target (a typo, a ${data...} binding) has no screen to point at: Meta's pointer for it
            # finds nothing in the document and is left out, the source screen's stays.
            places = (screen.path + ("id",),) if dest is None else (screen.path + ("id",), dest.path + ("id",))
            yield Finding("FL308", E, message, at(*places))


def routes_v500(model: FlowModel) -> Iterable[Finding]:
    return _routes(model, skip_navigation_list=False)


def routes_v602(model: FlowModel) -> Iterable[Finding]:
    return _routes(model, skip_navigation_list=True)


# --- RoutingModelShoppingScreensPathV502 ---------------------------------------------------------------
_SHOPPING_NEXT = {
    "CategoryListLayout": ("ItemListLayout", "CartLayout"),
    "ItemListLayout": ("ItemDetailLayout", "CartLayout"),
    "ItemDetailLayout": ("CartLayout",),
}


def routing_model_shopping_screens_path(model: FlowModel) -> Iterable[Finding]:
    for src, dests in _given_routes(model).items():
        source = model.by_id.get(src)
        allowed = _SHOPPING_NEXT.get(source.layout_type or "") if source else None
        if source is None or not allowed:
            continue
        for j, dst in enumerate(dests):
            target = model.by_id.get(dst) if isinstance(dst, str) else None
            if target is None or target.layout_type is None or target.layout_type in allowed:
                continue
            message = (
                f"Routing Model is invalid as a route between '{source.layout_type}' and "
                f"'{target.layout_type}' layout is not allowed."
            )
            yield Finding("FL309", E, message, at(("routing_model", src, j)) + key_at(("routing_model", src)))


# --- NavigateNextScreenNameV500 ------------------------------------------------------------------------
_LOCAL_BINDING = re.compile(r"^\$\{(data|form)\..+\}$", re.DOTALL)


def navigate_next_screen_name(model: FlowModel) -> Iterable[Finding]:
    ids = set(model.screen_ids)
    unknown: list[str] = []
    unknown_at: list[tuple] = []
    loops: list[str] = []
    loops_at: list[tuple] = []
    for action in model.screen_navigations:
        target = action.next_name
        if not isinstance(target, str) or _LOCAL_BINDING.match(target):
            continue
        path = action.path + ("next", "name")
        if target not in ids:
            if target not in unknown:
                unknown.append(target)
            unknown_at.append(path)
        if target == model.screen_of(action).id:
            if target not in loops:
                loops.append(target)
            loops_at.append(path)
    if unknown:
        yield Finding(
            "FL310",
            "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
            f"Unknown screen ids found: [{join_ids(unknown)}].",
            at(*unknown_at),
            fix=_suggest_many(unknown, ids),
        )
    if loops:
        yield Finding(
            "FL311",
            "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
            f"Same screen navigation is not allowed. Loop detected at [{join_ids(loops)}].",
            at(*loops_at),
        )


def _suggest(name: str, ids: Iterable[str]) -> str | None:
    close = close_matches(name, sorted(ids), n=1, cutoff=0.6)
    return f"did you mean screen '{close[0]}'?" if close else None


def _suggest_many(names: list[str], ids: set[str]) -> str | None:
    hints = [h for n in names if (h := _suggest(n, ids))]
    return "; ".join(hints) if hints else None


VALIDATORS = {
    "RoutingModelSourceV500": routing_model_source,
    "RoutingModelDestinationV500": routing_model_destination,
    "RoutingModelBackRouteV500": routing_model_back_route,
    "RoutingModelEntryScreenV500": routing_model_entry_screen_v500,
    "RoutingModelEntryScreenV602": routing_model_entry_screen_v602,
    "RoutingModelEntryScreenV703": routing_model_entry_screen_v703,
    "RoutingModelPathV500": routing_model_path,
    "RoutesV500": routes_v500,
    "RoutesV602": routes_v602,
    "RoutingModelShoppingScreensPathV502": routing_model_shopping_screens_path,
    "NavigateNextScreenNameV500": navigate_next_screen_name,
}
