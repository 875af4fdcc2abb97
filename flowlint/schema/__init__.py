"""The schema pass: a Flow JSON document against its version's JSON Schema, reported as Meta reports it.

Pipeline stage (``check(doc, version)``, see ``flowlint.engine``). The schemas live in ``schemas/``
(installed as ``flowlint.schemas``; written by :mod:`flowlint.schema.build`), one per Flow JSON version,
loaded from the package through a ``referencing`` registry: never from the network.

Two steps, so that a clean flow pays only for the cheap one:
1. ``is_valid``: does the document satisfy the schema? (:func:`schema_is_valid`, the seam where a native
   validator such as ``jsonschema-rs`` can answer; see :func:`_fast_validator`.)
2. Only when it does not: the reference validator (Python ``jsonschema``) lists every failure, and
   :mod:`flowlint.schema.reference_errors` translates them into Meta's codes, messages, paths and suppressions
   (``spec/meta-validator.md`` §3.1, corrected by ``conformance/meta/``).
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable

from flowlint.schema import docs_limits
from flowlint.catalog import RuleInfo
from flowlint.diagnostics import Diagnostic
from flowlint.versions import LEGACY, SUPPORTED, FlowVersion



def __getattr__(name: str) -> Any:
    """``RULES``: the schema pass's rules (FL2xx, Meta's errors) and the docs-only limits it checks on the way
    (FL92x). Computed on first use: :mod:`flowlint.schema.reference_errors` (which declares the FL2xx rules
    and translates errors) is imported only by the error path and the catalog, not by a clean check."""
    if name == "RULES":
        from flowlint.schema import meta_port, reference_errors

        rules: list[RuleInfo] = [*reference_errors.RULES, *meta_port.RULES, *docs_limits.RULES]
        globals()["RULES"] = rules
        return rules
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_native: ModuleType | None
try:  # the native validator for the clean path (optional: the reference answers without it)
    import jsonschema_rs

    _native = jsonschema_rs
except ImportError:  # pragma: no cover - depends on the platform's wheels
    _native = None

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry

__all__ = [
    "check",
    "RULES",
    "schema_for_version",
    "schema_is_valid",
    "load_schema",
    "validator_for",
    "schema_versions",
]

_PREFIX, _SUFFIX = "flow-json-", ".json"


# --- loading ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _schema_folder() -> Any:
    """The folder of JSON Schemas: the package ``flowlint.schemas`` (a symbolic link to ``schemas/`` in a
    checkout), read as a plain directory when it is one; through ``importlib.resources`` otherwise (a zip
    import), which costs ~10 ms of imports (``tempfile``, ``zipfile``...) that a plain directory does not."""
    here = Path(__file__).parents[1] / "schemas"  # flowlint/schemas
    if here.is_dir():
        return here
    from importlib import resources

    try:
        return resources.files("flowlint.schemas")
    except ModuleNotFoundError:  # running from a checkout that was not installed
        return Path(__file__).resolve().parents[2] / "schemas"


@lru_cache(maxsize=1)
def schema_versions() -> tuple[str, ...]:
    """The Flow JSON versions that have a schema file."""
    names = [entry.name for entry in _schema_folder().iterdir()]
    return tuple(n[len(_PREFIX) : -len(_SUFFIX)] for n in sorted(names) if n.startswith(_PREFIX) and n.endswith(_SUFFIX))


@lru_cache(maxsize=None)
def _load(version_text: str) -> dict[str, Any]:
    entry = _schema_folder() / f"{_PREFIX}{version_text}{_SUFFIX}"
    return json.loads(entry.read_text(encoding="utf-8"))


def load_schema(version_text: str) -> dict[str, Any]:
    """The entry schema of a Flow JSON version ("7.3"); ``KeyError`` for a version without one."""
    if version_text not in schema_versions():
        raise KeyError(version_text)
    return _load(version_text)


@lru_cache(maxsize=None)
def _registry(version_text: str) -> Registry:
    """The schema under its ``$id``: references resolve locally from the folder, never over the network.

    Each entry schema is self-contained (local ``#/$defs`` references only), so its registry holds that
    file alone; loading the other fifteen would cost time on every error path for nothing.
    """
    from referencing import Registry, Resource

    contents = load_schema(version_text)
    return Registry().with_resource(contents["$id"], Resource.from_contents(contents))


def schema_for_version(text: str) -> dict[str, Any]:
    """A self-contained JSON Schema (draft 2020-12) for editors, e.g. VS Code's ``json.schemas``.

    ``text`` is a Flow JSON version ("7.3"); an unknown version raises ``ValueError``.
    """
    version = FlowVersion.from_text(text)
    if version is None:
        raise ValueError(f"unknown Flow JSON version {text!r}")
    return json.loads(json.dumps(load_schema(version.canonical)))


# --- formats: Ajv 6's, which Meta's validator uses ------------------------------------------------------

@lru_cache(maxsize=1)
def _uri_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Ajv 6 "fast" mode ``uri`` format, and an http(s) URL. Compiled on first use: only the reference
    validator (the error path) checks formats in Python."""
    return (
        re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.IGNORECASE),
        re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE),
    )


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    ajv_uri, http_url = _uri_patterns()
    # Meta drops the uri error when the trimmed value is an http(s) URL (spec/meta-validator.md §3.1).
    return bool(ajv_uri.match(value) or http_url.match(value.strip()))


