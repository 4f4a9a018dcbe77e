"""Kinds of question a user simulator met on the seed plans (stop 20): a table row asked by a year its columns do
not hold, or by an English question naming the row through its glossary words; limits given one by one under 分别于;
a policy's name read as a money ask; a three-character town after the plan's place."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.absent import unnamed_subplace
from rag.answer.limits import paired_limits, paired_subjects
from rag.answer.money import asks_money
from rag.answer.query import analyze
from rag.answer.rows import choose, stated_years
from rag.types import Deadline
from tests.conftest import make_clause

# Real rows of shanxi-2015 表1 (全省主要河流水质达到或优于Ⅲ类断面比例分年度目标).
_TABLE = "shanxi-2015/一/（四）/表1"
_YELLOW = "流域：黄河流域；2016年：41.38%；2017年：44.83%；2018年：51.72%；2019年：56.90%；2020年：62.07%"
_HAIHE = "流域：海河流域；2016年：54.90%；2017年：56.86%；2018年：60.78%；2019年：62.75%；2020年：62.75%"


def _table(corpus):
    path = ("一、总体要求", "(四)分年度目标。", "表1")
    rows = (make_clause(_TABLE, "table", path, "表1  全省主要河流水质达到或优于Ⅲ类断面比例分年度目标"),
            make_clause(f"{_TABLE}/r1", "table-row", path, _YELLOW), make_clause(f"{_TABLE}/r2", "table-row", path, _HAIHE))
    return replace(corpus, clauses=(*corpus.clauses, *rows)), rows[1]


def test_a_table_row_states_the_years_of_its_columns(mini_corpus):
    _, row = _table(mini_corpus)
    assert stated_years(row) == (2016, 2017, 2018, 2019, 2020)


def test_an_english_question_names_a_row_through_its_glossary_words(mini_corpus):
    corpus, row = _table(mini_corpus)
    query = analyze("What share of monitored sections in Shanxi's Yellow River basin should be class III or better "
                    "in 2018?", corpus.plans)
    chosen = choose(corpus, query, row)
    assert chosen.identified and chosen.named and chosen.quote == "2018年：51.72%"


# Real sentence of shanxi-2015/二/（四）/2/3.
_BLUE = "严格城市规划蓝线管理,设区市和县级市分别于2016年底前和2018年底前完成城市蓝线规划编制工作,城市规划区范围内应保留合理比例的水域面积。"
_BLUE_ID = "shanxi-2015/二/（四）/2/3"
_LIMITS = [Deadline("shanxi-2015", _BLUE_ID, "于2016年底前", 2016, None, "by", _BLUE),
           Deadline("shanxi-2015", _BLUE_ID, "2018年底前", 2018, None, "by", _BLUE)]


def test_limits_given_one_by_one_answer_the_subject_asked(mini_corpus):
    assert paired_subjects(_BLUE) == ("设区市", "县级市")
    asked = {question: [d.text for d in paired_limits(analyze(question, mini_corpus.plans), _LIMITS)]
             for question in ("晋 县级市 蓝线规划 期限", "山西设区市的城市蓝线规划什么时候完成？",
                              "By when must Shanxi's county-level cities finish their blue-line plans?",
                              "山西蓝线规划什么时候完成编制？")}
    assert list(asked.values()) == [["2018年底前"], ["于2016年底前"], ["2018年底前"], ["于2016年底前", "2018年底前"]]


def test_a_policy_named_in_the_question_is_no_money_ask(mini_corpus):
    ask = lambda text: asks_money(analyze(text, mini_corpus.plans))  # noqa: E731
    assert not ask("How many village environmental clean-ups does Zhoucun have to complete under the 'rewards "
                   "instead of subsidies' programme?")
    assert ask("How much subsidy does Zhoucun give for village clean-ups?")
    assert ask("周村区考核断面不达标，每月每个断面要交多少生态赔偿金？")


def test_a_town_of_three_characters_after_the_plan_s_place_is_unnamed(mini_corpus):
    texts = [" ".join(c.text for c in mini_corpus.clauses) + "所有建制镇要实现污水处理设施全覆盖"]
    subplace = lambda text: unnamed_subplace(mini_corpus, analyze(text, mini_corpus.plans), texts)  # noqa: E731
    assert subplace("周村区孤店子镇的污水处理厂什么时候开工？") == "孤店子镇"
    assert subplace("周村的建制镇，2020年底污水处理率得到多少？") == ""
    assert subplace("我住周村下面的县城，县城的污水处理率得达到多少？") == ""
