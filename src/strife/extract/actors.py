"""Actor registry and actor assignment (stub; being filled in)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from strife.schema import Actor, Event


class ActorRegistry:
    """Canonical ACLED-style actors with aliases, inter codes and parents."""

    def __init__(self, actors: list[Actor] | None = None) -> None:
        self.actors: dict[str, Actor] = {a.name: a for a in actors or []}

    @classmethod
    def default(cls) -> ActorRegistry:
        return _default_registry()

    def resolve(self, mention: str, *, country: str | None = None, when: date | None = None) -> Actor | None:
        return self.actors.get(mention)

    def get(self, name: str) -> Actor | None:
        return self.actors.get(name)


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    return ActorRegistry()


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first; one-sided events are X0."""
    if not inter1 and not inter2:
        return None
    codes = sorted(c for c in (inter1, inter2) if c)
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def assign_actors(
    event: Event, doc: Any, start: int, end: int, *, country: str | None, when: date | None
) -> None:
    """Fill actor1/assoc_actor_1/inter1/actor2/assoc_actor_2/inter2/interaction/civilian_targeting."""
    return None


def country_hint(doc: Any) -> str | None:
    """The country the article is about (fallback when the geoparser found none)."""
    return None
