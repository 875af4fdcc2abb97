"""PATH arguments: files, directories, globs, stdin; and parallel checking that keeps the order."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.config import Settings

from .conftest import FIXTURES, run_cli

CLEAN = (FIXTURES / "clean.json").read_bytes()
ERRORS = (FIXTURES / "errors.json").read_bytes()


def _tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def _files_in(stdout: str) -> list[str]:
    return [entry["file"] for entry in json.loads(stdout)]


def test_a_directory_is_walked_for_json_files_sorted_skipping_default_excludes(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "b.json": CLEAN,
            "a/z.json": CLEAN,
            "a/b/c.JSON": CLEAN,
            "notes.txt": b"not a flow",
            "node_modules/pkg/package.json": b"{}",
            ".git/x.json": b"{}",
            "a-b.json": CLEAN,
        },
    )
    result = run_cli(["--format", "json", "."], cwd=tmp_path)
    assert _files_in(result.stdout) == ["a/b/c.JSON", "a/z.json", "a-b.json", "b.json"]
    assert result.exit_code == 0


def test_globs_are_expanded_by_flowlint(tmp_path: Path) -> None:
    _tree(tmp_path, {"flows/one.json": CLEAN, "flows/sub/two.json": CLEAN, "flows/three.txt": CLEAN})
    assert _files_in(run_cli(["--format", "json", "flows/*.json"], cwd=tmp_path).stdout) == ["flows/one.json"]
    recursive = run_cli(["--format", "json", "flows/**/*.json"], cwd=tmp_path).stdout
    assert _files_in(recursive) == ["flows/one.json", "flows/sub/two.json"]


def test_an_explicit_file_is_checked_whatever_its_name(tmp_path: Path) -> None:
    _tree(tmp_path, {"flow.txt": ERRORS})
    assert run_cli(["flow.txt"], cwd=tmp_path).exit_code == 1


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    _tree(tmp_path, {"f/a.json": CLEAN})
    assert _files_in(run_cli(["--format", "json", "f/a.json", "f", "./f/a.json"], cwd=tmp_path).stdout) == ["f/a.json"]


def test_stdin_with_a_filename_for_reports_and_configuration(tmp_path: Path) -> None:
    _tree(tmp_path, {"flowlint.toml": b'[per-file-ignores]\n"legacy/*" = ["FL004"]\n'})
    plain = run_cli(["--format", "concise", "-q", "-"], cwd=tmp_path, input=ERRORS)
    assert plain.stdout.splitlines()[0].startswith("-:7:7: FL004")
    named = run_cli(["--format", "concise", "-q", "-", "--stdin-filename", "legacy/x.json"], cwd=tmp_path, input=ERRORS)
    assert named.stdout.splitlines() == [named.stdout.splitlines()[0]]
    assert named.stdout.startswith("legacy/x.json:2:14: FL102")
    implicit = run_cli(["--format", "concise", "-q", "--stdin-filename", "y.json"], cwd=tmp_path, input=CLEAN)
    assert (implicit.exit_code, implicit.stdout) == (0, "")


def test_target_version_checks_as_if_the_flow_declared_it(tmp_path: Path) -> None:
    _tree(tmp_path, {"old.json": b'{"version": "3.1", "screens": []}'})
    own = run_cli(["--format", "concise", "-q", "old.json"], cwd=tmp_path).stdout
    assert "FL103" in own
    assert (
        "FL103"
        not in run_cli(["--format", "concise", "-q", "--target-version", "7.3", "old.json"], cwd=tmp_path).stdout
    )


def _two_hundred_flows(root: Path) -> None:
    variants = [
        CLEAN,
        ERRORS,
        b'{"version": "7.3"',
        b"{}",
        b'{"version": "3.0", "screens": [], "screens": []}',
        b"\xff\xfe not utf-8",
        b'[{"version": "7.3"}]',
    ]
    for i in range(200):
        (root / f"group{i % 7}").mkdir(exist_ok=True)
        (root / f"group{i % 7}" / f"flow{i:03}.json").write_bytes(variants[i % len(variants)])


def test_parallel_output_is_the_same_as_serial_on_200_flows(tmp_path: Path) -> None:
    _two_hundred_flows(tmp_path)
    for fmt in ("text", "json", "sarif"):
        serial = run_cli(["--format", fmt, "-j", "1", "."], cwd=tmp_path)
        parallel = run_cli(["--format", fmt, "-j", "2", "."], cwd=tmp_path)
        assert serial.exit_code == parallel.exit_code == 1
        assert parallel.stdout == serial.stdout
    assert len(json.loads(run_cli(["--format", "json", "-j", "2", "."], cwd=tmp_path).stdout)) == 200


def _counted_forks(tmp_path: Path, monkeypatch: object, *, cpus: int) -> tuple[list[int], list[object]]:
    """Two hundred flows to check, ``os.fork`` counted (one entry per worker started), ``cpus`` CPUs."""
    from flowlint.cli import check as cli_check
    from flowlint.cli.inputs import Input

    _two_hundred_flows(tmp_path)
    forks: list[int] = []
    real_fork = os.fork

    def counting_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)  # type: ignore[attr-defined]
    monkeypatch.setattr(cli_check, "default_jobs", lambda: cpus)  # type: ignore[attr-defined]
    return forks, [Input(str(p), p) for p in sorted(tmp_path.rglob("*.json"))]


def test_check_runs_in_worker_processes_when_asked(tmp_path: Path, monkeypatch: object) -> None:
    """-j 2 really forks a worker (and -j 1 does not), so the test above compares two paths."""
    from flowlint.cli import check as cli_check
    from flowlint.config import Settings

    forks, items = _counted_forks(tmp_path, monkeypatch, cpus=4)
    serial = cli_check.check_inputs(items, Settings(jobs=1))
    assert forks == []
    results = cli_check.check_inputs(items, Settings(jobs=3))
    assert forks == [1, 1]  # two children; this process checks the third share
    assert results == serial


def test_no_more_workers_than_cpus_are_started(tmp_path: Path, monkeypatch: object) -> None:
    """Issue 24: `-j 64` on 2 cores started 63 workers."""
    from flowlint.cli import check as cli_check
    from flowlint.config import Settings

    forks, items = _counted_forks(tmp_path, monkeypatch, cpus=2)
    results = cli_check.check_inputs(items, Settings(jobs=64))
    assert forks == [1]  # one child and this process: two CPUs
    assert len(results) == 200


def test_an_absurd_jobs_value_is_refused(tmp_path: Path) -> None:
    from flowlint.config import MAX_JOBS

    (tmp_path / "flow.json").write_bytes(CLEAN)
    result = run_cli(["-j", str(MAX_JOBS + 1), "flow.json"], cwd=tmp_path)
    assert result.exit_code == 2 and "--jobs" in result.stderr
    assert run_cli(["-j", str(MAX_JOBS), "flow.json"], cwd=tmp_path).exit_code == 0


def test_the_process_pool_gives_the_same_results(tmp_path: Path) -> None:
    """The pool is what platforms without a safe fork use (macOS, Windows)."""
    from flowlint.cli import check as cli_check
    from flowlint.config import Settings

    _two_hundred_flows(tmp_path)
    tasks = [cli_check._task(str(p), p, Settings()) for p in sorted(tmp_path.rglob("*.json"))]
    assert cli_check._run_pool(tasks, 2) == cli_check._run(tasks, jobs=1)
    assert [r.path for r in cli_check._run_pool(tasks, 2)] == [str(p) for p in sorted(tmp_path.rglob("*.json"))]


def test_a_worker_that_dies_leaves_an_error_on_its_files_and_no_hang(tmp_path: Path, monkeypatch: object) -> None:
    from flowlint.cli import check as cli_check
    from flowlint.config import Settings

    _two_hundred_flows(tmp_path)
    paths = sorted(tmp_path.rglob("*.json"))
    tasks = [cli_check._task(str(p), p, Settings()) for p in paths]
    parent = os.getpid()
    real = cli_check.lint_task

    def dies_in_a_child(task: cli_check.Task) -> object:
        if os.getpid() != parent:
            os._exit(3)
        return real(task)

    monkeypatch.setattr(cli_check, "lint_task", dies_in_a_child)  # type: ignore[attr-defined]
    results = cli_check._run(tasks, jobs=2)
    assert [r.path for r in results] == [str(p) for p in paths]
    died = [r for r in results if r.error is not None and "worker process" in r.error]
    assert died and len(died) < len(results)  # the child's share; this process checked its own
    assert all("exit status 3" in r.error for r in died)
    assert cli_check.exit_status(results, error_on="error") == cli_check.EXIT_ERROR


def test_default_jobs_stay_serial_for_a_few_small_files_and_go_parallel_for_big_inputs(tmp_path: Path) -> None:
    from flowlint.cli import check as cli_check
    from flowlint.cli.check import PARALLEL_MIN_BYTES, Task

    small = tmp_path / "small.json"
    small.write_bytes(CLEAN)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * PARALLEL_MIN_BYTES + CLEAN)
    task = lambda p: Task(p.name, str(p), None, ("ALL",), ())  # noqa: E731
    assert cli_check._automatic_jobs([task(small), task(small)]) == 1
    assert cli_check._automatic_jobs([task(small), task(big)]) == cli_check.default_jobs()


def test_ctrl_c_during_a_parallel_check_stops_every_worker(tmp_path: Path) -> None:
    """The forked workers ignore Ctrl-C; the main process stops them, and exits 130 without a traceback."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "many-flows-for-ctrl-c"
    folder.mkdir()
    for i in range(8000):
        (folder / f"f{i:04}.json").write_bytes(ERRORS)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR", "FLOWLINT_DEBUG")}
    proc = subprocess.Popen([sys.executable, "-m", "flowlint", "-q", "-j", "2", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    # Interrupt once the worker is forked (two processes name the folder): imports done, checking under way.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        running = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True).stdout.split()
        if len(running) >= 2:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "finished before the interrupt: give the test more files"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    left = subprocess.run(["pgrep", "-f", str(folder)], capture_output=True, text=True).stdout.split()
    assert left == []


# --- the directory walk against the straightforward one -----------------------------------------------------
_NAMES = st.text(alphabet="ab-._J", min_size=1, max_size=4).filter(lambda n: n not in (".", ".."))


def _reference_walk(top: str, config: Settings) -> list[str]:
    """What the walk must list: ``os.walk``, excluded names pruned, then sorted by path components."""
    found = []
    for directory, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if not config.excluded(Path(directory, d), entry_only=True)]
        for name in filenames:
            candidate = os.path.join(directory, name)
            if name.lower().endswith(".json") and not config.excluded(Path(candidate), entry_only=True):
                found.append(os.path.normpath(candidate))
    return sorted(found, key=lambda p: Path(p).parts)


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.lists(_NAMES, min_size=1, max_size=3), st.sampled_from(["file", "dir", "link-dir", "link-file"])),
        max_size=14,
    ),
    exclude=st.lists(st.sampled_from(["a", "b*", "*.json", "J?", "[ab]-", "sub/a", "a.json"]), max_size=2),
)
def test_the_walk_lists_what_os_walk_sorted_by_components_lists(entries: list, exclude: list) -> None:
    import tempfile

    from flowlint.cli.inputs import _walk

    with tempfile.TemporaryDirectory() as tmp:
        top = os.path.join(tmp, "top")
        os.mkdir(top)
        config = Settings(exclude=("node_modules", *exclude), root=Path(top))
        for parts, kind in entries:
            *dirs, name = parts
            parent = os.path.join(top, *dirs)
            try:
                os.makedirs(parent, exist_ok=True)
                target = os.path.join(parent, name + (".json" if kind.endswith("file") else ""))
                if kind == "file":
                    Path(target).write_text("{}")
                elif kind == "dir":
                    os.makedirs(os.path.join(target, "in"), exist_ok=True)
                    Path(target, "in", "x.json").write_text("{}")
                elif kind == "link-dir":
                    os.symlink(top, target)  # a loop if it were followed
                else:
                    os.symlink(os.path.join(top, "missing.json"), target)
            except OSError:  # a name already taken by another kind of entry
                continue
        walked = [item.display for item in _walk(Path(top), config)]
        assert walked == _reference_walk(top, config)


