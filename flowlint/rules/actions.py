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

import re
from typing import Any, Callable, Iterable, NamedTuple

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import JsonPath
from flowlint.rules.base import Finding, at, expression_typer, js_type, join_ids, key_at
from flowlint.rules.model import MEDIA_PICKERS, Action, Binding, Component, FlowModel, Screen
from flowlint.suggestions import close_matches

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
    _rule("FL518", "update-data-binding-schema-mismatch", "Bound `update_data` values match the screen's data.",
          UPDATE, "6.0-7.0, 7.2+",
          "What it does: compares the schema of a bound `update_data` payload value (`${data.x}`, `${form.x}`) "
          "with the screen's own declaration of that field (types by name: integer is not number; object "
          "properties must agree), as FL513 does for navigate payloads.\n\nWhy is this bad? Meta rejects it."
          "\n\nExample: `\"note\": \"${form.count}\"` where `count` is a number input and `note` a string."
          "\n\nUse instead: declare `note` with the type of the value it receives."),
]


def value_types(value: Any) -> list[str]:
    """The data-model type names a literal satisfies (``getFieldValueSchemaType``: an integer is both
    ``integer`` and ``number``)."""
    kind = js_type(value)
    if kind == "number":
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return ["integer", "number"]
        return ["number"]
    return [kind]


#: The 4.0+ binding pattern (``isDynamicDataBindingV400``): a prefix match, not anchored at the end.
_BINDING_V400 = re.compile(r"\$\{(screen\.([a-zA-Z,_]*)\.)?(data|form)(\.[A-Za-z0-9_-]+)+\}")


def _is_binding_v400(value: Any) -> bool:
    return isinstance(value, str) and _BINDING_V400.match(value) is not None


def _meta_binding(value: Any) -> Binding | None:
    """A payload value as Meta's ``WAFlowJSONValidationResultUtil.parseBindings`` reads it (the on-click payload
    validators): a string that *starts* as a binding (``_BINDING_V400``) and ends with ``}`` is one, whatever lies
    between: ``${data.a}${data.b}`` reads the field ``a}${data.b`` of the data model, which no model declares.
    A string that starts as one and ends otherwise (``${data.a} items``) is no binding of a known store."""
    if not isinstance(value, str) or value[-1:] != "}" or _BINDING_V400.match(value) is None:
        return None
    if value.startswith(("${data.", "${form.")):
        return Binding(value, value[2:6], tuple(value[7:-1].split(".")), None)
    screen, store, *key = value[len("${screen.") : -1].split(".")
    return Binding(value, store, tuple(key), screen)


