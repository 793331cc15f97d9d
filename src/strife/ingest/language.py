"""A cheap language guess from stop-word counts (no model, no download)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

DEFAULT_LANGUAGE = "en"
# Letters only: apostrophes split elisions, so French "l'armée" counts its "l".
_WORD = re.compile(r"[^\W\d_]+")
# Enough words to decide; longer texts are not more informative for this heuristic.
_MAX_WORDS = 2000


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Stop-word lists per language, from data/stopwords.yaml."""
    raw = yaml.safe_load(resources.files("strife.ingest").joinpath("data/stopwords.yaml").read_text("utf-8"))
    return {str(lang): frozenset(str(w).lower() for w in words) for lang, words in raw.items()}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language whose stop words are most frequent in `text`.

    Falls back to English when the text has no stop word of any known language.
    """
    words: list[str] = []
    for match in _WORD.finditer(text.lower()):
        words.append(match.group())
        if len(words) >= _MAX_WORDS:
            break
    scores: dict[str, int] = {}
    for lang, vocab in stopwords().items():
        scores[lang] = sum(1 for w in words if w in vocab)
    best = max(scores, key=lambda lang: (scores[lang], lang == DEFAULT_LANGUAGE), default=DEFAULT_LANGUAGE)
    return best if scores.get(best) else DEFAULT_LANGUAGE
