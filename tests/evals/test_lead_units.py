"""evals.lead_units.judge on literal notes: the role asked, and a note naming no lead answering with its 责任单位."""
from __future__ import annotations

from evals.lead_units import judge
from rag.corpus.units import parse_units
from rag.types import Responsibility

# wuyuan-2019 (composed3), row 2 of its task table: "责任单位：县住建局" alone.
ONLY_RESPONSIBLE = Responsibility("wuyuan-2019", "wuyuan-2019/二/表1/r2", (), (), parse_units("县住建局"),
                                  "完成县城污水处理厂提标改造，出水水质稳定达到一级A排放标准", "责任单位：县住建局")
# zhuzhou-2018 (composed5): "市住建局牵头，市城管局、市水利局配合，芦淞区、石峰区人民政府负责落实".
LED = Responsibility("zhuzhou-2018", "zhuzhou-2018/二/（二）/4", parse_units("市住建局"), parse_units("市城管局、市水利局"),
                     parse_units("芦淞区、石峰区人民政府"), "治理城市黑臭水体", "")


def _question(kind: str, expected: list[str], clause_id: str) -> dict:
    return {"type": kind, "expected": expected, "gold_clause_ids": [clause_id]}


def test_a_note_without_a_lead_answers_who_is_responsible_with_its_own_units():
    notes = {ONLY_RESPONSIBLE.clause_id: [ONLY_RESPONSIBLE], LED.clause_id: [LED]}
    assert judge(_question("lead", ["县住建局"], ONLY_RESPONSIBLE.clause_id), notes) == "right"
    # A note that names a lead is judged on its lead only.
    assert judge(_question("lead", ["市城管局"], LED.clause_id), notes) == "wrong"
    assert judge(_question("implement", ["芦淞区人民政府", "石峰区人民政府"], LED.clause_id), notes) == "right"
    assert judge(_question("lead", ["县住建局"], "elsewhere/1"), notes) == "no-note"
