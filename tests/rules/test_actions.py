"""Action and payload rules FL501-FL516 (spec/meta-validator.md §2.4, §2.6; conformance README)."""

from __future__ import annotations

import pytest

from tests.rules.helpers import (
    assert_clean,
    assert_reports,
    complete,
    data_field,
    exchange,
    flow,
    heading,
    lint,
    navigate,
    screen,
    text_input,
    two_screens,
)

NAME = {"name": data_field("string", "Ana")}


def nav_flow(payload: object = None, *, version: str = "7.3", target_data: object = NAME, with_payload: bool = True,
             source_data: object = None, source_children: tuple = ()) -> dict:
    return flow(
        screen("DETAILS", heading(), *source_children, navigate("CONFIRM", payload, with_payload=with_payload),
               data=source_data),
        screen("CONFIRM", heading(), complete(), terminal=True, data=target_data),
        version=version,
    )


PAYLOAD = "screens[0].layout.children[1].on-click-action.payload"


# FL501-FL504: NavigateActionPayloadFieldsV500 (5.1, 5.2, 7.3+) ---------------------------------------------
@pytest.mark.parametrize("version", ["5.1", "7.3"])
def test_fl501_no_data_model(version: str) -> None:
    doc = nav_flow({"name": "Ana"}, version=version, target_data=None)
    assert_reports(doc, "FL501", "INVALID_NAVIGATE_ACTION_PAYLOAD", PAYLOAD, '"payload": ', "{",
                   message="No data model is defined in the next screen 'CONFIRM'.")


@pytest.mark.parametrize("version", ["6.0", "7.2"])
def test_fl501_to_fl504_not_checked_in_6_0_to_7_2(version: str) -> None:
    assert_clean(nav_flow({"name": "Ana"}, version=version, target_data=None), "FL501")
    assert_clean(nav_flow({}, version=version), "FL503")
    assert_clean(nav_flow(version=version, with_payload=False), "FL504")


@pytest.mark.parametrize("version", ["5.1", "7.3"])
def test_fl502_undeclared_field(version: str) -> None:
    diag = assert_reports(nav_flow({"name": "Ana", "visits": 3}, version=version), "FL502",
                          "INVALID_NAVIGATE_ACTION_PAYLOAD", PAYLOAD + ".visits", '"visits"',
                          message="Following fields are missing in the next screen's data model: [visits].")
    assert diag.pointers[0].target == "key"


@pytest.mark.parametrize("version", ["5.1", "7.3"])
def test_fl503_missing_field(version: str) -> None:
    assert_reports(nav_flow({}, version=version), "FL503", "INVALID_NAVIGATE_ACTION_PAYLOAD", PAYLOAD,
                   '"payload": ', "{",
                   message="Following fields are expected in the next screen's data model but missing in payload: [name].")
    assert_clean(nav_flow({"name": "Ana"}, version=version), "FL501", "FL502", "FL503", "FL504")


@pytest.mark.parametrize("version", ["5.1", "7.3"])
def test_fl504_payload_missing(version: str) -> None:
    assert_reports(nav_flow(version=version, with_payload=False), "FL504", "MISSING_NAVIGATION_ACTION_PAYLOAD",
                   "screens[0].layout.children[1].on-click-action", '"on-click-action": ', "{",
                   message="Property 'payload' is required when the next screen's data model is not empty.")
    assert_clean(nav_flow(version=version, with_payload=False, target_data=None), "FL504")


# FL505: NavigateActionStaticDataV500/V600 (not 7.1) ------------------------------------------------------
@pytest.mark.parametrize("version", ["5.1", "6.0", "7.3"])
def test_fl505_static_field_not_declared(version: str) -> None:
    diag = assert_reports(
        nav_flow({"name": "Ana", "visits": 3}, version=version), "FL505", "INVALID_NAVIGATE_ACTION_STATIC_DATA",
        PAYLOAD + ".visits", '"visits": ', "3",
        message="The payload field 'visits' on screen 'DETAILS' is missing in the data model of screen 'CONFIRM'.",
    )
    assert diag.pointers[1].path == ("screens", 1, "data")


def test_fl505_type_mismatch() -> None:
    assert_reports(
        nav_flow({"name": 5}, version="6.0"), "FL505", "INVALID_NAVIGATE_ACTION_STATIC_DATA", PAYLOAD + ".name",
        '"name": 5', "5",
        message="Schema of payload data at 'name' on screen 'DETAILS' is not matching with schema of data model field "
        "on screen 'CONFIRM'. Property is expecting 'string' but got one of [integer, number].",
    )
    assert_clean(nav_flow({"name": 5}, version="7.1"), "FL505")  # 7.1 does not run it
    assert_clean(nav_flow({"name": "5"}, version="6.0"), "FL505")


