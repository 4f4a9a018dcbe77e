"""Composed21 forms (dev plans): an amount before 的 that says which actors a duty binds, and a sentence that
points to the task table."""
from rag.corpus.clauses import task_title
from rag.corpus.targets import find_targets
from tests.conftest import make_clause


def _indicators(text: str) -> list[tuple[str, str]]:
    clause = make_clause("maiji-2018/二/（八）", "section", ("二、主要任务", "（八）工业节水和再生水利用。"), text)
    return [(t.indicator, t.value_text) for t in find_targets(clause, 2018)]


def test_an_amount_before_de_is_a_threshold_not_a_target():
    # maiji-2018: 10万立方米 says which enterprises test their water balance; the 20% is the plan's target.
    text = ("（八）工业节水和再生水利用。对年用水量10万立方米以上的重点用水企业开展水平衡测试，2019年底前完成；"
            "城区污水处理厂再生水利用率2020年达到20%，优先用于城市绿化、道路清扫和工业冷却。")
    assert _indicators(text) == [("城区污水处理厂再生水利用率", "20%")]
    # xiangdong-2019: "超过5万立方米的工业企业" is who installs meters, not a level of water use.
    assert _indicators("15.严格取水许可管理，对年取水量超过5万立方米的工业企业全部安装在线计量设施，2019年12月底前完成。") == []


def test_a_sentence_pointing_to_the_table_names_no_task():
    # huangyan-2020's 重点任务 paragraph, and nanchong-2018's (composed6).
    assert task_title("具体任务分工见下表。表中牵头单位负责统筹推进，责任单位按职责抓好落实。") == ""
    assert task_title("各项任务的责任分工和完成时限见附件。") == ""
    assert task_title("推进污泥安全处置。加快污泥") == "推进污泥安全处置。"
