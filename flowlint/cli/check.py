"""Checking many files: in parallel when there are several, with results in input order.

Kept apart from the click layer so it can be called and tested as plain code: :func:`check_inputs`
returns one :class:`~flowlint.reporters.FileResult` per input; :func:`exit_status` turns them into
0 (clean), 1 (errors, or warnings with ``error-on = "warning"``) or 2 (a file could not be read).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from flowlint.cli.inputs import Input, Problem
from flowlint.config import Settings
from flowlint.escaping import visible
from flowlint.reporters import FileResult, fails

if TYPE_CHECKING:
    from flowlint.diagnostics import Report
    from flowlint.engine import Selection

__all__ = ["Task", "check_inputs", "default_jobs", "exit_status", "keep_severity"]

#: With the default ``jobs``, worker processes start only when the files add up to this much: starting
#: workers (forking, shipping results back) costs tens of milliseconds, more than
#: a few small flows take to check. An explicit ``-j N`` always uses up to N workers. Tune with the benchmarks.
PARALLEL_MIN_BYTES = 128 * 1024

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class Task(NamedTuple):  # not a dataclass: ~0.5 ms less to define at import, in every run
    """What a worker needs to check one file (small and picklable)."""

    display: str
    path: str
    version: str | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    max_problems: int = 1000  # flowlint.engine.MAX_PROBLEMS (not imported here: workers import lazily)


def default_jobs() -> int:
    count = os.process_cpu_count() if hasattr(os, "process_cpu_count") else None  # Python 3.13+
    if count is None and hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    return count or os.cpu_count() or 1


def check_inputs(
    items: Sequence[Input | Problem],
    settings: Settings,
    *,
    read_stdin: Callable[[int], bytes] | None = None,
) -> list[FileResult]:
    """Lint every input; unreadable ones become results with an ``error``. Order is the input order."""
    read_stdin = read_stdin or _read_stdin
    tasks: list[Task] = []
    for item in items:
        if isinstance(item, Input) and item.path is not None:
            tasks.append(_task(item.display, item.path, settings))
    # Checking is CPU work: workers past the CPU count only cost memory (`-j 64` on 2 cores started 63).
    jobs = min(settings.jobs, default_jobs()) if settings.jobs is not None else _automatic_jobs(tasks)
    checked = iter(_run(tasks, jobs=jobs))
    results: list[FileResult] = []
    for item in items:
        if isinstance(item, Problem):
            results.append(FileResult(item.display, error=item.message))
        elif item.path is None:
            results.append(_lint_stdin(item.display, settings, read_stdin))
        else:
            results.append(next(checked))
    return results


def exit_status(results: Sequence[FileResult], *, error_on: str) -> int:
    if any(r.error is not None for r in results):
        return EXIT_ERROR
    if any(fails(d, error_on) for r in results for d in r.diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def keep_severity(results: Sequence[FileResult], severity: str) -> list[FileResult]:
    """Drop the warnings when only errors are to be reported (``severity = "error"``)."""
    if severity != "error":
        return list(results)
    out = []
    for result in results:
        report = result.report
        if report is not None and any(d.severity != "error" for d in report.diagnostics):
            kept = [d for d in report.diagnostics if d.severity == "error"]
            result = replace(result, report=replace(report, diagnostics=kept))
        out.append(result)
    return out


def _automatic_jobs(tasks: Sequence[Task]) -> int:
    total = 0
    for task in tasks:
        try:
            total += os.stat(task.path).st_size
        except OSError:
            continue  # reported when the file is read
        if total >= PARALLEL_MIN_BYTES:
            return default_jobs()
    return 1


def _task(display: str, path: Path, settings: Settings) -> Task:
    return Task(
        display,
        os.fspath(path),
        settings.target_version,
        settings.selected(),
        settings.ignored_for(path),
        settings.max_problems,
    )


def _run(tasks: list[Task], *, jobs: int) -> list[FileResult]:
    workers = min(jobs, len(tasks))
    if workers <= 1:
        return [lint_task(task) for task in tasks]
    if sys.platform == "linux":
        return _run_forked(tasks, workers)
    return _run_pool(tasks, workers)


def _run_forked(tasks: list[Task], workers: int) -> list[FileResult]:
    """``workers`` processes: this one and ``workers - 1`` forked children, each checking its share.

    Shares are dealt from the largest file down, in turn, so they take about the same time. This process
    checks its first file before forking: the children start with the checks imported and the schema built
    (copy-on-write), and no process sits idle waiting for the others. Each child sends its results back
    pickled through a pipe, when it is done. A child that dies without answering (killed, out of memory)
    leaves an error on each of its files, never a hang or a missing result. Measured against a process pool
    on 1 000 files: ~4% faster (a pool starts its workers cold, and its parent only waits).
    """
    import gc
    import pickle

    def size(i: int) -> int:
        try:
            return os.stat(tasks[i].path).st_size
        except OSError:
            return 0

    order = sorted(range(len(tasks)), key=size, reverse=True)
    shares = [order[k::workers] for k in range(workers)]
    results: dict[int, FileResult] = {shares[0][0]: lint_task(tasks[shares[0][0]])}
    children: list[tuple[int, int, list[int]]] = []
    # Python's advice for fork: objects the children inherit are moved out of the collector's reach, so a
    # child's collections do not touch (and copy) the pages it shares with this process. Undone here below.
    gc.freeze()
    try:
        for share in shares[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: check, answer, and leave without running the parent's exit code
                status = 1
                try:
                    os.close(read_end)
                    _worker_ignores_ctrl_c()
                    answer = pickle.dumps([(i, lint_task(tasks[i])) for i in share])
                    with os.fdopen(write_end, "wb") as pipe:
                        pipe.write(answer)
                    status = 0
                finally:
                    os._exit(status)
            os.close(write_end)
            children.append((pid, read_end, share))
        gc.unfreeze()
        for i in shares[0][1:]:
            results[i] = lint_task(tasks[i])
        for pid, read_end, share in children:
            results.update(_collect(pid, read_end, share, tasks))
    except BaseException:  # Ctrl-C: stop the children instead of waiting for them
        import signal

        gc.unfreeze()
        for pid, _, _ in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
        raise
    return [results[i] for i in range(len(tasks))]


def _collect(pid: int, read_end: int, share: list[int], tasks: list[Task]) -> dict[int, FileResult]:
    """One child's results; an error on each of its files if it died without answering."""
    import pickle

    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        return dict(pickle.loads(data))
    except Exception:  # noqa: BLE001 - nothing, or half an answer: the child died
        how = f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit status {os.WEXITSTATUS(status)}"
        message = f"the worker process checking this file died ({how}); check it again with -j 1"
        return {i: FileResult(tasks[i].display, error=message) for i in share}


