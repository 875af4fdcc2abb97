"""Two processes with different hash seeds give the same reports on the same damaged flows.

Python randomises ``str`` hashes per process, so anything that walks a set of names (as jsonschema's
``additionalProperties`` did) reorders findings from one run to the next; a test in one process never sees it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import mutated_documents

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
import flowlint
documents = json.loads(sys.stdin.read())
print(json.dumps([flowlint.lint(d.encode("latin-1")).to_dicts() for d in documents]))
"""


def _reports(documents: list[bytes], seed: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        input=json.dumps([d.decode("latin-1") for d in documents]),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        cwd=REPO,
        check=True,
    )
    return json.loads(done.stdout)


@settings(max_examples=5)  # every example starts two interpreters
@given(st.lists(mutated_documents(), min_size=10, max_size=10))
def test_reports_do_not_depend_on_the_hash_seed(documents: list[bytes]) -> None:
    assert _reports(documents, "1") == _reports(documents, "6")
