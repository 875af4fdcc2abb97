"""The semantic pass: Meta's validator chain, per Flow JSON version, over a precomputed flow model.

Stage interface (``flowlint.engine``): :func:`check` ``(doc, version) -> list[Diagnostic]`` with paths (no
spans), ``rule`` and ``severity`` stamped, in Meta's order. :data:`RULES` declares every rule of this stage.

How it runs (``spec/meta-validator.md`` §0 step 4, §1; ``conformance/meta/README.md`` "Settled by running
Meta's validator"): the flow model (:mod:`flowlint.rules.model`) is built once; then every validator named
in the version's chain (:data:`CHAINS`, a tuple of validator names) runs in order; their findings are
concatenated, each diagnostic carrying the name of its validator (``Diagnostic.validator``). Meta merges
errors with the same code and message inside one validator only, so the API merges by validator: Meta's 7.3
chain runs the on-click payload check twice (OnClickActionPayloadValidatorV600, then V500) and answers each
of its errors twice, and so does flowlint's ``to_api()``. A finding identical to an earlier one of the same
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

A chain slot whose validator is not registered (its module is absent: ``ModuleNotFoundError`` on exactly
that module) is skipped, so families written in parallel plug in without edits here. The slots for the
expression/binding family are: ``ConditionalRenderingV500``/``V600`` (``conditions``),
``DynamicParserV600`` (``dynamic_expressions``), ``NestedExpressionActionPayloadPropertyV702``
(``nested_expressions``; the complete-on-non-terminal check that Meta's V702 also makes is the separate slot
``CompleteActionV702`` of :mod:`flowlint.rules.actions`, just before it), ``ScreenDynamicDataV500``/``V600``
(``screen_dynamic_data``), ``RichTextDynamicDataV501`` (``rich_text_dynamic_data``).
"""

from __future__ import annotations

import os

import importlib
from types import ModuleType
from typing import Any, Callable, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import Diagnostic
from flowlint.rules.base import Finding, MetaThrows
from flowlint.rules.model import FlowModel, build_model
from flowlint.versions import FlowVersion

__all__ = ["check", "RULES", "CHAINS", "VALIDATOR_MODULES", "chain_for", "registry"]

Validator = Callable[[FlowModel], Iterable[Finding]]

#: Modules that declare validators, in catalogue order (rule codes: FL3xx … FL9xx, then FL7xx families).
VALIDATOR_MODULES = (
    "flowlint.rules.routing",
    "flowlint.rules.screens",
    "flowlint.rules.actions",
    "flowlint.rules.components",
    "flowlint.rules.dates",
    "flowlint.rules.limits",
    "flowlint.rules.docs",
    "flowlint.rules.conditions",
    "flowlint.rules.dynamic_expressions",
    "flowlint.rules.nested_expressions",
    "flowlint.rules.screen_dynamic_data",
    "flowlint.rules.rich_text_dynamic_data",
)

# --- chains -------------------------------------------------------------------------------------------
# §1.1: WAFlowJSONValidatorChainV500, the base of 5.1 (never run by Meta for 5.0 itself).
_V500 = (
    "RoutingModelSourceV500",
    "RoutingModelDestinationV500",
    "RoutingModelBackRouteV500",
    "RoutingModelEntryScreenV500",
    "RoutingModelPathV500",
    "RoutesV500",
    "MaxAllowedScreensV500",
    "ScreenIDV500",
    "ComponentTypePerScreenV500",
    "TotalComponentsPerScreenV500",
    "MinMaxPropertyV500",
    "ConditionallyRequiredPropertyV500",
    "RefreshOnBackV500",
    "NavigateNextScreenNameV500",
    "NavigateActionPayloadFieldsV500",
    "NavigateActionStaticDataV500",
    "ActionPayloadFieldSchemaV500",
    "ScreenDataV500",
    "ScreenDynamicDataV500",
    "SuccessOnTerminalScreenV500",
    "OnClickActionPayloadV500",
    "CompleteActionV500",
    "NativeComponentCountV500",
    "ConditionalRenderingV500",
    "FormComponentNamesV500",
    "DataSourceV500",
    "DatePickerV500",
    "IfComponentNestingV500",
    "NativeComponentsInitV500",
    "SwitchV500",
    "OptionalFormV500",
)


def _without(chain: tuple[str, ...], *names: str) -> tuple[str, ...]:
    return tuple(n for n in chain if n not in names)


