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


def test_a_time_limit_governs_its_sentence_up_to_the_next_limit_with_a_task_of_its_own():
    from dataclasses import replace as with_

    from rag.answer.limits import deadline_scope
    from rag.types import Deadline
    from tests.conftest import make_clause, mini_corpus_value

    # Real text cut from zhoucun-2016/三/（二）/4/1 and shanxi-2015/二/（四）/4/1.
    rural = ("开展农村饮用水水源地保护，2017年6月底前完成农村饮用水水源地水质状况调查，"
             "2017年底前完成农村饮用水源地保护区或保护范围划定工作。")
    cities = "设区市和县级市分别于2015年底前和2016年6月底前完成城市建成区黑臭水体排查,公布黑臭水体名称。"
    limits = (Deadline("zhoucun-2016", "zhoucun-2016/三/（二）/4/1", "2017年6月底前", 2017, 6, "by", rural),
              Deadline("zhoucun-2016", "zhoucun-2016/三/（二）/4/1", "2017年底前", 2017, 12, "by", rural),
              Deadline("shanxi-2015", "shanxi-2015/二/（四）/4/1", "2015年底前", 2015, 12, "by", cities),
              Deadline("shanxi-2015", "shanxi-2015/二/（四）/4/1", "2016年6月底前", 2016, 6, "by", cities))
    base = mini_corpus_value()
    corpus = with_(base, clauses=(*base.clauses, make_clause(limits[0].clause_id, "task", ("保障饮用水安全。",), rural),
                                  make_clause(limits[2].clause_id, "task", ("整治城市黑臭水体。",), cities)),
                   deadlines=limits)
    assert deadline_scope(corpus, limits[0], topic=False) == "2017年6月底前完成农村饮用水水源地水质状况调查，"
    assert deadline_scope(corpus, limits[1], topic=False) == "2017年底前完成农村饮用水源地保护区或保护范围划定工作。"
    # Each limit opens its piece: the topic piece before them both is what they bind (rag.answer.limits._topic).
    assert deadline_scope(corpus, limits[0]) == "开展农村饮用水水源地保护，2017年6月底前完成农村饮用水水源地水质状况调查，"
    assert deadline_scope(corpus, limits[1]) == "开展农村饮用水水源地保护，2017年底前完成农村饮用水源地保护区或保护范围划定工作。"
    # "分别于A和B完成…": two limits of one task, each governing it, with the subject written before them.
    assert deadline_scope(corpus, limits[2]) == "设区市和县级市分别于2015年底前和2016年6月底前完成城市建成区黑臭水体排查,公布黑臭水体名称。"


# Real text cut from hunan-2017/一/（二）: two basins' 水质优良(…)比例 and a drinking-water share in one sentence.
_HUNAN = "hunan-2017/一/（二）"
_BASINS = ("全省重要江河湖泊水功能区水质达标率达到92%以上,长江、珠江流域水质优良(达到或优于Ⅲ类)比例分别达到93.2%以上"
           "和100%,地级城市集中式饮用水源水质达到或优于Ⅲ类比例提高到96.4%。")


def test_a_name_with_an_aside_is_named_by_the_question_as_much_as_a_name_without(mini_corpus):
    from dataclasses import replace as with_

    from rag.answer.figures import best_targets
    from rag.types import Hit
    from tests.conftest import make_clause

    clause = make_clause(_HUNAN, "item", ("一、工作目标", "（二）水体水质根本好转。"), _BASINS)
    targets = tuple(Target("hunan-2017", _HUNAN, name, float(value.rstrip("%以上")), "%", value, "达到", 2020,
                           None, None, "", _BASINS)
                    for name, value in (("全省重要江河湖泊水功能区水质达标率", "92%以上"),
                                        ("长江流域水质优良(达到或优于Ⅲ类)比例", "93.2%以上"),
                                        ("珠江流域水质优良(达到或优于Ⅲ类)比例", "100%"),
                                        ("地级城市集中式饮用水源水质达到或优于Ⅲ类比例", "96.4%")))
    corpus = with_(mini_corpus, clauses=(*mini_corpus.clauses, clause), targets=(*mini_corpus.targets, *targets))
    query = analyze("湖南长江流域水质优良比例要达到多少？", corpus.plans)
    ranked = best_targets(corpus, query, [Hit(clause, 1.0, ("bm25",))])
    # 水质优良比例 names the basins' shares through their asides; the drinking-water share, which writes
    # 达到或优于Ⅲ类比例 without one, no longer passes as the only share named
    assert [t.indicator for _, t in ranked[:2]] == ["长江流域水质优良(达到或优于Ⅲ类)比例", "珠江流域水质优良(达到或优于Ⅲ类)比例"]


def test_a_task_table_row_is_not_read_as_a_row_of_figures(mini_corpus):
    from dataclasses import replace

    from rag.answer.draft import Context
    from rag.answer.figures import table_cell, task_row
    from rag.types import Hit
    from tests.conftest import make_clause
    # Cut from huoshan-2019/二/表1/r2 (composed12, a tab-separated task table) and jinjiang-2018/一/表1/r2 (a target
    # table by year): "污水处理率要达到多少" was answered by quoting the task row (负荷率85%).
    task = make_clause("zhoucun-2016/二/表1/r2", "table-row", ("二、重点任务",),
                       "序号：2；工作任务：新建改造县城污水管网12公里，县城污水处理厂负荷率达到85%；牵头单位：县住建局；"
                       "配合单位：县财政局、衡山镇政府；完成时限：2019年12月底前")
    figures = "指标：城市生活污水处理率；2018年：92%；2019年：94%；2020年：95%"
    assert task_row(task.text) and not task_row(figures)
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, task))
    query = analyze("周村区县城污水处理厂负荷率要达到多少？", corpus.plans)
    assert table_cell(Context(corpus, lambda text, plans: []), query, [Hit(task, 1.0, ("bm25",))]).lines == []


def test_the_question_vector_comes_from_the_retrievers_cache():
    # Embedding the question again for the indicator names was the slowest step of a target answer: the
    # retriever's cached vector of the same text is used, and the embedder is asked only for the names.
    import numpy as np

    from rag.answer.figures import name_similarity
    from rag.search.embed import FakeEmbedder

    class PassagesOnly(FakeEmbedder):
        def embed_queries(self, texts):
            raise AssertionError("the question was embedded again")

    embedder = PassagesOnly()
    names = ["城市污水处理率", "再生水利用率"]
    asked = embedder.embed_passages(["城市污水处理率"])[0]
    similar = name_similarity(embedder, lambda text: asked)
    cosines = similar("周村区 污水处理率", names)
    assert np.isclose(cosines[0], 1.0) and cosines[1] < cosines[0]
