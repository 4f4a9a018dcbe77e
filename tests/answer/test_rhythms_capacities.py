"""How-often and capacity questions (rag.answer.rhythms, rag.answer.capacities): the piece of the sentence about
the subject asked, not a sentence's first rhythm or an indicator target."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.capacities import capacity
from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.rhythms import rhythm
from rag.types import Hit
from tests.conftest import make_clause

# Real text cut from miyun-2019/二/（五）/9 and （一）/2 and bayi-2017/二/（二）/3 (composed17), filed under the mini
# corpus's plan so that a question naming 周村区 is about it.
_PATROLS = "9．区、镇、村三级河长按规定巡河，区级河长每月巡河不少于1次，镇级河长每周不少于1次，村级河长每日巡河。"
_SEASONS = "2．严禁在库区及入库河道开展游泳、垂钓、野炊等活动，汛期每日巡查不少于1次，非汛期每周巡查不少于3次。"
_PLANT = ("3．加快污水处理设施及配套管网建设。2018年底前，完成八一镇污水处理厂扩建工程，处理规模由1.5万吨/日扩大至3万吨/日；"
          "2019年底前，鲁朗镇、更章门巴民族乡建成污水处理设施。")


def _ask(mini_corpus, answerer, question: str, text: str):
    clause = make_clause("zhoucun-2016/二/（五）/9", "item", ("二、重点任务", "9．"), text)
    corpus = replace(mini_corpus, clauses=(*mini_corpus.clauses, clause))
    return answerer(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans), [Hit(clause, 1.0, ("bm25",))])


def test_the_rhythm_of_the_level_asked_not_the_first_of_the_sentence(mini_corpus):
    draft = _ask(mini_corpus, rhythm, "周村区村级河长多久巡一次河？", _PATROLS)
    assert [line.split("。原文")[0] for line in draft.lines] == ["频次：村级河长每日巡河"]
    draft = _ask(mini_corpus, rhythm, "周村区镇级河长巡河频次是多少？", _PATROLS)
    assert [line.split("。原文")[0] for line in draft.lines] == ["频次：镇级河长每周不少于1次"]


def test_a_season_asked_picks_its_rhythm_and_none_asked_gives_each(mini_corpus):
    draft = _ask(mini_corpus, rhythm, "周村区水库汛期多久巡查一次？", _SEASONS)
    assert [line.split("。原文")[0] for line in draft.lines] == ["频次：汛期每日巡查不少于1次"]
    draft = _ask(mini_corpus, rhythm, "周村区水库多久巡查一次？", _SEASONS)
    assert [line.split("。原文")[0] for line in draft.lines] == ["频次：汛期每日巡查不少于1次", "频次：非汛期每周巡查不少于3次"]


def test_no_rhythm_about_the_subject_leaves_the_question_to_the_other_answerers(mini_corpus):
    assert _ask(mini_corpus, rhythm, "周村区多久公布一次水质？", _PATROLS).lines == []


def test_a_plants_capacity_is_the_amount_it_reaches(mini_corpus):
    draft = _ask(mini_corpus, capacity, "周村区八一镇污水处理厂扩建以后一天能处理多少？", _PLANT)
    assert draft.lines[0].startswith("处理规模：3万吨/日（处理规模由1.5万吨/日扩大至3万吨/日）。原文：「")
    assert [fact["capacity"] for fact in draft.facts] == ["3万吨/日"]


# Real text cut from yongtai-2020/二/（一）/3 (composed19): the day said before the amounts.
_DAILY_FIRST = "3．2020年10月底前，完成城峰污水处理厂二期扩建，日处理能力由1万吨提高到2万吨；"


def test_a_capacity_whose_day_is_said_before_the_amount_is_the_amount_it_reaches(mini_corpus):
    draft = _ask(mini_corpus, capacity, "周村区城峰污水处理厂二期扩建后日处理能力是多少？", _DAILY_FIRST)
    assert draft.lines[0].startswith("处理规模：2万吨（日处理能力由1万吨提高到2万吨）。原文：「")
    assert [fact["capacity"] for fact in draft.facts] == ["2万吨"]


class _Clause:
    def __init__(self, text: str) -> None:
        from rag.normalize import normalize
        self.norm, self.plan_id = normalize(text), "miyun-2019"


def test_a_plant_named_in_pinyin_is_the_plans_chinese_name():
    from rag.answer.waters import chinese_waters
    # Real text cut from miyun-2019/二/（二）/3.
    clauses = (_Clause("3．2019年9月底前，完成檀营再生水厂二期工程主体建设，新增处理能力2万立方米/日；"),)
    found = chinese_waters("How much capacity will phase II of the Tanying reclaimed water plant add?", clauses)
    assert [name for _, name in found] == ["檀营再生水厂"]
    assert chinese_waters("Which plant leads?", clauses) == ()
