"""ACLED fatality coding from Claims (stub; full version follows)."""

from __future__ import annotations

from strife.schema import Claim, Evidence


def code_fatalities(claims: list[Claim], *, significant: bool) -> tuple[int, list[Evidence], str | None]:
    return 0, [], None
