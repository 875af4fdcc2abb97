"""JSON values named the way Meta's JavaScript validator names them in its messages."""

from __future__ import annotations

from typing import Any

__all__ = ["js_type"]


def js_type(value: Any) -> str:
    """``typeof`` with ``array`` and ``null`` told apart, as Meta's messages say ("but found 'array'")."""
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
