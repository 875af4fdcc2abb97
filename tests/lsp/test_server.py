"""``flowlint lsp`` end to end: the server in a subprocess, a real LSP client (pygls's) speaking to it."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygls.lsp.client", reason='the language server needs pygls: pip install -e ".[lsp]"')

from lsprotocol import types as lsp  # noqa: E402

from tests.lsp.client import apply_edits, session  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("routes.json", "clean.json", "typo.json"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def run(scenario) -> None:
    asyncio.run(asyncio.wait_for(scenario, 60))


def test_diagnostics_after_open_then_none_after_the_fix(folder: Path) -> None:
    async def scenario() -> None:
        path = folder / "routes.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        async with session(folder) as editor:
            editor.open(uri, text)
            found = await editor.diagnostics(uri, 1)
            by_code = {d.code: d for d in found}
            assert set(by_code) == {"FL307", "FL308"}
            route = by_code["FL308"]
            assert route.severity == lsp.DiagnosticSeverity.Error
            assert route.source == "flowlint"
            assert route.code_description.href.endswith("rules.md#fl308-missing-direct-route")
            # line 9, column 13 of the file ("FIRST"), 0-based in LSP; the second place is related information
            assert (route.range.start.line, route.range.start.character, route.range.end.character) == (8, 12, 19)
            assert [r.location.range.start.line for r in route.related_information] == [37]
            fixed = text.replace('"FIRST": []', '"FIRST": ["SECOND"]')
            version = editor.change(uri, fixed)
            assert await editor.diagnostics(uri, version) == []

    run(scenario())


def test_a_stale_version_is_never_published(folder: Path) -> None:
    async def scenario() -> None:
        path = folder / "clean.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        async with session(folder, {"debounceMs": 0}) as editor:
            editor.open(uri, text)
            assert await editor.diagnostics(uri, 1) == []
            broken = [text.replace('"TextBody"', '"TextBdy"'), text.replace('"Second', '"Second!'), text + "{"]
            versions = [editor.change(uri, t) for t in broken]  # three versions at once, the last one broken
            final = editor.change(uri, text)
            assert await editor.diagnostics(uri, final) == []
            await editor.settle(0.5)
            published = [p.version for p in editor.published if p.uri == uri]
            # nothing published after the final version, and never an older version after a newer one
            assert published[-1] == final and published == sorted(published)
            assert all(v in versions or v in (1, final) for v in published)

    run(scenario())


def test_hover(folder: Path) -> None:
    async def scenario() -> None:
        path = folder / "routes.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        async with session(folder) as editor:
            editor.open(uri, text)
            await editor.diagnostics(uri, 1)
            component = await editor.hover(uri, text, '"TextInput"')
            assert "**TextInput** (component)" in component.contents.value
            assert "versions" in component.contents.value and "`label`" in component.contents.value
            form = await editor.hover(uri, text, "${form.full_name}", 3)
            assert "TextInput `full_name`" in form.contents.value and "type: string" in form.contents.value
            # after an emoji on the same line: UTF-16 columns
            data = await editor.hover(uri, text, "${data.greeting}", 3)
            assert "type: string" in data.contents.value and "Hi 👋" in data.contents.value
            line = text[: text.index("${data.greeting}")].rsplit("\n", 1)[-1]
            assert data.range.start.character == len(line.encode("utf-16-le")) // 2 - 1  # the opening quote
            label = await editor.hover(uri, text, '"label": "Name"', 2)
            assert "20 characters" in label.contents.value  # the limit of Meta's components reference
            action = await editor.hover(uri, text, '"navigate"', 2)
            assert "**navigate** (action)" in action.contents.value

    run(scenario())


def test_completion_also_in_a_broken_document(folder: Path) -> None:
    async def scenario() -> None:
        path = folder / "routes.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        async with session(folder) as editor:
            editor.open(uri, text)
            await editor.diagnostics(uri, 1)
            in_form = [i.label for i in await editor.complete(uri, text, '"TextInput"', 5)]
            assert "TextArea" in in_form and "Form" not in in_form  # a Form holds no Form
            top = [i.label for i in await editor.complete(uri, text, '"TextHeading"', 5)]
            assert "Form" in top
            assert [i.label for i in await editor.complete(uri, text, '"name": "SECOND"', 10)] == ["FIRST", "SECOND"]
            fields = [i.label for i in await editor.complete(uri, text, "${form.full_name}", len("${form.fu"))]
            assert fields == ["full_name"]
            # a half-typed component in a document that no longer parses
            marker = '{"type": "TextInput", "name": "full_name", "label": "Name"},'
            broken = text.replace(marker, marker + '\n              {"type": "Dro')
            editor.change(uri, broken)
            types = [i.label for i in await editor.complete(uri, broken, '{"type": "Dro', len('{"type": "Dro'))]
            assert "Dropdown" in types
            properties = [i.label for i in await editor.complete(uri, broken, '"label": "Name"', -1)]
            assert "required" in properties and "label" not in properties

    run(scenario())


def test_definition_and_references(folder: Path) -> None:
    async def scenario() -> None:
        path = folder / "routes.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        line_of = lambda needle: text[: text.index(needle)].count("\n")  # noqa: E731
        async with session(folder) as editor:
            editor.open(uri, text)
            await editor.diagnostics(uri, 1)
            [screen] = await editor.definition(uri, text, '"name": "SECOND"', 10)
            assert screen.range.start.line == line_of('"id": "SECOND"')
            [field] = await editor.definition(uri, text, "${form.full_name}", 8)
            assert field.range.start.line == line_of('"name": "full_name"')
            [data] = await editor.definition(uri, text, "${data.greeting}", 8)
            assert data.range.start.line == line_of('"greeting": {')
            uses = await editor.references(uri, text, '"id": "SECOND"', 8)
            assert sorted(r.range.start.line for r in uses) == [line_of('"name": "SECOND"'), line_of('"id": "SECOND"')]
            symbols = await editor.symbols(uri)
            assert [s.name for s in symbols] == ["FIRST", "SECOND"]
            assert [c.name for c in symbols[0].children] == ["TextHeading", "Form"]

    run(scenario())


def test_quick_fixes_make_the_diagnostic_go_away(folder: Path) -> None:
    async def scenario() -> None:
        async with session(folder) as editor:
            for name, code in (("typo.json", "FL204"), ("routes.json", "FL308")):
                path = folder / name
                text, uri = path.read_text(encoding="utf-8"), path.as_uri()
                editor.open(uri, text)
                [diagnostic] = [d for d in await editor.diagnostics(uri, 1) if d.code == code]
                actions = await editor.code_actions(uri, diagnostic)
                fixes = [a for a in actions if a.edit and a.edit.changes and uri in a.edit.changes]
                assert fixes, [a.title for a in actions]
                assert any(a.title.startswith(f"Disable {code} for this file") for a in actions)
                fixed = apply_edits(text, list(fixes[0].edit.changes[uri]))
                version = editor.change(uri, fixed)
                assert code not in {d.code for d in await editor.diagnostics(uri, version)}

    run(scenario())


def test_disabling_a_rule_for_the_file_in_the_configuration(folder: Path) -> None:
    async def scenario() -> None:
        config = folder / "flowlint.toml"
        config.write_text('select = ["ALL"]\n', encoding="utf-8")
        path = folder / "typo.json"
        text, uri = path.read_text(encoding="utf-8"), path.as_uri()
        async with session(folder) as editor:
            editor.open(uri, text)
            [diagnostic] = await editor.diagnostics(uri, 1)
            [action] = [a for a in await editor.code_actions(uri, diagnostic) if a.title.startswith("Disable")]
            config.write_text(apply_edits(config.read_text(), list(action.edit.changes[config.as_uri()])))
            assert "FL204" in config.read_text()
            version = editor.change(uri, text + "\n")  # the configuration is read again when it changed
            assert await editor.diagnostics(uri, version) == []

    run(scenario())


def test_a_json_file_that_is_not_a_flow_is_left_alone(folder: Path) -> None:
    async def scenario() -> None:
        other = folder / "package.json"
        other_text = '{"name": "x", "version": "1.0.0", "dependencies": {"a": 1,}}'
        flow = folder / "clean.json"
        async with session(folder) as editor:
            editor.open(other.as_uri(), other_text)
            editor.open(flow.as_uri(), flow.read_text(encoding="utf-8"))
            await editor.diagnostics(flow.as_uri(), 1)
            await editor.settle(0.3)
            assert not [p for p in editor.published if p.uri == other.as_uri()]

    run(scenario())


def test_broken_documents_do_not_stop_the_server(folder: Path) -> None:
    async def scenario() -> None:
        text = (folder / "clean.json").read_text(encoding="utf-8")
        cases = {
            "syntax.json": (text.replace('"title": "First",', '"title": "First"'), "FL001"),
            "huge.json": (text[:-3] + ', "padding": "' + "x" * 10_500_000 + '"}\n', "FL006"),
            "binary.json": ('{"version": "7.3", "screens": [\x00\x01\x02\ufffd\ud7ff\x7f' + "\x00" * 1000, "FL001"),
        }
        async with session(folder) as editor:
            for name, (content, code) in cases.items():
                uri = (folder / name).as_uri()
                editor.open(uri, content)
                found = await editor.diagnostics(uri, 1)
                assert code in {d.code for d in found}, (name, found)
                assert await editor.hover(uri, content, '"version"') is not None or True
                await editor.complete(uri, content, '"screens"', 3)
                await editor.symbols(uri)
            # still answering
            clean = (folder / "clean.json").as_uri()
            editor.open(clean, text)
            assert await editor.diagnostics(clean, 1) == []

    run(scenario())
