"""English questions: water names in pinyin the plans write or not, scope words, target questions without
"rate", and task forms inside a longer one (rag.answer.query, rag.answer.glossary, rag.assistant)."""
from __future__ import annotations

from rag.answer.absent import unwritten_term
from rag.answer.english_mentions import english_mentions
from rag.answer.english_unknown import not_understood
from rag.answer.query import analyze
from rag.normalize import normalize
from tests.conftest import SHANXI, ZHOUCUN


class _Clause:
    def __init__(self, plan_id: str, text: str) -> None:
        self.plan_id, self.norm = plan_id, normalize(text)


# Lines cut from the plans (changyi-2016, shanxi-2015).
_CLAUSES = (
    _Clause("changyi-2016", "加强松花湖水淹地的生态治理,在河道两侧建设植被缓冲带和隔离带。"),
    _Clause("shanxi-2015", "设区市和县级市分别于2015年底前和2016年6月底前完成城市建成区黑臭水体排查,公布黑臭水体名称"),
)
_PLANS = (ZHOUCUN, SHANXI)


def test_a_pinyin_water_name_no_plan_writes_is_a_thing_the_plans_never_mention():
    query = analyze("Who leads the Linghu Lake cleanup in Zhoucun?", _PLANS, _CLAUSES)
    spelt = [m.term.official for m in query.terms if m.term.kind == "water" and m.term.official.isascii()]
    assert spelt == ["Linghu Lake"]
    assert unwritten_term(query, [c.norm for c in _CLAUSES]) == "Linghu Lake"


def test_an_english_water_name_or_one_the_plans_write_is_no_unknown_name():
    for question in ("Who leads the Yellow River work in Shanxi?",  # a translation, not pinyin
                     "Who leads the ecological management of Songhua Lake?"):  # 松花湖, written by changyi
        query = analyze(question, _PLANS, _CLAUSES)
        assert not [m for m in query.terms if m.term.official.isascii()]


def test_a_water_a_plan_writes_scopes_a_question_naming_no_place_to_that_plan():
    query = analyze("Who leads the ecological management of Songhua Lake?", _PLANS, _CLAUSES)
    assert query.plan_ids == ("changyi-2016",)
    assert analyze("Who leads the ecological management in Zhoucun?", _PLANS, _CLAUSES).plan_ids == ("zhoucun-2016",)


def test_a_scope_word_counts_toward_understanding_an_english_question():
    # huaiyuan-2019: "2019年底前完成县城污水处理厂提标改造": "county" + "sewage plant" pin it down.
    query = analyze("When must Huaiyuan's county sewage plant finish its upgrade?", _PLANS)
    assert [m.term.official for m in query.terms] == ["城镇污水处理厂"]
    assert query.intent == "deadline" and not_understood(query) == ""


def test_a_target_question_names_a_rate_without_the_word_rate():
    found = english_mentions(normalize("What is Guiyang's fertilizer utilization target for 2020?"))
    assert "化肥利用率" in [m.term.official for m in found]
    assert "化肥利用率" not in [m.term.official for m in english_mentions(normalize("Who leads fertilizer utilization?"))]


def test_a_longer_task_form_uses_up_the_words_of_a_shorter_task():
    long = [m.term.official for m in english_mentions(normalize("Who leads agricultural non-point source pollution control?"))]
    assert "控制农业面源污染" in long and "推进农业农村污染防治" not in long
    short = [m.term.official for m in english_mentions(normalize("Who leads agricultural pollution control?"))]
    assert short == ["推进农业农村污染防治"]


def test_the_glossarys_english_covers_the_plans_aliases_for_everyday_task_words():
    # Aliases the plans write: 政府投资 (changyi "加大政府投入"), 农业污染, 散乱污, 污泥安全处置.
    def officials(question: str) -> list[str]:
        return [m.term.official for m in english_mentions(normalize(question))]
    assert "增加政府资金投入" in officials("Who cooperates on increasing government investment in Changyi?")
    assert "散乱污企业" in officials("Who rectifies scattered polluting enterprises in Yuncheng?")
    assert "推进污泥处理处置" in officials("What is Ledu's target for safe sludge disposal?")
    assert "推进农业农村污染防治" in officials("Who handles farm pollution in Guiyang?")


def test_a_task_the_plan_writes_in_one_other_form_is_judged_by_that_form():
    from rag.answer.about import subject_of

    # changyi-2016/四/（二）/1: "1、加大政府投入。区财政加大水环境保护项目支持力度。" (the glossary's official is 增加政府资金投入)
    clauses = (_Clause("changyi-2016", "1、加大政府投入。区财政加大水环境保护项目支持力度。"),)
    query = analyze("Which departments take part in increasing government investment?", _PLANS, clauses)
    assert query.plan_forms == (("增加政府资金投入", ("加大政府投入",)),)
    assert subject_of(query) == "加大政府投入"
    target = analyze("What is the target for increasing government investment?", _PLANS, clauses)
    assert "增加政府资金投入" in subject_of(target)  # a target keeps the term's own name
