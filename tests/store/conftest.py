"""Store fixtures: every store test runs against DuckDB and a real PostgreSQL server.

The PostgreSQL server is started once per session from the Debian server binaries
(initdb + pg_ctl) in a temporary directory on 127.0.0.1; each test gets a fresh
schema (cheaper than a database each). Without server binaries, or if the server will not start, the
PostgreSQL half of the tests is skipped with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from strife.schema import Article, Claim, Event, Evidence
from strife.store import Store, open_store
from strife.store.pgtemp import PostgresUnavailable, TempPostgres


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres | str]:
    """A running server, or the reason there is none (a string)."""
    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        yield f"PostgreSQL tests skipped: {exc}"
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: TempPostgres | str) -> str:
    if isinstance(pg_server, str):
        pytest.skip(pg_server)
    return pg_server.new_schema()


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives: a DuckDB file or a fresh PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "strife.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


# --- hand-made articles and events (no ACLED rows) -------------------------

_TOWNS = {
    # name: (country, admin1, lat, lon)
    "Kessa": ("Mali", "Mopti", 14.5, -4.2),
    "Dorvil": ("Mali", "Gao", 16.3, -0.1),
    "Ambar": ("Niger", "Tillaberi", 14.2, 1.5),
    "Tulvo": ("Fiji", "Northern", -16.4, 179.6),
}


def make_article(n: int, *, published: date | None = date(2024, 3, 4), **kw: object) -> Article:
    data: dict[str, object] = {
        "url": f"https://news.example/{n}",
        "source": "Example Wire",
        "section": "World",
        "title": f"Report number {n} on clashes",
        "standfirst": "A made-up standfirst for testing.",
        "body": f"Gunmen on motorbikes attacked a market in a made-up town, report {n} says. Several people died.",
        "published": published,
        "origin": f"tests/{n}.txt",
    }
    data.update(kw)
    return Article.model_validate(data)


def make_event(
    event_id: str,
    article: Article | None = None,
    *,
    town: str = "Kessa",
    when: date | None = date(2024, 3, 4),
    **kw: object,
) -> Event:
    country, admin1, lat, lon = _TOWNS[town]
    data: dict[str, object] = {
        "event_id": event_id,
        "event_date": when,
        "year": when.year if when else None,
        "time_precision": 1,
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Mali)",
        "inter1": 3,
        "actor2": "Civilians (Mali)",
        "inter2": 7,
        "interaction": 37,
        "civilian_targeting": "Civilian targeting",
        "iso": 466,
        "region": "Western Africa",
        "country": country,
        "admin1": admin1,
        "location": town,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "source": "Example Wire",
        "source_scale": "International",
        "notes": f"On {when}, gunmen attacked a market in {town}.",
        "fatalities": 3,
        "tags": None,
        "timestamp": 1_700_000_000,
        "language": "en",
        "created_at": datetime(2024, 3, 5, 12, 0, tzinfo=timezone.utc),
    }
    data.update(kw)
    event = Event.model_validate(data)
    if article is not None:
        text = article.text
        start = text.index("Gunmen")
        span = Evidence.from_text(text, start, start + len("Gunmen on motorbikes"), article.id)
        event.cite("actor1", span, 0.7)
        event.cite("event", Evidence.from_text(text, 0, 10, article.id), 0.9)
        event.claims.append(
            Claim(what="killed", number_low=3, number_high=None, number_text="several", whom="people",
                  claimant="witness", channel="Example Wire", evidence=span, article_id=article.id)
        )
        event.article_ids.append(article.id)
        if article.url:
            event.source_urls.append(article.url)
        event.history.append({"article_id": article.id, "fields": ["actor1", "fatalities"]})
    return event


@pytest.fixture
def article_factory() -> Callable[..., Article]:
    return make_article


@pytest.fixture
def event_factory() -> Callable[..., Event]:
    return make_event
