"""Every check flowlint can report, declared once: code, name, summary, Meta's error, versions, docs.

Each stage of the pipeline declares its own :class:`RuleInfo` list next to its code
(``flowlint.engine.RULES``, ``flowlint.source.RULES``, ``flowlint.versions.RULES``,
``flowlint.schema.RULES``, ``flowlint.rules.RULES``). This module only collects them into one table, in that order:
an explicit import list and one dict, no registration side effects.

Code ranges: FL0xx source and syntax, FL1xx versions, FL2xx the schema pass, FL3xx routing,
FL4xx screens and data, FL5xx actions and payloads, FL6xx components, FL7xx bindings and
expressions, FL8xx limits, FL9xx limits stated only by Meta's public docs (always warnings); FRxxx the
Create Flow request (a family of its own, so that no FL prefix selects it). Selectors that people write
(prefixes, names, renamed codes) are resolved in :mod:`flowlint.rule_codes`.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Literal

from flowlint.records import record

__all__ = ["RuleInfo", "all_rules", "get_rule", "rule_severity"]

Source = Literal["meta", "docs", "flowlint"]

#: Modules that declare ``RULES``, in pipeline order (imported on first use: the clean path needs none of them).
_RULE_MODULES = (
    "flowlint.engine",
    "flowlint.source",
    "flowlint.versions",
    "flowlint.schema",
    "flowlint.rules",
    "flowlint.request",
)


@record(frozen=True)
class RuleInfo:
    """The declaration of one check.

    ``source`` says whose rule it is: ``meta`` (Meta's validator rejects it: an error),
    ``docs`` (only Meta's public docs state it: a warning that cites them), or ``flowlint``
    (flowlint's own advice, e.g. duplicate keys that JSON.parse silently drops).
    ``doc`` answers: what it does, why it is bad, an example, what to use instead.
    """

    code: str
    name: str
    summary: str
    meta_error: str
    severity: Literal["error", "warning"]
    versions: str = "all"
    source: Source = "meta"
    doc: str = ""


@lru_cache(maxsize=1)
def all_rules() -> dict[str, RuleInfo]:
    table: dict[str, RuleInfo] = {}
    for name in _RULE_MODULES:
        for info in importlib.import_module(name).RULES:
            if info.code in table:
                raise RuntimeError(f"rule code {info.code} declared twice ({name})")
            table[info.code] = info
    return table


def get_rule(code: str) -> RuleInfo | None:
    return all_rules().get(code)


def rule_severity(code: str) -> Literal["error", "warning"]:
    """The declared severity of ``code``; ``KeyError`` for a code no module declares (a flowlint bug)."""
    return all_rules()[code].severity
