"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps...).

One run. ``tool.driver.rules`` lists every rule of the catalog with its summary and its documentation
as help text; each result names its rule (``ruleId`` and ``ruleIndex``), its level, the message and one
region. A merged error (Meta's one error for the same message at several places) gives one result per place,
so that code-scanning dashboards, which show a result's first location only, show every place; each such
result lists the other places as ``relatedLocations`` and carries its own hint. Columns are UTF-16 code units
(``columnKind``), as in the API, and ``endColumn`` is exclusive in both. Files that could not be read are
tool execution notifications, and make ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from flowlint.catalog import RuleInfo, all_rules
from flowlint.diagnostics import Diagnostic, Pointer
from flowlint.reporters import FileResult, RenderOptions

__all__ = ["SCHEMA_URI", "render"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/whatsapp-flowlint/"


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    from flowlint import __version__

    rules = list(all_rules().values())
    index = {info.code: i for i, info in enumerate(rules)}
    descriptors = [_descriptor(info) for info in rules]
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        uri = _uri(result.path)
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{result.path}: {result.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        for diagnostic in result.diagnostics:
            code = diagnostic.rule or diagnostic.error
            if code not in index:  # a finding from outside the catalog still gets a descriptor
                index[code] = len(descriptors)
                descriptors.append({"id": code, "shortDescription": {"text": diagnostic.error}})
            places: Sequence[tuple[Pointer | None, str | None]] = diagnostic.places() or [(None, diagnostic.fix)]
            for i, (pointer, fix) in enumerate(places):
                sarif_results.append(_result(diagnostic, code, index[code], uri, i, fix))
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "flowlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    help_text = info.doc or info.summary
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": info.severity},
        "properties": {
            "metaError": info.meta_error,
            "versions": info.versions,
            "source": info.source,
            "tags": [info.source],
        },
    }


def _result(
    diagnostic: Diagnostic, code: str, rule_index: int, uri: str, place: int, fix: str | None
) -> dict[str, Any]:
    """The result for one place (``place``: its index among the diagnostic's pointers)."""
    pointers = diagnostic.pointers
    out: dict[str, Any] = {
        "ruleId": code,
        "ruleIndex": rule_index,
        "level": diagnostic.severity,
        "message": {"text": diagnostic.message},
        "locations": [_location(pointers[place], uri)] if pointers else [],
        "properties": {"error": diagnostic.error, "errorType": diagnostic.error_type},
    }
    related = [_location(p, uri, ident=i) for i, p in enumerate(pointers) if i != place]
    if related:
        out["relatedLocations"] = related
        out["properties"]["place"] = f"{place + 1} of {len(pointers)}"
    if fix:
        out["properties"]["fix"] = fix
    if diagnostic.autofix is not None and place == 0:  # once per finding: its edits cover every place
        out["fixes"] = [_fix(diagnostic, uri)]
    return out


def _fix(diagnostic: Diagnostic, uri: str) -> dict[str, Any]:
    """A SARIF ``fix`` (§3.55): the finding's edits as replacements of regions (UTF-16 columns, end exclusive;
    a region whose start and end are equal is an insertion point)."""
    autofix = diagnostic.autofix
    assert autofix is not None
    replacements = []
    for edit in autofix.edits:
        span = edit.span
        region = {} if span is None else {
            "startLine": span.line_start,
            "startColumn": span.column_start,
            "endLine": span.line_end,
            "endColumn": span.column_end,
        }
        replacements.append({"deletedRegion": region, "insertedContent": {"text": edit.content}})
    return {
        "description": {"text": autofix.message},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
        "properties": {"applicability": autofix.applicability},
    }


def _location(pointer: Pointer, uri: str, *, ident: int | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    span = pointer.span
    if span is not None and span.line_start > 0:
        physical["region"] = {
            "startLine": span.line_start,
            "startColumn": span.column_start,
            "endLine": span.line_end,
            "endColumn": span.column_end,
        }
    location: dict[str, Any] = {"physicalLocation": physical}
    if ident is not None:
        location["id"] = ident
    if pointer.path_text:
        kind = "property" if pointer.target == "key" else "value"
        location["logicalLocations"] = [{"fullyQualifiedName": pointer.path_text, "kind": kind}]
    return location


def _uri(path: str) -> str:
    """A relative path stays relative (forward slashes, percent-encoded); an absolute one becomes file://.

    Names that are not UTF-8 (surrogate escapes in ``str``) are encoded back to their bytes first.
    """
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(os.fsencode(PurePath(path).as_posix()))  # bytes: a non-UTF-8 file name stays exact
