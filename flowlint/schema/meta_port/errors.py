"""Meta's translation of Ajv's errors into Flow JSON errors: codes, messages, pointers, filters, merging.

Meta's Flow Builder validates a flow with Ajv 6 (``allErrors``, ``verbose``; :mod:`.ajv` reproduces its error
list) and then turns that list into its answer. This module ports that last step:

* ``WAFlowJSONSchemaValidator.formatAJVError``: one error per Ajv error, by keyword, each with Meta's code
  and message and one pointer; an error is dropped when a filter says an earlier error at the same place
  already told the root cause. The filters read a per-path registry of what was reported so far (keyed by
  Meta's slash paths, ``/screens/0/layout``), the error's data and schemas, and the flow itself;
* the message builders of ``WAFlowJSONValidationError.WA_FLOW_JSON_VALIDATION_ERROR_MESSAGE``
  (``getInvalidPropertyErrorMsg``, ``getInvalidPatternErrorMsg``, ``getNotKeywordErrorMessage``...);
* the pointer lookup of ``WAFlowJSONLineColumnPointerUtil.getWAFlowJSONLineColumnPointerData``: a map from
  slash paths to the ``{key, value}`` positions of every member and item; an error takes the key or the
  value of one entry, and an error whose entry is missing (or that takes the key of an array item, or whose
  keyword takes no position at all) points at line 0, column 0;
* ``WAFlowJSONValidationResultUtil.deduplicateErrors``: errors with the same code and message become one,
  with the pointers at distinct positions, in first-seen order.

Where a filter reads a value JavaScript cannot read (a property of ``null``), Meta's validator throws and
answers one ``INVALID_FLOW_JSON`` error, "Flow JSON is not valid. <the exception's message>"
(``WAFlowJSONValidation.validateFlowJSON``); :func:`translate` returns that error, pointing at the value
that could not be read instead of Meta's line 0.

Pointers are paths, not positions: :func:`flowlint.engine.locate` turns them into spans. A pointer's ``path``
is the path Meta reports: Ajv's data path, plus the key Meta names for an unknown property or a bad property
name, written as Meta writes it (the key ``a.b`` gives ``("routing_model", "a", "b")``, as Meta's
``routing_model.a.b``; the empty key stays ``("x", "")``, Meta's ``x.''``). ``at`` is the member whose
position Meta gives when that differs (a component whose ``type`` no branch accepts points at its ``type``
value; the key ``a.b`` itself), and a pointer that Meta places at line 0 already carries that span. Merging
compares positions; two pointers of this module have the same position exactly when they point at the same
member (its value, or its key) or both at line 0, so :func:`translate` merges on that without positions.

Meta's map is keyed by the keys *as written in the text*: a key written with an escape (``"caf\\u00e9"``,
``"a\\"b"``) is not found, and its error points at line 0. :func:`raw_keys` gives :func:`translate` the keys
as written; without it, each key is taken as written with JSON's fewest escapes.

Repeated items are translated once (:class:`_GroupRecord`). :func:`.ajv.validate_grouped` gives the
errors of each repeat of an array item as one group; the first group of an item of a component list (a
screen's ``layout/children``, a top-level component's ``children``, an ``If``'s ``then`` or ``else`` there) is
translated error by error while the registry and the pointer map note what it reads and writes, and the next
groups of that item in that list replay the answer with their own paths when what they would read is the
same. Why that is exact:

* registry and pointer map: the record keeps every slash path the group read or wrote (all under the item's
  slash path), and a replay first checks that the registry holds nothing at any of them (as it held
  nothing when recorded) and that the pointer map answers the same entry, relative to the item, at each;
  then it writes what the group wrote. A path of this group that an earlier error wrote, or whose entry is another
  member's (the layout's key ``children/3`` has the slash path of ``children[3]``), or a key written with an
  escape in this copy only, falls back to the error-by-error translation;
* the flow: the filters read the flow along the error's slash path (``ye``), or at the screen and component
  indices the path regexes capture (``Y``, ``X``). In these lists the index they capture at the item's step
  is the item itself (equal to the recorded one), and every other step is the list's or the error's own
  (the same). Except in an ``If`` branch: there ``X`` also reads the *other* branch at the item's index (a
  Footer at ``else[3]`` reads ``then[3]``, which may be missing), so a group of a branch that asked ``Y``
  is not memoised. ``Switch`` cases are not memoised: a case's key may be any text, and ``X`` reads a case
  named by a step of the path;
* the item's index: it is in the error's slash path and, for an error at the item or at an index right
  under it, in the property name (``children/3``). The filters compare names only with plain property
  names (a name with an index has a ``/``) and match paths with "any digits" at index steps, so only messages
  can name the index: a group whose kept errors' messages hold the item's slash path or such a name is not
  memoised.

Not ported: Meta's map is built by a scanner of its own (``WAFlowJSONIterator``), which loses its way in
texts that flowlint's source map reads correctly (a ``\\r`` between array items, a string ending in an
escaped backslash); Meta's ``invariant`` failures, which its own schemas never reach.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable, Iterable, Sequence

from flowlint.schema.meta_port.ajv import AjvError, ErrorGroup
from flowlint.diagnostics import ERROR, Diagnostic, JsonPath, Pointer, parse_path
from flowlint.jstypes import js_type
from flowlint.positions import Span
from flowlint.schema.meta_port.schema import LAYOUT_NAMES
from flowlint.schema.reference_errors import _RULE_OF_ERROR

__all__ = ["translate", "deduplicate", "raw_keys", "RULE_OF_ERROR", "INVALID_FLOW_JSON", "NOWHERE"]

#: Meta's error code -> flowlint rule. Meta's throw (``INVALID_FLOW_JSON``) is FL220 (declared by
#: :mod:`flowlint.schema.meta_port`, which runs this translation).
RULE_OF_ERROR: dict[str, str] = {**_RULE_OF_ERROR, "INVALID_FLOW_JSON": "FL220"}

# --- Meta's codes (WAFlowJSONValidationError.WA_FLOW_JSON_VALIDATION_ERROR_CODE) ---------------------------

INVALID_FLOW_JSON = "INVALID_FLOW_JSON"
INVALID_SCHEMA = "INVALID_SCHEMA"
INVALID_PROPERTY_KEY = "INVALID_PROPERTY_KEY"
INVALID_PROPERTY_VALUE = "INVALID_PROPERTY_VALUE"
INVALID_PROPERTY_VALUE_FORMAT = "INVALID_PROPERTY_VALUE_FORMAT"
INVALID_PROPERTY_TYPE = "INVALID_PROPERTY_TYPE"
MISSING_REQUIRED_PROPERTY = "MISSING_REQUIRED_PROPERTY"
MIN_ITEMS_REQUIRED = "MIN_ITEMS_REQUIRED"
MAX_ITEMS_REQUIRED = "MAX_ITEMS_REQUIRED"
MIN_CHARS_REQUIRED = "MIN_CHARS_REQUIRED"
MINIMUM_VALUE_REQUIRED = "MINIMUM_VALUE_REQUIRED"
MAXIMUM_VALUE_REQUIRED = "MAXIMUM_VALUE_REQUIRED"
PATTERN_MISMATCH = "PATTERN_MISMATCH"
INVALID_ENUM_VALUE = "INVALID_ENUM_VALUE"
INVALID_DEPENDENCIES = "INVALID_DEPENDENCIES"
NOT_KEYWORD_SCHEMA_VALIDATION_FAILED = "NOT_KEYWORD_SCHEMA_VALIDATION_FAILED"
ONE_OF_SCHEMA_VALIDATION_FAILED = "ONE_OF_SCHEMA_VALIDATION_FAILED"
# Recorded in the registry only, never reported (formatAJVError's ``c``).
INVALID_TYPE_PROPERTY_VALUE = "INVALID_TYPE_PROPERTY_VALUE"
MISSING_REQUIRED_TYPE_PROPERTY = "MISSING_REQUIRED_TYPE_PROPERTY"

#: An already repeated error is dropped when the registry holds this code at its path (formatAJVError's ``G``).
_REPEAT_CODE_OF_KEYWORD = {
    "minItems": MIN_ITEMS_REQUIRED,
    "maximum": MAXIMUM_VALUE_REQUIRED,
    "minimum": MINIMUM_VALUE_REQUIRED,
    "propertyNames": PATTERN_MISMATCH,
    "minLength": MIN_CHARS_REQUIRED,
}

# --- Meta's constants (WAFlowJSONConstants, WAFlowJSONSchemaUtils, WAFlowsTypes) --------------------------

_DOCS_URL = "https://developers.facebook.com/docs/whatsapp/flows"
_SCREEN_ID_PATTERN = r"^[a-zA-Z,_]+$"
_SCREEN_ID_PATTERN_V700 = r"^(?!_+$)[a-zA-Z_]+$"
_DYNAMIC_DATA_PATTERN = r"^\$\{data\..+\}$"
_DYNAMIC_DATA_PATTERN_V400 = r"^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}"
_DYNAMIC_DATA_PATTERN_V600 = r"(^\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[\w-]+)+\}|^`.+`)"
_BLANK_STRING_NEGATE_PATTERN = r"^(\r?\n?)*(?!\s*$).+(\r?\n?)*"
_NEGATED_DYNAMIC_DATA_PATTERN_V400 = r"^(?!\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)\..+\})"
_NEGATED_NESTED_EXPRESSION_PATTERN = r"^(?!`.*`$)"

_COMPONENT_TYPES = (
    "CheckboxGroup", "DatePicker", "Dropdown", "EmbeddedLink", "Footer", "Form", "Image", "OptIn",
    "RadioButtonsGroup", "TextArea", "TextBody", "TextCaption", "TextHeading", "TextInput", "TextSubheading",
    "If", "Switch", "DocumentPicker", "PhotoPicker", "RichText", "CalendarPicker", "NavigationList",
    "ChipsSelector", "ImageCarousel",
)
#: Components that must sit in a Form up to version 3.1 (formatAJVError's ``A``).
_FORM_COMPONENTS = (
    "TextArea", "TextInput", "CheckboxGroup", "RadioButtonsGroup", "Dropdown", "DatePicker", "OptIn",
    "CalendarPicker", "NavigationList", "ChipsSelector",
)
_ACTION_NAMES = ("data_exchange", "navigate", "complete", "update_data", "open_url")
#: ``WAFlowsTypes.WA_FLOWS_LAYOUT_NAMES``: every layout, the 5.2 shopping ones included (the module is not
#: available; the names are :data:`.schema.LAYOUT_NAMES`). With them, the other-layout filter
#: drops the errors of a SingleColumnLayout schema on a shopping layout, which is how Meta's validator accepts
#: an ItemListLayout in 7.3 (recorded: a 7.3 flow with only an ItemListLayout screen is valid).
_LAYOUT_NAMES = tuple(LAYOUT_NAMES.values())
_COMPONENT_REF_PREFIX = "#/$defs/$components/"

#: ``ComponentRefKey`` -> component type (``WAFlowJSONSchemaUtils.getComponentTypeByReferenceKey``).
_COMPONENT_OF_REF_KEY = {
    "$checkbox_group": "CheckboxGroup", "$checkbox_group_no_form": "CheckboxGroup",
    "$radio_buttons_group": "RadioButtonsGroup", "$radio_buttons_group_no_form": "RadioButtonsGroup",
    "$switch": "Switch", "$switch_no_form": "Switch",
    "$date_picker": "DatePicker", "$date_picker_no_form": "DatePicker",
    "$optin": "OptIn", "$optin_no_form": "OptIn",
    "$text_area": "TextArea", "$text_area_no_form": "TextArea",
    "$text_input": "TextInput", "$text_input_no_form": "TextInput",
    "$photo_picker": "PhotoPicker", "$photo_picker_no_form": "PhotoPicker",
    "$document_picker": "DocumentPicker", "$document_picker_no_form": "DocumentPicker",
    "$embedded_link": "EmbeddedLink",
    "$text_body": "TextBody", "$text_caption": "TextCaption", "$text_heading": "TextHeading",
    "$text_subheading": "TextSubheading",
    "$dropdown": "Dropdown", "$dropdown_no_form": "Dropdown",
    "$image": "Image", "$footer": "Footer", "$form": "Form",
    "$if": "If", "$if_no_form": "If",
    "$navigation_list": "NavigationList", "$rich_text": "RichText",
    "$calendar_picker": "CalendarPicker", "$calendar_picker_no_form": "CalendarPicker",
    "$chips_selector": "ChipsSelector", "$chips_selector_no_form": "ChipsSelector",
    "$image_carousel": "ImageCarousel",
}

#: Where Meta points when it has no position: line 0, column 0 (``getWAFlowJSONDefaultErrorPointer``).
NOWHERE = Span(0, 0, 0, 0)

# --- JavaScript's semantics, as far as Meta's code relies on them ---------------------------------------------


class _Undefined:
    """JavaScript's ``undefined`` (a missing property), told apart from ``null`` (``None``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED: Any = _Undefined()


