"""Casualty statements as Claims (stub; full version follows)."""

from __future__ import annotations

from spacy.tokens import Doc

from strife.schema import Claim


def find_claims(doc: Doc, start: int, end: int, article_id: str | None) -> list[Claim]:
    return []
