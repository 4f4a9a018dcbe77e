"""Score the assistant on the gold questions: `rag eval [--set seeds|everyday|genre] [--split dev|test|all] [--json]`."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

from evals import GOLD_SETS, RESULTS_DIR
from evals.corpora import eval_settings, gold_set_path
from evals.metrics import (
    answer_correct,
    citation_precision,
    citation_recall,
    recall_at_k,
    reciprocal_rank,
    summarize,
    summarize_by,
)
from evals.resolve_gold import load_gold

SPLITS = ("dev", "test", "all")
RETRIEVAL_K = 10
COLUMNS = (
    ("n", "n"), ("accuracy", "acc"), ("recall@1", "R@1"), ("recall@5", "R@5"), ("recall@10", "R@10"),
    ("mrr", "MRR"), ("citation_precision", "cit P"), ("citation_recall", "cit R"), ("citation_hit", "cit hit"),
    ("wrong_answer", "wrong"), ("abstain_precision", "abst P"), ("abstain_recall", "abst R"), ("grounding_pass", "grounded"),
    ("latency_p50_ms", "p50 ms"), ("latency_p95_ms", "p95 ms"),
)


def select(questions: Sequence[dict], split: str, limit: int | None = None) -> list[dict]:
    """The questions of one split (or all), in file order, at most `limit` of them."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    chosen = [q for q in questions if split == "all" or q["split"] == split]
    return chosen[:limit] if limit else chosen


def score_question(question: Mapping, *, answer: str, abstained: bool, cited_ids: Sequence[str],
                   ranked_ids: Sequence[str] | None, grounded: bool | None, latency_ms: float | None,
                   gold_texts: Sequence[str] = ()) -> dict[str, Any]:
    """One per-question record: the metrics that apply to it, None for those that do not."""
    gold_ids = question.get("gold_clause_ids") or []
    scored = bool(question["answerable"] and gold_ids)
    correct = answer_correct(answer, abstained, question, gold_texts)
    record: dict[str, Any] = {
        "id": question["id"], "type": question["type"], "variant": question["variant"],
        "answerable": question["answerable"], "abstained": abstained,
        "accuracy": float(correct),
        # The trust figure: of the answers given (not refused), the share that is wrong.
        "wrong_answer": None if abstained else float(not correct),
        "citation_precision": citation_precision(cited_ids, gold_ids) if scored else None,
        "citation_recall": citation_recall(cited_ids, gold_ids) if scored else None,
        "citation_hit": float(bool(set(cited_ids) & set(gold_ids))) if scored else None,
        "grounding_pass": None if grounded is None else float(grounded),
        "latency_ms": latency_ms,
    }
    for k in (1, 5, 10):
        record[f"recall@{k}"] = recall_at_k(ranked_ids, gold_ids, k) if scored and ranked_ids is not None else None
    record["mrr"] = reciprocal_rank(ranked_ids, gold_ids) if scored and ranked_ids is not None else None
    record.update(answer=answer[:300], cited=list(cited_ids), gold=list(gold_ids))
    return record


def ask_and_score(assistant: Any, question: Mapping, clause_texts: Mapping[str, str]) -> dict[str, Any]:
    """Ask one question through the assistant (and its retriever, when it has one) and score it."""
    started = time.perf_counter()
    reply = assistant.ask(question["question"])
    wall_ms = (time.perf_counter() - started) * 1000
    ranked = None
    retrieve = getattr(assistant, "retrieve", None)  # the product's path: analysis, plan filter, fusion
    retriever = getattr(assistant, "retriever", None)
    if retrieve is not None:
        ranked = [hit.clause.clause_id for hit in _safe_retrieve(retrieve, question["question"])]
    elif retriever is not None:
        ranked = [hit.clause.clause_id for hit in retriever.search(question["question"], k=RETRIEVAL_K)]
    gold_texts = [clause_texts[c] for c in question.get("gold_clause_ids") or [] if c in clause_texts]
    return score_question(
        question, answer=reply.answer, abstained=reply.abstained,
        cited_ids=[c.clause_id for c in reply.citations], ranked_ids=ranked,
        grounded=reply.grounding.passed, latency_ms=reply.latency_ms or wall_ms, gold_texts=gold_texts,
    )


