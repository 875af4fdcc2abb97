"""``--format junit``: JUnit XML for CI test reports, one testcase per file.

A file with problems that fail the run (errors; warnings too with ``--error-on warning``) has one
``<failure>`` listing them; other findings go to ``<system-out>``; a file that could not be read has an
``<error>``. Characters XML 1.0 cannot carry (control characters, lone surrogates) are written as
``\\uXXXX`` so the document always parses; attributes (the file name) keep line breaks and tabs exactly.
The ``<failure>`` and ``<system-out>`` texts are lines a CI page shows: there, the file name and message
are shown with :func:`~flowlint.escaping.visible`, so a newline of the flow's (or a CR, which an XML reader
turns into a newline) cannot start a line of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from flowlint.diagnostics import Diagnostic
from flowlint.escaping import visible
from flowlint.reporters import FileResult, RenderOptions, count, fails

__all__ = ["render"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    failures = sum(1 for r in results if any(fails(d, options.error_on) for d in r.diagnostics))
    errors = sum(1 for r in results if r.error is not None)
    totals = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "flowlint", **totals})
    suite = ET.SubElement(suites, "testsuite", {"name": "flowlint", **totals, "skipped": "0"})
    for result in results:
        name = _x(result.path)
        case = ET.SubElement(suite, "testcase", {"classname": "flowlint", "name": name, "file": name})
        if result.error is not None:
            ET.SubElement(case, "error", {"message": _x(result.error), "type": "IOError"})
            continue
        failing = [d for d in result.diagnostics if fails(d, options.error_on)]
        other = [d for d in result.diagnostics if not fails(d, options.error_on)]
        if failing:
            kind = failing[0].rule or failing[0].error
            failure = ET.SubElement(case, "failure", {"message": count(len(failing), "problem"), "type": kind})
            failure.text = _x("\n".join(_line(result.path, d) for d in failing))
        if other:
            ET.SubElement(case, "system-out").text = _x("\n".join(_line(result.path, d) for d in other))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _line(path: str, diagnostic: Diagnostic) -> str:
    """One line per place (a merged error has several)."""
    out = []
    name, message = visible(path), visible(diagnostic.message)
    for pointer in diagnostic.pointers or (None,):
        span = pointer.span if pointer is not None else None
        where = f"{span.line_start}:{span.column_start}" if span else "0:0"
        out.append(f"{name}:{where}: {diagnostic.rule} [{diagnostic.severity}] {message}")
    return "\n".join(out)


def _x(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
