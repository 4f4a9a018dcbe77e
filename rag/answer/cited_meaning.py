"""Whether the clause an answer cites is, by meaning, among the clauses the question is about.

The word paths find a clause that shares the question's words; on a near miss it is a neighbour of the thing asked
(汝州's 2020 black-water target quoted for "2019年乡镇污水处理率", a whole plan's 乡镇 figure for one named town, the
table of every project for "how many kilometres of sewer"). The retriever's multilingual embedder has already
placed the question among the clauses and sentences of the plans asked, so the guard reads that placing: the answer
is refused when its first cited clause is not among the RANK_FLOOR - 1 clauses closest in meaning (a clause scoring
as its best sentence, as the dense search scores it) and the closest clause it does not cite is ahead of it by more
than MARGIN. Only the question is embedded (the vector the dense search already made and cached).

Calibrated on every dev answer the code gave before the guard (everyday dev 1,644 answers, 33 wrong; genre dev
1,530 answers, 29 wrong; features exact over all clause and sentence vectors of the plans asked). Wrong removed /
right lost by the cited clause's margin to the closest uncited clause and its rank:

    setting                          genre     everyday
    margin < -0.030, any rank        1/0       0/0
    margin < -0.025, any rank        2/0       0/5
    margin < -0.015, any rank        3/2       0/19
    margin < -0.015, rank >= 3       3/0       0/16
    margin < -0.010, rank >= 3       3/9       3/31
    margin <  0.000, any rank        10/90     12/235

No setting removes two wrong answers per right one lost on both splits, except one that removes a single answer
(溧阳长荡湖的养鱼围网要拆多少 answered with 长荡湖总磷, margin -0.055). The quoted sentence's own score, its margin,
the cited clause's score, the least margin over all citations, and the gap between the quoted sentence and the
clause's best sentence separate no better (at best 1 wrong per 5 right lost). A near-miss question
("嵩口镇生活污水处理率", "长荡湖水质几类") is closest in meaning to the very sentence that holds its neighbour's figure
(rank 1, ahead by 0.02), as close as right answers are to theirs. NOT KEPT: this module is wired on the branch
s25-verify only to record the measurement.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.normalize import normalize
from rag.types import Citation, Hit

RANK_FLOOR = 3  # the cited clause must be outside the two closest clauses in meaning …
MARGIN = 0.015  # … and this far behind the closest clause the answer does not cite
DEPTH = 24  # dense hits read: a plan's clauses closest to the question; a cited clause below them is far behind


@dataclass(frozen=True)
class Placing:
    """Where the first cited clause stands among the clauses closest in meaning to the question."""

    rank: int  # 1 = closest; clauses the answer also cites, and copies of them, are not counted
    score: float  # its dense score (clause or best sentence); the last hit's score when it is below them all
    elsewhere: float  # the dense score of the closest clause the answer does not cite

    @property
    def margin(self) -> float:
        return self.score - self.elsewhere


def placing(dense: Sequence[Hit], citations: Sequence[Citation]) -> Placing | None:
    """The first cited clause's place among dense hits (best first), or None without hits or citations."""
    if not dense or not citations:
        return None
    first = citations[0].clause_id
    cited = {c.clause_id for c in citations}
    cited_texts = {normalize(c.text) for c in citations}
    own = next((hit.score for hit in dense if hit.clause.clause_id == first), None)
    others = [hit for hit in dense if hit.clause.clause_id not in cited and normalize(hit.clause.text) not in cited_texts]
    if not others:
        return None
    score = own if own is not None else dense[-1].score
    rank = 1 + sum(1 for hit in others if hit.score > score) if own is not None else len(dense) + 1
    return Placing(rank, score, others[0].score)


def cited_elsewhere(found: Placing | None, rank_floor: int = RANK_FLOOR, margin: float = MARGIN) -> bool:
    """Whether the question is clearly about other clauses than the one the answer cites first."""
    return found is not None and found.rank >= rank_floor and found.margin < -margin


ELSEWHERE = "找到的条款按意思并不是所问的那一项；与问题最接近的是方案的其他条款。"


def elsewhere_by_meaning(retriever, text: str, plan_ids: Sequence[str] | None,
                         citations: Sequence[Citation]) -> bool:
    """The guard over an answer: the retriever's dense search (a backend without one: no guard) over the plans
    asked, or the plans cited when the question names none."""
    search_dense = getattr(retriever, "search_dense", None)
    if search_dense is None or not citations:
        return False
    plans = list(plan_ids or dict.fromkeys(c.plan_id for c in citations))
    return cited_elsewhere(placing(search_dense(text, k=DEPTH, plan_ids=plans), citations))