class _JsTypeError(Exception):
    """The TypeError JavaScript throws on reading a property of null or undefined."""

    def __init__(self, message: str, path: JsonPath) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


def _nullish(value: Any) -> bool:
    """``value == null`` in JavaScript."""
    return value is None or value is UNDEFINED


_ARRAY_INDEX = re.compile(r"(?:0|[1-9][0-9]*)\Z")


def _js_property(value: Any, key: str) -> Any:
    """``value[key]`` for a JSON value that is not null or undefined (own data only, no prototype)."""
    if isinstance(value, dict):
        return value.get(key, UNDEFINED)
    if isinstance(value, (list, str)):
        if key == "length":
            return len(value) if isinstance(value, list) else len(value.encode("utf-16-le", "surrogatepass")) // 2
        if _ARRAY_INDEX.match(key):
            index = int(key)
            if isinstance(value, list):
                return value[index] if index < len(value) else UNDEFINED
            units = value.encode("utf-16-le", "surrogatepass")
            if 2 * index < len(units):
                return units[2 * index:2 * index + 2].decode("utf-16-le", "surrogatepass")
    return UNDEFINED


class _Node:
    """A value of the flow as Meta's code reads it, with the path of the nearest value that exists.

    Reading a property of ``null`` or ``undefined`` raises JavaScript's TypeError, with that path, so that
    the error Meta answers can point at the value it could not read."""

    __slots__ = ("value", "path")

    def __init__(self, value: Any, path: JsonPath) -> None:
        self.value = value
        self.path = path

    def get(self, key: Any) -> _Node:
        key = _js_string(key)
        value = self.value
        if _nullish(value):
            kind = "null" if value is None else "undefined"
            raise _JsTypeError(f"Cannot read properties of {kind} (reading '{key}')", self.path)
        child = _js_property(value, key)
        if child is UNDEFINED or not isinstance(value, (dict, list)) or key == "length":
            return _Node(child, self.path)  # no member of the flow: keep the path of the value read
        return _Node(child, self.path + ((int(key) if isinstance(value, list) else key),))


def _js_number_text(number: float | int) -> str:
    """``String(number)``: JavaScript's shortest round-trip form (``1``, ``0.5``, ``1e+21``, ``1e-7``)."""
    if isinstance(number, int) and abs(number) < 2**53:
        return str(number)
    number = float(number)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    if number < 0:
        return "-" + _js_number_text(-number)
    _, digits_tuple, exponent = Decimal(repr(number)).normalize().as_tuple()
    digits = "".join(map(str, digits_tuple))
    k = len(digits)
    n = int(exponent) + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def _js_string(value: Any) -> str:
    """``String(value)`` (and what ``"" + value`` gives) for JSON values."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _js_number_text(value)
    if isinstance(value, list):
        return _js_join(value, ",")
    return "[object Object]"


def _js_join(values: Sequence[Any], separator: str) -> str:
    """``Array.prototype.join``: null and undefined items are empty."""
    return separator.join("" if _nullish(v) else _js_string(v) for v in values)


def _js_includes(values: Sequence[Any], value: Any) -> bool:
    """``Array.prototype.includes`` (SameValueZero) on JSON values."""
    for item in values:
        if isinstance(item, bool) or isinstance(value, bool):
            if type(item) is type(value) and item == value:
                return True
        elif isinstance(item, (int, float)) and isinstance(value, (int, float)):
            if item == value:
                return True
        elif isinstance(item, (str, type(None))) or isinstance(value, (str, type(None))):
            if type(item) is type(value) and item == value:
                return True
        elif item is value:
            return True
    return False


def _strictly_equal(a: Any, b: Any) -> bool:
    """``a === b`` on JSON values (objects and arrays by identity)."""
    return _js_includes((a,), b)


# JavaScript's white space and line terminators (what ``trim`` removes and ``Number`` ignores).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\Z")
_JS_RADIX = re.compile(r"0[xX][0-9a-fA-F]+\Z|0[oO][0-7]+\Z|0[bB][01]+\Z")
_JS_FLOAT_PREFIX = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")


def _js_trim(text: str) -> str:
    return text.strip(_JS_SPACE)


def _js_is_nan(text: str) -> bool:
    """``isNaN(text)`` for a string: true when ``Number(text)`` is not a number ("" and " " are 0)."""
    text = _js_trim(text)
    return not (text == "" or _JS_DECIMAL.match(text) or _JS_RADIX.match(text))


def _js_parse_float(value: Any) -> float:
    """``parseFloat(value)``: the longest decimal prefix of ``String(value)``, else NaN."""
    match = _JS_FLOAT_PREFIX.match(_js_trim(_js_string(value)))
    if not match:
        return math.nan
    return float(match.group().replace("Infinity", "inf"))


def _js_substring(text: str, start: int, end: int) -> str:
    """``String.prototype.substring``: negative bounds are 0 and reversed bounds swap."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if start > end:
        start, end = end, start
    return text[start:end]


