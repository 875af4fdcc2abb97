"""Rule selectors as people write them: in ``--select``/``--ignore``, the configuration and ``flowlint explain``.

A selector is ``ALL``, a rule code (``FL102``), a prefix of codes (``FL1``, ``FR0``), a rule name
(``duplicate-key``), or a code that was renamed (``FL1001``, now ``FR001``). :func:`resolve_selector` turns each
into the code or prefix that :class:`flowlint.engine.Selection` matches, so the engine only ever compares prefixes.

Two code families, neither a prefix of the other: ``FL`` and three digits for what is checked in a Flow JSON
(``FL0xx``-``FL9xx``, see :mod:`flowlint.catalog`), ``FR`` and three digits for a Create Flow request
(:mod:`flowlint.request`). So ``--ignore FL102`` is FL102 alone and ``--select FL1`` the version rules alone.

Renamed codes keep working for one release, with a note on stderr, as ruff's rule redirects do.
"""

from __future__ import annotations

import re
import sys

from flowlint.catalog import RuleInfo
from flowlint.records import record

__all__ = ["REDIRECTS", "Resolved", "SelectorError", "lookup_rule", "note_redirect", "resolve_selector"]

#: Old code -> its code now. The Create Flow request rules were FL1001-FL1026, inside the FL1 prefix of the
#: version rules (``--ignore FL102`` also dropped FL1020-FL1026); they are FR001-FR026, numbers kept.
REDIRECTS: dict[str, str] = {f"FL10{n:02d}": f"FR0{n:02d}" for n in (*range(1, 17), *range(20, 27))}

#: A code or a prefix of one: the family letters, then digits (more than three only in an unknown code).
_CODE_LIKE = re.compile(r"F[LR]\d*")
_CODE_LENGTH = 5  # "FL102", "FR001"

_noted: set[str] = set()


class SelectorError(ValueError):
    """A selector that names no rule; the message says so and suggests the name meant, if one is close."""


@record(frozen=True)
class Resolved:
    """``selector``: what the engine matches (a code, a prefix or ``ALL``). ``note``: why an old code was
    rewritten, for stderr (None when nothing was rewritten)."""

    selector: str
    note: str | None = None


def resolve_selector(text: str) -> Resolved:
    """The code or prefix ``text`` stands for. Raises :class:`SelectorError` when it names no rule."""
    from flowlint.catalog import all_rules

    upper = text.upper()
    if upper == "ALL":
        return Resolved("ALL")
    if upper in REDIRECTS:
        new = REDIRECTS[upper]
        note = (
            f"{upper} is now {new} (the Create Flow request rules have their own prefix, FR); "
            f"{upper} will stop working in a future release"
        )
        return Resolved(new, note)
    codes = all_rules()
    if _CODE_LIKE.fullmatch(upper):
        if len(upper) >= _CODE_LENGTH:
            if upper not in codes:
                raise SelectorError(f"unknown rule {upper!r} (see `flowlint rules`)")
        elif not any(code.startswith(upper) for code in codes):
            raise SelectorError(f"no rule code starts with {upper!r} (see `flowlint rules`)")
        return Resolved(upper)
    names = _codes_by_name()
    code = names.get(text.lower())
    if code is not None:
        return Resolved(code)
    raise SelectorError(_unknown(text, names))


def lookup_rule(text: str) -> tuple[RuleInfo, str | None]:
    """The rule a code, an old code or a name stands for (``flowlint explain``), and the note of a redirect.
    Raises :class:`SelectorError` for anything else, a prefix included."""
    from flowlint.catalog import all_rules

    try:
        resolved = resolve_selector(text)
    except SelectorError:
        if "-" in text:
            raise  # an unknown name: the message suggests the name meant
        resolved = Resolved(text.upper())
    rule = all_rules().get(resolved.selector)
    if rule is None:
        raise SelectorError(f"unknown rule {text!r} (see `flowlint rules`)")
    return rule, resolved.note


def note_redirect(note: str | None) -> None:
    """Say on stderr, once per process, that an old code was rewritten (a language server reloads its
    configuration on every change: the note is not repeated)."""
    if note is None or note in _noted or sys.stderr is None:
        return
    _noted.add(note)
    sys.stderr.write(f"flowlint: warning: {note}\n")
    sys.stderr.flush()


def _codes_by_name() -> dict[str, str]:
    from flowlint.catalog import all_rules

    return {rule.name: rule.code for rule in all_rules().values()}


def _unknown(text: str, names: dict[str, str]) -> str:
    from flowlint.suggestions import did_you_mean

    hint = did_you_mean(text.lower(), names)
    if "-" in text:
        return f"unknown rule {text!r} ({hint or 'see `flowlint rules`'})"
    example = "(e.g. 'FL102', 'FL1', 'FR0', 'duplicate-key', 'ALL')"
    return f"{text!r} is not a rule code, prefix or name {example}" + (f"; {hint}" if hint else "")
