"""The intent table: every declared intent has its answerer; a new question type is one row."""
from __future__ import annotations

import pytest

from rag.answer.draft import Context
from rag.answer.figures import target
from rag.answer.intents import ANSWERERS, Intent, compose
from rag.answer.limits import deadline
from rag.answer.query import analyze
from rag.answer.who import who
from rag.types import Hit


def test_every_intent_has_an_answerer():
    assert set(ANSWERERS) == set(Intent)
    assert ANSWERERS[Intent.LEAD] is who and ANSWERERS[Intent.TARGET] is target
    assert ANSWERERS[Intent.DEADLINE] is deadline


def test_unknown_intent_names_the_valid_ones():
    with pytest.raises(ValueError, match="unknown intent 'weather'; valid: lead, cooperate"):
        Intent.from_str("weather")


def test_compose_routes_a_who_leads_question_to_the_note(mini_corpus):
    clause = mini_corpus.clause("zhoucun-2016/三/（二）/2")
    ctx = Context(mini_corpus, lambda text, plans: [])
    query = analyze("周村区黑臭水体整治计划由谁牵头？", mini_corpus.plans)
    draft = compose(ctx, query, [Hit(clause, 1.0, ("bm25",))])
    assert query.intent == "lead"
    assert draft.facts[0]["lead_units"] == ["区住建局"] and draft.citations[0].clause_id == clause.clause_id


def test_a_who_question_answered_by_a_quote_naming_no_unit_is_refused(mini_corpus):
    clause = mini_corpus.clause("zhoucun-2016/三/（一）/1/1")  # 集中治理工业集聚区水污染。…: no unit named
    ctx = Context(mini_corpus, lambda text, plans: [])
    query = analyze("周村区工业集聚区的污水集中处理，由哪些单位负责？", mini_corpus.plans)
    draft = compose(ctx, query, [Hit(clause, 1.0, ("bm25",))])
    assert query.intent not in {"lead", "cooperate", "implement"}
    assert draft.abstained and draft.text.startswith("找到的条款没有写明由哪个单位负责。")
    assert [c.clause_id for c in draft.citations] == [clause.clause_id]


def test_a_who_question_quoting_a_unit_keeps_its_answer(mini_corpus):
    clause = mini_corpus.clause("zhoucun-2016/三/（二）/2")  # （区住建局牵头，区水务局、区环保分局等参与）
    ctx = Context(mini_corpus, lambda text, plans: [])
    query = analyze("周村区黑臭水体整治计划，有哪些单位？", mini_corpus.plans)
    draft = compose(ctx, query, [Hit(clause, 1.0, ("bm25",))])
    assert not draft.abstained and "区住建局" in draft.text


def test_a_responsibility_note_is_a_list_of_units_not_of_things():
    from rag.answer.answered import is_unit_note

    assert is_unit_note("配合部门:区水务局、发展和改革委员会、财政局、环境保护局)")  # ledu-2017, a note
    assert not is_unit_note("针对焦化、化工、制药、造纸、印染、农副食品加工、酒和饮料制造、制革、电镀、有色金属等重点行业")
    assert not is_unit_note("新建、升级工业集聚区应同步规划、建设污水、垃圾集中处理等污染治理设施。")


def test_a_deadline_of_another_year_than_the_one_asked_is_refused():
    # shanxi-2015/三/（三）/1/1 states 2015年底前 and 2020年底前 only; 2018年底前 is not in the plan.
    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    clause = next(c for c in corpus.clauses if "居民阶梯水价" in c.text and c.plan_id == "shanxi-2015")
    query = analyze("山西2018年底前居民阶梯水价要覆盖到哪些建制镇？", corpus.plans, corpus.clauses)
    draft = compose(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])
    assert query.intent == "deadline" and draft.abstained


# Real text cut from liaocheng-2020/二/（一）/1 (put under a zhoucun id for the mini corpus's plans): a water class,
# no share.
_CLASS_ONLY = "督促工业集聚区污水处理厂和废水直排企业按照中央环保督察整改要求进行提标改造，确保出水水质主要特征污染物满足地表水V类标准。"


def test_a_share_asked_is_not_answered_by_a_sentence_stating_only_a_water_class(mini_corpus):
    from rag.answer.intents import figure_quotes, measure_stated
    from tests.conftest import make_clause
    clause = make_clause("zhoucun-2016/三/（一）/9", "item", ("三、主要任务",), _CLASS_ONLY)
    ctx = Context(mini_corpus, lambda text, plans: [])
    share = analyze("周村区工业园区污水集中处理率要达到多少？", mini_corpus.plans)
    assert not measure_stated(share, _CLASS_ONLY)
    assert figure_quotes(ctx, share, [Hit(clause, 1.0, ("bm25",))]).lines == []
    assert measure_stated(share, "全区污水处理率达到95%以上")
    assert measure_stated(analyze("周村区出水水质要达到几类？", mini_corpus.plans), _CLASS_ONLY)


