"""The ``flowlint request`` and ``flowlint serve`` commands (registered lazily by ``flowlint.cli``).

The click layer only turns options into calls: the checking lives in :mod:`flowlint.request`, the server
in :mod:`flowlint.server`. Exit codes as for linting: 0 nothing the API would reject, 1 errors found,
2 usage or input/output error.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Any, Callable

import click

from flowlint.diagnostics import Diagnostic
from flowlint.escaping import visible
from flowlint.request import MAX_REQUEST_BYTES, RequestReport, api_answer, check_create_request

__all__ = ["request_command", "serve_command", "render_text", "render_api", "render_json", "REPORTERS"]


def render_text(report: RequestReport) -> str:
    """``file:line:col: RULE severity message``, in request-file positions; flowJson findings also say
    where they are inside the flowJson string (the position the API reports). The file name, messages,
    paths and hints are the request's words, shown with :func:`~flowlint.escaping.visible`."""
    name = visible(report.filename or "<request>")
    lines: list[str] = []
    for diag in report.diagnostics:
        in_file = report.in_file(diag)
        in_flow = report.scope(diag) == "flowJson"
        if not diag.pointers:
            lines.append(_text_line(name, in_file, diag, in_flow))
            if diag.fix:
                lines.append(f"    fix: {visible(diag.fix)}")
            continue
        # Every place of a merged error (Meta's one error for one message at several paths), each with its hint.
        for (place, fix), (inner, _) in zip(in_file.places(), diag.places()):
            lines.append(_text_line(name, replace(in_file, pointers=(place,)),
                                    replace(diag, pointers=(inner,)), in_flow))
            if fix:
                lines.append(f"    fix: {visible(fix)}")
    status, answer = api_answer(report)
    errors, warnings = len(report.errors), len(report.warnings)
    if status == 200:
        verdict = "the API would create the flow"
        count = len(answer.get("validationErrors", []))
        if count:
            verdict += f", with {count} validation error{'s' if count != 1 else ''} (it cannot be published)"
    else:
        verdict = f"the API would refuse the request (HTTP {status})"
    lines.append(
        f"{name}: {errors} error{'s' if errors != 1 else ''}, {warnings} warning"
        f"{'s' if warnings != 1 else ''}; {verdict}."
    )
    return "\n".join(lines) + "\n"


def _text_line(name: str, in_file: Diagnostic, diag: Diagnostic, in_flow: bool) -> str:
    span = in_file.span
    where = f"{name}:{span.line_start}:{span.column_start}" if span else name
    text = f"{where}: {diag.rule} {diag.severity}: {visible(diag.message)}"
    if in_flow:
        inner = diag.span
        path = visible(diag.pointers[0].path_text) if diag.pointers else ""
        position = f"line {inner.line_start}, column {inner.column_start}" if inner else "no position"
        text += f" [flowJson {position}" + (f", {path}]" if path else "]")
    return text


def render_api(report: RequestReport) -> str:
    """What the endpoint would answer: the 8x8 error body (HTTP 400) or the Create Flow 200 body."""
    _status, answer = api_answer(report)
    return json.dumps(answer, indent=2, ensure_ascii=False) + "\n"


