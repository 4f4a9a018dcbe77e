"""Pinyin proper names of English questions: the plan that writes them, and their characters in that plan."""
from __future__ import annotations

from rag.answer.inner_places import pinyin_words, syllable_splits
from rag.answer.pinyin_names import plans_own_names, plans_spelling_names, without_named_places, written_names
from rag.answer.waters import english_terms
from rag.normalize import normalize
from rag.types import Clause


def _clause(plan_id: str, number: str, text: str) -> Clause:
    return Clause(plan_id, f"{plan_id}/{number}", (number,), "item", text, normalize(text), 0, len(text))


# Cut from the dev plans of composed21 (麦积, 湘东) and the Shanxi seed (its "公路水环境" reads "lu shui" across two words).
MAIJI = _clause("maiji-2018", "二/（三）", "（三）工业污染防治。社棠工业园区2018年底前建成集中式污水处理设施并安装在线监控；"
                "对全区果品加工、淀粉加工企业开展专项整治，废水不达标的一律停产整治。区环保局牵头，区工信局、社棠工业园区管委会配合。")
XIANGDONG = _clause("xiangdong-2019", "二/（五）/11", "11.全面清理渌水及水库内投饵网箱养殖，2019年8月底前拆除全部网箱。"
                    "（由区农业农村局负责，区水利局、麻山镇、排上镇参与）")
SHANXI = _clause("shanxi-2015", "二/（三）/3", "开展饮用水水源保护区公路水环境风险隐患排查，完善防撞护栏、事故导流槽等设施。")
LEDU = _clause("ledu-2017", "二/（四）/11", "11.集中治理工业园(工业集聚区)污染。2017年底前,完成乐都工业园(西区)工业废水集中处理设施建设,"
               "并安装自动在线监控装置。")
CLAUSES = (MAIJI, XIANGDONG, SHANXI, LEDU)


def test_a_capitalised_word_of_mandarin_syllables_is_a_pinyin_name():
    assert syllable_splits("shetang") == [("she", "tang")]
    assert pinyin_words("By when must the Shetang Industrial Park have its facility built?") == ("shetang",)
    # generic nouns and English words that read as syllables are no names; the sentence's first word is not read
    assert pinyin_words("Which Lake Reservoir in the Industrial Park?") == ()


def test_the_one_plan_writing_the_name_is_the_one_asked():
    assert plans_spelling_names("By when must the Shetang Industrial Park build its plant?", CLAUSES) == ("maiji-2018",)


def test_a_name_read_across_two_words_is_not_written():
    # 渌水 (湘东) is written as a word; 公路|水环境 (山西) only spells "lu shui" across a word boundary
    assert plans_spelling_names("By when must all the cage fish farms in the Lushui be removed?", CLAUSES) \
        == ("xiangdong-2019",)


def test_a_name_no_plan_writes_leaves_the_scope_alone():
    assert plans_spelling_names("Who leads the cleanup of the Mozitan Reservoir?", CLAUSES) == ()


def test_the_name_and_the_noun_after_it_join_the_subject_in_the_plans_characters():
    assert written_names("By when must the Shetang Industrial Park build its plant?", CLAUSES, ("maiji-2018",)) \
        == ("社棠工业园区", "社棠")
    # the plan's own place is known by its title; the park named after it is still the thing asked
    title = "海东市乐都区2017年度水污染防治工作方案"
    assert written_names("By when must the plant of the Ledu Industrial Park (west zone) be finished?", CLAUSES,
                         ("ledu-2017",), [title]) == ("乐都工业园",)


def test_a_common_noun_after_the_name_and_a_name_inside_a_term_add_nothing():
    title = "海东市乐都区2017年度水污染防治工作方案"
    # "the Ledu industrial park": a park the place locates, no proper name of one
    assert written_names("I run a factory in the Ledu industrial park. What duties do I have?", CLAUSES,
                         ("ledu-2017",), [title]) == ()
    # 渌水 is read from the plan unless a term the question names holds it already
    question = "By when must all the cage fish farms in the Lushui be removed?"
    assert written_names(question, CLAUSES, ("xiangdong-2019",)) == ("渌水",)
    assert written_names(question, CLAUSES, ("xiangdong-2019",), known=["渌水"]) == ()


# Cut from the dev plans of composed27 (陕州: the town 观音堂镇), composed17 (璧山: the pond 观音塘) and composed19 (永泰).
SHANZHOU = _clause("shanzhou-2020", "二/（二）", "（二）推进乡镇污水处理设施建设。2020年底前建成观音堂镇、大营镇、张汴乡3座乡镇污水处理站"
                   "并投入运行。")
BISHAN = _clause("bishan-2018", "附件/r8", "完成璧南河城区段、观音塘湿地公园周边黑臭水体整治。")
YONGTAI = _clause("yongtai-2020", "二/（一）/1", "1．2020年6月底前，完成嵩口镇、同安镇千人以上集中式饮用水水源保护区划定，"
                  "设立界标和警示标志。（县生态环境局负责，县水利局、县自然资源局协助）")
HOMOPHONES = (SHANZHOU, BISHAN, YONGTAI)


def _waters(question: str, plan_ids: tuple[str, ...]) -> list[str]:
    found = english_terms(normalize(question), HOMOPHONES, plan_ids)
    return [m.term.official for m in plans_own_names(found, HOMOPHONES, plan_ids) if m.term.kind == "water"]


def test_the_plans_own_town_wins_over_another_plans_homophone_water():
    question = "Which bureau leads building the township sewage stations in Guanyintang, Daying and Zhangbian in Shanzhou?"
    # the corpus reads "guanyin" + "tang" as Bishan's pond 观音塘; the Shanzhou plan writes the town 观音堂镇
    assert "观音塘" in [m.term.official for m in english_terms(normalize(question), HOMOPHONES, ("shanzhou-2020",))]
    assert _waters(question, ("shanzhou-2020",)) == []
    # the question's list of names is the plan's list, in the plan's characters
    assert written_names(question, HOMOPHONES, ("shanzhou-2020",)) == ("观音堂、大营、张汴",)


def test_a_water_the_plan_asked_writes_stays():
    assert _waters("Who leads the cleanup of black and odorous water around Guanyintang wetland park in Bishan?",
                   ("bishan-2018",)) == ["湿地", "观音塘"]


def test_a_named_towns_level_word_is_no_scope():
    question = normalize("Which departments assist the Yongtai County ecology and environment bureau in designating "
                         "the drinking water source protection zones of Songkou and Tong'an towns?")
    found = plans_own_names(english_terms(question, HOMOPHONES, ("yongtai-2020",)), HOMOPHONES, ("yongtai-2020",))
    assert "同安镇" in [m.term.official for m in found]
    assert "towns" in question and "towns" not in without_named_places(question, found)
    # a town the plans do not name leaves the word: "the towns of Yongtai" is the scope 乡镇
    asked = normalize("sewage of the towns of Yongtai")
    assert without_named_places(asked, found) == asked
