"""Who leads: a task whose note names only the plan-wide implementers has no lead to give."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.query import analyze
from rag.answer.who import who
from rag.types import Hit, Responsibility, Unit
from tests.conftest import mini_corpus_value

TASK = "zhoucun-2016/三/（一）/1/1"  # 集中治理工业集聚区水污染 (real text in the mini corpus)
TOWNS = (Unit("各镇办", "各镇办"),)


def _corpus(lead: tuple[Unit, ...]):
    base = mini_corpus_value()
    note = Responsibility("zhoucun-2016", TASK, lead, (), TOWNS, "集中治理工业集聚区水污染。", "", TOWNS)
    return replace(base, responsibilities=(*base.responsibilities, note))


def _who(corpus, question: str):
    return who(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans),
               [Hit(corpus.clause(TASK), 1.0, ("bm25",))])


def test_a_lead_question_on_a_task_with_only_plan_wide_implementers_is_refused():
    draft = _who(_corpus(()), "周村区集中治理工业集聚区水污染由哪个部门牵头？")
    assert draft.abstained and draft.lines[0].startswith("方案在该任务下没有写明牵头单位")
    assert [c.clause_id for c in draft.citations] == [TASK]


def test_the_same_task_with_a_lead_of_its_own_is_answered():
    draft = _who(_corpus((Unit("区环保分局", "区环保分局"),)), "周村区集中治理工业集聚区水污染由哪个部门牵头？")
    assert not draft.abstained and draft.lines == ["牵头：区环保分局。 [1]"]


def test_an_implement_question_gets_the_plan_wide_implementers():
    draft = _who(_corpus(()), "周村区集中治理工业集聚区水污染由谁落实？")
    assert not draft.abstained and draft.facts[0]["implementing_units"] == ["各镇办"]


def test_a_told_lead_does_not_pick_the_task():
    # Two notes of one clause cover petrol stations' underground tanks; the question tells the lead (生态环境局),
    # whose words only the second task's text holds (地下水环境监测). The task asked about is the first.
    from rag.answer.task_notes import best_note
    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    clause = corpus.clause("liaocheng-2020/二/（二）/2")
    query = analyze("聊城查那些没改地下油罐的加油站，除了生态环境局，还有哪些部门配合？", corpus.plans, corpus.clauses)
    note, _ = best_note(corpus, query, [Hit(clause, 1.0, ("bm25",))])
    assert [u.name for u in note.cooperating_units] == ["市行政审批局", "市商务投资促进局", "市市场监管局"]


def test_two_notes_that_match_equally_are_both_answered():
    # 乐都 7 (农村环境整治: "“农家乐”等周边水环境整治") and 8 (餐饮服务业: "沿岸“农家乐”等餐饮业产生的生活污水") both
    # hold the question's words; the search rank alone is no reason to name one lead and hide the other.
    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    hits = [Hit(corpus.clause(c), 1.0, ("bm25",)) for c in ("ledu-2017/二/（三）/7", "ledu-2017/二/（三）/8")]
    query = analyze("记者想问：乐都区沿河农家乐的污水整治，牵头单位是谁？", corpus.plans, corpus.clauses)
    draft = who(Context(corpus, lambda text, plans: []), query, hits)
    assert not draft.abstained
    assert [(f["clause_id"], f["lead_units"]) for f in draft.facts] == [
        ("ledu-2017/二/（三）/7", ["区环境保护局"]), ("ledu-2017/二/（三）/8", ["区市场监督管理局"])]



def test_a_question_on_one_part_of_the_area_is_not_answered_by_anothers_task(tmp_path):
    """"乡镇污水处理设施建设" shares more words with the 县城 task "推进城镇污水处理设施建设" (its title) than with
    "开展乡镇污水处理"; the task naming 县城 and no 乡镇 is another part's (rag.answer.fits.names_other_part)."""
    import shutil

    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus
    shutil.copy(PROJECT_ROOT / "tests/fixtures/plans-dev/composed5/xiushui-2018.txt", tmp_path)
    corpus = load_corpus(tmp_path)
    ctx = Context(corpus, lambda text, plans: [])
    hits = [Hit(corpus.clause(cid), 1.0, ("bm25",)) for cid in ("xiushui-2018/二/（2）", "xiushui-2018/二/（3）")]
    draft = who(ctx, analyze("修水县乡镇污水处理设施建设由谁负责？", corpus.plans), hits)
    assert [c.clause_id for c in draft.citations] == ["xiushui-2018/二/（3）"]
    assert "各乡镇人民政府" in draft.text and "县发改委" not in draft.text
