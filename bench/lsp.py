"""Speed of ``flowlint lsp`` (issue 21): re-checking after a one-character edit, and start to first diagnostics.

    python bench/lsp.py            # prints a Markdown table (copy it into bench/RESULTS.md, "Language server")

1. In one process, on the generated 100 KB flow (bench/generate.py, ``sized_flow(100_000)``): the median time of
   ``flowlint.lint`` on the clean text, and of the server's whole check of one version after a one-character edit
   (``FlowlintServer.check_now``: configuration lookup, lint, conversion to LSP diagnostics), for an edit that keeps
   the flow clean (a letter of a label) and for one that makes an error (a letter of a component type). Target:
   the clean edit <= 3x the clean lint. The erroneous edit is compared with ``flowlint.lint`` of the same text:
   what the server adds to the precise path.
2. ``python -m flowlint lsp`` started as a subprocess, spoken to over stdio by a minimal client written here (no
   pygls on the client side): from the start of the process to the first ``publishDiagnostics`` of the opened
   100 KB flow (with errors, so the diagnostics are not empty). Target: < 300 ms. The median of several starts.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _median_ms(function, repeat: int = 30) -> float:
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def in_process(text: str, folder: Path) -> list[tuple[str, str, str, str]]:
    import flowlint
    from flowlint.lsp.server import FlowlintServer

    server = FlowlintServer()
    uri = (folder / "flow.json").as_uri()
    label_at = text.index('"label": "') + len('"label": "')
    clean_edit = text[:label_at] + "Z" + text[label_at + 1 :]
    type_at = text.index('"type": "TextInput"') + len('"type": "Text')
    error_edit = text[:type_at] + "X" + text[type_at + 1 :]
    assert flowlint.lint(clean_edit).ok and not flowlint.lint(error_edit).ok
    lint_clean = _median_ms(lambda: flowlint.lint(text))
    version = iter(range(10**9))
    check_clean = _median_ms(lambda: server.check_now(uri, next(version), clean_edit))
    lint_error = _median_ms(lambda: flowlint.lint(error_edit))
    check_error = _median_ms(lambda: server.check_now(uri, next(version), error_edit))
    ratio = check_clean / lint_clean
    return [
        (
            "re-check after a one-character edit (still clean) / flowlint.lint clean",
            f"{check_clean:.2f} ms / {lint_clean:.2f} ms = {ratio:.2f}x",
            "<= 3x",
            "PASS" if ratio <= 3 else "MISS",
        ),
        (
            "re-check after a one-character edit that makes an error / flowlint.lint of that text",
            f"{check_error:.2f} ms / {lint_error:.2f} ms = {check_error / lint_error:.2f}x",
            "",
            "",
        ),
    ]


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read(stream) -> dict:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise EOFError("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(stream.read(length))


def first_diagnostics_ms(text: str, folder: Path) -> float:
    path = folder / "flow.json"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "flowlint", "lsp"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=folder, env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}}}))
        process.stdin.flush()
        while _read(process.stdout).get("id") != 1:
            pass
        process.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        process.stdin.write(_frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": path.as_uri(), "languageId": "json", "version": 1, "text": text}}}))
        process.stdin.flush()
        while True:
            message = _read(process.stdout)
            if message.get("method") == "textDocument/publishDiagnostics":
                elapsed = (time.perf_counter() - start) * 1000
                assert message["params"]["diagnostics"], "expected findings on the flow with errors"
                break
        process.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        process.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
        process.stdin.flush()
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    return elapsed


def main() -> int:
    from generate import dump, sized_flow, with_rule_errors

    flow = sized_flow(100_000)
    text = dump(flow)
    errors = dump(with_rule_errors(flow))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows += in_process(text, folder)
        starts = [first_diagnostics_ms(errors, folder) for _ in range(7)]
    first = statistics.median(starts)
    rows.append(
        (
            f"server start to first diagnostics, {len(errors.encode()) // 1024} KB flow with errors (median of 7)",
            f"{first:.0f} ms (runs: {', '.join(f'{s:.0f}' for s in starts)})",
            "< 300 ms",
            "PASS" if first < 300 else "MISS",
        )
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = (time.perf_counter() - started) * 1000
    print(f"flow: {len(text.encode()) // 1024} KB; Python {sys.version.split()[0]}; `python -c pass` {bare:.0f} ms\n")
    print("| measurement | value | target | status |\n|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0 if all(r[3] != "MISS" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
