"""``--format text`` (the default): ``file:line:col: CODE message``, then the source line and a caret
under the span, the JSON path, and flowlint's hint when it has one. Colour only when asked for."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from flowlint.diagnostics import Diagnostic
from flowlint.escaping import UNSAFE, visible
from flowlint.positions import LineIndex
from flowlint.reporters import FileResult, RenderOptions
from flowlint.reporters._lines import headline, paint, summary

__all__ = ["code_frame", "render"]

#: Widest stretch of a source line shown; minified flows are one very long line.
MAX_WIDTH = 100
#: How much text to keep before the caret when a long line is cut.
CONTEXT_BEFORE = 30


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    blocks: list[str] = []
    for result in results:
        # Only files with findings pay for a line index (most files in a big run are clean).
        source = result.report.source if result.report is not None and result.diagnostics else None
        index = LineIndex(source) if source and options.show_source else None
        for diagnostic in result.diagnostics:
            lines = [headline(result.path, diagnostic, color=options.color)]
            if options.show_source:
                lines.extend(_details(diagnostic, index, color=options.color))
            blocks.append("\n".join(lines))
    separator = "\n\n" if options.show_source else "\n"
    out = separator.join(blocks)
    if not options.quiet:
        out = f"{out}{separator}{summary(results, options)}" if out else summary(results, options)
    return out + "\n" if out else ""


def _details(diagnostic: Diagnostic, index: LineIndex | None, *, color: bool) -> list[str]:
    lines: list[str] = []
    first = diagnostic.pointers[0] if diagnostic.pointers else None
    frame: list[str] = []
    if first is not None and first.span is not None and index is not None:
        frame = code_frame(index, first.span.start, first.span.end, label=first.path_text, color=color)
    lines.extend(frame)
    if not frame and first is not None and first.path_text:
        # No code frame: no source shown, or Meta's own answer has no position for this error (line 0).
        lines.append(f"  at {visible(first.path_text)}")
    if diagnostic.fix:
        lines.append(paint(f"  = help: {visible(diagnostic.fix)}", "cyan", color=color))
    if diagnostic.autofix is not None:
        how = "--fix" if diagnostic.autofix.applicability == "safe" else "--fix --unsafe-fixes"
        lines.append(paint(f"  [*] fixable with {how}", "cyan", color=color))
    for extra, fix in diagnostic.places()[1:]:
        span = extra.span
        where = f"{span.line_start}:{span.column_start}" if span else "?"
        place = visible(extra.path_text) or "the document"
        lines.append(paint(f"  = also at {where} ({place})", "dim", color=color))
        if fix:
            lines.append(paint(f"    help: {visible(fix)}", "cyan", color=color))
    return lines


def code_frame(index: LineIndex, start: int, end: int, *, label: str = "", color: bool = False) -> list[str]:
    """The source line holding ``start`` and a caret line under ``text[start:end]`` (first line only).

    Offsets are the span's character offsets, so no column arithmetic happens here; carets count
    display cells (an East Asian wide character or an emoji takes two, a control character its escape).
    """
    text = index.text
    if start < 0 or start > len(text):
        return []
    line_no = index.line_of(start) if start < len(text) else index.line_of(max(len(text) - 1, 0))
    line_start = index.line_start_offset(line_no)
    line = index.line_text(line_no).rstrip("\r")
    first = start - line_start
    last = max(min(end, line_start + len(line)) - line_start, first + 1)
    window_start = max(0, first - CONTEXT_BEFORE) if _wider_than(line, MAX_WIDTH) else 0
    shown = line[window_start:]
    cut = _cut(shown, MAX_WIDTH)
    prefix = "…" if window_start else ""
    suffix = "…" if len(cut) < len(shown) else ""
    rel_first, rel_last = first - window_start, last - window_start
    carets = paint("^" * max(1, _width(cut[rel_first:rel_last])), "bold", "red", color=color)
    caret_indent = (" " if prefix else "") + _blank(cut[:rel_first])
    gutter = str(line_no)
    bar = paint(f"{' ' * len(gutter)} |", "blue", color=color)
    tail = f" {visible(label)}" if label else ""
    return [
        bar,
        paint(f"{gutter} |", "blue", color=color) + f" {prefix}{visible(cut)}{suffix}",
        f"{bar} {caret_indent}{carets}{tail}",
    ]


def _cut(text: str, width: int) -> str:
    used = 0
    for i, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            return text[:i]
    return text


def _blank(text: str) -> str:
    """Spaces as wide as ``text`` on screen (tabs kept, so the caret lines up under tabs too)."""
    return "".join("\t" if ch == "\t" else " " * _char_width(ch) for ch in text)


def _wider_than(text: str, width: int) -> bool:
    """``_width(text) > width``, measuring no further than needed: a minified 10 MB flow is one line, and
    measuring all of it for every problem made the text format take seconds per problem."""
    if len(text) * 6 <= width:  # no character is wider than six cells (``\u202e``)
        return False
    used = 0
    for ch in text:
        used += _char_width(ch)
        if used > width:
            return True
    return False


def _width(text: str) -> int:
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if ch == "\t":
        return 1
    if UNSAFE.match(ch):
        return len(visible(ch))
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
