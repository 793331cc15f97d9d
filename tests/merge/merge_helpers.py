"""Hand-made reports for the merge tests (no ACLED rows: every sentence is invented)."""

from __future__ import annotations

from datetime import date
from typing import Any

from strife.schema import Article, Claim, Event, Evidence, content_hash


def report(
    body: str,
    *,
    source: str = "Agence A",
    url: str | None = None,
    index: int = 0,
    killed: int | None = None,
    claimant: str | None = None,
    **fields: Any,
) -> Event:
    """One event as the extractor would code it from a one-paragraph article."""
    article = Article(title=None, body=body, source=source, url=url or f"https://news.example/{content_hash(body)}")
    text = article.text
    event = Event(
        event_id=f"{article.id}-{index}",
        article_ids=[article.id],
        source=source,
        source_urls=[article.url],
        **fields,
    )
    event.cite("event", Evidence.from_text(text, 0, len(text), article.id), 0.8)
    if killed is not None:
        event.claims.append(Claim(what="killed", number_low=killed, number_high=killed, claimant=claimant,
                                  evidence=Evidence.from_text(text, 0, len(text), article.id),
                                  article_id=article.id))
        event.fatalities = killed
    return event


# One village in central Mali (invented coordinates near a real place are fine: only distances matter)
VILLAGE = dict(country="Mali", iso=466, admin1="Mopti", admin2="Bankass", location="Sabéré",
               latitude=14.30, longitude=-3.60, geo_precision=1)
DAY = date(2024, 3, 10)
