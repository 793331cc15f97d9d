from datetime import date

from strife.ingest import read_bytes, read_sources
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES


def test_html_article_title_date_body():
    items = list(read_sources([str(FIXTURES / "article.html")], published=date(1999, 1, 1)))
    assert len(items) == 1
    article = items[0]
    assert isinstance(article, Article)
    assert article.title == "Gunmen attack market in fictional Karosi district"
    # The page's own date wins over the caller's fallback.
    assert article.published == date(2024, 3, 5)
    assert article.body.startswith("Unidentified gunmen on motorbikes attacked")
    assert "No group has claimed responsibility" in article.body
    # Navigation and footer are not article text; the <h1> is not repeated in the body.
    assert "Privacy" not in article.text and "Sport" not in article.text
    assert article.title not in article.body
    assert article.source == "Sahel Monitor"
    assert article.section == "Africa"
    assert article.language == "en"
    assert article.body.count("\n") == 2  # one paragraph per line


def test_html_is_sniffed_without_extension():
    data = (FIXTURES / "article.html").read_bytes()
    items = read_bytes(data, "download-without-extension")
    assert isinstance(items[0], Article)
    assert items[0].title == "Gunmen attack market in fictional Karosi district"


def test_html_without_article_fails():
    items = list(read_sources([str(FIXTURES / "no_article.html")]))
    assert len(items) == 1
    assert isinstance(items[0], ReadFailure)
    assert items[0].error == "HTML page has no article text"


def test_html_without_date_uses_argument_then_none():
    page = (
        b"<html><head><title>Bridge closed after blast</title></head><body><article>"
        b"<h1>Bridge closed after blast</h1>"
        b"<p>Authorities closed the main bridge into the city after an explosion damaged one of its pillars late on Friday.</p>"
        b"<p>Engineers were inspecting the structure and traffic was diverted through the northern districts of the city.</p>"
        b"</article></body></html>"
    )
    with_arg = read_bytes(page, "page.html", published=date(2022, 7, 1))
    assert isinstance(with_arg[0], Article)
    assert with_arg[0].published == date(2022, 7, 1)
    without = read_bytes(page, "page.html")
    assert without[0].published is None
