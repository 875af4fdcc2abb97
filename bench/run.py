"""flowlint's benchmark: is a clean flow proven in a few times ``json.loads``, are errors explained at parser speed?

``python bench/run.py`` generates its inputs (seeded, into ``bench/out/``), measures everything in one run,
writes ``bench/RESULTS.md`` and exits 1 if a target is missed. ``--quick`` runs the same steps on small inputs
with few repeats and judges nothing (a smoke test). ``--record-before`` saves the table as the "before"
figures (``bench/before.md``) that later runs show next to theirs. No network.

Every figure is a median of repeated runs; in-process figures are taken after one warm-up call (compiled
schemas and parsers are cached per process, as in a long-running ``flowlint serve`` or ``-j`` worker);
whole-process figures include interpreter start-up and imports, as a user sees them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402

KB = 1000
MB = 1000 * KB
#: Sizes of the single-flow measurements; the largest stays under Meta's 10 MB (10 * 1,048,576 bytes) limit.
SIZES = {"10KB": 10 * KB, "100KB": 100 * KB, "1MB": 1 * MB, "9.5MB": 9_500_000}
QUICK_SIZES = {"10KB": 10 * KB, "30KB": 30 * KB}
VARIANTS = ("clean", "schema-errors", "rule-errors")


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    status: str = ""  # PASS, MISS, or "" (information)
    note: str = ""


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``fn`` (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("FLOWLINT_DEBUG", None)
    env["NO_COLOR"] = "1"
    return env


def process_time(cmd: list[str], repeat: int, *, ok: tuple[int, ...] = (0, 1)) -> float:
    """Median wall seconds of a whole process (one warm-up run fills the OS file cache)."""
    return statistics.median([_timed_run(cmd, ok=ok) for _ in range(repeat + 1)][1:])


def _timed_run(cmd: list[str], *, ok: tuple[int, ...] = (0,)) -> float:
    """Wall seconds of one run of ``cmd``, whose exit status must be one of ``ok``."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=run_env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def peak_rss(cmd: list[str]) -> int:
    """Peak resident memory (bytes) of one run of ``cmd``, measured in a fresh parent of its own."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], env=run_env(), cwd=ROOT, capture_output=True, text=True)
    return int(out.stdout.strip()) * 1024  # ru_maxrss is in KiB on Linux


#: ``python -m flowlint ARGS``, except that ``importlib.import_module`` goes through the ``import`` statement's
#: machinery: ``-X importtime`` times only that, and flowlint loads its check stages and rule modules with
#: ``import_module`` (a count without this missed ~10 ms of them). Nothing else is imported.
_MAIN_COUNTING_EVERY_IMPORT = (
    "import importlib, sys\n"
    "def _import_module(name, package=None):\n"
    "    if package is not None or name.startswith('.'):\n"
    "        return _standard(name, package)\n"
    "    __import__(name)\n"
    "    return sys.modules[name]\n"
    "_standard, importlib.import_module = importlib.import_module, _import_module\n"
    "sys.argv[0] = 'flowlint'\n"
    "from flowlint.cli import main\n"
    "main()\n"
)


def _counting_every_import(args: list[str]) -> list[str]:
    """``-m flowlint ARGS`` as a command whose every import ``-X importtime`` sees."""
    return ["-c", _MAIN_COUNTING_EVERY_IMPORT, *args[2:]] if args[:2] == ["-m", "flowlint"] else args


def import_time_ms(args: list[str], repeat: int) -> float:
    """Median total import time (ms) of ``python -X importtime ARGS``, less what the bare interpreter imports."""
    args = _counting_every_import(args)

    def top_level(argv: list[str]) -> dict[str, int]:
        err = subprocess.run([sys.executable, "-X", "importtime", *argv], env=run_env(), cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
        found: dict[str, int] = {}
        for line in err.splitlines():
            m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\S.*)$", line)  # no indent: a top-level import
            if m:
                found[m.group(3).strip()] = int(m.group(2))
        return found

    startup = set(top_level(["-c", "pass"]))
    totals = []
    for _ in range(repeat):
        entries = top_level(args)
        totals.append(sum(us for name, us in entries.items() if name not in startup) / 1000)
    return statistics.median(totals)


def top_imports(args: list[str], count: int = 8) -> list[tuple[str, float]]:
    args = _counting_every_import(args)
    err = subprocess.run([sys.executable, "-X", "importtime", *args], env=run_env(), cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
    found = []
    for line in err.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\S.*)$", line)
        if m:
            found.append((m.group(3).strip(), int(m.group(2)) / 1000))
    return sorted(found, key=lambda x: -x[1])[:count]


def machine_parallelism() -> float:
    """How much faster two CPU-bound processes finish side by side than one after the other, right now.

    About 1.9 on an idle 2-core machine; about 1.0 when another process keeps one core busy. Reported next to
    the ``-j 2`` figure, which cannot beat it.
    """
    burn = [sys.executable, "-c", "s = 0\nfor i in range(4_000_000): s += i * i"]
    start = time.perf_counter()
    for _ in range(2):
        subprocess.run(burn, check=True)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    running = [subprocess.Popen(burn) for _ in range(2)]
    for proc in running:
        proc.wait()
    return serial / (time.perf_counter() - start)


def find_check_jsonschema() -> str | None:
    for candidate in (BENCH / ".venv" / "bin" / "check-jsonschema", ROOT / ".venv" / "bin" / "check-jsonschema"):
        if candidate.exists():
            return str(candidate)
    return shutil.which("check-jsonschema")


# --- inputs ------------------------------------------------------------------------------------------------


def make_inputs(out: Path, sizes: dict[str, int], corpus_count: int) -> dict[str, Any]:
    """Generate every input into ``out`` (deterministic: same seed, same bytes)."""
    flows = out / "flows"
    flows.mkdir(parents=True, exist_ok=True)
    files: dict[tuple[str, str], Path] = {}
    for label, size in sizes.items():
        clean = generate.sized_flow(size, seed=size)
        docs = {
            "clean": clean,
            "schema-errors": generate.with_schema_errors(clean),
            "rule-errors": generate.with_rule_errors(clean),
        }
        for variant, doc in docs.items():
            path = flows / f"{label}-{variant}.json"
            path.write_text(generate.dump(doc), encoding="utf-8")
            files[(label, variant)] = path
    top = list(sizes)[-1]
    warnings = flows / f"{top}-warnings.json"
    clean_top = json.loads(files[(top, "clean")].read_text(encoding="utf-8"))
    warnings.write_text(generate.dump(generate.with_docs_warnings(clean_top)), encoding="utf-8")
    small = flows / "20KB-clean.json"
    small.write_text(generate.dump(generate.sized_flow(20 * KB, seed=20)), encoding="utf-8")
    small_errors = flows / "20KB-rule-errors.json"
    small_errors.write_text(generate.dump(generate.with_rule_errors(generate.sized_flow(20 * KB, seed=20))),
                            encoding="utf-8")
    corpus = out / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    generate.write_corpus(corpus, corpus_count)
    schema = out / "flow-json-7.3.schema.json"
    done = subprocess.run([sys.executable, "-m", "flowlint", "schema", "7.3"], env=run_env(), cwd=ROOT,
                          capture_output=True, check=True)
    schema.write_bytes(done.stdout)
    return {"files": files, "small": small, "small_errors": small_errors, "corpus": corpus, "schema": schema,
            "warnings": warnings}


# --- the measurements --------------------------------------------------------------------------------------


def judge(value: float, limit: float, *, at_least: bool = False) -> str:
    return "PASS" if (value >= limit if at_least else value <= limit) else "MISS"


def measure(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    import flowlint
    from flowlint.source import _lark_parse

    quick = args.quick
    # As installed (pip compiles bytecode): without it every process would compile flowlint's source,
    # and PYTHONDONTWRITEBYTECODE, if set, would keep it so. check-jsonschema's venv has its bytecode.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "flowlint")], check=True,
                   stdout=subprocess.DEVNULL)
    sizes = QUICK_SIZES if quick else SIZES
    out = Path(args.out_dir) if args.out_dir else BENCH / "out"
    inputs = make_inputs(out, sizes, 10 if quick else 1000)
    rows: list[Row] = []
    facts: dict[str, Any] = {}
    judged = not quick

    def reps(size: int) -> int:
        if quick:
            return 1
        return 30 if size <= 20 * KB else 15 if size <= 200 * KB else 5 if size <= 2 * MB else 3

    # 1. In process ---------------------------------------------------------------------------------------
    per_mb: dict[tuple[str, str], float] = {}
    for label in sizes:
        for variant in VARIANTS:
            path = inputs["files"][(label, variant)]
            text = path.read_text(encoding="utf-8")
            size = len(text.encode())
            report = flowlint.lint(text)
            errors = sum(1 for d in report.diagnostics if d.severity == "error")
            if variant == "clean" and report.diagnostics:
                raise SystemExit(f"{path}: the clean flow has findings: {[d.rule for d in report.diagnostics]}")
            t_lint = median_time(lambda: flowlint.lint(text), reps(size))
            t_json = median_time(lambda: json.loads(text), max(reps(size), 5))
            per_mb[(label, variant)] = t_lint / (size / MB)
            facts[(label, variant)] = {"size": size, "errors": errors, "lint": t_lint, "json": t_json}
            line = f"lint, {label} {variant} ({size / KB:,.0f} KB, {errors} errors)"
            if variant == "clean":
                ratio = t_lint / t_json
                target = label == "100KB" and judged
                rows.append(Row(f"{line} / json.loads", f"{ms(t_lint)} / {ms(t_json)} = {ratio:.1f}x",
                                "<= 10x" if target else "", judge(ratio, 10) if target else ""))
            else:
                if (label, "lark") not in facts:
                    facts[(label, "lark")] = median_time(lambda: _lark_parse(text), reps(size))
                t_lark = facts[(label, "lark")]
                ratio = t_lint / t_lark
                target = label == "100KB" and judged
                rows.append(Row(f"{line} / lark parse alone", f"{ms(t_lint)} / {ms(t_lark)} = {ratio:.2f}x",
                                "<= 1.5x" if target else "", judge(ratio, 1.5) if target else "",
                                f"json.loads {ms(t_json)}; lint = {t_lint / t_json:.0f}x json.loads"))

    # Only warnings (docs limits), at the largest size: reported, so every warning is located; no error.
    top_label = list(sizes)[-1]
    text = inputs["warnings"].read_text(encoding="utf-8")
    report = flowlint.lint(text)
    if any(d.severity == "error" for d in report.diagnostics) or not report.diagnostics:
        raise SystemExit(f"{inputs['warnings']}: expected warnings only, got {[d.rule for d in report.diagnostics]}")
    t_warn = median_time(lambda: flowlint.lint(text), reps(len(text.encode())))
    t_clean = facts[(top_label, "clean")]["lint"]
    rows.append(Row(f"lint, {top_label} with {len(report.diagnostics)} warnings and no error / the clean flow",
                    f"{ms(t_warn)} / {ms(t_clean)} = {t_warn / t_clean:.2f}x", "", "",
                    "every warning located without parsing the file again with lark"))

    # 2. Linear growth ---------------------------------------------------------------------------------------
    labels = list(sizes)
    base, top = ("100KB", "9.5MB") if not quick else (labels[0], labels[-1])
    for variant in VARIANTS:
        ratio = per_mb[(top, variant)] / per_mb[(base, variant)]
        rows.append(Row(f"time per MB, {variant}: {top} / {base}",
                        f"{ms(per_mb[(top, variant)])}/MB / {ms(per_mb[(base, variant)])}/MB = {ratio:.2f}x",
                        "<= 1.5x" if judged else "", judge(ratio, 1.5) if judged else ""))

    # 2b. Many errors: one misspelt component repeated (issue 18: linear in the errors, 24 000 in < 3 s) -----
    counts = (100, 1000) if quick else (100, 1000, 5000, 20000, 24000)
    per_error: dict[int, float] = {}
    for n in counts:
        text = many_typos(n)
        report = flowlint.lint(text, max_problems=0)
        places = sum(len(d.pointers) for d in report.diagnostics if d.severity == "error")
        if places != n:
            raise SystemExit(f"many errors: expected {n} places, got {places}")
        t_many = median_time(lambda: flowlint.lint(text, max_problems=0), 1 if quick or n >= 5000 else 3)
        per_error[n] = t_many / n
        is_goal = n == 24000 and judged
        rows.append(Row(f"lint, {n:,} misspelt components (one error at {n:,} places)",
                        f"{ms(t_many)} ({ms(t_many / n)} per error)", "< 3 s" if is_goal else "",
                        judge(t_many, 3.0) if is_goal else ""))
    low, high = counts[0], counts[-2] if not quick else counts[-1]
    flat = per_error[high] / per_error[low]
    rows.append(Row(f"time per error: {high:,} / {low:,} errors",
                    f"{ms(per_error[high])} / {ms(per_error[low])} = {flat:.2f}x", "<= 1.5x" if judged else "",
                    judge(flat, 1.5) if judged else ""))

    # 2c. The screen graph: 500 screens drawn in under a second (issue 23) ------------------------------------
    from flowlint.screen_graph import build_graph
    from flowlint.screen_graph_render import to_mermaid

    screens = 100 if quick else 500
    graph_text = generate.dump(generate.many_screens_flow(screens))
    graph_file = out / f"{screens}-screens.json"
    graph_file.write_text(graph_text, encoding="utf-8")
    drawing = build_graph(graph_text)
    t_graph = median_time(lambda: to_mermaid(build_graph(graph_text)), 1 if quick else 7)
    t_graph_lint = median_time(lambda: flowlint.lint(graph_text), 1 if quick else 7)
    rows.append(Row(f"graph: lint + screen graph + Mermaid, {screens} screens ({len(graph_text) / KB:,.0f} KB, "
                    f"{len(drawing.edges)} edges)", ms(t_graph), "< 1 s" if judged else "",
                    judge(t_graph, 1.0) if judged else "", f"of which the lint {ms(t_graph_lint)}"))
    t_graph_process = process_time([sys.executable, "-m", "flowlint", "graph", str(graph_file)], 1 if quick else 7,
                                   ok=(0,))
    rows.append(Row(f"process: flowlint graph, {screens} screens", ms(t_graph_process)))

    # 2d. Hostile inputs (issue 24): small or minified files that used to take minutes, and endless inputs -----
    empty, repeats, chained = (1000, 20000, 1000) if quick else (10000, 640000, 24000)
    hostile = {
        f"{empty:,} empty screens": '{"version":"7.3","screens":[' + ",".join(["{}"] * empty) + "]}",
        f"{repeats:,} repeats of one key on one line": '{"version":"7.3","screens":[],'
        + ",".join(['"a":1'] * repeats) + "}",
        f"valid minified flow of {chained:,} chained screens": json.dumps(
            generate.many_screens_flow(chained), separators=(",", ":")),
    }
    for label, text in hostile.items():
        t_hostile = median_time(lambda text=text: flowlint.lint(text), 1)
        rows.append(Row(f"lint, {label} ({len(text) / MB:,.1f} MB)", ms(t_hostile), "< 3 s" if judged else "",
                        judge(t_hostile, 3.0) if judged else ""))
    for what, cmd in (("flowlint request /dev/zero", ["request", "/dev/zero"]),
                      ("flowlint --config /dev/zero FLOW",
                       ["--config", "/dev/zero", str(inputs["files"][(base, "clean")])])):
        if not Path("/dev/zero").exists():
            break
        t_zero = _timed_run([sys.executable, "-m", "flowlint", *cmd], ok=(1, 2))
        rss_zero = peak_rss([sys.executable, "-m", "flowlint", *cmd])
        rows.append(Row(f"process: {what} (refused at the read cap)",
                        f"{ms(t_zero)}, peak RSS {rss_zero / MB:,.0f} MB",
                        "< 3 s" if judged else "", judge(t_zero, 3.0) if judged else ""))

    # 3. Whole process ------------------------------------------------------------------------------------------
    py = sys.executable
    small = str(inputs["small"])
    n = 1 if quick else 15
    t_flowlint = process_time([py, "-m", "flowlint", small], n)
    t_json = process_time([py, "-c", "import json,sys; json.load(open(sys.argv[1]))", small], n)
    checker = find_check_jsonschema()
    size_small = inputs["small"].stat().st_size
    if checker:
        t_cj = process_time([checker, "--schemafile", str(inputs["schema"]), small], n)
        ratio = t_flowlint / t_cj
        rows.append(Row(f"process: flowlint clean {size_small / KB:.0f} KB / check-jsonschema (same schema)",
                        f"{ms(t_flowlint)} / {ms(t_cj)} = {ratio:.2f}x",
                        "<= 0.4x" if judged else "", judge(ratio, 0.4) if judged else ""))
    else:
        rows.append(Row("process: flowlint / check-jsonschema", "not measured", "<= 0.4x",
                        "MISS" if judged else "", "check-jsonschema not found (see bench/README.md)"))
    rows.append(Row(f"process: flowlint clean {size_small / KB:.0f} KB / python json.load",
                    f"{ms(t_flowlint)} / {ms(t_json)} = {t_flowlint / t_json:.1f}x"))
    t_err = process_time([py, "-m", "flowlint", str(inputs["small_errors"])], n)
    rows.append(Row(f"process: flowlint {size_small / KB:.0f} KB with rule errors", ms(t_err)))

    # 4. Import time --------------------------------------------------------------------------------------------
    n = 1 if quick else 7
    imp_version = import_time_ms(["-m", "flowlint", "--version"], n)
    imp_clean = import_time_ms(["-m", "flowlint", small], n)
    rows.append(Row("imports: python -X importtime -m flowlint --version", f"{imp_version:.1f} ms"))
    rows.append(Row("imports: flowlint CLEAN.json (everything the clean path imports)", f"{imp_clean:.1f} ms",
                    "<= 60 ms" if judged else "", judge(imp_clean, 60) if judged else ""))
    facts["top_imports"] = top_imports(["-m", "flowlint", small])

    # 5. Memory ----------------------------------------------------------------------------------------------------
    for variant in ("schema-errors", "rule-errors"):
        path = inputs["files"][(top, variant)]
        rss = peak_rss([py, "-m", "flowlint", str(path)])
        size = path.stat().st_size
        ratio = rss / size
        rows.append(Row(f"peak RSS, flowlint {top} {variant} / file size",
                        f"{rss / MB:,.0f} MB / {size / MB:.1f} MB = {ratio:.1f}x",
                        "<= 30x" if judged else "", judge(ratio, 30) if judged else ""))

    # 6. Many files -----------------------------------------------------------------------------------------------
    corpus = str(inputs["corpus"])
    n = 1 if quick else 9
    count = len(list(inputs["corpus"].glob("*.json")))
    total = sum(p.stat().st_size for p in inputs["corpus"].glob("*.json"))
    before = machine_parallelism()
    one, two = ([py, "-m", "flowlint", "-q", "-j", str(j), corpus] for j in (1, 2))
    _timed_run(two)  # a warm-up run: the corpus in the OS file cache
    t1s, t2s = [], []
    for _ in range(n):  # in pairs: a slow stretch of the machine then hits -j 1 and -j 2 alike
        t1s.append(_timed_run(one))
        t2s.append(_timed_run(two))
    after = machine_parallelism()
    t1, t2 = statistics.median(t1s), statistics.median(t2s)
    ratio = statistics.median(a / b for a, b in zip(t1s, t2s))
    rows.append(Row(f"{count} files ({total / MB:.1f} MB): -j 1 / -j 2",
                    f"{ms(t1)} / {ms(t2)}: {ratio:.2f}x", ">= 1.7x" if judged else "",
                    judge(ratio, 1.7, at_least=True) if judged else "",
                    f"median of {n} pairs run one after the other (pairs: "
                    f"{', '.join(f'{a / b:.2f}x' for a, b in zip(t1s, t2s))}); two CPU-bound processes ran "
                    f"{before:.2f}x / {after:.2f}x faster side by side than in turn just before / after (the ceiling "
                    "for -j 2 at that moment)"))
    return rows, facts


def many_typos(n: int) -> str:
    """A 7.3 flow whose one screen holds ``n`` TextBody components misspelt ``TextBdy``: Meta's answer is one
    INVALID_PROPERTY_VALUE error with ``n`` pointers, after Ajv reports ~80 errors for each (every branch)."""
    body = ",".join('{"type": "TextBdy", "text": "x"}' for _ in range(n))
    return ('{"version": "7.3", "screens": [{"id": "A", "title": "t", "terminal": true, "layout": '
            '{"type": "SingleColumnLayout", "children": [' + body + "]}}]}")


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.2f} ms" if value < 10 else f"{value:,.1f} ms" if value < 1000 else f"{value:,.0f} ms"


# --- the report -------------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "flowlint"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        commit, dirty = "?", ""
    try:
        load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        load = "?"
    return (f"- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}\n"
            f"- load average when written (1/5/15 min): {load} (anything above ~0.5 means another process "
            "competed for the cores: the -j 2 and whole-process figures suffer first)\n"
            f"- Python {platform.python_version()} ({sys.executable}); its start-up (`python -c pass`, every "
            f"process figure includes it): {interpreter_startup_ms():.1f} ms\n"
            f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}\n"
            f"- flowlint at commit {commit}{' (with uncommitted changes)' if dirty else ''}\n")


def interpreter_startup_ms() -> float:
    """Median wall ms of ``python -c pass`` with this interpreter: what site-packages hooks (``.pth`` files) add
    to every process, flowlint's or not."""
    return 1000 * process_time([sys.executable, "-c", "pass"], 7, ok=(0,))


