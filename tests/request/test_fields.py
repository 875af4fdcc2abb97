"""Every field rule of the Create Flow request: path parameters, name, categories, publish, endPointUri,
cloneFlowId, unknown fields, flowJson's type. Each rule has a failing and a passing case."""

from __future__ import annotations

import json

import pytest

from flowlint import check_create_request
from flowlint.request import REQUEST_ERROR

from .helpers import ACCOUNT, CHANNEL, GOOD_FLOW, body, rules_of


def request_rules(report):
    return rules_of(report.request_diagnostics)


def test_a_good_request_has_no_request_finding():
    report = check_create_request(body(), account_id=ACCOUNT, channel_id=CHANNEL)
    assert report.request_diagnostics == []
    assert report.accepted


@pytest.mark.parametrize(
    "account_id",
    [ACCOUNT, ACCOUNT.replace("-", ""), ACCOUNT.upper(), "0f8d5b52-5a8e4c0b-9c1e-6f7a1b2c3d4e"],
)
def test_account_id_accepted(account_id):
    assert request_rules(check_create_request(body(), account_id=account_id)) == []


@pytest.mark.parametrize(
    "account_id",
    [
        "",
        "abc",
        "0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4",
        "0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e0",
        "0f8d5b52_5a8e_4c0b_9c1e_6f7a1b2c3d4e",
        "zf8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e",
        "0f8d5b52--5a8e-4c0b-9c1e-6f7a1b2c3d4e",
    ],
)
def test_account_id_refused(account_id):
    report = check_create_request(body(), account_id=account_id)
    assert request_rules(report) == ["FR002"]
    assert report.refusals[0].error_type == REQUEST_ERROR


def test_channel_id_must_not_be_empty():
    assert request_rules(check_create_request(body(), channel_id="")) == ["FR003"]
    assert request_rules(check_create_request(body(), channel_id="1")) == []


def test_path_parameters_left_out_are_not_checked():
    assert request_rules(check_create_request(body())) == []


def test_name_is_required_and_points_at_the_body():
    report = check_create_request('{"categories": ["OTHER"]}')
    assert request_rules(report) == ["FR004"]
    diag = report.refusals[0]
    assert diag.path == ()
    assert diag.span.as_api() == {"lineStart": 1, "lineEnd": 1, "columnStart": 1, "columnEnd": 26}


@pytest.mark.parametrize("name", ["", "   ", 42, None, ["x"]])
def test_name_must_be_a_non_blank_string(name):
    report = check_create_request({"name": name, "categories": ["OTHER"]})
    assert request_rules(report) == ["FR005"]
    assert report.refusals[0].path == ("name",)


def test_name_length_warns_above_the_documented_maximum():
    assert request_rules(check_create_request(body(name="x" * 200))) == []
    report = check_create_request(body(name="x" * 201))
    assert request_rules(report) == ["FR006"]
    assert report.request_diagnostics[0].severity == "warning"
    assert report.accepted


def test_categories_are_required():
    report = check_create_request({"name": "x"})
    assert request_rules(report) == ["FR007"]


def test_both_required_fields_missing_are_two_findings():
    assert request_rules(check_create_request({})) == ["FR004", "FR007"]


@pytest.mark.parametrize("categories", [[], "OTHER", {"0": "OTHER"}, None])
def test_categories_must_be_a_non_empty_array(categories):
    report = check_create_request({"name": "x", "categories": categories})
    assert request_rules(report) == ["FR008"]
    assert report.refusals[0].path == ("categories",)


def test_categories_accept_every_value_of_the_enum():
    all_eight = [
        "SIGN_UP",
        "SIGN_IN",
        "APPOINTMENT_BOOKING",
        "LEAD_GENERATION",
        "CONTACT_US",
        "CUSTOMER_SUPPORT",
        "SURVEY",
        "OTHER",
    ]
    assert request_rules(check_create_request(body(categories=all_eight))) == []


@pytest.mark.parametrize("bad", ["sign_up", "SHOPPING", "FEEDBACK", 3, None])
def test_unknown_category_points_at_the_item(bad):
    report = check_create_request(body(categories=["OTHER", bad]))
    assert request_rules(report) == ["FR009"]
    assert report.refusals[0].path == ("categories", 1)


def test_lower_case_category_names_the_upper_case_one():
    report = check_create_request(body(categories=["survey"]))
    assert "'SURVEY'" in report.refusals[0].message


def test_duplicate_category_is_a_warning_at_the_second_occurrence():
    text = '{"name": "x", "categories": ["SURVEY", "OTHER", "SURVEY"]}'
    report = check_create_request(text)
    assert request_rules(report) == ["FR010"]
    diag = report.request_diagnostics[0]
    assert (diag.severity, diag.path) == ("warning", ("categories", 2))
    assert (diag.span.column_start, diag.span.column_end) == (49, 57)
    assert report.accepted


@pytest.mark.parametrize("publish", [True, False])
def test_publish_boolean_accepted(publish):
    assert "FR011" not in request_rules(check_create_request(body(publish=publish)))


