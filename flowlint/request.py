"""Check a whole Create Flow request, as the 8x8 endpoint (and Meta behind it) would judge it.

``POST /api/v1/accounts/{accountId}/channels/{channelId}/flows`` takes a JSON body with ``name``,
``categories``, ``publish``, ``flowJson`` (the Flow JSON *as a string*), ``cloneFlowId`` and
``endPointUri`` (``spec/api-errors.md`` §1.2; the body's schema is ``schemas/create-flow-request.json``).
:func:`check_create_request` checks the path parameters and every body field, lints the ``flowJson``
string in full with :func:`flowlint.lint`, and adds the checks that need both (publishing a flow with
errors, ``data_exchange`` without an endpoint, ...).

Two kinds of findings, two coordinate systems:

* **request** findings (rules FRxxx that point into the body, and the path parameters) are what the
  server refuses with HTTP 400 and an 8x8 error body (:func:`error_body`); their positions are in the
  request file;
* **flowJson** findings are the Create Flow response's ``validationErrors``; their positions are
  *inside the flowJson string*, exactly as the API reports them (line 1 and large columns for a
  one-line string). :meth:`RequestReport.in_file` maps them onto the request file through the JSON
  string escapes (``\\n``, ``\\"``, ``\\u00e9``, surrogate pairs), for text and SARIF output.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterator, Literal
from urllib.parse import urlsplit

from flowlint.catalog import RuleInfo
from flowlint.diagnostics import (
    ERROR,
    FLOW_JSON_ERROR,
    WARNING,
    Diagnostic,
    JsonPath,
    Pointer,
    Report,
    api_error,
    format_path,
    merge_for_api,
)
from flowlint.engine import MAX_PROBLEMS, cap, lint
from flowlint.jstypes import js_type
from flowlint.positions import LineIndex, Span
from flowlint.source import MAX_BYTES, MAX_DEPTH, ParsedSource, parse_source
from flowlint.versions import LEGACY, PUBLISHABLE, SUPPORTED, parse_version_number

__all__ = [
    "RULES",
    "CATEGORIES",
    "REQUEST_ERROR",
    "RequestReport",
    "check_create_request",
    "check_path_parameters",
    "error_body",
    "create_response",
    "api_answer",
    "looks_like_create_request",
    "request_schema",
    "MAX_REQUEST_BYTES",
]

#: ``errorType`` of a finding about the request itself (not the Flow JSON).
REQUEST_ERROR = "REQUEST_ERROR"
#: 8x8 error codes (``spec/api-errors.md`` §1.4, api-error-codes.md): 1000 "Invalid parameter".
INVALID_PARAMETER = 1000

CATEGORIES = (
    "SIGN_UP",
    "SIGN_IN",
    "APPOINTMENT_BOOKING",
    "LEAD_GENERATION",
    "CONTACT_US",
    "CUSTOMER_SUPPORT",
    "SURVEY",
    "OTHER",
)
FIELDS = ("name", "categories", "publish", "flowJson", "cloneFlowId", "endPointUri")
NAME_MAX = 200
#: The largest request body read (``flowlint request``, a request file given to ``flowlint FILE``): Meta's
#: 10 MB Flow JSON limit doubled for JSON string escaping, plus room for the other fields. The server's
#: default bound (``flowlint.server.MAX_BODY_BYTES``) is the same number.
MAX_REQUEST_BYTES = 2 * MAX_BYTES + 65_536

_MEANT = {"flowname": "name", "category": "categories", "endpoint": "endPointUri", "flow": "flowJson"}


def _rule(
    code: str,
    name: str,
    summary: str,
    error: str,
    severity: Literal["error", "warning"],
    doc: str,
    *,
    source: Literal["meta", "docs", "flowlint"] = "meta",
    versions: str = "all",
) -> RuleInfo:
    return RuleInfo(code, name, summary, error, severity, versions=versions, source=source, doc=doc)


RULES = [
    _rule(
        "FR001",
        "invalid-request-body",
        "The request body is not a JSON object.",
        "INVALID_REQUEST_BODY",
        ERROR,
        """What it does: reports a Create Flow request body that is not valid JSON, not UTF-8, or not a JSON object.

Why is this bad? The server refuses it with HTTP 400 before looking at any field.

Example: `name=Example&categories=OTHER` (form encoding), or `{"name": "Example",}`

Use instead: `{"name": "Example", "categories": ["OTHER"]}` sent as `application/json`.""",
    ),
    _rule(
        "FR002",
        "invalid-account-id",
        "The `accountId` path parameter is not an 8x8 account id.",
        "INVALID_PARAMETER",
        ERROR,
        """What it does: checks the `{accountId}` path parameter: 32-36 characters matching
`^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$` (a UUID, dashes optional; 8x8 OpenAPI).

Why is this bad? The server refuses the request with HTTP 400.

Example: `/api/v1/accounts/my-account/channels/123/flows`

Use instead: `/api/v1/accounts/0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e/channels/123/flows`""",
    ),
    _rule(
        "FR003",
        "missing-channel-id",
        "The `channelId` path parameter is empty.",
        "INVALID_PARAMETER",
        ERROR,
        """What it does: reports an empty `{channelId}` path parameter.

Why is this bad? The channel identifies the WhatsApp Business Account the flow belongs to; it is required.

Example: `/api/v1/accounts/<accountId>/channels//flows`

Use instead: `/api/v1/accounts/<accountId>/channels/<channelId>/flows`""",
    ),
    _rule(
        "FR004",
        "missing-name",
        "The request body has no `name`.",
        "MISSING_REQUIRED_PARAMETER",
        ERROR,
        """What it does: reports a Create Flow body without `name`.

Why is this bad? `name` is required (8x8 OpenAPI, Meta Flows API): the server refuses the request.

Example: `{"categories": ["OTHER"]}`

