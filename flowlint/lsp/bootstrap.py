"""Starting the server: the first diagnostics before pygls is loaded.

Importing pygls takes ~250 ms (lsprotocol defines some thousand classes at import), more than the whole budget
from start to the first diagnostics of an opened flow (bench/lsp.py). So the process starts with this small
JSON-RPC reader, which needs neither: it answers ``initialize`` with the server's capabilities, reads
``initialized`` and the first ``textDocument/didOpen``, checks that document (:mod:`flowlint.lsp.checking`) and
publishes its diagnostics. Then it imports the pygls server and hands over: the server reads every message read so
far again, then the rest of standard input, so its state (workspace, open documents) is what it would have been;
its own answer to that ``initialize`` is dropped (the client already has one; a test holds the two equal). Any
other message first, or anything unexpected, hands over at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO

from flowlint import __version__

__all__ = ["CAPABILITIES", "serve"]

#: What :func:`flowlint.lsp.server.build_server` answers to ``initialize`` (tests/lsp hold them equal).
CAPABILITIES: dict[str, Any] = {
    "positionEncoding": "utf-16",
    "textDocumentSync": {"openClose": True, "change": 1, "save": True},
    "completionProvider": {"triggerCharacters": ['"', ".", "{", ":"]},
    "hoverProvider": True,
    "definitionProvider": True,
    "referencesProvider": True,
    "documentSymbolProvider": True,
    "codeActionProvider": {"codeActionKinds": ["quickfix"]},
    "executeCommandProvider": {"commands": []},
    "workspace": {"workspaceFolders": {"supported": True, "changeNotifications": True}, "fileOperations": {}},
}
_MAX_HEADER_LINES = 32


def _read_frame(stream: BinaryIO) -> tuple[bytes, Any]:
    """One message: its raw bytes (headers included) and its JSON (None if it is not readable as one)."""
    raw = bytearray()
    length = -1
    for _ in range(_MAX_HEADER_LINES):
        line = stream.readline()
        raw += line
        if not line:
            return bytes(raw), None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return bytes(raw), None
    if length < 0:
        return bytes(raw), None
    body = stream.read(length)
    raw += body
    try:
        return bytes(raw), json.loads(body)
    except ValueError:
        return bytes(raw), None


def _write(stream: BinaryIO, message: dict[str, Any]) -> None:
    body = json.dumps(message).encode("utf-8")
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


class _Replay:
    """Standard input as the server reads it: the messages already read, then the rest."""

    def __init__(self, consumed: bytes, rest: BinaryIO) -> None:
        self._buffer = consumed
        self._rest = rest

    def readline(self) -> bytes:
        if self._buffer:
            end = self._buffer.find(b"\n")
            end = len(self._buffer) if end < 0 else end + 1
            line, self._buffer = self._buffer[:end], self._buffer[end:]
            if line.endswith(b"\n"):
                return line
            return line + self._rest.readline()
        return self._rest.readline()

    def read(self, size: int) -> bytes:
        if self._buffer:
            chunk, self._buffer = self._buffer[:size], self._buffer[size:]
            if len(chunk) < size:
                chunk += self._rest.read(size - len(chunk))
            return chunk
        return self._rest.read(size)


class _DropOneResponse:
    """Standard output as the server writes it, less its answer to the ``initialize`` already answered."""

    def __init__(self, out: BinaryIO, response_id: Any) -> None:
        self._out = out
        self._id = response_id
        self._pending = True

    def write(self, data: bytes) -> None:
        if self._pending:
            _, _, body = data.partition(b"\r\n\r\n")
            try:
                message = json.loads(body)
            except ValueError:
                message = None
            if isinstance(message, dict) and "method" not in message and message.get("id") == self._id:
                self._pending = False
                if message.get("result", {}).get("capabilities") != CAPABILITIES:  # pragma: no cover - a test holds
                    sys.stderr.write("flowlint lsp: the early capabilities differ from the server's\n")
                return
        self._out.write(data)

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        self._out.close()


def _root(params: dict[str, Any]) -> Path | None:
    from flowlint.lsp.checking import path_of

    uri = params.get("rootUri")
    if isinstance(uri, str):
        return path_of(uri)
    path = params.get("rootPath")
    return Path(path) if isinstance(path, str) else None


def _publish_first(message: dict[str, Any], options: Any, root: Path | None, out: BinaryIO) -> None:
    from flowlint.lsp.checking import Checker

    document = (message.get("params") or {}).get("textDocument") or {}
    uri, text, version = document.get("uri"), document.get("text"), document.get("version")
    if not isinstance(uri, str) or not isinstance(text, str):
        return
    checker = Checker()
    checker.configure(options, root)
    checked = checker.check(uri, version if isinstance(version, int) else None, text, document.get("languageId"))
    if checked is None:
        return
    params = {"uri": uri, "diagnostics": checked.diagnostics, "version": checked.version}
    _write(out, {"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params})


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    consumed = bytearray()
    answered: Any = None
    initialize: dict[str, Any] | None = None
    while True:
        raw, message = _read_frame(stdin)
        consumed += raw
        method = message.get("method") if isinstance(message, dict) else None
        if method == "initialize" and initialize is None and "id" in message:
            initialize = message.get("params") if isinstance(message.get("params"), dict) else {}
            answered = message["id"]
            result = {"capabilities": CAPABILITIES, "serverInfo": {"name": "flowlint", "version": __version__}}
            _write(stdout, {"jsonrpc": "2.0", "id": answered, "result": result})
            continue
        if method == "initialized" and initialize is not None:
            continue
        if method == "textDocument/didOpen" and initialize is not None:
            try:
                _publish_first(message, initialize.get("initializationOptions"), _root(initialize), stdout)
            except Exception:  # noqa: BLE001 - the server checks it again; starting matters more
                pass
        break
    from flowlint.lsp.server import build_server

    server = build_server()
    output: Any = _DropOneResponse(stdout, answered) if initialize is not None else stdout
    server.start_io(_Replay(bytes(consumed), stdin), output)  # type: ignore[arg-type]
