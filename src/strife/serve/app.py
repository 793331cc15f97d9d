"""The REST API and the dashboard, in one FastAPI app.

Reads (events, articles, stats, exports, map points) are open unless the app is
built with `open_reads=False`; writes (`POST /api/articles`) always need
`Authorization: Bearer TOKEN`. All filtering and aggregation happens in the
store (SQL), so the dashboard stays fast with 100k events.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from strife.schema import ACLED_COLUMNS, Article, Event, ReadFailure
from strife.serve.limits import BodySizeLimit
from strife.serve.models import (
    ArticleDetail,
    ArticleIn,
    ArticlePage,
    ArticleSummary,
    ErrorBody,
    EventDetail,
    EventPage,
    IngestResult,
    MapPoints,
    StatRow,
    Stats,
)

if TYPE_CHECKING:
    from strife.store import EventFilter, Store

STATIC_DIR = Path(__file__).parent / "static"
MAX_PAGE = 1000
MAX_MAP_POINTS = 500_000

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing or wrong bearer token"},
    413: {"model": ErrorBody, "description": "request body too large"},
}


def _validation_error(field: str, message: str, value: object, where: str = "query") -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": (where, field), "msg": message, "input": value}])


_LON = r"-?(180(\.0+)?|1[0-7][0-9](\.[0-9]+)?|[0-9]{1,2}(\.[0-9]+)?)"
_LAT = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)"
# The spec states the whole rule, so a request the spec allows is never refused.
BBOX_PATTERN = rf"^ *{_LON} *, *{_LAT} *, *{_LON} *, *{_LAT} *$"


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """`min_lon,min_lat,max_lon,max_lat` -> tuple, or a 422.

    min_lon > max_lon is a box across the antimeridian; the two latitudes may come in either order.
    """
    if text is None or not text.strip():
        return None
    if not re.fullmatch(BBOX_PATTERN, text):
        raise _validation_error("bbox", "bbox must be min_lon,min_lat,max_lon,max_lat in degrees", text)
    min_lon, lat_a, max_lon, lat_b = (float(p) for p in text.split(","))
    return min_lon, min(lat_a, lat_b), max_lon, max(lat_a, lat_b)


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(value: str | None, field: str, where: str) -> date | None:
    """YYYY-MM-DD -> date, or a 422: no timestamps, no other layouts, so the spec's format: date holds."""
    if value is None:
        return None
    try:
        if not ISO_DATE.fullmatch(value.strip()):
            raise ValueError
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise _validation_error(field, "expected a date as YYYY-MM-DD", value, where=where) from exc


