"""LangChain adapter: the hybrid Retriever as a langchain_core BaseRetriever returning clause Documents."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from rag.types import Hit


def hit_to_document(hit: Hit) -> Document:
    """One Document per clause: the verbatim clause text, with what a citation needs in metadata."""
    clause = hit.clause
    return Document(
        page_content=clause.text,
        metadata={
            "clause_id": clause.clause_id,
            "plan_id": clause.plan_id,
            "path": clause.breadcrumb,
            "score": hit.score,
            "sources": list(hit.sources),
        },
    )


class ClauseRetriever(BaseRetriever):
    """Wraps rag.search.retrieve.Retriever; k and the plan/level filters are fields, as LangChain expects."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: Any  # rag.search.retrieve.Retriever (Any: pydantic need not know the class)
    k: int = 8
    plan_ids: list[str] | None = None
    levels: list[str] | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.retriever.search(query, k=self.k, plan_ids=self.plan_ids, levels=self.levels)
        return [hit_to_document(hit) for hit in hits]
