"""Response and request bodies of the REST API, declared so /openapi.json says exactly what comes back."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
    """A report posted as JSON: its text, or an http(s) URL to fetch (at least one of the two)."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["text"]}, {"required": ["url"]}]},
    )

    text: str = Field(
        default=None,  # type: ignore[assignment]  (absent is fine, null is not)
        min_length=1,
        pattern=r"[^ \t\r\n]",  # not blank; ASCII classes read the same in JSON Schema and Python
        description="the report: body, or the whole article (a headline on its first line is taken as title)",
    )
    title: str = Field(default=None, description="headline; put above the text")  # type: ignore[assignment]
    published: date = Field(default=None, description="publication date, YYYY-MM-DD")  # type: ignore[assignment]
    url: str = Field(
        default=None,  # type: ignore[assignment]
        pattern=r"^https?://[^\x00-\x20]+$",
        max_length=2000,
        description="where the report comes from; fetched when no text is given",
    )
    source: str = Field(default=None, description="publisher or agency")  # type: ignore[assignment]
    language: str = Field(  # type: ignore[assignment]
        default=None, pattern=r"^[a-z]{2}$", description="ISO 639-1 code; detected when absent"
    )

    @field_validator("published", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        # Only YYYY-MM-DD, as the spec says (pydantic alone would take timestamps too).
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError("expected a date as YYYY-MM-DD")
        return value

    @model_validator(mode="after")
    def _text_or_url(self) -> ArticleIn:
        if self.text is None and self.url is None:
            raise ValueError("give the report's text, or a url to fetch")
        return self


class IngestResult(BaseModel):
    articles_read: int
    articles_new: int
    articles_skipped: int
    events: int
    events_merged: int = 0
    failures: list[ReadFailure] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list, description="ids of the articles read")
