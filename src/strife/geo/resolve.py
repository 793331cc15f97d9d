"""Resolution: which gazetteer entry each toponym is, and where each event happened."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from strife.geo.gazetteer import ADMIN1, ADMIN2, ADMIN3, COUNTRY, PLACE, Gazetteer
from strife.geo.prior import CountryPrior
from strife.geo.recognize import Mention, lexicon
from strife.geo.text import fold, key

_ADMIN1_WORDS = frozenset("region province state governorate oblast wilaya emirate prefecture".split())
_STRAY_FOCUS = 1.0  # one admin unit or country name elsewhere
_STRAY_POPULATION = 100_000
SPECIFICITY = {PLACE: 4, ADMIN3: 3, ADMIN2: 2, ADMIN1: 1, COUNTRY: 0}
# A learned country prior at least this sure counts like a named actor's country.
STRONG_PRIOR = 0.0
# ... and one this sure counts so even when the text names countries of its own.
SURE_PRIOR = 0.7
_ACTOR_COUNTRY = re.compile(r"\(([^()]+)\)\s*$|\bof ([A-Z][\w' -]+?)(?: \(|$)")


@dataclass
class Resolved:
    """One mention resolved to a place, with how sure the resolver is."""

    mention: Mention
    pid: int | None  # None: no gazetteer entry (placed through its qualifiers or not at all)
    score: float
    confidence: float
    fallback: int | None = None  # admin unit used when the mention itself is not in the gazetteer


@dataclass
class Focus:
    """How much the article is about each country. `explicit` counts only what names a country
    (its name, its adjective, its actors); `weights` adds the votes of place names."""

    weights: Counter[str]
    explicit: Counter[str]
    votes: dict[int, Counter[str]]  # what each place mention (by index) added to `weights`
    strong: Counter[str] = field(default_factory=Counter)  # the part of `explicit` from actors and qualifiers
    regions: tuple[int, ...] = ()  # admin1 units where the named actors operate ("OSCE SMM"), main one first
    forces: Counter[str] = field(default_factory=Counter)  # what "Russian forces", "Turkish artillery" gave
    guess: Counter[str] = field(default_factory=Counter)  # an unsure country prior's vote: no cue of the text's

    @property
    def explicit_top(self) -> str | None:
        return self.explicit.most_common(1)[0][0] if self.explicit else None

    @property
    def top(self) -> str | None:
        return self.weights.most_common(1)[0][0] if self.weights else None

    def foreign(self, country: str) -> bool:
        """Whether a place in `country` would be off-topic: the article clearly names another country."""
        top = self.explicit.most_common(1)[0] if self.explicit else None
        return bool(top and top[0] != country and top[1] >= 2.0 and self.explicit.get(country, 0) < 0.5 * top[1])


def country_focus(
    mentions: list[Mention], gaz: Gazetteer, text: str, actors: list[str], prior: CountryPrior | None = None
) -> Focus:
    """Country focus of an article: its country names, adjectives, actors and places, and the
    learned country prior when there is one."""
    focus: Counter[str] = Counter()
    explicit: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    lex = lexicon()
    _country_or_town(mentions, gaz)
    _settle_shared_names(mentions, gaz)
    chains, as_unit = _qualifier_chains(mentions, gaz)
    votes: dict[int, Counter[str]] = {}
    forces: Counter[str] = Counter()
    for idx, m in enumerate(mentions):
        if m.feature or m.partial or m.tail or idx in as_unit:
            continue
        if m.country:
            if m.demonym:
                w = 0.3 if m.forces_of else 1.0  # "Russian forces shelled ... Donetsk": the attacker's side
                if m.forces_of:
                    forces[m.country] += w
            elif m.statement or m.in_actor or m.border:
                w = 1.5
            elif _is_topic(text, m):  # "protested in Munich against the war in Ukraine"
                w = 0.5
            else:  # "in Sri Lanka" says more than "the invasion of Ukraine"
                w = 4.0 if m.prev_word in ("in", "at", "across", "throughout") else (1.0 if m.prev_word in ("of", "from") else 2.0)
            focus[m.country] += w
            explicit[m.country] += 0.5 * w if m.demonym else w
            continue
        if not m.ids or m.weak:
            continue
        # places vote for their countries, big and unambiguous ones more
        big = {gaz.countries[p] for p in m.ids if gaz.kinds[p] in (ADMIN1, ADMIN2) or gaz.populations[p] > 50000}
        small = {gaz.countries[p] for p in m.ids} - big
        vote: Counter[str] = Counter()
        for c in sorted(big):
            vote[c] += 1.0 / len(big) if len(big) <= 3 else 0.1
        for c in sorted(small):
            vote[c] += 0.3 / len(small) if len(small) <= 3 else 0.05
        focus.update(vote)
        votes[idx] = vote
    # "X (Admin2, Admin1)": the country where the qualifying units are is the strongest cue there is
    for common in chains:
        if common and len(common) <= 2:
            for c in sorted(common):
                focus[c] += 3.0 / len(common)
                explicit[c] += 3.0 / len(common)
                strong[c] += 3.0 / len(common)
    # armed groups operate across borders (JNIM in Burkina Faso, the PKK in Iraq): admin units outweigh them
    folded_actors = {fold(n): (a2, n) for n, a2 in lex.actors.items()}
    regions: list[int] = []
    for found in sorted({a.group(0) for a in lex.actor_re.finditer(fold(text))}):
        alpha2, name = folded_actors.get(found, (None, ""))
        for region in lex.actor_admin1.get(name, ()):
            for p in gaz.lookup_ids(region):
                if gaz.kinds[p] == ADMIN1 and gaz.countries[p] == alpha2 and p not in regions:
                    regions.append(p)
        if alpha2:
            focus[alpha2] += 2.0
            explicit[alpha2] += 2.0
            strong[alpha2] += 2.0
    for actor in actors:
        for m in _ACTOR_COUNTRY.finditer(actor or ""):
            name = m.group(1) or m.group(2)
            for pid in gaz.lookup_ids(name or ""):
                if gaz.kinds[pid] == COUNTRY:
                    focus[gaz.countries[pid]] += 3.0
                    explicit[gaz.countries[pid]] += 3.0
                    strong[gaz.countries[pid]] += 3.0
    guess: Counter[str] = Counter()  # an unsure prior (mostly its intercept: the largest class) is no cue
    if prior is not None:
        # the text names its countries: an unsure prior only breaks ties
        tie_break = bool(explicit) and prior.margin < SURE_PRIOR
        vote = 0.25 * prior.weight if tie_break else prior.weight
        focus[prior.country] += vote
        if prior.margin < STRONG_PRIOR:
            guess[prior.country] += vote
        elif not tie_break:  # as telling as an actor's country: namesakes abroad are set aside
            explicit[prior.country] += prior.weight
            strong[prior.country] += prior.weight
    return Focus(focus, explicit, votes, strong, tuple(regions), forces, guess)


def _qualifier_chains(mentions: list[Mention], gaz: Gazetteer) -> tuple[list[set[str]], set[int]]:
    """The countries each "X (Admin2, Admin1)" chain points to, and the country-named qualifiers it
    reads as admin units ("X (Paikoro, Niger)": Niger State), which are then no country cues."""
    chains: list[set[str]] = []
    as_unit: set[int] = set()
    for m in mentions:
        if not m.qualifiers or m.in_actor:
            continue
        common: set[str] | None = None
        inner: list[int] = list(m.ids)  # the place and the units before this qualifier
        for j in m.qualifiers:
            q = mentions[j]
            admins = [p for p in q.ids if gaz.kinds[p] in (ADMIN1, ADMIN2, ADMIN3)]
            if q.country:  # "Decatur (Georgia)" is the US state; "X (Paikoro, Niger)" Nigeria's state
                holding = {gaz.countries[a] for a in admins if any(gaz.within(p, a) for p in inner)}
                if holding:
                    as_unit.add(j)
                units = holding or {q.country}
            else:
                units = {gaz.countries[p] for p in admins}
            inner.extend(admins)
            if units:
                # disagreeing units: the later, larger one ("X (Town, State)") says the country
                common = units if common is None else (common & units or units)
        chains.append(common or set())
    return chains, as_unit


# A country named as what a war, a policy or a protest is about, not where the event is:
# "against the war in Ukraine", "Russia's invasion of Ukraine", "Pakistan's decision", "to support Ukraine".
_TOPIC_BEFORE = re.compile(
    r"(?:\b(?:war|wars|invasion|occupation|aggression|conflict|crisis|genocide|offensive|military operation|"
    r"situation|sanctions|embargo)\s+(?:in|of|on|against)\s+"
    r"|(?:\bsupport(?:ing)?(?:\s+(?:of|for))?|\bsolidarity\s+with|\bpro-|\banti-)\s*)(?:the\s+)?$",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:invasion|war|aggression|government's|government’s|decision|policy|regime|annexation)\b",
    re.IGNORECASE,
)


def _is_topic(text: str, m: Mention) -> bool:
    """"the war in Ukraine", "Russia's invasion", a cause: "in support of Ukraine", "pro-Ukraine"."""
    return bool(_TOPIC_BEFORE.search(text[max(0, m.start - 40) : m.start]) or _TOPIC_AFTER.match(text[m.end : m.end + 30]))


def _settle_shared_names(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A country name two countries share ("Congo": the DRC in most wire copy, the Republic of Congo
    in some) is the one the other places of the text lie in ("Brazzaville", "the Pool region"); the
    first listed (countries.csv order) when they say nothing."""
    for m in mentions:
        if len(m.country_options) < 2:
            continue
        seen: Counter[str] = Counter()
        for other in mentions:
            if other is m or other.country_options or other.weak:
                continue
            places = {gaz.countries[p] for p in other.ids if gaz.kinds[p] != COUNTRY}
            for country in set(m.country_options) & ({other.country} if other.country else places):
                seen[country] += 1
        m.country = max(m.country_options, key=lambda c: (seen[c], -m.country_options.index(c)))


