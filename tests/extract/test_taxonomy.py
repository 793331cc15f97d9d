"""Taxonomy data file and ACLED precedence rules (hand-made sentences)."""

from __future__ import annotations

import pytest

from strife.extract.taxonomy import Taxonomy


def test_six_event_types_and_their_sub_types() -> None:
    taxonomy = Taxonomy.load()
    assert len(taxonomy.event_types) == 6
    assert len(taxonomy.sub_event_types) == 25
    assert taxonomy.event_type_of("Air/drone strike") == "Explosions/Remote violence"
    assert taxonomy.event_type_of("Arrests") == "Strategic developments"
    assert taxonomy.disorder_type_of("Peaceful protest") == "Demonstrations"
    assert taxonomy.disorder_type_of("Mob violence") == "Political violence"
    assert taxonomy.plover("Protests") == "PROTEST"


def test_ied_within_a_battle_is_the_battle() -> None:
    taxonomy = Taxonomy.default()
    text = "Rebels detonated a roadside bomb under a patrol and then clashed with the soldiers for an hour."
    sub, rule = taxonomy.apply_precedence("Remote explosive/landmine/IED", text)
    assert sub == "Armed clash" and rule is not None
    alone = "A roadside bomb exploded under a lorry near the market."
    assert taxonomy.apply_precedence("Remote explosive/landmine/IED", alone) == ("Remote explosive/landmine/IED", None)


def test_a_past_battle_does_not_absorb_a_remote_weapon() -> None:
    taxonomy = Taxonomy.default()
    text = "A landmine left from previous clashes exploded under a farmer's cart near the river."
    assert taxonomy.apply_precedence("Remote explosive/landmine/IED", text) == ("Remote explosive/landmine/IED", None)
    assert not taxonomy.battle(text)
    assert taxonomy.battle("A mine hit the patrol and the soldiers then clashed with the attackers.")


def test_abduction_with_killing_is_an_attack() -> None:
    taxonomy = Taxonomy.default()
    text = "Gunmen kidnapped two traders on the highway; one of them was later found dead."
    assert taxonomy.apply_precedence("Abduction/forced disappearance", text)[0] == "Attack"
    kept = "Gunmen kidnapped two traders on the highway and demanded a ransom."
    assert taxonomy.apply_precedence("Abduction/forced disappearance", kept)[0] == "Abduction/forced disappearance"


def test_people_abducted_with_goods_taken_is_an_abduction() -> None:
    taxonomy = Taxonomy.default()
    text = "Armed men stopped a bus near the river, robbed the passengers and abducted the driver."
    assert taxonomy.apply_precedence("Looting/property destruction", text)[0] == "Abduction/forced disappearance"
    # goods alone stay looting; a raid whose abducted man is killed is not settled by this rule
    robbed = "Armed men stopped a bus near the river and robbed the passengers of their phones."
    assert taxonomy.apply_precedence("Looting/property destruction", robbed)[0] == "Looting/property destruction"
    killed = "Armed men robbed a bus near the river and abducted the driver, who was later found dead."
    assert taxonomy.apply_precedence("Looting/property destruction", killed)[0] == "Looting/property destruction"


def test_an_attack_in_which_people_are_only_taken_is_an_abduction() -> None:
    taxonomy = Taxonomy.default()
    taken = "Gunmen burnt twelve lorries at a checkpoint. Nobody was hurt, but four drivers were taken away."
    assert taxonomy.apply_precedence("Attack", taken)[0] == "Abduction/forced disappearance"
    kidnapped = "Bandits raided the village overnight and kidnapped a teacher."
    assert taxonomy.apply_precedence("Attack", kidnapped)[0] == "Abduction/forced disappearance"
    # harm besides the abduction keeps the Attack; goods taken away are no abduction
    wounded = "Bandits raided the village, wounded two farmers and kidnapped a teacher."
    assert taxonomy.apply_precedence("Attack", wounded)[0] == "Attack"
    goods = "Gunmen attacked the market and the stolen cattle were driven off."
    assert taxonomy.apply_precedence("Attack", goods)[0] != "Abduction/forced disappearance"
    # a theft whose victim is kidnapped: the abduction, not the theft (nor an Attack)
    car = "Gunmen stole a car and kidnapped its driver."
    assert taxonomy.apply_precedence("Attack", car)[0] == "Abduction/forced disappearance"


