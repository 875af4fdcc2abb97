"""Configuration: ``[tool.flowlint]`` in ``pyproject.toml``, or ``flowlint.toml`` / ``.flowlint.toml``.

One configuration per run: the file given with ``--config``, or else the first one found walking up from
the directory that holds all the paths being checked (the current directory for stdin without
``--stdin-filename``). In one directory ``.flowlint.toml`` wins over ``flowlint.toml``, which wins over a
``pyproject.toml`` that has a ``[tool.flowlint]`` table; a ``pyproject.toml`` without one is passed over.
``flowlint.toml`` holds the keys at top level. Command-line options override the file.

Every key is checked: an unknown key or a bad value is an error naming the file and the line
(``pyproject.toml:12: unknown key 'selct' in [tool.flowlint] (did you mean 'select'?)``), and the run
stops with status 2; nothing is ignored silently.

Patterns (``exclude``, ``extend-exclude``, ``include``, ``extend-include``, ``per-file-ignores``) are shell
globs. A pattern without a ``/`` matches any file or directory name (``node_modules``, ``*.min.json``); a
pattern with a ``/`` matches the path relative to the configuration file's directory, and everything under it
(``flows/legacy``).
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from flowlint.escaping import UNSAFE
from flowlint.lazyre import LazyPattern
from flowlint.records import record
from flowlint.suggestions import close_matches

__all__ = [
    "CONFIG_FILES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "KEYS",
    "MAX_CONFIG_BYTES",
    "MAX_JOBS",
    "ConfigError",
    "Settings",
    "discover",
    "load",
    "load_settings",
    "path_matches",
    "to_toml",
]

#: Looked for in each directory, in this order.
CONFIG_FILES = (".flowlint.toml", "flowlint.toml", "pyproject.toml")

#: Directories never worth walking into (``exclude`` replaces this list; ``extend-exclude`` adds to it).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    "build",
    "dist",
)

#: Files a directory walk or a glob checks without looking inside: the pre-commit hook's ``files`` pattern
#: (a ``.json`` under a directory ``flow(s)``/``whatsapp-flow(s)``, or named ``*flow*``), in lower case.
#: Other ``.json`` files are checked when they look like Flow JSON (:func:`flowlint.cli.inputs.looks_like_flow`).
DEFAULT_INCLUDE: tuple[str, ...] = (
    "*flow*.json",
    "flow",
    "flows",
    "whatsapp[-_]flow",
    "whatsapp[-_]flows",
    "whatsappflow",
    "whatsappflows",
)

#: The largest ``jobs`` accepted (``-j N`` or the configuration); more workers than CPUs are never started.
MAX_JOBS = 1024

_COLORS = ("auto", "always", "never")
_ERROR_ON = ("error", "warning")
_SEVERITIES = ("warning", "error")


class ConfigError(Exception):
    """A configuration that cannot be used. ``problems`` are ``(file, line, message)``; line 0 is unknown."""

    def __init__(self, problems: Sequence[tuple[str, int, str]]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{file}:{line}: {message}" if line else f"{file}: {message}" for file, line, message in self.problems]


@record(frozen=True)
class Settings:
    """The effective configuration. ``format=None`` means: ``github`` under GitHub Actions, else ``text``."""

    format: str | None = None
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    #: Found by walking or by a glob, a file is checked when these match it or it looks like Flow JSON.
    include: tuple[str, ...] = DEFAULT_INCLUDE
    extend_include: tuple[str, ...] = ()
    #: Walks and globs skip what ``.gitignore`` files and ``.git/info/exclude`` ignore (:mod:`flowlint.gitignore`).
    respect_gitignore: bool = True
    target_version: str | None = None
    error_on: str = "error"
    #: Lowest severity reported: ``"warning"`` (everything) or ``"error"`` (warnings are not shown).
    severity: str = "warning"
    statistics: bool = False
    quiet: bool = False
    show_source: bool = True
    color: str = "auto"
    jobs: int | None = None
    #: Problems reported per file at most, then one FL099 (0: no limit). Equal to flowlint.engine.MAX_PROBLEMS.
    max_problems: int = 1000
    #: The configuration file these settings came from (None: defaults only).
    source: Path | None = field(default=None, compare=False)
    #: Directory that relative patterns are relative to.
    root: Path = field(default_factory=Path.cwd, compare=False)

    def with_overrides(self, **overrides: Any) -> Settings:
        """Command-line values win; ``None`` means the option was not given."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    # -- questions the CLI asks ---------------------------------------------------------------

    def selected(self) -> tuple[str, ...]:
        return self.select + self.extend_select

    def ignored_for(self, path: Path | None) -> tuple[str, ...]:
        """``ignore`` plus the ``per-file-ignores`` whose pattern matches ``path``."""
        extra: list[str] = []
        if path is not None:
            for pattern, codes in self.per_file_ignores:
                if path_matches(path, pattern, root=self.root):
                    extra.extend(codes)
        return self.ignore + tuple(extra)

    def excluded(self, path: Path, *, entry_only: bool = False) -> bool:
        """Whether ``exclude``/``extend-exclude`` match ``path``.

        ``entry_only``: judge only the last component (and the whole relative path), for a directory walk
        that has already pruned the directories above.
        """
        names, paths = _split_patterns(self.exclude + self.extend_exclude)
        if entry_only and not paths:  # the common case, a directory walk: only the entry's name matters
            return _name_test(names)(os.path.basename(path))
        return any(path_matches(path, p, root=self.root, entry_only=entry_only) for p in names + paths)

    def included(self, path: Path) -> bool:
        """Whether ``include``/``extend-include`` match ``path``: its name or a directory's above it (below
        ``root``) for a pattern without ``/``; its path relative to ``root``, or a directory's, for one with."""
        names, paths = _split_patterns(self.include + self.extend_include)
        parts = _relative_parts(path, self.root)
        name_test = _name_test(names)
        if any(name_test(part) for part in parts):
            return True
        return any(fnmatch.fnmatchcase("/".join(parts[:n]), p) for p in paths for n in range(1, len(parts) + 1))

    def name_excluder(self) -> Callable[[str], bool] | None:
        """For a directory walk: whether an entry's name alone excludes it, or None when a pattern with a
        ``/`` needs the entry's path (then ask :meth:`excluded` with ``entry_only``)."""
        names, paths = _split_patterns(self.exclude + self.extend_exclude)
        return None if paths else _name_test(names)


