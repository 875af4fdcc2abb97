"""The semantic pass: Meta's validator chain, per Flow JSON version, over a precomputed flow model.

Stage interface (``flowlint.engine``): :func:`check` ``(doc, version) -> list[Diagnostic]`` with paths (no
spans), ``rule`` and ``severity`` stamped, in Meta's order. :data:`RULES` declares every rule of this stage.

How it runs (``spec/meta-validator.md`` §0 step 4, §1; ``conformance/meta/README.md`` "Settled by running
Meta's validator"): the flow model (:mod:`flowlint.rules.model`) is built once; then every validator named
in the version's chain (:data:`CHAINS`, the columns of the table in :mod:`flowlint.rules.chains`) runs in
order; their findings are concatenated, each diagnostic carrying the name of its validator
(``Diagnostic.validator``). Meta merges errors with the same code and message inside one validator only,
so the API merges by validator: Meta's 7.3 chain runs the on-click payload check twice
(OnClickActionPayloadValidatorV600, then V500) and answers each of its errors twice, and so does
flowlint's ``to_api()``. A finding identical to an earlier one of the same
validator (same rule, error, message, pointers) is dropped.

Module protocol (how a validator family plugs in)
-------------------------------------------------
A validator module is ``flowlint/rules/<family>.py``, listed in :data:`VALIDATOR_MODULES`. It exports:

- ``RULES: list[flowlint.catalog.RuleInfo]``: the rules it reports (code, kebab-case name, summary, Meta's
  error, default severity, versions, source, doc).
- ``VALIDATORS: dict[str, Callable[[FlowModel], Iterable[Finding]]]``: Meta's validator name, short form as
  in :data:`CHAINS` (``"ConditionalRenderingV600"`` for ``WAFlowJSONConditionalRenderingValidatorV600``),
  to a function.

A validator function receives the :class:`~flowlint.rules.model.FlowModel` (``model.doc``,
``model.version``, ``model.screens`` with flattened ``components`` and ``actions``, ``model.by_id``,
``model.actions``, ``model.routing_edges()``, binding helpers :func:`~flowlint.rules.model.parse_binding`,
``Screen.data_schema``, ``FlowModel.form_field``, ``FlowModel.binding_target_screen``) and yields
:class:`~flowlint.rules.base.Finding` ``(rule, error, message, pointers, fix=None)``: the rule code (one of its
``RULES``), Meta's error name and message word for word, and pointers built with
:func:`~flowlint.rules.base.at` (value) / :func:`~flowlint.rules.base.key_at` (key). It never computes a
position, never raises on odd values (wrong types anywhere), and yields in Meta's order. The one exception:
where Meta's own validator throws, it raises :class:`~flowlint.rules.base.MetaThrows`, and the chain's answer
is that one ``INVALID_FLOW_JSON`` error, as Meta's is. The engine stamps
severity from the rule's declaration. Findings of one validator with the same error and message are merged
into one API error by :func:`flowlint.diagnostics.merge_for_api`, as Meta merges them.

Every name in every chain (:mod:`flowlint.rules.chains`, one table of versions and validators) has a
validator: importing this package fails otherwise (:func:`missing_validators`). The slots of the
expression/binding family are: ``ConditionalRenderingV500``/``V600`` (``conditions``),
``DynamicParserV600`` (``dynamic_expressions``), ``NestedExpressionActionPayloadPropertyV702``
(``nested_expressions``; the complete-on-non-terminal check that Meta's V702 also makes is the separate slot
``CompleteActionV702`` of :mod:`flowlint.rules.actions`, just before it), ``ScreenDynamicDataV500``/``V600``
(``screen_dynamic_data``), ``RichTextDynamicDataV501`` (``rich_text_dynamic_data``).
"""

from __future__ import annotations

import os
from types import ModuleType
from typing import Any, Callable, Iterable, Mapping

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import Diagnostic
from flowlint.rules import (
    actions,
    components,
    conditions,
    dates,
    docs,
    dynamic_expressions,
    limits,
    nested_expressions,
    rich_text_dynamic_data,
    routing,
    screen_dynamic_data,
    screens,
)
from flowlint.rules.base import Finding, MetaThrows
from flowlint.rules.chains import CHAINS, DOCS_CHAIN, chain_for
from flowlint.rules.model import FlowModel, build_model
from flowlint.versions import FlowVersion

__all__ = [
    "check", "RULES", "CHAINS", "DOCS_CHAIN", "VALIDATOR_MODULES", "NOT_REPRODUCED", "chain_for", "registry",
    "missing_validators",
]

Validator = Callable[[FlowModel], Iterable[Finding]]

