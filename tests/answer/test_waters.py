"""Water bodies named in English or pinyin, found in the plans' own words (rag.answer.waters)."""
from __future__ import annotations

from rag.answer.query import analyze
from rag.answer.waters import chinese_waters
from rag.normalize import normalize

# Lines cut from the plans (changyi, liaocheng, shanxi, zhoucun, ledu).
_TEXTS = (
    "具体指标:到2020年,松花江昌邑区内江段水质优良比例(达到或优于Ⅲ类)达到69.4%以上",
    "加强松花湖水淹地的生态治理,在河道两侧建设植被缓冲带和隔离带。",
    "各级各部门要依据职责对徒骇河、马颊河、卫运河和南水北调输水干线上的新建桥梁按规范建设防撞栏",
    "全省共筛选32个治理改善型控制单元,分布在汾河、桑干河、浊漳河、涑水河、三川河、丹河、绵河、蔚汾河等8个流域",
    "3 淦河（西外环至北外环） 河流 6980米 周村区 轻度",
    "结合水情加强湟水流域水电站水量调度管理",
    "推进黄河干流万家寨水库饮用水水源保护区划定工作",
    "四个国控断面中，高唐北湖稳定达到地表水III类",
)


class _Clause:
    def __init__(self, text: str) -> None:
        self.norm, self.plan_id = normalize(text), "zhoucun-2016"


_CLAUSES = tuple(_Clause(text) for text in _TEXTS)


def _names(question: str) -> list[str]:
    return [name for _, name in chinese_waters(question, _CLAUSES)]


def test_a_pinyin_river_lake_or_reservoir_is_the_plans_chinese_name():
    assert _names("What share of the Songhua River section within Changyi must have good water?") == ["松花江"]
    assert _names("Who restores the land flooded by Songhua Lake?") == ["松花湖"]
    assert _names("Who protects the Wanjiazhai Reservoir?") == ["万家寨水库"]
    assert _names("the Huangshui River basin") == ["湟水"]  # a name ending in 水 is the river itself


def test_tones_spaces_run_in_water_words_and_directions_are_read():
    assert _names("Sōnghuā Jiāng") == ["松花江"]
    assert _names("the Song Hua River") == ["松花江"]
    assert _names("How long is the Ganhe in Zhoucun?") == ["淦河"]
    assert _names("the Gaotang North Lake section") == ["高唐北湖"]


def test_each_name_of_an_enumeration_is_found():
    assert _names("new bridges over the Tuhai and Majia rivers") == ["徒骇河", "马颊河"]


def test_a_name_only_inside_other_words_loses_to_one_written_as_a_word():
    # 干河 occurs only inside 桑干河; 淦河 stands alone in the table row: "Gan River" is 淦河
    assert _names("the Gan River") == ["淦河"]


def test_no_water_is_made_up():
    assert _names("Which river must be cleaned first?") == []
    assert _names("the Yangtze River") == []  # named in no text
    assert _names("Who leads the plan?") == []


def test_an_english_question_searches_and_is_about_the_chinese_name():
    clauses = _CLAUSES + (_Clause("2017年底前，孝妇河出境断面COD、氨氮指标稳定达到地表水Ⅲ类水体要求"),)
    query = analyze("Who leads the clean-up of the Xiaofu River?", (), clauses)
    assert "孝妇河" in query.search_text and "孝妇河" in query.about()
    # the derived name uses "river" up: it is not also the glossary's generic 河道
    assert [m.term.official for m in query.terms if m.term.kind == "water"] == ["孝妇河"]


class _PlanClause:
    def __init__(self, text: str, plan_id: str) -> None:
        self.norm, self.plan_id = normalize(text), plan_id


# Huoshan's table rows (composed12) and Chengdu's excerpt: 淠河 is written only after another word (开展淠河沿线),
# 毗河 as a word; 佛子岭 is read "fuziling" by pypinyin's first reading.
_TWO_PLANS = (
    _PlanClause("开展淠河沿线入河排污口排查整治", "huoshan-2019"),
    _PlanClause("完成佛子岭水库库区网箱养殖清理", "huoshan-2019"),
    _PlanClause("府河,江安河,新津南河、毗河等河流水环境质量持续好转", "chengdu-2015"),
)


def test_a_characters_second_reading_spells_the_name_too():
    names = [n for _, n in chinese_waters("the cage fish farms in the Foziling Reservoir", _TWO_PLANS)]
    assert names == ["佛子岭水库"]


def test_a_one_character_name_keeps_its_usual_reading_only():
    # 区 is also read "ou": "Ou River" must not become 区河 of 城区河道
    clauses = (_PlanClause("加强城区河道管理", "x"),)
    assert chinese_waters("the Ou River", clauses) == ()


