"""Every output format stays well formed for any report: JSON parses, SARIF is valid SARIF 2.1.0, JUnit is XML,
GitHub workflow commands stay one per line, text and concise name every problem.

Reports come from hostile inputs (so messages quote odd unicode, control characters, lone surrogates), mixed
with files that could not be read and odd file names (spaces, ``%``, ``:`` and ``,``, non-UTF-8 bytes kept as
surrogate escapes, as ``os.fsdecode`` gives them). The text is checked as the CLI writes it
(:func:`flowlint.cli.emit`: UTF-8, ``backslashreplace``).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import flowlint
from flowlint.reporters import REPORTERS, FileResult, RenderOptions, get_reporter
from tests.fuzz.mutations import hostile_inputs

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "cli" / "sarif-schema-2.1.0.json"

file_names = st.sampled_from(
    [
        "flow.json",
        "dir/a b.json",
        "100%:x,y.json",
        os.fsdecode(b"caf\xe9.json"),  # Latin-1 name on a UTF-8 system: a surrogate escape
        "/abs/path/\u00e9.json",
        "-",
        "line\nbreak.json",
    ]
)
read_errors = st.sampled_from(
    ["No such file or directory", "is a directory, not a file", "Permission denied", "odd \x00 \ud800 <&> \n"]
)


@st.composite
def results(draw: st.DrawFn) -> list[FileResult]:
    out: list[FileResult] = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(file_names)
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            out.append(FileResult(name, error=draw(read_errors)))
        else:
            out.append(FileResult(name, flowlint.lint(draw(hostile_inputs), filename=name)))
    return out


@lru_cache(maxsize=1)
def _sarif_validator() -> Any:
    return jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def _written(text: str) -> bytes:
    """What :func:`flowlint.cli.emit` puts on a UTF-8 stdout."""
    return text.encode("utf-8", "backslashreplace")


@given(results(), st.booleans(), st.sampled_from(["error", "warning"]))
def test_every_format_is_well_formed(found: list[FileResult], single: bool, error_on: str) -> None:
    options = RenderOptions(single=single and len(found) == 1, show_source=True, error_on=error_on)
    places = sum(max(1, len(d.pointers)) for r in found for d in r.diagnostics)  # a merged error: one per place
    for name in REPORTERS:
        written = _written(get_reporter(name)(found, options))
        if name in ("api", "graph") and options.single and found[0].report is None:
            assert written == b""  # nothing to say on stdout: the read error is on stderr, the status 2
        elif name in ("json", "api", "graph"):
            json.loads(written)
        elif name == "sarif":
            log = json.loads(written)
            _sarif_validator().validate(log)
            assert len(log["runs"][0]["results"]) == places
        elif name == "junit":
            root = ElementTree.fromstring(written)
            assert sum(1 for _ in root.iter("testcase")) == len(found)
        elif name == "github":
            # The runner reads commands line by line at "\n"; U+2028 inside a message is no line break.
            lines = written.decode("utf-8").split("\n")[:-1]
            assert all(line.startswith(("::error ", "::warning ")) for line in lines)
            assert len(lines) == places + sum(1 for r in found if r.error is not None)
        else:  # text, concise: every problem is on its own line, whatever the message holds
            text = written.decode("utf-8")
            for result in found:
                for diag in result.diagnostics:
                    assert diag.rule in text
