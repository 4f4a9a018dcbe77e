"""Metrics on tiny literals: exact values, including the edge cases each metric defines."""
from __future__ import annotations

import pytest

from evals.metrics import (
    abstention_scores,
    answer_correct,
    citation_precision,
    citation_recall,
    contradicts,
    facts_present,
    mean,
    percentile,
    recall_at_k,
    reciprocal_rank,
    summarize,
    summarize_by,
)

ZC_SEWAGE = "到2020年，全区污水处理率达到95%以上，所有建制镇实现“一镇一厂”。（区住建局牵头，区发改局、区环保分局等参与）"
ZC_PARKS = "集中治理工业集聚区水污染。2017年底前，各类工业集聚区全面实现污水集中处理并安装自动在线监控装置"
RANKED = ["zc/三/（一）/1", "zc/三/（一）/2", "zc/三/（一）/2/3", "ld/二/4"]


def question(qtype="target", expected=("95%",), answerable=True):
    return {"type": qtype, "expected": list(expected), "answerable": answerable}


def test_recall_at_k_counts_gold_ids_in_the_first_k():
    assert recall_at_k(RANKED, ["zc/三/（一）/2/3"], 1) == 0.0
    assert recall_at_k(RANKED, ["zc/三/（一）/2/3"], 3) == 1.0
    assert recall_at_k(RANKED, ["zc/三/（一）/2/3", "cy/九/3"], 10) == 0.5


def test_recall_without_gold_is_an_error():
    with pytest.raises(ValueError):
        recall_at_k(RANKED, [], 5)


def test_reciprocal_rank_of_first_gold_hit():
    assert reciprocal_rank(RANKED, ["ld/二/4", "zc/三/（一）/2"]) == 0.5
    assert reciprocal_rank(RANKED, ["sx/一"]) == 0.0


def test_facts_present_after_normalisation():
    # Full-width digits and ％ in the answer match the half-width expected fact.
    assert facts_present("污水处理率达到９５％以上，区住建局牵头", ["95%", "区住建局"])
    assert facts_present("Ⅴ类", ["V类"])
    assert not facts_present("区住建局牵头", ["区住建局", "2017年底前"])


def test_traditional_answer_matches_simplified_fact():
    assert facts_present("區住建局牽頭", ["区住建局"])


def test_contradiction_is_a_different_number_beside_the_indicator():
    assert contradicts("全区污水处理率达到90%以上", "95%", [ZC_SEWAGE])
    assert not contradicts("全区污水处理率达到95%以上", "95%", [ZC_SEWAGE])
    assert contradicts("2018年底前，各类工业集聚区全面实现", "2017年底前", [ZC_PARKS])
    # Another figure elsewhere in the answer is not a contradiction.
    assert not contradicts("污水处理率达到95%；污泥无害化处置率达到90%", "95%", [ZC_SEWAGE])


def test_contradiction_ignores_facts_without_numbers():
    assert not contradicts("区环保分局牵头", "区住建局", [ZC_SEWAGE])


def test_answer_correct_for_target_requires_fact_and_no_contradiction():
    hedged = "全区污水处理率达到95%以上[1]。另一说法：全区污水处理率达到90%以上。"
    assert answer_correct("全区污水处理率达到95%以上[1]", False, question(), [ZC_SEWAGE])
    assert not answer_correct(hedged, False, question(), [ZC_SEWAGE])
    assert not answer_correct("全区污水处理率达到95%以上", True, question(), [ZC_SEWAGE])


