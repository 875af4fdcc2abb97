"""The pipeline: bytes -> value -> version gate -> schema pass -> semantic rules -> located report.

Meta's order is kept: the version gate, then the JSON-Schema pass, and the semantic validators only
when the schema pass found nothing (``spec/meta-validator.md`` §0 step 3: Meta stops there, and
semantic findings on a structurally broken document would cascade). Positions are filled in last, by
:func:`locate`, from the source map, which is built only if there is something to locate.
"""

from __future__ import annotations

import gc
import os
import stat
from dataclasses import replace
from typing import Any, Callable, Iterable, Sequence

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import ERROR, WARNING, Diagnostic, Pointer, Report
from flowlint.positions import Span
from flowlint.source import MAX_BYTES, ParsedSource, parse_source
from flowlint.versions import FlowVersion, version_gate

__all__ = ["lint", "lint_file", "locate", "cap", "Selection", "run_checks", "MAX_PROBLEMS"]

#: The stages after the version gate. Each takes (document, version) and returns diagnostics with paths; the
#: semantic stage also takes keyword hints from the parser (``longest_string``).
Check = Callable[..., list[Diagnostic]]


RULES = [
    RuleInfo(
        "FL000",
        "internal-error",
        "A check of flowlint failed on this document (a flowlint bug).",
        "FLOWLINT_INTERNAL_ERROR",
        WARNING,
        source="flowlint",
        doc="""What it does: reports that one of flowlint's checks raised an exception on this document, so its
findings are missing. The rest of the report stands. Set FLOWLINT_DEBUG=1 to get the traceback.

Why is this bad? The document may have problems flowlint could not report. Please file the document
with the bug report.

Example: (none: this is flowlint's fault, not the flow's).

Use instead: (nothing to change in the flow).""",
    ),
]

#: Default cap on the problems reported for one document (``max-problems``; 0 or None: no cap). Past it, one
#: FL099 warning says how many more there are: a damaged 10 MB file can hold millions of problems, and
#: locating and printing them all would help no one.
MAX_PROBLEMS = 1000

RULES.append(
    RuleInfo(
        "FL099",
        "too-many-problems",
        "More problems than max-problems (1000 by default): the rest are not shown.",
        "FLOWLINT_TOO_MANY_PROBLEMS",
        WARNING,
        source="flowlint",
        doc=f"""What it does: when a document has more problems than `max-problems` (default {MAX_PROBLEMS};
`--max-problems N` on the command line, `max-problems` in the configuration, `max_problems=` in the
library; 0 means no limit), reports the first ones and then this warning, which says how many were left
out. Errors are kept before warnings, so a document with errors never looks clean. `select`/`ignore` do not
apply to it: problems are never hidden silently.

Why is this bad? Thousands of problems in one file come from one mistake repeated (a generated flow, a
broken merge); the first ones show it. Locating and printing millions would cost time and memory.

Example: a generated flow with 5 000 screens, each missing its `title`.

Use instead: fix the first problems and run again, or raise `max-problems`.""",
    )
)

_TOO_DEEP = (
    "Flow JSON is not valid. The document nests too deeply to be checked "
    "(arrays and objects inside each other)."
)


def _run_stage(stage: Check, doc: dict[str, Any], version: FlowVersion, **hints: Any) -> list[Diagnostic]:
    """Run one stage; an exception is a flowlint bug, reported as FL000 instead of a traceback."""
    try:
        return stage(doc, version, **hints)
    except RecursionError:
        return [Diagnostic("INVALID_FLOW_JSON", _TOO_DEEP, (Pointer(()),), "FL005", ERROR)]
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into a report
        if os.environ.get("FLOWLINT_DEBUG"):
            raise
        name = getattr(stage, "__module__", "?")
        message = f"flowlint internal error in {name}: {type(exc).__name__}: {exc}"
        return [Diagnostic("FLOWLINT_INTERNAL_ERROR", message, (Pointer(()),), "FL000", WARNING)]


