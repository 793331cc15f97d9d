import io
import pathlib
import sys
from datetime import date

from strife.ingest import read_sources
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES


def test_missing_source_fails_and_batch_goes_on(tmp_path):
    missing = tmp_path / "nope.txt"
    items = list(read_sources([str(missing), str(FIXTURES / "plain.txt")]))
    assert items[0] == ReadFailure(origin=str(missing), error="no such file or directory")
    assert isinstance(items[1], Article)


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Fighting resumed in the hills on Sunday, witnesses said.")
    (tmp_path / "a.txt").write_text("Protesters gathered in front of the ministry on Monday.")
    (tmp_path / ".hidden.txt").write_text("Should not be read at all by the folder walk.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("Should not be read either, it sits in a hidden folder.")
    (tmp_path / "c.txt").write_bytes(b"")
    items = list(read_sources([str(tmp_path)]))
    assert [i.origin for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "inner.txt"), str(tmp_path / "c.txt")]
    assert isinstance(items[0], Article) and isinstance(items[1], Article)
    assert isinstance(items[2], ReadFailure) and items[2].error == "empty"


def test_fixture_folder_gives_articles_and_failures_without_raising():
    items = list(read_sources([str(FIXTURES)]))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(articles) >= 10 and failures
    assert all(i.origin for i in items)
    assert all("\n" not in f.error for f in failures)


def test_empty_folder_fails(tmp_path):
    items = list(read_sources([str(tmp_path)]))
    assert items == [ReadFailure(origin=str(tmp_path), error="folder has no files")]


def test_file_over_cap_fails(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Shelling continued overnight. " * 100)
    items = list(read_sources([str(path)], max_bytes=1000))
    assert items == [ReadFailure(origin=str(path), error="too large (3000 bytes > 1000 bytes)")]
    assert isinstance(next(iter(read_sources([str(path)], max_bytes=3000))), Article)


def test_default_cap_refuses_sparse_51_mb_file_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(51_000_000)
    opened = []
    real_open = pathlib.Path.open

    def spy_open(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", spy_open)
    items = list(read_sources([str(path)]))
    assert items == [ReadFailure(origin=str(path), error="too large (51 MB > 50 MB)")]
    assert path not in opened


def test_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b"Clashes broke out at the checkpoint on Friday, police said."))
    monkeypatch.setattr(sys, "stdin", fake)
    items = list(read_sources(["-"], published=date(2024, 1, 2)))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].origin == "<stdin>"
    assert items[0].published == date(2024, 1, 2)


def test_stdin_over_cap(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 500)))
    items = list(read_sources(["-"], max_bytes=100))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].error.startswith("too large")


def test_non_http_schemes_rejected(tmp_path):
    local = tmp_path / "a.txt"
    local.write_text("Some text that would be readable as a file.")
    items = list(read_sources([f"file://{local}", "ftp://127.0.0.1/a.txt"]))
    assert [type(i) for i in items] == [ReadFailure, ReadFailure]
    assert "unsupported URL scheme 'file'" in items[0].error
    assert "unsupported URL scheme 'ftp'" in items[1].error
