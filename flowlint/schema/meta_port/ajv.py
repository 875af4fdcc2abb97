"""Ajv 6's errors, in Ajv 6's order: the JSON-Schema engine that Meta's validator runs.

Meta's Flow Builder validates a flow with Ajv 6 (``allErrors``, ``verbose``, JavaScript-style data paths) and
then translates and filters Ajv's error list (:mod:`flowlint.schema.meta_port.errors`). Which errors
that list holds, and in which order, decides Meta's answer: the failures of every alternative of a
``oneOf``/``anyOf`` are in it, and Meta's filters drop an error when an earlier one already said something at
the same place. This module reproduces that list for the keywords Meta's schemas use, with the fields Meta reads: ``keyword``,
``data_path`` (Ajv's ``dataPath``), ``schema_path`` (``schemaPath``), ``params``, ``message``, ``schema``,
``parent_schema`` and ``data``.

What Ajv 6 does, as reproduced here (ajv-validator/ajv, v6 ``lib/dotjs``, ``lib/compile/rules.js``):

* keywords run in rule groups: number (maximum, minimum, multipleOf), string (maxLength, minLength,
  pattern, format), array (maxItems, minItems, items, contains, uniqueItems), object (maxProperties,
  minProperties, required, dependencies, propertyNames, properties / patternProperties /
  additionalProperties), then the rest ($ref, const, enum, not, anyOf, oneOf, allOf, if); a group runs
  only on data of its type;
* ``type`` is checked first when its group is not used by the schema (or the type has no group: integer,
  boolean, null), else right after that group, as its ``else``;
* a ``$ref`` beside other keywords makes Ajv ignore them; a referenced schema without references inside is
  inlined (its errors' schema path starts with the reference), one with references is compiled on its own
  (its errors' schema path starts at ``#``);
* ``properties``: first every data key that is additional (in JavaScript's key order), then the declared
  properties in the schema's order, then ``patternProperties``;
* ``anyOf`` stops at the first valid branch and, if one is valid, drops its branches' errors; ``oneOf``
  tries every branch and drops their errors only when exactly one is valid; ``not`` and ``if`` keep none of
  their sub-schema's errors; ``then``/``else`` add theirs and an ``if`` error.

What a schema object asks for (its type check, its keyword groups, its properties with their paths) is worked
out once and kept with the root schema for the next runs, as Ajv compiles a schema once: a schema must not
change once validated with.

A "skip" predicate lets a caller pass over array items it knows to be valid (the native validator said so),
except inside an alternative, where an item valid under its own schema may still fail another branch's.

Repeated items are validated once. An array item's errors depend only on the item, its schema and the schema
path it is reached by (and on ``skip``, whose items are valid: skipping one or not gives the same errors; an
alternative only turns ``skip`` off), so an item equal to an earlier one (same JSON text, key order included)
under the same items schema gets the earlier item's errors with its own paths, as an :class:`ErrorGroup`: a
flow with ten thousand copies of one mistake costs one Ajv run and ten thousand dictionary lookups. A group
inside an alternative goes when the alternative's errors go, like the errors it stands for.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Union, cast

from flowlint.jstypes import js_type

__all__ = ["AjvError", "ErrorGroup", "validate", "validate_grouped", "js_keys", "data_path", "js_type"]

_IDENTIFIER = re.compile(r"^[a-z$_][a-z$_0-9]*$", re.IGNORECASE)
_ARRAY_INDEX = re.compile(r"^(?:0|[1-9][0-9]*)$")


class AjvError:
    """One Ajv error object (verbose)."""

    __slots__ = ("keyword", "path", "data_path", "schema_path", "params", "message", "schema",
                 "parent_schema", "data")

    def __init__(self, keyword: str, path: tuple[Any, ...], data_path: str, schema_path: str,
                 params: dict[str, Any], message: str, schema: Any, parent_schema: Any, data: Any) -> None:
        self.keyword = keyword
        self.path = path
        self.data_path = data_path
        self.schema_path = schema_path
        self.params = params
        self.message = message
        self.schema = schema
        self.parent_schema = parent_schema
        self.data = data

    def __repr__(self) -> str:
        return f"AjvError({self.keyword!r}, {self.data_path!r}, {self.schema_path!r}, {self.params!r})"


class _Relative:
    """One error of a template: an :class:`AjvError` whose ``path`` and ``data_path`` are relative to the item.
    ``data_at``: the error's data is the item's value at that path (an object or array, taken from each
    item it is replayed for); otherwise the data is an immutable value, shared."""

    __slots__ = ("error", "data_at")

    def __init__(self, error: AjvError, data_at: bool) -> None:
        self.error = error
        self.data_at = data_at


class _Nested:
    """The errors of an array item inside the item, by reference to that item's template."""

    __slots__ = ("template", "path", "data_path")

    def __init__(self, template: _Template, path: tuple[Any, ...], data_path: str) -> None:
        self.template = template
        self.path = path
        self.data_path = data_path


