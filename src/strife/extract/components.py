"""spaCy components of the extract stage.

`strife_extract` (before geo): finds incidents (segment.py), classifies them
(classify.py, precedence from taxonomy.yaml), attaches claims, fatalities,
date, tags and provenance, each with evidence and confidence.
`strife_finalize` (after geo): actors (needs the country), then the note.

Collaborating modules (claims, fatalities, dates, actors, notes) are called
through `_safe`: a failure in one of them costs a field, never the article.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from strife.extract.actors import (
    INSURGENT,
    UNIDENTIFIED,
    ActorRegistry,
    assign_actors,
    country_hint,
    interaction_code,
    patients,
    victims_within,
)
from strife.extract.claims import find_claims, mark_partisan
from strife.extract.classify import Prediction, classify, default_classifier
from strife.extract.dates import resolve_date, sequence_offset
from strife.extract.fatalities import code_fatalities
from strife.extract.notes import write_note
from strife.extract.segment import (
    Incident,
    after_clause,
    default_lexicon,
    incident_anchor,
    is_background,
    published_date,
    segment,
    sentence_spans,
    whole_text_incident,
)
from strife.extract.taxonomy import Taxonomy
from strife.nlp import doc_language
from strife.schema import TEXT_SEPARATOR, Claim, Event, Evidence, content_hash

log = logging.getLogger(__name__)

SIZE_TAG = re.compile(r"\[size=([^\]\n]{1,60})\]", re.IGNORECASE)
CROWD_WORDS = re.compile(
    r"\b(tens of thousands|several hundred|several thousand|hundreds|thousands|dozens|scores)\s+of\b"
    r"|\b(?:about|around|some|over|more than|nearly|at least)?\s*(\d[\d,]*)\s+"
    r"(?:people|protesters|demonstrators|supporters|students|workers|residents|activists)\b",
    re.IGNORECASE,
)
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _title_end(doc: Doc) -> int:
    """End offset of the headline part of the text (0 when there is no title)."""
    article = doc._.article
    spans = article.part_spans() if article is not None else {}
    if "title" not in spans or len(spans) == 1:  # a title alone is the whole text
        return 0
    return spans["title"][1] + len(TEXT_SEPARATOR)


def _summary_end(doc: Doc) -> int:
    """End offset of the headline and standfirst (0 when the article has no body below them). A
    "standfirst" that ends like a sentence may be the lead of a report with none (the plain-text
    reader cannot tell): it is read as body."""
    article = doc._.article
    spans = article.part_spans() if article is not None else {}
    if "body" not in spans:
        return 0
    end = spans["title"][1] + len(TEXT_SEPARATOR) if "title" in spans else 0
    standfirst = (article.standfirst or "").strip()
    if standfirst and not standfirst.endswith((".", "!", "?", '"', "”", "'", "’")):
        end = spans["standfirst"][1] + len(TEXT_SEPARATOR)
    return end


def _background_claim(doc: Doc, incident: Incident, claim: Claim) -> bool:
    """A count told in a background sentence between the incident's mentions ("The insurgency has
    killed more than 40,000 people"): the war's toll, not the incident's. Mention sentences keep theirs."""
    ev = claim.evidence
    if ev is None or any(m.start <= ev.start < m.end for m in incident.mentions):
        return False
    text = doc.text[ev.start : ev.end]
    return incident_anchor(text) is None and is_background(text, default_lexicon(), published_date(doc))


