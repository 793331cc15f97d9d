"""`--db postgresql://...` end to end: ingest (with merge), events, export and the API give
what the embedded DuckDB default gives on the same input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strife.schema import ACLED_COLUMNS, Event
from strife.store import open_store

pytestmark = pytest.mark.slow

runner = CliRunner()

# Hand-made reports: two tell of one ambush, a third of a different incident elsewhere.
REPORTS = {
    "ambush_a.txt": """World
Gunmen Kill Nine Soldiers In Ambush Near Djibo
Attack on a patrol in northern Burkina Faso
Published: 2024-04-10
Gunmen ambushed an army patrol near Djibo in Burkina Faso's Soum province on Tuesday, killing nine soldiers, security sources said.
""",
    "ambush_b.txt": """Africa
Soldiers Killed In Djibo Ambush, Army Says
Second report of the patrol attack
Published: 2024-04-10
Nine soldiers died on Tuesday when suspected jihadists attacked their patrol near the town of Djibo in Soum province, the army said in a statement.
""",
    "protest.txt": """World
Hundreds March In Bamako Over Power Cuts
Demonstration in the Malian capital
Published: 2024-04-12
Hundreds of people marched peacefully through Bamako in Mali on Friday to protest against long power cuts, witnesses said.
""",
}


def _fingerprint(event: Event) -> tuple:
    row = event.acled_row()
    row.pop("timestamp")
    return (tuple(row.values()), tuple(sorted(event.article_ids)), len(event.claims))


def _ingest(db: str, folder: Path) -> None:
    from strife.cli import app

    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_postgres_matches_duckdb_end_to_end(reports: Path, tmp_path: Path, pg_url: str) -> None:
    from strife.cli import app

    duck = str(tmp_path / "strife.duckdb")
    _ingest(duck, reports)
    _ingest(pg_url, reports)
    with open_store(duck) as d, open_store(pg_url) as p:
        d_counts, p_counts = d.counts(), p.counts()
        assert d_counts["articles"] == 3
        assert p_counts == d_counts
        d_events, p_events = list(d.iter_events()), list(p.iter_events())
        assert sorted(map(_fingerprint, p_events)) == sorted(map(_fingerprint, d_events))
        assert p.stats(by="country") == d.stats(by="country")
        for event in p_events:
            linked = {a.id for a in p.articles_for_event(event.event_id)}
            assert set(event.article_ids) <= linked

    # Re-ingesting changes nothing on PostgreSQL either.
    _ingest(pg_url, reports)
    with open_store(pg_url) as p:
        assert p.counts() == p_counts

    listed = runner.invoke(app, ["events", "--db", pg_url, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    assert len([line for line in listed.stdout.splitlines() if line.strip()]) == p_counts["events"]

    out = tmp_path / "pg.csv"
    exported = runner.invoke(app, ["export", "--format", "acled-csv", "-o", str(out), "--db", pg_url])
    assert exported.exit_code == 0, exported.output
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) - 1 == p_counts["events"]


def test_api_over_postgres(reports: Path, pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from strife.serve.app import create_app

    _ingest(pg_url, reports)
    with open_store(pg_url) as store:
        counts = store.counts()
        some = store.query_events(limit=1)[0]
        app = create_app(store)
        with TestClient(app) as client:
            page = client.get("/api/events", params={"limit": 50})
            assert page.status_code == 200
            assert page.json()["total"] == counts["events"]
            detail = client.get(f"/api/events/{some.event_id}")
            assert detail.status_code == 200
            assert some.event_id in detail.text
            assert client.get("/api/events/no-such-event").status_code == 404
