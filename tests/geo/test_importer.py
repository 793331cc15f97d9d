import zipfile
from pathlib import Path

import pytest

from strife.geo.gazetteer import Gazetteer
from strife.geo.importer import GeoNamesFormatError, import_geonames

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    base = tmp_path_factory.mktemp("geo-import")
    zpath = base / "ML.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(FIXTURES / "ML.txt", "ML.txt")
        zf.writestr("readme.txt", "GeoNames readme\n")
    apath = base / "alternateNamesV2.zip"
    with zipfile.ZipFile(apath, "w") as zf:
        zf.write(FIXTURES / "alternateNamesV2.txt", "alternateNamesV2.txt")
    places = import_geonames(zpath, base)
    names = import_geonames(apath, base)
    return base, places, names, Gazetteer.load(base)


def test_import_keeps_populated_places_only(imported):
    _base, places, _names, _gaz = imported
    assert places["read"] == 3
    assert places["kept"] == 2  # the hill (feature class T) is left out


def test_imported_village_is_found_with_admin1(imported):
    _base, _p, _n, gaz = imported
    koumara = [p for p in gaz.lookup("Koumara") if p.geonameid == 99900001]
    assert koumara
    assert gaz.admin_name(koumara[0].admin1) in ("Ségou", "Segou")
    assert abs(koumara[0].latitude - 14.1) < 1e-6
    assert gaz.lookup("Kumara")  # its alternate names
    assert gaz.lookup("Koumarah")  # from the alternate-names file (French)


def test_alternate_names_filtered(imported):
    _base, _p, names, gaz = imported
    assert names["kept"] == 2  # the link and the Cyrillic name are dropped
    assert any(p.geonameid == 2451478 for p in gaz.lookup("Segou City"))


def test_existing_place_is_not_duplicated(imported):
    _base, _p, _n, gaz = imported
    assert len([p for p in gaz.lookup("Ké-Macina") if p.geonameid == 2455465]) == 1


def test_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("this is not\ta GeoNames file\n", encoding="utf-8")
    with pytest.raises(GeoNamesFormatError):
        import_geonames(bad, tmp_path)
