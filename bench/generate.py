"""Deterministic generator of realistic Flow JSON 7.3 documents for the benchmark.

A flow is a chain of screens (each with one Form of inputs, data-sources, If branches and expressions,
and a Footer that navigates to the next screen with a payload the next screen declares in its ``data``);
the last screen is terminal and completes. The size is reached by adding screens (up to Meta's 100) and
then richer screens (more components, longer option lists, larger ``__example__`` data).

:func:`clean_flow` makes a flow flowlint reports nothing on; :func:`with_schema_errors` and
:func:`with_rule_errors` inject about ten errors of various kinds (schema errors, which Meta reports
alone, and semantic errors, which it reports when the schema pass is clean). Everything is seeded:
the same arguments always give the same bytes.
"""

from __future__ import annotations

import copy
import json
import random
import string
from pathlib import Path
from typing import Any

__all__ = ["clean_flow", "with_schema_errors", "with_rule_errors", "dump", "write_corpus", "SCHEMA_ERRORS", "RULE_ERRORS"]

VERSION = "7.3"
MAX_SCREENS = 100
#: Components per screen: Meta's docs say 50 (its validator takes 100; If/Switch count, Form does not).
MAX_COMPONENTS = 50

_WORDS = (
    "account appointment balance booking branch card city claim colour confirm contact coverage date delivery "
    "details device email feedback gift hotel insurance invoice loyalty member menu message order parcel "
    "payment phone plan policy preference product promo quote rating receipt refund reminder reservation "
    "return room seat service size slot store subscription support table ticket time topping transfer "
    "travel upgrade voucher warranty"
).split()


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def _title(rng: random.Random, low: int = 1, high: int = 3) -> str:
    return _words(rng, low, high).capitalize()


