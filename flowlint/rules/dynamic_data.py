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

from flowlint.diagnostics import JsonPath
from flowlint.rules.model import MEDIA_PICKERS, MEDIA_SCHEMA, FlowModel, Screen, children_slots
from flowlint.rules.model import form_value_schema as model_form_value_schema

__all__ = [
    "MetaComponent",
    "meta_components",
    "screens_by_last_id",
    "screen_properties",
    "form_value_type",
    "form_value_schema",
]


class MetaComponent:
    """One component as Meta's flattening lists it. ``type`` is read thousands of times per run (every
    validator of the binding family filters on it), so it is computed once here rather than per read."""

    __slots__ = ("node", "path", "in_form", "type")

    def __init__(self, node: dict[str, Any], path: JsonPath, in_form: bool) -> None:
        self.node = node
        self.path = path
        self.in_form = in_form
        kind = node.get("type")
        self.type: str | None = kind if isinstance(kind, str) else None

    def __repr__(self) -> str:
        return f"MetaComponent(path={self.path!r}, type={self.type!r}, in_form={self.in_form!r})"


def _walk(nodes: list[Any], base: JsonPath, in_form: bool, out: list[MetaComponent]) -> None:
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            continue
        path = base + (i,)
        inner_form = in_form or node.get("type") == "Form"
        for rel, children in children_slots(node):
            _walk(children, path + rel, inner_form, out)
        out.append(MetaComponent(node, path, in_form))


def screens_by_last_id(model: FlowModel) -> dict[str, Screen]:
    """Screen id -> the *last* screen with that id (Meta's ``screenData`` map is overwritten in order).
    Computed once per model (the model is never changed by a validator)."""
    table: dict[str, Screen] | None = model.__dict__.get("_flowlint_screens_by_last_id")
    if table is None:
        table = {}
        for screen in model.screens:
            if screen.id is not None:
                table[screen.id] = screen
        model.__dict__["_flowlint_screens_by_last_id"] = table
    return table


def meta_components(model: FlowModel, screen: Screen) -> tuple[MetaComponent, ...]:
    """The flattened components Meta checks for ``screen`` (post-order; last screen with the same id).
    Computed once per model and screen: six validators read them."""
    cache: dict[int, tuple[MetaComponent, ...]] = model.__dict__.setdefault("_flowlint_meta_components", {})
    found = cache.get(id(screen))
    if found is None:
        target = screens_by_last_id(model).get(screen.id, screen) if screen.id is not None else screen
        out: list[MetaComponent] = []
        _walk(target.children, target.path + ("layout", "children"), False, out)
        found = cache[id(screen)] = tuple(out)
    return found


def form_value_type(node: dict[str, Any]) -> str | None:
    """``getComponentValueSchema(...).type``: the type of ``${form.<name>}`` for an input component."""
    schema = model_form_value_schema(node)
    return schema["type"] if schema is not None else None


def form_value_schema(node: dict[str, Any]) -> dict[str, Any] | None:
    """``getComponentValueSchema``, as the dynamic-data checks compare it: the type alone, except for the
    media pickers, whose value is Meta's NATIVE_COMPONENTS_SCHEMA (None: not an input component)."""
    kind = node.get("type")
    if isinstance(kind, str) and kind in MEDIA_PICKERS:  # an unhashable `type` (a dict) is no media picker
        return MEDIA_SCHEMA
    kind = form_value_type(node)
    return {"type": kind} if kind is not None else None


#: Input components whose value the typed view lists under ``form`` (``WAFlowJSONMapScreenProperties``).
_FORM_FIELD_TYPES = frozenset(
    {
        "CheckboxGroup",
        "ChipsSelector",
        "DatePicker",
        "Dropdown",
        "RadioButtonsGroup",
        "TextArea",
        "TextInput",
        "OptIn",
        "CalendarPicker",
        "NavigationList",
    }
)


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
        return cached  # type: ignore[no-any-return]
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for screen in screens_by_last_id(model).values():
        entry: dict[str, dict[str, Any]] = {}
        data = screen.data or {}
        for key, declaration in data.items():
            entry.setdefault("data", {})[key] = _declared(declaration)
        for comp in meta_components(model, screen):
            if comp.type in _FORM_FIELD_TYPES and isinstance(comp.node.get("name"), str):
                entry.setdefault("form", {})[comp.node["name"]] = form_value_type(comp.node)
        if entry:
            table[screen.id or ""] = entry
    model.__dict__["_flowlint_screen_properties"] = table
    return table
