from strife.extract.fatalities import code_fatalities
from strife.schema import Claim, Evidence


def claim(what, low, high=None, whom=None, claimant=None, partisan=False):
    ev = Evidence(start=0, end=4, quote="text")
    return Claim(what=what, number_low=low, number_high=high if high is not None else low, whom=whom,
                 claimant=claimant, partisan=partisan, evidence=ev)


def test_deaths_only() -> None:
    n, ev, note = code_fatalities([claim("injured", 9), claim("captured", 3)], significant=True)
    assert (n, ev, note) == (0, [], None)


def test_range_takes_low_end_and_sides_add() -> None:
    cs = [claim("killed", 2, 6, whom="guards"), claim("killed", 5, whom="raiders")]
    n, ev, _ = code_fatalities(cs, significant=True)
    assert n == 7 and len(ev) >= 1


def test_restated_total_not_double_counted() -> None:
    cs = [claim("killed", 4, whom="herders"), claim("killed", 1, whom="soldier"), claim("killed", 5)]
    assert code_fatalities(cs, significant=False)[0] == 5


def test_unknown_number_defaults() -> None:
    cs = [claim("killed", None, whom="villagers")]
    cs[0] = cs[0].model_copy(update={"number_high": None})
    assert code_fatalities(cs, significant=True)[0] == 10
    assert code_fatalities(cs, significant=False)[0] == 3


def test_dispute_takes_lower_and_notes_it() -> None:
    cs = [
        claim("killed", 30, whom="soldiers", claimant="the rebels", partisan=True),
        claim("killed", 6, whom="soldiers", claimant="the ministry", partisan=True),
    ]
    n, _, note = code_fatalities(cs, significant=True)
    assert n == 6
    assert note and "30" in note and "6" in note and note.startswith("Fatalities disputed")


def test_neutralized_counts_as_killed() -> None:
    assert code_fatalities([claim("neutralized", 8, whom="fighters")], significant=True)[0] == 8


def test_coded_statement_and_split() -> None:
    cs = [
        claim("killed", None, whom="fighters").model_copy(update={"number_high": None}),
        Claim(what="killed", number_low=10, number_high=10, number_text="coded as 10"),
        Claim(what="casualties", number_text="split across 2"),
    ]
    assert code_fatalities(cs, significant=True)[0] == 5


def test_people_with_named_sides_in_other_sentences_add_up() -> None:
    a = Evidence(start=0, end=4, quote="aaaa")
    b = Evidence(start=5, end=9, quote="bbbb")
    cs = [
        Claim(what="killed", number_low=2, number_high=2, whom="guards", evidence=a),
        Claim(what="killed", number_low=3, number_high=3, whom="people", evidence=b),
    ]
    assert code_fatalities(cs, significant=False)[0] == 5


def test_two_sides_with_one_head_word_in_one_sentence_add_up() -> None:
    ev = Evidence(start=0, end=4, quote="text")
    cs = [
        Claim(what="killed", number_low=20, number_high=20, whom="northern soldiers", evidence=ev),
        Claim(what="killed", number_low=3, number_high=3, whom="southern soldiers", evidence=ev),
    ]
    assert code_fatalities(cs, significant=True)[0] == 23


def _at(c: Claim, start: int) -> Claim:
    return c.model_copy(update={"evidence": Evidence(start=start, end=start + 4, quote="text")})


def test_a_headline_count_summarizes_the_body() -> None:
    # "Dozens killed" above "six soldiers ... 30 attackers": the body's counts, not both
    headline = _at(claim("killed", 12), 5)
    body = [_at(claim("killed", 6, whom="soldiers"), 200), _at(claim("killed", 30, whom="attackers"), 220)]
    assert code_fatalities([headline, *body], significant=True, summary_end=100)[0] == 36
    # the same headline restating the body's number on other words ("22 villagers" / "22 civilians")
    assert code_fatalities([_at(claim("killed", 22, whom="villagers"), 5),
                            _at(claim("killed", 22, whom="civilians"), 200)],
                           significant=True, summary_end=100)[0] == 22
    # a body with no number ("several soldiers died") leaves the headline's
    several = _at(claim("killed", None, whom="soldiers"), 200).model_copy(update={"number_high": None})
    assert code_fatalities([headline, several], significant=True, summary_end=100)[0] == 12


