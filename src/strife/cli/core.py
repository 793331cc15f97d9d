"""Core commands: extract, ingest, events, export."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from strife.schema import Event, ReadFailure

out = Console()
err = Console(stderr=True)

DEFAULT_DB = "strife.duckdb"


class PrintFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    geojson = "geojson"


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"
    xlsx = "xlsx"


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)", param_hint=option) from None


@contextmanager
def progress_bar(label: str):
    """A progress bar on stderr (hidden when stderr is not a terminal)."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with progress:
        task = progress.add_task(label, total=None)
        yield lambda n=1: progress.advance(task, n)


def report_failure(failure: ReadFailure) -> None:
    err.print(f"[red]error[/red] {failure.origin}: {failure.error}", highlight=False, soft_wrap=True)


def events_table(events: list[Event], title: str | None = None) -> Table:
    # Dates and numbers never wrap (a date cut as "2023-01-1" / "0" misreads); the names fold to fit.
    table = Table(title=title, show_lines=False, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("date", no_wrap=True, min_width=10)
    for column in ("type / sub-type", "actor 1", "actor 2", "location"):
        table.add_column(column, overflow="fold")
    table.add_column("deaths", justify="right", no_wrap=True)  # ACLED's fatalities
    table.add_column("conf.", justify="right", no_wrap=True)
    for event in events:
        place = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "?"
        if event.geo_precision:
            place += f" (p{event.geo_precision})"
        confidence = event.confidence.get("event_type")
        table.add_row(
            event.event_date.isoformat() if event.event_date else "?",
            f"{event.event_type or '?'}\n[dim]{event.sub_event_type or ''}[/dim]",
            event.actor1 or "",
            event.actor2 or "",
            place,
            "" if event.fatalities is None else str(event.fatalities),
            "" if confidence is None else f"{confidence:.2f}",
        )
    return table


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(ingest)
    app.add_typer(events_app, name="events")
    app.command()(export)


def extract(
    sources: Annotated[list[str], typer.Argument(help="files, folders, URLs, or - for stdin")],
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD) when the document has none")] = None,
    language: Annotated[str | None, typer.Option(help="force the language (en, fr); detected by default")] = None,
    fmt: Annotated[PrintFormat, typer.Option("--format", "-f", help="output format")] = PrintFormat.table,
    geo: Annotated[bool, typer.Option(help="geocode event locations")] = True,
) -> None:
    """Extract events from articles and print them (nothing is stored)."""
    from strife.export import format_events
    from strife.ingest import read_sources
    from strife.jobs import extract_items
    from strife.pipeline import default_pipeline

    pub = parse_date(published, "--published")
    failures: list[ReadFailure] = []
    articles = 0
    events: list[Event] = []

    def failed(failure: ReadFailure) -> None:
        failures.append(failure)
        report_failure(failure)

    with progress_bar("extracting") as advance:
        items = read_sources(sources, published=pub, language=language)
        for result in extract_items(items, pipeline=default_pipeline(geo=geo), on_failure=failed):
            articles += 1
            advance()
            if fmt is PrintFormat.jsonl and result.events:  # stream JSONL article by article
                sys.stdout.write(format_events(result.events, "jsonl"))
                sys.stdout.flush()
            events.extend(result.events)
    if fmt is PrintFormat.table:
        out.print(events_table(events, title=f"{len(events)} events"))
    elif fmt is not PrintFormat.jsonl:
        sys.stdout.write(format_events(events, fmt.value))
    err.print(f"{articles + len(failures)} articles read, {len(events)} events, {len(failures)} failures")
    if articles == 0:
        raise typer.Exit(1)


def ingest(
    sources: Annotated[list[str], typer.Argument(help="files, folders, URLs, or - for stdin")],
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    published: Annotated[str | None, typer.Option(help="publication date (YYYY-MM-DD) when the document has none")] = None,
    language: Annotated[str | None, typer.Option(help="force the language (en, fr); detected by default")] = None,
    merge: Annotated[bool, typer.Option(help="merge reports of the same event across articles")] = True,
) -> None:
    """Read articles, extract their events and store both (re-ingesting changes nothing)."""
    from strife.ingest import read_sources
    from strife.jobs import ingest_articles
    from strife.store import open_store

    pub = parse_date(published, "--published")
    with open_store(db) as store:
        with progress_bar("ingesting") as advance:
            items = read_sources(sources, published=pub, language=language)
            summary = ingest_articles(items, store, merge=merge, progress=advance)
        for failure in summary.failures:
            report_failure(failure)
        counts = store.counts()
    err.print(summary.line())
    err.print(f"store {db}: {counts['articles']} articles, {counts['events']} events")
    if summary.articles_read == len(summary.failures):
        raise typer.Exit(1)


