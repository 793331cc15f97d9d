"""Ingest stage: files, folders, stdin and URLs in; `Article`s (or `ReadFailure`s) out.

Each document is decoded (UTF-8, else a detected encoding; binary refused), its kind
sniffed from the content (HTML, RSS/Atom, JSONL/JSON, CSV, plain text) and read by
the matching reader. A bad item becomes a `ReadFailure` with a one-line error and the
batch goes on; nothing raises out of `read_sources` for one bad source.

Dates come from the document when it states one, else from the caller's `published`,
else stay None: never today. The caller's `language` wins over the document's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from strife.ingest.common import Item, failure, make_article
from strife.ingest.decode import DecodeError, decode
from strife.ingest.feed import read_feed, utf8_feed_bytes
from strife.ingest.html import read_html
from strife.ingest.language import detect_language
from strife.ingest.sniff import sniff
from strife.ingest.sources import (
    DEFAULT_MAX_BYTES,
    Fetched,
    fetch,
    make_client,
    read_file,
    read_stdin,
    url_scheme,
    walk,
)
from strife.ingest.tabular import read_csv, read_json, read_jsonl
from strife.ingest.text import split_text
from strife.schema import Article, ReadFailure

__all__ = ["read_sources", "read_bytes", "read_text", "detect_language", "DEFAULT_MAX_BYTES"]


def read_bytes(
    data: bytes,
    origin: str,
    *,
    content_type: str | None = None,
    published: date | None = None,
    language: str | None = None,
    url: str | None = None,
) -> list[Article | ReadFailure]:
    """Articles in one document's raw bytes; `origin` names it in every result."""
    def read() -> list[Item]:
        try:
            text = decode(data, content_type)
        except DecodeError as exc:
            return [failure(origin, str(exc))]
        return _read_decoded(text, origin, data=data, content_type=content_type, published=published,
                             language=language, url=url)

    return _guarded(origin, read)


def read_text(
    text: str, origin: str = "<text>", *, published: date | None = None, language: str | None = None,
) -> list[Article | ReadFailure]:
    """Articles in a document already decoded to text (kind sniffed as for bytes)."""
    if not text.strip():
        return [failure(origin, "empty")]
    return _guarded(origin, lambda: _read_decoded(text, origin, published=published, language=language))


def read_sources(
    sources: Iterable[str],
    *,
    published: date | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
) -> Iterator[Article | ReadFailure]:
    """Articles from paths, folders (recursive), "-" (stdin) and http(s) URLs, in order."""
    client = None
    try:
        for source in sources:
            source = str(source)
            if source == "-":
                data = read_stdin(max_bytes)
                if isinstance(data, ReadFailure):
                    yield data
                else:
                    yield from read_bytes(data, "<stdin>", published=published, language=language)
                continue
            scheme = url_scheme(source)
            if scheme is not None:
                if scheme not in ("http", "https"):
                    yield failure(source, f"unsupported URL scheme {scheme!r} (only http and https)")
                    continue
                if client is None:
                    client = make_client(timeout)
                fetched = fetch(client, source, max_bytes, timeout)
                if isinstance(fetched, Fetched):
                    yield from read_bytes(fetched.data, source, content_type=fetched.content_type,
                                          published=published, language=language, url=fetched.url)
                else:
                    yield fetched
                continue
            yield from _read_path(Path(source), published=published, language=language, max_bytes=max_bytes)
    finally:
        if client is not None:
            client.close()


def _read_path(path: Path, *, published: date | None, language: str | None, max_bytes: int) -> Iterator[Item]:
    try:
        if path.is_dir():
            found = False
            for file in walk(path):
                found = True
                if isinstance(file, ReadFailure):
                    yield file
                else:
                    yield from _read_one_file(file, published=published, language=language, max_bytes=max_bytes)
            if not found:
                yield failure(str(path), "folder has no files")
            return
        if not path.exists():
            yield failure(str(path), "no such file or directory")
            return
    except OSError as exc:
        yield failure(str(path), f"could not read: {exc.strerror or exc}")
        return
    yield from _read_one_file(path, published=published, language=language, max_bytes=max_bytes)


def _read_one_file(path: Path, *, published: date | None, language: str | None, max_bytes: int) -> list[Item]:
    data = read_file(path, max_bytes)
    if isinstance(data, ReadFailure):
        return [data]
    return read_bytes(data, str(path), published=published, language=language)


def _guarded(origin: str, read: Callable[[], list[Item]]) -> list[Item]:
    # A reader bug on one odd document is that document's failure, not the batch's.
    try:
        return read()
    except Exception as exc:
        return [failure(origin, f"could not read: {type(exc).__name__}: {exc}")]


def _read_decoded(
    text: str,
    origin: str,
    *,
    data: bytes | None = None,
    content_type: str | None = None,
    published: date | None,
    language: str | None,
    url: str | None = None,
) -> list[Item]:
    kind = sniff(text, content_type=content_type, origin=origin)
    if kind == "html":
        return read_html(text, origin, url=url, published=published, language=language)
    if kind == "feed":
        # Raw bytes keep the feed's declared encoding; decoded text is re-encoded to match.
        raw = data if data is not None else utf8_feed_bytes(text)
        return read_feed(raw, origin, published=published, language=language)
    if kind == "jsonl":
        return read_jsonl(text, origin, published=published, language=language)
    if kind == "json":
        return read_json(text, origin, published=published, language=language)
    if kind == "csv":
        return read_csv(text, origin, published=published, language=language)
    parts = split_text(text)
    return [
        make_article(
            origin=origin,
            section=parts.section,
            title=parts.title,
            standfirst=parts.standfirst,
            body=parts.body,
            url=url,
            found_published=parts.published,
            published=published,
            language=language,
        )
    ]
