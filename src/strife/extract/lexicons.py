"""Per-language lexicon files of the extract stage: `data/<kind>_<language>.yaml`.

A language without its own file uses English, so adding a language is adding files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
FALLBACK_LANGUAGE = "en"


def load_lexicon(kind: str, language: str = FALLBACK_LANGUAGE) -> dict[str, Any]:
    """The parsed YAML of `<kind>_<language>.yaml`, or of the English file when there is none."""
    path = DATA / f"{kind}_{language}.yaml"
    if not path.exists():
        path = DATA / f"{kind}_{FALLBACK_LANGUAGE}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
