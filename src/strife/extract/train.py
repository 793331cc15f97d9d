"""Train the event-type classifier (and the country model) from ACLED exports (`strife train`).

The model is a TF-IDF (word 1-2 grams + character 2-5 grams) linear model over
ACLED's `notes`, predicting `sub_event_type` (the event type follows from the
taxonomy). It is saved without pickle: `classifier.npz` (idf weights, sparse
coefficients) + `classifier.json` (vocabularies, labels, settings), so the
shipped file is inert data. Users rebuild it from their own ACLED CSVs. The
same recipe, trained on the `country` column, gives `country.npz/json`: the
geo stage's prior for texts that name no place it can resolve.

Splits are deterministic so that evaluation can reproduce them:
- single-country files spanning several years: the latest year is held out
  (train on earlier years, test on the latest);
- files named in `hash_holdout` (default: acled-2022): a seeded hash of the
  event id holds out `holdout_fraction` of the rows;
- every other file is training data only.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from strife.extract.actors import parse_victims
from strife.extract.reconcile import RECONCILER_ARRAYS, RECONCILER_PREFIX, fit_reconciler
from strife.extract.taxonomy import Taxonomy

MODEL_DIR = Path(__file__).parent / "models"
# Another model folder (e.g. one trained with the held-out rows left out, for honest evaluation).
MODEL_DIR_ENV = "STRIFE_MODEL_DIR"


def model_dir() -> Path:
    """The folder the classifier loads from: $STRIFE_MODEL_DIR when set, else the shipped models."""
    return Path(os.environ.get(MODEL_DIR_ENV) or MODEL_DIR)
SPLIT_SEED = "strife-split-v1"
DEFAULT_HOLDOUT_FRACTION = 0.2
DEFAULT_HASH_HOLDOUT = ("acled-2022",)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass
class GoldFile:
    """One ACLED-column CSV with its split rule."""

    path: Path
    rows: list[dict[str, str]]
    rule: str = "train"  # "train" | "hash" | "latest-year"
    latest_year: int | None = None
    fraction: float = DEFAULT_HOLDOUT_FRACTION

    @property
    def name(self) -> str:
        return self.path.parent.name if self.path.name == "events.csv" else self.path.stem

    def is_heldout(self, row: dict[str, str]) -> bool:
        if self.rule == "latest-year":
            return _year(row) == self.latest_year
        if self.rule == "hash":
            return hashed_fraction(row.get("event_id_cnty") or row.get("notes") or "") < self.fraction
        return False

    def split(self, which: str) -> list[dict[str, str]]:
        """Rows of one split: "train", "heldout" or "all"."""
        if which == "all":
            return list(self.rows)
        want = which == "heldout"
        return [r for r in self.rows if self.is_heldout(r) == want]


def hashed_fraction(key: str) -> float:
    """A stable pseudo-random number in [0, 1) for a row key (seeded)."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{key}".encode()).hexdigest()
    return int(digest[:12], 16) / float(16**12)


def _year(row: dict[str, str]) -> int | None:
    value = (row.get("year") or row.get("event_date", "")[:4] or "").strip()
    try:
        return int(float(value))
    except ValueError:
        return None


def find_csvs(paths: Iterable[str | Path]) -> list[Path]:
    """CSV files under the given files/folders (folders searched recursively)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.csv") if p.is_file()))
        elif path.is_file() and path.suffix.lower() == ".csv":
            found.append(path)
    return found


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes: tells whether a gold file is one a model was trained on."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_gold(
    path: Path,
    *,
    hash_holdout: Iterable[str] = DEFAULT_HASH_HOLDOUT,
    fraction: float = DEFAULT_HOLDOUT_FRACTION,
) -> GoldFile:
    """Read one ACLED-column CSV and decide its split rule."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("notes") or "").strip()]
    gold = GoldFile(path=path, rows=rows, fraction=fraction)
    countries = {r.get("country") for r in rows}
    years = {y for y in (_year(r) for r in rows) if y}
    if any(tag in str(path) for tag in hash_holdout):
        gold.rule = "hash"
    elif len(countries) == 1 and len(years) > 1:
        gold.rule = "latest-year"
        gold.latest_year = max(years)
    return gold


