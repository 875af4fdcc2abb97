"""Mutation tests generated from the real corpus: break one thing, find Meta's code at exactly that path.

Each real flow (``../shared/corpus/real/``, all of which pass the schema pass) is mutated in one place at a
time: an unknown key on a component, a misspelt property, a component without ``type``, an unknown component
type, a wrong JSON type, a screen id with a digit, an unknown action. The schema pass must report the
expected code at the exact path of the mutation (other findings may accompany it, e.g. a misspelt required
property is also missing).
"""

from __future__ import annotations

import copy
import json
from typing import Any, Callable, Iterator

import pytest

import flowlint
from tests.conformance import CORPUS, skip_module_without

skip_module_without(CORPUS)

Path_ = tuple  # a JSON path: keys and indexes

Mutation = tuple[str, Callable[[dict], None], str, Path_]  # (label, mutate, expected code, expected path)


def _components(node: Any, path: Path_) -> Iterator[tuple[Path_, dict]]:
    if isinstance(node, list):
        for i, child in enumerate(node):
            if isinstance(child, dict):
                yield path + (i,), child
                for key in ("children", "then", "else"):
                    if isinstance(child.get(key), list):
                        yield from _components(child[key], path + (i, key))
                if isinstance(child.get("cases"), dict):
                    for case, items in child["cases"].items():
                        yield from _components(items, path + (i, "cases", case))


def _get(doc: Any, path: Path_) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def _pick(items: list[Any]) -> list[Any]:
    """First, middle and last: a spread without testing every component of every flow."""
    if len(items) <= 3:
        return items
    return [items[0], items[len(items) // 2], items[-1]]


def mutations(doc: dict) -> Iterator[Mutation]:
    comps: list[tuple[Path_, dict]] = []
    actions: list[Path_] = []
    for s, screen in enumerate(doc["screens"]):
        comps.extend(_components(screen["layout"]["children"], ("screens", s, "layout", "children")))
    for path, comp in comps:
        for key in ("on-click-action", "on-select-action", "on-unselect-action"):
            if isinstance(comp.get(key), dict):
                actions.append(path + (key,))

    for path, comp in _pick(comps):
        yield (f"unknown key at {path}", lambda d, p=path: _get(d, p).__setitem__("zz-unknown", 1),
               "INVALID_PROPERTY_KEY", path + ("zz-unknown",))
        yield (f"no type at {path}", lambda d, p=path: _get(d, p).pop("type"), "MISSING_REQUIRED_PROPERTY", path)
        yield (f"bogus type at {path}", lambda d, p=path: _get(d, p).__setitem__("type", "Bogus"),
               "INVALID_PROPERTY_VALUE", path + ("type",))
        keys = [k for k in comp if k != "type"]
        if keys:
            key = keys[0]

            def rename(d: dict, p: Path_ = path, k: str = key) -> None:
                target = _get(d, p)
                target[k + "s"] = target.pop(k)

            yield (f"misspelt {key} at {path}", rename, "INVALID_PROPERTY_KEY", path + (key + "s",))
    for path in _pick(actions):
        yield (f"unknown action at {path}", lambda d, p=path: _get(d, p).__setitem__("name", "teleport"),
               None, path + ("name",))
    for s, screen in enumerate(_pick(list(enumerate(doc["screens"])))):
        index = screen[0]
        yield (f"terminal as a string on screen {index}",
               lambda d, i=index: d["screens"][i].__setitem__("terminal", "yes"),
               "INVALID_PROPERTY_TYPE", ("screens", index, "terminal"))
        yield (f"digit in the id of screen {index}",
               lambda d, i=index: d["screens"][i].__setitem__("id", d["screens"][i]["id"] + "2"),
               "PATTERN_MISMATCH", ("screens", index, "id"))
        yield (f"no id on screen {index}", lambda d, i=index: d["screens"][i].pop("id"),
               "MISSING_REQUIRED_PROPERTY", ("screens", index))


def _cases() -> list[tuple[str, str]]:
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        out.extend((path.name, label) for label, *_ in mutations(doc))
    return out


CASES = _cases()


def test_the_corpus_yields_mutations() -> None:
    assert len(CASES) > 300


@pytest.mark.parametrize(("name", "label"), CASES)
def test_mutation_is_found_at_its_path(name: str, label: str) -> None:
    doc = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    (mutate, code, path), = [(m, c, p) for lbl, m, c, p in mutations(doc) if lbl == label]
    broken = copy.deepcopy(doc)
    mutate(broken)
    report = flowlint.lint(json.dumps(broken, indent=2))
    found = {(d.error, p.path) for d in report.diagnostics if d.rule.startswith("FL2") for p in d.pointers}
    if code is None:  # an action name is an enum, or a const where only one action fits
        assert ("INVALID_ENUM_VALUE", path) in found or ("INVALID_PROPERTY_VALUE", path) in found, found
    else:
        assert (code, path) in found, found
