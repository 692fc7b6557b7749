"""Fine-tune all-MiniLM-L6-v2 on our lessons and train messages, and write it as the bot runs it.

    (the venv and weights of benchmarks/fine_tune.py, plus onnx==1.23.2 onnxruntime==1.32.0)
    /tmp/ft/bin/python -m scripts.tune_minilm WEIGHTS OUT --question-weight 6 [--fold N]

The encoder is trained as `benchmarks.fine_tune` trains it, on every phrasing and gist and on
the train split's messages: all of them, or with `--fold N` all but that fold's (the encoder
that judges fold N when the decision is fitted and measured out of fold, `benchmarks.
hybrid_fit --encoders`). Then it is exported to ONNX (token vectors, the inputs the bot feeds)
and quantized exactly as scripts/make_minilm.py quantizes the published model. OUT receives
model.onnx and the bot's tokenizer.json (the same WordPiece vocabulary the training read). It
prints the file's sha256 and the cosine between the float32 and the int8 vectors of a few
sentences. The test split is never read.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.fine_tune import Encoder, Folds
from bot.matching.embedder import MODEL_DIR
from scripts.make_minilm import SAMPLES, quantized, session, sha256, vectors

OPSET = 17  # the shipped model's


def token_vectors(model: Any) -> Any:
    """The encoder's graph as the bot calls it: three int64 inputs, the token vectors out."""
    import torch

    class TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    return TokenVectors().eval()


def export(encoder: Encoder, path: Path) -> None:
    """The float32 ONNX file, with any batch size and length (TorchScript exporter: the
    dynamo one needs onnxscript, which nothing else here does)."""
    import torch

    ids = torch.ones((1, 8), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        token_vectors(encoder.model),
        (ids, ids, ids * 0),
        str(path),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={
            "input_ids": axes,
            "attention_mask": axes,
            "token_type_ids": axes,
            "last_hidden_state": axes,
        },
        opset_version=OPSET,
        dynamo=False,
    )


def main(argv: Sequence[str] | None = None) -> None:
    from tokenizers import Tokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", help="the folder of all-MiniLM-L6-v2's float32 weights")
    parser.add_argument("out", type=Path, help="the folder to write model.onnx into")
    parser.add_argument("--question-weight", type=int, default=6)
    parser.add_argument("--fold", type=int, help="leave this fold's messages out")
    args = parser.parse_args(argv)
    encoder = Folds(args.weights).tuned(args.fold, args.question_weight)
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(MODEL_DIR / "tokenizer.json", args.out / "tokenizer.json")
    tokenizer = Tokenizer.from_file(str(args.out / "tokenizer.json"))
    tokenizer.no_padding()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        export(encoder, work / "tuned.onnx")
        original = quantized(work / "tuned.onnx", args.out / "model.onnx", work)
        shipped = session(args.out / "model.onnx")
        cosines = (vectors(original, tokenizer) * vectors(shipped, tokenizer)).sum(axis=1)
    torch_rows = encoder.encode(SAMPLES)
    agree = (torch_rows * vectors(original, tokenizer)).sum(axis=1)
    print(f"float32 ONNX against torch: min cosine {np.min(agree):.4f}")
    print(f"int8 against float32: min cosine {np.min(cosines):.3f}")
    print(f"{sha256((args.out / 'model.onnx').read_bytes())}  model.onnx")


if __name__ == "__main__":
    main()