def test_a_statement_of_another_figure_is_not_saved_by_the_quote_holding_the_expected_one():
    # Real text cut from shanxi-2015/二/（三）/1/3: asked the new water-saving irrigation area, the answer states
    # the irrigation coefficient and only quotes the 300万亩.
    span = "到2020年,新增高效节水灌溉面积300万亩,全省节水灌溉工程面积达到2000万亩左右,灌溉水利用系数提高到0.55以上"
    wrong = f"灌溉水利用系数：提高到0.55以上（2020年）。原文：「{span}」[1]"
    right = f"新增高效节水灌溉面积：300万亩（2020年）。原文：「{span}」[1]"
    assert not answer_correct(wrong, False, question(expected=("300万亩",)), [span])
    assert answer_correct(right, False, question(expected=("300万亩",)), [span])
    # An answer made only of quotes is judged on them.
    assert answer_correct(f"「{span}」[1]", False, question(expected=("300万亩",)), [span])
    # A deadline stated in the answer's words must be the one asked, whatever the quote also holds.
    both = "到2017年,设区市全部达到省级节水型城市标准要求,2020年全部达到国家节水型城市标准要求。"
    assert not answer_correct(f"Deadline: 到2017年. Source: 「{both}」[1]", False,
                              question("deadline", ("2020年",)), [both])


def test_contradiction_only_checked_for_target_and_deadline():
    hedged = "区住建局；全区污水处理率达到90%以上"
    assert answer_correct(hedged, False, question("lead", ["区住建局"]), [ZC_SEWAGE])


def test_unanswerable_is_correct_only_when_abstaining():
    unanswerable = question("unanswerable", (), answerable=False)
    assert answer_correct("方案中没有北京市的内容。", True, unanswerable)
    assert not answer_correct("北京市污水处理率达到95%", False, unanswerable)


def test_citation_precision_and_recall():
    assert citation_precision(["a", "b", "c", "d"], ["a", "x"]) == 0.25
    assert citation_recall(["a", "b", "c", "d"], ["a", "x"]) == 0.5
    assert citation_precision([], ["a"]) is None
    assert citation_recall(["a"], []) is None


def test_abstention_precision_and_recall():
    scores = abstention_scores([True, True, False, False], [True, False, True, False])
    assert scores == {"abstain_precision": 0.5, "abstain_recall": 0.5}
    assert abstention_scores([False], [False]) == {"abstain_precision": None, "abstain_recall": None}


def test_percentile_interpolates():
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert percentile([10.0, 20.0, 30.0, 40.0, 50.0], 95) == pytest.approx(48.0)
    assert percentile([], 50) is None


def test_mean_skips_values_that_do_not_apply():
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([None]) is None


def record(qtype, accuracy, abstained=False, answerable=True, latency=10.0, r5=1.0):
    return {"type": qtype, "variant": "original", "accuracy": accuracy, "abstained": abstained,
            "answerable": answerable, "latency_ms": latency, "recall@5": r5, "grounding_pass": 1.0}


def test_summarize_overall_and_by_type():
    records = [record("lead", 1.0), record("lead", 0.0, latency=30.0, r5=0.0),
               record("unanswerable", 1.0, abstained=True, answerable=False, r5=None)]
    overall = summarize(records)
    assert overall["n"] == 3
    assert overall["accuracy"] == pytest.approx(2 / 3)
    assert overall["recall@5"] == 0.5
    assert overall["abstain_precision"] == 1.0 and overall["abstain_recall"] == 1.0
    assert overall["latency_p50_ms"] == 10.0
    assert overall["recall@1"] is None
    by_type = summarize_by(records, "type")
    assert list(by_type) == ["lead", "unanswerable"]
    assert by_type["lead"]["accuracy"] == 0.5 and by_type["lead"]["latency_p95_ms"] == pytest.approx(29.0)


def test_numbers_inside_the_indicator_text_are_not_the_fact():
    gold = "直排企业一律执行COD40mg/L、氨氮2mg/L标准"
    answer = "直排企业一律执行COD40mg/L、氨氮2mg/L标准"
    assert not contradicts(answer, "氨氮2mg/L", [gold])
    assert contradicts("COD40mg/L、氨氮5mg/L", "氨氮2mg/L", [gold])
    assert not contradicts("湿地保护率从38%提升到50%", "38%", ["力争将全省湿地保护率从38%提升到50%"])