_DIGITS = re.compile(r"\d")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*")


def normalize(text: str) -> str:
    """Text as the features see it: lower case, digits folded to 0."""
    return _DIGITS.sub("0", text.lower())


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    from strife.extract.lexicons import load_lexicon

    words: set[str] = set()
    for language in ("en", "fr"):
        dates = load_lexicon("dates", language)
        words.update(str(w).lower() for part in ("months", "weekdays") for w in dates.get(part) or {})
    return frozenset(words)


def proper_names(text: str) -> str:
    """The capitalised names of a text, lower-cased and joined by " | " ("haifa | bat galim square").

    Words that open a sentence and calendar words are left out: "Gunmen killed ..." and
    "On Monday" say nothing about where. The country model reads only these, so a report
    without names gets no country from it, however much its wording resembles one country's."""
    calendar = _calendar_words()
    names: list[str] = []
    for m in _NAME.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i].isspace():  # the last character before the name (no prefix copy)
            i -= 1
        if i < 0 or text[i] in ".!?":
            continue
        name = m.group(0).lower()
        if name not in calendar:
            names.append(name)
    return " | ".join(names)


NAME_TOKEN = r"[^|\s](?:[^|]*[^|\s])?"  # one whole name of the "names" view


def text_view(view: str) -> Callable[[str], str]:
    """How a model's features see a text: "text" (all of it) or "names" (its proper names)."""
    if view == "names":
        return lambda text: normalize(proper_names(text))
    return normalize


@dataclass
class TrainConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    word_min_df: int = 2
    char_min_df: int = 3
    max_word_features: int = 60000
    max_char_features: int = 120000
    C: float = 1.0
    class_weight: str | None = "balanced"
    prune: float = 1e-3  # coefficients smaller than this are dropped from the saved model
    view: str = "text"  # what the features read: "text" or "names" (see text_view)
    token_pattern: str = r"(?u)\b\w+\b|\[size="
    # The second stage (strife.extract.reconcile): trees over out-of-fold linear scores and
    # codebook cues, for the sub-event types with at least `reconcile_min_rows` rows.
    reconcile_folds: int = 5  # 0: no second stage
    reconcile_min_rows: int = 100
    # ... and reads who suffered the violence in each text (armed men or civilians, from the
    # dependency parse: `actors.patients`); training then parses every text once.
    reconcile_victims: bool = True
    # How much a row counts in the classifier's training, by its `country` (others: 1; empty, the
    # default: every row alike), for a user who codes one region (`strife train --focus`). Counting
    # the Sahel's rows three times did not hold up on held-out rows (BENCHMARKS.md, twelfth round).
    focus: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def weights(self, countries: list[str]) -> list[float] | None:
        """Each row's weight from its country, or None when the recipe counts every row alike."""
        if not self.focus:
            return None
        return [float(self.focus.get(country.strip(), 1.0)) for country in countries]


def _vectorizers(config: TrainConfig) -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(
        analyzer="word",
        ngram_range=config.word_ngrams,
        min_df=config.word_min_df,
        max_features=config.max_word_features,
        sublinear_tf=True,
        token_pattern=config.token_pattern,
        dtype=np.float32,
    )
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=config.char_ngrams,
        min_df=config.char_min_df,
        max_features=config.max_char_features,
        sublinear_tf=True,
        dtype=np.float32,
    )
    return word, char


def _fit_features(config: TrainConfig, viewed: list[str]) -> tuple[Any, Any, Any]:
    """Fit the word and character vectorizers on `viewed` texts: (features, word, char)."""
    from scipy.sparse import hstack

    word, char = _vectorizers(config)
    return hstack([word.fit_transform(viewed), char.fit_transform(viewed)]).tocsr(), word, char


