from datetime import date, datetime

import pytest

from strife.ingest.dates import date_line, parse_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("12 January 2023", date(2023, 1, 12)),
        ("Published: 3 Feb 2024", date(2024, 2, 3)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("Tuesday, 12 March 2024 10:30 GMT", date(2024, 3, 12)),
        ("05/03/2024", date(2024, 3, 5)),
    ],
)
def test_date_lines(line, expected):
    assert date_line(line) == expected


@pytest.mark.parametrize("line", ["Africa", "On 12 January 2023 soldiers were killed.", "2023 was a bad year"])
def test_not_date_lines(line):
    assert date_line(line) is None


def test_parse_date_never_fills_from_today():
    assert parse_date("nonsense") is None
    assert parse_date("") is None
    assert parse_date(None) is None
    # Missing parts are not taken from today's date.
    assert parse_date("March") is None
    assert parse_date(datetime(2024, 1, 2, 3, 4)) == date(2024, 1, 2)
