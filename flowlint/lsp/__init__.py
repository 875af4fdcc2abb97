"""``flowlint lsp``: flowlint as a language server (LSP over stdio), for any editor.

The package is laid out like the pipeline it serves:

* :mod:`flowlint.lsp.text` - LSP positions (0-based lines, UTF-16 columns) and a tolerant JSON scan that maps a
  cursor to a JSON path, in a broken document too;
* :mod:`flowlint.lsp.knowledge` - what the Flow JSON schemas and the flow model say about a place (hover text,
  allowed component types, property names, enum values);
* :mod:`flowlint.lsp.features` - diagnostics, hover, completion, definition, references, symbols and code actions
  as plain functions of a document snapshot;
* :mod:`flowlint.lsp.server` - the pygls server: documents, debouncing, configuration, handlers;
* :mod:`flowlint.lsp.command` - the click command, which imports pygls only when run.

pygls is the optional extra ``lsp`` (``pip install "whatsapp-flowlint[lsp]"``): nothing here is imported by a
plain ``flowlint`` run, and only :mod:`~flowlint.lsp.features` and :mod:`~flowlint.lsp.server` import it.
Editor set-up: ``docs/editors.md``.
"""
