"""Field-by-field scoring of predicted events against ACLED gold rows.

Pure functions over plain values, so they can be tested on tiny hand-made
pairs and reused on any held-out file.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
# A full date written in the text: "5 April 2022", "April 5, 2022".
STATED_DATE = re.compile(
    rf"\b(\d{{1,2}}\s+(?:{MONTHS})\s*,?\s+\d{{4}}|(?:{MONTHS})\s+\d{{1,2}}\s*,?\s+\d{{4}})\b", re.IGNORECASE
)


def states_date(text: str) -> bool:
    """Whether the text states a full calendar date (day, month and year)."""
    return STATED_DATE.search(text or "") is not None


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def without_period(name: Any) -> str:
    """An actor name without its state-force period: "Military Forces of Mali (2013-2020)" ->
    "Military Forces of Mali" (the period follows from the date, which some texts do not give)."""
    return _PERIOD.sub("", str(name or ""))


def without_era(name: Any, earlier: dict[str, str]) -> str:
    """An actor name without its period and its era: a group ACLED renamed (`earlier`: new name ->
    the name before it, "Islamic State (Sahel)" -> "Islamic State (West Africa) - Greater Sahara
    Faction" -> "Islamic State (Greater Sahara)") is compared under its first name, each side of an
    "A and/or B" pair on its own. Like the period, the era follows from a date some texts lack."""
    parts = []
    for part in without_period(name).split(" and/or "):
        seen: set[str] = set()
        while part in earlier and part not in seen:
            seen.add(part)
            part = earlier[part]
        parts.append(part)
    return " and/or ".join(parts)


def norm(value: Any) -> str:
    """Canonical comparison form of a label: trimmed, case-folded, blank for missing."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return " ".join(str(value).split()).casefold()


def to_int(value: Any) -> int | None:
    """'3', '3.0', 3 -> 3; blanks and junk -> None."""
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def to_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except (TypeError, ValueError):
        return None


def accuracy(gold: Sequence[Any], pred: Sequence[Any]) -> float | None:
    """Share of equal pairs (None when there is nothing to score)."""
    if not gold:
        return None
    return sum(norm(g) == norm(p) for g, p in zip(gold, pred, strict=True)) / len(gold)


def f1_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Per-label precision/recall/F1 plus weighted (by gold support) and macro F1 over gold labels."""
    labels = sorted({g for g in gold if g})
    support = Counter(gold)
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = support[label] - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support[label]}
    total = sum(support[label] for label in labels)
    weighted = sum(per_label[lb]["f1"] * support[lb] for lb in labels) / total if total else None
    macro = sum(per_label[lb]["f1"] for lb in labels) / len(labels) if labels else None
    return {"weighted_f1": weighted, "macro_f1": macro, "per_label": per_label}


def confusion(gold: Sequence[str], pred: Sequence[str]) -> dict[str, dict[str, int]]:
    """gold label -> predicted label -> count ('' = no prediction)."""
    matrix: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        row = matrix.setdefault(g or "", {})
        row[p or ""] = row.get(p or "", 0) + 1
    return matrix


def top_confusions(matrix: dict[str, dict[str, int]], n: int = 10) -> list[tuple[str, str, int]]:
    pairs = [(g, p, c) for g, row in matrix.items() for p, c in row.items() if g != p]
    return sorted(pairs, key=lambda x: (-x[2], x[0], x[1]))[:n]


def within(gold: int | None, pred: int | None, tolerance: float = 0.2) -> bool:
    """Whether pred is within ±tolerance of gold (gold 0 needs pred 0)."""
    if gold is None or pred is None:
        return False
    return abs(pred - gold) <= tolerance * gold


def fatality_scores(gold: Sequence[int | None], pred: Sequence[int | None]) -> dict[str, float | None]:
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g is not None]
    if not pairs:
        return {"exact": None, "within_20pct": None, "n": 0}
    exact = sum(1 for g, p in pairs if p is not None and p == g) / len(pairs)
    close = sum(1 for g, p in pairs if within(g, p)) / len(pairs)
    return {"exact": exact, "within_20pct": close, "n": len(pairs)}


def distance_stats(distances: Iterable[float]) -> dict[str, float | None]:
    values = sorted(distances)
    if not values:
        return {"n": 0, "median_km": None, "mean_km": None, "within_25km": None}
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    return {
        "n": len(values),
        "median_km": median,
        "mean_km": sum(values) / len(values),
        "within_25km": sum(v <= 25 for v in values) / len(values),
    }


def coverage(spans: Iterable[tuple[int, int]], start: int, end: int) -> int:
    """Characters of [start, end) covered by the spans (overlaps counted once)."""
    covered = 0
    cursor = start
    for a, b in sorted(spans):
        a, b = max(a, cursor), min(b, end)
        if b > a:
            covered += b - a
            cursor = b
    return covered
