"""Pipeline throughput: strife's full pipeline against spaCy alone, on the same articles, in one run.

    python bench/bench_pipeline.py [--data ../shared/data/news-general/articles.jsonl] [--limit 300]

Prints articles/s for spaCy alone (the floor strife builds on), for strife without
geocoding and for the full pipeline, and the ratios between them. Also counts the
events found, which on ordinary (mostly non-conflict) news should stay low.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from strife.nlp import model_name
from strife.pipeline import Pipeline
from strife.schema import Article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-general" / "articles.jsonl"


def load(path: Path, limit: int) -> list[Article]:
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            articles.append(Article(title=row.get("title"), body=row.get("text", ""), source="BBC"))
            if len(articles) >= limit:
                break
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()
    articles = load(args.data, args.limit)
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / len(articles):.0f} characters on average ({args.data.name})")

    nlp = spacy.load(model_name("en"))
    t0 = time.perf_counter()
    for _ in nlp.pipe((a.text for a in articles), batch_size=32):
        pass
    spacy_s = time.perf_counter() - t0

    timings = {}
    events = {}
    for label, geo in (("strife without geo", False), ("strife full pipeline", True)):
        pipeline = Pipeline(geo=geo)
        pipeline.extract(Article(body="Warm-up: soldiers were killed in an attack."))  # load models/gazetteer
        t0 = time.perf_counter()
        events[label] = sum(len(r.events) for r in pipeline.process(articles))
        timings[label] = time.perf_counter() - t0

    print(f"{'run':<24}{'seconds':>9}{'articles/s':>12}{'x spaCy time':>14}{'events':>8}")
    print(f"{'spaCy alone':<24}{spacy_s:>9.2f}{len(articles) / spacy_s:>12.1f}{1.0:>14.2f}{'-':>8}")
    for label, seconds in timings.items():
        print(f"{label:<24}{seconds:>9.2f}{len(articles) / seconds:>12.1f}{seconds / spacy_s:>14.2f}{events[label]:>8}")


if __name__ == "__main__":
    main()
