"""Sentence vectors beside the clause vectors: a long clause hides the one sentence that matches a question,
so the dense score of a clause is the best of its own vector and its sentences' vectors.

Written into the same generation as the clause index (sentences.faiss + sentences.json: each sentence's row,
i.e. the position of its clause in the clause index, and its text), embedded through the same cache.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from rag.normalize import normalize, sentences

MIN_CHARS = 8  # shorter pieces ("（一）", "2017年底前") say too little to embed on their own
FAISS_FILE, ROWS_FILE = "sentences.faiss", "sentences.json"


def split_sentences(text: str) -> list[str]:
    """The sentences of a clause worth a vector of their own: none when the clause is one sentence."""
    found = [s for s in sentences(text) if len(s) >= MIN_CHARS]
    return found if len(found) > 1 else []


@dataclass(frozen=True)
class SentenceIndex:
    """Sentence vectors and, for each, the clause row it belongs to and its text (display form)."""

    faiss_index: Any
    rows: np.ndarray  # int64, the clause row of each sentence
    texts: tuple[str, ...]

    def best_rows(self, vector: np.ndarray, k: int, mask: np.ndarray | None) -> dict[int, tuple[float, int]]:
        """For the clause rows whose sentences score highest: row → (best sentence score, sentence id)."""
        params = None
        if mask is not None:
            allowed = np.flatnonzero(mask[self.rows]).astype(np.int64)
            if allowed.size == 0:
                return {}
            import faiss

            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        scores, ids = self.faiss_index.search(vector, min(k, self.faiss_index.ntotal), params=params)
        best: dict[int, tuple[float, int]] = {}
        for score, sid in zip(scores[0], ids[0]):
            if sid >= 0:
                row = int(self.rows[sid])
                if row not in best or score > best[row][0]:
                    best[row] = (float(score), int(sid))
        return best


def build_sentences(texts: Sequence[str], embed: Any, generation: Path, dim: int) -> int:
    """Split each clause text, embed the sentences (embed: texts → unit vectors) and write both files."""
    import faiss

    pairs = [(row, sentence) for row, text in enumerate(texts) for sentence in split_sentences(text)]
    vectors = embed([normalize(s) for _, s in pairs]) if pairs else np.zeros((0, dim), dtype=np.float32)
    index = faiss.IndexFlatIP(dim)
    if len(pairs):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    faiss.write_index(index, str(generation / FAISS_FILE))
    (generation / ROWS_FILE).write_text(json.dumps({"rows": [r for r, _ in pairs], "texts": [s for _, s in pairs]},
                                                   ensure_ascii=False), encoding="utf-8")
    return len(pairs)


def load_sentences(generation: Path) -> SentenceIndex | None:
    """The generation's sentence index; None for a generation built without one."""
    if not (generation / FAISS_FILE).is_file():
        return None
    import faiss

    data = json.loads((generation / ROWS_FILE).read_text(encoding="utf-8"))
    index = faiss.read_index(str(generation / FAISS_FILE))
    if index.ntotal != len(data["rows"]):
        raise ValueError(f"sentence rows disagree: faiss {index.ntotal}, map {len(data['rows'])}")
    return SentenceIndex(index, np.asarray(data["rows"], dtype=np.int64), tuple(data["texts"]))
