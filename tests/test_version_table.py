"""Versions in one place: the chain table of :mod:`flowlint.rules.chains`, and the "versions" text of every rule.

A rule's versions text (``RuleInfo.versions``, shown by ``flowlint explain`` and in ``docs/rules.md``) must say the
versions whose chain runs a validator that reports the rule. Which validator reports which rule is read from the
source (the rule codes written in the validator's function and the functions and methods it calls), so a rule
moved to another validator, or a validator moved in the table, fails here until the text follows.
"""

from __future__ import annotations

import ast
import inspect
import re
from functools import lru_cache
from types import ModuleType

import pytest

from flowlint.catalog import all_rules
from flowlint.rules import NOT_REPRODUCED, RULES, VALIDATOR_MODULES, registry
from flowlint.rules.chains import CHAIN_TABLE, CHAINS, DOCS_CHAIN, chain_for, versions_running
from flowlint.versions import LATEST, LEGACY, SUPPORTED, FlowVersion, parse_version_number

_CODE = re.compile(r"FL\d{3}")

#: Rules whose validator runs in more versions than the rule can fire in, and why (the text says where it fires).
NARROWER_THAN_THE_CHAIN = {
    "FL517": "NavigateActionStaticDataV500 types backtick values only from 6.0 (expressions start in 6.0)",
    "FL518": "ActionPayloadFieldSchemaV500 reports update_data payloads, and update_data starts in 6.0",
    "FL710": "FlowlintExpressionLimits counts backtick expressions, which start in 6.0",
    "FL711": "ConditionalRenderingV500 never throws on a non-string condition (V600 does)",
    "FL952": "DocsTerminalScreenFooter stops at 7.3, where Meta's TerminalScreenFooterV500 (FL412) takes over",
}
#: flowlint's own rule for a failing validator: any version.
NOT_FROM_A_VALIDATOR = {"FL300"}


def _number(text: str) -> int:
    number = parse_version_number(text)
    assert number is not None, text
    return number


def versions_of(text: str) -> frozenset[int]:
    """A versions text (``all``, ``5.1+``, ``5.1-5.2, 7.3+``, ``6.0+ (not 7.1)``) as supported version numbers."""
    known = sorted(SUPPORTED)
    if text == "all":
        return frozenset(known)
    excluded: set[int] = set()
    m = re.fullmatch(r"(.*) \(not ([0-9.]+)\)", text)
    if m:
        text, excluded = m.group(1), {_number(m.group(2))}
    found: set[int] = set()
    for part in text.split(", "):
        if part.endswith("+"):
            found |= {n for n in known if n >= _number(part[:-1])}
        elif "-" in part:
            low, high = (_number(p) for p in part.split("-"))
            found |= {n for n in SUPPORTED.keys() | LEGACY.keys() if low <= n <= high}
        else:
            found.add(_number(part))
    return frozenset(found & SUPPORTED.keys()) - excluded


