"""The flow model: everything the semantic validators read, computed once per document.

Meta's validator builds the same indexes before its chain runs (``WAFlowJSONData.initData``,
``spec/meta-validator.md`` §0 step 4 and §2): screens by id, the flattened components of every screen,
the actions, and a routing model generated from navigate actions. Validators read this model and never
re-walk the document.

The model tolerates any value anywhere (a rule may run on a document with schema errors): a node of the
wrong type is skipped, never raised on.

Facts restated here:
- Flattening (``WAFlowJSONSchemaUtils.getFlattenComponentsFromChildrenArray``): over ``layout.children``,
  walking into Form ``children``, If ``then`` then ``else``, and every Switch case in key order; children
  are listed before their container. Conformance cases ``limit-components-*`` settle that If/Switch nodes
  are counted as components and Form nodes are not.
- Actions (``WAFlowJSONData``): ``on-click-action``, ``on-select-action``, ``on-unselect-action`` of every
  flattened component, then ``on-select-action``/``on-unselect-action`` of each ``data-source`` item of
  CheckboxGroup, Dropdown, RadioButtonsGroup, ChipsSelector. Only complete, navigate, data_exchange and
  update_data are collected (not open_url). NavigationList item actions are invisible (case
  ``component-navigation-list-item-self-navigation-accepted``).
- Generated routing model (DC-less flows): an edge A->B for every navigate action on A whose ``next.type`` is
  ``"screen"`` and ``next.name`` a string; a screen with a complete action gets an (empty) entry; a screen
  containing a NavigationList gets edges to every other screen (case ``routing-dcless-navigation-list-branches``).
"""

from __future__ import annotations

import re
from typing import Any, Iterator, NamedTuple, Sequence

from flowlint.components import COMPONENTS, form_value_kinds
from flowlint.diagnostics import JsonPath
from flowlint.lazyre import LazyPattern
from flowlint.versions import FlowVersion

__all__ = [
    "FlowModel",
    "Screen",
    "Component",
    "Action",
    "Binding",
    "parse_binding",
    "build_model",
    "children_slots",
    "form_value_schema",
    "FORM_PROPERTY_TYPES",
    "MEDIA_SCHEMA",
    "resolve_schema",
    "MEDIA_PICKERS",
    "INPUT_TYPES",
    "SHOPPING_LAYOUTS",
]

#: Actions Meta's data model collects (``open_url`` is not one of them).
COLLECTED_ACTIONS = frozenset({"complete", "navigate", "data_exchange", "update_data"})
ACTION_KEYS = ("on-click-action", "on-select-action", "on-unselect-action")
ITEM_ACTION_KEYS = ("on-select-action", "on-unselect-action")
# The component facts come from the component table (flowlint.components).
#: Components whose options (``data-source`` items) carry actions Meta's data model collects.
DATA_SOURCE_TYPES = frozenset(t for t, spec in COMPONENTS.items() if spec.items_actions)
#: Components whose value is Meta's NATIVE_COMPONENTS_SCHEMA (media objects).
MEDIA_PICKERS = frozenset(t for t, spec in COMPONENTS.items() if spec.value == "media")
#: Components that take user input (``OptionalFormValidatorV500``'s list, §2.3).
INPUT_TYPES = tuple(t for t, spec in COMPONENTS.items() if spec.meta_input)
SHOPPING_LAYOUTS = frozenset({"ItemDetailLayout", "CartLayout", "CategoryListLayout", "ItemListLayout"})

_MEDIA_ITEM = {
    "type": "object",
    "properties": {
        "media_id": {"type": "string"},
        "cdn_url": {"type": "string"},
        "encryption_metadata": {
            "type": "object",
            "properties": {
                k: {"type": "string"} for k in ("hmac", "iv", "encryption_key", "hmac_key", "plaintext_hash")
            },
        },
    },
}
#: ``WAFlowJSONConstants.NATIVE_COMPONENTS_SCHEMA``: what a PhotoPicker/DocumentPicker field holds.
MEDIA_SCHEMA: dict[str, Any] = {"type": "array", "items": _MEDIA_ITEM}
#: Components whose value Meta types for ``${form.x}`` in screen properties (``WAFlowJSONMapScreenProperties``;
#: media pickers are typed for payloads but are not form properties).
FORM_PROPERTY_TYPES = frozenset(t for t, kind in form_value_kinds().items() if kind != "media")


