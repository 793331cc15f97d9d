"""Where merge looks for stored events: the protocol the store satisfies, and an in-memory index.

Blocking keeps merging near-linear: a new event is only compared with stored events
of its country (or of unknown country), in date buckets its precision window can
reach, and, when it has precise coordinates, in the geo cells within `max_km`.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol, runtime_checkable

from strife.merge.match import KM_PER_DEGREE, Features, window_days
from strife.schema import Event

Cell = tuple[int, int] | None  # None: no usable coordinates (missing, or a region's centroid)


@runtime_checkable
class CandidateIndex(Protocol):
    """What merge needs of a store: the events in a date range, optionally of one country."""

    def candidate_events(
        self, *, date_from: date | None, date_to: date | None, country: str | None = None
    ) -> list[Event]: ...


@runtime_checkable
class BlockingIndex(Protocol):
    """An index that blocks finer (precision-aware dates, geo cells) and keeps features.

    Scoring needs only features; the merger fetches the full event of a chosen match.
    """

    def candidates_for(self, features: Features, *, max_km: float, max_days: int | None) -> list[Features]: ...

    def get(self, event_id: str) -> Event | None: ...


def _month_of(ordinal: int) -> int:
    d = date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1


def _bucket(precision: int, day: int, month: int) -> int:
    """Date bucket by the event's own precision: a day, a week, or a month."""
    if precision <= 1:
        return day
    if precision == 2:
        return day // 7
    return month


