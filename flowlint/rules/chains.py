"""Meta's chain of semantic validators per Flow JSON version, as one table.

Read a column to see what runs for a version, top to bottom in run order: ``x`` runs, ``.`` does not. A
validator that Meta runs at two places in different versions has two rows (``OnClickActionPayloadV500``,
``NavigateActionPayloadFieldsV500`` and ``RoutesV602`` run last in 7.3). Facts: ``spec/meta-validator.md`` §1
and ``conformance/meta/README.md`` ("Settled by running Meta's validator"). Names are the short form of Meta's
class names (``ConditionalRenderingV600`` for ``WAFlowJSONConditionalRenderingValidatorV600``); the functions
behind them are registered by the modules of :mod:`flowlint.rules`, which refuses to import when a name here has
none.

How Meta builds the chains (the table is the result, checked by ``tests/test_version_table.py``):

- 5.0 is ``WAFlowJSONValidatorChainV500``, the base of 5.1, never run by Meta for 5.0 itself: flowlint checks the
  versions below 5.1 (refused by Meta, FL103) with it.
- 5.1 adds four validators; 5.2 is 5.1 plus the commerce ("shopping") ones.
- 6.0 is built on 5.1, not 5.2. Its filter removes seven validators and adds their V600 successors; the
  dynamic-expression parser is behind a server switch that was on for the recorded runs.
- 6.3's filter works by ``instanceof``: removing the V500 entry-screen and routes validators also removes their
  V602 subclasses, so 6.3-7.2 run neither.
- 7.1 re-applies the 6.0 filter, which (``instanceof`` again) also removes the V600 subclasses.
- 7.2 is built on 7.0 and drops ``CompleteActionV500``; its nested-expression validator repeats the
  complete-on-terminal check (case ``action-complete-on-non-terminal-v7-2``).
- 7.3 appends five validators, two of which 6.0 had filtered out: 7.3 runs the on-click payload check twice
  (V600, then V500), and Meta answers each of its errors twice.
- 7.4 is validated exactly like 7.3 (case ``version-7-4-accepted``).

Adding a version: a column here (a mark in every row; new rows where its chain adds validators).
"""

from __future__ import annotations

from flowlint.versions import FlowVersion, parse_version_number

__all__ = ["CHAIN_TABLE", "CHAINS", "DOCS_CHAIN", "chain_for", "versions_running"]