def _country_or_town(mentions: list[Mention], gaz: Gazetteer) -> None:
    """A country's name that heads a qualifier chain is the town when the chain holds a town of that
    name ("Salvador (Bahia)"); otherwise it stays the country and the chain is undone."""
    for m in mentions:
        if not m.country or m.demonym or not m.qualifiers:
            continue
        units = [q for j in m.qualifiers for q in mentions[j].ids if gaz.kinds[q] in (ADMIN1, ADMIN2, ADMIN3)]
        towns = tuple(p for p in m.ids if gaz.kinds[p] == PLACE and any(gaz.within(p, u) for u in units))
        if towns:
            m.country, m.ids = None, towns
            continue
        for j in m.qualifiers:
            mentions[j].qualifier_of = None
        m.qualifiers = []
        m.paren_qualified = False


def resolve_mentions(mentions: list[Mention], gaz: Gazetteer, focus_: Focus) -> list[Resolved]:
    """Pick a gazetteer entry for every mention (in text order)."""
    all_focus = focus_.weights
    # admin units named anywhere in the text: a place inside one of them is more likely
    named_admins: Counter[int] = Counter()
    for m in mentions:
        if m.ids and not m.weak and len(m.ids) <= 6:
            for p in m.ids:
                if gaz.kinds[p] in (ADMIN1, ADMIN2):
                    named_admins[p] += 1
    for region in focus_.regions:  # as if the text named the region the actor operates in
        named_admins[region] += 2
    named_admin1 = {p for p in named_admins if gaz.kinds[p] == ADMIN1 and p not in focus_.regions}
    # first pass: each mention on its own, so that qualifiers can be read as the units they name
    alone: list[int | None] = []
    contexts: list[tuple[Counter[str], float, str | None]] = []
    # a place's own votes do not count for its own reading, said once or again ("... in Moura", then
    # "the town of Moura": one name, one vote), nor do armed forces' adjectives: they name the
    # attacker's side, not where places are
    votes_by_name: dict[tuple[int, ...], Counter[str]] = {}
    for j, vote in focus_.votes.items():
        votes_by_name.setdefault(mentions[j].ids, Counter()).update(vote)
    for idx, m in enumerate(mentions):
        own_votes = votes_by_name.get(m.ids, Counter()) if m.ids else focus_.votes.get(idx, Counter())
        focus = all_focus - own_votes - focus_.forces
        focus = Counter({c: w for c, w in focus.items() if w > 1e-6})  # no float residue
        total = sum(focus.values()) or 1.0
        ranked = focus.most_common(2)
        top = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1] + 1e-9) else None
        contexts.append((focus, total, top))
        own = set(m.ids)
        others = Counter({a: n for a, n in named_admins.items() if a not in own})
        scored0 = [(_score(gaz, m, pid, focus, total, top, [], others), pid) for pid in m.ids]
        alone.append(max(scored0)[1] if scored0 and not m.demonym else None)
    # a name whose type word fixes its reading ("Merida state") reads the same elsewhere in the text
    anchors: dict[str, int] = {}
    for idx, m in enumerate(mentions):
        pid0 = alone[idx]
        if m.type_word and pid0 is not None and gaz.kinds[pid0] in (ADMIN1, ADMIN2, ADMIN3):
            anchors.setdefault(key(m.text), pid0)
    out: list[Resolved] = []
    for idx, m in enumerate(mentions):
        focus, total, top = contexts[idx]
        if m.demonym:
            out.append(Resolved(m, gaz.country_place.get(m.country or ""), 1.0, 0.5))
            continue
        qualifier_groups = [mentions[j].ids for j in m.qualifiers]
        qualifier_ids = [q for group in qualifier_groups for q in group]
        own = set(m.ids)
        others = Counter({a: n for a, n in named_admins.items() if a not in own})
        scored: list[tuple[float, int]] = []
        candidates = m.ids
        if m.weak and not any(focus.get(gaz.countries[p], 0) > 0 for p in m.ids):
            candidates = ()  # part of a foreign hyphenated name and nothing else points there
        anchor = anchors.get(key(m.text)) if not m.type_word else None
        for pid in candidates:
            out_score = _score(gaz, m, pid, focus, total, top, qualifier_groups, others)
            if anchor is not None and (gaz.within(pid, anchor) or gaz.seats[anchor] == pid):
                out_score += 3.0  # one name, one place: "in Merida state (coded to Merida, Merida)"
            scored.append((out_score, pid))
        fallback = None
        if qualifier_ids and scored and not any(
            gaz.within(pid, q) for _s, pid in scored for q in qualifier_ids if gaz.kinds[q] != PLACE
        ):
            # the qualifiers do not contain any candidate: a gazetteer gap (or not a qualifier at all)
            fallback = _qualifier_unit(gaz, [(alone[j], mentions[j].ids) for j in m.qualifiers])
            if fallback is not None and (
                m.paren_qualified or not any(gaz.countries[pid] == gaz.countries[fallback] for _s, pid in scored)
            ):
                scored = []
        if scored and fallback is None and qualifier_ids and not any(
            gaz.within(pid, q) for _s, pid in scored for q in qualifier_ids if gaz.kinds[q] != PLACE
        ):
            for j in m.qualifiers:  # not a qualifier after all ("A, B" in a list of places)
                mentions[j].qualifier_of = None
        ambiguous = len({gaz.countries[p] for p in m.ids}) > 1
        if scored and not m.country and (ambiguous or focus_.strong.get(top or "", 0) > 0) and _stray(
            gaz, max(scored)[1], focus if m.tail or m.partial or m.weak else focus - focus_.guess, top,
            any_size=m.tail or m.partial,
        ):
            # the best reading is a small namesake in a country nothing else in the text points to
            # (an unsure prior's guess does not count against a whole name: "a protest in Berat"),
            # while the name is ambiguous or admin units / armed groups point elsewhere (a name found
            # in one country only is kept when only country names point elsewhere: "marched in Mulhouse")
            scored = []
        if focus_.regions and not m.qualifiers and not m.country and not m.in_actor and _village_outside(
            gaz, [p for _s, p in scored], focus_.regions, named_admin1
        ):
            # "the OSCE SMM observed shelling near X": a village of that name elsewhere in the country
            # is a namesake; the actor's main region is what the text supports
            scored, fallback = [], focus_.regions[0]
        if not scored:
            if fallback is None and qualifier_ids:
                fallback = _qualifier_unit(gaz, [(alone[j], mentions[j].ids) for j in m.qualifiers])
            out.append(Resolved(m, None, 0.0, 0.3 if fallback is not None else 0.0, fallback))
            continue
        scored.sort(reverse=True)
        best, pid = scored[0]
        if gaz.kinds[pid] in (ADMIN1, ADMIN2, ADMIN3) and not m.type_word and gaz.seats[pid] in m.ids:
            # "Menaka" names both the region and its seat town: ACLED codes the town
            pid = gaz.seats[pid]
        second = scored[1][0] if len(scored) > 1 else best - 4.0
        conf = 1.0 / (1.0 + math.exp(-(best - second)))
        conf = min(0.95, 0.35 + 0.6 * conf * (0.6 + 0.4 * focus.get(gaz.countries[pid], 0) / total))
        out.append(Resolved(m, pid, best, conf, fallback if fallback is not None and not scored else None))
    return out


