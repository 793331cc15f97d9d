"""export stage: events out, in the formats analysts open.

- ``acled-csv``: ACLED's public export header in ACLED's order, ISO dates.
- ``geojson``: a FeatureCollection, one Point [lon, lat] per event (geometry null
  when the place is unknown), every ACLED field as a property plus the event's
  article ids, source urls and number of claims.
- ``jsonl``: one full record per line (claims, evidence, confidence, provenance).
- ``parquet``: flat ACLED columns plus strife's nested fields as JSON strings.
- ``xlsx``: ACLED columns plus article ids and claim counts, one sheet.

Text formats stream (nothing but the current event is held); parquet is written in
record batches; xlsx uses openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Literal

from strife.schema import ACLED_COLUMNS, Event

FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "parquet", "jsonl", "xlsx")
TEXT_FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl")
MEDIA_TYPES: dict[str, str] = {
    "acled-csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS: dict[str, str] = {
    "acled-csv": ".csv",
    "geojson": ".geojson",
    "jsonl": ".jsonl",
    "parquet": ".parquet",
    "xlsx": ".xlsx",
}

# Nested strife fields, carried as JSON text in flat formats.
NESTED_FIELDS: tuple[str, ...] = ("claims", "evidence", "confidence", "history", "corrections")
LIST_FIELDS: tuple[str, ...] = ("article_ids", "source_urls")

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "format_events",
    "format_for_path",
    "iter_text",
    "read_events",
    "write_events",
]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def format_for_path(path: str | Path) -> str | None:
    """The format a file name suggests by its extension, or None."""
    suffix = Path(path).suffix.lower()
    for fmt, ext in EXTENSIONS.items():
        if suffix == ext:
            return fmt
    return {".json": "geojson", ".ndjson": "jsonl", ".xls": "xlsx", ".pq": "parquet"}.get(suffix)


# ---------------------------------------------------------------------------
# Text formats: generators of chunks (also what an HTTP streaming response wants)


class _Line:
    """A file-like sink for csv.writer that hands back what was written."""

    def __init__(self) -> None:
        self.buf: list[str] = []

    def write(self, s: str) -> int:
        self.buf.append(s)
        return len(s)

    def take(self) -> str:
        out = "".join(self.buf)
        self.buf.clear()
        return out


def _csv_chunks(events: Iterable[Event], counter: list[int]) -> Iterator[str]:
    sink = _Line()
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    yield sink.take()
    for event in events:
        row = event.acled_row()
        writer.writerow(["" if row[c] is None else row[c] for c in ACLED_COLUMNS])
        counter[0] += 1
        yield sink.take()


def _jsonl_chunks(events: Iterable[Event], counter: list[int]) -> Iterator[str]:
    for event in events:
        counter[0] += 1
        yield event.model_dump_json() + "\n"


def geojson_feature(event: Event) -> dict[str, Any]:
    """One event as a GeoJSON Feature (geometry null when its place is unknown)."""
    properties: dict[str, Any] = dict(event.acled_row())
    properties["claims"] = len(event.claims)
    properties["article_ids"] = list(event.article_ids)
    properties["source_urls"] = list(event.source_urls)
    geometry = None
    if (
        event.latitude is not None
        and event.longitude is not None
        and math.isfinite(event.latitude)
        and math.isfinite(event.longitude)
    ):
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


def _geojson_chunks(events: Iterable[Event], counter: list[int]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    sep = "\n"
    for event in events:
        counter[0] += 1
        yield sep + json.dumps(geojson_feature(event), ensure_ascii=False)
        sep = ",\n"
    yield "\n]}\n"


_TEXT_WRITERS = {"acled-csv": _csv_chunks, "jsonl": _jsonl_chunks, "geojson": _geojson_chunks}


def iter_text(events: Iterable[Event], fmt: Literal["jsonl", "acled-csv", "geojson"]) -> Iterator[str]:
    """The export as a stream of text chunks (for stdout or an HTTP streaming response)."""
    if fmt not in _TEXT_WRITERS:
        raise ValueError(f"{fmt!r} is not a text format; expected one of {', '.join(TEXT_FORMATS)}")
    return _TEXT_WRITERS[fmt](events, [0])


def format_events(events: Iterable[Event], fmt: Literal["jsonl", "acled-csv", "geojson"]) -> str:
    """The whole export as one string, for printing."""
    return "".join(iter_text(events, fmt))


# ---------------------------------------------------------------------------
# Writing to a path or a stream


@contextmanager
def _open_text(out: str | Path | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
    else:  # a binary stream
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


@contextmanager
def _open_binary(out: str | Path | IO[Any]) -> Iterator[IO[bytes]]:
    if isinstance(out, str | Path):
        with open(out, "wb") as fh:
            yield fh
    elif isinstance(out, io.TextIOBase):
        raise TypeError("binary formats (parquet, xlsx) need a path or a binary stream, not a text stream")
    else:
        yield out  # type: ignore[misc]


def write_events(events: Iterable[Event], fmt: str, out: str | Path | IO[Any]) -> int:
    """Write events to a path or an open stream in `fmt`; returns how many were written."""
    _check_format(fmt)
    if fmt in _TEXT_WRITERS:
        counter = [0]
        with _open_text(out) as fh:
            for chunk in _TEXT_WRITERS[fmt](events, counter):
                fh.write(chunk)
            fh.flush()
        return counter[0]
    if fmt == "parquet":
        with _open_binary(out) as fh:
            return _write_parquet(events, fh)
    with _open_binary(out) as fh:
        return _write_xlsx(events, fh)


# ---------------------------------------------------------------------------
# Parquet


def _parquet_schema() -> Any:
    import pyarrow as pa

    types: dict[str, Any] = {}
    for column in ACLED_COLUMNS:
        field = "event_id" if column == "event_id_cnty" else column
        types[column] = _arrow_type(field)
    fields = [pa.field(c, t) for c, t in types.items()]
    fields += [pa.field(n, pa.list_(pa.string())) for n in LIST_FIELDS]
    fields += [pa.field("language", pa.string()), pa.field("created_at", pa.string())]
    fields += [pa.field(n, pa.string()) for n in NESTED_FIELDS]
    return pa.schema(fields)


def _arrow_type(field: str) -> Any:
    import pyarrow as pa

    if field == "event_date":
        return pa.date32()
    if field in ("latitude", "longitude"):
        return pa.float64()
    if field == "timestamp":
        return pa.int64()
    annotation = str(Event.model_fields[field].annotation)
    if "int" in annotation:
        return pa.int32()
    return pa.string()


def _parquet_record(event: Event) -> dict[str, Any]:
    record: dict[str, Any] = dict(event.acled_row())
    record["event_date"] = event.event_date
    for name in LIST_FIELDS:
        record[name] = list(getattr(event, name))
    record["language"] = event.language
    record["created_at"] = event.created_at.isoformat() if event.created_at else None
    dumped = event.model_dump(mode="json", include=set(NESTED_FIELDS))
    for name in NESTED_FIELDS:
        record[name] = json.dumps(dumped[name], ensure_ascii=False)
    return record


def _write_parquet(events: Iterable[Event], fh: IO[bytes], batch_size: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(_parquet_record(event))
            count += 1
            if len(batch) >= batch_size:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                batch.clear()
        if batch or count == 0:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
    return count


def _read_parquet(path: str | Path | IO[bytes]) -> list[Event]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    events: list[Event] = []
    for record in table.to_pylist():
        data = {("event_id" if k == "event_id_cnty" else k): v for k, v in record.items()}
        for name in NESTED_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = json.loads(data[name])
            elif data.get(name) is None:
                data.pop(name, None)
        for name in LIST_FIELDS:
            if data.get(name) is None:
                data.pop(name, None)
        events.append(Event.model_validate(data))
    return events


# ---------------------------------------------------------------------------
# XLSX

XLSX_EXTRA_COLUMNS: tuple[str, ...] = ("article_ids", "source_urls", "claims")
_XLSX_MAX_CELL = 32_767  # Excel's limit on characters in a cell
_LIST_SEPARATOR = " | "


def _write_xlsx(events: Iterable[Event], fh: IO[bytes]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("events")
    ws.append(list(ACLED_COLUMNS) + list(XLSX_EXTRA_COLUMNS))

    def cell(value: Any) -> Any:
        if isinstance(value, str):
            c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:_XLSX_MAX_CELL])
            c.data_type = "s"  # never a formula, even when the text starts with '='
            return c
        if isinstance(value, date):
            c = WriteOnlyCell(ws, value=value)
            c.number_format = "yyyy-mm-dd"
            return c
        return value

    count = 0
    for event in events:
        row = event.acled_row()
        row["event_date"] = event.event_date
        values = [row[c] for c in ACLED_COLUMNS]
        values += [
            _LIST_SEPARATOR.join(event.article_ids) or None,
            _LIST_SEPARATOR.join(event.source_urls) or None,
            len(event.claims),
        ]
        ws.append([cell(v) for v in values])
        count += 1
    wb.save(fh)
    return count


def _read_xlsx(path: str | Path | IO[bytes]) -> list[Event]:
    from openpyxl import load_workbook

    if isinstance(path, str | Path):
        # openpyxl judges a path by its extension; a file object is read for what it is.
        with open(path, "rb") as fh:
            return _read_xlsx(io.BytesIO(fh.read()))
    wb = load_workbook(path, read_only=True)
    try:
        ws = wb["events"]
        rows = ws.iter_rows(values_only=True)
        header = list(next(rows))
        events: list[Event] = []
        for values in rows:
            record = dict(zip(header, values, strict=False))
            record.pop("claims", None)  # only a count in this format
            for name in LIST_FIELDS:
                value = record.get(name)
                record[name] = value.split(_LIST_SEPARATOR) if value else []
            if isinstance(record.get("event_date"), datetime):
                record["event_date"] = record["event_date"].date()
            events.append(_event_from_flat(record))
        return events
    finally:
        wb.close()


# ---------------------------------------------------------------------------
# Reading back


def _event_from_flat(record: dict[str, Any]) -> Event:
    data = {("event_id" if k == "event_id_cnty" else k): (None if v == "" else v) for k, v in record.items()}
    return Event.model_validate(data)


def _read_csv(fh: IO[str]) -> list[Event]:
    return [_event_from_flat(row) for row in csv.DictReader(fh)]


def _read_geojson(fh: IO[str]) -> list[Event]:
    doc = json.load(fh)
    if doc.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    events: list[Event] = []
    for feature in doc["features"]:
        props = dict(feature["properties"])
        props.pop("claims", None)  # only a count in this format
        events.append(_event_from_flat(props))
    return events


def read_events(path: str | Path | IO[Any], fmt: str) -> list[Event]:
    """Read an export back into events.

    jsonl and parquet give back full records; acled-csv, geojson and xlsx give the
    ACLED fields (plus article ids and source urls where the format has them).
    """
    _check_format(fmt)
    if fmt == "parquet":
        return _read_parquet(path)
    if fmt == "xlsx":
        return _read_xlsx(path)
    with _open_read_text(path) as fh:
        if fmt == "jsonl":
            return [Event.model_validate_json(line) for line in fh if line.strip()]
        if fmt == "acled-csv":
            return _read_csv(fh)
        return _read_geojson(fh)


@contextmanager
def _open_read_text(src: str | Path | IO[Any]) -> Iterator[IO[str]]:
    if isinstance(src, str | Path):
        with open(src, encoding="utf-8", newline="") as fh:
            yield fh
    elif isinstance(src, io.TextIOBase) or hasattr(src, "encoding"):
        yield src  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(src, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.detach()
