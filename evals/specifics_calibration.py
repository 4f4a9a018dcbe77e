"""Calibration of rag.answer.specifics on the dev questions: what refusing answers whose cited text does not carry a
question's specific word would do, at several settings, without changing any answer.

Each dev question is answered as the product answers it; for each given answer the question's specific words that
the cited text does not write are recorded with their meaning evidence (the cited clause's rank among the word's
nearest clauses, and the word's weight in the question-to-clause cosine). Each rule is then applied to the
recorded answers: a refused correct answer is lost, a refused wrong answer or answered unanswerable is gained.

    python -m evals.specifics_calibration --set everyday [--gold FILE] [--verbose]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rag.answer.evidence import bigrams
from rag.normalize import normalize

Rule = Callable[[str, int, float], bool]


def rules(corpus_grams: set[str]) -> dict[str, Rule]:
    """The settings compared: a word none of whose character pairs the corpus writes ("absent"), with no cited
    clause among its nearest NEAR_DEPTH clauses (rank), or weighing against the cited clause (weight)."""
    def absent(word: str) -> bool:
        return not (bigrams(word) & corpus_grams)

    return {
        "absent & rank>8": lambda w, k, d: absent(w) and k > 8,
        "absent & rank>3": lambda w, k, d: absent(w) and k > 3,
        "weight<-0.005": lambda w, k, d: d < -0.005,
        "weight<-0.01": lambda w, k, d: d < -0.01,
        "absent & weight<-0.005": lambda w, k, d: absent(w) and d < -0.005,
        "absent & rank>8 & weight<0": lambda w, k, d: absent(w) and k > 8 and d < 0,
    }


def record(gold_set: str, gold: Path | None) -> tuple[list[dict], object]:
    """Answer the dev questions; per question its verdict and the specific words its answer does not write."""
    from evals.resolve_gold import load_gold
    from evals.score import eval_settings, gold_set_path, run_eval
    from rag.answer import intents, specifics
    from rag.answer.intake import clean_question
    from rag.assistant import Assistant

    seen: dict[str, list] = {}
    answer = intents.answer

    def recording(ctx, query, hits, places=True):
        draft = answer(ctx, query, hits, places)
        if places:
            seen[query.text] = [] if draft.abstained or not draft.citations else \
                specifics.word_weights(ctx.corpus, query, draft, ctx.search, ctx.similar)
        return draft

    intents.answer = recording
    questions = [q for q in load_gold(gold or gold_set_path(gold_set)) if q["split"] == "dev"]
    assistant = Assistant.load(eval_settings(gold_set))
    result = run_eval("dev", assistant, questions)
    rows = []
    for question, scored in zip(questions, result["questions"]):
        rows.append({"id": scored["id"], "answerable": scored["answerable"], "abstained": scored["abstained"],
                     "correct": scored["accuracy"] == 1,
                     "words": seen.get(clean_question(question["question"], 10_000), [])})
    return rows, assistant.corpus


def simulate(rows: Sequence[dict], rule: Rule) -> dict:
    """Accuracy and wrong share when every given answer with a word the rule flags is refused."""
    correct = given = wrong = 0
    lost, gained = [], []
    for row in rows:
        flagged = [w[0] for w in row["words"] if rule(*w)]
        if flagged and not row["abstained"]:
            (lost if row["correct"] else gained).append((row["id"], flagged))
            correct += not row["answerable"]
            continue
        correct += row["correct"]
        if not row["abstained"]:
            given += 1
            wrong += not row["correct"]
    return {"accuracy": correct / len(rows), "wrong": wrong / max(given, 1), "given": given,
            "lost": lost, "gained": gained}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.specifics_calibration", description=__doc__)
    parser.add_argument("--set", dest="gold_set", default="everyday")
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    rows, corpus = record(args.gold_set, args.gold)
    grams: set[str] = set()
    for plan in corpus.plans:
        grams |= bigrams(normalize(corpus.plan_text(plan.plan_id)))
    print("| setting | accuracy | wrong share | given | correct lost | wrong/unanswerable refused |")
    print("|---|---|---|---|---|---|")
    base = simulate(rows, lambda w, k, d: False)
    print(f"| (none) | {base['accuracy']:.4f} | {base['wrong']:.4f} | {base['given']} | 0 | 0 |")
    for name, rule in rules(grams).items():
        out = simulate(rows, rule)
        print(f"| {name} | {out['accuracy']:.4f} | {out['wrong']:.4f} | {out['given']} | {len(out['lost'])} "
              f"| {len(out['gained'])} |")
        if args.verbose:
            print(json.dumps({"lost": out["lost"], "gained": out["gained"]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