def _js_regex(pattern: str) -> re.Pattern[str]:
    """A JavaScript regular expression without flags, as Python reads it: ASCII ``\\d``, ``.*`` stops at
    every line terminator, ``$`` only at the very end (the patterns of this module use ``.`` only in ``.*``)."""
    pattern = pattern.replace(".*", "[^\n\r\u2028\u2029]*").replace("$", r"\Z")
    return re.compile(pattern, re.ASCII)


# --- Meta's messages (WAFlowJSONValidationError.WA_FLOW_JSON_VALIDATION_ERROR_MESSAGE) --------------------------


def missing_property_message(name: Any) -> str:
    """Meta: ``getMissingPropertyErrorMsg``."""
    return f"Required property '{_js_string(name)}' is missing."


def invalid_property_message(name: Any, component: Any, at_root: bool) -> str:
    """Meta: ``getInvalidPropertyErrorMsg``."""
    if name == "data_channel_uri" and at_root:
        return ("Property 'data_channel_uri' is no longer supported in Flow JSON as of version '3.0'. Please "
                "configure your endpoint URI using Flows API or Builder. Refer Flows documentation at "
                f"{_DOCS_URL} for more information.")
    if not _nullish(component):
        return f"Property '{_js_string(name)}' is not allowed in '{_js_string(component)}' component."
    return f"Property '{_js_string(name)}' is not allowed."


def invalid_property_value_message(name: Any, expected: Sequence[Any] | None) -> str:
    """Meta: ``getInvalidPropertyValueErrorMsg``."""
    message = f"Invalid value found for property '{_js_string(name)}'."
    if expected:
        if len(expected) == 1:
            return f"{message} Expected '{_js_string(expected[0])}'."
        return f"{message} Expected one of: [{_js_join(expected, ', ')}]."
    return message


def invalid_property_type_message(name: Any, expected: str, found: str) -> str:
    """Meta: ``getInvalidPropertyTypeErrorMsg``."""
    return f"Expected property '{_js_string(name)}' to be of type '{expected}' but found '{found}'."


def min_quantity_message(name: Any, limit: Any, unit: str) -> str:
    """Meta: ``getMinQuantityRequiredErrorMsg``."""
    return f"Property '{_js_string(name)}' should have at least '{_js_string(limit)}' {unit}."


def max_quantity_message(name: Any, limit: Any, unit: str) -> str:
    """Meta: ``getMaxQuantityRequiredErrorMsg``."""
    return f"Property '{_js_string(name)}' should have at most '{_js_string(limit)}' {unit}."


def min_max_message(name: Any, limit: Any, is_minimum: bool) -> str:
    """Meta: ``getMinMaxErrorMsg``."""
    bound = "minimum" if is_minimum else "maximum"
    return f"The {bound} value allowed for property '{_js_string(name)}' is {_js_string(limit)}."


def format_message(name: Any, format_name: Any) -> str:
    """Meta: ``getInvalidPropertyValueFormatErrorMsg``."""
    return f"Property '{_js_string(name)}' should be in '{_js_string(format_name)}' format."


def pattern_tail(pattern: Any, type_name: Any) -> str:
    """What a pattern asks for, in words (the helper ``c`` of WAFlowJSONValidationError)."""
    if pattern in (_SCREEN_ID_PATTERN, _SCREEN_ID_PATTERN_V700):
        return "should only consist of alphabets and underscores."
    if pattern == _DYNAMIC_DATA_PATTERN:
        if not _nullish(type_name):
            return f"should be of type '{_js_string(type_name).lower()}' or have dynamic data format of the form " \
                   "${data.your_value}."
        return "should have dynamic data format of the form ${data.your_value}."
    if pattern in (_DYNAMIC_DATA_PATTERN_V400, _DYNAMIC_DATA_PATTERN_V600):
        if not _nullish(type_name):
            return f"should be of type '{_js_string(type_name).lower()}' or have dynamic data format of the form " \
                   "${screen.data.your_value} or ${data.your_value}."
        return "should have dynamic data format of the form ${screen.data.your_value} or ${data.your_value}."
    if pattern == _BLANK_STRING_NEGATE_PATTERN:
        return "should not be blank or an empty string."
    if pattern == _NEGATED_DYNAMIC_DATA_PATTERN_V400:
        return "should not be dynamic data format of the form ${screen.data.your_value} or ${data.your_value}."
    if pattern == _NEGATED_NESTED_EXPRESSION_PATTERN:
        return "should not be enclosed in backticks."
    return f"should match the pattern '{_js_string(pattern)}'."


def pattern_message(pattern: Any, type_name: Any, prop: Any, name: Any = None) -> str:
    """Meta: ``getInvalidPatternErrorMsg``."""
    if not _nullish(prop):
        return f"Property '{_js_string(prop)}' {pattern_tail(pattern, type_name)}"
    if not _nullish(name):
        return f"'{_js_string(name)}' {pattern_tail(pattern, type_name)}"
    return f"Property {pattern_tail(pattern, type_name)}"


def enum_message(allowed: str) -> str:
    """Meta: ``getInvalidEnumValueErrorMsg``."""
    return f"Value should be one of: [{allowed}]."


def dependencies_message(ajv_message: str, component: Any) -> str:
    """Meta: ``getInvalidDependenciesErrorMsg``."""
    return f"{ajv_message}." if _nullish(component) else f"{_js_string(component)} {ajv_message}."


def not_keyword_message(properties: Any, name: Any, component: Any, at_action: bool) -> str:
    """Meta: ``getNotKeywordErrorMessage``."""
    if properties is not None:
        listed = _js_string(properties)
        if at_action:
            head = f"Property '{listed}' cannot be specified at on-click-action"
            return f"{head} '{_js_string(name)}'." if name is not None else f"{head}."
        if name is not None:
            if not _nullish(component):
                return (f"Properties '{_js_string(name)}' and [{listed}] must be present exclusively at "
                        f"{_js_string(component)}.")
            return f"Properties '{_js_string(name)}' and [{listed}] must be present exclusively."
        return f"Properties [{listed}] must be present exclusively at {_js_string(component)}."
    if name == "success":
        return "Property 'success' can only be specified on a terminal screen."
    return "The NOT keyword schema validation failed. Please refer to the Flow JSON schema."


def missing_form_parent_message(component: Any) -> str:
    """Meta: ``getMissingFormParentPropertyErrorMessage``."""
    return f"Property '{_js_string(component)}' must be defined inside parent property 'Form'."


def generic_message(slash_path: str, ajv_message: str | None) -> str:
    """formatAJVError's message for a keyword it does not translate (code ``INVALID_SCHEMA``)."""
    said = f"{ajv_message}. " if ajv_message is not None else ""
    return f"Error at [{slash_path}]: {said}Please refer to the Flow JSON schema."


# --- Meta's slash paths ----------------------------------------------------------------------------------------


def slash_path(data_path: str) -> str:
    """Ajv's data path as Meta's registry and pointer map key it (formatAJVError's ``ee``):
    ``.screens[0]['on-click-action']`` -> ``/screens/0/on-click-action`` (a key's own dots become slashes)."""
    return data_path.replace(".", "/").replace("[", "/").replace("'", "").replace("]", "")