class _Template:
    """An array item's errors, relative to the item; ``count``: how many errors they are in all."""

    __slots__ = ("entries", "count")

    def __init__(self, entries: tuple[_Relative | _Nested, ...]) -> None:
        self.entries = entries
        self.count: int = sum(e.template.count if isinstance(e, _Nested) else 1 for e in entries)


class ErrorGroup:
    """The errors of one array item, replayed from an earlier item of the same value and schema.

    ``path`` and ``data_path`` are the item's; ``item`` is its value. ``errors()`` gives the errors as Ajv
    lists them (:func:`validate` does this for its callers); :func:`.errors.translate` may use ``template``
    (the same object for every copy of one item) to translate a group once."""

    __slots__ = ("template", "path", "data_path", "item")

    def __init__(self, template: _Template, path: tuple[Any, ...], data_path: str, item: Any) -> None:
        self.template = template
        self.path = path
        self.data_path = data_path
        self.item = item

    def __len__(self) -> int:
        return self.template.count

    def __repr__(self) -> str:
        return f"ErrorGroup({self.data_path!r}, {self.template.count} errors)"

    def entries(self) -> Iterator[AjvError | ErrorGroup]:
        """The errors, with the groups of the item's own items kept as groups."""
        path, dpath, item = self.path, self.data_path, self.item
        for entry in self.template.entries:
            if isinstance(entry, _Nested):
                yield ErrorGroup(entry.template, path + entry.path, dpath + entry.data_path,
                                 _value_at(item, entry.path))
            else:
                e = entry.error
                yield AjvError(e.keyword, path + e.path, dpath + e.data_path, e.schema_path, dict(e.params),
                               e.message, e.schema, e.parent_schema,
                               _value_at(item, e.path) if entry.data_at else e.data)

    def errors(self) -> Iterator[AjvError]:
        """Every error, in Ajv's order."""
        for entry in self.entries():
            if isinstance(entry, ErrorGroup):
                yield from entry.errors()
            else:
                yield entry


Entry = Union[AjvError, ErrorGroup]


def _value_at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


def flatten(entries: Iterable[Entry]) -> list[AjvError]:
    """The errors of a grouped list (:func:`validate_grouped`), every group replayed."""
    out: list[AjvError] = []
    for entry in entries:
        if isinstance(entry, ErrorGroup):
            out.extend(entry.errors())
        else:
            out.append(entry)
    return out


#: The JSON text of an item, key order included; the memo's key (``allow_nan``: a float the parser read as
#: infinite is still one value).
_item_text = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=True).encode


class _FirstSeen:
    """Where the errors of the first item with a memo key are in the run's list (made a template when the
    key comes again)."""

    __slots__ = ("start", "end", "path", "data_path", "item")

    def __init__(self, start: int, end: int, path: tuple[Any, ...], data_path: str, item: Any) -> None:
        self.start = start
        self.end = end
        self.path = path
        self.data_path = data_path
        self.item = item


