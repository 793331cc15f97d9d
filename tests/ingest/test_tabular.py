import json
from datetime import date

from strife.ingest import read_bytes, read_sources, read_text
from strife.schema import Article, ReadFailure

from .helpers import FIXTURES


def test_jsonl_good_lines_read_bad_lines_fail_alone():
    path = FIXTURES / "articles.jsonl"
    items = list(read_sources([str(path)], published=date(2023, 1, 1)))
    assert [type(i) for i in items] == [Article, Article, ReadFailure, ReadFailure, Article]
    first, second, bad_json, no_text, french = items
    assert first.title == "Militia raids village near Lake Orro"
    assert first.published == date(2024, 1, 20)
    assert first.url == "https://news.example.org/orro"
    assert first.source == "Example News"
    assert first.section == "Africa"
    assert first.origin == f"{path}#line 1"
    # `body` is accepted for `text`; no date column: the argument is used.
    assert second.body.startswith("An explosion tore through")
    assert second.published == date(2023, 1, 1)
    assert bad_json.origin == f"{path}#line 3"
    assert bad_json.error.startswith("invalid JSON")
    assert no_text.origin == f"{path}#line 4"
    assert no_text.error == "no text or body field"
    assert french.language == "fr"
    assert french.origin == f"{path}#line 5"


def test_jsonl_language_argument_wins_over_column():
    items = read_text('{"text": "Les soldats ont quitté la ville.", "language": "fr"}', "x.jsonl", language="en")
    assert isinstance(items[0], Article) and items[0].language == "en"


def test_jsonl_non_object_line_fails():
    items = read_text('{"text": "A march took place in the capital."}\n[1, 2]\n', "x.jsonl")
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadFailure) and items[1].origin == "x.jsonl#line 2"


def test_json_array_of_records():
    data = json.dumps([{"text": "Troops entered the town.", "title": "Troops enter town"}, {"title": "no text"}])
    items = read_bytes(data.encode(), "batch.json")
    assert isinstance(items[0], Article) and items[0].title == "Troops enter town"
    assert isinstance(items[1], ReadFailure) and items[1].origin == "batch.json#item 2"


def test_csv_rows_with_multiline_text_and_bad_rows():
    path = FIXTURES / "articles.csv"
    items = list(read_sources([str(path)]))
    assert [type(i) for i in items] == [Article, Article, ReadFailure, ReadFailure]
    hadeli, anselm, too_many, bad_date = items
    assert hadeli.title == "Armed men burn school in Hadeli"
    assert hadeli.body == (
        "Armed men set fire to a primary school in Hadeli on Tuesday night.\n"
        "No casualties were reported, the education office said."
    )
    assert hadeli.standfirst == "A school was torched overnight"
    assert hadeli.published == date(2024, 5, 7)
    assert hadeli.url == "https://csv.example.org/hadeli"
    assert hadeli.origin == f"{path}#line 2"
    # The quoted text spans two lines, so the next record starts on line 4.
    assert anselm.origin == f"{path}#line 4"
    assert anselm.published is None
    assert too_many.origin == f"{path}#line 5"
    assert "7 fields" in too_many.error
    assert bad_date.origin == f"{path}#line 6"
    assert "published date" in bad_date.error


def test_csv_sniffed_without_extension_and_semicolons():
    data = "headline;body;date\nRiot in prison;Inmates rioted in the central prison on Monday.;2024-02-03\n"
    items = read_bytes(data.encode(), "export")
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].title == "Riot in prison"
    assert items[0].published == date(2024, 2, 3)


def test_csv_without_text_column_fails():
    items = read_bytes(b"name,count\nfoo,1\n", "table.csv")
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert "no text or body column" in items[0].error


def test_record_text_is_one_paragraph_per_line():
    record = {"title": "Strike at port", "text": "Dockers walked out on Monday.\n\n  Ships queued offshore.  \n\n\nTalks failed."}
    items = read_text(json.dumps(record), "x.jsonl")
    assert isinstance(items[0], Article)
    assert items[0].body == "Dockers walked out on Monday.\nShips queued offshore.\nTalks failed."