def _is_regex(value: object) -> bool:
    """The ``regex`` format (a TextInput's ``pattern``): the pattern is compiled to see whether it is one,
    and never run against anything. A pattern nested past the parser's stack is no regex either (JavaScript's
    ``new RegExp`` throws on it too), and the parser's warnings about odd patterns are not ours to print."""
    if not isinstance(value, str):
        return True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(value)
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
    return True


@lru_cache(maxsize=1)
def _format_checker() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("uri")(_is_uri)
    checker.checks("regex")(_is_regex)
    return checker


# --- patterns: ECMA-262 semantics, as Ajv (Meta) and jsonschema-rs read them ------------------------------

#: ECMA-262's white space and line terminators, what ``\s`` matches in JavaScript (ES2016 on: Unicode's Zs,
#: tab, vertical tab, form feed, BOM; LF, CR, U+2028, U+2029). Python's ``\s`` adds U+001C-U+001F and U+0085
#: and leaves out the BOM; the native validator's engines disagree with each other on U+0085 and the BOM.
ECMA_WHITESPACE = "\\t\\n\\x0b\\x0c\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASS_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_", "s": ECMA_WHITESPACE}


def js_regex(pattern: str, *, end: str = r"\Z") -> str:
    r"""A Python regular expression that matches what the ECMA-262 ``pattern`` matches (no flags).

    The schemas hold Meta's patterns as JavaScript reads them; Python differs in a few places that matter
    for Flow JSON strings: ``$`` also matches before a final newline, ``.`` matches ``\r`` and the line
    separators, and ``\d``/``\w``/``\s`` are Unicode-aware. Rust's regex (the native validator's) differs
    in the last two only: ``end="$"`` gives the pattern for it. ``\S`` is spelt out outside a character class
    only (no schema has it inside one).
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[nxt] if in_class else f"[{_CLASS_ESCAPES[nxt]}]")
            elif nxt == "S" and not in_class:
                out.append(f"[^{ECMA_WHITESPACE}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == "$":
            out.append(end)
        elif ch == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


#: Schema patterns whose direct translation backtracks exponentially in Python's ``re``, each with an
#: equivalent that does not (tests/schema/test_robustness.py proves they match the same strings).
#: Meta's "not blank" pattern: ``(\r?\n?)*`` can split a run of CR LF in 2^n ways before the lookahead
#: fails, so 40 "\r\n" hang the reference validator. What it accepts: after the leading CR/LF run, a
#: character that is not a line terminator, with something other than whitespace from there on.
#: Both validators read the equivalent (ECMA-262, like the schemas): the native one's backtracking limit
#: otherwise ends in an error that, inside an ``anyOf``, it counts as a match, so a blank text passed the
#: clean path; and its ``.`` matches U+2028/U+2029, which JavaScript's does not.
SAFE_EQUIVALENTS = {
    "^(\\r?\\n?)*(?!\\s*$).+(\\r?\\n?)*": "^[\\r\\n]*(?=[^\\n\\r\\u2028\\u2029])(?!\\s*$)",
}


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(js_regex(SAFE_EQUIVALENTS.get(pattern, pattern)))


@lru_cache(maxsize=None)
def _native_schema(version_text: str) -> dict[str, Any]:
    """The schema as the native validator reads it: Meta's patterns replaced by their SAFE_EQUIVALENTS, and
    with ECMA-262's ``.``, ``\\d`` and ``\\w`` spelt out (Rust's ``.`` matches ``\\r`` and U+2028; JavaScript's
    does not, and Meta's validator is JavaScript)."""
    return json.loads(_native_schema_text(version_text))


