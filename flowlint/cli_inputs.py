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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from flowlint.config import Settings

__all__ = ["STDIN", "Input", "Problem", "collect"]

STDIN = "-"


class Input(NamedTuple):  # not a dataclass: ~0.5 ms less to define at import, in every run
    """One file to check. ``path`` is None for standard input; ``display`` is how reports name it."""

    display: str
    path: Path | None


class Problem(NamedTuple):  # not a dataclass: ~0.5 ms less to define at import, in every run
    """A PATH argument that names nothing checkable (exit status 2, the other files are still checked)."""

    display: str
    message: str


def collect(
    arguments: Sequence[str], settings: Settings, *, stdin_filename: str | None = None
) -> list[Input | Problem]:
    """Files to check and problems, in command-line order (directory contents sorted)."""
    out: list[Input | Problem] = []
    seen: set[str] = set()
    cwd = os.getcwd()

    def add(item: Input | Problem) -> None:
        if isinstance(item, Input) and item.path is not None:
            # os.path.abspath, without asking the system for the current directory for every file
            key = os.path.normcase(os.path.normpath(os.path.join(cwd, item.path)))
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
        if not argument:  # Path("") is ".": an empty argument (an unset shell variable) would check the directory
            add(Problem('""', "an empty path names no file"))
            continue
        path = Path(argument)
        if os.path.isdir(argument):  # os.path answers False where Path.is_dir raises (a directory not searchable)
            for found in _walk(path, settings):
                add(found)
        elif os.path.lexists(argument) or not glob.has_magic(argument):
            if settings.force_exclude and settings.excluded(path):
                continue
            add(Input(os.path.normpath(argument) if os.path.lexists(argument) else argument, path))
        else:
            matches = sorted(_glob(argument))
            if not matches:
                add(Problem(argument, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(Path(match), settings):
                        add(found)
                elif not settings.excluded(Path(match)):
                    add(Input(os.path.normpath(match), Path(match)))
    return out


def _walked(entry: os.DirEntry[str]) -> Input | Problem:
    """A file found by walking a directory. A named pipe, socket or device is not opened: reading a pipe
    that nobody writes to would wait forever (a file named on the command line, such as ``<(cat f)``, is read
    as asked). A broken symbolic link is an input, reported when it cannot be read."""
    display = os.path.normpath(entry.path)
    try:
        regular = entry.is_file()  # the directory listing's file type: no system call for a plain file
    except OSError:
        regular = False
    if regular:
        return Input(display, Path(entry.path))
    try:
        mode = os.stat(entry.path).st_mode
    except OSError:
        return Input(display, Path(entry.path))
    if stat.S_ISREG(mode):
        return Input(display, Path(entry.path))
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return Problem(display, f"is {kind}, not a regular file: not read")


def _walk(top: Path, settings: Settings) -> list[Input | Problem]:
    """``*.json`` files under ``top``, pruning excluded directories (symbolic links to directories are not
    followed; a directory that cannot be listed is passed over).

    The order is the order of the paths' components (``a/b.json`` before ``a-b.json``, the same on every
    system): each directory's entries sorted by name, a subdirectory's files listed where its name falls.
    """
    name_excluded = settings.name_excluder()

    def excluded(entry: os.DirEntry[str]) -> bool:
        if name_excluded is not None:
            return name_excluded(entry.name)
        return settings.excluded(Path(entry.path), entry_only=True)

    def listing(directory: str) -> list[os.DirEntry[str]]:
        """The directory's entries, last name first (popped from the end of the stack in name order)."""
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda e: e.name, reverse=True)

    found: list[Input | Problem] = []
    try:
        stack = listing(os.fspath(top))
    except OSError as exc:  # the directory named (or matched) itself: say so; a subdirectory is passed over
        return [Problem(os.path.normpath(top), f"cannot list this directory: {exc.strerror or exc}")]
    while stack:  # depth first, without recursion
        entry = stack.pop()
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink() and not excluded(entry):
                try:
                    stack.extend(listing(entry.path))
                except OSError:
                    pass
        elif entry.name.lower().endswith(".json") and not excluded(entry):
            found.append(_walked(entry))
    return found


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, except that ``**`` does not enter symbolic links to directories.

    glob's ``**`` follows them: a link to ``.`` made the paths endless (with two such links the run never
    ended) and, with one, each file was checked 41 times, until the system refused the path (ELOOP). Below a
    ``**`` a link to a directory is neither entered nor matched, as in a directory walk.
    """
    separators = {"/", os.sep, os.altsep or "/"}
    begin = 0
    for end in [*(i for i, char in enumerate(pattern) if char in separators), len(pattern)]:
        if pattern[begin:end] == "**":
            break
        begin = end + 1
    else:
        return glob.glob(pattern)
    head, rest = pattern[:begin], pattern[end + 1 :]
    dirs_only = end < len(pattern) and not rest  # "a/**/" matches directories only
    if not head:
        bases = [""]
    elif glob.has_magic(head):
        bases = glob.glob(head)  # it ends with a separator: directories only
    else:
        bases = [head] if os.path.isdir(head) else []
    found: list[str] = []
    for base in bases:
        for directory, others in _tree(base):
            if rest:
                found.extend(_glob(glob.escape(directory) + rest))
            elif dirs_only:
                if directory:  # the current directory itself is not a match
                    found.append(directory)
            else:
                if directory:
                    found.append(directory if directory == base else directory[:-1])
                found.extend(directory + name for name in others)
    return list(dict.fromkeys(found))


def _tree(base: str) -> Iterator[tuple[str, list[str]]]:
    """``base`` and each directory below it (``base + "sub" + os.sep``), with the names of its other entries.
    Hidden names are skipped, as glob's ``**`` skips them; symbolic links to directories are not entered."""
    stack = [base]
    while stack:
        directory = stack.pop()
        subdirectories: list[str] = []
        others: list[str] = []
        try:
            with os.scandir(directory or os.curdir) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    try:
                        is_dir = entry.is_dir()
                        linked = entry.is_symlink()
                    except OSError:
                        is_dir = linked = False
                    if is_dir and not linked:
                        subdirectories.append(entry.name)
                    elif not is_dir:
                        others.append(entry.name)
        except OSError:
            pass
        yield directory, sorted(others)
        stack.extend(directory + name + os.sep for name in sorted(subdirectories, reverse=True))
