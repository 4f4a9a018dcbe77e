"""The cited clauses are about the place and the year the question names (rag.answer.cited_subject), and a whole
area's figure does not answer a question on a part of it (rag.answer.fits.scope_fits)."""
from __future__ import annotations

from rag.answer.cited_subject import uncited_place, unstated_year
from rag.answer.draft import Draft
from rag.answer.fits import scope_fits
from rag.answer.query import analyze
from rag.types import Corpus, Plan, Target
from tests.conftest import make_clause

LIANZHOU = Plan("lianzhou-2018", "连州市水污染防治三年行动方案（2018—2020年）", "连州市人民政府办公室", "district",
                ("连州市", "连州"), "连府办〔2018〕41号", "2018-08-20", "lianzhou-2018.html", "2" * 64, "广东省")
DONGGANG = Plan("donggang-2020", "东港市2020年入海河流及近岸海域污染防治工作方案", "东港市人民政府办公室", "district",
                ("东港市", "东港"), "东政办发〔2020〕19号", "2020-04-08", "donggang-2020.txt", "3" * 64, "辽宁省")
# Cut from tests/fixtures/plans-dev/composed24/lianzhou-2018.html and composed23/donggang-2020.txt.
_L = ("二、重点任务", "（一）全面控制污染物排放", "1.加快城镇污水处理设施建设。")
CLAUSES = (
    make_clause("lianzhou-2018/二/（一）/1/（1）", "item", (*_L, "（1）城区污水处理厂提标。"),
                "（1）城区污水处理厂提标。2019年12月底前，连州市城区污水处理厂完成一级A提标改造，出水稳定达标。"
                "责任单位：市住建局（牵头）、市环保局、市发改局"),
    make_clause("lianzhou-2018/二/（一）/1/（2）", "item", (*_L, "（2）镇级污水管网配套。"),
                "（2）镇级污水管网配套。2020年6月底前，完成星子镇、保安镇、西岸镇、东陂镇4个镇级污水处理设施配套管网"
                "建设，新建管网不少于40公里。责任单位：各镇人民政府（牵头）、市住建局、市财政局"),
    make_clause("lianzhou-2018/三/（一）", "subsection", ("三、保障措施", "（一）强化资金保障。"),
                "（一）强化资金保障。市财政三年累计安排水污染防治资金不少于1.5亿元，积极争取省级专项资金支持。"),
    make_clause("donggang-2020/三/（一）", "subsection", ("三、保障措施", "（一）落实资金。"),
                "（一）落实资金。市财政安排入海河流整治专项资金1800万元，其中排污口整治600万元、镇级污水处理站建设1200万元。"),
    make_clause("donggang-2020/二/（四）", "subsection", ("二、主要任务", "（四）清理河道垃圾。"),
                "（四）清理河道垃圾。各镇对辖区河道、沟渠每月至少清理1次，禁止向河道倾倒生活垃圾、秸秆和建筑渣土。"
                "（各镇人民政府、街道办事处负责，市城管执法局督导）"),
)
CORPUS = Corpus(plans=(LIANZHOU, DONGGANG), clauses=CLAUSES, responsibilities=(), targets=(), deadlines=())


def _answer(clause_id: str, quote: str = "", **fact) -> Draft:
    draft = Draft(CORPUS)
    n = draft.cite(CORPUS.clause(clause_id), quote)
    draft.lines.append(f"… [{n}]")
    if fact:
        draft.facts.append(fact)
    return draft


def _asked(question: str):
    return analyze(question, CORPUS.plans)


def test_a_town_the_plan_writes_for_another_task_is_not_answered_by_this_ones_note():
    plant = _answer("lianzhou-2018/二/（一）/1/（1）")
    assert uncited_place(CORPUS, _asked("连州市西岸镇污水处理厂提标改造由谁牵头？"), plant) == "西岸镇"
    pipes = _answer("lianzhou-2018/二/（一）/1/（2）")
    assert uncited_place(CORPUS, _asked("连州市西岸镇污水管网配套建设由谁牵头？"), pipes) == ""
    assert uncited_place(CORPUS, _asked("连州市城区污水处理厂提标改造由谁牵头？"), plant) == ""


