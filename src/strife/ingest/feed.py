"""RSS and Atom feeds, through feedparser: one Article per entry."""

from __future__ import annotations

import re
from datetime import date

import feedparser

from strife.ingest.common import Item, clean, failure, html_to_text, make_article, repeats
from strife.ingest.dates import parse_date

_XML_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", re.I)


def read_feed(
    data: bytes, origin: str, *, published: date | None = None, language: str | None = None,
) -> list[Item]:
    """Entries of a feed. `data` are the raw bytes, so the XML declaration's encoding holds."""
    try:
        # Bytes, never str: feedparser treats a str as a URL or file name to open.
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:
        return [failure(origin, f"feed could not be parsed: {exc}")]
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            return [failure(origin, f"malformed feed: {parsed.get('bozo_exception')}")]
        return [failure(origin, "feed has no entries")]
    feed_language = parsed.get("feed", {}).get("language")
    source = clean(parsed.get("feed", {}).get("title"))
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#entry {number}"
        try:
            items.append(_entry(entry, entry_origin, source, feed_language, published, language))
        except Exception as exc:  # one odd entry must not lose the others
            items.append(failure(entry_origin, f"feed entry could not be read: {exc}"))
    return items


def _entry(entry, origin, source, feed_language, published, language) -> Item:
    title = html_to_text(entry.get("title"))
    summary = html_to_text(entry.get("summary"))
    contents = [html_to_text(c.get("value")) for c in entry.get("content") or []]
    content = max(contents, key=len, default="")
    body, standfirst = (content, summary) if content else (summary, "")
    if repeats(standfirst, body):
        standfirst = ""
    if not title and not body:
        return failure(origin, "feed entry has no title and no text")
    found = (
        parse_date(entry.get("published_parsed"))
        or parse_date(entry.get("updated_parsed"))
        or parse_date(entry.get("published"))
        or parse_date(entry.get("updated"))
    )
    section = None
    tags = entry.get("tags") or []
    if tags:
        section = tags[0].get("term") or tags[0].get("label")
    return make_article(
        origin=origin,
        title=title,
        standfirst=standfirst,
        body=body,
        section=section,
        source=source,
        url=entry.get("link"),
        found_published=found,
        found_language=entry.get("language") or feed_language,
        published=published,
        language=language,
    )


def utf8_feed_bytes(text: str) -> bytes:
    """Text already decoded, as UTF-8 bytes whose XML declaration says so."""
    data = text.encode("utf-8")
    return _XML_ENCODING.sub(rb"\1\2utf-8\2", data, count=1)
