"""The embedded default: one DuckDB file, no server.

Bulk writes go through Arrow tables (DuckDB reads them without a per-row round
trip), so a batch of thousands of events costs a few statements.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from strife.store.base import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    Column,
    SQLStore,
    StoreError,
    StoreLockedError,
    q,
)

_ARROW_TYPES = {
    "text": pa.string(),
    "json": pa.string(),
    "date": pa.date32(),
    "int": pa.int64(),
    "bigint": pa.int64(),
    "float": pa.float64(),
}


def _arrow_table(columns: Sequence[Column], rows: list[tuple[Any, ...]]) -> pa.Table:
    schema = pa.schema([(c.name, _ARROW_TYPES[c.kind]) for c in columns])
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pa.Table.from_arrays(
        [pa.array(list(v), type=f.type) for v, f in zip(cols, schema, strict=True)], schema=schema
    )


_LINK_COLUMNS = (Column("article_id", "text"), Column("event_id", "text"))


class DuckDBStore(SQLStore):
    dialect = "duckdb"

    def __init__(self, path: str | Path = "strife.duckdb") -> None:
        super().__init__()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{self.path} is open in another process (DuckDB allows one writer at a time); "
                    "stop that process or use PostgreSQL (--db postgresql://...) for concurrent access"
                ) from exc
            raise StoreError(f"cannot open DuckDB store {self.path}: {exc}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open DuckDB store {self.path}: {exc}") from exc
        try:
            self._migrate()
        except Exception:
            self._con.close()
            raise

    def __repr__(self) -> str:
        return f"DuckDBStore({self.path!r})"

    # --- hooks -------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, list(params)).fetchall()

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        if params:
            self._con.execute(sql, list(params))
        else:
            self._con.execute(sql)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        else:
            self._con.execute("COMMIT")

    def _write(
        self,
        articles: list[tuple[Any, ...]],
        events: list[tuple[Any, ...]],
        links: list[tuple[str, str]],
        reset: list[str],
    ) -> None:
        con = self._con
        if articles:
            cols = ", ".join(q(c.name) for c in ARTICLE_COLUMNS)
            con.register("_strife_articles", _arrow_table(ARTICLE_COLUMNS, articles))
            try:
                con.execute(f"INSERT OR IGNORE INTO articles ({cols}) SELECT {cols} FROM _strife_articles")
            finally:
                con.unregister("_strife_articles")
        if events:
            cols = ", ".join(q(c.name) for c in EVENT_COLUMNS)
            con.register("_strife_events", _arrow_table(EVENT_COLUMNS, events))
            try:
                # Delete-then-insert: replaces merged events whole, links included.
                con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _strife_events)")
                con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _strife_events")
            finally:
                con.unregister("_strife_events")
        if reset:
            con.register("_strife_reset", pa.table({"event_id": pa.array(reset, pa.string())}))
            try:
                con.execute("DELETE FROM article_events WHERE event_id IN (SELECT event_id FROM _strife_reset)")
            finally:
                con.unregister("_strife_reset")
        if links:
            con.register("_strife_links", _arrow_table(_LINK_COLUMNS, links))
            try:
                con.execute(
                    "INSERT OR IGNORE INTO article_events (article_id, event_id) "
                    "SELECT article_id, event_id FROM _strife_links"
                )
            finally:
                con.unregister("_strife_links")

    def _stream(self, sql: str, params: Sequence[Any], batch_size: int) -> Iterator[tuple[Any, ...]]:
        # A cursor is its own connection to the same database: it streams
        # without holding the store's lock, and sees a consistent snapshot.
        with self._lock:
            cur = self._con.cursor()
        try:
            cur.execute(sql, list(params))
            while True:
                rows = cur.fetchmany(batch_size)
                if not rows:
                    break
                yield from rows
        finally:
            cur.close()