def form_value_schema(node: dict[str, Any], *, items: bool = True) -> dict[str, Any] | None:
    """The schema of a component's value, ``${form.<name>}`` (``WAFlowJSONParseUtils.getComponentValueSchema``):
    None for a component that holds no value. A media picker's value is Meta's NATIVE_COMPONENTS_SCHEMA; the
    chosen options of CheckboxGroup and ChipsSelector are an array of ids, whose ``items`` the dynamic-data
    checks of Meta's validator do not see (``items=False``: the type alone)."""
    kind = node.get("type")
    if isinstance(kind, str) and kind in MEDIA_PICKERS:
        return MEDIA_SCHEMA
    value_kind = form_value_kind(node)
    if value_kind == "array" and items:  # CheckboxGroup, ChipsSelector: the ids of the chosen options
        return {"type": "array", "items": {"type": "string"}}
    return {"type": value_kind} if value_kind is not None else None


#: Component type -> the type of its value (``media``: an array), unless a property decides it.
_VALUE_KINDS = {t: ("array" if kind == "media" else kind) for t, kind in form_value_kinds().items()}
#: Component type -> (property, values, type): the value has that type when the property has one of those
#: values (TextInput of input-type number or passcode: a number; CalendarPicker in range mode: an object).
_VALUE_WHEN = {t: spec.value_when for t, spec in COMPONENTS.items() if spec.value_when is not None}


def form_value_kind(node: dict[str, Any]) -> str | None:
    """The ``type`` of :func:`form_value_schema` (``array`` for a media picker), without building the schema."""
    kind = node.get("type")
    if not isinstance(kind, str):  # a list or object `type` (schema-invalid) names no component
        return None
    found = _VALUE_KINDS.get(kind)
    decided = _VALUE_WHEN.get(kind) if found is not None else None
    if decided is None:
        return found
    key, values, when = decided
    return when if node.get(key) in values else found


# The "all bindings" test of Meta's runtime checks (§3.6): whole-string `${data.…}`, `${form.…}`,
# `${screen.S.data.…}`, `${screen.S.form.…}`.
_BINDING = LazyPattern(r"^\$\{(?:screen\.([a-zA-Z,_]*)\.)?(data|form)\.(.*)\}$", re.DOTALL)


class Binding(NamedTuple):
    """A whole-string dynamic binding: ``${data.a.b}`` -> kind "data", path ("a", "b"), screen None.

    A named tuple (immutable, hashable): one is made for every binding of every payload, several times per run,
    and a frozen dataclass costs several times more to create."""

    text: str
    kind: str  # "data" | "form"
    path: tuple[str, ...]
    screen: str | None = None  # set for ``${screen.S.…}`` (global) bindings

    @property
    def is_global(self) -> bool:
        return self.screen is not None


_UNSEEN = object()


_new_tuple = tuple.__new__  # a Binding made directly, without the Python-level __new__ of a named tuple


def parse_binding(value: Any) -> Binding | None:
    """The binding a string is, or None (a literal, a backtick expression, an interpolated string)."""
    if not isinstance(value, str):
        return None
    if value[:7] in _LOCAL_STARTS and value[-1:] == "}":  # ``${data.…}``/``${form.…}``: what _BINDING matches
        rest = value[7:-1]
        if "}" in rest or "${" in rest:
            return None
        return _new_tuple(Binding, (value, value[2:6], tuple(rest.split(".")), None))
    m = _BINDING.match(value)
    if not m:
        return None
    screen, kind, rest = m.groups()
    if "}" in rest or "${" in rest:
        return None
    return Binding(value, kind, tuple(rest.split(".")), screen)


_LOCAL_STARTS = ("${data.", "${form.")


