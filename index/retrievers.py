"""The two retrievers on disk: dense vectors in FAISS (exact, or HNSW when large) and BM25 over
Dutch stems with compounds split — built at ingest, loaded with an index version."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import faiss
import numpy as np

from index.lexicon import CompoundSplitter, analyse, inflections, words
from index.types import Chunk

APPROXIMATE_ABOVE = 300_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 512


class DenseIndex:
    def __init__(self, index: faiss.Index) -> None:
        self.index = index

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self.index.ntotal)
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        params = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed.astype(np.int64))
            params = (
                faiss.SearchParametersHNSW(sel=selector, efSearch=HNSW_EF_SEARCH)  # type: ignore[attr-defined]
                if isinstance(self.index, faiss.IndexHNSW)
                else faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]  # faiss's stubs lag
            )
        scores, ids = self.index.search(vector.reshape(1, -1).astype(np.float32), k, params=params)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]


def build_faiss(vectors: np.ndarray, approximate: bool | None = None) -> DenseIndex:
    """Exact inner-product search, or HNSW for large indexes (or when asked, for the bench)."""
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[1] else 384
    if approximate if approximate is not None else len(vectors) > APPROXIMATE_ABOVE:
        hnsw = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        hnsw.hnsw.efSearch = HNSW_EF_SEARCH
        index: faiss.Index = hnsw
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(vectors.astype(np.float32))
    return DenseIndex(index)


class LexicalIndex:
    """BM25 (bm25s) over stems of the chunk, its section heading and its document's title."""

    def __init__(self, retriever: bm25s.BM25, vocabulary: list[str], size: int) -> None:
        self.retriever = retriever
        self.splitter = CompoundSplitter(vocabulary)
        self.size = size

    def save(self, path: Path) -> None:
        self.retriever.save(str(path))
        (path / "words.json").write_text(json.dumps(sorted(self.splitter.vocabulary)), "utf-8")
        (path / "size.json").write_text(json.dumps(self.size), "utf-8")

    @classmethod
    def load(cls, path: Path) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(path))
        vocabulary = json.loads((path / "words.json").read_text("utf-8"))
        return cls(retriever, vocabulary, json.loads((path / "size.json").read_text("utf-8")))

    def idf(self, token: str) -> float:
        """How rare a token is among the chunks (BM25's idf); 0 for one no chunk holds."""
        row = self.retriever.vocab_dict.get(token)
        if row is None or self.size == 0:
            return 0.0
        pointers = self.retriever.scores["indptr"]
        found = int(pointers[row + 1] - pointers[row])
        return math.log(1 + (self.size - found + 0.5) / (found + 0.5))

    def uses(self, text: str) -> bool:
        """Some chunk holds each word of the text."""
        tokens = analyse(text)
        return bool(tokens) and all(t in self.retriever.vocab_dict for t in tokens)

    def inflections(self, asked: Iterable[str]) -> list[str]:
        """The other verb forms (`inflections`) of the asked stems that some chunk holds and the
        question does not."""
        have = set(asked)
        found = (form for stem in have for form in inflections(stem))
        return sorted({f for f in found if f not in have and f in self.retriever.vocab_dict})

    def scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self.retriever.vocab_dict]
        if not known or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.retriever.get_scores(known), dtype=np.float32)


URL = re.compile(r"https?://\S+|www\.\S+")


def lexical_text(chunk: Chunk) -> str:
    """What BM25 reads: title, heading and text; links are left out (their words are noise)."""
    return URL.sub(" ", chunk.embed_text + f" {chunk.label}")


def build_bm25(chunks: Sequence[Chunk]) -> LexicalIndex:
    counts = Counter(w for c in chunks for w in words(c.text) if len(w) >= 4)
    vocabulary = sorted(w for w, n in counts.items() if n >= 2)  # once-seen words are often OCR debris
    splitter = CompoundSplitter(vocabulary)
    corpus = [analyse(lexical_text(c), splitter) or ["_empty_"] for c in chunks]
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    if corpus:
        retriever.index(corpus, show_progress=False)
    return LexicalIndex(retriever, vocabulary, len(corpus))
