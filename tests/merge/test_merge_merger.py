"""Merger: one event per incident, two incidents stay two."""

from __future__ import annotations

from datetime import timedelta

import pytest
from merge_helpers import DAY, VILLAGE

from strife.merge import MemoryIndex, Merger, score_events, window_days


def ingest(merger: Merger, index: MemoryIndex, events):
    out = merger.merge(events)
    index.upsert_many(out)
    return out


def test_two_reports_of_one_attack_become_one_event(attack_a, attack_b):
    index = MemoryIndex([attack_a])
    merger = Merger(index)
    [merged] = ingest(merger, index, [attack_b])

    assert len(index) == 1
    assert merged.event_id == attack_a.event_id
    assert merged.article_ids == [*attack_a.article_ids, *attack_b.article_ids]
    assert set(merged.source_urls) == {*attack_a.source_urls, *attack_b.source_urls}
    assert merged.source == "Agence A; Radio B"
    # both claims side by side, the conservative toll coded
    assert sorted(c.number_low for c in merged.claims) == [12, 15]
    assert {c.claimant for c in merged.claims} == {"local councillor", "health worker"}
    assert merged.fatalities == 12
    entry = merged.history[-1]
    assert entry["action"] == "merge" and entry["article_ids"] == attack_b.article_ids
    assert entry["snapshot"]["event_id"] == attack_b.event_id
    assert entry["score"] >= merger.threshold
    assert entry["signals"]["date"] == 1.0 and entry["signals"]["actors"] > 0.5
    assert entry["fields"]["source"] == {"old": "Agence A", "new": "Agence A; Radio B"}


def test_merge_order_does_not_change_the_conservative_toll(attack_a, attack_b):
    index = MemoryIndex([attack_b])
    [merged] = ingest(Merger(index), index, [attack_a])
    assert merged.event_id == attack_b.event_id
    assert merged.fatalities == 12


def test_two_different_attacks_same_day_same_town_stay_apart(make_report, attack_a):
    # same place and day, but a clash between other actors
    clash = make_report(
        "Soldiers and members of a Dozo militia exchanged fire near Sabéré on Sunday, the army said.",
        source="Radio B", event_date=DAY, time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)", actor2="Dan Na Ambassagou", inter1=1, inter2=4, **VILLAGE,
    )
    # same place and day, unknown actor, but a protest is no bombing
    protest = make_report(
        "Hundreds of women marched in Sabéré on Sunday to demand the return of the army.",
        source="Radio C", event_date=DAY, time_precision=1, event_type="Protests", sub_event_type="Peaceful protest",
        actor1="Protesters (Mali)", inter1=6, **VILLAGE,
    )
    index = MemoryIndex([attack_a])
    merger = Merger(index)
    [out_clash] = ingest(merger, index, [clash])
    [out_protest] = ingest(merger, index, [protest])
    assert out_clash.event_id == clash.event_id
    assert out_protest.event_id == protest.event_id
    assert len(index) == 3
    assert all(len(e.article_ids) == 1 for e in index)


def test_same_type_different_perpetrators_stay_apart(make_report, attack_a):
    other = make_report(
        "Dozo hunters attacked Fulani herders in Sabéré on Sunday, killing four.",
        source="Radio B", killed=4, event_date=DAY, time_precision=1,
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Dan Na Ambassagou", actor2="Civilians (Mali)", inter1=4, inter2=7, **VILLAGE,
    )
    assert score_events(attack_a, other) is None
    index = MemoryIndex([attack_a])
    [out] = ingest(Merger(index), index, [other])
    assert out.event_id == other.event_id and len(index) == 2


def test_unidentified_actor_is_compatible(make_report, attack_a):
    vague = make_report(
        "Unknown assailants on motorbikes killed villagers in Sabéré on Sunday.",
        source="Radio B", event_date=DAY, time_precision=1,
        event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (Mali)", actor2="Civilians (Mali)", inter1=3, inter2=7, **VILLAGE,
    )
    index = MemoryIndex([attack_a])
    [out] = ingest(Merger(index), index, [vague])
    assert out.event_id == attack_a.event_id
    assert out.actor1 == attack_a.actor1  # the named actor is kept over "unidentified"


def test_ied_during_a_battle_merges_with_the_battle(make_report):
    battle = make_report(
        "Soldiers fought JNIM fighters for hours near Sabéré on Sunday.",
        event_date=DAY, time_precision=1, event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Mali (2021-)", actor2="JNIM: Group for Support of Islam and Muslims",
        inter1=1, inter2=2, **VILLAGE,
    )
    ied = make_report(
        "An army vehicle hit a roadside bomb planted by JNIM near Sabéré on Sunday.", source="Radio B",
        event_date=DAY, time_precision=1, event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED", actor1="JNIM", actor2="Military Forces of Mali (2021-)",
        inter1=2, inter2=1, **VILLAGE,
    )
    index = MemoryIndex([battle])
    [out] = ingest(Merger(index), index, [ied])
    assert out.event_id == battle.event_id
    assert out.event_type == "Battles"  # the stored coding stays


