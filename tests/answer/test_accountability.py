"""Everyday words for an accountability clause and for the citizen's report line reach the plans' terms."""
from __future__ import annotations

from rag.answer.query import analyze


def _officials(question: str) -> set[str]:
    return {m.term.official for m in analyze(question, ()).terms}


def test_failing_the_assessment_or_the_tasks_reaches_the_plans_words():
    # ledu-2017 三/（二）/42: "对未通过年度考核的,要约谈…环评限批。对因工作不力或没有完成年度目标任务的…"
    assert "未通过年度考核" in _officials("对考核不合格的地方有什么处罚？")
    assert "没有完成年度目标任务" in _officials("哪个市完不成水污染防治年度任务，会怎么处理？")


def test_asking_which_number_to_call_reaches_the_report_hotline():
    # shanxi-2015 四/（二）/2/1: "充分发挥“12369”环保举报热线和网络平台作用"
    assert "12369环保举报热线" in _officials("看到有人往河里偷排污水，能举报吗？打什么电话？")
