"""The numpy transformer: weight storage, batching, truncation, and the shipped model on
hand-made sentences."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

from strife.extract.classify import Classifier
from strife.extract.encoder import FORMAT, TextEncoder, dequantize, quantize
from strife.extract.train import MODEL_DIR

WORDS = ["gunmen", "killed", "villagers", "protesters", "marched", "peacefully", "the", "in", "town", "a", "bomb"]


def tiny_encoder(folder: Path, *, hidden: int = 8, heads: int = 2, layers: int = 2, max_tokens: int = 16) -> Path:
    """A small random model in the shipped layout (same files, same code path)."""
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", *WORDS])}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "encoder-tokenizer.json"))
    rng = np.random.default_rng(7)
    w = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(vocab), hidden)),
        "embeddings.position_embeddings.weight": rng.normal(size=(64, hidden)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, hidden)),
        "embeddings.LayerNorm.weight": np.ones(hidden),
        "embeddings.LayerNorm.bias": np.zeros(hidden),
        "head.weight": rng.normal(size=(3, hidden)),
        "head.bias": np.zeros(3),
    }
    for n in range(layers):
        p = f"encoder.layer.{n}."
        for name, shape in [("attention.self.query", (hidden, hidden)), ("attention.self.key", (hidden, hidden)),
                            ("attention.self.value", (hidden, hidden)), ("attention.output.dense", (hidden, hidden)),
                            ("intermediate.dense", (4 * hidden, hidden)), ("output.dense", (hidden, 4 * hidden))]:
            w[p + name + ".weight"] = rng.normal(scale=0.3, size=shape)
            w[p + name + ".bias"] = rng.normal(scale=0.1, size=shape[0])
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = np.ones(hidden)
            w[p + ln + ".bias"] = np.zeros(hidden)
    np.savez(folder / "encoder.npz", **quantize(w))
    info = {"format": FORMAT, "completes": "classifier", "labels": ["Armed clash", "Attack", "Peaceful protest"],
            "layers": layers, "heads": heads, "max_tokens": max_tokens, "blend": 0.5}
    (folder / "encoder.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def test_quantized_matrices_come_back_within_half_a_step() -> None:
    rng = np.random.default_rng(0)
    w = {"m": rng.normal(size=(5, 7)).astype(np.float32), "v": rng.normal(size=7).astype(np.float32)}
    stored = quantize(w)
    assert stored["m.q8"].dtype == np.int8 and "m" not in stored
    back = dequantize(stored)
    step = np.abs(w["m"]).max(axis=1, keepdims=True) / 127
    assert np.all(np.abs(back["m"] - w["m"]) <= step / 2 + 1e-7)
    assert np.array_equal(back["v"], w["v"])


def test_a_text_reads_the_same_alone_or_in_a_batch(tmp_path: Path) -> None:
    enc = TextEncoder.load(tiny_encoder(tmp_path / "m"))
    short = "Gunmen killed villagers."
    long = "Protesters marched peacefully in the town, " * 3
    alone = enc.probabilities([short])
    batched = enc.probabilities([long, short, "a bomb"])
    assert np.allclose(alone[0], batched[1], atol=1e-5)
    assert np.allclose(batched.sum(axis=1), 1.0, atol=1e-5)
    assert not np.allclose(batched[0], batched[1], atol=1e-3)


def test_long_and_empty_texts_are_bounded(tmp_path: Path) -> None:
    enc = TextEncoder.load(tiny_encoder(tmp_path / "m", max_tokens=16))
    assert max(len(ids) for ids in enc.token_ids(["the town " * 5000, ""])) <= 16
    probs = enc.probabilities(["the town " * 5000, "", "zzzz qqqq"])
    assert probs.shape == (3, 3) and np.all(np.isfinite(probs))


def test_classifier_blends_in_the_encoder_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("classifier.json", "classifier.npz"):
        shutil.copyfile(MODEL_DIR / name, folder / name)
    alone = Classifier.load(folder)
    assert alone.encoder is None
    tiny_encoder(folder)
    blended = Classifier.load(folder)
    assert blended.encoder is not None
    texts = ["Gunmen killed villagers in the town."]
    p_alone, p_blend = alone.probabilities(texts), blended.probabilities(texts)
    enc = blended.encoder.probabilities(texts)[0]
    attack = alone.labels.index("Attack")
    expected = 0.5 * p_alone[0, attack] + 0.5 * enc[blended.encoder.labels.index("Attack")]
    assert p_blend[0, attack] == pytest.approx(expected, abs=1e-5)
    assert p_blend.sum() == pytest.approx(1.0, abs=1e-5)
    # the classifier's own first choice, before the blend, stays known
    assert blended.predict_many(texts)[0].own_label == alone.labels[int(p_alone[0].argmax())]


def test_a_broken_encoder_leaves_the_classifier_alone(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("classifier.json", "classifier.npz"):
        shutil.copyfile(MODEL_DIR / name, folder / name)
    tiny_encoder(folder)
    (folder / "encoder.npz").write_bytes(b"not a zip")
    clf = Classifier.load(folder)
    assert clf.encoder is None
    assert clf.predict("Gunmen shot dead four farmers.").event_type


@pytest.mark.skipif(not (MODEL_DIR / "encoder.json").exists(), reason="no shipped encoder")
def test_the_shipped_encoder_reads_event_text() -> None:
    enc = TextEncoder.load(MODEL_DIR)
    texts = [
        "Unknown gunmen shot dead four farmers in their fields near the village.",
        "Hundreds of nurses marched peacefully to the ministry to demand unpaid wages.",
        "A roadside bomb exploded under a police pickup, wounding two officers.",
    ]
    best = [enc.labels[i] for i in enc.probabilities(texts).argmax(axis=1)]
    assert best == ["Attack", "Peaceful protest", "Remote explosive/landmine/IED"]
