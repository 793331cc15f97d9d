"""The harness scores a file the classifier never saw in full, whatever its name."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from strife.eval.harness import evaluate
from strife.extract import classify
from strife.extract.train import MODEL_DIR_ENV, train
from strife.geo import prior

COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "country", "notes", "fatalities"]
ROWS = [
    ("Peaceful protest", "Protests", "On 3 March 2024, teachers marched peacefully in Dunfield to demand higher pay."),
    ("Armed clash", "Battles", "On 4 March 2024, soldiers clashed with rebels near Dunfield; two rebels were killed."),
    ("Peaceful protest", "Protests", "On 5 March 2024, nurses held a sit-in outside the hospital in Marrowby."),
    ("Armed clash", "Battles", "On 6 March 2024, militants fought the army near Marrowby; three soldiers were killed."),
]


def _write(path: Path, years: tuple[int, ...]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n, year in enumerate(years):
            sub, kind, note = ROWS[n % len(ROWS)]
            writer.writerow([f"XXX{n}", f"{year}-03-0{3 + n % 4}", year, kind, sub, "", "Freedonia", note, 0])
    return path


@pytest.fixture()
def model_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # a single-country file over two years: training holds out its latest year
    trained = _write(tmp_path / "train" / "events.csv", (2023,) * 8 + (2024,) * 4)
    out = tmp_path / "model"
    train([trained], out)
    monkeypatch.setenv(MODEL_DIR_ENV, str(out))
    classify.default_classifier.cache_clear()
    prior.country_model.cache_clear()
    yield trained
    classify.default_classifier.cache_clear()
    prior.country_model.cache_clear()


def test_training_file_is_split_and_an_unseen_file_is_scored_whole(model_dir: Path, tmp_path: Path) -> None:
    unseen = _write(tmp_path / "unseen" / "events.csv", (2023,) * 4 + (2024,) * 4)
    result = evaluate([model_dir, unseen], geo=False, show_progress=False)
    by_file = {Path(r["path"]).parent.name if "path" in r else r["dataset"]: r for r in result["reports"]}
    seen_report = by_file["train"]
    unseen_report = by_file["unseen"]
    assert seen_report["seen_in_training"] is True
    assert seen_report["rows"] == 4  # only the held-out latest year
    assert unseen_report["seen_in_training"] is False
    assert unseen_report["rows"] == 8  # every row: the model never saw this file
    assert result["model"]["holdout"] is True


def test_train_writes_a_country_model_when_the_data_has_several_countries(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from strife.cli import app
    from strife.extract.classify import Classifier

    path = _write(tmp_path / "two" / "events.csv", (2023,) * 12)
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    country = COLUMNS.index("country")
    for row in rows[1:]:
        row[country] = "Freedonia" if "Dunfield" in row[COLUMNS.index("notes")] else "Sylvania"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    out = tmp_path / "model"
    result = CliRunner().invoke(app, ["train", str(path), "--out", str(out), "--focus", "Sylvania=2"])
    assert result.exit_code == 0, result.output
    assert "country model" in result.output
    # the focus weighs the classifier's rows and is recorded there; the country model counts rows alike
    assert json.loads((out / "classifier.json").read_text(encoding="utf-8"))["focus"] == {"Sylvania": 2.0}
    assert json.loads((out / "country.json").read_text(encoding="utf-8"))["focus"] == {}
    model = Classifier.load(out, "country")
    assert sorted(model.labels) == ["Freedonia", "Sylvania"]
    margins = model.margins(["Police dispersed a march in Marrowby."])
    assert model.labels[int(margins.argmax())] == "Sylvania"


def test_an_encoder_beside_the_classifier_counts_in_what_the_model_has_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strife.eval.harness import model_info

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "classifier.json").write_text(json.dumps({"holdout": True, "file_sha256": ["aa"]}), encoding="utf-8")
    monkeypatch.setenv(MODEL_DIR_ENV, str(folder))
    assert model_info()["holdout"] is True
    (folder / "encoder.json").write_text(json.dumps({"holdout": False, "file_sha256": ["bb"], "blend": 0.5}),
                                         encoding="utf-8")
    info = model_info()
    assert info["holdout"] is False
    assert info["file_sha256"] == ["aa", "bb"]
    assert info["encoder"]["blend"] == 0.5
