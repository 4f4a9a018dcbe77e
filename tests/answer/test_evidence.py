"""Evidence coverage: how much of a question's subject a clause holds (pure, on literals)."""
import pytest

from rag.answer.evidence import (
    NO_CLAUSE,
    Evidence,
    Floors,
    abstain_reason,
    bigrams,
    content_of,
    coverage,
    needs_dense,
)

CLAUSE = "推进污泥安全处置。2020年底前污泥无害化处置率达到90%以上。（区住建局牵头，区发改局、区环保分局等参与）"


def test_asking_words_are_not_the_subject():
    assert content_of("推进污泥安全处置由谁牵头？").split() == ["推进污泥安全处置由", "?"]
    assert "牵头" not in content_of("哪个部门牵头污泥处置")


def test_bigrams_of_han_runs_and_tokens():
    assert bigrams("污泥处置 2020年 95% x") == {"污泥", "泥处", "处置", "2020", "95%", "年"}


def test_coverage_is_the_share_of_subject_bigrams_found():
    assert coverage("污泥处置", CLAUSE) == 2 / 3  # 污泥, 处置 found; 泥处 not
    assert coverage("海水淡化", CLAUSE) == 0.0
    assert coverage("", CLAUSE) == 0.0


def test_single_digits_and_markup_are_no_evidence():
    # "<img src=x onerror=alert(1)>" once matched every clause holding a "1".
    assert coverage(content_of("<img src=x onerror=alert(1)>"), "第1条 任务") == 0.0


FLOORS = Floors(lexical=0.18, dense=0.92, dense_en=0.85)


def _evidence(**changes) -> Evidence:
    base = dict(unknown_places=(), plan_named=True, comparison=False, hits=8, lexical=0.5, dense=None, language="zh")
    return Evidence(**{**base, **changes})


@pytest.mark.parametrize("changes, reason", [
    ({}, ""),  # words covered: answer
    ({"unknown_places": ("北京市",), "plan_named": False, "hits": 0}, "现有方案中没有关于北京市的方案。"),
    ({"unknown_places": ("淄博市",)}, ""),  # a parent of a named plan's place
    ({"hits": 0}, NO_CLAUSE),
    ({"lexical": 0.1, "dense": 0.93}, ""),  # close in meaning
    ({"lexical": 0.1, "dense": 0.90}, NO_CLAUSE),
    ({"lexical": 0.1, "dense": 0.86, "language": "en"}, ""),  # English meets Chinese clauses in meaning only
    ({"lexical": 0.0, "hits": 0, "comparison": True}, ""),  # comparisons are judged per plan
])
def test_abstention_rule(changes, reason):
    assert abstain_reason(_evidence(**changes), FLOORS) == reason


def test_dense_is_needed_only_when_words_fall_short():
    assert not needs_dense(_evidence(lexical=0.5), FLOORS)
    assert needs_dense(_evidence(lexical=0.1), FLOORS)
    assert not needs_dense(_evidence(lexical=0.1, hits=0), FLOORS)


def test_content_keeps_words_that_hold_an_asking_character():
    # 集中式 and 有机肥 hold 中 and 有, which alone ask nothing; whole asking words and fillers still go
    assert content_of("集中式饮用水水源地谁牵头？").split() == ["集中式饮用水水源地", "?"]
    assert content_of("有机肥的使用要求是什么").split() == ["有机肥", "使用"]
    assert content_of("咱们村的生活污水这块咋处理").split() == ["村", "生活污水", "处理"]
    assert content_of("Who leads the plan for water").split() == ["leads", "water"]  # not "w ter"


def test_a_town_some_plan_writes_is_no_unknown_place(tmp_path):
    from rag.answer.evidence import uncovered
    from rag.answer.query import analyze
    from rag.corpus.loader import load_corpus
    from tests.corpus.test_genre_composed7 import YUEXI  # a county plan naming its towns in a task

    (tmp_path / "yuexi-2019.txt").write_text(YUEXI, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    query = analyze("温泉镇要新建污水处理站吗？什么时候？", corpus.plans)
    assert query.unknown_places == ("温泉镇",)  # below the gazetteer: the analysis alone cannot place it
    texts = [corpus.plan_text(plan.plan_id) for plan in corpus.plans]
    assert uncovered(query.unknown_places, texts) == ()
    assert uncovered(("黎里镇", "桓台县"), texts) == ("黎里镇", "桓台县")  # a county is placed by the gazetteer


def test_a_town_one_plan_alone_writes_asks_that_plan(tmp_path):
    # Fresh dev plans (gn-zh26): "大口屯镇、黄庄镇…" named no plan, and the answer came from another county's clause.
    from rag.answer.evidence import town_scope
    from rag.assistant import Assistant
    from rag.config import Settings
    from rag.corpus.loader import load_corpus
    from tests.corpus.test_genre_composed7 import LONGQUAN, YUEXI

    (tmp_path / "yuexi-2019.txt").write_text(YUEXI, encoding="utf-8")
    (tmp_path / "longquan-2020.txt").write_text(LONGQUAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assistant = Assistant(Settings(corpus_dir=tmp_path), corpus, None)
    query = assistant.understand("温泉镇要新建污水处理站吗？什么时候？", None, None)
    assert (query.plan_ids, query.unknown_places) == (("yuexi-2019",), ())
    texts = {plan.plan_id: corpus.plan_text(plan.plan_id) for plan in corpus.plans}
    both = {**texts, "other-2019": "…温泉镇污水处理站…"}
    assert town_scope(("温泉镇",), (), both) == {"unknown_places": (), "plan_ids": ()}  # two plans write it: neither
    assert town_scope(("温泉镇",), ("longquan-2020",), texts)["plan_ids"] == ("longquan-2020",)  # a plan asked stays
    assert town_scope(("黎里镇",), (), texts) == {"unknown_places": ("黎里镇",), "plan_ids": ()}
