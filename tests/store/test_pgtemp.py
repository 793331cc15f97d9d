"""The throwaway PostgreSQL server the tests use."""

from __future__ import annotations

import pytest

from strife.store import pgtemp
from strife.store.pgtemp import PostgresUnavailable, TempPostgres


def test_no_server_binaries_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pgtemp, "find_bindir", lambda: None)
    with pytest.raises(PostgresUnavailable, match="install `postgresql`"):
        TempPostgres().start()


def test_databases_are_separate(pg_server) -> None:
    if isinstance(pg_server, str):
        pytest.skip(pg_server)
    import psycopg

    first, second = pg_server.new_database(), pg_server.new_database()
    assert first != second
    assert first.startswith("postgresql://") and "127.0.0.1" in first
    with psycopg.connect(first, autocommit=True) as con:
        con.execute("CREATE TABLE only_here (x int)")
    with psycopg.connect(second) as con:
        assert con.execute("SELECT to_regclass('only_here')").fetchone() == (None,)


def test_schemas_are_separate(pg_server) -> None:
    if isinstance(pg_server, str):
        pytest.skip(pg_server)
    import psycopg

    first, second = pg_server.new_schema(), pg_server.new_schema()
    with psycopg.connect(first, autocommit=True) as con:
        con.execute("CREATE TABLE only_here (x int)")
        assert con.execute("SELECT to_regclass('only_here')").fetchone() != (None,)
    with psycopg.connect(second) as con:
        assert con.execute("SELECT to_regclass('only_here')").fetchone() == (None,)
