"""The whole flow for one process: articles in, events out.

One `Pipeline` object holds one spaCy pipeline per language, each with strife's
components appended (extract -> geo -> finalize), loaded once and reused for
every batch: a worker (thread, process or Ray actor) builds one and calls
`process` on as many articles as it is given.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

import strife.extract.components  # noqa: F401  (registers strife_extract, strife_finalize)
import strife.geo.components  # noqa: F401  (registers the strife_geo factory)
from strife.nlp import DEFAULT_LANGUAGE, MODELS, load_model, make_doc, model_name
from strife.schema import Article, ArticleResult

log = logging.getLogger(__name__)

COMPONENTS_WITH_GEO = ("strife_extract", "strife_geo", "strife_finalize")
COMPONENTS_WITHOUT_GEO = ("strife_extract", "strife_finalize")


class Pipeline:
    def __init__(self, *, geo: bool = True, batch_size: int = 32) -> None:
        self.components = COMPONENTS_WITH_GEO if geo else COMPONENTS_WITHOUT_GEO
        self.batch_size = batch_size
        self._nlp: dict[str, Language] = {}
        self._borrowed: set[str] = set()

    def nlp(self, language: str) -> Language:
        """The spaCy pipeline for a language, with strife's components (built on first use). A
        language with none of its own is read with the default one, and the user is told once."""
        name = model_name(language)
        if language not in MODELS and language not in self._borrowed:
            self._borrowed.add(language)
            log.warning("no pipeline for language %r yet: its articles are read with the %r one (%s) and may yield "
                        "few or no events", language, DEFAULT_LANGUAGE, name)
        if name not in self._nlp:
            nlp = load_model(language)
            nlp.add_pipe("strife_paragraphs", first=True)
            for component in self.components:
                nlp.add_pipe(component, last=True)
            self._nlp[name] = nlp
        return self._nlp[name]

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Extract events from articles, in input order, batch by batch (nlp.pipe per language)."""
        iterator = iter(articles)
        while batch := list(islice(iterator, self.batch_size)):
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[Article]) -> list[ArticleResult]:
        results: list[ArticleResult | None] = [None] * len(batch)
        by_language: dict[str, list[int]] = {}
        for index, article in enumerate(batch):
            by_language.setdefault(model_name(article.language), []).append(index)
        for indexes in by_language.values():
            nlp = self.nlp(batch[indexes[0]].language)
            docs = (make_doc(nlp, batch[i]) for i in indexes)
            for i, doc in zip(indexes, nlp.pipe(docs, batch_size=self.batch_size), strict=True):
                results[i] = ArticleResult(article=batch[i], events=list(doc._.events or []))
        return [r for r in results if r is not None]

    def extract(self, article: Article) -> ArticleResult:
        return next(iter(self.process([article])))


_default: dict[bool, Pipeline] = {}


def default_pipeline(geo: bool = True) -> Pipeline:
    """A process-wide pipeline, so models and the gazetteer load once."""
    if geo not in _default:
        _default[geo] = Pipeline(geo=geo)
    return _default[geo]
