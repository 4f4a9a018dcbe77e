"""Question analysis on real question wordings: Chinese, English, traditional, full-width."""
from __future__ import annotations

import pytest

from rag.answer.places import load_places
from rag.answer.intake import QuestionError, clean_question
from rag.answer.query import analyze, in_scope
from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus

PLANS = load_corpus(PROJECT_ROOT / "corpus").plans


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("周村区污水处理率2020年要达到多少？", "target"),
        ("谁牵头负责周村区黑臭水体治理？", "lead"),
        ("城市黑臭水体整治的牵头部门是哪个？", "lead"),
        ("乐都区饮用水水源保护由哪个部门负责？", "lead"),
        ("污水处理由哪些部门配合？", "cooperate"),
        ("哪些单位参与畜禽养殖污染防治？", "cooperate"),
        ("哪些单位负责落实农业面源污染防治？", "implement"),
        ("聊城市黑臭水体治理的责任单位是谁？", "implement"),
        # the plans' own labels and "由谁实施" (composed18 wordings, stop 20)
        ("溧阳丹金溧漕河排污口整治的责任主体是谁？", "lead"),
        ("溧阳长荡湖周边生态拦截沟渠建设由哪些镇实施？", "implement"),
        ("溧阳丹金溧漕河入河排污口整治的主办单位是谁？", "lead"),
        ("莆田污水处理厂一级A提标改造的协办单位有哪些？", "cooperate"),
        ("莆田市小流域水质什么时候实施完成？", "deadline"),
        ("聊城市畜禽养殖禁养区什么时候前完成关闭？", "deadline"),
        ("什么时候达到95%？", "deadline"),
        ("乐都区2017年底前要完成哪些任务？", "deadline"),
        ("2017年底前污水处理率达到多少？", "target"),
        ("我是开餐馆的，在乐都区需要遵守什么？", "obligation"),
        ("作为农民我要做什么？", "obligation"),
        ("企业不得向哪里排放污水？", "obligation"),
        ("哪些方案提出了再生水利用率目标？", "compare"),
        ("各方案的污水处理率目标分别是多少？", "compare"),
        ("山西省有几条主要任务？", "list"),
        ("周村区有哪些附表？", "list"),
        ("《吉林市昌邑区人民政府落实水污染防治行动计划工作方案》有几条任务", "list"),
        ("山西省水污染防治工作方案", "general"),
        ("Who leads sewage treatment in Zhoucun?", "lead"),
        # "who" with any verb asks a unit (s20: "who is drawing up…" was read as general and quoted no note)
        ("Who is drawing up the ecological flow pilot scheme for the Xiaofuhe basin in Zhoucun?", "lead"),
        ("In Huoshan, who checks the sewage outfalls along the Pi River?", "lead"),
        ("What is the reclaimed water target in Ledu by 2020?", "target"),
        ("When must black and odorous water be eliminated in Liaocheng?", "deadline"),
        ("Which plans set a target for reclaimed water?", "compare"),
        ("What must I do as a restaurant owner in Ledu?", "obligation"),
        ("餐饮店的环境整治归哪个部门管？", "lead"),
        ("Which provincial department leads the ban on small polluting plants in Shanxi?", "lead"),
        ("What sewage treatment rate must Zhoucun reach by 2020?", "target"),
        ("污水处理率必须达到多少？", "target"),
        ("在饮用水水源保护区内能开农家乐吗？", "obligation"),
        ("附近没有污水管网，农家乐的污水该怎么办？", "obligation"),
        # What befalls an owner, and a duty asked yes or no (s22 everyday dev questions; read as general or target)
        ("聊城的厂子偷偷超标排污会怎么罚？", "obligation"),
        ("昌邑村里没经过批准自己打的机井会被关掉吗？", "obligation"),
        ("乐都老百姓用水是不是要按用得多少分档收费？", "obligation"),
        ("周村区和乐都区的再生水利用率目标各是多少？", "compare"),
        ("污水处理率分别是多少？", "compare"),
        ("周村区畜禽粪便和污水处理利用率分别要达到多少？", "target"),  # one plan: 分别 spans indicators
        ("周村区城市黑臭水体清单里有哪几条河？", "list"),
        # A quantity with its unit is a figure; "what share", "what class" ask for a value; consequences are duties.
        ("How many tonnes of sludge do Zhoucun's sewage plants produce each year?", "target"),
        ("在山西举报企业偷排污水，能拿多少钱？", "target"),
        ("In Zhoucun, what share of the hard ground in new urban areas must be permeable?", "target"),
        ("What water quality class must the Gaotang North Lake section reach?", "target"),
        ("乐都 2020 地下水超采面积", "target"),
        ("My factory got a yellow card. What happens if it still cannot comply?", "obligation"),
        ("My company is a key polluter. What information do we have to make public?", "obligation"),
        ("我在昌邑准备新建一个规模化养猪场，环保上有啥要求？", "obligation"),
        ("What is the water price for households in Changyi?", "target"),  # a price is a value
        ("What COD and ammonia levels must Zhoucun's urban sewage plants meet?", "target"),
        # English wordings a foreign reader uses: a qualified agency, oversee; required to; a limit for
        ("Which provincial department oversees sludge treatment and disposal in Shanxi?", "lead"),
        ("Are pig farmers in Changyi who build a large-scale farm required to separate rainwater from sewage?",
         "obligation"),
        ("Is there any rule about car washes using reclaimed water in Zhoucun?", "obligation"),
        ("What's the total phosphorus limit for effluent from Zhoucun's sewage treatment plants?", "target"),
        ("I plan to open a new large-scale pig farm in Ledu. What facilities must it come with?", "obligation"),
        ("What sewage treatment rate must it reach by 2020?", "target"),
        ("What's the cutoff for Ledu to finish handing out pollutant discharge permits?", "deadline"),
        ("When is the facility in Ledu's industrial park due to be built?", "deadline"),
        # the verb after the unit asked names the role; a rank before a noun asks no level
        ("Which departments assist the water bureau with sand mining control on the Wei River in Maiji?", "cooperate"),
        ("Which departments back up the market supervision bureau in cleaning up small restaurants in Ledu?",
         "cooperate"),
        ("Which company carries out the phase II expansion of the Chengfeng wastewater treatment plant?", "implement"),
        ("Which department is in charge of sludge disposal in Ledu?", "lead"),
        ("How often must village-level river chiefs in Xiangdong patrol their rivers?", "general"),
    ],
)
def test_intent(question, intent):
    assert analyze(question, PLANS).intent == intent