# --- issue 24: globs and odd arguments ---------------------------------------------------------------------


def test_a_recursive_glob_does_not_follow_symbolic_links_to_directories(tmp_path: Path) -> None:
    """Point 5: glob's ``**`` followed a link to ``.``: with one, each file 41 times; with two, no end."""
    _tree(tmp_path, {"g2/ok.json": CLEAN, "g2/sub/two.json": CLEAN})
    os.symlink(".", tmp_path / "g2" / "a")
    expected = ["g2/ok.json", "g2/sub/two.json"]
    assert _files_in(run_cli(["--format", "json", "g2/**/*.json"], cwd=tmp_path).stdout) == expected
    os.symlink(".", tmp_path / "g2" / "b")
    os.symlink("sub", tmp_path / "g2" / "c")
    assert _files_in(run_cli(["--format", "json", "g2/**/*.json"], cwd=tmp_path).stdout) == expected
    assert _files_in(run_cli(["--format", "json", "g2/**"], cwd=tmp_path).stdout) == expected
    # A link named by the pattern's other parts is followed, once, as glob does.
    assert _files_in(run_cli(["--format", "json", "g2/c/*.json"], cwd=tmp_path).stdout) == ["g2/c/two.json"]


_GLOB_PATTERNS = ["**", "**/", "**/*.json", "top/**/*.json", "top/**/a*", "top/*/**/*.json", "top/**/**/*.json",
                  "top/**/in", "top/a*/**", "*/**/x.json"]


