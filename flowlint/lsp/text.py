"""LSP positions, and a tolerant scan of JSON text that maps places to JSON paths.

LSP counts lines from 0 and columns in UTF-16 code units from 0, and ends a line at ``\\n``, ``\\r\\n`` or a lone
``\\r``. flowlint's own positions (:mod:`flowlint.positions`) are 1-based and end lines at ``\\n`` only, as Meta
does; its spans also carry 0-based character offsets, and :class:`LspIndex` turns those offsets into LSP
positions (and back), so a lone ``\\r`` or a character outside the BMP never shifts a squiggle.

:func:`scan` reads JSON the way an editor shows it while it is typed: a missing comma, an unterminated string
or an unclosed bracket does not stop it. It yields, for every path it could place, the offsets of the key and
of the value (:class:`Outline`); :func:`place_at` says what the cursor is on (a key, a value, or a gap where one
of them goes) and its path. flowlint's :class:`~flowlint.source.SourceMap` answers the same question only for
text that parses; in an editor the text is broken half of the time.
"""

from __future__ import annotations

import bisect
import json
from typing import Literal, NamedTuple

from flowlint.diagnostics import JsonPath, PathKey
from flowlint.lazyre import LazyPattern
from flowlint.positions import utf16_len

__all__ = ["Entry", "LspIndex", "Outline", "Place", "place_at", "scan"]

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")
_ASTRAL = LazyPattern("[\U00010000-\U0010FFFF]")
# A string ends at its closing quote, or unterminated at the end of its line (so one missing quote does not
# swallow the rest of the document); a scalar is any run of other non-space, non-punctuation characters.
_TOKEN = LazyPattern(
    r'"(?:[^"\\\r\n]|\\[^\r\n])*(?:"|\\?(?=[\r\n])|\\?\Z)|[{}\[\]:,]|[^\s{}\[\]:,"]+'
)


class LspIndex:
    """Character offsets <-> LSP positions ``(line, character)``, both 0-based, characters in UTF-16 units."""

    __slots__ = ("text", "_starts", "_astral")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[line]
        column = offset - start
        if self._astral:
            column += bisect.bisect_left(self._astral, offset) - bisect.bisect_left(self._astral, start)
        return line, column

    def offset(self, line: int, character: int) -> int:
        """The offset of an LSP position; past the end of a line: the end of that line (as LSP says)."""
        if line < 0:
            return 0
        if line >= len(self._starts):
            return len(self.text)
        start = self._starts[line]
        end = self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        if not self._astral or bisect.bisect_left(self._astral, start) == bisect.bisect_left(self._astral, end):
            return min(start + max(character, 0), end)
        units = 0
        for offset in range(start, end):
            if units >= character:
                return offset
            units += utf16_len(self.text[offset])
        return end


class Entry(NamedTuple):
    """Offsets of one member or item: its key (``-1`` for an array item) and its value (``value_end`` is
    ``-1`` while a container is unclosed)."""

    key_start: int
    key_end: int
    value_start: int
    value_end: int


PlaceKind = Literal["key", "value", "new-key", "new-value"]


class Place(NamedTuple):
    """What the cursor is on. ``key``: inside a member's key (``path`` is the member's); ``value``: inside a value
    token (its path); ``new-key``: where a key goes (``path`` is the object's); ``new-value``: where a value goes
    (the path it will have). ``start``/``end`` are the token's offsets (``-1`` in a gap)."""

    kind: PlaceKind
    path: JsonPath
    start: int = -1
    end: int = -1

    def token(self, text: str) -> str:
        return text[self.start : self.end] if self.start >= 0 else ""


class Outline(NamedTuple):
    """Every path the scan could place, with its offsets; ``top_keys``: the keys of the root object."""

    entries: dict[JsonPath, Entry]
    top_keys: tuple[str, ...]

    def value_range(self, path: JsonPath) -> tuple[int, int] | None:
        entry = self.entries.get(tuple(path))
        if entry is None:
            return None
        return entry.value_start, entry.value_end if entry.value_end >= 0 else entry.value_start + 1

    def key_range(self, path: JsonPath) -> tuple[int, int] | None:
        entry = self.entries.get(tuple(path))
        if entry is None or entry.key_start < 0:
            return None
        return entry.key_start, entry.key_end


def _string_text(token: str) -> str:
    """The text of a (maybe unterminated) JSON string token, best effort."""
    body = token if token.endswith('"') and len(token) > 1 else token + '"'
    try:
        value = json.loads(body)
    except ValueError:
        return token[1:].rstrip('"')
    return value if isinstance(value, str) else token[1:]


class _Frame:
    __slots__ = ("brace", "path", "key", "index", "state")

    def __init__(self, brace: str, path: JsonPath) -> None:
        self.brace = brace  # "{" or "["
        self.path = path
        self.key: str | None = None
        self.index = 0
        # object: "key" -> "colon" -> "value" -> "comma"; array: "value" -> "comma"
        self.state = "key" if brace == "{" else "value"

    def value_path(self) -> JsonPath:
        last: PathKey = self.index if self.brace == "[" else (self.key if self.key is not None else "")
        return self.path + (last,)


