"""Does a new event describe the same incident as a stored one? Features and scoring.

Every test here is cheap and local to a pair, so the cost of merging is the number of
candidate pairs the index hands over (see `strife.merge.index`). Hard constraints
(date window, distance or admin area, compatible type, compatible actors) reject a
pair outright; what is left gets a score in [0, 1] from how close the two codings are.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from strife.geo.distance import haversine_km
from strife.schema import Event

DATA_DIR = Path(__file__).parent / "data"

# Date windows by time precision (ACLED: 1 = day, 2 = week, 3 = month). The window of a
# pair is the one of its less precise side: the smallest span holding "same day or next",
# "same week" and "same month" whatever day the coder picked inside it.
WINDOW_DAYS: dict[int, int] = {1: 1, 2: 6, 3: 30}

# Weights of the soft signals; text weighs little because two wordings of one attack
# share few words (token overlap tells little), while actors and type are coded values.
WEIGHTS: dict[str, float] = {"date": 0.15, "location": 0.2, "type": 0.25, "actors": 0.25, "text": 0.15}
DEFAULT_THRESHOLD = 0.6

KM_PER_DEGREE = 111.195

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PERIOD = re.compile(r"\s*\((?:\d{4}-?\d{0,4}|[^)]*\d{4}[^)]*)\)\s*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Compatibility:
    event_types: dict[frozenset[str], float]
    sub_event_types: dict[frozenset[str], float]
    unknown_actor_prefixes: tuple[str, ...]
    generic_actor_prefixes: tuple[str, ...]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def compatibility() -> Compatibility:
    """The curated compatibility tables (data/compatibility.yaml), read once."""
    raw = yaml.safe_load((DATA_DIR / "compatibility.yaml").read_text(encoding="utf-8"))

    def pairs(rows: list[list[Any]]) -> dict[frozenset[str], float]:
        return {frozenset((str(a), str(b))): float(s) for a, b, s in rows}

    return Compatibility(
        event_types=pairs(raw.get("event_types") or []),
        sub_event_types=pairs(raw.get("sub_event_types") or []),
        unknown_actor_prefixes=tuple(str(p).casefold() for p in raw.get("unknown_actor_prefixes") or []),
        generic_actor_prefixes=tuple(str(p).casefold() for p in raw.get("generic_actor_prefixes") or []),
        stopwords=frozenset(str(raw.get("stopwords") or "").split()),
    )


def window_days(precision_a: int | None, precision_b: int | None, max_days: int | None = None) -> int:
    """How many days apart two events' dates may be and still be one incident."""
    if max_days is not None:
        return max_days
    return WINDOW_DAYS.get(max(precision_a or 1, precision_b or 1), WINDOW_DAYS[3])


@lru_cache(maxsize=1 << 16)
def _fold(value: str | None) -> str | None:
    """Case- and space-insensitive key of a name (names repeat a lot: cached)."""
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip().casefold()
    return value or None


@lru_cache(maxsize=1 << 16)
def normalize_actor(name: str | None) -> str | None:
    """Canonical key of an actor name; None when the name says the actor is unknown.

    Periods in state-force names ("Military Forces of Mali (2021-)") are dropped, so
    reports coded against different registry versions still match.
    """
    if not name:
        return None
    key = _fold(_PERIOD.sub(" ", name))
    if key is None or key.startswith(compatibility().unknown_actor_prefixes):
        return None
    return key


def actors_match(a: str, b: str) -> bool:
    """Same actor: equal keys, or one a word-boundary prefix of the other ("jnim" / "jnim: group ...")."""
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return long.startswith(short) and not long[len(short)].isalnum()


def tokens(text: str) -> frozenset[str]:
    """Content words of a text, crudely stemmed and interned (shared across events)."""
    stop = compatibility().stopwords
    out = set()
    for raw in _TOKEN.findall(text.casefold()):
        if raw in stop or (len(raw) < 3 and not raw.isdigit()):
            continue
        if len(raw) > 4 and raw.endswith("s") and not raw.endswith("ss"):
            raw = raw[:-1]
        out.add(sys.intern(raw))
    return frozenset(out)


def event_text(event: Event) -> str:
    """The words that describe the incident: its evidence sentences, else its notes."""
    quotes = [ev.quote for ev in event.evidence.get("event", [])]
    if not quotes:
        # any evidence quote still says something about the incident
        quotes = [ev.quote for spans in event.evidence.values() for ev in spans]
    if event.notes:
        quotes.append(event.notes)
    return " ".join(dict.fromkeys(quotes))


def member_ids(event: Event) -> frozenset[str]:
    """The event's own id plus the ids of every report merged into it."""
    ids = {event.event_id}
    for entry in event.history:
        if entry.get("action") in ("origin", "merge"):
            snap = entry.get("snapshot") or {}
            if snap.get("event_id"):
                ids.add(snap["event_id"])
    return frozenset(ids)


class Features:
    """What matching needs of an event, computed once per event version."""

    __slots__ = (
        "event_id", "article_ids", "members", "day", "month", "precision", "country", "lat", "lon",
        "geo_precision", "coarse", "admin1", "admin2", "location", "event_type", "sub_event_type",
        "actors", "tokens",
    )

    def __init__(self, event: Event) -> None:
        self.event_id = event.event_id
        self.article_ids = frozenset(event.article_ids)
        self.members = member_ids(event)
        d: date | None = event.event_date
        self.day = d.toordinal() if d else None
        self.month = d.year * 12 + d.month - 1 if d else None
        self.precision = event.time_precision or 1
        self.country = _fold(event.country)
        has_coords = event.latitude is not None and event.longitude is not None
        self.lat = event.latitude if has_coords else None
        self.lon = event.longitude if has_coords else None
        self.geo_precision = event.geo_precision
        # coordinates of a whole region (precision 3) say little about distance
        self.coarse = not has_coords or event.geo_precision == 3
        self.admin1 = _fold(event.admin1)
        self.admin2 = _fold(event.admin2)
        self.location = _fold(event.location)
        self.event_type = event.event_type
        self.sub_event_type = event.sub_event_type
        self.actors = (normalize_actor(event.actor1), normalize_actor(event.actor2))
        self.tokens: frozenset[str] | tuple[str, ...] = tokens(event_text(event))

    def compact(self) -> None:
        """Shrink for long storage: tuples take a third of a small frozenset's memory."""
        self.tokens = tuple(self.tokens)
        self.article_ids = tuple(self.article_ids)  # type: ignore[assignment]
        self.members = tuple(self.members)  # type: ignore[assignment]


