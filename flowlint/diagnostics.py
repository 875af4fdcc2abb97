"""Diagnostics as data, and the API's ``validationErrors`` shape.

A :class:`Diagnostic` is immutable: Meta's error name (``error``), the message, one or more
:class:`Pointer` (a JSON path plus what to point at: the value, or the key), flowlint's own rule code
and a severity. Checks never compute positions: they give paths, and :func:`flowlint.engine.locate`
fills in the :class:`~flowlint.positions.Span` of every pointer from the source map.

Path text follows the API: keys joined by ``.``, array indexes as ``[n]``
(``screens[0].layout.children[0].type``); the root is ``""``; a key that contains ``.``, ``[``, ``]``,
a quote, whitespace, or is empty is written ``['key']`` (a quote or backslash inside is escaped with a
backslash). Hyphenated keys stay bare (``on-click-action.name``), as Meta's semantic pass writes them.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any, Iterable, Literal, Sequence, Union

from flowlint.lazyre import LazyPattern
from flowlint.positions import Span
from flowlint.records import record

if TYPE_CHECKING:
    from flowlint.fixes import Fix

__all__ = [
    "PathKey",
    "JsonPath",
    "Pointer",
    "Diagnostic",
    "Report",
    "format_path",
    "parse_path",
    "value_at",
    "MISSING",
    "merge_for_api",
    "with_place_fix",
    "ERROR",
    "WARNING",
    "FLOW_JSON_ERROR",
]

PathKey = Union[str, int]
JsonPath = tuple[PathKey, ...]
Severity = Literal["error", "warning"]
Target = Literal["value", "key"]

ERROR: Severity = "error"
WARNING: Severity = "warning"
#: The ``errorType`` the Create Flow API puts on every Flow JSON validation error.
FLOW_JSON_ERROR = "FLOW_JSON_ERROR"

_PLAIN_KEY = LazyPattern(r"[^.\[\]'\"\s\\]+")


def _format_key(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return "." + key
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"['{escaped}']"


def format_path(path: Sequence[PathKey]) -> str:
    """``("screens", 0, "id")`` -> ``"screens[0].id"``; the root is ``""``."""
    parts: list[str] = []
    for key in path:
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(_format_key(key))
    text = "".join(parts)
    return text[1:] if text.startswith(".") else text


#: What :func:`value_at` returns where a path leads nowhere (``None`` is a value a path may lead to).
MISSING: Any = object()


def value_at(document: Any, path: Sequence[PathKey]) -> Any:
    """The value at ``path`` in a parsed document, or :data:`MISSING`."""
    node = document
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return MISSING
    return node


_PATH_TOKEN = LazyPattern(r"""\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\.?([^.\[\]]+)""")


def parse_path(text: str) -> JsonPath:
    """Inverse of :func:`format_path`; also reads Ajv's bracket form (``a['on-click-action'].name``)."""
    out: list[PathKey] = []
    pos = 0
    while pos < len(text):
        m = _PATH_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ValueError(f"not a JSON path: {text!r}")
        index, quoted, plain = m.groups()
        if index is not None:
            out.append(int(index))
        elif quoted is not None:
            out.append(re.sub(r"\\(.)", r"\1", quoted))
        else:
            out.append(plain)
        pos = m.end()
    return tuple(out)


@record(frozen=True, slots=True)
class Pointer:
    """One location of a diagnostic: a JSON path, and whether it points at the value or at the key.

    ``span`` is filled by ``locate``; syntax errors, which have no path, carry their span from the start.
    A pointer at a missing property points at the *value* of the object that lacks it (Meta's convention).
    ``at`` is where the span is taken from when it differs from the reported ``path``: Meta reports some
    schema errors on an object while pointing at one of its members (a component whose ``type`` is not
    allowed there: path of the component, span of its ``type`` value).
    """

    path: JsonPath
    target: Target = "value"
    span: Span | None = None
    at: JsonPath | None = None
    #: flowlint's hint for this place when it is not the diagnostic's first (a merged error: three misspelt
    #: component types are one API error, each with its own "did you mean"). The first place's hint is
    #: :attr:`Diagnostic.fix`.
    fix: str | None = None

    @property
    def path_text(self) -> str:
        return format_path(self.path)