Use instead: `{"name": "Appointment booking", "categories": ["OTHER"]}`""",
    ),
    _rule(
        "FR005",
        "invalid-name",
        "`name` is not a non-empty string.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports a `name` that is not a string, is empty, or is only whitespace.

Why is this bad? A flow needs a name to be listed and told apart; the server refuses the request.

Example: `"name": ""` or `"name": 42`

Use instead: `"name": "Appointment booking"`""",
    ),
    _rule(
        "FR006",
        "name-too-long",
        f"`name` is longer than {NAME_MAX} characters.",
        "INVALID_PARAMETER_VALUE",
        WARNING,
        f"""What it does: warns on a `name` longer than {NAME_MAX} characters.

Why is this bad? 8x8 and Meta do not state a maximum; the one documented limit is AWS's CreateWhatsAppFlow
(`flowName`: "Minimum length of 1. Maximum length of {NAME_MAX}",
https://docs.aws.amazon.com/social-messaging/latest/APIReference/API_CreateWhatsAppFlow.html). A longer name
is likely to be refused somewhere on the way to Meta, and is unreadable in WhatsApp Manager anyway.

Example: a name made of a whole sentence of 250 characters.

Use instead: a short name; put details in the flow itself.""",
        source="docs",
    ),
    _rule(
        "FR007",
        "missing-categories",
        "The request body has no `categories`.",
        "MISSING_REQUIRED_PARAMETER",
        ERROR,
        """What it does: reports a Create Flow body without `categories`.

Why is this bad? `categories` is required: "at least one is required" (Meta Flows API; 8x8 OpenAPI).

Example: `{"name": "Survey"}`

Use instead: `{"name": "Survey", "categories": ["SURVEY"]}`""",
    ),
    _rule(
        "FR008",
        "invalid-categories",
        "`categories` is not a non-empty array.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports `categories` that is not an array, or is an empty array.

Why is this bad? Meta: "Multiple values are possible, but at least one is required." The server refuses it.

Example: `"categories": "OTHER"` or `"categories": []`

Use instead: `"categories": ["OTHER"]`""",
    ),
    _rule(
        "FR009",
        "unknown-category",
        "A category is not one of the eight the API accepts.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports a category that is not one of SIGN_UP, SIGN_IN, APPOINTMENT_BOOKING,
LEAD_GENERATION, CONTACT_US, CUSTOMER_SUPPORT, SURVEY, OTHER (8x8 OpenAPI enum; values are upper case).

Why is this bad? The server refuses the request. SHOPPING is listed by Meta and AWS but not by 8x8.

Example: `"categories": ["sign_up", "SHOPPING"]`

Use instead: `"categories": ["SIGN_UP", "OTHER"]`""",
    ),
    _rule(
        "FR010",
        "duplicate-category",
        "A category is listed twice.",
        "INVALID_PARAMETER_VALUE",
        WARNING,
        """What it does: warns on a category that appears more than once in `categories`.

Why is this bad? A category is a set membership: the duplicate adds nothing and usually hides a typo
(the category that was meant). Neither 8x8 nor Meta documents whether the server refuses it.

Example: `"categories": ["SURVEY", "SURVEY"]`

Use instead: `"categories": ["SURVEY"]`""",
        source="flowlint",
    ),
    _rule(
        "FR011",
        "invalid-publish",
        "`publish` is not a boolean.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports a `publish` that is not `true` or `false` (for instance the string "true").

Why is this bad? The server refuses the request (8x8 OpenAPI: boolean, default false).

Example: `"publish": "true"`

Use instead: `"publish": true`""",
    ),
    _rule(
        "FR012",
        "invalid-endpoint-uri",
        "`endPointUri` is not an absolute https URI.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports an `endPointUri` that is not a string holding an absolute `https://` URI with a host.

Why is this bad? WhatsApp calls flow endpoints over HTTPS only; Meta answers error 100 "Invalid Endpoint URI".

Example: `"endPointUri": "http://example.com/flow"` or `"endPointUri": "/flow"`

Use instead: `"endPointUri": "https://example.com/flow"`""",
    ),
    _rule(
        "FR013",
        "invalid-clone-flow-id",
        "`cloneFlowId` is not a numeric flow id string.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports a `cloneFlowId` that is not a string of digits (flow ids are numeric strings,
such as "1145805540595505"; the 8x8 OpenAPI types it as a string).

Why is this bad? The server refuses it, or finds no flow to clone (Meta error 100 "Flow with specified ID does not exist").

Example: `"cloneFlowId": 1145805540595505` (a number loses digits in JavaScript) or `"cloneFlowId": "my-flow"`

Use instead: `"cloneFlowId": "1145805540595505"`""",
    ),
    _rule(
        "FR014",
        "unknown-request-field",
        "The request body has a field the API does not know.",
        "UNKNOWN_PARAMETER",
        WARNING,
        """What it does: warns on a body field other than name, categories, publish, flowJson, cloneFlowId and
endPointUri, and names the field that was probably meant (`flow_json` -> `flowJson`, `endpointUri` -> `endPointUri`).

Why is this bad? The field is ignored at best: a Graph API spelling such as `flow_json` or `endpoint_uri`
means the flow is created without its Flow JSON or without its endpoint.

Example: `{"name": "Survey", "categories": ["SURVEY"], "flow_json": "{...}"}`