# Per side of a pair: a named actor matched, a generic side matched (civilians, police), unknown.
SIDE_SPECIFIC, SIDE_GENERIC, SIDE_UNKNOWN = 1.0, 0.6, 0.4


def _side(x: str | None, y: str | None) -> float:
    if x is None or y is None:
        return SIDE_UNKNOWN
    if not actors_match(x, y):
        return 0.0
    return SIDE_GENERIC if x.startswith(compatibility().generic_actor_prefixes) else SIDE_SPECIFIC


def align_actors(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> tuple[bool, float]:
    """Best alignment of b's sides to a's: (swapped?, score), score -1 when a known side conflicts."""
    straight = (_side(a[0], b[0]), _side(a[1], b[1]))
    swapped = (_side(a[0], b[1]), _side(a[1], b[0]))
    best, swap = (swapped, True) if sum(swapped) > sum(straight) else (straight, False)
    if 0.0 in best:
        return swap, -1.0
    return swap, sum(best) / 2


def type_score(a: Features, b: Features) -> float | None:
    """1 for the same coding, the curated score for a compatible pair, None for incompatible."""
    table = compatibility()
    if a.event_type and b.event_type:
        t = 1.0 if a.event_type == b.event_type else table.event_types.get(
            frozenset((a.event_type, b.event_type)))
        if t is None:
            return None
    else:
        t = 0.6
    if a.sub_event_type and b.sub_event_type:
        s = 1.0 if a.sub_event_type == b.sub_event_type else table.sub_event_types.get(
            frozenset((a.sub_event_type, b.sub_event_type)))
        if s is None:
            return None
    else:
        s = 0.6
    return min(t, s)


# Two precisely located events naming different places are one incident only when close:
# reports of one attack may name neighbouring villages, not towns max_km apart.
OTHER_PLACE_SHARE = 0.25


def location_score(a: Features, b: Features, max_km: float) -> float | None:
    if a.country and b.country and a.country != b.country:
        return None
    same_place = a.location is not None and a.location == b.location and a.admin1 == b.admin1
    if not a.coarse and not b.coarse:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km > max_km:
            return None
        if same_place:
            return 1.0
        named_apart = a.location is not None and b.location is not None
        if named_apart and a.geo_precision == 1 and b.geo_precision == 1:
            limit = OTHER_PLACE_SHARE * max_km
            return None if km > limit else 0.8 - 0.3 * km / limit
        return 0.9 - 0.4 * km / max_km
    # coordinates missing or a region's centroid: fall back on names, most precise first
    if same_place:
        return 0.9
    if a.admin2 and b.admin2:
        return 0.6 if a.admin2 == b.admin2 else None
    if a.admin1 and b.admin1:
        return 0.35 if a.admin1 == b.admin1 else None
    if a.lat is not None and b.lat is not None:
        return 0.3 if haversine_km(a.lat, a.lon, b.lat, b.lon) <= 3 * max_km else None  # type: ignore[arg-type]
    if a.location and b.location:
        return None
    return 0.15 if a.country and b.country else 0.05


def text_score(a: Features, b: Features) -> float | None:
    if not a.tokens or not b.tokens:
        return None
    if not isinstance(a.tokens, frozenset):
        a, b = b, a  # intersect a set with the other side, whichever is stored compact
    inter = len(a.tokens.intersection(b.tokens)) if isinstance(a.tokens, frozenset) else len(
        set(a.tokens).intersection(b.tokens))
    jaccard = inter / (len(a.tokens) + len(b.tokens) - inter)
    # two wordings of one report rarely overlap beyond a third of their words
    return min(1.0, jaccard / 0.3)


def score_features(a: Features, b: Features, *, max_km: float = 50.0, max_days: int | None = None,
                   parts: dict[str, float] | None = None) -> float | None:
    """Score in [0, 1] that a and b are one incident, or None when a hard constraint fails.

    Pass a dict as `parts` to get the per-signal scores (for explaining a decision).
    """
    if a.day is None or b.day is None:
        return None
    window = window_days(a.precision, b.precision, max_days)
    gap = abs(a.day - b.day)
    if gap > window:
        return None
    loc = location_score(a, b, max_km)
    if loc is None:
        return None
    typ = type_score(a, b)
    if typ is None:
        return None
    _, act = align_actors(a.actors, b.actors)
    if act < 0:
        return None
    signals = {"date": 1.0 - gap / (window + 1), "location": loc, "type": typ, "actors": act}
    txt = text_score(a, b)
    if txt is not None:
        signals["text"] = txt
    total = sum(WEIGHTS[k] * v for k, v in signals.items()) / sum(WEIGHTS[k] for k in signals)
    if parts is not None:
        parts.update(signals)
    return total


def score_events(a: Event, b: Event, *, max_km: float = 50.0, max_days: int | None = None) -> float | None:
    """`score_features` for two events (convenience; the merger caches features)."""
    return score_features(Features(a), Features(b), max_km=max_km, max_days=max_days)
