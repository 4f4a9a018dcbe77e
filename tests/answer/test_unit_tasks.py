"""What a named department leads, read from the plan's notes (rag.answer.unit_tasks)."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.unit_tasks import asked_unit, unit_tasks
from rag.corpus.loader import load_corpus


def _corpus(tmp_path):
    # Huoshan's task table (composed12, cut): lead units in the third column.
    (tmp_path / "huoshan-2019.txt").write_text(
        "霍山县2019年水污染防治工作要点\n一、工作目标\n2019年，全县地表水国控断面水质达到Ⅱ类。\n二、重点任务\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t完成县经济开发区污水处理厂提标改造，出水达到一级A标准\t县经济开发区管委会\t县生态环境分局\t2019年9月底前\n"
        "2\t新建改造县城污水管网12公里，县城污水处理厂负荷率达到85%\t县住建局\t县财政局、衡山镇政府\t2019年12月底前\n"
        "3\t完成佛子岭水库库区网箱养殖清理\t县农业农村局\t诸佛庵镇、落儿岭镇政府\t2019年6月底前\n"
        "4\t完成乡镇政府驻地污水处理设施运维第三方委托\t县住建局\t各乡镇政府\t2019年10月底\n"
        "5\t开展淠河沿线入河排污口排查整治\t县生态环境分局\t县水利局\t2019年11月底前\n",
        encoding="utf-8")
    return load_corpus(tmp_path)


def test_what_a_bureau_leads_lists_the_tasks_its_notes_name(tmp_path):
    corpus = _corpus(tmp_path)
    query = analyze("What does the Huoshan housing and urban-rural development bureau lead?", corpus.plans,
                    corpus.clauses)
    unit = asked_unit(query, len(corpus.plans))
    assert unit is not None and unit[1] == "lead"
    draft = unit_tasks(Context(corpus, search=lambda *_: []), query, *unit)
    assert draft.text.startswith("The housing and urban-rural development bureau (县住建局) leads these tasks:")
    assert [c.clause_id.rsplit("/", 1)[-1] for c in draft.citations] == ["r2", "r4"]
    assert "「新建改造县城污水管网12公里" in draft.text


def test_the_cooperating_role_and_a_unit_named_inside_a_longer_name(tmp_path):
    corpus = _corpus(tmp_path)
    query = analyze("What does the water resources bureau in Huoshan assist with?", corpus.plans, corpus.clauses)
    mention, role = asked_unit(query, len(corpus.plans))
    assert role == "cooperate"
    draft = unit_tasks(Context(corpus, search=lambda *_: []), query, mention, role)
    assert [c.clause_id.rsplit("/", 1)[-1] for c in draft.citations] == ["r5"]


def test_who_questions_and_a_task_beside_the_unit_are_not_this_kind(tmp_path):
    corpus = _corpus(tmp_path)
    for question in ("Who leads the sewage outfall checks along the Pi River in Huoshan?",
                     "Which bureau leads the cage fish farm clean-up in Huoshan?",
                     "What does the Huoshan housing bureau lead on sewage pipes?"):
        assert asked_unit(analyze(question, corpus.plans, corpus.clauses), len(corpus.plans)) is None, question


def test_a_note_the_parser_did_not_read_still_names_the_lead(tmp_path):
    # ledu-2017 task 14 writes its note without a bracket ("…下降10%牵头部门:区水务局;…"); task 21 has one.
    (tmp_path / "ledu-2017.txt").write_text(
        "乐都区水污染防治工作方案\n二、主要工作任务及分工\n(六)遵循节水优先原则,提高三产用水效率。\n"
        "14.推行节水目标考核。建立万元国内生产总值水耗指标等用水效率评估体系。2020年,万元生产总值用水量比2015年"
        "下降10%牵头部门:区水务局;配合部门:区发展和改革委员会、工业和商务局;责任单位:各相关企业)\n"
        "(七)严格控制用水总量,保证河道生态流量。\n"
        "21.合理调度水资源。加强水功能区监督管理,从严核定水域纳污能力。(牵头部门:区水务局;配合部门:区发展和改革委员会、"
        "环境保护局)\n"
        "22.治理城市黑臭水体。2017年底前基本消除建成区黑臭水体。(牵头部门:区住房和规划建设局;配合部门:区水务局)\n",
        encoding="utf-8")
    corpus = load_corpus(tmp_path)
    query = analyze("What does the Ledu water affairs bureau lead?", corpus.plans, corpus.clauses)
    draft = unit_tasks(Context(corpus, search=lambda *_: []), query, *asked_unit(query, len(corpus.plans)))
    assert "「推行节水目标考核」" in draft.text and "「合理调度水资源」" in draft.text
    assert "治理城市黑臭水体" not in draft.text  # there the water bureau cooperates


def test_a_unit_named_after_the_verb_is_helped_not_helping(tmp_path):
    # "Which bureau assists the X bureau": the role verb comes before the unit's name (its second "bureau"), so the
    # question asks who assists the unit on a task, not which tasks the unit assists with.
    corpus = _corpus(tmp_path)
    for question in ("Which bureau assists the Huoshan housing and urban-rural development bureau?",
                     "Which office helps the Huoshan housing and urban-rural development bureau?"):
        assert asked_unit(analyze(question, corpus.plans, corpus.clauses), len(corpus.plans)) is None, question
    query = analyze("What does the Huoshan housing and urban-rural development bureau assist with?", corpus.plans,
                    corpus.clauses)
    mention, role = asked_unit(query, len(corpus.plans))
    assert role == "cooperate" and mention.surface == "hous and urban rural development bureau"
