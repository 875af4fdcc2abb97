"""Flow JSON versions and Meta's version gate.

Meta's validator reads ``version`` as ``major.minor`` with both parts parsed as integers
(``"7.3"`` -> 703; ``"07.3"`` -> 703 too, then the schema's const on the exact string fails;
``"7.30"`` -> 730, unknown). Facts: ``spec/meta-validator.md`` §0 and the conformance cases
``version-*`` (``conformance/meta/README.md``, "Version gate and chains").

Severity (``spec/flowjson.md`` §1.1): versions below 5.1 can still be *sent* but no longer
*published*; Meta's validator refuses them with ``INVALID_FLOW_JSON_VERSION``. flowlint checks such
a flow against its own version's schema and reports the refusal as a warning (an error when
checking a Create Flow request, where the refusal is what the server answers).
"""

from __future__ import annotations

import math
import re
from typing import Any

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import ERROR, WARNING, Diagnostic, Pointer
from flowlint.records import record

__all__ = [
    "FlowVersion",
    "parse_version_number",
    "version_gate",
    "SUPPORTED",
    "LEGACY",
    "PUBLISHABLE",
    "LATEST",
    "MSG_UNSUPPORTED",
    "MSG_MISSING",
    "RULES",
]

MSG_UNSUPPORTED = (
    "Given Flow JSON version is not supported. Please refer the supported versions at "
    "https://developers.facebook.com/docs/whatsapp/flows/changelogs#currently-supported-versions."
)
MSG_MISSING = "Flow JSON version is not specified."

#: Versions Meta's validator checks (its chain table), number -> canonical text.
#: 5.2 is Meta's commerce ("shopping") variant of 5.1; 7.4 is published in the validator build the
#: conformance cases were run with and is validated exactly like 7.3 (case ``version-7-4-accepted``).
SUPPORTED: dict[int, str] = {
    501: "5.1",
    502: "5.2",
    600: "6.0",
    601: "6.1",
    602: "6.2",
    603: "6.3",
    700: "7.0",
    701: "7.1",
    702: "7.2",
    703: "7.3",
    704: "7.4",
}
#: Older public versions: refused by Meta's validator for new flows, still sendable when published.
#: flowlint checks them against their own schema and warns (FL103).
LEGACY: dict[int, str] = {201: "2.1", 300: "3.0", 301: "3.1", 400: "4.0", 500: "5.0"}
#: Versions Meta's public changelog lists as publishable (spec/flowjson.md §1.1).
PUBLISHABLE = frozenset({501, 600, 601, 602, 603, 700, 701, 702, 703})
#: The newest version Meta publishes: what examples, fixes and ``flowlint migrate`` suggest.
LATEST = "7.3"
#: The first version with backtick ("nested") expressions and ``update_data`` (spec/flowjson.md changelog).
NESTED_EXPRESSIONS_SINCE = 600

_VERSION_TEXT = re.compile(r"([0-9]+)\.([0-9]+)")


@record(frozen=True, slots=True)
class FlowVersion:
    """A version as Meta's gate reads it: ``number`` = major*100 + minor; ``text`` as written."""

    number: int
    text: str

    @property
    def canonical(self) -> str:
        return SUPPORTED.get(self.number) or LEGACY.get(self.number) or self.text

    @property
    def legacy(self) -> bool:
        return self.number in LEGACY

    @property
    def has_nested_expressions(self) -> bool:
        """Backtick expressions (`` `${data.a} + 1` ``) and the V600 validators that type them: 6.0+."""
        return self.number >= NESTED_EXPRESSIONS_SINCE

    @property
    def is_latest(self) -> bool:
        return self.number == parse_version_number(LATEST)

    def at_least(self, text: str) -> bool:
        number = parse_version_number(text)
        assert number is not None, text
        return self.number >= number

    @classmethod
    def from_text(cls, text: str) -> FlowVersion | None:
        number = parse_version_number(text)
        if number is None or (number not in SUPPORTED and number not in LEGACY):
            return None
        return cls(number, text)


def parse_version_number(text: str) -> int | None:
    m = _VERSION_TEXT.fullmatch(text)
    if m:
        major, minor = int(m.group(1)), int(m.group(2))
        return major * 100 + minor if 1 <= major < 32767 and minor <= 99 else None
    # Meta (WAFlowJSONVersionUtils.convertSemanticVersionToIntVersion) splits on "." and reads each part with
    # JavaScript's Number(): blanks around a part, a sign, an exponent, hexadecimal and an empty part (0) pass,
    # so "6.3 " and "6." are 6.3 and 6.0 for the gate; the schema's const on the exact string then fails.
    parts = text.split(".")
    if len(parts) != 2:
        return None
    js_major, js_minor = (_js_number(part) for part in parts)
    if not (1 <= js_major < 32767 and 0 <= js_minor <= 99):  # NaN fails both
        return None
    number = js_major * 100 + js_minor
    return int(number) if number == int(number) else None


