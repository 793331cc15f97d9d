"""The CLI end to end, as a user runs it: extract, ingest (twice), events, export, bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strife.cli import app
from strife.schema import ACLED_COLUMNS

runner = CliRunner()

ARTICLE = """World
Militants Attack Army Post In Northern Burkina Faso
The attack is the latest in a string of assaults on security forces
Published: 2024-02-02
Islamic State militants attacked an army post near Dori in the Seno province on Wednesday, killing eight soldiers, the army said in a statement.
The army said its troops killed 20 assailants during the fighting.
Burkina Faso has been governed by a military junta since 2022.
"""

OTHER = """Business
Central Bank Holds Interest Rates Steady
Inflation slowed for the third month in a row
The central bank kept its main interest rate unchanged on Thursday, saying inflation had slowed for a third consecutive month and growth remained solid.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "attack.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "bank.txt").write_text(OTHER, encoding="utf-8")
    return folder


def test_extract_jsonl_evidence_quotes_the_text(corpus: Path) -> None:
    from strife.ingest import read_sources

    result = runner.invoke(app, ["extract", str(corpus / "attack.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert events, "an article reporting an attack yields at least one event"
    (article,) = list(read_sources([str(corpus / "attack.txt")]))
    for event in events:
        assert article.id in event["article_ids"]
        assert event["evidence"], "every event carries evidence"
        for spans in event["evidence"].values():
            for span in spans:
                assert article.text[span["start"] : span["end"]] == span["quote"]


def test_extract_seed_article_quotes_exactly(shared_dir: Path) -> None:
    sample = shared_dir / "samples" / "000_2506c64e078a3585.txt"
    if not sample.exists():
        pytest.skip("shared sample not present")
    from strife.ingest import read_sources

    result = runner.invoke(app, ["extract", str(sample), "--published", "2023-01-12", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert events
    (article,) = list(read_sources([str(sample)], published=None))
    for event in events:
        for spans in event["evidence"].values():
            for span in spans:
                assert article.text[span["start"] : span["end"]] == span["quote"]


def test_ingest_twice_keeps_counts_and_exports(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "test.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    from strife.store import open_store

    with open_store(str(db)) as store:
        counts_first = store.counts()
    assert counts_first["articles"] == 2
    assert counts_first["events"] >= 1

    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert second.exit_code == 0, second.output
    with open_store(str(db)) as store:
        assert store.counts() == counts_first

    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert len([line for line in listed.stdout.splitlines() if line.strip()]) == counts_first["events"]

    csv_path = tmp_path / "events.csv"
    exported = runner.invoke(app, ["export", "--format", "acled-csv", "-o", str(csv_path), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) - 1 == counts_first["events"]

    geojson_path = tmp_path / "events.geojson"
    exported = runner.invoke(app, ["export", "--format", "geojson", "-o", str(geojson_path), "--db", str(db)])
    assert exported.exit_code == 0, exported.output
    collection = json.loads(geojson_path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == counts_first["events"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"] is None or feature["geometry"]["type"] == "Point"


def test_bad_items_are_reported_and_the_batch_goes_on(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 64)
    db = tmp_path / "bad.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.stderr
    assert "blob.bin" in result.stderr
    assert "missing.txt" in result.stderr
    from strife.store import open_store

    with open_store(str(db)) as store:
        assert store.counts()["articles"] == 2


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code != 0
    assert "empty" in result.stderr.lower()


def test_events_on_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 1
    assert "no database" in result.stderr



REPORT_A = """World
Gunmen Kill Soldiers Near Kidal
Published: 2024-06-11
Unidentified gunmen ambushed a Malian army patrol near Kidal on Monday, killing six soldiers, the army said in a statement.
"""
REPORT_B = """World
Army Patrol Attacked In Northern Mali
Published: 2024-06-12
Armed men attacked an army patrol close to Kidal on Monday and killed at least six Malian soldiers, a local official said on Tuesday.
"""


def test_split_and_correct_a_merged_event(tmp_path: Path) -> None:
    from strife.store import open_store

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (folder / "b.txt").write_text(REPORT_B, encoding="utf-8")
    db = str(tmp_path / "merge.duckdb")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    with open_store(db) as store:
        merged = [e for e in store.query_events(limit=20) if len(e.article_ids) == 2]
    assert len(merged) == 1
    event_id = merged[0].event_id

    corrected = runner.invoke(app, ["events", "correct", event_id, "fatalities", "5", "--db", db, "--who", "tester"])
    assert corrected.exit_code == 0, corrected.output
    with open_store(db) as store:
        event = store.get_event(event_id)
        assert event is not None and event.fatalities == 5 and "fatalities" in event.corrections

    bad = runner.invoke(app, ["events", "correct", event_id, "fatalities", "many", "--db", db])
    assert bad.exit_code != 0

    split = runner.invoke(app, ["events", "split", event_id, "--db", db])
    assert split.exit_code == 0, split.output
    with open_store(db) as store:
        events = store.query_events(limit=20)
    assert sorted(len(e.article_ids) for e in events) == [1, 1]
    assert event_id in {e.event_id for e in events}


def test_train_encoder_says_what_it_lacks(tmp_path: Path) -> None:
    data = tmp_path / "events.csv"
    data.write_text("event_id_cnty,sub_event_type,notes\n", encoding="utf-8")
    result = runner.invoke(app, ["train-encoder", str(data), "--base", str(tmp_path / "no-such-model"),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "MiniLM" in result.output or "MiniLM" in str(result.exception)
    assert not (tmp_path / "out").exists()


def test_train_encoder_help_names_the_extra_to_install() -> None:
    # The help is rendered as rich markup, where "[encoder-training]" would vanish as a tag.
    result = runner.invoke(app, ["train-encoder", "--help"])
    assert result.exit_code == 0
    assert "strife[encoder-training]" in result.output


def test_train_focus_values_are_checked() -> None:
    from strife.cli.train import _focus_weights

    assert _focus_weights(["Mali=3", "Burkina Faso=2.5"]) == {"Mali": 3.0, "Burkina Faso": 2.5}
    assert _focus_weights(["none"]) == {}
    for bad in ("Mali", "Mali=0", "=3", "Mali=lots", "Mali=nan"):
        result = runner.invoke(app, ["train", "--focus", bad, "--out", "/nonexistent/never-written"])
        assert result.exit_code == 2, bad
        assert "COUNTRY=WEIGHT" in result.output


def test_events_table_keeps_dates_and_numbers_whole_in_a_narrow_terminal() -> None:
    from datetime import date

    from rich.console import Console

    from strife.cli.core import events_table
    from strife.schema import Event

    event = Event(
        event_id="STR-0001", event_date=date(2023, 1, 10), event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", actor1="JNIM: Group for Support of Islam and Muslims",
        actor2="Military Forces of Mali (2021-)", location="Macina", admin1="Segou", country="Mali",
        fatalities=1234567,
    )
    console = Console(width=80, record=True, color_system=None)
    console.print(events_table([event]))
    text = console.export_text()
    assert "2023-01-10" in text
    assert "1234567" in text
    assert max(len(line) for line in text.splitlines()) <= 80
