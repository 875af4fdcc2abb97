"""Routing rules FL301-FL311 (spec/meta-validator.md §2.1, §2.4; version ranges from the conformance README)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import (
    assert_clean,
    assert_reports,
    complete,
    exchange,
    flow,
    heading,
    navigate,
    screen,
    two_screens,
)


def dc_flow(routing_model: dict, *screens: dict, version: str = "7.3") -> dict:
    return flow(*screens, version=version, data_api_version="3.0", routing_model=routing_model)


def three_dc_screens() -> tuple[dict, dict, dict]:
    return (
        screen("DETAILS", heading(), exchange()),
        screen("EXTRAS", heading(), exchange()),
        screen("CONFIRM", heading(), complete(), terminal=True),
    )


# FL301 screen-missing-from-routing-model ---------------------------------------------------------------
def test_fl301_screen_missing_from_routing_model() -> None:
    doc = dc_flow({"DETAILS": ["CONFIRM"], "CONFIRM": []}, *three_dc_screens())
    assert_reports(
        doc, "FL301", "INVALID_ROUTING_MODEL", "screens[1].id", '"id": ', '"EXTRAS"',
        message="Following screens are missing in the routing model: [EXTRAS].",
    )


def test_fl301_terminal_screens_need_not_be_listed() -> None:
    doc = dc_flow({"DETAILS": ["EXTRAS"], "EXTRAS": []}, *three_dc_screens())
    assert_clean(doc, "FL301")


# FL302 too-many-routing-branches ------------------------------------------------------------------------
def _menu(n: int, *, dc: bool) -> dict:
    targets = [f"T{chr(65 + i)}" for i in range(n)]
    if dc:
        menu = screen("MENU", heading(), exchange())
        others = [screen(t, heading(), complete(), terminal=True) for t in targets]
        return dc_flow({"MENU": targets, **{t: [] for t in targets}}, menu, *others)
    menu = screen("MENU", heading(), {"type": "Form", "name": "f", "children": [
        {"type": "EmbeddedLink", "text": t, "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": t},
                                                               "payload": {}}} for t in targets]}, complete(), terminal=True)
    return flow(menu, *[screen(t, heading(), complete(), terminal=True) for t in targets])


def test_fl302_more_than_ten_routing_branches() -> None:
    assert_reports(
        _menu(11, dc=True), "FL302", "INVALID_ROUTING_MODEL", "routing_model.MENU", '"routing_model"', '"MENU"',
        message="Number of branches exceeds the max limit of 10 for screens: [MENU].",
    )
    assert_clean(_menu(10, dc=True), "FL302")


def test_fl302_more_than_ten_navigate_targets_without_routing_model() -> None:
    assert_reports(
        _menu(11, dc=False), "FL302", "INVALID_ROUTING_MODEL", "screens[0]", '"screens": [', "{",
        message="Number of branches exceeds the max limit of 10 for screens: [MENU]. Reduce navigate actions for the screen.",
    )
    assert_clean(_menu(10, dc=False), "FL302")


# FL303 routing-self-loop, FL304 routing-unknown-screen, FL305 routing-back-route --------------------------
def test_fl303_self_loop() -> None:
    doc = dc_flow({"DETAILS": ["DETAILS", "CONFIRM"], "CONFIRM": []},
                  screen("DETAILS", heading(), exchange()), screen("CONFIRM", heading(), complete(), terminal=True))
    assert_reports(doc, "FL303", "INVALID_ROUTING_MODEL", "routing_model.DETAILS", '"routing_model"', '"DETAILS"',
                   message="Loop detected in the routing model for screens: [DETAILS].")
    assert_clean(two_screens_dc(), "FL303")


def two_screens_dc() -> dict:
    return dc_flow({"DETAILS": ["CONFIRM"], "CONFIRM": []},
                   screen("DETAILS", heading(), exchange()), screen("CONFIRM", heading(), complete(), terminal=True))


def test_fl304_unknown_destination_and_source() -> None:
    doc = dc_flow({"DETAILS": ["CONFIRM", "PAYMENT"], "CONFIRM": []},
                  screen("DETAILS", heading(), exchange()), screen("CONFIRM", heading(), complete(), terminal=True))
    diag = assert_reports(doc, "FL304", "INVALID_ROUTING_MODEL", "routing_model.DETAILS[1]", '"routing_model"',
                          '"PAYMENT"', message="Invalid screens found in the routing model: [PAYMENT].")
    assert diag.fix is None or "did you mean" in diag.fix
    doc = dc_flow({"DETAILS": ["CONFIRM"], "CONFIRM": [], "PAYMENT": []},
                  screen("DETAILS", heading(), exchange()), screen("CONFIRM", heading(), complete(), terminal=True))
    diag = assert_reports(doc, "FL304", "INVALID_ROUTING_MODEL", "routing_model.PAYMENT", '"routing_model"',
                          '"PAYMENT"')
    assert diag.pointers[0].target == "key"
    assert_clean(two_screens_dc(), "FL304")


def test_fl305_back_route() -> None:
    doc = dc_flow({"DETAILS": ["EXTRAS"], "EXTRAS": ["DETAILS", "CONFIRM"], "CONFIRM": []}, *three_dc_screens())
    assert_reports(
        doc, "FL305", "INVALID_ROUTING_MODEL", "routing_model.EXTRAS[0]", '"EXTRAS": [', '"DETAILS"',
        message="Backward route [EXTRAS->DETAILS] corresponding to forward route [DETAILS->EXTRAS] is not allowed "
        "in the routing model. Only forward routes can be specified.",
    )
    assert_clean(dc_flow({"DETAILS": ["EXTRAS"], "EXTRAS": ["CONFIRM"], "CONFIRM": []}, *three_dc_screens()), "FL305")


# FL306 no-entry-screen: 5.1-6.2 and 7.3+, not 6.3-7.2 ------------------------------------------------------
CYCLE = {"DETAILS": ["CONFIRM"], "CONFIRM": ["DETAILS"]}


@pytest.mark.parametrize("version", ["5.1", "6.2", "7.3"])
def test_fl306_no_entry_screen(version: str) -> None:
    doc = dc_flow(CYCLE, screen("DETAILS", heading(), exchange()),
                  screen("CONFIRM", heading(), complete(), terminal=True), version=version)
    assert_reports(
        doc, "FL306", "INVALID_ROUTING_MODEL", "routing_model", '"routing_model": ', "{",
        message="No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen.",
    )


@pytest.mark.parametrize("version", ["6.3", "7.0", "7.2"])
def test_fl306_not_checked_in_6_3_to_7_2(version: str) -> None:
    doc = dc_flow(CYCLE, screen("DETAILS", heading(), exchange()),
                  screen("CONFIRM", heading(), complete(), terminal=True), version=version)
    assert_clean(doc, "FL306")


def test_fl306_navigate_targets_count_from_7_3() -> None:
    # DETAILS is no routing destination, but a navigate target: an inbound edge from 7.3 only.
    screens = (screen("DETAILS", heading(), exchange()),
               screen("CONFIRM", heading(), navigate("DETAILS"), terminal=True))
    doc = dc_flow({"DETAILS": ["CONFIRM"], "CONFIRM": []}, *screens, version="7.3")
    assert_reports(doc, "FL306", "INVALID_ROUTING_MODEL", "routing_model", '"routing_model": ', "{")
    assert_clean(dc_flow({"DETAILS": ["CONFIRM"], "CONFIRM": []}, *screens, version="6.2"), "FL306")


def test_fl306_without_routing_model() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")),
               screen("CONFIRM", heading(), navigate("DETAILS"), complete(), terminal=True))
    assert_reports(
        doc, "FL306", "INVALID_ROUTING_MODEL", "screens", '"screens": ', "[",
        message="No entry screen found in the routing model. Add a screen that is not used as the next screen in any "
        "of the navigate actions.",
    )
    assert_clean(two_screens(), "FL306")


# FL307 unconnected-screen ---------------------------------------------------------------------------------
def test_fl307_unconnected_screen_with_routing_model() -> None:
    doc = dc_flow(
        {"DETAILS": ["CONFIRM"], "CONFIRM": [], "CANCELLED": []},
        screen("DETAILS", heading(), exchange()),
        screen("CONFIRM", heading(), complete(), terminal=True),
        screen("CANCELLED", heading(), complete(), terminal=True),
    )
    assert_reports(
        doc, "FL307", "INVALID_ROUTING_MODEL", "screens[2].id", '"screens"', '"CANCELLED"',
        message="Following screens are not connected with the rest of the screens: [CANCELLED]. All screens should be "
        "connected.",
    )
    assert_clean(two_screens_dc(), "FL307")


def test_fl307_unconnected_screen_without_routing_model() -> None:
    doc = two_screens()
    doc["screens"].append(screen("CANCELLED", heading(), complete(), terminal=True))
    assert_reports(
        doc, "FL307", "INVALID_ROUTING_MODEL", "screens[2].id", '"CANCELLED"',
        message="Following screens are not connected with the rest of the screens via navigate screen action: "
        "[CANCELLED]. All screens should be connected.",
    )
    assert_clean(two_screens(), "FL307")


# FL308 missing-direct-route: 5.1-6.2 and 7.3+ -------------------------------------------------------------
def _indirect(version: str) -> dict:
    return dc_flow(
        {"DETAILS": ["EXTRAS"], "EXTRAS": ["CONFIRM"], "CONFIRM": []},
        screen("DETAILS", heading(), navigate("CONFIRM")),
        screen("EXTRAS", heading(), exchange()),
        screen("CONFIRM", heading(), complete(), terminal=True),
        version=version,
    )


@pytest.mark.parametrize("version", ["5.1", "6.2", "7.3"])
def test_fl308_missing_direct_route(version: str) -> None:
    diag = assert_reports(
        _indirect(version), "FL308", "INVALID_ROUTING_MODEL", "screens[0].id", '"screens"', '"DETAILS"',
        message="Missing direct route from screen 'DETAILS' to screen 'CONFIRM' in the routing model, while it exists "
        "in the navigate screen action of screen 'DETAILS'.",
    )
    assert [p.path for p in diag.pointers] == [("screens", 0, "id"), ("screens", 2, "id")]


@pytest.mark.parametrize("version", ["6.3", "7.1", "7.2"])
def test_fl308_not_checked_in_6_3_to_7_2(version: str) -> None:
    assert_clean(_indirect(version), "FL308")


@pytest.mark.parametrize("target", ["${data.next}", "GHOST"])
def test_fl308_navigate_to_no_screen(target: str) -> None:
    # A target that names no screen still misses its route; Meta points at the source screen only (cases
    # p1-2001316 and p1-2001891 of meta-fuzz).
    doc = _indirect("7.3")
    doc["screens"][0]["layout"]["children"].insert(1, {"type": "EmbeddedLink", "text": "Other", "on-click-action": {
        "name": "navigate", "next": {"type": "screen", "name": target}, "payload": {}}})
    diag = assert_reports(
        doc, "FL308", "INVALID_ROUTING_MODEL", "screens[0].id", '"screens"', '"DETAILS"',
        message=f"Missing direct route from screen 'DETAILS' to screen '{target}' in the routing model, while it "
        "exists in the navigate screen action of screen 'DETAILS'.",
    )
    assert [p.path for p in diag.pointers] == [("screens", 0, "id")]


def test_fl308_direct_route_present() -> None:
    doc = _indirect("7.3")
    doc["routing_model"]["DETAILS"].append("CONFIRM")
    assert_clean(doc, "FL308")


# FL309 shopping-route-not-allowed (5.2) --------------------------------------------------------------------
def test_fl309_shopping_route() -> None:
    # The shopping layouts as Meta's 5.2 schema takes them (catalogue bindings, no children).
    items = screen("PRODUCTS", heading(), exchange())
    items["layout"] = {"type": "ItemListLayout", "items": "${external_data.meta_catalog.product_list}"}
    other = screen("OTHER", heading(), complete(), terminal=True)
    cart = screen("CART", heading(), complete(), terminal=True)
    cart["layout"] = {"type": "CartLayout", "items": "${external_data.meta_catalog.products}"}
    doc = dc_flow({"PRODUCTS": ["CART", "OTHER"], "CART": [], "OTHER": []}, items, cart, other, version="5.2")
    diag = assert_reports(
        doc, "FL309", "INVALID_ROUTING_MODEL", "routing_model.PRODUCTS[1]", '"routing_model"', '"OTHER"',
        message="Routing Model is invalid as a route between 'ItemListLayout' and 'SingleColumnLayout' layout is not allowed.",
    )
    assert diag.pointers[1].target == "key"
    doc["routing_model"]["PRODUCTS"] = ["CART"]
    assert_clean(doc, "FL309")


# FL310 navigate-to-unknown-screen, FL311 navigate-to-same-screen -------------------------------------------
def test_fl310_unknown_screen_with_fix() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFRIM")), screen("CONFIRM", heading(), complete(), terminal=True))
    diag = assert_reports(
        doc, "FL310", "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
        "screens[0].layout.children[1].on-click-action.next.name", '"CONFRIM"',
        message="Unknown screen ids found: [CONFRIM].",
    )
    assert diag.fix == "did you mean screen 'CONFIRM'?"
    assert_clean(two_screens(), "FL310")


def test_fl310_binding_targets_are_not_checked() -> None:
    doc = two_screens()
    doc["screens"][0]["layout"]["children"][1]["on-click-action"]["next"]["name"] = "${data.next}"
    assert_clean(doc, "FL310")


def test_fl311_same_screen() -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM")),
               screen("CONFIRM", heading(), navigate("CONFIRM"), complete(), terminal=True))
    assert_reports(
        doc, "FL311", "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
        "screens[1].layout.children[1].on-click-action.next.name", '"id": "CONFIRM"', '"name": "CONFIRM"', '"CONFIRM"',
        message="Same screen navigation is not allowed. Loop detected at [CONFIRM].",
    )
    assert_clean(two_screens(), "FL311")


# NavigationList screens (6.2+): no generated entry-screen check, no routes check from them ----------------------
NAV_LIST = {
    "type": "NavigationList",
    "name": "menu",
    "list-items": [{"id": "a", "main-content": {"title": "A"}}],
    "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "END"}, "payload": {}},
}
BACK_LINK = {"type": "EmbeddedLink", "text": "Menu",
             "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "MENU"}, "payload": {}}}


@pytest.mark.parametrize("version", ["6.2", "7.3"])
def test_fl306_skipped_without_routing_model_when_a_navigation_list_exists(version: str) -> None:
    # MENU links to every screen and END links back: every screen is a destination, yet no FL306.
    doc = flow(screen("MENU", NAV_LIST), screen("END", heading(), BACK_LINK, complete(), terminal=True), version=version)
    assert_clean(doc, "FL306")
    without_list = flow(screen("MENU", heading(), navigate("END")),
                        screen("END", heading(), BACK_LINK, complete(), terminal=True), version=version)
    assert_reports(without_list, "FL306", "INVALID_ROUTING_MODEL", "screens", '"screens": ', "[")


def test_fl308_skips_navigation_list_screens() -> None:
    end = screen("END", heading(), complete(), terminal=True)
    doc = dc_flow({"MENU": [], "END": [], "OTHER": ["MENU"]}, screen("MENU", NAV_LIST), end,
                  screen("OTHER", heading(), exchange()))
    assert_clean(doc, "FL308")
    doc = dc_flow({"MENU": [], "END": [], "OTHER": ["MENU"]}, screen("MENU", heading(), navigate("END")), end,
                  screen("OTHER", heading(), exchange()))
    assert_reports(doc, "FL308", "INVALID_ROUTING_MODEL", "screens[0].id", '"screens"', '"MENU"')


def test_fl309_only_in_5_2() -> None:
    items = screen("PRODUCTS", heading(), exchange())
    items["layout"]["type"] = "ItemListLayout"
    other = screen("OTHER", heading(), complete(), terminal=True)
    assert_clean(dc_flow({"PRODUCTS": ["OTHER"], "OTHER": []}, items, other, version="5.1"), "FL309")


def test_fl310_unknown_targets_are_one_error() -> None:
    doc = flow(screen("DETAILS", heading(), {"type": "EmbeddedLink", "text": "Pay", "on-click-action": {
        "name": "navigate", "next": {"type": "screen", "name": "PAYMENT"}, "payload": {}}}, navigate("SHIPPING")),
        screen("CONFIRM", heading(), complete(), terminal=True))
    diag = assert_reports(doc, "FL310", "INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME",
                          "screens[0].layout.children[1].on-click-action.next.name", '"PAYMENT"',
                          message="Unknown screen ids found: [PAYMENT, SHIPPING].")
    assert len(diag.pointers) == 2
