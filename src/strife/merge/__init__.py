"""merge stage: one event per incident, however many articles reported it.

`Merger(index).merge(events)` matches one new article's events against stored events
(found through a `CandidateIndex`: the store, or the in-memory `MemoryIndex`) and
fuses each with the best match by ACLED's rules (`merge_events`). Merges are recorded
in `Event.history` so `split_event` can undo them; `apply_correction` sets a field by
hand, and automatic merges never overwrite it afterwards.
"""

from strife.merge.fuse import apply_correction, conservative_fatalities, merge_events, split_event
from strife.merge.index import BlockingIndex, CandidateIndex, MemoryIndex
from strife.merge.match import Features, score_events, score_features, window_days
from strife.merge.merger import Merger

__all__ = [
    "BlockingIndex",
    "CandidateIndex",
    "Features",
    "MemoryIndex",
    "Merger",
    "apply_correction",
    "conservative_fatalities",
    "merge_events",
    "score_events",
    "score_features",
    "split_event",
    "window_days",
]
