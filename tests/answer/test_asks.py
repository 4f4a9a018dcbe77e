"""What a question asks, read from the words different people use for the same question (stop 23 rewordings:
a resident, a village cadre, a shop owner, an official's shorthand ask who, when and how much in their own words)."""
from __future__ import annotations

import pytest

from rag.answer.asks import PARTY_RULES, asked_intent, first_match
from rag.normalize import normalize


def _intent(question: str) -> str:
    norm = normalize(question)
    return asked_intent(norm, 1, first_match(PARTY_RULES, norm))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # the body named by any word for one: 局, 单位, 家 as well as 部门
        ("昌邑区城里那几条臭水沟的治理，哪个局负责？", "lead"),
        ("我们乡镇河边要立水质公示牌，写上责任人，乐都区这事是哪个局负责？", "lead"),
        ("宁国开发区污水厂提标改造归哪家单位管？", "lead"),
        # helpers asked in everyday words
        ("宜昌划定农村“千吨万人”饮用水水源保护区的哪些单位帮着做？", "cooperate"),
        ("汝州北汝河河道采砂专项整治还有哪些部门一起搞？", "cooperate"),
        # the doer asked in everyday words
        ("岳西县乡镇污水处理站建设具体谁去干？", "implement"),
        ("龙泉市美丽河湖创建由谁去办？", "implement"),
        # everyday "when" words win over a 目标 or a 率 of the same question
        ("汝州临汝镇、寄料镇污水处理站几时建完？", "deadline"),
        ("乐都区啥时候前要完成黑臭水体治理目标？", "deadline"),
        ("砀山县城第二污水处理厂几月份前要建好？", "deadline"),
        ("武汉南湖污水直排的问题最晚哪个月解决？", "deadline"),
        ("乐都区污水处理率最迟啥时候达到95%？", "deadline"),
        # a value asked in other words, even by a citizen
        ("我是乐都种地的，到2020年农作物病虫害统防统治覆盖率定的目标是多少？", "target"),
        ("修水农村生活垃圾到2020年有效处理率要搞到多少？", "target"),
        # a standard asked with any question word, not read as "执行" (an implementer)
        ("山西新建的城镇污水处理设施排放要执行哪个标准？", "target"),
        ("平湖城镇污水厂出水要达到啥标准？", "target"),
        # what to mind, asked with any modal ("得注意些啥"): the duties that bind the asker
        ("我在聊城开了家加油站，地下油罐得注意些啥？", "obligation"),
        ("我想在乐都新建一个养牛场，粪便污水这块该注意点什么？", "obligation"),
    ],
)
def test_everyday_asking_words_read_as_the_question_they_ask(question, intent):
    assert _intent(question) == intent


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # the words kept their old readings
        ("周村区污水处理率2020年要达到多少？", "target"),
        ("除了住建局牵头，还有哪些部门参与？", "cooperate"),
        ("聊城市黑臭水体治理的责任单位是谁？", "implement"),
        ("我在周村开了一家饭店，后厨的废水要注意啥？", "obligation"),
        ("周村区到2020年污水处理率要达到多少，最晚要达到多少？", "target"),
    ],
)
def test_the_plans_own_asking_words_keep_their_reading(question, intent):
    assert _intent(question) == intent
