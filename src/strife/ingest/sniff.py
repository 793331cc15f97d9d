"""Which reader fits a document: decided by its content, with type/extension as hints."""

from __future__ import annotations

import csv
import json
import re
from pathlib import PurePosixPath
from typing import Literal

Kind = Literal["html", "feed", "jsonl", "json", "csv", "text"]

_FEED_ROOT = re.compile(r"<\s*(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_ROOT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|div|p|title|meta|section|main)\b", re.I)
_PROLOG = re.compile(r"^(?:\s|<\?[^>]*\?>|<!--.*?-->|<!doctype\s+(?!html)[^>]*>)*", re.I | re.S)

_COLUMN_NAME = re.compile(r"^(?:[\w.-]+(?: [\w.-]+){0,2})?$")

# Column names a table must have one of to be read as articles ("notes": ACLED exports).
TEXT_COLUMNS = ("text", "body", "content", "article", "notes")

_EXTENSIONS: dict[str, Kind] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".txt": "text", ".text": "text", ".md": "text",
}


def hint_from_content_type(content_type: str | None) -> Kind | None:
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime in ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
                "application/xml", "text/xml"):
        return "feed"
    if mime in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
                "application/jsonlines"):
        return "jsonl"
    if mime == "application/json" or mime.endswith("+json"):
        return "json"
    if mime in ("text/csv", "text/tab-separated-values", "application/csv"):
        return "csv"
    if mime.startswith("text/"):
        return "text"
    return None


def hint_from_name(origin: str) -> Kind | None:
    name = origin.split("?", 1)[0].split("#", 1)[0]
    return _EXTENSIONS.get(PurePosixPath(name).suffix.lower())


def _csv_header(text: str) -> list[str] | None:
    """The header of a table whose first line names a text column, else None."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip("\r")
    if not first or len(first) > 2000:
        return None
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in first:
            continue
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delimiter))]
        # Column names are short labels, not prose: "Text, images and video were seized" is no header.
        if any(name in TEXT_COLUMNS for name in header) and all(_COLUMN_NAME.match(h) for h in header):
            return header
    return None


def sniff(text: str, *, content_type: str | None = None, origin: str = "") -> Kind:
    """The kind of `text`: markup and JSON are told by content; tables by their header.

    The content type (or else the file extension) decides only between kinds the content
    leaves open, e.g. a text/plain answer whose body is a table with a `text` column.
    """
    hint = hint_from_content_type(content_type) or hint_from_name(origin)
    head = _PROLOG.sub("", text[:65536], count=1).lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if _FEED_ROOT.match(head) or (hint == "feed" and not _HTML_ROOT.match(head)):
            return "feed"
        if _HTML_ROOT.match(head) or hint == "html":
            return "html"
        # Other markup: a feed root further in (after unusual prologs) or an HTML fragment.
        return "feed" if _FEED_ROOT.search(head[:4096]) else "html"
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        if _parses(first) or (hint != "json" and re.match(r'\{\s*"', first) and first.endswith("}")):
            # One object per line (a broken line is reported by the JSONL reader).
            return "jsonl"
        if hint == "jsonl":
            return "jsonl"
        if hint == "json" or _parses(text):
            return "json"
    if head.startswith("[") and (hint == "json" or _parses(text)):
        return "json"
    if hint in ("jsonl", "json"):
        return hint
    if hint == "csv" or _csv_header(text) is not None:
        return "csv"
    return "text"


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
