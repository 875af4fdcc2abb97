"""Turning the command line's PATH arguments into the list of files to check.

A file is checked as named (whatever its extension). A directory is walked for ``*.json`` files, sorted,
skipping what ``exclude``/``extend-exclude`` match and, with ``respect-gitignore`` (the default), what git
ignores (:mod:`flowlint.gitignore`). A pattern that names no existing path is expanded as a glob
(``flows/**/*.json``; quote it so the shell leaves it alone), with the same skips. Of the files a walk or a
glob finds, those that ``include`` matches are checked, and the others only when they look like Flow JSON
(:func:`looks_like_flow`): ``package.json`` is not a flow. ``-`` is standard input. Explicitly named files are
checked whatever they hold and even when excluded, unless ``force-exclude`` is set (the pre-commit hook sets
it, since pre-commit names every file). A path named twice is checked once.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from flowlint.config import Settings
from flowlint.gitignore import GitIgnores, Rules
from flowlint.lazyre import LazyPattern

__all__ = ["SNIFF_BYTES", "STDIN", "Input", "Problem", "collect", "looks_like_flow"]

STDIN = "-"

#: How much of a file found by a walk or a glob is read to tell whether it is Flow JSON (:func:`looks_like_flow`).
SNIFF_BYTES = 8192

#: Top-level keys that only a flow (or a Create Flow request body: ``flowJson``) has. ``version`` alone is not
#: one: ``package.json`` and browser-extension manifests have it.
_FLOW_KEYS = frozenset({"screens", "routing_model", "data_api_version", "flowJson"})

#: A string (group 1 its content, group 2 the colon that makes it a key) or a bracket, in the bytes read as
#: Latin-1 (one character per byte, never an error). Commas, numbers and literals are skipped over.
_TOKEN = LazyPattern(r'(?s)"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r\n]*(:)?|[\[\]{}]')


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

    ignores = GitIgnores() if settings.respect_gitignore else None
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
            for found in _walk(path, settings, ignores):
                if _wanted(found, settings):
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
                is_dir = os.path.isdir(match)
                if settings.excluded(Path(match)) or (
                    ignores is not None and ignores.ignored(os.path.abspath(match), is_dir=is_dir)
                ):
                    continue
                if is_dir:
                    for found in _walk(Path(match), settings, ignores):
                        if _wanted(found, settings):
                            add(found)
                elif _wanted(matched := Input(os.path.normpath(match), Path(match)), settings):
                    add(matched)
    return out


def _wanted(found: Input | Problem, settings: Settings) -> bool:
    """Whether a file found by a walk or a glob is checked: ``include`` matches it, or it looks like Flow JSON.
    A problem (a named pipe met by a walk) is always reported."""
    if isinstance(found, Problem) or found.path is None:
        return True
    return settings.included(found.path) or looks_like_flow(found.path)


def looks_like_flow(path: Path) -> bool:
    """Whether the file's first :data:`SNIFF_BYTES` look like Flow JSON (or a Create Flow request body).

    A JSON object whose top-level keys, as far as they are read, include ``screens``, ``routing_model``,
    ``data_api_version`` or ``flowJson``; or, when the file is longer than what is read and none of those came
    yet, ``version``. The text is not parsed: a flow with a syntax error further on is still a flow. A file
    that cannot be read, or is not a regular file, counts as one: checking it says why it cannot be read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a named pipe: no wait
    except OSError:
        return True
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return True
        head = os.read(descriptor, SNIFF_BYTES)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return _flow_head(head.decode("latin-1"), complete=len(head) < SNIFF_BYTES)


def _flow_head(head: str, *, complete: bool) -> bool:
    """:func:`looks_like_flow` on the text read; ``complete``: the whole file was read."""
    text = head.removeprefix("\xef\xbb\xbf").lstrip(" \t\r\n")  # a UTF-8 byte order mark, read as Latin-1
    if not text.startswith("{"):
        return False
    depth = 0
    version = False
    for token in _TOKEN.finditer(text):
        key = token.group(1)
        if key is None:  # a bracket
            depth += 1 if token.group() in "[{" else -1
            if depth <= 0:
                return False  # the top-level object ended without a flow's key
        elif depth == 1 and token.group(2):
            if key in _FLOW_KEYS:
                return True
            version = version or key == "version"
    return version and not complete


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


def _walk(top: Path, settings: Settings, ignores: GitIgnores | None = None) -> list[Input | Problem]:
    """``*.json`` files under ``top``, pruning excluded directories and, with ``ignores``, what git ignores
    (symbolic links to directories are not followed; a directory that cannot be listed is passed over).
    ``top`` itself is walked even when excluded or ignored: it was named.

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

    def ignored(entry: os.DirEntry[str], directory: str, rules: Rules | None, *, is_dir: bool) -> bool:
        return rules is not None and rules.ignores(os.path.join(directory, entry.name), is_dir=is_dir)

    found: list[Input | Problem] = []
    top_directory = os.path.abspath(top)
    top_rules = ignores.rules_for(top_directory) if ignores is not None else None
    # Each entry with the absolute path of its directory and the ignore rules in force there.
    try:
        stack = [(entry, top_directory, top_rules) for entry in listing(os.fspath(top))]
    except OSError as exc:  # the directory named (or matched) itself: say so; a subdirectory is passed over
        return [Problem(os.path.normpath(top), f"cannot list this directory: {exc.strerror or exc}")]
    while stack:  # depth first, without recursion
        entry, directory, rules = stack.pop()
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink() and not excluded(entry) and not ignored(entry, directory, rules, is_dir=True):
                inner = os.path.join(directory, entry.name)
                inner_rules = ignores.child(rules, inner) if ignores is not None else None
                try:
                    stack.extend((child, inner, inner_rules) for child in listing(entry.path))
                except OSError:
                    pass
        elif (
            entry.name.lower().endswith(".json")
            and not excluded(entry)
            and not ignored(entry, directory, rules, is_dir=False)
        ):
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
