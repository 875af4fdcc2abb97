"""``check_create_request`` on hostile bodies: damaged flows inside well-formed requests, and garbage.

tests/request/test_robustness.py judges random field values; here the ``flowJson`` inside is a damaged real
or generated flow (as a string or as an object), the other fields are sometimes damaged too, and the whole
body is sometimes hostile bytes.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from flowlint import check_create_request
from tests.fuzz.checks import Lines, assert_inside, assert_located, assert_no_internal_error, text_of
from tests.fuzz.mutations import hostile_inputs, json_values, mutate_text, mutated_documents, mutated_values

names = st.sampled_from(["Flow", "", " ", "x" * 300, "\ud800", "é\u202e"]) | st.text(max_size=20)


@st.composite
def request_bodies(draw: st.DrawFn) -> bytes | dict:
    body: dict = {"name": draw(names), "categories": draw(st.sampled_from([["OTHER"], [], ["NOPE"], "OTHER"]))}
    flow = draw(st.sampled_from(["text", "object", "none"]))
    if flow == "text":
        body["flowJson"] = draw(mutated_documents()).decode("utf-8", "surrogateescape" if draw(st.booleans()) else "replace")
    elif flow == "object":
        body["flowJson"] = draw(mutated_values())
    for field in draw(st.lists(st.sampled_from(["publish", "endPointUri", "cloneFlowId", "name", "extra"]), max_size=3)):
        body[field] = draw(json_values | st.sampled_from([True, "https://example.com/x", "http://[::1", "1" * 40]))
    if draw(st.booleans()):
        return body
    data = json.dumps(body, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    return mutate_text(draw, data) if draw(st.booleans()) else data


ids = st.sampled_from([None, "", "123", "abc", "1" * 40, "../x", "\x00"])


@given(request_bodies() | hostile_inputs, ids, ids)
def test_check_create_request_never_raises_and_locates_the_flow_json_findings(
    body: bytes | dict, account_id: str | None, channel_id: str | None
) -> None:
    report = check_create_request(body, account_id=account_id, channel_id=channel_id)
    assert_no_internal_error(report.diagnostics)
    assert isinstance(report.accepted, bool)
    if report.flow_report is not None and report.flow_source is not None:
        assert_located(report.flow_report, report.flow_source)
    request_text = report.source or (text_of(body) if isinstance(body, (bytes, str)) else None)
    lines = Lines(request_text) if request_text is not None else None
    for diag in report.diagnostics:
        mapped = report.in_file(diag)
        for pointer in mapped.pointers:
            # Path-parameter findings (FR002/FR003) are about the URL, not the body: they have no span.
            assert pointer.span is not None or diag.rule in ("FR002", "FR003"), diag
            if pointer.span is not None and lines is not None:
                assert_inside(pointer.span, lines, diag.rule)  # flowJson findings mapped into the request file
