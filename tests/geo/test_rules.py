"""Country and admin rules added for issue 7's targets, on hand-written sentences."""

import pytest

from strife.geo.evaluate import admin1_at
from strife.geo.gazetteer import ADMIN1, PLACE
from strife.geo.mine_admin_aliases import mine, mine_places
from strife.geo.text import key


def test_unique_town_beats_countries_named_as_the_topic(geoparse):
    e = geoparse("About 300 people marched in Clermont-Ferrand to denounce the invasion of Ukraine by Russia.")
    assert e.country == "France"
    assert e.geo_precision == 1


def test_admin_qualifiers_outweigh_an_armed_groups_home_country(geoparse):
    # JNIM is a Malian group, but the place is qualified by Burkina Faso's units
    e = geoparse("Suspected JNIM militants burned a school in Zorbagou (Pama, Kompienga) on Friday.")
    assert e.country == "Burkina Faso"
    assert e.geo_precision in (1, 2)


def test_armed_group_country_still_rejects_a_small_namesake_abroad(geoparse):
    e = geoparse("Presumed Katiba Macina militants clashed with villagers near Mandoli, killing two.")
    assert e.country != "India"


def test_dotless_i_and_transliteration_marks_fold():
    assert key("Diyarbakır") == "diyarbakir"
    assert key("Łódź") == "lodz"
    assert key("Shaʿbān") == "shaban"


def test_qualifier_written_with_turkish_letters(geoparse):
    e = geoparse("Relatives of prisoners protested in front of a school in Yenisehir (Diyarbakir).")
    assert e.country == "Turkey"
    assert key(e.admin1 or "") == "diyarbakir"


def test_unknown_name_inside_parentheses_keeps_the_chain(geoparse):
    e = geoparse("Citizens rallied in Qwertyville (Qwertyville, Tanger-Tetouan-Al Hoceima) against prices.")
    assert e.country == "Morocco"
    assert e.admin1 is not None and key(e.admin1).startswith("tanger")
    assert e.geo_precision == 3


def test_partial_name_is_not_a_qualifier(geoparse):
    e = geoparse("Inmates set fire to a kitchen in Port Elizabeth (Nelson Mandela Bay, Eastern Cape) on Sunday.")
    assert e.country == "South Africa"
    assert key(e.admin1 or "") == "eastern cape"


def test_actor_region_prefers_the_namesake_where_it_operates(geoparse):
    e = geoparse("The OSCE SMM observed 12 explosions near Blahodatne.")
    assert e.country == "Ukraine"
    assert key(e.admin1 or "").startswith("donets")


def test_mined_admin_alias_points_at_the_unit_that_holds_the_points(gaz):
    town = max((p for p in gaz.lookup_ids("Zaporizhzhia") if gaz.kinds[p] == PLACE), key=lambda p: gaz.populations[p])
    lat, lon = gaz.lats[town], gaz.lons[town]
    unit = admin1_at(gaz, lat, lon)
    assert unit is not None and gaz.kinds[unit] == ADMIN1
    rows = [
        {"country": "Ukraine", "admin1": "Zaporizzhe Land", "admin2": "", "latitude": str(lat + d), "longitude": str(lon)}
        for d in (0.0, 0.01, 0.02)
    ]
    out = mine(rows, gaz)
    assert [(r["alias"], r["level"], int(r["geonameid"])) for r in out] == [
        ("Zaporizzhe Land", str(ADMIN1), gaz.geonameids[unit])
    ]
    assert mine(rows[:1], gaz) == []  # one row is not enough


def test_mined_place_alias_needs_the_town_at_the_point_and_a_like_name(gaz):
    town = max((p for p in gaz.lookup_ids("Patra") if gaz.countries[p] == "GR"), key=lambda p: gaz.populations[p])
    lat, lon = gaz.lats[town], gaz.lons[town]

    def row(name: str, precision: str = "1") -> dict[str, str]:
        return {"country": "Greece", "location": name, "geo_precision": precision, "latitude": str(lat), "longitude": str(lon)}

    out = mine_places([row("Patrasso"), row("Kastro Rionou"), row("Patrassos", "2")], gaz)
    assert [(r["alias"], int(r["geonameid"])) for r in out] == [("Patrasso", gaz.geonameids[town])]
    # a known name, or the same point filed under another country, mines nothing
    assert mine_places([row("Patra")], gaz) == []
    assert mine_places([{**row("Patrasso"), "country": "Italy"}], gaz) == []