@lru_cache(maxsize=32)
def _split_patterns(patterns: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(patterns matching a name, patterns matching a path), normalised as :func:`path_matches` reads them."""
    cleaned = [p.replace(os.sep, "/").rstrip("/").removeprefix("./") for p in patterns]
    return tuple(p for p in cleaned if "/" not in p), tuple(p for p in cleaned if "/" in p)


@lru_cache(maxsize=32)
def _name_test(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """``any(fnmatchcase(name, p) for p in patterns)`` as one test, asked of every entry of a walk: the names
    without a wildcard (all the defaults) are looked up in a set, the globs are one regular expression."""
    literal = frozenset(p for p in patterns if not _WILDCARD.search(p))
    globs = [p for p in patterns if _WILDCARD.search(p)]
    if not globs:
        return literal.__contains__
    regex = re.compile("|".join(fnmatch.translate(p) for p in globs))

    def test(name: str) -> bool:
        return name in literal or regex.match(name) is not None

    return test


_WILDCARD = re.compile(r"[*?[]")  # what fnmatch reads as a wildcard; any other character matches itself


def path_matches(path: Path, pattern: str, *, root: Path, entry_only: bool = False) -> bool:
    """Whether ``path`` (or a directory above it, below ``root``) matches a pattern (module docstring)."""
    pattern = pattern.replace(os.sep, "/").rstrip("/").removeprefix("./")
    parts = _relative_parts(path, root)
    if not parts:
        return False
    if "/" not in pattern:
        names = parts[-1:] if entry_only else parts
        return any(fnmatch.fnmatchcase(name, pattern) for name in names)
    prefixes = [len(parts)] if entry_only else range(1, len(parts) + 1)
    return any(fnmatch.fnmatchcase("/".join(parts[:n]), pattern) for n in prefixes)


def _relative_parts(path: Path, root: Path) -> list[str]:
    """The components of ``path`` below ``root``; only its name when it is outside. Strings, not ``Path``
    objects: a walk asks this of every file it finds."""
    absolute = os.path.abspath(path)
    top = os.path.abspath(root)
    prefix = top if top.endswith(os.sep) else top + os.sep
    if os.path.normcase(absolute) == os.path.normcase(top):
        return []
    if os.path.normcase(absolute).startswith(os.path.normcase(prefix)):
        return absolute[len(prefix) :].split(os.sep)
    return [os.path.basename(absolute)]  # outside the configured tree: only the name can match


# --------------------------------------------------------------------------------------------------
# Keys and their checks: TOML key -> (Settings field, checker returning (value, problem or None))


def _string_list(value: Any, *, codes: bool = False) -> tuple[tuple[str, ...] | None, str | None]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, "must be a list of strings"
    if codes:
        return _selectors(value)
    return tuple(value), None


def _selectors(value: list[str]) -> tuple[tuple[str, ...] | None, str | None]:
    """Codes, prefixes, ``ALL`` and rule names, as the codes and prefixes they stand for; a renamed code is
    rewritten to its new code, with a note on stderr (:mod:`flowlint.rule_codes`)."""
    from flowlint.rule_codes import SelectorError, note_redirect, resolve_selector

    out: list[str] = []
    for text in value:
        try:
            resolved = resolve_selector(text)
        except SelectorError as exc:
            return None, str(exc)
        note_redirect(resolved.note)
        out.append(resolved.selector)
    return tuple(out), None


def _choice(options: Sequence[str]) -> Any:
    def check(value: Any) -> tuple[Any, str | None]:
        if value not in options:
            return None, f"must be one of {', '.join(repr(o) for o in options)} (got {value!r})"
        return value, None

    return check


def _boolean(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, bool):
        return None, f"must be true or false (got {value!r})"
    return value, None


def _jobs(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None, f"must be a whole number of at least 1 (got {value!r})"
    if value > MAX_JOBS:
        return None, f"must be at most {MAX_JOBS} (got {value!r}); more workers than CPUs are never started anyway"
    return value, None


def _max_problems(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None, f"must be a whole number, 0 for no limit (got {value!r})"
    return value, None


def _version(value: Any) -> tuple[Any, str | None]:
    from flowlint.versions import LATEST, FlowVersion

    if not isinstance(value, str) or FlowVersion.from_text(value) is None:
        return None, f'{value!r} is not a Flow JSON version flowlint knows (e.g. "{LATEST}")'
    return value, None


def _format(value: Any) -> tuple[Any, str | None]:
    from flowlint.reporters import REPORTERS

    checked: tuple[Any, str | None] = _choice(tuple(REPORTERS))(value)
    return checked


def _per_file_ignores(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, dict):
        return None, "must be a table of glob pattern = [rule codes]"
    out: list[tuple[str, tuple[str, ...]]] = []
    for pattern, codes in value.items():
        checked, problem = _string_list(codes, codes=True)
        if problem:
            return None, f"pattern {pattern!r}: {problem}"
        out.append((pattern, checked or ()))
    return tuple(out), None


KEYS: dict[str, tuple[str, Any]] = {
    "format": ("format", _format),
    "select": ("select", lambda v: _string_list(v, codes=True)),
    "ignore": ("ignore", lambda v: _string_list(v, codes=True)),
    "extend-select": ("extend_select", lambda v: _string_list(v, codes=True)),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "exclude": ("exclude", _string_list),
    "extend-exclude": ("extend_exclude", _string_list),
    "force-exclude": ("force_exclude", _boolean),
    "include": ("include", _string_list),
    "extend-include": ("extend_include", _string_list),
    "respect-gitignore": ("respect_gitignore", _boolean),
    "target-version": ("target_version", _version),
    "error-on": ("error_on", _choice(_ERROR_ON)),
    "severity": ("severity", _choice(_SEVERITIES)),
    "statistics": ("statistics", _boolean),
    "quiet": ("quiet", _boolean),
    "show-source": ("show_source", _boolean),
    "color": ("color", _choice(_COLORS)),
    "jobs": ("jobs", _jobs),
    "max-problems": ("max_problems", _max_problems),
}


# --------------------------------------------------------------------------------------------------
# Finding and reading files


def discover(start: Path) -> Path | None:
    """The first configuration file in ``start`` or a directory above it.

    A directory flowlint may not search (no execute permission) is passed over: whether it holds a
    configuration cannot be known, and its files cannot be read either (each is reported when checked).
    """
    directory = Path(os.path.abspath(start))
    if not os.path.isdir(directory):  # os.path's tests answer False on any OSError; Path's raise PermissionError
        directory = directory.parent
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


#: Every way TOML can spell ``tool.flowlint``: a dotted key or header (``[tool.flowlint]``, ``tool.flowlint.x =``,
#: keys quoted or not), a ``[tool]`` table, or an inline ``tool = {...}``. Text with none of them is not parsed.
#: TOML's whitespace is spaces and tabs: ``\s`` after ``^`` also crossed lines, and a file of newlines took
#: quadratic time (40 000: 24 s).
_MAY_HOLD_OUR_TABLE = re.compile(
    r"""["']?tool["']?[ \t]*\.[ \t]*["']?flowlint|^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]|^[ \t]*["']?tool["']?[ \t]*=""",
    re.MULTILINE,
)

