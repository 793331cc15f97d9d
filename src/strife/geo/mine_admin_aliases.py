"""Build `data/admin_aliases.csv` and `data/place_aliases.csv`: ACLED's spellings of GeoNames units and towns.

ACLED and GeoNames name many subdivisions differently ("Lower Shabelle" / "Shabeele Hoose",
"Zaporizhia" / "Zaporiz'ka Oblast'"). For each coded ACLED row, the unit is read from the
gazetteer place nearest to the row's point (within 15 km); an ACLED name that the gazetteer
does not already give to that unit becomes an alias when most rows with that name agree.

Towns too: cities500 carries each town's local name only, so news spellings are missing
("Patras" for Pátra, "Larissa" for Lárisa). With `--places`, an ACLED location coded at
geo_precision 1 whose name the gazetteer lacks becomes a name of the town at its point (within
3 km, same country) when its rows agree and the two names look alike.
The output holds place names only (no notes, no rows), keyed by GeoNames id.

    python -m strife.geo.mine_admin_aliases EVENTS.csv [EVENTS.csv ...] [--holdout-seed 7]
    python -m strife.geo.mine_admin_aliases --places --split train ../shared/data   # data/place_aliases.csv

`--holdout-seed N` keeps only the even rows after shuffling each file with seed N, so that the
odd rows stay unseen for evaluation; `--split train` keeps the rows `strife train` trains on
(the classifier's held-out rows stay unseen).
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from strife.geo.distance import to_float
from strife.geo.evaluate import in_gazetteer, nearest_place
from strife.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    PLACE,
    Gazetteer,
    _package_data,
    build_columns,
    place_aliases_path,
)
from strife.geo.recognize import lexicon
from strife.geo.text import key

FIELDS = ("alias", "alpha2", "level", "geonameid", "name")
PLACE_FIELDS = ("alias", "alpha2", "geonameid", "name")
PLACE_KM = 3.0  # the town at the coded point
MIN_LIKENESS = 0.6  # "Patras" / "Pátra"; not "Bernal" / "Monte Chingolo" (a neighbour)


def mine(rows: list[dict[str, str]], gaz: Gazetteer, min_rows: int = 2, min_share: float = 0.7) -> list[dict[str, str]]:
    """Alias rows (see FIELDS) from ACLED rows with country, admin1, admin2, latitude, longitude."""
    votes: dict[tuple[str, str, int], Counter[int]] = defaultdict(Counter)
    country_of: dict[str, str | None] = {}
    for row in rows:
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        cname = row.get("country") or ""
        if lat is None or lon is None or not cname:
            continue
        country_of[cname] = alpha2 = gaz.country_code(cname)  # read again below for the spellings
        pid = nearest_place(gaz, lat, lon)
        if alpha2 is None or pid is None or gaz.countries[pid] != alpha2:
            continue
        for level, col, unit in ((ADMIN1, "admin1", gaz.admin1s[pid]), (ADMIN2, "admin2", gaz.admin2s[pid])):
            name = (row.get(col) or "").strip()
            if name:
                votes[(alpha2, key(name), level)][unit] += 1
    names: dict[tuple[str, str, int], str] = {}
    for row in rows:  # a readable spelling for each key
        for level, col in ((ADMIN1, "admin1"), (ADMIN2, "admin2")):
            name = (row.get(col) or "").strip()
            alpha2 = country_of.get(row.get("country") or "")
            if name and alpha2:
                names.setdefault((alpha2, key(name), level), name)
    stop = lexicon().stopwords
    out: list[dict[str, str]] = []
    for (alpha2, k, level), counter in sorted(votes.items()):
        unit, n = counter.most_common(1)[0]
        if unit < 0 or n < min_rows or n < min_share * sum(counter.values()):
            continue
        if unit in gaz.lookup_ids(k) or not gaz.geonameids[unit] or len(k) < 4 or k in stop:
            continue  # already known, not addressable, or a common word ("Capital", "North")
        if any(gaz.kinds[p] == PLACE and gaz.within(p, unit) for p in gaz.lookup_ids(k)):
            continue  # a town of that name inside the unit already places it ("Munchen")
        if any(gaz.kinds[p] == level and gaz.countries[p] == alpha2 for p in gaz.lookup_ids(k)):
            continue  # the name is another unit of the same level: not a spelling of this one
        out.append({"alias": names[(alpha2, k, level)], "alpha2": alpha2, "level": str(level),
                    "geonameid": str(gaz.geonameids[unit]), "name": gaz.names[unit]})
    return out


def mine_places(rows: list[dict[str, str]], gaz: Gazetteer, min_rows: int = 1, min_share: float = 0.7) -> list[dict[str, str]]:
    """Town aliases (see PLACE_FIELDS) from ACLED rows coded at geo_precision 1. One row is enough:
    the point, the country and the likeness of the two names vouch for it."""
    votes: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    spelling: dict[tuple[str, str], str] = {}
    for row in rows:
        name = (row.get("location") or "").strip()
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        if not name or lat is None or lon is None or (to_float(row.get("geo_precision")) or 0) != 1:
            continue
        alpha2 = gaz.country_code(row.get("country") or "")
        if alpha2 is None or in_gazetteer(gaz, row) is not False:
            continue  # known under this name already
        pid = nearest_place(gaz, lat, lon, km=PLACE_KM)
        k = key(name)
        votes[(alpha2, k)][pid if pid is not None and gaz.countries[pid] == alpha2 else -1] += 1
        spelling.setdefault((alpha2, k), name)
    stop = lexicon().stopwords
    out: list[dict[str, str]] = []
    for (alpha2, k), counter in sorted(votes.items()):
        pid, n = counter.most_common(1)[0]
        if pid < 0 or n < min_rows or n < min_share * sum(counter.values()) or len(k) < 4 or k in stop:
            continue
        if SequenceMatcher(None, k, key(gaz.names[pid])).ratio() < MIN_LIKENESS or not gaz.geonameids[pid]:
            continue
        out.append({"alias": spelling[(alpha2, k)], "alpha2": alpha2, "geonameid": str(gaz.geonameids[pid]),
                    "name": gaz.names[pid]})
    return out


def _read_rows(files: list[Path], holdout_seed: int | None, split: str | None) -> list[dict[str, str]]:
    from strife.extract.train import find_csvs, read_gold

    rows: list[dict[str, str]] = []
    for path in find_csvs(files):
        if split is not None:
            rows.extend(read_gold(path).split(split))
            continue
        with path.open(encoding="utf-8") as fh:
            file_rows = list(csv.DictReader(fh))
        if holdout_seed is not None:
            random.Random(holdout_seed).shuffle(file_rows)
            file_rows = file_rows[0::2]
        rows.extend(file_rows)
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--holdout-seed", type=int, default=None)
    ap.add_argument("--split", choices=("train", "all"), default=None, help="the rows `strife train` splits off")
    ap.add_argument("--places", action="store_true", help="mine town spellings (place_aliases.csv)")
    ap.add_argument("--min-rows", type=int, default=None, help="rows that must agree (default: 2 units, 1 town)")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    rows = _read_rows(args.files, args.holdout_seed, args.split)
    # mined against the gazetteer without the alias tables, so that re-mining keeps known aliases
    columns = build_columns(admin_aliases=False, place_aliases=False)
    columns["source_version"] = "mining"
    gaz = Gazetteer(columns)
    if args.places:
        out, fields, path = mine_places(rows, gaz, min_rows=args.min_rows or 1), PLACE_FIELDS, args.out or place_aliases_path()
        header = "# ACLED spellings of GeoNames towns (geo_precision 1 rows); built by strife.geo.mine_admin_aliases\n"
    else:
        out, fields, path = mine(rows, gaz, min_rows=args.min_rows or 2), FIELDS, args.out or _package_data("admin_aliases.csv")
        header = "# ACLED spellings of GeoNames admin units; built by strife.geo.mine_admin_aliases from ACLED\n"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(header)
        fh.write("# exports (place names only)." + ("" if args.places else " level: 1 = admin1, 2 = admin2.") + "\n")
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} aliases -> {path}")


if __name__ == "__main__":
    main()