class Component:
    """One node of a screen's flattened component tree.

    A plain class with slots, not a dataclass: one is made for every component of every document, and a
    dataclass costs ~0.5 ms to define at import (its methods are generated and compiled), which every run of
    the command pays. Equality is identity (two components of one model never have the same path)."""

    __slots__ = ("node", "path", "screen", "form", "depth_in_if", "order", "type", "name", "in_form")

    def __init__(
        self,
        node: dict[str, Any],
        path: JsonPath,
        screen: int,  # index of the screen in ``screens``
        form: Component | None = None,  # the enclosing Form, if any
        depth_in_if: int = 0,
        order: int = 0,  # position in document order (pre-order), for validators that report in that order
    ) -> None:
        self.node = node
        self.path = path
        self.screen = screen
        self.form = form
        self.depth_in_if = depth_in_if
        self.order = order
        # Read thousands of times per run by the validators: set once here (the document is never modified).
        kind = node.get("type")
        self.type: str | None = kind if isinstance(kind, str) else None
        name = node.get("name")
        self.name: str | None = name if isinstance(name, str) else None
        self.in_form = form is not None  # inside a Form (a Form itself: inside an outer one)

    def __repr__(self) -> str:
        return f"Component(type={self.type!r}, path={self.path!r})"


class Action:
    """A collected action (complete/navigate/data_exchange/update_data) with where it sits (a plain class, as
    :class:`Component`)."""

    __slots__ = ("node", "path", "screen", "component", "key", "item_index", "name")

    def __init__(
        self,
        node: dict[str, Any],
        path: JsonPath,
        screen: int,
        component: Component,
        key: str,  # "on-click-action" | "on-select-action" | "on-unselect-action"
        item_index: int | None = None,  # set for a data-source item's action
    ) -> None:
        self.node = node
        self.path = path
        self.screen = screen
        self.component = component
        self.key = key
        self.item_index = item_index
        value = node.get("name")
        self.name: str | None = value if isinstance(value, str) else None  # every action validator reads it

    def __repr__(self) -> str:
        return f"Action(name={self.name!r}, path={self.path!r})"

    @property
    def payload(self) -> Any:
        return self.node.get("payload")

    @property
    def next_type(self) -> Any:
        nxt = self.node.get("next")
        return nxt.get("type") if isinstance(nxt, dict) else None

    @property
    def next_name(self) -> Any:
        nxt = self.node.get("next")
        return nxt.get("name") if isinstance(nxt, dict) else None

    @property
    def next_screen(self) -> str | None:
        """``next.name`` of a navigate action whose ``next.type`` is ``"screen"``."""
        nxt = self.node.get("next")
        if self.name != "navigate" or not isinstance(nxt, dict):
            return None
        if nxt.get("type") != "screen" or not isinstance(nxt.get("name"), str):
            return None
        return nxt["name"]


class Screen:
    """One screen of the document with its flattened components and collected actions (a plain class, as
    :class:`Component`)."""

    __slots__ = ("index", "node", "components", "actions", "preorder", "id", "path", "_by_type", "_first_named")

    def __init__(self, index: int, node: dict[str, Any]) -> None:
        self.index = index
        self.node = node
        self.components: list[Component] = []
        self.actions: list[Action] = []
        self.preorder = 0
        value = node.get("id")
        self.id: str | None = value if isinstance(value, str) else None  # read on every lookup by id
        self.path: JsonPath = ("screens", index)  # the start of every finding's path
        self._by_type: dict[str | None, tuple[Component, ...]] | None = None
        self._first_named: dict[str, Component] | None = None

    def __repr__(self) -> str:
        return f"Screen(index={self.index!r}, id={self.id!r})"

    @property
    def in_document_order(self) -> list[Component]:
        """The components in document order (a container before its children)."""
        return sorted(self.components, key=lambda c: c.order)


    @property
    def terminal(self) -> bool:
        return self.node.get("terminal") is True

    @property
    def data(self) -> dict[str, Any] | None:
        value = self.node.get("data")
        return value if isinstance(value, dict) else None

    @property
    def layout(self) -> dict[str, Any]:
        value = self.node.get("layout")
        return value if isinstance(value, dict) else {}

    @property
    def layout_type(self) -> str | None:
        value = self.layout.get("type")
        return value if isinstance(value, str) else None

    @property
    def children(self) -> list[Any]:
        value = self.layout.get("children")
        return value if isinstance(value, list) else []

    def of_type(self, *types: str) -> Sequence[Component]:
        """The components of these types, in flattened order (do not modify it). A single type is read from an
        index built on first use, without a copy (two dozen validators ask, each for one type; the components
        never change after :func:`build_model`)."""
        if len(types) != 1:
            return [c for c in self.components if c.type in types]
        index = self._by_type
        if index is None:
            lists: dict[str | None, list[Component]] = {}
            for comp in self.components:
                lists.setdefault(comp.type, []).append(comp)
            index = self._by_type = {kind: tuple(found) for kind, found in lists.items()}
        return index.get(types[0], ())

    def named(self, name: str) -> list[Component]:
        return [c for c in self.components if c.name == name and c.type != "Form"]

    def data_schema(self, path: tuple[str, ...]) -> dict[str, Any] | None:
        """The declaration of ``${data.<path>}`` in this screen's ``data`` (nested via ``properties``)."""
        return resolve_schema(self.data, path)


