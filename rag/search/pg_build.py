"""Build a PostgreSQL generation: embeddings cached in the database, then every row written in one transaction.

The switch is the UPDATE of rag_current inside that transaction, so a reader sees the old generation or the new
one, never a mix; a crash before COMMIT leaves the previous generation serving and nothing of the new one.
"""
from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from rag.normalize import normalize
from rag.search.embed import Embedder
from rag.search.embed_cache import embed_parallel, text_key
from rag.search.lexical import DEFAULT_SCHEME, tokenize
from rag.search.manifest import (
    Manifest,
    corpus_file_hashes,
    corpus_hash,
    normaliser_id,
    parser_version,
)
from rag.search.pg_postings import (
    PER_TERM,
    Counts,
    Postings,
    build_postings,
    count_tokens,
    top_postings,
)
from rag.search.pg_schema import connect
from rag.search.sentences import split_sentences
from rag.search.store import is_retrievable, passage_text
from rag.types import Clause, Corpus

CACHE_CHUNK = 512  # embeddings committed this many at a time, so a killed build keeps what it embedded


def model_key(embedder: Embedder) -> str:
    return f"{embedder.runtime}:{embedder.model}"


def tsvector_literal(tokens: Sequence[str]) -> str:
    """The distinct tokens as a tsvector literal (no positions: counts live in the tf column)."""
    return " ".join(_quoted(token) for token in dict.fromkeys(tokens))