def test_mined_place_alias_table_is_loaded(gaz):
    # ACLED's "Dunkerque" is GeoNames' Dunkirk (data/place_aliases.csv)
    assert any(gaz.countries[p] == "FR" and gaz.kinds[p] == PLACE for p in gaz.lookup_ids("Dunkerque"))


def test_mined_alias_table_is_loaded(gaz):
    # "Zaporizhia" is ACLED's spelling, mined into data/admin_aliases.csv
    assert any(gaz.kinds[p] == ADMIN1 and gaz.countries[p] == "UA" for p in gaz.lookup_ids("Zaporizhia"))


def test_armed_forces_adjective_does_not_pick_the_namesake(geoparse):
    # "Russian forces" names the attacker's side, not the country of the place
    e = geoparse("Russian forces shelled houses in Donetsk on Monday.")
    assert e.country == "Ukraine"


def test_one_name_one_place_in_a_text(geoparse):
    e = geoparse("Teachers marched in Merida state on Monday; the march ended in central Merida.")
    assert e.country == "Venezuela"


def test_protest_at_an_embassy_is_in_the_host_city(geoparse):
    e = geoparse("Hundreds protested outside the Russian Embassy in Canberra against the war in Ukraine.")
    assert e.country == "Australia"
    assert key(e.location or "") == "canberra"


def test_lowercase_arabic_article(geoparse):
    e = geoparse("Gunmen killed two civilians in al Bab, north of Aleppo.")
    assert e.country == "Syria"
    assert key(e.location or "") == "al bab"


def test_actor_region_fallback_for_an_unknown_village(geoparse):
    e = geoparse("The OSCE SMM recorded 5 explosions near Qwertivka.")
    assert e.country == "Ukraine"
    assert key(e.admin1 or "").startswith("donets")
    assert e.geo_precision == 3


def test_type_word_alone_is_no_place(geoparse):
    e = geoparse("Traders protested in Jamalpur Municipality (Jamalpur, Mymensingh) over prices.")
    assert e.country == "Bangladesh"


def test_end_of_an_unknown_name_is_not_a_namesake(geoparse):
    # "Qala" alone is a unit of Malta; "Yangi Qala" is unknown to the default gazetteer
    e = geoparse("Police clashed with militants in Yangi Qala district, Takhar province.")
    assert e.country == "Afghanistan"
    assert key(e.admin1 or "") == "takhar"


def test_names_inside_an_event_name_are_not_places(geoparse):
    e = geoparse("A farmer was wounded by a mine left from the Iran-Iraq War in Mehran county.")
    assert e.country == "Iran"


def test_us_state_in_parentheses_is_not_the_country(geoparse):
    e = geoparse("Students staged walk-outs at a school in Decatur (Georgia) in support of abortion rights.")
    assert e.country == "United States"
    assert key(e.admin1 or "") == "georgia"


def test_head_of_a_long_spanish_town_name(geoparse):
    # GeoNames calls it "Acapulco de Juárez"; news write "Acapulco"
    e = geoparse("In Acapulco, Guerrero, a vehicle was set on fire in a neighbourhood.")
    assert e.country == "Mexico"
    assert key(e.location or "").startswith("acapulco")


def test_party_name_is_not_a_place(geoparse):
    e = geoparse("The Revival party led a protest in Sofia against vaccination certificates.")
    assert e.country == "Bulgaria"


def test_facility_noun_is_not_a_place_heading_a_chain(geoparse):
    e = geoparse("Parishioners rallied at the Orthodox Cathedral in Parma (Ohio) to show support for Ukraine.")
    assert e.country == "United States"
    assert key(e.admin1 or "") == "ohio"


