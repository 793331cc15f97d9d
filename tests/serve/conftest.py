"""Fixtures of the serve tests: a DuckDB store filled with the hand-made reports of sample.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .sample import fill


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from strife.store import open_store

    path: Path = tmp_path_factory.mktemp("serve") / "events.duckdb"
    store = open_store(str(path))
    fill(store)
    yield store
    store.close()