def _quoted(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def vector_literal(vector: np.ndarray) -> str:
    """pgvector's text form; 9 significant digits give back every float32 exactly, 3x faster than repr."""
    return _vector_format(len(vector)) % tuple(vector.tolist())


@lru_cache(maxsize=4)
def _vector_format(dim: int) -> str:
    return "[" + ",".join(["%.9g"] * dim) + "]"


def cached_vectors(url: str, embedder: Embedder, texts: Sequence[str], progress: bool = False,
                   workers: int | None = None) -> tuple[np.ndarray, int]:
    """Passage vectors in order from rag_embedding, embedding (and committing in chunks) only what is missing."""
    keys = [text_key(t) for t in texts]
    with connect(url, autocommit=True) as conn:
        found = {key: np.array(vector, dtype=np.float32) for key, vector in conn.execute(
            "SELECT text_key, embedding::real[] FROM rag_embedding WHERE model = %s AND text_key = ANY(%s)",
            (model_key(embedder), list(set(keys))))}
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        by_key = dict(zip(keys, texts))
        for start in range(0, len(missing), CACHE_CHUNK):
            chunk = missing[start:start + CACHE_CHUNK]
            fresh = embed_parallel(embedder, [by_key[k] for k in chunk], workers=workers)
            with conn.cursor().copy("COPY rag_embedding (model, text_key, embedding) FROM STDIN") as copy:
                for key, vector in zip(chunk, fresh):
                    copy.write_row((model_key(embedder), key, vector_literal(vector)))
            found.update(zip(chunk, fresh))
            if progress:
                print(f"embedded {min(start + CACHE_CHUNK, len(missing))}/{len(missing)}", file=sys.stderr)
    vectors = np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
    return np.ascontiguousarray(vectors, dtype=np.float32), len(missing)


def build_pg(url: str, corpus: Corpus, embedder: Embedder, corpus_dir: Path | None = None,
             progress: bool = False) -> Manifest:
    """Embed what is new, then write and switch to a new generation; returns its manifest."""
    rows = [c for c in corpus.clauses if is_retrievable(c)]
    texts = [passage_text(c) for c in rows]
    vectors, embedded = cached_vectors(url, embedder, texts, progress)
    # Clause text, not the passage with its breadcrumb, as the files backend: a sentence is matched on its own words.
    sentences = [(row, s) for row, c in enumerate(rows) for s in split_sentences(c.text)]
    sentence_vectors, _ = cached_vectors(url, embedder, [normalize(s) for _, s in sentences], progress)
    files = corpus_file_hashes(corpus_dir) if corpus_dir else {p.source_file: p.content_hash for p in corpus.plans}
    manifest = Manifest(
        corpus_hash=corpus_hash(files), corpus_files=files, model=embedder.model, runtime=embedder.runtime,
        dim=embedder.dim, normaliser=normaliser_id(), tokenizer=DEFAULT_SCHEME, parser_version=parser_version(),
        counts={"plans": len(corpus.plans), "clauses": len(corpus.clauses), "rows": len(rows), "embedded": embedded,
                "responsibilities": len(corpus.responsibilities), "targets": len(corpus.targets),
                "deadlines": len(corpus.deadlines)},
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    generation = write_generation(url, corpus, rows, texts, vectors, manifest, sentences, sentence_vectors)
    return Manifest(**{**asdict(manifest), "generation": str(generation)})


@dataclass(frozen=True)
class Lexical:
    """The rows' token counts and the BM25 postings built from them (computed once, written twice)."""

    counts: Counts
    postings: Postings


def lexical_rows(token_lists: Iterable[Sequence[str]]) -> Lexical:
    """Counts and postings of rows given as token lists (an empty row counts as the one token "\0")."""
    counts = count_tokens(tokens or ["\0"] for tokens in token_lists)
    return Lexical(counts, build_postings(counts))


def write_generation(url: str, corpus: Corpus, rows: Sequence[Clause], texts: Sequence[str],
                     vectors: np.ndarray, manifest: Manifest, sentences: Sequence[tuple[int, str]] = (),
                     sentence_vectors: np.ndarray | None = None, lexical: Lexical | None = None) -> int:
    """Write everything in one transaction, switch rag_current to it, drop all but it and the one before.

    sentences: (row, sentence text) for the clauses split by rag.search.sentences, with their vectors.
    lexical: lexical_rows(texts) when the caller has it already.
    """
    lexical = lexical or lexical_rows(tokenize(t, DEFAULT_SCHEME) for t in texts)
    counts = lexical.counts
    dim = int(vectors.shape[1])
    with connect(url) as conn, conn.transaction():
        # HNSW builds in memory when its graph fits (a million 384-d rows: ~2 GB), with one helper process.
        conn.execute("SET LOCAL maintenance_work_mem = '2GB'")
        conn.execute("SET LOCAL max_parallel_maintenance_workers = 1")
        generation = conn.execute(
            "INSERT INTO rag_generation (manifest, n_rows, avg_len, dim, problems, postings_per_term) "
            "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
            (_jsonb(manifest.to_json()), len(rows), counts.avg_len, dim, _jsonb(list(corpus.problems)),
             PER_TERM)).fetchone()[0]
        _copy(conn, "rag_plan (generation_id, plan_id, ord, level, regions, record)",
              ((generation, p.plan_id, i, p.level, [*p.regions, p.province], _jsonb(asdict(p)))
               for i, p in enumerate(corpus.plans)))
        _copy(conn, "rag_clause (generation_id, ord, clause_id, plan_id, kind, path, text, norm, start_offset, "
              "end_offset, record)", ((generation, i, c.clause_id, c.plan_id, c.kind, list(c.path), c.text, c.norm,
                                       c.start, c.end, _jsonb(asdict(c))) for i, c in enumerate(corpus.clauses)))
        _copy(conn, "rag_fact (generation_id, ord, kind, plan_id, clause_id, units, indicator, year, record)",
              _fact_rows(generation, corpus))
        levels = {p.plan_id: p.level for p in corpus.plans}
        _copy(conn, "rag_row (generation_id, row_no, clause_id, plan_id, level, doc_len, tokens, tf, dim, embedding)",
              ((generation, i, c.clause_id, c.plan_id, levels.get(c.plan_id, ""), int(counts.doc_lens[i]),
                tsvector_literal(tf), _jsonb(tf), dim, vector_literal(vector))
               for i, (c, tf, vector) in enumerate(zip(rows, map(counts.row, range(len(rows))), vectors))))
        postings = lexical.postings
        _copy(conn, "rag_term (generation_id, term, df)",
              ((generation, t, postings.df(i)) for i, t in enumerate(postings.terms)))
        _copy(conn, "rag_posting (generation_id, term, row_no, impact)",
              ((generation, t, row, impact) for t, row, impact in top_postings(postings, PER_TERM) if t != "\0"))
        _copy(conn, "rag_sentence (generation_id, sentence_no, row_no, clause_id, plan_id, text, dim, embedding)",
              ((generation, i, row, rows[row].clause_id, rows[row].plan_id, text, dim, vector_literal(vector))
               for i, ((row, text), vector) in enumerate(zip(sentences, _or_empty(sentence_vectors)))))
        for table in ("rag_row", "rag_sentence"):
            conn.execute(f"CREATE INDEX IF NOT EXISTS {table}_hnsw_{dim} ON {table} USING hnsw "
                         f"((embedding::vector({dim})) vector_cosine_ops) WHERE dim = {dim}")
        previous = conn.execute("SELECT generation_id FROM rag_current FOR UPDATE").fetchone()
        conn.execute("INSERT INTO rag_current (generation_id) VALUES (%s) ON CONFLICT (singleton) "
                     "DO UPDATE SET generation_id = EXCLUDED.generation_id", (generation,))
        keep = [generation] + ([previous[0]] if previous else [])
        conn.execute("DELETE FROM rag_generation WHERE NOT (id = ANY(%s))", (keep,))
    return generation


def _fact_rows(generation: int, corpus: Corpus) -> Iterable[tuple]:
    for i, note in enumerate(corpus.responsibilities):
        units = "、".join(u.name for u in (*note.lead_units, *note.cooperating_units, *note.implementing_units))
        yield generation, i, "responsibility", note.plan_id, note.clause_id, units, "", None, _jsonb(asdict(note))
    for i, target in enumerate(corpus.targets):
        yield (generation, i, "target", target.plan_id, target.clause_id, "", target.indicator, target.year,
               _jsonb(asdict(target)))
    for i, deadline in enumerate(corpus.deadlines):
        yield (generation, i, "deadline", deadline.plan_id, deadline.clause_id, "", "", deadline.year,
               _jsonb(asdict(deadline)))


def _or_empty(vectors: np.ndarray | None) -> np.ndarray:
    return vectors if vectors is not None else np.zeros((0, 0), np.float32)


def _copy(conn, target: str, rows: Iterable[tuple]) -> None:
    with conn.cursor().copy(f"COPY {target} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _jsonb(value):
    from psycopg.types.json import Jsonb

    return Jsonb(value)