def resolve_schema(data: dict[str, Any] | None, path: tuple[str, ...]) -> dict[str, Any] | None:
    """Walk a screen data model along ``path`` (first key at the top level, then through ``properties``)."""
    if not path or not isinstance(data, dict):
        return None
    current = data.get(path[0])
    for key in path[1:]:
        if not isinstance(current, dict):
            return None
        props = current.get("properties")
        if not isinstance(props, dict):
            return None
        current = props.get(key)
    return current if isinstance(current, dict) else None


def children_slots(node: dict[str, Any]) -> Iterator[tuple[JsonPath, list[Any]]]:
    """The child arrays of a container component, with their relative paths, in Meta's walking order."""
    kind = node.get("type")
    if kind == "Form":
        value = node.get("children")
        if isinstance(value, list):
            yield ("children",), value
    elif kind == "If":
        for branch in ("then", "else"):
            value = node.get(branch)
            if isinstance(value, list):
                yield (branch,), value
    elif kind == "Switch":
        cases = node.get("cases")
        if isinstance(cases, dict):
            for key, value in cases.items():
                if isinstance(value, list):
                    yield ("cases", key), value


class FlowModel:
    """Indexes over one Flow JSON document, shared by every validator of one run (a plain class, as
    :class:`Component`; validators keep their own per-document caches in its ``__dict__``)."""

    def __init__(
        self,
        doc: dict[str, Any],
        version: FlowVersion,
        screens: list[Screen],
        by_id: dict[str, Screen],
        actions: list[Action],
        generated_routes: dict[str, list[str]],
        longest_string: int | None = None,
    ) -> None:
        self.doc = doc
        self.version = version
        self.screens = screens
        self.by_id = by_id
        self.actions = actions
        self.generated_routes = generated_routes
        #: The length of the document's longest string value (keys not counted) when the parser learned it on
        #: its way (None: unknown). A validator may skip a walk with it, never change a finding.
        self.longest_string = longest_string
        self._bindings: dict[str, Binding | None] | None = None
        self._all_actions: list[Action] | None = None
        self._screen_navigations: list[Action] | None = None

    def __repr__(self) -> str:
        return f"FlowModel(version={self.version!r}, screens={len(self.screens)})"

    @property
    def routing_model(self) -> Any:
        return self.doc.get("routing_model")

    @property
    def has_routing_model(self) -> bool:
        """Meta's routing validators take the "data channel" branch whenever ``routing_model`` is truthy
        (an empty object included, case ``routing-empty-routing-model``)."""
        value = self.doc.get("routing_model")
        return value is not None and value is not False and value != 0 and value != ""

    @property
    def has_data_api_version(self) -> bool:
        """The data_exchange, refresh_on_back and terminal-Footer rules look at ``data_api_version``."""
        return bool(self.doc.get("data_api_version"))

    @property
    def screen_ids(self) -> list[str]:
        """Screen ids, each once, in order of first appearance (Meta's ``getAllScreenIds``)."""
        return list(self.by_id)

    @property
    def all_actions(self) -> list[Action]:
        """Meta's ``getAllActions`` order: complete, navigate to a screen, data_exchange, other navigate,
        update_data; each group in document order. Computed once (a dozen validators ask; do not modify it)."""
        if self._all_actions is None:
            groups: dict[str, list[Action]] = {
                k: [] for k in ("complete", "screen", "data_exchange", "navigate", "update_data")
            }
            for action in self.actions:
                if action.name == "navigate":
                    groups["screen" if action.next_type == "screen" else "navigate"].append(action)
                elif action.name in groups:
                    groups[action.name].append(action)
            self._all_actions = [a for group in groups.values() for a in group]
        return self._all_actions

    @property
    def screen_navigations(self) -> list[Action]:
        """Navigate actions whose ``next.type`` is "screen", in document order (Meta's data-channel-less
        navigate actions). Computed once (do not modify it)."""
        if self._screen_navigations is None:
            self._screen_navigations = [a for a in self.actions if a.name == "navigate" and a.next_type == "screen"]
        return self._screen_navigations

    def screen_of(self, item: Component | Action) -> Screen:
        return self.screens[item.screen]

    def mapped(self, screen: Screen) -> Screen:
        """The screen Meta's per-id maps hold for ``screen``'s id: the last screen with that id. Validators that
        walk every screen but read its components from those maps (``componentTypeDataMap``,
        ``componentNameDataMap``) see, for a duplicated id (itself an error), the last screen's components."""
        return screen if screen.id is None else self.by_id.get(screen.id, screen)

    def routing_edges(self) -> dict[str, list[str]]:
        """The routing model given (only its well-formed entries), or the generated one."""
        if self.has_routing_model:
            given = self.routing_model
            if not isinstance(given, dict):
                return {}
            return {
                k: [d for d in v if isinstance(d, str)] if isinstance(v, list) else [] for k, v in given.items()
            }
        return self.generated_routes

    def binding(self, value: Any) -> Binding | None:
        """:func:`parse_binding`, remembered for this document: the payload checks read every payload value,
        several of them the same values."""
        if not isinstance(value, str):
            return None
        memo = self._bindings
        if memo is None:
            memo = self._bindings = {}
        found = memo.get(value, _UNSEEN)
        if found is _UNSEEN:
            found = memo[value] = parse_binding(value)
        return found  # type: ignore[return-value]

    def form_field(self, screen: Screen, name: str) -> Component | None:
        """The first component named ``name`` on ``screen`` (Meta looks the whole screen up, not only the Form);
        from an index built on first use."""
        index = screen._first_named
        if index is None:
            index = screen._first_named = {}
            for comp in screen.components:
                if comp.name is not None and comp.name not in index:
                    index[comp.name] = comp
        return index.get(name) if isinstance(name, str) else None

    def binding_schema(self, screen: Screen, binding: Binding) -> dict[str, Any] | None:
        """What a binding on ``screen`` yields, as a data declaration (``{"type": ...}``), or None.

        ``${data.x}`` (or ``${screen.S.data.x}``): the declaration in the screen's ``data`` (nested paths
        through ``properties``). ``${form.x}``: the schema of the named component's value
        (:func:`form_value_schema`). None when it does not resolve.
        """
        target = self.binding_target_screen(screen, binding)
        if target is None:
            return None
        if binding.kind == "data":
            return target.data_schema(binding.path)
        if len(binding.path) != 1:
            return None
        comp = self.form_field(target, binding.path[0])
        if comp is None or comp.type is None:
            return None
        return form_value_schema(comp.node)

    def binding_target_screen(self, screen: Screen, binding: Binding) -> Screen | None:
        """The screen a binding reads from: the current one, or ``S`` of ``${screen.S.…}`` (None if unknown)."""
        if binding.screen is None:
            return screen
        return self.by_id.get(binding.screen)


