"""The evaluation harness behind `strife eval`.

Gold: CSV files in ACLED's columns; the text read is `notes` (publication
date: a `published` column when the file has one, else unknown). Each gold row
is one article and one gold event; the predicted event matched to it is the
one whose mention sentences cover most of the text (ties: the first), so the
match never looks at the coded fields it is scored on. A row with no predicted
event is a miss. JSONL files of unlabelled articles (`{id, title, text}`) are
scored for false positives: events per article on news that should be quiet.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strife.eval import metrics as M
from strife.extract.train import GoldFile, file_digest, find_csvs, read_gold
from strife.geo.distance import haversine_km, to_float
from strife.schema import Article, Event

SCORED_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "inter1", "inter2", "fatalities")


@dataclass
class GoldRow:
    source: str
    row: dict[str, str]
    article: Article


def gold_rows(gold: GoldFile, split: str, limit: int | None = None) -> list[GoldRow]:
    """The rows of one file for a split, as articles to read (first `limit` rows)."""
    rows = gold.split(split)
    if limit is not None:
        rows = rows[:limit]
    out: list[GoldRow] = []
    for index, row in enumerate(rows):
        published = M.to_date(row.get("published")) if row.get("published") else None
        article = Article(
            body=row["notes"],
            published=published,
            source=row.get("source") or None,
            language="en",
            origin=f"{gold.path}#{row.get('event_id_cnty') or index}",
        )
        out.append(GoldRow(source=gold.name, row=row, article=article))
    return out


def best_event(events: list[Event], text_length: int) -> Event | None:
    """The predicted event that covers most of the row's text (ties: the earliest)."""
    best: Event | None = None
    best_cover = -1
    for event in events:
        spans = [(e.start, e.end) for e in event.evidence.get("event", [])]
        cover = M.coverage(spans, 0, text_length)
        if cover > best_cover:
            best, best_cover = event, cover
    return best


def _earlier_names() -> dict[str, str]:
    """New name -> the name before it, for the groups the actor registry knows ACLED renamed."""
    from strife.extract.actors import ActorRegistry

    return {new: old for old, (_since, new) in ActorRegistry.default().successors.items()}


def _gold_inter(value: str | None) -> int | None:
    return M.to_int(value)


def score_pairs(pairs: list[tuple[dict[str, str], Event | None]], extra_events: int = 0) -> dict[str, Any]:
    """All field scores for (gold row, matched predicted event or None) pairs."""
    n = len(pairs)
    found = [(g, e) for g, e in pairs if e is not None]

    def pred(field: str) -> list[Any]:
        return [getattr(e, field) if e is not None else None for _, e in pairs]

    def gold(field: str) -> list[Any]:
        return [g.get(field) for g, _ in pairs]

    gold_type, pred_type = [M.norm(x) for x in gold("event_type")], [M.norm(x) for x in pred("event_type")]
    gold_sub = [g.get("sub_event_type") or "" for g, _ in pairs]
    pred_sub = [(e.sub_event_type or "") if e is not None else "" for _, e in pairs]
    f1 = M.f1_scores(gold_sub, pred_sub)
    matrix = M.confusion(gold_sub, pred_sub)

    actor2_rows = [(g, e) for g, e in pairs if (g.get("actor2") or "").strip()]
    states = [M.states_date(g.get("notes", "")) for g, _ in pairs]
    earlier = _earlier_names()
    dated = [(g, e) for (g, e), stated in zip(pairs, states, strict=True) if stated]
    report: dict[str, Any] = {
        "rows": n,
        "recall": len(found) / n if n else None,
        "events_per_row": (len(found) + extra_events) / n if n else None,
        "event_type_accuracy": M.accuracy(gold_type, pred_type),
        "sub_event_type_accuracy": M.accuracy(gold_sub, pred_sub),
        "sub_event_type_weighted_f1": f1["weighted_f1"],
        "sub_event_type_macro_f1": f1["macro_f1"],
        "actor1_match": M.accuracy(gold("actor1"), pred("actor1")),
        # a state force's period and a renamed group's era follow from the date: judged only where
        # the text states one
        "actor1_match_period_where_dated": M.accuracy(
            [g.get("actor1") if stated else M.without_era(g.get("actor1"), earlier)
             for (g, _), stated in zip(pairs, states, strict=True)],
            [(e.actor1 if stated else M.without_era(e.actor1, earlier)) if e else None
             for (_, e), stated in zip(pairs, states, strict=True)],
        ),
        "actor2_match": M.accuracy(gold("actor2"), pred("actor2")),
        "actor2_match_when_gold_has_actor2": M.accuracy(
            [g.get("actor2") for g, _ in actor2_rows], [e.actor2 if e else None for _, e in actor2_rows]
        ),
        "inter1_match": M.accuracy(
            [_gold_inter(x) for x in gold("inter1")], [x if x is not None else None for x in pred("inter1")]
        ),
        "inter2_match": M.accuracy(
            [_gold_inter(x) or 0 for x in gold("inter2")], [x or 0 for x in pred("inter2")]
        ),
        "fatalities": M.fatality_scores([M.to_int(x) for x in gold("fatalities")], pred("fatalities")),
        "date_exact_rows": len(dated),
        "date_exact": M.accuracy(
            [M.to_date(g.get("event_date")) for g, _ in dated],
            [e.event_date if e is not None else None for _, e in dated],
        ),
        "sub_event_type_per_label": f1["per_label"],
        "confusion": matrix,
        "top_confusions": M.top_confusions(matrix),
    }
    with_country = [(g, e) for g, e in pairs if e is not None and e.country]
    report["geo_rows_with_country"] = len(with_country)
    report["country_match"] = M.accuracy(gold("country"), pred("country"))
    report["admin1_match"] = M.accuracy(gold("admin1"), pred("admin1"))
    distances = []
    for g, e in pairs:
        lat, lon = to_float(g.get("latitude")), to_float(g.get("longitude"))
        if e is not None and e.latitude is not None and e.longitude is not None and lat is not None and lon is not None:
            distances.append(haversine_km(lat, lon, e.latitude, e.longitude))
    report["distance"] = M.distance_stats(distances)
    try:  # the geo stage's own metrics, when it provides them
        from strife.geo.evaluate import geo_metrics  # type: ignore[import-not-found]
    except ImportError:
        geo_metrics = None
    if geo_metrics is not None:
        try:
            report["geo"] = geo_metrics([(e, g) for g, e in pairs if e is not None])
        except Exception as exc:  # geo's scorer failing must not lose the report
            report["geo"] = {"error": str(exc)}
    return report


