"""Fuse two reports of one incident into one event, undo it, and correct fields by hand.

Field rules follow ACLED's coding practice:
- fatalities: the most conservative credible figure among the reports' coded values
  (ACLED codes the lowest reported death toll when reports conflict). A report that
  is silent about deaths (coded 0 with no death claim) is not a report of zero deaths,
  so it does not pull a stated toll down to 0.
- location: the most precise one (lowest geo_precision; coordinates beat none).
- date: the most precise one (lowest time_precision).
- actors and type: the stored coding stays; a gap or an unidentified actor is filled
  from the new report; a differing type is replaced only by a more confident coding.
- sources, article ids, urls, claims, evidence: union; confidence: the max per field.
Fields a human corrected (`Event.corrections`) are never changed by these rules; a
field group (the location fields, the date fields, an actor with its inter code) is
frozen as a whole when any of its fields was corrected.

Every merge appends a history entry holding a snapshot of the new report (and the
first merge one of the stored report), so `split_event` can rebuild each report.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from strife.merge.match import align_actors, normalize_actor
from strife.schema import Claim, Event, content_hash

DATE_FIELDS = ("event_date", "year", "time_precision")
LOCATION_FIELDS = (
    "country", "iso", "region", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
)
TYPE_FIELDS = ("disorder_type", "event_type", "sub_event_type")
ACTOR_FIELDS = (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2"))
FILL_FIELDS = ("civilian_targeting", "notes", "source_scale", "language")
# ACLED columns (plus strife's scalar fields) compared for the history's "fields" diff
DIFF_FIELDS = (
    *DATE_FIELDS, *TYPE_FIELDS, *ACTOR_FIELDS[0], *ACTOR_FIELDS[1], "interaction", *LOCATION_FIELDS,
    *FILL_FIELDS, "fatalities", "source", "tags", "timestamp", "article_ids", "source_urls",
)
# Fields a correction may not touch: identity and provenance are not opinions.
UNCORRECTABLE = frozenset({"event_id", "history", "corrections", "claims", "evidence", "confidence",
                           "article_ids", "source_urls", "created_at"})
DEATH_CLAIMS = frozenset({"killed", "casualties", "neutralized"})
SNAPSHOT_EXCLUDE = {"history"}  # snapshots of snapshots would grow without bound


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def _join(*values: str | None) -> str | None:
    """ACLED-style '; '-joined list of distinct parts, first seen first."""
    parts: dict[str, None] = {}
    for value in values:
        for part in (value or "").split(";"):
            part = part.strip()
            if part:
                parts.setdefault(part, None)
    return "; ".join(parts) or None


def _union(a: list[str], b: list[str]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _frozen(event: Event, fields: tuple[str, ...]) -> bool:
    return any(f in event.corrections for f in fields)


def _snapshot(event: Event) -> dict[str, Any]:
    # defaults left out (restored on load): snapshots are most of a merged event's size
    return event.model_dump(mode="json", exclude=SNAPSHOT_EXCLUDE, exclude_defaults=True)


def _reports(event: Event) -> list[dict[str, Any]]:
    """Snapshots of every report merged into the event, oldest first ([] when never merged)."""
    return [e["snapshot"] for e in event.history if e.get("action") in ("origin", "merge") and e.get("snapshot")]


def _has_death_claim(claims: list[Any]) -> bool:
    for c in claims:
        what = c.what if isinstance(c, Claim) else (c or {}).get("what")
        if what in DEATH_CLAIMS:
            return True
    return False


def conservative_fatalities(reports: list[tuple[int | None, bool]]) -> int | None:
    """ACLED's rule: the lowest credible figure among reports (value, has a death claim).

    A 0 counts only when the report states it (has a death claim); a silent report's 0
    yields to stated figures, and None (not coded) never counts.
    """
    stated = [v for v, claimed in reports if v is not None and (v > 0 or claimed)]
    if stated:
        return min(stated)
    coded = [v for v, _ in reports if v is not None]
    return min(coded) if coded else None


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; a lone actor gives inter*10."""
    if inter1 and inter2:
        lo, hi = sorted((inter1, inter2))
        return lo * 10 + hi
    if inter1:
        return inter1 * 10
    if inter2:
        return inter2 * 10
    return None


def _copy(event: Event) -> Event:
    """A copy whose containers can be changed without touching `event`.

    Cheaper than a deep copy, whose cost grows with the history's snapshots: claims,
    spans and history entries are never changed in place, only the containers are.
    """
    return event.model_copy(update={
        "claims": list(event.claims),
        "evidence": {k: list(v) for k, v in event.evidence.items()},
        "confidence": dict(event.confidence),
        "article_ids": list(event.article_ids),
        "source_urls": list(event.source_urls),
        "history": list(event.history),
        "corrections": dict(event.corrections),
    })


