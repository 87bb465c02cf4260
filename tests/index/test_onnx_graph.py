"""The embedding tables are looked up before they are dequantized: the same vectors as
the packaged graph computes, from a graph that keeps the tables int8."""

from __future__ import annotations

import numpy as np
import onnxruntime as ort
import pytest

from index.meaning.embedder import Embedder, installed_minilm
from index.meaning.onnx_graph import WireError, gather_before_dequantize

SENTENCES = [
    "The council voted to close the library on Sundays.",
    "can I get my money back if my train is axed?",
    "Ms Porter said the harbour would reopen in March, after repairs costing £2m.",
]


def _outputs(model: bytes | str, ids: np.ndarray) -> np.ndarray:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model, sess_options=options,
                                   providers=["CPUExecutionProvider"])
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
             "token_type_ids": np.zeros_like(ids)}
    names = {i.name for i in session.get_inputs()}
    return session.run(None, {k: v for k, v in feeds.items() if k in names})[0]


def test_both_embedding_tables_are_rewritten_and_the_hidden_states_are_unchanged() -> None:
    path = installed_minilm().model
    rewritten, count = gather_before_dequantize(path.read_bytes())
    assert count == 2  # word and position embeddings
    tokenizer = Embedder().token_ids
    for sentence in SENTENCES:
        ids = np.array([tokenizer(sentence)], dtype=np.int64)
        assert np.array_equal(_outputs(rewritten, ids), _outputs(str(path), ids))


def test_a_model_without_the_pattern_is_returned_as_it_is() -> None:
    # a graph holding one node that is not a dequantized lookup (a bare Identity)
    node = b"\x0a\x01x" + b"\x12\x01y" + b"\x22\x08Identity"
    graph = b"\x0a" + bytes([len(node)]) + node
    model = b"\x08\x08" + b"\x3a" + bytes([len(graph)]) + graph
    assert gather_before_dequantize(model) == (model, 0)


@pytest.mark.parametrize("garbage", [b"\xff\xff\xff", b"\x08", b"\x3a\x05ab"])
def test_bytes_that_are_not_a_model_raise_a_wire_error(garbage: bytes) -> None:
    with pytest.raises(WireError):
        gather_before_dequantize(garbage)
