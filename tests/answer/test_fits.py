"""Figure answers fit what is asked: a pollutant asked is named by a cited sentence (rag.answer.fits)."""
from __future__ import annotations

from rag.answer.draft import Context
from rag.answer.fits import pollutant_uncited
from rag.answer.intents import compose
from rag.answer.query import analyze
from rag.types import Citation, Hit

_PLANT = "zhoucun-2016/三/（一）/2"  # "…出水水质COD、氨氮指标分别达到40mg/L和2mg/L，其他指标达到一级A标准要求。"


def _citation(corpus, clause_id: str, quote: str) -> Citation:
    clause = corpus.clause(clause_id)
    return Citation(1, clause.plan_id, "", clause_id, " / ".join(clause.path), clause.text, quote)


def test_a_pollutant_asked_must_be_named_by_the_cited_sentence(mini_corpus):
    quote = "全区城镇污水处理厂于2017年底出水水质COD、氨氮指标分别达到40mg/L和2mg/L"
    cited = [_citation(mini_corpus, _PLANT, quote)]
    asked = lambda question: analyze(question, mini_corpus.plans)  # noqa: E731
    assert pollutant_uncited(asked("周村区污水处理厂出水总磷要达到多少？"), cited, mini_corpus.clause)
    assert not pollutant_uncited(asked("周村区污水处理厂出水氨氮要达到多少？"), cited, mini_corpus.clause)
    assert not pollutant_uncited(asked("周村区污水处理厂出水化学需氧量要达到多少？"), cited, mini_corpus.clause)  # COD
    # A rate indicator is left to the other checks: the plans word it too variously.
    assert not pollutant_uncited(asked("周村区污水处理率要达到多少？"), cited, mini_corpus.clause)


def test_another_pollutants_figure_is_refused_not_answered(mini_corpus):
    ctx = Context(mini_corpus, lambda text, plans: [])
    hits = [Hit(mini_corpus.clause(_PLANT), 1.0, ("bm25",))]
    refused = compose(ctx, analyze("周村区污水处理厂出水总磷浓度要达到多少mg/L？", mini_corpus.plans), hits)
    assert refused.abstained and "40mg" not in refused.text
    answered = compose(ctx, analyze("周村区污水处理厂出水氨氮浓度要达到多少mg/L？", mini_corpus.plans), hits)
    assert not answered.abstained and "2mg/l" in answered.text.lower()