@record(frozen=True, slots=True)
class Diagnostic:
    """One finding. ``error``/``message`` are Meta's; ``rule``/``severity``/``fix`` are flowlint's."""

    error: str
    message: str
    pointers: tuple[Pointer, ...]
    rule: str = ""
    severity: Severity = ERROR
    error_type: str = FLOW_JSON_ERROR
    fix: str | None = None
    #: The validator of Meta's chain that reports this (``"OnClickActionPayloadV500"``), for the semantic pass;
    #: ``""`` elsewhere. Meta merges errors inside one validator only, so this decides what the API merges.
    validator: str = ""
    #: The text edits that repair this finding, when flowlint knows them (:mod:`flowlint.fixes`): filled in by
    #: the engine after ``locate``, with offsets into the report's ``source``.
    autofix: Fix | None = None

    @property
    def path(self) -> JsonPath:
        return self.pointers[0].path if self.pointers else ()

    @property
    def span(self) -> Span | None:
        return self.pointers[0].span if self.pointers else None

    @property
    def located(self) -> bool:
        return all(p.span is not None for p in self.pointers)

    def places(self) -> list[tuple[Pointer, str | None]]:
        """Every place of this finding with its own hint: a merged error has several (Meta merges the
        same code and message at several paths into one error), and each must be shown."""
        return [(p, self.fix if i == 0 else p.fix) for i, p in enumerate(self.pointers)]

    def with_rule(self, rule: str, severity: Severity) -> Diagnostic:
        return replace(self, rule=rule, severity=severity)

    def sort_key(self) -> tuple[int, int]:
        span = self.span
        return (span.line_start, span.column_start) if span else (0, 0)

    def to_dict(self) -> dict[str, Any]:
        """Everything, for tools (``--format json``)."""
        span = self.span
        return {
            "rule": self.rule,
            "severity": self.severity,
            "error": self.error,
            "errorType": self.error_type,
            "message": self.message,
            "fix": self.fix,
            "path": format_path(self.path),
            **(span.as_api() if span else {}),
            "pointers": [
                {**_pointer_dict(p), **({"fix": fix} if fix and i else {})}
                for i, (p, fix) in enumerate(self.places())
            ],
            "autofix": self.autofix.to_dict() if self.autofix is not None else None,
        }


def with_place_fix(pointer: Pointer, diag: Diagnostic) -> Pointer:
    """``pointer`` of ``diag`` as a later place of a merged error: it keeps ``diag``'s hint."""
    return replace(pointer, fix=diag.fix) if diag.fix and pointer.fix is None else pointer


def _pointer_dict(pointer: Pointer) -> dict[str, Any]:
    span = pointer.span
    return {**(span.as_api() if span else _ZERO), "path": pointer.path_text}


_ZERO = {"lineStart": 0, "lineEnd": 0, "columnStart": 0, "columnEnd": 0}


def merge_for_api(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Merge findings of one validator with the same error and message into one, as Meta does.

    Meta merges inside one validator (``WAFlowJSONBaseValidator.doValidate``), never across two: its 7.3
    chain runs the on-click payload check twice and answers each of its errors twice. The first occurrence
    keeps its place, later pointers are appended unless one with the same position is already there.
    Diagnostics without a validator (the stages before the semantic pass) merge by rule.
    """
    merged: dict[tuple[str, str, str], Diagnostic] = {}
    for diag in diagnostics:
        key = (diag.validator or diag.rule, diag.error, diag.message)
        first = merged.get(key)
        if first is None:
            merged[key] = diag
            continue
        seen = {_pointer_identity(p) for p in first.pointers}
        extra = tuple(with_place_fix(p, diag) for p in diag.pointers if _pointer_identity(p) not in seen)
        if extra:
            merged[key] = replace(first, pointers=first.pointers + extra)
    return list(merged.values())


def _pointer_identity(pointer: Pointer) -> tuple[Any, ...]:
    span = pointer.span
    if span is None:
        return (pointer.path, pointer.target)
    return (span.line_start, span.column_start, span.line_end, span.column_end)


def api_error(diag: Diagnostic, *, snake_case: bool = False) -> dict[str, Any]:
    """One element of the Create Flow response's ``validationErrors`` (or Graph's ``validation_errors``)."""
    first = _pointer_dict(diag.pointers[0]) if diag.pointers else {**_ZERO, "path": ""}
    out: dict[str, Any] = {
        "error": diag.error,
        "errorType": diag.error_type,
        "message": diag.message,
        "lineStart": first["lineStart"],
        "lineEnd": first["lineEnd"],
        "columnStart": first["columnStart"],
        "columnEnd": first["columnEnd"],
        "pointers": [_pointer_dict(p) for p in diag.pointers],
    }
    return _snake(out) if snake_case else out


def _snake(value: Any) -> Any:
    if isinstance(value, dict):
        return {re.sub(r"(?<!^)([A-Z])", r"_\1", k).lower(): _snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snake(v) for v in value]
    return value


@record()
class Report:
    """The result of linting one document.

    ``diagnostics`` are located and in report order (errors first in Meta's order, then flowlint's
    warnings). ``source`` is the decoded text (``None`` when it could not be read or decoded).
    """

    diagnostics: list[Diagnostic]
    source: str | None = None
    filename: str | None = None
    version: str | None = None
    value: Any = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when nothing Meta would reject was found (warnings do not count)."""
        return not any(d.severity == ERROR for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == WARNING]

    def to_api(self, *, include_warnings: bool = False) -> list[dict[str, Any]]:
        """The Create Flow response's ``validationErrors`` array (camelCase), merged as Meta merges."""
        chosen = self.diagnostics if include_warnings else self.errors
        return [api_error(d) for d in merge_for_api(chosen)]

    def to_graph(self, *, include_warnings: bool = False) -> list[dict[str, Any]]:
        """The same in Meta Graph API style (``validation_errors``, snake_case keys)."""
        chosen = self.diagnostics if include_warnings else self.errors
        return [api_error(d, snake_case=True) for d in merge_for_api(chosen)]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self.diagnostics]
