"""Places inside a plan's area that a question names and the plan never writes (rag.answer.inner_places)."""
from __future__ import annotations

from rag.answer.inner_places import (
    reads_as_pinyin,
    unwritten_divisions,
    unwritten_english_towns,
    unwritten_pinyin_name,
    unwritten_place,
    unwritten_towns,
    unwritten_villages,
)
from rag.answer.unplaced import NOT_TOWN_NAMES
from rag.corpus.gazetteer import find_places
from rag.normalize import normalize


def _place(name: str):
    return next(p for m in find_places(name) for p in m.places if p.name == name)


# Cut from the dev plans (plans-dev/composed3/zhishui-2018, composed12/sanming-2016, composed5/moganshan-2019,
# composed7/yuexi-2019).
QUZHOU = ("到2018年底，…柯城区、衢江区建成区基本消除黑臭水体。"
          "6.控制水产养殖污染。2018年9月底前完成龙游县、常山县温室甲鱼养殖棚清理")
SANMING = "2017年底前，沙 县、尤溪县城区污水处理厂完成提标改造。（市住建局牵头，市发改委、市财政局配合）"
MOGANSHAN = "2.1.1 完成农村生活污水处理终端提标改造。2019.12前完成高峰村、劳岭村等8个终端提标改造。"
YUEXI = "（二）乡镇污水处理设施建设。2019年底前新建温泉镇、响肠镇等6个乡镇污水处理站，配套管网不少于25公里。"


def test_a_county_of_the_city_plan_that_the_plan_never_writes_is_found():
    quzhou = [_place("衢州市")]
    assert unwritten_divisions(normalize("开化县要在什么时候前基本消除黑臭水体？"), quzhou, [QUZHOU]) == ["开化县"]
    assert unwritten_divisions(normalize("龙游县温室甲鱼养殖棚清理要在什么时候完成？"), quzhou, [QUZHOU]) == []
    assert unwritten_divisions(normalize("永安市城区污水处理厂提标改造什么时候完成？"), [_place("三明市")],
                               [SANMING]) == ["永安市"]


def test_the_plans_own_place_its_parent_and_a_spaced_out_name_are_not_unwritten():
    sanming = [_place("三明市")]
    assert unwritten_divisions(normalize("三明市城区污水处理厂提标改造什么时候完成？"), sanming, [SANMING]) == []
    assert unwritten_divisions(normalize("福建省三明市沙县污水处理厂什么时候提标改造？"), sanming, [SANMING]) == []


def test_a_renamed_county_is_named_by_its_short_name_with_a_division_word():
    # 茌平 is 茌平县 in the gazetteer, 茌平区 since 2019: the short name and a division word still name it.
    liaocheng = [_place("聊城市")]
    question = normalize("茌平区建成区黑臭水体消除比例要达到多少？")
    assert unwritten_divisions(question, liaocheng, ["县（市、区）建成区黑臭水体消除比例达到70%。"]) == ["茌平区"]
    assert unwritten_divisions(question, liaocheng, ["茌平区建成区黑臭水体全部消除。"]) == []


def test_a_province_plan_answers_only_for_the_divisions_it_writes():
    # gn-ud21-49: "天水市秦州区…谁牵头" was answered from the Gansu plan, which names neither, with its 省住房城乡建设厅.
    gansu = [_place("甘肃省")]
    question = normalize("天水市秦州区的黑臭水体整治谁牵头？")
    assert unwritten_divisions(question, gansu, ["兰州市建成区黑臭水体…（省住房城乡建设厅牵头）"]) == ["天水市", "秦州区"]
    # Cut from hainan-2016 (composed4): a city the province plan writes is its to answer.
    hainan = "8.整治城市黑臭水体。海口市、三亚市2017年底前基本消除建成区黑臭水体，其他市县2020年底前完成黑臭水体治理。"
    assert unwritten_divisions(normalize("海南三亚市黑臭水体整治由哪个部门牵头？"), [_place("海南省")], [hainan]) == []


def test_a_village_the_plan_never_writes_is_found_and_common_nouns_are_no_villages():
    assert unwritten_villages(normalize("莫干山镇筏头村的污水处理终端提标改造什么时候完成？"), [MOGANSHAN]) == ["筏头村"]
    assert unwritten_villages(normalize("莫干山镇高峰村的终端提标改造什么时候完成？"), [MOGANSHAN]) == []
    for question in ("莫干山镇农村生活污水处理终端什么时候提标？", "全镇行政村污水治理覆盖率是多少？",
                     "美丽乡村建设由谁负责？", "城中村污水截流什么时候完成？"):
        assert unwritten_villages(normalize(question), [MOGANSHAN]) == [], question


