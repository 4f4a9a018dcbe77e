"""`make bench`: the index benchmarks (evals.bench_index), then answer latency, start-up and memory.

Prints figures and writes evals/results/bench_answer.json; medians and p95 over repeated runs, since the
machine is shared and noisy. Timings are never asserted in tests.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from typing import Sequence

from evals import RESULTS_DIR
from evals.bench_index import main as bench_index_main
from evals.bench_index import peak_rss_mb
from evals.metrics import percentile
from evals.resolve_gold import load_gold
from evals.score import select


def cli_start_ms(runs: int = 5) -> float:
    """Median wall time of `rag --help`: the CLI before any model or index loads."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rag.cli", "--help"], check=True, capture_output=True)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def answer_figures(rounds: int) -> dict:
    """Load time, warm retrieval-only and full-answer latency over the dev questions, peak memory."""
    from rag.assistant import Assistant

    started = time.perf_counter()
    assistant = Assistant.load()
    load_s = time.perf_counter() - started
    questions = [q["question"] for q in select(load_gold(), "dev")]
    for question in questions:  # warm-up: caches, jieba, the embedder's first calls
        assistant.ask(question)
    retrieve, answer = [], []
    forget = assistant.retriever._query_vector.cache_clear  # each timing pays for its query embedding
    for _ in range(rounds):
        for question in questions:
            forget()
            t0 = time.perf_counter()
            assistant.retrieve(question, k=10)
            retrieve.append((time.perf_counter() - t0) * 1000)
            forget()
            t1 = time.perf_counter()
            assistant.ask(question)
            answer.append((time.perf_counter() - t1) * 1000)
    return {
        "embedder": f"{assistant.retriever.embedder.runtime}:{assistant.retriever.embedder.model}",
        "questions": len(questions), "rounds": rounds, "assistant_load_s": round(load_s, 2),
        "retrieve_p50_ms": round(percentile(retrieve, 50), 1), "retrieve_p95_ms": round(percentile(retrieve, 95), 1),
        "answer_p50_ms": round(percentile(answer, 50), 1), "answer_p95_ms": round(percentile(answer, 95), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1), "torch_imported": "torch" in sys.modules,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the dev questions")
    parser.add_argument("--skip-index", action="store_true", help="only the answer figures")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    if not args.skip_index:
        bench_index_main(["--sizes", *map(str, args.sizes)])
    figures = {"cli_help_median_ms": cli_start_ms(), **answer_figures(args.rounds)}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "bench_answer.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print("\n| answer figure | value |\n|---|---|")
    for name, value in figures.items():
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