def js_keys(obj: dict[str, Any]) -> list[str]:
    """An object's keys in JavaScript's order: array-index keys ascending, then the others as inserted."""
    keys = list(obj)
    if not any(k[:1].isdigit() for k in keys):
        return keys
    index = sorted((k for k in keys if _ARRAY_INDEX.match(k) and int(k) < 4294967295), key=int)
    chosen = set(index)
    return index + [k for k in keys if k not in chosen]


def _escape_quotes(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
            .replace("\f", "\\f").replace("\t", "\\t"))


@lru_cache(maxsize=4096)
def static_property(key: str) -> str:
    """Ajv's ``getProperty``: ``.key`` for an identifier, else ``['key']`` with quotes escaped."""
    return "." + key if _IDENTIFIER.match(key) else "['" + _escape_quotes(key) + "']"


def data_path(path: Iterable[Any]) -> str:
    """Ajv's ``dataPath`` of a path whose keys were all reached through ``properties``."""
    return "".join(f"[{p}]" if isinstance(p, int) else static_property(p) for p in path)


def _is_type(name: str, value: Any) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if name == "number":
        return True
    if name == "integer":
        return isinstance(value, int) or (math.isfinite(value) and value == int(value))
    return False


def _js_equal(a: Any, b: Any) -> bool:
    """Ajv's ``equal`` (fast-deep-equal): no bool/number confusion, 1 == 1.0."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_js_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_js_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_GROUPS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("number", ("maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "multipleOf", "format")),
    ("string", ("maxLength", "minLength", "pattern", "format")),
    ("array", ("maxItems", "minItems", "items", "contains", "uniqueItems")),
    ("object", ("maxProperties", "minProperties", "required", "dependencies", "propertyNames", "properties",
                "additionalProperties", "patternProperties")),
    (None, ("$ref", "const", "enum", "not", "anyOf", "oneOf", "allOf", "if")),
)
_GROUP_OF_TYPE = {"number": 0, "string": 1, "array": 2, "object": 3}


def _has_ref(schema: Any) -> bool:
    if isinstance(schema, dict):
        return "$ref" in schema or any(_has_ref(v) for v in schema.values())
    if isinstance(schema, list):
        return any(_has_ref(v) for v in schema)
    return False


class _Plan:
    """What :meth:`_Run.validate` does with one schema object: the type it checks first (``early``), or
    the group whose ``else`` it is (``type_group``), whether a ``$ref`` stands for everything, and the groups
    of keywords it has, in Ajv's order."""

    __slots__ = ("type_name", "early", "type_group", "ref", "groups")

    def __init__(self, schema: dict[str, Any]) -> None:
        type_name = schema.get("type")
        type_group: int | None = None
        early = False
        if type_name is not None:
            if isinstance(type_name, list):
                early = True
            else:
                type_group = _GROUP_OF_TYPE.get(type_name)
                early = type_group is None or not any(k in schema for k in _GROUPS[type_group][1])
            if early:
                type_group = None
        # The schema's "type": a name or a list of names (None, when there is none, only if not ``early``).
        self.type_name: Any = type_name
        self.early = early
        self.type_group = type_group
        self.ref = "$ref" in schema
        self.groups = tuple((index, group_type) for index, (group_type, keywords) in enumerate(_GROUPS)
                            if any(k in schema for k in keywords))


class _Properties:
    """An object schema's members, ready for :meth:`_Run._object`: the required names checked in the
    ``required`` loop, each declared property with its data-path and schema-path steps, the patterns."""

    __slots__ = ("properties", "required", "declared", "patterns", "additional", "additional_checked", "members")

    def __init__(self, schema: dict[str, Any]) -> None:
        properties = schema.get("properties")
        # Ajv 6 checks a required property that has a schema of its own in ``properties`` in that loop (after
        # the additional properties), and only the others in the ``required`` loop.
        self.required = tuple(name for name in schema.get("required", ())
                              if not (properties and _non_empty(properties.get(name))))
        self.properties = properties or {}
        required = schema.get("required") or ()
        self.declared = tuple((key, sub, key in required and _non_empty(sub), static_property(key),
                               "/properties/" + _escape_fragment(key)) for key, sub in self.properties.items())
        self.patterns = tuple((pattern, sub, "/patternProperties/" + _escape_fragment(pattern))
                              for pattern, sub in (schema.get("patternProperties") or {}).items())
        additional = schema.get("additionalProperties")
        self.additional = additional
        self.additional_checked = additional is not None and additional is not True and additional != {}
        self.members = any(k in schema for k in ("properties", "additionalProperties", "patternProperties"))


