"""Chinese tokenizer and BM25 index: normalisation, filters applied before ranking, pickle-free save/load."""
from __future__ import annotations

import numpy as np
import pytest

from rag.search.lexical import LexicalIndex, bigram_tokens, tokenize

TEXTS = (
    "3．城市黑臭水体。到2017年底，消除城市建成区全部黑臭水体。",
    "推进污泥处理处置。2016年6月底前,各市完成污泥堆放点排查和规范改造工作,防止二次污染的发生。",
    "取缔“十小”企业。全面排查装备水平低、环保设施差的小型工业企业。",
    "2．消除城市建成区黑臭水体。2016年底前制定《周村区黑臭水体整治计划和实施方案》。（区住建局牵头，区水务局、区环保分局等参与）",
)


def test_bigrams_stay_inside_han_runs_and_keep_latin_words():
    assert bigram_tokens("cod、氨氮指标达到40mg") == ["cod", "氨氮", "氮指", "指标", "标达", "达到", "40", "mg"]
    assert bigram_tokens("水") == ["水"]


def test_jieba_scheme_drops_punctuation_and_stop_tokens():
    assert tokenize("消除城市建成区全部黑臭水体。", "jieba") == [
        "消除", "城市", "建成", "建成区", "城市建成区", "全部", "臭水", "水体", "黑臭水体"]
    assert "的" not in tokenize("水污染防治的目标", "jieba")


def test_traditional_and_full_width_questions_tokenize_like_simplified():
    assert tokenize("黑臭水體２０１７年") == tokenize("黑臭水体2017年")
    assert tokenize("ＣＯＤ") == ["cod"]


def test_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unknown tokenizer scheme"):
        tokenize("水体", "words")


@pytest.mark.parametrize("scheme", ["jieba", "bigram", "jieba+bigram"])
def test_search_finds_the_clause_worded_like_the_question(scheme):
    index = LexicalIndex.build(TEXTS, scheme)
    assert [row for row, _ in index.search("污泥堆放点", 4)] == [1]
    rows = [row for row, _ in index.search("黑臭水体整治计划", 4)]
    assert rows[:2] == [3, 0]


def test_allowed_mask_filters_before_ranking():
    index = LexicalIndex.build(TEXTS)
    mask = np.array([True, False, False, False])
    # Row 3 outranks row 0 overall; with k=1 a filter applied after ranking would return nothing.
    assert [row for row, _ in index.search("黑臭水体整治计划", 1, allowed=mask)] == [0]
    assert index.search("污泥", 3, allowed=mask) == []
    with pytest.raises(ValueError, match="boolean mask"):
        index.search("污泥", 3, allowed=np.array([0, 1]))


def test_questions_with_no_known_token_find_nothing():
    index = LexicalIndex.build(TEXTS)
    assert index.search("", 5) == []
    assert index.search("？！。", 5) == []
    assert index.search("quantum chromodynamics", 5) == []


def test_save_and_load_round_trip_without_pickle(tmp_path):
    index = LexicalIndex.build(TEXTS, "bigram")
    index.save(tmp_path / "lexical")
    for array_file in (tmp_path / "lexical").glob("*.npy"):
        array = np.load(array_file, allow_pickle=False)  # raises on an object (pickled) array
        assert array.dtype != object
    assert not any(p.read_bytes().startswith(b"\x80") for p in (tmp_path / "lexical").iterdir())
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded.scheme == "bigram" and loaded.size == 4
    assert loaded.search("污泥处理", 4) == index.search("污泥处理", 4)


def test_the_glossarys_official_terms_stay_whole_tokens():
    tokens = tokenize("推进河长制和再生水利用", "jieba")
    assert "河长制" in tokens and "再生水" in tokens


EVERYDAY = ["城市建成区黑臭水体治理，到2017年底消除。", "我家门口的排水管网改造。", "加快再生水利用设施建设。"]


def test_expansion_reaches_the_plans_term_at_a_lower_weight():
    index = LexicalIndex.build(EVERYDAY)
    assert [row for row, _ in index.search("门口臭水沟", 3)] == [1, 0]  # "门口" wins without the glossary
    found = dict(index.search("门口臭水沟", 3, expansion="黑臭水体", expansion_weight=0.5))
    assert list(found) == [0, 1]  # the plans' term lifts clause 0 …
    full = dict(index.search("门口臭水沟 黑臭水体", 3))
    base = dict(index.search("门口臭水沟", 3))
    assert 0 < found[0] - base[0] < 0.5 * (full[0] - base[0])  # … at under half a question word's weight
    assert index.search("门口臭水沟", 3, expansion="黑臭水体", expansion_weight=0.0) == index.search("门口臭水沟", 3)


def test_an_expansion_token_the_question_has_is_not_counted_twice():
    index = LexicalIndex.build(EVERYDAY)
    assert index.search("再生水", 3, expansion="再生水") == index.search("再生水", 3)
