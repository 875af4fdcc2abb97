"""Fixes as data: the text edits that repair a finding, and applying them to a text.

A :class:`Fix` is one or more :class:`Edit` (a 0-based ``[start, end)`` character range of the text that was
linted and what replaces it) with an applicability:

* ``safe`` keeps the meaning of the flow: a misspelt component type, enum value or property name with exactly
  one close match (:class:`flowlint.suggestions.Suggestion`), an earlier duplicate key that Meta ignores anyway;
* ``unsafe`` changes what the flow does: a misspelling with several close matches (the closest is taken), a
  property this version does not have removed, a route added to ``routing_model``.

Edits touch only their ranges: the rest of the text keeps every character (indentation, key order, line ends,
escapes). The engine attaches fixes after ``locate`` (:func:`attach_fixes`, run only on a report with findings);
:func:`apply_fixes` applies non-overlapping ones, and :func:`fix_text` lints, applies and lints again until
nothing changes (at most :data:`MAX_PASSES` times, as ruff does), since one fix can reveal the next finding.
Which findings are fixable is listed in ``docs/cli.md`` ("Fixes").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

from flowlint.diagnostics import MISSING, Diagnostic, JsonPath, Pointer, Report, value_at
from flowlint.positions import LineIndex, Span
from flowlint.records import record
from flowlint.suggestions import Suggestion

if TYPE_CHECKING:
    from flowlint.engine import Selection
    from flowlint.source import ParsedSource

__all__ = [
    "Applicability",
    "Edit",
    "Fix",
    "FixResult",
    "FIXABLE",
    "MAX_PASSES",
    "SAFE",
    "UNSAFE",
    "apply_fixes",
    "attach_fixes",
    "fix_text",
]

Applicability = Literal["safe", "unsafe"]
SAFE: Applicability = "safe"
UNSAFE: Applicability = "unsafe"

#: Lint-and-fix rounds at most (a fix can reveal another finding, overlapping fixes wait for the next round).
MAX_PASSES = 10

#: Rule code -> what its fix does and its applicability (the table docs/cli.md shows).
FIXABLE: dict[str, tuple[str, str]] = {
    "FL004": ("remove the earlier occurrence of a duplicated key (Meta keeps the last)", "safe"),
    "FL201": ("rename a misspelt property to its one close match (safe; several close: unsafe); a property with "
              "no close match is removed (unsafe)", "safe / unsafe"),
    "FL204": ("replace a misspelt component or layout type with its one close match", "safe / unsafe"),
    "FL205": ("replace a misspelt enum value with its one close match", "safe / unsafe"),
    "FL217": ("remove a property the flow's version does not have yet", "unsafe"),
    "FL308": ("add the missing route to routing_model", "unsafe"),
}


@record(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` by ``content`` (``start == end``: an insertion). ``span`` is the same range as
    API positions (docs/positions.md), for reporters."""

    start: int
    end: int
    content: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "content": self.content}
        if self.span is not None:
            out.update(self.span.as_api())
        return out


@record(frozen=True, slots=True)
class Fix:
    """The edits that repair one finding, what they do (``message``), and whether they are ``safe``."""

    edits: tuple[Edit, ...]
    applicability: Applicability = SAFE
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [edit.to_dict() for edit in self.edits],
        }


@record(frozen=True, slots=True)
class FixResult:
    """What :func:`fix_text` did: the fixed ``text``, how many findings it ``fixed`` (fixes applied over all
    passes), and ``report``, the lint of the fixed text (what remains)."""

    text: str
    fixed: int
    report: Report
    passes: int = 0

    @property
    def changed(self) -> bool:
        return self.fixed > 0