def _codes_by_function(module: ModuleType) -> dict[str, tuple[set[str], set[str]]]:
    """Function or method name -> (rule codes written in it, names it calls or reads)."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.FunctionDef):
            codes, calls = found.setdefault(node.name, (set(), set()))
            for inner in ast.walk(node):
                if isinstance(inner, ast.Constant) and isinstance(inner.value, str) and _CODE.fullmatch(inner.value):
                    codes.add(inner.value)
                elif isinstance(inner, ast.Name):
                    calls.add(inner.id)
                elif isinstance(inner, ast.Attribute):
                    calls.add(inner.attr)
    return found


@lru_cache(maxsize=1)
def codes_by_validator() -> dict[str, set[str]]:
    """Validator name -> the rule codes its function (or anything it calls in its module) can report."""
    out: dict[str, set[str]] = {}
    for module in VALIDATOR_MODULES:
        functions = _codes_by_function(module)
        for name, function in module.VALIDATORS.items():
            todo, seen, codes = [function.__name__], set(), set()
            while todo:
                current = todo.pop()
                if current in seen or current not in functions:
                    continue
                seen.add(current)
                codes |= functions[current][0]
                todo.extend(functions[current][1])
            out[name] = codes
    return out


def _chain_versions(code: str, reporters: dict[str, set[str]]) -> frozenset[int]:
    names = {name for name, codes in reporters.items() if code in codes}
    docs = bool(names & set(DOCS_CHAIN))
    return frozenset(n for n in SUPPORTED if docs or any(n in versions_running(name) for name in names))


# --- the table -----------------------------------------------------------------------------------------------
def test_every_supported_version_has_a_column_and_every_column_is_a_version() -> None:
    assert set(CHAINS) == set(SUPPORTED) | {500}  # 5.0: the base chain, used for the versions below 5.1
    header = CHAIN_TABLE.strip().splitlines()[0].split()
    assert header == sorted(header, key=_number) and header[-1] == max(SUPPORTED.values(), key=_number)


def test_the_table_reads_as_the_chains() -> None:
    # What runs in 7.1 is its column, top to bottom; the facts of conformance/meta/README.md hold.
    header = CHAIN_TABLE.strip().splitlines()[0].split()
    assert CHAINS[701] == tuple(
        line.split()[0] for line in CHAIN_TABLE.strip().splitlines()[1:] if line.split()[1 + header.index("7.1")] == "x"
    )
    assert "OnClickActionPayloadV600" not in CHAINS[701] and "DynamicParserV600" in CHAINS[701]
    assert CHAINS[703][-5:] == (
        "TerminalScreenFooterV500", "RoutingModelEntryScreenV703", "OnClickActionPayloadV500", "RoutesV602",
        "NavigateActionPayloadFieldsV500",
    )
    assert CHAINS[703].index("OnClickActionPayloadV600") < CHAINS[703].index("OnClickActionPayloadV500")
    assert CHAINS[704] == CHAINS[703]
    for chain in CHAINS.values():
        assert len(chain) == len(set(chain))  # a validator with two rows never runs twice in one version


def test_every_row_runs_somewhere_and_every_validator_has_a_row() -> None:
    names = {name for chain in CHAINS.values() for name in chain}
    for name in names:
        assert versions_running(name), name
    assert set(registry()) == names | set(DOCS_CHAIN)  # no registered validator is left out of the table
    assert set(NOT_REPRODUCED) <= names


def test_versions_below_5_1_use_the_base_chain_and_latest_has_its_own() -> None:
    for number, text in LEGACY.items():
        assert chain_for(FlowVersion(number, text)) == CHAINS[500] + DOCS_CHAIN
    latest = FlowVersion.from_text(LATEST)
    assert latest is not None and chain_for(latest) == CHAINS[latest.number] + DOCS_CHAIN


# --- rules' versions text against the table ------------------------------------------------------------------
def test_every_versions_text_parses() -> None:
    for info in all_rules().values():  # the legacy-only ones (FL103: 2.1-5.0) name no supported version
        assert versions_of(info.versions) or _number(info.versions.split("-")[-1]) < min(SUPPORTED), info.code


def test_every_code_a_validator_reports_is_declared() -> None:
    # An undeclared code would raise KeyError in flowlint.rules.check (never a silent "error").
    declared = {info.code for info in RULES}
    reported = set().union(*codes_by_validator().values())
    assert reported <= declared, reported - declared
    assert declared - reported == NOT_FROM_A_VALIDATOR


@pytest.mark.parametrize("info", [r for r in RULES if r.code not in NOT_FROM_A_VALIDATOR], ids=lambda r: r.code)
def test_versions_text_matches_the_chain_table(info: object) -> None:
    code, text = info.code, info.versions  # type: ignore[attr-defined]
    by_table = _chain_versions(code, codes_by_validator())
    declared = versions_of(text)
    if code in NARROWER_THAN_THE_CHAIN:
        assert declared < by_table, (code, text, sorted(by_table))
    else:
        shown = sorted(SUPPORTED[n] for n in by_table)
        assert declared == by_table, f"{code} says {text!r}; its validators run in {shown}"
