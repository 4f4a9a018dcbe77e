"""Citizens' obligations: the sentences binding someone like the asker, one plain line each."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.quotes import duty_kind, obligation
from rag.types import Hit


def test_each_obligation_gets_a_plain_lead_in():
    assert duty_kind("禁止处理处置不达标的污泥进入耕地。") == "禁止："
    assert duty_kind("2016年6月底前,各市完成污泥堆放点排查和规范改造工作。") == "期限 2016年6月底前："
    assert duty_kind("非法污泥堆放点一律予以取缔。") == "须："
    assert duty_kind("推进污泥处理处置。") == ""


def test_a_farmer_asking_about_sludge_gets_the_prohibition_quoted_and_cited(mini_corpus):
    clause = mini_corpus.clause("shanxi-2015/二/（一）/2/1")
    query = analyze("我家在山西种地，能不能拉污水处理厂的污泥当肥料上到地里？", mini_corpus.plans)
    hit = Hit(clause, 1.0, ("dense",), sentence="禁止处理处置不达标的污泥进入耕地。")
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [hit])
    assert query.intent == "obligation"
    assert draft.lines[0] == "- 禁止：「禁止处理处置不达标的污泥进入耕地。」[1]"
    assert draft.citations[0].clause_id == "shanxi-2015/二/（一）/2/1"
    assert draft.citations[0].quote == "禁止处理处置不达标的污泥进入耕地。"
