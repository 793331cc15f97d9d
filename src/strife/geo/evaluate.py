"""Geographic scores of coded events against gold ACLED rows."""

from __future__ import annotations

import math
import re
from difflib import SequenceMatcher
from statistics import median
from typing import Any

from strife.geo.distance import haversine_km, to_float
from strife.geo.gazetteer import PLACE, Gazetteer, base_admin_names
from strife.geo.text import key
from strife.schema import Event


def _same_country(gaz: Gazetteer, predicted: str | None, gold: str) -> bool:
    if not predicted or not gold:
        return False
    if key(predicted) == key(gold):
        return True
    pa = {gaz.countries[p] for p in gaz.lookup_ids(predicted) if gaz.kinds[p] == 0}
    ga = {gaz.countries[p] for p in gaz.lookup_ids(gold) if gaz.kinds[p] == 0}
    return bool(pa & ga)


_ARTICLES = re.compile(r"^(?:al|as|ash|ad|ar|at|az|an|el|la|le)[ -]")


def _norm_admin(name: str) -> str:
    bases = base_admin_names(name)
    k = key(min(bases, key=len))
    return _ARTICLES.sub("", k).replace("-", " ").replace(" ", "")


_grids: dict[int, dict[tuple[int, int], list[int]]] = {}


def _grid(gaz: Gazetteer) -> dict[tuple[int, int], list[int]]:
    grid = _grids.get(id(gaz))
    if grid is None:
        grid = {}
        for pid, kind in enumerate(gaz.kinds):
            if kind == PLACE and gaz.admin1s[pid] >= 0 and gaz.lats[pid] is not None:
                grid.setdefault((int(gaz.lats[pid] // 0.5), int(gaz.lons[pid] // 0.5)), []).append(pid)
        _grids[id(gaz)] = grid
    return grid


def nearest_place(gaz: Gazetteer, lat: float, lon: float, km: float = 15.0) -> int | None:
    """The gazetteer place (with an admin1) nearest to a point, or None when none is within `km`."""
    grid = _grid(gaz)
    ci, cj = int(lat // 0.5), int(lon // 0.5)
    best: tuple[float, int] | None = None
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for pid in grid.get((ci + di, cj + dj), ()):
                d = haversine_km(lat, lon, gaz.lats[pid], gaz.lons[pid])  # type: ignore[arg-type]
                if d <= km and (best is None or d < best[0]):
                    best = (d, pid)
    return best[1] if best else None


def admin1_at(gaz: Gazetteer, lat: float, lon: float, km: float = 15.0) -> int | None:
    """The admin1 unit of the gazetteer place nearest to a point (None when none is within `km`)."""
    pid = nearest_place(gaz, lat, lon, km)
    return gaz.admin1s[pid] if pid is not None else None


def _same_admin(gaz: Gazetteer, predicted: str | None, gold: dict[str, Any]) -> bool:
    """Same admin1 unit: same name (accent-free, type words and Arabic articles dropped, or two names
    of one gazetteer unit), or the gold point lies at a gazetteer place inside the predicted unit
    (ACLED's admin names often differ from GeoNames': "Lower Shabelle" / "Shabeele Hoose")."""
    gold_name = str(gold.get("admin1") or "")
    if not predicted or not gold_name:
        return False
    if _norm_admin(predicted) == _norm_admin(gold_name):
        return True
    pids = {p for p in gaz.lookup_ids(predicted) if gaz.kinds[p] == 1}
    if pids & {p for p in gaz.lookup_ids(gold_name) if gaz.kinds[p] == 1}:
        return True
    lat, lon = to_float(gold.get("latitude")), to_float(gold.get("longitude"))
    if lat is not None and lon is not None and admin1_at(gaz, lat, lon) in pids:
        return True
    return SequenceMatcher(None, _norm_admin(predicted), _norm_admin(gold_name)).ratio() >= 0.85


def in_gazetteer(gaz: Gazetteer, gold: dict[str, Any], km: float = 25.0) -> bool | None:
    """Whether the gold location's name is in the gazetteer within `km` of the gold point."""
    lat, lon = to_float(gold.get("latitude")), to_float(gold.get("longitude"))
    name = gold.get("location") or ""
    if lat is None or lon is None or not name:
        return None
    for pid in gaz.lookup_ids(name, weak=True):
        plat, plon, _ = gaz.coordinates(pid)
        if plat is not None and plon is not None and haversine_km(lat, lon, plat, plon) <= km:
            return True
    return False


def geo_metrics(pairs: list[tuple[Event, dict[str, Any]]], gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Country/admin1 agreement, km errors and gazetteer coverage of (predicted event, gold row) pairs.

    Gold rows are ACLED rows (country, admin1, location, latitude, longitude, geo_precision as
    read from the CSV). km errors count only events with coordinates; `located` says how many.
    `resolution_within_25km` is the share within 25 km among rows whose gold place IS in the
    gazetteer, so gazetteer gaps and resolution errors can be told apart.
    """
    gaz = gazetteer or Gazetteer.default()
    n = len(pairs)
    if n == 0:
        return {"n": 0}
    country_ok = admin1_ok = admin1_n = located = within = 0
    errors: list[float] = []
    gap = known = known_within = 0
    precision_ok = precision_n = 0
    for event, gold in pairs:
        gold_country = str(gold.get("country") or "")
        if _same_country(gaz, event.country, gold_country):
            country_ok += 1
        if gold.get("admin1"):
            admin1_n += 1
            if _same_admin(gaz, event.admin1, gold):
                admin1_ok += 1
        glat, glon = to_float(gold.get("latitude")), to_float(gold.get("longitude"))
        hit = False
        if glat is not None and glon is not None and event.latitude is not None and event.longitude is not None:
            located += 1
            err = haversine_km(glat, glon, event.latitude, event.longitude)
            errors.append(err)
            hit = err <= 25.0
            within += hit
        covered = in_gazetteer(gaz, gold)
        if covered is False:
            gap += 1
        elif covered:
            known += 1
            known_within += hit
        gp = to_float(gold.get("geo_precision"))
        if gp is not None:
            precision_n += 1
            precision_ok += event.geo_precision == int(gp)
    errors.sort()

    def pct(q: float) -> float | None:
        if not errors:
            return None
        return round(errors[min(len(errors) - 1, int(math.ceil(q * len(errors))) - 1)], 1)

    return {
        "n": n,
        "country": round(country_ok / n, 4),
        "admin1": round(admin1_ok / admin1_n, 4) if admin1_n else None,
        "located": round(located / n, 4),
        "median_km": round(median(errors), 1) if errors else None,
        "p90_km": pct(0.9),
        "within_25km": round(within / n, 4),
        "gazetteer_gap": round(gap / n, 4),
        "resolution_within_25km": round(known_within / known, 4) if known else None,
        "geo_precision": round(precision_ok / precision_n, 4) if precision_n else None,
    }
