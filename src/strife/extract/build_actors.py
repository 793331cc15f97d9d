"""Build the generated actor tables from ACLED-style CSV exports.

    python -m strife.extract.build_actors ../shared/data [--hold-out acled-2022 acled-mali-2017-2019:2019]

Writes two files next to the curated `actors.yaml` (names, codes and short
phrases only, never notes text):

- `actors_generated.csv`: every actor name seen in the exports with its usual
  inter code, its country, the period parsed from state-force names and the
  dates it was seen (used to pick the state-force name in force at a date).
- `actors_mined.csv`: aliases mined from the notes: short phrases (an acronym,
  a capitalised name, "<Name> forces/militants") that co-occur with one
  canonical actor in most rows where they appear, across several provinces so
  that place names do not qualify.

`--hold-out SET[:YEAR]` keeps exports (or one year of one) out of the mining so
that a held-out slice stays unseen.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

STATE_RE = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?) \((\d{4})-(\d{4})?\)\s*(.*)$")
GENERIC_RE = re.compile(r"^(.+?) \(([^()\d][^()]*)\)$")

# Actors the rules of actors.py produce from nouns ("protesters", "gunmen"); not mined.
GENERIC_PREFIXES = (
    "Protesters (", "Rioters (", "Civilians (", "Unidentified Armed Group (",
)

# Heads that make "<Name> <head>" an actor phrase.
HEADS = {
    "forces", "force", "militants", "militant", "militia", "militiamen", "militias", "fighters", "rebels",
    "soldiers", "troops", "members", "group", "elements", "jihadists", "insurgents", "army", "military",
    "coalition", "police", "gunmen", "units", "unit", "brigade", "battalion", "combatants", "guards",
    "supporters", "cartel", "gang", "movement", "army's", "operatives",
}
STOP = {
    "on", "in", "the", "of", "and", "a", "an", "at", "to", "by", "from", "with", "near", "for", "as",
    "was", "were", "is", "are", "that", "this", "which", "who", "around", "reported", "between", "its",
    "their", "his", "her", "it", "he", "they", "after", "during", "while", "had", "has", "have", "been",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}
WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'’\-]*")


KNOWN_COUNTRIES: set[str] = set()


def read_rows(data_dir: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(data_dir.glob("*/events.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                row["_set"] = path.parent.name
                rows.append(row)
    return rows


def row_actors(row: dict[str, str]) -> list[str]:
    names = [row.get("actor1", ""), row.get("actor2", "")]
    for key in ("assoc_actor_1", "assoc_actor_2"):
        names += (row.get(key) or "").split(";")
    return [n.strip() for n in names if n and n.strip()]


def _inter(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def build_generated(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    inters: dict[str, Counter[int]] = defaultdict(Counter)
    countries: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        d = row.get("event_date", "")[:10]
        for key, ikey in (("actor1", "inter1"), ("actor2", "inter2")):
            name = (row.get(key) or "").strip()
            if name:
                code = _inter(row.get(ikey))
                if code:
                    inters[name][code] += 1
        for name in row_actors(row):
            countries[name][row.get("country", "")] += 1
            if d:
                seen[name].append(d)
    out: list[dict[str, object]] = []
    for name in sorted(set(seen) | set(inters)):
        state = STATE_RE.match(name)
        generic = GENERIC_RE.match(name)
        if state:
            kind = "military" if state.group(1) == "Military" else "police"
            country = state.group(2)
            inter = 1
            start, end, branch = state.group(3), state.group(4) or "", state.group(5)
        else:
            kind, start, end, branch = "group", "", "", ""
            country = (countries[name].most_common(1) or [("", 0)])[0][0]
            if generic and generic.group(2) in KNOWN_COUNTRIES:
                country = generic.group(2)
            inter = inters[name].most_common(1)[0][0] if inters[name] else 0
            # A group coded 8 only when abroad is still its home code elsewhere.
        dates = sorted(seen[name])
        out.append({
            "name": name, "inter": inter, "country": country, "kind": kind, "branch": branch,
            "period_start": start, "period_end": end,
            "first_seen": dates[0] if dates else "", "last_seen": dates[-1] if dates else "",
            "count": len(dates),
        })
    return out


def candidate_phrases(text: str) -> set[str]:
    """Name-like phrases: an acronym or a capitalised word not opening a sentence, alone or heading
    a short noun phrase ("Houthi forces", "Katiba Serma")."""
    found: set[str] = set()
    matches = list(WORD_RE.finditer(text))
    words = [m.group(0) for m in matches]
    sentence_start = {0}
    for i, m in enumerate(matches[1:], 1):
        gap = text[matches[i - 1].end():m.start()]
        if any(c in gap for c in ".:;!?"):
            sentence_start.add(i)
    for i in range(len(words)):
        first = words[i]
        name_like = (first.isupper() and len(first) >= 2) or (first[0].isupper() and i not in sentence_start)
        if not name_like:
            continue
        for n in (1, 2, 3):
            gram = words[i:i + n]
            if len(gram) < n:
                break
            low = [w.lower() for w in gram]
            if low[0] in STOP or low[-1] in STOP or any(w in MONTHS for w in low):
                continue
            if n == 1 and len(first) < 3:
                continue
            if n == 1 or low[-1] in HEADS or all(w[0].isupper() for w in gram):
                found.add(" ".join(low))
    return found


def mine_aliases(
    rows: list[dict[str, str]], *, min_count: int = 5, min_precision: float = 0.8, min_regions: int = 4,
    min_lift: float = 2.0,
) -> list[dict[str, object]]:
    """Phrases that name an actor the curated registry does not already find in the same notes."""
    from strife.extract.actors import ActorRegistry, find_mentions

    base = ActorRegistry.load(mined=False)
    # A capitalised word that is as common in lower case is an ordinary word ("National", "Units").
    lower_words: Counter[str] = Counter()
    upper_words: Counter[str] = Counter()
    for row in rows:
        for w in WORD_RE.findall(row.get("notes", "")):
            (upper_words if w[0].isupper() else lower_words)[w.lower()] += 1
    phrase_rows: Counter[tuple[str, str]] = Counter()
    phrase_actor: Counter[tuple[str, str, str]] = Counter()
    country_rows: Counter[str] = Counter()
    country_actor: Counter[tuple[str, str]] = Counter()
    regions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        country = row.get("country", "")
        notes = row.get("notes", "")
        when = None
        try:
            when = date.fromisoformat(row.get("event_date", "")[:10])
        except ValueError:
            pass
        explained: set[str] = set()
        for m in find_mentions(base, notes, country=country, when=when):
            if m.actor is not None:
                explained.add(m.actor.name)
                if m.actor.parent:
                    explained.add(m.actor.parent)
        actors = {a for a in (row.get("actor1", ""), row.get("actor2", ""))
                  if a and not a.startswith(GENERIC_PREFIXES)}
        country_rows[country] += 1
        for actor in actors:
            country_actor[(country, actor)] += 1
        unexplained = actors - explained
        for phrase in candidate_phrases(notes):
            if phrase in base.aliases or phrase in base.demonyms:
                continue
            head = phrase.split()[0]
            if head in base.demonyms or lower_words[head] * 2 >= upper_words[head]:
                continue
            phrase_rows[(country, phrase)] += 1
            regions[(country, phrase)].add(row.get("admin1", ""))
            for actor in unexplained:
                phrase_actor[(country, phrase, actor)] += 1
    best: dict[tuple[str, str], int] = {}
    for (country, phrase, _actor), count in phrase_actor.items():
        best[(country, phrase)] = max(best.get((country, phrase), 0), count)
    out: list[dict[str, object]] = []
    for (country, phrase, actor), count in phrase_actor.items():
        total = phrase_rows[(country, phrase)]
        precision = count / total
        base_rate = country_actor[(country, actor)] / max(1, country_rows[country])
        if count < min_count or precision < min_precision or count < best[(country, phrase)]:
            continue
        if len(regions[(country, phrase)]) < min_regions or precision < min_lift * base_rate:
            continue
        out.append({"alias": phrase, "country": country, "name": actor, "count": count,
                    "precision": round(precision, 3)})
    out.sort(key=lambda r: (str(r["country"]), str(r["alias"]), -int(r["count"])))  # type: ignore[arg-type]
    return out


def write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--hold-out", nargs="*", default=[], metavar="SET[:YEAR]",
                        help="keep these export folders (or one year of them) out of the mining")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    import yaml

    with (DATA_DIR / "countries.yaml").open(encoding="utf-8") as fh:
        KNOWN_COUNTRIES.update(yaml.safe_load(fh) or {})
    rows = read_rows(args.data_dir)
    write_csv(args.out / "actors_generated.csv", build_generated(rows))
    held = [h.split(":") for h in args.hold_out]
    mine = [
        r for r in rows
        if not any(r["_set"] == h[0] and (len(h) == 1 or r.get("event_date", "")[:4] == h[1]) for h in held)
    ]
    mined = mine_aliases(mine)
    write_csv(args.out / "actors_mined.csv", mined)
    print(f"{len(rows)} rows read; {len(mine)} mined; {len(mined)} aliases")


if __name__ == "__main__":
    main()
