"""Parse time of the corpus with the plans-dev excerpts, and index rebuild time after `rag add` of one plan.

`python -m evals.bench_genre [--repeat 3]` prints JSON. The rebuild is measured on a copy of the genre eval corpus
and index (index/eval-genre, built by `rag eval --set genre`), so the embedding cache holds every clause but the
added plan's, as it would for a user adding one plan to a built corpus.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from evals.corpora import eval_settings
from rag.corpus.catalog import add_plan
from rag.corpus.loader import load_corpus


def parse_seconds(corpus_dir: Path, repeat: int) -> tuple[float, int, int]:
    """Median wall time of load_corpus (clauses and facts), with the plan and clause counts."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        corpus = load_corpus(corpus_dir)
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(corpus.plans), len(corpus.clauses)


def rebuild_after_add(settings, new_plan: Path) -> dict:
    """Copy the built genre corpus and index, `rag add` one plan, and time the index rebuild."""
    from rag.search.embed import load_embedder
    from rag.search.serving import ensure_index

    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir, index_dir = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(settings.corpus_dir, corpus_dir)
        shutil.copytree(settings.index_dir, index_dir, symlinks=True)
        local = replace(settings, corpus_dir=corpus_dir, index_dir=index_dir)
        embedder = load_embedder(local)
        corpus = lambda: load_corpus(corpus_dir)  # noqa: E731
        ensure_index(local, corpus, embedder, progress=False)  # current before the add
        added = add_plan(new_plan, corpus_dir)
        started = time.perf_counter()
        ensure_index(local, corpus, embedder, progress=False)
        seconds = time.perf_counter() - started
    return {"added": new_plan.name, "plan_id": added.plan.plan_id if added.plan else None,
            "rebuild_after_add_s": round(seconds, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_genre", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--add", type=Path, help="plan file to add (default: a copy of one excerpt under a new name)")
    args = parser.parse_args(argv)
    settings = eval_settings("genre")
    seconds, plans, clauses = parse_seconds(settings.corpus_dir, args.repeat)
    seeds_seconds, _, _ = parse_seconds(eval_settings("seeds").corpus_dir, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        new_plan = args.add
        if new_plan is None:  # a plan the index has not seen: an excerpt with its text edited
            source = settings.corpus_dir / "xian-2018.txt"
            new_plan = Path(tmp) / "xian-2018b.txt"
            new_plan.write_text(source.read_text(encoding="utf-8").replace("2018", "2019"), encoding="utf-8")
        rebuild = rebuild_after_add(settings, new_plan)
    json.dump({"parse_genre_corpus_s": round(seconds, 3), "plans": plans, "clauses": clauses,
               "parse_seeds_s": round(seeds_seconds, 3), **rebuild}, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
