"""Checks that need the body and the flow together: publishing with errors, publishable versions,
data_exchange and the endpoint, data_channel_uri, cloning with a flowJson."""

from __future__ import annotations

import json

import pytest

from flowlint import check_create_request

from .helpers import EXCHANGE_FLOW, GOOD_FLOW, body, rules_of


def flow_with(**changes):
    flow = json.loads(json.dumps(GOOD_FLOW))
    flow.update(changes)
    return json.dumps(flow)


def test_publish_with_validation_errors_is_a_publish_that_fails():
    report = check_create_request(body(publish=True, flowJson='{"screens": []}'))
    assert "FR020" in rules_of(report.refusals)
    diag = next(d for d in report.refusals if d.rule == "FR020")
    assert diag.path == ("publish",)
    assert "139002" in diag.message


def test_the_same_flow_saved_as_a_draft_is_accepted_with_validation_errors():
    report = check_create_request(body(publish=False, flowJson='{"screens": []}'))
    assert report.accepted
    assert [e["error"] for e in report.to_api()] == ["MISSING_FLOW_JSON_VERSION"]


def test_publish_with_only_warnings_is_not_refused():
    duplicate = '{"version": "7.3", "screens": [], "screens": ' + json.dumps(GOOD_FLOW["screens"]) + "}"
    report = check_create_request(body(publish=True, flowJson=duplicate))
    assert "FL004" in rules_of(report.flow_diagnostics)
    assert "FR020" not in rules_of(report.diagnostics)


@pytest.mark.parametrize("version", ["2.1", "3.0", "3.1", "4.0", "5.0"])
def test_a_version_below_5_1_is_an_error_in_a_request(version):
    report = check_create_request(body(flowJson=flow_with(version=version)))
    (diag,) = [d for d in report.flow_diagnostics if d.rule == "FL103"]
    assert diag.severity == "error"
    assert diag.error == "INVALID_FLOW_JSON_VERSION"
    assert report.accepted  # saved as a draft, with the validation error
    assert "INVALID_FLOW_JSON_VERSION" in [e["error"] for e in report.to_api()]


def test_a_version_below_5_1_cannot_be_published():
    report = check_create_request(body(publish=True, flowJson=flow_with(version="5.0")))
    assert "FR020" in rules_of(report.refusals)


@pytest.mark.parametrize("version", ["7.4", "5.2"])
def test_publishing_a_version_meta_does_not_list_for_publishing_warns(version):
    report = check_create_request(body(publish=True, flowJson=flow_with(version=version)))
    diags = [d for d in report.flow_diagnostics if d.rule == "FR021"]
    assert [(d.severity, d.path) for d in diags] == [("warning", ("version",))]
    span = diags[0].span
    assert report.value["flowJson"][span.start : span.end] == f'"{version}"'


@pytest.mark.parametrize("version", ["5.1", "6.3", "7.3"])
def test_publishable_versions_do_not_warn(version):
    report = check_create_request(body(publish=True, flowJson=flow_with(version=version)))
    assert "FR021" not in rules_of(report.diagnostics)


def test_draft_of_an_unlisted_version_does_not_warn():
    report = check_create_request(body(flowJson=flow_with(version="7.4")))
    assert "FR021" not in rules_of(report.diagnostics)


def test_data_exchange_without_endpoint_warns_for_a_draft():
    report = check_create_request(body(flowJson=json.dumps(EXCHANGE_FLOW)))
    (diag,) = [d for d in report.request_diagnostics if d.rule == "FR022"]
    assert diag.severity == "warning"
    assert diag.path == ()
    assert "screens[0].layout.children[0].on-click-action" in diag.message


def test_data_exchange_without_endpoint_cannot_be_published():
    report = check_create_request(body(publish=True, flowJson=json.dumps(EXCHANGE_FLOW)))
    assert "FR022" in rules_of(report.refusals)


def test_data_exchange_with_endpoint_is_fine():
    report = check_create_request(body(flowJson=json.dumps(EXCHANGE_FLOW), endPointUri="https://example.com/flow"))
    assert "FR022" not in rules_of(report.diagnostics)


def test_data_exchange_in_a_nested_action_is_found():
    flow = json.loads(json.dumps(EXCHANGE_FLOW))
    flow["screens"][0]["layout"]["children"] = [
        {
            "type": "Form",
            "name": "f",
            "children": [
                {
                    "type": "Dropdown",
                    "name": "d",
                    "label": "D",
                    "data-source": [{"id": "1", "title": "1"}],
                    "on-select-action": {"name": "data_exchange", "payload": {}},
                },
                {"type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}},
            ],
        },
    ]
    report = check_create_request(body(flowJson=json.dumps(flow)))
    assert "FR022" in rules_of(report.request_diagnostics)


def test_flow_without_data_exchange_needs_no_endpoint():
    report = check_create_request(body(publish=True))
    assert "FR022" not in rules_of(report.diagnostics)


def test_endpoint_uri_for_a_flow_below_3_0_is_refused():
    report = check_create_request(body(flowJson=flow_with(version="2.1"), endPointUri="https://example.com/flow"))
    assert "FR023" in rules_of(report.refusals)
    assert next(d for d in report.refusals if d.rule == "FR023").path == ("endPointUri",)


def test_endpoint_uri_for_a_3_0_flow_is_fine():
    report = check_create_request(body(flowJson=flow_with(version="3.0"), endPointUri="https://example.com/flow"))
    assert "FR023" not in rules_of(report.diagnostics)


def test_data_channel_uri_in_a_3_0_or_later_flow_is_a_flow_error_at_its_key():
    flow_text = flow_with(data_channel_uri="https://example.com/flow")
    report = check_create_request(body(flowJson=flow_text))
    found = [d for d in report.diagnostics if d.path == ("data_channel_uri",)]
    assert len(found) == 1, "reported once, by the schema pass or by the request check"
    diag = found[0]
    assert report.scope(diag) == "flowJson" and diag.severity == "error"
    assert flow_text[diag.span.start : diag.span.end] == '"data_channel_uri"'
    assert any(
        "data_channel_uri" in e["message"] or e["pointers"][0]["path"] == "data_channel_uri" for e in report.to_api()
    )


def test_data_channel_uri_in_a_2_1_flow_is_its_endpoint():
    report = check_create_request(body(flowJson=flow_with(version="2.1", data_channel_uri="https://example.com")))
    assert "FR024" not in rules_of(report.diagnostics)


def test_clone_with_flow_json_is_explained():
    report = check_create_request(body(cloneFlowId="1145805540595505"))
    (diag,) = [d for d in report.request_diagnostics if d.rule == "FR025"]
    assert (diag.severity, diag.path) == ("warning", ("cloneFlowId",))
    assert report.accepted


def test_clone_alone_is_fine():
    report = check_create_request(body(cloneFlowId="1145805540595505", flowJson=None))
    assert report.diagnostics == []


def test_publish_without_flow_json_warns():
    report = check_create_request(body(publish=True, flowJson=None))
    assert rules_of(report.diagnostics) == ["FR026"]
    assert report.accepted


def test_flow_findings_of_the_request_check_count_for_publishing_and_carry_the_flow_error_type():
    report = check_create_request(body(publish=True, flowJson=flow_with(data_channel_uri="https://example.com")))
    (diag,) = [d for d in report.diagnostics if d.path == ("data_channel_uri",)]
    assert diag.error_type == "FLOW_JSON_ERROR"
    assert "FR020" in rules_of(report.refusals)