def prop_name(slash: str) -> str:
    """The property a message names (formatAJVError's ``ue``): the last key, or ``parent/index`` for an item.

    A last step counts as an index when JavaScript's ``isNaN`` says it is a number ("", "1e3", "Infinity")."""
    steps = slash.split("/")
    last = steps.pop()
    if _js_is_nan(last):
        return last
    return f"{steps.pop()}/{last}" if steps else ""


_COMPONENT = _js_regex(r"^/screens/\d+/layout/children/\d+$")
_IN_COMPONENT = _js_regex(r"^/screens/\d+/layout/children/\d+(/.*)?$")
_IN_NESTED_COMPONENT = _js_regex(r"^/screens/\d+/layout/children/\d+/children/\d+(/.*)?$")
_NESTED_COMPONENT = _js_regex(r"^/screens/\d+/layout/children/\d+/children/\d+$")
_IN_IF_BRANCH = tuple(_js_regex(p) for p in (
    r"^/screens/\d+/layout/children/\d+/then/\d+(/.*)?",
    r"^/screens/\d+/layout/children/\d+/children/\d+/then/\d+(/.*)?",
    r"^/screens/\d+/layout/children/\d+/else/\d+(/.*)?",
    r"^/screens/\d+/layout/children/\d+/children/\d+/else/\d+(/.*)?",
))
_IN_SWITCH_CASE = tuple(_js_regex(p) for p in (
    r"^/screens/\d+/layout/children/\d+/cases/[a-zA-Z][a-zA-Z0-9-]*/\d+(/.*)?",
    r"^/screens/\d+/layout/children/\d+/children/\d+/cases/[a-zA-Z][a-zA-Z0-9-]*/\d+(/.*)?$",
))
_ANY_SCREEN = _js_regex(r"/screens/(\d+)(/.*)?")
_ANY_COMPONENT = _js_regex(r"/screens/(\d+)/layout/children/(\d+)(/.*)?")
_ANY_NESTED_COMPONENT = _js_regex(r"/screens/(\d+)/layout/children/(\d+)/children/(\d+)(/.*)?")


def is_component(slash: str) -> bool:
    """A top-level component of a screen's layout (``te``)."""
    return bool(_COMPONENT.match(slash))


def is_in_component(slash: str) -> bool:
    """A top-level component or anything inside one (``ne``)."""
    return bool(_IN_COMPONENT.match(slash))


def is_in_nested_component(slash: str) -> bool:
    """A component's child component or anything inside it (``re``)."""
    return bool(_IN_NESTED_COMPONENT.match(slash))


def is_nested_component(slash: str) -> bool:
    """A component's child component (``oe``)."""
    return bool(_NESTED_COMPONENT.match(slash))


def is_in_if_branch(slash: str) -> bool:
    """Inside an ``If``'s ``then`` or ``else`` (``ae``)."""
    return any(p.match(slash) for p in _IN_IF_BRANCH)


def is_in_switch_case(slash: str) -> bool:
    """Inside a ``Switch``'s case (``ie``)."""
    return any(p.match(slash) for p in _IN_SWITCH_CASE)


# --- Meta's pointer map (WAFlowJSONLineColumnPointerUtil) ----------------------------------------------------


class _PointerMap:
    """Which slash paths Meta's pointer map holds, and whether each entry has a key position.

    Meta's map has the root (value only), every object member (key and value) and every array item (value
    only), keyed by the path of the keys *as written in the text* joined with ``/``; a later entry replaces
    an earlier one with the same key, in Meta's order (a member after everything inside it). ``raw_key``
    gives a member's key as written; without it, a key is taken as written with JSON's minimal escapes (a
    quote, a backslash or a control character escaped, nothing else)."""

    __slots__ = ("_doc", "_raw_key", "_entries")

    def __init__(self, doc: Any, raw_key: Callable[[JsonPath], str] | None) -> None:
        self._doc = doc
        self._raw_key = raw_key
        self._entries: dict[str, tuple[JsonPath, bool]] | None = None

    def get(self, slash: str) -> tuple[JsonPath, bool] | None:
        if self._entries is None:
            self._entries = {}
            self._add(self._doc, "", ())
            self._entries[""] = ((), False)
        return self._entries.get(slash)

    def _add(self, value: Any, slash: str, path: JsonPath) -> None:
        entries = self._entries
        assert entries is not None
        if isinstance(value, dict):
            for key, item in value.items():
                member = path + (key,)
                written = self._raw_key(member) if self._raw_key is not None else _minimal_escape(key)
                child = f"{slash}/{written}"
                self._add(item, child, member)
                entries[child] = (member, True)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                child = f"{slash}/{index}"
                self._add(item, child, path + (index,))
                entries[child] = (path + (index,), False)


_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')


def _minimal_escape(key: str) -> str:
    """A key as JSON writes it with the fewest escapes (``JSON.stringify``, ``json.dumps``)."""
    if not _NEEDS_ESCAPE.search(key):
        return key
    return json.dumps(key, ensure_ascii=False)[1:-1]


def raw_keys(text: str, key_span: Callable[[JsonPath], Span | None]) -> Callable[[JsonPath], str] | None:
    """The keys of a flow as written in ``text`` (``key_span``: the source map's), for :func:`translate`;
    None when the text has no escape at all (every key is then written as it reads)."""
    if "\\" not in text:
        return None

    def raw_key(path: JsonPath) -> str:
        span = key_span(path)
        if span is None or span.start < 0:
            return _minimal_escape(str(path[-1]))
        return text[span.start + 1:span.end - 1]

    return raw_key


def _added_key_path(path: JsonPath, key: str) -> JsonPath:
    """The path Meta reports for a key it names (an unknown property, a bad property name).

    Meta writes the object's data path, ``.`` and the key as it is (``routing_model.a.b`` for the key
    ``a.b``, ``x.''`` or ``x.`` for the empty key). This gives the path that flowlint writes the same way
    (``("routing_model", "a", "b")``), and the real path where flowlint's notation cannot say it: the empty
    key (``x['']``) and a key that does not read as a path."""
    if key == "":
        return path + (key,)
    try:
        return path + parse_path("." + key)
    except ValueError:
        return path + (key,)


# --- Meta's registry of reported errors (formatAJVError's module-level map ``O``) ---------------------------------


class _Registry:
    """slash path -> code -> the values reported with it (an ordered set): what formatAJVError already said."""

    __slots__ = ("_by_path",)

    def __init__(self) -> None:
        self._by_path: dict[str, dict[str, dict[str, None]]] = {}

    def has(self, slash: str, code: str) -> bool:
        """Meta: ``U``."""
        codes = self._by_path.get(slash)
        return codes is not None and code in codes

    def values(self, slash: str, code: str) -> list[str]:
        """Meta: ``V``."""
        return list(self._by_path.get(slash, {}).get(code, ()))

    def first_type(self, slash: str) -> str | None:
        """The first type named by an INVALID_PROPERTY_TYPE at this path (Meta: ``le``)."""
        values = self._by_path.get(slash, {}).get(INVALID_PROPERTY_TYPE)
        return next(iter(values), None) if values is not None else None

    def record(self, slash: str, code: str, value: str | None) -> None:
        """Meta: ``H``. Recording a code again without a value empties the code's set."""
        codes = self._by_path.get(slash)
        if codes is None:
            self._by_path[slash] = {code: {} if value is None else {value: None}}
        elif value is not None and code in codes:
            codes[code][value] = None
        else:
            codes[code] = {} if value is None else {value: None}


# --- the translation -----------------------------------------------------------------------------------------


class _Found:
    """One translated error before merging: Meta's code and message, and its pointer."""

    __slots__ = ("code", "message", "pointer")

    def __init__(self, code: str, message: str, pointer: Pointer) -> None:
        self.code = code
        self.message = message
        self.pointer = pointer


