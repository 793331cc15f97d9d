"""A small transformer that reads event text, run in numpy: the classifier's second opinion.

MiniLM-L6 (a 6-layer BERT, 384 wide), fine-tuned on ACLED notes to tell the sub-event type
(`strife train-encoder`, which needs torch), then saved as plain arrays:

* `encoder.json`: format, labels, shape (layers, heads), `max_tokens`, `blend` (the share of
  the classifier's probability it gets) and `completes` (the model it is blended into);
* `encoder.npz`: the weights; every matrix stored as int8 with one scale per output row
  (a quarter of the size, and the same calls on the labelled notes);
* `encoder-tokenizer.json`: its WordPiece vocabulary, read by the `tokenizers` library.

No torch at run time: the forward pass is a few matrix products per layer, in batches of
texts of similar length so that padding costs little.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "strife-minilm-1"
QUANTIZED = ".q8"  # npz key suffix of an int8 matrix; its scales are under ".scale"
_BATCH = 32
# Python floats, not numpy ones: a numpy float64 scalar would turn float32 arrays into float64.
_GELU_C = math.sqrt(2.0 / math.pi)


def quantize(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Matrices to int8 with one float32 scale per row; vectors kept as float32."""
    out: dict[str, np.ndarray] = {}
    for name, w in weights.items():
        w = np.asarray(w, dtype=np.float32)
        if w.ndim != 2:
            out[name] = w
            continue
        scale = np.abs(w).max(axis=1) / 127.0
        scale[scale == 0] = 1.0
        out[name + QUANTIZED] = np.round(w / scale[:, None]).astype(np.int8)
        out[name + ".scale"] = scale.astype(np.float32)
    return out


def dequantize(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The inverse of `quantize` (to within half a step of each row's scale)."""
    out: dict[str, np.ndarray] = {}
    for name, a in arrays.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(QUANTIZED):
            base = name[: -len(QUANTIZED)]
            out[base] = a.astype(np.float32) * arrays[base + ".scale"][:, None]
        else:
            out[name] = a.astype(np.float32)
    return out


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gain + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # The tanh form of GELU: within 1e-3 of the exact one the model was trained with, and
    # several times faster than scipy's erf.
    return 0.5 * x * (1.0 + np.tanh(_GELU_C * (x + 0.044715 * x * x * x)))


class TextEncoder:
    """The fine-tuned transformer: texts in, sub-event-type probabilities out."""

    def __init__(self, info: dict[str, Any], weights: dict[str, np.ndarray], tokenizer: Any) -> None:
        self.labels: list[str] = list(info["labels"])
        self.layers = int(info["layers"])
        self.heads = int(info["heads"])
        self.max_tokens = int(info.get("max_tokens", 128))
        self.blend = float(info.get("blend", 0.0))
        self.completes = str(info.get("completes", "classifier"))
        self.w = weights
        tokenizer.no_padding()
        tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer = tokenizer

    @classmethod
    def load(cls, directory: Path, name: str = "encoder", info: dict[str, Any] | None = None) -> TextEncoder:
        """The encoder NAME in `directory` (`info`: its JSON, when the caller has read it already)."""
        from tokenizers import Tokenizer

        if info is None:
            info = json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        if info.get("format") != FORMAT:
            raise ValueError(f"unknown encoder format {info.get('format')!r} in {directory}")
        with np.load(directory / f"{name}.npz", allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
        tokenizer = Tokenizer.from_file(str(directory / f"{name}-tokenizer.json"))
        return cls(info, dequantize(arrays), tokenizer)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self._tokenizer.encode_batch(texts)]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per label (`labels`), each row summing to 1."""
        ids = self.token_ids(texts)
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        for k in range(0, len(order), _BATCH):
            batch = order[k : k + _BATCH]
            width = max(1, max(len(ids[i]) for i in batch))
            tokens = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.float32)
            for row, i in enumerate(batch):
                tokens[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1.0
            logits = self.pooled(tokens, mask) @ self.w["head.weight"].T + self.w["head.bias"]
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            out[batch] = exp / exp.sum(axis=1, keepdims=True)
        return out

    def pooled(self, tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The mean of the last layer's token vectors over the real (unpadded) tokens."""
        w = self.w
        batch, width = tokens.shape
        x = (
            w["embeddings.word_embeddings.weight"][tokens]
            + w["embeddings.position_embeddings.weight"][:width][None]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        hidden = x.shape[-1]
        size = hidden // self.heads
        padding = (1.0 - mask[:, None, None, :]) * -1e9
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def dense(t: np.ndarray, name: str, p: str = p) -> np.ndarray:
                # one 2-D product over every token of the batch (stacked products skip BLAS)
                flat = t.reshape(-1, t.shape[-1]) @ w[p + name + ".weight"].T + w[p + name + ".bias"]
                return flat.reshape(batch, width, -1)

            def split(t: np.ndarray) -> np.ndarray:
                return np.ascontiguousarray(t.reshape(batch, width, self.heads, size).transpose(0, 2, 1, 3))

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) * (1.0 / math.sqrt(size)) + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, hidden)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            inner = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(x + dense(inner, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        m = mask[..., None]
        return (x * m).sum(1) / np.maximum(m.sum(1), 1.0)


def load_for(directory: Path, model: str) -> TextEncoder | None:
    """The encoder in `directory` that completes `model` ("classifier"), or None."""
    path = directory / "encoder.json"
    if not path.exists():
        return None
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if info.get("completes", "classifier") != model:
        return None
    return TextEncoder.load(directory, info=info)
