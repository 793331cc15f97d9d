import socket
from datetime import date

from strife.ingest import read_sources
from strife.schema import Article, ReadFailure


def test_html_url(server):
    items = list(read_sources([f"{server}/article"]))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].title == "Gunmen attack market in fictional Karosi district"
    assert items[0].origin == f"{server}/article"
    assert items[0].url == f"{server}/article"
    assert items[0].published == date(2024, 3, 5)


def test_feed_url_content_type(server):
    items = list(read_sources([f"{server}/feed"]))
    assert [type(i) for i in items] == [Article, Article]
    assert items[0].url == "https://wire.example.org/2024/02/convoy"


def test_plain_text_url(server):
    items = list(read_sources([f"{server}/plain"]))
    assert isinstance(items[0], Article)
    assert items[0].title == "Curfew imposed in harbour town after night of unrest"


def test_404_and_500_fail_and_batch_goes_on(server):
    items = list(read_sources([f"{server}/missing", f"{server}/error", f"{server}/plain"]))
    assert items[0] == ReadFailure(origin=f"{server}/missing", error="HTTP 404 Not Found")
    assert items[1].error == "HTTP 500 Internal Server Error"
    assert isinstance(items[2], Article)


def test_timeout(server):
    items = list(read_sources([f"{server}/slow"], timeout=0.3))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error.startswith("timed out")


def test_size_cap_from_content_length_and_while_streaming(server):
    items = list(read_sources([f"{server}/big", f"{server}/big-chunked"], max_bytes=5000))
    assert [type(i) for i in items] == [ReadFailure, ReadFailure]
    assert items[0].error == "too large (20000 bytes > 5000 bytes)"
    assert items[1].error.startswith("too large")


def test_redirects_followed_and_bounded(server):
    items = list(read_sources([f"{server}/redirect", f"{server}/loop"]))
    assert isinstance(items[0], Article)
    assert items[0].origin == f"{server}/redirect"
    assert items[0].url == f"{server}/article"
    assert isinstance(items[1], ReadFailure) and items[1].error.startswith("too many redirects")


def test_redirect_to_other_scheme_refused(server):
    items = list(read_sources([f"{server}/to-ftp"]))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert "unsupported" in items[0].error.lower()


def test_connection_refused():
    # A port that was just free: nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    items = list(read_sources([f"http://127.0.0.1:{port}/nothing"], timeout=2))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error.startswith(("connection failed", "timed out"))