@settings(max_examples=60, deadline=None)
@given(
    entries=st.lists(
        st.tuples(st.lists(_NAMES, min_size=1, max_size=3), st.sampled_from(["file", "dir", "link-file"])),
        max_size=14,
    ),
    pattern=st.sampled_from(_GLOB_PATTERNS),
)
def test_the_recursive_glob_matches_what_glob_matches_without_directory_links(entries: list, pattern: str) -> None:
    import glob
    import tempfile

    from flowlint.cli.inputs import _glob

    with tempfile.TemporaryDirectory() as tmp:
        top = os.path.join(tmp, "top")
        os.mkdir(top)
        for parts, kind in entries:
            *dirs, name = parts
            parent = os.path.join(top, *dirs)
            try:
                os.makedirs(parent, exist_ok=True)
                target = os.path.join(parent, name + ".json")
                if kind == "file":
                    Path(target).write_text("{}")
                elif kind == "dir":
                    os.makedirs(os.path.join(parent, name, "in"), exist_ok=True)
                    Path(parent, name, "in", "x.json").write_text("{}")
                else:
                    os.symlink(os.path.join(top, "missing.json"), target)
            except OSError:  # a name already taken by another kind of entry
                continue
        for absolute in (False, True):
            full = os.path.join(glob.escape(tmp), pattern) if absolute else pattern
            old = os.getcwd()
            os.chdir(tmp)
            try:
                assert sorted(set(_glob(full))) == sorted(set(glob.glob(full, recursive=True))), full
            finally:
                os.chdir(old)


def test_an_empty_path_is_refused_not_read_as_the_current_directory(tmp_path: Path) -> None:
    """Point 12: Path("") is ".", so `flowlint ""` (an unset shell variable) checked the whole directory."""
    _tree(tmp_path, {"flow.json": ERRORS, "other.json": CLEAN})
    result = run_cli(["--format", "concise", ""], cwd=tmp_path)
    assert result.exit_code == 2
    assert 'flowlint: error: "": an empty path names no file' in result.stderr
    assert "flow.json" not in result.stdout
    both = run_cli(["--format", "concise", "", "flow.json"], cwd=tmp_path)
    assert both.exit_code == 2 and "flow.json:" in both.stdout
