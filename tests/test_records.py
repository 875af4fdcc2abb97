"""``flowlint.records.record`` behaves as ``dataclasses.dataclass`` does, for what flowlint's types use."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from flowlint.diagnostics import Diagnostic, Pointer, Report
from flowlint.records import record


def _pair(frozen: bool, slots: bool) -> tuple[Any, Any]:
    def body() -> dict[str, Any]:
        return {
            "__annotations__": {"a": "int", "b": "str", "c": "list", "d": "int", "e": "int"},
            "b": "x",
            "c": dataclasses.field(default_factory=tuple),
            "d": dataclasses.field(default=4, repr=False),
            "e": dataclasses.field(default=7, init=False, compare=False),
        }

    reference = dataclasses.dataclass(frozen=frozen, slots=slots)(type("Thing", (), body()))
    ours = record(frozen=frozen, slots=slots)(type("Thing", (), body()))
    return reference, ours


@pytest.mark.parametrize("frozen", [True, False])
@pytest.mark.parametrize("slots", [True, False])
def test_a_record_behaves_as_the_dataclass(frozen: bool, slots: bool) -> None:
    reference, ours = _pair(frozen, slots)
    for args, kwargs in [((1,), {}), ((1, "y"), {"c": (2,)}), ((), {"a": 3, "d": 9}), ((1, "y", (1,), 5), {})]:
        r, o = reference(*args, **kwargs), ours(*args, **kwargs)
        assert repr(r) == repr(o)
        assert [getattr(r, f.name) for f in dataclasses.fields(r)] == [getattr(o, f.name) for f in dataclasses.fields(o)]
        assert o == ours(*args, **kwargs) and o != ours(a=-1)
        assert (o == r) is False  # another class, as for two dataclasses
        assert dataclasses.replace(o, b="z").b == dataclasses.replace(r, b="z").b == "z"
        assert dataclasses.asdict(o) == dataclasses.asdict(r)
        if frozen:
            assert hash(o) == hash(ours(*args, **kwargs))
            with pytest.raises(dataclasses.FrozenInstanceError):
                o.a = 2  # type: ignore[misc]
        else:
            with pytest.raises(TypeError):
                hash(o)
            o.a = 2
            assert o.a == 2
        assert copy.deepcopy(o) == o
    for bad_args, bad_kwargs in [((), {}), ((1, "x", (), 4, 5), {}), ((1,), {"a": 2}), ((1,), {"e": 1}), ((1,), {"z": 1})]:
        with pytest.raises(TypeError):
            reference(*bad_args, **bad_kwargs)
        with pytest.raises(TypeError):
            ours(*bad_args, **bad_kwargs)


def test_flowlint_types_survive_pickling_as_worker_results_do() -> None:
    report = Report([Diagnostic("E", "m", (Pointer(("screens", 0)),), rule="FL201")], source="{}", filename="f")
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.diagnostics[0] == report.diagnostics[0]
    assert hash(again.diagnostics[0].pointers[0]) == hash(Pointer(("screens", 0)))
    assert {Pointer(("a",)), Pointer(("a",))} == {Pointer(("a",))}
