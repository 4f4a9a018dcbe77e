"""Calibrate the abstention floors on the dev questions (never on test): python -m evals.calibrate [--set S]…

Each dev question of the chosen sets (default: all three, each over its own corpus) is asked once with the
evidence floors off, which gives its evidence (lexical coverage, best dense cosine) and what the answer would be
(right, wrong, or refused by another rule). A pair of floors then turns every question below both into a
refusal; the floors chosen keep the most right answers per wrong one given (`utility`: a wrong answer costs
WRONG_COST right ones, "wrong is worse than silent"). Balanced accuracy over the evidence alone, the former
criterion, proposed floors the end-to-end eval did not support (lexical 0.70: many right answers refused).
"""
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
WRONG_COST = 3.0  # a wrong answer given weighs as much as three right ones lost


@dataclass(frozen=True)
class Point:
    """One dev question: its evidence, and how it ends when the floors let it through."""

    answerable: bool
    lexical: float
    dense: float
    english: bool
    outcome: str = ""  # right | wrong | refused: the answer with the floors off ("" when not measured)


def answered(point: Point, lexical_floor: float, dense_floor: float) -> bool:
    """Whether the floors let the question through to an answer."""
    return point.lexical >= lexical_floor or point.dense >= dense_floor


def balanced_accuracy(points: Sequence[Point], lexical_floor: float, dense_floor: float) -> float:
    """Mean of the share of answerable questions answered and the share of unanswerable ones abstained."""
    through = [answered(p, lexical_floor, dense_floor) for p in points]
    keep = [a for a, p in zip(through, points) if p.answerable]
    drop = [not a for a, p in zip(through, points) if not p.answerable]
    shares = [sum(group) / len(group) for group in (keep, drop) if group]
    return sum(shares) / len(shares) if shares else 0.0


def outcomes(points: Sequence[Point], lexical_floor: float, dense_floor: float) -> tuple[int, int]:
    """(right, wrong given) over the points under these floors; a refusal is right for an unanswerable question."""
    right = wrong = 0
    for point in points:
        end = point.outcome if answered(point, lexical_floor, dense_floor) else "refused"
        if end == "refused":
            right += not point.answerable
        else:
            right += end == "right"
            wrong += end == "wrong"
    return right, wrong


def utility(points: Sequence[Point], lexical_floor: float, dense_floor: float) -> float:
    """Right answers minus WRONG_COST per wrong answer given, per question."""
    right, wrong = outcomes(points, lexical_floor, dense_floor)
    return (right - WRONG_COST * wrong) / len(points) if points else 0.0


