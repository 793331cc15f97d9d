"""Extract stage: events, types, actors, claims, fatalities, dates, each with evidence.

Importing this package registers the spaCy components `strife_extract` and
`strife_finalize`.
"""

from strife.extract import components  # noqa: F401
