"""Evaluation suite: gold questions on clause ids, metrics, scorer and baselines."""
from __future__ import annotations

from pathlib import Path

EVALS_DIR = Path(__file__).resolve().parent
GOLD_PATH = EVALS_DIR / "gold.jsonl"
RESULTS_DIR = EVALS_DIR / "results"
