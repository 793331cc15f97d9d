import pytest

from strife.ingest import detect_language, read_text
from strife.ingest.language import stopwords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The army said that the attack was carried out by gunmen in the north of the country.", "en"),
        ("L'armée a indiqué que l'attaque a été menée par des hommes armés dans le nord du pays.", "fr"),
        ("El ejército dijo que el ataque fue realizado por hombres armados en el norte del país.", "es"),
        ("O exército disse que o ataque foi realizado por homens armados no norte do país.", "pt"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_no_stop_words_defaults_to_english():
    assert detect_language("12345 !!! ???") == "en"


def test_stop_words_come_from_data_file():
    words = stopwords()
    assert {"en", "fr"} <= set(words)
    assert "the" in words["en"] and "les" in words["fr"]


def test_explicit_language_wins():
    items = read_text("Les soldats ont été déployés dans la ville.", language="en")
    assert items[0].language == "en"
    assert read_text("Les soldats ont été déployés dans la ville.")[0].language == "fr"
