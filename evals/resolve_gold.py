"""Fill gold_clause_ids in gold.jsonl from each gold entry's verbatim `match` strings.

`python -m evals.resolve_gold` reports; `--write` also rewrites gold.jsonl in place.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from evals import GOLD_PATH, GOLD_SETS
from rag.normalize import normalize
from rag.types import Clause


@dataclass(frozen=True)
class Resolution:
    """The clause one gold entry resolved to, or why it did not."""

    question_id: str
    plan_id: str
    match: tuple[str, ...]
    clause_id: str | None
    status: str  # ok | missing | ambiguous (several different smallest clauses; the first is kept)


def load_gold(path: Path = GOLD_PATH) -> list[dict]:
    """The gold questions, one dict per JSON line."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_gold(questions: Iterable[dict], path: Path = GOLD_PATH) -> None:
    """Write questions back as JSON lines, atomically (the file is the source of truth)."""
    path = Path(path)
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for question in questions:
            handle.write(json.dumps(question, ensure_ascii=False) + "\n")
    tmp.replace(path)


def find_clause(match: Sequence[str], clauses: Sequence[tuple[Clause, str]]) -> tuple[str | None, str]:
    """The smallest clause whose normalised text holds every match string, and a status.

    `clauses` pairs each clause with normalize(clause.text), computed once by the caller.
    """
    needles = [normalize(m) for m in match]
    found = [(c, norm) for c, norm in clauses if all(n in norm for n in needles)]
    if not found:
        return None, "missing"
    smallest = min(len(norm) for _, norm in found)
    tied = sorted(((c, norm) for c, norm in found if len(norm) == smallest), key=lambda pair: pair[0].start)
    # The changyi plan is printed twice; identical twins are the same clause, not an ambiguity.
    status = "ok" if len({norm for _, norm in tied}) == 1 else "ambiguous"
    return tied[0][0].clause_id, status


def resolve(questions: Sequence[dict], clauses: Sequence[Clause]) -> list[Resolution]:
    """Resolve every gold entry of every question against the parsed clauses."""
    by_plan: dict[str, list[tuple[Clause, str]]] = {}
    for clause in clauses:
        by_plan.setdefault(clause.plan_id, []).append((clause, normalize(clause.text)))
    resolutions = []
    for question in questions:
        for entry in question["gold"]:
            clause_id, status = find_clause(entry["match"], by_plan.get(entry["plan_id"], []))
            resolutions.append(Resolution(question["id"], entry["plan_id"], tuple(entry["match"]), clause_id, status))
    return resolutions


def apply(questions: Sequence[dict], resolutions: Sequence[Resolution]) -> list[dict]:
    """Copies of the questions with gold_clause_ids set from the resolutions (order kept, no repeats)."""
    ids: dict[str, list[str]] = {}
    for res in resolutions:
        bucket = ids.setdefault(res.question_id, [])
        if res.clause_id and res.clause_id not in bucket:
            bucket.append(res.clause_id)
    return [{**q, "gold_clause_ids": ids.get(q["id"], [])} for q in questions]


def main(argv: Sequence[str] | None = None) -> int:
    """Resolve, print problems, optionally write; exit 1 when any entry is missing."""
    parser = argparse.ArgumentParser(prog="python -m evals.resolve_gold", description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite gold.jsonl with the resolved ids")
    parser.add_argument("--set", dest="gold_set", choices=tuple(GOLD_SETS), default="seeds")
    parser.add_argument("--gold", type=Path, default=None, help="a gold file (overrides --set's file)")
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the set's corpus)")
    args = parser.parse_args(argv)
    from evals.corpora import eval_settings, gold_set_path
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(args.corpus or eval_settings(args.gold_set).corpus_dir)
    args.gold = args.gold or gold_set_path(args.gold_set)
    questions = load_gold(args.gold)
    resolutions = resolve(questions, corpus.clauses)
    for res in resolutions:
        if res.status != "ok":
            print(f"{res.status}: {res.question_id} {res.plan_id} {list(res.match)} -> {res.clause_id}")
    missing = sum(r.status == "missing" for r in resolutions)
    print(f"{len(resolutions)} gold entries, {missing} missing, "
          f"{sum(r.status == 'ambiguous' for r in resolutions)} ambiguous")
    if args.write:
        write_gold(apply(questions, resolutions), args.gold)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
