"""Dynamic data in Flow JSON as Meta's validator reads it: bindings, If conditions, backtick expressions.

Pure functions over strings and a small typed view of the flow's data (:data:`ScreenProperties`); no flow
model. The rule modules in :mod:`flowlint.rules` (``conditions``, ``dynamic_expressions``,
``nested_expressions``, ``screen_dynamic_data``) feed them and turn their answers into findings.

Three parts, each restating one family of Meta's Flow Builder modules (``spec/meta-validator.md`` §2.5,
§2.6, §3.6, and the README of ``conformance/meta`` for what running them settled):

- **Bindings** (``WAFlowsDynamicDataUtils``, ``WAFlowJSONValidationResultUtil``): ``${data.x}``,
  ``${form.x}``, ``${screen.S.data.x}``, ``${screen.S.form.x}``, nested paths ``${data.a.b}``. The 4.0+ schema
  pattern is not end-anchored, so ``"${data.x} more"`` passes the schema but is *not* a binding here.
- **If conditions** (``WAFlowJSONConditionalRendering*``): a character-by-character checker that stops at the
  first problem. Its messages carry a 0-based column inside the condition (UTF-16 units, as in JavaScript).
  Meta's bugs are kept, because the upload fails on them: decimals are unexpected characters, and a
  parenthesised comparison after ``&&`` is paired with the *first* parenthesised group of the condition
  (so ``(a >= 3) && (b == 'gold')`` is a "type mismatch").
- **Backtick expressions** (6.0+, ``WAFlowsASTParser``, ``WAFlowsASTTypeValidator``): Meta rewrites
  ``${data.x}`` to ``screen.S.data.x``, drops every ``}``, parses with jsep 0.3.4 and infers types. The
  grammar is ``expression.lark`` (LALR); parse errors are worded as jsep words them, with jsep's character
  index in the rewritten text. Every *plain* string property goes through the same path as a quoted string
  literal, so this module also decides whether a plain string satisfies a property's schema.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Mapping, NamedTuple, Union

from flowlint.lazyre import LazyPattern

if TYPE_CHECKING:  # lark is imported only when the fast expression parser declines (it costs ~25 ms)
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

__all__ = [
    "BINDING_PATTERN_V400",
    "Binding",
    "parse_binding",
    "is_binding",
    "is_global_binding",
    "is_nested_expression",
    "has_string_interpolation",
    "ConditionError",
    "ConditionResolver",
    "check_condition",
    "condition_message",
    "MSG_EMPTY_CONDITION",
    "MSG_EMPTY_THEN",
    "ScreenProperties",
    "ExpressionError",
    "clean_expression",
    "parse_expression",
    "expression_type",
    "is_plain_text",
    "check_expression",
    "expression_message",
    "utf16_len",
    "expression_limit",
    "MAX_EXPRESSION_CHARS",
    "MAX_EXPRESSION_OPERATORS",
]

# --- bindings -------------------------------------------------------------------------------------------

#: The 4.0+ binding pattern of the schema (``WA_FLOW_JSON_SCHEMA_DYNAMIC_DATA_PATTERN_V400``): no final ``$``.
BINDING_PATTERN_V400 = re.compile(r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[A-Za-z0-9_-]+)+\}")
#: "All bindings" (``WA_FLOW_JSON_SCHEMA_ALL_DYNAMIC_DATA_PATTERN_V400``); JavaScript's ``.`` skips line breaks.
_ALL_BINDINGS = re.compile(r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)\.[^\n\r\u2028\u2029]*\}\Z")
#: ``WAFlowsDynamicDataUtils``: a global binding is recognised by its prefix only.
_GLOBAL_BINDING = re.compile(r"^\$\{(screen\.([a-zA-Z,_]*)\.)(data|form)+(\.[^\n\r\u2028\u2029]+)?\}")
#: Static text with a binding inside it (``DYNAMIC_DATA_STRING_INTERPOLATION_PATTERN``).
_INTERPOLATION = (  # compiled on first use (~0.8 ms): only RichText texts with a binding need it
    r"(^[^\n\r\u2028\u2029]+\$\{(screen\.[^\n\r\u2028\u2029]+\.){0,1}(data|form)+(\.[^\n\r\u2028\u2029]+)?\}+"
    r"[^\n\r\u2028\u2029]*"
    r"|^[^\n\r\u2028\u2029]*\$\{(screen\.[^\n\r\u2028\u2029]+\.){0,1}(data|form)+(\.[^\n\r\u2028\u2029]+)?\}+"
    r"[^\n\r\u2028\u2029]+)"
)
_LOCAL_PREFIXES = ("${external_data", "${data", "${form")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: JavaScript's string indexes, which Meta's columns and jsep's indexes are."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_columns(text: str) -> list[int]:
    """``out[i] == utf16_len(text[:i])`` for every ``i`` up to ``len(text)``."""
    out = [0]
    total = 0
    for ch in text:
        total += 2 if ord(ch) > 0xFFFF else 1
        out.append(total)
    return out


def is_global_binding(value: Any) -> bool:
    return isinstance(value, str) and _GLOBAL_BINDING.match(value) is not None


def is_binding(value: Any) -> bool:
    """``WAFlowsDynamicDataUtils.isBindingValue``: a global binding, or ``${data…}``/``${form…}`` ending
    in ``}``."""
    if not isinstance(value, str):
        return False
    return is_global_binding(value) or (value.startswith(_LOCAL_PREFIXES) and value.endswith("}"))


def is_nested_expression(value: Any) -> bool:
    """A backtick "nested expression": a string that starts and ends with a backtick."""
    return isinstance(value, str) and value.startswith("`") and value.endswith("`")


@lru_cache(maxsize=1)
def _interpolation() -> re.Pattern[str]:
    return re.compile(_INTERPOLATION)


def has_string_interpolation(value: str) -> bool:
    """Static text around a binding (``"Hi ${data.name}"``), which RichText refuses."""
    return _interpolation().search(value) is not None


class Binding(NamedTuple):
    """A binding as Meta's binding checks split it (``parseBindings``).

    ``${data.a.b}`` on screen S -> screen S, store ``data``, key ``a.b``; ``${screen.T.form.x}`` -> screen T,
    store ``form``, key ``x``. ``is_global`` tells the written form apart.
    """

    screen: str
    store: str
    key: str
    expression: str
    is_global: bool

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))


def parse_binding(value: Any, *, screen: str) -> Binding | None:
    """The binding ``value`` is when read on screen ``screen``, or None (not a whole-string binding)."""
    if not isinstance(value, str) or not _ALL_BINDINGS.match(value):
        return None
    if value.startswith("${data."):
        return Binding(screen, "data", value[len("${data.") : -1], value, False)
    if value.startswith("${form."):
        return Binding(screen, "form", value[len("${form.") : -1], value, False)
    if value.startswith("${screen."):
        parts = value[len("${screen.") : -1].split(".")
        if len(parts) < 2:
            return None
        return Binding(parts[0], parts[1], ".".join(parts[2:]), value, True)
    return None


# --- If conditions --------------------------------------------------------------------------------------

#: A resolver answers "what type does this operand have?" for a binding in a condition: called with the
#: key array Meta builds (screen id, store ``data``/``form``, first key), it returns the declared type
#: name (``"boolean"``, ``"number"``, ``"integer"``, ``"string"``, ``"array"``…) or None when there is no
#: such field (an object-typed field is None too: Meta only types top-level scalar fields here).
ConditionResolver = Callable[[str, str, str], Union[str, None]]

_OPERATOR_INITIALS = frozenset("!&|=><")
_OPERATORS = frozenset({"&&", "||", "==", "!=", ">=", "<="})
_SINGLE_CHAR_OPERATORS = frozenset({"!", ">", "<"})
_LITERAL_INITIALS = frozenset("-\\'0123456789tf")
_COMPARISONS = frozenset({"==", "!=", ">", ">=", "<", "<="})
_ORDERINGS = frozenset({">", ">=", "<", "<="})
_LOGICAL = frozenset({"&&", "||", "!"})
_EQUALITY = frozenset({"==", "!="})
_ALL_OPERATORS = _ORDERINGS | _LOGICAL | _EQUALITY
_BOOLEAN_AFTER = frozenset({"&&", "||", "("})

MSG_EMPTY_CONDITION = "Expected property 'condition' to contain at least one operand."
MSG_EMPTY_THEN = "Expected array to contain at least one component."
_MSG_MISSING_OPENING = "Missing opening parenthesis for the closing parenthesis"
_MSG_EMPTY_PARENTHESES = "Found invalid empty parentheses"
_MSG_CLOSING_POSITION = "Found invalid positioning of closing parenthesis."
_MSG_MISSING_CLOSING = "Missing closing parenthesis."
_MSG_MISSING_QUOTE = "Missing closing quote for string."
_MSG_LEADING_ZERO = "Number cannot not have leading zeroes"
_MSG_NEGATIVE_SIGN = "A numerical value is expected to follow the negative sign"
_MSG_LITERALS_BOTH_SIDES = "An operator cannot not have literals on both sides. Found invalid syntax"
_MSG_NOT_BOOLEAN = "Expected single operand to be a boolean."
_MSG_ONLY_LITERAL = "The only operand is a literal value. Expected single operand to be a boolean."


class ConditionError(NamedTuple):
    """The first problem Meta finds in a condition: its message and the 0-based column (None: no column).

    Named tuples here, not dataclasses: a dataclass costs ~0.5 ms to define at import, in every run."""

    message: str
    column: int | None = None

    @property
    def text(self) -> str:
        """The full message as Meta prints it (``getErrorMessage``: `` at column N.`` or a final full stop)."""
        return condition_message(self.message, self.column)


def condition_message(message: str, column: int | None) -> str:
    if column is not None and column >= 0:
        return f"{message} at column {column}."
    return message if message.endswith(".") else message + "."


class _Item(NamedTuple):
    value: str
    type: str
    is_literal: bool
    is_operand: bool


class _Step(NamedTuple):
    """What one helper returns: failed or not, the message and column, the value and where it ended."""

    failed: bool
    message: str | None = None
    column: int | None = None
    value: str | None = None
    value_type: str | None = None
    end: int | None = None
    previous: _Item | None = None


def _is_previous_operand(stack: list[_Item]) -> bool:
    return bool(stack) and stack[-1].is_operand


def _operand_or_closing_last(stack: list[_Item]) -> bool:
    return _is_previous_operand(stack) or (bool(stack) and stack[-1].value == ")")


def _previous_operand(stack: list[_Item]) -> _Item | None:
    """``WAFlowJSONGetPreviousOperand``. Meta's bug lives here: it takes the *last* ``)`` of the whole
    stack, so after ``(a >= 3) && (b ==`` the left side of ``==`` is ``(a >= 3)``."""
    closing = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].value == ")"), -1)
    if closing >= 0:
        depth, opening, has_operator = 1, -1, False
        for i in range(closing - 1, -1, -1):
            value = stack[i].value
            if value == ")":
                depth += 1
            elif value == "(":
                depth -= 1
                if depth == 0:
                    opening = i
                    break
            elif value in _ALL_OPERATORS:
                has_operator = True
        if has_operator and opening >= 0:
            inner = " ".join(item.value for item in stack[opening + 1 : closing])
            return _Item(f"({inner})", "boolean", False, True)
    return next((item for item in reversed(stack) if item.is_operand), None)


def _wrong_position(last: _Item, new: _Item) -> str:
    kind = "operand" if new.is_operand else "operator"
    return f"Wrong positioning of {kind} '{new.value}'. It cannot be used after '{last.value}'"


def _compatible(stack: list[_Item], new: _Item) -> _Step:
    """``WAFlowJSONIsValueCompatibleWithPrevious``: may ``new`` follow what is on the stack?"""
    if not stack:
        return _Step(False)
    last = stack[-1]
    allowed: frozenset[str] | None = None
    if last.type == "boolean":
        allowed = _LOGICAL | _EQUALITY
    elif last.type == "number":
        allowed = _ORDERINGS | _EQUALITY
    elif last.type == "string":
        allowed = _EQUALITY
    if allowed is not None:
        failed = new.value not in allowed
        return _Step(failed, _wrong_position(last, new) if failed else None, previous=last)
    previous = _previous_operand(stack) or last
    failed = False
    if last.value == ")":
        failed = new.value not in _LOGICAL | _EQUALITY
    elif last.value in _ORDERINGS:
        failed = new.type != "number" or (previous.is_literal and new.is_literal)
    elif last.value in ("&&", "||"):
        failed = (new.type != "boolean" and new.value != "!") or (previous.is_literal and new.is_literal)
    elif last.value == "!":
        failed = new.type != "boolean" and new.value != "("
    elif last.value == "(":
        failed = not new.is_operand and new.value != "!"
    elif last.value in _EQUALITY:
        failed = (
            new.type not in ("string", "number", "boolean")
            or previous.type != new.type
            or (previous.is_literal and new.is_literal)
        )
        if failed:
            message = f"Type mismatch in an equality operation between '{previous.value}' and '{new.value}'"
            return _Step(True, message, previous=previous)
        return _Step(False, previous=previous)
    else:
        return _Step(False, previous=previous)
    return _Step(failed, _wrong_position(last, new) if failed else None, previous=previous)


def _closing_parenthesis(stack: list[_Item], depth: int) -> _Step:
    if depth == 0:
        return _Step(True, _MSG_MISSING_OPENING)
    last = stack[-1] if stack else None
    if last is not None and last.value == "(":
        return _Step(True, _MSG_EMPTY_PARENTHESES)
    if last is not None and not _operand_or_closing_last(stack):
        return _Step(True, _MSG_CLOSING_POSITION)
    return _Step(False)


def _operator(stack: list[_Item], text: str, i: int) -> _Step:
    ch = text[i]
    if ch not in _OPERATOR_INITIALS:
        return _Step(True, f"Unexpected character '{ch}'")
    pair = text[i : i + 2]
    op, end = (pair, i + 1) if i + 1 < len(text) and pair in _OPERATORS else (ch, i)
    if len(op) == 1 and op not in _SINGLE_CHAR_OPERATORS:
        return _Step(True, f"Invalid operator '{op}'")
    may_follow = _operand_or_closing_last(stack) or (
        op == "!" and (not stack or stack[-1].value in _BOOLEAN_AFTER)
    )
    if i + 1 >= len(text) or not may_follow:
        return _Step(True, f"Wrong positioning of operator '{op}'")
    last_operator = next((item for item in reversed(stack) if not item.is_operand), None)
    if last_operator is not None and last_operator.value not in ("(", ")"):
        if last_operator.value in _COMPARISONS or op in _COMPARISONS:
            return _Step(
                True,
                f"Wrong positioning of operator '{op}'. It cannot be used in concatenation with "
                f"'{last_operator.value}'",
            )
    step = _compatible(stack, _Item(op, "operator", False, False))
    if step.failed:
        return _Step(True, step.message)
    return _Step(False, value=op, end=end)


def _literal_result(stack: list[_Item], value: str, value_type: str, end: int) -> _Step:
    step = _compatible(stack, _Item(value, value_type, True, True))
    if step.failed:
        both_literals = (
            not _is_previous_operand(stack) and step.previous is not None and step.previous.is_literal
        )
        message = _MSG_LITERALS_BOTH_SIDES if both_literals else step.message
        return _Step(True, message, value=value, value_type=value_type, end=end)
    return _Step(False, value=value, value_type=value_type, end=end)


_LEADING_ZERO = LazyPattern(r"^(0[0-9]|-0)[^\n\r\u2028\u2029]*\Z")
_BOOLEAN_STOP = frozenset(" ()$") | _OPERATOR_INITIALS


def _literal(stack: list[_Item], text: str, i: int) -> _Step:
    """``WAFlowJSONValidateIfCompLiteral``: a boolean, a single-quoted string, or an integer."""
    ch = text[i]
    if ch in "tf":
        j = i
        while j < len(text) and text[j] not in _BOOLEAN_STOP:
            j += 1
        word = text[i:j]
        if word not in ("true", "false"):
            return _Step(True, f"Invalid literal '{word}'", value=word, value_type="boolean")
        return _literal_result(stack, word, "boolean", j - 1)
    if ch == "'":
        j = i
        while True:
            j = text.find("'", j + 1)
            if j == -1:
                return _Step(True, _MSG_MISSING_QUOTE, value=text[i:])
            if text[j - 1] != "\\":
                break
        return _literal_result(stack, text[i + 1 : j], "string", j)
    if _LEADING_ZERO.match(text[i:]):
        return _Step(True, _MSG_LEADING_ZERO, value=text[i:])
    j = i
    while j < len(text) and (text[j].isdigit() and text[j] in "0123456789" or (text[j] == "-" and j == i)):
        j += 1
    number = text[i:j]
    if number == "-":
        return _Step(True, _MSG_NEGATIVE_SIGN, value=text[i:])
    return _literal_result(stack, number, "number", j - 1)


def _dynamic_operand(stack: list[_Item], text: str, i: int, screen: str, resolve: ConditionResolver) -> _Step:
    """``WAFlowJSONValidateIfCompOperand``: a ``${…}`` binding, typed by ``resolve``."""
    value: str | None = None
    found = _Step(True)
    if i + 1 < len(text) and text[i + 1] == "{":
        close = text.find("}", i)
        if close != -1:
            value = text[i : close + 1]
            found = _Step(True, value=value)
            if BINDING_PATTERN_V400.match(value):
                body = value.replace("${screen.", "", 1).replace("${", "", 1).replace("}", "", 1)
                keys = body.split(".")
                if value.startswith(_LOCAL_PREFIXES) and value.endswith("}"):
                    keys = [screen] + keys
                declared = resolve(keys[0], keys[1], keys[2]) if len(keys) >= 3 else None
                if declared is None:
                    field = keys[2] if len(keys) >= 3 else ""
                    if keys[0] == screen:
                        message = f"Missing dynamic data '{field}' in the data model for screen {screen}."
                    else:
                        message = (
                            f"Global dynamic data '{field}' does not exist on screen '{keys[0]}' "
                            f"but is used on screen '{screen}'."
                        )
                    found = _Step(True, message, column=-1, value=value)
                else:
                    found = _Step(False, value=value, value_type=declared, end=close)
    if found.failed:
        message = found.message or f"Invalid operand format '{found.value or ''}'"
        return _Step(True, message, column=found.column, value=found.value)
    assert found.value is not None and found.value_type is not None
    if found.value_type not in ("boolean", "number", "string"):
        return _Step(
            True, f"Operand '{found.value}' with type '{found.value_type}' is not supported.", column=-1
        )
    if _is_previous_operand(stack):
        return _Step(True, f"Missing operator between '{stack[-1].value}' and '{found.value}'")
    step = _compatible(stack, _Item(found.value, found.value_type, False, True))
    if step.failed:
        return _Step(True, step.message)
    return found


def check_condition(condition: str, *, screen: str, resolve: ConditionResolver) -> ConditionError | None:
    """Meta's If-condition check (``WAFlowJSONConditionalRenderingValidatorV500.validateIfComponent``).

    Returns the first problem, or None. ``screen`` is the id of the screen the If is on (Meta's messages
    name it); ``resolve`` types the ``${…}`` operands. The empty-``then`` check that follows in Meta's
    validator is the caller's (it needs the component, not the condition).
    """
    if len(condition) == 0:
        return ConditionError(MSG_EMPTY_CONDITION)
    depth = 0
    stack: list[_Item] = []
    i = 0
    # Meta's loop moves its index to each helper's end; a helper may end before its start (a lone "\"), in
    # which case the next round fails. The bound only guards against looping forever on input Meta never saw.
    budget = 4 * len(condition) + 16
    # UTF-16 column of every index, computed once: re-measuring the prefix at each step made long
    # conditions quadratic (a 16 000-character condition took seconds).
    columns = None if condition.isascii() else _utf16_columns(condition)
    while i < len(condition) and budget > 0:
        budget -= 1
        ch = condition[i]
        column = i if columns is None else columns[i]
        if ch == " ":
            pass
        elif ch == "(" and ch not in _LITERAL_INITIALS:
            depth += 1
            stack.append(_Item("(", "", False, False))
        elif ch == ")":
            step = _closing_parenthesis(stack, depth)
            if step.failed:
                return ConditionError(step.message or "", column)
            depth -= 1
            stack.append(_Item(")", "", False, False))
        elif ch in _LITERAL_INITIALS or ch == "$":
            step = _literal(stack, condition, i) if ch in _LITERAL_INITIALS else _dynamic_operand(
                stack, condition, i, screen, resolve
            )
            if step.failed:
                return ConditionError(step.message or "", step.column if step.column is not None else column)
            stack.append(_Item(step.value or "", step.value_type or "", ch in _LITERAL_INITIALS, True))
            i = step.end if step.end is not None else i
        else:
            step = _operator(stack, condition, i)
            if step.failed:
                return ConditionError(step.message or "", column)
            stack.append(_Item(step.value or "", "", False, False))
            i = step.end if step.end is not None else i
        i += 1
    if depth > 0:
        return ConditionError(_MSG_MISSING_CLOSING)
    if stack and not stack[-1].is_operand and stack[-1].value != ")":
        return ConditionError(f"Missing operand after last operator '{stack[-1].value}'.")
    operands = [item for item in stack if item.value not in ("(", ")")]
    if len(operands) == 1:
        if operands[0].type != "boolean":
            return ConditionError(_MSG_NOT_BOOLEAN)
        if operands[0].is_literal:
            return ConditionError(_MSG_ONLY_LITERAL)
    return None


# --- backtick expressions -------------------------------------------------------------------------------

#: Typed data of every screen, as ``WAFlowJSONParseUtils.WAFlowJSONMapScreenProperties`` builds it:
#: screen id -> store (``"data"``, ``"form"``) -> key -> declared type name, or a nested mapping for an
#: object declaration (its properties). Form fields are typed by component (``TextInput`` with
#: ``input-type`` number -> ``"number"``, ``OptIn`` -> ``"boolean"``, ``CheckboxGroup`` -> ``"array"``…).
ScreenProperties = Mapping[str, Mapping[str, Mapping[str, Any]]]

#: ``FlowJSONExpValueTypeEnum``: the type names the expression checker knows.
_VALUE_TYPES = frozenset({"string", "number", "integer", "boolean", "object", "array"})
_NUMERIC = frozenset({"integer", "number"})


class ExpressionError(Exception):
    """A parse or type error of a dynamic expression; ``str(error)`` is Meta's reason (without the prefix)."""


def _parser() -> Lark:
    """The LALR parser of ``expression.lark`` (built once, cached on disk; see :mod:`flowlint.jsep_lark`)."""
    from flowlint.jsep_lark import parser

    return parser()


_JS_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(body: str) -> str:
    """jsep's string escapes: ``\\n \\r \\t \\b \\f \\v``; any other escaped character stands for itself."""
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_JS_ESCAPES.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _js_number(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:  # jsep parseFloat(".") is NaN
        return float("nan")


def identifier_node(name: str) -> dict[str, Any]:
    """jsep's node for an identifier token: ``true``/``false``/``null`` are literals, ``this`` its own node."""
    if name in ("true", "false"):
        return {"type": "Literal", "value": name == "true", "raw": name}
    if name == "null":
        return {"type": "Literal", "value": None, "raw": name}
    if name == "this":
        return {"type": "ThisExpression"}
    return {"type": "Identifier", "name": name}


def number_node(raw: str) -> dict[str, Any]:
    return {"type": "Literal", "value": _js_number(raw), "raw": raw}


def string_node(raw: str) -> dict[str, Any]:
    return {"type": "Literal", "value": _unescape(raw[1:-1]), "raw": raw}


_BINARY_TERMINALS = frozenset({"OROR", "ANDAND", "PIPE", "CARET", "AMP", "EQ_OP", "REL_OP", "SHIFT_OP", "MUL_OP"})
_OPERAND_END = frozenset({"NAME", "NUMBER", "STRING", "RPAR", "RSQB"})
_ASCII_IDENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$")


def _ident_start(ch: str) -> bool:
    """``[A-Za-z_$\\u0080-\\U0010FFFF]`` for one character (compiling that class costs ~5 ms at import)."""
    return ch in _ASCII_IDENT_START or ch >= "\u0080"



def _jsep_error(message: str, text: str, index: int) -> ExpressionError:
    return ExpressionError(f"{message} at character {utf16_len(text[:index])}")


def _number_problem(text: str) -> tuple[int, str] | None:
    """jsep's numeric-literal errors, which a tokenizer alone does not see: the first one and its index."""
    in_string: str | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            if ch == in_string:
                in_string = None
            i += 1
            continue
        if ch in "'\"":
            in_string = ch
            i += 1
            continue
        if ch and _ident_start(ch):
            while i < len(text) and (_ident_start(text[i]) or text[i].isdigit()):
                i += 1
            continue
        if ch.isdigit() or (ch == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            m = re.compile(r"(\d*(\.\d*)?)").match(text, i)
            assert m is not None
            number = m.group(1)
            j = m.end()
            if j < len(text) and text[j] in "eE":
                exp = re.compile(r"[eE][+-]?(\d*)").match(text, j)
                assert exp is not None
                if not exp.group(1):
                    return exp.end(), f"Expected exponent ({number}{exp.group(0)}{text[exp.end() : exp.end() + 1]})"
                number += exp.group(0)
                j = exp.end()
            if j < len(text) and _ident_start(text[j]):
                return j, f"Variable names cannot start with a number ({number}{text[j]})"
            if j < len(text) and text[j] == ".":
                return j, "Unexpected period"
            i = j
            continue
        i += 1
    return None


#: Stands for an operand jsep leaves out (``false`` in its tree): a unary operator at the end (``!``), or a
#: binary operator where an expression starts (``&& a``). jsep 0.3.4 accepts both; Meta's type checker then
#: says the operation ``undefined`` is not supported.
_MISSING = "$__flowlint_missing_operand__$"


class _MissingOperand(Exception):
    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


class _BareDecimalPoint(Exception):
    """A ``.`` where an operand starts: jsep reads it as the number ``.`` (NaN), a ``number`` literal."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


def parse_expression(text: str) -> dict[str, Any]:
    """Parse a rewritten expression as jsep 0.3.4 does: its node tree, or :class:`ExpressionError` worded as
    jsep words it, with jsep's character index (UTF-16 units of ``text``)."""
    current = text
    inserted: list[int] = []  # where placeholders went, in ``current`` coordinates

    def original(pos: int) -> int:
        return pos - len(_MISSING) * sum(1 for at in inserted if at < pos)

    for _ in range(len(text) + 2):
        try:
            return _parse_once(current, text, original)
        except _MissingOperand as missing:
            inserted = [at + len(_MISSING) if at >= missing.pos else at for at in inserted]
            inserted.append(missing.pos)
            current = current[: missing.pos] + _MISSING + current[missing.pos :]
        except _BareDecimalPoint as point:
            # Same length, same type (a number): indexes of later errors stay right.
            current = current[: point.pos] + "0" + current[point.pos + 1 :]
    raise ExpressionError("Operation undefined is not supported.")


def _parse_once(current: str, text: str, original: Callable[[int], int]) -> dict[str, Any]:
    fast = fast_parse_expression(current)
    if fast is not None:
        return fast
    from lark.exceptions import UnexpectedInput

    from flowlint.jsep_lark import to_jsep

    numeric = _number_problem(current)
    parser = _parser()
    if numeric is None:
        # The plain parser is faster than the interactive one, which is needed only to word an error as jsep
        # would (it is replayed from the start then, to the same tree or error).
        try:
            return to_jsep(parser.parse(current))
        except UnexpectedInput:
            pass
    interactive = parser.parse_interactive(current)
    tokens: list[Token] = []
    try:
        for tok in interactive.iter_parse():
            tokens.append(tok)
            if numeric is not None and tok.start_pos is not None and tok.start_pos >= numeric[0]:
                raise _jsep_error(numeric[1], text, original(numeric[0]))
        if numeric is not None:
            raise _jsep_error(numeric[1], text, original(numeric[0]))
        tree = interactive.resume_parse()
    except UnexpectedInput as exc:
        _raise_as_jsep(exc, current, text, original, tokens, numeric, set(interactive.accepts()))
    return to_jsep(tree)


# --- the fast expression parser ----------------------------------------------------------------------------
# Most expressions in real flows are a few bindings joined by comparisons, arithmetic and && / ||, or texts and
# bindings side by side (a Compound: ``'Hi ' ${form.name}``). This
# recursive-descent parser builds jsep's tree for those without lark (whose import alone costs ~25 ms, more
# than checking a 100 KB flow) and in a fraction of its time. It *declines* (returns None) whatever it is not
# sure to read as expression.lark does: any error, ``,`` and ``;`` between expressions, ``? :``, calls, arrays,
# ``[ ]`` members, bitwise and shift operators, ``~``, whitespace lark does not ignore, any character from
# U+0080 outside a string, a number followed by a letter or a dot. The grammar path then decides, and words the
# errors. tests/expressions/test_fast_expression_parser.py checks, on generated token soups and on every
# expression of the fixtures, that an answer is always the tree lark builds.

_FAST_TOKEN = re.compile(
    r"[ \t\n\r]*(?:"
    # A member chain written without spaces (``screen.S.data.x``, every rewritten binding) is one token: the
    # parser reads it as the names and dots it is made of.
    r"(?P<path>[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+)"
    r"|(?P<name>[A-Za-z_$][A-Za-z0-9_$]*)"
    r"|(?P<number>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<string>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!().])"
    r")",
    re.DOTALL,
)
_FAST_TRAILING_SPACE = re.compile(r"[ \t\n\r]*\Z")
#: A character that may not follow a number (jsep's numeric-literal errors, or a longer token lark reads).
_AFTER_NUMBER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.")
#: jsep's binary precedences (see expression.lark) for the operators the fast parser reads.
_FAST_PRECEDENCE = {
    "||": 1, "&&": 2,
    "==": 6, "!=": 6, "===": 6, "!==": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7,
    "+": 9, "-": 9,
    "*": 10, "/": 10, "%": 10,
}  # fmt: skip
_FAST_UNARY = frozenset({"-", "+", "!"})
#: Deeper nesting is left to lark (its transformer does not recurse); flowlint's limits allow 200 operators.
_FAST_MAX_DEPTH = 64


class _Decline(Exception):
    """The fast parser leaves this expression to the grammar."""


def _fast_tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos, end = 0, len(text)
    match = _FAST_TOKEN.match
    while True:
        m = match(text, pos)
        if m is None:  # the end (after any whitespace lark ignores), or something the fast parser declines
            if _FAST_TRAILING_SPACE.match(text, pos) is None:
                raise _Decline
            return tokens
        kind = m.lastgroup
        assert kind is not None
        pos = m.end()
        value = m.group(kind)
        if pos < end:
            nxt = text[pos]
            if nxt >= "\u0080" or (kind == "number" and nxt in _AFTER_NUMBER):
                raise _Decline
        tokens.append((kind, value))


class _FastParser:
    __slots__ = ("tokens", "at", "depth")

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end":
            raise _Decline
        self.at += 1
        return token

    def expression(self, lowest: int = 1) -> dict[str, Any]:
        """Binary operators, left-associative, by precedence climbing (the grammar's levels)."""
        self.depth += 1
        if self.depth > _FAST_MAX_DEPTH:
            raise _Decline
        left = self.operand()
        while True:
            kind, op = self.peek()
            precedence = _FAST_PRECEDENCE.get(op) if kind == "op" else None
            if precedence is None or precedence < lowest:
                break
            self.at += 1
            right = self.expression(precedence + 1)
            node_type = "LogicalExpression" if precedence <= 2 else "BinaryExpression"
            left = {"type": node_type, "operator": op, "left": left, "right": right}
        self.depth -= 1
        return left

    def operand(self) -> dict[str, Any]:
        """The grammar's ``token``: a unary operator on a token, a number, a string, or a variable."""
        kind, value = self.take()
        if kind == "op" and value in _FAST_UNARY:
            self.depth += 1
            if self.depth > _FAST_MAX_DEPTH:
                raise _Decline
            argument = self.operand()
            self.depth -= 1
            return {"type": "UnaryExpression", "operator": value, "argument": argument, "prefix": True}
        if kind == "number":
            return number_node(value)
        if kind == "string":
            return string_node(value)
        if kind == "path":
            first, *rest = value.split(".")
            node = identifier_node(first)
            for name in rest:
                node = {
                    "type": "MemberExpression",
                    "computed": False,
                    "object": node,
                    "property": {"type": "Identifier", "name": name},
                }
        elif kind == "name":
            node = identifier_node(value)
        elif value == "(":
            node = self.expression()
            if self.take() != ("op", ")"):
                raise _Decline
        else:
            raise _Decline
        while self.peek() == ("op", "."):
            self.at += 1
            kind, value = self.take()
            if kind != "name":
                raise _Decline
            node = {
                "type": "MemberExpression",
                "computed": False,
                "object": node,
                "property": {"type": "Identifier", "name": value},
            }
        if self.peek() == ("op", "("):
            raise _Decline  # a call
        return node


def fast_parse_expression(text: str) -> dict[str, Any] | None:
    """jsep's tree for a common, well-formed expression, or None to leave ``text`` to the grammar."""
    try:
        parser = _FastParser(_fast_tokens(text))
        items = [parser.expression()]
        while parser.at < len(parser.tokens):  # side by side (``'Hi ' ${data.name}``): jsep's Compound
            items.append(parser.expression())
    except _Decline:
        return None
    return items[0] if len(items) == 1 else {"type": "Compound", "body": items}


def _raise_as_jsep(
    exc: UnexpectedInput,
    current: str,
    text: str,
    original: Callable[[int], int],
    tokens: list[Token],
    numeric: tuple[int, str] | None,
    expected: set[str],
) -> None:
    """Word a parse error as jsep would, from where it happened and what the parser could accept there."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(exc, UnexpectedToken):
        bad: Token | None = exc.token
        pos = len(current) if exc.token.type == "$END" else exc.token.start_pos
        if tokens and tokens[-1] is exc.token:
            tokens = tokens[:-1]
    else:  # a character no terminal matches (or, defensively, any other lark input error)
        bad = None
        pos = exc.pos_in_stream if isinstance(exc, UnexpectedCharacters) else len(current)
    if numeric is not None and numeric[0] <= pos:
        raise _jsep_error(numeric[1], text, original(numeric[0]))
    prev = tokens[-1] if tokens else None
    before = tokens[-2] if len(tokens) >= 2 else None
    ch = current[pos] if pos < len(current) else ""
    at_end = pos >= len(current)
    where = original(pos)
    operand_wanted = "NAME" in expected
    prev_is_binary = prev is not None and (
        prev.type in _BINARY_TERMINALS
        or (prev.type == "ADD_OP" and before is not None and before.type in _OPERAND_END)
    )
    if ch in ("'", '"') and bad is None and "STRING" in expected:
        raise ExpressionError(
            f'Unclosed quote after "{_unescape(current[pos + 1 :])}" at character {utf16_len(text)}'
        )
    if ch == "." and "NUMBER" in expected:
        # jsep's numeric literal starting with ".": the checks it makes after the digits (there are none).
        nxt = current[pos + 1 : pos + 2]
        if nxt in ("e", "E"):
            exp = re.compile(r"[eE][+-]?").match(current, pos + 1)
            assert exp is not None
            end = exp.end()
            raise _jsep_error(f"Expected exponent (.{exp.group(0)}{current[end : end + 1]})", text, original(end))
        if nxt and _ident_start(nxt):
            raise _jsep_error(f"Variable names cannot start with a number (.{nxt})", text, original(pos + 1))
        if nxt == ".":
            raise _jsep_error("Unexpected period", text, original(pos + 1))
        raise _BareDecimalPoint(pos)
    if prev_is_binary:
        assert prev is not None
        raise _jsep_error(f"Expected expression after {prev}", text, where)
    if operand_wanted and prev is not None and prev.type in ("BANG", "TILDE", "ADD_OP"):
        # jsep builds the unary operator with a missing argument and carries on from here.
        raise _MissingOperand(pos)
    if operand_wanted and bad is not None and bad.type in _BINARY_TERMINALS and bad.type != "ADD_OP":
        # jsep starts a binary expression with a missing left side (``&& a``) and carries on.
        raise _MissingOperand(pos)
    if prev is not None and prev.type == "DOT":
        raise _jsep_error(f"Unexpected {ch}", text, where)
    if prev is not None and prev.type in ("QMARK", "COLON"):
        raise _jsep_error("Expected expression", text, where)
    if "COLON" in expected and "RPAR" not in expected and "RSQB" not in expected:
        raise _jsep_error("Expected :", text, where)
    for closing, bracket, unclosed in (("RPAR", ")", "Unclosed ("), ("RSQB", "]", "Unclosed [")):
        if closing in expected:
            if "COMMA" in expected:  # call arguments or an array literal
                raise _jsep_error(f"Expected {bracket}" if at_end else "Expected comma", text, where)
            raise _jsep_error(unclosed, text, where)
    raise _jsep_error(f'Unexpected "{ch}"', text, where)


def clean_expression(value: str, *, screen: str, version: int) -> str:
    """``WAFlowsASTParser.cleanExpressionForJSEP``: the text Meta hands to jsep.

    A backtick expression (6.0+) loses its backticks; any other non-binding string becomes a single-quoted
    string literal; then ``${data``/``${form``/``${external_data`` are rewritten to ``screen.<id>.…``,
    ``${screen`` to ``screen``, and every ``}`` is dropped.
    """
    text = value
    if is_nested_expression(value) and version >= 600:
        text = value[1:-1]
    elif not is_binding(value):
        text = "'" + value.replace("'", "\\'") + "'"
    if "${" in screen:  # one pass, so that no rewriting is rewritten again
        replacements = {
            "${screen": "screen",
            "${data": f"screen.{screen}.data",
            "${form": f"screen.{screen}.form",
            "${external_data": f"screen.{screen}.external_data",
        }
        text = _REWRITTEN.sub(lambda m: replacements[m.group(0)], text)
    elif "${" in text:
        # The same, prefix by prefix: the prefixes cannot overlap, and no replacement holds a "${".
        text = (
            text.replace("${screen", "screen")
            .replace("${data", f"screen.{screen}.data")
            .replace("${form", f"screen.{screen}.form")
            .replace("${external_data", f"screen.{screen}.external_data")
        )
    text = text.replace("}", "")
    if text.endswith("\\'"):
        text = text[:-2] + "\\\\'"
    return text


_REWRITTEN = LazyPattern(r"\$\{(screen|data|form|external_data)")
_PLAIN_STRING = re.compile(r"'(?:[^'\\]|\\.)*'", re.DOTALL)


class _Value(NamedTuple):  # a named tuple: the type checker makes one per node (a frozen dataclass is slower)
    """What the type checker knows about a node: its ``valueType`` and, for a screen, a store or an object
    declaration, its entries (Meta walks its own maps, annotated with ``valueType``)."""

    value_type: str | None
    entries: Mapping[str, Any] | None = None


#: The type checker's answers that carry no entries, made once (a named tuple is immutable): most nodes get one.
_TYPED: dict[str | None, _Value] = {kind: _Value(kind) for kind in (*sorted(_VALUE_TYPES), None)}


def _missing(name: str) -> ExpressionError:
    return ExpressionError(f"The following property '{name}' does not exist in the screen data model.")


def _typeof(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


class _TypeChecker:
    """``WAFlowsASTTypeValidator``: infer the type of every node, left to right; raise on the first error."""

    def __init__(self, screens: ScreenProperties) -> None:
        self.screens = screens

    def visit(self, node: Any, context: str = "object", last: bool = True) -> _Value:
        kind = node.get("type") if isinstance(node, dict) else None
        if kind == "MemberExpression":  # the most common node (every binding is one): tested first
            if node.get("computed"):
                container = self.visit(node["object"], "object", False)
                self.visit(node["property"], "property", False)
                return _lookup(container, "[object Object]", last)  # JavaScript's key for an object as a name
            # A chain ``a.b.c``: the innermost object first, then each name outwards (what the recursion on
            # ``object`` does, without a call per level).
            names = [node["property"]["name"]]
            inner = node["object"]
            while type(inner) is dict and inner.get("type") == "MemberExpression" and not inner.get("computed"):
                names.append(inner["property"]["name"])
                inner = inner["object"]
            container = self.visit(inner, "object", False)
            for name in reversed(names[1:]):
                container = _lookup(container, name, False)
            return _lookup(container, names[0], last)
        if kind == "Literal":
            if node.get("raw") == "null":
                raise ExpressionError("The keyword 'null' is reserved, please use another expression instead.")
            return _TYPED[_typeof(node.get("value"))]
        if kind == "Identifier" and node["name"] == _MISSING:
            kind = None  # jsep's missing operand (``false``): Meta reads its type as ``undefined``
        if kind == "Identifier":
            name = node["name"]
            if name == "screen" and context == "object":
                return _Value(None, self.screens)
            if name not in self.screens:
                raise _missing(name)
            return _Value(None, self.screens[name])
        if kind == "BinaryExpression":
            return self._binary(node)
        if kind == "Compound":
            for item in node["body"]:
                self.visit(item)
            return _TYPED["string"]
        if kind == "UnaryExpression":
            return self._unary(node)
        if kind == "LogicalExpression":
            left, right = self.visit(node["left"]), self.visit(node["right"])
            if left.value_type != "boolean" or right.value_type != "boolean":
                raise ExpressionError(f"Operation '{node['operator']}' can only be used with booleans.")
            return _TYPED["boolean"]
        message = f"Operation {kind if kind is not None else 'undefined'} is not supported."
        if kind == "ConditionalExpression":
            message += (
                " This means that you are using a ternary operator in your expression (i.e. 'condition ? "
                "'condition passes' : 'condition fails'). Please check the documentation for the supported "
                "operations."
            )
        raise ExpressionError(message)

    def _binary(self, node: dict[str, Any]) -> _Value:
        left, right = self.visit(node["left"]), self.visit(node["right"])
        op = node["operator"]
        arithmetic = op in ("+", "-", "*", "/")
        if arithmetic or op in ("<", ">", "<=", ">="):
            if (left.value_type or "string") not in _NUMERIC or (right.value_type or "string") not in _NUMERIC:
                raise ExpressionError(f"Operation '{op}' can only be used with numbers.")
            return _TYPED["number" if arithmetic else "boolean"]
        if op in ("==", "!="):
            if left.value_type != right.value_type:
                raise ExpressionError(f"Operation '{op}' can only be used to compare values with same type.")
            return _TYPED["boolean"]
        return _TYPED[None]  # %, bitwise, ===: jsep parses them, Meta's checker gives them no type

    def _unary(self, node: dict[str, Any]) -> _Value:
        argument = self.visit(node["argument"])
        op = node["operator"]
        if op in ("-", "+") and argument.value_type != "number":
            raise ExpressionError(f"Operation '{op}' can only be used before numbers.")
        if op == "!" and argument.value_type != "boolean":
            raise ExpressionError("Operation '!' can only be used before booleans.")
        return _Value(argument.value_type)


def _lookup(container: _Value, name: str, last: bool) -> _Value:
    """``u`` of ``WAFlowsASTTypeValidator``: read ``name`` from a screen, store or object entry and type it."""
    if container.entries is None:
        # Meta reads a property of a copied scalar entry, which has no ``has``: a JavaScript TypeError.
        raise ExpressionError("e.has is not a function")
    if name not in container.entries:
        raise _missing(name)
    entry = container.entries[name]
    if type(entry) is dict or (not isinstance(entry, str) and isinstance(entry, Mapping)):  # typing's check is slow
        return _Value("object", entry)
    if last:
        return _TYPED[entry if isinstance(entry, str) and entry in _VALUE_TYPES else None]
    return _TYPED["string"]


#: Longest expression flowlint parses (after Meta's rewriting). Real ones are a few dozen characters; jsep's
#: missing-operand recovery re-parses the text, so checking costs more than linear time.
MAX_EXPRESSION_CHARS = 4096
#: Most operators, brackets and dots an expression may hold: each can add a level to the tree, and the type
#: checker walks the tree recursively (like Meta's).
MAX_EXPRESSION_OPERATORS = 200
_NESTING = LazyPattern(r"[-+*/%!~()\[\]<>=&|^?:.,]")
#: No string this short is over flowlint's limits. Meta's rewriting (:func:`clean_expression`) at most doubles a
#: text and adds 7 characters per ``${data``-like prefix of 6 (so the result is under 4 x + 2 characters), and
#: the operators, brackets and dots it holds are the original ones plus 2 dots per such prefix (at most one
#: per original character). tests/expressions/test_robustness.py checks the bound on generated strings.
SAFE_LENGTH = min(MAX_EXPRESSION_OPERATORS, (MAX_EXPRESSION_CHARS - 2) // 4)


def expression_limit(value: str, *, version: int) -> str | None:
    """Why flowlint does not check the expression ``value`` (too long, too many operators), or None.

    Such an expression is reported as not checked (FL710, a warning) and treated by the other checks as
    having an unknown type: neither a crash nor a guess.
    """
    if value[:1] not in ("$", "`") or not (is_nested_expression(value) or is_binding(value)):
        return None  # a plain string (every binding starts "${"): a string literal, never parsed
    text = clean_expression(value, screen="S", version=version)
    if _PLAIN_STRING.fullmatch(text):
        return None
    if len(text) > MAX_EXPRESSION_CHARS:
        return f"it is {len(text)} characters long; flowlint checks expressions of up to {MAX_EXPRESSION_CHARS}"
    operators = len(_NESTING.findall(text))
    if operators > MAX_EXPRESSION_OPERATORS:
        return (
            f"it holds {operators} operators, brackets and dots; flowlint checks expressions with up to "
            f"{MAX_EXPRESSION_OPERATORS}"
        )
    return None


def is_plain_text(value: str, *, version: int) -> bool:
    """A label or a text with nothing for Meta's expression checker to read: its type is ``string``.

    :func:`clean_expression` would quote it into one string literal (nothing to rewrite, no backslash to
    unbalance the quotes), which is all ``_PLAIN_STRING`` checks; it is no binding and not over a limit.
    """
    return (
        "$" not in value
        and "\\" not in value
        and "}" not in value
        and not (version >= 600 and value[:1] == "`" and value[-1:] == "`")  # is_nested_expression, inlined
    )


def expression_type(
    value: str, *, screen: str, screens: ScreenProperties, version: int, within_limits: bool = False
) -> str:
    """The type Meta infers for a string property (``getDynamicExpressionReturnType``); raises
    :class:`ExpressionError` with Meta's reason. A plain string is a string literal, type ``string``.
    An expression over flowlint's limits (:func:`expression_limit`) has the unknown type ``""``
    (``within_limits``: the caller has just checked that it is not over them)."""
    if is_plain_text(value, version=version):
        return "string"
    text = clean_expression(value, screen=screen, version=version)
    if _PLAIN_STRING.fullmatch(text):
        return "string"
    if not within_limits and expression_limit(value, version=version) is not None:
        return ""
    node = parse_expression(text)
    return _TypeChecker(screens).visit(node).value_type or ""


def expression_message(value: str, reason: str) -> str:
    return f'Error while parsing dynamic expression "{value}". {reason}'


def check_expression(
    value: str,
    *,
    screen: str,
    screens: ScreenProperties,
    version: int,
    accepts: Callable[[str], bool],
) -> str | None:
    """Meta's ``checkFlowDynamicExpressionTypes``: None when ``value`` parses, type-checks and its type is
    one ``accepts`` (the property's schema) takes; else Meta's full message. None, too, for an expression
    over flowlint's limits (reported by FL710)."""
    if len(value) > SAFE_LENGTH and expression_limit(value, version=version) is not None:
        return None
    try:
        value_type = expression_type(value, screen=screen, screens=screens, version=version, within_limits=True)
        if not accepts(value_type):
            raise ExpressionError(
                f"The expression return type is '{value_type}' which does not match the schema for the property."
            )
    except ExpressionError as exc:
        return expression_message(value, str(exc))
    return None
