"""A "by when" question is answered by an end, never by a start or a rhythm of the same task."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.limits import deadline
from rag.answer.query import analyze
from rag.types import Deadline, Hit, Target

# Real text cut from zhoucun-2016/三/（二）/1: a start and a rhythm ("自2017年起，每年向社会公布…").
_ID = "zhoucun-2016/三/（二）/1"
_SPAN = "自2017年起，每年向社会公布治理进展和水环境质量改善情况。"


def _answer(mini_corpus, question: str, kinds: tuple[str, ...]):
    limits = tuple(Deadline("zhoucun-2016", _ID, text, 2017, None, kind, _SPAN)
                   for text, kind in zip(("自2017年起", "每年"), kinds))
    corpus = replace(mini_corpus, deadlines=limits)
    return deadline(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans),
                    [Hit(corpus.clause(_ID), 1.0, ("bm25",))])


def test_by_when_answered_only_by_a_start_is_refused(mini_corpus):
    draft = _answer(mini_corpus, "周村区最晚什么时候前要向社会公布治理进展？", ("from", "periodic"))
    assert draft.abstained and draft.lines == ["方案没有规定所问事项的完成期限。 The plans set no deadline for this."]


def test_from_when_is_answered_by_the_start(mini_corpus):
    draft = _answer(mini_corpus, "周村区从哪年开始向社会公布治理进展？", ("from", "periodic"))
    assert not draft.abstained and draft.lines[0].startswith("期限：自2017年起")


# Real text cut from zhoucun-2016/三/（一）/2/1: a limit set for one level (95%) and, in the same clause, one
# limit set for two concentrations (40mg/L and 2mg/L).
_SEWAGE_ID = "zhoucun-2016/三/（一）/2/1"
_RATE = "到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。"
_OUTFLOW = "全区城镇污水处理厂于2017年底出水水质COD、氨氮指标分别达到40mg/L和2mg/L。"


def _sewage(mini_corpus, question: str):
    from tests.conftest import make_clause
    clause = make_clause(_SEWAGE_ID, "paragraph", ("三、主要任务",), _OUTFLOW + _RATE)
    limits = (Deadline("zhoucun-2016", _SEWAGE_ID, "于2017年底", 2017, 12, "by", _OUTFLOW),
              Deadline("zhoucun-2016", _SEWAGE_ID, "到2020年", 2020, None, "by", _RATE))
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause), deadlines=limits)
    return deadline(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans),
                    [Hit(clause, 1.0, ("bm25",))])


def test_when_a_level_is_reached_that_no_limit_states_is_refused(mini_corpus):
    draft = _sewage(mini_corpus, "周村什么时候污水处理率能达到98%？")
    assert draft.abstained and draft.lines == ["方案中没有为所问的数值规定期限。 The plans set no deadline for that figure."]


def test_when_a_stated_level_is_reached_is_answered_by_its_limit(mini_corpus):
    draft = _sewage(mini_corpus, "周村什么时候污水处理率能达到95%？")
    assert not draft.abstained and draft.lines[0].startswith("期限：到2020年")
    draft = _sewage(mini_corpus, "周村区城镇污水处理厂出水氨氮什么时候要达到2mg/L？")
    assert not draft.abstained and draft.lines[0].startswith("期限：于2017年底")


# Real text cut from zhoucun-2016/三/（一）/3/2: the 30% is set for 绿色防控覆盖率, not for any other indicator.
_FARM_ID = "zhoucun-2016/三/（一）/3/2"
_FARM = "到2020年，化肥利用率提高10个百分点以上，农药利用率提高到40%，农作物病虫害绿色防控覆盖率达到30%。"


def _farm(mini_corpus, question: str):
    from tests.conftest import make_clause
    clause = make_clause(_FARM_ID, "paragraph", ("三、主要任务",), _FARM)
    limit = Deadline("zhoucun-2016", _FARM_ID, "到2020年", 2020, None, "by", _FARM)
    share = Target("zhoucun-2016", _FARM_ID, "农作物病虫害绿色防控覆盖率", 30.0, "%", "30%", "达到", 2020, "", None, "",
                   _FARM)
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause), deadlines=(limit,), targets=(share,))
    return deadline(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans),
                    [Hit(clause, 1.0, ("bm25",))])


def test_a_level_set_for_another_indicator_is_no_answer(mini_corpus):
    assert _farm(mini_corpus, "周村的再生水利用率哪年要达到30%？").abstained
    draft = _farm(mini_corpus, "周村农作物病虫害绿色防控覆盖率哪年要达到30%？")
    assert not draft.abstained and draft.lines[0].startswith("期限：到2020年")


# Real text cut from huoshan-2019/二/表1/r4 (composed12): a tab-separated task row whose time-limit cell has no 前,
# read from its column; the limit's span is the task cell.
_ROW_ID = "zhoucun-2016/二/表1/r4"
_ROW = "序号：4；工作任务：完成乡镇政府驻地污水处理设施运维第三方委托；牵头单位：县住建局；配合单位：各乡镇政府；完成时限：2019年10月底"


def test_a_limit_read_from_a_row_cell_is_quoted_through_the_cell(mini_corpus):
    from tests.conftest import make_clause
    row = make_clause(_ROW_ID, "table-row", ("二、重点任务",), _ROW)
    limit = Deadline("zhoucun-2016", _ROW_ID, "2019年10月底", 2019, 10, "by", "完成乡镇政府驻地污水处理设施运维第三方委托")
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, row), deadlines=(limit,))
    draft = deadline(Context(corpus, lambda text, plans: []),
                     analyze("周村区乡镇政府驻地污水处理设施运维第三方委托什么时候完成？", corpus.plans), [Hit(row, 1.0, ("bm25",))])
    quote = "完成乡镇政府驻地污水处理设施运维第三方委托；牵头单位：县住建局；配合单位：各乡镇政府；完成时限：2019年10月底"
    assert draft.lines == [f"期限：2019年10月底。原文：「{quote}」[1]"]
    assert [c.quote for c in draft.citations] == [quote]


# Cut from huangyan-2020 (composed21): a task table row read as "列名：值" cells, its limit in a cell of its own.
_HUANGYAN_ROW = ("类别：（四）河道综合整治与饮用水源保护；序号：10；工作任务：长潭水库一级保护区内农家乐全部退出，二级保护区内旅游船只"
        "全部改用电动船；牵头单位：区长潭水库管理局；责任单位：区文广旅体局、北洋镇、上垟乡；完成时限：2020年8月底前")


def test_a_rows_time_cell_governs_the_rows_task(mini_corpus):
    from rag.answer.limits import deadline_scope, in_time_cell

    assert in_time_cell(_HUANGYAN_ROW, "2020年8月底前") and not in_time_cell("2020年8月底前完成长潭水库农家乐退出。", "2020年8月底前")
    item = Deadline("huangyan-2020", "huangyan-2020/二/p11", "2020年8月底前", 2020, 8, "by", _HUANGYAN_ROW)
    assert deadline_scope(replace(mini_corpus, deadlines=(item,)), item) == _HUANGYAN_ROW
