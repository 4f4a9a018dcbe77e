"""A who answer comes from a note whose task holds the question's subject as a phrase: "垃圾分类" is not the
red-line task that only says 分类 (its two words scattered), while a shorthand that swaps the words of the task
("十小取缔" for 取缔“十小”企业) still finds it."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from zhoucun-2016.txt (三、（五）1 and 三、（一）1).
PLAN = (
    "周村区水污染防治工作方案\n"
    "三、主要任务\n"
    "（一）全面控制污染物排放\n"
    "全面取缔“十小”企业。全面排查装备水平低、环保设施差的小型工业企业。（区环保分局牵头，区经信局、区国土资源分局等参与）\n"
    "（五）强化空间管控\n"
    "划定并严守生态保护红线。2016年底前完成我区生态功能红线划定工作，将重要水域、生物多样性保护区、自然保护区、"
    "饮用水源保护区、水源涵养区等与水生态环境密切相关的重要区域划入生态红线保护范围，细化分类分区管控措施，做到红线区域"
    "性质不转换、功能不降低、面积不减少、责任不改变。（区环保分局牵头，区发改局、区财政局、区国土资源分局、区住建局、"
    "区水务局、区农业局、区林业局等参与）\n"
)


def _ask(tmp_path, question: str):
    (tmp_path / "zhoucun-2016.txt").write_text(PLAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id)]
    hits = [Hit(clause, 1.0 - 0.1 * k, ("bm25",)) for k, clause in enumerate(reversed(noted))]
    return noted, who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), hits)


def test_a_subject_only_scattered_over_the_task_is_refused(tmp_path):
    _, draft = _ask(tmp_path, "周村区垃圾分类工作由哪个部门牵头？")
    assert draft.abstained and not draft.facts


def test_the_task_named_by_its_own_phrase_is_answered(tmp_path):
    noted, draft = _ask(tmp_path, "周村区生态保护红线由哪个部门牵头？")
    assert not draft.abstained
    assert [(f["clause_id"], f["lead_units"]) for f in draft.facts] == [(noted[1].clause_id, ["区环保分局"])]


def test_a_shorthand_with_the_words_swapped_finds_its_task(tmp_path):
    noted, draft = _ask(tmp_path, "周村 十小取缔 牵头")
    assert not draft.abstained
    assert [(f["clause_id"], f["lead_units"]) for f in draft.facts] == [(noted[0].clause_id, ["区环保分局"])]


def test_units_sharing_a_task_by_remit_are_responsible_not_leads():
    from rag.answer.who import roles_line
    from rag.types import Responsibility, Unit
    from tests.conftest import mini_corpus_value

    units = (Unit("省水利厅", "省水利厅"), Unit("省环保厅", "省环保厅"))
    # Cut from shandong-2018.txt (composed): the whole note is the remit sentence.
    shared = Responsibility("zhoucun-2016", "zhoucun-2016/三/（二）/2", units, (), (),
                            "推进入河排污口规范化整治", "省水利厅、省环保厅按职责分工负责")
    led = replace(shared, note="省水利厅牵头，省环保厅按职责分工负责")
    assert roles_line(mini_corpus_value(), shared) == "负责：省水利厅、省环保厅。"
    assert roles_line(mini_corpus_value(), led).startswith("牵头：")


def test_a_water_the_task_never_writes_is_another_task():
    from types import SimpleNamespace

    from rag.answer.task_notes import water_not_in_task

    def query(official, aliases=()):
        term = SimpleNamespace(kind="water", official=official, aliases=aliases)
        return SimpleNamespace(terms=(SimpleNamespace(term=term),))

    # ningxia-2018 (composed14): the industrial-park task is no answer for groundwater monitoring.
    task = "（一）工业园区污水集中处理。2018年10月底前，全区工业集聚区全部建成污水集中处理设施并安装自动在线监控装置。"
    assert water_not_in_task(query("地下水", ("井水",)), task) is True
    # zhangzhou-2018: the plan words the water its own way (农村饮用水水源保护 for 农村饮用水水源地).
    assert water_not_in_task(query("农村饮用水水源地", ("农村水源",)), "6.加強農村飲用水水源保護。") is False
    # A bare river or a water class names no task.
    assert water_not_in_task(query("河道"), task) is False
    assert water_not_in_task(query("劣Ⅴ类"), task) is False


# Cut from liyang-2017.txt (composed18, stop 20): tasks that list towns and trades.
LIYANG = (
    "溧阳市水污染防治2017年度重点工作任务\n"
    "二、重点任务\n"
    "（三）城镇污水处理\n"
    "8．建成上兴镇、竹箦镇、南渡镇污水处理厂扩建工程，新增处理能力1.5万吨/日。\n"
    "实施主体：上兴镇、竹箦镇、南渡镇人民政府\n"
    "（四）工业污染防治\n"
    "10．开展化工、电镀、印染企业专项整治，2017年关停取缔“散乱污”企业56家。\n"
    "责任单位：市经信局（牵头），市环保局、市安监局、市市场监管局，各镇人民政府（街道办事处）、溧阳经济开发区管委会\n"
)


def test_a_list_the_question_writes_too_names_the_task(tmp_path):
    # A list in a task is a subject named in passing, unless the question writes that list itself.
    (tmp_path / "liyang-2017.txt").write_text(LIYANG, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id)]
    hits = [Hit(clause, 1.0 - 0.1 * k, ("bm25",)) for k, clause in enumerate(noted)]
    ask = lambda question: who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), hits)
    draft = ask("溧阳化工、电镀、印染企业专项整治的配合部门有哪些？")
    assert [(f["clause_id"], f["cooperating_units"]) for f in draft.facts] == [
        (noted[1].clause_id, ["市环保局", "市安监局", "市市场监管局"])]
    draft = ask("溧阳上兴、竹箦、南渡镇污水处理厂扩建工程由谁实施？")
    assert [(f["clause_id"], f["implementing_units"]) for f in draft.facts] == [
        (noted[0].clause_id, ["上兴镇人民政府", "竹箦镇人民政府", "南渡镇人民政府"])]