Use instead: `{"name": "Survey", "categories": ["SURVEY"], "flowJson": "{...}"}`""",
        source="flowlint",
    ),
    _rule(
        "FR015",
        "flow-json-not-string",
        "`flowJson` is not a string.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports a `flowJson` that is a JSON object (or any other non-string). When it is an
object, flowlint still lints it as it would read once serialised with JSON.stringify.

Why is this bad? The API takes the Flow JSON *as a string* ("Flow JSON definition as a string"; 8x8's guide:
"flowJson must be a string"): an object is refused with HTTP 400.

Example: `"flowJson": {"version": "7.3", "screens": [...]}`

Use instead: `"flowJson": "{\\"version\\": \\"7.3\\", \\"screens\\": [...]}"` (JSON.stringify / json.dumps the flow).""",
    ),
    _rule(
        "FR016",
        "duplicate-request-field",
        "The request body has the same field twice.",
        "DUPLICATE_KEY",
        WARNING,
        """What it does: warns on a body field written twice; only the last one counts.

Why is this bad? The first value is dead text: the request does not do what it reads like.

Example: `{"publish": false, ..., "publish": true}`

Use instead: each field once.""",
        source="flowlint",
    ),
    _rule(
        "FR020",
        "publish-will-fail",
        "`publish` is true but the flow has validation errors.",
        "PUBLISHING_FLOW_WITH_VALIDATION_ERRORS",
        ERROR,
        """What it does: reports `"publish": true` on a request whose Flow JSON has validation errors.

Why is this bad? "Flows with validation errors can be saved as a draft, but not published" (Meta error 139002
"Publishing Flow with validation errors"): the publish fails.

Example: `{"publish": true, "flowJson": "{\\"version\\": \\"7.3\\"}"}` (no screens)

Use instead: fix the validation errors first, or send `"publish": false` to save a draft.""",
    ),
    _rule(
        "FR021",
        "publish-unlisted-version",
        "`publish` is true but the Flow JSON version is not publishable.",
        "INVALID_FLOW_JSON_VERSION",
        WARNING,
        """What it does: warns when `publish` is true and the flow's `version` is one Meta's validator knows but
Meta's changelog does not list for publishing (5.2, 7.4). Versions below 5.1 are refused outright
(FL103, an error in a request).

Why is this bad? Meta publishes only 5.1, 6.0-6.3 and 7.0-7.3 ("Currently Supported Versions",
https://developers.facebook.com/docs/whatsapp/flows/changelogs; AWS says the same): the publish may be refused
with error 139002 "Versions in Flow JSON file are not available for publishing".

Example: `"version": "7.4"` with `"publish": true`

Use instead: `"version": "7.3"`""",
        source="docs",
    ),
    _rule(
        "FR022",
        "data-exchange-without-endpoint",
        "The flow uses `data_exchange` but the request sets no endpoint.",
        "MISSING_ENDPOINT_URI",
        WARNING,
        """What it does: reports a flow that uses the `data_exchange` action (from Flow JSON 3.0) in a request
without `endPointUri` (and without `cloneFlowId`, whose source flow may carry one). It is an error when
`publish` is true.

Why is this bad? From 3.0 the endpoint is set only through the API (`endpoint_uri`, 8x8 `endPointUri`);
"Publishing without specifying endpoint_uri is forbidden" (Meta error 139002). A draft can get its endpoint
later (update flow), so without `publish` it is a warning.

Example: `{"name": "Booking", "categories": ["APPOINTMENT_BOOKING"], "publish": true, "flowJson": "...data_exchange..."}`

Use instead: add `"endPointUri": "https://example.com/flow-endpoint"`.""",
    ),
    _rule(
        "FR023",
        "endpoint-uri-below-3",
        "`endPointUri` is given for a Flow JSON version below 3.0.",
        "INVALID_PARAMETER_VALUE",
        ERROR,
        """What it does: reports `endPointUri` on a request whose Flow JSON version is below 3.0.

Why is this bad? Before 3.0 the endpoint lives in the Flow JSON (`data_channel_uri`); Meta refuses the
parameter with error 100 "Specify Endpoint Uri in Flow JSON".

Example: `"endPointUri": "https://example.com/flow"` with `"version": "2.1"`

Use instead: migrate the flow to 7.3 and keep `endPointUri`.""",
        versions="2.1",
    ),
    _rule(
        "FR024",
        "data-channel-uri-in-flow",
        "The flow has `data_channel_uri`, which Flow JSON 3.0 removed.",
        "INVALID_PROPERTY_KEY",
        ERROR,
        """What it does: reports a top-level `data_channel_uri` in a Flow JSON of version 3.0 or later.

Why is this bad? From 3.0 the endpoint is set only through the API ("For Flow JSON 3.0+, specify endpoint
with API endpoint_uri, not data_channel_uri"); the property is not part of the Flow JSON any more.

Example: `{"version": "7.3", "data_channel_uri": "https://example.com", ...}`

Use instead: remove it from the flow and send `"endPointUri": "https://example.com"` in the request.""",
        versions="3.0+",
    ),
    _rule(
        "FR025",
        "clone-with-flow-json",
        "The request both clones a flow and gives a Flow JSON.",
        "INVALID_PARAMETER_VALUE",
        WARNING,
        """What it does: warns on a request with both `cloneFlowId` and `flowJson`.

Why is this bad? Cloning copies the source flow's Flow JSON into the new flow; the `flowJson` given here
then either replaces that copy or is ignored, and neither 8x8 nor Meta documents which. The request does not
say what it means.

Example: `{"name": "Copy", "categories": ["OTHER"], "cloneFlowId": "1145805540595505", "flowJson": "{...}"}`

Use instead: either `cloneFlowId` (then update the copy), or `flowJson` alone.""",
        source="flowlint",
    ),
    _rule(
        "FR026",
        "publish-without-flow-json",
        "`publish` is true but the request has no `flowJson`.",
        "INVALID_PARAMETER_VALUE",
        WARNING,
        """What it does: warns on `"publish": true` in a request without `flowJson`.

Why is this bad? Meta: publish "Only works if flow_json is also provided with valid Flow JSON." The flow is
created as a draft (or from its clone) and not published.

Example: `{"name": "Survey", "categories": ["SURVEY"], "publish": true}`

Use instead: send the Flow JSON in `flowJson`, or publish later with the publish endpoint.""",
    ),
]

_SEVERITY = {info.code: info.severity for info in RULES}
_ERROR_NAME = {info.code: info.meta_error for info in RULES}


# --------------------------------------------------------------------------------------------------
# The schema


@lru_cache(maxsize=1)
def request_schema() -> dict[str, Any]:
    """``schemas/create-flow-request.json`` (installed as ``flowlint.schemas``, or from the checkout)."""
    try:
        text = resources.files("flowlint.schemas").joinpath("create-flow-request.json").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        text = (Path(__file__).resolve().parents[1] / "schemas" / "create-flow-request.json").read_text(
            encoding="utf-8"
        )
    return json.loads(text)


@lru_cache(maxsize=4)
def _validator(definition: str | None = None) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry

    schema = request_schema()
    if definition is not None:
        schema = {**schema["$defs"][definition], "$schema": schema["$schema"]}
    else:
        # The categories' items and their uniqueness are checked by _check_categories, in linear time:
        # jsonschema validates items one by one (300 000 took 5 s) and compares unhashable items pairwise
        # for uniqueItems (3 000 distinct objects: 7 s).
        categories = {
            k: v for k, v in schema["properties"]["categories"].items() if k not in ("items", "uniqueItems")
        }
        schema = {**schema, "properties": {**schema["properties"], "categories": categories}}
    # An explicit, empty registry: a `$ref` outside this schema is refused (Unresolvable). Without one,
    # jsonschema's default registry would still fetch remote references over HTTP (deprecated, not gone).
    return Draft202012Validator(schema, registry=Registry())


