"""Store behaviour, asserted identically on DuckDB and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from strife.store import EventFilter, Store, StoreError, open_store


def test_round_trip_is_exact(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    event = event_factory("EV1", article)
    bare = event_factory("EV2", when=None, latitude=None, longitude=None, created_at=None, fatalities=None)
    store.save(article, [event, bare])

    assert store.get_event("EV1") == event
    assert store.get_event("EV2") == bare
    assert store.get_article(article.id) == article
    assert store.get_article(article.id).text == article.text
    assert store.get_event("missing") is None
    assert store.get_article("missing") is None


def test_saving_the_same_article_twice_changes_nothing(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    events = [event_factory("EV1", article), event_factory("EV2", article, town="Dorvil")]
    store.save(article, events)
    first = (store.counts(), store.query_events(limit=10), store.articles_for_event("EV1"))
    store.save(article, events)
    store.save_many([(article, events), (article, events)])
    assert store.counts() == {"articles": 1, "events": 2}
    assert (store.counts(), store.query_events(limit=10), store.articles_for_event("EV1")) == first
    assert store.has_article(article.id)
    assert not store.has_article("0" * 16)


def test_merged_event_replaces_the_row_and_links_both_articles(
    store: Store, article_factory, event_factory
) -> None:
    a1, a2 = article_factory(1), article_factory(2)
    first = event_factory("EV1", a1, fatalities=5)
    store.save(a1, [first])

    merged = first.model_copy(deep=True)
    merged.fatalities = 3
    merged.article_ids.append(a2.id)
    merged.source_urls.append(a2.url)
    merged.history.append({"article_id": a2.id, "merged": True})
    store.save(a2, [merged])

    assert store.counts() == {"articles": 2, "events": 1}
    got = store.get_event("EV1")
    assert got == merged
    assert got.fatalities == 3
    assert {a.id for a in store.articles_for_event("EV1")} == {a1.id, a2.id}
    # Filtering by either article finds the one event.
    assert [e.event_id for e in store.query_events(EventFilter(article_id=a1.id))] == ["EV1"]
    assert [e.event_id for e in store.query_events(EventFilter(article_id=a2.id))] == ["EV1"]


def test_put_events_split_drops_the_moved_article(store: Store, article_factory, event_factory) -> None:
    a1, a2 = article_factory(1), article_factory(2)
    event = event_factory("EV1", a1)
    event.article_ids.append(a2.id)
    store.save_many([(a1, [event]), (a2, [event])])
    assert {a.id for a in store.articles_for_event("EV1")} == {a1.id, a2.id}

    kept = event.model_copy(update={"article_ids": [a1.id]})
    split = event_factory("EV1-split", a2)
    store.put_events([kept, split])

    assert [a.id for a in store.articles_for_event("EV1")] == [a1.id]
    assert [a.id for a in store.articles_for_event("EV1-split")] == [a2.id]
    assert store.get_event("EV1") == kept
    assert store.counts() == {"articles": 2, "events": 2}


def test_event_without_article_ids_is_still_linked_to_its_article(
    store: Store, article_factory, event_factory
) -> None:
    article = article_factory(1)
    event = event_factory("EV1")  # no article: article_ids is empty
    assert event.article_ids == []
    store.save(article, [event])
    assert [a.id for a in store.articles_for_event("EV1")] == [article.id]


def test_delete_event(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    store.save(article, [event_factory("EV1", article), event_factory("EV2", article)])
    store.delete_event("EV1")
    store.delete_event("never-there")
    assert store.get_event("EV1") is None
    assert store.articles_for_event("EV1") == []
    assert store.counts() == {"articles": 1, "events": 1}
    assert store.count_events(EventFilter(article_id=article.id)) == 1


@pytest.fixture
def populated(store: Store, article_factory, event_factory) -> Store:
    rows = [
        ("E1", "Kessa", date(2024, 1, 1), {"fatalities": 2}),
        ("E2", "Kessa", date(2024, 1, 3), {"event_type": "Battles", "sub_event_type": "Armed clash",
                                           "actor2": "Military Forces of Mali (2021-)", "fatalities": 10}),
        ("E3", "Dorvil", date(2024, 1, 9), {"fatalities": 0}),
        ("E4", "Ambar", date(2024, 2, 15), {"event_type": "Battles", "sub_event_type": "Armed clash",
                                           "actor1": "JNIM: Group for Support of Islam and Muslims",
                                           "fatalities": 7, "notes": "Militants ambushed a convoy near Ambar."}),
        ("E5", "Tulvo", date(2024, 2, 20), {"event_type": "Protests", "sub_event_type": "Peaceful protest",
                                           "actor1": "Protesters (Fiji)", "actor2": None, "fatalities": 0}),
        ("E6", "Dorvil", None, {"fatalities": None}),
    ]
    items = []
    for i, (eid, town, when, extra) in enumerate(rows):
        article = article_factory(i)
        items.append((article, [event_factory(eid, article, town=town, when=when, **extra)]))
    assert store.save_many(items, batch_size=4) == len(rows)
    return store


def ids(events) -> list[str]:
    return [e.event_id for e in events]


def test_query_order_and_pagination(populated: Store) -> None:
    # Newest first, unknown dates last.
    assert ids(populated.query_events()) == ["E5", "E4", "E3", "E2", "E1", "E6"]
    assert ids(populated.query_events(limit=2, offset=2)) == ["E3", "E2"]
    assert ids(populated.iter_events(batch_size=2)) == ["E5", "E4", "E3", "E2", "E1", "E6"]
    assert populated.count_events() == 6


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(country="mali"), {"E1", "E2", "E3", "E6"}),
        (EventFilter(country="Niger"), {"E4"}),
        (EventFilter(admin1="Gao"), {"E3", "E6"}),
        (EventFilter(event_type="battles"), {"E2", "E4"}),
        (EventFilter(sub_event_type="Peaceful protest"), {"E5"}),
        (EventFilter(actor="military forces"), {"E2"}),  # actor2
        (EventFilter(actor="jnim"), {"E4"}),
        (EventFilter(since=date(2024, 1, 3), until=date(2024, 2, 15)), {"E2", "E3", "E4"}),
        (EventFilter(since=date(2024, 2, 1)), {"E4", "E5"}),
        (EventFilter(until=date(2024, 1, 1)), {"E1"}),
        (EventFilter(bbox=(-5.0, 14.0, 0.0, 15.0)), {"E1", "E2"}),
        (EventFilter(bbox=(-5.0, 10.0, 5.0, 20.0)), {"E1", "E2", "E3", "E4", "E6"}),
        (EventFilter(bbox=(170.0, -20.0, -170.0, -10.0)), {"E5"}),  # across the antimeridian
        (EventFilter(text="ambushed CONVOY"), {"E4"}),
        (EventFilter(text="dorvil"), {"E3", "E6"}),  # location
        (EventFilter(text="protesters"), {"E5"}),  # actors
        (EventFilter(text="ambushed market"), set()),  # every word must match
        (EventFilter(country="Mali", event_type="Battles", since=date(2024, 1, 2)), {"E2"}),
        (EventFilter(), {"E1", "E2", "E3", "E4", "E5", "E6"}),
    ],
)
def test_filters(populated: Store, flt: EventFilter, expected: set[str]) -> None:
    assert set(ids(populated.query_events(flt))) == expected
    assert populated.count_events(flt) == len(expected)
    assert set(ids(populated.iter_events(flt))) == expected


def test_filter_by_article(populated: Store) -> None:
    article = populated.list_articles(limit=100)[0]
    found = populated.query_events(EventFilter(article_id=article.id))
    assert len(found) == 1
    assert article.id in found[0].article_ids


def test_bbox_is_validated() -> None:
    with pytest.raises(ValueError):
        EventFilter(bbox=(0.0, 10.0, 1.0, 5.0))  # min_lat > max_lat
    with pytest.raises(ValueError):
        EventFilter(bbox=(0.0, 0.0, 200.0, 1.0))


def test_stats(populated: Store) -> None:
    by_type = populated.stats(by="event_type")
    assert by_type == [
        {"key": "Violence against civilians", "events": 3, "fatalities": 2},
        {"key": "Battles", "events": 2, "fatalities": 17},
        {"key": "Protests", "events": 1, "fatalities": 0},
    ]
    assert populated.stats(by="month") == [
        {"key": "2024-01", "events": 3, "fatalities": 12},
        {"key": "2024-02", "events": 2, "fatalities": 7},
        {"key": None, "events": 1, "fatalities": 0},
    ]
    # ISO weeks start on Monday: 2024-01-01 and -03 share one, -09 is the next.
    weeks = populated.stats(EventFilter(country="Mali"), by="week")
    assert weeks == [
        {"key": "2024-01-01", "events": 2, "fatalities": 12},
        {"key": "2024-01-08", "events": 1, "fatalities": 0},
        {"key": None, "events": 1, "fatalities": 0},
    ]
    countries = {r["key"]: r["events"] for r in populated.stats(by="country")}
    assert countries == {"Mali": 4, "Niger": 1, "Fiji": 1}
    admin1 = populated.stats(EventFilter(country="Mali"), by="admin1")
    assert {r["key"]: r["events"] for r in admin1} == {"Mopti": 2, "Gao": 2}
    assert sum(r["events"] for r in populated.stats(by="sub_event_type")) == 6
    with pytest.raises(ValueError):
        populated.stats(by="bogus")  # type: ignore[arg-type]


def test_candidate_events(populated: Store) -> None:
    got = populated.candidate_events(date_from=date(2024, 1, 2), date_to=date(2024, 1, 9))
    assert ids(got) == ["E2", "E3"]
    got = populated.candidate_events(date_from=date(2024, 1, 1), date_to=date(2024, 3, 1), country="MALI")
    assert ids(got) == ["E1", "E2", "E3"]
    # Unknown dates match only an open-ended start.
    got = populated.candidate_events(date_from=None, date_to=date(2024, 1, 1))
    assert set(ids(got)) == {"E1", "E6"}
    assert len(populated.candidate_events(date_from=None, date_to=None)) == 6
    assert ids(populated.candidate_events(date_from=date(2024, 2, 16), date_to=None)) == ["E5"]


def test_articles_listing(populated: Store) -> None:
    articles = populated.list_articles(limit=100)
    assert len(articles) == 6
    assert len({a.id for a in articles}) == 6
    page = populated.list_articles(limit=2, offset=1)
    assert [a.id for a in page] == [a.id for a in articles[1:3]]
    assert populated.counts() == {"articles": 6, "events": 6}


def test_save_many_reports_a_bad_item_and_goes_on(store: Store, article_factory, event_factory) -> None:
    good = [(article_factory(i), [event_factory(f"G{i}")]) for i in range(5)]

    # A value that cannot be serialised: the write of this item fails, the others go in.
    bad = (article_factory(99), [event_factory("B", history=[{"odd": object()}])])
    errors: list[tuple[str, str]] = []

    def on_error(article, exc: Exception) -> None:
        assert isinstance(exc, StoreError)
        errors.append((article.id, str(exc)))

    stored = store.save_many([*good[:2], bad, *good[2:]], batch_size=2, on_error=on_error)
    assert stored == 5
    assert [a for a, _ in errors] == [bad[0].id]
    assert bad[0].id in errors[0][1]  # the message names the article
    assert store.get_event("B") is None
    assert not store.has_article(bad[0].id)
    assert store.counts() == {"articles": 5, "events": 5}


def test_crash_mid_run_keeps_committed_batches(store_url: str, article_factory, event_factory) -> None:
    def items():
        for i in range(25):
            yield article_factory(i), [event_factory(f"E{i}")]
        raise KeyboardInterrupt  # the run is killed here

    with open_store(store_url) as store:
        with pytest.raises(KeyboardInterrupt):
            store.save_many(items(), batch_size=10)
    with open_store(store_url) as store:
        assert store.counts() == {"articles": 20, "events": 20}


def test_large_batches_use_the_bulk_path(store: Store, article_factory, event_factory) -> None:
    # PostgreSQL switches from executemany to COPY above its threshold; both must agree.
    if hasattr(store, "copy_threshold"):
        store.copy_threshold = 3  # type: ignore[attr-defined]
    items = [(article_factory(i), [event_factory(f"E{i}", None, fatalities=i)]) for i in range(12)]
    assert store.save_many(items, batch_size=6) == 12
    assert store.save_many(items, batch_size=6) == 12
    assert store.counts() == {"articles": 12, "events": 12}
    assert store.get_event("E7") == items[7][1][0]
    assert sum(r["fatalities"] for r in store.stats(by="country")) == sum(range(12))


def test_corrections_and_confidences_round_trip(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    event = event_factory("EV1", article, corrections={"fatalities": {"value": 4, "by": "analyst"}})
    event.confidence["fatalities"] = 0.333333333333
    store.save(article, [event])
    assert store.get_event("EV1") == event


def test_store_is_a_context_manager(store_url: str) -> None:
    with open_store(store_url) as s:
        assert s.counts() == {"articles": 0, "events": 0}


def test_points_and_grid_for_the_map(populated: Store) -> None:
    points = populated.points()
    assert [p["event_id"] for p in points] == ["E5", "E4", "E3", "E2", "E1", "E6"]
    assert points[0]["latitude"] == -16.4 and points[0]["longitude"] == 179.6
    assert points[0]["event_date"] == "2024-02-20"
    assert [p["event_id"] for p in populated.points(EventFilter(country="Mali"), limit=2)] == ["E3", "E2"]

    cells = populated.grid(cell_deg=5.0)
    assert sum(c["events"] for c in cells) == 6
    mopti = [c for c in cells if c["events"] == 2 and c["latitude"] == 14.5]
    assert mopti and mopti[0]["fatalities"] == 12
    # 100-degree cells: west of 0 (Mali), 0..100 E (Niger), and south of the equator (Fiji).
    assert sorted(c["events"] for c in populated.grid(cell_deg=100.0)) == [1, 1, 4]
    with pytest.raises(ValueError):
        populated.grid(cell_deg=0)


def test_unlocated_events_are_not_points(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    store.save(article, [event_factory("EV1", latitude=None, longitude=None)])
    assert store.points() == []
    assert store.grid() == []
    assert store.count_events() == 1


def test_replace_events_splits_a_merged_event_atomically(store: Store, article_factory, event_factory) -> None:
    a1, a2 = article_factory(1), article_factory(2)
    merged = event_factory("EV1", a1)
    merged.article_ids.append(a2.id)
    store.save_many([(a1, [merged]), (a2, [merged])])

    part1 = event_factory("EV1-a", a1)
    part2 = event_factory("EV1-b", a2, town="Dorvil")
    store.replace_events(["EV1"], [part1, part2])
    assert store.get_event("EV1") is None
    assert store.articles_for_event("EV1") == []
    assert store.get_event("EV1-a") == part1 and store.get_event("EV1-b") == part2
    assert [a.id for a in store.articles_for_event("EV1-b")] == [a2.id]
    assert store.counts() == {"articles": 2, "events": 2}

    # A correction replaces an event by itself: kept, not deleted.
    corrected = part1.model_copy(update={"fatalities": 9, "corrections": {"fatalities": 9}})
    store.replace_events(["EV1-a"], [corrected])
    assert store.get_event("EV1-a") == corrected

    # A replacement that fails inside the database (fatalities beyond INTEGER) changes nothing.
    with pytest.raises(StoreError, match="replacing events EV1-b"):
        store.replace_events(["EV1-b"], [event_factory("EV2", fatalities=2**40)])
    assert store.get_event("EV2") is None
    assert store.get_event("EV1-b") == part2


def test_threads_share_one_store(store: Store, article_factory, event_factory) -> None:
    """The API serves requests from a thread pool over one store."""
    from concurrent.futures import ThreadPoolExecutor

    def write(i: int) -> None:
        article = article_factory(i)
        store.save(article, [event_factory(f"T{i}", article)])

    def read(i: int) -> int:
        store.query_events(EventFilter(country="Mali"), limit=5)
        store.stats(by="week")
        return sum(1 for _ in store.iter_events(batch_size=3))

    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(write, i) for i in range(12)] + [pool.submit(read, i) for i in range(12)]
        for job in jobs:
            job.result()
    assert store.counts() == {"articles": 12, "events": 12}


def test_writing_while_iterating(store: Store, article_factory, event_factory) -> None:
    for i in range(6):
        article = article_factory(i)
        store.save(article, [event_factory(f"I{i}", article)])
    seen = []
    for event in store.iter_events(batch_size=2):
        seen.append(event.event_id)
        store.put_events([event.model_copy(update={"fatalities": 99})])
    assert len(seen) == 6
    assert {e.fatalities for e in store.query_events()} == {99}


def test_two_postgres_writers_at_once(pg_url: str, article_factory, event_factory) -> None:
    """The team setup: several processes write one database; overlapping upserts must not deadlock."""
    from concurrent.futures import ThreadPoolExecutor

    shared = [event_factory(f"S{i}") for i in range(30)]

    def writer(k: int) -> int:
        events = shared if k == 0 else list(reversed(shared))
        with open_store(pg_url) as store:  # a connection of its own, as another process would have
            items = [(article_factory(100 * k + i), events[i::5]) for i in range(5)]
            return sum(store.save_many([item], batch_size=1) for item in items for _ in range(3))

    open_store(pg_url).close()  # schema first, so both writers start on the same footing
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(writer, [0, 1])) == [15, 15]
    with open_store(pg_url) as store:
        assert store.counts() == {"articles": 10, "events": 30}
        assert len(store.articles_for_event("S0")) == 2


def test_floats_survive_exactly(store: Store, article_factory, event_factory) -> None:
    article = article_factory(1)
    tricky = {"a": 0.1, "b": 1 / 3, "c": 2.675, "d": 1e-300, "e": 0.30000000000000004, "f": 1.0}
    event = event_factory("EV1", article, latitude=12.345678901234567, longitude=-0.000001, confidence=tricky)
    event.history.append({"score": 0.1 + 0.2, "big": 2**62, "text": "é ✓ \U0001f600 \"quoted\" \\ back"})
    store.save(article, [event])
    got = store.get_event("EV1")
    assert got == event
    assert {k: got.confidence[k] for k in tricky} == tricky


def test_a_schema_field_without_a_column_survives_in_extra(
    store: Store, article_factory, event_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field added to Event after the last migration round-trips through the `extra` JSON column."""
    from strife.schema import Event
    from strife.store import base

    class NewerEvent(Event):
        reviewed_by: str | None = None

    monkeypatch.setattr(base, "Event", NewerEvent)
    monkeypatch.setattr(base, "_EVENT_EXTRA_FIELDS", ("reviewed_by",))
    article = article_factory(1)
    event = NewerEvent.model_validate({**event_factory("EV1", article).model_dump(), "reviewed_by": "analyst"})
    store.save(article, [event])
    got = store.get_event("EV1")
    assert isinstance(got, NewerEvent)
    assert got.reviewed_by == "analyst"
    assert got == event
