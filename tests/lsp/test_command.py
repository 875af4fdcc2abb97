"""``flowlint lsp`` without the extra, and the base install never importing pygls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_WITHOUT_PYGLS = """
import sys
sys.modules["pygls"] = None  # as if the extra were not installed
from flowlint.cli import main
main(["lsp"])
"""


def test_without_pygls_it_names_the_extra_and_exits_2() -> None:
    result = subprocess.run([sys.executable, "-c", _WITHOUT_PYGLS], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert 'pip install "whatsapp-flowlint[lsp]"' in result.stderr


def test_the_base_commands_do_not_import_pygls() -> None:
    code = (
        "import sys, flowlint, flowlint.cli\n"
        "flowlint.lint(open('examples/hello-world.json').read())\n"
        "flowlint.cli.cli.list_commands(None)\n"
        "assert not [m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))], 'pygls imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_the_early_capabilities_are_the_servers() -> None:
    pytest.importorskip("pygls.lsp.client", reason='the language server needs pygls: pip install -e ".[lsp]"')
    import json

    from flowlint.lsp.bootstrap import CAPABILITIES

    request = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    code = (
        "import io, sys\n"
        "from flowlint.lsp.server import build_server\n"
        "out = io.BytesIO()\n"
        "body = sys.argv[1].encode()\n"
        "build_server().start_io(io.BytesIO(b'Content-Length: %d\\r\\n\\r\\n' % len(body) + body), out)\n"
        "sys.stdout.write(out.getvalue().split(b'\\r\\n\\r\\n', 1)[1].decode())\n"
    )
    result = subprocess.run([sys.executable, "-c", code, request], capture_output=True, text=True, cwd=REPO, timeout=60)
    answer = json.loads(result.stdout)
    assert answer["result"]["capabilities"] == CAPABILITIES