@pytest.mark.parametrize(
    ("question", "plan_ids", "unknown"),
    [
        ("周村区污水处理率2020年要达到多少？", ("zhoucun-2016",), ()),
        ("淄博市周村区的黑臭水体", ("zhoucun-2016",), ()),
        ("海东乐都的再生水利用率", ("ledu-2017",), ()),
        ("吉林市昌邑区再生水利用率不低于多少？", ("changyi-2016",), ()),
        ("太原市的再生水利用率是多少", ("shanxi-2015",), ()),
        ("晋政发〔2015〕59号由谁牵头", ("shanxi-2015",), ()),
        ("周村和聊城的污水处理率分别是多少", ("zhoucun-2016", "liaocheng-2020"), ()),
        ("《聊城市打好碧水保卫战2020年行动计划》的目标", ("liaocheng-2020",), ()),
        ("海东市乐都区2017年度水污染防治工作方案有几条", ("ledu-2017",), ()),
        ("北京市的污水处理率目标是多少？", (), ("北京市",)),
        ("济南的黑臭水体什么时候消除？", (), ("济南市",)),
        ("广东省水污染防治由谁牵头？", (), ("广东省",)),
        ("山东昌邑市的污水处理率", (), ("山东省", "昌邑市")),
        ("淄博市的污水处理率", (), ("淄博市",)),
        ("山东省周村区的污水处理率", ("zhoucun-2016",), ()),
        ("北京和周村的目标比较", ("zhoucun-2016",), ("北京市",)),
        ("全国的污水处理率目标", (), ()),
        ("Who leads sewage treatment in Zhoucun?", ("zhoucun-2016",), ()),
        ("Changyi District of Jilin: which department is responsible for drinking water?", ("changyi-2016",), ()),
        ("Sewage target in Shanxi and Liaocheng", ("shanxi-2015", "liaocheng-2020"), ()),
        ("What is Beijing's sewage treatment target?", (), ("北京市",)),
        ("Is the work scheduled?", (), ()),  # "ledu" inside "scheduled" is not Ledu
    ],
)
def test_places(question, plan_ids, unknown):
    query = analyze(question, PLANS)
    assert (query.plan_ids, query.unknown_places) == (plan_ids, unknown)


