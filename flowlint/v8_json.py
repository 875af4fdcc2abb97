"""The words of ``JSON.parse`` when it refuses a text: what Meta's validator says about a syntax error.

Meta's Flow JSON validator parses ``flowJson`` with the JavaScript engine's ``JSON.parse`` and answers one
``INVALID_FLOW_JSON`` error, "Flow JSON is not valid. " followed by the engine's exception message, e.g.
"Expected ',' or '}' after property value in JSON at position 97". This module says which message V8 (the
engine of Chrome and Node.js, the wording Meta's answers show) gives for a text, by walking the text the way
V8's JSON parser does (``src/json/json-parser.cc``: the same token table, the same order of checks, the same
messages from ``src/common/message-template.h``). Nothing is parsed into values: the walk only finds the first
place V8 stops and the reason, in linear time and without recursion.

Positions in the messages are V8's: offsets in UTF-16 code units from the start of the string, a byte-order
mark included. flowlint's own diagnostic keeps the real line and column of the same character (docs/positions.md);
only the message carries V8's offset, as Meta's does.

Browsers other than Chrome word these errors differently (Firefox: "JSON.parse: expected ',' or '}' after
property value in object at line 5 column 3"); Meta's answers use V8's, so flowlint does too.
"""

from __future__ import annotations

import re
from typing import Callable, cast

__all__ = ["json_parse_error"]

#: V8's ``kMaxContextCharacters``: characters shown on each side of an unexpected token.
_CONTEXT = 10
#: V8's ``kMinOriginalSourceLengthForContext``: shorter texts are quoted whole.
_MIN_LENGTH_FOR_CONTEXT = _CONTEXT * 2 + 1
#: Whole texts V8 quotes without naming the token (``IsSpecialString``).
_SPECIAL = frozenset({"[object Object]", "undefined", "Infinity", "NaN"})

_DIGITS = "0123456789"
#: Characters that may continue a number (V8's ``NumberPartField``).
_NUMBER_PART = frozenset(".eE+-0123456789")
#: Escapes after a backslash other than ``\\u`` (V8's ``EscapeKind`` other than kIllegal and kUnicode).
_SIMPLE_ESCAPES = frozenset('"\\/bfnrt')
_HEX = frozenset("0123456789abcdefABCDEF")
#: Where a string's plain run ends: its closing quote, an escape, or a control character V8 refuses.
_STRING_STOP = re.compile(r'["\\\x00-\x1f]').search
# Both patterns match the empty string, so their ``match`` never returns None.
_SKIP_WHITESPACE = cast("Callable[[str, int], re.Match[str]]", re.compile(r"[ \t\r\n]*").match)
_SKIP_DIGITS = cast("Callable[[str, int], re.Match[str]]", re.compile(r"[0-9]*").match)

# Token kinds of V8's one-character token table, by what the message needs.
_EOS, _STRING, _NUMBER, _OTHER = "eos", "string", "number", "other"