@lru_cache(maxsize=None)
def _native_schema_text(version_text: str) -> str:
    """:func:`_native_schema` as JSON text (each caller that modifies the schema parses its own copy)."""
    if version_text not in schema_versions():  # without parsing the schema itself: the clean path never needs it
        raise KeyError(version_text)
    text = (_schema_folder() / f"{_PREFIX}{version_text}{_SUFFIX}").read_text(encoding="utf-8")
    return _PATTERN_MEMBER.sub(lambda match: _native_member(match.group(1)), text)


@lru_cache(maxsize=None)
def _native_member(value: str) -> str:
    """One ``"pattern": ...`` member (its value as JSON text) as the native validator reads it: the members
    of :func:`native_keywords`. A schema repeats a few patterns hundreds of times (7.3: 314 members, 7
    patterns)."""
    keywords = native_keywords(json.loads(value))
    return json.dumps(keywords)[1:-1]


def native_keywords(pattern: str) -> dict[str, Any]:
    """What stands for the schema keyword ``"pattern": pattern`` in the native validator's schema: the
    pattern in ECMA-262 terms for Rust's regex (:func:`js_regex`, :data:`SAFE_EQUIVALENTS`), and without
    lookaround (:data:`NATIVE_WITHOUT_LOOKAROUND`)."""
    native = js_regex(SAFE_EQUIVALENTS.get(pattern, pattern), end="$")
    return NATIVE_WITHOUT_LOOKAROUND.get(native, {"pattern": native})


#: ECMA_WHITESPACE but the line terminators.
_BLANK_NOT_LINE_BREAK = "\\t\\x0b\\x0c \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000\\ufeff"

#: The native patterns with lookaround, each as keywords that accept the same values without it. A pattern
#: with lookaround runs on jsonschema-rs's backtracking engine (fancy-regex), one without on Rust's regex
#: automata; every label and text is tested against one of these, so this is ~30% of the native check of a
#: clean 100 KB flow (0.34 -> 0.24 ms). tests/schema/test_robustness.py checks each pair on generated strings.
NATIVE_WITHOUT_LOOKAROUND: dict[str, dict[str, Any]] = {
    # Not blank: after the leading run of CR/LF (the only place the lookaheads can hold: a CR or LF is a line
    # terminator), a character that is not a line terminator, and a non-whitespace character from there on.
    # That is a non-whitespace character there, or a whitespace one that is no line terminator and then,
    # after more whitespace, a non-whitespace one (LF, CR, U+2028 and U+2029 are all ECMA_WHITESPACE).
    js_regex("^[\\r\\n]*(?=[^\\n\\r\\u2028\\u2029])(?!\\s*$)", end="$"): {
        "pattern": "^[\\r\\n]*(?:[" + _BLANK_NOT_LINE_BREAK + "][" + ECMA_WHITESPACE + "]*)?[^" + ECMA_WHITESPACE + "]"
    },
    # "Does not start with X" is "not (a string that starts with X)": a value that is no string passes both.
    "^(?!\\$\\{(screen\\.([a-zA-Z,_]*)\\.)?(data|form)\\.[^\\n\\r\\u2028\\u2029]+\\})": {
        "not": {"type": "string", "pattern": "^\\$\\{(screen\\.([a-zA-Z,_]*)\\.)?(data|form)\\.[^\\n\\r\\u2028\\u2029]+\\}"}
    },
    "^(?!`[^\\n\\r\\u2028\\u2029]*`$)": {"not": {"type": "string", "pattern": "^`[^\\n\\r\\u2028\\u2029]*`$"}},
}


