"""Event-type classification: trained linear model when present, trigger rules otherwise.

The model files (models/classifier.npz + classifier.json, written by
`strife train`) hold TF-IDF vocabularies, idf weights and sparse linear
coefficients; they are loaded as plain arrays (no pickle). When a fine-tuned
transformer sits beside them (encoder.*, `strife train-encoder`), its
probabilities are blended in after the second stage (strife.extract.encoder). The event type is
chosen by summing sub-event-type probabilities per type, then the best
sub-event type within it, so the pair always agrees with the taxonomy.
ACLED's precedence rules (taxonomy.yaml) are applied last.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from strife.extract.actors import parse_victims
from strife.extract.encoder import TextEncoder, load_for
from strife.extract.reconcile import Reconciler
from strife.extract.taxonomy import Taxonomy
from strife.extract.train import MODEL_DIR, TrainConfig, model_dir, text_view

log = logging.getLogger(__name__)


@dataclass
class Prediction:
    event_type: str
    sub_event_type: str
    confidence: float  # of the sub-event type
    type_confidence: float
    method: str  # "model" | "rules"
    rule: str | None = None  # precedence rule applied, if any
    scores: dict[str, float] = field(default_factory=dict)
    # The linear model's best one-vs-rest score: below 0, no event type claims the text (None: rules).
    margin: float | None = None
    # The label the classifier's own probabilities put first, before the encoder's are blended in
    # (None: rules); a residual call there is as weak as one after.
    own_label: str | None = None


class Classifier:
    """TF-IDF + linear model over event text, exported without pickle."""

    def __init__(self, info: dict, arrays: dict[str, np.ndarray]) -> None:
        from scipy.sparse import csr_matrix
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.labels: list[str] = list(info["labels"])
        self.temperature = float(info.get("temperature", 1.0))
        self._view = text_view(str(info.get("view", "text")))
        word = TfidfVectorizer(
            analyzer="word",
            ngram_range=tuple(info["word_ngrams"]),
            token_pattern=info.get("token_pattern") or TrainConfig.token_pattern,
            sublinear_tf=True,
            vocabulary=info["word_vocab"],
            dtype=np.float32,
        )
        char = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(info["char_ngrams"]),
            sublinear_tf=True,
            vocabulary=info["char_vocab"],
            dtype=np.float32,
        )
        word.idf_ = arrays["word_idf"].astype(np.float32)
        char.idf_ = arrays["char_idf"].astype(np.float32)
        self._word, self._char = word, char
        shape = tuple(int(x) for x in arrays["coef_shape"])
        coef = csr_matrix(
            (arrays["coef_data"].astype(np.float32), arrays["coef_indices"], arrays["coef_indptr"]), shape=shape
        )
        self._coef_t = coef.T.tocsr()
        self._intercept = arrays["intercept"].astype(np.float32)
        stage2 = info.get("reconciler")
        self.reconciler = Reconciler.from_parts(stage2, arrays) if stage2 else None
        # The fine-tuned transformer's opinion, blended in when its files sit beside this model.
        self.encoder: TextEncoder | None = None

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, name: str = "classifier") -> Classifier:
        info = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        if info.get("format") != "strife-tfidf-linear-1":
            raise ValueError(f"unknown classifier format {info.get('format')!r} in {directory}")
        with np.load(directory / f"{name}.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        classifier = cls(info, arrays)
        try:
            classifier.encoder = load_for(directory, name)
        except (OSError, ValueError, KeyError) as exc:
            log.warning("encoder beside %s not loaded (%s); the classifier decides alone", name, exc)
        return classifier

    def view(self, texts: list[str]) -> list[str]:
        """The texts as the model's features read them (all the text, or only its names)."""
        return [self._view(t) for t in texts]

    def margins(self, texts: list[str]) -> np.ndarray:
        """The linear model's raw scores, one row per text and one column per label."""
        return self.margins_of_view(self.view(texts))

    def margins_of_view(self, viewed: list[str]) -> np.ndarray:
        """`margins` for texts already passed through `view`."""
        from scipy.sparse import hstack

        x = hstack([self._word.transform(viewed), self._char.transform(viewed)]).tocsr()
        return np.asarray((x @ self._coef_t).todense()) + self._intercept

    @property
    def reads_victims(self) -> bool:
        """Whether the second stage reads the kinds of victim in each text (`actors.patients`)."""
        return self.reconciler is not None and bool(self.reconciler.victims)

    def probabilities(
        self, texts: list[str], victims: list[frozenset[str]] | None = None, margins: np.ndarray | None = None
    ) -> np.ndarray:
        """Per-label probabilities: the linear scores through a softmax, re-divided among the
        common sub-event types by the second stage when the model has one, then blended with the
        encoder's when one sits beside the model. `victims`: the kinds
        of victim in each text, from the caller's parse (else the texts are parsed here);
        `margins`: the texts' linear scores when the caller has them already."""
        return self._with_encoder(texts, self.own_probabilities(texts, victims, margins))

    def own_probabilities(
        self, texts: list[str], victims: list[frozenset[str]] | None = None, margins: np.ndarray | None = None
    ) -> np.ndarray:
        """`probabilities` without the encoder: the linear model and its second stage."""
        if margins is None:
            margins = self.margins(texts)
        logits = margins * self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs = exp / exp.sum(axis=1, keepdims=True)
        if self.reconciler is not None:
            if self.reads_victims and victims is None:
                victims = parse_victims(texts)
            probs = self.reconciler.adjust(probs, margins, texts, self.labels, victims)
        return probs

    def _with_encoder(self, texts: list[str], probs: np.ndarray) -> np.ndarray:
        """`probs` with the encoder's probabilities blended in, label by label, at its share (a
        label only one model knows gets nothing from the other); `probs` itself without encoder."""
        encoder = self.encoder
        if encoder is None or encoder.blend <= 0:
            return probs
        other = encoder.probabilities(texts)
        mixed = (1.0 - encoder.blend) * probs
        column = {label: i for i, label in enumerate(encoder.labels)}
        for j, label in enumerate(self.labels):
            if label in column:
                mixed[:, j] += encoder.blend * other[:, column[label]]
        return mixed / np.maximum(mixed.sum(axis=1, keepdims=True), 1e-12)

    def predict(self, text: str, taxonomy: Taxonomy | None = None) -> Prediction:
        return self.predict_many([text], taxonomy)[0]

    def predict_many(
        self, texts: list[str], taxonomy: Taxonomy | None = None, victims: list[frozenset[str]] | None = None
    ) -> list[Prediction]:
        """Predictions for event texts. `victims`: the kinds of victim (`actors.patients`) the
        caller's parse found in each text; without them the texts that need them are parsed here."""
        taxonomy = taxonomy or Taxonomy.default()
        if not texts:
            return []
        if victims is None and self.reads_victims:
            victims = parse_victims(texts)
        out: list[Prediction] = []
        all_scores: list[dict[str, float]] = []
        margins = self.margins(texts)
        own = self.own_probabilities(texts, victims, margins)
        probabilities = self._with_encoder(texts, own)
        for text, probs in zip(texts, probabilities, strict=True):
            scores = {label: float(p) for label, p in zip(self.labels, probs, strict=True)}
            prediction = _decide(scores, text, taxonomy, "model")
            weapon = _named_weapon(text, taxonomy) if _weapon_may_decide(prediction, taxonomy) else None
            if weapon is not None and weapon != prediction.sub_event_type:
                prediction = _decide({**scores, weapon: 1.0}, text, taxonomy, "model")
                prediction.confidence = prediction.type_confidence = 0.6
                prediction.rule = f"weapon named in the text: {weapon}"
            out.append(prediction)
            all_scores.append(scores)
        pending = [i for i, p in enumerate(out) if _victims_may_matter(p, texts[i], taxonomy)]
        if pending and victims is None:
            parsed = parse_victims([texts[i] for i in pending])
            victims = [frozenset()] * len(texts)
            for i, found in zip(pending, parsed, strict=True):
                victims[i] = found
        for i in pending:
            decided = _by_victims(out[i], texts[i], victims[i] if victims is not None else frozenset(), taxonomy)
            if decided is not None and decided[0] != out[i].sub_event_type:
                out[i] = _decide({**all_scores[i], decided[0]: 1.0}, texts[i], taxonomy, "model")
                out[i].confidence = out[i].type_confidence = 0.6
                out[i].rule = decided[1]
        for prediction, best, first in zip(out, margins.max(axis=1), own.argmax(axis=1), strict=True):
            prediction.margin = round(float(best), 4)
            prediction.own_label = self.labels[int(first)]
        return out


