"""Hybrid clause search: BM25 and dense ranked within the allowed plans, then fused by reciprocal rank."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rag.config import Settings
from rag.normalize import normalize
from rag.search.embed import Embedder
from rag.search.fuse import reciprocal_rank_fusion
from rag.search.store import IndexStore
from rag.types import Hit

MIN_CANDIDATES = 50  # each retriever's list depth before fusion, so fusion sees past the top k
SENTENCE_SCORES = True  # dense score of a clause = max(clause, its best sentence)
EXPANSION_WEIGHT = 0.5
KNOWN_SHARE_FULL = 0.5  # a question with at least this share of its tokens in the clauses keeps full BM25 weight
LEXICAL_TRUST_FLOOR = 0.3  # BM25 weight of the glossary's official terms against the question's own words


class Retriever:
    """Searches one loaded index; filters pick the rows before ranking, never after."""

    def __init__(self, store: IndexStore, embedder: Embedder, settings: Settings) -> None:
        if store.manifest.dim != embedder.dim or store.manifest.model != embedder.model:
            raise ValueError(f"index was built with {store.manifest.model} ({store.manifest.dim}d), "
                             f"not {embedder.model} ({embedder.dim}d): rebuild the index")
        self.store, self.embedder, self.settings = store, embedder, settings
        self.settings_sentences = SENTENCE_SCORES
        # One answer searches the same text several times (hybrid, the evidence check, one search per plan
        # in a comparison): embed it once. lru_cache is thread-safe, so the shared app may use it.
        self._query_vector = lru_cache(maxsize=512)(self._embed_query)
        plans = {p.plan_id: p for p in store.corpus.plans}
        self._row_plan = np.array([c.plan_id for c in store.rows], dtype=object)
        self._row_level = np.array([plans[c.plan_id].level if c.plan_id in plans else "" for c in store.rows],
                                   dtype=object)
        self._plan_regions = {p.plan_id: {normalize(r) for r in (*p.regions, p.province) if r} for p in plans.values()}

    def allowed_rows(self, plan_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None,
                     regions: Sequence[str] | None = None) -> np.ndarray | None:
        """Boolean row mask for the filters, or None when nothing is filtered."""
        if not plan_ids and not levels and not regions:
            return None
        mask = np.ones(len(self.store.rows), dtype=bool)
        if plan_ids:
            mask &= np.isin(self._row_plan, list(plan_ids))
        if levels:
            mask &= np.isin(self._row_level, list(levels))
        if regions:
            wanted = {normalize(r) for r in regions}
            mask &= np.isin(self._row_plan, [pid for pid, names in self._plan_regions.items() if names & wanted])
        return mask

    def search_bm25(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
                    levels: Sequence[str] | None = None, regions: Sequence[str] | None = None) -> list[Hit]:
        """BM25 alone (a baseline and one half of the hybrid)."""
        mask = self.allowed_rows(plan_ids, levels, regions)
        found = self.store.lexical.search(query, k, allowed=mask) if usable_query(query) else []
        return self._hits(found, "bm25")

    def query_vector(self, text: str):
        """The question's embedding as the dense search makes it, cached: answer steps that compare the question
        with names (rag.answer.figures) reuse it instead of embedding the question again."""
        return self._query_vector(normalize(text))[0]

    def search_dense(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
                     levels: Sequence[str] | None = None, regions: Sequence[str] | None = None) -> list[Hit]:
        """Dense cosine similarity alone (a baseline and the other half of the hybrid)."""
        mask = self.allowed_rows(plan_ids, levels, regions)
        return self._hits(self._dense_rows(query, k, mask), "dense")

    def search(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
               levels: Sequence[str] | None = None, regions: Sequence[str] | None = None,
               expansion: str = "") -> list[Hit]:
        """BM25 and dense lists fused by weighted reciprocal rank; each Hit says who found it and where.

        expansion: the plans' terms for the question's everyday words, searched on the lexical side only.
        """
        mask = self.allowed_rows(plan_ids, levels, regions)
        depth = max(MIN_CANDIDATES, 4 * k)
        weights = {"bm25": self.settings.weight_bm25 * self._lexical_trust(query, expansion),
                   "dense": self.settings.weight_dense}
        rankings: dict[str, list[str]] = {}
        if weights["bm25"] > 0 and usable_query(query):
            found = self.store.lexical.search(query, depth, mask, expansion=expansion,
                                              expansion_weight=EXPANSION_WEIGHT)
            rankings["bm25"] = [self.store.clause_ids[r] for r, _ in found]
        best_sentence: dict[str, str] = {}
        if weights["dense"] > 0:
            dense, best_sentence = self._dense(query, depth, mask)
            rankings["dense"] = [self.store.clause_ids[r] for r, _ in dense]
        fused = reciprocal_rank_fusion(rankings, weights, k=self.settings.rrf_k)[:k]
        return [Hit(self.store.corpus.clause(f.clause_id), f.score, f.sources, f.ranks,
                    best_sentence.get(f.clause_id, "")) for f in fused]



    def _lexical_trust(self, query: str, expansion: str) -> float:
        """1, or less when the glossary had to translate a question whose own words the clauses mostly lack:
        its BM25 list then rests on the added terms alone, and the dense list knows the meaning better."""
        if not expansion or not usable_query(query):
            return 1.0
        return max(LEXICAL_TRUST_FLOOR, min(1.0, self.store.lexical.known_share(query) / KNOWN_SHARE_FULL))

    def _dense_rows(self, query: str, k: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        """Top k rows by inner product, searching only the allowed rows (a FAISS ID selector)."""
        return self._dense(query, k, mask)[0]

    def _dense(self, query: str, k: int, mask: np.ndarray | None) -> tuple[list[tuple[int, float]], dict[str, str]]:
        """Top k (row, score), a clause scoring as its best sentence when that is higher, and clause id → that
        sentence for the clauses whose sentences ranked."""
        if not usable_query(query) or k < 1:
            return [], {}
        vector = self._query_vector(normalize(query))
        params = None
        if mask is not None:
            allowed = np.flatnonzero(mask).astype(np.int64)
            if allowed.size == 0:
                return [], {}
            import faiss

            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(allowed))
        k = min(k, self.store.faiss_index.ntotal)
        scores, rows = self.store.faiss_index.search(vector, k, params=params)
        found = {int(r): float(s) for r, s in zip(rows[0], scores[0]) if r >= 0}
        sentences: dict[str, str] = {}
        if self.store.sentences is not None:
            for row, (score, sid) in self.store.sentences.best_rows(vector, 2 * k, mask).items():
                sentences[self.store.clause_ids[row]] = self.store.sentences.texts[sid]
                if self.settings_sentences:
                    found[row] = max(found.get(row, -1.0), score)
        return sorted(found.items(), key=lambda pair: (-pair[1], pair[0]))[:k], sentences

    def _embed_query(self, text: str) -> np.ndarray:
        vector = self.embedder.embed_queries([text])
        vector.setflags(write=False)  # cached and shared: nobody may change it
        return vector

    def _hits(self, found: list[tuple[int, float]], source: str) -> list[Hit]:
        rows = self.store.rows
        return [Hit(rows[r], score, (source,), ((source, rank),)) for rank, (r, score) in enumerate(found, start=1)]


def usable_query(query: str) -> bool:
    """A question with at least one letter, digit or Han character after normalisation."""
    return any(ch.isalnum() for ch in normalize(query))
