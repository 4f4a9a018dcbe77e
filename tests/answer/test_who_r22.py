"""Who-questions of stop 22: "垃圾分类" is not the task of a clause that names 生活垃圾 (the glossary's widening of
垃圾) but never 分类; a question's own two-item list names the task whose list holds it; a plan's own
sentence on what its 责任单位 do ("按职责分工配合推进") makes them the answer to "哪些单位配合"; officials' "谁来抓"
and citizens' "找谁" ask who leads."""
from __future__ import annotations

import pytest

from rag.answer.asks import asked_intent
from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.normalize import normalize
from rag.types import Hit

# Cut from ledu-2017.txt (二、（三）7).
LEDU = (
    "乐都区水污染防治工作方案\n"
    "二、主要任务\n"
    "（三）农业农村污染防治\n"
    "7.加快农村环境整治步伐。实施家园美化行动,推进农村环境综合整治,加强已建成农村生活垃圾、污水处理设备设施的管理,"
    "建立政府补贴、农户付费相结合的经费保障机制。探索和推广分散式污水处理和生活垃圾处理技术。"
    "(牵头部门:区环境保护局;配合部门:区住房和规划建设局、水务局、农牧局)\n"
)
# Cut from yongtai-2020.txt (plans-dev/composed19), task 5: the note stands on its own line.
YONGTAI = (
    "永泰县2020年水污染防治工作要点\n"
    "二、重点任务\n"
    "（二）城镇污水治理\n"
    "5．规范汽车维修、洗车、餐饮等行业排水，洗车点须设置沉淀隔油设施，2020年8月底前完成县城区洗车点排查。\n"
    "主办单位：县城管局；协办单位：县市场监管局、县商务局。\n"
)
# The form of bishan-2018.docx (plans-dev/composed17): a sentence above the task list says what its labels mean.
BISHAN_DEFINED = "各镇街、各部门按照下表分工抓好落实，表中“牵头单位”对任务负总责，“责任单位”按职责分工配合推进。\n"
BISHAN = (
    "璧山区2018年水污染防治工作实施方案\n"
    "二、重点任务\n"
    "{defined}"
    "（四）水体治理与河长制\n"
    "9．区级河长每月巡河不少于1次，镇街级河长每半月不少于1次，村级河长每周不少于1次。\n"
    "牵头单位：区河长办；责任单位：区水利局、各镇街。\n"
)


def _ask(tmp_path, name: str, plan: str, question: str, plan_id: str | None = None):
    (tmp_path / name).write_text(plan, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id) and plan_id in (None, c.plan_id)]
    hits = [Hit(clause, 1.0 - 0.1 * k, ("bm25",)) for k, clause in enumerate(noted)]
    return who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), hits)


def test_a_widened_term_inside_the_askers_compound_is_not_the_task(tmp_path):
    # 分类 is a word the plans write (another plan's 分类分区管控), and the 生活垃圾 task never writes it.
    (tmp_path / "zhoucun-2016.txt").write_text(
        "周村区水污染防治工作方案\n三、主要任务\n（五）强化空间管控\n划定并严守生态保护红线。细化分类分区管控措施。"
        "（区环保分局牵头，区发改局等参与）\n", encoding="utf-8")
    draft = _ask(tmp_path, "ledu-2017.txt", LEDU, "乐都区垃圾分类由哪个部门牵头？", plan_id="ledu-2017")
    assert draft.abstained and not draft.facts


def test_the_askers_own_phrase_still_finds_the_task(tmp_path):
    draft = _ask(tmp_path, "ledu-2017.txt", LEDU, "乐都区农村垃圾处理由哪个部门牵头？")
    assert not draft.abstained
    assert [(f["clause_id"], f["lead_units"]) for f in draft.facts] == [("ledu-2017/二/（三）/7", ["区环境保护局"])]


def test_a_two_item_list_the_question_writes_names_the_task(tmp_path):
    draft = _ask(tmp_path, "yongtai-2020.txt", YONGTAI, "永泰县汽车维修、洗车行业排水整治，协办单位有哪些？")
    assert not draft.abstained
    assert [(f["clause_id"], f["cooperating_units"]) for f in draft.facts] == [
        ("yongtai-2020/二/（二）/5", ["县市场监管局", "县商务局"])]


def test_units_the_plan_says_cooperate_answer_who_cooperates(tmp_path):
    draft = _ask(tmp_path, "bishan-2018.txt", BISHAN.format(defined=BISHAN_DEFINED), "璧山区河长巡河这事，哪些单位配合？")
    assert not draft.abstained
    assert [(f["lead_units"], f["implementing_units"]) for f in draft.facts] == [(["区河长办"], ["区水利局", "各镇街"])]
    assert [c.clause_id for c in draft.citations] == ["bishan-2018/二/（四）/9", "bishan-2018/二/p1"]
    assert "按职责分工配合推进" in draft.citations[1].quote


def test_without_the_plans_sentence_the_responsible_units_do_not_cooperate(tmp_path):
    draft = _ask(tmp_path, "bishan-2018.txt", BISHAN.format(defined=""), "璧山区河长巡河这事，哪些单位配合？")
    assert draft.abstained


@pytest.mark.parametrize("question", ["昌邑区水污染防治考核问责谁来抓？", "湿地保护哪个部门抓？", "家门口河里有人偷排污水，该找谁？"])
def test_officials_and_citizens_words_ask_who_leads(question):
    assert asked_intent(normalize(question), 1, None) == "lead"
