"""Note forms of the who questions: a supervisor written after the responsible unit ("X负责，Y督促指导"), a
督查室 among the cooperating units, and a default-implementer sentence worded "不再一一列出" cited with what it sets."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from rag.corpus.prose_notes import prose_note
from tests.conftest import unit_names

# Cut from ningguo-2019.txt (composed6).
NINGGUO = (
    "宁国市2019年河长制湖长制工作要点\n"
    "第五条 加强工业污染防治。宁国经济技术开发区2019年9月底前完成污水处理厂提标改造，出水达到一级A排放标准。"
    "宁国经济技术开发区管委会负责，市生态环境分局督促指导。\n"
    "第九条 强化督查考核。市河长制办公室每季度开展一次督查，督查结果纳入乡镇年度目标管理考核。"
    "市委督查室、市政府督查室配合。\n"
)


def _roles(note):
    return {role: unit_names(units) for role, units in note.items()}


def test_a_supervisor_after_the_responsible_unit_is_no_implementer():
    note = prose_note("宁国经济技术开发区管委会负责，市生态环境分局督促指导。")
    assert _roles(note) == {"lead": ["宁国经济技术开发区管委会", "市生态环境分局"], "cooperate": [], "implement": []}


def test_a_plain_responsible_part_after_a_lead_still_implements():
    note = prose_note("县水利局牵头，县环保局负责。")
    assert _roles(note) == {"lead": ["县水利局"], "cooperate": [], "implement": ["县环保局"]}


def test_notes_of_the_supervised_task_and_of_the_inspection_offices(tmp_path):
    (tmp_path / "ng-2019.txt").write_text(NINGGUO, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    found = [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units), unit_names(r.implementing_units))
             for r in corpus.responsibilities]
    assert found == [
        ("ng-2019/第五条", ["宁国经济技术开发区管委会", "市生态环境分局"], [], []),
        ("ng-2019/第九条", [], ["市委督查室", "市政府督查室"], []),
    ]


# A default sentence worded as Xi'an and Lintong word theirs, with 一一 (as many county plans do).
DEFAULT_ONE_BY_ONE = (
    "某县水污染防治工作方案\n"
    "一、主要目标\n"
    "以下各项任务均由各乡镇人民政府负责落实，不再一一列出。\n"
    "二、工作任务\n"
    "1.农村污水治理。完成12个村生活污水处理设施建设。（县住建局牵头，县环保局配合）\n"
)


def test_a_default_sentence_worded_one_by_one_is_the_cited_source(tmp_path):
    (tmp_path / "mx-2019.txt").write_text(DEFAULT_ONE_BY_ONE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    source = corpus.default_source("mx-2019")
    assert source is not None and source.clause_id == "mx-2019/一/p1"
    task = [r for r in corpus.responsibilities if r.clause_id == "mx-2019/二/1"]
    assert [unit_names(r.inherited) for r in task] == [["各乡镇人民政府"]]


def test_local_governments_of_a_kind_under_a_supervisor_carry_the_task_out():
    # Cut from maiji-2018 (composed21) and yongtai-2020 (composed19): the supervisor's 指导 part was no role part,
    # and "负责监督指导" read 负责 as part of the unit's name, so neither sentence was a note.
    assert _roles(prose_note("各乡镇负责，区环保局、区文旅局指导。")) == {
        "lead": ["区环保局", "区文旅局"], "cooperate": [], "implement": ["各乡镇"]}
    assert _roles(prose_note("各乡（镇）人民政府为责任主体，县生态环境局负责监督指导。")) == {
        "lead": ["县生态环境局"], "cooperate": [], "implement": ["各乡(镇)人民政府"]}
