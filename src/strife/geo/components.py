"""spaCy component of the geo stage: places every event of a Doc on the map.

For each event the component looks at the toponyms inside the event's own sentences
(`evidence["event"]`), drops those that are not where it happened (actor names,
nationalities, places qualifying another place, places where something was said), picks
the most specific remaining one (an event preposition and an early position break ties),
and fills country, iso, region, admin1-3, location, coordinates and ACLED geo_precision.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from strife.extract.actors import country_hint
from strife.geo.gazetteer import ADMIN1, ADMIN2, ADMIN3, COUNTRY, PLACE, Gazetteer
from strife.geo.prior import Admin1Prior, CountryPrior, admin1_priors, country_priors
from strife.geo.recognize import Mention, find_mentions
from strife.geo.resolve import SPECIFICITY, Focus, Resolved, country_focus, describe, resolve_mentions
from strife.schema import Event, Evidence

GEO_FIELDS = ("country", "iso", "region", "admin1", "admin2", "admin3", "location", "latitude", "longitude")


class GeoComponent:
    """The `strife_geo` pipe. Batches the learned country prior over the Docs that `nlp.pipe`
    hands it (one model call per batch costs about what one call per Doc does)."""

    def __call__(self, doc: Doc) -> Doc:
        self._run([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._run(batch)
            yield from batch

    def _run(self, docs: list[Doc]) -> None:
        todo = [doc for doc in docs if doc._.events]
        if not todo:
            return
        gaz = Gazetteer.default()
        texts = [doc.text for doc in todo]
        try:
            priors = country_priors(texts, gaz)
            units = admin1_priors(texts, gaz)
        except Exception:  # the priors are an aid: without them the text still decides
            priors, units = [None] * len(todo), [None] * len(todo)
        for doc, prior, unit in zip(todo, priors, units, strict=True):
            try:
                geoparse_doc(doc, doc._.events, gaz, prior=prior, admin1_prior=unit)
            except Exception as exc:  # one bad article never stops a batch; say why on the doc
                if doc._.strife is None:
                    doc._.strife = {}
                doc._.strife.setdefault("errors", []).append(f"strife_geo: {type(exc).__name__}: {exc}")


@Language.factory("strife_geo")
def make_geo_component(nlp: Language, name: str) -> GeoComponent:
    return GeoComponent()


_COMPUTE = object()  # geoparse_doc's default: compute the country prior for this one Doc


def geoparse_doc(
    doc: Doc, events: list[Event], gaz: Gazetteer | None = None, prior: CountryPrior | None | object = _COMPUTE,
    admin1_prior: Admin1Prior | None | object = _COMPUTE,
) -> list[Resolved]:
    """Resolve the Doc's toponyms and fill the geographic fields of each event in place.
    `prior`, `admin1_prior`: the learned country and admin1 priors when the caller computed them
    (None: go without)."""
    gaz = gaz or Gazetteer.default()
    mentions = find_mentions(doc, gaz)
    actors = [a for e in events for a in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2) if a]
    if prior is _COMPUTE:
        prior = country_priors([doc.text], gaz)[0]
    if admin1_prior is _COMPUTE:
        admin1_prior = admin1_priors([doc.text], gaz)[0]
    focus = country_focus(mentions, gaz, doc.text, actors, prior if isinstance(prior, CountryPrior) else None)
    resolved = resolve_mentions(mentions, gaz, focus)
    if doc._.strife is not None:
        doc._.strife["geo_mentions"] = resolved
    article = doc._.article
    article_id = getattr(article, "id", None)
    hint = _actor_hint(doc.text, mentions, gaz) if not focus.weights else None
    unit = admin1_prior if isinstance(admin1_prior, Admin1Prior) else None
    for event in events:
        others = [span for e in events if e is not event for span in e.evidence.get("event") or []]
        locate_event(event, resolved, focus, gaz, doc.text, article_id, hint, unit, others)
    return resolved


def _actor_hint(text: str, mentions: list[Mention], gaz: Gazetteer) -> str | None:
    """When nothing in the text points to a country, the extract stage's actor registry may know where
    its actors operate ("Fulani militiamen"): used only for the country of an event with no place.
    Words the geo stage ruled out as country cues ("the US dollar") are blanked out first."""
    for m in mentions:
        if m.feature:
            text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    try:
        hint = country_hint(text)
    except Exception:  # the registry is optional for geo: no hint, no harm
        return None
    return gaz.country_code(hint) if hint else None


def _in_spans(m: Mention, spans: list[Evidence]) -> bool:
    return any(s.start <= m.start and m.end <= s.end for s in spans)


def _eligible(r: Resolved) -> bool:
    m = r.mention
    if m.in_actor or m.demonym or m.statement or m.feature or m.border or m.qualifier_of is not None:
        return False
    return r.pid is not None or r.fallback is not None


def _ambiguous(gaz: Gazetteer, r: Resolved) -> bool:
    """Whether the mention's name is found in more than one country."""
    ids = r.mention.ids
    return len({gaz.countries[p] for p in ids}) > 1 or r.mention.weak


