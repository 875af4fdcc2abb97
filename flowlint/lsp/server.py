"""The pygls language server: open documents, debounced checks, configuration, and the LSP handlers.

Checks run one at a time in a worker thread, so requests (hover, completion) are answered while a large flow is
checked. Each check is of one version of a document; its result is published only if that version is still the
document's current one when the check ends: a newer text always wins, a stale result is dropped (a newer check
is already scheduled). Opening and saving check at once; typing checks ``debounceMs`` (150 ms) after the last
change.

Initialization options (all optional): ``debounceMs``; ``include``, globs of JSON files to check even when they
do not look like Flow JSON (``version`` and ``screens`` at the top); ``ruleDocsUrl``, the page the rule codes
link to (``…/rules.md``; anchors are added).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from flowlint import __version__
from flowlint.lsp import features
from flowlint.lsp.checking import Checker, parse, path_of
from flowlint.lsp.features import Snapshot
from flowlint.lsp.settings import ConfigTarget

__all__ = ["FlowlintServer", "build_server", "DEFAULT_DEBOUNCE"]

DEFAULT_DEBOUNCE = 0.15


class _Document:
    """What the server keeps per open document besides its text (pygls's workspace keeps that)."""

    __slots__ = ("snapshot", "pending", "published")

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None  # the last checked version
        self.pending: asyncio.TimerHandle | None = None
        self.published = False


class _Protocol(LanguageServerProtocol):
    """Positions are always UTF-16 (LSP's default, and what :class:`flowlint.lsp.text.LspIndex` counts): a client
    that offers UTF-8 or UTF-32 too gets UTF-16."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Any:
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))


class FlowlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "flowlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full, protocol_cls=_Protocol
        )
        self.documents: dict[str, _Document] = {}
        self.checker = Checker()
        self.debounce = DEFAULT_DEBOUNCE
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flowlint-check")

    # -- options and documents -------------------------------------------------------------------------------

    def configure(self, options: Any, root: Path | None) -> None:
        options = self.checker.configure(options, root)
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and 0 <= debounce <= 10_000:
            self.debounce = debounce / 1000

    def _warn(self, message: str) -> None:
        self.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, message))

    def state(self, uri: str) -> _Document:
        found = self.documents.get(uri)
        if found is None:
            found = self.documents[uri] = _Document()
        return found

    # -- checking --------------------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        state = self.state(uri)
        if state.pending is not None:
            state.pending.cancel()
        loop = asyncio.get_running_loop()
        state.pending = loop.call_later(delay, lambda: asyncio.ensure_future(self.check(uri)))

    async def check(self, uri: str) -> None:
        state = self.documents.get(uri)
        if state is None:
            return
        state.pending = None
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        loop = asyncio.get_running_loop()
        snapshot = await loop.run_in_executor(self.worker, self.check_now, uri, version, text, document.language_id)
        while self.checker.messages:
            self._warn(self.checker.messages.pop(0))
        if uri not in self.documents or self.workspace.get_text_document(uri).version != version:
            return  # closed, or changed while it was checked: the newer version's check publishes
        if snapshot is None:
            if state.published:
                state.published = False
                self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, [], version))
            return
        state.snapshot = snapshot
        state.published = True
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, snapshot.diagnostics(), version))

    def check_now(self, uri: str, version: int | None, text: str, language: str | None = None) -> Snapshot | None:
        """Check one version (in the worker thread): a snapshot with its findings, or None for a document that is
        not a flow (or is excluded by the configuration)."""
        checked = self.checker.check(uri, version, text, language)
        if checked is None:
            return None
        snapshot = Snapshot(
            uri, version, text, checked.value, checked.findings, checked.diagnostics, path=checked.path,
            index=checked.index if checked.findings else None,
        )
        snapshot.diagnostics()  # converted here, in the worker, not on the event loop
        return snapshot

    def snapshot(self, uri: str) -> Snapshot | None:
        """The current version of a document for a request: the checked snapshot when it is current, else the
        text as it is now (with the last value that parsed, and no findings)."""
        state = self.documents.get(uri)
        if state is None:
            return None
        document = self.workspace.get_text_document(uri)
        if state.snapshot is not None and state.snapshot.version == document.version:
            return state.snapshot
        value = parse(document.source)
        if isinstance(value, dict):
            self.checker.last_values[uri] = value
        return Snapshot(uri, document.version, document.source, self.checker.last_values.get(uri), path=path_of(uri))

    def recheck_all(self) -> None:
        for uri in list(self.documents):
            self.schedule(uri, 0)

    @property
    def root(self) -> Path | None:
        return self.checker.root


# Long on purpose: one short handler per LSP feature, registered in one place (pygls's decorators).
def build_server() -> FlowlintServer:
    server = FlowlintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: FlowlintServer, params: lsp.InitializeParams) -> None:
        root = path_of(params.root_uri) if params.root_uri else Path(params.root_path) if params.root_path else None
        ls.configure(params.initialization_options, root)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FlowlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.state(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FlowlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.state(params.text_document.uri)
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FlowlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.endswith(".toml"):
            ls.recheck_all()
        elif uri in ls.documents:
            ls.schedule(uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FlowlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        state = ls.documents.pop(params.text_document.uri, None)
        ls.checker.forget(params.text_document.uri)
        if state is not None:
            if state.pending is not None:
                state.pending.cancel()
            if state.published:
                ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(params.text_document.uri, []))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: FlowlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: FlowlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        snap = ls.snapshot(params.text_document.uri)
        return features.hover(snap, snap.offset(params.position)) if snap else None

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=['"', ".", "{", ":"])
    )
    def completion(ls: FlowlintServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
        snap = ls.snapshot(params.text_document.uri)
        if snap is None:
            return None
        return lsp.CompletionList(is_incomplete=False, items=features.completion(snap, snap.offset(params.position)))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: FlowlintServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        snap = ls.snapshot(params.text_document.uri)
        return features.definition(snap, snap.offset(params.position)) if snap else None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: FlowlintServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        snap = ls.snapshot(params.text_document.uri)
        if snap is None:
            return None
        return features.references(
            snap, snap.offset(params.position), include_declaration=params.context.include_declaration
        )

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: FlowlintServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol] | None:
        snap = ls.snapshot(params.text_document.uri)
        return features.document_symbols(snap) if snap else None

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix])
    )
    def code_action(ls: FlowlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        uri = params.text_document.uri
        state = ls.documents.get(uri)
        snap = ls.snapshot(uri)
        if state is None or snap is None:
            return None
        if snap is not state.snapshot:  # not checked yet (or an older text was): the findings of this text
            document = ls.workspace.get_text_document(uri)
            snap = ls.check_now(uri, document.version, document.source, document.language_id)
            if snap is None:
                return None
        start, end = snap.offset(params.range.start), snap.offset(params.range.end)
        target = None
        if snap.path is not None:
            target = ConfigTarget(snap.path, ls.checker.settings.for_document(snap.path, ls.root), ls.root)
        return features.code_actions(snap, start, end, config=target)

    return server
