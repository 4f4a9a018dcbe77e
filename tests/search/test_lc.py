"""The LangChain adapter returns clause Documents with citation metadata."""
from __future__ import annotations

from langchain_core.retrievers import BaseRetriever

from rag.search.embed import FakeEmbedder
from rag.search.lc import ClauseRetriever
from rag.search.retrieve import Retriever
from rag.search.store import build_index, load_index


def test_documents_carry_clause_text_and_metadata(mini_corpus, fake_settings):
    build_index(mini_corpus, FakeEmbedder(), fake_settings.index_dir, progress=False)
    retriever = Retriever(load_index(fake_settings.index_dir), FakeEmbedder(), fake_settings)
    adapter = ClauseRetriever(retriever=retriever, k=2)
    assert isinstance(adapter, BaseRetriever)
    documents = adapter.invoke("取缔十小企业")
    assert [d.metadata["clause_id"] for d in documents] == ["shanxi-2015/二/（一）/1/1", "zhoucun-2016/三/（一）/1"]
    first = documents[0]
    assert first.page_content == mini_corpus.clause("shanxi-2015/二/（一）/1/1").text
    assert first.metadata["plan_id"] == "shanxi-2015"
    assert first.metadata["path"] == "二、主要任务 › (一)全面控制污染物排放。 › 1.狠抓工业污染防治。 › 取缔“十小”企业。"
    assert first.metadata["sources"] == ["bm25", "dense"]
    assert first.metadata["score"] == retriever.search("取缔十小企业", k=1)[0].score


def test_plan_filter_passes_through(mini_corpus, fake_settings):
    build_index(mini_corpus, FakeEmbedder(), fake_settings.index_dir, progress=False)
    retriever = Retriever(load_index(fake_settings.index_dir), FakeEmbedder(), fake_settings)
    documents = ClauseRetriever(retriever=retriever, k=9, plan_ids=["zhoucun-2016"]).invoke("黑臭水体")
    assert len(documents) == 6 and {d.metadata["plan_id"] for d in documents} == {"zhoucun-2016"}
