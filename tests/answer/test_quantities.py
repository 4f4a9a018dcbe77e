"""A figure asked in its unit and stated inside a task sentence (多少年 → 超过50年); a share of units asked in
English (what percentage of villages → 30%以上的行政村)."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.quantities import figure_pattern, share_of_units, unit_sentence
from rag.answer.query import analyze
from rag.types import Hit, Target
from tests.conftest import make_clause

# Real text of zhoucun-2016/三/（四）/2/2.
_SAVING = ("加强城镇节水。实施生活节水改造，禁止生产、销售不符合节水标准的产品、设备，公共建筑必须采用节水器具，"
           "限期淘汰公共建筑中不符合标准生活用水器具。对使用超过50年和材质落后的供水管网进行更新改造。")


def test_a_number_of_years_is_not_a_date():
    years = figure_pattern("年")
    assert years.search("对使用超过50年和材质落后的供水管网") and not years.search("2018年底前完成")
    assert figure_pattern("元") is None and figure_pattern("") is None


def test_an_age_asked_is_quoted_from_its_sentence(mini_corpus):
    clause = make_clause("zhoucun-2016/三/（四）/2/2", "task", ("三、主要任务", "加强城镇节水。"), _SAVING)
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause))
    query = analyze("周村区的供水管网用了多少年以上就要更新改造？", corpus.plans)
    draft = unit_sentence(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])
    assert [c.clause_id for c in draft.citations] == ["zhoucun-2016/三/（四）/2/2"]
    assert "超过50年" in draft.text and not draft.abstained


# Real sentence of liaocheng-2020/二/（四）/1, set under the mini corpus's plan.
_VILLAGES = "确保到2020年年底，全市30%以上的行政村完成治理任务，村庄内污水横流、乱排乱放情况基本消除，基本建立运维管护机制。"


def test_an_english_share_of_villages_is_the_share_of_villages_stated(mini_corpus):
    clause = make_clause("zhoucun-2016/三/（一）/3/9", "item", ("三、主要任务", "1．扎实推进农村生活污水治理。"), _VILLAGES)
    target = Target("zhoucun-2016", clause.clause_id, "全市", 30.0, "%", "30%", "以上", 2020, "", None, "", _VILLAGES)
    asked = analyze("What percentage of Zhoucun's villages have to finish rural sewage treatment by end of 2020?",
                    mini_corpus.plans)
    towns = analyze("What percentage of Zhoucun's towns have to finish rural sewage treatment by end of 2020?",
                    mini_corpus.plans)
    assert share_of_units(asked, target, clause) and not share_of_units(towns, target, clause)