class MemoryIndex:
    """Events held in memory, blocked by country, precision-aware date bucket and geo cell.

    `cell_deg` is the side of a geo cell in degrees; a query scans the cells a circle
    of `max_km` can touch, plus the cell of events without precise coordinates.
    With `compact` (the default) events are kept as compressed JSON and rebuilt when
    asked for: matching reads only their features, so a million events fit in a few GB.
    """

    def __init__(self, events: Iterable[Event] = (), *, cell_deg: float = 0.5, compact: bool = True) -> None:
        self.cell_deg = cell_deg
        self.compact = compact
        self._columns = max(1, round(360 / cell_deg))
        self._entries: dict[str, tuple[Event | bytes, Features, tuple | None]] = {}
        # country -> (precision, bucket) -> cell -> {event_id: features}
        self._blocks: dict[str | None, dict[tuple[int, int], dict[Cell, dict[str, Features]]]] = {}
        self.upsert_many(events)

    # -- writing ------------------------------------------------------------------

    def _cell(self, f: Features) -> Cell:
        if f.coarse:
            return None
        # longitude cells wrap around the antimeridian
        return (math.floor(f.lat / self.cell_deg), math.floor(f.lon / self.cell_deg) % self._columns)  # type: ignore[operator]

    def upsert(self, event: Event, features: Features | None = None) -> None:
        """Add an event, or replace the stored event with the same event_id.

        `features` may pass the event's already computed `Features` (they must be of
        this very event version).
        """
        self._drop(event.event_id)
        f = features if features is not None and features.event_id == event.event_id else Features(event)
        f.compact()
        key = None
        if f.day is not None:
            precision = min(max(f.precision, 1), 3)
            key = (f.country, (precision, _bucket(precision, f.day, f.month)), self._cell(f))  # type: ignore[arg-type]
            blocks = self._blocks.setdefault(key[0], {}).setdefault(key[1], {})
            blocks.setdefault(key[2], {})[event.event_id] = f
        payload = zlib.compress(event.model_dump_json(exclude_defaults=True).encode(), 1) if self.compact else event
        self._entries[event.event_id] = (payload, f, key)

    def upsert_many(self, events: Iterable[Event]) -> None:
        for event in events:
            self.upsert(event)

    def remove(self, event_id: str) -> Event | None:
        """Forget an event; returns it (None when it was not there)."""
        entry = self._drop(event_id)
        return self._event(entry[0]) if entry else None

    def _drop(self, event_id: str) -> tuple | None:
        entry = self._entries.pop(event_id, None)
        if entry is None:
            return None
        key = entry[2]
        if key is not None:
            by_bucket = self._blocks[key[0]]
            cells = by_bucket[key[1]]
            del cells[key[2]][event_id]
            if not cells[key[2]]:
                del cells[key[2]]
                if not cells:
                    del by_bucket[key[1]]
        return entry

    # -- reading ------------------------------------------------------------------

    @staticmethod
    def _event(payload: Event | bytes) -> Event:
        return Event.model_validate_json(zlib.decompress(payload)) if isinstance(payload, bytes) else payload

    def get(self, event_id: str) -> Event | None:
        entry = self._entries.get(event_id)
        return self._event(entry[0]) if entry else None

    def features(self, event_id: str) -> Features | None:
        entry = self._entries.get(event_id)
        return entry[1] if entry else None

    def event_ids(self) -> list[str]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Event]:
        return (self._event(entry[0]) for entry in list(self._entries.values()))

    def __contains__(self, event_id: object) -> bool:
        return event_id in self._entries

    def candidate_events(
        self, *, date_from: date | None, date_to: date | None, country: str | None = None
    ) -> list[Event]:
        """Events dated in [date_from, date_to] (open ends when None), of `country` when given."""
        lo = date_from.toordinal() if date_from else None
        hi = date_to.toordinal() if date_to else None
        want = country.casefold() if country else None
        out = []
        for payload, f, _ in self._entries.values():
            if want is not None and f.country != want:
                continue
            if (lo is not None or hi is not None) and f.day is None:
                continue
            if (lo is not None and f.day < lo) or (hi is not None and f.day > hi):  # type: ignore[operator]
                continue
            out.append(self._event(payload))
        return out

    def _countries(self, country: str | None) -> list[str | None]:
        if country is None:
            return list(self._blocks)
        return [c for c in (country, None) if c in self._blocks]

    def _cells(self, f: Features, max_km: float) -> list[Cell] | None:
        """Cells within max_km of f (plus the no-coordinates cell); None means every cell."""
        if f.coarse:
            return None
        cy, cx = self._cell(f)  # type: ignore[misc]
        dy = math.ceil(max_km / (KM_PER_DEGREE * self.cell_deg))
        lat_edge = min(90.0, abs(f.lat) + (dy + 1) * self.cell_deg)  # type: ignore[arg-type]
        dx = math.ceil(max_km / (KM_PER_DEGREE * self.cell_deg * max(math.cos(math.radians(lat_edge)), 1e-3)))
        dx = min(dx, self._columns // 2)
        columns = {x % self._columns for x in range(cx - dx, cx + dx + 1)}
        cells: list[Cell] = [(y, x) for y in range(cy - dy, cy + dy + 1) for x in columns]
        cells.append(None)
        return cells

    def candidates_for(self, features: Features, *, max_km: float, max_days: int | None) -> list[Features]:
        """Features of the stored events that blocking lets through for one new event (scoring decides)."""
        f = features
        if f.day is None:
            return []
        cells = self._cells(f, max_km)
        cell_set = set(cells) if cells is not None else set()
        # the (precision, bucket) keys the window of each stored precision reaches
        keys: list[tuple[int, int]] = []
        for precision in (1, 2, 3):
            w = window_days(f.precision, precision, max_days)
            lo, hi = f.day - w, f.day + w
            if precision == 1:
                keys.extend((1, b) for b in range(lo, hi + 1))
            elif precision == 2:
                keys.extend((2, b) for b in range(lo // 7, hi // 7 + 1))
            else:
                keys.extend((3, b) for b in range(_month_of(lo), _month_of(hi) + 1))
        out: list[Features] = []
        for country in self._countries(f.country):
            by_bucket = self._blocks[country]
            for key in keys:
                by_cell = by_bucket.get(key)
                if not by_cell:
                    continue
                if cells is None:
                    for members in by_cell.values():
                        out.extend(members.values())
                elif len(by_cell) <= len(cells):
                    for cell, members in by_cell.items():
                        if cell in cell_set:
                            out.extend(members.values())
                else:
                    for cell in cells:
                        members = by_cell.get(cell)
                        if members:
                            out.extend(members.values())
        return out