@pytest.mark.parametrize(
    ("question", "year", "years"),
    [
        ("周村区污水处理率2020年要达到多少？", 2020, (2020,)),
        ("万元工业增加值用水量比2015年下降多少，到2020年？", 2020, (2015, 2020)),
        ("二〇二〇年周村区化肥利用率提高多少", 2020, (2020,)),
        ("山西省县城污水处理率２０２０年达到多少％", 2020, (2020,)),
        ("Ledu by 2017: what is due?", 2017, (2017,)),
        ("用水总量控制在6539万立方米以内吗", None, ()),
        ("谁牵头？", None, ()),
    ],
)
def test_years(question, year, years):
    query = analyze(question, PLANS)
    assert (query.year, query.years) == (year, years)


@pytest.mark.parametrize(
    ("question", "indicator"),
    [
        ("周村区污水处理率2020年要达到多少？", "污水处理率"),
        ("乐都区再生水利用率目标", "再生水利用率"),
        ("山西省主要河流水质优良比例", "优良水体比例"),
        ("建成区黑臭水体什么时候消除", "黑臭水体"),
        ("孝妇河出境断面COD要达到几类", "化学需氧量"),
        ("孝妇河出境断面ＣＯＤ", "化学需氧量"),
        ("劣Ⅴ类水体比例控制在多少", "劣于Ⅴ类断面比例"),
        ("污泥无害化处置率", "污泥无害化处置率"),
        ("集中式饮用水水源地水质达标率", "集中式饮用水水源地水质达标率"),
        ("What is the sewage treatment rate target?", "污水处理率"),
        # The indicator named most fully wins over one named in fewer words ("water quality" alone names a class).
        ("By 2020, what share of Shanxi's main rivers should have good water quality, Class III or better?",
         "优良水体比例"),
        ("谁牵头？", None),
    ],
)
def test_indicator(question, indicator):
    assert analyze(question, PLANS).indicator == indicator


@pytest.mark.parametrize(
    ("question", "party"),
    [
        ("我是开餐馆的，在乐都区需要遵守什么？", "restaurant"),
        ("农家乐的污水怎么处理", "restaurant"),
        ("作为农民我要做什么？", "farmer"),
        ("养殖户必须配套建设什么设施", "farmer"),
        ("企业不得向哪里排放污水？", "company"),
        ("乡镇政府要落实哪些任务", "government"),
        ("我作为居民要遵守什么", "citizen"),
        ("What must I do as a restaurant owner in Ledu?", "restaurant"),
        ("As a factory, what am I forbidden to do?", "company"),
        ("谁牵头？", None),
        ("《吉林市昌邑区人民政府落实水污染防治行动计划工作方案》有几条任务", None),
    ],
)
def test_party(question, party):
    assert analyze(question, PLANS).party == party


def test_traditional_question_is_normalised_and_flagged():
    query = analyze("周村區的再生水利用率目標是多少", PLANS)
    assert (query.traditional, query.norm, query.plan_ids) == (True, "周村区的再生水利用率目标是多少", ("zhoucun-2016",))
    assert (query.intent, query.indicator, query.language) == ("target", "再生水利用率", "zh")
    assert analyze("廣東省水污染防治由誰牽頭？", PLANS).unknown_places == ("广东省",)
    assert analyze("周村区的再生水利用率目标是多少", PLANS).traditional is False


def test_full_width_question_is_normalised():
    query = analyze("山西省县城污水处理率２０２０年达到多少％", PLANS)
    assert query.norm == "山西省县城污水处理率2020年达到多少%"
    assert query.text == "山西省县城污水处理率２０２０年达到多少％"  # the original is kept for display