def _flatten(screen: Screen, nodes: list[Any], base: JsonPath, form: Component | None, if_depth: int) -> None:
    """Flatten ``nodes`` into ``screen.components`` (children before their container, Meta's post-order) and
    collect each component's actions as it is listed, so the actions come in the same order."""
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        comp = Component(node, base + (i,), screen.index, form, if_depth, screen.preorder)
        screen.preorder += 1
        kind = comp.type
        if kind == "Form" or kind == "If" or kind == "Switch":  # the containers (children_slots yields for no other)
            inner_form = comp if kind == "Form" else form
            inner_depth = if_depth + 1 if kind == "If" else if_depth
            for rel, children in children_slots(node):
                _flatten(screen, children, comp.path + rel, inner_form, inner_depth)
        # Children are listed before their container (note of case limit-components-if-counted).
        screen.components.append(comp)
        _collect_actions(screen, comp)


def _collected(action: dict[str, Any]) -> bool:
    name = action.get("name")
    return isinstance(name, str) and name in COLLECTED_ACTIONS


def _collect_actions(screen: Screen, comp: Component) -> None:
    node = comp.node
    for key in ACTION_KEYS:
        action = node.get(key)
        if action is not None and isinstance(action, dict) and _collected(action):
            screen.actions.append(Action(action, comp.path + (key,), screen.index, comp, key))
    if comp.type in DATA_SOURCE_TYPES:
        items = node.get("data-source")
        if isinstance(items, list):
            for j, item in enumerate(items):
                # Most options have no action at all: skip them with two lookups.
                if not isinstance(item, dict) or ("on-select-action" not in item and "on-unselect-action" not in item):
                    continue
                for key in ITEM_ACTION_KEYS:
                    action = item.get(key)
                    if isinstance(action, dict) and _collected(action):
                        path = comp.path + ("data-source", j, key)
                        screen.actions.append(Action(action, path, screen.index, comp, key, j))