def test_fl505_object_missing_property() -> None:
    target = {"customer": {"type": "object", "properties": {"name": {"type": "string"}, "visits": {"type": "integer"}},
                           "__example__": {"name": "Ana", "visits": 1}}}
    assert_reports(
        nav_flow({"customer": {"name": "Ana"}}, version="6.0", target_data=target), "FL505",
        "INVALID_NAVIGATE_ACTION_STATIC_DATA", PAYLOAD + ".customer", '"customer": ', "{",
        message="Field 'visits' is missing in payload of screen 'DETAILS', but expected in data model of screen 'CONFIRM'.",
    )
    assert_clean(nav_flow({"customer": {"name": "Ana", "visits": 2}}, version="6.0", target_data=target), "FL505")


# FL506-FL508: OnClickActionPayloadV500/V600 ---------------------------------------------------------------
def booking(*children: dict, version: str = "7.2", data: object = None) -> dict:
    return flow(screen("BOOKING", heading(), *children, terminal=True, data=data), version=version)


def test_fl506_unknown_form_field() -> None:
    doc = booking(text_input("full_name"), complete({"name": "${form.fullname}"}))
    diag = assert_reports(doc, "FL506", "INVALID_ON_CLICK_ACTION_PAYLOAD",
                          "screens[0].layout.children[2].on-click-action.payload.name", '"${form.fullname}"',
                          message="Missing Form component ${form.fullname} for screen 'BOOKING'.")
    assert diag.fix == "did you mean ${form.full_name}?"
    assert_clean(booking(text_input("full_name"), complete({"name": "${form.full_name}"})), "FL506")


@pytest.mark.parametrize(("version", "times"), [("7.2", 1), ("7.3", 2)])
def test_fl506_repeated_by_the_second_validator_of_7_3(version: str, times: int) -> None:
    # 7.3 runs OnClickActionPayloadValidatorV600 and V500: Meta merges errors inside one validator only, so
    # each error is answered twice (case action-payload-unknown-form-field-v7-3).
    doc = booking(text_input("full_name"), complete({"name": "${form.fullname}", "again": "${form.fullname}"}),
                  version=version)
    _, report = lint(doc)
    api = report.to_api()
    assert [e["error"] for e in api] == ["INVALID_ON_CLICK_ACTION_PAYLOAD"] * times
    for error in api:  # each validator's two places of the same message stay merged in one error
        assert error["message"] == "Missing Form component ${form.fullname} for screen 'BOOKING'."
        assert [p["path"] for p in error["pointers"]] == [
            "screens[0].layout.children[2].on-click-action.payload.name",
            "screens[0].layout.children[2].on-click-action.payload.again",
        ]
    assert [d.validator for d in report.diagnostics if d.rule == "FL506"][::2] == (
        ["OnClickActionPayloadV600", "OnClickActionPayloadV500"][:times]
    )


def test_fl506_binding_read_as_meta_reads_it() -> None:
    # A value that starts as a binding and ends with "}" is one for Meta: "${data.a}${data.a}" reads the field
    # "a}${data.a" (case p1-2004058 of meta-fuzz); one that ends otherwise is no binding at all.
    doc = booking(complete({"twice": "${data.name}${data.name}", "text": "${data.name} and more"}), version="7.2",
                  data=NAME)
    assert_reports(doc, "FL506", "INVALID_ON_CLICK_ACTION_PAYLOAD",
                   "screens[0].layout.children[1].on-click-action.payload.twice", '"${data.name}${data.name}"',
                   message="Missing dynamic data '${data.name}${data.name}' in the data model for screen BOOKING.")
    _, report = lint(doc)
    assert len([d for d in report.diagnostics if d.rule == "FL506"]) == 1


@pytest.mark.parametrize("version", ["5.1", "6.0", "7.2", "7.3"])
def test_fl506_unknown_data_field(version: str) -> None:
    doc = booking(complete({"slot": "${data.slot}"}), version=version, data=NAME)
    assert_reports(doc, "FL506", "INVALID_ON_CLICK_ACTION_PAYLOAD", "screens[0].layout.children[1].on-click-action.payload.slot",
                   '"${data.slot}"', message="Missing dynamic data '${data.slot}' in the data model for screen BOOKING.")
    assert_clean(booking(complete({"name": "${data.name}"}), version=version, data=NAME), "FL506")


def test_fl506_not_checked_in_7_1() -> None:
    assert_clean(booking(complete({"slot": "${data.slot}"}), version="7.1", data=NAME), "FL506")