def test_english_search_text_adds_chinese_terms():
    query = analyze("Who leads the safe disposal of sewage sludge in Zhoucun?", PLANS)
    assert query.language == "en"
    assert query.expansion == "污泥 推进污泥处理处置 牵头 牵头部门"  # "sewage sludge" is 污泥, not 生活污水
    assert query.search_text == "who leads the safe disposal of sewage sludge in zhoucun? " + query.expansion
    # English words match no Chinese clause: facts are matched on the terms, each by its shortest plan name
    assert query.subject == "污泥 污泥处理 牵头 牵头部门"


def test_everyday_words_reach_the_plans_terms():
    query = analyze("周村区家门口的臭水沟啥时候治好？", PLANS)
    assert query.expansion == "黑臭水体"
    assert query.search_text == "家门口的臭水沟啥时候治好?"  # the question's own words, searched at full weight
    assert query.subject == "家门口的臭水沟 黑臭水体啥时候治好?"
    assert query.indicator == "黑臭水体"


def test_chinese_search_text_is_the_normalised_question_without_the_filtered_plan():
    query = analyze("周村區 污水處理率", PLANS)
    assert query.norm == "周村区 污水处理率"
    assert query.search_text == "污水处理率"  # the plan is a filter, not a search term
    assert analyze("污水處理率", PLANS).search_text == "污水处理率"


def test_clean_question_strips_controls_and_spaces():
    assert clean_question("  谁牵头\x00\u200b黑臭水体治理？\n", 100) == "谁牵头黑臭水体治理？"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "问题为空"),
        ("  \t\x07 ", "The question is empty"),
        ("？？？！!…", "only punctuation or symbols"),
        ("【】（）——", "问题只有标点或符号"),
        ("污" * 21, "the limit is 20"),
    ],
)
def test_clean_question_rejects(text, fragment):
    with pytest.raises(QuestionError) as raised:
        clean_question(text, 20)
    assert fragment in str(raised.value)


def test_question_at_the_limit_is_accepted():
    assert clean_question("污" * 20, 20) == "污" * 20


def test_places_file_has_no_duplicate_aliases():
    aliases = [alias for place in load_places() for alias in place.aliases]
    assert len(aliases) == len(set(aliases))
    assert any(place.name == "济南市" and "jinan" in place.aliases for place in load_places())


def test_a_plan_region_the_place_table_lacks_is_found_by_its_pinyin():
    import dataclasses

    plan = dataclasses.replace(PLANS[0], plan_id="gaotang-2020", regions=("高唐县",), title="高唐县方案", issuer="")
    assert analyze("What must Gaotang County do about sewage?", (plan,)).plan_ids == ("gaotang-2020",)


@pytest.mark.parametrize(
    ("question", "scopes"),
    [
        ("What is Zhoucun's 2020 target for the rural sewage treatment rate?", ["农村"]),
        ("乐都区2020年农村生活垃圾处理率目标是多少？", ["农村", "垃圾"]),
        # "county town" is the county's scope, not also a town's
        ("What is the county town sewage treatment rate in Liaocheng?", ["县城"]),
        ("聊城市城区的黑臭水体，到2020年底消除比例要多少？", ["城区"]),
        ("周村区污水处理率2020年要达到多少？", []),
    ],
)
def test_scopes_named(question, scopes):
    assert [forms[0] for forms in analyze(question, PLANS).scopes] == scopes


def test_a_target_of_the_whole_area_is_out_of_a_rural_questions_scope():
    corpus = load_corpus(PROJECT_ROOT / "corpus")
    whole = corpus.clause("zhoucun-2016/三/（一）/2/1")  # "到2020年，全区污水处理率达到95%以上"
    assert not in_scope(analyze("What is Zhoucun's 2020 target for the rural sewage treatment rate?", PLANS), whole)
    assert in_scope(analyze("What is Zhoucun's 2020 target for the sewage treatment rate?", PLANS), whole)
    towns = corpus.clause("liaocheng-2020/二/（三）/1")  # "建制镇污水处理率达到70%以上"
    assert in_scope(analyze("Liaocheng's sewage treatment rate in designated towns?", PLANS), towns)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("乐都区湟水河的河长叫什么名字？", "lead"),  # a person asked for is a who question
        ("我在山西有个制药厂，做抗生素的，有什么环保改造要求？", "obligation"),
        ("I farm next to a drinking water source. What crops am I encouraged to grow?", "obligation"),
    ],
)
def test_intent_of_persons_and_colloquial_duties(question, intent):
    assert analyze(question, PLANS).intent == intent


