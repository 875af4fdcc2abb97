"""JSON values named the way Meta's JavaScript validator names them in its messages."""

from __future__ import annotations

from typing import Any

__all__ = ["js_type"]


#: The exact types ``json.loads`` builds: one lookup instead of a chain of ``isinstance`` (js_type is called for
#: every value of every data example and payload).
_NAMES: dict[type, str] = {
    str: "string", dict: "object", list: "array", bool: "boolean", int: "number", float: "number", type(None): "null"
}


def js_type(value: Any) -> str:
    """``typeof`` with ``array`` and ``null`` told apart, as Meta's messages say ("but found 'array'")."""
    name = _NAMES.get(type(value))
    if name is not None:
        return name
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
