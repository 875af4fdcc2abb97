"""From bytes to a plain Python value, and (only when needed) to a source map of positions.

Two parsers, one answer:

* the **fast parse** is ``json.loads`` made strict (no NaN/Infinity; big integers and deep nesting
  bounded; duplicate keys detected, see :func:`_no_duplicates`); checking runs on the plain values it
  returns;
* the **lark parse** (``json.lark``, LALR, no recursion) builds the :class:`SourceMap`: for every JSON
  path, the offsets of its key and of its value. It runs only when something must be located (a finding,
  a syntax error, a duplicate key), so a clean file never pays for it. It is also what explains a syntax
  error in words a person understands.

Limits (each one a diagnostic, never a traceback): :data:`MAX_BYTES` (Meta's 10 MB Flow JSON limit),
:data:`MAX_DEPTH` levels of nesting, integers of at most :data:`MAX_INT_DIGITS` digits.
Lone surrogates in ``\\u`` escapes are accepted, as JSON's grammar allows and both parsers agree.
"""

from __future__ import annotations

import heapq
import json
import re
import sys
from array import array
from bisect import bisect_left
from dataclasses import field
from functools import lru_cache
from itertools import islice, repeat
from typing import Any, Callable, Iterator, NamedTuple, Sequence

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import ERROR, WARNING, Diagnostic, JsonPath, Pointer
from flowlint.lazyre import LazyPattern
from flowlint.positions import LineIndex, Span
from flowlint.records import record

__all__ = [
    "ParsedSource",
    "SourceMap",
    "parse_source",
    "decode",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "RULES",
]

#: Meta's documented Flow JSON size limit, 10 MB with Meta's 1 MB = 1,048,576 bytes
#: (spec/meta-validator.md §0 step 2 and §4.1; AWS's copy of the limit in spec/flowjson.md §1.1).
MAX_BYTES = 10 * 1_048_576
#: Deepest nesting of arrays and objects accepted. Real flows nest about 12 levels
#: (screens > layout > children > Form > If > Switch > ...); 512 leaves room for any data model.
MAX_DEPTH = 512
#: Longest integer literal (digits). Python refuses longer int conversions by default.
MAX_INT_DIGITS = 4300

INVALID = "INVALID_FLOW_JSON"
PREFIX = "Flow JSON is not valid. "

RULES = [
    RuleInfo(
        "FL001",
        "invalid-json",
        "The text is not valid JSON.",
        INVALID,
        ERROR,
        doc="""What it does: reports the first JSON syntax error, at the first offending character. The message is
Meta's own (the words of JavaScript's `JSON.parse` in Chrome and Node.js, e.g. "Expected ',' or '}' after
property value in JSON at position 97", where the position counts UTF-16 code units from the start of the
text); the help line says in plain words what is wrong there.

Why is this bad? Meta answers with that message alone, at line 0, column 0; nothing else is checked until
the document parses. flowlint says the same and shows where.

Example: `{"version": "7.3" "screens": []}` (missing comma)

Use instead: `{"version": "7.3", "screens": []}`""",
    ),
    RuleInfo(
        "FL002",
        "invalid-utf8",
        "The file is not UTF-8 text.",
        INVALID,
        ERROR,
        doc="""What it does: reports the first byte that makes the file invalid UTF-8, as decoders find it (in
`E0 80 AF` it is 0x80: after E0 a character continues with A0-BF), at the line and column of the character
it breaks.

Why is this bad? Flow JSON is sent as a UTF-8 string; other encodings (Latin-1, UTF-16) are refused.

Example: a file saved as Windows-1252 with `"título"`.

Use instead: save the file as UTF-8.""",
    ),
    RuleInfo(
        "FL003",
        "byte-order-mark",
        "The text starts with a byte-order mark.",
        INVALID,
        ERROR,
        doc="""What it does: reports a UTF-8 byte-order mark (U+FEFF) before the document. flowlint skips it
(positions stay right) and checks the rest.

Why is this bad? Meta's Flow JSON validator (WhatsApp Manager's Flow Builder) parses with JSON.parse,
which refuses it ("Unexpected token").

Example: a file saved as "UTF-8 with BOM".

Use instead: save as UTF-8 without BOM.""",
    ),
    RuleInfo(
        "FL004",
        "duplicate-key",
        "An object has the same key twice; only the last one counts.",
        "DUPLICATE_KEY",
        WARNING,
        source="flowlint",
        doc="""What it does: warns on a key that appears twice in one object, at the second occurrence.

Why is this bad? Meta's Flow JSON validator (WhatsApp Manager's Flow Builder) accepts it and silently
keeps the last value, so the first one is dead text that misleads readers.

Example: `{"type": "TextBody", "text": "", "text": "Hello"}`

Use instead: `{"type": "TextBody", "text": "Hello"}`""",
    ),
    RuleInfo(
        "FL005",
        "nesting-too-deep",
        f"Arrays and objects nest deeper than {MAX_DEPTH} levels.",
        INVALID,
        ERROR,
        source="flowlint",
        doc=f"""What it does: reports the first bracket that opens level {MAX_DEPTH + 1}.

Why is this bad? No real flow nests that deep; such input is almost always generated by mistake, and
checking it would cost unbounded stack.

Example: `[[[[...]]]]` 100 000 levels deep.

Use instead: a flatter structure.""",
    ),
    RuleInfo(
        "FL006",
        "document-too-large",
        "The document is larger than Meta's 10 MB Flow JSON limit.",
        INVALID,
        ERROR,
        doc="""What it does: reports a document over 10 MB (10,485,760 bytes), the limit Meta documents for
Flow JSON; nothing else is checked.

Why is this bad? Meta refuses it ("The maximum size of the Flow JSON is 10 MB. But your Flow JSON size
exceeds the maximum size by N bytes.").

Example: a flow that embeds many large base64 images.

Use instead: smaller images, or images served through the endpoint (data_exchange).""",
    ),
    RuleInfo(
        "FL007",
        "number-too-long",
        f"An integer has more than {MAX_INT_DIGITS} digits.",
        INVALID,
        ERROR,
        source="flowlint",
        doc=f"""What it does: reports an integer literal of more than {MAX_INT_DIGITS} digits.

Why is this bad? No Flow JSON property takes such a number; converting it costs quadratic time.

Example: `"min-chars": 1000...000` (5 000 digits).

Use instead: a realistic number.""",
    ),
    RuleInfo(
        "FL008",
        "root-not-object",
        "The document is JSON but not an object.",
        INVALID,
        ERROR,
        doc="""What it does: reports a document whose top-level value is not an object.

Why is this bad? Meta refuses it: "Flow JSON is not valid. JSON is not an object".

Example: `[{"version": "7.3"}]`

Use instead: `{"version": "7.3", "screens": [...]}`""",
    ),
]


