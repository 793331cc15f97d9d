"""Import of full GeoNames dumps into the gazetteer (villages and alternate names).

Accepts GeoNames' own files as downloaded: `allCountries.zip`, a country file such as
`ML.zip` (or the `.txt` inside), and `alternateNamesV2.zip` / `alternateNames.zip`. Reads
them line by line (bounded memory, whatever their size) and writes a filtered, normalized
copy under `<data dir>/geo/imports/`; the next `Gazetteer.load()` sees the new files (the
cache key covers them) and rebuilds with them.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from strife.geo.gazetteer import Gazetteer, imports_dir
from strife.geo.text import fold

# GeoNames feature classes kept from a full dump: P = populated places (cities, towns, villages).
KEEP_CLASSES = frozenset({"P"})
# Alternate-name languages kept: unspecified, English, French (the languages of the news read).
KEEP_LANGUAGES = frozenset({"", "en", "fr"})


class GeoNamesFormatError(ValueError):
    """A file that is not in GeoNames' format."""


def _latin(name: str) -> bool:
    return bool(name) and fold(name).isascii()


@contextmanager
def _open_lines(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """(member name, text stream) of a GeoNames .zip or .txt file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            if not members:
                raise GeoNamesFormatError(f"{path}: no GeoNames .txt file inside the zip")
            member = max(members, key=lambda m: zf.getinfo(m).file_size)
            with zf.open(member) as raw:
                yield member, io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with path.open(encoding="utf-8", newline="") as fh:
            yield path.name, fh


def import_geonames(path: str | Path, base: Path | None = None) -> dict[str, int | str]:
    """Import one GeoNames file; returns what was read and kept. Rebuild happens at next load."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    out_dir = imports_dir(base)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _open_lines(path) as (member, lines):
        stem = Path(member).stem
        if stem.lower().startswith("alternatename"):
            known = _known_geonameids(base)
            return _import_altnames(lines, out_dir / f"altnames-{stem}.tsv", known)
        return _import_places(lines, out_dir / f"places-{stem}.tsv")


_BAD = object()  # a line not in the expected format (counted; None means "skip quietly")


def _write_rows(
    lines: io.TextIOBase, target: Path, convert: Callable[[list[str]], object]
) -> tuple[Path, dict[str, int | str]]:
    """Stream GeoNames lines through `convert` (output line, None to skip, or _BAD) into a temp file."""
    read = kept = bad = 0
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as out:
        for line in lines:
            read += 1
            row = convert(line.rstrip("\r\n").split("\t"))
            if row is _BAD:
                bad += 1
            elif row is not None:
                out.write(f"{row}\n")
                kept += 1
    return tmp, {"file": target.name, "read": read, "kept": kept, "bad": bad}


def _place_row(f: list[str]) -> object:
    if len(f) < 15 or not f[0].isdigit():
        return _BAD
    if f[6] not in KEEP_CLASSES:
        return None
    try:
        float(f[4]), float(f[5])
    except ValueError:
        return _BAD
    alts = [a for a in [f[2], *f[3].split(",")] if _latin(a) and a != f[1] and "\t" not in a]
    pop = f[14] if f[14].isdigit() else "0"
    return "\t".join([f[0], f[1], "|".join(dict.fromkeys(alts)), f[4], f[5], f[7], f[8], f[10], f[11], f[12], pop])


def _import_places(lines: io.TextIOBase, target: Path) -> dict[str, int | str]:
    tmp, counts = _write_rows(lines, target, _place_row)
    if counts["kept"] == 0 and counts["bad"]:
        tmp.unlink(missing_ok=True)
        raise GeoNamesFormatError(f"no GeoNames rows found ({counts['bad']} lines not in GeoNames' 19-column format)")
    os.replace(tmp, target)
    return counts


def _known_geonameids(base: Path | None) -> set[int]:
    """GeoNames ids of the gazetteer's places and of places imported so far (alternate names are
    kept only for these, which bounds what an allCountries-size alternate-names file adds)."""
    gaz = Gazetteer.load(base)
    known = {g for g in gaz.geonameids if g}
    for path in imports_dir(base).glob("places-*.tsv"):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                head = line.split("\t", 1)[0]
                if head.isdigit():
                    known.add(int(head))
    return known


def _import_altnames(lines: io.TextIOBase, target: Path, known: set[int]) -> dict[str, int | str]:
    def altname_row(f: list[str]) -> object:
        if len(f) < 4 or not f[1].isdigit():
            return _BAD
        if f[2] not in KEEP_LANGUAGES or int(f[1]) not in known or not _latin(f[3]):
            return None
        if len(f) > 7 and f[7] == "1":  # historic name
            return None
        return f"{f[1]}\t{f[3]}"

    tmp, counts = _write_rows(lines, target, altname_row)
    if counts["kept"] == 0 and counts["bad"] and counts["bad"] == counts["read"]:
        tmp.unlink(missing_ok=True)
        raise GeoNamesFormatError("no rows in GeoNames' alternate-names format")
    os.replace(tmp, target)
    return counts