#: The largest configuration file read (``flowlint.toml`` is a few hundred bytes; a ``pyproject.toml`` rarely
#: 100 KB): ``--config /dev/zero`` is refused at once instead of filling memory.
MAX_CONFIG_BYTES = 1_048_576


def _read_config(path: Path, shown: str) -> str:
    """The text of a configuration file, read as text mode reads it (universal newlines), at most
    :data:`MAX_CONFIG_BYTES`. Raises :class:`ConfigError` when it cannot be read, is too large or not UTF-8."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    except IsADirectoryError:
        raise ConfigError([(shown, 0, "is a directory, not a configuration file")]) from None
    except OSError as exc:
        raise ConfigError([(shown, 0, exc.strerror or str(exc))]) from None
    if len(data) > MAX_CONFIG_BYTES:
        limit = MAX_CONFIG_BYTES // 1_048_576
        raise ConfigError([(shown, 0, f"is larger than {limit} MB: not a configuration file (not read further)")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError([(shown, 0, "is not UTF-8 text")]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = _read_config(pyproject, str(pyproject))
    except ConfigError:
        return False  # unreadable, too large or not text: not a configuration to use
    if "flowlint" not in text or not _MAY_HOLD_OUR_TABLE.search(text):
        return False  # cheap: most pyproject.toml files never mention us, or only as a dependency
    try:
        data = _parse_toml(text, pyproject)
    except ConfigError:
        return True  # broken, but it is ours to report
    return isinstance(data.get("tool"), dict) and "flowlint" in data["tool"]


def load(path: Path) -> Settings:
    """Read and check one configuration file. Raises :class:`ConfigError` on any problem."""
    shown = _shown(path)
    text = _read_config(path, shown)
    data = _parse_toml(text, Path(shown))
    if path.name == "pyproject.toml":
        table_name = "tool.flowlint"
        tool = data.get("tool", {})
        table = tool.get("flowlint") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError([(shown, 0, "has no [tool.flowlint] table")])
    else:
        table_name = ""
        table = data
    lines = _Lines(text)
    if not isinstance(table, dict):
        raise ConfigError([(shown, lines.of(table_name, None), f"[{table_name}] must be a table")])
    values: dict[str, Any] = {}
    problems: list[tuple[str, int, str]] = []
    where = f"[{table_name}]" if table_name else shown
    for key, value in table.items():
        line = lines.of(table_name, key)
        if key not in KEYS:
            hint = close_matches(key, KEYS, n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            if key == "tool" and not table_name:
                suggestion = f" (in {path.name} the keys go at the top level, without [tool.flowlint])"
            problems.append((shown, line, f"unknown key {key!r} in {where}{suggestion}"))
            continue
        attribute, check = KEYS[key]
        checked, problem = check(value)
        if problem:
            problems.append((shown, line, f"{key}: {problem}"))
        else:
            values[attribute] = checked
    if problems:
        raise ConfigError(problems)
    return Settings(**values, source=path, root=path.parent)


def load_settings(*, config: Path | None, start: Path, isolated: bool = False) -> Settings:
    """The settings of a run: ``--config``, else discovery from ``start``; defaults when nothing is found."""
    if isolated:
        return Settings()
    path = config if config is not None else discover(start)
    return load(path) if path is not None else Settings()


def _shown(path: Path) -> str:
    """A configuration file as error messages name it: relative to the current directory when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(m.group(1)) if m else (text.count("\n") + 1 if "end of document" in message else 0)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise ConfigError([(str(path), line, f"invalid TOML: {message}")]) from None
    except RecursionError:  # tomllib reads arrays and inline tables recursively: `x = [[[[...` 1000 deep
        raise ConfigError([(str(path), 0, "invalid TOML: arrays or tables nest too deeply to be read")]) from None
    except ValueError as exc:  # Python refuses to read an integer of more than 4300 digits
        reason = str(exc).split(":")[0]
        raise ConfigError([(str(path), 0, f"invalid TOML: a value cannot be read ({reason})")]) from None


