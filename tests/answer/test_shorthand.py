"""Keyword-string questions as officials type them: language of a mixed keyword string, the keywords, and the
refusal when the cited text names none of a keyword's words."""
from __future__ import annotations

import pytest

from rag.answer.glossary import mentions
from rag.answer.query import analyze, language_of
from rag.answer.shorthand import keywords, unmatched_keyword
from rag.config import PROJECT_ROOT
from rag.corpus.loader import load_corpus
from rag.normalize import normalize
from rag.types import Citation

CORPUS = load_corpus(PROJECT_ROOT / "corpus")
PLANS = CORPUS.plans

# Cut from liaocheng-2020: the sentence that answers 高唐北湖, and a monitoring sentence that does not.
LAKE = "四个国控断面中，高唐北湖稳定达到地表水III类标准，徒骇河前油坊、马颊河董姑桥、卫运河油坊桥稳定达到地表水V类标准；"
MONITORING = "综合运用自动监测和国家、省、市人工监测数据评判各县（市、区）、市属开发区考核断面月度达标情况。"


@pytest.mark.parametrize(("question", "language"), [
    ("Zhoucun 污水处理率 2020", "zh"),
    ("昌邑 禁养区划定 deadline", "zh"),
    ("Liaocheng 畜禽粪污利用率 target", "zh"),
    ("Who leads 黑臭水体整治 in Zhoucun?", "en"),
    ("What is the sewage treatment rate of Zhoucun in 2020?", "en"),
    ("Zhoucun COD", "en"),
])
def test_language_of_keyword_strings(question, language):
    assert language_of(question) == language


def test_keyword_string_in_english_keyword_is_a_chinese_deadline_question():
    query = analyze("昌邑 禁养区划定 deadline", PLANS)
    assert (query.language, query.intent, query.plan_ids) == ("zh", "deadline", ("changyi-2016",))


def test_keywords_drop_places_and_asking_words():
    assert keywords(analyze("聊城 高唐北湖 水质 几类", PLANS), CORPUS) == ("高唐北湖",)
    assert keywords(analyze("邵东 蒸水水源地 隔离网 完成时间", PLANS), CORPUS)[-1] == "隔离网"
    assert keywords(analyze("周村 污泥 牵头？", PLANS), CORPUS) == ()  # two characters are too short to judge
    assert keywords(analyze("山西省 县城污水处理率到2020年要达到多少?", PLANS), CORPUS) == ("县城污水处理率",)
    assert keywords(analyze("周村 推进污泥安全处置 配合单位有哪些", PLANS), CORPUS) == ("推进污泥安全处置",)
    assert keywords(analyze("聊城高唐北湖的水要稳定达到几类？", PLANS), CORPUS) == ()  # a sentence, not keywords


def _cite(text: str) -> Citation:
    return Citation(1, "liaocheng-2020", "聊城市", "liaocheng-2020/x", "一、", text)


def test_unmatched_keyword_refuses_another_subjects_clause():
    query = analyze("聊城 高唐北湖 水质 几类", PLANS)
    assert unmatched_keyword(query, CORPUS, "", [_cite(MONITORING)]) == "高唐北湖"
    assert unmatched_keyword(query, CORPUS, "", [_cite(LAKE)]) == ""


def test_unmatched_keyword_accepts_a_three_character_run_of_a_long_keyword():
    query = analyze("聊城 人工湿地运行监管 牵头", PLANS)
    assert unmatched_keyword(query, CORPUS, "", [_cite("保障人工湿地水质净化工程的正常运行。")]) == ""


@pytest.mark.parametrize(("word", "official"), [("劣V", "劣Ⅴ类"), ("测土配方", "测土配方施肥"), ("隔离网", "隔离防护网")])
def test_clipped_forms_reach_the_plans_term(word, official):
    assert official in {m.term.official for m in mentions(normalize(word))}
