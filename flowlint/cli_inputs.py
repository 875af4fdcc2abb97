"""Turning the command line's PATH arguments into the list of files to check.

A file is checked as named (whatever its extension). A directory is walked for ``*.json`` files, sorted,
skipping what ``exclude``/``extend-exclude`` match. A pattern that names no existing path is expanded as a
glob (``flows/**/*.json``; quote it so the shell leaves it alone). ``-`` is standard input. Explicitly named
files are checked even when excluded, unless ``force-exclude`` is set (the pre-commit hook sets it, since
pre-commit names every file). A path named twice is checked once.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from flowlint.config import Settings

__all__ = ["STDIN", "Input", "Problem", "collect"]

STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One file to check. ``path`` is None for standard input; ``display`` is how reports name it."""

    display: str
    path: Path | None


@dataclass(frozen=True)
class Problem:
    """A PATH argument that names nothing checkable (exit status 2, the other files are still checked)."""

    display: str
    message: str


def collect(
    arguments: Sequence[str], settings: Settings, *, stdin_filename: str | None = None
) -> list[Input | Problem]:
    """Files to check and problems, in command-line order (directory contents sorted)."""
    out: list[Input | Problem] = []
    seen: set[str] = set()

    def add(item: Input | Problem) -> None:
        if isinstance(item, Input) and item.path is not None:
            key = os.path.normcase(os.path.abspath(item.path))
            if key in seen:
                return
            seen.add(key)
        out.append(item)

    stdin_taken = False
    for argument in arguments:
        if argument == STDIN:
            if stdin_taken:
                add(Problem(STDIN, "standard input can be read only once"))
                continue
            stdin_taken = True
            shown = stdin_filename or STDIN
            if stdin_filename and settings.force_exclude and settings.excluded(Path(stdin_filename)):
                continue
            add(Input(shown, None))
            continue
        path = Path(argument)
        if path.is_dir():
            for found in _walk(path, settings):
                add(_walked(found))
        elif os.path.lexists(argument) or not glob.has_magic(argument):
            if settings.force_exclude and settings.excluded(path):
                continue
            add(Input(os.path.normpath(argument) if os.path.lexists(argument) else argument, path))
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            if not matches:
                add(Problem(argument, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(Path(match), settings):
                        add(_walked(found))
                elif not settings.excluded(Path(match)):
                    add(Input(os.path.normpath(match), Path(match)))
    return out


def _walked(found: str) -> Input | Problem:
    """A file found by walking a directory. A named pipe, socket or device is not opened: reading a pipe
    that nobody writes to would wait forever (a file named on the command line, such as ``<(cat f)``, is read
    as asked). A broken symbolic link is an input, reported when it cannot be read."""
    display = os.path.normpath(found)
    try:
        mode = os.stat(found).st_mode
    except OSError:
        return Input(display, Path(found))
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        return Problem(display, f"is {kind}, not a regular file: not read")
    return Input(display, Path(found))


def _walk(top: Path, settings: Settings) -> list[str]:
    """``*.json`` files under ``top``, sorted, pruning excluded directories (symlinked ones are not followed)."""
    found: list[str] = []
    for directory, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not settings.excluded(Path(directory, d), entry_only=True))
        for name in sorted(filenames):
            if name.lower().endswith(".json"):
                candidate = os.path.join(directory, name)
                if not settings.excluded(Path(candidate), entry_only=True):
                    found.append(candidate)
    return sorted(found, key=_sort_key)


def _sort_key(path: str) -> tuple[str, ...]:
    """Sort by path components, so ``a/b.json`` comes before ``a-b.json`` the same way on every system."""
    return tuple(Path(path).parts)