def _screen_id(i: int) -> str:
    """SCREEN_A, SCREEN_B, ..., SCREEN_AA: letters only, as Meta's screen id pattern wants."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = string.ascii_uppercase[r] + letters
    return f"SCREEN_{letters}"


def _options(rng: random.Random, count: int, *, descriptions: bool) -> list[dict[str, Any]]:
    items = []
    for k in range(count):
        item: dict[str, Any] = {"id": f"opt_{k}", "title": _title(rng, 1, 3)[:30]}
        if descriptions and rng.random() < 0.6:
            item["description"] = _words(rng, 3, 8)[:300]
        items.append(item)
    return items


class _Screen:
    """Builds one screen's Form; tracks the field names and data the screen declares."""

    def __init__(self, rng: random.Random, index: int, incoming: dict[str, str], richness: float) -> None:
        self.rng = rng
        self.index = index
        self.fields: list[tuple[str, str]] = []  # (name, data type of its value)
        self.data: dict[str, Any] = {}
        self.richness = richness
        for name, kind in incoming.items():
            self.data[name] = self._declare(kind)
        self.counter = 0

    def _declare(self, kind: str) -> dict[str, Any]:
        rng = self.rng
        if kind == "array":
            return {"type": "array", "items": {"type": "string"}, "__example__": [_words(rng, 1, 2) for _ in range(3)]}
        if kind == "boolean":
            return {"type": "boolean", "__example__": rng.random() < 0.5}
        if kind == "number":
            return {"type": "number", "__example__": rng.randint(1, 500)}
        return {"type": "string", "__example__": _words(rng, 1, 4)}

    def _name(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}_{self.index}_{self.counter}"

    def _option_count(self, low: int, high: int) -> int:
        scaled = int(high * self.richness)
        return self.rng.randint(low, max(low, min(scaled, high)))

    def component(self) -> tuple[dict[str, Any], int]:
        """One form child (and how many components it counts for)."""
        rng = self.rng
        kind = rng.choices(
            ["TextInput", "TextArea", "Dropdown", "Radio", "Checkbox", "DatePicker", "Text", "If", "Chips", "Dynamic"],
            weights=[14, 6, 12, 10, 8, 6, 16, 8, 5, 6],
        )[0]
        if kind == "TextInput":
            name = self._name("input")
            input_type = rng.choice(["text", "number", "email", "phone", "passcode"])
            node = {"type": "TextInput", "name": name, "label": _title(rng, 1, 3)[:20], "input-type": input_type,
                    "required": rng.random() < 0.5, "helper-text": _words(rng, 2, 6)[:80]}
            if input_type == "text":
                node["min-chars"] = 1
                node["max-chars"] = rng.choice([40, 80, 120])
            self.fields.append((name, "number" if input_type in ("number", "passcode") else "string"))
            return node, 1
        if kind == "TextArea":
            name = self._name("notes")
            self.fields.append((name, "string"))
            return {"type": "TextArea", "name": name, "label": _title(rng)[:20], "required": False,
                    "max-length": 600, "helper-text": _words(rng, 2, 5)[:80]}, 1
        if kind == "Dropdown":
            name = self._name("choice")
            self.fields.append((name, "string"))
            return {"type": "Dropdown", "name": name, "label": _title(rng)[:20], "required": True,
                    "data-source": _options(rng, self._option_count(3, 200), descriptions=True)}, 1
        if kind == "Radio":
            name = self._name("pick")
            self.fields.append((name, "string"))
            return {"type": "RadioButtonsGroup", "name": name, "label": _title(rng)[:30],
                    "data-source": _options(rng, self._option_count(2, 20), descriptions=True),
                    "required": rng.random() < 0.5}, 1
        if kind == "Checkbox":
            name = self._name("extras")
            self.fields.append((name, "array"))
            count = self._option_count(2, 20)
            return {"type": "CheckboxGroup", "name": name, "label": _title(rng)[:30],
                    "data-source": _options(rng, count, descriptions=True),
                    "min-selected-items": 1, "max-selected-items": count}, 1
        if kind == "Chips":
            name = self._name("tags")
            self.fields.append((name, "array"))
            return {"type": "ChipsSelector", "name": name, "label": _title(rng)[:30],
                    "data-source": _options(rng, self._option_count(2, 20), descriptions=False)}, 1
        if kind == "DatePicker":
            name = self._name("date")
            self.fields.append((name, "string"))
            return {"type": "DatePicker", "name": name, "label": _title(rng)[:20], "required": False,
                    "min-date": "2024-01-01", "max-date": "2030-12-31",
                    "unavailable-dates": ["2024-12-25", "2025-01-01"]}, 1
        if kind == "If":
            flag = self._name("show")
            self.data[flag] = {"type": "boolean", "__example__": True}
            inner, _ = self._text()
            other, _ = self._text()
            return {"type": "If", "condition": f"${{data.{flag}}}", "then": [inner], "else": [other]}, 3
        if kind == "Dynamic":
            # A data-source bound to the screen's data: the `__example__` carries the options.
            source = self._name("items")
            count = self._option_count(3, 200)
            self.data[source] = {
                "type": "array",
                "items": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}}},
                "__example__": [{"id": o["id"], "title": o["title"]} for o in _options(rng, count, descriptions=False)],
            }
            name = self._name("selection")
            self.fields.append((name, "string"))
            return {"type": "Dropdown", "name": name, "label": _title(rng)[:20], "required": False,
                    "data-source": f"${{data.{source}}}"}, 1
        return self._text()

    def _text(self) -> tuple[dict[str, Any], int]:
        rng = self.rng
        kind = rng.choice(["TextBody", "TextCaption", "TextSubheading", "TextBody"])
        node: dict[str, Any] = {"type": kind, "text": _words(rng, 3, 14).capitalize() + "."}
        strings = [n for n, d in self.data.items() if d["type"] == "string"]
        if strings and rng.random() < 0.4:
            node["text"] = f"`'{_title(rng, 1, 2)} ' ${{data.{rng.choice(strings)}}}`"
        numbers = [n for n, d in self.data.items() if d["type"] == "number"]
        if numbers and rng.random() < 0.3:
            n = rng.choice(numbers)
            node["text"] = f"`'Total: ' (${{data.{n}}} * 2) ' points'`"
        if kind == "TextSubheading":
            node["text"] = node["text"][:80] if not node["text"].startswith("`") else node["text"]
        if kind == "TextBody" and rng.random() < 0.3:
            node["font-weight"] = rng.choice(["bold", "italic", "normal"])
        return node, 1


