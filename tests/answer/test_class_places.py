"""A place inside a plan's area that the plan never writes, answered only by facts stated for its whole class
(rag.answer.class_places), and a figure asked that the pieces naming the indicator do not state
(rag.answer.answered.unfigured)."""
from __future__ import annotations

from rag.answer.class_places import class_part, place_level, stated_for_class
from rag.answer.draft import Draft
from rag.types import Citation

# Cut from liaocheng-2020 (二/（三）/1) and shanxi-2015 (二/（一）/2/3).
LIAOCHENG = ("到2020年年底，聊城主城区及临清市污水处理率达到98%以上，各县城污水处理率达到90%以上，所有建制镇要实现"
             "污水处理设施全覆盖，建制镇污水处理率达到70%以上。")
SHANXI = "2016年底前,各设区市编制并实施城市再生水利用规划,县城及县级市于2017年底前完成。"


def _draft(quote: str, *facts: dict) -> Draft:
    draft = Draft(corpus=None)
    draft.citations.append(Citation(1, "p", "t", "p/1", "", quote, quote))
    draft.facts.extend(facts)
    return draft


def test_the_level_of_an_unwritten_place():
    assert place_level("阳谷县") == "county" and place_level("晋中市") == "city"
    assert place_level("南郊镇") == "town" and place_level("Baojia Township") == "town"
    assert place_level("高峰村") == ""  # a village: no class of the plans' words holds it


def test_a_target_stated_for_every_county_town_answers_for_one_county():
    county_towns = {"type": "target", "indicator": "各县城污水处理率", "value": "90%以上"}
    main_city = {"type": "target", "indicator": "聊城主城区及临清市污水处理率", "value": "98%以上"}
    assert stated_for_class(_draft(LIAOCHENG, county_towns), "county")
    # the main city's figure is another place's: the answer holding it is no answer for a county
    assert not stated_for_class(_draft(LIAOCHENG, main_city, county_towns), "county")
    assert not stated_for_class(_draft(LIAOCHENG, county_towns), "city")


def test_a_time_limit_counts_by_the_piece_of_its_sentence_it_governs():
    assert stated_for_class(_draft(SHANXI, {"type": "deadline", "deadline": "2017年底前"}), "county")
    # 2016年底前 binds the cities of the province (各设区市), not the counties
    assert not stated_for_class(_draft(SHANXI, {"type": "deadline", "deadline": "2016年底前"}), "county")
    assert stated_for_class(_draft(SHANXI, {"type": "deadline", "deadline": "2016年底前"}), "city")


def test_a_time_limit_binding_every_thing_of_a_kind_binds_each_place_s():
    # Cut from shanxi-2015 (二/（一）/2/1) and zhoucun-2016 (三/（二）/3/2).
    upgrade = "现有城镇污水处理设施应于2017年底前全面达到一级A排放标准。"
    tanks = "2017年底前，全区35处加油站地下油罐全部更新为双层油罐或完成防渗池设置。"
    assert stated_for_class(_draft(upgrade, {"type": "deadline", "deadline": "于2017年底前"}), "county")
    assert stated_for_class(_draft(tanks, {"type": "deadline", "deadline": "2017年底前"}), "town")
    plan = "2016年底前,省农业厅制定并实施全省农业面源污染综合防治方案。"  # the province's own task
    assert not stated_for_class(_draft(plan, {"type": "deadline", "deadline": "2016年底前"}), "county")


def test_named_places_a_count_or_a_rank_are_no_class():
    # Cut from sanming-2016 (composed12), maiji-2018 (composed21) and shaoyang-2021 (composed6); each was answered
    # for another place (永安市, a town of 麦积区, 武冈市) before these cuts.
    named = "2017年底前，沙县、尤溪县城区污水处理厂完成提标改造。"
    assert not stated_for_class(_draft(named, {"type": "deadline", "deadline": "2017年底前"}), "county")
    counted = "2019年底前建成社棠、中滩、甘泉3个乡镇污水处理站；"
    assert not stated_for_class(_draft(counted, {"type": "deadline", "deadline": "2019年底前"}), "town")
    ranked = "到2023年底，县级及以上城市集中式饮用水水源地规范化建设达标率达到100%；"
    assert not stated_for_class(_draft(ranked, {"type": "deadline", "deadline": "到2023年底"}), "county")


def test_units_and_quotes_are_the_plans_own_place_s():
    note = {"type": "responsibility", "lead_units": ["市住房城乡建设局"]}
    assert not stated_for_class(_draft(LIAOCHENG, note), "county")
    assert not stated_for_class(_draft(LIAOCHENG), "county")


def test_a_county_of_the_city_plan_gets_the_county_towns_figure(real_assistant):
    reply = real_assistant.ask("阳谷县县城污水处理率到2020年底要达到多少？")
    assert not reply.abstained and "90%" in reply.answer
    assert [c.clause_id for c in reply.citations] == ["liaocheng-2020/二/（三）/1"]
    # a who question: the units are the city's, not the county's
    assert real_assistant.ask("阳谷县黑臭水体整治由哪个部门牵头？").abstained


def test_a_figure_asked_that_the_piece_naming_the_indicator_does_not_state_is_refused(real_assistant):
    # zhoucun-2016: "全区用水总量力争控制在6539万立方米以内，万元工业增加值用水量达到政府标准要求。"
    reply = real_assistant.ask("周村区万元工业增加值用水量要比2015年下降多少？")
    assert reply.abstained and "没有写明所问的数值" in reply.answer
    # ledu-2017 states it: "万元生产总值用水量、万元工业增加值用水量比2015年下降10%"
    reply = real_assistant.ask("乐都区万元工业增加值用水量到2020年要比2015年下降多少？")
    assert not reply.abstained and "10%" in reply.answer


def test_of_two_parts_figures_the_classs_line_answers_for_a_county():
    # Cut from liaocheng-2020/二/（三）/3: the city's districts (市城区) and the counties each have their figure.
    text = ("到2020年年底，市城区（东昌府区、经济开发区、高新区、旅游度假区）建成区黑臭水体消除比例高于90%，"
            "县（市、区）建成区黑臭水体消除比例达到70%。")
    draft = _draft(text, {"type": "target", "indicator": "市城区建成区黑臭水体消除比例", "value": "90%"},
                   {"type": "target", "indicator": "县（市、区）建成区黑臭水体消除比例", "value": "70%"})
    draft.lines += ["市城区建成区黑臭水体消除比例：高于90%。[1]", "县（市、区）建成区黑臭水体消除比例：达到70%。[1]"]

    class _Corpus:
        def clause(self, clause_id):
            from tests.conftest import make_clause
            return make_clause("liaocheng-2020/二/（三）/3", "item", ("二",), text)

        def plan(self, plan_id):
            from types import SimpleNamespace
            return SimpleNamespace(title="聊城市打好碧水保卫战2020年行动计划")

    draft.corpus = _Corpus()
    part = class_part(draft, "county")
    assert part.lines == ["县（市、区）建成区黑臭水体消除比例：达到70%。[1]"] and len(part.facts) == 1
    assert class_part(draft, "city") is None
