"""Geo stage: gazetteer, toponym recognition and resolution.

Importing this package registers the spaCy component `strife_geo`.
"""

from strife.geo import components  # noqa: F401