def _screen(rng: random.Random, index: int, count: int, incoming: dict[str, str], budget: int,
            richness: float) -> tuple[dict[str, Any], _Screen]:
    """One screen of about ``budget`` bytes (its Footer's payload is filled in by :func:`_wire`)."""
    builder = _Screen(rng, index, incoming, richness)
    children: list[dict[str, Any]] = []
    used = 2  # heading + footer
    size = 0
    while used < MAX_COMPONENTS and (size < budget or len(children) < 2):
        node, weight = builder.component()
        if used + weight > MAX_COMPONENTS:
            break
        children.append(node)
        used += weight
        size += len(json.dumps(node))
    last = index == count - 1
    if last:
        action: dict[str, Any] = {"name": "complete", "payload": {}}
    else:
        action = {"name": "navigate", "next": {"type": "screen", "name": _screen_id(index + 1)}, "payload": {}}
    children.append({"type": "Footer", "label": "Done" if last else "Continue", "on-click-action": action})
    form = {"type": "Form", "name": f"form_{index}", "children": children}
    screen: dict[str, Any] = {"id": _screen_id(index), "title": _title(rng, 1, 3)[:30]}
    if last:
        screen["terminal"] = True
        screen["success"] = True
    screen["data"] = builder.data
    screen["layout"] = {"type": "SingleColumnLayout",
                        "children": [{"type": "TextHeading", "text": _title(rng, 2, 5)[:80]}, form]}
    return screen, builder


def _wire(screen: dict[str, Any], builder: _Screen, following: _Screen | None) -> None:
    """The Footer's payload: every field the next screen declares, from this screen's form, its data, or a literal."""
    payload = screen["layout"]["children"][1]["children"][-1]["on-click-action"]["payload"]
    if following is None:  # complete: hand a few answers back to the business
        for name, _ in builder.fields[:6]:
            payload[name] = f"${{form.{name}}}"
        return
    fields = dict(builder.fields)
    for name, decl in following.data.items():
        if name in fields:
            payload[name] = f"${{form.{name}}}"
        elif name in builder.data:
            payload[name] = f"${{data.{name}}}"
        else:
            payload[name] = decl["__example__"]


def _declare_incoming(rng: random.Random, builder: _Screen) -> dict[str, str]:
    """What the next screen receives from this one: a few form answers and data carried along."""
    picked = {name: kind for name, kind in builder.fields[:6]}
    carried = [n for n, d in builder.data.items() if d["type"] == "string"][:2]
    return picked | {n: "string" for n in carried}


def clean_flow(target_bytes: int, seed: int = 0) -> dict[str, Any]:
    """A valid 7.3 flow whose 2-space JSON is about ``target_bytes`` long."""
    rng = random.Random(seed)
    # ~7 KB per screen up to Meta's 100 screens; past that, richer screens (longer option lists, more components).
    count = max(3, min(MAX_SCREENS, round(target_bytes / 7000)))
    budget = max(300, int(target_bytes / count * 0.3))
    richness = min(1.0, max(0.15, budget / 60_000))
    screens = []
    builders = []
    incoming: dict[str, str] = {}
    for i in range(count):
        screen, builder = _screen(rng, i, count, incoming, budget, richness)
        screens.append(screen)
        builders.append(builder)
        incoming = _declare_incoming(rng, builder)
    for i, (screen, builder) in enumerate(zip(screens, builders)):
        _wire(screen, builder, builders[i + 1] if i + 1 < count else None)
    for screen in screens:
        if not screen["data"]:
            del screen["data"]
    return {"version": VERSION, "screens": screens}


def dump(flow: dict[str, Any]) -> str:
    return json.dumps(flow, indent=2, ensure_ascii=False) + "\n"


def sized_flow(target_bytes: int, seed: int = 0) -> dict[str, Any]:
    """:func:`clean_flow` with its size parameter corrected until the text lands within 5% under the target.

    Never over the target: the 9.5 MB flow must stay under Meta's 10 MB limit.
    """
    low, high = 1, None
    param = target_bytes
    best: dict[str, Any] | None = None
    for _ in range(12):
        flow = clean_flow(param, seed)
        actual = len(dump(flow).encode())
        if actual <= target_bytes:
            best, low = flow, param
            if actual >= target_bytes * 0.95:
                break
        else:
            high = param
        guess = int(param * (target_bytes * 0.98) / actual)
        param = guess if high is None or low < guess < high else (low + high) // 2
    if best is None:
        raise ValueError(f"cannot make a flow of at most {target_bytes} bytes")
    return best