def test_fl506_unknown_global_screen_and_form_binding() -> None:
    doc = booking(complete({"name": "${screen.DETAILS.form.full_name}"}))
    assert_reports(doc, "FL506", "INVALID_ON_CLICK_ACTION_PAYLOAD", "screens[0].layout.children[1].on-click-action.payload.name",
                   '"${screen', message="The screen id 'DETAILS' referenced in the dynamic binding expression "
                   "'${screen.DETAILS.form.full_name}' does not exist.")
    form = {"type": "Form", "name": "booking_form", "children": [text_input("full_name"), complete({"all": "${form.booking_form}"})]}
    doc = booking(form)
    assert_reports(doc, "FL506", "INVALID_ON_CLICK_ACTION_PAYLOAD",
                   "screens[0].layout.children[1].children[1].on-click-action.payload.all", '"${form.booking_form}"',
                   message="Value of 'Form' component cannot be used in form binding.")


PICKER = {"type": "PhotoPicker", "name": "photos", "label": "Photos", "max-uploaded-photos": 2, "max-file-size-kb": 1024}


def test_fl507_picker_in_navigate_payload() -> None:
    doc = nav_flow({"photos": "${form.photos}"}, version="7.2", target_data={"photos": data_field("array", [], items={"type": "object"})},
                   source_children=(PICKER,))
    assert_reports(doc, "FL507", "INVALID_ON_CLICK_ACTION_PAYLOAD", "screens[0].layout.children[2].on-click-action.payload.photos",
                   '"${form.photos}"', message="The value of PhotoPicker component is not allowed in the payload of navigate action.")


def test_fl507_picker_nested_in_complete_payload() -> None:
    doc = booking(PICKER, complete({"media": {"photos": "${form.photos}"}}))
    assert_reports(doc, "FL507", "INVALID_ON_CLICK_ACTION_PAYLOAD",
                   "screens[0].layout.children[2].on-click-action.payload.media.photos", '"${form.photos}"',
                   message="The value of following components must be a top-level string in complete and data_exchange "
                   "on-click-action payload: [PhotoPicker, DocumentPicker].")
    assert_clean(booking(PICKER, complete({"photos": "${form.photos}"})), "FL507", "FL508")


def test_fl508_upload_totals() -> None:
    default = {k: v for k, v in PICKER.items() if k not in ("max-uploaded-photos", "max-file-size-kb")}
    _, report = __import__("tests.rules.helpers", fromlist=["lint"]).lint(booking(default, complete({"photos": "${form.photos}"})))
    messages = [d.message for d in report.diagnostics if d.rule == "FL508"]
    assert [m.split(" cannot")[0] for m in messages] == [
        "The aggregated maximum uploaded files of the PhotoPicker and DocumentPicker components",
        "The aggregated size of maximum uploaded files of the PhotoPicker and DocumentPicker components",
    ]
    over = {**PICKER, "max-uploaded-photos": 11}
    assert_reports(booking(over, complete({"photos": "${form.photos}"})), "FL508", "INVALID_ON_CLICK_ACTION_PAYLOAD",
                   "screens[0].layout.children[2].on-click-action.payload", '"payload": ', "{")
    exactly = {**PICKER, "max-uploaded-photos": 10, "max-file-size-kb": 10240}
    assert_clean(booking(exactly, complete({"photos": "${form.photos}"})), "FL508")


def test_fl508_one_file_before_5_0() -> None:
    two = {**PICKER, "max-uploaded-photos": 2}
    form = {"type": "Form", "name": "f", "children": [two, complete({"photos": "${form.photos}"})]}
    doc = flow(screen("BOOKING", form, terminal=True), version="4.0")
    assert_reports(doc, "FL508", "INVALID_ON_CLICK_ACTION_PAYLOAD", "screens[0].layout.children[0].children[1].on-click-action.payload",
                   '"payload": ', "{", message="The aggregated maximum uploaded files of the PhotoPicker and DocumentPicker "
                   "components cannot exceed 1 when using in the complete action payload. If 'max-uploaded-photos' or "
                   "'max-uploaded-documents' property is not set, the default uploaded files count is 30.")


