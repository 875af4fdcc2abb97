"""No network, ever: schemas resolve only from the package, a ``$ref`` to a URL is refused rather than
fetched, and linting works with every way of opening a socket disabled."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import pytest
from hypothesis import given

import flowlint
from flowlint import request, schema
from tests.conformance import load_cases, require_shared
from tests.fuzz.checks import assert_no_internal_error
from tests.fuzz.mutations import corpus_texts, hostile_inputs


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkUsed(f"flowlint tried to use the network: {args!r}")


@contextmanager
def no_network() -> Iterator[None]:
    """Every Python way to a socket raises (name resolution included)."""
    saved = {name: getattr(socket, name) for name in ("socket", "create_connection", "getaddrinfo", "socketpair")}
    for name in saved:
        setattr(socket, name, _refuse)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(socket, name, value)


def test_the_guard_does_refuse_sockets() -> None:
    with no_network(), pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def _refs(node: Any) -> Iterator[str]:
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("$ref", "$dynamicRef") and isinstance(inner, str):
                    yield inner
                stack.append(inner)
        elif isinstance(value, list):
            stack.extend(value)


def test_every_packaged_schema_refers_only_to_itself() -> None:
    folder = resources.files("flowlint.schemas")
    names = [entry.name for entry in folder.iterdir() if entry.name.endswith(".json")]
    assert "flow-json-7.3.json" in names and "create-flow-request.json" in names
    for name in names:
        document = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
        outside = [ref for ref in _refs(document) if not ref.startswith("#")]
        assert outside == [], f"{name} refers outside itself: {outside}"


def test_a_ref_to_a_url_is_refused_not_fetched() -> None:
    from referencing.exceptions import Unresolvable

    with no_network():
        resolver = schema._registry("7.3").resolver()
        with pytest.raises(Unresolvable):
            resolver.lookup("https://example.com/flow-json.json")
        # The request validator's registry is explicit and empty too (jsonschema's default would fetch).
        remote = request._validator().evolve(schema={"$ref": "https://example.com/request.json"})
        with pytest.raises(Unresolvable):
            remote.is_valid({})


def test_conformance_cases_and_corpus_lint_offline() -> None:
    require_shared()
    inputs = [case.flow_bytes for case in load_cases()] + corpus_texts()
    assert len(inputs) > 100
    # Schemas and validators are loaded and compiled once per process: forget them, so that loading them
    # happens offline too.
    for cached in (schema._load, schema._registry, schema.validator_for, schema._native_validator,
                   schema._fast_validator, schema.schema_versions, request._validator, request.request_schema):
        cached.cache_clear()
    with no_network():
        offline = [flowlint.lint(data).to_dicts() for data in inputs]
        for data in corpus_texts()[:5]:
            body = {"name": "Flow", "categories": ["OTHER"], "flowJson": data.decode("utf-8-sig")}
            assert flowlint.check_create_request(body, account_id="0" * 32, channel_id="2").accepted
    online = [flowlint.lint(data).to_dicts() for data in inputs]
    assert offline == online


@given(hostile_inputs)
def test_fuzzed_inputs_lint_offline(data: bytes) -> None:
    with no_network():
        report = flowlint.lint(data)
    assert_no_internal_error(report.diagnostics)
