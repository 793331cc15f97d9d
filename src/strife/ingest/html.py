"""HTML article pages, through trafilatura (main text, title, date, site)."""

from __future__ import annotations

import html
import logging
import re
from datetime import date

import trafilatura

from strife.ingest.common import Item, failure, make_article, repeats
from strife.ingest.dates import parse_date

MIN_PARAGRAPH_WORDS = 6
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]+)?)", re.I)
_META_SECTION = re.compile(
    r"<meta\b(?=[^>]*\bproperty\s*=\s*[\"']article:section[\"'])[^>]*\bcontent\s*=\s*[\"']([^\"']+)[\"']", re.I
)

# trafilatura logs every page it cannot extract; the caller gets a ReadFailure instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def read_html(
    text: str, origin: str, *, url: str | None = None, published: date | None = None,
    language: str | None = None,
) -> list[Item]:
    try:
        doc = trafilatura.bare_extraction(
            text,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # Only dates the page states; htmldate's guesses from free text are off by default.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return [failure(origin, f"HTML could not be parsed: {exc}")]
    body = getattr(doc, "text", None) if doc is not None else None
    title = doc.title if doc is not None else None
    body = _drop_title(body or "", title)
    # Fallback extractors return menus and link lists from pages without an article;
    # an article has at least one sentence-sized paragraph.
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in body.splitlines()):
        return [failure(origin, "HTML page has no article text")]
    standfirst = doc.description
    # The meta description often repeats the lead paragraph; keep it only when it adds text.
    if repeats(standfirst, body) or repeats(standfirst, title):
        standfirst = None
    section = _meta_section(text) or (doc.categories[0] if getattr(doc, "categories", None) else None)
    return [
        make_article(
            origin=origin,
            title=title,
            standfirst=standfirst,
            body=body,
            section=section,
            source=doc.sitename,
            url=doc.url or url,
            found_published=parse_date(doc.date),
            found_language=doc.language or _html_lang(text),
            published=published,
            language=language,
        )
    ]


def _drop_title(body: str, title: str | None) -> str:
    """The body without a first line repeating the headline (the page's <h1>)."""
    lines = body.strip().splitlines()
    if title and lines and _squash(lines[0]) == _squash(title):
        lines = lines[1:]
    return "\n".join(lines)


def _html_lang(text: str) -> str | None:
    match = _HTML_LANG.search(text[:4096])
    return match.group(1) if match else None


def _meta_section(text: str) -> str | None:
    match = _META_SECTION.search(text[:65536])
    return html.unescape(match.group(1)) if match else None


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()