class _Stop(Exception):
    """V8 stopped: ``message`` is its exception message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def json_parse_error(text: str) -> str | None:
    """The message of the ``SyntaxError`` V8's ``JSON.parse(text)`` throws, or None when it parses.

    ``text`` is the whole string handed to ``JSON.parse`` (a leading byte-order mark included: V8 refuses it).
    """
    try:
        _Walk(text).document()
    except _Stop as stop:
        return stop.message
    return None


class _Walk:
    __slots__ = ("at", "end", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.end = len(text)
        self.at = 0

    # -- V8's ReportUnexpectedToken ----------------------------------------------------------------

    def _position(self) -> int:
        """V8's position: UTF-16 code units before the cursor."""
        before = self.text[: self.at]
        if before.isascii():
            return self.at
        return self.at + sum(1 for char in before if char > "\uffff")

    def fail(self, template: str) -> _Stop:
        """An error whose message V8 gives explicitly (``... in JSON at position N``)."""
        return _Stop(f"{template} in JSON at position {self._position()}")

    def unexpected(self) -> _Stop:
        """V8's ``ReportUnexpectedCharacter`` on the current character (``LookUpErrorMessageForJsonToken``)."""
        kind = self._kind()
        if kind == _EOS:
            return _Stop("Unexpected end of JSON input")
        if kind == _NUMBER:
            return _Stop(f"Unexpected number in JSON at position {self._position()}")
        if kind == _STRING:
            return _Stop(f"Unexpected string in JSON at position {self._position()}")
        if self.text in _SPECIAL:
            return _Stop(f'"{self.text}" is not valid JSON')
        return _Stop(self._with_context())

    def _with_context(self) -> str:
        units = self.text.encode("utf-16-le", "surrogatepass")
        length = len(units) // 2
        pos = self._position()
        token = units[2 * pos : 2 * pos + 2].decode("utf-16-le", "surrogatepass")

        def part(start: int, stop: int) -> str:
            return units[2 * start : 2 * stop].decode("utf-16-le", "surrogatepass")

        if length < _MIN_LENGTH_FOR_CONTEXT:
            return f"Unexpected token '{token}', \"{self.text}\" is not valid JSON"
        if pos < _CONTEXT:
            return f"Unexpected token '{token}', \"{part(0, pos + _CONTEXT)}\"... is not valid JSON"
        if pos < length - _CONTEXT:
            return f"Unexpected token '{token}', ...\"{part(pos - _CONTEXT, pos + _CONTEXT)}\"... is not valid JSON"
        return f"Unexpected token '{token}', ...\"{part(pos - _CONTEXT, length)}\" is not valid JSON"

    def _kind(self) -> str:
        if self.at >= self.end:
            return _EOS
        char = self.text[self.at]
        if char == '"':
            return _STRING
        if char in _DIGITS or char == "-":
            return _NUMBER
        return _OTHER

    # -- the walk -------------------------------------------------------------------------------------

    def skip_whitespace(self) -> str | None:
        """Move to the next non-whitespace character and return it (None at the end)."""
        text, end = self.text, self.end
        at = self.at = _SKIP_WHITESPACE(text, self.at).end()
        return text[at] if at < end else None

    def document(self) -> None:
        # Containers still open, innermost last: "{" or "[".
        open_: list[str] = []
        while True:
            self.value(open_)
            # Consume produced values: close containers, or go on after a comma.
            while True:
                if not open_:
                    if self.skip_whitespace() is not None:
                        raise _Stop(f"Unexpected non-whitespace character after JSON at position {self._position()}")
                    return
                char = self.skip_whitespace()
                if open_[-1] == "{":
                    if char == ",":
                        self.at += 1
                        self.key(after_comma=True)
                        break
                    if char != "}":
                        raise self.fail("Expected ',' or '}' after property value")
                else:
                    if char == ",":
                        self.at += 1
                        break
                    if char != "]":
                        raise self.fail("Expected ',' or ']' after array element")
                self.at += 1
                open_.pop()

    def key(self, *, after_comma: bool) -> None:
        """A property name and its colon; the cursor is before the name's opening quote."""
        if self.skip_whitespace() != '"':
            raise self.fail(
                "Expected double-quoted property name" if after_comma else "Expected property name or '}'"
            )
        self.at += 1
        self.string()
        if self.skip_whitespace() != ":":
            # Node 20's V8 (11.3) names the expectation only after an object's first name; after a later one it
            # reports the unexpected token. (Later versions say "Expected ':'" after every name; Meta's answers
            # carry the older wording.)
            raise self.unexpected() if after_comma else self.fail("Expected ':' after property name")
        self.at += 1

    def value(self, open_: list[str]) -> None:
        """Produce one value; an object or array that is not empty is left open on ``open_``
        with the cursor before its first member (V8 continues producing inside it)."""
        while True:
            char = self.skip_whitespace()
            if char == '"':
                self.at += 1
                self.string()
                return
            if char is not None and (char in _DIGITS or char == "-"):
                self.number()
                return
            if char == "{":
                self.at += 1
                if self.skip_whitespace() == "}":
                    self.at += 1
                    return
                open_.append("{")
                self.key(after_comma=False)
                continue
            if char == "[":
                self.at += 1
                if self.skip_whitespace() == "]":
                    self.at += 1
                    return
                open_.append("[")
                continue
            if char == "t":
                self.literal("true")
                return
            if char == "f":
                self.literal("false")
                return
            if char == "n":
                self.literal("null")
                return
            raise self.unexpected()

    def literal(self, word: str) -> None:
        """V8's ``ScanLiteral``: the first character matched already."""
        text = self.text
        if text.startswith(word, self.at):
            self.at += len(word)
            return
        self.at += 1
        for expected in word[1:]:
            if self.at >= self.end:
                break
            if text[self.at] != expected:
                raise self.unexpected()
            self.at += 1
        raise _Stop("Unexpected end of JSON input")

    def string(self) -> None:
        """V8's ``ScanJsonString``: the cursor is after the opening quote."""
        text, end = self.text, self.end
        while True:
            found = _STRING_STOP(text, self.at)
            at = self.at = found.start() if found is not None else end
            if at >= end:
                raise self.fail("Unterminated string")
            char = text[at]
            if char == '"':
                self.at += 1
                return
            if char == "\\":
                self.at += 1
                if self.at >= end:
                    raise _Stop("Unexpected end of JSON input")
                escape = text[self.at]
                if escape > "\xff":
                    raise self.unexpected()
                if escape == "u":
                    for _ in range(4):
                        self.at += 1
                        if self.at >= end or text[self.at] not in _HEX:
                            raise self.fail("Bad Unicode escape")
                elif escape not in _SIMPLE_ESCAPES:
                    raise self.fail("Bad escaped character")
                self.at += 1
                continue
            raise self.fail("Bad control character in string literal")

    def number(self) -> None:
        """V8's ``ParseJsonNumberAsDoubleOrSmi``: the cursor is on ``-`` or a digit."""
        text, end = self.text, self.end

        def current() -> str | None:
            return text[self.at] if self.at < end else None

        if current() == "-":
            self.at += 1
        char = current()
        if char == "0":
            self.at += 1
            char = current()
            if char is not None and char in _DIGITS:
                raise _Stop(f"Unexpected number in JSON at position {self._position()}")
            if char is None or char not in _NUMBER_PART:
                return
        else:
            if char is None or char not in _DIGITS:
                raise self.fail("No number after minus sign")
            self._digits()
        if current() == ".":
            self.at += 1
            char = current()
            if char is None or char not in _DIGITS:
                raise self.fail("Unterminated fractional number")
            self._digits()
        if current() in ("e", "E"):
            self.at += 1
            if current() in ("-", "+"):
                self.at += 1
            char = current()
            if char is None or char not in _DIGITS:
                raise self.fail("Exponent part is missing a number")
            self._digits()

    def _digits(self) -> None:
        self.at = _SKIP_DIGITS(self.text, self.at).end()
