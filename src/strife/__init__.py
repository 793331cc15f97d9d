"""strife: conflict reporting in, ACLED-style events out, with evidence for every field."""

from strife.schema import Actor, Article, ArticleResult, Claim, Event, Evidence, Location, ReadFailure

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "ArticleResult", "Claim", "Event", "Evidence", "Location", "ReadFailure", "__version__"]