#: What ``Number()`` ignores around a number: ECMA-262's white space and line terminators.
_JS_BLANKS = "\t\n\x0b\x0c\r \xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(map(chr, range(0x2000, 0x200B)))
_JS_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[eE][+-]?[0-9]+)?|Infinity)")
_JS_RADIX = {"0x": 16, "0X": 16, "0o": 8, "0O": 8, "0b": 2, "0B": 2}


def _js_number(text: str) -> float:
    """JavaScript's ``Number(text)`` for a text without ``.`` (NaN when it is no number)."""
    text = text.strip(_JS_BLANKS)
    if not text:
        return 0.0
    if _JS_DECIMAL.fullmatch(text):
        return float(text.replace("Infinity", "inf"))
    radix = _JS_RADIX.get(text[:2])
    if radix is not None:
        try:
            return float(int(text[2:], radix)) if text[2:].isascii() and text[2:].isalnum() else math.nan
        except ValueError:
            return math.nan
    return math.nan


RULES = [
    RuleInfo(
        "FL101",
        "missing-version",
        "The flow has no `version`.",
        "MISSING_FLOW_JSON_VERSION",
        ERROR,
        doc=f"""What it does: reports a Flow JSON document without a top-level `version`.

Why is this bad? Meta's validator checks nothing else and refuses the flow: every rule depends on the version.

Example: `{{"screens": [...]}}`

Use instead: `{{"version": "{LATEST}", "screens": [...]}}`""",
    ),
    RuleInfo(
        "FL102",
        "unsupported-version",
        "`version` is not a Flow JSON version that Meta's validator knows.",
        "INVALID_FLOW_JSON_VERSION",
        ERROR,
        doc=f"""What it does: reports a `version` that is not a string of the form major.minor naming a known
Flow JSON version (a number such as 7.3, null, "7.30", "v7.3", "8.0").

Why is this bad? Meta refuses the flow before any other check.

Example: `"version": {LATEST}`

Use instead: `"version": "{LATEST}"`""",
    ),
    RuleInfo(
        "FL103",
        "version-not-publishable",
        "Flow JSON versions below 5.1 can no longer be published.",
        "INVALID_FLOW_JSON_VERSION",
        WARNING,
        versions=f"{LEGACY[min(LEGACY)]}-{LEGACY[max(LEGACY)]}",
        doc=f"""What it does: warns on a flow whose version is 2.1, 3.0, 3.1, 4.0 or 5.0. The flow is still
checked against the schema of its own version.

Why is this bad? Meta's validator refuses these versions for new flows (Create Flow answers
INVALID_FLOW_JSON_VERSION); flows already published in them can still be sent. See
https://developers.facebook.com/docs/whatsapp/flows/changelogs#currently-supported-versions.

Example: `"version": "3.1"`

Use instead: `"version": "{LATEST}"` (migrate the flow; check it with `--target-version {LATEST}`).""",
    ),
]


def version_gate(
    doc: dict[str, Any], *, override: str | None = None, legacy_severity: str = WARNING
) -> tuple[FlowVersion | None, list[Diagnostic]]:
    """Meta's version gate. Returns the version to check against (``None``: stop) and its findings.

    ``override`` is ``--target-version``: check the document as if it declared that version
    (the document's own ``version`` value is then not judged).
    """
    if override is not None:
        forced = FlowVersion.from_text(override)
        if forced is None:
            raise ValueError(f"unknown Flow JSON version {override!r}")
        found: list[Diagnostic] = []
        if forced.number in LEGACY:
            # The same warning as for a flow that declares the version (explain FL103 says so), at its
            # `version` value when it has one.
            at = (Pointer(("version",)),) if "version" in doc else (Pointer(()),)
            found.append(Diagnostic(
                "INVALID_FLOW_JSON_VERSION", MSG_UNSUPPORTED, at, "FL103", legacy_severity,  # type: ignore[arg-type]
                fix=f"checked as Flow JSON {LEGACY[forced.number]} (--target-version), which can still be sent "
                    f"but not published; migrate to {LATEST}.",
            ))
        return FlowVersion(forced.number, forced.canonical), found
    if "version" not in doc:
        return None, [Diagnostic("MISSING_FLOW_JSON_VERSION", MSG_MISSING, (Pointer(()),), "FL101", ERROR)]
    raw = doc["version"]
    pointer = (Pointer(("version",)),)
    number = parse_version_number(raw) if isinstance(raw, str) else None
    if number is not None and number in SUPPORTED:
        return FlowVersion(number, raw), []
    if number is not None and number in LEGACY:
        finding = Diagnostic(
            "INVALID_FLOW_JSON_VERSION",
            MSG_UNSUPPORTED,
            pointer,
            "FL103",
            legacy_severity,  # type: ignore[arg-type]
            fix=f"Flow JSON {LEGACY[number]} can still be sent but not published; migrate to {LATEST}.",
        )
        return FlowVersion(number, raw), [finding]
    fix = None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        fix = f'write the version as a string: "{raw}"'
    return None, [Diagnostic("INVALID_FLOW_JSON_VERSION", MSG_UNSUPPORTED, pointer, "FL102", ERROR, fix=fix)]
