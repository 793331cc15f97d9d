"""The shipped classifier loads from npz/json and predicts; rules work without it."""

from __future__ import annotations

import pytest

from strife.extract.classify import (
    Classifier,
    Prediction,
    _victim_type,
    _victims_may_decide,
    _weapon_may_decide,
    classify_by_rules,
    default_classifier,
)
from strife.extract.taxonomy import Taxonomy
from strife.extract.train import MODEL_DIR, fit, save


def test_rules_classify_without_a_model() -> None:
    prediction = classify_by_rules("Warplanes carried out an airstrike on a rebel camp.")
    assert prediction is not None
    assert prediction.sub_event_type == "Air/drone strike"
    assert prediction.event_type == "Explosions/Remote violence"
    assert prediction.method == "rules" and prediction.confidence <= 0.6
    assert classify_by_rules("A quiet day at the seaside.") is None


def test_a_named_weapon_settles_only_unsure_political_violence() -> None:
    taxonomy = Taxonomy.default()

    def call(sub: str, confidence: float) -> Prediction:
        return Prediction(taxonomy.event_type_of(sub), sub, confidence, confidence, "model")

    assert _weapon_may_decide(call("Armed clash", 0.5), taxonomy)
    assert not _weapon_may_decide(call("Armed clash", 0.9), taxonomy)
    # an arrest of bomb suspects or a protest near a blast stays what the model says
    assert not _weapon_may_decide(call("Arrests", 0.5), taxonomy)
    assert not _weapon_may_decide(call("Peaceful protest", 0.5), taxonomy)


def test_victims_settle_only_an_unsure_attack_or_battle() -> None:
    taxonomy = Taxonomy.default()

    def call(sub: str, confidence: float, rule: str | None = None) -> Prediction:
        return Prediction(taxonomy.event_type_of(sub), sub, confidence, confidence, "model", rule)

    assert _victims_may_decide(call("Attack", 0.55), taxonomy)
    assert _victims_may_decide(call("Armed clash", 0.55), taxonomy)
    assert not _victims_may_decide(call("Attack", 0.95), taxonomy)
    assert not _victims_may_decide(call("Air/drone strike", 0.55), taxonomy)
    assert not _victims_may_decide(call("Armed clash", 0.55, "weapon named in the text: Grenade"), taxonomy)
    assert _victim_type(frozenset({"armed"}), taxonomy) == "Armed clash"
    assert _victim_type(frozenset({"civilian"}), taxonomy) == "Attack"
    assert _victim_type(frozenset({"armed", "civilian"}), taxonomy) is None  # both: the model decides
    assert _victim_type(frozenset(), taxonomy) is None


def test_victims_decide_an_unsure_model(tmp_path) -> None:
    from strife.extract.train import TrainConfig

    # the same words under both labels: the model cannot tell, its call is unsure
    texts = ["Gunmen opened fire in the district.", "Gunmen opened fire in the district!"] * 6
    labels = ["Attack", "Armed clash"] * 6
    save(fit(texts, labels, TrainConfig(word_min_df=1, char_min_df=1, reconcile_folds=0)), tmp_path)
    model = Classifier.load(tmp_path)
    text = "Gunmen opened fire in the district."
    assert model.predict(text).type_confidence < 0.7
    armed = model.predict_many([text], victims=[frozenset({"armed"})])[0]
    civilian = model.predict_many([text], victims=[frozenset({"civilian"})])[0]
    assert (armed.sub_event_type, civilian.sub_event_type) == ("Armed clash", "Attack")
    assert armed.rule is not None and "armed" in armed.rule
    # ground retaken: the village is no victim, the model decides
    retaken = "Gunmen opened fire in the district and recaptured the village."
    assert model.predict_many([retaken], victims=[frozenset({"civilian"})])[0].rule is None
    # no victims given: the texts are parsed here
    soldiers, farmers = model.predict_many([
        "Gunmen opened fire in the district and killed three soldiers.",
        "Gunmen opened fire in the district and killed three farmers.",
    ])
    assert (soldiers.sub_event_type, farmers.sub_event_type) == ("Armed clash", "Attack")