def _linear_svm(config: TrainConfig) -> Any:
    """The linear SVM of the recipe, seeded so that a retrain reproduces the model."""
    from sklearn.svm import LinearSVC

    return LinearSVC(C=config.C, class_weight=config.class_weight, max_iter=3000, random_state=0)


def fit(
    texts: list[str], labels: list[str], config: TrainConfig | None = None, weights: list[float] | None = None
) -> dict[str, Any]:
    """Fit the classifier; returns the exportable parts (vocabularies, idf, coefficients).
    `weights`: how much each row counts (default: all alike)."""
    config = config or TrainConfig()
    w = None if weights is None else np.asarray(weights, dtype=np.float64)
    view = text_view(config.view)
    norm = [view(t) for t in texts]
    x, word, char = _fit_features(config, norm)
    # A linear SVM (balanced classes, so rare sub-event types count) beat logistic
    # regression on held-out rows; its margins become probabilities through a
    # softmax whose temperature is fitted on the training rows.
    rows = np.arange(len(labels))
    calibration = np.array([hashed_fraction(f"calibrate:{i}:{t[:80]}") < 0.1 for i, t in enumerate(texts)])
    model = _linear_svm(config)
    model.fit(x[rows[~calibration]], [labels[i] for i in rows[~calibration]], sample_weight=None if w is None else w[~calibration])
    classes = list(model.classes_)
    known = [i for i in rows[calibration] if labels[i] in classes]
    temperature = 1.0 if not known else _fit_temperature(model.decision_function(x[known]), [classes.index(labels[i]) for i in known])
    model = _linear_svm(config)
    model.fit(x, labels, sample_weight=w)
    reconciler = None
    if config.reconcile_folds > 1 and len(model.classes_) > 2:
        final_classes = [str(c) for c in model.classes_]
        oof = out_of_fold_margins(norm, labels, config, final_classes, w)
        victims = parse_victims(texts) if config.reconcile_victims else None
        reconciler = fit_reconciler(
            oof, texts, labels, final_classes, config.reconcile_min_rows, victims=victims, weights=w
        )
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # two classes: one margin, split symmetrically into two logits
        coef = np.vstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return {
        "config": config,
        "word_vocab": {k: int(v) for k, v in word.vocabulary_.items()},
        "char_vocab": {k: int(v) for k, v in char.vocabulary_.items()},
        "word_idf": word.idf_.astype(np.float32),
        "char_idf": char.idf_.astype(np.float32),
        "labels": [str(c) for c in model.classes_],
        "coef": coef.astype(np.float32),
        "intercept": intercept.astype(np.float32),
        "temperature": temperature,
        "reconciler": reconciler,
    }


def out_of_fold_margins(
    viewed: list[str], labels: list[str], config: TrainConfig, classes: list[str], weights: np.ndarray | None = None
) -> np.ndarray:
    """Each training row's linear scores from a model that did not see it (seeded folds).

    The second stage learns from these, so it sees scores as they are on new text, not the
    over-confident ones a model gives its own training rows."""
    from scipy.sparse import hstack

    folds = config.reconcile_folds
    fold = np.array([int(hashed_fraction(f"fold:{i}:{t[:80]}") * folds) for i, t in enumerate(viewed)])
    y = np.array(labels)
    out = np.full((len(viewed), len(classes)), -1.0, dtype=np.float32)  # a type a fold lacks: "not it"
    for k in range(folds):
        train_rows, test_rows = np.where(fold != k)[0], np.where(fold == k)[0]
        if len(test_rows) == 0 or len(set(y[train_rows])) < 3:
            continue
        x, word, char = _fit_features(config, [viewed[i] for i in train_rows])
        model = _linear_svm(config).fit(x, y[train_rows], sample_weight=None if weights is None else weights[train_rows])
        held = [viewed[i] for i in test_rows]
        margins = model.decision_function(hstack([word.transform(held), char.transform(held)]).tocsr())
        for j, label in enumerate(model.classes_):
            out[test_rows, classes.index(label)] = margins[:, j]
    return out


