"""A question asking which standard, class or grade is answered by the piece of the sentence stating it."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.intents import compose
from rag.answer.query import analyze
from rag.answer.standards import answers_standard, asks_standard, standard
from rag.types import Hit
from tests.conftest import make_clause

# Cut from liaocheng-2020 (一/（二）) and zhoucun-2016 (三/（一）/2): a class per section, a grade after COD limits.
LIAOCHENG = ("到2020年底，化学需氧量和氨氮排放要比2015年分别下降10.8%和12.6%；四个国控断面中，高唐北湖稳定达到地表水"
             "III类标准，徒骇河前油坊、马颊河董姑桥、卫运河油坊桥稳定达到地表水V类标准；")
ZHOUCUN = ("全区城镇污水处理厂于2017年底出水水质COD、氨氮指标分别达到40mg/L和2mg/L，其他指标达到一级A标准要求。"
           "推进“污水处理＋再生水回用＋污泥处置＋人工湿地＋监控平台”城镇污水处理综合体建设。")


def _answer(corpus, question: str, clause_id: str, text: str):
    clause = make_clause(clause_id, "paragraph", ("一、总体要求",), text)
    corpus = replace(corpus, clauses=(*corpus.clauses, clause))
    ctx = Context(corpus, lambda text, plans: [])
    query = analyze(question, corpus.plans)
    return standard(ctx, query, [Hit(clause, 1.0, ("bm25",))]), query


def test_which_class_is_answered_by_the_piece_naming_the_asked_section(mini_corpus):
    draft, query = _answer(mini_corpus, "周村徒骇河前油坊断面要达到几类水标准？", "zhoucun-2016/一/p9", LIAOCHENG)
    assert asks_standard(query)
    assert draft.lines[0].startswith("徒骇河前油坊、马颊河董姑桥、卫运河油坊桥稳定达到地表水V类标准。原文：「四个国控断面中")
    assert draft.facts == [{"type": "standard", "clause_id": "zhoucun-2016/一/p9",
                            "value": "徒骇河前油坊、马颊河董姑桥、卫运河油坊桥稳定达到地表水V类标准"}]


def test_the_subject_may_be_named_by_the_pieces_before_the_grade(mini_corpus):
    draft, _ = _answer(mini_corpus, "周村的污水处理厂出水，除了COD和氨氮，其他指标要达到什么标准？",
                       "zhoucun-2016/一/p9", ZHOUCUN)
    assert draft.lines[0].startswith("其他指标达到一级A标准要求。原文：「全区城镇污水处理厂于2017年底")


def test_a_class_of_another_subject_in_the_sentence_answers_nothing(mini_corpus):
    # 平湖 (pinghu-2021 一/p1 in its words): the class is the sewage plants', the 纳管率 piece the companies'.
    text = ("到2021年底，全市工业园区“污水零直排区”建设完成率达到100%，城镇污水处理厂出水全部达到准地表水Ⅳ类标准，"
            "工业企业废水纳管率达到98%以上。")
    draft, _ = _answer(mini_corpus, "周村工业企业的废水排放要执行什么标准？", "zhoucun-2016/一/p9", text)
    assert draft.lines == []


def test_a_share_stated_beside_a_class_is_no_standard():
    quoted = "「工业企业废水纳管率达到98%以上，城镇污水处理厂出水全部达到准地表水Ⅳ类标准。」[1]"
    assert not answers_standard([f"工业企业废水纳管率：达到98%以上。原文：{quoted}"], [quoted])
    assert answers_standard([quoted], [quoted])  # an answer made only of quotes is judged on them
    assert not asks_standard(analyze("周村污水处理率要达到多少？", ()))


def test_a_class_word_asks_a_standard_only_at_the_end_or_before_water_or_standard():
    assert asks_standard(analyze("宁国港口湾水库的水质要保持几类？", ()))
    assert asks_standard(analyze("临潼石川河入渭的水质要达到哪一类？", ()))
    assert asks_standard(analyze("聊城徒骇河前油坊断面要达到几类水标准？", ()))
    assert not asks_standard(analyze("周村哪类企业要安装在线监控？", ()))


def test_the_outflow_asked_in_everyday_words_is_no_subject_the_sentence_must_name(mini_corpus):
    # shanxi-2015 二/（一）/2/1: the standard of new plants, stated without 出水 or 排放 in the asker's order.
    draft, query = _answer(mini_corpus, "在周村新建一座城镇污水厂，出水得按什么标准排？", "zhoucun-2016/一/p9",
                           "新建城镇污水处理设施要执行一级A排放标准。")
    assert draft.lines == ["新建城镇污水处理设施要执行一级A排放标准。原文：「新建城镇污水处理设施要执行一级A排放标准。」[1]"]
    assert asks_standard(analyze("山西新建的城镇污水处理设施排放要执行哪个标准？", ()))