def _run_pool(tasks: list[Task], workers: int) -> list[FileResult]:
    """A process pool, with the platform's way of starting processes (where ``fork`` is not the default or not
    safe: macOS, Windows)."""
    from concurrent.futures import ProcessPoolExecutor

    chunksize = max(1, min(16, len(tasks) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_ignores_ctrl_c)
    try:
        results = list(pool.map(lint_task, tasks, chunksize=chunksize))
    except BaseException:  # Ctrl-C: drop the queued work instead of waiting for it
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _worker_ignores_ctrl_c() -> None:
    """Ctrl-C is the parent's to handle: workers would each print a KeyboardInterrupt traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def lint_task(task: Task) -> FileResult:
    """Check one file. Never raises: a read error, or a crash of a check, becomes the result's ``error``.

    Reading is ``lint_file``'s, so the engine's limits apply (a huge file or an endless device is not
    read into memory).
    """
    from flowlint.engine import Selection, lint_file

    selection = Selection(task.select, task.ignore)

    def check() -> Report:
        report = lint_file(task.path, version=task.version, selection=selection, max_problems=task.max_problems)
        if report.value is None:  # not read as a flow: maybe a request body, over the flow's limit but not its own
            request = _large_request(_read_large_file(task.path), report.filename, selection, task.max_problems)
            if request is not None:
                return request
        return _as_request_if_one(report, selection, task.max_problems)

    return _guarded(task.display, check)


def _read_large_file(path: str) -> bytes | None:
    """The whole file when it is a regular file over the Flow JSON limit (10 MB) and within the request body
    limit (20 MB + 64 KB); else None. A stream is not read again: it was read once, as a flow."""
    import stat

    from flowlint.request import MAX_REQUEST_BYTES
    from flowlint.source import MAX_BYTES

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or not MAX_BYTES < info.st_size <= MAX_REQUEST_BYTES:
            return None
        with open(path, "rb") as file:
            data = file.read(MAX_REQUEST_BYTES + 1)
    except OSError:  # gone since it was read: the report on what was read stands
        return None
    return data if MAX_BYTES < len(data) <= MAX_REQUEST_BYTES else None


def _large_request(data: bytes | None, filename: str | None, selection: Selection, max_problems: int) -> Report | None:
    """``data`` checked as a Create Flow request body when it is one (issue 24: a valid 14 MB body whose
    ``flowJson`` is 7 MB is no Flow JSON over 10 MB: the 10 MB limit belongs to the flow), else None."""
    if data is None:
        return None
    import json

    from flowlint.request import check_create_request, looks_like_create_request

    try:
        value = json.loads(data)
    except (ValueError, RecursionError):  # not JSON (UnicodeDecodeError is a ValueError): FL006 stands
        return None
    if not looks_like_create_request(value):
        return None
    request = check_create_request(data, filename=filename, max_problems=max_problems).file_report()
    return replace(request, diagnostics=[d for d in request.diagnostics if selection.allows(d.rule)])


def _as_request_if_one(report: Report, selection: Selection, max_problems: int = 1000) -> Report:
    """A file that is a Create Flow request body rather than a flow is checked as one (issue 7: detected
    automatically), with every finding at its place in the request file; otherwise ``report`` as is.

    Detection (:func:`flowlint.request.looks_like_create_request`) looks only at the top-level keys: no
    ``version`` or ``screens``, and ``flowJson`` (or ``name`` with ``categories``). A flow never matches.
    """
    value = report.value
    if not isinstance(value, dict) or "screens" in value or "version" in value:
        return report  # the common case, decided without importing the request module
    from flowlint.request import check_create_request, looks_like_create_request

    if not looks_like_create_request(value) or report.source is None:
        return report
    request = check_create_request(report.source, filename=report.filename, max_problems=max_problems).file_report()
    return replace(request, diagnostics=[d for d in request.diagnostics if selection.allows(d.rule)])


def _read_stdin(limit: int) -> bytes:
    if sys.stdin is None:  # started with standard input closed (`flowlint - <&-`)
        raise OSError(errno.EBADF, "standard input is closed")
    return sys.stdin.buffer.read(limit)


def _lint_stdin(display: str, settings: Settings, read_stdin: Callable[[int], bytes]) -> FileResult:
    from flowlint.engine import Selection, lint
    from flowlint.source import MAX_BYTES

    from flowlint.request import MAX_REQUEST_BYTES

    try:
        data = read_stdin(MAX_BYTES + 1)  # one byte more than the limit is enough to report it
        if len(data) > MAX_BYTES:  # past the flow's limit: perhaps a request body, whose limit is its own
            data += read_stdin(MAX_REQUEST_BYTES + 1 - len(data))
    except OSError as exc:
        return FileResult(display, error=exc.strerror or str(exc))
    path = Path(display) if display != "-" else None
    selection = Selection(settings.selected(), settings.ignored_for(path))
    version = settings.target_version
    # More than the limit was there to read: how much more is not known past the request limit.
    total_size = None if len(data) <= MAX_BYTES else len(data) if len(data) <= MAX_REQUEST_BYTES else -1
    large = data if MAX_BYTES < len(data) <= MAX_REQUEST_BYTES else None

    def check() -> Report:
        request = _large_request(large, display, selection, settings.max_problems)
        if request is not None:
            return request
        report = lint(
            data[: MAX_BYTES + 1],
            version=version,
            filename=display,
            selection=selection,
            max_problems=settings.max_problems,
            total_size=total_size,
        )
        return _as_request_if_one(report, selection, settings.max_problems)

    return _guarded(display, check)


def _guarded(display: str, check: Callable[[], Report]) -> FileResult:
    try:
        report = check()
    except IsADirectoryError:
        return FileResult(display, error="is a directory, not a file")
    except OSError as exc:
        return FileResult(display, error=exc.strerror or str(exc))
    except Exception as exc:  # a bug in a check must not hide the other files' results
        if os.environ.get("FLOWLINT_DEBUG"):
            raise
        return FileResult(
            display, error=f"flowlint failed on this file ({type(exc).__name__}: {exc}); please report it"
        )
    # Reporters need neither the parsed value nor, for a clean file, the text: do not pickle them back
    # from a worker.
    return FileResult(display, replace(report, value=None, source=report.source if report.diagnostics else None))


# --- --fix, --unsafe-fixes, --diff --------------------------------------------------------------------------------


#: flowlint.fixes.MAX_PASSES (not imported here: a plain check does not load the fixes).
MAX_FIX_PASSES = 10


class FixMode(NamedTuple):
    """What ``check`` does with fixes: ``diff`` prints them (and writes nothing), otherwise they are written;
    ``unsafe`` takes the unsafe fixes too."""

    unsafe: bool = False
    diff: bool = False


class FileFix(NamedTuple):
    """One input after fixing: its result (the lint of the fixed text), the texts before and after, and how many
    findings were fixed; ``note`` says why a file was left alone."""

    result: FileResult
    before: str | None = None
    after: str | None = None
    fixed: int = 0
    note: str | None = None


class FixOutcome(NamedTuple):
    files: list[FileFix]
    #: ``--fix`` on standard input: the fixed text, for standard output (ruff does the same).
    stdout: str | None = None

    @property
    def results(self) -> list[FileResult]:
        return [f.result for f in self.files]

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)

    @property
    def changed_files(self) -> int:
        return sum(1 for f in self.files if f.fixed)

    def diff(self) -> str:
        return "".join(unified_diff(f.before, f.after, f.result.path) for f in self.files
                       if f.before is not None and f.after is not None and f.before != f.after)

    def summary(self, *, diff: bool) -> str:
        remaining = sum(len(r.diagnostics) for r in self.results)
        files = _plural(self.changed_files, "file")
        if diff:
            return f"flowlint: would fix {_plural(self.fixed, 'finding')} in {files} ({remaining} would remain)."
        return f"flowlint: fixed {_plural(self.fixed, 'finding')} in {files} ({remaining} remaining)."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of one file (``--- a/NAME``/``+++ b/NAME``); line ends kept as they are."""
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def fix_inputs(
    items: Sequence[Input | Problem],
    settings: Settings,
    mode: FixMode,
    *,
    read_stdin: Callable[[int], bytes] | None = None,
) -> FixOutcome:
    """Fix every input (sequentially: writing files is the slow part), in input order. Files are written only
    when ``mode.diff`` is false, each atomically (:func:`write_atomically`)."""
    read_stdin = read_stdin or _read_stdin
    files: list[FileFix] = []
    stdout: str | None = None
    for item in items:
        if isinstance(item, Problem):
            files.append(FileFix(FileResult(item.display, error=item.message)))
            continue
        if item.path is None:
            from flowlint.source import MAX_BYTES

            try:
                data = read_stdin(MAX_BYTES + 1)
            except OSError as exc:
                files.append(FileFix(FileResult(item.display, error=exc.strerror or str(exc))))
                continue
            done = _fix_data(item.display, data, settings, mode, Path(item.display) if item.display != "-" else None)
            if not mode.diff:
                stdout = done.after if done.after is not None else _decoded(data)
            files.append(done)
            continue
        files.append(_fix_file(item.display, item.path, settings, mode))
    return FixOutcome(files, stdout)


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _fix_file(display: str, path: Path, settings: Settings, mode: FixMode) -> FileFix:
    from flowlint.source import MAX_BYTES

    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        return FileFix(FileResult(display, error="is a directory, not a file"))
    except OSError as exc:
        return FileFix(FileResult(display, error=exc.strerror or str(exc)))
    done = _fix_data(display, data, settings, mode, path)
    if mode.diff or not done.fixed or done.after is None:
        return done
    try:
        write_atomically(path, _encoded(done.after, data))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        error = f"cannot write the fixed file ({reason}); nothing was changed"
        original = _fix_data(display, data, settings, mode._replace(diff=True), path, fix=False)
        return done._replace(result=FileResult(display, original.result.report, error=error), fixed=0,
                             after=done.before)
    return done


_BOM = b"\xef\xbb\xbf"


def _encoded(text: str, original: bytes) -> bytes:
    """The fixed text as bytes, with the original's byte-order mark if it had one."""
    return (_BOM if original.startswith(_BOM) else b"") + text.encode("utf-8", "surrogatepass")


def _fix_data(display: str, data: bytes, settings: Settings, mode: FixMode, path: Path | None, *,
              fix: bool = True) -> FileFix:
    """Lint ``data`` and fix it in memory (``fix=False``: only lint it, as the fixing would). A document that
    cannot be parsed, is too large, or is a Create Flow request body is left alone, with a note that says why."""
    from flowlint.engine import Selection, lint
    from flowlint.fixes import fix_text
    from flowlint.source import MAX_BYTES, decode

    selection = Selection(settings.selected(), settings.ignored_for(path))

    def plain() -> FileResult:
        return _guarded(display, lambda: lint(data, version=settings.target_version, filename=display,
                                               selection=selection, max_problems=settings.max_problems))

    if len(data) > MAX_BYTES:
        return FileFix(plain(), note="not fixed: the file is over the 10 MB limit of Flow JSON")
    text, _, problem = decode(data)
    if problem is not None:
        return FileFix(plain(), note="not fixed: the file is not valid UTF-8")
    try:
        done = fix_text(text, unsafe=mode.unsafe, version=settings.target_version, selection=selection,
                        max_passes=MAX_FIX_PASSES if fix else 0)
    except Exception as exc:  # noqa: BLE001 - a bug in a fix must not lose the other files
        if os.environ.get("FLOWLINT_DEBUG"):
            raise
        return FileFix(plain(), note=f"not fixed: flowlint failed while fixing ({type(exc).__name__}: {exc})")
    report = done.report
    value = report.value
    if not isinstance(value, dict):
        syntax = report.diagnostics[0] if report.diagnostics else None
        where = f" (line {syntax.span.line_start}, column {syntax.span.column_start})" if syntax and syntax.span else ""
        if value is None:
            return FileFix(plain(), note=f"not fixed: the file has a syntax error{where}; correct it first")
        return FileFix(plain(), note="not fixed: the document is not a JSON object")
    if "screens" not in value and "version" not in value:
        from flowlint.request import looks_like_create_request

        if looks_like_create_request(value):
            return FileFix(_guarded(display, lambda: _as_request_if_one(
                lint(data, filename=display, selection=selection), selection, settings.max_problems)),
                note="not fixed: Create Flow request bodies are checked, not fixed")
    from flowlint.engine import cap

    if data.startswith(_BOM):  # the fixed text was linted without its byte-order mark: lint what is written
        report = lint(_encoded(done.text, data), version=settings.target_version, selection=selection,
                      max_problems=None)
    report = replace(report, filename=display, diagnostics=cap(report.diagnostics, settings.max_problems),
                     value=None, source=report.source if report.diagnostics else None)
    return FileFix(FileResult(display, report), before=text, after=done.text, fixed=done.fixed)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` (through a symbolic link: its target) by ``data`` in one step: a temporary
    file in the same directory, flushed to disk, given the file's mode, then renamed over it. A crash leaves the
    old file or the new one, never half of one. A file that may not be written (read-only) is refused, though
    the directory would allow the rename: the user asked for it to be left alone."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(target).st_mode)
    # No write bit at all is "read-only" even for root, whom os.access always allows.
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(path))
    directory, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".flowlint-tmp", dir=directory or ".")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def run_fixes(items: Sequence[Input | Problem], settings: Settings, options: dict[str, object], *,
              render_options: object) -> None:
    """``check --fix/--unsafe-fixes/--diff``: fix, print, and end the process with the exit status.

    ``--diff`` prints the diffs only (exit 1 when there is something to fix, as ruff does); ``--fix`` writes the
    files and prints the report of what remains (standard input: the fixed text on standard output, the report on
    standard error). A closing line on standard error counts the findings fixed and those that remain."""
    from flowlint.cli import _format_name, emit, fail, write_or_quit
    from flowlint.reporters import get_reporter

    if options.get("unsafe_fixes") and not (options.get("fix") or options.get("diff")):
        fail("--unsafe-fixes only says which fixes --fix or --diff take: add one of them")
        sys.exit(EXIT_ERROR)
    mode = FixMode(unsafe=bool(options.get("unsafe_fixes")), diff=bool(options.get("diff")))
    try:
        outcome = fix_inputs(items, settings, mode)
    except KeyboardInterrupt:
        emit("\n", err=True)
        sys.exit(130)
    for done in outcome.files:
        if done.result.error is not None:
            fail(f"{done.result.path}: {done.result.error}")
        if done.note is not None:
            emit(f"flowlint: {visible(str(done.result.path))}: {visible(done.note)}\n", err=True)
    results = keep_severity(outcome.results, settings.severity)
    if mode.diff:
        status = EXIT_ERROR if any(r.error is not None for r in results) else EXIT_FINDINGS if outcome.fixed else EXIT_CLEAN
        if not settings.quiet:
            emit(outcome.summary(diff=True) + "\n", err=True)
        write_or_quit(outcome.diff(), status)
        sys.exit(status)
    text = get_reporter(_format_name(settings))(results, render_options)  # type: ignore[arg-type]
    status = exit_status(results, error_on=settings.error_on)
    if outcome.stdout is not None:
        emit(text, err=True)
        write_or_quit(outcome.stdout, status)
    else:
        write_or_quit(text, status)
    if not settings.quiet:
        emit(outcome.summary(diff=False) + "\n", err=True)
    sys.exit(status)