#: Modules that declare validators, in catalogue order (rule codes: FL3xx … FL9xx, then FL7xx families).
VALIDATOR_MODULES: tuple[ModuleType, ...] = (
    routing,
    screens,
    actions,
    components,
    dates,
    limits,
    docs,
    conditions,
    dynamic_expressions,
    nested_expressions,
    screen_dynamic_data,
    rich_text_dynamic_data,
)

#: Chain slots Meta runs whose checks change no recorded answer: flowlint runs nothing for them, on purpose.
NOT_REPRODUCED = {
    "ShoppingScreenExternalDataV502": "5.2 shopping screens' external data source: no recorded answer depends on it",
}


def _reports_nothing(model: FlowModel) -> Iterable[Finding]:
    return ()


# --- registry -----------------------------------------------------------------------------------------
def registry() -> dict[str, Validator]:
    """Validator name -> function, from every validator module (and a no-op per :data:`NOT_REPRODUCED` slot)."""
    table: dict[str, Validator] = dict.fromkeys(NOT_REPRODUCED, _reports_nothing)
    for module in VALIDATOR_MODULES:
        table.update(module.VALIDATORS)
    return table


def missing_validators(table: Mapping[str, object]) -> dict[str, list[int]]:
    """Chain names that ``table`` has no validator for, with the versions whose chain names them."""
    missing: dict[str, list[int]] = {}
    for number, chain in CHAINS.items():
        for name in chain:
            if name not in table:
                missing.setdefault(name, []).append(number)
    for name in DOCS_CHAIN:
        if name not in table:
            missing.setdefault(name, []).append(0)
    return missing


_REGISTRY = registry()
if missing_validators(_REGISTRY):  # a name in the chain table that nothing implements: fail now, not silently
    raise ImportError(f"flowlint.rules: chain slots without a validator: {missing_validators(_REGISTRY)}")

#: Reported when a validator raises (a flowlint bug): Meta reports a throwing validator as INVALID_FLOW_JSON.
VALIDATOR_FAILED = RuleInfo(
    "FL300",
    "validator-failed",
    "A semantic validator failed on this document (a flowlint bug; please report it).",
    "FLOWLINT_INTERNAL_ERROR",
    "warning",
    source="flowlint",
    doc="What it does: reports that one of flowlint's semantic validators raised an exception on this "
    "document; the other validators still ran. Set FLOWLINT_DEBUG=1 to get the traceback.\n\nWhy is this bad? "
    "The document was not fully checked. It is a warning, not an error: the failure is flowlint's, and says "
    "nothing about whether Meta accepts the flow.\n\nExample: none (a bug).\n\nUse instead: "
    "report the document to flowlint's maintainers.",
)

RULES: list[RuleInfo] = [VALIDATOR_FAILED] + [info for module in VALIDATOR_MODULES for info in module.RULES]
_SEVERITY = {info.code: info.severity for info in RULES}


def _run(name: str, validator: Validator, model: FlowModel) -> list[Finding]:
    try:
        return list(validator(model))
    except MetaThrows:
        raise  # not a flowlint bug: Meta's validator fails on this flow (check() answers that alone)
    except Exception as exc:  # noqa: BLE001 - a rule bug must not take the whole lint down
        # flowlint keeps the other validators' findings and says which one failed, as a warning: a flowlint
        # bug says nothing about the flow (FL000 is the same idea for a whole stage).
        if os.environ.get("FLOWLINT_DEBUG"):
            raise
        message = f"flowlint internal error in validator {name}: {type(exc).__name__}: {exc}"
        return [Finding("FL300", "FLOWLINT_INTERNAL_ERROR", message, ())]


def check(doc: dict[str, Any], version: FlowVersion, *, longest_string: int | None = None) -> list[Diagnostic]:
    """Run the version's validator chain over ``doc``: diagnostics with paths, in Meta's order.

    ``longest_string``: the length of the longest string value of ``doc``, when the parser knows it
    (:attr:`FlowModel.longest_string`)."""
    if not isinstance(doc, dict):
        return []
    model = build_model(doc, version)
    model.longest_string = longest_string
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    for name in chain_for(version):
        validator = _REGISTRY[name]
        try:
            found = _run(name, validator, model)
        except MetaThrows as thrown:
            # Meta's chain answers the exception alone: every other finding, before and after, is dropped.
            return [_diagnostic(thrown.finding, name)]
        for finding in found:
            identity = (name, finding.rule, finding.error, finding.message, finding.pointers)
            if identity in seen:
                continue
            seen.add(identity)
            out.append(_diagnostic(finding, name))
    return out


def _diagnostic(finding: Finding, validator: str) -> Diagnostic:
    return Diagnostic(
        finding.error,
        finding.message,
        finding.pointers,
        rule=finding.rule,
        severity=_SEVERITY[finding.rule],  # a code no RULES declares is a flowlint bug: KeyError, never "error"
        fix=finding.fix,
        validator=validator,
    )
