"""The lark side of the backtick-expression parser: ``expression.lark``'s LALR parser and its tree -> jsep nodes.

:mod:`flowlint.expressions` parses the common expressions with a small hand-written parser and imports this
module (and lark, ~25 ms of imports) only for the others and for every expression with an error, whose wording
comes from replaying lark's interactive parser. The grammar stays the reference: the hand-written parser
declines whatever it is not sure of, and tests/expressions/test_fast_expression_parser.py checks that where it
answers, it builds exactly the tree this module builds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, v_args
from lark.visitors import Transformer_NonRecursive

from flowlint.expressions import identifier_node, number_node, string_node

__all__ = ["parser", "to_jsep"]


@lru_cache(maxsize=1)
def parser() -> Lark:
    from flowlint.cache import lark_cache

    grammar = (Path(__file__).with_name("expression.lark")).read_text(encoding="utf-8")
    # The built parser is cached on disk: building it costs more than checking a typical flow.
    return Lark(grammar, parser="lalr", maybe_placeholders=False, cache=lark_cache("expression"))


class _ToJsep(Transformer_NonRecursive):  # a deep tree must not exhaust the stack
    """Lark tree -> the node dictionaries jsep 0.3.4 produces (``type``, ``operator``, ``left``…)."""

    def start(self, items: list[Any]) -> dict[str, Any]:
        nodes = [i for i in items if isinstance(i, dict)]
        return nodes[0] if len(nodes) == 1 else {"type": "Compound", "body": nodes}

    @v_args(inline=True)
    def conditional(self, test: Any, consequent: Any, alternate: Any) -> dict[str, Any]:
        return {"type": "ConditionalExpression", "test": test, "consequent": consequent, "alternate": alternate}

    @v_args(inline=True)
    def logical(self, left: Any, op: Token, right: Any) -> dict[str, Any]:
        return {"type": "LogicalExpression", "operator": str(op), "left": left, "right": right}

    @v_args(inline=True)
    def binary(self, left: Any, op: Token, right: Any) -> dict[str, Any]:
        return {"type": "BinaryExpression", "operator": str(op), "left": left, "right": right}

    @v_args(inline=True)
    def unary(self, op: Token, argument: Any) -> dict[str, Any]:
        return {"type": "UnaryExpression", "operator": str(op), "argument": argument, "prefix": True}

    @v_args(inline=True)
    def number(self, tok: Token) -> dict[str, Any]:
        return number_node(str(tok))

    @v_args(inline=True)
    def string(self, tok: Token) -> dict[str, Any]:
        return string_node(str(tok))

    @v_args(inline=True)
    def identifier(self, tok: Token) -> dict[str, Any]:
        return identifier_node(str(tok))

    @v_args(inline=True)
    def member(self, obj: Any, prop: Token) -> dict[str, Any]:
        return {
            "type": "MemberExpression",
            "computed": False,
            "object": obj,
            "property": {"type": "Identifier", "name": str(prop)},
        }

    @v_args(inline=True)
    def computed_member(self, obj: Any, prop: Any) -> dict[str, Any]:
        return {"type": "MemberExpression", "computed": True, "object": obj, "property": prop}

    def call(self, items: list[Any]) -> dict[str, Any]:
        return {"type": "CallExpression", "callee": items[0], "arguments": items[1:]}

    def array(self, items: list[Any]) -> dict[str, Any]:
        return {"type": "ArrayExpression", "elements": items}


def to_jsep(tree: Any) -> dict[str, Any]:
    """The jsep node of a parse tree of :func:`parser`."""
    node: dict[str, Any] = _ToJsep().transform(tree)
    return node
