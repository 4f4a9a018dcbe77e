"""Calibrate the abstention floors on the dev questions (never on test): python -m evals.calibrate [--write]."""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Sequence

from evals import GOLD_SETS, RESULTS_DIR
from evals.resolve_gold import load_gold
from evals.score import select

LEXICAL_GRID = [round(0.04 + 0.02 * i, 2) for i in range(34)]
DENSE_GRID = [round(0.75 + 0.01 * i, 2) for i in range(21)]


@dataclass(frozen=True)
class Point:
    """One dev question's evidence: should it be answered, and how well do the top clauses support it."""

    answerable: bool
    lexical: float
    dense: float
    english: bool


def balanced_accuracy(points: Sequence[Point], lexical_floor: float, dense_floor: float) -> float:
    """Mean of the share of answerable questions answered and the share of unanswerable ones abstained."""
    answered = [p.lexical >= lexical_floor or p.dense >= dense_floor for p in points]
    keep = [a for a, p in zip(answered, points) if p.answerable]
    drop = [not a for a, p in zip(answered, points) if not p.answerable]
    shares = [sum(group) / len(group) for group in (keep, drop) if group]
    return sum(shares) / len(shares) if shares else 0.0


def best_floors(points: Sequence[Point]) -> tuple[float, float, float]:
    """The (lexical, dense) floors with the best balanced accuracy: the middle of the best region on each axis."""
    scored = [(round(balanced_accuracy(points, lf, df), 6), lf, df) for lf in LEXICAL_GRID for df in DENSE_GRID]
    score = max(row[0] for row in scored)
    best = [row for row in scored if row[0] == score]
    lexical = sorted({row[1] for row in best})[len({row[1] for row in best}) // 2]
    dense = sorted({row[2] for row in best if row[1] == lexical})
    return lexical, dense[len(dense) // 2], score


def collect(assistant, questions: Sequence[dict]) -> list[Point]:
    """Evidence of each question as the assistant sees it (analysis, plan filter, retrieval).

    Questions another rule already abstains on (a place with no plan, a year the plan does not set) are left
    out: the floors only decide the rest.
    """
    points = []
    for question in questions:
        query = assistant.understand(question["question"], None, None)
        if (query.unknown_places and not query.plan_ids) or (query.year and not question["answerable"]):
            continue
        plan_ids = query.plan_ids or None
        hits = assistant.retriever.search(query.search_text, k=assistant.settings.top_k, plan_ids=plan_ids,
                                          expansion=query.expansion)
        lexical, dense = assistant.support(query, hits, plan_ids)
        points.append(Point(bool(question["answerable"]), lexical, dense, query.language == "en"))
    return points


def main(argv: Sequence[str] | None = None) -> int:
    from rag.assistant import Assistant

    parser = argparse.ArgumentParser(prog="python -m evals.calibrate", description=__doc__)
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(GOLD_SETS),
                        help="gold sets to calibrate on (repeatable; default: seeds and everyday)")
    args = parser.parse_args(argv)
    questions = [q for name in (args.sets or ["seeds", "everyday"]) for q in select(load_gold(GOLD_SETS[name]), "dev")]
    points = collect(Assistant.load(), questions)
    chinese = [p for p in points if not p.english]
    lexical, dense, score = best_floors(chinese)
    english = [p for p in points if p.english]
    # English questions share the lexical floor; their dense floor is the strictest that keeps the best score
    # (dev has few English questions and no unanswerable ones, so lenience would be unmeasured).
    dense_en = max(DENSE_GRID, key=lambda d: (round(balanced_accuracy(english, lexical, d), 6), d)) if english else dense
    result = {"lexical_floor": lexical, "dense_floor": dense, "dense_floor_en": dense_en,
              "balanced_accuracy_zh": round(score, 3), "questions": len(points), "english": len(english),
              "unanswerable": sum(not p.answerable for p in points)}
    (RESULTS_DIR / "calibration.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
