"""What every store backend shares: the API, the filter, the column layout and the SQL.

Events are stored with every ACLED column as a real column (so filters and
aggregations run in SQL) and strife's nested provenance (claims, evidence,
confidence, ...) as JSON columns. Fields added to the schema later and not yet
given a column land in `extra` (JSON), so a round trip never loses data.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, field_validator
from pydantic_core import from_json

from strife.schema import Article, Event

StatsBy = Literal["week", "month", "event_type", "sub_event_type", "country", "admin1"]
STATS_BY: tuple[str, ...] = ("week", "month", "event_type", "sub_event_type", "country", "admin1")


class StoreError(RuntimeError):
    """A store could not be opened or used."""


class StoreLockedError(StoreError):
    """The database file is held by another process (DuckDB allows one writer)."""


class EventFilter(BaseModel):
    """Which events to read. Every given criterion must hold (AND); text matches are case-insensitive."""

    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = Field(default=None, description="substring of actor1, actor2 or an associated actor")
    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="min_lon, min_lat, max_lon, max_lat; min_lon > max_lon crosses the antimeridian"
    )
    text: str | None = Field(default=None, description="every word must occur in notes, location or actors")
    article_id: str | None = None

    @field_validator("bbox")
    @classmethod
    def _check_bbox(cls, v: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
        if v is None:
            return v
        min_lon, min_lat, max_lon, max_lat = v
        if not (-90 <= min_lat <= max_lat <= 90):
            raise ValueError("bbox latitudes must satisfy -90 <= min_lat <= max_lat <= 90")
        if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
            raise ValueError("bbox longitudes must lie in [-180, 180]")
        return v


# ---------------------------------------------------------------------------
# Column layout (must match migrations/*/0001_init.sql)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Literal["text", "date", "int", "bigint", "float", "json"]


EVENT_SCALARS: tuple[Column, ...] = tuple(
    Column(n, k)  # type: ignore[arg-type]
    for n, k in (
        ("event_id", "text"), ("event_date", "date"), ("year", "int"), ("time_precision", "int"),
        ("disorder_type", "text"), ("event_type", "text"), ("sub_event_type", "text"),
        ("actor1", "text"), ("assoc_actor_1", "text"), ("inter1", "int"),
        ("actor2", "text"), ("assoc_actor_2", "text"), ("inter2", "int"),
        ("interaction", "int"), ("civilian_targeting", "text"), ("iso", "int"), ("region", "text"),
        ("country", "text"), ("admin1", "text"), ("admin2", "text"), ("admin3", "text"),
        ("location", "text"), ("latitude", "float"), ("longitude", "float"), ("geo_precision", "int"),
        ("source", "text"), ("source_scale", "text"), ("notes", "text"), ("fatalities", "int"),
        ("tags", "text"), ("timestamp", "bigint"), ("language", "text"), ("created_at", "text"),
    )
)
EVENT_JSON: tuple[str, ...] = (
    "claims", "evidence", "confidence", "article_ids", "source_urls", "history", "corrections",
)
EVENT_COLUMNS: tuple[Column, ...] = (
    EVENT_SCALARS + tuple(Column(n, "json") for n in EVENT_JSON) + (Column("extra", "json"),)
)
EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in EVENT_COLUMNS)
_EVENT_KNOWN = set(EVENT_COLUMN_NAMES)

ARTICLE_COLUMNS: tuple[Column, ...] = tuple(
    Column(n, k)  # type: ignore[arg-type]
    for n, k in (
        ("id", "text"), ("url", "text"), ("source", "text"), ("section", "text"), ("title", "text"),
        ("standfirst", "text"), ("body", "text"), ("language", "text"), ("published", "date"),
        ("origin", "text"), ("text", "text"), ("extra", "json"),
    )
)
ARTICLE_COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in ARTICLE_COLUMNS)
_ARTICLE_KNOWN = set(ARTICLE_COLUMN_NAMES)


def q(name: str) -> str:
    """Quote an identifier: several ACLED columns (year, timestamp, location) are SQL keywords."""
    return '"' + name + '"'


EVENT_SELECT = ", ".join(q(c) for c in EVENT_COLUMN_NAMES)
ARTICLE_SELECT = ", ".join(q(c) for c in ARTICLE_COLUMN_NAMES)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _loads(value: Any) -> Any:
    # DuckDB hands JSON back as text, psycopg already decoded (with the same parser).
    return from_json(value) if isinstance(value, str | bytes) else value


# Fields of Event/Article that have no column of their own (added to the schema
# after the last migration); they travel in the `extra` JSON column.
_EVENT_EXTRA_FIELDS = tuple(n for n in Event.model_fields if n not in _EVENT_KNOWN)
_ARTICLE_EXTRA_FIELDS = tuple(n for n in Article.model_fields if n not in _ARTICLE_KNOWN)
# pydantic's own serialisers, much faster than model_dump + json.dumps per field.
_EVENT_JSON_ADAPTERS = {n: TypeAdapter(Event.model_fields[n].annotation) for n in EVENT_JSON}


def event_to_row(event: Event) -> tuple[Any, ...]:
    row: list[Any] = []
    for col in EVENT_SCALARS:
        if col.name == "created_at":
            row.append(event.created_at.isoformat() if event.created_at else None)
        else:
            row.append(getattr(event, col.name))
    for name in EVENT_JSON:
        row.append(_EVENT_JSON_ADAPTERS[name].dump_json(getattr(event, name)).decode())
    extra = event.model_dump(mode="json", include=set(_EVENT_EXTRA_FIELDS)) if _EVENT_EXTRA_FIELDS else None
    row.append(_dumps(extra) if extra else None)
    return tuple(row)


def event_from_row(row: Sequence[Any]) -> Event:
    data = dict(zip(EVENT_COLUMN_NAMES, row, strict=True))
    extra = data.pop("extra")
    for name in EVENT_JSON:
        value = data[name]
        if value is None:
            data.pop(name)
        else:
            data[name] = _loads(value)
    if extra is not None:
        for key, value in _loads(extra).items():
            data.setdefault(key, value)
    return Event.model_validate(data)


def article_to_row(article: Article) -> tuple[Any, ...]:
    row: list[Any] = [getattr(article, c.name) for c in ARTICLE_COLUMNS[:-1]]
    extra = (
        article.model_dump(mode="json", include=set(_ARTICLE_EXTRA_FIELDS)) if _ARTICLE_EXTRA_FIELDS else None
    )
    row.append(_dumps(extra) if extra else None)
    return tuple(row)


def article_from_row(row: Sequence[Any]) -> Article:
    data = dict(zip(ARTICLE_COLUMN_NAMES, row, strict=True))
    extra = data.pop("extra")
    data.pop("id")
    data.pop("text")  # both are computed from the parts
    if extra is not None:
        for key, value in _loads(extra).items():
            data.setdefault(key, value)
    return Article.model_validate(data)


# ---------------------------------------------------------------------------
# SQL built once for both dialects; `?` placeholders (PostgreSQL swaps in %s).


def filter_sql(flt: EventFilter | None) -> tuple[str, list[Any]]:
    """WHERE clause (with leading ' WHERE ', or '') and its parameters."""
    if flt is None:
        return "", []
    where: list[str] = []
    params: list[Any] = []
    for name in ("country", "admin1", "event_type", "sub_event_type"):
        value = getattr(flt, name)
        if value:
            where.append(f"lower({q(name)}) = ?")
            params.append(value.lower())
    if flt.actor:
        cols = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
        where.append("(" + " OR ".join(f"strpos(lower({q(c)}), ?) > 0" for c in cols) + ")")
        params.extend([flt.actor.lower()] * len(cols))
    if flt.since:
        where.append(f"{q('event_date')} >= ?")
        params.append(flt.since)
    if flt.until:
        where.append(f"{q('event_date')} <= ?")
        params.append(flt.until)
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        where.append(f"{q('latitude')} BETWEEN ? AND ?")
        params.extend([min_lat, max_lat])
        if min_lon <= max_lon:
            where.append(f"{q('longitude')} BETWEEN ? AND ?")
            params.extend([min_lon, max_lon])
        else:  # crosses the antimeridian
            where.append(f"({q('longitude')} >= ? OR {q('longitude')} <= ?)")
            params.extend([min_lon, max_lon])
    if flt.text:
        haystack = "lower(concat_ws(' ', {}))".format(
            ", ".join(q(c) for c in ("notes", "location", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2"))
        )
        for word in flt.text.lower().split():
            where.append(f"strpos({haystack}, ?) > 0")
            params.append(word)
    if flt.article_id:
        where.append(f"{q('event_id')} IN (SELECT event_id FROM article_events WHERE article_id = ?)")
        params.append(flt.article_id)
    return (" WHERE " + " AND ".join(where)) if where else "", params


ORDER_EVENTS = f" ORDER BY {q('event_date')} DESC NULLS LAST, {q('event_id')}"


def stats_key_sql(by: str) -> str:
    if by in ("week", "month"):
        return f"CAST(date_trunc('{by}', CAST({q('event_date')} AS TIMESTAMP)) AS DATE)"
    if by in ("event_type", "sub_event_type", "country", "admin1"):
        return q(by)
    raise ValueError(f"stats by {by!r}: expected one of {', '.join(STATS_BY)}")


def load_migrations(dialect: str) -> list[tuple[int, str, str]]:
    """(version, file name, sql) of every migration shipped for `dialect`, in order."""
    folder = resources.files("strife.store") / "migrations" / dialect
    found: list[tuple[int, str, str]] = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"duplicate migration versions for {dialect}: {versions}")
    return found


# ---------------------------------------------------------------------------


class Store(ABC):
    """Articles and events, durable. DuckDBStore and PostgresStore implement it."""

    @abstractmethod
    def has_article(self, article_id: str) -> bool: ...

    @abstractmethod
    def save(self, article: Article, events: list[Event]) -> None:
        """In one transaction: insert the article if absent, upsert each event by event_id, link them."""

    @abstractmethod
    def save_many(
        self,
        items: Iterable[tuple[Article, list[Event]]],
        *,
        batch_size: int = 100,
        on_error: Callable[[Article, Exception], None] | None = None,
    ) -> int:
        """Save in batches (one transaction each); returns how many items were stored."""

    @abstractmethod
    def put_events(self, events: list[Event]) -> None:
        """Upsert events without an article (merge/split); links follow each event's article_ids."""

    @abstractmethod
    def replace_events(self, old_ids: Iterable[str], events: list[Event]) -> None:
        """In one transaction: delete the events `old_ids` (unless among `events`) and upsert `events`.

        For a split (one merged event becomes several) or a correction; links follow
        each new event's article_ids.
        """

    @abstractmethod
    def get_event(self, event_id: str) -> Event | None: ...

    @abstractmethod
    def delete_event(self, event_id: str) -> None: ...

    @abstractmethod
    def query_events(self, flt: EventFilter | None = None, *, limit: int = 100, offset: int = 0) -> list[Event]:
        """One page of matching events: newest event_date first (unknown dates last), then event_id."""

    @abstractmethod
    def iter_events(self, flt: EventFilter | None = None, batch_size: int = 5000) -> Iterator[Event]:
        """Every matching event in query order, fetched `batch_size` rows at a time (for exports)."""

    @abstractmethod
    def count_events(self, flt: EventFilter | None = None) -> int: ...

    @abstractmethod
    def candidate_events(
        self, *, date_from: date | None, date_to: date | None, country: str | None = None
    ) -> list[Event]:
        """Events dated in [date_from, date_to] (open ends when None), of `country` when given
        (case-insensitive). Events of unknown date match only when date_from is None. For merge."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def list_articles(self, *, limit: int = 100, offset: int = 0) -> list[Article]: ...

    @abstractmethod
    def articles_for_event(self, event_id: str) -> list[Article]:
        """The stored source articles of an event, oldest publication first."""

    @abstractmethod
    def stats(self, flt: EventFilter | None = None, *, by: StatsBy) -> list[dict[str, Any]]:
        """[{"key", "events", "fatalities"}] aggregated in SQL. Keys: week -> its Monday
        "YYYY-MM-DD", month -> "YYYY-MM" (both in time order, None last); other fields ->
        their value, most events first."""

    @abstractmethod
    def counts(self) -> dict[str, int]: ...

    @abstractmethod
    def points(self, flt: EventFilter | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Light rows for a map (POINT_FIELDS), newest first, without rebuilding whole events."""

    @abstractmethod
    def grid(self, flt: EventFilter | None = None, *, cell_deg: float = 1.0) -> list[dict[str, Any]]:
        """Events binned in cells of `cell_deg` degrees, aggregated in SQL: for map clusters."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SQLStore(Store):
    """The SQL both backends share; subclasses supply connection, transactions and bulk writes."""

    dialect: str = ""

    _con: Any  # the backend's connection (DuckDB or psycopg), closed by close()

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._closed = False

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._con.close()

    # --- dialect hooks -----------------------------------------------------

    @abstractmethod
    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def _write(
        self,
        articles: list[tuple[Any, ...]],
        events: list[tuple[Any, ...]],
        links: list[tuple[str, str]],
        reset: list[str],
    ) -> None:
        """Inside a transaction: insert articles if absent, upsert events, drop the links of the
        events in `reset` (they list their articles), then add `links`."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any], batch_size: int) -> Iterator[tuple[Any, ...]]: ...

    # --- migrations --------------------------------------------------------

    def _migrate(self) -> None:
        migrations = load_migrations(self.dialect)
        with self._lock:
            with self._transaction():
                self._lock_schema()
                self._exec(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
                )
            applied = {v for (v,) in self._fetch("SELECT version FROM schema_version")}
            known = {v for v, _, _ in migrations}
            if applied and max(applied) > max(known):
                raise StoreError(
                    f"database schema version {max(applied)} is newer than this strife knows "
                    f"({max(known)}); upgrade strife"
                )
            for version, name, sql in migrations:
                if version in applied:
                    continue
                with self._transaction():
                    self._lock_schema()
                    # Another process may have applied it while we waited for the lock.
                    if self._fetch("SELECT 1 FROM schema_version WHERE version = ?", [version]):
                        continue
                    try:
                        self._exec_script(sql)
                    except Exception as exc:
                        raise StoreError(f"schema migration {name} failed: {exc}") from exc
                    self._exec(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                        [version, name, _now_iso()],
                    )

    def _lock_schema(self) -> None:
        """Serialise migrations across processes (PostgreSQL); DuckDB has one writer anyway."""

    def _exec_script(self, sql: str) -> None:
        self._exec(sql)

    @property
    def schema_version(self) -> int:
        with self._lock:
            rows = self._fetch("SELECT max(version) FROM schema_version")
        return int(rows[0][0] or 0)

    # --- writes ------------------------------------------------------------

    def save(self, article: Article, events: list[Event]) -> None:
        self._save_batch([(article, list(events))])

    def save_many(
        self,
        items: Iterable[tuple[Article, list[Event]]],
        *,
        batch_size: int = 100,
        on_error: Callable[[Article, Exception], None] | None = None,
    ) -> int:
        """Save items in batches of `batch_size`, one transaction per batch.

        A batch that fails is retried item by item so one bad item costs only itself;
        a failing item is passed to `on_error(article, exc)` when given, else raised
        (everything before it is already committed). Returns the number of items stored.
        """
        stored = 0
        batch: list[tuple[Article, list[Event]]] = []

        def flush() -> None:
            nonlocal stored
            if not batch:
                return
            try:
                self._save_batch(batch)
                stored += len(batch)
            except Exception:
                for item in batch:
                    try:
                        self._save_batch([item])
                        stored += 1
                    except Exception as exc:
                        if on_error is None:
                            raise
                        on_error(item[0], exc)
            batch.clear()

        for article, events in items:
            batch.append((article, list(events)))
            if len(batch) >= batch_size:
                flush()
        flush()
        return stored

    def put_events(self, events: list[Event]) -> None:
        with self._writing("saving events"):
            rows, links, reset = self._prepare([], events)
            with self._lock, self._transaction():
                self._write([], rows, links, reset)

    @contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """Turn any failure of a write into a StoreError that says what was being written."""
        try:
            yield
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"{what}: {exc.__class__.__name__}: {exc}") from exc

    def replace_events(self, old_ids: Iterable[str], events: list[Event]) -> None:
        events = list(events)
        keep = {e.event_id for e in events}
        gone = [i for i in dict.fromkeys(old_ids) if i not in keep]
        with self._writing(f"replacing events {', '.join(gone) or '-'}"):
            rows, links, reset = self._prepare([], events)
            with self._lock, self._transaction():
                self._delete_events(gone)
                self._write([], rows, links, reset)

    def _delete_events(self, gone: list[str]) -> None:
        for event_id in gone:
            self._exec("DELETE FROM article_events WHERE event_id = ?", [event_id])
            self._exec(f"DELETE FROM events WHERE {q('event_id')} = ?", [event_id])

    def _save_batch(self, items: list[tuple[Article, list[Event]]]) -> None:
        what = f"saving article {items[0][0].id}" if len(items) == 1 else f"saving {len(items)} articles"
        with self._writing(what):
            self._save_batch_unwrapped(items)

    def _save_batch_unwrapped(self, items: list[tuple[Article, list[Event]]]) -> None:
        articles: dict[str, tuple[Any, ...]] = {}
        events: list[Event] = []
        pairs: list[tuple[str, str]] = []
        for article, evs in items:
            aid = article.id  # computed from the text: once
            if aid not in articles:
                articles[aid] = article_to_row(article)
            for e in evs:
                events.append(e)
                pairs.append((aid, e.event_id))
        rows, links, reset = self._prepare(pairs, events)
        with self._lock, self._transaction():
            self._write([articles[k] for k in sorted(articles)], rows, links, reset)

    @staticmethod
    def _prepare(
        pairs: list[tuple[str, str]], events: list[Event]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]], list[str]]:
        """Last version of each event wins; its links are its article_ids plus the articles saving it.

        An event that lists its article_ids has its old links replaced (a split drops an
        article); one that lists none keeps its old links and gains the saving article.
        """
        latest: dict[str, Event] = {}
        for e in events:
            latest[e.event_id] = e
        link_set: dict[tuple[str, str], None] = dict.fromkeys(pairs)
        for e in latest.values():
            for aid in e.article_ids:
                link_set[(aid, e.event_id)] = None
        # Rows in key order: concurrent writers (PostgreSQL) then lock rows in one order, no deadlock.
        ordered = [latest[k] for k in sorted(latest)]
        reset = [e.event_id for e in ordered if e.article_ids]
        return [event_to_row(e) for e in ordered], sorted(link_set), reset

    def delete_event(self, event_id: str) -> None:
        with self._lock, self._transaction():
            self._exec("DELETE FROM article_events WHERE event_id = ?", [event_id])
            self._exec(f"DELETE FROM events WHERE {q('event_id')} = ?", [event_id])

    # --- reads -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._lock:
            return bool(self._fetch("SELECT 1 FROM articles WHERE id = ?", [article_id]))

    def get_event(self, event_id: str) -> Event | None:
        with self._lock:
            rows = self._fetch(f"SELECT {EVENT_SELECT} FROM events WHERE {q('event_id')} = ?", [event_id])
        return event_from_row(rows[0]) if rows else None

    def query_events(self, flt: EventFilter | None = None, *, limit: int = 100, offset: int = 0) -> list[Event]:
        where, params = filter_sql(flt)
        sql = f"SELECT {EVENT_SELECT} FROM events{where}{ORDER_EVENTS} LIMIT ? OFFSET ?"
        with self._lock:
            rows = self._fetch(sql, [*params, max(0, int(limit)), max(0, int(offset))])
        return [event_from_row(r) for r in rows]

    def iter_events(self, flt: EventFilter | None = None, batch_size: int = 5000) -> Iterator[Event]:
        where, params = filter_sql(flt)
        sql = f"SELECT {EVENT_SELECT} FROM events{where}{ORDER_EVENTS}"
        for row in self._stream(sql, params, batch_size):
            yield event_from_row(row)

    def count_events(self, flt: EventFilter | None = None) -> int:
        where, params = filter_sql(flt)
        with self._lock:
            return int(self._fetch(f"SELECT count(*) FROM events{where}", params)[0][0])

    def candidate_events(
        self, *, date_from: date | None, date_to: date | None, country: str | None = None
    ) -> list[Event]:
        where: list[str] = []
        params: list[Any] = []
        d = q("event_date")
        if date_from is not None:
            where.append(f"{d} >= ?")
            params.append(date_from)
            if date_to is not None:
                where.append(f"{d} <= ?")
                params.append(date_to)
        elif date_to is not None:
            where.append(f"({d} <= ? OR {d} IS NULL)")
            params.append(date_to)
        if country:
            where.append(f"lower({q('country')}) = ?")
            params.append(country.lower())
        sql = f"SELECT {EVENT_SELECT} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {d} NULLS LAST, {q('event_id')}"
        with self._lock:
            rows = self._fetch(sql, params)
        return [event_from_row(r) for r in rows]

    def get_article(self, article_id: str) -> Article | None:
        with self._lock:
            rows = self._fetch(f"SELECT {ARTICLE_SELECT} FROM articles WHERE id = ?", [article_id])
        return article_from_row(rows[0]) if rows else None

    def list_articles(self, *, limit: int = 100, offset: int = 0) -> list[Article]:
        sql = f"SELECT {ARTICLE_SELECT} FROM articles ORDER BY stored_at DESC, id LIMIT ? OFFSET ?"
        with self._lock:
            rows = self._fetch(sql, [max(0, int(limit)), max(0, int(offset))])
        return [article_from_row(r) for r in rows]

    def articles_for_event(self, event_id: str) -> list[Article]:
        cols = ", ".join("a." + q(c) for c in ARTICLE_COLUMN_NAMES)
        sql = (
            f"SELECT {cols} FROM articles a JOIN article_events l ON l.article_id = a.id "
            "WHERE l.event_id = ? ORDER BY a.published NULLS LAST, a.id"
        )
        with self._lock:
            rows = self._fetch(sql, [event_id])
        return [article_from_row(r) for r in rows]

    def stats(self, flt: EventFilter | None = None, *, by: StatsBy) -> list[dict[str, Any]]:
        key = stats_key_sql(by)
        where, params = filter_sql(flt)
        order = "1 NULLS LAST" if by in ("week", "month") else "2 DESC, 1 NULLS LAST"
        sql = (
            f"SELECT {key} AS k, count(*) AS n, coalesce(sum({q('fatalities')}), 0) AS f "
            f"FROM events{where} GROUP BY 1 ORDER BY {order}"
        )
        with self._lock:
            rows = self._fetch(sql, params)
        out: list[dict[str, Any]] = []
        for k, n, f in rows:
            if k is not None and by == "week":
                k = k.isoformat()
            elif k is not None and by == "month":
                k = k.isoformat()[:7]
            out.append({"key": k, "events": int(n), "fatalities": int(f)})
        return out

    def counts(self) -> dict[str, int]:
        with self._lock:
            a = self._fetch("SELECT count(*) FROM articles")[0][0]
            e = self._fetch("SELECT count(*) FROM events")[0][0]
        return {"articles": int(a), "events": int(e)}

    def points(self, flt: EventFilter | None = None, *, limit: int | None = None) -> list[dict[str, Any]]:
        where, params = filter_sql(flt)
        located = f"{q('latitude')} IS NOT NULL AND {q('longitude')} IS NOT NULL"
        where = f"{where} AND {located}" if where else f" WHERE {located}"
        sql = f"SELECT {', '.join(q(c) for c in POINT_FIELDS)} FROM events{where}{ORDER_EVENTS}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, max(0, int(limit))]
        with self._lock:
            rows = self._fetch(sql, params)
        out = []
        for row in rows:
            point = dict(zip(POINT_FIELDS, row, strict=True))
            if point["event_date"] is not None:
                point["event_date"] = point["event_date"].isoformat()
            out.append(point)
        return out

    def grid(self, flt: EventFilter | None = None, *, cell_deg: float = 1.0) -> list[dict[str, Any]]:
        cell = float(cell_deg)
        if not cell > 0:
            raise ValueError("cell_deg must be positive")
        where, params = filter_sql(flt)
        located = f"{q('latitude')} IS NOT NULL AND {q('longitude')} IS NOT NULL"
        where = f"{where} AND {located}" if where else f" WHERE {located}"
        lat, lon = q("latitude"), q("longitude")
        sql = (
            f"SELECT floor({lat} / ?) AS gy, floor({lon} / ?) AS gx, count(*), "
            f"coalesce(sum({q('fatalities')}), 0), avg({lat}), avg({lon}) "
            f"FROM events{where} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
        )
        with self._lock:
            rows = self._fetch(sql, [cell, cell, *params])
        return [
            {"latitude": float(la), "longitude": float(lo), "events": int(n), "fatalities": int(f)}
            for _, _, n, f, la, lo in rows
        ]


POINT_FIELDS: tuple[str, ...] = (
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
    "location", "latitude", "longitude", "fatalities",
)


def _now_iso() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")