def test_a_clash_that_wins_ground_is_a_territory_event_by_actor1() -> None:
    taxonomy = Taxonomy.default()
    text = "After a day of clashes, the army recaptured the town from the rebels."
    assert taxonomy.territory_outcome("Armed clash", text, 1)[0] == "Government regains territory"
    took = "Rebels clashed with soldiers and took control of the district headquarters."
    assert taxonomy.territory_outcome("Armed clash", took, 2)[0] == "Non-state actor overtakes territory"
    # no ground changes hands, no actor1, or not a clash: unchanged
    assert taxonomy.territory_outcome("Armed clash", "Rebels and soldiers clashed near the bridge.", 2) == ("Armed clash", None)
    assert taxonomy.territory_outcome("Armed clash", took, None) == ("Armed clash", None)
    assert taxonomy.territory_outcome("Attack", took, 2) == ("Attack", None)


def test_a_residual_call_on_ground_taken_is_a_transfer_or_a_battle() -> None:
    taxonomy = Taxonomy.default()
    quiet = "Government troops recaptured the river port on Sunday; the town was largely deserted."
    assert taxonomy.territory_outcome("Other", quiet, 1)[0] == "Non-violent transfer of territory"
    fought = "Government troops recaptured the river port on Sunday after killing a dozen insurgents."
    assert taxonomy.territory_outcome("Other", fought, 1)[0] == "Government regains territory"
    assert taxonomy.territory_outcome("Other", "The council met to discuss the budget.", 1) == ("Other", None)


def test_a_dispersed_protest_is_a_protest_with_intervention() -> None:
    taxonomy = Taxonomy.default()
    text = "Teachers rallied outside the ministry until riot police fired tear gas to disperse them."
    assert taxonomy.apply_precedence("Peaceful protest", text)[0] == "Protest with intervention"
    calm = "Teachers rallied outside the ministry to demand the release of colleagues who were arrested."
    assert taxonomy.apply_precedence("Peaceful protest", calm)[0] == "Peaceful protest"


def test_rape_in_an_attack_is_sexual_violence() -> None:
    taxonomy = Taxonomy.default()
    text = "Militiamen raided the hamlet at night, looted the granary and raped two women."
    assert taxonomy.apply_precedence("Attack", text)[0] == "Sexual violence"
    assert taxonomy.apply_precedence("Looting/property destruction", text)[0] == "Sexual violence"
    # a protest against sexual violence stays a protest; an attack without it stays an attack
    march = "Hundreds of women marched to the courthouse to denounce the rape of a schoolgirl."
    assert taxonomy.apply_precedence("Peaceful protest", march)[0] == "Peaceful protest"
    assert taxonomy.apply_precedence("Attack", "Militiamen raided the hamlet and shot two herders.")[0] == "Attack"


def test_lethal_force_against_protesters() -> None:
    taxonomy = Taxonomy.default()
    text = "Police opened fire on the demonstrators outside the ministry."
    assert taxonomy.apply_precedence("Protest with intervention", text)[0] == "Excessive force against protesters"


def test_unknown_sub_type_falls_back_to_other() -> None:
    assert Taxonomy.default().apply_precedence("Alien invasion", "text")[0] == "Other"


def test_trigger_scores_point_at_the_sub_type() -> None:
    scores = Taxonomy.default().trigger_scores("A drone strike hit a compound; a second airstrike followed.")
    assert max(scores, key=scores.__getitem__) == "Air/drone strike"


def test_sub_types_that_kill_no_one() -> None:
    taxonomy = Taxonomy.default()
    assert taxonomy.kills_no_one("Peaceful protest")
    assert taxonomy.kills_no_one("Arrests")
    assert not taxonomy.kills_no_one("Excessive force against protesters")
    assert not taxonomy.kills_no_one("Attack")
    assert not taxonomy.kills_no_one(None)


def test_protesters_who_burn_tyres_are_a_violent_demonstration() -> None:
    taxonomy = Taxonomy.default()
    text = "Traders protested the new tax in Eastwick and burned tyres on the main road."
    assert taxonomy.apply_precedence("Peaceful protest", text)[0] == "Violent demonstration"
    calm = "Traders protested the new tax in Eastwick and handed a petition to the mayor."
    assert taxonomy.apply_precedence("Peaceful protest", calm) == ("Peaceful protest", None)


