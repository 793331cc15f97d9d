"""Schema versions, opening, locking."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from strife.store import StoreError, StoreLockedError, open_store
from strife.store import base as store_base
from strife.store.duckdb_store import DuckDBStore


def _versions(store) -> list[int]:
    return [v for (v,) in store._fetch("SELECT version FROM schema_version ORDER BY version")]


def test_migrations_apply_once(store_url: str) -> None:
    shipped = [v for v, _, _ in store_base.load_migrations(_dialect(store_url))]
    with open_store(store_url) as store:
        assert _versions(store) == shipped
        assert store.schema_version == shipped[-1]
    with open_store(store_url) as store:  # reopening applies nothing twice
        assert _versions(store) == shipped


def _dialect(url: str) -> str:
    return "postgres" if url.startswith("postgres") else "duckdb"


def test_opening_an_old_database_applies_the_missing_migrations(
    store_url: str, monkeypatch: pytest.MonkeyPatch, article_factory, event_factory
) -> None:
    article = article_factory(1)
    with open_store(store_url) as store:
        store.save(article, [event_factory("EV1", article)])

    real = store_base.load_migrations

    def with_v2(dialect: str) -> list[tuple[int, str, str]]:
        return [*real(dialect), (2, "0002_reviewed.sql", "ALTER TABLE events ADD COLUMN reviewed_by TEXT;")]

    monkeypatch.setattr(store_base, "load_migrations", with_v2)
    with open_store(store_url) as store:
        assert _versions(store)[-2:] == [1, 2]
        assert store._fetch("SELECT reviewed_by FROM events") == [(None,)]
        assert store.get_event("EV1") == event_factory("EV1", article)  # data kept
    with open_store(store_url) as store:
        assert _versions(store).count(2) == 1

    # Going back to the older strife refuses the newer database instead of corrupting it.
    monkeypatch.setattr(store_base, "load_migrations", real)
    with pytest.raises(StoreError, match="newer"):
        open_store(store_url)


def test_shipped_migrations_are_numbered_and_match_between_dialects() -> None:
    duck = store_base.load_migrations("duckdb")
    pg = store_base.load_migrations("postgres")
    assert [v for v, _, _ in duck] == list(range(1, len(duck) + 1))
    assert [v for v, _, _ in pg] == [v for v, _, _ in duck]


def test_event_columns_match_the_schema(store_url: str) -> None:
    with open_store(store_url) as store:
        rows = store._fetch(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "AND table_schema = current_schema() ORDER BY ordinal_position"
        )
    columns = [r[0] for r in rows]
    assert columns == list(store_base.EVENT_COLUMN_NAMES)
    # Every ACLED field of Event is a real column.
    from strife.schema import ACLED_COLUMNS

    for name in ACLED_COLUMNS:
        assert ("event_id" if name == "event_id_cnty" else name) in columns


def test_default_location_and_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert isinstance(store, DuckDBStore)
    assert (tmp_path / "strife.duckdb").exists()
    with open_store(":memory:") as store:
        assert store.counts() == {"articles": 0, "events": 0}
    with open_store(str(tmp_path / "sub" / "dir" / "x.duckdb")) as store:
        assert store.schema_version >= 1


def test_a_locked_duckdb_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "strife.duckdb"
    open_store(str(path)).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(path)!r})
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError, match="another process"):
            open_store(str(path))
    finally:
        holder.communicate("", timeout=30)
    with open_store(str(path)) as store:  # free again
        assert store.counts()["events"] == 0


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError):
        open_store(str(path))


def test_unreachable_postgres_is_a_store_error() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect") as info:
        open_store(f"postgresql://nobody:secret@127.0.0.1:{port}/none?connect_timeout=2")
    assert "secret" not in str(info.value)



_WRITER = """
import sys
from strife.schema import Article, Event
from strife.store import open_store

store = open_store(sys.argv[1])
for i in range(100000):
    article = Article(title=f"Made-up report {i}", body=f"Body of made-up report {i}.")
    events = [Event(event_id=f"K{i}-{k}", article_ids=[article.id], fatalities=k) for k in range(3)]
    store.save_many([(article, events)])
    print(i + 1, flush=True)
"""


def test_a_killed_writer_keeps_what_it_reported_stored(store_url: str, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    proc = subprocess.Popen([sys.executable, str(script), store_url], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    reported = 0
    try:
        while reported < 40:
            line = proc.stdout.readline()
            assert line, "writer died early"
            reported = int(line)
    finally:
        proc.kill()  # SIGKILL: no cleanup, no checkpoint
        proc.wait(timeout=30)
    with open_store(store_url) as store:
        counts = store.counts()
        assert counts["articles"] >= reported
        # Whole articles only: every stored article came with its three events.
        assert counts["events"] == 3 * counts["articles"]


def test_postgres_store_reconnects_after_the_server_drops_it(pg_url: str) -> None:
    import psycopg

    with open_store(pg_url) as store:
        assert store.counts()["events"] == 0
        pid = store._con.info.backend_pid
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert store.counts()["events"] == 0  # a read retries on a fresh connection
        assert store._con.info.backend_pid != pid
        store.put_events([])  # and writes go on


def test_a_failing_migration_is_rolled_back(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(store_url).close()
    real = store_base.load_migrations
    bad = "ALTER TABLE events ADD COLUMN half_done TEXT; THIS IS NOT SQL;"
    monkeypatch.setattr(store_base, "load_migrations", lambda d: [*real(d), (2, "0002_bad.sql", bad)])
    with pytest.raises(StoreError, match="0002_bad.sql"):
        open_store(store_url)
    monkeypatch.setattr(store_base, "load_migrations", real)
    with open_store(store_url) as store:
        assert store.schema_version == 1
        names = [r[0] for r in store._fetch(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'events' AND table_schema = current_schema()"
        )]
        assert "half_done" not in names


def test_concurrent_first_opens_on_postgres_migrate_once(pg_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    def open_and_version(_: int) -> int:
        with open_store(pg_url) as store:
            return store.schema_version

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert set(pool.map(open_and_version, range(4))) == {1}
    with open_store(pg_url) as store:
        assert _versions(store) == [1]
