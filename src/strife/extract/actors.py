"""Actors: the registry of canonical ACLED-style names and the coding of an event's actors.

The registry joins three data files under `data/`:

- `actors.yaml` (curated): named groups with aliases in English and French, inter
  codes, parents, successors; the generic nouns ("soldiers", "gunmen",
  "villagers", ...) and sub-groups of civilians/protesters.
- `actors_generated.csv` (built by `build_actors.py` from ACLED exports): every
  actor name with its inter code, country and, for state forces, the period in
  the name and the dates the name was seen, to pick the name in force at a date.
- `actors_mined.csv` (same script): aliases mined from notes, per country.

`assign_actors` reads an event's sentences, finds actor mentions with one
Aho-Corasick pass, resolves each (country, date, context), and picks roles from
the dependency parse: the attacker/initiator is actor1, the target actor2.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from strife.extract.taxonomy import Taxonomy
from strife.schema import Actor, Event, Evidence

DATA_DIR = Path(__file__).parent / "data"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STATE_RE = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?) \((\d{4})-(\d{4})?\)\s*(.*)$")
_GOVERNMENT_RE = re.compile(r"^Government of (?:the )?(.+?) \((\d{4})-(\d{4})?\)$")
CIVILIAN_TARGETING = "Civilian targeting"

# Symbolic targets of generic nouns, resolved per country and date.
MILITARY, POLICE, UNIDENTIFIED, INSURGENT = "@military", "@police", "@unidentified", "@insurgent"
GANG, ISLAMIC_STATE = "@gang", "@islamic_state"
COUNTRY = "@country"  # a demonym or country name on its own: not an actor, it qualifies a noun
CIVILIANS, PROTESTERS, RIOTERS = "@civilians", "@protesters", "@rioters"
PRISON_GUARDS = "@prison_guards"  # ACLED: "Police Forces of X (period) Prison Guards"
GENDARMERIE = "@gendarmerie"  # ACLED: the force's "Gendarmerie" branch where it codes one in the country
CLAN_MILITIA = "@clan_militia"  # "rival clan militias": ACLED's "Unidentified Clan Militia (COUNTRY)"
GOVERNMENT = "@government"  # "Government of X (period)": who decrees a curfew, a ban, a state of emergency
GENERIC_CLASSES = {
    "military": MILITARY, "police": POLICE, "unidentified": UNIDENTIFIED, "insurgent": INSURGENT,
    "civilians": CIVILIANS, "protesters": PROTESTERS, "rioters": RIOTERS, "gang": GANG,
    "islamic_state": ISLAMIC_STATE, "prison_guards": PRISON_GUARDS, "government": GOVERNMENT,
    "gendarmerie": GENDARMERIE, "clan_militia": CLAN_MILITIA,
}
# Nouns a demonym turns into a country's state forces ("Malian soldiers", "soldats maliens").
STATE_NOUNS = (MILITARY, POLICE, PRISON_GUARDS, GENDARMERIE)

_FORCE_COUNTRY_RE = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?)(?: \(|$)")
_THE_COUNTRIES = ("Democratic Republic of", "Central African Republic", "Philippines", "United States", "United Kingdom",
                  "Netherlands", "Ivory Coast", "Dominican Republic", "Republic of", "Gambia", "Bahamas", "Comoros",
                  "Maldives", "Solomon Islands", "United Arab Emirates")
_JOIN_BEFORE = re.compile(r"\s+|'s\s+")
_JOIN_AFTER = re.compile(r"\s+|\s+of\s+(?:the\s+)?|\s+du\s+|\s+de\s+(?:la\s+|l')?")
_COMMUNITY_RE = re.compile(r"^([A-Z][\w'-]+(?: [A-Z][\w'-]+)?) (?:Ethnic|Communal|Clan) (?:Militia|Group) \(([^()]+)\)$")
_FACTION_RE = re.compile(r"^(.+?) \(([^()]+)\)$")
_FACTION_GAP = re.compile(r"^[\s/-]*(?:(?:militia(?:men)?|militants|members|fighters|rebels)\s+)?(?:(?:from|of)\s+)?"
                          r"(?:the\s+)?$", re.I)
_BRACKET_OPEN = re.compile(r"^\s*\(\s*$")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_MILITIA_RE = re.compile(r"^([\w'-]+(?: [\w'-]+)?) (Ethnic|Communal|Clan|Tribal) Militia \(([^()]+)\)$")
_WORD = re.compile(r"\w", re.UNICODE)
_DETERMINER = re.compile(r"^(?:(?:the|a|an|some|several|la|le|les|des)\s+|l')")


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


def _bare(text: str) -> str:
    """A mention's words as the role lexicons list them: lower case, no leading determiner."""
    return _DETERMINER.sub("", _norm(text))


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class RoleLexicon:
    """Words that tell who did what to whom (`roles` in actors.yaml)."""

    attack_nouns: set[str] = field(default_factory=set)
    target_nouns: set[str] = field(default_factory=set)
    defend_verbs: set[str] = field(default_factory=set)
    clash_verbs: set[str] = field(default_factory=set)
    untouched_verbs: set[str] = field(default_factory=set)
    blame_verbs: set[str] = field(default_factory=set)
    finder_verbs: set[str] = field(default_factory=set)
    body_nouns: set[str] = field(default_factory=set)
    refuge_verbs: set[str] = field(default_factory=set)
    later_marks: set[str] = field(default_factory=set)
    holder_verbs: set[str] = field(default_factory=set)
    patient_preps: set[str] = field(default_factory=set)
    casualty_verbs: set[str] = field(default_factory=set)
    object_verbs: set[str] = field(default_factory=set)
    report_verbs: set[str] = field(default_factory=set)
    self_reference: re.Pattern[str] = re.compile(r"(?!)")
    quantity_nouns: set[str] = field(default_factory=set)
    aircraft_nouns: set[str] = field(default_factory=set)
    victim_places: set[str] = field(default_factory=set)
    crowd_control_nouns: set[str] = field(default_factory=set)
    unknown_victims: set[str] = field(default_factory=set)
    none_words: set[str] = field(default_factory=set)
    ally_before: set[str] = field(default_factory=set)
    community_nouns: set[str] = field(default_factory=set)
    dying_verbs: set[str] = field(default_factory=set)
    attacker_nouns: set[str] = field(default_factory=set)
    first_person: re.Pattern[str] = re.compile(r"(?!)")
    attribution: re.Pattern[str] = re.compile(r"(?!)")
    claims: re.Pattern[str] = re.compile(r"(?!)")
    claimed_by: re.Pattern[str] = re.compile(r"(?!)")
    rivals: re.Pattern[str] = re.compile(r"(?!)")
    source_after: re.Pattern[str] = re.compile(r"(?!)")
    source_before: re.Pattern[str] = re.compile(r"(?!)")
    harm: re.Pattern[str] = re.compile(r"(?!)")  # a word telling violence done to people: its stems
    organization_after: re.Pattern[str] = re.compile(r"(?!)")
    # actors named from the text's own words (regular expressions in actors.yaml's roles)
    air_by_nationality: re.Pattern[str] = re.compile(r"(?!)")
    kin_militia: re.Pattern[str] = re.compile(r"(?!)")
    clan_fighters: re.Pattern[str] = re.compile(r"(?!)")
    kin_raiders: re.Pattern[str] = re.compile(r"(?!)")
    not_a_people: set[str] = field(default_factory=set)
    bare_force_nouns: set[str] = field(default_factory=set)
    fought_after: re.Pattern[str] = re.compile(r"(?!)")  # "... communities clashed": a fight's subject ends
    peacekeepers: re.Pattern[str] = re.compile(r"(?!)")  # "UN peacekeepers", "MONUSCO: United Nations ..."

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoleLexicon:
        def words(key: str) -> set[str]:
            return {str(w).lower() for w in data.get(key) or []}

        def alternation(key: str) -> str:
            return "|".join(re.escape(str(p)).replace("\\ ", r"\s+") for p in data.get(key) or []) or "(?!)"

        return cls(
            attack_nouns=words("attack_nouns"), target_nouns=words("target_nouns"),
            defend_verbs=words("defend_verbs"), clash_verbs=words("clash_verbs"), untouched_verbs=words("untouched_verbs"),
            blame_verbs=words("blame_verbs"), finder_verbs=words("finder_verbs"), body_nouns=words("body_nouns"),
            refuge_verbs=words("refuge_verbs"), later_marks=words("later_marks"),
            holder_verbs=words("holder_verbs"),
            patient_preps=words("patient_preps"), casualty_verbs=words("casualty_verbs"),
            object_verbs=words("object_verbs"),
            report_verbs=words("report_verbs"), quantity_nouns=words("quantity_nouns"),
            aircraft_nouns=words("aircraft_nouns"), victim_places=words("victim_places"),
            crowd_control_nouns=words("crowd_control_nouns"), unknown_victims=words("unknown_victims"),
            none_words=words("none_words"), ally_before=words("ally_before"), community_nouns=words("community_nouns"),
            dying_verbs=words("dying_verbs"), attacker_nouns=words("attacker_nouns"),
            # case matters: "US" is no "us"
            first_person=re.compile(rf"\b(?:{alternation('first_person')})\b"),
            # "gunmen, presumably JNIM militants": words between an unidentified and a named mention.
            attribution=re.compile(
                rf"^[\s,(\-–'\"]*(?:who\s+(?:are|were)\s+)?(?:{alternation('attribution')})\b[\s\w'\"-]{{0,30}}$",
                re.I),
            rivals=re.compile(rf"\b(?:{alternation('rivals')})\b", re.I),
            self_reference=re.compile(rf"\b(?:{alternation('self_reference')})\b", re.I),
            claims=re.compile(rf"\b(?:{alternation('claims')})\b", re.I),
            claimed_by=re.compile(rf"\b(?:{alternation('claimed_by')})\b", re.I),
            # "teachers said", "a teacher and residents said"
            source_after=re.compile(rf"^(?:\s+and\s+(?:\w+\s+){{0,2}}?\w+)?\s*(?:{alternation('source_after')})\b", re.I),
            source_before=re.compile(rf"\b(?:{alternation('source_before')})\s+(?:\w+\s+){{0,2}}$", re.I),
            harm=re.compile(rf"\b(?:{alternation('harm_stems')})", re.I),
            organization_after=re.compile(rf"^'?\s+(?:{alternation('organization_words')})\b", re.I),
            **{key: re.compile(str(data[key])) for key in ("air_by_nationality", "kin_militia", "clan_fighters",
                                                            "kin_raiders") if data.get(key)},
            not_a_people=words("not_a_people"), bare_force_nouns=words("bare_force_nouns"),
            fought_after=re.compile(rf"^\s+(?:\w+\s+){{0,2}}?(?:{alternation('fought_words')})\b", re.I),
            peacekeepers=re.compile(rf"\b(?:{alternation('peacekeeping_words')})", re.I),
        )


@dataclass
class _StateForce:
    name: str
    start: int
    end: int | None
    first_seen: date | None
    last_seen: date | None
    count: int
    began: date | None = None  # the regime's first day, where known (a period is otherwise in years)

    def valid(self, when: date) -> bool:
        return _in_period(self.start, self.end, when) and not (self.began and when < self.began)

    def distance(self, when: date) -> int:
        """Days from `when` to the span the name was seen in (0 inside it)."""
        if self.first_seen and when < self.first_seen:
            return (self.first_seen - when).days
        if self.last_seen and when > self.last_seen:
            return (when - self.last_seen).days
        return 0


@dataclass
class Mention:
    """An actor mention in the text: offsets into doc.text and what it resolved to."""

    start: int
    end: int
    text: str
    target: str  # canonical name or a symbolic class (@military, ...)
    country: str | None = None  # country named by a demonym ("Malian soldiers")
    actor: Actor | None = None
    role: str = "other"  # agent / patient / other
    conj_of: int | None = None  # index of the mention this one is coordinated with