def _safe(what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return func(*args, **kwargs)
    except Exception as exc:  # a collaborator's bug costs a field, not the article
        log.warning("%s failed: %s", what, exc)
        return None


def _trigger_evidence(doc: Doc, incident: Incident, prediction: Prediction, taxonomy: Taxonomy) -> list[Evidence]:
    """Spans of the incident that name its sub-event type (its trigger words)."""
    article_id = doc._.article.id if doc._.article is not None else None
    sub = taxonomy.sub_event_types.get(prediction.sub_event_type)
    spans: list[Evidence] = []
    if sub is not None and sub.triggers is not None:
        for mention in incident.mentions:
            for match in sub.triggers.finditer(mention.text[:1500]):
                start = mention.start + match.start()
                spans.append(Evidence.from_text(doc.text, start, mention.start + match.end(), article_id))
                if len(spans) >= 3:
                    return spans
    if not spans:
        for start, end in incident.mentions[0].triggers[:2]:
            spans.append(Evidence.from_text(doc.text, start, end, article_id))
    return spans


def _crowd_tag(doc: Doc, incident: Incident, article_id: str | None) -> tuple[str, Evidence] | None:
    for mention in incident.mentions:
        match = SIZE_TAG.search(mention.text) or CROWD_WORDS.search(mention.text)
        if match:
            size = next(g for g in match.groups() if g).strip()
            start = mention.start + match.start()
            return f"crowd size={size}", Evidence.from_text(doc.text, start, mention.start + match.end(), article_id)
    # "[size=...]" may sit after the last sentence boundary: look just past the incident
    tail = doc.text[incident.end : incident.end + 80]
    match = SIZE_TAG.search(tail)
    if match:
        start = incident.end + match.start()
        return f"crowd size={match.group(1).strip()}", Evidence.from_text(
            doc.text, start, incident.end + match.end(), article_id
        )
    return None


def build_event(doc: Doc, index: int, incident: Incident, prediction: Prediction | None) -> Event:
    """One Event from an incident: type, evidence, claims, fatalities, date, tags, provenance."""
    taxonomy = Taxonomy.default()
    article = doc._.article
    article_id = article.id if article is not None else None
    event = Event(event_id=content_hash(f"{article_id or content_hash(doc.text)}:{index}"))
    if article is not None:
        event.article_ids.append(article.id)
        if article.url:
            event.source_urls.append(article.url)
        event.source = article.source
        event.language = article.language
    event.created_at = datetime.now(timezone.utc)
    event.timestamp = int(time.time())

    for mention in incident.mentions:
        event.cite("event", Evidence.from_text(doc.text, mention.start, mention.end, article_id))
    if prediction is not None:
        event.event_type = prediction.event_type
        event.sub_event_type = prediction.sub_event_type
        event.disorder_type = taxonomy.disorder_type_of(prediction.sub_event_type)
        for span in _trigger_evidence(doc, incident, prediction, taxonomy):
            event.cite("event_type", span, prediction.type_confidence)
            event.cite("sub_event_type", span, prediction.confidence)
            event.cite("disorder_type", span, prediction.type_confidence)
        if prediction.rule:
            event.history.append({"rule": prediction.rule, "method": prediction.method})
    type_conf = prediction.type_confidence if prediction else 0.2
    event.confidence["event"] = round(min(0.95, incident.strength * (0.4 + 0.55 * type_conf)), 4)

    start, end = incident.start, incident.end
    claims: list[Claim] = []
    # casualty sentences that follow the mentions ("Two soldiers died later.") are part of it
    claims_end = max(end, incident.context_end)
    claims = _safe("find_claims", find_claims, doc, start, claims_end, article_id) or []
    claims = [c for c in claims if not _background_claim(doc, incident, c)]
    event.claims = claims
    if event.event_type is not None:
        significant = default_lexicon().significant.search(incident.text[:3000]) is not None
        coded = _safe("code_fatalities", code_fatalities, claims, significant=significant,
                      summary_end=_summary_end(doc), language=doc_language(doc))
        if coded is not None:
            fatalities, spans, dispute = coded
            if taxonomy.kills_no_one(event.sub_event_type) and fatalities:
                # deaths told about a protest (its cause, earlier events) are not its fatalities
                event.history.append({"fatalities_not_coded": int(fatalities), "rule": "no fatalities for this type"})
                fatalities, spans, dispute = 0, [], None
            event.fatalities = int(fatalities)
            for span in spans:
                event.cite("fatalities", span)
            event.confidence["fatalities"] = 0.5 if dispute else (0.8 if spans else 0.6)
            if dispute:
                event.history.append({"fatalities_dispute": dispute})

    published = article.published if article is not None else None
    # a headline or standfirst line that tells another incident too ("A peaceful march on Monday gave way
    # to clashes the following day") does not date this one
    two_stories = any(m.in_title and m.new_incident for m in incident.mentions)
    dated = next((m.start for m in incident.mentions if not m.in_title), start) if two_stories else start
    # an incident told of another place ("In Kaduna state, ...") takes its report's day before the one told before it
    resolution = _safe("resolve_date", resolve_date, doc, dated, end, published, article_id,
                       report_first=incident.mentions[0].place is not None)
    if resolution is not None:
        event.event_date = resolution.date
        event.year = resolution.date.year
        event.time_precision = resolution.time_precision
        if resolution.evidence is not None:
            event.cite("event_date", resolution.evidence)
            event.cite("time_precision", resolution.evidence)
        event.confidence["event_date"] = float(resolution.confidence)

    if event.event_type in ("Protests", "Riots"):
        tag = _crowd_tag(doc, incident, article_id)
        if tag is not None:
            event.tags = tag[0]
            event.cite("tags", tag[1], 0.8)
    return event


MAX_READING_CHARS = 4000
TENTATIVE_MIN_CONFIDENCE = 0.9  # the model's event-type confidence a trigger-less dispatch needs


def _tentative_incident(doc: Doc) -> tuple[list[Incident], list[Prediction | None]]:
    """A short dispatch naming an actor but no trigger word: an event only when the trained
    model is confident about its type (the rules alone never accept one)."""
    incident = whole_text_incident(doc)
    if incident is None or default_classifier() is None:
        return [], []
    prediction = classify([doc.text[:MAX_READING_CHARS]], victims=_victims(doc, [None]))[0]
    if prediction is None or prediction.type_confidence < TENTATIVE_MIN_CONFIDENCE:
        return [], []
    return [incident], [prediction]


Reading = tuple[str, list[tuple[int, int]] | None]  # the text and where it is in the doc (None: all of it)


def _reading_text(doc: Doc, incidents: list[Incident], incident: Incident) -> Reading:
    """What the classifier reads for an incident. The model was trained on whole coder's notes
    (one event each), so an article with a single incident is read whole but for its background
    sentences (a war's toll, a trend: "Clashes between herders and farmers have killed thousands"
    would make a raid on a village a battle); several incidents each read their own context."""
    if len(incidents) == 1:
        lexicon = default_lexicon()
        published = published_date(doc)
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        size, dropped = 0, False
        for start, end in sentence_spans(doc):
            text = doc.text[start:end]
            if is_background(text, lexicon, published) and not any(m.start <= start < m.end for m in incident.mentions):
                dropped = True
                continue
            parts.append(text)
            spans.append((start, end))
            size += len(text) + 1
            if size >= MAX_READING_CHARS:
                break
        if not dropped and len(doc.text) <= MAX_READING_CHARS:
            return doc.text, None
        return " ".join(parts)[:MAX_READING_CHARS], spans
    if incident.context:
        return incident.context, incident.context_spans
    return incident.text[:MAX_READING_CHARS], [(m.start, m.end) for m in incident.mentions]


def _victims(doc: Doc, spans: list[list[tuple[int, int]] | None]) -> list[frozenset[str]] | None:
    """Who suffers the violence in each reading of the doc, from the parse the pipeline already
    made (None without a model, which alone uses them, or when the doc cannot tell)."""
    if default_classifier() is None:
        return None
    found = _safe("patients", patients, doc)
    if found is None:
        return None
    return [victims_within(found, s) for s in spans]


def _after_clauses(doc: Doc, incidents: list[Incident], predictions: list[Prediction | None]) -> list[Prediction | None]:
    """A residual call ("Other": a displacement, a closure) on an incident whose sentence tells violence
    in an "after" clause ("Hundreds fled after jihadists attacked nearby villages, killing 17"): the
    violence is the event ACLED codes, so the clause alone is read; its call stands when not residual."""
    taxonomy = Taxonomy.default()
    residual = set(taxonomy.precedence.get("needs_claim_or_day") or [])
    out = list(predictions)
    for i, (incident, prediction) in enumerate(zip(incidents, predictions, strict=True)):
        if prediction is None or prediction.sub_event_type not in residual:
            continue
        clause = next((c for m in incident.mentions if (c := after_clause(doc, m.start, m.end)) is not None), None)
        if clause is None:
            continue
        again = classify([doc.text[clause[0] : clause[1]]], victims=_victims(doc, [[clause]]))[0]
        if again is not None and again.sub_event_type not in residual:
            again.rule = again.rule or "violence told in an 'after' clause of a residual report"
            out[i] = again
    return out


def _backed(
    incidents: list[Incident], predictions: list[Prediction | None]
) -> tuple[list[Incident], list[Prediction | None]]:
    """The incidents that are events: a residual call that neither the model nor a day backs is
    ordinary prose (taxonomy.yaml, `needs_claim_or_day`); so is one the classifier made residual
    before the encoder's blend moved it (the encoder reads any prose as some event)."""
    taxonomy = Taxonomy.default()
    kept = [
        (incident, prediction)
        for incident, prediction in zip(incidents, predictions, strict=True)
        if prediction is None
        or not any(
            taxonomy.unbacked(call, prediction.margin, incident.anchor is not None)
            for call in (prediction.sub_event_type, prediction.own_label)
        )
    ]
    return [i for i, _ in kept], [p for _, p in kept]


def _follow_on(doc: Doc, event: Event, incident: Incident) -> None:
    """An incident told as days after (or before) the one just told ("Two days later, the army
    recaptured ..."): its inherited date moves by that many days; the words are cited too."""
    mention = incident.mentions[0]
    found = _safe("sequence_offset", sequence_offset, mention.text[:300], doc_language(doc))
    if not found or event.event_date is None:
        return
    days, start, end = found
    event.event_date = event.event_date + timedelta(days=days)
    event.year = event.event_date.year
    article_id = doc._.article.id if doc._.article is not None else None
    event.cite("event_date", Evidence.from_text(doc.text, mention.start + start, mention.start + end, article_id))


@Language.component("strife_extract")
def strife_extract(doc: Doc) -> Doc:
    """Find the incidents of an article and code each as an Event (doc._.events)."""
    if doc._.strife is None:
        doc._.strife = {}
    incidents = segment(doc, max(_title_end(doc), _summary_end(doc)))  # the standfirst is the headline's
    predictions: list[Prediction | None] = []
    if incidents:
        readings = [_reading_text(doc, incidents, i) for i in incidents]
        victims = _victims(doc, [spans for _, spans in readings])
        predictions = classify([text for text, _ in readings], victims=victims)
        predictions = _safe("after_clauses", _after_clauses, doc, incidents, predictions) or predictions
    if not incidents:
        incidents, predictions = _tentative_incident(doc)
    incidents, predictions = _backed(incidents, predictions)
    events: list[Event] = []
    for index, (incident, prediction) in enumerate(zip(incidents, predictions, strict=True)):
        event = _safe("build_event", build_event, doc, index, incident, prediction)
        if event is None:
            continue
        dated_outside = any(span.start < incident.start for span in event.evidence.get("event_date", []))
        if (event.event_date is None or dated_outside) and events and events[-1].event_date is not None:
            # an incident told without its own day ("It was followed by a second assault")
            # shares the day of the incident the article has just told
            previous = events[-1]
            event.evidence.pop("event_date", None)
            event.event_date, event.year = previous.event_date, previous.year
            event.time_precision = previous.time_precision
            for span in previous.evidence.get("event_date", []):
                event.cite("event_date", span)
            event.confidence["event_date"] = round(0.6 * previous.confidence.get("event_date", 0.5), 4)
            _follow_on(doc, event, incident)
        events.append(event)
        doc._.strife.setdefault("spans", {})[event.event_id] = (incident.start, incident.end)
        doc._.strife.setdefault("reading", {})[event.event_id] = list(incident.context_spans)
    doc._.events = events
    return doc


def _territory_outcome(event: Event, passage: str) -> None:
    """A clash after which actor1 holds the ground becomes a territory sub-event type (see taxonomy)."""
    taxonomy = Taxonomy.default()
    sub, rule = taxonomy.territory_outcome(event.sub_event_type, passage, event.inter1)
    if rule is not None and sub is not None:
        event.sub_event_type = sub
        event.event_type = taxonomy.event_type_of(sub)  # a residual Other can become a battle's outcome
        event.disorder_type = taxonomy.disorder_type_of(sub)
        event.history.append({"rule": rule, "method": "actors"})


def _who_lost_it(event: Event, events: list[Event]) -> None:
    """Forces that retake ground the article told a group took ("M23 seized Nyanzale ... Two days later
    the army recaptured the nearby village"): the group that took it is actor2 when the retaking
    names no one."""
    if event.sub_event_type != "Government regains territory" or not (
        event.actor2 is None or event.actor2.startswith("Unidentified Armed Group")
    ):
        return
    earlier = events[: events.index(event)] if event in events else []
    taken = next((e for e in reversed(earlier) if e.sub_event_type == "Non-state actor overtakes territory"
                  and e.actor1 and not e.actor1.startswith("Unidentified")), None)
    if taken is None:
        return
    _name_side(event, "2", taken.actor1 or "", taken.inter1, taken.evidence.get("actor1", []), 0.6,
               "the group that took the ground loses it")


def _name_side(event: Event, side: str, actor: str, inter: int | None, spans: list[Evidence], confidence: float,
               rule: str) -> None:
    """Give an event's actor1 or actor2 ("1"/"2") an actor the article named for another of its events:
    the name, its inter code and the interaction, the spans that name it, and the rule in the history."""
    setattr(event, f"actor{side}", actor)
    setattr(event, f"inter{side}", inter)
    event.interaction = interaction_code(event.inter1, event.inter2)
    event.evidence.pop(f"actor{side}", None)
    for span in spans:
        event.cite(f"actor{side}", span, confidence)
    event.history.append({"rule": rule, "method": "actors"})


UNNAMED_SIDE = 0.4  # the confidence of a side the text leaves unnamed (actors.code_roles' default)


def _same_fight(event: Event, events: list[Event]) -> None:
    """A battle whose other side the text leaves unnamed ("Gunfire rang out near the airport overnight
    ... soldiers surrendered"), told after a fight of the same place whose sides include its actor1:
    the other side of that fight, still fighting."""
    if event.event_type != "Battles" or not (event.actor2 or "").startswith("Unidentified Armed Group") or \
            event.confidence.get("actor2", 1.0) > UNNAMED_SIDE or event not in events or not event.location:
        return
    earlier = next((e for e in reversed(events[: events.index(event)]) if e.location == event.location
                    and e.event_type in ("Battles", "Strategic developments") and e.actor1 and e.actor2), None)
    if earlier is None or event.actor1 not in (earlier.actor1, earlier.actor2):
        return
    side = "2" if event.actor1 == earlier.actor1 else "1"
    other = earlier.actor2 if side == "2" else earlier.actor1
    if not other or other.startswith("Unidentified") or other.startswith("Civilians"):
        return
    _name_side(event, "2", other, earlier.inter2 if side == "2" else earlier.inter1,
               earlier.evidence.get(f"actor{side}", []), 0.5, "the other side of the fight told before at the same place")


# "In a second attack, the militants ambushed ...": the attackers the article has already named
_DEFINITE_BEFORE = re.compile(r"(?i)\b(?:the|these|those)(?: same)? $")


def _same_attackers(event: Event, events: list[Event], text: str) -> None:
    """Attackers an incident names only as "the militants", in an article whose earlier incidents were
    all carried out by one named armed group: that group (an anaphor, not unknown gunmen)."""
    if not (event.actor1 or "").startswith("Unidentified Armed Group") or event not in events:
        return
    said = event.evidence.get("actor1") or []
    registry = ActorRegistry.default()
    if not said or not all(registry.noun_class(span.quote) in (UNIDENTIFIED, INSURGENT)
                           and _DEFINITE_BEFORE.search(text[max(0, span.start - 12) : span.start]) for span in said):
        return
    earlier = [e for e in events[: events.index(event)] if e.inter1 in (2, 3) and e.actor1
               and not e.actor1.startswith("Unidentified")]
    if len({e.actor1 for e in earlier}) != 1:
        return
    named = earlier[-1]
    _name_side(event, "1", named.actor1 or "", named.inter1, [*said, *named.evidence.get("actor1", [])], 0.6,
               "the attackers named as the article's group")


@Language.component("strife_finalize")
def strife_finalize(doc: Doc) -> Doc:
    """After geo: actors (country from geo, else named in the text), then the ACLED-style note."""
    article = doc._.article
    spans: dict[str, tuple[int, int]] = (doc._.strife or {}).get("spans", {})
    readings: dict[str, list[tuple[int, int]]] = (doc._.strife or {}).get("reading", {})
    hint: str | None = None
    hint_done = False
    for event in doc._.events or []:
        if event.event_date is None and article is not None and article.published is not None:
            # no date in the text: the report's date, "around" it (ACLED precision 2)
            event.event_date = article.published
            event.year = article.published.year
            event.time_precision = 2
            event.confidence["event_date"] = 0.3
        start, end = spans.get(event.event_id, (0, len(doc.text)))
        country = event.country
        if country is None:
            if not hint_done:
                hint = _safe("country_hint", country_hint, doc)
                hint_done = True
            country = hint
        if event.event_type is not None:
            _safe("assign_actors", assign_actors, event, doc, start, end, country=country, when=event.event_date,
                  reading=readings.get(event.event_id) or None)
            _safe("mark_partisan", mark_partisan, event, country=country, when=event.event_date)
            _territory_outcome(event, doc.text[start:end])
            _who_lost_it(event, doc._.events or [])
            _safe("same_attackers", _same_attackers, event, doc._.events or [], doc.text)
            _safe("same_fight", _same_fight, event, doc._.events or [])
        dispute = next((h["fatalities_dispute"] for h in event.history if "fatalities_dispute" in h), None)
        note = _safe("write_note", write_note, event, dispute)
        if note:
            event.notes = note
    if doc._.events:
        doc._.events = _one_per_incident(doc._.events)
    return doc


_SAME_INCIDENT = ("event_date", "sub_event_type", "actor1", "actor2", "country", "location")


def _one_per_incident(events: list[Event]) -> list[Event]:
    """ACLED's one event per place, day, actors and type: an incident the article tells again after
    another ("Protesters clashed with police on Tuesday ... On Monday, a march ... On Tuesday, youths
    blocked roads") is the event told first, with the later telling's evidence; where the tellings
    give different tolls they stay apart (each with its own note)."""
    kept: list[Event] = []
    for event in events:
        twin = next((k for k in kept if event.location is not None and event.event_type is not None
                     and all(getattr(k, f) == getattr(event, f) for f in _SAME_INCIDENT)
                     and k.fatalities == event.fatalities), None)
        if twin is None:
            kept.append(event)
            continue
        for field, spans in event.evidence.items():
            for span in spans:
                twin.cite(field, span)
        twin.history.append({"merged_telling": event.event_id})
    return kept
