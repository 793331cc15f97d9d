"""A learned country prior: which country a text is about, from the names in it.

Short reports often name only a village the gazetteer lacks ("unknown gunmen
abducted a notable in Kouna") or one whose namesakes lie abroad ("Kindi").
The country model (`strife train` writes it beside the event classifier, a
TF-IDF linear model over the proper names of ACLED notes labelled with their
country) has learnt which actors, communities and place names go with which
country, and how a country's village names are spelt. Its top
country enters the article's country focus as one more vote, weighted by its
margin; without the model file the geo stage simply goes without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from strife.extract.classify import Classifier, load_optional
from strife.geo.gazetteer import Gazetteer

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


__all__ = ["CountryPrior", "country_model", "country_priors", "MIN_MARGIN"]
