"""What the Flow JSON schemas say about a place in a flow: descriptions, allowed values and names, versions.

The schemas in ``schemas/`` are the documentation (every property has a ``description`` with its source); this
module walks the schema of the flow's version along a JSON path, following ``$ref``, ``allOf`` and the
``if``/``then`` that select a component's definition by its ``type`` (as the validator does), so hover and
completion say exactly what ``flowlint check`` enforces. Versions are answered by looking the name up in the
schema of every version. Nothing here imports pygls.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, Iterable

from flowlint.diagnostics import JsonPath
from flowlint.versions import LATEST, FlowVersion, parse_version_number

__all__ = [
    "ACTION_KEYS",
    "action_versions",
    "component_versions",
    "describe_component",
    "describe_property",
    "enum_values",
    "property_names",
    "schema_version",
    "schemas_at",
    "versions_text",
]

ACTION_KEYS = ("on-click-action", "on-select-action", "on-unselect-action")
_Schema = dict[str, Any]


def schema_version(doc: Any) -> str:
    """The schema version to read a document with: its own ``version`` when there is a schema for it, else the
    latest."""
    from flowlint.schema import schema_versions

    text = doc.get("version") if isinstance(doc, dict) else None
    version = FlowVersion.from_text(text) if isinstance(text, str) else None
    if version is not None and version.canonical in schema_versions():
        return version.canonical
    return LATEST


@lru_cache(maxsize=None)
def _schema(version: str) -> _Schema:
    from flowlint.schema import load_schema

    return load_schema(version)


def _resolve(root: _Schema, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and seen < 32:
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return node
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~")) if isinstance(target, dict) else None
        if target is None:
            return node
        node, seen = target, seen + 1
    return node


def _condition_holds(condition: Any, instance: Any) -> bool:
    """An ``if`` of the Flow JSON schemas: ``properties`` with ``const``/``enum`` and ``required``."""
    if not isinstance(condition, dict) or not isinstance(instance, dict):
        return False
    for key in condition.get("required", ()):
        if key not in instance:
            return False
    for key, sub in (condition.get("properties") or {}).items():
        if key not in instance or not isinstance(sub, dict):
            continue
        if "const" in sub and instance[key] != sub["const"]:
            return False
        if "enum" in sub and instance[key] not in sub["enum"]:
            return False
    return True


def _expand(root: _Schema, node: Any, instance: Any, out: list[_Schema], depth: int = 0) -> None:
    """``node`` and every subschema that applies to ``instance`` alongside it (allOf, a matching if/then,
    each alternative of anyOf/oneOf), resolved."""
    if depth > 16 or not isinstance(node, dict):
        return
    if "$ref" in node:
        out.append(node)  # keeps the description written beside a $ref
        node = _resolve(root, node)
        if not isinstance(node, dict):
            return
    out.append(node)
    for sub in node.get("allOf", ()):
        _expand(root, sub, instance, out, depth + 1)
    for key in ("anyOf", "oneOf"):
        for sub in node.get(key, ()):
            _expand(root, sub, instance, out, depth + 1)
    if "if" in node and _condition_holds(_resolve(root, node["if"]), instance):
        _expand(root, node.get("then"), instance, out, depth + 1)


def _child(node: _Schema, key: Any) -> Any:
    if isinstance(key, int):
        items = node.get("items")
        if isinstance(items, dict):
            return items
        prefix = node.get("prefixItems")
        return prefix[key] if isinstance(prefix, list) and key < len(prefix) else None
    properties = node.get("properties")
    if isinstance(properties, dict) and key in properties:
        return properties[key]
    for pattern, sub in (node.get("patternProperties") or {}).items():
        try:
            if re.search(pattern, key):
                return sub
        except re.error:
            continue
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def _step(value: Any, key: Any) -> Any:
    if isinstance(key, int):
        return value[key] if isinstance(value, list) and 0 <= key < len(value) else None
    return value.get(key) if isinstance(value, dict) else None


def schemas_at(doc: Any, path: JsonPath, *, version: str | None = None) -> list[_Schema]:
    """Every subschema that applies to the value at ``path`` of ``doc`` (which may lack that value)."""
    root = _schema(version or schema_version(doc))
    current: list[_Schema] = []
    _expand(root, root, doc, current)
    instance = doc
    for key in path:
        instance_child = _step(instance, key)
        found: list[_Schema] = []
        for node in current:
            child = _child(node, key)
            if child is not None:
                _expand(root, child, instance_child, found)
        current, instance = found, instance_child
    return current


def description(schemas: Iterable[_Schema]) -> str | None:
    for node in schemas:
        text = node.get("description")
        if isinstance(text, str):
            return text
    return None


def enum_values(schemas: Iterable[_Schema]) -> list[Any]:
    values: list[Any] = []
    for node in schemas:
        candidates = list(node.get("enum", ())) + ([node["const"]] if "const" in node else [])
        for value in candidates:
            if value not in values:
                values.append(value)
    return values


def property_names(schemas: Iterable[_Schema]) -> dict[str, _Schema]:
    """Property name -> its schema, for an object (``required`` ones first)."""
    names: dict[str, _Schema] = {}
    required: set[str] = set()
    for node in schemas:
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, sub in properties.items():
                names.setdefault(key, sub if isinstance(sub, dict) else {})
            required.update(k for k in node.get("required", ()) if isinstance(k, str))
    return dict(sorted(names.items(), key=lambda item: item[0] not in required))


def required_names(schemas: Iterable[_Schema]) -> set[str]:
    return {k for node in schemas for k in node.get("required", ()) if isinstance(k, str)}


# --- versions ---------------------------------------------------------------------------------------------------


def _versions() -> list[str]:
    from flowlint.schema import schema_versions

    return sorted(schema_versions(), key=lambda v: parse_version_number(v) or 0)


def versions_text(present: Iterable[str]) -> str:
    """``["6.0", "6.1", ...]`` -> ``"6.0+"``; gaps as ranges (``"2.1-4.0, 6.0+"``); ``"none"``."""
    chosen = set(present)
    order = _versions()
    runs: list[list[str]] = []
    for i, version in enumerate(order):
        if version in chosen:
            if runs and order.index(runs[-1][-1]) == i - 1:
                runs[-1].append(version)
            else:
                runs.append([version])
    parts = []
    for run in runs:
        if run[-1] == order[-1]:
            parts.append(f"{run[0]}+" if len(run) > 1 or run[0] == order[-1] else run[0])
        else:
            parts.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(parts) if parts else "none"


@lru_cache(maxsize=256)
def component_versions(component: str) -> str:
    return versions_text(v for v in _versions() if component in _schema(v).get("$defs", {}))


@lru_cache(maxsize=1024)
def property_versions(component: str, key: str) -> str:
    def has(version: str) -> bool:
        defs = _schema(version).get("$defs", {})
        return any(
            key in (defs.get(name, {}).get("properties") or {}) for name in (component, f"form.{component}")
        )

    return versions_text(v for v in _versions() if has(v))


@lru_cache(maxsize=64)
def action_versions(action: str) -> str:
    def has(version: str) -> bool:
        for name, node in _schema(version).get("$defs", {}).items():
            if name.startswith("action.") and action in ((node.get("properties") or {}).get("name") or {}).get(
                "enum", ()
            ):
                return True
        return False

    return versions_text(v for v in _versions() if has(v))


# --- hover texts --------------------------------------------------------------------------------------------------


def _limits(component: str | None, key: str, schemas: list[_Schema]) -> list[str]:
    from flowlint.schema.docs_limits import DOCS_CHAR_LIMITS, DOCS_COUNT_LIMITS

    out: list[str] = []
    for node in schemas:
        for keyword, words in (
            ("minLength", "at least {} characters"),
            ("maxLength", "at most {} characters"),
            ("minItems", "at least {} items"),
            ("maxItems", "at most {} items"),
            ("minimum", "at least {}"),
            ("maximum", "at most {}"),
        ):
            if keyword in node:
                text = words.format(node[keyword]) + " (Meta's validator)"
                if text not in out:
                    out.append(text)
    if component is not None:
        limit = DOCS_CHAR_LIMITS.get((component, key))
        if limit is not None:
            out.append(f"at most {limit} characters (Meta's components reference; a longer text is a warning)")
        count = DOCS_COUNT_LIMITS.get(component)
        if count is not None and count[0] == key:
            out.append(f"{count[1]}-{count[2]} items (Meta's components reference; a warning otherwise)")
    return out


def _type_text(schemas: list[_Schema]) -> str | None:
    kinds: list[str] = []
    for node in schemas:
        kind = node.get("type")
        for k in kind if isinstance(kind, list) else [kind] if isinstance(kind, str) else []:
            if k not in kinds:
                kinds.append(k)
    return " or ".join(kinds) if kinds else None


def describe_property(doc: Any, path: JsonPath, component: str | None) -> str | None:
    """Markdown for the property at ``path`` (a key of an object)."""
    schemas = schemas_at(doc, path)
    if not schemas:
        return None
    key = path[-1]
    lines = [f"**`{key}`**" + (f" of {component}" if component else "")]
    text = description(schemas)
    if text:
        lines += ["", text]
    facts = []
    kind = _type_text(schemas)
    if kind:
        facts.append(f"type: {kind}")
    values = enum_values(schemas)
    if values and len(values) <= 30:
        facts.append("values: " + ", ".join(f"`{json.dumps(v)}`" for v in values))
    parent = schemas_at(doc, path[:-1])
    if key in required_names(parent):
        facts.append("required")
    if component is not None and isinstance(key, str):
        facts.append(f"Flow JSON versions: {property_versions(component, key)}")
    facts += [f"limit: {text}" for text in _limits(component, str(key), schemas)]
    if facts:
        lines += [""] + [f"- {fact}" for fact in facts]
    return "\n".join(lines)


def describe_component(doc: Any, path: JsonPath, component: str) -> str:
    """Markdown for a component ``type`` value at ``path`` (the ``type`` member of the component)."""
    version = schema_version(doc)
    defs = _schema(version).get("$defs", {})
    allowed = enum_values(schemas_at(doc, path))
    lines = [f"**{component}** (component)"]
    if component in defs:
        node = defs.get(f"form.{component}") if _in_form(doc, path) and f"form.{component}" in defs else defs[component]
        required = [k for k in node.get("required", ()) if k != "type"]
        others = [k for k in (node.get("properties") or {}) if k not in required and k != "type"]
        lines += [
            "",
            f"- Flow JSON versions: {component_versions(component)}",
        ]
        if allowed and component not in allowed:
            lines.append(f"- not allowed here in Flow JSON {version}")
        if required:
            lines.append("- required: " + ", ".join(f"`{k}`" for k in required))
        if others:
            lines.append("- optional: " + ", ".join(f"`{k}`" for k in others))
    else:
        lines += ["", f"- not a component of Flow JSON {version} (versions: {component_versions(component)})"]
    return "\n".join(lines)


def _in_form(doc: Any, path: JsonPath) -> bool:
    value = doc
    for i, key in enumerate(path[:-2]):
        value = _step(value, key)
        if isinstance(value, dict) and value.get("type") == "Form" and i < len(path) - 3:
            return True
    return False


def describe_action(name: str) -> str:
    texts = {
        "navigate": "go to another screen of the flow (`next`: `{\"type\": \"screen\", \"name\": SCREEN_ID}`)",
        "complete": "end the flow and send `payload` to the business",
        "data_exchange": "send `payload` to the flow's endpoint and show the screen it answers with",
        "update_data": "update the screen's data with `payload` without leaving the screen",
        "open_url": "open `url` in the browser",
    }
    what = texts.get(name, "an action")
    return f"**{name}** (action): {what}.\n\n- Flow JSON versions: {action_versions(name)}"
