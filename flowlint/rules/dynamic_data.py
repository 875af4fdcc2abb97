"""What the binding and expression validators share: Meta's component order and its typed view of data.

- :func:`meta_components`: a screen's components in the order Meta's ``getFlattenComponentsFromChildrenArray``
  lists them, which is post-order (a Form, If or Switch comes *after* its children), each with whether it
  sits inside a Form. Meta looks screens up by id, so a screen whose id is repeated is flattened from the
  last screen with that id (``WAFlowJSONData`` keeps a map keyed by id).
- :func:`screen_properties`: ``WAFlowJSONParseUtils.WAFlowJSONMapScreenProperties``: screen id -> ``data``
  (declared type names, nested mappings for objects) and ``form`` (each input component's value type).
"""

from __future__ import annotations

from typing import Any

from flowlint.rules.model import FORM_PROPERTY_TYPES, Component, FlowModel, Screen
from flowlint.rules.model import form_value_kind
from flowlint.rules.model import form_value_schema as model_form_value_schema

__all__ = [
    "BindingProperty",
    "binding_properties",
    "binding_properties_of",
    "record_binding_properties",
    "MetaComponent",
    "meta_components",
    "meta_screen",
    "screens_by_last_id",
    "screen_properties",
    "form_value_type",
    "form_value_schema",
]


#: A component as Meta's flattening lists it: the model's own components are in that order already
#: (post-order, ``children_slots``' walking order) and know whether they sit inside a Form.
MetaComponent = Component


def screens_by_last_id(model: FlowModel) -> dict[str, Screen]:
    """Screen id -> the *last* screen with that id (Meta's ``screenData`` map is overwritten in order): the
    model's ``by_id``, which is filled the same way."""
    return model.by_id


def meta_screen(model: FlowModel, screen: Screen) -> Screen:
    """The screen Meta reads for ``screen``: the last one with the same id (Meta's screen map is keyed by id)."""
    return screen if screen.id is None else model.by_id.get(screen.id, screen)


def meta_components(model: FlowModel, screen: Screen) -> list[Component]:
    """The flattened components Meta checks for ``screen``: post-order, from :func:`meta_screen`. The model
    flattens every screen the same way, so these are that screen's components."""
    return meta_screen(model, screen).components


def form_value_type(node: dict[str, Any]) -> str | None:
    """``getComponentValueSchema(...).type``: the type of ``${form.<name>}`` for an input component."""
    return form_value_kind(node)


def form_value_schema(node: dict[str, Any]) -> dict[str, Any] | None:
    """``getComponentValueSchema``, as the dynamic-data checks compare it: the type alone, except for the
    media pickers, whose value is Meta's NATIVE_COMPONENTS_SCHEMA (None: not an input component). The flow
    model's :func:`~flowlint.rules.model.form_value_schema` without the items of an array of option ids."""
    return model_form_value_schema(node, items=False)


def _declared(declaration: Any) -> Any:
    """An object declaration becomes a mapping of its properties; arrays of scalars ``array<type>``."""
    if not isinstance(declaration, dict):
        return None
    kind = declaration.get("type")
    if kind == "object":
        props = declaration.get("properties")
        out: dict[str, Any] = {}
        if isinstance(props, dict):
            for key, inner in props.items():
                out[key] = _nested(inner)
        return out
    return kind if isinstance(kind, str) else None


def _nested(declaration: Any) -> Any:
    if not isinstance(declaration, dict):
        return None
    kind = declaration.get("type")
    if kind == "object":
        return _declared(declaration) if declaration.get("properties") is not None else {}
    if kind == "array":
        items = declaration.get("items")
        if isinstance(items, dict) and items.get("type") != "object" and isinstance(items.get("type"), str):
            return "array" + items["type"]
        return {}
    return kind if isinstance(kind, str) else None


def screen_properties(model: FlowModel) -> dict[str, dict[str, dict[str, Any]]]:
    """The typed view of every screen's data and form fields, computed once per model."""
    cached = model.__dict__.get("_flowlint_screen_properties")
    if cached is not None:
        return cached
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for screen in screens_by_last_id(model).values():
        entry: dict[str, dict[str, Any]] = {}
        data = screen.data
        if data:
            declared: dict[str, Any] = {}
            for key, declaration in data.items():
                kind = declaration.get("type") if type(declaration) is dict else None
                # _declared, without a call for a scalar declaration (most of them)
                declared[key] = (kind if isinstance(kind, str) else None) if kind != "object" else _declared(declaration)
            entry["data"] = declared
        form: dict[str, Any] = {}
        for comp in screen.components:  # meta_components: the screen is the last one with its id
            if comp.type in FORM_PROPERTY_TYPES and comp.name is not None:
                form[comp.name] = form_value_kind(comp.node)
        if form:
            entry["form"] = form
        if entry:
            table[screen.id or ""] = entry
    model.__dict__["_flowlint_screen_properties"] = table
    return table


#: (screen, component, key, value): a string property that starts with ``${`` or an object property.
BindingProperty = tuple[Screen, Component, str, Any]
_BINDING_PROPERTIES = "_flowlint_binding_properties"


def binding_properties_of(screen: Screen, comp: Component) -> list[BindingProperty]:
    """The component's string properties that start with ``${`` and its object properties, in key order:
    what ScreenDynamicDataV600 reads (every binding starts ``${``)."""
    return [
        (screen, comp, key, value)
        for key, value in comp.node.items()
        if (isinstance(value, str) and value[:2] == "${") or isinstance(value, dict)
    ]


def binding_properties(model: FlowModel) -> list[BindingProperty]:
    """:func:`binding_properties_of` every component of every screen, in Meta's order. DynamicParserV600, which
    runs before ScreenDynamicDataV600 and reads every property anyway, keeps them as it goes
    (:func:`record_binding_properties`); without it they are collected here."""
    recorded: list[BindingProperty] | None = model.__dict__.get(_BINDING_PROPERTIES)
    if recorded is not None:
        return recorded
    found = [item for screen in model.screens for comp in meta_components(model, screen)
             for item in binding_properties_of(screen, comp)]
    model.__dict__[_BINDING_PROPERTIES] = found
    return found


def record_binding_properties(model: FlowModel, found: list[BindingProperty]) -> None:
    """Keep what a complete walk of every component's properties found (see :func:`binding_properties`)."""
    model.__dict__[_BINDING_PROPERTIES] = found
