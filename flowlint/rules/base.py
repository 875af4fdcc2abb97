"""What a validator yields, and small shared helpers for writing one.

A validator (one of Meta's ``WAFlowJSON…Validator`` modules, restated) is a function
``validate(model: FlowModel) -> Iterable[Finding]``. A :class:`Finding` says *which rule* (flowlint's
code), *what* (Meta's error name and message, word for word) and *where* (pointers: paths, with
``target="key"`` where Meta points at a key). The engine (:mod:`flowlint.rules`) turns findings into
:class:`~flowlint.diagnostics.Diagnostic` objects and stamps the rule's severity; positions are filled in
later by :func:`flowlint.engine.locate`.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Sequence, TypeGuard

from flowlint.jstypes import js_type
from flowlint.diagnostics import JsonPath, Pointer

__all__ = [
    "Finding", "MetaThrows", "at", "key_at", "is_str", "is_dict", "is_list", "js_type", "join_ids", "expression_typer",
]


class Finding(NamedTuple):
    """One problem found by a validator: rule code, Meta's error name and message, pointers, optional fix."""

    rule: str
    error: str
    message: str
    pointers: tuple[Pointer, ...]
    fix: str | None = None


class MetaThrows(Exception):
    """Raised by a validator where Meta's own validator throws (an ``invariant`` on a value it does not
    expect). Meta's chain then answers one error and nothing else: ``INVALID_FLOW_JSON``, "Flow JSON is not
    valid. <the exception's message>" (``WAFlowJSONValidatorChain.validate``), with a zero pointer; flowlint
    gives the same code and message and points at the value (``conformance/meta-fuzz/README.md``, rule 4)."""

    def __init__(self, rule: str, reason: str, path: JsonPath) -> None:
        super().__init__(reason)
        self.finding = Finding(rule, "INVALID_FLOW_JSON", f"Flow JSON is not valid. {reason}", at(path))


def at(*paths: JsonPath) -> tuple[Pointer, ...]:
    """Pointers at the values found at ``paths`` (a missing property: the path of the object lacking it)."""
    return tuple(Pointer(tuple(p)) for p in paths)


def key_at(*paths: JsonPath) -> tuple[Pointer, ...]:
    """Pointers at the quoted keys of the members at ``paths``."""
    return tuple(Pointer(tuple(p), target="key") for p in paths)


def is_str(value: Any) -> bool:
    return isinstance(value, str)


def is_dict(value: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict)


def is_list(value: Any) -> bool:
    return isinstance(value, list)


def join_ids(ids: Sequence[object], sep: str = ", ") -> str:
    """``[A, B]``-style lists in Meta's messages are ``ids.join(', ')`` inside brackets."""
    return sep.join(str(i) for i in ids)


def expression_typer() -> Any:
    """``(ExpressionError, expression_type, screen_properties)`` of the expression family (Meta's
    ``getDynamicExpressionReturnType`` and the typed screen properties), imported on first use."""
    from flowlint.expressions import ExpressionError, expression_type
    from flowlint.rules.dynamic_data import screen_properties

    return ExpressionError, expression_type, screen_properties
