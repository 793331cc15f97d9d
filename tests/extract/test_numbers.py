import pytest

from strife.extract.numbers import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("seven", 7, 7),
        ("23", 23, 23),
        ("twenty-three", 23, 23),
        ("one hundred and five", 105, 105),
        ("2,400", 2400, 2400),
        ("3-6", 3, 6),
        ("between four and nine", 4, 9),
        ("two or three", 2, 3),
        ("no fewer than 14", 14, None),
        ("at least 8", 8, None),
        ("up to 30", None, 30),
        ("dozens", 12, 12),
        ("tens", 10, 10),
        ("hundreds", 100, 100),
        ("a dozen", 12, 12),
        ("three dozen", 36, 36),
        ("several", None, None),
        ("a number of", None, None),
        ("an unknown number of", None, None),
    ],
)
def test_parse_quantity(text: str, low: int | None, high: int | None) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert q[:2] == (low, high)
    assert q[2] == text


def test_not_a_quantity() -> None:
    assert parse_quantity("soldiers") is None
    assert parse_quantity("") is None


def test_find_quantities_in_sentence() -> None:
    text = "Some 40 herders and three dozen goats were lost; between 2 and 5 guards fled."
    found = [(q.low, q.high) for q in find_quantities(text)]
    assert (40, 40) in found and (36, 36) in found and (2, 5) in found


def test_a_list_of_numbers_is_not_one_number() -> None:
    assert parse_quantity("one two three") is None
    assert parse_quantity("thirty forty") is None