def event_filter(
    country: str | None = Query(None, max_length=200, description="country name, as in ACLED"),
    admin1: str | None = Query(None, max_length=200),
    event_type: str | None = Query(None, max_length=200, description="e.g. 'Battles'"),
    sub_event_type: str | None = Query(None, max_length=200, description="e.g. 'Armed clash'"),
    actor: str | None = Query(None, max_length=200, description="actor1, actor2 or an associated actor"),
    since: str | None = Query(
        None, description="first event date, inclusive (YYYY-MM-DD)", json_schema_extra={"format": "date"}
    ),
    until: str | None = Query(
        None, description="last event date, inclusive (YYYY-MM-DD)", json_schema_extra={"format": "date"}
    ),
    bbox: str | None = Query(
        None,
        max_length=200,
        pattern=BBOX_PATTERN,
        description="min_lon,min_lat,max_lon,max_lat in degrees; min_lon > max_lon crosses the antimeridian",
        examples=["-5.5,10,4.5,25"],
    ),
    q: str | None = Query(None, max_length=500, description="text search over notes, location and actors"),
    article_id: str | None = Query(None, max_length=64, description="events coded from this article"),
) -> EventFilter:
    from strife.store import EventFilter

    def clean(value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    return EventFilter(
        country=clean(country),
        admin1=clean(admin1),
        event_type=clean(event_type),
        sub_event_type=clean(sub_event_type),
        actor=clean(actor),
        since=iso_date(since, "since", "query"),
        until=iso_date(until, "until", "query"),
        bbox=parse_bbox(bbox),
        text=clean(q),
        article_id=clean(article_id),
    )


def summarize(article: Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        url=article.url,
        source=article.source,
        title=article.title,
        language=article.language,
        published=article.published,
        origin=article.origin,
        characters=len(article.text),
    )


def create_app(
    store_or_db: Store | str | None = None,
    *,
    token: str | None = None,
    open_reads: bool = True,
    max_body_bytes: int = 10_000_000,
    pipeline: Any = None,
) -> FastAPI:
    """Build the app over a store (or a database path/URL opened with `open_store`).

    `pipeline` is handed to `strife.jobs.ingest_articles` for POSTed articles
    (default: the process-wide pipeline, loaded on the first POST).
    """
    token = token or None  # an empty token (e.g. STRIFE_API_TOKEN="") means no token
    owned = store_or_db is None or isinstance(store_or_db, str)
    if owned:
        from strife.store import open_store

        store = open_store(store_or_db)
    else:
        store = store_or_db

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:  # a store the app opened is closed with it; a store handed in stays open
            store.close()

    # The store serialises its own calls; ingests are serialised here so two posted reports
    # of one incident cannot both miss each other while merging.
    ingest_lock = threading.Lock()

    app = FastAPI(
        title="strife",
        version="0.1.0",
        description=(
            "ACLED-style conflict events coded from news reports, each field with the text it came from. "
            "Reads are open unless the server was started with --no-open-reads; "
            "POST /api/articles needs `Authorization: Bearer TOKEN`."
        ),
        docs_url=None,  # served below from the vendored Swagger UI: no CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.pipeline = pipeline
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)

    bearer = HTTPBearer(auto_error=False, description="the token given to `strife serve --token`")

    def require_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        if token is None:
            raise HTTPException(401, "this server takes no writes: start it with --token or STRIFE_API_TOKEN")
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        if not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
            raise HTTPException(401, "wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    read_deps = [] if open_reads else [Depends(require_token)]
    read_errors = {} if open_reads else {401: ERRORS[401]}

    def locked(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with ingest_lock:
            return fn(*args, **kwargs)

    # ---- errors: always {"detail": ...} -------------------------------------------------
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": f"internal error: {exc.__class__.__name__}"}, status_code=500)

    # ---- events ------------------------------------------------------------------------
    @app.get("/api/events", response_model=EventPage, tags=["events"], dependencies=read_deps, responses=read_errors)
    def list_events(
        flt: Any = Depends(event_filter),
        limit: int = Query(100, ge=1, le=MAX_PAGE),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> EventPage:
        """Events matching the filters, newest first, one page at a time."""
        total = store.count_events(flt)
        items = store.query_events(flt, limit=limit, offset=offset)
        return EventPage(total=total, limit=limit, offset=offset, items=items)

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        tags=["events"],
        dependencies=read_deps,
        responses={404: {"model": ErrorBody, "description": "no such event"}, **read_errors},
    )
    def get_event(event_id: str) -> EventDetail:
        """One event with its claims, evidence, confidence and source articles."""
        event = store.get_event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r}")
        articles = store.articles_for_event(event_id)
        return EventDetail(event=event, articles=articles)

    # ---- articles ----------------------------------------------------------------------
    @app.get("/api/articles", response_model=ArticlePage, tags=["articles"], dependencies=read_deps, responses=read_errors)
    def list_articles(
        limit: int = Query(100, ge=1, le=MAX_PAGE),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> ArticlePage:
        """Stored articles (without their text), one page at a time."""
        articles = store.list_articles(limit=limit, offset=offset)
        counts = store.counts() if hasattr(store, "counts") else {}
        total = counts.get("articles") if isinstance(counts, dict) else None
        return ArticlePage(total=total, limit=limit, offset=offset, items=[summarize(a) for a in articles])

    @app.get(
        "/api/articles/{article_id}",
        response_model=ArticleDetail,
        tags=["articles"],
        dependencies=read_deps,
        responses={404: {"model": ErrorBody, "description": "no such article"}, **read_errors},
    )
    def get_article(article_id: str) -> ArticleDetail:
        """One article with its full text and the events coded from it."""
        from strife.store import EventFilter

        article = store.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        events = store.query_events(EventFilter(article_id=article_id), limit=MAX_PAGE, offset=0)
        return ArticleDetail(article=article, event_ids=[e.event_id for e in events])

    @app.post(
        "/api/articles",
        response_model=IngestResult,
        tags=["articles"],
        dependencies=[Depends(require_token)],
        responses={
            **ERRORS,
            400: {"model": ErrorBody, "description": "malformed multipart body"},
            415: {"model": ErrorBody, "description": "neither JSON nor multipart"},
            422: {"description": "invalid body"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": ArticleIn.model_json_schema()},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "published": {"type": "string", "format": "date"},
                            },
                            "required": ["file"],
                        }
                    },
                },
            }
        },
    )
    async def post_article(request: Request) -> IngestResult:
        """Ingest one report: JSON text (with title, date, url), a JSON `url` to fetch, or an uploaded file.

        The report goes through the same steps as `strife ingest`: read, extract, merge, store.
        """
        items = await read_posted(request)
        summary = await run_in_threadpool(locked, ingest, items)
        return summary

    def ingest(items: list[Article | ReadFailure]) -> IngestResult:
        from strife.jobs import ingest_articles

        summary = ingest_articles(items, store, pipeline=app.state.pipeline)
        data = summary.as_dict() if hasattr(summary, "as_dict") else dict(vars(summary))
        data["article_ids"] = [i.id for i in items if isinstance(i, Article)]
        return IngestResult.model_validate(data)

    # ---- stats, map, exports -----------------------------------------------------------
    @app.get("/api/stats", response_model=Stats, tags=["stats"], dependencies=read_deps, responses=read_errors)
    def stats(
        flt: Any = Depends(event_filter),
        by: Literal["week", "month", "event_type", "sub_event_type", "country", "admin1"] = Query(
            "week", description="week: key is the week's Monday; month: the month's first day (ISO dates)"
        ),
    ) -> Stats:
        """Events and fatalities per week, month, type or place, aggregated in the store."""
        rows = store.stats(flt, by=by)
        items = [
            StatRow(
                key=None if r.get("key") is None else str(r["key"]),
                events=int(r.get("events") or 0),
                fatalities=int(r.get("fatalities") or 0),
            )
            for r in rows
        ]
        return Stats(by=by, items=items)

    @app.get("/api/map", response_model=MapPoints, tags=["stats"], dependencies=read_deps, responses=read_errors)
    def map_points(
        flt: Any = Depends(event_filter),
        limit: int = Query(200_000, ge=1, le=MAX_MAP_POINTS),
    ) -> Response:
        """Every matching event with coordinates as parallel arrays: id, lat, lon, type, fatalities."""
        # Serialised directly: validating 5 x 100k list items again would double the time.
        points = collect_points(store, flt, limit)
        return Response(json.dumps(points, separators=(",", ":")), media_type="application/json")

    def export_events(flt: Any) -> Iterator[Event]:
        """All matching events, streamed from the store (its own cursor: other requests go on)."""
        yield from store.iter_events(flt)

    @app.get(
        "/api/export.csv",
        tags=["export"],
        dependencies=read_deps,
        response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "ACLED-style CSV"}, **read_errors},
    )
    def export_csv(flt: Any = Depends(event_filter)) -> StreamingResponse:
        """Matching events in ACLED's public export columns, streamed."""

        def rows() -> Iterator[str]:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
            writer.writeheader()
            for n, event in enumerate(export_events(flt), 1):
                writer.writerow(event.acled_row())
                if n % 500 == 0:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()

        return StreamingResponse(
            rows(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="strife-events.csv"'},
        )

    @app.get(
        "/api/export.geojson",
        tags=["export"],
        dependencies=read_deps,
        response_class=StreamingResponse,
        responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}, "description": "GeoJSON FeatureCollection"}, **read_errors},
    )
    def export_geojson(flt: Any = Depends(event_filter)) -> StreamingResponse:
        """Matching events as a GeoJSON FeatureCollection of points, streamed."""

        def chunks() -> Iterator[str]:
            parts = ['{"type":"FeatureCollection","features":[']
            for n, event in enumerate(export_events(flt)):
                parts.append(("," if n else "") + json.dumps(feature(event), default=str, ensure_ascii=False))
                if len(parts) >= 500:  # a few hundred features per chunk, not one each
                    yield "".join(parts)
                    parts = []
            parts.append("]}\n")
            yield "".join(parts)

        return StreamingResponse(
            chunks(),
            media_type="application/geo+json",
            headers={"Content-Disposition": 'attachment; filename="strife-events.geojson"'},
        )

    # ---- dashboard ---------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="strife API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    return app