def _stray(gaz: Gazetteer, pid: int, focus: Counter[str], top: str | None, any_size: bool = False) -> bool:
    """Whether a reading is a small place (or unit) in a country that nothing else in the text
    points to while other cues point to another country ("Choro ... (Kamjong district, Manipur)"
    is not Choró in Brazil). `focus` excludes the mention's own votes. With `any_size` (the name is
    only part of a longer unknown one: "Bangui Mallam") a big city abroad is a stray too."""
    country = gaz.countries[pid]
    if gaz.kinds[pid] == COUNTRY or focus.get(country, 0.0) > 0 or top is None or top == country:
        return False
    return focus[top] >= _STRAY_FOCUS and (any_size or gaz.populations[pid] < _STRAY_POPULATION)


def _village_outside(gaz: Gazetteer, pids: list[int], regions: tuple[int, ...], named_admin1: set[int]) -> bool:
    """Whether all readings of a name are small places (or none) outside the actor's regions, and
    the text names no other region that could hold them."""
    if named_admin1:
        return False
    for pid in pids:
        if gaz.kinds[pid] == COUNTRY or any(gaz.within(pid, r) for r in regions):
            return False
        if gaz.kinds[pid] == ADMIN1 or gaz.populations[pid] >= 50_000:
            return False
    return True