def test_country_name_qualified_as_a_town(geoparse):
    e = geoparse("In Salvador (Bahia), ten gang members exchanged fire with police.")
    assert e.country == "Brazil"


def test_currency_is_no_country_cue(geoparse):
    e = geoparse("Protesters angry at the high US dollar exchange rate blocked a road in Qwertyabad.")
    assert e.country != "United States"


def test_learned_country_prior_places_an_unknown_village(geoparse, gaz) -> None:
    from strife.geo.prior import country_model, country_priors

    if country_model() is None:
        pytest.skip("no country model in this model folder")
    text = "Suspected Dan Na Ambassagou militiamen burned the hamlet of Kouroubantyi-Peul, no casualties reported."
    prior = country_priors([text], gaz)[0]
    assert prior is not None and prior.country == "ML"
    e = geoparse(text)
    assert e.country == "Mali"
    assert e.latitude is None  # a country and no invented town


def test_learned_country_prior_needs_a_name(gaz) -> None:
    from strife.geo.prior import country_priors

    assert country_priors(["gunmen killed two people in a village on Tuesday."], gaz) == [None]


def test_a_country_named_as_the_topic_is_not_the_place(geoparse) -> None:
    e = geoparse("About 300 people rallied in Leipzig against the war in Ukraine on Saturday.")
    assert e.country == "Germany"
    e = geoparse("Students marched in Valparaiso to denounce Russia's invasion of Georgia.")
    assert e.country == "Chile"


def test_a_big_city_keeps_its_name_when_only_a_country_name_points_elsewhere(geoparse) -> None:
    e = geoparse("Residents gathered in Plymouth to protest the deportation of asylum seekers to Rwanda.")
    assert e.country == "United Kingdom"


def _focus(nlp, gaz, text: str):
    """The country focus of a text, with no actors and no learned prior."""
    from strife.geo.recognize import find_mentions
    from strife.geo.resolve import country_focus

    return country_focus(find_mentions(nlp(text), gaz), gaz, text, [])


def test_a_cause_is_a_weak_country_cue(nlp, gaz) -> None:
    def weight(text: str) -> float:
        return _focus(nlp, gaz, text).weights["UA"]

    assert weight("Some 40 people rallied in Leeds to support Ukraine.") < 1.0
    assert weight("Some 40 people held a pro-Ukraine rally in Leeds.") < 1.0
    assert weight("Shelling hit a market in Ukraine.") >= 2.0


def test_the_larger_qualifier_names_the_country_when_the_chain_disagrees(nlp, gaz) -> None:
    # "Durango" reads first as the Mexican state; "(Colorado)" says the US
    focus = _focus(nlp, gaz, "Veterans gathered at the Hall and Courthouse in Durango (Colorado) on Sunday.")
    assert focus.top == "US"


def test_a_country_name_in_a_chain_is_the_state_holding_the_units_before_it(nlp, gaz) -> None:
    # "Niger" after a Nigerian local government area is Niger State, Nigeria
    focus = _focus(nlp, gaz, "Gunmen attacked farmers in Unguwar Kwara (Shiroro, Niger) on Monday.")
    assert focus.strong.most_common(1)[0][0] == "NG"
    assert focus.explicit.get("NE", 0) == 0  # read as the state, it is no cue for the country Niger


def test_the_place_the_text_qualifies_is_where_the_event_is(geoparse) -> None:
    # the text is mostly about India; the rally's own place, qualified by its units, is in Pakistan
    e = geoparse(
        "Villagers rallied in Kuragh town (Chitral, Khyber Pakhtunkhwa) against the rule of India in Kashmir, "
        "asking India to free Jammu and Kashmir and Jammu city."
    )
    assert e.country == "Pakistan"


