import pytest

from strife.ingest import read_bytes
from strife.ingest.sniff import sniff
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("article.html", "html"),
        ("no_article.html", "html"),
        ("rss.xml", "feed"),
        ("atom.xml", "feed"),
        ("articles.jsonl", "jsonl"),
        ("articles.csv", "csv"),
        ("sectioned.txt", "text"),
        ("plain.txt", "text"),
    ],
)
def test_fixtures_sniffed_by_content_alone(name, kind):
    # No extension and no content type: the content decides.
    assert sniff((FIXTURES / name).read_text(encoding="utf-8"), origin="download") == kind


def test_content_wins_over_misleading_extension():
    assert sniff((FIXTURES / "rss.xml").read_text(encoding="utf-8"), origin="feed.txt") == "feed"
    assert sniff((FIXTURES / "article.html").read_text(encoding="utf-8"), origin="page.txt") == "html"
    assert sniff((FIXTURES / "rss.xml").read_text(encoding="utf-8"), content_type="text/html") == "feed"


def test_bracketed_text_is_not_json():
    assert sniff("[Reuters] Troops crossed the river at dawn, officials said.") == "text"
    assert sniff('[{"text": "Troops crossed the river."}]') == "json"


def test_content_type_decides_what_content_leaves_open():
    table = "text,note\nTroops crossed the river.,x\n"
    assert sniff(table) == "csv"
    assert sniff("A line of text, with commas, but no table header.\nMore text.") == "text"
    assert sniff("Text, images and video were seized by the police.\nMore text.") == "text"
    assert sniff("title,note\nSomething,x\n", content_type="text/csv") == "csv"


def test_reader_crash_is_the_items_failure(monkeypatch):
    import strife.ingest as ingest

    def boom(*args, **kwargs):
        raise RuntimeError("reader exploded\nwith a second line")

    monkeypatch.setattr(ingest, "read_html", boom)
    items = read_bytes((FIXTURES / "article.html").read_bytes(), "page.html")
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error == "could not read: RuntimeError: reader exploded with a second line"
    assert isinstance(read_bytes(b"Plain text still reads fine here.", "a.txt")[0], Article)