def _kind(gaz: Gazetteer, r: Resolved) -> int:
    if r.pid is not None:
        return gaz.kinds[r.pid]
    return gaz.kinds[r.fallback] if r.fallback is not None else COUNTRY


def locate_event(
    event: Event, resolved: list[Resolved], focus: Focus, gaz: Gazetteer, text: str,
    article_id: str | None = None, hint: str | None = None, admin1_prior: Admin1Prior | None = None,
    other_events: list[Evidence] | None = None,
) -> None:
    """Fill an event's place from the resolved toponyms. `other_events`: the sentences of the
    article's other events, whose places are theirs."""
    spans = event.evidence.get("event") or []
    inside = [r for r in resolved if spans and _in_spans(r.mention, spans)]
    pool = [r for r in inside if _eligible(r)]
    in_event = bool(pool)
    # the incident names a place the gazetteer does not know ("near Arbinda"): a place named for
    # another incident is no stand-in for it; at most its region is (below). A place named elsewhere
    # in the incident's own report ("near Zorkotiba, 12 km from Bankass") still is.
    unknown_own = not in_event and any(r.pid is None and r.fallback is None and not r.mention.in_actor
                                       for r in inside)
    if not pool:
        pool = [r for r in resolved if _eligible(r)]
    top = focus.top or hint
    # admin1 units the text names: a place outside all of them is probably a namesake elsewhere
    named_admin1 = {
        r.pid for r in resolved
        if r.pid is not None and gaz.kinds[r.pid] == ADMIN1 and not r.mention.in_actor and not r.mention.weak
    }
    # the country the text names comes from armed groups or admin qualifiers, not only country names
    strong = focus.strong.get(focus.explicit_top or "", 0) > 0
    theirs = _places_of_others(event, resolved, other_events or [])
    # the country the incident's own sentences name instead of the article's ("In neighbouring Niger,
    # seven soldiers were killed near Tahoua"): a roundup's second country is no foreign namesake there
    # (sentences that also name the article's country - "the Mali-Niger border" - change nothing)
    named_here = {gaz.countries[r.pid] for r in inside if r.pid is not None and gaz.kinds[r.pid] == COUNTRY
                  and not r.mention.in_actor}
    if top in named_here:
        named_here = set()
    best: tuple[float, Resolved] | None = None
    for order, r in enumerate(pool):
        kind = _kind(gaz, r)
        pid = r.pid if r.pid is not None else r.fallback
        assert pid is not None
        s = float(SPECIFICITY[kind])
        if r.mention.event_prep:
            s += 1.5
        if r.mention.qualifiers:
            s += 1.0  # "in X (Admin2, Admin1)": the text takes care to say where X is
        if r.mention.partial or r.mention.tail:
            s -= 2.0  # only the start of a longer unknown name ("Bangui Mallam")
        if r.mention.facility:
            s -= 2.5  # "St Albans Prison in Port Elizabeth": the facility's namesake is elsewhere
        if top and gaz.countries[pid] != top and not r.mention.qualifiers and gaz.countries[pid] not in named_here:
            s -= 3.0  # off the article's main country, unless its own "(Admin2, Admin1)" says where
        s -= 0.25 * min(order, 8)
        if pid in theirs:
            s -= 2.0  # a headline's second place, that another incident's own sentences tell (`_places_of_others`)
        if focus.foreign(gaz.countries[pid]) and kind != COUNTRY and gaz.countries[pid] not in named_here and (
            _ambiguous(gaz, r) or strong
        ):
            # a namesake abroad while the article clearly names another country (or its armed groups);
            # a name found in one country only is kept when only country names point elsewhere
            # ("protest in Mulhouse against the invasion of Ukraine"), and so is a city of 100,000+
            # ("gathered in Nottingham to protest deportations to Rwanda") unless armed groups or
            # admin qualifiers point elsewhere
            if kind != PLACE or gaz.populations[pid] < (500000 if strong else 100000):
                continue
        if kind != ADMIN1 and kind != COUNTRY and named_admin1:
            same_country = [a for a in named_admin1 if gaz.countries[a] == gaz.countries[pid]]
            if same_country and not any(gaz.within(pid, a) for a in same_country):
                s -= 2.0
        s += 0.5 * r.confidence
        if best is None or s > best[0]:
            best = (s, r)
    if best is None:
        # no place at all: at most the article's main country (and the admin1 model's unit in it),
        # never a guessed town
        if top and top in gaz.country_place:
            _fill(event, gaz, gaz.country_place[top], None, text, article_id, 0.2, precision=None)
            _fill_admin1(event, gaz, admin1_prior)
        return
    r = best[1]
    m = r.mention
    pid = r.pid if r.pid is not None else r.fallback
    assert pid is not None
    kind = gaz.kinds[pid]
    if kind == COUNTRY:
        precision = None
    elif kind == ADMIN1:
        precision = 3
    elif kind in (ADMIN2, ADMIN3) or r.pid is None:
        precision = 2
    else:
        precision = 2 if (m.near or m.between) else 1
    borrowed = unknown_own and other_events and _in_spans(m, other_events)
    if borrowed and kind not in (COUNTRY, ADMIN1) and gaz.admin1s[pid] >= 0:
        pid, kind, precision = gaz.admin1s[pid], ADMIN1, 3
    confidence = r.confidence * (1.0 if in_event else 0.6)
    if kind == COUNTRY:
        confidence = min(confidence, 0.3)
    _fill(event, gaz, pid, m, text, article_id, confidence, precision)
    if kind == COUNTRY:
        _fill_admin1(event, gaz, admin1_prior)