def test_an_unsure_country_prior_does_not_set_the_only_place_aside(geoparse, gaz) -> None:
    # an unsure prior (its guess comes mostly from the largest class) is no cue of the text's own:
    # the one place named, found in Albania (and as a French village), stays where it is
    from strife.geo.prior import CountryPrior

    text = "About 30 textile workers held a protest in Berat, demanding government aid."
    unsure = geoparse(text, prior=CountryPrior("ML", -0.3))
    assert unsure.country == "Albania" and unsure.location == "Berat"
    sure = geoparse(text, prior=CountryPrior("ML", 0.8))  # a sure prior still sets a namesake abroad aside
    assert sure.country == "Mali" and sure.latitude is None


def test_a_misspelt_unit_in_parentheses_is_read_as_the_closest_unit(geoparse) -> None:
    e = geoparse("Gunmen burned a granary in Qwertykoro (Banfora, Cascadess) on Monday.")
    assert e.country == "Burkina Faso"
    assert e.admin1 == "Cascades"


def test_a_remark_in_parentheses_is_no_unit(nlp, gaz) -> None:
    from strife.geo.recognize import find_mentions

    text = "Gunmen burned a granary near Qwertykoro (coded as Kompiengaa at geoprecision 2) on Monday."
    assert not any(m.ids for m in find_mentions(nlp(text), gaz))
    text = "Gunmen burned a granary near Qwertykoro (Kompiengaa) on Monday."
    assert any(gaz.countries[p] == "BF" for m in find_mentions(nlp(text), gaz) for p in m.ids)


def test_a_region_named_after_of_the_qualifies_the_place(geoparse, gaz) -> None:
    # the unit's name is also a town abroad (Brest, France) that the prior leans to; "of the Brest
    # region" says which Brest, and so where Pinsk is
    from strife.geo.prior import CountryPrior

    text = "About twenty people held a protest in Pinsk of the Brest region on Sunday."
    e = geoparse(text, prior=CountryPrior("FR", 0.2))
    assert e.country == "Belarus"
    assert e.location == "Pinsk"


def test_a_flood_of_bracketed_unknown_names_is_read_within_a_budget(nlp, gaz, monkeypatch) -> None:
    from strife.geo import recognize

    calls: list[str] = []
    real = gaz.closest_units
    monkeypatch.setattr(gaz, "closest_units", lambda name, ratio: calls.append(name) or real(name, ratio))
    text = " ".join(f"Gunmen burned Qwerty{i}koro (Zxcvbn{i}ville)." for i in range(300))
    recognize.find_mentions(nlp(text), gaz)
    assert 0 < len(calls) <= recognize.MAX_FUZZY_LOOKUPS


def _admin1(gaz, country: str, name: str) -> int:
    from strife.geo.gazetteer import ADMIN1

    return next(p for p in gaz.lookup_ids(name) if gaz.kinds[p] == ADMIN1 and gaz.countries[p] == country)


def test_the_admin1_prior_names_the_region_of_an_unknown_village(geoparse, gaz) -> None:
    from strife.geo.prior import Admin1Prior, CountryPrior

    text = "Unknown gunmen burned the hamlet of Qwertykoro-Peul, no casualties reported."
    e = geoparse(text, prior=CountryPrior("ML", 0.5), admin1_prior=Admin1Prior(_admin1(gaz, "ML", "Mopti"), "ML", 0.2))
    assert e.country == "Mali" and e.admin1 == "Mopti"
    assert e.latitude is None and e.geo_precision is None  # a region named, no point invented
    assert 0.5 <= e.confidence["admin1"] < 1.0


def test_the_admin1_prior_keeps_out_of_another_country_and_of_a_placed_event(geoparse, gaz) -> None:
    from strife.geo.prior import Admin1Prior, CountryPrior

    text = "Unknown gunmen burned the hamlet of Qwertykoro-Peul, no casualties reported."
    segou = Admin1Prior(_admin1(gaz, "ML", "Ségou"), "ML", 0.5)
    e = geoparse(text, prior=CountryPrior("BF", 0.5), admin1_prior=segou)
    assert e.country == "Burkina Faso" and e.admin1 is None
    # a town the text names decides its own admin1
    e = geoparse("Unknown gunmen burned shops in Kayes on Monday.", prior=CountryPrior("ML", 0.5), admin1_prior=segou)
    assert e.location == "Kayes" and e.admin1 == "Kayes"