def test_a_duty_of_every_town_answers_for_one_town():
    rivers = _answer("donggang-2020/二/（四）")
    assert uncited_place(CORPUS, _asked("东港市孤山镇的河道垃圾由谁负责清理？"), rivers) == ""


def test_a_refusal_is_not_checked():
    refused = _answer("lianzhou-2018/二/（一）/1/（1）")
    refused.abstained = True
    assert uncited_place(CORPUS, _asked("连州市西岸镇污水处理厂提标改造由谁牵头？"), refused) == ""


def test_a_year_asked_must_be_stated_by_the_evidence():
    total = "市财政三年累计安排水污染防治资金不少于1.5亿元"
    assert unstated_year(CORPUS, _asked("连州市2019年安排了多少水污染防治资金？"), _answer("lianzhou-2018/三/（一）", total))
    # no year asked: the total answers
    assert not unstated_year(CORPUS, _asked("连州市安排了多少水污染防治资金？"), _answer("lianzhou-2018/三/（一）", total))
    # an annual plan's money is that year's
    outlets = "其中排污口整治600万元"
    assert not unstated_year(CORPUS, _asked("东港市2020年排污口整治安排了多少钱？"),
                             _answer("donggang-2020/三/（一）", outlets))
    assert unstated_year(CORPUS, _asked("东港市2021年排污口整治安排了多少钱？"), _answer("donggang-2020/三/（一）", outlets))
    # a fact of its own year is checked by its answerer
    assert not unstated_year(CORPUS, _asked("连州市2019年安排了多少水污染防治资金？"),
                             _answer("lianzhou-2018/三/（一）", total, type="target", year=2019))


def _target(indicator: str) -> Target:
    return Target("zhoucun-2016", "zhoucun-2016/三/（一）/2/1", indicator, 95.0, "%", "95%", "以上", 2020, "", None, "",
                  f"到2020年，{indicator}达到95%以上，所有建制镇实现“一镇一厂”。")


def test_a_whole_areas_figure_does_not_answer_a_question_on_its_towns():
    # Cut from zhoucun-2016 (三/（一）/2/1).
    from tests.conftest import ZHOUCUN

    asked = lambda question: analyze(question, (ZHOUCUN,))
    assert not scope_fits(asked("周村区2020年建制镇污水处理率要达到多少？"), _target("全区污水处理率"))
    assert not scope_fits(asked("周村区农村污水处理率要达到多少？"), _target("全区污水处理率"))
    assert scope_fits(asked("周村区2020年污水处理率要达到多少？"), _target("全区污水处理率"))
    assert scope_fits(asked("周村区2020年建制镇污水处理率要达到多少？"), _target("建制镇污水处理率"))


def test_a_sentence_takes_its_year_from_its_paragraph():
    # Cut from tests/fixtures/plans-dev/shenyang-2016.txt (一/(二)): the year opens the paragraph, not the sentence.
    paragraph = make_clause("lianzhou-2018/一/p9", "paragraph", ("一、主要指标",),
                            "到2020年,辽河干流水质稳定达到Ⅳ类水体标准。辽中区、新民市、康平县、法库县政府所在地及重点镇"
                            "污水处理率达到85%以上。")
    corpus = Corpus(plans=(LIANZHOU,), clauses=(paragraph,))
    draft = Draft(corpus)
    draft.cite(paragraph, "辽中区、新民市、康平县、法库县政府所在地及重点镇污水处理率达到85%以上。")
    draft.lines.append("… [1]")
    asked = lambda question: analyze(question, corpus.plans)
    assert not unstated_year(corpus, asked("连州市2020年重点镇污水处理率要达到多少？"), draft)
    assert unstated_year(corpus, asked("连州市2019年重点镇污水处理率要达到多少？"), draft)
