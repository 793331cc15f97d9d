import datetime

import pytest
import spacy

from strife.extract.dates import resolve_date, sequence_offset

THURSDAY = datetime.date(2024, 3, 14)


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def resolve(nlp, text, published):
    doc = nlp.make_doc(text)
    return resolve_date(doc, 0, len(text), published, "a1")


def test_weekday_before_publication(nlp) -> None:
    r = resolve(nlp, "Gunmen opened fire on Tuesday near the well.", THURSDAY)
    assert r.date == datetime.date(2024, 3, 12) and r.time_precision == 1
    assert r.evidence.quote == "Tuesday"


def test_a_wire_dateline_dates_the_filing_not_the_event(nlp) -> None:
    text = "ZINDER, March 14 (Reuters) - Gunmen raided a cattle market on Tuesday, traders said."
    r = resolve(nlp, text, THURSDAY)
    assert r.date == datetime.date(2024, 3, 12) and r.evidence.quote == "Tuesday"
    day_first = "MOGADISHU, 14 March (Xinhua) -- Gunmen raided a cattle market on Tuesday, traders said."
    assert resolve(nlp, day_first, THURSDAY).date == datetime.date(2024, 3, 12)
    # the same words opening an ordinary sentence are a date
    plain = "On March 10 gunmen raided a cattle market, traders said."
    assert resolve(nlp, plain, THURSDAY).date == datetime.date(2024, 3, 10)


def test_last_weekday_is_strictly_before(nlp) -> None:
    assert resolve(nlp, "The raid happened last Thursday.", THURSDAY).date == datetime.date(2024, 3, 7)


def test_yesterday_and_last_week(nlp) -> None:
    assert resolve(nlp, "A convoy was hit yesterday.", THURSDAY).date == datetime.date(2024, 3, 13)
    r = resolve(nlp, "Clashes broke out last week in the hills.", THURSDAY)
    assert r.time_precision == 2 and r.date == datetime.date(2024, 3, 7)


def test_explicit_with_and_without_year(nlp) -> None:
    r = resolve(nlp, "On 2 February 2023, a bridge was blown up.", None)
    assert r.date == datetime.date(2023, 2, 2) and r.time_precision == 1
    # No year: the latest year that keeps the date on or before publication.
    assert resolve(nlp, "On 20 December, a bridge was blown up.", THURSDAY).date == datetime.date(2023, 12, 20)
    assert resolve(nlp, "On March 3, a bridge was blown up.", THURSDAY).date == datetime.date(2024, 3, 3)


def test_month_and_approximate_precision(nlp) -> None:
    r = resolve(nlp, "In October 2021 the militia took the town.", None)
    assert r.time_precision == 3 and r.date.month == 10
    assert resolve(nlp, "Fighting flared in mid-June 2022.", None).time_precision == 2
    assert resolve(nlp, "Around 9 July 2021 (as reported), a depot burned.", None).time_precision == 2


def test_unknown_publication_never_invents(nlp) -> None:
    assert resolve(nlp, "Gunmen opened fire on Tuesday near the well.", None) is None
    assert resolve(nlp, "On 20 December, a bridge was blown up.", None) is None


def test_french_relative(nlp) -> None:
    doc = spacy.blank("fr").make_doc("Des hommes armés ont attaqué le poste hier.")
    r = resolve_date(doc, 0, len(doc.text), THURSDAY, None)
    assert r is not None and r.date == datetime.date(2024, 3, 13)


def test_report_date_is_not_the_event_date(nlp) -> None:
    text = "The ministry said on Thursday that rebels stormed the depot on Monday."
    r = resolve(nlp, text, THURSDAY)
    assert r.date == datetime.date(2024, 3, 11)


def test_only_a_report_date_gives_lower_precision(nlp) -> None:
    r = resolve(nlp, "Rebels stormed a depot, the ministry said on Wednesday.", THURSDAY)
    assert r.date == datetime.date(2024, 3, 13) and r.time_precision == 2


def test_fallback_before_span(nlp) -> None:
    text = "Gunmen raided a farm on Saturday. Two herders were taken."
    doc = nlp.make_doc(text)
    start = text.index("Two")
    r = resolve_date(doc, start, len(text), THURSDAY, None)
    assert r is not None and r.date == datetime.date(2024, 3, 9) and r.confidence < 0.75


def test_day_range_uses_last_day(nlp) -> None:
    r = resolve(nlp, "On 3-4 August 2021, clashes took place.", None)
    assert r.date == datetime.date(2021, 8, 4) and r.time_precision == 2


def test_french_weekday() -> None:
    doc = spacy.blank("fr").make_doc("Des hommes armés ont attaqué le poste mardi.")
    r = resolve_date(doc, 0, len(doc.text), THURSDAY, None)
    assert r is not None and r.date == datetime.date(2024, 3, 12)


def test_days_after_the_incident_told_before() -> None:
    assert sequence_offset("Two days later, troops retook the town.") == (2, 0, 14)
    assert sequence_offset("The next day, police arrested five men.")[0] == 1
    assert sequence_offset("A day earlier, gunmen had burned a school.")[0] == -1
    assert sequence_offset("Days later, troops retook the town.") is None
    # "X came a day after another Y": Y is the day before
    assert sequence_offset("The blast came a day after another bomb wounded three soldiers.")[0] == -1
    assert sequence_offset("It came three days after an earlier raid on the camp.")[0] == -3
    assert sequence_offset("Troops retook the town on Monday.") is None


def test_over_the_weekend_is_the_last_weekend(nlp) -> None:
    r = resolve(nlp, "Gunmen raided two villages over the weekend, officials said.", THURSDAY)
    assert r.date == datetime.date(2024, 3, 9) and r.time_precision == 2


def test_a_roundup_s_other_place_takes_its_report_s_day_before_one_told_before_it(nlp) -> None:
    text = ("Gunmen ambushed vigilantes near Dunfield on Sunday. "
            "In Westshire state, police said on Wednesday they had freed nine kidnapped passengers.")
    doc = nlp.make_doc(text)
    start = text.index("In Westshire")
    assert resolve_date(doc, start, len(text), THURSDAY, None).date == datetime.date(2024, 3, 10)
    r = resolve_date(doc, start, len(text), THURSDAY, None, report_first=True)
    assert r is not None and r.date == datetime.date(2024, 3, 13) and r.time_precision == 2