class _LoggedRegistry:
    """The registry as one group of errors uses it: which slash paths it reads or writes, what it writes, and
    whether one of those paths held something before the group (its answer then depends on that)."""

    __slots__ = ("inner", "touched", "writes", "clean")

    def __init__(self, inner: _Registry) -> None:
        self.inner = inner
        self.touched: dict[str, None] = {}
        self.writes: list[tuple[str, str, str | None]] = []
        self.clean = True

    def _touch(self, slash: str) -> None:
        if slash not in self.touched:
            self.touched[slash] = None
            if slash in self.inner._by_path:
                self.clean = False

    def has(self, slash: str, code: str) -> bool:
        self._touch(slash)
        return self.inner.has(slash, code)

    def values(self, slash: str, code: str) -> list[str]:
        self._touch(slash)
        return self.inner.values(slash, code)

    def first_type(self, slash: str) -> str | None:
        self._touch(slash)
        return self.inner.first_type(slash)

    def record(self, slash: str, code: str, value: str | None) -> None:
        self._touch(slash)
        self.writes.append((slash, code, value))
        self.inner.record(slash, code, value)


class _LoggedPointers:
    """The pointer map as one group of errors uses it: the entry it found at each slash path it looked up."""

    __slots__ = ("inner", "lookups")

    def __init__(self, inner: _PointerMap) -> None:
        self.inner = inner
        self.lookups: dict[str, tuple[JsonPath, bool] | None] = {}

    def get(self, slash: str) -> tuple[JsonPath, bool] | None:
        entry = self.lookups[slash] = self.inner.get(slash)
        return entry


class _NotRelative(Exception):
    """A group's answer reaches outside its item: it is not memoised."""


class _GroupRecord:
    """The translation of one group of an item's errors, relative to the item (its path and slash path):
    what it read (registry paths, pointer-map entries), what it wrote, what it found."""

    __slots__ = ("touched", "lookups", "writes", "found")

    def __init__(self, group: ErrorGroup, slash: str, registry: _LoggedRegistry, pointers: _LoggedPointers,
                 found: Sequence[_Found]) -> None:
        n = len(group.path)

        def relative_slash(key: str) -> str:
            if not key.startswith(slash):
                raise _NotRelative(key)
            return key[len(slash):]

        def relative_path(path: JsonPath) -> JsonPath:
            if path[:n] != group.path:
                raise _NotRelative(path)
            return path[n:]

        self.touched = tuple(relative_slash(key) for key in registry.touched)
        self.lookups = tuple((relative_slash(key), None if entry is None else (relative_path(entry[0]), entry[1]))
                             for key, entry in pointers.lookups.items())
        self.writes = tuple((relative_slash(key), code, value) for key, code, value in registry.writes)
        self.found = tuple(
            (item.code, item.message,
             replace(item.pointer, path=relative_path(item.pointer.path),
                     at=None if item.pointer.at is None else relative_path(item.pointer.at)))
            for item in found)

    def replay(self, formatter: _Formatter, group: ErrorGroup, found: list[_Found]) -> bool:
        """The recorded answer for ``group``, if what it would read is what the record read (else False)."""
        slash = slash_path(group.data_path)
        path = group.path
        written = formatter.registry._by_path
        for key in self.touched:
            if slash + key in written:
                return False
        pointers = formatter.pointers
        for key, expected in self.lookups:
            entry = pointers.get(slash + key)
            if expected is None:
                if entry is not None:
                    return False
            elif entry is None or entry[1] != expected[1] or entry[0] != path + expected[0]:
                return False
        record = formatter.registry.record
        for key, code, value in self.writes:
            record(slash + key, code, value)
        for code, message, pointer in self.found:
            found.append(_Found(code, message, Pointer(
                path=path + pointer.path, target=pointer.target, span=pointer.span,
                at=None if pointer.at is None else path + pointer.at, fix=pointer.fix)))
        return True


#: A group whose answer names its index or reaches outside its item: translated error by error.
_REFUSED: Any = object()


def _memoised_list(path: JsonPath) -> str | None:
    """Whether the items' groups of the list at ``path`` are memoised (see the module docstring): "children"
    for a screen's ``layout/children`` or a top-level component's ``children``, "branch" for an ``If``'s
    ``then`` or ``else`` in one of these, None for any other list."""
    if not (len(path) >= 4 and path[0] == "screens" and type(path[1]) is int and path[2] == "layout"
            and path[3] == "children"):
        return None
    rest = path[4:]
    if not rest or len(rest) == 2 and type(rest[0]) is int and rest[1] == "children":
        return "children"
    if (len(rest) == 2 or len(rest) == 4 and rest[1] == "children" and type(rest[2]) is int) \
            and type(rest[0]) is int and rest[-1] in ("then", "else"):
        return "branch"
    return None


def _names_no_index(message: str, slash: str, item_slash: str) -> bool:
    """Whether a kept error's message (of an error at ``slash``, in the item at ``item_slash``) is free of the
    item's index: it holds neither the slash path nor a property name that ends at the item's index."""
    if item_slash in message:
        return False
    steps = slash[len(item_slash):].split("/")[1:]
    if not steps or len(steps) == 1 and not _js_is_nan(steps[0]):
        return prop_name(slash) not in message
    return True


