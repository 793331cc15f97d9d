"""merge_events / split_event / apply_correction: ACLED's field rules, undo, human corrections."""

from __future__ import annotations

from datetime import date

import pytest
from merge_helpers import DAY, VILLAGE
from pydantic import ValidationError

from strife.merge import (
    MemoryIndex,
    Merger,
    apply_correction,
    conservative_fatalities,
    merge_events,
    split_event,
)
from strife.schema import Claim


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        ([(12, True), (15, True)], 12),
        ([(15, True), (12, True)], 12),
        ([(0, False), (7, True)], 7),  # a report silent about deaths is not "zero dead"
        ([(0, True), (7, True)], 0),  # "nobody was killed" is a figure
        ([(0, False), (0, False)], 0),
        ([(None, False), (3, True)], 3),
        ([(None, False)], None),
    ],
)
def test_conservative_fatalities(reports, expected):
    assert conservative_fatalities(reports) == expected


def test_silent_report_does_not_zero_a_stated_toll(attack_a, make_report):
    silent = make_report("Sabéré was attacked on Sunday, residents said.", source="Radio B",
                         event_date=DAY, time_precision=1, event_type="Violence against civilians",
                         sub_event_type="Attack", fatalities=0, **VILLAGE)
    assert merge_events(attack_a, silent).fatalities == 12
    assert merge_events(silent, attack_a).fatalities == 12


def test_most_precise_location_and_date_win(attack_a, attack_b):
    vague = attack_a.model_copy(update={
        "time_precision": 2, "event_date": date(2024, 3, 8), "geo_precision": 3, "location": "Mopti",
        "admin2": None, "latitude": 14.49, "longitude": -4.19,
    })
    merged = merge_events(vague, attack_b)
    assert merged.event_id == vague.event_id
    assert (merged.event_date, merged.time_precision) == (DAY, 1)
    assert (merged.location, merged.geo_precision, merged.latitude) == ("Sabéré", 1, 14.31)
    assert merged.admin2 == "Bankass"
    fields = merged.history[-1]["fields"]
    assert fields["event_date"] == {"old": "2024-03-08", "new": "2024-03-10"}
    assert fields["geo_precision"] == {"old": 3, "new": 1}
    # and a vaguer report never degrades a precise one
    back = merge_events(attack_b, vague)
    assert (back.event_date, back.geo_precision, back.location) == (DAY, 1, "Sabéré")


def test_evidence_union_confidence_max_and_claim_dedupe(attack_a, attack_b):
    b = attack_b.model_copy(deep=True)
    b.confidence["event"] = 0.95
    b.confidence["actor1"] = 0.4
    # the new report repeats the stored report's claim (same article): kept once
    b.claims.append(attack_a.claims[0])
    merged = merge_events(attack_a, b)
    assert len(merged.claims) == 2
    assert len(merged.evidence["event"]) == 2
    assert merged.confidence["event"] == 0.95 and merged.confidence["actor1"] == 0.4

    # the same words from another article are another report: kept side by side
    other = attack_a.claims[0].model_copy(update={"article_id": "another-article"})
    c = attack_b.model_copy(update={"claims": [other]})
    assert len(merge_events(attack_a, c).claims) == 2


def test_inputs_are_not_modified(attack_a, attack_b):
    before_a, before_b = attack_a.model_dump(), attack_b.model_dump()
    merge_events(attack_a, attack_b)
    assert attack_a.model_dump() == before_a and attack_b.model_dump() == before_b


def test_unknown_actor_filled_and_interaction_recomputed(attack_a, make_report):
    no_victims = attack_a.model_copy(update={"actor2": None, "inter2": None, "interaction": 20})
    merged = merge_events(no_victims, attack_a.model_copy(update={"event_id": "other", "article_ids": ["z"]}))
    assert merged.actor2 == "Civilians (Mali)" and merged.inter2 == 7
    assert merged.interaction == 27


