"""Hostile inputs for the fuzz suite: arbitrary bytes, and valid flows damaged by random mutations.

A fuzzed document starts from a *seed*, a valid flow from :func:`flowlint.testing.valid_flows` or a real flow
from ``../shared/corpus/real/`` (when present), and goes through a few mutations of two kinds:

* on the value (then serialised, compactly or indented): delete a member or an item, duplicate one, retype a
  value, swap two keys, rename a key, wrap a value in deep nesting, put in a huge string or number, odd
  unicode (lone surrogates, line separators, zero-width and right-to-left marks, emoji), expressions;
* on the text: truncate, insert garbage bytes, a byte-order mark, NUL, CR-only or CRLF line ends, duplicate
  a stretch, a duplicated key.

Every strategy here is bounded (sizes, counts), so an example costs milliseconds to generate.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from flowlint.testing import valid_flows

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO / ".." / "shared" / "corpus" / "real").resolve()


def corpus_texts() -> list[bytes]:
    """The real flows of ``../shared/corpus/real`` (empty when the shared material is absent)."""
    if not CORPUS.is_dir():
        return []
    return [p.read_bytes() for p in sorted(CORPUS.glob("*.json"))]


_CORPUS_VALUES: list[Any] | None = None


def corpus_values() -> list[Any]:
    global _CORPUS_VALUES
    if _CORPUS_VALUES is None:
        _CORPUS_VALUES = [json.loads(data.decode("utf-8-sig")) for data in corpus_texts()]
    return _CORPUS_VALUES


# --- odd values -------------------------------------------------------------------------------------------

ODD_TEXT = [
    "",
    " ",
    "\u0000",
    "\ud800",  # a lone surrogate (JSON's \u escapes allow it)
    "\udc00x\ud83d",
    "\u2028\u2029",
    "\u200b\u200e\u202e",  # zero-width space, left-to-right mark, right-to-left override
    "\ufeff",
    "e\u0301\u0301\u0301",  # combining accents
    "\U0001f600\U0001f468\u200d\U0001f469",  # emoji, a ZWJ sequence
    "\r",
    "a\r\nb",
    "\t",
    "${data.x}",
    "${form.",
    "${screen.A.data.x}",
    "`${data.a} ${form.b}`",
    "${data.a[0].b}",
    "${",
    "`",
    "((((((((((",
    "success",
    "SUCCESS",
    "https://example.com/",
    "file:///etc/passwd",
    "data:image/png;base64,AAAA",
    "TextInput",
    "Footer",
    "navigate",
    "complete",
    "data_exchange",
]

#: Numbers at the edges: past 64 bits, past a double, subnormal, negative zero.
_EDGE_NUMBERS: list[Any] = [10**400, -(10**4000), 1e308, -1e308, 5e-324, -0.0, 2**63, 2**64 + 1, -(2**53) - 1, 0.1]
#: Drawn by index: hypothesis prints strategies in its statistics, and a 4000-digit literal is no help there.
HUGE_NUMBERS = st.integers(min_value=0, max_value=len(_EDGE_NUMBERS) - 1).map(_EDGE_NUMBERS.__getitem__)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    HUGE_NUMBERS,
    st.sampled_from(ODD_TEXT),
    st.text(max_size=12),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


# --- value mutations --------------------------------------------------------------------------------------


def _paths(node: Any) -> list[tuple[Any, ...]]:
    """Every path in a JSON value (an iterative walk: documents may already be deep)."""
    out: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), node)]
    while stack:
        path, value = stack.pop()
        out.append(path)
        if len(out) > 20_000:
            break
        if isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in enumerate(value))
    return out


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


#: Deepest value nesting the value mutations build (copying and serialising recurse in Python).
VALUE_DEPTH = 300


def _depth(node: Any) -> int:
    return max(len(p) for p in _paths(node))


def _nest(value: Any, depth: int, as_list: bool) -> Any:
    for _ in range(depth):
        value = [value] if as_list else {"x": value}
    return value


VALUE_MUTATIONS = (
    "delete",
    "duplicate",
    "retype",
    "swap-keys",
    "rename-key",
    "deep-nesting",
    "huge-string",
    "huge-number",
    "odd-unicode",
    "copy-elsewhere",
)


def mutate_value(draw: st.DrawFn, doc: Any) -> Any:
    """One mutation, in place where possible; returns the (possibly new) document."""
    paths = _paths(doc)
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(VALUE_MUTATIONS))
    if not path:
        return draw(json_values) if kind == "retype" else doc
    parent = _get(doc, path[:-1])
    key = path[-1]
    if kind == "delete":
        del parent[key]
    elif kind == "duplicate":
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[f"{key}_copy"] = copy.deepcopy(parent[key])
    elif kind == "retype":
        parent[key] = draw(json_values)
    elif kind in ("swap-keys", "rename-key") and isinstance(parent, dict):
        keys = list(parent)
        other = draw(st.sampled_from(keys))
        if kind == "swap-keys":
            parent[key], parent[other] = parent[other], parent[key]
        else:
            new_name = draw(st.sampled_from([other + "_", key.upper(), key.replace("-", "_"), "", " " + key, "type"]))
            value = parent.pop(key)
            parent[new_name] = value
    elif kind == "deep-nesting":
        # Value nesting stays within Python's recursion limit (copy, json.dumps); deeper nesting, past
        # flowlint's own limit, is a text mutation.
        depth = draw(st.sampled_from([2, 20, 100, 250]))
        depth = min(depth, VALUE_DEPTH - len(path) - _depth(parent[key]))
        parent[key] = _nest(parent[key], max(depth, 0), draw(st.booleans()))
    elif kind == "huge-string":
        size = draw(st.sampled_from([1_000, 5_000, 80_000, 200_000]))
        unit = draw(st.sampled_from(["a", "é", "\U0001f600", "${data.x}", "\\", '"', "\n", "(", "a" * 9 + "!"]))
        parent[key] = (unit * (size // len(unit) + 1))[:size]
    elif kind == "huge-number":
        parent[key] = draw(HUGE_NUMBERS)
    elif kind == "odd-unicode":
        odd = draw(st.sampled_from(ODD_TEXT))
        current = parent[key]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[key + odd] = parent.pop(key)  # an odd key
        else:
            parent[key] = (current + odd) if isinstance(current, str) else odd
    elif kind == "copy-elsewhere":
        source = _get(doc, draw(st.sampled_from(paths)))
        if len(path) + _depth(source) <= VALUE_DEPTH:
            parent[key] = copy.deepcopy(source)
    return doc


# --- text mutations ---------------------------------------------------------------------------------------

GARBAGE = [b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"{", b"}", b"[", b",", b'"', b"\\", b":",
           b"/*", b"NaN", b"-", b"1e999999", b"\x1b[31m", b"\r", b"\t", b"\xe2\x80\xa8"]
TEXT_MUTATIONS = ("truncate", "insert-garbage", "bom", "nul", "cr-only", "crlf", "duplicate-stretch", "delete-byte",
                  "duplicate-key", "deep-nesting", "huge-literal")


def mutate_text(draw: st.DrawFn, data: bytes) -> bytes:
    kind = draw(st.sampled_from(TEXT_MUTATIONS))
    n = len(data)
    at = draw(st.integers(min_value=0, max_value=n))
    if kind == "truncate":
        return data[:at]
    if kind == "insert-garbage":
        return data[:at] + draw(st.sampled_from(GARBAGE) | st.binary(min_size=1, max_size=6)) + data[at:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "nul":
        return data[:at] + b"\x00" + data[at:]
    if kind == "cr-only":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    if kind == "duplicate-stretch":
        end = draw(st.integers(min_value=at, max_value=min(n, at + 200)))
        return data[:end] + data[at:end] + data[end:]
    if kind == "delete-byte":
        return data[:at] + data[at + 1 :]
    brace = data.find(b"{")
    if kind == "deep-nesting":  # a first member nested around flowlint's depth limit (512), or far beyond it
        depth = draw(st.sampled_from([510, 511, 512, 513, 5_000, 100_000]))
        opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
        member = b'"deep": ' + opener * depth + b"0" + closer * depth + b","
        return data[: brace + 1] + member + data[brace + 1 :] if brace >= 0 else member
    if kind == "huge-literal":  # numbers json.dumps cannot write: past the int-conversion limit, past a double
        literal = draw(st.sampled_from([b"9" * 4300, b"9" * 4301, b"-" + b"1" * 50_000, b"1e999999", b"-0e-0",
                                        b"0." + b"0" * 5000 + b"1", b"1" * 300 + b".5e-400"]))
        member = b'"n": ' + literal + b","
        return data[: brace + 1] + member + data[brace + 1 :] if brace >= 0 else literal
    # duplicate-key: repeat the first member of the root object
    comma = data.find(b",", brace)
    if brace < 0 or comma < 0:
        return data
    return data[: brace + 1] + data[brace + 1 : comma + 1] + data[brace + 1 :]


# --- whole documents --------------------------------------------------------------------------------------


def _serialise(draw: st.DrawFn, value: Any) -> bytes:
    indent = draw(st.sampled_from([None, 2, 4, "\t"]))
    text = json.dumps(value, indent=indent, ensure_ascii=draw(st.booleans()))
    return text.encode("utf-8", "surrogatepass")


@st.composite
def seeds(draw: st.DrawFn) -> Any:
    """A valid flow: generated, or one of the real corpus flows (a deep copy: mutations change it)."""
    corpus = corpus_values()
    if corpus and draw(st.booleans()):
        return copy.deepcopy(draw(st.sampled_from(corpus)))
    return draw(valid_flows())


@st.composite
def mutated_values(draw: st.DrawFn, max_mutations: int = 4) -> Any:
    """A seed flow after 0 to ``max_mutations`` value mutations (still a JSON value)."""
    doc = draw(seeds())
    for _ in range(draw(st.integers(min_value=0, max_value=max_mutations))):
        doc = mutate_value(draw, doc)
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """Bytes: a mutated flow, serialised, then possibly damaged as text too."""
    data = _serialise(draw, draw(mutated_values()))
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        data = mutate_text(draw, data)
    return data


#: Arbitrary bytes, and text that is nearly JSON (JSON's own characters, more often than chance would give).
arbitrary_bytes = st.binary(max_size=400) | st.text(
    alphabet=st.sampled_from('{}[]":,0123456789.eE+-tfrueals n\\\t\n\r\x00\ufeff\u2028é\U0001f600'), max_size=200
).map(lambda t: t.encode("utf-8"))

#: Everything the fuzz suite feeds flowlint.
hostile_inputs = st.one_of(mutated_documents(), arbitrary_bytes)
