"""The `strife` command line: one module per command group, each with `register(app)`."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="strife",
    help="Turn conflict reporting into ACLED-style event data, offline, with evidence for every field.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# Each module defines `register(app: typer.Typer) -> None` and adds its commands.
COMMAND_MODULES = ("core", "eval", "train", "gazetteer", "serve")

for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"strife.cli.{_name}")
    _module.register(app)


def main() -> None:
    app()