def _is_nested_expression(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 2 and value.startswith("`") and value.endswith("`")


def _next_name(action: Action) -> str:
    """``getScreenName``: the navigate target as Meta reads it ("" when it is not a string)."""
    name = action.next_name
    return name if isinstance(name, str) else ""


def _declared_data(model: FlowModel, screen_id: Any) -> tuple[Screen | None, dict[str, Any] | None]:
    """The screen Meta maps under ``screen_id`` (the last with that id) and its ``data``."""
    screen = model.by_id.get(screen_id) if isinstance(screen_id, str) else None
    return screen, (screen.data if screen is not None else None)


# --- NavigateActionPayloadFieldsV500 (5.1, 5.2, 7.3+), UpdateDataActionPayloadFieldsV600 ---------------------
def navigate_action_payload_fields(model: FlowModel) -> Iterable[Finding]:
    for action in model.screen_navigations:
        name = _next_name(action)
        _, data = _declared_data(model, name)
        yield from _undeclared_payload_keys(
            action, data, ("FL501", "FL502"), NAV,
            no_model=f"No data model is defined in the next screen '{name}'.",
            extra=lambda ids: f"Following fields are missing in the next screen's data model: [{ids}].",
        )
        if data is None:
            continue
        payload = action.node.get("payload")
        ppath = action.path + ("payload",)
        missing = [k for k in data if not isinstance(payload, dict) or k not in payload]
        if not missing:
            continue
        if payload is None:
            yield Finding(
                "FL504",
                "MISSING_NAVIGATION_ACTION_PAYLOAD",
                "Property 'payload' is required when the next screen's data model is not empty.",
                at(action.path),
            )
            continue
        message = (
            "Following fields are expected in the next screen's data model but missing in payload: "
            f"[{join_ids(missing)}]."
        )
        yield Finding("FL503", NAV, message, at(ppath))


def update_data_action_payload_fields(model: FlowModel) -> Iterable[Finding]:
    for action in model.all_actions:
        payload = action.node.get("payload")
        if action.name != "update_data" or payload is None:
            continue
        sid = model.screen_of(action).id
        _, data = _declared_data(model, sid)
        yield from _undeclared_payload_keys(
            action, data, ("FL514", "FL514"), UPDATE,
            no_model=f"No data model is defined in the screen '{sid}'.",
            extra=lambda ids: f"Following fields are missing in the screen '{sid}' data model: [{ids}].",
        )


def _undeclared_payload_keys(
    action: Action,
    data: dict[str, Any] | None,
    rules: tuple[str, str],
    error: str,
    *,
    no_model: str,
    extra: Callable[[str], str],
) -> Iterable[Finding]:
    """Payload keys the screen's ``data`` does not declare: ``rules[0]`` on the payload when there is no
    data model at all, ``rules[1]`` on the extra keys otherwise (``extra`` words the message from their list)."""
    payload = action.node.get("payload")
    keys = list(payload) if isinstance(payload, dict) else []
    ppath = action.path + ("payload",)
    if data is None:
        if keys:
            yield Finding(rules[0], error, no_model, at(ppath))
        return
    undeclared = [k for k in keys if k not in data]
    if undeclared:
        yield Finding(rules[1], error, extra(join_ids(undeclared)), key_at(*(ppath + (k,) for k in undeclared)))


# --- NavigateActionStaticDataV500 / V600, UpdateDataActionStaticDataV600 ------------------------------------
class _StaticData:
    """``validateField`` of Meta's static-data validators, for one action."""

    def __init__(
        self, model: FlowModel, action: Action, target_id: str, target: Screen, rule: str, error: str,
        *, v600: bool, context: str,
    ) -> None:
        self.model, self.action, self.target_id, self.target = model, action, target_id, target
        self.rule, self.error, self.v600, self.context = rule, error, v600, context
        self.source_id = model.screen_of(action).id

    def check(self) -> list[Finding]:
        out: list[Finding] = []
        payload = self.action.node.get("payload")
        data = self.target.data
        if not isinstance(payload, dict) or data is None:
            return out
        for key, value in payload.items():
            decl = data.get(key)
            if not self._plain_string(value, decl):
                self.field(value, key, (key,), decl, self.target.path + ("data", key), out)
        return out

    def field(self, value: Any, label: str, rel: tuple, decl: Any, decl_path: JsonPath, out: list[Finding]) -> None:
        """Check one payload value against its declaration, appending findings to ``out`` (a list, not a
        generator: this runs for every value of every payload)."""
        if _is_binding_v400(value):
            return
        if decl is None:
            message = (
                f"The payload field '{label}' on screen '{self.source_id}' is missing in the data model of screen "
                f"'{self.target_id}'."
            )
            out.append(Finding(self.rule, self.error, message, at(self._value_path(rel), decl_path[:-1])))
            return
        declared = decl.get("type") if isinstance(decl, dict) else None
        if self.v600 and _is_nested_expression(value):
            out.extend(self.expression(value, label, self._value_path(rel), declared))
            return
        if declared == "string" and type(value) is str:
            return  # the common case, as below: the types agree, and a string has nothing inside to check
        got = value_types(value)
        if declared not in got:
            out.append(self.mismatch(label, self._value_path(rel), got, declared))
            return
        if "object" in got and isinstance(value, dict):
            props = decl.get("properties") if isinstance(decl.get("properties"), dict) else None
            for k, v in value.items():
                sub = props.get(k) if props is not None else None
                if self._plain_string(v, sub):
                    continue
                self.field(v, f"{label}/{k}", rel + (k,), sub, decl_path + ("properties", k), out)
            missing = [k for k in (props or {}) if k not in value]
            if missing:
                if len(missing) == 1:
                    message = (
                        f"Field '{missing[0]}' is missing in payload of screen '{self.source_id}', but expected in "
                        f"data model of screen '{self.target_id}'."
                    )
                else:
                    message = (
                        f"Fields '[{join_ids(missing)}]' are missing in payload of screen '{self.source_id}', but "
                        f"expected in data model of screen '{self.target_id}'."
                    )
                out.append(Finding(self.rule, self.error, message, at(self._value_path(rel))))
        if "array" in got and isinstance(value, list):
            items = decl.get("items")
            for i, v in enumerate(value):
                if self._plain_string(v, items):
                    continue
                self.field(v, f"{label}/{i}", rel + (i,), items, decl_path + ("items",), out)

    def _plain_string(self, value: Any, decl: Any) -> bool:
        """A binding, or a string declared ``string`` that is no backtick expression: :meth:`field` would find
        nothing in it. Asked before a call, for the many bindings and texts of a payload."""
        if type(value) is not str:
            return False
        if value[:2] == "${" and _BINDING_V400.match(value) is not None:  # _is_binding_v400 (a prefix match)
            return True
        return type(decl) is dict and decl.get("type") == "string" and not (self.v600 and _is_nested_expression(value))

    def _value_path(self, rel: tuple) -> JsonPath:
        return self.action.path + ("payload",) + rel

    def mismatch(self, label: str, vpath: JsonPath, got: list[str], declared: Any) -> Finding:
        shown = f"'{got[0]}'" if len(got) == 1 else f"one of [{join_ids(got)}]"
        message = (
            f"Schema of payload data at '{label}' on screen '{self.source_id}' is not matching with schema of data "
            f"model field on screen '{self.target_id}'. Property is expecting '{declared}' but got {shown}."
        )
        return Finding(self.rule, self.error, message, at(vpath))

    def expression(self, value: str, label: str, vpath: JsonPath, declared: Any) -> Iterable[Finding]:
        """A backtick value is typed by the expression checker in the context of ``self.context`` (Meta uses the
        next screen for navigate, the current one for update_data); a value that does not type is
        INVALID_ACTION_PAYLOAD_PROPERTY with the checker's reason. An integer field takes a number expression
        (flowlint does not guess there)."""
        typer = expression_typer() if self.v600 else None  # only for a backtick value: most payloads have none
        if typer is None:
            return
        expression_error, expression_type, screen_properties = typer
        try:
            got = expression_type(value, screen=self.context, screens=screen_properties(self.model),
                                  version=self.model.version.number)
        except expression_error as exc:
            yield Finding("FL517", "INVALID_ACTION_PAYLOAD_PROPERTY", str(exc), at(vpath))
            return
        if got and isinstance(declared, str) and got != declared and not (declared == "integer" and got == "number"):
            yield self.mismatch(label, vpath, [got], declared)


def _navigate_static_data(model: FlowModel, *, v600: bool) -> Iterable[Finding]:
    for action in model.screen_navigations:
        name = _next_name(action)
        target, data = _declared_data(model, name)
        if target is None or data is None:
            continue
        yield from _StaticData(model, action, name, target, "FL505", STATIC, v600=v600, context=name).check()


def navigate_action_static_data_v500(model: FlowModel) -> Iterable[Finding]:
    return _navigate_static_data(model, v600=False)


def navigate_action_static_data_v600(model: FlowModel) -> Iterable[Finding]:
    return _navigate_static_data(model, v600=True)


def update_data_action_static_data(model: FlowModel) -> Iterable[Finding]:
    for action in model.all_actions:
        if action.name != "update_data" or action.node.get("payload") is None:
            continue
        sid = model.screen_of(action).id
        screen, data = _declared_data(model, sid)
        if screen is None or data is None:
            continue
        yield from _StaticData(model, action, sid or "", screen, "FL515", UPDATE, v600=True, context=sid or "").check()


# --- ActionPayloadFieldSchemaV500 / V600 -------------------------------------------------------------------
def _action_payload_field_schema(model: FlowModel, actions: Iterable[Action]) -> Iterable[Finding]:
    """``validateAction`` for each action: a navigate payload's bindings against the next screen's data
    (FL513), an update_data payload's against its own screen's (FL518, 6.0+)."""
    for action in actions:
        payload = action.node.get("payload")
        source, _ = _declared_data(model, model.screen_of(action).id)
        if not isinstance(payload, dict) or source is None:
            continue
        if action.name == "update_data":
            name, rule, error = source.id, "FL518", UPDATE
        else:
            name, rule, error = _next_name(action), "FL513", NAV
        target, target_data = _declared_data(model, name)
        if target is None or target_data is None or name is None:
            continue  # nothing declared to compare with
        for key, value in payload.items():
            want = target_data.get(key)
            if want is None or not isinstance(value, str) or not _is_binding_v400(value):
                continue
            binding = model.binding(value)
            schema = model.binding_schema(source, binding) if binding is not None else None
            if schema is None:
                continue
            if isinstance(want, dict) and schema.get("type") == want.get("type") and schema.get("type") not in _NESTED:
                continue  # the same scalar type: _compare_schema has nothing to say (the common case)
            pair = _SchemaPair(key, value, name, action.path + ("payload", key), target, source, rule, error)
            yield from _compare_schema(pair, schema, want, ("data", key))


def action_payload_field_schema_v500(model: FlowModel) -> Iterable[Finding]:
    return _action_payload_field_schema(model, model.screen_navigations)


def action_payload_field_schema_v600(model: FlowModel) -> Iterable[Finding]:
    """V600 reads every navigate action (whatever its ``next.type``) and every update_data action."""
    return _action_payload_field_schema(model, (a for a in model.all_actions if a.name in ("navigate", "update_data")))


_NESTED = ("object", "array")


class _SchemaPair(NamedTuple):
    key: str
    expr: str
    target_name: str
    value_path: JsonPath
    target: Screen
    source: Screen
    rule: str
    error: str


def _compare_schema(pair: _SchemaPair, got: Any, want: Any, rel: tuple) -> Iterable[Finding]:
    """``validateFieldSchemas``: types by name; objects need ``properties`` on both sides and the same keys;
    arrays need ``items`` on both sides. Declarations are addressed under both screens by the same relative
    path (``data/<payload key>/…``), as Meta does."""
    if not isinstance(got, dict) or not isinstance(want, dict):
        return
    if isinstance(got.get("type"), list) or isinstance(want.get("type"), list):
        return
    got_type, want_type = got.get("type"), want.get("type")
    if got_type != want_type:
        message = (
            f"Schema of dynamic data '{pair.expr}' is not matching schema of data model field '{pair.key}' on screen "
            f"'{pair.target_name}'. Property is expecting '{want_type if want_type is not None else ''}' but got "
            f"'{got_type if got_type is not None else ''}'."
        )
        yield Finding(pair.rule, pair.error, message, at(pair.value_path))
        return
    if got_type == "object":
        findings = [f for f in _has_object_property(pair, "properties", want, pair.target.path + rel)]
        findings += [f for f in _has_object_property(pair, "properties", got, pair.source.path + rel)]
        yield from findings
        if findings:
            return
        if set(want["properties"]) != set(got["properties"]):
            message = (
                f"Properties in navigate action payload differ from properties in data model of screen "
                f"'{pair.target_name}'."
            )
            yield Finding(pair.rule, pair.error, message, at(pair.target.path + rel, pair.source.path + rel))
            return
        for prop, sub in got["properties"].items():
            yield from _compare_schema(pair, sub, want["properties"].get(prop), rel + ("properties", prop))
    elif got_type == "array":
        findings = [f for f in _has_object_property(pair, "items", want, pair.target.path + rel)]
        findings += [f for f in _has_object_property(pair, "items", got, pair.source.path + rel)]
        yield from findings
        if not findings:
            yield from _compare_schema(pair, got["items"], want["items"], rel + ("items",))


def _has_object_property(pair: _SchemaPair, prop: str, decl: dict[str, Any], path: JsonPath) -> Iterable[Finding]:
    value = decl.get(prop)
    if value is None:
        message = (
            f"Unable to validate the schema of dynamic data '{pair.expr}' against the schema of data model field "
            f"'{pair.key}' on screen '{pair.target_name}'. Missing property '{prop}'."
        )
        yield Finding(pair.rule, pair.error, message, at(path))
    elif not isinstance(value, dict):
        yield Finding(pair.rule, pair.error, f"Invalid value found for the property '{prop}'.", at(path + (prop,)))


# --- OnClickActionPayloadV500 / V600 -----------------------------------------------------------------------
_NESTED_PICKER = (
    "The value of following components must be a top-level string in complete and data_exchange on-click-action "
    "payload: [PhotoPicker, DocumentPicker]."
)


# Long on purpose: Meta's OnClickActionPayload validators (V500/V600) ported as one pass, in Meta's order.
def _on_click_action_payload(model: FlowModel, targeted: tuple[str, ...]) -> Iterable[Finding]:
    """One pass over the actions in Meta's order: binding errors as they come, then the picker errors
    collected over the whole flow (one error per kind, with every pointer)."""
    legacy = model.version.number < 500
    not_in_navigate: dict[str, list[JsonPath]] = {}
    nested: list[JsonPath] = []
    several_pickers: list[JsonPath] = []
    too_many: list[JsonPath] = []
    too_big: list[JsonPath] = []
    # Without a media picker anywhere in the flow, no binding can read one: skip the picker lookups.
    pickers = any(screen.of_type(kind) for screen in model.screens for kind in MEDIA_PICKERS)
    for action in model.all_actions:
        payload = action.node.get("payload")
        if action.name not in targeted or not isinstance(payload, dict):
            continue
        screen = model.screen_of(action)
        ppath = action.path + ("payload",)
        top: dict[str, list[JsonPath]] = {}
        inner: dict[str, list[JsonPath]] = {}
        count, files, size = 0, 0.0, 0.0
        for key, value in payload.items():
            if isinstance(value, (dict, list)):
                if pickers:
                    _find_pickers(model, screen, value, ppath + (key,), inner)
                continue
            binding = _meta_binding(value)
            if binding is None:
                continue
            problem = _binding_problem(model, screen, binding, ppath, key)
            if problem is not None:
                yield problem
                continue
            if not pickers or action.name == "data_exchange":
                continue
            picker = _picker(model, screen, binding)
            if picker is None:
                continue
            top.setdefault(picker.type or "", []).append(ppath + (key,))
            count += 1
            most = _max_uploads(picker.node)
            files += most
            if not legacy:
                size += most * _number(picker.node, "max-file-size-kb", DEFAULT_FILE_KB)
        if action.name == "navigate":
            for kind, paths in list(inner.items()) + list(top.items()):
                not_in_navigate.setdefault(kind, []).extend(paths)
            continue
        for paths in inner.values():
            nested.extend(paths)
        if legacy:
            if files > MAX_UPLOAD_FILES_BEFORE_5_0:
                too_many.append(ppath)
            if action.name == "complete" and count > 1:
                several_pickers.append(ppath)
        else:
            if files > MAX_UPLOAD_FILES:
                too_many.append(ppath)
            if size > MAX_UPLOAD_KB:
                too_big.append(ppath)
    for kind, paths in not_in_navigate.items():
        message = f"The value of {kind} component is not allowed in the payload of navigate action."
        yield Finding("FL507", ONCLICK, message, at(*paths))
    if several_pickers:
        message = "Complete action payload can contain either a single PhotoPicker or a single DocumentPicker component."
        yield Finding("FL508", ONCLICK, message, at(*several_pickers))
    if nested:
        yield Finding("FL507", ONCLICK, _NESTED_PICKER, at(*nested))
    if too_many:
        most = MAX_UPLOAD_FILES_BEFORE_5_0 if legacy else MAX_UPLOAD_FILES
        message = (
            f"The aggregated maximum uploaded files of the PhotoPicker and DocumentPicker components cannot exceed "
            f"{most} when using in the complete action payload. If 'max-uploaded-photos' or "
            f"'max-uploaded-documents' property is not set, the default uploaded files count is {DEFAULT_UPLOAD_FILES}."
        )
        yield Finding("FL508", ONCLICK, message, at(*too_many))
    if too_big:
        message = (
            f"The aggregated size of maximum uploaded files of the PhotoPicker and DocumentPicker components cannot "
            f"exceed {MAX_UPLOAD_KB} KB when using in the complete action payload. If 'max-file-size-kb' property "
            f"is not set, the default file size is {DEFAULT_FILE_KB} KB."
        )
        yield Finding("FL508", ONCLICK, message, at(*too_big))


def _binding_screen_id(screen: Screen, binding: Any) -> Any:
    return binding.screen if binding.is_global else screen.id


def _data_keys(model: FlowModel, screen_id: Any) -> frozenset[str]:
    """``getKeysInDataModel``: top-level keys and dotted paths through ``properties`` (first screen with that id).
    Computed once per model and screen id."""
    cache: dict[Any, frozenset[str]] = model.__dict__.setdefault("_flowlint_data_keys", {})
    found = cache.get(screen_id)
    if found is None:
        found = cache[screen_id] = frozenset(_compute_data_keys(model, screen_id))
    return found


def _named(model: FlowModel, screen: Screen, name: str) -> list[Component]:
    """The components of ``screen`` named ``name``, in document order (an index built once per screen)."""
    cache: dict[int, dict[str, list[Component]]] = model.__dict__.setdefault("_flowlint_components_named", {})
    table = cache.get(id(screen))
    if table is None:
        table = cache[id(screen)] = {}
        for comp in screen.components:
            if comp.name is not None:
                table.setdefault(comp.name, []).append(comp)
    return table.get(name, [])


def _compute_data_keys(model: FlowModel, screen_id: Any) -> set[str]:
    first = _first_screens(model).get(screen_id)
    keys: set[str] = set()
    pending: list[tuple[Any, str]] = []
    for name, decl in ((first.data if first is not None else None) or {}).items():
        keys.add(name)
        if type(decl) is dict and "properties" in decl:
            pending.append((decl, name))
    while pending:  # nested objects (rare): their properties' dotted paths
        decl, prefix = pending.pop()
        props = decl.get("properties")
        if isinstance(props, dict):
            for name, sub in props.items():
                path = f"{prefix}.{name}"
                keys.add(path)
                if isinstance(sub, dict):
                    pending.append((sub, path))
    return keys


def _first_screens(model: FlowModel) -> dict[str, Screen]:
    """Screen id -> the first screen with it (``getKeysInDataModel`` reads that one), once per model."""
    cache: dict[str, Screen] | None = model.__dict__.get("_flowlint_first_screens")
    if cache is None:
        cache = model.__dict__["_flowlint_first_screens"] = {}
        for screen in model.screens:
            if screen.id is not None and screen.id not in cache:
                cache[screen.id] = screen
    return cache


def _binding_problem(model: FlowModel, screen: Screen, binding: Any, ppath: JsonPath, key: str) -> Finding | None:
    """``checkBindingExistence`` (its one finding, or None) for the binding at ``ppath + (key,)``. Meta names the
    *current* screen in the missing-field messages."""
    target_id = binding.screen if binding.screen is not None else screen.id  # _binding_screen_id
    target = model.by_id.get(target_id) if isinstance(target_id, str) else None
    if target is None:
        message = (
            f"The screen id '{target_id}' referenced in the dynamic binding expression '{binding.text}' does not exist."
        )
        return Finding("FL506", ONCLICK, message, at(ppath + (key,)))
    field = ".".join(binding.path)
    if binding.kind == "form":
        named = _named(model, target, field)
        if not named:
            names = [c.name for c in target.components if c.name is not None and c.type != "Form"]
            message = f"Missing Form component {binding.text} for screen '{screen.id}'."
            return Finding("FL506", ONCLICK, message, at(ppath + (key,)), fix=_did_you_mean(binding, names))
        if named[0].type == "Form":
            return Finding("FL506", ONCLICK, "Value of 'Form' component cannot be used in form binding.", at(ppath + (key,)))
    elif field not in _data_keys(model, target_id):
        message = f"Missing dynamic data '{binding.text}' in the data model for screen {screen.id}."
        names = list(target.data or {}) if len(binding.path) == 1 else []
        return Finding("FL506", ONCLICK, message, at(ppath + (key,)), fix=_did_you_mean(binding, names))
    return None


def _picker(model: FlowModel, screen: Screen, binding: Any) -> Component | None:
    """The PhotoPicker/DocumentPicker a ``${form.x}`` (or global form) binding reads, if any."""
    if binding.kind != "form":
        return None
    target_id = _binding_screen_id(screen, binding)
    target = model.by_id.get(target_id) if isinstance(target_id, str) else None
    key = ".".join(binding.path)
    named = _named(model, target, key) if target is not None else []
    return named[0] if named and named[0].type in MEDIA_PICKERS else None


def _find_pickers(model: FlowModel, screen: Screen, value: Any, path: JsonPath, out: dict[str, list[JsonPath]]) -> None:
    """``findNativeComponentReferences``: pickers referenced anywhere inside an object or array value."""
    if isinstance(value, str):
        binding = _meta_binding(value)
        picker = _picker(model, screen, binding) if binding is not None else None
        if picker is not None:
            out.setdefault(picker.type or "", []).append(path)
    elif isinstance(value, dict):
        for k, v in value.items():
            _find_pickers(model, screen, v, path + (k,), out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _find_pickers(model, screen, v, path + (i,), out)


def _did_you_mean(binding: Any, names: list[str]) -> str | None:
    """``did you mean ${form.full_name}?`` when one declared name is close to the unresolved one."""
    wanted = binding.path[0]
    # The name itself is never a suggestion: it can be declared and still not resolve (two screens with one id).
    close = close_matches(wanted, [n for n in names if n not in ("__example__", wanted)], n=1, cutoff=0.6)
    if not close:
        return None
    prefix = f"screen.{binding.screen}." if binding.screen is not None else ""
    return f"did you mean ${{{prefix}{binding.kind}.{close[0]}}}?"


def _number(node: dict[str, Any], key: str, default: int) -> float:
    value = node.get(key)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return default


def _max_uploads(node: dict[str, Any]) -> float:
    key = "max-uploaded-photos" if node.get("type") == "PhotoPicker" else "max-uploaded-documents"
    return _number(node, key, DEFAULT_UPLOAD_FILES)


def _on_click_findings(model: FlowModel, targeted: tuple[str, ...]) -> list[Finding]:
    """The findings for the targeted actions, computed once per model for the kinds present: V500 and V600
    (both in the 7.x chains) give the same answer when the flow has no update_data action with a payload."""
    present = tuple(
        kind for kind in targeted if any(a.name == kind and isinstance(a.node.get("payload"), dict) for a in model.actions)
    )
    cache: dict[tuple[str, ...], list[Finding]] = model.__dict__.setdefault("_flowlint_on_click", {})
    found = cache.get(present)
    if found is None:
        found = cache[present] = list(_on_click_action_payload(model, present))
    return found


def on_click_action_payload_v500(model: FlowModel) -> Iterable[Finding]:
    return _on_click_findings(model, ("navigate", "complete", "data_exchange"))


def on_click_action_payload_v600(model: FlowModel) -> Iterable[Finding]:
    return _on_click_findings(model, ("navigate", "complete", "data_exchange", "update_data"))


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
    # isDataChannelLessFlow: data_api_version == null (absent or null); routing_model == null likewise.
    if model.doc.get("data_api_version") is None:
        for action in model.actions:
            if action.name == "data_exchange":
                yield Finding(
                    "FL510",
                    "MISSING_REQUIRED_PROPERTY",
                    "The property 'data_api_version' is required for data_exchange action.",
                    at(action.path + ("name",)),
                )
    elif model.doc.get("routing_model") is None:
        yield Finding(
            "FL511",
            "MISSING_REQUIRED_PROPERTY",
            "The property 'routing_model' is required for property 'data_api_version'.",
            at(()),
        )


# --- OnSelectActionExclusiveV600 -----------------------------------------------------------------------
def on_select_action_exclusive(model: FlowModel) -> Iterable[Finding]:
    """Collected data-source item actions (complete/navigate/data_exchange/update_data) whose component has
    an action under the same key: one error for on-select, then one for on-unselect."""
    by_key: dict[str, list[JsonPath]] = {"on-select-action": [], "on-unselect-action": []}
    for action in model.all_actions:
        if action.item_index is not None and action.key in by_key and action.key in action.component.node:
            by_key[action.key].append(action.path)
    for key, paths in by_key.items():
        if paths:
            message = f"The '{key}' property cannot be used at both the component and data-source levels."
            yield Finding("FL512", UPDATE, message, at(*paths))


# --- UpdateDataActionRedudantSelfUpdateValidatorV600 ---------------------------------------------------
def update_data_redundant_self_update(model: FlowModel) -> Iterable[Finding]:
    """A payload key whose value is a binding whose first token is that key (``"note": "${data.note}"``),
    on a screen that declares data; one error per action with every such key."""
    for action in model.all_actions:
        payload = action.node.get("payload")
        if action.name != "update_data" or not isinstance(payload, dict):
            continue
        _, data = _declared_data(model, model.screen_of(action).id)
        if data is None:
            continue
        paths = []
        for key, value in payload.items():
            binding = model.binding(value) if _is_binding_v400(value) else None
            if binding is not None and binding.kind == "data" and not binding.is_global and binding.path[0] == key:
                paths.append(action.path + ("payload", key))
        if paths:
            yield Finding(
                "FL516",
                UPDATE,
                "Attempting to update a key with its own value is redundant and not allowed.",
                at(*paths),
            )


VALIDATORS = {
    "NavigateActionPayloadFieldsV500": navigate_action_payload_fields,
    "NavigateActionStaticDataV500": navigate_action_static_data_v500,
    "NavigateActionStaticDataV600": navigate_action_static_data_v600,
    "UpdateDataActionStaticDataV600": update_data_action_static_data,
    "ActionPayloadFieldSchemaV500": action_payload_field_schema_v500,
    "ActionPayloadFieldSchemaV600": action_payload_field_schema_v600,
    "OnClickActionPayloadV500": on_click_action_payload_v500,
    "OnClickActionPayloadV600": on_click_action_payload_v600,
    "CompleteActionV500": complete_action,
    "CompleteActionV702": complete_action,
    "ConditionallyRequiredPropertyV500": conditionally_required_property,
    "OnSelectActionExclusiveV600": on_select_action_exclusive,
    "UpdateDataActionPayloadFieldsV600": update_data_action_payload_fields,
    "UpdateDataActionRedundantSelfUpdateV600": update_data_redundant_self_update,
}
