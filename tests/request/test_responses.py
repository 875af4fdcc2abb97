"""The API's answer shapes: the 8x8 error body (HTTP 400) and the Create Flow 200 body; the rule catalog."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime

from flowlint import check_create_request
from flowlint.catalog import all_rules
from flowlint.request import RULES, api_answer, create_response, error_body, looks_like_create_request

from .helpers import GOOD_FLOW, body


def test_error_body_has_the_8x8_fields():
    out = error_body(1000, "Invalid parameter")
    assert list(out) == ["code", "message", "errorId", "timestamp"]
    assert out["code"] == 1000 and out["message"] == "Invalid parameter"
    uuid.UUID(out["errorId"])
    assert datetime.fromisoformat(out["timestamp"]).utcoffset().total_seconds() == 0


def test_error_body_keeps_given_id_and_timestamp():
    out = error_body(1200, "x", error_id="db9dced4-3534-4d86-9d18-6b448af0d621", timestamp="2018-08-02T09:42:38+00:00")
    assert out["errorId"] == "db9dced4-3534-4d86-9d18-6b448af0d621"
    assert out["timestamp"] == "2018-08-02T09:42:38+00:00"


def test_a_refused_request_answers_400_with_the_first_problem():
    report = check_create_request({"name": "", "categories": ["bad"]})
    status, answer = api_answer(report)
    assert status == 400
    assert answer["code"] == 1000
    assert answer["message"].startswith("name must not be empty")
    assert answer["message"].endswith("(and 1 more problem)")


def test_an_accepted_clean_request_answers_200_without_validation_errors():
    status, answer = api_answer(check_create_request(body()), flow_id="866937862658913")
    assert (status, answer) == (200, {"id": "866937862658913", "success": True})


def test_an_accepted_request_with_flow_errors_answers_200_with_validation_errors():
    flow_text = '{"version": 7.3, "screens": []}'
    report = check_create_request(body(flowJson=flow_text))
    status, answer = api_answer(report)
    assert status == 200 and answer["success"] is True
    assert re.fullmatch(r"[1-9][0-9]{14}", answer["id"])
    (error,) = answer["validationErrors"]
    assert error["error"] == "INVALID_FLOW_JSON_VERSION" and error["errorType"] == "FLOW_JSON_ERROR"
    assert (error["lineStart"], error["columnStart"], error["columnEnd"]) == (1, 13, 16)
    assert error["pointers"] == [{"lineStart": 1, "lineEnd": 1, "columnStart": 13, "columnEnd": 16, "path": "version"}]


def test_the_derived_flow_id_is_stable():
    text = json.dumps(body())
    assert api_answer(check_create_request(text))[1]["id"] == api_answer(check_create_request(text))[1]["id"]


def test_create_response_never_carries_request_warnings():
    report = check_create_request(body(extra=1))
    assert report.warnings and create_response(report, "1") == {"id": "1", "success": True}


def test_graph_style_is_snake_case():
    report = check_create_request(body(flowJson='{"screens": []}'))
    assert list(report.to_graph()[0]) == [
        "error",
        "error_type",
        "message",
        "line_start",
        "line_end",
        "column_start",
        "column_end",
        "pointers",
    ]


def test_looks_like_create_request():
    assert looks_like_create_request(body())
    assert looks_like_create_request({"name": "x", "categories": []})
    assert not looks_like_create_request(GOOD_FLOW)
    assert not looks_like_create_request([body()])


def test_request_rules_are_registered_with_full_docs():
    table = all_rules()
    for info in RULES:
        assert table[info.code] is info
        assert re.fullmatch(r"FR\d{3}", info.code)
        for part in ("What it does:", "Why is this bad?", "Example:", "Use instead:"):
            assert part in info.doc, (info.code, part)
        assert info.severity in ("error", "warning")
        if info.source == "docs":
            assert info.severity == "warning"


def test_the_body_schema_is_valid_and_agrees_with_the_code():
    from jsonschema import Draft202012Validator

    from flowlint.request import CATEGORIES, FIELDS, NAME_MAX, request_schema

    schema = request_schema()
    Draft202012Validator.check_schema(schema)
    assert tuple(schema["properties"]) == FIELDS
    assert tuple(schema["properties"]["categories"]["items"]["enum"]) == CATEGORIES
    assert schema["properties"]["name"]["maxLength"] == NAME_MAX
    assert "docs.aws.amazon.com" in schema["properties"]["name"]["description"]
    assert schema["required"] == ["name", "categories"]
