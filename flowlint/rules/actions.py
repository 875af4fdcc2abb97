"""Actions and payloads: navigate payloads against the target screen's data, bindings in payloads, media
pickers and upload totals, complete on terminal screens, data_exchange prerequisites, update_data payloads.

Meta's ``NavigateActionPayloadFieldsValidatorV500``, ``NavigateActionStaticDataValidatorV500/V600``,
``ActionPayloadFieldSchemaValidatorV500/V600``, ``OnClickActionPayloadValidatorV500/V600``,
``CompleteActionValidatorV500``, ``ConditionallyRequiredPropertyValidatorV500``,
``OnSelectActionExclusiveValidatorV600`` and the three ``UpdateDataAction…ValidatorV600``
(``spec/meta-validator.md`` §2.4, §2.6; wording of the UNCERTAIN ones settled by the ``action-*``
conformance cases).
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.rules.base import Finding, at, is_dict, js_type, join_ids, key_at
from flowlint.rules.model import MEDIA_PICKERS, Action, FlowModel, Screen, parse_binding

__all__ = ["RULES", "VALIDATORS", "value_types"]

NAV = "INVALID_NAVIGATE_ACTION_PAYLOAD"
STATIC = "INVALID_NAVIGATE_ACTION_STATIC_DATA"
ONCLICK = "INVALID_ON_CLICK_ACTION_PAYLOAD"
UPDATE = "INVALID_UPDATE_DATA_ACTION_PAYLOAD"

MAX_UPLOAD_FILES = 10
#: The same constant is 1 for versions below 5.0 (spec/meta-validator.md §4.1).
MAX_UPLOAD_FILES_BEFORE_5_0 = 1
DEFAULT_UPLOAD_FILES = 30
MAX_UPLOAD_KB = 102400
DEFAULT_FILE_KB = 25600


def _rule(code: str, name: str, summary: str, error: str, versions: str, doc: str) -> RuleInfo:
    return RuleInfo(code, name, summary, error, "error", versions, doc=doc)


RULES = [
    _rule("FL501", "navigate-payload-without-data-model", "A navigate payload targets a screen with `data`.", NAV,
          "5.1-5.2, 7.3+",
          "What it does: reports a navigate action with payload fields when the next screen declares no `data`."
          "\n\nWhy is this bad? Meta rejects it: the next screen cannot receive the fields.\n\nExample: "
          '`"payload": {"name": "Ana"}` to a screen without `data`.\n\nUse instead: declare `"data": {"name": '
          '{"type": "string", "__example__": "Ana"}}` on the next screen.'),
    _rule("FL502", "navigate-payload-undeclared-field", "Navigate payload fields are declared by the next screen.",
          NAV, "5.1-5.2, 7.3+",
          "What it does: reports navigate payload fields that the next screen's `data` does not declare.\n\nWhy "
          "is this bad? Meta rejects it (in 5.x and from 7.3).\n\nExample: `\"payload\": {\"visits\": 3}` when the "
          "next screen declares only `name`.\n\nUse instead: declare `visits` on the next screen or drop it."),
    _rule("FL503", "navigate-payload-missing-field", "A navigate payload supplies every field of the next screen.",
          NAV, "5.1-5.2, 7.3+",
          "What it does: reports next-screen `data` fields missing from a navigate payload.\n\nWhy is this bad? "
          "Meta rejects it (in 5.x and from 7.3): every declared field must be passed.\n\nExample: next screen "
          'declares `name`, payload is `{}`.\n\nUse instead: `"payload": {"name": "${form.name}"}`.'),
    _rule("FL504", "navigate-payload-missing", "A navigate action to a screen with `data` has a payload.",
          "MISSING_NAVIGATION_ACTION_PAYLOAD", "5.1-5.2, 7.3+",
          "What it does: reports a navigate action without `payload` whose next screen declares `data`.\n\nWhy "
          "is this bad? Meta rejects it (in 5.x and from 7.3).\n\nExample: `{\"name\": \"navigate\", \"next\": "
          '{"type": "screen", "name": "CONFIRM"}}` where CONFIRM declares `name`.\n\nUse instead: add '
          '`"payload": {"name": "${form.name}"}`.'),
    _rule("FL505", "navigate-static-data-mismatch", "Literal navigate payload values match the next screen's data.",
          STATIC, "5.1+ (not 7.1)",
          "What it does: checks each literal (non-binding) navigate payload value against the next screen's "
          "declaration: the field is declared, the JSON type matches, objects carry every declared property."
          "\n\nWhy is this bad? Meta rejects it.\n\nExample: `\"payload\": {\"name\": 5}` when `name` is a "
          'string.\n\nUse instead: `"payload": {"name": "5"}`.'),
    _rule("FL506", "unresolved-payload-binding", "Bindings in action payloads resolve.", ONCLICK,
          "5.1-5.2, 6.0-7.0, 7.2+",
          "What it does: checks every top-level binding in a navigate/complete/data_exchange (6.0+: also "
          "update_data) payload: `${data.x}` is declared, `${form.x}` names a component of the screen (not the "
          "Form), `${screen.S.…}` names an existing screen.\n\nWhy is this bad? Meta rejects it.\n\nExample: "
          '`"payload": {"name": "${form.fullname}"}` with the field named `full_name`.\n\nUse instead: '
          '`"${form.full_name}"`.'),
    _rule("FL507", "media-picker-in-payload", "Media picker values only as top-level complete/data_exchange fields.",
          ONCLICK, "5.1-5.2, 6.0-7.0, 7.2+",
          "What it does: reports a PhotoPicker/DocumentPicker value in a navigate payload, or nested inside an "
          "object or array of a complete/data_exchange payload.\n\nWhy is this bad? Meta rejects it: media "
          "can only be sent as a top-level field of the final or endpoint payload.\n\nExample: `\"payload\": "
          '{"media": {"photos": "${form.photos}"}}`.\n\nUse instead: `"payload": {"photos": "${form.photos}"}`.'),
    _rule("FL508", "upload-limit-exceeded", "Media uploads in one payload: at most 10 files and 100 MB.", ONCLICK,
          "5.1-5.2, 6.0-7.0, 7.2+",
          "What it does: sums `max-uploaded-photos`/`max-uploaded-documents` (30 each when unset) and files × "
          "`max-file-size-kb` (25600 KB when unset) of the pickers a complete payload sends.\n\nWhy is this bad? "
          "Meta rejects more than 10 files or 102400 KB in one payload.\n\nExample: a PhotoPicker without "
          "`max-uploaded-photos` sent by `complete`.\n\nUse instead: `\"max-uploaded-photos\": 3, "
          '"max-file-size-kb": 10240`.'),
    _rule("FL509", "complete-on-non-terminal-screen", "`complete` only on terminal screens.",
          "INVALID_COMPLETE_ACTION", "5.1+",
          "What it does: reports a `complete` action on a screen that is not terminal.\n\nWhy is this bad? Meta "
          "rejects it: only a terminal screen can end the flow.\n\nExample: a Footer with `complete` on a "
          "screen without `\"terminal\": true`.\n\nUse instead: mark the screen terminal, or navigate on."),
    _rule("FL510", "data-exchange-without-data-api-version", "`data_exchange` needs `data_api_version`.",
          "MISSING_REQUIRED_PROPERTY", "5.1+",
          "What it does: reports `data_exchange` actions in a flow without `data_api_version`.\n\nWhy is this "
          "bad? Meta rejects it: data_exchange calls the flow's endpoint.\n\nExample: a Footer with "
          '`data_exchange` and no `data_api_version`.\n\nUse instead: `"data_api_version": "3.0"` and a '
          "`routing_model`, or `navigate`."),
    _rule("FL511", "data-api-version-without-routing-model", "`data_api_version` needs `routing_model`.",
          "MISSING_REQUIRED_PROPERTY", "5.1+",
          "What it does: reports a flow with `data_api_version` but no `routing_model`.\n\nWhy is this bad? "
          "Meta rejects it.\n\nExample: `\"data_api_version\": \"3.0\"` alone.\n\nUse instead: add "
          '`"routing_model": {"FIRST": ["SECOND"], "SECOND": []}`.'),
    _rule("FL512", "on-select-action-at-both-levels", "`on-select-action` on the component or its items, not both.",
          UPDATE, "6.0+",
          "What it does: reports a data-source item's `on-select-action` (or `on-unselect-action`) when the "
          "component has one too.\n\nWhy is this bad? Meta rejects it.\n\nExample: a RadioButtonsGroup with "
          "`on-select-action` and an item with its own.\n\nUse instead: one level only."),
    _rule("FL513", "navigate-binding-schema-mismatch", "Bound navigate payload values match the next screen's data.",
          NAV, "5.1+ (not 7.1)",
          "What it does: compares the schema of a bound navigate payload value (`${data.x}`, `${form.x}`) with "
          "the next screen's declaration of that field (types by name: integer is not number; object "
          "properties must agree).\n\nWhy is this bad? Meta rejects it.\n\nExample: `${data.value}` declared "
          "`number` passed to a `string` field.\n\nUse instead: declare both with the same type."),
    _rule("FL514", "update-data-undeclared-field", "`update_data` payload fields are declared by the screen.",
          UPDATE, "6.0-7.0, 7.2+",
          "What it does: reports `update_data` payload fields that the screen's `data` does not declare (or a "
          "screen without `data`).\n\nWhy is this bad? Meta rejects it.\n\nExample: `\"payload\": {\"colour\": "
          '"red"}` on a screen without `colour`.\n\nUse instead: declare `colour` in the screen\'s `data`.'),
    _rule("FL515", "update-data-static-data-mismatch", "Literal `update_data` values match the screen's data.",
          UPDATE, "6.0-7.0, 7.2+",
          "What it does: checks each literal `update_data` payload value against the screen's declaration.\n\n"
          "Why is this bad? Meta rejects it.\n\nExample: `\"note\": 5` for a string field.\n\nUse instead: "
          '`"note": "5"`.'),
    _rule("FL516", "update-data-self-update", "`update_data` does not set a field to its own value.", UPDATE,
          "6.0+",
          "What it does: reports `update_data` payload entries `\"x\": \"${data.x}\"`.\n\nWhy is this bad? Meta "
          "rejects the redundant update.\n\nExample: `\"payload\": {\"note\": \"${data.note}\"}`.\n\nUse "
          "instead: remove the entry."),
    _rule("FL517", "invalid-navigate-payload-expression", "Backtick expressions in navigate payloads type-check.",
          "INVALID_ACTION_PAYLOAD_PROPERTY", "6.0+ (not 7.1)",
          "What it does: types each backtick expression passed in a navigate payload to a field the next screen "
          "declares, as Meta's static-data check does from 6.0; an expression that does not type is reported "
          "with the checker's reason (a type that differs from the declaration is FL505).\n\nWhy is this bad? "
          "Meta rejects it.\n\nExample: `\"total\": \"`${form.name} * 2`\"` (a string times a number).\n\n"
          "Use instead: `\"total\": \"`${data.price} * 2`\"` with `price` a number."),
]


def value_types(value: Any) -> list[str]:
    """The data-model type names a literal satisfies (an integer is both ``integer`` and ``number``)."""
    kind = js_type(value)
    if kind == "number":
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return ["integer", "number"]
        return ["number"]
    return [kind]


def _payload(action: Action) -> dict[str, Any] | None:
    payload = action.payload
    return payload if isinstance(payload, dict) else None


def _navigate_target(model: FlowModel, action: Action) -> Screen | None:
    target = action.next_screen
    return model.by_id.get(target) if target is not None else None


# --- NavigateActionPayloadFieldsV500 (5.1, 5.2, 7.3+) --------------------------------------------------
def navigate_action_payload_fields(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        target = _navigate_target(model, action)
        if target is None:
            continue
        declared = [k for k in (target.data or {}) if k != "__example__"]
        if "payload" not in action.node:
            if declared:
                yield Finding(
                    "FL504",
                    "MISSING_NAVIGATION_ACTION_PAYLOAD",
                    "Property 'payload' is required when the next screen's data model is not empty.",
                    at(action.path),
                )
            continue
        payload = _payload(action)
        if payload is None:
            continue
        ppath = action.path + ("payload",)
        if payload and target.data is None:
            yield Finding("FL501", NAV, f"No data model is defined in the next screen '{target.id}'.", at(ppath))
            continue
        extra = [k for k in payload if k not in declared]
        if extra:
            message = f"Following fields are missing in the next screen's data model: [{join_ids(extra)}]."
            yield Finding("FL502", NAV, message, key_at(*(ppath + (k,) for k in extra)))
        missing = [k for k in declared if k not in payload]
        if missing:
            message = (
                "Following fields are expected in the next screen's data model but missing in payload: "
                f"[{join_ids(missing)}]."
            )
            yield Finding("FL503", NAV, message, at(ppath))


# --- NavigateActionStaticDataV500 / V600, UpdateDataActionStaticDataV600 --------------------------------
def _static_data(
    model: FlowModel,
    action: Action,
    source: Screen,
    target: Screen,
    rule: str,
    error: str,
    *,
    expressions: bool = False,
) -> Iterable[Finding]:
    payload = _payload(action)
    data = target.data
    if payload is None or data is None:
        return
    ppath = action.path + ("payload",)
    for key, value in payload.items():
        if expressions and isinstance(value, str) and value.startswith("`") and isinstance(data.get(key), dict):
            yield from _expression_value(model, value, data[key], ppath + (key,), key, source, target, rule, error)
            continue
        if isinstance(value, str) and (parse_binding(value) is not None or value.startswith(("${", "`"))):
            continue
        decl = data.get(key)
        if not isinstance(decl, dict):
            message = (
                f"The payload field '{key}' on screen '{source.id}' is missing in the data model of screen "
                f"'{target.id}'."
            )
            yield Finding(rule, error, message, at(ppath + (key,), target.path + ("data",)))
            continue
        yield from _static_value(value, decl, ppath + (key,), key, source, target, rule, error)


def _static_value(
    value: Any, decl: dict[str, Any], path: JsonPath, label: str, source: Screen, target: Screen, rule: str, error: str
) -> Iterable[Finding]:
    declared = decl.get("type")
    if not isinstance(declared, str):
        return
    got = value_types(value)
    if declared not in got:
        shown = f"'{got[0]}'" if len(got) == 1 else f"one of [{join_ids(got)}]"
        message = (
            f"Schema of payload data at '{label}' on screen '{source.id}' is not matching with schema of data "
            f"model field on screen '{target.id}'. Property is expecting '{declared}' but got {shown}."
        )
        yield Finding(rule, error, message, at(path))
        return
    if declared == "object" and isinstance(value, dict):
        props = decl.get("properties")
        if not isinstance(props, dict):
            return
        missing = [k for k in props if k not in value]
        if len(missing) == 1:
            message = (
                f"Field '{missing[0]}' is missing in payload of screen '{source.id}', but expected in data model "
                f"of screen '{target.id}'."
            )
            yield Finding(rule, error, message, at(path))
        elif missing:
            message = (
                f"Fields '[{join_ids(missing)}]' are missing in payload of screen '{source.id}', but expected in "
                f"data model of screen '{target.id}'."
            )
            yield Finding(rule, error, message, at(path))
        for k, sub in props.items():
            if k in value and isinstance(sub, dict) and not _is_dynamic(value[k]):
                yield from _static_value(value[k], sub, path + (k,), f"{label}/{k}", source, target, rule, error)
    elif declared == "array" and isinstance(value, list) and isinstance(decl.get("items"), dict):
        for i, item in enumerate(value):
            if not _is_dynamic(item):
                yield from _static_value(item, decl["items"], path + (i,), f"{label}/{i}", source, target, rule, error)


def _expression_typer() -> Any:
    """The expression family's type checker (another module, written in parallel), or None while absent."""
    try:
        from flowlint.expressions import ExpressionError, expression_type
        from flowlint.rules.dynamic_data import screen_properties
    except ImportError:
        return None
    return ExpressionError, expression_type, screen_properties


