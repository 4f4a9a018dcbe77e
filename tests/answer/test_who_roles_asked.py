"""The role a who question asks when the plan gives it a label of its own: in a plan whose notes write 责任主体 as a
label beside 牵头单位 and 配合单位, "谁是责任主体" asks for that label's units, and a task whose note names none is
refused rather than answered with its lead; a supervisor named in running text answers "由哪个部门监督指导"."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from yijinhuoluo-2020.txt (plans-dev/composed13), tasks (一) and (七).
YIJINHUOLUO = (
    "伊金霍洛旗2020年水污染防治攻坚战实施方案\n"
    "二、重点任务\n"
    "（一）矿井疏干水综合利用。2020年10月底前，完成纳林希里、红庆河等4座煤矿矿井水深度处理设施建设，处理后的矿井水优先"
    "用于生态补水和工业用水，严禁未经处理直接外排。\n"
    "牵头单位：旗能源局；配合单位：鄂尔多斯市生态环境局伊金霍洛旗分局、旗水利局；责任主体：各煤炭生产企业。\n"
    "（七）农村牧区生活污水治理。2020年底前，完成15个嘎查村生活污水治理，农村牧区生活污水治理率达到30%。\n"
    "牵头单位：旗农牧局；配合单位：旗住房和城乡建设局、鄂尔多斯市生态环境局伊金霍洛旗分局。\n"
)
# Cut from bayi-2017.txt (plans-dev/composed17), item 2.
BAYI = (
    "巴宜区水污染防治工作方案\n"
    "二、主要任务\n"
    "（一）保障饮用水水源安全\n"
    "2．开展水源地环境整治。2018年6月底前，清理水源保护区内违法建筑和排污口。各乡（镇）人民政府为责任主体，"
    "区环保局负责监督指导。\n"
)


def _ask(tmp_path, name: str, plan: str, question: str):
    (tmp_path / name).write_text(plan, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id)]
    hits = [Hit(clause, 1.0 - 0.1 * k, ("bm25",)) for k, clause in enumerate(noted)]
    return who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), hits)


def _units(draft):
    return [(f["clause_id"], f["lead_units"], f["implementing_units"]) for f in draft.facts]


def test_the_labelled_responsible_body_is_answered(tmp_path):
    draft = _ask(tmp_path, "yijinhuoluo-2020.txt", YIJINHUOLUO, "伊金霍洛旗矿井疏干水综合利用的责任主体是谁？")
    assert not draft.abstained
    assert _units(draft) == [("yijinhuoluo-2020/二/（一）", ["旗能源局"], ["各煤炭生产企业"])]


def test_a_task_without_the_label_has_no_responsible_body_to_give(tmp_path):
    draft = _ask(tmp_path, "yijinhuoluo-2020.txt", YIJINHUOLUO, "伊金霍洛旗农村牧区生活污水治理的责任主体是谁？")
    assert draft.abstained
    assert _units(draft) == [("yijinhuoluo-2020/二/（七）", ["旗农牧局"], [])]


def test_the_supervisor_of_a_responsible_body_is_its_lead(tmp_path):
    draft = _ask(tmp_path, "bayi-2017.txt", BAYI, "巴宜区水源地环境整治由哪个部门负责监督指导？")
    assert not draft.abstained
    assert _units(draft) == [("bayi-2017/二/（一）/2", ["区环保局"], ["各乡（镇）人民政府"])]