events_app = typer.Typer(help="Query stored events; `split` undoes a merge.", no_args_is_help=False)


@events_app.callback(invoke_without_command=True)
def events(
    ctx: typer.Context,
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="country name, e.g. Mali")] = None,
    admin1: Annotated[str | None, typer.Option(help="first-level admin unit")] = None,
    since: Annotated[str | None, typer.Option(help="first event date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="last event date (YYYY-MM-DD)")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type, e.g. Battles")] = None,
    actor: Annotated[str | None, typer.Option(help="actor name (substring)")] = None,
    limit: Annotated[int, typer.Option(help="at most this many events")] = 50,
    fmt: Annotated[PrintFormat, typer.Option("--format", "-f")] = PrintFormat.table,
) -> None:
    """List stored events, newest first, with filters."""
    if ctx.invoked_subcommand is not None:
        return
    from strife.export import format_events
    from strife.store import EventFilter

    flt = EventFilter(
        country=country,
        admin1=admin1,
        event_type=event_type,
        actor=actor,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
    )
    with _existing_store(db) as store:
        found = store.query_events(flt, limit=limit)
        total = store.count_events(flt)
    if fmt is PrintFormat.table:
        out.print(events_table(found, title=f"{len(found)} of {total} events"))
    else:
        sys.stdout.write(format_events(found, fmt.value))


@events_app.command("split")
def split(
    event_id: Annotated[str, typer.Argument(help="the merged event to split")],
    article_id: Annotated[str | None, typer.Option(help="split out only this report")] = None,
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
) -> None:
    """Undo a merge: one event per contributing report again."""
    from strife.merge import split_event

    with _existing_store(db) as store:
        event = store.get_event(event_id)
        if event is None:
            err.print(f"[red]error[/red] no event {event_id!r} in {db}")
            raise typer.Exit(1)
        parts = split_event(event, article_id)
        if len(parts) < 2:
            err.print(f"event {event_id} has nothing to split (one report)")
            raise typer.Exit(1)
        store.replace_events([event_id], parts)
    out.print(events_table(parts, title=f"split {event_id} into {len(parts)} events"))


@events_app.command("correct")
def correct(
    event_id: Annotated[str, typer.Argument(help="the event to correct")],
    field: Annotated[str, typer.Argument(help="field name, e.g. fatalities")],
    value: Annotated[str, typer.Argument(help="new value (empty string clears it)")],
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    who: Annotated[str | None, typer.Option(help="who made the correction")] = None,
) -> None:
    """Correct one field by hand; later automatic updates keep it."""
    from strife.merge import apply_correction

    if field not in Event.model_fields or field in {"event_id", "claims", "evidence", "history", "corrections"}:
        raise typer.BadParameter(f"{field!r} is not a correctable event field", param_hint="FIELD")
    with _existing_store(db) as store:
        event = store.get_event(event_id)
        if event is None:
            err.print(f"[red]error[/red] no event {event_id!r} in {db}")
            raise typer.Exit(1)
        try:  # coerce the text to the field's type with the schema's own validation
            typed = Event.model_validate({**event.model_dump(), field: value or None})
        except ValueError as exc:
            raise typer.BadParameter(f"{value!r} is not valid for {field}: {exc}", param_hint="VALUE") from None
        corrected = apply_correction(event, field, getattr(typed, field), who=who)
        store.replace_events([event_id], [corrected])
    out.print(f"{event_id}: {field} = {getattr(corrected, field)!r}")


def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="output format")],
    output: Annotated[Path, typer.Option("--output", "-o", help="file to write")],
    db: Annotated[str, typer.Option(help="DuckDB file or postgresql:// URL")] = DEFAULT_DB,
    country: Annotated[str | None, typer.Option(help="only this country")] = None,
    since: Annotated[str | None, typer.Option(help="first event date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="last event date (YYYY-MM-DD)")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type")] = None,
) -> None:
    """Export stored events as ACLED CSV, GeoJSON, Parquet, JSONL or XLSX."""
    from strife.export import write_events
    from strife.store import EventFilter

    flt = EventFilter(
        country=country, event_type=event_type, since=parse_date(since, "--since"), until=parse_date(until, "--until")
    )
    with _existing_store(db) as store:
        count = write_events(store.iter_events(flt), fmt.value, output)
    err.print(f"{count} events written to {output} ({fmt.value})")


@contextmanager
def _existing_store(db: str):
    """Open a store for reading; a missing DuckDB file is an error, not a new empty database."""
    from strife.store import open_store

    if "://" not in db and db != ":memory:" and not Path(db).exists():
        err.print(f"[red]error[/red] no database at {db} (run `strife ingest ... --db {db}` first)")
        raise typer.Exit(1)
    with open_store(db) as store:
        yield store
