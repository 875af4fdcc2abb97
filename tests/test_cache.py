"""The on-disk cache of built lark parsers: where it lives, how to turn it off, and that it is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowlint import cache


def test_the_cache_directory_follows_flowlint_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWLINT_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    assert cache.lark_cache("json") == str(tmp_path / "c" / "lark-json.pickle")


def test_an_empty_flowlint_cache_dir_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLOWLINT_CACHE_DIR", "")
    assert cache.cache_dir() is None
    assert cache.lark_cache("json") is False


def test_xdg_cache_home_is_used_otherwise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOWLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "flowlint"


def test_a_directory_that_cannot_be_made_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("FLOWLINT_CACHE_DIR", str(blocker / "sub"))
    assert cache.cache_dir() is None


def test_the_expression_parser_is_saved_and_loaded_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flowlint import jsep_lark

    monkeypatch.setenv("FLOWLINT_CACHE_DIR", str(tmp_path))
    jsep_lark.parser.cache_clear()
    try:
        built = jsep_lark.parser()
        assert (tmp_path / "lark-expression.pickle").exists()
        jsep_lark.parser.cache_clear()
        loaded = jsep_lark.parser()
        text = "a + 1"
        assert loaded.parse(text) == built.parse(text)
    finally:
        jsep_lark.parser.cache_clear()


def test_a_corrupt_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flowlint import source

    monkeypatch.setenv("FLOWLINT_CACHE_DIR", str(tmp_path))
    (tmp_path / "lark-json.pickle").write_bytes(b"garbage")
    source._parser.cache_clear()
    try:
        root, error = source._lark_parse('{"a": [1, 2]}')
        assert error is None and root is not None and root.value == {"a": [1, 2]}
    finally:
        source._parser.cache_clear()
