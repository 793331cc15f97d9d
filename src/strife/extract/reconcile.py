"""The classifier's second stage: a small tree model over the linear scores and codebook cues.

The linear model scores each sub-event type from n-grams; some of ACLED's distinctions hinge
on a combination of facts ("attacked" + the targets are soldiers -> a battle; "burned houses" +
nobody hurt -> Looting/property destruction) that no sum of n-gram weights expresses. The
reconciler is gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) trained on
out-of-fold linear scores, yes/no cues (`data/cues_<lang>.yaml`) and the kinds of victim the parse
finds; several such models, each fitted on a bootstrap sample, are averaged. It only re-divides the
probability the linear model gives to the common sub-event types (those with enough training
rows to learn from), and only where the linear model's first choice is one of them: a rare type
it puts first keeps its place, so the rare types are not drowned out.

It is stored as plain arrays (every tree's nodes, flattened), never pickled, and evaluated
with numpy: all trees of all texts advance one level per step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from strife.extract.actors import VICTIM_KINDS
from strife.extract.lexicons import load_lexicon

# How the trees are stored beside the linear model in its .npz (no pickle).
RECONCILER_PREFIX = "stage2_"
RECONCILER_ARRAYS = ("feature", "threshold", "left", "right", "value", "roots", "baseline")
# Small trees, a fixed number of rounds.
GBM_PARAMS = {"learning_rate": 0.1, "max_iter": 100, "max_leaf_nodes": 7, "l2_regularization": 1.0,
              "early_stopping": False}
# The second stage averages this many tree models, each fitted on a seeded bootstrap sample of the
# rows: one model's trees reshape with any change of input, which moved held-out accuracy by ~0.003
# between retrains; the average is steadier (nested cross-validation on training rows: +0.001 to
# +0.003 world, +0.001 to +0.008 Mali, about +0.0025 on 2020 rows).
BAG_MEMBERS = 5


def load_cues(language: str = "en") -> dict[str, str]:
    """The named cue regexes of a language (English when it has no file of its own)."""
    return {str(k): str(v) for k, v in (load_lexicon("cues", language).get("cues") or {}).items()}


def compile_cues(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in patterns]


def cue_matrix(texts: list[str], compiled: list[re.Pattern[str]]) -> np.ndarray:
    """One row per text, one 0/1 column per cue."""
    out = np.zeros((len(texts), len(compiled)), dtype=np.float32)
    for i, text in enumerate(texts):
        for j, rx in enumerate(compiled):
            if rx.search(text):
                out[i, j] = 1.0
    return out


def victim_matrix(victims: list[frozenset[str]], kinds: list[str]) -> np.ndarray:
    """One row per text, one 0/1 column per kind of victim (`actors.patients`)."""
    out = np.zeros((len(victims), len(kinds)), dtype=np.float32)
    for i, found in enumerate(victims):
        for j, kind in enumerate(kinds):
            if kind in found:
                out[i, j] = 1.0
    return out


def fit_reconciler(
    margins: np.ndarray,
    texts: list[str],
    labels: list[str],
    classes: list[str],
    min_rows: int,
    seed: int = 0,
    victims: list[frozenset[str]] | None = None,
    weights: np.ndarray | None = None,
) -> dict[str, Any] | None:
    """Fit the second stage on out-of-fold `margins` (columns in `classes` order), the cues of
    `texts` and, when given, the kinds of victim the parse found in each (`actors.patients`);
    `weights`: how much each row counts (its chance of being drawn into each bootstrap sample).

    Only sub-event types with at least `min_rows` training rows are re-divided; None when
    fewer than two qualify (small training sets get no second stage)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    counts = {c: labels.count(c) for c in classes}
    common = [c for c in classes if counts[c] >= min_rows]
    if len(common) < 2:
        return None
    cues = load_cues()
    kinds = list(VICTIM_KINDS) if victims is not None else []
    parts = [margins.astype(np.float32), cue_matrix(texts, compile_cues(list(cues.values())))]
    if victims is not None:
        parts.append(victim_matrix(victims, kinds))
    x = np.hstack(parts)
    rows = np.where(np.array([label in common for label in labels]))[0]
    y = np.array(labels)
    rng = np.random.default_rng(seed)
    # Rows that count more (`weights`) are drawn into the bootstrap samples more often.
    chance = None if weights is None else weights[rows] / weights[rows].sum()
    models = []
    for member in range(BAG_MEMBERS):
        sample = rng.choice(rows, size=len(rows), replace=True, p=chance)
        if set(y[sample]) != set(common):  # a tiny training set can miss a type: use every row
            sample = rows
        models.append(HistGradientBoostingClassifier(random_state=seed + member, **GBM_PARAMS).fit(x[sample], y[sample]))
    return {"classes": [str(c) for c in models[0].classes_], "cues": cues, "victims": kinds, **export_members(models)}