def _weapon_may_decide(prediction: Prediction, taxonomy: Taxonomy) -> bool:
    """A named weapon settles only an unsure call among the kinds of political violence: a
    protest, a riot or a strategic development that mentions a bomb stays what the model says
    (an arrest of bomb suspects, explosives found, a premature detonation)."""
    below = float(taxonomy.precedence.get("specific_weapon_below", 0.0))
    violent = taxonomy.disorder_type_of(prediction.sub_event_type) == "Political violence"
    return prediction.type_confidence < below and violent


def _victims_may_decide(prediction: Prediction, taxonomy: Taxonomy) -> bool:
    """Who suffered the violence settles only an unsure call between an attack on civilians and
    a battle, and one no other rule has settled."""
    below = float(taxonomy.precedence.get("victim_decides_below", 0.0))
    kinds = taxonomy.precedence.get("victim_types") or {}
    return prediction.rule is None and prediction.type_confidence < below and \
        prediction.sub_event_type in set(kinds.values())


def _one_sided_may_decide(prediction: Prediction, text: str, taxonomy: Taxonomy) -> bool:
    """A battle call, however sure, on a text that tells of no fighting: its victims may make it
    an Attack (ACLED: a battle has two armed sides; `one_sided_unless_cues`)."""
    return prediction.rule is None and prediction.sub_event_type == "Armed clash" and \
        not taxonomy.battle(text) and not taxonomy.cue("one_sided_unless_cues", text)


