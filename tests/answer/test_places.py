"""Question places through the gazetteer, on plans with metadata inferred from plans-dev excerpts."""
from __future__ import annotations

from rag.answer.places import place_count, plan_places, refine
from rag.answer.query import analyze
from rag.types import Plan


def plan(plan_id: str, title: str, regions: tuple[str, ...]) -> Plan:
    return Plan(plan_id, title, "", "", regions, "", "", f"{plan_id}.txt", "0" * 64)


PLANS = (
    plan("suqian-2022", "宿迁市2022年度水污染防治工作方案", ("宿迁市", "宿迁", "suqian")),
    plan("xian-2018", "西安市水污染防治2018年度工作方案", ("西安市", "西安", "xian")),
    plan("lintong-2018", "西安市临潼区2018年度水污染防治工作方案", ("临潼区", "临潼", "lintong")),
    plan("hunan-2017", "湖南省实施河长制行动方案(2017—2020年)", ("湖南省", "湖南", "hunan")),
    plan("hunan-2018", "hunan-2018", ("湖南省", "湖南", "hunan")),
    plan("neimenggu-2016", "内蒙古自治区2016年度水污染防治计划", ("内蒙古自治区", "内蒙古", "neimenggu")),
)


def test_each_plan_placed_at_its_own_division():
    placed = plan_places(PLANS)
    assert {pid: p.code for pid, p in placed.items()} == {
        "suqian-2022": "321300", "xian-2018": "610100", "lintong-2018": "610115",
        "hunan-2017": "430000", "hunan-2018": "430000", "neimenggu-2016": "150000"}


def test_a_county_inside_a_city_plan_is_that_plan_not_a_comparison():
    query = analyze("宿迁沭阳县今年（2022年）国省考断面优Ⅲ比例要求多少？", PLANS)
    assert (query.plan_ids, query.unknown_places, query.intent) == (("suqian-2022",), (), "target")


def test_a_city_written_before_its_district_locates_the_district():
    assert analyze("西安市临潼区2018年水质目标是什么？", PLANS).plan_ids == ("lintong-2018",)
    assert analyze("西安市强化“10+3”小企业整治由哪些部门牵头？", PLANS).plan_ids == ("xian-2018",)


def test_a_city_in_brackets_after_its_district_locates_the_district():
    # gn-ud21-12 asked "In Xiangdong district (Pingxiang), …": the bracketed city read as a second place, and the
    # province plan covering it turned the question into a comparison. Written apart it is still compared.
    plans = (*PLANS, plan("jiangxi-2016", "江西省人民政府办公厅", ("江西省", "江西", "jiangxi")),
             plan("xiangdong-2019", "湘东区2019年全面推行河长制湖长制工作方案", ("湘东区", "湘东", "xiangdong")))
    assert analyze("湘东区（萍乡）由哪个局牵头？", plans).plan_ids == ("xiangdong-2019",)
    assert analyze("In Xiangdong district (Pingxiang), which bureau leads?", plans).plan_ids == ("xiangdong-2019",)
    assert analyze("Pingxiang: which bureau leads?", plans).plan_ids == ("jiangxi-2016",)
    assert analyze("西安和临潼区的目标分别是多少", PLANS).plan_ids == ("xian-2018", "lintong-2018")


def test_pinyin_and_short_names_find_their_plan():
    assert analyze("Who leads the 10+3 crackdown in Lintong?", PLANS).plan_ids == ("lintong-2018",)
    assert analyze("内蒙古2016年松花江流域水质优良比例", PLANS).plan_ids == ("neimenggu-2016",)


def test_two_plans_of_one_province_told_apart_by_title_words_else_both_kept_as_one_place():
    assert refine("湖南省河长制方案要求全省用水总量控制在多少以内", PLANS, ("hunan-2018",), ())[0] == ("hunan-2017",)
    both = analyze("湖南省到2019年国家地表水考核断面水质优良比例要达到多少？", PLANS)
    assert (both.plan_ids, both.intent) == (("hunan-2017", "hunan-2018"), "target")
    assert place_count(both.plan_ids, PLANS) == 1


def test_a_county_name_many_divisions_share_is_a_common_word():
    wuhan = plan("wuhan-2019", "武汉市河湖流域水环境“三清”行动方案", ("武汉市", "武汉", "wuhan"))
    query = analyze("武汉市到2021年底中心城区和新城区污水处理率分别要达到多少？", (*PLANS, wuhan))
    assert (query.plan_ids, query.intent) == (("wuhan-2019",), "target")
    assert analyze("呼和浩特市新城区的水质目标", PLANS).plan_ids == ("neimenggu-2016",)


