"""An answer whose first cited clause is, by meaning, clearly not what the question asks about is refused
(rag.answer.cited_meaning): the clause ranks behind two others and the closest clause it does not cite leads it."""
from __future__ import annotations

import pytest

from rag.answer.cited_meaning import MARGIN, RANK_FLOOR, Placing, cited_elsewhere, placing
from rag.types import Citation, Hit
from tests.conftest import make_clause

# Sentences of 汝州市 (composed24, dev), placed as the dense search could place them for "汝州2019年乡镇污水处理率
#要达到多少？" (answered from the city plant's 93%); the scores are set by hand.
_CITY = make_clause("ruzhou-2018/第四条", "item", ("目标指标",),
                    "第四条 到2019年底，城市集中式饮用水水源地水质达标率保持100%；市污水处理厂污水处理率达到93%。")
_TOWNS = make_clause("ruzhou-2018/第四条/2", "item", ("目标指标",), "到2020年，乡镇污水处理设施覆盖率达到80%。")
_PLANT = make_clause("ruzhou-2018/第六条", "item", ("重点任务",),
                     "第六条 提升城镇污水处理能力。2019年6月底前，完成市第二污水处理厂扩建工程，新增处理能力4万吨/日。")
_BLACK = make_clause("ruzhou-2018/第七条", "item", ("重点任务",), "第七条 治理黑臭水体。2018年12月底前，完成洗耳河城区段截污纳管和清淤工程。")
_TWIN = make_clause("ruzhou-2019/第四条", "item", ("目标指标",), _CITY.text)


def _hits(*pairs):
    return [Hit(clause, score, ("dense",)) for clause, score in pairs]


def _cite(*clauses):
    return [Citation(n, c.plan_id, "汝州市水污染防治攻坚战实施方案", c.clause_id, "", c.text) for n, c in enumerate(clauses, 1)]


def test_a_cited_clause_behind_two_others_and_led_by_more_than_the_margin_is_elsewhere():
    found = placing(_hits((_TOWNS, 0.931), (_PLANT, 0.925), (_CITY, 0.912), (_BLACK, 0.870)), _cite(_CITY))
    assert found == Placing(rank=3, score=0.912, elsewhere=0.931)
    assert found.margin == pytest.approx(-0.019)
    assert cited_elsewhere(found)


def test_the_closest_or_second_closest_clause_or_a_small_lead_is_kept():
    second = placing(_hits((_TOWNS, 0.950), (_CITY, 0.912), (_PLANT, 0.905)), _cite(_CITY))
    assert second.rank == 2 and not cited_elsewhere(second)  # far behind, but second: kept
    close = placing(_hits((_TOWNS, 0.925), (_PLANT, 0.922), (_CITY, 0.912)), _cite(_CITY))
    assert close.rank == RANK_FLOOR and close.margin == pytest.approx(-0.013) and not cited_elsewhere(close)
    assert not cited_elsewhere(Placing(RANK_FLOOR, 0.900, 0.900 + MARGIN - 0.001))
    assert cited_elsewhere(Placing(RANK_FLOOR, 0.900, 0.900 + MARGIN + 0.001))


def test_clauses_the_answer_cites_and_their_copies_are_no_rivals():
    # the task and its note clause both cited; a plan printed twice (same text) is the same clause
    found = placing(_hits((_TWIN, 0.940), (_TOWNS, 0.935), (_CITY, 0.940), (_PLANT, 0.900)), _cite(_CITY, _TOWNS))
    assert found == Placing(rank=1, score=0.940, elsewhere=0.900) and not cited_elsewhere(found)


def test_a_cited_clause_below_every_hit_counts_as_last():
    found = placing(_hits((_TOWNS, 0.931), (_PLANT, 0.925), (_BLACK, 0.905)), _cite(_CITY))
    assert found == Placing(rank=4, score=0.905, elsewhere=0.931) and cited_elsewhere(found)
    assert placing([], _cite(_CITY)) is None and placing(_hits((_CITY, 0.9)), []) is None
    assert placing(_hits((_CITY, 0.9)), _cite(_CITY)) is None  # nothing else to compare with
    assert not cited_elsewhere(None)
