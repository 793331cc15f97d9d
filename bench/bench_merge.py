"""Merge benchmark: throughput, memory and growth of `strife.merge` on synthetic reports.

Synthetic stress data (seeded, no ACLED rows): incidents spread over countries with
Zipf-skewed activity, each reported once or, for a share of them, by several articles
whose codings differ the way real reports do (date off by a day, coordinates a few km
off, other words, another toll, an unidentified perpetrator, a compatible sub-event
type). Reports arrive in date order with a reporting lag, one article at a time, and
go through `Merger.merge` + `MemoryIndex.upsert_many`, as the pipeline would.

The density of reports per day is held constant (the period grows with the size), so
the growth ratios show the algorithm's cost, not a busier world.

Each size runs in its own subprocess so peak RSS is that size's own.

    python bench/bench_merge.py                          # 10k, 100k, 1M
    python bench/bench_merge.py --sizes 10000 100000     # a quicker look
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta

from strife.merge import MemoryIndex, Merger
from strife.schema import Claim, Event, Evidence

TAXONOMY = {
    "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance", "Sexual violence"],
    "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction", "Change to group/activity", "Other"],
}
TYPE_WEIGHTS = [20, 22, 15, 30, 8, 5]
# a second report sometimes codes a compatible sub-event type (see compatibility.yaml)
RECODE = {"Armed clash": "Government regains territory", "Air/drone strike": "Shelling/artillery/missile attack",
          "Peaceful protest": "Protest with intervention", "Violent demonstration": "Mob violence",
          "Remote explosive/landmine/IED": "Suicide bomb"}
EXTRA_COPIES = (1, 1, 1, 2, 3)  # further reports of an incident reported more than once
LAGS = (0, 0, 1, 1, 2, 3, 7)  # days between an incident and an article about it
REPORTS_PER_DAY = 900  # across all countries; ~1M reports in 3 years
START = date(2020, 1, 1)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


class World:
    """Countries with a box, admin areas, towns and actors; all seeded."""

    def __init__(self, rng: random.Random, countries: int = 60) -> None:
        self.vocab = [_word(rng) for _ in range(3000)]
        self.countries = []
        for c in range(countries):
            lat0, lon0 = rng.uniform(-35, 55), rng.uniform(-120, 140)
            size = rng.uniform(2, 12)
            admin1 = [f"Region{c}-{i}" for i in range(rng.randint(4, 20))]
            towns = []
            for t in range(rng.randint(50, 400)):
                towns.append((f"Town{c}-{t}", rng.choice(admin1), f"District{c}-{t % 40}",
                              lat0 + rng.uniform(0, size), lon0 + rng.uniform(0, size)))
            actors = [f"Armed Group {c}-{i}" for i in range(rng.randint(3, 15))]
            self.countries.append((f"Country{c}", towns, actors, f"Military Forces of Country{c} (2020-)"))
        # Zipf-like activity: a few countries carry most events
        self.weights = [1 / (i + 1) ** 0.9 for i in range(countries)]


def incident(rng: random.Random, world: World, day: date, n: int) -> dict:
    country, towns, actors, army = rng.choices(world.countries, world.weights)[0]
    town, admin1, admin2, lat, lon = rng.choice(towns)
    event_type = rng.choices(list(TAXONOMY), TYPE_WEIGHTS)[0]
    sub = rng.choice(TAXONOMY[event_type])
    if event_type in ("Protests", "Riots"):
        actor1, actor2 = f"Protesters ({country})", (army if sub != "Peaceful protest" else None)
    elif event_type == "Violence against civilians":
        actor1, actor2 = rng.choice(actors), f"Civilians ({country})"
    else:
        actor1, actor2 = (army, rng.choice(actors)) if rng.random() < 0.6 else rng.sample(actors, 2)
    precision = rng.choices((1, 2, 3), (88, 9, 3))[0]
    geo = rng.choices((1, 2, 3), (75, 20, 5))[0]
    return dict(
        n=n, country=country, town=town, admin1=admin1, admin2=admin2, lat=lat, lon=lon, geo=geo,
        event_type=event_type, sub=sub, actor1=actor1, actor2=actor2, day=day, precision=precision,
        words=rng.sample(world.vocab, 14), deaths=rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20)),
    )


def report(rng: random.Random, inc: dict, k: int, first: bool) -> Event:
    """One article's event about an incident; later reports differ like real ones do."""
    day, lat, lon, sub, actor1, deaths = inc["day"], inc["lat"], inc["lon"], inc["sub"], inc["actor1"], inc["deaths"]
    words = list(inc["words"])
    if not first:
        if inc["precision"] == 1 and rng.random() < 0.3:
            day = day + timedelta(days=rng.choice((-1, 1)))
        lat, lon = lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)
        if rng.random() < 0.2:
            sub = RECODE.get(sub, sub)
        if rng.random() < 0.15 and "Protesters" not in actor1:
            actor1 = f"Unidentified Armed Group ({inc['country']})"
        deaths = max(0, deaths + rng.choice((-2, -1, 0, 1, 3)))
        keep = rng.sample(words, 7)
        words = keep + [rng.choice(inc["words_pool"]) for _ in range(7)]
    text = f"{inc['town']} " + " ".join(words) + "."
    article_id = f"a{inc['n']}-{k}"
    span = Evidence(start=0, end=len(text), quote=text, article_id=article_id)
    claims = [Claim(what="killed", number_low=deaths, number_high=deaths, article_id=article_id)] if deaths else []
    return Event(
        event_id=f"e{inc['n']}-{k}", event_date=day, year=day.year, time_precision=inc["precision"],
        event_type=inc["event_type"], sub_event_type=sub, actor1=actor1, actor2=inc["actor2"],
        country=inc["country"], admin1=inc["admin1"], admin2=inc["admin2"], location=inc["town"],
        latitude=lat, longitude=lon, geo_precision=inc["geo"], fatalities=deaths, source=f"Outlet{k}",
        source_urls=[f"https://news.example/{article_id}"], article_ids=[article_id],
        evidence={"event": [span]}, confidence={"event": 0.8}, claims=claims,
    )


