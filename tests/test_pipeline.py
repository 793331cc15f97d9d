"""The Pipeline object: one spaCy pipeline per language, and what it tells the user."""

from __future__ import annotations

import logging

import pytest

from strife.pipeline import Pipeline
from strife.schema import Article


def test_a_language_without_its_own_pipeline_is_said_once(caplog: pytest.LogCaptureFixture) -> None:
    pipeline = Pipeline(geo=False)
    french = Article(body="Des hommes armés ont attaqué un village lundi, tuant vingt civils.", language="fr")
    with caplog.at_level(logging.WARNING, logger="strife.pipeline"):
        list(pipeline.process([french, french.model_copy(update={"body": french.body + " Deux blessés."})]))
        pipeline.extract(Article(body="Gunmen attacked a village on Monday.", language="en"))
    warnings = [r for r in caplog.records if "no pipeline for language 'fr'" in r.getMessage()]
    assert len(warnings) == 1
    assert not any("'en'" in r.getMessage() and "no pipeline" in r.getMessage() and "'fr'" not in r.getMessage()
                   for r in caplog.records)
