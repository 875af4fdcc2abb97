"""Fixtures shared by the request tests: request bodies and flows the foundation already judges."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ACCOUNT = "0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e"
CHANNEL = "a1b2c3"

#: A small valid 7.3 flow.
GOOD_FLOW: dict[str, Any] = {
    "version": "7.3",
    "screens": [
        {
            "id": "WELCOME",
            "title": "Welcome",
            "terminal": True,
            "success": True,
            "data": {},
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "TextHeading", "text": "Hello World"},
                    {"type": "Footer", "label": "Complete", "on-click-action": {"name": "complete", "payload": {}}},
                ],
            },
        }
    ],
}

#: A 7.3 flow whose footer calls the endpoint.
EXCHANGE_FLOW: dict[str, Any] = {
    "version": "7.3",
    "data_api_version": "3.0",
    "routing_model": {"WELCOME": []},
    "screens": [
        {
            "id": "WELCOME",
            "title": "Welcome",
            "terminal": True,
            "data": {},
            "layout": {
                "type": "SingleColumnLayout",
                "children": [
                    {"type": "Footer", "label": "Send", "on-click-action": {"name": "data_exchange", "payload": {}}},
                ],
            },
        }
    ],
}

#: Flow texts with findings the foundation reports (version gate and parser), whatever the later stages add.
FLOWS_WITH_FINDINGS = {
    "missing-version": '{"screens": [{"id": "A", "title": "Caf\u00e9 \\"quoted\\" \U0001f600"}]}',
    "numeric-version": '{"version": 7.3, "screens": []}',
    "duplicate-key": '{"version": "7.3", "screens": [], "screens": [{"id": "\u00e9t\u00e9"}]}',
    "syntax-error": '{"version": "7.3", "title": "\U0001f600 caf\u00e9", "screens": [}',
    "legacy-version": '{"version": "3.0", "screens": []}',
}


def body(**fields: Any) -> dict[str, Any]:
    """A valid Create Flow body, with ``fields`` replacing or adding fields (``None`` removes one)."""
    out: dict[str, Any] = {"name": "Example Flow", "categories": ["OTHER"], "flowJson": json.dumps(GOOD_FLOW)}
    for key, value in fields.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def rules_of(diagnostics: Any) -> list[str]:
    return [d.rule for d in diagnostics]


@contextmanager
def running_server(
    max_body_bytes: int | None = None, *, quiet: bool = True, public_url: str | None = None, **limits: Any
) -> Iterator[Any]:
    """A ``flowlint serve`` server on a free port of 127.0.0.1, serving in a thread until the block ends;
    ``limits`` are other ``ServerLimits`` fields (small ones meet each bound in a second)."""
    import threading

    from flowlint.server import ServerLimits, make_server

    srv = make_server(
        "127.0.0.1",
        0,
        quiet=quiet,
        limits=ServerLimits(**limits),
        max_body_bytes=max_body_bytes,
        public_url=public_url,
    )
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)