# FL517: NavigateActionStaticDataV600 types backtick expressions (with the expression family's checker) ------
def test_fl517_navigate_payload_expression() -> None:
    # Meta types a navigate payload expression against the *next* screen's data model.
    source = {"price": data_field("number", 2)}
    target = {"total": data_field("number", 4), "price": data_field("number", 2), "label": data_field("string", "x")}
    good = nav_flow({"total": "`${data.price} * 2`"}, version="6.0", source_data=source, target_data=target)
    assert_clean(good, "FL505", "FL517")
    bad = nav_flow({"total": "`${data.label} * 2`"}, version="6.0", source_data=source, target_data=target)
    assert_reports(bad, "FL517", "INVALID_ACTION_PAYLOAD_PROPERTY", PAYLOAD + ".total", '"`${data.label} * 2`"',
                   message="Operation '*' can only be used with numbers.")
    unknown = nav_flow({"total": "`${data.price} * 2`"}, version="6.0", source_data=source,
                       target_data={"total": data_field("number", 4)})
    assert_reports(unknown, "FL517", "INVALID_ACTION_PAYLOAD_PROPERTY", PAYLOAD + ".total", '"`${data.price} * 2`"',
                   message="The following property 'price' does not exist in the screen data model.")
    boolean = nav_flow({"total": "`${data.price} > 2`"}, version="6.0", source_data=source, target_data=target)
    assert_reports(boolean, "FL505", "INVALID_NAVIGATE_ACTION_STATIC_DATA", PAYLOAD + ".total", '"`${data.price} > 2`"',
                   message="Schema of payload data at 'total' on screen 'DETAILS' is not matching with schema of data "
                   "model field on screen 'CONFIRM'. Property is expecting 'number' but got 'boolean'.")


# FL509: CompleteActionV500 (and V702's repeat of it) -------------------------------------------------------
@pytest.mark.parametrize("version", ["5.1", "7.1", "7.2", "7.3"])
def test_fl509_complete_on_non_terminal(version: str) -> None:
    doc = flow(screen("DETAILS", heading(), navigate("CONFIRM"), complete()),
               screen("CONFIRM", heading(), complete(), terminal=True), version=version)
    assert_reports(doc, "FL509", "INVALID_COMPLETE_ACTION", "screens[0].layout.children[2].on-click-action.name",
                   '"complete"', message="On-click-action 'complete' can only be configured on a terminal screen.")
    assert_clean(two_screens(version), "FL509")


# FL510, FL511: ConditionallyRequiredPropertyV500 -----------------------------------------------------------
def test_fl510_data_exchange_without_data_api_version() -> None:
    doc = flow(screen("BOOKING", heading(), exchange(), terminal=True))
    assert_reports(doc, "FL510", "MISSING_REQUIRED_PROPERTY", "screens[0].layout.children[1].on-click-action.name",
                   '"data_exchange"', message="The property 'data_api_version' is required for data_exchange action.")
    assert_clean(flow(screen("BOOKING", heading(), exchange(), terminal=True), data_api_version="3.0",
                      routing_model={"BOOKING": []}), "FL510", "FL511")


def test_fl511_data_api_version_without_routing_model() -> None:
    doc = flow(screen("BOOKING", heading(), exchange(), terminal=True), data_api_version="3.0")
    assert_reports(doc, "FL511", "MISSING_REQUIRED_PROPERTY", "", "{",
                   message="The property 'routing_model' is required for property 'data_api_version'.")


# FL512: OnSelectActionExclusiveV600 ---------------------------------------------------------------------
def radio(item_action: str | None, component_action: str | None) -> dict:
    update = {"name": "update_data", "payload": {"note": "x"}}
    item = {"id": "a", "title": "A"}
    if item_action:
        item[item_action] = update
    node = {"type": "RadioButtonsGroup", "name": "service", "label": "Service", "data-source": [item]}
    if component_action:
        node[component_action] = update
    return node


@pytest.mark.parametrize("key", ["on-select-action", "on-unselect-action"])
def test_fl512_action_at_both_levels(key: str) -> None:
    doc = booking(radio(key, key), complete(), version="6.0", data={"note": data_field("string", "x")})
    assert_reports(doc, "FL512", "INVALID_UPDATE_DATA_ACTION_PAYLOAD",
                   f"screens[0].layout.children[1].data-source[0].{key}", f'"{key}": ', "{",
                   message=f"The '{key}' property cannot be used at both the component and data-source levels.")
    assert_clean(booking(radio(None, key), complete(), version="6.0", data={"note": data_field("string", "x")}), "FL512")


# FL513: ActionPayloadFieldSchemaV500/V600 ---------------------------------------------------------------------
def test_fl513_binding_type_mismatch() -> None:
    doc = nav_flow({"name": "${data.value}"}, version="6.0", source_data={"value": data_field("number", 1)})
    assert_reports(doc, "FL513", "INVALID_NAVIGATE_ACTION_PAYLOAD", PAYLOAD + ".name", '"${data.value}"',
                   message="Schema of dynamic data '${data.value}' is not matching schema of data model field 'name' on "
                   "screen 'CONFIRM'. Property is expecting 'string' but got 'number'.")
    assert_clean(nav_flow({"name": "${data.value}"}, version="7.1", source_data={"value": data_field("number", 1)}), "FL513")
    assert_clean(nav_flow({"name": "${data.value}"}, version="6.0", source_data={"value": data_field("string", "x")}), "FL513")


