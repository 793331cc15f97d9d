"""ACLED-style notes written from an Event (stub; full version follows)."""

from __future__ import annotations

from strife.schema import Event


def write_note(event: Event) -> str:
    return ""
