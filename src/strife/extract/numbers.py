"""Numbers as written in casualty statements (stub; full version follows)."""

from __future__ import annotations


def parse_quantity(text: str, language: str = "en") -> tuple[int | None, int | None, str] | None:
    t = text.strip()
    if t.isdigit():
        return int(t), int(t), t
    return None
