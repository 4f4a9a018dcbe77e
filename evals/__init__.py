"""Evaluation suite: gold questions on clause ids, metrics, scorer and baselines."""
from __future__ import annotations

from pathlib import Path

EVALS_DIR = Path(__file__).resolve().parent
GOLD_PATH = EVALS_DIR / "gold.jsonl"
RESULTS_DIR = EVALS_DIR / "results"
# The gold sets: plan-worded questions on the seeds, everyday and English questions on the seeds, and questions
# on real plans of other governments (the excerpts in tests/fixtures/plans-dev, asked beside the seeds).
GOLD_SETS = {
    "seeds": GOLD_PATH,
    "everyday": EVALS_DIR / "gold_everyday.jsonl",
    "genre": EVALS_DIR / "gold_genre.jsonl",
}
GENRE_PLANS_DIR = EVALS_DIR.parent / "tests" / "fixtures" / "plans-dev"
