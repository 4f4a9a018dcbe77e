"""The scorer's contradiction check reads the figures an answer states, not its verbatim quote of the gold clause
(evals.metrics.without_source_quotes)."""
from evals.metrics import answer_correct

# bishan-2018/一/p1 (composed17): two indicators of one sentence share the 8 characters before their figures.
_GOLD = ("2018年，城市污水集中处理率达到94%，乡镇污水集中处理率达到82%。到2020年，城市污水集中处理率达到95%以上，"
         "乡镇污水集中处理率达到85%以上，再生水利用率达到20%。")
_QUESTION = {"answerable": True, "type": "target", "expected": ["95%以上"]}
_QUOTE = "「到2020年，城市污水集中处理率达到95%以上，乡镇污水集中处理率达到85%以上，再生水利用率达到20%。」[1]"


def test_a_stated_figure_with_its_source_quote_is_right():
    assert answer_correct(f"城市污水集中处理率：达到95%以上（2020年）。原文：{_QUOTE}", False, _QUESTION, [_GOLD])


def test_a_wrong_stated_figure_and_a_quote_only_answer_are_judged_as_before():
    assert not answer_correct("城市污水集中处理率：达到94%（2018年）。原文：「城市污水集中处理率达到94%」", False, _QUESTION, [_GOLD])
    assert not answer_correct(_QUOTE, False, _QUESTION, [_GOLD])
