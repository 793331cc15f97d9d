"""Every export format written and read back; ACLED header; GeoJSON structure."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from strife.export import FORMATS, format_events, format_for_path, iter_text, read_events, write_events
from strife.schema import ACLED_COLUMNS, Article, Claim, Event, Evidence

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
)


def _article() -> Article:
    return Article(
        url="https://news.example/a",
        source="Example Wire",
        title="Made-up clash near a made-up town",
        body='Soldiers said they "neutralised" 12 fighters; the group said, "only 2 of ours died".',
        published=date(2024, 5, 6),
    )


@pytest.fixture
def events() -> list[Event]:
    article = _article()
    text = article.text
    start = text.index("Soldiers")
    span = Evidence.from_text(text, start, start + len("Soldiers said"), article.id)
    full = Event(
        event_id="STR-0001",
        event_date=date(2024, 5, 5),
        year=2024,
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Nowhere (2020-)",
        inter1=1,
        actor2="Made-up Armed Group",
        assoc_actor_2="Local militia, \"Red\" faction",  # comma and quotes for the CSV
        inter2=2,
        interaction=12,
        iso=999,
        region="Western Africa",
        country="Nowhere",
        admin1="North",
        admin2="Hills",
        location="Dorvil",
        latitude=12.345678,
        longitude=-1.5,
        geo_precision=2,
        source="Example Wire",
        source_scale="International",
        notes="Line one,\nline two; unicode: Ségou, Ménaka.",
        fatalities=2,
        tags="crowd size=no report",
        timestamp=1_715_000_000,
        claims=[
            Claim(what="neutralized", number_low=12, number_high=12, whom="fighters", claimant="army",
                  partisan=True, evidence=span, article_id=article.id),
            Claim(what="killed", number_low=2, whom="group members", claimant="the group", partisan=True,
                  article_id=article.id),
        ],
        evidence={"actor1": [span], "event": [span]},
        confidence={"actor1": 0.8, "fatalities": 0.4},
        article_ids=[article.id, "0123456789abcdef"],
        source_urls=["https://news.example/a", "https://news.example/b"],
        language="en",
        created_at=datetime(2024, 5, 7, 8, 9, 10, tzinfo=timezone.utc),
        history=[{"article_id": article.id, "fields": ["fatalities"]}],
        corrections={"admin2": "Hills"},
    )
    bare = Event(event_id="STR-0002")  # nothing known: no date, no place
    formula = Event(event_id="STR-0003", event_date=date(2023, 12, 31), notes="=HYPERLINK(\"x\")", fatalities=0,
                    latitude=0.0, longitude=0.0)
    return [full, bare, formula]


def _year_filled(e: Event) -> Event:
    return e.model_copy(update={"year": e.year or (e.event_date.year if e.event_date else None)})


def _acled(e: Event) -> dict[str, object]:
    return e.acled_row()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips(fmt: str, events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / f"out{fmt}"
    assert write_events(iter(events), fmt, path) == len(events)
    back = read_events(path, fmt)
    assert [_acled(e) for e in back] == [_acled(e) for e in events]
    if fmt == "jsonl":
        assert back == events  # full records: claims, evidence, confidence, provenance
    if fmt == "parquet":
        # Full records too, with ACLED's year column filled from the date.
        assert back == [_year_filled(e) for e in events]
    if fmt in ("geojson", "xlsx", "parquet", "jsonl"):
        assert [e.article_ids for e in back] == [e.article_ids for e in events]
        assert [e.source_urls for e in back] == [e.source_urls for e in events]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_export_is_valid(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "empty"
    assert write_events([], fmt, path) == 0
    assert read_events(path, fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_writes_to_binary_streams(fmt: str, events: list[Event]) -> None:
    buf = io.BytesIO()
    assert write_events(events, fmt, buf) == 3
    assert not buf.closed  # the caller's stream stays theirs
    buf.seek(0)
    assert [e.event_id for e in read_events(buf, fmt)] == [e.event_id for e in events]


@pytest.mark.parametrize("fmt", ["acled-csv", "jsonl", "geojson"])
def test_text_formats_write_to_text_streams_and_strings(fmt: str, events: list[Event]) -> None:
    buf = io.StringIO()
    assert write_events(events, fmt, buf) == 3
    assert buf.getvalue() == format_events(events, fmt)  # type: ignore[arg-type]
    assert [e.event_id for e in read_events(io.StringIO(buf.getvalue()), fmt)] == [e.event_id for e in events]


def test_binary_formats_refuse_text_streams(events: list[Event]) -> None:
    with pytest.raises(TypeError):
        write_events(events, "parquet", io.StringIO())


def test_unknown_format(events: list[Event], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="acled-csv"):
        write_events(events, "shapefile", tmp_path / "x")


def test_acled_csv_header_and_values(events: list[Event]) -> None:
    text = format_events(events, "acled-csv")
    assert text.splitlines()[0] == ACLED_HEADER
    assert tuple(ACLED_HEADER.split(",")) == ACLED_COLUMNS
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    assert rows[0]["event_date"] == "2024-05-05"  # ISO date
    assert rows[0]["assoc_actor_2"] == 'Local militia, "Red" faction'
    assert rows[0]["notes"] == events[0].notes  # newline survives quoting
    assert rows[1]["event_date"] == "" and rows[1]["fatalities"] == ""
    assert rows[2]["year"] == "2023"  # filled from the date


def test_geojson_structure(events: list[Event]) -> None:
    doc = json.loads(format_events(events, "geojson"))
    assert doc["type"] == "FeatureCollection"
    assert isinstance(doc["features"], list) and len(doc["features"]) == 3
    for feature, event in zip(doc["features"], events, strict=True):
        assert feature["type"] == "Feature"
        assert set(ACLED_COLUMNS) <= set(feature["properties"])
        assert feature["properties"]["event_id_cnty"] == event.event_id
        assert feature["properties"]["claims"] == len(event.claims)
        assert feature["properties"]["article_ids"] == event.article_ids
        geometry = feature["geometry"]
        if event.latitude is None:
            assert geometry is None
        else:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]  # GeoJSON order: longitude first
            assert (lon, lat) == (event.longitude, event.latitude)
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_jsonl_carries_claims_and_evidence(events: list[Event]) -> None:
    lines = format_events(events, "jsonl").splitlines()
    assert len(lines) == 3
    record = json.loads(lines[0])
    assert record["claims"][0]["number_low"] == 12
    span = record["evidence"]["actor1"][0]
    assert _article().text[span["start"]:span["end"]] == span["quote"]
    assert record["article_ids"] == events[0].article_ids


def test_parquet_has_flat_acled_columns(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    write_events(events, "parquet", path)
    table = pq.read_table(path)
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int32"
    assert json.loads(table.column("claims")[0].as_py())[0]["what"] == "neutralized"


def test_xlsx_is_a_sheet_with_the_acled_header_and_no_formulas(events: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "e.xlsx"
    write_events(events, "xlsx", path)
    ws = load_workbook(path)["events"]
    header = [c.value for c in ws[1]]
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    notes = ws.cell(row=4, column=ACLED_COLUMNS.index("notes") + 1)
    assert notes.data_type == "s" and notes.value == events[2].notes


def test_text_exports_stream(events: list[Event]) -> None:
    """Writing consumes the events one at a time: a chunk is out before the next event is read."""
    pulled: list[str] = []

    def source() -> Iterator[Event]:
        for e in events:
            pulled.append(e.event_id)
            yield e

    for fmt in ("acled-csv", "jsonl", "geojson"):
        pulled.clear()
        chunks = iter_text(source(), fmt)  # type: ignore[arg-type]
        seen = ""
        while "STR-0001" not in seen:
            seen += next(chunks)
        assert pulled == ["STR-0001"]


def test_format_for_path() -> None:
    assert format_for_path("a/b.CSV") == "acled-csv"
    assert format_for_path("x.geojson") == "geojson"
    assert format_for_path("x.parquet") == "parquet"
    assert format_for_path("x.unknown") is None
