"""Baselines beside the product on the same questions: `python -m evals.baselines --split test`.

- naive-langchain: raw plan files cut by RecursiveCharacterTextSplitter (500 chars, 50 overlap, Chinese
  separators) into an in-memory LangChain FAISS store over the same embedder; answer = the top chunk.
  A chunk "hits" a gold clause when it holds most of it (see chunk_covers).
- bm25 / dense: the product's retriever halves alone (retriever.search_bm25 / search_dense); answer = top clause.
- hybrid: the product's fused retriever, answer = top clause (retrieval without the answerer).
- assistant: the product itself (evals.score), for the side-by-side table.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from typing import Any, Callable, Mapping, Sequence

from langchain_core.embeddings import Embeddings

from evals import RESULTS_DIR
from evals.resolve_gold import load_gold
from evals.score import (
    RETRIEVAL_K,
    SPLITS,
    markdown_table,
    report,
    run_eval,
    score_question,
    select,
)
from rag.normalize import normalize
from rag.types import Clause, Corpus

CHUNK_SIZE, CHUNK_OVERLAP = 500, 50
SEPARATORS = ["\n\n", "\n", "。", "；", "，", ""]
COVER_SHARE = 0.5
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?\n])")


def chunk_covers(chunk_norm: str, clause_norm: str) -> bool:
    """The chunk holds most of the clause: the clause's sentences found verbatim in the chunk cover at
    least half of the shorter of the two texts (a 1,000-character clause cannot fit a 500-character chunk)."""
    if not clause_norm:
        return False
    if clause_norm in chunk_norm:
        return True
    found = sum(len(s) for s in _SENTENCE_END.split(clause_norm) if len(s) >= 4 and s in chunk_norm)
    return found >= COVER_SHARE * min(len(clause_norm), len(chunk_norm))


def ranked_gold_ids(chunks: Sequence[str], gold: Mapping[str, str]) -> list[str]:
    """One id per chunk position: the first not-yet-seen gold clause it covers, else a placeholder."""
    ranked, seen = [], set()
    for position, chunk in enumerate(chunks):
        covered = [cid for cid, text in gold.items() if cid not in seen and chunk_covers(chunk, text)]
        ranked.append(covered[0] if covered else f"chunk:{position}")
        seen.update(covered[:1])
    return ranked


class EmbedderAsLangChain(Embeddings):
    """rag.search.embed's embedder behind the langchain_core Embeddings interface (same normalised text as the index)."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages([normalize(t) for t in texts]).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([normalize(text)])[0].tolist()


class NaiveLangChainRag:
    """Fixed-size chunks of the raw plan files in an in-memory FAISS store (never saved: save_local pickles)."""

    def __init__(self, corpus: Corpus, corpus_dir, embedder: Any) -> None:
        from langchain_community.vectorstores import FAISS
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(separators=SEPARATORS, chunk_size=CHUNK_SIZE,
                                                  chunk_overlap=CHUNK_OVERLAP, keep_separator="end")
        documents = []
        for plan in corpus.plans:
            raw = (corpus_dir / plan.source_file).read_text(encoding="utf-8", errors="replace")
            documents += [Document(page_content=chunk, metadata={"plan_id": plan.plan_id})
                          for chunk in splitter.split_text(raw)]
        self.chunk_count = len(documents)
        self.store = FAISS.from_documents(documents, EmbedderAsLangChain(embedder))
        self.clauses_by_plan: dict[str, list[Clause]] = {}
        for clause in corpus.clauses:
            self.clauses_by_plan.setdefault(clause.plan_id, []).append(clause)

    def search(self, question: str, k: int = RETRIEVAL_K) -> list[Any]:
        """The top k chunks (LangChain Documents) for a question."""
        return self.store.similarity_search(question, k=k)

    def covered_clause_ids(self, document: Any) -> list[str]:
        """Every clause of the chunk's plan that the chunk covers (what a citation of it would claim)."""
        chunk = normalize(document.page_content)
        clauses = self.clauses_by_plan.get(document.metadata["plan_id"], [])
        return [c.clause_id for c in clauses if len(c.text) >= 8 and chunk_covers(chunk, normalize(c.text))]


