"""The `rag` commands over the plans themselves: clauses, facts (also by unit, across plans), plans and add."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rag.cli_common import corpus_of, print_json, settings_of


def cmd_clauses(args: argparse.Namespace) -> int:
    from rag.corpus.rows import clause_rows

    for row in clause_rows(corpus_of(args), args.plan):
        if args.json:
            print_json(row)
        else:
            print(f"{row['clause_id']}  [{row['kind']}]  {row['text'][:80]}")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    from rag.corpus.rows import FACT_KINDS, fact_rows

    corpus = corpus_of(args)
    if args.unit:
        return _facts_of_unit(args, corpus)
    for kind in [args.kind] if args.kind else FACT_KINDS:
        for row in fact_rows(corpus, kind, args.plan):
            if args.json:
                print_json({"kind": kind, **row})
            else:
                print(_fact_line(kind, row))
    return 0


def _facts_of_unit(args: argparse.Namespace, corpus) -> int:
    """`rag facts --unit 住建局`: every responsibility naming the unit, across plans (one SQL query on PostgreSQL)."""
    from rag.corpus.rows import fact_rows
    from rag.search.backend import responsibilities_of_unit

    wanted = {(r.plan_id, r.clause_id, r.note) for r in
              responsibilities_of_unit(settings_of(args), args.unit, [args.plan] if args.plan else None, corpus)}
    for row in fact_rows(corpus, "responsibility", args.plan):
        if (row["plan_id"], row["clause_id"], row["note"]) in wanted:
            print_json({"kind": "responsibility", **row}) if args.json else print(_fact_line("responsibility", row))
    return 0


def _fact_line(kind: str, row: dict[str, Any]) -> str:
    if kind == "responsibility":
        return (f"{row['clause_id']}  牵头：{'、'.join(row['lead_units']) or '—'}  配合：{'、'.join(row['cooperating_units']) or '—'}"
                f"  落实：{'、'.join(row['implementing_units']) or '—'}  {row['task'][:40]}")
    if kind == "target":
        return f"{row['clause_id']}  {row['indicator']}  {row['comparator']} {row['value_text']}  {row['year'] or ''}"
    return f"{row['clause_id']}  {row['text']}  ({row['kind']})"


def cmd_add(args: argparse.Namespace) -> int:
    from rag.corpus.catalog import add_plan

    corpus_dir = settings_of(args).corpus_dir
    refused = 0
    for path in args.paths:
        added = add_plan(Path(path), corpus_dir)
        if added.plan is None:
            refused += 1
            print(f"rag: refused {added.problem}", file=sys.stderr)
            continue
        plan = added.plan
        print(f"added {plan.source_file} as {plan.plan_id}: {plan.title} | {plan.issuer or '—'} | {plan.level or '—'}"
              f" | {plan.province or '—'} | {'、'.join(plan.regions) or '—'} | {plan.date or '—'}"
              f"  (entry appended to {corpus_dir / 'plans.toml'}: edit it if a field is wrong)")
    return 1 if refused else 0


def cmd_plans(args: argparse.Namespace) -> int:
    from rag.corpus.catalog import plan_rows

    args.plan = None
    for row in plan_rows(corpus_of(args)):
        if args.json:
            print_json(row)
        else:
            print(f"{row['plan_id']}  {row['title']}  [{row['level'] or '—'}, {row['province'] or '—'}, {row['date'] or '—'}]"
                  f"  clauses {row['clauses']}, notes {row['notes']}, targets {row['targets']}, deadlines {row['deadlines']}")
    return 0