CHAIN_TABLE = """
                                           5.0 5.1 5.2 6.0 6.1 6.2 6.3 7.0 7.1 7.2 7.3 7.4
RoutingModelSourceV500                       x   x   x   x   x   x   x   x   x   x   x   x
RoutingModelDestinationV500                  x   x   x   x   x   x   x   x   x   x   x   x
RoutingModelBackRouteV500                    x   x   x   x   x   x   x   x   x   x   x   x
RoutingModelEntryScreenV500                  x   x   x   x   x   .   .   .   .   .   .   .
RoutingModelPathV500                         x   x   x   x   x   x   x   x   x   x   x   x
RoutesV500                                   x   x   x   x   x   .   .   .   .   .   .   .
MaxAllowedScreensV500                        x   x   x   x   x   x   x   x   x   x   x   x
ScreenIDV500                                 x   x   x   x   x   x   x   x   x   x   x   x
ComponentTypePerScreenV500                   x   x   x   x   x   x   x   .   .   .   .   .
TotalComponentsPerScreenV500                 x   x   x   x   x   x   x   x   x   x   x   x
MinMaxPropertyV500                           x   x   x   x   x   x   x   x   x   x   x   x
ConditionallyRequiredPropertyV500            x   x   x   x   x   x   x   x   x   x   x   x
RefreshOnBackV500                            x   x   x   x   x   x   x   x   x   x   x   x
NavigateNextScreenNameV500                   x   x   x   x   x   x   x   x   x   x   x   x
NavigateActionPayloadFieldsV500              x   x   x   .   .   .   .   .   .   .   .   .
NavigateActionStaticDataV500                 x   x   x   .   .   .   .   .   .   .   .   .
ActionPayloadFieldSchemaV500                 x   x   x   .   .   .   .   .   .   .   .   .
ScreenDataV500                               x   x   x   x   x   x   x   x   x   x   x   x
ScreenDynamicDataV500                        x   x   x   .   .   .   .   .   .   .   .   .
SuccessOnTerminalScreenV500                  x   x   x   x   x   x   x   x   x   x   x   x
OnClickActionPayloadV500                     x   x   x   .   .   .   .   .   .   .   .   .
CompleteActionV500                           x   x   x   x   x   x   x   x   x   .   .   .
NativeComponentCountV500                     x   x   x   x   x   x   x   x   x   x   x   x
ConditionalRenderingV500                     x   x   x   .   .   .   .   .   .   .   .   .
FormComponentNamesV500                       x   x   x   x   x   x   x   x   x   x   x   x
DataSourceV500                               x   x   x   x   x   x   x   x   x   x   x   x
DatePickerV500                               x   x   x   x   x   x   x   x   x   x   x   x
IfComponentNestingV500                       x   x   x   x   x   x   x   x   x   x   x   x
NativeComponentsInitV500                     x   x   x   x   x   x   x   x   x   x   x   x
SwitchV500                                   x   x   x   x   x   x   x   x   x   x   x   x
OptionalFormV500                             x   x   x   x   x   x   x   x   x   x   x   x
RichTextPlacementV501                        .   x   x   .   .   .   .   .   .   .   .   .
RichTextDynamicDataV501                      .   x   x   x   x   x   x   x   x   x   x   x
SensitiveFieldsV501                          .   x   x   x   x   x   x   x   x   x   x   x
MetaFieldV501                                .   x   x   x   x   x   x   x   x   x   x   x
ShoppingScreenExternalDataV502               .   .   x   .   .   .   .   .   .   .   .   .
RoutingModelShoppingScreensPathV502          .   .   x   .   .   .   .   .   .   .   .   .
CartScreenV502                               .   .   x   .   .   .   .   .   .   .   .   .
OnClickActionPayloadV600                     .   .   .   x   x   x   x   x   .   x   x   x
ComponentPlacementV600                       .   .   .   x   x   .   .   .   .   .   .   .
ConditionalRenderingV600                     .   .   .   x   x   x   x   x   .   x   x   x
NavigateActionStaticDataV600                 .   .   .   x   x   x   x   x   .   x   x   x
DynamicParserV600                            .   .   .   x   x   x   x   x   x   x   x   x
ActionPayloadFieldSchemaV600                 .   .   .   x   x   x   x   x   .   x   x   x
UpdateDataActionPayloadFieldsV600            .   .   .   x   x   x   x   x   .   x   x   x
UpdateDataActionStaticDataV600               .   .   .   x   x   x   x   x   .   x   x   x
OnSelectActionExclusiveV600                  .   .   .   x   x   x   x   x   x   x   x   x
UpdateDataActionRedundantSelfUpdateV600      .   .   .   x   x   x   x   x   x   x   x   x
ScreenDynamicDataV600                        .   .   .   x   x   x   x   x   .   x   x   x
CalendarPickerV601                           .   .   .   .   x   x   x   x   x   x   x   x
NavigationListV602                           .   .   .   .   .   x   x   x   x   x   x   x
NavigationListOnTerminalScreenV602           .   .   .   .   .   x   x   x   x   x   x   x
RoutingModelEntryScreenV602                  .   .   .   .   .   x   .   .   .   .   .   .
RoutesV602                                   .   .   .   .   .   x   .   .   .   .   .   .
ComponentPlacementV602                       .   .   .   .   .   x   .   .   .   .   .   .
TextInputPatternFieldV602                    .   .   .   .   .   x   x   x   x   x   x   x
ComponentPlacementV603                       .   .   .   .   .   .   x   x   x   x   x   x
FormComponentAttributesV700                  .   .   .   .   .   .   .   x   x   x   x   x
ComponentTypePerScreenV700                   .   .   .   .   .   .   .   x   x   x   x   x
ImageCarouselV701                            .   .   .   .   .   .   .   .   x   x   x   x
CompleteActionV702                           .   .   .   .   .   .   .   .   .   x   x   x
NestedExpressionActionPayloadPropertyV702    .   .   .   .   .   .   .   .   .   x   x   x
TerminalScreenFooterV500                     .   .   .   .   .   .   .   .   .   .   x   x
RoutingModelEntryScreenV703                  .   .   .   .   .   .   .   .   .   .   x   x
OnClickActionPayloadV500                     .   .   .   .   .   .   .   .   .   .   x   x
RoutesV602                                   .   .   .   .   .   .   .   .   .   .   x   x
NavigateActionPayloadFieldsV500              .   .   .   .   .   .   .   .   .   .   x   x
"""

#: flowlint's own checks (Meta's docs, not its validator: warnings), run after Meta's chain in every version.
DOCS_CHAIN = ("DocsComponentsPerScreen", "DocsReservedScreenId", "DocsTerminalScreenFooter", "FlowlintExpressionLimits")


def _read_table(text: str) -> tuple[dict[int, tuple[str, ...]], list[tuple[str, frozenset[int]]]]:
    """``CHAIN_TABLE`` as chains (version number -> names in run order) and rows (name, version numbers)."""
    header, *lines = text.strip("\n").splitlines()
    numbers = [parse_version_number(column) or 0 for column in header.split()]
    if 0 in numbers or len(set(numbers)) != len(numbers):
        raise ValueError(f"CHAIN_TABLE: bad version columns {header.split()}")
    rows: list[tuple[str, frozenset[int]]] = []
    for line in lines:
        name, *marks = line.split()
        if len(marks) != len(numbers) or set(marks) - {"x", "."}:
            raise ValueError(f"CHAIN_TABLE: row {name} needs one x or . per version column")
        rows.append((name, frozenset(n for n, mark in zip(numbers, marks) if mark == "x")))
    chains = {n: tuple(name for name, runs_in in rows if n in runs_in) for n in numbers}
    return chains, rows


#: Validator names per version number, in run order (read from :data:`CHAIN_TABLE`).
CHAINS, _ROWS = _read_table(CHAIN_TABLE)
_BASE = min(CHAINS)


def chain_for(version: FlowVersion) -> tuple[str, ...]:
    """The names to run for ``version``: its column of the table (the 5.0 base below 5.1), then :data:`DOCS_CHAIN`."""
    if version.number in CHAINS:
        chain = CHAINS[version.number]
    elif version.number < _BASE:
        chain = CHAINS[_BASE]
    else:
        chain = CHAINS[max(CHAINS)]
    return chain + DOCS_CHAIN


def versions_running(name: str) -> frozenset[int]:
    """The version numbers (columns of the table) whose chain runs the validator ``name``."""
    return frozenset(n for row, runs_in in _ROWS if row == name for n in runs_in)
