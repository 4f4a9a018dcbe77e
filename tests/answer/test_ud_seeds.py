"""Kinds of wrong answer met by a user simulator on the seed plans: a who answer from a table listing places, a
"how much" answered by a quote with no figure, the neighbouring sentence's time limit, another water's task."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.answered import asks_who, from_tables, unfigured
from rag.answer.draft import Context, Draft
from rag.answer.fits import other_water
from rag.answer.intents import compose
from rag.answer.limits import asked_amounts, deadline
from rag.answer.query import analyze
from rag.types import Deadline, Hit
from tests.conftest import make_clause

# Real text cut from changyi-2016/三/（四）/2: two sentences, two limits, told apart by the amount.
_WATER_ID = "zhoucun-2016/三/（四）/2"  # the text is changyi-2016/三/（四）/2, under the mini corpus's plan
_CITY = "2016年底前,日供水1000吨或服务人口10000人以上的水源要全面完成保护区划定;"
_RURAL = "2017年底前,乡镇农村集中式饮用水源要全面完成保护区划定。"


def test_an_amount_asked_picks_the_limit_of_the_sentence_stating_it(mini_corpus):
    clause = make_clause(_WATER_ID, "paragraph", ("三、主要任务",), _CITY + _RURAL)
    limits = (Deadline("zhoucun-2016", _WATER_ID, "2016年底前", 2016, 12, "by", _CITY),
              Deadline("zhoucun-2016", _WATER_ID, "2017年底前", 2017, 12, "by", _RURAL))
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause), deadlines=limits)
    query = analyze("周村区服务人口10000人以上的饮用水源什么时候要完成保护区划定？", corpus.plans)
    draft = deadline(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])
    assert not draft.abstained and [f["deadline"] for f in draft.facts] == ["2016年底前"]


def test_amounts_are_read_with_thousands_commas_and_without_years(mini_corpus):
    query = analyze("When must Zhoucun finish zones for sources serving over 10,000 people by 2017?", mini_corpus.plans)
    assert asked_amounts(query) == (("10000", "1万"),)


def test_an_english_who_question_read_as_a_list_is_answered_by_the_note(mini_corpus):
    table = make_clause("zhoucun-2016/附表3", "table", ("附表3 周村区城市黑臭水体清单",), "附表3 周村区城市黑臭水体清单")
    query = analyze("Which agencies take part in Zhoucun's black-odorous water cleanup?", mini_corpus.plans)
    relative = analyze("Are pig farmers in Zhoucun who build a farm required to separate rainwater?", mini_corpus.plans)
    assert asks_who(replace(query, intent="list")) and not asks_who(replace(relative, intent="obligation"))
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, table))
    listed = Draft(corpus)
    listed.cite(table)
    assert from_tables(listed)


def test_a_figure_asked_is_not_answered_by_a_quote_without_one(mini_corpus):
    clause = mini_corpus.clause("zhoucun-2016/三/（一）/1/1")
    query = analyze("By how much should Zhoucun cut pesticide use compared with 2015?", mini_corpus.plans)
    draft = Draft(mini_corpus)
    draft.cite(clause, "大力推广低毒、低残留农药使用，合理控制农药使用量。")
    assert unfigured(replace(query, intent="compare"), draft)
    draft.citations[0] = replace(draft.citations[0], quote="单位耕地面积农药使用量较2015年下降10%。")
    assert not unfigured(replace(query, intent="compare"), draft)
    who = analyze("聊城每个月公开交了多少赔偿金，这事哪些单位配合？", mini_corpus.plans)
    assert not unfigured(replace(who, intent="cooperate"), Draft(mini_corpus))


def test_a_who_answer_about_another_water_is_refused(mini_corpus):
    query = analyze("Which department leads the Yellow River fish stocking program in Shanxi?", mini_corpus.plans)
    assert query.intent == "lead" and [m.term.official for m in query.terms] == ["黄河"]
    assert other_water(query, ["加强松花湖水淹地的生态治理。(区农水局牵头)"])
    assert not other_water(query, ["足额使用黄河水。(省水利厅牵头)"])


def test_a_number_of_years_is_a_figure_and_a_year_is_not(mini_corpus):
    query = replace(analyze("周村区要更新改造使用超过多少年的供水管网？", mini_corpus.plans), intent="compare")
    draft = Draft(mini_corpus)
    draft.cite(mini_corpus.clause("zhoucun-2016/三/（一）/1/1"), "对使用超过50年和材质落后的供水管网进行更新改造。")
    assert not unfigured(query, draft)
    draft.citations[0] = replace(draft.citations[0], quote="2017年底前完成供水管网更新改造。")
    assert unfigured(query, draft)


def test_a_water_spelt_in_pinyin_is_left_to_the_place_checks(mini_corpus):
    query = analyze("Who leads the work on the Yellow River in Zhoucun?", mini_corpus.plans)
    assert [m.term.official for m in query.terms] == ["黄河"] and other_water(query, ["河道清淤疏浚。"])
    # The assistant adds a water it cannot place as a term spelt in pinyin (query.unknown_waters).
    spelt = replace(query, terms=tuple(replace(m, term=replace(m.term, official="Luoxi River")) for m in query.terms))
    assert not other_water(spelt, ["河道清淤疏浚。(区水务局牵头)"])