def test_a_sure_battle_call_on_civilians_alone_is_an_attack(tmp_path) -> None:
    from strife.extract.train import TrainConfig

    # a model sure that whatever gunmen do is a battle
    texts = ["Gunmen attacked a convoy.", "Gunmen raided the area.", "Residents marched for water."] * 6
    labels = ["Armed clash", "Armed clash", "Peaceful protest"] * 6
    save(fit(texts, labels, TrainConfig(word_min_df=1, char_min_df=1, reconcile_folds=0)), tmp_path)
    model = Classifier.load(tmp_path)
    taxonomy = Taxonomy.default()
    one_sided = "Gunmen attacked a convoy of traders."
    assert model.predict(one_sided).type_confidence >= 0.7  # sure: only this rule can move it
    civilians = model.predict_many([one_sided], victims=[frozenset({"civilian"})])[0]
    assert civilians.sub_event_type == "Attack" and "civilians" in (civilians.rule or "")
    # fighting in the text, armed victims, or both kinds: the battle call stands
    fought = "Gunmen attacked a convoy of traders and a firefight broke out."
    for text, kinds in ((fought, {"civilian"}), (one_sided, {"armed"}), (one_sided, {"armed", "civilian"})):
        assert model.predict_many([text], victims=[frozenset(kinds)])[0].sub_event_type == "Armed clash"
    assert taxonomy.cue("one_sided_unless_cues", "they shelled army positions near the front line")
    # ground retaken: the village is no victim, the battle call stands
    retaken = "Gunmen recaptured the village."
    assert model.predict_many([retaken], victims=[frozenset({"civilian"})])[0].sub_event_type == "Armed clash"
    # property burnt with nobody hurt and no one targeted: Looting/property destruction
    burnt = "Gunmen raided the area and burned two trucks."
    assert model.predict_many([burnt], victims=[frozenset()])[0].sub_event_type == "Looting/property destruction"
    assert model.predict_many([burnt], victims=[frozenset({"armed"})])[0].sub_event_type == "Armed clash"
    assert model.predict_many([burnt], victims=[frozenset({"civilian"})])[0].sub_event_type == "Attack"
    hurt = "Gunmen raided the area, burned two trucks and wounded a driver."
    assert model.predict_many([hurt], victims=[frozenset()])[0].sub_event_type == "Armed clash"


@pytest.mark.skipif(not (MODEL_DIR / "classifier.json").exists(), reason="no shipped model")
def test_shipped_model_loads_and_predicts() -> None:
    model = default_classifier()
    assert model is not None
    taxonomy = Taxonomy.default()
    prediction = model.predict("Hundreds of teachers marched peacefully to the ministry to demand unpaid salaries.")
    assert prediction.event_type == "Protests"
    assert prediction.sub_event_type in taxonomy.subs_of("Protests")
    assert 0.0 <= prediction.confidence <= 1.0
    probs = model.probabilities(["A drone strike hit a militant hideout, killing four fighters."])
    assert abs(float(probs.sum()) - 1.0) < 1e-3


def test_train_save_load_round_trip(tmp_path) -> None:
    texts = [
        "Villagers marched to the town hall to demand clean water.",
        "Students rallied peacefully outside the university gates.",
        "Workers held a sit-in to protest unpaid wages.",
        "An airstrike hit a rebel base and destroyed vehicles.",
        "Jets bombed positions held by the insurgents.",
        "A drone strike killed two commanders in their car.",
    ] * 3
    labels = (["Peaceful protest"] * 3 + ["Air/drone strike"] * 3) * 3
    from strife.extract.train import TrainConfig

    parts = fit(texts, labels, TrainConfig(word_min_df=1, char_min_df=1))
    save(parts, tmp_path)
    assert not any(p.suffix in (".pkl", ".pickle", ".joblib") for p in tmp_path.iterdir())
    model = Classifier.load(tmp_path)
    assert model.predict("Residents rallied to demand water.").sub_event_type == "Peaceful protest"
    assert model.predict("Jets carried out an airstrike on the base.").sub_event_type == "Air/drone strike"


