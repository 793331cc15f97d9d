import pytest

from strife.ingest import read_bytes, read_sources
from strife.ingest.decode import DecodeError, decode
from strife.schema import Article, ReadFailure


def test_utf8_with_bom():
    assert decode("\ufeffAttaque à Ségou".encode()) == "Attaque à Ségou"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_text_is_decoded(encoding, tmp_path):
    text = (
        "Le général a été blessé à Ségou lors d'une embuscade près de la rivière.\n"
        "Les forces armées ont riposté, selon l'état-major à Bamako."
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    items = list(read_sources([str(path)]))
    assert isinstance(items[0], Article), items
    assert items[0].body == text
    assert items[0].language == "fr"


def test_cp1252_quotes_and_dashes():
    text = "The café owner said “nothing” happened — a résumé of a naïve report."
    assert decode(text.encode("cp1252")) == text


def test_binary_file_fails(tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    items = list(read_sources([str(path)]))
    assert items == [ReadFailure(origin=str(path), error="binary file")]


def test_control_bytes_without_nul_are_binary():
    with pytest.raises(DecodeError, match="binary file"):
        decode(bytes(range(1, 32)) * 50)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_file_fails(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    items = list(read_sources([str(path)]))
    assert items == [ReadFailure(origin=str(path), error="empty")]


def test_utf16_with_bom():
    items = read_bytes("Soldiers were deployed to the port city on Monday.".encode("utf-16"), "u16.txt")
    assert isinstance(items[0], Article)
    assert items[0].body == "Soldiers were deployed to the port city on Monday."


def test_declared_charset_used_when_not_utf8():
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Naïve</title></head><body><article>'
        "<p>Les habitants de Tombouctou ont signalé des tirs près de l'aéroport mardi soir, selon un élu.</p>"
        "<p>Aucune victime n'a été signalée et le calme était revenu à l'aube dans le quartier.</p>"
        "</article></body></html>"
    ).encode("latin-1")
    items = read_bytes(page, "page.html")
    assert isinstance(items[0], Article)
    assert "aéroport" in items[0].body


def test_http_charset_parameter_used():
    text = "Grève générale à Niamey: les écoles fermées."
    assert decode(text.encode("latin-1"), "text/plain; charset=ISO-8859-1") == text


def test_latin1_label_read_as_cp1252():
    text = "Le ministre a déclaré: “la situation est sous contrôle”."
    assert decode(text.encode("cp1252"), "text/plain; charset=iso-8859-1") == text
