"""The reliability matrix of issue 14: hostile JSONL lines, command lines and corpus faults through the real CLI.

`python -m evals.reliability` prints the matrix and writes evals/results/reliability.json. Every input runs
through `python -m rag.cli` in a subprocess (the fake embedder, so a corpus fault costs seconds, not a real
index build): inputs tried, failures, tracebacks, lines lost, silent plan losses, detection rate.
Goals: 0 tracebacks, 0 lines lost, 0 silent plan losses.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from evals import RESULTS_DIR
from evals.reliability_cases import (
    ArgCase,
    BatchCase,
    PlanCase,
    arg_cases,
    batch_cases,
    plan_cases,
)
from rag.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "corpus"
# A crash the CLI caught only in its last-resort handler still counts as a traceback: nobody planned for it.
_CRASH = re.compile(rb"Traceback \(most recent call last\)|^rag: [A-Z]\w*(Error|Exception)\b", re.M)


def rag(env: dict, argv, stdin: bytes = b"") -> subprocess.CompletedProcess:
    # cwd is the checkout under test: `python -m` puts the working directory before PYTHONPATH.
    return subprocess.run([sys.executable, "-m", "rag.cli", *argv], env=env, input=stdin, capture_output=True,
                          timeout=600, cwd=env["PYTHONPATH"], check=False)


def environment(corpus_dir: Path, index_dir: Path) -> dict:
    return {**os.environ, "PYTHONPATH": os.environ.get("RELIABILITY_CODE", str(PROJECT_ROOT)), "RAG_EMBED_RUNTIME": "fake", "RAG_EMBED_MODEL": "fake-hash",
            "RAG_CORPUS_DIR": str(corpus_dir), "RAG_INDEX_DIR": str(index_dir), "RAG_CONFIG": "/nonexistent"}


def crashed(result: subprocess.CompletedProcess) -> bool:
    return bool(_CRASH.search(result.stderr)) or result.returncode not in (0, 1, 2)


def output_rows(stdout: bytes) -> tuple[list[dict], int]:
    """The JSON rows of a run's stdout and how many lines were not valid UTF-8 JSON."""
    rows, broken = [], 0
    for line in stdout.split(b"\n"):
        if not line:
            continue
        try:
            rows.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):
            broken += 1
    return rows, broken


def run_batch(case: BatchCase, env: dict) -> dict:
    """One --jsonl input: every line must come back once, in order, bad lines with an error, good ones answered."""
    result = rag(env, ["ask", "--jsonl", "-"], case.data)
    rows, broken = output_rows(result.stdout)
    same_order = [r.get("id") for r in rows] == list(case.ids)
    detected = sum(1 for row, good in zip(rows, case.good) if not good and row.get("error"))
    answered = sum(1 for row, good in zip(rows, case.good) if good and not row.get("error") and row.get("citations"))
    return {"input": case.name, "lines": len(case.good), "out": len(rows), "broken_lines": broken,
            "lines_lost": max(0, len(case.good) - len(rows)) + broken, "in_order": same_order,
            "bad_lines": case.good.count(False), "bad_detected": detected,
            "good_lines": case.good.count(True), "good_answered": answered,
            "traceback": crashed(result), "exit": result.returncode,
            "errors": sorted({r["error"] for r in rows if r.get("error")})[:8]}


def run_arg(case: ArgCase, env: dict) -> dict:
    """One command line: answered with citations (exit 0) or refused with a message (exit 2), never a crash."""
    result = rag(env, case.argv)
    rows, broken = output_rows(result.stdout) if b"{" in result.stdout[:1] else ([], 0)
    message = (rows[0].get("error") if rows else "") or result.stderr.decode("utf-8", "replace").strip()
    if case.answer:
        ok = result.returncode == 0 and bool(rows) and bool(rows[0].get("citations")) and not rows[0].get("error")
    else:
        ok = result.returncode == 2 and bool(message)
    return {"input": case.name, "expected": "answer" if case.answer else "refuse", "ok": ok,
            "exit": result.returncode, "traceback": crashed(result), "broken_lines": broken,
            "message": message.splitlines()[-1][:160] if message else ""}


