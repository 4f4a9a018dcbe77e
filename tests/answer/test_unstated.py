"""A yes/no question about one unit's role, answered by a task note that does not name that unit: refused."""
from __future__ import annotations

from rag.answer.draft import Draft
from rag.answer.query import analyze
from rag.answer.unstated import asks_role_yes_no, unnamed_unit, unnamed_unit_refusal

NOTE = "zhoucun-2016/三/（二）/2"  # "…（区住建局牵头，区水务局、区环保分局等参与）"


def _who_draft(corpus) -> Draft:
    """The lead/cooperate answer the who answerer gives for the task of the mini corpus."""
    draft = Draft(corpus)
    n = draft.cite(corpus.clause(NOTE), "（区住建局牵头，区水务局、区环保分局等参与）")
    draft.lines.append(f"牵头：区住建局；配合/参与：区水务局、区环保分局。 [{n}]")
    return draft


def test_a_role_asked_as_yes_or_no_is_told_from_a_who_question(mini_corpus):
    plans = mini_corpus.plans
    assert asks_role_yes_no(analyze("周村区黑臭水体整治，区财政局配合吗？", plans))
    assert asks_role_yes_no(analyze("周村区黑臭水体整治，区财政局是否参与？", plans))
    assert asks_role_yes_no(analyze("Does the finance bureau cooperate on Zhoucun's black and odorous water "
                                    "clean-up?", plans))
    assert not asks_role_yes_no(analyze("周村区黑臭水体整治计划由谁牵头？", plans))
    assert not asks_role_yes_no(analyze("Which departments cooperate on Zhoucun's black and odorous water "
                                        "clean-up?", plans))


def test_a_unit_the_note_does_not_name_is_refused_in_the_language_of_the_question(mini_corpus):
    plans = mini_corpus.plans
    draft = _who_draft(mini_corpus)
    zh = analyze("周村区黑臭水体整治，区财政局配合吗？", plans)
    assert unnamed_unit(zh, draft).term.official == "财政局"
    refused = unnamed_unit_refusal(zh, draft, unnamed_unit(zh, draft))
    assert refused.abstained and refused.lines == ["方案在该任务下没有写明所问的单位；该任务写明的单位见所引条款。"]
    assert [c.clause_id for c in refused.citations] == [NOTE]
    en = analyze("Does the finance bureau cooperate on Zhoucun's black and odorous water clean-up?", plans)
    refused = unnamed_unit_refusal(en, draft, unnamed_unit(en, draft))
    assert refused.lines == ["The plan does not name the finance bureau for this task; the units it does name "
                             "are in the clause cited."]


def test_a_unit_the_note_names_or_a_who_question_keeps_its_answer(mini_corpus):
    plans = mini_corpus.plans
    draft = _who_draft(mini_corpus)
    assert unnamed_unit(analyze("周村区黑臭水体整治，区水务局配合吗？", plans), draft) is None
    assert unnamed_unit(analyze("周村区黑臭水体整治，环保局参与吗？", plans), draft) is None  # 区环保分局
    assert unnamed_unit(analyze("周村区黑臭水体整治计划由哪些单位负责？", plans), draft) is None


def test_a_unit_no_glossary_lists_is_read_from_the_words_before_the_role(mini_corpus):
    # 镇农办 (composed5/moganshan-2019: 河道清淤 names 镇水利站, 镇城建办 only) is no glossary unit.
    draft = _who_draft(mini_corpus)
    asked = unnamed_unit(analyze("周村区黑臭水体整治，镇农办配合吗？", mini_corpus.plans), draft)
    assert asked is not None and asked.surface == "镇农办"