@pytest.mark.parametrize(
    ("new_precision", "stored_precision", "gap", "merges"),
    [
        (1, 1, 0, True),
        (1, 1, 1, True),
        (1, 1, 2, False),
        (2, 1, 5, True),
        (1, 2, 6, True),
        (2, 1, 9, False),
        (3, 1, 25, True),
        (1, 3, 29, True),
        (3, 1, 40, False),
    ],
)
def test_date_precision_windows(attack_a, attack_b, new_precision, stored_precision, gap, merges):
    stored = attack_a.model_copy(update={"time_precision": stored_precision})
    new = attack_b.model_copy(update={"time_precision": new_precision, "event_date": DAY + timedelta(days=gap)})
    index = MemoryIndex([stored])
    [out] = Merger(index).merge([new])
    assert (out.event_id == stored.event_id) is merges


def test_fixed_day_window_overrides_precision(attack_a, attack_b):
    new = attack_b.model_copy(update={"event_date": DAY + timedelta(days=3)})
    assert window_days(1, 1) == 1 and window_days(1, 1, max_days=3) == 3
    [out] = Merger(MemoryIndex([attack_a]), max_days=3).merge([new])
    assert out.event_id == attack_a.event_id


def test_far_apart_towns_stay_apart(attack_a, attack_b):
    far = attack_b.model_copy(update={"latitude": 15.5, "longitude": -1.0})  # ~300 km away
    [out] = Merger(MemoryIndex([attack_a])).merge([far])
    assert out.event_id == far.event_id


def test_missing_coordinates_fall_back_on_admin_areas(attack_a, attack_b):
    no_coords = attack_b.model_copy(update={"latitude": None, "longitude": None, "geo_precision": None})
    [out] = Merger(MemoryIndex([attack_a])).merge([no_coords])
    assert out.event_id == attack_a.event_id

    elsewhere = no_coords.model_copy(update={"admin2": "Koro", "location": "Dinangourou"})
    [out] = Merger(MemoryIndex([attack_a])).merge([elsewhere])
    assert out.event_id == elsewhere.event_id


def test_events_of_one_article_are_never_merged_together(make_report, attack_a):
    # one article reporting two attacks on the same village the same day, both matching the stored one
    first = attack_a.model_copy(update={"event_id": "x-0", "article_ids": ["x"], "history": []})
    second = attack_a.model_copy(update={"event_id": "x-1", "article_ids": ["x"], "history": []})
    index = MemoryIndex()
    merger = Merger(index)
    out = ingest(merger, index, [first, second])
    assert [e.event_id for e in out] == ["x-0", "x-1"]
    assert len(index) == 2

    # a later article matching both merges into one of them only
    again = attack_a.model_copy(update={"event_id": "y-0", "article_ids": ["y"]})
    again2 = attack_a.model_copy(update={"event_id": "y-1", "article_ids": ["y"]})
    out = ingest(merger, index, [again, again2])
    assert {e.event_id for e in out} == {"x-0", "x-1"}
    assert all(e.article_ids[-1] == "y" and len(e.article_ids) == 2 for e in out)


def test_reading_an_article_again_changes_nothing(attack_a, attack_b):
    index = MemoryIndex([attack_a])
    merger = Merger(index)
    [merged] = ingest(merger, index, [attack_b])
    [again] = ingest(merger, index, [attack_b])
    assert again == merged
    [first_again] = ingest(merger, index, [attack_a])
    assert first_again == merged and len(index) == 1


def test_works_with_a_plain_candidate_index(attack_a, attack_b):
    class PlainStore:
        def __init__(self, events):
            self.events = events
            self.asked = []

        def candidate_events(self, *, date_from, date_to, country=None):
            self.asked.append((date_from, date_to, country))
            return [e for e in self.events if date_from <= e.event_date <= date_to]

    store = PlainStore([attack_a])
    [out] = Merger(store).merge([attack_b])
    assert out.event_id == attack_a.event_id
    assert store.asked and store.asked[0][2] == "Mali"


def test_ingest_stores_and_needs_a_writable_index(attack_a, attack_b):
    index = MemoryIndex()
    merger = Merger(index)
    merger.ingest([attack_a])
    [merged] = merger.ingest([attack_b])
    assert len(index) == 1 and index.get(attack_a.event_id) == merged

    class ReadOnly:
        def candidate_events(self, *, date_from, date_to, country=None):
            return []

    with pytest.raises(TypeError, match="cannot store"):
        Merger(ReadOnly()).ingest([attack_a])


def test_undated_events_are_left_alone(attack_a, attack_b):
    undated = attack_b.model_copy(update={"event_date": None})
    [out] = Merger(MemoryIndex([attack_a])).merge([undated])
    assert out is undated
