"""Placeholder command group; its owner replaces this module."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    return None
