"""MemoryIndex blocking: the right candidates, and only those."""

from __future__ import annotations

from datetime import date, timedelta

from strife.merge import CandidateIndex, Features, MemoryIndex
from strife.schema import Event

D = date(2024, 5, 15)


def ev(event_id: str, *, day: date = D, precision: int = 1, country: str | None = "Mali",
       lat: float | None = 14.0, lon: float | None = -4.0, geo: int | None = 1, **more) -> Event:
    return Event(event_id=event_id, event_date=day, time_precision=precision, country=country,
                 latitude=lat, longitude=lon, geo_precision=geo, article_ids=[event_id], **more)


def ids(index: MemoryIndex, event: Event, max_km: float = 50.0, max_days: int | None = None) -> set[str]:
    return {f.event_id for f in index.candidates_for(Features(event), max_km=max_km, max_days=max_days)}


def test_blocking_by_country_date_and_cell():
    index = MemoryIndex([
        ev("same"),
        ev("next-day", day=D + timedelta(days=1)),
        ev("two-days", day=D + timedelta(days=2)),
        ev("near", lat=14.3, lon=-4.2),  # ~40 km, possibly another cell
        ev("far", lat=16.0, lon=-1.0),  # ~400 km
        ev("other-country", country="Niger"),
        ev("no-coords", lat=None, lon=None, geo=None, admin1="Mopti"),
        ev("region-centroid", lat=14.49, lon=-4.19, geo=3),
        ev("unknown-country", country=None),
        ev("week", precision=2, day=D + timedelta(days=5)),
        ev("month", precision=3, day=D - timedelta(days=25)),
        ev("month-too-far", precision=3, day=D - timedelta(days=45)),
    ])
    assert isinstance(index, CandidateIndex)
    found = ids(index, ev("new"))
    assert found == {"same", "next-day", "near", "no-coords", "region-centroid", "unknown-country", "week", "month"}

    # a new event without coordinates sees the whole country/date block
    assert "far" in ids(index, ev("new", lat=None, lon=None, geo=None))
    # a new event of unknown country sees every country
    assert "other-country" in ids(index, ev("new", country=None))
    # a fixed window widens or narrows the date reach
    assert "two-days" in ids(index, ev("new"), max_days=2)
    assert "next-day" not in ids(index, ev("new"), max_days=0)
    # a week-precision new event reaches further
    assert "two-days" in ids(index, ev("new", precision=2))
    # no date, no candidates
    assert ids(index, Event(event_id="undated", country="Mali")) == set()


def test_cells_near_the_poles_and_the_antimeridian():
    index = MemoryIndex([ev("east", lat=65.0, lon=179.9, country="Russia"),
                         ev("west", lat=65.0, lon=-179.9, country="Russia")])
    # 0.2 degrees of longitude at 65N is under 10 km, across the antimeridian cells differ
    found = ids(index, ev("new", lat=65.0, lon=179.8, country="Russia"))
    assert found == {"east", "west"}
    # near a pole every longitude is close: the scan covers all columns without blowing up
    polar = MemoryIndex([ev("p1", lat=89.5, lon=10.0, country=None), ev("p2", lat=89.5, lon=-170.0, country=None)])
    assert ids(polar, ev("new", lat=89.6, lon=100.0, country=None)) == {"p1", "p2"}


def test_upsert_replaces_and_remove_forgets():
    index = MemoryIndex([ev("a"), ev("b")])
    index.upsert(ev("a", day=D + timedelta(days=20)))
    assert len(index) == 2 and index.get("a").event_date == D + timedelta(days=20)
    assert ids(index, ev("new")) == {"b"}
    assert index.remove("b").event_id == "b" and index.remove("b") is None
    assert ids(index, ev("new")) == set() and "b" not in index and "a" in index


def test_candidate_events_protocol_method():
    index = MemoryIndex([ev("a"), ev("b", day=D + timedelta(days=3)), ev("c", country="Niger"),
                         Event(event_id="undated", country="Mali")])
    got = {e.event_id for e in index.candidate_events(date_from=D, date_to=D + timedelta(days=1), country="mali")}
    assert got == {"a"}
    got = {e.event_id for e in index.candidate_events(date_from=D, date_to=None)}
    assert got == {"a", "b", "c"}
    assert len(index.candidate_events(date_from=None, date_to=None)) == 4


def test_compact_and_plain_storage_agree():
    events = [ev("a", notes="Gunmen attacked a market."), ev("b", lat=14.2), ev("c", country="Niger")]
    compact, plain = MemoryIndex(events), MemoryIndex(events, compact=False)
    probe = ev("new")
    assert ids(compact, probe) == ids(plain, probe) == {"a", "b"}
    assert compact.get("a") == plain.get("a") == events[0]
    assert compact.get("missing") is None
    assert sorted(e.event_id for e in compact) == ["a", "b", "c"]