class Selection:
    """Which rule codes to report: ``select``/``ignore`` by code or prefix (``FL2``, ``FL301``, ``ALL``)."""

    def __init__(self, select: Sequence[str] = ("ALL",), ignore: Sequence[str] = ()) -> None:
        self.select = tuple(_selector(s) for s in select) or ("ALL",)
        self.ignore = tuple(_selector(s) for s in ignore)

    @staticmethod
    def _match(code: str, patterns: tuple[str, ...]) -> int:
        """Length of the longest matching prefix (``ALL`` counts as 0), or -1."""
        best = -1
        for pattern in patterns:
            if pattern == "ALL":
                best = max(best, 0)
            elif code.startswith(pattern):
                best = max(best, len(pattern))
        return best

    def allows(self, code: str) -> bool:
        """The more specific pattern wins. At equal specificity ``select`` wins (``--select FL102`` brings back a
        code the configuration ignores), except for ``ALL`` against ``ALL``: ``--ignore ALL`` with the default
        ``select = ["ALL"]`` reports nothing, and ``--ignore ALL --select FL2`` only FL2, as in ruff."""
        selected = self._match(code, self.select)
        ignored = self._match(code, self.ignore)
        if selected < 0:
            return False
        return selected > ignored or (selected == ignored and selected > 0)


def _selector(text: str) -> str:
    """A selector as the engine matches it: a rule name (``duplicate-key``) becomes its code, and an old code
    (``FL1009``, now ``FR009``) its new one with a ``DeprecationWarning``, as the command line and the
    configuration do (:mod:`flowlint.rule_codes`); anything else is matched as written."""
    upper = text.upper()
    if upper[:2] in ("FL", "FR", "AL") and not upper.startswith("FL10"):
        return upper  # a code, a prefix or ALL: nothing to look up
    from flowlint.rule_codes import SelectorError, resolve_selector

    try:
        resolved = resolve_selector(text)
    except SelectorError:
        return upper  # names no rule: matches nothing, as before
    if resolved.note is not None:
        import warnings

        warnings.warn(resolved.note, DeprecationWarning, stacklevel=3)
    return resolved.selector


def run_checks(
    doc: dict[str, Any],
    *,
    target_version: str | None = None,
    legacy_severity: str = "warning",
    longest_string: int | None = None,
) -> tuple[FlowVersion | None, list[Diagnostic]]:
    """Version gate, schema pass, semantic pass, on a parsed document (paths only, no positions).

    ``longest_string``: the length of the document's longest string value when the parser knows it
    (:attr:`flowlint.source.ParsedSource.longest_string`); the semantic pass skips work with it."""
    version, found = version_gate(doc, override=target_version, legacy_severity=legacy_severity)
    if version is None:
        return None, found
    # The stages are imported here, not at the top: ``import flowlint`` (the reporters, the CLI's --help) stays
    # light, and the rule modules load only for a flow that passed the version gate.
    from flowlint import schema

    schema_found = _run_stage(schema.check, doc, version)
    found.extend(schema_found)
    if not any(d.severity == ERROR for d in schema_found):
        from flowlint import rules

        found.extend(_run_stage(rules.check, doc, version, longest_string=longest_string))
    return version, found


def cap(diagnostics: list[Diagnostic], max_problems: int | None, *, omitted: int = 0) -> list[Diagnostic]:
    """At most ``max_problems`` diagnostics (errors before warnings, report order kept), then FL099.

    ``omitted`` problems were never made (warnings past the cap, see ``parse_source``): counted as hidden."""
    if not max_problems or max_problems < 0 or len(diagnostics) + omitted <= max_problems:
        return diagnostics
    ranked = sorted(range(len(diagnostics)), key=lambda i: diagnostics[i].severity != ERROR)  # stable
    kept = [diagnostics[i] for i in sorted(ranked[:max_problems])]
    hidden = len(diagnostics) + omitted - max_problems
    noun = "problem" if hidden == 1 else "problems"
    message = f"{hidden} more {noun} not shown (at most {max_problems} per file: see max-problems)."
    kept.append(Diagnostic("FLOWLINT_TOO_MANY_PROBLEMS", message, (Pointer((), span=Span(1, 1, 1, 2, 0, 1)),),
                           "FL099", WARNING))
    return kept


def locate(diagnostics: Iterable[Diagnostic], parsed: ParsedSource) -> list[Diagnostic]:
    """Fill in the span of every pointer from the source map (built here, on first need)."""
    out: list[Diagnostic] = []
    for diag in diagnostics:
        if diag.located:
            out.append(diag)
            continue
        source_map = parsed.source_map
        pointers = tuple(replace(p, span=source_map.locate(p)) for p in diag.pointers)
        out.append(replace(diag, pointers=pointers))
    return out


