"""ACLED-style notes written from an Event's fields and claims.

Two sentences: what happened ("On 10 January 2023, A attacked B near X (admin1, country).")
and the toll with its source ("7 killed (source: JNIM claim via SITE); Fatalities
disputed: ..."). Missing fields are left out or said to be unknown, never invented.
Templates live in `data/notes_<language>.yaml`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from strife.extract.claims import claimant_key
from strife.extract.fatalities import DEATH, code_fatalities
from strife.extract.lexicons import load_lexicon
from strife.schema import Event

_SIGNIFICANT_TYPES = {"Battles", "Explosions/Remote violence"}


@cache
def templates(language: str = "en") -> dict[str, Any]:
    return load_lexicon("notes", language)


def _date(event: Event, t: dict[str, Any]) -> str:
    d = event.event_date
    if d is None:
        return str(t["date_unknown"])
    text = f"{d.day} {d.strftime('%B')} {d.year}"
    if event.time_precision == 3:
        return str(t["date_month"]).format(month=f"{d.strftime('%B')} {d.year}")
    if event.time_precision == 2:
        return str(t["date_approximate"]).format(date=text)
    return str(t["date"]).format(date=text)


def _location(event: Event, t: dict[str, Any]) -> str:
    if not event.location:
        return ""
    places = [p for p in (event.admin1, event.country) if p and p != event.location]
    if not places:
        return f" near {event.location}"
    return str(t["location"]).format(location=event.location, places=", ".join(places))


def _first_sentence(event: Event, t: dict[str, Any]) -> str:
    actor1 = event.actor1 or str(t["unknown_actors"].get(event.event_type or "", t["unknown_actor"]))
    sub = event.sub_event_type or ""
    if event.actor2:
        verb = str(t["verbs"].get(sub, t["default_verb"]))
        actor2 = f" {event.actor2}"
    else:
        verb = str(t["no_actor2_verbs"].get(sub, t["default_no_actor2_verb"]))
        actor2 = ""
    return str(t["first_sentence"]).format(
        date=_date(event, t), actor1=actor1, verb=verb, actor2=actor2, location=_location(event, t)
    )


def _sources(event: Event, t: dict[str, Any]) -> str:
    labels: list[str] = []
    # who -> (where their label is, whether it names a channel): "Burkina Faso's army", "army" and "the
    # army, in a statement" are one source, told once, with the channel when any of them names it
    told: dict[str, tuple[int, bool]] = {}
    # the claims the count was taken from (a disputed toll names its conservative teller, not every
    # claimant: the others are in the dispute), else every claim
    counted = event.evidence.get("fatalities") or []
    for c in [c for c in event.claims if c.evidence in counted] or event.claims:
        if c.what not in DEATH:
            continue
        who = claimant_key(c.claimant, event.language or "en") if c.claimant else None
        if who is not None and who in told and (told[who][1] or not c.channel):
            continue
        if c.claimant and c.channel:
            label = str(t["claim_source"]).format(claimant=c.claimant, channel=c.channel)
        elif c.claimant and c.partisan:
            label = str(t["claim_source_no_channel"]).format(claimant=c.claimant)
        elif c.channel:
            label = str(t["channel_only"]).format(channel=c.channel)
        else:
            continue
        if who is not None and who in told:
            labels[told[who][0]] = label  # the same teller, now with the channel
            told[who] = (told[who][0], True)
            continue
        if label not in labels:
            labels.append(label)
            if who is not None:
                told[who] = (len(labels) - 1, bool(c.channel))
    if not labels and event.source:
        labels.append(event.source)
    return str(t["source"]).format(sources="; ".join(labels)) if labels else ""


_RECOMPUTE: Any = object()  # write_note's default: work the dispute out from the claims


def write_note(event: Event, dispute: str | None = _RECOMPUTE) -> str:
    """The note of an event: ACLED's two sentences, robust to missing fields. `dispute`: the
    dispute the fatality coding found (None: none); by default it is worked out again from the
    claims (the pipeline passes its own, which leaves the headline's counts out)."""
    t = templates(event.language or "en")
    first = _first_sentence(event, t)
    if dispute is _RECOMPUTE:
        dispute = None
        if event.claims:
            _, _, dispute = code_fatalities(event.claims, significant=event.event_type in _SIGNIFICANT_TYPES,
                                            language=event.language or "en")
    if event.fatalities is None:
        second = str(t["unknown_fatalities"])
    elif event.fatalities == 0:
        second = str(t["no_fatalities"])
    else:
        second = str(t["fatalities"]).format(n=event.fatalities) + _sources(event, t)
    if dispute:
        second += "; " + dispute[0].lower() + dispute[1:].rstrip(".")
    return f"{first} {second}."