def _unit_of(gaz: Gazetteer, pid: int) -> int:
    if gaz.kinds[pid] == PLACE:
        return gaz.admin2s[pid] if gaz.admin2s[pid] >= 0 else gaz.admin1s[pid]
    return pid


def _qualifier_unit(gaz: Gazetteer, quals: list[tuple[int | None, tuple[int, ...]]]) -> int | None:
    """The most specific admin unit that a place's qualifiers name ("X (Bankass, Mopti)" -> Bankass),
    reading the smaller unit's name inside the larger one when both are given."""
    top_units = [_unit_of(gaz, p) for p, _ids in quals if p is not None and gaz.kinds[p] == ADMIN1]
    if top_units:
        outer = top_units[-1]
        for pid, ids in quals:
            if pid is not None and _unit_of(gaz, pid) == outer:
                continue
            inner = [i for i in ids if gaz.kinds[i] in (ADMIN2, ADMIN3) and gaz.within(i, outer)]
            if inner:
                return inner[0]
    pids = [p for p, _ids in quals]
    units: list[int] = []
    for pid in pids:
        if pid is None:
            continue
        kind = gaz.kinds[pid]
        if kind == PLACE:  # "X, Kaduna" read as the city: use its unit
            unit = gaz.admin2s[pid] if gaz.admin2s[pid] >= 0 else gaz.admin1s[pid]
            if unit >= 0:
                units.append(unit)
        elif kind != COUNTRY:
            units.append(pid)
    if not units:
        return None
    return max(units, key=lambda u: SPECIFICITY[gaz.kinds[u]])


