"""Scoring functions of the evaluation harness on tiny hand-made gold/prediction pairs."""

from __future__ import annotations

from datetime import date

import pytest

from strife.eval import metrics as M
from strife.eval.harness import best_event, score_pairs
from strife.geo.distance import haversine_km
from strife.schema import Event, Evidence


def test_accuracy_and_f1() -> None:
    gold = ["Attack", "Attack", "Armed clash", "Peaceful protest"]
    pred = ["Attack", "Armed clash", "Armed clash", "Peaceful protest"]
    assert M.accuracy(gold, pred) == 0.75
    scores = M.f1_scores(gold, pred)
    assert scores["per_label"]["Attack"]["f1"] == pytest.approx(2 / 3)
    assert scores["per_label"]["Armed clash"]["f1"] == pytest.approx(2 / 3)
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert scores["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3 + 1) / 4)
    assert M.top_confusions(M.confusion(gold, pred)) == [("Attack", "Armed clash", 1)]


def test_fatalities_exact_and_within() -> None:
    scores = M.fatality_scores([10, 0, 5, 100], [11, 0, 3, None])
    assert scores["exact"] == 0.25
    assert scores["within_20pct"] == 0.5
    assert M.within(0, 0) and not M.within(0, 1)


def test_stated_dates_and_distance() -> None:
    assert M.states_date("On 5 April 2022, police arrested a man.")
    assert M.states_date("On April 5, 2022 police arrested a man.")
    assert not M.states_date("On September 11, residents lifted the barricades.")
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.5)
    assert M.coverage([(0, 5), (3, 10)], 0, 8) == 8


def _event(event_id: str, start: int, end: int, **fields) -> Event:
    event = Event(event_id=event_id, **fields)
    event.cite("event", Evidence(start=start, end=end, quote="x" * (end - start)))
    return event


def test_best_event_and_scores() -> None:
    small = _event("a", 0, 5, event_type="Battles")
    large = _event("b", 5, 40, event_type="Protests")
    assert best_event([small, large], 40) is large
    gold = [
        {"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Ruritania)",
         "inter1": "6.0", "inter2": "0", "fatalities": "0", "event_date": "2024-05-02",
         "notes": "On 2 May 2024, nurses marched."},
        {"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "X", "inter1": "1", "inter2": "2",
         "fatalities": "3", "event_date": "2024-05-03", "notes": "Soldiers clashed with rebels."},
    ]
    predicted = _event(
        "p", 0, 10, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Ruritania)",
        inter1=6, fatalities=0, event_date=date(2024, 5, 2),
    )
    report = score_pairs([(gold[0], predicted), (gold[1], None)])
    assert report["recall"] == 0.5
    assert report["event_type_accuracy"] == 0.5
    assert report["actor1_match"] == 0.5
    assert report["inter1_match"] == 0.5
    assert report["fatalities"]["exact"] == 0.5
    assert report["date_exact_rows"] == 1 and report["date_exact"] == 1.0


def test_actor_period_is_judged_only_where_the_text_states_a_date() -> None:
    assert M.without_period("Military Forces of Mali (2013-2020)") == "Military Forces of Mali"
    assert M.without_period("Police Forces of Niger (2021-) Gendarmerie") == "Police Forces of Niger Gendarmerie"
    assert M.without_period("JNIM: Group for Support of Islam and Muslims") == "JNIM: Group for Support of Islam and Muslims"
    dated = {"notes": "On 3 March 2024, soldiers clashed with rebels.", "actor1": "Military Forces of Mali (2013-2020)"}
    undated = {"notes": "On March 3, soldiers clashed with rebels.", "actor1": "Military Forces of Mali (2013-2020)"}
    e = Event(event_id="e", actor1="Military Forces of Mali (2021-)")
    report = score_pairs([(dated, e), (undated, e)])
    assert report["actor1_match"] == 0.0
    assert report["actor1_match_period_where_dated"] == 0.5


def test_a_renamed_groups_era_is_judged_like_a_period() -> None:
    earlier = {"New Front (Ruritania)": "Old Front (Ruritania)", "Newest Front": "New Front (Ruritania)"}
    assert M.without_era("Newest Front", earlier) == "Old Front (Ruritania)"
    assert M.without_era("New Front (Ruritania) and/or Military Forces of Mali (2021-)", earlier) == (
        "Old Front (Ruritania) and/or Military Forces of Mali"
    )
    assert M.without_era("Other Group", earlier) == "Other Group"
    assert M.without_era("A", {"A": "B", "B": "A"}) in ("A", "B")  # a loop in the data ends