def test_an_english_province_name_keeps_both_plans_of_that_province():
    query = analyze("What share of sections in Hunan should be of good quality by 2020?", PLANS)
    assert query.plan_ids == ("hunan-2017", "hunan-2018")


def test_a_place_inside_a_plan_named_in_pinyin_is_searched_in_its_characters():
    from rag.answer.places import english_named_places

    # Changsha lies in the Hunan plans' province: its sentences name 长沙市, as a Chinese question would.
    assert english_named_places("when must changsha's built-up area get rid of black and smelly water?",
                                PLANS) == ("长沙市",)
    assert "长沙市" in analyze("When must Changsha's built-up area get rid of black and smelly water?", PLANS).subject
    # A plan's own place adds nothing: the plan filter already stands for it.
    assert english_named_places("who leads the 10+3 crackdown in lintong?", PLANS) == ()


GENRE = (
    plan("zhishui-2018", "全市水污染防治2018年度重点工作方案", ("衢州市", "衢州", "quzhou")),
    plan("shandong-2018", "山东省2018年度水污染防治工作安排", ("山东省", "山东", "shandong")),
    plan("dangshan-2017", "砀山县水污染防治工作方案（2017—2020年）", ("砀山县", "砀山", "dangshan")),
)


def test_a_county_or_district_in_pinyin_inside_a_city_plan_is_that_plan():
    # "2018年9月底前完成龙游县、常山县温室甲鱼养殖棚清理" / "（督导单位：市住建局；责任单位：柯城区政府、…）"
    query = analyze("By when must the greenhouse turtle sheds in Longyou County be cleared?", GENRE)
    assert (query.plan_ids, query.unknown_places) == (("zhishui-2018",), ())
    assert "龙游县" in query.expansion
    assert analyze("Who upgrades the sewage plants in Kecheng District?", GENRE).plan_ids == ("zhishui-2018",)


def test_a_table_city_inside_a_province_plan_is_that_plan_not_unknown():
    # "济南、青岛、淄博、枣庄4市建成区黑臭水体消除比例达到90%以上"
    query = analyze("What elimination rate must Jinan's built-up area reach in 2018?", GENRE)
    assert (query.plan_ids, query.unknown_places) == (("shandong-2018",), ())


def test_a_pinyin_place_outside_every_plan_is_not_guessed_into_one():
    query = analyze("Who leads sewage work in Longyou County?", PLANS)
    assert query.plan_ids == ()


def test_the_level_word_of_a_pinyin_place_is_no_scope():
    # "县城污水处理率达到95%，建制镇污水处理率达到60%": designated towns, not the county town
    query = analyze("What sewage treatment rate should designated towns in Dangshan County reach by 2020?", GENRE)
    assert [scope[0] for scope in query.scopes] == ["建制镇"]
    town = analyze("What sewage treatment rate should Dangshan county town reach by 2020?", GENRE)
    assert [scope[0] for scope in town.scopes] == ["县城"]


def test_a_town_plan_is_found_by_its_pinyin_without_the_town_word():
    # moganshan-2019 (plans-dev): a township the gazetteer, which stops at counties, does not hold.
    plans = (*PLANS, plan("moganshan-2019", "德清县莫干山镇2019年水污染防治工作计划", ("莫干山镇", "德清县", "德清", "deqing")))
    assert analyze("Who leads groundwater pollution prevention in Moganshan Town?", plans).plan_ids == ("moganshan-2019",)
    assert analyze("Who cleans up homestay sewage in Moganshan?", plans).plan_ids == ("moganshan-2019",)


# composed13: plans of divisions whose English names are not their pinyin (伊金霍洛旗 "Ejin Horo", 喀什市 "Kashgar").
FRONTIER = (*PLANS,
            plan("yijinhuoluo-2020", "伊金霍洛旗2020年水污染防治攻坚战实施方案", ("伊金霍洛旗", "伊金霍洛", "yijinhuoluo")),
            plan("kashi-2019", "喀什市2019年水污染防治工作方案", ("喀什市", "喀什", "kashi")))