def _fit_temperature(margins: np.ndarray, gold: list[int]) -> float:
    """The softmax temperature that best fits the observed labels (grid search, log loss)."""
    if margins.ndim == 1:  # two classes
        margins = np.stack([-margins / 2, margins / 2], axis=1)
    best, best_loss = 1.0, float("inf")
    index = np.arange(len(gold))
    for temperature in (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0):
        logits = margins * temperature
        logits = logits - logits.max(axis=1, keepdims=True)
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        loss = float(-log_probs[index, gold].mean())
        if loss < best_loss:
            best, best_loss = temperature, loss
    return best


def save(
    parts: dict[str, Any], directory: Path = MODEL_DIR, meta: dict[str, Any] | None = None, name: str = "classifier"
) -> Path:
    """Write NAME.npz + NAME.json (no pickle) into `directory`."""
    from scipy.sparse import csr_matrix

    config: TrainConfig = parts["config"]
    directory.mkdir(parents=True, exist_ok=True)
    coef = parts["coef"].copy()
    coef[np.abs(coef) < config.prune] = 0.0
    sparse = csr_matrix(coef.astype(np.float32))
    arrays = {
        "word_idf": parts["word_idf"].astype(np.float16),
        "char_idf": parts["char_idf"].astype(np.float16),
        "coef_data": sparse.data.astype(np.float16),
        "coef_indices": sparse.indices.astype(np.int32),
        "coef_indptr": sparse.indptr.astype(np.int32),
        "coef_shape": np.array(sparse.shape, dtype=np.int64),
        "intercept": parts["intercept"].astype(np.float32),
    }
    reconciler = parts.get("reconciler")
    if reconciler:
        arrays.update({f"{RECONCILER_PREFIX}{k}": reconciler[k] for k in RECONCILER_ARRAYS})
    np.savez_compressed(directory / f"{name}.npz", **arrays)
    info = {
        "format": "strife-tfidf-linear-1",
        "labels": parts["labels"],
        "temperature": parts.get("temperature", 1.0),
        "word_ngrams": list(config.word_ngrams),
        "char_ngrams": list(config.char_ngrams),
        "view": config.view,
        "token_pattern": config.token_pattern,
        "word_vocab": parts["word_vocab"],
        "char_vocab": parts["char_vocab"],
        "training_data": "ACLED (acleddata.com) event notes; see README.md in this folder",
        **(meta or {}),
    }
    if reconciler:
        info["reconciler"] = {k: reconciler[k] for k in ("classes", "cues", "victims", "depth", "members")}
    (directory / f"{name}.json").write_text(json.dumps(info, ensure_ascii=False, separators=(",", ":")))
    return directory


def training_rows(
    paths: Iterable[str | Path], *, hash_holdout: Iterable[str] = DEFAULT_HASH_HOLDOUT, holdout: bool = True
) -> Iterator[tuple[GoldFile, dict[str, str]]]:
    """(file, row) for every training row of the given CSVs (every row when `holdout` is False)."""
    for path in find_csvs(paths):
        gold = read_gold(path, hash_holdout=hash_holdout)
        for row in gold.split("train" if holdout else "all"):
            yield gold, row


# The country model reads the same notes for the country they happen in: the geo stage's prior
# when the text names no place it can resolve ("unknown gunmen abducted a notable in Kouna").
# Many labels, so fewer features and heavier pruning keep it small.
COUNTRY_CONFIG = TrainConfig(
    char_ngrams=(3, 5), max_word_features=30000, max_char_features=60000, class_weight=None, prune=0.02,
    view="names", token_pattern=NAME_TOKEN, reconcile_folds=0, focus={},
)
# The admin1 model: the same recipe over the same names, labelled "country|admin1" (ADMIN1_SEPARATOR).
# A report that names only a village the gazetteer lacks ("in the village of Toye") still says,
# through its actors, communities and neighbouring places, which region it is in.
ADMIN1_CONFIG = COUNTRY_CONFIG
ADMIN1_SEPARATOR = "|"


