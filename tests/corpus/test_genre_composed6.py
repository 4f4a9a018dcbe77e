"""Forms found in the sixth composed set (tests/fixtures/plans-dev/composed6, our own text in the genre's forms):
work points numbered as articles (第三条 …) with prose notes naming an office (市河长制办公室负责) and the doer of
a task (…负责实施), and an annual 工作要点 whose title holds a long subject between its year and 工作要点, so
its dates without a year ("6月底前", "11月底前") are that year's."""
from __future__ import annotations

from rag.corpus.loader import load_corpus
from tests.conftest import unit_names

# Cut from ningguo-2019.txt.
ARTICLES = (
    "宁国市2019年河长制湖长制工作要点\n"
    "第一条 为深入推进河长制湖长制从“有名”向“有实”转变，持续改善全市河湖水环境质量，制定本工作要点。\n"
    "第二条 工作目标\n"
    "到2019年底，全市河湖长制组织体系、制度体系和责任体系进一步完善，水功能区水质达标率达到85%以上。\n"
    "第三条 完善河湖长组织体系。2019年4月底前完成市、乡、村三级河湖长名单调整并向社会公告，更新河湖长公示牌。"
    "市河长制办公室负责，各乡镇人民政府、街道办事处落实。\n"
    "第六条 防治农业面源污染。全市化肥、农药使用量实现负增长，畜禽粪污综合利用率达到78%以上；"
    "2019年10月底前完成港口湾水库汇水区内规模养殖场粪污治理设施改造。市农业农村局牵头，市生态环境分局配合。\n"
    "第七条 推进农村污水治理。2019年底前完成12个美丽乡村中心村生活污水处理设施建设。"
    "市住房和城乡建设局牵头，市财政局、市生态环境分局配合，各乡镇人民政府负责实施。\n"
)

# Cut from pinghu-2021.txt.
WORK_POINTS = (
    "平湖市2021年工业园区“污水零直排区”建设暨水污染防治工作要点\n"
    "二、重点任务\n"
    "（一）推进工业园区“污水零直排区”建设。一是完成平湖经济技术开发区、独山港经济开发区“污水零直排区”建设，"
    "6月底前完成园区雨污管网排查；二是完成50家重点企业雨污分流改造，年底前通过验收。\n"
    "牵头单位：市经信局  配合单位：市生态环境分局、市建设局  责任单位：各开发区（园区）管委会\n"
    "（四）深化农业面源污染治理。畜禽粪污资源化利用率稳定在95%以上，11月底前完成水产养殖尾水治理点建设20个。\n"
    "牵头单位：市农业农村局  配合单位：市生态环境分局\n"
)


def test_articles_are_clauses_of_their_own_and_carry_prose_notes(tmp_path):
    (tmp_path / "ng-2019.txt").write_text(ARTICLES, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    ids = [c.clause_id for c in corpus.clauses]
    assert ids == ["ng-2019/p1", "ng-2019/第一条", "ng-2019/第二条", "ng-2019/第二条/p1", "ng-2019/第三条",
                   "ng-2019/第六条", "ng-2019/第七条"]
    assert [(r.clause_id, unit_names(r.lead_units), unit_names(r.cooperating_units),
             unit_names(r.implementing_units)) for r in corpus.responsibilities] == [
        ("ng-2019/第三条", ["市河长制办公室"], [], ["各乡镇人民政府", "街道办事处"]),
        ("ng-2019/第六条", ["市农业局"], ["市生态环境分局"], []),
        ("ng-2019/第七条", ["市住建局"], ["市财政局", "市生态环境分局"], ["各乡镇人民政府"])]


def test_running_text_citing_an_article_is_not_one():
    from rag.corpus.clauses import match_heading

    assert match_heading("第三条规定的任务由各乡镇落实。") is None
    assert match_heading("第十二条 本方案自印发之日起施行。").token == "第十二条"


def test_a_work_points_title_gives_its_year_to_targets_and_dates_stated_without_one(tmp_path):
    (tmp_path / "ph-2021.txt").write_text(WORK_POINTS, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [(t.indicator, t.value_text, t.year) for t in corpus.targets] == [("畜禽粪污资源化利用率", "95%以上", 2021)]
    assert [(d.clause_id, d.text, d.year, d.month) for d in corpus.deadlines] == [
        ("ph-2021/二/（一）", "6月底前", 2021, 6), ("ph-2021/二/（一）", "年底前", 2021, None),
        ("ph-2021/二/（四）", "11月底前", 2021, 11)]
    ningguo = tmp_path / "ng-2019.txt"
    ningguo.write_text(ARTICLES, encoding="utf-8")
    assert {t.indicator: t.year for t in load_corpus(tmp_path).targets if t.plan_id == "ng-2019"}[
        "畜禽粪污综合利用率"] == 2019
