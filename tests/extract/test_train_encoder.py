"""Fine-tuning and export of the encoder: runs only where torch is installed (the
`encoder-training` extra); the shipped encoder runs without it (test_encoder.py)."""

import csv
from pathlib import Path

import pytest

from strife.extract.encoder import TextEncoder

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

NOTES = [
    ("Peaceful protest", "Protests", "Teachers marched peacefully in Dunfield to demand higher pay."),
    ("Armed clash", "Battles", "Soldiers clashed with rebels near Dunfield and two rebels were killed."),
    ("Peaceful protest", "Protests", "Nurses held a quiet sit-in outside the hospital in Marrowby."),
    ("Armed clash", "Battles", "Militants fought the army near Marrowby and three soldiers were killed."),
]


def _tiny_base(folder: Path) -> Path:
    """A small random BERT in the Hugging Face layout, with a WordPiece vocabulary of the notes' words."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    words = sorted({w.strip(".,").lower() for _, _, note in NOTES for w in note.split()})
    vocab = {w: i for i, w in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", *words])}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]")
    config = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=64)
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return folder


def test_fine_tuned_encoder_runs_in_numpy_and_learns_its_rows(tmp_path: Path) -> None:
    from strife.extract.train_encoder import EncoderConfig, train_encoder

    data = tmp_path / "data" / "events.csv"
    data.parent.mkdir()
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "country", "notes"])
        for n, (sub, kind, note) in enumerate(NOTES * 2):
            writer.writerow([f"X{n}", "2024-03-03", 2024, kind, sub, "Freedonia", note])
    base = _tiny_base(tmp_path / "base")
    out = tmp_path / "model"
    summary = train_encoder([data], out, base, config=EncoderConfig(epochs=60, learning_rate=3e-3, batch_size=4),
                            holdout=False)
    assert summary["labels"] == 2
    encoder = TextEncoder.load(out)
    assert encoder.labels == ["Armed clash", "Peaceful protest"] and encoder.layers == 2
    best = [encoder.labels[i] for i in encoder.probabilities([note for _, _, note in NOTES]).argmax(axis=1)]
    assert best == [sub for sub, _, _ in NOTES]
