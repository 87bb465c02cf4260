"""The embedding model seam: the packaged files, their checksums, the tokenizer's ids and
vectors that place a paraphrase near the sentence it rewords."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.meaning.embedder import (
    DIMENSION,
    Embedder,
    ModelError,
    default_embedder,
    installed_minilm,
)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return default_embedder()


def test_the_tokenizer_gives_the_bert_uncased_wordpiece_ids(embedder: Embedder) -> None:
    # [CLS] hello world [SEP] in the vocabulary all-MiniLM-L6-v2 was trained with
    assert embedder.token_ids("Hello world") == [101, 7592, 2088, 102]


def test_long_texts_are_cut_at_the_models_256_tokens(embedder: Embedder) -> None:
    ids = embedder.token_ids("harbour " * 600)
    assert len(ids) == 256 and ids[0] == 101 and ids[-1] == 102


def test_vectors_are_unit_length_with_384_dimensions(embedder: Embedder) -> None:
    vectors = embedder.embed(["The bridge reopens in March.", "Fire damaged the roof."])
    assert vectors.shape == (2, DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_question_in_other_words_is_nearer_its_sentence_than_an_unrelated_one(
        embedder: Embedder) -> None:
    question, answer, other = embedder.embed([
        "can I get my money back if my train is axed?",
        "Passengers will receive compensation when rail services are withdrawn.",
        "The orchestra played a new symphony at the festival.",
    ])
    assert question @ answer > question @ other + 0.2


def test_batching_does_not_change_a_texts_vector() -> None:
    texts = ["Short one.", "A much longer sentence about the council budget and its roads."]
    together = Embedder().embed(texts)  # fresh embedders: nothing comes from a cache
    alone = np.stack([Embedder().embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    files = installed_minilm()
    copy = tmp_path / "model.onnx"
    shutil.copyfile(files.model, copy)
    with copy.open("ab") as f:
        f.write(b"\0")
    with pytest.raises(ModelError, match="not the pinned"):
        Embedder(replace(files, model=copy))


def test_a_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    files = replace(installed_minilm(), tokenizer=tmp_path / "absent.json")
    with pytest.raises(ModelError, match="cannot read"):
        Embedder(files)


def test_a_model_loaded_in_the_background_reports_a_bad_file_at_first_use(
        tmp_path: Path) -> None:
    files = replace(installed_minilm(), model=tmp_path / "absent.onnx")
    embedder = Embedder(files, background=True)  # returns before the file is read
    with pytest.raises(ModelError, match="cannot read"):
        embedder.ready()
    with pytest.raises(ModelError, match="cannot read"):
        embedder.embed(["The bridge reopens in March."])


def test_opening_a_library_with_a_bad_model_file_fails_once_with_the_reason(
        tmp_path: Path) -> None:
    from index.library import Libraries

    files = replace(installed_minilm(), model=tmp_path / "absent.onnx")
    libraries = Libraries(tmp_path / "data", semantic=Embedder(files, background=True),
                          background=False)
    try:
        with pytest.raises(ModelError, match="cannot read"):
            libraries.get("news")
    finally:
        libraries.close()


def test_a_model_loaded_in_the_background_gives_the_same_vectors() -> None:
    text = "Passengers will receive compensation when rail services are withdrawn."
    eager = Embedder().embed([text])
    assert np.array_equal(Embedder(background=True).embed([text]), eager)


def test_a_batch_gives_its_freed_memory_back_and_a_single_question_does_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import index.meaning.embedder as embedder_mod

    trims: list[int] = []
    monkeypatch.setattr(embedder_mod, "give_back_freed_memory", lambda: trims.append(1))
    embedder = Embedder()  # building the session gives back its own transient
    assert trims == [1]
    trims.clear()
    embedder.embed(["Where will the ferry dock?"])
    assert trims == []
    embedder.embed(["The ferry docks at noon.", "Fares rise by spring.", "Storms closed the quay."])
    assert trims == [1]
