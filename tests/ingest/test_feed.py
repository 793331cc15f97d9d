from datetime import date

from strife.ingest import read_bytes, read_sources, read_text
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES


def test_rss_one_article_per_item():
    items = list(read_sources([str(FIXTURES / "rss.xml")]))
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.title == "Roadside bomb hits convoy near Tamsara"
    assert first.url == "https://wire.example.org/2024/02/convoy"
    assert first.published == date(2024, 2, 13)
    # HTML in the description is stripped, paragraphs kept on their own lines.
    assert "<p>" not in first.body
    assert first.body.splitlines() == [
        "A roadside bomb struck an army supply convoy near Tamsara on Monday, wounding four soldiers, the defence ministry said.",
        "The convoy was travelling to a remote outpost.",
    ]
    assert first.source == "Frontline Wire"
    assert first.origin == f"{FIXTURES / 'rss.xml'}#entry 1"
    assert second.published == date(2024, 2, 14)
    assert second.origin.endswith("#entry 2")
    assert first.id != second.id


def test_atom_entries_with_content_summary_and_dates():
    items = list(read_sources([str(FIXTURES / "atom.xml")]))
    assert [type(i) for i in items] == [Article, Article]
    first, second = items
    assert first.title == "Des hommes armés attaquent un poste de gendarmerie à Dorba"
    assert first.url == "https://veille.example.org/dorba"
    assert first.published == date(2024, 4, 1)  # published, not updated
    assert first.body.startswith("Des hommes armés ont attaqué")
    assert first.language == "fr"
    # No published date: the updated date is the entry's date.
    assert second.published == date(2024, 4, 2)
    assert second.body.startswith("Des centaines d'étudiants")


def test_feed_language_overridden_by_argument():
    items = list(read_sources([str(FIXTURES / "atom.xml")], language="en"))
    assert all(isinstance(i, Article) and i.language == "en" for i in items)


def test_broken_entry_fails_alone():
    items = list(read_sources([str(FIXTURES / "feed_broken_entry.xml")]))
    assert [type(i) for i in items] == [Article, ReadFailure, Article]
    assert items[1].origin.endswith("#entry 2")
    assert "no title and no text" in items[1].error
    assert items[0].published == date(2024, 3, 1)
    assert items[2].title == "Police disperse sit-in outside parliament in Rivaz"


def test_malformed_feed_without_entries_fails():
    items = list(read_sources([str(FIXTURES / "malformed_feed.xml")]))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error.startswith("malformed feed")
    assert "\n" not in items[0].error


def test_feed_sniffed_by_content_and_from_text():
    data = (FIXTURES / "rss.xml").read_bytes()
    assert len([i for i in read_bytes(data, "no-extension") if isinstance(i, Article)]) == 2
    text = data.decode("utf-8")
    assert len([i for i in read_text(text) if isinstance(i, Article)]) == 2


def test_feed_in_declared_legacy_encoding():
    feed = (
        '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Affrontements à Gao</title><description>Des affrontements ont éclaté à Gao mardi.</description>"
        "</item></channel></rss>"
    ).encode("cp1252")
    items = read_bytes(feed, "legacy.xml")
    assert isinstance(items[0], Article)
    assert items[0].title == "Affrontements à Gao"
    assert items[0].body == "Des affrontements ont éclaté à Gao mardi."


def test_truncated_summary_is_not_kept_beside_full_content():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        b"<channel><title>T</title><item><title>Mortar fire hits camp</title>"
        b"<description>Mortar rounds landed inside the displacement camp on Monday [&#8230;]</description>"
        b"<content:encoded>&lt;p&gt;Mortar rounds landed inside the displacement camp on Monday, wounding three children.&lt;/p&gt;"
        b"&lt;p&gt;Aid workers evacuated the injured.&lt;/p&gt;</content:encoded>"
        b"</item></channel></rss>"
    )
    items = read_bytes(feed, "feed.xml")
    assert isinstance(items[0], Article)
    assert items[0].standfirst is None
    assert items[0].body.splitlines() == [
        "Mortar rounds landed inside the displacement camp on Monday, wounding three children.",
        "Aid workers evacuated the injured.",
    ]
