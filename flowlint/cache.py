"""Where flowlint keeps what it compiles once per machine instead of once per process.

Building a lark LALR parser from its grammar costs tens of milliseconds, more than checking a typical flow;
lark can save the built parser and load it back in a few milliseconds (``Lark(..., cache=path)``; the file
records a hash of the grammar, the options and the lark and Python versions, and is rebuilt when any of them
changes). The files live in ``$FLOWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/flowlint``, else
``~/.cache/flowlint``: a directory of the user's own, never a shared temporary one (the file is a pickle).
``FLOWLINT_CACHE_DIR=""`` turns the cache off; so does a directory that cannot be created. A cache that cannot
be read or written is ignored (lark then builds the parser as without one).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir", "lark_cache"]


def cache_dir() -> Path | None:
    """The cache directory (created on demand), or None when caching is off or impossible."""
    configured = os.environ.get("FLOWLINT_CACHE_DIR")
    if configured is not None:
        if not configured:
            return None
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        if base.startswith("~"):  # no home directory to expand
            return None
        folder = Path(base) / "flowlint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def lark_cache(name: str) -> str | bool:
    """The ``cache`` argument for ``Lark(...)``: a file path in :func:`cache_dir`, or False (no cache)."""
    folder = cache_dir()
    if folder is None:
        return False
    return str(folder / f"lark-{name}.pickle")