def test_proper_names_skip_sentence_openers_and_calendar_words() -> None:
    from strife.extract.train import proper_names

    text = "Gunmen attacked Kpalbe on Monday. Police in North Darfur said the Rapid Support Forces fled in March."
    assert proper_names(text) == "kpalbe | north darfur | rapid support forces"
    assert proper_names("unknown gunmen attacked a village on Tuesday.") == ""


def test_names_view_model_reads_only_names(tmp_path) -> None:
    from strife.extract.train import NAME_TOKEN, TrainConfig

    texts = [
        "Protesters gathered in Oslo and Bergen against the fuel tax.",
        "Gunmen attacked a bus near Trondheim, police in Bergen said.",
        "Riots broke out in Lagos and Ibadan over the fuel tax.",
        "Gunmen attacked a bus near Kaduna, police in Ibadan said.",
    ] * 3
    labels = ["Norway", "Norway", "Nigeria", "Nigeria"] * 3
    config = TrainConfig(word_min_df=1, char_min_df=1, view="names", token_pattern=NAME_TOKEN, class_weight=None)
    save(fit(texts, labels, config), tmp_path, name="country")
    model = Classifier.load(tmp_path, "country")
    margins = model.margins(["Gunmen attacked a bus near Kaduna.", "Gunmen attacked a bus near Trondheim."])
    assert [model.labels[int(i)] for i in margins.argmax(axis=1)] == ["Nigeria", "Norway"]
    # the same words without a name: the model sees nothing but its intercepts
    blank = model.margins(["gunmen attacked a bus near the town."])
    assert abs(float(blank[0][0] - model._intercept[0])) < 1e-6


def test_admin1_label_joins_country_and_unit() -> None:
    from strife.extract.train import admin1_label

    assert admin1_label({"country": "Mali", "admin1": " Mopti "}) == "Mali|Mopti"
    assert admin1_label({"country": "Mali", "admin1": ""}) == ""
    assert admin1_label({"admin1": "Mopti"}) == ""


def test_rows_that_count_more_pull_the_model_their_way(tmp_path) -> None:
    from strife.extract.train import TrainConfig

    # One wording coded two ways: three rows say Attack, one says Armed clash.
    texts = ["Gunmen attacked the army post at dawn."] * 4 + ["Students marched to the town hall."] * 4
    labels = ["Armed clash"] + ["Attack"] * 3 + ["Peaceful protest"] * 4
    config = TrainConfig(word_min_df=1, char_min_df=1, reconcile_folds=0, class_weight=None, focus={})
    calls = {}
    for name, weights in (("alike", None), ("weighted", [9.0] + [1.0] * 7)):
        save(fit(texts, labels, config, weights=weights), tmp_path / name)
        calls[name] = Classifier.load(tmp_path / name).predict(texts[0]).sub_event_type
    assert calls == {"alike": "Attack", "weighted": "Armed clash"}


def test_focus_weights_rows_by_country_and_only_in_the_classifier() -> None:
    from strife.extract.train import COUNTRY_CONFIG, TrainConfig

    config = TrainConfig(focus={"Mali": 3.0})
    assert config.weights(["Mali", " Mali ", "Kenya", ""]) == [3.0, 3.0, 1.0, 1.0]
    assert TrainConfig(focus={}).weights(["Mali"]) is None
    # The geo priors must not lean towards the focus countries.
    assert COUNTRY_CONFIG.weights(["Mali", "Kenya"]) is None


def test_ground_taken_with_civilians_harmed_and_no_fight_is_an_attack() -> None:
    from strife.extract.classify import _by_victims

    taxonomy = Taxonomy.default()
    other = Prediction("Strategic developments", "Other", 0.4, 0.4, "model")
    text = "Militiamen stormed the displacement camp near Dunfield and took control of it, killing 60 residents."
    assert _by_victims(other, text, frozenset({"civilian"}), taxonomy)[0] == "Attack"
    # armed victims, or a fight told: the territory rules decide, not this one
    assert _by_victims(other, text, frozenset({"armed"}), taxonomy) is None
    fought = text.replace("killing", "after a fierce clash with the guards, killing")
    assert _by_victims(other, fought, frozenset({"civilian"}), taxonomy) is None
