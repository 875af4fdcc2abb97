"""Untrusted text made safe to show a person: the one place that decides which characters a flow, a file
name or a setting may not put raw on a terminal or in a CI log.

A flow's keys, values and names reach the human formats (``text``, ``concise``, ``github``, ``flowlint
request``) inside flowlint's own lines. Left raw, a newline there starts a line a CI log takes as flowlint's
(``::error file=...``), ESC and friends drive the terminal, and bidi controls reorder what is shown. Each such
character is written as a visible escape (``\\n``, ``\\x1b``, ``\\u202e``); everything else, Arabic, emoji and
tabs included, is left as it is. Machine formats (JSON, SARIF, the API shapes) escape through their serialisers
and keep the exact strings.
"""

from __future__ import annotations

import re

from flowlint.lazyre import LazyPattern

__all__ = ["UNSAFE", "visible"]

#: C0 controls but the tab (line breaks included), DEL and the C1 controls (NEL, CSI...); the bidi controls
#: (ALM, LRM, RLM, LRE...RLO, LRI...PDI), which reorder the text shown around them; the line and paragraph
#: separators, which some viewers break lines at; lone surrogates, which no encoding can write.
#: Compiled on first use: a clean run shows no untrusted text.
UNSAFE = LazyPattern("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")

_NAMED = {"\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every :data:`UNSAFE` character written as an escape: ``\\n``, ``\\r``, ``\\x1b``,
    ``\\u202e``. A backslash already in ``text`` is left alone (messages quote patterns and JSON escapes)."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
