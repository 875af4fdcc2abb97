"""Limits stated only by Meta's public docs, which Meta's validator does not enforce: warnings, never errors.

Meta's validator accepts these flows (``conformance/meta/README.md``: ``screen-id-uppercase-success``,
``limit-components-100``), so flowlint only warns and cites the docs (digest in ``spec/flowjson.md``).
"""

from __future__ import annotations

from typing import Iterable

from flowlint.catalog import RuleInfo
from flowlint.rules.base import Finding, at
from flowlint.rules.model import SHOPPING_LAYOUTS, FlowModel

__all__ = ["RULES", "VALIDATORS", "DOCS_MAX_COMPONENTS"]

#: developers.facebook.com/docs/whatsapp/flows/reference/components: "The maximum number of components per
#: screen is 50." (spec/flowjson.md [MCOMP]; copy in eudresfs/whatsapp-flows docs/reference/components.md);
#: Meta's validator enforces 100 (FL802).
DOCS_MAX_COMPONENTS = 50

RULES = [
    RuleInfo(
        "FL950", "docs-components-per-screen", "Meta's docs allow at most 50 components per screen.",
        "MAX_ALLOWED_COMPONENTS_PER_SCREEN", "warning", "all", source="docs",
        doc="What it does: warns when a screen has more than 50 components (counted as Meta's validator counts: "
        "inside Forms, If and Switch; Forms not counted).\n\nWhy is this bad? Meta's components reference says "
        "\"The maximum number of components per screen is 50\" "
        "(https://developers.facebook.com/docs/whatsapp/flows/reference/components); its validator enforces "
        "100 (FL802), so the flow uploads today but relies on an undocumented allowance.\n\nExample: 60 TextBody "
        "components on one screen.\n\nUse instead: spread them over several screens.",
    ),
    RuleInfo(
        "FL951", "docs-reserved-screen-id", "Meta's docs reserve the screen id `SUCCESS`.",
        "SCREEN_ID_IS_RESERVED_KEYWORD", "warning", "all", source="docs",
        doc="What it does: warns about a screen whose id is `SUCCESS` in any letter case other than the "
        "lower-case `success` (which is an error, FL401).\n\nWhy is this bad? Meta's Flow JSON reference says "
        "\"SUCCESS is a reserved keyword and should not be used as a screen id\" "
        "(https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson#screens); "
        "its validator only rejects lower-case `success` (case screen-id-uppercase-success), so the flow uploads "
        "but contradicts the docs.\n\nExample: `\"id\": \"SUCCESS\"`.\n\nUse instead: `\"id\": \"DONE\"`.",
    ),
    RuleInfo(
        "FL952", "docs-terminal-screen-footer", "Meta's docs require a completing Footer on terminal screens.",
        "MISSING_FOOTER_ON_TERMINAL_SCREEN", "warning", "2.1-7.2", source="docs",
        doc="What it does: before 7.3 (from 7.3 Meta's validator rejects it: FL412, FL413), warns about a "
        "terminal screen without a Footer, or whose Footer navigates.\n\nWhy is this bad? Meta's Flow JSON "
        "reference says \"It's mandatory to have a Footer component on the terminal screen\" and, of `navigate`, "
        "\"You shouldn't use it on the Footer of a terminal screen because that will prevent the flow from "
        "terminating\" (https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson). Upgrading the "
        "flow to 7.3 turns this into an error.\n\nExample: a terminal screen with only a TextBody.\n\nUse "
        "instead: a Footer with `\"name\": \"complete\"`.",
    ),
]


def docs_components_per_screen(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        counted = [c for c in screen.components if c.type != "Form"]
        if DOCS_MAX_COMPONENTS < len(counted) <= 100:
            message = (
                f"Meta's docs allow at most {DOCS_MAX_COMPONENTS} components per screen, found {len(counted)} "
                "(Meta's validator accepts up to 100)."
            )
            yield Finding("FL950", "MAX_ALLOWED_COMPONENTS_PER_SCREEN", message, at(screen.path + ("layout", "children")))


def docs_reserved_screen_id(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        if screen.id is not None and screen.id != "success" and screen.id.lower() == "success":
            message = f"Screen id '{screen.id}' is reserved by Meta's docs (Meta's validator only rejects 'success')."
            yield Finding("FL951", "SCREEN_ID_IS_RESERVED_KEYWORD", message, at(screen.path + ("id",)),
                          fix="rename the screen, e.g. 'DONE'")


def docs_terminal_screen_footer(model: FlowModel) -> Iterable[Finding]:
    if model.version.number >= 703:
        return  # Meta's TerminalScreenFooterValidatorV500 runs from 7.3: FL412/FL413 report it as an error
    for screen in model.screens:
        if not screen.terminal or screen.layout_type in SHOPPING_LAYOUTS:
            continue
        footers = screen.of_type("Footer")
        if not footers:
            message = f"Meta's docs require a Footer on terminal screen '{screen.id}' (enforced from Flow JSON 7.3)."
            yield Finding("FL952", "MISSING_FOOTER_ON_TERMINAL_SCREEN", message, at(screen.path))
            continue
        action = footers[0].node.get("on-click-action")
        if isinstance(action, dict) and action.get("name") == "navigate":
            message = (
                f"The Footer of terminal screen '{screen.id}' navigates: Meta's docs say this prevents the flow from "
                "terminating (rejected from Flow JSON 7.3)."
            )
            yield Finding("FL952", "INVALID_PROPERTY_VALUE", message, at(footers[0].path + ("on-click-action", "name")),
                          fix="use \"name\": \"complete\"")


VALIDATORS = {
    "DocsComponentsPerScreen": docs_components_per_screen,
    "DocsReservedScreenId": docs_reserved_screen_id,
    "DocsTerminalScreenFooter": docs_terminal_screen_footer,
}
