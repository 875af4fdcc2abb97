"""Report formats: one module per format, all registered in :data:`REPORTERS`.

A reporter is a pure function ``render(results, options) -> str``: it turns checked files into text and
never checks anything. The CLI builds the ``--format`` choice from :data:`REPORTERS`, and imports a
reporter module only when that format is asked for (so ``flowlint --version`` does not pay for SARIF).

Several files at once (``docs/cli.md``, "Output formats"): ``api`` and ``graph`` print the bare
``validationErrors`` array when the command line names exactly one file (a file path or ``-``), and
otherwise one JSON object keyed by file path, in input order; ``json`` is always a list with one object
per file; ``sarif`` one run, ``junit`` one testcase per file, ``text``/``concise``/``github`` one block
or line per diagnostic.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from flowlint.records import record

if TYPE_CHECKING:
    from flowlint.diagnostics import Diagnostic, Report

__all__ = [
    "DEFAULT_FORMAT",
    "REPORTERS",
    "FileResult",
    "RenderOptions",
    "Renderer",
    "count",
    "fails",
    "get_reporter",
]

#: Format name -> module that defines ``render``. The one table of formats.
REPORTERS: dict[str, str] = {
    "text": "flowlint.reporters.text",
    "concise": "flowlint.reporters.concise",
    "api": "flowlint.reporters.api",
    "graph": "flowlint.reporters.graph",
    "json": "flowlint.reporters.full_json",
    "sarif": "flowlint.reporters.sarif",
    "github": "flowlint.reporters.github",
    "junit": "flowlint.reporters.junit",
}
DEFAULT_FORMAT = "text"


@record(frozen=True)
class FileResult:
    """One checked input: its name as shown to the user, and its report or why it could not be read."""

    path: str
    report: Report | None = None
    error: str | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.report.diagnostics if self.report is not None else []


class RenderOptions(NamedTuple):  # not a dataclass: ~0.5 ms less to define at import, in every run
    """How to render; decided by the CLI from options and configuration."""

    #: The command line named exactly one file: ``api``/``graph`` print the bare array.
    single: bool = False
    color: bool = False
    show_source: bool = True
    quiet: bool = False
    #: ``"warning"``: warnings fail the run too (junit failures, the text summary).
    error_on: str = "error"


Renderer = Callable[[Sequence[FileResult], RenderOptions], str]


def get_reporter(name: str) -> Renderer:
    """The ``render`` function of a format (imported on first use)."""
    module = importlib.import_module(REPORTERS[name])
    render: Renderer = module.render
    return render


def fails(diagnostic: Diagnostic, error_on: str) -> bool:
    """Whether a diagnostic makes the run fail (exit status 1)."""
    return diagnostic.severity == "error" or error_on == "warning"


def count(n: int, word: str) -> str:
    """``count(1, "error")`` -> ``"1 error"``; ``count(2, "error")`` -> ``"2 errors"``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