def _safe_retrieve(retrieve: Any, question: str) -> list:
    """Hits for a question; a question the assistant rejects (empty, too long) retrieves nothing."""
    try:
        return retrieve(question, k=RETRIEVAL_K)
    except ValueError:
        return []


def report(split: str, records: Sequence[dict], system: str = "assistant") -> dict[str, Any]:
    """The result document: overall, per type, per variant, and every question's record."""
    return {
        "system": system, "split": split, "overall": summarize(records),
        "by_type": summarize_by(records, "type"), "by_variant": summarize_by(records, "variant"),
        "questions": list(records),
    }


def run_eval(split: str, assistant: Any, questions: Sequence[dict] | None = None, *,
             clause_texts: Mapping[str, str] | None = None, limit: int | None = None) -> dict[str, Any]:
    """Ask every question of the split and return the metrics (see report())."""
    chosen = select(load_gold() if questions is None else questions, split, limit)
    if clause_texts is None:
        clause_texts = corpus_texts(assistant)
    return report(split, [ask_and_score(assistant, q, clause_texts) for q in chosen])


def corpus_texts(assistant: Any) -> dict[str, str]:
    """clause id → display text, from the assistant's corpus or else a fresh parse of corpus/."""
    corpus = getattr(assistant, "corpus", None)
    if corpus is None:
        from rag.config import Settings
        from rag.corpus.loader import load_corpus

        corpus = load_corpus(Settings.load().corpus_dir)
    return {c.clause_id: c.text for c in corpus.clauses}


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}" if key.endswith("_ms") else f"{value:.3f}"


def markdown_table(rows: Mapping[str, Mapping[str, Any]], first: str) -> str:
    """One markdown table: a row per group, a column per metric."""
    lines = [f"| {first} | " + " | ".join(h for _, h in COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(_cell(key, row.get(key)) for key, _ in COLUMNS) + " |")
    return "\n".join(lines)


def to_markdown(result: Mapping[str, Any]) -> str:
    """The result as markdown: per type and overall, then per variant."""
    by_type = {**result["by_type"], "**overall**": result["overall"]}
    return (f"# {result['system']} on {result['split']}\n\n" + markdown_table(by_type, "type")
            + "\n\n" + markdown_table(result["by_variant"], "variant") + "\n")


def write_results(result: Mapping[str, Any], name: str, out_dir: Path = RESULTS_DIR) -> tuple[Path, Path]:
    """Write <name>.json and <name>.md into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / f"{name}.json", out_dir / f"{name}.md"
    json_path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    md_path.write_text(to_markdown(result), encoding="utf-8")
    return json_path, md_path


def main(argv: Sequence[str] | None = None) -> int:
    """`rag eval`: score the assistant, write evals/results/<split>.json/.md, print a summary."""
    parser = argparse.ArgumentParser(prog="rag eval", description=__doc__)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--json", action="store_true", help="print the overall and per-type metrics as JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions of the split")
    parser.add_argument("--set", dest="gold_set", choices=tuple(GOLD_SETS), default="seeds",
                        help="seeds: plan-worded; everyday: users' words and English; genre: other governments' plans")
    parser.add_argument("--gold", type=Path, default=None, help="a gold file (overrides --set's file)")
    args = parser.parse_args(argv)
    from rag.assistant import Assistant

    settings = eval_settings(args.gold_set)
    questions = load_gold(args.gold or gold_set_path(args.gold_set))
    result = run_eval(args.split, Assistant.load(settings), questions, limit=args.limit)
    result["gold_set"] = args.gold_set
    write_results(result, args.split if args.gold_set == "seeds" else f"{args.gold_set}-{args.split}")
    if args.json:
        print(json.dumps({k: result[k] for k in ("gold_set", "split", "overall", "by_type", "by_variant")},
                         ensure_ascii=False))
    else:
        print(to_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
