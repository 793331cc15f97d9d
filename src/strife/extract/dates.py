"""The date of an event, read from its text and resolved against the publication date.

Precision follows ACLED's `time_precision`: 1 = the day is known, 2 = a day within a
week or so ("last week", "mid-April", "Around 5 April (as reported)"), 3 = only the
month ("April 2022", "earlier this month"; coded on the 15th).

* Explicit dates ("On 5 April 2022", "April 5, 2022", "5/4/2022", "2022-04-05") win over
  relative ones; without a year the year is the latest one that does not put the date
  after publication. Without a year and without a publication date there is no date.
* Relative expressions ("yesterday", "on Tuesday", "last week", "earlier this month",
  "mardi", "hier") need the publication date; with none they give no date (never invented).
  A weekday is the most recent such day on or before publication ("last Tuesday": strictly
  before).
* The first date expression in the span wins. When the span has none, the expression
  nearest before the span in the document is used (an article often dates its incident
  once, in its first sentences), with lower confidence.

Words live in `data/dates_<language>.yaml`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc

from strife.extract.lexicons import load_lexicon
from strife.nlp import DATELINE, doc_language
from strife.schema import Evidence


@dataclass
class DateResolution:
    date: datetime.date
    time_precision: int
    evidence: Evidence | None
    confidence: float


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    weekday_last: frozenset[str]
    month_parts: dict[str, dict[str, int]]
    month_day: int
    approximate: tuple[str, ...]
    qualifiers: dict[str, int]
    relative: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    sequence: tuple[tuple[re.Pattern[str], dict[str, Any]], ...]
    explicit: tuple[tuple[str, re.Pattern[str]], ...]
    reporting_re: re.Pattern[str]
    reporting_after_re: re.Pattern[str] | None = None


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def lexicon(language: str = "en") -> _Lexicon:
    raw = load_lexicon("dates", language)
    months = {str(k).lower(): int(v) for k, v in raw["months"].items()}
    weekdays = {str(k).lower(): int(v) for k, v in raw["weekdays"].items()}
    parts = {str(k).lower(): dict(v) for k, v in (raw.get("month_parts") or {}).items()}
    approximate = tuple(str(w).lower() for w in raw.get("approximate_lead") or [])
    mon = rf"(?P<mon>{_alt(list(months))})\.?"
    year = r"(?P<year>\d{4})"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er)?"
    day_end = r"(?:\s*[-–]\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
    explicit = (
        ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})\b")),
        ("slash", re.compile(r"\b(?P<day>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?\b")),
        ("dmy", re.compile(rf"\b{day}{day_end}(?:\s+of)?\s+{mon}(?:,?\s+{year})?\b", re.I)),
        ("mdy", re.compile(rf"\b{mon},?\s+{day}{day_end}(?!\d)(?:,?\s+{year})?\b", re.I)),
        ("part", re.compile(rf"\b(?P<part>{_alt(list(parts))})[-\s]+{mon}(?:\s+{year})?\b", re.I)),
        ("my", re.compile(rf"\b{mon}\s+{year}\b", re.I)),
        ("weekday", re.compile(
            rf"\b(?:(?P<last>{_alt(list(raw.get('weekday_last') or []))})\s+)?(?P<wd>{_alt(list(weekdays))})"
            rf"(?:\s+(?P<last2>{_alt(list(raw.get('weekday_last') or []))}))?\b",
            re.I,
        )),
    )
    relative = tuple(
        (re.compile(str(r["pattern"]), re.I), {k: v for k, v in r.items() if k != "pattern"})
        for r in raw.get("relative") or []
    )
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        weekday_last=frozenset(str(w).lower() for w in raw.get("weekday_last") or []),
        month_parts=parts,
        month_day=int(raw.get("month_day", 15)),
        approximate=approximate,
        qualifiers={str(k).lower(): int(v) for k, v in (raw.get("qualifiers") or {}).items()},
        relative=relative,
        sequence=tuple(
            (re.compile(str(r["pattern"]), re.I), {k: v for k, v in r.items() if k != "pattern"})
            for r in raw.get("sequence") or []
        ),
        explicit=explicit,
        reporting_after_re=re.compile(
            r"\s+(?:" + _alt([str(w) for w in raw.get("reporting_after") or []]) + r")\b", re.I
        ) if raw.get("reporting_after") else None,
        reporting_re=re.compile(
            r"\b(?:" + _alt([str(w) for w in raw.get("reporting_words") or []]) + r")\s+(?:on\s+|late\s+|early\s+)?$",
            re.I,
        ),
    )


@dataclass
class _Candidate:
    start: int
    end: int
    date: datetime.date
    precision: int
    confidence: float
    reporting: bool = False


def resolve_date(
    doc: Doc, start: int, end: int, published: datetime.date | None, article_id: str | None,
    report_first: bool = False,
) -> DateResolution | None:
    """The event date stated in doc.text[start:end] (or, failing that, before it), or None. With
    `report_first`, a report's date in the span comes before a date told before it ("In Kaduna state,
    police said on Monday they had rescued ...": a roundup's other place, not the day told before)."""
    text = doc.text if isinstance(doc, Doc) else str(doc)
    lex = lexicon(doc_language(doc) if isinstance(doc, Doc) else "en")
    start, end = max(0, start), min(len(text), end)
    found = _first(text, start, end, published, lex)
    factor = 1.0
    if found is None and report_first:
        found, factor = _report_date(text, start, end, published, lex)
    if found is None and start > 0:
        # Fallback: the nearest date expression before the span.
        before = [c for c in _all(text, 0, start, published, lex) if not c.reporting]
        if before:
            found = before[-1]
            factor = 0.7
    if found is None:
        # Last resort: the date of a report in the span ("the army said on Thursday"), as ACLED
        # codes "As reported on ...": precision 2 at best.
        found, factor = _report_date(text, start, end, published, lex)
    if found is None:
        return None
    evidence = Evidence.from_text(text, found.start, found.end, article_id)
    return DateResolution(found.date, found.precision, evidence, round(found.confidence * factor, 3))