#: A key at the start of a line (``key =``, ``"key" =``, ``'key' =``); a dotted key is found by its table.
_KEY = LazyPattern(r"""^\s*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')\s*=""")
#: Sub-table depth indexed for :meth:`_Lines.of` (``[tool.flowlint.per-file-ignores]`` is 3).
_HEADER_DEPTH = 8


class _Lines:
    """Where the keys and table headers of a TOML text are (tomllib keeps no positions).

    One scan of the text, then a lookup per key: a file of 20 000 unknown keys was rescanned once per key
    (minutes). Enough for the keys a person writes, and a header line is still a useful answer for the rest.
    """

    def __init__(self, text: str) -> None:
        self._keys: dict[tuple[str, str], int] = {}  # (table, key) -> first line
        self._headers: dict[str, int] = {}  # table -> its (last) header line
        self._under: dict[str, int] = {}  # table -> first header of it or of a table under it
        current = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _table_header(line)
            if header is not None:
                current = _normalise_table(header)
                self._headers[current] = number
                parts = current.split(".", _HEADER_DEPTH)
                for depth in range(1, min(len(parts), _HEADER_DEPTH) + 1):
                    self._under.setdefault(".".join(parts[:depth]), number)
                continue
            m = _KEY.match(line)
            if m:
                name = next(group for group in m.groups() if group is not None)
                self._keys.setdefault((current, name), number)

    def of(self, table: str, key: str | None) -> int:
        """Line of ``key`` in ``[table]`` (``table`` "" is the top level); the table header if not found."""
        if key is not None:
            line = self._keys.get((table, key))
            if line is None:  # a sub-table written as [tool.flowlint.per-file-ignores]
                line = self._under.get(f"{table}.{key}" if table else key)
            if line:
                return line
        return self._headers.get(table, 0)


