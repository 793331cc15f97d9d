"""Fixtures of the merge tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from merge_helpers import DAY, VILLAGE, report

from strife.schema import Event


@pytest.fixture
def make_report() -> Callable[..., Event]:
    return report


@pytest.fixture
def attack_a() -> Event:
    return report(
        "Gunmen from the JNIM group stormed the village of Sabéré on Sunday, killing 12 herders "
        "and burning granaries, a local councillor said.",
        source="Agence A", killed=12, claimant="local councillor",
        event_date=DAY, time_precision=1, event_type="Violence against civilians", sub_event_type="Attack",
        actor1="JNIM: Group for Support of Islam and Muslims", actor2="Civilians (Mali)", inter1=2, inter2=7,
        **VILLAGE,
    )


@pytest.fixture
def attack_b() -> Event:
    # the same attack, other words, a higher toll, coordinates 2 km off
    return report(
        "At least fifteen civilians died when jihadist fighters raided Sabere in Bankass circle, "
        "according to a health worker reached by phone.",
        source="Radio B", killed=15, claimant="health worker",
        event_date=DAY, time_precision=1, event_type="Violence against civilians", sub_event_type="Attack",
        actor1="JNIM: Group for Support of Islam and Muslims", actor2="Civilians (Mali)", inter1=2, inter2=7,
        **{**VILLAGE, "latitude": 14.31, "longitude": -3.585},
    )
