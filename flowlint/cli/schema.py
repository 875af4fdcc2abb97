"""``flowlint schema [VERSION]``: print the JSON Schema flowlint checks a Flow JSON version against.

The schemas belong to the schema stage (``flowlint.schema.schema_for_version``).
"""

from __future__ import annotations

import json
import sys

import click

__all__ = ["schema_command"]


@click.command("schema", short_help="Print the JSON Schema of a Flow JSON version.")
@click.argument("version", required=False)
@click.option(
    "--version",
    "version_option",
    metavar="VERSION",
    help="The same as the VERSION argument (the spelling issue 11 and some editors' docs use).",
)
def schema_command(version: str | None, version_option: str | None) -> None:
    """Print the JSON Schema for Flow JSON VERSION (default: the latest flowlint knows)."""
    from flowlint.cli import emit, fail
    from flowlint.schema import schema_for_version
    from flowlint.versions import LATEST, FlowVersion

    if version and version_option and version != version_option:
        fail(f"two different versions given: {version!r} and --version {version_option!r}")
        sys.exit(2)
    text = version or version_option or LATEST
    if FlowVersion.from_text(text) is None:
        fail(f'{text!r} is not a Flow JSON version flowlint knows (e.g. "{LATEST}")')
        sys.exit(2)
    try:
        schema = schema_for_version(text)
    except (KeyError, LookupError, ValueError) as exc:
        fail(f"no schema for Flow JSON {text}: {exc}")
        sys.exit(2)
    emit(schema if isinstance(schema, str) else json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