# --------------------------------------------------------------------------------------------------
# Decoding


def decode(data: bytes | str) -> tuple[str, bool, Diagnostic | None]:
    """Return ``(text without BOM, had_bom, invalid-UTF-8 diagnostic or None)``."""
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return "", False, _invalid_utf8(data, exc)
    if text.startswith("\ufeff"):
        return text[1:], True, None
    return text, False, None


def _invalid_utf8(data: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    bad = exc.start
    prefix = data[:bad]
    had_bom = prefix.startswith(b"\xef\xbb\xbf")
    text = prefix.decode("utf-8")[1 if had_bom else 0 :]
    index = LineIndex(text + " ")
    span = index.point(len(text))
    byte = data[bad]
    if exc.reason == "invalid continuation byte":
        # The span stays on the character the bytes before it start (an editor shows U+FFFD there); the
        # message names the byte that breaks it, where Python's and the WHATWG decoders find the error:
        # in E0 80 AF it is 0x80 (E0 takes A0-BF next), not E0.
        started = " ".join(f"0x{b:02X}" for b in data[bad : exc.end])
        last = exc.end - 1
        where = f"byte {started} (offset {bad})" if last == bad else f"bytes {started} (offsets {bad}-{last})"
        reason = f"byte 0x{data[exc.end]:02X} at offset {exc.end} cannot follow {where}"
    elif exc.reason == "unexpected end of data":
        reason = f"byte 0x{byte:02X} at offset {bad} starts a character that the file cuts off"
    else:
        reason = f"byte 0x{byte:02X} at offset {bad} cannot start a character"
    message = f"{PREFIX}The file is not valid UTF-8: {reason}."
    return Diagnostic(INVALID, message, (Pointer((), span=span),), "FL002", ERROR, fix="Save the file as UTF-8.")


# --------------------------------------------------------------------------------------------------
# The fast parse


class _Rejected(Exception):
    pass


def _reject_constant(name: str) -> Any:
    raise _Rejected(name)


class _Strict(NamedTuple):
    """What the strict parse returns: the value and what its one walk learned."""

    value: Any
    duplicates: list[dict[str, Any]]  # the objects that repeat a key (kept alive: found again by identity)
    too_deep: bool  # nests deeper than MAX_DEPTH
    longest_string: int  # the length of the longest string value (keys not counted); 0 when too deep


def _fast_parse(text: str) -> _Strict:
    """``json.loads`` made strict. Raises on anything non-JSON. Duplicate keys are told from counts
    (:func:`_no_duplicates`): a text they cannot clear is parsed again, counting every object's members."""
    value = json.loads(text, parse_constant=_reject_constant)
    too_deep, pairs, colons, longest = _walk(value)
    if too_deep:
        return _Strict(value, [], True, 0)  # refused before duplicates matter
    if _no_duplicates(text, pairs, colons):
        return _Strict(value, [], False, longest)
    value, duplicates = _parse_counting_pairs(text)
    return _Strict(value, duplicates, False, longest)


def _parse_counting_pairs(text: str) -> tuple[Any, list[dict[str, Any]]]:
    """:func:`_fast_parse` the slower, direct way: every object's pairs counted as it is built; the objects
    that repeat a key are returned with the value."""
    duplicates: list[dict[str, Any]] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicates.append(obj)
        return obj

    value = json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_reject_constant)
    return value, duplicates


def _no_duplicates(text: str, pairs: int, colons: int) -> bool:
    """True only when no object of ``text`` repeats a key, told from counts (False: maybe; parse again).

    Every member of every object is written with one colon outside strings, and a colon inside a string is
    one colon of its value (only the escape ``\\u003a`` makes one without writing it). So, without that
    escape, the text's colons are at least the members kept by the parsed objects (``pairs``) plus the colons
    of the string values (``colons``, keys not counted), and exactly that when no key was dropped as a
    duplicate and no key holds a colon. A repeated key drops a member: the counts then differ.
    """
    # A lone backslash is found with memchr (~1 us for 100 KB); the escape itself only when there is one (~40 us).
    return ("\\" not in text or "\\u003" not in text) and pairs + colons == text.count(":")