def score_naive(rag: NaiveLangChainRag, question: Mapping, texts: Mapping[str, str]) -> dict[str, Any]:
    """Score the naive RAG on one question: the top chunk is the answer and its covered clauses the citations."""
    started = time.perf_counter()
    documents = rag.search(question["question"])
    latency = (time.perf_counter() - started) * 1000
    gold = {cid: normalize(texts[cid]) for cid in question.get("gold_clause_ids") or [] if cid in texts}
    ranked = ranked_gold_ids([normalize(d.page_content) for d in documents], gold)
    top = documents[0] if documents else None
    return score_question(
        question, answer=top.page_content if top else "", abstained=top is None,
        cited_ids=rag.covered_clause_ids(top) if top else [], ranked_ids=ranked, grounded=None,
        latency_ms=latency, gold_texts=[texts[c] for c in gold],
    )


def score_search(search: Callable[..., list], question: Mapping, texts: Mapping[str, str]) -> dict[str, Any]:
    """Score one retriever function: the top clause is the answer and the citation."""
    started = time.perf_counter()
    hits = search(question["question"], k=RETRIEVAL_K)
    latency = (time.perf_counter() - started) * 1000
    ranked = [h.clause.clause_id for h in hits]
    return score_question(
        question, answer=hits[0].clause.text if hits else "", abstained=not hits, cited_ids=ranked[:1],
        ranked_ids=ranked, grounded=None, latency_ms=latency,
        gold_texts=[texts[c] for c in question.get("gold_clause_ids") or [] if c in texts],
    )


def run_baselines(split: str, assistant: Any, questions: Sequence[dict], with_assistant: bool = True) -> dict:
    """Every system on the same questions: {"split", "systems": {name: report}}."""
    texts = {c.clause_id: c.text for c in assistant.corpus.clauses}
    retriever = assistant.retriever
    systems: dict[str, dict] = {}
    naive = NaiveLangChainRag(assistant.corpus, assistant.settings.corpus_dir, retriever.embedder)
    systems["naive-langchain"] = report(split, [score_naive(naive, q, texts) for q in questions], "naive-langchain")
    for name, search in (("bm25", retriever.search_bm25), ("dense", retriever.search_dense),
                         ("hybrid", retriever.search)):
        systems[name] = report(split, [score_search(search, q, texts) for q in questions], name)
    if with_assistant:
        systems["assistant"] = run_eval(split, assistant, questions, clause_texts=texts)
    return {"split": split, "chunks": naive.chunk_count, "systems": systems}


def to_markdown(result: Mapping[str, Any]) -> str:
    """Side by side: one row per system overall, then accuracy per type."""
    systems = result["systems"]
    overall = markdown_table({name: r["overall"] for name, r in systems.items()}, "system")
    types = sorted({t for r in systems.values() for t in r["by_type"]})
    header = "| type | " + " | ".join(systems) + " |\n" + "|---" * (len(systems) + 1) + "|"
    rows = [f"| {t} | " + " | ".join(_accuracy(r["by_type"].get(t)) for r in systems.values()) + " |"
            for t in types]
    return (f"# Baselines on {result['split']} ({result['chunks']} naive chunks)\n\n{overall}\n\n"
            f"## Answer accuracy per type\n\n{header}\n" + "\n".join(rows) + "\n")


def _accuracy(row: Mapping[str, Any] | None) -> str:
    return "–" if not row or row.get("accuracy") is None else f"{row['accuracy']:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run every baseline on a split; write evals/results/baselines.json and .md."""
    import json

    parser = argparse.ArgumentParser(prog="python -m evals.baselines", description=__doc__)
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-assistant", action="store_true", help="skip the product's own row")
    args = parser.parse_args(argv)
    from rag.assistant import Assistant

    questions = select(load_gold(), args.split, args.limit)
    result = run_baselines(args.split, Assistant.load(), questions, with_assistant=not args.no_assistant)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "baselines.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
    markdown = to_markdown(result)
    (RESULTS_DIR / "baselines.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