class _Formatter:
    """Meta: ``WAFlowJSONSchemaValidator.formatAJVError`` for one flow."""

    def __init__(self, doc: Any, version: int, schema: dict[str, Any],
                 raw_key: Callable[[JsonPath], str] | None, *, memo: bool = True) -> None:
        self.doc = doc
        self.version = version
        self.schema = schema
        self.registry: Any = _Registry()  # a _LoggedRegistry while a group is recorded
        self.pointers: Any = _PointerMap(doc, raw_key)
        self._last_types: dict[str, Any] = {}
        self._groups: dict[tuple[Any, JsonPath], Any] | None = {} if memo else None
        self.owners_asked = 0  # calls of component_type_at, which reads the flow at the path's indices

    # -- groups of repeated items -----------------------------------------------------------------------

    def format_group(self, group: ErrorGroup, found: list[_Found]) -> None:
        """The translation of a repeated item's errors, appended to ``found``: replayed when it can be."""
        memo = self._groups
        key = (group.template, group.path[:-1])
        kind = _memoised_list(key[1]) if memo is not None else None
        if memo is None or kind is None:
            self.format_entries(group, found)
            return
        known = memo.get(key)
        if known is None:
            self.record_group(group, key, kind == "branch", found)
        elif known is _REFUSED or not known.replay(self, group, found):
            self.format_entries(group, found)

    def format_entries(self, group: ErrorGroup, found: list[_Found]) -> None:
        for entry in group.entries():
            if isinstance(entry, ErrorGroup):
                self.format_group(entry, found)
            else:
                item = self.format(entry)
                if item is not None:
                    found.append(item)

    def record_group(self, group: ErrorGroup, key: tuple[Any, JsonPath], in_branch: bool,
                     found: list[_Found]) -> None:
        """Translates the group error by error, and keeps the answer for the next copies of the item (in an
        ``If`` branch, unless it asked which component owns a path: that reads the other branch)."""
        registry, pointers = self.registry, self.pointers
        owners_asked = self.owners_asked
        logged_registry, logged_pointers = _LoggedRegistry(registry), _LoggedPointers(pointers)
        self.registry, self.pointers = logged_registry, logged_pointers
        start = len(found)
        item_slash = slash_path(group.data_path)
        index_free = True
        try:
            for error in group.errors():
                item = self.format(error)
                if item is not None:
                    found.append(item)
                    index_free = index_free and _names_no_index(item.message, slash_path(error.data_path),
                                                                item_slash)
        finally:
            self.registry, self.pointers = registry, pointers
        assert self._groups is not None
        if not index_free or in_branch and self.owners_asked != owners_asked:
            self._groups[key] = _REFUSED
        elif logged_registry.clean:  # else the answer depends on what an earlier error said: try the next copy
            try:
                self._groups[key] = _GroupRecord(group, item_slash, logged_registry, logged_pointers,
                                                 found[start:])
            except _NotRelative:
                self._groups[key] = _REFUSED

    # -- pointers ----------------------------------------------------------------------------------------

    def pointer(self, entry: tuple[JsonPath, bool] | None, part: str, reported: JsonPath) -> Pointer:
        """The pointer of Meta's ``{...entry[part], path}``, or line 0 when there is no such position."""
        if entry is None or (part == "key" and not entry[1]):
            return Pointer(reported, "value", span=NOWHERE)
        return Pointer(reported, "key" if part == "key" else "value", at=None if entry[0] == reported else entry[0])

    # -- one error ----------------------------------------------------------------------------------------

    # Long on purpose: Meta's formatAJVError ported branch for branch, so that it can be read against Meta's.
    def format(self, error: AjvError) -> _Found | None:
        slash = slash_path(error.data_path)
        if self.should_drop(error, slash):
            return None
        code = INVALID_SCHEMA
        message = generic_message(slash, error.message)
        registry_code: str | None = None
        registry_value: str | None = None
        name = prop_name(slash)
        entry = self.pointers.get(slash)
        part: str | None = None  # which position of the entry Meta takes; None: line 0
        reported = error.path
        named: JsonPath | None = None  # the member whose key Meta names (unknown property, bad name)
        keyword = error.keyword
        params = error.params or {}
        data = error.data

        if keyword == "additionalProperties":
            key = params.get("additionalProperty")
            if key is not None and data is not None:
                component = _schema_type_const(error.parent_schema)
                message = invalid_property_message(key, component, error.data_path == "")
                slash = f"{slash}/{key}"
                named, reported = error.path + (key,), _added_key_path(error.path, key)
                entry = self.pointers.get(slash)
            code, part = INVALID_PROPERTY_KEY, "key"
        elif keyword == "const":
            allowed = None
            if name == "type":
                slash = slash.replace("/type", "", 1)
                registry_code = INVALID_TYPE_PROPERTY_VALUE
            else:
                allowed = _js_string(params.get("allowedValue"))
            code = INVALID_PROPERTY_VALUE
            message = invalid_property_value_message(name, [allowed] if allowed is not None else None)
            part = "value"
        elif keyword == "required":
            missing = params.get("missingProperty")
            if missing is not None:
                message = missing_property_message(missing)
                registry_value = missing
                if missing == "type":
                    registry_code = MISSING_REQUIRED_TYPE_PROPERTY
            code, part = MISSING_REQUIRED_PROPERTY, "value"
        elif keyword == "type":
            found = js_type(data)
            code = INVALID_PROPERTY_TYPE
            message = invalid_property_type_message(name, _js_string(error.schema), found)
            registry_value = _type_registry_value(error.schema)
            part = "value"
        elif keyword in ("minItems", "maxItems"):
            limit = params.get("limit")
            if limit is not None and _js_parse_float(limit) > 0:
                unit = "items" if _js_parse_float(limit) > 1 else "item"
                build = min_quantity_message if keyword == "minItems" else max_quantity_message
                message = build(name, limit, unit)
            code = MIN_ITEMS_REQUIRED if keyword == "minItems" else MAX_ITEMS_REQUIRED
            part = "value"
        elif keyword == "format":
            format_name = params.get("format")
            if format_name is not None:
                if format_name == "uri" and is_valid_http_url(_js_trim(_js_string(data))):
                    return None
                message = format_message(name, format_name)
            code, part = INVALID_PROPERTY_VALUE_FORMAT, "value"
        elif keyword == "minLength":
            limit = params.get("limit")
            if limit is not None:
                message = min_quantity_message(name, limit, "character(s)")
            code, part = MIN_CHARS_REQUIRED, "value"
        elif keyword == "propertyNames":
            key = params.get("propertyName")
            if key is not None:
                pattern = _get_in(error.parent_schema, "propertyNames", "pattern")
                if not _nullish(pattern):
                    message = pattern_message(pattern, None, None, key)
                slash = f"{slash}/{key}"
                named, reported = error.path + (key,), _added_key_path(error.path, key)
                entry = self.pointers.get(slash)
            code, part = PATTERN_MISMATCH, "key"
        elif keyword == "pattern":
            pattern = _get_in(error.parent_schema, "pattern")
            if not _nullish(pattern):
                type_name: str | None = self.registry.first_type(slash)
                if type_name is None and name in ("required", "enabled", "visible"):
                    type_name = "boolean"
                message = pattern_message(_js_string(pattern), type_name, name)
            code, part = PATTERN_MISMATCH, "value"
        elif keyword == "enum":
            allowed_values = params.get("allowedValues")
            if allowed_values is not None:
                message = enum_message(_js_join(allowed_values, ", "))
            code, part = INVALID_ENUM_VALUE, "value"
        elif keyword == "dependencies":
            if error.message is not None and data is not None:
                message = dependencies_message(error.message, _Node(data, error.path).get("type").value)
            code, part = INVALID_DEPENDENCIES, "value"
        elif keyword == "not":
            code = NOT_KEYWORD_SCHEMA_VALIDATION_FAILED
            message, slash, entry, part = self.not_keyword(error, slash, entry)
        elif keyword in ("minimum", "maximum"):
            limit = params.get("limit")
            if limit is not None:
                message = min_max_message(name, limit, keyword == "minimum")
            code = MINIMUM_VALUE_REQUIRED if keyword == "minimum" else MAXIMUM_VALUE_REQUIRED
            part = "value"
        elif keyword == "oneOf":
            one_of = self.one_of(error, slash, message)
            if one_of is None:
                return None
            message, entry = one_of
            code, part = ONE_OF_SCHEMA_VALIDATION_FAILED, "value"

        self.registry.record(slash, registry_code or code, registry_value)
        pointer = self.pointer(entry, part, reported) if part is not None else Pointer(reported, span=NOWHERE)
        if named is not None and named != reported and pointer.at is None:
            pointer = replace(pointer, at=named)  # which member Meta names, even where it gives no position
        return _Found(code, message, pointer)

    def not_keyword(self, error: AjvError, slash: str, entry: tuple[JsonPath, bool] | None
                    ) -> tuple[str, str, tuple[JsonPath, bool] | None, str]:
        """The ``not`` branch of formatAJVError: which properties must not be there, and where."""
        schema = error.schema if isinstance(error.schema, dict) else {}
        properties = schema.get("anyOf", UNDEFINED)
        properties = None if _nullish(properties) else properties
        if properties is None:
            required = schema.get("required", UNDEFINED)
            properties = None if _nullish(required) else required
        component = _Node(error.data, error.path).get("type").value
        name: str | None = None
        if isinstance(properties, list) and len(properties) > 0:
            properties = _js_join([_required_or_self(p) for p in properties], ",")
        steps = error.schema_path.split("/")
        part = "value"
        at_action = False
        if len(steps) >= 2:
            name = steps[-2]
            if properties is not None and "on-click-action" in steps:
                action = _Node(error.data, error.path).get("name").value if not _nullish(error.data) else UNDEFINED
                name = name if _nullish(action) else action
                slash = f"{slash}/{_js_string(properties)}"
                entry = self.pointers.get(slash)
                part = "key"
                at_action = True
        return not_keyword_message(properties, name, component, at_action), slash, entry, part

    def one_of(self, error: AjvError, slash: str, message: str) -> tuple[str, tuple[JsonPath, bool] | None] | None:
        """Meta: ``q``. A component whose ``type`` no branch accepts; None drops the error."""
        entry = self.pointers.get(slash)
        if error.data is None:
            return None
        component = _Node(error.data, error.path).get("type").value
        if is_component(slash) and self.version <= 301 and _is_form_component_in_screen(slash, component):
            message = missing_form_parent_message(component)
        elif not _nullish(component):
            if self.branch_has_type(component, error.schema):
                return None
            consts = [c for c in (_get_in(b, "const") for b in (error.schema or ()))
                      if isinstance(c, (str, list)) and len(c) > 0]
            message = invalid_property_value_message("type", consts)
            entry = self.pointers.get(f"{slash}/type")
        else:
            return None
        return message, entry

    def branch_has_type(self, component: Any, branches: Any) -> bool:
        """Does a branch (a component schema, maybe by reference) declare this ``type``? (Meta: ``de``)"""
        if not isinstance(branches, list):
            return False
        for branch in branches:
            if branch is None:
                continue
            ref = branch.get("$ref") if isinstance(branch, dict) else None
            if isinstance(ref, str) and ref.startswith(_COMPONENT_REF_PREFIX):
                branch = _get_in(self.schema, "$defs", "$components", ref[len(_COMPONENT_REF_PREFIX):])
                if _nullish(branch):
                    branch = {"properties": {}}
            const = _get_in(branch, "properties", "type", "const")
            if not _nullish(const) and _strictly_equal(const, component):
                return True
        return False

    # -- the filters --------------------------------------------------------------------------------------

    def should_drop(self, error: AjvError, slash: str) -> bool:
        """Meta: ``z``. Does an earlier error (or the flow's shape) make this one a repeat?"""
        name = prop_name(slash)
        if _is_other_layout(error, slash, name) or self.is_container_or_foreign_component(error, slash):
            return True
        repeat = _REPEAT_CODE_OF_KEYWORD.get(error.keyword)
        if repeat is not None and self.registry.has(slash, repeat):
            return True
        verdict = self.drop_by_keyword(error, slash, name)
        if verdict is not None:
            return verdict
        data, parent = error.data, error.parent_schema
        if (is_in_component(slash) and isinstance(parent, dict) and "properties" in parent
                and isinstance(data, dict) and "type" in data):
            const = _get_in(parent, "properties", "type", "const")
            return not _nullish(const) and not _strictly_equal(data["type"], const)
        return False

    def drop_by_keyword(self, error: AjvError, slash: str, name: str) -> bool | None:
        """Meta: ``j``. The keyword's own repeat rules; None: no verdict."""
        keyword, data, params = error.keyword, error.data, error.params or {}
        has = self.registry.has
        if keyword in ("if", "anyOf"):
            return True
        if keyword == "not":
            action = _Node(data, error.path).get("name").value
            required = _get_in(error.parent_schema, "not", "required")
            first = "" if required is UNDEFINED else _Node(required, error.path).get("0").value
            return has(slash, NOT_KEYWORD_SCHEMA_VALIDATION_FAILED) or _names_unknown_action(first, action)
        if keyword == "required":
            missing = params.get("missingProperty")
            if (has(slash, MISSING_REQUIRED_TYPE_PROPERTY) and name != "layout"
                    or has(slash, MISSING_REQUIRED_PROPERTY)
                    and (missing == "next" or missing is not None
                         and missing in self.registry.values(slash, MISSING_REQUIRED_PROPERTY))):
                return True
            return None
        if keyword == "const":
            return self.drop_const(error, slash, name)
        if keyword == "additionalProperties":
            key = params.get("additionalProperty")
            if key is not None and has(f"{slash}/{key}", INVALID_PROPERTY_KEY):
                return True
            return None
        if keyword == "pattern":
            if "propertyNames/pattern" in error.schema_path or has(slash, PATTERN_MISMATCH):
                return True
            return None
        if keyword == "type":
            if (has(slash, INVALID_PROPERTY_TYPE)
                    or name in ("data-source", "list-items") and isinstance(data, list)
                    or name == "error-messages" and (isinstance(data, dict) or data is None)):
                return True
            return None
        if keyword == "enum":
            if (self.is_footer_action_enum_repeat(error, slash) or self.is_media_size_enum_repeat(error, slash)
                    or has(slash, INVALID_ENUM_VALUE)):
                return True
            return None
        if keyword == "oneOf":
            if has(slash, INVALID_PROPERTY_VALUE) or has(slash, INVALID_TYPE_PROPERTY_VALUE):
                return True
            return None
        return None

    def drop_const(self, error: AjvError, slash: str, name: str) -> bool | None:
        """Meta: ``Q``. A wrong ``type`` const is a repeat of the component's own error."""
        has = self.registry.has
        data, parent = error.data, error.parent_schema
        if has(slash, INVALID_PROPERTY_VALUE):
            return True
        if name == "type":
            owner = slash.replace("/type", "", 1)
            if (has(owner, INVALID_PROPERTY_KEY) or has(owner, INVALID_TYPE_PROPERTY_VALUE)
                    or (is_component(owner) or is_in_nested_component(owner)) and _js_includes(_COMPONENT_TYPES, data)
                    or _strictly_equal(data, "SingleColumnLayout")):
                return True
        if isinstance(parent, dict) and "const" in parent and (
                is_component(slash) or is_nested_component(slash) or is_in_if_branch(slash)
                or is_in_switch_case(slash)):
            return not _strictly_equal(data, parent["const"])
        return None

    def is_container_or_foreign_component(self, error: AjvError, slash: str) -> bool:
        """Meta: ``ve``. A typeless object with children, or a ChipsSelector checked against another
        component's schema."""
        data = error.data
        if isinstance(data, dict) and "type" not in data and "children" in data:
            return error.keyword != "required"
        if "components" in error.schema_path:
            return self.is_chips_selector_mismatch(error, slash)
        return False

    def is_chips_selector_mismatch(self, error: AjvError, slash: str) -> bool:
        """Meta: ``be``: the last ``type`` on the path is ChipsSelector, the schema is another component's."""
        found = self.last_type_on_path(slash)  # first: it may throw
        return (_strictly_equal(found, "ChipsSelector")
                and _COMPONENT_OF_REF_KEY.get(_component_ref_key_of_schema_path(error.schema_path)) != "ChipsSelector")

    def last_type_on_path(self, slash: str) -> Any:
        """Meta: ``ye``. Walks the flow along the slash path and keeps the last ``type`` it sees (this reads
        ``.type`` of every step: a ``null`` on the way throws). Remembered per path: the branches of one
        ``oneOf`` ask for the same path many times."""
        found = self._last_types.get(slash, UNDEFINED)
        if found is UNDEFINED:
            found = self._last_types[slash] = self._walk_types(slash)
        return found

    def _walk_types(self, slash: str) -> Any:
        start = slash.find("/") + 1
        node = _Node(self.doc, ())
        found: Any = ""
        while start < len(slash):
            end = slash.find("/", start)
            if end < 0:
                end = len(slash)
            node = node.get(slash[start:end])
            kind = node.get("type").value
            if not _nullish(kind):
                found = kind
            start = end + 1
        return found

    def is_footer_action_enum_repeat(self, error: AjvError, slash: str) -> bool:
        """Meta: ``fe``. An action name's enum error of a Footer, or of open_url where it is not offered."""
        params, schema_path, data = error.params or {}, error.schema_path, error.data
        if self.component_type_at("on-click-action/name", "Footer", slash, nested=True, in_if=True,
                                  in_switch=True):
            if "footer" in schema_path:
                return _js_includes(params.get("allowedValues") or (), data)
            return True
        if (_js_parse_float(_get_in(self.doc, "version")) >= 6.0
                and "on-click-action/properties/name" in schema_path and _strictly_equal(data, "open_url")):
            if "$navigation_list" in schema_path:
                return _js_includes(params.get("allowedValues") or (), data)
            if "EmbeddedLink" not in schema_path or "OptIn" not in schema_path:
                return True
        return False

    def is_media_size_enum_repeat(self, error: AjvError, slash: str) -> bool:
        """Meta: ``ge``. A NavigationList's media-size enum error outside its own schema."""
        params, schema_path, data = error.params or {}, error.schema_path, error.data
        if self.component_type_at("media-size", "NavigationList", slash, nested=True):
            if "$navigation_list" not in schema_path or is_binding_value(data):
                return True
            return _js_includes(params.get("allowedValues") or (), data)
        return (_js_parse_float(_get_in(self.doc, "version")) >= 6.0 and "media-size/enum" in schema_path
                and "NavigationList" not in schema_path)

    def component_type_at(self, suffix: str, component_type: str, slash: str, *, nested: bool = False,
                          in_if: bool = False, in_switch: bool = False) -> bool:
        """Meta: ``Y``. Is the component that owns ``slash`` (ending in ``/suffix``) of this type?"""
        self.owners_asked += 1
        if suffix not in slash:
            return False
        owner = slash[:max(0, len(slash) - len(suffix) - 1)]
        screen = _ANY_SCREEN.search(owner)
        if screen is None:
            return False
        layout = _Node(self.doc, ()).get("screens").get(screen.group(1)).get("layout")
        if _nullish(layout.value):
            return False
        children = layout.get("children")
        component: _Node | None = None
        match = _ANY_COMPONENT.search(owner)
        if match is not None:
            component = children.get(match.group(2))
        if component is None or _nullish(component.value):
            return False
        if is_component(owner):
            return _strictly_equal(component.get("type").value, component_type)
        return _nested_component_type_is(component, owner, component_type, nested, in_if, in_switch)


