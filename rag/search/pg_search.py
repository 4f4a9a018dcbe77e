"""Search a PostgreSQL generation: BM25 and HNSW cosine, plan filter in SQL, one round trip.

Lexical candidates: without a plan filter, the summed impacts of each query term's top postings (rag_posting,
bounded cost at any size); with one, exact BM25 over the plans' rows matching the tsvector tokens.
A searcher pins one generation, so a search never mixes two; backend.Following moves answers to a new one.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from rag.config import Settings
from rag.normalize import normalize
from rag.search.embed import Embedder
from rag.search.fuse import reciprocal_rank_fusion
from rag.search.lexical import tokenize
from rag.search.manifest import Manifest
from rag.search.pg_build import vector_literal
from rag.search.pg_postings import BM25_B, BM25_K1
from rag.search.pg_schema import DatabaseError, configure
from rag.search.records import corpus_from_json
from rag.search.retrieve import (
    EXPANSION_WEIGHT,
    KNOWN_SHARE_FULL,
    LEXICAL_TRUST_FLOOR,
    MIN_CANDIDATES,
    SENTENCE_SCORES,
    usable_query,
)
from rag.types import Corpus, Hit

# Tokens in more rows than this still score, but do not select candidates through the GIN index: a token in
# half of a million clauses would make every search scan them. Below the cap the SQL BM25 is exact.
DF_CAP = 5000
# BM25 (plpgsql, ~60 µs a row) scores only the POOL candidates that match the most query tokens (ts_rank, in C).
# Exact whenever a question matches at most POOL rows, as every question does on the seeds.
POOL = 1000
# Rows the posting sums pass on to exact BM25 (~60 µs a row in plpgsql): 100 kept lexical recall@10 at 1.0 at 10k
# (50: 0.977; evals/results/bench_pg.json has the larger sizes); at least the depth asked for.
RESCORE = 100

_LEXICAL = """
lex_terms AS (
  SELECT t.term, t.df, ln(1 + (%(n)s - t.df + 0.5) / (t.df + 0.5)) AS idf
  FROM rag_term t WHERE t.generation_id = %(g)s AND t.term = ANY(%(terms)s)),
