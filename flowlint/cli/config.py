"""``flowlint config``: the configuration in effect, as TOML, and where it came from."""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["config_command"]


@click.command("config", short_help="Print the configuration in effect.")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file to read.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (show the defaults).")
def config_command(path: Path | None, config_file: Path | None, isolated: bool) -> None:
    """Print the configuration that applies to PATH (default: the current directory): the file it was
    read from, then every key with its value, defaults included."""
    from flowlint.cli import emit, fail
    from flowlint.config import ConfigError, load_settings, to_toml
    from flowlint.escaping import visible

    try:
        settings = load_settings(config=config_file, start=path or Path.cwd(), isolated=isolated)
    except ConfigError as exc:
        for line in exc.lines():
            fail(line)
        sys.exit(2)
    if settings.source is None:
        origin = "# no configuration file found: defaults" if not isolated else "# --isolated: defaults"
    else:
        table = " [tool.flowlint]" if settings.source.name == "pyproject.toml" else ""
        # A comment ends at a newline, and TOML takes no other control character in it either.
        origin = f"# from {visible(str(settings.source))}{table}"
    emit(origin + "\n" + to_toml(settings))