def render_json(report: RequestReport) -> str:
    """Everything, for tools: the HTTP answer and every finding with both positions."""
    status, answer = api_answer(report)
    payload: dict[str, Any] = {
        "file": report.filename,
        "ok": report.ok,
        "http": {"status": status, "body": answer},
        "diagnostics": report.to_dicts(),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _file_reporter(name: str) -> Callable[[RequestReport], str]:
    """A format of ``flowlint.reporters`` (SARIF, GitHub annotations) applied to the request file: every
    finding, flowJson ones included, at its place in the request file (:meth:`RequestReport.file_report`)."""

    def render(report: RequestReport) -> str:
        from flowlint.reporters import FileResult, RenderOptions, get_reporter

        result = FileResult(report.filename or "<request>", report.file_report())
        return get_reporter(name)([result], RenderOptions(single=True))

    return render


#: ``--format`` choices, built from this dict (reporters never check; checking never prints).
REPORTERS: dict[str, Callable[[RequestReport], str]] = {
    "text": render_text,
    "api": render_api,
    "json": render_json,
    "sarif": _file_reporter("sarif"),
    "github": _file_reporter("github"),
}


@click.command("request")
@click.argument("body", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--account-id", default=None, help="The {accountId} path parameter to check.")
@click.option("--channel-id", default=None, help="The {channelId} path parameter to check.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="text: findings in request-file positions; api: the endpoint's answer; json: everything; "
    "sarif/github: flowlint's file formats on the request file.",
)
@click.option(
    "--max-problems",
    type=click.IntRange(min=0),
    default=1000,
    metavar="N",
    help="Report at most N request problems and N flowJson problems, then how many more (0: no limit).",
)
def request_command(
    body: str, account_id: str | None, channel_id: str | None, output_format: str, max_problems: int
) -> None:
    """Check a Create Flow request body (BODY is a JSON file, or - for stdin) as the 8x8 API would."""
    # One byte more than the largest body is enough to refuse it: /dev/zero or a 2 GB file is not read whole.
    try:
        if body == "-":
            data = sys.stdin.buffer.read(MAX_REQUEST_BYTES + 1)
            filename = "-"  # as `flowlint -` names standard input
        else:
            with open(body, "rb") as handle:
                data = handle.read(MAX_REQUEST_BYTES + 1)
            filename = body
    except OSError as exc:
        click.echo(f"flowlint request: cannot read {visible(body)}: {visible(exc.strerror or str(exc))}", err=True)
        sys.exit(2)
    if len(data) > MAX_REQUEST_BYTES:
        shown = "standard input" if body == "-" else visible(body)
        click.echo(
            f"flowlint request: {shown}: larger than {MAX_REQUEST_BYTES} bytes (20 MB + 64 KB: a 10 MB flow after "
            "escaping, as the server's limit): not checked",
            err=True,
        )
        sys.exit(2)
    report = check_create_request(
        data, account_id=account_id, channel_id=channel_id, filename=filename, max_problems=max_problems
    )
    click.echo(REPORTERS[output_format](report), nl=False)
    sys.exit(0 if report.ok else 1)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@click.option(
    "--max-body-bytes",
    type=click.IntRange(1),
    default=None,
    help="Largest request body accepted (default: 20 MB + 64 KB, a 10 MB flow after escaping).",
)
@click.option(
    "--public-url",
    default=None,
    metavar="URL",
    help="Base of the flowJsonUrl links (e.g. behind a proxy); default: the address a client connected to.",
)
@click.option("--head-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Time a client has to send its request line and headers (default 10).")
@click.option("--check-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Time one check may take before the client gets 503 (default 20).")
@click.option("--check-workers", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Checks run at once, a worker process each (default 4).")
@click.option("--max-inflight-bytes", type=click.IntRange(1), default=None, metavar="N",
              help="Bytes of request bodies held at once, all clients together (default 128 MiB).")
@click.option("--max-stored-bytes", type=click.IntRange(1), default=None, metavar="N",
              help="Memory the created flows may take before the oldest are forgotten (default 256 MiB).")
def serve_command(host: str, port: int, quiet: bool, max_body_bytes: int | None, public_url: str | None,
                  **limits: Any) -> None:
    """Serve an offline stand-in of the 8x8 Create Flow API, backed by flowlint's checks."""
    from flowlint.server import make_server, public_base_url, run_until_interrupted

    if public_url is not None:
        try:
            public_base_url(public_url)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--public-url") from None
    try:
        server = make_server(host, port, quiet=quiet, max_body_bytes=max_body_bytes, public_url=public_url,
                             limits=_build_limits(limits))
    except OSError as exc:
        click.echo(f"flowlint serve: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    run_until_interrupted(server, announce=lambda: click.echo(
        f"flowlint serve: POST {server.url}/api/v1/accounts/{{accountId}}/channels/{{channelId}}/flows "
        "(Ctrl-C to stop)",
        err=True,
    ))


def _build_limits(options: dict[str, Any]) -> Any:
    """``ServerLimits`` from the options given (the others keep their defaults)."""
    from flowlint.server import ServerLimits

    return ServerLimits(**{name: value for name, value in options.items() if value is not None})
