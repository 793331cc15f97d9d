"""strife_extract + strife_finalize end to end on a hand-made article."""

from __future__ import annotations

from datetime import date

import pytest

from strife.pipeline import Pipeline
from strife.schema import Article

ARTICLE = Article(
    title="Two attacks hit the north of Ruritania",
    body=(
        "Gunmen attacked a police post near Dunfield on Sunday 3 March 2024, killing three officers.\n\n"
        "In a separate attack on Monday, militants ambushed an army convoy outside Marrowby, killing two soldiers.\n\n"
        "The region has suffered since 2012 from an insurgency, a report by the United Nations said."
    ),
    published=date(2024, 3, 5),
    url="https://example.org/ruritania",
    source="Example Wire",
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(geo=False)


def test_hand_made_article_gives_two_events_with_evidence(pipeline: Pipeline) -> None:
    events = pipeline.extract(ARTICLE).events
    assert len(events) == 2
    text = ARTICLE.text
    for event in events:
        assert event.event_type is not None and event.sub_event_type is not None
        assert event.disorder_type is not None
        assert event.article_ids == [ARTICLE.id]
        assert event.source_urls == ["https://example.org/ruritania"]
        spans = event.evidence["event"]
        assert spans and all(text[s.start : s.end] == s.quote for s in spans)
        assert 0.0 <= event.confidence["event"] <= 1.0
        assert "United Nations" not in " ".join(s.quote for s in spans)
    assert "Dunfield" in events[0].evidence["event"][0].quote
    assert "Marrowby" in events[1].evidence["event"][0].quote
    assert len({e.event_id for e in events}) == 2
    # stable ids: the same article gives the same ids
    assert [e.event_id for e in pipeline.extract(ARTICLE).events] == [e.event_id for e in events]


def test_no_conflict_content_gives_no_events(pipeline: Pipeline) -> None:
    quiet = Article(title="Bakery opens", body="A new bakery opened on the high street on Saturday. Queues formed early.")
    assert pipeline.extract(quiet).events == []
    assert pipeline.extract(Article(body="")).events == []


def test_protest_size_becomes_a_tag(pipeline: Pipeline) -> None:
    article = Article(body="On 2 May 2024, hundreds of nurses marched peacefully in Carlton to demand higher pay.")
    events = pipeline.extract(article).events
    assert len(events) == 1
    assert events[0].event_type == "Protests"
    assert events[0].tags == "crowd size=hundreds"


def test_deaths_that_caused_a_protest_are_not_its_fatalities(pipeline: Pipeline) -> None:
    article = Article(
        body=(
            "On 6 May 2024, hundreds of residents marched peacefully in Carlton to protest against the killing "
            "of four farmers by gunmen last month and to demand justice for the victims."
        )
    )
    events = pipeline.extract(article).events
    assert len(events) == 1
    assert events[0].sub_event_type == "Peaceful protest"
    assert events[0].fatalities == 0


def _single_reading(text: str):
    """The doc of a text (blank pipeline, sentences only), its one incident and the classifier's reading of it."""
    import spacy

    from strife.extract.components import _reading_text
    from strife.extract.segment import segment

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    incidents = segment(doc)
    assert len(incidents) == 1
    return doc, _reading_text(doc, incidents, incidents[0])


def test_single_incident_is_read_whole() -> None:
    doc, reading = _single_reading(
        "Gunmen attacked a police post near Dunfield on Sunday. The post was badly damaged. "
        "Residents said the gunmen came on motorbikes and left before dawn. Shops stayed closed on Monday."
    )
    assert reading == (doc.text, None)


def test_a_single_incident_is_read_without_its_background() -> None:
    _, (text, spans) = _single_reading(
        "Gunmen killed nine farmers near Dunfield on Sunday. "
        "Clashes between herders and farmers have killed thousands of people in the region over the past decade."
    )
    assert text == "Gunmen killed nine farmers near Dunfield on Sunday." and spans == [(0, 51)]


# Ordinary prose with a conflict word used in passing: the model's best label is the residual
# "Other" and no event type claims the text.
PROSE = (
    "Security experts warned that the flaw could leave home computers open to attack. The company said a patch "
    "would be released next month and advised users to update their software as soon as possible."
)


def test_prose_that_no_event_type_claims_gives_no_event(pipeline: Pipeline) -> None:
    from strife.extract.classify import classify

    prediction = classify([PROSE])[0]
    assert prediction is not None and prediction.sub_event_type == "Other"
    assert prediction.margin is not None and prediction.margin < 0
    assert pipeline.extract(Article(body=PROSE)).events == []
    # the same call tied to a day stays an event (as in a coder's note of a strategic development)
    dated = Article(body=PROSE.replace("warned that", "warned on Monday that"))
    assert [e.sub_event_type for e in pipeline.extract(dated).events] == ["Other"]


def test_history_told_in_a_dated_article_gives_no_event(pipeline: Pipeline) -> None:
    body = "Dunmore told the inquiry that soldiers shot dead four unarmed farmers near Carlton in 1998."
    assert pipeline.extract(Article(body=body, published=date(2005, 2, 1))).events == []
    # without a publication date, or published in that year, it is the article's news
    assert len(pipeline.extract(Article(body=body)).events) == 1
    assert len(pipeline.extract(Article(body=body, published=date(1998, 12, 1))).events) == 1
    # an incident of the day with the history told after it: one event, read without the history
    article = Article(
        body=(
            "Gunmen shot dead three traders near Carlton on Monday, police said.\n\n"
            "In 1998, soldiers shot dead four unarmed farmers in the same district."
        ),
        published=date(2005, 2, 2),
    )
    events = pipeline.extract(article).events
    assert len(events) == 1 and events[0].fatalities == 3


def test_a_residual_call_the_encoder_moved_is_still_no_event() -> None:
    from strife.extract.classify import Prediction
    from strife.extract.components import _backed
    from strife.extract.segment import Incident, Mention

    def incident(anchor: str | None) -> Incident:
        return Incident(mentions=[Mention(0, 40, "Fans protested about the ticket prices.", 0.6, [(5, 14)], anchor, True)])

    def call(own: str) -> Prediction:
        return Prediction("Protests", "Peaceful protest", 0.5, 0.5, "model", margin=-0.3, own_label=own)

    undated, dated = incident(None), incident("on monday")
    kept, _ = _backed([undated, undated, dated], [call("Other"), call("Peaceful protest"), call("Other")])
    # the classifier alone called the undated text Other and no type claims it: dropped;
    # its own call a protest, or a day named: kept
    assert [k is undated for k in kept] == [True, False]
    assert kept[1] is dated


def test_two_attacks_in_one_sentence_are_two_events_with_their_own_deaths(pipeline: Pipeline) -> None:
    article = Article(
        body=(
            "Gunmen killed twelve villagers in Dunfield on Sunday, police said, while a separate attack "
            "in Marrowby on Monday left five people dead."
        ),
        published=date(2024, 3, 5),
    )
    events = pipeline.extract(article).events
    assert len(events) == 2
    by_place = {("Dunfield" in e.evidence["event"][0].quote): e for e in events}
    assert by_place[True].fatalities == 12 and by_place[False].fatalities == 5
    assert by_place[True].event_date == date(2024, 3, 3)
    assert by_place[False].event_date == date(2024, 3, 4)
    assert "Marrowby" not in by_place[True].evidence["event"][0].quote


def test_a_headline_and_standfirst_count_is_not_added_to_the_body_s(pipeline: Pipeline) -> None:
    article = Article(
        title="Rebels Kill 14 Villagers In Northern Ruritania",
        standfirst="Dozens killed as fighting spreads",
        body=(
            "Rebels killed 14 civilians in a raid on a village near Dunfield on Sunday, a local official said. "
            "The attackers burned several houses before fleeing into the forest."
        ),
        published=date(2024, 3, 5),
    )
    events = pipeline.extract(article).events
    assert len(events) == 1
    assert events[0].fatalities == 14
    # the headline's claims are kept as claims, with their evidence
    assert any(c.evidence is not None and c.evidence.start < len(article.title) for c in events[0].claims)


def test_a_standfirst_that_reads_as_the_lead_sentence_is_counted(pipeline: Pipeline) -> None:
    # the plain-text reader takes the first line under a headline for a standfirst; when it ends
    # like a sentence it is the report's lead, and its count is not a summary
    article = Article(
        title="Bomber Kills 9 At Market In Eastern Ruritania",
        standfirst="A suicide bomber killed nine traders at a market in Dunfield on Saturday, police said.",
        body="Two of the wounded died in hospital on Sunday, a health worker said.",
        published=date(2024, 3, 5),
    )
    events = pipeline.extract(article).events
    assert len(events) == 1
    assert events[0].fatalities == 11


def test_an_incident_told_days_after_the_one_before_is_dated_from_it(pipeline: Pipeline) -> None:
    article = Article(
        title="Rebels Seize Town In Northern Ruritania",
        body=(
            "Rebels seized the town of Dunfield on Saturday after heavy fighting with the army, residents said.\n\n"
            "Two days later, the army launched a counter-offensive and recaptured the nearby village of Marrowby."
        ),
        published=date(2024, 3, 14),
    )
    events = pipeline.extract(article).events
    assert len(events) == 2
    assert events[0].event_date == date(2024, 3, 9)
    assert events[1].event_date == date(2024, 3, 11)
    assert any(e.quote == "Two days later" for e in events[1].evidence["event_date"])


def test_a_headline_count_is_no_dispute_in_the_note(pipeline: Pipeline) -> None:
    article = Article(
        title="Dozens Killed As Ruritanian Troops Attack Village",
        body="Soldiers attacked the village of Dunfield on Tuesday, killing about 40 people, the prime minister said.",
        published=date(2024, 3, 14),
    )
    events = pipeline.extract(article).events
    assert len(events) == 1 and events[0].fatalities == 40
    assert events[0].notes is not None and "disputed" not in events[0].notes


def test_a_war_s_toll_between_the_mentions_is_not_the_incident_s(pipeline: Pipeline) -> None:
    article = Article(
        title="Militants Ambush Loggers In Northern Ruritania",
        body=(
            "Militants ambushed a group of loggers near Dunfield on Tuesday, killing 12 of them, a local leader said.\n"
            "The insurgency has killed more than 40,000 people and displaced some two million.\n"
            "The army said it had sent troops to pursue the attackers, who killed two more loggers as they fled."
        ),
        published=date(2024, 3, 14),
    )
    events = pipeline.extract(article).events
    assert events and all(e.fatalities is not None and e.fatalities < 100 for e in events)
    assert not any(c.number_low == 40000 for e in events for c in e.claims)


def test_an_earlier_month_s_incident_told_for_context_is_no_event(pipeline: Pipeline) -> None:
    article = Article(
        body=(
            "Militants ambushed a group of loggers near Dunfield on Tuesday, killing 12 of them, a local leader said.\n"
            "Last month, suspected militants killed 20 fishermen on the shores of the lake."
        ),
        published=date(2024, 3, 14),
    )
    events = pipeline.extract(article).events
    # recalled for context: its own report told it; nor are its dead this ambush's
    assert len(events) == 1
    assert events[0].fatalities == 12


def test_ground_retaken_is_retaken_from_the_group_that_took_it() -> None:
    article = Article(
        title="Rebels Seize Eastern Town",
        body=(
            "M23 rebels took control of the town of Dunfield on Saturday after heavy fighting with the Congolese army, "
            "residents said.\n\n"
            "Two days later, the army launched a counter-offensive and recaptured the nearby village of Marrowby."
        ),
        published=date(2024, 3, 14),
    )
    events = Pipeline(geo=True).extract(article).events
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory", "Government regains territory"]
    assert events[0].actor1 == "M23: March 23 Movement"
    assert events[1].actor2 == "M23: March 23 Movement"
    assert events[1].interaction == 12


def test_the_militants_of_a_second_incident_are_the_group_the_article_named(pipeline: Pipeline) -> None:
    article = Article(
        title="Militants kill 30 in two attacks in Borno",
        body=(
            "Boko Haram fighters killed 18 villagers in an attack on Dunfield on Monday, residents said.\n\n"
            "In a second attack on Tuesday, the militants ambushed a group of loggers near Marrowby, killing 12 of "
            "them. The army said it had deployed troops to the area and was pursuing the attackers."
        ),
        published=date(2024, 6, 12),
    )
    events = pipeline.extract(article).events
    assert len(events) == 2
    first, second = events
    assert first.actor1 and "Boko Haram" in first.actor1  # ACLED names the post-2016 split "ISWAP and/or Boko Haram"
    # "the militants" are the group already named; the troops sent after them are no victims
    assert second.actor1 == first.actor1
    assert second.sub_event_type == "Attack" and (second.actor2 or "").startswith("Civilians")


def test_unknown_gunmen_in_a_second_incident_stay_unidentified(pipeline: Pipeline) -> None:
    article = Article(
        title="Two attacks in Borno",
        body=(
            "Boko Haram fighters killed 18 villagers in an attack on Dunfield on Monday, residents said.\n\n"
            "In a separate incident on Tuesday, unidentified gunmen ambushed a group of loggers near Marrowby, "
            "killing 12 of them."
        ),
        published=date(2024, 6, 12),
    )
    events = pipeline.extract(article).events
    assert len(events) == 2 and (events[1].actor1 or "").startswith("Unidentified Armed Group")


def test_violence_told_after_a_displacement_is_the_event(pipeline: Pipeline) -> None:
    article = Article(
        title="Hundreds flee after attacks in the north",
        body=(
            "Hundreds of families have fled the town of Dunfield after jihadists attacked nearby villages earlier "
            "this month, killing at least 17 people, aid workers said.\n\n"
            "An aid group said the town was now hosting more than 20,000 displaced people."
        ),
        published=date(2024, 7, 30),
    )
    events = pipeline.extract(article).events
    assert len(events) == 1
    assert events[0].event_type == "Violence against civilians" and events[0].fatalities == 17


def test_a_residual_call_on_ground_won_in_a_fight_becomes_a_battle_with_its_event_type() -> None:
    from strife.extract.components import _territory_outcome
    from strife.schema import Event

    event = Event(event_id="t", event_type="Strategic developments", sub_event_type="Other", inter1=1,
                  disorder_type="Strategic developments", article_ids=["a"])
    _territory_outcome(event, "Troops recaptured the town on Sunday after killing a dozen insurgents.")
    assert (event.event_type, event.sub_event_type) == ("Battles", "Government regains territory")
    assert event.disorder_type == "Political violence"


def test_a_fight_told_again_without_its_other_side_keeps_it() -> None:
    article = Article(
        title="Rebels Seize Goma",
        body=(
            "M23 rebels took control of most of Goma on Monday after days of fighting with the Congolese army, "
            "residents said.\n\n"
            "Gunfire and explosions rang out near the airport overnight, witnesses said. "
            "Hundreds of Congolese soldiers surrendered to UN peacekeepers."
        ),
        published=date(2025, 1, 28),
    )
    events = Pipeline(geo=True).extract(article).events
    assert len(events) == 2
    assert {events[1].actor1, events[1].actor2} == {
        "M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo (2019-)"}


def test_a_standfirst_of_the_other_stories_joins_no_incident(pipeline: Pipeline) -> None:
    article = Article(
        title="Militants Kill 15 In Westshire Village",
        standfirst="Bandits and vigilantes also clashed in Northshire while police freed kidnapped travellers",
        body=(
            "Militants killed 15 villagers in an attack on the village of Dunfield in Westshire state on Friday, "
            "a local lawmaker said on Tuesday.\n\n"
            "In neighbouring Northshire state, six vigilantes were killed on Sunday when bandits ambushed them near "
            "Marrowby, police said."
        ),
        published=date(2024, 11, 5),
    )
    events = pipeline.extract(article).events
    assert [e.event_date for e in events] == [date(2024, 11, 1), date(2024, 11, 3)]
    assert events[0].sub_event_type == "Attack"  # not a clash with the standfirst's vigilantes


def test_the_body_s_own_day_dates_an_incident_before_the_standfirst_s(pipeline: Pipeline) -> None:
    article = Article(
        title="One Dead As Ruritania Power Cut Protests Turn Violent In Dunfield",
        standfirst="A peaceful march on Monday gave way to clashes with police the following day",
        body=(
            "One young man was killed in clashes between police and protesters in Dunfield on Tuesday, residents said.\n\n"
            "Youths blocked roads with burning tyres and stoned the electricity office before police fired tear gas."
        ),
        published=date(2025, 3, 5),
    )
    events = pipeline.extract(article).events
    assert events and events[0].event_date == date(2025, 3, 4)


def test_an_incident_told_again_after_another_is_one_event() -> None:
    from strife.extract.components import _one_per_incident
    from strife.schema import Event, Evidence

    def riot(event_id: str, start: int, fatalities: int = 1) -> Event:
        event = Event(event_id=event_id, event_date=date(2025, 3, 4), event_type="Riots",
                      sub_event_type="Violent demonstration", actor1="Rioters (Chad)",
                      actor2="Police Forces of Chad (2021-)", country="Chad", location="Moundou",
                      fatalities=fatalities, article_ids=["a1"])
        event.cite("event", Evidence(start=start, end=start + 10, quote="riot text"))
        return event

    march = Event(event_id="m", event_date=date(2025, 3, 3), event_type="Protests", sub_event_type="Peaceful protest",
                  actor1="Protesters (Chad)", country="Chad", location="Moundou", fatalities=0, article_ids=["a1"])
    events = _one_per_incident([riot("r1", 0), march, riot("r2", 300)])
    assert [e.event_id for e in events] == ["r1", "m"]
    assert len(events[0].evidence["event"]) == 2
    # tellings with different tolls stay apart; so do events with no place
    assert len(_one_per_incident([riot("r1", 0), riot("r2", 300, fatalities=3)])) == 2