def table(rows: list[Row]) -> str:
    lines = ["| measurement | value | target | status | note |", "|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.what} | {r.value} | {r.target} | {r.status} | {r.note} |")
    return "\n".join(lines) + "\n"


def render(rows: list[Row], facts: dict[str, Any], *, quick: bool) -> str:
    missed = [r for r in rows if r.status == "MISS"]
    parts = ["# flowlint benchmark results\n",
             "Written by `python bench/run.py` (see bench/README.md). Medians of repeated runs.\n",
             machine(), ""]
    parts.append(f"## {'Quick run (nothing judged)' if quick else 'Now'}\n")
    parts.append(table(rows))
    parts.append("\nLargest imports of `flowlint CLEAN.json` (cumulative ms): "
                 + ", ".join(f"{name} {t:.1f}" for name, t in facts.get("top_imports", [])) + "\n")
    if not quick:
        parts.append(f"\nTargets: {sum(1 for r in rows if r.status == 'PASS')} met, {len(missed)} missed"
                     + (": " + "; ".join(r.what for r in missed) if missed else "") + ".\n")
    notes = BENCH / "notes.md"
    if notes.exists() and not quick:
        parts.append("\n" + notes.read_text(encoding="utf-8"))
    before = BENCH / "before.md"
    if before.exists() and not quick:
        parts.append("\n## Before the speed work\n\n" + before.read_text(encoding="utf-8"))
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats, nothing judged")
    parser.add_argument("--out-dir", help="where the inputs go (default bench/out)")
    parser.add_argument("--results", help="results file to write (default bench/RESULTS.md)")
    parser.add_argument("--record-before", action="store_true", help="also save the table as bench/before.md")
    args = parser.parse_args(argv)
    rows, facts = measure(args)
    text = render(rows, facts, quick=args.quick)
    target = Path(args.results) if args.results else BENCH / "RESULTS.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if args.record_before:
        (BENCH / "before.md").write_text(machine() + "\n" + table(rows), encoding="utf-8")
    print(table(rows))
    missed = [r for r in rows if r.status == "MISS"]
    print(f"results written to {target}; {len(missed)} target(s) missed", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