def _nested_component_type_is(component: _Node, slash: str, component_type: str, nested: bool, in_if: bool,
                              in_switch: bool) -> bool:
    """Meta: ``X``. The same question for a child component, or one in an ``If`` branch or ``Switch`` case."""
    node = component
    if nested and is_in_nested_component(slash):
        match = _ANY_NESTED_COMPONENT.search(slash)
        if match is not None:
            node = node.get("children").get(match.group(3))
            if is_nested_component(slash):
                return _strictly_equal(node.get("type").value, component_type)
    steps = slash.split("/")
    if in_if and is_in_if_branch(slash):
        last = steps[-1]
        return (_strictly_equal(node.get("then").get(last).get("type").value, component_type)
                or _strictly_equal(node.get("else").get(last).get("type").value, component_type))
    if in_switch and is_in_switch_case(slash):
        case, index = steps[-2], steps[-1]
        return _strictly_equal(node.get("cases").get(case).get(index).get("type").value, component_type)
    return False


def _is_other_layout(error: AjvError, slash: str, name: str) -> bool:
    """Meta: ``pe``. An error of another layout's schema: a SingleColumnLayout's on a shopping layout."""
    data = error.data
    layout_type = _get_in(error.parent_schema, "properties", "type", "const")
    if (name == "layout" and isinstance(data, dict) and "type" in data
            and _js_string(layout_type) in _LAYOUT_NAMES and _js_string(data["type"]) in _LAYOUT_NAMES
            and not _strictly_equal(layout_type, data["type"])):
        return True
    if not (isinstance(data, str) and data in _LAYOUT_NAMES):  # the cheap half first: most errors stop here
        return False
    owner = prop_name(slash.replace("/" + name, "", 1))
    schema = error.schema
    return owner == "layout" and _js_string(schema) in _LAYOUT_NAMES and not _strictly_equal(data, schema)


