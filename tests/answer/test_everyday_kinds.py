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


def test_an_everyday_word_for_a_part_of_the_area_picks_that_part_s_target(assistant):
    # "到2020年年底，聊城主城区及临清市污水处理率达到98%以上，各县城污水处理率达到90%以上，…建制镇污水处理率达到70%以上"
    answer = assistant.ask("聊城镇上的污水处理率要到多少？")
    assert cited(answer) == ["liaocheng-2020/二/（三）/1"]
    assert answer.answer.startswith("建制镇污水处理率：达到70%以上") and "98%以上（" not in answer.answer
    county = assistant.ask("聊城县里的污水处理率要到多少？")
    assert county.answer.startswith("各县城污水处理率：达到90%以上")


def test_a_compound_of_everyday_words_reaches_the_indicator(assistant):
    answer = assistant.ask("聊城养殖场的粪便综合利用率2020年要到多少？")
    assert not answer.abstained
    assert cited(answer) == ["liaocheng-2020/二/（四）/3"]
    assert answer.answer.startswith("畜禽粪污综合利用率：达到81％")


def test_how_to_handle_a_thing_after_a_comma_asks_no_consequence():
    # "达不到规模，猪粪要怎么处理" asks what to do with the manure; 乐都 writes "对达不到规模的养殖专业户,要结合农村
    # 环境综合整治,实现畜禽粪便收集后处理利用。"
    from rag.answer.answered import _CONSEQUENCE_ASKED

    assert not _CONSEQUENCE_ASKED.search("我在乐都家里养了十几头猪,达不到规模,猪粪要怎么处理?")
    assert _CONSEQUENCE_ASKED.search("乐都考核不合格的怎么处理?")
    assert _CONSEQUENCE_ASKED.search("完不成任务,会怎么样?")
    assert _CONSEQUENCE_ASKED.search("偷排被查到了,会怎么处理?")


def test_a_permission_asked_is_answered_by_the_sentence_that_permits(assistant):
    # shanxi-2015/二/（一）/3/2 ends "鼓励废水经处理后回用于场区园林绿化和周边农田灌溉。"; 浇地 is the farmer's 农田灌溉
    from rag.answer.quotes import obligation

    # the sentence vectors find the permitting sentence closest, as the real embedder does
    first, second = hits_of(assistant, "shanxi-2015/二/（一）/3/1", "shanxi-2015/二/（一）/3/2")
    closest = Hit(second.clause, second.score, ("dense",), sentence="鼓励废水经处理后回用于场区园林绿化和周边农田灌溉。")
    draft = obligation(assistant.context, ask(assistant, "我是山西的养殖户，养殖场的废水处理完能浇地吗？"), [first, closest])
    assert "- 「鼓励废水经处理后回用于场区园林绿化和周边农田灌溉。」[2]" in draft.lines


def test_a_place_and_its_county_town_or_city_proper_keep_the_part_named(assistant):
    # "聊城市区": the plan's region 聊城市 and the part 市区; "乐都区…" names no part
    assert ask(assistant, "聊城市区的污水处理率要到多少？").scopes == (("城区", "市区", "城市", "城里", "建成区"),)
    assert ask(assistant, "聊城市污水处理率要到多少？").scopes == ()


def test_the_question_s_own_long_phrase_written_in_the_plan_is_no_missing_indicator(tmp_path):
    # xichuan-2014 writes "县城集中饮用水源地水质达标率100%": the question's "饮用水源地水质达标率" names it,
    # though the glossary reads it as 集中式饮用水水源地水质达标率, which the plan never writes whole
    import shutil
    from pathlib import Path

    from rag.answer.absent import missing_reason
    from rag.corpus.loader import load_corpus

    shutil.copy(Path(__file__).parents[1] / "fixtures/plans-dev/xichuan-2014.txt", tmp_path)
    corpus = load_corpus(tmp_path)
    query = analyze("淅川县到2017年末县城集中饮用水源地水质达标率要达到多少？", corpus.plans, corpus.clauses)
    assert query.indicator == "集中式饮用水水源地水质达标率"
    assert missing_reason(corpus, query, []) == ""
