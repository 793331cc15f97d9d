"""store stage: articles and events, durable.

`open_store()` gives the embedded DuckDB file `strife.duckdb` by default;
`open_store("postgresql://...")` the team option. Both behave the same (the
test suite runs one set of assertions against both).

    with open_store("strife.duckdb") as store:
        if not store.has_article(article.id):
            store.save(article, events)
        for event in store.query_events(EventFilter(country="Mali"), limit=20):
            ...

Schema migrations live in `migrations/<dialect>/NNNN_name.sql` (dialects: duckdb,
postgres; same numbers in both). Opening a store applies, in order and each in its
own transaction, every version not yet in its `schema_version` table; a database
newer than this code is refused. To change the schema, add the next number for both
dialects and update the column lists in `base.py` (a test checks they agree).

Writes are transactions: `save` is one, `save_many` one per batch (a failing batch
is retried item by item, so one bad item costs only itself). A DuckDB file takes
one writer process; a second gets `StoreLockedError`. Use PostgreSQL when several
processes (ingest, API) share a database.
"""

from __future__ import annotations

from pathlib import Path

from strife.store.base import (
    STATS_BY,
    EventFilter,
    SQLStore,
    StatsBy,
    Store,
    StoreError,
    StoreLockedError,
)

DEFAULT_DB = "strife.duckdb"

__all__ = [
    "DEFAULT_DB",
    "STATS_BY",
    "DuckDBStore",
    "EventFilter",
    "PostgresStore",
    "SQLStore",
    "StatsBy",
    "Store",
    "StoreError",
    "StoreLockedError",
    "is_postgres_url",
    "open_store",
]


def is_postgres_url(db: str | Path | None) -> bool:
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path | None = None) -> Store:
    """Open (creating and migrating as needed) the store at `db`.

    None -> "strife.duckdb" in the current directory; "postgresql://..." or
    "postgres://..." -> PostgreSQL; anything else is a DuckDB file path (":memory:" too).
    Raises StoreLockedError when another process holds the DuckDB file, StoreError otherwise.
    """
    if db is None or db == "":
        db = DEFAULT_DB
    if is_postgres_url(db):
        from strife.store.postgres_store import PostgresStore

        return PostgresStore(str(db))
    from strife.store.duckdb_store import DuckDBStore

    return DuckDBStore(db)


def __getattr__(name: str) -> object:
    # The backends import their drivers lazily: `import strife.store` stays cheap.
    if name == "DuckDBStore":
        from strife.store.duckdb_store import DuckDBStore

        return DuckDBStore
    if name == "PostgresStore":
        from strife.store.postgres_store import PostgresStore

        return PostgresStore
    raise AttributeError(name)