def _victims_may_matter(prediction: Prediction, text: str, taxonomy: Taxonomy) -> bool:
    """Whether `_by_victims` may change this call (so the text's victims are worth a parse)."""
    return _victims_may_decide(prediction, taxonomy) or _one_sided_may_decide(prediction, text, taxonomy) or \
        (prediction.rule is None and taxonomy.property_destroyed(prediction.sub_event_type, text)) or \
        _taking_may_decide(prediction, text, taxonomy)


def _taking_may_decide(prediction: Prediction, text: str, taxonomy: Taxonomy) -> bool:
    """A residual "Other" call on ground taken with people harmed and no fight told: its victims may
    make it an Attack."""
    return prediction.rule is None and prediction.sub_event_type == "Other" and taxonomy.one_sided_taking(text)


def _by_victims(
    prediction: Prediction, text: str, victims: frozenset[str], taxonomy: Taxonomy
) -> tuple[str, str] | None:
    """(sub-event type, rule) that the kinds of victim make of a call, or None to keep it: property
    destroyed with no one targeted is Looting/property destruction; a sure battle call on civilians
    alone, with no fighting told, is an Attack; an unsure attack-or-battle call goes by its victims
    when they are of one kind. Ground taken or retaken is a battle's outcome (the village
    "recaptured" is no victim): the model decides."""
    if _taking_may_decide(prediction, text, taxonomy) and _victim_type(victims, taxonomy) == "Attack":
        return "Attack", "ground taken, civilians harmed and no fight told: an Attack"
    if prediction.rule is not None or taxonomy.cue("territory_cues", text):
        return None
    if not victims and taxonomy.property_destroyed(prediction.sub_event_type, text):
        return "Looting/property destruction", "property destroyed, nobody hurt or targeted"
    decided = _victim_type(victims, taxonomy)
    if decided is None:
        return None
    if not _victims_may_decide(prediction, taxonomy) and \
            not (decided == "Attack" and _one_sided_may_decide(prediction, text, taxonomy)):
        return None
    return decided, f"the victims are {'armed' if decided == 'Armed clash' else 'civilians'}: {decided}"


