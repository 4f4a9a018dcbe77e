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