def test_human_correction_is_kept_over_later_merges(attack_a, attack_b, make_report):
    corrected = apply_correction(attack_a, "fatalities", 20, who="analyst")
    corrected = apply_correction(corrected, "location", "Sabéré-Peul", who="analyst")
    assert corrected.corrections == {"fatalities": 20, "location": "Sabéré-Peul"}
    assert corrected.history[-1]["action"] == "correction" and corrected.history[-1]["who"] == "analyst"
    assert corrected.history[-2]["fields"] == {"fatalities": {"old": 12, "new": 20}}

    precise = attack_b.model_copy(update={"geo_precision": 1, "location": "Sabéré Centre", "fatalities": 9})
    vague = corrected.model_copy(update={"geo_precision": 2})
    index = MemoryIndex([vague])
    [merged] = Merger(index).merge([precise])
    assert merged.event_id == attack_a.event_id
    assert merged.fatalities == 20  # not min(20, 9)
    assert merged.location == "Sabéré-Peul" and merged.geo_precision == 2  # location group frozen
    assert len(merged.article_ids) == 2  # provenance still grows


def test_correction_rejects_bad_fields_and_values(attack_a):
    with pytest.raises(ValueError, match="cannot be corrected"):
        apply_correction(attack_a, "event_id", "x")
    with pytest.raises(ValueError, match="cannot be corrected"):
        apply_correction(attack_a, "no_such_field", 1)
    with pytest.raises(ValidationError):
        apply_correction(attack_a, "geo_precision", 7)
    moved = apply_correction(attack_a, "event_date", "2024-03-11")
    assert moved.event_date == date(2024, 3, 11) and moved.year == 2024
    assert moved.corrections == {"event_date": "2024-03-11"}


def _third_report(make_report):
    return make_report(
        "Survivors of the Sabéré raid on Sunday buried 13 relatives, an elder told reporters.",
        source="Journal C", killed=13, claimant="elder", event_date=DAY, time_precision=1,
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1="JNIM", actor2="Civilians (Mali)", inter1=2, inter2=7, **VILLAGE,
    )


def test_split_restores_every_report(attack_a, attack_b, make_report):
    c = _third_report(make_report)
    merged = merge_events(merge_events(attack_a, attack_b), c)
    assert merged.fatalities == 12 and len(merged.article_ids) == 3

    parts = split_event(merged)
    assert [p.event_id for p in parts] == [attack_a.event_id, attack_b.event_id, c.event_id]
    for part, original in zip(parts, (attack_a, attack_b, c), strict=True):
        assert part.article_ids == original.article_ids
        assert part.claims == original.claims
        assert part.fatalities == original.fatalities
        assert part.source == original.source
        assert part.history[-1]["action"] == "split" and part.history[-1]["from"] == merged.event_id


def test_split_one_article_out(attack_a, attack_b, make_report):
    c = _third_report(make_report)
    merged = merge_events(merge_events(attack_a, attack_b), c)
    merged = apply_correction(merged, "notes", "Checked by hand.", who="analyst")
    out_id = attack_a.article_ids[0]  # even the first report can leave
    rest, alone = split_event(merged, out_id)
    assert rest.event_id == merged.event_id
    assert rest.article_ids == [*attack_b.article_ids, *c.article_ids]
    assert rest.fatalities == 13  # recomputed without the report that said 12
    assert rest.notes == "Checked by hand." and rest.corrections == {"notes": "Checked by hand."}
    assert alone.article_ids == [out_id] and alone.fatalities == 12
    assert alone.event_id != merged.event_id
    # the rest can still be split further
    assert [p.article_ids for p in split_event(rest)] == [attack_b.article_ids, c.article_ids]
    with pytest.raises(ValueError):
        split_event(merged, "not-a-source")


def test_split_of_an_unmerged_event_returns_it(attack_a):
    assert split_event(attack_a) == [attack_a]


def test_claims_keep_their_own_type(attack_a, attack_b):
    merged = merge_events(attack_a, attack_b)
    assert all(isinstance(c, Claim) for c in merged.claims)
    assert merged.history[0]["action"] == "origin"
    assert merged.history[0]["snapshot"]["event_id"] == attack_a.event_id