class _Scanner:
    """One pass over the tokens; ``stop`` ends it at a cursor offset and records the :class:`Place`."""

    def __init__(self, text: str, stop: int | None = None) -> None:
        self.text = text
        self.stop = stop
        self.entries: dict[JsonPath, list[int]] = {}
        self.frames: list[_Frame] = []
        self.top_keys: list[str] = []
        self.root_done = False
        self.place: Place | None = None

    def _gap_place(self) -> Place:
        if not self.frames:
            return Place("new-value", ())
        frame = self.frames[-1]
        if frame.brace == "{" and frame.state in ("key", "comma"):
            return Place("new-key", frame.path)
        if frame.brace == "[" and frame.state == "comma":
            return Place("new-value", frame.path + (frame.index + 1,))
        return Place("new-value", frame.value_path())

    def run(self) -> None:
        text, stop = self.text, self.stop
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if stop is not None:
                if start >= stop:
                    self.place = self._gap_place()
                    return
                first = text[start]
                inside = start < stop < end or (
                    stop == end and (first not in '{}[]:,"' or (first == '"' and not _closed(match.group())))
                )
                if inside:
                    self.place = self._token_place(start, end)
                    return
            self._token(start, end)
        if stop is not None:
            self.place = self._gap_place()

    def _token_place(self, start: int, end: int) -> Place:
        first = self.text[start]
        if first in "{}[]:,":
            return self._gap_place()
        frame = self.frames[-1] if self.frames else None
        if frame is not None and frame.brace == "{" and frame.state in ("key", "comma"):
            key = _string_text(self.text[start:end]) if first == '"' else self.text[start:end]
            return Place("key", frame.path + (key,), start, end)
        if frame is None:
            return Place("value", (), start, end)
        if frame.brace == "[" and frame.state == "comma":
            return Place("value", frame.path + (frame.index + 1,), start, end)
        return Place("value", frame.value_path(), start, end)

    def _open_value(self, start: int) -> JsonPath | None:
        """Where a value starting here goes (a path), or None when no value can go here."""
        if not self.frames:
            if self.root_done:
                return None
            self.root_done = True
            self.entries[()] = [-1, -1, start, -1]
            return ()
        frame = self.frames[-1]
        if frame.brace == "[":
            if frame.state == "comma":  # a missing comma: the next item
                frame.index += 1
            frame.state = "comma"
        else:
            if frame.state in ("key", "comma"):  # a value where a key goes: an unnamed member
                frame.key = ""
            frame.state = "comma"
        path = frame.value_path()
        entry = self.entries.get(path)
        if entry is None or frame.brace == "[":
            self.entries[path] = [-1, -1, start, -1]
        else:
            entry[2], entry[3] = start, -1
        return path

    def _token(self, start: int, end: int) -> None:
        text = self.text
        first = text[start]
        frames = self.frames
        frame = frames[-1] if frames else None
        if first == "{" or first == "[":
            path = self._open_value(start)
            if path is not None:
                frames.append(_Frame(first, path))
        elif first == "}" or first == "]":
            opening = "{" if first == "}" else "["
            if not any(f.brace == opening for f in frames):
                return  # a stray closing bracket
            while frames:
                closed = frames.pop()
                entry = self.entries.get(closed.path)
                if entry is not None:
                    entry[3] = end
                if closed.brace == opening:
                    break
        elif first == ":":
            if frame is not None and frame.brace == "{" and frame.state == "colon":
                frame.state = "value"
        elif first == ",":
            if frame is not None:
                if frame.brace == "{":
                    frame.state, frame.key = "key", None
                else:
                    if frame.state == "comma":
                        frame.index += 1
                    frame.state = "value"
        elif frame is not None and frame.brace == "{" and frame.state in ("key", "comma"):
            key = _string_text(text[start:end]) if first == '"' else text[start:end]
            frame.key, frame.state = key, "colon"
            self.entries[frame.path + (key,)] = [start, end, -1, -1]
            if len(frames) == 1:
                self.top_keys.append(key)
        else:
            if frame is not None and frame.brace == "{" and frame.state == "colon":
                frame.state = "value"  # a missing colon
            path = self._open_value(start)
            if path is not None:
                self.entries[path][3] = end


def _closed(token: str) -> bool:
    if len(token) < 2 or not token.endswith('"'):
        return False
    backslashes = len(token[1:-1]) - len(token[1:-1].rstrip("\\"))
    return backslashes % 2 == 0


def scan(text: str) -> Outline:
    """The offsets of every path in ``text``, however broken."""
    scanner = _Scanner(text)
    scanner.run()
    entries = {path: Entry(*offsets) for path, offsets in scanner.entries.items()}
    return Outline(entries, tuple(scanner.top_keys))


def place_at(text: str, offset: int) -> Place:
    """What the character offset ``offset`` (a cursor, between two characters) is on, and its path."""
    scanner = _Scanner(text, stop=offset)
    scanner.run()
    assert scanner.place is not None
    return scanner.place