def feature(event: Event) -> dict[str, Any]:
    has_point = event.latitude is not None and event.longitude is not None
    properties = event.acled_row()
    properties["article_ids"] = event.article_ids
    properties["source_urls"] = event.source_urls
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [event.longitude, event.latitude]} if has_point else None,
        "properties": properties,
    }


def collect_points(store: Any, flt: Any, limit: int) -> dict[str, Any]:
    """The MapPoints body, as a plain dict (MapPoints declares its shape)."""
    # From the store's light `points` rows (one SQL query), else from whole events.
    if hasattr(store, "points"):
        rows = [
            (p["event_id"], p["latitude"], p["longitude"], p["event_type"], p["fatalities"])
            for p in store.points(flt, limit=limit + 1)
        ]
    else:
        rows = []
        for e in store.iter_events(flt):
            if e.latitude is not None and e.longitude is not None:
                rows.append((e.event_id, e.latitude, e.longitude, e.event_type, e.fatalities))
                if len(rows) > limit:
                    break
    truncated = len(rows) > limit
    rows = rows[:limit]
    types: list[str] = []
    type_index: dict[str, int] = {}
    columns: dict[str, list[Any]] = {"id": [], "lat": [], "lon": [], "type": [], "fatalities": []}
    for event_id, lat, lon, event_type, fatalities in rows:
        if lat is None or lon is None:
            continue
        if event_type is None:
            index = -1
        else:
            index = type_index.get(event_type, -1)
            if index < 0:
                index = type_index[event_type] = len(types)
                types.append(event_type)
        columns["id"].append(str(event_id))
        columns["lat"].append(round(float(lat), 5))
        columns["lon"].append(round(float(lon), 5))
        columns["type"].append(index)
        columns["fatalities"].append(int(fatalities or 0))
    return {"total": len(columns["id"]), "truncated": truncated, "types": types, **columns}