def merge_events(stored: Event, new: Event) -> Event:
    """One event from a stored event and a new report of the same incident.

    Keeps the stored event's event_id; see the module docstring for the field rules.
    Neither input is modified.
    """
    out = _copy(stored)
    at = _now()
    if not _reports(stored):
        # first merge: keep the stored report as it was, so a split can rebuild it
        out.history.append({"action": "origin", "article_ids": list(stored.article_ids),
                            "snapshot": _snapshot(stored), "at": at})

    # date and location: the most precise report wins, its fields move together
    if not _frozen(out, DATE_FIELDS) and new.event_date is not None and (
        out.event_date is None or (new.time_precision or 3) < (out.time_precision or 3)
    ):
        for f in DATE_FIELDS:
            setattr(out, f, getattr(new, f))
        if out.year is None and out.event_date is not None:
            out.year = out.event_date.year

    def loc_rank(e: Event) -> tuple[int, int, int]:
        has_coords = e.latitude is not None and e.longitude is not None
        return (e.geo_precision or 4, 0 if has_coords else 1, 0 if e.location else 1)

    if not _frozen(out, LOCATION_FIELDS) and loc_rank(new) < loc_rank(out):
        for f in LOCATION_FIELDS:
            value = getattr(new, f)
            # the wider areas the stored report knew stay when the new one leaves them out
            if value is not None or f not in ("country", "iso", "region", "admin1"):
                setattr(out, f, value)

    # type: fill a gap, or take a clearly more confident coding
    if not _frozen(out, TYPE_FIELDS) and new.event_type:
        if out.event_type is None or (
            new.event_type != out.event_type
            and new.confidence.get("event_type", 0.0) > out.confidence.get("event_type", 0.0)
        ):
            for f in TYPE_FIELDS:
                setattr(out, f, getattr(new, f))
        elif new.event_type == out.event_type and out.sub_event_type is None and new.sub_event_type:
            out.sub_event_type = new.sub_event_type

    # actors: align the new report's sides to the stored ones, fill unknown sides
    swap, _ = align_actors((normalize_actor(out.actor1), normalize_actor(out.actor2)),
                           (normalize_actor(new.actor1), normalize_actor(new.actor2)))
    new_sides = ACTOR_FIELDS[::-1] if swap else ACTOR_FIELDS
    actors_changed = False
    for mine, theirs in zip(ACTOR_FIELDS, new_sides, strict=True):
        if _frozen(out, mine):
            continue
        name, assoc, inter = (getattr(new, f) for f in theirs)
        if name and normalize_actor(getattr(out, mine[0])) is None and normalize_actor(name) is not None:
            setattr(out, mine[0], name)
            setattr(out, mine[2], inter)
            setattr(out, mine[1], _join(getattr(out, mine[1]), assoc))
            actors_changed = True
        elif name and getattr(out, mine[0]) is None:
            setattr(out, mine[0], name)
            setattr(out, mine[2], inter)
            actors_changed = True
        elif assoc and normalize_actor(name) == normalize_actor(getattr(out, mine[0])):
            setattr(out, mine[1], _join(getattr(out, mine[1]), assoc))
    if actors_changed and "interaction" not in out.corrections:
        out.interaction = _interaction(out.inter1, out.inter2) or out.interaction

    for f in FILL_FIELDS:
        if f not in out.corrections and getattr(out, f) is None and getattr(new, f) is not None:
            setattr(out, f, getattr(new, f))
    if "tags" not in out.corrections:
        out.tags = _join(out.tags, new.tags)
    if "source" not in out.corrections:
        out.source = _join(out.source, new.source)

    # provenance: union of everything
    out.article_ids = _union(out.article_ids, new.article_ids)
    out.source_urls = _union(out.source_urls, new.source_urls)
    seen = {(c.article_id, c.model_dump_json()) for c in out.claims}
    for claim in new.claims:
        key = (claim.article_id, claim.model_dump_json())
        if key not in seen:  # the same claim from the same article once; from two articles twice
            seen.add(key)
            out.claims.append(claim)
    for field, spans in new.evidence.items():
        mine = out.evidence.setdefault(field, [])
        for span in spans:
            if span not in mine:
                mine.append(span)
    for field, value in new.confidence.items():
        out.confidence[field] = max(value, out.confidence.get(field, 0.0))
    if new.timestamp is not None:
        out.timestamp = max(out.timestamp or 0, new.timestamp)
    if new.created_at is not None and (out.created_at is None or new.created_at < out.created_at):
        out.created_at = new.created_at

    if "fatalities" not in out.corrections:
        reports = [(r.get("fatalities"), _has_death_claim(r.get("claims") or [])) for r in _reports(out)]
        reports.append((new.fatalities, _has_death_claim(new.claims)))
        out.fatalities = conservative_fatalities(reports)

    changes = {}
    for f in DIFF_FIELDS:
        old, now = getattr(stored, f), getattr(out, f)
        if old != now:
            changes[f] = {"old": _json(old), "new": _json(now)}
    out.history.append({
        "action": "merge", "article_ids": list(new.article_ids), "event_id": new.event_id,
        "fields": changes, "snapshot": _snapshot(new), "at": at,
    })
    return out


