"""Extract stage: events, types, actors, claims, fatalities, dates, each with evidence.

Importing `strife.extract.components` registers the spaCy components
`strife_extract` and `strife_finalize`.
"""
