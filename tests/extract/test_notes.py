import datetime

from strife.extract.notes import write_note
from strife.schema import Claim, Event


def test_full_note_with_dispute() -> None:
    event = Event(
        event_id="e1", event_date=datetime.date(2024, 3, 12), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Rebel Front", actor2="Military Forces of Testland (2020-)",
        location="Alpha", admin1="North", country="Testland", fatalities=4,
        claims=[
            Claim(what="killed", number_low=4, number_high=4, whom="soldiers", claimant="the rebels",
                  channel="Telegram", partisan=True),
            Claim(what="killed", number_low=9, number_high=9, whom="soldiers", claimant="the army", partisan=True),
        ],
    )
    note = write_note(event)
    assert note.startswith("On 12 March 2024, Rebel Front clashed with Military Forces of Testland (2020-)")
    assert "near Alpha (North, Testland)" in note
    assert "4 killed" in note and "the rebels claim via Telegram" in note
    assert "disputed" in note


def test_missing_fields() -> None:
    note = write_note(Event(event_id="e2"))
    assert note.startswith("On an unknown date, an unidentified armed group carried out an attack")
    assert " near " not in note
    assert note.endswith(".")


def test_no_fatalities() -> None:
    note = write_note(Event(event_id="e3", fatalities=0, actor1="Protesters (Testland)",
                            sub_event_type="Peaceful protest", event_date=datetime.date(2024, 1, 5),
                            time_precision=3))
    assert note.startswith("In January 2024, Protesters (Testland) protested")
    assert "No fatalities reported" in note


def test_every_verb_has_an_object_or_needs_none() -> None:
    # no actor2: the verb phrase stands alone ("rioted", not "rioted against."); no actor1: who
    # is unknown in the words of the event type
    note = write_note(Event(event_id="e4", event_type="Riots", sub_event_type="Violent demonstration"))
    assert note.startswith("On an unknown date, unidentified rioters rioted. ")
    note = write_note(Event(event_id="e5", event_type="Strategic developments", sub_event_type="Other",
                            actor1="Government of Testland (2020-)", fatalities=0))
    assert note.startswith("On an unknown date, Government of Testland (2020-) was involved in a strategic development. ")
    assert "against." not in note and "with." not in note


def test_excessive_force_reads_from_the_protesters_side() -> None:
    # ACLED's actor1 of a protest is the protesters; the force used against them is actor2's
    note = write_note(Event(event_id="e6", event_type="Protests", sub_event_type="Excessive force against protesters",
                            actor1="Protesters (Testland)", actor2="Police Forces of Testland (2020-)",
                            event_date=datetime.date(2024, 1, 5), time_precision=1, fatalities=1))
    assert note.startswith("On 5 January 2024, Protesters (Testland) faced excessive force from Police Forces of Testland")


def _clash_note(dead: int, tellers: list[tuple[str, str | None]]) -> str:
    """The note of a clash whose `dead` rebels each (claimant, channel) pair reports, partisan."""
    event = Event(
        event_id="e4", event_date=datetime.date(2024, 5, 26), time_precision=1, event_type="Battles",
        sub_event_type="Armed clash", actor1="Rebel Front", actor2="Military Forces of Testland (2020-)",
        country="Testland", fatalities=dead,
        claims=[Claim(what="killed", number_low=dead, number_high=dead, whom="rebels", claimant=claimant,
                      channel=channel, partisan=True) for claimant, channel in tellers],
    )
    return write_note(event)


def test_one_claimant_named_three_ways_is_one_source() -> None:
    note = _clash_note(12, [("Testland Army", None), ("Testland's army", None), ("the army", None),
                            ("the rebels", None)])
    assert note.lower().count("army claim") == 1 and "rebels claim" in note


def test_a_claimant_told_with_and_without_its_channel_is_one_source() -> None:
    note = _clash_note(57, [("Army", None), ("the army", "statement")])
    assert note.lower().count("army claim") == 1 and "via statement" in note


def test_a_disputed_toll_cites_the_teller_of_the_count_it_uses() -> None:
    from strife.schema import Evidence

    boast, count = Evidence(start=0, end=30, quote="the rebels said"), Evidence(start=40, end=70, quote="aid workers")
    event = Event(
        event_id="e9", event_date=datetime.date(2024, 3, 12), time_precision=1, event_type="Violence against civilians",
        sub_event_type="Attack", actor1="Rebel Front", actor2="Civilians (Testland)", fatalities=38,
        evidence={"fatalities": [count]},
        claims=[
            Claim(what="killed", number_low=120, whom="militiamen", claimant="the rebels", channel="Telegram",
                  partisan=True, evidence=boast),
            Claim(what="killed", number_low=38, whom="people", claimant="aid workers", channel="radio", evidence=count),
        ],
    )
    note = write_note(event)
    assert "38 killed (source: aid workers claim via radio)" in note
    assert "rebels claim via Telegram" not in note and "120" in note