def generate(size: int, dup_share: float, seed: int) -> Iterator[Event]:
    """`size` reports (events, one per article) in arrival order, generated day by day.

    An article's id is "a<incident>-<report>", so the true incident is read off the id.
    """
    rng = random.Random(seed)
    world = World(rng)
    copies_mean = 1 + dup_share * sum(EXTRA_COPIES) / len(EXTRA_COPIES)
    per_day = max(1, round(REPORTS_PER_DAY / copies_mean))
    pending: dict[int, list[Event]] = {}  # arrival day -> reports
    n = sent = 0
    day = START.toordinal()
    while sent < size:
        for _ in range(per_day):
            inc = incident(rng, world, date.fromordinal(day), n)
            inc["words_pool"] = world.vocab
            copies = 1 + (rng.choice(EXTRA_COPIES) if rng.random() < dup_share else 0)
            for k in range(copies):
                lag = rng.choice(LAGS)
                pending.setdefault(day + lag, []).append(report(rng, inc, k, first=k == 0))
            n += 1
        arrivals = pending.pop(day, [])
        rng.shuffle(arrivals)
        yield from arrivals[: size - sent]
        sent += min(len(arrivals), size - sent)
        day += 1


def incident_of(article_id: str) -> str:
    return article_id.rsplit("-", 1)[0]


def quality(index: MemoryIndex) -> dict[str, float]:
    """Pairwise precision/recall of the merge against the true incidents."""
    merged_pairs = true_merged = 0
    per_incident: dict[str, int] = {}
    for event_id in index.event_ids():
        article_ids = index.features(event_id).article_ids
        groups: dict[str, int] = {}
        for a in article_ids:
            n = incident_of(a)
            groups[n] = groups.get(n, 0) + 1
            per_incident[n] = per_incident.get(n, 0) + 1
        k = len(article_ids)
        merged_pairs += k * (k - 1) // 2
        true_merged += sum(g * (g - 1) // 2 for g in groups.values())
    true_pairs = sum(k * (k - 1) // 2 for k in per_incident.values())
    return {
        "pair_precision": true_merged / merged_pairs if merged_pairs else 1.0,
        "pair_recall": true_merged / true_pairs if true_pairs else 1.0,
        "incidents": len(per_incident),
    }


def run_one(size: int, dup_share: float, seed: int) -> dict:
    index = MemoryIndex()
    merger = Merger(index)
    merges = candidates = 0
    wall = cpu = 0.0
    t_all = time.perf_counter()
    for event in generate(size, dup_share, seed):
        t0, c0 = time.perf_counter(), time.process_time()
        out = merger.ingest([event])
        wall += time.perf_counter() - t0
        cpu += time.process_time() - c0
        if out[0] is not event:
            merges += 1
    t_all = time.perf_counter() - t_all
    t_merge, cpu_merge = wall, cpu
    sample = index.event_ids()[:: max(1, len(index) // 2000)]
    for event_id in sample:
        candidates += len(index.candidates_for(index.features(event_id), max_km=merger.max_km, max_days=None))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": size, "seconds_total": round(t_all, 2), "seconds_merge": round(t_merge, 2),
        "events_per_s": round(size / t_merge), "cpu_seconds_merge": round(cpu_merge, 2),
        "events_per_cpu_s": round(size / cpu_merge), "stored_events": len(index), "merged_reports": merges,
        "mean_candidates": round(candidates / len(sample), 1),
        "peak_rss_mb": round(peak_kb / 1024),
        **{k: round(v, 4) if isinstance(v, float) else v for k, v in quality(index).items()},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--dup-share", type=float, default=0.3, help="share of incidents reported more than once")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.dup_share, args.seed)))
        return

    rows = []
    print(f"python {sys.version.split()[0]}, seed {args.seed}, duplicate share {args.dup_share}, "
          f"{REPORTS_PER_DAY} reports/day", flush=True)
    header = ("size", "wall s", "events/s", "CPU s", "events/CPU s", "peak RSS MB", "stored", "merged",
              "cand/event", "pair P", "pair R")
    print(" | ".join(header), flush=True)
    for size in args.sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--dup-share", str(args.dup_share), "--seed", str(args.seed)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            print(f"{size}: failed ({proc.returncode}): {proc.stderr.strip()[-500:]}", flush=True)
            break
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(" | ".join(str(x) for x in (
            row["size"], row["seconds_merge"], row["events_per_s"], row["cpu_seconds_merge"], row["events_per_cpu_s"],
            row["peak_rss_mb"], row["stored_events"], row["merged_reports"], row["mean_candidates"],
            row["pair_precision"], row["pair_recall"],
        )), flush=True)
    for a, b in zip(rows, rows[1:], strict=False):
        size_ratio = b["size"] / a["size"]
        wall = b["seconds_merge"] / a["seconds_merge"]
        cpu = b["cpu_seconds_merge"] / a["cpu_seconds_merge"]
        print(f"growth {a['size']} -> {b['size']}: size x{size_ratio:g}, CPU time x{cpu:.2f} "
              f"(exponent {math.log(cpu) / math.log(size_ratio):.2f}; 1.00 = linear), wall time x{wall:.2f}, "
              f"peak RSS x{b['peak_rss_mb'] / max(1, a['peak_rss_mb']):.2f}", flush=True)


if __name__ == "__main__":
    main()