def test_a_dispute_names_the_side_it_is_about() -> None:
    cs = [
        claim("killed", 30, whom="soldiers", claimant="the rebels", partisan=True),
        claim("killed", 4, whom="soldiers", claimant="the army", partisan=True),
    ]
    note = code_fatalities(cs, significant=True)[2]
    assert note is not None and "30 soldiers" in note and "4 soldiers" in note
    cs = [
        claim("killed", 1, whom="soldier", claimant="the rebels", partisan=True),
        claim("killed", 3, whom="soldiers", claimant="the army", partisan=True).model_copy(
            update={"evidence": Evidence(start=10, end=14, quote="more")}),
    ]
    note = code_fatalities(cs, significant=True)[2]
    assert note is not None and "1 soldier;" in note and "3 soldiers" in note


def test_a_vague_amount_beside_each_side_s_count_is_a_summary() -> None:
    dozens = claim("killed", 12, whom=None, claimant="local sources").model_copy(update={"number_text": "dozens"})
    sides = [claim("killed", 40, whom="JNIM fighters", claimant="Islamic State", partisan=True),
             claim("killed", 25, whom="Islamic State militants", claimant="JNIM", partisan=True)]
    assert code_fatalities([dozens, *sides], significant=True)[0] == 65
    # a figure, not a vague amount, still adds: other people killed besides the sides counted
    three = claim("killed", 3, whom=None, claimant="residents").model_copy(update={"number_text": "three"})
    assert code_fatalities([three, *sides], significant=True)[0] == 68


def test_a_side_s_own_count_and_its_enemy_s_count_of_it_are_a_dispute() -> None:
    cs = [claim("killed", 40, whom="JNIM fighters", claimant="Islamic State", partisan=True),
          claim("killed", 25, whom="Islamic State militants", claimant="JNIM", partisan=True),
          claim("killed", 8, whom="JNIM (own losses)", claimant="JNIM", partisan=True)]
    n, _, note = code_fatalities(cs, significant=True)
    assert n == 33 and note is not None and "40" in note


def test_estimates_of_one_toll_by_two_tellers_are_a_dispute() -> None:
    # "a district officer put the death toll at 90, while a police source said at least 45 people died"
    toll = claim("killed", 90, claimant="district officer").model_copy(update={"number_text": "the death toll at 90"})
    people = claim("killed", 45, whom="people", claimant="police source")
    n, _, note = code_fatalities([toll, people], significant=True)
    assert n == 45
    assert note is not None and "90" in note


def test_one_tellers_rising_toll_is_an_update() -> None:
    toll = claim("killed", 19).model_copy(update={"number_text": "the death toll rose to 19"})
    people = claim("killed", 12, whom="people")
    assert code_fatalities([toll, people], significant=True)[0] == 19


def test_a_groups_count_of_its_victims_beside_the_whole_toll_is_recorded_not_added() -> None:
    # "The rebels said they had killed 120 militiamen. Aid workers said at least 38 people died."
    boast = claim("killed", 120, whom="militiamen", claimant="the rebels")
    people = claim("killed", 38, whom="people", claimant="aid workers")
    n, _, note = code_fatalities([boast, people], significant=True)
    assert n == 38
    assert note is not None and "120" in note


def test_a_groups_count_still_adds_to_another_sides_count() -> None:
    # no estimate of the whole toll: the sides add up as before
    boast = claim("killed", 9, whom="soldiers", claimant="the rebels")
    army = claim("killed", 14, whom="rebels", claimant="the army")
    assert code_fatalities([boast, army], significant=True)[0] == 23


def test_a_toll_told_as_risen_by_another_teller_is_an_update() -> None:
    # "Gunmen killed seven people, a village head said. Another villager died on Monday, police said,
    # bringing the toll to eight."
    seven = claim("killed", 7, claimant="village head")
    eight = claim("killed", 8, claimant="police").model_copy(update={"number_text": "the toll to eight"})
    assert code_fatalities([seven, eight], significant=True)[0] == 8


def test_a_vague_amount_yields_to_a_figure_for_the_same_side() -> None:
    # "the rebels said they had killed dozens of soldiers ... a rebel spokesman said 47 soldiers were killed"
    dozens = claim("killed", 12, whom="soldiers", claimant="the rebels").model_copy(update={"number_text": "dozens of"})
    figure = claim("killed", 47, whom="soldiers", claimant="rebel spokesman")
    n, _, note = code_fatalities([dozens, figure], significant=True)
    assert n == 47 and note is None


