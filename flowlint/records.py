"""``@record``: a dataclass whose methods are shared functions instead of code generated at import.

``@dataclass`` writes the source of ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` and, for a frozen class,
``__setattr__``/``__delattr__``, and compiles it when the module is imported: ~0.5 ms per class, ~3.4 M
instructions, paid by every run of the command (flowlint's public types were a third of its own import cost).
``@record`` declares the fields with ``@dataclass(init=False, repr=False, eq=False)`` (so ``dataclasses.fields``,
``replace`` and ``asdict`` work as before) and installs generic methods with the same behaviour: keyword or
positional arguments in field order, defaults and default factories, the same ``repr``, equality between
instances of the same class field by field, a hash of the compared fields for a frozen class, and no assignment
to a frozen instance (``dataclasses.FrozenInstanceError``). Creating an instance costs a little more (~1 us):
these are the report's types, made a few times per document.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, Callable, TypeVar

__all__ = ["record"]

T = TypeVar("T")

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10: only type checkers read the marker, so a no-op will do at run time

    def dataclass_transform(**_kwargs: Any) -> Callable[[T], T]:
        return lambda decorated: decorated

_MISSING = dataclasses.MISSING


# Type checkers then see the generated ``__init__``, ``__eq__`` and frozenness as for ``@dataclass``.
@dataclass_transform(eq_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(*, frozen: bool = False, slots: bool = False) -> Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=..., slots=...)`` without generated code (see the module's docstring)."""

    def wrap(cls: type[T]) -> type[T]:
        cls = dataclasses.dataclass(init=False, repr=False, eq=False, slots=slots)(cls)
        _install(cls, frozen)
        return cls

    return wrap


def _install(cls: Any, frozen: bool) -> None:
    fields = [f for f in dataclasses.fields(cls)]
    init_names = tuple(f.name for f in fields if f.init)
    by_name = {f.name: f for f in fields}
    later = tuple(f for f in fields if not f.init)  # init=False fields: their default, if any
    shown = tuple(f.name for f in fields if f.repr)
    compared = tuple(f.name for f in fields if f.compare)
    set_field = object.__setattr__

    position = {name: i for i, name in enumerate(init_names)}
    count = len(init_names)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        # Set as given, then what is missing: no intermediate dict (spans and pointers are made by the
        # hundred thousand on large flows; this halves their cost).
        given = len(args)
        if given > count:
            raise TypeError(f"{cls.__name__}() takes {count} arguments but {given} were given")
        for name, value in zip(init_names, args):
            set_field(self, name, value)
        for name, value in kwargs.items():
            at = position.get(name)
            if at is None:
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {name!r}")
            if at < given:
                raise TypeError(f"{cls.__name__}() got multiple values for argument {name!r}")
            set_field(self, name, value)
        if given + len(kwargs) < count:
            for name in init_names[given:]:
                if name not in kwargs:
                    spec = by_name[name]
                    if spec.default is not _MISSING:
                        set_field(self, name, spec.default)
                    elif spec.default_factory is not _MISSING:
                        set_field(self, name, spec.default_factory())
                    else:
                        raise TypeError(f"{cls.__name__}() missing required argument: {name!r}")
        for spec in later:
            if spec.default is not _MISSING:
                set_field(self, spec.name, spec.default)
            elif spec.default_factory is not _MISSING:
                set_field(self, spec.name, spec.default_factory())

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, n) for n in compared) == tuple(getattr(other, n) for n in compared)

    cls.__init__ = __init__
    cls.__repr__ = __repr__
    cls.__eq__ = __eq__
    if frozen:

        def __hash__(self: Any) -> int:
            return hash(tuple(getattr(self, n) for n in compared))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

        def __delattr__(self: Any, name: str) -> None:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

        def __reduce__(self: Any) -> tuple[Any, ...]:  # copy and pickle through __init__ (__setattr__ refuses)
            return (_rebuild, (cls, {name: getattr(self, name) for name in init_names}))

        cls.__hash__ = __hash__
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
        cls.__reduce__ = __reduce__
    else:
        cls.__hash__ = None  # as a dataclass with eq and without frozen: unhashable


def _rebuild(cls: Any, values: dict[str, Any]) -> Any:
    return cls(**values)
