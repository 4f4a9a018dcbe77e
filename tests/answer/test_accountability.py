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


def test_a_consequence_asked_is_not_answered_by_a_quote_stating_none():
    from rag.answer.answered import unconsequenced
    from rag.answer.draft import Draft
    from tests.conftest import make_clause, mini_corpus_value

    corpus = mini_corpus_value()
    clause = make_clause("zhoucun-2016/四/p9", "paragraph", ("四、保障措施",), "")
    query = analyze("周村对完不成水源地整治任务的镇办怎么处理？", corpus.plans)
    assert query.intent in ("general", "obligation", "list")

    def drafted(quote: str) -> Draft:
        draft = Draft(corpus)
        draft.cite(clause, quote)
        draft.lines.append(f"「{quote}」[1]")
        return draft

    # shaoyang-2021 四/（一） states a duty; zhoucun-2016 四/（一）/2/3 the consequence of failing the assessment.
    assert unconsequenced(query, drafted("各县（市、区）人民政府对本辖区饮用水水源地保护负总责。"))
    assert not unconsequenced(query, drafted("对未通过年度考核的，要约谈各镇办及其相关部门有关负责人，提出整改意见，予以督促；"))