def _progress() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    )


def _run(pipeline: Any, articles: list[Article], progress: Any, label: str) -> Iterator[list[Event]]:
    task = progress.add_task(label, total=len(articles)) if progress is not None else None
    for result in pipeline.process(articles):
        if progress is not None:
            progress.advance(task)
        yield result.events


def evaluate_gold(
    gold: GoldFile, *, pipeline: Any, split: str = "heldout", limit: int | None = None, progress: Any = None
) -> dict[str, Any]:
    """Score one labelled file."""
    rows = gold_rows(gold, split, limit)
    started = time.perf_counter()
    pairs: list[tuple[dict[str, str], Event | None]] = []
    extra = 0
    for row, events in zip(rows, _run(pipeline, [r.article for r in rows], progress, gold.name), strict=True):
        pairs.append((row.row, best_event(events, len(row.article.text))))
        extra += max(0, len(events) - 1)
    report = score_pairs(pairs, extra)
    report.update(
        {
            "file": str(gold.path),
            "dataset": gold.name,
            "split": split,
            "split_rule": gold.rule,
            "seconds": round(time.perf_counter() - started, 1),
        }
    )
    return report


def read_unlabelled(path: Path, limit: int | None = None) -> list[Article]:
    """JSONL articles ({id, title, text}) for the false-positive check."""
    articles: list[Article] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(articles) >= limit:
                break
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            articles.append(
                Article(title=item.get("title"), body=item.get("text") or "", origin=f"{path}#{item.get('id')}")
            )
    return articles


def evaluate_unlabelled(
    path: Path, *, pipeline: Any, limit: int | None = None, progress: Any = None, high: float = 0.7
) -> dict[str, Any]:
    """False positives on news that is (mostly) not about conflict: events per article."""
    articles = read_unlabelled(path, limit)
    started = time.perf_counter()
    counts: list[int] = []
    high_counts: list[int] = []
    by_type: dict[str, int] = {}
    for events in _run(pipeline, articles, progress, path.parent.name or path.name):
        counts.append(len(events))
        high_counts.append(sum(1 for e in events if e.confidence.get("event", 0) >= high))
        for event in events:
            by_type[event.event_type or ""] = by_type.get(event.event_type or "", 0) + 1
    n = len(articles)
    return {
        "file": str(path),
        "dataset": path.parent.name,
        "articles": n,
        "events_per_article": sum(counts) / n if n else None,
        "articles_with_events": sum(1 for c in counts if c) / n if n else None,
        "high_confidence_events_per_article": sum(high_counts) / n if n else None,
        "events_by_type": by_type,
        "seconds": round(time.perf_counter() - started, 1),
    }