# --- applying --------------------------------------------------------------------------------------------------


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == b.start:  # two insertions at one place, or an insertion where a replacement starts
        return True
    return a.start < b.end and b.start < a.end


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """``text`` with the fixes applied, and the fixes that were. A fix whose edits overlap an edit of a fix
    applied before it (in text order) is left for the next pass: :func:`fix_text` lints again and retries."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    ordered = sorted((f for f in fixes if f.edits), key=lambda f: min(e.start for e in f.edits))
    for fix in ordered:
        own = sorted(fix.edits, key=lambda e: e.start)
        if any(_overlaps(a, b) for a, b in zip(own, own[1:])):
            continue
        if any(_overlaps(edit, other) for edit in own for other in taken):
            continue
        chosen.append(fix)
        taken.extend(own)
    parts: list[str] = []
    position = 0
    for edit in sorted(taken, key=lambda e: e.start):
        parts.append(text[position : edit.start])
        parts.append(edit.content)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts), chosen


def fix_text(
    text: str,
    *,
    unsafe: bool = False,
    version: str | None = None,
    selection: Selection | None = None,
    max_passes: int = MAX_PASSES,
    only: Sequence[str] | None = None,
) -> FixResult:
    """Lint ``text``, apply its fixes (the safe ones; ``unsafe=True``: all), lint again, until no fix applies or
    ``max_passes`` rounds are done. A text that does not parse is returned unchanged (nothing can be located in
    it). ``only``: rule codes whose fixes to apply (all when None)."""
    from flowlint.engine import lint

    report = lint(text, version=version, selection=selection, max_problems=None)
    fixed = 0
    passes = 0
    while passes < max_passes:
        wanted = [
            d.autofix for d in report.diagnostics
            if d.autofix is not None and (unsafe or d.autofix.applicability == SAFE)
            and (only is None or d.rule in only)
        ]
        if not wanted:
            break
        new_text, applied = apply_fixes(text, wanted)
        if not applied or new_text == text:
            break
        passes += 1
        fixed += len(applied)
        text = new_text
        report = lint(text, version=version, selection=selection, max_problems=None)
    return FixResult(text, fixed, report, passes)


# --- finding the fixes ------------------------------------------------------------------------------------------


def attach_fixes(diagnostics: list[Diagnostic], parsed: ParsedSource) -> list[Diagnostic]:
    """The diagnostics, each with the fix flowlint knows for it (``autofix``), offsets into ``parsed.text``."""
    if parsed.fatal or not isinstance(parsed.value, dict):
        return diagnostics
    finder = _Finder(parsed)
    out = []
    for diag in diagnostics:
        try:
            fix = finder.fix_for(diag)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):  # no fix rather than a wrong one
            fix = None
        out.append(replace(diag, autofix=fix) if fix is not None else diag)
    return out




class _Finder:
    def __init__(self, parsed: ParsedSource) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self.doc = parsed.value

    @property
    def index(self) -> LineIndex:
        return self.parsed.index

    def edit(self, start: int, end: int, content: str) -> Edit:
        return Edit(start, end, content, self.index.span(start, end))

    def value_at(self, path: JsonPath) -> Any:
        return value_at(self.doc, path)

    def fix_for(self, diag: Diagnostic) -> Fix | None:
        if diag.rule == "FL004":
            return self._duplicate(diag)
        if diag.rule == "FL308":
            return self._route(diag)
        fixes = []
        for pointer, hint in diag.places():
            fix = self._place(diag, pointer, hint)
            if fix is None:
                return None  # every place or none: a half-fixed finding would stay reported
            fixes.append(fix)
        return _combine(fixes)

    # A misspelling (a Suggestion), or an unknown property with nothing close.
    def _place(self, diag: Diagnostic, pointer: Pointer, hint: str | None) -> Fix | None:
        span = pointer.span
        if span is None or span.start < 0:
            return None
        if diag.error == "INVALID_PROPERTY_KEY" and pointer.target == "key":
            member = pointer.at if pointer.at is not None else pointer.path
            if not member or not isinstance(member[-1], str) or self._token(span) != member[-1]:
                return None
            owner = self.value_at(member[:-1])
            if not isinstance(owner, dict):
                return None
            if isinstance(hint, Suggestion) and hint.original == member[-1]:
                if hint.replacement in owner:  # renaming would make a duplicate key
                    return None
                return Fix(
                    (self.edit(span.start, span.end, _dumps(hint.replacement)),),
                    SAFE if hint.unique else UNSAFE,
                    f"Rename '{hint.original}' to '{hint.replacement}'",
                )
            start, end = self._member_removal(span.start)
            return Fix((self.edit(start, end, ""),), UNSAFE, f"Remove the property '{member[-1]}'")
        if not isinstance(hint, Suggestion) or pointer.target != "value":
            return None
        where = pointer.at if pointer.at is not None else pointer.path
        if self.value_at(where) != hint.original or self._token(span) != hint.original:
            return None
        return Fix(
            (self.edit(span.start, span.end, _dumps(hint.replacement)),),
            SAFE if hint.unique else UNSAFE,
            f"Replace '{hint.original}' with '{hint.replacement}'",
        )

    def _token(self, span: Span) -> Any:
        """The JSON value written at ``span`` (a key token reads as its string)."""
        try:
            return json.loads(self.text[span.start : span.end])
        except ValueError:
            return MISSING

    def _member_removal(self, key_start: int) -> tuple[int, int]:
        """The range to delete to remove the member whose key starts at ``key_start``, with one comma."""
        text = self.text
        colon = _skip_space(text, _string_end(text, key_start))
        if text[colon] != ":":
            raise ValueError("not a member")
        value_end = _value_end(text, _skip_space(text, colon + 1))
        before = _skip_space_back(text, key_start)
        if text[before - 1] == ",":  # a later member: the comma before it goes with it
            return before - 1, value_end
        after = _skip_space(text, value_end)
        if text[after] == ",":  # the first member: up to the next key
            return key_start, _skip_space(text, after + 1)
        return before, after  # the only member: the object becomes {}

    def _duplicate(self, diag: Diagnostic) -> Fix | None:
        """FL004 points at a repeated key (the occurrence Meta keeps, if it is the last): remove the occurrence
        of that key just before it in the same object."""
        pointer = diag.pointers[0] if diag.pointers else None
        if pointer is None or pointer.span is None or pointer.target != "key" or pointer.span.start < 0:
            return None
        key = pointer.path[-1] if pointer.path else None
        if not isinstance(key, str) or self._token(pointer.span) != key:
            return None
        # The occurrence just before this one, found when the object was scanned: linear in all, however many
        # times a key repeats.
        earlier = self.parsed.source_map.earlier_occurrence(pointer.path[:-1], key, pointer.span.start)
        if earlier is None:
            return None
        start, end = self._member_removal(earlier)
        return Fix((self.edit(start, end, ""),), SAFE, f"Remove the earlier '{key}' (Meta keeps the last one)")

    def _route(self, diag: Diagnostic) -> Fix | None:
        if len(diag.pointers) != 2:
            return None
        source = self.value_at(diag.pointers[0].path)
        target = self.value_at(diag.pointers[1].path)
        routing = self.doc.get("routing_model")
        if not isinstance(source, str) or not isinstance(target, str) or not isinstance(routing, dict) or not routing:
            return None
        source_map = self.parsed.source_map
        message = f"Add the route '{source}' -> '{target}' to routing_model"
        routes = routing.get(source, MISSING)
        if routes is not MISSING:
            if not isinstance(routes, list) or target in routes:
                return None
            path: JsonPath = ("routing_model", source)
            array = source_map.value_span(path)
            if array is None:
                return None
            if not routes:
                return Fix((self.edit(array.start, array.end, f"[{_dumps(target)}]"),), UNSAFE, message)
            last = source_map.value_span(path + (len(routes) - 1,))
            if last is None:
                return None
            separator = ", "
            if len(routes) >= 2:
                before = source_map.value_span(path + (len(routes) - 2,))
                if before is not None:
                    separator = self.text[before.end : last.start]
            return Fix((self.edit(last.end, last.end, separator + _dumps(target)),), UNSAFE, message)
        keys = list(routing)
        last_value = source_map.value_span(("routing_model", keys[-1]))
        if last_value is None:
            return None
        separator = ", "
        if len(keys) >= 2:
            previous = source_map.value_span(("routing_model", keys[-2]))
            last_key = source_map.key_span(("routing_model", keys[-1]))
            if previous is not None and last_key is not None:
                separator = self.text[previous.end : last_key.start]
        content = f"{separator}{_dumps(source)}: [{_dumps(target)}]"
        return Fix((self.edit(last_value.end, last_value.end, content),), UNSAFE, message)


def _combine(fixes: list[Fix]) -> Fix | None:
    if not fixes:
        return None
    if len(fixes) == 1:
        return fixes[0]
    applicability = SAFE if all(f.applicability == SAFE for f in fixes) else UNSAFE
    edits = tuple(e for f in fixes for e in f.edits)
    return Fix(edits, applicability, "; ".join(dict.fromkeys(f.message for f in fixes)))


def _dumps(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


_SPACE = " \t\n\r"


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in _SPACE:
        position += 1
    return position


def _skip_space_back(text: str, position: int) -> int:
    """The offset just after the last non-space character before ``position``."""
    while position > 0 and text[position - 1] in _SPACE:
        position -= 1
    return position


def _string_end(text: str, start: int) -> int:
    """The offset just past the JSON string that starts at ``start``."""
    return _value_end(text, start)


def _value_end(text: str, start: int) -> int:
    """The offset just past the JSON value that starts at ``start`` (json's own scanner)."""
    from flowlint.source import _scan_value_end

    return _scan_value_end(text, start)
