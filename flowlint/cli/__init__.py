"""The ``flowlint`` command (and ``python -m flowlint``).

``flowlint PATH...`` checks files; it is the default command of a group, so it is also ``flowlint check
PATH...`` (use that form for a file named like a command). The other commands are listed in
:data:`COMMANDS` as ``"module:attribute"`` and imported only when used, so a plain check does not pay for
them and other parts of flowlint plug theirs in by adding a line.

The click layer only turns options into objects (:func:`build_settings`, :func:`build_render_options`);
the work lives in :mod:`flowlint.cli.inputs`, :mod:`flowlint.cli.check`, :mod:`flowlint.config` and the
reporters. Exit status: 0 clean, 1 problems found, 2 usage, configuration or input error.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from flowlint import __version__
from flowlint.config import MAX_JOBS
from flowlint.reporters import REPORTERS, RenderOptions
from flowlint.versions import LATEST

if TYPE_CHECKING:
    from flowlint.config import Settings

__all__ = ["COMMANDS", "build_render_options", "build_settings", "check_command", "cli", "emit", "fail", "main"]

#: Sub-commands, imported on first use: name -> "module:attribute".
COMMANDS: dict[str, str] = {
    "rules": "flowlint.cli.rules:rules_command",
    "explain": "flowlint.cli.rules:explain_command",
    "config": "flowlint.cli.config:config_command",
    "schema": "flowlint.cli.schema:schema_command",
    "request": "flowlint.cli.request:request_command",
    "serve": "flowlint.cli.request:serve_command",
    "migrate": "flowlint.cli.migrate:migrate_command",
    "lsp": "flowlint.lsp.command:lsp_command",
    "graph": "flowlint.cli.graph:graph_command",
}
DEFAULT_COMMAND = "check"

EXAMPLES = """\b
Examples:
  flowlint flow.json                    check one flow
  flowlint flows/                       every *.json under flows/, in parallel
  flowlint 'flows/**/*.json'            a glob (quoted: flowlint expands it)
  cat flow.json | flowlint - --stdin-filename flows/flow.json
  flowlint --format api flow.json       the Create Flow API's validationErrors array
  flowlint --target-version 7.3 old.json   would this flow pass as 7.3?
  flowlint --select FL1 --ignore FL103 flows/
  flowlint rules                        every rule; `flowlint explain FL102` for one
  flowlint config                       the configuration in effect
  flowlint graph flow.json              the screen graph (Mermaid; --format dot|json)