#: A ``"pattern": "..."`` member in a schema file's text (the value with its JSON escapes). A member that
#: becomes ``"not"`` must not have a ``"not"`` beside it (the later key would win): the test of
#: NATIVE_WITHOUT_LOOKAROUND checks that no schema has one there.
_PATTERN_MEMBER = re.compile(r'"pattern"\s*:\s*("(?:[^"\\]|\\.)*")')


@lru_cache(maxsize=1)
def _reference_class() -> Any:
    """Draft 2020-12 with ``pattern`` read as ECMA-262, and ``additionalProperties`` walked in document order
    (every other keyword is standard)."""
    from jsonschema import Draft202012Validator, ValidationError, validators

    from jsonschema import _keywords
    from jsonschema._utils import find_additional_properties

    # types-jsonschema declares this private keyword function as returning None; it is a generator.
    standard_additional_properties: Any = _keywords.additionalProperties

    def pattern(validator: Any, value: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not _compiled(value).search(instance):
            yield ValidationError(f"{instance!r} does not match {value!r}")

    def additional_properties(validator: Any, aP: Any, instance: Any, schema: Any) -> Any:
        # jsonschema walks the extra properties as a set: in an order that changes with PYTHONHASHSEED, so
        # the errors of two Switch cases came out in either order from one run to the next. Document order
        # (Ajv's, Meta's) instead; the rest of the keyword is jsonschema's own.
        if validator.is_type(instance, "object") and validator.is_type(aP, "object"):
            for extra in dict.fromkeys(find_additional_properties(instance, schema)):
                yield from validator.descend(instance[extra], aP, path=extra)
        else:
            yield from standard_additional_properties(validator, aP, instance, schema)

    return validators.extend(
        Draft202012Validator, {"pattern": pattern, "additionalProperties": additional_properties}
    )


@lru_cache(maxsize=None)
def validator_for(version_text: str) -> Draft202012Validator:
    """The reference validator of one version (compiled once; imported only when a flow has errors)."""
    return _reference_class()(
        load_schema(version_text), registry=_registry(version_text), format_checker=_format_checker()
    )


# --- the fast path ---------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _native_validator(version_text: str) -> Any:
    assert _native is not None  # called only when the native validator is installed
    return _native.validator_for(_native_schema(version_text), validate_formats=True)


@lru_cache(maxsize=None)
def _fast_validator(version_text: str) -> Callable[[Any], bool]:
    """``is_valid`` for the clean path: ``jsonschema-rs`` (native, ~100x faster) when it is installed.

    It answers only accept/reject (and, on the error path, which screens fail); the errors always come
    from the reference validator. The schemas use only standard draft 2020-12 keywords and the standard
    ``uri``/``regex`` formats, and tests/schema/test_fast_path.py proves both validators accept and reject
    exactly the same documents (every conformance case, corpus flow and fixture). Without the package, the
    reference answers.
    """
    if _native is not None:
        return _native_validator(version_text).is_valid
    return validator_for(version_text).is_valid


#: What the native validator raises on values it cannot take over from Python: a string with a lone
#: surrogate (legal in JSON through ``\\ud800``) is no Rust string (``UnicodeEncodeError``). The reference
#: validator answers those documents instead.
_NATIVE_REFUSALS = (UnicodeError, ValueError, OverflowError)


@lru_cache(maxsize=None)
def _docs_native_validator(version_text: str) -> Any:
    """The native validator of the schema with the docs' limits added
    (:func:`docs_limits.within_docs_limits_schema`)."""
    schema = docs_limits.within_docs_limits_schema(json.loads(_native_schema_text(version_text)))
    assert _native is not None  # called only when the native validator is installed
    return _native.validator_for(schema, validate_formats=True)


def _within_docs_limits(doc: dict[str, Any], version_text: str) -> bool:
    """True when the document is valid and within the docs' limits, told by one native check (the clean
    path); False when that is not sure (no native validator, or it refused the document): then ask
    :func:`schema_is_valid` and :func:`docs_limits.docs_limits`."""
    if _native is None:
        return False
    try:
        return bool(_docs_native_validator(version_text).is_valid(doc))
    except _NATIVE_REFUSALS:
        return False


def schema_is_valid(doc: dict[str, Any], version_text: str) -> bool:
    try:
        return _fast_validator(version_text)(doc)
    except _NATIVE_REFUSALS:
        return bool(validator_for(version_text).is_valid(doc))


# --- the stage -------------------------------------------------------------------------------------------


def _schema_version(version: FlowVersion) -> str | None:
    text = SUPPORTED.get(version.number) or LEGACY.get(version.number)
    return text if text in schema_versions() else None


def check(doc: dict[str, Any], version: FlowVersion) -> list[Diagnostic]:
    """Schema findings in Meta's order, with paths (spans are filled in by the engine)."""
    schema_version = _schema_version(version)
    if schema_version is None:
        return []
    if doc.get("version") != version.text:
        # --target-version: the document is checked as if it declared that version.
        doc = {**doc, "version": version.text}
    from flowlint.schema import meta_port

    if meta_port.handles(version):  # 5.1 and later: Meta's own schema, Ajv's errors, Meta's translation
        found = meta_port.check(doc, version)
        # The docs' limits by their Python walk: cheaper than a second native check of the whole flow
        # (100 KB: 0.21 vs 0.26 ms), and the same answer (a flow within them gets nothing from the walk).
        found.extend(docs_limits.docs_limits(doc))
        return found
    if _within_docs_limits(doc, schema_version):
        return []  # valid, and nothing for the docs' limits to say
    found = []
    if not schema_is_valid(doc, schema_version):
        found = _explain(doc, schema_version)
    found.extend(docs_limits.docs_limits(doc))
    return found


#: From this many screens on, the reference validator sees only what the native one found broken.
PRUNE_FROM_SCREENS = 1

#: Index maps of a pruned document: the path of an array (in the pruned document) -> for each of its items,
#: that item's index in the original document.
Kept = dict[tuple[Any, ...], list[int]]


def _explain(doc: dict[str, Any], version_text: str, *, prune_from: int | None = None) -> list[Diagnostic]:
    """Meta's errors for an invalid document, from the reference validator.

    The reference validator takes ~2 ms per KB; on a large flow with a few errors it would spend nearly all
    of that on valid parts. When the native validator is there, it says where the errors are, and the
    reference explains a pruned copy of the document:

    1. only the broken screens (plus the root): screens are validated independently of each other (the
       schema has no cross-screen keyword);
    2. inside those, every array that holds an error keeps only the items that hold one (the schema has no
       keyword that relates the items of an array, except counts, which are errors of the array itself: such
       an array is kept whole), and error-free values beside them keep only the first item of each array
       (no array of the schema needs two). Whether that changed anything is checked on every call: the native validator
       must report exactly the same errors (paths mapped back, messages) on the pruned copy as on the
       document; if not, only step 1 is done.

    Paths, and the indexes that messages quote, are mapped back to the document's.
    tests/schema/test_fast_path.py proves the answer is the same as without pruning.
    """
    screens = doc.get("screens")
    threshold = PRUNE_FROM_SCREENS if prune_from is None else prune_from
    if _native is None or not isinstance(screens, list) or len(screens) < threshold:
        errors = validator_for(version_text).iter_errors(doc)
        from flowlint.schema import reference_errors

        return reference_errors.translate(errors, doc, version=version_text)
    native = _native_validator(version_text)
    from flowlint.schema import reference_errors

    try:
        original = [(tuple(e.instance_path), e.message) for e in native.iter_errors(doc)]
    except _NATIVE_REFUSALS:  # the native validator cannot read this document: explain all of it
        return reference_errors.translate(validator_for(version_text).iter_errors(doc), doc, version=version_text)
    broken = sorted(
        {p[1] for p, _ in original if len(p) >= 2 and p[0] == "screens" and isinstance(p[1], int)}
    )
    keep = broken or [0]  # a valid screen stands in, to keep `screens` non-empty, as it is
    pruned: dict[str, Any] = {**doc, "screens": [screens[i] for i in keep]}
    kept: Kept = {("screens",): keep}
    slim = _compacted(doc, keep, original)
    if slim is not None:
        try:
            again = [(_map_path(tuple(e.instance_path), slim[1]), e.message) for e in native.iter_errors(slim[0])]
        except _NATIVE_REFUSALS:
            again = None
        if again is not None and sorted(again, key=repr) == sorted(original, key=repr):
            pruned, kept = slim
    # Renumbered before they merge: two items of different arrays can share an index in the pruned copy,
    # and so a message ("property 'children/0'") that differs in the document.
    found = reference_errors.translate(
        validator_for(version_text).iter_errors(pruned), pruned, version=version_text, merge=False
    )
    return reference_errors.merge_findings([_renumber(d, kept) for d in found])


def _compacted(
    doc: dict[str, Any], keep: list[int], errors: list[tuple[tuple[Any, ...], str]]
) -> tuple[dict[str, Any], Kept] | None:
    """The kept screens with every array on an error's path cut down to the items on one (None: nothing cut)."""
    at = {p for p, _ in errors}
    under = {p[:i] for p in at for i in range(len(p))}
    kept: Kept = {("screens",): keep}
    dropped = 0

    def trim(node: Any) -> Any:
        """An error-free value, its arrays cut to their first item: as valid (no array needs two items)."""
        nonlocal dropped
        if isinstance(node, dict):
            return {k: trim(v) for k, v in node.items()}
        if isinstance(node, list):
            dropped += max(0, len(node) - 1)
            return [trim(item) for item in node[:1]]
        return node

    def prune(node: Any, path: tuple[Any, ...], new_path: tuple[Any, ...]) -> Any:
        nonlocal dropped
        if isinstance(node, dict):
            return {
                k: prune(v, path + (k,), new_path + (k,)) if path + (k,) in under or path + (k,) in at else trim(v)
                for k, v in node.items()
            }
        if isinstance(node, list) and path not in at:  # an error on the array itself: its items may all matter
            indexes = [i for i in range(len(node)) if path + (i,) in under or path + (i,) in at]
            dropped += len(node) - len(indexes)
            kept[new_path] = indexes
            return [prune(node[i], path + (i,), new_path + (j,)) for j, i in enumerate(indexes)]
        return node

    screens = doc["screens"]
    slim = [
        prune(screens[i], ("screens", i), ("screens", j)) if ("screens", i) in under or ("screens", i) in at else screens[i]
        for j, i in enumerate(keep)
    ]
    return ({**doc, "screens": slim}, kept) if dropped else None


def _map_path(path: tuple[Any, ...], kept: Kept) -> tuple[Any, ...]:
    """A path of the pruned document -> the same place in the document."""
    out: list[Any] = []
    for n, part in enumerate(path):
        indexes = kept.get(path[:n]) if isinstance(part, int) else None
        out.append(indexes[part] if indexes is not None and 0 <= part < len(indexes) else part)
    return tuple(out)


def _slash(path: tuple[Any, ...]) -> str:
    return "".join(f"/{p}" for p in path)


def _renumber(diag: Diagnostic, kept: Kept) -> Diagnostic:
    """Map the paths of a diagnostic on the pruned document back to the document, and the indexes its message
    quotes ("Error at [/screens/j/...]", "property 'children/j'")."""

    def path(p: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
        return None if p is None else _map_path(tuple(p), kept)

    message = diag.message
    own = tuple(diag.path)
    mapped = _map_path(own, kept)
    if mapped != own:
        for n in range(len(own), 0, -1):  # the longest quoted prefix first
            if own[:n] != mapped[:n]:
                for end in ("/", "]"):
                    message = message.replace(f"[{_slash(own[:n])}{end}", f"[{_slash(mapped[:n])}{end}")
        if len(own) >= 2 and isinstance(own[-1], int):
            message = message.replace(f"'{own[-2]}/{own[-1]}'", f"'{mapped[-2]}/{mapped[-1]}'", 1)
    pointers = tuple(replace(p, path=_map_path(tuple(p.path), kept), at=path(p.at)) for p in diag.pointers)
    return replace(diag, message=message, pointers=pointers)
