"""Toponym recognition: gazetteer matching over the tokens, merged with spaCy's NER.

spaCy's small English model misses or mislabels many places (it calls "Mali" a PERSON and
"Bamako" an ORG), so every capitalized token run is looked up in the gazetteer (longest
match first, up to the longest name's word count). NER is used to drop matches inside
person and organization names, and its GPE/LOC spans that the gazetteer does not know
become "unknown" toponyms that can still be placed through their admin context.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from spacy.tokens import Doc

from strife.geo.gazetteer import COUNTRY, PLACE, Gazetteer, _package_data, unit_type_word
from strife.geo.text import fold, key
from strife.nlp import DATELINE


@dataclass
class Mention:
    """A toponym (or country adjective) in the text, with its gazetteer candidates."""

    start: int
    end: int
    text: str
    ids: tuple[int, ...] = ()
    country: str | None = None  # set for a country name or a demonym
    country_options: tuple[str, ...] = ()  # a name two countries share ("Congo"): settled by the places named
    demonym: bool = False
    weak: bool = False  # matched only through part of a hyphenated name
    in_actor: bool = False  # part of an actor/organization name ("Islamic State (West Africa)")
    statement: bool = False  # where something was said, not where it happened
    near: bool = False  # "near X", "X area", "outskirts of X": ACLED geo_precision 2
    between: bool = False  # "between X and Y"
    type_word: str | None = None  # "district", "region", ... written right after the name
    event_prep: bool = False  # preceded by in/at/near/...
    qualifier_of: int | None = None  # index of the mention this one qualifies ("X (Admin2, Admin1)")
    qualifiers: list[int] = field(default_factory=list)
    prev_word: str = ""  # the word right before, lowercased
    feature: bool = False
    facility: bool = False  # the start of a facility's name: "St Albans Prison", "Karbonit Mine"
    partial: bool = False  # only the start of a longer proper name ("Bangui Mallam")
    tail: bool = False  # only the end of a longer unknown proper name ("Yangi Qala")
    border: bool = False  # "the Algeria border": a direction, not where it happened
    paren_qualified: bool = False  # its qualifier is in parentheses: "X (Admin2, Admin1)"
    forces_of: bool = False  # an adjective of armed forces: "Russian forces", "Turkish artillery"
    settlement: bool = False  # "the town of X", "X village": a populated place, not an admin unit  # part of a natural feature's name ("the Niger River")


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    near_before: tuple[str, ...]
    near_after: frozenset[str]
    event_before: frozenset[str]
    statement_before: tuple[str, ...]
    type_words: frozenset[str]
    actors: dict[str, str]
    actor_admin1: dict[str, tuple[str, ...]]  # where an actor operates, when it is one region ("OSCE SMM")
    actor_words: frozenset[str]
    actor_re: re.Pattern[str]  # any actor name of `actors`, on folded text
    acronyms: frozenset[str] = frozenset()  # country names written in capitals ("CAR"): not the word "Car"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    stop = {
        line.strip()
        for line in _package_data("stopwords.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    ctx = yaml.safe_load(_package_data("context_words.yaml").read_text(encoding="utf-8"))
    types = yaml.safe_load(_package_data("admin_words.yaml").read_text(encoding="utf-8"))["type_words"]
    with _package_data("actor_countries.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    actors = {r["name"]: r["alpha2"] for r in rows}
    with _package_data("countries.csv").open(encoding="utf-8") as fh:
        acronyms = {fold(a) for r in csv.DictReader(fh) for a in (r.get("aliases") or "").split("|")
                    if a.isupper() and len(a) > 1}
    actor_admin1 = {r["name"]: tuple(filter(None, (r.get("admin1") or "").split("|"))) for r in rows}
    return Lexicon(
        stopwords=frozenset(stop),
        near_before=tuple(sorted((fold(w) for w in ctx["near_before"]), key=len, reverse=True)),
        near_after=frozenset(fold(w) for w in ctx["near_after"]),
        event_before=frozenset(fold(w) for w in ctx["event_before"]),
        statement_before=tuple(fold(w) for w in ctx["statement_before"]),
        type_words=frozenset(fold(w) for w in types),
        actors=actors,
        actor_admin1=actor_admin1,
        actor_words=frozenset(fold(w) for w in ctx["actor_words"]),
        actor_re=re.compile(
            r"\b(?:" + "|".join(re.escape(fold(n)) for n in sorted(actors, key=len, reverse=True)) + r")\b"
        ),
        acronyms=frozenset(acronyms),
    )


_STATEMENT_AFTER = frozenset(
    "said says denies denied claims claimed announced accused rejected insisted stated warned "
    "condemned blamed responded".split()
)
# People whose town is where they speak only when they speak right after it ("officials in Gao said",
# "sources in Menaka told AFP"); "abducted three officials in Gao" is where it happened.
_SPEAKERS = frozenset("officials sources authorities government junta".split())
_SPOKE_AFTER = re.compile(
    r"^(?:\s*,[^,]{0,40},)?\s+(?:\w+\s+){0,2}?(?:said|say|says|told|announced|reported|confirmed|stated|"
    r"claimed|added|denied|warned)\b", re.I
)
_GENERIC_BEFORE = frozenset("jabal jebel djebel wadi ras tal tell bir ain mount lake cape bar kafr khirbet".split())
_FACILITY_AFTER = frozenset(
    "prison hospital school university college camp stadium market mosque church airport base station mine "
    "company hotel mall park factory refinery port".split()
)
_CLAUSE_END = re.compile(r"^\s*(?:[.;:)]|$|,?\s+(?!and\b|or\b)[a-z])")
_CURRENCY_AFTER = frozenset("dollar dollars pound pounds lira liras euro euros rupee rupees currency".split())
_SETTLEMENT_WORDS = frozenset("town city village hamlet locality neighbourhood neighborhood".split())
_FEATURE_AFTER = frozenset(
    "river delta valley basin lake mountains mountain forest desert plateau street road avenue square boulevard".split()
)
_WORD_BEFORE = re.compile(r"([\w'’-]+(?:\s+[\w'’-]+){0,3})\s*$")
_QUALIFIER_GAP = re.compile(r"^\s*(?:[a-z -]{0,25}?)?\s*(?:\(|,|-|in|of)(?:\s+the)?\s*$")
_PAREN_GAP = re.compile(r"^\s*(?:,|\(|/)?\s*$")
_PAREN_UNKNOWN = re.compile(r"^\s*(?:[\w-]+\s+)?\((?:\s*[A-Z][^(),.;\n]{0,30},){1,2}\s*$")


def _capitalized(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() is False and text[:1] in "ÉÈÀÂÎÔÛÇ")


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All toponyms of a Doc, in text order, with context flags set."""
    text = doc.text
    lex = lexicon()
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    mentions: list[Mention] = []
    tokens = list(doc)
    n = len(tokens)
    max_words = gaz.max_words
    i = 0
    while i < n:
        tok = tokens[i]
        t = tok.text
        if not t[:1].isupper():
            i += 1
            continue
        found: Mention | None = None
        article = _lowercase_article(tokens, i, text, gaz)
        if article is not None:  # "al Bab", "el-Fasher": the Arabic article written in lowercase
            found = article
        for j in range(min(n, i + max_words * 2), i, -1) if found is None else ():  # hyphens are tokens too
            last = tokens[j - 1]
            if not (last.text[:1].isupper() or last.text[:1].isdigit()) and j - 1 > i:
                continue
            start, end = tok.idx, last.idx + len(last.text)
            surface = text[start:end]
            if "\n" in surface:
                continue
            k = key(surface)
            if j - 1 == i and (k in lex.stopwords or len(k) < 3 or k in lex.type_words):
                break  # a common word or a unit's type word alone ("Municipality") is no place
            if j - 1 == i and tok.pos_ == "VERB" and (i == 0 or tokens[i - 1].lower_ not in lex.event_before):
                break  # a headline's verb ("Drone Strikes Kill Rebel Leaders", "Officials Say"), not "in Say"
            if k in gaz.demonyms and (j == i + 1 or surface.istitle()):
                found = Mention(start, end, surface, country=gaz.demonyms[k], demonym=True)
                break
            ids = gaz.index.get(k)
            if ids and j - 1 == i and k in lex.acronyms and not surface.isupper():
                ids = None  # "Suicide Car Bomber": the word, not the CAR
            weak = False
            if not ids and j - 1 == i:
                ids = gaz.weak_index.get(k)
                weak = bool(ids)
            if ids and surface.isupper() and len(surface) > 1 and not any(gaz.kinds[p] == COUNTRY for p in ids):
                if not any(gaz.names[p].isupper() for p in ids):
                    ids = ()  # an acronym ("NGO", "CAR"), not a place
            if ids:
                found = Mention(start, end, surface, ids=tuple(ids), weak=weak)
                countries = [p for p in ids if gaz.kinds[p] == COUNTRY]
                if countries:
                    found.country = gaz.countries[countries[0]]
                    if len(countries) > 1:
                        found.country_options = tuple(gaz.countries[p] for p in countries)
                break
        if found is None:
            if "-" in t and t[:1].isupper():
                mentions.extend(_hyphen_parts(tok, gaz, lex))
            i += 1
            continue
        mentions.append(found)
        while i < n and tokens[i].idx < found.end:
            i += 1
    _fuzzy_units_in_parentheses(mentions, text, gaz)
    _unknown_from_ner(mentions, ents, text, gaz)
    _unknown_after_prepositions(mentions, tokens, text)
    mentions.sort(key=lambda m: m.start)
    _flag_context(mentions, ents, text, lex, gaz.kinds, gaz.unit_types)
    _possessive_countries(mentions, text)
    for line in DATELINE.finditer(text):
        for m in mentions:
            if line.start() <= m.start < line.end():
                m.statement = True  # where the report was filed, not where it happened
    return mentions


