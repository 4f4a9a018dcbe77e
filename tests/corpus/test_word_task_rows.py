"""A Word task table's row read as "列名：值；…" (ruzhou-2019) and a 附件 task list line (donggang-2020): the unit cell
`X（主责）；Y、Z（协办）` gives the lead and the cooperating run, and a limit read from the row's own time field governs
the row's task. Literals cut from tests/fixtures/plans-dev/composed23."""
from __future__ import annotations

from rag.corpus.extract import parse_note
from rag.corpus.table_notes import cell_task_span
from rag.corpus.targets import find_deadlines
from tests.conftest import make_clause

_ROW8 = ("类别：（四）饮用水水源保护；序号：8；工作任务：完成安沟水库水源地一级保护区隔离网建设，清理保护区内违法建筑和排污口。；"
         "责任单位：市水利局（主责）；市环保局、蟒川镇人民政府（协办）；时间节点：2019年6月底前")
_LINE2 = ("2．沙河消劣。沙河沿线企业全部实现雨污分流，城区段实施清淤3.5万立方米。责任单位：市水利局（牵头），新城区街道、"
          "市工信局（配合）；完成时间：2020年9月30日前。")


def _roles(note) -> tuple[list[str], list[str], list[str]]:
    return ([u.text for u in note.lead], [u.text for u in note.cooperate], [u.text for u in note.implement])


def test_a_lead_marked_main_and_a_run_marked_assisting():
    assert _roles(parse_note(_ROW8)) == (["市水利局"], ["市环保局", "蟒川镇人民政府"], [])
    # the row's next cell (时间节点) is no unit of the list
    assert _roles(parse_note("责任单位：市城管局负责；时间节点：2019年8月底前")) == (["市城管局"], [], [])


def test_a_limit_of_the_rows_time_field_governs_the_rows_task():
    for clause_id, text, limit in (("ruzhou-2019/二/p9", _ROW8, "2019年6月底前"),
                                   ("donggang-2020/附件2/2", _LINE2, "2020年9月30日前")):
        clause = make_clause(clause_id, "paragraph", ("二、重点任务",), text)
        found = [cell_task_span(clause, item) for item in find_deadlines(clause, 2019)]
        item = next(item for item in found if item.text == limit)
        assert item.span.startswith(text[:12]) and item.span.rstrip("。").endswith(limit)


def test_a_limit_in_its_own_sentence_keeps_its_span():
    clause = make_clause("ruzhou-2019/二/p0", "paragraph", ("二、重点任务",), "2019年9月底前完成提标改造。")
    assert [cell_task_span(clause, d).span for d in find_deadlines(clause, 2019)] == ["2019年9月底前完成提标改造。"]
