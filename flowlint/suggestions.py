"""Did-you-mean suggestions, shared by the rules, the schema pass and the configuration.

``difflib`` is imported on first use: only a finding or a configuration mistake needs it, never a clean check.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Suggestion", "close_matches", "did_you_mean"]


def close_matches(word: str, candidates: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches``: the ``n`` candidates closest to ``word`` with a ratio of at least ``cutoff``."""
    import difflib

    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=cutoff)


class Suggestion(str):
    """A "did you mean 'X'?" hint (it *is* that text, so every report shows it unchanged) that also carries, as
    data, what it suggests: ``original`` -> ``replacement``, and whether ``replacement`` is the only close
    match (``unique``). :mod:`flowlint.fixes` turns it into a text edit: safe when unique, unsafe otherwise."""

    original: str
    replacement: str
    unique: bool

    def __new__(cls, text: str, *, original: str, replacement: str, unique: bool) -> Suggestion:
        self = super().__new__(cls, text)
        self.original = original
        self.replacement = replacement
        self.unique = unique
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickled from worker processes with its data
        return (_suggestion, (str(self), self.original, self.replacement, self.unique))


def _suggestion(text: str, original: str, replacement: str, unique: bool) -> Suggestion:
    return Suggestion(text, original=original, replacement=replacement, unique=unique)


#: A match at least this close (difflib's ratio) is "a close match" for a fix: one letter wrong, missing, extra
#: or swapped in a word of five or more ("lable" -> "label" is 0.8). The hint itself takes looser ones (0.6).
CLOSE_FOR_FIX = 0.8


def did_you_mean(value: str, choices: Iterable[str], *, cutoff: float = 0.6) -> Suggestion | None:
    """"did you mean 'X'?" for the closest of ``choices`` to ``value`` (ratio at least ``cutoff``), or None.
    ``unique``: X is the one choice at least :data:`CLOSE_FOR_FIX` close, so replacing ``value`` by it is safe."""
    import difflib

    candidates = sorted(choices)
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=cutoff)
    if not close:
        return None
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(value)
    near = 0
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() >= CLOSE_FOR_FIX and matcher.quick_ratio() >= CLOSE_FOR_FIX \
                and matcher.ratio() >= CLOSE_FOR_FIX:
            near += 1
    matcher.set_seq1(close[0])
    unique = near == 1 and matcher.ratio() >= CLOSE_FOR_FIX
    return Suggestion(f"did you mean '{close[0]}'?", original=value, replacement=close[0], unique=unique)