def _expression_value(
    model: FlowModel,
    value: str,
    decl: dict[str, Any],
    path: JsonPath,
    label: str,
    source: Screen,
    target: Screen,
    rule: str,
    error: str,
) -> Iterable[Finding]:
    """NavigateActionStaticDataV600: a backtick value is typed by the expression checker; a value that does not
    type is INVALID_ACTION_PAYLOAD_PROPERTY with the checker's reason, a type that differs from the declared
    one the usual schema message (an integer field takes a number expression: flowlint does not guess there)."""
    typer = _expression_typer()
    declared = decl.get("type")
    if typer is None or not isinstance(declared, str):
        return
    expression_error, expression_type, screen_properties = typer
    try:
        got = expression_type(value, screen=source.id or "", screens=screen_properties(model),
                              version=model.version.number)
    except expression_error as exc:
        yield Finding("FL517", "INVALID_ACTION_PAYLOAD_PROPERTY", str(exc), at(path))
        return
    if got and got != declared and not (declared == "integer" and got == "number"):
        message = (
            f"Schema of payload data at '{label}' on screen '{source.id}' is not matching with schema of data "
            f"model field on screen '{target.id}'. Property is expecting '{declared}' but got '{got}'."
        )
        yield Finding(rule, error, message, at(path))


def _is_dynamic(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("${", "`"))


