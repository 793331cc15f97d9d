"""Build `data/admin_aliases.csv`: ACLED's spellings of admin1/admin2 units mapped to GeoNames units.

ACLED and GeoNames name many subdivisions differently ("Lower Shabelle" / "Shabeele Hoose",
"Zaporizhia" / "Zaporiz'ka Oblast'"). For each coded ACLED row, the unit is read from the
gazetteer place nearest to the row's point (within 15 km); an ACLED name that the gazetteer
does not already give to that unit becomes an alias when most rows with that name agree.
The output holds place names only (no notes, no rows), keyed by GeoNames id.

    python -m strife.geo.mine_admin_aliases EVENTS.csv [EVENTS.csv ...] [--holdout-seed 7]

`--holdout-seed N` keeps only the even rows after shuffling each file with seed N, so that the
odd rows stay unseen for evaluation.
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter, defaultdict
from pathlib import Path

from strife.geo.distance import to_float
from strife.geo.evaluate import nearest_place
from strife.geo.gazetteer import ADMIN1, ADMIN2, COUNTRY, PLACE, Gazetteer, _package_data, build_columns
from strife.geo.recognize import lexicon
from strife.geo.text import key

FIELDS = ("alias", "alpha2", "level", "geonameid", "name")


def mine(rows: list[dict[str, str]], gaz: Gazetteer, min_rows: int = 2, min_share: float = 0.7) -> list[dict[str, str]]:
    """Alias rows (see FIELDS) from ACLED rows with country, admin1, admin2, latitude, longitude."""
    votes: dict[tuple[str, str, int], Counter[int]] = defaultdict(Counter)
    country_of: dict[str, str | None] = {}
    for row in rows:
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        cname = row.get("country") or ""
        if lat is None or lon is None or not cname:
            continue
        if cname not in country_of:
            ids = [p for p in gaz.lookup_ids(cname) if gaz.kinds[p] == COUNTRY]
            country_of[cname] = gaz.countries[ids[0]] if ids else None
        alpha2 = country_of[cname]
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


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--holdout-seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=_package_data("admin_aliases.csv"))
    args = ap.parse_args(argv)
    rows: list[dict[str, str]] = []
    for path in args.files:
        with path.open(encoding="utf-8") as fh:
            file_rows = list(csv.DictReader(fh))
        if args.holdout_seed is not None:
            random.Random(args.holdout_seed).shuffle(file_rows)
            file_rows = file_rows[0::2]
        rows.extend(file_rows)
    # mined against the gazetteer without the alias table, so that re-mining keeps known aliases
    columns = build_columns(admin_aliases=False)
    columns["source_version"] = "mining"
    gaz = Gazetteer(columns)
    out = mine(rows, gaz)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# ACLED spellings of GeoNames admin units; built by strife.geo.mine_admin_aliases from ACLED\n")
        fh.write("# exports (place names only). level: 1 = admin1, 2 = admin2.\n")
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} aliases -> {args.out}")


if __name__ == "__main__":
    main()
