"""The language features, as plain functions of a :class:`Snapshot` (one version of one document).

Checking is :mod:`flowlint.lsp.checking`'s (``flowlint check`` on one text, configuration included); this module
answers questions about places. Every answer reads the
current text through the tolerant scan (:mod:`flowlint.lsp.text`) and the document's value: the current one when
the text parses, else the last one that did (so a half-typed component still gets completions).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from lsprotocol import types as lsp

from flowlint.diagnostics import Diagnostic, JsonPath, Pointer
from flowlint.lsp import knowledge
from flowlint.lsp.text import LspIndex, Outline, place_at, scan
from flowlint.positions import Span

__all__ = [
    "Snapshot",
    "code_actions",
    "completion",
    "definition",
    "document_symbols",
    "hover",
    "references",
]

_BINDING_AT = re.compile(r"\$\{[^}\s`]*\}?")
_OPEN_BINDING = re.compile(r"\$\{([A-Za-z0-9_.,-]*)$")
_SCREEN_REFERENCE_KEYS = ("next",)


class Snapshot:
    """One version of a document, with what features read from it, computed on first use."""

    def __init__(
        self,
        uri: str,
        version: int | None,
        text: str,
        value: Any,
        findings: list[Diagnostic] | None = None,
        diagnostics: list[dict[str, Any]] | None = None,
        *,
        path: Path | None = None,
        index: LspIndex | None = None,
    ) -> None:
        self.uri = uri
        self.version = version
        self.text = text
        self.value = value if isinstance(value, dict) else {}
        self.findings = findings or []
        self.path = path
        self.diagnostic_dicts = diagnostics or []
        self._index: LspIndex | None = index
        self._outline: Outline | None = None
        self._model: Any = None
        self._lsp: list[lsp.Diagnostic] | None = None

    @property
    def index(self) -> LspIndex:
        if self._index is None:
            self._index = LspIndex(self.text)
        return self._index

    @property
    def outline(self) -> Outline:
        if self._outline is None:
            self._outline = scan(self.text)
        return self._outline

    @property
    def model(self) -> Any:
        if self._model is None:
            from flowlint.rules.model import build_model
            from flowlint.versions import FlowVersion

            version = FlowVersion.from_text(knowledge.schema_version(self.value))
            self._model = build_model(self.value, version)  # type: ignore[arg-type]
        return self._model

    def diagnostics(self) -> list[lsp.Diagnostic]:
        """The findings as lsprotocol objects (from :func:`flowlint.lsp.checking.diagnostic_dict`)."""
        if self._lsp is None:
            from lsprotocol.converters import get_converter

            converter = get_converter()
            self._lsp = [converter.structure(d, lsp.Diagnostic) for d in self.diagnostic_dicts]
        return self._lsp

    def offset(self, position: lsp.Position) -> int:
        return self.index.offset(position.line, position.character)

    def range(self, start: int, end: int) -> lsp.Range:
        return _range(self.index, start, end)


def _range(index: LspIndex, start: int, end: int) -> lsp.Range:
    (l1, c1), (l2, c2) = index.position(start), index.position(max(end, start))
    return lsp.Range(lsp.Position(l1, c1), lsp.Position(l2, c2))


# --- places -----------------------------------------------------------------------------------------------------


def _value_at(doc: Any, path: JsonPath) -> Any:
    for key in path:
        if isinstance(key, int) and isinstance(doc, list) and 0 <= key < len(doc):
            doc = doc[key]
        elif isinstance(key, str) and isinstance(doc, dict):
            doc = doc.get(key)
        else:
            return None
    return doc


def _component_of(doc: Any, path: JsonPath) -> str | None:
    """The ``type`` of the component that owns ``path`` (a key or value of it), if ``path`` is in a component."""
    if len(path) < 2 or not isinstance(path[-2], int):
        return None
    parent = _value_at(doc, path[:-1])
    container = path[-3] if len(path) >= 3 else None
    if container not in ("children", "then", "else") and not (len(path) >= 4 and path[-4] == "cases"):
        return None
    kind = parent.get("type") if isinstance(parent, dict) else None
    return kind if isinstance(kind, str) else None


def _screen_index(path: JsonPath) -> int | None:
    return path[1] if len(path) > 1 and path[0] == "screens" and isinstance(path[1], int) else None


def _screen_ids(doc: Any) -> list[str]:
    screens = doc.get("screens") if isinstance(doc, dict) else None
    ids = [s.get("id") for s in screens if isinstance(s, dict)] if isinstance(screens, list) else []
    return [i for i in ids if isinstance(i, str)]


def _names_reference_screen(path: JsonPath) -> bool:
    """``next.name`` of an action, or a destination in ``routing_model``."""
    return (len(path) >= 2 and path[-1] == "name" and path[-2] == "next") or (
        len(path) == 3 and path[0] == "routing_model" and isinstance(path[2], int)
    )


def _char_place(snap: Snapshot, offset: int) -> Any:
    """The place of the character at ``offset`` (hover, definition: the cursor is on a character)."""
    place = place_at(snap.text, min(offset + 1, len(snap.text)))
    if place.start < 0 or place.start > offset:
        return place_at(snap.text, offset)
    return place


def _binding_at(token: str, cursor: int) -> tuple[str, int, int] | None:
    """The ``${…}`` of a raw string token around ``cursor`` (an index into ``token``): text, start, end."""
    for match in _BINDING_AT.finditer(token):
        if match.start() <= cursor <= match.end():
            return match.group(), match.start(), match.end()
    return None


# --- hover ------------------------------------------------------------------------------------------------------


def hover(snap: Snapshot, offset: int) -> lsp.Hover | None:
    place = _char_place(snap, offset)
    doc = snap.value
    text: str | None = None
    if place.kind == "key":
        text = knowledge.describe_property(doc, place.path, _component_of(doc, place.path))
    elif place.kind == "value":
        token = place.token(snap.text)
        path = place.path
        found = _binding_at(token, offset - place.start) if token.startswith('"') else None
        value = _json_text(token)
        if found is not None:
            text = _describe_binding(snap, path, found[0])
        elif len(path) >= 2 and path[-1] == "type" and isinstance(path[-2], int) and isinstance(value, str):
            text = knowledge.describe_component(doc, path, value)
        elif len(path) >= 2 and path[-1] == "name" and path[-2] in knowledge.ACTION_KEYS and isinstance(value, str):
            text = knowledge.describe_action(value)
        elif _names_reference_screen(path) and isinstance(value, str):
            text = _describe_screen(doc, value)
        elif path:
            text = knowledge.describe_property(doc, path, _component_of(doc, path))
    if not text:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), snap.range(place.start, place.end))


def _json_text(token: str) -> Any:
    try:
        return json.loads(token)
    except ValueError:
        return token[1:].rstrip('"') if token.startswith('"') else None


def _describe_screen(doc: Any, screen_id: str) -> str:
    screens = doc.get("screens") if isinstance(doc, dict) else None
    for i, screen in enumerate(screens if isinstance(screens, list) else []):
        if isinstance(screen, dict) and screen.get("id") == screen_id:
            title = screen.get("title")
            extra = " (terminal)" if screen.get("terminal") is True else ""
            return f"**screen `{screen_id}`**{extra}: screens[{i}]" + (f", title {json.dumps(title)}" if title else "")
    return f"**`{screen_id}`**: no screen has this id"


def _describe_binding(snap: Snapshot, path: JsonPath, text: str) -> str:
    from flowlint.rules.model import parse_binding

    binding = parse_binding(text)
    index = _screen_index(path)
    if binding is None:
        return f"`{text}`: not a complete `${{data.…}}` / `${{form.…}}` binding"
    model = snap.model
    if index is None or index >= len(model.screens):
        return f"`{text}`: a {binding.kind} binding (outside a screen)"
    screen = model.binding_target_screen(model.screens[index], binding)
    if screen is None:
        return f"`{text}`: no screen `{binding.screen}`"
    where = f"screen `{screen.id}`"
    schema = model.binding_schema(screen, binding)
    if binding.kind == "form":
        comp = model.form_field(screen, binding.path[0])
        if comp is None:
            return f"`{text}`: no component named `{binding.path[0]}` on {where}"
        kind = schema.get("type") if isinstance(schema, dict) else None
        return (
            f"`{text}`: the value of the {comp.type} `{comp.name}` on {where}"
            + (f"\n\n- type: {_schema_type(schema)}" if kind else "\n\n- this component holds no value")
        )
    if schema is None:
        return f"`{text}`: `{'.'.join(binding.path)}` is not declared in the `data` of {where}"
    lines = [f"`{text}`: data declared in the `data` of {where}", "", f"- type: {_schema_type(schema)}"]
    if "__example__" in schema:
        example = json.dumps(schema["__example__"], ensure_ascii=False)
        lines.append(f"- example: `{example[:200]}`")
    return "\n".join(lines)


def _schema_type(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "unknown"
    kind = schema.get("type")
    if kind == "array" and isinstance(schema.get("items"), dict):
        return f"array of {_schema_type(schema['items'])}"
    return str(kind) if kind else "unknown"


# --- completion -------------------------------------------------------------------------------------------------


def completion(snap: Snapshot, offset: int) -> list[lsp.CompletionItem]:
    place = place_at(snap.text, offset)
    doc = snap.value
    token = place.token(snap.text)
    if place.kind == "value" and token.startswith('"'):
        before = snap.text[place.start + 1 : offset]
        opened = _OPEN_BINDING.search(before)
        if opened is not None:
            return _binding_items(snap, place.path, opened.group(1), offset)
    if place.kind in ("value", "new-value"):
        start, end = (place.start, place.end) if place.start >= 0 else (offset, offset)
        edit_range = snap.range(start, end)
        return [
            lsp.CompletionItem(
                label=str(value) if isinstance(value, str) else json.dumps(value),
                kind=lsp.CompletionItemKind.EnumMember,
                detail=detail,
                filter_text=json.dumps(value),
                text_edit=lsp.TextEdit(edit_range, json.dumps(value)),
            )
            for value, detail in _value_candidates(doc, place.path)
        ]
    object_path = place.path[:-1] if place.kind == "key" else place.path
    present = _value_at(doc, object_path)
    present_keys = set(present) if isinstance(present, dict) else set()
    if place.kind == "key":
        present_keys.discard(place.path[-1])
    start, end = (place.start, place.end) if place.start >= 0 else (offset, offset)
    items = []
    for name, detail in _key_candidates(doc, object_path):
        if name in present_keys:
            continue
        new_text = json.dumps(name) if place.kind == "key" else f"{json.dumps(name)}: "
        items.append(
            lsp.CompletionItem(
                label=name,
                kind=lsp.CompletionItemKind.Property,
                detail=detail,
                filter_text=json.dumps(name),
                text_edit=lsp.TextEdit(snap.range(start, end), new_text),
            )
        )
    return items


def _value_candidates(doc: Any, path: JsonPath) -> list[tuple[Any, str | None]]:
    if _names_reference_screen(path):
        return [(i, "screen") for i in _screen_ids(doc)]
    if len(path) >= 2 and path[-1] == "type" and path[-2] == "next":
        return [("screen", None)]
    schemas = knowledge.schemas_at(doc, path)
    values = knowledge.enum_values(schemas)
    if not values and any(s.get("type") == "boolean" for s in schemas):
        values = [True, False]
    detail = None
    if path and path[-1] == "type" and len(path) >= 2 and isinstance(path[-2], int):
        detail = f"component (Flow JSON {knowledge.schema_version(doc)})"
    return [(v, detail) for v in values]


def _key_candidates(doc: Any, path: JsonPath) -> list[tuple[str, str | None]]:
    if path == ("routing_model",):
        return [(i, "screen") for i in _screen_ids(doc)]
    schemas = knowledge.schemas_at(doc, path)
    required = knowledge.required_names(schemas)
    return [(name, "required" if name in required else None) for name in knowledge.property_names(schemas)]


def _binding_items(snap: Snapshot, path: JsonPath, expression: str, offset: int) -> list[lsp.CompletionItem]:
    parts = expression.split(".")
    partial, head = parts[-1], parts[:-1]
    doc = snap.value
    model = snap.model
    index = _screen_index(path)
    here = model.screens[index] if index is not None and index < len(model.screens) else None
    candidates: list[tuple[str, str]] = []
    if not head:
        candidates = [("data", "screen data"), ("form", "form fields"), ("screen", "another screen's data or form")]
    elif head == ["form"] and here is not None:
        candidates = _field_names(here)
    elif head[0] == "data" and here is not None:
        candidates = _data_names(here.data, head[1:])
    elif head[0] == "screen":
        if len(head) == 1:
            candidates = [(i, "screen") for i in _screen_ids(doc)]
        elif len(head) == 2:
            candidates = [("data", "screen data"), ("form", "form fields")]
        else:
            other = model.by_id.get(head[1])
            if other is not None and head[2] == "form" and len(head) == 3:
                candidates = _field_names(other)
            elif other is not None and head[2] == "data":
                candidates = _data_names(other.data, head[3:])
    edit_range = snap.range(offset - len(partial), offset)
    return [
        lsp.CompletionItem(
            label=name, kind=lsp.CompletionItemKind.Variable, detail=detail, text_edit=lsp.TextEdit(edit_range, name)
        )
        for name, detail in candidates
    ]


def _field_names(screen: Any) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for comp in screen.components:
        if comp.name is not None and comp.type != "Form" and comp.name not in seen:
            seen[comp.name] = comp.type or "component"
    return list(seen.items())


def _data_names(data: Any, path: list[str]) -> list[tuple[str, str]]:
    from flowlint.rules.model import resolve_schema

    if path:
        node = resolve_schema(data, tuple(path))
        data = node.get("properties") if isinstance(node, dict) else None
    if not isinstance(data, dict):
        return []
    return [(k, _schema_type(v)) for k, v in data.items() if isinstance(v, dict)]


# --- definition and references ----------------------------------------------------------------------------------


def _target(snap: Snapshot, offset: int) -> tuple[str, Any, Any] | None:
    """What the cursor names: ("screen", id, None), ("form", screen index, name) or ("data", screen index, name)."""
    place = _char_place(snap, offset)
    path = place.path
    token = place.token(snap.text)
    if place.kind == "key":
        if len(path) == 2 and path[0] == "routing_model":
            return ("screen", path[1], None)
        if len(path) == 4 and path[0] == "screens" and path[2] == "data":
            return ("data", path[1], path[3])
        return None
    if place.kind != "value" or not token.startswith('"'):
        return None
    value = _json_text(token)
    found = _binding_at(token, offset - place.start)
    index = _screen_index(path)
    if found is not None:
        from flowlint.rules.model import parse_binding

        binding = parse_binding(found[0])
        if binding is None or index is None:
            return None
        if binding.screen is not None:
            other = snap.model.by_id.get(binding.screen)
            if other is None:
                return None
            index = other.index
        return (binding.kind, index, binding.path[0])
    if _names_reference_screen(path) or (len(path) == 3 and path[0] == "screens" and path[2] == "id"):
        return ("screen", value, None) if isinstance(value, str) else None
    if index is not None and path[-1] == "name" and _component_of(snap.value, path) is not None:
        return ("form", index, value)
    return None


def _declaration(snap: Snapshot, target: tuple[str, Any, Any]) -> tuple[int, int] | None:
    kind, first, second = target
    outline = snap.outline
    if kind == "screen":
        for i, screen_id in _indexed_screen_ids(snap.value):
            if screen_id == first:
                return outline.value_range(("screens", i, "id"))
        return None
    model = snap.model
    if not isinstance(first, int) or first >= len(model.screens):
        return None
    screen = model.screens[first]
    if kind == "form":
        comp = model.form_field(screen, second)
        return outline.value_range(comp.path + ("name",)) if comp is not None else None
    return outline.key_range(("screens", first, "data", second))


def _indexed_screen_ids(doc: Any) -> Iterator[tuple[int, str]]:
    screens = doc.get("screens") if isinstance(doc, dict) else None
    for i, screen in enumerate(screens if isinstance(screens, list) else []):
        if isinstance(screen, dict) and isinstance(screen.get("id"), str):
            yield i, screen["id"]


def definition(snap: Snapshot, offset: int) -> list[lsp.Location]:
    target = _target(snap, offset)
    found = _declaration(snap, target) if target is not None else None
    return [lsp.Location(snap.uri, snap.range(*found))] if found else []


def _strings(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def references(snap: Snapshot, offset: int, *, include_declaration: bool = True) -> list[lsp.Location]:
    target = _target(snap, offset)
    if target is None:
        return []
    kind, first, second = target
    ranges: list[tuple[int, int]] = []
    outline = snap.outline
    if include_declaration:
        declared = _declaration(snap, target)
        if declared:
            ranges.append(declared)
    if kind == "screen":
        for path, value in _strings(snap.value):
            if value == first and _names_reference_screen(path):
                found = outline.value_range(path)
                if found:
                    ranges.append(found)
        routing = snap.value.get("routing_model")
        if isinstance(routing, dict) and first in routing:
            found = outline.key_range(("routing_model", first))
            if found:
                ranges.append(found)
    else:
        screen_id = snap.model.screens[first].id if isinstance(first, int) and first < len(snap.model.screens) else None
        local = re.compile(r"\$\{" + kind + r"\." + re.escape(str(second)) + r"(?=[.}])")
        remote = re.compile(
            r"\$\{screen\." + re.escape(str(screen_id)) + r"\." + kind + r"\." + re.escape(str(second)) + r"(?=[.}])"
        )
        for path, value in _strings(snap.value):
            if "${" not in value:
                continue
            patterns = [remote] + ([local] if _screen_index(path) == first else [])
            found = outline.value_range(path)
            if not found:
                continue
            token = snap.text[found[0] : found[1]]
            for pattern in patterns:
                for match in pattern.finditer(token):
                    ranges.append((found[0] + match.start(), found[0] + match.end() + 1))
    unique = sorted(set(ranges))
    return [lsp.Location(snap.uri, snap.range(start, end)) for start, end in unique]


# --- document symbols -------------------------------------------------------------------------------------------


def document_symbols(snap: Snapshot) -> list[lsp.DocumentSymbol]:
    doc = snap.value
    screens = doc.get("screens")
    out = []
    for i, screen in enumerate(screens if isinstance(screens, list) else []):
        if not isinstance(screen, dict):
            continue
        path: JsonPath = ("screens", i)
        layout = screen.get("layout")
        children = layout.get("children") if isinstance(layout, dict) else None
        symbol = _symbol(
            snap,
            path,
            str(screen.get("id") or f"screens[{i}]"),
            lsp.SymbolKind.Class,
            screen.get("title") if isinstance(screen.get("title"), str) else None,
            _component_symbols(snap, children, path + ("layout", "children")),
            select=path + ("id",),
        )
        if symbol is not None:
            out.append(symbol)
    return out


def _component_symbols(snap: Snapshot, nodes: Any, path: JsonPath) -> list[lsp.DocumentSymbol]:
    out: list[lsp.DocumentSymbol] = []
    for j, node in enumerate(nodes if isinstance(nodes, list) else []):
        if not isinstance(node, dict):
            continue
        here = path + (j,)
        inner: list[lsp.DocumentSymbol] = []
        for key in ("children", "then", "else"):
            inner += _component_symbols(snap, node.get(key), here + (key,))
        cases = node.get("cases")
        if isinstance(cases, dict):
            for case, items in cases.items():
                inner += _component_symbols(snap, items, here + ("cases", case))
        kind = node.get("type") if isinstance(node.get("type"), str) else "component"
        name = node.get("name")
        symbol = _symbol(
            snap,
            here,
            str(kind),
            lsp.SymbolKind.Field if isinstance(name, str) else lsp.SymbolKind.Object,
            name if isinstance(name, str) else None,
            inner,
            select=here + ("type",),
        )
        if symbol is not None:
            out.append(symbol)
    return out


def _symbol(
    snap: Snapshot,
    path: JsonPath,
    name: str,
    kind: lsp.SymbolKind,
    detail: str | None,
    children: list[lsp.DocumentSymbol],
    *,
    select: JsonPath,
) -> lsp.DocumentSymbol | None:
    whole = snap.outline.value_range(path)
    if whole is None:
        return None
    chosen = snap.outline.value_range(select)
    if chosen is None or not (whole[0] <= chosen[0] and chosen[1] <= whole[1]):
        chosen = whole
    return lsp.DocumentSymbol(
        name=name or "?",
        kind=kind,
        range=snap.range(*whole),
        selection_range=snap.range(*chosen),
        detail=detail,
        children=children or None,
    )


# --- code actions -----------------------------------------------------------------------------------------------

_DID_YOU_MEAN = re.compile(r"did you mean (?:screen )?'([^']*)'\?")
_DID_YOU_MEAN_BINDING = re.compile(r"did you mean (\$\{[^}]*\})\?")


def code_actions(snap: Snapshot, start: int, end: int, *, config: Any = None) -> list[lsp.CodeAction]:
    """Quick fixes for the findings that touch ``[start, end]``: the "did you mean" hints, a missing route,
    and turning a rule off for this file (``config``: :class:`ConfigTarget`)."""
    actions: list[lsp.CodeAction] = []
    disabled: set[str] = set()
    for diag, lsp_diag in zip(snap.findings, snap.diagnostics()):
        places = [(p, fix) for p, fix in diag.places() if p.span is not None]
        if not any(_touches(p.span, start, end) for p, _ in places):  # type: ignore[arg-type]
            continue
        autofix = getattr(diag, "autofix", None)  # flowlint.fixes: the same edits as `flowlint --fix`
        if autofix is not None and autofix.edits:
            actions.append(_autofix_action(snap, diag, autofix, lsp_diag))
        else:
            hints = _split_hints(diag, places)
            for (pointer, _), fix in zip(places, hints):
                action = _hint_action(snap, pointer, fix, lsp_diag)
                if action is not None:
                    actions.append(action)
            if diag.rule == "FL308":
                actions += _route_actions(snap, diag, lsp_diag)
        if config is not None and diag.rule and diag.rule not in disabled:
            disabled.add(diag.rule)
            action = config.ignore_action(diag.rule, lsp_diag)
            if action is not None:
                actions.append(action)
    return actions


def _autofix_action(snap: Snapshot, diag: Diagnostic, autofix: Any, lsp_diag: lsp.Diagnostic) -> lsp.CodeAction:
    edits = [lsp.TextEdit(snap.range(e.start, e.end), e.content) for e in autofix.edits]
    safe = autofix.applicability == "safe"
    title = autofix.message or f"Fix {diag.rule}"
    return lsp.CodeAction(
        title=title[:1].upper() + title[1:] + ("" if safe else " (changes what the flow does)"),
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[lsp_diag],
        is_preferred=safe,
        edit=lsp.WorkspaceEdit(changes={snap.uri: edits}),
    )


def _touches(span: Span, start: int, end: int) -> bool:
    if span.start < 0:
        return False
    return span.start <= end and start <= max(span.end, span.start + 1)


def _split_hints(diag: Diagnostic, places: list[tuple[Pointer, str | None]]) -> list[str | None]:
    """Each place's hint; a hint that joins several ("did you mean screen 'A'; did you mean screen 'B'") is dealt
    out to the places in order when it has one part per place."""
    hints = [fix for _, fix in places]
    if len(places) > 1 and hints[0] and all(h == hints[0] for h in hints):
        parts = hints[0].split("; ")
        if len(parts) == len(places):
            return list(parts)
        return [hints[0]] + [None] * (len(places) - 1)
    return hints


def _hint_action(snap: Snapshot, pointer: Pointer, fix: str | None, lsp_diag: lsp.Diagnostic) -> lsp.CodeAction | None:
    if not fix or pointer.span is None or pointer.span.start < 0:
        return None
    start, end = pointer.span.start, pointer.span.end
    token = snap.text[start:end]
    if not token.startswith('"'):
        return None
    match = _DID_YOU_MEAN.search(fix)
    if match is not None and "; " not in fix:
        new_text = json.dumps(match.group(1), ensure_ascii=False)
        title = f"Replace with '{match.group(1)}'"
    else:
        match = _DID_YOU_MEAN_BINDING.search(fix)
        if match is None:
            return None
        wanted = match.group(1)
        current = [m for m in _BINDING_AT.finditer(token) if m.group().split(".")[0] == wanted.split(".")[0]]
        if len(current) != 1:
            return None
        start, end = start + current[0].start(), start + current[0].end()
        new_text, title = wanted, f"Replace with {wanted}"
    edit = lsp.TextEdit(snap.range(start, end), new_text)
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[lsp_diag],
        is_preferred=True,
        edit=lsp.WorkspaceEdit(changes={snap.uri: [edit]}),
    )


def _route_actions(snap: Snapshot, diag: Diagnostic, lsp_diag: lsp.Diagnostic) -> list[lsp.CodeAction]:
    """FL308: add ``target`` to ``routing_model[source]`` for each navigate edge the routing model lacks."""
    path = diag.path
    index = _screen_index(path)
    model = snap.model
    if index is None or index >= len(model.screens) or model.screens[index].id is None:
        return []
    source = model.screens[index].id
    given = model.routing_edges()
    missing = [t for t in model.generated_routes.get(source, []) if t not in given.get(source, []) and t in model.by_id]
    out = []
    for target in missing:
        edit = _route_edit(snap, source, target)
        if edit is not None:
            out.append(
                lsp.CodeAction(
                    title=f"Add the route {source} -> {target} to routing_model",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diag],
                    is_preferred=True,
                    edit=lsp.WorkspaceEdit(changes={snap.uri: [edit]}),
                )
            )
    return out


def _route_edit(snap: Snapshot, source: str, target: str) -> lsp.TextEdit | None:
    outline, text = snap.outline, snap.text
    quoted = json.dumps(target)
    destinations = outline.entries.get(("routing_model", source))
    if destinations is not None and destinations.value_end > destinations.value_start:
        close = destinations.value_end - 1
        if text[close] != "]":
            return None
        inner = text[destinations.value_start + 1 : close].strip()
        insert = f", {quoted}" if inner else quoted
        end = close
        while end > destinations.value_start + 1 and text[end - 1] in " \t\r\n":
            end -= 1
        return lsp.TextEdit(snap.range(end, end), insert)
    routing = outline.entries.get(("routing_model",))
    if routing is None or routing.value_end <= routing.value_start or text[routing.value_end - 1] != "}":
        return None
    close = routing.value_end - 1
    inner = text[routing.value_start + 1 : close].strip()
    end = close
    while end > routing.value_start + 1 and text[end - 1] in " \t\r\n":
        end -= 1
    member = f"{json.dumps(source)}: [{quoted}]"
    return lsp.TextEdit(snap.range(end, end), f", {member}" if inner else member)
