"""``LazyPattern``: a regular expression compiled on first use.

A pattern compiled at import costs 0.05-0.5 ms in every run; the ones here are read only by the error path or by
rare documents (a screen id holding ``${``, an expression over flowlint's limits, a condition with a number...),
which a clean check never reaches. After the first use the pattern's methods sit in the instance's dictionary,
so reading them costs what reading them from a compiled pattern does.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["LazyPattern"]

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "finditer", "findall", "split", "scanner")


class LazyPattern:
    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:  # only until the first use: then the methods are attributes
        compiled = re.compile(self.pattern, self.flags)
        self.__dict__["compiled"] = compiled
        for method in _METHODS:
            self.__dict__[method] = getattr(compiled, method)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
