"""Shared types of strife: every stage speaks these and nothing else.

An `Article` flows in, `Event`s flow out. Every coded field of an event can point
at the text it came from (`Evidence`: character offsets into `Article.text`, the
article text exactly as stored) and carries a confidence in [0, 1]. Casualty
statements are kept apart as `Claim`s, so the army's figure and the armed
group's figure both survive coding.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

# Order of the parts of an article in its stored text; offsets index into this.
TEXT_SEPARATOR = "\n\n"

# ACLED's public export header, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)


def content_hash(text: str) -> str:
    """Stable id of a piece of content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Evidence(BaseModel):
    """A span of an article's stored text that supports a field."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="character offset into Article.text")
    end: int = Field(ge=0, description="end offset, exclusive")
    quote: str = Field(description="exactly Article.text[start:end]")
    article_id: str | None = Field(default=None, description="which article the span is in")

    @classmethod
    def from_text(cls, text: str, start: int, end: int, article_id: str | None = None) -> Evidence:
        return cls(start=start, end=end, quote=text[start:end], article_id=article_id)


class Article(BaseModel):
    """One news report, as read. `id` is the hash of its text, so re-reading is idempotent."""

    url: str | None = None
    source: str | None = Field(default=None, description="publisher or agency, e.g. 'AFP'")
    section: str | None = None
    title: str | None = None
    standfirst: str | None = None
    body: str = ""
    language: str = Field(default="en", description="ISO 639-1 code; picks the NLP pipeline")
    published: date | None = Field(default=None, description="publication date; None when unknown")
    origin: str | None = Field(default=None, description="where it was read from: path, URL, path#line")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The text the pipeline reads and evidence offsets point into."""
        parts = [p.strip() for p in (self.title, self.standfirst, self.body) if p and p.strip()]
        return TEXT_SEPARATOR.join(parts)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        return content_hash(self.text)

    def part_spans(self) -> dict[str, tuple[int, int]]:
        """Where the title, standfirst and body lie in `text`, by part name (blank parts absent)."""
        spans: dict[str, tuple[int, int]] = {}
        position = 0
        for name in ("title", "standfirst", "body"):
            part = (getattr(self, name) or "").strip()
            if part:
                spans[name] = (position, position + len(part))
                position += len(part) + len(TEXT_SEPARATOR)
        return spans


class ReadFailure(BaseModel):
    """An input item that could not be read; reported, never fatal to the batch."""

    origin: str
    error: str


class Actor(BaseModel):
    """An entry of the actor registry: canonical ACLED-style name with its inter code."""

    name: str
    inter: int = Field(ge=0, le=8)
    country: str | None = None
    parent: str | None = Field(default=None, description="canonical name of the parent/affiliate")
    aliases: list[str] = Field(default_factory=list)


class Location(BaseModel):
    """A place resolved in the gazetteer."""

    name: str
    country: str | None = None
    iso: int | None = Field(default=None, description="numeric ISO 3166-1")
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    geonameid: int | None = None
    feature_code: str | None = None
    population: int | None = None


ClaimWhat = Literal["killed", "injured", "captured", "neutralized", "abducted", "missing", "arrested", "casualties"]


class Claim(BaseModel):
    """One casualty statement: who claims what happened to whom, via which channel."""

    what: ClaimWhat
    number_low: int | None = Field(default=None, description="None when the number is unknown")
    number_high: int | None = None
    number_text: str | None = Field(default=None, description="the words as written: 'dozens', 'no fewer than 14'")
    whom: str | None = Field(default=None, description="the side that suffered: 'Malian soldiers', 'militants'")
    whom_actor: str | None = Field(default=None, description="canonical actor of that side, when resolved")
    claimant: str | None = Field(default=None, description="who says so: army, JNIM, witness, NGO, UN")
    channel: str | None = Field(default=None, description="how it reached us: AFP, SITE, a press release")
    partisan: bool = Field(default=False, description="a party to the fight counting its enemies' or own losses")
    evidence: Evidence | None = None
    article_id: str | None = None


class Event(BaseModel):
    """An ACLED-style event record plus strife's provenance.

    Every ACLED column is a field here; `evidence[field]` and `confidence[field]`
    tell where each coded value came from and how sure strife is of it. The key
    "event" in `evidence` holds the sentences that mention the incident.
    """

    event_id: str
    event_date: date | None = None
    year: int | None = None
    time_precision: int | None = Field(default=None, ge=1, le=3)
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = Field(default=None, ge=1, le=3)
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None
    tags: str | None = None
    timestamp: int | None = Field(default=None, description="unix seconds when strife last coded the event")

    # strife's own
    claims: list[Claim] = Field(default_factory=list)
    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    confidence: dict[str, float] = Field(default_factory=dict)
    article_ids: list[str] = Field(default_factory=list)
    source_urls: list[str] = Field(default_factory=list)
    language: str | None = None
    created_at: datetime | None = None
    history: list[dict[str, Any]] = Field(
        default_factory=list, description="what each report or merge contributed, oldest first"
    )
    corrections: dict[str, Any] = Field(
        default_factory=dict, description="fields set by a human; kept over later automatic updates"
    )

    def cite(self, field: str, evidence: Evidence, confidence: float | None = None) -> None:
        """Attach a span (and optionally a confidence) to one field."""
        spans = self.evidence.setdefault(field, [])
        if evidence not in spans:
            spans.append(evidence)
        if confidence is not None:
            self.confidence[field] = max(0.0, min(1.0, float(confidence)))

    def acled_row(self) -> dict[str, object]:
        """The event as one row of ACLED's public export (column order = ACLED_COLUMNS)."""
        row: dict[str, object] = {}
        for column in ACLED_COLUMNS:
            if column == "event_id_cnty":
                row[column] = self.event_id
            elif column == "event_date":
                row[column] = self.event_date.isoformat() if self.event_date else None
            elif column == "year":
                row[column] = self.year or (self.event_date.year if self.event_date else None)
            else:
                row[column] = getattr(self, column)
        return row


class ArticleResult(BaseModel):
    """What the pipeline made of one article."""

    article: Article
    events: list[Event] = Field(default_factory=list)
