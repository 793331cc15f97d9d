"""spaCy components of the extract stage (placeholder until the extractor lands)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from strife.schema import Event, Evidence, content_hash

_TRIGGER = re.compile(r"\b(killed|attack|ambush|clash|bomb|explosi|protest)", re.I)


@Language.component("strife_extract")
def strife_extract(doc: Doc) -> Doc:
    article = doc._.article
    events: list[Event] = []
    for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        if _TRIGGER.search(sent.text):
            event = Event(event_id=content_hash(f"{article.id}:{len(events)}"), article_ids=[article.id])
            event.cite("event", Evidence.from_text(doc.text, sent.start_char, sent.end_char, article.id), 0.3)
            events.append(event)
    doc._.events = events
    return doc


@Language.component("strife_finalize")
def strife_finalize(doc: Doc) -> Doc:
    article = doc._.article
    for event in doc._.events:
        event.event_date = event.event_date or article.published
        if article.url and article.url not in event.source_urls:
            event.source_urls.append(article.url)
        event.source = event.source or article.source
    return doc
