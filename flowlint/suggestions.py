"""Did-you-mean suggestions, shared by the rules, the schema pass and the configuration.

``difflib`` is imported on first use: only a finding or a configuration mistake needs it, never a clean check.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["close_matches"]


def close_matches(word: str, candidates: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches``: the ``n`` candidates closest to ``word`` with a ratio of at least ``cutoff``."""
    import difflib

    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=cutoff)
