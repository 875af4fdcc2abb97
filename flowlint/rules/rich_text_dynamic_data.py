"""Bindings inside text arrays (``WAFlowsJSONRichTextDynamicDataValidatorV501``, 5.1+).

RichText, TextBody and TextCaption accept their ``text`` as an array of lines; each line must be static. A
line that is a binding is reported on the component's ``type`` (README: settled by cases
``binding-rich-text-array-item`` and ``binding-text-body-array-item``).
"""

from __future__ import annotations

from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.expressions import is_binding
from flowlint.rules.base import Finding, at
from flowlint.rules.dynamic_data import MetaComponent, meta_components
from flowlint.rules.model import FlowModel

__all__ = ["RULES", "VALIDATORS"]

RULES = [
    RuleInfo(
        "FL709",
        "dynamic-text-array-item",
        "Lines of a text array are static strings.",
        "INVALID_TEXT_DYNAMIC_DATA",
        "error",
        "5.1+",
        doc="What it does: reports a binding used as one line of the `text` array of a RichText, TextBody or "
        "TextCaption.\n\nWhy is this bad? Meta rejects it: only a whole `text` may be dynamic.\n\nExample: "
        "`\"text\": [\"# Terms\", \"${data.clause}\"]`.\n\nUse instead: bind the whole text, `\"text\": "
        "\"${data.terms}\"` (a string or an array of strings in the data model).",
    ),
]

_TEXT_TYPES = ("RichText", "TextBody", "TextCaption")


def rich_text_dynamic_data(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        # Meta lists components by type (RichText first, then TextBody, then TextCaption), each in tree order.
        by_kind: dict[str, list[tuple[MetaComponent, list[Any]]]] = {}
        for comp in meta_components(model, screen):
            if comp.type in _TEXT_TYPES:
                text = comp.node.get("text")
                if isinstance(text, list):
                    by_kind.setdefault(comp.type, []).append((comp, text))
        if not by_kind:
            continue
        for kind in _TEXT_TYPES:
            for comp, text in by_kind.get(kind, ()):
                for line in text:
                    if is_binding(line):
                        message = (
                            f"Every item of the array in the 'text' property of {kind} on the screen "
                            f"'{screen.id}' should be a static string. Please remove dynamic binding - {line} "
                            "from the item of the array."
                        )
                        yield Finding("FL709", "INVALID_TEXT_DYNAMIC_DATA", message, at(comp.path + ("type",)))


VALIDATORS = {"RichTextDynamicDataV501": rich_text_dynamic_data}