def _victim_type(victims: frozenset[str], taxonomy: Taxonomy) -> str | None:
    """The sub-event type the victims make it, when the parse found victims of one kind only."""
    kinds = taxonomy.precedence.get("victim_types") or {}
    return kinds.get(next(iter(victims))) if len(victims) == 1 else None


def _named_weapon(text: str, taxonomy: Taxonomy) -> str | None:
    """The one remote weapon type the text names, when it names exactly one and no battle."""
    if taxonomy.battle(text):
        return None
    hits = taxonomy.trigger_scores(text)
    named = [s for s in taxonomy.precedence.get("specific_weapons") or [] if hits.get(s)]
    return named[0] if len(named) == 1 else None


def _decide(scores: dict[str, float], text: str, taxonomy: Taxonomy, method: str) -> Prediction:
    by_type: dict[str, float] = {}
    for label, p in scores.items():
        if label in taxonomy.sub_event_types:
            by_type[taxonomy.event_type_of(label)] = by_type.get(taxonomy.event_type_of(label), 0.0) + p
    event_type = max(by_type, key=by_type.__getitem__)
    sub = max(taxonomy.subs_of(event_type), key=lambda s: scores.get(s, 0.0))
    final, rule = taxonomy.apply_precedence(sub, text)
    confidence = scores.get(sub, 0.0)
    if final != sub:
        confidence = min(confidence, 0.7)
    return Prediction(
        event_type=taxonomy.event_type_of(final),
        sub_event_type=final,
        confidence=round(confidence, 4),
        type_confidence=round(by_type[event_type], 4),
        method=method,
        rule=rule,
        scores=scores,
    )


def classify_by_rules(text: str, taxonomy: Taxonomy | None = None) -> Prediction | None:
    """Trigger-lexicon classification (no model): the sub-event type with most trigger hits."""
    taxonomy = taxonomy or Taxonomy.default()
    hits = taxonomy.trigger_scores(text)
    if not hits:
        return None
    total = float(sum(hits.values()))
    # Specific triggers beat generic ones: weight by rarity of the type in the lexicon order.
    scores = {label: n / total for label, n in hits.items()}
    prediction = _decide(scores, text, taxonomy, "rules")
    prediction.confidence = round(min(prediction.confidence, 0.6), 4)
    prediction.type_confidence = round(min(prediction.type_confidence, 0.6), 4)
    return prediction


def load_optional(name: str, fallback: str) -> Classifier | None:
    """Model NAME from the model folder, or None when its files are missing or unreadable
    (`fallback` says in the warning what strife does instead)."""
    directory = model_dir()
    if not (directory / f"{name}.json").exists():
        return None
    try:
        return Classifier.load(directory, name)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("%s model not loaded (%s); %s", name, exc, fallback)
        return None


@lru_cache(maxsize=1)
def default_classifier() -> Classifier | None:
    """The shipped (or user-trained) model, or None when no model file is present."""
    return load_optional("classifier", "using trigger rules")


def classify(
    texts: list[str], taxonomy: Taxonomy | None = None, victims: list[frozenset[str]] | None = None
) -> list[Prediction | None]:
    """Classify event texts with the model, or the trigger rules when no model is present.
    `victims`: each text's victim kinds from the caller's parse (`actors.patients`)."""
    taxonomy = taxonomy or Taxonomy.default()
    model = default_classifier()
    if model is not None:
        return list(model.predict_many(texts, taxonomy, victims))
    return [classify_by_rules(t, taxonomy) for t in texts]