def _places_of_others(event: Event, resolved: list[Resolved], other_events: list[Evidence]) -> set[int]:
    """Places that a sentence of the event naming several places (a headline telling two incidents:
    "Mortar shells hit X as car bomb kills five in Y") names, but that only another event's own
    sentences name again: that event's place, not this one's."""
    spans = event.evidence.get("event") or []
    if not other_events or not spans:
        return set()

    def places(within: list[Evidence]) -> set[int]:
        return {r.pid for r in resolved if r.pid is not None and _in_spans(r.mention, within)}

    elsewhere = places([o for o in other_events if not any(o.start == s.start and o.end == s.end for s in spans)])
    theirs: set[int] = set()
    for span in spans:
        named = places([span])
        if len(named) > 1:
            theirs |= (named & elsewhere) - places([s for s in spans if s is not span])
    return theirs


def _fill_admin1(event: Event, gaz: Gazetteer, prior: Admin1Prior | None) -> None:
    """An event placed in a country only gets the admin1 model's unit when it lies in that country:
    the region is named, no point is invented (no coordinates, no geo_precision)."""
    if prior is None or "admin1" in event.corrections or event.country != gaz.country_name(prior.country):
        return
    event.admin1 = gaz.names[prior.unit]
    event.confidence["admin1"] = prior.confidence


def _fill(
    event: Event, gaz: Gazetteer, pid: int, m: Mention | None, text: str, article_id: str | None,
    confidence: float, precision: int | None,
) -> None:
    fields = describe(gaz, pid)
    fields["geo_precision"] = precision
    for name in (*GEO_FIELDS, "geo_precision"):
        if name not in event.corrections:  # a human's correction wins over the geoparser
            setattr(event, name, fields.get(name))
    if m is None:
        event.confidence["country"] = confidence
        return
    ev = Evidence.from_text(text, m.start, m.end, article_id)
    if gaz.kinds[pid] != COUNTRY:
        event.cite("location", ev, confidence)
        event.cite("latitude", ev, confidence)
        event.cite("longitude", ev, confidence)
        event.cite("geo_precision", ev, confidence)
        if fields.get("admin1"):
            event.cite("admin1", ev, min(1.0, confidence + 0.1))
    event.cite("country", ev, min(1.0, confidence + 0.2) if gaz.kinds[pid] != COUNTRY else confidence)


__all__ = ["GeoComponent", "geoparse_doc", "locate_event"]
