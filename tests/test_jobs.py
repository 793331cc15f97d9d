"""The whole flow through `strife.jobs.ingest_articles`: read -> extract -> geo -> merge -> store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from strife.jobs import ingest_articles
from strife.schema import Article, ReadFailure
from strife.store import open_store

# Two wire reports of one ambush, written differently, published on different days.
REPORT_A = Article(
    title="Gunmen kill soldiers near Kidal",
    body=(
        "Unidentified gunmen ambushed a Malian army patrol near Kidal on Monday, killing six soldiers, "
        "the army said in a statement.\n"
        "The attackers fled towards the border after the ambush."
    ),
    published=date(2024, 6, 11),
    source="Wire A",
    url="https://example.org/a",
)
REPORT_B = Article(
    title="Army patrol attacked in northern Mali",
    body=(
        "Armed men attacked an army patrol close to Kidal on Monday and killed at least six Malian soldiers, "
        "a local official told Radio B on Tuesday.\n"
        "Four other soldiers were wounded."
    ),
    published=date(2024, 6, 12),
    source="Radio B",
    url="https://example.org/b",
)
# Two different attacks in one town on one day, each reported by its own article.
BOMBING = Article(
    title="Car bomb hits checkpoint in Mogadishu",
    body=(
        "A car bomb exploded at a police checkpoint in Mogadishu on Thursday, killing four police officers. "
        "Al Shabaab claimed the bombing."
    ),
    published=date(2024, 7, 5),
    source="Wire C",
)
SHOOTING = Article(
    title="Businessman shot dead in Mogadishu",
    body="Gunmen shot dead a businessman outside his shop in Mogadishu on Thursday evening, witnesses said.",
    published=date(2024, 7, 5),
    source="Radio D",
)
# Two different incidents in one article: a protest and a bombing.
SAME_DAY = Article(
    title="Protest and bombing in Mogadishu",
    body=(
        "Hundreds of traders protested peacefully in Mogadishu on Thursday against new market taxes.\n"
        "Later on Thursday, a car bomb exploded at a checkpoint in Mogadishu, killing four police officers; "
        "Al Shabaab claimed the bombing."
    ),
    published=date(2024, 7, 5),
    source="Wire C",
)


@pytest.fixture()
def store(tmp_path: Path):
    with open_store(str(tmp_path / "jobs.duckdb")) as opened:
        yield opened


def test_two_reports_of_one_attack_merge_into_one_event(store) -> None:
    summary = ingest_articles([REPORT_A, REPORT_B], store)
    assert summary.articles_new == 2
    assert not summary.failures
    events = store.query_events(limit=50)
    assert events, "both reports describe an attack"
    merged = [e for e in events if set(e.article_ids) >= {REPORT_A.id, REPORT_B.id}]
    assert len(merged) == 1, [(e.event_type, e.location, e.article_ids) for e in events]
    event = merged[0]
    claim_articles = {c.article_id or (c.evidence.article_id if c.evidence else None) for c in event.claims}
    assert {REPORT_A.id, REPORT_B.id} <= claim_articles
    assert event.fatalities == 6
    assert {"https://example.org/a", "https://example.org/b"} <= set(event.source_urls)
    assert event.history, "the merge is recorded so it can be undone"


def test_different_attacks_same_day_same_town_stay_apart(store) -> None:
    ingest_articles([BOMBING, SHOOTING], store)
    events = store.query_events(limit=50)
    assert len(events) == 2, [(e.event_type, e.location, e.event_date) for e in events]
    assert {tuple(e.article_ids) for e in events} == {(BOMBING.id,), (SHOOTING.id,)}


def test_one_article_with_two_incidents_yields_two_events(store) -> None:
    ingest_articles([SAME_DAY], store)
    events = store.query_events(limit=50)
    assert len(events) == 2, [e.event_type for e in events]
    # segmentation is what this checks: the protest and the bombing are told apart
    # (the bombing's exact sub-type is the classifier's call, scored by `strife eval`)
    protest = [e for e in events if e.event_type == "Protests"]
    violent = [e for e in events if e.event_type in ("Explosions/Remote violence", "Battles")]
    assert len(protest) == 1 and len(violent) == 1
    assert any("protested" in span.quote for span in protest[0].evidence["event"])
    assert any("car bomb" in span.quote for span in violent[0].evidence["event"])
    assert violent[0].fatalities == 4 and protest[0].fatalities == 0


def test_reingest_and_failures_do_not_duplicate(store) -> None:
    first = ingest_articles([REPORT_A, ReadFailure(origin="x.bin", error="binary file")], store)
    counts = store.counts()
    again = ingest_articles([REPORT_A], store)
    assert first.articles_new == 1 and len(first.failures) == 1
    assert again.articles_new == 0 and again.articles_skipped == 1
    assert store.counts() == counts