# --------------------------------------------------------------------------------------------------
# The report


Scope = Literal["request", "flowJson"]


@dataclass
class RequestReport(Report):
    """The findings on one Create Flow request.

    ``diagnostics`` = ``request_diagnostics`` (positions in the request file; errors are what the server
    refuses with HTTP 400) followed by ``flow_diagnostics`` (positions inside the ``flowJson`` string, as
    the API's ``validationErrors`` give them). ``source`` is the request text; ``flow_source`` the
    ``flowJson`` text; ``value`` the parsed body.
    """

    request_diagnostics: list[Diagnostic] = field(default_factory=list)
    flow_diagnostics: list[Diagnostic] = field(default_factory=list)
    flow_source: str | None = None
    flow_report: Report | None = field(default=None, repr=False)
    publish: bool = False
    _to_file: Callable[[Pointer], Span | None] | None = field(default=None, repr=False)
    _scope_key: tuple[int, int] | None = field(default=None, repr=False, compare=False)
    _flow_ids: set[int] = field(default_factory=set, repr=False, compare=False)

    def scope(self, diag: Diagnostic) -> Scope:
        """``"flowJson"`` for a finding whose positions are inside the flowJson string, else ``"request"``."""
        key = (id(self.flow_diagnostics), len(self.flow_diagnostics))
        if self._scope_key != key:  # computed once per list, not once per call (reporters ask for every finding)
            self._scope_key, self._flow_ids = key, {id(d) for d in self.flow_diagnostics}
        return "flowJson" if id(diag) in self._flow_ids else "request"

    @property
    def refusals(self) -> list[Diagnostic]:
        """The findings for which the server answers HTTP 400 instead of creating the flow."""
        return [d for d in self.request_diagnostics if d.severity == ERROR]

    @property
    def accepted(self) -> bool:
        return not self.refusals

    def to_api(self, *, include_warnings: bool = False) -> list[dict[str, Any]]:
        """The Create Flow response's ``validationErrors``: Flow JSON findings only, positions in flowJson."""
        chosen = [d for d in self.flow_diagnostics if include_warnings or d.severity == ERROR]
        return [api_error(d) for d in merge_for_api(chosen)]

    def to_graph(self, *, include_warnings: bool = False) -> list[dict[str, Any]]:
        chosen = [d for d in self.flow_diagnostics if include_warnings or d.severity == ERROR]
        return [api_error(d, snake_case=True) for d in merge_for_api(chosen)]

    def in_file(self, diag: Diagnostic) -> Diagnostic:
        """The same finding with every span in request-file coordinates (flowJson findings are mapped)."""
        if self.scope(diag) == "request" or self._to_file is None:
            return diag
        return replace(diag, pointers=tuple(replace(p, span=self._to_file(p)) for p in diag.pointers))

    def file_report(self) -> Report:
        """A plain :class:`Report` on the request file, for reporters that show code frames (text, SARIF)."""
        return Report(
            [self.in_file(d) for d in self.diagnostics],
            source=self.source,
            filename=self.filename,
            version=self.version,
            value=self.value,
        )

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every finding with its scope; flowJson findings also carry ``file``: their place in the request file."""
        out = []
        for diag in self.diagnostics:
            entry = {"scope": self.scope(diag), **diag.to_dict()}
            if entry["scope"] == "flowJson":
                span = self.in_file(diag).span
                entry["file"] = span.as_api() if span else None
            out.append(entry)
        return out


# --------------------------------------------------------------------------------------------------
# Response shapes


def error_body(code: int, message: str, *, error_id: str | None = None, timestamp: str | None = None) -> dict[str, Any]:
    """An 8x8 error body (HTTP >= 400): ``{"code", "message", "errorId", "timestamp"}``."""
    return {
        "code": code,
        "message": message,
        "errorId": error_id or str(uuid.uuid4()),
        "timestamp": timestamp or datetime.now(timezone.utc).isoformat(),
    }


def create_response(report: RequestReport, flow_id: str) -> dict[str, Any]:
    """The Create Flow 200 body: ``{"id", "success"}`` plus ``validationErrors`` when there are any."""
    body: dict[str, Any] = {"id": flow_id, "success": True}
    errors = report.to_api()
    if errors:
        body["validationErrors"] = errors
    return body


def api_answer(report: RequestReport, *, flow_id: str | None = None) -> tuple[int, dict[str, Any]]:
    """What the endpoint answers: (400, 8x8 error body) for a refused request, else (200, create response).

    Without ``flow_id`` a stable numeric id is derived from the request text.
    """
    refusals = report.refusals
    if refusals:
        message = refusals[0].message
        if len(refusals) > 1:
            message += f" (and {len(refusals) - 1} more problem{'s' if len(refusals) > 2 else ''})"
        return 400, error_body(INVALID_PARAMETER, message)
    if flow_id is None:
        digest = hashlib.sha256((report.source or "").encode("utf-8", "surrogatepass")).hexdigest()
        flow_id = str(10**14 + int(digest[:15], 16) % (9 * 10**14))
    return 200, create_response(report, flow_id)


def looks_like_create_request(value: Any) -> bool:
    """True for a parsed JSON value that is a Create Flow body rather than a Flow JSON document."""
    if not isinstance(value, dict) or "screens" in value or "version" in value:
        return False
    return "flowJson" in value or ("name" in value and "categories" in value)


# --------------------------------------------------------------------------------------------------
# Reading the body


@dataclass
class _Body:
    text: str
    value: Any = None
    parsed: ParsedSource | None = None
    findings: list[Diagnostic] = field(default_factory=list)

    def span(self, path: JsonPath, target: Literal["value", "key"] = "value") -> Span | None:
        if self.parsed is None or self.parsed.fatal:
            return None
        return self.parsed.source_map.locate(Pointer(path, target))

    def pointer(self, path: JsonPath, target: Literal["value", "key"] = "value") -> Pointer:
        """A pointer at ``path``, located by :meth:`locate` once the findings are capped (``max-problems``):
        300 000 duplicate categories make 300 000 findings, of which only the shown ones need a place."""
        return Pointer(path, target)

    def locate(self, diag: Diagnostic) -> Diagnostic:
        if diag.located or (self.parsed is not None and self.parsed.fatal) or (self.parsed is None and not self.text):
            return diag
        if self.parsed is None:  # a body too large for a source map: the start of the file, as for its flowJson
            start = Span(1, 1, 1, 2, 0, 1)  # LineIndex(text).point(0), without indexing 20 MB per finding
            return replace(diag, pointers=tuple(p if p.span else replace(p, span=start) for p in diag.pointers))
        source_map = self.parsed.source_map
        return replace(diag, pointers=tuple(replace(p, span=source_map.locate(p)) for p in diag.pointers))


def _finding(
    code: str,
    message: str,
    pointer: Pointer,
    *,
    fix: str | None = None,
    severity: Literal["error", "warning"] | None = None,
    error_type: str = REQUEST_ERROR,
) -> Diagnostic:
    return Diagnostic(_ERROR_NAME[code], message, (pointer,), code, severity or _SEVERITY[code], error_type, fix)


def _read_body(body: bytes | str | dict[str, Any] | Any) -> _Body:
    if not isinstance(body, (bytes, bytearray, str)):
        try:
            text = json.dumps(body, ensure_ascii=False, indent=2, allow_nan=False)
        except (TypeError, ValueError) as exc:
            out = _Body("")
            out.findings.append(
                _finding("FR001", f"The request body cannot be sent as JSON: {exc}.", Pointer((), span=None))
            )
            return out
        return _parse_text(text)
    return _parse_text(bytes(body) if isinstance(body, bytearray) else body)


def _parse_text(data: bytes | str) -> _Body:
    # Meta's 10 MB limit is the flow's, checked on flowJson; a body holding a 10 MB flow is larger once escaped
    # (its reader bounds it: the CLI's read cap, serve's --max-body-bytes).
    parsed = parse_source(data, max_bytes=None)
    out = _Body(parsed.text, parsed.value, parsed)
    for diag in parsed.diagnostics:
        if diag.rule == "FL004":
            key = diag.path[-1]
            where = "the body" if len(diag.path) == 1 else f"'{diag.pointers[0].path_text}'"
            out.findings.append(
                _finding(
                    "FR016",
                    f"Duplicate field '{key}' in {where}: only this last occurrence is used.",
                    diag.pointers[0],
                    fix=f"Remove the earlier '{key}'.",
                )
            )
        elif diag.rule == "FL008":
            out.findings.append(
                _finding(
                    "FR001",
                    "The request body must be a JSON object.",
                    diag.pointers[0],
                    fix='Send {"name": ..., "categories": [...], "flowJson": "..."}.',
                )
            )
        elif diag.rule != "FL003":  # a byte-order mark is the HTTP client's business, not the API's
            reason = diag.message.removeprefix("Flow JSON is not valid. ")
            out.findings.append(_finding("FR001", f"The request body is not valid JSON: {reason}", diag.pointers[0]))
    return out


# --------------------------------------------------------------------------------------------------
# Path parameters and fields


def check_path_parameters(account_id: str | None, channel_id: str | None) -> list[Diagnostic]:
    """The findings on the ``{accountId}`` and ``{channelId}`` path parameters (``None``: not checked)."""
    return list(_check_path_parameters(account_id, channel_id))


def _check_path_parameters(account_id: str | None, channel_id: str | None) -> Iterator[Diagnostic]:
    if account_id is not None and not _validator("accountId").is_valid(account_id):
        yield _finding(
            "FR002",
            f"accountId '{account_id}' is not a valid account id: expected 32-36 characters, a UUID with or "
            "without dashes.",
            Pointer(()),
            fix="Use the account id shown in 8x8 Connect (for example 0f8d5b52-5a8e-4c0b-9c1e-6f7a1b2c3d4e).",
        )
    if channel_id is not None and not _validator("channelId").is_valid(channel_id):
        yield _finding("FR003", "channelId must not be empty.", Pointer(()), fix="Put the channel id in the path.")


def _check_fields(body: _Body, *, max_problems: int | None = None) -> Iterator[Diagnostic]:
    value = body.value
    seen: set[tuple[str, JsonPath]] = set()
    categories_checked = False
    for err in _validator().iter_errors(value):
        if not categories_checked and err.absolute_path and err.absolute_path[0] not in ("name", "categories"):
            categories_checked = True  # in the schema's order of fields, as jsonschema would have said them
            yield from _check_categories(body, value.get("categories"), max_problems)
        for diag in _explain_schema_error(body, err):
            key = (diag.rule, diag.path)
            if key not in seen:
                seen.add(key)
                yield diag
    if not categories_checked:
        yield from _check_categories(body, value.get("categories"), max_problems)
    endpoint = value.get("endPointUri")
    if isinstance(endpoint, str) and ("FR012", ("endPointUri",)) not in seen and not _is_https_uri(endpoint):
        yield _bad_endpoint(body, endpoint)


def _explain_schema_error(body: _Body, err: Any) -> Iterator[Diagnostic]:
    path = tuple(err.absolute_path)
    keyword = err.validator
    instance = err.instance
    if not path:
        if keyword == "required":
            for name in err.validator_value:
                if name not in instance:
                    code = "FR004" if name == "name" else "FR007"
                    example = '"name": "Appointment booking"' if name == "name" else '"categories": ["OTHER"]'
                    yield _finding(
                        code,
                        f"The request body has no '{name}': it is required.",
                        body.pointer(()),
                        fix=f"Add {example}.",
                    )
        elif keyword == "additionalProperties":
            for name in instance:
                if name not in FIELDS:
                    yield _unknown_field(body, name)
        return
    field_name = path[0]
    if field_name == "name":
        if keyword == "maxLength":
            yield _finding(
                "FR006",
                f"name is {len(instance)} characters long; the documented maximum is {NAME_MAX}.",
                body.pointer(path),
                fix=f"Shorten the name to at most {NAME_MAX} characters.",
            )
        elif not isinstance(instance, str):
            yield _finding("FR005", f"name must be a string, not {_json_type(instance)}.", body.pointer(path))
        else:
            yield _finding(
                "FR005",
                "name must not be empty or blank.",
                body.pointer(path),
                fix='Give the flow a name, e.g. "Appointment booking".',
            )
    elif field_name == "categories":  # its items: _check_categories
        what = "an empty array" if instance == [] else _json_type(instance)
        yield _finding(
            "FR008",
            f"categories must be a non-empty array of categories, not {what}.",
            body.pointer(path),
            fix='Use e.g. "categories": ["OTHER"].',
        )
    elif field_name == "publish":
        hint = f" (write {str(instance).lower()} without quotes)" if instance in ("true", "false") else ""
        yield _finding(
            "FR011",
            f"publish must be true or false, not {_json_type(instance)}{hint}.",
            body.pointer(path),
            fix="Use a JSON boolean.",
        )
    elif field_name == "flowJson":
        yield _flow_json_not_string(body, instance)
    elif field_name == "cloneFlowId":
        if isinstance(instance, int) and not isinstance(instance, bool):
            message = (
                f'cloneFlowId must be a string of digits, not a number: write "{instance}" '
                "(a number this long loses digits in JavaScript)."
            )
        else:
            message = f"cloneFlowId must be a numeric flow id string (digits only), not {_show(instance)}."
        yield _finding("FR013", message, body.pointer(path), fix='Use the id as a string, e.g. "1145805540595505".')
    elif field_name == "endPointUri":
        yield _bad_endpoint(body, instance)


def _unknown_field(body: _Body, name: str) -> Diagnostic:
    squashed = name.replace("_", "").replace("-", "").lower()
    meant = next((f for f in FIELDS if f.lower() == squashed), None) or _MEANT.get(squashed)
    hint = f" Did you mean '{meant}'?" if meant else ""
    consequence = ""
    if meant == "flowJson":
        consequence = " As written, the flow is created without its Flow JSON."
    elif meant == "endPointUri":
        consequence = " As written, the flow is created without its endpoint."
    return _finding(
        "FR014",
        f"Unknown field '{name}' in the request body.{hint}{consequence}",
        body.pointer((name,), "key"),
        fix=f"Rename '{name}' to '{meant}'." if meant else f"Remove '{name}'.",
    )


def _check_categories(body: _Body, categories: Any, max_problems: int | None) -> Iterator[Diagnostic]:
    """The schema's ``uniqueItems`` (FR010 at each repeat), then its ``items`` (FR009), in linear time."""
    if not isinstance(categories, list):
        return  # FR008, from the schema
    seen: set[Any] = set()
    repeats: list[int] = []
    for index, item in enumerate(categories):
        key = _json_key(item)
        if key in seen:
            repeats.append(index)
        else:
            seen.add(key)
    yield from _built(
        repeats,
        max_problems,
        lambda index: _finding(
            "FR010",
            f"Category {_show(categories[index])} is listed twice.",
            body.pointer(("categories", index)),
            fix="Remove the duplicate.",
        ),
    )
    unknown = [index for index, item in enumerate(categories) if not isinstance(item, str) or item not in CATEGORIES]
    yield from _built(
        unknown, max_problems, lambda index: _unknown_category(body, ("categories", index), categories[index])
    )