def test_official_english_names_that_are_not_pinyin_find_their_plan():
    assert analyze("Which bureau leads livestock manure control in Ejin Horo Banner?", FRONTIER).plan_ids \
        == ("yijinhuoluo-2020",)
    assert analyze("What urban sewage treatment rate does Kashgar City target for 2019?", FRONTIER).plan_ids \
        == ("kashi-2019",)
    # a division inside a province plan's area is that plan, as a pinyin name is
    assert analyze("Who leads the clean-up of black and odorous water in Xilinhot?", FRONTIER).plan_ids \
        == ("neimenggu-2016",)


def test_an_english_name_of_a_division_no_plan_covers_is_an_unknown_place():
    hotan = analyze("What urban sewage treatment rate must Hotan City reach in 2019?", FRONTIER)
    assert (hotan.plan_ids, hotan.unknown_places) == ((), ("和田市",))


def test_a_pinyin_name_with_its_level_word_outside_every_plan_is_an_unknown_place():
    query = analyze("By when must Jinghong City finish upgrading its sewage treatment plant?", FRONTIER)
    assert (query.plan_ids, query.unknown_places) == ((), ("景洪市",))


def test_an_unknown_name_before_a_level_word_is_an_unknown_place_a_common_word_is_not():
    assert analyze("Who leads sewage treatment in Foobar County?", FRONTIER).unknown_places == ("Foobar County",)
    assert analyze("Who leads sewage treatment in each county?", FRONTIER).unknown_places == ()
    assert analyze("Who leads sewage treatment in the urban district of Lintong?", FRONTIER).unknown_places == ()


# A town's plan (zhoushi-2017, composed14): its town is its place; another town no plan holds is unknown.
TOWN_PLANS = PLANS + (plan("zhoushi-2017", "周市镇水污染防治工作实施方案（2017—2020年）", ("周市镇", "周市", "zhoushi")),)


def test_a_town_no_plan_holds_is_an_unknown_place():
    from rag.answer.places import detect_places

    assert detect_places("黎里镇河道轮浚由哪个部门负责？", TOWN_PLANS) == ((), ("黎里镇",))
    assert detect_places("who leads river dredging in lili town?", TOWN_PLANS) == ((), ("Lili Town",))


def test_the_plans_own_town_and_kinds_of_towns_are_no_unknown_place():
    from rag.answer.places import detect_places

    assert detect_places("周市镇黑臭河道整治谁负责？", TOWN_PLANS) == (("zhoushi-2017",), ())
    assert detect_places("when must zhoushi town finish the black rivers?", TOWN_PLANS) == (("zhoushi-2017",), ())
    assert detect_places("宿迁市重点镇和各乡镇污水处理设施谁负责？", TOWN_PLANS) == (("suqian-2022",), ())


def test_a_province_after_in_only_locates_a_city_plan_inside_it():
    from rag.answer.places import detect_places

    plans = PLANS + (plan("jiangsu-2016", "江苏省水污染防治工作方案", ("江苏省", "江苏", "jiangsu")),)
    assert detect_places("who leads sewage treatment in suqian, jiangsu?", plans) == (("suqian-2022",), ())
    assert detect_places("who leads the suqian sewage plants in jiangsu?", plans) == (("suqian-2022",), ())
    assert detect_places("compare jiangsu and suqian sewage targets", plans) == (("jiangsu-2016", "suqian-2022"), ())


def test_a_pinyin_name_before_a_water_word_names_the_water_not_the_division():
    # s20: "the Jinxi River in Sanming" was read as 金溪县 of the Jiangxi plan, a comparison of two plans.
    assert analyze("What is the 2022 target in Shuyang County?", PLANS).plan_ids == ("suqian-2022",)
    assert analyze("Who protects the Shuyang River?", PLANS).plan_ids == ()


def test_a_plans_pinyin_name_before_a_water_word_beside_another_place_names_the_water():
    # s21: "the Jinjiang River in Tongren" (锦江) was read as 晋江市's plan too, a comparison of two plans.
    plans = (plan("jinjiang-2018", "晋江市2018年水污染防治工作方案", ("晋江市", "晋江", "jinjiang")),
             plan("tongren-2016", "铜仁市锦江流域水污染防治工作方案", ("铜仁市", "铜仁", "tongren")))
    from rag.answer.places import detect_places

    assert detect_places("what is the total phosphorus target for the jinjiang river in tongren?", plans) \
        == (("tongren-2016",), ())
    assert detect_places("who cleans the jinjiang river?", plans) == (("jinjiang-2018",), ())
