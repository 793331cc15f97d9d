"""Geo stage: gazetteer, toponym recognition and resolution.

Importing `strife.geo.components` registers the spaCy component `strife_geo`.
"""
