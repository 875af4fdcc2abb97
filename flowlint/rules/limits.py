"""Limits Meta's validator enforces: screens per flow, components per screen, per-type maxima per screen,
media pickers per screen.

Meta's ``MaxAllowedScreensValidatorV500``, ``TotalComponentsPerScreenValidatorV500``,
``ComponentTypePerScreenValidatorV500/V700`` and ``NativeComponentCountValidatorV500``
(``spec/meta-validator.md`` §2.3, §4.1, §4.2; counting settled by the ``limit-*`` conformance cases:
If and Switch nodes count as components and Form nodes do not; per-type maxima take the larger If branch
and the largest Switch case).
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from flowlint.catalog import RuleInfo
from flowlint.components import type_maxima
from flowlint.rules.base import Finding, at, is_dict
from flowlint.rules.model import MEDIA_PICKERS, Component, FlowModel, Screen

__all__ = ["RULES", "VALIDATORS", "MAX_SCREENS", "MAX_COMPONENTS", "TYPE_MAXIMA", "TYPE_MAXIMA_V700"]

MAX_SCREENS = 100
MAX_COMPONENTS = 100
#: WAFlowJSONConstants.SCREEN_COMPONENT_MAX_COUNT (5.1-6.3) and …_V700 (7.0+, adds Form), from the component
#: table (``max_per_screen`` of flowlint.components).
TYPE_MAXIMA = type_maxima("5.1")
TYPE_MAXIMA_V700 = type_maxima("7.0")

RULES = [
    RuleInfo(
        "FL801", "too-many-screens", "At most 100 screens per flow.", "MAX_SCREENS_NUMBER", "error", "5.1+",
        doc="What it does: reports the screens beyond the 100th.\n\nWhy is this bad? Meta rejects flows with "
        "more than 100 screens.\n\nExample: 101 screens.\n\nUse instead: split the journey into several flows.",
    ),
    RuleInfo(
        "FL802", "too-many-components", "At most 100 components per screen.", "MAX_ALLOWED_COMPONENTS_PER_SCREEN",
        "error", "5.1+",
        doc="What it does: counts a screen's components (inside Forms, If branches and Switch cases; If and "
        "Switch count, Forms do not) and reports those beyond the 100th.\n\nWhy is this bad? Meta rejects it "
        "(its public docs even say 50, see FL950).\n\nExample: 101 TextBody components.\n\nUse instead: "
        "spread them over several screens.",
    ),
    RuleInfo(
        "FL803", "component-type-limit", "Per-screen maxima per component type (Footer 1, Image 3, OptIn 5, …).",
        "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN", "error", "5.1+",
        doc="What it does: reports a screen with more than "
        + ", ".join(f"{kind} {most}" for kind, most in TYPE_MAXIMA.items())
        + " (and, from 7.0, "
        + ", ".join(f"{kind} {most}" for kind, most in TYPE_MAXIMA_V700.items() if kind not in TYPE_MAXIMA)
        + "). Only the "
        "larger If branch and the largest Switch case count.\n\nWhy is this bad? Meta rejects it.\n\nExample: "
        "two Footers on one screen.\n\nUse instead: one Footer (put alternatives in If branches).",
    ),
    RuleInfo(
        "FL804", "media-picker-limit", "At most one PhotoPicker or DocumentPicker per screen.",
        "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN", "error", "5.1+",
        doc="What it does: reports a screen with more than one media picker (PhotoPicker and DocumentPicker "
        "together; the larger If branch and the largest Switch case count).\n\nWhy is this bad? Meta rejects "
        "it.\n\nExample: a PhotoPicker and a DocumentPicker on one screen.\n\nUse instead: one picker per "
        "screen.",
    ),
]


# --- MaxAllowedScreensV500 -----------------------------------------------------------------------------
def max_allowed_screens(model: FlowModel) -> Iterable[Finding]:
    if len(model.screens) > MAX_SCREENS:
        message = f"Maximum number of screens allowed per Flow is {MAX_SCREENS} but found {len(model.screens)}."
        yield Finding("FL801", "MAX_SCREENS_NUMBER", message, at(*(s.path for s in model.screens[MAX_SCREENS:])))


# --- TotalComponentsPerScreenV500 ----------------------------------------------------------------------
def total_components_per_screen(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        counted = [c for c in model.mapped(screen).components if c.type != "Form"]
        if len(counted) > MAX_COMPONENTS:
            message = f"Maximum number of components allowed per screen is {MAX_COMPONENTS} but found {len(counted)}."
            yield Finding(
                "FL802",
                "MAX_ALLOWED_COMPONENTS_PER_SCREEN",
                message,
                at(*(c.path + ("type",) for c in counted[MAX_COMPONENTS:])),
            )


# --- counting with If/Switch ---------------------------------------------------------------------------
def _count(nodes: Any, types: frozenset[str]) -> int:
    """Components of ``types`` among ``nodes``: If counts its larger branch, Switch its largest case."""
    return _counts(nodes, dict.fromkeys(types, "")).get("", 0)


def _flattened_of(screen: Screen, *types: str) -> Sequence[Component]:
    """``getComponentDataByType``: components of each type in turn, each in flattened order."""
    return [c for kind in types for c in screen.of_type(kind)]


def _counts(nodes: Any, buckets: Mapping[str, str]) -> dict[str, int]:
    """Components among ``nodes`` counted into ``buckets`` (component type -> bucket name): If counts its larger
    branch and Switch its largest case, for each bucket on its own. One bucket for several types is
    :func:`_count`; a bucket per type counts every type in one walk, exactly as separate counts would."""
    totals: dict[str, int] = {}
    if not isinstance(nodes, list):
        return totals
    for node in nodes:
        if not is_dict(node):
            continue
        kind = node.get("type")
        if not isinstance(kind, str):
            continue
        bucket = buckets.get(kind)
        if bucket is not None:
            totals[bucket] = totals.get(bucket, 0) + 1
        if kind == "Form":
            branches = [_counts(node.get("children"), buckets)]
        elif kind == "If":
            branches = [_counts(node.get("then"), buckets), _counts(node.get("else"), buckets)]
        elif kind == "Switch" and is_dict(node.get("cases")):
            branches = [_counts(v, buckets) for v in node["cases"].values()]
        else:
            continue
        for counted in {k for branch in branches for k in branch}:
            totals[counted] = totals.get(counted, 0) + max(branch.get(counted, 0) for branch in branches)
    return totals


# --- ComponentTypePerScreenV500 / V700 -----------------------------------------------------------------
def _component_type_per_screen(model: FlowModel, maxima: dict[str, int]) -> Iterable[Finding]:
    for screen in model.screens:
        if not screen.node:
            continue
        # Meta reads the components from its per-id maps (the last screen with this id: ``mapped``), but counts
        # the branches of If/Switch in the screen's own layout; with a duplicated id the two differ.
        mapped = model.mapped(screen)
        if mapped.of_type("If", "Switch"):
            # Meta counts with the 5.x table here, also from 7.0 (its conditional branch reads the constant).
            # A count (the larger branch of each If) is at most the number of such components on the screen.
            if all(len(screen.of_type(kind)) <= most for kind, most in TYPE_MAXIMA.items()):
                continue
            counts = _counts(screen.children, {kind: kind for kind in TYPE_MAXIMA})
            for kind, most in TYPE_MAXIMA.items():
                if counts.get(kind, 0) > most:
                    of_kind = _flattened_of(mapped, kind)
                    message = f"Maximum number of {kind} allowed per screen is {most} but found {len(of_kind)}."
                    yield Finding("FL803", "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN", message,
                                  at(*(c.path + ("type",) for c in of_kind)))
            continue
        for kind, most in maxima.items():
            of_kind = mapped.of_type(kind)  # _flattened_of for one type
            if len(of_kind) > most:
                message = f"Maximum number of {kind} allowed per screen is {most} but found {len(of_kind)}."
                yield Finding("FL803", "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN", message,
                              at(*(c.path + ("type",) for c in of_kind[most:])))


def component_type_per_screen_v500(model: FlowModel) -> Iterable[Finding]:
    return _component_type_per_screen(model, TYPE_MAXIMA)


def component_type_per_screen_v700(model: FlowModel) -> Iterable[Finding]:
    return _component_type_per_screen(model, TYPE_MAXIMA_V700)


# --- NativeComponentCountV500 --------------------------------------------------------------------------
def native_component_count(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        # The count (the larger branch of each If) is at most the number of pickers on the screen.
        if len(screen.of_type("PhotoPicker")) + len(screen.of_type("DocumentPicker")) <= 1:
            continue
        if _count(screen.children, MEDIA_PICKERS) > 1:
            # Counted in this screen's layout, pointed at in the last screen with its id (as Meta reads them).
            pickers = _flattened_of(model.mapped(screen), "PhotoPicker", "DocumentPicker")
            yield Finding(
                "FL804",
                "COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN",
                "You can only have a maximum of 1 component of type PhotoPicker or DocumentPicker per screen.",
                at(*(c.path + ("type",) for c in pickers)),
            )


VALIDATORS = {
    "MaxAllowedScreensV500": max_allowed_screens,
    "TotalComponentsPerScreenV500": total_components_per_screen,
    "ComponentTypePerScreenV500": component_type_per_screen_v500,
    "ComponentTypePerScreenV700": component_type_per_screen_v700,
    "NativeComponentCountV500": native_component_count,
}