def _generate_routes(
    screens: list[Screen], actions: list[Action], by_id: dict[str, Screen], *, dcless: bool
) -> dict[str, list[str]]:
    """``WAFlowJSONData`` function ``b``: edges from navigate actions (``next.type`` "screen"), in action order;
    a navigate target and a screen with a complete action get an entry too; without ``data_api_version`` a
    NavigationList screen routes to every other screen. Empty when the flow has no such action at all."""
    navigations = [a for a in actions if a.name == "navigate" and a.next_type == "screen"]
    completes = [a for a in actions if a.name == "complete"]
    if not navigations and not completes:
        return {}
    routes: dict[str, list[str]] = {}
    for action in navigations:
        source = screens[action.screen].id
        if source is None:
            continue
        routes.setdefault(source, [])
        target = action.next_name
        if isinstance(target, str):
            routes.setdefault(target, [])
            if target not in routes[source]:
                routes[source].append(target)
    for action in completes:
        source = screens[action.screen].id
        if source is not None:
            routes.setdefault(source, [])
    if dcless:
        ids = list(by_id)
        for sid in ids:
            if by_id[sid].of_type("NavigationList"):
                routes[sid] = [other for other in ids if other != sid]
    return routes


def build_model(doc: dict[str, Any], version: FlowVersion) -> FlowModel:
    raw_screens = doc.get("screens")
    screens: list[Screen] = []
    if isinstance(raw_screens, list):
        for i, node in enumerate(raw_screens):
            if not isinstance(node, dict):
                continue
            screen = Screen(i, node)
            _flatten(screen, screen.children, ("screens", i, "layout", "children"), None, 0)
            screens.append(screen)
    # Screens are addressed by position; keep a dense list indexed like the document.
    dense: list[Screen] = []
    by_index = {s.index: s for s in screens}
    if isinstance(raw_screens, list):
        for i in range(len(raw_screens)):
            dense.append(by_index.get(i) or Screen(i, {}))
    # Meta's screen map is filled in order, so with a duplicated id (itself an error) the last screen wins.
    by_id: dict[str, Screen] = {}
    for screen in dense:
        if screen.id is not None:
            by_id[screen.id] = screen
    actions = [a for s in dense for a in s.actions]
    routes = _generate_routes(dense, actions, by_id, dcless=doc.get("data_api_version") is None)
    return FlowModel(doc, version, dense, by_id, actions, routes)