@pytest.mark.parametrize("text", [
    "Students demonstrated against the fees at Eastwick college and vandalised the main gate.",
    "About 300 people marched in Eastwick; some broke windows of a bank and set bins on fire.",
    "Villagers protested the election result in Eastwick and burned ballots outside the polling station.",
])
def test_protesters_who_destroy_property_are_a_violent_demonstration(text: str) -> None:
    assert Taxonomy.default().apply_precedence("Peaceful protest", text)[0] == "Violent demonstration"


@pytest.mark.parametrize("text", [
    "Activists rallied in Eastwick to demand the release of two students accused of vandalising a statue.",
    "Mourners gathered in Eastwick to remember a monk who set himself on fire in 1963.",
])
def test_destruction_named_but_not_done_by_protesters(text: str) -> None:
    assert Taxonomy.default().apply_precedence("Peaceful protest", text) == ("Peaceful protest", None)


def test_an_arrest_with_beating_or_killing_is_an_attack() -> None:
    taxonomy = Taxonomy.default()
    beaten = "Soldiers raided a house in Dunfield, beat up the family and arrested two brothers."
    assert taxonomy.apply_precedence("Arrests", beaten)[0] == "Attack"
    died = "A teacher arrested by police in Dunfield last week died in custody."
    assert taxonomy.apply_precedence("Arrests", died)[0] == "Attack"
    plain = "Police arrested three men in Dunfield on suspicion of smuggling fuel."
    assert taxonomy.apply_precedence("Arrests", plain) == ("Arrests", None)
    for cause in ("Police arrested two men in Dunfield suspected of having killed a trader.",
                  "Two brothers were arrested in Dunfield for the killing of a shopkeeper."):
        assert taxonomy.apply_precedence("Arrests", cause) == ("Arrests", None)



def test_an_attack_met_with_fire_is_a_battle() -> None:
    taxonomy = Taxonomy.default()
    text = "Militants attacked an army post near Dunfield and the soldiers repelled them after an exchange of fire."
    assert taxonomy.apply_precedence("Attack", text)[0] == "Armed clash"
    one_sided = "Militants attacked villagers near Dunfield and burned their huts."
    assert taxonomy.apply_precedence("Attack", one_sided) == ("Attack", None)


def test_a_defused_mine_is_disrupted_weapons_use() -> None:
    taxonomy = Taxonomy.default()
    text = "Soldiers found an IED on the road to Dunfield and defused it."
    assert taxonomy.apply_precedence("Remote explosive/landmine/IED", text)[0] == "Disrupted weapons use"
    blast = "An IED exploded under a bus on the road to Dunfield, killing four passengers."
    assert taxonomy.apply_precedence("Remote explosive/landmine/IED", blast)[1] is None


@pytest.mark.parametrize("text", [
    "Armed men stopped a minibus near the market and stripped the travellers of their phones and cash.",
    "Bandits raided the hamlet overnight and made off with forty goats.",
    "Gunmen attacked the depot and seized two trucks of grain.",
    "Militiamen extorted herders at a water point near Dunfield.",
])
def test_goods_taken_with_nobody_hurt_is_looting(text: str) -> None:
    sub, rule = Taxonomy.default().apply_precedence("Attack", text)
    assert sub == "Looting/property destruction" and rule is not None


@pytest.mark.parametrize("text", [
    "Bandits raided the hamlet, shot two herders dead and made off with forty goats.",
    "Soldiers stripped two boys naked in the street.",  # not goods taken
])
def test_an_attack_that_hurts_someone_stays_an_attack(text: str) -> None:
    assert Taxonomy.default().apply_precedence("Attack", text)[0] == "Attack"


@pytest.mark.parametrize("text", [
    "Fighters looted the market and set fire to dozens of shops. No casualties were reported.",
    "Militiamen burned down the school overnight; nobody was hurt.",
    "Gunmen torched three trucks at the depot without causing any casualties.",
])
def test_harm_said_not_to_have_happened_is_no_harm(text: str) -> None:
    taxonomy = Taxonomy.default()
    assert not taxonomy.harm(text)
    assert taxonomy.property_destroyed("Armed clash", text)


