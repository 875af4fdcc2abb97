"""PATH arguments: files, directories, globs, stdin; and parallel checking that keeps the order."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_check_runs_in_worker_processes_when_asked(tmp_path: Path, monkeypatch: object) -> None:
    """-j 2 really uses a process pool (and -j 1 does not), so the test above compares two paths."""
    import concurrent.futures

    from flowlint import cli_check
    from flowlint.cli_inputs import Input
    from flowlint.config import Settings

    _two_hundred_flows(tmp_path)
    pools: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class CountingPool(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountingPool)  # type: ignore[attr-defined]
    items = [Input(str(p), p) for p in sorted(tmp_path.rglob("*.json"))]
    cli_check.check_inputs(items, Settings(jobs=1))
    assert pools == []
    results = cli_check.check_inputs(items, Settings(jobs=2))
    assert pools == [1]
    assert [r.path for r in results] == [i.display for i in items]


def test_default_jobs_stay_serial_for_a_few_small_files_and_go_parallel_for_big_inputs(tmp_path: Path) -> None:
    from flowlint import cli_check
    from flowlint.cli_check import PARALLEL_MIN_BYTES, Task

    small = tmp_path / "small.json"
    small.write_bytes(CLEAN)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * PARALLEL_MIN_BYTES + CLEAN)
    task = lambda p: Task(p.name, str(p), None, ("ALL",), ())  # noqa: E731
    assert cli_check._automatic_jobs([task(small), task(small)]) == 1
    assert cli_check._automatic_jobs([task(small), task(big)]) == cli_check.default_jobs()