def _built(indices: list[int], max_problems: int | None, make: Callable[[int], Diagnostic]) -> Iterator[Diagnostic]:
    """``make(index)`` for each index; past ``max_problems`` of them, the last finding again instead of a new one.
    :func:`flowlint.engine.cap` counts those and never keeps them (it keeps at most ``max_problems``, in order, and
    these come after as many of their kind); building 300 000 findings took seconds."""
    last: Diagnostic | None = None
    for count, index in enumerate(indices):
        if max_problems and max_problems > 0 and count >= max_problems and last is not None:
            yield from itertools.repeat(last, len(indices) - count)
            return
        last = make(index)
        yield last


def _json_key(value: Any) -> Any:
    """A hashable key, equal for values JSON Schema's ``uniqueItems`` calls equal: ``1`` and ``1.0`` alike,
    ``true`` and ``1`` not, object members in any order (inside arrays and objects ``1`` and ``1.0`` differ:
    such an item is an unknown category anyway)."""
    if isinstance(value, (dict, list)):
        try:
            return ("json", json.dumps(value, sort_keys=True, ensure_ascii=False))
        except RecursionError:
            return ("deep", id(value))
    return (type(value) is bool, value)


def _unknown_category(body: _Body, path: JsonPath, item: Any) -> Diagnostic:
    allowed = ", ".join(CATEGORIES)
    if isinstance(item, str) and item.upper() in CATEGORIES:
        message = f"Unknown category '{item}': categories are upper case ('{item.upper()}')."
    elif item == "SHOPPING":
        message = f"Unknown category 'SHOPPING': Meta lists it, but the 8x8 API accepts only {allowed}."
    else:
        message = f"Unknown category {_show(item)}: expected one of {allowed}."
    return _finding("FR009", message, body.pointer(path), fix="Use one of the eight categories.")