def test_a_count_asked_is_not_answered_by_quotes_stating_no_count(mini_corpus):
    from dataclasses import replace

    from rag.answer.answered import uncounted
    from rag.answer.draft import Draft
    from tests.conftest import make_clause
    # Real text cut from zhoucun-2016/三/（一）/2/1 and zhoucun-2016/三/（二）/3/2.
    rate = make_clause("zhoucun-2016/三/（一）/2/1", "paragraph", ("三、主要任务",), "到2020年，全区污水处理率达到95%以上。")
    wells = make_clause("zhoucun-2016/三/（二）/3/2", "task", ("三、主要任务",),
                        "2017年底前，全区35处加油站地下油罐全部更新为双层油罐或完成防渗池设置。")
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, rate, wells))

    def answered(question: str, clause) -> bool:
        draft = Draft(corpus)
        draft.cite(clause, clause.text)
        return uncounted(replace(analyze(question, corpus.plans), intent="general"), draft)

    assert answered("周村区污水处理厂有几座？", rate)
    assert not answered("周村区有几处加油站要换双层油罐？", wells)
    assert not answered("周村区这几个镇的污水处理率要到多少？", rate)  # 这几个 names, it does not count


def test_a_count_asked_as_a_target_is_not_answered_by_a_share_or_by_some(mini_corpus):
    from dataclasses import replace

    from rag.answer.answered import uncounted
    from rag.answer.draft import Draft
    from tests.conftest import make_clause
    # In the words of an annual city plan (运城 2019 probe): a share of farms, and "关停取缔一批".
    share = make_clause("zhoucun-2016/三/（一）/3/9", "paragraph", ("三、主要任务",),
                        "规模化畜禽养殖场（小区）配套建设粪便污水贮存、处理与利用设施的比例达到80%以上。")
    some = make_clause("zhoucun-2016/三/（一）/3/8", "paragraph", ("三、主要任务",),
                       "对涉水“散乱污”企业实行清单管理，关停取缔一批、整改提升一批，2019年底前完成整治任务。")
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, share, some))
    draft = Draft(corpus)
    draft.cite(share, share.text)
    draft.cite(some, some.text)
    assert uncounted(replace(analyze("周村区今年要关掉多少个养猪场？", corpus.plans), intent="target"), draft)


def test_task_rows_picked_one_by_one_count_nothing_a_whole_table_does(mini_corpus):
    from dataclasses import replace

    from rag.answer.answered import uncounted
    from rag.answer.draft import Draft
    from tests.conftest import make_clause
    # Cut from huoshan-2019/二/表1 (composed12): "要新建几座乡镇污水处理厂" was answered by quoting two task rows.
    table = make_clause("zhoucun-2016/二/表1", "table", ("二、重点任务",), "序号 工作任务 牵头单位 配合单位 完成时限")
    pipes = make_clause("zhoucun-2016/二/表1/r2", "table-row", ("二、重点任务",),
                        "序号：2；工作任务：新建改造县城污水管网12公里，县城污水处理厂负荷率达到85%；牵头单位：县住建局")
    upkeep = make_clause("zhoucun-2016/二/表1/r4", "table-row", ("二、重点任务",),
                         "序号：4；工作任务：完成乡镇政府驻地污水处理设施运维第三方委托；牵头单位：县住建局")
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, table, pipes, upkeep))
    query = replace(analyze("周村区2019年要新建几座乡镇污水处理厂？", corpus.plans), intent="general")
    rows = Draft(corpus)
    rows.cite(pipes, "工作任务：新建改造县城污水管网12公里，县城污水处理厂负荷率达到85%；")
    rows.cite(upkeep, "工作任务：完成乡镇政府驻地污水处理设施运维第三方委托；")
    assert uncounted(query, rows)
    whole = Draft(corpus)
    whole.cite(table, table.text)
    whole.cite(pipes, pipes.text)
    assert not uncounted(query, whole)


def test_by_what_date_asks_the_deadline():
    # jinjiang-2018/二/（六）: "2019年6月底前，完成金鸡桥闸、龙湖饮用水水源保护区规范化建设" — a date asked, not the 100%
    # 水质达标率 of its table, which a target reading answered.
    question = "By what date should the Longhu drinking water source protection area in Jinjiang be brought up to standard?"
    assert analyze(question, []).intent == "deadline"
    assert analyze("On which date must the sewer network be finished?", []).intent == "deadline"


def test_a_task_tables_main_mark_asks_the_lead(mini_corpus):
    # ruzhou-2019's 责任单位 cells mark the lead 主责: a shorthand question ending in it asks who leads
    assert analyze("汝州 安沟水库水源地隔离网 主责", mini_corpus.plans).intent == "lead"
