"""Real flows inside real-looking requests: the 8x8 OpenAPI example body, and every flow of
``../shared/corpus/real`` embedded in a Create Flow request."""

from __future__ import annotations

import json

import pytest

from flowlint import check_create_request
from flowlint.request import api_answer
from flowlint.versions import LEGACY, parse_version_number

from tests.conformance import CORPUS, absent_reason

from .helpers import ACCOUNT, CHANNEL

#: The request example of 8x8's OpenAPI (operation create-whatsapp-flow), verbatim.
EXAMPLE_8X8 = {
    "name": "Example Flow",
    "categories": ["OTHER"],
    "publish": False,
    "flowJson": '{"version":"5.0","screens":[{"id":"WELCOME_SCREEN","layout":{"type":"SingleColumnLayout","children":'
    '[{"type":"TextHeading","text":"Hello World"},{"type":"Footer","label":"Complete","on-click-action":{"name":'
    '"complete","payload":{}}}]},"title":"Welcome","terminal":true,"success":true,"data":{}}]}',
}


def test_the_8x8_example_is_created_as_a_draft_refused_for_its_version():
    report = check_create_request(json.dumps(EXAMPLE_8X8), account_id=ACCOUNT, channel_id=CHANNEL)
    status, answer = api_answer(report, flow_id="866937862658913")
    assert status == 200
    errors = answer["validationErrors"]
    assert [e["error"] for e in errors] == ["INVALID_FLOW_JSON_VERSION"]
    assert errors[0]["pointers"] == [
        {"lineStart": 1, "lineEnd": 1, "columnStart": 12, "columnEnd": 17, "path": "version"}
    ]
    # Published, the same request fails.
    published = check_create_request(json.dumps({**EXAMPLE_8X8, "publish": True}))
    assert api_answer(published)[0] == 400


def real_flows():
    """The corpus flows; without the corpus, one parameter that skips with the reason (rather than pytest's
    "got empty parameter set")."""
    if not CORPUS.exists():
        return [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=absent_reason(CORPUS)))]
    return [pytest.param(path, id=path.stem) for path in sorted(CORPUS.glob("*.json"))]


@pytest.mark.parametrize("path", real_flows())
def test_real_flow_in_a_request(path):
    flow_text = path.read_text(encoding="utf-8")
    flow = json.loads(flow_text)
    number = parse_version_number(flow["version"])
    value = {
        "name": path.stem,
        "categories": ["OTHER"],
        "publish": True,
        "flowJson": flow_text,
        "endPointUri": "https://example.com/flow-endpoint",
    }
    if number < 300:
        del value["endPointUri"]  # below 3.0 the endpoint is data_channel_uri, inside the flow
    report = check_create_request(json.dumps(value), account_id=ACCOUNT, channel_id=CHANNEL)
    if number in LEGACY:
        # Versions below 5.1: the version refusal is an error in a request, so publishing fails.
        assert "FL103" in [d.rule for d in report.flow_diagnostics if d.severity == "error"]
        refused = {d.rule for d in report.refusals}
        assert "FR020" in refused and refused <= {"FR020", "FR022"}
    else:
        assert report.flow_report is not None and report.flow_report.ok, [
            (d.rule, d.message) for d in report.flow_report.errors
        ]
        assert report.refusals == [], [(d.rule, d.message) for d in report.refusals]
        assert api_answer(report)[0] == 200
