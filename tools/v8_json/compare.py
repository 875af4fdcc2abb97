"""Hold flowlint/v8_json.py to V8: run the same texts through node's JSON.parse and compare the messages.

    python3 tools/v8_json/compare.py [--count N] [--seed S] [--record tests/v8_json_cases.json]

Texts: the JSONTestSuite cases and Meta's recorded syntax cases (when ../shared is beside the repository),
plus random edits of the example flows and of short texts (a character deleted, inserted, replaced, the text
cut). Needs node on the PATH. ``--record`` writes a sample of (text, message) pairs for the unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flowlint.v8_json import json_parse_error  # noqa: E402

PIECES = list(' \t\n\r,:{}[]"\\-+0123456789.eEtfnulrsax\'/*\x00\x01\x1f\x7fé€😀\ufeff\u2028') + [
    "true", "false", "null", "\\u", "\\u12", "\\ud83d", "1e", "-", "0.", "01", "//", "/*", "NaN", "[object Object]",
]


def seeds() -> list[str]:
    texts = []
    shared = ROOT.parent / "shared"
    for path in sorted((shared / "conformance" / "jsontestsuite").rglob("*.json")):
        data = path.read_bytes()
        try:
            texts.append(data.decode("utf-8"))
        except UnicodeDecodeError:
            continue
    for path in sorted((shared / "conformance" / "meta" / "cases").glob("syntax-*.json")):
        texts.append(path.read_bytes().decode("utf-8"))
    return texts


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        at = rng.randrange(len(text) + 1)
        op = rng.randrange(4)
        if op == 0 and text:
            text = text[:at] + text[at + 1 :]
        elif op == 1:
            text = text[:at] + rng.choice(PIECES) + text[at:]
        elif op == 2 and text:
            text = text[:at] + rng.choice(PIECES) + text[at + 1 :]
        else:
            text = text[:at]
    return text


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.json"))]
    bases += [json.dumps(json.loads(b), separators=(",", ":")) for b in bases]
    shorts = ['{"a":1}', "[1,2]", '"x"', "0", "true", "{}", "[]", '{"version":"7.3","screens":[]}']
    texts = seeds()
    for _ in range(args.count):
        texts.append(mutate(rng, rng.choice(bases if rng.random() < 0.7 else shorts)))
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    run = subprocess.run(
        ["node", str(ROOT / "tools" / "v8_json" / "oracle.js")], input=lines, capture_output=True, text=True,
        check=True,
    )
    answers = {a["id"]: a["message"] for a in (json.loads(x) for x in run.stdout.split("\n") if x.strip())}
    differ = 0
    for i, text in enumerate(texts):
        ours = json_parse_error(text)
        if ours != answers[i]:
            differ += 1
            if differ <= 15:
                print(f"--- {text[:80]!r}...\n  v8:   {answers[i]!r}\n  ours: {ours!r}")
    print(f"{len(texts)} texts, {sum(m is not None for m in answers.values())} refused by V8, {differ} differ")
    if args.record:
        # Every kind of message, the short texts first (long ones only where a kind needs them), at most 10
        # of a kind: a small file that still covers each of V8's paths.
        kinds: dict[str, list[tuple[str, str]]] = {}
        for i, t in enumerate(texts):
            if answers[i] is not None:
                kind = re.sub(r"^Unexpected token '.*?', ", "", answers[i], flags=re.S)
                kind = re.sub(r"\d+", "N", re.sub(r'".*"', "S", kind, flags=re.S))
                kinds.setdefault(kind, []).append((t, answers[i]))
        picked = []
        for pairs in kinds.values():
            pairs.sort(key=lambda p: len(p[0]))
            short = [p for p in pairs if len(p[0]) < 300][:10]
            picked += short or pairs[:1]
        picked.sort(key=lambda p: (len(p[0]), p[0]))
        Path(args.record).write_text(
            json.dumps([{"text": t, "message": m} for t, m in picked], indent=1, ensure_ascii=True) + "\n"
        )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