def _names_unknown_action(first_required: Any, action_name: Any) -> bool:
    """Meta: ``_e``. A ``not: {required: [next|url]}`` error on an action whose name is not an action."""
    return first_required in ("next", "url") and not _js_includes(_ACTION_NAMES, action_name)


def _is_form_component_in_screen(slash: str, component: Any) -> bool:
    """Meta: ``se`` (versions up to 3.1)."""
    return bool(_ANY_SCREEN.search(slash)) and _js_includes(_FORM_COMPONENTS, component)


def _component_ref_key_of_schema_path(schema_path: str) -> str:
    """Meta: ``Ce``. The ``$components`` key a schema path runs through (``$form`` when none)."""
    start = schema_path.find("components")
    first = schema_path.find("/", start) + 1
    end = schema_path.find("/", first)
    key = _js_substring(schema_path, first, end)
    return key if key in _COMPONENT_OF_REF_KEY else "$form"


def _required_or_self(schema: Any) -> Any:
    """``x.required ?? x``: a sub-schema's required list, or the name itself."""
    if isinstance(schema, dict):
        required = schema.get("required", UNDEFINED)
        if not _nullish(required):
            return required
    return schema


def _type_registry_value(schema: Any) -> str:
    """What formatAJVError records for a type error: the expected type(s)."""
    if isinstance(schema, str):
        return schema
    if isinstance(schema, list):
        return _js_join(schema, ", ")
    if isinstance(schema, dict) or schema is None:
        return json.dumps(schema, separators=(",", ":"), ensure_ascii=False)
    return _js_string(schema)


def _schema_type_const(schema: Any) -> Any:
    return _get_in(schema, "properties", "type", "const")


def _get_in(value: Any, *keys: str) -> Any:
    """``value?.a?.b`` on schemas and flows: UNDEFINED where a step is missing or not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return UNDEFINED
        value = value.get(key, UNDEFINED)
    return value


# --- Meta's helpers from other modules ----------------------------------------------------------------------------

_HTTP_URL = re.compile(
    r"http(s)?://(([\w-]+\.)+(xn--[\w-]+|\w+)|\[([\da-f]{0,4}:)*(?:[\da-f]{1,4}|(?:(?:\d{1,3}\.){3}\d{1,3}))\])"
    r"(:[0-9]+)?([/?][^\n\r\u2028\u2029]*)?\Z",
    re.ASCII | re.IGNORECASE,
)


def is_valid_http_url(text: str) -> bool:
    """Meta: ``isValidHttpURL`` (http or https, a host name or bracketed address, an optional port)."""
    return _HTTP_URL.match(text) is not None


_GLOBAL_BINDING = re.compile(r"\$\{(screen\.([a-zA-Z,_]*)\.)(data|form)+(\.[^\n\r\u2028\u2029]+)?\}")


def is_binding_value(value: Any) -> bool:
    """Meta: ``WAFlowsDynamicDataUtils.isBindingValue`` (``${screen.x.data...}`` or ``${data...}``-like)."""
    if not isinstance(value, str):
        return False
    if _GLOBAL_BINDING.match(value):
        return True
    return any(value.startswith("${" + store) for store in ("external_data", "data", "form")) and value.endswith("}")


# --- merging (WAFlowJSONValidationResultUtil.deduplicateErrors) ---------------------------------------------------


def _position_identity(pointer: Pointer) -> Any:
    """What decides that two pointers have the same position: the member and part, or line 0."""
    if pointer.span == NOWHERE:
        return "nowhere"
    return (pointer.at if pointer.at is not None else pointer.path, pointer.target)


def _merge(found: Iterable[_Found]) -> list[Diagnostic]:
    """Meta: ``deduplicateErrors``. Same code and message: one error, its pointers at distinct positions."""
    merged: dict[tuple[str, str], tuple[list[Pointer], set[Any]]] = {}
    for item in found:
        pointers, seen = merged.setdefault((item.code, item.message), ([], set()))
        identity = _position_identity(item.pointer)
        if identity not in seen:
            seen.add(identity)
            pointers.append(item.pointer)
    return [Diagnostic(code, message, tuple(pointers), RULE_OF_ERROR.get(code, "FL218"), ERROR)
            for (code, message), (pointers, _) in merged.items()]


def deduplicate(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Meta: ``deduplicateErrors`` on located diagnostics: merges by code and message, and keeps one
    pointer per position (``lineStart-columnStart-lineEnd-columnEnd``). :func:`translate` already does
    this on paths; this is for callers that combine lists after locating them."""
    merged: dict[tuple[str, str], tuple[Diagnostic, list[Pointer], set[Any]]] = {}
    for diag in diagnostics:
        first, pointers, seen = merged.setdefault((diag.error, diag.message), (diag, [], set()))
        for pointer in diag.pointers:
            span = pointer.span
            where = (span.line_start, span.column_start, span.line_end, span.column_end) if span else None
            if where not in seen:
                seen.add(where)
                pointers.append(pointer)
    return [Diagnostic(first.error, first.message, tuple(pointers), first.rule, first.severity, first.error_type,
                       first.fix) for first, pointers, _ in merged.values()]


# --- the entry point ---------------------------------------------------------------------------------------------


def translate(errors: Sequence[AjvError | ErrorGroup], doc: Any, version: int, *, schema: dict[str, Any],
              raw_key: Callable[[JsonPath], str] | None = None, memo: bool = True) -> list[Diagnostic]:
    """Meta's answer for Ajv's errors on ``doc``: its errors in its order, merged as Meta merges them.

    ``version`` is the flow's version as an integer (``"7.3"`` -> 703); ``schema`` is the JSON Schema Ajv
    ran (Meta resolves the ``$ref`` branches of a component ``oneOf`` in it); ``raw_key`` the keys as
    written in the text (:func:`raw_keys`; Meta finds no position for a key written with an escape, such
    as ``"caf\\u00e9"``; without it, keys are taken as written with JSON's minimal escapes). Pointers carry paths (and
    line 0 where Meta has no position); :func:`flowlint.engine.locate` gives them spans. Where Meta's code
    throws, the answer is its single ``INVALID_FLOW_JSON`` error, pointing at the value it could not read.

    ``errors`` may hold the groups of :func:`.ajv.validate_grouped`; the groups of one item are
    translated once when that is exact (see the module docstring; ``memo=False`` translates every error, for
    tests).

    Meta: ``WAFlowJSONSchemaValidator.formatAJVError`` then ``WAFlowJSONValidationResultUtil.deduplicateErrors``.
    """
    if not errors:
        return []
    formatter = _Formatter(doc, version, schema, raw_key, memo=memo)
    found: list[_Found] = []
    try:
        for error in errors:
            if isinstance(error, ErrorGroup):
                formatter.format_group(error, found)
                continue
            item = formatter.format(error)
            if item is not None:
                found.append(item)
    except _JsTypeError as thrown:
        message = f"Flow JSON is not valid. {thrown.message}"
        return [Diagnostic(INVALID_FLOW_JSON, message, (Pointer(thrown.path),), RULE_OF_ERROR[INVALID_FLOW_JSON],
                           ERROR)]
    return _merge(found)
