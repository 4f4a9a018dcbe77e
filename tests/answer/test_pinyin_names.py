"""Pinyin proper names of English questions: the plan that writes them, and their characters in that plan."""
from __future__ import annotations

from rag.answer.inner_places import pinyin_words, syllable_splits
from rag.answer.pinyin_names import plans_spelling_names, written_names
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