def evaluate(
    paths: Iterable[str | Path],
    *,
    split: str = "heldout",
    limit: int | None = None,
    geo: bool = True,
    show_progress: bool = True,
    pipeline_factory: Callable[[bool], Any] | None = None,
) -> dict[str, Any]:
    """Score every labelled CSV and unlabelled JSONL found under the given paths."""
    if pipeline_factory is None:
        from strife.pipeline import Pipeline

        pipeline = Pipeline(geo=geo)
    else:
        pipeline = pipeline_factory(geo)
    reports: list[dict[str, Any]] = []
    model = model_info()
    trained_on = model.get("file_sha256")
    trained_on = set(trained_on) if trained_on else None  # None: an older model that did not record its files
    progress = _progress() if show_progress else None
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(find_csvs([path]))
        if path.is_dir():
            files.extend(sorted(path.rglob("*.jsonl")))
        elif path.suffix == ".jsonl":
            files.append(path)
    if progress is not None:
        progress.start()
    try:
        for path in files:
            if path.suffix == ".jsonl":
                reports.append(evaluate_unlabelled(path, pipeline=pipeline, limit=limit, progress=progress))
                continue
            gold = read_gold(path)
            unseen = trained_on is not None and file_digest(path) not in trained_on
            if unseen:
                gold.rule = "train"  # the model never saw this file: every row is held out
            use = split
            if split == "heldout" and gold.rule == "train":
                use = "all"  # a file not used in training (or a new held-out file) is scored whole
            report = evaluate_gold(gold, pipeline=pipeline, split=use, limit=limit, progress=progress)
            report["seen_in_training"] = not unseen if trained_on is not None else None
            if unseen:
                report["note"] = "file not used to train the classifier: all rows scored"
            elif split == "heldout" and gold.rule == "train":
                report["note"] = "no held-out rule for this file: all rows scored (training data if it was trained on)"
            reports.append(report)
    finally:
        if progress is not None:
            progress.stop()
    return {"split": split, "limit": limit, "geo": geo, "model": model, "reports": reports}


def model_info() -> dict[str, Any]:
    """Which classifier scored: its folder and whether it was trained with the held-out rows left out."""
    import json

    from strife.extract.train import model_dir

    directory = model_dir()
    try:
        meta = json.loads((directory / "classifier.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"dir": str(directory), "present": False}
    info = {
        "dir": str(directory),
        "present": True,
        "holdout": bool(meta.get("holdout", True)),
        "rows": meta.get("rows"),
        "file_sha256": meta.get("file_sha256"),
        "focus": meta.get("focus") or {},
    }
    try:
        encoder = json.loads((directory / "encoder.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return info
    # The encoder blended into the classifier scores too: held out only if both left the rows
    # out, and a file either one read counts as seen.
    info["encoder"] = {k: encoder.get(k) for k in ("holdout", "rows", "blend", "base")}
    info["holdout"] = info["holdout"] and bool(encoder.get("holdout", True))
    if info["file_sha256"] is not None and encoder.get("file_sha256") is not None:
        info["file_sha256"] = sorted(set(info["file_sha256"]) | set(encoder["file_sha256"]))
    return info


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def render(result: dict[str, Any]) -> Any:
    """A rich Table of the headline scores, one column per file."""
    from rich.table import Table

    table = Table(title=f"strife eval (split={result['split']}, geo={result['geo']})")
    table.add_column("metric")
    labelled = [r for r in result["reports"] if "rows" in r]
    unlabelled = [r for r in result["reports"] if "articles" in r]
    for report in labelled:
        table.add_column(report["dataset"], justify="right")
    if not labelled:
        table.add_column("value", justify="right")
    width = max(1, len(labelled))
    rows = [
        ("rows", "rows"),
        ("recall (row has an event)", "recall"),
        ("events per row", "events_per_row"),
        ("event_type accuracy", "event_type_accuracy"),
        ("sub_event_type weighted F1", "sub_event_type_weighted_f1"),
        ("sub_event_type macro F1", "sub_event_type_macro_f1"),
        ("actor1 match", "actor1_match"),
        ("actor1 match (period/era only where dated)", "actor1_match_period_where_dated"),
        ("actor2 match", "actor2_match"),
        ("inter1 match", "inter1_match"),
        ("inter2 match", "inter2_match"),
        ("fatalities exact", ("fatalities", "exact")),
        ("fatalities within ±20%", ("fatalities", "within_20pct")),
        ("date exact (rows stating a date)", "date_exact"),
        ("rows stating a date", "date_exact_rows"),
        ("country match", "country_match"),
        ("admin1 match", "admin1_match"),
        ("median km (rows with coords)", ("distance", "median_km")),
        ("seconds", "seconds"),
    ]
    for label, key in rows if labelled else []:
        values = []
        for report in labelled:
            value = report.get(key[0], {}).get(key[1]) if isinstance(key, tuple) else report.get(key)
            values.append(_fmt(value))
        table.add_row(label, *values)
    if unlabelled:
        for report in unlabelled:
            table.add_row(f"false positives: {report['dataset']} ({report['articles']} articles)", *[""] * width)
            for label, key in (
                ("  events per article", "events_per_article"),
                ("  articles with events", "articles_with_events"),
                ("  high-confidence events per article", "high_confidence_events_per_article"),
            ):
                table.add_row(label, _fmt(report[key]), *[""] * (width - 1))
    return table