# --- errors -------------------------------------------------------------------------------------------------

#: What :func:`with_schema_errors` breaks (one each): Meta reports them in its schema pass.
SCHEMA_ERRORS = (
    "unknown property on a component",
    "wrong type (label is a number)",
    "missing required property (Dropdown without label)",
    "unknown component type",
    "enum value (input-type)",
    "unknown property on a screen",
    "wrong type (required is a string)",
    "missing required property (data-source item without title)",
    "enum value (font-weight)",
    "unknown action name",
)

#: What :func:`with_rule_errors` breaks: semantic errors, reported when the schema pass is clean.
RULE_ERRORS = (
    "navigate to an unknown screen",
    "${form.x} names no field",
    "${data.x} names no declared data",
    "duplicate field name in a form",
    "two Footers on a screen",
    "duplicate screen id",
    "duplicate data-source option id",
    "checkbox max-selected-items above its options",
    "${data.x} undeclared in a text",
    "payload references an unknown form field",
)


def _form_children(screen: dict[str, Any]) -> list[dict[str, Any]]:
    return screen["layout"]["children"][1]["children"]


def _spread(flow: dict[str, Any], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """n screens (not the last), spread over the flow, so errors are not all in one place."""
    screens = flow["screens"][:-1] or flow["screens"]
    return [screens[(k * len(screens)) // n + rng.randrange(max(1, len(screens) // n))] for k in range(n)]


def with_schema_errors(flow: dict[str, Any], seed: int = 1) -> dict[str, Any]:
    """A copy of a clean flow with one error of each kind in :data:`SCHEMA_ERRORS`."""
    flow = copy.deepcopy(flow)
    rng = random.Random(seed)
    targets = _spread(flow, len(SCHEMA_ERRORS), rng)
    for k, screen in enumerate(targets):
        children = _form_children(screen)
        body = next(c for c in children if c.get("type") != "Footer")
        if k == 0:
            body["colour"] = "red"
        elif k == 1:
            body["label"] = 42
            if "text" in body:
                body["text"] = 42
        elif k == 2:
            children.insert(0, {"type": "Dropdown", "name": "no_label", "data-source": [{"id": "a", "title": "A"}]})
        elif k == 3:
            children.insert(0, {"type": "TextParagraph", "text": "Not a component"})
        elif k == 4:
            children.insert(0, {"type": "TextInput", "name": "bad_input", "label": "Code", "input-type": "numeric"})
        elif k == 5:
            screen["subtitle"] = "Not a screen property"
        elif k == 6:
            children.insert(0, {"type": "TextArea", "name": "bad_required", "label": "Notes", "required": "yes"})
        elif k == 7:
            children.insert(0, {"type": "RadioButtonsGroup", "name": "bad_item", "label": "Pick",
                                "data-source": [{"id": "only_id"}, {"id": "b", "title": "B"}]})
        elif k == 8:
            children.insert(0, {"type": "TextBody", "text": "Bold?", "font-weight": "heavy"})
        else:
            footer = children[-1]
            footer["on-click-action"]["name"] = "go_to"
    return flow


def with_rule_errors(flow: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    """A copy of a clean flow with one error of each kind in :data:`RULE_ERRORS` (schema-valid)."""
    flow = copy.deepcopy(flow)
    rng = random.Random(seed)
    targets = _spread(flow, len(RULE_ERRORS), rng)
    for k, screen in enumerate(targets):
        children = _form_children(screen)
        footer = children[-1]
        action = footer["on-click-action"]
        if k == 0:
            action["next"] = {"type": "screen", "name": "NOWHERE"}
        elif k == 1:
            action.setdefault("payload", {})["ghost"] = "${form.ghost_field}"
        elif k == 2:
            children.insert(0, {"type": "TextBody", "text": "${data.undeclared_value}"})
        elif k == 3:
            children.insert(0, {"type": "TextInput", "name": "twin", "label": "One"})
            children.insert(0, {"type": "TextInput", "name": "twin", "label": "Two"})
        elif k == 4:
            children.insert(0, {"type": "Footer", "label": "Extra", "on-click-action": copy.deepcopy(action)})
        elif k == 5:
            screen["id"] = "SCREEN_A" if screen is not flow["screens"][0] else screen["id"]
            if screen is flow["screens"][0]:
                flow["screens"][1]["id"] = "SCREEN_A"
        elif k == 6:
            children.insert(0, {"type": "RadioButtonsGroup", "name": "same_ids", "label": "Pick",
                                "data-source": [{"id": "x", "title": "X"}, {"id": "x", "title": "Y"}]})
        elif k == 7:
            children.insert(0, {"type": "CheckboxGroup", "name": "too_many", "label": "Pick",
                                "data-source": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}],
                                "max-selected-items": 5})
        elif k == 8:
            children.insert(0, {"type": "TextCaption", "text": "`'Hi ' & ${data.nobody}`"})
        else:
            action.setdefault("payload", {})["lost"] = "${form.lost_field}"
    return flow


def with_docs_warnings(flow: dict[str, Any], count: int = 40, seed: int = 3) -> dict[str, Any]:
    """A copy of a clean flow whose only findings are warnings: ``count`` headings over the 80 characters
    Meta's components reference documents (FL920), and, on the large screens of the 9.5 MB flow, the 50
    components per screen the docs state (FL950); Meta's validator accepts both. Such a flow is reported, so it
    takes the precise path (locating every warning) without any error."""
    flow = copy.deepcopy(flow)
    rng = random.Random(seed)
    for k, screen in enumerate(_spread(flow, count, rng)):
        text = f"Heading {k} " + _words(rng, 20, 24)
        _form_children(screen).insert(0, {"type": "TextSubheading", "text": text.ljust(100, ".")[:100]})
    return flow


# --- the corpus of typical flows ------------------------------------------------------------------------------


def write_corpus(folder: Path, count: int = 1000, *, low: int = 5_000, high: int = 30_000, seed: int = 7) -> list[Path]:
    """``count`` varied, clean flows of ``low``..``high`` bytes (log-uniform) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        size = int(low * (high / low) ** rng.random())
        path = folder / f"flow_{i:04d}.json"
        path.write_text(dump(clean_flow(size, seed=seed * 100_000 + i)), encoding="utf-8")
        paths.append(path)
    return paths


# --- a flow with many screens, for `flowlint graph` -------------------------------------------------------------


def many_screens_flow(count: int = 500) -> dict[str, Any]:
    """``count`` screens for the screen graph (issue 23: 500 screens drawn in under a second): a chain of screens,
    each with a short Form and a Footer navigating to the next; every seventh screen also links five screens
    ahead, and the last screen is terminal and completes. Beyond Meta's 100 screens, so flowlint reports that
    limit: the picture carries a problem, as a real oversized flow's would."""
    ids = [f"SCREEN_{_screen_id(i)}" for i in range(count)]
    screens = []
    for i, sid in enumerate(ids):
        last = i == count - 1
        footer_action: dict[str, Any] = (
            {"name": "complete", "payload": {}} if last
            else {"name": "navigate", "next": {"type": "screen", "name": ids[i + 1]}, "payload": {}}
        )
        children: list[dict[str, Any]] = [
            {"type": "TextInput", "name": "answer", "label": f"Question {i + 1}", "required": False},
            {"type": "Footer", "label": "Finish" if last else "Next", "on-click-action": footer_action},
        ]
        if i % 7 == 0 and i + 5 < count - 1:
            children.insert(1, {"type": "EmbeddedLink", "text": "Skip ahead",
                                "on-click-action": {"name": "navigate",
                                                    "next": {"type": "screen", "name": ids[i + 5]}, "payload": {}}})
        screen: dict[str, Any] = {
            "id": sid,
            "title": f"Step {i + 1}",
            "layout": {"type": "SingleColumnLayout", "children": [{"type": "Form", "name": "form", "children": children}]},
        }
        if last:
            screen["terminal"] = True
            screen["success"] = True
        screens.append(screen)
    return {"version": VERSION, "screens": screens}
