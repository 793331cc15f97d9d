"""Helpers every reader shares: building an Article, one-line errors, HTML to text."""

from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

from strife.ingest.language import detect_language
from strife.schema import Article, ReadFailure

Item = Article | ReadFailure


def one_line(message: object) -> str:
    """An error message squeezed onto one line (ReadFailure.error is a single line)."""
    text = " ".join(str(message).split())
    return text or "unknown error"


def failure(origin: str, error: object) -> ReadFailure:
    return ReadFailure(origin=origin, error=one_line(error))


def clean(value: object) -> str | None:
    """A stripped string, or None for missing/blank values."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


@lru_cache(maxsize=1)
def _credit_line() -> re.Pattern[str]:
    raw = yaml.safe_load(resources.files("strife.ingest").joinpath("data/credits.yaml").read_text("utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in raw.get("credit_lines") or []) or "(?!x)x", re.I)


def paragraphs(value: object) -> str | None:
    """Body text as one paragraph per line: lines stripped, blank lines and staff credits
    ("(Reporting by ...; Editing by ...)", data/credits.yaml) dropped."""
    text = clean(value)
    if text is None:
        return None
    credit = _credit_line()
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not credit.match(line))


def normalise_language(value: object) -> str | None:
    """'en', 'EN', 'en-GB', 'fr_FR' -> 'en' / 'fr'; None when absent or not a language tag."""
    text = clean(value)
    if not text:
        return None
    code = re.split(r"[-_]", text.lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def make_article(
    *,
    origin: str,
    body: str | None,
    title: str | None = None,
    standfirst: str | None = None,
    section: str | None = None,
    source: str | None = None,
    url: str | None = None,
    found_published: date | None = None,
    found_language: str | None = None,
    published: date | None = None,
    language: str | None = None,
) -> Article | ReadFailure:
    """An Article with the precedence rules applied, or a failure when it has no text.

    Date: the document's own date, else the caller's `published`, else None (never today).
    Language: the caller's explicit `language`, else the document's, else a stop-word guess.
    """
    title, standfirst, body = clean(title), clean(standfirst), paragraphs(body)
    if not (title or standfirst or body):
        return failure(origin, "no text")
    article_language = (
        normalise_language(language)
        or normalise_language(found_language)
        or detect_language("\n".join(p for p in (title, standfirst, body) if p))
    )
    return Article(
        url=clean(url),
        source=clean(source),
        section=clean(section),
        title=title,
        standfirst=standfirst,
        body=body or "",
        language=article_language,
        published=found_published or published,
        origin=origin,
    )


_BLOCK = re.compile(r"<\s*(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6]|/tr|/blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_DROP = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (feed summaries): one paragraph per line."""
    if not fragment:
        return ""
    text = _DROP.sub(" ", fragment)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\.\.|…)\s*\]|\.\.\.|…)\s*$")


def repeats(lead: str | None, body: str | None) -> bool:
    """Whether `lead` (a meta description, a feed summary) only repeats text of `body`,
    even when cut short with an ellipsis ("... [...]")."""
    if not lead or not body:
        return False
    squashed_lead = " ".join(_ELLIPSIS.sub("", lead).split()).lower()
    squashed_body = " ".join(body.split()).lower()
    return squashed_lead[:120] in squashed_body
