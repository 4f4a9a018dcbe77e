"""A when-question the word path finds no limit for takes the limit of the clause clearly closest in meaning: the
limit written in the sentence meant, or the task's one limit when the sentence meant is the task's title; never when
the lead in meaning is too small, the sentence meant is a means without a limit, or the clause does not write the
things the question names."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.english_meaning import Closest
from rag.answer.limit_meaning import MARGIN, limit_by_meaning
from rag.answer.query import analyze
from rag.corpus.loader import load_corpus
from rag.types import Hit

# Cut from corpus/ledu-2017.txt (二、(二) item 3 and (三) item 8).
PLAN = (
    "海东市乐都区2017年度水污染防治工作方案\n"
    "二、主要工作任务及分工\n"
    "(二)提升生活污水收集处理,建设污泥处理处置设施。\n"
    "3.全面加强污水管网配套建设。新建污水处理设施的配套管网应同步设计、建设和运行。"
    "到2020年前达到与污水处理设施规模相适应的配套管网建设要求。"
    "(牵头部门:区住房和规划建设局;配合部门:区发展和改革委员会、环境保护局、水务局、财政局)\n"
    "(三)控制农业面源污染,强化农村环境整治。\n"
    "8.规范整治小型餐饮服务业。2017年底前完成辖区内重点河流沿线、景区周边小型接待和餐饮服务业的环境整治工作。"
    "依法取缔集中式饮用水水源地保护区内接待和餐饮服务设施。"
    "(牵头部门:区市场监督管理局;配合部门:区卫生和计划生育局、水务局、文化旅游体育局、环境保护局)\n"
)
RESTAURANTS = "When must Ledu finish cleaning up the small restaurants and guesthouses near its scenic spots?"
# The real embedder's figures for RESTAURANTS on the whole plan: item 8 at 0.8820, 0.0094 ahead of the next clause;
# its closest sentence is the title "8.规范整治小型餐饮服务业。".
MEANT = (0.8820, 0.0094)


def _setup(tmp_path, item: str, sentence: str, score: float = MEANT[0], lead: float = MEANT[1]):
    (tmp_path / "ledu-2017.txt").write_text(PLAN, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    clause = next(c for c in corpus.clauses if c.clause_id.endswith(item))
    hits = [Hit(clause, 1.0, ("dense",), (), sentence)]
    ctx = Context(corpus, lambda text, plans: [], None, lambda text, plans: Closest(clause.clause_id, score, lead))
    return corpus, clause, hits, ctx


def test_the_title_meant_answers_with_the_tasks_one_limit(tmp_path):
    corpus, clause, hits, ctx = _setup(tmp_path, "/8", "8.规范整治小型餐饮服务业。")
    draft = limit_by_meaning(ctx, analyze(RESTAURANTS, corpus.plans, corpus.clauses), hits)
    assert [f["deadline"] for f in draft.facts] == ["2017年底前"]
    assert [c.clause_id for c in draft.citations] == [clause.clause_id] == ["ledu-2017/二/（三）/8"]
    assert "景区周边小型接待和餐饮服务业的环境整治工作" in draft.citations[0].quote


def test_a_means_without_a_limit_of_its_own_is_no_answer(tmp_path):
    corpus, _, hits, ctx = _setup(tmp_path, "/8", "依法取缔集中式饮用水水源地保护区内接待和餐饮服务设施。")
    assert not limit_by_meaning(ctx, analyze(RESTAURANTS, corpus.plans, corpus.clauses), hits).lines


def test_a_small_lead_in_meaning_is_no_answer(tmp_path):
    corpus, _, hits, ctx = _setup(tmp_path, "/8", "8.规范整治小型餐饮服务业。", lead=MARGIN - 0.001)
    assert not limit_by_meaning(ctx, analyze(RESTAURANTS, corpus.plans, corpus.clauses), hits).lines


def test_the_sentence_meant_states_the_limit(tmp_path):
    corpus, clause, hits, ctx = _setup(tmp_path, "/3", "到2020年前达到与污水处理设施规模相适应的配套管网建设要求。",
                                       0.90, 0.012)
    query = analyze("乐都区的配套管网建设什么时候前要达到要求？", corpus.plans, corpus.clauses)
    draft = limit_by_meaning(ctx, query, hits)
    assert [f["deadline"] for f in draft.facts] == ["到2020年前"]
    assert draft.citations[0].clause_id == clause.clause_id == "ledu-2017/二/（二）/3"


def test_a_clause_not_writing_what_the_question_names_is_no_answer(tmp_path):
    """洗车店 and 废水 are things the pipe-network clause never writes: its limit is no answer (a dev near miss)."""
    corpus, _, hits, ctx = _setup(tmp_path, "/3", "到2020年前达到与污水处理设施规模相适应的配套管网建设要求。",
                                  0.8999, 0.0119)
    query = analyze("乐都区的洗车店废水什么时候前要接进污水管网？", corpus.plans, corpus.clauses)
    assert not limit_by_meaning(ctx, query, hits).lines
