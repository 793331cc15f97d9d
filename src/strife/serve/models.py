"""Response and request bodies of the REST API, declared so /openapi.json says exactly what comes back."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from strife.schema import Article, Event, ReadFailure


class ErrorBody(BaseModel):
    detail: str = Field(description="what went wrong, in words")


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, all pages together")
    limit: int
    offset: int
    items: list[Event]


class EventDetail(BaseModel):
    event: Event
    articles: list[Article] = Field(description="the reports the event was coded from")


class ArticleSummary(BaseModel):
    """An article without its body, for listings."""

    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    language: str = "en"
    published: date | None = None
    origin: str | None = None
    characters: int = Field(description="length of the stored text")


class ArticlePage(BaseModel):
    total: int | None = Field(default=None, description="articles stored, when the store can tell")
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleDetail(BaseModel):
    article: Article
    event_ids: list[str] = Field(default_factory=list, description="events coded (or merged) from this article")


class StatRow(BaseModel):
    key: str | None = Field(description="the week's Monday, month, type or country; null when unknown")
    events: int
    fatalities: int


class Stats(BaseModel):
    by: str
    items: list[StatRow]


class MapPoints(BaseModel):
    """Events as parallel arrays (one entry per event), compact enough for 100k points."""

    total: int = Field(description="events matching the filters that have coordinates")
    truncated: bool = Field(description="true when more points matched than `limit`")
    types: list[str] = Field(description="event types; `type` holds indexes into this list (-1: unknown)")
    id: list[str]
    lat: list[float]
    lon: list[float]
    type: list[int]
    fatalities: list[int]


class ArticleIn(BaseModel):
    """A report posted as JSON: its text, or a URL to fetch."""

    text: str | None = Field(default=None, description="the report's text (body, or whole article)")
    title: str | None = None
    published: date | None = None
    url: str | None = Field(default=None, description="where it comes from; fetched when no text is given")
    source: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code; detected when absent")


class IngestResult(BaseModel):
    articles_read: int
    articles_new: int
    articles_skipped: int
    events: int
    events_merged: int = 0
    failures: list[ReadFailure] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list, description="ids of the articles read")