async def read_posted(request: Request) -> list[Article | ReadFailure]:
    """The posted report as read by strife.ingest (a ReadFailure when it cannot be read)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        form = await request.form()
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise _validation_error("file", "multipart body needs a 'file' part", None, where="body")
        data = await upload.read()
        published = parse_date_field(form.get("published"))
        origin = upload.filename or "upload"
        return await run_in_threadpool(read_upload, data, origin, upload.content_type, published)
    if content_type in ("application/json", "") or content_type.endswith("+json"):
        raw = await request.body()
        try:
            body = json.loads(raw or b"null")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _validation_error("body", f"invalid JSON: {exc}", None, where="body") from exc
        try:
            posted = ArticleIn.model_validate(body)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from exc
        if posted.text is not None:
            return await run_in_threadpool(read_posted_text, posted)
        return await run_in_threadpool(fetch_url, posted.url)
    raise HTTPException(415, f"unsupported content type {content_type!r}: send JSON or multipart/form-data")


def parse_date_field(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():  # present, so it must be a date
        raise _validation_error("published", "expected a date as YYYY-MM-DD", None, where="body")
    return iso_date(value, "published", "body")


def read_posted_text(posted: ArticleIn) -> list[Article | ReadFailure]:
    """Read posted text like a plain-text file; a given title goes on top, where the reader looks for it."""
    from strife.ingest import read_text

    origin = posted.url or "api"
    text = posted.text or ""
    if posted.title and not text.lstrip().startswith(posted.title.strip()):
        text = f"{posted.title.strip()}\n\n{text}"
    try:
        items = list(read_text(text, origin, published=posted.published, language=posted.language))
    except Exception as exc:  # noqa: BLE001 - reported as the item's failure
        return [ReadFailure(origin=origin, error=f"{exc.__class__.__name__}: {exc}")]
    update: dict[str, Any] = {}
    if posted.url:
        update["url"] = posted.url
    if posted.source:
        update["source"] = posted.source
    return [i.model_copy(update=update) if isinstance(i, Article) and update else i for i in items]


def read_upload(data: bytes, origin: str, content_type: str | None, published: date | None) -> list[Article | ReadFailure]:
    from strife.ingest import read_bytes

    try:
        return list(read_bytes(data, origin, content_type=content_type, published=published))
    except Exception as exc:  # noqa: BLE001 - reported as the item's failure
        return [ReadFailure(origin=origin, error=f"{exc.__class__.__name__}: {exc}")]


def fetch_url(url: str) -> list[Article | ReadFailure]:
    try:
        from strife.ingest import read_sources

        return list(read_sources([url]))
    except Exception as exc:  # noqa: BLE001
        return [ReadFailure(origin=url, error=f"{exc.__class__.__name__}: {exc}")]
