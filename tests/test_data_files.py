"""The curated data files: words stay words (YAML 1.1 reads a bare on/off/yes/no as a boolean)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import strife

DATA_FILES = sorted(Path(strife.__file__).parent.rglob("*.yaml"))


def _booleans(node: Any, path: str = "") -> list[str]:
    if isinstance(node, bool):
        return [path]
    if isinstance(node, dict):
        found = [f"{path}/<key {k}>" for k in node if isinstance(k, bool)]
        for key, value in node.items():
            found += _booleans(value, f"{path}/{key}")
        return found
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in _booleans(value, f"{path}[{i}]")]
    return []


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 5


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_no_word_turned_into_a_boolean(path: Path) -> None:
    assert _booleans(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