def _report_date(
    text: str, start: int, end: int, published: datetime.date | None, lex: _Lexicon
) -> tuple[_Candidate | None, float]:
    """The first report's date in the span, at precision 2 at best, and its confidence factor."""
    reports = [c for c in _all(text, start, end, published, lex) if c.reporting]
    if not reports:
        return None, 1.0
    reports[0].precision = max(reports[0].precision, 2)
    return reports[0], 0.6


def find_dates(text: str, published: datetime.date | None, language: str = "en") -> list[DateResolution]:
    """Every date expression of a text resolved, left to right (for callers without a Doc)."""
    lex = lexicon(language)
    return [
        DateResolution(c.date, c.precision, Evidence.from_text(text, c.start, c.end), c.confidence)
        for c in _all(text, 0, len(text), published, lex)
    ]


def _first(text: str, start: int, end: int, published: datetime.date | None, lex: _Lexicon) -> _Candidate | None:
    """The first date of the span that dates a happening, not a report ("said on Thursday")."""
    cands = _all(text, start, end, published, lex)
    events = [c for c in cands if not c.reporting]
    return events[0] if events else None


def dates_a_report(text: str, start: int, lex: _Lexicon, end: int | None = None) -> bool:
    """Whether the expression at `start` (ending at `end`, when given) dates a report: "said Thursday",
    "consulted on Thursday by", "the government on Wednesday rejected accusations"."""
    before = text[max(0, start - 40) : start]
    if lex.reporting_re.search(before):
        return True
    return end is not None and lex.reporting_after_re is not None and \
        lex.reporting_after_re.match(text[end : end + 40]) is not None


def _all(text: str, start: int, end: int, published: datetime.date | None, lex: _Lexicon) -> list[_Candidate]:
    window = text[start:end]
    out: list[_Candidate] = []
    # a dateline's day is the filing's ("NIAMEY, Dec 14 (AFP) -"), not an event's
    taken: list[tuple[int, int]] = [m.span() for m in DATELINE.finditer(window)]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, pat in lex.explicit:
        for m in pat.finditer(window):
            if not free(m.start(), m.end()):
                continue
            cand = _explicit(kind, m, window, published, lex)
            if cand is None:
                continue
            taken.append((m.start(), m.end()))
            cand.start += start
            cand.end += start
            out.append(cand)
    if published is not None:
        for pat, rule in lex.relative:
            for m in pat.finditer(window):
                if not free(m.start(), m.end()):
                    continue
                d = _relative(rule, m, published, lex)
                if d is None:
                    continue
                taken.append((m.start(), m.end()))
                out.append(_Candidate(start + m.start(), start + m.end(), d, int(rule.get("precision", 1)), 0.7))
    out.sort(key=lambda c: c.start)
    for c in out:
        c.reporting = dates_a_report(text, c.start, lex, c.end)
    return out


def _year_for(month: int, day: int, published: datetime.date | None) -> int | None:
    """The latest year that does not put month/day after publication."""
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        try:
            if datetime.date(year, month, day) <= published:
                return year
        except ValueError:
            continue
    return None