def test_an_admin1_label_finds_its_unit_under_another_spelling(gaz) -> None:
    from strife.geo.prior import _unit, admin1_units_by_country

    units_of = admin1_units_by_country(gaz)
    assert _unit(gaz, "Mali|Segou", units_of) == _admin1(gaz, "ML", "Ségou")
    assert _unit(gaz, "Burkina Faso|Cascadess", units_of) == _admin1(gaz, "BF", "Cascades")
    assert _unit(gaz, "Mali|Qwertyland", units_of) is None
    assert _unit(gaz, "Atlantis|Mopti", units_of) is None


def test_learned_admin1_prior_reads_actors_and_names(gaz) -> None:
    from strife.geo.prior import admin1_model, admin1_priors

    if admin1_model() is None:
        pytest.skip("no admin1 model in this model folder")
    text = "Suspected Dan Na Ambassagou militiamen burned the hamlet of Kouroubantyi-Peul near Bankass."
    prior = admin1_priors([text], gaz)[0]
    assert prior is not None and prior.country == "ML" and gaz.names[prior.unit] == "Mopti"
    assert admin1_priors(["gunmen killed two people in a village on Tuesday."], gaz) == [None]


def test_a_type_word_picks_the_unit_of_that_type(geoparse) -> None:
    # Bolivar is a Colombian department, an Ecuadorian province and a Venezuelan state
    e = geoparse("Gunmen shot a shopkeeper in Qwertytown, Bolivar state, on Sunday.")
    assert e.country == "Venezuela" and e.admin1 == "Bolívar"
    # Ouest is a region of Cameroon, a province of Rwanda and a department of Haiti
    e = geoparse("Teachers marched in Qwertyville, Ouest department, to demand back pay.")
    assert e.country == "Haiti"


def test_a_country_name_before_a_comma_and_its_unit_is_the_town(geoparse) -> None:
    e = geoparse("Dock workers walked off the job in Salvador, Bahia, over unpaid bonuses.")
    assert e.country == "Brazil" and e.location == "Salvador"
    e = geoparse("Dock workers walked off the job in El Salvador, demanding bonuses.")
    assert e.country == "El Salvador"


def test_a_big_city_heading_a_longer_unknown_name_abroad_is_no_reading(geoparse, gaz) -> None:
    # "Lagos Koura" is an unknown village in a text about Mali, not Nigeria's largest city
    from strife.geo.prior import CountryPrior

    text = "Suspected Katiba Macina militants burned shops in Lagos Koura on Monday."
    e = geoparse(text, prior=CountryPrior("ML", 0.8))
    assert e.country == "Mali" and e.location is None
    e = geoparse("Suspected gunmen burned shops in Lagos on Monday.", prior=CountryPrior("ML", 0.8))
    assert e.location == "Lagos"  # the whole name, a city of millions, keeps its reading


def test_a_namesake_named_twice_is_still_one_vote(nlp, gaz) -> None:
    # Portugal's Moura, told twice, is not a second cue for itself in a text about Mali
    from strife.geo.recognize import find_mentions
    from strife.geo.resolve import country_focus, resolve_mentions

    text = ("Malian soldiers executed dozens of men in the central town of Moura over several days, a rights "
            "group said. Mali's army said it killed militants in an operation in Moura.")
    doc = nlp(text)
    mentions = find_mentions(doc, gaz)
    resolved = resolve_mentions(mentions, gaz, country_focus(mentions, gaz, text, []))
    moura = [r for r in resolved if r.mention.text == "Moura"]
    assert len(moura) == 2 and all(r.pid is None for r in moura)


def test_a_title_case_headline_clause_is_no_unknown_place(nlp, gaz) -> None:
    from strife.geo.recognize import find_mentions

    doc = nlp("Troops And Foreign Fighters Killed Hundreds In Moura, Rights Group Says")
    assert not any("Killed" in m.text for m in find_mentions(doc, gaz))
