"""Line and column arithmetic: the one place that turns text offsets into API positions.

The contract (``spec/positions.md``, confirmed by Meta's own validator on the conformance cases):

* lines and columns are 1-based;
* only ``\\n`` ends a line (so ``\\r\\n`` ends one too, and a lone ``\\r`` is an ordinary column);
* a tab is one column;
* columns count UTF-16 code units, as Meta's scanner does on a JavaScript string, so a character
  outside the Basic Multilingual Plane (an emoji) is two columns;
* a span's ``column_end`` is one past its last character (exclusive) and ``line_end`` is the line
  of its last character.

If Meta ever changes a convention (say, to an inclusive end column), this module is the one to change.
"""

from __future__ import annotations

import bisect

from flowlint.lazyre import LazyPattern
from flowlint.records import record

__all__ = ["Span", "LineIndex", "utf16_len", "END_IS_EXCLUSIVE"]

_ASTRAL = LazyPattern("[\U00010000-\U0010FFFF]")

#: Meta's current validator reports one past the last character; an older, pre-2024 sample
#: (Infobip's copy) read as inclusive. Flip here, nowhere else.
END_IS_EXCLUSIVE = True


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what a JavaScript ``.length`` says)."""
    if text.isascii():
        return len(text)
    # Lone surrogates (allowed by JSON's \\u escapes only, but possible in a str input) count as one unit.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@record(frozen=True, slots=True)
class Span:
    """A located stretch of the source: API positions plus the 0-based character offsets."""

    line_start: int
    column_start: int
    line_end: int
    column_end: int
    start: int = -1
    end: int = -1

    def as_api(self) -> dict[str, int]:
        return {
            "lineStart": self.line_start,
            "lineEnd": self.line_end,
            "columnStart": self.column_start,
            "columnEnd": self.column_end,
        }


class LineIndex:
    """Offsets of line starts in a text, for fast offset -> (line, column) conversion."""

    __slots__ = ("text", "_starts", "_astral")

    def __init__(self, text: str) -> None:
        self.text = text
        # Offsets of the characters outside the BMP (two UTF-16 units each): a column is then the
        # character count plus the astral characters before it, without slicing the line (a minified
        # flow is one line, and slicing it per position made positions quadratic).
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """1-based line number of the character at ``offset``."""
        return bisect.bisect_right(self._starts, offset)

    def line_start_offset(self, line: int) -> int:
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its ``\\n``."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of ``offset``: 1-based, column in UTF-16 code units."""
        line = self.line_of(offset)
        start = self._starts[line - 1]
        column = offset - start + 1
        astral = self._astral
        if astral:
            column += bisect.bisect_left(astral, offset) - bisect.bisect_left(astral, start)
        return line, column

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (``end`` exclusive, ``end > start``)."""
        line_start, column_start = self.position(start)
        if end <= start:
            return Span(line_start, column_start, line_start, column_start, start, start)
        last = end - 1
        line_end, column_last = self.position(last)
        width = utf16_len(self.text[last]) if END_IS_EXCLUSIVE else 0
        return Span(line_start, column_start, line_end, column_last + width, start, end)

    def point(self, offset: int) -> Span:
        """A one-character span at ``offset`` (at the end of the text: just after the last character)."""
        if offset >= len(self.text):
            line, column = self.position(len(self.text))
            return Span(line, column, line, column + 1, len(self.text), len(self.text))
        return self.span(offset, offset + 1)
