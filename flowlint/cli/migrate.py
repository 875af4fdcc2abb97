"""``flowlint migrate FILE... --to VERSION``: rewrite flows for a newer Flow JSON version, with text edits.

What migrate does per version step, and its sources, is in ``docs/migrate.md``. In short: the ``version`` value is
rewritten; DatePicker dates written as timestamps (before 5.0) become "YYYY-MM-DD" dates (UTC); the safe fixes of
``check --fix`` are applied (a misspelling the newer schema notices); a text property left blank ("") where the
newer version forbids blank text is removed, when that removes the error and adds none. What needs a decision
(``data_channel_uri``: the endpoint is configured on the flow now; a ``label`` that became required: its words) is
left in place and reported with what a person must do. Edits touch only their spans, as fixes do
(:mod:`flowlint.fixes`); files are written atomically.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

import click

from flowlint.versions import LATEST, SUPPORTED

__all__ = ["Migration", "migrate_command", "migrate_text", "needs_person"]


class Migration(NamedTuple):
    """The migrated ``text``, the ``changes`` made (one line each), and the lint of the result (``report``);
    ``problem`` says why nothing could be done (the text is returned unchanged)."""

    text: str
    changes: list[str]
    report: Any
    problem: str | None = None

    @property
    def needs_person(self) -> list[tuple[Any, str]]:
        """Every error left, with what a person must decide about it."""
        return [(d, needs_person(d)) for d in self.report.errors] if self.report is not None else []


def _number(text: str) -> int | None:
    parts = text.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    return int(parts[0]) * 100 + int(parts[1])


def migrate_text(text: str, *, to: str = LATEST) -> Migration:
    """``text`` (a flow) rewritten for version ``to``. Never raises on a bad flow: ``problem`` says what is wrong."""
    from flowlint import lint
    from flowlint.fixes import Edit, Fix, apply_fixes, fix_text
    from flowlint.source import parse_source

    target = _number(to)
    if target is None or target not in SUPPORTED:
        raise ValueError(f"not a Flow JSON version Meta's validator checks: {to!r}")
    parsed = parse_source(text)
    if parsed.fatal or not isinstance(parsed.value, dict):
        return Migration(text, [], lint(text), "the file is not a flow flowlint can read (see its syntax error)")
    doc = parsed.value
    version = doc.get("version")
    current = _number(version) if isinstance(version, str) else None
    if current is None:
        return Migration(text, [], lint(text), "the flow has no version migrate can read")
    if current >= target:
        return Migration(text, [], lint(text))
    source_map = parsed.source_map
    edits: list[Edit] = []
    changes: list[str] = []
    span = source_map.value_span(("version",))
    assert span is not None
    edits.append(Edit(span.start, span.end, f'"{SUPPORTED[target]}"'))
    changes.append(f"version {version} -> {SUPPORTED[target]}")
    if current < 500 <= target:
        for path, stamp, date in _timestamp_dates(doc):
            where = source_map.value_span(path)
            if where is not None:
                edits.append(Edit(where.start, where.end, f'"{date}"'))
                changes.append(f"{_path(path)}: timestamp {stamp} -> {date} (UTC; DatePicker dates are "
                               "'YYYY-MM-DD' from 5.0)")
    text, _ = apply_fixes(text, [Fix(tuple(edits), "safe", "migrate")])
    fixed = fix_text(text)
    if fixed.fixed:
        changes.append(f"{fixed.fixed} safe fix(es) applied (as check --fix)")
    text, report = fixed.text, fixed.report
    text, report, removed = _remove_blank_texts(text, report)
    changes.extend(removed)
    return Migration(text, changes, report)


def _path(path: tuple[Any, ...]) -> str:
    from flowlint.diagnostics import format_path

    return format_path(path)


def _timestamp_dates(doc: Any) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """(path, timestamp, date) of every DatePicker date written as a millisecond timestamp string."""
    stack: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "DatePicker":
                for key in ("min-date", "max-date"):
                    date = _date_of(node.get(key))
                    if date is not None:
                        yield path + (key,), node[key], date
                dates = node.get("unavailable-dates")
                if isinstance(dates, list):
                    for i, value in enumerate(dates):
                        date = _date_of(value)
                        if date is not None:
                            yield path + ("unavailable-dates", i), value, date
            stack.extend((path + (k,), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((path + (i,), v) for i, v in enumerate(node))


def _date_of(value: Any) -> str | None:
    if not isinstance(value, str) or not value.isdigit() or not 9 <= len(value) <= 14:
        return None
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


_BLANK = "should not be blank or an empty string"


def _remove_blank_texts(text: str, report: Any) -> tuple[str, Any, list[str]]:
    """Remove optional text properties written as "" where the version forbids blank text, one at a time, each
    kept only when it leaves fewer errors and no new one (a blank required property stays: it needs words)."""
    from flowlint import lint
    from flowlint.fixes import Fix, _Finder, apply_fixes
    from flowlint.source import parse_source

    changes: list[str] = []
    for _ in range(50):
        blank = [d for d in report.errors if _BLANK in d.message and d.span is not None and d.pointers[0].path]
        progress = False
        for diag in blank:
            path = diag.pointers[0].path
            parsed = parse_source(text)
            key_span = parsed.source_map.key_span(path)
            if key_span is None:
                continue
            start, end = _Finder(parsed)._member_removal(key_span.start)
            from flowlint.fixes import Edit

            candidate, _ = apply_fixes(text, [Fix((Edit(start, end, ""),), "unsafe", "remove")])
            after = lint(candidate)
            before_errors = {(d.rule, d.message) for d in report.errors}
            after_errors = {(d.rule, d.message) for d in after.errors}
            if len(after.errors) < len(report.errors) and after_errors <= before_errors:
                changes.append(f"{_path(path)}: blank \"\" removed (blank text is not allowed in this version)")
                text, report, progress = candidate, after, True
                break
        if not progress:
            break
    return text, report, changes


def needs_person(diag: Any) -> str:
    """What a person must decide about an error migrate leaves."""
    path = diag.path
    if path and path[-1] == "data_channel_uri":
        return ("configure the endpoint on the flow instead (Flows API endpoint_uri, or Flow Builder), then delete "
                "data_channel_uri: migrate cannot move a URL into your account's settings")
    if diag.rule == "FL202" or diag.error == "MISSING_REQUIRED_PROPERTY":
        return "write the missing property (required from a later version on): only you know its words"
    if diag.rule == "FL603" or "YYYY-MM-DD" in diag.message:
        return "write the date as 'YYYY-MM-DD' (a binding or a value migrate could not read as a timestamp)"
    return "not a change of version migrate knows how to make: edit it by hand (see flowlint explain " \
           f"{diag.rule})"


@click.command("migrate", short_help="Rewrite flows for a newer Flow JSON version.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--to", "to", default=LATEST, show_default=True, metavar="VERSION",
              help="Flow JSON version to migrate to (default: the latest Meta publishes).")
@click.option("--diff", is_flag=True, help="Print the changes as a unified diff; write nothing.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file needs migrating.")
def migrate_command(files: tuple[Path, ...], to: str, diff: bool, check: bool) -> None:
    """Migrate FILE... to a newer Flow JSON version: the version, and every change that version requires which
    can be made safely. What needs a person is reported, with what to decide. Exit 0: every file is migrated
    and clean; 1: something is left for a person (or, with --check/--diff, something to migrate); 2: an error."""
    from flowlint.cli import emit, fail
    from flowlint.cli.check import _encoded, unified_diff, write_atomically
    from flowlint.source import decode

    number = _number(to)
    if number is None or number not in SUPPORTED:
        fail(f"--to {to}: not a version Meta's validator checks ({', '.join(SUPPORTED.values())})")
        sys.exit(2)
    status = 0
    clean = person = unchanged = 0
    out: list[str] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            fail(f"{path}: {exc.strerror or exc}")
            status = 2
            continue
        text, _, problem = decode(data)
        if problem is not None:
            fail(f"{path}: not migrated: the file is not valid UTF-8")
            status = max(status, 1)
            continue
        done = migrate_text(text, to=to)
        if done.problem is not None:
            out.append(f"{path}: not migrated: {done.problem}\n")
            status = max(status, 1)
            continue
        if done.text == text:
            unchanged += 1
        if done.text != text and (check or diff):
            status = max(status, 1)
        if diff and done.text != text:
            out.append(unified_diff(text, done.text, str(path)))
        elif not check and not diff and done.text != text:
            try:
                write_atomically(path, _encoded(done.text, data))
            except OSError as exc:
                fail(f"{path}: cannot write the migrated file ({exc.strerror or exc}); nothing was changed")
                status = 2
                continue
        verb = "would migrate" if (check or diff) else "migrated"
        if done.text != text:
            out.append(f"{path}: {verb}: " + "; ".join(done.changes) + "\n")
        left = done.needs_person
        if left:
            person += 1
            if not (check or diff):
                status = max(status, 1)
            for diag, what in left:
                span = diag.span
                where = f"{span.line_start}:{span.column_start}" if span else "?"
                more = f" (and {len(diag.pointers) - 1} more places)" if len(diag.pointers) > 1 else ""
                out.append(f"{path}:{where}: {diag.rule} {diag.message}{more}\n  needs a person: {what}\n")
        else:
            clean += 1
    out.append(f"{clean} file(s) {'would be ' if check or diff else ''}valid {SUPPORTED[number]} without errors; "
               f"{person} need a person for the findings above; {unchanged} already at {SUPPORTED[number]} or "
               "later, or unchanged.\n")
    emit("".join(out))
    sys.exit(status)
