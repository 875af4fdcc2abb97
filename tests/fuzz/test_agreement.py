"""The fast paths and the precise paths agree on hostile input (DESIGN: "the fast path proves a flow clean;
the precise path explains what is wrong").

* Parsing: strict ``json.loads`` and the lark grammar accept and refuse the same texts, and agree on the
  value (tests/test_parser_agreement.py proves it on generated JSON; here on damaged real flows: BOMs, NUL,
  CR-only line ends, garbage, huge literals, deep nesting).
* Schema: ``jsonschema-rs`` (``schema_is_valid``, the clean path) and the reference validator accept the same
  documents; a document the clean path refuses gets at least one error from the explanation (so a refusal
  never turns into a silent pass), and the pruned explanation equals the full one.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from flowlint import schema
from flowlint.diagnostics import ERROR
from flowlint.source import _fast_parse, _lark_parse, decode
from flowlint.versions import LEGACY, SUPPORTED, version_gate
from tests.fuzz.mutations import mutated_documents, mutated_values

VERSIONS = sorted({*SUPPORTED.values(), *LEGACY.values()})


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)


@given(mutated_documents())
def test_fast_parse_and_lark_parse_agree_on_damaged_flows(data: bytes) -> None:
    text, _, utf8_error = decode(data)
    if utf8_error is not None:
        return
    try:
        fast = _fast_parse(text).value
        fast_ok = True
    except RecursionError:  # json.loads' own stack limit: not a refusal of the text
        return
    except Exception:  # noqa: BLE001 - any other refusal
        fast_ok = False
    root, error = _lark_parse(text)
    if error is not None and error[1] == "" and fast_ok:
        return  # an integer past MAX_INT_DIGITS: the grammar refuses what json.loads reads (FL007, by design)
    assert fast_ok == (error is None), error
    if fast_ok:
        assert root is not None and _same(fast, root.value)


@given(mutated_values(), st.sampled_from([None, *VERSIONS]))
def test_clean_path_and_reference_validator_agree(doc: Any, version: str | None) -> None:
    if not isinstance(doc, dict):
        return
    if version is not None:
        doc = {**doc, "version": version}
    checked, _ = version_gate(doc)
    text = schema._schema_version(checked) if checked else None
    if text is None:
        return
    reference = schema.validator_for(text).is_valid(doc)
    assert schema.schema_is_valid(doc, text) == reference
    if not reference:
        full = schema._explain(doc, text, prune_from=10**9)
        assert any(d.severity == ERROR for d in full), "the schema refuses the flow, the explanation says nothing"
        assert schema._explain(doc, text, prune_from=1) == full