class _Compiled:
    """What is worked out once per root schema: resolved references, plans, object members (by id of the
    schema object; the root keeps them all alive)."""

    __slots__ = ("root", "refs", "plans", "objects")

    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, tuple[Any, bool]] = {}
        self.plans: dict[int, _Plan] = {}
        self.objects: dict[int, _Properties] = {}


_COMPILED: dict[int, _Compiled] = {}


def _compiled(root: Any) -> _Compiled:
    found = _COMPILED.get(id(root))
    if found is None or found.root is not root:
        found = _COMPILED[id(root)] = _Compiled(root)
        if len(_COMPILED) > 16:
            del _COMPILED[next(iter(_COMPILED))]
    return found


class _Run:
    __slots__ = ("root", "errors", "formats", "patterns", "skip", "valid_item", "alternatives", "_refs", "_plans",
                 "_objects", "_memo")

    def __init__(self, root: dict[str, Any], formats: dict[str, Callable[[str], bool]],
                 pattern: Callable[[str], Callable[[str], Any]],
                 skip: Callable[[tuple[Any, ...]], bool] | None, memo: bool,
                 valid_item: Callable[[dict[str, Any], Any], bool] | None = None) -> None:
        self.root = root
        self.errors: list[Any] = []  # AjvError and ErrorGroup
        self.formats = formats
        self.patterns = pattern
        self.skip = skip
        self.valid_item = valid_item
        self.alternatives = 0
        compiled = _compiled(root)
        self._refs = compiled.refs
        self._plans = compiled.plans
        self._objects = compiled.objects
        #: (id of the items schema, its schema path, the item's JSON text) -> the first such item (outside
        #: alternatives), then its template (None: its errors cannot be replayed).
        self._memo: dict[tuple[int, str, str], _FirstSeen | _Template | None] | None = {} if memo else None

    # -- helpers --------------------------------------------------------------------------------------

    def error(self, keyword: str, path: tuple[Any, ...], dpath: str, spath: str, params: dict[str, Any],
              message: str, schema: Any, parent: Any, data: Any) -> None:
        self.errors.append(AjvError(keyword, path, dpath, spath + "/" + keyword, params, message, schema,
                                    parent, data))

    def resolve(self, ref: str) -> tuple[Any, bool]:
        found = self._refs.get(ref)
        if found is None:
            if not ref.startswith("#"):
                raise KeyError(ref)
            node: Any = self.root
            for part in ref[1:].split("/")[1:] if ref != "#" else []:
                part = part.replace("~1", "/").replace("~0", "~")
                node = node[int(part)] if isinstance(node, list) else node[part]
            found = (node, not _has_ref(node))
            self._refs[ref] = found
        return found

    # -- the validator --------------------------------------------------------------------------------

    def validate(self, schema: Any, data: Any, path: tuple[Any, ...], dpath: str, spath: str) -> bool:
        """Validate ``data`` at ``path``; errors are appended. Returns validity."""
        if schema is True:
            return True
        if schema is False:
            self.error("false schema", path, dpath, spath, {}, "boolean schema is false", False, None, data)
            return False
        plan = self._plans.get(id(schema))
        if plan is None:
            plan = self._plans[id(schema)] = _Plan(schema)
        start = len(self.errors)
        type_name = plan.type_name
        if plan.early and not (
            any(_is_type(t, data) for t in type_name) if isinstance(type_name, list) else _is_type(type_name, data)
        ):
            shown = ",".join(type_name) if isinstance(type_name, list) else type_name
            self.error("type", path, dpath, spath, {"type": shown}, f"should be {shown}", type_name, schema, data)
        if plan.ref:  # Ajv 6 ignores every other keyword beside a $ref, except the early type check
            self._ref(schema, data, path, dpath, spath)
            return len(self.errors) == start
        for index, group_type in plan.groups:
            if group_type is not None:
                if not _is_type(group_type, data):
                    if plan.type_group == index:
                        self.error("type", path, dpath, spath, {"type": type_name}, f"should be {type_name}",
                                   type_name, schema, data)
                    continue
                _GROUP_CHECKS[index](self, schema, data, path, dpath, spath)
            else:
                self._generic(schema, data, path, dpath, spath)
        return len(self.errors) == start

    def _ref(self, schema: dict[str, Any], data: Any, path: tuple[Any, ...], dpath: str, spath: str) -> None:
        ref = schema["$ref"]
        target, inline = self.resolve(ref)
        self.validate(target, data, path, dpath, ref if inline else "#")

    def _number(self, schema: dict[str, Any], data: Any, path: tuple[Any, ...], dpath: str, spath: str) -> None:
        if "maximum" in schema and data > schema["maximum"]:
            limit = schema["maximum"]
            self.error("maximum", path, dpath, spath, {"comparison": "<=", "limit": limit, "exclusive": False},
                       f"should be <= {_number_text(limit)}", limit, schema, data)
        if "minimum" in schema and data < schema["minimum"]:
            limit = schema["minimum"]
            self.error("minimum", path, dpath, spath, {"comparison": ">=", "limit": limit, "exclusive": False},
                       f"should be >= {_number_text(limit)}", limit, schema, data)
        if "multipleOf" in schema:
            step = schema["multipleOf"]
            if step and (data / step) != int(data / step):
                self.error("multipleOf", path, dpath, spath, {"multipleOf": step},
                           f"should be multiple of {_number_text(step)}", step, schema, data)

    def _string(self, schema: dict[str, Any], data: str, path: tuple[Any, ...], dpath: str, spath: str) -> None:
        if "maxLength" in schema and len(data) > schema["maxLength"]:
            n = schema["maxLength"]
            self.error("maxLength", path, dpath, spath, {"limit": n},
                       f"should NOT be longer than {n} characters", n, schema, data)
        if "minLength" in schema and len(data) < schema["minLength"]:
            n = schema["minLength"]
            self.error("minLength", path, dpath, spath, {"limit": n},
                       f"should NOT be shorter than {n} characters", n, schema, data)
        if "pattern" in schema:
            pattern = schema["pattern"]
            if not self.patterns(pattern)(data):
                self.error("pattern", path, dpath, spath, {"pattern": pattern}, f'should match pattern "{pattern}"',
                           pattern, schema, data)
        if "format" in schema:
            name = schema["format"]
            check = self.formats.get(name)
            if check is not None and not check(data):
                self.error("format", path, dpath, spath, {"format": name}, f'should match format "{name}"', name,
                           schema, data)

    def _counts(self, suffix: str, noun: str, schema: dict[str, Any], data: Any, path: tuple[Any, ...], dpath: str,
                spath: str) -> None:
        """maxItems/minItems, maxProperties/minProperties: Ajv's messages never singularise the noun."""
        for keyword, too_many in (("max" + suffix, True), ("min" + suffix, False)):
            if keyword in schema:
                n = schema[keyword]
                if (len(data) > n) if too_many else (len(data) < n):
                    self.error(keyword, path, dpath, spath, {"limit": n},
                               f"should NOT have {'more' if too_many else 'fewer'} than {n} {noun}", n, schema, data)

    def _array(self, schema: dict[str, Any], data: list[Any], path: tuple[Any, ...], dpath: str, spath: str) -> None:
        self._counts("Items", "items", schema, data, path, dpath, spath)
        items = schema.get("items")
        if isinstance(items, dict) or isinstance(items, bool):
            skip = self.skip if self.alternatives == 0 else None
            # Inside an alternative a path may be reached under another branch's schema, so a valid item is
            # told by its schema, not by its path (valid_item: a native check against exactly ``items``).
            valid_item = self.valid_item if skip is None and isinstance(items, dict) else None
            memo = self._memo if isinstance(items, dict) and items else None
            object_items = cast("dict[str, Any]", items)  # what valid_item and memo are set for
            item_spath = spath + "/items"
            for i, item in enumerate(data):
                item_path = path + (i,)
                if skip is not None and skip(item_path):
                    continue
                if valid_item is not None and valid_item(object_items, item):
                    continue  # valid under ``items``: Ajv would add no error for it
                if memo is not None:
                    self._item(memo, object_items, item, item_path, f"{dpath}[{i}]", item_spath)
                else:
                    self.validate(items, item, item_path, f"{dpath}[{i}]", item_spath)
        elif isinstance(items, list):
            for i, (sub, item) in enumerate(zip(items, data)):
                self.validate(sub, item, path + (i,), f"{dpath}[{i}]", f"{spath}/items/{i}")
        if schema.get("uniqueItems"):
            for j in range(len(data) - 1, 0, -1):
                same = next((i for i in range(j - 1, -1, -1) if _js_equal(data[i], data[j])), None)
                if same is not None:
                    self.error("uniqueItems", path, dpath, spath, {"i": same, "j": j},
                               f"should NOT have duplicate items (items ## {j} and {same} are identical)", True,
                               schema, data)
                    break

    def _item(self, memo: dict[tuple[int, str, str], _FirstSeen | _Template | None], schema: dict[str, Any],
              item: Any, path: tuple[Any, ...], dpath: str, spath: str) -> None:
        """An array item: validated, or replayed from an equal item validated before."""
        try:
            key = (id(schema), spath, _item_text(item))
        except (TypeError, ValueError):  # not a JSON value: no key
            self.validate(schema, item, path, dpath, spath)
            return
        known = memo.get(key, _UNSEEN)
        if known is _UNSEEN:
            start = len(self.errors)
            self.validate(schema, item, path, dpath, spath)
            first = _FirstSeen(start, len(self.errors), path, dpath, item)
            # Outside alternatives the errors stay where they are until the key comes again; inside one they
            # may be dropped, so the template is made now.
            memo[key] = first if self.alternatives == 0 else self._template(first)
            return
        if isinstance(known, _FirstSeen):
            known = memo[key] = self._template(known)
        if known is None:
            self.validate(schema, item, path, dpath, spath)
        elif known.count:
            self.errors.append(ErrorGroup(known, path, dpath, item))

    def _template(self, first: _FirstSeen) -> _Template | None:
        """The first item's errors made relative to it (None if one of them is not under the item, or its data
        is an object or array that is not the item's value at the error's path)."""
        n, m = len(first.path), len(first.data_path)
        entries: list[_Relative | _Nested] = []
        for entry in self.errors[first.start:first.end]:
            if entry.path[:n] != first.path or not entry.data_path.startswith(first.data_path):
                return None
            path, dpath = entry.path[n:], entry.data_path[m:]
            if isinstance(entry, ErrorGroup):
                entries.append(_Nested(entry.template, path, dpath))
                continue
            data_at = isinstance(entry.data, (dict, list))
            if data_at:
                try:
                    if _value_at(first.item, path) is not entry.data:
                        return None
                except (KeyError, IndexError, TypeError):
                    return None
            entries.append(_Relative(AjvError(entry.keyword, path, dpath, entry.schema_path, entry.params,
                                              entry.message, entry.schema, entry.parent_schema,
                                              None if data_at else entry.data), data_at))
        return _Template(tuple(entries))

    def _object(self, schema: dict[str, Any], data: dict[str, Any], path: tuple[Any, ...], dpath: str,
                spath: str) -> None:
        self._counts("Properties", "properties", schema, data, path, dpath, spath)
        members = self._objects.get(id(schema))
        if members is None:
            members = self._objects[id(schema)] = _Properties(schema)
        for name in members.required:
            if name not in data:
                self.error("required", path, dpath, spath, {"missingProperty": name},
                           f"should have required property '{name}'", schema["required"], schema, data)
        dependencies = schema.get("dependencies")
        if dependencies:
            for prop, needed in dependencies.items():
                if prop not in data:
                    continue
                if isinstance(needed, list):
                    count = len(needed)
                    shown = ", ".join(needed)
                    for dep in needed:
                        if dep not in data:
                            self.error("dependencies", path, dpath, spath,
                                       {"property": prop, "missingProperty": dep, "depsCount": count,
                                        "deps": shown},
                                       f"should have {'property' if count == 1 else 'properties'} {shown} when "
                                       f"property {prop} is present", dependencies, schema, data)
                else:
                    self.validate(needed, data, path, dpath, f"{spath}/dependencies/{prop}")
        names = schema.get("propertyNames")
        if names is not None:
            for key in js_keys(data):
                start = len(self.errors)
                self.alternatives += 1
                try:
                    valid = self.validate(names, key, path, dpath, spath + "/propertyNames")
                finally:
                    self.alternatives -= 1
                if not valid:
                    self.error("propertyNames", path, dpath, spath, {"propertyName": key},
                               f"property name '{key}' is invalid", names, schema, data)
        if members.members:
            self._properties(members, schema, data, path, dpath, spath)

    def _properties(self, members: _Properties, schema: dict[str, Any], data: dict[str, Any],
                    path: tuple[Any, ...], dpath: str, spath: str) -> None:
        properties = members.properties
        patterns = members.patterns
        additional = members.additional
        if members.additional_checked:
            for key in js_keys(data):
                if key in properties or any(self.patterns(p)(key) for p, _, _ in patterns):
                    continue
                if additional is False:
                    self.error("additionalProperties", path, dpath, spath, {"additionalProperty": key},
                               "should NOT have additional properties", False, schema, data)
                else:
                    self.validate(additional, data[key], path + (key,), f"{dpath}['{key}']",
                                  spath + "/additionalProperties")
        for key, sub, required, step, fragment in members.declared:
            if key not in data:
                if required:
                    self.error("required", path, dpath, spath, {"missingProperty": key},
                               f"should have required property '{key}'", schema.get("required") or (), schema,
                               data)
                continue
            self.validate(sub, data[key], path + (key,), dpath + step, spath + fragment)
        for pattern, sub, fragment in patterns:
            test = self.patterns(pattern)
            for key in js_keys(data):
                if test(key):
                    self.validate(sub, data[key], path + (key,), f"{dpath}['{key}']", spath + fragment)

    def _generic(self, schema: dict[str, Any], data: Any, path: tuple[Any, ...], dpath: str, spath: str) -> None:
        if "const" in schema:
            const = schema["const"]
            if not _js_equal(data, const):
                self.error("const", path, dpath, spath, {"allowedValue": const}, "should be equal to constant", const,
                           schema, data)
        if "enum" in schema:
            values = schema["enum"]
            if not any(_js_equal(data, v) for v in values):
                self.error("enum", path, dpath, spath, {"allowedValues": values},
                           "should be equal to one of the allowed values", values, schema, data)
        if "not" in schema:
            start = len(self.errors)
            self.alternatives += 1
            try:
                valid = self.validate(schema["not"], data, path, dpath, spath + "/not")
            finally:
                self.alternatives -= 1
            del self.errors[start:]
            if valid:
                self.error("not", path, dpath, spath, {}, "should NOT be valid", schema["not"], schema, data)
        if "anyOf" in schema:
            start = len(self.errors)
            valid = False
            self.alternatives += 1
            try:
                for i, sub in enumerate(schema["anyOf"]):
                    if self.validate(sub, data, path, dpath, f"{spath}/anyOf/{i}"):
                        valid = True
                        break
            finally:
                self.alternatives -= 1
            if valid:
                del self.errors[start:]
            else:
                self.error("anyOf", path, dpath, spath, {}, "should match some schema in anyOf", schema["anyOf"],
                           schema, data)
        if "oneOf" in schema:
            start = len(self.errors)
            passing: list[int] = []
            self.alternatives += 1
            try:
                for i, sub in enumerate(schema["oneOf"]):
                    if self.validate(sub, data, path, dpath, f"{spath}/oneOf/{i}"):
                        passing.append(i)
                        if len(passing) == 2:
                            break  # Ajv tries no further branch once two are valid
            finally:
                self.alternatives -= 1
            if len(passing) == 1:
                del self.errors[start:]
            else:
                params = {"passingSchemas": passing[:2] if len(passing) > 1 else None}
                self.error("oneOf", path, dpath, spath, params, "should match exactly one schema in oneOf",
                           schema["oneOf"], schema, data)
        if "allOf" in schema:
            for i, sub in enumerate(schema["allOf"]):
                self.validate(sub, data, path, dpath, f"{spath}/allOf/{i}")
        if "if" in schema and ("then" in schema or "else" in schema):
            start = len(self.errors)
            self.alternatives += 1
            try:
                matched = self.validate(schema["if"], data, path, dpath, spath + "/if")
            finally:
                self.alternatives -= 1
            del self.errors[start:]
            branch = "then" if matched else "else"
            if branch in schema:
                if not self.validate(schema[branch], data, path, dpath, f"{spath}/{branch}"):
                    self.error("if", path, dpath, spath, {"failingKeyword": branch},
                               f'should match "{branch}" schema', schema["if"], schema, data)


