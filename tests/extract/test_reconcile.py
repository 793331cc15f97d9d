"""The second stage: exported trees score as scikit-learn does; only common first choices move."""

from __future__ import annotations

import numpy as np
import pytest

from strife.extract.classify import Classifier
from strife.extract.reconcile import Reconciler, compile_cues, cue_matrix, export_trees, load_cues
from strife.extract.train import TrainConfig, fit, save


@pytest.mark.parametrize("n_classes", [2, 4])
def test_exported_trees_reproduce_sklearn(n_classes: int) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(7)
    x = rng.normal(size=(400, 5)).astype(np.float32)
    codes = (x[:, 0] + x[:, 1] > 0).astype(int) + 2 * (x[:, 2] > 0.3).astype(int) * (n_classes > 2)
    y = np.array(["a", "b", "c", "d"])[codes]
    model = HistGradientBoostingClassifier(max_iter=20, max_leaf_nodes=7, random_state=0).fit(x, y)
    exported = export_trees(model)
    reconciler = Reconciler(classes=list(model.classes_), cues={}, **exported)
    assert np.allclose(reconciler.probabilities(x), model.predict_proba(x), atol=1e-5)


@pytest.mark.parametrize("n_classes", [2, 3])
def test_averaged_members_reproduce_the_mean_of_their_probabilities(n_classes: int) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from strife.extract.reconcile import export_members

    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 4)).astype(np.float32)
    codes = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int) * (n_classes > 2)
    y = np.array(["a", "b", "c"])[codes]
    models = [
        HistGradientBoostingClassifier(max_iter=15, max_leaf_nodes=5, early_stopping=False, random_state=s).fit(
            x[rows], y[rows])
        for s, rows in enumerate(rng.choice(300, size=(3, 300)))
    ]
    exported = export_members(models)
    reconciler = Reconciler(classes=list(models[0].classes_), cues={}, **exported)
    assert reconciler.members == 3
    expected = np.mean([m.predict_proba(x) for m in models], axis=0)
    assert np.allclose(reconciler.probabilities(x), expected, atol=1e-5)


def _two_class_reconciler() -> Reconciler:
    # One tree: feature 0 (the margin of "Attack") <= 0 -> favour "Armed clash", else "Attack".
    return Reconciler(
        classes=["Armed clash", "Attack"],
        cues={},
        feature=np.array([0, 0, 0], dtype=np.int32),
        threshold=np.array([0.0, 0.0, 0.0], dtype=np.float32),
        left=np.array([1, 1, 2], dtype=np.int32),
        right=np.array([2, 1, 2], dtype=np.int32),
        value=np.array([0.0, -3.0, 3.0], dtype=np.float32),
        roots=np.array([[0]], dtype=np.int32),
        baseline=np.array([0.0, 0.0]),
        depth=1,
    )


def test_adjust_redivides_the_common_share_and_keeps_a_rare_first_choice() -> None:
    labels = ["Armed clash", "Attack", "Sexual violence"]
    reconciler = _two_class_reconciler()
    probs = np.array([[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]])
    margins = np.array([[0.8, -0.5, -1.0], [-1.0, 0.9, 0.5]], dtype=np.float32)
    out = reconciler.adjust(probs, margins, ["text one", "text two"], labels)
    # first row: a common type first, so its 0.8 share is re-divided (the trees say Attack)
    assert out[0, 1] > out[0, 0] and abs(out[0, :2].sum() - 0.8) < 1e-6 and out[0, 2] == pytest.approx(0.2)
    # second row: a rare type first, untouched
    assert np.array_equal(out[1], probs[1])


def test_cue_lexicon_compiles_and_marks_hand_made_sentences() -> None:
    cues = load_cues()
    names = list(cues)
    assert {"killed", "property", "armed_target", "no_casualties"} <= set(names)
    flags = cue_matrix(
        ["Armed men torched the market; no casualties were reported.", "Gunmen ambushed a patrol, killing two soldiers."],
        compile_cues(list(cues.values())),
    )
    first, second = (dict(zip(names, row, strict=True)) for row in flags)
    assert first["property"] == 1 and first["no_casualties"] == 1 and first["killed"] == 0
    assert second["armed_target"] == 1 and second["killed"] == 1 and second["property"] == 0


def test_fit_save_load_with_a_second_stage(tmp_path) -> None:
    texts = [
        "Gunmen attacked soldiers at a checkpoint and the troops fought back.",
        "Militants clashed with the army near the river crossing.",
        "Rebels and government troops exchanged fire for hours.",
        "Gunmen attacked a village and shot dead four farmers.",
        "Armed men killed two traders on the market road.",
        "Assailants shot a teacher dead in front of his house.",
        "Armed men burned the granaries of the village; no casualties were reported.",
        "Raiders looted shops and torched houses, nobody was hurt.",
        "Cattle were stolen and huts set ablaze by armed men, no casualties.",
    ] * 6
    labels = (["Armed clash"] * 3 + ["Attack"] * 3 + ["Looting/property destruction"] * 3) * 6
    config = TrainConfig(word_min_df=1, char_min_df=1, reconcile_folds=3, reconcile_min_rows=5)
    parts = fit(texts, labels, config)
    assert parts["reconciler"] is not None
    save(parts, tmp_path)
    model = Classifier.load(tmp_path)
    assert model.reconciler is not None and model.reconciler.classes == sorted(set(labels))
    assert model.reads_victims and model.reconciler.victims == ["armed", "civilian"]
    probs = model.probabilities(["Armed men torched houses in the village, no casualties reported."])
    assert abs(float(probs.sum()) - 1.0) < 1e-5
    assert model.labels[int(probs.argmax())] == "Looting/property destruction"
    assert model.predict("Militants and the army clashed near the crossing.").sub_event_type == "Armed clash"


def test_small_training_sets_get_no_second_stage() -> None:
    texts = ["Protesters marched.", "Jets bombed a base.", "Gunmen killed a farmer."] * 4
    labels = ["Peaceful protest", "Air/drone strike", "Attack"] * 4
    parts = fit(texts, labels, TrainConfig(word_min_df=1, char_min_df=1))  # default: 100 rows a type
    assert parts["reconciler"] is None


def test_a_second_stage_that_reads_victims_needs_them() -> None:
    reconciler = _two_class_reconciler()
    reconciler.victims = ["armed", "civilian"]
    probs = np.array([[0.5, 0.5]])
    margins = np.array([[0.8, -0.5]], dtype=np.float32)
    with pytest.raises(ValueError, match="kinds of victim"):
        reconciler.adjust(probs, margins, ["text"], ["Armed clash", "Attack"])
    out = reconciler.adjust(probs, margins, ["text"], ["Armed clash", "Attack"], [frozenset({"armed"})])
    assert abs(float(out.sum()) - 1.0) < 1e-6


def test_victim_matrix_marks_each_kind() -> None:
    from strife.extract.reconcile import victim_matrix

    m = victim_matrix([frozenset({"armed"}), frozenset(), frozenset({"armed", "civilian"})], ["armed", "civilian"])
    assert m.tolist() == [[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]]
