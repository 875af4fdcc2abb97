"""A real LSP client for the tests: ``python -m flowlint lsp`` in a subprocess, spoken to with pygls's own client.

``session()`` starts the server, initializes it and yields a :class:`Editor` that opens and edits documents as an
editor does and records every ``publishDiagnostics`` notification (with its version).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from pathlib import Path
from typing import Any, AsyncIterator

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 20.0


class Editor:
    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.messages: list[str] = []
        self._arrived = asyncio.Event()
        self.versions: dict[str, int] = {}

        @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self._arrived.set()

        @client.feature(lsp.WINDOW_SHOW_MESSAGE)
        def on_message(params: lsp.ShowMessageParams) -> None:
            self.messages.append(params.message)

        @client.feature(lsp.WINDOW_LOG_MESSAGE)
        def on_log(params: lsp.LogMessageParams) -> None:
            self.messages.append(params.message)

    # -- documents ------------------------------------------------------------------------------------------

    def open(self, uri: str, text: str, language: str = "json") -> None:
        self.versions[uri] = 1
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text))
        )

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        version = self.versions[uri]
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version, uri),
                [lsp.TextDocumentContentChangeWholeDocument(text)],
            )
        )
        return version

    async def diagnostics(self, uri: str, version: int | None = None, timeout: float = TIMEOUT) -> list[lsp.Diagnostic]:
        """The diagnostics published for ``uri`` (at ``version`` if given), waiting for them."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for params in reversed(self.published):
                if params.uri == uri and (version is None or params.version == version):
                    return list(params.diagnostics)
            self._arrived.clear()
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"no diagnostics for {uri} version {version}: {self.published!r}")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), remaining)

    async def settle(self, seconds: float = 0.6) -> None:
        await asyncio.sleep(seconds)

    # -- requests -------------------------------------------------------------------------------------------

    def _position(self, text: str, needle: str, delta: int = 0) -> lsp.Position:
        offset = text.index(needle) + delta
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        before = text[offset - column : offset]
        return lsp.Position(line, len(before.encode("utf-16-le")) // 2)

    async def hover(self, uri: str, text: str, needle: str, delta: int = 1) -> lsp.Hover | None:
        return await self.client.text_document_hover_async(
            lsp.HoverParams(lsp.TextDocumentIdentifier(uri), self._position(text, needle, delta))
        )

    async def complete(self, uri: str, text: str, needle: str, delta: int) -> list[lsp.CompletionItem]:
        result = await self.client.text_document_completion_async(
            lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), self._position(text, needle, delta))
        )
        if result is None:
            return []
        return list(result.items if isinstance(result, lsp.CompletionList) else result)

    async def definition(self, uri: str, text: str, needle: str, delta: int = 1) -> Any:
        return await self.client.text_document_definition_async(
            lsp.DefinitionParams(lsp.TextDocumentIdentifier(uri), self._position(text, needle, delta))
        )

    async def references(self, uri: str, text: str, needle: str, delta: int = 1) -> Any:
        return await self.client.text_document_references_async(
            lsp.ReferenceParams(
                context=lsp.ReferenceContext(include_declaration=True),
                text_document=lsp.TextDocumentIdentifier(uri),
                position=self._position(text, needle, delta),
            )
        )

    async def symbols(self, uri: str) -> Any:
        return await self.client.text_document_document_symbol_async(
            lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri))
        )

    async def code_actions(self, uri: str, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
        result = await self.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri),
                range=diagnostic.range,
                context=lsp.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


def apply_edits(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, as an editor does."""

    def offset(position: lsp.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for i, char in enumerate(line):
            if units >= position.character:
                return start + i
            units += len(char.encode("utf-16-le")) // 2
        return start + len(line)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


@contextlib.asynccontextmanager
async def session(root: Path, options: dict[str, Any] | None = None) -> AsyncIterator[Editor]:
    client = LanguageClient("flowlint-tests", "1")
    editor = Editor(client)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    await client.start_io(sys.executable, "-m", "flowlint", "lsp", cwd=str(root), env=env)
    try:
        await asyncio.wait_for(
            client.initialize_async(
                lsp.InitializeParams(
                    capabilities=lsp.ClientCapabilities(),
                    root_uri=root.as_uri(),
                    initialization_options={"debounceMs": 50, **(options or {})},
                )
            ),
            TIMEOUT,
        )
        client.initialized(lsp.InitializedParams())
        yield editor
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
    finally:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.stop(), 5)
        server = getattr(client, "_server", None)
        if server is not None and server.returncode is None:
            server.kill()