def best_floors(points: Sequence[Point], score=balanced_accuracy) -> tuple[float, float, float]:
    """The (lexical, dense) floors with the best score: the middle of the best region on each axis."""
    scored = [(round(score(points, lf, df), 6), lf, df) for lf in LEXICAL_GRID for df in DENSE_GRID]
    top = max(row[0] for row in scored)
    best = [row for row in scored if row[0] == top]
    lexical = sorted({row[1] for row in best})[len({row[1] for row in best}) // 2]
    dense = sorted({row[2] for row in best if row[1] == lexical})
    return lexical, dense[len(dense) // 2], top


def collect(assistant, questions: Sequence[dict]) -> list[Point]:
    """Evidence and floor-free outcome of each question as the assistant sees it (analysis, filter, retrieval).

    Questions another rule already abstains on (a place with no plan, a year the plan does not set) are left
    out: the floors only decide the rest.
    """
    from evals.metrics import answer_correct
    from evals.score import corpus_texts
    from rag.answer.evidence import Floors

    texts = corpus_texts(assistant)
    open_assistant = replace_floors(assistant, Floors(0.0, -1.0, -1.0))
    points = []
    for question in questions:
        query = assistant.understand(question["question"], None, None)
        if (query.unknown_places and not query.plan_ids) or (query.year and not question["answerable"]):
            continue
        plan_ids = query.plan_ids or None
        hits = assistant.retriever.search(query.search_text, k=assistant.settings.top_k, plan_ids=plan_ids,
                                          expansion=query.expansion)
        lexical, dense = assistant.support(query, hits, plan_ids)
        reply = open_assistant.ask(question["question"])
        gold = [texts[c] for c in question.get("gold_clause_ids") or [] if c in texts]
        outcome = "refused" if reply.abstained else (
            "right" if answer_correct(reply.answer, False, question, gold) else "wrong")
        points.append(Point(bool(question["answerable"]), lexical, dense, query.language == "en", outcome))
    return points


def replace_floors(assistant, floors):
    """A shallow copy of the assistant answering under other floors (the index and models are shared)."""
    from copy import copy

    other = copy(assistant)
    other.floors = floors
    return other


def calibrate(points: Sequence[Point]) -> dict:
    """The floors for Chinese and English questions, with the figures they give on the points."""
    chinese = [p for p in points if not p.english]
    english = [p for p in points if p.english]
    lexical, dense, score = best_floors(chinese, utility)
    # English questions share the lexical floor; their dense floor is the strictest that keeps the best utility.
    dense_en = max(DENSE_GRID, key=lambda d: (round(utility(english, lexical, d), 6), d)) if english else dense
    right_zh, wrong_zh = outcomes(chinese, lexical, dense)
    right_en, wrong_en = outcomes(english, lexical, dense_en)
    return {"lexical_floor": lexical, "dense_floor": dense, "dense_floor_en": dense_en,
            "utility_zh": round(score, 3), "right": right_zh + right_en, "wrong": wrong_zh + wrong_en,
            "questions": len(points), "english": len(english), "unanswerable": sum(not p.answerable for p in points)}


def figures(points: Sequence[Point], lexical: float, dense: float, dense_en: float) -> dict:
    """Right and wrong answers over the points under the given floors (for comparing with the chosen ones)."""
    right_zh, wrong_zh = outcomes([p for p in points if not p.english], lexical, dense)
    right_en, wrong_en = outcomes([p for p in points if p.english], lexical, dense_en)
    return {"floors": [lexical, dense, dense_en], "right": right_zh + right_en, "wrong": wrong_zh + wrong_en}


@dataclass(frozen=True)
class Given:
    """One answer given on a dev question under the product's own floors: its path and evidence scores."""

    path: str  # the intent that answered (lead, target, deadline, obligation, list, general…)
    right: bool
    scores: dict  # name → value: lexical, dense, quote (the least share of the subject a cited quote covers)


PATH_WRONG_COST = 2.0  # per answer path: removing one wrong answer is worth losing two right ones


def path_floors(given: Sequence[Given]) -> dict:
    """Per answer path and score, the floor that best trades right answers lost for wrong ones removed (a wrong
    one removed weighs PATH_WRONG_COST right ones), with both counts; a path whose wrong answers no floor
    separates gets floor None. Measured over the three dev sets this stop: no floor removed a wrong answer at
    less than its cost on any path (the wrong answers are confident: another fact of a well-covered clause)."""
    report = {}
    for path in sorted({g.path for g in given}):
        ones = [g for g in given if g.path == path]
        row = {"given": len(ones), "wrong": sum(not g.right for g in ones)}
        for name in sorted({k for g in ones for k in g.scores}):
            best = (0.0, None, 0, 0)
            for floor in sorted({g.scores[name] for g in ones if name in g.scores}):
                below = [g for g in ones if g.scores.get(name, floor) < floor]
                lost, removed = sum(g.right for g in below), sum(not g.right for g in below)
                gain = PATH_WRONG_COST * removed - lost
                if gain > best[0]:
                    best = (gain, round(floor, 3), lost, removed)
            row[name] = {"floor": best[1], "right_lost": best[2], "wrong_removed": best[3]}
        report[path] = row
    return report


def collect_given(assistant, questions: Sequence[dict]) -> list[Given]:
    """Each answer the assistant gives on the questions, with its path and evidence scores."""
    from evals.metrics import answer_correct
    from evals.score import corpus_texts
    from rag.answer.evidence import content_of, coverage

    texts = corpus_texts(assistant)
    given = []
    for question in questions:
        reply = assistant.ask(question["question"])
        if reply.abstained:
            continue
        query = assistant.understand(question["question"], None, None)
        plan_ids = query.plan_ids or None
        hits = assistant.retriever.search(query.search_text, k=assistant.settings.top_k, plan_ids=plan_ids,
                                          expansion=query.expansion)
        lexical, dense = assistant.support(query, hits, plan_ids)
        subject = content_of(query.about())
        quote = min((coverage(subject, c.quote or c.text) for c in reply.citations), default=0.0)
        gold = [texts[c] for c in question.get("gold_clause_ids") or [] if c in texts]
        right = bool(question["answerable"]) and answer_correct(reply.answer, False, question, gold)
        given.append(Given(str(query.intent), right, {"lexical": lexical, "dense": dense, "quote": quote}))
    return given


def main(argv: Sequence[str] | None = None) -> int:
    from evals.corpora import eval_settings
    from rag.assistant import Assistant

    parser = argparse.ArgumentParser(prog="python -m evals.calibrate", description=__doc__)
    parser.add_argument("--set", dest="sets", action="append", choices=sorted(GOLD_SETS),
                        help="gold sets to calibrate on (repeatable; default: all)")
    parser.add_argument("--paths", action="store_true",
                        help="per answer path: the floor on each evidence score that best removes wrong answers")
    args = parser.parse_args(argv)
    if args.paths:
        given: list[Given] = []
        for name in args.sets or sorted(GOLD_SETS):
            given += collect_given(Assistant.load(eval_settings(name)), select(load_gold(GOLD_SETS[name]), "dev"))
        print(json.dumps(path_floors(given), ensure_ascii=False, indent=1))
        return 0
    points: list[Point] = []
    for name in args.sets or sorted(GOLD_SETS):
        assistant = Assistant.load(eval_settings(name))
        points += collect(assistant, select(load_gold(GOLD_SETS[name]), "dev"))
    result = calibrate(points)
    settings = eval_settings("seeds")
    result["at_settings"] = figures(points, settings.lexical_floor, settings.dense_floor, settings.dense_floor_en)
    (RESULTS_DIR / "calibration.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
