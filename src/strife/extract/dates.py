"""Event dates from text, resolved against the publication date (stub; full version follows)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from spacy.tokens import Doc

from strife.schema import Evidence


@dataclass
class DateResolution:
    date: datetime.date
    time_precision: int
    evidence: Evidence | None
    confidence: float


def resolve_date(
    doc: Doc, start: int, end: int, published: datetime.date | None, article_id: str | None
) -> DateResolution | None:
    return None