def _apply_corrections(event: Event, corrections: dict[str, Any]) -> Event:
    if not corrections:
        return event
    data = event.model_dump()
    data.update(corrections)
    data["corrections"] = dict(corrections)
    return Event.model_validate(data)


def _rebuild(snapshots: list[dict[str, Any]], event_id: str, corrections: dict[str, Any]) -> Event:
    """Replay merges of report snapshots into one event with the given id."""
    base = Event.model_validate(snapshots[0])
    base.event_id = event_id
    base = _apply_corrections(base, corrections)
    for snap in snapshots[1:]:
        base = merge_events(base, Event.model_validate(snap))
    return base


def split_event(event: Event, article_id: str | None = None) -> list[Event]:
    """Undo merges: one event per contributing report, or only `article_id`'s report split out.

    The first event returned keeps the original event_id (and the human corrections);
    the others take their report's own event_id (stable: the extractor's id of that
    report), or a hash of the original id and the report's position when that is taken.
    An event that was never merged comes back alone, unchanged.
    """
    reports = _reports(event)
    if len(reports) < 2:
        if article_id is not None and article_id not in event.article_ids:
            raise ValueError(f"article {article_id} is not a source of event {event.event_id}")
        return [event]
    at = _now()
    kept_history = [e for e in event.history if e.get("action") not in ("origin", "merge")]
    used = {event.event_id}

    def own_id(snap: dict[str, Any], position: int) -> str:
        candidate = snap.get("event_id")
        if not candidate or candidate in used:
            candidate = content_hash(f"{event.event_id}:split:{position}:{','.join(snap.get('article_ids') or [])}")
        used.add(candidate)
        return candidate

    def stamp(e: Event, articles: list[str], history: list[dict[str, Any]]) -> Event:
        e.history = [*e.history, *history,
                     {"action": "split", "from": event.event_id, "article_ids": articles, "at": at}]
        return e

    if article_id is None:
        first = _rebuild(reports[:1], event.event_id, event.corrections)
        out = [stamp(first, list(first.article_ids), kept_history)]
        for position, snap in enumerate(reports[1:], start=1):
            part = Event.model_validate(snap)
            part.event_id = own_id(snap, position)
            out.append(stamp(part, list(part.article_ids), []))
        return out

    leaving = [(i, s) for i, s in enumerate(reports) if article_id in (s.get("article_ids") or [])]
    staying = [s for s in reports if article_id not in (s.get("article_ids") or [])]
    if not leaving:
        raise ValueError(f"article {article_id} is not a source of event {event.event_id}")
    if not staying:
        raise ValueError(f"every report of event {event.event_id} comes from article {article_id}")
    rest = _rebuild(staying, event.event_id, event.corrections)
    out = [stamp(rest, [article_id], kept_history)]
    position, snap = leaving[0]
    part = _rebuild([s for _, s in leaving], own_id(snap, position), {})
    out.append(stamp(part, [article_id], []))
    return out


def apply_correction(event: Event, field: str, value: object, *, who: str | None = None) -> Event:
    """Set a field by hand; it is then kept over every later automatic update.

    Returns a new event; raises ValueError for an unknown or protected field and
    pydantic's ValidationError for a value the field cannot hold.
    """
    if field not in Event.model_fields or field in UNCORRECTABLE:
        raise ValueError(f"field {field!r} cannot be corrected")
    data = event.model_dump()
    data[field] = value
    if field == "event_date" and "year" not in event.corrections:
        data["year"] = None  # recomputed below from the corrected date
    out = Event.model_validate(data)
    if field == "event_date" and out.event_date is not None and "year" not in event.corrections:
        out.year = out.event_date.year
    new_value = getattr(out, field)
    out.corrections = {**event.corrections, field: _json(new_value)}
    out.history = [*event.history, {
        "action": "correction", "fields": {field: {"old": _json(getattr(event, field)), "new": _json(new_value)}},
        "who": who, "at": _now(),
    }]
    return out