def test_harm_told_beside_a_denial_is_harm() -> None:
    taxonomy = Taxonomy.default()
    assert taxonomy.harm("Gunmen burned the school and killed the guard; no arrests were made.")
    assert taxonomy.harm("No group claimed the attack, which wounded two passers-by.")


def test_a_clash_call_on_goods_taken_with_no_fighting_is_looting() -> None:
    text = "Unknown gunmen seized a pickup of the forestry service near Dunfield."
    sub, rule = Taxonomy.default().apply_precedence("Armed clash", text)
    assert sub == "Looting/property destruction" and rule is not None
    fought = "Militiamen seized two trucks of grain at the depot after they exchanged fire with the guards."
    assert Taxonomy.default().apply_precedence("Armed clash", fought)[0] == "Armed clash"


def test_shelling_answered_with_fire_is_a_battle() -> None:
    text = "Army gunners shelled the rebel hilltop at dawn and the rebels fired back with mortars."
    sub, rule = Taxonomy.default().apply_precedence("Shelling/artillery/missile attack", text)
    assert sub == "Armed clash" and rule is not None


@pytest.mark.parametrize("text", [
    "Rebels hit an army column near the ford in a complex attack: a roadside bomb, then small arms fire.",
    "A police convoy was struck by an IED followed by gunfire on the road north of the town.",
    "Gunmen set off an explosive device and an armed assault on the checkpoint followed.",
])
def test_a_blast_that_opens_an_assault_is_a_battle(text: str) -> None:
    assert Taxonomy.default().apply_precedence("Remote explosive/landmine/IED", text)[0] == "Armed clash"


def test_a_blast_alone_stays_a_remote_weapon() -> None:
    text = "A police convoy was struck by an IED on the road north of the town; two officers died."
    assert Taxonomy.default().apply_precedence("Remote explosive/landmine/IED", text)[0] == \
        "Remote explosive/landmine/IED"


@pytest.mark.parametrize("text", [
    "Two insurgents were killed while planting a landmine on the road south of the camp.",
    "A rocket exploded prematurely at the launch site, wounding the three fighters firing it.",
    "Weapons seizure: soldiers searched a farm and took four rifles and a box of grenades.",
])
def test_a_bomb_that_goes_off_in_its_makers_hands_is_disrupted_weapons_use(text: str) -> None:
    assert Taxonomy.default().apply_precedence("Remote explosive/landmine/IED", text)[0] == "Disrupted weapons use"


def test_demonstrators_fighting_the_police_are_no_battle() -> None:
    tax = Taxonomy.default()
    text = "Protesters demanding the mayor's resignation clashed with gendarmes, who fired live rounds; one died."
    assert tax.apply_precedence("Armed clash", text)[0] == "Violent demonstration"
    text = "Militants attacked an army post after a protest in the town; soldiers fought them for an hour."
    assert tax.apply_precedence("Armed clash", text)[0] == "Armed clash"


def test_the_arrested_found_executed_and_protesters_who_ransack() -> None:
    tax = Taxonomy.default()
    text = "Soldiers arrested four herders at the well; their corpses were found in a mass grave a week later."
    assert tax.apply_precedence("Arrests", text)[0] == "Attack"
    text = "Police arrested two men who were later executed in front of their neighbours."
    assert tax.apply_precedence("Arrests", text)[0] == "Attack"
    text = "Students ransacked the dean's office during a protest over fees."
    assert tax.apply_precedence("Peaceful protest", text)[0] == "Violent demonstration"
    text = "Residents protested to demand the return of goods looted from their shops."
    assert tax.apply_precedence("Peaceful protest", text)[0] == "Peaceful protest"


def test_protesters_who_barricade_themselves_in_are_no_riot() -> None:
    tax = Taxonomy.default()
    text = "Nurses on strike barricaded themselves into the ministry's offices to protest unpaid wages."
    assert tax.apply_precedence("Peaceful protest", text)[0] == "Peaceful protest"
    text = "Nurses on strike barricaded the road to the ministry to protest unpaid wages."
    assert tax.apply_precedence("Peaceful protest", text)[0] == "Violent demonstration"


