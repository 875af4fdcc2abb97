"""Checking documents for the language server, without pygls: which documents, with which configuration, and
the findings as LSP ``Diagnostic`` objects in their JSON form.

Kept free of pygls and lsprotocol (whose import alone takes ~250 ms) so that :mod:`flowlint.lsp.bootstrap` can
publish the first diagnostics before the server library is loaded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

from flowlint.config import ConfigError, Settings, discover, load, path_matches
from flowlint.diagnostics import Diagnostic
from flowlint.lsp.text import LspIndex, Outline, scan
from flowlint.positions import Span

__all__ = [
    "Checked",
    "Checker",
    "SettingsCache",
    "check_text",
    "diagnostic_dict",
    "looks_like_flow",
    "path_of",
    "rule_docs_url",
]

SOURCE = "flowlint"
_JSON_LANGUAGES = ("json", "jsonc")
_ERROR, _WARNING = 1, 2  # LSP DiagnosticSeverity


def looks_like_flow(outline: Outline) -> bool:
    """A Flow JSON document: ``version`` and ``screens`` among the top-level keys (broken text too)."""
    keys = set(outline.top_keys)
    return "version" in keys and "screens" in keys


def check_text(text: str, *, path: Path | None, settings: Settings) -> tuple[list[Diagnostic], Any]:
    """``flowlint check`` of one document's text with ``settings``: the findings, located, and the parsed value
    (None when the text does not parse)."""
    from flowlint.engine import Selection, lint

    selection = Selection(settings.selected(), settings.ignored_for(path))
    report = lint(
        text,
        version=settings.target_version,
        filename=str(path) if path else None,
        selection=selection,
        max_problems=settings.max_problems,
    )
    found = report.diagnostics
    if settings.severity == "error":
        found = [d for d in found if d.severity == "error"]
    return found, report.value


def rule_docs_url(rule: str, base: str | None = None) -> str | None:
    """The link to a rule's documentation: ``docs/rules.md#fl204-name`` under ``base`` (initialization option
    ``ruleDocsUrl`` or ``FLOWLINT_RULE_DOCS_URL``), by default the ``docs/rules.md`` of this checkout."""
    from flowlint.catalog import get_rule

    info = get_rule(rule)
    if info is None:
        return None
    base = base or os.environ.get("FLOWLINT_RULE_DOCS_URL") or _default_docs()
    return f"{base}#{info.code.lower()}-{info.name}"


def _default_docs() -> str:
    local = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return local.as_uri() if local.is_file() else "https://pypi.org/project/whatsapp-flowlint/"


def range_dict(index: LspIndex, start: int, end: int) -> dict[str, Any]:
    (l1, c1), (l2, c2) = index.position(start), index.position(max(end, start))
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def span_range(span: Span | None, index: LspIndex) -> dict[str, Any]:
    """An LSP range for a flowlint span: from its character offsets (exact for any line ending and any
    character), or from its 1-based positions when it has none."""
    if span is None:
        return range_dict(index, 0, 0)
    if span.start >= 0 and span.end >= span.start:
        return range_dict(index, span.start, span.end)
    return {
        "start": {"line": max(span.line_start - 1, 0), "character": max(span.column_start - 1, 0)},
        "end": {"line": max(span.line_end - 1, 0), "character": max(span.column_end - 1, 0)},
    }


def diagnostic_dict(diag: Diagnostic, index: LspIndex, uri: str, *, docs_url: str | None = None) -> dict[str, Any]:
    """One finding as an LSP ``Diagnostic`` (JSON form): the first place is the range, the other places of a merged
    error are related information, each with its own hint; the rule code links to its documentation."""
    places = diag.places()
    first_fix = places[0][1] if places else diag.fix
    out: dict[str, Any] = {
        "range": span_range(diag.span, index),
        "severity": _ERROR if diag.severity == "error" else _WARNING,
        "code": diag.rule or diag.error,
        "source": SOURCE,
        "message": diag.message + (f"\n{first_fix}" if first_fix else ""),
        "data": {"error": diag.error, "path": diag.pointers[0].path_text if diag.pointers else ""},
    }
    href = rule_docs_url(diag.rule, docs_url) if diag.rule else None
    if href:
        out["codeDescription"] = {"href": href}
    related = [
        {
            "location": {"uri": uri, "range": span_range(pointer.span, index)},
            "message": f"also at {pointer.path_text or 'the root'}" + (f": {fix}" if fix else ""),
        }
        for pointer, fix in places[1:]
    ]
    if related:
        out["relatedInformation"] = related
    return out


def path_of(uri: str) -> Path | None:
    """The file of a ``file:`` URI (None for an unsaved buffer)."""
    if not uri.startswith("file:"):
        return None
    from urllib.parse import unquote, urlparse

    parsed = urlparse(uri)
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]
    return Path(path) if path else None


class SettingsCache:
    """The configuration of each document, as ``flowlint check`` finds it (:func:`flowlint.config.discover` from the
    document's directory). A file is read again only when its modification time or size changes, so an edited
    ``pyproject.toml`` applies to the next check without a restart. A configuration with a mistake is reported once
    (``on_error``) and the defaults are used meanwhile."""

    def __init__(self, *, on_error: Callable[[str], None] | None = None) -> None:
        self._loaded: dict[Path, tuple[tuple[int, int], Settings]] = {}
        self._reported: set[str] = set()
        self.on_error = on_error

    def for_document(self, path: Path | None, root: Path | None) -> Settings:
        start = path.parent if path is not None else root
        if start is None:
            return Settings()
        found = discover(start)
        if found is None:
            return Settings(root=root or start)
        try:
            info = os.stat(found)
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            return Settings(root=root or start)
        cached = self._loaded.get(found)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            settings = load(found)
        except ConfigError as exc:
            message = "; ".join(exc.lines())
            if message not in self._reported and self.on_error is not None:
                self._reported.add(message)
                self.on_error(f"flowlint: configuration not used: {message}")
            settings = Settings(root=found.parent)
        self._loaded[found] = (stamp, settings)
        return settings


class Checked:
    """One checked version of a document: findings, their LSP form, the value to answer requests with."""

    __slots__ = ("uri", "version", "text", "path", "findings", "diagnostics", "value", "index")

    def __init__(self, uri: str, version: int | None, text: str, path: Path | None, findings: list[Diagnostic],
                 diagnostics: list[dict[str, Any]], value: Any, index: LspIndex) -> None:
        self.uri, self.version, self.text, self.path = uri, version, text, path
        self.findings, self.diagnostics, self.value, self.index = findings, diagnostics, value, index


class Checker:
    """Which documents are checked, and checking one version of one.

    Checked: JSON documents that look like Flow JSON (``version`` and ``screens`` at the top; once a document was a
    flow it stays one while it is broken), and any file matching an ``include`` glob; not those the configuration
    excludes (``exclude``/``extend-exclude``). Others are left alone."""

    def __init__(self) -> None:
        self.messages: list[str] = []  # configuration problems, for the server to show
        self.settings = SettingsCache(on_error=self.messages.append)
        self.include: tuple[str, ...] = ()
        self.docs_url: str | None = None
        self.root: Path | None = None
        self.flows: set[str] = set()
        self.last_values: dict[str, Any] = {}

    def configure(self, options: Any, root: Path | None) -> dict[str, Any]:
        """Read the initialization options this module uses; the rest is returned for the server."""
        self.root = root
        if not isinstance(options, dict):
            return {}
        include = options.get("include")
        if isinstance(include, list):
            self.include = tuple(p for p in include if isinstance(p, str))
        if isinstance(options.get("ruleDocsUrl"), str):
            self.docs_url = options["ruleDocsUrl"]
        return options

    def forget(self, uri: str) -> None:
        self.flows.discard(uri)
        self.last_values.pop(uri, None)

    def wanted(self, uri: str, text: str, value: Any, path: Path | None, language: str | None) -> bool:
        if path is not None and self.include and any(
            path_matches(path, p, root=self.root or path.parent) for p in self.include
        ):
            return True
        if language is not None and language not in _JSON_LANGUAGES and not uri.endswith(".json"):
            return False
        if isinstance(value, dict):
            is_flow = "version" in value and "screens" in value
        else:
            is_flow = uri in self.flows or looks_like_flow(scan(text))
        if is_flow:
            self.flows.add(uri)
        else:
            self.flows.discard(uri)
        return is_flow

    def check(self, uri: str, version: int | None, text: str, language: str | None = None) -> Checked | None:
        """Check one text: None for a document that is not a flow (or is excluded by the configuration)."""
        path = path_of(uri)
        # A document already known as a flow is not parsed twice (lint parses it): the common case, typing.
        if uri not in self.flows and not self.wanted(uri, text, parse(text), path, language):
            return None
        settings = self.settings.for_document(path, self.root)
        if path is not None and settings.excluded(path):
            return None
        findings, checked_value = check_text(text, path=path, settings=settings)
        if isinstance(checked_value, dict):
            self.last_values[uri] = checked_value
            if not ("version" in checked_value and "screens" in checked_value) and not self.include:
                self.flows.discard(uri)  # no longer a flow: the next version is looked at again
        index = LspIndex(text) if findings else LspIndex("")
        diagnostics = [diagnostic_dict(d, index, uri, docs_url=self.docs_url) for d in findings]
        return Checked(uri, version, text, path, findings, diagnostics, self.last_values.get(uri), index)


def parse(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None
