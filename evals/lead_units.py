"""Unit accuracy of the extracted responsibility notes on the gold who-questions: `python -m evals.lead_units [--set genre]`.

For each gold question of type lead or cooperate whose answer is a set of units, the notes extracted at its gold
clauses are read: the question counts as right when every expected unit is among the units of one note in the role
the question asks for (lead for 牵头/负责 questions, or a note's own 责任单位 when it names no lead; cooperating or
implementing for the others, which the gold file files under "cooperate" or "implement"). Questions whose gold clause carries no note (responsibility in prose) are counted apart.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

from evals.corpora import eval_settings, gold_set_path
from evals.resolve_gold import load_gold
from rag.corpus.loader import load_corpus
from rag.corpus.units import canonical


def _names(units) -> set[str]:
    return {u.name for u in units} | {canonical(u.text) for u in units}


# A list sharing one ending ("三元区、梅列区人民政府") gives every unit that ending, and a unit may carry a bracketed
# gloss ("各县（区）人民政府（管委会）"): the gold names "三元区" as the plan writes it.
_GOVERNMENT_REST = re.compile(r"^(?:人民政府|政府|办事处|街道办事处)?(?:[(（][^()（）]{1,8}[)）])?$")


def _found(expected: str, names: set[str]) -> bool:
    wanted = canonical(expected)
    return any(wanted == name or name.endswith(wanted) or wanted.endswith(name)
               or (name.startswith(wanted) and _GOVERNMENT_REST.match(name[len(wanted):])) for name in names)


def judge(question: dict, notes_by_clause: dict) -> str:
    """right | wrong | no-note for one gold who-question."""
    notes = [n for cid in question.get("gold_clause_ids") or [] for n in notes_by_clause.get(cid, ())]
    if not notes:
        return "no-note"
    for note in notes:
        if question["type"] == "lead":
            # A note naming no lead ("责任单位：县住建局" alone) answers "由哪个单位负责" with its own 责任单位: the
            # answer gives them as the plan writes them, and nobody else is named for the task.
            own = tuple(u for u in note.implementing_units if u not in note.inherited)
            names = _names(note.lead_units) if note.lead_units else _names(own)
        else:
            names = _names(note.cooperating_units) | _names(note.implementing_units)
        if all(_found(unit, names) for unit in question["expected"]):
            return "right"
    return "wrong"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.lead_units", description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="genre", dest="gold_set")
    args = parser.parse_args(argv)
    corpus = load_corpus(eval_settings(args.gold_set).corpus_dir)
    notes_by_clause: dict[str, list] = {}
    for note in corpus.responsibilities:
        notes_by_clause.setdefault(note.clause_id, []).append(note)
    tally: Counter = Counter()
    rows = []
    for question in load_gold(gold_set_path(args.gold_set)):
        if question["type"] in ("lead", "cooperate", "implement") and question["answerable"]:
            verdict = judge(question, notes_by_clause)
            tally[(question["type"], question["split"], verdict)] += 1
            rows.append({"id": question["id"], "verdict": verdict})
    summary = {f"{t}/{s}/{v}": n for (t, s, v), n in sorted(tally.items())}
    noted = [r for r in rows if r["verdict"] != "no-note"]
    summary["unit_accuracy_on_noted"] = round(sum(r["verdict"] == "right" for r in noted) / max(1, len(noted)), 3)
    summary["noted"] = len(noted)
    json.dump({"summary": summary, "questions": rows}, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