def test_an_english_town_is_checked_against_the_pinyin_of_the_towns_the_plan_writes():
    question = normalize("By when must Yuexi build the sewage station in Baojia township?")
    assert unwritten_english_towns(question, [YUEXI], NOT_TOWN_NAMES) == ["Baojia Township"]
    question = normalize("By when must Yuexi build the sewage station in Wenquan town?")
    assert unwritten_english_towns(question, [YUEXI], NOT_TOWN_NAMES) == []
    assert unwritten_english_towns(normalize("What must each town build?"), [YUEXI], NOT_TOWN_NAMES) == []


def test_an_english_division_inside_the_plans_area_must_be_written():
    nanchong = [_place("南充市")]
    question = normalize("By when must Langzhong eliminate its black and odorous water bodies?")
    text = "2.到2019年底，中心城区黑臭水体消除比例达到90%以上，县城建成区黑臭水体消除比例达到50%以上。"
    assert unwritten_place(question, "en", nanchong, ["阆中市"], [text], NOT_TOWN_NAMES) == "阆中市"
    assert unwritten_place(question, "en", nanchong, ["阆中市"], [text + "阆中市"], NOT_TOWN_NAMES) == ""


def test_a_town_the_plan_never_writes_is_found_after_its_district():
    changyi = "1、加快城镇污水处理设施建设。到2020年,重点镇具备污水收集处理能力。(区住建局牵头,乡镇政府等参与)"
    assert unwritten_towns(normalize("昌邑区孤店子镇污水处理设施什么时候建成？"), [changyi]) == ["孤店子镇"]
    for question in ("昌邑区重点镇污水处理设施什么时候建成？", "周村区对没通过年度考核的镇办约谈问责，哪些部门参与？",
                     "我在周村开了一家洗车店，洗车用水有啥讲究？"):
        assert unwritten_towns(normalize(question), [changyi]) == [], question


def test_the_askers_words_and_a_division_are_no_village():
    for question in ("我们村就在徒骇河边上，村里的生活污水能直接排到河里吗？", "在周村区，污泥的安全处置工作归哪个单位牵头负责？",
                     "我在周村开加油站，地下油罐有什么要求？"):
        assert unwritten_villages(normalize(question), ["…"]) == [], question


def test_a_pinyin_name_no_plan_writes_is_found_and_english_words_are_no_names():
    jinjiang = "仙石污水处理厂、晋南污水处理厂2019年底前完成提标改造，出水执行一级A标准。晋江市"
    question = "By when must the Anhai sewage treatment plant in Jinjiang complete its upgrade?"
    assert unwritten_pinyin_name(question, [], [jinjiang]) == "Anhai"
    question = "By when must the Xianshi Sewage Treatment Plant in Jinjiang complete its upgrade?"
    assert unwritten_pinyin_name(question, [], [jinjiang]) == ""
    # "River", "Lake", "Banner" are English; "Ejin Horo" is a Mongolian name pinyin cannot check.
    yijin = "伊金霍洛旗2020年水污染防治攻坚战实施方案。完成掌岗图河城区段黑臭水体整治"
    for question in ("By when must Ejin Horo Banner finish remediating the black and odorous water?",
                     "Who leads the protection of the Lake and River in the Banner?"):
        assert unwritten_pinyin_name(question, [], [yijin]) == "", question
    assert reads_as_pinyin("mozitan") and not reads_as_pinyin("river") and not reads_as_pinyin("banner")


def test_an_english_village_is_checked_against_the_villages_the_plan_writes():
    question = normalize("By when must Moganshan finish the sewage terminal of Fatou village?")
    assert unwritten_english_towns(question, [MOGANSHAN], NOT_TOWN_NAMES) == ["Fatou Village"]
    question = normalize("By when must Moganshan finish the sewage terminal of Gaofeng village?")
    assert unwritten_english_towns(question, [MOGANSHAN], NOT_TOWN_NAMES) == []
    question = normalize("What share of administrative villages must be covered?")
    assert unwritten_english_towns(question, [MOGANSHAN], NOT_TOWN_NAMES) == []
    question = normalize("I keep a few pigs in a Changyi village; what must I do?")
    assert unwritten_english_towns(question, ["吉林市昌邑区人民政府落实水污染防治行动计划工作方案"], NOT_TOWN_NAMES) == []


def test_a_name_is_written_in_any_reading_of_its_characters():
    # longquan-2020 (composed7) and zhengzhou-2020: the context reads 都 "dou" and 牟 "mu"; the names are Badu, Zhongmou
    longquan = "完成瓯江龙泉段、八都溪、宝溪3条美丽河湖创建"
    question = "Who creates the 'beautiful rivers' on the Ou River Longquan stretch, Baduxi and Baoxi?"
    assert unwritten_pinyin_name(question, [], [longquan]) == ""
    zhengzhou = "1.贾鲁河中牟陈桥断面。确保2020年底前断面水质达标。"
    question = "By when does the Chenqiao section of the Jialu River in Zhongmou have to meet its target?"
    assert unwritten_pinyin_name(question, [], [zhengzhou]) == ""
    assert unwritten_pinyin_name("By when must the river in Zhongshan meet its target?", [], [zhengzhou]) == "Zhongshan"