\b
Exit status: 0 no problems, 1 problems found (errors; warnings too with
--error-on warning), 2 usage, configuration or input error.
Configuration: [tool.flowlint] in pyproject.toml, or flowlint.toml / .flowlint.toml
(see `flowlint config`)."""


def emit(text: str, *, err: bool = False) -> None:
    """Write text that may hold anything a flow holds (lone surrogates included) without failing."""
    stream = sys.stderr if err else sys.stdout
    if not text or stream is None:  # nothing to say, or nowhere to say it (started with the stream closed)
        return
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode(stream.encoding or "utf-8", "backslashreplace"))
        buffer.flush()
    else:
        stream.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
        stream.flush()


def fail(message: str) -> None:
    """One clear line on stderr, no traceback: a file name or a key in ``message`` cannot break it."""
    from flowlint.escaping import visible

    emit(f"flowlint: error: {visible(message)}\n", err=True)


class FlowlintGroup(click.Group):
    """A group whose default command is ``check`` and whose other commands load lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [DEFAULT_COMMAND, *COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == DEFAULT_COMMAND:
            return check_command
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in ("-h", "--help") and not self._is_command(args[0]):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    @staticmethod
    def _is_command(name: str) -> bool:
        """``name in list_commands()``."""
        return name == DEFAULT_COMMAND or name in COMMANDS

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """``flowlint --help`` shows the check options (the default command), then the commands."""
        sub = click.Context(check_command, info_name=ctx.info_name, parent=None, **CONTEXT_SETTINGS)
        formatter.write_usage(ctx.info_name or "flowlint", "[OPTIONS] PATH...\n       flowlint COMMAND [ARGS]...")
        check_command.format_help_text(sub, formatter)
        check_command.format_options(sub, formatter)
        self.format_commands(ctx, formatter)
        self.format_epilog(ctx, formatter)


CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(
    cls=FlowlintGroup,
    context_settings=CONTEXT_SETTINGS,
    epilog=EXAMPLES,
    no_args_is_help=False,
    invoke_without_command=True,
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Lint WhatsApp Flow JSON the way Meta's validator does, with exact positions."""
    if ctx.invoked_subcommand is None:
        emit(ctx.get_help() + "\n", err=True)
        ctx.exit(2)


def _split_codes(ctx: click.Context, param: click.Parameter, values: Sequence[str]) -> tuple[str, ...] | None:
    """``--select FL1,FL2 --select FL3`` -> ("FL1", "FL2", "FL3"); checked like the configuration."""
    if not values:
        return None
    from flowlint.config import KEYS

    codes = [part.strip() for value in values for part in value.split(",") if part.strip()]
    checked, problem = KEYS["select"][1](codes)
    if problem:
        raise click.BadParameter(problem)
    return tuple(checked)


def _check_version(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from flowlint.config import KEYS

    checked, problem = KEYS["target-version"][1](value)
    if problem:
        raise click.BadParameter(problem)
    return str(checked)


@click.command(
    "check",
    context_settings=CONTEXT_SETTINGS,
    epilog=EXAMPLES,
    short_help="Check flows (the default command).",
)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(list(REPORTERS)),
    help="Output format. Default: text (github when GITHUB_ACTIONS=true).",
)
@click.option(
    "--select",
    multiple=True,
    callback=_split_codes,
    help="Rule codes, prefixes or names to report (FL1, FL102, duplicate-key, ALL).",
)
@click.option(
    "--ignore",
    multiple=True,
    callback=_split_codes,
    help="Rule codes, prefixes or names not to report (added to the configured ones).",
)
@click.option("--extend-select", multiple=True, callback=_split_codes, help="Add to the selected rules.")
@click.option(
    "--target-version",
    callback=_check_version,
    metavar="VERSION",
    help=f'Check as if the flow declared this Flow JSON version (e.g. "{LATEST}").',
)
@click.option(
    "--error-on",
    type=click.Choice(["error", "warning"]),
    help="Lowest severity that makes the exit status 1. Default: error.",
)
@click.option(
    "--severity",
    type=click.Choice(["warning", "error"]),
    help="Lowest severity to report: warning (default, everything) or error (hide warnings).",
)
@click.option("--statistics", is_flag=True, default=None, help="Print the number of problems per rule instead of them.")
@click.option("-q", "--quiet", is_flag=True, default=None, help="Print the problems only, no summary line.")
@click.option(
    "--show-source/--no-show-source",
    default=None,
    help="Show the source line and a caret under each problem (text format). Default: show.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    help="Colour: auto (on a terminal, unless NO_COLOR is set), always, never.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=MAX_JOBS),
    help="Files checked in parallel, at most the number of CPUs. Default: number of CPUs (for 128 KiB of input or "
    "more).",
)
@click.option(
    "--max-problems",
    type=click.IntRange(min=0),
    metavar="N",
    help="Report at most N problems per file, then how many more there are (default 1000; 0: no limit).",
)
@click.option("--stdin-filename", metavar="PATH", help="Name to report (and configure by) for the flow read from -.")
@click.option(
    "--force-exclude", is_flag=True, default=None, help="Apply exclude to files named on the command line too."
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what .gitignore files and .git/info/exclude ignore when walking directories and globs. Default: "
    "respect.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Configuration file to use instead of searching for one.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files (standard input: print the fixed flow).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: the unsafe fixes too (they change behaviour).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing (exit 1 if any).")
@click.version_option(__version__, "--version", prog_name="flowlint", message="%(prog)s %(version)s")
def check_command(paths: tuple[str, ...], config_file: Path | None, isolated: bool, **options: Any) -> None:
    """Check WhatsApp Flow JSON files: PATH is a file, a directory (the Flow JSON among its *.json files), a
    glob, or - for standard input."""
    from flowlint.cli.check import check_inputs, exit_status, keep_severity
    from flowlint.cli.inputs import collect
    from flowlint.config import ConfigError
    from flowlint.reporters import get_reporter

    stdin_filename = options.get("stdin_filename")
    if not paths:
        if stdin_filename is None:
            raise click.UsageError("no PATH given (use - to read standard input)")
        paths = ("-",)
    try:
        settings = build_settings(
            paths, config_file=config_file, isolated=isolated, stdin_filename=stdin_filename, options=options
        )
    except ConfigError as exc:
        for line in exc.lines():
            fail(line)
        sys.exit(2)
    if settings.statistics and settings.format not in (None, *_STATISTICS_FORMATS):
        fail(f"--statistics prints a table (formats text, concise) or JSON (json), not {settings.format!r}: "
             f"drop one of the two")
        sys.exit(2)
    items = collect(paths, settings, stdin_filename=stdin_filename)
    if not items and not settings.quiet:
        emit("flowlint: warning: no JSON files to check\n", err=True)
    if options.get("fix") or options.get("diff") or options.get("unsafe_fixes"):
        from flowlint.cli.check import run_fixes

        run_fixes(items, settings, options, render_options=build_render_options(paths, settings))
    try:
        results = keep_severity(check_inputs(items, settings), settings.severity)
    except KeyboardInterrupt:
        emit("\n", err=True)
        sys.exit(130)  # the shell's convention for "interrupted": not 1, which means "problems found"
    for result in results:
        if result.error is not None:
            fail(f"{result.path}: {result.error}")
    render_options = build_render_options(paths, settings)
    if settings.statistics:
        from flowlint.reporters._statistics import render_statistics

        text = render_statistics(results, as_json=_format_name(settings) == "json")
    else:
        text = get_reporter(_format_name(settings))(results, render_options)
    status = exit_status(results, error_on=settings.error_on)
    write_or_quit(text, status)
    sys.exit(status)


def build_settings(
    paths: Sequence[str],
    *,
    config_file: Path | None,
    isolated: bool,
    stdin_filename: str | None,
    options: dict[str, Any],
) -> Settings:
    """Configuration file (found from the paths) overridden by command-line options."""
    from flowlint.config import load_settings

    settings = load_settings(config=config_file, start=_common_directory(paths, stdin_filename), isolated=isolated)
    overrides = {
        "format": options.get("output_format"),
        "select": options.get("select"),
        # Ignoring more never surprises: --ignore adds to the configured list (ruff does the same);
        # --select re-enables an ignored code (the longer or equal prefix wins).
        "ignore": settings.ignore + options["ignore"] if options.get("ignore") else None,
        "extend_select": options.get("extend_select"),
        "target_version": options.get("target_version"),
        "error_on": options.get("error_on"),
        "severity": options.get("severity"),
        "statistics": options.get("statistics"),
        "quiet": options.get("quiet"),
        "show_source": options.get("show_source"),
        "color": options.get("color"),
        "jobs": options.get("jobs"),
        "max_problems": options.get("max_problems"),
        "force_exclude": options.get("force_exclude"),
        "respect_gitignore": options.get("respect_gitignore"),
    }
    return settings.with_overrides(**overrides)


def build_render_options(paths: Sequence[str], settings: Settings) -> RenderOptions:
    return RenderOptions(
        single=_names_one_file(paths),
        color=_use_color(settings.color),
        show_source=settings.show_source and _format_name(settings) != "concise",
        quiet=settings.quiet,
        error_on=settings.error_on,
    )


#: The formats ``--statistics`` replaces by its table (or by JSON, for ``json``). With ``github`` chosen only
#: because GITHUB_ACTIONS is set, the table is printed too: that choice was not the user's.
_STATISTICS_FORMATS = ("text", "concise", "json")


def _format_name(settings: Settings) -> str:
    if settings.format is not None:
        return str(settings.format)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _names_one_file(paths: Sequence[str]) -> bool:
    """The command line names exactly one file: ``api``/``graph`` then print the bare array."""
    if len(paths) != 1:
        return False
    only = paths[0]
    return only == "-" or os.path.isfile(only) or (not os.path.exists(only) and not _is_glob(only))


def _is_glob(text: str) -> bool:
    import glob

    return glob.has_magic(text)


def _use_color(choice: str) -> bool:
    """``always``/``never`` as told; ``auto``: a terminal, unless NO_COLOR is set (no-color.org) or TERM=dumb."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout is not None and sys.stdout.isatty()


def _common_directory(paths: Sequence[str], stdin_filename: str | None) -> Path:
    """Where configuration discovery starts: the deepest directory holding every path."""
    places: list[str] = []
    for path in paths:
        if path == "-":
            path = stdin_filename or os.curdir
        absolute = os.path.abspath(path)
        places.append(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))
    try:
        return Path(os.path.commonpath(places)) if places else Path.cwd()
    except ValueError:  # different drives on Windows
        return Path.cwd()


def write_or_quit(text: str, status: int) -> None:
    """Print the report; a reader that went away (``flowlint dir | head -1``) ends the run quietly."""
    try:
        emit(text)
    except BrokenPipeError:
        # Python would complain again when flushing stdout at exit: point it at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(status)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``python -m flowlint`` too).

    Called without ``argv``, it is the process's own entry point: once the run is over and the output
    flushed, the process ends at once (``os._exit``), without the interpreter's tear-down, which frees every
    module and object one by one: ~20 ms of each run that nobody waits for usefully (measured on 1 000 files).
    Nothing flowlint opens is left unclosed by then (files are written with ``with``; worker processes are
    reaped). Called with ``argv`` (from Python), it raises ``SystemExit`` as usual.
    """
    if argv is not None:
        cli.main(args=list(argv), prog_name="flowlint")
        return
    try:
        cli.main(prog_name="flowlint")
    except SystemExit as exc:
        _end_process(exc.code)


def _end_process(code: object) -> None:
    """``sys.exit(code)`` without the tear-down: the same status, the same message for a text code."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code & 0xFF
    else:  # sys.exit("message") prints the message and ends with status 1
        emit(f"{code}\n", err=True)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader that went away, a closed stream: nothing more can be said
            pass
    os._exit(status)
