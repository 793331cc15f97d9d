"""Store benchmark on synthetic events: bulk save, re-save, filters, stats, export.

    python -m strife.store.bench --events 100000 [--db bench.duckdb | --db postgresql://...]

Synthetic articles and events (made-up towns and text, no real data); prints one
line per step with its time and rate. Without --db it uses a fresh DuckDB file in a
temporary directory.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from strife.schema import Article, Claim, Event, Evidence

_TOWNS = [
    ("Kessa", "Mali", "Mopti", 14.5, -4.2),
    ("Dorvil", "Mali", "Gao", 16.3, -0.1),
    ("Ambar", "Niger", "Tillaberi", 14.2, 1.5),
    ("Serin", "Burkina Faso", "Sahel", 14.0, -0.9),
]
_TYPES = [
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Protests", "Peaceful protest"),
]


def synthetic(n_events: int, per_article: int = 2, seed: int = 1) -> Iterator[tuple[Article, list[Event]]]:
    rng = random.Random(seed)
    for i in range(0, n_events, per_article):
        article = Article(
            url=f"https://news.example/{i}",
            source="Example Wire",
            title=f"Made-up report {i}",
            body=f"Gunmen attacked a made-up village in report {i}; several people were killed, witnesses said.",
            published=date(2020, 1, 1) + timedelta(days=rng.randrange(1500)),
        )
        text = article.text
        start = text.index("Gunmen")
        span = Evidence.from_text(text, start, start + 6, article.id)
        events = []
        for k in range(min(per_article, n_events - i)):
            town, country, admin1, lat, lon = rng.choice(_TOWNS)
            event_type, sub = rng.choice(_TYPES)
            when = article.published - timedelta(days=rng.randrange(3))  # type: ignore[operator]
            events.append(
                Event(
                    event_id=f"B{i}-{k}", event_date=when, year=when.year, time_precision=1,
                    event_type=event_type, sub_event_type=sub, actor1="Unidentified Armed Group",
                    country=country, admin1=admin1, location=town,
                    latitude=lat + rng.uniform(-0.3, 0.3), longitude=lon + rng.uniform(-0.3, 0.3),
                    geo_precision=1, fatalities=rng.randrange(10), notes=f"Made-up note {i}-{k} about {town}.",
                    claims=[Claim(what="killed", number_low=3, evidence=span, article_id=article.id)],
                    evidence={"actor1": [span], "event": [span]}, confidence={"actor1": 0.7},
                    article_ids=[article.id], source_urls=[article.url or ""],
                    history=[{"article_id": article.id}],
                )
            )
        yield article, events


def main(argv: list[str] | None = None) -> None:
    from strife.export import write_events
    from strife.store import EventFilter, open_store

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default=None, help="DuckDB path or postgresql:// URL (default: a temporary DuckDB file)")
    ap.add_argument("--batch", type=int, default=500, help="articles per transaction")
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.duckdb")
    items = list(synthetic(args.events))
    n = sum(len(e) for _, e in items)

    def step(name: str, t0: float, count: int | None = None) -> None:
        dt = time.perf_counter() - t0
        rate = f"  {count / dt:,.0f}/s" if count else ""
        print(f"{name:<34} {dt:8.3f} s{rate}")

    with open_store(db) as store:
        t0 = time.perf_counter()
        store.save_many(items, batch_size=args.batch)
        step(f"save_many {n:,} events", t0, n)
        t0 = time.perf_counter()
        store.save_many(items[:1000], batch_size=args.batch)
        step("re-save 1,000 articles (upsert)", t0)
        for name, flt in [
            ("count, country", EventFilter(country="Mali")),
            ("count, bbox + since", EventFilter(bbox=(-5, 13, 0, 15), since=date(2022, 1, 1))),
            ("count, text", EventFilter(text="kessa")),
        ]:
            t0 = time.perf_counter()
            store.count_events(flt)
            step(name, t0)
        t0 = time.perf_counter()
        store.query_events(EventFilter(event_type="Battles"), limit=100, offset=1000)
        step("page of 100, offset 1000", t0)
        for by in ("week", "event_type", "country"):
            t0 = time.perf_counter()
            store.stats(by=by)  # type: ignore[arg-type]
            step(f"stats by {by}", t0)
        t0 = time.perf_counter()
        store.points(limit=100_000)
        step("map points (100k max)", t0)
        out = Path(tmp.name) / "events.csv"
        t0 = time.perf_counter()
        count = write_events(store.iter_events(), "acled-csv", out)
        step("export acled-csv (all)", t0, count)
    tmp.cleanup()


if __name__ == "__main__":
    main()