def _flow_json_not_string(body: _Body, instance: Any) -> Diagnostic:
    if isinstance(instance, (dict, list)):
        message = (
            f"flowJson must be a string, not a JSON {'object' if isinstance(instance, dict) else 'array'}: "
            "send the Flow JSON serialised as a string (JSON.stringify(flow) / json.dumps(flow))."
        )
    else:
        message = f"flowJson must be a string holding the Flow JSON, not {_json_type(instance)}."
    return _finding(
        "FR015",
        message,
        body.pointer(("flowJson",)),
        fix='"flowJson": "{\\"version\\": \\"7.3\\", \\"screens\\": [...]}"',
    )


def _bad_endpoint(body: _Body, instance: Any) -> Diagnostic:
    if not isinstance(instance, str):
        message = f"endPointUri must be a string, not {_json_type(instance)}."
    elif instance.lower().startswith("http://"):
        message = f"endPointUri '{instance}' must use https: WhatsApp calls flow endpoints over HTTPS only."
    else:
        message = f"endPointUri '{instance}' is not an absolute https URI."
    return _finding(
        "FR012",
        message,
        body.pointer(("endPointUri",)),
        fix='Use e.g. "endPointUri": "https://example.com/flow-endpoint".',
    )


def _is_https_uri(text: str) -> bool:
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname)