def lint(
    data: bytes | bytearray | memoryview | str | dict[str, Any],
    *,
    version: str | None = None,
    filename: str | None = None,
    selection: Selection | None = None,
    max_problems: int | None = MAX_PROBLEMS,
    total_size: int | None = None,
) -> Report:
    """Lint one Flow JSON document (bytes or text). Never raises on bad input: problems are diagnostics.

    ``version`` checks the flow as if it declared that Flow JSON version (``--target-version``).
    ``max_problems`` caps the diagnostics (:func:`cap`, FL099); 0 or None reports them all.
    ``total_size``: see :func:`flowlint.source.parse_source` (``data`` is the beginning of a larger input).

    ``data`` may also be an already parsed flow (a ``dict``, e.g. from ``flowlint.testing.valid_flows()``):
    it is checked as its canonical rendering, ``json.dumps(data, indent=2, ensure_ascii=False)``, and the
    positions refer to that text. Any other type raises ``TypeError``.
    """
    data = _as_document(data)
    # The cyclic garbage collector is paused for the call: a large flow is a million new objects (the parsed
    # value, the flow model) and none of them forms a cycle, but each collection of the oldest generation walks
    # all of them again: a third of the time on a 9 MB flow. Another thread's call may turn it back on early
    # (then that call is only slower); the collector runs as usual once the call returns.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _lint(data, version=version, filename=filename, selection=selection, max_problems=max_problems,
                     total_size=total_size)
    finally:
        if collecting:
            gc.enable()


def _lint(
    data: bytes | str,
    *,
    version: str | None,
    filename: str | None,
    selection: Selection | None,
    max_problems: int | None,
    total_size: int | None,
) -> Report:
    parsed = parse_source(data, total_size=total_size, max_duplicates=max_problems or None)
    found = list(parsed.diagnostics)
    checked_version: FlowVersion | None = None
    if not parsed.fatal:
        checked_version, more = run_checks(parsed.value, target_version=version, longest_string=parsed.longest_string)
        found.extend(more)
    if selection is not None:
        found = [d for d in found if selection.allows(d.rule)]
    # FL099 is not subject to select/ignore: hiding problems silently would be worse than printing them.
    omitted = parsed.omitted_duplicates if selection is None or selection.allows("FL004") else 0
    found = cap(found, max_problems, omitted=omitted)
    located = locate(found, parsed)
    if located and not parsed.fatal:  # a clean flow never imports the fixes
        from flowlint.fixes import attach_fixes

        located = attach_fixes(located, parsed)
    return Report(
        located,
        source=parsed.text,
        filename=filename,
        version=checked_version.canonical if checked_version else None,
        value=parsed.value,
    )


def _as_document(data: object) -> bytes | str:
    if isinstance(data, (bytes, str)):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, dict):
        import json

        try:
            return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise TypeError(f"flowlint.lint: the dict is not JSON data ({error})") from None
    raise TypeError(
        "flowlint.lint takes the Flow JSON text (str or bytes) or a parsed flow (dict), "
        f"not {type(data).__name__}; for a file, use flowlint.lint_file(path)"
    )


def lint_file(
    path: str | os.PathLike[str],
    *,
    version: str | None = None,
    selection: Selection | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> Report:
    """Lint a file. An unreadable file raises ``OSError`` (the CLI turns it into exit code 2).

    At most ``MAX_BYTES + 1`` bytes are read: enough to know a file is over Meta's 10 MB limit (FL006), so a
    huge file, or a device that never ends, is not read into memory.
    """
    if not isinstance(path, (str, bytes, os.PathLike)):
        # open() would take an integer as a descriptor, read it and close the caller's descriptor.
        raise TypeError(f"flowlint.lint_file takes a path, not {type(path).__name__}; pass text to flowlint.lint")
    with open(path, "rb") as file:
        data = file.read(MAX_BYTES + 1)
        total_size = None
        if len(data) > MAX_BYTES:
            info = os.fstat(file.fileno())
            total_size = info.st_size if stat.S_ISREG(info.st_mode) else -1
    return lint(
        data,
        version=version,
        filename=os.fspath(path),
        selection=selection,
        max_problems=max_problems,
        total_size=total_size,
    )
