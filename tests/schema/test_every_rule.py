"""Every rule of the schema pass has a fixture that triggers it (and the valid fixtures trigger none)."""

from __future__ import annotations

from typing import Any

import pytest

import flowlint
from flowlint.schema import RULES
from tests.schema.fixtures import VALID, dumps, flow, schema_diagnostics

FOOTER = VALID["Footer"]


def _with(component: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**component, **changes}


#: rule code -> (version, layout children, screen properties): the smallest flow that breaks that rule.
TRIGGERS: dict[str, tuple[str, list[dict[str, Any]], dict[str, Any]]] = {
    "FL201": ("7.3", [_with(FOOTER, colour="red")], {}),
    "FL202": ("7.3", [{"type": "Footer", "label": "Done"}], {}),
    "FL203": ("7.3", [FOOTER], {"terminal": "true"}),
    "FL204": ("7.3", [{"type": "Paragraph", "text": "Hi"}, FOOTER], {}),
    "FL205": ("7.3", [_with(VALID["TextInput"], **{"input-type": "url"}), FOOTER], {}),
    "FL206": ("7.3", [FOOTER], {"id": "STEP_1"}),
    "FL207": ("7.3", [_with(FOOTER, label="")], {}),
    "FL208": ("7.3", [_with(VALID["Dropdown"], **{"data-source": []}), FOOTER], {}),
    "FL209": ("7.3", [_with(VALID["NavigationList"], **{"list-items": [
        {"id": "a", "main-content": {"title": "A"}, "tags": ["1", "2", "3", "4"]}]})], {}),
    "FL210": ("7.3", [_with(VALID["PhotoPicker"], **{"max-uploaded-photos": 0}), FOOTER], {}),
    "FL211": ("7.3", [_with(VALID["PhotoPicker"], **{"max-file-size-kb": 30000}), FOOTER], {}),
    "FL212": ("7.3", [_with(VALID["TextInput"], pattern="([a-z", **{"helper-text": "x"}), FOOTER], {}),
    "FL213": ("7.3", [FOOTER], {"terminal": False, "success": True}),
    "FL214": ("7.3", [_with(FOOTER, **{"left-caption": "Total"})], {}),
    "FL215": ("7.3", [{"type": "Form", "name": "f", "children": [VALID["RichText"]]}, FOOTER], {}),
    "FL216": ("6.2", [VALID["ChipsSelector"], FOOTER], {}),
    "FL217": ("6.3", [_with(VALID["TextInput"], **{"label-variant": "large"}), FOOTER], {}),
    "FL218": ("7.3", [_with(VALID["TextInput"], **{"error-message": {}}), FOOTER], {}),
    "FL219": ("3.1", [VALID["TextInput"], FOOTER], {}),
    # Meta's validator throws on the null child while it explains the misspelt type beside it.
    "FL220": ("7.3", [{"type": "TextBdy", "text": "x"}, None, FOOTER], {}),
    "FL920": ("7.3", [_with(FOOTER, label="A label that is far too long for a footer")], {}),
    "FL921": ("7.3", [_with(VALID["RadioButtonsGroup"], **{"data-source": [
        {"id": str(i), "title": str(i)} for i in range(21)]}), FOOTER], {}),
}


def test_every_rule_has_a_trigger() -> None:
    assert sorted(TRIGGERS) == sorted(info.code for info in RULES)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_fires_on_its_fixture(code: str) -> None:
    version, children, screen = TRIGGERS[code]
    text = dumps(flow(children, version, **screen))
    found = [d.rule for d in schema_diagnostics(text)]
    if code.startswith("FL9"):  # warnings of the docs limits
        found = [d.rule for d in flowlint.lint(text).diagnostics]
    assert code in found
