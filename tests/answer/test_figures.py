"""Which stated target answers the question: the glossary's names first, then closeness in meaning."""
from __future__ import annotations

from rag.answer.figures import by_meaning
from rag.answer.query import analyze
from rag.types import Target

# Real text cut from liaocheng-2020/二/（三）/1: one sentence stating three targets.
_SPAN = ("到2020年年底，聊城主城区及临清市污水处理率达到98%以上，各县城污水处理率达到90%以上，"
         "所有建制镇要实现污水处理设施全覆盖，建制镇污水处理率达到70%以上。")


def _target(indicator: str, value: str, other_span: str = "") -> Target:
    return Target("liaocheng-2020", "liaocheng-2020/二/（三）/1", indicator, float(value[:-3]), "%", value,
                  "达到以上", 2020, "到2020年年底", None, "", other_span or _SPAN)


def _closeness(question: str, names):
    """A stand-in embedder: the county-town indicator is the one meant."""
    return [0.9 if "县城" in name else 0.8 for name in names]


def test_of_one_sentences_targets_the_indicator_closest_in_meaning_comes_first(mini_corpus):
    query = analyze("聊城县里的污水处理得达到多少？", mini_corpus.plans)
    scored = [(0.43, _target("聊城主城区及临清市污水处理率", "98%以上")), (0.43, _target("各县城污水处理率", "90%以上")),
              (0.43, _target("建制镇污水处理率", "70%以上"))]
    ranked = sorted(by_meaning(query, scored, _closeness), key=lambda pair: -pair[0])
    assert ranked[0][1].indicator == "各县城污水处理率"
    assert round(ranked[0][0], 2) == 0.43 and round(ranked[1][0], 2) == 0.33


def test_targets_of_other_sentences_are_not_compared_in_meaning(mini_corpus):
    query = analyze("聊城农村生活污水治理到2020年底要有多少村完成？", mini_corpus.plans)
    village = _target("全市", "30%以上", "确保到2020年年底，全市30%以上的行政村完成治理任务。")
    scored = [(0.4, village), (0.43, _target("各县城污水处理率", "90%以上"))]
    assert by_meaning(query, scored, _closeness) == scored  # one target a sentence: nothing to choose between


def test_name_similarity_embeds_each_name_once_and_scores_the_same_name_alike():
    from rag.answer.figures import name_similarity
    from rag.search.embed import FakeEmbedder

    class Counting(FakeEmbedder):
        passages = 0

        def embed_passages(self, texts):
            Counting.passages += len(texts)
            return super().embed_passages(texts)

        def embed_queries(self, texts):  # the fake's queries go through embed_passages: not counted
            return FakeEmbedder.embed_passages(self, texts)

    similar = name_similarity(Counting())
    first = similar("县城污水处理率", ["各县城污水处理率", "建制镇污水处理率", "各县城污水处理率"])
    again = similar("县城污水处理率", ["建制镇污水处理率"])
    assert Counting.passages == 2
    assert first[0] == first[2] and abs(again[0] - first[1]) < 1e-6
    assert name_similarity(None) is None


def test_a_targets_own_phrase_is_the_piece_of_its_sentence_stating_the_value():
    from rag.answer.figures import own_phrase

    village = _target("全市", "30%以上", "确保到2020年年底，全市30%以上的行政村完成治理任务，村庄内污水横流、乱排乱放情况基本消除。")
    assert own_phrase(village) == "全市 全市30%以上的行政村完成治理任务"
    assert own_phrase(_target("各县城污水处理率", "90%以上")) == "各县城污水处理率 各县城污水处理率达到90%以上"
