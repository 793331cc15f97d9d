"""Publication dates: parse what documents carry, never invent one."""

from __future__ import annotations

import re
import time
from datetime import date, datetime

from dateutil import parser as dateparser

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# A line that is only a date, optionally labelled ("Published: 12 January 2023").
DATE_LINE = re.compile(
    r"^\s*(?:(?:published|posted|updated|date|dated|on)\s*:?\s*)?"
    + _WEEKDAY
    + r"(?P<date>\d{4}-\d{1,2}-\d{1,2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?\s+\d{4}"
    r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}))?)?\s*$",
    re.IGNORECASE,
)


def parse_date(value: object) -> date | None:
    """A date from a string, datetime, date or time.struct_time; None when there is none."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        # A fixed default so that missing parts never come from today.
        parsed = dateparser.parse(text, default=datetime(1900, 1, 1), dayfirst=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or parsed.year == 1900:
        return None
    return parsed.date()


def date_line(line: str) -> date | None:
    """The date when `line` is nothing but a (labelled) date, else None."""
    match = DATE_LINE.match(line)
    if not match:
        return None
    raw = match.group("date")
    if "/" in raw:
        # dd/mm/yyyy is the common order outside the US; ambiguous cases read day first.
        try:
            return dateparser.parse(raw, dayfirst=True).date()
        except (ValueError, OverflowError):
            return None
    return parse_date(raw)
