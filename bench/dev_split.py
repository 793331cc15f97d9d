"""A development split that never touches the held-out rows: tune on it, score held-out once.

The held-out split (acled-2022's hashed 20 %, Mali's latest year) is for the final figures only.
For day-to-day rule and lexicon work this tool carves a second split out of the TRAINING rows,
with the same rules `strife train` applies:

* `acled-2020-05` is copied into a folder whose name contains "acled-2022", so the seeded hash
  holds out 20 % of it (the world dev rows);
* the Mali file is cut to the years before its held-out year, so its latest remaining year
  (2018) is held out (the Sahel dev rows);
* `acled-2022` is copied as is: its own held-out 20 % stays out of training and out of scoring.

    python bench/dev_split.py make /tmp/dev                    # write the three CSVs
    strife train /tmp/dev --out /tmp/models-dev                # a dev model (~3 min)
    STRIFE_MODEL_DIR=/tmp/models-dev python bench/dev_split.py dump /tmp/dev before.json
    ... change rules, retrain, dump after.json ...
    python bench/dev_split.py compare before.json after.json   # accuracy and the rows that moved

The reverse check (is a rule reading one year's coders?): train with the later Mali year, score the earlier one.

    python bench/dev_split.py reverse /tmp/rev                 # /tmp/rev/train and /tmp/rev/score
    strife train /tmp/rev/train --out /tmp/models-rev
    STRIFE_MODEL_DIR=/tmp/models-rev python bench/dev_split.py dump /tmp/rev/score rev.json all
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "fatalities", "country", "location")


def make(out: Path, data: Path = Path("../shared/data")) -> None:
    rows = _read(data / "acled-mali-2017-2019" / "events.csv")
    last = max(int(r["year"]) for r in rows)
    earlier = [r for r in rows if int(r["year"]) < last]
    years = sorted({r["year"] for r in earlier})
    copies = {
        f"acled-mali-{years[0]}-{years[-1]}": earlier,
        "acled-2022-split-2020-05": _read(data / "acled-2020-05" / "events.csv"),
        "acled-2022": _read(data / "acled-2022" / "events.csv"),
    }
    for name, part in copies.items():
        _write(out / name, part)


def reverse(out: Path, data: Path = Path("../shared/data")) -> None:
    """The dev split the other way round: Mali's second-to-last year trains (a one-year file trains
    on every row), the year before it is scored; the world dev files as in `make`."""
    make(out / "train", data)
    mali = next((out / "train").glob("acled-mali-*/events.csv"))
    rows = _read(mali)
    years = sorted({int(r["year"]) for r in rows})
    later, earlier = years[-1], years[-2]
    shutil.rmtree(mali.parent)
    for folder, year in ((out / "train" / f"mali-{later}-only", later), (out / "score" / f"mali-{earlier}", earlier)):
        _write(folder, [r for r in rows if int(r["year"]) == year])


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(folder: Path, rows: list[dict[str, str]]) -> None:
    """`rows` as folder/events.csv (the layout `strife train` and `strife eval` read)."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "events.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{folder / 'events.csv'}: {len(rows)} rows")


def dump(dev: Path, out: Path, split: str = "heldout") -> None:
    """Per-row predictions (the matched event's fields) on the dev rows, with gold and notes."""
    from strife.eval.harness import best_event, gold_rows
    from strife.extract.train import read_gold
    from strife.pipeline import Pipeline

    pipe = Pipeline(geo=True)
    found: dict[str, dict] = {}
    for path in sorted(p for p in dev.glob("*/events.csv") if p.parent.name != "acled-2022"):
        gold = read_gold(path)
        rows = gold_rows(gold, split)
        for row, result in zip(rows, pipe.process([r.article for r in rows]), strict=True):
            event = best_event(result.events, len(row.article.text))
            entry = {"file": gold.name, "notes": row.row["notes"], "gold": {f: row.row.get(f) for f in FIELDS}}
            if event is not None:
                entry.update({f: getattr(event, f) for f in FIELDS})
            found[f"{gold.name}#{row.row.get('event_id_cnty')}"] = entry
    out.write_text(json.dumps(found), encoding="utf-8")
    print(f"{len(found)} rows -> {out}")


def _right(entry: dict, field: str) -> bool:
    from strife.eval.metrics import norm

    gold, got = entry["gold"].get(field), entry.get(field)
    if field == "fatalities":
        try:
            return got == int(float(gold))
        except (TypeError, ValueError):
            return False
    return norm(gold) == norm(got)


def compare(before: Path, after: Path) -> None:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    for label, d in (("before", a), ("after", b)):
        for name in sorted({v["file"] for v in d.values()}):
            rows = [v for v in d.values() if v["file"] == name]
            scores = " ".join(f"{f}={sum(_right(v, f) for v in rows) / len(rows):.4f}" for f in FIELDS)
            print(f"{label:6} {name} ({len(rows)} rows) {scores}")
    for field in FIELDS:
        moved = [(k, _right(a[k], field), _right(b[k], field)) for k in a if k in b and a[k].get(field) != b[k].get(field)]
        fixed = [k for k, was, now in moved if now and not was]
        broken = [k for k, was, now in moved if was and not now]
        print(f"{field}: fixed {len(fixed)}, broken {len(broken)}")
        for k in broken:
            print(f"  broken {k}: {a[k].get(field)!r} -> {b[k].get(field)!r} | {a[k]['notes'][:150]}")


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "make" and len(args) in (1, 2):
        make(Path(args[0]), *(Path(a) for a in args[1:]))
    elif command == "reverse" and len(args) in (1, 2):
        reverse(Path(args[0]), *(Path(a) for a in args[1:]))
    elif command == "dump" and len(args) in (2, 3):
        dump(Path(args[0]), Path(args[1]), *args[2:])
    elif command == "compare" and len(args) == 2:
        compare(Path(args[0]), Path(args[1]))
    else:
        sys.exit(__doc__)
