"""What the library accepts: text, bytes-like objects, a parsed flow; anything else is a clear TypeError
(issue 24 point 11, issue 20 point 6)."""

from __future__ import annotations

import json
import os

import pytest

import flowlint

FLOW = {
    "version": "7.3",
    "screens": [
        {
            "id": "END",
            "title": "Done",
            "terminal": True,
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextHeadng", "text": "Hi"},
                    {"type": "Footer", "label": "OK", "on-click-action": {"name": "complete", "payload": {}}},
                ],
            },
        }
    ],
}


def _answer(report: flowlint.Report) -> list[tuple[str, str]]:
    return [(d.error, d.message) for d in report.diagnostics]


def test_bytes_like_inputs_get_the_same_answer() -> None:
    text = json.dumps(FLOW, indent=2)
    expected = _answer(flowlint.lint(text))
    assert expected and expected[0][0] == "INVALID_PROPERTY_VALUE"
    assert _answer(flowlint.lint(text.encode())) == expected
    assert _answer(flowlint.lint(bytearray(text.encode()))) == expected
    assert _answer(flowlint.lint(memoryview(text.encode()))) == expected


def test_a_parsed_flow_is_checked_as_its_canonical_rendering() -> None:
    report = flowlint.lint(FLOW)
    assert _answer(report) == _answer(flowlint.lint(json.dumps(FLOW, indent=2, ensure_ascii=False)))
    pointer = report.diagnostics[0].pointers[0]
    canonical = json.dumps(FLOW, indent=2, ensure_ascii=False).splitlines()
    line = next(i for i, text in enumerate(canonical, 1) if "TextHeadng" in text)
    assert pointer.span is not None and pointer.span.line_start == line


@pytest.mark.parametrize("value", [None, 42, 1.5, ["version"], object()])
def test_other_types_are_refused_with_what_to_pass(value: object) -> None:
    with pytest.raises(TypeError, match="Flow JSON text"):
        flowlint.lint(value)  # type: ignore[arg-type]


def test_a_dict_that_is_not_json_data_is_refused() -> None:
    with pytest.raises(TypeError, match="not JSON data"):
        flowlint.lint({"version": object()})


def test_lint_file_refuses_a_descriptor_and_leaves_it_open(tmp_path) -> None:
    path = tmp_path / "flow.json"
    path.write_text(json.dumps(FLOW), encoding="utf-8")
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(TypeError, match="takes a path"):
            flowlint.lint_file(fd)  # type: ignore[arg-type]
        os.fstat(fd)  # still open: flowlint did not close the caller's descriptor
    finally:
        os.close(fd)


def test_lint_pauses_the_cyclic_collector_only_for_the_call() -> None:
    import gc

    assert gc.isenabled()
    flowlint.lint('{"version": "7.3", "screens": []}')
    assert gc.isenabled()
    with pytest.raises(TypeError):
        flowlint.lint(None)  # type: ignore[arg-type]
    assert gc.isenabled()
    gc.disable()  # a caller's own choice is left alone
    try:
        flowlint.lint('{"version": "7.3", "screens": []}')
        assert not gc.isenabled()
    finally:
        gc.enable()
