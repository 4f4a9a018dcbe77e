"""Two questions in one ("…要达到多少，谁牵头？"): the who-answer gets the figure too, when the figure's own answer
cites the task the units came from; never a figure from another clause, never a question that asks only who."""
from __future__ import annotations

from rag.answer.draft import Draft
from rag.answer.two_asked import figure_part, joined
from tests.conftest import cited

# Questions cut from fresh dev wording (gn-zh26) and the seeds' sludge task (zhoucun-2016/三/（一）/2/3).
SLUDGE = "周村区污泥无害化处置率要达到多少，谁牵头？"


def test_the_figure_piece_keeps_its_place_and_subject():
    assert figure_part(SLUDGE, "lead") == "周村区污泥无害化处置率要达到多少"
    assert figure_part("梅河口查医药、食品加工厂，多久查一次？公安局参与吗？", "cooperate") == "梅河口查医药、食品加工厂，多久查一次？"
    assert figure_part("海伦开发区污水处理厂建多大规模，谁负责？", "implement") == "海伦开发区污水处理厂建多大规模"


def test_a_question_that_asks_only_who_or_only_a_figure_has_no_second_part():
    assert figure_part("周村区推进污泥安全处置由谁牵头？", "lead") == ""
    assert figure_part("谁负责多少个村的改造？", "lead") == ""  # one piece asks both: the who-answer's own
    assert figure_part(SLUDGE, "target") == ""  # read as a target question: its answer is the figure's


def test_the_who_answer_gets_the_figure_of_its_own_task(fake_assistant):
    answer = fake_assistant.ask(SLUDGE)
    assert cited(answer)[0] == "zhoucun-2016/三/（一）/2/3"
    assert "牵头：区住建局" in answer.answer
    assert "污泥无害化处置率：达到90%以上（2020年底前）" in answer.answer


def _draft(corpus, line: str, clause_id: str) -> Draft:
    draft = Draft(corpus, [line])
    draft.cite(corpus.clause(clause_id))
    return draft


def test_a_figure_from_another_clause_is_not_joined(fake_assistant):
    corpus = fake_assistant.corpus
    units = _draft(corpus, "牵头：区住建局。 [1]", "zhoucun-2016/三/（一）/2/3")
    other = _draft(corpus, "工业集聚区污水集中处理：达到100%。 [1]", "zhoucun-2016/三/（一）/1/1")
    assert joined(units, other).lines == ["牵头：区住建局。 [1]"]


def test_a_figure_the_units_already_state_is_not_repeated(fake_assistant):
    corpus = fake_assistant.corpus
    units = _draft(corpus, "牵头：区住建局；期限：2020年底前。 [1]", "zhoucun-2016/三/（一）/2/3")
    same = _draft(corpus, "期限：2020年底前。 [1]", "zhoucun-2016/三/（一）/2/3")
    assert joined(units, same).lines == ["牵头：区住建局；期限：2020年底前。 [1]"]
