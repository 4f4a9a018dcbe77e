"""Everyday questions of the kinds that missed (issue 11): by-when against since-when limits, a year the quoted
sentence does not state, a lead told and the cooperating units asked, an everyday word for the plans' term in a
who question, a bracketed alternative naming the asker's kind of actor."""
from __future__ import annotations

import pytest
from conftest import cited

from rag.answer.answered import other_years_only
from rag.answer.draft import Draft
from rag.answer.glossary import other_actor
from rag.answer.limits import asked_kinds, deadline
from rag.answer.query import analyze
from rag.answer.who import who
from rag.types import Hit


@pytest.fixture
def assistant(fake_assistant):
    return fake_assistant


def hits_of(assistant, *clause_ids):
    return [Hit(assistant.corpus.clause(cid), 1.0 - rank / 10, ("bm25",)) for rank, cid in enumerate(clause_ids)]


def ask(assistant, text):
    return analyze(text, assistant.corpus.plans, assistant.corpus.clauses)


RIVERS = "zhoucun-2016/三/（二）/1"  # "2016年底前制定并下发…达标方案。自2017年起，每年向社会公布治理进展…"


def test_by_when_and_since_when_ask_different_kinds_of_limit(assistant):
    assert asked_kinds(ask(assistant, "周村区禁养区里的养猪场，最晚啥时候要关掉？")) == {"by", "bare"}
    assert asked_kinds(ask(assistant, "周村区从哪年开始每年公布河流治理进展？")) == {"from", "periodic"}
    assert asked_kinds(ask(assistant, "周村区什么时候公布河流治理进展？")) == frozenset()
    since = deadline(assistant.context, ask(assistant, "周村区河流治理进展从哪年开始向社会公布？"),
                     hits_of(assistant, RIVERS))
    assert [f["deadline"] for f in since.facts] == ["自2017年起", "每年"]


def test_a_quote_stating_only_other_years_answers_no_question_about_this_year(assistant):
    query = ask(assistant, "山西太原市到2018年黑臭水体要消除多少条？")
    clause = assistant.corpus.clause("shanxi-2015/一/（三）/p2")
    draft = Draft(assistant.corpus)
    draft.lines.append("「…」[1]")
    draft.cite(clause, "到2030年,全省主要河流水质优良比例总体达到75%以上")
    assert other_years_only(query, draft)
    draft2 = Draft(assistant.corpus)
    draft2.lines.append("「…」[1]")
    draft2.cite(clause, "2018年,太原市建成区黑臭水体消除")
    assert not other_years_only(query, draft2)


@pytest.mark.parametrize("text", ["乐都禁养区里的养殖场关停搬迁，农牧局牵头，哪个部门配合？",
                                  "周村建污水处理厂，除了住建局牵头，还有哪些部门参与？"])
def test_a_lead_told_and_the_cooperating_units_asked_is_a_cooperate_question(assistant, text):
    assert ask(assistant, text).intent == "cooperate"
    assert ask(assistant, "周村建污水处理厂由哪个部门牵头？").intent == "lead"


def test_an_everyday_word_for_the_plans_term_finds_the_task_of_a_who_question(assistant):
    query = ask(assistant, "周村要关掉厂里自己打的井，这事除了牵头的，还有哪些部门参与？")
    draft = who(assistant.context, query, hits_of(assistant, "zhoucun-2016/三/（二）/3/1"))
    assert not draft.abstained and cited(draft)[0] == "zhoucun-2016/三/（二）/3/1"
    assert draft.facts[0]["cooperating_units"] == ["区发改局", "区经信局", "区财政局", "区住建局"]


def test_a_bracketed_alternative_names_the_askers_kind_of_actor():
    sentence = "自2016年起,新建、改建、扩建规模化畜禽养殖场(小区)要实施雨污分流、粪便污水资源化利用。"
    assert other_actor(sentence, ("养殖小区", "畜禽养殖小区")) == ""
    assert other_actor(sentence, ("餐饮",)) != ""


def test_units_of_a_responsibility_note_answer_a_who_question_worded_as_a_list(assistant):
    # 昌邑's note "(开发区、实验区)" names areas, not bureaus: no unit suffix, yet the note's units are the answer.
    from rag.answer.intents import compose

    query = ask(assistant, "昌邑区工业集聚区的污水集中处理，由哪些单位负责？")
    assert query.intent == "list"
    draft = compose(assistant.context, query, hits_of(assistant, "changyi-2016/三/（六）/3"))
    assert not draft.abstained and draft.lines[0] == "落实/责任：开发区、实验区。 [1]"


def test_of_two_notes_about_the_subject_the_one_naming_the_role_asked_answers(assistant):
    # Both 聊城 tasks speak of 生态赔偿金; only the publicity task names cooperating units.
    query = ask(assistant, "聊城每个月在媒体上公开哪个县断面没达标、交了多少赔偿金，这事哪些单位配合？")
    draft = who(assistant.context, query, hits_of(assistant, "liaocheng-2020/三/（五）", "liaocheng-2020/三/（二）"))
    assert not draft.abstained and cited(draft) == ["liaocheng-2020/三/（五）"]
    assert draft.facts[0]["cooperating_units"] == ["市政府办公室", "聊城报业传媒集团", "聊城市广播电视台"]


def test_an_industry_the_plan_enumerates_by_its_bare_name_is_written(assistant):
    # 周村 writes "小型造纸、制革、印染…": a question on 印染厂 is not about a term the plan never writes.
    from rag.answer.absent import missing_reason

    query = ask(assistant, "咱们周村那些小造纸、小印染厂，最晚啥时候全部取缔？")
    assert missing_reason(assistant.corpus, query, hits_of(assistant, "zhoucun-2016/三/（三）/2/2")) == ""
