"""Which paths git ignores: ``.gitignore`` files and ``.git/info/exclude``, read without git.

A directory walk (and a glob) skips what git ignores, as ruff does (``respect-gitignore``). git itself may be
absent (a container, a CI image without it), so the patterns are read and matched here, as gitignore(5) says:

- only inside a repository: a directory with a ``.git`` entry (a directory, or the file of a worktree or a
  submodule) at or above the path; the rules stop at that root, and a nested repository has its own;
- the sources, highest precedence first: the ``.gitignore`` of the path's own directory, then those of the
  directories above it up to the root, then the root's ``.git/info/exclude``; within one file the last pattern
  that matches decides, and ``!pattern`` re-includes;
- a blank line or ``# comment`` is nothing; ``\\#`` and ``\\!`` are literal; trailing spaces are dropped unless
  escaped; a trailing ``/`` matches directories only; a ``/`` at the start or in the middle anchors the pattern
  to its file's directory, otherwise it matches a name at any depth; ``*`` and ``?`` do not match ``/``;
  ``[a-z]``, ``[!a]`` are classes; ``**/``, ``/**/`` and a trailing ``/**`` cross directories;
- a path inside an ignored directory is ignored (a walk does not enter it, so a ``!`` cannot bring it back).

Not read: the global excludes file (``core.excludesFile``), ``.ignore`` files, git's index (a tracked file
that a pattern matches is still ignored here: git would list it) and ``core.ignoreCase``; POSIX classes such as
``[[:digit:]]`` are not supported (a pattern holding one is left out).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["GitIgnores", "Rules"]

#: Larger ignore files are not read: a ``.gitignore`` is a few KB; anything past this is not one.
_MAX_IGNORE_BYTES = 1_048_576


class _Level:
    """The patterns of one ignore file, relative to ``base`` (an absolute directory)."""

    __slots__ = ("base", "_prefix", "_patterns", "_negations", "_unions")

    def __init__(self, base: str, patterns: Sequence[_Pattern]) -> None:
        self.base = base
        self._prefix = len(base) if base.endswith(os.sep) else len(base) + 1
        self._patterns = list(patterns)
        self._negations = any(pattern.negated for pattern in patterns)
        # "Does any pattern match?" in one expression for each of (a directory?, a pattern with a "/"?): the
        # common answer, no, costs two matches, however long the file.
        self._unions = {
            (is_dir, anchored): _union(
                [p.regex for p in patterns if p.anchored is anchored and (is_dir or not p.dirs_only)]
            )
            for is_dir in (False, True)
            for anchored in (False, True)
        }

    def verdict(self, path: str, is_dir: bool) -> bool | None:
        """True: ignored; False: re-included by a ``!`` pattern; None: no pattern here speaks of ``path``."""
        relative = path[self._prefix :]
        if os.sep != "/":
            relative = relative.replace(os.sep, "/")
        name = relative.rpartition("/")[2]
        by_name = self._unions[is_dir, False]
        by_path = self._unions[is_dir, True]
        if not (by_name is not None and by_name.fullmatch(name)) and not (
            by_path is not None and by_path.fullmatch(relative)
        ):
            return None
        if not self._negations:
            return True
        for pattern in reversed(self._patterns):  # the last pattern that matches decides
            if (is_dir or not pattern.dirs_only) and pattern.regex.fullmatch(relative if pattern.anchored else name):
                return not pattern.negated
        return None


class _Pattern(NamedTuple):
    """One line of an ignore file: ``regex`` matches the path relative to the file's directory when
    ``anchored`` (the pattern holds a ``/``), else the entry's name."""

    regex: re.Pattern[str]
    negated: bool
    dirs_only: bool
    anchored: bool