def test_a_residual_call_needs_the_model_or_a_day_behind_it() -> None:
    taxonomy = Taxonomy.default()
    assert taxonomy.unbacked("Other", -0.3, dated=False)
    assert not taxonomy.unbacked("Other", -0.3, dated=True)  # a day named: an incident
    assert not taxonomy.unbacked("Other", 0.2, dated=False)  # a type of the model claims the text
    assert not taxonomy.unbacked("Other", None, dated=False)  # the trigger rules (no model) decided
    assert not taxonomy.unbacked("Attack", -0.3, dated=False)  # only the residual type


def test_a_signed_peace_accord_is_an_agreement() -> None:
    text = "Elders of the two herding clans signed a peace accord in Dunfield after months of feuding."
    sub, rule = Taxonomy.default().apply_precedence("Other", text)
    assert sub == "Agreement" and rule is not None
    protest = "Hundreds marched to protest the ceasefire the government signed with the rebels."
    assert Taxonomy.default().apply_precedence("Peaceful protest", protest)[0] == "Peaceful protest"
    breach = "Two herders were killed a day after the clans signed a truce."
    assert Taxonomy.default().apply_precedence("Attack", breach)[0] == "Attack"


def test_air_strikes_alone_are_an_air_strike_not_a_clash() -> None:
    text = "Government jets carried out air strikes on a rebel camp near Dunfield, killing nine fighters."
    sub, rule = Taxonomy.default().apply_precedence("Armed clash", text)
    assert sub == "Air/drone strike" and rule is not None
    combined = "Troops backed by air strikes stormed a rebel camp near Dunfield, killing nine fighters."
    assert Taxonomy.default().apply_precedence("Armed clash", combined)[0] == "Armed clash"
    told = "Foreign aircraft carried out two strikes on a militant hideout near Dunfield."
    assert Taxonomy.default().apply_precedence("Attack", told)[0] == "Air/drone strike"


def test_a_grenade_found_and_defused_is_disrupted_weapons_use() -> None:
    text = "A hand grenade was discovered outside a school in Dunfield and soldiers defused it."
    assert Taxonomy.default().apply_precedence("Grenade", text)[0] == "Disrupted weapons use"
    thrown = "A man threw a grenade into a bar in Dunfield, wounding four drinkers."
    assert Taxonomy.default().apply_precedence("Grenade", thrown)[0] == "Grenade"


@pytest.mark.parametrize(
    ("sub", "text", "destroyed"),
    [
        ("Attack", "Militants torched the mayor's office and the school.", True),
        ("Armed clash", "Gunmen set fire to a pick-up and razed two shops.", True),
        ("Attack", "Militants burned the market and killed a trader.", False),  # someone hurt
        ("Armed clash", "Troops clashed with rebels who had burned a bridge.", False),  # fighting
        ("Peaceful protest", "Protesters burned tyres on the main road.", False),  # not an attack call
        ("Attack", "Gunmen attacked the village at dawn.", False),  # nothing destroyed
    ],
)
def test_property_destroyed_with_nobody_hurt(sub: str, text: str, destroyed: bool) -> None:
    assert Taxonomy.default().property_destroyed(sub, text) is destroyed


def test_a_mob_s_violence_is_mob_violence() -> None:
    taxonomy = Taxonomy.default()
    text = "An angry mob beat a man accused of theft at the bus station until he died."
    assert taxonomy.apply_precedence("Attack", text)[0] == "Mob violence"
    # a named armed group's attack stays what it was, whatever the crowd did afterwards
    armed = "Militants shot dead a trader; a mob later gathered outside the police station."
    assert taxonomy.apply_precedence("Attack", armed)[0] == "Attack"


def test_a_dispersed_protest_that_told_of_no_violence_is_a_protest_with_intervention() -> None:
    taxonomy = Taxonomy.default()
    text = "In Eastbridge, police fired tear gas and water cannon at thousands of marchers; no deaths were reported."
    assert taxonomy.apply_precedence("Violent demonstration", text)[0] == "Protest with intervention"
    # the demonstrators' own violence keeps it a Violent demonstration
    stones = "Police fired tear gas at demonstrators who threw stones and burned tyres in Eastbridge."
    assert taxonomy.apply_precedence("Violent demonstration", stones)[0] == "Violent demonstration"
    rioting = "Police fired tear gas to disperse youths rioting in Eastbridge."
    assert taxonomy.apply_precedence("Violent demonstration", rioting)[0] == "Violent demonstration"