def test_an_english_subject_names_each_term_by_its_shortest_plan_name():
    # 城市建成区 by 建成区 and 粪污处理设施装备配建率 by 粪污处理设施: a long official name no longer outweighs the
    # question's other terms when its sentences are chosen by bigram coverage
    query = analyze("I own a paper mill in the built-up area of Zhoucun. Do I have to move out?", PLANS)
    assert query.subject.split()[:3] == ["造纸行业", "建成区", "搬迁"]
    assert "城市建成区" in query.expansion  # the search still adds the official name


CLAUSES = load_corpus(PROJECT_ROOT / "corpus").clauses


def test_an_actor_no_plan_names_is_searched_by_the_words_the_plans_write():
    # 洗车行 is an alias of 洗车场, a word no plan writes; Ledu lists 车辆冲洗 among the recycled-water users
    # (Changyi writes 车辆清洗), so that is what the question is searched and matched by.
    query = analyze("我在乐都开了个洗车行，用水上有啥要求？", PLANS, CLAUSES)
    assert query.search_text.endswith("? 车辆冲洗")
    assert "洗车行 车辆冲洗 " in query.subject
    assert "洗车场" not in query.subject
    assert analyze("我在昌邑开洗车铺，洗车用水有啥规定？", PLANS, CLAUSES).search_text.endswith("? 车辆清洗")
    # a question already in the plans' words keeps them (周村 writes 黑臭水体; 臭水沟 adds only the official term)
    assert analyze("周村区家门口的臭水沟啥时候治好？", PLANS, CLAUSES).subject == "家门口的臭水沟 黑臭水体啥时候治好?"
    # without the clauses the official term stands in, as before
    assert "洗车场" in analyze("我在乐都开了个洗车行，用水上有啥要求？", PLANS).subject


def test_a_construction_site_asks_about_building_construction():
    query = analyze("我在山西管一个建筑工地，工地用水有啥讲究？", PLANS, CLAUSES)
    assert query.intent == "obligation"
    assert "建筑施工" in query.subject


def test_a_construction_site_meets_each_plans_own_word_for_it():
    # 周村/乐都/山西 write 建筑施工; 昌邑 writes 建筑工程项目 ("新建、改建和扩建建筑工程项目…应配套建设再生水设施")
    query = analyze("我在昌邑包了个工地盖楼，用水这块有啥说法？", PLANS, CLAUSES)
    assert query.intent == "obligation"
    assert query.search_text.endswith("? 建筑工程")


def test_an_english_term_is_searched_in_the_form_the_plan_writes():
    # moganshan-2019/2/11 (plans-dev) writes 民宿, an alias of the glossary's 农家乐 ("homestays").
    from tests.conftest import make_clause

    clause = make_clause("zhoucun-2016/三/p9", "task", ("三",), "开展民宿污水专项整治。今年6月底前完成全镇民宿隔油池、化粪池规范化建设检查。")
    query = analyze("Who leads the cleanup of homestay sewage in Zhoucun?", PLANS, (clause,))
    assert query.subject.split()[0] == "民宿" and "农家乐" not in query.subject.split()


@pytest.mark.parametrize("text", ["山西的饭店污水要怎么处理？", "What must restaurants do about their wastewater under the Shanxi plan?",
                                  "周村的工厂废水怎么处理？"])
def test_a_business_named_in_a_question_asking_nothing_else_asks_what_applies_to_it(text):
    # Answered as a general question, a restaurant got industrial parks' and service areas' duties.
    assert analyze(text, ()).intent == "obligation"
    # A farmer's own question stays general: the obligation path lost two right everyday answers on dev.
    assert analyze("咱们昌邑种地的，打农药这块有啥补助？", ()).intent == "general"