_TYPE_PHRASE = {"null": "null", "boolean": "a boolean", "number": "a number", "array": "an array", "object": "an object"}


def _json_type(value: Any) -> str:
    """The value's JSON type as a phrase for a message; a string is quoted (its start)."""
    if isinstance(value, str):
        return f"the string {json.dumps(value)[:60]}"
    return _TYPE_PHRASE[js_type(value)]


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:60]


# --------------------------------------------------------------------------------------------------
# flowJson: lint it, and map its positions onto the request file


def _escape_map(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """For the JSON string token ``text[start:end]`` (quotes included): where each decoded character's
    source begins and ends in ``text``. A surrogate pair written as two ``\\u`` escapes is one character."""
    starts: list[int] = []
    ends: list[int] = []
    i, stop = start + 1, end - 1
    while i < stop:
        if text[i] != "\\":
            j = i + 1
        elif text[i + 1] != "u":
            j = i + 2
        else:
            j = i + 6
            unit = int(text[i + 2 : i + 6], 16)
            if 0xD800 <= unit < 0xDC00 and text.startswith("\\u", j):
                low = text[j + 2 : j + 6]
                if all(c in "0123456789abcdefABCDEF" for c in low) and 0xDC00 <= int(low, 16) < 0xE000:
                    j += 6
        starts.append(i)
        ends.append(j)
        i = j
    return starts, ends


def _string_mapper(body: _Body, flow_text: str) -> Callable[[Pointer], Span | None]:
    token = body.span(("flowJson",))
    if token is None or token.start < 0 or body.parsed is None:
        return _start_of(body.text)  # a body too large for a source map: no finer place to show
    starts, ends = _escape_map(body.text, token.start, token.end)
    if len(starts) != len(flow_text):  # pragma: no cover - the body parsed, so its escapes are well-formed
        return _start_of(body.text)
    shift = 1 if flow_text.startswith("\ufeff") else 0  # lint skips a BOM; its offsets start after it
    close_quote = token.end - 1
    index = body.parsed.index

    def to_file(pointer: Pointer) -> Span | None:
        span = pointer.span
        if span is None or span.start < 0:
            return index.span(token.start, token.end)
        first, last = span.start + shift, span.end + shift
        raw_start = starts[first] if first < len(starts) else close_quote
        if last <= first:
            return index.span(raw_start, raw_start)
        raw_end = ends[last - 1] if last - 1 < len(ends) else close_quote + 1
        return index.span(raw_start, raw_end)

    return to_file


def _start_of(text: str) -> Callable[[Pointer], Span | None]:
    start = LineIndex(text).point(0)
    return lambda pointer: start


def _object_mapper(body: _Body) -> Callable[[Pointer], Span | None]:
    """flowJson sent as an object: a flow path is a body path under ``flowJson``."""

    if body.parsed is None:
        return _start_of(body.text)

    def to_file(pointer: Pointer) -> Span | None:
        return body.span(("flowJson",) + tuple(pointer.path), pointer.target)

    return to_file


def _lint_flow(flow_text: str, *, max_problems: int | None = MAX_PROBLEMS) -> Report:
    report = lint(flow_text, max_problems=max_problems)
    # In a request the version refusal is what the server answers (spec/flowjson.md §1.1): an error.
    report.diagnostics = [d.with_rule(d.rule, ERROR) if d.rule == "FL103" else d for d in report.diagnostics]
    # Fixes are offsets into the flow's own text, not into the request file: a request body is not fixed.
    report.diagnostics = [replace(d, autofix=None) if d.autofix is not None else d for d in report.diagnostics]
    return report


def _walk_actions(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """(path, action name) of every ``*-action`` object in a flow."""
    stack: list[tuple[JsonPath, Any]] = [(path, value)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                if isinstance(key, str) and key.endswith("-action") and isinstance(child, dict):
                    name = child.get("name")
                    if isinstance(name, str):
                        yield here + (key,), name
                stack.append((here + (key,), child))
        elif isinstance(node, list):
            stack.extend((here + (i,), child) for i, child in enumerate(node))


def _flow_pointer(flow_text: str, path: JsonPath, target: Literal["value", "key"] = "value") -> Pointer:
    parsed = parse_source(flow_text)
    return Pointer(path, target, span=None if parsed.fatal else parsed.source_map.locate(Pointer(path, target)))


def _check_consistency(
    body: _Body, flow_text: str | None, flow: Report | None
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(request findings, flowJson findings) that need the body and the flow together."""
    value = body.value
    request: list[Diagnostic] = []
    in_flow: list[Diagnostic] = []
    publish = value.get("publish") is True
    has_flow_json = "flowJson" in value
    if publish and not has_flow_json:
        request.append(
            _finding(
                "FR026",
                "publish is true but the request has no flowJson: there is nothing to "
                "publish; the flow is created as a draft.",
                body.pointer(("publish",)),
            )
        )
    if "cloneFlowId" in value and has_flow_json:
        request.append(
            _finding(
                "FR025",
                f"The request clones flow {_show(value['cloneFlowId'])} and also gives a flowJson: the clone's Flow "
                "JSON is either replaced by this one or kept, and the API does not document which.",
                body.pointer(("cloneFlowId",)),
                fix="Send cloneFlowId alone (then update the copy), or flowJson alone.",
            )
        )
    if flow is None or flow_text is None:
        return request, in_flow

    _check_version_dependent(body, flow_text, flow, request, in_flow)
    errors = [d for d in flow.diagnostics + in_flow if d.severity == ERROR]
    if publish and errors and isinstance(value.get("flowJson"), str):
        n = len(merge_for_api(errors))
        request.append(
            _finding(
                "FR020",
                f"publish is true but the Flow JSON has {n} validation error{'s' if n != 1 else ''}: a flow with "
                "validation errors can be saved as a draft but not published (Meta error 139002 'Publishing Flow "
                "with validation errors').",
                body.pointer(("publish",)),
                fix='Fix the validation errors, or send "publish": false to save a draft.',
            )
        )
    return request, in_flow


def _check_version_dependent(
    body: _Body, flow_text: str, flow: Report, request: list[Diagnostic], in_flow: list[Diagnostic]
) -> None:
    """The checks that depend on the flow's version: publishable versions, the endpoint, data_channel_uri."""
    value = body.value
    publish = value.get("publish") is True
    doc = flow.value if isinstance(flow.value, dict) else None
    raw_version = doc.get("version") if doc else None
    number = parse_version_number(raw_version) if isinstance(raw_version, str) else None
    if doc is None or number is None or (number not in SUPPORTED and number not in LEGACY):
        return

    if publish and number in SUPPORTED and number not in PUBLISHABLE:
        in_flow.append(
            _finding(
                "FR021",
                f"Flow JSON version {SUPPORTED[number]} is not in Meta's list of versions available for publishing "
                "(5.1, 6.0-6.3, 7.0-7.3): the publish may be refused (error 139002).",
                _flow_pointer(flow_text, ("version",)),
                fix='Use "version": "7.3".',
                error_type=FLOW_JSON_ERROR,
            )
        )

    endpoint = value.get("endPointUri")
    if number < 300 and endpoint is not None:
        request.append(
            _finding(
                "FR023",
                f"endPointUri is given but the Flow JSON version is {LEGACY.get(number, raw_version)}: below 3.0 the "
                "endpoint is data_channel_uri in the Flow JSON (Meta error 100 'Specify Endpoint Uri in Flow JSON').",
                body.pointer(("endPointUri",)),
                fix='Migrate the flow to "version": "7.3" and keep endPointUri.',
            )
        )
    if number >= 300 and "data_channel_uri" in doc:
        already = any(p.path == ("data_channel_uri",) for d in flow.diagnostics for p in d.pointers)
        if not already:
            in_flow.append(
                _finding(
                    "FR024",
                    "data_channel_uri is not allowed from Flow JSON 3.0: set the endpoint with the request's "
                    "endPointUri instead.",
                    _flow_pointer(flow_text, ("data_channel_uri",), "key"),
                    fix="Remove data_channel_uri and send its URL as endPointUri.",
                    error_type=FLOW_JSON_ERROR,
                )
            )

    exchange = next((p for p, name in _walk_actions(doc) if name == "data_exchange"), None)
    if exchange is not None and "cloneFlowId" not in value:
        where = format_path(exchange)
        if number >= 300 and endpoint is None:
            request.append(
                _finding(
                    "FR022",
                    f"The flow uses data_exchange (at {where}) but the request has no endPointUri: from Flow JSON 3.0 "
                    "the endpoint is set only through the API"
                    + (
                        ", and publishing without it is forbidden (Meta error 139002)."
                        if publish
                        else "; set it before publishing."
                    ),
                    body.pointer(()),
                    fix='Add "endPointUri": "https://example.com/flow-endpoint".',
                    severity=ERROR if publish else WARNING,
                )
            )
        elif number < 300 and publish and "data_channel_uri" not in doc:
            request.append(
                _finding(
                    "FR022",
                    f"The flow uses data_exchange (at {where}) but has no data_channel_uri: a Flow JSON "
                    f"{LEGACY[number]} flow cannot be published without it (Meta error 139002).",
                    body.pointer(()),
                    severity=ERROR,
                )
            )


# --------------------------------------------------------------------------------------------------
# The entry point


def check_create_request(
    body: bytes | str | dict[str, Any],
    *,
    account_id: str | None = None,
    channel_id: str | None = None,
    filename: str | None = None,
    max_problems: int | None = MAX_PROBLEMS,
) -> RequestReport:
    """Check a Create Flow request: path parameters, every body field, and the ``flowJson`` linted in full.

    ``body`` is the raw body (bytes or text) or an already parsed dict. Never raises on bad input.
    Path parameters left as ``None`` are not checked. ``max_problems`` caps the request findings and,
    separately, the flowJson findings, as :func:`flowlint.lint` does (FL099; 0 or None: no cap).
    """
    parameters = check_path_parameters(account_id, channel_id)
    request = list(parameters)
    parsed = _read_body(body)
    request.extend(parsed.findings)
    value = parsed.value
    report = RequestReport([], source=parsed.text, filename=filename, value=value)
    if not isinstance(value, dict):
        report.request_diagnostics = _capped(parsed, request, parameters, max_problems)
        report.diagnostics = list(report.request_diagnostics)
        return report

    request.extend(_check_fields(parsed, max_problems=max_problems))
    report.publish = value.get("publish") is True
    flow_text: str | None = None
    flow: Report | None = None
    raw_flow = value.get("flowJson")
    if isinstance(raw_flow, str):
        flow_text = raw_flow
        report._to_file = _string_mapper(parsed, flow_text)
    elif isinstance(raw_flow, (dict, list)):
        # What the API would get once the caller stringifies the object: JSON.stringify's compact form.
        flow_text = json.dumps(raw_flow, ensure_ascii=False, separators=(",", ":"))
        report._to_file = _object_mapper(parsed)
    if flow_text is not None:
        flow = _lint_flow(flow_text, max_problems=max_problems)
        report.flow_report = flow
        report.flow_source = flow.source
        report.version = flow.version

    more_request, more_flow = _check_consistency(parsed, flow_text, flow)
    request.extend(more_request)
    report.request_diagnostics = _capped(parsed, request, parameters, max_problems)
    report.flow_diagnostics = (list(flow.diagnostics) if flow else []) + more_flow
    report.diagnostics = report.request_diagnostics + report.flow_diagnostics
    return report


def _capped(
    body: _Body, found: list[Diagnostic], parameters: list[Diagnostic], max_problems: int | None
) -> list[Diagnostic]:
    """The request findings kept under ``max_problems`` (:func:`flowlint.engine.cap`), located and in body
    order, then FL099 if some were left out. Path-parameter findings have no place in the body."""
    kept = cap(found, max_problems)
    more = kept[-1:] if kept is not found else []
    outside = {id(diag) for diag in parameters}
    located = [diag if id(diag) in outside else body.locate(diag) for diag in kept[: len(kept) - len(more)]]
    located.sort(key=_body_order)
    return located + more


def _body_order(diag: Diagnostic) -> tuple[int, int]:
    span = diag.span
    return (0, -1) if span is None else (1, span.start)
