"""The merge stage: match a new article's events against stored events and fuse them."""

from __future__ import annotations

from datetime import date, timedelta

from strife.merge.fuse import merge_events
from strife.merge.index import BlockingIndex, CandidateIndex, MemoryIndex
from strife.merge.match import DEFAULT_THRESHOLD, WINDOW_DAYS, Features, score_features
from strife.schema import Event


class Merger:
    """Merges each new event into the stored event that best describes the same incident.

    `index` gives the stored events (the store, or a `MemoryIndex`); `max_days` fixes the
    date window for every pair (default: by time precision, see `match.WINDOW_DAYS`);
    `max_km` is the farthest two precisely located events of one incident may be.
    The caller stores what `merge` returns (an event with a stored event_id replaces
    that stored event); call `merge` once per article, storing between calls.
    """

    def __init__(self, index: CandidateIndex, *, max_days: int | None = None, max_km: float = 50.0,
                 threshold: float = DEFAULT_THRESHOLD) -> None:
        self.index = index
        self.max_days = max_days
        self.max_km = max_km
        self.threshold = threshold
        self._blocking = isinstance(index, BlockingIndex)  # checked once: protocol checks are slow

    def candidates(self, features: Features, event: Event) -> list[tuple[Event | None, Features]]:
        """Stored events worth scoring against one new event (the event None: fetch it when chosen)."""
        if self._blocking:
            found = self.index.candidates_for(  # type: ignore[attr-defined]
                features, max_km=self.max_km, max_days=self.max_days)
            return [(None, f) for f in found]
        if event.event_date is None:
            return []
        # a plain store cannot block by precision: ask for the widest window any stored event may need
        reach = timedelta(days=self.max_days if self.max_days is not None else max(WINDOW_DAYS.values()))
        day: date = event.event_date
        found = self.index.candidate_events(date_from=day - reach, date_to=day + reach, country=event.country)
        return [(e, Features(e)) for e in found]

    def _stored(self, event: Event | None, features: Features) -> Event:
        if event is not None:
            return event
        stored = self.index.get(features.event_id)  # type: ignore[attr-defined]
        if stored is None:
            raise LookupError(f"the index lost event {features.event_id}")
        return stored

    def merge(self, events: list[Event]) -> list[Event]:
        """For each new event (all from one new article), the merged event or the event unchanged.

        The result is parallel to `events`. A stored event absorbs at most one event of the
        article, so two events of one article never end up merged together; a stored
        event that already holds the new event (the article read again) comes back as is.
        """
        return [event for event, _ in self._merge(events)]

    def ingest(self, events: list[Event]) -> list[Event]:
        """`merge`, then store the results in the index (which must have `upsert(event)`)."""
        pairs = self._merge(events)
        upsert = getattr(self.index, "upsert", None)
        if upsert is None:
            raise TypeError(f"{type(self.index).__name__} cannot store events (no upsert method)")
        for event, features in pairs:
            if isinstance(self.index, MemoryIndex):
                self.index.upsert(event, features)
            else:
                upsert(event)
        return [event for event, _ in pairs]

    def _merge(self, events: list[Event]) -> list[tuple[Event, Features | None]]:
        """Merged or unchanged events, with the features of those returned unchanged."""
        feats = [Features(e) for e in events]
        batch_articles = frozenset().union(*(f.article_ids for f in feats)) if feats else frozenset()
        batch_ids = {e.event_id for e in events}
        same: dict[int, Event] = {}
        pairs: list[tuple[float, str, int, Event | None, Features]] = []
        for i, (event, f) in enumerate(zip(events, feats, strict=True)):
            for stored, sf in self.candidates(f, event):
                if f.event_id in sf.members:
                    same[i] = self._stored(stored, sf)
                    continue
                if sf.event_id in batch_ids or not batch_articles.isdisjoint(sf.article_ids):
                    continue  # never merge two events of the same article
                score = score_features(f, sf, max_km=self.max_km, max_days=self.max_days)
                if score is not None and score >= self.threshold:
                    pairs.append((score, sf.event_id, i, stored, sf))
        # best pairs first; ties by id so the outcome does not depend on index order
        pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
        taken = {stored.event_id for stored in same.values()}
        out: list[tuple[Event, Features | None]] = list(zip(events, feats, strict=True))
        for i, stored in same.items():
            out[i] = (stored, None)
        for score, stored_id, i, maybe_stored, sf in pairs:
            if i in same or stored_id in taken:
                continue
            taken.add(stored_id)
            stored = same[i] = self._stored(maybe_stored, sf)
            merged = merge_events(stored, events[i])
            signals: dict[str, float] = {}
            score_features(feats[i], sf, max_km=self.max_km, max_days=self.max_days, parts=signals)
            # why the merge happened, for an analyst deciding whether to split it again
            merged.history[-1]["score"] = round(score, 4)
            merged.history[-1]["signals"] = {k: round(v, 3) for k, v in signals.items()}
            out[i] = (merged, None)
        return out
