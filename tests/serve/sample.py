"""A small set of hand-made reports and events for the API, schemathesis and browser tests.

The sentences are invented for these tests (no ACLED rows or notes).
"""

from __future__ import annotations

from datetime import date

from strife.schema import Article, Claim, Event, Evidence

TOKEN = "test-token-123"

REPORT_A = Article(
    url="https://news.example.org/kourama-attack",
    source="Example Wire",
    title="Gunmen kill twelve villagers in Kourama",
    body=(
        "Gunmen on motorcycles killed 12 villagers in Kourama, in the Mopti region of Mali, on Sunday, "
        "local officials said. The army said its troops later killed five of the attackers."
    ),
    published=date(2024, 3, 4),
    origin="tests/serve/report-a",
)
REPORT_B = Article(
    url="https://radio.example.net/mopti-village",
    source="Radio Example",
    title="Village attacked near Mopti",
    body=(
        "Armed men stormed the village of Kourama on Sunday and shot dead at least 14 people, "
        "a local councillor told Radio Example."
    ),
    published=date(2024, 3, 5),
    origin="tests/serve/report-b",
)
REPORT_C = Article(
    url="https://news.example.org/bamako-traders",
    source="Example Wire",
    title="Traders march in Bamako",
    body="Hundreds of traders marched peacefully through Bamako on Tuesday to protest against a new market tax.",
    published=date(2024, 3, 13),
    origin="tests/serve/report-c",
)
REPORT_D = Article(
    url="https://news.example.org/djibo-clash",
    source="Example Wire",
    title="Soldiers and militants clash near Djibo",
    body=(
        "Soldiers clashed with militants of the Sahel Fighters Front near Djibo in northern Burkina Faso "
        "on Tuesday, leaving seven dead, a security source said."
    ),
    published=date(2024, 2, 21),
    origin="tests/serve/report-d",
)
REPORT_E = Article(
    source="Example Wire",
    title="Ceasefire talks announced",
    body="Mediators announced that ceasefire talks would open next month, without naming a venue.",
    published=date(2024, 1, 10),
    origin="tests/serve/report-e",
)


def span(article: Article, quote: str) -> Evidence:
    """Evidence for the first occurrence of `quote` in the article's stored text."""
    start = article.text.index(quote)
    return Evidence.from_text(article.text, start, start + len(quote), article_id=article.id)


def sample_events() -> list[tuple[Article, list[Event]]]:
    a, b, c, d, e = REPORT_A, REPORT_B, REPORT_C, REPORT_D, REPORT_E
    attack = Event(
        event_id="TST1",
        event_date=date(2024, 3, 3),
        year=2024,
        time_precision=1,
        disorder_type="Political violence",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Mali)",
        inter1=3,
        actor2="Civilians (Mali)",
        inter2=7,
        interaction=37,
        civilian_targeting="Civilian targeting",
        iso=466,
        region="Western Africa",
        country="Mali",
        admin1="Mopti",
        location="Kourama",
        latitude=14.35,
        longitude=-4.1,
        geo_precision=1,
        source="Example Wire; Radio Example",
        fatalities=12,
        notes="On 3 March 2024, gunmen killed 12 villagers in Kourama (Mopti).",
        claims=[
            Claim(what="killed", number_low=12, number_high=12, number_text="12", whom="villagers",
                  claimant="local officials", channel="Example Wire", evidence=span(a, "killed 12 villagers"),
                  article_id=a.id),
            Claim(what="killed", number_low=5, number_high=5, number_text="five", whom="attackers",
                  claimant="army", channel="Example Wire", partisan=True,
                  evidence=span(a, "killed five of the attackers"), article_id=a.id),
            Claim(what="killed", number_low=14, number_text="at least 14", whom="people",
                  claimant="local councillor", channel="Radio Example",
                  evidence=span(b, "shot dead at least 14 people"), article_id=b.id),
        ],
        evidence={
            "actor1": [span(a, "Gunmen on motorcycles"), span(b, "Armed men")],
            "location": [span(a, "Kourama"), span(b, "Kourama")],
            "admin1": [span(a, "Mopti region")],
            "sub_event_type": [span(a, "killed 12 villagers")],
            "fatalities": [span(a, "12 villagers")],
        },
        confidence={"actor1": 0.7, "location": 0.95, "fatalities": 0.8, "event_type": 0.9},
        article_ids=[a.id, b.id],
        source_urls=[a.url or "", b.url or ""],
        history=[{"article_id": a.id, "action": "created"}, {"article_id": b.id, "action": "merged"}],
    )
    protest = Event(
        event_id="TST2", event_date=date(2024, 3, 12), year=2024, time_precision=1,
        disorder_type="Demonstrations", event_type="Protests", sub_event_type="Peaceful protest",
        actor1="Protesters (Mali)", inter1=6, country="Mali", admin1="Bamako", location="Bamako",
        latitude=12.65, longitude=-8.0, geo_precision=1, fatalities=0,
        notes="Traders protested against a new market tax in Bamako.",
        evidence={"actor1": [span(c, "Hundreds of traders")], "location": [span(c, "Bamako")]},
        article_ids=[c.id], source_urls=[c.url or ""],
    )
    clash = Event(
        event_id="TST3", event_date=date(2024, 2, 20), year=2024, time_precision=1,
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Burkina Faso", inter1=1, actor2="Sahel Fighters Front", inter2=2,
        country="Burkina Faso", admin1="Sahel", location="Djibo", latitude=14.1, longitude=-1.63,
        geo_precision=2, fatalities=7, notes="Soldiers clashed with militants near Djibo.",
        claims=[Claim(what="killed", number_low=7, number_text="seven", claimant="security source",
                      evidence=span(d, "leaving seven dead"), article_id=d.id)],
        evidence={"actor2": [span(d, "Sahel Fighters Front")], "location": [span(d, "Djibo")]},
        article_ids=[d.id], source_urls=[d.url or ""],
    )
    talks = Event(
        event_id="TST4", event_date=None, disorder_type="Strategic developments",
        event_type="Strategic developments", sub_event_type="Agreement", actor1="Mediators",
        notes="Ceasefire talks announced.", article_ids=[e.id],
    )
    return [(a, [attack]), (b, [attack]), (c, [protest]), (d, [clash]), (e, [talks])]


def fill(store) -> None:  # noqa: ANN001 - any strife store
    for article, events in sample_events():
        store.save(article, events)