def test_a_town_seized_or_overrun_in_a_battle_is_taken_ground() -> None:
    taxonomy = Taxonomy.default()
    seized = "Militia fighters seized the town after clashes with federal troops, residents said."
    assert taxonomy.territory_outcome("Armed clash", seized, 3)[0] == "Non-state actor overtakes territory"
    overran = "Insurgents overran the base after a night of fighting."
    assert taxonomy.territory_outcome("Armed clash", overran, 2)[0] == "Non-state actor overtakes territory"


def test_a_remnant_of_war_going_off_is_an_explosive_not_shelling() -> None:
    taxonomy = Taxonomy.default()
    text = "Two boys were killed when an unexploded mortar shell they found in a field went off."
    assert taxonomy.apply_precedence("Shelling/artillery/missile attack", text)[0] == "Remote explosive/landmine/IED"
    fired = "Artillery shells hit the market on Sunday, killing five traders."
    assert taxonomy.apply_precedence("Shelling/artillery/missile attack", fired)[0] == "Shelling/artillery/missile attack"


def test_drones_that_struck_are_an_air_strike_trigger() -> None:
    taxonomy = Taxonomy.default()
    hits = taxonomy.trigger_scores("Drones struck a fuel depot in the port city on Sunday.")
    assert hits.get("Air/drone strike")
    assert taxonomy.trigger_scores("Kamikaze drones hit the airport.").get("Air/drone strike")


def test_a_mob_that_loots_is_mob_violence() -> None:
    taxonomy = Taxonomy.default()
    text = "An angry mob ransacked and looted the shop of a man accused of theft in the market."
    assert taxonomy.apply_precedence("Looting/property destruction", text)[0] == "Mob violence"
    gang = "Gunmen looted the shops of the market overnight."
    assert taxonomy.apply_precedence("Looting/property destruction", gang)[0] == "Looting/property destruction"


def test_a_protest_nobody_broke_up_is_peaceful() -> None:
    taxonomy = Taxonomy.default()
    text = "Thousands marched through the capital on Saturday to demand action on prices. Police did not intervene."
    assert taxonomy.apply_precedence("Protest with intervention", text)[0] == "Peaceful protest"
    dispersed = "Police did not intervene at first, but later dispersed the marchers with tear gas."
    assert taxonomy.apply_precedence("Protest with intervention", dispersed)[0] == "Protest with intervention"


def test_a_groups_past_fighting_told_in_a_relative_clause_is_no_battle() -> None:
    taxonomy = Taxonomy.default()
    text = "Gunmen killed 40 villagers near Dunfield, officials said, blaming herders who have clashed with farmers."
    assert taxonomy.apply_precedence("Attack", text) == ("Attack", None)
    fought = "Gunmen attacked villagers near Dunfield, who clashed with them until dawn."
    assert taxonomy.apply_precedence("Attack", fought)[0] == "Armed clash"


def test_a_capture_claimed_against_defenders_who_held_is_a_battle() -> None:
    taxonomy = Taxonomy.default()
    text = ("Rebels attacked army posts in Dunfield; the army said it repelled the assaults. "
            "The rebels said they had taken control of two barracks.")
    assert taxonomy.territory_outcome("Armed clash", text, 2) == ("Armed clash", None)
    taken = "Rebels attacked army posts in Dunfield and took control of two barracks after heavy fighting."
    assert taxonomy.territory_outcome("Armed clash", taken, 2)[0] == "Non-state actor overtakes territory"
    # troops who repelled an attack and then retook a village still regain it
    retaken = "Troops repelled the attack and recaptured the village of Dunfield."
    assert taxonomy.territory_outcome("Armed clash", retaken, 1)[0] == "Government regains territory"


