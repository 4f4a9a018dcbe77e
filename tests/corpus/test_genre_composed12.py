"""Composed12 forms: a tab-separated 工作要点 task table whose time-limit cells carry no 前 (huoshan-2019)."""
from rag.corpus.table_notes import row_cell_deadlines, through_limit
from tests.conftest import make_clause

# Real text of huoshan-2019/二/表1/r7 and r4 as the table reader writes a row.
_ONGOING = "序号：7；工作任务：全面落实河长制，开展河湖“清四乱”专项行动；牵头单位：县水利局；配合单位：各乡镇政府；完成时限：长期坚持"
_BARE = "序号：4；工作任务：完成乡镇政府驻地污水处理设施运维第三方委托；牵头单位：县住建局；配合单位：各乡镇政府；完成时限：2019年10月底"


def test_a_cell_limit_keeps_its_task_as_span_and_is_quoted_through_its_cell():
    row = make_clause("huoshan-2019/二/表1/r4", "table-row", ("二、重点任务",), _BARE)
    [limit] = row_cell_deadlines(row)
    assert (limit.text, limit.year, limit.month, limit.kind, limit.span) == (
        "2019年10月底", 2019, 10, "by", "完成乡镇政府驻地污水处理设施运维第三方委托")
    assert through_limit(_BARE, limit.span, limit.text) == (
        "完成乡镇政府驻地污水处理设施运维第三方委托；牵头单位：县住建局；配合单位：各乡镇政府；完成时限：2019年10月底")
    ongoing = make_clause("huoshan-2019/二/表1/r7", "table-row", ("二、重点任务",), _ONGOING)
    [limit] = row_cell_deadlines(ongoing)
    assert (limit.text, limit.kind) == ("长期坚持", "ongoing")
    assert through_limit(_ONGOING, limit.span, limit.text).endswith("；完成时限：长期坚持")


def test_a_limit_not_after_its_task_quotes_the_task_alone():
    assert through_limit("完成时限：2019年10月底；工作任务：完成委托", "完成委托", "2019年10月底") == "完成委托"


def test_a_limit_carried_from_the_next_sentence_is_not_quoted_into_it():
    # Real text cut from ledu-2017 (推广工业节水), whose 到2020年 the extractor carried from the sentence after the task.
    text = "制定工业水循环利用规划,推进工业园(工业集聚区)高耗水企业采用节水措施。到2020年,高耗水企业耗水达到先进定额标准。"
    task = "制定工业水循环利用规划,推进工业园(工业集聚区)高耗水企业采用节水措施。"
    assert through_limit(text, task, "到2020年") == task
