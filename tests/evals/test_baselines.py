"""The naive-RAG baseline's chunk-to-clause matching, on tiny literals cut from the seeds."""
from evals.baselines import chunk_covers, ranked_gold_ids

CLAUSE = "推进污泥安全处置。加快污泥无害化处置设施建设。2020年底前污泥无害化处置率达到90%以上。"


def test_a_chunk_holding_the_clause_covers_it():
    assert chunk_covers("前文。" + CLAUSE + "后文。", CLAUSE)


def test_a_chunk_holding_half_the_clause_by_sentences_covers_it():
    assert chunk_covers("加快污泥无害化处置设施建设。2020年底前污泥无害化处置率达到90%以上。", CLAUSE)
    assert chunk_covers("推进污泥安全处置。", CLAUSE)  # half of the shorter text: a small chunk inside the clause counts
    assert not chunk_covers("推进污泥安全处置。" + "无关的内容。" * 10, CLAUSE)
    assert not chunk_covers("全区污水处理率达到95%以上。", CLAUSE)
    assert not chunk_covers("anything", "")


def test_ranked_gold_ids_names_each_gold_clause_once():
    gold = {"zhoucun-2016/三/（一）/2/3": CLAUSE}
    ranked = ranked_gold_ids(["无关。", CLAUSE, CLAUSE], gold)
    assert ranked == ["chunk:0", "zhoucun-2016/三/（一）/2/3", "chunk:2"]
