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

from flowlint.cli_inputs import Input, Problem
from flowlint.config import Settings
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
