"""Load `flowlint serve` with the attacks of issue 24 (points 17-20) while a client sends well-formed requests.

    python bench/serve_load.py [--seconds 40] [--clients 1]

Starts `python -m flowlint serve --port 0 --quiet` (the checkout's flowlint, default limits unless given after
`--`), then, for ``--seconds``, at the same time:

* legit: ``--clients`` clients, each POSTing a small valid Create Flow request every 0.2 s (status, latency);
* slowloris: 300 connections sending one header byte every 10 s (reconnecting when answered);
* cpu: 4 clients POSTing 18 KB bodies of 6 000 empty screens in a loop (each check: many findings);
* memory: 100 bodies of 20 MB (just under the 20 MB + 64 KB limit) at once, then 60 flows with a 10 MB
  ``name`` and 4 with a 10 MB ``categories`` list, all at once;
* burst: 1 000 connections of 44 KB requests at once, every 10 s.

It samples the resident memory of the server and of its check workers (/proc, Linux) every 0.25 s and prints a
table: what each client got (statuses, resets), the legit requests' latencies, and the peak memory against
the configured bounds. Exit status 1 if a legit request was not answered 200 within 2 s or any client met a reset.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e"
FLOWS = f"/api/v1/accounts/{ACCOUNT}/channels/load/flows"
GOOD_FLOW = json.dumps({"version": "7.3", "screens": [{"id": "A", "title": "A", "terminal": True, "layout": {
    "type": "SingleColumnLayout", "children": [{"type": "TextHeading", "text": "Hello"}, {
        "type": "Footer", "label": "Done", "on-click-action": {"name": "complete", "payload": {}}}]}}]})


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: Counter[str] = Counter()
        self.latencies: list[float] = []

    def add(self, outcome: str, latency: float | None = None) -> None:
        with self.lock:
            self.outcomes[outcome] += 1
            if latency is not None:
                self.latencies.append(latency)


def _request(port: int, data: bytes, timeout: float = 120) -> str:
    """One POST on its own connection: the status, or the name of the error (a reset is ConnectionResetError)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(
                f"POST {FLOWS} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data
            )
            reply = sock.makefile("rb").read()
        return reply.split(b" ", 2)[1].decode() if reply.startswith(b"HTTP/1.") else f"no answer ({len(reply)} B)"
    except OSError as exc:
        return type(exc).__name__


def _body(name: str, **fields: object) -> bytes:
    return json.dumps({"name": name, "categories": ["OTHER"], "flowJson": GOOD_FLOW, **fields}).encode()


def legit(port: int, stop: threading.Event, tally: Tally, client: int) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        started = time.monotonic()
        outcome = _request(port, _body(f"legit {client}-{n}"), timeout=30)
        tally.add(outcome, time.monotonic() - started)
        stop.wait(0.2)


def legit_process(port: int, seconds: float, client: int) -> subprocess.Popen[str]:
    """The legit client in a process of its own: in this one, the attackers' threads (building and sending 20 MB
    bodies) would hold the interpreter and delay the client itself, not the server."""
    return subprocess.Popen(
        [sys.executable, __file__, "--legit-client", f"{port},{seconds},{client}"], stdout=subprocess.PIPE, text=True
    )


def _legit_client(spec: str) -> int:
    port, seconds, client = spec.split(",")
    stop = threading.Event()
    tally = Tally()
    timer = threading.Timer(float(seconds), stop.set)
    timer.start()
    legit(int(port), stop, tally, int(client))
    print(json.dumps({"outcomes": dict(tally.outcomes), "latencies": tally.latencies}))
    return 0


def slowloris(port: int, stop: threading.Event, tally: Tally) -> None:
    socks: list[socket.socket] = []

    def connect() -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"POST /api/v1/accounts/x/channels/y/flows HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        return sock

    for _ in range(300):
        socks.append(connect())
    while not stop.wait(10):
        for i, sock in enumerate(socks):
            try:
                sock.sendall(b"a")
                sock.setblocking(False)
                answered = sock.recv(1 << 16)
                sock.setblocking(True)
            except BlockingIOError:
                sock.setblocking(True)
                tally.add("held")
                continue
            except OSError as exc:
                answered = type(exc).__name__.encode()
            tally.add(answered.split(b" ", 2)[1].decode() if answered.startswith(b"HTTP/1.") else answered.decode()
                      or "closed")
            sock.close()
            socks[i] = connect()  # the attacker comes back at once
    for sock in socks:
        sock.close()


def cpu(port: int, stop: threading.Event, tally: Tally) -> None:
    flow = '{"version":"7.3","screens":[' + ",".join(["{}"] * 6000) + "]}"

    def loop(worker: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            tally.add(_request(port, _body(f"cpu {worker}-{n}", flowJson=flow)))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(loop, range(4)))