_V501 = _V500 + ("RichTextPlacementV501", "RichTextDynamicDataV501", "SensitiveFieldsV501", "MetaFieldV501")
_V502 = _V501 + ("ShoppingScreenExternalDataV502", "RoutingModelShoppingScreensPathV502", "CartScreenV502")
# 6.0 is built on 5.1, not 5.2. Its filter removes seven validators; the dynamic-expression parser is
# behind a server switch that was on for the recorded runs (README).
_FILTER_600 = (
    "ActionPayloadFieldSchemaV500",
    "ScreenDynamicDataV500",
    "RichTextPlacementV501",
    "ConditionalRenderingV500",
    "NavigateActionStaticDataV500",
    "NavigateActionPayloadFieldsV500",
    "OnClickActionPayloadV500",
)
_V600 = _without(_V501, *_FILTER_600) + (
    "OnClickActionPayloadV600",
    "ComponentPlacementV600",
    "ConditionalRenderingV600",
    "NavigateActionStaticDataV600",
    "DynamicParserV600",
    "ActionPayloadFieldSchemaV600",
    "UpdateDataActionPayloadFieldsV600",
    "UpdateDataActionStaticDataV600",
    "OnSelectActionExclusiveV600",
    "UpdateDataActionRedundantSelfUpdateV600",
    "ScreenDynamicDataV600",
)
_V601 = _V600 + ("CalendarPickerV601",)
_V602 = _without(_V601, "RoutingModelEntryScreenV500", "ComponentPlacementV600", "RoutesV500") + (
    "NavigationListV602",
    "NavigationListOnTerminalScreenV602",
    "RoutingModelEntryScreenV602",
    "RoutesV602",
    "ComponentPlacementV602",
    "TextInputPatternFieldV602",
)
# 6.3's filter works by instanceof: removing the V500 entry-screen and routes validators also removes
# their V602 subclasses (README: 6.3-7.2 run neither).
_V603 = _without(_V602, "ComponentPlacementV602", "RoutingModelEntryScreenV602", "RoutesV602") + (
    "ComponentPlacementV603",
)
_V700 = _without(_V603, "ComponentTypePerScreenV500") + ("FormComponentAttributesV700", "ComponentTypePerScreenV700")
# 7.1 re-applies the 6.0 filter, which (instanceof again) also removes the V600 subclasses (README).
_V701 = _without(
    _V700 + ("ImageCarouselV701",),
    "OnClickActionPayloadV600",
    "ConditionalRenderingV600",
    "NavigateActionStaticDataV600",
    "ActionPayloadFieldSchemaV600",
    "UpdateDataActionPayloadFieldsV600",
    "UpdateDataActionStaticDataV600",
    "ScreenDynamicDataV600",
)
# 7.2 is built on 7.0, drops CompleteActionV500; its nested-expression validator repeats the
# complete-on-terminal check (README, case action-complete-on-non-terminal-v7-2).
_V702 = _without(_V700, "CompleteActionV500") + (
    "ImageCarouselV701",
    "CompleteActionV702",
    "NestedExpressionActionPayloadPropertyV702",
)
_V703 = _V702 + (
    "TerminalScreenFooterV500",
    "RoutingModelEntryScreenV703",
    "OnClickActionPayloadV500",
    "RoutesV602",
    "NavigateActionPayloadFieldsV500",
)

#: Validator names per version number, in run order. Versions below 5.1 (refused by Meta, FL103) are
#: checked with the 5.0 base chain.
CHAINS: dict[int, tuple[str, ...]] = {
    500: _V500,
    501: _V501,
    502: _V502,
    600: _V600,
    601: _V601,
    602: _V602,
    603: _V603,
    700: _V700,
    701: _V701,
    702: _V702,
    703: _V703,
    704: _V703,  # 7.4 is validated exactly like 7.3 (case version-7-4-accepted)
}


#: flowlint's own checks (Meta's docs, not its validator: warnings), run after Meta's chain in every version.
DOCS_CHAIN = ("DocsComponentsPerScreen", "DocsReservedScreenId", "DocsTerminalScreenFooter", "FlowlintExpressionLimits")


def chain_for(version: FlowVersion) -> tuple[str, ...]:
    if version.number in CHAINS:
        chain = CHAINS[version.number]
    elif version.number < 501:
        chain = CHAINS[500]
    else:
        chain = CHAINS[max(CHAINS)]
    return chain + DOCS_CHAIN


# --- registry -----------------------------------------------------------------------------------------
def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


_MODULES: list[ModuleType] = [m for m in (_load(n) for n in VALIDATOR_MODULES) if m is not None]


def registry() -> dict[str, Validator]:
    """Validator name -> function, from every validator module present."""
    table: dict[str, Validator] = {}
    for module in _MODULES:
        table.update(getattr(module, "VALIDATORS", {}))
    return table


_REGISTRY = registry()

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

RULES: list[RuleInfo] = [VALIDATOR_FAILED] + [
    info for module in _MODULES for info in getattr(module, "RULES", ())
]
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
        validator = _REGISTRY.get(name)
        if validator is None:
            continue
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
        severity=_SEVERITY.get(finding.rule, "error"),
        fix=finding.fix,
        validator=validator,
    )