def _explicit(kind: str, m: re.Match[str], window: str, published: datetime.date | None, lex: _Lexicon) -> _Candidate | None:
    g = m.groupdict()
    precision = 1
    confidence = 0.95
    if kind == "weekday":
        if published is None:
            return None
        target = lex.weekdays[g["wd"].lower()]
        back = (published.weekday() - target) % 7
        if back == 0 and (g.get("last") or g.get("last2")):
            back = 7
        d = published - datetime.timedelta(days=back)
        return _Candidate(m.start(), m.end(), d, 1, 0.75)
    if kind in {"iso", "slash"}:
        month = int(g["m"])
        day = int(g["day"])
        if kind == "slash" and month > 12 and day <= 12:
            day, month = month, day  # 4/25/2022: month first
    else:
        month = lex.months[g["mon"].lower()]
        if kind == "part":
            part = lex.month_parts[re.sub(r"\s+", " ", g["part"].lower())]
            day, precision = int(part["day"]), int(part["precision"])
            confidence = 0.85
        elif kind == "my":
            day, precision = lex.month_day, 3
            confidence = 0.85
        else:
            # "11-12 March": a span of days, coded on its last day.
            day = int(g.get("day2") or g["day"])
            if g["mon"].lower() == "may" and kind == "mdy" and not g.get("year") and not _looks_like_date_context(window, m):
                return None  # "may 5 people": the verb, not the month
    year_text = g.get("year")
    if year_text:
        year = int(year_text)
        if year < 100:
            year += 2000
    else:
        year = _year_for(month, day, published)
        if year is None:
            return None
        confidence = min(confidence, 0.85)
    try:
        d = datetime.date(year, month, day)
    except ValueError:
        return None
    if precision == 1:
        precision = _qualified_precision(window, m, lex)
    if re.search(r"\d\s*[-–]\s*\d", m.group(0)) and kind in {"dmy", "mdy"}:
        precision = max(precision, 2)  # "11-12 March": a span of days
    return _Candidate(m.start(), m.end(), d, precision, confidence)


def _looks_like_date_context(window: str, m: re.Match[str]) -> bool:
    before = window[max(0, m.start() - 6) : m.start()].lower()
    return bool(re.search(r"\b(on|of|in|since|until|by)\s*$", before)) or m.start() == 0 or m.group(0)[0].isupper()


def _qualified_precision(window: str, m: re.Match[str], lex: _Lexicon) -> int:
    """Precision from what surrounds an explicit date: "Around 5 May (as reported)" -> 2."""
    precision = 1
    before = window[max(0, m.start() - 30) : m.start()].lower().rstrip()
    if any(before.endswith(w) for w in lex.approximate):
        precision = 2
    after = window[m.end() : m.end() + 60]
    q = re.match(r"\s*\(([^)]*)\)", after)
    if q:
        inside = q.group(1).strip().lower()
        for word, value in sorted(lex.qualifiers.items(), key=lambda kv: -len(kv[0])):
            if inside.startswith(word):
                precision = max(precision if word not in {"month of", "beginning of month"} else 0, value)
                break
    return precision


def sequence_offset(text: str, language: str = "en") -> tuple[int, int, int] | None:
    """(days, start, end) from the incident told just before to the one `text` tells ("Two days
    later" -> 2, "the day before" -> -1), and where the words are; None when it says no such thing."""
    for pattern, rule in lexicon(language).sequence:
        m = pattern.search(text)
        if m is None:
            continue
        if "days" in rule:
            return int(rule["days"]), m.start(), m.end()
        from strife.extract.numbers import parse_quantity

        q = parse_quantity(m.group(1), language)
        if q is None or q[0] is None or not 0 < q[0] <= 31:
            continue
        return (q[0] if rule.get("rule") == "later" else -q[0]), m.start(), m.end()
    return None


def _relative(rule: dict[str, Any], m: re.Match[str], published: datetime.date, lex: _Lexicon) -> datetime.date | None:
    if "days" in rule:
        return published + datetime.timedelta(days=int(rule["days"]))
    kind = rule.get("rule")
    if kind == "weekend":
        back = (published.weekday() - 5) % 7  # the most recent Saturday
        return published - datetime.timedelta(days=back)
    if kind == "week":
        return published - datetime.timedelta(days=min(published.weekday(), 3))
    if kind == "this_month":
        return published.replace(day=min(lex.month_day, published.day))
    if kind == "last_month":
        first = published.replace(day=1) - datetime.timedelta(days=1)
        return first.replace(day=lex.month_day)
    if kind == "days_ago":
        from strife.extract.numbers import parse_quantity

        q = parse_quantity(m.group(1))
        if q is None or q[0] is None:
            return None
        return published - datetime.timedelta(days=q[0])
    return None
