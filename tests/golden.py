"""Golden files: the output a test expects, kept beside it; ``FLOWLINT_UPDATE_GOLDEN=1`` rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = bool(os.environ.get("FLOWLINT_UPDATE_GOLDEN"))


def check_golden(path: Path, text: str) -> None:
    """``text`` equals the golden file at ``path`` (written instead when updating)."""
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with FLOWLINT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