def export_members(models: list[Any]) -> dict[str, Any]:
    """Several fitted tree models (the same classes and rounds) as one set of flat node arrays:
    node indices offset member by member, `roots` stacked, one `baseline` row per member."""
    parts = [export_trees(m) for m in models]
    if len({p["roots"].shape for p in parts}) != 1:
        raise ValueError("the members of a second stage need the same classes and number of rounds")
    offsets = np.cumsum([0] + [len(p["feature"]) for p in parts[:-1]])
    return {
        "feature": np.concatenate([p["feature"] for p in parts]),
        "threshold": np.concatenate([p["threshold"] for p in parts]),
        "left": np.concatenate([p["left"] + o for p, o in zip(parts, offsets, strict=True)]).astype(np.int32),
        "right": np.concatenate([p["right"] + o for p, o in zip(parts, offsets, strict=True)]).astype(np.int32),
        "value": np.concatenate([p["value"] for p in parts]),
        "roots": np.concatenate([p["roots"] + o for p, o in zip(parts, offsets, strict=True)]).astype(np.int32),
        "baseline": np.stack([p["baseline"] for p in parts]),
        "depth": max(p["depth"] for p in parts),
        "members": len(parts),
    }


def export_trees(model: Any) -> dict[str, Any]:
    """A fitted HistGradientBoostingClassifier as flat node arrays (no pickle)."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    offset = 0
    for iteration in model._predictors:  # one tree per class per boosting iteration
        row = []
        for tree in iteration:
            nodes = tree.nodes
            n = len(nodes)
            leaf = nodes["is_leaf"].astype(bool)
            own = np.arange(n) + offset
            feature.append(np.where(leaf, 0, nodes["feature_idx"]).astype(np.int32))
            threshold.append(nodes["num_threshold"].astype(np.float32))
            # a leaf points at itself, so walking a fixed number of steps stays on it
            left.append(np.where(leaf, own, nodes["left"] + offset).astype(np.int32))
            right.append(np.where(leaf, own, nodes["right"] + offset).astype(np.int32))
            value.append(np.where(leaf, nodes["value"], 0.0).astype(np.float32))
            row.append(offset)
            offset += n
        roots.append(row)
    baseline = np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1)
    if len(model.classes_) == 2:  # binary: one tree per iteration, the logit of the second class
        baseline = np.array([0.0, baseline[0]])
    return {
        "feature": np.concatenate(feature),
        "threshold": np.concatenate(threshold),
        "left": np.concatenate(left),
        "right": np.concatenate(right),
        "value": np.concatenate(value),
        "roots": np.array(roots, dtype=np.int32),
        "baseline": baseline,
        "depth": int(max(t.nodes["depth"].max() for it in model._predictors for t in it)),
    }


_CHUNK = 512


@dataclass
class Reconciler:
    """The exported second stage: re-divides the common types' probability among them."""

    classes: list[str]
    cues: dict[str, str]
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # (members x rounds, trees per round)
    baseline: np.ndarray  # (classes,), or (members, classes)
    depth: int
    victims: list[str] = field(default_factory=list)  # kinds of victim read (none in older models)
    members: int = 1  # tree models averaged (their rounds stacked in `roots`)

    def __post_init__(self) -> None:
        self._compiled = compile_cues(list(self.cues.values()))

    @classmethod
    def from_parts(cls, info: dict[str, Any], arrays: dict[str, np.ndarray]) -> Reconciler:
        return cls(
            classes=list(info["classes"]),
            cues=dict(info["cues"]),
            depth=int(info["depth"]),
            victims=list(info.get("victims") or []),
            members=int(info.get("members", 1)),
            **{k: arrays[f"{RECONCILER_PREFIX}{k}"] for k in RECONCILER_ARRAYS},
        )

    def raw_scores(self, x: np.ndarray) -> np.ndarray:
        """Summed tree outputs per member and class (each member's logits): (texts, members, classes)."""
        if x.shape[0] > _CHUNK:  # bounded memory: every text walks every tree at once
            return np.concatenate([self.raw_scores(x[i : i + _CHUNK]) for i in range(0, x.shape[0], _CHUNK)])
        n = x.shape[0]
        node = np.broadcast_to(self.roots.reshape(-1), (n, self.roots.size)).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.depth):
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(go_left, self.left[node], self.right[node])
        per_tree = self.value[node].reshape(n, self.members, -1, self.roots.shape[1])
        summed = per_tree.sum(axis=2)
        if summed.shape[2] == 1:  # binary model: one logit
            summed = np.concatenate([np.zeros_like(summed), summed], axis=2)
        return summed + self.baseline.reshape(self.members, -1)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities: each member's softmax, averaged."""
        logits = self.raw_scores(x)
        logits -= logits.max(axis=2, keepdims=True)
        exp = np.exp(logits)
        return (exp / exp.sum(axis=2, keepdims=True)).mean(axis=1)

    def adjust(
        self,
        probs: np.ndarray,
        margins: np.ndarray,
        texts: list[str],
        labels: list[str],
        victims: list[frozenset[str]] | None = None,
    ) -> np.ndarray:
        """The linear model's `probs`, where its top label is a common type, with the common
        types' share re-divided by the trees (a rare type the linear model puts first stays).
        `victims`, one set per text, is required when the trees read the kinds of victim."""
        columns = [labels.index(c) for c in self.classes]
        rows = np.where(np.isin(probs.argmax(axis=1), columns))[0]
        if len(rows) == 0:
            return probs
        parts = [margins[rows].astype(np.float32), cue_matrix([texts[i] for i in rows], self._compiled)]
        if self.victims:
            if victims is None or len(victims) != len(texts):
                raise ValueError("this second stage reads the kinds of victim: pass one set per text")
            parts.append(victim_matrix([victims[i] for i in rows], self.victims))
        x = np.hstack(parts)
        out = probs.copy()
        share = probs[np.ix_(rows, columns)].sum(axis=1, keepdims=True)
        out[np.ix_(rows, columns)] = share * self.probabilities(x)
        return out