def _non_empty(schema: Any) -> bool:
    """Ajv's ``nonEmptySchema``: a schema with a keyword (``false`` counts, ``true`` and ``{}`` do not)."""
    if schema is None or schema is True:
        return False
    if schema is False:
        return True
    return isinstance(schema, dict) and any(k in _KNOWN for k in schema)


_KNOWN = frozenset(k for _, keys in _GROUPS for k in keys) | {"type", "then", "else"}
_UNSEEN: Any = object()
#: The check of each typed keyword group (by its index in ``_GROUPS``).
_GROUP_CHECKS = (_Run._number, _Run._string, _Run._array, _Run._object)


@lru_cache(maxsize=4096)
def _escape_fragment(key: str) -> str:
    """Ajv's ``escapeFragment``: a JSON-pointer token, then ``encodeURIComponent``."""
    from urllib.parse import quote

    return quote(key.replace("~", "~0").replace("/", "~1"), safe="-_.!~*'()")


def validate(
    schema: dict[str, Any],
    data: Any,
    *,
    formats: dict[str, Callable[[str], bool]],
    pattern: Callable[[str], Callable[[str], Any]],
    skip: Callable[[tuple[Any, ...]], bool] | None = None,
    memo: bool = True,
    valid_item: Callable[[dict[str, Any], Any], bool] | None = None,
) -> list[AjvError]:
    """Ajv 6's error list for ``data`` (empty when valid).

    ``pattern(p)`` gives a test for the ECMA-262 pattern ``p`` (``search`` semantics); ``formats`` the checks
    of the formats the schema uses (an unknown format passes). ``skip(path)`` says that the array item at
    ``path`` is known to be valid (it must be: the memo relies on a skipped item having no errors).
    ``memo=False`` validates every item, repeated or not (for tests). ``valid_item(items, item)``, when given,
    says that ``item`` is valid under the array's ``items`` schema (inside alternatives too); it too must be
    sure: a True makes Ajv pass over the item."""
    return flatten(validate_grouped(schema, data, formats=formats, pattern=pattern, skip=skip, memo=memo,
                                    valid_item=valid_item))


def validate_grouped(
    schema: dict[str, Any],
    data: Any,
    *,
    formats: dict[str, Callable[[str], bool]],
    pattern: Callable[[str], Callable[[str], Any]],
    skip: Callable[[tuple[Any, ...]], bool] | None = None,
    memo: bool = True,
    valid_item: Callable[[dict[str, Any], Any], bool] | None = None,
) -> list[Entry]:
    """:func:`validate`'s errors, with the errors of each repeated array item as one :class:`ErrorGroup`
    (the first item of a kind has its errors listed one by one)."""
    run = _Run(schema, formats, pattern, skip, memo, valid_item)
    run.validate(schema, data, (), "", "#")
    return run.errors

