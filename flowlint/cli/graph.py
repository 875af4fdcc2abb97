"""``flowlint graph FLOW.json``: draw the screen graph (registered lazily by ``flowlint.cli``).

The click layer only turns options into calls: the graph is :func:`flowlint.screen_graph.build_graph`, the
drawings :mod:`flowlint.screen_graph_render`. ``--output`` with ``.svg``/``.png``/``.pdf`` runs Graphviz's
``dot`` program when it is on the PATH (it is not a dependency of flowlint).

Exit status: 0 the graph was drawn (whatever problems it shows); 1 the flow cannot be drawn (it does not parse,
is not an object, or has no screens); 2 usage or I/O error (a file that cannot be read or written, ``dot``
missing or failing).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from flowlint.escaping import visible
from flowlint.screen_graph_render import RENDERERS
from flowlint.versions import LATEST

__all__ = ["graph_command", "IMAGE_SUFFIXES", "TEXT_SUFFIXES", "choose_format"]

#: ``--output`` suffixes drawn by Graphviz (``dot -T<value>``).
IMAGE_SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf"}
#: ``--output`` suffixes that name a text format (used when ``--format`` is not given).
TEXT_SUFFIXES = {".mmd": "mermaid", ".mermaid": "mermaid", ".dot": "dot", ".gv": "dot", ".json": "json"}
DOT_TIMEOUT = 120  # seconds: a 500-screen flow takes dot a few seconds

GRAPHVIZ_MISSING = (
    "--output {name} needs Graphviz's `dot` program, which is not on the PATH "
    "(install Graphviz: https://graphviz.org/download/); or print DOT with `--format dot` and render it "
    "elsewhere, or paste the default Mermaid output into GitHub Markdown"
)


#: Why a flow cannot be drawn, by :attr:`flowlint.screen_graph.GraphError.reason` (its diagnostics come first).
WHY_NOT = {
    "syntax": "it is not valid Flow JSON text (see above)",
    "not-object": "it is not a JSON object (see above)",
    "no-screens": "it has no screens (`screens` is missing or empty)",
}


class UsageProblem(Exception):
    """An option combination that cannot work (exit 2)."""


def choose_format(output_format: str | None, output: Path | None) -> tuple[str, str | None]:
    """(text format, Graphviz image type or None) from ``--format`` and the ``--output`` suffix."""
    suffix = output.suffix.lower() if output is not None else ""
    image = IMAGE_SUFFIXES.get(suffix)
    if image is not None:
        if output_format not in (None, "dot"):
            raise UsageProblem(f"--output {output} is drawn by Graphviz from DOT: use --format dot, or no --format")
        return "dot", image
    implied = TEXT_SUFFIXES.get(suffix)
    if implied is not None and output_format is not None and output_format != implied:
        raise UsageProblem(f"--format {output_format} does not match --output {output} (a {implied} file)")
    return output_format or implied or "mermaid", None


def _check_version(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from flowlint.cli import _check_version as check

    return check(ctx, param, value)


@click.command("graph", short_help="Draw the screen graph (Mermaid, DOT, JSON, SVG).")
@click.argument("flow", type=click.Path(dir_okay=True, allow_dash=True), metavar="FLOW.json")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(RENDERERS)),
    default=None,
    help="mermaid: a flowchart for Markdown; dot: Graphviz; json: nodes, edges, problems. "
    "Default: from the --output suffix, else mermaid.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output. .svg, .png and .pdf are drawn with Graphviz's `dot` "
    "(it must be on the PATH); .mmd, .dot, .gv, .json choose the format.",
)
@click.option(
    "--target-version",
    callback=_check_version,
    metavar="VERSION",
    help=f'Lint as if the flow declared this Flow JSON version (e.g. "{LATEST}").',
)
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw the legend of the marks.")
def graph_command(
    flow: str, output_format: str | None, output: Path | None, target_version: str | None, legend: bool
) -> None:
    """Draw the screens of FLOW.json and the ways between them (navigate, data_exchange routes, complete),
    with the entry, terminal and unreachable screens and every problem `flowlint` finds marked on them.

    \b
    Examples:
      flowlint graph flow.json              Mermaid flowchart (paste into a ```mermaid block)
      flowlint graph --format dot flow.json | dot -Tsvg > flow.svg
      flowlint graph flow.json -o flow.svg  the same, when Graphviz's dot is installed
      flowlint graph --format json flow.json

    \b
    Exit status: 0 drawn (with whatever problems it shows), 1 the flow cannot be
    drawn (not JSON, not an object, no screens), 2 usage or I/O error.
    See docs/graph.md.
    """
    from flowlint.cli import fail, write_or_quit
    from flowlint.engine import lint, lint_file
    from flowlint.screen_graph import GraphError, build_graph

    try:
        text_format, image = choose_format(output_format, output)
    except UsageProblem as problem:
        fail(str(problem))
        sys.exit(2)
    dot_program = shutil.which("dot") if image is not None else None
    if image is not None and dot_program is None:
        fail(GRAPHVIZ_MISSING.format(name=output))
        sys.exit(2)
    name = flow
    try:
        if flow == "-":
            report = lint(sys.stdin.buffer.read(), version=target_version, filename="-")
        else:
            report = lint_file(flow, version=target_version)
    except OSError as exc:
        fail(f"{flow}: {exc.strerror or exc}")
        sys.exit(2)
    try:
        graph = build_graph(report, filename=name)
    except GraphError as error:
        for diag in error.report.errors[:3] if error.reason != "no-screens" else ():
            span = diag.span
            where = f"{name}:{span.line_start}:{span.column_start}" if span else name
            click.echo(visible(f"{where}: {diag.rule} {diag.message}"), err=True)
        fail(f"{name}: cannot draw the screen graph: {WHY_NOT.get(error.reason, str(error))}")
        sys.exit(1)
    text = RENDERERS[text_format](graph, legend=legend)
    if output is None:
        write_or_quit(text, 0)
        sys.exit(0)
    if image is not None:
        assert dot_program is not None
        _run_dot(dot_program, text, image, output)
    else:
        try:
            with open(output, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
            sys.exit(2)
    sys.exit(0)


def _run_dot(program: str, dot_source: str, image: str, output: Path) -> None:
    """``dot -T<image> -o OUTPUT`` with the DOT text on its standard input; exit 2 when it fails."""
    try:
        done = subprocess.run(
            [program, f"-T{image}", "-o", os.fspath(output)],
            input=dot_source.encode("utf-8", "backslashreplace"),
            capture_output=True,
            timeout=DOT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        from flowlint.cli import fail

        fail(f"Graphviz's dot could not draw {output}: {exc}")
        sys.exit(2)
    if done.returncode != 0:
        from flowlint.cli import fail

        said = done.stderr.decode("utf-8", "replace").strip()
        fail(f"Graphviz's dot failed (exit status {done.returncode}) drawing {output}" + (f": {said}" if said else ""))
        sys.exit(2)