def navigate_action_static_data_v500(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        target = _navigate_target(model, action)
        if target is not None:
            yield from _static_data(model, action, model.screen_of(action), target, "FL505", STATIC)


def navigate_action_static_data_v600(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        target = _navigate_target(model, action)
        if target is not None:
            yield from _static_data(model, action, model.screen_of(action), target, "FL505", STATIC, expressions=True)


def update_data_action_static_data(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        if action.name == "update_data":
            screen = model.screen_of(action)
            yield from _static_data(model, action, screen, screen, "FL515", UPDATE)


# --- ActionPayloadFieldSchemaV500 / V600 ---------------------------------------------------------------
def action_payload_field_schema(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        target = _navigate_target(model, action)
        payload = _payload(action)
        if target is None or payload is None or target.data is None:
            continue
        source = model.screen_of(action)
        for key, value in payload.items():
            binding = parse_binding(value)
            decl = target.data.get(key)
            if binding is None or not isinstance(decl, dict):
                continue
            schema = model.binding_schema(source, binding)
            if schema is None:
                continue
            src_path = _declaration_path(model, source, binding)
            yield from _compare_schema(schema, decl, binding.text, key, target, action.path + ("payload", key),
                                       target.path + ("data", key), src_path)


def _declaration_path(model: FlowModel, screen: Screen, binding: Any) -> JsonPath | None:
    if binding.kind != "data":
        return None
    target = model.binding_target_screen(screen, binding)
    if target is None:
        return None
    path: JsonPath = target.path + ("data", binding.path[0])
    for key in binding.path[1:]:
        path += ("properties", key)
    return path


def _compare_schema(
    got: dict[str, Any],
    want: dict[str, Any],
    expr: str,
    key: str,
    target: Screen,
    value_path: JsonPath,
    want_path: JsonPath,
    got_path: JsonPath | None,
) -> Iterable[Finding]:
    got_type, want_type = got.get("type"), want.get("type")
    if not isinstance(got_type, str) or not isinstance(want_type, str):
        return
    if got_type != want_type:
        message = (
            f"Schema of dynamic data '{expr}' is not matching schema of data model field '{key}' on screen "
            f"'{target.id}'. Property is expecting '{want_type}' but got '{got_type}'."
        )
        yield Finding("FL513", NAV, message, at(value_path))
        return
    if want_type == "object":
        got_props, want_props = got.get("properties"), want.get("properties")
        if isinstance(got_props, dict) and isinstance(want_props, dict) and set(got_props) != set(want_props):
            message = (
                f"Properties in navigate action payload differ from properties in data model of screen "
                f"'{target.id}'."
            )
            pointers = at(want_path) + (at(got_path) if got_path is not None else at(value_path))
            yield Finding("FL513", NAV, message, pointers)


# --- OnClickActionPayloadV500 / V600 -------------------------------------------------------------------
def _on_click_action_payload(model: FlowModel, names: tuple[str, ...]) -> Iterable[Finding]:
    for action in model.actions:
        if action.name not in names:
            continue
        payload = _payload(action)
        if payload is None:
            continue
        screen = model.screen_of(action)
        ppath = action.path + ("payload",)
        pickers: list[dict[str, Any]] = []
        for key, value in payload.items():
            vpath = ppath + (key,)
            if isinstance(value, str):
                yield from _top_level_binding(model, screen, action, value, vpath, pickers)
            elif isinstance(value, (dict, list)) and action.name in ("complete", "data_exchange"):
                yield from _nested_pickers(model, screen, value, vpath)
        if pickers and action.name in ("complete", "update_data"):
            most = MAX_UPLOAD_FILES if model.version.number >= 500 else MAX_UPLOAD_FILES_BEFORE_5_0
            yield from _upload_totals(pickers, ppath, most)


def _top_level_binding(
    model: FlowModel, screen: Screen, action: Action, value: str, vpath: JsonPath, pickers: list[dict[str, Any]]
) -> Iterable[Finding]:
    binding = parse_binding(value)
    if binding is None:
        return
    target = model.binding_target_screen(screen, binding)
    if target is None:
        message = (
            f"The screen id '{binding.screen}' referenced in the dynamic binding expression '{value}' does not exist."
        )
        yield Finding("FL506", ONCLICK, message, at(vpath))
        return
    if binding.kind == "data":
        if target.data_schema(binding.path) is None:
            message = f"Missing dynamic data '{value}' in the data model for screen {target.id}."
            fix = _did_you_mean(binding, list(target.data or {}) if len(binding.path) == 1 else [])
            yield Finding("FL506", ONCLICK, message, at(vpath), fix=fix)
        return
    comp = model.form_field(target, binding.path[0]) if len(binding.path) == 1 else None
    if comp is None:
        names = [c.name for c in target.components if c.name is not None and c.type != "Form"]
        message = f"Missing Form component {value} for screen '{target.id}'."
        yield Finding("FL506", ONCLICK, message, at(vpath), fix=_did_you_mean(binding, names))
        return
    if comp.type == "Form":
        yield Finding("FL506", ONCLICK, "Value of 'Form' component cannot be used in form binding.", at(vpath))
        return
    if comp.type in MEDIA_PICKERS:
        if action.name == "navigate":
            message = f"The value of {comp.type} component is not allowed in the payload of navigate action."
            yield Finding("FL507", ONCLICK, message, at(vpath))
        else:
            pickers.append(comp.node)


def _did_you_mean(binding: Any, names: list[str]) -> str | None:
    """``did you mean ${form.full_name}?`` when one declared name is close to the unresolved one."""
    close = difflib.get_close_matches(binding.path[0], [n for n in names if n != "__example__"], n=1, cutoff=0.6)
    if not close:
        return None
    prefix = f"screen.{binding.screen}." if binding.screen is not None else ""
    return f"did you mean ${{{prefix}{binding.kind}.{close[0]}}}?"


_NESTED_PICKER = (
    "The value of following components must be a top-level string in complete and data_exchange on-click-action "
    "payload: [PhotoPicker, DocumentPicker]."
)


def _nested_pickers(model: FlowModel, screen: Screen, value: Any, path: JsonPath) -> Iterable[Finding]:
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        binding = parse_binding(value)
        if binding is not None and binding.kind == "form" and len(binding.path) == 1:
            target = model.binding_target_screen(screen, binding)
            comp = model.form_field(target, binding.path[0]) if target else None
            if comp is not None and comp.type in MEDIA_PICKERS:
                yield Finding("FL507", ONCLICK, _NESTED_PICKER, at(path))
        return
    for k, v in items:
        yield from _nested_pickers(model, screen, v, path + (k,))


def _number(node: dict[str, Any], key: str, default: int) -> float:
    value = node.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return default


def _upload_totals(pickers: list[dict[str, Any]], ppath: JsonPath, most: int) -> Iterable[Finding]:
    files = 0.0
    size = 0.0
    for node in pickers:
        key = "max-uploaded-photos" if node.get("type") == "PhotoPicker" else "max-uploaded-documents"
        count = _number(node, key, DEFAULT_UPLOAD_FILES)
        files += count
        size += count * _number(node, "max-file-size-kb", DEFAULT_FILE_KB)
    if files > most:
        message = (
            f"The aggregated maximum uploaded files of the PhotoPicker and DocumentPicker components cannot exceed "
            f"{most} when using in the complete action payload. If 'max-uploaded-photos' or "
            f"'max-uploaded-documents' property is not set, the default uploaded files count is {DEFAULT_UPLOAD_FILES}."
        )
        yield Finding("FL508", ONCLICK, message, at(ppath))
    if size > MAX_UPLOAD_KB:
        message = (
            f"The aggregated size of maximum uploaded files of the PhotoPicker and DocumentPicker components cannot "
            f"exceed {MAX_UPLOAD_KB} KB when using in the complete action payload. If 'max-file-size-kb' property "
            f"is not set, the default file size is {DEFAULT_FILE_KB} KB."
        )
        yield Finding("FL508", ONCLICK, message, at(ppath))


def on_click_action_payload_v500(model: FlowModel) -> Iterable[Finding]:
    return _on_click_action_payload(model, ("navigate", "complete", "data_exchange"))


def on_click_action_payload_v600(model: FlowModel) -> Iterable[Finding]:
    return _on_click_action_payload(model, ("navigate", "complete", "data_exchange", "update_data"))


# --- CompleteActionV500 (and the same check inside NestedExpressionActionPayloadPropertyV702) ------------
def complete_action(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        if action.name == "complete" and not model.screen_of(action).terminal:
            yield Finding(
                "FL509",
                "INVALID_COMPLETE_ACTION",
                "On-click-action 'complete' can only be configured on a terminal screen.",
                at(action.path + ("name",)),
            )


# --- ConditionallyRequiredPropertyV500 -----------------------------------------------------------------
def conditionally_required_property(model: FlowModel) -> Iterable[Finding]:
    if "data_api_version" not in model.doc:
        for action in model.actions:
            if action.name == "data_exchange":
                yield Finding(
                    "FL510",
                    "MISSING_REQUIRED_PROPERTY",
                    "The property 'data_api_version' is required for data_exchange action.",
                    at(action.path + ("name",)),
                )
    elif "routing_model" not in model.doc:
        yield Finding(
            "FL511",
            "MISSING_REQUIRED_PROPERTY",
            "The property 'routing_model' is required for property 'data_api_version'.",
            at(()),
        )


# --- OnSelectActionExclusiveV600 -----------------------------------------------------------------------
def on_select_action_exclusive(model: FlowModel) -> Iterable[Finding]:
    for screen in model.screens:
        for comp in screen.components:
            items = comp.node.get("data-source")
            if not isinstance(items, list):
                continue
            for key in ("on-select-action", "on-unselect-action"):
                if key not in comp.node:
                    continue
                for j, item in enumerate(items):
                    if is_dict(item) and key in item:
                        message = f"The '{key}' property cannot be used at both the component and data-source levels."
                        yield Finding("FL512", UPDATE, message, at(comp.path + ("data-source", j, key)))


# --- UpdateDataActionPayloadFieldsV600 -----------------------------------------------------------------
def update_data_action_payload_fields(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        payload = _payload(action)
        if action.name != "update_data" or not payload:
            continue
        screen = model.screen_of(action)
        ppath = action.path + ("payload",)
        if screen.data is None:
            yield Finding("FL514", UPDATE, f"No data model is defined in the screen '{screen.id}'.", at(ppath))
            continue
        extra = [k for k in payload if k not in screen.data]
        if extra:
            message = f"Following fields are missing in the screen '{screen.id}' data model: [{join_ids(extra)}]."
            yield Finding("FL514", UPDATE, message, key_at(*(ppath + (k,) for k in extra)))


# --- UpdateDataActionRedudantSelfUpdateValidatorV600 ---------------------------------------------------
def update_data_redundant_self_update(model: FlowModel) -> Iterable[Finding]:
    for action in model.actions:
        payload = _payload(action)
        if action.name != "update_data" or not payload:
            continue
        for key, value in payload.items():
            binding = parse_binding(value)
            if binding is not None and binding.kind == "data" and not binding.is_global and binding.path == (key,):
                yield Finding(
                    "FL516",
                    UPDATE,
                    "Attempting to update a key with its own value is redundant and not allowed.",
                    at(action.path + ("payload", key)),
                )


VALIDATORS = {
    "NavigateActionPayloadFieldsV500": navigate_action_payload_fields,
    "NavigateActionStaticDataV500": navigate_action_static_data_v500,
    "NavigateActionStaticDataV600": navigate_action_static_data_v600,
    "UpdateDataActionStaticDataV600": update_data_action_static_data,
    "ActionPayloadFieldSchemaV500": action_payload_field_schema,
    "ActionPayloadFieldSchemaV600": action_payload_field_schema,
    "OnClickActionPayloadV500": on_click_action_payload_v500,
    "OnClickActionPayloadV600": on_click_action_payload_v600,
    "CompleteActionV500": complete_action,
    "CompleteActionV702": complete_action,
    "ConditionallyRequiredPropertyV500": conditionally_required_property,
    "OnSelectActionExclusiveV600": on_select_action_exclusive,
    "UpdateDataActionPayloadFieldsV600": update_data_action_payload_fields,
    "UpdateDataActionRedundantSelfUpdateV600": update_data_redundant_self_update,
}