def test_an_armys_own_dead_are_its_soldiers_whoever_counts_them() -> None:
    # "the rebels said 47 soldiers were killed; the army said two of its own were killed"
    theirs = claim("killed", 47, whom="soldiers", claimant="the rebels")
    own = claim("killed", 2, whom="the army (own losses)", claimant="the army")
    n, _, note = code_fatalities([theirs, own], significant=True)
    assert n == 2 and note is not None and "47" in note


def test_another_tellers_higher_toll_of_the_same_dead_is_a_dispute() -> None:
    # "at least 85 civilians were killed, the emergency agency said ... Residents said the toll was higher than 100"
    agency = claim("killed", 85, whom="civilians", claimant="emergency agency")
    residents = claim("killed", 100, claimant="residents").model_copy(update={"number_text": "the toll was higher than 100"})
    n, _, note = code_fatalities([agency, residents], significant=True)
    assert n == 85 and note is not None and "residents claim 100" in note
    # the same teller's total stands above its parts
    same = residents.model_copy(update={"claimant": "emergency agency"})
    assert code_fatalities([agency, same], significant=True)[0] == 100


def test_a_groups_own_total_is_no_other_tellers_estimate() -> None:
    # "the group said it killed five mercenaries and seven soldiers and acknowledged five deaths in its ranks"
    five = claim("killed", 5, whom="mercenaries", claimant="the group")
    seven = claim("killed", 7, whom="soldiers", claimant="the group")
    own = claim("killed", 5, whom="the group (own losses)", claimant="the group")
    deaths = claim("killed", 5, claimant="the group").model_copy(update={"number_text": "five deaths"})
    assert code_fatalities([five, seven, own, deaths], significant=True)[0] == 17


def test_a_party_s_claim_beside_an_independent_report_is_noted_with_its_verb() -> None:
    cs = [
        claim("killed", 12, whom="soldiers"),
        claim("killed", 20, whom="soldiers", claimant="the militants", partisan=True).model_copy(
            update={"evidence": Evidence(start=10, end=14, quote="more")}),
    ]
    n, _, note = code_fatalities(cs, significant=True)
    assert n == 12
    assert note is not None and "the militants claim 20 soldiers" in note and "other reports give 12" in note


def test_a_teller_s_own_men_are_its_force_s_members_whatever_its_name() -> None:
    own = claim("killed", 12, whom="army spokesman Major Dunn (own losses)", claimant="army spokesman Major Dunn",
                partisan=True)
    cs = [own.model_copy(update={"evidence": Evidence(start=10, end=14, quote="more")}),
          claim("killed", 30, whom="soldiers", claimant="the rebels", partisan=True)]
    # one side disputed (12 soldiers against 30), not 42 dead
    assert code_fatalities(cs, significant=True)[0] == 12


def test_a_count_told_with_the_kinds_it_includes_is_everyone_s_toll() -> None:
    whole = Claim(what="killed", number_low=35, number_high=35, number_text="At least thirty-five", whom=None,
                  evidence=Evidence(start=0, end=90, quote="At least thirty-five people, including soldiers, "
                                                          "gendarmes and traders, were killed."))
    part = Claim(what="killed", number_low=7, number_high=7, number_text="Seven", whom="civilians",
                 evidence=Evidence(start=100, end=140, quote="Seven civilians, mostly traders, also died."))
    assert code_fatalities([whole, part], significant=True)[0] == 35
    # a side told as part of the dead: "the dead included four civilians"
    seven = Claim(what="killed", number_low=7, number_high=7, number_text="seven", whom="people",
                  evidence=Evidence(start=0, end=40, quote="Air strikes killed seven people."))
    four = Claim(what="killed", number_low=4, number_high=4, number_text="four", whom="civilians",
                 evidence=Evidence(start=50, end=90, quote="The ministry said the dead included four civilians."))
    assert code_fatalities([seven, four], significant=True)[0] == 7
    # with no evidence to read, a side is not taken for part of the dead
    bare = four.model_copy(update={"evidence": None})
    assert code_fatalities([seven, bare], significant=True)[0] == 11


def test_another_teller_s_count_of_the_same_dead_is_a_dispute() -> None:
    side = claim("killed", 17, whom="civilians", claimant="the ministry")
    other = claim("killed", 22, whom=None, claimant="a local official").model_copy(
        update={"evidence": Evidence(start=10, end=40, quote="We have counted 22 dead, he said.")})
    n, _, note = code_fatalities([side, other], significant=True)
    assert n == 17 and note is not None and "22" in note