@pytest.mark.parametrize("publish", ["true", 1, None, "yes"])
def test_publish_must_be_a_boolean(publish):
    report = check_create_request({**body(), "publish": publish})
    assert request_rules(report) == ["FR011"]
    assert report.refusals[0].path == ("publish",)


@pytest.mark.parametrize("uri", ["https://example.com", "https://example.com/flow?x=1", "https://10.0.0.1:8443/a"])
def test_endpoint_uri_accepted(uri):
    assert request_rules(check_create_request(body(endPointUri=uri))) == []


@pytest.mark.parametrize(
    "uri",
    [
        "http://example.com/flow",
        "/flow",
        "example.com",
        "https://",
        "https:///path",
        "ftp://example.com",
        "https://exa mple.com",
        42,
        "",
    ],
)
def test_endpoint_uri_must_be_absolute_https(uri):
    report = check_create_request(body(endPointUri=uri))
    assert request_rules(report) == ["FR012"]
    assert report.refusals[0].path == ("endPointUri",)


def test_clone_flow_id_accepts_a_numeric_string():
    report = check_create_request(body(cloneFlowId="1145805540595505", flowJson=None))
    assert request_rules(report) == []


@pytest.mark.parametrize("clone", [1145805540595505, "my-flow", "", "12a", "1" * 101])
def test_clone_flow_id_must_be_a_numeric_string(clone):
    report = check_create_request(body(cloneFlowId=clone, flowJson=None))
    assert request_rules(report) == ["FR013"]


def test_clone_flow_id_as_a_number_says_to_quote_it():
    report = check_create_request(body(cloneFlowId=1145805540595505, flowJson=None))
    assert '"1145805540595505"' in report.refusals[0].message


@pytest.mark.parametrize(
    ("field", "meant"),
    [
        ("flow_json", "flowJson"),
        ("endpoint_uri", "endPointUri"),
        ("endpointUri", "endPointUri"),
        ("clone_flow_id", "cloneFlowId"),
        ("flowName", "name"),
        ("applicationId", None),
    ],
)
def test_unknown_field_warns_at_its_key_and_names_the_field_meant(field, meant):
    text = json.dumps({**body(), field: "1"})
    report = check_create_request(text)
    assert request_rules(report) == ["FR014"]
    diag = report.request_diagnostics[0]
    assert (diag.severity, diag.path, diag.pointers[0].target) == ("warning", (field,), "key")
    start = diag.span.start
    assert text[start : diag.span.end] == json.dumps(field)
    if meant:
        assert f"'{meant}'" in diag.message
    assert report.accepted


def test_duplicate_body_field_warns_at_the_last_occurrence():
    text = '{"name": "x", "categories": ["OTHER"], "publish": true, "publish": false}'
    report = check_create_request(text)
    assert request_rules(report) == ["FR016"]
    assert report.request_diagnostics[0].span.column_start == 57


def test_flow_json_object_is_refused_plainly_and_still_linted():
    report = check_create_request(body(flowJson={"screens": []}))
    assert request_rules(report) == ["FR015"]
    message = report.refusals[0].message
    assert "must be a string" in message and "object" in message
    # The content is linted as JSON.stringify would send it: the missing version is found.
    assert "FL101" in rules_of(report.flow_diagnostics)
    assert report.flow_source == '{"screens":[]}'


@pytest.mark.parametrize("value", [7, None, True, ["x"]])
def test_flow_json_of_another_type_is_refused(value):
    report = check_create_request({**body(), "flowJson": value})
    assert request_rules(report) == ["FR015"]


@pytest.mark.parametrize(
    "text",
    ["{", "", "[1, 2]", '"a string"', '{"name": "x",}', b'{"name": "\xff"}', "null"],
)
def test_a_body_that_is_not_a_json_object_is_refused(text):
    report = check_create_request(text)
    assert request_rules(report) == ["FR001"]
    assert report.refusals[0].span is not None


def test_a_syntax_error_in_the_body_is_located():
    report = check_create_request('{"name": "x" "categories": []}')
    diag = report.refusals[0]
    assert (diag.rule, diag.span.line_start, diag.span.column_start) == ("FR001", 1, 14)


def test_a_dict_that_is_not_json_is_refused():
    report = check_create_request({"name": {1, 2}, "categories": ["OTHER"]})
    assert request_rules(report) == ["FR001"]


def test_bytes_str_and_dict_bodies_agree():
    value = body(categories=["OTHER", "bad"], publish="no")
    text = json.dumps(value)
    for given in (value, text, text.encode("utf-8")):
        assert request_rules(check_create_request(given)) == ["FR009", "FR011"]


def test_request_findings_come_in_body_order():
    text = '{"publish": "x", "categories": ["bad"], "name": "", "extra": 1}'
    assert request_rules(check_create_request(text)) == ["FR011", "FR009", "FR005", "FR014"]


def test_good_flow_fixture_is_a_flow_the_foundation_accepts():
    from flowlint import lint

    assert lint(json.dumps(GOOD_FLOW)).ok