def _score(
    gaz: Gazetteer, m: Mention, pid: int, focus: Counter[str], total: float, top: str | None,
    qualifier_ids: list[tuple[int, ...]], named_admins: Counter[int],
) -> float:
    kind = gaz.kinds[pid]
    country = gaz.countries[pid]
    s = 4.0 * focus.get(country, 0.0) / total
    if country == top:
        s += 2.0
    if kind == COUNTRY:
        s += 6.0
    elif kind == ADMIN1:
        s += 1.6
    elif kind == ADMIN2:
        s += 1.0
    elif kind == ADMIN3:
        s += 0.6
    else:
        s += 0.35 * math.log10(gaz.populations[pid] + 10)
    if m.weak:
        s -= 1.0
    if m.settlement:
        s += 2.0 if kind == PLACE else -0.5
    if m.type_word:
        wanted = ADMIN1 if m.type_word in _ADMIN1_WORDS else ADMIN2
        s += 2.0 if kind == wanted else (0.8 if kind in (ADMIN1, ADMIN2, ADMIN3) else -0.5)
    for group in qualifier_ids:
        if any(q != pid and gaz.kinds[q] != PLACE and gaz.within(pid, q) for q in group):
            s += 5.0  # inside each unit that qualifies it: "X (Admin2, Admin1)"
    for admin, n in named_admins.items():
        if admin != pid and gaz.within(pid, admin):
            s += min(1.5, 0.75 * n)
            break
    # an exact-name match beats one through an alternate name (Trípoli vs Tripoli)
    if key(gaz.names[pid]) == key(m.text):
        s += 0.3
    return s


