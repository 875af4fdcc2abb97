"""JSONTestSuite (nst/JSONTestSuite, in ../shared/conformance/jsontestsuite): the parser's conformance.

y_ files must parse to the value json.loads gives; n_ files must give exactly one positioned syntax
diagnostic; i_ files may go either way but never raise.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from flowlint.source import _lark_parse, parse_source
from tests.conformance import JSONTESTSUITE as SUITE, skip_module_without

skip_module_without(SUITE)

SYNTAX_RULES = {"FL001", "FL002", "FL005", "FL007"}


def _files(prefix: str) -> list[Path]:
    return sorted(SUITE.glob(f"{prefix}_*.json"))


def _same(a: object, b: object) -> bool:
    """Equality that also tells 1 from 1.0 and -0.0 from 0.0, and handles nested containers."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b) or (math.isnan(a) and math.isnan(b))
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    return a == b


def test_suite_is_complete() -> None:
    assert (len(_files("y")), len(_files("n")), len(_files("i"))) == (95, 188, 35)


@pytest.mark.parametrize("path", _files("y"), ids=lambda p: p.name)
def test_y_files_parse_to_the_same_value(path: Path) -> None:
    data = path.read_bytes()
    parsed = parse_source(data)
    assert not [d for d in parsed.diagnostics if d.rule in SYNTAX_RULES], parsed.diagnostics
    assert _same(parsed.value, json.loads(data))
    root, error = _lark_parse(parsed.text)
    assert error is None and root is not None
    assert _same(root.value, parsed.value)


@pytest.mark.parametrize("path", _files("n"), ids=lambda p: p.name)
def test_n_files_give_one_positioned_syntax_error(path: Path) -> None:
    data = path.read_bytes()
    parsed = parse_source(data)
    syntax = [d for d in parsed.diagnostics if d.rule in SYNTAX_RULES]
    assert len(syntax) == 1, parsed.diagnostics
    span = syntax[0].span
    assert span is not None and span.line_start >= 1 and span.column_start >= 1
    lines = data.count(b"\n") + 1
    assert span.line_start <= lines
    assert syntax[0].error == "INVALID_FLOW_JSON"
    assert syntax[0].message.startswith("Flow JSON is not valid. ")


@pytest.mark.parametrize("path", _files("i"), ids=lambda p: p.name)
def test_i_files_never_raise(path: Path) -> None:
    parsed = parse_source(path.read_bytes())
    assert parsed.value is not None or parsed.diagnostics
