"""``--format github``: GitHub Actions workflow commands, one annotation per place of each problem (a merged
error, one message at several places, is annotated at each, with that place's hint).

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message`` (``::warning`` for warnings).
Chosen automatically when ``GITHUB_ACTIONS=true`` and no format was given. Escaping follows the Actions
toolkit (``@actions/core`` ``command.ts``): ``%``, CR and LF everywhere, ``:`` and ``,`` in properties too.
Before that, the file name, message and hint are shown with :func:`~flowlint.escaping.visible`: a newline of
the flow's is the two characters ``\\n`` (only flowlint's own line before ``help:`` is a line break in the
annotation), and ESC, C1 and bidi controls are not written raw to the log, which renders ANSI colours.
"""

from __future__ import annotations

from collections.abc import Sequence

from flowlint.diagnostics import Pointer
from flowlint.escaping import visible
from flowlint.reporters import FileResult, RenderOptions

__all__ = ["render"]


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    lines: list[str] = []
    for result in results:
        name = visible(result.path)
        if result.error is not None:
            lines.append(f"::error file={_prop(name)},title=flowlint::{_data(visible(result.error))}")
        for diagnostic in result.diagnostics:
            places: Sequence[tuple[Pointer | None, str | None]] = diagnostic.places() or [(None, diagnostic.fix)]
            for pointer, fix in places:
                props = {"file": name}
                span = pointer.span if pointer is not None else None
                if span is not None and span.line_start > 0:
                    props.update(
                        line=str(span.line_start),
                        col=str(span.column_start),
                        endLine=str(span.line_end),
                        endColumn=str(span.column_end),
                    )
                props["title"] = diagnostic.rule or diagnostic.error
                text = ",".join(f"{key}={_prop(value)}" for key, value in props.items())
                message = visible(diagnostic.message) + (f"\nhelp: {visible(fix)}" if fix else "")
                lines.append(f"::{diagnostic.severity} {text}::{_data(message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