class ActorRegistry:
    """Canonical ACLED-style actors with aliases, inter codes, parents and state-force periods."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.successors: dict[str, tuple[date, str]] = {}
        self.renamed: set[str] = set()  # successors that are a new name: the old one dates a text before it
        self.state: dict[tuple[str, str], list[_StateForce]] = {}  # (country, military|police)
        self.branches: set[tuple[str, str, str]] = set()  # (country, military|police, branch) ACLED codes
        self.demonyms: dict[str, str] = {}  # lower-case demonym/country name -> ACLED country
        self.countries: set[str] = set()
        # alias (lower) -> list of (scope country or "*", target, count, precision)
        self.aliases: dict[str, list[tuple[str, str, int, float]]] = {}
        self.groups: dict[str, str] = {}  # lower noun -> sub-group ("Students")
        self.insurgent_defaults: dict[str, list[dict[str, Any]]] = {}
        self.unattributed_defaults: dict[str, list[dict[str, Any]]] = {}
        self.unidentified_names: dict[str, str] = {}
        self.islamic_state: dict[str, str] = {}  # country -> the Islamic State branch coded there
        self.case_sensitive: set[str] = set()  # aliases that only count as written ("IS")
        # community name ("Dogon", "Fulani") -> {country: events coded there}, from "<X> Ethnic Militia (C)"
        self.communities: dict[str, dict[str, int]] = {}
        self._community_re: re.Pattern[str] | None = None
        self.region_of: dict[str, str] = {}  # country -> ACLED region
        self.proper: set[str] = set()
        self._children: dict[str, list[str]] | None = None
        self.factions: dict[str, str] = {}  # "Mayi Mayi Militia (Makanika)" -> "Mayi Mayi Militia"
        self.operates_in: dict[str, list[str]] = {}  # actor -> countries it fights in (first: home)
        self._case_keys: set[str] = set()
        self._automaton: Any = None
        self.roles = RoleLexicon()
        # (class, bare noun pattern, pattern of the words that must be in the passage): "guards" near "prison"
        self.nouns_near: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = []

    # -- loading -----------------------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorRegistry:
        """The registry from the package data files, loaded once per process."""
        return _default_registry()

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, *, mined: bool = True) -> ActorRegistry:
        reg = cls()
        with (data_dir / "countries.yaml").open(encoding="utf-8") as fh:
            countries: dict[str, list[str]] = yaml.load(fh, Loader=_YAML_LOADER) or {}
        for country, names in countries.items():
            reg.countries.add(country)
            for n in [country, *(names or [])]:
                reg.demonyms.setdefault(_norm(n), country)
                if n.isupper() and len(n) <= 5:  # "US", "CAR", "DRC": not the words "us", "car"
                    reg.case_sensitive.add(n)
                    reg._case_keys.add(_norm(n))
        generated = data_dir / "actors_generated.csv"
        if generated.exists():
            with generated.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    reg._add_generated(row)
        with (data_dir / "actors.yaml").open(encoding="utf-8") as fh:
            curated = yaml.load(fh, Loader=_YAML_LOADER) or {}
        for entry in curated.get("actors", []):
            reg._add_curated(entry)
        for cls_name, nouns in (curated.get("nouns") or {}).items():
            target = GENERIC_CLASSES[cls_name]
            for noun in nouns:
                reg._add_alias(noun, "*", target, 1000, 1.0)
        for scope, classes in (curated.get("nouns_in") or {}).items():  # "national guard" in Mali: the army
            for cls_name, nouns in classes.items():
                for noun in nouns:
                    reg._add_alias(noun, str(scope), GENERIC_CLASSES[cls_name], 6000, 1.0)
        for cls_name, entry in (curated.get("nouns_near") or {}).items():
            reg.nouns_near.append((GENERIC_CLASSES[cls_name], _words_re(entry["nouns"]), _words_re(entry["near"])))
        for group, nouns in (curated.get("groups") or {}).items():
            for noun in nouns:
                reg.groups.setdefault(_norm(noun), group)
        reg.insurgent_defaults = curated.get("insurgent_defaults") or {}
        reg.unattributed_defaults = curated.get("unattributed_defaults") or {}
        reg.roles = RoleLexicon.from_dict(curated.get("roles") or {})
        reg.unidentified_names = curated.get("unidentified_names") or {}
        reg.islamic_state = curated.get("islamic_state") or {}
        for region, members in (curated.get("regions") or {}).items():
            for member in members:
                reg.region_of[str(member)] = str(region)
        for alias, target in (curated.get("case_sensitive") or {}).items():
            reg.case_sensitive.add(str(alias))
            reg._case_keys.add(_norm(str(alias)))
            reg._add_alias(str(alias), "*", str(target), 1000, 1.0)
        # communities the labelled actor names lack, with where they live (a weak count: a cue, not a census)
        for people, where in (curated.get("communities") or {}).items():
            for place in where:
                reg.communities.setdefault(str(people), {}).setdefault(str(place), 2)
        reg._fill_regimes(curated.get("regimes") or {})
        reg._add_state_aliases()
        mined_path = data_dir / "actors_mined.csv"
        if mined and mined_path.exists():
            with mined_path.open(newline="", encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["name"] in reg.actors:
                        reg._add_alias(row["alias"], row["country"], row["name"], int(row["count"]),
                                       float(row["precision"]))
        reg._build_automaton()
        return reg

    def _add_generated(self, row: dict[str, str]) -> None:
        name = row["name"]
        inter = int(row.get("inter") or 0) or _guess_inter(name)
        country = row.get("country") or None
        if country not in self.countries:
            country = None
        community = _COMMUNITY_RE.match(name)
        if community and country and community.group(1) != "Unidentified":
            seen = self.communities.setdefault(community.group(1), {})
            seen[country] = seen.get(country, 0) + int(row.get("count") or 1)
        self.actors[name] = Actor(name=name, inter=inter, country=country)
        match = STATE_RE.match(name)
        government = _GOVERNMENT_RE.match(name)
        if match and match.group(5):
            self.branches.add((match.group(2), "military" if match.group(1) == "Military" else "police", match.group(5)))
        if match and not match.group(5):  # branches ("... Gendarmerie") are not the default force
            kind, state, start, end = "military" if match.group(1) == "Military" else "police", *match.group(2, 3, 4)
        elif government:
            kind, state, start, end = "government", *government.groups()
        else:
            return
        force = _StateForce(
            name=name, start=int(start), end=int(end) if end else None,
            first_seen=_parse_date(row.get("first_seen")), last_seen=_parse_date(row.get("last_seen")),
            count=int(row.get("count") or 0),
        )
        self.state.setdefault((state, kind), []).append(force)

    def _fill_regimes(self, regimes: dict[str, list[Any]]) -> None:
        """Give each kind of a country's state (army, police, government) the country's later periods.

        ACLED's periods are regimes, shared by the three kinds, but the labelled data shows each kind
        only in the periods it happened to see (Chad's police "(2021-)", its army only "(1990-)");
        `regimes` adds the ones that began after the data (a coup's day). A period found in the data
        dates from its first sighting in any kind; a listed one from its day."""
        self._police_like_the_army()
        for country in {c for c, _ in self.state} | {str(c) for c in regimes}:
            kinds = [forces for kind in ("military", "police", "government")
                     if (forces := self.state.get((country, kind)))]
            first: dict[int, date | None] = {}
            for force in (f for forces in kinds for f in forces if f.end is None):
                seen = [d for d in (first.get(force.start), force.first_seen) if d]
                first[force.start] = min(seen) if seen else None
            began = {d.year: d for d in map(_parse_date, regimes.get(country) or []) if d}
            first.update(began)
            for forces in kinds:
                for force in forces:
                    force.began = force.began or began.get(force.start)
                model = max(forces, key=lambda f: f.start)
                for start in sorted(s for s in first if s > model.start):
                    name = re.sub(r"\(\d{4}-(\d{4})?\)", f"({start}-)", model.name, count=1)
                    forces.append(_StateForce(name=name, start=start, end=None, first_seen=first[start],
                                              last_seen=None, count=0, began=began.get(start)))
                    self.actors.setdefault(name, Actor(name=name, inter=1, country=country))

    def _police_like_the_army(self) -> None:
        """A country whose police the labelled data never shows gets ACLED's name for it beside its
        army's, period for period ("Police Forces of Togo (2005-)"): police named in a report are the
        police, not the army. Only plain names: a branch or a rival government's forces are not copied."""
        for (country, kind), forces in list(self.state.items()):
            if kind != "military" or (country, "police") in self.state:
                continue
            copies = [
                replace(f, name=f.name.replace("Military Forces of", "Police Forces of", 1), count=0)
                for f in forces if f.name.startswith("Military Forces of") and f.name.endswith(")")
            ]
            if copies:
                self.state[(country, "police")] = copies
                for f in copies:
                    self.actors.setdefault(f.name, Actor(name=f.name, inter=1, country=country))

    def _add_curated(self, entry: dict[str, Any]) -> None:
        name = entry["name"]
        old = self.actors.get(name)
        aliases = [str(a) for a in entry.get("aliases") or []]
        self.actors[name] = Actor(
            name=name, inter=int(entry.get("inter", old.inter if old else 3)),
            country=entry.get("country") or (old.country if old else None),
            parent=entry.get("parent"), aliases=aliases,
        )
        if entry.get("operates_in"):
            self.operates_in[name] = [str(c) for c in entry["operates_in"]]
        succ = entry.get("successor")
        if succ:
            self.successors[name] = (_parse_date(succ["from"]) or date.max, succ["name"])
            if succ.get("kind") == "rename":
                self.renamed.add(succ["name"])
            self.actors.setdefault(succ["name"], Actor(name=succ["name"], inter=_guess_inter(succ["name"])))
        for alias in [name, *aliases]:
            self._add_alias(alias, "*", name, 2000, 1.0)
        # Aliases that mean this actor only in some countries ("Armenian forces" in Azerbaijan).
        for scope, local in (entry.get("aliases_in") or {}).items():
            for alias in local:
                self._add_alias(str(alias), scope, name, 6000, 1.0)
        if ":" in name:  # "JNIM: Group for ..." -> "JNIM" and "Group for ..."
            short, _, long = name.partition(":")
            self._add_alias(short.strip(), "*", name, 2000, 1.0)
            self._add_alias(long.strip(), "*", name, 2000, 1.0)

    def _add_state_aliases(self) -> None:
        # Demonyms and country names are scanned too; scan() joins them with a neighbouring noun
        # ("Malian soldiers", "soldats maliens", "forces of Mali") into one mention of that country.
        for demonym, country in list(self.demonyms.items()):
            if demonym not in self.aliases:
                self._add_alias(demonym, f"={country}", COUNTRY, 1, 1.0)
        # Branches of state forces ("Military Police", "Gendarmerie") by name within their country.
        for name in list(self.actors):
            match = STATE_RE.match(name)
            if match and match.group(5):
                country, branch = match.group(2), match.group(5)
                short = branch.partition(":")[0].strip() if ":" in branch else branch
                for alias in {branch, short}:
                    self._add_alias(alias, country, name, 5000, 1.0)
                    for demonym, dcountry in self.demonyms.items():
                        if dcountry == country:
                            self._add_alias(f"{demonym} {alias}", f"={country}", name, 5000, 1.0)
        # Named actors are reachable, in their own country, by their name, by the acronym before ":"
        # and by the words after it; militias named after a community by "<Community> militiamen".
        for name, actor in list(self.actors.items()):
            scope = actor.country or "*"
            militia = _MILITIA_RE.match(name)
            if militia and militia.group(3) in self.countries:
                people = militia.group(1)
                if people == "Unidentified":
                    people = militia.group(2).lower()  # "clan militiamen", "communal militia"
                for noun in ("militia", "militias", "militiamen", "militia members", "fighters", "gunmen"):
                    self._add_alias(f"{people} {noun}", militia.group(3), name, 400, 0.9)
                continue
            faction = _FACTION_RE.match(name)
            if faction and faction.group(1) in self.actors and faction.group(2) not in self.countries:
                # "Mayi Mayi Militia (Makanika)": the faction's own name, as written, in its country
                label = faction.group(2).partition(":")[0].strip()
                if len(label) >= 4 and label[0].isupper():
                    self._add_alias(label, scope, name, 300, 0.8)
                    self.case_sensitive.add(label)
                    self._case_keys.add(_norm(label))
                    self.factions[name] = faction.group(1)
                continue
            if STATE_RE.match(name) or "(" in name or name.startswith(("Government of", "Former ")):
                continue
            if ":" in name:
                short, _, long = name.partition(":")
                if len(short.strip()) >= 3 and short.strip().upper() == short.strip():
                    self._add_alias(short.strip(), scope, name, 500, 0.9)
                if len(long.split()) >= 2:
                    self._add_alias(long.strip(), scope, name, 500, 0.9)
            elif len(name.split()) >= 2 or (len(name) >= 4 and name[0].isupper()):
                self._add_alias(name, scope, name, 500, 0.9)

    def _add_alias(self, alias: str, scope: str, target: str, count: int, precision: float) -> None:
        key = _norm(alias.strip())
        if len(key) < 2:
            return
        if alias != alias.lower():
            self.proper.add(key)  # spelt as a name somewhere ("Boko Haram"), not a common noun
        entries = self.aliases.setdefault(key, [])
        if (scope, target) not in {(s, t) for s, t, _, _ in entries}:
            entries.append((scope, target, count, precision))

    def noun_class(self, words: str) -> str | None:
        """The generic class a noun names anywhere ("gunmen" -> UNIDENTIFIED, "militants" -> INSURGENT),
        or None for a name or a word the registry does not list."""
        entries = self.aliases.get(_bare(words.strip()), [])
        return next((target for scope, target, _, _ in entries if scope == "*" and target.startswith("@")), None)

    def victim_communities(self, text: str, naming: set[str]) -> list[str]:
        """Communities named on a civilian noun or a settlement in `text` ("Masalit villagers", "a Fulani
        hamlet"), leaving out the words that name the other side."""
        if self._community_re is None:
            return []
        out: list[str] = []
        for match in self._community_re.finditer(text):
            people = match.group(0)
            after = re.match(r"\s+([\w'-]+)", text[match.end():])
            if not after or _norm(people) in naming or _norm(people) in self.demonyms or people in out:
                continue
            word = _norm(after.group(1))
            if word in self.roles.victim_places or word in self.roles.community_nouns or \
                    (word in self.aliases and self._pick(word, None)[0] == CIVILIANS):
                out.append(people)
        return out

    def community_group(self, people: str, country: str) -> str:
        """ACLED's name for a community as victims: its listed "Ethnic/Communal Group" name, else an Ethnic Group."""
        for kind in ("Ethnic Group", "Communal Group", "Clan Group"):
            if f"{people} {kind} ({country})" in self.actors:
                return f"{people} {kind} ({country})"
        return f"{people} {self.community_kind(people)} Group ({country})"

    def nouns_in_company(self, text: str, taken: list[tuple[int, int]], offset: int = 0) -> list[Mention]:
        """Mentions of the bare nouns that name a class only beside their company's words (`nouns_near`:
        "guards" where the text tells of a prison), outside the spans already `taken`; offsets are the
        text's plus `offset`."""
        return [
            Mention(start=offset + n.start(), end=offset + n.end(), text=n.group(0), target=cls)
            for cls, nouns, near in self.nouns_near if near.search(text)
            for n in nouns.finditer(text)
            if not any(s < offset + n.end() and offset + n.start() < e for s, e in taken)
        ]

    def community_kind(self, people: str) -> str:
        """ "Communal" for a people ACLED names as a communal militia or group ("Dozo"), else "Ethnic"."""
        return "Communal" if any(n.startswith(f"{people} Communal ") for n in self.actors) else "Ethnic"

    def _build_automaton(self) -> None:
        if self.communities:  # as written: "Dogon", "Fulani" (capitalized names, not common words)
            words = sorted(self.communities, key=len, reverse=True)
            self._community_re = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        auto = ahocorasick.Automaton()
        for key in self.aliases:
            auto.add_word(key, key)
        auto.make_automaton()
        self._automaton = auto

    def children(self) -> dict[str, list[str]]:
        """Parent name -> its sub-units (computed once)."""
        if self._children is None:
            self._children = {}
            for n, a in self.actors.items():
                if a.parent:
                    self._children.setdefault(a.parent, []).append(n)
        return self._children

    # -- lookup ------------------------------------------------------------------------------------
    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self.actors.get(name)

    def resolve(self, mention: str, *, country: str | None = None, when: date | None = None) -> Actor | None:
        """The canonical actor a mention stands for ("GSIM", "Malian soldiers", "gunmen")."""
        actor = self.actors.get(mention.strip())
        if actor is not None:
            return self.actors.get(self.name_for(actor.name, country=country, when=when) or actor.name, actor)
        key = _DETERMINER.sub("", mention.strip())
        found = find_mentions(self, key, country=country, when=when)
        # The mention must be one actor phrase, not a sentence that contains one.
        if len(found) == 1 and found[0].end - found[0].start >= len(key.rstrip(" .")) - 1:
            return found[0].actor
        return None

    def _pick(self, key: str, country: str | None) -> tuple[str | None, str | None]:
        """Best target of an alias: country-specific first, then global; by count and precision."""
        entries = self.aliases[key]
        best: tuple[float, str, str | None] | None = None
        for scope, target, count, precision in entries:
            if scope.startswith("="):
                return target, scope[1:]
            if scope not in ("*", country):
                continue
            # Curated meanings first, then what an alias means in this country, then elsewhere.
            score = (1000.0 if count >= 1000 else 0.0) + (100.0 if scope == country else 0.0) + \
                precision * (1 + min(count, 5000) / 100)
            if best is None or score > best[0]:
                best = (score, target, None)
        if best is None:
            return None, None
        return best[1], best[2]

    def name_for(self, target: str, *, country: str | None, when: date | None) -> str | None:
        """Canonical name of a target (a name or a symbolic class) in a country at a date."""
        if target == MILITARY:
            return self.state_force(country, "military", when) or _unlisted_force("Military", country)
        if target == POLICE:
            return self.state_force(country, "police", when) or self.state_force(country, "military", when) or \
                _unlisted_force("Police", country)
        if target == GOVERNMENT:  # the government listed for the date, else named after the army's period
            army = self.state_force(country, "military", when)
            return self.state_force(country, "government", when) or \
                (army.replace("Military Forces of", "Government of", 1) if army else None)
        if target == PRISON_GUARDS:
            police = self.name_for(POLICE, country=country, when=when)
            return f"{police} Prison Guards" if police and police.startswith("Police Forces") else police
        if target == GENDARMERIE:  # "gendarmes": "Police Forces of Mali (2021-) Gendarmerie" (Mali's 83 such rows)
            for kind in ("police", "military"):
                base = self.state_force(country, kind, when)
                if base and (country, kind, "Gendarmerie") in self.branches:
                    return f"{base} Gendarmerie"
            return self.name_for(POLICE, country=country, when=when)
        if not country and target.startswith("@"):
            return None
        if target == UNIDENTIFIED:
            return f"Unidentified Armed Group ({country})"
        if target == CLAN_MILITIA:
            return f"Unidentified Clan Militia ({country})"
        if target == GANG:
            return self.unidentified_names.get(country or "") or f"Unidentified Gang ({country})"
        if target == CIVILIANS:
            return f"Civilians ({country})"
        if target == PROTESTERS:
            return f"Protesters ({country})"
        if target == RIOTERS:
            return f"Rioters ({country})"
        if target == ISLAMIC_STATE:
            for name in (self.islamic_state.get(country or ""), f"Islamic State ({country})"):
                if name and name in self.actors:
                    return self.name_for(name, country=country, when=when)
            return "Islamic State (Syria)" if country in (None, "Syria") else None
        if target == INSURGENT:
            return self.insurgent_default(country, when) or f"Unidentified Armed Group ({country})"
        succ = self.successors.get(target)
        # unknown date: the latest name, short of a rename (a text calling the group by its old
        # name, "ISGS", was written before the rename)
        if succ and (when >= succ[0] if when is not None else succ[1] not in self.renamed):
            return self.name_for(succ[1], country=country, when=when)
        match = STATE_RE.match(target)
        if match and when:  # a state-force name from another period -> the one in force at `when`
            base = self.state_force(match.group(2), "military" if match.group(1) == "Military" else "police", when)
            if base and not match.group(5):
                return base
            end = int(match.group(4)) if match.group(4) else None
            # a branch out of its period: the same branch under the force in force then, listed or not
            # (a branch in its own period stays: Yemen's "(2016-) Supreme Political Council")
            if base and match.group(5) and not _in_period(int(match.group(3)), end, when):
                return f"{base} {match.group(5)}"
        return target

    def state_force(self, country: str | None, kind: str, when: date | None) -> str | None:
        """"Military/Police Forces of X (period)" in force at `when` (the latest when unknown)."""
        if not country:
            return None
        forces = self.state.get((country, kind))
        if not forces:
            return None
        if when is None:
            return max(forces, key=lambda f: (f.start, f.end is None, f.count)).name
        valid = [f for f in forces if f.valid(when)] or forces
        return min(valid, key=lambda f: (f.distance(when), -(f.start if f.valid(when) else 0), -f.count)).name

    def unattributed_default(
        self, country: str | None, when: date | None, event_type: str | None = None
    ) -> tuple[str | None, str | None]:
        """The usual sides of fighting reported with no side named, where the registry knows them."""
        for entry in _in_force(self.unattributed_defaults.get(country or "", []), when):
            if entry.get("event_type") not in (None, event_type):
                continue
            a2 = entry.get("actor2")
            return (self.name_for(entry["actor1"], country=country, when=when),
                    self.name_for(a2, country=country, when=when) if a2 else None)
        return None, None

    def insurgent_default(self, country: str | None, when: date | None) -> str | None:
        for entry in self.insurgent_defaults.get(country or "", []):
            since, until = _parse_date(entry.get("from")), _parse_date(entry.get("until"))
            if when and ((since and when < since) or (until and when > until)):
                continue
            if when is None and until:
                continue
            return self.name_for(entry["name"], country=country, when=when)
        return None

    def canonical_country(self, country: str | None) -> str | None:
        """ACLED's spelling of a country name ("DR Congo" -> "Democratic Republic of Congo")."""
        if not country or country in self.countries:
            return country
        return self.demonyms.get(_norm(country.strip()), country)

    def inter_of(self, name: str, country: str | None) -> int | None:
        """Inter code of an actor in an event in `country` (foreign state forces are 8)."""
        actor = self.actors.get(name)
        match = _FORCE_COUNTRY_RE.match(name)
        if match and country and match.group(2) != country:
            return 8  # state forces acting outside their country
        if actor is None:
            return _guess_inter(name) or None
        return actor.inter or _guess_inter(name) or None

    # -- scanning ----------------------------------------------------------------------------------
    def scan(self, text: str, *, raw: bool = False) -> list[Mention]:
        """Leftmost-longest alias matches on word boundaries (`raw`: demonyms kept apart)."""
        low = _norm(text)
        found: list[tuple[int, int, str]] = []
        for end_idx, key in self._automaton.iter(low):
            start = end_idx - len(key) + 1
            end = end_idx + 1
            if start > 0 and _WORD.match(low[start - 1]):
                continue
            if low[max(0, start - 5):start] == "anti-":
                continue  # "anti-Houthi forces" are not the Houthis
            if end < len(low) and _WORD.match(low[end]):
                continue
            if key in self._case_keys and text[start:end] not in self.case_sensitive:
                continue
            found.append((start, end, key))
        found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[Mention] = []
        last_end = -1
        for start, end, key in found:
            if start < last_end:
                continue
            out.append(Mention(start=start, end=end, text=text[start:end], target=key))
            last_end = end
        return out if raw else self._join_demonyms(out, low)

    def _join_demonyms(self, mentions: list[Mention], low: str) -> list[Mention]:
        """"Malian" + "soldiers" -> one mention of Mali's soldiers; lone demonyms are dropped."""
        out: list[Mention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            country = self._country_of(m.target)
            if country and nxt is not None and self._is_state_noun(nxt.target) and \
                    _JOIN_BEFORE.fullmatch(low[m.end:nxt.start]):
                out.append(Mention(start=m.start, end=nxt.end, text=m.text + low[m.end:nxt.start] + nxt.text,
                                   target=nxt.target, country=country))
                i += 2
                continue
            if nxt is not None and self._is_state_noun(m.target) and self._country_of(nxt.target) and \
                    _JOIN_AFTER.fullmatch(low[m.end:nxt.start]):
                out.append(Mention(start=m.start, end=nxt.end, text=m.text + low[m.end:nxt.start] + nxt.text,
                                   target=m.target, country=self._country_of(nxt.target)))
                i += 2
                # "forces of India and Pakistan": the second country's forces too, on the other side.
                third = mentions[i] if i < len(mentions) else None
                if third is not None and self._country_of(third.target) and \
                        re.fullmatch(r"\s+and\s+(?:the\s+)?", low[nxt.end:third.start]):
                    out.append(Mention(start=third.start, end=third.end, text=third.text, target=m.target,
                                       country=self._country_of(third.target), role="with"))
                    i += 1
                continue
            # "Turkish and Russian forces": the first country's forces too.
            after = mentions[i + 2] if i + 2 < len(mentions) else None
            if country and nxt is not None and after is not None and self._country_of(nxt.target) and \
                    self._is_state_noun(after.target) and re.fullmatch(r"\s+and\s+", low[m.end:nxt.start]) and \
                    _JOIN_BEFORE.fullmatch(low[nxt.end:after.start]):
                out.append(Mention(start=m.start, end=m.end, text=m.text, target=after.target, country=country))
                i += 1
                continue
            if not country:
                out.append(m)
            i += 1
        return out

    def _country_of(self, key: str) -> str | None:
        for scope, target, _, _ in self.aliases.get(key, []):
            if target == COUNTRY:
                return scope[1:]
        return None

    def _is_state_noun(self, key: str) -> bool:
        return any(target in STATE_NOUNS or STATE_RE.match(target)
                   for _, target, _, _ in self.aliases.get(key, []))


def _in_force(entries: list[dict[str, Any]], when: date | None) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        since, until = _parse_date(entry.get("from")), _parse_date(entry.get("until"))
        if when is None and until:
            continue
        if when and ((since and when < since) or (until and when > until)):
            continue
        out.append(entry)
    return out


def _in_period(start: int, end: int | None, when: date) -> bool:
    """Whether `when` falls in a period of years ("(2013-2020)", "(2021-)")."""
    return start <= when.year and (end is None or when.year <= end)


def _words_re(words: list[str]) -> re.Pattern[str]:
    """Any of `words` as whole words, longest first, case-insensitive."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b", re.I)


def _guess_inter(name: str) -> int:
    if STATE_RE.match(name) or name.startswith(("Government of", "Police Forces", "Military Forces")):
        return 1
    for prefix, code in (("Protesters", 6), ("Rioters", 5), ("Civilians", 7), ("Unidentified Armed Group", 3)):
        if name.startswith(prefix):
            return code
    if "Ethnic Militia" in name or "Communal Militia" in name or "Clan Militia" in name:
        return 4
    return 0


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    return ActorRegistry.load()


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first (2 and 1 -> 12); one-sided events are X0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


# -- assigning actors to an event ---------------------------------------------------------------------

_AGENT_DEPS = {"nsubj", "agent", "csubj"}
_PATIENT_DEPS = {"dobj", "nsubjpass", "obj", "iobj", "attr"}
_ARMED = (MILITARY, POLICE, UNIDENTIFIED, INSURGENT, GANG, PRISON_GUARDS, GENDARMERIE, CLAN_MILITIA)


def _mention_roles(doc: Any, mentions: list[Mention], offset: int, lex: RoleLexicon | None = None) -> None:
    """Role of each mention (agent/patient) and coordination, from the dependency parse."""
    if doc is None or not hasattr(doc, "char_span"):
        return
    lex = lex or ActorRegistry.default().roles
    heads: list[Any] = []
    allied: set[int] = set()
    for i, m in enumerate(mentions):
        span = doc.char_span(m.start + offset, m.end + offset, alignment_mode="expand")
        heads.append(_span_head(span) if span is not None and len(span) else None)
        before = doc[span.start - 1] if span is not None and span.start > 0 else None
        # "the RSF and allied Arab militiamen": on the side of those they are allied to ("the
        # al-Qaeda-affiliated JNIM" is JNIM itself, the affiliation a compound adjective)
        if before is not None and before.lower_ in lex.ally_before and not (
                before.i > 0 and doc[before.i - 1].text == "-" and not doc[before.i - 1].whitespace_):
            allied.add(i)
    index_of = {}
    for i, tok in enumerate(heads):
        if tok is not None:
            index_of[tok.i] = i
    for i, tok in enumerate(heads):
        if tok is None:
            continue
        if i in allied:
            mentions[i].role = "ally"
            continue
        # "the army's civilian auxiliaries": the owner of another actor named beside it is no side of its own
        if tok.dep_ == "poss" and index_of.get(tok.head.i, i) != i:
            mentions[i].role = "owner"
            continue
        # Climb from a modifier ("JNIM" in "JNIM militants") to the noun phrase head, and through
        # quantities ("an unknown number of soldiers", "dozens of militants").
        head = tok
        while head.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and head.head is not head:
            head = head.head
        head = _through_quantity(head, lex.quantity_nouns)
        # "a MINUSMA vehicle", "the FAMa camp", "an army convoy": the actor owns the target.
        # ... unless the aircraft is the one acting ("Turkish army helicopters carried out airstrikes").
        flying = _lemma(head) in lex.aircraft_nouns and head.dep_ in ("nsubj", "csubj")
        if tok is not head and not flying and _lemma(head) in lex.target_nouns and \
                tok.dep_ in ("compound", "amod", "poss", "nmod"):
            mentions[i].role = "patient"
            continue
        # "an attack by X", "a Houthi attack", "X's ambush": X is the attacker.
        attack = None
        if tok.dep_ in ("compound", "amod", "poss", "nmod") and _lemma(tok.head) in lex.attack_nouns:
            attack = tok.head
        elif head.dep_ == "pobj" and head.head.lower_ in ("by", "of", "from") and \
                _lemma(head.head.head) in lex.attack_nouns and head.head.head.pos_ == "NOUN":
            attack = head.head.head
        if attack is not None:
            mentions[i].role = "attacker"
            continue
        # Coordination: "soldiers and Wagner mercenaries" -> Wagner shares the soldiers' role;
        # but "X and Y clashed" / "between X and Y" puts them on opposite sides.
        if head.dep_ == "conj":
            first = head.head
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            opposed = _lemma(first.head) in lex.clash_verbs or first.head.lower_ in ("between", "among")
            if opposed:
                mentions[i].role = "with"
                continue
            for j, other in enumerate(heads):
                if other is not None and j != i and (other.i == first.i or _np_head(other).i == first.i):
                    mentions[i].conj_of = j
                    break
            head = _through_quantity(first, lex.quantity_nouns)
        # "X under OPS": the umbrella operation/coalition is the coded actor.
        # (the mention heads the phrase: "under Mahuadanr police station limits" is a place)
        if head.dep_ == "pobj" and head.head.lower_ == "under" and mentions[i].actor is not None and head is tok:
            mentions[i].role = "umbrella"
            continue
        # "alongside X", "backed by X", "supported by X", "with the help of X" -> ally.
        if head.dep_ == "pobj" and head.head.lower_ in ("alongside", "with") and head.head.head.lower_ in (
            "backed", "supported", "alongside", "together", "along"):
            mentions[i].role = "ally"
            continue
        if head.dep_ in ("appos",):
            head = head.head
        if any(c.dep_ == "det" and c.lower_ in lex.none_words for c in head.children):
            mentions[i].role = "untouched"  # "no civilians were hurt", "aucun soldat": nobody of them
            continue
        dep = head.dep_
        if dep in _AGENT_DEPS and _lemma(head.head) in ("claim", "revendiquer"):
            mentions[i].role = "claimant"
        elif dep in _AGENT_DEPS and _lemma(head.head) in lex.defend_verbs:
            mentions[i].role = "defender"  # "the army repelled an attack": the army is the target
        elif dep in _AGENT_DEPS and _lemma(head.head) in lex.report_verbs and any(
                c.dep_ == "acl" and any(g.dep_ == "dobj" for g in c.children) for c in head.children):
            mentions[i].role = "agent"  # "hunters killed 12 people ..., officials said": the parse hung the act on them
        elif dep in _AGENT_DEPS and _lemma(head.head) in lex.report_verbs:
            mentions[i].role = "source"  # "the army said", "police reported": who tells, not who acts
        elif dep == "pobj" and head.head.lower_ == "to" and _lemma(head.head.head) in lex.refuge_verbs and \
                _peacekeepers(mentions[i], lex):
            mentions[i].role = "refuge"  # "soldiers surrendered to UN peacekeepers": a shelter, not a foe
        elif dep in _AGENT_DEPS and _lemma(head.head) in lex.finder_verbs and any(
                c.dep_ == "dobj" and _lemma(c) in lex.body_nouns for c in head.head.children):
            mentions[i].role = "source"  # "security forces recovered 25 bodies": they found the dead, not fought
        elif dep == "nsubj" and _lemma(head.head) in lex.casualty_verbs and _reduced_passive(head.head, lex):
            mentions[i].role = "patient"  # "two soldiers killed", "3 Malian soldiers wounded"
        elif dep == "nsubj" and _lemma(head.head) in lex.dying_verbs:
            mentions[i].role = "patient"  # "20 soldiers died": who dies is no one's attacker
        elif any(c.dep_ == "acl" and _lemma(c) in lex.casualty_verbs and _reduced_passive(c, lex) for c in head.children):
            mentions[i].role = "patient"  # a headline's "Farmer killed by gunmen in X", "a trader abducted near Y"
        elif dep in _AGENT_DEPS and any(c.dep_ == "mark" and c.lower_ in lex.later_marks for c in head.head.children):
            mentions[i].role = "later"  # "shops were looted before the rebels arrived": they came after, no party
        elif dep in _AGENT_DEPS:
            mentions[i].role = "agent"
        elif dep == "pobj" and head.head.dep_ == "agent" and _lemma(head.head.head) in lex.report_verbs:
            mentions[i].role = "source"  # "a figure disputed by the insurgents": who tells, not who acts
        elif dep == "pobj" and head.head.dep_ == "agent" and head.head.head.dep_ == "acl" and \
                _lemma(head.head.head) in lex.holder_verbs and _lemma(head.head.head.head) in lex.target_nouns and \
                head.head.head.head.dep_ not in _AGENT_DEPS:
            mentions[i].role = "patient"  # "attacked a position held by the VDP": who holds the target
        elif dep == "pobj" and head.head.dep_ == "agent":
            mentions[i].role = "agent"
        elif dep == "pobj" and head.head.lower_ == "by":
            mentions[i].role = "agent"
        elif (dep in _PATIENT_DEPS and _lemma(head.head) in lex.blame_verbs) or (
                dep == "pobj" and head.head.lower_ in ("on", "to") and _lemma(head.head.head) in lex.blame_verbs):
            mentions[i].role = "claimant"  # "officials blamed Boko Haram", "blamed on ISWAP"
        elif dep in _PATIENT_DEPS and _lemma(head.head) in lex.untouched_verbs:
            mentions[i].role = "untouched"
        elif dep in _PATIENT_DEPS:
            mentions[i].role = "patient"
        elif dep == "pobj" and head.head.lower_ in lex.patient_preps:
            mentions[i].role = "patient"
        elif dep == "pobj" and head.head.lower_ == "with":
            mentions[i].role = "with"
        elif dep == "pobj" and head.head.lower_ in ("between", "among"):
            mentions[i].role = "between"


# Who suffers the violence decides between an Attack and a battle (ACLED: an attack on armed men
# is a battle, on civilians an Attack): the kinds of victim, and the inter codes that are armed.
VICTIM_KINDS = ("armed", "civilian")
_ARMED_INTERS = (1, 2, 3, 4, 8)
# Named actors that are never armed parties (inter 0: parties, unions, communities ACLED codes only as
# associated actors; 7: civilians), unless the name says otherwise ("Tarabeen Clan Militia").
_CIVILIAN_INTERS = (0, 7)
_ARMED_NAME = re.compile(r"militia|gang|fighter|vigilante|armed|army|forces|rebel|police|guard", re.I)


def _peacekeepers(m: Mention, lex: RoleLexicon) -> bool:
    """A UN or regional peacekeeping force (MONUSCO, MINUSMA, "UN peacekeepers")."""
    return bool(lex.peacekeepers.search(m.text) or (m.actor and lex.peacekeepers.search(m.actor.name)))


def patients(doc: Any) -> list[tuple[int, str]]:
    """(offset, kind) of each actor mention a parsed Doc makes the target of its violence ("ambushed
    a patrol", "villagers were killed"); kind is "armed" or "civilian". No country is needed: a
    generic noun's class (soldiers, gunmen, villagers) or a named group's inter code decides."""
    registry = ActorRegistry.default()
    mentions: list[Mention] = []
    for m in registry.scan(doc.text):
        target, _ = registry._pick(m.target, None)
        if target is None and registry.aliases.get(m.target):
            # a name known in one country only: a party or a union there counts as civilians (an ethnic
            # name, whose militia is the usual meaning, does not: "Fulani herders" are not a militia)
            usual = registry.actors.get(max(registry.aliases[m.target], key=lambda entry: entry[2])[1])
            if usual is not None and _civilian_actor(usual):
                target = usual.name
        tail = m.target.rsplit(" ", 1)[-1]
        if target is None and tail != m.target and tail in registry.aliases and registry._pick(tail, None)[0] == CIVILIANS:
            target = CIVILIANS  # "Fulani herdsmen" (a militia's name in Nigeria only) shot dead are herdsmen
        if target is None:
            continue
        m.target, m.actor = target, registry.actors.get(target)
        mentions.append(m)
    taken = [(m.start, m.end) for m in mentions]
    # "killing two guards" in a sentence that tells of a prison (a Doc with no sentences: the whole text)
    for sent in doc.sents if doc.has_annotation("SENT_START") else [doc[:]]:
        mentions += registry.nouns_in_company(sent.text, taken, offset=sent.start_char)
    taken = [(m.start, m.end) for m in mentions]
    for tok in doc:  # a settlement attacked is civilians attacked, for the event type only
        if tok.lower_ in registry.roles.victim_places and not any(s <= tok.idx < e for s, e in taken):
            mentions.append(Mention(start=tok.idx, end=tok.idx + len(tok), text=tok.text, target=CIVILIANS))
    mentions.sort(key=lambda m: m.start)
    _mention_roles(doc, mentions, 0, registry.roles)

    def kind(m: Mention) -> str | None:
        if m.target == CIVILIANS or (m.actor is not None and _civilian_actor(m.actor)):
            return "civilian"
        if m.target in _ARMED or m.target == ISLAMIC_STATE or (m.actor is not None and m.actor.inter in _ARMED_INTERS):
            return "armed"
        return None

    denied = Taxonomy.default().denials(doc.text)  # a party's denial tells its version's victims, not the event's
    victims = [(m, kind(m)) for m in mentions if m.role == "patient"
               and _bare(m.text) not in registry.roles.unknown_victims
               and not any(s <= m.start < e for s, e in denied)]
    starts = {m.start: found for m, found in victims}
    out: list[tuple[int, str]] = []
    for m, found in victims:
        after = starts.get(m.end + 1) if doc.text[m.end : m.end + 1] == " " else None
        if found == "armed" and after == "civilian":
            found = "civilian"  # a people's name on a civilian noun ("the Fulani village", "Dogon hamlets")
        elif found == "civilian" and after == "armed":
            continue  # a word on an armed noun ("a civilian police patrol"): the force is the victim
        elif found == "civilian" and _ARMED_BEFORE.search(doc.text[max(0, m.start - 30) : m.start]):
            found = "armed"  # "two armed Fulani youth", "armed herders"
        if found is not None:
            out.append((m.start, found))
    return out


# "armed" just before a civilian noun, or before a people's name on it ("armed Fulani youth")
_ARMED_BEFORE = re.compile(r"\b[Aa]rmed\s+(?:[A-Z][\w-]*\s+)?$")


def _civilian_actor(actor: Actor) -> bool:
    """A party, a union, a community: named actors ACLED codes as civilians when they are attacked."""
    return actor.inter in _CIVILIAN_INTERS and not _ARMED_NAME.search(actor.name)


def victims_within(found: list[tuple[int, str]], spans: list[tuple[int, int]] | None) -> frozenset[str]:
    """The victim kinds of `patients` whose mention starts inside `spans` (None: the whole text)."""
    return frozenset(kind for start, kind in found if spans is None or any(s <= start < e for s, e in spans))


def parse_victims(texts: list[str], language: str = "en") -> list[frozenset[str]]:
    """Victim kinds of plain texts (each parsed whole): for training rows and callers without a Doc."""
    from strife.nlp import shared_model

    nlp = shared_model(language)
    return [victims_within(patients(doc), None) for doc in nlp.pipe(texts, batch_size=256)]


def _span_head(span: Any) -> Any:
    """The noun that heads a mention. A long name the parser split ("the Volunteers for the Defence
    of the Homeland", "for" hung on the verb) has its root outside the name's noun: take the first
    noun of the span whose head lies outside it."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return root
    outside = [t for t in span if t.pos_ in ("NOUN", "PROPN") and not (span.start <= t.head.i < span.end)]
    return outside[0] if outside else root


def _through_quantity(head: Any, quantities: set[str]) -> Any:
    """From "soldiers" in "an unknown number of soldiers" to "number", which carries the role."""
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "NUM") and \
            head.head.head.lower_ in quantities:
        head = head.head.head
    return head


def _reduced_passive(verb: Any, lex: RoleLexicon) -> bool:
    """A past participle with no object and no perfect auxiliary: "two soldiers killed". The tagger
    often reads that participle as a past tense ("toll: 4 soldiers killed"); a verb that takes an
    object whenever it is active (`object_verbs`: kill, wound...) is passive without one."""
    def has_object(v: Any) -> bool:
        return any(c.dep_ in ("dobj", "obj") for c in v.children)

    if verb.tag_ != "VBN" and not (verb.tag_ == "VBD" and _lemma(verb) in lex.object_verbs):
        return False
    if verb.tag_ == "VBD" and any(c.dep_ == "conj" and has_object(c) for c in verb.children):
        return False  # "police captured and detained 28 migrants": the object is shared
    return not has_object(verb) and not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _lemma(tok: Any) -> str:
    """Lemma, or the lower-cased word where the pipeline has no lemmatizer."""
    lemma = tok.lemma_.lower() if tok.lemma_ else ""
    if not lemma or lemma == tok.lower_:
        word = tok.lower_
        for suffix in ("ed", "es", "s", "ing"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
        return word
    return lemma


def _np_head(tok: Any) -> Any:
    while tok.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and tok.head is not tok:
        tok = tok.head
    return tok


# what a mention named from the text's own words stands for (`RoleLexicon`'s name patterns)
_AIR_KEY, _KIN_KEY = "@air", "@kin_militia"


def find_mentions(
    registry: ActorRegistry, text: str, *, country: str | None, when: date | None
) -> list[Mention]:
    """Actor mentions in `text`, each resolved to a canonical actor (unresolvable ones dropped)."""
    mentions: list[Mention] = []
    scanned = registry.scan(text)
    # "Israeli airstrikes", "a Turkish drone": a nationality and a weapon of the air are that state's forces.
    taken = [(m.start, m.end) for m in scanned]
    for match in registry.roles.air_by_nationality.finditer(text):
        c = registry.demonyms.get(_norm(match.group(1)))
        if c and not any(s < match.end() and match.start() < e for s, e in taken):
            scanned.append(Mention(start=match.start(), end=match.end(), text=match.group(0), target=_AIR_KEY,
                                   country=c))
    # "Batwa ethnic militiamen": ACLED's "<People> Ethnic Militia (COUNTRY)", listed or not.
    for match in [*registry.roles.kin_militia.finditer(text), *registry.roles.kin_raiders.finditer(text)]:
        people = match.group(1)
        if people.split()[0].lower() in registry.roles.not_a_people:  # "Suspected Meru ethnic militia"
            people = people.split(maxsplit=1)[-1]
        if people.lower() in registry.roles.not_a_people:
            continue
        kind = match.group(2) or None
        if kind is None:  # "Arab militiamen": a community the registry knows, else no people ("Islamist militia")
            if people not in registry.communities:
                continue
            kind = registry.community_kind(people)
        p_start = match.start(1) + len(match.group(1)) - len(people)
        p_end = match.end(1)
        # a listed alias over the people's name ("Dogon militiamen") stands where it means something (not
        # Mali's "Arab militiamen" in Sudan); a generic noun on the tail does not
        if country and not any(m.start < p_end and p_start < m.end and registry._pick(m.target, country)[0]
                               for m in scanned):
            name = f"{people} {kind.capitalize()} Militia ({country})"
            scanned = [m for m in scanned if not (m.start < match.end() and p_start < m.end)]
            scanned.append(Mention(start=p_start, end=match.end(), text=text[p_start:match.end()], target=_KIN_KEY,
                                   actor=registry.get(name) or Actor(name=name, inter=4, country=country)))
    for match in registry.roles.clan_fighters.finditer(text) if country else ():
        clans = match.group(3).lower().startswith(("clan", "sub"))
        if not clans and match.group(0).split()[0].lower() in registry.roles.not_a_people:
            continue  # "a dozen members of the Fulani community": people of it, no militia
        # the clans named stand for the "clan militias" told without them
        scanned = [m for m in scanned if not (m.start < match.end() and match.start() < m.end)
                   and registry.noun_class(m.text) != CLAN_MILITIA]
        for group in (1, 2):
            clan = match.group(group)
            if clan is None or clan.lower() in registry.roles.not_a_people:
                continue
            militia = "Clan Militia" if clans else f"{registry.community_kind(clan)} Militia"
            name = f"{clan} {militia} ({country})"
            start, end = match.span(group)
            scanned.append(Mention(start=start, end=end, text=text[start:end], target=_KIN_KEY,
                                   actor=registry.get(name) or Actor(name=name, inter=4, country=country)))
    # "two guards were killed" where the passage tells of a prison: a class only in that company
    scanned += registry.nouns_in_company(text, taken)
    scanned.sort(key=lambda m: m.start)
    for m in scanned:
        if m.target == _KIN_KEY:
            mentions.append(m)
            continue
        if m.target == _AIR_KEY:
            name = registry.name_for(MILITARY, country=m.country, when=when)
            if name:
                m.target = MILITARY
                m.actor = registry.get(name) or Actor(name=name, inter=_guess_inter(name))
                mentions.append(m)
            continue
        target, scope_country = (m.target, None) if m.target.startswith("@") else registry._pick(m.target, country)
        if target is None:
            continue
        m.country = scope_country or m.country
        m.target = target
        if target != INSURGENT:
            name = registry.name_for(target, country=m.country or country, when=when)
            if not name:
                continue
            m.actor = registry.get(name) or Actor(name=name, inter=_guess_inter(name))
        prev = mentions[-1] if mentions else None
        # "Mayi Mayi militiamen from Makanika faction": the group and its faction are one mention.
        if prev is not None and prev.actor is not None and m.actor is not None and \
                registry.factions.get(m.actor.name) == prev.actor.name and _FACTION_GAP.match(text[prev.end:m.start]):
            prev.end, prev.text, prev.actor, prev.target = m.end, text[prev.start:m.end], m.actor, m.target
            continue
        # "Dogon militiamen (Dana Amassagou)": a group named in brackets after a description (not after
        # another group's name: "AQIM (JNIM)" names the member, then its coalition) is who it is.
        described = prev is not None and prev.actor is not None and _is_armed(prev) and (
            prev.target in _GENERIC_ARMED or bool(_MILITIA_RE.match(prev.actor.name)))
        if described and _named_group(m) and _BRACKET_OPEN.match(text[prev.end:m.start]) and \
                (close := _BRACKET_CLOSE.match(text, m.end)):
            prev.end, prev.actor, prev.target = close.end(), m.actor, m.target
            prev.text = text[prev.start:prev.end]
            continue
        # "IS militants", "Houthi forces", "MINUSMA troops": a name and the noun it qualifies are one mention.
        if prev is not None and prev.actor is not None and prev.target not in _GENERIC_ARMED and \
                target in _GENERIC_ARMED and not text[prev.end:m.start].strip():
            prev.end, prev.text = m.end, text[prev.start:m.end]
            continue
        mentions.append(m)
    # "militants"/"jihadists" take the named armed group mentioned nearby, else the country default.
    groups = [m for m in mentions if m.actor is not None and m.target not in _GENERIC_ARMED
              and m.actor.inter in (2, 3)]
    out: list[Mention] = []
    for m in mentions:
        if m.target == INSURGENT:
            if groups:
                m.actor = min(groups, key=lambda g: abs(g.start - m.start)).actor
            else:
                name = registry.name_for(INSURGENT, country=country, when=when)
                m.actor = (registry.get(name) or Actor(name=name, inter=_guess_inter(name))) if name else None
        if m.actor is not None:
            out.append(m)
    return out


_GENERIC_ARMED = (MILITARY, POLICE, UNIDENTIFIED, INSURGENT, GANG, PRISON_GUARDS, GENDARMERIE, CLAN_MILITIA)
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _is_armed(m: Mention) -> bool:
    return m.target not in (CIVILIANS, PROTESTERS, RIOTERS, GOVERNMENT) and (m.actor is not None)


def assign_actors(
    event: Event, doc: Any, start: int, end: int, *, country: str | None, when: date | None,
    reading: list[tuple[int, int]] | None = None,
) -> None:
    """Fill actor1/assoc_actor_1/inter1/actor2/assoc_actor_2/inter2/interaction/civilian_targeting.

    `doc.text[start:end]` holds the event's sentences; `event.event_type` and
    `event.sub_event_type` are already set. Every field cites its span. `reading`: the parts
    of the doc that tell the event (its headline, mentions, context); the rest of
    [start, end) is not read (a standfirst on the war between a headline and the lead).
    """
    registry = ActorRegistry.default()
    country = registry.canonical_country(country)
    if doc is not None:
        country = actor_country(event, doc, country)
    text = doc.text if doc is not None and hasattr(doc, "text") else str(doc or "")
    start, end = max(0, start), min(len(text), end)
    passage = _only(text, start, end, reading)
    article_id = event.article_ids[0] if event.article_ids else None
    mentions = find_mentions(registry, passage, country=country, when=when)
    if not mentions:
        # An incident told in a sentence that names nobody ("Casualties unknown."): its paragraph does.
        p_start = text.rfind("\n", 0, start) + 1
        p_end = text.find("\n", end)
        p_end = len(text) if p_end < 0 else p_end
        if (p_start, p_end) != (start, end) and p_end - p_start <= 3000:
            start, end = p_start, p_end
            passage = text[start:end]
            mentions = find_mentions(registry, passage, country=country, when=when)
    _mention_roles(doc, mentions, start, registry.roles)
    claims = article_claims(registry, text, start, end, country=country, when=when)
    roles = code_roles(registry, mentions, passage, event.event_type, event.sub_event_type,
                       country=country, when=when, article_claims=claims)

    def cite(fieldname: str, mention: Mention | None, confidence: float) -> None:
        s, e = (mention.start + start, mention.end + start) if mention else (start, end)
        event.cite(fieldname, Evidence.from_text(text, s, e, article_id), confidence)

    for side in ("1", "2"):
        name, mention, conf = roles[f"actor{side}"]
        setattr(event, f"actor{side}", name)
        if name:
            cite(f"actor{side}", mention, conf)
            inter = registry.inter_of(name, country)
            setattr(event, f"inter{side}", inter)
            cite(f"inter{side}", mention, conf)
        assoc, assoc_mentions = roles[f"assoc{side}"]
        if assoc:
            setattr(event, f"assoc_actor_{side}", "; ".join(assoc))
            for am in assoc_mentions or [None]:
                cite(f"assoc_actor_{side}", am, 0.6)
    event.interaction = interaction_code(event.inter1, event.inter2)
    if event.interaction is not None:
        cite("interaction", roles["actor1"][1], min(roles["actor1"][2], roles["actor2"][2] or 1.0))
    civ = bool(event.actor2 and event.actor2.startswith("Civilians (")) or (
        event.event_type == "Violence against civilians")
    if civ:
        event.civilian_targeting = CIVILIAN_TARGETING
        cite("civilian_targeting", roles["actor2"][1], 0.8)


def _only(text: str, start: int, end: int, keep: list[tuple[int, int]] | None) -> str:
    """text[start:end] with what lies outside `keep` blanked (offsets unchanged); all of it without `keep`."""
    if not keep:
        return text[start:end]
    chars = [" "] * (end - start)
    for s, e in keep:
        s, e = max(s, start), min(e, end)
        if s < e:
            chars[s - start : e - start] = text[s:e]
    return "".join(chars)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\s\"”’']+(?=[A-Z\"“])|\n+")


def _named_group(m: Mention) -> bool:
    return m.actor is not None and m.actor.inter in (2, 3, 4) and m.target not in _GENERIC_ARMED


def article_claims(
    registry: ActorRegistry, text: str, start: int, end: int, *, country: str | None, when: date | None
) -> list[Mention]:
    """Named armed groups the article says carried out attacks ("X claimed responsibility").

    Mentions carry offsets relative to `start` (the event's passage); the claim nearest to the
    passage comes first. Sentences naming two or more different groups are left out (who claimed
    what is unclear there).
    """
    found: list[tuple[int, Mention]] = []
    pos = 0
    lex = registry.roles
    for part in [*_SENTENCE_END.split(text), ""][:-1]:
        s_start = text.find(part, pos) if part else pos
        pos = s_start + len(part)
        before = [c.start() for c in lex.claims.finditer(part)] if part else []
        after = [c.end() for c in lex.claimed_by.finditer(part)] if part else []
        if not before and not after:
            continue
        mentions = [m for m in find_mentions(registry, part, country=country, when=when) if _is_armed(m)]
        picked: list[Mention] = []
        for cue in before:  # the named groups before the cue ("JNIM and ISGS claimed": unclear)
            picked.extend(m for m in mentions if m.end <= cue and _named_group(m))
        for cue in after:  # the first armed mention after the cue, if it is a named group
            nxt = next((m for m in mentions if m.start >= cue and m.start - cue <= 40), None)
            if nxt is not None and _named_group(nxt):
                picked.append(nxt)
        if len({m.actor.name for m in picked if m.actor}) != 1:
            continue
        m = picked[0]
        m.start, m.end = m.start + s_start - start, m.end + s_start - start
        m.role = "claimant"
        distance = 0 if s_start < end and s_start + len(part) > start else min(
            abs(s_start - end), abs(start - (s_start + len(part))))
        found.append((distance, m))
    found.sort(key=lambda dm: dm[0])
    return [m for _, m in found]


def code_roles(
    registry: ActorRegistry, mentions: list[Mention], passage: str, event_type: str | None,
    sub_event_type: str | None, *, country: str | None, when: date | None,
    article_claims: list[Mention] | None = None,
) -> dict[str, Any]:
    """ACLED roles from resolved mentions: actor1/actor2 (name, mention, confidence) and assoc lists."""

    def name_of(target: str) -> str | None:
        return registry.name_for(target, country=country, when=when)

    unattributed = False
    armed = [m for m in mentions if _is_armed(m) and m.role != "later"]
    _bare_forces_are_the_foreign_force(registry, armed, country)

    def one_phrase(m: Mention, other: Mention) -> bool:
        """ "Rwandan and Mozambican troops" against a third party: the second force is on the first one's
        side (its ally, not its opponent; which leads is left as written). With no third party, "forces of
        India and Pakistan exchanged fire" are the two sides."""
        if not (other.target == m.target and other.start > m.end and m.target in STATE_NOUNS
                and re.fullmatch(r"\s*(?:,|and|, and)\s*", passage[m.end:other.start])):
            return False
        pair = {m.actor.name if m.actor else None, other.actor.name if other.actor else None}
        return any(o.actor and o.actor.name not in pair for o in armed)
    civilians = [m for m in mentions if m.target == CIVILIANS and m.role != "later"]
    a1: tuple[str | None, Mention | None, float] = (None, None, 0.0)
    a2: tuple[str | None, Mention | None, float] = (None, None, 0.0)

    def first(ms: list[Mention], roles: tuple[str, ...]) -> Mention | None:
        for role in roles:
            for m in ms:
                if m.role == role and m.conj_of is None:
                    return m
        return None

    def pick_agent(ms: list[Mention]) -> Mention | None:
        return first(ms, ("umbrella",)) or first(ms, ("attacker",)) or first(ms, ("agent",)) or \
            first(ms, ("other", "with", "between")) or (ms[0] if ms else None)

    # "..., police said": a source is a party only where it speaks of itself in what it says: "the army
    # said its troops", "'we repelled them', the army said" (not "their vehicle hit a mine, a military
    # source said": who "their" are is not the source)
    def speaks_of_itself(m: Mention) -> bool:
        said = _SENTENCE_END.split(passage[m.end:], maxsplit=1)[0]
        quoted = _SENTENCE_END.split(passage[:m.start])[-1]
        return registry.roles.self_reference.search(said) is not None or \
            registry.roles.first_person.search(quoted) is not None

    def acting(ms: list[Mention]) -> list[Mention]:
        return [m for m in ms if m.role != "source" or speaks_of_itself(m)]

    et = event_type or ""
    sub = sub_event_type or ""
    # "The government said the videos were fake and that the army had repelled an attack by terrorists":
    # who a denial makes the attacker or the victims ("said security forces had neutralised Fano militants")
    # is the denier's version, no party of what the report tells
    for start, end in Taxonomy.default().denials(passage):
        for m in armed:
            if m.role in ("attacker", "agent", "patient", "other") and start <= m.start < end:
                m.role = "denied"
    if et == "Violence against civilians" and not any(m.role == "agent" and m.target == UNIDENTIFIED for m in armed):
        # (attackers told as unidentified keep their place for the group blamed or claiming, below)
        for m in armed:
            if m.role == "claimant":
                m.role = "agent"
    # "unknown gunmen, presumably JNIM militants": the attribution names the unidentified attackers.
    for idx, m in enumerate(armed):
        if m.target != UNIDENTIFIED:
            continue
        for n in armed[idx + 1:idx + 2]:
            if n.target not in _ARMED and n.actor and registry.roles.attribution.match(passage[m.end:n.start]):
                m.actor = n.actor
                n.role = "ally" if n.role in ("other", "with") else n.role
                n.conj_of = mentions.index(m) if m in mentions else None

    def generic_force(m: Mention) -> bool:
        """"security forces", "Guinea Security Forces": no force in particular."""
        words = _bare(m.text)
        return m.target == MILITARY and any(words == n or (" " in n and words.endswith(" " + n))
                                            for n in registry.roles.crowd_control_nouns)

    def facing_crowds(m: Mention) -> str | None:
        """A state force that faced a crowd: generic "security forces" there are the police (ACLED)."""
        if generic_force(m):
            return name_of(POLICE)
        return m.actor.name if m.actor else None

    def named_first(state: list[Mention]) -> list[Mention]:
        """A crowd's other side: the force named ("gendarmes fired on protesters") before "security forces"."""
        return sorted(state, key=generic_force)

    if et == "Protests":
        a1 = (name_of(PROTESTERS), _first_of(mentions, PROTESTERS), 0.9)
        if sub in ("Protest with intervention", "Excessive force against protesters"):
            # (peacekeepers who disperse a crowd face it as a state's forces do)
            state = named_first([m for m in armed if m.target in (POLICE, MILITARY) or STATE_RE.match(m.actor.name)
                                 or _peacekeepers(m, registry.roles)])
            m2 = state[0] if state else None
            a2 = ((m2 and facing_crowds(m2)) or name_of(POLICE), m2, 0.7 if m2 else 0.5)
    elif et == "Riots":
        a1 = (name_of(RIOTERS), _first_of(mentions, RIOTERS), 0.85)
        # The other side: forces that faced the rioters, another armed party, a rival group, or victims.
        state = [m for m in armed if m.actor and (m.target in (POLICE, MILITARY) or STATE_RE.match(m.actor.name)
                                                  or _peacekeepers(m, registry.roles))]
        others = [m for m in armed if m.actor and m not in state]
        victims = [m for m in civilians if m.role in ("patient", "with")]
        state = named_first(acting(state))  # "a mob beat a man to death, police said": the police only tell of it
        if sub == "Mob violence" and victims:
            # "... police said. Police said they had arrested two suspects": who follows up a lynching tells of it
            state = [m for m in state if m.role != "source"]
        if state:
            a2 = (facing_crowds(state[0]), state[0], 0.6)
        elif others:
            a2 = (others[0].actor.name, others[0], 0.5)  # type: ignore[union-attr]
        elif registry.roles.rivals.search(passage):
            a2 = (name_of(RIOTERS), None, 0.5)
        elif victims:
            a2 = (name_of(CIVILIANS), victims[0], 0.5)
        elif sub == "Mob violence":
            a2 = (name_of(CIVILIANS), None, 0.4)  # a mob's target no one names: people's (a shop ransacked)
    elif et == "Violence against civilians":
        m1 = pick_agent(acting([m for m in armed if m.role != "patient"])) or pick_agent(acting(armed))
        a1 = (m1.actor.name, m1, 0.8) if m1 and m1.actor else (name_of(UNIDENTIFIED), None, 0.5)
        m2 = civilians[0] if civilians else None
        a2 = (name_of(CIVILIANS), m2, 0.85)
        # Where ACLED codes unidentified attackers of civilians under a country-specific name.
        if a1[0] == name_of(UNIDENTIFIED) and (country or "") in registry.unidentified_names:
            a1 = (registry.unidentified_names[country or ""], a1[1], a1[2])
    else:
        m1 = pick_agent(acting([m for m in armed if m.role not in ("patient", "ally", "defender")]))
        # "JNIM claimed responsibility": the claiming armed group is the perpetrator.
        claimants = [m for m in armed if m.role == "claimant" and m.actor and m.actor.inter in (2, 3, 4)]
        if len({m.actor.name for m in claimants if m.actor}) > 1:
            claimants = []  # "JNIM and ISGS claimed attacks": whose is this one is unclear
        if claimants and et in ("Battles", "Explosions/Remote violence"):
            m1 = claimants[0]
        # "Niger's government imposed a curfew after attacks by jihadists": the government decrees it
        # (where its forces act - "the government deployed troops" - the forces are the actor)
        ruling = [m for m in mentions if m.target == GOVERNMENT and m.role == "agent"]
        forces = any(m.target in STATE_NOUNS or (m.actor and STATE_RE.match(m.actor.name)) for m in armed)
        if et == "Strategic developments" and ruling and not forces and (m1 is None or ruling[0].start < m1.start):
            m1 = ruling[0]
        if m1 is None and armed and et == "Strategic developments":
            m1 = armed[0]
        if m1 is None and et == "Strategic developments":
            if sub == "Arrests":
                a1 = (name_of(POLICE), None, 0.4)  # "a blogger was arrested": by the police
            elif sub == "Looting/property destruction":
                a1 = (name_of(UNIDENTIFIED), None, 0.4)
            elif origin := _origin_country(registry, passage):
                # "refugees from Ukraine arrived": the displaced are civilians of where they fled
                a1 = (f"Civilians ({origin})", None, 0.5)
            elif civilians and (civilians[0].role in ("agent", "other") or not armed):
                a1 = (name_of(CIVILIANS), civilians[0], 0.4)  # "villagers fled", "refugees returned"
        if m1 is not None and m1.actor:
            a1 = (m1.actor.name, m1, 0.75)
        elif not armed and et in ("Battles", "Explosions/Remote violence") and \
                registry.unattributed_default(country, when, et)[0]:
            d1, d2 = registry.unattributed_default(country, when, et)
            a1 = (d1, None, 0.3)
            a2 = (d2, None, 0.3) if d2 else (None, None, 0.0)
            unattributed = True
        elif et == "Explosions/Remote violence" and sub == "Air/drone strike":
            a1 = (name_of(MILITARY), None, 0.4)
        elif et in ("Battles", "Explosions/Remote violence"):
            a1 = (name_of(UNIDENTIFIED), None, 0.5)
        if a2[0] is None and not unattributed:
            kin = family(registry, a1[0])  # "Katiba Macina (JNIM)": the parent is the same side
            # "rival clans ... fighters from the Marehan and Dir clans": two communities' militias named
            # together are the two sides where the text calls them rivals
            # (or where they are the subject of the fight: "herders from the Borana and Gabra communities clashed")
            for m in armed:
                if m.target == _KIN_KEY and m.conj_of is not None and mentions[m.conj_of].target == _KIN_KEY and (
                        registry.roles.rivals.search(passage) or registry.roles.fought_after.match(passage[m.end:])):
                    m.conj_of = None
            # "Al-Shabaab gunmen stormed ... security forces killed the five attackers": those who
            # attacked are actor1 named again, not an unidentified opponent
            named = a1[1] is not None and a1[1].target != UNIDENTIFIED
            # ... and so are "armed men" beside a named group in what is no battle ("insurgents raided the
            # village ... residents fled after being warned that armed men were approaching")
            group_act = named and et != "Battles" and getattr(registry.get(a1[0] or ""), "inter", None) in (2, 3, 4)
            others = [m for m in armed if m.actor and m.actor.name not in kin and m.role != "ally"
                      and not (named and m.target == UNIDENTIFIED and (
                          _bare(m.text) in registry.roles.attacker_nouns or group_act))
                      and not (m1 is not None and m.conj_of is not None and mentions[m.conj_of] is m1)
                      and not (m1 is not None and one_phrase(m1, m))]
            m2 = first(others, ("defender", "patient"))
            # "police arrested two journalists after they reported on the army's losses": the arrested
            # are the first people the text makes a patient, not a force named after them
            arrested = next((m for m in mentions if m.role == "patient" and (
                m in others or m.target == CIVILIANS or m.target in STATE_NOUNS)), None) if sub == "Arrests" else None
            if arrested is not None and arrested.target == CIVILIANS:
                m2, others = None, []
            elif arrested is not None and m2 is None and arrested.target in STATE_NOUNS:
                m2 = arrested  # "authorities arrested two generals": a force's own men are the other side
            # Shells or bombs that killed civilians, no armed party said to be hit: the civilians are
            # the target, not a force named in passing (a headline, a standfirst on the war).
            hit_civilians = et == "Explosions/Remote violence" and any(m.role == "patient" for m in civilians)
            if m2 is None and not hit_civilians:
                m2 = first(others, ("with", "between", "other", "agent", "umbrella", "untouched"))
            if m2 is None and not hit_civilians and et == "Battles":
                # "the army said it had repelled an RSF attack": a source telling of itself is the other side
                m2 = next((m for m in others if m.role == "source" and speaks_of_itself(m)), None)
            if m2 is not None and m2.actor:
                a2 = (m2.actor.name, m2, 0.7)
            elif civilians and et in ("Explosions/Remote violence", "Strategic developments") and \
                    a1[0] != name_of(CIVILIANS):
                victims = [m for m in civilians if m.role in ("patient", "other")] or civilians
                a2 = (name_of(CIVILIANS), victims[0], 0.6)
            elif et == "Battles":
                a2 = (name_of(UNIDENTIFIED) if a1[0] != name_of(UNIDENTIFIED) else None, None, 0.4)
            elif sub == "Looting/property destruction":
                a2 = (name_of(CIVILIANS), None, 0.4)  # property of unnamed people is civilians'
            if et == "Battles" and a1[1] is not None and a1[1].target == CLAN_MILITIA and \
                    registry.roles.rivals.search(a1[1].text) and (m2 is None or m2.role == "untouched"):
                # "militias from two rival sub-clans fought": both sides are clan militias (troops sent to
                # separate them are neither)
                a2 = (a1[0], a1[1], 0.5)

    # "Unknown gunmen attacked ... JNIM claimed the attack": the claim names the unidentified attackers.
    claiming = [m for m in armed if m.role == "claimant" and m.actor and m.actor.inter in (2, 3, 4)]
    claim = claiming[0] if len({m.actor.name for m in claiming if m.actor}) == 1 else None
    # A claim elsewhere in the article ("JNIM claimed responsibility for the double ambush") names
    # the perpetrator of an incident told without one.
    # Attackers the incident itself calls unidentified ("In a separate incident, unidentified gunmen
    # abducted ...") stay so: a claim told before it, of an earlier incident, is not theirs.
    said_unidentified = a1[1] is not None and a1[1].target == UNIDENTIFIED
    told = [m for m in article_claims or [] if not said_unidentified or m.start >= 0]
    # An air strike that names no one was put on the state's air force by default: a group the
    # article blames ("officials blamed the RSF") is named instead.
    presumed = (None, name_of(UNIDENTIFIED)) + ((a1[0],) if sub == "Air/drone strike" and a1[1] is None else ())
    if claim is None and told and et in _VIOLENT and a1[0] in presumed:
        claim = told[0]
    if claim is not None and a1[0] in presumed and et in _VIOLENT:
        a1 = (claim.actor.name, claim, 0.7)  # type: ignore[union-attr]
    # Criminal-violence cues ("gang members", "a drive-by shooting") say who the unidentified were.
    gang = next((m for m in mentions if m.target == GANG and m.actor), None)
    if gang is not None and a1[0] == name_of(UNIDENTIFIED):
        a1 = (gang.actor.name, gang, 0.6)  # type: ignore[union-attr]
    # "JNIM or ISGS militants": ACLED codes the uncertain attribution as "A and/or B" where it has one.
    for side, (name, m, conf) in (("1", a1), ("2", a2)):
        if m is None or name is None or m not in mentions:
            continue
        idx = mentions.index(m)
        nxt = mentions[idx + 1] if idx + 1 < len(mentions) else None
        if nxt is not None and nxt.actor and re.fullmatch(r"\s*(?:or|and/or|/)\s*", passage[m.end:nxt.start]):
            joint = f"{name} and/or {nxt.actor.name}"
            if registry.get(joint):
                if side == "1":
                    a1 = (joint, m, conf)
                else:
                    a2 = (joint, m, conf)
    # "Wagner mercenaries and Malian soldiers": the host country's forces lead, their allies are associated.
    for side, (name, m, conf) in (("1", a1), ("2", a2)):
        if m is None or m not in mentions or _home_force(name, country):
            continue
        # any mention of a foreign force counts: the headline's "Wagner Fighters" and the lead's "Wagner
        # mercenaries and Malian soldiers" are one side ("1 militant and 1 soldier were killed" is not)
        foreign = getattr(registry.get(name), "inter", None) == 8
        same = {i for i, o in enumerate(mentions) if o is m or (foreign and o.actor and o.actor.name == name)}
        partners = [o for o in mentions if o.conj_of in same and o.actor and _home_force(o.actor.name, country)]
        if partners:
            host = partners[0]
            ally = mentions[host.conj_of]  # type: ignore[index]
            host.conj_of, ally.conj_of = None, mentions.index(host)
            if side == "1":
                a1 = (host.actor.name, host, conf)  # type: ignore[union-attr]
            else:
                a2 = (host.actor.name, host, conf)  # type: ignore[union-attr]
    # Air strikes by a state that ACLED codes through its air force branch ("... Air Force").
    if sub == "Air/drone strike" and a1[0] and STATE_RE.match(a1[0]) and registry.get(f"{a1[0]} Air Force"):
        a1 = (f"{a1[0]} Air Force", a1[1], a1[2])
    # A battle has two sides (every training battle names both): an opponent the text leaves unnamed
    # ("soldiers came under fire near X", "a shoot-out took place") is an unidentified armed group.
    if et == "Battles" and a1[0] and not a2[0] and country:
        a2 = (name_of(UNIDENTIFIED), None, 0.4)
    # "clashes between herders and farmers": two communities fighting, no armed group named, are
    # communal militias (ACLED: "Unidentified Communal Militia (COUNTRY)", inter 4)
    parties = [m for m in civilians if m.role in ("between", "with")]
    if et == "Battles" and not armed and parties and country:
        militia = f"Unidentified Communal Militia ({country})"
        a1, a2 = (militia, parties[0], 0.5), (militia, parties[-1] if len(parties) > 1 else None, 0.5)
    # Parent links: a sub-unit is coded as its parent with the sub-unit associated.
    assoc: dict[str, list[str]] = {"1": [], "2": []}
    assoc_m: dict[str, list[Mention]] = {"1": [], "2": []}
    out_actors = {"1": a1, "2": a2}
    for side in ("1", "2"):
        name, m, conf = out_actors[side]
        actor = registry.get(name) if name else None
        if side == "2" and actor is not None and actor.inter == 0 and country:
            # a party, a union or an aid group on the receiving end: civilians, with it associated (ACLED
            # never codes such an actor as actor1 or actor2: "Civilians (Mali)" + "URD: Union for ...")
            assoc[side].append(actor.name)
            if m:
                assoc_m[side].append(m)
            out_actors[side] = (name_of(CIVILIANS), m, conf)
            continue
        if actor and actor.parent:
            assoc[side].append(name)  # type: ignore[arg-type]
            if m:
                assoc_m[side].append(m)
            out_actors[side] = (registry.name_for(actor.parent, country=country, when=when), m, conf)
    a1, a2 = out_actors["1"], out_actors["2"]
    def _allied_side(ally: Mention) -> str | None:
        """The side of "the RSF and allied Arab militiamen": the force named just before the ally's,
        actor1's by default; none when that force is neither side ("government troops and allied clan
        militias withdrew" while al-Shabaab executed residents)."""
        before = [o for o in mentions if o.actor and o.end <= ally.start and ally.start - o.end <= 40]
        if not before:
            return "1"
        named = before[-1].actor.name  # type: ignore[union-attr]
        if named == (ally.actor.name if ally.actor else None):
            return "1"  # "armed men believed to be from the 3R": the attribution named them so
        return "1" if named == a1[0] else "2" if named == a2[0] else None

    # Allies: mentions coordinated with an actor's mention, or "backed by"/"alongside".
    for side, (_name, m, _) in (("1", a1), ("2", a2)):
        if m is None:
            continue
        idx = mentions.index(m) if m in mentions else -1
        for other in mentions:
            if other is m or not other.actor or other.actor.name in (a1[0], a2[0]):
                continue
            if (other.conj_of == idx and idx >= 0) or (other.role == "ally" and _allied_side(other) == side) or \
                    one_phrase(m, other):
                if other.actor.name not in assoc[side]:
                    assoc[side].append(other.actor.name)
                    assoc_m[side].append(other)
    # Sub-groups of civilians/protesters ("students", "teachers") as associated actors.
    group_side = "1" if et in ("Protests", "Riots") else ("2" if (a2[0] or "").startswith("Civilians (") else "")
    if group_side and country:
        low = _norm(passage)
        lex = registry.roles
        # the words that named the other side ("Fulani herders" attacking farmers) are no group of this one
        other = a1[1] if group_side == "2" else a2[1]
        others = [other, *assoc_m["1" if group_side == "2" else "2"]]
        if group_side == "2":  # (and those blamed: "blaming herders who have clashed with farmers")
            others += [m for m in mentions if m.role in ("agent", "attacker", "claimant")]
        naming = set(re.findall(r"[\w'-]+", _norm(" ".join(m.text for m in others if m is not None))))
        if group_side == "2":  # the victims' groups: from the sentences that tell the harm, not "hosting displaced people"
            harm_text = " ".join(s for s in _SENTENCE_END.split(passage) if lex.harm.search(s)) or passage
            low = _norm(harm_text)
            # "Masalit villagers", "a Fulani hamlet": the victims' community (ACLED: "<People> Ethnic Group (C)")
            for people in registry.victim_communities(harm_text, naming):
                g = registry.community_group(people, country)
                if g not in assoc["2"]:
                    assoc["2"].append(g)
        for noun, group in registry.groups.items():
            if noun in naming:
                continue
            # "AFP journalists said", "told reporters": who tells is no group of the event; nor is an
            # organization named after the group ("the Sudan Doctors Network said")
            if any(not lex.source_after.match(low[m.end():]) and not lex.source_before.search(low[:m.start()])
                   and not lex.organization_after.match(low[m.end():])
                   for m in re.finditer(rf"\b{re.escape(noun)}\b", low)):
                g = f"{group} ({country})"
                if g not in assoc[group_side]:
                    assoc[group_side].append(g)
                if len(assoc[group_side]) >= 2:
                    break
    return {"actor1": a1, "actor2": a2, "assoc1": (assoc["1"], assoc_m["1"]), "assoc2": (assoc["2"], assoc_m["2"])}


def family(registry: ActorRegistry, name: str | None) -> set[str]:
    """An actor with its parent and the units that name it as parent."""
    if not name:
        return set()
    actor = registry.get(name)
    out = {name}
    if actor is not None and actor.parent:
        out.add(actor.parent)
    out.update(registry.children().get(name, ()))
    return out


def _unlisted_force(kind: str, country: str | None) -> str | None:
    """A country whose forces the registry has never seen: ACLED's name without the period."""
    if not country:
        return None
    article = "the " if country.startswith(_THE_COUNTRIES) else ""
    return f"{kind} Forces of {article}{country}"


def _home_force(name: str | None, country: str | None) -> bool:
    match = _FORCE_COUNTRY_RE.match(name or "")
    return bool(match and country and match.group(2) == country)


_DISPLACED = r"(?:refugees|asylum seekers|migrants|evacuees|displaced (?:people|persons|civilians)|IDPs)"
_FROM_RE = re.compile(rf"\b{_DISPLACED}\s+(?:\w+\s+){{0,2}}?from\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)")
_DEMONYM_RE = re.compile(rf"\b([A-Z][\w'-]+)\s+{_DISPLACED}\b")


def _origin_country(registry: ActorRegistry, passage: str) -> str | None:
    """The country displaced people come from ("refugees from Ukraine", "Syrian refugees")."""
    for pattern in (_FROM_RE, _DEMONYM_RE):
        for match in pattern.finditer(passage):
            words = match.group(1).split()
            for n in range(len(words), 0, -1):
                country = registry.demonyms.get(_norm(" ".join(words[:n])))
                if country:
                    return country
    return None


def _bare_forces_are_the_foreign_force(registry: ActorRegistry, armed: list[Mention], country: str | None) -> None:
    """"Ugandan troops serving with the African Union mission ... killing 10 soldiers": where the passage
    names one foreign state's forces and not the host's, its bare "soldiers" and "troops" are that
    force, not the host country's army."""
    if not country:
        return
    named = [m for m in armed if m.target == MILITARY and m.actor and registry.noun_class(m.text) != MILITARY]
    foreign = {m.actor.name for m in named if m.actor and m.actor.country and m.actor.country != country}  # type: ignore[union-attr]
    if len(foreign) != 1 or any(m.actor and m.actor.country == country for m in named):
        return
    force = next(m.actor for m in named if m.actor and m.actor.name in foreign)
    for m in armed:
        if m.target == MILITARY and _bare(m.text) in registry.roles.bare_force_nouns:
            m.actor = force


def _first_of(mentions: list[Mention], target: str) -> Mention | None:
    return next((m for m in mentions if m.target == target), None)


def country_cues(registry: ActorRegistry, text: str) -> list[tuple[dict[str, float], bool]]:
    """What in the text points to a country: one ({country: weight}, strong) per cue (weights sum to 1).

    Cues are country names and demonyms, named non-state actors with a home country (JNIM ->
    Mali, Al Shabaab -> Somalia) and communities named in ACLED's actor names (Dogon -> Mali;
    Fulani -> the countries where Fulani militias are coded, by how often).
    """
    cues: list[tuple[dict[str, float], bool]] = []
    for m in registry.scan(text, raw=True):
        country = registry._country_of(m.target)
        if country:  # weak: news names foreign countries and their forces too
            cues.append(({country: 1.0}, False))
            continue
        target, scope_country = registry._pick(m.target, None)
        if target is None or scope_country or target.startswith("@") or m.target not in registry.proper:
            continue
        actor = registry.get(target)
        where = registry.operates_in.get(target) or []
        home = _home_country(actor, registry)
        if where:
            cues.append(({c: 1.0 / len(where) for c in where}, True))
        elif home:
            cues.append(({home: 1.0}, True))
    if registry._community_re is not None:
        for match in registry._community_re.finditer(text):
            if _norm(match.group(0)) in registry.demonyms:
                continue  # "Turkish", "Russian": a nationality, counted above
            seen = registry.communities.get(match.group(0)) or {}
            total = sum(seen.values())
            if total:
                cues.append(({c: n / total for c, n in seen.items()}, True))
    return cues


def _home_country(actor: Actor | None, registry: ActorRegistry) -> str | None:
    """Where a named actor fights: its country, for non-state groups and missions named after one."""
    if actor is None or actor.country not in registry.countries:
        return None
    if STATE_RE.match(actor.name) or actor.inter in (1, 5, 6, 7):
        return None  # state forces act abroad too ("Turkish forces in Iraq")
    if actor.inter == 8 and actor.country not in actor.name:
        return None  # foreign forces ("Wagner Group") are coded where they operate
    return actor.country


def _scores(cues: list[tuple[dict[str, float], bool]], strong_only: bool = False) -> dict[str, float]:
    scores: dict[str, float] = {}
    for cue, strong in cues:
        if strong_only and not strong:
            continue
        for country, weight in cue.items():
            scores[country] = scores.get(country, 0.0) + weight
    return scores


def _doc_cues(doc: Any) -> list[tuple[dict[str, float], bool]]:
    """country_cues of a Doc's text, kept on the doc's scratch dict so each article is read once."""
    text = doc.text if hasattr(doc, "text") else str(doc or "")
    scratch = getattr(getattr(doc, "_", None), "strife", None) if hasattr(doc, "_") else None
    if isinstance(scratch, dict) and "actor_country_cues" in scratch:
        return scratch["actor_country_cues"]
    cues = country_cues(ActorRegistry.default(), text)
    if isinstance(scratch, dict):
        scratch["actor_country_cues"] = cues
    return cues


def country_hint(doc: Any) -> str | None:
    """The country the article is about: the one most pointed to by names, demonyms, actors, communities."""
    scores = _scores(_doc_cues(doc))
    if not scores:
        return None
    return max(scores.items(), key=lambda kv: kv[1])[0]


def actor_country(event: Event, doc: Any, country: str | None) -> str | None:
    """The country whose actors the event's generic nouns stand for.

    Geo's country wins unless nothing in the text points to it while the text's cues point
    elsewhere ("suspected Fulani militiamen attacked Yoro" placed on a namesake village abroad).
    """
    registry = ActorRegistry.default()
    cues = _doc_cues(doc)
    if not cues:
        return country
    scores = _scores(cues)
    if country is None:
        return max(scores.items(), key=lambda kv: kv[1])[0]
    if scores.get(country, 0.0) >= _SUPPORT:
        return country  # the text names geo's country (or groups that fight there)
    strong = _scores(cues, strong_only=True)
    best, weight = max(scores.items(), key=lambda kv: kv[1])
    if strong.get(best, 0.0) < _SUPPORT:
        return country  # only nationalities point elsewhere: news names foreign countries too
    if event.country == country and event.confidence.get("country", 0.5) >= _SURE_GEO:
        return country
    region = registry.region_of.get(country)
    if weight >= _OVERRIDE_WEIGHT and (region is None or region != registry.region_of.get(best)):
        return best
    return country


_SUPPORT = 0.25  # a real share of one cue, not a community's rare elsewhere
_SURE_GEO = 0.97  # geo resolved a place of that country beyond doubt
_OVERRIDE_WEIGHT = 0.6  # most of one cue: a community coded in several countries is no cue