# --------------------------------------------------------------------------------------------------
# Limits

_TOKEN = LazyPattern(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def _walk(value: Any) -> tuple[bool, int, int, int]:
    """One walk (no recursion) of a parsed value: (nests deeper than MAX_DEPTH, members of all its objects,
    colons in all its strings but the keys, length of its longest string but the keys). It goes level by
    level (the depth is the level's, not stored with each container) and stops at the first level too deep."""
    pairs = colons = longest = 0
    level = [value]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True, pairs, colons, longest
        below: list[Any] = []
        push = below.append
        for node in level:
            if type(node) is dict:
                pairs += len(node)
                children: Any = node.values()
            elif type(node) is list:
                children = node
            else:  # the top-level value only: below it, only containers are pushed
                if type(node) is str:
                    colons, longest = node.count(":"), len(node)
                continue
            for child in children:
                kind = type(child)
                if kind is str:
                    if ":" in child:
                        colons += child.count(":")
                    if len(child) > longest:
                        longest = len(child)
                elif kind is dict or kind is list:
                    push(child)
        level = below
    return False, pairs, colons, longest


def _too_deep_offset(text: str) -> int | None:
    """Offset of the first bracket that opens level ``MAX_DEPTH + 1``, or None (a scan of the text)."""
    depth = 0
    for m in _TOKEN.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return m.start()
        elif ch in "]}":
            depth -= 1
    return None


# --------------------------------------------------------------------------------------------------
# The lark parse and the source map


class _Node:
    """A parsed value with its offsets; containers keep their members for the source map."""

    __slots__ = ("value", "start", "end", "members", "items", "duplicates")

    def __init__(self, value: Any, start: int, end: int) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.members: list[tuple[str, int, int, _Node]] | None = None
        self.items: list[_Node] | None = None
        self.duplicates: list[tuple[str, int, int]] | None = None


class _NumberTooLong(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


def _make_transformer() -> Any:
    from lark import Transformer

    loads = json.loads

    class _ToNodes(Transformer):
        def string(self, children: list[Any]) -> _Node:
            tok = children[0]
            return _Node(loads(tok), tok.start_pos, tok.end_pos)

        def number(self, children: list[Any]) -> _Node:
            tok = children[0]
            try:
                value = loads(tok)
            except ValueError:  # integer longer than Python converts
                raise _NumberTooLong(tok.start_pos) from None
            return _Node(value, tok.start_pos, tok.end_pos)

        def true(self, children: list[Any]) -> _Node:
            tok = children[0]
            return _Node(True, tok.start_pos, tok.end_pos)

        def false(self, children: list[Any]) -> _Node:
            tok = children[0]
            return _Node(False, tok.start_pos, tok.end_pos)

        def null(self, children: list[Any]) -> _Node:
            tok = children[0]
            return _Node(None, tok.start_pos, tok.end_pos)

        def member(self, children: list[Any]) -> tuple[str, int, int, _Node]:
            key_tok, _colon, node = children
            return (loads(key_tok), key_tok.start_pos, key_tok.end_pos, node)

        def object(self, children: list[Any]) -> _Node:
            members = [c for c in children if isinstance(c, tuple)]
            obj: dict[str, Any] = {}
            duplicates = None
            for key, kstart, kend, node in members:
                if key in obj:
                    duplicates = duplicates or []
                    duplicates.append((key, kstart, kend))
                obj[key] = node.value
            node = _Node(obj, children[0].start_pos, children[-1].end_pos)
            node.members = members
            node.duplicates = duplicates
            return node

        def array(self, children: list[Any]) -> _Node:
            items = [c for c in children if isinstance(c, _Node)]
            node = _Node([n.value for n in items], children[0].start_pos, children[-1].end_pos)
            node.items = items
            return node

        def start(self, children: list[Any]) -> _Node:
            return children[0]

    return _ToNodes()


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    from flowlint.cache import lark_cache

    from importlib import resources  # the lark parse is the error path's: not imported by a clean check

    grammar = resources.files("flowlint").joinpath("json.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="basic",
        transformer=_make_transformer(),
        maybe_placeholders=False,
        cache=lark_cache("json"),
    )


class _Entry(NamedTuple):  # named tuples, not dataclasses: cheaper to define at import (~0.5 ms each)
    key_start: int
    key_end: int
    value_start: int
    value_end: int


class SourceMap:
    """JSON path -> offsets of the key and of the value.

    Where a key is duplicated, the last occurrence wins (as JSON.parse and Meta's pointers do).

    Locating a few pointers, which is what a report needs, does not parse the whole text with lark: it walks
    down the text along each path, letting ``json``'s C scanner step over the values beside the path (each
    container on a path is scanned once, its members' offsets kept). The lark parse (``root``) is used when
    given, and built only for the table of every path (``paths()``, ``duplicates``).
    """

    def __init__(
        self,
        text: str,
        root: _Node | None = None,
        index: LineIndex | None = None,
        *,
        value: Any = None,
        repeating: Sequence[dict[str, Any]] = (),
    ) -> None:
        self.text = text
        self.index = index or LineIndex(text)
        self._root_node = root
        self._table: dict[JsonPath, _Entry] | None = None
        self._duplicates: list[tuple[JsonPath, int, int]] = []
        self._scanned: dict[int, _Members] = {}  # container offset -> its members (the text walk)
        self._ends: dict[int, int] = {}  # value offset -> its end, for values no member entry gave
        # The parsed value and those of its objects that repeat a key: enough to find every repeat by walking
        # down the text to those objects only, without the lark parse (linear on any number of repeats).
        self._value = value
        self._repeating = repeating

    @property
    def _root(self) -> _Node:
        if self._root_node is None:
            root, error = _lark_parse(self.text)
            if root is None:  # pragma: no cover - only built for documents the fast parse accepted
                raise RuntimeError(f"source map requested for unparseable text: {error}")
            self._root_node = root
        return self._root_node

    @property
    def _entries(self) -> dict[JsonPath, _Entry]:
        if self._table is None:
            self._table = {}
            self._build(self._root)
        return self._table

    @property
    def duplicates(self) -> list[tuple[JsonPath, int, int]]:
        """(path, key start, key end) of every repeat of a key (each occurrence after its first), in text order."""
        return self.repeats()[0]

    def repeats(self, limit: int | None = None) -> tuple[list[tuple[JsonPath, int, int]], int]:
        """The first ``limit`` (all: None) of :attr:`duplicates`, and how many there are in all.

        Without the lark parse, each object that repeats a key keeps only the offsets of that key's occurrences
        (:class:`_Members`); the repeats are merged in text order and only the ones returned are made into
        entries: a text of 640 000 repeats costs a few MB, not hundreds."""
        if self._table is not None or self._root_node is not None or not self._repeating:
            self._entries  # noqa: B018 - built with the table
            return self._duplicates[:limit], len(self._duplicates)
        runs = []
        total = 0
        for path, members in self._repeating_objects():
            for key, starts in members.repeated.items():
                total += len(starts) - 1
                runs.append(zip(starts[1:], repeat(path), repeat(key)))
        found = []
        for start, path, key in islice(heapq.merge(*runs), limit):
            found.append((path + (key,), start, json.decoder.scanstring(self.text, start + 1)[1]))  # type: ignore[attr-defined]
        return found, total

    def _repeating_objects(self) -> Iterator[tuple[JsonPath, _Members]]:
        """(path, members) of each object of the parsed value that repeats a key."""
        wanted = {id(obj) for obj in self._repeating}
        stack: list[tuple[JsonPath, Any]] = [((), self._value)]
        while stack:
            path, node = stack.pop()
            if type(node) is dict:
                if id(node) in wanted:
                    entry = self._scan_entry(path)
                    members = self._members(entry.value_start) if entry is not None else None
                    if members is not None:
                        yield path, members
                stack.extend((path + (key,), child) for key, child in node.items() if type(child) in (dict, list))
            elif type(node) is list:
                stack.extend((path + (i,), child) for i, child in enumerate(node) if type(child) in (dict, list))

    def earlier_occurrence(self, path: JsonPath, key: str, key_start: int) -> int | None:
        """Where the occurrence of ``key`` just before the one at ``key_start`` starts, in the object at ``path``
        (None: that occurrence is not a repeat there)."""
        entry = self._entry(tuple(path))
        members = self._members(entry.value_start) if entry is not None else None
        starts = members.repeated.get(key) if members is not None else None
        if starts is None:
            return None
        at = bisect_left(starts, key_start)
        return starts[at - 1] if 0 < at < len(starts) and starts[at] == key_start else None

    def _entry(self, path: JsonPath) -> _Entry | None:
        """The entry of one path: from the table if built, else down the parse tree or the text (same answer)."""
        if self._table is not None:
            return self._table.get(path)
        if self._root_node is None:
            return self._scan_entry(path)
        node = self._root_node
        key_start = key_end = -1
        for part in path:
            if isinstance(part, str):
                if node.members is None:
                    return None
                found = None
                for key, kstart, kend, child in node.members:
                    if key == part:
                        found = (kstart, kend, child)  # the last occurrence wins
                if found is None:
                    return None
                key_start, key_end, node = found
            else:
                index = _array_index(part)
                items = node.items
                if items is None or index is None or not 0 <= index < len(items):
                    return None
                key_start = key_end = -1
                node = items[index]
        return _Entry(key_start, key_end, node.start, node.end)

    def _scan_entry(self, path: JsonPath) -> _Entry | None:
        """:meth:`_entry` by walking down the text (valid JSON: the fast parse accepted it)."""
        text = self.text
        start = _skip_space(text, 0)
        end = -1
        key_start = key_end = -1
        for part in path:
            members = self._members(start)
            if members is None:
                return None
            if isinstance(part, str):
                if not members.is_object:
                    return None
                found = members.keys.get(part)  # the last occurrence wins
                if found is None:
                    return None
                key_start, key_end, start, end = found
            else:
                index = _array_index(part)
                if members.is_object or index is None or not 0 <= index < len(members.items):
                    return None
                key_start = key_end = -1
                start, end = members.items[index]
        if end < 0:  # the root, or an item: scanned once (a report may ask for the root many times)
            end = self._ends.get(start, -1)
            if end < 0:
                end = self._ends[start] = _scan_value_end(text, start)
        return _Entry(key_start, key_end, start, end)

    def _members(self, start: int) -> _Members | None:
        """The members of the container at ``start`` (None for a scalar), scanned once."""
        found = self._scanned.get(start)
        if found is None:
            found = _scan_container(self.text, start)
            if found is None:
                return None
            self._scanned[start] = found
        return found

    def _build(self, root: _Node) -> None:
        entries = self._table
        assert entries is not None
        duplicates = self._duplicates
        entries[()] = _Entry(-1, -1, root.start, root.end)
        stack: list[tuple[JsonPath, _Node]] = [((), root)]
        while stack:
            path, node = stack.pop()
            if node.members is not None:
                if node.duplicates:
                    for key, kstart, kend in node.duplicates:
                        duplicates.append((path + (key,), kstart, kend))
                winners: dict[str, tuple[int, int, _Node]] = {}
                for key, kstart, kend, child in node.members:
                    winners[key] = (kstart, kend, child)
                for key, (kstart, kend, child) in winners.items():
                    child_path = path + (key,)
                    entries[child_path] = _Entry(kstart, kend, child.start, child.end)
                    if child.members is not None or child.items is not None:
                        stack.append((child_path, child))
            elif node.items is not None:
                for i, child in enumerate(node.items):
                    child_path = path + (i,)
                    entries[child_path] = _Entry(-1, -1, child.start, child.end)
                    if child.members is not None or child.items is not None:
                        stack.append((child_path, child))
        duplicates.sort(key=lambda d: d[1])

    def __contains__(self, path: JsonPath) -> bool:
        return tuple(path) in self._entries

    def paths(self) -> list[JsonPath]:
        return list(self._entries)

    def value_span(self, path: JsonPath) -> Span | None:
        entry = self._entry(tuple(path))
        return self.index.span(entry.value_start, entry.value_end) if entry else None

    def key_span(self, path: JsonPath) -> Span | None:
        entry = self._entry(tuple(path))
        if entry is None or entry.key_start < 0:
            return None
        return self.index.span(entry.key_start, entry.key_end)

    def locate(self, pointer: Pointer) -> Span:
        """The span of a pointer; an unknown path falls back to its nearest existing ancestor's value."""
        if pointer.span is not None:
            return pointer.span
        path = tuple(pointer.path if pointer.at is None else pointer.at)
        if pointer.target == "key":
            span = self.key_span(path)
            if span is not None:
                return span
        while True:
            span = self.value_span(path)
            if span is not None:
                return span
            if not path:  # pragma: no cover - the root is always mapped
                return self.index.point(0)
            path = path[:-1]


def _array_index(part: Any) -> int | None:
    """An array step of a path as an index (a float equal to an integer counts), or None."""
    if not isinstance(part, (int, float)) or part != part or part in (float("inf"), float("-inf")):
        return None
    return int(part) if part == int(part) else None


_SPACE = LazyPattern(r"[ \t\n\r]*")


def _skip_space(text: str, pos: int) -> int:
    m = _SPACE.match(text, pos)
    assert m is not None
    return m.end()


@lru_cache(maxsize=1)
def _scanner() -> Callable[[str, int], tuple[Any, int]]:
    """``json``'s own value scanner (C), for stepping over a value; constants are accepted (never met here)."""
    # scan_once is set by JSONDecoder.__init__; typeshed does not declare it.
    return json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _scan_value_end(text: str, start: int) -> int:
    return _scanner()(text, start)[1]


class _Members(NamedTuple):
    is_object: bool
    keys: dict[str, tuple[int, int, int, int]]  # key -> (key start, key end, value start, value end), last wins
    items: list[tuple[int, int]]  # array items: (start, end)
    repeated: dict[str, array[int]]  # each key written more than once -> its key tokens' offsets, in text order


def _scan_container(text: str, start: int) -> _Members | None:
    """The members of the object or array that starts at ``start`` (None: a scalar starts there)."""
    opener = text[start : start + 1]
    if opener not in ("{", "["):
        return None
    scan = _scanner()
    members = _Members(opener == "{", {}, [], {})
    pos = _skip_space(text, start + 1)
    closer = "}" if members.is_object else "]"
    if text[pos : pos + 1] == closer:
        return members
    while True:
        if members.is_object:
            key, key_end = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
            key_start = pos
            pos = _skip_space(text, key_end) + 1  # the colon
            value_start = _skip_space(text, pos)
            value_end = scan(text, value_start)[1]
            earlier = members.keys.get(key)
            if earlier is not None:
                starts = members.repeated.get(key)
                if starts is None:
                    starts = members.repeated[key] = array("q", (earlier[0],))
                starts.append(key_start)
            members.keys[key] = (key_start, key_end, value_start, value_end)
        else:
            value_start = pos
            value_end = scan(text, value_start)[1]
            members.items.append((value_start, value_end))
        pos = _skip_space(text, value_end)
        if text[pos : pos + 1] != ",":
            return members
        pos = _skip_space(text, pos + 1)


def _lark_parse(text: str) -> tuple[_Node | None, tuple[int, str] | None]:
    """(root node, None) or (None, (offset, message)) for the first syntax error."""
    from lark.exceptions import UnexpectedInput, VisitError

    try:
        return _parser().parse(text), None
    except _NumberTooLong as exc:
        return None, (exc.offset, "")
    except VisitError as exc:  # pragma: no cover - transformer errors are wrapped in some lark versions
        if isinstance(exc.orig_exc, _NumberTooLong):
            return None, (exc.orig_exc.offset, "")
        raise
    except UnexpectedInput as exc:
        return None, _explain(text, exc)


# --------------------------------------------------------------------------------------------------
# Syntax errors, in words

_VALUE_STARTS = {"LBRACE", "LSQB", "STRING", "NUMBER", "TRUE", "FALSE", "NULL"}
_ESCAPES = set('"\\/bfnrt')
_HEX = set("0123456789abcdefABCDEF")


def _explain(text: str, exc: Any) -> tuple[int, str]:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        # lark declares pos_in_stream as None on the base class; UnexpectedCharacters always sets the int.
        return _explain_character(text, exc.pos_in_stream)  # type: ignore[arg-type]
    if isinstance(exc, UnexpectedToken):
        # LALR's own `expected` set is blurred by default reductions; the interactive parser
        # replays them and says exactly which tokens could come next.
        parser = getattr(exc, "interactive_parser", None)
        expected = set(parser.accepts()) if parser is not None else set(exc.expected)
        return _explain_token(text, exc.token, expected)
    return len(text), "Unexpected end of file."  # pragma: no cover - LALR raises only the two above


def _explain_character(text: str, pos: int) -> tuple[int, str]:
    ch = text[pos]
    if pos and text[pos - 1] in _DIGITS and (ch in ".+-" or ch.isalnum()):
        return pos, _explain_number(text, pos)
    if ch == '"':
        return _explain_string(text, pos)
    if ch == "'":
        return pos, "Strings and keys must be in double quotes, not single quotes."
    if ch == "/":
        return pos, "Comments are not allowed in JSON."
    word = re.match(r"-?[A-Za-z_][A-Za-z_0-9]*", text[pos:])
    if word:
        w = word.group()
        if w.lstrip("-") in ("NaN", "Infinity"):
            return pos, f"'{w}' is not allowed in JSON: numbers must be finite."
        if w in ("True", "False", "None", "TRUE", "FALSE", "NULL", "Null"):
            lower = {"none": "null"}.get(w.lower(), w.lower())
            return pos, f"Unknown literal '{w}': JSON literals are lowercase ('{lower}')."
        if w.startswith(("t", "f", "n")) and len(w) <= 5:
            return pos, f"Unknown literal '{w}': expected true, false or null."
        if w.startswith("-"):
            return pos, "Invalid number: '-' must be followed by a digit."
        return pos, f"Unexpected text '{w[:20]}': keys and strings must be in double quotes."
    if ch in "+.":
        return pos, f"Invalid number: JSON numbers cannot start with '{ch}'."
    if ch == "-":
        return pos, "Invalid number: '-' must be followed by a digit."
    if ch in "eE.":  # pragma: no cover - covered by the word branch
        return pos, "Invalid number."
    if ch == "\ufeff":
        return pos, "Unexpected byte-order mark (U+FEFF) inside the document."
    if ch.isprintable() and not ch.isspace():
        prev = text[pos - 1] if pos else ""
        if prev.isdigit() and ch in ".eE":  # pragma: no cover - reached through the word branch
            return pos, "Invalid number."
        return pos, f"Unexpected character '{ch}'."
    return pos, f"Unexpected character U+{ord(ch):04X}."


_DIGITS = "0123456789"


def _explain_number(text: str, pos: int) -> str:
    """A number literal that stopped lexing at ``pos`` (``1.``, ``1e``, ``0x1``, ``1.5.2``)."""
    start = pos
    while start and text[start - 1] in _DIGITS + ".eE+-":
        start -= 1
    literal = re.match(r"[0-9A-Za-z.+\-]*", text[start:]).group()[:24]  # type: ignore[union-attr]
    ch = text[pos]
    head = text[start:pos]
    if ch == "." and "." not in head and "e" not in head.lower():
        reason = "a decimal point must be followed by a digit"
    elif ch in "eE" and "e" not in head.lower():
        reason = "an exponent must be followed by digits"
    elif ch in "xX":
        reason = "hexadecimal numbers are not allowed"
    else:
        reason = f"unexpected '{ch}' in a number"
    return f"Invalid number '{literal}': {reason}."


def _explain_string(text: str, start: int) -> tuple[int, str]:
    i = start + 1
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':  # pragma: no cover - a well-formed string lexes
            return start, "Invalid string."
        if ch == "\\":
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt == "u":
                digits = text[i + 2 : i + 6]
                if len(digits) == 4 and set(digits) <= _HEX:
                    i += 6
                    continue
                return i, "Invalid escape in string: '\\u' must be followed by four hex digits."
            if nxt in _ESCAPES and nxt:
                i += 2
                continue
            if not nxt:
                break
            return i, f"Invalid escape '\\{nxt}' in string."
        if ch == "\n":
            return i, "Unterminated string: a string cannot span lines (write \\n for a line break)."
        if ord(ch) < 0x20:
            return i, f"Unescaped control character U+{ord(ch):04X} in string (write it as \\u{ord(ch):04x})."
        i += 1
    return start, "Unterminated string: no closing quote before the end of the file."


def _explain_token(text: str, token: Any, expected: set[str]) -> tuple[int, str]:
    kind = token.type
    if kind == "$END":
        if not text.strip():
            return len(text), "The document is empty."
        what = _expectation(expected)
        return len(text), f"Unexpected end of file: {what[0].lower() + what[1:]}" if what else "Unexpected end of file."
    pos = token.start_pos
    if expected == {"$END"}:
        return pos, "Unexpected content after the end of the JSON document."
    prev = _previous_significant(text, pos)
    if kind == "NUMBER" and prev is not None and text[prev] == "0" and prev + 1 == pos:
        start = prev - 1 if prev and text[prev - 1] == "-" else prev
        return start, "Invalid number: numbers cannot have leading zeros."
    if kind in ("RBRACE", "RSQB") and prev is not None and text[prev] == ",":
        closer = "}" if kind == "RBRACE" else "]"
        return prev, f"Trailing comma before '{closer}' is not allowed."
    return pos, _expectation(expected) or f"Unexpected '{token}'."


def _expectation(expected: set[str]) -> str:
    """What the parser wanted, in words."""
    if expected == {"COMMA", "RBRACE"}:
        return "Expected ',' or '}' after an object member."
    if expected == {"COMMA", "RSQB"}:
        return "Expected ',' or ']' after an array element."
    if expected == {"COLON"}:
        return "Expected ':' after an object key."
    if expected == {"STRING"}:
        return "Expected a double-quoted key."
    if expected == {"STRING", "RBRACE"}:
        return "Expected a double-quoted key or '}'."
    if "RSQB" in expected and expected & _VALUE_STARTS:
        return "Expected a value or ']'."
    if expected & _VALUE_STARTS:
        return "Expected a value."
    return ""  # pragma: no cover - every parser state is named above


def _previous_significant(text: str, pos: int) -> int | None:
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return i if i >= 0 else None


# --------------------------------------------------------------------------------------------------
# The entry point


@record()
class ParsedSource:
    """A decoded, parsed document. ``value`` is ``None`` when ``fatal`` (nothing more can be checked)."""

    text: str
    value: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fatal: bool = False
    has_duplicates: bool = False
    #: FL004 diagnostics not made (``parse_source``'s ``max_duplicates``): counted in the cap's FL099.
    omitted_duplicates: int = 0
    #: The length of the longest string value (keys not counted), learned by the strict parse's walk; None
    #: when the document was read another way. Checks may skip work with it (FL710: no string is long
    #: enough to be an expression over flowlint's limits).
    longest_string: int | None = None
    _index: LineIndex | None = field(default=None, repr=False)
    _map: SourceMap | None = field(default=None, repr=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def source_map(self) -> SourceMap:
        """Built on first use: only documents with something to locate pay for it."""
        if self._map is None:
            self._map = SourceMap(self.text, None, self.index)
        return self._map


def parse_source(
    data: bytes | str,
    *,
    total_size: int | None = None,
    max_duplicates: int | None = None,
    max_bytes: int | None = MAX_BYTES,
) -> ParsedSource:
    """Decode and parse; every problem becomes a diagnostic, never an exception.

    ``total_size`` is the size of the whole input when ``data`` is only its beginning (a file or stream read
    no further than ``MAX_BYTES + 1`` bytes, enough to know it is too large); ``-1`` when that size is unknown.
    ``max_duplicates`` bounds the FL004 diagnostics made (the first ones in the text); how many more there were
    is kept in ``omitted_duplicates`` (a report capped at that many problems would not show them anyway).
    ``max_bytes``: the size gate, Meta's 10 MB for a flow; None for a text the caller has bounded already (a
    Create Flow request body holds a flow of up to 10 MB, larger once escaped as a string).

    The stages, each of which may end the parse (``fatal``): the size gate, decoding, the parse of the value,
    the root that must be an object; then the duplicate keys (warnings).
    """
    too_large = _size_gate(data, total_size) if max_bytes is not None else None
    if too_large is not None:
        # Meta stops at this gate without parsing; so does flowlint (the point is not to spend 10 MB of work).
        return ParsedSource("", diagnostics=[too_large], fatal=True)

    text, had_bom, utf8_error = decode(data)
    if utf8_error is not None:
        return ParsedSource(text, diagnostics=[utf8_error], fatal=True)
    parsed = ParsedSource(text)
    if had_bom:
        parsed.diagnostics.append(_byte_order_mark(text))

    duplicates = _parse_value(parsed)
    if parsed.fatal:
        return parsed
    if not isinstance(parsed.value, dict):
        root_span = parsed.index.span(*_value_extent(text))
        parsed.diagnostics.append(
            Diagnostic(INVALID, f"{PREFIX}JSON is not an object", (Pointer((), span=root_span),), "FL008", ERROR)
        )
        parsed.fatal = True
        return parsed
    if duplicates:
        _report_duplicates(parsed, duplicates, max_duplicates)
    return parsed


def _size_gate(data: bytes | str, total_size: int | None) -> Diagnostic | None:
    """FL006 when the input is over Meta's 10 MB (``total_size`` as for :func:`parse_source`)."""
    if isinstance(data, str):
        # A code point is at most 4 UTF-8 bytes: a text this short is within the limit without encoding it.
        size = len(data) if 4 * len(data) <= MAX_BYTES else len(data.encode("utf-8", "surrogatepass"))
    else:
        size = len(data)
    if size <= MAX_BYTES:
        return None
    if total_size is not None and total_size < 0:
        excess = "."  # a stream: how much more there was is not known, and not worth reading
    else:
        excess = f" by {max(size, total_size or 0) - MAX_BYTES} bytes."
    message = "The maximum size of the Flow JSON is 10 MB. But your Flow JSON size exceeds the maximum size" + excess
    return Diagnostic(INVALID, message, (Pointer((), span=Span(1, 1, 1, 2, 0, 1)),), "FL006", ERROR)


def _byte_order_mark(text: str) -> Diagnostic:
    """FL003: the text (decoded, mark removed) began with a UTF-8 byte-order mark."""
    from flowlint.v8_json import json_parse_error

    return Diagnostic(
        INVALID,
        # Meta's words: JSON.parse's on the text with its mark (the rest is checked as if it had none).
        PREFIX + (json_parse_error("\ufeff" + text) or ""),
        (Pointer((), span=Span(1, 1, 1, 2, 0, 1)),),
        "FL003",
        ERROR,
        fix="The text starts with a UTF-8 byte-order mark (U+FEFF), which JSON.parse refuses: save the file"
        " as UTF-8 without it.",
    )


def _parse_value(parsed: ParsedSource) -> list[Any]:
    """The strict fast parse, and the grammar's parse when that refuses the text. Sets ``parsed.value`` (and
    the source map when the grammar built one) and returns the objects that repeat a key; or adds FL005,
    FL001 or FL007 and sets ``parsed.fatal``."""
    text = parsed.text
    failed = False
    duplicates: list[Any]
    try:
        value, duplicates, too_deep, parsed.longest_string = _fast_parse(text)
    except RecursionError:  # json.loads' C recursion limit: deep, but maybe not over our bound
        value, duplicates, too_deep, failed = None, [], True, True
    except (ValueError, _Rejected):
        value, duplicates, too_deep, failed = None, [], False, True
    if too_deep:
        deep = _too_deep_offset(text)
        if deep is not None:
            parsed.diagnostics.append(_syntax(parsed, deep, f"Nesting is deeper than {MAX_DEPTH} levels.", "FL005"))
            parsed.fatal = True
            return []
    if failed:
        root, error = _lark_parse(text)
        if error is None and root is not None:
            # Only json.loads' recursion limit refused it (a deep caller stack): the grammar's value stands.
            value = root.value
            parsed._map = SourceMap(text, root, parsed.index)
            duplicates = [value] if parsed._map.duplicates else []
        else:
            assert error is not None
            offset, message = error
            if message:
                parsed.diagnostics.append(_invalid_json(parsed, offset, message))
            else:
                parsed.diagnostics.append(
                    _syntax(parsed, offset, f"An integer has more than {MAX_INT_DIGITS} digits.", "FL007")
                )
            parsed.fatal = True
            return []
    parsed.value = value
    return duplicates


def _report_duplicates(parsed: ParsedSource, duplicates: list[Any], max_duplicates: int | None) -> None:
    """FL004 for the first ``max_duplicates`` (all: None or 0) repeated keys; the rest are counted."""
    parsed.has_duplicates = True
    if parsed._map is None:
        parsed._map = SourceMap(parsed.text, None, parsed.index, value=parsed.value, repeating=duplicates)
    repeats, total = parsed.source_map.repeats(max_duplicates or None)
    parsed.omitted_duplicates = total - len(repeats)
    for path, kstart, kend in repeats:
        key = path[-1]
        parsed.diagnostics.append(
            Diagnostic(
                "DUPLICATE_KEY",
                f"Duplicate key '{key}': only this last occurrence is used.",
                (Pointer(path, "key", span=parsed.index.span(kstart, kend)),),
                "FL004",
                WARNING,
                fix=f"Remove the earlier '{key}'.",
            )
        )


def _value_extent(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip(" \t\r\n"))
    end = len(text.rstrip(" \t\r\n"))
    return start, max(end, start + 1)


def _invalid_json(parsed: ParsedSource, offset: int, explanation: str) -> Diagnostic:
    """FL001: Meta's message (JSON.parse's words, :mod:`flowlint.v8_json`), flowlint's explanation as the help,
    at the first offending character."""
    from flowlint.v8_json import json_parse_error

    meta = json_parse_error(parsed.text)
    if meta is None:  # pragma: no cover - both follow RFC 8259; kept so a disagreement never hides the error
        return _syntax(parsed, offset, explanation, "FL001")
    return _syntax(parsed, offset, meta, "FL001", fix=explanation)


def _syntax(parsed: ParsedSource, offset: int, message: str, rule: str, *, fix: str | None = None) -> Diagnostic:
    span = parsed.index.point(offset)
    return Diagnostic(INVALID, PREFIX + message, (Pointer((), span=span),), rule, ERROR, fix=fix)


def _raise_int_limit() -> None:
    """Keep Python's own int-conversion limit at least as high as ours (it is configurable)."""
    get = getattr(sys, "get_int_max_str_digits", None)
    if get is not None and 0 < get() < MAX_INT_DIGITS:  # pragma: no cover - depends on the environment
        sys.set_int_max_str_digits(MAX_INT_DIGITS)


_raise_int_limit()
