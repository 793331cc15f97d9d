"""Records: JSON Lines, a JSON array/object, and CSV/TSV, one Article per record."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import date

from strife.ingest.common import Item, failure, make_article
from strife.ingest.dates import parse_date
from strife.ingest.sniff import TEXT_COLUMNS

# Accepted names per Article field, first match wins (lower-cased column names).
COLUMNS: dict[str, tuple[str, ...]] = {
    "body": TEXT_COLUMNS,
    "title": ("title", "headline"),
    "standfirst": ("standfirst", "lead", "summary", "description"),
    "section": ("section", "category"),
    "source": ("source", "publisher", "outlet"),
    "url": ("url", "link"),
    "published": ("published", "date", "publication_date", "pubdate"),
    "language": ("language", "lang"),
}


def _pick(record: Mapping[str, object], field: str) -> object:
    for name in COLUMNS[field]:
        value = record.get(name)
        if value is not None and str(value).strip():
            return value
    return None


def record_article(
    record: object, origin: str, *, published: date | None, language: str | None,
) -> Item:
    if not isinstance(record, Mapping):
        return failure(origin, f"expected an object, got {type(record).__name__}")
    fields = {str(k).strip().lower(): v for k, v in record.items() if k is not None}
    body = _pick(fields, "body")
    if body is None:
        return failure(origin, f"no {' or '.join(TEXT_COLUMNS[:2])} field")
    if not isinstance(body, str):
        return failure(origin, f"text field is a {type(body).__name__}, not a string")
    raw_date = _pick(fields, "published")
    found = parse_date(raw_date)
    if raw_date is not None and found is None:
        return failure(origin, f"unreadable published date {str(raw_date)[:40]!r}")
    return make_article(
        origin=origin,
        body=body,
        title=_str(_pick(fields, "title")),
        standfirst=_str(_pick(fields, "standfirst")),
        section=_str(_pick(fields, "section")),
        source=_str(_pick(fields, "source")),
        url=_str(_pick(fields, "url")),
        found_published=found,
        found_language=_str(_pick(fields, "language")),
        published=published,
        language=language,
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl(text: str, origin: str, *, published: date | None = None, language: str | None = None) -> list[Item]:
    items: list[Item] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}#line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            items.append(failure(line_origin, f"invalid JSON: {exc}"))
            continue
        items.append(record_article(record, line_origin, published=published, language=language))
    return items or [failure(origin, "empty")]


def read_json(text: str, origin: str, *, published: date | None = None, language: str | None = None) -> list[Item]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [failure(origin, f"invalid JSON: {exc}")]
    if isinstance(data, Mapping):
        # {"articles": [...]} or {"items": [...]} wrappers, else one record.
        inner = next((data[k] for k in ("articles", "items", "records", "data") if isinstance(data.get(k), list)), None)
        if inner is None:
            return [record_article(data, origin, published=published, language=language)]
        data = inner
    if not isinstance(data, list):
        return [failure(origin, f"expected a JSON object or array, got {type(data).__name__}")]
    if not data:
        return [failure(origin, "empty")]
    return [
        record_article(record, f"{origin}#item {number}", published=published, language=language)
        for number, record in enumerate(data, start=1)
    ]


def read_csv(text: str, origin: str, *, published: date | None = None, language: str | None = None) -> list[Item]:
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";", "|"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [failure(origin, "empty")]
    except csv.Error as exc:
        return [failure(origin, f"invalid CSV header: {exc}")]
    if not any(name in TEXT_COLUMNS for name in header):
        return [failure(origin, f"CSV has no {' or '.join(TEXT_COLUMNS[:2])} column (columns: {', '.join(header)[:120]})")]
    items: list[Item] = []
    while True:
        line_number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            items.append(failure(f"{origin}#line {line_number}", f"invalid CSV: {exc}"))
            continue
        line_origin = f"{origin}#line {line_number}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            items.append(failure(line_origin, f"{len(row)} fields where the header has {len(header)}"))
            continue
        record = dict(zip(header, row, strict=True))
        items.append(record_article(record, line_origin, published=published, language=language))
    return items or [failure(origin, "CSV has a header but no rows")]