def _union(regexes: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    if not regexes:
        return None
    return re.compile("|".join(f"(?:{regex.pattern})" for regex in regexes), re.DOTALL)


class Rules:
    """The ignore files in force for the entries of one directory: deepest first, down from ``root``."""

    __slots__ = ("root", "levels")

    def __init__(self, root: str, levels: tuple[_Level, ...]) -> None:
        self.root = root
        self.levels = levels

    def ignores(self, path: str, *, is_dir: bool) -> bool:
        """Whether ``path`` (absolute, an entry of the directory these rules are for) is ignored."""
        if os.path.basename(path) == ".git":
            return True  # git never lists its own directory
        for level in self.levels:
            verdict = level.verdict(path, is_dir)
            if verdict is not None:
                return verdict
        return False


class GitIgnores:
    """Ignore rules by directory, read once per run (one instance per :func:`flowlint.cli.inputs.collect`)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rules | None] = {}
        self._ignored: dict[str, bool] = {}

    def rules_for(self, directory: str) -> Rules | None:
        """The rules for the entries of ``directory`` (absolute); None outside any repository."""
        if directory in self._rules:
            return self._rules[directory]
        if _is_repository(directory):
            rules: Rules | None = _root_rules(directory)
        else:
            parent = os.path.dirname(directory)
            above = self.rules_for(parent) if parent != directory else None
            rules = None if above is None else self.child(above, directory)
        self._rules[directory] = rules
        return rules

    def child(self, rules: Rules | None, directory: str) -> Rules | None:
        """The rules for the entries of ``directory``, a subdirectory met while walking under ``rules``
        (None: outside any repository so far)."""
        if _is_repository(directory):  # a repository met by the walk, or nested (a submodule): its own rules only
            return _root_rules(directory)
        if rules is None:
            return None
        level = _read_level(os.path.join(directory, ".gitignore"), directory)
        return rules if level is None else Rules(rules.root, (level, *rules.levels))

    def ignored(self, path: str, *, is_dir: bool) -> bool:
        """Whether ``path`` (absolute) or a directory above it, up to its repository's root, is ignored."""
        parent = os.path.dirname(path)
        rules = self.rules_for(parent) if parent != path else None
        if rules is None:
            return False
        if rules.ignores(path, is_dir=is_dir):
            return True
        if parent == rules.root:
            return False
        if parent not in self._ignored:
            self._ignored[parent] = self.ignored(parent, is_dir=True)
        return self._ignored[parent]


def _is_repository(directory: str) -> bool:
    return os.path.lexists(os.path.join(directory, ".git"))


def _root_rules(root: str) -> Rules:
    levels = [
        _read_level(os.path.join(root, ".gitignore"), root),
        _read_level(os.path.join(root, ".git", "info", "exclude"), root),
    ]
    return Rules(root, tuple(level for level in levels if level is not None))


def _read_level(file: str, base: str) -> _Level | None:
    try:
        with open(file, "rb") as handle:
            data = handle.read(_MAX_IGNORE_BYTES)
    except OSError:  # none (the usual answer), a directory, unreadable: no patterns
        return None
    patterns = [compiled for line in data.decode("utf-8", "replace").splitlines() if (compiled := _compile(line))]
    return _Level(base, patterns) if patterns else None


def _compile(line: str) -> _Pattern | None:
    """One line of an ignore file; None for a blank line, a comment, or a pattern left out."""
    line = line.removesuffix("\r")
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "  # "a\ " keeps its escaped space
    line = stripped
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    dirs_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    if "[:" in line:
        return None  # a POSIX class ([[:digit:]]): not translated, the pattern is left out
    anchored = "/" in line
    try:
        return _Pattern(re.compile(_translate(line.removeprefix("/")), re.DOTALL), negated, dirs_only, anchored)
    except re.error:  # a class flowlint cannot translate: the pattern matches nothing, as git's would not
        return None


def _translate(pattern: str) -> str:
    """A gitignore glob (no leading ``/``) as a regular expression matching a whole relative path."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*":
            j = i
            while j < n and pattern[j] == "*":
                j += 1
            whole_part = (i == 0 or pattern[i - 1] == "/") and (j == n or pattern[j] == "/")
            if j - i >= 2 and whole_part:
                if j == n:
                    out.append(".*")  # "a/**": everything inside; "**": everything
                else:
                    out.append("(?:.*/)?")  # "**/": any number of directories, none included
                    j += 1
            else:
                out.append("[^/]*")  # other runs of stars are one star
            i = j
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            translated, i = _translate_class(pattern, i)
            out.append(translated)
        elif char == "\\" and i + 1 < n:
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def _translate_class(pattern: str, start: int) -> tuple[str, int]:
    """``[...]`` at ``start``: (regex class, index after it); an unclosed ``[`` is a literal ``[``."""
    i = start + 1
    negated = i < len(pattern) and pattern[i] in "!^"
    if negated:
        i += 1
    members: list[str] = []
    first = True
    while i < len(pattern) and (pattern[i] != "]" or first):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            members.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            members.append("-" if char == "-" else re.escape(char))
            i += 1
        first = False
    if i >= len(pattern):
        return re.escape("["), start + 1
    body = "".join(members)
    return (f"[^/{body}]" if negated else f"(?!/)[{body}]"), i + 1
