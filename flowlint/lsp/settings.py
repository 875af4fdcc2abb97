"""The code action that turns a rule off for one file: an entry of ``per-file-ignores`` in the configuration that
applies to the document (:class:`flowlint.lsp.checking.SettingsCache` finds it), or a new ``flowlint.toml``."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from lsprotocol import types as lsp

from flowlint.config import Settings

__all__ = ["ConfigTarget"]


_HEADER = re.compile(r"^\s*\[\s*(?:tool\s*\.\s*flowlint\s*\.\s*)?per-file-ignores\s*\]\s*$", re.MULTILINE)


class ConfigTarget:
    """Where "disable this rule for this file" writes: ``per-file-ignores`` of the configuration that applies to
    the document, or a new ``flowlint.toml`` in the workspace root when there is none."""

    def __init__(self, document: Path, settings: Settings, workspace_root: Path | None) -> None:
        self.document = document
        self.settings = settings
        self.workspace_root = workspace_root

    def _pattern(self, root: Path) -> str:
        try:
            relative = Path(os.path.abspath(self.document)).relative_to(Path(os.path.abspath(root)))
        except ValueError:
            return self.document.name
        return relative.as_posix()

    def ignore_action(self, rule: str, diagnostic: lsp.Diagnostic) -> lsp.CodeAction | None:
        source = self.settings.source
        if source is None:
            root = self.workspace_root or self.document.parent
            new_file = root / "flowlint.toml"
            if new_file.exists():
                return None  # a flowlint.toml that is not in effect (a .flowlint.toml wins): do not guess
            text = f'[per-file-ignores]\n{json.dumps(self._pattern(root))} = [{json.dumps(rule)}]\n'
            uri = new_file.as_uri()
            edit = lsp.WorkspaceEdit(
                document_changes=[
                    lsp.CreateFile(uri=uri, kind="create"),
                    lsp.TextDocumentEdit(
                        lsp.OptionalVersionedTextDocumentIdentifier(uri, None),
                        [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), text)],
                    ),
                ]
            )
            return self._action(rule, "a new flowlint.toml", edit, diagnostic)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        pattern = self._pattern(source.parent)
        text_edit = _ignore_edit(text, pattern, rule, pyproject=source.name == "pyproject.toml")
        if text_edit is None:
            return None
        workspace_edit = lsp.WorkspaceEdit(changes={source.as_uri(): [text_edit]})
        return self._action(rule, source.name, workspace_edit, diagnostic)

    @staticmethod
    def _action(rule: str, where: str, edit: lsp.WorkspaceEdit, diagnostic: lsp.Diagnostic) -> lsp.CodeAction:
        return lsp.CodeAction(
            title=f"Disable {rule} for this file (per-file-ignores in {where})",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=edit,
        )


def _ignore_edit(text: str, pattern: str, rule: str, *, pyproject: bool) -> lsp.TextEdit | None:
    """The edit that adds ``rule`` for ``pattern``: to its existing one-line entry, as a new line under an existing
    ``per-file-ignores`` table, or as a new table at the end. None where the file spells it another way (an inline
    table): better no action than a wrong edit."""
    lines = text.split("\n")
    key = json.dumps(pattern)
    entry = re.compile(r'^(\s*(?:"' + re.escape(pattern) + r'"|\'' + re.escape(pattern) + r"')\s*=\s*\[)(.*)\](\s*(?:#.*)?)$")
    header = _HEADER.search(text)
    if header is not None:
        line_no = text.count("\n", 0, text.index("[", header.start()))
        for i in range(line_no + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            found = entry.match(lines[i])
            if found is not None:
                codes = found.group(2).strip().rstrip(",")
                new = f"{found.group(1)}{codes + ', ' if codes else ''}{json.dumps(rule)}]{found.group(3)}"
                return lsp.TextEdit(lsp.Range(lsp.Position(i, 0), lsp.Position(i, len(lines[i]))), new)
        if line_no + 1 >= len(lines):  # the header is the last line, without a line break after it
            end = lsp.Position(line_no, len(lines[line_no]))
            return lsp.TextEdit(lsp.Range(end, end), f"\n{key} = [{json.dumps(rule)}]\n")
        return lsp.TextEdit(lsp.Range(lsp.Position(line_no + 1, 0), lsp.Position(line_no + 1, 0)),
                            f"{key} = [{json.dumps(rule)}]\n")
    if re.search(r"^\s*per-file-ignores\s*=", text, re.MULTILINE):
        return None
    table = "[tool.flowlint.per-file-ignores]" if pyproject else "[per-file-ignores]"
    last = len(lines) - 1
    prefix = "" if text.endswith("\n") or not text else "\n"
    addition = f"{prefix}\n{table}\n{key} = [{json.dumps(rule)}]\n"
    return lsp.TextEdit(lsp.Range(lsp.Position(last, len(lines[last])), lsp.Position(last, len(lines[last]))), addition)