def test_the_named_plans_own_water_wins_over_another_plans():
    anywhere = [n for _, n in chinese_waters("sewage outfalls along the Pi River", _TWO_PLANS)]
    own = [n for _, n in chinese_waters("sewage outfalls along the Pi River", _TWO_PLANS, ("huoshan-2019",))]
    assert anywhere == ["毗河"]
    assert own == ["淠河"]


def test_a_monitoring_section_is_named_like_a_water():
    # liupanshui-2016 (plans-dev excerpt): "窑上断面稳定达到II类"
    clauses = (_PlanClause("流域主要河流省控以上监测断面中,窑上断面稳定达到II类", "liupanshui-2016"),)
    assert [n for _, n in chinese_waters("What class should the Yaoshang monitoring section reach?", clauses)] \
        == ["窑上断面"]
    assert [n for _, n in chinese_waters("the Yaoshang section", clauses)] == ["窑上断面"]


def test_a_xi_is_a_river_too_and_a_spelt_water_word_keeps_its_kind():
    # sanming-2016 (composed12) writes 金溪 among its rivers; 晋江 would be "jin" + river without the 溪 check.
    clauses = (_PlanClause("为切实加大水污染防治力度，保护沙溪、金溪、尤溪水环境", "sanming-2016"),
               _PlanClause("晋江流域水质保持优良", "jinjiang-2018"))
    assert [n for _, n in chinese_waters("fish stocking in the Jinxi River", clauses)] == ["金溪"]
    assert [n for _, n in chinese_waters("the Shaxi River", clauses)] == ["沙溪"]
    assert [n for _, n in chinese_waters("ceramics industries in Jinjiang", clauses)] == ["晋江"]


# Lines cut from the dev plans: gucheng-2018 (composed10), yingtan-2019 (composed18), pingwang-2018 (composed15),
# changle-2019 and the other names' plans (composed27, composed23, composed13, composed6, composed18).
_NAMED_THINGS = (
    _PlanClause("整治拉市海周边面源污染", "gucheng-2018"),
    _PlanClause("2018年12月底前完成莺脰湖港、新运河支浜等8条村级河道轮浚", "pingwang-2018"),
    _PlanClause("陈塘港、营前港出海断面水质分别达到Ⅳ类、Ⅴ类", "changle-2019"),
    _PlanClause("孤山镇、前阳镇污水处理站9月底前建成", "donggang-2020"),
    _PlanClause("2020年9月底前，完成阿勒腾席热镇第二污水处理厂提标改造", "yijinhuoluo-2020"),
    _PlanClause("修水工业园区2018年9月底前建成污水集中处理设施", "xiushui-2018"),
    _PlanClause("2023年6月底前完成辰河水源地二级保护区生活污水收集管网建设", "shaoyang-2021"),
    _PlanClause("陈塘、盐平塘整治", "x"),
)


def _named(question: str) -> list[str]:
    return [name for _, name in chinese_waters(question, _NAMED_THINGS)]


def test_the_plans_other_name_endings_are_read_with_their_english_nouns():
    assert _named("non-point pollution around Lashi Lake") == ["拉市海"]  # a 海 is a lake
    assert _named("the Yingqian Harbour's sea-outlet section") == ["营前港"]
    assert _named("the sewage stations of Gushan Town and Qianyang Zhen") == ["孤山镇", "前阳镇"]
    assert _named("the Gushanzhen sewage station") == ["孤山镇"]
    assert _named("the second plant of Aletengxire Town") == ["阿勒腾席热镇"]  # five characters
    assert _named("Who runs the Xiushui Industrial Park?") == ["修水工业园区"]
    # the noun written decides the kind: a town is no river, and a name no plan writes is none
    assert _named("the Gushan River") == [] and _named("the Gangkou Town") == []


def test_a_longer_name_read_from_the_same_words_wins():
    assert _named("By when must the Yingdouhu Gang be dredged?") == ["莺脰湖港"]  # not also the lake 莺脰湖


def test_a_run_in_water_word_finds_a_name_not_written_as_a_word():
    # 辰河 follows 完成 (no word start); 陈塘 starts one and reads "chen" too, but is no 河
    assert _named("the sewage network in the Chenhe water source zone") == ["辰河"]


def test_a_place_below_the_gazetteer_has_two_characters_before_its_level_word():
    # 城乡 of 统筹城乡 is a word, not a township: "Chengxiang" (城厢区 in a Putian plan) finds no 乡 here, while a
    # two-character town of the same text is still read
    clauses = (_PlanClause("要统筹城乡水污染治理,强化监管", "shanxi-2016"),
               _PlanClause("孤山镇、前阳镇污水处理站9月底前建成", "donggang-2020"))
    assert chinese_waters("the new sewers of the Chengxiang and Licheng districts", clauses) == ()
    assert [name for _, name in chinese_waters("the Gushan Town sewage station", clauses)] == ["孤山镇"]
