"""``flowlint lsp``: the click command. pygls is imported only here, when the command runs."""

from __future__ import annotations

import sys

import click

__all__ = ["lsp_command", "EXTRA_HINT"]

EXTRA_HINT = 'flowlint lsp needs the optional extra "lsp": pip install "whatsapp-flowlint[lsp]"'


@click.command("lsp", short_help="Editor integration: the LSP protocol over stdio (docs/editors.md).")
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the default; for editors that pass it).")
def lsp_command(stdio: bool) -> None:
    """Run flowlint as a language server over standard input and output, for editors (docs/editors.md):
    diagnostics as you type, hover, completion, go to definition, references, quick fixes, outline."""
    from flowlint.cli import fail

    try:
        import pygls  # noqa: F401 - only to know whether the extra is installed
        import lsprotocol  # noqa: F401
    except ImportError:
        fail(EXTRA_HINT)
        sys.exit(2)
    from flowlint.lsp.bootstrap import serve

    serve()