def test_an_abduction_where_nobody_was_killed_stays_an_abduction() -> None:
    taxonomy = Taxonomy.default()
    text = "Gunmen abducted 12 villagers in a night raid on Dunfield. Nobody was killed, an official said."
    assert taxonomy.apply_precedence("Abduction/forced disappearance", text) == ("Abduction/forced disappearance", None)
    killed = "Gunmen abducted 12 villagers in a night raid on Dunfield and killed two of them."
    assert taxonomy.apply_precedence("Abduction/forced disappearance", killed)[0] == "Attack"


def test_rebels_walking_into_a_town_the_troops_left_is_ground_taken() -> None:
    taxonomy = Taxonomy.default()
    text = "Rebels walked into the centre of Dunfield on Sunday after government troops pulled out, residents said."
    assert taxonomy.territory_outcome("Other", text, 2) == (
        "Non-violent transfer of territory", "ground taken with no fight or harm told")


def test_fighting_told_only_in_a_denial_is_no_battle() -> None:
    taxonomy = Taxonomy.default()
    text = ("Soldiers and militiamen killed 30 villagers in Dunfield, rights groups said. "
            "The government said the reports were false and that the army had repelled an attack by rebels.")
    assert not taxonomy.battle(text)
    assert taxonomy.apply_precedence("Attack", text) == ("Attack", None)
    assert taxonomy.battle("Soldiers repelled an attack by rebels near Dunfield, the army said.")


def test_ground_taken_with_nothing_stolen_or_destroyed_is_no_looting() -> None:
    taxonomy = Taxonomy.default()
    text = "Militiamen seized the town of Dunfield after fighting with federal troops; eight civilians were killed."
    assert taxonomy.territory_outcome("Looting/property destruction", text, 3)[0] == "Non-state actor overtakes territory"
    looted = "Militiamen seized the town of Dunfield and looted its shops."
    assert taxonomy.territory_outcome("Looting/property destruction", looted, 3) == ("Looting/property destruction", None)


def test_miners_are_no_mines() -> None:
    taxonomy = Taxonomy.default()
    assert not taxonomy.trigger_scores("Soldiers killed twelve gold miners at a mining site.").get(
        "Remote explosive/landmine/IED")
    assert taxonomy.trigger_scores("Two soldiers were killed when their vehicle hit a mine.").get(
        "Remote explosive/landmine/IED")


def test_stoning_vehicles_makes_a_protest_violent() -> None:
    taxonomy = Taxonomy.default()
    text = "Protesters stoned vehicles outside the base in Dunfield; peacekeepers fired tear gas."
    assert taxonomy.apply_precedence("Protest with intervention", text)[0] == "Violent demonstration"


def test_ground_taken_where_the_text_says_nobody_fought_is_a_non_violent_transfer() -> None:
    taxonomy = Taxonomy.default()
    calm = "Rebels took control of the town of Dunfield without a shot being fired, a day after the army pulled out."
    assert taxonomy.territory_outcome("Armed clash", calm, 2)[0] == "Non-violent transfer of territory"
    quiet = "Troops recaptured Marrowby from the militants. No clashes were reported."
    assert taxonomy.territory_outcome("Armed clash", quiet, 1)[0] == "Non-violent transfer of territory"
    # harm told besides the calm words keeps the outcome of a fight
    hurt = "Rebels took control of Dunfield without resistance and then shot dead two soldiers."
    assert taxonomy.territory_outcome("Armed clash", hurt, 2)[0] == "Non-state actor overtakes territory"


def test_defenders_who_say_the_attackers_failed_keep_a_claimed_capture_a_battle() -> None:
    taxonomy = Taxonomy.default()
    for held in ("The militants said they had taken control of part of the base. The enemy failed to enter the camp.",
                 "The militants said they had seized the base; our forces repelled them at the gate, the army said."):
        assert taxonomy.territory_outcome("Armed clash", held, 2) == ("Armed clash", None), held


def test_a_base_set_up_with_nobody_fighting_is_a_base_established() -> None:
    taxonomy = Taxonomy.default()
    base = "The army has set up a new base in the town of Dunfield. There was no fighting, a source said."
    assert taxonomy.apply_precedence("Armed clash", base)[0] == "Headquarters or base established"
    fought = "The army set up a new base in Dunfield after clashes that killed four rebels."
    assert taxonomy.apply_precedence("Armed clash", fought)[0] == "Armed clash"