def reference_questions(limit_per_plan: int = 2) -> list[dict]:
    """Lead questions on each seed plan from the gold set, with their gold clause ids."""
    chosen, per_plan = [], {}
    for line in (PROJECT_ROOT / "evals" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        plans = row.get("plan_ids") or []
        if row["type"] == "lead" and row.get("variant") == "original" and len(plans) == 1 \
                and per_plan.get(plans[0], 0) < limit_per_plan:
            per_plan[plans[0]] = per_plan.get(plans[0], 0) + 1
            chosen.append({"id": row["id"], "question": row["question"], "plan_id": plans[0],
                           "gold": row["gold_clause_ids"]})
    return chosen


def answered_refs(result: subprocess.CompletedProcess, refs: list[dict]) -> set[str]:
    rows, _ = output_rows(result.stdout)
    by_id = {row.get("id"): row for row in rows}
    return {ref["id"] for ref in refs
            if (row := by_id.get(ref["id"])) and row.get("citations") and row["citations"][0]["clause_id"] in ref["gold"]}


def run_plan(case: PlanCase, refs: list[dict], baseline: set[str], work: Path) -> dict:
    """One corpus fault: every plan still answers, or its loss is named by `index build` and `ask` on stderr."""
    folder = work / case.name.replace(" ", "_").replace("/", "_") / "corpus"
    shutil.copytree(SEEDS, folder)
    case.make(folder)
    env = environment(folder, folder.parent / "index")
    build = rag(env, ["index", "build"])
    stdin = "".join(json.dumps({"id": r["id"], "question": r["question"]}, ensure_ascii=False) + "\n" for r in refs)
    ask = rag(env, ["ask", "--jsonl", "-"], stdin.encode("utf-8"))
    warnings = {stream: [line for line in result.stderr.decode("utf-8", "replace").splitlines()
                         if line.startswith("warning: ")] for stream, result in (("build", build), ("ask", ask))}
    answered = answered_refs(ask, refs) & baseline
    lost_plans = sorted({r["plan_id"] for r in refs if r["id"] in baseline and r["id"] not in answered})
    everything = " ".join(warnings["build"] + warnings["ask"])
    silent = [p for p in lost_plans if f"{p}.txt" not in everything and "plans.toml" not in everything]
    named = case.named in " ".join(warnings["build"]) and case.named in " ".join(warnings["ask"]) if case.named else None
    return {"input": case.name, "fault": bool(case.named), "detected": named, "references": len(baseline),
            "answered": len(answered), "plans_lost": lost_plans, "silent_plan_losses": silent,
            "traceback": crashed(build) or crashed(ask), "exit": [build.returncode, ask.returncode],
            "warnings": warnings["ask"][:6]}


def summarise(batches: list[dict], args: list[dict], plans: list[dict]) -> list[dict]:
    """One row per input family: inputs tried, failures, tracebacks, lines lost, silent plan losses, detection."""
    batch_failed = [b for b in batches if b["lines_lost"] or not b["in_order"] or b["traceback"]
                    or b["bad_detected"] < b["bad_lines"] or b["good_answered"] < b["good_lines"]]
    faults = [p for p in plans if p["fault"]]
    plan_failed = [p for p in plans if p["traceback"] or p["silent_plan_losses"] or p["detected"] is False
                   or (not p["fault"] and p["answered"] < p["references"])]
    return [
        {"family": "jsonl batches", "inputs": len(batches), "lines": sum(b["lines"] for b in batches),
         "failures": len(batch_failed), "tracebacks": sum(b["traceback"] for b in batches),
         "lines_lost": sum(b["lines_lost"] for b in batches),
         "detected": sum(b["bad_detected"] for b in batches), "faults": sum(b["bad_lines"] for b in batches)},
        {"family": "command lines", "inputs": len(args), "failures": sum(not a["ok"] for a in args),
         "tracebacks": sum(a["traceback"] for a in args), "lines_lost": sum(a["broken_lines"] for a in args),
         "detected": sum(a["ok"] for a in args if a["expected"] == "refuse"),
         "faults": sum(a["expected"] == "refuse" for a in args)},
        {"family": "corpus and plans.toml faults", "inputs": len(plans), "failures": len(plan_failed),
         "tracebacks": sum(p["traceback"] for p in plans),
         "silent_plan_losses": sum(len(p["silent_plan_losses"]) for p in plans),
         "reported_plan_losses": sum(len(p["plans_lost"]) - len(p["silent_plan_losses"]) for p in plans),
         "detected": sum(bool(p["detected"]) for p in faults), "faults": len(faults)},
        # Filled by their owners' scripts (issue 14 items 1, 2, 6, 7); kept here so the matrix is one table.
        {"family": "index faults (flips, truncations, kills) — pg engineer", "inputs": None, "detected": None,
         "faults": None, "note": "to be filled from the index fault checks"},
        {"family": "app soak: RSS over 10 min of 20 sessions — app engineer", "inputs": None,
         "note": "to be filled by evals.load_app"},
        {"family": "app: worst wait of a short question beside 4 abusive clients — app engineer", "inputs": None,
         "note": "to be filled by evals.load_app"},
    ]


def print_matrix(summary: list[dict], batches: list[dict], args: list[dict], plans: list[dict]) -> None:
    print(f"{'family':58} {'inputs':>6} {'fail':>5} {'trace':>5} {'lost':>5} {'silent':>6} {'detected':>9}")
    for row in summary:
        if row["inputs"] is None:
            print(f"{row['family']:58} {'—':>6}  ({row['note']})")
            continue
        detected = f"{row['detected']}/{row['faults']}"
        print(f"{row['family']:58} {row['inputs']:>6} {row['failures']:>5} {row['tracebacks']:>5} "
              f"{row.get('lines_lost', 0):>5} {row.get('silent_plan_losses', 0):>6} {detected:>9}")
    for label, rows, bad in (("jsonl", batches, lambda b: b["lines_lost"] or b["bad_detected"] < b["bad_lines"]
                              or b["good_answered"] < b["good_lines"] or not b["in_order"]),
                             ("args", args, lambda a: not a["ok"]),
                             ("plans", plans, lambda p: p["silent_plan_losses"] or p["detected"] is False
                              or (not p["fault"] and p["answered"] < p["references"]))):
        for row in rows:
            if bad(row) or row["traceback"]:
                print(f"  FAILED {label}: {json.dumps(row, ensure_ascii=False)[:400]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-plans", action="store_true", help="only the JSONL and command-line inputs (fast)")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR / "reliability.json")
    parser.add_argument("--code", type=Path, help="run the rag CLI of another checkout (e.g. before a change)")
    options = parser.parse_args(argv)
    if options.code:
        os.environ["RELIABILITY_CODE"] = str(options.code.resolve())
    with tempfile.TemporaryDirectory(prefix="rag-reliability-") as tmp:
        work = Path(tmp)
        env = environment(SEEDS, work / "index")
        rag(env, ["index", "build"])
        batches = [run_batch(case, env) for case in batch_cases()]
        args = [run_arg(case, env) for case in arg_cases()]
        plans: list[dict] = []
        refs = reference_questions()
        baseline: set[str] = set()
        if not options.skip_plans:
            stdin = "".join(json.dumps({"id": r["id"], "question": r["question"]}, ensure_ascii=False) + "\n"
                            for r in refs)
            baseline = answered_refs(rag(env, ["ask", "--jsonl", "-"], stdin.encode("utf-8")), refs)
            for case in plan_cases():
                plans.append(run_plan(case, refs, baseline, work))
                print(f"  {case.name}: {plans[-1]['answered']}/{plans[-1]['references']} answered, "
                      f"detected={plans[-1]['detected']}", file=sys.stderr)
    summary = summarise(batches, args, plans)
    print_matrix(summary, batches, args, plans)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps({"summary": summary, "jsonl": batches, "args": args, "plans": plans,
                                       "reference_questions": [r["id"] for r in refs if r["id"] in baseline]},
                                      ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
