"""A learned country prior: which country a text is about, from the names in it.

Short reports often name only a village the gazetteer lacks ("unknown gunmen
abducted a notable in Kouna") or one whose namesakes lie abroad ("Kindi").
The country model (`strife train` writes it beside the event classifier, a
TF-IDF linear model over the proper names of ACLED notes labelled with their
country) has learnt which actors, communities and place names go with which
country, and how a country's village names are spelt. Its top
country enters the article's country focus as one more vote, weighted by its
margin; without the model file the geo stage simply goes without it.

The admin1 model (same recipe, labelled "country|admin1") does the same one level down: an
event whose village the gazetteer lacks still gets its first-level unit ("Mopti") when the
model is sure enough, with no coordinates (it names a region, not a point).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from strife.extract.classify import Classifier, load_optional
from strife.extract.train import ADMIN1_SEPARATOR
from strife.geo.gazetteer import ADMIN1, Gazetteer
from strife.geo.text import key

MODEL_NAME = "country"
# Below this margin the top country is a guess. Above it the vote grows with the margin (see
# weight): held-out notes whose top margin is above 0 are right about 99% of the time.
MIN_MARGIN = -0.8
# The names of an article's first pages say where it is; reading further only costs time.
MAX_CHARS = 20000


@dataclass(frozen=True)
class CountryPrior:
    country: str  # ISO alpha-2, as the gazetteer keys countries
    margin: float  # the model's raw score for it (0 is about even odds against the rest)

    @property
    def weight(self) -> float:
        """Its vote in the country focus: worth an actor's country ("Military Forces of Mali") when
        the model is sure, less when it hesitates."""
        return max(0.0, min(3.0, 2.0 + 2.0 * self.margin))


@lru_cache(maxsize=1)
def country_model() -> Classifier | None:
    return load_optional(MODEL_NAME, "geoparsing without it")


def country_priors(texts: list[str], gaz: Gazetteer) -> list[CountryPrior | None]:
    """The model's confident country for each text (None when unsure or without a model)."""
    model = country_model()
    if model is None or not texts:
        return [None] * len(texts)
    viewed = model.view([text[:MAX_CHARS] for text in texts])
    margins = model.margins_of_view(viewed)
    out: list[CountryPrior | None] = []
    for names, row in zip(viewed, margins, strict=True):
        if not names:  # no names: the model would answer from its intercepts alone
            out.append(None)
            continue
        best = int(row.argmax())
        alpha2 = gaz.country_code(model.labels[best])
        out.append(CountryPrior(alpha2, float(row[best])) if alpha2 and row[best] >= MIN_MARGIN else None)
    return out


ADMIN1_MODEL_NAME = "admin1"
# Below this margin the top admin1 unit is left unsaid: on out-of-fold training rows whose country
# it got right, the top unit was right about half the time at -0.4, 80% at 0, 97% above 0.3.
MIN_ADMIN1_MARGIN = -0.4


@dataclass(frozen=True)
class Admin1Prior:
    unit: int  # the gazetteer's admin1 unit
    country: str  # ISO alpha-2 of its country
    margin: float

    @property
    def confidence(self) -> float:
        """How often a top unit at this margin was right on out-of-fold training rows (roughly)."""
        return max(0.5, min(0.95, 0.8 + 0.65 * self.margin))


@lru_cache(maxsize=1)
def admin1_model() -> Classifier | None:
    return load_optional(ADMIN1_MODEL_NAME, "no admin1 guess for places missing from the gazetteer")


def _unit(gaz: Gazetteer, label: str, units_of: dict[str, list[int]]) -> int | None:
    """The gazetteer's admin1 unit for a model label "Country|Admin1", or None. ACLED's spelling may
    differ from GeoNames': the closest unit name of that country is taken when close enough."""
    country_name, _, name = label.partition(ADMIN1_SEPARATOR)
    country = gaz.country_code(country_name)
    if not country or not name:
        return None
    units = [p for p in gaz.lookup_ids(name) if gaz.kinds[p] == ADMIN1 and gaz.countries[p] == country]
    if units:
        return units[0]
    matcher = SequenceMatcher(b=key(name), autojunk=False)
    best, found = 0.85, None
    for p in units_of.get(country, ()):
        matcher.set_seq1(key(gaz.names[p]))
        if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
            continue  # cheap upper bounds first
        ratio = matcher.ratio()
        if ratio >= best:
            best, found = ratio, p
    return found


def admin1_units_by_country(gaz: Gazetteer) -> dict[str, list[int]]:
    """Each country's admin1 units (ISO alpha-2 -> ids)."""
    units_of: dict[str, list[int]] = {}
    for p, kind in enumerate(gaz.kinds):
        if kind == ADMIN1:
            units_of.setdefault(gaz.countries[p], []).append(p)
    return units_of


@lru_cache(maxsize=2)
def admin1_units(gaz: Gazetteer) -> tuple[int | None, ...]:
    """The gazetteer unit of each admin1 model label, found once per process."""
    model = admin1_model()
    if model is None:
        return ()
    units_of = admin1_units_by_country(gaz)
    return tuple(_unit(gaz, label, units_of) for label in model.labels)


def admin1_priors(texts: list[str], gaz: Gazetteer) -> list[Admin1Prior | None]:
    """The admin1 model's confident unit for each text (None when unsure, unknown to the gazetteer
    or without a model)."""
    model = admin1_model()
    if model is None or not texts:
        return [None] * len(texts)
    units = admin1_units(gaz)
    viewed = model.view([text[:MAX_CHARS] for text in texts])
    margins = model.margins_of_view(viewed)
    out: list[Admin1Prior | None] = []
    for names, row in zip(viewed, margins, strict=True):
        best = int(row.argmax())
        unit = units[best] if names and row[best] >= MIN_ADMIN1_MARGIN else None
        out.append(Admin1Prior(unit, gaz.countries[unit], float(row[best])) if unit is not None else None)
    return out


__all__ = [
    "Admin1Prior", "CountryPrior", "admin1_model", "admin1_priors", "admin1_units", "country_model", "country_priors",
    "MIN_ADMIN1_MARGIN", "MIN_MARGIN",
]
