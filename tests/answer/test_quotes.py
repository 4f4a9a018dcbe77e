"""Citizens' obligations: the sentences binding someone like the asker, one plain line each."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.quotes import duty_kind, obligation
from rag.types import Hit


def test_each_obligation_gets_a_plain_lead_in():
    assert duty_kind("禁止处理处置不达标的污泥进入耕地。") == "禁止："
    assert duty_kind("2016年6月底前,各市完成污泥堆放点排查和规范改造工作。") == "期限 2016年6月底前："
    assert duty_kind("非法污泥堆放点一律予以取缔。") == "须："
    assert duty_kind("推进污泥处理处置。") == ""


def test_a_farmer_asking_about_sludge_gets_the_prohibition_quoted_and_cited(mini_corpus):
    clause = mini_corpus.clause("shanxi-2015/二/（一）/2/1")
    query = analyze("我家在山西种地，能不能拉污水处理厂的污泥当肥料上到地里？", mini_corpus.plans)
    hit = Hit(clause, 1.0, ("dense",), sentence="禁止处理处置不达标的污泥进入耕地。")
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [hit])
    assert query.intent == "obligation"
    assert draft.lines[0] == "- 禁止：「禁止处理处置不达标的污泥进入耕地。」[1]"
    assert draft.citations[0].clause_id == "shanxi-2015/二/（一）/2/1"
    assert draft.citations[0].quote == "禁止处理处置不达标的污泥进入耕地。"


# Real text cut from zhoucun-2016/三/（二）/3/2: a duty of petrol stations, none of a car wash's.
_TANKS = "2017年底前，全区35处加油站地下油罐全部更新为双层油罐或完成防渗池设置。"


def test_a_sentence_addressing_another_kind_of_actor_is_named_as_such():
    from rag.answer.glossary import other_actor

    car_wash = ("洗车场", "洗车店")
    assert other_actor(_TANKS, car_wash) == "加油站"
    assert other_actor(_TANKS, ("加油站", "油站")) == ""  # the asker's own kind
    assert other_actor("推进工业企业再生水循环利用。", ()) == "工业企业"
    assert other_actor("加强船舶与码头污染控制。", car_wash) == ""  # 码头 alone is too short to name an actor


def test_a_car_wash_asking_gets_no_petrol_station_duty_but_a_refusal_citing_it(mini_corpus):
    from tests.conftest import make_clause

    clause = make_clause("zhoucun-2016/三/（二）/3/2", "task", ("三、主要任务", "开展地下水污染防控。"), _TANKS)
    query = analyze("我在周村开洗车店，地下油罐有什么要求？", mini_corpus.plans)
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert query.intent == "obligation"
    assert draft.abstained
    assert draft.lines == ["方案中找到的规定针对的是加油站，不是所问的对象 [1]。"]
    assert draft.citations[0].clause_id == "zhoucun-2016/三/（二）/3/2"


def test_a_petrol_station_asking_gets_its_duty_with_the_deadline(mini_corpus):
    from tests.conftest import make_clause

    clause = make_clause("zhoucun-2016/三/（二）/3/2", "task", ("三、主要任务", "开展地下水污染防控。"), _TANKS)
    query = analyze("我在周村开加油站，地下油罐有什么要求？", mini_corpus.plans)
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert not draft.abstained
    assert draft.lines == [f"- 期限 2017年底前：「{_TANKS}」[1]"]


def test_an_english_how_many_with_no_count_stated_is_refused_not_answered_with_a_list():
    from rag.answer.quotes import listing
    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    # 重点支持污水处理、污泥处理处置、河道整治…: an enumeration of projects, no number of plants
    clause = corpus.clause("changyi-2016/四/（二）/1")
    query = analyze("How many wastewater treatment plants does Changyi operate?", corpus.plans)
    draft = listing(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert query.intent == "list"
    assert draft.abstained and draft.citations == []
    # The same enumeration still answers a question asking which ones.
    which = analyze("昌邑区财政重点支持哪些项目？", corpus.plans)
    named = listing(Context(corpus, lambda text, plans: []), which, [Hit(clause, 1.0, ("dense",))])
    assert not named.abstained and named.citations[0].clause_id == "changyi-2016/四/（二）/1"


def _duties(mini_corpus, question: str, clause):
    query = analyze(question, mini_corpus.plans)
    return obligation(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("bm25",))])


def test_a_duty_binding_nobody_in_particular_is_no_answer_to_a_kind_of_actor(mini_corpus):
    # zhoucun-2016/三/（二）/2 binds the government's clean-up of black rivers; a restaurant owner has no duty in it.
    draft = _duties(mini_corpus, "我在周村开饭店，黑臭水体整治对我有什么要求？", mini_corpus.clause("zhoucun-2016/三/（二）/2"))
    assert draft.abstained and draft.lines == ["方案中没有找到针对所问对象的规定。 The plans state no duty for the one asking."]


def test_an_unlawful_act_binds_any_actor():
    from rag.answer.quotes import names_actor
    from tests.conftest import make_clause

    clause = make_clause("changyi-2016/三/（六）/1", "item", ("（六）", "1、加大执法力度。"), "")
    # Real text cut from changyi-2016: 私设暗管 is punished whoever lays the pipe.
    assert names_actor("重点打击私设暗管或利用渗井、渗坑排放含病原体污水等环境违法行为。", clause, ("小作坊",))
    assert names_actor("规范整治小型餐饮服务业。", clause, ("餐饮",))
    assert not names_actor("2017年底前，消除城市建成区全部黑臭水体。", clause, ("餐饮", "饭店"))


# Real text cut from shanxi-2015/二/（一）/1/4 and changyi-2016/三/（八）/3.
_PHARMA = ("2017年底前,造纸行业力争完成纸浆无元素氯漂白改造或采取其他低污染制浆技术,"
           "制药(抗生素、维生素)行业实施绿色酶法生产技术改造,制革行业实施铬减量化和封闭循环利用技术改造。")
_PENS = "自2016年起,新建、改建、扩建规模化畜禽养殖场(小区)要实施雨污分流、粪便污水资源化利用。"


def test_a_business_is_named_by_its_trade_and_a_bracketed_head_by_its_alternative():
    from rag.answer.quotes import names_actor
    from tests.conftest import make_clause

    clause = make_clause("changyi-2016/三/（八）/3", "item", ("三、", "3、防治畜禽养殖污染。"), "")
    assert names_actor(_PHARMA, clause, ("制药厂", "原料药制造"))  # 制药厂 → the 制药 trade
    assert names_actor(_PENS, clause, ("养殖小区",))  # 养殖场(小区) reads 养殖小区 too
    assert not names_actor(_PHARMA, clause, ("饭店", "餐饮"))  # a one-character trade (饭) names nothing


def test_a_pharmaceutical_plant_gets_its_own_retrofit_duty_not_a_refusal(mini_corpus):
    from tests.conftest import make_clause

    clause = make_clause("shanxi-2015/二/（一）/1/4", "task", ("二、", "1.全面控制污染物排放。"), _PHARMA)
    query = analyze("我在山西有个制药厂，做抗生素的，有什么环保改造要求？", mini_corpus.plans)
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert not draft.abstained
    assert draft.lines[0].startswith("- 期限 2017年底前：「2017年底前,造纸行业") and "绿色酶法" in draft.lines[0]
    assert draft.citations[0].clause_id == "shanxi-2015/二/（一）/1/4"


def test_a_count_in_a_traditional_script_plan_is_found(mini_corpus):
    from rag.answer.quotes import listing
    from tests.conftest import make_clause

    # Real text cut from the traditional-script hainan-2016/二/（一）/3 (a plans-dev excerpt).
    text = "3.推進農村環境綜合整治。以鄉鎮政府駐地和中心村為重點，到2020年完成1000個行政村環境綜合整治。"
    from dataclasses import replace

    from rag.types import Plan

    hainan = Plan("hainan-2016", "海南省水污染防治行动计划实施方案", "海南省人民政府", "province", ("海南省", "海南"),
                  "", "2016-03-10", "hainan-2016.txt", "3" * 64, "海南省")
    clause = make_clause("hainan-2016/二/（一）/3", "item", ("二、主要任務", "3.推進農村環境綜合整治。"), text)
    corpus = replace(mini_corpus, plans=(*mini_corpus.plans, hainan), clauses=(*mini_corpus.clauses, clause))
    query = analyze("海南到2020年要整治好多少个村？", corpus.plans)
    draft = listing(Context(corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert draft.lines == ["「以鄉鎮政府駐地和中心村為重點，到2020年完成1000個行政村環境綜合整治。」[1]"]
    assert draft.citations[0].clause_id == "hainan-2016/二/（一）/3"


def test_with_a_year_asked_a_sentence_of_another_year_is_left_out_beside_one_of_that_year(mini_corpus):
    from dataclasses import replace

    from rag.answer.draft import Context
    from rag.answer.query import analyze
    from rag.answer.quotes import general
    from rag.types import Hit
    from tests.conftest import make_clause
    # Cut from shanxi-2015 二/（四）/4 and 一/（三）/p2 ("山西 2030 黑臭水体" quoted the 2020 sentence first).
    task = make_clause("shanxi-2015/二/（四）/4/1", "paragraph", ("4.整治城市黑臭水体。",),
                       "2020年底前,全省设市城市全部完成黑臭水体治理目标,城市建成区黑臭水体控制在10%以内。")
    goal = make_clause("shanxi-2015/一/（三）/p2", "paragraph", ("（三）工作目标",),
                       "到2030年,全省主要河流水质优良比例总体达到75%以上,全省所有城市建成区黑臭水体总体得到消除。")
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, task, goal))
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(task, 1.0, ("bm25",)), Hit(goal, 0.9, ("bm25",))]
    draft = general(ctx, analyze("山西 2030 黑臭水体", corpus.plans), hits)
    assert [c.clause_id for c in draft.citations] == ["shanxi-2015/一/（三）/p2"]
    assert len(general(ctx, analyze("山西 黑臭水体", corpus.plans), hits).citations) == 2


def test_an_actor_the_asker_says_they_are_not_binds_them_to_nothing(mini_corpus):
    # ledu-2017 二/（三）/6 cut: a household "不算规模养殖场" is bound by the small-farm sentence, not refused by the
    # large farms' one as another kind of actor.
    from tests.conftest import make_clause

    text = ("现有规模化畜禽养殖场(小区)要配套建设粪便污水贮存、处理、利用设施。"
            "对达不到规模的养殖专业户,要结合农村环境综合整治,实现畜禽粪便收集后处理利用。")
    clause = make_clause("zhoucun-2016/三/（三）/6", "task", ("三、主要任务", "防治畜禽养殖污染。"), text)
    query = analyze("我在周村养了几头牛，不算规模养殖场，粪便咋弄？", mini_corpus.plans)
    draft = obligation(Context(mini_corpus, lambda text, plans: []), query, [Hit(clause, 1.0, ("dense",))])
    assert not draft.abstained
    assert "- 须：「对达不到规模的养殖专业户,要结合农村环境综合整治,实现畜禽粪便收集后处理利用。」[1]" in draft.lines