def memory(port: int, stop: threading.Event, tally: Tally) -> None:
    padding = 20 * 1_048_576 - 200
    big = b'{"name": "big", "categories": ["OTHER"], "pad": "' + b"x" * padding + b'"}'
    with ThreadPoolExecutor(100) as pool:
        for outcome in pool.map(lambda _: _request(port, big), range(100)):
            tally.add(f"20MB {outcome}")
    with ThreadPoolExecutor(64) as pool:
        names = pool.map(lambda i: _request(port, _body(f"{i}" + "n" * 10_000_000)), range(60))
        cats = pool.map(lambda i: _request(port, json.dumps(
            {"name": f"cats {i}", "categories": ["OTHER"] * 1_000_000}).encode()), range(4))
        for outcome in names:
            tally.add(f"name10MB {outcome}")
        for outcome in cats:
            tally.add(f"categories10MB {outcome}")


def burst(port: int, stop: threading.Event, tally: Tally) -> None:
    data = _body("burst", pad=" " * 44_000)
    data = data[:-1] + b', "x": 0}'
    while not stop.is_set():
        with ThreadPoolExecutor(1000) as pool:
            for i, outcome in enumerate(pool.map(lambda i: _request(port, data.replace(b'"burst"', b'"b%d-%d"' % (
                    int(time.monotonic() * 1000), i))), range(1000))):
                tally.add(outcome)
        stop.wait(10)


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--clients", type=int, default=1, help="legit clients")
    parser.add_argument("--attacks", default="slowloris,cpu,memory,burst", help="which attacks (comma-separated)")
    parser.add_argument("serve_options", nargs="*", help="after --: options for flowlint serve")
    parser.add_argument("--legit-client", help=argparse.SUPPRESS)  # PORT,SECONDS,N: this script as a legit client
    args = parser.parse_args(argv)
    if args.legit_client:
        return _legit_client(args.legit_client)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(
        [sys.executable, "-m", "flowlint", "serve", "--port", "0", "--quiet", *args.serve_options],
        stderr=subprocess.PIPE, env=env, text=True,
    )
    assert server.stderr is not None
    line = server.stderr.readline()
    port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
    peak = {"server": 0, "workers": 0, "total": 0}
    stop, sampling = threading.Event(), threading.Event()

    def sample() -> None:
        while not sampling.wait(0.25):
            own = _rss(server.pid)
            workers = sum(_rss(child) for child in _children(server.pid))
            peak["server"] = max(peak["server"], own)
            peak["workers"] = max(peak["workers"], workers)
            peak["total"] = max(peak["total"], own + workers)

    # Warm up: the first check starts a worker process.
    assert _request(port, _body("warm-up")) == "200", "the server does not answer"
    idle_rss = _rss(server.pid)
    tallies = {name: Tally() for name in ("legit", "slowloris", "cpu", "memory", "burst")}
    threads = [threading.Thread(target=sample, daemon=True)]
    clients = [legit_process(port, args.seconds, i) for i in range(args.clients)]
    chosen = args.attacks.split(",")
    for name, attack in (("slowloris", slowloris), ("cpu", cpu), ("memory", memory), ("burst", burst)):
        if name not in chosen:
            del tallies[name]
            continue
        threads.append(threading.Thread(target=attack, args=(port, stop, tallies[name]), daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads[1:]:
        thread.join(180)
    for process in clients:
        out, _ = process.communicate(timeout=180)
        report = json.loads(out)
        for outcome, n in report["outcomes"].items():
            tallies["legit"].outcomes[outcome] += n
        tallies["legit"].latencies.extend(report["latencies"])
    sampling.set()
    elapsed = time.monotonic() - started
    server.terminate()
    server.wait(10)

    mb = 1_048_576
    legit_tally = tallies["legit"]
    lat = sorted(legit_tally.latencies)
    resets = sum(n for t in tallies.values() for outcome, n in t.outcomes.items() if "Reset" in outcome)
    late = sum(1 for x in lat if x > 2.0)
    print(f"flowlint serve under load ({args.attacks}): {elapsed:.0f} s, {os.cpu_count()} cores, options: "
          f"{' '.join(args.serve_options) or '(defaults)'}\n")
    print("| client | answers |")
    print("|---|---|")
    for name, tally in tallies.items():
        shown = ", ".join(f"{outcome}: {n}" for outcome, n in sorted(tally.outcomes.items()))
        print(f"| {name} | {shown} |")
    print()
    print("| measure | value |")
    print("|---|---|")
    if lat:
        print(f"| legit requests | {len(lat)}, {legit_tally.outcomes['200']} answered 200 |")
        print(f"| legit latency median / p99 / max | {statistics.median(lat):.3f} / "
              f"{lat[min(len(lat) - 1, int(len(lat) * 0.99))]:.3f} / {lat[-1]:.3f} s |")
        print(f"| legit over 2 s | {late} |")
    print(f"| connection resets (all clients) | {resets} |")
    print(f"| server RSS idle / peak | {idle_rss / mb:.0f} / {peak['server'] / mb:.0f} MB |")
    print(f"| check workers' RSS, peak of the sum | {peak['workers'] / mb:.0f} MB |")
    print(f"| server + workers, peak | {peak['total'] / mb:.0f} MB |")
    ok = bool(lat) and late == 0 and legit_tally.outcomes["200"] == len(lat) and resets == 0
    print(f"\n{'PASS' if ok else 'FAIL'}: legit requests all 200 within 2 s, no reset")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
