"""A who-question whose words do not map to its task's words finds the task by meaning (the embedder's similarity
of the question to each noted task), only when one task is clearly the closest and its text carries the specifics
the question names; the word path stays first."""
from __future__ import annotations

import pytest

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.task_meaning import FLOOR, MARGIN, task_by_meaning, task_text, unstated_specific
from rag.answer.who import who
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from jimo-2018.txt (tests/fixtures/plans-dev/composed27: 三、重点任务 1-3).
PLAN = (
    "即墨区2018年水污染防治工作方案\n"
    "三、重点任务\n"
    "1.完成墨水河流域截污工程。2018年9月底前完成墨水河城区段沿岸截污管网铺设18公里，消除直排口。\n"
    "牵头单位：区住建局；配合单位：区城管局、通济街道办事处\n"
    "2.推进镇级污水处理厂建设。2018年12月底前建成移风店镇、田横镇2座镇级污水处理厂。\n"
    "牵头单位：区住建局；配合单位：区发改局；落实单位：移风店镇人民政府、田横镇人民政府\n"
    "3.整治化工、印染企业。2018年8月底前完成蓝村街道、段泊岚镇化工、印染企业废水提标改造。\n"
    "牵头单位：区经信局；配合单位：区环保分局\n"
)


def _setup(tmp_path, cosines: dict[str, float]):
    """The plan's corpus, its noted clauses as hits, and a context whose `similar` gives each task text's cosine by
    a phrase of its text (figures like the real embedder's, without loading it)."""
    (tmp_path / "jimo-2018.txt").write_text(PLAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    noted = [c for c in corpus.clauses if corpus.notes_of(c.clause_id)]
    hits = [Hit(clause, 1.0 - 0.1 * k, ("dense",)) for k, clause in enumerate(noted)]

    def similar(question: str, texts) -> list[float]:
        return [next((v for k, v in cosines.items() if k in text), 0.5) for text in texts]

    return corpus, hits, Context(corpus, lambda text, plans: [], similar)


QUESTION = "Who leads getting the dyeing factories to clean their effluent in Jimo?"


def test_the_closest_task_by_meaning_answers_a_question_its_words_miss(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, {"整治化工": FLOOR + 0.03, "推进镇级": FLOOR - 0.05, "完成墨水河": FLOOR - 0.04})
    draft = who(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits)
    assert not draft.abstained
    assert draft.facts[0]["lead_units"] == ["区经信局"]
    assert draft.citations[0].clause_id == "jimo-2018/三/3"


def test_two_tasks_about_as_close_are_no_answer(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, {"整治化工": FLOOR + 0.03, "推进镇级": FLOOR + 0.03 - MARGIN / 2})
    draft = who(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits)
    assert draft.abstained and not draft.facts


def test_a_task_under_the_floor_is_no_answer(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, {"整治化工": FLOOR - 0.01})
    assert task_by_meaning(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits) is None


def test_a_year_the_task_does_not_write_is_no_answer(tmp_path):
    corpus, hits, ctx = _setup(tmp_path, {"整治化工": FLOOR + 0.05})
    asked = analyze("Who leads getting the dyeing factories to clean their effluent in Jimo by 2019?", corpus.plans,
                    corpus.clauses)
    assert task_by_meaning(ctx, asked, hits) is None
    assert task_by_meaning(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits) is not None


def test_a_question_naming_nothing_the_task_writes_is_no_answer(tmp_path):
    """"Sponge city" (海绵城市) is a task of the glossary this plan never writes: the closest task is a neighbour."""
    corpus, hits, ctx = _setup(tmp_path, {"完成墨水河": FLOOR + 0.05})
    asked = analyze("Who leads building the sponge city in Jimo?", corpus.plans, corpus.clauses)
    assert task_by_meaning(ctx, asked, hits) is None


def test_without_an_embedder_only_the_word_path_answers(tmp_path):
    corpus, hits, _ = _setup(tmp_path, {})
    draft = who(Context(corpus, lambda text, plans: []), analyze(QUESTION, corpus.plans, corpus.clauses), hits)
    assert draft.abstained and not draft.facts


def test_a_task_text_is_its_heading_and_first_sentence():
    assert task_text("加快农村环境综合整治。", "加快农村环境综合整治。实行农村环境基础设施统一规划。") == "加快农村环境综合整治"
    assert task_text("（二）保障饮用水安全", "建成桃林镇污水处理设施；完成验收") == "（二）保障饮用水安全 建成桃林镇污水处理设施"


@pytest.mark.slow
def test_the_real_embedder_finds_the_task_and_refuses_a_task_the_plan_lacks(real_assistant):
    """Over the seed plans with multilingual-e5-small: "sealing and backfilling abandoned mine shafts" is the
    sentence 报废矿井、钻井、取水井应实施封井回填 of Zhoucun's groundwater task, whose words the glossary only half
    maps; "rural toilet renovation" (厕所革命) is no task of Zhoucun's plan, and its closest task is not taken."""
    found = real_assistant.ask("Which departments are in charge of sealing and backfilling abandoned mine shafts "
                               "and water wells in Zhoucun District?")
    assert not found.abstained
    assert found.facts[0]["lead_units"] == ["区环保分局", "区国土资源分局"]
    assert found.citations[0].clause_id == "zhoucun-2016/三/（二）/3/2"
    assert real_assistant.ask("Who leads the rural toilet renovation in Zhoucun?").abstained


def test_a_task_whose_first_sentence_is_only_its_heading_is_found_by_its_first_two(tmp_path):
    # "3.整治化工、印染企业。" says little; its second sentence names the works (蓝村街道…废水提标改造), which the
    # question is near. The first sentence finds no task; the first two, at their own floor and margin, do.
    from rag.answer.task_meaning import FLOOR_TWO

    corpus, hits, ctx = _setup(tmp_path, {"蓝村街道": FLOOR_TWO + 0.02})
    draft = who(ctx, analyze(QUESTION, corpus.plans, corpus.clauses), hits)
    assert not draft.abstained
    assert draft.facts[0]["lead_units"] == ["区经信局"]
    assert draft.citations[0].clause_id == "jimo-2018/三/3"
    assert task_text("3.整治化工、印染企业。", "3.整治化工、印染企业。2018年8月底前完成蓝村街道。牵头", 2) \
        == "3.整治化工、印染企业。2018年8月底前完成蓝村街道。"


def test_a_baseline_year_is_not_the_year_of_the_task():
    # "比2015年下降10%" sets nothing for 2015 (about.states_year): a 2015 question is not this task's
    asked = analyze("哪个部门牵头2015年的化学需氧量减排？", (), ())
    assert unstated_specific(asked, "化学需氧量排放总量比2015年下降10%") == "2015"
    assert unstated_specific(asked, "2015年化学需氧量排放总量下降10%") == ""
