"""Jobs that run the whole flow: read -> extract -> merge -> store.

The CLI and the REST API both call these, so a file ingested from the command
line and one posted to the API go through exactly the same steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from strife.pipeline import Pipeline, default_pipeline
from strife.schema import Article, ArticleResult, ReadFailure

Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    articles_read: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    events: int = 0
    events_merged: int = 0
    failures: list[ReadFailure] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.articles_read} articles read ({self.articles_new} new, {self.articles_skipped} already stored), "
            f"{self.events} events ({self.events_merged} merged into stored events), {len(self.failures)} failures"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "articles_read": self.articles_read,
            "articles_new": self.articles_new,
            "articles_skipped": self.articles_skipped,
            "events": self.events,
            "events_merged": self.events_merged,
            "failures": [f.model_dump() for f in self.failures],
        }


def extract_items(
    items: Iterable[Article | ReadFailure],
    *,
    pipeline: Pipeline | None = None,
    on_failure: Callable[[ReadFailure], None] | None = None,
    skip: Callable[[Article], bool] | None = None,
    on_skip: Callable[[Article], None] | None = None,
) -> Iterator[ArticleResult]:
    """Run the pipeline on readable articles; hand failures (read or extraction) to `on_failure`.

    An article that makes the pipeline fail is reported as a failure of its own,
    and the rest of the batch goes on.
    """
    pipeline = pipeline or default_pipeline()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadFailure):
                if on_failure:
                    on_failure(item)
            elif skip is not None and skip(item):
                if on_skip:
                    on_skip(item)
            else:
                yield item

    batch: list[Article] = []
    source = articles()
    while True:
        batch = [a for _, a in zip(range(pipeline.batch_size), source, strict=False)]
        if not batch:
            return
        try:
            results = list(pipeline.process(batch))
        except Exception:  # one bad article must not sink the batch: retry one by one
            results = []
            for article in batch:
                try:
                    results.extend(pipeline.process([article]))
                except Exception as exc:  # noqa: BLE001 - reported per item
                    if on_failure:
                        origin = article.origin or article.id
                        on_failure(ReadFailure(origin=origin, error=f"extraction failed: {exc.__class__.__name__}: {exc}"))
        yield from results


def ingest_articles(
    items: Iterable[Article | ReadFailure],
    store,  # strife.store.Store (typed loosely: jobs must not pin a backend)
    *,
    pipeline: Pipeline | None = None,
    merge: bool = True,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract, merge and store articles; an article already stored (same content hash) is skipped.

    Each article is committed with its events in one transaction, so a crash
    keeps everything reported as stored before it.
    """
    from strife.merge import Merger  # merge comes after extract in the flow; imported lazily

    summary = IngestSummary()
    merger = Merger(store) if merge else None
    seen: set[str] = set()

    def count_failure(failure: ReadFailure) -> None:
        summary.articles_read += 1
        summary.failures.append(failure)
        if progress:
            progress(1)

    def already_stored(article: Article) -> bool:
        return article.id in seen or store.has_article(article.id)

    def count_skip(article: Article) -> None:
        summary.articles_read += 1
        summary.articles_skipped += 1
        if progress:
            progress(1)

    for result in extract_items(
        items, pipeline=pipeline, on_failure=count_failure, skip=already_stored, on_skip=count_skip
    ):
        summary.articles_read += 1
        seen.add(result.article.id)
        events = result.events
        if merger is not None and events:
            merged = merger.merge(events)
            summary.events_merged += sum(1 for new, out in zip(events, merged, strict=False) if new.event_id != out.event_id)
            events = merged
        store.save(result.article, events)
        summary.articles_new += 1
        summary.events += len(events)
        if progress:
            progress(1)
    return summary
