"""Text helpers of the geo stage: accent-free, case-free keys that keep character offsets."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_PUNCT_MAP = {"\u2019": "'", "\u2018": "'", "`": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-",
              # letters without a decomposition, and transliteration marks ("Diyarbakır", "Łódź", "Shaʿbān")
              "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ħ": "h",
              "\u02bf": "'", "\u02be": "'", "\u02bb": "'", "\u02bc": "'", "\u2032": "'"}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character, lowercased and without accents (always one character, so offsets survive)."""
    if char in _PUNCT_MAP:
        return _PUNCT_MAP[char]
    decomposed = unicodedata.normalize("NFKD", char)
    base = decomposed[0] if decomposed else char
    if unicodedata.combining(base):
        return char.lower()[:1] or char
    lowered = base.lower()
    return lowered[:1] or base


def fold(text: str) -> str:
    """Lowercase, accent-free text of the same length: 'Ségou' -> 'segou'."""
    if text.isascii():
        return text.lower()
    return "".join(map(fold_char, text))


def key(name: str) -> str:
    """Lookup key of a name: folded, apostrophes dropped, spacing normalized."""
    folded = fold(name).replace("'", "").replace(".", "")
    return _SPACES.sub(" ", folded).strip()


def key_variants(name: str) -> set[str]:
    """Keys a name can be written as: with hyphens or spaces between its parts."""
    base = key(name)
    out = {base}
    # Nordic and German letters as English copy transliterates them: "Århus" / "Aarhus",
    # "Køge" / "Koege", "München" / "Muenchen" (the plain fold gives "arhus", "koge", "munchen")
    spelt = name.lower()
    if any(ch in spelt for ch in _TRANSLITERATION):
        for ch, latin in _TRANSLITERATION.items():
            spelt = spelt.replace(ch, latin)
        out.add(key(spelt))
    if "-" in base:
        out.add(base.replace("-", " "))
        out.add(base.replace("-", ""))
    # Arabic article and ending spelt several ways: "Al Hasakah" / "al-Hasakah" / "Hasakah" / "Hasakeh"
    for k in list(out):
        m = _ARTICLE.match(k)
        if m and len(k) - m.end() >= 4:
            out.add(k[m.end() :])
    for k in list(out):
        if len(k) >= 6 and k.endswith("ah"):
            out.add(k[:-2] + "eh")
    return {k for k in out if k}


_TRANSLITERATION = {"å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|an|at|az|ath)[ -]")