_LOWER_ARTICLES = frozenset("al el ad ar as ash at az an".split())


def _lowercase_article(tokens: list, i: int, text: str, gaz: Gazetteer) -> Mention | None:
    """The name with its lowercase Arabic article when the gazetteer knows it so ("al Bab" -> Al Bāb)."""
    j = i - 1
    if j >= 0 and tokens[j].text == "-":
        j -= 1
    if j < 0 or tokens[j].text not in _LOWER_ARTICLES:
        return None
    if j > 0 and tokens[j - 1].text[:1].isupper():
        return None  # inside a longer name: "Ras al Ain"
    start = tokens[j].idx
    for last in range(min(len(tokens), i + 3), i, -1):
        end = tokens[last - 1].idx + len(tokens[last - 1].text)
        if last - 1 > i and not tokens[last - 1].text[:1].isupper():
            continue
        surface = text[start:end]
        ids = gaz.index.get(key(surface))
        if ids and "\n" not in surface:
            # the name without its article reads as before, plus the readings with it
            bare = gaz.index.get(key(text[tokens[i].idx : end]), ())
            return Mention(start, end, surface, ids=tuple(ids) + tuple(p for p in bare if p not in ids))
    return None


def _hyphen_parts(tok, gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """'Boni-Hombori', 'Gao-Gossi': a road or axis between two places, written as one token."""
    out: list[Mention] = []
    offset = tok.idx
    for part in tok.text.split("-"):
        k = key(part)
        ids = gaz.index.get(k)
        if part[:1].isupper() and len(k) >= 3 and k not in lex.stopwords and ids:
            out.append(Mention(offset, offset + len(part), part, ids=tuple(ids), between=True, near=True))
        offset += len(part) + 1
    return out if len(out) >= 1 else []


def _unknown_from_ner(mentions: list[Mention], ents: list[tuple[int, int, str]], text: str, gaz: Gazetteer) -> None:
    """GPE/LOC entities the gazetteer does not know: kept so their admin context can place them."""
    taken = [(m.start, m.end) for m in mentions]
    for start, end, label in ents:
        if label not in ("GPE", "LOC", "FAC"):
            continue
        cut = re.search(r"\s*[(\[,]", text[start:end])
        if cut and cut.start() > 0:  # "Gaigorou (Dessa": the name, not its qualifier
            end = start + cut.start()
        if any(s < end and start < e for s, e in taken):
            continue
        surface = text[start:end]
        if surface[:1].isupper() and key(surface) not in lexicon().stopwords:
            mentions.append(Mention(start, end, surface))


_PAREN_GROUP = re.compile(r"\(([^()\n]{3,80})\)")
_PAREN_PART = re.compile(r"[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*){0,3}")
_PAREN_NAMES = re.compile(r"\s*[A-Z][\w'’-]*(?:[ -][A-Z&][\w'’-]*)*(?:,\s*[A-Z][\w'’-]*(?:[ -][A-Z&][\w'’-]*)*){0,3}\s*")
FUZZY_UNIT_RATIO = 0.85  # beside a unit the text names
FUZZY_UNIT_RATIO_ALONE = 0.88  # with nothing beside it to agree with, a closer spelling
# A text rarely qualifies more than a few places; a flood of bracketed unknown names (hostile or
# generated text) must not cost a closeness scan each (~2 ms).
MAX_FUZZY_LOOKUPS = 50


_POSSESSIVE_GAP = re.compile(r"^['’]s(?: [a-z-]+){0,2} $")


def _possessive_countries(mentions: list[Mention], text: str) -> None:
    """ "in Nigeria's Zamfara state", "in Mali's restive Mopti region": the preposition places the
    event in the unit the country's possessive introduces, not in the country."""
    for m, q in zip(mentions, mentions[1:], strict=False):
        if m.country and not m.demonym and m.event_prep and q.ids and not q.country and \
                _POSSESSIVE_GAP.match(text[m.end : q.start]):
            q.event_prep, m.event_prep = True, False


def _fuzzy_units_in_parentheses(mentions: list[Mention], text: str, gaz: Gazetteer) -> None:
    """An admin unit in a qualifier spelt otherwise than the gazetteer does ("(Dessa, Tillabery)",
    "(Bayt Al Faqiah, Al Hudaydah)"): read as the unit with the closest name (same initial) when it
    is close enough and agrees with the other units named in the parentheses (inside one of them,
    or at least in the same country), or, named alone, when all its close readings lie in one
    country. Only inside parentheses after a name, where the text says an admin unit stands, so an
    unknown word elsewhere stays unknown."""
    type_words = lexicon().type_words
    budget = MAX_FUZZY_LOOKUPS
    for group in _PAREN_GROUP.finditer(text):
        if not text[: group.start()].rstrip().endswith(tuple("abcdefghijklmnopqrstuvwxyz]")):
            continue  # "X (A, B)" follows a name; "(coded separately)" or "(AFP)" after a stop does not
        if not _PAREN_NAMES.fullmatch(group.group(1)):
            continue  # a list of names only, not a remark ("(coded as X at geoprecision 2)")
        parts = []
        for part in _PAREN_PART.finditer(group.group(1)):
            words = part.group(0).split()
            if len(words) > 1 and fold(words[-1]) in type_words:  # "Chikun LGA": the unit is "Chikun"
                words = words[:-1]
            start = group.start(1) + part.start()
            parts.append((start, start + len(" ".join(words))))
        known: set[int] = set()
        unknown: list[tuple[int, int]] = []
        for start, end in parts:
            ids = [p for m in mentions if m.start <= start and end <= m.end for p in m.ids]
            if ids:
                known.update(p for p in ids if gaz.kinds[p] != PLACE)
            elif not any(m.start < end and start < m.end for m in mentions):
                unknown.append((start, end))
        for start, end in unknown:
            if budget <= 0:
                return
            budget -= 1
            found = gaz.closest_units(text[start:end], FUZZY_UNIT_RATIO if known else FUZZY_UNIT_RATIO_ALONE)
            if known:  # inside (or holding) a unit named beside it, else at least in its country
                nested = tuple(p for p in found if any(gaz.within(p, u) or gaz.within(u, p) for u in known))
                found = nested or tuple(p for p in found if gaz.countries[p] in {gaz.countries[u] for u in known})
            if found and len({gaz.countries[p] for p in found}) == 1:
                mentions.append(Mention(start, end, text[start:end], ids=found))


_PLACE_NOUNS = frozenset("in at near village villages hamlet town locality area of between and outside".split())


def _unknown_after_prepositions(mentions: list[Mention], tokens: list, text: str) -> None:
    """Capitalized words after 'in', 'near', 'village of'... that the gazetteer lacks: kept as
    unknown toponyms, so that a qualifier after them ('X (Admin2, Admin1)') can still place them."""
    taken = [(m.start, m.end) for m in mentions]
    stop = lexicon().stopwords
    n = len(tokens)
    i = 1
    while i < n:
        tok = tokens[i]
        prev = tokens[i - 1].text.lower()
        if prev in _PLACE_NOUNS and tok.text[:1].isupper() and key(tok.text) not in stop and not tok.text.isupper() \
                and tok.pos_ != "VERB":
            j = i + 1
            # a title-case headline's verb ends the name ("And Foreign Fighters Killed Hundreds In X")
            while j < n and (tokens[j].text[:1].isupper() or (tokens[j].text == "-" and j + 1 < n)) and j - i < 4 \
                    and tokens[j].pos_ != "VERB":
                j += 1
            start, end = tok.idx, tokens[j - 1].idx + len(tokens[j - 1].text)
            if not any(s < end and start < e for s, e in taken) and "\n" not in text[start:end]:
                mentions.append(Mention(start, end, text[start:end]))
                taken.append((start, end))
            i = j
            continue
        i += 1


def _flag_context(
    mentions: list[Mention], ents: list[tuple[int, int, str]], text: str, lex: Lexicon, gaz_kinds: list[int],
    unit_types: dict[int, str],
) -> None:
    folded = fold(text)
    taken_words = {w for m in mentions if m.ids and not m.weak for w in re.findall(r"[\w'’]+", m.text)}
    actor_spans = [(a.start(), a.end()) for a in lex.actor_re.finditer(folded)]
    for m in mentions:
        before = folded[max(0, m.start - 40) : m.start]
        after = folded[m.end : m.end + 40]
        after_words = after.split()
        first_after = after_words[0].strip(".,;:()\"'") if after_words else ""
        # organizations and people that contain a place name
        for start, end, label in ents:
            if start <= m.start and m.end <= end and (end - start) > (m.end - m.start) + 1:
                inner = folded[start:end]
                rest = (inner[: m.start - start] + inner[m.end - start :]).strip(" ,()")
                words = set(re.findall(r"[a-z]+", rest))
                if label in ("ORG", "NORP") and words & lex.actor_words:
                    m.in_actor = True
                elif label in ("EVENT", "LAW") and words:
                    m.in_actor = True  # "the Iran-Iraq War": not where it happened (spaCy calls "X (Y" a WORK_OF_ART)
                elif label == "PERSON" and words and not (words & lex.type_words) and not m.country:
                    if not any(gaz_kinds[p] != PLACE for p in m.ids):
                        m.in_actor = True
        if any(s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e in actor_spans):
            m.in_actor = True
        # "Islamic State (West Africa)", "Military Forces of Mali": an actor name around the place
        if re.search(r"\bforces of\s*$|\bstate \($|\bprovince \($|\bmilitia \($|\(\s*$", before) and re.search(
            r"^\s*[)\-]", after
        ):
            prev = before.rstrip(" (")
            if re.search(r"(forces|state|province|militia|police|army|group|protesters|rioters)\s*$", prev):
                m.in_actor = True
        if re.search(r"\bforces of\s*$|\bpolice forces of\s*$|\bgovernment of\s*$", before):
            m.in_actor = True
        if first_after in _FEATURE_AFTER:
            m.feature = True
        if m.demonym and re.match(r"^[\s-]*(?:led\s+)?(?:forces|army|military|troops|soldiers|artillery|aircraft|jets|"
                                  r"drones?|navy|air force|coalition|police|security forces|special forces)\b", after):
            m.forces_of = True
        if first_after in _CURRENCY_AFTER:
            m.feature = True  # "the US dollar", "the Lebanese pound": money, not a place (nor a country cue)
        if first_after in ("party", "movement", "diocese", "archdiocese") and not m.country:
            m.in_actor = True  # "the Revival party", "the Dori diocese": an organization's name
        if first_after in ("border", "borders", "frontier"):
            m.border = True
        if m.prev_word in _SETTLEMENT_WORDS or first_after in _SETTLEMENT_WORDS:
            m.settlement = True
        # "Jabal al-Zawiya", "Wadi al-Rabi": a generic word before makes it a feature's name
        gb = re.search(r"\b([A-Za-z]+)[ -](?:(?:al|el|ad|ar|as|ash|an|at|az)[ -])?$", text[max(0, m.start - 16) : m.start])
        if gb and fold(gb.group(1)) in _GENERIC_BEFORE and gb.group(1)[:1].isupper():
            m.partial = True
        fm = re.match(r" ([A-Z][a-z]+)\b", text[m.end : m.end + 20])
        if fm and fold(fm.group(1)) in _FACILITY_AFTER:
            m.facility = True
        nxt = text[m.end : m.end + 30]
        nm = re.match(r"[ -]([A-Z][\w'’-]*)", nxt)
        if nm and not nm.group(1).isupper() and key(nm.group(1)) not in lex.stopwords and fold(nm.group(1)) not in lex.type_words:
            if fold(nm.group(1)) not in _FEATURE_AFTER and fold(nm.group(1)) not in _SETTLEMENT_WORDS:
                m.partial = True
        pm = re.search(r"(?:^|[^.!?:;\s]\s*)\b([A-Z][\w'’]*)[ -]$", text[max(0, m.start - 30) : m.start])
        # ("Mali's Mopti region": a possessive before the name is another name, not its start)
        if pm and not m.country and pm.group(1) not in taken_words and not re.search(r"['’]s$", pm.group(1)):
            w = fold(pm.group(1))
            # (an acronym before is no part of the name, a single letter is: "W National Park")
            if w not in lex.stopwords and w not in lex.type_words and not (pm.group(1).isupper() and len(pm.group(1)) > 1):
                m.tail = True  # only the end of a longer unknown name ("Yangi Qala")
        if first_after in _STATEMENT_AFTER:
            m.statement = True
        # "said in the capital Bamako": where it was said, past a capital or a city's type word
        told = re.sub(r"(?:the )?(?:capital|city|town)(?: of)?,? $", "", before)
        said = next((s for s in lex.statement_before if told.endswith(s + " ") or told.endswith(s + " the ")), None)
        # "officials in Gao said": the speakers' town, when they speak right after it (not "abducted
        # three officials in Gao")
        if said is not None and (said.split()[0] not in _SPEAKERS or _SPOKE_AFTER.match(text[m.end : m.end + 60])):
            m.statement = True
        if any(before.endswith(w + " ") or before.endswith(w + " the ") for w in lex.near_before):
            m.near = True
        if first_after in lex.near_after:
            m.near = True
        if first_after in lex.type_words:
            m.type_word = first_after
            # "Bolivar state": of the units so named, the one whose own type is a state (Venezuela's),
            # not Colombia's department or Ecuador's province; towns stay ("Guadalupe municipality")
            wanted = unit_type_word(first_after)
            if any(unit_types.get(p) == wanted for p in m.ids):
                m.ids = tuple(p for p in m.ids if gaz_kinds[p] == PLACE or unit_types.get(p) == wanted)
        wb = _WORD_BEFORE.search(before)
        last_word = wb.group(1).split()[-1] if wb else ""
        m.prev_word = last_word
        if last_word in lex.event_before or last_word in ("the", "of"):
            m.event_prep = True
        if re.search(r"\bbetween\s+(?:the\s+)?$", before):
            m.between = True
            m.near = True
    # "between X and Y": Y too
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.between and re.fullmatch(r"\s*(?:[a-z ]{0,12})?\s*and\s+(?:the\s+)?", fold(text[a.end : b.start])):
            b.between = True
            b.near = True
    # qualifiers: "X (Admin2, Admin1)", "X, Admin1", "X district, Admin1", "X village in Y"
    for idx in range(len(mentions) - 1):
        head = mentions[idx]
        if head.qualifier_of is not None or head.demonym or head.in_actor or head.partial:
            continue
        if head.country and not (
            any(gaz_kinds[p] == PLACE for p in head.ids) and text[head.end : head.end + 2] in (" (", ", ")
        ):
            continue  # a country name heads no chain, unless also a town's: "Salvador (Bahia)", "Salvador, Bahia"
        prev = head
        for jdx in range(idx + 1, min(idx + 4, len(mentions))):
            q = mentions[jdx]
            gap = fold(text[prev.end : q.start])
            if len(gap) > 30 or "\n" in gap or "." in gap:
                break
            ok = _PAREN_GAP.match(gap) or _QUALIFIER_GAP.match(gap)
            words = set(re.findall(r"[a-z]+", gap))
            unknown_inside = bool(_PAREN_UNKNOWN.match(text[prev.end : q.start]))  # "X (Unknown, Admin1)"
            if not unknown_inside and (
                not ok or (words - lex.type_words - {"in", "of", "the", "village", "town", "city", "area"})
            ):
                break
            if q.demonym or q.between:
                break
            if (not q.ids or q.partial) and jdx + 1 < len(mentions):
                prev = q  # an unknown name inside the chain: "X (Unknown, Admin1)"
                continue
            if not any(gaz_kinds[p] != PLACE for p in q.ids):
                break
            q.qualifier_of = idx
            head.qualifiers.append(jdx)
            if "(" in gap or re.search(r"[a-z]", gap):  # "X (A, B)", "X village in A": not a bare list "X, A"
                head.paren_qualified = True
            elif _CLAUSE_END.match(text[q.end : q.end + 12]):  # "near X, Donetsk." and not "X, A and B"
                head.paren_qualified = True
            prev = q
