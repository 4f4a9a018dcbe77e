"""An English who-question naming a water but no task the plans have (fish restocking) is refused."""
from __future__ import annotations

from rag.answer.query import analyze
from rag.answer.unnamed_task import unnamed_task


def test_a_who_question_whose_task_the_glossary_never_writes_is_unnamed(mini_corpus):
    unnamed = lambda text: unnamed_task(analyze(text, mini_corpus.plans))  # noqa: E731
    assert unnamed("Which department leads fish restocking in the Xiaofu River in Zhoucun?")
    assert not unnamed("Who is in charge of the Xiaofu River in Zhoucun?")
    assert not unnamed("Who leads the dredging of the Xiaofu River in Zhoucun?")  # dredging: a glossary word
    assert not unnamed("Is the water bureau in charge of groundwater management in Zhoucun?")
    assert not unnamed("When must Zhoucun finish fish restocking in the Xiaofu River?")  # not a who-question