def describe(gaz: Gazetteer, pid: int) -> dict[str, object]:
    """Event fields for a resolved place: admin names, coordinates, the place name reported."""
    kind = gaz.kinds[pid]
    country = gaz.countries[pid]
    fields: dict[str, object] = {
        "country": gaz.country_name(country),
        "iso": gaz.country_iso(country),
        "region": gaz.country_region(country),
    }
    if kind == COUNTRY:
        return fields
    place = pid
    if kind != PLACE:
        seat = gaz.seats[pid]
        place = seat if seat >= 0 else pid
    a1 = gaz.admin1s[pid] if gaz.admin1s[pid] >= 0 else gaz.admin1s[place]
    a2 = gaz.admin2s[pid] if gaz.admin2s[pid] >= 0 else (gaz.admin2s[place] if kind in (PLACE, ADMIN2, ADMIN3) else -1)
    a3 = gaz.admin3s[pid] if gaz.admin3s[pid] >= 0 else -1
    if kind == ADMIN1 and gaz.admin2s[place] >= 0 and gaz.admin1s[place] == pid:
        a2 = gaz.admin2s[place]
    lat, lon, _used = gaz.coordinates(place)
    fields.update(
        admin1=gaz.admin_name(a1),
        admin2=gaz.admin_name(a2),
        admin3=gaz.admin_name(a3),
        location=gaz.names[place] if place != pid or kind == PLACE else gaz.names[pid],
        latitude=lat,
        longitude=lon,
    )
    return fields