def column_label(column: str) -> Callable[[dict[str, str]], str]:
    """A model's label read from one ACLED column, trimmed."""
    return lambda row: (row.get(column) or "").strip()


def admin1_label(row: dict[str, str]) -> str:
    """The admin1 model's label of a row: "Mali|Mopti"; empty when the row lacks either part."""
    country, admin1 = (row.get("country") or "").strip(), (row.get("admin1") or "").strip()
    return f"{country}{ADMIN1_SEPARATOR}{admin1}" if country and admin1 else ""


def train(
    paths: Iterable[str | Path],
    out: Path = MODEL_DIR,
    *,
    config: TrainConfig | None = None,
    hash_holdout: Iterable[str] = DEFAULT_HASH_HOLDOUT,
    holdout: bool = True,
    country: bool = True,
) -> dict[str, Any]:
    """Train on the training split of the given ACLED CSVs and save the model(s). Returns a summary.

    Three models: `classifier` (sub-event type) and, with `country`, `country` (the country an
    event's text is about) and `admin1` (its country and first-level admin unit); without
    `country` those two files in `out` are left as they are. With `holdout=False` every row is used (a production model): its scores on the held-out split are
    then not honest, and the metadata says so for `strife eval`."""
    taxonomy = Taxonomy.default()
    rows = list(training_rows(paths, hash_holdout=hash_holdout, holdout=holdout))
    digests = {str(p): file_digest(p) for p in sorted({gold.path for gold, _ in rows})}
    meta = {"file_sha256": sorted(digests.values()), "split_seed": SPLIT_SEED, "holdout": holdout}

    def fit_and_save(
        field_: str, label_of: Callable[[dict[str, str]], str], keep: Any, cfg: TrainConfig, name: str
    ) -> dict[str, Any]:
        texts: list[str] = []
        labels: list[str] = []
        countries: list[str] = []
        per_file: dict[str, int] = {}
        for gold, row in rows:
            label = label_of(row)
            if not keep(label):
                continue
            texts.append(row["notes"])
            labels.append(label)
            countries.append(row.get("country") or "")
            per_file[str(gold.path)] = per_file.get(str(gold.path), 0) + 1
        if len(set(labels)) < 2:
            raise ValueError(f"need labelled ACLED rows with at least two values of {field_} to train")
        parts = fit(texts, labels, cfg, weights=cfg.weights(countries))
        info = {**meta, "target": field_, "rows": len(texts), "files": per_file, "focus": cfg.focus}
        save(parts, out, info, name=name)
        stage2 = parts.get("reconciler")
        return {
            "rows": len(texts), "labels": len(parts["labels"]), "files": per_file,
            "second_stage": len(stage2["classes"]) if stage2 else 0,
        }

    summary = fit_and_save(
        "sub_event_type", column_label("sub_event_type"), lambda s: s in taxonomy.sub_event_types,
        config or TrainConfig(), "classifier",
    )
    summary["out"] = str(out)
    if not country:  # the classifier alone: the geo models already in `out` stay as they are
        return summary
    if len({(row.get("country") or "").strip() for _, row in rows} - {""}) > 1:
        summary["country"] = fit_and_save("country", column_label("country"), bool, COUNTRY_CONFIG, "country")
    else:  # one country (a single-country export): no country model, and no stale one left behind
        for suffix in ("json", "npz"):
            (Path(out) / f"country.{suffix}").unlink(missing_ok=True)
    if len({admin1_label(row) for _, row in rows} - {""}) > 1:
        summary["admin1"] = fit_and_save("admin1", admin1_label, bool, ADMIN1_CONFIG, "admin1")
    else:
        for suffix in ("json", "npz"):
            (Path(out) / f"admin1.{suffix}").unlink(missing_ok=True)
    return summary