def _table_header(line: str) -> str | None:
    """The name in a table header line (``[a.b]``, ``[[a.b]]``, a comment after it), else None.

    Read by hand, in linear time: a regular expression with a lazy name (``\\[\\s*(.+?)\\s*\\]``) took minutes
    on one long line of spaces inside a multi-line string.
    """
    text = line.lstrip()
    if not text.startswith("["):
        return None
    start = 2 if text.startswith("[[") else 1
    i = start
    while i < len(text) and text[i] != "]":
        quote = text[i]
        if quote in "\"'":  # a quoted key may hold "]"
            i += 1
            while i < len(text) and text[i] != quote:
                i += 2 if quote == '"' and text[i] == "\\" else 1
        i += 1
    if i >= len(text):
        return None
    name = text[start:i].strip()
    rest = text[i + 1 :].removeprefix("]").lstrip()
    if not name or (rest and not rest.startswith("#")):
        return None
    return name


def _normalise_table(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


# --------------------------------------------------------------------------------------------------
# Printing (``flowlint config``)


def to_toml(settings: Settings) -> str:
    """The effective settings as a ``flowlint.toml`` a user could save."""
    attribute_to_key = {attribute: key for key, (attribute, _check) in KEYS.items()}
    lines: list[str] = []
    tables: list[str] = []
    for f in fields(settings):
        key = attribute_to_key.get(f.name)
        if key is None:
            continue
        value = getattr(settings, f.name)
        if key == "per-file-ignores":
            if value:
                tables.append("")
                tables.append("[per-file-ignores]")
                tables.extend(f"{_toml_value(pattern)} = {_toml_value(list(codes))}" for pattern, codes in value)
            continue
        if value is None:
            lines.append(f"# {key} is not set")
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # TOML takes no raw control character in a string; C1 and bidi controls would reach the terminal.
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return '"' + UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)  # pragma: no cover - Settings holds only the types above
