"""A "by when" question is answered by an end, never by a start or a rhythm of the same task."""
from __future__ import annotations

from dataclasses import replace

from rag.answer.draft import Context
from rag.answer.limits import deadline
from rag.answer.query import analyze
from rag.types import Deadline, Hit

# Real text cut from zhoucun-2016/三/（二）/1: a start and a rhythm ("自2017年起，每年向社会公布…").
_ID = "zhoucun-2016/三/（二）/1"
_SPAN = "自2017年起，每年向社会公布治理进展和水环境质量改善情况。"


def _answer(mini_corpus, question: str, kinds: tuple[str, ...]):
    limits = tuple(Deadline("zhoucun-2016", _ID, text, 2017, None, kind, _SPAN)
                   for text, kind in zip(("自2017年起", "每年"), kinds))
    corpus = replace(mini_corpus, deadlines=limits)
    return deadline(Context(corpus, lambda text, plans: []), analyze(question, corpus.plans),
                    [Hit(corpus.clause(_ID), 1.0, ("bm25",))])


def test_by_when_answered_only_by_a_start_is_refused(mini_corpus):
    draft = _answer(mini_corpus, "周村区最晚什么时候前要向社会公布治理进展？", ("from", "periodic"))
    assert draft.abstained and draft.lines == ["方案没有规定所问事项的完成期限。 The plans set no deadline for this."]


def test_from_when_is_answered_by_the_start(mini_corpus):
    draft = _answer(mini_corpus, "周村区从哪年开始向社会公布治理进展？", ("from", "periodic"))
    assert not draft.abstained and draft.lines[0].startswith("期限：自2017年起")


def test_the_limit_of_the_year_asked_is_chosen_over_a_better_covered_other_year():
    # shanxi-2015/二/（一）/1/3 "2016年底前制定…加快重点行业清洁化改造" covers the words best; the year asked is the
    # 2017年底前 sentence of 1/4 that names the industries.
    from rag.config import PROJECT_ROOT
    from rag.corpus.loader import load_corpus

    corpus = load_corpus(PROJECT_ROOT / "corpus")
    hits = [Hit(corpus.clause(c), 1.0, ("bm25",)) for c in ("shanxi-2015/二/（一）/1/3", "shanxi-2015/二/（一）/1/4")]
    query = analyze("山西2017年底前要做清洁化改造的是哪些行业？", corpus.plans, corpus.clauses)
    draft = deadline(Context(corpus, lambda text, plans: []), query, hits)
    assert [(f["clause_id"], f["deadline"]) for f in draft.facts][0] == ("shanxi-2015/二/（一）/1/4", "2017年底前")
