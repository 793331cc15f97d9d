"""spaCy component of the geo stage (placeholder until the geoparser lands)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("strife_geo")
def strife_geo(doc: Doc) -> Doc:
    return doc