def test_wrong_answer_counts_given_answers_that_miss_or_contradict_a_fact_and_answered_unanswerables():
    from evals.score import score_question

    def scored(qtype, expected, answer, abstained, answerable=True):
        q = {"id": "q", "type": qtype, "variant": "original", "expected": list(expected),
             "answerable": answerable, "gold_clause_ids": ["zc/三/（一）/2/1"]}
        return score_question(q, answer=answer, abstained=abstained, cited_ids=[], ranked_ids=None,
                              grounded=True, latency_ms=1.0, gold_texts=[ZC_SEWAGE])

    records = [
        scored("target", ["95%"], "全区污水处理率达到95%以上[1]", False),  # right
        scored("target", ["95%"], "全区污水处理率达到90%以上[1]", False),  # misses the fact
        scored("target", ["95%"], "全区污水处理率达到95%以上；全区污水处理率达到90%以上", False),  # contradicts it
        scored("lead", ["区住建局"], "方案中没有找到能回答这个问题的条款。", True),  # refused: not a given answer
        scored("unanswerable", [], "北京市污水处理率达到95%", False, answerable=False),  # answered: wrong
        scored("unanswerable", [], "现有方案中没有关于北京市的方案。", True, answerable=False),  # refused: right
    ]
    assert [r["wrong_answer"] for r in records] == [0.0, 1.0, 1.0, None, 1.0, None]
    overall = summarize(records)
    assert overall["wrong_answer"] == 0.75 and overall["accuracy"] == pytest.approx(2 / 6)
    by_type = summarize_by(records, "type")
    assert by_type["target"]["wrong_answer"] == pytest.approx(2 / 3)
    assert by_type["lead"]["wrong_answer"] is None and by_type["unanswerable"]["wrong_answer"] == 1.0


def test_two_expected_figures_beside_one_indicator_do_not_contradict_each_other():
    gold = ("考核断面为3个(含)以下的，每月每断面征收50万元，考核断面为4个(含)以上的，每月每断面征收40万元。")
    answer = gold
    assert not contradicts(answer, "50万元", [gold], ["50万元", "40万元"])
    assert contradicts(answer, "50万元", [gold], ["50万元"])  # 40万元 not asked for: another figure beside it
    assert contradicts("以下的，每月每断面征收30万元", "50万元", [gold], ["50万元", "40万元"])


# A year-column table row as the genre parser gives it (zhuzhou-2018/一/表1/r3): the unit is only in the row name.
ZZ_ROW = "指标：城市污水处理率（%）；2018年：92；2019年：94；2020年：95"


def test_a_table_answer_takes_its_unit_from_the_row_name():
    answer = "表1 株洲市水污染防治主要指标：城市污水处理率（%），「2019年：94」[1]"
    assert answer_correct(answer, False, question(expected=("94%",)), [ZZ_ROW])
    assert answer_correct("城市污水处理率（单位：%）：「2019年：94」", False, question(expected=("94%",)), [ZZ_ROW])


def test_a_wrong_cell_value_with_the_unit_in_the_row_name_is_still_wrong():
    assert not answer_correct("表1 株洲市水污染防治主要指标：城市污水处理率（%），「2019年：92」[1]", False,
                              question(expected=("94%",)), [ZZ_ROW])
    # 94 without any unit named is not 94%; nor is 94 inside a larger number, nor 94 of another unit.
    assert not answer_correct("城市污水处理率，「2019年：94」[1]", False, question(expected=("94%",)), [ZZ_ROW])
    assert not answer_correct("城市污水处理率（%），「2019年：940」[1]", False, question(expected=("94%",)), [ZZ_ROW])
    assert not answer_correct("城市污水处理量（万吨），「2019年：94」[1]", False, question(expected=("94%",)), [ZZ_ROW])
    # Two different header units: no unit is guessed.
    assert not answer_correct("处理率（%），处理量（万吨），「2019年：94」[1]", False, question(expected=("94%",)), [ZZ_ROW])
