"""PostgreSQL, the team option: several processes (ingest, API, merge) on one database.

Small writes use executemany (psycopg pipelines it); large batches are COPYed into
a temporary table and upserted from there in one statement.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from strife.store.base import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    SQLStore,
    StoreError,
    q,
)

_MIGRATION_LOCK = 0x5742_1FE0  # arbitrary advisory-lock key for schema migrations
_counter = itertools.count()


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


def _placeholders(columns: Sequence[Any]) -> str:
    return ", ".join("%s::jsonb" if c.kind == "json" else "%s" for c in columns)


class PostgresStore(SQLStore):
    dialect = "postgres"
    # At or above this many rows a write goes through COPY.
    copy_threshold = 500

    def __init__(self, dsn: str) -> None:
        super().__init__()
        import psycopg

        self.dsn = dsn
        self._psycopg = psycopg
        self._in_tx = False
        try:
            self._con = _connect(psycopg, dsn, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL store {_redact(dsn)}: {exc}") from exc
        try:
            self._migrate()
        except Exception:
            self._con.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({_redact(self.dsn)!r})"

    # --- hooks -------------------------------------------------------------

    def _reconnect_if_broken(self) -> None:
        # After a server restart or a dropped link, the next call gets a fresh connection
        # (never inside a transaction: that one fails, as it should).
        if (self._con.broken or self._con.closed) and not self._closed:
            try:
                self._con = _connect(self._psycopg, self.dsn, autocommit=True)
            except self._psycopg.Error as exc:
                raise StoreError(f"lost PostgreSQL store {_redact(self.dsn)}: {exc}") from exc

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self._in_tx:
            return self._con.execute(_pg(sql), list(params)).fetchall()  # type: ignore[arg-type]
        self._reconnect_if_broken()
        try:
            return self._con.execute(_pg(sql), list(params)).fetchall()  # type: ignore[arg-type]
        except self._psycopg.OperationalError:
            if not self._con.broken:
                raise
            # The server dropped us (restart, idle timeout): a read is safe to retry once.
            self._reconnect_if_broken()
            return self._con.execute(_pg(sql), list(params)).fetchall()  # type: ignore[arg-type]

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None:
        if params:
            self._con.execute(_pg(sql), list(params))  # type: ignore[arg-type]
        else:
            self._con.execute(sql)  # type: ignore[arg-type]

    def _exec_script(self, sql: str) -> None:
        # Without parameters psycopg sends the text as a simple query: several statements run.
        self._con.execute(sql)  # type: ignore[arg-type]

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._reconnect_if_broken()
        self._in_tx = True
        try:
            with self._con.transaction():
                yield
        finally:
            self._in_tx = False

    def _lock_schema(self) -> None:
        self._con.execute("SELECT pg_advisory_xact_lock(%s)", [_MIGRATION_LOCK])

    def _write(
        self,
        articles: list[tuple[Any, ...]],
        events: list[tuple[Any, ...]],
        links: list[tuple[str, str]],
        reset: list[str],
    ) -> None:
        con = self._con
        acols = ", ".join(q(c.name) for c in ARTICLE_COLUMNS)
        ecols = ", ".join(q(c.name) for c in EVENT_COLUMNS)
        update = ", ".join(f"{q(c.name)} = EXCLUDED.{q(c.name)}" for c in EVENT_COLUMNS[1:])
        with con.cursor() as cur:
            if articles:
                if len(articles) >= self.copy_threshold:
                    self._copy(cur, "articles", acols, articles)
                    cur.execute(
                        f"INSERT INTO articles ({acols}) SELECT {acols} FROM _strife_stage_articles "
                        "ON CONFLICT (id) DO NOTHING"
                    )
                else:
                    cur.executemany(
                        f"INSERT INTO articles ({acols}) VALUES ({_placeholders(ARTICLE_COLUMNS)}) "
                        "ON CONFLICT (id) DO NOTHING",
                        articles,
                    )
            if events:
                if len(events) >= self.copy_threshold:
                    self._copy(cur, "events", ecols, events)
                    cur.execute(
                        f"INSERT INTO events ({ecols}) SELECT {ecols} FROM _strife_stage_events "
                        f"ON CONFLICT (event_id) DO UPDATE SET {update}"
                    )
                else:
                    cur.executemany(
                        f"INSERT INTO events ({ecols}) VALUES ({_placeholders(EVENT_COLUMNS)}) "
                        f"ON CONFLICT (event_id) DO UPDATE SET {update}",
                        events,
                    )
            if reset:
                cur.execute("DELETE FROM article_events WHERE event_id = ANY(%s)", [reset])
            if links:
                if len(links) >= self.copy_threshold:
                    self._copy(cur, "article_events", "article_id, event_id", links)
                    cur.execute(
                        "INSERT INTO article_events (article_id, event_id) "
                        "SELECT article_id, event_id FROM _strife_stage_article_events ON CONFLICT DO NOTHING"
                    )
                else:
                    cur.executemany(
                        "INSERT INTO article_events (article_id, event_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                        links,
                    )

    @staticmethod
    def _copy(cur: Any, table: str, cols: str, rows: list[tuple[Any, ...]]) -> None:
        stage = f"_strife_stage_{table}"
        cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table}) ON COMMIT DELETE ROWS")
        with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _stream(self, sql: str, params: Sequence[Any], batch_size: int) -> Iterator[tuple[Any, ...]]:
        # A connection of its own with a server-side cursor: rows arrive in batches,
        # and the store's connection stays free for writes meanwhile.
        psycopg = self._psycopg
        con = _connect(psycopg, self.dsn)
        try:
            with con.transaction(), con.cursor(name=f"strife_iter_{next(_counter)}") as cur:
                cur.itersize = batch_size
                cur.execute(_pg(sql), list(params))  # type: ignore[arg-type]
                while True:
                    rows = cur.fetchmany(batch_size)
                    if not rows:
                        break
                    yield from rows
        finally:
            con.close()


def _connect(psycopg: Any, dsn: str, **kw: Any) -> Any:
    from psycopg.types.json import set_json_loads
    from pydantic_core import from_json

    con = psycopg.connect(dsn, **kw)
    set_json_loads(from_json, con)  # pydantic's JSON parser: several times faster than json.loads
    return con


def _redact(dsn: str) -> str:
    """The DSN without its password, for messages."""
    import re

    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", re.sub(r"password=\S+", "password=***", dsn))
