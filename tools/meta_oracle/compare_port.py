"""Hold flowlint.schema.meta_port.errors to Meta's own schema pass (developers only).

For each flow of an input JSONL (``{"id", "text"}`` per line) whose version is 5.1 or 6.0-7.4, this parses
the text with flowlint's parser, runs ``flowlint.schema.meta_port.ajv.validate`` with Meta's dumped
schema, translates the errors with ``flowlint.schema.meta_port.errors.translate``, locates them, and
compares the answer with the oracle's (``oracle.js``'s output for the same input): codes, messages, pointers
with positions and paths, in order.
Paths are compared as tuples: flowlint's read with ``flowlint.diagnostics.parse_path``, Meta's with
:func:`normalise_path` (Meta writes ``['x']`` where flowlint writes ``.x``, and an empty key as ``.''``).
For Meta's throws, code and message are compared (flowlint points at the value, Meta at line 0).

    python tools/meta_oracle/compare_port.py --schemas DIR --input in.jsonl --oracle oracle.jsonl [--show N]

``--schemas`` holds ``<int version>.json`` as ``dump.js`` writes them.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from flowlint.schema.meta_port import ajv  # noqa: E402
from flowlint.diagnostics import Diagnostic, format_path, parse_path  # noqa: E402
from flowlint.engine import locate  # noqa: E402
from flowlint.schema.meta_port.errors import raw_keys, translate  # noqa: E402
from flowlint.schema import _compiled, _is_regex  # noqa: E402
from flowlint.source import parse_source  # noqa: E402

VERSIONS = {"5.1": 501, "6.0": 600, "6.1": 601, "6.2": 602, "6.3": 603, "7.0": 700, "7.1": 701, "7.2": 702,
            "7.3": 703, "7.4": 704}

# Ajv 6's formats as Meta's schemas use them ("uri" is Ajv's own test; "regex" compiles the pattern).
_URI = re.compile(r"^(?:[a-z][a-z0-9+\-.]*:)(?:/?/)?[^\s]*$", re.I)
FORMATS: dict[str, Callable[[str], bool]] = {
    "uri": lambda s: bool(_URI.match(s)),
    "regex": lambda s: not re.search(r"[^\\]\\Z", s) and _is_regex(s),
}


def pattern_test(pattern: str) -> Callable[[str], Any]:
    return _compiled(pattern).search


def api_shape(diags: list[Diagnostic]) -> list[dict[str, Any]]:
    out = []
    for d in diags:
        pointers = []
        for p in d.pointers:
            s = p.span
            assert s is not None
            pointers.append({"lineStart": s.line_start, "lineEnd": s.line_end, "columnStart": s.column_start,
                             "columnEnd": s.column_end, "path": format_path(p.path)})
        out.append({"code": d.error, "message": d.message, "pointers": pointers})
    return out


_META_STEP = re.compile(r"\[(\d+)\]|\['(.*?)'\](?=[.\[]|$)|\.?([^.\[\]]+)")


def normalise_path(text: str) -> Any:
    """Meta's path text as a tuple.

    Ajv writes a key that is not an identifier as ``['key']``, without escaping it when the key comes from
    the data (an additional or pattern property: ``['it's']``); Meta writes an empty key it names as ``.''``
    (``''`` at the root) or a trailing ``.``, where flowlint writes ``['']``."""
    if text == "''" or text.endswith(".''"):
        text = text[:-2].removesuffix(".") + "['']"
    elif text.endswith("."):
        text = text[:-1] + "['']"
    out: list[Any] = []
    pos = 0
    while pos < len(text):
        m = _META_STEP.match(text, pos)
        if not m or m.end() == pos:
            return text
        index, quoted, plain = m.groups()
        out.append(int(index) if index is not None else quoted if quoted is not None else plain)
        pos = m.end()
    return tuple(out)


def comparable(errors: list[dict[str, Any]], *, meta: bool) -> list[Any]:
    return [(e["code"], e["message"],
             [(p["lineStart"], p["columnStart"], p["lineEnd"], p["columnEnd"], normalise_path(p["path"]) if meta
               else parse_path(p["path"]))
              for p in e["pointers"]]) for e in errors]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--schemas", required=True, type=Path)
    ap.add_argument("--input", required=True, type=Path)
    ap.add_argument("--oracle", required=True, type=Path)
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    args = ap.parse_args()

    texts = {}
    with args.input.open() as f:
        for line in f:
            case = json.loads(line)
            texts[case["id"]] = case["text"]
    schemas: dict[int, Any] = {}
    stats: collections.Counter[str] = collections.Counter()
    shown = 0
    t_ajv = t_translate = t_locate = 0.0
    with args.oracle.open() as f:
        for line in f:
            answer = json.loads(line)
            if "skip" in answer:
                continue
            text = texts[answer["id"]]
            parsed = parse_source(text.encode("utf-8"))
            doc = parsed.value
            declared = doc.get("version") if isinstance(doc, dict) else None
            version = VERSIONS.get(declared) if isinstance(declared, str) else None
            if version is None:
                continue
            if version not in schemas:
                schemas[version] = json.loads((args.schemas / f"{version}.json").read_text())
            t0 = time.perf_counter()
            errors = ajv.validate(schemas[version], doc, formats=FORMATS, pattern=pattern_test)
            t1 = time.perf_counter()
            raw_key = raw_keys(parsed.text, lambda path: parsed.source_map.key_span(path))
            diags = translate(errors, doc, version, schema=schemas[version], raw_key=raw_key)
            t2 = time.perf_counter()
            located = locate(diags, parsed)
            t_ajv += t1 - t0
            t_translate += t2 - t1
            t_locate += time.perf_counter() - t2
            ours = api_shape(located)
            if "throw" in answer:
                kind = "throw"
                expected = [("INVALID_FLOW_JSON", "Flow JSON is not valid. " + answer["throw"])]
                same = [(e["code"], e["message"]) for e in ours] == expected
            else:
                kind = "errors" if answer["errors"] else "clean"
                expected = comparable(answer["errors"], meta=True)
                same = comparable(ours, meta=False) == expected
            stats[f"{kind} {'same' if same else 'DIFF'}"] += 1
            if not same and shown < args.show:
                shown += 1
                print(f"--- {answer['id']} ({kind})")
                print("  meta:    ", json.dumps(answer.get("errors", answer.get("throw")))[:3000])
                print("  flowlint:", json.dumps(ours)[:3000])
    total = sum(stats.values())
    for key in sorted(stats):
        print(f"{key}: {stats[key]}")
    per_flow = 1000 / max(total, 1)
    print(f"flows: {total}; per flow: ajv {t_ajv * per_flow:.2f} ms, translate {t_translate * per_flow:.3f} ms, "
          f"locate {t_locate * per_flow:.3f} ms")
    return 0 if all(k.endswith("same") for k in stats) else 1


if __name__ == "__main__":
    sys.exit(main())
