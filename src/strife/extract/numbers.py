"""Numbers as written in casualty statements: "five", "14", "1-4", "no fewer than 14", "dozens".

The words live in `data/numbers_<language>.yaml`; a language without its own file
falls back to English. Vague amounts follow ACLED's codebook (tens=10, dozens=12,
hundreds=100); "several", "an unknown number of" and the like are unknown:
`(None, None, text)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from strife.extract.lexicons import load_lexicon

Quantity = tuple[int | None, int | None, str]


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found inside a longer text."""

    start: int
    end: int
    low: int | None
    high: int | None
    text: str


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    joiners: frozenset[str]
    vague: dict[str, int | None]
    prefixes: dict[str, str]
    range_words: frozenset[str]
    range_lead: frozenset[str]
    pattern: re.Pattern[str]


def _alt(words: list[str]) -> str:
    # Longest first so "no fewer than" wins over "no".
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def lexicon(language: str = "en") -> _Lexicon:
    raw = load_lexicon("numbers", language)
    units = {str(k).lower(): int(v) for k, v in raw.get("units", {}).items()}
    tens = {str(k).lower(): int(v) for k, v in raw.get("tens", {}).items()}
    scales = {str(k).lower(): int(v) for k, v in raw.get("scales", {}).items()}
    vague = {str(k).lower(): (None if v is None else int(v)) for k, v in raw.get("vague", {}).items()}
    prefixes = {str(k).lower(): str(v) for k, v in raw.get("prefixes", {}).items()}
    joiners = frozenset(str(w).lower() for w in raw.get("joiners", []))
    range_words = frozenset(str(w).lower() for w in raw.get("range_words", []))
    range_lead = frozenset(str(w).lower() for w in raw.get("range_lead", []))

    # Scanner: [prefix] [range lead] NUMBER [(range word) NUMBER], or a vague amount.
    # "a"/"an"/"no" are units only inside a compound ("a hundred"), never alone when scanning.
    word_units = [w for w in units if w not in {"a", "an", "no", "none"}]
    numword = _alt(word_units + list(tens) + list(scales))
    digit = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d.,]\d)"
    one = (
        rf"(?:{digit}|(?:(?:a|an)\s+)?(?:{numword})(?:(?:[\s-]+(?:and\s+)?)(?:{numword}))*)"
        rf"(?:\s+(?:dozen|hundred|thousand))?"
    )
    rw = _alt([w for w in range_words if w.isalpha()])
    number = rf"(?:(?:{_alt(list(range_lead))})\s+)?{one}(?:(?:\s*[-–—]\s*|\s+(?:{rw})\s+){one})?"
    prefix = rf"(?:(?:{_alt(list(prefixes))})\s+)?"
    pattern = re.compile(
        rf"(?<![\w-])(?:{prefix}{number}|{_alt(list(vague))})(?![\w-])",
        re.IGNORECASE,
    )
    return _Lexicon(units, tens, scales, joiners, vague, prefixes, range_words, range_lead, pattern)


def _normalize(text: str) -> str:
    t = text.lower().strip().strip(".,;:()\"'")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # 1,200 -> 1200
    t = re.sub(r"\s+", " ", t)
    return t


def _words_value(words: list[str], lex: _Lexicon) -> int | None:
    """Value of a compound number in words or digits ("one hundred and five", "3 dozen")."""
    if not words:
        return None
    total = 0
    current = 0
    seen = False
    last = ""  # kind of the previous word: "unit", "tens", "scale"
    for i, w in enumerate(words):
        if w.isdigit():
            if seen and current:
                return None
            current += int(w)
            seen, last = True, "unit"
        elif w in lex.joiners and seen and i + 1 < len(words):
            continue
        elif w == "dozen" and seen:
            current = current * 12
            last = "scale"
        elif w in lex.units:
            if w in {"a", "an"}:
                if seen:
                    return None
                current += 1
            else:
                if last == "unit":
                    return None  # "one two": a list of numbers, not one number
                current += lex.units[w]
            seen, last = True, "unit"
        elif w in lex.tens:
            if last in {"unit", "tens"}:
                return None
            current += lex.tens[w]
            seen, last = True, "tens"
        elif w in lex.scales:
            scale = lex.scales[w]
            if scale >= 1000:
                total += max(current, 1) * scale
                current = 0
            else:
                current = max(current, 1) * scale
            seen, last = True, "scale"
        else:
            return None
    return total + current if seen else None


def _single(text: str, lex: _Lexicon) -> int | None:
    words = [w for w in re.split(r"[\s-]+", text) if w]
    return _words_value(words, lex)


def parse_quantity(text: str, language: str = "en") -> Quantity | None:
    """(low, high, text) of a quantity, None when `text` is not one.

    low/high are None when unknown: "several" -> (None, None); "no fewer than 14" ->
    (14, None); "up to 5" -> (None, 5); "1-4" -> (1, 4); "dozens" -> (12, 12).
    """
    if not text or not text.strip():
        return None
    lex = lexicon(language)
    original = text.strip()
    t = _normalize(text)
    if t.endswith(" of") and t not in lex.vague:
        t = t[: -len(" of")]
    if t in lex.vague:
        v = lex.vague[t]
        return (v, v, original)
    mode = "exact"
    for p in sorted(lex.prefixes, key=len, reverse=True):
        if t.startswith(p + " "):
            mode = lex.prefixes[p]
            t = t[len(p) + 1 :]
            break
    if t in lex.vague:  # "some dozens"
        v = lex.vague[t]
        return (v, None if mode == "low" else v, original) if v is not None else (None, None, original)
    # Range: "between 2 and 5", "2-5", "2 to 5", "two or three".
    lead = t.split(" ", 1)[0]
    body = t.split(" ", 1)[1] if lead in lex.range_lead and " " in t else t
    m = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", body)
    if m:
        a, b = int(m.group(1)), int(m.group(2))
        return _bounded(min(a, b), max(a, b), mode, original)
    for sep in sorted(w for w in lex.range_words if w.isalpha()):
        # "and" joins a range only after a lead ("between 2 and 5"); otherwise it is part of
        # one compound number ("one hundred and five").
        if sep in lex.joiners and lead not in lex.range_lead:
            continue
        parts = body.split(f" {sep} ")
        if len(parts) == 2:
            a, b = _single(parts[0], lex), _single(parts[1], lex)
            if a is not None and b is not None:
                return _bounded(min(a, b), max(a, b), mode, original)
    value = _single(body, lex)
    if value is None:
        return None
    return _bounded(value, value, mode, original)


def _bounded(low: int, high: int, mode: str, original: str) -> Quantity:
    if mode == "low":
        return (low, None, original)
    if mode == "high":
        return (None, high, original)
    return (low, high, original)


def find_quantities(text: str, language: str = "en") -> list[QuantityMatch]:
    """Every quantity expression in a longer text, left to right."""
    lex = lexicon(language)
    found: list[QuantityMatch] = []
    for m in lex.pattern.finditer(text):
        q = parse_quantity(m.group(0), language)
        if q is None:
            continue
        found.append(QuantityMatch(m.start(), m.end(), q[0], q[1], m.group(0)))
    return found