lex_query AS (
  SELECT (string_agg('''' || replace(term, '''', '''''') || '''', ' | ') FILTER (WHERE df <= %(df_cap)s))::tsquery AS q,
         array_agg(term) AS terms, array_agg(idf) AS idfs
  FROM lex_terms),
lex_pool AS (
  SELECT r.clause_id, r.row_no, r.tf, r.doc_len
  FROM rag_row r CROSS JOIN lex_query
  WHERE r.generation_id = %(g)s AND r.tokens @@ lex_query.q AND (%(plans)s::text[] IS NULL OR r.plan_id = ANY(%(plans)s))
  ORDER BY ts_rank(r.tokens, lex_query.q) DESC, r.row_no LIMIT %(pool)s),
lex AS (
  SELECT p.clause_id, p.row_no,
         rag_bm25(p.tf, lex_query.terms, lex_query.idfs, p.doc_len, %(avg)s, %(k1)s, %(b)s) AS score
  FROM lex_pool p CROSS JOIN lex_query
  ORDER BY score DESC, p.row_no LIMIT %(depth)s)"""

# Unfiltered: each term's per_term highest impacts summed per row pick RESCORE rows (rag_posting_term serves each
# LATERAL scan), which are then scored by exact BM25: a row pruned from one term's list still gets that term's share.
_POSTINGS = """
lex_terms AS (
  SELECT t.term, ln(1 + (%(n)s - t.df + 0.5) / (t.df + 0.5)) AS idf
  FROM rag_term t WHERE t.generation_id = %(g)s AND t.term = ANY(%(terms)s)),
lex_query AS (SELECT array_agg(term) AS terms, array_agg(idf) AS idfs FROM lex_terms),
lex_pool AS (
  SELECT p.row_no, sum(p.impact) AS partial
  FROM unnest(%(terms)s::text[]) AS q(term)
  CROSS JOIN LATERAL (SELECT row_no, impact FROM rag_posting
                      WHERE generation_id = %(g)s AND term = q.term
                      ORDER BY impact DESC LIMIT %(per_term)s) AS p
  GROUP BY p.row_no ORDER BY partial DESC, p.row_no LIMIT %(rescore)s),
lex AS (
  SELECT r.clause_id, r.row_no,
         rag_bm25(r.tf, lex_query.terms, lex_query.idfs, r.doc_len, %(avg)s, %(k1)s, %(b)s) AS score
  FROM lex_pool JOIN rag_row r ON r.generation_id = %(g)s AND r.row_no = lex_pool.row_no CROSS JOIN lex_query
  ORDER BY score DESC, r.row_no LIMIT %(depth)s)"""

_DENSE = """
dense_clause AS (
  SELECT r.clause_id, r.row_no, 1 - (r.embedding::vector({dim}) <=> %(vec)s::vector({dim})) AS score
  FROM rag_row r
  WHERE r.generation_id = %(g)s AND r.dim = {dim} AND (%(plans)s::text[] IS NULL OR r.plan_id = ANY(%(plans)s))
  ORDER BY r.embedding::vector({dim}) <=> %(vec)s::vector({dim}) LIMIT %(depth)s),
sentence_hits AS (
  SELECT s.clause_id, s.row_no, s.sentence_no, s.text, 1 - (s.embedding::vector({dim}) <=> %(vec)s::vector({dim})) AS score
  FROM rag_sentence s
  WHERE s.generation_id = %(g)s AND s.dim = {dim} AND (%(plans)s::text[] IS NULL OR s.plan_id = ANY(%(plans)s))
  ORDER BY s.embedding::vector({dim}) <=> %(vec)s::vector({dim}) LIMIT %(sentence_depth)s),
best_sentence AS (
  SELECT DISTINCT ON (row_no) clause_id, row_no, text, score FROM sentence_hits ORDER BY row_no, score DESC, sentence_no),
dense AS (
  SELECT clause_id, row_no, max(score) AS score
  FROM (SELECT clause_id, row_no, score FROM dense_clause
        UNION ALL SELECT clause_id, row_no, score FROM best_sentence WHERE %(sentence_scores)s) AS candidates
  GROUP BY clause_id, row_no ORDER BY score DESC, row_no LIMIT %(depth)s)"""


def search_sql(dim: int, lexical: bool, dense: bool, postings: bool = False) -> str:
    """One statement returning (retriever, clause ids, scores, sentences) rows for the retrievers asked for.

    Dense adds a 'sentence' row: each clause whose sentences ranked, its best sentence's score and text.
    postings: lexical candidates from rag_posting (no plan filter) rather than the exact tsvector path.
    """
    ctes, selects = [], []
    if lexical:
        ctes.append(_POSTINGS if postings else _LEXICAL)
        selects.append("SELECT 'bm25', coalesce(array_agg(clause_id ORDER BY score DESC, row_no), '{}'), "
                       "coalesce(array_agg(score ORDER BY score DESC, row_no), '{}'), NULL::text[] FROM lex")
    if dense:
        ctes.append(_DENSE.format(dim=int(dim)))
        selects.append("SELECT 'dense', coalesce(array_agg(clause_id ORDER BY score DESC, row_no), '{}'), "
                       "coalesce(array_agg(score ORDER BY score DESC, row_no), '{}'), NULL::text[] FROM dense")
        selects.append("SELECT 'sentence', coalesce(array_agg(clause_id ORDER BY row_no), '{}'), "
                       "coalesce(array_agg(score ORDER BY row_no), '{}'), "
                       "coalesce(array_agg(text ORDER BY row_no), '{}') FROM best_sentence")
    return "WITH " + ",".join(ctes) + "\n" + " UNION ALL ".join(selects)


class PgSearcher:
    """The Retriever's contract (search, search_bm25, search_dense) over one pinned PostgreSQL generation."""

    def __init__(self, pool, generation: int, manifest: Manifest, corpus: Corpus,
                 stats: tuple[int, float, int | None], embedder: Embedder, settings: Settings) -> None:
        if manifest.dim != embedder.dim or manifest.model != embedder.model:
            raise ValueError(f"index was built with {manifest.model} ({manifest.dim}d), "
                             f"not {embedder.model} ({embedder.dim}d): rebuild the index")
        self.pool, self.generation, self.manifest, self.corpus = pool, generation, manifest, corpus
        self.n_rows, self.avg_len, self.per_term = stats  # per_term: None before migration 0004's postings
        self.embedder, self.settings = embedder, settings
        self.settings_sentences = SENTENCE_SCORES
        self._query_vector = lru_cache(maxsize=512)(self._embed_query)
        self._plan_regions = {p.plan_id: {normalize(r) for r in (*p.regions, p.province) if r} for p in corpus.plans}

    def rankings(self, query: str, depth: int, plan_ids: Sequence[str] | None, lexical: bool = True,
                 dense: bool = True) -> dict[str, list[tuple[str, float]]]:
        """{retriever: [(clause id, score)]} best first, both retrievers in one round trip; with dense,
        "sentence": [(clause id, its best sentence)] for the clauses whose sentences ranked."""
        terms = sorted({t for t in tokenize(query) if "\\" not in t}) if lexical else []
        lexical = lexical and bool(terms)
        if not (lexical or dense) or depth < 1 or not usable_query(query):
            return {}
        params = {"g": self.generation, "n": self.n_rows, "avg": self.avg_len, "terms": terms, "df_cap": DF_CAP,
                  "k1": BM25_K1, "b": BM25_B, "pool": POOL, "plans": list(plan_ids) if plan_ids is not None else None,
                  "depth": depth, "per_term": self.per_term,
                  "rescore": max(RESCORE, depth)}
        postings = lexical and plan_ids is None and self.per_term is not None
        if dense:
            params["vec"] = vector_literal(self._query_vector(normalize(query))[0])
            # The files backend's depths: its clause search is cut to the rows there are, sentences twice that.
            params["sentence_depth"] = 2 * min(depth, self.n_rows)
            params["sentence_scores"] = bool(self.settings_sentences)
        try:
            with self.pool.connection() as conn:
                rows = conn.execute(search_sql(self.manifest.dim, lexical, dense, postings), params).fetchall()
        except Exception as exc:  # psycopg.Error and pool timeouts alike: the database is the problem
            raise DatabaseError(f"search failed in the database: {type(exc).__name__}: {exc}") from exc
        return {name: list(zip(ids, texts)) if name == "sentence" else list(zip(ids, map(float, scores)))
                for name, ids, scores, texts in rows}

    def allowed_plans(self, plan_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None,
                      regions: Sequence[str] | None = None) -> list[str] | None:
        """Plan ids passing the filters, or None when nothing is filtered (the same rules as the files backend)."""
        if not plan_ids and not levels and not regions:
            return None
        wanted = {normalize(r) for r in regions or ()}
        return [p.plan_id for p in self.corpus.plans
                if (not plan_ids or p.plan_id in plan_ids) and (not levels or p.level in levels)
                and (not regions or self._plan_regions[p.plan_id] & wanted)]

    def search(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
               levels: Sequence[str] | None = None, regions: Sequence[str] | None = None,
               expansion: str = "") -> list[Hit]:
        """BM25 and dense fused by weighted reciprocal rank, as rag.search.retrieve.Retriever.search.

        expansion: the plans' terms for the question's everyday words, scored on the lexical side at
        EXPANSION_WEIGHT (a second lexical list from the same statement's rules, merged by clause id).
        A clause's dense score is the best of its own vector and its sentences' (rag_sentence), and each Hit
        carries the clause's best sentence when one ranked, as in the files backend.
        """
        extra = self._expansion_terms(query, expansion)
        weights = {"bm25": self.settings.weight_bm25 * self._lexical_trust(query, bool(extra)),
                   "dense": self.settings.weight_dense}
        depth, allowed = max(MIN_CANDIDATES, 4 * k), self.allowed_plans(plan_ids, levels, regions)
        found = self.rankings(query, depth, allowed, weights["bm25"] > 0, weights["dense"] > 0)
        if extra and weights["bm25"] > 0:
            added = self.rankings(" ".join(extra), depth, allowed, dense=False).get("bm25", [])
            found["bm25"] = _merged(found.get("bm25", []), added, EXPANSION_WEIGHT)
        fused = reciprocal_rank_fusion({name: [cid for cid, _ in found[name]] for name in ("bm25", "dense")
                                        if name in found}, weights, k=self.settings.rrf_k)[:k]
        sentences = dict(found.get("sentence", []))
        return [Hit(self.corpus.clause(f.clause_id), f.score, f.sources, f.ranks, sentences.get(f.clause_id, ""))
                for f in fused]

    def _expansion_terms(self, query: str, expansion: str) -> list[str]:
        """Expansion tokens the question does not already have (the files backend's rule)."""
        if not expansion:
            return []
        own = set(tokenize(query))
        return [t for t in dict.fromkeys(tokenize(expansion)) if t not in own and "\\" not in t]

    def _lexical_trust(self, query: str, expanded: bool) -> float:
        """1, or less when the glossary translated a question whose own tokens the clauses mostly lack."""
        tokens = [t for t in tokenize(query) if "\\" not in t]
        if not expanded or not tokens or not usable_query(query):
            return 1.0
        with self.pool.connection() as conn:
            known = {row[0] for row in conn.execute(
                "SELECT term FROM rag_term WHERE generation_id = %s AND term = ANY(%s)",
                (self.generation, sorted(set(tokens)))).fetchall()}
        share = sum(t in known for t in tokens) / len(tokens)
        return max(LEXICAL_TRUST_FLOOR, min(1.0, share / KNOWN_SHARE_FULL))

    def search_bm25(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
                    levels: Sequence[str] | None = None, regions: Sequence[str] | None = None) -> list[Hit]:
        found = self.rankings(query, k, self.allowed_plans(plan_ids, levels, regions), dense=False)
        return self._hits(found.get("bm25", []), "bm25")

    def query_vector(self, text: str):
        """The question's embedding as the dense search makes it, cached: answer steps that compare the question
        with names (rag.answer.figures) reuse it instead of embedding the question again."""
        return self._query_vector(normalize(text))[0]

    def search_dense(self, query: str, k: int = 8, plan_ids: Sequence[str] | None = None,
                     levels: Sequence[str] | None = None, regions: Sequence[str] | None = None) -> list[Hit]:
        found = self.rankings(query, k, self.allowed_plans(plan_ids, levels, regions), lexical=False)
        return self._hits(found.get("dense", []), "dense")

    def _hits(self, found: list[tuple[str, float]], source: str) -> list[Hit]:
        return [Hit(self.corpus.clause(cid), score, (source,), ((source, rank),))
                for rank, (cid, score) in enumerate(found, start=1)]

    def _embed_query(self, text: str) -> np.ndarray:
        vector = self.embedder.embed_queries([text])
        vector.setflags(write=False)
        return vector


def open_pool(url: str, max_size: int = 8):
    """A thread-safe connection pool for the app's workers (psycopg_pool), configured for filtered HNSW."""
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(url, min_size=1, max_size=max_size, configure=configure, open=False,
                          kwargs={"autocommit": True}, timeout=30)
    try:
        pool.open(wait=True, timeout=15)
    except Exception as exc:
        pool.close()
        raise DatabaseError(f"cannot open connections to the database: {exc}") from exc
    return pool


def current_generation(conn) -> tuple[int, Manifest, tuple[int, float, int | None]] | None:
    """(generation id, its manifest, (rows, mean token count, postings per term)) of rag_current, or None before
    the first build."""
    row = conn.execute("SELECT g.id, g.manifest, g.n_rows, g.avg_len, g.postings_per_term FROM rag_current c "
                       "JOIN rag_generation g ON g.id = c.generation_id").fetchone()
    if row is None:
        return None
    return row[0], Manifest.from_json(dict(row[1])), (row[2], row[3], row[4])


def current_generation_id(conn) -> int | None:
    """rag_current's generation: one primary-key read, cheap enough before every answer."""
    row = conn.execute("SELECT generation_id FROM rag_current").fetchone()
    return row[0] if row else None


def load_corpus_from_db(conn, generation: int) -> Corpus:
    """The generation's plans, clauses and facts as a Corpus, exactly as they were written."""
    def records(sql: str) -> list[dict]:
        return [row[0] for row in conn.execute(sql, (generation,))]

    facts = {kind: records(f"SELECT record FROM rag_fact WHERE generation_id = %s AND kind = '{kind}' ORDER BY ord")
             for kind in ("responsibility", "target", "deadline")}
    problems = conn.execute("SELECT problems FROM rag_generation WHERE id = %s", (generation,)).fetchone()[0]
    return corpus_from_json({
        "plans": records("SELECT record FROM rag_plan WHERE generation_id = %s ORDER BY ord"),
        "clauses": records("SELECT record FROM rag_clause WHERE generation_id = %s ORDER BY ord"),
        "responsibilities": facts["responsibility"], "targets": facts["target"], "deadlines": facts["deadline"],
        "problems": problems})


def _merged(own: list[tuple[str, float]], added: list[tuple[str, float]], weight: float) -> list[tuple[str, float]]:
    """One lexical list: the question's BM25 score plus `weight` × the expansion's, best first (ties by id)."""
    scores = dict(own)
    for clause_id, score in added:
        scores[clause_id] = scores.get(clause_id, 0.0) + weight * score
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
