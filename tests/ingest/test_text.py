from datetime import date

import pytest

from strife.ingest import read_sources, read_text
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES, SAMPLE


def only_article(items: list) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_sectioned_layout_is_split_into_parts():
    article = only_article(list(read_sources([str(FIXTURES / "sectioned.txt")])))
    assert article.section == "Middle East"
    assert article.title == "Drone Strike Hits Fuel Depot In Northern Town Of Qarvel"
    assert article.standfirst == "Officials say the strike caused a fire that burned for several hours"
    assert article.body.splitlines()[0].startswith("A drone struck a fuel depot")
    assert len(article.body.splitlines()) == 3
    assert article.origin == str(FIXTURES / "sectioned.txt")
    assert article.published is None
    assert article.language == "en"


def test_text_is_title_standfirst_body_and_id_hashes_it():
    article = only_article(list(read_sources([str(FIXTURES / "sectioned.txt")])))
    assert article.text == f"{article.title}\n\n{article.standfirst}\n\n{article.body}"
    assert "Middle East" not in article.text
    other = only_article(read_text("Another story entirely, with different words in it."))
    assert article.id != other.id


def test_plain_text_first_line_title_when_it_looks_like_one():
    article = only_article(list(read_sources([str(FIXTURES / "plain.txt")])))
    assert article.section is None
    assert article.standfirst is None
    assert article.title == "Talks resume after week-long pause"
    assert article.body == (
        "Negotiators from both sides returned to the table on Thursday after a week-long pause, a mediator said.\n"
        "The talks are expected to focus on the exchange of prisoners."
    )


def test_plain_text_without_title_is_all_body():
    text = "Gunfire was heard overnight in the east of the city.\nResidents stayed indoors until morning."
    article = only_article(read_text(text))
    assert article.title is None
    assert article.section is None
    assert article.body == text


def test_single_paragraph_is_body_not_title():
    article = only_article(read_text("Clashes erupted near the border crossing on Friday, officials said."))
    assert article.title is None
    assert article.body.startswith("Clashes erupted")


def test_date_line_gives_publication_date_and_is_not_text():
    article = only_article(list(read_sources([str(FIXTURES / "dated.txt")], published=date(2000, 1, 1))))
    assert article.published == date(2024, 6, 18)
    assert article.section == "World"
    assert article.standfirst == "Monitors report no violations since the truce began on Monday"
    assert "Published" not in article.text


def test_published_argument_used_when_document_has_no_date():
    article = only_article(read_text("Shelling hit the outskirts overnight, residents said.", published=date(2023, 1, 12)))
    assert article.published == date(2023, 1, 12)


def test_no_date_anywhere_stays_unknown():
    article = only_article(read_text("Shelling hit the outskirts overnight, residents said."))
    assert article.published is None


def test_blank_lines_between_paragraphs_are_ignored():
    text = "Asia\n\nFloods Displace Thousands In Coastal Province\n\nAid agencies warn of disease outbreaks in camps\n\nHeavy rain flooded dozens of villages.\n\nRoads were cut."
    article = only_article(read_text(text))
    assert article.section == "Asia"
    assert article.title == "Floods Displace Thousands In Coastal Province"
    assert article.body == "Heavy rain flooded dozens of villages.\nRoads were cut."


def test_empty_text_fails():
    items = read_text("   \n\t ")
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error == "empty"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not available")
def test_shared_sample_layout():
    article = only_article(list(read_sources([str(SAMPLE)])))
    lines = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert article.section == "Africa"
    assert article.title == lines[1]
    assert article.standfirst == lines[2]
    assert article.body.splitlines()[0] == lines[3]
    assert article.body.splitlines()[-1] == lines[-1]
    assert article.language == "en"
    assert article.origin == str(SAMPLE)


def test_staff_credits_are_no_part_of_the_report():
    # a reporter named "Sheikh" once placed an event in Somaliland
    text = (
        "World\nSomali forces say they killed 30 fighters\nThe raid targeted a base in the Hiran region\n"
        "Somali forces killed 30 fighters in a raid on Monday, the ministry said.\n"
        "(Reporting by Abdi Sheikh; Writing by George Obulutsa; Editing by Alison Williams)\n"
        "Associated Press writer Sam Mednick in Dakar, Senegal, contributed to this report.\n"
        "Reporting by the BBC found that the raid lasted two hours.\n"
    )
    [article] = read_text(text)
    assert "Sheikh" not in article.body and "Dakar" not in article.body
    assert "Reporting by the BBC found" in article.body  # a sentence that starts like a credit stays


def test_a_brief_is_section_headline_and_one_paragraph():
    article = only_article(read_text(
        "Africa\nTwo Policemen Shot Dead In Lamu\nPublished: 2024-01-12\n"
        "Suspected militants shot dead two police officers on patrol near Mpeketoni on Thursday, police said.\n"
    ))
    assert article.section == "Africa" and article.title == "Two Policemen Shot Dead In Lamu"
    assert article.standfirst is None and article.body.startswith("Suspected militants")
    assert article.published == date(2024, 1, 12)


def test_a_wire_lead_under_the_headline_is_the_body_not_a_standfirst():
    text = ("World\nRebels Kill Nine Guards In Raid On Border Post\n"
            "DUNFIELD, March 3 (Reuters) - Rebels killed nine border guards in a raid on a post near Dunfield on Sunday.\n"
            "The rebels said in a statement that they had killed 15 guards.\n")
    article = only_article(read_text(text))
    assert article.title == "Rebels Kill Nine Guards In Raid On Border Post"
    assert article.standfirst is None
    assert article.body.startswith("DUNFIELD, March 3 (Reuters) - Rebels killed nine")
    # a standfirst with no dateline stays one
    plain = only_article(read_text(text.replace("DUNFIELD, March 3 (Reuters) - ", "")))
    assert plain.standfirst is not None and plain.standfirst.startswith("Rebels killed nine")