def test_fl513_object_properties_differ() -> None:
    a = {"value": {"type": "object", "properties": {"a": {"type": "string"}}, "__example__": {"a": "x"}}}
    b = {"value": {"type": "object", "properties": {"b": {"type": "string"}}, "__example__": {"b": "x"}}}
    diag = assert_reports(nav_flow({"value": "${data.value}"}, version="6.0", source_data=a, target_data=b), "FL513",
                          "INVALID_NAVIGATE_ACTION_PAYLOAD", "screens[1].data.value", '"id": "CONFIRM"', '"value": ', "{",
                          message="Properties in navigate action payload differ from properties in data model of screen 'CONFIRM'.")
    assert diag.pointers[1].path == ("screens", 0, "data", "value")


# FL514-FL516: update_data validators ------------------------------------------------------------------------
UPDATE_PATH = "screens[0].layout.children[1].on-select-action.payload"


def update(payload: dict, data: object, version: str = "6.0") -> dict:
    node = {"type": "RadioButtonsGroup", "name": "service", "label": "Service", "data-source": [{"id": "a", "title": "A"}],
            "on-select-action": {"name": "update_data", "payload": payload}}
    return booking(node, complete(), version=version, data=data)


def test_fl514_update_data_fields() -> None:
    assert_reports(update({"note": "x"}, None), "FL514", "INVALID_UPDATE_DATA_ACTION_PAYLOAD", UPDATE_PATH,
                   '"payload": ', "{", message="No data model is defined in the screen 'BOOKING'.")
    diag = assert_reports(update({"colour": "red"}, {"note": data_field("string", "x")}), "FL514",
                          "INVALID_UPDATE_DATA_ACTION_PAYLOAD", UPDATE_PATH + ".colour", '"colour"',
                          message="Following fields are missing in the screen 'BOOKING' data model: [colour].")
    assert diag.pointers[0].target == "key"
    assert_clean(update({"note": "y"}, {"note": data_field("string", "x")}), "FL514", "FL515", "FL516")
    assert_clean(update({"note": "x"}, None, version="7.1"), "FL514")


def test_fl515_update_data_static_type() -> None:
    assert_reports(update({"note": 5}, {"note": data_field("string", "x")}), "FL515", "INVALID_UPDATE_DATA_ACTION_PAYLOAD",
                   UPDATE_PATH + ".note", '"note": 5', "5",
                   message="Schema of payload data at 'note' on screen 'BOOKING' is not matching with schema of data "
                   "model field on screen 'BOOKING'. Property is expecting 'string' but got one of [integer, number].")


@pytest.mark.parametrize("version", ["6.0", "7.0", "7.2", "7.3"])
def test_fl518_update_data_binding_schema(version: str) -> None:
    # ActionPayloadFieldSchemaValidatorV600 compares update_data bindings with the screen's own data model
    # (case p1-2002516 of meta-fuzz): the RadioButtonsGroup's value is a string.
    data = {"count": data_field("integer", 1)}
    assert_reports(update({"count": "${form.service}"}, data, version), "FL518", "INVALID_UPDATE_DATA_ACTION_PAYLOAD",
                   UPDATE_PATH + ".count", '"${form.service}"',
                   message="Schema of dynamic data '${form.service}' is not matching schema of data model field "
                   "'count' on screen 'BOOKING'. Property is expecting 'integer' but got 'string'.")
    assert_clean(update({"note": "${form.service}"}, {"note": data_field("string", "x")}, version), "FL513", "FL518")


def test_fl518_not_checked_in_7_1() -> None:
    assert_clean(update({"count": "${form.service}"}, {"count": data_field("integer", 1)}, "7.1"), "FL518")


@pytest.mark.parametrize("version", ["6.0", "7.1"])
def test_fl516_self_update(version: str) -> None:
    assert_reports(update({"note": "${data.note}"}, {"note": data_field("string", "x")}, version), "FL516",
                   "INVALID_UPDATE_DATA_ACTION_PAYLOAD", UPDATE_PATH + ".note", '"${data.note}"',
                   message="Attempting to update a key with its own value is redundant and not allowed.")
    assert_clean(update({"note": "${data.other}"}, {"note": data_field("string", "x"), "other": data_field("string", "y")},
                        version), "FL516")
